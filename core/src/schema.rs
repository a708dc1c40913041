//! JSON Schemas (draft 2020-12) of every workflow's JSON: its commands, configuration,
//! initial data and outcomes, generated from the Rust types with schemars (the `schema`
//! feature). They are what a host without Rust types (C, HTTP, a form builder) reads to know
//! the fields of a command; the repository keeps them in `schemas/<workflow>/`, written by
//! `quytrinh schema --out schemas` and checked against every conformance vector.
//!
//! Each schema is for the JSON quytrinh reads or writes:
//! - `command`: what `AnyInstance::handle_json` (and the C, Kotlin, WASM `handle`) reads:
//!   the envelope (`command_id`, `actor`, `at`, `expected_version`) beside the body's `type`
//!   and fields, one object per command;
//! - `config` and `init`: what `dynamic::create` reads (the configuration may be omitted:
//!   every field has a default);
//! - `outcome`: what `handle_json` and `tick` write (`duplicate`, `version`, `events`,
//!   `effects`, `position`, `next_deadline`).
//!
//! Schemas describe shapes: a command that matches its schema can still be rejected by the
//! workflow's rules (a role that may not issue it, a field out of range).
//!
//! ```
//! let schemas = quytrinh::schema::of("companion").unwrap();
//! let variants = schemas.command["oneOf"].as_array().unwrap();
//! let unlink = variants
//!     .iter()
//!     .find(|v| v["properties"]["type"]["const"] == "request_unlink")
//!     .unwrap();
//! assert!(unlink["required"].as_array().unwrap().contains(&"command_id".into()));
//! assert_eq!(quytrinh::schema::of("payroll").unwrap_err().code(), "unknown_workflow");
//! ```

use crate::calendar::{BusinessCalendar, CalendarConfig, ClockTime, Counting, Window};
use crate::kernel::{Actor, Command, Deadline, Error, Keyed, Rfc3339, Workflow};
use crate::workflows::lead_care::{Lead, Leads};
use chrono::{DateTime, Utc};
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// The schemas of one workflow, each a self-contained JSON Schema (draft 2020-12, its
/// definitions under `$defs`).
///
/// ```
/// let schemas = quytrinh::schema::of("complaint").unwrap();
/// assert_eq!(schemas.workflow, "complaint");
/// assert_eq!(schemas.files().map(|(name, _)| name).collect::<Vec<_>>(),
///            ["command", "config", "init", "outcome"]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowSchemas {
    /// The workflow's name.
    pub workflow: &'static str,
    /// A command: the envelope and one of the workflow's command bodies.
    pub command: Value,
    /// The workflow's configuration.
    pub config: Value,
    /// The workflow's initial data.
    pub init: Value,
    /// The outcome of an accepted command or a tick.
    pub outcome: Value,
}

impl WorkflowSchemas {
    /// The schemas of workflow `W`.
    ///
    /// ```
    /// use quytrinh::schema::WorkflowSchemas;
    /// use quytrinh::workflows::companion::Companion;
    /// let schemas = WorkflowSchemas::of_workflow::<Companion>();
    /// assert_eq!(schemas.init["title"], "companion init");
    /// ```
    pub fn of_workflow<W>() -> Self
    where
        W: Workflow,
        W::Command: JsonSchema,
        W::Config: JsonSchema,
        W::Init: JsonSchema,
        W::Event: JsonSchema,
        W::Effect: JsonSchema,
    {
        let settings = || SchemaSettings::draft2020_12().with_transform(RecursiveTransform(tidy));
        let input = || settings().for_deserialize().into_generator();
        let output = settings().for_serialize().into_generator();
        Self {
            workflow: W::NAME,
            command: titled::<W>(
                "command",
                input().into_root_schema_for::<Command<W::Command>>(),
            ),
            config: titled::<W>("config", input().into_root_schema_for::<W::Config>()),
            init: titled::<W>("init", input().into_root_schema_for::<W::Init>()),
            outcome: titled::<W>("outcome", output.into_root_schema_for::<OutcomeJson<W>>()),
        }
    }

    /// Each schema with its file stem (`command`, `config`, `init`, `outcome`), in that order:
    /// `schemas/<workflow>/<stem>.schema.json` in the repository.
    ///
    /// ```
    /// let schemas = quytrinh::schema::of("lead_care").unwrap();
    /// let (stem, command) = schemas.files().next().unwrap();
    /// assert_eq!((stem, command["$schema"].as_str()),
    ///            ("command", Some("https://json-schema.org/draft/2020-12/schema")));
    /// ```
    pub fn files(&self) -> impl Iterator<Item = (&'static str, &Value)> {
        [
            ("command", &self.command),
            ("config", &self.config),
            ("init", &self.init),
            ("outcome", &self.outcome),
        ]
        .into_iter()
    }
}

