//! How `complaint` decides commands and deadlines (SPEC §6); the fold is in `fold.rs`.

use super::Complaint;
use super::ComplaintDeadline;
use super::messages::{
    AgentTokens, ArchivedReport, ComplaintCommand as Cmd, ComplaintEffect as Fx,
    ComplaintEvent as Ev, EscalationReason,
};
use super::model::{CaseStatus, ComplaintChannel, ComplaintState, DocumentKind, SlaStatus};
use super::table::templates;
use super::validate::{
    agent_required, check_contact, check_damages, damages_overflow, negative, optional_text,
    required_text,
};
use crate::kernel::require_party;
use crate::kernel::{
    Actor, Channel, Context, Decision, Notification, Recipient, Rejection, RejectionCode, Timer,
    TypeName, Vnd,
};
use chrono::{DateTime, Utc};

type Ctx<'a> = Context<'a, Complaint>;
type Decided = Result<Decision<Complaint>, Rejection>;

/// The role escalations go to.
const HEAD_OF_OPS: &str = "head_of_ops";

pub(super) fn decide(state: &ComplaintState, command: &Cmd, ctx: &Ctx<'_>) -> Decided {
    let Some(status) = state.status else {
        return match command {
            Cmd::Receive { .. } => receive(state, command, ctx),
            _ => Err(Rejection::invalid_transition(
                command.name(),
                "not_received",
            )),
        };
    };
    check_officer(state, ctx.actor)?;
    let expect = |allowed: &[CaseStatus]| {
        if allowed.contains(&status) {
            Ok(())
        } else {
            Err(Rejection::invalid_transition(command.name(), status.id()))
        }
    };
    match command {
        Cmd::Receive { .. } => Err(Rejection::invalid_transition("receive", status.id())),
        Cmd::StartAnalysis {} => {
            expect(&[CaseStatus::Received])?;
            Ok(Decision::of(Ev::AnalysisStarted {
                officer_id: ctx.actor.id.clone(),
            }))
        }
        Cmd::ResolveImmediately { answer } => {
            expect(&[CaseStatus::Received, CaseStatus::Analyzing])?;
            fast_path_allowed(state)?;
            required_text("answer", answer)?;
            Ok(Decision::of(Ev::ResolvedImmediately {
                officer_id: officer(state, ctx.actor),
                answer: answer.clone(),
            }))
        }
        Cmd::RequestDocuments { items, note } => {
            expect(&[CaseStatus::Analyzing])?;
            documents_requested(state, ctx, items, note.as_deref())
        }
        Cmd::DocumentsReceived { items } => {
            expect(&[CaseStatus::AwaitingDocuments])?;
            documents_received(state, items)
        }
        Cmd::RecordFinding {
            root_cause,
            at_fault,
            damages_vnd,
            agent_id,
        } => {
            expect(&[CaseStatus::Analyzing])?;
            required_text("root_cause", root_cause)?;
            check_damages(*damages_vnd, ctx)?;
            let agent_id = optional_text("agent_id", agent_id.as_deref())?
                .or_else(|| state.agent_id.clone())
                .ok_or_else(agent_required)?;
            Ok(Decision::of(Ev::FindingRecorded {
                root_cause: root_cause.clone(),
                at_fault: *at_fault,
                damages_vnd: *damages_vnd,
                agent_id,
            }))
        }
        Cmd::IssueResponse { text } => {
            expect(&[CaseStatus::Investigating])?;
            required_text("text", text)?;
            let due = ctx.after_seconds(ctx.config.agent_action_hours * 3600)?;
            Ok(response_issued(state, ctx, text, due))
        }
        Cmd::ConfirmOutcome { agreed, note } => {
            if status == CaseStatus::Answered {
                return Err(agent_action_pending(state));
            }
            expect(&[CaseStatus::FollowUp])?;
            outcome_confirmed(state, ctx, *agreed, note.as_deref())
        }
        Cmd::SettleEscalation { decision } => {
            expect(&[CaseStatus::Escalated])?;
            escalation_settled(state, ctx, decision)
        }
        Cmd::ReturnToOfficer { instructions } => {
            expect(&[CaseStatus::Escalated])?;
            returned_to_officer(state, ctx, instructions)
        }
        Cmd::DepositReceived {
            amount_vnd,
            reference,
        } => {
            expect(&[CaseStatus::DepositRequired, CaseStatus::AgentLocked])?;
            let reference = optional_text("reference", reference.as_deref())?;
            deposit_received(state, ctx, *amount_vnd, reference)
        }
        Cmd::Close { summary, lessons } => {
            expect(&[CaseStatus::Resolved])?;
            required_text("summary", summary)?;
            required_text("lessons", lessons)?;
            Ok(closed(state, ctx, summary, lessons))
        }
    }
}

