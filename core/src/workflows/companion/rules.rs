//! How `companion` decides commands and deadlines, and folds its events (SPEC §2).

use super::Companion;
use super::CompanionDeadline;
use super::model::{
    AbandonReason, ChallengePurpose, CompanionCommand as Cmd, CompanionEffect as Fx,
    CompanionEvent as Ev, CompanionState, Parties, Party, Relationship, Request, RequestKind,
    RequestStatus,
};
use super::table::templates;
use crate::kernel::require_party;
use crate::kernel::{
    Actor, Channel, Context, Decision, Notification, Recipient, Rejection, RejectionCode, Timer,
    TypeName, Unfit, rfc3339,
};
use chrono::{DateTime, Utc};

type Ctx<'a> = Context<'a, Companion>;

pub(super) fn decide(
    state: &CompanionState,
    command: &Cmd,
    ctx: &Ctx<'_>,
) -> Result<Decision<Companion>, Rejection> {
    let party = party_of(state, ctx.actor)?;
    match command {
        Cmd::RequestUnlink {} => stage_request(state, party, RequestKind::Unlink, None, ctx),
        Cmd::RequestLink {} => stage_request(state, party, RequestKind::Link, None, ctx),
        Cmd::Resend { request_id } => {
            let old = visible_request(state, request_id, party)?;
            if old.requester != party {
                return Err(requester_only("resend"));
            }
            if !old.status.is_resendable() {
                return Err(Rejection::invalid_transition("resend", old.status.id()));
            }
            if let Some(newer) = &old.resent_as {
                return Err(Rejection::new(
                    RejectionCode::InvalidTransition,
                    "already_resent",
                    format!("Yêu cầu {request_id} đã được gửi lại thành {newer}."),
                    format!("Request {request_id} was already resent as {newer}."),
                ));
            }
            stage_request(state, party, old.kind, Some(old.id.clone()), ctx)
        }
        Cmd::OtpVerified { challenge_id } => {
            let (request, purpose) = challenge_of(state, challenge_id, party)?;
            Ok(match purpose {
                ChallengePurpose::Submit => submitted(state, request, ctx)?,
                ChallengePurpose::Confirm => completed(
                    state,
                    request,
                    Ev::RequestConfirmed {
                        request_id: request.id.clone(),
                    },
                ),
            })
        }
        Cmd::OtpFailed { challenge_id } => {
            let (request, purpose) = challenge_of(state, challenge_id, party)?;
            let failures = request
                .challenge
                .as_ref()
                .map_or(0, |c| c.failures)
                .saturating_add(1);
            let decision = Decision::of(Ev::OtpFailed {
                challenge_id: challenge_id.clone(),
                failures,
            });
            if failures < ctx.config.otp_max_failures {
                return Ok(decision);
            }
            Ok(decision.and(abandoned(request, purpose, AbandonReason::TooManyFailures)))
        }
        Cmd::Confirm { request_id } => stage_confirmation(
            state,
            request_id,
            party,
            RequestKind::Unlink,
            "confirm",
            ctx,
        ),
        Cmd::Accept { request_id } => {
            stage_confirmation(state, request_id, party, RequestKind::Link, "accept", ctx)
        }
        Cmd::Reject { request_id } => {
            let request = pending_for(state, request_id, party, "reject", Side::Counterparty)?;
            let event = Ev::RequestRejected {
                request_id: request.id.clone(),
            };
            Ok(called_off(
                state,
                request,
                event,
                templates::REQUEST_REJECTED,
                request.requester,
            ))
        }
        Cmd::Withdraw { request_id } => {
            let request = pending_for(state, request_id, party, "withdraw", Side::Requester)?;
            let event = Ev::RequestWithdrawn {
                request_id: request.id.clone(),
            };
            let counterparty = request.requester.other();
            Ok(called_off(
                state,
                request,
                event,
                templates::REQUEST_WITHDRAWN,
                counterparty,
            ))
        }
    }
}

