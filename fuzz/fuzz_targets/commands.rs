//! A live instance of any workflow, started from one of its conformance vectors (the
//! instance after an arbitrary step, restored from its snapshot), then driven by commands taken from that workflow's vectors and
//! mutated structurally, interleaved with ticks. After every input: no panic; the version
//! never goes down; when the fuzzer's bytes ask for it (about one input in four), a
//! rejected input is checked to have left the snapshot identical. At the end of the
//! sequence: the snapshot round-trips and the event log replays to the same snapshot.
//! (The round trips restore and replay the whole history, so running them after every input
//! made the target about thirty times slower without reaching more code: a divergence
//! introduced by any input is still there at the end.)
#![no_main]
use arbitrary::{Result, Unstructured};
use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use quytrinh::dynamic::{self, AnyInstance};
use quytrinh_fuzz::{check_round_trips, instant, mutate_many, seeds};
use serde_json::Value;

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let s = seeds();
    let played = u.choose(&s.played)?;
    // The instance after an arbitrary step of the vector, restored from the snapshot kept
    // when the vector was played (replaying the steps on every input was most of the cost).
    let Ok(mut instance) = dynamic::restore(u.choose(&played.snapshots)?) else {
        return Ok(());
    };
    let pool: Vec<&Value> = s.commands_of(&played.workflow).collect();
    if pool.is_empty() {
        return Ok(());
    }
    // Whatever ends the sequence (the bytes running out included), the checks run at the end.
    let _ = drive(u, instance.as_mut(), &pool);
    check_round_trips(instance.as_ref());
    Ok(())
}

/// Up to 24 inputs: ticks and mutated commands.
fn drive(u: &mut Unstructured<'_>, instance: &mut dyn AnyInstance, pool: &[&Value]) -> Result<()> {
    for _ in 0..u.int_in_range(1..=24u8)? {
        let before = u.ratio(1, 4)?.then(|| instance.snapshot_json());
        let version = instance.version();
        let result = if u.ratio(1, 5)? {
            let Ok(at) = instant(u)?.parse::<DateTime<Utc>>() else {
                continue;
            };
            instance.tick(at)
        } else {
            let mut command = (*u.choose(pool)?).clone();
            mutate_many(u, &mut command, pool, 4)?;
            instance.handle_value(command)
        };
        if let (Err(_), Some(before)) = (&result, before) {
            assert_eq!(
                instance.snapshot_json(),
                before,
                "a rejected input changed the instance"
            );
        }
        assert!(instance.version() >= version, "version went down");
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
