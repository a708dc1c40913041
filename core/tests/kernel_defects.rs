//! Regression tests of the kernel's refusals at its boundaries: each failed before the fix,
//! with a panic, a hang, a wrapped version or a half-applied input.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use quytrinh::kernel::{
    Actor, Basis, Command, CommandSpec, Context, DeadlineSpec, Decision, EffectName, Instance,
    Label, MAX_FIRINGS_PER_INPUT, MAX_VERSION, Notification, RegionSpec, Rejection, RoleSpec,
    Settings, StateSpec, TaggedDeserialize, TemplateSpec, Timer, TransitionSpec, Unfit, Workflow,
};
use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
use serde::{Deserialize, Serialize};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn companion() -> Instance<Companion> {
    let mut rel = Instance::<Companion>::create(
        "rel-1",
        CompanionConfig::default(),
        Settings::default(),
        CompanionInit::active("SACO-1", "KH-1", "0001234567"),
    )
    .unwrap();
    let saco = Actor::new("saco", "SACO-1");
    let t0 = at("2026-11-23T09:00:00+07:00");
    rel.handle(&Command::new(
        "c1",
        saco.clone(),
        t0,
        CompanionCommand::RequestUnlink {},
    ))
    .unwrap();
    rel.handle(&Command::new(
        "c2",
        saco,
        t0,
        CompanionCommand::OtpVerified {
            challenge_id: "R1-otp1".into(),
        },
    ))
    .unwrap();
    rel
}

#[test]
fn an_envelope_key_given_twice_is_refused() {
    for key in ["command_id", "actor", "at", "expected_version"] {
        let value = match key {
            "actor" => r#"{"role":"saco","id":"S1"}"#,
            "at" => r#""2026-11-23T09:00:00+07:00""#,
            "expected_version" => "1",
            _ => r#""c9""#,
        };
        let json = format!(
            r#"{{"command_id":"c1","actor":{{"role":"saco","id":"S1"}},"at":"2026-11-23T09:00:00+07:00","expected_version":0,"{key}":{value},"type":"request_unlink"}}"#
        );
        let err = serde_json::from_str::<Command<CompanionCommand>>(&json).unwrap_err();
        assert!(err.to_string().contains("duplicate field"), "{key}: {err}");
    }
}

#[test]
fn a_snapshot_at_the_largest_version_is_refused_never_wrapped() {
    let rel = companion();
    let mut snapshot: serde_json::Value = serde_json::from_str(&rel.snapshot_json()).unwrap();
    for version in [u64::MAX, MAX_VERSION + 1] {
        snapshot["version"] = version.into();
        let err = Instance::<Companion>::from_snapshot_json(&snapshot.to_string()).unwrap_err();
        assert_eq!(err.code(), "invalid_config", "{version}: {err}");
    }
    snapshot["version"] = MAX_VERSION.into();
    snapshot["recent_commands"] = serde_json::json!([]);
    let mut full = Instance::<Companion>::from_snapshot_json(&snapshot.to_string()).unwrap();
    let before = full.snapshot_json();
    let err = full
        .handle(&Command::new(
            "c3",
            Actor::new("customer", "KH-1"),
            at("2026-11-23T09:10:00+07:00"),
            CompanionCommand::Reject {
                request_id: "R1".into(),
            },
        ))
        .unwrap_err();
    assert_eq!(err.code(), "internal", "{err}");
    assert_eq!(
        full.snapshot_json(),
        before,
        "the refused input changed nothing"
    );
}

