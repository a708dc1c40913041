//! The calendar's error type.

/// Why a calendar operation failed. Each variant has a stable `snake_case` [`code`](Self::code).
///
/// ```
/// use chrono::NaiveDate;
/// use quytrinh::calendar::lunar::to_lunar;
/// let err = to_lunar(NaiveDate::from_ymd_opt(2200, 1, 1).unwrap()).unwrap_err();
/// assert_eq!(err.code(), "out_of_range");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// A date, instant or year outside the supported range 1900-01-01 – 2199-12-31 (UTC+7),
    /// or a result that would fall outside it.
    #[error("out of range: {reason}")]
    OutOfRange {
        /// What was out of range.
        reason: String,
    },
    /// A lunar date that does not exist (no such leap month, no such day) or cannot be read.
    #[error("invalid lunar date: {reason}")]
    InvalidLunarDate {
        /// What is wrong with it.
        reason: String,
    },
    /// A [`CalendarConfig`](super::CalendarConfig) that cannot be used.
    #[error("invalid calendar configuration: {reason}")]
    InvalidConfig {
        /// What is wrong with it.
        reason: String,
    },
    /// A negative business duration was given to [`add`](super::BusinessCalendar::add).
    #[error("negative duration: {reason}")]
    NegativeDuration {
        /// The duration given.
        reason: String,
    },
}

impl CalendarError {
    /// The stable `snake_case` code: `out_of_range`, `invalid_lunar_date`, `invalid_config`
    /// or `negative_duration`.
    ///
    /// ```
    /// use quytrinh::calendar::CalendarError;
    /// let e = CalendarError::InvalidConfig { reason: "no working weekday".into() };
    /// assert_eq!(e.code(), "invalid_config");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::OutOfRange { .. } => "out_of_range",
            Self::InvalidLunarDate { .. } => "invalid_lunar_date",
            Self::InvalidConfig { .. } => "invalid_config",
            Self::NegativeDuration { .. } => "negative_duration",
        }
    }
}
