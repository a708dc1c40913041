//! The decider contract every workflow implements, and what a decision returns.

use super::definition::{
    CommandSpec, DeadlineSpec, RegionSpec, RoleSpec, TemplateSpec, TransitionSpec,
};
use super::{
    Actor, DeadlineKind, EffectName, Label, Rejection, RejectionCode, Snapshot, Tagged, Timer,
    TypeName, earliest,
};
use crate::calendar::BusinessCalendar;
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;

/// A workflow as a decider: `decide(state, command) -> events`, `evolve(state, event)`,
/// the deadlines a state holds, what happens when one fires, the read-only queries it
/// answers, and its definition as tables. [`Instance`](super::Instance) does everything
/// else, the same way for all.
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
    /// The queries and the roles allowed to ask each; the kernel enforces the roles.
    const QUERIES: &'static [CommandSpec];
    /// Every transition, as in the workflow's table in SPEC.md.
    const TRANSITIONS: &'static [TransitionSpec];
    /// The notification templates the workflow emits.
    const TEMPLATES: &'static [TemplateSpec];
    /// The reports over many instances and the roles allowed to run each (none for most
    /// workflows); the kernel enforces the roles.
    const REPORTS: &'static [CommandSpec];

    /// Tunable values (durations, limits), with the defaults of SPEC.md.
    type Config: Clone + Debug + Default + PartialEq + Send + Sync + Serialize + DeserializeOwned;
    /// The data an instance starts from (parties, ids).
    type Init: Clone + Debug + Serialize + DeserializeOwned;
    /// The state: everything the instance knows.
    type State: Clone + Debug + PartialEq + Send + Sync + Serialize + DeserializeOwned;
    /// The commands, as a JSON object tagged by `type`.
    type Command: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Tagged + TypeName;
    /// The events, as a JSON object tagged by `type`.
    type Event: Clone + Debug + PartialEq + Send + Sync + Serialize + DeserializeOwned + TypeName;
    /// The effects for the host, as a JSON object tagged by `kind`.
    type Effect: Clone
        + Debug
        + PartialEq
        + Send
        + Sync
        + Serialize
        + DeserializeOwned
        + Tagged
        + EffectName;
    /// The deadline kinds.
    type DeadlineKind: DeadlineKind;
    /// The read-only questions the workflow answers, as a JSON object tagged by `type`.
    type Query: Clone + Debug + PartialEq + Serialize + DeserializeOwned + TypeName;
    /// The answers to its queries.
    type Answer: Clone + Debug + PartialEq + Serialize;
    /// What one instance contributes to reports over many ([`row`](Self::row)); `()` for a
    /// workflow without reports.
    type Row: Clone + Debug + PartialEq + Serialize + DeserializeOwned;
    /// The reports over many instances, as a JSON object tagged by `type`
    /// ([`NoReport`](super::NoReport) for none).
    type Report: Clone + Debug + PartialEq + Serialize + DeserializeOwned + TypeName;
    /// What its reports give.
    type ReportAnswer: Clone + Debug + PartialEq + Serialize;

    /// Checks a configuration; the message says what is wrong.
    fn validate_config(config: &Self::Config) -> Result<(), String>;

    /// The business calendar the configuration counts business time on, for
    /// [`Context::after_business`]; `None` for a workflow that counts none.
    fn calendar(config: &Self::Config) -> Option<&BusinessCalendar> {
        let _ = config;
        None
    }

    /// The first state of a new instance.
    fn init(config: &Self::Config, init: Self::Init) -> Result<Self::State, Rejection>;

    /// Decides a command: the events (with their effects) it produces, or why not.
    /// The kernel has already checked the envelope (id, clock, version) and the role.
    fn decide(
        state: &Self::State,
        command: &Self::Command,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Rejection>;

    /// Folds one event, recorded at `at`, into the state. Events are facts, so this fails
    /// only for an event that does not fit the state (a crafted or corrupt log), and then
    /// leaves the state as it was.
    fn evolve(state: &mut Self::State, event: &Self::Event, at: DateTime<Utc>)
    -> Result<(), Unfit>;

    /// The pending deadlines of a state, in no particular order (an iterator of timers
    /// borrowing from the state, so finding the earliest, which the kernel does at every
    /// input, allocates nothing).
    fn deadlines(state: &Self::State) -> impl Iterator<Item = Timer<'_, Self::DeadlineKind>>;

    /// What happens when `timer` fires (`ctx.at` is its due instant, the actor `system`).
    /// Firing must make that deadline moot. Fails only for a state that does not hold it.
    fn on_deadline(
        state: &Self::State,
        timer: &Timer<'_, Self::DeadlineKind>,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Unfit>;

    /// The deadline kinds with their durations under `config`.
    fn deadline_specs(config: &Self::Config) -> Vec<DeadlineSpec>;

    /// Commands `actor` might issue now, with their targets filled in (free-text fields may
    /// be left empty); the kernel keeps those that [`decide`](Self::decide) accepts or
    /// refuses only with `validation_failed`, for `available_commands`.
    fn candidates(state: &Self::State, actor: &Actor) -> Vec<Self::Command>;

    /// Where the state stands: `(region, state id)` for each region of
    /// [`REGIONS`](Self::REGIONS) that has a state now — of the instance as a whole when
    /// `entity` is `None` (the regions that are not per entity), else of that entity.
    fn position(state: &Self::State, entity: Option<&str>) -> Vec<(&'static str, &'static str)>;

    /// The entities the state holds (leads, batches, orders), each with a position of its
    /// own; none by default.
    fn entities(state: &Self::State) -> impl Iterator<Item = &str> {
        let _ = state;
        std::iter::empty()
    }

    /// The entity an event concerns, if any: its position is in the outcome.
    fn touched(event: &Self::Event) -> Option<&str> {
        let _ = event;
        None
    }

    /// Answers a query, purely from the state. The kernel has already checked the role.
    fn query(
        state: &Self::State,
        query: &Self::Query,
        ctx: &Context<'_, Self>,
    ) -> Result<Self::Answer, Rejection>;

    /// The row an instance contributes to reports, from its snapshot.
    fn row(snapshot: &Snapshot<Self>) -> Self::Row;

    /// Runs a report over many rows, purely. The kernel has already checked the role and
    /// the configuration (see [`report`](super::report)); `ctx.instance_id` is empty.
    fn report(
        rows: &[Self::Row],
        report: &Self::Report,
        ctx: &Context<'_, Self>,
    ) -> Result<Self::ReportAnswer, Rejection>;

    /// The earliest pending deadline.
    fn next_timer(state: &Self::State) -> Option<Timer<'_, Self::DeadlineKind>> {
        earliest(Self::deadlines(state))
    }
}

