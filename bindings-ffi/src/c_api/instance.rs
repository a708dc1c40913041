//! Instances of any workflow behind an opaque handle: create, restore, replay, handle a
//! command, tick, read.

use super::general::{optional_json, render};
use super::guard::{
    ErrorRecord, Failure, OutValue, guard, optional_text_arg, out_param, owned_string, text_arg,
};
use super::status::QuytrinhStatus;
use super::time::parse_instant;
use quytrinh::dynamic::{self, AnyInstance};
use quytrinh::kernel::{Actor, Settings};
use serde_json::Value;
use std::ffi::c_char;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// An instance of a workflow. Opaque: create it with `quytrinh_instance_create`,
/// `quytrinh_instance_restore` or `quytrinh_instance_replay`, free it with
/// `quytrinh_instance_free`.
///
/// Thread safety: an instance is not synchronised. Use a handle from one thread at a time
/// (it may move between threads); different handles may be used on different threads at
/// the same time.
pub struct QuytrinhInstance {
    inner: Box<dyn AnyInstance>,
    error: ErrorRecord,
    poisoned: bool,
}

impl QuytrinhInstance {
    fn new(inner: Box<dyn AnyInstance>) -> *mut Self {
        Box::into_raw(Box::new(Self {
            inner,
            error: ErrorRecord::default(),
            poisoned: false,
        }))
    }

    /// Runs `f` on the instance, recording the outcome in the handle's error; a panic
    /// poisons the handle.
    fn call<T>(
        &mut self,
        f: impl FnOnce(&mut dyn AnyInstance) -> Result<T, Failure>,
    ) -> Result<T, Failure> {
        let result = if self.poisoned {
            Err(Failure::poisoned())
        } else {
            let inner = &mut self.inner;
            catch_unwind(AssertUnwindSafe(|| f(inner.as_mut()))).unwrap_or_else(|payload| {
                self.poisoned = true;
                Err(Failure::panic(payload.as_ref()))
            })
        };
        match &result {
            Ok(_) => self.error.clear(),
            Err(failure) => self.error.set(failure),
        }
        result
    }
}

/// The guard for calls on an instance: the out-parameter is emptied first, then the handle
/// is checked, then `f` runs; failures go to the handle's error and the thread's.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call; `out`
/// is NULL or valid for writes of a `T`.
unsafe fn instance_call<T: OutValue>(
    instance: *mut QuytrinhInstance,
    out: *mut T,
    out_name: &str,
    f: impl FnOnce(&mut dyn AnyInstance) -> Result<T, Failure>,
) -> QuytrinhStatus {
    guard(|| {
        // SAFETY: the caller guarantees `out` is NULL or writable.
        let out = unsafe { out_param(out, out_name) };
        // SAFETY: the caller guarantees `instance` is NULL or a live handle used by this
        // thread only.
        let handle = unsafe { instance.as_mut() }.ok_or_else(|| Failure::null("instance"))?;
        handle.call(|inner| {
            let out = out?;
            *out = f(inner)?;
            Ok(())
        })
    })
}

/// Stores a new handle in `*out` (already checked and emptied).
fn create_into(
    out: &mut *mut QuytrinhInstance,
    make: impl FnOnce() -> Result<Box<dyn AnyInstance>, Failure>,
) -> Result<(), Failure> {
    *out = QuytrinhInstance::new(make()?);
    Ok(())
}

