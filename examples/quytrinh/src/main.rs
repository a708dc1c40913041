//! `quytrinh`: replay conformance vectors as timelines, draw workflow diagrams, tour the
//! workflows, use the Vietnamese business calendar, and make or read VietQR payment codes.

mod cmd;
mod timeline;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// quytrinh — Vietnamese customer-care processes as deterministic state machines.
#[derive(Parser, Debug)]
#[command(name = "quytrinh", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Top,
}

#[derive(Subcommand, Debug)]
enum Top {
    /// Play conformance vectors and print their timelines; fails on any unmet expectation.
    Replay(cmd::replay::ReplayArgs),
    /// Print a workflow's state diagram (Mermaid stateDiagram-v2 or Graphviz DOT).
    Diagram(cmd::diagram::DiagramArgs),
    /// The main job: play the bundled scenarios of every workflow and print their timelines.
    Tour(cmd::tour::TourArgs),
    /// The Vietnamese business calendar: holidays, lunar dates, business-time arithmetic.
    Calendar(cmd::calendar::CalendarArgs),
    /// Reports over many instances, e.g. the weekly complaint report for the head of operations.
    Report(cmd::report::ReportArgs),
    /// A VietQR bank-transfer QR code (NAPAS 247): build and draw one, or read one back.
    Qr(cmd::qr::QrArgs),
    /// Write every workflow's JSON Schemas (commands, configuration, init, outcomes).
    Schema(cmd::schema::SchemaArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Top::Replay(args) => cmd::replay::run(args),
        Top::Diagram(args) => cmd::diagram::run(args).map(|text| (text, true)),
        Top::Tour(args) => cmd::tour::run(args),
        Top::Calendar(args) => cmd::calendar::run(args).map(|text| (text, true)),
        Top::Report(args) => cmd::report::run(args).map(|text| (text, true)),
        Top::Qr(args) => cmd::qr::run(args).map(|text| (text, true)),
        Top::Schema(args) => cmd::schema::run(args).map(|text| (text, true)),
    };
    match result {
        Ok((text, passed)) => {
            print!("{text}");
            if passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(message) => {
            eprintln!("quytrinh: {message}");
            ExitCode::from(2)
        }
    }
}
