//! Workflow E, `complaint` (SPEC §6, seed 004: FastCA, "Quy trình tiếp nhận và xử lý khiếu
//! nại").
//!
//! One instance is one complaint. A receiving point (`intake`: hotline, mailbox, counter)
//! records it and forwards it to Phòng Nghiệp vụ; the resolution SLA of 72 working hours
//! starts on the business calendar (weekends, holidays and the host's days off excluded),
//! with a warning at 75 %. The complaint officer (`ops`) analyses it and either answers at
//! once (the fast path, for complaints by phone or in person) or asks the customer for
//! documents, records the finding (root cause, party at fault, damages in đồng) and sends the
//! written response by three-party e-mail. The level-1 agent has 48 h; then ops confirms the
//! result with agent and customer. Agreement resolves the case; without it the agent must
//! deposit 2 × damages within 72 h, or all its token admin accounts are locked until the case
//! is resolved. Where no damages are owed, no deposit applies: the unresolved case is proposed
//! to management ("Đề xuất cán bộ quản lý phương án chưa được giải quyết", status
//! `escalated`), and the head of operations settles it (`settle_escalation`: resolved) or
//! returns it to the officer (`return_to_officer`: analysed again). A resolved case is closed with a summary and lessons, and archived. A weekly
//! report for the head of operations (`head_of_ops`) is computed by [`weekly_report`].
//!
//! Who is who **\[decision\]**: the agent is named at `receive` (when the customer names it)
//! or at the latest by `record_finding`; the agent's token admin accounts are not listed in
//! the core: the lock means all of them, as the host's registry knows them when it delivers
//! the effect (see [`AgentTokens`]). The officer in charge is whoever takes the case up
//! (`start_analysis` or `resolve_immediately`); afterwards only that officer or the head of
//! operations may act on it (`not_permitted`, rule `officer_in_charge`).
//!
//! ```
//! use quytrinh::kernel::{Actor, Command, Instance, Settings};
//! use quytrinh::workflows::complaint::{Complaint, ComplaintCommand as C, ComplaintInit};
//!
//! let mut complaint = Instance::<Complaint>::create(
//!     "KN-001", Default::default(), Settings::default(), ComplaintInit::new("KN-001")).unwrap();
//! // Friday 13 February 2026, 15:00: Tết Nguyên đán runs from Monday 16 to Friday 20.
//! let at = "2026-02-13T15:00:00+07:00".parse().unwrap();
//! let out = complaint.handle(&Command::new("c1", Actor::new("intake", "hotline"), at,
//!     C::receive_phone("KH-1", "0901234567", "Token không ký được"))).unwrap();
//! assert_eq!(out.effect_names(), ["notify:complaint.forwarded_to_ops"]);
//! let sla = complaint.state().sla.as_ref().unwrap();
//! assert_eq!(sla.due, "2026-02-25T15:00:00+07:00".parse::<chrono::DateTime<chrono::Utc>>().unwrap());
//! let answer = C::ResolveImmediately { answer: "Cài lại driver token".into() };
//! let out = complaint.handle(&Command::new("c2", Actor::new("ops", "NV-07"), at, answer)).unwrap();
//! assert_eq!(out.next_deadline, None);
//! ```

mod config;
mod fold;
mod messages;
mod model;
mod queries;
mod report;
mod rules;
mod table;
mod validate;

pub use config::{ComplaintConfig, MAX_TEXT_CHARS};
pub use messages::{
    AgentTokens, ArchivedReport, ComplaintCommand, ComplaintEffect, ComplaintEvent,
    EscalationReason,
};
pub use model::{
    Agreement, AtFault, CaseStatus, Closing, ComplaintChannel, ComplaintInit, ComplaintState,
    Contact, Deposit, DocumentKind, Documents, Escalation, Finding, Intake, Response, Sla,
    SlaStatus, StatusChange, TokenLock,
};
pub use report::{
    ByChannel, ByParty, ComplaintReport, ComplaintReportAnswer, EscalationLine, LockedAgent,
    ReportHoliday, WeeklyReport, weekly_report,
};
pub use table::templates;

