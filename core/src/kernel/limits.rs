//! Limits on untrusted input, checked once on the shared decode path (every binding goes
//! through it): the size of a command's JSON, the size of a snapshot or event log, and the
//! nesting depth of any JSON. Each is refused with the rejection `limit_reached`, whose
//! rule names the limit and whose messages give the limit and the value found, before
//! anything is parsed or changed. `docs/limits.md` lists these with the limits of the
//! workflows (entities per instance, free texts).

use super::{Label, Rejection, RejectionCode};

/// A limit on untrusted input.
///
/// ```
/// use quytrinh::kernel::Limit;
/// assert_eq!(Limit::CommandBytes.rule(), "command_bytes");
/// assert_eq!(Limit::CommandBytes.max(), 256 * 1024);
/// assert!(Limit::CommandBytes.check(1_000).is_ok());
/// let r = Limit::DocumentBytes.check(100 << 20).unwrap_err();
/// assert_eq!((r.code.as_str(), r.rule.as_ref()), ("limit_reached", "document_bytes"));
/// assert!(r.message_en.contains("104857600") && r.message_en.contains("67108864"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// The JSON text of one command, in bytes: [`MAX_COMMAND_BYTES`].
    CommandBytes,
    /// The JSON text of a snapshot or an event log, in bytes: [`MAX_DOCUMENT_BYTES`].
    DocumentBytes,
    /// The nesting depth of any JSON text (arrays and objects): [`MAX_JSON_DEPTH`].
    JsonDepth,
}

/// The largest command JSON accepted, in bytes (256 KiB). The largest legitimate command
/// (a batch of leads, free texts of a few thousand characters) is far smaller.
pub const MAX_COMMAND_BYTES: usize = 256 * 1024;

/// The largest snapshot or event log accepted, in bytes (64 MiB). An instance's own
/// snapshot stays far below it (its entities and texts are bounded); an event log grows with
/// the history: hosts compact it ([`Instance::compact`](super::Instance::compact)).
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// The deepest nesting of arrays and objects in any JSON text: 128, the recursion limit of
/// the JSON parser (serde_json), which stops before the stack is at risk. quytrinh's own
/// documents nest less than 10 deep.
pub const MAX_JSON_DEPTH: usize = 128;

impl Limit {
    /// The rule the rejection names.
    ///
    /// ```
    /// # use quytrinh::kernel::Limit;
    /// assert_eq!(Limit::JsonDepth.rule(), "json_depth");
    /// ```
    pub const fn rule(self) -> &'static str {
        match self {
            Limit::CommandBytes => "command_bytes",
            Limit::DocumentBytes => "document_bytes",
            Limit::JsonDepth => "json_depth",
        }
    }

    /// The limit's value.
    ///
    /// ```
    /// # use quytrinh::kernel::{Limit, MAX_JSON_DEPTH};
    /// assert_eq!(Limit::JsonDepth.max(), MAX_JSON_DEPTH);
    /// ```
    pub const fn max(self) -> usize {
        match self {
            Limit::CommandBytes => MAX_COMMAND_BYTES,
            Limit::DocumentBytes => MAX_DOCUMENT_BYTES,
            Limit::JsonDepth => MAX_JSON_DEPTH,
        }
    }

    /// `limit_reached` when `found` is beyond the limit.
    ///
    /// ```
    /// # use quytrinh::kernel::Limit;
    /// assert!(Limit::CommandBytes.check(256 * 1024).is_ok());
    /// assert!(Limit::CommandBytes.check(256 * 1024 + 1).is_err());
    /// ```
    pub fn check(self, found: usize) -> Result<(), Rejection> {
        if found > self.max() {
            Err(self.reached(found))
        } else {
            Ok(())
        }
    }

    /// The rejection `limit_reached` of this limit for the value `found` (for the depth,
    /// the JSON parser stops one level beyond the limit without measuring further).
    ///
    /// ```
    /// # use quytrinh::kernel::{Limit, MAX_JSON_DEPTH};
    /// let r = Limit::JsonDepth.reached(MAX_JSON_DEPTH + 1);
    /// assert_eq!(r.message_en, "The JSON nests more than 128 levels deep (limit json_depth).");
    /// ```
    pub fn reached(self, found: usize) -> Rejection {
        let (rule, max) = (self.rule(), self.max());
        let (vi, en) = match self {
            Limit::JsonDepth => (
                format!("JSON lồng nhau quá {max} cấp (giới hạn {rule})."),
                format!("The JSON nests more than {max} levels deep (limit {rule})."),
            ),
            Limit::CommandBytes | Limit::DocumentBytes => (
                format!("Dữ liệu dài {found} byte, vượt giới hạn {rule} = {max} byte."),
                format!("The input has {found} bytes, beyond the limit {rule} = {max} bytes."),
            ),
        };
        Rejection::new(RejectionCode::LimitReached, rule, vi, en)
    }
}

