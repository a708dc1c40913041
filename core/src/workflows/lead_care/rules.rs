//! How `lead_care` decides commands and deadlines, and folds its events (SPEC §3).

use super::LeadCare;
use super::model::{
    Batch, BatchStatus, CompensationRequest, CompensationStatus, ContactEntry, Lead,
    LeadCareCommand as Cmd, LeadCareConfig, LeadCareEffect as Fx, LeadCareEvent as Ev,
    LeadCareState, MAX_CONTACT_ENTRIES, MAX_ID_CHARS, MAX_TEXT_CHARS, NewLead, Replacement, Review,
    valid_id,
};
use super::queries::confirm_token;
use super::table::templates;
use crate::kernel::{Actor, require_party};
use crate::kernel::{
    Basis, Capacity, Channel, Context, Decision, Label, Notification, Recipient, Rejection,
    RejectionCode, Timer, Unfit, rfc3339,
};
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::HashSet;

type Ctx<'a> = Context<'a, LeadCare>;
type Decided = Result<Decision<LeadCare>, Rejection>;

/// The deadline kinds of `lead_care`.
///
/// ```
/// use quytrinh::workflows::lead_care::LeadCareDeadline;
/// use quytrinh::kernel::DeadlineKind;
/// assert_eq!(LeadCareDeadline::ReviewDue.name(), "review_due");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum LeadCareDeadline {
    /// The reviewers' working days for a batch end (target: the batch id).
    ReviewDue,
}

/// The role of the reviewers, recipients of the batch notifications.
const REVIEWER: &str = "reviewer";

pub(super) fn decide(state: &LeadCareState, command: &Cmd, ctx: &Ctx<'_>) -> Decided {
    match command {
        Cmd::DeliverLeads { leads } => deliver(state, ctx, leads),
        Cmd::UpdateStatus {
            lead_id,
            status,
            note,
        } => update_status(state, ctx, lead_id, status, note),
        Cmd::RequestCompensation { lead_id, reason } => {
            request_compensation(state, ctx, lead_id, reason)
        }
        Cmd::WithdrawCompensation { lead_id } => {
            owner(state, ctx)?;
            let lead = lead(state, lead_id)?;
            match state.active_request(lead_id) {
                Some(r) if r.state == CompensationStatus::Draft => {
                    Ok(Decision::of(Ev::CompensationWithdrawn {
                        request_no: r.request_no,
                        lead_id: lead.lead_id.clone(),
                    }))
                }
                Some(r) => Err(Rejection::invalid_transition(
                    "withdraw_compensation",
                    r.state.id(),
                )),
                None => Err(Rejection::new(
                    RejectionCode::InvalidTransition,
                    "no_draft",
                    format!("Khách hàng {} không có yêu cầu bù nháp.", lead.lead_id),
                    format!("Lead {} has no draft request.", lead.lead_id),
                )),
            }
        }
        Cmd::SubmitForReview { confirm_token } => submit(state, ctx, confirm_token),
        Cmd::Decide {
            lead_id,
            approve,
            note,
        } => decide_request(state, ctx, lead_id, *approve, note.as_deref()),
    }
}

fn update_status(
    state: &LeadCareState,
    ctx: &Ctx<'_>,
    lead_id: &str,
    status: &str,
    note: &str,
) -> Decided {
    owner(state, ctx)?;
    let lead = lead(state, lead_id)?;
    if let Some(r) = state
        .active_request(lead_id)
        .filter(|r| r.state.freezes_lead())
    {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "lead_frozen",
            format!(
                "Khách hàng {} đang có yêu cầu bù ở trạng thái `{}`: không thể cập nhật trạng thái.",
                lead.lead_id,
                r.state.id()
            ),
            format!(
                "Lead {} has a compensation request {}: its status is frozen.",
                lead.lead_id,
                r.state.id()
            ),
        ));
    }
    if ctx.config.status(status).is_none() {
        return Err(Rejection::invalid_field(
            "status",
            format!("Trạng thái `{status}` không có trong danh mục."),
            format!("`{status}` is not a status of the catalogue."),
        ));
    }
    required_text("note", note)?;
    CONTACTS.check(MAX_CONTACT_ENTRIES, lead.contact_history.len(), 1)?;
    Ok(Decision::of(Ev::StatusUpdated {
        lead_id: lead.lead_id.clone(),
        status: status.to_owned(),
        note: note.to_owned(),
        actor_id: ctx.actor.id.clone(),
    }))
}

