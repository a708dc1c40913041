//! Property tests of business time and of the lunar conversion.

use chrono::{DateTime, Days, NaiveDate, TimeDelta, Utc};
use proptest::prelude::*;
use quytrinh::calendar::lunar::{from_lunar, to_lunar};
use quytrinh::calendar::{BusinessCalendar, CalendarConfig, Counting};

/// Instants between 2020 and 2035.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (1_577_836_800i64..2_051_222_400i64).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn duration() -> impl Strategy<Value = TimeDelta> {
    (0i64..400 * 3600).prop_map(TimeDelta::seconds)
}

fn calendars() -> Vec<BusinessCalendar> {
    vec![
        BusinessCalendar::default(),
        BusinessCalendar::new(CalendarConfig {
            counting: Counting::office_hours(),
            ..CalendarConfig::default()
        })
        .unwrap(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn adding_then_measuring_gives_back_the_duration(start in instant(), d in duration()) {
        for c in calendars() {
            let end = c.add(start, d).unwrap();
            prop_assert_eq!(c.between(start, end), d);
            prop_assert_eq!(c.between(end, start), -d);
        }
    }

    #[test]
    fn adding_is_monotonic(a in instant(), b in instant(), d1 in duration(), d2 in duration()) {
        for c in calendars() {
            let (a, b) = (a.min(b), a.max(b));
            let (d1, d2) = (d1.min(d2), d1.max(d2));
            prop_assert!(c.add(a, d1).unwrap() <= c.add(b, d1).unwrap());
            prop_assert!(c.add(a, d1).unwrap() <= c.add(a, d2).unwrap());
        }
    }

    #[test]
    fn the_result_is_working_time_or_the_end_of_a_window(start in instant(), d in duration()) {
        for c in calendars() {
            let end = c.add(start, d).unwrap();
            prop_assert!(end >= start);
            if d > TimeDelta::zero() {
                let just_before = end - TimeDelta::nanoseconds(1);
                prop_assert!(c.is_working_time(end) || c.is_working_time(just_before));
            } else {
                prop_assert!(c.is_working_time(end));
                prop_assert_eq!(end, c.next_working_instant(start).unwrap());
            }
        }
    }

    #[test]
    fn overrides_win(day in 0u64..5000, off in any::<bool>()) {
        let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(day);
        let config = if off {
            CalendarConfig { extra_days_off: vec![date], ..CalendarConfig::default() }
        } else {
            CalendarConfig { extra_working_days: vec![date], ..CalendarConfig::default() }
        };
        let c = BusinessCalendar::new(config).unwrap();
        prop_assert_eq!(c.is_day_off(date), off);
        let noon = date.and_hms_opt(5, 0, 0).unwrap().and_utc(); // 12:00 +07:00
        prop_assert_eq!(c.is_working_time(noon), !off);
    }

    #[test]
    fn lunar_conversion_round_trips(day in 0u64..109_572) {
        let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Days::new(day);
        let lunar = to_lunar(date).unwrap();
        prop_assert_eq!(from_lunar(lunar).unwrap(), date);
    }
}
