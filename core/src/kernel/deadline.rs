//! Deadlines: explicit in state, with absolute due instants.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How a deadline's duration is counted.
///
/// ```
/// use quytrinh::kernel::Basis;
/// assert_eq!(serde_json::to_string(&Basis::Business).unwrap(), "\"business\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Basis {
    /// Elapsed time.
    Clock,
    /// Counted on the business calendar (working days, holidays excluded).
    Business,
}

/// A pending deadline: what it is, when it is due, and how its duration was counted.
/// Due instants are absolute: a snapshot never stores "remaining" time.
///
/// ```
/// use quytrinh::kernel::{Basis, Deadline};
/// let due = "2026-11-24T09:00:00+07:00".parse().unwrap();
/// let d = Deadline::new("auto_confirm", due, Basis::Clock);
/// assert_eq!(d.kind, "auto_confirm");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Deadline {
    /// The kind, in snake_case (declared in the workflow's definition).
    pub kind: &'static str,
    /// When it fires.
    pub due: DateTime<Utc>,
    /// How its duration was counted.
    pub basis: Basis,
}

impl Deadline {
    /// A deadline of `kind` due at `due`.
    ///
    /// ```
    /// # use quytrinh::kernel::{Basis, Deadline};
    /// let d = Deadline::new("otp_expiry", "2026-01-01T00:05:00Z".parse().unwrap(), Basis::Clock);
    /// assert_eq!(d.basis, Basis::Clock);
    /// ```
    pub fn new(kind: &'static str, due: DateTime<Utc>, basis: Basis) -> Self {
        Self { kind, due, basis }
    }
}

/// The earliest of some deadlines; among equal instants, the first listed.
///
/// ```
/// use quytrinh::kernel::{earliest, Basis, Deadline};
/// let a = Deadline::new("a", "2026-01-02T00:00:00Z".parse().unwrap(), Basis::Clock);
/// let b = Deadline::new("b", "2026-01-01T00:00:00Z".parse().unwrap(), Basis::Clock);
/// assert_eq!(earliest(vec![a, b.clone()]), Some(b));
/// ```
pub fn earliest(deadlines: impl IntoIterator<Item = Deadline>) -> Option<Deadline> {
    deadlines.into_iter().fold(None, |best, d| match best {
        Some(b) if b.due <= d.due => Some(b),
        _ => Some(d),
    })
}
