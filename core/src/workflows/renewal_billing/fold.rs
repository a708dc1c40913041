//! How `renewal_billing` folds its events into the state.

use super::messages::RenewalBillingEvent as Ev;
use super::model::{
    Payment, PaymentRequest, PaymentRequestStatus, RenewalBillingState, Resend, SubscriptionStatus,
    SupportAction, SupportEntry,
};
use super::table::CSM;
use crate::kernel::{Unfit, Vnd};
use chrono::{DateTime, Utc};

/// Whether an event fits the state: the request it names exists (and is new for an issue).
fn fits(state: &RenewalBillingState, event: &Ev) -> Result<(), Unfit> {
    match (event, event.request_id()) {
        (Ev::RequestIssued { request_id, .. }, _) => {
            if state.request(request_id).is_some() {
                Err(Unfit::new(format!("request {request_id} exists already")))
            } else {
                Ok(())
            }
        }
        (_, Some(id)) if state.request(id).is_none() => Err(Unfit::new(format!("no request {id}"))),
        _ => Ok(()),
    }
}

pub(super) fn evolve(
    state: &mut RenewalBillingState,
    event: &Ev,
    at: DateTime<Utc>,
) -> Result<(), Unfit> {
    fits(state, event)?;
    match event {
        Ev::SubscriptionLapsed { .. } => state.status = SubscriptionStatus::Lapsed,
        Ev::BuyerInfoUpdated { buyer, actor_id } => {
            state.buyer = buyer.clone();
            let action = SupportAction::BuyerInfoUpdated {
                buyer: buyer.clone(),
            };
            state.history.push(entry(at, actor_id, None, action));
        }
        Ev::InvoiceInfoUpdated { invoice, actor_id } => {
            state.invoice_info = invoice.clone();
            let action = SupportAction::InvoiceInfoUpdated {
                invoice: invoice.clone(),
            };
            state.history.push(entry(at, actor_id, None, action));
        }
        Ev::NoteAdded { text, actor_id } => {
            let action = SupportAction::Note { text: text.clone() };
            state.history.push(entry(at, actor_id, None, action));
        }
        Ev::RequestIssued { .. } => issued(state, event, at),
        Ev::RequestCancelled { .. } | Ev::RenewalRefused { .. } | Ev::RequestResent { .. } => {
            csm_action(state, event, at);
        }
        _ => progress(state, event, at),
    }
    Ok(())
}

/// A support-history entry.
fn entry(
    at: DateTime<Utc>,
    actor_id: &str,
    request_id: Option<&str>,
    action: SupportAction,
) -> SupportEntry {
    SupportEntry {
        at,
        actor_id: actor_id.to_owned(),
        request_id: request_id.map(str::to_owned),
        action,
    }
}

/// A request issued (by a csm: in the support history).
fn issued(state: &mut RenewalBillingState, event: &Ev, at: DateTime<Utc>) {
    let Ev::RequestIssued {
        request_id,
        term,
        package,
        amount,
        reference,
        period_start,
        period_end,
        reminders,
        by,
    } = event
    else {
        return;
    };
    state.requests.push(PaymentRequest {
        request_id: request_id.clone(),
        term: *term,
        package: package.clone(),
        amount: *amount,
        reference: reference.clone(),
        period_start: *period_start,
        period_end: *period_end,
        status: PaymentRequestStatus::Issued,
        issued_at: at,
        issued_by: by.clone(),
        opened_at: None,
        reported_paid_at: None,
        reconcile_by: None,
        reconcile_overdue_at: None,
        reminders: reminders.clone(),
        resends: Vec::new(),
        payments: Vec::new(),
        paid_total: Vnd::ZERO,
        closed_at: None,
        close_reason: None,
        invoice: None,
    });
    if by.role == CSM {
        let entry = entry(
            at,
            &by.id,
            Some(request_id),
            SupportAction::RequestIssued {},
        );
        state.history.push(entry);
    }
}

