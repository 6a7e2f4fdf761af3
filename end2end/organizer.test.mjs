// An organizer prepares the 14th assembly in the browser, from signing in to the public agenda;
// a delegate who tries the same is refused; a Korean browser gets the workspace and its errors in
// Korean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, open, signIn, organizer, delegate } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const session = (page, title) =>
  page.locator('section.session-editor', { has: page.locator('h3', { hasText: title }) });
const item = (scope, title) => scope.locator('li.editor-item', { has: scope.page().locator('.item-title', { hasText: title }) });

// Opens a <details> panel whatever state a re-render left it in.
const expand = (details) => details.evaluate((d) => { d.open = true; });
// A row's own edit panel, not the actual-times panel nested in it.
const editPanel = (row) => row.locator('details.panel:not(.actual-times)');

async function itemTitles(scope) {
  return scope.locator('li.editor-item .item-title').allInnerTexts();
}

test('an organizer builds, reorders and postpones the 14th assembly', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, organizer);

  // A new assembly, hosted by Ulsan, hybrid.
  const form = page.locator('#new-assembly');
  await form.locator('input[name="form[number]"]').fill('14');
  await form.locator('input[name="form[title]"]').fill('14th General Assembly of NEAR');
  await form.locator('input[name="form[start_date]"]').fill('2022-09-01');
  await form.locator('input[name="form[venue]"]').fill('Ulsan Exhibition and Convention Center');
  await form.locator('select[name="form[host_member_id]"]').selectOption({ label: 'Ulsan Metropolitan City' });
  await form.locator('select[name="form[mode]"]').selectOption('hybrid');
  await form.locator('button[type=submit]').click();
  await page.locator('p.done a', { hasText: '14th General Assembly of NEAR' }).click();
  await page.waitForURL('**/manage/assemblies/14');
  await page.locator('h1', { hasText: '14th General Assembly of NEAR' }).waitFor();

  // The 13th's agenda as a draft.
  await page.locator('#copy-agenda select[name=from_number]').selectOption('13');
  await page.locator('#copy-agenda button[type=submit]').click();
  await page.locator('section.session-editor').nth(3).waitFor();
  assert.equal(await page.locator('section.session-editor').count(), 4);

  // A new session with three items, each with a speaker.
  await expand(page.locator('#add-session'));
  await page.locator('#add-session input[name=title]').fill('Session 3: Youth forum');
  await page.locator('#add-session input[name=planned_start]').fill('2022-09-01T15:00');
  await page.locator('#add-session button[type=submit]').click();
  const youth = session(page, 'Session 3: Youth forum');
  await youth.waitFor();
  const items = [['Youth declaration', '20', 'Mayor Song Chul-ho'], ['Panel on climate', '30', 'Governor Lee Cheol-woo'], ['Closing words', '10', 'Secretary-General Kim Ok-chae']];
  for (const [title, minutes] of items) {
    const add = youth.locator('details.add-item');
    await expand(add);
    await add.locator('select[name=kind]').selectOption('other');
    await add.locator('input[name=title]').fill(title);
    await add.locator('input[name=planned_minutes]').fill(minutes);
    await add.locator('button[type=submit]').click();
    await item(youth, title).waitFor();
  }
  for (const [title, , person] of items) {
    const row = item(youth, title);
    await expand(editPanel(row));
    await row.locator('.add-speaker select[name=person_id]').selectOption({ label: person });
    await row.locator('.add-speaker input[name=role]').fill('speaker');
    await row.locator('.add-speaker button[type=submit]').click();
    await item(youth, title).locator('.speaker-list li', { hasText: person }).waitFor({ state: 'attached' });
  }
  assert.deepEqual(await itemTitles(youth), ['Youth declaration', 'Panel on climate', 'Closing words']);
  assert.deepEqual(await youth.locator('time.derived').allInnerTexts(), ['15:00', '15:20', '15:50']);

  // Derived times follow planned minutes as they are typed, before saving.
  const first = item(youth, 'Youth declaration');
  await expand(editPanel(first));
  await first.locator('input[name=planned_minutes]').fill('25');
  assert.deepEqual(await youth.locator('time.derived').allInnerTexts(), ['15:00', '15:25', '15:55']);
  await first.locator('input[name=planned_minutes]').fill('20');

  // Reorder: the keyboard way (move up), then drag and drop.
  await youth.getByRole('button', { name: 'Move Panel on climate up' }).click();
  await expectOrder(youth, ['Panel on climate', 'Youth declaration', 'Closing words']);
  await page.waitForLoadState('networkidle');
  await drag(page, item(youth, 'Closing words').locator('.drag'), item(youth, 'Youth declaration').locator('.drag'));
  await expectOrder(youth, ['Panel on climate', 'Closing words', 'Youth declaration']);

  // Postponed by a month, with a reason.
  await expand(page.locator('#postpone'));
  await page.locator('#postpone input[name=to_date]').fill('2022-10-01');
  await page.locator('#postpone input[name=reason]').fill('The venue is needed as a typhoon shelter.');
  await page.locator('#postpone button[type=submit]').click();
  await page.locator('.status', { hasText: 'postponed' }).waitFor();

  // The public agenda, for anyone.
  const visitor = await browser.newPage();
  await open(visitor, '/assemblies/14/agenda');
  const publicSession = visitor.locator('section.session', { has: visitor.locator('h2', { hasText: 'Session 3: Youth forum' }) });
  assert.deepEqual(await publicSession.locator('li.item h3').allInnerTexts(), ['Panel on climate', 'Closing words', 'Youth declaration']);
  assert.deepEqual(await publicSession.locator('.when time').allInnerTexts(), ['15:00', '15:30', '15:40']);
  assert.match(await publicSession.locator('li.item').first().innerText(), /Governor Lee Cheol-woo/);
  assert.equal(await visitor.locator('.notice').count(), 1);
  assert.match(await visitor.locator('.notice').innerText(), /postponed: From 1 September 2022 to 1 October 2022: The venue is needed as a typhoon shelter\./);
  assert.match(await publicSession.locator('time').first().getAttribute('datetime'), /^2022-10-01T06:00:00/);
  assert.deepEqual(errors, []);
  await context.close();
});

