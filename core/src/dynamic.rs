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
//! let outcome: serde_json::Value = serde_json::from_str(&outcome).unwrap();
//! assert_eq!(outcome["effects"][0]["kind"], "send_otp");
//! let err = rel.handle_json(r#"{"command_id":"c2","actor":{"role":"saco","id":"S1"},
//!     "at":"2026-11-23T08:00:00+07:00","type":"request_unlink"}"#).unwrap_err();
//! assert_eq!(err.code(), "clock_went_backwards");
//! ```

use crate::kernel::{
    Actor, Command, Deadline, Definition, Error, Instance, Limit, OutcomeForm, Position, Settings,
    Workflow, from_json, from_json_value,
};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

/// The registry: one line per workflow (`module::Type`, the module under
/// [`crate::workflows`], and `{ reports }` for a workflow with reports over many instances).
/// It calls `$callback! { companion::Companion, complaint::Complaint { reports }, … }`, so every surface
/// is made for every workflow from this one list: the JSON surface of this module (and the C
/// ABI, WASM and the `quytrinh` program built on it), and the typed Kotlin and Swift objects
/// of `quytrinh-ffi`. A workflow's types follow its type's name: `{Type}Command`,
/// `{Type}Event`, `{Type}Effect`, `{Type}State`, `{Type}Init`, `{Type}Config`,
/// `{Type}Query`, `{Type}Answer`, and with reports `{Type}Report`, `{Type}ReportAnswer`.
///
/// ```
/// macro_rules! names {
///     ($($module:ident :: $W:ident $({ $($flag:ident)* })?),+ $(,)?) => { [$(stringify!($module)),+] };
/// }
/// let names = quytrinh::for_each_workflow!(names);
/// assert_eq!(names.as_slice(), quytrinh::dynamic::WORKFLOWS);
/// ```
#[macro_export]
macro_rules! for_each_workflow {
    ($callback:ident) => {
        $callback! {
            companion::Companion,
            complaint::Complaint { reports },
            lead_care::LeadCare,
            store_subscription::StoreSubscription,
            renewal_billing::RenewalBilling { reports },
        }
    };
}

/// The JSON surface of the registry's workflows.
macro_rules! registry {
    ($($module:ident :: $W:ident $({ $($flag:ident)* })?),+ $(,)?) => {
        /// The names of every workflow this build knows, in the registry's order.
        pub const WORKFLOWS: &[&str] = &[$(<crate::workflows::$module::$W as Workflow>::NAME),+];

        fn dispatch<F: WithWorkflow>(workflow: &str, f: F) -> Result<F::Output, Error> {
            $(if workflow == <crate::workflows::$module::$W as Workflow>::NAME {
                return f.run::<crate::workflows::$module::$W>();
            })+
            Err(Error::UnknownWorkflow(workflow.to_owned()))
        }
    };
}

crate::for_each_workflow!(registry);

/// An instance of any workflow, driven with JSON.
pub trait AnyInstance: Send + Sync {
    /// The workflow's name.
    fn workflow(&self) -> &'static str;
    /// The instance's id.
    fn id(&self) -> &str;
    /// The number of events recorded.
    fn version(&self) -> u64;
    /// Handles a command given as JSON text (see [`Command`]); returns the outcome as JSON
    /// text (see [`Outcome`](crate::kernel::Outcome)), written straight from the outcome: the path the bindings take.
    fn handle_json(&mut self, command: &str) -> Result<String, Error> {
        self.handle_json_in(command, OutcomeForm::Whole)
    }
    /// Like [`handle_json`](Self::handle_json), the outcome written in `form` (the JS
    /// package asks for [`OutcomeForm::RecordsOnly`] and rebuilds the effect list itself).
    fn handle_json_in(&mut self, command: &str, form: OutcomeForm) -> Result<String, Error>;
    /// Handles a command given as a JSON value.
    fn handle_value(&mut self, command: Value) -> Result<Value, Error>;
    /// Fires the deadlines due at or before `at`; returns the outcome as JSON.
    fn tick(&mut self, at: DateTime<Utc>) -> Result<Value, Error>;
    /// Like [`tick`](Self::tick), the outcome as JSON text.
    fn tick_json(&mut self, at: DateTime<Utc>) -> Result<String, Error> {
        self.tick_json_in(at, OutcomeForm::Whole)
    }
    /// Like [`tick_json`](Self::tick_json), the outcome written in `form`.
    fn tick_json_in(&mut self, at: DateTime<Utc>, form: OutcomeForm) -> Result<String, Error>;
    /// The state as JSON.
    fn state(&self) -> Value;
    /// The configuration as JSON (every field, defaults included).
    fn config(&self) -> Value;
    /// Where the instance stands: each region of the instance and of every entity.
    fn position(&self) -> Vec<Position>;
    /// Answers a read-only query (JSON tagged by `type`) for `actor` at `at`; the answer
    /// as JSON. Nothing changes.
    fn query_value(&self, actor: &Actor, at: DateTime<Utc>, query: Value) -> Result<Value, Error>;
    /// Folds every record but the last `keep` into the event log's base snapshot.
    fn compact(&mut self, keep: usize) -> Result<(), Error>;
    /// The row this instance contributes to its workflow's reports over many instances
    /// (see [`report`]), as JSON.
    fn row(&self) -> Value;
    /// The pending deadlines, earliest first.
    fn deadlines(&self) -> Vec<Deadline>;
    /// The earliest pending deadline.
    fn next_deadline(&self) -> Option<Deadline>;
    /// The instant of the last recorded event (`None` before the first): a host that
    /// stamps an input no earlier than this is never refused `clock_went_backwards`.
    fn last_at(&self) -> Option<DateTime<Utc>>;
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

