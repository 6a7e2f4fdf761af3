// Launches Debian's Chromium through playwright-core (never a downloaded browser), knows where the
// Plenary under test listens (PLENARY_BASE_URL, set by bin/test), and signs people in.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const baseUrl = process.env.PLENARY_BASE_URL ?? 'http://127.0.0.1:3000';

export const organizer = { email: process.env.PLENARY_E2E_ORGANIZER ?? '', password: process.env.PLENARY_E2E_PASSWORD ?? '' };
export const delegate = { email: process.env.PLENARY_E2E_DELEGATE ?? '', password: process.env.PLENARY_E2E_PASSWORD ?? '' };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

// Opens `path` and waits until the wasm bundle has taken over the page.
export async function open(page, path, base = baseUrl) {
  const response = await page.goto(`${base}${path}`);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 20000 });
  return response;
}

export async function signIn(page, who, base = baseUrl) {
  await page.goto(`${base}/login`);
  await page.fill('#login-email', who.email);
  await page.fill('#login-password', who.password);
  await Promise.all([page.waitForURL('**/manage'), page.click('form button[type=submit]')]);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 20000 });
}

// Repeats `attempt` until it returns true or `ms` pass.
export async function eventually(attempt, ms = 15000) {
  const until = Date.now() + ms;
  for (;;) {
    if (await attempt()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

// axe-core, injected into `page` as it is now, finds no serious or critical violations.
export async function assertAccessible(page) {
  // Evaluated through DevTools rather than added as a <script>: the page's Content-Security-Policy
  // rightly refuses an inline script without its nonce.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.equal(result.testEngine.name, 'axe-core', 'axe ran');
  const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target})`), []);
}

// A Plenary of one test file's own (PLENARY_BIN), on a new SQLite database in a temporary
// directory, so that what the file changes reaches no other test: `plenary demo` with the stage
// flags `demo` (no demo at all when `demo` is null: an empty database), then `plenary user add`
// with each of `accounts`, served on a free port.
// `plenary(...)` runs the command line on its database; `stop()` ends it and removes the directory.
export async function ownServer(name, demo, accounts) {
  const bin = process.env.PLENARY_BIN;
  const data = mkdtempSync(join(tmpdir(), `plenary-${name}-`));
  const env = { ...process.env, RUST_LOG: 'warn' };
  const plenary = (...args) => execFileSync(bin, ['--data-dir', data, ...args], { cwd: '..', env }).toString();
  if (demo) plenary('demo', ...demo);
  for (const account of accounts) plenary('user', 'add', ...account);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(bin, ['--data-dir', data, 'serve', '--addr', `127.0.0.1:${port}`, '--site-root', 'target/site'],
    { cwd: '..', env, stdio: 'ignore' });
  const stop = () => {
    server.kill('SIGTERM');
    rmSync(data, { recursive: true, force: true });
  };
  // An empty database has no assembly 13 to wait for; the sign-in page is there either way.
  const probe = demo ? '/assemblies/13' : '/login';
  const up = await eventually(async () => (await fetch(`${base}${probe}`).catch(() => null))?.ok === true, 15000);
  if (!up) stop();
  assert.ok(up, `${base} did not come up`);
  return { base, plenary, stop };
}
