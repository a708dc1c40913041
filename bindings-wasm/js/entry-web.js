// Web entry: the `web` build of wasm-bindgen. Call `await init()` once before anything else;
// it fetches `quytrinh_wasm_bg.wasm` next to this file (or what you pass).
import initGlue, * as glue from './quytrinh_wasm.js';
import { slot } from '../slot.js';

export * from '../api.js';

/**
 * Loads the WebAssembly module. `input`: nothing (the file next to this one), a URL, a
 * `Response`, bytes or a `WebAssembly.Module`. Resolves when the API is ready; calling it
 * again does nothing.
 */
export default async function init(input) {
  if (slot.glue) return;
  await initGlue(input === undefined ? undefined : { module_or_path: input });
  slot.glue = glue;
}

/** Like `init`, synchronously, from the module's bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  if (slot.glue) return;
  glue.initSync({ module });
  slot.glue = glue;
}
