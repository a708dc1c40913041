//! Statutory holidays as versioned data, and the days off they give in a year.
//!
//! Each [`HolidayRule`] says which day(s) it gives, and the years it applies to
//! (`from_year` ..= `until_year`), so a rule added or changed by law applies from its year and
//! never rewrites the past. The default rules follow the Labour Code (Bộ luật Lao động) 2019,
//! Article 112, and the earlier codes for past years; see [`default_rules`].
//!
//! ```
//! use quytrinh::calendar::holidays::default_rules;
//! let rules = default_rules();
//! assert!(rules.iter().any(|r| r.id == "culture_day" && r.from_year == 2026));
//! ```

use crate::kernel::TaggedDeserialize;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::CalendarError;
use super::lunar::{self, LunarDate};

/// Which day(s) a rule gives in a year.
///
/// JSON: `{"kind": "solar", "month": 4, "day": 30}`, `{"kind": "lunar", "month": 3, "day": 10}`,
/// `{"kind": "lunar_new_year", "last_days_of_old_year": 1, "first_days_of_new_year": 4}`,
/// `{"kind": "solar_with_adjacent_day", "month": 9, "day": 2}`.
///
/// ```
/// use quytrinh::calendar::holidays::RuleDate;
/// let d: RuleDate = serde_json::from_str(r#"{"kind":"lunar","month":3,"day":10}"#).unwrap();
/// assert_eq!(d, RuleDate::Lunar { month: 3, day: 10 });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RuleDate {
    /// A fixed Gregorian date (29 February only in leap years).
    Solar {
        /// Month, 1–12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// A date of the lunar calendar (never in a leap month); day 30 of a 29-day month is
    /// taken as its last day.
    Lunar {
        /// Lunar month, 1–12.
        month: u32,
        /// Lunar day, 1–30.
        day: u32,
    },
    /// Tết Nguyên đán: the last days of the old lunar year and the first days of the new one.
    LunarNewYear {
        /// How many days at the end of the old lunar year (default 1: the 30th, or the 29th
        /// in a year whose 12th month is short).
        last_days_of_old_year: u32,
        /// How many days from the first day of the new lunar year (default 4).
        first_days_of_new_year: u32,
    },
    /// A fixed Gregorian date plus one adjacent day (Quốc khánh since 2021): the adjacent
    /// working day that bridges the holiday to a weekly day off (the day after is preferred),
    /// else the working day before, else the working day after, else the day before.
    SolarWithAdjacentDay {
        /// Month, 1–12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
}

/// A statutory holiday rule, valid from `from_year` to `until_year` (inclusive).
///
/// ```
/// use quytrinh::calendar::holidays::{HolidayRule, RuleDate};
/// let rule = HolidayRule {
///     id: "culture_day".into(),
///     name_vi: "Ngày Văn hóa Việt Nam".into(),
///     name_en: "Vietnam Culture Day".into(),
///     date: RuleDate::Solar { month: 11, day: 24 },
///     from_year: 2026,
///     until_year: None,
/// };
/// assert!(rule.applies_in(2026) && !rule.applies_in(2025));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HolidayRule {
    /// Stable identifier, e.g. `national_day`.
    pub id: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// The day(s) it gives.
    pub date: RuleDate,
    /// First year the rule applies.
    pub from_year: i32,
    /// Last year the rule applies, if it was replaced or repealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub until_year: Option<i32>,
}

impl HolidayRule {
    /// Whether the rule applies in a year.
    ///
    /// ```
    /// let rules = quytrinh::calendar::holidays::default_rules();
    /// assert!(rules.iter().any(|r| r.id == "hung_kings" && r.applies_in(2007)));
    /// assert!(!rules.iter().any(|r| r.id == "hung_kings" && r.applies_in(2006)));
    /// ```
    pub fn applies_in(&self, year: i32) -> bool {
        self.from_year <= year && self.until_year.is_none_or(|u| year <= u)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let id = &self.id;
        if id.is_empty() || self.name_vi.is_empty() || self.name_en.is_empty() {
            return Err(format!(
                "holiday rule `{id}` needs an id, name_vi and name_en"
            ));
        }
        if self.until_year.is_some_and(|u| u < self.from_year) {
            return Err(format!("holiday rule `{id}` ends before it starts"));
        }
        let ok = match self.date {
            RuleDate::Solar { month, day } | RuleDate::SolarWithAdjacentDay { month, day } => {
                NaiveDate::from_ymd_opt(2000, month, day).is_some()
            }
            RuleDate::Lunar { month, day } => (1..=12).contains(&month) && (1..=30).contains(&day),
            RuleDate::LunarNewYear {
                last_days_of_old_year: a,
                first_days_of_new_year: b,
            } => a <= 10 && b <= 15 && a + b > 0,
        };
        if ok {
            Ok(())
        } else {
            Err(format!("holiday rule `{id}` has an impossible date"))
        }
    }
}

