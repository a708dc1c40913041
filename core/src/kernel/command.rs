//! The command envelope: id, actor, instant and optional expected version around a body.

use super::{Actor, Error, Limit};
use chrono::{DateTime, Utc};
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::marker::PhantomData;

/// The longest `command_id` accepted, in characters (longer ones are `validation_failed`).
pub const MAX_COMMAND_ID_CHARS: usize = 64;

/// The snake_case names of an enum's variants — a command, event, query or effect body (its
/// JSON `type`, or `kind` for effects).
///
/// Declared once: every enum that derives strum's `IntoStaticStr` and `VariantNames` with
/// `#[strum(serialize_all = "snake_case")]` has it, with the names serde gives its variants
/// under `#[serde(rename_all = "snake_case")]`; `core/tests/definitions.rs` checks, for every
/// workflow, that the two agree and that the definition tables name the same commands.
///
/// ```
/// use quytrinh::kernel::TypeName;
/// use quytrinh::workflows::companion::CompanionCommand;
/// assert_eq!(CompanionCommand::RequestUnlink {}.name(), "request_unlink");
/// assert_eq!(CompanionCommand::NAMES[0], "request_unlink");
///
/// #[derive(strum::IntoStaticStr, strum::VariantNames)]
/// #[strum(serialize_all = "snake_case")]
/// enum Mine { OpenCase, CloseCase { why: String } }
/// assert_eq!(Mine::CloseCase { why: "done".into() }.name(), "close_case");
/// assert_eq!(Mine::NAMES, ["open_case", "close_case"]);
/// ```
pub trait TypeName {
    /// Every variant's name, in declaration order.
    const NAMES: &'static [&'static str];
    /// The `type` of this value in JSON, e.g. `request_unlink`.
    fn name(&self) -> &'static str;
}

impl<T> TypeName for T
where
    T: strum::VariantNames,
    for<'a> &'static str: From<&'a T>,
{
    const NAMES: &'static [&'static str] = T::VARIANTS;

    fn name(&self) -> &'static str {
        self.into()
    }
}

/// A command: the host-chosen `command_id` (unique, at most 64 characters), who issues it,
/// when (UTC inside; RFC 3339 with any offset in JSON), the version the host last saw, and
/// the workflow's command body.
///
/// In JSON the envelope and the body are one flat object: the body's fields sit beside
/// `command_id`, `actor`, `at` and `expected_version`, with the body's `type`. Unknown
/// fields are refused.
///
/// ```
/// use quytrinh::kernel::Command;
/// use quytrinh::workflows::companion::CompanionCommand;
/// let json = r#"{"command_id":"c1","actor":{"role":"saco","id":"S1"},
///                "at":"2026-11-23T09:00:00+07:00","type":"request_unlink"}"#;
/// let cmd: Command<CompanionCommand> = serde_json::from_str(json).unwrap();
/// assert_eq!(cmd.at.to_rfc3339(), "2026-11-23T02:00:00+00:00");
/// assert!(serde_json::from_str::<Command<CompanionCommand>>(
///     &json.replace("\"type\"", "\"colour\":1,\"type\"")).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command<C> {
    /// Host-chosen unique id; a repeat returns the original outcome.
    pub command_id: String,
    /// Who issues it.
    pub actor: Actor,
    /// When.
    pub at: DateTime<Utc>,
    /// The version the host expects the instance to be at, if it cares.
    pub expected_version: Option<u64>,
    /// The workflow's command.
    pub body: C,
}

impl<C> Command<C> {
    /// A command with no expected version.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command};
    /// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// let cmd = Command::new("c1", Actor::new("ops", "O1"), at, ());
    /// assert_eq!(cmd.expected_version, None);
    /// ```
    pub fn new(command_id: impl Into<String>, actor: Actor, at: DateTime<Utc>, body: C) -> Self {
        Self {
            command_id: command_id.into(),
            actor,
            at,
            expected_version: None,
            body,
        }
    }

    /// The same command, expecting the instance to be at `version`.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command};
    /// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// let cmd = Command::new("c1", Actor::new("ops", "O1"), at, ()).expecting(3);
    /// assert_eq!(cmd.expected_version, Some(3));
    /// ```
    #[must_use]
    pub fn expecting(mut self, version: u64) -> Self {
        self.expected_version = Some(version);
        self
    }
}

