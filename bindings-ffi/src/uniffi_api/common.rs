//! What every workflow shares at the UniFFI boundary: the one error type, the command
//! envelope, deadlines, positions and definitions. Thin concrete mirrors of the core's
//! types that cannot cross as they are (`&'static str`, generics, `Cow`).

use quytrinh::kernel::{self, Actor, Basis, Channel, Lang, RejectionCode};
use std::fmt;
use std::sync::{Mutex, MutexGuard};

/// An instant in UTC: `java.time.Instant` in Kotlin, `Date` in Swift (declared in the core).
pub type Timestamp = chrono::DateTime<chrono::Utc>;
uniffi::use_remote_type!(quytrinh::Timestamp);

/// The version of an instance: the number of events it has recorded (0 when created).
/// `Long` in Kotlin, `Int64` in Swift (not `ULong` / `UInt64`); a negative one passed in
/// (an `Envelope.expected_version`) is refused with `InvalidArgument`, before the call
/// changes anything.
///
/// ```
/// use quytrinh_ffi::uniffi_api::Version;
/// assert_eq!(Version::from(3).get(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(u64);

impl Version {
    /// The version as the core counts it.
    ///
    /// ```
    /// # use quytrinh_ffi::uniffi_api::Version;
    /// assert_eq!(Version::from(0).get(), 0);
    /// ```
    pub fn get(self) -> u64 {
        self.0
    }
}

impl From<u64> for Version {
    fn from(version: u64) -> Self {
        Self(version)
    }
}

impl TryFrom<i64> for Version {
    type Error = QuytrinhError;

    /// The version a host passes in, refused when negative.
    ///
    /// ```
    /// # use quytrinh_ffi::uniffi_api::{QuytrinhError, Version};
    /// assert_eq!(Version::try_from(2_i64).unwrap().get(), 2);
    /// assert!(matches!(Version::try_from(-1_i64), Err(QuytrinhError::InvalidArgument { .. })));
    /// ```
    fn try_from(version: i64) -> Result<Self, QuytrinhError> {
        u64::try_from(version).map(Self).map_err(|_| {
            QuytrinhError::invalid_argument(format!(
                "a version is 0 or more (the number of events recorded), not {version}"
            ))
        })
    }
}

// A version crosses as a signed 64-bit integer; no instance records 2^63 events, so
// lowering saturates only in theory. A negative value fails the lift with the
// `QuytrinhError` above, which UniFFI throws as the call's own exception.
uniffi::custom_type!(Version, i64, {
    lower: |version| i64::try_from(version.0).unwrap_or(i64::MAX),
    try_lift: |version| Version::try_from(version).map_err(uniffi::deps::anyhow::Error::new),
});

