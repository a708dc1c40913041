//! The data of `lead_care`: configuration, init, state, commands, events and effects.

use crate::calendar::BusinessCalendar;
use crate::kernel::TaggedDeserialize;
use crate::kernel::{EffectName, Notification};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The longest free text accepted (notes, reasons), in characters (SPEC §3: 1–2000).
///
/// ```
/// assert_eq!(quytrinh::workflows::lead_care::MAX_TEXT_CHARS, 2000);
/// ```
pub const MAX_TEXT_CHARS: usize = 2000;

/// The longest id accepted (package, consultant, lead, customer), in characters.
///
/// ```
/// assert_eq!(quytrinh::workflows::lead_care::MAX_ID_CHARS, 64);
/// ```
pub const MAX_ID_CHARS: usize = 64;

/// One care status of the catalogue ("Chọn tình trạng khách hàng"), with its labels and
/// whether a lead in it may be claimed for compensation ("thỏa mãn điều kiện bù").
///
/// ```
/// use quytrinh::workflows::lead_care::CareStatus;
/// let s = CareStatus::new("wrong_number", "Sai số điện thoại", "Wrong number", true);
/// assert!(s.compensable);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CareStatus {
    /// The status id (1–64 characters, no spaces), e.g. `contacted`.
    pub id: String,
    /// The label in Vietnamese.
    pub label_vi: String,
    /// The label in English.
    pub label_en: String,
    /// Whether a lead in this status may be claimed for compensation.
    pub compensable: bool,
}

impl CareStatus {
    /// A status from its id, labels and compensable flag.
    ///
    /// ```
    /// use quytrinh::workflows::lead_care::CareStatus;
    /// assert_eq!(CareStatus::new("new", "Mới", "New", false).id, "new");
    /// ```
    pub fn new(id: &str, label_vi: &str, label_en: &str, compensable: bool) -> Self {
        Self {
            id: id.to_owned(),
            label_vi: label_vi.to_owned(),
            label_en: label_en.to_owned(),
            compensable,
        }
    }
}

/// The default catalogue **\[decision\]**: `new`, `contacted`, `interested`, `appointment`,
/// `converted`, `not_interested`, and the compensable `unreachable`, `wrong_number`,
/// `duplicate`, `fake_info`.
///
/// ```
/// use quytrinh::workflows::lead_care::default_statuses;
/// let c = default_statuses();
/// assert_eq!(c.len(), 10);
/// assert_eq!(c.iter().filter(|s| s.compensable).count(), 4);
/// ```
pub fn default_statuses() -> Vec<CareStatus> {
    [
        ("new", "Mới nhận", "New", false),
        ("contacted", "Đã liên hệ", "Contacted", false),
        ("interested", "Quan tâm", "Interested", false),
        ("appointment", "Đã hẹn gặp", "Appointment", false),
        ("converted", "Đã chốt hợp đồng", "Converted", false),
        (
            "not_interested",
            "Không có nhu cầu",
            "Not interested",
            false,
        ),
        ("unreachable", "Không liên lạc được", "Unreachable", true),
        ("wrong_number", "Sai số điện thoại", "Wrong number", true),
        ("duplicate", "Trùng khách hàng", "Duplicate", true),
        ("fake_info", "Thông tin ảo", "Fake information", true),
    ]
    .into_iter()
    .map(|(id, vi, en, c)| CareStatus::new(id, vi, en, c))
    .collect()
}

