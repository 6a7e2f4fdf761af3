// Under the enforced Content-Security-Policy (scripts only from the site and with the page's
// nonce, no inline styles), every public page and every page of the organizers' workspace loads,
// hydrates and works, and the browser reports no violation of the policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, open, signIn, organizer } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const publicPages = [
  '/',
  '/members',
  '/assemblies/13',
  '/assemblies/13/agenda',
  '/assemblies/13/live',
  '/assemblies/13/projector',
  '/assemblies/13/minutes',
  // Nothing is published on the shared server (`plenary demo --planned`): its not-found page,
  // which runs under the policy too.
  ['/assemblies/13/news?lang=ko', 404],
  '/login',
];
const workspacePages = [
  '/manage',
  '/manage/assemblies/13',
  '/manage/assemblies/13/control',
  '/manage/assemblies/13/record',
  '/manage/assemblies/13/attendance',
  '/manage/register',
  '/manage/users',
  '/manage/audit',
];

// A context that collects every violation of the policy the browser sees, two ways: the
// `securitypolicyviolation` event (from a script the browser injects itself, which the page's
// policy does not govern) and Chromium's console error for a refused resource.
async function watchedContext() {
  const context = await browser.newContext();
  const violations = [];
  await context.exposeFunction('plenaryPolicyViolation', (v) => violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.plenaryPolicyViolation(`${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      violations.push(`console: ${message.text()}`);
    }
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, violations, errors };
}

// Opens `path`, waits for hydration, and checks that the policy came with it: scripts need the
// nonce the page's own scripts carry, and nothing inline runs otherwise.
async function visit(page, path, status = 200) {
  const response = await open(page, path);
  assert.equal(response.status(), status, path);
  const policy = response.headers()['content-security-policy'] ?? '';
  const scripts = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? '';
  assert.match(scripts, /'nonce-[^']+'/, `${path}: ${policy}`);
  assert.doesNotMatch(scripts, /unsafe-inline/, `${path}: ${policy}`);
  assert.match(policy, /frame-ancestors 'none'/, `${path}: ${policy}`);
  const nonce = scripts.match(/'nonce-([^']+)'/)[1];
  // The nonce attribute is hidden from the DOM once parsed; its property still holds it. An
  // empty <script> (leptos_i18n writes one) runs nothing and needs none.
  const nonces = await page.evaluate(() => [...document.querySelectorAll('script')]
    .filter((s) => s.src || s.textContent.trim())
    .map((s) => s.nonce));
  assert.ok(nonces.length > 0, `${path} has scripts`);
  for (const n of nonces) assert.equal(n, nonce, path);
}

test('every page runs under the policy without a violation', async () => {
  const { context, page, violations, errors } = await watchedContext();
  for (const entry of publicPages) await visit(page, ...[entry].flat());

  // Hydration works under the policy: the agenda's filter, which only the wasm app runs.
  await visit(page, '/assemblies/13/agenda');
  const count = page.locator('.filter .count');
  assert.equal(await count.innerText(), 'Showing 22 of 22 items');
  await page.fill('#agenda-filter', 'ban ki-moon');
  await page.waitForFunction(() => document.querySelector('.filter .count')?.textContent === 'Showing 1 of 22 items', null, { timeout: 10000 });

  await signIn(page, organizer);
  for (const path of workspacePages) await visit(page, path);
  // (Each visit waited for the workspace to hydrate. Nothing is changed here: the other browser
  // tests share this server's data.)

  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page cannot be framed by another page', async () => {
  const { context, page } = await watchedContext();
  const response = await page.goto(`${baseUrl}/assemblies/13`);
  assert.equal(response.headers()['x-frame-options'], 'DENY');
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  await page.setContent(`<iframe src="${baseUrl}/assemblies/13"></iframe>`);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  // A refused frame stays empty (Chromium shows its own error page, without Plenary's header).
  await page.waitForTimeout(500);
  const framed = await frame?.evaluate(() => document.querySelector('header.site') !== null).catch(() => false);
  assert.equal(framed ?? false, false);
  await context.close();
});
