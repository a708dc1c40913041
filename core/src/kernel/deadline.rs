//! Deadlines: explicit in state, with absolute due instants and, where an instance holds
//! many entities, the target they belong to.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt::Debug;

/// How a deadline's duration is counted.
///
/// ```
/// use quytrinh::kernel::Basis;
/// assert_eq!(serde_json::to_string(&Basis::Business).unwrap(), "\"business\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Basis {
    /// Elapsed time.
    Clock,
    /// Counted on the business calendar (working days, holidays excluded).
    Business,
}

/// The deadline kinds of one workflow, as an enum: typed inside the workflow, snake_case
/// names outside (JSON, bindings, diagrams).
///
/// Declared once: every fieldless enum that derives strum's `IntoStaticStr` and
/// `VariantArray` with `#[strum(serialize_all = "snake_case")]` is one.
///
/// ```
/// use quytrinh::kernel::DeadlineKind;
/// #[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
/// #[strum(serialize_all = "snake_case")]
/// enum Kind { ReviewDue, Expiry }
/// assert_eq!(Kind::ReviewDue.name(), "review_due");
/// assert_eq!(Kind::ALL, [Kind::ReviewDue, Kind::Expiry]);
/// assert_eq!(Kind::from_name("expiry"), Some(Kind::Expiry));
/// assert_eq!(Kind::from_name("nope"), None);
/// ```
pub trait DeadlineKind: Copy + Debug + Eq + Send + Sync + 'static {
    /// Every kind, in the order of the workflow's definition.
    const ALL: &'static [Self];
    /// The kind's snake_case name.
    fn name(self) -> &'static str;
    /// The kind of a name, if it is one.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.name() == name)
    }
}

impl<T> DeadlineKind for T
where
    T: strum::VariantArray + Copy + Debug + Eq + Send + Sync + 'static,
    &'static str: From<T>,
{
    const ALL: &'static [Self] = T::VARIANTS;

    fn name(self) -> &'static str {
        self.into()
    }
}

/// A pending deadline as a workflow states it: a typed kind, the entity it belongs to
/// (borrowed from the state, so listing deadlines allocates nothing), its due instant and
/// basis.
///
/// ```
/// use quytrinh::kernel::{Basis, Timer};
/// let due = "2026-11-24T09:00:00+07:00".parse().unwrap();
/// let t = Timer::new("review_due", due, Basis::Business).on("B1");
/// assert_eq!(t.target, Some("B1"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timer<'a, K> {
    /// The kind.
    pub kind: K,
    /// The entity it belongs to (a lead, a batch, an order), if the instance holds many.
    pub target: Option<&'a str>,
    /// When it fires.
    pub due: DateTime<Utc>,
    /// How its duration was counted.
    pub basis: Basis,
}

impl<'a, K> Timer<'a, K> {
    /// A timer of `kind` due at `due`, belonging to the instance as a whole.
    ///
    /// ```
    /// # use quytrinh::kernel::{Basis, Timer};
    /// let t = Timer::new(1u8, "2026-01-01T00:05:00Z".parse().unwrap(), Basis::Clock);
    /// assert_eq!(t.target, None);
    /// ```
    pub fn new(kind: K, due: DateTime<Utc>, basis: Basis) -> Self {
        Self {
            kind,
            target: None,
            due,
            basis,
        }
    }

    /// The same timer, belonging to `target`.
    ///
    /// ```
    /// # use quytrinh::kernel::{Basis, Timer};
    /// let t = Timer::new(1u8, "2026-01-01T00:05:00Z".parse().unwrap(), Basis::Clock).on("L7");
    /// assert_eq!(t.target, Some("L7"));
    /// ```
    #[must_use]
    pub fn on(mut self, target: &'a str) -> Self {
        self.target = Some(target);
        self
    }
}

impl<K: DeadlineKind> Timer<'_, K> {
    /// The deadline as hosts see it.
    ///
    /// ```
    /// use quytrinh::kernel::{Basis, DeadlineKind, Timer};
    /// # #[derive(Clone, Copy, Debug, PartialEq, Eq)] enum Kind { ReviewDue }
    /// # impl DeadlineKind for Kind { const ALL: &'static [Self] = &[Kind::ReviewDue]; fn name(self) -> &'static str { "review_due" } }
    /// let t = Timer::new(Kind::ReviewDue, "2026-01-01T00:05:00Z".parse().unwrap(), Basis::Business).on("B1");
    /// assert_eq!(t.to_deadline().id(), "review_due:B1");
    /// ```
    pub fn to_deadline(&self) -> Deadline {
        Deadline {
            kind: self.kind.name(),
            target: self.target.map(str::to_owned),
            due: self.due,
            basis: self.basis,
        }
    }
}

/// A pending deadline as hosts see it: its kind, the entity it belongs to, when it is due
/// and how its duration was counted. Due instants are absolute: a snapshot never stores
/// "remaining" time. [`id`](Self::id) (`kind` or `kind:target`) is stable while it is
/// pending, so a host can replace or cancel its own timer by it.
///
/// ```
/// use quytrinh::kernel::{Basis, Deadline};
/// let due = "2026-11-24T09:00:00+07:00".parse().unwrap();
/// let d = Deadline::new("auto_confirm", due, Basis::Clock);
/// assert_eq!((d.kind, d.id()), ("auto_confirm", "auto_confirm".to_owned()));
/// assert_eq!(serde_json::to_value(&d).unwrap()["due"], "2026-11-24T02:00:00Z");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Deadline {
    /// The kind, in snake_case (declared in the workflow's definition).
    pub kind: &'static str,
    /// The entity it belongs to (a lead, a batch, an order), when the instance holds many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// When it fires.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub due: DateTime<Utc>,
    /// How its duration was counted.
    pub basis: Basis,
}

impl Deadline {
    /// A deadline of `kind` due at `due`, for the instance as a whole.
    ///
    /// ```
    /// # use quytrinh::kernel::{Basis, Deadline};
    /// let d = Deadline::new("otp_expiry", "2026-01-01T00:05:00Z".parse().unwrap(), Basis::Clock);
    /// assert_eq!((d.basis, d.target), (Basis::Clock, None));
    /// ```
    pub fn new(kind: &'static str, due: DateTime<Utc>, basis: Basis) -> Self {
        Self {
            kind,
            target: None,
            due,
            basis,
        }
    }

    /// The deadline's stable id: `kind`, or `kind:target`.
    ///
    /// ```
    /// # use quytrinh::kernel::{Basis, Deadline};
    /// let mut d = Deadline::new("review_due", "2026-01-01T00:05:00Z".parse().unwrap(), Basis::Business);
    /// d.target = Some("B2".into());
    /// assert_eq!(d.id(), "review_due:B2");
    /// ```
    pub fn id(&self) -> String {
        match &self.target {
            Some(target) => format!("{}:{target}", self.kind),
            None => self.kind.to_owned(),
        }
    }
}

/// The earliest of some timers; among equal instants, the first listed.
///
/// ```
/// use quytrinh::kernel::{earliest, Basis, Timer};
/// let a = Timer::new("a", "2026-01-02T00:00:00Z".parse().unwrap(), Basis::Clock);
/// let b = Timer::new("b", "2026-01-01T00:00:00Z".parse().unwrap(), Basis::Clock);
/// assert_eq!(earliest([a, b]), Some(b));
/// ```
pub fn earliest<'a, K>(timers: impl IntoIterator<Item = Timer<'a, K>>) -> Option<Timer<'a, K>> {
    timers.into_iter().fold(None, |best, t| match best {
        Some(b) if b.due <= t.due => Some(b),
        _ => Some(t),
    })
}
