//! Bad input names the field at fault on the JSON surface every binding shares (`dynamic`):
//! the path of the value (`at`, `actor.id`, `init.account`, `records[0].event`), never only a
//! line and column of JSON text that a binding wrote from the host's object.

use quytrinh::dynamic;
use quytrinh::kernel::{Actor, Error};
use serde_json::{Value, json};

const T0: &str = "2026-11-23T09:00:00+07:00";

fn init() -> Value {
    json!({"saco_id": "S1", "customer_id": "K1", "account": "0001234567"})
}

fn command(patch: &Value) -> String {
    let mut c = json!({"command_id": "c1", "actor": {"role": "saco", "id": "S1"}, "at": T0,
                       "type": "request_unlink"});
    for (k, v) in patch.as_object().unwrap() {
        c[k] = v.clone();
    }
    c.to_string()
}

/// The path and the message of an `invalid_json` error.
fn fault(e: Error) -> (String, String) {
    match e {
        Error::InvalidJson { ref path, .. } => (path.clone(), e.to_string()),
        other => panic!("expected invalid_json, got {other:?}"),
    }
}

#[test]
fn a_command_names_its_envelope_field() {
    let cases = [
        (json!({"at": "yesterday"}), "at"),
        (json!({"at": 17}), "at"),
        (json!({"command_id": 7}), "command_id"),
        (json!({"actor": {"role": "saco"}}), "actor"),
        (json!({"actor": {"role": "saco", "id": 9}}), "actor.id"),
        (
            json!({"actor": {"role": "saco", "id": "S1", "name": "x"}}),
            "actor.name",
        ),
        (json!({"expected_version": -1}), "expected_version"),
    ];
    for (patch, path) in cases {
        let mut rel = dynamic::create("companion", "rel-1", None, None, &init()).unwrap();
        let text = command(&patch);
        let (found, message) = fault(rel.handle_json(&text).err().unwrap());
        assert_eq!(found, path, "{patch}: {message}");
        assert!(
            message.starts_with(&format!("invalid JSON at `{path}`: ")),
            "{message}"
        );
        assert!(!message.contains("column"), "{message}");
        assert_eq!(rel.version(), 0, "nothing changed");
    }
}

#[test]
fn a_missing_field_is_named_with_the_input_it_is_missing_from() {
    let (path, message) = fault(
        dynamic::create("companion", "rel-1", None, None, &json!({"saco_id": "S1"}))
            .err()
            .unwrap(),
    );
    assert_eq!(path, "init");
    assert_eq!(
        message,
        "invalid JSON at `init`: missing field `customer_id`"
    );
    let mut bad = init();
    bad["account"] = json!(1);
    assert_eq!(
        fault(
            dynamic::create("companion", "r", None, None, &bad)
                .err()
                .unwrap()
        )
        .0,
        "init.account"
    );
    let config = json!({"otp_lifetime_seconds": "long"});
    let e = dynamic::create("companion", "r", Some(&config), None, &init())
        .err()
        .unwrap();
    assert_eq!(fault(e).0, "config.otp_lifetime_seconds");
    // A calendar nested in a configuration.
    let config = json!({"calendar": {"weekdays": ["mon", "funday"]}});
    let e = dynamic::create(
        "complaint",
        "KN-1",
        Some(&config),
        None,
        &json!({"complaint_id": "KN-1"}),
    )
    .err()
    .unwrap();
    assert_eq!(fault(e).0, "config.calendar.weekdays");
}

#[test]
fn documents_name_the_record_at_fault() {
    let mut rel = dynamic::create("companion", "rel-1", None, None, &init()).unwrap();
    rel.handle_json(&command(&json!({}))).unwrap();
    let mut log: Value = serde_json::from_str(&rel.event_log_json()).unwrap();
    log["records"][0]["at"] = json!("noon");
    let (path, _) = fault(dynamic::replay(&log.to_string()).err().unwrap());
    assert_eq!(path, "records[0].at");
    let mut snapshot: Value = serde_json::from_str(&rel.snapshot_json()).unwrap();
    snapshot["version"] = json!("one");
    let (path, _) = fault(dynamic::restore(&snapshot.to_string()).err().unwrap());
    assert_eq!(path, "version");
}

#[test]
fn reports_and_queries_name_their_input() {
    let at = T0.parse().unwrap();
    let boss = Actor::new("head_of_ops", "TP-01");
    let weekly = json!({"type": "weekly_report", "week_ending": "2026-03-12"});
    let e = dynamic::report("complaint", None, &boss, at, &weekly, &[json!({"x": 1})])
        .err()
        .unwrap();
    assert_eq!(fault(e).0, "rows[0].x");
    let e = dynamic::report(
        "complaint",
        None,
        &boss,
        at,
        &json!({"type": "weekly_report", "week_ending": 5}),
        &[],
    )
    .err()
    .unwrap();
    assert_eq!(fault(e).0, "report");
}