/// Tunable values of `lead_care`, with the defaults of SPEC §3 (**\[decision\]** values:
/// the catalogue, the 7-day claim window, the 3 working days of review).
///
/// JSON, every field optional, unknown fields refused.
///
/// ```
/// use quytrinh::workflows::lead_care::LeadCareConfig;
/// let c = LeadCareConfig::default();
/// assert_eq!((c.claim_window_days, c.review_working_days), (7, 3));
/// assert_eq!((c.initial_status.as_str(), c.max_leads), ("new", 10_000));
/// let custom: LeadCareConfig = serde_json::from_str(r#"{"claim_window_days": 3}"#).unwrap();
/// assert_eq!(custom.claim_window_days, 3);
/// assert!(serde_json::from_str::<LeadCareConfig>(r#"{"window": 1}"#).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LeadCareConfig {
    /// The care-status catalogue (non-empty, unique ids).
    pub statuses: Vec<CareStatus>,
    /// The status of a lead when it is delivered (default `new`; in the catalogue).
    pub initial_status: String,
    /// Days (clock, 24 h each) after delivery during which a lead may be claimed
    /// (default 7 **\[decision\]**); the window's end instant itself is still in.
    pub claim_window_days: u32,
    /// Working days the reviewers have for a batch (default 3 **\[decision\]**), counted on
    /// `calendar`.
    pub review_working_days: u32,
    /// The business calendar the review is counted on (default: Vietnam's; left out of
    /// JSON while it is the default).
    #[serde(skip_serializing_if = "BusinessCalendar::is_default")]
    pub calendar: BusinessCalendar,
    /// The reviewers' queue that batch notifications go to (default `lead_care_review`).
    pub review_queue: String,
    /// The most leads one package holds, delivered at creation and later together (default
    /// 10,000 **\[decision\]**, 1 to [`MAX_LEADS`]): a delivery beyond it is
    /// `limit_reached` on `max_leads`.
    pub max_leads: u32,
}

/// The largest [`LeadCareConfig::max_leads`] a configuration may set.
///
/// ```
/// assert_eq!(quytrinh::workflows::lead_care::MAX_LEADS, 100_000);
/// ```
pub const MAX_LEADS: u32 = 100_000;

/// The most entries a lead's contact history holds: a status update beyond it is
/// `limit_reached` on `contact_history` **\[decision\]** (the event log keeps every
/// update; a lead updated a thousand times is an error of the host).
///
/// ```
/// assert_eq!(quytrinh::workflows::lead_care::MAX_CONTACT_ENTRIES, 1_000);
/// ```
pub const MAX_CONTACT_ENTRIES: u32 = 1_000;

impl Default for LeadCareConfig {
    fn default() -> Self {
        Self {
            statuses: default_statuses(),
            initial_status: "new".to_owned(),
            claim_window_days: 7,
            review_working_days: 3,
            calendar: BusinessCalendar::default(),
            review_queue: "lead_care_review".to_owned(),
            max_leads: 10_000,
        }
    }
}

impl LeadCareConfig {
    /// Checks the values; the message names the field at fault.
    ///
    /// ```
    /// use quytrinh::workflows::lead_care::{CareStatus, LeadCareConfig};
    /// assert!(LeadCareConfig::default().validate().is_ok());
    /// let mut bad = LeadCareConfig::default();
    /// bad.statuses.push(CareStatus::new("new", "Mới", "New", false));
    /// assert!(bad.validate().unwrap_err().contains("statuses"));
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        if self.statuses.is_empty() {
            return Err("statuses must not be empty".to_owned());
        }
        for (i, s) in self.statuses.iter().enumerate() {
            if !valid_id(&s.id) {
                return Err(format!(
                    "statuses[{i}].id must have 1 to {MAX_ID_CHARS} characters and no spaces"
                ));
            }
            if s.label_vi.trim().is_empty() || s.label_en.trim().is_empty() {
                return Err(format!("statuses[{i}] needs both labels"));
            }
            if self.statuses[..i].iter().any(|o| o.id == s.id) {
                return Err(format!("statuses: `{}` is listed twice", s.id));
            }
        }
        if self.status(&self.initial_status).is_none() {
            return Err("initial_status must be a status of the catalogue".to_owned());
        }
        if !(1..=366).contains(&self.claim_window_days) {
            return Err("claim_window_days must be 1 to 366".to_owned());
        }
        if !(1..=366).contains(&self.review_working_days) {
            return Err("review_working_days must be 1 to 366".to_owned());
        }
        if self.review_queue.trim().is_empty() {
            return Err("review_queue must not be empty".to_owned());
        }
        if !(1..=MAX_LEADS).contains(&self.max_leads) {
            return Err(format!("max_leads must be 1 to {MAX_LEADS}"));
        }
        Ok(())
    }

    /// The catalogue entry of status `id`.
    ///
    /// ```
    /// use quytrinh::workflows::lead_care::LeadCareConfig;
    /// let c = LeadCareConfig::default();
    /// assert!(c.status("duplicate").unwrap().compensable);
    /// assert!(c.status("vip").is_none());
    /// ```
    pub fn status(&self, id: &str) -> Option<&CareStatus> {
        self.statuses.iter().find(|s| s.id == id)
    }
}