fn rule(
    id: &str,
    vi: &str,
    en: &str,
    date: RuleDate,
    from: i32,
    until: Option<i32>,
) -> HolidayRule {
    HolidayRule {
        id: id.into(),
        name_vi: vi.into(),
        name_en: en.into(),
        date,
        from_year: from,
        until_year: until,
    }
}

/// The default rules: Labour Code 2019 Art. 112 (from 2021), with Vietnam Culture Day from
/// 2026 and the earlier codes for 1995–2020:
///
/// | id | day(s) | years |
/// |---|---|---|
/// | `new_year` | 1 January | 1995– |
/// | `lunar_new_year` | last day of the lunar year + first 3 days | 1995–2012 (Labour Code 1994: 4 days) |
/// | `lunar_new_year` | last day of the lunar year + first 4 days | 2013– (Labour Code 2012, 2019: 5 days) |
/// | `hung_kings` | 10/3 lunar | 2007– (amended Labour Code 2007) |
/// | `reunification_day` | 30 April | 1995– |
/// | `labour_day` | 1 May | 1995– |
/// | `national_day` | 2 September | 1995–2020 |
/// | `national_day` | 2 September + one adjacent day | 2021– (Labour Code 2019) |
/// | `culture_day` | 24 November | 2026– (Politburo Resolution 80, 2026) |
///
/// Before 1995 the default rules give no holiday.
///
/// ```
/// let rules = quytrinh::calendar::holidays::default_rules();
/// assert_eq!(rules.len(), 9);
/// ```
pub fn default_rules() -> Vec<HolidayRule> {
    let tet = |a, b| RuleDate::LunarNewYear {
        last_days_of_old_year: a,
        first_days_of_new_year: b,
    };
    let (tet_vi, tet_en) = ("Tết Nguyên đán", "Lunar New Year (Tết)");
    let (nd_vi, nd_en) = ("Quốc khánh", "National Day");
    vec![
        rule(
            "new_year",
            "Tết Dương lịch",
            "New Year's Day",
            RuleDate::Solar { month: 1, day: 1 },
            1995,
            None,
        ),
        rule(
            "lunar_new_year",
            tet_vi,
            tet_en,
            tet(1, 3),
            1995,
            Some(2012),
        ),
        rule("lunar_new_year", tet_vi, tet_en, tet(1, 4), 2013, None),
        rule(
            "hung_kings",
            "Giỗ Tổ Hùng Vương",
            "Hùng Kings' Commemoration Day",
            RuleDate::Lunar { month: 3, day: 10 },
            2007,
            None,
        ),
        rule(
            "reunification_day",
            "Ngày Chiến thắng (Giải phóng miền Nam)",
            "Reunification Day",
            RuleDate::Solar { month: 4, day: 30 },
            1995,
            None,
        ),
        rule(
            "labour_day",
            "Ngày Quốc tế Lao động",
            "International Labour Day",
            RuleDate::Solar { month: 5, day: 1 },
            1995,
            None,
        ),
        rule(
            "national_day",
            nd_vi,
            nd_en,
            RuleDate::Solar { month: 9, day: 2 },
            1995,
            Some(2020),
        ),
        rule(
            "national_day",
            nd_vi,
            nd_en,
            RuleDate::SolarWithAdjacentDay { month: 9, day: 2 },
            2021,
            None,
        ),
        rule(
            "culture_day",
            "Ngày Văn hóa Việt Nam",
            "Vietnam Culture Day",
            RuleDate::Solar { month: 11, day: 24 },
            2026,
            None,
        ),
    ]
}

