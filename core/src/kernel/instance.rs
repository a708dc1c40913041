//! The one generic instance type: it runs any [`Workflow`] and gives each the same
//! envelope, clock, deadline, idempotency, persistence and introspection rules.

use super::persistence::read_versioned;
use super::{
    Actor, Command, Context, Deadline, DeadlineKind, Decision, Definition, Error, EventLog, Keyed,
    Label, MAX_COMMAND_ID_CHARS, MAX_VERSION, Outcome, Position, RecentCommand, Record, Rejection,
    RejectionCode, SCHEMA_VERSION, Settings, Snapshot, Timer, TypeName, Unfit, Workflow,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::VecDeque;

/// A running instance of workflow `W`: its current snapshot and the records since the
/// snapshot its log starts from.
///
/// Every input goes through the same steps: a repeated `command_id` returns the original
/// outcome; then the id's length, the `system` role, the clock (`clock_went_backwards`), the
/// `expected_version` (`version_conflict`, against the version the host could have seen,
/// before deadlines fire) and the role (`not_permitted`) are checked; deadlines due at or
/// before `at` fire in due order, each at its own instant; then the workflow decides. A
/// rejection changes nothing at all, not even the deadlines that fired on the way: they
/// fire again, identically, at the next input.
///
/// The instance's clock is the instant of its last recorded event: a tick that fires
/// nothing records nothing and does not move it.
///
/// ```
/// use quytrinh::kernel::{Actor, Command, Instance, Settings};
/// use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionInit};
///
/// let init = CompanionInit::active("SACO-1", "KH-1", "0001234567");
/// let mut rel = Instance::<Companion>::create("rel-1", Default::default(), Settings::default(), init).unwrap();
/// let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
/// let cmd = Command::new("c1", Actor::new("customer", "KH-1"), at, CompanionCommand::RequestUnlink {});
/// let first = rel.handle(&cmd).unwrap().events.to_vec();
/// let again = rel.handle(&cmd).unwrap();
/// assert!(again.duplicate);
/// assert_eq!(first, again.events);
/// assert_eq!(rel.version(), 1);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Instance<W: Workflow> {
    current: Snapshot<W>,
    /// The snapshot the log starts from, as JSON text (kept as text: it is only read back
    /// when the log is written, so restoring an instance copies no state).
    base: String,
    records: Vec<Record<W>>,
}

/// A command an actor may issue now, with its target filled in: what a UI turns into a
/// button.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(bound = "")]
pub struct Available<W: Workflow> {
    /// The command's name (its `type` in a command), `name` in JSON as in every binding.
    pub name: &'static str,
    /// Its label.
    pub label: Label,
    /// The command body, ready to send (free-text fields are left for the user to fill).
    pub command: W::Command,
}

/// The most deadlines one input may fire. A host that was down for years catches up well
/// within it; a workflow that keeps re-arming a due deadline hits it and gets an
/// `internal` error instead of a hang.
pub const MAX_FIRINGS_PER_INPUT: usize = 10_000;

/// A deadline being fired: owned, since firing changes the state it was read from.
struct Firing<K> {
    kind: K,
    target: Option<String>,
    due: DateTime<Utc>,
    basis: super::Basis,
}

impl<K: DeadlineKind> Firing<K> {
    fn of(timer: &Timer<'_, K>) -> Self {
        Self {
            kind: timer.kind,
            target: timer.target.map(str::to_owned),
            due: timer.due,
            basis: timer.basis,
        }
    }

    fn timer(&self) -> Timer<'_, K> {
        Timer {
            kind: self.kind,
            target: self.target.as_deref(),
            due: self.due,
            basis: self.basis,
        }
    }
}

/// Events appended while an input is being decided, not yet part of the instance.
struct Staged<W: Workflow> {
    /// The state after the deadlines that fired, when any did.
    state: Option<W::State>,
    version: u64,
    records: Vec<Record<W>>,
}