/// Whether `id` is a valid id: 1–64 characters, no whitespace.
pub(super) fn valid_id(id: &str) -> bool {
    crate::kernel::valid_id(id, MAX_ID_CHARS)
}

/// A lead delivered when the package is created.
///
/// ```
/// use quytrinh::workflows::lead_care::InitialLead;
/// let l: InitialLead = serde_json::from_str(
///     r#"{"lead_id":"L1","customer_id":"KH-1","delivered_at":"2026-04-20T09:00:00+07:00"}"#).unwrap();
/// assert_eq!(l.customer_id, "KH-1");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InitialLead {
    /// The lead's id, unique in the package (the host's lead id).
    pub lead_id: String,
    /// The customer the lead is about.
    pub customer_id: String,
    /// When it was delivered (not before the purchase).
    #[serde(with = "crate::kernel::Rfc3339")]
    pub delivered_at: DateTime<Utc>,
}

/// The data a package starts from: who bought it, when, and the leads delivered with it.
///
/// ```
/// use quytrinh::workflows::lead_care::LeadCareInit;
/// let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
///     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[]}"#).unwrap();
/// assert!(init.leads.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LeadCareInit {
    /// The package ("gói tài khoản").
    pub package_id: String,
    /// The consultant (partner) who bought it.
    pub consultant_id: String,
    /// When it was bought.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub purchased_at: DateTime<Utc>,
    /// The leads delivered at creation.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub leads: Vec<InitialLead>,
}

/// One entry of a lead's contact history ("Lịch sử tiếp xúc").
///
/// ```
/// use quytrinh::workflows::lead_care::ContactEntry;
/// let e: ContactEntry = serde_json::from_str(r#"{"at":"2026-04-21T02:00:00Z","status":"contacted",
///     "note":"Đã gọi","actor_id":"TV-1"}"#).unwrap();
/// assert_eq!(e.status, "contacted");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContactEntry {
    /// When the status was updated.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
    /// The new status.
    pub status: String,
    /// The note ("ghi chú cho tình trạng").
    pub note: String,
    /// Who updated it.
    pub actor_id: String,
}

/// A lead of the package.
///
/// ```
/// use quytrinh::workflows::lead_care::Lead;
/// let l: Lead = serde_json::from_str(r#"{"lead_id":"L1","customer_id":"KH-1",
///     "delivered_at":"2026-04-21T02:00:00Z","status":"new","replaces":null,"contact_history":[]}"#).unwrap();
/// assert_eq!(l.status, "new");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Lead {
    /// The lead's id.
    pub lead_id: String,
    /// The customer.
    pub customer_id: String,
    /// When it was delivered: the claim window counts from here.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub delivered_at: DateTime<Utc>,
    /// The current care status.
    pub status: String,
    /// The lead this one compensates (a replacement lead), if any.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub replaces: Option<String>,
    /// The contact history, oldest first.
    pub contact_history: Vec<ContactEntry>,
}

/// Where a compensation request stands (region `compensation`).
///
/// ```
/// use quytrinh::workflows::lead_care::CompensationStatus;
/// assert_eq!(CompensationStatus::InReview.id(), "in_review");
/// assert!(CompensationStatus::Approved.blocks_new_request());
/// assert!(!CompensationStatus::Rejected.blocks_new_request());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum CompensationStatus {
    /// In the package's list, not yet sent ("Danh sách yêu cầu bù").
    Draft,
    /// Sent in a batch, awaiting the reviewers ("Gửi xét duyệt").
    InReview,
    /// Approved: a replacement lead is allocated.
    Approved,
    /// Rejected by the reviewers.
    Rejected,
    /// Withdrawn by the consultant while a draft; kept as history.
    Withdrawn,
}

impl CompensationStatus {
    /// The state id, as in the definition.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InReview => "in_review",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Whether a request in this state prevents another for the same lead (open or
    /// approved: one per lead).
    pub const fn blocks_new_request(self) -> bool {
        matches!(self, Self::Draft | Self::InReview | Self::Approved)
    }

    /// Whether a request in this state freezes its lead's status (in review or approved).
    pub const fn freezes_lead(self) -> bool {
        matches!(self, Self::InReview | Self::Approved)
    }
}

