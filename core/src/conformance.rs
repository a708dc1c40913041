//! Conformance vectors: JSON scenarios with expectations that every binding plays the
//! same way (format: `tests/vectors/README.md`). This is the Rust player, used by the
//! `quytrinh` program and the test suite.
//!
//! ```
//! use quytrinh::conformance::{Vector, play};
//! let vector: Vector = serde_json::from_str(r#"{
//!   "description": "a SACO asks to unlink",
//!   "workflow": "companion",
//!   "init": {"saco_id": "S1", "customer_id": "K1", "account": "A1"},
//!   "steps": [{
//!     "command": {"command_id": "c1", "actor": {"role": "saco", "id": "S1"},
//!                 "at": "2026-11-23T09:00:00+07:00", "type": "request_unlink"},
//!     "expect": {"events": ["request_staged"], "effects": ["send_otp"],
//!                "state": {"requests": [{"status": "awaiting_otp"}]}}
//!   }]
//! }"#).unwrap();
//! let report = play(&vector).unwrap();
//! assert!(report.passed(), "{:?}", report.failures());
//! ```

use crate::dynamic::{self, AnyInstance};
use crate::kernel::{Error, Settings};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A conformance vector: a workflow, its configuration and initial data, and steps.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vector {
    /// What the vector shows.
    pub description: String,
    /// The workflow's name.
    pub workflow: String,
    /// The instance id (default `vector`).
    #[serde(default = "default_instance_id")]
    pub instance_id: String,
    /// Kernel settings (default when absent).
    #[serde(default)]
    pub settings: Settings,
    /// The workflow's configuration (default when absent).
    #[serde(default)]
    pub config: Value,
    /// The workflow's initial data.
    pub init: Value,
    /// The inputs and what each must give.
    pub steps: Vec<Step>,
}

fn default_instance_id() -> String {
    "vector".to_owned()
}

/// One input (a command or a tick) and its expectations.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// A note for readers and timelines.
    #[serde(default)]
    pub note: String,
    /// A command, as the JSON every binding sends.
    #[serde(default)]
    pub command: Option<Value>,
    /// A tick.
    #[serde(default)]
    pub tick: Option<Tick>,
    /// What the input must give.
    #[serde(default)]
    pub expect: Expect,
}

/// Time has reached `at`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tick {
    /// The instant.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
}

/// Expectations of one step. Absent keys are not checked; an accepted input is expected
/// unless `rejected` names a code.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The rejection code the input must get.
    #[serde(default)]
    pub rejected: Option<String>,
    /// The rule or field the rejection must name.
    #[serde(default)]
    pub rule: Option<String>,
    /// Whether the outcome must be a duplicate (a repeated `command_id`).
    #[serde(default)]
    pub duplicate: Option<bool>,
    /// The version after the input.
    #[serde(default)]
    pub version: Option<u64>,
    /// The `type` of every event of the outcome, in order.
    #[serde(default)]
    pub events: Option<Vec<String>>,
    /// The name of every effect of the outcome, in order (`notify:<template>` for
    /// notifications, the `kind` otherwise).
    #[serde(default)]
    pub effects: Option<Vec<String>>,
    /// A pattern the state must match: objects by the keys given, arrays element by
    /// element with the same length, other values equal.
    #[serde(default)]
    pub state: Option<Value>,
    /// The state of each region named.
    #[serde(default)]
    pub position: Option<serde_json::Map<String, Value>>,
    /// The next deadline (`{"kind", "due"}`), or `null` for none.
    #[serde(default, deserialize_with = "present")]
    pub next_deadline: Option<Value>,
}

/// Keeps an explicit `null` as `Some(Value::Null)`, apart from an absent key.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// What one step gave and how it compared.
#[derive(Debug)]
pub struct StepReport {
    /// The step's index, from 0.
    pub index: usize,
    /// The outcome (JSON), or the error.
    pub result: Result<Value, Error>,
    /// Every expectation that did not hold, in words.
    pub failures: Vec<String>,
}

/// The result of playing a vector: each step's report, and the instance at the end.
pub struct Report {
    /// The step reports, in order.
    pub steps: Vec<StepReport>,
    /// The instance after the last step.
    pub instance: Box<dyn AnyInstance>,
}