    fn handle_json_in(&mut self, command: &str, form: OutcomeForm) -> Result<String, Error> {
        let command = Command::<W::Command>::from_json(command)?;
        Ok(outcome_text(&self.handle(&command)?, form))
    }

    fn handle_value(&mut self, command: Value) -> Result<Value, Error> {
        let command: Command<W::Command> = from_json_value("", &command)?;
        Ok(to_value(&self.handle(&command)?))
    }

    fn tick(&mut self, at: DateTime<Utc>) -> Result<Value, Error> {
        Ok(to_value(&Instance::tick(self, at)?))
    }

    fn tick_json_in(&mut self, at: DateTime<Utc>, form: OutcomeForm) -> Result<String, Error> {
        Ok(outcome_text(&Instance::tick(self, at)?, form))
    }

    fn state(&self) -> Value {
        to_value(Instance::state(self))
    }

    fn config(&self) -> Value {
        to_value(Instance::config(self))
    }

    fn position(&self) -> Vec<Position> {
        Instance::position(self)
    }

    fn query_value(&self, actor: &Actor, at: DateTime<Utc>, query: Value) -> Result<Value, Error> {
        let query: W::Query = from_json_value("query", &query)?;
        Ok(to_value(&Instance::query(self, actor, at, &query)?))
    }

    fn compact(&mut self, keep: usize) -> Result<(), Error> {
        Instance::compact(self, keep)
    }

    fn row(&self) -> Value {
        to_value(&Instance::row(self))
    }

    fn deadlines(&self) -> Vec<Deadline> {
        Instance::deadlines(self)
    }

    fn next_deadline(&self) -> Option<Deadline> {
        Instance::next_deadline(self)
    }

    fn last_at(&self) -> Option<DateTime<Utc>> {
        Instance::last_at(self)
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

fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).expect("quytrinh's own types always serialize")
}

/// An outcome as JSON text, into a buffer sized for a typical outcome (an `otp_verified`
/// outcome is 1.3 KB), so writing it does not grow the buffer from 128 bytes by doubling.
fn outcome_text<W: Workflow>(outcome: &crate::kernel::Outcome<'_, W>, form: OutcomeForm) -> String {
    crate::kernel::to_json_with_capacity(&outcome.in_form(form), OUTCOME_CAPACITY)
        .expect("quytrinh's own types always serialize")
}

/// The buffer an outcome's text starts in.
const OUTCOME_CAPACITY: usize = 2048;

/// Something to do with a workflow chosen by name: generic code over [`Workflow`] that
/// [`with_workflow`] runs for the workflow a name designates (bindings, tests and tools run
/// the same code for every workflow of the registry this way).
///
/// ```
/// use quytrinh::dynamic::{WithWorkflow, with_workflow};
/// use quytrinh::kernel::{Error, Workflow};
/// struct CommandCount;
/// impl WithWorkflow for CommandCount {
///     type Output = usize;
///     fn run<W: Workflow>(self) -> Result<usize, Error> { Ok(W::COMMANDS.len()) }
/// }
/// assert_eq!(with_workflow("companion", CommandCount).unwrap(), 9);
/// ```
pub trait WithWorkflow {
    /// What it gives.
    type Output;
    /// Runs it for workflow `W`.
    fn run<W: Workflow>(self) -> Result<Self::Output, Error>;
}

/// Runs `f` for the workflow named `workflow`, or `unknown_workflow`.
///
/// ```
/// use quytrinh::dynamic::{WithWorkflow, with_workflow};
/// use quytrinh::kernel::{Error, Workflow};
/// struct Name;
/// impl WithWorkflow for Name {
///     type Output = &'static str;
///     fn run<W: Workflow>(self) -> Result<&'static str, Error> { Ok(W::NAME) }
/// }
/// for name in quytrinh::dynamic::WORKFLOWS {
///     assert_eq!(with_workflow(name, Name).unwrap(), *name);
/// }
/// assert_eq!(with_workflow("payroll", Name).unwrap_err().code(), "unknown_workflow");
/// ```
pub fn with_workflow<F: WithWorkflow>(workflow: &str, f: F) -> Result<F::Output, Error> {
    dispatch(workflow, f)
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
                Some(v) => from_json_value("config", v)?,
            };
            let init = from_json_value("init", self.3)?;
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

