//! Business time: the worked example, whole-day and working-hours counting.

use chrono::{DateTime, TimeDelta, Utc};
use quytrinh::calendar::{BusinessCalendar, CalendarConfig, Counting};

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn office() -> BusinessCalendar {
    BusinessCalendar::new(CalendarConfig {
        counting: Counting::office_hours(),
        ..CalendarConfig::default()
    })
    .unwrap()
}

#[test]
fn worked_example_72_working_hours_skip_culture_day() {
    let c = BusinessCalendar::default();
    let start = t("2026-11-23T09:00:00+07:00"); // Monday
    let due = c.add(start, TimeDelta::hours(72)).unwrap();
    // Mon 15 h + (Tue 24 November off) + Wed 24 h + Thu 24 h + Fri 9 h.
    assert_eq!(due, t("2026-11-27T09:00:00+07:00"));
    assert_eq!(c.between(start, due), TimeDelta::hours(72));
    // The 75 % warning.
    assert_eq!(
        c.add(start, TimeDelta::hours(54)).unwrap(),
        t("2026-11-26T15:00:00+07:00")
    );
    // The same in 2025, before Culture Day: Thursday.
    assert_eq!(
        c.add(t("2025-11-24T09:00:00+07:00"), TimeDelta::hours(72))
            .unwrap(),
        t("2025-11-27T09:00:00+07:00")
    );
}

#[test]
fn whole_days_table() {
    let c = BusinessCalendar::default();
    let cases = [
        // (start, amount in minutes, expected)
        (
            "2026-03-06T09:00:00+07:00",
            24 * 60,
            "2026-03-09T09:00:00+07:00",
        ), // Fri → Mon over the weekend
        ("2026-03-07T10:00:00+07:00", 60, "2026-03-09T01:00:00+07:00"), // Saturday start counts from Monday 00:00
        (
            "2026-03-06T00:00:00+07:00",
            24 * 60,
            "2026-03-07T00:00:00+07:00",
        ), // ends on the end boundary of Friday
        ("2026-03-06T00:00:00+07:00", 0, "2026-03-06T00:00:00+07:00"),
        ("2026-03-07T10:00:00+07:00", 0, "2026-03-09T00:00:00+07:00"), // zero: the next working instant
        (
            "2026-02-13T12:00:00+07:00",
            72 * 60,
            "2026-02-25T12:00:00+07:00",
        ), // over Tết 2026 (16–20 Feb)
        (
            "2026-08-31T08:00:00+07:00",
            24 * 60,
            "2026-09-04T00:00:00+07:00",
        ), // Monday 31 August 2026 is off as announced (for Saturday 22 August), then Quốc khánh 1–2 Sep
        (
            "2026-08-28T08:00:00+07:00",
            24 * 60,
            "2026-09-03T08:00:00+07:00",
        ), // Friday 16 h, then Thursday 3 September 8 h
        ("2026-11-23T01:30:00Z", 90, "2026-11-23T10:00:00+07:00"), // any input offset
    ];
    for (start, minutes, expected) in cases {
        assert_eq!(
            c.add(t(start), TimeDelta::minutes(minutes)).unwrap(),
            t(expected),
            "{start} + {minutes} min"
        );
    }
}