/// Why a date is listed: why it is a day off, or why a weekly day off is worked.
///
/// ```
/// use quytrinh::calendar::holidays::HolidayReason;
/// let json = serde_json::to_string(&HolidayReason::Statutory).unwrap();
/// assert_eq!(json, r#"{"kind":"statutory"}"#);
/// let swap = HolidayReason::Swapped { working_day: "2024-05-04".parse().unwrap() };
/// assert_eq!(serde_json::to_string(&swap).unwrap(), r#"{"kind":"swapped","working_day":"2024-05-04"}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum HolidayReason {
    /// A day of the holiday itself (a rule's day, the adjacent day of Quốc khánh, or a day
    /// of an announced break).
    Statutory,
    /// A day off in lieu (nghỉ bù) of a holiday that fell on a weekly day off.
    InLieu {
        /// The holiday's own date.
        of: NaiveDate,
    },
    /// A working day given off in exchange for a weekly day off worked (hoán đổi, announced):
    /// "Ngày nghỉ (thay cho ngày …)".
    Swapped {
        /// The weekly day off worked instead.
        working_day: NaiveDate,
    },
    /// A day off the host set (`extra_days_off`, e.g. an employer's own bridge day).
    HostDayOff,
    /// Not a day off: a weekly day off (or a holiday) that is worked, either announced in
    /// exchange for a day off (`in_exchange_for`) or set by the host (`extra_working_days`).
    WorkingDay {
        /// The day given off in exchange, for an announced swap.
        in_exchange_for: Option<NaiveDate>,
    },
}

/// Where a listed day comes from. Precedence: an override wins over an announcement, which
/// wins over the rules.
///
/// ```
/// use quytrinh::calendar::HolidaySource;
/// assert_eq!(serde_json::to_string(&HolidaySource::Announcement).unwrap(), r#""announcement""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum HolidaySource {
    /// A holiday rule of the configuration (and its days in lieu).
    Rule,
    /// The built-in announced schedule of the year ([`announced`](super::announced)).
    Announcement,
    /// The host's `extra_days_off` / `extra_working_days`.
    Override,
}

/// A listed day of a year, as given by
/// [`BusinessCalendar::holidays`](super::BusinessCalendar::holidays): a day off, or a
/// weekly day off that is worked ([`HolidayReason::WorkingDay`]).
///
/// ```
/// use quytrinh::calendar::{BusinessCalendar, HolidaySource};
/// let days = BusinessCalendar::default().holidays(2026).unwrap();
/// let culture = days.iter().find(|h| h.rule_id.as_deref() == Some("culture_day")).unwrap();
/// assert_eq!(culture.name_en, "Vietnam Culture Day");
/// assert_eq!(culture.source, HolidaySource::Rule);
/// assert!(culture.is_day_off());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Holiday {
    /// The date.
    pub date: NaiveDate,
    /// The holiday it belongs to (a rule id; `None` for the host's own days).
    pub rule_id: Option<String>,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// The lunar date, for the days of lunar holidays (Tết, Giỗ Tổ Hùng Vương).
    pub lunar: Option<LunarDate>,
    /// Why the date is listed.
    pub reason: HolidayReason,
    /// Where it comes from: a rule, the year's announcement, or a host override.
    pub source: HolidaySource,
    /// Whether the date is off: false only for a worked weekly day off or holiday
    /// ([`HolidayReason::WorkingDay`]).
    pub day_off: bool,
    /// For a holiday on a weekly day off: the day off given in lieu.
    pub day_off_in_lieu: Option<NaiveDate>,
}

impl Holiday {
    /// Whether the date is a day off (every listed day but a worked one).
    ///
    /// ```
    /// use quytrinh::calendar::BusinessCalendar;
    /// let days = BusinessCalendar::default().holidays(2024).unwrap();
    /// let saturday = days.iter().find(|h| h.date.to_string() == "2024-05-04").unwrap();
    /// assert!(!saturday.is_day_off()); // worked in exchange for Monday 29 April
    /// ```
    pub fn is_day_off(&self) -> bool {
        self.day_off
    }
}

/// One day a rule gives: the date, the index of the rule, the lunar date if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub date: NaiveDate,
    pub rule: usize,
    pub lunar: Option<LunarDate>,
    /// `Some(of)` for a day in lieu.
    pub in_lieu_of: Option<NaiveDate>,
    /// The adjacent day of a [`RuleDate::SolarWithAdjacentDay`].
    pub adjacent: bool,
}

/// Weekly pattern: bit `n` set when weekday `n` (Monday = 0) is a working day.
pub(crate) fn is_weekly_working(mask: u8, date: NaiveDate) -> bool {
    mask >> date.weekday().num_days_from_monday() & 1 == 1
}

