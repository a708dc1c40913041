//! # quytrinh — Vietnamese customer-care processes as deterministic state machines
//!
//! *quy trình* means "procedure". This crate models Vietnamese customer-care and
//! after-sales processes as **deciders**: pure functions from a state and a command to
//! events, folded back into the state. One generic [`Instance`](kernel::Instance) runs
//! every workflow and gives each the same guarantees: idempotent command ids, optimistic
//! versions, a clock that never goes backwards, deadlines fired at their own instants,
//! effects returned as data with idempotency keys, JSON snapshots and event logs with a
//! schema version, and `available_commands` for user interfaces.
//!
//! The crate is pure: no I/O, no clock, no randomness, no global state, no `unsafe`.
//! Time comes in with every input; effects go out as data for the host to perform.
//!
//! ```
//! use quytrinh::kernel::{Actor, Command, Instance, Settings};
//! use quytrinh::workflows::companion::{Companion, CompanionCommand, CompanionInit};
//!
//! let at = "2026-11-23T09:00:00+07:00".parse().unwrap();
//! let init = CompanionInit::active("SACO-1", "KH-1", "0001234567");
//! let mut relationship =
//!     Instance::<Companion>::create("rel-1", Default::default(), Settings::default(), init).unwrap();
//! let outcome = relationship
//!     .handle(&Command::new("cmd-1", Actor::new("saco", "SACO-1"), at, CompanionCommand::RequestUnlink {}))
//!     .unwrap();
//! assert_eq!(outcome.event_names(), ["request_staged"]);
//! ```
// No `unsafe` in the core. With the optional `uniffi` feature (used only by `quytrinh-ffi`),
// UniFFI's derives generate `unsafe impl`s of its FFI traits; the core's own code is the same.
#![cfg_attr(not(feature = "uniffi"), forbid(unsafe_code))]
#![cfg_attr(feature = "uniffi", allow(unsafe_code))]

// The derives of `quytrinh-derive` name this crate as `::quytrinh`, in it as outside it.
extern crate self as quytrinh;

pub mod calendar;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod dynamic;
pub mod kernel;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "uniffi")]
pub mod uniffi_support;
pub mod vietqr;
pub mod workflows;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

/// The README's examples, compiled and run as doctests so the README never drifts.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