/// Creates an instance of a workflow.
///
/// - `workflow`: a name from `quytrinh_workflows` (required).
/// - `instance_id`: the instance's id (required).
/// - `config_json`: the workflow's configuration as JSON, or NULL for the default.
/// - `settings_json`: kernel settings as JSON (`{"remembered_commands": 64}`), or NULL for
///   the default.
/// - `init_json`: the workflow's initial data as JSON (required), as in the conformance
///   vectors' `init`.
///
/// Ownership: on `QUYTRINH_STATUS_OK`, `*out_instance` is a new handle owned by the caller;
/// free it with `quytrinh_instance_free`. On failure it is NULL and the thread's last error
/// (`quytrinh_last_error_message`) is set. Thread-safe.
///
/// # Safety
/// Every string argument is NULL or NUL-terminated and valid for the call; `out_instance`
/// is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_create(
    workflow: *const c_char,
    instance_id: *const c_char,
    config_json: *const c_char,
    settings_json: *const c_char,
    init_json: *const c_char,
    out_instance: *mut *mut QuytrinhInstance,
) -> QuytrinhStatus {
    guard(|| {
        // SAFETY: the caller guarantees `out_instance` is NULL or writable.
        let out = unsafe { out_param(out_instance, "out_instance") }?;
        // SAFETY: the caller guarantees each string is NULL or NUL-terminated and valid.
        let (workflow, id, config, settings, init) = unsafe {
            (
                text_arg(workflow, "workflow")?,
                text_arg(instance_id, "instance_id")?,
                optional_text_arg(config_json, "config_json")?,
                optional_text_arg(settings_json, "settings_json")?,
                text_arg(init_json, "init_json")?,
            )
        };
        create_into(out, || {
            let config = optional_json(config)?;
            let settings = settings
                .map(|text| quytrinh::kernel::from_json::<Settings>("settings", text))
                .transpose()?;
            let init: Value = serde_json::from_str(init)?;
            Ok(dynamic::create(
                workflow,
                id,
                config.as_ref(),
                settings,
                &init,
            )?)
        })
    })
}

/// Restores an instance, of whatever workflow, from the JSON text of a snapshot
/// (`quytrinh_instance_snapshot`). A snapshot of another schema version gives
/// `QUYTRINH_STATUS_UNSUPPORTED_SCHEMA`.
///
/// Ownership: as `quytrinh_instance_create`. Thread-safe.
///
/// # Safety
/// `snapshot_json` is NULL or NUL-terminated and valid for the call; `out_instance` is
/// NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_restore(
    snapshot_json: *const c_char,
    out_instance: *mut *mut QuytrinhInstance,
) -> QuytrinhStatus {
    guard(|| {
        // SAFETY: the caller guarantees `out_instance` is NULL or writable.
        let out = unsafe { out_param(out_instance, "out_instance") }?;
        // SAFETY: the caller guarantees the string is NULL or NUL-terminated and valid.
        let snapshot = unsafe { text_arg(snapshot_json, "snapshot_json") }?;
        create_into(out, || Ok(dynamic::restore(snapshot)?))
    })
}

/// Rebuilds an instance, of whatever workflow, from the JSON text of an event log
/// (`quytrinh_instance_event_log`).
///
/// Ownership: as `quytrinh_instance_create`. Thread-safe.
///
/// # Safety
/// `log_json` is NULL or NUL-terminated and valid for the call; `out_instance` is NULL or
/// valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_replay(
    log_json: *const c_char,
    out_instance: *mut *mut QuytrinhInstance,
) -> QuytrinhStatus {
    guard(|| {
        // SAFETY: the caller guarantees `out_instance` is NULL or writable.
        let out = unsafe { out_param(out_instance, "out_instance") }?;
        // SAFETY: the caller guarantees the string is NULL or NUL-terminated and valid.
        let log = unsafe { text_arg(log_json, "log_json") }?;
        create_into(out, || Ok(dynamic::replay(log)?))
    })
}

/// Frees an instance. NULL is accepted and does nothing, so the pattern
/// `quytrinh_instance_free(h); h = NULL;` makes a second free harmless.
///
/// # Safety
/// `instance` is NULL or a live handle from this library, not used by another thread, and
/// not used again after this call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_free(instance: *mut QuytrinhInstance) {
    if instance.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the caller guarantees `instance` came from `QuytrinhInstance::new`
        // (`Box::into_raw`) and is freed once.
        drop(unsafe { Box::from_raw(instance) });
    }));
}

/// The message of the last failed call on this handle (`""` when its last call succeeded).
/// A call with a NULL handle cannot record here: read `quytrinh_last_error_message`.
///
/// Ownership: borrowed, owned by the handle; valid until the next call on this handle or
/// its free. Never free it. Returns `""` for a NULL handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_last_error(
    instance: *const QuytrinhInstance,
) -> *const c_char {
    // SAFETY: the caller guarantees `instance` is NULL or a live handle.
    unsafe { instance.as_ref() }.map_or(c"".as_ptr(), |h| h.error.message_ptr())
}

