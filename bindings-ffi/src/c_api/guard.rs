//! The one guard every entry point goes through: argument checks, panic catching, and the
//! error records (per handle and per thread).

use super::status::{QuytrinhErrorField, QuytrinhStatus};
use quytrinh::calendar::CalendarError;
use quytrinh::kernel::{Error, Rejection};
use serde_json::{Map, Value, json};
use std::any::Any;
use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

/// Why a call failed (boxed: the error path is the rare one, the `Result`s stay small).
#[derive(Debug, Clone)]
pub(crate) struct Failure(Box<Details>);

/// A status, the core's code, a message, and the rejection or JSON position when there is
/// one.
#[derive(Debug, Clone)]
struct Details {
    status: QuytrinhStatus,
    code: &'static str,
    message: String,
    rejection: Option<Rejection>,
    position: Option<(usize, usize)>,
}

impl Failure {
    fn boundary(status: QuytrinhStatus, message: String) -> Self {
        Self(Box::new(Details {
            status,
            code: status.as_str(),
            message,
            rejection: None,
            position: None,
        }))
    }

    /// `invalid_argument` with a message.
    pub(crate) fn invalid_argument(message: impl Into<String>) -> Self {
        Self::boundary(QuytrinhStatus::InvalidArgument, message.into())
    }

    /// `invalid_argument`: a required pointer is NULL.
    pub(crate) fn null(name: &str) -> Self {
        Self::invalid_argument(format!("`{name}` is NULL"))
    }

    /// `panic`, with the panic's message.
    pub(crate) fn panic(payload: &(dyn Any + Send)) -> Self {
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        Self::boundary(
            QuytrinhStatus::Panic,
            format!("quytrinh panicked (a bug; please report it): {what}"),
        )
    }

    /// `panic`: the instance panicked in an earlier call.
    pub(crate) fn poisoned() -> Self {
        Self::boundary(
            QuytrinhStatus::Panic,
            "this instance panicked in an earlier call and may be inconsistent; free it and \
             restore it from its last snapshot"
                .into(),
        )
    }

    /// `internal`: a broken invariant of this crate.
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::boundary(QuytrinhStatus::Internal, message.into())
    }

    /// The status.
    pub(crate) fn status(&self) -> QuytrinhStatus {
        self.0.status
    }

    /// The error as the JSON object the header documents.
    fn to_json(&self) -> Value {
        let details = &self.0;
        let mut object = Map::new();
        object.insert("status".into(), json!(details.status as i32));
        object.insert("code".into(), json!(details.code));
        object.insert("message".into(), json!(details.message));
        if let Some(r) = &details.rejection {
            object.insert("rule".into(), json!(r.rule));
            object.insert("message_vi".into(), json!(r.message_vi));
            object.insert("message_en".into(), json!(r.message_en));
        }
        if let Some((line, column)) = details.position {
            object.insert("line".into(), json!(line));
            object.insert("column".into(), json!(column));
        }
        Value::Object(object)
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let position = match &error {
            Error::InvalidJson { line, column, .. } => Some((*line, *column)),
            _ => None,
        };
        Self(Box::new(Details {
            status: QuytrinhStatus::of_error(&error),
            code: error.code(),
            message: error.to_string(),
            rejection: error.rejection().cloned(),
            position,
        }))
    }
}

impl From<CalendarError> for Failure {
    fn from(error: CalendarError) -> Self {
        Self(Box::new(Details {
            status: QuytrinhStatus::of_calendar(&error),
            code: error.code(),
            message: error.to_string(),
            rejection: None,
            position: None,
        }))
    }
}

impl From<serde_json::Error> for Failure {
    fn from(error: serde_json::Error) -> Self {
        Error::from(error).into()
    }
}

/// The last error of a handle or a thread, kept as C strings so that C can borrow them.
#[derive(Debug)]
pub(crate) struct ErrorRecord {
    /// Indexed by `QuytrinhErrorField`: code, message, rule, message_vi, message_en.
    fields: [CString; QuytrinhErrorField::ALL.len()],
    json: CString,
}

impl Default for ErrorRecord {
    fn default() -> Self {
        Self {
            fields: Default::default(),
            json: c"null".to_owned(),
        }
    }
}

impl ErrorRecord {
    /// Forgets the error (after a successful call).
    pub(crate) fn clear(&mut self) {
        if !self.json_is_null() {
            *self = Self::default();
        }
    }

