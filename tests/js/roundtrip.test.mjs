// Snapshots cross between the native library and WASM both ways. The native side
// (bindings-wasm/tests/snapshots.rs, run by scripts/test-wasm.sh before this suite) wrote the
// final snapshot of every vector played natively to build/wasm/fixtures/native/; here each is
// restored in WASM and compared, and the WASM ones are written to build/wasm/fixtures/wasm/
// for the native side to restore after this suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { api, fixturesDir, readJson, vectorFiles } from './support.mjs';
import { playVector } from './conformance.mjs';

const nativeDir = join(fixturesDir, 'native');
const hasNative = existsSync(nativeDir) && readdirSync(nativeDir).length > 0;

test('native snapshots restore in WASM, identically', { skip: !hasNative && 'no native fixtures (run scripts/test-wasm.sh)' }, () => {
  const files = readdirSync(nativeDir).filter((f) => f.endsWith('.json'));
  assert.equal(files.length, vectorFiles().length, 'one native fixture per vector');
  for (const file of files) {
    const fixture = api.parseJson(readFileSync(join(nativeDir, file), 'utf8'));
    const restored = api.WorkflowInstance.restore(fixture.snapshot, fixture.workflow);
    assert.deepEqual(restored.state, fixture.state, `${file}: state`);
    assert.equal(restored.version, fixture.version, `${file}: version`);
    assert.deepEqual(restored.position, fixture.position, `${file}: position`);
    assert.deepEqual(restored.nextDeadline, fixture.next_deadline, `${file}: next deadline`);
    assert.equal(restored.snapshotJson(), fixture.snapshot, `${file}: the same snapshot text`);
    const replayed = api.WorkflowInstance.replay(fixture.event_log);
    assert.equal(replayed.snapshotJson(), fixture.snapshot, `${file}: replayed from the native log`);
    restored.free();
    replayed.free();
  }
});

test('WASM snapshots are written for the native side', () => {
  const out = join(fixturesDir, 'wasm');
  mkdirSync(out, { recursive: true });
  for (const file of vectorFiles()) {
    const { instance, failures } = playVector(api, readJson(file));
    assert.deepEqual(failures, []);
    const [, , workflow, name] = file.split('/');
    const fixture = {
      vector: basename(file),
      workflow: instance.workflow,
      snapshot: instance.snapshotJson(),
      event_log: instance.eventLogJson(),
      state: instance.state,
      version: instance.version,
      position: instance.position,
      next_deadline: instance.nextDeadline,
    };
    // The WASM snapshot restores in WASM too, unchanged.
    const again = api.WorkflowInstance.restore(fixture.snapshot);
    assert.equal(again.snapshotJson(), fixture.snapshot);
    assert.deepEqual(again.state, fixture.state);
    writeFileSync(join(out, `${workflow}__${name}`), api.stringifyJson(fixture));
    instance.free();
    again.free();
  }
});