/// The last failure on this handle as a JSON object (`null` when its last call succeeded);
/// the shape is `quytrinh_last_error_json`'s: `status`, `code`, `message`, plus `rule`,
/// `message_vi`, `message_en` for a rejection.
///
/// Ownership and lifetime: as `quytrinh_instance_last_error`. Returns `null` for a NULL
/// handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_last_error_json(
    instance: *const QuytrinhInstance,
) -> *const c_char {
    // SAFETY: the caller guarantees `instance` is NULL or a live handle.
    unsafe { instance.as_ref() }.map_or(c"null".as_ptr(), |h| h.error.json_ptr())
}

/// One part of the last failure on this handle: `field` is a `QuytrinhErrorField`, as for
/// `quytrinh_last_error_field`. After a rejection, `QUYTRINH_ERROR_FIELD_CODE`, `_RULE`,
/// `_MESSAGE_VI` and `_MESSAGE_EN` give what to show without parsing
/// `quytrinh_instance_last_error_json`.
///
/// Ownership and lifetime: as `quytrinh_instance_last_error` (borrowed, owned by the
/// handle; never free it). Returns `""` for a NULL handle, after a success, for a part the
/// failure does not have, and for a number that is no field.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_last_error_field(
    instance: *const QuytrinhInstance,
    field: i32,
) -> *const c_char {
    // SAFETY: the caller guarantees `instance` is NULL or a live handle.
    unsafe { instance.as_ref() }.map_or(c"".as_ptr(), |h| h.error.field_ptr(field))
}

