//! Whatever JSON a host sends, the library answers with a value or a typed error, never a
//! panic, and a refused input changes nothing. Random commands are sent to, and random
//! mutations of snapshots are restored from, the end state of every conformance vector.

use proptest::prelude::*;
mod vector_files;

use quytrinh::conformance::{Vector, play};
use quytrinh::dynamic::{self, AnyInstance};
use quytrinh::kernel::Actor;
use serde_json::{Map, Value, json};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;
use vector_files::vector_files;

/// The final snapshot of every vector: many workflows in many states.
fn snapshots() -> &'static [String] {
    static SNAPSHOTS: OnceLock<Vec<String>> = OnceLock::new();
    SNAPSHOTS.get_or_init(|| {
        vector_files()
            .iter()
            .map(|f| {
                let vector: Vector =
                    serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
                play(&vector).unwrap().instance.snapshot_json()
            })
            .collect()
    })
}

/// Field names the workflows know, so random objects often get past the first key.
const KEYS: &[&str] = &[
    "command_id",
    "actor",
    "role",
    "id",
    "at",
    "expected_version",
    "type",
    "request_id",
    "challenge_id",
    "channel",
    "customer_id",
    "contact",
    "phone",
    "email",
    "description",
    "agent_id",
    "answer",
    "items",
    "note",
    "root_cause",
    "at_fault",
    "damages_vnd",
    "text",
    "agreed",
    "amount_vnd",
    "reference",
    "summary",
    "lessons",
    "state",
    "version",
    "status",
    "requests",
    "relationship",
    "due",
    "config",
    "settings",
    "schema_version",
    "workflow",
];

const WORDS: &[&str] = &[
    "request_unlink",
    "request_link",
    "resend",
    "otp_verified",
    "otp_failed",
    "confirm",
    "accept",
    "reject",
    "withdraw",
    "receive",
    "start_analysis",
    "resolve_immediately",
    "request_documents",
    "documents_received",
    "record_finding",
    "issue_response",
    "confirm_outcome",
    "deposit_received",
    "close",
    "saco",
    "customer",
    "intake",
    "ops",
    "head_of_ops",
    "agent",
    "system",
    "SACO-01",
    "KH-01",
    "R1",
    "R1-otp1",
    "R2",
    "phone",
    "email",
    "walk_in",
    "supplier",
    "none",
    "2026-11-23T09:00:00+07:00",
    "2030-01-01T00:00:00Z",
    "1899-12-31T23:59:59Z",
    "9999-12-31T23:59:59Z",
    "",
    "𝓧\u{0}\u{202e}",
    "pending",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![Just(u64::MAX), Just(0u64), 0u64..10].prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop::sample::select(WORDS).prop_map(Value::from),
        ".{0,80}".prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|fields| {
                Value::Object(
                    fields
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// A command that is well formed around a random body, or entirely random.
fn command() -> impl Strategy<Value = Value> {
    prop_oneof![
        (
            prop::sample::select(WORDS),
            prop::sample::select(WORDS),
            prop::sample::select(WORDS),
            json_value()
        )
            .prop_map(|(role, id, kind, body)| {
                let mut c = json!({"command_id": "fuzz", "actor": {"role": role, "id": id},
                                   "at": "2031-01-01T00:00:00Z", "type": kind});
                if let (Value::Object(c), Value::Object(extra)) = (&mut c, body) {
                    for (k, v) in extra {
                        if !["command_id", "at"].contains(&k.as_str()) {
                            c.insert(k, v);
                        }
                    }
                }
                c
            }),
        json_value(),
    ]
}

/// Sets the value at a random path of `doc` (following existing keys and indices).
fn mutate(doc: &mut Value, path: &[usize], value: Value) {
    let mut at = doc;
    for (depth, step) in path.iter().enumerate() {
        let last = depth + 1 == path.len();
        let next = match at {
            Value::Object(map) if !map.is_empty() => {
                let key = map.keys().nth(step % map.len()).unwrap().clone();
                map.get_mut(&key).unwrap()
            }
            Value::Array(items) if !items.is_empty() => {
                let n = items.len();
                &mut items[step % n]
            }
            _ => break,
        };
        if last {
            *next = value;
            return;
        }
        at = next;
    }
}

fn no_panic<T>(what: &str, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| panic!("panicked: {what}"))
}

fn exercise(instance: &dyn AnyInstance) {
    let far = "2199-12-31T00:00:00Z".parse().unwrap();
    for role in ["saco", "customer", "intake", "ops", "head_of_ops", "agent"] {
        let _ = instance.available_commands(&Actor::new(role, "KH-01"), far);
    }
    let _ = (
        instance.definition().to_mermaid(
            quytrinh::kernel::Lang::Vi,
            &quytrinh::kernel::highlights(&instance.position()),
        ),
        instance.deadlines(),
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_commands_get_an_answer_and_refusals_change_nothing(which in any::<prop::sample::Index>(), command in command()) {
        let snapshot = &snapshots()[which.index(snapshots().len())];
        let mut instance = dynamic::restore(snapshot).unwrap();
        let text = command.to_string();
        let result = no_panic(&text, || instance.handle_json(&text));
        if result.is_err() {
            prop_assert_eq!(&instance.snapshot_json(), snapshot);
        }
        no_panic(&text, || {
            let _ = instance.tick("2199-12-31T00:00:00Z".parse().unwrap());
            exercise(instance.as_ref());
        });
    }

    #[test]
    fn mutated_snapshots_restore_or_fail_cleanly(
        which in any::<prop::sample::Index>(),
        path in prop::collection::vec(any::<usize>(), 1..6),
        value in json_value(),
    ) {
        let mut doc: Value = serde_json::from_str(&snapshots()[which.index(snapshots().len())]).unwrap();
        mutate(&mut doc, &path, value);
        let text = doc.to_string();
        if let Ok(mut instance) = no_panic(&text, || dynamic::restore(&text)) {
            no_panic(&text, || {
                let _ = instance.tick("2199-12-31T00:00:00Z".parse().unwrap());
                exercise(instance.as_ref());
                let _ = dynamic::replay(&instance.event_log_json());
            });
        }
    }
}