pub(super) fn on_deadline(
    state: &ComplaintState,
    deadline: &Timer<'_, ComplaintDeadline>,
    ctx: &Ctx<'_>,
) -> Decision<Complaint> {
    let complaint_id = state.complaint_id.clone();
    match deadline.kind {
        ComplaintDeadline::SlaWarning => Decision::of(Ev::SlaWarned {}).effect(Fx::Notify(
            Notification::new(Channel::InApp, templates::SLA_WARNING)
                .to(officer_or_mailbox(state, ctx))
                .with("complaint_id", complaint_id)
                .with("sla_due", rfc3339(state.sla.as_ref().map(|s| s.due)))
                .with("status", status_id(state)),
        )),
        ComplaintDeadline::ResolutionSla => Decision::of(Ev::SlaBreached {}).effect(Fx::Escalate {
            complaint_id,
            to_role: HEAD_OF_OPS.to_owned(),
            reason: EscalationReason::SlaBreached,
            sla_due: deadline.due,
        }),
        ComplaintDeadline::AgentAction => Decision::of(Ev::FollowUpOpened {}).effect(Fx::Notify(
            Notification::new(Channel::InApp, templates::FOLLOW_UP_DUE)
                .to(officer_or_mailbox(state, ctx))
                .with("complaint_id", complaint_id)
                .with("agent_id", state.agent_id.clone().unwrap_or_default())
                .with("customer_id", customer_id(state)),
        )),
        ComplaintDeadline::DepositDue => {
            let tokens = agent_tokens(state);
            let notice = agent_mail(state, ctx, templates::AGENT_TOKENS_LOCKED)
                .with("reason", "deposit_not_received");
            Decision::of(Ev::AgentTokensLocked {
                agent_id: tokens.agent_id.clone(),
            })
            .effect(Fx::LockAgentTokens(tokens))
            .effect(Fx::Notify(notice))
        }
    }
}

/// The pending deadlines: each is pending exactly while the state it belongs to lasts, so
/// the transition that makes it moot cancels it.
pub(super) fn deadlines(
    state: &ComplaintState,
) -> impl Iterator<Item = Timer<'_, ComplaintDeadline>> {
    use crate::kernel::Basis::{Business, Clock};
    let sla = state.sla.as_ref();
    let warning = sla
        .filter(|sla| sla.status == SlaStatus::Running)
        .map(|sla| Timer::new(ComplaintDeadline::SlaWarning, sla.warning_at, Business));
    let resolution = sla
        .filter(|sla| matches!(sla.status, SlaStatus::Running | SlaStatus::Warned))
        .map(|sla| Timer::new(ComplaintDeadline::ResolutionSla, sla.due, Business));
    let agent_action = match state.status {
        Some(CaseStatus::Answered) => state.response.as_ref().and_then(|r| r.agent_action_due),
        _ => None,
    }
    .map(|due| Timer::new(ComplaintDeadline::AgentAction, due, Clock));
    let deposit = match state.status {
        Some(CaseStatus::DepositRequired) => state.deposit.as_ref().map(|d| d.due),
        _ => None,
    }
    .map(|due| Timer::new(ComplaintDeadline::DepositDue, due, Clock));
    [warning, resolution, agent_action, deposit]
        .into_iter()
        .flatten()
}