/// Why an event or a deadline does not fit a state: only a crafted or corrupt log (or a
/// workflow bug) gets here; the kernel turns it into `corrupt_log` or `internal`.
///
/// ```
/// use quytrinh::kernel::Unfit;
/// assert_eq!(Unfit::new("no request R9").to_string(), "no request R9");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unfit(pub String);

impl Unfit {
    /// An unfit event or deadline, and why.
    ///
    /// ```
    /// # use quytrinh::kernel::Unfit;
    /// assert_eq!(Unfit::new("x").0, "x");
    /// ```
    pub fn new(why: impl Into<String>) -> Self {
        Self(why.into())
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

impl<'a, W: Workflow> Context<'a, W> {
    /// A context at `at`, for `actor`.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Context};
    /// use quytrinh::workflows::companion::{Companion, CompanionConfig};
    /// let (actor, config) = (Actor::system(), CompanionConfig::default());
    /// let ctx = Context::<Companion>::new("rel-1", "2026-11-23T09:00:00Z".parse().unwrap(), &actor, &config);
    /// assert_eq!(ctx.instance_id, "rel-1");
    /// ```
    pub fn new(
        instance_id: &'a str,
        at: DateTime<Utc>,
        actor: &'a Actor,
        config: &'a W::Config,
    ) -> Self {
        Self {
            instance_id,
            at,
            actor,
            config,
        }
    }
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

    /// `at` plus `seconds` of business time, counted on the instance's business calendar
    /// (working days, holidays and host overrides, per the calendar's counting); a
    /// rejection if the workflow counts no business time or the result is out of range.
    ///
    /// ```
    /// use quytrinh::kernel::{Actor, Context};
    /// use quytrinh::workflows::complaint::{Complaint, ComplaintConfig};
    /// let (actor, config) = (Actor::system(), ComplaintConfig::default());
    /// // Friday 2026-11-20 09:00 in Vietnam; 72 working hours are three working days:
    /// // Monday 23, (Tuesday 24 is Vietnam Culture Day) Wednesday 25, Thursday 26 at 09:00.
    /// let ctx = Context::<Complaint>::new("KN-1", "2026-11-20T02:00:00Z".parse().unwrap(), &actor, &config);
    /// let due = ctx.after_business(72 * 3600).unwrap();
    /// assert_eq!(due, "2026-11-26T02:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().unwrap());
    /// ```
    pub fn after_business(&self, seconds: i64) -> Result<DateTime<Utc>, Rejection> {
        let out_of_range = || {
            Rejection::new(
                RejectionCode::ValidationFailed,
                "at",
                "Thời điểm vượt quá phạm vi của lịch làm việc.",
                "The instant is out of the business calendar's range.",
            )
        };
        let calendar = W::calendar(self.config).ok_or_else(out_of_range)?;
        calendar
            .add(self.at, TimeDelta::seconds(seconds))
            .map_err(|_| out_of_range())
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