pub(super) fn on_deadline(
    state: &CompanionState,
    timer: &Timer<'_, CompanionDeadline>,
) -> Result<Decision<Companion>, Unfit> {
    let request = open_request(state)
        .filter(|r| timer.target == Some(r.id.as_str()))
        .ok_or_else(|| Unfit::new("a companion deadline belongs to the open request"))?;
    Ok(match timer.kind {
        CompanionDeadline::OtpExpiry => {
            let purpose = request
                .challenge
                .as_ref()
                .map_or(ChallengePurpose::Submit, |c| c.purpose);
            Decision::of(abandoned(request, purpose, AbandonReason::OtpExpired))
        }
        CompanionDeadline::AutoConfirm => completed(
            state,
            request,
            Ev::RequestAutoConfirmed {
                request_id: request.id.clone(),
            },
        ),
        CompanionDeadline::LinkExpiry => Decision::of(Ev::RequestExpired {
            request_id: request.id.clone(),
        })
        .effect(in_app(
            state,
            templates::REQUEST_EXPIRED,
            request.requester,
            request,
        )),
    })
}

pub(super) fn open_request(state: &CompanionState) -> Option<&Request> {
    state.requests.last().filter(|r| r.status.is_open())
}

pub(super) fn evolve(
    state: &mut CompanionState,
    event: &Ev,
    at: DateTime<Utc>,
) -> Result<(), Unfit> {
    fits(state, event)?;
    match event {
        Ev::RequestStaged {
            request_id,
            kind,
            requester,
            resent_from,
            challenge_id,
            expires_at,
        } => {
            state.requests.push(Request {
                id: request_id.clone(),
                kind: *kind,
                requester: *requester,
                status: RequestStatus::AwaitingOtp,
                created_at: at,
                submitted_at: None,
                due: None,
                closed_at: None,
                resent_from: resent_from.clone(),
                resent_as: None,
                challenge: Some(super::model::Challenge {
                    id: challenge_id.clone(),
                    purpose: ChallengePurpose::Submit,
                    party: *requester,
                    expires_at: *expires_at,
                    failures: 0,
                }),
                challenges_issued: 1,
            });
        }
        Ev::OtpFailed { failures, .. } => {
            if let Some(c) = last_mut(state).challenge.as_mut() {
                c.failures = *failures;
            }
        }
        Ev::RequestSubmitted { due, .. } => fold_submitted(state, *due, at),
        Ev::RequestAbandoned { .. } => close(state, RequestStatus::Abandoned, at),
        Ev::ConfirmationStaged {
            challenge_id,
            expires_at,
            ..
        } => {
            let request = last_mut(state);
            request.challenges_issued += 1;
            request.challenge = Some(super::model::Challenge {
                id: challenge_id.clone(),
                purpose: ChallengePurpose::Confirm,
                party: request.requester.other(),
                expires_at: *expires_at,
                failures: 0,
            });
        }
        Ev::ConfirmationAbandoned { .. } => last_mut(state).challenge = None,
        Ev::RequestConfirmed { .. } | Ev::RequestAutoConfirmed { .. } => {
            let status = if matches!(event, Ev::RequestConfirmed { .. }) {
                RequestStatus::Confirmed
            } else {
                RequestStatus::AutoConfirmed
            };
            close(state, status, at);
            state.relationship = match last_mut(state).kind {
                RequestKind::Unlink => Relationship::Ended,
                RequestKind::Link => Relationship::Active,
            };
        }
        Ev::RequestRejected { .. } | Ev::RequestWithdrawn { .. } => {
            let status = if matches!(event, Ev::RequestRejected { .. }) {
                RequestStatus::Rejected
            } else {
                RequestStatus::Withdrawn
            };
            close(state, status, at);
            if state.relationship == Relationship::UnlinkPending {
                state.relationship = Relationship::Active;
            }
        }
        Ev::RequestExpired { .. } => close(state, RequestStatus::Expired, at),
    }
    Ok(())
}

