// The example page (examples/web, as built into build/web-example) in headless Chromium: a
// SACO asks to unlink, passes the OTP, a day goes by and the request is confirmed on its own.
// Checks what the page shows at each step; saves screenshots in build/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../support.mjs';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';

const shots = join(root, 'build/screenshots');
let server;
let browser;
let page;
const problems = [];
const requests = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serve(join(root, 'build/web-example'));
  browser = await launch();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1100 });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const role = (id) => `#roles .role[data-role="${id}"]`;

test('the page clicks through an unlink confirmed automatically', async () => {
  assert.equal(await page.inputValue('#workflow'), 'companion');
  assert.match(await page.textContent('#now'), /23\/11\/2026 09:00/);
  // Before anything: the relationship is active, no deadlines, an empty timeline.
  assert.equal(await page.getAttribute('#diagram g.current[data-region="relationship"]', 'data-state'), 'active');
  assert.equal(await page.locator('#deadlines li[data-kind]').count(), 0);
  assert.equal(await page.locator('#timeline li').count(), 0);

  // The SACO asks to unlink.
  await page.click(`${role('saco')} button[data-command="request_unlink"]`);
  assert.equal(await page.locator('#timeline li').count(), 1);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'request_staged');
  assert.ok(await page.locator('#timeline li >> nth=0 >> [data-effect="send_otp"]').count());
  assert.match(await page.textContent('#deadlines li[data-kind="otp_expiry"] .countdown'), /^00:05:00$/);

  // The SACO enters the right OTP: the request is pending, trading rights suspended.
  await page.click(`${role('saco')} button[data-command="otp_verified"]`);
  assert.equal(await page.getAttribute('#diagram g.current[data-region="relationship"]', 'data-state'), 'unlink_pending');
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'request_submitted');
  const effects = await page.locator('#timeline li >> nth=0 >> [data-effect]').evaluateAll((els) => els.map((e) => e.dataset.effect));
  assert.deepEqual(effects, ['suspend_trading_rights', 'notify:companion.unlink_requested']);
  assert.match(await page.textContent('#deadlines li[data-kind="auto_confirm"] .countdown'), /^1 ngày 00:00:00$/);
  // The customer may now confirm or reject; the SACO may withdraw.
  const customerButtons = await page.locator(`${role('customer')} button[data-command]`).evaluateAll((els) => els.map((e) => e.dataset.command));
  assert.ok(customerButtons.includes('reject'), customerButtons.join());
  await page.screenshot({ path: join(shots, 'web-example-pending.png'), fullPage: true });

  // An hour later: the countdown follows the clock.
  await page.click('#advance button[data-seconds="3600"]');
  assert.match(await page.textContent('#now'), /23\/11\/2026 10:00/);
  assert.match(await page.textContent('#deadlines li[data-kind="auto_confirm"] .countdown'), /^23:00:00$/);

  // A day later nobody answered: confirmed automatically, rights removed, no deadline left.
  await page.click('#advance button[data-seconds="86400"]');
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'request_auto_confirmed');
  assert.equal(await page.getAttribute('#diagram g.current[data-region="relationship"]', 'data-state'), 'ended');
  assert.equal(await page.locator('#deadlines li[data-kind]').count(), 0);
  assert.ok(await page.locator('#timeline li >> nth=0 >> .tag.deadline').count(), 'fired by the deadline (system)');
  assert.match(await page.textContent('#mermaid'), /class relationship__ended current/);

  // English labels.
  await page.selectOption('#lang', 'en');
  assert.match(await page.textContent('#title'), /Investment companion/);
  await page.screenshot({ path: join(shots, 'web-example.png'), fullPage: true });

  // The other workflow loads, and its buttons work.
  await page.selectOption('#workflow', 'complaint');
  await page.click(`${role('intake')} button[data-command="receive"]`);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'received');
  assert.ok(await page.locator('#deadlines li[data-kind]').count() > 0);
  await page.screenshot({ path: join(shots, 'web-example-complaint.png'), fullPage: true });

  assert.deepEqual(problems, []);
  assert.equal(await page.locator('#error:not([hidden])').count(), 0, await page.textContent('#error'));
  const outside = requests.filter((u) => !u.startsWith(server.url));
  assert.deepEqual(outside, [], 'nothing is fetched from outside');
});
