//! Property tests of the kernel's guarantees on the `complaint` workflow (SPEC §1.2–1.6,
//! §6): random command sequences never panic, rejections change nothing byte for byte,
//! replay equals the snapshot, duplicates are no-ops, no deadline stays in the past after a
//! tick, and a late tick equals ticking on time. The checks are in `support`.

mod support;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use quytrinh::kernel::{Actor, Instance, Vnd};
use quytrinh::workflows::complaint::{
    AtFault, CaseStatus, Complaint, ComplaintChannel, ComplaintCommand, ComplaintConfig,
    ComplaintInit, ComplaintState, Contact, DocumentKind, SlaStatus,
};
use support::{Envelope, Fresh, check_kernel_guarantees, check_late_tick_equals_on_time, envelope};

/// One random command: who, what, with which variation, and whether it follows the case's
/// natural course.
#[derive(Clone, Debug)]
struct Op {
    actor: u8,
    command: u8,
    variant: u8,
    natural: bool,
}

fn ops(max: usize) -> impl Strategy<Value = Vec<(Envelope, Op)>> {
    let op = (0u8..8, 0u8..12, 0u8..6, prop::bool::weighted(0.6)).prop_map(
        |(actor, command, variant, natural)| Op {
            actor,
            command,
            variant,
            natural,
        },
    );
    prop::collection::vec((envelope(600, 36_000, 400_000, 0.2), op), 1..max)
}

fn actor(n: u8) -> Actor {
    match n {
        0 => Actor::new("intake", "hotline-1"),
        1..=3 => Actor::new("ops", "NV-07"),
        4 => Actor::new("ops", "NV-08"),
        5 => Actor::new("head_of_ops", "TP-01"),
        6 => Actor::new("agent", "DL-07"),
        _ => Actor::new("system", "system"),
    }
}

fn text(variant: u8) -> String {
    if variant == 0 {
        String::new()
    } else {
        format!("nội dung {variant}")
    }
}

/// The next step of the case (most of the time, so random runs reach the deposit and the
/// lock), or any command, by its actor.
fn input(state: &ComplaintState, op: &Op) -> (Actor, ComplaintCommand) {
    if !op.natural {
        return (actor(op.actor), command(state, op));
    }
    let next = |command| Op {
        command,
        variant: op.variant.max(2),
        ..op.clone()
    };
    let officer = actor(1);
    let (who, index) = match state.status {
        None => (actor(0), 0),
        Some(CaseStatus::Received) => (officer, if op.variant == 0 { 2 } else { 1 }),
        Some(CaseStatus::Analyzing) => (officer, [3, 5, 5, 5, 2, 5][usize::from(op.variant)]),
        Some(CaseStatus::AwaitingDocuments) => (officer, 4),
        Some(CaseStatus::Investigating) => (officer, 6),
        Some(CaseStatus::Answered | CaseStatus::FollowUp) => (officer, 7),
        Some(CaseStatus::DepositRequired | CaseStatus::AgentLocked) => (officer, 8),
        Some(CaseStatus::Escalated) => (actor(5), if op.variant < 4 { 10 } else { 11 }),
        Some(CaseStatus::Resolved | CaseStatus::Closed) => (officer, 9),
    };
    let mut op = next(index);
    if index == 7 {
        op.variant = op.variant % 4 + 1; // mostly no agreement
    }
    (who, command(state, &op))
}

/// A command, valid most of the time, with variations that hit the rejection rules.
fn command(state: &ComplaintState, op: &Op) -> ComplaintCommand {
    let v = op.variant;
    let required = state.deposit.as_ref().map_or(0, |d| d.required_vnd.dong());
    match op.command {
        0 => ComplaintCommand::Receive {
            channel: ComplaintChannel::ALL[usize::from(v % 3)],
            customer_id: "KH-01".into(),
            contact: Contact {
                name: None,
                phone: (v != 5).then(|| "0901234567".into()),
                email: None,
            },
            description: text(v.max(1)),
            agent_id: (v.is_multiple_of(2)).then(|| "DL-07".into()),
        },
        1 => ComplaintCommand::StartAnalysis {},
        2 => ComplaintCommand::ResolveImmediately { answer: text(v) },
        3 => ComplaintCommand::RequestDocuments {
            items: DocumentKind::ALL[..usize::from(v % 6)].to_vec(),
            note: None,
        },
        4 => ComplaintCommand::DocumentsReceived {
            items: if v == 1 {
                vec![DocumentKind::Statement]
            } else {
                Vec::new()
            },
        },
        5 => ComplaintCommand::RecordFinding {
            root_cause: text(v.max(1)),
            at_fault: AtFault::ALL[usize::from(v % 4)],
            damages_vnd: Vnd::new(match v {
                0 => -1,
                1 => i64::MAX,
                2 => 0,
                _ => i64::from(v) * 250_000,
            }),
            agent_id: (!v.is_multiple_of(2)).then(|| "DL-07".into()),
        },
        6 => ComplaintCommand::IssueResponse { text: text(v) },
        7 => ComplaintCommand::ConfirmOutcome {
            agreed: v.is_multiple_of(2),
            note: None,
        },
        8 => ComplaintCommand::DepositReceived {
            amount_vnd: Vnd::new(if v == 0 { required - 1 } else { required }),
            reference: None,
        },
        10 => ComplaintCommand::SettleEscalation { decision: text(v) },
        11 => ComplaintCommand::ReturnToOfficer {
            instructions: text(v),
        },
        _ => ComplaintCommand::Close {
            summary: text(v),
            lessons: text(v.max(1)),
        },
    }
}

fn start() -> DateTime<Utc> {
    "2026-02-12T09:00:00+07:00".parse().unwrap()
}

fn fresh() -> Fresh<Complaint> {
    Fresh {
        id: "KN-01",
        config: ComplaintConfig::default(),
        init: ComplaintInit::new("KN-01"),
    }
}

fn new_instance() -> Instance<Complaint> {
    fresh().instance()
}

/// Random sequences as vectors for the other bindings (see `support::differential`).
#[test]
fn differential_vectors() {
    support::differential(&fresh(), start(), ops(60), input);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: support::cases(256), ..ProptestConfig::default() })]

    #[test]
    fn kernel_guarantees_hold_for_any_sequence(ops in ops(60)) {
        let mut instance = new_instance();
        check_kernel_guarantees(&mut instance, start(), &ops, input, |s| {
            // Invariants of the domain.
            if let Some(lock) = &s.token_lock {
                prop_assert!(lock.unlocked_at.is_none() == (s.status == Some(CaseStatus::AgentLocked)));
            }
            if let Some(d) = &s.deposit {
                let damages = s.finding.as_ref().unwrap().damages_vnd;
                prop_assert_eq!(d.required_vnd, damages.checked_mul(2).unwrap());
            }
            prop_assert_eq!(s.sla_breached, s.sla.as_ref().is_some_and(|x| x.status == SlaStatus::Breached));
            Ok(())
        })?;
    }

    #[test]
    fn a_late_tick_equals_ticking_on_time(ops in ops(40), late_by in 0i64..1_000_000) {
        check_late_tick_equals_on_time(new_instance, start(), &ops, input, late_by)?;
    }
}
