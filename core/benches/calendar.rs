//! Benchmarks of the business calendar: adding 72 working hours (both counting modes) and a
//! year's holidays.
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use quytrinh::calendar::{BusinessCalendar, CalendarConfig, Counting};

fn bench(c: &mut Criterion) {
    let whole = BusinessCalendar::default();
    let office = BusinessCalendar::new(CalendarConfig {
        counting: Counting::office_hours(),
        ..CalendarConfig::default()
    })
    .unwrap();
    let received: DateTime<Utc> = "2026-11-23T09:00:00+07:00".parse().unwrap();
    let sla = TimeDelta::hours(72);
    c.bench_function("add_72h_whole_days", |b| {
        b.iter(|| whole.add(black_box(received), black_box(sla)));
    });
    c.bench_function("add_72h_working_hours", |b| {
        b.iter(|| office.add(black_box(received), black_box(sla)));
    });
    c.bench_function("between_72h_whole_days", |b| {
        let due = whole.add(received, sla).unwrap();
        b.iter(|| whole.between(black_box(received), black_box(due)));
    });
    c.bench_function("holidays_2026", |b| {
        b.iter(|| whole.holidays(black_box(2026)));
    });
    c.bench_function("is_day_off", |b| {
        let d = received.date_naive();
        b.iter(|| whole.is_day_off(black_box(d)));
    });
    c.bench_function("calendar_default", |b| b.iter(BusinessCalendar::default));
}

criterion_group!(benches, bench);
criterion_main!(benches);