/// A csm's action on a request (in the support history).
fn csm_action(state: &mut RenewalBillingState, event: &Ev, at: DateTime<Utc>) {
    let history = |actor_id: &str, request_id: Option<&str>, action: SupportAction| {
        entry(at, actor_id, request_id, action)
    };
    match event {
        Ev::RequestResent {
            request_id,
            channel,
            actor_id,
        } => {
            if let Some(r) = request_mut(state, request_id) {
                r.resends.push(Resend {
                    at,
                    channel: *channel,
                    actor_id: actor_id.clone(),
                });
            }
            let entry = history(
                actor_id,
                Some(request_id),
                SupportAction::Resent { channel: *channel },
            );
            state.history.push(entry);
        }
        Ev::RequestCancelled {
            request_id,
            reason,
            actor_id,
        } => {
            close(
                state,
                request_id,
                PaymentRequestStatus::Cancelled,
                Some(reason),
                at,
            );
            let action = SupportAction::Cancelled {
                reason: reason.clone(),
            };
            state
                .history
                .push(history(actor_id, Some(request_id), action));
        }
        Ev::RenewalRefused {
            request_id,
            reason,
            actor_id,
        } => {
            close(
                state,
                request_id,
                PaymentRequestStatus::RefusedRenewal,
                Some(reason),
                at,
            );
            let action = SupportAction::RefusedRenewal {
                reason: reason.clone(),
            };
            state
                .history
                .push(history(actor_id, Some(request_id), action));
        }
        _ => {}
    }
}

/// The customer's, the gateway's and the deadlines' steps of a request.
fn progress(state: &mut RenewalBillingState, event: &Ev, at: DateTime<Utc>) {
    match event {
        Ev::RequestOpened { request_id } => {
            if let Some(r) = request_mut(state, request_id) {
                r.status = PaymentRequestStatus::Opened;
                r.opened_at = Some(at);
            }
        }
        Ev::PaymentReported {
            request_id,
            reconcile_by,
        } => {
            if let Some(r) = request_mut(state, request_id) {
                r.status = PaymentRequestStatus::CustomerReportedPaid;
                r.reported_paid_at = Some(at);
                r.reconcile_by = Some(*reconcile_by);
            }
        }
        Ev::PaymentRecorded {
            request_id,
            amount,
            reference,
            total,
            ..
        } => {
            if let Some(r) = request_mut(state, request_id) {
                r.payments.push(Payment {
                    at,
                    amount: *amount,
                    reference: reference.clone(),
                });
                r.paid_total = *total;
            }
        }
        Ev::RequestPaid {
            request_id,
            invoice,
            term_no,
            term_end,
            ..
        } => {
            if let Some(r) = request_mut(state, request_id) {
                r.status = PaymentRequestStatus::Paid;
                r.closed_at = Some(at);
                r.invoice = Some(invoice.as_ref().clone());
            }
            state.term_no = *term_no;
            state.term_end = *term_end;
        }
        Ev::ReminderSent {
            request_id, due, ..
        } => {
            if let Some(m) = request_mut(state, request_id)
                .and_then(|r| r.reminders.iter_mut().find(|m| m.due == *due))
            {
                m.sent_at = Some(at);
            }
        }
        Ev::ReconcileOverdue { request_id } => {
            if let Some(r) = request_mut(state, request_id) {
                r.reconcile_overdue_at = Some(at);
            }
        }
        Ev::RequestExpired { request_id, .. } => {
            close(state, request_id, PaymentRequestStatus::Expired, None, at);
        }
        _ => {}
    }
}

fn close(
    state: &mut RenewalBillingState,
    request_id: &str,
    status: PaymentRequestStatus,
    reason: Option<&String>,
    at: DateTime<Utc>,
) {
    if let Some(r) = request_mut(state, request_id) {
        r.status = status;
        r.closed_at = Some(at);
        r.close_reason = reason.cloned();
    }
}

fn request_mut<'a>(
    state: &'a mut RenewalBillingState,
    request_id: &str,
) -> Option<&'a mut PaymentRequest> {
    state
        .requests
        .iter_mut()
        .rev()
        .find(|r| r.request_id == request_id)
}