// Drags with the mouse, in small steps, as a person does.
async function drag(page, source, target) {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function expectOrder(scope, expected) {
  const until = Date.now() + 10000;
  let titles;
  while (Date.now() < until) {
    titles = await itemTitles(scope);
    if (JSON.stringify(titles) === JSON.stringify(expected)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(titles, expected);
}

test('a delegate is refused the workspace and its calls', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login-email', delegate.email);
  await page.fill('#login-password', delegate.password);
  await Promise.all([page.waitForURL('**/manage'), page.click('form button[type=submit]')]);
  assert.equal(await page.locator('h1').innerText(), 'Not allowed');
  const response = await open(page, '/manage/assemblies/13');
  assert.equal(response.status(), 403);
  const call = await page.request.post(`${baseUrl}/sfn/save_country`, { form: { id: '', code: 'TH', name: 'Thailand' } });
  assert.equal(call.status(), 403);
  const api = await page.request.post(`${baseUrl}/api/assemblies/13/postpone`, { data: { to_date: '2022-01-01', reason: 'no' } });
  assert.equal(api.status(), 403);
  // The organizer's flow, step by step through the API: every step is refused, nothing is made.
  const steps = [
    ['/api/assemblies', { number: 15, title: '15th General Assembly', slogan: null, start_date: '2023-09-01', end_date: '2023-09-01',
      venue: 'Ulsan', host_member_id: null, mode: 'hybrid', time_zone: 'Asia/Seoul', status: 'planned' }],
    ['/api/assemblies/13/copy-agenda', { from_number: 12 }],
    ['/api/assemblies/13/sessions', { title: 'Session 3', kind: 'working', planned_start: '2021-08-10T15:00' }],
    ['/api/items/1/move', { to: 2 }],
    ['/api/assemblies/13/postpone', { to_date: '2021-09-10', reason: 'a delegate wants it' }],
  ];
  for (const [path, data] of steps) {
    assert.equal((await page.request.post(`${baseUrl}${path}`, { data })).status(), 403, path);
  }
  assert.equal((await page.request.get(`${baseUrl}/assemblies/15`)).status(), 404, 'no assembly was made');
  await context.close();
});

test('a wrong password is refused with the error next to the field', async () => {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login-email', organizer.email);
  await page.fill('#login-password', 'not the password at all');
  await Promise.all([page.waitForURL('**/login?**'), page.click('form button[type=submit]')]);
  assert.match(await page.locator('#login-error').innerText(), /e-mail address or the password is wrong/);
  assert.equal(await page.inputValue('#login-email'), organizer.email);
  await page.close();
});

test('an organizer edits a member government and cannot delete a person who speaks', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, organizer);
  await open(page, '/manage/register');
  const row = page.locator('tr', { has: page.locator('td', { hasText: /^Zavkhan Province$/ }) });
  await expand(row.locator('details.edit-member'));
  await row.locator('select[name=status]').selectOption('withdrawn');
  await row.locator('button[type=submit]', { hasText: 'Save' }).click();
  await page.locator('tr', { has: page.locator('td', { hasText: /^Zavkhan Province$/ }) }).locator('td', { hasText: /^withdrawn$/ }).waitFor();

  await page.getByRole('button', { name: 'Delete Governor Liu Ning' }).click();
  await page.locator('.form-error', { hasText: 'still referred to elsewhere' }).waitFor();

  const person = page.locator('li', { has: page.getByRole('button', { name: 'Delete Secretary-General Kim Ok-chae' }) });
  await expand(person.locator('details.panel'));
  await person.locator('input[name=title]').fill('NEAR Secretary-General');
  await person.locator('button[type=submit]', { hasText: 'Save' }).click();
  await page.getByRole('button', { name: 'Delete NEAR Secretary-General Kim Ok-chae' }).waitFor();

  const visitor = await browser.newPage();
  await open(visitor, '/members');
  const publicRow = visitor.locator('tr', { has: visitor.locator('td', { hasText: /^Zavkhan Province$/ }) });
  assert.match(await publicRow.innerText(), /withdrawn/);
  await context.close();
});

