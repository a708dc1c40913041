//! Entry points without a handle: strings, the thread's last error, the library's version,
//! the workflows, and definitions.

use super::guard::{
    Failure, guard, optional_text_arg, out_param, owned_string, text_arg, with_thread_error,
};
use super::status::QuytrinhStatus;
use super::time::parse_instant;
use quytrinh::dynamic;
use quytrinh::kernel::{Actor, Definition, Lang};
use serde_json::Value;
use std::ffi::{CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Frees a string returned by any `quytrinh_*` function through a `char **` out-parameter.
/// NULL is accepted and does nothing.
///
/// Ownership: takes ownership of `string`. Never pass a string to `free()`, and never pass
/// the borrowed `const char *` of `quytrinh_status_name`, `quytrinh_version` or the
/// `*_last_error*` functions here.
///
/// # Safety
/// `string` is NULL or a string returned by this library that has not been freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_string_free(string: *mut c_char) {
    if string.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the caller guarantees `string` came from `CString::into_raw` in this
        // library (`owned_string`) and is freed once.
        drop(unsafe { CString::from_raw(string) });
    }));
}

/// The library's version (`"0.1.0"`).
///
/// Ownership: static, owned by the library; never free it. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn quytrinh_version() -> *const c_char {
    const VERSION: &std::ffi::CStr = match std::ffi::CStr::from_bytes_with_nul(
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes(),
    ) {
        Ok(v) => v,
        Err(_) => c"",
    };
    VERSION.as_ptr()
}

/// The message of the last failed call on the calling thread (`""` when the thread's last
/// status-returning call succeeded). Every status-returning function resets it on entry
/// and sets it on failure, whether or not it takes a handle.
///
/// Ownership: borrowed, owned by the library; valid until the next `quytrinh_*` call on
/// this thread. Never free it. Thread-safe (each thread has its own).
#[unsafe(no_mangle)]
pub extern "C" fn quytrinh_last_error_message() -> *const c_char {
    with_thread_error(|record| record.message_ptr()).unwrap_or(c"".as_ptr())
}

/// The last failure on the calling thread as a JSON object (`null` after a success):
/// `{"status": <number>, "code": "<snake_case>", "message": "..."}`, plus `rule`,
/// `message_vi` and `message_en` for a rejection, `line` and `column` for invalid JSON.
///
/// Ownership and lifetime: as `quytrinh_last_error_message`.
#[unsafe(no_mangle)]
pub extern "C" fn quytrinh_last_error_json() -> *const c_char {
    with_thread_error(|record| record.json_ptr()).unwrap_or(c"null".as_ptr())
}

/// One part of the last failure on the calling thread: `field` is a `QuytrinhErrorField`
/// (`QUYTRINH_ERROR_FIELD_CODE`, `_MESSAGE`, `_RULE`, `_MESSAGE_VI`, `_MESSAGE_EN`). Gives
/// `""` after a success, when the failure has no such part (the rule and the two messages
/// belong to rejections), and for a number that is no field.
///
/// Ownership and lifetime: as `quytrinh_last_error_message` (borrowed; never free it).
/// Thread-safe (each thread has its own).
#[unsafe(no_mangle)]
pub extern "C" fn quytrinh_last_error_field(field: i32) -> *const c_char {
    with_thread_error(|record| record.field_ptr(field)).unwrap_or(c"".as_ptr())
}

/// The names of the workflows this build knows, as a JSON array of strings
/// (`["companion", ...]`).
///
/// Ownership: on `QUYTRINH_STATUS_OK`, `*out_json` is a new string owned by the caller; free
/// it with `quytrinh_string_free`. On failure it is NULL. Thread-safe.
///
/// # Safety
/// `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_workflows(out_json: *mut *mut c_char) -> QuytrinhStatus {
    guard(|| {
        // SAFETY: the caller guarantees `out_json` is NULL or writable.
        let out = unsafe { out_param(out_json, "out_json") }?;
        *out = owned_string(Value::from(dynamic::WORKFLOWS.to_vec()).to_string());
        Ok(())
    })
}

/// Renders a definition: `json` (the whole definition, both languages), `mermaid` or `dot`
/// in `lang` (`vi` when `None`), highlighting `current`.
pub(crate) fn render(
    definition: &Definition,
    format: &str,
    lang: Option<&str>,
    current: &[(&str, &str)],
) -> Result<String, Failure> {
    let lang = match lang {
        None => Lang::Vi,
        Some(text) => text.parse().map_err(Failure::invalid_argument)?,
    };
    match format {
        "json" => {
            quytrinh::kernel::to_json(definition).map_err(|e| Failure::internal(e.to_string()))
        }
        "mermaid" => Ok(definition.to_mermaid(lang, current)),
        "dot" => Ok(definition.to_dot(lang, current)),
        other => Err(Failure::invalid_argument(format!(
            "unknown format `{other}` (expected `json`, `mermaid` or `dot`)"
        ))),
    }
}

