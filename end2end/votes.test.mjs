// Members decide, in real browsers, from the demo data loaded just before session 1
// (`plenary demo --before-votes`, on a server of its own): for each application of session 1 the
// organizer opens the vote from the control panel, a delegate casts Hyogo's ballot from the live
// page, the projector shows the tally as it grows, the other members present vote in the room,
// and the organizer closes the vote. The register then shows Liaoning as the 79th member and
// Ulsan as chair-elect for the 14th term, and `plenary audit verify` finds the chain intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, signIn, eventually, assertAccessible, ownServer } from './browser.mjs';

const bin = process.env.PLENARY_BIN;
const password = 'e2e-votes-password';
const organizer = { email: 'votes-organizer@example.org', password };
const delegate = { email: 'votes-delegate@example.org', password };

let browser;
let own;
let base;

// A Plenary of this test's own, on a new SQLite database holding the assembly before its votes.
before(async () => {
  browser = await launch();
  if (!bin) return;
  own = await ownServer('votes', ['--before-votes'], [
    ['--role', 'organizer', '--email', organizer.email, '--name', 'Votes organizer', '--password', password],
    ['--role', 'delegate', '--email', delegate.email, '--name', 'Hyogo delegate', '--member', 'Hyogo Prefecture', '--password', password],
  ]);
  base = own.base;
});

after(async () => {
  own?.stop();
  await browser?.close();
});

async function within(locator, pattern, ms) {
  const start = Date.now();
  const seen = await eventually(async () => pattern.test(await locator.innerText().catch(() => '')), ms);
  assert.ok(seen, `expected ${pattern} within ${ms} ms, saw "${await locator.innerText().catch(() => '')}"`);
  return Date.now() - start;
}

async function api(page, method, path, data) {
  const response = await page.request.fetch(`${base}${path}`, { method, data });
  assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}

// Runs the vote on the application whose question mentions `applicant`; the time it took for the
// vote to appear on the delegate page and for the first ballot to reach the projector.
async function decide(control, live, projector, applicant, decision) {
  const form = control.locator('form.on-application', { hasText: applicant });
  await form.locator('button[data-command="open_vote"]').click();
  const opened = await within(live.locator('.vote-question'), new RegExp(applicant), 1000);
  await within(projector.locator('.vote-question'), new RegExp(applicant), 1000);

  await live.locator('button.ballot.yes').click();
  await within(live.locator('.your-choice'), /You voted: Yes/, 2000);
  const counted = await within(projector.locator('.count.yes dd'), /^1$/, 1000);
  // The vote board, the ballot box and the vote desk are accessible too.
  for (const page of [live, projector, control]) await assertAccessible(page);

  // The other 69 members present vote in the room; the organizer enters their ballots.
  const vote = (await api(control, 'GET', '/api/assemblies/13/live')).vote.id;
  const { voters } = await api(control, 'GET', '/api/assemblies/13/votes');
  assert.equal(voters.length, 70, 'the 70 members present vote');
  const hyogo = (await api(live, 'GET', '/api/session')).member_id;
  for (const [member_id] of voters.filter(([id]) => id !== hyogo)) {
    await api(control, 'POST', `/api/votes/${vote}/ballots`, { member_id, choice: 'yes' });
  }
  await within(projector.locator('.count.yes dd'), /^70$/, 2000);
  await within(projector.locator('.count.not-voted dd'), /^0$/, 1000);

  await control.locator('button[data-command="close_vote"]').click();
  await within(projector.locator('.outcome'), /^Approved$/, 1000);
  await within(live.locator('.decision'), new RegExp(`${decision}; approved unanimously: 70 of 70 members present in favour`), 1000);
  return [opened, counted];
}

test('both decisions of session 1 are taken in the browser as in the reference case', { skip: !bin && 'PLENARY_BIN is not set' }, async () => {
  const organizerContext = await browser.newContext();
  const control = await organizerContext.newPage();
  await signIn(control, organizer, base);
  await open(control, '/manage/assemblies/13/control', base);

  const delegateContext = await browser.newContext();
  const live = await delegateContext.newPage();
  await signIn(live, delegate, base);
  await open(live, '/assemblies/13/live', base);
  await within(live.locator('.connection'), /^Live$/, 5000);
  const projector = await (await browser.newContext()).newPage();
  await open(projector, '/assemblies/13/projector', base);
  await within(projector.locator('.connection'), /^Live$/, 5000);

  const chair = await decide(control, live, projector, 'Ulsan Metropolitan City', 'Ulsan Metropolitan City elected chair for the 14th term');
  const member = await decide(control, live, projector, 'Liaoning Province', 'Liaoning Province admitted as the 79th member');
  console.log(`# vote on the delegate page after ${chair[0]} and ${member[0]} ms; first ballot on the projector after ${chair[1]} and ${member[1]} ms`);

  const register = await (await browser.newContext()).newPage();
  await open(register, '/members', base);
  const row = register.locator('tr', { hasText: 'Liaoning Province' });
  await within(row, /79th/, 1000);
  await within(row, /active/, 1000);
  await within(register.locator('li', { hasText: 'Term 14' }), /Ulsan Metropolitan City.*Chair-elect/, 1000);

  assert.match(own.plenary('audit', 'verify'), /The audit chain is intact: \d+ entries verified\./);
  await organizerContext.close();
  await delegateContext.close();
});