test('the workspace speaks Korean to a Korean browser, field errors included', async () => {
  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  await signIn(page, organizer);
  assert.equal(await page.locator('h1').innerText(), '작업 공간');
  const form = page.locator('#new-assembly');
  assert.equal(await form.locator('button[type=submit]').innerText(), '총회 만들기');
  await form.locator('input[name="form[number]"]').fill('99');
  await form.locator('input[name="form[title]"]').fill('99th General Assembly');
  await form.locator('input[name="form[start_date]"]').fill('2030-05-01');
  await form.locator('input[name="form[venue]"]').fill('Pohang');
  await form.locator('input[name="form[time_zone]"]').fill('Mars/Olympus');
  await form.locator('button[type=submit]').click();
  const zone = form.locator('.field', { has: page.locator('input[name="form[time_zone]"]') });
  await zone.locator('.field-error', { hasText: '알 수 없는 IANA 시간대입니다' }).waitFor();
  assert.match(await zone.getAttribute('class'), /invalid/);
  // What was typed stays in the form, to be corrected.
  assert.equal(await form.locator('input[name="form[title]"]').inputValue(), '99th General Assembly');
  assert.equal(await form.locator('input[name="form[time_zone]"]').inputValue(), 'Mars/Olympus');
  await context.close();
});
