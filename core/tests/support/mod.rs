//! Shared by the property tests of every workflow: the kernel's guarantees (SPEC §1.2–1.6),
//! checked the same way whatever the workflow. Each workflow's test brings a generator of
//! its own commands; this module brings the envelope variations and every check.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use quytrinh::kernel::{
    Actor, Command, Error, EventLog, Instance, Outcome, Settings, Snapshot, Workflow,
};

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

/// The kernel settings of every property test: few remembered commands, so that retries of
/// forgotten ids are exercised.
pub const SETTINGS: Settings = Settings {
    remembered_commands: 8,
};

/// What an instance of a property test is created from.
pub struct Fresh<W: Workflow> {
    pub id: &'static str,
    pub config: W::Config,
    pub init: W::Init,
}

impl<W: Workflow> Fresh<W> {
    /// A new instance.
    pub fn instance(&self) -> Instance<W> {
        Instance::create(self.id, self.config.clone(), SETTINGS, self.init.clone()).unwrap()
    }
}

/// The number of random sequences per property: `ci` normally; 10,000 with
/// `QUYTRINH_PROPTEST_LONG=1`; `PROPTEST_CASES` when set (it wins).
pub fn cases(ci: u32) -> u32 {
    if let Some(n) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        n
    } else if std::env::var_os("QUYTRINH_PROPTEST_LONG").is_some_and(|v| v == "1") {
        10_000
    } else {
        ci
    }
}

/// Differential runs across the bindings (scripts/test-*.sh). With
/// `QUYTRINH_DIFFERENTIAL=DIR`, writes `cases` random sequences of workflow `W` (from the
/// property tests' own strategy, with a fixed seed) as conformance vectors
/// `DIR/vectors/<workflow>/random_NNN.json` whose expectations are what the native library
/// gave, step by step (rejection code and rule; duplicate, version, events, effects, the
/// whole state, the whole position and the next deadline), and the final snapshot, log and
/// views of each as a fixture `DIR/native/<workflow>__random_NNN.json`. Then every fixture
/// another binding left in `DIR/<binding>/` for `W` is restored natively and must give its
/// snapshot text back, and its state, version and position. Without the variable, the
/// sequences are still generated and played by the Rust player (`quytrinh::conformance`)
/// against their own expectations, which checks the generator.
pub fn differential<W: Workflow, O: std::fmt::Debug>(
    fresh: &Fresh<W>,
    start: DateTime<Utc>,
    strategy: impl Strategy<Value = Vec<(Envelope, O)>>,
    input: impl Fn(&W::State, &O) -> (Actor, W::Command),
) {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    use quytrinh::conformance;
    use quytrinh::kernel::positions_json;
    use serde_json::json;

    let dir = std::env::var_os("QUYTRINH_DIFFERENTIAL").map(std::path::PathBuf::from);
    let count: usize = std::env::var("QUYTRINH_DIFFERENTIAL_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let seed = *b"quytrinh differential runs 2026!";
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
    );
    for n in 0..count {
        let ops = strategy.new_tree(&mut runner).unwrap().current();
        let config = serde_json::to_value(&fresh.config).unwrap();
        let init = serde_json::to_value(&fresh.init).unwrap();
        let mut instance =
            quytrinh::dynamic::create(W::NAME, fresh.id, Some(&config), Some(SETTINGS), &init)
                .unwrap();
        let steps = record_steps::<W, O>(instance.as_mut(), start, &ops, &input);
        let name = format!("random_{n:03}");
        let vector = json!({
            "description": format!("{} random sequence {n} of the property tests; expectations from the native library", W::NAME),
            "workflow": W::NAME,
            "instance_id": fresh.id,
            "settings": SETTINGS,
            "config": config,
            "init": init,
            "steps": steps,
        });
        // The generator is checked by the Rust player: the vector passes where it was made.
        let parsed: conformance::Vector = serde_json::from_value(vector.clone()).unwrap();
        let report = conformance::play(&parsed).unwrap();
        assert!(report.passed(), "{name}: {:?}", report.failures());
        assert_eq!(report.instance.snapshot_json(), instance.snapshot_json());
        let Some(dir) = &dir else { continue };
        let vectors = dir.join("vectors").join(W::NAME);
        std::fs::create_dir_all(&vectors).unwrap();
        std::fs::write(vectors.join(format!("{name}.json")), vector.to_string()).unwrap();
        let fixture = json!({
            "vector": format!("{name}.json"),
            "workflow": W::NAME,
            "snapshot": instance.snapshot_json(),
            "event_log": instance.event_log_json(),
            "state": instance.state(),
            "version": instance.version(),
            "position": positions_json(&instance.position()),
            "next_deadline": instance.next_deadline(),
        });
        let native = dir.join("native");
        std::fs::create_dir_all(&native).unwrap();
        std::fs::write(
            native.join(format!("{}__{name}.json", W::NAME)),
            fixture.to_string(),
        )
        .unwrap();
    }
    let Some(dir) = &dir else { return };
    restore_fixtures_of::<W>(dir);
}

