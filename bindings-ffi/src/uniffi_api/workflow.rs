//! The typed objects of every workflow of the core's registry (`quytrinh::for_each_workflow!`),
//! with no code per workflow: for workflow `lead_care::LeadCare`, the object
//! `LeadCareInstance` (`create` with the typed init and configuration, `restore`, `replay`,
//! `handle`, `tick`, `query`, …), the thin concrete mirrors of the kernel's generic types
//! (`LeadCareOutcome`, `LeadCareRecord`, `LeadCareKeyedEffect`, `LeadCareAvailable`,
//! `LeadCareInput`), and the JSON conversions of commands, inits and configurations
//! (`lead_care_command_from_json`, …, `lead_care_default_config`). The workflow's own types
//! (commands, events, effects, state, init, configuration, queries, answers) cross as they
//! are: they derive `uniffi::Record` / `uniffi::Enum` in the core.

/// Writes the UniFFI API of one workflow. Constructors with the workflow's configuration
/// are written next to each invocation.
macro_rules! workflow_api {
    (
        workflow: $W:ty,
        command: $Command:ty,
        event: $Event:ty,
        effect: $Effect:ty,
        state: $State:ty,
        query: $Query:ty,
        answer: $Answer:ty,
        instance: $Instance:ident #[doc = $instance_doc:literal],
        outcome: $Outcome:ident,
        record: $Record:ident,
        keyed: $Keyed:ident,
        available: $Available:ident,
        input: $Input:ident,
        from_json: $from_json:ident,
        to_json: $to_json:ident $(,)?
    ) => {
        /// The result of an accepted input.
        #[derive(Debug, Clone, PartialEq, uniffi::Record)]
        pub struct $Outcome {
            /// `true` when the command id had already been accepted: nothing changed, and
            /// `events` are the original ones (empty if the instance was restored after
            /// them).
            pub duplicate: bool,
            /// The instance's version after the input.
            pub version: $crate::uniffi_api::Version,
            /// The events appended, deadlines that fired first, in order.
            pub events: Vec<$Record>,
            /// The earliest pending deadline now, if any.
            #[uniffi(default)]
            pub next_deadline: Option<$crate::uniffi_api::Deadline>,
        }

        impl $Outcome {
            fn of(outcome: &quytrinh::kernel::Outcome<'_, $W>) -> Self {
                Self {
                    duplicate: outcome.duplicate,
                    version: outcome.version.into(),
                    events: outcome.events.iter().map($Record::of).collect(),
                    next_deadline: outcome.next_deadline.clone().map(Into::into),
                }
            }
        }

        /// One event of the log, with the effects it asks of the host.
        #[derive(Debug, Clone, PartialEq, uniffi::Record)]
        pub struct $Record {
            /// The instance's version after this event (1 for the first).
            pub version: $crate::uniffi_api::Version,
            /// When it happened: the command's `at`, or a deadline's due instant.
            pub at: $crate::uniffi_api::Timestamp,
            /// The command whose input recorded it; `null` for events of a tick.
            #[uniffi(default)]
            pub command_id: Option<String>,
            /// Who acted (`system` for deadlines).
            pub actor: quytrinh::kernel::Actor,
            /// The command name or deadline kind that caused it.
            pub trigger: String,
            /// The event's snake_case name, as in the vectors and the JSON.
            pub event_name: String,
            /// The event.
            pub event: $Event,
            /// The effects, each with its idempotency key.
            pub effects: Vec<$Keyed>,
        }

        impl $Record {
            fn of(record: &quytrinh::kernel::Record<$W>) -> Self {
                Self {
                    version: record.version.into(),
                    at: record.at,
                    command_id: record.command_id.clone(),
                    actor: record.actor.clone(),
                    trigger: record.trigger.to_string(),
                    event_name: record.event_name().to_owned(),
                    event: record.event.clone(),
                    effects: record
                        .effects
                        .iter()
                        .map(|k| {
                            use quytrinh::kernel::EffectName as _;
                            $Keyed {
                                key: k.key.clone(),
                                name: k.effect.short_name(),
                                effect: k.effect.clone(),
                            }
                        })
                        .collect(),
                }
            }
        }

        /// An effect for the host to perform, with its idempotency key
        /// `{instance_id}:{event version}:{index}` (stable across retries and replays).
        #[derive(Debug, Clone, PartialEq, uniffi::Record)]
        pub struct $Keyed {
            /// The idempotency key.
            pub key: String,
            /// The effect's short name: `notify:<template>` or its kind (as in the vectors).
            pub name: String,
            /// The effect.
            pub effect: $Effect,
        }

        /// A command an actor may issue now, with its target filled in: a button.
        #[derive(Debug, Clone, PartialEq, uniffi::Record)]
        pub struct $Available {
            /// The command's snake_case name.
            pub name: String,
            /// What the button says.
            pub label: $crate::uniffi_api::Label,
            /// The command, ready to send (free-text fields are left for the user).
            pub command: $Command,
        }

        /// A command with its envelope, as decoded from the JSON every binding sends.
        #[derive(Debug, Clone, PartialEq, uniffi::Record)]
        pub struct $Input {
            /// Id, actor, instant, expected version.
            pub envelope: $crate::uniffi_api::Envelope,
            /// The command.
            pub command: $Command,
        }

        /// Decodes a command from the JSON of the vectors, the C ABI and the web (envelope
        /// and body side by side, unknown fields refused: `InvalidJson`).
        #[uniffi::export]
        pub fn $from_json(json: String) -> Result<$Input, $crate::uniffi_api::QuytrinhError> {
            let command = quytrinh::kernel::Command::<$Command>::from_json(&json)?;
            Ok($Input {
                envelope: $crate::uniffi_api::Envelope::of(&command),
                command: command.body,
            })
        }

        /// Encodes a command as the JSON every binding sends.
        #[uniffi::export]
        pub fn $to_json(
            envelope: $crate::uniffi_api::Envelope,
            command: $Command,
        ) -> Result<String, $crate::uniffi_api::QuytrinhError> {
            Ok(quytrinh::kernel::to_json(&envelope.with(command))?)
        }

        #[doc = $instance_doc]
        ///
        /// Thread safety: the object is `Send + Sync`. Its instance sits behind a mutex, so
        /// it may be shared by any number of threads; calls are serialized, each one
        /// atomic. Every method is synchronous and fast (no I/O); a call that fails changes
        /// nothing.
        #[derive(uniffi::Object)]
        pub struct $Instance {
            inner: std::sync::Mutex<quytrinh::kernel::Instance<$W>>,
        }

        impl $Instance {
            fn wrap(instance: quytrinh::kernel::Instance<$W>) -> std::sync::Arc<Self> {
                std::sync::Arc::new(Self {
                    inner: std::sync::Mutex::new(instance),
                })
            }

            fn with<T>(
                &self,
                f: impl FnOnce(&mut quytrinh::kernel::Instance<$W>) -> T,
            ) -> Result<T, $crate::uniffi_api::QuytrinhError> {
                Ok(f(&mut *$crate::uniffi_api::lock(&self.inner)?))
            }

            /// Reads the instance; reading is safe even after a panic poisoned the lock
            /// (only `handle` and `tick` write, and they refuse a poisoned instance).
            fn read<T>(&self, f: impl FnOnce(&quytrinh::kernel::Instance<$W>) -> T) -> T {
                f(&self
                    .inner
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner))
            }
        }

        #[uniffi::export]
        impl $Instance {
            /// An instance restored from snapshot JSON (from any binding: Android, iOS, C,
            /// the browser); its event log starts there.
            #[uniffi::constructor]
            pub fn restore(
                snapshot_json: String,
            ) -> Result<std::sync::Arc<Self>, $crate::uniffi_api::QuytrinhError> {
                Ok(Self::wrap(
                    quytrinh::kernel::Instance::<$W>::from_snapshot_json(&snapshot_json)?,
                ))
            }

            /// An instance rebuilt by replaying event-log JSON onto its base snapshot.
            #[uniffi::constructor]
            pub fn replay(
                event_log_json: String,
            ) -> Result<std::sync::Arc<Self>, $crate::uniffi_api::QuytrinhError> {
                Ok(Self::wrap(quytrinh::kernel::Instance::<$W>::from_log_json(
                    &event_log_json,
                )?))
            }

            /// Decides a command; if it is accepted, appends its events (deadlines due by
            /// `envelope.at` fire first, each at its own instant). A rejection throws and
            /// changes nothing.
            pub fn handle(
                &self,
                envelope: $crate::uniffi_api::Envelope,
                command: $Command,
            ) -> Result<$Outcome, $crate::uniffi_api::QuytrinhError> {
                let command = envelope.with(command);
                self.with(|i| i.handle(&command).map(|o| $Outcome::of(&o)))?
                    .map_err(Into::into)
            }

            /// Time has reached `at`: fires every deadline due at or before it, in order.
            pub fn tick(
                &self,
                at: $crate::uniffi_api::Timestamp,
            ) -> Result<$Outcome, $crate::uniffi_api::QuytrinhError> {
                self.with(|i| i.tick(at).map(|o| $Outcome::of(&o)))?
                    .map_err(Into::into)
            }

            /// The commands `actor` may issue at `at`, for buttons.
            pub fn available_commands(
                &self,
                actor: quytrinh::kernel::Actor,
                at: $crate::uniffi_api::Timestamp,
            ) -> Result<Vec<$Available>, $crate::uniffi_api::QuytrinhError> {
                let available = self.with(|i| i.available_commands(&actor, at))??;
                Ok(available
                    .into_iter()
                    .map(|a| $Available {
                        name: a.name.to_owned(),
                        label: a.label.into(),
                        command: a.command,
                    })
                    .collect())
            }

            /// The current snapshot as JSON: the same document in every binding.
            pub fn snapshot(&self) -> String {
                self.read(|i| i.snapshot_json())
            }

            /// The event log (base snapshot and records) as JSON.
            pub fn event_log(&self) -> String {
                self.read(|i| i.event_log_json())
            }

            /// The records since the log's base snapshot, typed.
            pub fn records(&self) -> Vec<$Record> {
                self.read(|i| i.records().iter().map($Record::of).collect())
            }

            /// Answers a read-only query for `actor` at `at` (after the deadlines due by
            /// then, on a copy: nothing changes); the role must be one the query allows.
            pub fn query(
                &self,
                actor: quytrinh::kernel::Actor,
                at: $crate::uniffi_api::Timestamp,
                query: $Query,
            ) -> Result<$Answer, $crate::uniffi_api::QuytrinhError> {
                self.read(|i| i.query(&actor, at, &query))
                    .map_err(Into::into)
            }

            /// The workflow's state.
            pub fn state(&self) -> $State {
                self.read(|i| i.state().clone())
            }

            /// The instance's id.
            pub fn instance_id(&self) -> String {
                self.read(|i| i.id().to_owned())
            }

            /// The number of events recorded so far.
            pub fn version(&self) -> $crate::uniffi_api::Version {
                self.read(|i| i.version().into())
            }

            /// The instant of the last recorded event (inputs before it are refused).
            pub fn last_at(&self) -> Option<$crate::uniffi_api::Timestamp> {
                self.read(|i| i.last_at())
            }

            /// The earliest pending deadline, if any (e.g. for a countdown).
            pub fn next_deadline(&self) -> Option<$crate::uniffi_api::Deadline> {
                self.read(|i| i.next_deadline().map(Into::into))
            }

            /// Every pending deadline, earliest first.
            pub fn deadlines(&self) -> Vec<$crate::uniffi_api::Deadline> {
                self.read(|i| i.deadlines().into_iter().map(Into::into).collect())
            }

            /// Where the state stands: one entry per region.
            pub fn position(&self) -> Vec<$crate::uniffi_api::RegionState> {
                self.read(|i| $crate::uniffi_api::common::position(&i.position()))
            }

            /// The workflow's definition under this instance's configuration.
            pub fn definition(&self) -> $crate::uniffi_api::Definition {
                self.read(|i| (&i.definition()).into())
            }
        }
    };
}

