//! UniFFI's Swift generator for several crates at once (one FFI module, one modulemap), the
//! tool for Swift packages and XCFrameworks; the same pinned version as `uniffi-bindgen`.
//!
//! ```text
//! target/debug/uniffi-bindgen-swift target/debug/libquytrinh_ffi.so OUT \
//!     --swift-sources --headers --modulemap --module-name quytrinhFFI \
//!     --modulemap-filename module.modulemap
//! ```

fn main() {
    uniffi::uniffi_bindgen_swift();
}