    fn json_is_null(&self) -> bool {
        self.json.as_bytes() == b"null"
    }

    /// Records a failure.
    pub(crate) fn set(&mut self, failure: &Failure) {
        let details = &failure.0;
        let rejection = details.rejection.as_ref();
        let text = |f: fn(&Rejection) -> &str| rejection.map_or("", f).to_owned();
        self.fields = [
            c_string(details.code.to_owned()),
            c_string(details.message.clone()),
            c_string(text(|r| r.rule.as_ref())),
            c_string(text(|r| r.message_vi.as_ref())),
            c_string(text(|r| r.message_en.as_ref())),
        ];
        self.json = c_string(failure.to_json().to_string());
    }

    /// The message (`""` after a success), borrowed.
    pub(crate) fn message_ptr(&self) -> *const c_char {
        self.field_ptr(QuytrinhErrorField::Message as i32)
    }

    /// One field by its `QuytrinhErrorField` number (`""` after a success, for a field the
    /// failure does not have, or for a number that is no field), borrowed.
    pub(crate) fn field_ptr(&self, field: i32) -> *const c_char {
        usize::try_from(field)
            .ok()
            .and_then(|i| self.fields.get(i))
            .map_or(c"".as_ptr(), |text| text.as_ptr())
    }

    /// The error JSON (`null` after a success), borrowed.
    pub(crate) fn json_ptr(&self) -> *const c_char {
        self.json.as_ptr()
    }
}

thread_local! {
    static THREAD_ERROR: RefCell<ErrorRecord> = RefCell::default();
}

/// Runs `f` on the calling thread's error record. `None` when the record is in use (never,
/// in practice) or the thread is being torn down.
pub(crate) fn with_thread_error<T>(f: impl FnOnce(&mut ErrorRecord) -> T) -> Option<T> {
    THREAD_ERROR
        .try_with(|cell| cell.try_borrow_mut().ok().map(|mut record| f(&mut record)))
        .ok()
        .flatten()
}

/// A C string from Rust text; an interior NUL (impossible in the JSON and texts quytrinh
/// writes, possible in a message quoting the host's input) becomes U+FFFD.
pub(crate) fn c_string(text: String) -> CString {
    CString::new(text).unwrap_or_else(|e| {
        let text = String::from_utf8_lossy(&e.into_vec()).replace('\0', "\u{FFFD}");
        CString::new(text).unwrap_or_default()
    })
}

/// Text handed to C: owned by the caller, freed with `quytrinh_string_free`.
pub(crate) fn owned_string(text: String) -> *mut c_char {
    c_string(text).into_raw()
}

/// The entry guard: clears the thread's error, runs `f` catching any panic, records a
/// failure in the thread's error and returns the status. Nothing unwinds out of it.
pub(crate) fn guard(f: impl FnOnce() -> Result<(), Failure>) -> QuytrinhStatus {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        with_thread_error(ErrorRecord::clear);
        f()
    }))
    .unwrap_or_else(|payload| Err(Failure::panic(payload.as_ref())));
    match outcome {
        Ok(()) => QuytrinhStatus::Ok,
        Err(failure) => {
            // Recording allocates; a panic here (none is known) must not unwind either.
            let _ = catch_unwind(AssertUnwindSafe(|| {
                with_thread_error(|record| record.set(&failure));
            }));
            failure.status()
        }
    }
}

/// A value an out-parameter is set to before the call does anything, so that it holds a
/// defined "nothing" whenever the call fails.
pub(crate) trait OutValue: Copy {
    /// NULL, 0 or false.
    const EMPTY: Self;
}

impl<T> OutValue for *mut T {
    const EMPTY: Self = ptr::null_mut();
}

impl OutValue for u64 {
    const EMPTY: Self = 0;
}

impl OutValue for i64 {
    const EMPTY: Self = 0;
}

impl OutValue for bool {
    const EMPTY: Self = false;
}

/// Checks an out-parameter and sets it to its empty value.
///
/// # Safety
/// `out` is NULL or valid for writes of a `T`, and not used by anything else during the
/// call.
pub(crate) unsafe fn out_param<'a, T: OutValue>(
    out: *mut T,
    name: &str,
) -> Result<&'a mut T, Failure> {
    // SAFETY: the caller guarantees `out` is NULL or valid and unaliased for the call;
    // `as_mut` turns NULL into `None`.
    let out = unsafe { out.as_mut() }.ok_or_else(|| Failure::null(name))?;
    *out = T::EMPTY;
    Ok(out)
}