/// The reviewer's decision on a request.
///
/// ```
/// use quytrinh::workflows::lead_care::Review;
/// let r: Review = serde_json::from_str(r#"{"approved":true,"note":null,"reviewer_id":"NV-1",
///     "at":"2026-04-24T02:00:00Z"}"#).unwrap();
/// assert!(r.approved);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Review {
    /// Approved or rejected.
    pub approved: bool,
    /// The reviewer's note.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
    /// The reviewer.
    pub reviewer_id: String,
    /// When.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
}

/// A compensation request ("yêu cầu bù") for one lead.
///
/// ```
/// use quytrinh::workflows::lead_care::{CompensationRequest, CompensationStatus};
/// let r: CompensationRequest = serde_json::from_str(r#"{"request_no":1,"lead_id":"L1",
///     "customer_id":"KH-1","status":"wrong_number","reason":"Số không tồn tại",
///     "requested_at":"2026-04-21T02:00:00Z","state":"draft","batch_id":null,
///     "withdrawn_at":null,"review":null,"replaced_by":null}"#).unwrap();
/// assert_eq!(r.state, CompensationStatus::Draft);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CompensationRequest {
    /// The request's number in the package: 1, 2, … in creation order (never reused).
    pub request_no: u32,
    /// The lead claimed.
    pub lead_id: String,
    /// The lead's customer.
    pub customer_id: String,
    /// The lead's care status when the request was made.
    pub status: String,
    /// Why ("Lý do bù").
    pub reason: String,
    /// When the request was made.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub requested_at: DateTime<Utc>,
    /// Where it stands.
    pub state: CompensationStatus,
    /// The batch it was sent in.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub batch_id: Option<String>,
    /// When it was withdrawn.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// The reviewer's decision.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub review: Option<Review>,
    /// The replacement lead delivered for it (approved requests).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub replaced_by: Option<String>,
}

/// Where a batch stands.
///
/// ```
/// use quytrinh::workflows::lead_care::BatchStatus;
/// assert_eq!(BatchStatus::Overdue.id(), "overdue");
/// assert!(BatchStatus::Overdue.is_open());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum BatchStatus {
    /// Submitted, the reviewers deciding.
    InReview,
    /// `review_due` passed with requests undecided: the reviewers were reminded once.
    Overdue,
    /// Every request decided; the consultant was notified; closed.
    Decided,
}

impl BatchStatus {
    /// The state id, as in the definition (region `batch`).
    pub const fn id(self) -> &'static str {
        match self {
            Self::InReview => "in_review",
            Self::Overdue => "overdue",
            Self::Decided => "decided",
        }
    }

    /// Whether the batch is still being reviewed.
    pub const fn is_open(self) -> bool {
        matches!(self, Self::InReview | Self::Overdue)
    }
}

/// A batch of requests sent for review ("Gửi xét duyệt").
///
/// ```
/// use quytrinh::workflows::lead_care::{Batch, BatchStatus};
/// let b: Batch = serde_json::from_str(r#"{"batch_id":"B1","submitted_at":"2026-04-23T03:00:00Z",
///     "review_due":"2026-04-29T03:00:00Z","request_nos":[1,2],"status":"in_review","closed_at":null}"#).unwrap();
/// assert_eq!(b.status, BatchStatus::InReview);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Batch {
    /// `B1`, `B2`, … in submission order.
    pub batch_id: String,
    /// When it was submitted.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub submitted_at: DateTime<Utc>,
    /// When the review is due (business basis).
    #[serde(with = "crate::kernel::Rfc3339")]
    pub review_due: DateTime<Utc>,
    /// The requests sent, by number.
    pub request_nos: Vec<u32>,
    /// Where it stands.
    pub status: BatchStatus,
    /// When the last request was decided.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub closed_at: Option<DateTime<Utc>>,
}

/// Everything one lead package knows.
///
/// ```
/// use quytrinh::kernel::{Instance, Settings};
/// use quytrinh::workflows::lead_care::{LeadCare, LeadCareInit};
/// let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
///     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[{"lead_id":"L1","customer_id":"KH-1",
///     "delivered_at":"2026-04-20T09:00:00+07:00"}]}"#).unwrap();
/// let p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
/// assert_eq!(p.state().leads[0].status, "new");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LeadCareState {
    /// The package.
    pub package_id: String,
    /// The consultant who owns it.
    pub consultant_id: String,
    /// When it was bought.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub purchased_at: DateTime<Utc>,
    /// The leads, in delivery order (a JSON array; looked up by id in constant time).
    #[cfg_attr(feature = "wasm", tsify(type = "Lead[]"))]
    pub leads: Leads,
    /// Every compensation request, withdrawn ones included, by number.
    pub requests: Vec<CompensationRequest>,
    /// Every batch, in submission order.
    pub batches: Vec<Batch>,
}

