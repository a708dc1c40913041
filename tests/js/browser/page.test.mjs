// The example page (examples/web, as built into build/web-example) in headless Chromium: a
// SACO asks to unlink, passes the OTP, a day goes by and the request is confirmed on its own;
// then a consultant works a package of leads (lead_care) up to a reviewer's approval and the
// replacement lead; then a store owner renews a contract (store_subscription) and pays by
// VietQR, the QR image decoded back to the payload of the effect, paid in two parts; then a
// csm works a subscription's renewal (renewal_billing): the scheduler's payment request, its QR
// decoded back to the request detail's payload, opened, reported paid, resent, a note, the
// invoice information (a wrong tax code refused), paid in two parts, the support history, and
// the CSM's filter over six subscriptions (criteria, another csm's scope, a week later). Checks
// what the page shows at each step; saves screenshots in build/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../support.mjs';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';
import { decodeQr } from './qr.mjs';

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

const view = (id) => `#views article[data-view="${id}"]`;
const field = (v, key) => `${view(v)} dd[data-field="${key}"]`;
const section = (id) => `${view('profile')} section[data-section="${id}"]`;

/** The latest `show_payment_qr` effect, as the timeline carries it. */
async function paymentQrEffect() {
  return JSON.parse(await page.getAttribute('#timeline li >> nth=0 >> [data-effect="show_payment_qr"]', 'title'));
}

/** The payment QR on the page, read back from its pixels (a screenshot of the canvas). */
async function scanPaymentQr() {
  const texts = await decodeQr(await page.locator('#payment-qr').screenshot());
  assert.equal(texts.length, 1, 'exactly one QR code in the image');
  return texts[0];
}

