//! `quytrinh calendar …`: the Vietnamese business calendar from the command line.
//!
//! ```text
//! quytrinh calendar [--config FILE] holidays 2026
//! quytrinh calendar lunar 2025-07-25              # solar → lunar
//! quytrinh calendar solar 2025-06L-01             # lunar → solar (L marks a leap month)
//! quytrinh calendar add 2026-11-23T09:00:00+07:00 72h
//! quytrinh calendar between 2026-11-23T09:00:00+07:00 2026-11-27T09:00:00+07:00
//! quytrinh calendar next 2026-11-28T10:00:00+07:00
//! ```
//!
//! Instants are RFC 3339 with an offset; results are printed in +07:00. Durations are one or
//! more `<integer><unit>` with units `d` (24 hours), `h`, `m`, `s`, e.g. `72h`, `1h30m`,
//! `3d`; business time counts 24 hours per working day only in whole-day counting, so in
//! working-hours mode `3d` means 72 working hours, not three working days.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use clap::{Args, Subcommand};
use quytrinh::calendar::lunar::{LunarDate, from_lunar, to_lunar};
use quytrinh::calendar::{BusinessCalendar, CalendarConfig, HolidayReason, HolidaySource};

/// Arguments of `quytrinh calendar`.
#[derive(Args, Debug)]
pub struct CalendarArgs {
    /// A JSON calendar configuration file; default: Vietnam's.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to compute.
    #[command(subcommand)]
    pub command: CalendarCommand,
}

/// The `calendar` subcommands.
#[derive(Subcommand, Debug)]
pub enum CalendarCommand {
    /// The days off of a year and the weekly days off worked (swapped Saturdays): date,
    /// weekday, off or worked, where it comes from (rule, announced, override), Vietnamese and
    /// English names, lunar date.
    Holidays {
        /// Year, 1900–2199.
        year: i32,
    },
    /// Solar (Gregorian) date → lunar date.
    Lunar {
        /// YYYY-MM-DD.
        date: String,
    },
    /// Lunar date → solar date.
    Solar {
        /// YYYY-MM-DD, with L after the month for a leap month: 2025-06L-01.
        lunar_date: String,
    },
    /// Adds a business duration to an instant.
    Add {
        /// RFC 3339 instant, e.g. 2026-11-23T09:00:00+07:00.
        instant: String,
        /// Duration, e.g. 72h, 1h30m, 3d.
        duration: String,
    },
    /// Business time between two instants (negative when B is before A).
    Between {
        /// RFC 3339 instant.
        a: String,
        /// RFC 3339 instant.
        b: String,
    },
    /// The next working instant at or after an instant.
    Next {
        /// RFC 3339 instant.
        instant: String,
    },
}

/// Runs a `calendar` subcommand: `Ok(stdout text)` or `Err(message)` (exit code 2).
pub fn run(args: &CalendarArgs) -> Result<String, String> {
    let calendar = load(args.config.as_ref())?;
    match &args.command {
        CalendarCommand::Holidays { year } => holidays(&calendar, *year),
        CalendarCommand::Lunar { date } => {
            let d = parse_date(date)?;
            let l = to_lunar(d).map_err(|e| e.to_string())?;
            Ok(format!("{l}\t{}\n", describe(&l)))
        }
        CalendarCommand::Solar { lunar_date } => {
            let l: LunarDate = lunar_date
                .parse()
                .map_err(|e: quytrinh::calendar::CalendarError| e.to_string())?;
            let d = from_lunar(l).map_err(|e| e.to_string())?;
            Ok(format!("{d}\t{}\n", d.format("%a")))
        }
        CalendarCommand::Add { instant, duration } => {
            let t = parse_instant(instant)?;
            let d = parse_duration(duration)?;
            let r = calendar.add(t, d).map_err(|e| e.to_string())?;
            Ok(format!("{}\n", show(r)))
        }
        CalendarCommand::Between { a, b } => {
            let d = calendar.between(parse_instant(a)?, parse_instant(b)?);
            Ok(format!("{}\n", format_duration(d)))
        }
        CalendarCommand::Next { instant } => {
            let r = calendar
                .next_working_instant(parse_instant(instant)?)
                .map_err(|e| e.to_string())?;
            Ok(format!("{}\n", show(r)))
        }
    }
}

