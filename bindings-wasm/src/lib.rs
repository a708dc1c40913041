//! `quytrinh-wasm`: the WebAssembly bindings (wasm-bindgen) of quytrinh for browsers and
//! Node.
//!
//! Its surface is being built (see the WASM issue); today it re-exports the core so the
//! workspace layout is in place.
pub use quytrinh;
