//! Property tests of the kernel's guarantees on the `renewal_billing` workflow (SPEC §1.2–1.6,
//! §5): random command sequences by every party (in and out of scope) never panic, rejections
//! change nothing byte for byte, replay equals the snapshot, duplicates are no-ops, no deadline
//! stays in the past after a tick, a late tick equals ticking on time; and the domain's
//! invariants hold (at most one live request, the last; paid totals and invoices; the term in
//! force; resends within the daily limit, …). The kernel checks are in `support`.

mod support;

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use quytrinh::calendar::vietnam_date;
use quytrinh::kernel::{Actor, Instance, Vnd};
use quytrinh::workflows::renewal_billing::{
    BuyerInfo, CsmScope, InvoiceInfo, Package, PaymentRequestStatus, RenewalBilling,
    RenewalBillingCommand, RenewalBillingConfig, RenewalBillingInit, RenewalBillingState,
    ResendChannel, SubscriptionStatus,
};
use std::collections::BTreeSet;
use support::{Envelope, Fresh, check_kernel_guarantees, check_late_tick_equals_on_time, envelope};

/// One random command: who, what, on which request, with which variation.
#[derive(Clone, Debug)]
struct Op {
    actor: u8,
    command: u8,
    request: u8,
    variant: u8,
}

fn ops(max: usize) -> impl Strategy<Value = Vec<(Envelope, Op)>> {
    let op = (0u8..12, 0u8..11, 0u8..3, 0u8..8).prop_map(|(actor, command, request, variant)| Op {
        actor,
        command,
        request,
        variant,
    });
    prop::collection::vec((envelope(600, 36_000, 400_000, 0.2), op), 1..max)
}

/// The natural actor of a command most of the time, another one sometimes.
fn actor(op: &Op) -> Actor {
    let natural = match op.command {
        0 if op.variant.is_multiple_of(2) => Actor::new("scheduler", "auto-billing"),
        1 | 2 => Actor::new("customer", "KH-01"),
        3 => Actor::new("payment_gateway", "napas247"),
        _ if op.variant == 7 => Actor::new("csm", "CSM-02"),
        _ => Actor::new("csm", "CSM-01"),
    };
    match op.actor {
        0 => Actor::new("csm", "CSM-09"),
        1 => Actor::new("customer", "KH-99"),
        2 => Actor::new("system", "system"),
        3 => Actor::new("scheduler", "auto-billing"),
        _ => natural,
    }
}

fn request_id(state: &RenewalBillingState, n: u8) -> String {
    match n {
        0 => state
            .requests
            .last()
            .map_or_else(|| "R1".to_owned(), |r| r.request_id.clone()),
        1 => "R1".to_owned(),
        _ => "R7".to_owned(),
    }
}

fn command(state: &RenewalBillingState, op: &Op) -> RenewalBillingCommand {
    use RenewalBillingCommand as C;
    let v = op.variant;
    let request_id = request_id(state, op.request);
    let text = if v == 0 {
        String::new()
    } else {
        format!("ghi chú {v}")
    };
    match op.command {
        0 => C::IssueRequest {
            term: state.term_no + u32::from(v == 5) + 1 - u32::from(v == 6),
            package: Package {
                code: "AMIS-KT-12".into(),
                name: "AMIS Kế toán 12 tháng".into(),
                months: if v == 4 { 0 } else { 12 },
            },
            amount: Vnd::new(if v == 3 { 0 } else { 5_500_000 }),
        },
        1 => C::RecordOpened { request_id },
        2 => C::ReportPaid { request_id },
        3 => C::PaymentReceived {
            request_id,
            amount: Vnd::new(match v {
                0 => 0,
                1 | 2 => 2_000_000,
                3 => 5_600_000,
                _ => 5_500_000,
            }),
            // Some bank references repeat, to exercise duplicate_reference.
            reference: format!("FT{}", (state.requests.len() * 3 + usize::from(v % 3)) % 7),
        },
        4 | 5 => C::Resend {
            request_id,
            channel: if v.is_multiple_of(2) {
                ResendChannel::Email
            } else {
                ResendChannel::Sms
            },
        },
        6 => C::Cancel {
            request_id,
            reason: text,
        },
        7 => C::MarkRefusedRenewal {
            request_id,
            reason: text,
        },
        8 => C::UpdateBuyerInfo {
            buyer: BuyerInfo {
                name: "Nguyễn Thị Lan".into(),
                email: if v == 1 {
                    "lan@abc".into()
                } else {
                    format!("lan{v}@abc.com.vn")
                },
                phone: if v == 2 {
                    "0123456789".into()
                } else {
                    "+84 912 345 678".into()
                },
            },
        },
        9 => C::UpdateInvoiceInfo {
            invoice: InvoiceInfo {
                name: "Công ty TNHH ABC".into(),
                tax_code: match v {
                    0 => None,
                    1 => Some("0108888889".into()),
                    2 => Some("0312345673-001".into()),
                    _ => Some("0108888888".into()),
                },
                address: "Hà Nội".into(),
                email: "ketoan@abc.com.vn".into(),
            },
        },
        _ => C::AddNote { text },
    }
}

fn input(state: &RenewalBillingState, op: &Op) -> (Actor, RenewalBillingCommand) {
    (actor(op), command(state, op))
}

fn start() -> DateTime<Utc> {
    "2026-06-20T09:00:00+07:00".parse().unwrap()
}

