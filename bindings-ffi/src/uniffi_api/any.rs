//! One object for every workflow of the registry, driven with the JSON every binding
//! shares (`quytrinh::dynamic`): a workflow added to the core's registry reaches Kotlin and
//! Swift through it with no binding code. The typed objects (`CompanionInstance`, …) stay
//! for the workflows that have them; this one speaks the conformance vectors' JSON.

use super::common::{Deadline, QuytrinhError, RegionState, Timestamp, Version, lock, position};
use quytrinh::dynamic::{self, AnyInstance};
use quytrinh::kernel::{Actor, Settings};
use serde_json::Value;
use std::sync::{Arc, Mutex, PoisonError};

/// An instance of any workflow (`companion`, `complaint`, `lead_care`, `store_subscription`,
/// …), commands and outcomes as JSON text (the format of `tests/vectors/README.md`).
///
/// Thread safety: `Send + Sync`; the instance sits behind a mutex, calls are serialized,
/// each one atomic. A call that fails changes nothing.
#[derive(uniffi::Object)]
pub struct WorkflowInstance {
    inner: Mutex<Box<dyn AnyInstance>>,
}

impl WorkflowInstance {
    fn wrap(instance: Box<dyn AnyInstance>) -> Arc<Self> {
        Arc::new(Self {
            inner: Mutex::new(instance),
        })
    }

    /// Reads the instance, even after a panic poisoned the lock (only writes refuse then).
    fn read<T>(&self, f: impl FnOnce(&dyn AnyInstance) -> T) -> T {
        f(self
            .inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref())
    }
}

fn parse(json: &str) -> Result<Value, QuytrinhError> {
    Ok(serde_json::from_str(json)?)
}

#[uniffi::export]
impl WorkflowInstance {
    /// A new instance of `workflow` at version 0; `config_json` (absent fields take
    /// SPEC.md's defaults) and `settings` default when `null`.
    #[uniffi::constructor(default(config_json = None, settings = None))]
    pub fn create(
        workflow: String,
        instance_id: String,
        init_json: String,
        config_json: Option<String>,
        settings: Option<Settings>,
    ) -> Result<Arc<Self>, QuytrinhError> {
        let config = config_json.as_deref().map(parse).transpose()?;
        let init = parse(&init_json)?;
        Ok(Self::wrap(dynamic::create(
            &workflow,
            &instance_id,
            config.as_ref(),
            settings,
            &init,
        )?))
    }

    /// An instance restored from snapshot JSON, whatever its workflow.
    #[uniffi::constructor]
    pub fn restore(snapshot_json: String) -> Result<Arc<Self>, QuytrinhError> {
        Ok(Self::wrap(dynamic::restore(&snapshot_json)?))
    }

    /// An instance rebuilt by replaying event-log JSON, whatever its workflow.
    #[uniffi::constructor]
    pub fn replay(event_log_json: String) -> Result<Arc<Self>, QuytrinhError> {
        Ok(Self::wrap(dynamic::replay(&event_log_json)?))
    }

    /// Handles a command (JSON: envelope and body side by side); the outcome as JSON.
    pub fn handle(&self, command_json: String) -> Result<String, QuytrinhError> {
        Ok(lock(&self.inner)?.handle_json(&command_json)?)
    }

    /// Time has reached `at`: fires every deadline due by then; the outcome as JSON.
    pub fn tick(&self, at: Timestamp) -> Result<String, QuytrinhError> {
        Ok(lock(&self.inner)?.tick_json(at)?)
    }

    /// Answers a read-only query (JSON tagged by `type`) for `actor` at `at`; the answer as
    /// JSON. Nothing changes.
    pub fn query(
        &self,
        actor: Actor,
        at: Timestamp,
        query_json: String,
    ) -> Result<String, QuytrinhError> {
        let query = parse(&query_json)?;
        Ok(self.read(|i| i.query_value(&actor, at, query))?.to_string())
    }

    /// The row this instance contributes to its workflow's reports over many instances, as
    /// JSON (store it beside the snapshot; give many to [`report`]).
    pub fn row(&self) -> String {
        self.read(|i| i.row().to_string())
    }

    /// The commands `actor` may issue at `at`, as JSON, for buttons.
    pub fn available_commands(&self, actor: Actor, at: Timestamp) -> Result<String, QuytrinhError> {
        Ok(self.read(|i| i.available_commands(&actor, at))?.to_string())
    }

    /// Folds every record but the last `keep` into the event log's base snapshot.
    pub fn compact(&self, keep: u32) -> Result<(), QuytrinhError> {
        let keep = usize::try_from(keep).unwrap_or(usize::MAX);
        Ok(lock(&self.inner)?.compact(keep)?)
    }

    /// The workflow's name.
    pub fn workflow(&self) -> String {
        self.read(|i| i.workflow().to_owned())
    }

    /// The number of events recorded so far.
    pub fn version(&self) -> Version {
        self.read(|i| i.version().into())
    }

    /// The configuration as JSON (every field, defaults included).
    pub fn config(&self) -> String {
        self.read(|i| i.config().to_string())
    }

    /// The state as JSON.
    pub fn state(&self) -> String {
        self.read(|i| i.state().to_string())
    }

    /// Where the instance stands: each region of the instance and of every entity.
    pub fn position(&self) -> Vec<RegionState> {
        self.read(|i| position(&i.position()))
    }

    /// The earliest pending deadline, if any.
    pub fn next_deadline(&self) -> Option<Deadline> {
        self.read(|i| i.next_deadline().map(Into::into))
    }

    /// Every pending deadline, earliest first.
    pub fn deadlines(&self) -> Vec<Deadline> {
        self.read(|i| i.deadlines().into_iter().map(Into::into).collect())
    }

    /// The snapshot as JSON: the same document in every binding.
    pub fn snapshot(&self) -> String {
        self.read(|i| i.snapshot_json())
    }

    /// The event log (base snapshot and records) as JSON.
    pub fn event_log(&self) -> String {
        self.read(|i| i.event_log_json())
    }
}

/// The names of every workflow this build knows (the core's registry).
#[uniffi::export]
pub fn workflows() -> Vec<String> {
    dynamic::WORKFLOWS.iter().map(|w| (*w).to_owned()).collect()
}

/// Runs a report of `workflow` (JSON tagged by `type`, e.g.
/// `{"type":"weekly_report","week_ending":"2026-03-12"}`) over many instances' rows (each
/// the JSON of [`WorkflowInstance::row`]) for `actor` at `at`; the answer as JSON.
/// `config_json` defaults when `null`. One entry point for every report of every workflow.
#[uniffi::export(default(config_json = None))]
pub fn report(
    workflow: String,
    actor: Actor,
    at: Timestamp,
    report_json: String,
    rows_json: Vec<String>,
    config_json: Option<String>,
) -> Result<String, QuytrinhError> {
    let config = config_json.as_deref().map(parse).transpose()?;
    let report = parse(&report_json)?;
    let rows = rows_json
        .iter()
        .enumerate()
        .map(|(i, row)| quytrinh::kernel::from_json(&format!("rows[{i}]"), row))
        .collect::<Result<Vec<Value>, _>>()?;
    Ok(dynamic::report(&workflow, config.as_ref(), &actor, at, &report, &rows)?.to_string())
}
