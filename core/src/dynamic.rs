//! Workflows by name, with JSON in and out: the one surface every binding (C, Kotlin,
//! Swift, WASM) and the `quytrinh` program share, so they all behave identically.
//!
//! ```
//! use quytrinh::dynamic;
//! let mut rel = dynamic::create(
//!     "companion", "rel-1", None, None,
//!     &serde_json::json!({"saco_id": "S1", "customer_id": "K1", "account": "A1"}),
//! ).unwrap();
//! let outcome = rel.handle_json(r#"{"command_id":"c1","actor":{"role":"saco","id":"S1"},
//!     "at":"2026-11-23T09:00:00+07:00","type":"request_unlink"}"#).unwrap();
//! assert_eq!(outcome["effects"][0]["kind"], "send_otp");
//! let err = rel.handle_json(r#"{"command_id":"c2","actor":{"role":"saco","id":"S1"},
//!     "at":"2026-11-23T08:00:00+07:00","type":"request_unlink"}"#).unwrap_err();
//! assert_eq!(err.code(), "clock_went_backwards");
//! ```

use crate::kernel::{
    Actor, Command, Deadline, Definition, Error, Instance, Outcome, Settings, Workflow,
};
use crate::workflows::companion::Companion;
use crate::workflows::complaint::Complaint;
use crate::workflows::lead_care::LeadCare;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The names of every workflow this build knows.
pub const WORKFLOWS: &[&str] = &[Companion::NAME, LeadCare::NAME, Complaint::NAME];

/// An instance of any workflow, driven with JSON.
pub trait AnyInstance: Send + Sync {
    /// The workflow's name.
    fn workflow(&self) -> &'static str;
    /// The instance's id.
    fn id(&self) -> &str;
    /// The number of events recorded.
    fn version(&self) -> u64;
    /// Handles a command given as JSON text (see [`Command`]); returns the outcome as JSON.
    fn handle_json(&mut self, command: &str) -> Result<Value, Error>;
    /// Handles a command given as a JSON value.
    fn handle_value(&mut self, command: Value) -> Result<Value, Error>;
    /// Fires the deadlines due at or before `at`; returns the outcome as JSON.
    fn tick(&mut self, at: DateTime<Utc>) -> Result<Value, Error>;
    /// The state as JSON.
    fn state(&self) -> Value;
    /// `(region, state id)` for each region that has a state.
    fn position(&self) -> Vec<(&'static str, &'static str)>;
    /// The pending deadlines, earliest first.
    fn deadlines(&self) -> Vec<Deadline>;
    /// The earliest pending deadline.
    fn next_deadline(&self) -> Option<Deadline>;
    /// The commands `actor` may issue at `at`, as JSON.
    fn available_commands(&self, actor: &Actor, at: DateTime<Utc>) -> Result<Value, Error>;
    /// The workflow's definition under this instance's configuration.
    fn definition(&self) -> Definition;
    /// The snapshot as JSON text.
    fn snapshot_json(&self) -> String;
    /// The event log as JSON text.
    fn event_log_json(&self) -> String;
}

impl<W: Workflow> AnyInstance for Instance<W> {
    fn workflow(&self) -> &'static str {
        W::NAME
    }

    fn id(&self) -> &str {
        Instance::id(self)
    }

    fn version(&self) -> u64 {
        Instance::version(self)
    }

    fn handle_json(&mut self, command: &str) -> Result<Value, Error> {
        let command: Command<W::Command> = serde_json::from_str(command)?;
        let outcome = outcome_json(&self.handle(&command)?);
        Ok(with_state(self, outcome))
    }

    fn handle_value(&mut self, command: Value) -> Result<Value, Error> {
        let command: Command<W::Command> = serde_json::from_value(command)?;
        let outcome = outcome_json(&self.handle(&command)?);
        Ok(with_state(self, outcome))
    }

    fn tick(&mut self, at: DateTime<Utc>) -> Result<Value, Error> {
        let outcome = outcome_json(&Instance::tick(self, at)?);
        Ok(with_state(self, outcome))
    }

    fn state(&self) -> Value {
        to_value(Instance::state(self))
    }

    fn position(&self) -> Vec<(&'static str, &'static str)> {
        Instance::position(self)
    }

    fn deadlines(&self) -> Vec<Deadline> {
        Instance::deadlines(self)
    }

    fn next_deadline(&self) -> Option<Deadline> {
        Instance::next_deadline(self)
    }

    fn available_commands(&self, actor: &Actor, at: DateTime<Utc>) -> Result<Value, Error> {
        Ok(to_value(&Instance::available_commands(self, actor, at)?))
    }

    fn definition(&self) -> Definition {
        Instance::definition(self)
    }

    fn snapshot_json(&self) -> String {
        Instance::snapshot_json(self)
    }

    fn event_log_json(&self) -> String {
        Instance::event_log_json(self)
    }
}

/// The outcome as JSON: `duplicate`, `version`, `events`, every `effects` in order and the
/// `next_deadline`.
fn outcome_json<W: Workflow>(outcome: &Outcome<'_, W>) -> Map<String, Value> {
    let mut json = match to_value(outcome) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    json.insert(
        "effects".into(),
        to_value(&outcome.effects().collect::<Vec<_>>()),
    );
    json
}

/// Adds the instance's `state` and `position` after the input to an outcome.
fn with_state<W: Workflow>(instance: &Instance<W>, mut outcome: Map<String, Value>) -> Value {
    outcome.insert("state".into(), to_value(instance.state()));
    outcome.insert("position".into(), position_json(&instance.position()));
    Value::Object(outcome)
}

