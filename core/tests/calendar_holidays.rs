//! Holiday rules (Labour Code 2019 Art. 112), days in lieu, host overrides, configuration.

use chrono::{NaiveDate, Weekday};
use quytrinh::calendar::{
    BusinessCalendar, CalendarConfig, Counting, HolidayReason, HolidayRule, HolidaySource,
    LunarDate, RuleDate,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn days_off(calendar: &BusinessCalendar, year: i32, rule: &str) -> Vec<NaiveDate> {
    calendar
        .holidays(year)
        .unwrap()
        .into_iter()
        .filter(|h| h.rule_id.as_deref() == Some(rule))
        .map(|h| h.date)
        .collect()
}

#[test]
fn national_day_reproduces_the_announced_days_2021_2025() {
    let c = BusinessCalendar::default();
    let expected = [
        (2021, vec![date(2021, 9, 2), date(2021, 9, 3)]), // Thu + Fri
        (2022, vec![date(2022, 9, 1), date(2022, 9, 2)]), // Thu + Fri
        (
            2023,
            vec![date(2023, 9, 1), date(2023, 9, 2), date(2023, 9, 4)],
        ), // Fri + Sat, Mon in lieu
        (2024, vec![date(2024, 9, 2), date(2024, 9, 3)]), // Mon + Tue
        (2025, vec![date(2025, 9, 1), date(2025, 9, 2)]), // Mon + Tue
    ];
    for (year, days) in expected {
        assert_eq!(days_off(&c, year, "national_day"), days, "{year}");
        for d in &days {
            assert!(c.is_day_off(*d), "{d}");
        }
    }
    let h2023 = c.holidays(2023).unwrap();
    let sat = h2023.iter().find(|h| h.date == date(2023, 9, 2)).unwrap();
    assert_eq!(sat.day_off_in_lieu, Some(date(2023, 9, 4)));
    let mon = h2023.iter().find(|h| h.date == date(2023, 9, 4)).unwrap();
    assert_eq!(
        mon.reason,
        HolidayReason::InLieu {
            of: date(2023, 9, 2)
        }
    );
    assert!(!c.is_day_off(date(2023, 9, 5)));
    // Before 2021 (Labour Code 2012) Quốc khánh was one day.
    assert_eq!(days_off(&c, 2020, "national_day"), vec![date(2020, 9, 2)]);
}

#[test]
fn tet_across_a_weekend_gives_days_in_lieu() {
    // The rules alone (the announced Tết 2023, 20–26 January, is in calendar_announced.rs).
    let c = BusinessCalendar::new(CalendarConfig {
        announced_schedules: false,
        ..CalendarConfig::default()
    })
    .unwrap();
    // Tết 2023 = Sunday 22 January: 30 Tết is Saturday 21, days 1–4 run to Wednesday 25.
    let tet: Vec<_> = c
        .holidays(2023)
        .unwrap()
        .into_iter()
        .filter(|h| h.rule_id.as_deref() == Some("lunar_new_year"))
        .collect();
    let dates: Vec<_> = tet.iter().map(|h| h.date).collect();
    assert_eq!(
        dates,
        (21..=27).map(|d| date(2023, 1, d)).collect::<Vec<_>>()
    );
    assert_eq!(tet[0].lunar, Some(LunarDate::new(2022, 12, 30, false)));
    assert_eq!(tet[1].lunar, Some(LunarDate::new(2023, 1, 1, false)));
    assert_eq!(
        tet[5].reason,
        HolidayReason::InLieu {
            of: date(2023, 1, 21)
        }
    );
    assert_eq!(
        tet[6].reason,
        HolidayReason::InLieu {
            of: date(2023, 1, 22)
        }
    );
    assert!(c.is_day_off(date(2023, 1, 27)));
    assert!(!c.is_day_off(date(2023, 1, 30)));
    // Tết 2026 = Tuesday 17 February: Monday 16 (29 tháng Chạp, a short 12th month) to Friday 20.
    assert_eq!(
        days_off(&c, 2026, "lunar_new_year"),
        (16..=20).map(|d| date(2026, 2, d)).collect::<Vec<_>>()
    );
}

#[test]
fn culture_day_from_2026_only() {
    let c = BusinessCalendar::default();
    assert!(c.is_day_off(date(2026, 11, 24)));
    assert!(!c.is_day_off(date(2025, 11, 24)));
    assert!(days_off(&c, 2025, "culture_day").is_empty());
    let h = c
        .holidays(2026)
        .unwrap()
        .into_iter()
        .find(|h| h.date == date(2026, 11, 24))
        .unwrap();
    assert_eq!(h.name_vi, "Ngày Văn hóa Việt Nam");
    assert_eq!(h.name_en, "Vietnam Culture Day");
    // 2029-11-24 is a Saturday: Monday 26 November is given in lieu.
    assert!(c.is_day_off(date(2029, 11, 26)));
}

#[test]
fn hung_kings_day_is_versioned() {
    let c = BusinessCalendar::default();
    assert_eq!(days_off(&c, 2006, "hung_kings"), Vec::<NaiveDate>::new());
    assert_eq!(days_off(&c, 2007, "hung_kings"), vec![date(2007, 4, 26)]);
    assert_eq!(days_off(&c, 2025, "hung_kings"), vec![date(2025, 4, 7)]);
    // 2026: Sunday 26 April, Monday 27 in lieu.
    assert_eq!(
        days_off(&c, 2026, "hung_kings"),
        vec![date(2026, 4, 26), date(2026, 4, 27)]
    );
    assert!(c.holidays(1994).unwrap().is_empty());
}

#[test]
fn a_new_rule_never_rewrites_earlier_years() {
    let mut config = CalendarConfig::default();
    config.holiday_rules.push(HolidayRule {
        id: "vietnamese_family_day".into(),
        name_vi: "Ngày Gia đình Việt Nam".into(),
        name_en: "Vietnamese Family Day".into(),
        date: RuleDate::Solar { month: 6, day: 28 },
        from_year: 2030,
        until_year: None,
    });
    let c = BusinessCalendar::new(config).unwrap();
    assert!(!c.is_day_off(date(2029, 6, 28))); // a Thursday
    assert!(c.is_day_off(date(2030, 6, 28))); // a Friday
    assert_eq!(
        c.holidays(2029).unwrap(),
        BusinessCalendar::default().holidays(2029).unwrap()
    );
}

#[test]
fn host_overrides_win() {
    // 2025: the government moved Friday 2 May off, worked Saturday 26 April instead; a host
    // without the built-in announcements types it in.
    let config = CalendarConfig {
        announced_schedules: false,
        extra_days_off: vec![date(2025, 5, 2)],
        extra_working_days: vec![date(2025, 4, 26), date(2025, 4, 30)],
        ..CalendarConfig::default()
    };
    let c = BusinessCalendar::new(config).unwrap();
    assert!(c.is_day_off(date(2025, 5, 2)));
    assert!(!c.is_day_off(date(2025, 4, 26)));
    assert!(!c.is_day_off(date(2025, 4, 30))); // wins over the 30 April rule
    let h = c.holidays(2025).unwrap();
    let bridge = h.iter().find(|h| h.date == date(2025, 5, 2)).unwrap();
    assert_eq!(bridge.reason, HolidayReason::HostDayOff);
    assert_eq!(bridge.rule_id, None);
    assert_eq!(bridge.source, HolidaySource::Override);
    // The worked days are listed as such: Saturday 26 April, and 30 April over its rule.
    for (d, rule) in [
        (date(2025, 4, 26), None),
        (date(2025, 4, 30), Some("reunification_day")),
    ] {
        let worked = h.iter().find(|h| h.date == d).unwrap();
        assert!(!worked.is_day_off(), "{d}");
        assert_eq!(worked.source, HolidaySource::Override);
        assert_eq!(
            worked.reason,
            HolidayReason::WorkingDay {
                in_exchange_for: None
            }
        );
        assert_eq!(worked.rule_id.as_deref(), rule);
    }
}

#[test]
fn weekly_pattern_is_configurable() {
    let config = CalendarConfig {
        working_weekdays: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
        ],
        ..CalendarConfig::default()
    };
    let c = BusinessCalendar::new(config).unwrap();
    assert!(!c.is_day_off(date(2026, 3, 7))); // Saturday
    assert!(c.is_day_off(date(2026, 3, 8))); // Sunday
    // 2023-09-02 (Saturday) is a working weekday here: no day in lieu; Friday 1 stays the
    // adjacent day.
    assert_eq!(
        days_off(&c, 2023, "national_day"),
        vec![date(2023, 9, 1), date(2023, 9, 2)]
    );
}

