// What happens after a panic (in its own process: a panic poisons the module for good).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, cmd } from './support.mjs';

test('a panic poisons the module: that call and every later call throw `panicked`', () => {
  const rel = api.WorkflowInstance.create('companion', {
    init: { saco_id: 'S1', customer_id: 'K1', account: 'A1' },
  });
  const snapshot = rel.snapshotJson();
  assert.equal(api.isPoisoned(), false);
  const errors = [];
  const original = console.error;
  console.error = (...args) => errors.push(args.join(' ')); // console_error_panic_hook logs here
  let panic;
  try {
    api.__testPanic('boom for the test');
  } catch (e) {
    panic = e;
  } finally {
    console.error = original;
  }
  assert.ok(panic instanceof api.QuytrinhError);
  assert.equal(panic.code, 'panicked');
  assert.match(panic.message, /boom for the test/);
  assert.match(panic.messageVi, /lỗi nghiêm trọng/);
  assert.ok(panic.cause instanceof WebAssembly.RuntimeError, 'the trap is the cause');
  assert.ok(errors.some((e) => e.includes('boom for the test')), 'console_error_panic_hook logged it');
  assert.equal(api.isPoisoned(), true);
  assert.match(api.panicMessage(), /boom for the test/);
  for (const f of [
    () => rel.state,
    () => rel.handle(cmd('c1', 'saco', 'S1', '2026-11-23T09:00:00+07:00', { type: 'request_unlink' })),
    () => api.workflows(),
    () => api.WorkflowInstance.restore(snapshot),
    () => new api.BusinessCalendar(),
  ]) {
    assert.throws(f, (e) => e instanceof api.QuytrinhError && e.code === 'panicked');
  }
  rel.free(); // does not touch the poisoned module, does not throw
});
