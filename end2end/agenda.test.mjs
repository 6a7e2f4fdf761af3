// The agenda of the reference assembly in a real browser: complete without JavaScript, and once
// hydrated the filter (which only works client-side) narrows it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, eventually } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the agenda is complete HTML without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(`${baseUrl}/assemblies/13/agenda`);
  assert.equal(response.status(), 200);
  assert.equal(await page.title(), 'Agenda · 13th General Assembly of NEAR · Plenary');
  assert.equal(await page.locator('li.item').count(), 22);
  const ban = page.locator('li.item', { hasText: 'Ban Ki-moon' });
  assert.match(await ban.innerText(), /video message/);
  assert.equal(await ban.locator('time').first().innerText(), '10:10');
  await context.close();
});

test('hydration makes the agenda filter work', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/assemblies/13/agenda`);
  const count = page.locator('.filter .count');
  assert.equal(await count.innerText(), 'Showing 22 of 22 items');
  // Typing only changes the count once the wasm bundle has taken over the page.
  const filtered = await eventually(async () => {
    await page.fill('#agenda-filter', '');
    await page.fill('#agenda-filter', 'ban ki-moon');
    return (await count.innerText()) === 'Showing 1 of 22 items';
  });
  assert.ok(filtered, `the filter never applied: "${await count.innerText()}"`);
  assert.equal(await page.locator('li.item:visible').count(), 1);
  await page.fill('#agenda-filter', 'presentation');
  assert.equal(await count.innerText(), 'Showing 9 of 22 items');
  assert.deepEqual(errors, []);
  await context.close();
});

test('navigation moves between the pages of the doors table', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.click('a[href="/assemblies/13"]');
  await page.waitForURL('**/assemblies/13');
  assert.match(await page.locator('h1').innerText(), /13th General Assembly/);
  await page.click('nav.tabs a:has-text("Agenda")');
  await page.waitForURL('**/assemblies/13/agenda');
  await page.locator('li.item').first().waitFor();
  await page.click('header nav a:has-text("Members")');
  await page.waitForURL('**/members');
  assert.equal(await page.locator('h1').innerText(), 'Member register');
  await context.close();
});

test('an unknown assembly is a 404 page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${baseUrl}/assemblies/99`);
  assert.equal(response.status(), 404);
  assert.equal(await page.locator('h1').innerText(), 'Not found');
  await context.close();
});
