//! The announced schedules of civil servants (cán bộ, công chức, viên chức), 2010–2026:
//! the default calendar against the list they were built from, year by year; a second
//! source where one was found; the precedence host overrides > announcement > rules.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, Utc, Weekday};
use proptest::prelude::*;
use quytrinh::calendar::announced;
use quytrinh::calendar::{BusinessCalendar, CalendarConfig, HolidayReason, HolidaySource};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn rules_only() -> BusinessCalendar {
    BusinessCalendar::new(CalendarConfig {
        announced_schedules: false,
        ..CalendarConfig::default()
    })
    .unwrap()
}

fn weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn days_of(year: i32) -> impl Iterator<Item = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    first.iter_days().take_while(move |d| d.year() == year)
}

/// A year as the calendar has it: the weekdays off, and the weekend days worked.
fn schedule(c: &BusinessCalendar, year: i32) -> (BTreeSet<NaiveDate>, BTreeSet<NaiveDate>) {
    let off = days_of(year)
        .filter(|d| !weekend(*d) && c.is_day_off(*d))
        .collect();
    let worked = days_of(year)
        .filter(|d| weekend(*d) && !c.is_day_off(*d))
        .collect();
    (off, worked)
}

/// Each year as announced (rules for the holidays no announcement names): the weekdays
/// off and the weekend days worked, typed from the sources named in
/// `core/data/announced_holidays.json`, not computed.
const AS_ANNOUNCED: &[(i32, &[&str], &[&str])] = &[
    (
        2010,
        &[
            "01-01", "02-15", "02-16", "02-17", "02-18", "02-19", "04-23", "04-30", "05-03",
            "09-02", "09-03",
        ],
        &["02-27", "09-11"],
    ),
    (
        2011,
        &[
            "01-03", "01-31", "02-01", "02-02", "02-03", "02-04", "02-07", "04-11", "04-12",
            "05-02", "05-03", "09-02",
        ],
        &["01-29", "01-30", "04-09"],
    ),
    (
        2012,
        &[
            "01-02", "01-23", "01-24", "01-25", "01-26", "01-27", "04-02", "04-30", "05-01",
            "09-03", "12-31",
        ],
        &["02-04"],
    ),
    (
        2013,
        &[
            "01-01", "02-11", "02-12", "02-13", "02-14", "02-15", "04-19", "04-29", "04-30",
            "05-01", "09-02",
        ],
        &["01-05", "02-23", "05-04"],
    ),
    (
        2014,
        &[
            "01-01", "01-28", "01-29", "01-30", "01-31", "02-03", "02-04", "02-05", "04-09",
            "04-30", "05-01", "05-02", "09-01", "09-02",
        ],
        &["01-25", "02-08", "04-26", "09-06", "12-27"],
    ),
    (
        2015,
        &[
            "01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "02-23", "04-28",
            "04-29", "04-30", "05-01", "09-02",
        ],
        &["02-14", "04-25"],
    ),
    (
        2016,
        &[
            "01-01", "02-08", "02-09", "02-10", "02-11", "02-12", "04-18", "05-02", "05-03",
            "09-02",
        ],
        &[],
    ),
    (
        2017,
        &[
            "01-02", "01-26", "01-27", "01-30", "01-31", "02-01", "04-06", "05-01", "05-02",
            "09-04",
        ],
        &[],
    ),
    (
        2018,
        &[
            "01-01", "02-14", "02-15", "02-16", "02-19", "02-20", "04-25", "04-30", "05-01",
            "09-03", "12-31",
        ],
        &[],
    ),
    (
        2019,
        &[
            "01-01", "02-04", "02-05", "02-06", "02-07", "02-08", "04-15", "04-29", "04-30",
            "05-01", "09-02",
        ],
        &["01-05", "05-04"],
    ),
    (
        2020,
        &[
            "01-01", "01-23", "01-24", "01-27", "01-28", "01-29", "04-02", "04-30", "05-01",
            "09-02",
        ],
        &[],
    ),
    (
        2021,
        &[
            "01-01", "02-10", "02-11", "02-12", "02-15", "02-16", "04-21", "04-30", "05-03",
            "09-02", "09-03",
        ],
        &[],
    ),
    (
        2022,
        &[
            "01-03", "01-31", "02-01", "02-02", "02-03", "02-04", "04-11", "05-02", "05-03",
            "09-01", "09-02",
        ],
        &[],
    ),
    (
        2023,
        &[
            "01-02", "01-20", "01-23", "01-24", "01-25", "01-26", "05-01", "05-02", "05-03",
            "09-01", "09-04",
        ],
        &[],
    ),
    (
        2024,
        &[
            "01-01", "02-08", "02-09", "02-12", "02-13", "02-14", "04-18", "04-29", "04-30",
            "05-01", "09-02", "09-03",
        ],
        &["05-04"],
    ),
    (
        2025,
        &[
            "01-01", "01-27", "01-28", "01-29", "01-30", "01-31", "04-07", "04-30", "05-01",
            "05-02", "09-01", "09-02",
        ],
        &["04-26"],
    ),
    (
        2026,
        &[
            "01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "04-27", "04-30",
            "05-01", "08-31", "09-01", "09-02", "11-24",
        ],
        &["01-10", "08-22"],
    ),
];

