//! The commands, events and effects of `complaint`.

use super::model::{AtFault, ComplaintChannel, Contact, DocumentKind, Finding};
use crate::kernel::TaggedDeserialize;
use crate::kernel::{EffectName, Notification, Vnd};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The commands of `complaint` (JSON `type` in snake_case). `receive` is the receiving
/// point's (`intake`); every other command is Phòng Nghiệp vụ's (`ops`, or `head_of_ops`).
///
/// ```
/// use quytrinh::workflows::complaint::{AtFault, ComplaintCommand};
/// let c: ComplaintCommand = serde_json::from_str(
///     r#"{"type":"record_finding","root_cause":"Đại lý cấp sai gói","at_fault":"agent","damages_vnd":700000}"#,
/// ).unwrap();
/// assert!(matches!(c, ComplaintCommand::RecordFinding { at_fault: AtFault::Agent, .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum ComplaintCommand {
    /// A receiving point records the complaint and forwards it to Phòng Nghiệp vụ.
    Receive {
        /// How it came in.
        channel: ComplaintChannel,
        /// The customer's id in the host's records.
        customer_id: String,
        /// How to reach the customer (a phone number or an e-mail address at least).
        contact: Contact,
        /// What the customer complains about (1–4000 characters).
        description: String,
        /// The level-1 agent, when the customer names one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        agent_id: Option<String>,
    },
    /// The officer takes the case up and starts the analysis.
    StartAnalysis {},
    /// The fast path: the information suffices, the customer is answered at once
    /// (complaints by phone or in person only, before any document request).
    ResolveImmediately {
        /// The answer given.
        answer: String,
    },
    /// Ask the customer for documents (by e-mail), with the notice that the case is handled
    /// objectively between customer, supplier and agent.
    RequestDocuments {
        /// What to send (at least one).
        items: Vec<DocumentKind>,
        /// A note for the customer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        note: Option<String>,
    },
    /// The customer's documents arrived.
    DocumentsReceived {
        /// What arrived (empty: everything asked for).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        items: Vec<DocumentKind>,
    },
    /// The cause, the party at fault and the damages are established.
    RecordFinding {
        /// Why the complaint arose.
        root_cause: String,
        /// Who is at fault.
        at_fault: AtFault,
        /// Damages in đồng (≥ 0).
        damages_vnd: Vnd,
        /// The level-1 agent, if not named at receipt (or to correct it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        agent_id: Option<String>,
    },
    /// The written response, sent by three-party e-mail; the agent has 48 h to act.
    IssueResponse {
        /// The response.
        text: String,
    },
    /// After the follow-up: did agent and customer agree?
    ConfirmOutcome {
        /// Whether they agreed.
        agreed: bool,
        /// What ops noted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        note: Option<String>,
    },
    /// The agent's deposit arrived (cash or transfer).
    DepositReceived {
        /// The amount, at least the required deposit.
        amount_vnd: Vnd,
        /// The host's payment reference.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        reference: Option<String>,
    },
    /// Management (`head_of_ops`) settles an escalated case with its decision: resolved.
    SettleEscalation {
        /// Management's decision ("phương án").
        decision: String,
    },
    /// Management (`head_of_ops`) returns an escalated case to the officer with instructions:
    /// the officer analyses it again (a new finding, a new response).
    ReturnToOfficer {
        /// What the officer is to do.
        instructions: String,
    },
    /// Close the resolved case: summary and lessons; the record is archived.
    Close {
        /// The summary.
        summary: String,
        /// The lessons learnt.
        lessons: String,
    },
}

impl ComplaintCommand {
    /// A `receive` of a complaint by phone, for examples and tests.
    ///
    /// ```
    /// use quytrinh::workflows::complaint::{ComplaintChannel, ComplaintCommand};
    /// let c = ComplaintCommand::receive_phone("KH-1", "0901234567", "Token lỗi");
    /// assert!(matches!(c, ComplaintCommand::Receive { channel: ComplaintChannel::Phone, .. }));
    /// ```
    pub fn receive_phone(customer_id: &str, phone: &str, description: &str) -> Self {
        Self::Receive {
            channel: ComplaintChannel::Phone,
            customer_id: customer_id.to_owned(),
            contact: Contact {
                name: None,
                phone: Some(phone.to_owned()),
                email: None,
            },
            description: description.to_owned(),
            agent_id: None,
        }
    }
}

