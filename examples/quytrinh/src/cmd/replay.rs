//! `quytrinh replay FILE...`: plays conformance vectors and prints their timelines.

use crate::timeline;
use clap::Args;
use quytrinh::conformance::Vector;
use quytrinh::kernel::Lang;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Arguments of `quytrinh replay`.
#[derive(Args, Debug)]
pub struct ReplayArgs {
    /// Conformance vector files (JSON; format in tests/vectors/README.md).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The language of the labels.
    #[arg(long, default_value = "vi")]
    lang: Lang,
}

/// Plays every file; the flag says whether every expectation held.
pub fn run(args: &ReplayArgs) -> Result<(String, bool), String> {
    let mut out = String::new();
    let mut failed = Vec::new();
    for file in &args.files {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(file).map_err(|e| format!("{name}: {e}"))?;
        let vector = parse(&name, &text)?;
        let played = timeline::play(&name, &vector, args.lang)?;
        out.push_str(&played.text);
        failed.extend(played.failures);
    }
    let total = args.files.len();
    if failed.is_empty() {
        let _ = writeln!(out, "{total} passed, 0 failed");
    } else {
        let _ = writeln!(out, "\nUnmet expectations:");
        for f in &failed {
            let _ = writeln!(out, "  {f}");
        }
        let files_failed = args
            .files
            .iter()
            .filter(|f| {
                failed
                    .iter()
                    .any(|m| m.starts_with(&f.display().to_string()))
            })
            .count();
        let _ = writeln!(
            out,
            "{} passed, {files_failed} failed",
            total - files_failed
        );
    }
    Ok((out, failed.is_empty()))
}

/// Parses a vector; a malformed file gets its name, the line and column, and what was
/// expected.
pub fn parse(name: &str, text: &str) -> Result<Vector, String> {
    serde_json::from_str(text).map_err(|e| {
        format!(
            "{name}:{}:{}: not a conformance vector: {}",
            e.line(),
            e.column(),
            strip_position(&e.to_string())
        )
    })
}

fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}
