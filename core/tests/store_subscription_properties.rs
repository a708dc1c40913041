//! Property tests of the kernel's guarantees on the `store_subscription` workflow (SPEC
//! §1.2–1.6, §4): random command sequences over several orders never panic, rejections
//! change nothing byte for byte, replay equals the snapshot, duplicates are no-ops, no
//! deadline stays in the past after a tick, a late tick equals ticking on time; and the
//! domain's invariants hold (one open order at most, the last; money adds up on every order,
//! the credit and the purchase history; a paid order's period follows the previous one; the
//! tier never goes down). The kernel checks are in `support`.

mod support;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use quytrinh::kernel::{Actor, Instance, Vnd};
use quytrinh::workflows::store_subscription::{
    ContractStatus, OrderKind, OrderStatus, StoreSubscription, StoreSubscriptionCommand as C,
    StoreSubscriptionConfig, StoreSubscriptionInit, StoreSubscriptionState, Tier,
};
use support::{Envelope, Fresh, check_kernel_guarantees, check_late_tick_equals_on_time, envelope};

/// One random command: who, what, on which order, with which variation and amount.
#[derive(Clone, Debug)]
struct Op {
    actor: u8,
    command: u8,
    order: u8,
    variant: u8,
    amount: u8,
}

fn ops(max: usize) -> impl Strategy<Value = Vec<(Envelope, Op)>> {
    let op = (0u8..12, 0u8..12, 0u8..4, 0u8..8, 0u8..8).prop_map(
        |(actor, command, order, variant, amount)| Op {
            actor,
            command,
            order,
            variant,
            amount,
        },
    );
    prop::collection::vec((envelope(600, 7_200, 100_000, 0.15), op), 1..max)
}

/// The natural actor of a command most of the time, another one sometimes.
fn actor(op: &Op) -> Actor {
    let natural = match op.command {
        2 | 3 | 10 | 11 => Actor::new("payment_gateway", "doi-soat"),
        7 | 8 => Actor::new("vendor", "kd-huong"),
        _ => Actor::new("owner_admin", "minhanh.admin"),
    };
    match op.actor {
        0 => Actor::new("staff", "thu.ngan"),
        1 => Actor::new("vendor", "kd-huong"),
        2 => Actor::new("system", "system"),
        3 => Actor::new("owner_admin", "minhanh.admin"),
        _ => natural,
    }
}

/// The newest order most of the time, an older one, or one that does not exist.
fn order_id(state: &StoreSubscriptionState, n: u8) -> String {
    let back = match n {
        0 | 1 => 0,
        2 => 1,
        _ => usize::MAX,
    };
    state.orders.iter().rev().nth(back).map_or_else(
        || format!("DH{}", state.orders.len() + 1),
        |o| o.order_id.clone(),
    )
}

/// A payment: part of what remains, all of it, more, or a bad amount.
fn amount(state: &StoreSubscriptionState, order_id: &str, choice: u8) -> Vnd {
    let remainder = state
        .order(order_id)
        .map_or(1_000_000, |o| o.remainder().dong().max(1));
    Vnd::new(match choice {
        0 => remainder / 3 + 1,
        1 | 2 => remainder,
        3 => remainder + 250_000,
        4 => 0,
        5 => -remainder,
        6 => i64::MAX,
        _ => 700_000,
    })
}

fn command(state: &StoreSubscriptionState, op: &Op) -> C {
    let v = op.variant;
    let order = order_id(state, op.order);
    let tier = state.contract.tier;
    match op.command {
        0 => {
            let (kind, tier) = match v % 4 {
                0 => (OrderKind::Renewal, tier),
                1 => (OrderKind::NewPurchase, tier),
                2 => (OrderKind::Upgrade, tier.higher().next().unwrap_or(tier)),
                _ => (OrderKind::Upgrade, Tier::ALL[usize::from(op.amount) % 3]),
            };
            C::StartOrder {
                kind,
                tier,
                months: [6, 12, 24, 5][usize::from(op.amount) % 4],
                quote_vnd: Vnd::new([2_400_000, 3_600_000, 0, 1_000][usize::from(v) % 4]),
            }
        }
        1 | 9 => C::ChoosePaymentMethod {
            order_id: order,
            method: if v == 0 { "tien_mat" } else { "vietqr" }.into(),
        },
        2 | 3 | 10 | 11 => C::PaymentReceived {
            reference: state.order(&order).map_or_else(
                || format!("GH CH0001 {order}"),
                |o| {
                    if v == 0 {
                        o.reference.to_lowercase().replace(' ', "-")
                    } else {
                        o.reference.clone()
                    }
                },
            ),
            amount_vnd: amount(state, &order, op.amount),
        },
        4 => C::ContinuePayment { order_id: order },
        5 => C::StopPayment { order_id: order },
        6 => C::ClaimPaid { order_id: order },
        7 => C::ConfirmClaim {
            amount_vnd: amount(state, &order, op.amount),
            order_id: order,
        },
        8 => C::RejectClaim {
            order_id: order,
            note: v
                .is_multiple_of(3)
                .then(|| if v == 0 { " " } else { "Chưa thấy tiền" }.into()),
        },
        _ => unreachable!("commands are 0 to 11"),
    }
}

