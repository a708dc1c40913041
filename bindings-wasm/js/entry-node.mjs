// Node entry: the `nodejs` build of wasm-bindgen (CommonJS, instantiated synchronously).
import { createRequire } from 'node:module';
import { slot } from '../slot.js';

const require = createRequire(import.meta.url);
slot.glue = require('./quytrinh_wasm.js');

export * from '../api.js';
/** Nothing to do on Node: the module is ready when imported. */
export default async function init() {}
/** Nothing to do on Node: the module is ready when imported. */
export function initSync() {}
