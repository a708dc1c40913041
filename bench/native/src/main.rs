//! Memory per live companion instance natively: `COUNT` instances (default 100,000) kept
//! alive at once, the bytes they hold counted by an instrumented global allocator
//! (`stats_alloc`: bytes requested from the allocator, allocated minus freed, the vector
//! holding them included; the allocator's own bookkeeping is not counted).
//!
//! Run: `cargo run --release --manifest-path bench/native/Cargo.toml [COUNT]`
//! (`scripts/bench.sh native` does). Prints one line per kind of instance, then a
//! machine-readable line: `native_memory typed_bytes=… dynamic_bytes=… typed_1_past_bytes=…`.
//!
//! ```sh
//! cargo run --release --manifest-path bench/native/Cargo.toml 1000
//! ```

use quytrinh::dynamic;
use quytrinh::kernel::{Actor, Command, Instance, Settings};
use quytrinh::workflows::companion::{
    Companion, CompanionCommand as C, CompanionConfig, CompanionInit,
};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::hint::black_box;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Bytes held per value while `count` values made by `make` are alive together.
fn live_bytes_per<T>(count: usize, make: impl Fn(usize) -> T) -> f64 {
    let region = Region::new(GLOBAL);
    let live: Vec<T> = (0..count).map(make).collect();
    let change = region.change();
    black_box(&live);
    (change.bytes_allocated as f64 - change.bytes_deallocated as f64) / count as f64
}

/// A companion instance as the Rust API makes it (relationship active, no request).
fn typed(index: usize) -> Instance<Companion> {
    Instance::create(
        format!("rel-{index}"),
        CompanionConfig::default(),
        Settings::default(),
        CompanionInit::active("SACO-01", "KH-01", "0001234567"),
    )
    .expect("a valid companion instance")
}

/// The same through the JSON surface the bindings use (`dynamic::create`).
fn dynamic(index: usize) -> Box<dyn dynamic::AnyInstance> {
    let init =
        serde_json::json!({"saco_id": "SACO-01", "customer_id": "KH-01", "account": "0001234567"});
    dynamic::create("companion", &format!("rel-{index}"), None, None, &init)
        .expect("a valid companion instance")
}

/// A typed instance after one full request cycle (SACO asks to unlink, passes the OTP, the
/// customer rejects): one closed request in the state, three records in the log.
fn typed_one_past(index: usize) -> Instance<Companion> {
    let mut instance = typed(index);
    let saco = Actor::new("saco", "SACO-01");
    let customer = Actor::new("customer", "KH-01");
    let at = |minute: u32| {
        format!("2026-11-23T09:0{minute}:00+07:00")
            .parse()
            .expect("an RFC 3339 instant")
    };
    for command in [
        Command::new("c1", saco.clone(), at(0), C::RequestUnlink {}),
        Command::new(
            "c2",
            saco,
            at(1),
            C::OtpVerified {
                challenge_id: "R1-otp1".into(),
            },
        ),
        Command::new(
            "c3",
            customer,
            at(2),
            C::Reject {
                request_id: "R1".into(),
            },
        ),
    ] {
        instance.handle(&command).expect("the cycle is accepted");
    }
    instance
}

fn main() {
    let count = match std::env::args().nth(1).map(|a| a.parse::<usize>()) {
        None => 100_000,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("usage: quytrinh-bench-native [COUNT >= 1]");
            std::process::exit(2);
        }
    };
    let typed_bytes = live_bytes_per(count, typed);
    let dynamic_bytes = live_bytes_per(count, dynamic);
    let past_bytes = live_bytes_per(count, typed_one_past);
    println!("{count} live companion instances, bytes held per instance:");
    println!("  Instance<Companion>, new:                   {typed_bytes:.0}");
    println!("  Box<dyn AnyInstance> (bindings path), new:  {dynamic_bytes:.0}");
    println!("  Instance<Companion>, after 1 past request:  {past_bytes:.0}");
    println!(
        "native_memory typed_bytes={typed_bytes:.0} dynamic_bytes={dynamic_bytes:.0} typed_1_past_bytes={past_bytes:.0}"
    );
}
