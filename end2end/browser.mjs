// Launches Debian's Chromium through playwright-core (never a downloaded browser), knows where the
// Plenary under test listens (PLENARY_BASE_URL, set by bin/test), and signs people in.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
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
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.equal(result.testEngine.name, 'axe-core', 'axe ran');
  const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target})`), []);
}
