//! Snapshots and event logs: JSON documents with an explicit schema version.

use super::{Error, RecentCommand, Record, Settings, Workflow, from_json, from_json_value};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::VecDeque;

/// The schema version this build writes for snapshots and event logs. Documents of earlier
/// versions are migrated on read, step by step ([`MIGRATIONS`]); later or unknown versions
/// are refused with [`Error::UnsupportedSchema`].
///
/// | version | what changed |
/// |---|---|
/// | 1 | the first format |
/// | 2 | a workflow configuration's business calendar is left out while it is Vietnam's default (schema 1 wrote the whole default calendar into every snapshot) |
/// | 3 | the business calendar applies the government's announced schedules by default (`announced_schedules`); documents written before keep the calendar they were written with (`announced_schedules: false`) |
pub const SCHEMA_VERSION: u64 = 3;

/// The highest version an instance reaches: 2^53 − 1, the largest integer every binding
/// (JavaScript included) represents exactly. A snapshot above it is refused; an input that
/// would pass it gets an `internal` error, never a wrapped version.
pub const MAX_VERSION: u64 = (1 << 53) - 1;

/// One migration step: rewrites a document (snapshot or event log, as JSON) of schema
/// version `from` into version `from + 1`.
pub struct Migration {
    /// The version it reads.
    pub from: u64,
    /// What it changes, in words.
    pub what: &'static str,
    /// The rewrite.
    pub apply: fn(&mut Value),
}

/// The migrations, in order: a document of version `v` goes through every step from `v`.
/// The next format change adds one step here and bumps [`SCHEMA_VERSION`].
///
/// ```
/// use quytrinh::kernel::{MIGRATIONS, SCHEMA_VERSION};
/// assert_eq!(MIGRATIONS.len() as u64, SCHEMA_VERSION - 1);
/// assert!(MIGRATIONS.iter().enumerate().all(|(i, m)| m.from == i as u64 + 1));
/// ```
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        what: "leave out a configuration's calendar while it is the default",
        apply: drop_default_calendars,
    },
    Migration {
        from: 2,
        what: "keep the calendar a document was written with: no announced schedules",
        apply: keep_rule_calendars,
    },
];

/// Applies `f` to a document's snapshot (itself, or an event log's base) and sets the
/// version of both to `to`.
fn each_snapshot(doc: &mut Value, to: u64, f: impl Fn(&mut Value)) {
    if let Some(base) = doc.get_mut("base") {
        f(base);
        base["schema_version"] = Value::from(to);
    } else {
        f(doc);
    }
    doc["schema_version"] = Value::from(to);
}

/// Whether the configuration of `workflow` holds a business calendar (`calendar`), asked of
/// the registry, so a workflow added later is covered without a list to keep up.
fn has_calendar(workflow: &str) -> bool {
    struct HasCalendar;
    impl crate::dynamic::WithWorkflow for HasCalendar {
        type Output = bool;
        fn run<W: Workflow>(self) -> Result<bool, Error> {
            Ok(W::Config::deserialize(serde_json::json!({"calendar": {}})).is_ok())
        }
    }
    crate::dynamic::with_workflow(workflow, HasCalendar).unwrap_or(false)
}

/// Schema 2 → 3: the calendars of documents written before the announced schedules existed
/// counted by the rules only, and their deadlines were computed so; they keep doing so: a
/// configuration's calendar gets `announced_schedules: false` (a left-out calendar, the
/// default of schema 2, becomes `{"announced_schedules": false}`). A host turns them on by
/// changing the configuration of new instances.
fn keep_rule_calendars(doc: &mut Value) {
    let workflow = doc
        .get("workflow")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let with_calendar = has_calendar(&workflow);
    each_snapshot(doc, 3, |snapshot| {
        let Some(config) = snapshot.get_mut("config").and_then(Value::as_object_mut) else {
            return;
        };
        if !with_calendar && !config.contains_key("calendar") {
            return;
        }
        let calendar = config
            .entry("calendar")
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
        if let Some(calendar) = calendar.as_object_mut() {
            calendar
                .entry("announced_schedules")
                .or_insert(Value::Bool(false));
        }
    });
}

/// Schema 1 → 2: a snapshot's (or a log base's) `config.calendar` that equals Vietnam's
/// default calendar is removed; a host's own calendar is kept as it is.
fn drop_default_calendars(doc: &mut Value) {
    // The default calendar as schema 1 and 2 wrote it (before `announced_schedules`).
    let default = serde_json::to_value(crate::calendar::CalendarConfig::default())
        .ok()
        .map(|mut d| {
            if let Some(fields) = d.as_object_mut() {
                fields.remove("announced_schedules");
            }
            d
        });
    let drop_in = |snapshot: Option<&mut Value>| {
        if let Some(config) = snapshot
            .and_then(|s| s.get_mut("config"))
            .and_then(Value::as_object_mut)
            && config.get("calendar") == default.as_ref()
        {
            config.remove("calendar");
        }
    };
    each_snapshot(doc, 2, |snapshot| drop_in(Some(snapshot)));
}

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
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
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

/// Reads a versioned document: a current one directly; an earlier one through the
/// migrations from its version (then `true`: it was migrated); a later or unknown one is
/// refused with a clear error before any complaint about its fields. A document beyond
/// [`MAX_DOCUMENT_BYTES`](super::MAX_DOCUMENT_BYTES) is refused before it is parsed.
pub(crate) fn read_versioned<T: DeserializeOwned>(
    json: &str,
    version_of: impl Fn(&T) -> u64,
) -> Result<(T, bool), Error> {
    let unsupported = |found| Error::UnsupportedSchema {
        found,
        supported: SCHEMA_VERSION,
    };
    super::Limit::DocumentBytes.check(json.len())?;
    // A current document decodes in one pass; otherwise its error is kept for later.
    let error = match from_json::<T>("", json) {
        Ok(doc) if version_of(&doc) == SCHEMA_VERSION => return Ok((doc, false)),
        Ok(_) => None,
        Err(e) => Some(e),
    };
    let found = match from_json::<SchemaHeader>("", json) {
        Ok(h) => h.schema_version,
        // No readable header: the document's own error says what is wrong.
        Err(header) => return Err(error.unwrap_or(header)),
    };
    if let (SCHEMA_VERSION, Some(e)) = (found, error) {
        // A current document that does not decode: its own error says what is wrong.
        return Err(e);
    }
    if found == 0 || found > SCHEMA_VERSION {
        return Err(unsupported(found));
    }
    let mut doc: Value = from_json("", json)?;
    for step in MIGRATIONS.iter().skip_while(|m| m.from < found) {
        (step.apply)(&mut doc);
    }
    let migrated = from_json_value::<T>("", &doc)?;
    match version_of(&migrated) {
        SCHEMA_VERSION => Ok((migrated, true)),
        other => Err(unsupported(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::has_calendar;

    #[test]
    fn the_registry_says_which_configurations_hold_a_calendar() {
        for workflow in crate::dynamic::WORKFLOWS {
            let expected = matches!(*workflow, "complaint" | "lead_care" | "renewal_billing");
            assert_eq!(has_calendar(workflow), expected, "{workflow}");
        }
        assert!(!has_calendar("payroll"));
    }
}