#[test]
fn holidays_out_of_range() {
    let c = BusinessCalendar::default();
    assert_eq!(c.holidays(1899).unwrap_err().code(), "out_of_range");
    assert_eq!(c.holidays(2200).unwrap_err().code(), "out_of_range");
    assert!(c.holidays(1900).is_ok());
    assert!(c.holidays(2199).is_ok());
}

#[test]
fn config_json() {
    let json = serde_json::to_string(&CalendarConfig::default()).unwrap();
    let back: CalendarConfig = serde_json::from_str(&json).unwrap();
    assert_eq!(back, CalendarConfig::default());
    assert!(
        json.contains(r#""working_weekdays":["Mon","Tue","Wed","Thu","Fri"]"#),
        "{json}"
    );
    assert!(json.contains(r#""counting":{"mode":"whole_days"}"#));
    // BusinessCalendar serializes as its config.
    let calendar_json = serde_json::to_string(&BusinessCalendar::default()).unwrap();
    assert_eq!(calendar_json, json);
    let c: BusinessCalendar = serde_json::from_str(r#"{"counting":{"mode":"working_hours","windows":[{"start":"08:00","end":"12:00"},{"start":"13:30","end":"17:30"}]}}"#).unwrap();
    assert_eq!(c.config().counting, Counting::office_hours());
    // Unknown fields and invalid configurations are refused.
    assert!(serde_json::from_str::<CalendarConfig>(r#"{"workdays":[]}"#).is_err());
    assert!(
        serde_json::from_str::<CalendarConfig>(r#"{"counting":{"mode":"whole_days","x":1}}"#)
            .is_err()
    );
    assert!(serde_json::from_str::<BusinessCalendar>(r#"{"working_weekdays":[]}"#).is_err());
    assert!(
        serde_json::from_str::<BusinessCalendar>(
            r#"{"counting":{"mode":"working_hours","windows":[{"start":"13:00","end":"12:00"}]}}"#
        )
        .is_err()
    );
    assert!(serde_json::from_str::<BusinessCalendar>(r#"{"counting":{"mode":"working_hours","windows":[{"start":"08:00","end":"12:00"},{"start":"11:00","end":"13:00"}]}}"#).is_err());
    assert!(
        serde_json::from_str::<BusinessCalendar>(
            r#"{"extra_days_off":["2025-05-02"],"extra_working_days":["2025-05-02"]}"#
        )
        .is_err()
    );
    let invalid = CalendarConfig {
        working_weekdays: vec![],
        ..CalendarConfig::default()
    };
    assert_eq!(
        BusinessCalendar::new(invalid).unwrap_err().code(),
        "invalid_config"
    );
}

#[test]
fn rule_json() {
    let rule: HolidayRule = serde_json::from_str(
        r#"{"id":"culture_day","name_vi":"Ngày Văn hóa Việt Nam","name_en":"Vietnam Culture Day",
            "date":{"kind":"solar","month":11,"day":24},"from_year":2026}"#,
    )
    .unwrap();
    assert_eq!(rule.date, RuleDate::Solar { month: 11, day: 24 });
    assert_eq!(rule.until_year, None);
    assert!(
        serde_json::from_str::<RuleDate>(r#"{"kind":"solar","month":11,"day":24,"x":1}"#).is_err()
    );
    let bad = CalendarConfig {
        holiday_rules: vec![HolidayRule {
            date: RuleDate::Solar { month: 2, day: 30 },
            ..rule
        }],
        ..CalendarConfig::default()
    };
    assert_eq!(
        BusinessCalendar::new(bad).unwrap_err().code(),
        "invalid_config"
    );
}
