//! The C ABI of quytrinh: every workflow over opaque handles, with UTF-8 JSON in and out.
//!
//! The header `include/quytrinh.h` is generated from this module by cbindgen
//! (`bindings-ffi/cbindgen.toml`); its preamble states the rules every function follows:
//!
//! - **Status.** Every fallible function returns a [`QuytrinhStatus`]; `0` is success.
//!   Out-parameters are set to NULL / 0 / false on entry, and written only on success.
//! - **Errors.** A failed call sets the calling thread's last error
//!   (`quytrinh_last_error_message`, `quytrinh_last_error_json`), and the handle's when it
//!   has one (`quytrinh_instance_last_error`, `quytrinh_instance_last_error_json`). There is
//!   no process-wide error state.
//! - **Ownership.** Strings written to `char **` out-parameters belong to the caller and are
//!   freed with `quytrinh_string_free`; handles with their own `quytrinh_*_free`. Every free
//!   accepts NULL. `const char *` results are borrowed and never freed.
//! - **Safety.** Every entry point checks its pointers for NULL, validates UTF-8, and
//!   catches panics (`QUYTRINH_STATUS_PANIC`); nothing unwinds into C.
//! - **Threads.** An instance handle is used by one thread at a time; a calendar handle by
//!   any number at once; the functions without a handle are thread-safe.
//!
//! This is the only module of the crate with `unsafe` code; each block says why it is sound.
#![allow(unsafe_code)]

// The declaration order is the header's order (cbindgen follows it); blank lines keep
// rustfmt from sorting the modules.
pub mod status;

pub mod general;

pub mod instance;

pub mod calendar;

mod guard;
mod time;

pub use calendar::QuytrinhCalendar;
pub use instance::QuytrinhInstance;
pub use status::{QuytrinhErrorField, QuytrinhStatus};
