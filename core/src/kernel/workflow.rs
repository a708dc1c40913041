//! The decider contract every workflow implements, and what a decision returns.

use super::definition::{
    CommandSpec, DeadlineSpec, RegionSpec, RoleSpec, TemplateSpec, TransitionSpec,
};
use super::{Actor, Deadline, EffectName, Label, Rejection, RejectionCode, TypeName, earliest};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;

/// A workflow as a decider: `decide(state, command) -> events`, `evolve(state, event)`,
/// the deadlines a state holds, what happens when one fires, and the workflow's definition
/// as tables. [`Instance`](super::Instance) does everything else, the same way for all.
///
/// Implementors are zero-sized marker types, e.g. [`Companion`](crate::workflows::companion::Companion).
pub trait Workflow: Clone + Debug + PartialEq + Send + Sync + 'static {
    /// The workflow's snake_case name, e.g. `companion`.
    const NAME: &'static str;
    /// The workflow's name in Vietnamese and English.
    const LABEL: Label;
    /// The roles that may issue commands.
    const ROLES: &'static [RoleSpec];
    /// The state regions (orthogonal parts of the state) and their states.
    const REGIONS: &'static [RegionSpec];
    /// The commands and the roles allowed to issue each; the kernel enforces the roles.
    const COMMANDS: &'static [CommandSpec];
    /// Every transition, as in the workflow's table in SPEC.md.
    const TRANSITIONS: &'static [TransitionSpec];
    /// The notification templates the workflow emits.
    const TEMPLATES: &'static [TemplateSpec];

    /// Tunable values (durations, limits), with the defaults of SPEC.md.
    type Config: Clone + Debug + Default + PartialEq + Send + Sync + Serialize + DeserializeOwned;
    /// The data an instance starts from (parties, ids).
    type Init: Clone + Debug + Serialize + DeserializeOwned;
    /// The state: everything the instance knows.
    type State: Clone + Debug + PartialEq + Send + Sync + Serialize + DeserializeOwned;
    /// The commands, as a JSON object tagged by `type`.
    type Command: Clone + Debug + PartialEq + Serialize + DeserializeOwned + TypeName;
    /// The events, as a JSON object tagged by `type`.
    type Event: Clone + Debug + PartialEq + Send + Sync + Serialize + DeserializeOwned + TypeName;
    /// The effects for the host, as a JSON object tagged by `kind`.
    type Effect: Clone + Debug + PartialEq + Send + Sync + Serialize + DeserializeOwned + EffectName;

    /// Checks a configuration; the message says what is wrong.
    fn validate_config(config: &Self::Config) -> Result<(), String>;

    /// The first state of a new instance.
    fn init(config: &Self::Config, init: Self::Init) -> Result<Self::State, Rejection>;

    /// Decides a command: the events (with their effects) it produces, or why not.
    /// The kernel has already checked the envelope (id, clock, version) and the role.
    fn decide(
        state: &Self::State,
        command: &Self::Command,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Rejection>;

    /// Folds one event, recorded at `at`, into the state. Never fails: events are facts.
    fn evolve(state: &mut Self::State, event: &Self::Event, at: DateTime<Utc>);

    /// The pending deadlines of a state, in no particular order (an iterator, so finding the
    /// earliest, which the kernel does at every input, allocates nothing).
    fn deadlines(state: &Self::State) -> impl Iterator<Item = Deadline>;

    /// What happens when `deadline` fires (`ctx.at` is its due instant, the actor `system`).
    /// Firing must make that deadline moot.
    fn on_deadline(
        state: &Self::State,
        deadline: &Deadline,
        ctx: &Context<'_, Self>,
    ) -> Decision<Self>;

    /// The deadline kinds with their durations under `config`.
    fn deadline_specs(config: &Self::Config) -> Vec<DeadlineSpec>;

    /// Commands `actor` might issue now, with their targets filled in (free-text fields may
    /// be left empty); the kernel keeps those that [`decide`](Self::decide) accepts or
    /// refuses only with `validation_failed`, for `available_commands`.
    fn candidates(state: &Self::State, actor: &Actor) -> Vec<Self::Command>;

    /// Where the state stands: `(region, state id)` for each region of
    /// [`REGIONS`](Self::REGIONS) that has a state now.
    fn position(state: &Self::State) -> Vec<(&'static str, &'static str)>;

    /// The earliest pending deadline.
    fn next_deadline(state: &Self::State) -> Option<Deadline> {
        earliest(Self::deadlines(state))
    }
}

/// What an input is decided against: the instance, the instant, the actor and the
/// configuration. Deadline handlers get `at` = the deadline's due instant.
pub struct Context<'a, W: Workflow> {
    /// The instance's id.
    pub instance_id: &'a str,
    /// The instant of the input (or of the firing deadline).
    pub at: DateTime<Utc>,
    /// Who acts (`system` for deadlines).
    pub actor: &'a Actor,
    /// The instance's configuration.
    pub config: &'a W::Config,
}