/// A staged request became pending (the requester's OTP passed).
fn fold_submitted(state: &mut CompanionState, due: DateTime<Utc>, at: DateTime<Utc>) {
    let request = last_mut(state);
    request.status = RequestStatus::Pending;
    request.submitted_at = Some(at);
    request.due = Some(due);
    request.challenge = None;
    let (kind, new_id, old_id) = (
        request.kind,
        request.id.clone(),
        request.resent_from.clone(),
    );
    if kind == RequestKind::Unlink {
        state.relationship = Relationship::UnlinkPending;
    }
    // Only a resend has an old request to link; it is recent, so look from the newest.
    if let Some(old_id) = old_id
        && let Some(old) = state.requests.iter_mut().rev().find(|r| r.id == old_id)
    {
        old.resent_as = Some(new_id);
    }
}

/// Whether an event fits the state: it names the latest request (or stages a new one).
fn fits(state: &CompanionState, event: &Ev) -> Result<(), Unfit> {
    if let Some(id) = event_request(event)
        && state.requests.last().is_none_or(|r| r.id != id)
    {
        return Err(Unfit::new(format!(
            "`{}` names {id}, which is not the latest request",
            event.name()
        )));
    }
    if let Ev::RequestStaged { request_id, .. } = event
        && state.requests.iter().any(|r| r.id == *request_id)
    {
        return Err(Unfit::new(format!("request {request_id} exists already")));
    }
    if !matches!(event, Ev::RequestStaged { .. }) && state.requests.is_empty() {
        return Err(Unfit::new(format!("`{}` before any request", event.name())));
    }
    Ok(())
}

/// The request an event names, for the events about an existing request.
fn event_request(event: &Ev) -> Option<&str> {
    match event {
        Ev::RequestStaged { .. } | Ev::OtpFailed { .. } => None,
        Ev::RequestSubmitted { request_id, .. }
        | Ev::RequestAbandoned { request_id, .. }
        | Ev::ConfirmationStaged { request_id, .. }
        | Ev::ConfirmationAbandoned { request_id, .. }
        | Ev::RequestConfirmed { request_id, .. }
        | Ev::RequestAutoConfirmed { request_id, .. }
        | Ev::RequestRejected { request_id, .. }
        | Ev::RequestWithdrawn { request_id, .. }
        | Ev::RequestExpired { request_id, .. } => Some(request_id),
    }
}

fn last_mut(state: &mut CompanionState) -> &mut Request {
    state
        .requests
        .last_mut()
        .expect("events name the last request")
}

fn close(state: &mut CompanionState, status: RequestStatus, at: DateTime<Utc>) {
    let request = last_mut(state);
    request.status = status;
    request.closed_at = Some(at);
    request.due = None;
    request.challenge = None;
    forget_oldest_closed(state);
}

/// The number of the next request id: one more than the latest request's (`R7` → 8). The
/// latest request is never forgotten, so ids keep counting up and are never reused; in
/// states from before the history was capped this is `requests.len() + 1`, as it was.
fn next_request_number(state: &CompanionState) -> u64 {
    let count = state.requests.len() as u64;
    state.requests.last().map_or(0, |r| {
        r.id.strip_prefix('R')
            .and_then(|n| n.parse::<u64>().ok())
            .map_or(count, |n| n.max(count))
    }) + 1
}

/// Whether a closed request must stay beyond the cap: the latest request (the `request`
/// region shows it and the next id counts from it) and one the open request (`open`) is
/// linked to. A closed request that could still be resent is forgotten like any other once
/// it is among the oldest: otherwise a relationship whose requests keep being rejected would
/// keep every one of them, and its state would grow without bound.
fn kept(request: &Request, latest: bool, open: Option<&Request>) -> bool {
    let linked = open.is_some_and(|open| {
        open.resent_from.as_ref() == Some(&request.id)
            || request.resent_as.as_ref() == Some(&open.id)
    });
    request.status.is_open() || latest || linked
}

