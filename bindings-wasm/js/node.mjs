// Node entry: the one `.wasm` of the package, read from beside this file and instantiated
// synchronously, so the API is ready when the module is imported.
import { readFileSync } from 'node:fs';
import * as glue from './quytrinh_wasm.js';
import { slot } from './slot.js';
import { loadFailed } from './load.js';

const wasmUrl = new URL('./quytrinh_wasm_bg.wasm', import.meta.url);
try {
  glue.initSync({ module: readFileSync(wasmUrl) });
} catch (e) {
  throw loadFailed(wasmUrl.pathname, e);
}
slot.glue = glue;

export * from './api.js';
/** Nothing to do on Node: the module is ready when imported. */
export default async function init() {}
/** Nothing to do on Node: the module is ready when imported. */
export function initSync() {}
