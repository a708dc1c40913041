//! The Kotlin and Swift API, through UniFFI (proc-macro mode; scaffolding in `lib.rs`).
//!
//! Typed, not JSON: the workflows' commands, events, effects, states and inits cross as
//! records and enums derived in the core (`quytrinh`'s `uniffi` feature), so they are
//! declared once; the kernel's generic types (`Outcome`, `Record`, `Keyed`, `Available`)
//! get thin concrete mirrors per workflow here. Errors are one `QuytrinhError`
//! (`QuytrinhException` in Kotlin), mapped once from the core's error. Instants are
//! `java.time.Instant` / `Date`, money `Long` / `Int64` đồng. Snapshots and event logs stay
//! the JSON of every binding.
//!
//! Thread safety: every object is `Send + Sync`. Workflow instances hold their state
//! behind a mutex (calls are serialized); a calendar is immutable.

// UniFFI passes arguments by value (`String`, not `&str`).
#![allow(clippy::needless_pass_by_value)]

mod any;
mod calendar;
pub(crate) mod common;
mod workflow;

pub use any::{WorkflowInstance, report, workflows};
pub use calendar::{BusinessCalendar, CalendarDate, Holiday, from_lunar, tet, to_lunar};
pub(crate) use common::lock;
pub use common::{
    CommandSpec, Deadline, DeadlineSpec, Definition, Envelope, Label, QuytrinhError, RegionSpec,
    RegionState, RoleSpec, StateSpec, TemplateSpec, Timestamp, TransitionSpec, Version, error_code,
    rejection_code_name,
};
pub use workflow::*;
