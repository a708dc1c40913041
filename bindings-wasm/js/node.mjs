// Node entry: the one `.wasm` of the package, read from beside this file and instantiated
// synchronously, so the API is ready when the module is imported.
import { readFileSync } from 'node:fs';
import * as glue from './quytrinh_wasm.js';
import { slot } from './slot.js';
import { QuytrinhError } from './api.js';

const wasmUrl = new URL('./quytrinh_wasm_bg.wasm', import.meta.url);
try {
  glue.initSync({ module: readFileSync(wasmUrl) });
} catch (e) {
  throw new QuytrinhError(
    {
      code: 'load_failed',
      message: `could not load quytrinh's WebAssembly module ${wasmUrl.pathname}: ${e.message}`,
      message_vi: `Không tải được mô-đun WebAssembly của quytrinh ${wasmUrl.pathname}: ${e.message}`,
    },
    { cause: e },
  );
}
slot.glue = glue;

export * from './api.js';
/** Nothing to do on Node: the module is ready when imported. */
export default async function init() {}
/** Nothing to do on Node: the module is ready when imported. */
export function initSync() {}