/// Parses optional JSON text (NULL gives `None`).
pub(crate) fn optional_json(text: Option<&str>) -> Result<Option<Value>, Failure> {
    text.map(serde_json::from_str::<Value>)
        .transpose()
        .map_err(Failure::from)
}

/// The definition of `workflow` under the configuration `config_json`, without an
/// instance: states, transitions, roles, commands, deadlines and templates.
///
/// - `workflow`: a name from `quytrinh_workflows` (required).
/// - `config_json`: the workflow's configuration as JSON, or NULL for the default.
/// - `format`: `"json"`, `"mermaid"` or `"dot"` (required).
/// - `lang`: `"vi"` or `"en"` for the diagram labels, or NULL for `"vi"` (ignored by
///   `"json"`, which has both).
///
/// Ownership: on `QUYTRINH_STATUS_OK`, `*out_text` is a new string owned by the caller;
/// free it with `quytrinh_string_free`. On failure it is NULL and the thread's last error
/// is set. Thread-safe.
///
/// # Safety
/// Every string argument is NULL or NUL-terminated and valid for the call; `out_text` is
/// NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_definition(
    workflow: *const c_char,
    config_json: *const c_char,
    format: *const c_char,
    lang: *const c_char,
    out_text: *mut *mut c_char,
) -> QuytrinhStatus {
    guard(|| {
        // SAFETY: the caller guarantees `out_text` is NULL or writable.
        let out = unsafe { out_param(out_text, "out_text") }?;
        // SAFETY: the caller guarantees each string is NULL or NUL-terminated and valid.
        let (workflow, config, format, lang) = unsafe {
            (
                text_arg(workflow, "workflow")?,
                optional_text_arg(config_json, "config_json")?,
                text_arg(format, "format")?,
                optional_text_arg(lang, "lang")?,
            )
        };
        let config = optional_json(config)?;
        let definition = dynamic::definition(workflow, config.as_ref())?;
        *out = owned_string(render(&definition, format, lang, &[])?);
        Ok(())
    })
}

/// Runs a report over many instances of `workflow`, without an instance: one entry point
/// for every report of every workflow.
///
/// - `workflow`: a name from `quytrinh_workflows` (required).
/// - `config_json`: the workflow's configuration as JSON, or NULL for the default.
/// - `actor_json`: who asks, `{"role": ..., "id": ...}` (required; the report's roles apply).
/// - `at`: when, RFC 3339 (required).
/// - `report_json`: the report as JSON tagged by `type`, e.g.
///   `{"type":"weekly_report","week_ending":"2026-03-12"}` (required).
/// - `rows_json`: a JSON array of rows, each as `quytrinh_instance_row` gave it (required).
///
/// Ownership: on `QUYTRINH_STATUS_OK`, `*out_json` is a new string owned by the caller;
/// free it with `quytrinh_string_free`. On failure it is NULL and the thread's last error
/// is set. Thread-safe.
///
/// # Safety
/// Every string argument is NULL or NUL-terminated and valid for the call; `out_json` is
/// NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_report(
    workflow: *const c_char,
    config_json: *const c_char,
    actor_json: *const c_char,
    at: *const c_char,
    report_json: *const c_char,
    rows_json: *const c_char,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    guard(|| {
        // SAFETY: the caller guarantees `out_json` is NULL or writable.
        let out = unsafe { out_param(out_json, "out_json") }?;
        // SAFETY: the caller guarantees each string is NULL or NUL-terminated and valid.
        let (workflow, config, actor, at, report, rows) = unsafe {
            (
                text_arg(workflow, "workflow")?,
                optional_text_arg(config_json, "config_json")?,
                text_arg(actor_json, "actor_json")?,
                text_arg(at, "at")?,
                text_arg(report_json, "report_json")?,
                text_arg(rows_json, "rows_json")?,
            )
        };
        let config = optional_json(config)?;
        let actor: Actor = quytrinh::kernel::from_json("actor", actor)?;
        let at = parse_instant(at, "at")?;
        let report: Value = serde_json::from_str(report)?;
        let rows: Vec<Value> = serde_json::from_str(rows)?;
        let answer = dynamic::report(workflow, config.as_ref(), &actor, at, &report, &rows)?;
        *out = owned_string(answer.to_string());
        Ok(())
    })
}
