//! Property tests of the kernel's guarantees on the `complaint` workflow (SPEC §1.2–1.6,
//! §6): random command sequences never panic, rejections change nothing byte for byte,
//! replay equals the snapshot, duplicates are no-ops, no deadline stays in the past after a
//! tick, and a late tick equals ticking on time.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use quytrinh::kernel::{Actor, Command, Error, EventLog, Instance, Settings, Snapshot, Vnd};
use quytrinh::workflows::complaint::{
    AtFault, CaseStatus, Complaint, ComplaintChannel, ComplaintCommand, ComplaintConfig,
    ComplaintInit, ComplaintState, Contact, DocumentKind, SlaStatus,
};

/// One random input: who, what, with which variation, how much later, and envelope
/// variations.
#[derive(Clone, Debug)]
struct Op {
    actor: u8,
    command: u8,
    variant: u8,
    delay_seconds: i64,
    tick: bool,
    natural: bool,
    reuse_id: bool,
    expected_version: Option<u64>,
}

fn op() -> impl Strategy<Value = Op> {
    (
        0u8..8,
        0u8..10,
        0u8..6,
        prop_oneof![0i64..600, 0i64..36_000, 0i64..400_000, -600i64..0],
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.6),
        prop::bool::weighted(0.1),
        prop::option::weighted(0.1, 0u64..14),
    )
        .prop_map(
            |(
                actor,
                command,
                variant,
                delay_seconds,
                tick,
                natural,
                reuse_id,
                expected_version,
            )| {
                Op {
                    actor,
                    command,
                    variant,
                    delay_seconds,
                    tick,
                    natural,
                    reuse_id,
                    expected_version,
                }
            },
        )
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
        _ => ComplaintCommand::Close {
            summary: text(v),
            lessons: text(v.max(1)),
        },
    }
}

fn start() -> DateTime<Utc> {
    "2026-02-12T09:00:00+07:00".parse().unwrap()
}

fn new_instance() -> Instance<Complaint> {
    Instance::create(
        "KN-01",
        ComplaintConfig::default(),
        Settings {
            remembered_commands: 8,
        },
        ComplaintInit::new("KN-01"),
    )
    .unwrap()
}

fn assert_round_trips(instance: &Instance<Complaint>) {
    let snapshot = instance.snapshot_json();
    let parsed: Snapshot<Complaint> = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(serde_json::to_string(&parsed).unwrap(), snapshot);
    let log = instance.event_log_json();
    let parsed: EventLog<Complaint> = serde_json::from_str(&log).unwrap();
    assert_eq!(serde_json::to_string(&parsed).unwrap(), log);
    let replayed = Instance::<Complaint>::from_log_json(&log).unwrap();
    assert_eq!(replayed.snapshot_json(), snapshot, "replay equals snapshot");
    let restored = Instance::<Complaint>::from_snapshot_json(&snapshot).unwrap();
    assert_eq!(
        restored.snapshot_json(),
        snapshot,
        "restore equals snapshot"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn kernel_guarantees_hold_for_any_sequence(ops in prop::collection::vec(op(), 1..60)) {
        let mut instance = new_instance();
        let mut now = start();
        let mut accepted: Vec<(String, Vec<u64>)> = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            now += TimeDelta::seconds(op.delay_seconds);
            let before = instance.clone();
            // (duplicate, version, versions of the events): owned, so the instance can be read.
            let summary = |o: quytrinh::kernel::Outcome<'_, Complaint>| {
                (o.duplicate, o.version, o.events.iter().map(|r| r.version).collect::<Vec<u64>>())
            };
            let result = if op.tick {
                instance.tick(now).map(summary)
            } else {
                let id = match (op.reuse_id, accepted.last()) {
                    (true, Some((id, _))) => id.clone(),
                    _ => format!("cmd-{i}"),
                };
                let (who, body) = input(instance.state(), op);
                let mut cmd = Command::new(id.clone(), who, now, body);
                cmd.expected_version = op.expected_version;
                let result = instance.handle(&cmd).map(summary);
                if let Ok((duplicate, _, versions)) = &result {
                    if *duplicate {
                        prop_assert_eq!(instance.snapshot_json(), before.snapshot_json());
                        let original = accepted.iter().find(|(k, _)| *k == id).map(|(_, v)| v.clone());
                        prop_assert_eq!(Some(versions.clone()), original);
                    } else {
                        accepted.push((id, versions.clone()));
                    }
                }
                result
            };
            match result {
                Err(Error::Rejected(_)) => {
                    prop_assert_eq!(instance.snapshot_json(), before.snapshot_json());
                    prop_assert_eq!(instance.event_log_json(), before.event_log_json());
                }
                Err(other) => prop_assert!(false, "unexpected error {other}"),
                Ok((duplicate, version, _)) => {
                    if !duplicate {
                        prop_assert_eq!(version, instance.version());
                    }
                    if op.tick {
                        prop_assert!(instance.deadlines().iter().all(|d| d.due > now));
                    }
                    for pair in instance.records().windows(2) {
                        prop_assert_eq!(pair[1].version, pair[0].version + 1);
                        prop_assert!(pair[1].at >= pair[0].at);
                    }
                }
            }
            // Invariants of the domain.
            let s = instance.state();
            if let Some(lock) = &s.token_lock {
                prop_assert!(lock.unlocked_at.is_none() == (s.status == Some(CaseStatus::AgentLocked)));
            }
            if let Some(d) = &s.deposit {
                let damages = s.finding.as_ref().unwrap().damages_vnd;
                prop_assert_eq!(d.required_vnd, damages.checked_mul(2).unwrap());
            }
            prop_assert_eq!(s.sla_breached, s.sla.as_ref().is_some_and(|x| x.status == SlaStatus::Breached));
        }
        let mut keys: Vec<&str> = instance.records().iter().flat_map(|r| r.effects.iter().map(|k| k.key.as_str())).collect();
        let total = keys.len();
        keys.sort_unstable();
        keys.dedup();
        prop_assert_eq!(keys.len(), total);
        assert_round_trips(&instance);
    }

    #[test]
    fn a_late_tick_equals_ticking_on_time(ops in prop::collection::vec(op(), 1..40), late_by in 0i64..1_000_000) {
        let mut on_time = new_instance();
        let mut late = new_instance();
        let mut now = start();
        for (i, op) in ops.iter().enumerate() {
            now += TimeDelta::seconds(op.delay_seconds.max(0));
            let (who, body) = input(late.state(), op);
            let cmd = Command::new(format!("cmd-{i}"), who, now, body);
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
        let at = |i: &Instance<Complaint>| i.records().iter().map(|r| (r.version, r.at, r.trigger.clone())).collect::<Vec<_>>();
        prop_assert_eq!(at(&on_time), at(&late));
    }
}
