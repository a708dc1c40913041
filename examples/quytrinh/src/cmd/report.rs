//! `quytrinh report complaints FILES... --week-ending DATE [--lang vi|en] [--json]`: the
//! weekly complaint report for the head of operations ("báo cáo định kỳ thứ 5 hàng tuần cho
//! TP.NV"), from complaint snapshot files.
//!
//! ```text
//! quytrinh report complaints snapshots/*.json --week-ending 2026-04-30 --lang en
//! ```
//!
//! The period ends on DATE (a Thursday by default) at 09:00, UTC+07:00, and lasts seven days.
//! When DATE is a day off (Thursday 30 April, a Tết Thursday…), the period is unchanged and
//! the report says it is presented at the same time on the next working day.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use quytrinh::kernel::{Instance, Lang};
use quytrinh::workflows::complaint::{Complaint, ComplaintConfig, weekly_report};
use std::path::PathBuf;

/// Arguments of `quytrinh report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Which report.
    #[command(subcommand)]
    pub report: ReportKind,
}

/// The reports.
#[derive(Subcommand, Debug)]
pub enum ReportKind {
    /// The weekly complaint report (workflow `complaint`) for the period ending on a Thursday.
    Complaints {
        /// Complaint snapshot files (JSON, as written by `snapshot_json`).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The report's day, YYYY-MM-DD (a Thursday by default).
        #[arg(long, value_name = "DATE")]
        week_ending: NaiveDate,
        /// A complaint configuration (ComplaintConfig JSON): calendar, report weekday and time.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// The language of the report.
        #[arg(long, default_value = "vi")]
        lang: Lang,
        /// Print the report as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `quytrinh report`: `Ok(stdout text)` or `Err(message)` (exit code 2).
pub fn run(args: &ReportArgs) -> Result<String, String> {
    let ReportKind::Complaints {
        files,
        week_ending,
        config,
        lang,
        json,
    } = &args.report;
    let config: ComplaintConfig = match config {
        None => ComplaintConfig::default(),
        Some(path) => {
            let text = read(path)?;
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
    };
    config
        .validate()
        .map_err(|e| format!("invalid configuration: {e}"))?;
    let snapshots = files
        .iter()
        .map(|path| {
            Instance::<Complaint>::from_snapshot_json(&read(path)?)
                .map(|i| i.snapshot().clone())
                .map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let report = weekly_report(&snapshots, *week_ending, &config)
        .map_err(|r| format!("{} ({}): {}", r.code, r.rule, r.message(*lang)))?;
    if *json {
        let mut text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        text.push('\n');
        Ok(text)
    } else {
        Ok(report.render(*lang))
    }
}

fn read(path: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