impl<W: Workflow> Instance<W> {
    /// A new instance at version 0.
    ///
    /// ```
    /// use quytrinh::kernel::{Instance, Settings};
    /// use quytrinh::workflows::companion::{Companion, CompanionConfig, CompanionInit};
    /// let rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    ///     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// assert_eq!((rel.id(), rel.version(), rel.last_at()), ("rel-1", 0, None));
    /// let bad = CompanionConfig { otp_max_failures: 0, ..CompanionConfig::default() };
    /// assert!(Instance::<Companion>::create("x", bad, Settings::default(), CompanionInit::active("S", "K", "A")).is_err());
    /// ```
    pub fn create(
        instance_id: impl Into<String>,
        config: W::Config,
        settings: Settings,
        init: W::Init,
    ) -> Result<Self, Error> {
        settings.validate().map_err(Error::InvalidConfig)?;
        W::validate_config(&config).map_err(Error::InvalidConfig)?;
        let state = W::init(&config, init)?;
        let snapshot = Snapshot {
            schema_version: SCHEMA_VERSION,
            workflow: W::NAME.to_owned(),
            instance_id: instance_id.into(),
            settings,
            config,
            version: 0,
            last_at: None,
            state,
            recent_commands: VecDeque::new(),
        };
        Ok(Self::starting_at(snapshot))
    }

    /// An instance from a snapshot; its event log starts there.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// let again = Instance::<Companion>::restore(rel.snapshot().clone()).unwrap();
    /// assert_eq!(again.snapshot_json(), rel.snapshot_json());
    /// ```
    pub fn restore(snapshot: Snapshot<W>) -> Result<Self, Error> {
        check_snapshot(&snapshot)?;
        Ok(Self::starting_at(snapshot))
    }

    /// An instance from snapshot JSON (see [`snapshot_json`](Self::snapshot_json)); its
    /// event log starts from that document, kept as given.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// let again = Instance::<Companion>::from_snapshot_json(&rel.snapshot_json()).unwrap();
    /// assert_eq!(again.state(), rel.state());
    /// assert_eq!(Instance::<Companion>::from_snapshot_json("{}").unwrap_err().code(), "invalid_json");
    /// ```
    pub fn from_snapshot_json(json: &str) -> Result<Self, Error> {
        let (snapshot, migrated) = read_versioned::<Snapshot<W>>(json, |s| s.schema_version)?;
        check_snapshot(&snapshot)?;
        if migrated {
            // A migrated document: the log starts from it as this version writes it.
            Ok(Self::starting_at(snapshot))
        } else {
            Ok(Self {
                current: snapshot,
                base: json.to_owned(),
                records: Vec::new(),
            })
        }
    }

    fn starting_at(snapshot: Snapshot<W>) -> Self {
        Self {
            base: super::to_json(&snapshot).expect("a snapshot always serializes"),
            current: snapshot,
            records: Vec::new(),
        }
    }

