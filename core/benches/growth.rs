//! Outcome size and time per command as an instance's history grows: one command on an
//! instance with 1, 100 and 1,000 past entities (companion requests, lead_care leads),
//! through the JSON surface every binding uses. The benchmark names carry the outcome's
//! size in bytes, so a regression in either shows up here.
//!
//! Run: `cargo bench -p quytrinh --bench growth`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use quytrinh::dynamic::{self, AnyInstance};
use serde_json::{Value, json};
use std::hint::black_box;

const SIZES: [u64; 3] = [1, 100, 1000];

/// A command `minute` minutes after Monday 5 January 2026, 09:00 in Vietnam.
fn command(id: &str, role: &str, who: &str, minute: u64, body: &Value) -> String {
    let start: chrono::DateTime<chrono::Utc> = "2026-01-05T02:00:00Z".parse().unwrap();
    let at = start + chrono::TimeDelta::minutes(i64::try_from(minute).unwrap());
    let mut c = json!({"command_id": id, "actor": {"role": role, "id": who}, "at": at});
    if let (Some(c), Some(body)) = (c.as_object_mut(), body.as_object()) {
        c.extend(body.clone());
    }
    c.to_string()
}

/// A companion relationship with `n` past (withdrawn) requests, all kept, and request
/// `R{n+1}` pending: the next command withdraws it.
fn companion(n: u64) -> (Box<dyn AnyInstance>, String) {
    let config = json!({"max_closed_requests": n + 1});
    let init = json!({"saco_id": "S1", "customer_id": "K1", "account": "A1"});
    let mut i = dynamic::create("companion", "rel", Some(&config), None, &init).unwrap();
    for k in 1..=n + 1 {
        i.handle_json(&command(
            &format!("a{k}"),
            "saco",
            "S1",
            k,
            &json!({"type": "request_unlink"}),
        ))
        .unwrap();
        let otp = json!({"type": "otp_verified", "challenge_id": format!("R{k}-otp1")});
        i.handle_json(&command(&format!("b{k}"), "saco", "S1", k, &otp))
            .unwrap();
        if k <= n {
            let withdraw = json!({"type": "withdraw", "request_id": format!("R{k}")});
            i.handle_json(&command(&format!("c{k}"), "saco", "S1", k, &withdraw))
                .unwrap();
        }
    }
    let next = json!({"type": "withdraw", "request_id": format!("R{}", n + 1)});
    (i, command("x", "saco", "S1", n + 10, &next))
}

/// A lead package of `n` leads, each contacted once: the next command updates one.
fn lead_care(n: u64) -> (Box<dyn AnyInstance>, String) {
    let leads: Vec<Value> = (1..=n)
        .map(|k| json!({"lead_id": format!("L{k}"), "customer_id": format!("KH-{k}"), "delivered_at": "2026-01-05T09:00:00+07:00"}))
        .collect();
    let init = json!({"package_id": "G1", "consultant_id": "TV-01", "purchased_at": "2026-01-05T09:00:00+07:00", "leads": leads});
    let mut i = dynamic::create("lead_care", "pkg", None, None, &init).unwrap();
    for k in 1..=n {
        let update = json!({"type": "update_status", "lead_id": format!("L{k}"), "status": "contacted", "note": "Đã gọi"});
        i.handle_json(&command(
            &format!("u{k}"),
            "consultant",
            "TV-01",
            1,
            &update,
        ))
        .unwrap();
    }
    let next = json!({"type": "update_status", "lead_id": "L1", "status": "interested", "note": "Hẹn gặp"});
    (i, command("x", "consultant", "TV-01", 5, &next))
}

fn bench(c: &mut Criterion, group: &str, make: fn(u64) -> (Box<dyn AnyInstance>, String)) {
    let mut group = c.benchmark_group(group);
    for n in SIZES {
        let (instance, next) = make(n);
        let snapshot = instance.snapshot_json();
        let mut probe = dynamic::restore(&snapshot).unwrap();
        let bytes = probe.handle_json(&next).unwrap().len();
        group.bench_function(format!("{n} past, outcome {bytes} B"), |b| {
            b.iter_batched_ref(
                || dynamic::restore(&snapshot).unwrap(),
                |i| i.handle_json(black_box(&next)).unwrap().len(),
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

fn growth(c: &mut Criterion) {
    bench(c, "companion_withdraw_by_past_requests", companion);
    bench(c, "lead_care_update_status_by_leads", lead_care);
}

criterion_group!(benches, growth);
criterion_main!(benches);