/// The events of `complaint` (JSON `type` in snake_case).
///
/// ```
/// use quytrinh::workflows::complaint::ComplaintEvent;
/// let e: ComplaintEvent = serde_json::from_str(r#"{"type":"sla_breached"}"#).unwrap();
/// assert_eq!(e, ComplaintEvent::SlaBreached {});
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum ComplaintEvent {
    /// Received and forwarded to ops; the SLA's instants were computed on the calendar.
    Received {
        /// How it came in.
        channel: ComplaintChannel,
        /// The customer.
        customer_id: String,
        /// How to reach the customer.
        contact: Contact,
        /// The complaint.
        description: String,
        /// The agent, if named.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        agent_id: Option<String>,
        /// The receiving point.
        received_by: String,
        /// The SLA warning instant.
        #[serde(with = "crate::kernel::Rfc3339")]
        sla_warning_at: DateTime<Utc>,
        /// The SLA's end.
        #[serde(with = "crate::kernel::Rfc3339")]
        sla_due: DateTime<Utc>,
    },
    /// The officer took the case up.
    AnalysisStarted {
        /// The officer in charge.
        officer_id: String,
    },
    /// Answered at once: resolved.
    ResolvedImmediately {
        /// The officer in charge.
        officer_id: String,
        /// The answer.
        answer: String,
    },
    /// Documents were asked for.
    DocumentsRequested {
        /// What was asked for.
        items: Vec<DocumentKind>,
        /// The note.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        note: Option<String>,
    },
    /// Documents arrived.
    DocumentsReceived {
        /// What arrived.
        items: Vec<DocumentKind>,
    },
    /// The finding was recorded.
    FindingRecorded {
        /// The cause.
        root_cause: String,
        /// Who is at fault.
        at_fault: AtFault,
        /// Damages in đồng.
        damages_vnd: Vnd,
        /// The agent.
        agent_id: String,
    },
    /// The written response went out; the agent's 48 h started.
    ResponseIssued {
        /// The response.
        text: String,
        /// When the agent's time ends.
        #[serde(with = "crate::kernel::Rfc3339")]
        agent_action_due: DateTime<Utc>,
    },
    /// The agent's 48 h ended: ops follows up.
    FollowUpOpened {},
    /// Agent and customer agreed: resolved.
    OutcomeAgreed {
        /// What ops noted.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        note: Option<String>,
    },
    /// No agreement: the agent must deposit.
    DepositDemanded {
        /// Deposit multiplier × damages.
        required_vnd: Vnd,
        /// When the 72 h end.
        #[serde(with = "crate::kernel::Rfc3339")]
        due: DateTime<Utc>,
        /// What ops noted.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        note: Option<String>,
    },
    /// No agreement and no damages (no deposit applies): the unresolved case was proposed
    /// to management.
    EscalatedUnresolved {
        /// What ops noted.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        note: Option<String>,
    },
    /// Management settled the escalated case: resolved.
    EscalationSettled {
        /// The head of operations.
        decided_by: String,
        /// The decision.
        decision: String,
    },
    /// Management returned the escalated case to the officer.
    ReturnedToOfficer {
        /// The head of operations.
        decided_by: String,
        /// The instructions.
        instructions: String,
    },
    /// The deposit was not made in time: the agent's token admin accounts are locked.
    AgentTokensLocked {
        /// The agent.
        agent_id: String,
    },
    /// The deposit arrived: resolved (tokens unlocked if locked).
    DepositReceived {
        /// The amount.
        amount_vnd: Vnd,
        /// The payment reference.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        reference: Option<String>,
    },
    /// 75 % of the SLA has passed.
    SlaWarned {},
    /// The SLA passed unresolved: flagged and escalated.
    SlaBreached {},
    /// The case was closed and archived.
    Closed {
        /// The summary.
        summary: String,
        /// The lessons.
        lessons: String,
    },
}

/// The agent's token admin accounts, held by one complaint.
///
/// The effect means **all** the agent's token admin accounts ("toàn bộ các tài khoản Token
/// Admin của Đại lý") as the host's registry knows them when it delivers the effect; the
/// core keeps no list that could go stale. A lock is a hold named by `complaint_id`: on
/// unlock the host lifts this complaint's hold only, so accounts stay locked while another
/// complaint against the same agent still holds them.
///
/// ```
/// use quytrinh::workflows::complaint::AgentTokens;
/// let t = AgentTokens { agent_id: "DL-7".into(), complaint_id: "KN-1".into() };
/// assert_eq!(serde_json::to_value(&t).unwrap()["agent_id"], "DL-7");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AgentTokens {
    /// The level-1 agent.
    pub agent_id: String,
    /// The complaint holding the lock.
    pub complaint_id: String,
}

/// Why a case is escalated.
///
/// ```
/// use quytrinh::workflows::complaint::EscalationReason;
/// assert_eq!(serde_json::to_string(&EscalationReason::SlaBreached).unwrap(), "\"sla_breached\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum EscalationReason {
    /// The resolution SLA passed unresolved.
    SlaBreached,
    /// Agent and customer did not agree and no damages were found, so no deposit applies
    /// ("Đề xuất cán bộ quản lý phương án chưa được giải quyết").
    Unresolved,
}