    /// An instance rebuilt by folding an event log onto its base snapshot.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// let log = serde_json::from_str(&rel.event_log_json()).unwrap();
    /// assert_eq!(Instance::<Companion>::replay(log).unwrap().snapshot_json(), rel.snapshot_json());
    /// ```
    pub fn replay(log: EventLog<W>) -> Result<Self, Error> {
        if log.schema_version != SCHEMA_VERSION {
            return Err(Error::UnsupportedSchema {
                found: log.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        if log.workflow != W::NAME {
            return Err(wrong_workflow::<W>(&log.workflow));
        }
        let mut instance = Self::restore(log.base)?;
        let mut group: Option<RecentCommand> = None;
        for record in log.records {
            let expected = instance.current.version.saturating_add(1);
            if record.version != expected || record.version > MAX_VERSION {
                return Err(Error::CorruptLog(format!(
                    "record version {} where {expected} was expected",
                    record.version
                )));
            }
            if instance
                .current
                .last_at
                .is_some_and(|last| record.at < last)
            {
                return Err(Error::CorruptLog(format!(
                    "record {} goes back in time",
                    record.version
                )));
            }
            W::evolve(&mut instance.current.state, &record.event, record.at).map_err(|e| {
                Error::CorruptLog(format!(
                    "record {} (`{}`) does not fit the state: {e}",
                    record.version,
                    record.event_name()
                ))
            })?;
            instance.current.version = record.version;
            instance.current.last_at = Some(record.at);
            group = match (group, &record.command_id) {
                (Some(mut g), Some(id)) if g.command_id == *id => {
                    g.last_version = record.version;
                    Some(g)
                }
                (previous, id) => {
                    if let Some(done) = previous {
                        instance.remember(done);
                    }
                    id.as_ref().map(|id| RecentCommand {
                        command_id: id.clone(),
                        first_version: record.version,
                        last_version: record.version,
                    })
                }
            };
            instance.records.push(record);
        }
        if let Some(done) = group {
            instance.remember(done);
        }
        Ok(instance)
    }

    /// An instance from event-log JSON (see [`event_log_json`](Self::event_log_json)).
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// let replayed = Instance::<Companion>::from_log_json(&rel.event_log_json()).unwrap();
    /// assert_eq!(replayed.snapshot_json(), rel.snapshot_json());
    /// ```
    pub fn from_log_json(json: &str) -> Result<Self, Error> {
        Self::replay(read_versioned::<EventLog<W>>(json, |l| l.schema_version)?.0)
    }

    /// Decides a command and, if it is accepted, appends its events.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// let later = "2026-11-23T09:01:00+07:00".parse().unwrap();
    /// let out = rel.handle(&Command::new("c2", Actor::new("saco", "SACO-1"), later,
    ///     CompanionCommand::OtpVerified { challenge_id: "R1-otp1".into() })).unwrap();
    /// assert_eq!(out.event_names(), ["request_submitted"]);
    /// let err = rel.handle(&Command::new("c3", Actor::new("customer", "KH-1"), later,
    ///     CompanionCommand::Withdraw { request_id: "R1".into() })).unwrap_err();
    /// assert_eq!(err.code(), "not_permitted");
    /// ```
    pub fn handle(&mut self, command: &Command<W::Command>) -> Result<Outcome<'_, W>, Error> {
        if let Some(seen) = self.recent(&command.command_id) {
            return Ok(self.duplicate_outcome(seen));
        }
        let chars = command.command_id.chars().count();
        if chars == 0 || chars > MAX_COMMAND_ID_CHARS {
            return Err(Rejection::invalid_field(
                "command_id",
                format!("Mã lệnh phải có 1–{MAX_COMMAND_ID_CHARS} ký tự."),
                format!("The command id must have 1 to {MAX_COMMAND_ID_CHARS} characters."),
            )
            .into());
        }
        self.check_clock(command.at)?;
        if let Some(expected) = command.expected_version
            && expected != self.current.version
        {
            return Err(Rejection::new(
                RejectionCode::VersionConflict,
                "expected_version",
                format!(
                    "Phiên bản mong đợi {expected} khác phiên bản hiện tại {}.",
                    self.current.version
                ),
                format!(
                    "Expected version {expected}, but the instance is at {}.",
                    self.current.version
                ),
            )
            .into());
        }
        check_role::<W>(&command.actor, command.body.name())?;
        let mut staged = self.fire_due(command.at, Some(&command.command_id))?;
        let decision = {
            let state = staged.state.as_ref().unwrap_or(&self.current.state);
            W::decide(
                state,
                &command.body,
                &self.context(command.at, &command.actor),
            )?
        };
        let input = Input {
            instance_id: &self.current.instance_id,
            at: command.at,
            actor: &command.actor,
            trigger: command.body.name(),
            command_id: Some(&command.command_id),
        };
        if let Some(mut state) = staged.state.take() {
            // Deadlines fired on a copy: the command is staged on it too, and the copy
            // replaces the state only once everything is staged.
            stage(&input, &mut state, &mut staged, decision)?;
            self.current.state = state;
        } else if let Err(e) = stage(&input, &mut self.current.state, &mut staged, decision) {
            // No copy was made (copying would cost as much as the state is large): a
            // workflow bug half-way through puts the state back by replaying the log.
            self.rebuild_state();
            return Err(e);
        }
        self.remember(RecentCommand {
            command_id: command.command_id.clone(),
            first_version: self.current.version + 1,
            last_version: staged.version,
        });
        Ok(self.commit(staged))
    }

    /// Time has reached `at`: fires every deadline due at or before it, in due order.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// // Nobody enters the OTP: five minutes later the staged request is abandoned.
    /// let out = rel.tick("2026-11-23T10:00:00+07:00".parse().unwrap()).unwrap();
    /// assert_eq!(out.event_names(), ["request_abandoned"]);
    /// assert_eq!(out.events[0].at, "2026-11-23T09:05:00+07:00".parse::<chrono::DateTime<chrono::Utc>>().unwrap());
    /// ```
    pub fn tick(&mut self, at: DateTime<Utc>) -> Result<Outcome<'_, W>, Error> {
        self.check_clock(at)?;
        let mut staged = self.fire_due(at, None)?;
        if let Some(state) = staged.state.take() {
            self.current.state = state;
        }
        Ok(self.commit(staged))
    }

    /// The commands `actor` may issue at `at` (after the deadlines due by then), for a UI:
    /// the workflow's candidates that its role allows and that `decide` accepts or refuses
    /// only for their fields (`validation_failed`: the user has yet to fill them in).
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// let names = |who| rel.available_commands(&who, t0).unwrap().iter().map(|a| a.name).collect::<Vec<_>>();
    /// assert_eq!(names(Actor::new("saco", "SACO-1")), ["otp_verified", "otp_failed"]);
    /// assert!(names(Actor::new("customer", "KH-1")).is_empty()); // a staged request is invisible
    /// ```
    pub fn available_commands(
        &self,
        actor: &Actor,
        at: DateTime<Utc>,
    ) -> Result<Vec<Available<W>>, Error> {
        self.check_clock(at)?;
        let staged = self.fire_due(at, None)?;
        let state = staged.state.as_ref().unwrap_or(&self.current.state);
        let ctx = self.context(at, actor);
        Ok(W::candidates(state, actor)
            .into_iter()
            .filter(|c| check_role::<W>(actor, c.name()).is_ok())
            .filter(|c| match W::decide(state, c, &ctx) {
                Ok(_) => true,
                // Only the fields are at fault: the button is available, the user fills them.
                Err(r) => r.code == RejectionCode::ValidationFailed,
            })
            .map(|command| Available {
                name: command.name(),
                label: command_label::<W>(command.name()),
                command,
            })
            .collect())
    }

    /// The instance's id.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(rel.id(), "rel-1");
    /// ```
    pub fn id(&self) -> &str {
        &self.current.instance_id
    }

    /// The number of events recorded so far.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(rel.version(), 1);
    /// ```
    pub fn version(&self) -> u64 {
        self.current.version
    }

    /// The instant of the last recorded event.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(rel.last_at(), Some(t0));
    /// ```
    pub fn last_at(&self) -> Option<DateTime<Utc>> {
        self.current.last_at
    }

    /// The workflow's state.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(rel.state().requests[0].id, "R1");
    /// ```
    pub fn state(&self) -> &W::State {
        &self.current.state
    }

    /// The workflow's configuration.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(rel.config().otp_lifetime_seconds, 300);
    /// ```
    pub fn config(&self) -> &W::Config {
        &self.current.config
    }

    /// The current snapshot.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(rel.snapshot().recent_commands[0].command_id, "c1");
    /// ```
    pub fn snapshot(&self) -> &Snapshot<W> {
        &self.current
    }

    /// The current snapshot as JSON.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert!(rel.snapshot_json().starts_with(r#"{"schema_version":3,"workflow":"companion""#));
    /// ```
    ///
    /// # Panics
    ///
    /// Never: every type in a snapshot serializes to JSON.
    pub fn snapshot_json(&self) -> String {
        super::to_json(&self.current).expect("a snapshot always serializes")
    }

    /// The records held since the log's base snapshot.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(rel.records()[0].effects[0].key, "rel-1:1:0");
    /// ```
    pub fn records(&self) -> &[Record<W>] {
        &self.records
    }

    /// The event log (base snapshot and records) as JSON.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// let log: serde_json::Value = serde_json::from_str(&rel.event_log_json()).unwrap();
    /// assert_eq!(log["base"]["version"], 0);
    /// assert_eq!(log["records"][0]["event"]["type"], "request_staged");
    /// ```
    ///
    /// # Panics
    ///
    /// Never: every type in a record serializes to JSON.
    pub fn event_log_json(&self) -> String {
        let records = super::to_json(&self.records).expect("records always serialize");
        format!(
            "{{\"schema_version\":{SCHEMA_VERSION},\"workflow\":\"{}\",\"base\":{},\"records\":{records}}}",
            W::NAME,
            self.base
        )
    }

    /// The pending deadlines, earliest first.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(rel.deadlines()[0].kind, "otp_expiry");
    /// ```
    pub fn deadlines(&self) -> Vec<Deadline> {
        let mut all: Vec<Deadline> = W::deadlines(&self.current.state)
            .map(|t| t.to_deadline())
            .collect();
        all.sort_by_key(|d| d.due);
        all
    }

    /// The earliest pending deadline.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// let next = rel.next_deadline().unwrap();
    /// assert_eq!(next.due, "2026-11-23T09:05:00+07:00".parse::<chrono::DateTime<chrono::Utc>>().unwrap());
    /// ```
    pub fn next_deadline(&self) -> Option<Deadline> {
        W::next_timer(&self.current.state).map(|t| t.to_deadline())
    }

    /// Where the state stands: `(region, state id)` for each region.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// let at: Vec<_> = rel.position().into_iter().map(|p| (p.region, p.state)).collect();
    /// assert_eq!(at, [("relationship", "active"), ("request", "awaiting_otp")]);
    /// ```
    pub fn position(&self) -> Vec<Position> {
        let state = &self.current.state;
        let mut all = whole::<W>(state);
        for entity in W::entities(state) {
            all.extend(of_entity::<W>(state, entity));
        }
        all
    }

    /// Answers a read-only query for `actor` at `at` (after the deadlines due by then, on
    /// a copy: nothing changes). The role must be one the query's definition allows.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit, CompanionQuery, CompanionAnswer};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// let answer = rel.query(&Actor::new("saco", "SACO-1"), t0, &CompanionQuery::Requests {}).unwrap();
    /// let CompanionAnswer::Requests { requests } = answer;
    /// assert_eq!(requests[0].id, "R1");
    /// ```
    pub fn query(
        &self,
        actor: &Actor,
        at: DateTime<Utc>,
        query: &W::Query,
    ) -> Result<W::Answer, Error> {
        check_query_role::<W>(actor, query.name())?;
        self.check_clock(at)?;
        let staged = self.fire_due(at, None)?;
        let state = staged.state.as_ref().unwrap_or(&self.current.state);
        Ok(W::query(state, query, &self.context(at, actor))?)
    }

    /// The row this instance contributes to the workflow's reports over many instances
    /// (see [`report`](super::report)).
    ///
    /// ```
    /// # use quytrinh::kernel::{Instance, Settings};
    /// # use quytrinh::workflows::complaint::{Complaint, ComplaintInit};
    /// let case = Instance::<Complaint>::create("KN-1", Default::default(), Settings::default(),
    ///     ComplaintInit::new("KN-1")).unwrap();
    /// assert_eq!(case.row().instance_id, "KN-1");
    /// ```
    pub fn row(&self) -> W::Row {
        W::row(&self.current)
    }

    /// Folds every record but the last `keep` into the log's base snapshot: the event log
    /// becomes that snapshot and the records after it, and replays to the same instance.
    /// A host calls it to keep stored logs short.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// rel.compact(0).unwrap();
    /// assert!(rel.records().is_empty());
    /// assert_eq!(Instance::<Companion>::from_log_json(&rel.event_log_json()).unwrap().snapshot_json(), rel.snapshot_json());
    /// ```
    pub fn compact(&mut self, keep: usize) -> Result<(), Error> {
        let fold = self.records.len().saturating_sub(keep);
        if fold == 0 {
            return Ok(());
        }
        let (base, _) = read_versioned::<Snapshot<W>>(&self.base, |s| s.schema_version)?;
        let log = EventLog {
            schema_version: SCHEMA_VERSION,
            workflow: W::NAME.to_owned(),
            base,
            records: self.records[..fold].to_vec(),
        };
        let folded = Self::replay(log)?;
        self.base = folded.snapshot_json();
        self.records.drain(..fold);
        Ok(())
    }

    /// The workflow's definition under this instance's configuration.
    ///
    /// ```
    /// # use quytrinh::kernel::{Actor, Command, Instance, Settings};
    /// # use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionConfig, CompanionInit};
    /// # let mut rel = Instance::<Companion>::create("rel-1", CompanionConfig::default(), Settings::default(),
    /// #     CompanionInit::active("SACO-1", "KH-1", "0001234567")).unwrap();
    /// # let t0 = "2026-11-23T09:00:00+07:00".parse().unwrap();
    /// # rel.handle(&Command::new("c1", Actor::new("saco", "SACO-1"), t0, CompanionCommand::RequestUnlink {})).unwrap();
    /// assert_eq!(rel.definition().deadlines[0].seconds, 300);
    /// ```
    pub fn definition(&self) -> Definition {
        Definition::of::<W>(&self.current.config)
    }

    fn context<'a>(&'a self, at: DateTime<Utc>, actor: &'a Actor) -> Context<'a, W> {
        Context::new(&self.current.instance_id, at, actor, &self.current.config)
    }

    fn check_clock(&self, at: DateTime<Utc>) -> Result<(), Error> {
        match self.current.last_at {
            Some(last) if at < last => Err(Rejection::new(
                RejectionCode::ClockWentBackwards,
                "at",
                format!("Thời điểm {at} sớm hơn sự kiện cuối cùng ({last})."),
                format!("The instant {at} is earlier than the last event ({last})."),
            )
            .into()),
            _ => Ok(()),
        }
    }

    /// Fires, on a copy of the state, every deadline due at or before `at` (at most
    /// [`MAX_FIRINGS_PER_INPUT`]).
    fn fire_due(&self, at: DateTime<Utc>, command_id: Option<&str>) -> Result<Staged<W>, Error> {
        let mut staged = Staged {
            state: None,
            version: self.current.version,
            records: Vec::new(),
        };
        let system = Actor::system();
        for _ in 0..MAX_FIRINGS_PER_INPUT {
            let state = staged.state.as_ref().unwrap_or(&self.current.state);
            let Some(firing) = W::next_timer(state)
                .filter(|t| t.due <= at)
                .map(|t| Firing::of(&t))
            else {
                return Ok(staged);
            };
            let timer = firing.timer();
            let decision = W::on_deadline(state, &timer, &self.context(timer.due, &system))
                .map_err(|e| internal::<W>(timer.kind.name(), &e))?;
            let mut state = staged
                .state
                .take()
                .unwrap_or_else(|| self.current.state.clone());
            let input = Input {
                instance_id: &self.current.instance_id,
                at: timer.due,
                actor: &system,
                trigger: timer.kind.name(),
                command_id,
            };
            stage(&input, &mut state, &mut staged, decision)?;
            let pending = firing.timer();
            let moot = !W::deadlines(&state).any(|t| {
                t.kind == pending.kind && t.target == pending.target && t.due == pending.due
            });
            staged.state = Some(state);
            if !moot {
                return Err(Error::Internal(format!(
                    "deadline `{}` of workflow `{}` did not clear when it fired",
                    timer.to_deadline().id(),
                    W::NAME
                )));
            }
        }
        Err(Error::Internal(format!(
            "workflow `{}` fired more than {MAX_FIRINGS_PER_INPUT} deadlines for one input: a deadline keeps being re-armed in the past",
            W::NAME
        )))
    }

    /// Puts the state back as the log says it is, after a failure half-way through staging
    /// (a workflow bug): the base snapshot with every record folded in.
    fn rebuild_state(&mut self) {
        let Ok((base, _)) = read_versioned::<Snapshot<W>>(&self.base, |s| s.schema_version) else {
            return;
        };
        let mut state = base.state;
        for record in &self.records {
            if W::evolve(&mut state, &record.event, record.at).is_err() {
                return;
            }
        }
        self.current.state = state;
    }

    fn commit(&mut self, staged: Staged<W>) -> Outcome<'_, W> {
        self.current.version = staged.version;
        if let Some(last) = staged.records.last() {
            self.current.last_at = Some(last.at);
        }
        let first = self.records.len();
        self.records.extend(staged.records);
        let events = &self.records[first..];
        let state = &self.current.state;
        let mut positions = if events.is_empty() {
            Vec::new()
        } else {
            whole::<W>(state)
        };
        let mut seen: Vec<&str> = Vec::new();
        for entity in events.iter().filter_map(|r| W::touched(&r.event)) {
            if !seen.contains(&entity) {
                seen.push(entity);
                positions.extend(of_entity::<W>(state, entity));
            }
        }
        Outcome {
            duplicate: false,
            version: self.current.version,
            events,
            positions,
            next_deadline: W::next_timer(state).map(|t| t.to_deadline()),
        }
    }

