//! Event logs assembled from the valid records of the vectors' played logs: reordered,
//! duplicated, truncated, taken from other logs (other workflows too), with fields swapped
//! between records, and the raw bytes as text. Decode and replay never panic; a log that
//! replays gives an instance whose own log replays to the same snapshot.
#![no_main]
use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use quytrinh::dynamic;
use quytrinh_fuzz::{check_round_trips, mutate_many, seeds};
use serde_json::Value;

fn assemble(u: &mut Unstructured<'_>) -> Result<String> {
    let s = seeds();
    let logs: Vec<&Value> = s.played.iter().map(|p| &p.log_value).collect();
    let mut log = (*u.choose(&logs)?).clone();
    let records: Vec<&Value> = logs
        .iter()
        .filter_map(|l| l["records"].as_array())
        .flatten()
        .collect();
    let own: Vec<Value> = log["records"].as_array().cloned().unwrap_or_default();
    let mut out = Vec::new();
    for _ in 0..u.int_in_range(0..=12u8)? {
        let from_own = !own.is_empty() && u.ratio(3, 4)?;
        let record = if from_own {
            u.choose(&own)?.clone()
        } else if records.is_empty() {
            break;
        } else {
            (*u.choose(&records)?).clone()
        };
        out.push(record);
    }
    if u.arbitrary()? {
        // Keep the log's own order for a prefix: a truncated or extended valid log.
        out = own[..u.int_in_range(0..=own.len())?].to_vec();
    }
    for record in &mut out {
        if u.ratio(1, 3)? {
            mutate_many(u, record, &records, 3)?;
        }
    }
    log["records"] = Value::Array(out);
    if u.ratio(1, 4)? {
        let bases: Vec<&Value> = logs.iter().map(|l| &l["base"]).collect();
        mutate_many(u, &mut log["base"], &bases, 3)?;
    }
    Ok(log.to_string())
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
    if let Ok(instance) = dynamic::replay(&text) {
        check_round_trips(instance.as_ref());
    }
});