fn request_compensation(
    state: &LeadCareState,
    ctx: &Ctx<'_>,
    lead_id: &str,
    reason: &str,
) -> Decided {
    owner(state, ctx)?;
    let lead = lead(state, lead_id)?;
    if !ctx
        .config
        .status(&lead.status)
        .is_some_and(|s| s.compensable)
    {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "status_not_compensable",
            format!("Trạng thái `{}` không thuộc diện được bù.", lead.status),
            format!("Status `{}` is not compensable.", lead.status),
        ));
    }
    let window_end = lead
        .delivered_at
        .checked_add_signed(TimeDelta::days(i64::from(ctx.config.claim_window_days)))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    if ctx.at > window_end {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "claim_window_passed",
            format!(
                "Đã quá {} ngày kể từ khi nhận khách hàng (hạn {}).",
                ctx.config.claim_window_days,
                rfc3339(window_end)
            ),
            format!(
                "More than {} days since the lead was delivered (until {}).",
                ctx.config.claim_window_days,
                rfc3339(window_end)
            ),
        ));
    }
    if let Some(r) = state.active_request(lead_id) {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "request_exists",
            format!(
                "Khách hàng {} đã có yêu cầu bù số {} ({}).",
                lead.lead_id,
                r.request_no,
                r.state.id()
            ),
            format!(
                "Lead {} already has request {} ({}).",
                lead.lead_id,
                r.request_no,
                r.state.id()
            ),
        ));
    }
    required_text("reason", reason)?;
    Ok(Decision::of(Ev::CompensationRequested {
        request_no: next_request_no(state),
        lead_id: lead.lead_id.clone(),
        reason: reason.to_owned(),
    }))
}