/// Reads a required string argument.
///
/// # Safety
/// `text` is NULL or points to a NUL-terminated string that stays valid and unchanged
/// during the call.
pub(crate) unsafe fn text_arg<'a>(text: *const c_char, name: &str) -> Result<&'a str, Failure> {
    // SAFETY: forwarded from the caller's contract.
    unsafe { optional_text_arg(text, name) }?.ok_or_else(|| Failure::null(name))
}

/// Reads an optional string argument (NULL gives `None`).
///
/// # Safety
/// As [`text_arg`].
pub(crate) unsafe fn optional_text_arg<'a>(
    text: *const c_char,
    name: &str,
) -> Result<Option<&'a str>, Failure> {
    if text.is_null() {
        return Ok(None);
    }
    // SAFETY: `text` is not NULL, and the caller guarantees it is NUL-terminated and valid
    // for the call.
    let bytes = unsafe { CStr::from_ptr(text) };
    bytes.to_str().map(Some).map_err(|e| {
        Failure::boundary(
            QuytrinhStatus::InvalidUtf8,
            format!(
                "`{name}` is not valid UTF-8 (first bad byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quytrinh::kernel::RejectionCode;

    fn thread_message() -> String {
        with_thread_error(|r| field(r, QuytrinhErrorField::Message)).unwrap()
    }

    fn field(record: &ErrorRecord, field: QuytrinhErrorField) -> String {
        record.fields[field as usize].to_string_lossy().into_owned()
    }

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        let status = guard(|| panic!("boom"));
        assert_eq!(status, QuytrinhStatus::Panic);
        assert!(thread_message().contains("boom"), "{}", thread_message());
        assert_eq!(guard(|| Ok(())), QuytrinhStatus::Ok);
        assert_eq!(thread_message(), "");
    }

    #[test]
    fn the_error_json_carries_the_rejection() {
        let failure = Failure::from(Error::from(Rejection::new(
            RejectionCode::NotFound,
            "request_id",
            "Không có",
            "Missing",
        )));
        let json = failure.to_json();
        assert_eq!(json["status"], 106);
        assert_eq!(json["code"], "not_found");
        assert_eq!(json["rule"], "request_id");
        assert_eq!(json["message_vi"], "Không có");
        assert_eq!(json["message_en"], "Missing");
    }

    #[test]
    fn the_record_keeps_each_part_of_a_rejection() {
        let mut record = ErrorRecord::default();
        record.set(&Failure::from(Error::from(Rejection::new(
            RejectionCode::NotPermitted,
            "requester_only",
            "Chỉ người yêu cầu được rút yêu cầu",
            "Only the requester may withdraw",
        ))));
        let parts: Vec<String> = QuytrinhErrorField::ALL
            .iter()
            .map(|&f| field(&record, f))
            .collect();
        assert_eq!(parts[0], "not_permitted");
        assert!(!parts[1].is_empty());
        assert_eq!(
            parts[2..],
            [
                "requester_only",
                "Chỉ người yêu cầu được rút yêu cầu",
                "Only the requester may withdraw"
            ]
        );
        record.set(&Failure::invalid_argument("`at` is NULL"));
        assert_eq!(field(&record, QuytrinhErrorField::Code), "invalid_argument");
        assert_eq!(field(&record, QuytrinhErrorField::Rule), "");
        record.clear();
        assert!(
            QuytrinhErrorField::ALL
                .iter()
                .all(|&f| field(&record, f).is_empty())
        );
        assert_eq!(record.json.to_str().unwrap(), "null");
    }

    #[test]
    fn interior_nul_is_replaced() {
        assert_eq!(c_string("a\0b".into()).to_str().unwrap(), "a\u{FFFD}b");
    }

    #[test]
    fn the_thread_error_is_per_thread() {
        let _ = guard(|| Err(Failure::invalid_argument("here")));
        std::thread::spawn(|| {
            assert_eq!(thread_message(), "");
            let _ = guard(|| Err(Failure::invalid_argument("there")));
            assert_eq!(thread_message(), "there");
        })
        .join()
        .unwrap();
        assert_eq!(thread_message(), "here");
    }
}