impl Report {
    /// Whether every expectation held.
    pub fn passed(&self) -> bool {
        self.steps.iter().all(|s| s.failures.is_empty())
    }

    /// Every failure, as `step N: …`.
    pub fn failures(&self) -> Vec<String> {
        self.steps
            .iter()
            .flat_map(|s| {
                s.failures
                    .iter()
                    .map(move |f| format!("step {}: {f}", s.index))
            })
            .collect()
    }
}

/// Plays a vector. Errors only when the instance cannot be created or a step is neither a
/// command nor a tick; failed expectations are in the report.
pub fn play(vector: &Vector) -> Result<Report, Error> {
    let mut instance = dynamic::create(
        &vector.workflow,
        &vector.instance_id,
        Some(&vector.config),
        Some(vector.settings),
        &vector.init,
    )?;
    let steps = play_steps(instance.as_mut(), &vector.steps)?;
    Ok(Report { steps, instance })
}

/// Plays steps on an instance (e.g. one restored from a stored snapshot) and reports each.
/// Errors only when a step is neither a command nor a tick.
///
/// ```
/// use quytrinh::conformance::{play_steps, Step};
/// let init = serde_json::json!({"saco_id": "S1", "customer_id": "K1", "account": "A1"});
/// let mut rel = quytrinh::dynamic::create("companion", "rel-1", None, None, &init).unwrap();
/// let step: Step = serde_json::from_value(serde_json::json!({
///     "tick": {"at": "2026-11-23T09:00:00Z"}, "expect": {"events": []}})).unwrap();
/// assert!(play_steps(rel.as_mut(), &[step]).unwrap()[0].failures.is_empty());
/// ```
pub fn play_steps(
    instance: &mut dyn AnyInstance,
    steps: &[Step],
) -> Result<Vec<StepReport>, Error> {
    let mut reports = Vec::with_capacity(steps.len());
    for (index, step) in steps.iter().enumerate() {
        let result = match (&step.command, &step.tick) {
            (Some(command), None) => instance.handle_value(command.clone()),
            (None, Some(tick)) => instance.tick(tick.at),
            _ => {
                return Err(Error::InvalidJson {
                    message: "a step must have exactly one of `command` and `tick`".into(),
                    path: format!("steps[{index}]"),
                    line: 0,
                    column: 0,
                });
            }
        };
        // Outcomes carry what changed; the state and the whole position are read from the
        // instance after the step, as every binding's player does.
        let observed = result.as_ref().map(|outcome| {
            let mut outcome = outcome.clone();
            outcome["state"] = instance.state();
            outcome["position"] = crate::kernel::positions_json(&instance.position());
            outcome
        });
        let failures = check(&step.expect, &observed.map_err(Clone::clone));
        reports.push(StepReport {
            index,
            result,
            failures,
        });
    }
    Ok(reports)
}