fn deliver(state: &LeadCareState, ctx: &Ctx<'_>, leads: &[NewLead]) -> Decided {
    if leads.is_empty() {
        return Err(Rejection::invalid_field(
            "leads",
            "Cần ít nhất một khách hàng.",
            "Deliver at least one lead.",
        ));
    }
    room_for_leads(ctx.config, state.leads.len(), leads.len())?;
    let (mut ids, mut replaced_here) = (HashSet::new(), HashSet::new());
    for new in leads {
        if !valid_id(&new.lead_id) {
            return Err(bad_id("lead_id"));
        }
        if state.lead(&new.lead_id).is_some() || !ids.insert(new.lead_id.as_str()) {
            return Err(Rejection::invalid_field(
                "lead_id",
                format!("Khách hàng `{}` đã có trong gói.", new.lead_id),
                format!("Lead `{}` is already in the package.", new.lead_id),
            ));
        }
        if !valid_id(&new.customer_id) {
            return Err(bad_id("customer_id"));
        }
        let Some(replaced) = &new.replaces else {
            continue;
        };
        lead(state, replaced).map_err(|_| Rejection::not_found("replaces", replaced))?;
        let approved = state
            .requests
            .iter()
            .find(|r| r.lead_id == *replaced && r.state == CompensationStatus::Approved);
        match approved {
            None => {
                return Err(Rejection::new(
                    RejectionCode::InvalidTransition,
                    "replaces_not_approved",
                    format!("Khách hàng {replaced} không có yêu cầu bù đã được duyệt."),
                    format!("Lead {replaced} has no approved compensation request."),
                ));
            }
            Some(r) if r.replaced_by.is_some() || !replaced_here.insert(replaced.as_str()) => {
                return Err(Rejection::new(
                    RejectionCode::InvalidTransition,
                    "already_replaced",
                    format!("Khách hàng {replaced} đã được bù."),
                    format!("Lead {replaced} was already replaced."),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(Decision::of(Ev::LeadsDelivered {
        leads: leads.to_vec(),
        status: ctx.config.initial_status.clone(),
    }))
}

/// The cap on a package's leads ([`LeadCareConfig::max_leads`]).
const LEADS: Capacity = Capacity::new("max_leads", Label::new("khách hàng", "leads"));

/// `limit_reached` on `max_leads` when a package holding `held` leads cannot take `adding`.
pub(super) fn room_for_leads(
    config: &LeadCareConfig,
    held: usize,
    adding: usize,
) -> Result<(), Rejection> {
    LEADS.check(config.max_leads, held, adding)
}

/// The cap on a lead's contact history ([`MAX_CONTACT_ENTRIES`]).
const CONTACTS: Capacity = Capacity::new(
    "contact_history",
    Label::new("lần tiếp xúc", "contact entries"),
);

fn submit(state: &LeadCareState, ctx: &Ctx<'_>, token: &str) -> Decided {
    owner(state, ctx)?;
    let request_nos: Vec<u32> = state
        .requests
        .iter()
        .filter(|r| r.state == CompensationStatus::Draft)
        .map(|r| r.request_no)
        .collect();
    if request_nos.is_empty() {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "no_drafts",
            "Danh sách yêu cầu bù đang trống: chưa có gì để gửi xét duyệt.",
            "The list of compensation requests is empty: nothing to submit.",
        ));
    }
    if let Some(open) = state.open_batch() {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "batch_in_review",
            format!(
                "Đợt {} đang được xét duyệt; các yêu cầu mới sẽ được gửi ở đợt sau.",
                open.batch_id
            ),
            format!(
                "Batch {} is in review; new requests wait for the next batch.",
                open.batch_id
            ),
        ));
    }
    if token != confirm_token(state) {
        return Err(Rejection::new(
            RejectionCode::ValidationFailed,
            "stale_token",
            "Danh sách yêu cầu bù đã thay đổi từ khi xem lại: hãy xem lại và xác nhận lần nữa.",
            "The list of requests changed since it was previewed: preview and confirm again.",
        ));
    }
    let batch_id = format!("B{}", state.batches.len() + 1);
    // The configured working days on the instance's business calendar.
    let review_due = ctx.after_business(i64::from(ctx.config.review_working_days) * 86_400)?;
    let notice = Notification::new(Channel::InApp, templates::BATCH_SUBMITTED)
        .to(Recipient::new(REVIEWER, ctx.config.review_queue.clone()))
        .with("package_id", state.package_id.clone())
        .with("consultant_id", state.consultant_id.clone())
        .with("batch_id", batch_id.clone())
        .with("requests", request_nos.len().to_string())
        .with("review_due", rfc3339(review_due));
    Ok(Decision::of(Ev::BatchSubmitted {
        batch_id,
        request_nos,
        review_due,
    })
    .effect(Fx::Notify(notice)))
}

fn decide_request(
    state: &LeadCareState,
    ctx: &Ctx<'_>,
    lead_id: &str,
    approve: bool,
    note: Option<&str>,
) -> Decided {
    let lead = lead(state, lead_id)?;
    let Some(request) = state
        .active_request(lead_id)
        .filter(|r| r.state == CompensationStatus::InReview)
    else {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "not_in_review",
            format!("Khách hàng {lead_id} không có yêu cầu bù đang xét duyệt."),
            format!("Lead {lead_id} has no compensation request in review."),
        ));
    };
    if let Some(note) = note {
        required_text("note", note)?;
    }
    let mut decision = Decision::of(Ev::CompensationDecided {
        request_no: request.request_no,
        lead_id: lead.lead_id.clone(),
        approved: approve,
        note: note.map(str::to_owned),
        reviewer_id: ctx.actor.id.clone(),
    });
    if approve {
        decision = decision.effect(Fx::AllocateReplacementLead(Replacement {
            package_id: state.package_id.clone(),
            consultant_id: state.consultant_id.clone(),
            lead_id: lead.lead_id.clone(),
            customer_id: lead.customer_id.clone(),
        }));
    }
    let Some(batch) = state.open_batch() else {
        return Ok(decision);
    };
    let in_batch = |r: &&CompensationRequest| batch.request_nos.contains(&r.request_no);
    let undecided = state
        .requests
        .iter()
        .filter(in_batch)
        .filter(|r| r.state == CompensationStatus::InReview)
        .count();
    if undecided > 1 {
        return Ok(decision);
    }
    // The last one: the batch closes with one notification to the consultant's account.
    let mut results: Vec<(u32, &str, bool)> = state
        .requests
        .iter()
        .filter(in_batch)
        .filter_map(|r| {
            let approved = if r.request_no == request.request_no {
                approve
            } else {
                r.review.as_ref()?.approved
            };
            Some((r.request_no, r.lead_id.as_str(), approved))
        })
        .collect();
    results.sort_unstable_by_key(|(no, _, _)| *no);
    let approved = count(results.iter().filter(|(_, _, a)| *a).count());
    let rejected = count(results.len()) - approved;
    let list = results
        .iter()
        .map(|(_, lead, a)| format!("{lead}:{}", if *a { "approved" } else { "rejected" }))
        .collect::<Vec<_>>()
        .join(",");
    let notice = Notification::new(Channel::InApp, templates::BATCH_DECIDED)
        .to(Recipient::new("consultant", state.consultant_id.clone()))
        .with("package_id", state.package_id.clone())
        .with("batch_id", batch.batch_id.clone())
        .with("approved", approved.to_string())
        .with("rejected", rejected.to_string())
        .with("results", list);
    Ok(decision
        .and(Ev::BatchDecided {
            batch_id: batch.batch_id.clone(),
            approved,
            rejected,
        })
        .effect(Fx::Notify(notice)))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(super) fn on_deadline(
    state: &LeadCareState,
    deadline: &Timer<'_, LeadCareDeadline>,
    ctx: &Ctx<'_>,
) -> Result<Decision<LeadCare>, Unfit> {
    // The only kind: `review_due` of the batch it names.
    let batch = state
        .batches
        .iter()
        .find(|b| Some(b.batch_id.as_str()) == deadline.target && b.status == BatchStatus::InReview)
        .ok_or_else(|| Unfit::new("review_due names no batch in review"))?;
    let batch_id = batch.batch_id.clone();
    let undecided = state
        .requests
        .iter()
        .filter(|r| {
            batch.request_nos.contains(&r.request_no) && r.state == CompensationStatus::InReview
        })
        .count();
    let notice = Notification::new(Channel::InApp, templates::REVIEW_OVERDUE)
        .to(Recipient::new(REVIEWER, ctx.config.review_queue.clone()))
        .with("package_id", state.package_id.clone())
        .with("batch_id", batch_id.clone())
        .with("undecided", undecided.to_string())
        .with("review_due", rfc3339(deadline.due));
    Ok(Decision::of(Ev::ReviewOverdue { batch_id }).effect(Fx::Notify(notice)))
}