fn in_year(year: i32, days: &[&str]) -> BTreeSet<NaiveDate> {
    days.iter().map(|d| date(&format!("{year}-{d}"))).collect()
}

#[test]
fn every_year_2010_2026_is_as_announced() {
    let c = BusinessCalendar::default();
    let mut failures = Vec::new();
    for &(year, off, worked) in AS_ANNOUNCED {
        let (got_off, got_worked) = schedule(&c, year);
        let (want_off, want_worked) = (in_year(year, off), in_year(year, worked));
        if got_off != want_off {
            failures.push(format!(
                "{year} days off: extra {:?}, missing {:?}",
                got_off.difference(&want_off).collect::<Vec<_>>(),
                want_off.difference(&got_off).collect::<Vec<_>>()
            ));
        }
        if got_worked != want_worked {
            failures.push(format!(
                "{year} weekend days worked: {got_worked:?}, want {want_worked:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(AS_ANNOUNCED.len(), 17);
}

#[test]
fn the_rules_alone_agree_with_the_announcements_in_few_years() {
    // What hosts had before: the rules, with no announcement typed in.
    let c = rules_only();
    let agreeing: Vec<i32> = AS_ANNOUNCED
        .iter()
        .filter(|&&(year, off, worked)| {
            schedule(&c, year) == (in_year(year, off), in_year(year, worked))
        })
        .map(|&(year, _, _)| year)
        .collect();
    assert_eq!(agreeing, [2016, 2022], "years the rules alone got right");
}

/// What a second, independent source says (see `cross_check` in the data file): dates
/// off (`from`–`to` inclusive, weekends included) and weekly days off worked.
struct CrossCheck {
    source: &'static str,
    off: &'static [(&'static str, &'static str)],
    not_off: &'static [&'static str],
    worked: &'static [&'static str],
}

const CROSS_CHECKS: &[CrossCheck] = &[
    CrossCheck {
        source: "vacanza/holidays special_public_holidays 2010",
        off: &[("2010-02-19", "2010-02-19")],
        not_off: &[],
        worked: &["2010-02-27"],
    },
    CrossCheck {
        source: "giaoduc.edu.vn, Quốc khánh 2010",
        off: &[("2010-09-02", "2010-09-03")],
        not_off: &[],
        worked: &["2010-09-11"],
    },
    CrossCheck {
        source: "vacanza/holidays special_public_holidays 2012",
        off: &[("2012-01-27", "2012-01-27")],
        not_off: &[],
        worked: &["2012-02-04"],
    },
    CrossCheck {
        source: "vacanza/holidays special_public_holidays 2013",
        off: &[("2013-04-29", "2013-04-29")],
        not_off: &[],
        worked: &["2013-05-04"],
    },
    CrossCheck {
        source: "laodong.com.vn, Tết Giáp Ngọ 2014",
        off: &[("2014-01-28", "2014-02-05")],
        not_off: &["2014-02-06"],
        worked: &["2014-01-25", "2014-02-08"],
    },
    CrossCheck {
        source: "vacanza/holidays special_public_holidays 2014",
        off: &[("2014-05-02", "2014-05-02"), ("2014-09-01", "2014-09-01")],
        not_off: &[],
        worked: &["2014-04-26", "2014-09-06"],
    },
    CrossCheck {
        source: "baomoi.com, Tết Dương lịch 2015",
        off: &[("2015-01-01", "2015-01-04")],
        not_off: &[],
        worked: &["2014-12-27"],
    },
    CrossCheck {
        source: "cand.com.vn, Tết 2015 option 1",
        off: &[("2015-02-15", "2015-02-23")],
        not_off: &["2015-02-24"],
        worked: &["2015-02-14"],
    },
    CrossCheck {
        source: "vacanza/holidays special_public_holidays 2015",
        off: &[("2015-04-29", "2015-04-29")],
        not_off: &[],
        worked: &["2015-04-25"],
    },
    CrossCheck {
        source: "khachsandanang.net.vn, Tết Bính Thân 2016",
        off: &[("2016-02-06", "2016-02-14")],
        not_off: &["2016-02-15"],
        worked: &[],
    },
    CrossCheck {
        source: "batgt.camau.gov.vn, Tết Đinh Dậu 2017",
        off: &[("2017-01-26", "2017-02-01")],
        not_off: &["2017-01-25", "2017-02-02"],
        worked: &[],
    },
    CrossCheck {
        source: "vacanza/holidays VN_COMMON.json, Tết 2018",
        off: &[("2018-02-14", "2018-02-20")],
        not_off: &["2018-02-21"],
        worked: &[],
    },
    CrossCheck {
        source: "vacanza/holidays special_public_holidays 2018 and 2019 (6519/VPCP-KGVX)",
        off: &[("2018-12-31", "2018-12-31"), ("2019-04-29", "2019-04-29")],
        not_off: &[],
        worked: &["2019-01-05", "2019-05-04"],
    },
    CrossCheck {
        source: "vietnamnews.vn, Tết 2019",
        off: &[("2019-02-02", "2019-02-10")],
        not_off: &[],
        worked: &[],
    },
    CrossCheck {
        source: "socongthuong.daklak.gov.vn, Tết 2020",
        off: &[("2020-01-23", "2020-01-29")],
        not_off: &["2020-01-30"],
        worked: &[],
    },
    CrossCheck {
        source: "vacanza/holidays VN_COMMON.json, Tết 2021",
        off: &[("2021-02-10", "2021-02-16")],
        not_off: &["2021-02-17"],
        worked: &[],
    },
    CrossCheck {
        source: "wikihoc.com, Tết Nhâm Dần 2022",
        off: &[("2022-01-29", "2022-02-06")],
        not_off: &[],
        worked: &[],
    },
    CrossCheck {
        source: "SWPSU23/SWP-BE holidays.js, Tết 2023",
        off: &[("2023-01-20", "2023-01-26")],
        not_off: &["2023-01-27"],
        worked: &[],
    },
    CrossCheck {
        source: "kinhtedothi.vn, Tết 2024",
        off: &[("2024-02-08", "2024-02-14")],
        not_off: &["2024-02-15"],
        worked: &[],
    },
    CrossCheck {
        source: "vacanza/holidays special_public_holidays 2024 (2450/VPCP-KGVX)",
        off: &[("2024-04-29", "2024-04-29")],
        not_off: &[],
        worked: &["2024-05-04"],
    },
    CrossCheck {
        source: "btv.org.vn, Quốc khánh 2024",
        off: &[("2024-08-31", "2024-09-03")],
        not_off: &[],
        worked: &[],
    },
    CrossCheck {
        source: "vacanza/holidays VN_COMMON.json, Tết 2025",
        off: &[("2025-01-27", "2025-01-31")],
        not_off: &["2025-02-03"],
        worked: &[],
    },
    CrossCheck {
        source: "collector.com.tr (Bộ Nội vụ proposal), Tết Dương lịch 2026",
        off: &[("2026-01-01", "2026-01-04")],
        not_off: &[],
        worked: &["2026-01-10"],
    },
    CrossCheck {
        source: "vietnammedia.vnanet.vn, Tết 2026",
        off: &[("2026-02-16", "2026-02-20")],
        not_off: &[],
        worked: &[],
    },
];

/// The announced holidays with no second source: only one page was found for them.
const SINGLE_SOURCE: &[(i32, &str)] = &[
    (2011, "lunar_new_year"),
    (2011, "hung_kings"),
    (2013, "new_year"),
    (2013, "lunar_new_year"),
    (2019, "hung_kings"),
    (2020, "new_year"),
    (2020, "hung_kings"),
    (2020, "reunification_day"),
    (2020, "national_day"),
    (2021, "new_year"),
    (2021, "hung_kings"),
    (2021, "reunification_day"),
    (2021, "national_day"),
    (2022, "national_day"),
    (2025, "reunification_day"),
    (2025, "national_day"),
    (2026, "national_day"),
];

#[test]
fn a_second_source_agrees_where_there_is_one() {
    let c = BusinessCalendar::default();
    let mut failures = Vec::new();
    for check in CROSS_CHECKS {
        for &(from, to) in check.off {
            for d in date(from).iter_days().take_while(|d| *d <= date(to)) {
                if !c.is_day_off(d) {
                    failures.push(format!("{}: {d} should be off", check.source));
                }
            }
        }
        for d in check.not_off.iter().map(|d| date(d)) {
            if c.is_day_off(d) {
                failures.push(format!("{}: {d} should be worked", check.source));
            }
        }
        for d in check.worked.iter().map(|d| date(d)) {
            if c.is_day_off(d) {
                failures.push(format!("{}: {d} should be worked", check.source));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The data says the same: a period has a cross_check exactly when it is not listed as
    // single-source.
    for y in &announced::schedules().years {
        for p in &y.periods {
            let single = p
                .covers
                .iter()
                .any(|id| SINGLE_SOURCE.contains(&(y.year, id.as_str())));
            assert_eq!(
                p.cross_check.is_none(),
                single,
                "{} {:?}: cross_check {:?}",
                y.year,
                p.covers,
                p.cross_check
            );
        }
    }
}

#[test]
fn the_data_is_consistent() {
    let all = announced::schedules();
    assert_eq!(
        all.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        (2010..=2026).collect::<Vec<_>>(),
        "every year 2010–2026 (2027 not announced when the data was built)"
    );
    let ids: Vec<String> = quytrinh::calendar::holidays::default_rules()
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut seen = BTreeSet::new();
    for y in &all.years {
        for p in &y.periods {
            assert!(!p.covers.is_empty() && p.covers.iter().all(|id| ids.contains(id)));
            assert!(p.from <= p.to && (p.to - p.from).num_days() < 16, "{p:?}");
            assert!(
                p.to.year() == y.year && p.from.year() >= y.year - 1,
                "{p:?}"
            );
            assert!(!p.source.is_empty());
            for d in p.from.iter_days().take_while(|d| *d <= p.to) {
                assert!(seen.insert(d), "{d} in two periods");
            }
            for s in &p.swaps {
                assert!((p.from..=p.to).contains(&s.day_off), "{s:?}");
                assert!(!weekend(s.day_off) && weekend(s.working_day), "{s:?}");
                assert!(!(p.from..=p.to).contains(&s.working_day), "{s:?}");
                assert!((s.working_day - s.day_off).num_days().abs() <= 14, "{s:?}");
            }
        }
    }
    assert!(all.applies_to.contains("công chức"));
}

#[test]
fn the_listing_says_where_each_day_comes_from() {
    let c = BusinessCalendar::default();
    let days = c.holidays(2024).unwrap();
    let get = |d: &str| days.iter().find(|h| h.date == date(d)).unwrap();
    // 29 tháng Chạp: a Tết day by the announcement only.
    let eve = get("2024-02-08");
    assert_eq!(
        (eve.source, eve.reason, eve.rule_id.as_deref()),
        (
            HolidaySource::Announcement,
            HolidayReason::Statutory,
            Some("lunar_new_year")
        )
    );
    assert_eq!(eve.name_vi, "Tết Nguyên đán");
    assert_eq!(eve.lunar.map(|l| (l.month, l.day)), Some((12, 29)));
    // Mùng 1 on a Saturday: listed, from the announcement.
    let first = get("2024-02-10");
    assert_eq!(first.source, HolidaySource::Announcement);
    assert_eq!(first.lunar.map(|l| (l.month, l.day)), Some((1, 1)));
    // Thursday 15 February: a day in lieu by the rules, worked as announced.
    assert!(!days.iter().any(|h| h.date == date("2024-02-15")));
    assert!(!c.is_day_off(date("2024-02-15")));
    assert!(rules_only().is_day_off(date("2024-02-15")));
    // The swap, both ways.
    let swap = get("2024-04-29");
    assert_eq!(swap.name_vi, "Ngày nghỉ (thay cho ngày 04/05/2024)");
    assert_eq!(swap.name_en, "Day off (in exchange for 04/05/2024)");
    assert_eq!(
        swap.reason,
        HolidayReason::Swapped {
            working_day: date("2024-05-04")
        }
    );
    let worked = get("2024-05-04");
    assert!(!worked.is_day_off() && !worked.day_off);
    assert_eq!(worked.name_vi, "Ngày làm việc bù (cho ngày 29/04/2024)");
    assert_eq!(worked.name_en, "Working day (in exchange for 29/04/2024)");
    assert_eq!(
        worked.reason,
        HolidayReason::WorkingDay {
            in_exchange_for: Some(date("2024-04-29"))
        }
    );
    // Holidays no announcement names come from the rules.
    assert_eq!(get("2024-04-18").source, HolidaySource::Rule);
    assert_eq!(get("2024-01-01").source, HolidaySource::Rule);
    // The New Year break of 2019 starts in 2018.
    let december = c.holidays(2018).unwrap();
    let bridge = december
        .iter()
        .find(|h| h.date == date("2018-12-31"))
        .unwrap();
    assert_eq!(bridge.rule_id.as_deref(), Some("new_year"));
    assert_eq!(bridge.source, HolidaySource::Announcement);
}

#[test]
fn the_listing_agrees_with_is_day_off_in_every_year() {
    for c in [BusinessCalendar::default(), rules_only()] {
        for year in 2009..=2027 {
            let days = c.holidays(year).unwrap();
            for d in days_of(year) {
                let listed = days.iter().find(|h| h.date == d);
                let off = match listed {
                    Some(h) => h.is_day_off(),
                    None => weekend(d),
                };
                assert_eq!(c.is_day_off(d), off, "{d}: {listed:?}");
            }
            for h in days.iter().filter(|h| h.day_off_in_lieu.is_some()) {
                assert!(c.is_day_off(h.day_off_in_lieu.unwrap()), "{h:?}");
            }
        }
    }
}

#[test]
fn years_without_an_announcement_follow_the_rules() {
    let (with, without) = (BusinessCalendar::default(), rules_only());
    for year in [2005, 2009, 2027, 2030] {
        assert_eq!(
            with.holidays(year).unwrap(),
            without.holidays(year).unwrap()
        );
    }
    // Vietnam Culture Day, which the 2026 announcement does not name, stays a rule day.
    assert!(with.is_day_off(date("2026-11-24")));
}

#[test]
fn a_worked_saturday_counts_in_every_operation() {
    let c = BusinessCalendar::default();
    let saturday = t("2026-08-22T10:00:00+07:00");
    assert!(c.is_working_time(saturday));
    assert_eq!(c.next_working_instant(saturday).unwrap(), saturday);
    assert_eq!(
        c.between(
            t("2026-08-22T00:00:00+07:00"),
            t("2026-08-23T00:00:00+07:00")
        ),
        TimeDelta::hours(24)
    );
    // Received Friday 21 August 09:00: Friday 15 h + Saturday 24 h + Monday 24 h + Tuesday 9 h.
    assert_eq!(
        c.add(t("2026-08-21T09:00:00+07:00"), TimeDelta::hours(72))
            .unwrap(),
        t("2026-08-25T09:00:00+07:00")
    );
    assert_eq!(
        rules_only()
            .add(t("2026-08-21T09:00:00+07:00"), TimeDelta::hours(72))
            .unwrap(),
        t("2026-08-26T09:00:00+07:00")
    );
    // Office hours count the worked Saturday's windows too.
    let office = BusinessCalendar::new(CalendarConfig {
        counting: quytrinh::calendar::Counting::office_hours(),
        ..CalendarConfig::default()
    })
    .unwrap();
    assert_eq!(
        office.between(
            t("2024-05-04T00:00:00+07:00"),
            t("2024-05-05T00:00:00+07:00")
        ),
        TimeDelta::hours(8)
    );
    // A Sunday worked in exchange (Tết 2011).
    assert!(!c.is_day_off(date("2011-01-30")));
}

#[test]
fn the_complaint_sla_across_tet_2024() {
    let c = BusinessCalendar::default();
    // Received Thursday 15 February 2024 09:00, the first working day after the announced
    // break (the rules alone make it a day in lieu): 15 h + Friday 24 h + Monday 24 h +
    // Tuesday 9 h.
    let received = t("2024-02-15T09:00:00+07:00");
    assert_eq!(
        c.add(received, TimeDelta::hours(72)).unwrap(),
        t("2024-02-20T09:00:00+07:00")
    );
    assert_eq!(
        c.add(received, TimeDelta::hours(54)).unwrap(),
        t("2024-02-19T15:00:00+07:00")
    );
    // The rules alone: a day late.
    assert_eq!(
        rules_only().add(received, TimeDelta::hours(72)).unwrap(),
        t("2024-02-21T00:00:00+07:00")
    );
    // Received Wednesday 7 February 15:00: 9 h, then the break (Thursday 8 – Wednesday 14),
    // then Thursday 15, Friday 16 and 15 h of Monday 19.
    assert_eq!(
        c.add(t("2024-02-07T15:00:00+07:00"), TimeDelta::hours(72))
            .unwrap(),
        t("2024-02-19T15:00:00+07:00")
    );
}

#[test]
fn the_complaint_sla_across_the_2026_national_day_swap() {
    let c = BusinessCalendar::default();
    // Received Friday 28 August 2026 09:00: 15 h, then Saturday 29 August – Wednesday
    // 2 September off (Monday 31 swapped for Saturday 22 August), Thursday 24 h, Friday
    // 24 h, Monday 7 September 9 h.
    let received = t("2026-08-28T09:00:00+07:00");
    assert_eq!(
        c.add(received, TimeDelta::hours(72)).unwrap(),
        t("2026-09-07T09:00:00+07:00")
    );
    assert_eq!(
        rules_only().add(received, TimeDelta::hours(72)).unwrap(),
        t("2026-09-04T09:00:00+07:00")
    );
    assert_eq!(
        c.between(received, t("2026-09-07T09:00:00+07:00")),
        TimeDelta::hours(72)
    );
}

#[test]
fn the_switch_turns_the_announcements_off() {
    let own: CalendarConfig = serde_json::from_str(r#"{"announced_schedules": false}"#).unwrap();
    let c = BusinessCalendar::new(own).unwrap();
    assert!(!c.is_default());
    assert!(!c.is_day_off(date("2024-04-29")));
    assert!(c.is_day_off(date("2024-05-04")));
    assert!(
        c.holidays(2024)
            .unwrap()
            .iter()
            .all(|h| h.source == HolidaySource::Rule)
    );
    // Absent in an older configuration: on.
    let old: CalendarConfig = serde_json::from_str(r#"{"in_lieu": true}"#).unwrap();
    assert!(old.announced_schedules);
    assert!(BusinessCalendar::new(old).unwrap().is_default());
    let json = serde_json::to_value(CalendarConfig::default()).unwrap();
    assert_eq!(json["announced_schedules"], true);
}

fn announced_dates() -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    for y in &announced::schedules().years {
        for p in &y.periods {
            dates.extend(p.from.iter_days().take_while(|d| *d <= p.to));
            dates.extend(p.swaps.iter().flat_map(|s| [s.day_off, s.working_day]));
        }
    }
    dates
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A host override still wins over the built-in data, on every date the data touches
    /// and around it.
    #[test]
    fn an_override_wins_over_the_announcements(
        index in 0usize..1000,
        shift in -3i64..=3,
        make_off in any::<bool>(),
    ) {
        let dates = announced_dates();
        let base = dates[index % dates.len()];
        let d = if shift >= 0 {
            base.checked_add_days(Days::new(shift.unsigned_abs())).unwrap()
        } else {
            base.checked_sub_days(Days::new(shift.unsigned_abs())).unwrap()
        };
        let config = if make_off {
            CalendarConfig { extra_days_off: vec![d], ..CalendarConfig::default() }
        } else {
            CalendarConfig { extra_working_days: vec![d], ..CalendarConfig::default() }
        };
        let c = BusinessCalendar::new(config).unwrap();
        prop_assert_eq!(c.is_day_off(d), make_off);
        let noon = DateTime::<Utc>::from_naive_utc_and_offset(d.and_hms_opt(5, 0, 0).unwrap(), Utc);
        prop_assert_eq!(c.is_working_time(noon), !make_off);
        let listed = c.holidays(d.year()).unwrap();
        let entry = listed.iter().find(|h| h.date == d);
        if let Some(h) = entry {
            prop_assert_eq!(h.is_day_off(), make_off);
        }
        if !make_off {
            prop_assert!(entry.is_none_or(|h| h.source == HolidaySource::Override));
        }
        // Every other date keeps what the announcements and the rules make of it.
        let default = BusinessCalendar::default();
        for other in [base, dates[(index + 7) % dates.len()]] {
            if other != d {
                prop_assert_eq!(c.is_day_off(other), default.is_day_off(other));
            }
        }
    }
}