impl LeadCareState {
    /// The lead `lead_id`.
    ///
    /// ```
    /// # use quytrinh::kernel::{Instance, Settings};
    /// # use quytrinh::workflows::lead_care::{LeadCare, LeadCareInit};
    /// # let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
    /// #     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[{"lead_id":"L1","customer_id":"KH-1",
    /// #     "delivered_at":"2026-04-20T09:00:00+07:00"}]}"#).unwrap();
    /// # let p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
    /// assert_eq!(p.state().lead("L1").unwrap().customer_id, "KH-1");
    /// assert!(p.state().lead("L9").is_none());
    /// ```
    pub fn lead(&self, lead_id: &str) -> Option<&Lead> {
        self.leads.by_id(lead_id)
    }

    /// The lead's request that is open (draft, in review) or approved, if any: at most one.
    ///
    /// ```
    /// # use quytrinh::kernel::{Instance, Settings};
    /// # use quytrinh::workflows::lead_care::{LeadCare, LeadCareInit};
    /// # let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
    /// #     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[]}"#).unwrap();
    /// # let p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
    /// assert!(p.state().active_request("L1").is_none());
    /// ```
    pub fn active_request(&self, lead_id: &str) -> Option<&CompensationRequest> {
        self.requests
            .iter()
            .find(|r| r.lead_id == lead_id && r.state.blocks_new_request())
    }

    /// The batch being reviewed, if any (at most one).
    ///
    /// ```
    /// # use quytrinh::kernel::{Instance, Settings};
    /// # use quytrinh::workflows::lead_care::{LeadCare, LeadCareInit};
    /// # let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
    /// #     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[]}"#).unwrap();
    /// # let p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
    /// assert!(p.state().open_batch().is_none());
    /// ```
    pub fn open_batch(&self) -> Option<&Batch> {
        self.batches.iter().find(|b| b.status.is_open())
    }
}

/// The leads of a package in delivery order, with an index by id, so that finding a lead
/// does not grow with the package. Reads as a slice of [`Lead`]; in JSON, an array.
///
/// ```
/// use quytrinh::workflows::lead_care::{Lead, Leads};
/// let json = r#"[{"lead_id":"L1","customer_id":"KH-1","delivered_at":"2026-04-20T02:00:00Z",
///     "status":"new","replaces":null,"contact_history":[]}]"#;
/// let leads: Leads = serde_json::from_str(json).unwrap();
/// assert_eq!((leads.len(), leads.by_id("L1").map(|l| l.customer_id.as_str())), (1, Some("KH-1")));
/// assert!(leads.by_id("L2").is_none());
/// assert_eq!(serde_json::to_value(&leads).unwrap(), serde_json::from_str::<serde_json::Value>(json).unwrap());
/// let twice = format!("[{0},{0}]", &json[1..json.len() - 1]);
/// assert!(serde_json::from_str::<Leads>(&twice).unwrap_err().to_string().contains("twice"));
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<Lead>", into = "Vec<Lead>")]
pub struct Leads {
    list: Vec<Lead>,
    index: HashMap<String, usize>,
}

impl Leads {
    /// The lead `lead_id`.
    ///
    /// ```
    /// # use quytrinh::workflows::lead_care::Leads;
    /// assert!(Leads::default().by_id("L1").is_none());
    /// ```
    pub fn by_id(&self, lead_id: &str) -> Option<&Lead> {
        self.index.get(lead_id).map(|&i| &self.list[i])
    }

    /// The lead `lead_id`, to change (its id is not to be changed).
    pub(super) fn by_id_mut(&mut self, lead_id: &str) -> Option<&mut Lead> {
        self.index.get(lead_id).map(|&i| &mut self.list[i])
    }

    /// Adds a lead at the end (a lead with an id already there is not added).
    pub(super) fn push(&mut self, lead: Lead) {
        if !self.index.contains_key(&lead.lead_id) {
            self.index.insert(lead.lead_id.clone(), self.list.len());
            self.list.push(lead);
        }
    }
}

impl std::ops::Deref for Leads {
    type Target = [Lead];
    fn deref(&self) -> &[Lead] {
        &self.list
    }
}

