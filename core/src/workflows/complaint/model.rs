//! The data of `complaint`: channels, statuses, parties at fault, documents, and the state.

use crate::kernel::{Label, Vnd};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How the complaint came in ("Hình thức tiếp nhận").
///
/// ```
/// use quytrinh::workflows::complaint::ComplaintChannel;
/// assert_eq!(serde_json::to_string(&ComplaintChannel::WalkIn).unwrap(), "\"walk_in\"");
/// assert!(ComplaintChannel::Phone.allows_fast_path());
/// assert!(!ComplaintChannel::Email.allows_fast_path());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ComplaintChannel {
    /// Qua điện thoại (hotline).
    Phone,
    /// Qua email.
    Email,
    /// Khách hàng đến trực tiếp.
    WalkIn,
}

impl ComplaintChannel {
    /// Every channel, in the seed's order.
    pub const ALL: [ComplaintChannel; 3] = [Self::Phone, Self::Email, Self::WalkIn];

    /// The snake_case id.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Email => "email",
            Self::WalkIn => "walk_in",
        }
    }

    /// The label.
    pub const fn label(self) -> Label {
        match self {
            Self::Phone => Label::new("Điện thoại", "Phone"),
            Self::Email => Label::new("Email", "E-mail"),
            Self::WalkIn => Label::new("Trực tiếp", "Walk-in"),
        }
    }

    /// Whether a complaint from this channel may be answered at once: the seed allows it
    /// for complaints made in person or by phone ("trực tiếp hoặc qua điện thoại").
    pub const fn allows_fast_path(self) -> bool {
        matches!(self, Self::Phone | Self::WalkIn)
    }
}

/// Where the case stands (region `case`).
///
/// ```
/// use quytrinh::workflows::complaint::CaseStatus;
/// assert_eq!(CaseStatus::AgentLocked.id(), "agent_locked");
/// assert!(CaseStatus::Closed.is_resolved());
/// assert!(!CaseStatus::FollowUp.is_resolved());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum CaseStatus {
    /// Tiếp nhận: received and forwarded to Phòng Nghiệp vụ.
    Received,
    /// Đang phân tích.
    Analyzing,
    /// Chờ khách hàng bổ sung giấy tờ.
    AwaitingDocuments,
    /// The cause and the party at fault are known; the response is being prepared.
    Investigating,
    /// Đã trả lời: the agent has 48 h to act.
    Answered,
    /// Ops confirms the result with the agent and the customer.
    FollowUp,
    /// No agreement: the agent must deposit 2 × damages within 72 h.
    DepositRequired,
    /// The deposit was not made: all the agent's token admin accounts are locked.
    AgentLocked,
    /// No agreement and no damages, so no deposit applies: proposed to management
    /// (`head_of_ops`), who settles the case or returns it to the officer.
    Escalated,
    /// Đã giải quyết.
    Resolved,
    /// Đã đóng: summarized, archived.
    Closed,
}

impl CaseStatus {
    /// The state id, as in the definition.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Analyzing => "analyzing",
            Self::AwaitingDocuments => "awaiting_documents",
            Self::Investigating => "investigating",
            Self::Answered => "answered",
            Self::FollowUp => "follow_up",
            Self::DepositRequired => "deposit_required",
            Self::AgentLocked => "agent_locked",
            Self::Escalated => "escalated",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }

    /// Whether the case is resolved (resolved or closed).
    pub const fn is_resolved(self) -> bool {
        matches!(self, Self::Resolved | Self::Closed)
    }
}

/// The resolution SLA's clock (region `sla`).
///
/// ```
/// use quytrinh::workflows::complaint::SlaStatus;
/// assert_eq!(SlaStatus::Breached.id(), "breached");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SlaStatus {
    /// Counting, before the warning.
    Running,
    /// Past the warning (75 %), not yet breached.
    Warned,
    /// Resolved within the SLA.
    Met,
    /// Not resolved within the SLA: flagged and escalated.
    Breached,
}

impl SlaStatus {
    /// The state id, as in the definition.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Warned => "warned",
            Self::Met => "met",
            Self::Breached => "breached",
        }
    }
}

/// The party at fault ("lỗi do bên nào").
///
/// ```
/// use quytrinh::workflows::complaint::AtFault;
/// assert_eq!(serde_json::from_str::<AtFault>("\"supplier\"").unwrap(), AtFault::Supplier);
/// assert_eq!(AtFault::Agent.label().vi, "Đại lý");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AtFault {
    /// Khách hàng.
    Customer,
    /// Nhà cung cấp (NCC, the supplier).
    Supplier,
    /// Đại lý (the level-1 agent).
    Agent,
    /// No party at fault.
    None,
}

impl AtFault {
    /// Every party, in report order.
    pub const ALL: [AtFault; 4] = [Self::Customer, Self::Supplier, Self::Agent, Self::None];

