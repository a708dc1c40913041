//! Snapshots and event logs written by earlier schema versions (`tests/fixtures/`) restore
//! and replay with the current code, and then behave exactly as the vector they were cut
//! from says: old documents are migrated, never misread.

use quytrinh::conformance::{Step, play_steps};
use quytrinh::dynamic::{self, AnyInstance};
use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use vector_files::{json_files_below, vector_files};

mod vector_files;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    #[allow(dead_code)]
    description: String,
    workflow: String,
    source_vector: String,
    snapshot: Value,
    event_log: Value,
    rest: Vec<Step>,
}

fn fixtures(schema: &str) -> Vec<PathBuf> {
    json_files_below(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(schema),
    )
}

fn load(file: &Path) -> Fixture {
    let text = std::fs::read_to_string(file).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn play_rest(name: &str, instance: &mut dyn AnyInstance, rest: &[Step]) -> Vec<String> {
    play_steps(instance, rest)
        .unwrap()
        .into_iter()
        .flat_map(|s| {
            s.failures
                .into_iter()
                .map(move |f| format!("{name}: step {} after the cut: {f}", s.index))
        })
        .collect()
}

#[test]
fn schema_1_documents_of_every_workflow_are_stored() {
    let files = fixtures("schema1");
    for workflow in ["companion", "complaint"] {
        let count = files
            .iter()
            .filter(|f| load(f).workflow == workflow)
            .count();
        assert!(
            count >= 3,
            "{workflow}: {count} schema-1 fixtures, want several states"
        );
    }
    // Each fixture was cut from a vector that still exists: `rest` is its remainder.
    let vectors = vector_files();
    for file in &files {
        let source = load(file).source_vector;
        assert!(
            vectors.iter().any(|v| v.ends_with(&source)),
            "{}: its source vector {source} is gone",
            file.display()
        );
    }
}

#[test]
fn schema_1_snapshots_restore_and_behave_as_their_vectors_say() {
    restore_and_play("schema1");
}

#[test]
fn schema_2_snapshots_restore_and_behave_as_stored() {
    restore_and_play("schema2");
}

#[test]
fn schema_1_event_logs_replay_to_their_snapshots_and_behave_the_same() {
    replay_and_play("schema1");
}

#[test]
fn schema_2_event_logs_replay_to_their_snapshots_and_behave_the_same() {
    replay_and_play("schema2");
}

/// Documents written before the announced schedules keep the calendar they were written
/// with: the rules alone (`announced_schedules: false`), for every workflow with a calendar.
#[test]
fn earlier_documents_keep_their_rule_only_calendar() {
    let mut seen = 0;
    for schema in ["schema1", "schema2"] {
        for file in fixtures(schema) {
            let fixture = load(&file);
            let snapshot = serde_json::to_string(&fixture.snapshot).unwrap();
            let restored: Value =
                serde_json::from_str(&dynamic::restore(&snapshot).unwrap().snapshot_json())
                    .unwrap();
            assert_eq!(restored["schema_version"], 3);
            let calendar = &restored["config"]["calendar"];
            if fixture.workflow == "complaint" {
                seen += 1;
                assert_eq!(
                    calendar["announced_schedules"],
                    false,
                    "{}: {calendar}",
                    file.display()
                );
            } else {
                assert!(calendar.is_null(), "{}: {calendar}", file.display());
            }
        }
    }
    assert!(seen >= 6);
}

/// Schema 2's stored due instant of a complaint across Tết 2024 is kept as it was; a new
/// instance of the same complaint counts the announced schedule.
#[test]
fn a_complaint_across_tet_2024_keeps_its_stored_deadline() {
    let file = fixtures("schema2")
        .into_iter()
        .find(|f| f.ends_with("sla_across_tet_2024_rules_only.json"))
        .unwrap();
    let fixture = load(&file);
    let restored = dynamic::restore(&serde_json::to_string(&fixture.snapshot).unwrap()).unwrap();
    assert_eq!(restored.state()["sla"]["due"], "2024-02-20T17:00:00Z");
    let vector: Value = serde_json::from_str(
        &std::fs::read_to_string(
            vector_files()
                .into_iter()
                .find(|v| v.ends_with(&fixture.source_vector))
                .unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    let mut fresh = dynamic::create("complaint", "KN-024", None, None, &vector["init"]).unwrap();
    fresh
        .handle_value(vector["steps"][0]["command"].clone())
        .unwrap();
    assert_eq!(fresh.state()["sla"]["due"], "2024-02-20T02:00:00Z");
    // A new instance with the default calendar still leaves it out of its snapshot.
    let written: Value = serde_json::from_str(&fresh.snapshot_json()).unwrap();
    assert!(
        written["config"].get("calendar").is_none(),
        "{}",
        written["config"]
    );
}

fn restore_and_play(schema: &str) {
    let mut failures = Vec::new();
    for file in fixtures(schema) {
        let fixture = load(&file);
        let name = file.display().to_string();
        let snapshot = serde_json::to_string(&fixture.snapshot).unwrap();
        let mut restored =
            dynamic::restore(&snapshot).unwrap_or_else(|e| panic!("{name}: restore: {e}"));
        assert_eq!(restored.workflow(), fixture.workflow, "{name}");
        assert_eq!(
            restored.version(),
            fixture.snapshot["version"].as_u64().unwrap(),
            "{name}: the version is kept"
        );
        failures.extend(play_rest(&name, restored.as_mut(), &fixture.rest));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn replay_and_play(schema: &str) {
    let mut failures = Vec::new();
    for file in fixtures(schema) {
        let fixture = load(&file);
        let name = file.display().to_string();
        let log = serde_json::to_string(&fixture.event_log).unwrap();
        let mut replayed = dynamic::replay(&log).unwrap_or_else(|e| panic!("{name}: replay: {e}"));
        let snapshot = serde_json::to_string(&fixture.snapshot).unwrap();
        let restored = dynamic::restore(&snapshot).unwrap();
        assert_eq!(
            replayed.snapshot_json(),
            restored.snapshot_json(),
            "{name}: the replayed log is the stored snapshot"
        );
        failures.extend(play_rest(&name, replayed.as_mut(), &fixture.rest));
        let again = dynamic::replay(&replayed.event_log_json()).unwrap();
        assert_eq!(
            again.snapshot_json(),
            replayed.snapshot_json(),
            "{name}: the log written after migrating replays too"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