pub use queries::{ComplaintAnswer, ComplaintQuery};

use crate::calendar::BusinessCalendar;
use crate::kernel::{
    Actor, Basis, CommandSpec, Context, DeadlineKind, DeadlineSpec, Decision, Label, RegionSpec,
    Rejection, RoleSpec, Snapshot, TemplateSpec, Timer, TransitionSpec, Unfit, Vnd, Workflow,
};
use chrono::{DateTime, Utc};

/// The deadlines of `complaint`.
///
/// ```
/// use quytrinh::kernel::DeadlineKind;
/// use quytrinh::workflows::complaint::ComplaintDeadline;
/// assert_eq!(ComplaintDeadline::ResolutionSla.name(), "resolution_sla");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ComplaintDeadline {
    /// 75 % of the resolution SLA has passed (business basis).
    SlaWarning,
    /// The resolution SLA ends (business basis).
    ResolutionSla,
    /// The agent's 48 h after the response end (clock).
    AgentAction,
    /// The agent's 72 h to deposit end (clock).
    DepositDue,
}

/// The `complaint` workflow (a marker type; see the module docs).
///
/// ```
/// use quytrinh::kernel::Workflow;
/// use quytrinh::workflows::complaint::Complaint;
/// assert_eq!(Complaint::NAME, "complaint");
/// assert_eq!(Complaint::COMMANDS.len(), 12);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Complaint;

/// A placeholder for the free-text fields of [`Workflow::candidates`]: the UI fills them.
const PLACEHOLDER: &str = "…";

impl Workflow for Complaint {
    const NAME: &'static str = "complaint";
    const LABEL: Label = Label::new("Tiếp nhận và xử lý khiếu nại", "Complaint handling");
    const ROLES: &'static [RoleSpec] = table::ROLES;
    const REGIONS: &'static [RegionSpec] = table::REGIONS;
    const COMMANDS: &'static [CommandSpec] = table::COMMANDS;
    const QUERIES: &'static [CommandSpec] = table::QUERIES;
    const TRANSITIONS: &'static [TransitionSpec] = table::TRANSITIONS;
    const TEMPLATES: &'static [TemplateSpec] = table::TEMPLATES;
    const REPORTS: &'static [CommandSpec] = table::REPORTS;

    type Config = ComplaintConfig;
    type Init = ComplaintInit;
    type State = ComplaintState;
    type Command = ComplaintCommand;
    type Event = ComplaintEvent;
    type Effect = ComplaintEffect;
    type DeadlineKind = ComplaintDeadline;
    type Query = ComplaintQuery;
    type Answer = ComplaintAnswer;
    type Row = Snapshot<Complaint>;
    type Report = ComplaintReport;
    type ReportAnswer = ComplaintReportAnswer;

    fn validate_config(config: &ComplaintConfig) -> Result<(), String> {
        config.validate()
    }

    fn calendar(config: &ComplaintConfig) -> Option<&BusinessCalendar> {
        Some(&config.calendar)
    }

    fn init(_: &ComplaintConfig, init: ComplaintInit) -> Result<ComplaintState, Rejection> {
        let id = init.complaint_id.trim();
        if id.is_empty() || id.chars().count() > 64 {
            return Err(Rejection::invalid_field(
                "complaint_id",
                "Mã khiếu nại phải có 1–64 ký tự.",
                "The complaint id must have 1 to 64 characters.",
            ));
        }
        Ok(ComplaintState::new(id.to_owned()))
    }

    fn decide(
        state: &ComplaintState,
        command: &ComplaintCommand,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Rejection> {
        rules::decide(state, command, ctx)
    }

    fn evolve(
        state: &mut ComplaintState,
        event: &ComplaintEvent,
        at: DateTime<Utc>,
    ) -> Result<(), Unfit> {
        fold::evolve(state, event, at);
        Ok(())
    }

    fn deadlines(state: &ComplaintState) -> impl Iterator<Item = Timer<'_, ComplaintDeadline>> {
        rules::deadlines(state)
    }