/// Drops the oldest closed requests beyond `max_closed_requests`, skipping those that
/// must stay (see [`kept`]). Part of the fold, so replaying the log forgets the same ones.
fn forget_oldest_closed(state: &mut CompanionState) {
    let cap = usize::try_from(state.max_closed_requests.max(1)).unwrap_or(usize::MAX);
    let closed = state
        .requests
        .iter()
        .filter(|r| !r.status.is_open())
        .count();
    let mut excess = closed.saturating_sub(cap);
    if excess == 0 {
        return;
    }
    let (open, last) = (open_request(state), state.requests.len() - 1);
    let forget: Vec<bool> = state
        .requests
        .iter()
        .enumerate()
        .map(|(index, request)| {
            let drop = excess > 0 && !kept(request, index == last, open);
            if drop {
                excess -= 1;
            }
            drop
        })
        .collect();
    let mut index = 0;
    state.requests.retain(|_| {
        index += 1;
        !forget[index - 1]
    });
}

/// The party the actor is, or `not_permitted` if the actor is not this relationship's.
pub(super) fn party_of(state: &CompanionState, actor: &Actor) -> Result<Party, Rejection> {
    let (party, id) = match actor.role.as_str() {
        "saco" => (Party::Saco, &state.saco_id),
        _ => (Party::Customer, &state.customer_id),
    };
    require_party(actor, id, "not_a_party", || {
        (
            format!("{} không thuộc quan hệ đồng hành này.", actor.id),
            format!("{} is not a party to this relationship.", actor.id),
        )
    })?;
    Ok(party)
}

fn requester_only(command: &str) -> Rejection {
    Rejection::new(
        RejectionCode::NotPermitted,
        "requester_only",
        format!("Chỉ người gửi yêu cầu mới được thực hiện `{command}`."),
        format!("Only the requester may `{command}` the request."),
    )
}

fn counterparty_only(command: &str) -> Rejection {
    Rejection::new(
        RejectionCode::NotPermitted,
        "counterparty_only",
        format!("Chỉ bên được yêu cầu mới được thực hiện `{command}`."),
        format!("Only the counterparty may `{command}` the request."),
    )
}

/// A request the party can see: a staged request is invisible to the counterparty.
fn visible_request<'a>(
    state: &'a CompanionState,
    request_id: &str,
    party: Party,
) -> Result<&'a Request, Rejection> {
    // Ids are unique and commands name recent requests: look from the newest.
    state
        .requests
        .iter()
        .rev()
        .find(|r| r.id == request_id && r.visible_to(party))
        .ok_or_else(|| Rejection::not_found("request_id", request_id))
}

/// Which side of a request may issue a command.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Requester,
    Counterparty,
}

/// The pending request `request_id`, if `party` is on the `side` that may act on it.
fn pending_for<'a>(
    state: &'a CompanionState,
    request_id: &str,
    party: Party,
    command: &str,
    side: Side,
) -> Result<&'a Request, Rejection> {
    let request = visible_request(state, request_id, party)?;
    let actual = if request.requester == party {
        Side::Requester
    } else {
        Side::Counterparty
    };
    if actual != side {
        return Err(match side {
            Side::Requester => requester_only(command),
            Side::Counterparty => counterparty_only(command),
        });
    }
    if request.status != RequestStatus::Pending {
        return Err(Rejection::invalid_transition(command, request.status.id()));
    }
    Ok(request)
}