fn load(path: Option<&PathBuf>) -> Result<BusinessCalendar, String> {
    let Some(path) = path else {
        return Ok(BusinessCalendar::default());
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let config: CalendarConfig =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    BusinessCalendar::new(config).map_err(|e| format!("{}: {e}", path.display()))
}

fn holidays(calendar: &BusinessCalendar, year: i32) -> Result<String, String> {
    let days = calendar.holidays(year).map_err(|e| e.to_string())?;
    let rows: Vec<[String; 7]> = days
        .iter()
        .map(|h| {
            let mut vi = h.name_vi.clone();
            if let HolidayReason::InLieu { of } = h.reason {
                let _ = write!(vi, " ({of})");
            }
            let lunar = h.lunar.map(|l| l.to_string()).unwrap_or_default();
            let source = match h.source {
                HolidaySource::Rule => "rule",
                HolidaySource::Announcement => "announced",
                HolidaySource::Override => "override",
            };
            [
                h.date.to_string(),
                h.date.format("%a").to_string(),
                if h.is_day_off() { "off" } else { "work" }.to_owned(),
                source.to_owned(),
                vi,
                h.name_en.clone(),
                lunar,
            ]
        })
        .collect();
    let header = ["date", "weekday", "day", "source", "tên", "name", "âm lịch"].map(String::from);
    let mut widths = [0usize; 7];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = w - cell.chars().count();
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Ok(out)
}

fn describe(l: &LunarDate) -> String {
    let leap = if l.leap { " nhuận" } else { "" };
    format!(
        "ngày {} tháng {}{leap} năm {} ({})",
        l.day,
        l.month,
        l.year_name_vi(),
        l.year
    )
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("`{s}` is not a date like 2026-02-17: {e}"))
}

fn parse_instant(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            format!("`{s}` is not an RFC 3339 instant like 2026-11-23T09:00:00+07:00: {e}")
        })
}

fn show(t: DateTime<Utc>) -> String {
    FixedOffset::east_opt(7 * 3600)
        .map_or_else(|| t.to_rfc3339(), |vn| t.with_timezone(&vn).to_rfc3339())
}

/// Parses `72h`, `1h30m`, `3d`, `45s` (units d = 24 h, h, m, s).
pub fn parse_duration(s: &str) -> Result<TimeDelta, String> {
    let bad = || format!("`{s}` is not a duration like 72h, 1h30m or 3d");
    let mut total = TimeDelta::zero();
    let mut digits = String::new();
    let mut any = false;
    for c in s.trim().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: i64 = digits.parse().map_err(|_| bad())?;
        let part = match c {
            'd' => TimeDelta::try_days(n),
            'h' => TimeDelta::try_hours(n),
            'm' => TimeDelta::try_minutes(n),
            's' => TimeDelta::try_seconds(n),
            _ => None,
        }
        .ok_or_else(bad)?;
        total = total.checked_add(&part).ok_or_else(bad)?;
        digits.clear();
        any = true;
    }
    if !any || !digits.is_empty() {
        return Err(bad());
    }
    Ok(total)
}

/// Formats a duration as `72h`, `1h30m`, `-24h`, `0s`.
pub fn format_duration(d: TimeDelta) -> String {
    let sign = if d < TimeDelta::zero() { "-" } else { "" };
    let d = d.abs();
    let (h, m, s) = (d.num_hours(), d.num_minutes() % 60, d.num_seconds() % 60);
    let mut out = String::from(sign);
    if h > 0 {
        let _ = write!(out, "{h}h");
    }
    if m > 0 {
        let _ = write!(out, "{m}m");
    }
    if s > 0 || out.len() == sign.len() {
        let _ = write!(out, "{s}s");
    }
    out
}