/// Handles a command given as JSON, exactly as in the conformance vectors:
/// `{"command_id", "actor": {"role", "id"}, "at", "type", ..., "expected_version"?}`.
///
/// On `QUYTRINH_STATUS_OK`, `*out_outcome_json` is the outcome: `duplicate`, `version`,
/// `events` (records with `event.type`), `effects`, `next_deadline`, `state`, `position`.
/// A rejection returns its status (`100`–`199`) and changes nothing; its `rule`,
/// `message_vi` and `message_en` are in `quytrinh_instance_last_error_json`.
///
/// Ownership: `*out_outcome_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `command_json` is NULL or NUL-terminated and valid; `out_outcome_json` is NULL or valid
/// for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_handle(
    instance: *mut QuytrinhInstance,
    command_json: *const c_char,
    out_outcome_json: *mut *mut c_char,
) -> QuytrinhStatus {
    let f = |inner: &mut dyn AnyInstance| {
        // SAFETY: the caller guarantees the string is NULL or NUL-terminated and valid.
        let command = unsafe { text_arg(command_json, "command_json") }?;
        Ok(owned_string(inner.handle_json(command)?))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { instance_call(instance, out_outcome_json, "out_outcome_json", f) }
}

/// Tells the instance that time has reached `at` (RFC 3339, e.g.
/// `"2026-11-24T09:00:00+07:00"`): every deadline due at or before it fires, in order, at
/// its own instant.
///
/// Ownership: `*out_outcome_json` (the outcome, shaped as `quytrinh_instance_handle`'s) is
/// a new string owned by the caller, freed with `quytrinh_string_free`; NULL on failure.
/// One thread at a time per handle.
///
/// # Safety
/// As `quytrinh_instance_handle`, with `at` in place of `command_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_tick(
    instance: *mut QuytrinhInstance,
    at: *const c_char,
    out_outcome_json: *mut *mut c_char,
) -> QuytrinhStatus {
    let f = |inner: &mut dyn AnyInstance| {
        // SAFETY: the caller guarantees the string is NULL or NUL-terminated and valid.
        let at = parse_instant(unsafe { text_arg(at, "at") }?, "at")?;
        Ok(owned_string(inner.tick_json(at)?))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { instance_call(instance, out_outcome_json, "out_outcome_json", f) }
}

/// The guard for read-only calls writing one string.
///
/// # Safety
/// As [`instance_call`].
unsafe fn read_string(
    instance: *mut QuytrinhInstance,
    out_json: *mut *mut c_char,
    f: impl FnOnce(&dyn AnyInstance) -> Result<String, Failure>,
) -> QuytrinhStatus {
    // SAFETY: forwarded from the caller's contract.
    unsafe {
        instance_call(instance, out_json, "out_json", |inner| {
            Ok(owned_string(f(inner)?))
        })
    }
}

/// The snapshot as JSON text: the instance's state, pending deadlines, recent command ids
/// and schema version. Store it; `quytrinh_instance_restore` reads it back.
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_snapshot(
    instance: *mut QuytrinhInstance,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    // SAFETY: forwarded from the caller's contract.
    unsafe { read_string(instance, out_json, |inner| Ok(inner.snapshot_json())) }
}

/// The event log as JSON text (every event recorded since creation);
/// `quytrinh_instance_replay` rebuilds the instance from it.
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_event_log(
    instance: *mut QuytrinhInstance,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    // SAFETY: forwarded from the caller's contract.
    unsafe { read_string(instance, out_json, |inner| Ok(inner.event_log_json())) }
}

/// The workflow's state as JSON (the `state` of an outcome).
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_state(
    instance: *mut QuytrinhInstance,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    // SAFETY: forwarded from the caller's contract.
    unsafe { read_string(instance, out_json, |inner| Ok(inner.state().to_string())) }
}

/// The instance's configuration as JSON (every field, defaults included).
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_config(
    instance: *mut QuytrinhInstance,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    // SAFETY: forwarded from the caller's contract.
    unsafe { read_string(instance, out_json, |inner| Ok(inner.config().to_string())) }
}

/// The row the instance contributes to its workflow's reports over many instances, as JSON
/// (store it beside the snapshot, and give many to `quytrinh_report`).
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_row(
    instance: *mut QuytrinhInstance,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    // SAFETY: forwarded from the caller's contract.
    unsafe { read_string(instance, out_json, |inner| Ok(inner.row().to_string())) }
}

/// The position as a JSON object `{"<region>": "<state>"}` (the `position` of an
/// outcome).
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_position(
    instance: *mut QuytrinhInstance,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    // SAFETY: forwarded from the caller's contract.
    unsafe {
        read_string(instance, out_json, |inner| {
            Ok(quytrinh::kernel::positions_json(&inner.position()).to_string())
        })
    }
}

/// The earliest pending deadline as JSON (`{"kind", "due", "basis"}`), or the text `null`
/// when none is pending.
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_next_deadline(
    instance: *mut QuytrinhInstance,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    // SAFETY: forwarded from the caller's contract.
    unsafe {
        read_string(instance, out_json, |inner| {
            Ok(quytrinh::kernel::to_json(&inner.next_deadline())?)
        })
    }
}

/// Every pending deadline as a JSON array, earliest first.
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_deadlines(
    instance: *mut QuytrinhInstance,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    // SAFETY: forwarded from the caller's contract.
    unsafe {
        read_string(instance, out_json, |inner| {
            Ok(quytrinh::kernel::to_json(&inner.deadlines())?)
        })
    }
}

/// The instance's version: the number of events recorded.
///
/// Ownership: writes `*out_version` (0 on failure). One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `out_version` is NULL or valid for writing a `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_version(
    instance: *mut QuytrinhInstance,
    out_version: *mut u64,
) -> QuytrinhStatus {
    // SAFETY: forwarded from the caller's contract.
    unsafe {
        instance_call(instance, out_version, "out_version", |inner| {
            Ok(inner.version())
        })
    }
}

/// The instance's workflow name and id as a JSON object `{"workflow": ..., "id": ...}`.
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call;
/// `out_json` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_identity(
    instance: *mut QuytrinhInstance,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    let f = |inner: &mut dyn AnyInstance| {
        let identity = serde_json::json!({"workflow": inner.workflow(), "id": inner.id()});
        Ok(owned_string(identity.to_string()))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { instance_call(instance, out_json, "out_json", f) }
}

/// The commands `actor_json` (`{"role": ..., "id": ...}`) may issue at `at` (RFC 3339), as
/// JSON, for user interfaces.
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call; the
/// strings are NULL or NUL-terminated and valid; `out_json` is NULL or valid for writing one
/// pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_available_commands(
    instance: *mut QuytrinhInstance,
    actor_json: *const c_char,
    at: *const c_char,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    let f = |inner: &mut dyn AnyInstance| {
        // SAFETY: the caller guarantees each string is NULL or NUL-terminated and valid.
        let (actor, at) = unsafe { (text_arg(actor_json, "actor_json")?, text_arg(at, "at")?) };
        let actor: Actor = quytrinh::kernel::from_json("actor", actor)?;
        let at = parse_instant(at, "at")?;
        Ok(owned_string(
            inner.available_commands(&actor, at)?.to_string(),
        ))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { instance_call(instance, out_json, "out_json", f) }
}