#[test]
fn a_log_whose_records_do_not_fit_together_is_a_corrupt_log_not_a_panic() {
    let rel = companion();
    let log: serde_json::Value = serde_json::from_str(&rel.event_log_json()).unwrap();
    // The submission of a request that was never staged.
    let mut orphan = log.clone();
    orphan["records"].as_array_mut().unwrap().remove(0);
    orphan["records"][0]["version"] = 1.into();
    let err = Instance::<Companion>::from_log_json(&orphan.to_string()).unwrap_err();
    assert_eq!(err.code(), "corrupt_log", "{err}");
    // An event naming another request.
    let mut other = log.clone();
    other["records"][1]["event"]["request_id"] = "R9".into();
    let err = Instance::<Companion>::from_log_json(&other.to_string()).unwrap_err();
    assert_eq!(err.code(), "corrupt_log", "{err}");
    // The same request staged twice.
    let mut twice = log;
    let first = twice["records"][0].clone();
    twice["records"][1] = first;
    twice["records"][1]["version"] = 2.into();
    let err = Instance::<Companion>::from_log_json(&twice.to_string()).unwrap_err();
    assert_eq!(err.code(), "corrupt_log", "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Replaying a mutated log (records dropped, repeated, reordered, fields changed) gives
    /// an instance or a typed error, never a panic.
    #[test]
    fn mutated_logs_never_panic_on_replay(
        edits in prop::collection::vec((0usize..6, 0usize..8, 0usize..8), 1..6)
    ) {
        let mut rel = companion();
        let customer = Actor::new("customer", "KH-1");
        rel.handle(&Command::new("c3", customer, at("2026-11-23T09:10:00+07:00"),
            CompanionCommand::Withdraw { request_id: "R1".into() })).ok();
        rel.tick(at("2026-11-25T09:00:00+07:00")).unwrap();
        let mut log: serde_json::Value = serde_json::from_str(&rel.event_log_json()).unwrap();
        let records = log["records"].as_array_mut().unwrap();
        for (kind, a, b) in edits {
            let n = records.len();
            if n == 0 { break; }
            let (a, b) = (a % n, b % n);
            match kind {
                0 => { records.remove(a); }
                1 => { let r = records[a].clone(); records.insert(b, r); }
                2 => records.swap(a, b),
                3 => records[a]["event"]["request_id"] = "R2".into(),
                4 => { let t = records[b]["event"]["type"].clone(); records[a]["event"]["type"] = t; }
                _ => records[a]["version"] = (b as u64).into(),
            }
        }
        let text = log.to_string();
        let _ = Instance::<Companion>::from_log_json(&text);
        let renumbered: Vec<serde_json::Value> = log["records"].as_array().unwrap().iter().enumerate()
            .map(|(i, r)| { let mut r = r.clone(); r["version"] = (i as u64 + 1).into(); r }).collect();
        log["records"] = renumbered.into();
        if let Ok(mut replayed) = Instance::<Companion>::from_log_json(&log.to_string()) {
            let _ = replayed.tick(at("2026-12-30T09:00:00+07:00"));
        }
    }
}

/// A deliberately broken workflow: its one deadline is re-armed in the past whenever it
/// fires (`loop`), and its command decides two events the second of which does not fit.
#[derive(Clone, Debug, PartialEq)]
struct Broken;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct BrokenState {
    due: Option<DateTime<Utc>>,
    count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
enum BrokenCommand {
    Arm {},
    Split {},
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
enum BrokenEvent {
    Armed { due: DateTime<Utc> },
    Counted {},
    Unfit {},
}

#[derive(Clone, Debug, PartialEq, Serialize, TaggedDeserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
enum NoEffect {}

impl EffectName for NoEffect {
    fn notification(&self) -> Option<&Notification> {
        match *self {}
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
enum BrokenDeadline {
    Loop,
}

const ANYONE: &[&str] = &["user"];

impl Workflow for Broken {
    const NAME: &'static str = "broken";
    const LABEL: Label = Label::new("Hỏng", "Broken");
    const ROLES: &'static [RoleSpec] = &[RoleSpec::new("user", "Người dùng", "User")];
    const REGIONS: &'static [RegionSpec] = &[RegionSpec::new(
        "main",
        "Chính",
        "Main",
        &[StateSpec::initial("idle", "Rảnh", "Idle")],
    )];
    const COMMANDS: &'static [CommandSpec] = &[
        CommandSpec::new("arm", "Hẹn", "Arm", ANYONE),
        CommandSpec::new("split", "Tách", "Split", ANYONE),
    ];
    const QUERIES: &'static [CommandSpec] = &[];
    const TRANSITIONS: &'static [TransitionSpec] = &[];
    const TEMPLATES: &'static [TemplateSpec] = &[];
    quytrinh::no_reports!();

    type Config = ();
    type Init = ();
    type State = BrokenState;
    type Command = BrokenCommand;
    type Event = BrokenEvent;
    type Effect = NoEffect;
    type DeadlineKind = BrokenDeadline;
    type Query = BrokenCommand;
    type Answer = ();

    fn validate_config((): &()) -> Result<(), String> {
        Ok(())
    }

    fn init((): &(), (): ()) -> Result<BrokenState, Rejection> {
        Ok(BrokenState {
            due: None,
            count: 0,
        })
    }

    fn decide(
        _: &BrokenState,
        command: &BrokenCommand,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Rejection> {
        Ok(match command {
            BrokenCommand::Arm {} => Decision::of(BrokenEvent::Armed { due: ctx.at }),
            BrokenCommand::Split {} => {
                Decision::of(BrokenEvent::Counted {}).and(BrokenEvent::Unfit {})
            }
        })
    }

    fn evolve(state: &mut BrokenState, event: &BrokenEvent, _: DateTime<Utc>) -> Result<(), Unfit> {
        match event {
            BrokenEvent::Armed { due } => state.due = Some(*due),
            BrokenEvent::Counted {} => state.count += 1,
            BrokenEvent::Unfit {} => return Err(Unfit::new("never fits")),
        }
        Ok(())
    }

    fn deadlines(state: &BrokenState) -> impl Iterator<Item = Timer<'_, BrokenDeadline>> {
        state
            .due
            .map(|due| Timer::new(BrokenDeadline::Loop, due, Basis::Clock))
            .into_iter()
    }

    fn on_deadline(
        _: &BrokenState,
        timer: &Timer<'_, BrokenDeadline>,
        _: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Unfit> {
        // The bug: re-armed one second later, still long before the tick.
        Ok(Decision::of(BrokenEvent::Armed {
            due: timer.due + TimeDelta::seconds(1),
        }))
    }

    fn deadline_specs((): &()) -> Vec<DeadlineSpec> {
        Vec::new()
    }

    fn candidates(_: &BrokenState, _: &Actor) -> Vec<BrokenCommand> {
        Vec::new()
    }

    fn position(_: &BrokenState, _: Option<&str>) -> Vec<(&'static str, &'static str)> {
        vec![("main", "idle")]
    }

    fn query(_: &BrokenState, _: &BrokenCommand, _: &Context<'_, Self>) -> Result<(), Rejection> {
        Ok(())
    }
}

fn broken() -> Instance<Broken> {
    Instance::<Broken>::create("b-1", (), Settings::default(), ()).unwrap()
}

#[test]
fn a_deadline_re_armed_in_the_past_ends_in_an_error_not_a_hang() {
    let mut b = broken();
    let t0 = at("2026-01-01T00:00:00Z");
    b.handle(&Command::new(
        "c1",
        Actor::new("user", "u"),
        t0,
        BrokenCommand::Arm {},
    ))
    .unwrap();
    let before = b.snapshot_json();
    let later = t0 + TimeDelta::days(365);
    let err = b.tick(later).unwrap_err();
    assert_eq!(err.code(), "internal");
    assert!(
        err.to_string().contains(&MAX_FIRINGS_PER_INPUT.to_string()),
        "{err}"
    );
    assert_eq!(b.snapshot_json(), before, "nothing fired for good");
}

#[test]
fn a_failure_half_way_through_staging_leaves_the_instance_untouched() {
    let mut b = broken();
    let t0 = at("2026-01-01T00:00:00Z");
    let (snapshot, log) = (b.snapshot_json(), b.event_log_json());
    let err = b
        .handle(&Command::new(
            "c1",
            Actor::new("user", "u"),
            t0,
            BrokenCommand::Split {},
        ))
        .unwrap_err();
    assert_eq!(err.code(), "internal");
    assert_eq!(b.snapshot_json(), snapshot);
    assert_eq!(b.event_log_json(), log);
    assert_eq!(b.state().count, 0, "the first event's fold was put back");
}

#[test]
fn a_duplicate_returns_the_original_version_and_events() {
    let mut rel = companion();
    let saco = Actor::new("saco", "SACO-1");
    let t = at("2026-11-23T09:10:00+07:00");
    rel.handle(&Command::new(
        "c3",
        saco.clone(),
        t,
        CompanionCommand::Withdraw {
            request_id: "R1".into(),
        },
    ))
    .unwrap();
    let again = rel
        .handle(&Command::new(
            "c2",
            saco,
            t,
            CompanionCommand::RequestUnlink {},
        ))
        .unwrap();
    assert!(again.duplicate);
    assert_eq!(again.version, 2, "the version the original command left");
    assert_eq!(again.event_names(), ["request_submitted"]);
    assert!(again.positions.is_empty(), "nothing moved now");
    assert_eq!(rel.version(), 3);
}

#[test]
fn compaction_keeps_the_last_records_and_replays_to_the_same_instance() {
    let mut rel = companion();
    rel.compact(1).unwrap();
    assert_eq!(rel.records().len(), 1);
    let log: serde_json::Value = serde_json::from_str(&rel.event_log_json()).unwrap();
    assert_eq!(log["base"]["version"], 1);
    let replayed = Instance::<Companion>::from_log_json(&rel.event_log_json()).unwrap();
    assert_eq!(replayed.snapshot_json(), rel.snapshot_json());
}