    fn remember(&mut self, command: RecentCommand) {
        let capacity = self.current.settings.remembered_commands as usize;
        let recent = &mut self.current.recent_commands;
        while recent.len() >= capacity {
            recent.pop_front();
        }
        recent.push_back(command);
    }

    fn recent(&self, command_id: &str) -> Option<(u64, u64)> {
        self.current
            .recent_commands
            .iter()
            .find(|c| c.command_id == command_id)
            .map(|c| (c.first_version, c.last_version))
    }

    /// The original outcome of a remembered command: its records, if the log still holds
    /// them (records are numbered without gaps, so they are a slice of the log).
    fn duplicate_outcome(&self, (first, last): (u64, u64)) -> Outcome<'_, W> {
        let held_from = (self.current.version + 1).saturating_sub(self.records.len() as u64);
        let events = if first >= held_from {
            let start = usize::try_from(first - held_from).unwrap_or(usize::MAX);
            let end = usize::try_from(last - held_from + 1).unwrap_or(usize::MAX);
            self.records.get(start..end).unwrap_or(&[])
        } else {
            &[]
        };
        Outcome {
            duplicate: true,
            version: last,
            events,
            positions: Vec::new(),
            next_deadline: self.next_deadline(),
        }
    }
}

/// Who and what an input is, for the records it appends.
struct Input<'a> {
    instance_id: &'a str,
    at: DateTime<Utc>,
    actor: &'a Actor,
    trigger: &'static str,
    command_id: Option<&'a str>,
}