fn stage_request(
    state: &CompanionState,
    party: Party,
    kind: RequestKind,
    resent_from: Option<String>,
    ctx: &Ctx<'_>,
) -> Result<Decision<Companion>, Rejection> {
    if let Some(open) = open_request(state) {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "open_request",
            format!("Đang có yêu cầu {} chưa hoàn tất.", open.id),
            format!("Request {} is still open.", open.id),
        ));
    }
    let allowed = match kind {
        RequestKind::Unlink => state.relationship == Relationship::Active,
        RequestKind::Link => matches!(state.relationship, Relationship::None | Relationship::Ended),
    };
    if !allowed {
        let command = match kind {
            RequestKind::Unlink => "request_unlink",
            RequestKind::Link => "request_link",
        };
        return Err(Rejection::invalid_transition(
            command,
            state.relationship.id(),
        ));
    }
    let request_id = format!("R{}", next_request_number(state));
    let challenge_id = format!("{request_id}-otp1");
    let expires_at = ctx.after_seconds(ctx.config.otp_lifetime_seconds)?;
    Ok(Decision::of(Ev::RequestStaged {
        request_id,
        kind,
        requester: party,
        resent_from,
        challenge_id: challenge_id.clone(),
        expires_at,
    })
    .effect(send_otp(
        state,
        challenge_id,
        party,
        ChallengePurpose::Submit,
        expires_at,
    )))
}

fn stage_confirmation(
    state: &CompanionState,
    request_id: &str,
    party: Party,
    kind: RequestKind,
    command: &str,
    ctx: &Ctx<'_>,
) -> Result<Decision<Companion>, Rejection> {
    let request = pending_for(state, request_id, party, command, Side::Counterparty)?;
    if request.kind != kind {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "request_kind",
            format!("`{command}` không áp dụng cho yêu cầu {request_id}."),
            format!(
                "`{command}` does not apply to request {request_id} (use `confirm` for unlink, `accept` for link)."
            ),
        ));
    }
    if let Some(open) = &request.challenge {
        return Err(Rejection::new(
            RejectionCode::OtpRequired,
            "challenge_open",
            format!("Vui lòng hoàn tất OTP {} trước.", open.id),
            format!("Complete OTP challenge {} first.", open.id),
        ));
    }
    let challenge_id = format!("{}-otp{}", request.id, request.challenges_issued + 1);
    let expires_at = ctx.after_seconds(ctx.config.otp_lifetime_seconds)?;
    Ok(Decision::of(Ev::ConfirmationStaged {
        request_id: request.id.clone(),
        challenge_id: challenge_id.clone(),
        expires_at,
    })
    .effect(send_otp(
        state,
        challenge_id,
        party,
        ChallengePurpose::Confirm,
        expires_at,
    )))
}

/// The open request holding challenge `challenge_id`, if `party` must complete it.
fn challenge_of<'a>(
    state: &'a CompanionState,
    challenge_id: &str,
    party: Party,
) -> Result<(&'a Request, ChallengePurpose), Rejection> {
    let (request, challenge) = open_request(state)
        .and_then(|r| {
            r.challenge
                .as_ref()
                .filter(|c| c.id == challenge_id)
                .map(|c| (r, c))
        })
        .ok_or_else(|| Rejection::not_found("challenge_id", challenge_id))?;
    if challenge.party != party {
        return Err(Rejection::new(
            RejectionCode::NotPermitted,
            "challenge_owner",
            "Chỉ người nhận OTP mới được xác thực.",
            "Only the party the OTP was sent to may complete it.",
        ));
    }
    Ok((request, challenge.purpose))
}

fn submitted(
    state: &CompanionState,
    request: &Request,
    ctx: &Ctx<'_>,
) -> Result<Decision<Companion>, Rejection> {
    let (lifetime, template) = match request.kind {
        RequestKind::Unlink => (
            ctx.config.auto_confirm_after_seconds,
            templates::UNLINK_REQUESTED,
        ),
        RequestKind::Link => (
            ctx.config.link_request_ttl_seconds,
            templates::LINK_REQUESTED,
        ),
    };
    let due = ctx.after_seconds(lifetime)?;
    let mut decision = Decision::of(Ev::RequestSubmitted {
        request_id: request.id.clone(),
        due,
    });
    if request.kind == RequestKind::Unlink {
        decision = decision.effect(Fx::SuspendTradingRights(parties(state)));
    }
    let counterparty = request.requester.other();
    let mut notice =
        in_app_notification(state, template, counterparty, request).with("due", rfc3339(due));
    notice = match counterparty {
        Party::Customer => notice
            .with("inbox", "Tin nhắn → Thông báo - Cập nhật")
            .with("banner", "Được đồng hành cùng"),
        Party::Saco => notice.with("list", "Danh sách yêu cầu"),
    };
    Ok(decision.effect(Fx::Notify(notice)))
}

