// The JS API: errors as real `Error`s with codes, bad inputs, instances, definitions,
// diagrams, the calendar and the lunar calendar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, cmd } from './support.mjs';

const { WorkflowInstance, QuytrinhError, BusinessCalendar, report } = api;
const T0 = '2026-11-23T09:00:00+07:00';
const companionInit = { saco_id: 'S1', customer_id: 'K1', account: '0001234567' };

function companion() {
  return WorkflowInstance.create('companion', { id: 'rel-1', init: companionInit });
}

/** Asserts that `f` throws a QuytrinhError with `code` (and `rule` when given). */
function throwsCode(f, code, rule) {
  let caught;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${code}, but nothing was thrown`);
  assert.ok(caught instanceof QuytrinhError, `not a QuytrinhError: ${caught}`);
  assert.ok(caught instanceof Error);
  assert.equal(caught.name, 'QuytrinhError');
  assert.equal(caught.code, code, caught.message);
  if (rule !== undefined) assert.equal(caught.rule, rule);
  assert.equal(typeof caught.messageVi, 'string');
  assert.equal(typeof caught.messageEn, 'string');
  assert.ok(caught.stack.includes('QuytrinhError'));
  return caught;
}

test('workflows and definitions', () => {
  assert.deepEqual(api.workflows(), ['companion', 'complaint', 'lead_care', 'store_subscription', 'renewal_billing']);
  for (const w of api.workflows()) {
    const def = api.definition(w);
    assert.equal(def.workflow, w);
    assert.ok(def.regions.length > 0 && def.commands.length > 0 && def.transitions.length > 0);
    assert.match(api.mermaid(w), /^stateDiagram-v2/);
    assert.match(api.mermaid(w, { lang: 'en' }), /^stateDiagram-v2/);
    assert.match(api.dot(w), new RegExp(`^digraph ${w} `));
  }
  throwsCode(() => api.definition('payroll'), 'unknown_workflow');
  throwsCode(() => api.mermaid('companion', { lang: 'fr' }), 'invalid_argument', 'lang');
  throwsCode(() => api.definition('companion', { otp_lifetime_seconds: 0 }), 'invalid_config');
  throwsCode(() => api.definition('companion', { colour: 1 }), 'invalid_json');
});

test('an instance: handle, outcome, state, deadlines, available commands, diagrams', () => {
  const rel = companion();
  assert.equal(rel.workflow, 'companion');
  assert.equal(rel.id, 'rel-1');
  assert.equal(rel.version, 0);
  assert.ok(rel.is('companion') && !rel.is('complaint'));
  const saco = { role: 'saco', id: 'S1' };
  // A Date works as well as RFC 3339 text.
  const out = rel.handle(cmd('c1', 'saco', 'S1', new Date(T0), { type: 'request_unlink' }));
  assert.equal(out.duplicate, false);
  assert.equal(out.version, 1);
  assert.deepEqual(out.events.map((r) => r.event.type), ['request_staged']);
  assert.deepEqual(out.effects.map((e) => e.kind), ['send_otp']);
  assert.equal(out.effects[0].key, 'rel-1:1:0');
  assert.deepEqual(out.next_deadline, { kind: 'otp_expiry', target: 'R1', due: '2026-11-23T02:05:00Z', basis: 'clock' });
  assert.deepEqual(rel.nextDeadline, out.next_deadline);
  assert.deepEqual(rel.deadlines, [out.next_deadline]);
  assert.equal(out.state, undefined, 'outcomes carry what changed; the state is read on request');
  assert.deepEqual(out.position, rel.position);
  // The same command id again: the original outcome, nothing changes.
  const again = rel.handle(cmd('c1', 'saco', 'S1', T0, { type: 'request_unlink' }));
  assert.equal(again.duplicate, true);
  assert.equal(rel.version, 1);
  const available = rel.availableCommands(saco, '2026-11-23T09:01:00+07:00');
  assert.deepEqual(available.map((a) => a.name).sort(), ['otp_failed', 'otp_verified']);
  const verify = available.find((a) => a.name === 'otp_verified');
  assert.equal(typeof verify.label.vi, 'string');
  const out2 = rel.handle({ command_id: 'c2', actor: saco, at: '2026-11-23T09:01:00+07:00', ...verify.command });
  assert.deepEqual(out2.effects.map((e) => (e.kind === 'notify' ? `notify:${e.template}` : e.kind)), [
    'suspend_trading_rights',
    'notify:companion.unlink_requested',
  ]);
  assert.equal(rel.nextDeadline.kind, 'auto_confirm');
  // A tick a day later fires the auto-confirmation at its own instant.
  const ticked = rel.tick(new Date('2026-11-24T10:00:00+07:00'));
  assert.ok(ticked.events.length > 0);
  assert.equal(ticked.events[0].at, '2026-11-24T02:01:00Z');
  assert.equal(rel.nextDeadline, null);
  const def = rel.definition();
  assert.equal(def.workflow, 'companion');
  const mermaid = rel.mermaid({ lang: 'en' });
  assert.match(mermaid, /class \w+ current/);
  assert.doesNotMatch(rel.mermaid({ highlight: false }), /class \w+ current/);
  assert.match(rel.dot(), /fillcolor="#fde68a"/);
  rel.free();
  rel.free(); // twice is harmless
  throwsCode(() => rel.state, 'freed');
});

test('queries: one entry point, typed answers, refusals as QuytrinhErrors that change nothing', () => {
  const rel = companion();
  rel.handle(cmd('c1', 'saco', 'S1', T0, { type: 'request_unlink' }));
  const before = rel.snapshotJson();
  const mine = rel.query({ role: 'saco', id: 'S1' }, { type: 'requests' }, T0);
  assert.equal(mine.type, 'requests');
  assert.deepEqual(mine.requests.map((r) => [r.id, r.status]), [['R1', 'awaiting_otp']]);
  // SPEC §2: a request still awaiting its requester's OTP is invisible to the counterparty.
  assert.deepEqual(rel.query({ role: 'customer', id: 'K1' }, { type: 'requests' }, T0).requests, []);
  throwsCode(() => rel.query({ role: 'customer', id: 'K9' }, { type: 'requests' }, T0), 'not_permitted', 'not_a_party');
  throwsCode(() => rel.query({ role: 'system', id: 'system' }, { type: 'requests' }, T0), 'not_permitted', 'role');
  throwsCode(() => rel.query({ role: 'saco', id: 'S1' }, { type: 'timeline' }, T0), 'invalid_json');
  throwsCode(() => rel.query({ role: 'saco', id: 'S1' }, undefined, T0), 'invalid_argument', 'query');
  throwsCode(() => rel.query({ role: 'saco', id: 'S1' }, { type: 'requests' }, '2026-11-23T08:00:00+07:00'), 'clock_went_backwards');
  assert.equal(rel.snapshotJson(), before, 'a query changes nothing');
});

test('reports: one entry point over the rows of many instances', () => {
  const received = WorkflowInstance.create('complaint', { id: 'KN-1', init: { complaint_id: 'KN-1' } });
  const idle = WorkflowInstance.create('complaint', { id: 'KN-2', init: { complaint_id: 'KN-2' } });
  received.handle({
    command_id: 'c1',
    actor: { role: 'intake', id: 'hotline-1' },
    at: '2026-03-02T09:00:00+07:00',
    type: 'receive',
    channel: 'phone',
    customer_id: 'KH-01',
    contact: { name: 'Nguyễn Văn An', phone: '0901234567' },
    description: 'Token lỗi',
    agent_id: 'DL-07',
  });
  // Rows as a host stores them: JSON text, read back.
  const rows = [received.row(), idle.row()].map((r) => JSON.parse(JSON.stringify(r)));
  const weekly = { type: 'weekly_report', week_ending: '2026-03-05' };
  const boss = { role: 'head_of_ops', id: 'TP-01' };
  const answer = report('complaint', boss, weekly, rows, '2026-03-05T09:00:00+07:00');
  assert.equal(answer.type, 'weekly_report');
  // SPEC §6: one complaint received on Monday 2 March, not resolved by Thursday 09:00.
  assert.deepEqual([answer.received, answer.open, answer.resolved], [1, 1, 0]);
  assert.equal(answer.by_channel.phone, 1);
  throwsCode(() => report('complaint', { role: 'agent', id: 'DL-07' }, weekly, rows), 'not_permitted', 'role');
  // Wednesday 4 March is not the report's weekday (Thursday).
  throwsCode(() => report('complaint', boss, { ...weekly, week_ending: '2026-03-04' }, rows), 'validation_failed');
  throwsCode(() => report('complaint', boss, weekly, [{ x: 1 }]), 'invalid_json', 'rows[0].x');
  throwsCode(() => report('complaint', boss, weekly, 'rows'), 'invalid_argument', 'rows');
  throwsCode(() => report('companion', { role: 'saco', id: 'S1' }, weekly, []), 'invalid_json');
  throwsCode(() => report('payroll', boss, weekly, []), 'unknown_workflow');
  assert.equal(companion().row(), null, 'a workflow without reports gives an empty row');
  // The configuration reads back whole, defaults included (SPEC §6: a 72 working-hour SLA).
  assert.equal(received.config.sla_working_hours, 72);
  const custom = WorkflowInstance.create('companion', { init: companionInit, config: { otp_lifetime_seconds: 120 } });
  assert.deepEqual([custom.config.otp_lifetime_seconds, custom.config.otp_max_failures], [120, 5]);
});

test('rejections are QuytrinhErrors with code, rule and both messages, and change nothing', () => {
  const rel = companion();
  rel.handle(cmd('c1', 'saco', 'S1', T0, { type: 'request_unlink' }));
  const before = rel.snapshotJson();
  const backwards = throwsCode(
    () => rel.handle(cmd('c2', 'saco', 'S1', '2026-11-23T08:00:00+07:00', { type: 'request_unlink' })),
    'clock_went_backwards',
  );
  assert.ok(backwards.isRejection);
  assert.match(backwards.messageVi, /sớm hơn/);
  assert.match(backwards.messageEn, /earlier/);
  assert.equal(backwards.message, `clock_went_backwards (${backwards.rule}): ${backwards.messageEn}`);
  const conflict = throwsCode(
    () => rel.handle({ ...cmd('c3', 'saco', 'S1', T0, { type: 'request_unlink' }), expected_version: 7 }),
    'version_conflict',
    'expected_version',
  );
  assert.deepEqual(conflict.toJSON().code, 'version_conflict');
  throwsCode(() => rel.handle(cmd('c4', 'ops', 'O1', T0, { type: 'request_unlink' })), 'not_permitted');
  throwsCode(() => rel.handle(cmd('c5', 'saco', 'S1', T0, { type: 'confirm', request_id: 'R9' })), 'not_found', 'request_id');
  throwsCode(() => rel.handle(cmd('', 'saco', 'S1', T0, { type: 'request_unlink' })), 'validation_failed', 'command_id');
  assert.equal(rel.snapshotJson(), before, 'a rejection changes nothing');
});

test('bad input: wrong types, missing fields, unknown command types, bad dates', () => {
  const rel = companion();
  const e = throwsCode(() => rel.handle(cmd('c1', 'saco', 'S1', T0, { type: 'teleport' })), 'invalid_json');
  assert.match(e.message, /unknown variant `teleport`/);
  assert.equal(e.line, 1);
  assert.ok(e.column > 0);
  assert.equal(e.isRejection, false);
  throwsCode(() => rel.handle({ command_id: 'c1', actor: { role: 'saco', id: 'S1' }, type: 'request_unlink' }), 'invalid_json');
  throwsCode(() => rel.handle({ command_id: 'c1', at: T0, type: 'request_unlink' }), 'invalid_json');
  throwsCode(() => rel.handle(cmd('c1', 'saco', 'S1', T0, {})), 'invalid_json');
  throwsCode(() => rel.handle(cmd('c1', 'saco', 'S1', T0, { type: 'request_unlink', colour: 'red' })), 'invalid_json');
  throwsCode(() => rel.handle(cmd('c1', 'saco', 'S1', T0, { type: 'confirm', request_id: 42 })), 'invalid_json');
  throwsCode(() => rel.handle(cmd(7, 'saco', 'S1', T0, { type: 'request_unlink' })), 'invalid_json', 'command_id');
  // The field at fault is named (as `rule` and in the message), not a column of JSON text
  // the caller never wrote.
  const late = throwsCode(() => rel.handle(cmd('c1', 'saco', 'S1', 'yesterday', { type: 'request_unlink' })), 'invalid_json', 'at');
  assert.match(late.message, /^invalid JSON at `at`: /);
  assert.doesNotMatch(late.message, /line|column/);
  throwsCode(() => rel.handle({ ...cmd('c1', 'saco', 'S1', T0, { type: 'request_unlink' }), actor: { role: 'saco' } }), 'invalid_json', 'actor');
  throwsCode(() => rel.handle({ ...cmd('c1', 'saco', 'S1', T0, { type: 'request_unlink' }), actor: { role: 'saco', id: 9 } }), 'invalid_json', 'actor.id');
  throwsCode(() => rel.handle({ ...cmd('c1', 'saco', 'S1', T0, { type: 'request_unlink' }), expected_version: -1 }), 'invalid_json', 'expected_version');
  // The body's fields too (the body is decoded apart from the envelope's text).
  const wrongBody = throwsCode(() => rel.handle(cmd('c1', 'saco', 'S1', T0, { type: 'confirm', request_id: 42 })), 'invalid_json', 'request_id');
  assert.match(wrongBody.message, /^invalid JSON at `request_id`: invalid type: integer `42`/);
  assert.doesNotMatch(wrongBody.message, /line|column/);
  throwsCode(() => rel.handle(cmd('c1', 'saco', 'S1', T0, { type: 'confirm', request_id: 'R1', colour: 'red' })), 'invalid_json', 'colour');
  throwsCode(() => rel.handle(cmd('c1', 'saco', 'S1', T0, { type: 'teleport' })), 'invalid_json', 'type');
  const missingBody = throwsCode(() => rel.handle(cmd('c1', 'saco', 'S1', T0, { type: 'confirm' })), 'invalid_json');
  assert.equal(missingBody.message, 'invalid JSON: missing field `request_id`');
  const complaint = WorkflowInstance.create('complaint', { init: { complaint_id: 'KN-1' } });
  const receive = { type: 'receive', channel: 'phone', customer_id: 'K1', contact: { phone: 901234567 }, description: 'Sai gói' };
  const nested = throwsCode(() => complaint.handle(cmd('k1', 'intake', 'I1', T0, receive)), 'invalid_json', 'contact.phone');
  assert.doesNotMatch(nested.message, /line|column/);
  throwsCode(() => rel.handle(cmd('c1', 'saco', 'S1', new Date('nope'), { type: 'request_unlink' })), 'invalid_json');
  throwsCode(() => rel.handle(42), 'invalid_json');
  throwsCode(() => rel.handle([]), 'invalid_json');
  throwsCode(() => rel.handle('{"command_id":"c1"}'), 'invalid_json');
  throwsCode(() => rel.handle(), 'invalid_argument', 'command');
  throwsCode(() => rel.handle(null), 'invalid_argument', 'command');
  const cyclic = cmd('c1', 'saco', 'S1', T0, { type: 'request_unlink' });
  cyclic.self = cyclic;
  throwsCode(() => rel.handle(cyclic), 'invalid_argument', 'command');
  throwsCode(() => rel.tick('not a date'), 'invalid_argument', 'at');
  throwsCode(() => rel.tick(new Date(Number.NaN)), 'invalid_argument', 'at');
  throwsCode(() => rel.tick(12), 'invalid_argument', 'at');
  throwsCode(() => rel.availableCommands({ role: 'saco' }, T0), 'invalid_json');
  throwsCode(() => WorkflowInstance.create('payroll', { init: {} }), 'unknown_workflow');
  throwsCode(() => WorkflowInstance.create('companion', {}), 'invalid_argument', 'init');
  const missing = throwsCode(() => WorkflowInstance.create('companion', { init: { saco_id: 'S1' } }), 'invalid_json', 'init');
  assert.equal(missing.message, 'invalid JSON at `init`: missing field `customer_id`');
  throwsCode(() => WorkflowInstance.create('companion', { init: {} }), 'invalid_json', 'init');
  throwsCode(() => WorkflowInstance.create('companion', { init: { ...companionInit, account: 1 } }), 'invalid_json', 'init.account');
  throwsCode(() => WorkflowInstance.create('companion', { init: { ...companionInit, saco_id: ' ' } }), 'validation_failed', 'saco_id');
  throwsCode(() => WorkflowInstance.create('companion', { init: companionInit, settings: { remembered_commands: 0 } }), 'invalid_config');
  throwsCode(() => WorkflowInstance.create('companion', { init: companionInit, config: { otp_lifetime_seconds: 'long' } }), 'invalid_json', 'config.otp_lifetime_seconds');
  throwsCode(() => WorkflowInstance.restore('{'), 'invalid_json');
  throwsCode(() => WorkflowInstance.restore({ workflow: 'payroll' }), 'unknown_workflow');
  const snapshot = rel.snapshot();
  throwsCode(() => WorkflowInstance.restore({ ...snapshot, schema_version: 99 }), 'unsupported_schema');
  throwsCode(() => WorkflowInstance.restore(snapshot, 'complaint'), 'wrong_workflow');
  throwsCode(() => WorkflowInstance.replay({ ...rel.eventLog(), records: [{ version: 5 }] }), 'invalid_json');
  assert.throws(() => new WorkflowInstance(), TypeError);
});

test('amounts beyond 2^53 go in exactly as bigint', () => {
  const c = WorkflowInstance.create('complaint', {
    id: 'kn-1',
    init: { complaint_id: 'KN-1' },
  });
  assert.equal(c.version, 0);
  // The overflow check of the core sees the exact i64 maximum, not a rounded double.
  throwsCode(
    () => c.handle(cmd('c1', 'ops', 'O1', T0, { type: 'deposit_received', amount_vnd: 9223372036854775807n })),
    'invalid_transition',
  );
});

test('amounts beyond 2^53 come out exactly as bigint, never rounded', () => {
  const big = 4611686018427387903n; // 2^62 − 1 đồng
  const c = WorkflowInstance.create('complaint', { id: 'kn-2', init: { complaint_id: 'KN-2' } });
  const ops = (id, at, body) => c.handle(cmd(id, 'ops', 'NV-07', at, body));
  c.handle(cmd('c1', 'intake', 'mailbox', '2026-03-09T08:30:00+07:00', {
    type: 'receive', channel: 'email', customer_id: 'KH-02', contact: { email: 'a@example.vn' }, description: 'Token bị khóa',
  }));
  ops('c2', '2026-03-09T08:45:00+07:00', { type: 'start_analysis' });
  ops('c3', '2026-03-09T11:00:00+07:00', { type: 'record_finding', root_cause: 'Lỗi firmware', at_fault: 'supplier', damages_vnd: big, agent_id: 'DL-07' });
  assert.equal(c.state.finding.damages_vnd, big);
  assert.equal(typeof c.state.finding.damages_vnd, 'bigint');
  assert.equal(c.snapshot().state.finding.damages_vnd, big);
  const again = WorkflowInstance.restore(c.snapshot());
  assert.equal(again.state.finding.damages_vnd, big);
  // Small amounts stay numbers; digits inside strings and decimals are left alone.
  assert.deepEqual(api.parseJson('{"a":500000,"b":"12345678901234567890","c":0.12345678901234568}'),
    { a: 500000, b: '12345678901234567890', c: 0.12345678901234568 });
  assert.equal(api.parseJson('[-9223372036854775808]')[0], -9223372036854775808n);
});

test('snapshots and event logs round-trip in WASM', () => {
  const rel = companion();
  rel.handle(cmd('c1', 'customer', 'K1', T0, { type: 'request_unlink' }));
  const text = rel.snapshotJson();
  const restored = WorkflowInstance.restore(text, 'companion');
  assert.equal(restored.snapshotJson(), text);
  assert.deepEqual(restored.state, rel.state);
  const fromObject = WorkflowInstance.restore(rel.snapshot());
  assert.deepEqual(fromObject.state, rel.state);
  const replayed = WorkflowInstance.replay(rel.eventLogJson());
  assert.equal(replayed.snapshotJson(), text);
  assert.equal(rel.eventLog().records.length, 1);
  // A restored instance goes on where the original was.
  const out = restored.handle(cmd('c1', 'customer', 'K1', T0, { type: 'request_unlink' }));
  assert.equal(out.duplicate, true);
});

test('business calendar and lunar calendar', () => {
  const cal = new BusinessCalendar();
  // 24 November 2026 is Vietnam Culture Day: 72 working hours from Monday 09:00 end on Friday.
  assert.equal(cal.add(T0, 72 * 3600), '2026-11-27T02:00:00Z');
  assert.equal(cal.between(T0, '2026-11-27T09:00:00+07:00'), 72 * 3600);
  assert.equal(cal.isDayOff('2026-11-24'), true);
  assert.equal(cal.isDayOff(new Date('2026-11-24T20:00:00Z')), false, 'a Date is its day in Vietnam (25th)');
  assert.equal(cal.isWorkingTime(new Date('2026-11-25T03:00:00Z')), true);
  // Saturday 10:00 → Monday 00:00 in Vietnam, written in UTC.
  assert.equal(cal.nextWorkingInstant('2026-03-07T10:00:00+07:00'), '2026-03-08T17:00:00Z');
  const days = cal.holidays(2026);
  const culture = days.find((h) => h.rule_id === 'culture_day');
  assert.equal(culture.name_en, 'Vietnam Culture Day');
  assert.equal(culture.date, '2026-11-24');
  assert.equal(cal.config.in_lieu, true);
  // The announced schedules: a swapped day off and the Saturday worked for it, with sources.
  assert.equal(cal.config.announced_schedules, true);
  const days2024 = cal.holidays(2024);
  const swap = days2024.find((h) => h.date === '2024-04-29');
  assert.deepEqual(swap.reason, { kind: 'swapped', working_day: '2024-05-04' });
  assert.equal(swap.source, 'announcement');
  assert.equal(swap.name_vi, 'Ngày nghỉ (thay cho ngày 04/05/2024)');
  const worked = days2024.find((h) => h.date === '2024-05-04');
  assert.equal(worked.day_off, false);
  assert.deepEqual(worked.reason, { kind: 'working_day', in_exchange_for: '2024-04-29' });
  assert.equal(cal.isDayOff('2024-05-04'), false);
  assert.equal(days.find((h) => h.date === '2026-11-24').source, 'rule');
  const own = new BusinessCalendar({ announced_schedules: false });
  assert.equal(own.isDayOff('2024-04-29'), false);
  const office = new BusinessCalendar({ counting: { mode: 'working_hours', windows: [{ start: '08:00', end: '12:00' }, { start: '13:30', end: '17:30' }] } });
  assert.equal(office.add('2026-03-02T11:00:00+07:00', 2 * 3600), '2026-03-02T07:30:00Z');
  assert.equal(office.isWorkingTime('2026-03-02T12:30:00+07:00'), false);
  throwsCode(() => new BusinessCalendar({ working_weekdays: [] }), 'invalid_config');
  throwsCode(() => new BusinessCalendar({ weekdays: [] }), 'invalid_json');
  throwsCode(() => cal.add(T0, -1), 'negative_duration');
  throwsCode(() => cal.add(T0, '1h'), 'invalid_argument', 'seconds');
  // Huge and non-finite durations are refused as arguments: no panic, the module stays usable.
  throwsCode(() => cal.add(T0, 1e300), 'invalid_argument', 'seconds');
  throwsCode(() => cal.add(T0, Number.POSITIVE_INFINITY), 'invalid_argument', 'seconds');
  throwsCode(() => cal.add(T0, Number.NaN), 'invalid_argument', 'seconds');
  assert.equal(cal.add(T0, 72 * 3600), '2026-11-27T02:00:00Z');
  throwsCode(() => cal.holidays(2200), 'out_of_range');
  throwsCode(() => cal.holidays(2026.5), 'invalid_argument', 'year');
  throwsCode(() => cal.isDayOff('24/11/2026'), 'invalid_argument', 'date');
  const tet = api.toLunar('2026-02-17');
  assert.deepEqual({ ...tet }, { year: 2026, month: 1, day: 1, leap: false, text: '2026-01-01', year_name_vi: 'Bính Ngọ' });
  assert.equal(api.fromLunar({ year: 2026, month: 1, day: 1 }), '2026-02-17');
  assert.equal(api.fromLunar('2025-06L-01'), '2025-07-25');
  assert.equal(api.toLunar('2025-07-25').leap, true);
  throwsCode(() => api.fromLunar('2026-13-01'), 'invalid_lunar_date');
  throwsCode(() => api.fromLunar({ year: 2026 }), 'invalid_argument', 'lunar');
  throwsCode(() => api.toLunar('2200-01-01'), 'out_of_range');
  cal.free();
});
