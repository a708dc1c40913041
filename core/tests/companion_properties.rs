//! Property tests of the kernel's guarantees (SPEC §1.2–1.6), driven by random command
//! sequences of the `companion` workflow; the checks are in `support`.

mod support;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use quytrinh::kernel::{Actor, Instance, Settings};
use quytrinh::workflows::companion::{
    Companion, CompanionCommand, CompanionConfig, CompanionInit, CompanionState,
};
use support::{Envelope, check_kernel_guarantees, check_late_tick_equals_on_time, envelope};

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
    let init = if linked {
        CompanionInit::active("SACO-01", "KH-01", "0001234567")
    } else {
        CompanionInit::unlinked("SACO-01", "KH-01", "0001234567")
    };
    Instance::create(
        "rel-01",
        CompanionConfig::default(),
        Settings {
            remembered_commands: 8,
        },
        init,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

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
    fn a_late_tick_equals_ticking_on_time(ops in ops(30), late_by in 0i64..400_000) {
        check_late_tick_equals_on_time(|| new_instance(true), start(), &ops, input, late_by)?;
    }
}
