//! Shared by the property tests of every workflow: the kernel's guarantees (SPEC §1.2–1.6),
//! checked the same way whatever the workflow. Each workflow's test brings a generator of
//! its own commands; this module brings the envelope variations and every check.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use quytrinh::kernel::{Actor, Command, Error, EventLog, Instance, Outcome, Snapshot, Workflow};

/// How one random input is sent: how much later, as a tick or a command, as a retry of
/// the last accepted command id, with an expected version.
#[derive(Clone, Debug)]
pub struct Envelope {
    pub delay_seconds: i64,
    pub tick: bool,
    pub reuse_id: bool,
    pub expected_version: Option<u64>,
}

/// Envelopes with delays up to `short`, `medium` or `long` seconds (and some going back
/// in time by up to ten minutes).
pub fn envelope(short: i64, medium: i64, long: i64, tick: f64) -> impl Strategy<Value = Envelope> {
    (
        prop_oneof![0..short, 0..medium, 0..long, -600i64..0],
        prop::bool::weighted(tick),
        prop::bool::weighted(0.1),
        prop::option::weighted(0.1, 0u64..14),
    )
        .prop_map(
            |(delay_seconds, tick, reuse_id, expected_version)| Envelope {
                delay_seconds,
                tick,
                reuse_id,
                expected_version,
            },
        )
}

/// `(duplicate, version, versions of the events)`: an outcome summed up, so the instance
/// can be read again.
type Summary = (bool, u64, Vec<u64>);

fn summary<W: Workflow>(o: &Outcome<'_, W>) -> Summary {
    (
        o.duplicate,
        o.version,
        o.events.iter().map(|r| r.version).collect(),
    )
}

/// Plays `ops` on `instance` from `start` and checks, after each input: a rejection leaves
/// the snapshot and the log byte-identical; a repeated command id changes nothing and gives
/// back the original events; an accepted input's version is the instance's; after a tick no
/// deadline is pending in the past; records are numbered without gaps and never go back in
/// time; `domain` holds. At the end: effect keys are unique, and snapshot and log survive a
/// JSON round trip, restore and replay.
pub fn check_kernel_guarantees<W: Workflow, O>(
    instance: &mut Instance<W>,
    start: DateTime<Utc>,
    ops: &[(Envelope, O)],
    input: impl Fn(&W::State, &O) -> (Actor, W::Command),
    mut domain: impl FnMut(&W::State) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    let mut now = start;
    let mut accepted: Vec<(String, Vec<u64>)> = Vec::new();
    for (i, (envelope, op)) in ops.iter().enumerate() {
        now += TimeDelta::seconds(envelope.delay_seconds);
        let before = instance.clone();
        let result = if envelope.tick {
            instance.tick(now).map(|o| summary(&o))
        } else {
            let id = match (envelope.reuse_id, accepted.last()) {
                (true, Some((id, _))) => id.clone(),
                _ => format!("cmd-{i}"),
            };
            let (who, body) = input(instance.state(), op);
            let mut cmd = Command::new(id.clone(), who, now, body);
            cmd.expected_version = envelope.expected_version;
            let result = instance.handle(&cmd).map(|o| summary(&o));
            if let Ok((duplicate, _, versions)) = &result {
                if *duplicate {
                    prop_assert_eq!(instance.snapshot_json(), before.snapshot_json());
                    let original = accepted
                        .iter()
                        .find(|(k, _)| *k == id)
                        .map(|(_, v)| v.clone());
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
                if envelope.tick {
                    prop_assert!(instance.deadlines().iter().all(|d| d.due > now));
                }
                for pair in instance.records().windows(2) {
                    prop_assert_eq!(pair[1].version, pair[0].version + 1);
                    prop_assert!(pair[1].at >= pair[0].at);
                }
            }
        }
        domain(instance.state())?;
    }
    let mut keys: Vec<&str> = instance
        .records()
        .iter()
        .flat_map(|r| r.effects.iter().map(|k| k.key.as_str()))
        .collect();
    let total = keys.len();
    keys.sort_unstable();
    keys.dedup();
    prop_assert_eq!(keys.len(), total, "effect keys are unique");
    assert_round_trips(instance);
    Ok(())
}

/// Two copies get the same commands; one ticks before each, the other only at the end,
/// `late_by` seconds after the last: both end in the same state with the same events at the
/// same instants.
pub fn check_late_tick_equals_on_time<W: Workflow, O>(
    fresh: impl Fn() -> Instance<W>,
    start: DateTime<Utc>,
    ops: &[(Envelope, O)],
    input: impl Fn(&W::State, &O) -> (Actor, W::Command),
    late_by: i64,
) -> Result<(), TestCaseError> {
    let mut on_time = fresh();
    let mut late = fresh();
    let mut now = start;
    for (i, (envelope, op)) in ops.iter().enumerate() {
        now += TimeDelta::seconds(envelope.delay_seconds.max(0));
        let (who, body) = input(late.state(), op);
        let cmd = Command::new(format!("cmd-{i}"), who, now, body);
        let _ = on_time.tick(now);
        let a = on_time.handle(&cmd).is_ok();
        let b = late.handle(&cmd).is_ok();
        prop_assert_eq!(a, b);
    }
    let end = now + TimeDelta::seconds(late_by);
    on_time.tick(end).unwrap();
    late.tick(end).unwrap();
    prop_assert_eq!(on_time.state(), late.state());
    prop_assert_eq!(on_time.version(), late.version());
    let timeline = |i: &Instance<W>| {
        i.records()
            .iter()
            .map(|r| (r.version, r.at, r.trigger.clone()))
            .collect::<Vec<_>>()
    };
    prop_assert_eq!(timeline(&on_time), timeline(&late));
    Ok(())
}

/// Snapshot and log survive a JSON round trip; restoring the snapshot and replaying the log
/// both give exactly the snapshot.
pub fn assert_round_trips<W: Workflow>(instance: &Instance<W>) {
    let snapshot = instance.snapshot_json();
    let parsed: Snapshot<W> = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(
        serde_json::to_string(&parsed).unwrap(),
        snapshot,
        "snapshot JSON round trip"
    );
    let log = instance.event_log_json();
    let parsed: EventLog<W> = serde_json::from_str(&log).unwrap();
    assert_eq!(
        serde_json::to_string(&parsed).unwrap(),
        log,
        "event log JSON round trip"
    );
    let replayed = Instance::<W>::from_log_json(&log).unwrap();
    assert_eq!(replayed.snapshot_json(), snapshot, "replay equals snapshot");
    let restored = Instance::<W>::from_snapshot_json(&snapshot).unwrap();
    assert_eq!(
        restored.snapshot_json(),
        snapshot,
        "restore equals snapshot"
    );
}
