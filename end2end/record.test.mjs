// The record of the 13th assembly, in real browsers, on a server of its own loaded with the
// concluded demo (`plenary demo`): the assembly page says where the record is; the minutes show
// the decisions, reports, presentations and the declaration, pass axe and print to a multi-page
// A4 PDF (kept with a screenshot in target/test-logs for a person to look at); the English and
// Korean news summaries and the Atom feed are published; an organizer drafts, edits and publishes
// the Chinese summary, records the Korean declaration and uploads a photo (and is refused a text
// file posing as one); an anonymous visitor does not get the record desk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, copyFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, signIn, eventually, assertAccessible, ownServer } from './browser.mjs';

const bin = process.env.PLENARY_BIN;
const skip = !bin && 'PLENARY_BIN is not set';
const organizer = { email: 'record-organizer@example.org', password: 'e2e-record-password' };
const logs = fileURLToPath(new URL('../target/test-logs/', import.meta.url));

// A 1×1 PNG, and a text file that claims to be one.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const notPng = Buffer.from('These are the minutes, not a photo.\n');

let browser;
let own;
let base;

before(async () => {
  browser = await launch();
  if (!bin) return;
  own = await ownServer('record', [], [['--role', 'organizer', '--email', organizer.email, '--name', 'Record organizer', '--password', organizer.password]]);
  base = own.base;
});

after(async () => {
  own?.stop();
  await browser?.close();
});

// A page of a new context, with the script errors it raises.
async function newPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

async function textOf(locator) {
  return locator.innerText().catch(() => '');
}

async function waitForText(locator, pattern, ms = 10000) {
  const seen = await eventually(async () => pattern.test(await textOf(locator)), ms);
  assert.ok(seen, `expected ${pattern} within ${ms} ms, saw "${await textOf(locator)}"`);
}