fn fresh() -> Fresh<RenewalBilling> {
    let init: RenewalBillingInit = serde_json::from_value(serde_json::json!({
        "subscription_id": "TB-01", "customer_id": "KH-01", "payment_code": "KH01",
        "product": "amis_ke_toan", "market": "mien_bac", "csm_id": "CSM-01",
        "term_end": "2026-07-31",
        "buyer": {"name": "Nguyễn Thị Lan", "email": "lan@abc.com.vn", "phone": "0912345678"},
        "invoice": {"name": "Công ty TNHH ABC", "tax_code": "0108888888", "address": "Hà Nội",
                    "email": "ketoan@abc.com.vn"}
    }))
    .unwrap();
    let config = RenewalBillingConfig {
        csm_scopes: vec![CsmScope::new("CSM-02", &["amis_ke_toan"], &["*"])],
        ..RenewalBillingConfig::default()
    };
    Fresh {
        id: "TB-01",
        config,
        init,
    }
}

fn new_instance() -> Instance<RenewalBilling> {
    fresh().instance()
}

/// Random sequences as vectors for the other bindings (see `support::differential`).
#[test]
fn differential_vectors() {
    support::differential(&fresh(), start(), ops(60), input);
}

fn invariants(s: &RenewalBillingState) -> Result<(), TestCaseError> {
    // At most one live request, and it is the last one; none once lapsed.
    let live: Vec<_> = s.requests.iter().filter(|r| r.status.is_live()).collect();
    prop_assert!(live.len() <= 1);
    if let Some(r) = live.first() {
        prop_assert_eq!(&s.requests.last().unwrap().request_id, &r.request_id);
        prop_assert_eq!(s.status, SubscriptionStatus::Active);
    }
    // Requests are R1, R2, … in order.
    for (i, r) in s.requests.iter().enumerate() {
        prop_assert_eq!(&r.request_id, &format!("R{}", i + 1));
        // The total is the sum of the payments; only paid requests cover their amount.
        let sum: i64 = r.payments.iter().map(|p| p.amount.dong()).sum();
        prop_assert_eq!(r.paid_total.dong(), sum);
        prop_assert_eq!(
            r.status == PaymentRequestStatus::Paid,
            r.paid_total >= r.amount,
            "request {} {:?}",
            &r.request_id,
            r.status
        );
        prop_assert_eq!(r.invoice.is_some(), r.status == PaymentRequestStatus::Paid);
        prop_assert_eq!(r.closed_at.is_some(), !r.status.is_live());
        // Reminders are in due order, one per instant.
        prop_assert!(r.reminders.windows(2).all(|w| w[0].due < w[1].due));
        // At most 3 resends a Vietnam day.
        let mut days = std::collections::BTreeMap::new();
        for resend in &r.resends {
            *days.entry(vietnam_date(resend.at)).or_insert(0) += 1;
        }
        prop_assert!(days.values().all(|n| *n <= 3));
    }
    // The term in force: one more per paid request; its end is the last paid one's.
    let paid: Vec<_> = s
        .requests
        .iter()
        .filter(|r| r.status == PaymentRequestStatus::Paid)
        .collect();
    prop_assert_eq!(s.term_no as usize, 1 + paid.len());
    if let Some(last) = paid.last() {
        prop_assert_eq!(last.period_end, s.term_end);
        prop_assert_eq!(last.term, s.term_no);
    }
    // A bank reference counts once.
    let refs: Vec<&str> = s
        .requests
        .iter()
        .flat_map(|r| r.payments.iter().map(|p| p.reference.as_str()))
        .collect();
    prop_assert_eq!(refs.iter().collect::<BTreeSet<_>>().len(), refs.len());
    // The support history holds csm actions only, oldest first.
    prop_assert!(
        s.history
            .iter()
            .all(|e| e.actor_id == "CSM-01" || e.actor_id == "CSM-02")
    );
    prop_assert!(s.history.windows(2).all(|w| w[0].at <= w[1].at));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: support::cases(256), ..ProptestConfig::default() })]

    #[test]
    fn kernel_guarantees_hold_for_any_sequence(ops in ops(60)) {
        let mut instance = new_instance();
        check_kernel_guarantees(&mut instance, start(), &ops, input, invariants)?;
    }

    #[test]
    fn a_late_tick_equals_ticking_on_time(ops in ops(40), late_by in 0i64..4_000_000) {
        check_late_tick_equals_on_time(new_instance, start(), &ops, input, late_by)?;
    }

    /// The filter's row follows the state: the latest request's status and whether it was
    /// opened, the term in force.
    #[test]
    fn the_row_follows_the_state(ops in ops(40)) {
        let mut instance = new_instance();
        let mut now = start();
        for (i, (envelope, op)) in ops.iter().enumerate() {
            now += TimeDelta::seconds(envelope.delay_seconds.max(0));
            let (who, body) = input(instance.state(), op);
            let _ = instance.handle(&quytrinh::kernel::Command::new(format!("c{i}"), who, now, body));
            let row = instance.row();
            let s = instance.state();
            prop_assert_eq!(row.term_end, s.term_end);
            prop_assert_eq!(row.subscription_status, s.status);
            prop_assert_eq!(row.request_status, s.requests.last().map(|r| r.status).into());
            prop_assert_eq!(row.opened, s.requests.last().is_some_and(|r| r.opened_at.is_some()));
        }
    }
}
