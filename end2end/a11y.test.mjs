// Accessibility: axe-core, injected into the delegate, agenda and projector pages, finds no
// serious or critical violations.
import { test, before, after } from 'node:test';
import { launch, open, assertAccessible } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const path of ['/assemblies/13/live', '/assemblies/13/agenda', '/assemblies/13/projector', '/assemblies/13', '/members']) {
  test(`no serious or critical accessibility violations on ${path}`, async () => {
    const page = await browser.newPage();
    await open(page, path);
    await assertAccessible(page);
    await page.close();
  });
}
