//! Shared material of the fuzz targets: the conformance vectors played once (commands,
//! ticks, snapshots and event logs per workflow) and structural mutations of JSON values
//! driven by the fuzzer's bytes. Generic over the registry: nothing here names a workflow.
use std::sync::OnceLock;

use arbitrary::{Result, Unstructured};
use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use quytrinh::dynamic::{self, AnyInstance};
use quytrinh::kernel::Settings;
use serde_json::{Map, Value};

include!(concat!(env!("OUT_DIR"), "/vectors.rs"));

/// A vector and what playing it left.
pub struct Played {
    /// The vector's JSON.
    pub vector: Value,
    /// Its workflow.
    pub workflow: String,
    /// The snapshot after every step (the first is the created instance's).
    pub snapshots: Vec<String>,
    /// The event log at the end.
    pub log: String,
    /// The event log at the end, parsed.
    pub log_value: Value,
}

/// Everything the vectors give.
pub struct Seeds {
    /// Every vector played.
    pub played: Vec<Played>,
    /// Every command of every vector, with its workflow.
    pub commands: Vec<(String, Value)>,
    /// Every `at` of every step.
    pub instants: Vec<String>,
    /// Every actor of every command.
    pub actors: Vec<Value>,
    /// Every string value of a key ending in `_id`.
    pub ids: Vec<String>,
}

impl Seeds {
    /// The commands of `workflow`.
    pub fn commands_of<'a>(&'a self, workflow: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.commands
            .iter()
            .filter(move |(w, _)| w == workflow)
            .map(|(_, c)| c)
    }
}

/// Creates the instance a vector starts from.
pub fn create(vector: &Value) -> Option<Box<dyn AnyInstance>> {
    let settings = match vector.get("settings") {
        Some(s) => Some(serde_json::from_value::<Settings>(s.clone()).ok()?),
        None => None,
    };
    dynamic::create(
        vector["workflow"].as_str()?,
        vector
            .get("instance_id")
            .and_then(Value::as_str)
            .unwrap_or("vector"),
        vector.get("config"),
        settings,
        &vector["init"],
    )
    .ok()
}

/// Plays one step (errors are part of the stories).
pub fn step(instance: &mut dyn AnyInstance, step: &Value) {
    if let Some(command) = step.get("command") {
        let _ = instance.handle_value(command.clone());
    } else if let Some(at) = step
        .get("tick")
        .and_then(|t| t.get("at"))
        .and_then(Value::as_str)
    {
        if let Ok(at) = at.parse::<DateTime<Utc>>() {
            let _ = instance.tick(at);
        }
    }
}

fn collect_ids(value: &Value, ids: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if let (true, Some(s)) = (k.ends_with("_id"), v.as_str()) {
                    ids.push(s.to_owned());
                }
                collect_ids(v, ids);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, ids)),
        _ => {}
    }
}

/// The vectors, played once per process.
pub fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = Seeds {
            played: vec![],
            commands: vec![],
            instants: vec![],
            actors: vec![],
            ids: vec![],
        };
        for text in VECTORS {
            let Ok(vector) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            let Some(workflow) = vector["workflow"].as_str().map(str::to_owned) else {
                continue;
            };
            let Some(mut instance) = create(&vector) else {
                continue;
            };
            let mut snapshots = vec![instance.snapshot_json()];
            for s in vector["steps"].as_array().into_iter().flatten() {
                step(instance.as_mut(), s);
                snapshots.push(instance.snapshot_json());
                if let Some(c) = s.get("command") {
                    seeds.commands.push((workflow.clone(), c.clone()));
                    if let Some(a) = c.get("actor") {
                        seeds.actors.push(a.clone());
                    }
                    if let Some(at) = c.get("at").and_then(Value::as_str) {
                        seeds.instants.push(at.to_owned());
                    }
                    collect_ids(c, &mut seeds.ids);
                }
                if let Some(at) = s
                    .get("tick")
                    .and_then(|t| t.get("at"))
                    .and_then(Value::as_str)
                {
                    seeds.instants.push(at.to_owned());
                }
            }
            let log = instance.event_log_json();
            let log_value = serde_json::from_str(&log).expect("an instance's log is JSON");
            seeds.played.push(Played {
                log,
                log_value,
                vector,
                workflow,
                snapshots,
            });
        }
        seeds.ids.sort();
        seeds.ids.dedup();
        assert!(!seeds.played.is_empty() && !seeds.instants.is_empty());
        seeds
    })
}

/// An instant seen in the vectors, shifted by an arbitrary number of seconds (small, or
/// anything); an offset of +07:00 or UTC.
pub fn instant(u: &mut Unstructured<'_>) -> Result<String> {
    let s = seeds();
    let base: DateTime<FixedOffset> = DateTime::parse_from_rfc3339(u.choose(&s.instants)?)
        .unwrap_or_else(|_| DateTime::UNIX_EPOCH.into());
    let shift = match u.int_in_range(0..=3u8)? {
        0 => 0,
        1 => i64::from(u.int_in_range(-86_400..=86_400i32)?),
        2 => i64::from(u.int_in_range(-400..=400i32)?) * 86_400,
        _ => u.arbitrary::<i64>()?,
    };
    let shifted = TimeDelta::try_seconds(shift)
        .and_then(|d| base.checked_add_signed(d))
        .unwrap_or(base);
    Ok(if u.arbitrary()? {
        shifted.to_rfc3339()
    } else {
        shifted.with_timezone(&Utc).to_rfc3339()
    })
}

