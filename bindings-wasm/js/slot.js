// The wasm-bindgen glue the package's entry point loaded (node, web or bundler build).
// Kept apart from api.js so each entry can fill it in before use.
export const slot = { glue: null, listening: false };
