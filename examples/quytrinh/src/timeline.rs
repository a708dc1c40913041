//! Plays a vector and writes its timeline: time, actor, command, new state, effects,
//! next deadline, one block per step.

use chrono::{DateTime, FixedOffset, Utc};
use quytrinh::conformance::{self, Vector};
use quytrinh::kernel::{Definition, Lang};
use serde_json::Value;
use std::fmt::Write as _;

/// A played vector: its timeline, and every unmet expectation as `file: step N: …`.
pub struct Played {
    /// The timeline.
    pub text: String,
    /// The unmet expectations.
    pub failures: Vec<String>,
}

/// Plays `vector` (named `name`) and renders its timeline in `lang`.
pub fn play(name: &str, vector: &Vector, lang: Lang) -> Result<Played, String> {
    let report = conformance::play(vector).map_err(|e| format!("{name}: {e}"))?;
    let definition = report.instance.definition();
    let mut text = String::new();
    let _ = writeln!(text, "━━ {name} · {}", definition.label.get(lang));
    let _ = writeln!(text, "   {}", vector.description);
    let mut failures = Vec::new();
    for (step, played) in vector.steps.iter().zip(&report.steps) {
        let (at, who, what) = match (&step.command, &step.tick) {
            (Some(c), _) => (
                c["at"].as_str().and_then(local).unwrap_or_default(),
                format!(
                    "{} {}",
                    c["actor"]["role"].as_str().unwrap_or("?"),
                    c["actor"]["id"].as_str().unwrap_or("?")
                ),
                c["type"].as_str().map_or_else(
                    || "?".to_owned(),
                    |t| format!("{} ({t})", definition.trigger_label(t, lang)),
                ),
            ),
            (None, Some(t)) => (
                local(&t.at.to_rfc3339()).unwrap_or_default(),
                "⏲".to_owned(),
                "tick".to_owned(),
            ),
            (None, None) => continue,
        };
        let _ = writeln!(text, "{:>3}  {at}  {who:<18} {what}", played.index + 1);
        if !step.note.is_empty() {
            let _ = writeln!(text, "       “{}”", step.note);
        }
        match &played.result {
            Ok(outcome) => outcome_lines(&mut text, &definition, outcome, lang),
            Err(e) => {
                let message = e
                    .rejection()
                    .map_or_else(|| e.to_string(), |r| r.message(lang).to_owned());
                let _ = writeln!(text, "       ✗ {}: {message}", e.code());
            }
        }
        for f in &played.failures {
            let _ = writeln!(text, "       ‼ {f}");
            failures.push(format!("{name}: step {}: {f}", played.index));
        }
    }
    text.push('\n');
    Ok(Played { text, failures })
}

fn outcome_lines(text: &mut String, definition: &Definition, outcome: &Value, lang: Lang) {
    if outcome["duplicate"] == true {
        let _ = writeln!(
            text,
            "       ↺ duplicate command_id: the original outcome, nothing changed"
        );
    }
    for record in outcome["events"].as_array().into_iter().flatten() {
        let trigger = record["trigger"].as_str().unwrap_or("");
        let by_deadline = record["actor"]["role"] == "system";
        let _ = writeln!(
            text,
            "       {} {}{}",
            if by_deadline { "⏰" } else { "•" },
            record["event"]["type"].as_str().unwrap_or("?"),
            if by_deadline {
                format!(
                    " — {} @ {}",
                    definition.trigger_label(trigger, lang),
                    record["at"].as_str().and_then(local).unwrap_or_default()
                )
            } else {
                String::new()
            }
        );
        for effect in record["effects"].as_array().into_iter().flatten() {
            let _ = writeln!(
                text,
                "           ⚑ {}  [{}]",
                conformance::effect_name(effect).as_str().unwrap_or("?"),
                effect["key"].as_str().unwrap_or("")
            );
        }
    }
    if let Some(position) = outcome["position"].as_object() {
        let states: Vec<String> = position
            .iter()
            .map(|(region, state)| {
                let state = state.as_str().unwrap_or("?");
                format!(
                    "{}: {}",
                    region_label(definition, region, lang),
                    definition.state_label(region, state, lang)
                )
            })
            .collect();
        let _ = writeln!(text, "       → {}", states.join(" · "));
    }
    let next = &outcome["next_deadline"];
    if let Some(kind) = next["kind"].as_str() {
        let _ = writeln!(
            text,
            "       ⏱ {} {}",
            definition.trigger_label(kind, lang),
            next["due"].as_str().and_then(local).unwrap_or_default()
        );
    }
}

fn region_label<'a>(definition: &'a Definition, region: &'a str, lang: Lang) -> &'a str {
    definition
        .regions
        .iter()
        .find(|r| r.id == region)
        .map_or(region, |r| r.label.get(lang))
}

/// An RFC 3339 instant, shown in Vietnam time.
fn local(instant: &str) -> Option<String> {
    let vietnam = FixedOffset::east_opt(7 * 3600)?;
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339(instant)
        .ok()?
        .with_timezone(&Utc);
    Some(
        at.with_timezone(&vietnam)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
    )
}
