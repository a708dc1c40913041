//! The status enum every fallible entry point returns, and its mapping from the core's errors.

use quytrinh::calendar::CalendarError;
use quytrinh::kernel::{Error, RejectionCode};
use std::ffi::{CStr, c_char};

/// The result of a call. The numbers are stable: they never change meaning and are never
/// reused.
///
/// - `0`: success.
/// - `1`–`9`: the call itself was malformed (a NULL pointer, bad UTF-8, bad JSON) or the
///   library panicked.
/// - `10`–`19`: the kernel's errors other than rejections (schema, workflow, configuration,
///   event log, internal).
/// - `20`–`29`: the business calendar's errors.
/// - `100`–`199`: the kernel's rejections, in the order of `RejectionCode::ALL`; the
///   rejection's `rule`, `message_vi` and `message_en` are in the error JSON
///   (`quytrinh_instance_last_error_json`, `quytrinh_last_error_json`).
///
/// `quytrinh_status_name` gives each status's snake-case name, which for every status from
/// `10` up is the core's own error code (`not_permitted`, `unsupported_schema`, …).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuytrinhStatus {
    /// Success (`ok`).
    Ok = 0,
    /// A required pointer argument is NULL, or an argument is outside its domain: a
    /// timestamp that is not RFC 3339, a date that is not `YYYY-MM-DD`, an unknown diagram
    /// format or language (`invalid_argument`).
    InvalidArgument = 1,
    /// A string argument is not valid UTF-8 (`invalid_utf8`).
    InvalidUtf8 = 2,
    /// A JSON argument is not valid JSON, or does not have the expected shape: a command of
    /// an unknown `type`, a missing field, an unknown field (`invalid_json`).
    InvalidJson = 3,
    /// The library panicked (a bug in quytrinh). The panic was caught; nothing unwound into
    /// the caller. An instance that panicked is poisoned: every later call on it returns
    /// this status; restore it from its last snapshot (`panic`).
    Panic = 4,
    /// A snapshot or event log carries a schema version this build cannot read
    /// (`unsupported_schema`).
    UnsupportedSchema = 10,
    /// No workflow of that name exists in this build; see `quytrinh_workflows`
    /// (`unknown_workflow`).
    UnknownWorkflow = 11,
    /// A document belongs to another workflow than the one asked for (`wrong_workflow`).
    WrongWorkflow = 12,
    /// The configuration of a workflow, of the kernel (settings) or of a business calendar
    /// is invalid (`invalid_config`).
    InvalidConfig = 13,
    /// An event log whose records do not follow each other (`corrupt_log`).
    CorruptLog = 14,
    /// A broken invariant inside quytrinh (a bug in this library) (`internal`).
    Internal = 15,
    /// Calendar: a date, instant or year outside 1900-01-01 – 2199-12-31 (UTC+07:00), or a
    /// result past it (`out_of_range`).
    OutOfRange = 20,
    /// Calendar: a lunar date that does not exist (`invalid_lunar_date`).
    InvalidLunarDate = 21,
    /// Calendar: a negative business duration (`negative_duration`).
    NegativeDuration = 22,
    /// Rejected: the actor's role or relationship does not allow this command
    /// (`not_permitted`).
    NotPermitted = 100,
    /// Rejected: the command is not allowed in the current state (`invalid_transition`).
    InvalidTransition = 101,
    /// Rejected: an OTP challenge must be completed first (`otp_required`).
    OtpRequired = 102,
    /// Rejected: a field is missing, malformed or out of range (`validation_failed`).
    ValidationFailed = 103,
    /// Rejected: `expected_version` is not the instance's version (`version_conflict`).
    VersionConflict = 104,
    /// Rejected: the input's `at` is earlier than the instance's last recorded instant
    /// (`clock_went_backwards`).
    ClockWentBackwards = 105,
    /// Rejected: the command names something that does not exist (`not_found`).
    NotFound = 106,
    /// Rejected: a limit was reached: the size or nesting of an input, the entities an
    /// instance may hold, or a rate of the workflow; the rule names it (`limit_reached`).
    LimitReached = 107,
}