/// Every error of the library, mapped once from the core's error. In Kotlin this is the
/// sealed `QuytrinhException`, in Swift the `QuytrinhError` enum; nothing is changed by a
/// call that fails with it. Its text (`Display`, exported: Kotlin's `message` and
/// `toString()`, Swift's `description`) is the human message: a rejection's English
/// message (its Vietnamese one is `message_vi`), or the code and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
#[uniffi::export(Display)]
pub enum QuytrinhError {
    /// The domain refused the input: the stable `code`, the `rule` or field at fault, and
    /// the message in Vietnamese and in English.
    Rejected {
        /// The stable code (`RejectionCode.NOT_PERMITTED`, …; `rejection_code_name` gives
        /// the snake_case text).
        code: RejectionCode,
        /// The rule or field at fault, in snake_case (e.g. `requester_only`, `note`).
        rule: String,
        /// The message in Vietnamese.
        message_vi: String,
        /// The message in English.
        message_en: String,
    },
    /// JSON text (a snapshot, an event log, a configuration, a command) that is not valid
    /// or does not have the expected shape (code `invalid_json`).
    InvalidJson {
        /// What was wrong or expected.
        reason: String,
        /// 1-based line (0 when the error has no position).
        line: u64,
        /// 1-based column (0 when the error has no position).
        column: u64,
    },
    /// A snapshot or event log of a schema version this build cannot read
    /// (`unsupported_schema`).
    UnsupportedSchema {
        /// The version found in the document.
        found: Version,
        /// The version this build reads and writes.
        supported: Version,
    },
    /// A document of another workflow than the one asked for (`wrong_workflow`).
    WrongWorkflow {
        /// The workflow asked for.
        expected: String,
        /// The workflow named in the document.
        found: String,
    },
    /// An invalid configuration or settings (`invalid_config`).
    InvalidConfig {
        /// What is wrong.
        reason: String,
    },
    /// An event log whose records do not follow each other (`corrupt_log`).
    CorruptLog {
        /// What is wrong.
        reason: String,
    },
    /// A calendar operation failed: `code` is `out_of_range`, `invalid_lunar_date`,
    /// `invalid_config` or `negative_duration`.
    Calendar {
        /// The calendar's stable code.
        code: String,
        /// What is wrong.
        reason: String,
    },
    /// An argument that is not a valid value (e.g. 30 February) (`invalid_argument`).
    InvalidArgument {
        /// What is wrong.
        reason: String,
    },
    /// A bug in this library, never the host's (`internal`).
    Internal {
        /// What broke.
        reason: String,
    },
}

impl QuytrinhError {
    /// The stable snake_case code, the same as the C ABI's and the WASM binding's.
    pub fn code(&self) -> &str {
        match self {
            Self::Rejected { code, .. } => code.as_str(),
            Self::InvalidJson { .. } => "invalid_json",
            Self::UnsupportedSchema { .. } => "unsupported_schema",
            Self::WrongWorkflow { .. } => "wrong_workflow",
            Self::InvalidConfig { .. } => "invalid_config",
            Self::CorruptLog { .. } => "corrupt_log",
            Self::Calendar { code, .. } => code,
            Self::InvalidArgument { .. } => "invalid_argument",
            Self::Internal { .. } => "internal",
        }
    }

    pub(crate) fn invalid_argument(reason: impl Into<String>) -> Self {
        Self::InvalidArgument {
            reason: reason.into(),
        }
    }
}

impl fmt::Display for QuytrinhError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rejected { message_en, .. } => f.write_str(message_en),
            Self::InvalidJson { reason, .. }
            | Self::InvalidConfig { reason }
            | Self::CorruptLog { reason }
            | Self::Calendar { reason, .. }
            | Self::InvalidArgument { reason }
            | Self::Internal { reason } => write!(f, "{}: {reason}", self.code()),
            Self::UnsupportedSchema { found, supported } => write!(
                f,
                "unsupported_schema: version {}, this build reads version {}",
                found.0, supported.0
            ),
            Self::WrongWorkflow { expected, found } => write!(
                f,
                "wrong_workflow: the document is for `{found}`, not `{expected}`"
            ),
        }
    }
}

impl std::error::Error for QuytrinhError {}

impl From<kernel::Error> for QuytrinhError {
    fn from(error: kernel::Error) -> Self {
        match error {
            kernel::Error::Rejected(r) => Self::Rejected {
                code: r.code,
                rule: r.rule.into_owned(),
                message_vi: r.message_vi.into_owned(),
                message_en: r.message_en.into_owned(),
            },
            kernel::Error::InvalidJson {
                message,
                path,
                line,
                column,
            } => Self::InvalidJson {
                // The field at fault first: the host never saw the text its record became.
                reason: if path.is_empty() {
                    message
                } else {
                    format!("`{path}`: {message}")
                },
                line: line as u64,
                column: column as u64,
            },
            kernel::Error::UnsupportedSchema { found, supported } => Self::UnsupportedSchema {
                found: found.into(),
                supported: supported.into(),
            },
            kernel::Error::UnknownWorkflow(name) => Self::InvalidArgument {
                reason: format!("unknown workflow `{name}`"),
            },
            kernel::Error::WrongWorkflow { expected, found } => {
                Self::WrongWorkflow { expected, found }
            }
            kernel::Error::InvalidConfig(reason) => Self::InvalidConfig { reason },
            kernel::Error::CorruptLog(reason) => Self::CorruptLog { reason },
            kernel::Error::Internal(reason) => Self::Internal { reason },
        }
    }
}