impl<C: DeserializeOwned> Command<C> {
    /// Decodes a command from its JSON text, the way every binding receives it: a text
    /// longer than [`MAX_COMMAND_BYTES`](super::MAX_COMMAND_BYTES) is refused with
    /// `limit_reached` on `command_bytes` before it is parsed; malformed JSON is
    /// `invalid_json` (nested too deep: `limit_reached` on `json_depth`).
    ///
    /// ```
    /// use quytrinh::kernel::Command;
    /// use quytrinh::workflows::companion::CompanionCommand;
    /// let json = r#"{"command_id":"c1","actor":{"role":"saco","id":"S1"},
    ///     "at":"2026-11-23T09:00:00+07:00","type":"request_unlink"}"#;
    /// assert!(Command::<CompanionCommand>::from_json(json).is_ok());
    /// let huge = format!("{{\"note\":\"{}\"}}", "x".repeat(300_000));
    /// let err = Command::<CompanionCommand>::from_json(&huge).unwrap_err();
    /// assert_eq!((err.code(), err.rejection().unwrap().rule.as_ref()), ("limit_reached", "command_bytes"));
    /// let deep = format!("{{\"note\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
    /// let err = Command::<CompanionCommand>::from_json(&deep).unwrap_err();
    /// assert_eq!(err.rejection().unwrap().rule, "json_depth");
    /// // A document that is not even an object is refused at its first character.
    /// let flat = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    /// assert_eq!(Command::<CompanionCommand>::from_json(&flat).unwrap_err().code(), "invalid_json");
    /// ```
    pub fn from_json(json: &str) -> Result<Self, Error> {
        Limit::CommandBytes.check(json.len())?;
        super::from_json("", json)
    }
}

impl<C: Serialize> Serialize for Command<C> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeMap};
        let body = serde_json::to_value(&self.body).map_err(S::Error::custom)?;
        let serde_json::Value::Object(fields) = body else {
            return Err(S::Error::custom("a command body must be a JSON object"));
        };
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("command_id", &self.command_id)?;
        map.serialize_entry("actor", &self.actor)?;
        map.serialize_entry("at", &self.at)?;
        if let Some(v) = self.expected_version {
            map.serialize_entry("expected_version", &v)?;
        }
        for (k, v) in &fields {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, C: DeserializeOwned> Deserialize<'de> for Command<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CommandVisitor(PhantomData))
    }
}

struct CommandVisitor<C>(PhantomData<C>);

impl<'de, C: DeserializeOwned> Visitor<'de> for CommandVisitor<C> {
    type Value = Command<C>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a command object with command_id, actor, at and type")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut command_id: Option<String> = None;
        let mut actor: Option<Actor> = None;
        let mut at: Option<DateTime<Utc>> = None;
        let mut expected_version: Option<u64> = None;
        let mut seen_expected_version = false;
        let mut body = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "command_id" => once(&mut command_id, "command_id", map.next_value()?)?,
                "actor" => once(&mut actor, "actor", map.next_value()?)?,
                "at" => once(&mut at, "at", map.next_value()?)?,
                "expected_version" => {
                    if seen_expected_version {
                        return Err(de::Error::duplicate_field("expected_version"));
                    }
                    seen_expected_version = true;
                    expected_version = map.next_value()?;
                }
                _ => {
                    let value: serde_json::Value = map.next_value()?;
                    if body.insert(key.clone(), value).is_some() {
                        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                }
            }
        }
        let command_id = command_id.ok_or_else(|| de::Error::missing_field("command_id"))?;
        let actor = actor.ok_or_else(|| de::Error::missing_field("actor"))?;
        let at = at.ok_or_else(|| de::Error::missing_field("at"))?;
        let body = C::deserialize(serde_json::Value::Object(body)).map_err(de::Error::custom)?;
        Ok(Command {
            command_id,
            actor,
            at,
            expected_version,
            body,
        })
    }
}

/// Sets an envelope field read from JSON, refusing a key given twice (a repeated key would
/// otherwise let the last one silently win).
fn once<T, E: de::Error>(slot: &mut Option<T>, field: &'static str, value: T) -> Result<(), E> {
    if slot.replace(value).is_some() {
        return Err(E::duplicate_field(field));
    }
    Ok(())
}
