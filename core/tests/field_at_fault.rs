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
    // The report is a tagged variant, decoded from a copy: the field is still named.
    assert_eq!(fault(e).0, "report.week_ending");
}

#[test]
fn a_command_names_its_body_field() {
    // The body of a command is one of the workflow's tagged variants: its fields sit beside
    // the envelope's, and a wrong one is named like an envelope field.
    let cases = [
        (json!({"type": "confirm", "request_id": 42}), "request_id"),
        (
            json!({"type": "withdraw", "request_id": ["R1"]}),
            "request_id",
        ),
        (
            json!({"type": "confirm", "request_id": "R1", "colour": 1}),
            "colour",
        ),
        (json!({"type": "confirmm", "request_id": "R1"}), "type"),
        (json!({"type": 7}), "type"),
    ];
    for (patch, path) in cases {
        let mut rel = dynamic::create("companion", "rel-1", None, None, &init()).unwrap();
        let (found, message) = fault(rel.handle_json(&command(&patch)).err().unwrap());
        assert_eq!(found, path, "{patch}: {message}");
        assert!(
            message.starts_with(&format!("invalid JSON at `{path}`: ")),
            "{message}"
        );
        assert!(!message.contains("column"), "{message}");
    }
}

#[test]
fn a_missing_body_field_is_named() {
    let mut rel = dynamic::create("companion", "rel-1", None, None, &init()).unwrap();
    let (path, message) = fault(
        rel.handle_json(&command(&json!({"type": "confirm"})))
            .err()
            .unwrap(),
    );
    assert_eq!(path, "", "{message}");
    assert_eq!(message, "invalid JSON: missing field `request_id`");
}

#[test]
fn another_workflows_command_names_its_body_field() {
    let receive = json!({"type": "receive", "channel": "phone", "customer_id": "K1",
                         "contact": {"phone": "0901234567"}, "description": "Sai gói"});
    let mut cases = Vec::new();
    let mut bad = receive.clone();
    bad["customer_id"] = json!(12);
    cases.push((bad, "customer_id"));
    let mut bad = receive.clone();
    bad["channel"] = json!("pigeon");
    cases.push((bad, "channel"));
    let mut bad = receive.clone();
    bad["contact"]["phone"] = json!(901_234_567);
    cases.push((bad, "contact.phone"));
    cases.push((
        json!({"type": "request_documents", "items": ["invoice", 3]}),
        "items[1]",
    ));
    for (body, path) in cases {
        let (found, message) = refused_by_a_new_complaint(&body);
        assert_eq!(found, path, "{body}: {message}");
        assert!(!message.contains("column"), "{message}");
    }
    // A missing one: the message names it.
    let mut without = receive.clone();
    without.as_object_mut().unwrap().remove("description");
    let (_, message) = refused_by_a_new_complaint(&without);
    assert_eq!(message, "invalid JSON: missing field `description`");
}

/// The fault (path, message) a new complaint finds in an intake officer's command with `body`.
fn refused_by_a_new_complaint(body: &Value) -> (String, String) {
    let mut case = dynamic::create(
        "complaint",
        "KN-1",
        None,
        None,
        &json!({"complaint_id": "KN-1"}),
    )
    .unwrap();
    let mut c = json!({"command_id": "c1", "actor": {"role": "intake", "id": "I1"}, "at": T0});
    for (k, v) in body.as_object().unwrap() {
        c[k] = v.clone();
    }
    fault(case.handle_json(&c.to_string()).err().unwrap())
}
