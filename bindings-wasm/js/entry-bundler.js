// Bundler entry (webpack, Vite with a wasm plugin, …): the bundler instantiates the module.
import * as glue from './quytrinh_wasm.js';
import { slot } from '../slot.js';

slot.glue = glue;

export * from '../api.js';
/** Nothing to do with a bundler: the module is ready when imported. */
export default async function init() {}
/** Nothing to do with a bundler: the module is ready when imported. */
export function initSync() {}