impl From<serde_json::Error> for QuytrinhError {
    fn from(error: serde_json::Error) -> Self {
        kernel::Error::from(error).into()
    }
}

impl From<quytrinh::calendar::CalendarError> for QuytrinhError {
    fn from(error: quytrinh::calendar::CalendarError) -> Self {
        Self::Calendar {
            code: error.code().to_owned(),
            reason: error.to_string(),
        }
    }
}

/// Locks an instance's mutex. A panic inside the library while the lock was held (a bug)
/// poisons it: every later call on that object fails with `Internal`; restore a new object
/// from the last snapshot.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> Result<MutexGuard<'_, T>, QuytrinhError> {
    mutex.lock().map_err(|_| QuytrinhError::Internal {
        reason: "the instance was poisoned by an earlier panic; restore it from a snapshot"
            .to_owned(),
    })
}

/// The snake_case text of a rejection code (`not_permitted`, …), as in the vectors, the C
/// ABI and the WASM binding.
#[uniffi::export]
pub fn rejection_code_name(code: RejectionCode) -> String {
    code.as_str().to_owned()
}

/// The stable snake_case code of an error (`not_permitted`, `invalid_json`, …), the same
/// as every other binding's.
#[uniffi::export]
pub fn error_code(error: &QuytrinhError) -> String {
    error.code().to_owned()
}

/// The envelope of a command: the host-chosen `command_id` (1–64 characters; a repeat
/// returns the original outcome), who issues it, when, and optionally the version the
/// host last saw (`version_conflict` when the instance is elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Envelope {
    /// Host-chosen unique id.
    pub command_id: String,
    /// Who issues the command.
    pub actor: Actor,
    /// When.
    pub at: Timestamp,
    /// The version the host expects the instance to be at, if it cares.
    #[uniffi(default = None)]
    pub expected_version: Option<Version>,
}

impl Envelope {
    pub(crate) fn with<C>(self, body: C) -> kernel::Command<C> {
        kernel::Command {
            command_id: self.command_id,
            actor: self.actor,
            at: self.at,
            expected_version: self.expected_version.map(Version::get),
            body,
        }
    }

    pub(crate) fn of<C>(command: &kernel::Command<C>) -> Self {
        Self {
            command_id: command.command_id.clone(),
            actor: command.actor.clone(),
            at: command.at,
            expected_version: command.expected_version.map(Version::from),
        }
    }
}

/// A pending deadline: its kind, the entity it belongs to, its absolute due instant and
/// how its duration was counted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Deadline {
    /// The kind, in snake_case (e.g. `auto_confirm`, `review_due`).
    pub kind: String,
    /// The entity it belongs to (a request, a batch), when the instance holds many.
    #[uniffi(default)]
    pub target: Option<String>,
    /// Its stable id, `kind` or `kind:target`: a host replaces or cancels its timer by it.
    pub id: String,
    /// When it fires.
    pub due: Timestamp,
    /// Clock or business time.
    pub basis: Basis,
}

impl From<kernel::Deadline> for Deadline {
    fn from(d: kernel::Deadline) -> Self {
        Self {
            id: d.id(),
            kind: d.kind.to_owned(),
            target: d.target,
            due: d.due,
            basis: d.basis,
        }
    }
}

/// Where one region of the state stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RegionState {
    /// The region's id (e.g. `relationship`, `request`, `case`, `sla`, `lead`).
    pub region: String,
    /// The entity (a lead, a batch) for a region that is per entity; `null` for a region
    /// of the instance as a whole.
    #[uniffi(default)]
    pub entity: Option<String>,
    /// The state's id in that region.
    pub state: String,
}

