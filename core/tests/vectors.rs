//! Plays every conformance vector in `tests/vectors/` and checks its expectations, then
//! checks what every vector's end state must satisfy: the snapshot survives a JSON round
//! trip, and replaying the event log gives exactly the snapshot.

mod vector_files;

use quytrinh::conformance::{Vector, play};
use quytrinh::dynamic;
use std::path::PathBuf;
use vector_files::vector_files;

#[test]
fn every_vector_passes_and_round_trips() {
    let files = vector_files();
    assert!(files.len() >= 12, "expected the companion vectors at least");
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let vector: Vector =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let report = play(&vector).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        failures.extend(
            report
                .failures()
                .into_iter()
                .map(|f| format!("{}: {f}", file.display())),
        );

        let snapshot = report.instance.snapshot_json();
        let restored = dynamic::restore(&snapshot).unwrap();
        assert_eq!(
            restored.snapshot_json(),
            snapshot,
            "{}: snapshot round trip",
            file.display()
        );
        let replayed = dynamic::replay(&report.instance.event_log_json()).unwrap();
        assert_eq!(
            replayed.snapshot_json(),
            snapshot,
            "{}: replay equals snapshot",
            file.display()
        );
        assert_eq!(
            replayed.event_log_json(),
            report.instance.event_log_json(),
            "{}: log round trip",
            file.display()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The player must notice every kind of wrong expectation; a checker that cannot fail
/// would make every vector above meaningless.
#[test]
fn the_player_reports_every_kind_of_mismatch() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/vectors/companion/unlink_by_saco_confirmed_by_customer.json"),
    )
    .unwrap();
    let pristine: serde_json::Value = serde_json::from_str(&text).unwrap();
    let wrong: [(&str, serde_json::Value); 8] = [
        (
            "/steps/0/expect/events",
            serde_json::json!(["request_submitted"]),
        ),
        ("/steps/0/expect/effects", serde_json::json!([])),
        ("/steps/0/expect/version", serde_json::json!(2)),
        (
            "/steps/0/expect/state/requests/0/status",
            serde_json::json!("pending"),
        ),
        (
            "/steps/0/expect/position/relationship",
            serde_json::json!("ended"),
        ),
        (
            "/steps/0/expect/next_deadline/due",
            serde_json::json!("2026-11-23T09:06:00+07:00"),
        ),
        (
            "/steps/3/expect/next_deadline",
            serde_json::json!({"kind": "auto_confirm"}),
        ),
        (
            "/steps/4/expect/rejected",
            serde_json::json!("not_permitted"),
        ),
    ];
    for (pointer, value) in wrong {
        let mut doc = pristine.clone();
        *doc.pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}")) = value;
        let vector: Vector = serde_json::from_value(doc).unwrap();
        let report = play(&vector).unwrap();
        assert!(!report.passed(), "a wrong {pointer} went unnoticed");
    }
    let mut accepted_as_rejected = pristine.clone();
    accepted_as_rejected["steps"][0]["expect"]["rejected"] = "not_permitted".into();
    let report = play(&serde_json::from_value(accepted_as_rejected).unwrap()).unwrap();
    assert_eq!(report.failures().len(), 1, "{:?}", report.failures());
}
