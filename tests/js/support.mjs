// Shared by the Node suites: where things are, the package, the vectors.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const pkgDir = join(root, 'build/wasm/pkg');
export const fixturesDir = join(root, 'build/wasm/fixtures');

/** The API through the package's Node entry (what `import 'quytrinh'` gives on Node). */
export const api = await import(join(pkgDir, 'node.mjs'));

/** Every vector file `tests/vectors/<workflow>/<name>.json`, sorted, relative to the root. */
export function vectorFiles() {
  const dir = join(root, 'tests/vectors');
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.json') && f.split(/[\\/]/).length === 2)
    .map((f) => relative(root, join(dir, f)))
    .sort();
}

export function readJson(path) {
  return api.parseJson(readFileSync(join(root, path), 'utf8'));
}

/** A command envelope for tests. */
export function cmd(id, role, actorId, at, body) {
  return { command_id: id, actor: { role, id: actorId }, at, ...body };
}