impl PartialEq for Leads {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

impl Eq for Leads {}

impl TryFrom<Vec<Lead>> for Leads {
    type Error = String;

    /// The leads, refusing two with the same id (a crafted or corrupt document).
    fn try_from(list: Vec<Lead>) -> Result<Self, String> {
        let mut leads = Self::default();
        for lead in list {
            if leads.index.contains_key(&lead.lead_id) {
                return Err(format!("lead `{}` appears twice", lead.lead_id));
            }
            leads.push(lead);
        }
        Ok(leads)
    }
}

impl<'a> IntoIterator for &'a Leads {
    type Item = &'a Lead;
    type IntoIter = std::slice::Iter<'a, Lead>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl From<Leads> for Vec<Lead> {
    fn from(leads: Leads) -> Self {
        leads.list
    }
}

impl FromIterator<Lead> for Leads {
    /// The leads in order; a lead whose id is already there is left out.
    fn from_iter<I: IntoIterator<Item = Lead>>(iter: I) -> Self {
        let mut leads = Self::default();
        for lead in iter {
            leads.push(lead);
        }
        leads
    }
}

/// A lead the platform delivers later: a new one, or a replacement for an approved
/// request (`replaces` names the compensated lead).
///
/// ```
/// use quytrinh::workflows::lead_care::NewLead;
/// let l: NewLead = serde_json::from_str(r#"{"lead_id":"L9","customer_id":"KH-9","replaces":"L1"}"#).unwrap();
/// assert_eq!(l.replaces.as_deref(), Some("L1"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewLead {
    /// The lead's id, new in the package.
    pub lead_id: String,
    /// The customer.
    pub customer_id: String,
    /// The lead this one compensates: its request must be approved and not yet replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub replaces: Option<String>,
}

/// The commands of `lead_care` (JSON `type` in snake_case). `deliver_leads` is the
/// platform's; `decide` the reviewers'; the rest the owning consultant's.
///
/// ```
/// use quytrinh::workflows::lead_care::LeadCareCommand;
/// let c: LeadCareCommand = serde_json::from_str(
///     r#"{"type":"update_status","lead_id":"L1","status":"contacted","note":"Đã gọi, hẹn tuần sau"}"#).unwrap();
/// assert!(matches!(c, LeadCareCommand::UpdateStatus { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum LeadCareCommand {
    /// The platform delivers leads (new ones, or replacements for approved requests).
    DeliverLeads {
        /// The leads (at least one).
        leads: Vec<NewLead>,
    },
    /// "Cập nhật trạng thái": a new care status with a note; a contact-history entry.
    UpdateStatus {
        /// The lead.
        lead_id: String,
        /// A status of the catalogue.
        status: String,
        /// The note (1–2000 characters).
        note: String,
    },
    /// "Yêu cầu bù ngay": a draft in the package's list of compensation requests.
    RequestCompensation {
        /// The lead.
        lead_id: String,
        /// "Lý do bù" (1–2000 characters).
        reason: String,
    },
    /// Withdraw the lead's draft request.
    WithdrawCompensation {
        /// The lead.
        lead_id: String,
    },
    /// "Gửi xét duyệt": send every draft, as previewed, in one batch.
    SubmitForReview {
        /// The `confirm_token` of [`preview_submission`](super::preview_submission).
        confirm_token: String,
    },
    /// A reviewer approves or rejects the lead's request in review.
    Decide {
        /// The lead.
        lead_id: String,
        /// Approve (a replacement lead is allocated) or reject.
        approve: bool,
        /// The reviewer's note (1–2000 characters when given).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        note: Option<String>,
    },
}