fn input(state: &StoreSubscriptionState, op: &Op) -> (Actor, C) {
    (actor(op), command(state, op))
}

fn start() -> DateTime<Utc> {
    "2026-06-01T09:00:00+07:00".parse().unwrap()
}

fn fresh(trial: bool) -> Fresh<StoreSubscription> {
    let config: StoreSubscriptionConfig = serde_json::from_value(serde_json::json!({
        "vendor_account": {"bank_bin": "970436", "account": "0011001234567"},
        "expiry_notice_days": 3
    }))
    .unwrap();
    let init: StoreSubscriptionInit = serde_json::from_value(serde_json::json!({
        "store_id": "CH0001", "store_name": "Tạp hoá Minh Anh", "industry": "Tạp hóa",
        "tier": "support", "status": if trial { "trial" } else { "active" },
        "expiry": "2026-06-06T00:00:00+07:00", "terms_version": "2023-08"
    }))
    .unwrap();
    Fresh {
        id: "CH0001",
        config,
        init,
    }
}

fn new_instance(trial: bool) -> Instance<StoreSubscription> {
    fresh(trial).instance()
}

/// Random sequences as vectors for the other bindings (see `support::differential`).
#[test]
fn differential_vectors() {
    support::differential(&fresh(false), start(), ops(80), input);
}

fn invariants(s: &StoreSubscriptionState) -> Result<(), TestCaseError> {
    // Orders are DH1, DH2, … in order; at most one is open, and it is the last.
    for (i, o) in s.orders.iter().enumerate() {
        prop_assert_eq!(&o.order_id, &format!("DH{}", i + 1));
        if o.status.is_open() {
            prop_assert_eq!(i + 1, s.orders.len(), "an open order that is not the last");
        }
    }
    let mut credits = 0i64;
    let mut paid_orders = 0usize;
    for o in &s.orders {
        let received: i64 = o.payments.iter().map(|p| p.amount_vnd.dong()).sum();
        prop_assert_eq!(received, o.paid_vnd.dong());
        prop_assert!(o.payments.iter().all(|p| p.amount_vnd.dong() > 0));
        let (paid, quote) = (o.paid_vnd.dong(), o.quote_vnd.dong());
        match o.status {
            OrderStatus::Paid => {
                prop_assert!(paid >= quote);
                prop_assert_eq!(o.credit_vnd.dong(), paid - quote);
                paid_orders += 1;
            }
            OrderStatus::Stopped => prop_assert!(paid > 0 && paid < quote),
            OrderStatus::Lapsed | OrderStatus::Superseded => prop_assert_eq!(paid, 0),
            OrderStatus::Underpaid => prop_assert!(paid > 0 && paid < quote),
            _ => prop_assert!(paid < quote),
        }
        if o.status != OrderStatus::Paid {
            prop_assert_eq!(o.credit_vnd.dong(), 0);
        }
        prop_assert_eq!(o.status.is_open(), o.closed_at.is_none());
        if o.status == OrderStatus::Superseded {
            prop_assert!(o.method.is_none());
        }
        // At most one claim open, the last, and only while the order is claimed.
        let open_claims = o.claims.iter().filter(|c| c.outcome.is_none()).count();
        prop_assert_eq!(open_claims, usize::from(o.status.in_claim()));
        credits += o.credit_vnd.dong();
    }
    prop_assert_eq!(credits, s.contract.credit_vnd.dong());
    prop_assert_eq!(s.purchase_history.len(), paid_orders);
    prop_assert_eq!(s.service_confirmations.len(), paid_orders);
    // Each purchase's period starts where the previous one ended, or later; the tier never
    // goes down; the last one's end is the contract's expiry.
    for pair in s.purchase_history.windows(2) {
        prop_assert!(pair[1].period_start >= pair[0].period_end);
        prop_assert!(pair[1].tier >= pair[0].tier);
    }
    for (p, c) in s.purchase_history.iter().zip(&s.service_confirmations) {
        prop_assert!(p.period_end > p.period_start);
        prop_assert_eq!(&p.confirmation_id, &c.confirmation_id);
        prop_assert_eq!(&p.order_id, &c.order_id);
        prop_assert_eq!(
            s.order(&p.order_id).map(|o| o.status),
            Some(OrderStatus::Paid)
        );
    }
    if let Some(last) = s.purchase_history.last() {
        prop_assert_eq!(last.period_end, s.contract.expiry);
        prop_assert_eq!(last.tier, s.contract.tier);
        prop_assert!(s.contract.signed);
        prop_assert!(s.contract.status != ContractStatus::Trial);
    }
    if s.contract.notice_shown {
        prop_assert!(s.contract.signed);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: support::cases(256), ..ProptestConfig::default() })]

    #[test]
    fn kernel_guarantees_hold_for_any_sequence(ops in ops(80), trial in any::<bool>()) {
        let mut instance = new_instance(trial);
        check_kernel_guarantees(&mut instance, start(), &ops, input, invariants)?;
    }

    #[test]
    fn a_late_tick_equals_ticking_on_time(
        ops in ops(40),
        trial in any::<bool>(),
        late_by in 0i64..10_000_000,
    ) {
        check_late_tick_equals_on_time(|| new_instance(trial), start(), &ops, input, late_by)?;
    }
}