/// Answers a read-only query of the instance's workflow: `query_json` is the query as JSON
/// tagged by `type` (e.g. `{"type":"preview_submission"}`), asked by `actor_json`
/// (`{"role": ..., "id": ...}`) at `at` (RFC 3339). Nothing changes (deadlines due by `at`
/// are taken into account on a copy). One entry point for every query of every workflow.
///
/// Ownership: `*out_json` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call; the
/// strings are NULL or NUL-terminated and valid; `out_json` is NULL or valid for writing one
/// pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_query(
    instance: *mut QuytrinhInstance,
    actor_json: *const c_char,
    at: *const c_char,
    query_json: *const c_char,
    out_json: *mut *mut c_char,
) -> QuytrinhStatus {
    let f = |inner: &mut dyn AnyInstance| {
        // SAFETY: the caller guarantees each string is NULL or NUL-terminated and valid.
        let (actor, at, query) = unsafe {
            (
                text_arg(actor_json, "actor_json")?,
                text_arg(at, "at")?,
                text_arg(query_json, "query_json")?,
            )
        };
        let actor: Actor = quytrinh::kernel::from_json("actor", actor)?;
        let at = parse_instant(at, "at")?;
        let query: Value = serde_json::from_str(query)?;
        Ok(owned_string(
            inner.query_value(&actor, at, query)?.to_string(),
        ))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { instance_call(instance, out_json, "out_json", f) }
}

/// The definition of the instance's workflow under its configuration, with the current
/// states highlighted in diagrams.
///
/// - `format`: `"json"`, `"mermaid"` or `"dot"` (required).
/// - `lang`: `"vi"` or `"en"`, or NULL for `"vi"` (ignored by `"json"`).
///
/// Ownership: `*out_text` is a new string owned by the caller, freed with
/// `quytrinh_string_free`; NULL on failure. One thread at a time per handle.
///
/// # Safety
/// `instance` is NULL or a live handle not used by another thread during the call; the
/// strings are NULL or NUL-terminated and valid; `out_text` is NULL or valid for writing one
/// pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn quytrinh_instance_definition(
    instance: *mut QuytrinhInstance,
    format: *const c_char,
    lang: *const c_char,
    out_text: *mut *mut c_char,
) -> QuytrinhStatus {
    let f = |inner: &mut dyn AnyInstance| {
        // SAFETY: the caller guarantees each string is NULL or NUL-terminated and valid.
        let (format, lang) = unsafe {
            (
                text_arg(format, "format")?,
                optional_text_arg(lang, "lang")?,
            )
        };
        let current = quytrinh::kernel::highlights(&inner.position());
        Ok(owned_string(render(
            &inner.definition(),
            format,
            lang,
            &current,
        )?))
    };
    // SAFETY: forwarded from the caller's contract.
    unsafe { instance_call(instance, out_text, "out_text", f) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::{CStr, CString};
    use std::ptr;

    struct Panicky;

    impl AnyInstance for Panicky {
        fn workflow(&self) -> &'static str {
            "panicky"
        }
        fn id(&self) -> &'static str {
            "p"
        }
        fn version(&self) -> u64 {
            panic!("version exploded")
        }
        fn last_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
            None
        }
        fn handle_json_in(
            &mut self,
            _: &str,
            _: quytrinh::kernel::OutcomeForm,
        ) -> Result<String, quytrinh::kernel::Error> {
            unreachable!()
        }
        fn handle_value(&mut self, _: Value) -> Result<Value, quytrinh::kernel::Error> {
            unreachable!()
        }
        fn tick(
            &mut self,
            _: chrono::DateTime<chrono::Utc>,
        ) -> Result<Value, quytrinh::kernel::Error> {
            unreachable!()
        }
        fn tick_json_in(
            &mut self,
            _: chrono::DateTime<chrono::Utc>,
            _: quytrinh::kernel::OutcomeForm,
        ) -> Result<String, quytrinh::kernel::Error> {
            unreachable!()
        }
        fn state(&self) -> Value {
            Value::Null
        }
        fn config(&self) -> Value {
            Value::Null
        }
        fn position(&self) -> Vec<quytrinh::kernel::Position> {
            Vec::new()
        }
        fn query_value(
            &self,
            _: &Actor,
            _: chrono::DateTime<chrono::Utc>,
            _: Value,
        ) -> Result<Value, quytrinh::kernel::Error> {
            unreachable!()
        }
        fn compact(&mut self, _: usize) -> Result<(), quytrinh::kernel::Error> {
            unreachable!()
        }
        fn row(&self) -> Value {
            Value::Null
        }
        fn deadlines(&self) -> Vec<quytrinh::kernel::Deadline> {
            Vec::new()
        }
        fn next_deadline(&self) -> Option<quytrinh::kernel::Deadline> {
            None
        }
        fn available_commands(
            &self,
            _: &Actor,
            _: chrono::DateTime<chrono::Utc>,
        ) -> Result<Value, quytrinh::kernel::Error> {
            unreachable!()
        }
        fn definition(&self) -> quytrinh::kernel::Definition {
            unreachable!()
        }
        fn snapshot_json(&self) -> String {
            String::new()
        }
        fn event_log_json(&self) -> String {
            String::new()
        }
    }

    #[test]
    fn a_panicking_instance_is_poisoned_and_nothing_unwinds() {
        let handle = QuytrinhInstance::new(Box::new(Panicky));
        let mut version = 7;
        // SAFETY: `handle` is live and used by this thread only; `version` is writable.
        let status = unsafe { quytrinh_instance_version(handle, &raw mut version) };
        assert_eq!(status, QuytrinhStatus::Panic);
        assert_eq!(version, 0);
        // SAFETY: `handle` is live; the message is read before the next call.
        let message = unsafe { CStr::from_ptr(quytrinh_instance_last_error(handle)) };
        assert!(message.to_str().unwrap().contains("version exploded"));
        let mut out = ptr::null_mut();
        // SAFETY: as above.
        let status = unsafe { quytrinh_instance_snapshot(handle, &raw mut out) };
        assert_eq!(status, QuytrinhStatus::Panic, "poisoned");
        assert!(out.is_null());
        // SAFETY: `handle` is live and not used again.
        unsafe { quytrinh_instance_free(handle) };
    }

    #[test]
    fn create_handle_and_read_back() {
        let c = |s: &str| CString::new(s).unwrap();
        let (workflow, id) = (c("companion"), c("rel-1"));
        let init = c(r#"{"saco_id":"S1","customer_id":"K1","account":"A1"}"#);
        let mut handle = ptr::null_mut();
        // SAFETY: every string is NUL-terminated and lives for the call; `handle` is writable.
        let status = unsafe {
            quytrinh_instance_create(
                workflow.as_ptr(),
                id.as_ptr(),
                ptr::null(),
                ptr::null(),
                init.as_ptr(),
                &raw mut handle,
            )
        };
        assert_eq!(status, QuytrinhStatus::Ok);
        let command = c(r#"{"command_id":"c1","actor":{"role":"saco","id":"S1"},
            "at":"2026-11-23T09:00:00+07:00","type":"request_unlink"}"#);
        let mut outcome = ptr::null_mut();
        // SAFETY: `handle` is live; `command` is NUL-terminated; `outcome` is writable.
        let status =
            unsafe { quytrinh_instance_handle(handle, command.as_ptr(), &raw mut outcome) };
        assert_eq!(status, QuytrinhStatus::Ok);
        // SAFETY: `outcome` is a string from this library, read then freed once.
        let json: Value = unsafe {
            let json = serde_json::from_str(CStr::from_ptr(outcome).to_str().unwrap()).unwrap();
            crate::c_api::general::quytrinh_string_free(outcome);
            json
        };
        assert_eq!(json["effects"][0]["kind"], "send_otp");
        // SAFETY: `handle` is live and not used again.
        unsafe { quytrinh_instance_free(handle) };
    }
}