fn add_days(date: NaiveDate, n: i64) -> NaiveDate {
    let d = Days::new(n.unsigned_abs());
    let moved = if n >= 0 {
        date.checked_add_days(d)
    } else {
        date.checked_sub_days(d)
    };
    moved.unwrap_or(date)
}

fn adjacent_day(mask: u8, date: NaiveDate) -> NaiveDate {
    let works = |n: i64| is_weekly_working(mask, add_days(date, n));
    if works(1) && !works(2) {
        add_days(date, 1)
    } else if works(-1) || !works(1) {
        add_days(date, -1)
    } else {
        add_days(date, 1)
    }
}

/// The days the rules give in `year` (before days in lieu), in no particular order.
fn rule_days(rules: &[HolidayRule], mask: u8, year: i32, out: &mut Vec<Occurrence>) {
    let plain = |date, rule, lunar| Occurrence {
        date,
        rule,
        lunar,
        in_lieu_of: None,
        adjacent: false,
    };
    for (i, r) in rules.iter().enumerate().filter(|(_, r)| r.applies_in(year)) {
        match r.date {
            RuleDate::Solar { month, day } => {
                out.extend(NaiveDate::from_ymd_opt(year, month, day).map(|d| plain(d, i, None)));
            }
            RuleDate::SolarWithAdjacentDay { month, day } => {
                if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
                    out.push(plain(d, i, None));
                    out.push(Occurrence {
                        adjacent: true,
                        ..plain(adjacent_day(mask, d), i, None)
                    });
                }
            }
            RuleDate::Lunar { month, day } => {
                for lunar_year in [year - 1, year] {
                    if let Some((d, l)) =
                        lunar_day(lunar_year, month, day).filter(|(d, _)| d.year() == year)
                    {
                        out.push(plain(d, i, Some(l)));
                    }
                }
            }
            RuleDate::LunarNewYear {
                last_days_of_old_year: a,
                first_days_of_new_year: b,
            } => {
                let Ok(tet) = lunar::tet(year) else { continue };
                for n in -i64::from(a)..i64::from(b) {
                    let d = add_days(tet, n);
                    out.push(plain(d, i, lunar::to_lunar(d).ok()));
                }
            }
        }
    }
}

/// The solar date of lunar `month`/`day` of a lunar year (day 30 → the month's last day).
fn lunar_day(year: i32, month: u32, day: u32) -> Option<(NaiveDate, LunarDate)> {
    let d = LunarDate::new(year, month, day, false);
    match lunar::from_lunar(d) {
        Ok(s) => Some((s, d)),
        Err(_) if day == 30 => lunar_day(year, month, 29),
        Err(_) => None,
    }
}

/// The rule days and days in lieu located in `year`, sorted by date, deduplicated.
///
/// Days in lieu are given in date order: a rule day on a weekly day off gives the next day
/// that is a weekly working day, not a rule day, and not already given in lieu. The rule days
/// of the previous year take part, so a late-December holiday's day in lieu in January is
/// found.
pub(crate) fn year_days(
    rules: &[HolidayRule],
    mask: u8,
    in_lieu: bool,
    year: i32,
) -> Result<Vec<Occurrence>, CalendarError> {
    if !(super::FIRST_YEAR..=super::LAST_YEAR).contains(&year) {
        return Err(CalendarError::OutOfRange {
            reason: format!("year {year} is outside 1900–2199"),
        });
    }
    let mut days = Vec::with_capacity(16);
    rule_days(rules, mask, year - 1, &mut days);
    rule_days(rules, mask, year, &mut days);
    days.sort_by_key(|o| (o.date, o.rule));
    days.dedup_by_key(|o| o.date);
    if in_lieu && mask != 0 {
        let rule_count = days.len();
        for i in 0..rule_count {
            let of = days[i].date;
            if is_weekly_working(mask, of) {
                continue;
            }
            let mut candidate = add_days(of, 1);
            while !is_weekly_working(mask, candidate) || days.iter().any(|o| o.date == candidate) {
                candidate = add_days(candidate, 1);
            }
            days.push(Occurrence {
                date: candidate,
                rule: days[i].rule,
                lunar: None,
                in_lieu_of: Some(of),
                adjacent: false,
            });
        }
    }
    days.retain(|o| o.date.year() == year);
    days.sort_by_key(|o| o.date);
    Ok(days)
}