/// The typed API of one workflow of the registry, named after its type; with `{ reports }`,
/// also its typed reports over many instances (`complaint_report`).
macro_rules! typed_workflow {
    ($module:ident :: $W:ident { reports }) => {
        typed_workflow!($module :: $W);

        pastey::paste! {
            #[doc = "Runs a report of `" $module "` over many instances' rows (each the JSON of an instance's `row()`, as the host stored it) for `actor` at `at`, under `config` (SPEC.md's defaults when `null`)."]
            #[uniffi::export(default(config = None))]
            pub fn [<$module _report>](
                actor: quytrinh::kernel::Actor,
                at: $crate::uniffi_api::Timestamp,
                report: quytrinh::workflows::$module::[<$W Report>],
                rows_json: Vec<String>,
                config: Option<quytrinh::workflows::$module::[<$W Config>]>,
            ) -> Result<quytrinh::workflows::$module::[<$W ReportAnswer>], $crate::uniffi_api::QuytrinhError> {
                let rows = rows_json
                    .iter()
                    .enumerate()
                    .map(|(i, row)| quytrinh::kernel::from_json(&format!("rows[{i}]"), row))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(quytrinh::kernel::report::<quytrinh::workflows::$module::$W>(
                    &config.unwrap_or_default(),
                    &actor,
                    at,
                    &report,
                    &rows,
                )?)
            }
        }
    };
    ($module:ident :: $W:ident) => {
        pastey::paste! {
            workflow_api! {
                workflow: quytrinh::workflows::$module::$W,
                command: quytrinh::workflows::$module::[<$W Command>],
                event: quytrinh::workflows::$module::[<$W Event>],
                effect: quytrinh::workflows::$module::[<$W Effect>],
                state: quytrinh::workflows::$module::[<$W State>],
                query: quytrinh::workflows::$module::[<$W Query>],
                answer: quytrinh::workflows::$module::[<$W Answer>],
                instance: [<$W Instance>]
                    #[doc = "One instance of workflow `" $module "` (see the core's `quytrinh::workflows::" $module "`), typed."],
                outcome: [<$W Outcome>],
                record: [<$W Record>],
                keyed: [<$W KeyedEffect>],
                available: [<$W Available>],
                input: [<$W Input>],
                from_json: [<$module _command_from_json>],
                to_json: [<$module _command_to_json>],
            }

            #[uniffi::export]
            impl [<$W Instance>] {
                /// A new instance at version 0. `config` defaults to SPEC.md's values
                /// (`*_default_config()` gives them, to change a field or two), `settings`
                /// to 64 remembered command ids.
                #[uniffi::constructor(default(config = None, settings = None))]
                pub fn create(
                    instance_id: String,
                    init: quytrinh::workflows::$module::[<$W Init>],
                    config: Option<quytrinh::workflows::$module::[<$W Config>]>,
                    settings: Option<quytrinh::kernel::Settings>,
                ) -> Result<std::sync::Arc<Self>, $crate::uniffi_api::QuytrinhError> {
                    Ok(Self::wrap(quytrinh::kernel::Instance::<quytrinh::workflows::$module::$W>::create(
                        instance_id,
                        config.unwrap_or_default(),
                        settings.unwrap_or_default(),
                        init,
                    )?))
                }

                /// The configuration.
                pub fn config(&self) -> quytrinh::workflows::$module::[<$W Config>] {
                    self.read(|i| i.config().clone())
                }

                /// The row this instance contributes to its workflow's reports over many
                /// instances, as JSON (see `report`).
                pub fn row(&self) -> String {
                    self.read(|i| serde_json::to_value(i.row()).unwrap_or_default().to_string())
                }
            }

            #[doc = "The default configuration of `" $module "` (SPEC.md), to change a field or two."]
            #[uniffi::export]
            pub fn [<$module _default_config>]() -> quytrinh::workflows::$module::[<$W Config>] {
                Default::default()
            }

            #[doc = "A configuration of `" $module "` from its JSON (absent fields take SPEC.md's defaults; unknown ones are refused)."]
            #[uniffi::export]
            pub fn [<$module _config_from_json>](
                json: String,
            ) -> Result<quytrinh::workflows::$module::[<$W Config>], $crate::uniffi_api::QuytrinhError> {
                Ok(quytrinh::kernel::from_json("config", &json)?)
            }

            #[doc = "A configuration of `" $module "` as the JSON every binding reads."]
            #[uniffi::export]
            pub fn [<$module _config_to_json>](
                config: quytrinh::workflows::$module::[<$W Config>],
            ) -> Result<String, $crate::uniffi_api::QuytrinhError> {
                Ok(quytrinh::kernel::to_json(&config)?)
            }

            #[doc = "The initial data of a `" $module "` instance from its JSON (as in the vectors)."]
            #[uniffi::export]
            pub fn [<$module _init_from_json>](
                json: String,
            ) -> Result<quytrinh::workflows::$module::[<$W Init>], $crate::uniffi_api::QuytrinhError> {
                Ok(quytrinh::kernel::from_json("init", &json)?)
            }
        }
    };
}

/// The typed API of every workflow of the registry.
macro_rules! typed_workflows {
    ($($module:ident :: $W:ident $({ $($flag:ident)* })?),+ $(,)?) => {
        $(typed_workflow!($module :: $W $({ $($flag)* })?);)+
    };
}

quytrinh::for_each_workflow!(typed_workflows);