/// A pending request is rejected or withdrawn: an unlink gives the SACO its trading rights
/// back, and `to` is told.
fn called_off(
    state: &CompanionState,
    request: &Request,
    event: Ev,
    template: &str,
    to: Party,
) -> Decision<Companion> {
    let mut decision = Decision::of(event);
    if request.kind == RequestKind::Unlink {
        decision = decision.effect(Fx::RestoreTradingRights(parties(state)));
    }
    decision.effect(in_app(state, template, to, request))
}

/// The request is confirmed (by OTP or automatically): the relationship ends or starts.
fn completed(state: &CompanionState, request: &Request, event: Ev) -> Decision<Companion> {
    let how = if matches!(event, Ev::RequestAutoConfirmed { .. }) {
        "auto_confirmed"
    } else {
        "confirmed"
    };
    let (template, effects) = match request.kind {
        RequestKind::Unlink => (
            templates::UNLINK_COMPLETED,
            [
                Fx::RevokeCompanionAccess(parties(state)),
                Fx::RemoveFromSacoList(parties(state)),
            ],
        ),
        RequestKind::Link => (
            templates::LINK_COMPLETED,
            [
                Fx::GrantCompanionAccess(parties(state)),
                Fx::AddToSacoList(parties(state)),
            ],
        ),
    };
    let email = Notification::new(Channel::Email, template)
        .to(recipient(state, Party::Customer))
        .to(recipient(state, Party::Saco))
        .with("request_id", request.id.clone())
        .with("account", state.account.clone())
        .with("how", how);
    Decision::of(event)
        .effects(effects)
        .effect(Fx::Notify(email))
}

fn abandoned(request: &Request, purpose: ChallengePurpose, reason: AbandonReason) -> Ev {
    let request_id = request.id.clone();
    match purpose {
        ChallengePurpose::Submit => Ev::RequestAbandoned { request_id, reason },
        ChallengePurpose::Confirm => Ev::ConfirmationAbandoned { request_id, reason },
    }
}

fn parties(state: &CompanionState) -> Parties {
    Parties {
        saco_id: state.saco_id.clone(),
        customer_id: state.customer_id.clone(),
        account: state.account.clone(),
    }
}

fn recipient(state: &CompanionState, party: Party) -> Recipient {
    let id = match party {
        Party::Saco => &state.saco_id,
        Party::Customer => &state.customer_id,
    };
    Recipient::new(party.role(), id.clone())
}

fn send_otp(
    state: &CompanionState,
    challenge_id: String,
    party: Party,
    purpose: ChallengePurpose,
    expires_at: DateTime<Utc>,
) -> Fx {
    Fx::SendOtp {
        challenge_id,
        to: recipient(state, party),
        purpose,
        expires_at,
    }
}

fn in_app_notification(
    state: &CompanionState,
    template: &str,
    to: Party,
    request: &Request,
) -> Notification {
    Notification::new(Channel::InApp, template)
        .to(recipient(state, to))
        .with("request_id", request.id.clone())
        .with(
            "kind",
            match request.kind {
                RequestKind::Unlink => "unlink",
                RequestKind::Link => "link",
            },
        )
        .with("requester", request.requester.role())
}

fn in_app(state: &CompanionState, template: &str, to: Party, request: &Request) -> Fx {
    Fx::Notify(in_app_notification(state, template, to, request))
}
