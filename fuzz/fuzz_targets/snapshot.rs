//! Snapshots from the vectors' played states (every step of every vector), with fields
//! swapped between states, instances and workflows, and the raw bytes as text. Restore never
//! panics; a restored snapshot round-trips and its instance's log replays.
#![no_main]
use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use quytrinh::dynamic;
use quytrinh_fuzz::{check_round_trips, mutate_many, seeds};
use serde_json::Value;

fn assemble(u: &mut Unstructured<'_>) -> Result<String> {
    let s = seeds();
    let played = u.choose(&s.played)?;
    let mut snapshot: Value = serde_json::from_str(u.choose(&played.snapshots)?).unwrap();
    // Donors: snapshots of the same instance, and of any instance of any workflow.
    let other = u.choose(&s.played)?;
    let donors: Vec<Value> = [u.choose(&played.snapshots)?, u.choose(&other.snapshots)?]
        .iter()
        .filter_map(|t| serde_json::from_str(t).ok())
        .collect();
    let donors: Vec<&Value> = donors.iter().collect();
    mutate_many(u, &mut snapshot, &donors, 6)?;
    Ok(snapshot.to_string())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let text = if u.ratio(1, 8).unwrap_or(false) {
        String::from_utf8_lossy(u.take_rest()).into_owned()
    } else {
        match assemble(&mut u) {
            Ok(t) => t,
            Err(_) => return,
        }
    };
    if let Ok(instance) = dynamic::restore(&text) {
        check_round_trips(instance.as_ref());
    }
});
