//! The kernel: one engine for every workflow (SPEC §1).
//!
//! A workflow implements [`Workflow`] (decide / evolve / deadlines / definition); the
//! generic [`Instance`] does the rest.

mod actor;
mod command;
mod deadline;
mod definition;
mod effect;
mod error;
mod instance;
pub mod instant;
mod json;
mod json_writer;
mod label;
mod limits;
mod money;
mod party;
mod persistence;
mod position;
mod record;
mod rejection;
mod report;
mod settings;
mod tagged;
mod text;
mod validators;
mod workflow;

pub use actor::{Actor, SYSTEM_ROLE};
pub use command::{Command, MAX_COMMAND_ID_CHARS, TypeName};
pub use deadline::{Basis, Deadline, DeadlineKind, Timer, earliest};
pub use definition::{
    CommandSpec, DeadlineSpec, Definition, INITIAL, RegionSpec, RoleSpec, StateSpec, TemplateSpec,
    TransitionSpec,
};
pub use effect::{Channel, EffectName, Keyed, Notification, Recipient, TemplateData};
pub use error::Error;
pub use instance::{Available, Instance, MAX_FIRINGS_PER_INPUT};
pub use instant::{Rfc3339, rfc3339};
pub use json::{from_json, from_json_value};
pub use json_writer::{to_json, to_json_with_capacity};
pub use label::{Label, Lang};
pub use limits::{Capacity, Limit, MAX_COMMAND_BYTES, MAX_DOCUMENT_BYTES, MAX_JSON_DEPTH};
pub use money::Vnd;
pub use party::require_party;
pub use persistence::{EventLog, MAX_VERSION, MIGRATIONS, Migration, SCHEMA_VERSION, Snapshot};
pub use position::{Position, highlights, positions_json};
pub use quytrinh_derive::TaggedDeserialize;
pub use record::{InForm, Outcome, OutcomeForm, OwnedOutcome, RecentCommand, Record};
pub use rejection::{Rejection, RejectionCode};
pub use report::{NoReport, report};
pub use settings::{DEFAULT_REMEMBERED_COMMANDS, MAX_REMEMBERED_COMMANDS, Settings};
pub use tagged::{Tagged, deserialize as deserialize_tagged};
pub use text::{required_id, required_text, valid_id};
pub use validators::{TAX_CODE_WEIGHTS, TaxCodeKind, email, phone, tax_code, tax_code_check_digit};
pub use workflow::{Context, Decision, Unfit, Workflow};