pub(crate) fn position(position: &[quytrinh::kernel::Position]) -> Vec<RegionState> {
    position
        .iter()
        .map(|p| RegionState {
            region: p.region.to_owned(),
            entity: p.entity.clone(),
            state: p.state.to_owned(),
        })
        .collect()
}

/// A bilingual label, Vietnamese first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Label {
    /// Tiếng Việt.
    pub vi: String,
    /// English.
    pub en: String,
}

impl From<kernel::Label> for Label {
    fn from(l: kernel::Label) -> Self {
        Self {
            vi: l.vi.to_owned(),
            en: l.en.to_owned(),
        }
    }
}

/// A role that may issue commands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RoleSpec {
    /// The role's id, as in `Actor.role`.
    pub id: String,
    /// Its label.
    pub label: Label,
}

/// One state of a region.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StateSpec {
    /// The state's id.
    pub id: String,
    /// Its label.
    pub label: Label,
    /// Whether an instance may start in it.
    pub initial: bool,
    /// Whether no transition leaves it.
    pub terminal: bool,
}

/// An orthogonal part of the state and its states.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RegionSpec {
    /// The region's id.
    pub id: String,
    /// Its label.
    pub label: Label,
    /// Its states.
    pub states: Vec<StateSpec>,
}

/// A command and the roles that may issue it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CommandSpec {
    /// The command's snake_case name.
    pub name: String,
    /// What a button says.
    pub label: Label,
    /// The roles that may issue it.
    pub roles: Vec<String>,
}

/// A transition of a region, on a command or a deadline.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TransitionSpec {
    /// The region.
    pub region: String,
    /// The source state, or `[*]` for the region's first state.
    pub from: String,
    /// The target state.
    pub to: String,
    /// The command name or deadline kind.
    pub trigger: String,
    /// The condition, in words; empty when there is none.
    pub guard: String,
}

/// A deadline kind with its configured duration.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeadlineSpec {
    /// The kind.
    pub kind: String,
    /// Its label.
    pub label: Label,
    /// Its duration in seconds under the instance's configuration.
    pub seconds: u64,
    /// Clock or business time.
    pub basis: Basis,
}

/// A notification template.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TemplateSpec {
    /// The template id carried by `notify` effects.
    pub id: String,
    /// The channel it is sent on.
    pub channel: Channel,
    /// What the message says, in short.
    pub label: Label,
}

/// A workflow's definition: roles, states, commands, transitions, deadlines, templates,
/// and its state diagram.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Definition {
    /// The workflow's name.
    pub workflow: String,
    /// Its label.
    pub label: Label,
    /// The roles.
    pub roles: Vec<RoleSpec>,
    /// The regions and their states.
    pub regions: Vec<RegionSpec>,
    /// The commands.
    pub commands: Vec<CommandSpec>,
    /// The queries of one instance and who may ask them.
    pub queries: Vec<CommandSpec>,
    /// The reports over many instances and who may run them.
    pub reports: Vec<CommandSpec>,
    /// The transitions.
    pub transitions: Vec<TransitionSpec>,
    /// The deadlines.
    pub deadlines: Vec<DeadlineSpec>,
    /// The notification templates.
    pub templates: Vec<TemplateSpec>,
    /// A Mermaid `stateDiagram-v2` of the definition, in Vietnamese.
    pub mermaid_vi: String,
    /// The same diagram in English.
    pub mermaid_en: String,
}

fn specs(specs: &[kernel::CommandSpec]) -> Vec<CommandSpec> {
    specs
        .iter()
        .map(|c| CommandSpec {
            name: c.name.to_owned(),
            label: c.label.into(),
            roles: c.roles.iter().map(|r| (*r).to_owned()).collect(),
        })
        .collect()
}

