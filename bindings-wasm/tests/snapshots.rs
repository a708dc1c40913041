//! Snapshot round trips between the native library and the WASM build, driven by
//! `scripts/test-wasm.sh` through the `QUYTRINH_FIXTURES` folder (nothing to do without it):
//!
//! 1. `native_writes_fixtures`: plays every vector natively and writes, per vector, the final
//!    snapshot, event log, state, version and next deadline to `$QUYTRINH_FIXTURES/native/`.
//! 2. The Node suite (`tests/js/roundtrip.test.mjs`) restores those in WASM and compares, then
//!    writes its own to `$QUYTRINH_FIXTURES/wasm/`.
//! 3. `native_restores_wasm_fixtures`: restores the WASM ones natively and compares.
#![allow(missing_docs)]

use quytrinh::conformance::{Vector, play};
use quytrinh::dynamic;
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> Option<PathBuf> {
    std::env::var_os("QUYTRINH_FIXTURES").map(PathBuf::from)
}

fn vectors() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files = Vec::new();
    for dir in fs::read_dir(&root).expect("tests/vectors").flatten() {
        if dir.path().is_dir() {
            for f in fs::read_dir(dir.path())
                .expect("a workflow folder")
                .flatten()
            {
                if f.path().extension().is_some_and(|e| e == "json") {
                    files.push(f.path());
                }
            }
        }
    }
    files.sort();
    files
}

fn fixture_name(path: &Path) -> String {
    let workflow = path.parent().and_then(Path::file_name).unwrap_or_default();
    let name = path.file_stem().unwrap_or_default();
    format!(
        "{}__{}.json",
        workflow.to_string_lossy(),
        name.to_string_lossy()
    )
}

#[test]
fn native_writes_fixtures() {
    let Some(dir) = fixtures() else { return };
    let out = dir.join("native");
    fs::create_dir_all(&out).expect("fixture folder");
    for path in vectors() {
        let vector: Vector =
            serde_json::from_str(&fs::read_to_string(&path).expect("vector")).expect("a vector");
        let report = play(&vector).expect("the vector plays");
        let instance = report.instance;
        let fixture = json!({
            "vector": path.file_name().map(|n| n.to_string_lossy().into_owned()),
            "workflow": instance.workflow(),
            "snapshot": instance.snapshot_json(),
            "event_log": instance.event_log_json(),
            "state": instance.state(),
            "version": instance.version(),
            "position": quytrinh::kernel::positions_json(&instance.position()),
            "next_deadline": instance.next_deadline(),
        });
        fs::write(out.join(fixture_name(&path)), fixture.to_string()).expect("write fixture");
    }
}

#[test]
fn native_restores_wasm_fixtures() {
    let Some(dir) = fixtures() else { return };
    let Ok(entries) = fs::read_dir(dir.join("wasm")) else {
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let text = fs::read_to_string(entry.path()).expect("fixture");
        let fixture: Value = serde_json::from_str(&text).expect("fixture JSON");
        let name = entry.file_name().to_string_lossy().into_owned();
        let snapshot = fixture["snapshot"].as_str().expect("snapshot text");
        let restored = dynamic::restore(snapshot).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(restored.state(), fixture["state"], "{name}: state");
        assert_eq!(
            json!(restored.version()),
            fixture["version"],
            "{name}: version"
        );
        assert_eq!(
            quytrinh::kernel::positions_json(&restored.position()),
            fixture["position"],
            "{name}: position"
        );
        assert_eq!(
            serde_json::to_value(restored.next_deadline()).expect("deadline"),
            fixture["next_deadline"],
            "{name}: next deadline"
        );
        assert_eq!(restored.snapshot_json(), snapshot, "{name}: snapshot text");
        let log = fixture["event_log"].as_str().expect("event log text");
        let replayed = dynamic::replay(log).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(replayed.state(), fixture["state"], "{name}: replayed state");
        assert_eq!(
            replayed.snapshot_json(),
            snapshot,
            "{name}: replayed snapshot"
        );
        checked += 1;
    }
    assert!(checked > 0, "no WASM fixtures in {}", dir.display());
    println!("restored {checked} WASM snapshots natively");
}