/// A cap on the number of entities one instance holds (leads of a package, orders of a
/// store, entries of a history), checked by the rule that would add more: beyond it the
/// command is `limit_reached` on `rule`, and nothing changes. `what` names the entities in
/// both languages, plural.
///
/// ```
/// use quytrinh::kernel::{Capacity, Label};
/// const ORDERS: Capacity = Capacity::new("orders", Label::new("đơn hàng", "orders"));
/// assert!(ORDERS.check(99_999, 99_998, 1).is_ok());
/// let r = ORDERS.check(99_999, 99_999, 1).unwrap_err();
/// assert_eq!((r.code.as_str(), r.rule.as_ref()), ("limit_reached", "orders"));
/// assert_eq!(r.message_en, "At most 99999 orders (limit orders): 99999 already, 1 more asked.");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capacity {
    rule: &'static str,
    what: Label,
}

impl Capacity {
    /// The cap whose rejection names `rule` and counts `what`.
    ///
    /// ```
    /// # use quytrinh::kernel::{Capacity, Label};
    /// let leads = Capacity::new("max_leads", Label::new("khách hàng", "leads"));
    /// assert_eq!(leads.rule(), "max_leads");
    /// ```
    pub const fn new(rule: &'static str, what: Label) -> Self {
        Self { rule, what }
    }

    /// The rule the rejection names.
    ///
    /// ```
    /// # use quytrinh::kernel::{Capacity, Label};
    /// assert_eq!(Capacity::new("orders", Label::new("đơn hàng", "orders")).rule(), "orders");
    /// ```
    pub const fn rule(self) -> &'static str {
        self.rule
    }

    /// `limit_reached` when `held` entities plus `adding` more exceed `max` (a cap is a
    /// configuration value or a constant, hence `u32`; the counts are lengths).
    ///
    /// ```
    /// # use quytrinh::kernel::{Capacity, Label};
    /// let notes = Capacity::new("notes", Label::new("ghi chú", "notes"));
    /// assert!(notes.check(3, 0, 3).is_ok());
    /// assert!(notes.check(3, 1, 3).is_err());
    /// assert!(notes.check(3, usize::MAX, 1).is_err());
    /// ```
    pub fn check(self, max: u32, held: usize, adding: usize) -> Result<(), Rejection> {
        let limit = usize::try_from(max).unwrap_or(usize::MAX);
        if held.checked_add(adding).is_some_and(|n| n <= limit) {
            return Ok(());
        }
        let (rule, what) = (self.rule, self.what);
        Err(Rejection::new(
            RejectionCode::LimitReached,
            rule,
            format!(
                "Tối đa {max} {} (giới hạn {rule}): đã có {held}, thêm {adding}.",
                what.vi
            ),
            format!(
                "At most {max} {} (limit {rule}): {held} already, {adding} more asked.",
                what.en
            ),
        ))
    }
}
