//! Property tests of the kernel's guarantees on the `lead_care` workflow (SPEC §1.2–1.6,
//! §3): random command sequences over several leads never panic, rejections change nothing
//! byte for byte, replay equals the snapshot, duplicates are no-ops, no deadline stays in
//! the past after a tick, a late tick equals ticking on time; and the domain's invariants
//! hold (one open batch at most, one open or approved request per lead, frozen leads, …).
//! The kernel checks are in `support`.

mod support;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use quytrinh::kernel::{Actor, Instance};
use quytrinh::workflows::lead_care::{
    BatchStatus, CompensationStatus, LeadCare, LeadCareCommand, LeadCareConfig, LeadCareInit,
    LeadCareState, NewLead, confirm_token,
};
use support::{Envelope, Fresh, check_kernel_guarantees, check_late_tick_equals_on_time, envelope};

/// One random command: who, what, on which lead, with which variation.
#[derive(Clone, Debug)]
struct Op {
    actor: u8,
    command: u8,
    lead: u8,
    variant: u8,
}

fn ops(max: usize) -> impl Strategy<Value = Vec<(Envelope, Op)>> {
    let op = (0u8..10, 0u8..9, 0u8..6, 0u8..8).prop_map(|(actor, command, lead, variant)| Op {
        actor,
        command,
        lead,
        variant,
    });
    prop::collection::vec((envelope(600, 36_000, 400_000, 0.15), op), 1..max)
}

const STATUSES: [&str; 8] = [
    "contacted",
    "wrong_number",
    "unreachable",
    "duplicate",
    "fake_info",
    "interested",
    "converted",
    "vip",
];

/// The natural actor of a command most of the time, another one sometimes.
fn actor(op: &Op) -> Actor {
    let natural = match op.command {
        0 => Actor::new("platform", "phan-phoi"),
        7 | 8 => Actor::new("reviewer", "NV-01"),
        _ => Actor::new("consultant", "TV-01"),
    };
    match op.actor {
        0 => Actor::new("consultant", "TV-99"),
        1 => Actor::new("reviewer", "NV-02"),
        2 => Actor::new("system", "system"),
        _ => natural,
    }
}

fn lead_id(state: &LeadCareState, n: u8) -> String {
    let n = usize::from(n);
    state
        .leads
        .get(n)
        .map_or_else(|| format!("L{}", n + 1), |l| l.lead_id.clone())
}

fn command(state: &LeadCareState, op: &Op) -> LeadCareCommand {
    use LeadCareCommand as C;
    let v = op.variant;
    let lead = lead_id(state, op.lead);
    let text = if v == 0 {
        String::new()
    } else {
        format!("ghi chú {v}")
    };
    match op.command {
        0 => {
            // A new lead, or a replacement for an approved request (or a wrong one).
            let replaces = state
                .requests
                .iter()
                .find(|r| {
                    r.state == CompensationStatus::Approved && (v < 4 || r.replaced_by.is_none())
                })
                .map(|r| r.lead_id.clone())
                .or_else(|| (v == 7).then(|| lead.clone()));
            C::DeliverLeads {
                leads: vec![NewLead {
                    lead_id: format!("N{}", state.leads.len() + usize::from(v % 2)),
                    customer_id: format!("KH-N{v}"),
                    replaces,
                }],
            }
        }
        1 | 2 => C::UpdateStatus {
            lead_id: lead,
            status: STATUSES[usize::from(v)].into(),
            note: if v == 6 {
                String::new()
            } else {
                format!("ghi chú {v}")
            },
        },
        3 | 4 => C::RequestCompensation {
            lead_id: lead,
            reason: text,
        },
        5 => C::WithdrawCompensation { lead_id: lead },
        6 => C::SubmitForReview {
            confirm_token: if v == 0 {
                "sha256:00".into()
            } else {
                confirm_token(state)
            },
        },
        _ => C::Decide {
            lead_id: lead,
            approve: !v.is_multiple_of(3),
            note: (v == 5).then(|| "Đã xác minh".into()),
        },
    }
}

fn input(state: &LeadCareState, op: &Op) -> (Actor, LeadCareCommand) {
    (actor(op), command(state, op))
}

fn start() -> DateTime<Utc> {
    "2026-04-20T09:00:00+07:00".parse().unwrap()
}

fn fresh() -> Fresh<LeadCare> {
    let leads: Vec<_> = (1..=4)
        .map(|i| serde_json::json!({"lead_id": format!("L{i}"), "customer_id": format!("KH-{i}"), "delivered_at": start()}))
        .collect();
    let init: LeadCareInit = serde_json::from_value(serde_json::json!({
        "package_id": "GOI-01", "consultant_id": "TV-01", "purchased_at": start(), "leads": leads
    }))
    .unwrap();
    Fresh {
        id: "GOI-01",
        config: LeadCareConfig::default(),
        init,
    }
}

fn new_instance() -> Instance<LeadCare> {
    fresh().instance()
}

/// Random sequences as vectors for the other bindings (see `support::differential`).
#[test]
fn differential_vectors() {
    support::differential(&fresh(), start(), ops(60), input);
}

fn invariants(s: &LeadCareState) -> Result<(), TestCaseError> {
    // At most one batch open.
    prop_assert!(s.batches.iter().filter(|b| b.status.is_open()).count() <= 1);
    // Requests are numbered 1, 2, … in order.
    for (i, r) in s.requests.iter().enumerate() {
        prop_assert_eq!(r.request_no as usize, i + 1);
    }
    for lead in &s.leads {
        // One open or approved request per lead.
        let active = s
            .requests
            .iter()
            .filter(|r| r.lead_id == lead.lead_id && r.state.blocks_new_request())
            .count();
        prop_assert!(
            active <= 1,
            "lead {} has {active} active requests",
            lead.lead_id
        );
        // The status is the last contact-history entry's.
        if let Some(last) = lead.contact_history.last() {
            prop_assert_eq!(&last.status, &lead.status);
        }
    }
    for r in &s.requests {
        let batch = r
            .batch_id
            .as_ref()
            .and_then(|id| s.batches.iter().find(|b| &b.batch_id == id));
        match r.state {
            CompensationStatus::Draft | CompensationStatus::Withdrawn => {
                prop_assert!(batch.is_none());
            }
            CompensationStatus::InReview => {
                prop_assert!(batch.is_some_and(|b| b.status.is_open()));
            }
            CompensationStatus::Approved | CompensationStatus::Rejected => {
                prop_assert!(batch.is_some());
                prop_assert_eq!(
                    r.review.as_ref().map(|x| x.approved),
                    Some(r.state == CompensationStatus::Approved)
                );
            }
        }
        if r.replaced_by.is_some() {
            prop_assert_eq!(r.state, CompensationStatus::Approved);
        }
    }
    // A decided batch has no request left in review; an open one has at least one.
    for b in &s.batches {
        let in_review = s
            .requests
            .iter()
            .filter(|r| {
                b.request_nos.contains(&r.request_no) && r.state == CompensationStatus::InReview
            })
            .count();
        prop_assert_eq!(b.status == BatchStatus::Decided, in_review == 0);
    }
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
    fn a_late_tick_equals_ticking_on_time(ops in ops(40), late_by in 0i64..1_000_000) {
        check_late_tick_equals_on_time(new_instance, start(), &ops, input, late_by)?;
    }
}
