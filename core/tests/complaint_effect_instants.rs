//! Instants inside effect data are written the way the JSON writes instants everywhere else
//! (serde's chrono format: RFC 3339 in UTC with `Z`), never `+00:00`: a host comparing an
//! effect's `sla_due` with the state's `sla.due` compares equal strings.

mod vector_files;

use chrono::{DateTime, Utc};
use quytrinh::conformance::{Vector, play};
use quytrinh::kernel::{Actor, Command, Instance, Settings};
use quytrinh::workflows::complaint::{
    Complaint, ComplaintCommand as C, ComplaintConfig, ComplaintEffect, ComplaintInit,
};
use serde_json::Value;
use vector_files::vector_files;

/// How serde writes `at` in every snapshot, event and outcome.
fn serde_form(at: DateTime<Utc>) -> String {
    serde_json::to_value(at)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn received_at(at: &str) -> (Instance<Complaint>, String) {
    let mut complaint = Instance::<Complaint>::create(
        "KN-T",
        ComplaintConfig::default(),
        Settings::default(),
        ComplaintInit::new("KN-T"),
    )
    .unwrap();
    let out = complaint
        .handle(&Command::new(
            "c1",
            Actor::new("intake", "hotline"),
            at.parse().unwrap(),
            C::receive_phone("KH-1", "0901234567", "Token không ký được"),
        ))
        .unwrap();
    let sla_due = out
        .effects()
        .find_map(|k| match &k.effect {
            ComplaintEffect::Notify(n) => n.data.get("sla_due").map(str::to_owned),
            _ => None,
        })
        .expect("the forwarding e-mail carries the SLA's end");
    (complaint, sla_due)
}

#[test]
fn an_effects_instant_equals_the_serde_form_of_the_same_instant() {
    let (complaint, sla_due) = received_at("2026-11-20T09:00:00+07:00");
    let due = complaint.state().sla.as_ref().unwrap().due;
    assert_eq!(sla_due, serde_form(due));
    assert_eq!(sla_due, "2026-11-26T02:00:00Z");
    let snapshot: Value = serde_json::from_str(&complaint.snapshot_json()).unwrap();
    assert_eq!(snapshot["state"]["sla"]["due"], Value::String(sla_due));
}

#[test]
fn fractional_seconds_are_written_as_serde_writes_them() {
    let (complaint, sla_due) = received_at("2026-03-02T09:00:00.250+07:00");
    let due = complaint.state().sla.as_ref().unwrap().due;
    assert_eq!(sla_due, serde_form(due));
    assert_eq!(sla_due, "2026-03-05T02:00:00.250Z");
}

/// Every string of `value` that reads as an RFC 3339 instant.
fn instants<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) if DateTime::parse_from_rfc3339(s).is_ok() => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| instants(v, out)),
        Value::Object(map) => map.values().for_each(|v| instants(v, out)),
        _ => {}
    }
}

#[test]
fn every_instant_in_the_effects_of_every_vector_is_in_serde_form() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for file in vector_files() {
        let vector: Vector =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let report = play(&vector).unwrap();
        for step in &report.steps {
            let Ok(outcome) = &step.result else { continue };
            let mut found = Vec::new();
            if let Some(effects) = outcome.get("effects") {
                instants(effects, &mut found);
            }
            for s in found {
                checked += 1;
                let at: DateTime<Utc> = s.parse().unwrap();
                if s != serde_form(at) {
                    wrong.push(format!("{} step {}: {s}", file.display(), step.index));
                }
            }
        }
    }
    assert!(checked > 0, "no instant found in any effect");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
