//! A live instance of any workflow, started from one of its conformance vectors (played up
//! to an arbitrary step), then driven by commands taken from that workflow's vectors and
//! mutated structurally, interleaved with ticks. After every input: no panic; a rejected
//! input changes nothing; the version never goes down; the snapshot round-trips and the
//! event log replays to the same snapshot.
#![no_main]
use arbitrary::{Result, Unstructured};
use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use quytrinh_fuzz::{check_round_trips, create, instant, mutate_many, seeds, step};
use serde_json::Value;

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let s = seeds();
    let played = u.choose(&s.played)?;
    let Some(mut instance) = create(&played.vector) else {
        return Ok(());
    };
    let steps = played.vector["steps"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    for st in &steps[..u.int_in_range(0..=steps.len())?] {
        step(instance.as_mut(), st);
    }
    let pool: Vec<&Value> = s.commands_of(&played.workflow).collect();
    if pool.is_empty() {
        return Ok(());
    }
    for _ in 0..u.int_in_range(1..=24u8)? {
        let before = instance.snapshot_json();
        let version = instance.version();
        let result = if u.ratio(1, 5)? {
            let Ok(at) = instant(u)?.parse::<DateTime<Utc>>() else {
                continue;
            };
            instance.tick(at)
        } else {
            let mut command = (*u.choose(&pool)?).clone();
            mutate_many(u, &mut command, &pool, 4)?;
            instance.handle_value(command)
        };
        if result.is_err() {
            assert_eq!(
                instance.snapshot_json(),
                before,
                "a rejected input changed the instance"
            );
        }
        assert!(instance.version() >= version, "version went down");
        check_round_trips(instance.as_ref());
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