impl From<&kernel::Definition> for Definition {
    fn from(d: &kernel::Definition) -> Self {
        let text = |s: &str| s.to_owned();
        Self {
            workflow: text(d.workflow),
            label: d.label.into(),
            roles: d
                .roles
                .iter()
                .map(|r| RoleSpec {
                    id: text(r.id),
                    label: r.label.into(),
                })
                .collect(),
            regions: d
                .regions
                .iter()
                .map(|r| RegionSpec {
                    id: text(r.id),
                    label: r.label.into(),
                    states: r
                        .states
                        .iter()
                        .map(|s| StateSpec {
                            id: text(s.id),
                            label: s.label.into(),
                            initial: s.initial,
                            terminal: s.terminal,
                        })
                        .collect(),
                })
                .collect(),
            commands: specs(d.commands),
            queries: specs(d.queries),
            reports: specs(d.reports),
            transitions: d
                .transitions
                .iter()
                .map(|t| TransitionSpec {
                    region: text(t.region),
                    from: text(t.from),
                    to: text(t.to),
                    trigger: text(t.trigger),
                    guard: text(t.guard),
                })
                .collect(),
            deadlines: d
                .deadlines
                .iter()
                .map(|s| DeadlineSpec {
                    kind: text(s.kind),
                    label: s.label.into(),
                    seconds: s.seconds,
                    basis: s.basis,
                })
                .collect(),
            templates: d
                .templates
                .iter()
                .map(|t| TemplateSpec {
                    id: text(t.id),
                    channel: t.channel,
                    label: t.label.into(),
                })
                .collect(),
            mermaid_vi: d.to_mermaid(Lang::Vi, &[]),
            mermaid_en: d.to_mermaid(Lang::En, &[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use quytrinh::kernel::{Rejection, RejectionCode};

    /// A version as the host passes it, lifted the way UniFFI lifts an argument.
    fn lift(version: i64) -> uniffi::Result<Version> {
        <Version as uniffi::Lift<crate::UniFfiTag>>::try_lift(version)
    }

    proptest! {
        /// Any version 0 or more crosses unchanged, both ways.
        #[test]
        fn a_version_of_zero_or_more_crosses_unchanged(version in 0..=i64::MAX) {
            let lifted = lift(version).expect("a version of zero or more is accepted");
            prop_assert_eq!(lifted.get(), version.unsigned_abs());
            prop_assert_eq!(<Version as uniffi::Lower<crate::UniFfiTag>>::lower(lifted), version);
        }

        /// A negative version is refused with `InvalidArgument` naming the value, and that
        /// is the error UniFFI throws (it downcasts the lift's error to the call's error).
        #[test]
        fn a_negative_version_is_refused_as_invalid_argument(version in i64::MIN..0) {
            let error = lift(version).expect_err("a negative version is refused");
            let error = error.downcast::<QuytrinhError>().expect("the call's own error type");
            prop_assert_eq!(error.code(), "invalid_argument");
            prop_assert!(error.to_string().contains(&version.to_string()), "{}", error);
        }
    }

    #[test]
    fn a_rejection_reads_as_its_english_message_and_keeps_code_and_rule() {
        let rejection = Rejection::new(
            RejectionCode::NotPermitted,
            "requester_only",
            "Chỉ người gửi yêu cầu mới được huỷ.",
            "Only the requester may withdraw.",
        );
        let error = QuytrinhError::from(kernel::Error::Rejected(rejection));
        assert_eq!(error.to_string(), "Only the requester may withdraw.");
        assert_eq!(error.code(), "not_permitted");
        assert!(matches!(&error, QuytrinhError::Rejected { rule, .. } if rule == "requester_only"));
    }

    #[test]
    fn other_errors_read_as_their_code_and_what_is_wrong() {
        let error = QuytrinhError::from(kernel::Error::UnsupportedSchema {
            found: 99,
            supported: 1,
        });
        assert_eq!(
            error.to_string(),
            "unsupported_schema: version 99, this build reads version 1"
        );
        assert!(
            QuytrinhError::invalid_argument("30 February")
                .to_string()
                .starts_with("invalid_argument: ")
        );
    }
}