fn receive(state: &ComplaintState, command: &Cmd, ctx: &Ctx<'_>) -> Decided {
    let Cmd::Receive {
        channel,
        customer_id,
        contact,
        description,
        agent_id,
    } = command
    else {
        return Err(Rejection::invalid_transition(
            command.name(),
            "not_received",
        ));
    };
    let agent_id = optional_text("agent_id", agent_id.as_deref())?;
    required_text("customer_id", customer_id)?;
    check_contact(contact)?;
    required_text("description", description)?;
    let (channel, customer_id) = (*channel, customer_id.trim());
    let business = |seconds: i64| ctx.after_business(seconds);
    let sla_warning_at = business(ctx.config.sla_warning_seconds())?;
    let sla_due = business(ctx.config.sla_seconds())?;
    let forward = Notification::new(Channel::Email, templates::FORWARDED_TO_OPS)
        .to(Recipient::new("ops", ctx.config.ops_mailbox.clone()))
        .with("complaint_id", state.complaint_id.clone())
        .with("channel", channel.id())
        .with("customer_id", customer_id.to_owned())
        .with("agent_id", agent_id.clone().unwrap_or_default())
        .with("received_by", ctx.actor.id.clone())
        .with("sla_due", rfc3339(Some(sla_due)));
    Ok(Decision::of(Ev::Received {
        channel,
        customer_id: customer_id.to_owned(),
        contact: contact.clone(),
        description: description.clone(),
        agent_id,
        received_by: ctx.actor.id.clone(),
        sla_warning_at,
        sla_due,
    })
    .effect(Fx::Notify(forward)))
}

fn documents_received(state: &ComplaintState, items: &[DocumentKind]) -> Decided {
    let requested = &state.documents.requested;
    let items = if items.is_empty() {
        requested.clone()
    } else {
        sorted(items)
    };
    if let Some(extra) = items.iter().find(|i| !requested.contains(i)) {
        return Err(Rejection::invalid_field(
            "items",
            format!("Giấy tờ `{}` chưa được yêu cầu.", extra.id()),
            format!("`{}` was not requested.", extra.id()),
        ));
    }
    Ok(Decision::of(Ev::DocumentsReceived { items }))
}

fn documents_requested(
    state: &ComplaintState,
    ctx: &Ctx<'_>,
    items: &[DocumentKind],
    note: Option<&str>,
) -> Decided {
    if items.is_empty() {
        return Err(Rejection::invalid_field(
            "items",
            "Cần nêu ít nhất một loại giấy tờ.",
            "Name at least one document.",
        ));
    }
    let note = optional_text("note", note)?;
    let items = sorted(items);
    let list = items.iter().map(|i| i.id()).collect::<Vec<_>>().join(",");
    let mut request = Notification::new(Channel::Email, templates::DOCUMENTS_REQUESTED)
        .to(customer(state))
        .with("complaint_id", state.complaint_id.clone())
        .with("items", list)
        .with("send_to", ctx.config.ops_mailbox.clone());
    if let Some(note) = &note {
        request = request.with("note", note.clone());
    }
    let notice = Notification::new(Channel::Email, templates::IMPARTIALITY_NOTICE)
        .to(customer(state))
        .with("complaint_id", state.complaint_id.clone())
        .with("parties", "customer,supplier,agent");
    Ok(Decision::of(Ev::DocumentsRequested { items, note })
        .effect(Fx::Notify(request))
        .effect(Fx::Notify(notice)))
}

fn response_issued(
    state: &ComplaintState,
    ctx: &Ctx<'_>,
    text: &str,
    due: DateTime<Utc>,
) -> Decision<Complaint> {
    let mut mail = three_party(state, ctx, templates::RESPONSE_ISSUED)
        .with("agent_action_due", rfc3339(Some(due)));
    if let Some(finding) = &state.finding {
        mail = mail
            .with("at_fault", finding.at_fault.id())
            .with("damages_vnd", finding.damages_vnd.dong().to_string());
    }
    Decision::of(Ev::ResponseIssued {
        text: text.to_owned(),
        agent_action_due: due,
    })
    .effect(Fx::Notify(mail))
}

fn damages(state: &ComplaintState) -> Vnd {
    state.finding.as_ref().map_or(Vnd::ZERO, |f| f.damages_vnd)
}