    /// The snake_case id.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Supplier => "supplier",
            Self::Agent => "agent",
            Self::None => "none",
        }
    }

    /// The label.
    pub const fn label(self) -> Label {
        match self {
            Self::Customer => Label::new("Khách hàng", "Customer"),
            Self::Supplier => Label::new("Nhà cung cấp", "Supplier"),
            Self::Agent => Label::new("Đại lý", "Agent"),
            Self::None => Label::new("Không bên nào", "No one"),
        }
    }
}

/// A document the customer may be asked for ("giấy tờ mua bán").
///
/// ```
/// use quytrinh::workflows::complaint::DocumentKind;
/// assert_eq!(DocumentKind::ALL.len(), 5);
/// assert_eq!(DocumentKind::TokenPhotos.label().vi, "Hình ảnh token 2 mặt");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DocumentKind {
    /// Hóa đơn.
    Invoice,
    /// Hợp đồng.
    Contract,
    /// Photos of both sides of the token.
    TokenPhotos,
    /// The customer's contact details.
    ContactDetails,
    /// The customer's statement of the complaint ("nội dung trình bày khiếu nại").
    Statement,
}

impl DocumentKind {
    /// Every kind, in the seed's order.
    pub const ALL: [DocumentKind; 5] = [
        Self::Invoice,
        Self::Contract,
        Self::TokenPhotos,
        Self::ContactDetails,
        Self::Statement,
    ];

    /// The snake_case id.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::Contract => "contract",
            Self::TokenPhotos => "token_photos",
            Self::ContactDetails => "contact_details",
            Self::Statement => "statement",
        }
    }

    /// The label.
    pub const fn label(self) -> Label {
        match self {
            Self::Invoice => Label::new("Hóa đơn", "Invoice"),
            Self::Contract => Label::new("Hợp đồng", "Contract"),
            Self::TokenPhotos => Label::new("Hình ảnh token 2 mặt", "Photos of both token sides"),
            Self::ContactDetails => Label::new("Thông tin liên hệ", "Contact details"),
            Self::Statement => Label::new("Nội dung trình bày khiếu nại", "Statement"),
        }
    }
}

/// How to reach the customer: at least a phone number or an e-mail address.
///
/// ```
/// use quytrinh::workflows::complaint::Contact;
/// let c: Contact = serde_json::from_str(r#"{"name": "Nguyễn Văn A", "phone": "0901234567"}"#).unwrap();
/// assert_eq!(c.email, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Contact {
    /// The customer's name, if given.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Phone number.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub email: Option<String>,
}

/// What the receiving point recorded.
///
/// ```
/// use quytrinh::workflows::complaint::{ComplaintChannel, Intake};
/// let i: Intake = serde_json::from_str(r#"{"channel":"walk_in","customer_id":"KH-1",
///     "contact":{"phone":"0901234567"},"description":"Token vỡ","received_by":"quay-HN",
///     "received_at":"2026-03-02T02:00:00Z"}"#).unwrap();
/// assert_eq!(i.channel, ComplaintChannel::WalkIn);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Intake {
    /// How it came in.
    pub channel: ComplaintChannel,
    /// The customer's id in the host's records.
    pub customer_id: String,
    /// How to reach the customer.
    pub contact: Contact,
    /// What the customer complains about.
    pub description: String,
    /// The receiving point (the `intake` actor's id).
    pub received_by: String,
    /// When it was received: the SLA counts from here.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub received_at: DateTime<Utc>,
}

/// The resolution SLA, with absolute due instants computed at receipt on the calendar.
///
/// ```
/// use quytrinh::workflows::complaint::{Sla, SlaStatus};
/// let sla: Sla = serde_json::from_str(r#"{"status":"warned",
///     "warning_at":"2026-03-04T08:00:00Z","due":"2026-03-05T02:00:00Z"}"#).unwrap();
/// assert_eq!(sla.status, SlaStatus::Warned);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Sla {
    /// Where the clock stands; the deadlines are pending while `running` / `warned`.
    pub status: SlaStatus,
    /// The warning instant (75 % of the working hours, business basis).
    #[serde(with = "crate::kernel::Rfc3339")]
    pub warning_at: DateTime<Utc>,
    /// The SLA's end (72 working hours, business basis).
    #[serde(with = "crate::kernel::Rfc3339")]
    pub due: DateTime<Utc>,
}

/// The documents asked for and received.
///
/// ```
/// use quytrinh::workflows::complaint::Documents;
/// assert_eq!(Documents::default().requests, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Documents {
    /// How many requests were sent.
    pub requests: u32,
    /// Every kind asked for, sorted.
    pub requested: Vec<DocumentKind>,
    /// Every kind received, sorted.
    pub received: Vec<DocumentKind>,
}

