// Plays every conformance vector (tests/vectors/*/*.json, found by globbing) through the JS
// API on Node and checks its expectations, as the Rust player does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, readJson, vectorFiles } from './support.mjs';
import { playVector } from './conformance.mjs';

const files = vectorFiles();

test('there are vectors to play, for every workflow', () => {
  assert.ok(files.length > 0, 'no vectors found under tests/vectors');
  const workflows = new Set(files.map((f) => f.split('/')[2]));
  for (const w of api.workflows()) assert.ok(workflows.has(w), `no vectors for workflow ${w}`);
});

for (const file of files) {
  test(`vector ${file}`, () => {
    const vector = readJson(file);
    const { failures, instance } = playVector(api, vector);
    try {
      assert.deepEqual(failures, [], `${file}: ${vector.description}\n${failures.join('\n')}`);
    } finally {
      instance.free();
    }
  });
}