/// Appends a decision's events to `staged`, folding them into `state`. Fails (a workflow
/// bug, or the version limit) with `internal`; the caller discards `state` then.
fn stage<W: Workflow>(
    input: &Input<'_>,
    state: &mut W::State,
    staged: &mut Staged<W>,
    decision: Decision<W>,
) -> Result<(), Error> {
    if decision.is_empty() {
        return Err(Error::Internal(format!(
            "`{}` of workflow `{}` decided no event",
            input.trigger,
            W::NAME
        )));
    }
    for (event, effects) in decision.steps {
        let version = staged
            .version
            .checked_add(1)
            .filter(|v| *v <= MAX_VERSION)
            .ok_or_else(|| {
                Error::Internal(format!(
                    "instance `{}` has reached the version limit {MAX_VERSION}",
                    input.instance_id
                ))
            })?;
        W::evolve(state, &event, input.at).map_err(|e| internal::<W>(input.trigger, &e))?;
        staged.version = version;
        let effects = effects
            .into_iter()
            .enumerate()
            .map(|(index, effect)| Keyed {
                key: effect_key(input.instance_id, version, index),
                effect,
            })
            .collect();
        staged.records.push(Record {
            version,
            at: input.at,
            command_id: input.command_id.map(str::to_owned),
            actor: input.actor.clone(),
            trigger: Cow::Borrowed(input.trigger),
            event,
            effects,
        });
    }
    Ok(())
}