    fn on_deadline(
        state: &ComplaintState,
        timer: &Timer<'_, ComplaintDeadline>,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Unfit> {
        Ok(rules::on_deadline(state, timer, ctx))
    }

    fn deadline_specs(config: &ComplaintConfig) -> Vec<DeadlineSpec> {
        let hours = |h: u32| u64::from(h) * 3600;
        let business_seconds = |s: i64| u64::try_from(s).unwrap_or(0);
        vec![
            DeadlineSpec {
                kind: ComplaintDeadline::SlaWarning.name(),
                label: Label::new(
                    "Cảnh báo sắp quá hạn giải quyết (75%)",
                    "SLA warning (75 %)",
                ),
                seconds: business_seconds(config.sla_warning_seconds()),
                basis: Basis::Business,
            },
            DeadlineSpec {
                kind: ComplaintDeadline::ResolutionSla.name(),
                label: Label::new(
                    "Hết hạn giải quyết 72h làm việc",
                    "Resolution SLA, 72 working hours",
                ),
                seconds: business_seconds(config.sla_seconds()),
                basis: Basis::Business,
            },
            DeadlineSpec {
                kind: ComplaintDeadline::AgentAction.name(),
                label: Label::new("Hết 48h Đại lý xử lý", "Agent's 48 h"),
                seconds: hours(config.agent_action_hours),
                basis: Basis::Clock,
            },
            DeadlineSpec {
                kind: ComplaintDeadline::DepositDue.name(),
                label: Label::new("Hết 72h Đại lý nộp tiền", "Deposit due, 72 h"),
                seconds: hours(config.deposit_hours),
                basis: Basis::Clock,
            },
        ]
    }

    fn candidates(state: &ComplaintState, _: &Actor) -> Vec<ComplaintCommand> {
        use ComplaintCommand as C;
        let text = || PLACEHOLDER.to_owned();
        let required = state.deposit.as_ref().map_or(Vnd::ZERO, |d| d.required_vnd);
        vec![
            C::receive_phone(PLACEHOLDER, PLACEHOLDER, PLACEHOLDER),
            C::StartAnalysis {},
            C::ResolveImmediately { answer: text() },
            C::RequestDocuments {
                items: DocumentKind::ALL.to_vec(),
                note: None,
            },
            C::DocumentsReceived { items: Vec::new() },
            C::RecordFinding {
                root_cause: text(),
                at_fault: AtFault::None,
                damages_vnd: Vnd::ZERO,
                agent_id: state.agent_id.is_none().then(text),
            },
            C::IssueResponse { text: text() },
            C::ConfirmOutcome {
                agreed: true,
                note: None,
            },
            C::ConfirmOutcome {
                agreed: false,
                note: None,
            },
            C::DepositReceived {
                amount_vnd: required,
                reference: None,
            },
            C::SettleEscalation { decision: text() },
            C::ReturnToOfficer {
                instructions: text(),
            },
            C::Close {
                summary: text(),
                lessons: text(),
            },
        ]
    }

    fn row(snapshot: &Snapshot<Complaint>) -> Snapshot<Complaint> {
        snapshot.clone()
    }

    fn report(
        rows: &[Snapshot<Complaint>],
        report: &ComplaintReport,
        ctx: &Context<'_, Self>,
    ) -> Result<ComplaintReportAnswer, Rejection> {
        report::run(rows, report, ctx.config)
    }

    fn query(
        state: &ComplaintState,
        query: &ComplaintQuery,
        _: &Context<'_, Self>,
    ) -> Result<ComplaintAnswer, Rejection> {
        Ok(queries::answer(state, query))
    }

    fn position(state: &ComplaintState, entity: Option<&str>) -> Vec<(&'static str, &'static str)> {
        let mut at = Vec::new();
        if entity.is_some() {
            return at;
        }
        if let Some(status) = state.status {
            at.push((table::CASE, status.id()));
        }
        if let Some(sla) = &state.sla {
            at.push((table::SLA, sla.status.id()));
        }
        at
    }
}