/// The workflow a snapshot or event log names (a document beyond
/// [`MAX_DOCUMENT_BYTES`](crate::kernel::MAX_DOCUMENT_BYTES) is refused before it is read).
/// The crate's own documents name it in their first keys, and it is taken from there
/// without reading the rest, which the typed decoding that follows reads anyway; any other
/// document is read for its `workflow`.
fn workflow_of(json: &str) -> Result<String, Error> {
    Limit::DocumentBytes.check(json.len())?;
    if let Some(workflow) = leading_workflow(json) {
        return Ok(workflow.to_owned());
    }
    Ok(from_json::<WorkflowHeader>("", json)?.workflow)
}

/// `name` when `json` starts as the crate writes its documents,
/// `{"schema_version":N,"workflow":"name"`, with a name of lowercase letters and `_`.
fn leading_workflow(json: &str) -> Option<&str> {
    let rest = json.strip_prefix(r#"{"schema_version":"#)?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let (workflow, _) = rest.strip_prefix(r#","workflow":""#)?.split_once('"')?;
    let plain = !workflow.is_empty()
        && workflow
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_');
    plain.then_some(workflow)
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

/// Runs a report of `workflow` (JSON tagged by `type`) over `rows` (each the JSON of an
/// instance's [`row`](AnyInstance::row), as a host stored it) for `actor` at `at`, under
/// `config` (default when `None`); the answer as JSON. A row that does not decode is
/// `invalid_json` naming its index.
///
/// ```
/// use quytrinh::{dynamic, kernel::Actor};
/// let case = dynamic::create("complaint", "KN-1", None, None, &serde_json::json!({"complaint_id": "KN-1"})).unwrap();
/// let at = "2026-03-12T09:00:00+07:00".parse().unwrap();
/// let weekly = serde_json::json!({"type": "weekly_report", "week_ending": "2026-03-12"});
/// let answer = dynamic::report("complaint", None, &Actor::new("head_of_ops", "TP-01"), at, &weekly, &[case.row()]).unwrap();
/// assert_eq!((answer["type"].as_str(), answer["received"].as_u64()), (Some("weekly_report"), Some(0)));
/// let err = dynamic::report("companion", None, &Actor::new("saco", "S1"), at, &weekly, &[]).unwrap_err();
/// assert_eq!(err.code(), "invalid_json");
/// ```
pub fn report(
    workflow: &str,
    config: Option<&Value>,
    actor: &Actor,
    at: DateTime<Utc>,
    report: &Value,
    rows: &[Value],
) -> Result<Value, Error> {
    struct RunReport<'a> {
        config: Option<&'a Value>,
        actor: &'a Actor,
        at: DateTime<Utc>,
        report: &'a Value,
        rows: &'a [Value],
    }
    impl WithWorkflow for RunReport<'_> {
        type Output = Value;
        fn run<W: Workflow>(self) -> Result<Value, Error> {
            let config = match self.config {
                None | Some(Value::Null) => W::Config::default(),
                Some(v) => from_json_value("config", v)?,
            };
            let report = from_json_value("report", self.report)?;
            let rows = self
                .rows
                .iter()
                .enumerate()
                .map(|(i, row)| from_json_value(&format!("rows[{i}]"), row))
                .collect::<Result<Vec<_>, _>>()?;
            let answer = crate::kernel::report::<W>(&config, self.actor, self.at, &report, &rows)?;
            Ok(to_value(&answer))
        }
    }
    dispatch(
        workflow,
        RunReport {
            config,
            actor,
            at,
            report,
            rows,
        },
    )
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
                Some(v) => from_json_value("config", v)?,
            };
            W::validate_config(&config).map_err(Error::InvalidConfig)?;
            Ok(Definition::of::<W>(&config))
        }
    }
    dispatch(workflow, Define(config))
}

#[cfg(test)]
mod tests {
    use super::{leading_workflow, workflow_of};

    #[test]
    fn the_workflow_is_read_from_the_first_keys_of_the_crates_own_documents() {
        let own = r#"{"schema_version":3,"workflow":"lead_care","state":{}}"#;
        assert_eq!(leading_workflow(own), Some("lead_care"));
        // Anything else is read whole for its header, with the same answer or a typed error.
        for other in [
            r#"{"workflow":"companion","schema_version":3}"#,
            r#"{ "schema_version":3,"workflow":"companion"}"#,
            r#"{"schema_version":3,"workflow":"compa\u006eion"}"#,
            r#"{"schema_version":3,"workflow":""}"#,
        ] {
            assert_eq!(leading_workflow(other), None, "{other}");
        }
        assert_eq!(
            workflow_of(r#"{"schema_version":3,"workflow":"compa\u006eion"}"#).unwrap(),
            "companion"
        );
        assert_eq!(
            workflow_of(r#"{"schema_version":3,"workflow":7}"#)
                .unwrap_err()
                .code(),
            "invalid_json"
        );
    }
}
