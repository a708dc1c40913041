// esbuild (`--loader:.wasm=file`): esbuild does not follow `new URL(…)`, so the module's
// URL is imported and given to `init`, resolved against the bundle (esbuild's path is
// relative to the output directory, not to the page).
import init from 'quytrinh';
import wasmUrl from 'quytrinh/quytrinh_wasm_bg.wasm';
import { run } from './page.js';

await run(() => init(new URL(wasmUrl, import.meta.url)));