/// The follow-up's result: agreement resolves the case; without it the agent deposits
/// 2 × damages, or, with no damages owed (no deposit applies), the case goes to management.
fn outcome_confirmed(
    state: &ComplaintState,
    ctx: &Ctx<'_>,
    agreed: bool,
    note: Option<&str>,
) -> Decided {
    let note = optional_text("note", note)?;
    if agreed {
        Ok(Decision::of(Ev::OutcomeAgreed { note }))
    } else if damages(state) == Vnd::ZERO {
        Ok(escalated_unresolved(state, ctx, note))
    } else {
        deposit_demanded(state, ctx, note)
    }
}

/// No agreement and no damages, so no deposit applies: the officer proposes the unresolved
/// case to management (seed step 4, "Đề xuất cán bộ quản lý phương án chưa được giải
/// quyết"), with the case's data.
fn escalated_unresolved(
    state: &ComplaintState,
    ctx: &Ctx<'_>,
    note: Option<String>,
) -> Decision<Complaint> {
    let sla_due = state.sla.as_ref().map(|s| s.due);
    let mut mail = Notification::new(Channel::Email, templates::ESCALATED_UNRESOLVED)
        .to(Recipient::new(HEAD_OF_OPS, ctx.config.ops_mailbox.clone()))
        .with("complaint_id", state.complaint_id.clone())
        .with(
            "channel",
            state.intake.as_ref().map_or("", |i| i.channel.id()),
        )
        .with("customer_id", customer_id(state))
        .with("agent_id", state.agent_id.clone().unwrap_or_default())
        .with("officer_id", state.officer_id.clone().unwrap_or_default())
        .with(
            "received_at",
            rfc3339(state.intake.as_ref().map(|i| i.received_at)),
        )
        .with("sla_due", rfc3339(sla_due));
    if let Some(finding) = &state.finding {
        mail = mail
            .with("root_cause", finding.root_cause.clone())
            .with("at_fault", finding.at_fault.id())
            .with("damages_vnd", finding.damages_vnd.dong().to_string());
    }
    if let Some(response) = &state.response {
        mail = mail.with("response", response.text.clone());
    }
    if let Some(note) = &note {
        mail = mail.with("note", note.clone());
    }
    let mut decision = Decision::of(Ev::EscalatedUnresolved { note });
    if let Some(sla_due) = sla_due {
        decision = decision.effect(Fx::Escalate {
            complaint_id: state.complaint_id.clone(),
            to_role: HEAD_OF_OPS.to_owned(),
            reason: EscalationReason::Unresolved,
            sla_due,
        });
    }
    decision.effect(Fx::Notify(mail))
}

/// Management's decision settles the escalated case: resolved; the three parties are told.
fn escalation_settled(state: &ComplaintState, ctx: &Ctx<'_>, decision: &str) -> Decided {
    required_text("decision", decision)?;
    let mail = three_party(state, ctx, templates::ESCALATION_SETTLED)
        .with("decision", decision.to_owned())
        .with("decided_by", ctx.actor.id.clone());
    Ok(Decision::of(Ev::EscalationSettled {
        decided_by: ctx.actor.id.clone(),
        decision: decision.to_owned(),
    })
    .effect(Fx::Notify(mail)))
}

/// Management returns the escalated case to the officer, with instructions: analysed again.
fn returned_to_officer(state: &ComplaintState, ctx: &Ctx<'_>, instructions: &str) -> Decided {
    required_text("instructions", instructions)?;
    let notice = Notification::new(Channel::InApp, templates::RETURNED_TO_OFFICER)
        .to(officer_or_mailbox(state, ctx))
        .with("complaint_id", state.complaint_id.clone())
        .with("instructions", instructions.to_owned())
        .with("decided_by", ctx.actor.id.clone());
    Ok(Decision::of(Ev::ReturnedToOfficer {
        decided_by: ctx.actor.id.clone(),
        instructions: instructions.to_owned(),
    })
    .effect(Fx::Notify(notice)))
}

fn deposit_demanded(state: &ComplaintState, ctx: &Ctx<'_>, note: Option<String>) -> Decided {
    let damages = damages(state);
    let required = damages
        .checked_mul(i64::from(ctx.config.deposit_multiplier))
        .map_err(|_| damages_overflow())?;
    let due = ctx.after_seconds(ctx.config.deposit_hours * 3600)?;
    let mail = agent_mail(state, ctx, templates::DEPOSIT_DEMANDED)
        .with("required_vnd", required.dong().to_string())
        .with("damages_vnd", damages.dong().to_string())
        .with("multiplier", ctx.config.deposit_multiplier.to_string())
        .with("due", rfc3339(Some(due)));
    Ok(Decision::of(Ev::DepositDemanded {
        required_vnd: required,
        due,
        note,
    })
    .effect(Fx::Notify(mail)))
}

