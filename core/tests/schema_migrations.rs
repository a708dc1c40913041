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
    let mut failures = Vec::new();
    for file in fixtures("schema1") {
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

#[test]
fn schema_1_event_logs_replay_to_their_snapshots_and_behave_the_same() {
    let mut failures = Vec::new();
    for file in fixtures("schema1") {
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
