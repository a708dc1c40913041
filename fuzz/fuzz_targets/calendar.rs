//! An arbitrary calendar configuration, assembled from the parts of the default one
//! (weekdays, holiday rules) and arbitrary windows, dates and flags, then its operations on
//! arbitrary instants. No panic; `between(a, add(a, d)) == d` whenever `add` succeeds.
#![no_main]
use arbitrary::{Result, Unstructured};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use libfuzzer_sys::fuzz_target;
use quytrinh::calendar::{BusinessCalendar, CalendarConfig};
use quytrinh_fuzz::{instant, mutate_many};
use serde_json::{Value, json};

fn subset(u: &mut Unstructured<'_>, items: &[Value]) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    for item in items {
        match u.int_in_range(0..=5u8)? {
            0 => {}
            1 => {
                out.push(item.clone());
                out.push(item.clone());
            }
            _ => out.push(item.clone()),
        }
    }
    Ok(out)
}

fn clock(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(format!(
        "{:02}:{:02}",
        u.int_in_range(0..=25u8)?,
        u.int_in_range(0..=60u8)?
    ))
}

fn date(u: &mut Unstructured<'_>) -> Result<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let days = if u.ratio(1, 8)? {
        u.arbitrary::<i32>()?
    } else {
        u.int_in_range(-40_000..=40_000)?
    };
    Ok(base
        .checked_add_signed(TimeDelta::days(days.into()))
        .unwrap_or(base))
}

fn config(u: &mut Unstructured<'_>) -> Result<Value> {
    let default = serde_json::to_value(CalendarConfig::default()).unwrap();
    let weekdays = subset(u, default["working_weekdays"].as_array().unwrap())?;
    let rules = subset(u, default["holiday_rules"].as_array().unwrap())?;
    let counting = if u.arbitrary()? {
        let mut windows = Vec::new();
        for _ in 0..u.int_in_range(0..=4u8)? {
            windows.push(json!({"start": clock(u)?, "end": clock(u)?}));
        }
        json!({"mode": "working_hours", "windows": windows})
    } else {
        json!({"mode": "whole_days"})
    };
    let dates = |u: &mut Unstructured<'_>| -> Result<Vec<Value>> {
        (0..u.int_in_range(0..=6u8)?)
            .map(|_| Ok(json!(date(u)?.to_string())))
            .collect()
    };
    let mut config = json!({
        "working_weekdays": weekdays,
        "counting": counting,
        "holiday_rules": rules,
        "in_lieu": u.arbitrary::<bool>()?,
        "announced_schedules": u.arbitrary::<bool>()?,
        "extra_days_off": dates(u)?,
        "extra_working_days": dates(u)?,
    });
    if u.ratio(1, 4)? {
        let rules: Vec<&Value> = default["holiday_rules"]
            .as_array()
            .unwrap()
            .iter()
            .collect();
        mutate_many(u, &mut config, &rules, 3)?;
    }
    Ok(config)
}

fn at(u: &mut Unstructured<'_>) -> Result<DateTime<Utc>> {
    Ok(if u.ratio(1, 8)? {
        DateTime::from_timestamp(u.arbitrary::<i64>()? % 400_000_000_000, 0).unwrap_or_default()
    } else {
        instant(u)?.parse().unwrap_or_default()
    })
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let Ok(config) = serde_json::from_value::<CalendarConfig>(config(u)?) else {
        return Ok(());
    };
    let Ok(calendar) = BusinessCalendar::new(config) else {
        return Ok(());
    };
    for _ in 0..u.int_in_range(1..=8u8)? {
        match u.int_in_range(0..=4u8)? {
            0 => {
                let a = at(u)?;
                let seconds = if u.ratio(1, 8)? {
                    u.arbitrary::<i64>()?
                } else {
                    u.int_in_range(-3_600..=30 * 86_400)?
                };
                let Some(d) = TimeDelta::try_seconds(seconds) else {
                    continue;
                };
                if let Ok(b) = calendar.add(a, d) {
                    assert!(b >= a, "add went backwards");
                    assert_eq!(calendar.between(a, b), d, "between(a, add(a, d)) != d");
                }
            }
            1 => {
                let (a, b) = (at(u)?, at(u)?);
                assert_eq!(
                    calendar.between(a, b),
                    -calendar.between(b, a),
                    "between is not antisymmetric"
                );
            }
            2 => {
                let _ = calendar.is_day_off(date(u)?);
            }
            3 => {
                let a = at(u)?;
                if let Ok(b) = calendar.next_working_instant(a) {
                    assert!(b >= a, "next working instant before the start");
                }
            }
            _ => {
                let year = if u.ratio(1, 8)? {
                    u.arbitrary::<i32>()?
                } else {
                    u.int_in_range(1900..=2200)?
                };
                let _ = calendar.holidays(year);
            }
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
