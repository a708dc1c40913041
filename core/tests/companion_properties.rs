//! Property tests of the kernel's guarantees, driven by random command sequences of the
//! `companion` workflow (SPEC §1.2–1.6).

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use quytrinh::kernel::{Actor, Command, Error, EventLog, Instance, Settings, Snapshot};
use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};

/// One random input: who, what, on which target, how much later, and envelope variations.
#[derive(Clone, Debug)]
struct Op {
    actor: u8,
    command: u8,
    target: u8,
    delay_seconds: i64,
    tick: bool,
    reuse_id: bool,
    expected_version: Option<u64>,
}

fn op() -> impl Strategy<Value = Op> {
    (
        0u8..5,
        0u8..9,
        0u8..4,
        prop_oneof![0i64..120, 0i64..3_600, 0i64..200_000, -600i64..0],
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.1),
        prop::option::weighted(0.1, 0u64..12),
    )
        .prop_map(
            |(actor, command, target, delay_seconds, tick, reuse_id, expected_version)| Op {
                actor,
                command,
                target,
                delay_seconds,
                tick,
                reuse_id,
                expected_version,
            },
        )
}

fn actor(n: u8) -> Actor {
    match n {
        0 | 1 => Actor::new("saco", "SACO-01"),
        2 | 3 => Actor::new("customer", "KH-01"),
        _ => Actor::new(["system", "ops", "customer"][usize::from(n) % 3], "KH-99"),
    }
}

/// A command aimed at something that exists (most of the time) in the current state.
fn command(state: &quytrinh::workflows::companion::CompanionState, op: &Op) -> CompanionCommand {
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
    match op.command {
        0 => CompanionCommand::RequestUnlink {},
        1 => CompanionCommand::RequestLink {},
        2 => CompanionCommand::Resend { request_id },
        3 => CompanionCommand::OtpVerified { challenge_id },
        4 => CompanionCommand::OtpFailed { challenge_id },
        5 => CompanionCommand::Confirm { request_id },
        6 => CompanionCommand::Accept { request_id },
        7 => CompanionCommand::Reject { request_id },
        _ => CompanionCommand::Withdraw { request_id },
    }
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

fn assert_round_trips(instance: &Instance<Companion>) {
    let snapshot = instance.snapshot_json();
    let parsed: Snapshot<Companion> = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(
        serde_json::to_string(&parsed).unwrap(),
        snapshot,
        "snapshot JSON round trip"
    );
    let log = instance.event_log_json();
    let parsed: EventLog<Companion> = serde_json::from_str(&log).unwrap();
    assert_eq!(
        serde_json::to_string(&parsed).unwrap(),
        log,
        "event log JSON round trip"
    );
    let replayed = Instance::<Companion>::from_log_json(&log).unwrap();
    assert_eq!(replayed.snapshot_json(), snapshot, "replay equals snapshot");
    let restored = Instance::<Companion>::from_snapshot_json(&snapshot).unwrap();
    assert_eq!(
        restored.snapshot_json(),
        snapshot,
        "restore equals snapshot"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn kernel_guarantees_hold_for_any_sequence(linked in any::<bool>(), ops in prop::collection::vec(op(), 1..60)) {
        let mut instance = new_instance(linked);
        let mut now = start();
        let mut accepted_ids: Vec<(String, Vec<u64>)> = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            now += TimeDelta::seconds(op.delay_seconds);
            let before = instance.clone();
            // (duplicate, version, versions of the events): owned, so the instance can be read.
            let summary = |o: quytrinh::kernel::Outcome<'_, Companion>| {
                (o.duplicate, o.version, o.events.iter().map(|r| r.version).collect::<Vec<u64>>())
            };
            let result = if op.tick {
                instance.tick(now).map(summary)
            } else {
                let id = match (op.reuse_id, accepted_ids.last()) {
                    (true, Some((id, _))) => id.clone(),
                    _ => format!("cmd-{i}"),
                };
                let mut cmd = Command::new(id.clone(), actor(op.actor), now, command(instance.state(), op));
                cmd.expected_version = op.expected_version;
                let result = instance.handle(&cmd).map(summary);
                if let Ok((duplicate, _, versions)) = &result {
                    if *duplicate {
                        // A retry changes nothing and gives back the original events.
                        prop_assert_eq!(instance.snapshot_json(), before.snapshot_json());
                        let original = accepted_ids.iter().find(|(known, _)| *known == id).map(|(_, v)| v.clone());
                        prop_assert_eq!(Some(versions.clone()), original);
                    } else {
                        accepted_ids.push((id, versions.clone()));
                    }
                }
                result
            };
            match result {
                Err(Error::Rejected(_)) => {
                    // A rejection leaves the instance byte-identical.
                    prop_assert_eq!(instance.snapshot_json(), before.snapshot_json());
                    prop_assert_eq!(instance.event_log_json(), before.event_log_json());
                }
                Err(other) => prop_assert!(false, "unexpected error {other}"),
                Ok((duplicate, version, _)) => {
                    if !duplicate {
                        prop_assert_eq!(version, instance.version());
                    }
                    if op.tick {
                        // After a tick, no deadline stays pending in the past.
                        prop_assert!(instance.deadlines().iter().all(|d| d.due > now));
                    }
                    // Events are numbered without gaps and never go back in time.
                    for pair in instance.records().windows(2) {
                        prop_assert_eq!(pair[1].version, pair[0].version + 1);
                        prop_assert!(pair[1].at >= pair[0].at);
                    }
                }
            }
        }
        // Effect idempotency keys are unique.
        let mut keys: Vec<&str> = instance.records().iter().flat_map(|r| r.effects.iter().map(|k| k.key.as_str())).collect();
        let total = keys.len();
        keys.sort_unstable();
        keys.dedup();
        prop_assert_eq!(keys.len(), total);
        assert_round_trips(&instance);
    }

    #[test]
    fn a_late_tick_equals_ticking_on_time(ops in prop::collection::vec(op(), 1..30), late_by in 0i64..400_000) {
        // Two copies receive the same commands; one ticks after each, one only at the end.
        let mut on_time = new_instance(true);
        let mut late = new_instance(true);
        let mut now = start();
        for (i, op) in ops.iter().enumerate() {
            now += TimeDelta::seconds(op.delay_seconds.max(0));
            let cmd = Command::new(format!("cmd-{i}"), actor(op.actor), now, command(late.state(), op));
            let _ = on_time.tick(now);
            let a = on_time.handle(&cmd).map(|o| o.events.len());
            let b = late.handle(&cmd).map(|o| o.events.len());
            prop_assert_eq!(a.is_ok(), b.is_ok());
        }
        let end = now + TimeDelta::seconds(late_by);
        on_time.tick(end).unwrap();
        late.tick(end).unwrap();
        prop_assert_eq!(on_time.state(), late.state());
        prop_assert_eq!(on_time.version(), late.version());
        let at = |i: &Instance<Companion>| i.records().iter().map(|r| (r.version, r.at, r.trigger.clone())).collect::<Vec<_>>();
        prop_assert_eq!(at(&on_time), at(&late));
    }
}
