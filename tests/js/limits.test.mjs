// Limits on untrusted input through WASM (docs/limits.md): a 100 MB string and a
// 10,000-deep JSON are refused with `limit_reached` naming the limit, the instance
// unchanged, and nothing panics or overflows the stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, cmd } from './support.mjs';

const init = { saco_id: 'SACO-01', customer_id: 'KH-01', account: '0001234567' };
const at = '2026-11-23T09:00:00+07:00';

function deep(depth) {
  let value = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

/** A JS object too deep for `JSON.stringify` is refused before it reaches WASM
 * (`invalid_argument`); as text, WASM refuses it (`limit_reached`). Either is a typed error. */
function assertRefused(body) {
  assert.throws(body, (e) => {
    assert.ok(e instanceof api.QuytrinhError, `a QuytrinhError, got ${e}`);
    assert.ok(['limit_reached', 'invalid_argument'].includes(e.code), e.message);
    return true;
  });
}

function assertLimit(body, rule) {
  assert.throws(body, (e) => {
    assert.ok(e instanceof api.QuytrinhError, `a QuytrinhError, got ${e}`);
    assert.equal(e.code, 'limit_reached', e.message);
    assert.equal(e.rule, rule, e.message);
    return true;
  });
}

test('a 100 MB command, snapshot or log is refused with limit_reached', () => {
  const rel = api.WorkflowInstance.create('companion', { id: 'rel-01', init });
  const before = rel.snapshotJson();
  const huge = 'x'.repeat(100_000_000);
  assertLimit(() => rel.handle({ ...cmd('c1', 'saco', 'SACO-01', at, { type: 'request_unlink' }), note: huge }), 'command_bytes');
  assert.equal(rel.snapshotJson(), before, 'the instance is unchanged');
  const document = `{"workflow":"companion","state":"${huge}"}`;
  assertLimit(() => api.WorkflowInstance.restore(document), 'document_bytes');
  assertLimit(() => api.WorkflowInstance.replay(document), 'document_bytes');
  // The instance still works.
  assert.equal(rel.handle(cmd('c1', 'saco', 'SACO-01', at, { type: 'request_unlink' })).version, 1);
  rel.free();
});

test('a 10,000-deep JSON is refused with limit_reached, without a stack overflow', () => {
  const rel = api.WorkflowInstance.create('companion', { id: 'rel-01', init });
  const before = rel.snapshotJson();
  const nested = deep(10_000);
  assertRefused(() => rel.handle({ ...cmd('c1', 'saco', 'SACO-01', at, { type: 'request_unlink' }), note: nested }));
  // Shallow enough for JSON.stringify, still beyond the core's 128 levels: refused in WASM.
  // Before the `type`, the field is read whole and reaches the parser's limit; after it, the
  // unknown field is refused by its name before its value nests.
  assertLimit(() => rel.handle({ note: deep(1_000), ...cmd('c1', 'saco', 'SACO-01', at, { type: 'request_unlink' }) }), 'json_depth');
  assert.throws(
    () => rel.handle({ ...cmd('c1', 'saco', 'SACO-01', at, { type: 'request_unlink' }), note: deep(1_000) }),
    (e) => e instanceof api.QuytrinhError && e.code === 'invalid_json' && e.message.includes('`note`'),
  );
  assert.equal(rel.snapshotJson(), before, 'the instance is unchanged');
  assertRefused(() => api.WorkflowInstance.create('companion', { id: 'x', init: { ...init, saco_id: nested } }));
  assertLimit(() => api.WorkflowInstance.create('companion', { id: 'x', init: { ...init, saco_id: deep(1_000) } }), 'json_depth');
  rel.free();
});