/// The pending deadlines: `review_due` of the batch in
/// review (fired once: an overdue batch has none).
pub(super) fn pending(state: &LeadCareState) -> impl Iterator<Item = Timer<'_, LeadCareDeadline>> {
    state
        .open_batch()
        .filter(|b| b.status == BatchStatus::InReview)
        .map(|b| {
            Timer::new(LeadCareDeadline::ReviewDue, b.review_due, Basis::Business).on(&b.batch_id)
        })
        .into_iter()
}

/// Whether an event fits the state: the lead, request or batch it names exists.
fn fits(state: &LeadCareState, event: &Ev) -> Result<(), Unfit> {
    let lead = |id: &str| {
        state
            .lead(id)
            .map(|_| ())
            .ok_or_else(|| Unfit::new(format!("no lead {id}")))
    };
    let request = |no: u32| {
        if state.requests.iter().any(|r| r.request_no == no) {
            Ok(())
        } else {
            Err(Unfit::new(format!("no compensation request {no}")))
        }
    };
    let batch = |id: &str| {
        if state.batches.iter().any(|b| b.batch_id == id) {
            Ok(())
        } else {
            Err(Unfit::new(format!("no batch {id}")))
        }
    };
    match event {
        Ev::LeadsDelivered { leads, .. } => {
            match leads.iter().find(|l| state.lead(&l.lead_id).is_some()) {
                Some(l) => Err(Unfit::new(format!("lead {} exists already", l.lead_id))),
                None => Ok(()),
            }
        }
        Ev::StatusUpdated { lead_id, .. } => lead(lead_id),
        Ev::CompensationRequested {
            request_no,
            lead_id,
            ..
        } => {
            lead(lead_id)?;
            match request(*request_no) {
                Ok(()) => Err(Unfit::new(format!(
                    "compensation request {request_no} exists already"
                ))),
                Err(_) => Ok(()),
            }
        }
        Ev::CompensationWithdrawn { request_no, .. }
        | Ev::CompensationDecided { request_no, .. } => request(*request_no),
        Ev::BatchSubmitted { request_nos, .. } => {
            request_nos.iter().try_for_each(|no| request(*no))
        }
        Ev::BatchDecided { batch_id, .. } | Ev::ReviewOverdue { batch_id } => batch(batch_id),
    }
}