/// The finding: cause, party at fault, damages.
///
/// ```
/// use quytrinh::kernel::Vnd;
/// use quytrinh::workflows::complaint::Finding;
/// let f: Finding = serde_json::from_str(r#"{"root_cause":"Đại lý cấp sai gói","at_fault":"agent",
///     "damages_vnd":700000,"recorded_at":"2026-03-02T02:00:00Z"}"#).unwrap();
/// assert_eq!(f.damages_vnd, Vnd::new(700_000));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Finding {
    /// Why the complaint arose ("nguyên nhân phát sinh").
    pub root_cause: String,
    /// Who is at fault.
    pub at_fault: AtFault,
    /// Damages in đồng, from the customer's evidence.
    pub damages_vnd: Vnd,
    /// When it was recorded.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub recorded_at: DateTime<Utc>,
}

/// The answer to the customer: immediate (fast path) or written.
///
/// ```
/// use quytrinh::workflows::complaint::Response;
/// let r: Response = serde_json::from_str(r#"{"text":"Cài lại driver","immediate":true,
///     "at":"2026-03-02T02:15:00Z","agent_action_due":null}"#).unwrap();
/// assert!(r.immediate);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Response {
    /// The answer.
    pub text: String,
    /// Whether it was the fast path's immediate answer.
    pub immediate: bool,
    /// When it was given.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
    /// When the agent's 48 h end (written responses only); pending while `answered`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub agent_action_due: Option<DateTime<Utc>>,
}

/// The result of the follow-up with the agent and the customer.
///
/// ```
/// use quytrinh::workflows::complaint::Agreement;
/// let a: Agreement = serde_json::from_str(r#"{"agreed":false,"note":null,"at":"2026-03-04T04:00:00Z"}"#).unwrap();
/// assert!(!a.agreed);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Agreement {
    /// Whether agent and customer agreed ("thống nhất được phương án xử lý").
    pub agreed: bool,
    /// What ops noted.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
    /// When it was confirmed.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
}

/// The deposit demanded of the agent when there is no agreement.
///
/// ```
/// use quytrinh::kernel::Vnd;
/// use quytrinh::workflows::complaint::Deposit;
/// let d: Deposit = serde_json::from_str(r#"{"required_vnd":1400000,"demanded_at":"2026-03-04T04:00:00Z",
///     "due":"2026-03-07T04:00:00Z","received_vnd":null,"received_at":null,"reference":null}"#).unwrap();
/// assert_eq!(d.required_vnd, Vnd::new(1_400_000));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Deposit {
    /// Deposit multiplier × damages.
    pub required_vnd: Vnd,
    /// When it was demanded.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub demanded_at: DateTime<Utc>,
    /// When the 72 h end; pending while `deposit_required`.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub due: DateTime<Utc>,
    /// What was received.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub received_vnd: Option<Vnd>,
    /// When.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub received_at: Option<DateTime<Utc>>,
    /// The host's payment reference.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reference: Option<String>,
}

/// The hold this complaint put on the agent's token admin accounts.
///
/// ```
/// use quytrinh::workflows::complaint::TokenLock;
/// let l: TokenLock = serde_json::from_str(r#"{"locked_at":"2026-03-07T04:00:00Z","unlocked_at":null}"#).unwrap();
/// assert!(l.unlocked_at.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TokenLock {
    /// When all the agent's token admin accounts were locked.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub locked_at: DateTime<Utc>,
    /// When they were unlocked (the case was resolved).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub unlocked_at: Option<DateTime<Utc>>,
}

/// The closing of the case ("Tổng kết khiếu nại").
///
/// ```
/// use quytrinh::workflows::complaint::Closing;
/// let c: Closing = serde_json::from_str(r#"{"summary":"Đã đổi token","lessons":"Kiểm tra lô hàng",
///     "at":"2026-03-09T02:00:00Z"}"#).unwrap();
/// assert_eq!(c.lessons, "Kiểm tra lô hàng");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Closing {
    /// The summary ("chốt lại vấn đề").
    pub summary: String,
    /// The lessons learnt ("rút kinh nghiệm").
    pub lessons: String,
    /// When it was closed.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
}

/// An unresolved case proposed to management ("Đề xuất cán bộ quản lý phương án chưa được
/// giải quyết"): agent and customer did not agree and no damages were found, so there is no
/// deposit to demand.
///
/// ```
/// use quytrinh::workflows::complaint::Escalation;
/// let e: Escalation = serde_json::from_str(r#"{"at":"2026-03-04T03:00:00Z","note":null,
///     "decided_by":null,"decision":null,"decided_at":null,"returned":false}"#).unwrap();
/// assert!(e.decision.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Escalation {
    /// When the officer escalated it.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
    /// What the officer noted.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
    /// The head of operations who decided, once decided.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub decided_by: Option<String>,
    /// Management's decision (`settle_escalation`) or instructions (`return_to_officer`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub decision: Option<String>,
    /// When management decided.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub decided_at: Option<DateTime<Utc>>,
    /// Whether management returned the case to the officer rather than settling it.
    pub returned: bool,
}