test('the page clicks through a store renewal paid by VietQR: the QR decodes to the effect payload, paid in two parts', async () => {
  await page.selectOption('#lang', 'vi');
  await page.selectOption('#workflow', 'store_subscription');
  assert.match(await page.textContent('#title'), /Hồ sơ gian hàng/);
  assert.match(await page.textContent('#now'), /14\/06\/2026 09:00/);
  // "Hồ sơ gian hàng" (the owner's store_profile query): package, expiry, days left, history.
  assert.match(await page.textContent(`${view('profile')} h3`), /Hồ sơ gian hàng — Chủ gian hàng/);
  assert.equal(await page.textContent(field('profile', 'store_name')), 'Tạp hoá Thu Hà');
  assert.equal(await page.textContent(field('profile', 'tier')), 'Chuyên nghiệp');
  assert.equal(await page.textContent(field('profile', 'status')), 'Đã ký hợp đồng, còn hạn');
  assert.match(await page.textContent(field('profile', 'expiry')), /01\/07\/2026 00:00/);
  assert.equal(await page.textContent(field('profile', 'days_left')), '17 ngày');
  assert.equal(await page.textContent(`${section('purchase_history')} .none`), 'Chưa có lần mua nào.');
  assert.equal(await page.textContent(`${section('open_order')} .none`), 'Không có đơn hàng nào đang mở.');
  assert.deepEqual(await page.locator(`${section('offers')} td[data-column="kind"]`).allTextContents(), ['Gia hạn', 'Nâng gói']);
  // Staff see only the footer notice (footer_notice), and nothing yet: 17 days left.
  assert.equal(await page.getAttribute(`${view('footer')} [data-notice]`, 'data-notice'), 'off');
  assert.equal(await page.locator(`${view('profile')} .notice`).count(), 0);
  assert.equal(await page.locator(`${role('staff')} button[data-command]`).count(), 0);
  assert.equal(await page.locator('#payment-qr').count(), 0);

  // Three days later the contract has 14 days left: the footer notice, for staff and owner.
  await page.click('#advance button[data-seconds="259200"]');
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'expiry_notice_started');
  const notice = /^Gian hàng còn 14 ngày sử dụng \(hết hạn ngày 01\/07\/2026\)/;
  assert.match(await page.textContent(`${view('footer')} [data-notice="on"]`), notice);
  assert.match(await page.textContent(`${view('profile')} .notice`), notice);

  // "Gia hạn": the period chosen among the configured months, the host's quote follows it.
  await page.click(button('owner_admin', 'start_order', { kind: 'renewal' }));
  const months = `${form('owner_admin')} select[name="months"]`;
  const quote = `${form('owner_admin')} input[name="quote_vnd"]`;
  assert.deepEqual(await page.locator(`${months} option`).evaluateAll((els) => els.map((e) => e.textContent)), ['6 tháng', '12 tháng', '24 tháng', '36 tháng']);
  assert.equal(await page.inputValue(months), '12');
  assert.equal(await page.inputValue(quote), '3000000');
  await page.selectOption(months, '24');
  assert.equal(await page.inputValue(quote), '6000000');
  assert.equal(await page.textContent(`${form('owner_admin')} [data-shows="quote_vnd"]`), '6.000.000 ₫');
  await page.selectOption(months, '12');
  assert.equal(await page.inputValue(quote), '3000000');
  await page.click(`${form('owner_admin')} button[data-action="send"]`);
  assert.equal(await page.locator(form('owner_admin')).count(), 0);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'order_started');
  assert.equal(await page.getAttribute(cell('DH1', 'order'), 'data-state'), 'awaiting_payment_method');
  assert.equal(await page.textContent(cell('DH1', 'quote_vnd')), '3.000.000 ₫');
  assert.equal(await page.locator('#payment-qr').count(), 0, 'no QR before a payment method is chosen');

  // "Chọn hình thức thanh toán" → "Tiếp tục thanh toán": the payment QR.
  await page.click(button('owner_admin', 'choose_payment_method', { order_id: 'DH1' }));
  assert.equal(await page.inputValue(`${form('owner_admin')} select[name="method"]`), 'vietqr');
  await page.click(`${form('owner_admin')} button[data-action="send"]`);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'payment_method_chosen');
  const first = await paymentQrEffect();
  assert.equal(first.amount_vnd, 3_000_000);
  assert.equal(first.reference, 'GH CH2611 DH1');
  assert.match(first.payload, /^000201010212.*A000000727.*970436.*0071001234567.*5303704.*54073000000.*5802VN.*GH CH2611 DH1.*6304[0-9A-F]{4}$/);
  // The image is a real QR code: read back from its pixels, it is the effect's payload.
  assert.equal(await scanPaymentQr(), first.payload);
  const qrBox = `${view('profile')} .payment-qr`;
  assert.equal(await page.inputValue(`${qrBox} textarea[name="payload"]`), first.payload);
  assert.equal(await page.inputValue(`${qrBox} input[name="amount_vnd"]`), '3000000');
  assert.match(await page.textContent(`${qrBox} dd[data-field="amount_vnd"]`), /3\.000\.000 ₫/);
  assert.equal(await page.inputValue(`${qrBox} input[name="reference"]`), 'GH CH2611 DH1');
  assert.equal(await page.textContent(`${qrBox} dd[data-field="bank_bin"]`), '970436 · Vietcombank');
  assert.equal(await page.inputValue(`${qrBox} input[name="account"]`), '0071001234567');
  assert.equal(await page.getAttribute(cell('DH1', 'order'), 'data-state'), 'awaiting_payment');
  await page.screenshot({ path: join(shots, 'web-example-store-qr.png'), fullPage: true });

  // The gateway reports a transfer: its form carries the open order's reference and
  // remainder (store_profile); the bank received less.
  await page.click(button('payment_gateway', 'payment_received'));
  assert.equal(await page.textContent(`${form('payment_gateway')} code[data-field="reference"]`), 'GH CH2611 DH1');
  assert.equal(await page.inputValue(`${form('payment_gateway')} input[name="amount_vnd"]`), '3000000');
  await page.fill(`${form('payment_gateway')} input[name="amount_vnd"]`, '1000000');
  assert.equal(await page.textContent(`${form('payment_gateway')} [data-shows="amount_vnd"]`), '1.000.000 ₫');
  await page.click(`${form('payment_gateway')} button[data-action="send"]`);
  assert.equal(await page.locator(form('payment_gateway')).count(), 0);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'order_underpaid');
  assert.equal(await page.getAttribute(cell('DH1', 'order'), 'data-state'), 'underpaid');
  // The remainder is shown; the QR for the full amount no longer applies.
  assert.equal(await page.textContent(`${section('open_order')} dd[data-field="paid_vnd"]`), '1.000.000 ₫');
  assert.equal(await page.textContent(`${section('open_order')} dd[data-field="remainder_vnd"]`), '2.000.000 ₫');
  assert.equal(await page.textContent(`${section('open_order')} dd[data-field="status"]`), 'Thanh toán thiếu');
  assert.equal(await page.locator('#payment-qr').count(), 0);
  const owner = await page.locator(`${role('owner_admin')} button[data-command]`).evaluateAll((els) => els.map((e) => e.dataset.command));
  assert.ok(owner.includes('continue_payment') && owner.includes('stop_payment'), owner.join());
  await page.screenshot({ path: join(shots, 'web-example-store-underpaid.png'), fullPage: true });

  // "Tiếp tục thanh toán": a new QR for the remainder, read back too.
  await page.click(button('owner_admin', 'continue_payment', { order_id: 'DH1' }));
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'payment_continued');
  const second = await paymentQrEffect();
  assert.equal(second.amount_vnd, 2_000_000);
  assert.match(second.payload, /54072000000/);
  assert.notEqual(second.payload, first.payload);
  assert.equal(await scanPaymentQr(), second.payload);
  assert.equal(await page.inputValue(`${qrBox} input[name="amount_vnd"]`), '2000000');

  // The rest arrives: the form proposes the remainder as it is.
  await page.click(button('payment_gateway', 'payment_received'));
  assert.equal(await page.inputValue(`${form('payment_gateway')} input[name="amount_vnd"]`), '2000000');
  await page.click(`${form('payment_gateway')} button[data-action="send"]`);
  assert.deepEqual((await events()).slice(0, 2), ['contract_extended', 'order_paid']);
  const effectsOf = (n) => page.locator(`#timeline li >> nth=${n} >> [data-effect]`).evaluateAll((els) => els.map((e) => e.dataset.effect));
  assert.deepEqual(await effectsOf(1), ['notify:store_subscription.payment_succeeded', 'issue_service_confirmation']);
  assert.deepEqual(await effectsOf(0), ['apply_contract']);
  assert.equal(await page.getAttribute(cell('DH1', 'order'), 'data-state'), 'paid');
  assert.equal(await page.textContent(cell('DH1', 'paid_vnd')), '3.000.000 ₫');
  assert.equal(await page.locator('#payment-qr').count(), 0);

  // The profile: renewed from the old expiry, the purchase in the history, its confirmation.
  assert.match(await page.textContent(field('profile', 'expiry')), /01\/07\/2027 00:00/);
  assert.equal(await page.textContent(`${section('open_order')} .none`), 'Không có đơn hàng nào đang mở.');
  const purchase = (c) => `${section('purchase_history')} td[data-column="${c}"]`;
  assert.equal(await page.textContent(purchase('order_id')), 'DH1');
  assert.equal(await page.textContent(purchase('kind')), 'Gia hạn');
  assert.equal(await page.textContent(purchase('tier')), 'Chuyên nghiệp');
  assert.equal(await page.textContent(purchase('months')), '12 tháng');
  assert.equal(await page.textContent(purchase('amount_vnd')), '3.000.000 ₫');
  assert.match(await page.textContent(purchase('period_start')), /01\/07\/2026/);
  assert.match(await page.textContent(purchase('period_end')), /01\/07\/2027/);
  assert.equal(await page.textContent(purchase('confirmation_id')), 'XN1');
  assert.equal(await page.textContent(`${section('service_confirmations')} td[data-column="confirmation_id"]`), 'XN1');
  assert.equal(await page.textContent(`${section('service_confirmations')} td[data-column="date"]`), '2026-06-17');
  // Renewed: the footer notice is gone.
  assert.equal(await page.getAttribute(`${view('footer')} [data-notice]`, 'data-notice'), 'off');
  assert.equal(await page.locator(`${view('profile')} .notice`).count(), 0);
  await page.screenshot({ path: join(shots, 'web-example-store.png'), fullPage: true });

  // English labels.
  await page.selectOption('#lang', 'en');
  assert.match(await page.textContent(`${view('profile')} h3`), /^Store profile — Store owner/);
  assert.equal(await page.textContent(field('profile', 'tier')), 'Professional');
  assert.equal(await page.textContent(`${section('purchase_history')} td[data-column="kind"]`), 'Renewal');

  assert.deepEqual(problems, []);
  assert.equal(await page.locator('#error:not([hidden])').count(), 0, await page.textContent('#error'));
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], 'nothing is fetched from outside');
});