/// The events of `lead_care` (JSON `type` in snake_case).
///
/// ```
/// use quytrinh::workflows::lead_care::LeadCareEvent;
/// let e: LeadCareEvent = serde_json::from_str(r#"{"type":"review_overdue","batch_id":"B1"}"#).unwrap();
/// assert_eq!(e, LeadCareEvent::ReviewOverdue { batch_id: "B1".into() });
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum LeadCareEvent {
    /// Leads were delivered (at the event's instant), in the initial status.
    LeadsDelivered {
        /// The leads.
        leads: Vec<NewLead>,
        /// Their status (the configuration's initial status).
        status: String,
    },
    /// A lead's status was updated; a contact-history entry.
    StatusUpdated {
        /// The lead.
        lead_id: String,
        /// The new status.
        status: String,
        /// The note.
        note: String,
        /// Who.
        actor_id: String,
    },
    /// A draft request was made.
    CompensationRequested {
        /// Its number.
        request_no: u32,
        /// The lead.
        lead_id: String,
        /// The reason.
        reason: String,
    },
    /// A draft was withdrawn.
    CompensationWithdrawn {
        /// Its number.
        request_no: u32,
        /// The lead.
        lead_id: String,
    },
    /// The drafts went for review in a batch.
    BatchSubmitted {
        /// The batch.
        batch_id: String,
        /// The requests sent.
        request_nos: Vec<u32>,
        /// When the review is due.
        #[serde(with = "crate::kernel::Rfc3339")]
        review_due: DateTime<Utc>,
    },
    /// A reviewer decided a request.
    CompensationDecided {
        /// Its number.
        request_no: u32,
        /// The lead.
        lead_id: String,
        /// Approved or rejected.
        approved: bool,
        /// The note.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        note: Option<String>,
        /// The reviewer.
        reviewer_id: String,
    },
    /// Every request of the batch is decided: the batch is closed.
    BatchDecided {
        /// The batch.
        batch_id: String,
        /// How many were approved.
        approved: u32,
        /// How many were rejected.
        rejected: u32,
    },
    /// `review_due` passed with requests undecided: the reviewers were reminded.
    ReviewOverdue {
        /// The batch.
        batch_id: String,
    },
}

impl LeadCareEvent {
    /// The lead the event concerns, when it concerns one.
    ///
    /// ```
    /// use quytrinh::workflows::lead_care::LeadCareEvent;
    /// let e = LeadCareEvent::ReviewOverdue { batch_id: "B1".into() };
    /// assert_eq!(e.lead_id(), None);
    /// ```
    pub fn lead_id(&self) -> Option<&str> {
        match self {
            Self::StatusUpdated { lead_id, .. }
            | Self::CompensationRequested { lead_id, .. }
            | Self::CompensationWithdrawn { lead_id, .. }
            | Self::CompensationDecided { lead_id, .. } => Some(lead_id),
            Self::LeadsDelivered { .. }
            | Self::BatchSubmitted { .. }
            | Self::BatchDecided { .. }
            | Self::ReviewOverdue { .. } => None,
        }
    }
}

/// What the host's lead distribution needs to allocate a replacement lead ("bù"); it
/// delivers it with `deliver_leads`, naming `lead_id` in `replaces`.
///
/// ```
/// use quytrinh::workflows::lead_care::Replacement;
/// let r = Replacement { package_id: "GOI-1".into(), consultant_id: "TV-1".into(),
///     lead_id: "L1".into(), customer_id: "KH-1".into() };
/// assert_eq!(serde_json::to_value(&r).unwrap()["lead_id"], "L1");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Replacement {
    /// The package.
    pub package_id: String,
    /// The consultant.
    pub consultant_id: String,
    /// The lead compensated.
    pub lead_id: String,
    /// Its customer.
    pub customer_id: String,
}

/// The effects of `lead_care` for the host (JSON `kind` in snake_case).
///
/// ```
/// use quytrinh::kernel::{EffectName, TypeName};
/// use quytrinh::workflows::lead_care::{LeadCareEffect, Replacement};
/// let fx = LeadCareEffect::AllocateReplacementLead(Replacement { package_id: "GOI-1".into(),
///     consultant_id: "TV-1".into(), lead_id: "L1".into(), customer_id: "KH-1".into() });
/// assert_eq!((fx.name(), fx.short_name().as_str()), ("allocate_replacement_lead", "allocate_replacement_lead"));
/// assert_eq!(serde_json::to_value(&fx).unwrap()["kind"], "allocate_replacement_lead");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum LeadCareEffect {
    /// Send a notification by template id.
    Notify(#[cfg_attr(feature = "uniffi", uniffi(name = "notification"))] Notification),
    /// Allocate a replacement lead for an approved request.
    AllocateReplacementLead(
        #[cfg_attr(feature = "uniffi", uniffi(name = "replacement"))] Replacement,
    ),
}

impl EffectName for LeadCareEffect {
    fn notification(&self) -> Option<&Notification> {
        match self {
            Self::Notify(n) => Some(n),
            Self::AllocateReplacementLead(_) => None,
        }
    }
}
