// Accessibility: axe-core, injected into the delegate, agenda and projector pages, finds no
// serious or critical violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, open } from './browser.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const path of ['/assemblies/13/live', '/assemblies/13/agenda', '/assemblies/13/projector', '/assemblies/13', '/members']) {
  test(`no serious or critical accessibility violations on ${path}`, async () => {
    const page = await browser.newPage();
    await open(page, path);
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
    assert.equal(result.testEngine.name, 'axe-core', 'axe ran');
    const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target})`), []);
    await page.close();
  });
}
