// A secretariat that is not NEAR starts from an empty database: its first organizer (made with
// `plenary user add`) signs in, the workspace asks for the association before anything else, the
// register comes from the secretariat's CSV file, and a first assembly is created in the
// association's own time zone. The data is the second reference association's (src/demo/second).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch, open, signIn, eventually, ownServer } from './browser.mjs';

const secretariat = { email: 'sekretariat@bda.example', password: 'ein langes Passwort für den Test' };
const register = fileURLToPath(new URL('../src/demo/second/register.csv', import.meta.url));

let browser;
let own;
before(async () => {
  browser = await launch();
  own = await ownServer('setup', null, [['--role', 'organizer', '--email', secretariat.email, '--name', 'Sekretariat', '--password', secretariat.password]]);
});
after(async () => {
  own?.stop();
  await browser?.close();
});

test('a new organizer sets up the association, imports the register and creates an assembly', async () => {
  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Nothing exists yet: the public register of an empty database still answers.
  const empty = await page.goto(`${own.base}/members`);
  assert.notEqual(empty.status(), 500, 'an empty database is not an error of the server');

  await signIn(page, secretariat, own.base);
  // Before anything else, the workspace asks for the association.
  const setup = page.locator('form#association');
  await setup.waitFor();
  assert.equal(await page.locator('#new-assembly').count(), 0, 'no assembly before the association');
  await setup.locator('input[name="name"]').fill('Bund der Alpentalregionen');
  await setup.locator('input[name="short_name"]').fill('BdA');
  await setup.locator('input[name="languages"]').fill('de, en, it, sl');
  await setup.locator('input[name="time_zone"]').fill('Europe/Vienna');
  await setup.locator('input[name="secretariat"]').fill('Ständiges Sekretariat des BdA, Hallstein');
  await setup.locator('input[name="founded_year"]').fill('1998');
  await setup.locator('button[type=submit]').click();
  // Then the workspace itself, whose new assembly starts from the association's time zone.
  await page.locator('#new-assembly').waitFor();
  assert.equal(await page.locator('#new-assembly input[name="form[time_zone]"]').inputValue(), 'Europe/Vienna');

  // The register from the secretariat's file: eleven governments in six countries.
  await open(page, '/manage/register', own.base);
  const importing = page.locator('form#import-register');
  await importing.waitFor();
  // The chosen file is read into the text that is sent.
  await importing.locator('input#register-file').setInputFiles(register);
  const pasted = importing.locator('textarea[name=csv]');
  assert.ok(await eventually(async () => (await pasted.inputValue()) === readFileSync(register, 'utf8')), 'the file is read in');
  await importing.locator('button[type=submit]').click();
  // The workspace's list of member governments reloads with the imported rows.
  const grauwand = page.locator('tr', { has: page.locator('td', { hasText: /^Kanton Grauwand$/ }) });
  await grauwand.waitFor();
  assert.deepEqual((await grauwand.locator('td').allInnerTexts()).slice(0, 5), ['8', 'Kanton Grauwand', 'member', 'active', '27 March 2015']);
  // The summary of the import stays once the register has been read again.
  await page.locator('#import p.done[role=status]', { hasText: /^Imported: 6 countries added, 11 member governments added, 0 updated\.$/ }).waitFor();
  for (const name of ['Land Obertal', 'Gemeindeverband Falkenau', 'Region Bodenried', 'Pokrajina Bela Stena']) {
    assert.equal(await page.locator('td', { hasText: new RegExp(`^${name}$`) }).count(), 1, `${name} is imported`);
  }

  // The register starts mid-history: the chair of term 13, recorded without a decision.
  const chair = page.locator('form#record-chair');
  await chair.locator('input[name=term]').fill('13');
  await chair.locator('select[name=member_id]').selectOption({ label: 'Kanton Weissberg' });
  await chair.locator('button[type=submit]').click();
  await page.locator('#chairs li', { hasText: 'Term 13: Kanton Weissberg' }).waitFor();

  // A first assembly, hosted by a member of the imported register.
  await open(page, '/manage', own.base);
  const form = page.locator('#new-assembly');
  await form.waitFor();
  assert.equal(await form.locator('input[name="form[time_zone]"]').inputValue(), 'Europe/Vienna');
  await form.locator('input[name="form[number]"]').fill('27');
  await form.locator('input[name="form[title]"]').fill('27. Vollversammlung des Bundes der Alpentalregionen');
  await form.locator('input[name="form[start_date]"]').fill('2026-03-28');
  await form.locator('input[name="form[end_date]"]').fill('2026-03-29');
  await form.locator('input[name="form[venue]"]').fill('Kongresshaus Hallstein');
  await form.locator('select[name="form[host_member_id]"]').selectOption({ label: 'Land Obertal' });
  await form.locator('select[name="form[mode]"]').selectOption('hybrid');
  await form.locator('button[type=submit]').click();
  await page.locator('p.done a', { hasText: '27. Vollversammlung' }).click();
  await page.waitForURL('**/manage/assemblies/27');
  await page.locator('h1', { hasText: '27. Vollversammlung des Bundes der Alpentalregionen' }).waitFor();

  // What the public reads: the register and the assembly, nothing of the demo.
  const members = await page.goto(`${own.base}/members`);
  assert.equal(members.status(), 200);
  const text = await page.locator('main').innerText();
  for (const fact of ['8 active members in 5 countries, and 1 associate member.', 'Term 13: Kanton Weissberg', 'Regija Zgornja Dolina', 'Österreich']) {
    assert.ok(text.includes(fact), `the register shows ${fact}: ${text}`);
  }
  assert.ok(!text.includes('NEAR') && !text.includes('Ulsan'), 'nothing of the demo');
  const assembly = await page.goto(`${own.base}/assemblies/27`);
  assert.equal(assembly.status(), 200);
  assert.match(await page.locator('h1').innerText(), /27\. Vollversammlung/);
  assert.match(await page.locator('main').innerText(), /Kongresshaus Hallstein/);
  assert.deepEqual(errors, []);
  await context.close();
});