pub(super) fn evolve(
    state: &mut LeadCareState,
    event: &Ev,
    at: DateTime<Utc>,
) -> Result<(), Unfit> {
    fits(state, event)?;
    match event {
        Ev::LeadsDelivered { leads, status } => delivered(state, leads, status, at),
        Ev::StatusUpdated {
            lead_id,
            status,
            note,
            actor_id,
        } => {
            if let Some(lead) = state.leads.by_id_mut(lead_id) {
                lead.status.clone_from(status);
                lead.contact_history.push(ContactEntry {
                    at,
                    status: status.clone(),
                    note: note.clone(),
                    actor_id: actor_id.clone(),
                });
            }
        }
        Ev::CompensationRequested {
            request_no,
            lead_id,
            reason,
        } => requested(state, *request_no, lead_id, reason, at),
        Ev::CompensationWithdrawn { request_no, .. } => {
            if let Some(r) = request_mut(state, *request_no) {
                r.state = CompensationStatus::Withdrawn;
                r.withdrawn_at = Some(at);
            }
        }
        Ev::BatchSubmitted {
            batch_id,
            request_nos,
            review_due,
        } => {
            for no in request_nos {
                if let Some(r) = request_mut(state, *no) {
                    r.state = CompensationStatus::InReview;
                    r.batch_id = Some(batch_id.clone());
                }
            }
            state.batches.push(Batch {
                batch_id: batch_id.clone(),
                submitted_at: at,
                review_due: *review_due,
                request_nos: request_nos.clone(),
                status: BatchStatus::InReview,
                closed_at: None,
            });
        }
        Ev::CompensationDecided {
            request_no,
            approved,
            note,
            reviewer_id,
            ..
        } => {
            if let Some(r) = request_mut(state, *request_no) {
                r.state = if *approved {
                    CompensationStatus::Approved
                } else {
                    CompensationStatus::Rejected
                };
                r.review = Some(Review {
                    approved: *approved,
                    note: note.clone(),
                    reviewer_id: reviewer_id.clone(),
                    at,
                });
            }
        }
        Ev::BatchDecided { batch_id, .. } => {
            if let Some(b) = state.batches.iter_mut().find(|b| b.batch_id == *batch_id) {
                b.status = BatchStatus::Decided;
                b.closed_at = Some(at);
            }
        }
        Ev::ReviewOverdue { batch_id } => {
            if let Some(b) = state.batches.iter_mut().find(|b| b.batch_id == *batch_id) {
                b.status = BatchStatus::Overdue;
            }
        }
    }
    Ok(())
}

