// Members decide, in real browsers: the organizer opens the vote on Liaoning's membership from
// the control panel, a delegate casts Hyogo's ballot from the live page, the projector shows the
// tally as it grows, the organizer closes the vote, and the register shows the 79th member.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, baseUrl, open, signIn, organizer, delegate, eventually } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function within(locator, pattern, ms) {
  const start = Date.now();
  const seen = await eventually(async () => pattern.test(await locator.innerText().catch(() => '')), ms);
  assert.ok(seen, `expected ${pattern} within ${ms} ms, saw "${await locator.innerText().catch(() => '')}"`);
  return Date.now() - start;
}

async function api(page, method, path, data) {
  const response = await page.request.fetch(`${baseUrl}${path}`, { method, data });
  assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}

test('a delegate votes, the projector shows the tally live, the organizer closes, the register changes', async () => {
  const organizerContext = await browser.newContext();
  const control = await organizerContext.newPage();
  await signIn(control, organizer);
  // Votes are taken while the assembly is in progress.
  await api(control, 'POST', '/api/assemblies/13/control', { command: 'start_assembly' });
  await open(control, '/manage/assemblies/13/control');

  const delegateContext = await browser.newContext();
  const live = await delegateContext.newPage();
  await signIn(live, delegate);
  await open(live, '/assemblies/13/live');
  await within(live.locator('.connection'), /^Live$/, 5000);
  const projector = await (await browser.newContext()).newPage();
  await open(projector, '/assemblies/13/projector');
  await within(projector.locator('.connection'), /^Live$/, 5000);

  const form = control.locator('form.open-vote', { hasText: 'Liaoning Province' });
  await form.locator('button[data-command="open_vote"]').click();
  const opened = await within(live.locator('.vote-question'), /Application of Liaoning Province for membership/, 1000);
  await within(projector.locator('.vote-question'), /Liaoning Province/, 1000);

  await live.locator('button.ballot.yes').click();
  await within(live.locator('.your-choice'), /You voted: Yes/, 2000);
  const counted = await within(projector.locator('.count.yes dd'), /^1$/, 1000);

  // The other members present vote in the room; the organizer enters their ballots.
  const vote = (await api(control, 'GET', '/api/assemblies/13/live')).vote.id;
  const desk = await api(control, 'GET', '/api/assemblies/13/votes');
  const hyogo = (await api(live, 'GET', '/api/session')).member_id;
  for (const [member_id] of desk.voters.filter(([id]) => id !== hyogo)) {
    await api(control, 'POST', `/api/votes/${vote}/ballots`, { member_id, choice: 'yes' });
  }
  // Every voting member present (70 in the reference case; fewer if an earlier test withdrew one).
  const n = desk.voters.length;
  await within(projector.locator('.count.yes dd'), new RegExp(`^${n}$`), 2000);
  await within(projector.locator('.count.not-voted dd'), /^0$/, 1000);

  await control.locator('button[data-command="close_vote"]').click();
  await within(projector.locator('.outcome'), /^Approved$/, 1000);
  await within(live.locator('.decision'), new RegExp(`Liaoning Province admitted as the 79th member; approved unanimously: ${n} of ${n} members present in favour`), 1000);
  console.log(`# vote opened on the delegate page in ${opened} ms; first ballot on the projector in ${counted} ms`);

  const register = await (await browser.newContext()).newPage();
  await open(register, '/members');
  const row = register.locator('tr', { hasText: 'Liaoning Province' });
  await within(row, /79th/, 1000);
  await within(row, /active/, 1000);

  // The audit chain of everything the browsers did verifies.
  if (process.env.PLENARY_BIN && process.env.PLENARY_DATA_DIR) {
    const out = execFileSync(process.env.PLENARY_BIN, ['--data-dir', process.env.PLENARY_DATA_DIR, 'audit', 'verify']).toString();
    assert.match(out, /The audit chain is intact: \d+ entries verified\./);
  }
  await organizerContext.close();
  await delegateContext.close();
});
