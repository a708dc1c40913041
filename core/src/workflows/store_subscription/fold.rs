//! How `store_subscription` folds its events into the state (SPEC §1.4: the state is the
//! fold of the events).

use super::messages::StoreSubscriptionEvent as Ev;
use super::model::{
    ClaimOutcome, ContractStatus, Order, OrderPayment, OrderStatus, PaymentClaim, PaymentVia,
    Purchase, StoreSubscriptionState, order_id, order_index,
};
use crate::kernel::{Unfit, Vnd};
use chrono::{DateTime, Utc};

/// Whether an event fits the state: the order it names exists (a new one is the next).
fn fits(state: &StoreSubscriptionState, event: &Ev) -> Result<(), Unfit> {
    match event {
        Ev::OrderStarted { order_id: id, .. } => {
            if *id == order_id(state.orders.len() + 1) {
                Ok(())
            } else {
                Err(Unfit::new(format!("order {id} is not the next order")))
            }
        }
        other => match other.order_id() {
            Some(id) if state.order(id).is_none() => Err(Unfit::new(format!("no order {id}"))),
            _ => Ok(()),
        },
    }
}

#[allow(clippy::too_many_lines)] // one arm per event, as the table reads
pub(super) fn evolve(
    state: &mut StoreSubscriptionState,
    event: &Ev,
    at: DateTime<Utc>,
) -> Result<(), Unfit> {
    fits(state, event)?;
    match event {
        Ev::OrderStarted {
            order_id,
            kind,
            tier,
            months,
            quote_vnd,
            reference,
            terms_version,
            started_by,
            window_ends,
        } => state.orders.push(Order {
            order_id: order_id.clone(),
            kind: *kind,
            tier: *tier,
            months: *months,
            quote_vnd: *quote_vnd,
            reference: reference.clone(),
            terms_version: terms_version.clone(),
            started_by: started_by.clone(),
            started_at: at,
            status: OrderStatus::AwaitingPaymentMethod,
            method: None,
            paid_vnd: Vnd::ZERO,
            payments: Vec::new(),
            window_ends: Some(*window_ends),
            claims: Vec::new(),
            credit_vnd: Vnd::ZERO,
            closed_at: None,
        }),
        Ev::OrderSuperseded { order_id } => {
            close(order_mut(state, order_id)?, OrderStatus::Superseded, at);
        }
        Ev::PaymentMethodChosen {
            order_id,
            method,
            window_ends,
            ..
        }
        | Ev::PaymentContinued {
            order_id,
            method,
            window_ends,
            ..
        } => {
            let order = order_mut(state, order_id)?;
            order.status = OrderStatus::AwaitingPayment;
            order.method = Some(method.clone());
            order.window_ends = Some(*window_ends);
        }
        Ev::OrderUnderpaid {
            order_id,
            amount_vnd,
            via,
            recorded_by,
            paid_vnd,
            window_ends,
            ..
        } => {
            let order = order_mut(state, order_id)?;
            received(order, *amount_vnd, *via, recorded_by, *paid_vnd, at);
            order.status = OrderStatus::Underpaid;
            order.window_ends = Some(*window_ends);
        }
        Ev::OrderPaid {
            order_id,
            amount_vnd,
            via,
            recorded_by,
            paid_vnd,
            credit_vnd,
            confirmation,
        } => {
            let credit = state
                .contract
                .credit_vnd
                .checked_add(*credit_vnd)
                .map_err(|_| Unfit::new("the store's credit overflows"))?;
            let order = order_mut(state, order_id)?;
            received(order, *amount_vnd, *via, recorded_by, *paid_vnd, at);
            order.credit_vnd = *credit_vnd;
            close(order, OrderStatus::Paid, at);
            let purchase = Purchase {
                order_id: order.order_id.clone(),
                kind: order.kind,
                tier: order.tier,
                months: order.months,
                amount_vnd: order.quote_vnd,
                paid_vnd: *paid_vnd,
                credit_vnd: *credit_vnd,
                paid_at: at,
                period_start: confirmation.period_start,
                period_end: confirmation.period_end,
                confirmation_id: confirmation.confirmation_id.clone(),
            };
            state.contract.credit_vnd = credit;
            state.purchase_history.push(purchase);
            state.service_confirmations.push(confirmation.clone());
        }
        Ev::ContractExtended {
            tier,
            expiry,
            notice_at,
            ..
        } => {
            let c = &mut state.contract;
            c.tier = *tier;
            c.status = ContractStatus::Active;
            c.signed = true;
            c.expiry = *expiry;
            c.notice_at = *notice_at;
            c.notice_shown = false;
        }
        Ev::PaymentStopped { order_id, .. } => {
            close(order_mut(state, order_id)?, OrderStatus::Stopped, at);
        }
        Ev::PaymentClaimed {
            order_id,
            contact_by,
        } => {
            let order = order_mut(state, order_id)?;
            order.status = OrderStatus::ClaimUnderReview;
            order.window_ends = None;
            order.claims.push(PaymentClaim {
                claimed_at: at,
                contact_by: *contact_by,
                escalated_at: None,
                closed_at: None,
                outcome: None,
                vendor_id: None,
                note: None,
            });
        }
        Ev::ClaimEscalated { order_id } => {
            let order = order_mut(state, order_id)?;
            order.status = OrderStatus::ClaimEscalated;
            if let Some(claim) = order.claims.last_mut() {
                claim.escalated_at = Some(at);
            }
        }
        Ev::ClaimRejected {
            order_id,
            vendor_id,
            note,
            window_ends,
        } => {
            let order = order_mut(state, order_id)?;
            if let Some(claim) = order.claims.last_mut() {
                claim.closed_at = Some(at);
                claim.outcome = Some(ClaimOutcome::Rejected);
                claim.vendor_id = Some(vendor_id.clone());
                claim.note.clone_from(note);
            }
            order.status = OrderStatus::AwaitingPayment;
            order.window_ends = Some(*window_ends);
        }
        Ev::OrderLapsed { order_id } => {
            close(order_mut(state, order_id)?, OrderStatus::Lapsed, at);
        }
        Ev::ExpiryNoticeStarted { .. } => state.contract.notice_shown = true,
        Ev::ContractExpired { .. } => state.contract.status = ContractStatus::Expired,
    }
    Ok(())
}