fn delivered(state: &mut LeadCareState, leads: &[NewLead], status: &str, at: DateTime<Utc>) {
    for new in leads {
        state.leads.push(Lead {
            lead_id: new.lead_id.clone(),
            customer_id: new.customer_id.clone(),
            delivered_at: at,
            status: status.to_owned(),
            replaces: new.replaces.clone(),
            contact_history: Vec::new(),
        });
        if let Some(replaced) = &new.replaces
            && let Some(r) = state.requests.iter_mut().find(|r| {
                r.lead_id == *replaced
                    && r.state == CompensationStatus::Approved
                    && r.replaced_by.is_none()
            })
        {
            r.replaced_by = Some(new.lead_id.clone());
        }
    }
}

fn requested(
    state: &mut LeadCareState,
    request_no: u32,
    lead_id: &str,
    reason: &str,
    at: DateTime<Utc>,
) {
    let (customer_id, status) = state
        .lead(lead_id)
        .map(|l| (l.customer_id.clone(), l.status.clone()))
        .unwrap_or_default();
    state.requests.push(CompensationRequest {
        request_no,
        lead_id: lead_id.to_owned(),
        customer_id,
        status,
        reason: reason.to_owned(),
        requested_at: at,
        state: CompensationStatus::Draft,
        batch_id: None,
        withdrawn_at: None,
        review: None,
        replaced_by: None,
    });
}

fn request_mut(state: &mut LeadCareState, request_no: u32) -> Option<&mut CompensationRequest> {
    state
        .requests
        .iter_mut()
        .find(|r| r.request_no == request_no)
}

fn next_request_no(state: &LeadCareState) -> u32 {
    count(state.requests.len()).saturating_add(1)
}

/// `Ok` when `actor` is the package's consultant, else `not_permitted` (rule
/// `owning_consultant`): the package is another consultant's.
pub(super) fn owning_consultant(state: &LeadCareState, actor: &Actor) -> Result<(), Rejection> {
    require_party(actor, &state.consultant_id, "owning_consultant", || {
        (
            format!(
                "Gói tài khoản {} thuộc đối tác khác: chỉ chủ gói mới được thao tác.",
                state.package_id
            ),
            format!(
                "Package {} belongs to another consultant: only its owner may act on it.",
                state.package_id
            ),
        )
    })
}

fn owner(state: &LeadCareState, ctx: &Ctx<'_>) -> Result<(), Rejection> {
    owning_consultant(state, ctx.actor)
}

fn lead<'a>(state: &'a LeadCareState, lead_id: &str) -> Result<&'a Lead, Rejection> {
    state
        .lead(lead_id)
        .ok_or_else(|| Rejection::not_found("lead_id", lead_id))
}

pub(super) fn bad_id(field: &'static str) -> Rejection {
    Rejection::invalid_field(
        field,
        format!("`{field}` phải có 1–{MAX_ID_CHARS} ký tự, không có khoảng trắng."),
        format!("`{field}` must have 1 to {MAX_ID_CHARS} characters and no spaces."),
    )
}

/// A required free text: not blank, at most [`MAX_TEXT_CHARS`] characters.
fn required_text(field: &'static str, value: &str) -> Result<(), Rejection> {
    crate::kernel::required_text(field, value, MAX_TEXT_CHARS)
}