/// An effect's idempotency key, `{instance}:{version}:{index}`, written without `fmt`.
fn effect_key(instance: &str, version: u64, index: usize) -> String {
    let (mut v, mut i) = (itoa::Buffer::new(), itoa::Buffer::new());
    let (version, index) = (v.format(version), i.format(index));
    let mut key = String::with_capacity(instance.len() + version.len() + index.len() + 2);
    for part in [instance, ":", version, ":", index] {
        key.push_str(part);
    }
    key
}

fn internal<W: Workflow>(trigger: &str, unfit: &Unfit) -> Error {
    Error::Internal(format!(
        "workflow `{}` produced what its own state cannot hold (`{trigger}`): {unfit}",
        W::NAME
    ))
}

/// The positions of the instance as a whole.
fn whole<W: Workflow>(state: &W::State) -> Vec<Position> {
    W::position(state, None)
        .into_iter()
        .map(|(region, at)| Position {
            region,
            entity: None,
            state: at,
        })
        .collect()
}

/// The positions of one entity.
fn of_entity<W: Workflow>(state: &W::State, entity: &str) -> Vec<Position> {
    W::position(state, Some(entity))
        .into_iter()
        .map(|(region, at)| Position {
            region,
            entity: Some(entity.to_owned()),
            state: at,
        })
        .collect()
}

