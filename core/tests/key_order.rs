//! The order of a JSON object's keys means nothing. Tagged objects (commands, events, effects)
//! are read straight from the text when their tag comes first and read whole otherwise
//! (`quytrinh::kernel::Tagged`); both readings must give the same value, or the same refusal
//! naming the same field. Every conformance vector is played twice, once with each command as
//! written and once with its keys shuffled (a field sometimes broken in both), and every event
//! log is replayed with the keys of all its objects shuffled.

use proptest::prelude::*;
mod vector_files;

use quytrinh::conformance::Vector;
use quytrinh::dynamic::{self, AnyInstance};
use quytrinh::kernel::Error;
use serde_json::Value;
use vector_files::vector_files;

fn vectors() -> Vec<Vector> {
    vector_files()
        .iter()
        .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect()
}

fn create(vector: &Vector) -> Box<dyn AnyInstance> {
    dynamic::create(
        &vector.workflow,
        &vector.instance_id,
        Some(&vector.config),
        Some(vector.settings),
        &vector.init,
    )
    .unwrap()
}

/// `value` as JSON text, each object's keys in an order drawn from `order`: every object's
/// when `deep`, otherwise only the outer object's.
fn written(value: &Value, order: &mut dyn FnMut(usize) -> Vec<usize>, deep: bool) -> String {
    match value {
        Value::Object(map) => {
            let entries: Vec<(&String, &Value)> = map.iter().collect();
            let parts: Vec<String> = order(entries.len())
                .into_iter()
                .map(|i| {
                    let (key, value) = entries[i];
                    let value = if deep {
                        written(value, order, true)
                    } else {
                        value.to_string()
                    };
                    format!("{}:{value}", Value::from(key.as_str()))
                })
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(items) if deep => {
            let parts: Vec<String> = items.iter().map(|v| written(v, order, true)).collect();
            format!("[{}]", parts.join(","))
        }
        other => other.to_string(),
    }
}

/// An order of `n` keys drawn from `seeds` (a rotation and a swap per object, enough to put
/// any key first and to move the tag behind a body field).
fn orders(seeds: &[u32]) -> impl FnMut(usize) -> Vec<usize> + '_ {
    let mut next = 0;
    move |n| {
        let seed = seeds[next % seeds.len()] as usize;
        next += 1;
        let mut order: Vec<usize> = (0..n).map(|i| (i + seed) % n.max(1)).collect();
        if n > 1 {
            order.swap(seed % n, (seed / n) % n);
        }
        order
    }
}

/// What an error says to a host, without the place in the text (which moves with the keys).
fn said(e: &Error) -> String {
    format!("{}: {e}", e.code())
}

/// A command with one body field broken (a number where text is expected), when `which` picks
/// a field that is not the envelope's.
fn broken(command: &Value, which: Option<usize>) -> Value {
    let mut command = command.clone();
    if let (Some(which), Value::Object(map)) = (which, &mut command) {
        let body: Vec<String> = map
            .keys()
            .filter(|k| {
                !["command_id", "actor", "at", "expected_version", "type"].contains(&k.as_str())
            })
            .cloned()
            .collect();
        if !body.is_empty() {
            map.insert(body[which % body.len()].clone(), Value::from(42));
        }
    }
    command
}