/// An extreme number, or an arbitrary one.
pub fn number(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => Value::from(0),
        1 => Value::from(-1),
        2 => Value::from(i64::MAX),
        3 => Value::from(i64::MIN),
        4 => Value::from(u64::MAX),
        5 => Value::from(1e308),
        6 => Value::from(0.5),
        7 => Value::from(u.arbitrary::<u32>()?),
        8 => Value::from(u.arbitrary::<i64>()?),
        _ => Value::from(u.int_in_range(0..=1000u32)?),
    })
}

/// A replacement for a leaf: a value of another kind, a seen id or actor, a short text.
pub fn leaf(u: &mut Unstructured<'_>) -> Result<Value> {
    let s = seeds();
    Ok(match u.int_in_range(0..=7u8)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => number(u)?,
        3 => Value::from(u.choose(&s.ids)?.clone()),
        4 => Value::from(instant(u)?),
        5 => u.choose(&s.actors)?.clone(),
        6 => Value::from(String::new()),
        _ => Value::from(u.arbitrary::<String>()?),
    })
}

/// The paths (object keys and array indices) of every node of `value`.
fn paths(value: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                prefix.push(Value::from(k.clone()));
                paths(v, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                prefix.push(Value::from(i));
                paths(v, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn at_path<'a>(value: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Value::String(k) => v.get_mut(k.as_str()),
        Value::Number(i) => v.get_mut(usize::try_from(i.as_u64()?).ok()?),
        _ => None,
    })
}

/// A node of `value` chosen by the fuzzer (the root included).
pub fn pick<'a>(u: &mut Unstructured<'_>, value: &'a mut Value) -> Result<&'a mut Value> {
    let mut all = Vec::new();
    paths(value, &mut vec![], &mut all);
    let path = u.choose(&all)?.clone();
    Ok(at_path(value, &path).expect("a path just listed"))
}

/// One structural mutation of `value`, taking material from `donor` (another value of the
/// same kind: a command, a record, a snapshot) where it needs some.
pub fn mutate(u: &mut Unstructured<'_>, value: &mut Value, donor: &Value) -> Result<()> {
    let s = seeds();
    match u.int_in_range(0..=9u8)? {
        // A field set to the donor's value of the same key (ids, actors, states swapped).
        0 | 1 => {
            let mut donor = donor.clone();
            let theirs = pick(u, &mut donor)?.clone();
            let mine = pick(u, value)?;
            if let (Value::Object(m), Value::Object(t)) = (mine, &theirs) {
                if let Some((k, v)) = (!t.is_empty())
                    .then(|| u.choose_index(t.len()))
                    .transpose()?
                    .and_then(|i| t.iter().nth(i))
                {
                    m.insert(k.clone(), v.clone());
                }
            }
        }
        // A node replaced by a node of the donor.
        2 => {
            let mut donor = donor.clone();
            let theirs = pick(u, &mut donor)?.clone();
            *pick(u, value)? = theirs;
        }
        // A leaf replaced.
        3 | 4 => *pick(u, value)? = leaf(u)?,
        // A field dropped.
        5 => {
            if let Value::Object(m) = pick(u, value)? {
                if !m.is_empty() {
                    let i = u.choose_index(m.len())?;
                    let k = m.keys().nth(i).unwrap().clone();
                    m.remove(&k);
                }
            }
        }
        // An array element dropped, duplicated or moved.
        6 => {
            if let Value::Array(items) = pick(u, value)? {
                if !items.is_empty() {
                    let i = u.choose_index(items.len())?;
                    match u.int_in_range(0..=2u8)? {
                        0 => drop(items.remove(i)),
                        1 => items.insert(i, items[i].clone()),
                        _ => {
                            let j = u.choose_index(items.len())?;
                            items.swap(i, j);
                        }
                    }
                }
            }
        }
        // `at`-like strings shifted, ids swapped for seen ones.
        7 => {
            let node = pick(u, value)?;
            if let Value::Object(m) = node {
                for (k, v) in m.iter_mut() {
                    if v.is_string() && (k == "at" || k.ends_with("_at") || k == "due") {
                        *v = Value::from(instant(u)?);
                    } else if v.is_string() && k.ends_with("_id") {
                        *v = Value::from(u.choose(&s.ids)?.clone());
                    }
                }
            }
        }
        // A number set to an extreme.
        8 => {
            let node = pick(u, value)?;
            if node.is_number() {
                *node = number(u)?;
            }
        }
        // A field added with an arbitrary name.
        _ => {
            if let Value::Object(m) = pick(u, value)? {
                m.insert(u.arbitrary::<String>()?, leaf(u)?);
            }
        }
    }
    Ok(())
}

/// Up to `max` mutations.
pub fn mutate_many(
    u: &mut Unstructured<'_>,
    value: &mut Value,
    donors: &[&Value],
    max: u8,
) -> Result<()> {
    for _ in 0..u.int_in_range(0..=max)? {
        let donor = if donors.is_empty() {
            &Value::Null
        } else {
            *u.choose(donors)?
        };
        mutate(u, value, donor)?;
    }
    Ok(())
}

/// An empty object.
pub fn object() -> Value {
    Value::Object(Map::new())
}

/// Checks what must hold of any live instance: its snapshot restores to itself and its
/// event log replays to the same snapshot.
pub fn check_round_trips(instance: &dyn AnyInstance) {
    let snapshot = instance.snapshot_json();
    let restored = dynamic::restore(&snapshot).expect("an instance's own snapshot restores");
    assert_eq!(restored.snapshot_json(), snapshot, "snapshot round trip");
    let replayed =
        dynamic::replay(&instance.event_log_json()).expect("an instance's own log replays");
    assert_eq!(
        replayed.snapshot_json(),
        snapshot,
        "log replay gives the same snapshot"
    );
}
