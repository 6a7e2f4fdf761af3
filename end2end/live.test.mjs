// The live meeting in real browsers: the organizer runs the control panel in one context, a
// delegate follows in another without reloading, the projector shows the same; the delegate page
// reconnects by itself after its server restarts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { launch, baseUrl, open, signIn, organizer, eventually } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function command(page, name, nth = 0) {
  await page.locator(`button[data-command="${name}"]`).nth(nth).click();
}

// Waits (at most `ms`) until the locator's text matches; how long it took, in ms.
async function within(locator, pattern, ms) {
  const start = Date.now();
  const seen = await eventually(async () => pattern.test(await locator.innerText().catch(() => '')), ms);
  assert.ok(seen, `expected ${pattern} within ${ms} ms, saw "${await locator.innerText().catch(() => '')}"`);
  return Date.now() - start;
}

test('the delegate and the projector follow the control panel without reloading', async () => {
  const organizerContext = await browser.newContext();
  const control = await organizerContext.newPage();
  await signIn(control, organizer);
  await open(control, '/manage/assemblies/13/control');

  const delegateContext = await browser.newContext();
  // Each page opens its live stream once: the changes it is sent all fit the state it holds (a
  // change that did not would make it open the stream again for the whole state).
  let streams = 0;
  delegateContext.on('request', (request) => { if (request.url().endsWith('/api/assemblies/13/events')) streams += 1; });
  const delegate = await delegateContext.newPage();
  await open(delegate, '/assemblies/13/live');
  await within(delegate.locator('.connection'), /^Live$/, 5000);
  const projector = await delegateContext.newPage();
  await open(projector, '/assemblies/13/projector');
  await within(projector.locator('.connection'), /^Live$/, 5000);
  let loads = 0;
  delegate.on('load', () => { loads += 1; });

  await command(control, 'start_assembly');
  await command(control, 'next_item');
  const first = await within(delegate.locator('.now-item'), /^Welcoming remarks$/, 1000);
  await within(delegate.locator('.now-speaker'), /Prime Minister Tarasenko Andrey/, 1000);
  await within(projector.locator('.now-item'), /^Welcoming remarks$/, 1000);

  await command(control, 'next_item');
  const second = await within(delegate.locator('.now-item'), /^Congratulatory speech$/, 1000);
  await within(delegate.locator('.now-speaker'), /Governor Lee Cheol-woo/, 1000);
  await within(projector.locator('.now-speaker'), /Governor Lee Cheol-woo/, 1000);
  await within(delegate.locator('.next-item'), /^Guest congratulatory speech$/, 1000);
  await within(delegate.locator('li.day-item.done'), /Welcoming remarks/, 1000);

  await command(control, 'timer_start');
  await within(projector.locator('.countdown'), /^4:5\d$/, 3000);
  const before = await delegate.locator('.countdown').innerText();
  await within(delegate.locator('.countdown'), new RegExp(`^(?!${before.replace(':', '\\:')}$)`), 2500);
  assert.equal(loads, 0, 'the delegate page was never reloaded');
  assert.equal(streams, 2, 'the delegate page and the projector each opened one stream');
  console.log(`# delivery to the delegate page: ${first} ms and ${second} ms`);
  await organizerContext.close();
  await delegateContext.close();
});

// A second Plenary on the same database, which the test can stop and start.
function startServer(port) {
  const child = spawn(process.env.PLENARY_BIN, ['--data-dir', process.env.PLENARY_DATA_DIR, 'serve', '--addr', `127.0.0.1:${port}`, '--site-root', 'target/site'],
    { cwd: '..', env: { ...process.env, RUST_LOG: 'warn' }, stdio: 'ignore' });
  return child;
}

async function waitUp(url) {
  assert.ok(await eventually(async () => (await fetch(url).catch(() => null))?.ok === true, 15000), `${url} did not come up`);
}

test('after its server restarts, the delegate page reconnects and shows the current state', { skip: !process.env.PLENARY_BIN }, async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const second = `http://127.0.0.1:${port}`;
  let server = startServer(port);
  try {
    await waitUp(`${second}/assemblies/13`);
    const context = await browser.newContext();
    const delegate = await context.newPage();
    await delegate.goto(`${second}/assemblies/13/live`);
    await delegate.waitForSelector('body[data-hydrated="true"]');
    await within(delegate.locator('.connection'), /^Live$/, 5000);
    const showing = await delegate.locator('.now-item').innerText();

    server.kill('SIGTERM');
    await within(delegate.locator('.connection'), /reconnecting/, 10000);

    // Meanwhile the organizer moves on, through the main server.
    const controlContext = await browser.newContext();
    const control = await controlContext.newPage();
    await signIn(control, organizer);
    await open(control, '/manage/assemblies/13/control');
    await command(control, 'next_item');
    await eventually(async () => (await control.locator('.now-item').innerText()) !== showing, 5000);
    const now = await control.locator('.now-item').innerText();
    assert.notEqual(now, showing);

    server = startServer(port);
    await waitUp(`${second}/assemblies/13`);
    await within(delegate.locator('.connection'), /^Live$/, 15000);
    await within(delegate.locator('.now-item'), new RegExp(`^${now}$`), 5000);
    await context.close();
    await controlContext.close();
  } finally {
    server.kill('SIGTERM');
  }
});

test('the delegate view speaks Korean to a Korean browser, and the switcher remembers a choice', async () => {
  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  await open(page, '/assemblies/13/live');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
  assert.equal(await page.locator('#now-heading').innerText(), '현재');
  assert.equal(await page.locator('#day-heading').innerText(), '오늘 일정');
  await within(page.locator('.connection'), /^실시간$/, 5000);

  await page.selectOption('#language', 'mn');
  await within(page.locator('#now-heading'), /^Одоо$/, 2000);
  await open(page, '/assemblies/13/agenda');
  assert.match(await page.locator('.lead').innerText(), /2021 оны 8-р сарын 10/);
  await context.close();
});
