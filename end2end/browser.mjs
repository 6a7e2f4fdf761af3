// Launches Debian's Chromium through playwright-core (never a downloaded browser) and knows
// where the Plenary under test listens (PLENARY_BASE_URL, set by bin/test).
import { chromium } from 'playwright-core';

export const baseUrl = process.env.PLENARY_BASE_URL ?? 'http://127.0.0.1:3000';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

// Repeats `attempt` until it returns true or `ms` pass; hydration finishes some time after load.
export async function eventually(attempt, ms = 15000) {
  const until = Date.now() + ms;
  for (;;) {
    if (await attempt()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}