fn deposit_received(
    state: &ComplaintState,
    ctx: &Ctx<'_>,
    amount: Vnd,
    reference: Option<String>,
) -> Decided {
    amount
        .require_non_negative()
        .map_err(|_| negative("amount_vnd"))?;
    let required = state.deposit.as_ref().map_or(Vnd::ZERO, |d| d.required_vnd);
    if amount < required {
        return Err(Rejection::new(
            RejectionCode::ValidationFailed,
            "deposit_insufficient",
            format!("Số tiền {amount} thấp hơn số phải nộp {required}."),
            format!("{amount} is less than the required deposit of {required}."),
        ));
    }
    let damages = damages(state);
    let mut decision = Decision::of(Ev::DepositReceived {
        amount_vnd: amount,
        reference,
    })
    .effect(Fx::CompensateCustomer {
        complaint_id: state.complaint_id.clone(),
        customer_id: customer_id(state),
        amount_vnd: damages,
        deposit_vnd: amount,
    });
    if state.status == Some(CaseStatus::AgentLocked) {
        decision = decision
            .effect(Fx::UnlockAgentTokens(agent_tokens(state)))
            .effect(Fx::Notify(agent_mail(
                state,
                ctx,
                templates::AGENT_TOKENS_UNLOCKED,
            )));
    }
    Ok(decision)
}

fn closed(
    state: &ComplaintState,
    ctx: &Ctx<'_>,
    summary: &str,
    lessons: &str,
) -> Decision<Complaint> {
    let mail = three_party(state, ctx, templates::CLOSING);
    let decision = Decision::of(Ev::Closed {
        summary: summary.to_owned(),
        lessons: lessons.to_owned(),
    })
    .effect(Fx::Notify(mail));
    let (Some(intake), Some(sla), Some(resolved_at)) =
        (&state.intake, &state.sla, state.resolved_at)
    else {
        return decision;
    };
    let business = ctx.config.calendar.between(intake.received_at, resolved_at);
    decision.effect(Fx::ArchiveReport(Box::new(ArchivedReport {
        complaint_id: state.complaint_id.clone(),
        channel: intake.channel,
        customer_id: intake.customer_id.clone(),
        agent_id: state.agent_id.clone(),
        officer_id: state.officer_id.clone(),
        description: intake.description.clone(),
        received_at: intake.received_at,
        resolved_at,
        closed_at: ctx.at,
        documents_received: state.documents.received.clone(),
        finding: state.finding.clone(),
        response: state.response.as_ref().map(|r| r.text.clone()),
        agreed: state.agreement.as_ref().map(|a| a.agreed),
        deposit_vnd: state.deposit.as_ref().and_then(|d| d.received_vnd),
        management_decision: state
            .escalation
            .as_ref()
            .filter(|e| !e.returned)
            .and_then(|e| e.decision.clone()),
        agent_tokens_locked: state.token_lock.is_some(),
        sla_due: sla.due,
        sla_breached: state.sla_breached,
        business_seconds_to_resolve: business.num_seconds(),
        summary: summary.to_owned(),
        lessons: lessons.to_owned(),
    })))
}

/// Once an officer has taken the case up, only that officer, or the head of operations,
/// acts on it.
fn check_officer(state: &ComplaintState, actor: &Actor) -> Result<(), Rejection> {
    match &state.officer_id {
        Some(officer) if actor.role != HEAD_OF_OPS => {
            require_party(actor, officer, "officer_in_charge", || {
                (
                    format!("Vụ việc do chuyên viên {officer} phụ trách."),
                    format!("Officer {officer} is in charge of this case."),
                )
            })
        }
        _ => Ok(()),
    }
}

/// The officer after this command: the one in charge, or the actor taking the case up.
fn officer(state: &ComplaintState, actor: &Actor) -> String {
    state.officer_id.clone().unwrap_or_else(|| actor.id.clone())
}

