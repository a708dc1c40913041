// Differential runs through WASM (scripts/differential.sh writes the vectors): every random
// vector of the property tests in $QUYTRINH_DIFFERENTIAL/vectors is played through the JS
// API and must give the native outcomes (its expectations) and the native final snapshot
// byte for byte; every other binding's fixture of it restores here and gives its snapshot
// text back; the WASM fixture is written to $QUYTRINH_DIFFERENTIAL/wasm/ for the native side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { api } from './support.mjs';
import { playVector } from './conformance.mjs';

const dir = process.env.QUYTRINH_DIFFERENTIAL;
const skip = !dir && 'QUYTRINH_DIFFERENTIAL is not set (scripts/test-wasm.sh sets it)';

const vectors = dir ? join(dir, 'vectors') : '';
const files = dir ? readdirSync(vectors, { recursive: true }).filter((f) => f.endsWith('.json')).sort() : [];

test('there are random vectors', { skip }, () => assert.ok(files.length > 0, `no vectors in ${vectors}`));

for (const file of files) {
  const text = readFileSync(join(vectors, file), 'utf8');
  // Amounts beyond 2^53 đồng come back as exact bigints (the package's parseJson).
  test(`differential ${file}: native outcomes and snapshot, snapshots cross`, () => play(file, text));
}

function play(file, text) {
  {
    const out = join(dir, 'wasm');
    mkdirSync(out, { recursive: true });
    const others = readdirSync(dir).filter((b) => !['vectors', 'wasm'].includes(b));
    const [workflow, name] = file.split(/[\\/]/);
    const fixtureName = `${workflow}__${name}`;
    const { instance, failures } = playVector(api, api.parseJson(text));
    assert.deepEqual(failures, [], `${file}\n${failures.join('\n')}`);
    const snapshot = instance.snapshotJson();
    for (const binding of others) {
      const path = join(dir, binding, fixtureName);
      if (!existsSync(path)) {
        assert.notEqual(binding, 'native', `no native fixture ${path}`);
        continue;
      }
      const fixture = JSON.parse(readFileSync(path, 'utf8'));
      if (binding === 'native') assert.equal(snapshot, fixture.snapshot, `${file}: the native snapshot`);
      const restored = api.WorkflowInstance.restore(fixture.snapshot);
      assert.equal(restored.snapshotJson(), fixture.snapshot, `${path} restores in WASM`);
      restored.free();
    }
    writeFileSync(
      join(out, fixtureName),
      JSON.stringify({ workflow, snapshot, event_log: instance.eventLogJson() }),
    );
    instance.free();
  }
}