impl<W: Workflow> Context<'_, W> {
    /// `at` plus `seconds`, or `validation_failed` if that leaves the representable range.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Context};
    /// use quytrinh::workflows::companion::{Companion, CompanionConfig};
    /// let (actor, config) = (Actor::system(), CompanionConfig::default());
    /// let ctx = Context::<Companion> { instance_id: "rel-1", at: "2026-11-23T09:00:00Z".parse().unwrap(), actor: &actor, config: &config };
    /// assert_eq!(ctx.after_seconds(300).unwrap().to_rfc3339(), "2026-11-23T09:05:00+00:00");
    /// ```
    pub fn after_seconds(&self, seconds: u32) -> Result<DateTime<Utc>, Rejection> {
        self.at
            .checked_add_signed(TimeDelta::seconds(i64::from(seconds)))
            .ok_or_else(|| {
                Rejection::new(
                    RejectionCode::ValidationFailed,
                    "at",
                    "Thời điểm vượt quá phạm vi cho phép.",
                    "The instant is out of the representable range.",
                )
            })
    }
}

/// The events a decision produces, each with the effects it asks of the host.
///
/// ```
/// use quytrinh::kernel::Decision;
/// use quytrinh::workflows::companion::{Companion, CompanionEvent};
/// let d: Decision<Companion> = Decision::of(CompanionEvent::RequestWithdrawn { request_id: "R1".into() });
/// assert_eq!(d.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Decision<W: Workflow> {
    pub(crate) steps: Vec<(W::Event, Vec<W::Effect>)>,
}

impl<W: Workflow> Decision<W> {
    /// A decision of one event.
    ///
    /// ```
    /// use quytrinh::kernel::Decision;
    /// use quytrinh::workflows::companion::{Companion, CompanionEffect, CompanionEvent, Parties};
    /// let e = |id: &str| CompanionEvent::RequestWithdrawn { request_id: id.into() };
    /// let p = Parties { saco_id: "S".into(), customer_id: "K".into(), account: "A".into() };
    /// assert_eq!(Decision::<Companion>::of(e("R1")).len(), 1);
    /// ```
    pub fn of(event: W::Event) -> Self {
        Self {
            steps: vec![(event, Vec::new())],
        }
    }

    /// Adds another event after the previous ones.
    ///
    /// ```
    /// use quytrinh::kernel::Decision;
    /// use quytrinh::workflows::companion::{Companion, CompanionEffect, CompanionEvent, Parties};
    /// let e = |id: &str| CompanionEvent::RequestWithdrawn { request_id: id.into() };
    /// let p = Parties { saco_id: "S".into(), customer_id: "K".into(), account: "A".into() };
    /// assert_eq!(Decision::<Companion>::of(e("R1")).and(e("R2")).len(), 2);
    /// ```
    #[must_use]
    pub fn and(mut self, event: W::Event) -> Self {
        self.steps.push((event, Vec::new()));
        self
    }

    /// Attaches an effect to the last event.
    ///
    /// ```
    /// use quytrinh::kernel::Decision;
    /// use quytrinh::workflows::companion::{Companion, CompanionEffect, CompanionEvent, Parties};
    /// let e = |id: &str| CompanionEvent::RequestWithdrawn { request_id: id.into() };
    /// let p = Parties { saco_id: "S".into(), customer_id: "K".into(), account: "A".into() };
    /// let d: Decision<Companion> = Decision::of(e("R1")).effect(CompanionEffect::RestoreTradingRights(p));
    /// assert_eq!(d.len(), 1);
    /// ```
    #[must_use]
    pub fn effect(mut self, effect: W::Effect) -> Self {
        if let Some((_, effects)) = self.steps.last_mut() {
            effects.push(effect);
        }
        self
    }

    /// Attaches several effects to the last event.
    ///
    /// ```
    /// use quytrinh::kernel::Decision;
    /// use quytrinh::workflows::companion::{Companion, CompanionEffect, CompanionEvent, Parties};
    /// let e = |id: &str| CompanionEvent::RequestWithdrawn { request_id: id.into() };
    /// let p = Parties { saco_id: "S".into(), customer_id: "K".into(), account: "A".into() };
    /// let d: Decision<Companion> = Decision::of(e("R1")).effects([CompanionEffect::RestoreTradingRights(p)]);
    /// assert!(!d.is_empty());
    /// ```
    #[must_use]
    pub fn effects(mut self, more: impl IntoIterator<Item = W::Effect>) -> Self {
        if let Some((_, effects)) = self.steps.last_mut() {
            effects.extend(more);
        }
        self
    }

    /// The number of events.
    ///
    /// ```
    /// use quytrinh::kernel::Decision;
    /// use quytrinh::workflows::companion::{Companion, CompanionEffect, CompanionEvent, Parties};
    /// let e = |id: &str| CompanionEvent::RequestWithdrawn { request_id: id.into() };
    /// let p = Parties { saco_id: "S".into(), customer_id: "K".into(), account: "A".into() };
    /// assert_eq!(Decision::<Companion>::of(e("R1")).len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there is no event (never, for a decision built with [`of`](Self::of)).
    ///
    /// ```
    /// use quytrinh::kernel::Decision;
    /// use quytrinh::workflows::companion::{Companion, CompanionEffect, CompanionEvent, Parties};
    /// let e = |id: &str| CompanionEvent::RequestWithdrawn { request_id: id.into() };
    /// let p = Parties { saco_id: "S".into(), customer_id: "K".into(), account: "A".into() };
    /// assert!(!Decision::<Companion>::of(e("R1")).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}