/// Readies each generated schema for hosts: every fixed-width integer gets the bounds of its
/// Rust type (schemars states only the format, `int64`, which validators do not check; a
/// number out of range is not read), and descriptions lose their Rust examples (the doc
/// comments' fenced code blocks).
fn tidy(schema: &mut Schema) {
    let range: Option<(Value, Value)> = match schema.get("format").and_then(Value::as_str) {
        Some("int8") => Some((i8::MIN.into(), i8::MAX.into())),
        Some("int16") => Some((i16::MIN.into(), i16::MAX.into())),
        Some("int32") => Some((i32::MIN.into(), i32::MAX.into())),
        Some("int64") => Some((i64::MIN.into(), i64::MAX.into())),
        Some("uint8") => Some((0.into(), u8::MAX.into())),
        Some("uint16") => Some((0.into(), u16::MAX.into())),
        Some("uint32") => Some((0.into(), u32::MAX.into())),
        Some("uint64") => Some((0.into(), u64::MAX.into())),
        _ => None,
    };
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some((minimum, maximum)) = range {
        object.entry("minimum").or_insert(minimum);
        object.entry("maximum").or_insert(maximum);
    }
    if let Some(Value::String(text)) = object.get_mut("description") {
        *text = without_code_blocks(text);
    }
}

/// The text without its fenced code blocks (```` ``` ```` … ```` ``` ````) and rustdoc's
/// escapes, trimmed.
fn without_code_blocks(text: &str) -> String {
    let mut inside = false;
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| {
            let fence = line.trim_start().starts_with("```");
            if fence {
                inside = !inside;
            }
            !fence && !inside
        })
        .collect();
    // Brackets escaped for rustdoc (`\[decision\]`) read as plain brackets.
    kept.join("\n")
        .trim()
        .replace("\\[", "[")
        .replace("\\]", "]")
}

/// The schema with the workflow's name in its title (`companion command`).
fn titled<W: Workflow>(what: &str, schema: Schema) -> Value {
    let mut value = schema.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert("title".into(), format!("{} {what}", W::NAME).into());
    }
    value
}

macro_rules! schema_registry {
    ($($module:ident :: $W:ident $({ $($flag:ident)* })?),+ $(,)?) => {
        /// The schemas of the workflow named `workflow`, or `unknown_workflow`.
        ///
        /// ```
        /// for name in quytrinh::dynamic::WORKFLOWS {
        ///     assert_eq!(quytrinh::schema::of(name).unwrap().workflow, *name);
        /// }
        /// ```
        pub fn of(workflow: &str) -> Result<WorkflowSchemas, Error> {
            $(if workflow == <crate::workflows::$module::$W as Workflow>::NAME {
                return Ok(WorkflowSchemas::of_workflow::<crate::workflows::$module::$W>());
            })+
            Err(Error::UnknownWorkflow(workflow.to_owned()))
        }
    };
}

crate::for_each_workflow!(schema_registry);

/// The schemas of every workflow, in the registry's order.
///
/// ```
/// let all = quytrinh::schema::all();
/// assert_eq!(all.len(), quytrinh::dynamic::WORKFLOWS.len());
/// ```
pub fn all() -> Vec<WorkflowSchemas> {
    crate::dynamic::WORKFLOWS
        .iter()
        .filter_map(|name| of(name).ok())
        .collect()
}

/// The text of a schema file: pretty JSON (two spaces) with a final newline, as committed in
/// `schemas/`.
///
/// ```
/// let text = quytrinh::schema::file_text(&serde_json::json!({"type": "string"}));
/// assert_eq!(text, "{\n  \"type\": \"string\"\n}\n");
/// ```
pub fn file_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Adds the envelope's `properties` (required ones in `required`) beside a body's own: to
/// the body when it is one object, to each alternative when it is a tagged enum (`oneOf`),
/// so that `additionalProperties: false` still refuses unknown fields.
fn wrap(mut body: Schema, properties: &Value, required: &[&str]) -> Schema {
    fn extend(object: &mut Map<String, Value>, properties: &Value, required: &[&str]) {
        let own = object
            .entry("properties")
            .or_insert_with(|| json!({}))
            .as_object_mut();
        if let (Some(own), Some(extra)) = (own, properties.as_object()) {
            for (key, value) in extra {
                own.insert(key.clone(), value.clone());
            }
        }
        if let Some(list) = object
            .entry("required")
            .or_insert_with(|| json!([]))
            .as_array_mut()
        {
            let mut names: Vec<Value> = required.iter().map(|&r| r.into()).collect();
            names.append(list);
            *list = names;
        }
    }
    let object = body.ensure_object();
    match object.get_mut("oneOf").and_then(Value::as_array_mut) {
        Some(alternatives) => {
            for alternative in alternatives.iter_mut().filter_map(Value::as_object_mut) {
                extend(alternative, properties, required);
            }
        }
        None => extend(object, properties, required),
    }
    body
}

/// An instant field read and written by [`Rfc3339`]: the schema of the instant it holds.
impl JsonSchema for Rfc3339 {
    fn inline_schema() -> bool {
        DateTime::<Utc>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        DateTime::<Utc>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        DateTime::<Utc>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        DateTime::<Utc>::json_schema(generator)
    }
}

