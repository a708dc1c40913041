//! The holiday schedules the Government of Vietnam announced, year by year (data).
//!
//! Every year the government announces how the statutory holidays are taken by civil
//! servants and public employees (cán bộ, công chức, viên chức) of State agencies with a
//! Monday–Friday week: which days Tết really covers, bridge days, and weekly days off worked
//! in exchange (hoán đổi). The schedules of 2010–2026 are built in, from
//! `core/data/announced_holidays.json`; each period there names the page its dates come from
//! and, where one was found, a second page that confirms them.
//!
//! A [`BusinessCalendar`](super::BusinessCalendar) applies them unless its configuration
//! says `announced_schedules: false`. Precedence: the host's overrides
//! (`extra_days_off`, `extra_working_days`) > the announced schedule of that year > the
//! rules. An announcement replaces the rules of the holidays it names (its periods'
//! [`covers`](AnnouncedPeriod::covers)) for its year; the other holidays of that year, and
//! every year without an announcement, follow the rules.
//!
//! ```
//! use quytrinh::calendar::announced;
//! let tet_2024 = announced::year(2024).unwrap().periods.iter()
//!     .find(|p| p.covers == ["lunar_new_year"]).unwrap();
//! assert_eq!((tet_2024.from.to_string(), tet_2024.to.to_string()),
//!            ("2024-02-08".to_owned(), "2024-02-14".to_owned()));
//! assert!(tet_2024.source.starts_with("https://"));
//! ```

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The data file, built into the library.
const DATA: &str = include_str!("../../data/announced_holidays.json");

/// The built-in announced schedules: what they are, whom they apply to, and the years.
///
/// ```
/// let all = quytrinh::calendar::announced::schedules();
/// assert!(all.applies_to.contains("công chức"));
/// assert_eq!(all.years.first().map(|y| y.year), Some(2010));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncedSchedules {
    /// What the data is, in words.
    pub about: String,
    /// Whom the schedules apply to.
    pub applies_to: String,
    /// The years, in order.
    pub years: Vec<AnnouncedYear>,
}

/// The announced schedule of one year.
///
/// ```
/// let y = quytrinh::calendar::announced::year(2026).unwrap();
/// assert!(y.periods.iter().any(|p| p.covers == ["national_day"]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncedYear {
    /// The year the announcement is for (its New Year break may start in December before).
    pub year: i32,
    /// The announced breaks.
    pub periods: Vec<AnnouncedPeriod>,
}

/// One announced break: every date from `from` to `to` is off (weekends inside included),
/// plus the swaps.
///
/// ```
/// let y = quytrinh::calendar::announced::year(2024).unwrap();
/// let april = y.periods.iter().find(|p| p.covers.contains(&"labour_day".to_owned())).unwrap();
/// assert_eq!(april.swaps[0].day_off.to_string(), "2024-04-29");
/// assert_eq!(april.swaps[0].working_day.to_string(), "2024-05-04");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncedPeriod {
    /// The holidays (rule ids of [`default_rules`](super::holidays::default_rules)) the break
    /// is for; their rules give nothing in this year.
    pub covers: Vec<String>,
    /// The first day off.
    pub from: NaiveDate,
    /// The last day off.
    pub to: NaiveDate,
    /// Working days given off in exchange for weekly days off worked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub swaps: Vec<Swap>,
    /// Where the dates come from (a URL, or `github:owner/repo path` for a published dataset).
    pub source: String,
    /// A second, independent page that confirms the dates, where one was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_check: Option<String>,
    /// A remark on the source or the dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A swap (hoán đổi): `day_off`, a working day, is off; `working_day`, a weekly day off, is
/// worked in exchange.
///
/// ```
/// use quytrinh::calendar::announced::Swap;
/// let s: Swap = serde_json::from_str(r#"{"day_off":"2026-08-31","working_day":"2026-08-22"}"#).unwrap();
/// assert_eq!(s.working_day.to_string(), "2026-08-22");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Swap {
    /// The working day given off.
    pub day_off: NaiveDate,
    /// The weekly day off worked in exchange.
    pub working_day: NaiveDate,
}

/// The built-in schedules (parsed once).
///
/// ```
/// let years = &quytrinh::calendar::announced::schedules().years;
/// assert!(years.windows(2).all(|w| w[0].year < w[1].year));
/// ```
pub fn schedules() -> &'static AnnouncedSchedules {
    static PARSED: OnceLock<AnnouncedSchedules> = OnceLock::new();
    // The data is checked by the tests; a build whose file did not parse announces nothing.
    PARSED.get_or_init(|| serde_json::from_str(DATA).unwrap_or_default())
}

/// The announced schedule of `year`, if the data has one.
///
/// ```
/// use quytrinh::calendar::announced;
/// assert!(announced::year(2023).is_some());
/// assert!(announced::year(2009).is_none());
/// ```
pub fn year(year: i32) -> Option<&'static AnnouncedYear> {
    schedules().years.iter().find(|y| y.year == year)
}

/// What an announcement makes of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AnnouncedDay {
    /// A day of a break.
    Off(&'static AnnouncedPeriod),
    /// A working day given off in exchange for `working_day`.
    SwappedOff(&'static AnnouncedPeriod, NaiveDate),
    /// A weekly day off worked in exchange for `day_off`.
    Working(&'static AnnouncedPeriod, NaiveDate),
}

impl AnnouncedDay {
    pub(crate) fn period(self) -> &'static AnnouncedPeriod {
        match self {
            Self::Off(p) | Self::SwappedOff(p, _) | Self::Working(p, _) => p,
        }
    }

    pub(crate) fn is_off(self) -> bool {
        !matches!(self, Self::Working(..))
    }
}

/// The schedules by date, and the holidays each year's announcement covers.
pub(crate) struct Index {
    days: BTreeMap<NaiveDate, AnnouncedDay>,
    covered: BTreeMap<i32, Vec<&'static str>>,
}

impl Index {
    /// Whether the announcement of `year` replaces the rule `rule_id` in that year.
    pub(crate) fn covers(&self, year: i32, rule_id: &str) -> bool {
        self.covered
            .get(&year)
            .is_some_and(|ids| ids.contains(&rule_id))
    }

    /// The announced dates of a calendar year, in order.
    pub(crate) fn in_year(&self, year: i32) -> impl Iterator<Item = (NaiveDate, AnnouncedDay)> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1);
        let last = NaiveDate::from_ymd_opt(year, 12, 31);
        first
            .zip(last)
            .into_iter()
            .flat_map(|(a, b)| self.days.range(a..=b).map(|(d, x)| (*d, *x)))
    }
}

/// The index of the built-in schedules (built once).
pub(crate) fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut days = BTreeMap::new();
        let mut covered: BTreeMap<i32, Vec<&'static str>> = BTreeMap::new();
        for y in &schedules().years {
            for p in &y.periods {
                covered
                    .entry(y.year)
                    .or_default()
                    .extend(p.covers.iter().map(String::as_str));
                for d in p.from.iter_days().take_while(|d| *d <= p.to) {
                    days.insert(d, AnnouncedDay::Off(p));
                }
                for s in &p.swaps {
                    days.insert(s.day_off, AnnouncedDay::SwappedOff(p, s.working_day));
                    days.insert(s.working_day, AnnouncedDay::Working(p, s.day_off));
                }
            }
        }
        Index { days, covered }
    })
}

/// `dd/mm/yyyy`, as announcements write dates.
pub(crate) fn vietnamese_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}
