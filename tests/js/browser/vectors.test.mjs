// Plays every conformance vector in headless Chromium: the web build loaded by a page served
// on 127.0.0.1, the same JS player as on Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { root, vectorFiles } from '../support.mjs';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';

let server;
let browser;
let results = [];
const files = vectorFiles();

before(async () => {
  server = await serve(root);
  browser = await launch();
  const page = await browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}/tests/js/browser/vectors.html`);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
  results = await page.evaluate((f) => window.playAll(f), files);
  assert.deepEqual(problems, []);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('every vector was played in Chromium', () => {
  assert.ok(files.length > 0);
  assert.deepEqual(results.map((r) => r.file), files);
});

for (const file of files) {
  test(`chromium: vector ${file}`, () => {
    const r = results.find((x) => x.file === file);
    assert.ok(r, `${file} was not played`);
    assert.deepEqual(r.failures, [], r.failures.join('\n'));
  });
}
