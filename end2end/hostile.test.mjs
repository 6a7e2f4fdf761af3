// Hostile text runs no script (issue 13, item 2), in real browsers, on a server of its own loaded
// with the concluded demo (`plenary demo`), so that the texts it stores reach no other test: an
// organizer stores, through the JSON API, markup that would end `<title>` or `<textarea>` and run
// script in the assembly's title, an item's outcome and the English news summary; then the public
// pages and the organizer's workspace (the record desk's textareas included), once hydrated, show
// that markup as text, hold none of its elements, raised no dialog and no blocked script, and left
// the global the scripts would set undefined.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, signIn, ownServer } from './browser.mjs';

const bin = process.env.PLENARY_BIN;
const skip = !bin && 'PLENARY_BIN is not set';
const organizer = { email: 'hostile-organizer@example.org', password: 'e2e-hostile-password' };

// Ends every element whose content is raw text, then runs script three ways: an inline script,
// an image's error handler and an SVG's load handler (which also opens a dialog). Each sets
// `window.__pwned` to its own number, so a failure says which one ran.
const breakout = (n) =>
  `</title></textarea></style></script><img src=x onerror="window.__pwned=${n}">` +
  `<script>window.__pwned=${n + 1}</script><svg onload="window.__pwned=${n + 2};alert(${n})">"'&`;
const hostile = {
  title: `Hostile title ${breakout(10)}`,
  outcome: `Hostile outcome ${breakout(20)}`,
  headline: `Hostile headline ${breakout(30)}`,
  lead: `Hostile lead ${breakout(40)}`,
};

let browser;
let own;
let base;

before(async () => {
  browser = await launch();
  if (!bin) return;
  own = await ownServer('hostile', [], [['--role', 'organizer', '--email', organizer.email, '--name', 'Hostile organizer', '--password', organizer.password]]);
  base = own.base;
});

after(async () => {
  own?.stop();
  await browser?.close();
});

// A new context whose pages record their script errors, their dialogs and the scripts the
// content security policy blocked (the policy would stop an injected script even if it got
// into the page; the test wants it never to get there).
async function newContext() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__blocked = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      if (e.violatedDirective.startsWith('script-src')) window.__blocked.push(`${e.violatedDirective}: ${e.sample}`);
    });
  });
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  return { context, page, errors, dialogs };
}

// Sends `body` as JSON to the API with the organizer's session; the answer's JSON.
async function api(page, method, path, body) {
  const response = await page.request.fetch(`${base}${path}`, { method, data: body });
  assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}

// Opens `path`, lets it hydrate, and checks that nothing of the hostile markup became markup
// there (before asking whether it hydrated: markup that got in may well stop hydration).
async function assertInert(tab, path) {
  await tab.page.goto(`${base}${path}`);
  const hydrated = await tab.page.waitForSelector('body[data-hydrated="true"]', { timeout: 20000 }).then(() => true, () => false);
  // An image that fails to load reports it a moment later; give the handler the chance.
  await tab.page.waitForTimeout(300);
  const found = await tab.page.evaluate(() => ({
    pwned: window.__pwned,
    blocked: window.__blocked,
    elements: [...document.querySelectorAll('img[onerror], svg[onload]')].map((e) => e.outerHTML),
    scripts: [...document.scripts].filter((s) => s.textContent.trim().startsWith('window.__pwned')).length,
  }));
  assert.equal(found.pwned, undefined, `${path}: a hostile script ran (window.__pwned = ${found.pwned})`);
  assert.deepEqual(found.elements, [], `${path}: hostile markup became elements`);
  assert.equal(found.scripts, 0, `${path}: hostile markup became a script element`);
  assert.deepEqual(found.blocked, [], `${path}: the content security policy had to block a script`);
  assert.deepEqual(tab.dialogs, [], `${path}: a dialog opened`);
  assert.ok(hydrated, `${path} did not hydrate`);
  assert.deepEqual(tab.errors, [], `${path}: script errors`);
}

test('hostile text in titles, outcomes and the news runs no script and reads as text', { skip }, async () => {
  const desk = await newContext();
  await signIn(desk.page, organizer, base);

  // Through the API, as an organizer's client would.
  const assembly = (await api(desk.page, 'GET', '/api/assemblies')).find((a) => a.number === 13);
  await api(desk.page, 'PUT', '/api/assemblies/13', { ...assembly, title: hostile.title });
  const record = await api(desk.page, 'GET', '/api/assemblies/13/record-desk');
  const item = record.record.sessions.flatMap((s) => s.items)[0];
  await api(desk.page, 'PUT', `/api/agenda-items/${item.id}/outcome`, { outcome: hostile.outcome });
  const news = record.news.find((n) => n.language === 'en');
  assert.equal(news?.status, 'published', 'the demo publishes the English summary');
  await api(desk.page, 'PUT', `/api/news/${news.id}`, { headline: hostile.headline, lead: hostile.lead, body: news.body });

  // The public pages, to a visitor.
  const visitor = await newContext();
  for (const path of ['/', '/assemblies/13', '/assemblies/13/agenda', '/assemblies/13/live', '/assemblies/13/projector',
    '/assemblies/13/minutes', '/assemblies/13/news?lang=en']) {
    await assertInert(visitor, path);
  }
  // …where the texts read as they were written, markup and all.
  await open(visitor.page, '/assemblies/13', base);
  assert.equal(await visitor.page.title(), `${hostile.title} · Plenary`);
  assert.equal(await visitor.page.locator('main h1').first().innerText(), hostile.title);
  await open(visitor.page, '/assemblies/13/news?lang=en', base);
  assert.equal(await visitor.page.title(), `${hostile.headline} · Plenary`);
  assert.equal(await visitor.page.locator('article.news h1').innerText(), hostile.headline);
  assert.equal(await visitor.page.locator('article.news .lead').innerText(), hostile.lead);
  await open(visitor.page, '/assemblies/13/minutes', base);
  assert.ok((await visitor.page.locator('article.minutes').innerText()).includes(hostile.outcome), 'the minutes show the outcome as text');

  // The organizer's workspace, the record desk's textareas above all.
  for (const path of ['/manage', '/manage/assemblies/13', '/manage/assemblies/13/control', '/manage/assemblies/13/record']) {
    await assertInert(desk, path);
  }
  const values = (name) => desk.page.locator(`textarea[name="${name}"]`).evaluateAll((ts) => ts.map((t) => t.value));
  assert.ok((await values('outcome')).includes(hostile.outcome), 'the outcome is in its textarea, whole and unescaped');
  assert.ok((await values('lead')).includes(hostile.lead), 'the lead is in its textarea, whole and unescaped');
  assert.ok((await desk.page.locator('input[name="headline"]').evaluateAll((is) => is.map((i) => i.value))).includes(hostile.headline),
    'the headline is in its field');
  assert.ok(!(await desk.page.title()).includes('&lt;'), `the desk's title is not escaped twice: ${await desk.page.title()}`);

  await visitor.context.close();
  await desk.context.close();
});
