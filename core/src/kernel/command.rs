//! The command envelope: id, actor, instant and optional expected version around a body.

use super::instant::{Read, Written};
use super::tagged::{Envelope, deserialize_enveloped, once, required, write_entry};
use super::{Actor, Error, Limit, Tagged};
use chrono::{DateTime, Utc};
use serde::de::{self, DeserializeOwned, MapAccess};
use serde::{Deserialize, Deserializer, Serialize};
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

impl<C: Tagged + DeserializeOwned> Command<C> {
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
        map.serialize_entry("at", &Written(&self.at))?;
        if let Some(v) = self.expected_version {
            map.serialize_entry("expected_version", &v)?;
        }
        for (k, v) in &fields {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, C: Tagged + DeserializeOwned> Deserialize<'de> for Command<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_enveloped::<D, CommandEnvelope<C>>(deserializer)
    }
}

/// The envelope's fields as they are read, around the body `C`.
struct CommandEnvelope<C> {
    command_id: Option<String>,
    actor: Option<Actor>,
    at: Option<DateTime<Utc>>,
    expected_version: Option<u64>,
    /// Whether `expected_version` was given (`null` included), so that a second one is refused.
    seen_expected_version: bool,
    body: PhantomData<C>,
}

impl<C> Default for CommandEnvelope<C> {
    fn default() -> Self {
        Self {
            command_id: None,
            actor: None,
            at: None,
            expected_version: None,
            seen_expected_version: false,
            body: PhantomData,
        }
    }
}

impl<C: Tagged + DeserializeOwned> Envelope for CommandEnvelope<C> {
    type Body = C;
    type Whole = Command<C>;
    const EXPECTING: &'static str = "a command object with command_id, actor, at and type";

    fn take<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "command_id" => once(&mut self.command_id, "command_id", map.next_value()?)?,
            "actor" => once(&mut self.actor, "actor", map.next_value()?)?,
            "at" => once(&mut self.at, "at", map.next_value::<Read>()?.0)?,
            "expected_version" => {
                if std::mem::replace(&mut self.seen_expected_version, true) {
                    return Err(de::Error::duplicate_field("expected_version"));
                }
                self.expected_version = map.next_value()?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn complete<E: de::Error>(&self) -> Result<(), E> {
        required(self.command_id.as_ref(), "command_id")?;
        required(self.actor.as_ref(), "actor")?;
        required(self.at.as_ref(), "at")?;
        Ok(())
    }

    fn finish<E: de::Error>(self, body: C) -> Result<Command<C>, E> {
        Ok(Command {
            command_id: required(self.command_id, "command_id")?,
            actor: required(self.actor, "actor")?,
            at: required(self.at, "at")?,
            expected_version: self.expected_version,
            body,
        })
    }

    fn write(&self, text: &mut String) -> Result<(), serde_json::Error> {
        if let Some(command_id) = &self.command_id {
            write_entry(text, "command_id", command_id)?;
        }
        if let Some(actor) = &self.actor {
            write_entry(text, "actor", actor)?;
        }
        if let Some(at) = &self.at {
            write_entry(text, "at", &Written(at))?;
        }
        if self.seen_expected_version {
            write_entry(text, "expected_version", &self.expected_version)?;
        }
        Ok(())
    }
}