/// Compares a result with its expectations.
///
/// ```
/// use quytrinh::conformance::{check, Expect};
/// let expect = Expect { rejected: Some("not_found".into()), ..Expect::default() };
/// let failures = check(&expect, &Ok(serde_json::json!({})));
/// assert_eq!(failures, ["expected rejection `not_found`, but the input was accepted"]);
/// ```
pub fn check(expect: &Expect, result: &Result<Value, Error>) -> Vec<String> {
    let mut failures = Vec::new();
    let outcome = match (result, &expect.rejected) {
        (Ok(outcome), None) => outcome,
        (Ok(_), Some(code)) => {
            failures.push(format!(
                "expected rejection `{code}`, but the input was accepted"
            ));
            return failures;
        }
        (Err(e), None) => {
            failures.push(format!("expected acceptance, but got `{}`: {e}", e.code()));
            return failures;
        }
        (Err(e), Some(code)) => {
            if e.code() != code {
                failures.push(format!(
                    "expected rejection `{code}`, got `{}`: {e}",
                    e.code()
                ));
            }
            if let (Some(rule), Some(rejection)) = (&expect.rule, e.rejection())
                && rejection.rule != rule.as_str()
            {
                failures.push(format!("expected rule `{rule}`, got `{}`", rejection.rule));
            }
            return failures;
        }
    };
    if let Some(duplicate) = expect.duplicate {
        compare(
            &mut failures,
            "duplicate",
            &Value::from(duplicate),
            &outcome["duplicate"],
        );
    }
    if let Some(version) = expect.version {
        compare(
            &mut failures,
            "version",
            &Value::from(version),
            &outcome["version"],
        );
    }
    if let Some(events) = &expect.events {
        let actual: Vec<Value> = outcome["events"]
            .as_array()
            .map(|events| events.iter().map(|r| r["event"]["type"].clone()).collect())
            .unwrap_or_default();
        compare(
            &mut failures,
            "events",
            &Value::from(events.clone()),
            &Value::from(actual),
        );
    }
    if let Some(effects) = &expect.effects {
        let actual: Vec<Value> = outcome["effects"]
            .as_array()
            .map(|effects| effects.iter().map(effect_name).collect())
            .unwrap_or_default();
        compare(
            &mut failures,
            "effects",
            &Value::from(effects.clone()),
            &Value::from(actual),
        );
    }
    if let Some(pattern) = &expect.state
        && let Err(path) = matches(pattern, &outcome["state"], "state")
    {
        failures.push(path);
    }
    if let Some(position) = &expect.position {
        for (region, state) in position {
            compare(
                &mut failures,
                &format!("position.{region}"),
                state,
                &outcome["position"][region],
            );
        }
    }
    if let Some(next) = &expect.next_deadline
        && let Err(path) = matches(next, &outcome["next_deadline"], "next_deadline")
    {
        failures.push(path);
    }
    failures
}

/// The short name of an effect: `notify:<template>` for notifications, its `kind` otherwise.
///
/// ```
/// use quytrinh::conformance::effect_name;
/// use serde_json::json;
/// assert_eq!(effect_name(&json!({"kind": "notify", "template": "x.y"})), "notify:x.y");
/// assert_eq!(effect_name(&json!({"kind": "send_otp"})), "send_otp");
/// ```
pub fn effect_name(effect: &Value) -> Value {
    match effect["kind"].as_str() {
        Some("notify") => Value::from(format!(
            "notify:{}",
            effect["template"].as_str().unwrap_or("")
        )),
        _ => effect["kind"].clone(),
    }
}

fn compare(failures: &mut Vec<String>, what: &str, expected: &Value, actual: &Value) {
    if expected != actual {
        failures.push(format!("{what}: expected {expected}, got {actual}"));
    }
}

/// Whether `actual` matches `pattern` (objects by the keys given, arrays element-wise with
/// equal length, instants compared as instants); the error names the first difference.
///
/// ```
/// use quytrinh::conformance::matches;
/// use serde_json::json;
/// let actual = json!({"status": "pending", "due": "2026-11-23T02:00:00Z", "extra": 1});
/// assert!(matches(&json!({"due": "2026-11-23T09:00:00+07:00"}), &actual, "state").is_ok());
/// assert_eq!(matches(&json!({"status": "closed"}), &actual, "state").unwrap_err(),
///     r#"state.status: expected "closed", got "pending""#);
/// ```
pub fn matches(pattern: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (pattern, actual) {
        (Value::Object(p), Value::Object(a)) => p.iter().try_for_each(|(k, v)| {
            matches(v, a.get(k).unwrap_or(&Value::Null), &format!("{path}.{k}"))
        }),
        (Value::Array(p), Value::Array(a)) if p.len() == a.len() => p
            .iter()
            .zip(a)
            .enumerate()
            .try_for_each(|(i, (p, a))| matches(p, a, &format!("{path}[{i}]"))),
        (Value::String(p), Value::String(a)) if same_instant(p, a) => Ok(()),
        _ if pattern == actual => Ok(()),
        _ => Err(format!("{path}: expected {pattern}, got {actual}")),
    }
}

/// Two RFC 3339 texts naming the same instant (`…+07:00` and `…Z`).
fn same_instant(a: &str, b: &str) -> bool {
    match (
        DateTime::parse_from_rfc3339(a),
        DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
