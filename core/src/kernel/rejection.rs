//! Rejections: why an input was refused, with a stable code and bilingual messages.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// The stable, snake_case code of a rejection. Codes never change meaning; hosts may
/// match on them.
///
/// ```
/// use quytrinh::kernel::RejectionCode;
/// assert_eq!(RejectionCode::NotPermitted.as_str(), "not_permitted");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RejectionCode {
    /// The actor's role or relationship does not allow this command.
    NotPermitted,
    /// The command is not allowed in the current state.
    InvalidTransition,
    /// An OTP challenge must be completed first.
    OtpRequired,
    /// A field is missing, malformed or out of range (money overflow included).
    ValidationFailed,
    /// `expected_version` is not the instance's current version.
    VersionConflict,
    /// The input's `at` is earlier than the instance's last recorded instant.
    ClockWentBackwards,
    /// The command names something (a request, a challenge, a lead) that does not exist.
    NotFound,
    /// A limit was reached: the size or nesting of an input, the entities an instance may
    /// hold (leads of a package, orders of a store), or a rate (resends per day); the rule
    /// names the limit.
    LimitReached,
}

impl RejectionCode {
    /// Every code, in declaration order (for the C status enum and documentation).
    pub const ALL: [RejectionCode; 8] = [
        RejectionCode::NotPermitted,
        RejectionCode::InvalidTransition,
        RejectionCode::OtpRequired,
        RejectionCode::ValidationFailed,
        RejectionCode::VersionConflict,
        RejectionCode::ClockWentBackwards,
        RejectionCode::NotFound,
        RejectionCode::LimitReached,
    ];

    /// The snake_case code.
    ///
    /// ```
    /// # use quytrinh::kernel::RejectionCode;
    /// assert_eq!(RejectionCode::ClockWentBackwards.as_str(), "clock_went_backwards");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            RejectionCode::NotPermitted => "not_permitted",
            RejectionCode::InvalidTransition => "invalid_transition",
            RejectionCode::OtpRequired => "otp_required",
            RejectionCode::ValidationFailed => "validation_failed",
            RejectionCode::VersionConflict => "version_conflict",
            RejectionCode::ClockWentBackwards => "clock_went_backwards",
            RejectionCode::NotFound => "not_found",
            RejectionCode::LimitReached => "limit_reached",
        }
    }
}

impl fmt::Display for RejectionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused input: the code, the rule or field at fault, and messages in Vietnamese and
/// English. A rejection never changes the instance.
///
/// ```
/// use quytrinh::kernel::{Rejection, RejectionCode};
/// let r = Rejection::new(
///     RejectionCode::NotPermitted,
///     "requester_only",
///     "Chỉ người gửi yêu cầu mới được huỷ yêu cầu.",
///     "Only the requester may withdraw the request.",
/// );
/// assert_eq!(r.code, RejectionCode::NotPermitted);
/// assert_eq!(r.to_string(), "not_permitted (requester_only): Only the requester may withdraw the request.");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Rejection {
    /// The stable code.
    pub code: RejectionCode,
    /// The rule or field at fault, in snake_case (e.g. `requester_only`, `note`).
    pub rule: Cow<'static, str>,
    /// The message in Vietnamese.
    pub message_vi: Cow<'static, str>,
    /// The message in English.
    pub message_en: Cow<'static, str>,
}

impl Rejection {
    /// A rejection from its code, rule and both messages.
    ///
    /// ```
    /// # use quytrinh::kernel::{Rejection, RejectionCode};
    /// let r = Rejection::new(RejectionCode::NotFound, "request_id", "Không tìm thấy yêu cầu.", "No such request.");
    /// assert_eq!(r.rule, "request_id");
    /// ```
    pub fn new(
        code: RejectionCode,
        rule: impl Into<Cow<'static, str>>,
        message_vi: impl Into<Cow<'static, str>>,
        message_en: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            code,
            rule: rule.into(),
            message_vi: message_vi.into(),
            message_en: message_en.into(),
        }
    }

    /// The message in the given language.
    ///
    /// ```
    /// # use quytrinh::kernel::{Lang, Rejection, RejectionCode};
    /// let r = Rejection::new(RejectionCode::NotFound, "x", "Không có", "Missing");
    /// assert_eq!(r.message(Lang::Vi), "Không có");
    /// ```
    pub fn message(&self, lang: super::Lang) -> &str {
        match lang {
            super::Lang::Vi => &self.message_vi,
            super::Lang::En => &self.message_en,
        }
    }

    /// `validation_failed` for a field whose value is out of range or malformed.
    ///
    /// ```
    /// # use quytrinh::kernel::{Rejection, RejectionCode};
    /// let r = Rejection::invalid_field("note", "Ghi chú phải có 1–2000 ký tự.", "The note must have 1–2000 characters.");
    /// assert_eq!(r.code, RejectionCode::ValidationFailed);
    /// ```
    pub fn invalid_field(
        field: &'static str,
        message_vi: impl Into<Cow<'static, str>>,
        message_en: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::new(
            RejectionCode::ValidationFailed,
            field,
            message_vi,
            message_en,
        )
    }

    /// `invalid_transition`: the command is not allowed in the state named by `state`.
    ///
    /// ```
    /// # use quytrinh::kernel::{Rejection, RejectionCode};
    /// let r = Rejection::invalid_transition("withdraw", "confirmed");
    /// assert_eq!(r.code, RejectionCode::InvalidTransition);
    /// assert_eq!(r.rule, "withdraw_from_confirmed");
    /// ```
    pub fn invalid_transition(command: &str, state: &str) -> Self {
        Self::new(
            RejectionCode::InvalidTransition,
            format!("{command}_from_{state}"),
            format!("Không thể thực hiện `{command}` ở trạng thái `{state}`."),
            format!("`{command}` is not allowed in state `{state}`."),
        )
    }

    /// `not_found`: the command names something this instance does not hold.
    ///
    /// ```
    /// # use quytrinh::kernel::{Rejection, RejectionCode};
    /// let r = Rejection::not_found("request_id", "R9");
    /// assert_eq!(r.code, RejectionCode::NotFound);
    /// ```
    pub fn not_found(field: &'static str, value: &str) -> Self {
        Self::new(
            RejectionCode::NotFound,
            field,
            format!("Không tìm thấy `{value}` ({field})."),
            format!("No `{value}` found ({field})."),
        )
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.rule, self.message_en)
    }
}

impl std::error::Error for Rejection {}