const inSection = (v, id) => `${view(v)} section[data-section="${id}"]`;
const filterLine = (id, column) => `#report tr[data-instance="${id}"] td[data-column="${column}"]`;
/** The subscriptions the CSM's filter lists, in its order. */
const filtered = () => page.locator('#report tr[data-instance]').evaluateAll((els) => els.map((e) => e.dataset.instance));
/** The data of the latest effect tagged `tag` in the timeline (its JSON is the tag's title). */
const effectData = async (tag) => JSON.parse(await page.getAttribute(`#timeline [data-effect="${tag}"] >> nth=0`, 'title')).data;

test('the page clicks through a renewal (renewal_billing): the request and its QR, opened, reported paid, paid in two parts, the support history and the CSM filter', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.selectOption('#lang', 'vi');
  await page.selectOption('#workflow', 'renewal_billing');
  assert.match(await page.textContent('#title'), /^Gia hạn sản phẩm và yêu cầu thanh toán \(YCTT\) — TB-0042$/);
  assert.match(await page.textContent('#now'), /T2 22\/06\/2026 09:00/);

  // "Bộ lọc dựa theo tình trạng YCTT": the rows of the six subscriptions, run as CSM-01 with no
  // criterion: the four of their scope, soonest term end first; TB-0042 is being worked on.
  assert.equal(await page.textContent('#report-title'), 'Bộ lọc dựa theo tình trạng YCTT');
  assert.deepEqual(await filtered(), ['TB-0107', 'TB-0520', 'TB-0042', 'TB-0333']);
  assert.equal(await page.getAttribute('#report [data-total]', 'data-total'), '4');
  assert.equal(await page.getAttribute('#report tr[data-instance="TB-0042"]', 'class'), 'current');
  assert.equal(await page.textContent(filterLine('TB-0107', 'days_to_term_end')), '8 ngày');
  assert.equal(await page.textContent(filterLine('TB-0107', 'customer_name')), 'Công ty Cổ phần FPT');
  assert.equal(await page.textContent(filterLine('TB-0107', 'opened')), 'Chưa mở');
  assert.equal(await page.textContent(filterLine('TB-0520', 'request_status')), 'Từ chối gia hạn');
  assert.equal(await page.textContent(filterLine('TB-0042', 'request_status')), 'Chưa lập YCTT');
  assert.equal(await page.textContent(filterLine('TB-0333', 'product')), 'Hóa đơn điện tử MISA meInvoice');
  assert.equal(await page.textContent(filterLine('TB-0333', 'csm_id')), 'CSM-01 · Phạm Thu Trang');
  // Another csm sees other rows: CSM-02's own, and every meInvoice one (their scope).
  await page.selectOption('#report select[name="actor"]', 'CSM-02');
  assert.deepEqual(await filtered(), ['TB-0451', 'TB-0215', 'TB-0333']);
  assert.equal(await page.textContent(filterLine('TB-0215', 'request_status')), 'Khách hàng báo đã thanh toán');
  assert.equal(await page.textContent(filterLine('TB-0451', 'days_to_term_end')), '3 ngày');
  await page.selectOption('#report select[name="actor"]', 'CSM-01');
  assert.equal(await page.getAttribute('#report [data-total]', 'data-total'), '4');

  // Nothing issued yet: no detail; the customer information (customer_info) with its tax code.
  assert.equal(await page.textContent(`${view('request_detail')} .none`), 'Chưa có yêu cầu thanh toán nào.');
  assert.equal(await page.textContent(field('customer_info', 'invoice_name')), 'Công ty Cổ phần Sữa Việt Nam');
  assert.equal(await page.textContent(field('customer_info', 'tax_code')), '0300588569');
  assert.equal(await page.textContent(field('customer_info', 'term_end')), '31/07/2026');
  assert.equal(await page.textContent(`${inSection('support_history', 'history')} .none`), 'Chưa có hoạt động nào.');
  assert.equal(await page.locator(`${role('customer')} button[data-command]`).count(), 0);
  assert.equal(await page.locator('#payment-qr').count(), 0);

  // The scheduler issues the request: the package among the product's, the amount follows it.
  await page.click(button('scheduler', 'issue_request'));
  const packages = `${form('scheduler')} select[name="package"]`;
  const amount = `${form('scheduler')} input[name="amount"]`;
  assert.deepEqual(await page.locator(`${packages} option`).allTextContents(), [
    'AMIS Kế toán — gói 12 tháng — 5.500.000 ₫',
    'AMIS Kế toán — gói 24 tháng — 10.000.000 ₫',
  ]);
  assert.equal(await page.inputValue(packages), 'AMIS-KT-12');
  assert.equal(await page.inputValue(amount), '5500000');
  assert.equal(await page.textContent(`${form('scheduler')} [data-field="term"]`), '2');
  await page.selectOption(packages, 'AMIS-KT-24');
  assert.equal(await page.inputValue(amount), '10000000');
  assert.equal(await page.textContent(`${form('scheduler')} [data-shows="amount"]`), '10.000.000 ₫');
  await page.selectOption(packages, 'AMIS-KT-12');
  assert.equal(await page.inputValue(amount), '5500000');
  await page.click(`${form('scheduler')} button[data-action="send"]`);
  assert.equal(await page.locator(form('scheduler')).count(), 0);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'request_issued');
  assert.deepEqual(await page.locator('#timeline li >> nth=0 >> [data-effect]').evaluateAll((els) => els.map((e) => e.dataset.effect)), [
    'notify:renewal_billing.request_issued',
    'notify:renewal_billing.request_issued_sms',
  ]);
  assert.equal(await page.getAttribute(cell('R1', 'request'), 'data-state'), 'issued');
  assert.equal(await page.textContent(cell('R1', 'package')), 'AMIS Kế toán — gói 12 tháng');
  assert.equal(await page.textContent(cell('R1', 'amount')), '5.500.000 ₫');
  assert.equal(await page.textContent(cell('R1', 'reference')), 'KH0042 R1');
  assert.match(await page.textContent('#deadlines li[data-kind="reminder"]'), /\(R1\).*01\/07\/2026 09:00/);

  // "Xem chi tiết" (request_detail, as the csm): its QR is a real QR code of the detail's
  // payload, the one the e-mail carries.
  const first = (await effectData('notify:renewal_billing.request_issued')).qr_payload;
  assert.match(first, /^000201010212.*A000000727.*970436.*0011001234567.*5303704.*54075500000.*5802VN.*KH0042 R1.*6304[0-9A-F]{4}$/);
  const qrBox = `${view('request_detail')} .payment-qr`;
  assert.equal(await page.inputValue(`${qrBox} textarea[name="qr_payload"]`), first);
  assert.equal(await scanPaymentQr(), first);
  assert.equal(await page.textContent(field('request_detail', 'status')), 'Đã gửi YCTT');
  assert.equal(await page.textContent(field('request_detail', 'days_to_term_end')), '39 ngày');
  assert.deepEqual(await page.locator(`${inSection('request_detail', 'timeline')} td[data-column="step"]`).allTextContents(), ['Đã gửi YCTT (email và SMS)']);
  // The payment content and the transfer information, ready to copy.
  const content = inSection('request_detail', 'payment_content');
  assert.equal(await page.textContent(`${content} dd[data-field="period_start"]`), '01/08/2026');
  assert.equal(await page.textContent(`${content} dd[data-field="period_end"]`), '31/07/2027');
  assert.match(await page.inputValue(`${content} textarea[name="copy_text"]`), /Xuất hóa đơn cho: Công ty Cổ phần Sữa Việt Nam, MST 0300588569/);
  const transfer = inSection('request_detail', 'transfer');
  assert.equal(await page.textContent(`${transfer} dd[data-field="bank_name"]`), 'Vietcombank');
  assert.equal(await page.inputValue(`${transfer} input[name="account"]`), '0011001234567');
  assert.equal(await page.inputValue(`${transfer} input[name="amount"]`), '5500000');
  assert.equal(await page.inputValue(`${transfer} input[name="reference"]`), 'KH0042 R1');
  assert.match(await page.inputValue(`${transfer} textarea[name="copy_text"]`), /Số tiền: 5\.500\.000 ₫\nNội dung chuyển khoản: KH0042 R1$/);
  await page.click(`${transfer} button[data-copy="reference"]`);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'KH0042 R1');
  assert.equal(await page.textContent(`${transfer} button[data-copy="reference"]`), 'Đã chép');
  await page.screenshot({ path: join(shots, 'web-example-renewal-qr.png'), fullPage: true });

  // The customer opens it, then reports having paid: reminders pause, reconcile_by counts
  // 2 working days.
  await page.click(button('customer', 'record_opened', { request_id: 'R1' }));
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'request_opened');
  assert.equal(await page.getAttribute(cell('R1', 'request'), 'data-state'), 'opened');
  await page.click(button('customer', 'report_paid', { request_id: 'R1' }));
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'payment_reported');
  assert.ok(await page.locator('#timeline li >> nth=0 >> [data-effect="notify:renewal_billing.customer_reported_paid"]').count());
  assert.equal(await page.getAttribute(cell('R1', 'request'), 'data-state'), 'customer_reported_paid');
  assert.match(await page.textContent('#deadlines li[data-kind="reconcile_by"]'), /\(R1\).*24\/06\/2026 09:00.*giờ làm việc/);
  assert.equal(await page.locator('#deadlines li[data-kind="reminder"]').count(), 0);
  assert.deepEqual(await page.locator(`${inSection('request_detail', 'timeline')} td[data-column="step"]`).allTextContents(), [
    'Đã gửi YCTT (email và SMS)',
    'Khách hàng đã mở YCTT',
    'Khách hàng báo đã thanh toán',
  ]);

  // The csm resends it by SMS and writes a note.
  assert.match(await page.textContent(button('csm', 'resend', { request_id: 'R1', channel: 'sms' })), /qua SMS/);
  await page.click(button('csm', 'resend', { request_id: 'R1', channel: 'sms' }));
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'request_resent');
  assert.ok(await page.locator('#timeline li >> nth=0 >> [data-effect="notify:renewal_billing.request_issued_sms"]').count());
  await page.click(button('csm', 'add_note'));
  assert.match(await page.inputValue(`${form('csm')} textarea[name="text"]`), /^Đã gọi chị Lan/);
  await page.fill(`${form('csm')} textarea[name="text"]`, 'Khách báo đã chuyển khoản sáng nay, chờ đối soát.');
  await page.click(`${form('csm')} button[data-action="send"]`);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'note_added');

  // "Cập nhật thông tin xuất hóa đơn": a tax code with a wrong check digit is refused (the
  // form stays), the right one is taken with the new e-mail.
  await page.click(button('csm', 'update_invoice_info'));
  const taxCode = `${form('csm')} input[name="invoice.tax_code"]`;
  assert.equal(await page.inputValue(taxCode), '0300588569');
  await page.fill(taxCode, '0300588568');
  await page.fill(`${form('csm')} input[name="invoice.email"]`, 'ketoan.hoadon@vinamilk.com.vn');
  await page.click(`${form('csm')} button[data-action="send"]`);
  assert.equal(await page.getAttribute('#error', 'data-code'), 'validation_failed');
  assert.match(await page.textContent('#error'), /Mã số thuế `0300588568` không hợp lệ: sai chữ số kiểm tra.*invoice\.tax_code/);
  assert.equal(await page.locator(form('csm')).count(), 1);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'note_added');
  await page.fill(taxCode, '0300588569');
  await page.click(`${form('csm')} button[data-action="send"]`);
  assert.equal(await page.locator('#error:not([hidden])').count(), 0);
  assert.equal(await page.locator(form('csm')).count(), 0);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'invoice_info_updated');
  assert.equal(await page.textContent(`${inSection('customer_info', 'invoice')} dd[data-field="email"]`), 'ketoan.hoadon@vinamilk.com.vn');

  // The gateway reconciles a first transfer of 2.000.000 ₫ (the form proposes what is left).
  await page.click(button('payment_gateway', 'payment_received', { request_id: 'R1' }));
  assert.equal(await page.inputValue(`${form('payment_gateway')} input[name="amount"]`), '5500000');
  assert.match(await page.inputValue(`${form('payment_gateway')} textarea[name="reference"]`), /^FT26173\d{5}$/);
  await page.fill(`${form('payment_gateway')} input[name="amount"]`, '2000000');
  assert.equal(await page.textContent(`${form('payment_gateway')} [data-shows="amount"]`), '2.000.000 ₫');
  await page.click(`${form('payment_gateway')} button[data-action="send"]`);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'payment_recorded');
  assert.equal(await page.getAttribute(cell('R1', 'request'), 'data-state'), 'customer_reported_paid');
  assert.equal(await page.textContent(cell('R1', 'paid_total')), '2.000.000 ₫');
  assert.equal(await page.textContent(`${content} dd[data-field="paid"]`), '2.000.000 ₫');
  assert.equal(await page.textContent(`${content} dd[data-field="remaining"]`), '3.500.000 ₫');
  // The QR now asks for the remainder, as the customer's e-mail does.
  const second = (await effectData('notify:renewal_billing.partial_payment')).qr_payload;
  assert.match(second, /54073500000/);
  assert.notEqual(second, first);
  assert.equal(await page.inputValue(`${qrBox} textarea[name="qr_payload"]`), second);
  assert.equal(await scanPaymentQr(), second);
  assert.equal(await page.inputValue(`${transfer} input[name="amount"]`), '3500000');
  await page.screenshot({ path: join(shots, 'web-example-renewal-partial.png'), fullPage: true });

  // The rest: paid, invoiced with the information in force, the term extended.
  await page.click(button('payment_gateway', 'payment_received', { request_id: 'R1' }));
  assert.equal(await page.inputValue(`${form('payment_gateway')} input[name="amount"]`), '3500000');
  await page.click(`${form('payment_gateway')} button[data-action="send"]`);
  assert.deepEqual((await events()).slice(0, 2), ['request_paid', 'payment_recorded']);
  const paidEffects = await page.locator('#timeline li >> nth=0 >> [data-effect]').evaluateAll((els) => els.map((e) => e.dataset.effect));
  assert.deepEqual(paidEffects, ['issue_invoice', 'extend_term', 'notify:renewal_billing.renewed']);
  const invoice = JSON.parse(await page.getAttribute('#timeline li >> nth=0 >> [data-effect="issue_invoice"]', 'title'));
  assert.equal(invoice.invoice_info.email, 'ketoan.hoadon@vinamilk.com.vn');
  assert.equal(invoice.invoice_info.tax_code, '0300588569');
  assert.equal(await page.getAttribute(cell('R1', 'request'), 'data-state'), 'paid');
  assert.equal(await page.locator('#payment-qr').count(), 0, 'nothing left to pay: no QR');
  assert.equal(await page.textContent(field('request_detail', 'status')), 'Đã thanh toán, đã gia hạn');
  assert.equal(await page.textContent(`${content} dd[data-field="remaining"]`), '0 ₫');
  assert.equal(await page.textContent(field('customer_info', 'term_no')), '2');
  assert.equal(await page.textContent(field('customer_info', 'term_end')), '31/07/2027');
  assert.equal(
    (await page.locator(`${inSection('request_detail', 'timeline')} td[data-column="step"]`).allTextContents()).at(-1),
    'Đã thanh toán, đã gia hạn',
  );

  // "Lịch sử hỗ trợ": every csm action, oldest first (the scheduler's request is not one).
  const history = inSection('support_history', 'history');
  assert.deepEqual(await page.locator(`${history} td[data-column="action"]`).allTextContents(), [
    'Gửi lại YCTT',
    'Ghi chú',
    'Cập nhật thông tin xuất hóa đơn',
  ]);
  assert.deepEqual(await page.locator(`${history} td[data-column="detail"]`).allTextContents(), [
    'qua SMS',
    'Khách báo đã chuyển khoản sáng nay, chờ đối soát.',
    'Công ty Cổ phần Sữa Việt Nam · MST 0300588569 · Số 10 Tân Trào, phường Tân Phú, Quận 7, TP. Hồ Chí Minh · ketoan.hoadon@vinamilk.com.vn',
  ]);
  assert.deepEqual(await page.locator(`${history} td[data-column="actor_id"]`).allTextContents(), Array(3).fill('CSM-01 · Phạm Thu Trang'));
  assert.deepEqual(await page.locator(`${history} td[data-column="request_id"]`).allTextContents(), ['R1', '—', '—']);
  await page.screenshot({ path: join(shots, 'web-example-renewal.png'), fullPage: true });

  // The filter again: TB-0042 is paid, its term runs to 2027.
  assert.deepEqual(await filtered(), ['TB-0107', 'TB-0520', 'TB-0333', 'TB-0042']);
  assert.equal(await page.textContent(filterLine('TB-0042', 'request_status')), 'Đã thanh toán, đã gia hạn');
  assert.equal(await page.textContent(filterLine('TB-0042', 'days_to_term_end')), '404 ngày');
  // "Chưa mở": the requests nobody opened (TB-0520's was refused unopened).
  await page.selectOption('#report select[name="opened"]', 'false');
  assert.deepEqual(await filtered(), ['TB-0107', 'TB-0520']);
  // … still awaiting payment.
  await page.check('#report input[name="statuses"][value="issued"]');
  assert.deepEqual(await filtered(), ['TB-0107']);
  // … whose term ends within 7 days: none; within 10: TB-0107.
  await page.fill('#report input[name="max_days_to_term_end"]', '7');
  assert.deepEqual(await filtered(), []);
  assert.equal(await page.textContent('#report-results .none'), 'Không có thuê bao nào khớp bộ lọc.');
  await page.fill('#report input[name="max_days_to_term_end"]', '10');
  assert.deepEqual(await filtered(), ['TB-0107']);
  // The same criteria for CSM-02: their household business, 3 days left.
  await page.selectOption('#report select[name="actor"]', 'CSM-02');
  assert.deepEqual(await filtered(), ['TB-0451']);
  await page.screenshot({ path: join(shots, 'web-example-renewal-filter.png'), fullPage: true });

  // Open TB-0451 from the filter: the page works on it, as its csm and customer.
  await page.click('#report button[data-open="TB-0451"]');
  assert.match(await page.textContent('#title'), /— TB-0451$/);
  assert.equal(await page.inputValue(`${role('customer')} input[name="actor"]`), 'KH-0451');
  assert.equal(await page.inputValue(`${role('csm')} input[name="actor"]`), 'CSM-02');
  assert.equal(await page.getAttribute(cell('R1', 'request'), 'data-state'), 'issued');
  assert.equal(await page.textContent(cell('R1', 'amount')), '2.400.000 ₫');
  assert.equal(await page.textContent(`${inSection('customer_info', 'invoice')} dd[data-field="tax_code"]`), '079190012345');
  assert.deepEqual(await page.locator(`${inSection('support_history', 'history')} td[data-column="action"]`).allTextContents(), ['Gửi lại YCTT']);
  assert.ok(await page.locator('#payment-qr').count(), 'its request awaits payment');
  assert.equal(await page.getAttribute('#report tr[data-instance="TB-0451"]', 'class'), 'current');

  // A week later (every subscription ticked): TB-0451's term ended unpaid, TB-0215's
  // reported payment was not reconciled in time.
  await page.click('#advance button[data-seconds="604800"]');
  assert.match(await page.textContent('#now'), /29\/06\/2026 09:00/);
  assert.equal(await page.getAttribute(cell('R1', 'request'), 'data-state'), 'expired');
  assert.equal(await page.getAttribute('#diagram g.current[data-region="subscription"]', 'data-state'), 'lapsed');
  assert.deepEqual(await filtered(), []);
  await page.uncheck('#report input[name="statuses"][value="issued"]');
  await page.check('#report input[name="statuses"][value="expired"]');
  await page.fill('#report input[name="max_days_to_term_end"]', '');
  assert.deepEqual(await filtered(), ['TB-0451']);
  assert.equal(await page.textContent(filterLine('TB-0451', 'days_to_term_end')), '-4 ngày');
  await page.uncheck('#report input[name="statuses"][value="expired"]');
  await page.selectOption('#report select[name="opened"]', '');
  assert.deepEqual(await filtered(), ['TB-0451', 'TB-0215', 'TB-0333']);
  assert.equal(await page.textContent(filterLine('TB-0215', 'reconcile_overdue')), 'Quá hạn đối soát');

  // TB-0107 (CSM-01's, a day left): the customer wants 24 months, so the csm cancels the
  // request ("Hủy YCTT", with a reason) and issues another; the detail shows either.
  await page.selectOption('#report select[name="actor"]', 'CSM-01');
  await page.click('#report button[data-open="TB-0107"]');
  assert.match(await page.textContent('#title'), /— TB-0107$/);
  await page.click(button('csm', 'cancel', { request_id: 'R1' }));
  assert.equal(await page.inputValue(`${form('csm')} textarea[name="reason"]`), 'Khách hàng muốn đổi sang gói 24 tháng: hủy YCTT để lập lại.');
  await page.click(`${form('csm')} button[data-action="send"]`);
  assert.equal(await page.getAttribute('#timeline li >> nth=0', 'data-event'), 'request_cancelled');
  assert.equal(await page.getAttribute(cell('R1', 'request'), 'data-state'), 'cancelled');
  await page.click(button('csm', 'issue_request'));
  // The last request's package is proposed with its amount, which follows another package.
  assert.equal(await page.inputValue(`${form('csm')} select[name="package"]`), 'AMIS-KT-12');
  assert.equal(await page.inputValue(`${form('csm')} input[name="amount"]`), '5500000');
  await page.selectOption(`${form('csm')} select[name="package"]`, 'AMIS-KT-24');
  assert.equal(await page.inputValue(`${form('csm')} input[name="amount"]`), '10000000');
  await page.click(`${form('csm')} button[data-action="send"]`);
  assert.equal(await page.getAttribute(cell('R2', 'request'), 'data-state'), 'issued');
  assert.equal(await page.textContent(cell('R2', 'package')), 'AMIS Kế toán — gói 24 tháng');
  assert.equal(await page.getAttribute(view('request_detail'), 'data-entity'), 'R2');
  assert.equal(await page.inputValue(`${inSection('request_detail', 'transfer')} input[name="reference"]`), 'KH0107 R2');
  assert.match(await scanPaymentQr(), /540810000000.*KH0107 R2/);
  await page.selectOption(`${view('request_detail')} select[name="entity"]`, 'R1');
  assert.equal(await page.textContent(field('request_detail', 'status')), 'Đã hủy YCTT');
  assert.equal(await page.locator('#payment-qr').count(), 0);
  assert.deepEqual(await page.locator(`${inSection('support_history', 'history')} td[data-column="action"]`).allTextContents(), ['Hủy YCTT', 'Lập YCTT']);
  assert.equal(await page.textContent(filterLine('TB-0107', 'request_id')), 'R2');
  assert.equal(await page.textContent(filterLine('TB-0107', 'remaining')), '10.000.000 ₫');

  // Back to TB-0042, from CSM-01's list.
  await page.click('#report button[data-open="TB-0042"]');
  assert.match(await page.textContent('#title'), /— TB-0042$/);
  assert.equal(await page.getAttribute(cell('R1', 'request'), 'data-state'), 'paid');

  // English labels.
  await page.selectOption('#lang', 'en');
  assert.equal(await page.textContent('#report-title'), 'Filter by payment request status');
  assert.equal(await page.textContent(filterLine('TB-0042', 'request_status')), 'Paid, renewed');
  assert.equal(await page.textContent(filterLine('TB-0107', 'market')), 'North');
  assert.match(await page.textContent(`${view('support_history')} h3`), /^Support history — Customer-success staff/);

  assert.deepEqual(problems, []);
  assert.equal(await page.locator('#error:not([hidden])').count(), 0, await page.textContent('#error'));
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], 'nothing is fetched from outside');
});
