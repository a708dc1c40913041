//! How `complaint` folds its events into the state (SPEC §6): events are facts, never
//! refused.

use super::messages::ComplaintEvent as Ev;
use super::model::{
    Agreement, CaseStatus, Closing, ComplaintState, Deposit, Escalation, Finding, Intake, Response,
    Sla, SlaStatus, StatusChange, TokenLock,
};
use super::rules::sorted;
use chrono::{DateTime, Utc};

pub(super) fn evolve(state: &mut ComplaintState, event: &Ev, at: DateTime<Utc>) {
    match event {
        Ev::Received {
            channel,
            customer_id,
            contact,
            description,
            agent_id,
            received_by,
            sla_warning_at,
            sla_due,
        } => {
            state.intake = Some(Intake {
                channel: *channel,
                customer_id: customer_id.clone(),
                contact: contact.clone(),
                description: description.clone(),
                received_by: received_by.clone(),
                received_at: at,
            });
            state.agent_id.clone_from(agent_id);
            state.sla = Some(Sla {
                status: SlaStatus::Running,
                warning_at: *sla_warning_at,
                due: *sla_due,
            });
            set_status(state, CaseStatus::Received, at);
        }
        Ev::AnalysisStarted { officer_id } => {
            state.officer_id = Some(officer_id.clone());
            set_status(state, CaseStatus::Analyzing, at);
        }
        Ev::ResolvedImmediately { officer_id, answer } => {
            state.officer_id = Some(officer_id.clone());
            state.response = Some(Response {
                text: answer.clone(),
                immediate: true,
                at,
                agent_action_due: None,
            });
            resolve(state, at);
        }
        Ev::DocumentsRequested { items, .. } => {
            let docs = &mut state.documents;
            docs.requests += 1;
            docs.requested = sorted(&[docs.requested.as_slice(), items].concat());
            set_status(state, CaseStatus::AwaitingDocuments, at);
        }
        Ev::DocumentsReceived { items } => {
            let docs = &mut state.documents;
            docs.received = sorted(&[docs.received.as_slice(), items].concat());
            set_status(state, CaseStatus::Analyzing, at);
        }
        Ev::FindingRecorded {
            root_cause,
            at_fault,
            damages_vnd,
            agent_id,
        } => {
            state.finding = Some(Finding {
                root_cause: root_cause.clone(),
                at_fault: *at_fault,
                damages_vnd: *damages_vnd,
                recorded_at: at,
            });
            state.agent_id = Some(agent_id.clone());
            set_status(state, CaseStatus::Investigating, at);
        }
        Ev::ResponseIssued {
            text,
            agent_action_due,
        } => {
            state.response = Some(Response {
                text: text.clone(),
                immediate: false,
                at,
                agent_action_due: Some(*agent_action_due),
            });
            set_status(state, CaseStatus::Answered, at);
        }
        _ => evolve_resolution(state, event, at),
    }
}

/// The events from the follow-up on, and the SLA's.
fn evolve_resolution(state: &mut ComplaintState, event: &Ev, at: DateTime<Utc>) {
    match event {
        Ev::FollowUpOpened {} => set_status(state, CaseStatus::FollowUp, at),
        Ev::OutcomeAgreed { note } => {
            state.agreement = Some(Agreement {
                agreed: true,
                note: note.clone(),
                at,
            });
            resolve(state, at);
        }
        Ev::DepositDemanded {
            required_vnd,
            due,
            note,
        } => {
            state.agreement = Some(Agreement {
                agreed: false,
                note: note.clone(),
                at,
            });
            state.deposit = Some(Deposit {
                required_vnd: *required_vnd,
                demanded_at: at,
                due: *due,
                received_vnd: None,
                received_at: None,
                reference: None,
            });
            set_status(state, CaseStatus::DepositRequired, at);
        }
        Ev::EscalatedUnresolved { note } => {
            state.agreement = Some(Agreement {
                agreed: false,
                note: note.clone(),
                at,
            });
            state.escalation = Some(Escalation {
                at,
                note: note.clone(),
                decided_by: None,
                decision: None,
                decided_at: None,
                returned: false,
            });
            set_status(state, CaseStatus::Escalated, at);
        }
        Ev::EscalationSettled {
            decided_by,
            decision,
        } => {
            decide_escalation(state, decided_by, decision, false, at);
            resolve(state, at);
        }
        Ev::ReturnedToOfficer {
            decided_by,
            instructions,
        } => {
            decide_escalation(state, decided_by, instructions, true, at);
            set_status(state, CaseStatus::Analyzing, at);
        }
        Ev::AgentTokensLocked { .. } => {
            state.token_lock = Some(TokenLock {
                locked_at: at,
                unlocked_at: None,
            });
            set_status(state, CaseStatus::AgentLocked, at);
        }
        Ev::DepositReceived {
            amount_vnd,
            reference,
        } => {
            if let Some(deposit) = state.deposit.as_mut() {
                deposit.received_vnd = Some(*amount_vnd);
                deposit.received_at = Some(at);
                deposit.reference.clone_from(reference);
            }
            if let Some(lock) = state.token_lock.as_mut() {
                lock.unlocked_at = Some(at);
            }
            resolve(state, at);
        }
        Ev::SlaWarned {} => set_sla(state, SlaStatus::Warned),
        Ev::SlaBreached {} => {
            set_sla(state, SlaStatus::Breached);
            state.sla_breached = true;
        }
        Ev::Closed { summary, lessons } => {
            state.closing = Some(Closing {
                summary: summary.clone(),
                lessons: lessons.clone(),
                at,
            });
            set_status(state, CaseStatus::Closed, at);
        }
        _ => {}
    }
}

fn decide_escalation(
    state: &mut ComplaintState,
    decided_by: &str,
    decision: &str,
    returned: bool,
    at: DateTime<Utc>,
) {
    if let Some(escalation) = state.escalation.as_mut() {
        escalation.decided_by = Some(decided_by.to_owned());
        escalation.decision = Some(decision.to_owned());
        escalation.decided_at = Some(at);
        escalation.returned = returned;
    }
}

fn set_status(state: &mut ComplaintState, status: CaseStatus, at: DateTime<Utc>) {
    state.status = Some(status);
    state.history.push(StatusChange { status, at });
}

fn set_sla(state: &mut ComplaintState, status: SlaStatus) {
    if let Some(sla) = state.sla.as_mut() {
        sla.status = status;
    }
}

/// Resolved: the SLA clock stops (met, unless it was already breached).
fn resolve(state: &mut ComplaintState, at: DateTime<Utc>) {
    state.resolved_at = Some(at);
    if let Some(sla) = state
        .sla
        .as_mut()
        .filter(|s| matches!(s.status, SlaStatus::Running | SlaStatus::Warned))
    {
        sla.status = SlaStatus::Met;
    }
    set_status(state, CaseStatus::Resolved, at);
}