fn command_label<W: Workflow>(name: &str) -> Label {
    W::COMMANDS
        .iter()
        .find(|c| c.name == name)
        .map_or(Label::new("", ""), |c| c.label)
}

/// Hosts never act as `system`; a command's role must be one its definition allows.
fn check_role<W: Workflow>(actor: &Actor, command: &str) -> Result<(), Rejection> {
    check_allowed(W::COMMANDS, actor, command, ("thực hiện", "issue"))
}

/// Hosts never ask as `system`; a query's role must be one its definition allows.
fn check_query_role<W: Workflow>(actor: &Actor, query: &str) -> Result<(), Rejection> {
    check_allowed(W::QUERIES, actor, query, ("xem", "ask"))
}

/// `not_permitted` (rule `role`) unless `name` is in `specs` with the actor's role, and the
/// actor is not `system`; `verb` (vi, en) says what the actor tried.
fn check_allowed(
    specs: &[super::CommandSpec],
    actor: &Actor,
    name: &str,
    (vi, en): (&str, &str),
) -> Result<(), Rejection> {
    let allowed = specs
        .iter()
        .find(|c| c.name == name)
        .is_some_and(|c| c.roles.contains(&actor.role.as_str()));
    if allowed && !actor.is_system() {
        Ok(())
    } else {
        Err(Rejection::new(
            RejectionCode::NotPermitted,
            "role",
            format!("Vai trò `{}` không được {vi} `{name}`.", actor.role),
            format!("Role `{}` may not {en} `{name}`.", actor.role),
        ))
    }
}

