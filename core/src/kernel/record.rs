//! What an accepted input leaves behind: recorded events with their effects, and the
//! outcome returned to the host.

use super::{Actor, Deadline, EffectName, Keyed, TypeName, Workflow};
use chrono::{DateTime, Utc};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;

/// One event in the log, with the effects it asked of the host.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound = "")]
pub struct Record<W: Workflow> {
    /// The instance's version after this event (1 for the first event).
    pub version: u64,
    /// When it happened: the command's `at`, or a deadline's due instant.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
    /// The command whose input recorded it (deadlines fired before that command carry its
    /// id too); `None` for events recorded by a tick.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command_id: Option<String>,
    /// Who acted (`system` for deadlines).
    pub actor: Actor,
    /// The command `type` or the deadline `kind` that caused it.
    pub trigger: Cow<'static, str>,
    /// The event.
    pub event: W::Event,
    /// The effects, with their idempotency keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Keyed<W::Effect>>,
}

impl<W: Workflow> Record<W> {
    /// The event's `type`.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    ///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// let out = rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(out.events[0].event_name(), "request_staged");
    /// ```
    pub fn event_name(&self) -> &'static str {
        self.event.name()
    }

    /// The short names of its effects (see [`EffectName`]).
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    ///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// let out = rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(out.events[0].effect_names().collect::<Vec<_>>(), ["send_otp"]);
    /// ```
    pub fn effect_names(&self) -> impl Iterator<Item = String> + '_ {
        self.effects.iter().map(|k| k.effect.short_name())
    }
}

/// The result of an accepted input. Its events are borrowed from the instance's log, so
/// returning an outcome copies nothing.
///
/// In JSON: `duplicate`, `version`, `events` (the records appended, whole, as the event log
/// holds them: a host appends them to its own log), `effects` (every effect of those
/// records, in order, for the host's outbox), `position` and `next_deadline`.
///
/// ```
/// use quytrinh::kernel::{Actor, Command, Instance, Settings};
/// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
/// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
/// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
/// let out = rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {})).unwrap();
/// let json = serde_json::to_value(&out).unwrap();
/// assert_eq!(json["effects"][0]["kind"], "send_otp");
/// assert_eq!(json["effects"][0]["key"], "rel-1:1:0");
/// assert_eq!(json["events"][0]["effects"], json["effects"]); // the records are whole
/// assert_eq!(json["position"]["relationship"], "active");
/// ```
#[derive(Debug, PartialEq)]
pub struct Outcome<'a, W: Workflow> {
    /// `true` when the command id had already been accepted: nothing changed. `version` is
    /// then the version the original command left the instance at, `events` its original
    /// records (empty if the instance was restored from a later snapshot: the host's outbox
    /// already holds their effects), `positions` empty (nothing moved now) and
    /// `next_deadline` the pending one now, like every outcome's.
    pub duplicate: bool,
    /// The instance's version after the input.
    pub version: u64,
    /// The events appended, deadlines first, in order.
    pub events: &'a [Record<W>],
    /// Where the instance stands after the input: the regions of the instance as a whole
    /// and of every entity the input's events concern (empty when nothing was recorded).
    /// The whole state and every entity's position are read on request, so an outcome
    /// does not grow with the instance's history. In JSON: `position`, one object
    /// `{"region": state, "region:entity": state}` (see [`positions_json`](super::positions_json)).
    pub positions: Vec<super::Position>,
    /// The earliest pending deadline now.
    pub next_deadline: Option<Deadline>,
}

impl<'a, W: Workflow> Outcome<'a, W> {
    /// The outcome, to be written in `form`.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command, Instance, OutcomeForm, Settings};
    /// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    ///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// let out = rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {})).unwrap();
    /// let text = serde_json::to_string(&out.in_form(OutcomeForm::RecordsOnly)).unwrap();
    /// assert!(text.starts_with(r#"{"duplicate":false,"version":1,"events":[{"#));
    /// ```
    pub fn in_form(&self, form: OutcomeForm) -> InForm<'_, 'a, W> {
        InForm {
            outcome: self,
            form,
        }
    }

    /// Every effect of the outcome, in order.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    ///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// let out = rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(out.effects().next().unwrap().key, "rel-1:1:0");
    /// ```
    pub fn effects(&self) -> impl Iterator<Item = &'a Keyed<W::Effect>> + use<'a, W> {
        self.events.iter().flat_map(|r| r.effects.iter())
    }

    /// The `type` of every event, in order.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    ///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// let out = rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(out.event_names(), ["request_staged"]);
    /// ```
    pub fn event_names(&self) -> Vec<&'static str> {
        self.events.iter().map(Record::event_name).collect()
    }

    /// The short name of every effect, in order.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    ///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// let out = rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(out.effect_names(), ["send_otp"]);
    /// ```
    pub fn effect_names(&self) -> Vec<String> {
        self.effects().map(|k| k.effect.short_name()).collect()
    }
}

impl<W: Workflow> Outcome<'_, W> {
    /// An owned copy of the outcome (its events cloned out of the instance's log), to keep
    /// after the next call on the instance: an [`Outcome`] borrows the instance, so
    /// another `handle` or `tick` while it is alive does not compile.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command, Instance, OwnedOutcome, Settings};
    /// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    ///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// let saco = Actor::new("saco", "SACO-1");
    /// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// let first: OwnedOutcome<Companion> =
    ///     rel.handle(&Command::new("c1", saco.clone(), at, CompanionCommand::RequestUnlink {})).unwrap().into_owned();
    /// // The instance is free again: a retry of c1 is a duplicate of the first outcome.
    /// let retry = rel.handle(&Command::new("c1", saco, at, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert!(retry.duplicate);
    /// assert_eq!(first.as_outcome().event_names(), ["request_staged"]);
    /// assert_eq!(first.version, retry.version);
    /// ```
    pub fn into_owned(self) -> OwnedOutcome<W> {
        OwnedOutcome {
            duplicate: self.duplicate,
            version: self.version,
            events: self.events.to_vec(),
            positions: self.positions,
            next_deadline: self.next_deadline,
        }
    }
}