/// Plays `ops` on `instance` through the JSON surface; each step as a vector step whose
/// expectations are what the instance gave.
fn record_steps<W: Workflow, O>(
    instance: &mut dyn quytrinh::dynamic::AnyInstance,
    start: DateTime<Utc>,
    ops: &[(Envelope, O)],
    input: impl Fn(&W::State, &O) -> (Actor, W::Command),
) -> Vec<serde_json::Value> {
    use quytrinh::conformance;
    use quytrinh::kernel::positions_json;
    use serde_json::{Value, json};
    let mut now = start;
    let mut accepted: Vec<String> = Vec::new();
    let mut steps = Vec::new();
    for (i, (envelope, op)) in ops.iter().enumerate() {
        now += TimeDelta::seconds(envelope.delay_seconds);
        let (step, result) = if envelope.tick {
            (
                json!({"tick": {"at": quytrinh::kernel::rfc3339(now)}}),
                instance.tick(now),
            )
        } else {
            let id = match (envelope.reuse_id, accepted.last()) {
                (true, Some(id)) => id.clone(),
                _ => format!("cmd-{i}"),
            };
            let state: W::State = serde_json::from_value(instance.state()).unwrap();
            let (who, body) = input(&state, op);
            let mut command = Command::new(id.clone(), who, now, body);
            command.expected_version = envelope.expected_version;
            let text = serde_json::to_string(&command).unwrap();
            let result = instance
                .handle_json(&text)
                .map(|outcome| serde_json::from_str::<Value>(&outcome).unwrap());
            if result.is_ok() {
                accepted.push(id);
            }
            (
                json!({"command": serde_json::from_str::<Value>(&text).unwrap()}),
                result,
            )
        };
        let expect = match result {
            Ok(outcome) => json!({
                "duplicate": outcome["duplicate"],
                "version": outcome["version"],
                "events": outcome["events"].as_array().unwrap().iter()
                    .map(|r| r["event"]["type"].clone()).collect::<Vec<_>>(),
                "effects": outcome["effects"].as_array().unwrap().iter()
                    .map(conformance::effect_name).collect::<Vec<_>>(),
                "state": instance.state(),
                "position": positions_json(&instance.position()),
                "next_deadline": outcome["next_deadline"],
            }),
            Err(e) => json!({
                "rejected": e.code(),
                "rule": e.rejection().map(|r| r.rule.to_string()),
            }),
        };
        let mut step = step;
        step["expect"] = expect;
        steps.push(step);
    }
    steps
}

/// Restores natively every fixture of workflow `W` that a binding wrote in
/// `DIR/<binding>/<workflow>__<vector>.json` (the native ones included): the snapshot text
/// comes back, the log replays to it, and the state, version and position are the ones the
/// binding read, where it wrote them.
fn restore_fixtures_of<W: Workflow>(dir: &std::path::Path) {
    use quytrinh::kernel::positions_json;
    for binding in std::fs::read_dir(dir).unwrap() {
        let binding = binding.unwrap().path();
        if binding.ends_with("vectors") || !binding.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&binding).unwrap() {
            let file = file.unwrap().path();
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with(&format!("{}__", W::NAME)) {
                continue;
            }
            let fixture: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let snapshot = fixture["snapshot"].as_str().unwrap();
            let what = file.display();
            let restored = quytrinh::dynamic::restore(snapshot).unwrap();
            assert_eq!(restored.snapshot_json(), snapshot, "{what}: snapshot text");
            // The views, where the binding wrote them.
            for (key, native) in [
                ("state", restored.state()),
                ("version", restored.version().into()),
                ("position", positions_json(&restored.position())),
            ] {
                if let Some(theirs) = fixture.get(key) {
                    assert_eq!(&native, theirs, "{what}: {key}");
                }
            }
            let replayed =
                quytrinh::dynamic::replay(fixture["event_log"].as_str().unwrap()).unwrap();
            assert_eq!(replayed.snapshot_json(), snapshot, "{what}: replayed log");
        }
    }
}
