//! The subcommands of `quytrinh`.

pub mod calendar;
pub mod diagram;
pub mod qr;
pub mod replay;
pub mod report;
pub mod schema;
pub mod tour;