#[test]
fn working_hours_table() {
    let c = office();
    let cases = [
        ("2026-03-02T09:00:00+07:00", 60, "2026-03-02T10:00:00+07:00"), // inside the morning
        (
            "2026-03-02T11:00:00+07:00",
            120,
            "2026-03-02T14:30:00+07:00",
        ), // across lunch
        ("2026-03-02T11:00:00+07:00", 60, "2026-03-02T12:00:00+07:00"), // ends on the lunch boundary
        ("2026-03-02T12:15:00+07:00", 30, "2026-03-02T14:00:00+07:00"), // start during lunch
        ("2026-03-02T06:00:00+07:00", 30, "2026-03-02T08:30:00+07:00"), // start before opening
        ("2026-03-02T18:00:00+07:00", 30, "2026-03-03T08:30:00+07:00"), // start after closing
        (
            "2026-03-02T16:30:00+07:00",
            120,
            "2026-03-03T09:00:00+07:00",
        ), // across the night
        ("2026-03-06T17:00:00+07:00", 60, "2026-03-09T08:30:00+07:00"), // across the weekend
        ("2026-11-24T10:00:00+07:00", 60, "2026-11-25T09:00:00+07:00"), // start on a holiday
        (
            "2026-03-02T08:00:00+07:00",
            8 * 60,
            "2026-03-02T17:30:00+07:00",
        ), // a full day ends at 17:30
        (
            "2026-03-02T08:00:00+07:00",
            72 * 60,
            "2026-03-12T17:30:00+07:00",
        ), // 72 working hours = 9 days
        ("2026-03-02T12:00:00+07:00", 0, "2026-03-02T13:30:00+07:00"), // zero: the next working instant
    ];
    for (start, minutes, expected) in cases {
        assert_eq!(
            c.add(t(start), TimeDelta::minutes(minutes)).unwrap(),
            t(expected),
            "{start} + {minutes} min"
        );
    }
    assert_eq!(
        c.between(
            t("2026-03-02T11:00:00+07:00"),
            t("2026-03-02T14:30:00+07:00")
        ),
        TimeDelta::hours(2)
    );
    assert_eq!(
        c.between(
            t("2026-03-06T00:00:00+07:00"),
            t("2026-03-10T00:00:00+07:00")
        ),
        TimeDelta::hours(16)
    );
    assert!(c.is_working_time(t("2026-03-02T08:00:00+07:00")));
    assert!(!c.is_working_time(t("2026-03-02T12:00:00+07:00")));
    assert!(c.is_working_time(t("2026-03-02T13:30:00+07:00")));
    assert!(!c.is_working_time(t("2026-11-24T10:00:00+07:00")));
}

#[test]
fn between_is_antisymmetric_and_counts_only_working_time() {
    let c = BusinessCalendar::default();
    let (a, b) = (
        t("2026-11-23T09:00:00+07:00"),
        t("2026-11-27T09:00:00+07:00"),
    );
    assert_eq!(c.between(a, b), TimeDelta::hours(72));
    assert_eq!(c.between(b, a), TimeDelta::hours(-72));
    assert_eq!(c.between(a, a), TimeDelta::zero());
    assert_eq!(
        c.between(
            t("2026-11-28T00:00:00+07:00"),
            t("2026-11-30T00:00:00+07:00")
        ),
        TimeDelta::zero()
    );
    // The whole range is measurable without overflow.
    assert!(
        c.between(t("1800-01-01T00:00:00Z"), t("2300-01-01T00:00:00Z")) > TimeDelta::days(50_000)
    );
}

#[test]
fn next_working_instant_and_errors() {
    let c = BusinessCalendar::default();
    assert_eq!(
        c.next_working_instant(t("2026-11-24T10:00:00+07:00"))
            .unwrap(),
        t("2026-11-25T00:00:00+07:00")
    );
    assert_eq!(
        c.next_working_instant(t("2026-11-25T10:00:00+07:00"))
            .unwrap(),
        t("2026-11-25T10:00:00+07:00")
    );
    assert_eq!(
        c.add(t("2026-11-25T10:00:00+07:00"), TimeDelta::hours(-1))
            .unwrap_err()
            .code(),
        "negative_duration"
    );
    assert_eq!(
        c.add(t("1899-12-31T16:59:59Z"), TimeDelta::hours(1))
            .unwrap_err()
            .code(),
        "out_of_range"
    );
    assert!(
        c.add(t("1899-12-31T17:00:00Z"), TimeDelta::hours(1))
            .is_ok()
    ); // 1900-01-01 00:00 +07:00
    assert_eq!(
        c.add(t("2199-12-30T10:00:00+07:00"), TimeDelta::hours(72))
            .unwrap_err()
            .code(),
        "out_of_range"
    );
    assert_eq!(
        c.next_working_instant(t("2200-01-01T00:00:00+07:00"))
            .unwrap_err()
            .code(),
        "out_of_range"
    );
    assert!(!c.is_working_time(t("2200-01-01T10:00:00+07:00")));
}