/// The archived case record ("Lưu hồ sơ theo form báo cáo"), carried by the
/// `archive_report` effect of `close`.
///
/// ```
/// use quytrinh::kernel::{Actor, Command, Instance, Settings};
/// use quytrinh::workflows::complaint::{Complaint, ComplaintCommand as C, ComplaintEffect, ComplaintInit};
/// let mut c = Instance::<Complaint>::create("KN-1", Default::default(), Settings::default(),
///     ComplaintInit::new("KN-1")).unwrap();
/// let at = "2026-03-02T09:00:00+07:00".parse().unwrap();
/// let ops = Actor::new("ops", "NV-07");
/// c.handle(&Command::new("c1", Actor::new("intake", "hotline"), at,
///     C::receive_phone("KH-1", "0901234567", "Token lỗi"))).unwrap();
/// c.handle(&Command::new("c2", ops.clone(), at, C::ResolveImmediately { answer: "Đã hướng dẫn".into() })).unwrap();
/// let out = c.handle(&Command::new("c3", ops, at,
///     C::Close { summary: "Xong".into(), lessons: "Không".into() })).unwrap();
/// let archived = out.effects().find_map(|k| match &k.effect {
///     ComplaintEffect::ArchiveReport(r) => Some(r.clone()),
///     _ => None,
/// }).unwrap();
/// assert_eq!((archived.complaint_id.as_str(), archived.sla_breached), ("KN-1", false));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ArchivedReport {
    /// The complaint.
    pub complaint_id: String,
    /// How it came in.
    pub channel: ComplaintChannel,
    /// The customer.
    pub customer_id: String,
    /// The agent, if any.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub agent_id: Option<String>,
    /// The officer in charge.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub officer_id: Option<String>,
    /// The complaint.
    pub description: String,
    /// When it was received.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub received_at: DateTime<Utc>,
    /// When it was resolved.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub resolved_at: DateTime<Utc>,
    /// When it was closed.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub closed_at: DateTime<Utc>,
    /// The documents received.
    pub documents_received: Vec<DocumentKind>,
    /// The finding, if any (none on the fast path).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub finding: Option<Finding>,
    /// The answer or written response.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub response: Option<String>,
    /// Whether agent and customer agreed, if asked.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub agreed: Option<bool>,
    /// The deposit received, if any.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub deposit_vnd: Option<Vnd>,
    /// Management's decision, when the unresolved case was escalated and settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub management_decision: Option<String>,
    /// Whether the agent's tokens were locked during the case.
    pub agent_tokens_locked: bool,
    /// The SLA's end.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub sla_due: DateTime<Utc>,
    /// Whether the SLA was breached.
    pub sla_breached: bool,
    /// Business time from receipt to resolution, in seconds, on the calendar.
    pub business_seconds_to_resolve: i64,
    /// The summary.
    pub summary: String,
    /// The lessons learnt.
    pub lessons: String,
}

/// The effects of `complaint` for the host (JSON `kind` in snake_case).
///
/// ```
/// use quytrinh::kernel::{EffectName, TypeName};
/// use quytrinh::workflows::complaint::{AgentTokens, ComplaintEffect};
/// let fx = ComplaintEffect::LockAgentTokens(AgentTokens { agent_id: "DL-7".into(), complaint_id: "KN-1".into() });
/// assert_eq!((fx.name(), fx.short_name().as_str()), ("lock_agent_tokens", "lock_agent_tokens"));
/// assert_eq!(serde_json::to_value(&fx).unwrap()["kind"], "lock_agent_tokens");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum ComplaintEffect {
    /// Send a notification (e-mail or in-app) by template id.
    Notify(#[cfg_attr(feature = "uniffi", uniffi(name = "notification"))] Notification),
    /// Lock all the agent's token admin accounts until this case is resolved.
    LockAgentTokens(#[cfg_attr(feature = "uniffi", uniffi(name = "agent_tokens"))] AgentTokens),
    /// Lift this case's lock on the agent's token admin accounts.
    UnlockAgentTokens(#[cfg_attr(feature = "uniffi", uniffi(name = "agent_tokens"))] AgentTokens),
    /// Compensate the customer from the agent's deposit.
    CompensateCustomer {
        /// The complaint.
        complaint_id: String,
        /// The customer.
        customer_id: String,
        /// The damages, as found.
        amount_vnd: Vnd,
        /// The deposit it is paid from; the rest is the supplier's to settle with the agent.
        deposit_vnd: Vnd,
    },
    /// Escalate the case to a role.
    Escalate {
        /// The complaint.
        complaint_id: String,
        /// The role escalated to (`head_of_ops`).
        to_role: String,
        /// Why.
        reason: EscalationReason,
        /// The SLA's end.
        #[serde(with = "crate::kernel::Rfc3339")]
        sla_due: DateTime<Utc>,
    },
    /// Archive the case record.
    ArchiveReport(
        #[cfg_attr(feature = "uniffi", uniffi(name = "archived_report"))] Box<ArchivedReport>,
    ),
}

impl EffectName for ComplaintEffect {
    fn notification(&self) -> Option<&Notification> {
        match self {
            Self::Notify(n) => Some(n),
            _ => None,
        }
    }
}
