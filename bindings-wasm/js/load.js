// The error both entries (node.mjs, web.js) throw when the WebAssembly module cannot be read,
// fetched or compiled: a `QuytrinhError` with code `load_failed` naming what was loaded.
import { QuytrinhError } from './api.js';

/** `load_failed` for the module `what` (a path, a URL or a description), caused by `e`. */
export function loadFailed(what, e) {
  const detail = e?.message ?? String(e);
  return new QuytrinhError(
    {
      code: 'load_failed',
      message: `could not load quytrinh's WebAssembly module (${what}): ${detail}`,
      message_vi: `Không tải được mô-đun WebAssembly của quytrinh (${what}): ${detail}`,
    },
    { cause: e },
  );
}