/// The fast path: by phone or in person (the seed), and not once documents were requested.
fn fast_path_allowed(state: &ComplaintState) -> Result<(), Rejection> {
    let channel = state.intake.as_ref().map(|i| i.channel);
    if !channel.is_some_and(ComplaintChannel::allows_fast_path) {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "fast_path_channel",
            "Chỉ khiếu nại trực tiếp hoặc qua điện thoại mới được trả lời ngay.",
            "Only complaints made by phone or in person can be answered at once.",
        ));
    }
    if state.response.as_ref().is_some_and(|r| !r.immediate) {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "response_issued",
            "Đã gửi văn bản trả lời: hãy xác định lại nguyên nhân và trả lời bằng văn bản.",
            "A written response was issued: record the finding again and issue a written response.",
        ));
    }
    if state.documents.requests > 0 {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "documents_requested",
            "Đã yêu cầu bổ sung giấy tờ: hãy xác định nguyên nhân và trả lời bằng văn bản.",
            "Documents were requested: record the finding and issue a written response.",
        ));
    }
    Ok(())
}

fn agent_action_pending(state: &ComplaintState) -> Rejection {
    let due = rfc3339(state.response.as_ref().and_then(|r| r.agent_action_due));
    Rejection::new(
        RejectionCode::InvalidTransition,
        "agent_action_pending",
        format!("Đại lý còn thời hạn xử lý đến {due}; xác nhận kết quả sau thời hạn này."),
        format!("The agent has until {due} to act; confirm the outcome after that."),
    )
}

pub(super) fn sorted(items: &[DocumentKind]) -> Vec<DocumentKind> {
    let mut items = items.to_vec();
    items.sort_unstable();
    items.dedup();
    items
}

fn customer_id(state: &ComplaintState) -> String {
    state
        .intake
        .as_ref()
        .map(|i| i.customer_id.clone())
        .unwrap_or_default()
}

fn customer(state: &ComplaintState) -> Recipient {
    Recipient::new("customer", customer_id(state))
}

fn agent_tokens(state: &ComplaintState) -> AgentTokens {
    AgentTokens {
        agent_id: state.agent_id.clone().unwrap_or_default(),
        complaint_id: state.complaint_id.clone(),
    }
}

fn supplier(ctx: &Ctx<'_>) -> Recipient {
    Recipient::new("supplier", ctx.config.supplier_mailbox.clone())
}

fn officer_or_mailbox(state: &ComplaintState, ctx: &Ctx<'_>) -> Recipient {
    Recipient::new(
        "ops",
        state
            .officer_id
            .clone()
            .unwrap_or_else(|| ctx.config.ops_mailbox.clone()),
    )
}

/// An e-mail to the agent with the supplier's mailbox in cc.
fn agent_mail(state: &ComplaintState, ctx: &Ctx<'_>, template: &str) -> Notification {
    Notification::new(Channel::Email, template)
        .to(Recipient::new(
            "agent",
            state.agent_id.clone().unwrap_or_default(),
        ))
        .to(supplier(ctx))
        .with("complaint_id", state.complaint_id.clone())
        .with("cc", "supplier")
}

/// The three-party e-mail: the agent (when known), the customer, the supplier's mailbox in
/// cc, and the officer's number ("# số thứ tự của chuyên viên").
fn three_party(state: &ComplaintState, ctx: &Ctx<'_>, template: &str) -> Notification {
    let mut mail = Notification::new(Channel::Email, template);
    if let Some(agent) = &state.agent_id {
        mail = mail.to(Recipient::new("agent", agent.clone()));
    }
    mail.to(customer(state))
        .to(supplier(ctx))
        .with("complaint_id", state.complaint_id.clone())
        .with("cc", "supplier")
        .with("officer_id", state.officer_id.clone().unwrap_or_default())
}

fn status_id(state: &ComplaintState) -> &'static str {
    state.status.map_or("not_received", CaseStatus::id)
}

/// An instant as the JSON writes instants everywhere else (serde's chrono format: RFC 3339
/// in UTC with `Z`, fractional seconds only when there are any), or empty.
pub(super) fn rfc3339(at: Option<DateTime<Utc>>) -> String {
    at.map(crate::kernel::rfc3339).unwrap_or_default()
}
