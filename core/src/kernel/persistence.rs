//! Snapshots and event logs: JSON documents with an explicit schema version.

use super::{Error, RecentCommand, Record, Settings, Workflow};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// The schema version this build reads and writes for snapshots and event logs.
/// Documents of any other version are refused with [`Error::UnsupportedSchema`]; when a
/// version 2 appears, its migrations from 1 will be an ordered list applied on read.
pub const SCHEMA_VERSION: u64 = 1;

/// Everything an instance is, as one JSON document. Due instants of deadlines live in the
/// state as absolute instants, so a restored instance fires them exactly when it should.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound = "")]
pub struct Snapshot<W: Workflow> {
    /// Always [`SCHEMA_VERSION`] when written by this build.
    pub schema_version: u64,
    /// The workflow's name.
    pub workflow: String,
    /// The instance's id (used in effect idempotency keys).
    pub instance_id: String,
    /// Kernel settings.
    pub settings: Settings,
    /// The workflow's configuration.
    pub config: W::Config,
    /// The number of events recorded so far.
    pub version: u64,
    /// The instant of the last recorded event; inputs before it are refused.
    pub last_at: Option<DateTime<Utc>>,
    /// The workflow's state.
    pub state: W::State,
    /// The last accepted command ids, oldest first (at most `settings.remembered_commands`).
    pub recent_commands: VecDeque<RecentCommand>,
}

/// An event log: the snapshot it starts from (version 0 for a new instance) and the records
/// after it. Replaying it gives exactly the instance's snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound = "")]
pub struct EventLog<W: Workflow> {
    /// Always [`SCHEMA_VERSION`] when written by this build.
    pub schema_version: u64,
    /// The workflow's name.
    pub workflow: String,
    /// Where the log starts.
    pub base: Snapshot<W>,
    /// The records after the base, in version order.
    pub records: Vec<Record<W>>,
}

#[derive(Deserialize)]
struct SchemaHeader {
    schema_version: u64,
}

/// Reads a versioned document, refusing any schema version but [`SCHEMA_VERSION`] with a
/// clear error before complaining about its fields.
pub(crate) fn read_versioned<T: DeserializeOwned>(
    json: &str,
    version_of: impl Fn(&T) -> u64,
) -> Result<T, Error> {
    let unsupported = |found| Error::UnsupportedSchema {
        found,
        supported: SCHEMA_VERSION,
    };
    match serde_json::from_str::<T>(json) {
        Ok(doc) if version_of(&doc) == SCHEMA_VERSION => Ok(doc),
        Ok(doc) => Err(unsupported(version_of(&doc))),
        Err(e) => match serde_json::from_str::<SchemaHeader>(json) {
            Ok(h) if h.schema_version != SCHEMA_VERSION => Err(unsupported(h.schema_version)),
            _ => Err(e.into()),
        },
    }
}