impl QuytrinhStatus {
    /// Every status, in numeric order.
    pub(crate) const ALL: [QuytrinhStatus; 22] = [
        Self::Ok,
        Self::InvalidArgument,
        Self::InvalidUtf8,
        Self::InvalidJson,
        Self::Panic,
        Self::UnsupportedSchema,
        Self::UnknownWorkflow,
        Self::WrongWorkflow,
        Self::InvalidConfig,
        Self::CorruptLog,
        Self::Internal,
        Self::OutOfRange,
        Self::InvalidLunarDate,
        Self::NegativeDuration,
        Self::NotPermitted,
        Self::InvalidTransition,
        Self::OtpRequired,
        Self::ValidationFailed,
        Self::VersionConflict,
        Self::ClockWentBackwards,
        Self::NotFound,
        Self::LimitReached,
    ];

    /// The status of a rejection code.
    pub const fn of_rejection(code: RejectionCode) -> Self {
        match code {
            RejectionCode::NotPermitted => Self::NotPermitted,
            RejectionCode::InvalidTransition => Self::InvalidTransition,
            RejectionCode::OtpRequired => Self::OtpRequired,
            RejectionCode::ValidationFailed => Self::ValidationFailed,
            RejectionCode::VersionConflict => Self::VersionConflict,
            RejectionCode::ClockWentBackwards => Self::ClockWentBackwards,
            RejectionCode::NotFound => Self::NotFound,
            RejectionCode::LimitReached => Self::LimitReached,
        }
    }

    /// The status of a kernel error.
    pub fn of_error(error: &Error) -> Self {
        match error {
            Error::Rejected(r) => Self::of_rejection(r.code),
            Error::InvalidJson { .. } => Self::InvalidJson,
            Error::UnsupportedSchema { .. } => Self::UnsupportedSchema,
            Error::UnknownWorkflow(_) => Self::UnknownWorkflow,
            Error::WrongWorkflow { .. } => Self::WrongWorkflow,
            Error::InvalidConfig(_) => Self::InvalidConfig,
            Error::CorruptLog(_) => Self::CorruptLog,
            Error::Internal(_) => Self::Internal,
        }
    }

    /// The status of a calendar error. A kind added to the calendar later and not yet
    /// mapped here is `Internal`; its own code is still in the error JSON.
    pub fn of_calendar(error: &CalendarError) -> Self {
        match error {
            CalendarError::OutOfRange { .. } => Self::OutOfRange,
            CalendarError::InvalidLunarDate { .. } => Self::InvalidLunarDate,
            CalendarError::InvalidConfig { .. } => Self::InvalidConfig,
            CalendarError::NegativeDuration { .. } => Self::NegativeDuration,
            _ => Self::Internal,
        }
    }

    /// The status of a number, if it is one.
    pub fn from_number(number: i32) -> Option<Self> {
        Self::ALL.into_iter().find(|s| *s as i32 == number)
    }

    /// The snake-case name, NUL-terminated (the core's code for statuses from 10 up).
    pub const fn name(self) -> &'static CStr {
        match self {
            Self::Ok => c"ok",
            Self::InvalidArgument => c"invalid_argument",
            Self::InvalidUtf8 => c"invalid_utf8",
            Self::InvalidJson => c"invalid_json",
            Self::Panic => c"panic",
            Self::UnsupportedSchema => c"unsupported_schema",
            Self::UnknownWorkflow => c"unknown_workflow",
            Self::WrongWorkflow => c"wrong_workflow",
            Self::InvalidConfig => c"invalid_config",
            Self::CorruptLog => c"corrupt_log",
            Self::Internal => c"internal",
            Self::OutOfRange => c"out_of_range",
            Self::InvalidLunarDate => c"invalid_lunar_date",
            Self::NegativeDuration => c"negative_duration",
            Self::NotPermitted => c"not_permitted",
            Self::InvalidTransition => c"invalid_transition",
            Self::OtpRequired => c"otp_required",
            Self::ValidationFailed => c"validation_failed",
            Self::VersionConflict => c"version_conflict",
            Self::ClockWentBackwards => c"clock_went_backwards",
            Self::NotFound => c"not_found",
            Self::LimitReached => c"limit_reached",
        }
    }

    /// The snake-case name as a Rust string.
    pub fn as_str(self) -> &'static str {
        self.name().to_str().unwrap_or("")
    }
}