// Clicks `button` of a server function's form on the record desk, waits for the call to
// `endpoint` to succeed and for the desk to have reloaded its data.
async function submit(page, endpoint, button) {
  const reloaded = page.waitForResponse((r) => r.url().includes('/sfn/load_record_desk'), { timeout: 15000 });
  reloaded.catch(() => {});
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/sfn/${endpoint}`), { timeout: 15000 }),
    button.click(),
  ]);
  assert.ok(response.status() < 400, `${endpoint}: ${response.status()} ${await response.text().catch(() => '')}`);
  await reloaded;
  await page.waitForTimeout(200);
  return response;
}

// The messages of the alerts in `scope` that say something (forms keep an empty one ready).
async function alerts(scope) {
  const texts = await scope.locator('[role=alert]').allInnerTexts();
  return texts.map((t) => t.trim()).filter((t) => t.length > 0);
}

const exports = [
  ['/assemblies/13/calendar.ics', 'text/calendar'],
  ['/api/assemblies/13/record', 'application/json'],
  ['/api/assemblies/13/attendance.csv', 'text/csv'],
  ['/api/assemblies/13/ballots.csv', 'text/csv'],
  ['/api/assemblies/13/popolo.json', 'application/json'],
];

test('the assembly page links to the record, and the minutes show it', { skip }, async () => {
  const { context, page, errors } = await newPage();
  await open(page, '/assemblies/13', base);
  const links = page.locator('section.record-links');
  const hrefs = await links.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of ['/assemblies/13/minutes', '/assemblies/13/news?lang=en', '/assemblies/13/news?lang=ko', '/news.atom', ...exports.map(([path]) => path)]) {
    assert.ok(hrefs.includes(href), `the record links include ${href}: ${hrefs.join(' ')}`);
  }
  for (const [path, type] of exports) {
    const response = await page.request.get(`${base}${path}`);
    assert.equal(response.status(), 200, path);
    assert.match(response.headers()['content-type'] ?? '', new RegExp(`^${type}`), `${path} is ${type}`);
  }
  // The whole document holds drafts: organizers only, and no link to it for the public.
  assert.ok(!hrefs.includes('/api/assemblies/13/document'), 'no document link for the public');
  assert.equal((await page.request.get(`${base}/api/assemblies/13/document`)).status(), 401);

  // The print button needs the browser: the server's page has none.
  const served = await (await page.request.get(`${base}/assemblies/13/minutes`)).text();
  assert.match(served, /class="minutes"/);
  assert.doesNotMatch(served, /data-command="print"/);

  await Promise.all([page.waitForURL('**/assemblies/13/minutes'), links.locator('a[href="/assemblies/13/minutes"]').click()]);
  const minutes = page.locator('article.minutes');
  await minutes.waitFor();
  await waitForText(minutes.locator('h1'), /^Minutes of the 13th General Assembly/);
  const text = await minutes.innerText();
  for (const expected of [
    'Liaoning Province', '79th', 'Ulsan Metropolitan City',
    'Working Committee', 'Subcommittee on Sports', 'Subcommittee on Oceans and Fisheries', 'Subcommittee on Disaster Prevention',
    'Subcommittee on Educational and Cultural Exchange', 'Subcommittee on Economy and Humanities Exchange',
    'Henan Province', 'Ningxia Hui Autonomous Region', 'Hubei Province', 'Sejong Special Self-Governing City',
    'Jeollanam-do Province', 'Jeju Special Self-Governing Province', 'Uvurkhangai Province', 'Uvs Province', 'Kamchatka Territory',
    'Declaration of the 13th General Assembly',
  ]) assert.ok(text.includes(expected), `the minutes mention ${expected}`);
  assert.equal(await minutes.locator('section.minutes-session').count() > 1, true, 'the minutes have their sessions');
  assert.ok(await minutes.locator('.minutes-attendance table tbody tr').count() > 70, 'the attendance table lists the governments present');
  assert.equal(await minutes.locator('.report').count(), 6, 'six reports');
  assert.equal(await minutes.locator('.presentation').count(), 9, 'nine presentations');
  assert.ok(await minutes.locator('.decision-record details.ballots li').count() >= 70, 'the ballots are listed by member');
  assert.match(await minutes.locator('#declaration h2').innerText(), /Declaration of the 13th General Assembly/);

  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 20000 });
  await page.locator('button[data-command="print"]').waitFor({ timeout: 10000 });
  await assertAccessible(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the minutes print to A4 without the site around them', { skip }, async () => {
  const { context, page, errors } = await newPage();
  await open(page, '/assemblies/13/minutes', base);
  await page.locator('button[data-command="print"]').waitFor();
  await page.emulateMedia({ media: 'print' });
  // What is not to be printed is not.
  for (const selector of ['header.site', 'footer.site', '.tabs', 'button[data-command="print"]', '.record-links']) {
    assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is not printed`);
  }
  // The ballots are printed open, in three columns, without the links' URLs.
  const ballots = page.locator('details.ballots').first();
  assert.equal(await ballots.locator('li').first().isVisible(), true, 'the ballots are printed open');
  assert.equal(await ballots.locator('ul').evaluate((ul) => getComputedStyle(ul).columnCount), '3');
  assert.equal(await page.locator('.minutes-item').first().evaluate((li) => getComputedStyle(li).breakInside), 'avoid');

  mkdirSync(logs, { recursive: true });
  const pdf = join(mkdtempSync(join(tmpdir(), 'plenary-minutes-')), 'minutes.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const bytes = readFileSync(pdf);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
  const pages = bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  assert.ok(pages > 1, `more than one page (${pages})`);
  assert.ok(pages < 40, `a sane number of pages (${pages})`);
  assert.ok(statSync(pdf).size < 5_000_000, `a sane size (${statSync(pdf).size} bytes)`);
  copyFileSync(pdf, join(logs, 'minutes.pdf'));
  rmSync(join(pdf, '..'), { recursive: true, force: true });

  // For a person to look at: the printed layout at the width of an A4 page less its margins.
  await page.setViewportSize({ width: 673, height: 950 });
  await page.screenshot({ path: join(logs, 'minutes-print.png'), fullPage: true });
  console.log(`# the minutes print to ${pages} A4 pages of ${bytes.length} bytes; see ${logs}minutes.pdf and minutes-print.png`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the news summaries are published in English and Korean, and in the feed', { skip }, async () => {
  const { context, page, errors } = await newPage();
  await open(page, '/assemblies/13/news?lang=en', base);
  const article = page.locator('article.news');
  assert.equal(await article.getAttribute('lang'), 'en');
  const headline = await article.locator('h1').innerText();
  assert.match(headline, /13th/);
  assert.match(headline, /Liaoning Province/);
  assert.ok((await article.locator('.lead').innerText()).length > 0, 'a lead');
  const text = await article.innerText();
  assert.match(text, /unanimously/);
  assert.match(text, /over 240 people/);
  await assertAccessible(page);

  const korean = page.locator('nav.languages a[hreflang="ko"]');
  assert.equal(await korean.getAttribute('href'), '/assemblies/13/news?lang=ko');
  await Promise.all([page.waitForURL('**/news?lang=ko'), korean.click()]);
  await page.locator('article.news[lang="ko"]').waitFor();
  await waitForText(page.locator('article.news'), /만장일치/);
  await page.goto(`${base}/assemblies/13/news?lang=ko`);
  assert.equal(await page.locator('article.news').getAttribute('lang'), 'ko');
  assert.match(await page.locator('article.news').innerText(), /만장일치/);

  const feed = await page.request.get(`${base}/news.atom`);
  assert.equal(feed.status(), 200);
  assert.match(feed.headers()['content-type'] ?? '', /^application\/atom\+xml/);
  const atom = await feed.text();
  assert.equal(atom.match(/<entry[\s>]/g)?.length, 2, 'two entries');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an organizer publishes the Chinese summary, records the Korean declaration and adds a photo', { skip }, async () => {
  const { context, page, errors } = await newPage();
  await signIn(page, organizer, base);
  await open(page, '/manage/assemblies/13/record', base);

  // The Chinese summary: drafted from the record, edited, saved, published.
  const zh = page.locator('details.panel[lang="zh"]');
  assert.equal(await zh.evaluate((d) => d.open), false, 'no Chinese summary yet');
  await zh.locator('summary').click();
  await submit(page, 'draft_news_summary', zh.locator('button[data-command="draft"][data-language="zh"]'));
  assert.equal(await zh.evaluate((d) => d.open), true, 'the Chinese draft is shown open');
  const headlineField = zh.locator('input[name="headline"]');
  await headlineField.waitFor({ timeout: 15000 });
  const drafted = await headlineField.inputValue();
  assert.ok(drafted.length > 0, 'a drafted headline');
  const edited = `${drafted} – test`;
  await headlineField.fill(edited);
  await submit(page, 'save_news_summary', zh.locator('form', { has: page.locator('input[name="headline"]') }).locator('button[type=submit]'));
  await submit(page, 'publish_news_summary', zh.locator('button[data-command="publish"][data-language="zh"]'));
  await zh.locator('a[href="/assemblies/13/news?lang=zh"]').waitFor({ timeout: 15000 });
  assert.equal(await zh.locator('input[name="headline"]').inputValue(), edited);
  const visitor = await (await browser.newContext()).newPage();
  await open(visitor, '/assemblies/13/news?lang=zh', base);
  assert.equal(await visitor.locator('article.news').getAttribute('lang'), 'zh');
  assert.equal(await visitor.locator('article.news h1').innerText(), edited);

  // The declaration in Korean, as the minutes show it; the time of adoption stays as it was.
  await open(visitor, '/assemblies/13/minutes', base);
  const adoptedBefore = await visitor.locator('#declaration > p').first().innerText();
  const korean = '북동아시아 지역자치단체는 평화와 공동 번영을 위하여 협력을 강화한다.\n\n우리는 다음 총회에서 다시 만난다.';
  const declaration = page.locator('section[aria-labelledby="declaration-heading"] form');
  await declaration.locator('textarea[name="form[texts][ko]"]').fill(korean);
  await submit(page, 'save_declaration', declaration.locator('button[type=submit]'));
  await open(visitor, '/assemblies/13/minutes', base);
  const ko = visitor.locator('#declaration .declaration-text[lang="ko"]');
  assert.equal(await ko.count(), 1, 'the Korean declaration text is in the minutes');
  assert.match(await ko.innerText(), /평화와 공동 번영/);
  assert.equal(await ko.locator('p').count(), 2, 'two paragraphs');
  assert.equal(await visitor.locator('#declaration > p').first().innerText(), adoptedBefore, 'the time of adoption is unchanged');

  // A photo, and a text file that says it is one.
  await open(page, '/manage/assemblies/13/record', base);
  const upload = page.locator('#photos form[enctype="multipart/form-data"]');
  await upload.locator('input[name=file]').setInputFiles({ name: 'plenary-hall.png', mimeType: 'image/png', buffer: png });
  await upload.locator('input[name=caption]').fill('The plenary hall in Pohang');
  await Promise.all([page.waitForURL('**/manage/assemblies/13/record**'), upload.locator('button[type=submit]').click()]);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 20000 });
  assert.deepEqual(await alerts(page.locator('#photos')), [], 'no error');
  assert.equal(await page.locator('#photos ul.photos img').count(), 1, 'one photo');

  await open(visitor, '/assemblies/13/news?lang=en', base);
  const image = visitor.locator('article.news figure img');
  assert.equal(await image.count(), 1);
  assert.equal(await image.getAttribute('alt'), 'The plenary hall in Pohang');
  assert.equal(await image.evaluate(async (img) => { await img.decode(); return img.naturalWidth; }), 1, 'the photo loads');
  const photo = await visitor.request.get(new URL(await image.getAttribute('src'), base).href);
  assert.equal(photo.status(), 200);
  assert.equal(photo.headers()['content-type'], 'image/png');
  assert.deepEqual(Buffer.from(await photo.body()), png);

  const again = page.locator('#photos form[enctype="multipart/form-data"]');
  await again.locator('input[name=file]').setInputFiles({ name: 'minutes.png', mimeType: 'image/png', buffer: notPng });
  await Promise.all([page.waitForURL('**/manage/assemblies/13/record?photo_error=**'), again.locator('button[type=submit]').click()]);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 20000 });
  const refusal = await alerts(page.locator('#photos'));
  assert.equal(refusal.length, 1, 'the refusal says why');
  console.log(`# a text file posing as a PNG is refused: "${refusal[0]}"`);
  assert.equal(await page.locator('#photos ul.photos img').count(), 1, 'still one photo');
  await assertAccessible(page);
  assert.deepEqual(errors, []);
  await visitor.context().close();
  await context.close();
});

test('an anonymous visitor does not get the record desk', { skip }, async () => {
  const { context, page } = await newPage();
  const response = await page.goto(`${base}/manage/assemblies/13/record`);
  assert.ok([401, 403].includes(response.status()), `refused (${response.status()})`);
  const error = page.locator('section.error[role=alert]');
  await error.waitFor();
  assert.match(await error.innerText(), /sign in/i);
  assert.equal(await page.locator('a[href="/login"]').count() > 0, true, 'a way to sign in');
  assert.equal(await page.locator('#photos, button[data-command="draft"], textarea').count(), 0, 'no desk');
  const upload = await page.request.post(`${base}/api/assemblies/13/attachments`, {
    multipart: { file: { name: 'x.png', mimeType: 'image/png', buffer: png } },
  });
  assert.ok([401, 403].includes(upload.status()), `the upload is refused (${upload.status()})`);
  await context.close();
});