/// Plays `vector` twice, each command once as written and once with its keys in the order
/// `order` gives; a command the vector expects to be accepted has its body field picked
/// by `breaks` (if any) broken in both, so one field is at fault, whatever the order.
fn both_orders_agree(
    vector: &Vector,
    order: &mut dyn FnMut(usize) -> Vec<usize>,
    breaks: &[Option<usize>],
) -> Result<(), String> {
    let (mut as_written, mut shuffled) = (create(vector), create(vector));
    for (s, step) in vector.steps.iter().enumerate() {
        let (a, b) = match (&step.command, &step.tick) {
            (Some(command), _) => {
                let which = if step.expect.rejected.is_none() {
                    breaks[s % breaks.len()]
                } else {
                    None
                };
                let command = broken(command, which);
                let text = written(&command, &mut orders(&[0]), false);
                let other = written(&command, order, false);
                (as_written.handle_json(&text), shuffled.handle_json(&other))
            }
            (None, Some(tick)) => (as_written.tick_json(tick.at), shuffled.tick_json(tick.at)),
            (None, None) => return Err(format!("step {s} is neither a command nor a tick")),
        };
        let agree = match (&a, &b) {
            (Ok(a), Ok(b)) => a == b,
            (Err(a), Err(b)) => said(a) == said(b),
            _ => false,
        };
        if !agree {
            return Err(format!(
                "{}, step {s}: {a:?} against {b:?}",
                vector.description
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn commands_read_the_same_in_any_key_order(
        which in any::<prop::sample::Index>(),
        seeds in prop::collection::vec(any::<u32>(), 1..8),
        breaks in prop::collection::vec(prop::option::weighted(0.2, any::<usize>()), 1..8),
    ) {
        let vectors = vectors();
        let vector = &vectors[which.index(vectors.len())];
        if let Err(e) = both_orders_agree(vector, &mut orders(&seeds), &breaks) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn event_logs_replay_the_same_in_any_key_order(
        which in any::<prop::sample::Index>(),
        seeds in prop::collection::vec(any::<u32>(), 1..16),
    ) {
        let vectors = vectors();
        let played = quytrinh::conformance::play(&vectors[which.index(vectors.len())]).unwrap().instance;
        let log: Value = serde_json::from_str(&played.event_log_json()).unwrap();
        let shuffled = written(&log, &mut orders(&seeds), true);
        let replayed = dynamic::replay(&shuffled).unwrap();
        prop_assert_eq!(replayed.snapshot_json(), played.snapshot_json());
    }
}

/// Every vector once with every object's keys reversed (the tag last), and with its first
/// body field broken.
#[test]
fn every_vector_reads_the_same_with_its_keys_reversed() {
    let mut reversed = |n: usize| (0..n).rev().collect::<Vec<usize>>();
    for vector in vectors() {
        both_orders_agree(&vector, &mut reversed, &[None]).unwrap();
        both_orders_agree(&vector, &mut reversed, &[Some(0)]).unwrap();
        let played = quytrinh::conformance::play(&vector).unwrap().instance;
        let log: Value = serde_json::from_str(&played.event_log_json()).unwrap();
        let replayed = dynamic::replay(&written(&log, &mut reversed, true)).unwrap();
        assert_eq!(
            replayed.snapshot_json(),
            played.snapshot_json(),
            "{}",
            vector.description
        );
    }
}

/// The refusals that only a reading with the tag first can meet, worded as serde words them.
#[test]
fn a_tag_given_twice_or_not_at_all_is_refused() {
    let envelope =
        r#""command_id":"c1","actor":{"role":"saco","id":"S1"},"at":"2026-11-23T09:00:00+07:00""#;
    let init = serde_json::json!({"saco_id": "S1", "customer_id": "K1", "account": "A1"});
    let mut rel = dynamic::create("companion", "rel-1", None, None, &init).unwrap();
    for (body, message) in [
        (
            r#""type":"withdraw","type":"reject","request_id":"R1""#,
            "duplicate field `type`",
        ),
        (
            r#""request_id":"R1","type":"withdraw","type":"reject""#,
            "duplicate field `type`",
        ),
        (
            r#""request_id":"R1","request_id":"R2","type":"withdraw""#,
            "duplicate field `request_id`",
        ),
        (r#""request_id":"R1""#, "missing field `type`"),
        (r#""type":"fly""#, "unknown variant `fly`"),
        (r#""type":7"#, "invalid type: integer `7`"),
    ] {
        let err = rel
            .handle_json(&format!("{{{envelope},{body}}}"))
            .unwrap_err();
        assert_eq!(err.code(), "invalid_json", "{body}");
        assert!(err.to_string().contains(message), "{body}: {err}");
    }
    // The envelope's own missing fields are named before the body's.
    let err = rel.handle_json(r#"{"type":"withdraw"}"#).unwrap_err();
    assert!(
        err.to_string().contains("missing field `command_id`"),
        "{err}"
    );
    assert_eq!(rel.version(), 0);
}

#[test]
fn a_body_field_before_the_tag_is_named_at_fault() {
    let init = serde_json::json!({"saco_id": "S1", "customer_id": "K1", "account": "A1"});
    let mut rel = dynamic::create("companion", "rel-1", None, None, &init).unwrap();
    let err = rel
        .handle_json(
            r#"{"request_id":42,"command_id":"c1","actor":{"role":"saco","id":"S1"},
                "at":"2026-11-23T09:00:00+07:00","type":"withdraw"}"#,
        )
        .unwrap_err();
    let Error::InvalidJson { path, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, "request_id");
}