/// An [`Outcome`] that owns its events: made by [`Outcome::into_owned`], kept for as long
/// as the host likes while the instance handles more inputs. Its JSON is the outcome's.
///
/// ```
/// use quytrinh::kernel::{Actor, Command, Instance, Settings};
/// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
/// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
/// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
/// let cmd = Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {});
/// let owned = rel.handle(&cmd).unwrap().into_owned();
/// let borrowed = serde_json::to_value(rel.handle(&cmd).unwrap()).unwrap();
/// assert_eq!(serde_json::to_value(&owned).unwrap()["events"], borrowed["events"]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct OwnedOutcome<W: Workflow> {
    /// As [`Outcome::duplicate`].
    pub duplicate: bool,
    /// As [`Outcome::version`].
    pub version: u64,
    /// As [`Outcome::events`], owned.
    pub events: Vec<Record<W>>,
    /// As [`Outcome::positions`].
    pub positions: Vec<super::Position>,
    /// As [`Outcome::next_deadline`].
    pub next_deadline: Option<Deadline>,
}

impl<W: Workflow> OwnedOutcome<W> {
    /// The outcome borrowed from this copy, for [`Outcome`]'s readers
    /// ([`effects`](Outcome::effects), [`event_names`](Outcome::event_names), …).
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    ///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// let cmd = Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {});
    /// let owned = rel.handle(&cmd).unwrap().into_owned();
    /// assert_eq!(owned.as_outcome().effect_names(), ["send_otp"]);
    /// ```
    pub fn as_outcome(&self) -> Outcome<'_, W> {
        Outcome {
            duplicate: self.duplicate,
            version: self.version,
            events: &self.events,
            positions: self.positions.clone(),
            next_deadline: self.next_deadline.clone(),
        }
    }
}

impl<W: Workflow> Serialize for OwnedOutcome<W> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_outcome().serialize(serializer)
    }
}

/// A command the instance remembers, so a retry returns the original outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecentCommand {
    /// The command id.
    pub command_id: String,
    /// The version of its first record.
    pub first_version: u64,
    /// The version of its last record.
    pub last_version: u64,
}

/// Which lists an outcome's JSON carries. The records always carry their effects; the
/// top-level `effects` list repeats them for a host's outbox.
///
/// ```
/// use quytrinh::kernel::{Actor, Command, Instance, OutcomeForm, Settings};
/// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
/// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
/// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
/// let out = rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {})).unwrap();
/// let lean = serde_json::to_value(out.in_form(OutcomeForm::RecordsOnly)).unwrap();
/// assert!(lean.get("effects").is_none());
/// assert_eq!(lean["events"][0]["effects"][0]["kind"], "send_otp");
/// assert_eq!(serde_json::to_value(out.in_form(OutcomeForm::Whole)).unwrap(), serde_json::to_value(&out).unwrap());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutcomeForm {
    /// Every field, the top-level `effects` included: what the C ABI, UniFFI, the HTTP desk
    /// and `serde` give.
    #[default]
    Whole,
    /// Without the top-level `effects`, for a binding that rebuilds the list from the records
    /// on its own side (the JS package does), so that each effect crosses the boundary once.
    RecordsOnly,
}

/// An outcome written in a chosen [`OutcomeForm`] (see [`Outcome::in_form`]).
///
/// ```
/// use quytrinh::kernel::{Actor, Command, InForm, Instance, OutcomeForm, Settings};
/// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
/// let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
/// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
/// let out = rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {})).unwrap();
/// let lean: InForm<'_, '_, Companion> = out.in_form(OutcomeForm::RecordsOnly);
/// let json = serde_json::to_value(&lean).unwrap();
/// assert_eq!(json.as_object().unwrap().len(), 5); // no top-level `effects`
/// assert_eq!(json["events"][0]["effects"][0]["key"], "rel-1:1:0");
/// ```
pub struct InForm<'o, 'a, W: Workflow> {
    outcome: &'o Outcome<'a, W>,
    form: OutcomeForm,
}

impl<W: Workflow> Serialize for Outcome<'_, W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.in_form(OutcomeForm::Whole).serialize(serializer)
    }
}

impl<W: Workflow> Serialize for InForm<'_, '_, W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let whole = self.form == OutcomeForm::Whole;
        let outcome = self.outcome;
        let mut map = serializer.serialize_struct("Outcome", if whole { 6 } else { 5 })?;
        map.serialize_field("duplicate", &outcome.duplicate)?;
        map.serialize_field("version", &outcome.version)?;
        map.serialize_field("events", outcome.events)?;
        if whole {
            map.serialize_field("effects", &Effects(outcome.events))?;
        }
        map.serialize_field(
            "position",
            &super::position::PositionsObject(&outcome.positions),
        )?;
        map.serialize_field("next_deadline", &outcome.next_deadline)?;
        map.end()
    }
}

/// Every effect of some records, in order, as one JSON array.
struct Effects<'a, W: Workflow>(&'a [Record<W>]);

impl<W: Workflow> Serialize for Effects<'_, W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|r| r.effects.iter()))
    }
}
