//! The UniFFI bindings generator, built from this workspace so that it is exactly the
//! version of the `uniffi` crate the library is built with. Used in library mode:
//!
//! ```text
//! target/debug/uniffi-bindgen generate target/debug/libquytrinh_ffi.so \
//!     --language kotlin --out-dir build/kotlin/generated --no-format
//! ```

fn main() {
    uniffi::uniffi_bindgen_main();
}