/// A command in JSON: the envelope's fields beside the body's (see [`Command`]).
impl<C: JsonSchema> JsonSchema for Command<C> {
    fn schema_name() -> Cow<'static, str> {
        format!("Command_{}", C::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let envelope = json!({
            "command_id": {
                "description": "Host-chosen unique id, at most 64 characters; a repeat returns the original outcome.",
                "type": "string",
            },
            "actor": generator.subschema_for::<Actor>(),
            "at": with_description(
                generator.subschema_for::<DateTime<Utc>>(),
                "When, RFC 3339 with any offset (\"2026-11-24T09:00:00+07:00\").",
            ),
            "expected_version": with_description(
                generator.subschema_for::<Option<u64>>(),
                "The version the host expects the instance to be at, if it cares.",
            ),
        });
        wrap(
            C::json_schema(generator),
            &envelope,
            &["command_id", "actor", "at"],
        )
    }
}

/// An effect with its idempotency key beside its own fields.
impl<E: JsonSchema> JsonSchema for Keyed<E> {
    fn schema_name() -> Cow<'static, str> {
        format!("Keyed_{}", E::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let key = json!({"key": {"description": "The idempotency key.", "type": "string"}});
        wrap(E::json_schema(generator), &key, &["key"])
    }
}

fn with_description(schema: Schema, description: &str) -> Value {
    let mut value = schema.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert("description".into(), description.into());
    }
    value
}

/// The shape of an outcome in JSON (`AnyInstance::handle_json`, `tick`): only a schema.
struct OutcomeJson<W>(std::marker::PhantomData<W>);

impl<W> JsonSchema for OutcomeJson<W>
where
    W: Workflow,
    W::Event: JsonSchema,
    W::Effect: JsonSchema,
{
    fn schema_name() -> Cow<'static, str> {
        format!("{}_outcome", W::NAME).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let at = generator.subschema_for::<DateTime<Utc>>();
        let actor = generator.subschema_for::<Actor>();
        let event = generator.subschema_for::<W::Event>();
        let effect = generator.subschema_for::<Keyed<W::Effect>>();
        let deadline = generator.subschema_for::<Option<Deadline>>();
        let version = generator.subschema_for::<u64>();
        let record = json!({
            "description": "One recorded event with the effects it asked of the host.",
            "type": "object",
            "properties": {
                "version": version,
                "at": at,
                "command_id": {"type": "string"},
                "actor": actor,
                "trigger": {"description": "The command `type` or the deadline `kind` that caused it.", "type": "string"},
                "event": event,
                "effects": {"type": "array", "items": effect},
            },
            "required": ["version", "at", "actor", "trigger", "event"],
            "additionalProperties": false,
        });
        json_schema!({
            "description": "The outcome of an accepted command or a tick.",
            "type": "object",
            "properties": {
                "duplicate": {"description": "The command id had already been accepted: nothing changed.", "type": "boolean"},
                "version": version,
                "events": {"description": "The events appended, deadlines first, in order.", "type": "array", "items": record},
                "effects": {"description": "Every effect of the events, in order, for the host to perform.", "type": "array", "items": effect},
                "position": {
                    "description": "Where the instance stands: {\"region\": state, \"region:entity\": state}.",
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                },
                "next_deadline": deadline,
            },
            "required": ["duplicate", "version", "events", "effects", "position", "next_deadline"],
            "additionalProperties": false,
        })
    }
}

// The types with their own serde forms (`try_from`/`into`) are described by the JSON they
// read and write.

/// `HH:MM` or `HH:MM:SS`, `00:00`–`24:00`.
impl JsonSchema for ClockTime {
    fn schema_name() -> Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A time of day in UTC+07:00, HH:MM or HH:MM:SS, 00:00–24:00.",
            "type": "string",
            "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?|24:00(:00)?)$",
        })
    }
}

/// `{"mode": "whole_days"}` or `{"mode": "working_hours", "windows": [...]}`.
impl JsonSchema for Counting {
    fn schema_name() -> Cow<'static, str> {
        "Counting".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let windows = generator.subschema_for::<Vec<Window>>();
        json_schema!({
            "description": "How business time is counted on a working day.",
            "oneOf": [
                {
                    "description": "A working day counts 24 hours (the default).",
                    "type": "object",
                    "properties": {"mode": {"const": "whole_days"}},
                    "required": ["mode"],
                    "additionalProperties": false,
                },
                {
                    "description": "Only the given windows of a working day count (sorted, not overlapping).",
                    "type": "object",
                    "properties": {"mode": {"const": "working_hours"}, "windows": windows},
                    "required": ["mode", "windows"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

/// A business calendar reads and writes its [`CalendarConfig`].
impl JsonSchema for BusinessCalendar {
    fn schema_name() -> Cow<'static, str> {
        CalendarConfig::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        CalendarConfig::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        CalendarConfig::json_schema(generator)
    }
}

/// The leads of a package: an array of [`Lead`], each id once.
impl JsonSchema for Leads {
    fn schema_name() -> Cow<'static, str> {
        "Leads".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let lead = generator.subschema_for::<Lead>();
        json_schema!({"description": "The leads, in delivery order (each id once).", "type": "array", "items": lead})
    }
}
