//! [`BusinessCalendar::holidays`]: the listed days of a year and where each comes from.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::BusinessCalendar;
use crate::calendar::announced::{self, AnnouncedDay};
use crate::calendar::holidays::{
    Holiday, HolidayReason, HolidaySource, Occurrence, RuleDate, default_rules, is_weekly_working,
};
use crate::calendar::lunar::{self, FIRST_DATE, LAST_DATE};
use crate::calendar::{CalendarError, LAST_YEAR};

/// A listed day with no lunar date and no day in lieu.
fn entry(
    date: NaiveDate,
    rule_id: Option<String>,
    (name_vi, name_en): (String, String),
    reason: HolidayReason,
    source: HolidaySource,
) -> Holiday {
    Holiday {
        date,
        rule_id,
        name_vi,
        name_en,
        lunar: None,
        day_off: !matches!(reason, HolidayReason::WorkingDay { .. }),
        reason,
        source,
        day_off_in_lieu: None,
    }
}

impl BusinessCalendar {
    /// A rule's day as listed.
    fn rule_holiday(&self, o: &Occurrence, source: HolidaySource) -> Holiday {
        let rule = &self.config.holiday_rules[o.rule];
        let (names, reason) = match o.in_lieu_of {
            Some(of) => (
                (
                    format!("Nghỉ bù {}", rule.name_vi),
                    format!("{} (day off in lieu)", rule.name_en),
                ),
                HolidayReason::InLieu { of },
            ),
            None if o.adjacent => (
                (
                    format!("{} (ngày liền kề)", rule.name_vi),
                    format!("{} (adjacent day)", rule.name_en),
                ),
                HolidayReason::Statutory,
            ),
            None => (
                (rule.name_vi.clone(), rule.name_en.clone()),
                HolidayReason::Statutory,
            ),
        };
        Holiday {
            lunar: o.lunar,
            ..entry(o.date, Some(rule.id.clone()), names, reason, source)
        }
    }

    /// A day of an announced break that no rule names: the holiday's own name (from this
    /// calendar's rules, else the default ones).
    fn announced_holiday(&self, date: NaiveDate, id: &str) -> Holiday {
        let defaults = default_rules();
        let rule = self
            .config
            .holiday_rules
            .iter()
            .find(|r| r.id == id)
            .or_else(|| {
                defaults
                    .iter()
                    .find(|r| r.id == id && r.applies_in(date.year()))
            });
        let is_lunar = rule.is_some_and(|r| {
            matches!(
                r.date,
                RuleDate::Lunar { .. } | RuleDate::LunarNewYear { .. }
            )
        });
        let names = rule.map_or_else(
            || ("Ngày nghỉ lễ".to_owned(), "Public holiday".to_owned()),
            |r| (r.name_vi.clone(), r.name_en.clone()),
        );
        Holiday {
            lunar: lunar::to_lunar(date).ok().filter(|_| is_lunar),
            ..entry(
                date,
                Some(id.to_owned()),
                names,
                HolidayReason::Statutory,
                HolidaySource::Announcement,
            )
        }
    }

    /// What an announced date is listed as (`None`: a weekly day off of a break that no rule
    /// gives, not listed).
    fn announced_entry(
        &self,
        date: NaiveDate,
        day: AnnouncedDay,
        occurrences: &[Occurrence],
    ) -> Option<Holiday> {
        let period = day.period();
        let id = period.covers.first().map_or("", String::as_str);
        let announced = |names, reason| {
            entry(
                date,
                Some(id.to_owned()),
                names,
                reason,
                HolidaySource::Announcement,
            )
        };
        match day {
            AnnouncedDay::SwappedOff(_, working_day) => {
                let on = announced::vietnamese_date(working_day);
                Some(announced(
                    (
                        format!("Ngày nghỉ (thay cho ngày {on})"),
                        format!("Day off (in exchange for {on})"),
                    ),
                    HolidayReason::Swapped { working_day },
                ))
            }
            AnnouncedDay::Working(_, day_off) => {
                let on = announced::vietnamese_date(day_off);
                Some(announced(
                    (
                        format!("Ngày làm việc bù (cho ngày {on})"),
                        format!("Working day (in exchange for {on})"),
                    ),
                    HolidayReason::WorkingDay {
                        in_exchange_for: Some(day_off),
                    },
                ))
            }
            AnnouncedDay::Off(_) => {
                let rules = &self.config.holiday_rules;
                let named = occurrences
                    .iter()
                    .find(|o| o.date == date && period.covers.contains(&rules[o.rule].id));
                match named {
                    Some(o) => Some(self.rule_holiday(o, HolidaySource::Announcement)),
                    None if is_weekly_working(self.mask, date) => {
                        Some(self.announced_holiday(date, id))
                    }
                    None => None,
                }
            }
        }
    }