/// A part of the last failure, read with `quytrinh_last_error_field` (the thread's) or
/// `quytrinh_instance_last_error_field` (a handle's), so that a host can show an error
/// without parsing the error JSON. Each is `""` after a success and when the failure has no
/// such part: `rule`, `message_vi` and `message_en` are set for rejections (statuses
/// `100`–`199`) only.
///
/// ```c
/// if (status >= 100 && status < 200) {
///     printf("%s (%s): %s\n", quytrinh_instance_last_error_field(h, QUYTRINH_ERROR_FIELD_CODE),
///            quytrinh_instance_last_error_field(h, QUYTRINH_ERROR_FIELD_RULE),
///            quytrinh_instance_last_error_field(h, QUYTRINH_ERROR_FIELD_MESSAGE_VI));
/// }
/// ```
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuytrinhErrorField {
    /// The core's snake-case code, the name of the status (`not_permitted`,
    /// `invalid_json`, …); `quytrinh_status_name` of the returned status.
    Code = 0,
    /// The message in English, with the details (what `quytrinh_last_error_message` gives).
    Message = 1,
    /// A rejection's rule or field at fault, in snake_case (`requester_only`, `note`).
    Rule = 2,
    /// A rejection's message in Vietnamese, for the end user.
    MessageVi = 3,
    /// A rejection's message in English, for the end user.
    MessageEn = 4,
}

impl QuytrinhErrorField {
    /// Every field, in numeric order.
    pub(crate) const ALL: [QuytrinhErrorField; 5] = [
        Self::Code,
        Self::Message,
        Self::Rule,
        Self::MessageVi,
        Self::MessageEn,
    ];
}

/// The snake-case name of a status (`"ok"`, `"invalid_json"`, `"not_permitted"`, …), or
/// `"unknown_status"` for a number that is no status.
///
/// Ownership: the string is static, owned by the library; never free it. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn quytrinh_status_name(status: i32) -> *const c_char {
    QuytrinhStatus::from_number(status)
        .map_or(c"unknown_status", QuytrinhStatus::name)
        .as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quytrinh::kernel::Rejection;

    #[test]
    fn every_rejection_code_has_its_own_status_named_like_it() {
        for (i, code) in RejectionCode::ALL.into_iter().enumerate() {
            let status = QuytrinhStatus::of_rejection(code);
            assert_eq!(status as usize, 100 + i, "{code}");
            assert_eq!(status.as_str(), code.as_str());
            let error = Error::from(Rejection::new(code, "r", "vi", "en"));
            assert_eq!(QuytrinhStatus::of_error(&error).as_str(), error.code());
        }
    }

    #[test]
    fn kernel_and_calendar_errors_are_named_by_their_code() {
        let errors = [
            Error::UnsupportedSchema {
                found: 9,
                supported: 1,
            },
            Error::UnknownWorkflow("x".into()),
            Error::WrongWorkflow {
                expected: "a".into(),
                found: "b".into(),
            },
            Error::InvalidConfig("x".into()),
            Error::CorruptLog("x".into()),
            Error::Internal("x".into()),
            Error::InvalidJson {
                message: "x".into(),
                path: String::new(),
                line: 1,
                column: 1,
            },
        ];
        for error in &errors {
            assert_eq!(QuytrinhStatus::of_error(error).as_str(), error.code());
        }
        let reason = String::new;
        let calendar = [
            CalendarError::OutOfRange { reason: reason() },
            CalendarError::InvalidLunarDate { reason: reason() },
            CalendarError::InvalidConfig { reason: reason() },
            CalendarError::NegativeDuration { reason: reason() },
        ];
        for error in &calendar {
            assert_eq!(QuytrinhStatus::of_calendar(error).as_str(), error.code());
        }
    }

    #[test]
    fn numbers_and_names_are_unique() {
        let mut numbers: Vec<i32> = QuytrinhStatus::ALL.iter().map(|s| *s as i32).collect();
        numbers.dedup();
        assert_eq!(numbers.len(), QuytrinhStatus::ALL.len());
        assert!(numbers.windows(2).all(|w| w[0] < w[1]));
        let mut names: Vec<&str> = QuytrinhStatus::ALL.iter().map(|s| s.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), QuytrinhStatus::ALL.len());
        assert_eq!(QuytrinhStatus::from_number(42), None);
        assert_eq!(
            QuytrinhStatus::from_number(105),
            Some(QuytrinhStatus::ClockWentBackwards)
        );
    }
}