/// A position as a JSON object `{region: state}`.
///
/// ```
/// assert_eq!(quytrinh::dynamic::position_json(&[("request", "pending")]), serde_json::json!({"request": "pending"}));
/// ```
pub fn position_json(position: &[(&str, &str)]) -> Value {
    Value::Object(
        position
            .iter()
            .map(|(region, state)| ((*region).to_owned(), Value::from(*state)))
            .collect(),
    )
}

fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).expect("quytrinh's own types always serialize")
}

/// Something to do with a workflow chosen by name.
trait WithWorkflow {
    type Output;
    fn run<W: Workflow>(self) -> Result<Self::Output, Error>;
}

fn dispatch<F: WithWorkflow>(workflow: &str, f: F) -> Result<F::Output, Error> {
    match workflow {
        Companion::NAME => f.run::<Companion>(),
        LeadCare::NAME => f.run::<LeadCare>(),
        Complaint::NAME => f.run::<Complaint>(),
        other => Err(Error::UnknownWorkflow(other.to_owned())),
    }
}

/// Creates an instance of `workflow`. `config` and `settings` default when `None`.
///
/// ```
/// use quytrinh::dynamic;
/// let init = serde_json::json!({"saco_id": "S1", "customer_id": "K1", "account": "A1"});
/// let rel = dynamic::create("companion", "rel-1", None, None, &init).unwrap();
/// assert_eq!((rel.workflow(), rel.version()), ("companion", 0));
/// assert_eq!(dynamic::create("payroll", "x", None, None, &init).err().unwrap().code(), "unknown_workflow");
/// ```
pub fn create(
    workflow: &str,
    instance_id: &str,
    config: Option<&Value>,
    settings: Option<Settings>,
    init: &Value,
) -> Result<Box<dyn AnyInstance>, Error> {
    struct Create<'a>(&'a str, Option<&'a Value>, Settings, &'a Value);
    impl WithWorkflow for Create<'_> {
        type Output = Box<dyn AnyInstance>;
        fn run<W: Workflow>(self) -> Result<Self::Output, Error> {
            let config = match self.1 {
                None | Some(Value::Null) => W::Config::default(),
                Some(v) => W::Config::deserialize(v)?,
            };
            let init = W::Init::deserialize(self.3)?;
            Ok(Box::new(Instance::<W>::create(
                self.0, config, self.2, init,
            )?))
        }
    }
    dispatch(
        workflow,
        Create(instance_id, config, settings.unwrap_or_default(), init),
    )
}

#[derive(Deserialize)]
struct WorkflowHeader {
    workflow: String,
}

fn workflow_of(json: &str) -> Result<String, Error> {
    Ok(serde_json::from_str::<WorkflowHeader>(json)?.workflow)
}

/// Restores an instance from snapshot JSON, whatever its workflow.
///
/// ```
/// use quytrinh::dynamic;
/// let init = serde_json::json!({"saco_id": "S1", "customer_id": "K1", "account": "A1"});
/// let rel = dynamic::create("companion", "rel-1", None, None, &init).unwrap();
/// let again = dynamic::restore(&rel.snapshot_json()).unwrap();
/// assert_eq!(again.snapshot_json(), rel.snapshot_json());
/// ```
pub fn restore(snapshot: &str) -> Result<Box<dyn AnyInstance>, Error> {
    struct Restore<'a>(&'a str);
    impl WithWorkflow for Restore<'_> {
        type Output = Box<dyn AnyInstance>;
        fn run<W: Workflow>(self) -> Result<Self::Output, Error> {
            Ok(Box::new(Instance::<W>::from_snapshot_json(self.0)?))
        }
    }
    dispatch(&workflow_of(snapshot)?, Restore(snapshot))
}

/// Rebuilds an instance from event-log JSON, whatever its workflow.
///
/// ```
/// use quytrinh::dynamic;
/// let init = serde_json::json!({"saco_id": "S1", "customer_id": "K1", "account": "A1"});
/// let rel = dynamic::create("companion", "rel-1", None, None, &init).unwrap();
/// let again = dynamic::replay(&rel.event_log_json()).unwrap();
/// assert_eq!(again.snapshot_json(), rel.snapshot_json());
/// ```
pub fn replay(log: &str) -> Result<Box<dyn AnyInstance>, Error> {
    struct Replay<'a>(&'a str);
    impl WithWorkflow for Replay<'_> {
        type Output = Box<dyn AnyInstance>;
        fn run<W: Workflow>(self) -> Result<Self::Output, Error> {
            Ok(Box::new(Instance::<W>::from_log_json(self.0)?))
        }
    }
    dispatch(&workflow_of(log)?, Replay(log))
}

/// The definition of `workflow` under `config` (default when `None`).
///
/// ```
/// let def = quytrinh::dynamic::definition("companion", None).unwrap();
/// assert_eq!(def.workflow, "companion");
/// ```
pub fn definition(workflow: &str, config: Option<&Value>) -> Result<Definition, Error> {
    struct Define<'a>(Option<&'a Value>);
    impl WithWorkflow for Define<'_> {
        type Output = Definition;
        fn run<W: Workflow>(self) -> Result<Self::Output, Error> {
            let config = match self.0 {
                None | Some(Value::Null) => W::Config::default(),
                Some(v) => W::Config::deserialize(v)?,
            };
            W::validate_config(&config).map_err(Error::InvalidConfig)?;
            Ok(Definition::of::<W>(&config))
        }
    }
    dispatch(workflow, Define(config))
}