    /// The host's days off and working days of `year`, over everything listed.
    fn apply_overrides(&self, year: i32, out: &mut BTreeMap<NaiveDate, Holiday>) {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(FIRST_DATE);
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(LAST_DATE);
        for d in self.extra_off.range(first..=last) {
            if out.get(d).is_none_or(|h| !h.is_day_off()) {
                let names = (
                    "Ngày nghỉ theo lịch của đơn vị".to_owned(),
                    "Day off (host schedule)".to_owned(),
                );
                let host = HolidayReason::HostDayOff;
                out.insert(*d, entry(*d, None, names, host, HolidaySource::Override));
            }
        }
        for d in self.extra_work.range(first..=last) {
            let displaced = out.get(d).filter(|h| h.is_day_off());
            if displaced.is_none() && is_weekly_working(self.mask, *d) {
                // A working weekday anyway: nothing to list.
                out.remove(d);
                continue;
            }
            let rule_id = displaced.and_then(|h| h.rule_id.clone());
            let names = (
                "Ngày làm việc theo lịch của đơn vị".to_owned(),
                "Working day (host schedule)".to_owned(),
            );
            let worked = HolidayReason::WorkingDay {
                in_exchange_for: None,
            };
            out.insert(
                *d,
                entry(*d, rule_id, names, worked, HolidaySource::Override),
            );
        }
    }

    /// The listed days of a year, in date order: every day off other than the weekly ones
    /// (each day a holiday rule gives, even on a weekly day off; each day in lieu; each day of
    /// an announced break that is a working weekday or a rule's day; each swapped day off;
    /// each host day off), and each weekly day off (or holiday) that is worked: a Saturday
    /// swapped by announcement, a host working day. Each says where it comes from
    /// ([`HolidaySource`]) and why ([`HolidayReason`]); [`Holiday::is_day_off`] tells the
    /// worked ones apart.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use quytrinh::calendar::{BusinessCalendar, HolidayReason, HolidaySource};
    /// let days = BusinessCalendar::default().holidays(2026).unwrap();
    /// let tet = days.iter().find(|h| h.lunar.is_some_and(|l| l.month == 1 && l.day == 1)).unwrap();
    /// assert_eq!(tet.date, NaiveDate::from_ymd_opt(2026, 2, 17).unwrap());
    /// assert_eq!(tet.name_vi, "Tết Nguyên đán");
    /// assert_eq!(tet.source, HolidaySource::Announcement);
    /// let swap = days.iter().find(|h| h.date.to_string() == "2026-08-31").unwrap();
    /// assert_eq!(swap.name_vi, "Ngày nghỉ (thay cho ngày 22/08/2026)");
    /// assert_eq!(swap.name_en, "Day off (in exchange for 22/08/2026)");
    /// let worked = days.iter().find(|h| h.date.to_string() == "2026-08-22").unwrap();
    /// assert!(matches!(worked.reason, HolidayReason::WorkingDay { .. }) && !worked.is_day_off());
    /// ```
    pub fn holidays(&self, year: i32) -> Result<Vec<Holiday>, CalendarError> {
        let occurrences = self.occurrences(year)?;
        let following = if year < LAST_YEAR {
            self.occurrences(year + 1)?
        } else {
            Vec::new()
        };
        let mut out: BTreeMap<NaiveDate, Holiday> = BTreeMap::new();
        for o in occurrences.iter().filter(|o| !self.replaced(o)) {
            out.entry(o.date)
                .or_insert_with(|| self.rule_holiday(o, HolidaySource::Rule));
        }
        if self.config.announced_schedules {
            for (date, day) in announced::index().in_year(year) {
                if let Some(h) = self.announced_entry(date, day, &occurrences) {
                    out.insert(date, h);
                }
            }
        }
        self.apply_overrides(year, &mut out);
        for h in out.values_mut() {
            if h.reason == HolidayReason::Statutory && !is_weekly_working(self.mask, h.date) {
                h.day_off_in_lieu = occurrences
                    .iter()
                    .chain(&following)
                    .find(|x| x.in_lieu_of == Some(h.date))
                    .map(|x| x.date)
                    .filter(|d| self.is_day_off(*d));
            }
        }
        Ok(out.into_values().collect())
    }
}
