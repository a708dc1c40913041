// The example page (examples/web, as built into build/web-example) in headless Chromium: a
// SACO asks to unlink, passes the OTP, a day goes by and the request is confirmed on its own;
// then a consultant works a package of leads (lead_care) up to a reviewer's approval and the
// replacement lead. Checks what the page shows at each step; saves screenshots in
// build/screenshots/.
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

const lead = (id) => `#entities tr[data-entity="${id}"]`;
const cell = (id, column) => `${lead(id)} td[data-column="${column}"]`;
const button = (r, command, args = {}) =>
  `${role(r)} button[data-command="${command}"]${Object.entries(args).map(([k, v]) => `[data-arg-${k}="${v}"]`).join('')}`;
const form = (r) => `${role(r)} form.command-form`;
const events = () => page.locator('#timeline li').evaluateAll((els) => els.map((e) => e.dataset.event));

/** The consultant updates a lead's status through the form: the status chosen in the select. */
async function updateStatus(id, status) {
  await page.click(button('consultant', 'update_status', { lead_id: id }));
  await page.selectOption(`${form('consultant')} select[name="status"]`, status);
  await page.click(`${form('consultant')} button[data-action="send"]`);
}

test('the page clicks through a package of leads: statuses, compensation, preview, approval', async () => {
  await page.selectOption('#lang', 'vi');
  await page.selectOption('#workflow', 'lead_care');
  assert.match(await page.textContent('#title'), /Chăm sóc khách hàng và yêu cầu bù/);
  // The package's four leads, read from the positions, the state and the contact_history query.
  assert.deepEqual(await page.locator('#entities tr[data-entity]').evaluateAll((els) => els.map((e) => e.dataset.entity)), ['L1', 'L2', 'L3', 'L4']);
  assert.match(await page.textContent(cell('L1', 'customer')), /KH-201 · Trần Thị Bích Ngọc · 0903 456 789/);
  assert.equal(await page.getAttribute(cell('L2', 'lead'), 'data-state'), 'new');
  assert.equal(await page.textContent(cell('L2', 'lead')), 'Mới nhận');
  assert.equal(await page.textContent(cell('L2', 'compensation')), '—');
  assert.equal(await page.textContent(cell('L2', 'contacts')), '0');
  assert.equal(await page.getAttribute('#diagram g[data-region="lead"][data-state="new"]', 'data-entities'), 'L1 L2 L3 L4');
  // Nothing to review yet; nothing to submit.
  assert.equal(await page.locator(`${role('reviewer')} button[data-command]`).count(), 0);
  assert.equal(await page.locator(button('consultant', 'submit_for_review')).count(), 0);

  // "Cập nhật trạng thái": a form with the configured catalogue and a sample note that follows the status.
  await page.click(button('consultant', 'update_status', { lead_id: 'L2' }));
  const choices = await page.locator(`${form('consultant')} select[name="status"] option`).evaluateAll((els) => els.map((e) => [e.value, e.textContent]));
  assert.equal(choices.length, 10);
  assert.deepEqual(choices.find(([v]) => v === 'wrong_number'), ['wrong_number', 'Sai số điện thoại (được bù)']);
  assert.deepEqual(choices.find(([v]) => v === 'contacted'), ['contacted', 'Đã liên hệ']);
  await page.selectOption(`${form('consultant')} select[name="status"]`, 'wrong_number');
  assert.match(await page.inputValue(`${form('consultant')} textarea[name="note"]`), /Số điện thoại không đúng người/);
  await page.click(`${form('consultant')} button[data-action="send"]`);
  assert.equal(await page.locator(form('consultant')).count(), 0);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'status_updated');
  assert.equal(await page.getAttribute(cell('L2', 'lead'), 'data-state'), 'wrong_number');
  assert.equal(await page.textContent(cell('L2', 'lead')), 'Sai số điện thoại (được bù)');
  assert.equal(await page.textContent(cell('L2', 'contacts')), '1');
  assert.match(await page.getAttribute('#diagram g[data-region="lead"][data-state="wrong_number"]', 'class'), /current/);
  assert.equal(await page.getAttribute('#diagram g[data-region="lead"][data-state="wrong_number"]', 'data-entities'), 'L2');
  await updateStatus('L3', 'unreachable');
  await updateStatus('L1', 'contacted');
  assert.equal(await page.textContent(cell('L1', 'lead')), 'Đã liên hệ');
  // Only compensable leads may be claimed.
  const claimable = await page.locator(button('consultant', 'request_compensation')).evaluateAll((els) => els.map((e) => e.dataset.argLead_id));
  assert.deepEqual(claimable, ['L2', 'L3']);

  // "Yêu cầu bù ngay" for L2, with a sample reason: a draft.
  await page.click(button('consultant', 'request_compensation', { lead_id: 'L2' }));
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'compensation_requested');
  assert.equal(await page.getAttribute(cell('L2', 'compensation'), 'data-state'), 'draft');

  // "Gửi xét duyệt": the preview first, listing exactly what would be sent, and its token.
  await page.click(button('consultant', 'submit_for_review'));
  assert.equal(await page.locator(`${form('consultant')}.confirm`).count(), 1);
  assert.equal(await page.locator(`${form('consultant')} textarea, ${form('consultant')} select`).count(), 0, 'nothing to type: the token comes from the preview');
  assert.deepEqual(await page.locator(`${form('consultant')} td[data-column="lead_id"]`).allTextContents(), ['L2']);
  assert.match(await page.textContent(`${form('consultant')} td[data-column="status"]`), /Sai số điện thoại/);
  assert.match(await page.textContent(`${form('consultant')} td[data-column="customer_id"]`), /Lê Văn Hùng/);
  assert.match(await page.textContent(`${form('consultant')} code[data-field="confirm_token"]`), /^sha256:[0-9a-f]{64}$/);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'compensation_requested', 'a query changes nothing');
  // While the preview is open, another draft is made: the confirmed token is stale, refused.
  await page.click(button('consultant', 'request_compensation', { lead_id: 'L3' }));
  assert.equal(await page.locator(`${form('consultant')}.confirm`).count(), 1, 'the preview stays open');
  await page.click(`${form('consultant')} button[data-action="send"]`);
  assert.equal(await page.getAttribute('#error', 'data-code'), 'validation_failed');
  assert.match(await page.textContent('#error'), /Danh sách yêu cầu bù đã thay đổi từ khi xem lại.*stale_token/);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'compensation_requested');
  assert.equal(await page.getAttribute(cell('L2', 'compensation'), 'data-state'), 'draft');
  // Preview again: both drafts; confirm: the batch goes for review.
  await page.click(button('consultant', 'submit_for_review'));
  assert.equal(await page.locator('#error:not([hidden])').count(), 0);
  assert.deepEqual(await page.locator(`${form('consultant')} td[data-column="lead_id"]`).allTextContents(), ['L2', 'L3']);
  await page.screenshot({ path: join(shots, 'web-example-lead-care-preview.png'), fullPage: true });
  await page.click(`${form('consultant')} button[data-action="send"]`);
  assert.equal(await page.locator(form('consultant')).count(), 0);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'batch_submitted');
  assert.ok(await page.locator('#timeline li >> nth=0 >> [data-effect="notify:lead_care.batch_submitted"]').count());
  assert.equal(await page.getAttribute(cell('L2', 'compensation'), 'data-state'), 'in_review');
  assert.equal(await page.getAttribute(cell('L3', 'compensation'), 'data-state'), 'in_review');
  assert.match(await page.textContent('#deadlines li[data-kind="review_due"]'), /B1.*giờ làm việc/);
  assert.equal(await page.getAttribute('#diagram g.current[data-region="batch"]', 'data-state'), 'in_review');
  // A lead in review is frozen: no status update for it.
  assert.equal(await page.locator(button('consultant', 'update_status', { lead_id: 'L2' })).count(), 0);

  // The reviewer approves L2 and rejects L3: the replacement lead for L2, the batch decided.
  assert.match(await page.textContent(button('reviewer', 'decide', { lead_id: 'L2', approve: 'true' })), /duyệt · L2|L2 · duyệt/);
  await page.click(button('reviewer', 'decide', { lead_id: 'L2', approve: 'true' }));
  const approved = page.locator('#timeline li >> nth=0');
  assert.equal(await approved.getAttribute('data-event'), 'compensation_decided');
  assert.match(await approved.textContent(), /lead_id: L2.*approved: true/);
  assert.deepEqual(await approved.locator('[data-effect]').evaluateAll((els) => els.map((e) => e.dataset.effect)), ['allocate_replacement_lead']);
  assert.equal(await page.getAttribute(cell('L2', 'compensation'), 'data-state'), 'approved');
  assert.equal(await page.textContent(cell('L2', 'compensation')), 'Đã duyệt, được bù');
  await page.click(button('reviewer', 'decide', { lead_id: 'L3', approve: 'false' }));
  assert.deepEqual((await events()).slice(0, 3), ['batch_decided', 'compensation_decided', 'compensation_decided']);
  assert.ok(await page.locator('#timeline li >> nth=0 >> [data-effect="notify:lead_care.batch_decided"]').count());
  assert.equal(await page.getAttribute(cell('L3', 'compensation'), 'data-state'), 'rejected');
  assert.equal(await page.locator('#deadlines li[data-kind]').count(), 0);

  // The platform performs the effect: a replacement lead for L2.
  await page.click(button('platform', 'deliver_leads'));
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'leads_delivered');
  assert.equal(await page.locator('#entities tr[data-entity]').count(), 5);
  assert.equal(await page.textContent(cell('L5', 'replaces')), 'L2');
  assert.match(await page.textContent(cell('L5', 'customer')), /Vũ Đức Thắng/);
  assert.equal(await page.getAttribute(cell('L5', 'lead'), 'data-state'), 'new');
  await page.screenshot({ path: join(shots, 'web-example-lead-care.png'), fullPage: true });

  // English labels.
  await page.selectOption('#lang', 'en');
  assert.equal(await page.textContent(cell('L2', 'compensation')), 'Approved, replaced');
  assert.equal(await page.textContent('#entities-title'), 'Leads of the package');

  assert.deepEqual(problems, []);
  assert.equal(await page.locator('#error:not([hidden])').count(), 0, await page.textContent('#error'));
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], 'nothing is fetched from outside');
});
