//! Kernel benchmarks: one companion command (envelope checks, decide, evolve, effects with
//! keys, the outcome) natively and through the JSON surface the bindings use, and a
//! snapshot save + restore.
//!
//! Run: `cargo bench -p quytrinh --bench kernel`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use quytrinh::dynamic;
use quytrinh::kernel::{Actor, Command, Instance, Settings};
use quytrinh::workflows::companion::{
    Companion, CompanionCommand as C, CompanionConfig, CompanionInit,
};
use std::hint::black_box;

fn fresh() -> Instance<Companion> {
    Instance::create(
        "rel-01",
        CompanionConfig::default(),
        Settings::default(),
        CompanionInit::active("SACO-01", "KH-01", "0001234567"),
    )
    .unwrap()
}

fn staged() -> Instance<Companion> {
    let mut i = fresh();
    i.handle(&Command::new(
        "c1",
        Actor::new("saco", "SACO-01"),
        "2026-11-23T09:00:00+07:00".parse().unwrap(),
        C::RequestUnlink {},
    ))
    .unwrap();
    i
}

fn commands(c: &mut Criterion) {
    let saco = Actor::new("saco", "SACO-01");
    let at = "2026-11-23T09:01:00+07:00".parse().unwrap();
    let request = Command::new("c0", saco.clone(), at, C::RequestUnlink {});
    let verify = Command::new(
        "c2",
        saco.clone(),
        at,
        C::OtpVerified {
            challenge_id: "R1-otp1".into(),
        },
    );
    let refused = Command::new(
        "c3",
        saco,
        at,
        C::Confirm {
            request_id: "R1".into(),
        },
    );

    let mut group = c.benchmark_group("companion_command");
    let base = fresh();
    group.bench_function("request_unlink (1 event, 1 effect)", |b| {
        b.iter_batched_ref(
            || base.clone(),
            |i| i.handle(black_box(&request)).map(|o| black_box(&o).version),
            BatchSize::SmallInput,
        );
    });
    let base = staged();
    group.bench_function("otp_verified (1 event, 2 effects)", |b| {
        b.iter_batched_ref(
            || base.clone(),
            |i| i.handle(black_box(&verify)).map(|o| black_box(&o).version),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("rejected confirm (not_found)", |b| {
        b.iter_batched_ref(
            || base.clone(),
            |i| i.handle(black_box(&refused)).map(|o| black_box(&o).version),
            BatchSize::SmallInput,
        );
    });
    let json = r#"{"command_id":"c2","actor":{"role":"saco","id":"SACO-01"},"at":"2026-11-23T09:01:00+07:00","type":"otp_verified","challenge_id":"R1-otp1"}"#;
    let any = dynamic::restore(&base.snapshot_json()).unwrap();
    let snapshot = any.snapshot_json();
    group.bench_function("otp_verified through JSON (bindings path)", |b| {
        b.iter_batched_ref(
            || dynamic::restore(&snapshot).unwrap(),
            |i| i.handle_json(black_box(json)).is_ok(),
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

fn snapshots(c: &mut Criterion) {
    let mut pending = staged();
    pending
        .handle(&Command::new(
            "c2",
            Actor::new("saco", "SACO-01"),
            "2026-11-23T09:01:00+07:00".parse().unwrap(),
            C::OtpVerified {
                challenge_id: "R1-otp1".into(),
            },
        ))
        .unwrap();
    let json = pending.snapshot_json();
    let mut group = c.benchmark_group("companion_snapshot");
    group.bench_function(format!("save ({} bytes)", json.len()), |b| {
        b.iter(|| black_box(&pending).snapshot_json());
    });
    group.bench_function("restore", |b| {
        b.iter(|| Instance::<Companion>::from_snapshot_json(black_box(&json)).unwrap());
    });
    group.bench_function("save + restore", |b| {
        b.iter(|| {
            Instance::<Companion>::from_snapshot_json(&black_box(&pending).snapshot_json()).unwrap()
        });
    });
    group.finish();
}

criterion_group!(benches, commands, snapshots);
criterion_main!(benches);
