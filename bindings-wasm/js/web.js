// Browser and bundler entry (Vite, webpack, esbuild, or none): call `await init()` once
// before anything else. By default it fetches `quytrinh_wasm_bg.wasm` next to this file
// (`new URL(…, import.meta.url)`, which Vite and webpack turn into an emitted asset); pass
// another URL, a `Response`, the bytes or a compiled `WebAssembly.Module` to load it
// otherwise (esbuild: import the URL of `quytrinh/quytrinh_wasm_bg.wasm` with the `file`
// loader and pass `new URL(wasmUrl, import.meta.url)`). A module that cannot be fetched or compiled is a `QuytrinhError`
// with code `load_failed`.
import initGlue, * as glue from './quytrinh_wasm.js';
import { slot } from './slot.js';
import { loadFailed } from './load.js';

export * from './api.js';

/** What `init` / `initSync` was asked to load, for the error's message. */
function described(input) {
  return input === undefined ? 'quytrinh_wasm_bg.wasm' : String(input);
}

/**
 * Loads the WebAssembly module. `input`: nothing (the file next to this one), a URL, a
 * `Response`, bytes or a `WebAssembly.Module`. Resolves when the API is ready; calling it
 * again does nothing. Rejects with a `QuytrinhError` (`load_failed`) when the module cannot
 * be fetched or compiled.
 */
export default async function init(input) {
  if (slot.glue) return;
  try {
    await initGlue(input === undefined ? undefined : { module_or_path: input });
  } catch (e) {
    throw loadFailed(described(input), e);
  }
  slot.glue = glue;
}

/** Like `init`, synchronously, from the module's bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  if (slot.glue) return;
  try {
    glue.initSync({ module });
  } catch (e) {
    throw loadFailed('the given bytes', e);
  }
  slot.glue = glue;
}