/// One change of the case's status, for the weekly report's "as of" views.
///
/// ```
/// use quytrinh::workflows::complaint::{CaseStatus, StatusChange};
/// let c: StatusChange = serde_json::from_str(r#"{"status":"follow_up","at":"2026-03-04T03:00:00Z"}"#).unwrap();
/// assert_eq!(c.status, CaseStatus::FollowUp);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StatusChange {
    /// The new status.
    pub status: CaseStatus,
    /// When.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
}

/// Everything one complaint knows. Before `receive`, only `complaint_id` is set.
///
/// ```
/// use quytrinh::kernel::{Instance, Settings};
/// use quytrinh::workflows::complaint::{Complaint, ComplaintInit};
/// let c = Instance::<Complaint>::create("KN-1", Default::default(), Settings::default(),
///     ComplaintInit::new("KN-1")).unwrap();
/// assert_eq!(c.state().complaint_id, "KN-1");
/// assert!(c.state().status.is_none() && c.state().history.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ComplaintState {
    /// The complaint's reference.
    pub complaint_id: String,
    /// Where the case stands; `None` before `receive`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<CaseStatus>,
    /// What the receiving point recorded.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub intake: Option<Intake>,
    /// The level-1 agent involved (named at `receive` or `record_finding`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub agent_id: Option<String>,
    /// The complaint officer in charge (chuyên viên): the actor who took the case up.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub officer_id: Option<String>,
    /// The documents asked for and received.
    pub documents: Documents,
    /// The finding.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub finding: Option<Finding>,
    /// The answer to the customer.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub response: Option<Response>,
    /// The follow-up's result.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub agreement: Option<Agreement>,
    /// The deposit demanded of the agent.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub deposit: Option<Deposit>,
    /// The lock on the agent's token admin accounts.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub token_lock: Option<TokenLock>,
    /// The latest escalation of the unresolved case to management, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub escalation: Option<Escalation>,
    /// The resolution SLA.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sla: Option<Sla>,
    /// Set when the SLA was breached; stays set.
    pub sla_breached: bool,
    /// When the case was resolved.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// The closing.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub closing: Option<Closing>,
    /// Every status the case went through, oldest first.
    pub history: Vec<StatusChange>,
}

/// The data a complaint starts from: its reference. Everything else comes with `receive`.
///
/// ```
/// use quytrinh::workflows::complaint::ComplaintInit;
/// let init: ComplaintInit = serde_json::from_str(r#"{"complaint_id": "KN-2026-001"}"#).unwrap();
/// assert_eq!(init, ComplaintInit::new("KN-2026-001"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ComplaintInit {
    /// The complaint's reference (non-empty).
    pub complaint_id: String,
}

impl ComplaintInit {
    /// An init for complaint `complaint_id`.
    pub fn new(complaint_id: &str) -> Self {
        Self {
            complaint_id: complaint_id.to_owned(),
        }
    }
}

impl ComplaintState {
    /// A complaint not yet received.
    pub(super) fn new(complaint_id: String) -> Self {
        Self {
            complaint_id,
            status: None,
            intake: None,
            agent_id: None,
            officer_id: None,
            documents: Documents::default(),
            finding: None,
            response: None,
            agreement: None,
            deposit: None,
            token_lock: None,
            escalation: None,
            sla: None,
            sla_breached: false,
            resolved_at: None,
            closing: None,
            history: Vec::new(),
        }
    }

    /// The status at instant `at` (the last change strictly before it), from the history.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// use quytrinh::workflows::complaint::{CaseStatus, Complaint, ComplaintCommand, ComplaintInit};
    /// let mut c = Instance::<Complaint>::create("KN-1", Default::default(), Settings::default(),
    ///     ComplaintInit::new("KN-1")).unwrap();
    /// let t = "2026-03-02T09:00:00+07:00".parse().unwrap();
    /// c.handle(&Command::new("c1", Actor::new("intake", "hotline"), t,
    ///     ComplaintCommand::receive_phone("KH-1", "0901234567", "Token không nhận"))).unwrap();
    /// assert_eq!(c.state().status_at(t), None);
    /// assert_eq!(c.state().status_at(t + chrono::TimeDelta::seconds(1)), Some(CaseStatus::Received));
    /// ```
    pub fn status_at(&self, at: DateTime<Utc>) -> Option<CaseStatus> {
        self.history
            .iter()
            .take_while(|c| c.at < at)
            .last()
            .map(|c| c.status)
    }
}