fn wrong_workflow<W: Workflow>(found: &str) -> Error {
    Error::WrongWorkflow {
        expected: W::NAME.to_owned(),
        found: found.to_owned(),
    }
}

fn check_snapshot<W: Workflow>(snapshot: &Snapshot<W>) -> Result<(), Error> {
    if snapshot.schema_version != SCHEMA_VERSION {
        return Err(Error::UnsupportedSchema {
            found: snapshot.schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    if snapshot.workflow != W::NAME {
        return Err(wrong_workflow::<W>(&snapshot.workflow));
    }
    if snapshot.version > MAX_VERSION {
        return Err(Error::InvalidConfig(format!(
            "version {} is above the limit {MAX_VERSION}",
            snapshot.version
        )));
    }
    snapshot.settings.validate().map_err(Error::InvalidConfig)?;
    W::validate_config(&snapshot.config).map_err(Error::InvalidConfig)?;
    let capacity = snapshot.settings.remembered_commands as usize;
    let consistent = snapshot.recent_commands.len() <= capacity
        && snapshot
            .recent_commands
            .iter()
            .all(|c| c.first_version <= c.last_version && c.last_version <= snapshot.version);
    if consistent {
        Ok(())
    } else {
        Err(Error::InvalidConfig(
            "recent_commands do not fit the snapshot's version and settings".to_owned(),
        ))
    }
}