/// Records a payment on an order, and settles its open claim by it.
fn received(
    order: &mut Order,
    amount: Vnd,
    via: PaymentVia,
    recorded_by: &str,
    paid: Vnd,
    at: DateTime<Utc>,
) {
    if order.status.in_claim()
        && let Some(claim) = order.claims.last_mut()
    {
        claim.closed_at = Some(at);
        claim.outcome = Some(match via {
            PaymentVia::Gateway => ClaimOutcome::PaidByGateway,
            PaymentVia::VendorConfirmation => ClaimOutcome::Confirmed,
        });
        if via == PaymentVia::VendorConfirmation {
            claim.vendor_id = Some(recorded_by.to_owned());
        }
    }
    order.payments.push(OrderPayment {
        amount_vnd: amount,
        at,
        via,
        recorded_by: recorded_by.to_owned(),
    });
    order.paid_vnd = paid;
}

fn close(order: &mut Order, status: OrderStatus, at: DateTime<Utc>) {
    order.status = status;
    order.window_ends = None;
    order.closed_at = Some(at);
}

fn order_mut<'a>(state: &'a mut StoreSubscriptionState, id: &str) -> Result<&'a mut Order, Unfit> {
    order_index(id)
        .and_then(|i| state.orders.get_mut(i))
        .filter(|o| o.order_id == id)
        .ok_or_else(|| Unfit::new(format!("no order {id}")))
}
