//! Property tests of the kernel's guarantees (SPEC §1.2–1.6), driven by random command
//! sequences of the `companion` workflow; the checks are in `support`.

mod support;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use quytrinh::kernel::{Actor, Instance};
use quytrinh::workflows::companion::{
    Companion, CompanionCommand, CompanionConfig, CompanionInit, CompanionState,
};
use support::{Envelope, Fresh, check_kernel_guarantees, check_late_tick_equals_on_time, envelope};

/// One random command: who, what, and on which target.
#[derive(Clone, Debug)]
struct Op {
    actor: u8,
    command: u8,
    target: u8,
}

fn ops(max: usize) -> impl Strategy<Value = Vec<(Envelope, Op)>> {
    let op = (0u8..5, 0u8..9, 0u8..4).prop_map(|(actor, command, target)| Op {
        actor,
        command,
        target,
    });
    prop::collection::vec((envelope(120, 3_600, 200_000, 0.15), op), 1..max)
}

/// The two parties most of the time; a stranger, a host posing as `system`, a foreign role.
fn actor(n: u8) -> Actor {
    match n {
        0 | 1 => Actor::new("saco", "SACO-01"),
        2 | 3 => Actor::new("customer", "KH-01"),
        _ => Actor::new(["system", "ops", "customer"][usize::from(n) % 3], "KH-99"),
    }
}

/// A command aimed at something that exists (most of the time) in the current state.
fn input(state: &CompanionState, op: &Op) -> (Actor, CompanionCommand) {
    let request_id = state
        .requests
        .get(usize::from(op.target))
        .map_or_else(|| format!("R{}", op.target + 1), |r| r.id.clone());
    let challenge_id = state
        .requests
        .last()
        .and_then(|r| r.challenge.as_ref())
        .filter(|_| op.target < 3)
        .map_or_else(|| "R1-otp9".to_owned(), |c| c.id.clone());
    let command = match op.command {
        0 => CompanionCommand::RequestUnlink {},
        1 => CompanionCommand::RequestLink {},
        2 => CompanionCommand::Resend { request_id },
        3 => CompanionCommand::OtpVerified { challenge_id },
        4 => CompanionCommand::OtpFailed { challenge_id },
        5 => CompanionCommand::Confirm { request_id },
        6 => CompanionCommand::Accept { request_id },
        7 => CompanionCommand::Reject { request_id },
        _ => CompanionCommand::Withdraw { request_id },
    };
    (actor(op.actor), command)
}

fn start() -> DateTime<Utc> {
    "2026-11-23T09:00:00+07:00".parse().unwrap()
}

fn new_instance(linked: bool) -> Instance<Companion> {
    capped_instance(linked, CompanionConfig::default().max_closed_requests)
}

fn capped_instance(linked: bool, max_closed_requests: u32) -> Instance<Companion> {
    fresh(linked, max_closed_requests).instance()
}

fn fresh(linked: bool, max_closed_requests: u32) -> Fresh<Companion> {
    let init = if linked {
        CompanionInit::active("SACO-01", "KH-01", "0001234567")
    } else {
        CompanionInit::unlinked("SACO-01", "KH-01", "0001234567")
    };
    Fresh {
        id: "rel-01",
        config: CompanionConfig {
            max_closed_requests,
            ..CompanionConfig::default()
        },
        init,
    }
}

/// Random sequences as vectors for the other bindings (see `support::differential`).
#[test]
fn differential_vectors() {
    let cap = CompanionConfig::default().max_closed_requests;
    support::differential(&fresh(true, cap), start(), ops(60), input);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: support::cases(256), ..ProptestConfig::default() })]

    #[test]
    fn kernel_guarantees_hold_for_any_sequence(linked in any::<bool>(), ops in ops(60)) {
        let mut instance = new_instance(linked);
        check_kernel_guarantees(&mut instance, start(), &ops, input, |state| {
            // At most one request is open, and only the last one.
            let open = state.requests.iter().filter(|r| r.status.is_open()).count();
            prop_assert!(open <= 1);
            prop_assert!(state.requests.iter().rev().skip(1).all(|r| !r.status.is_open()));
            Ok(())
        })?;
    }

    #[test]
    fn the_request_history_stays_capped(
        linked in any::<bool>(),
        cap in 1u32..4,
        ops in ops(80),
    ) {
        let mut instance = capped_instance(linked, cap);
        let mut highest = 0u64;
        check_kernel_guarantees(&mut instance, start(), &ops, input, |state| {
            let cap = usize::try_from(cap).unwrap();
            let number = |id: &str| id[1..].parse::<u64>().unwrap();
            // Ids count up in the state and over time: none is ever reused.
            prop_assert!(state.requests.windows(2).all(|w| number(&w[0].id) < number(&w[1].id)));
            if let Some(last) = state.requests.last() {
                prop_assert!(number(&last.id) >= highest);
                highest = number(&last.id);
            }
            // Beyond the cap, every closed request kept is one that must stay: the latest
            // closed, one that can be resent, or one the open request is linked to. Without
            // such requests, the state holds at most `cap` closed requests plus the open one.
            let open = state.requests.iter().find(|r| r.status.is_open());
            let closed: Vec<_> = state.requests.iter().filter(|r| !r.status.is_open()).collect();
            let protected = closed
                .iter()
                .enumerate()
                .filter(|(i, r)| {
                    *i + 1 == closed.len()
                        || (r.status.is_resendable() && r.resent_as.is_none())
                        || open.is_some_and(|o| {
                            o.resent_from.as_ref() == Some(&r.id)
                                || r.resent_as.as_ref() == Some(&o.id)
                        })
                })
                .count();
            prop_assert!(
                closed.len() <= cap.max(protected),
                "{} closed, {} protected, cap {}", closed.len(), protected, cap
            );
            prop_assert!(state.requests.len() <= cap.max(protected) + usize::from(open.is_some()));
            Ok(())
        })?;
    }

    #[test]
    fn a_late_tick_equals_ticking_on_time(ops in ops(30), late_by in 0i64..400_000) {
        check_late_tick_equals_on_time(|| new_instance(true), start(), &ops, input, late_by)?;
    }
}
