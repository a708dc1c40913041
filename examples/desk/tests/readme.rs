//! The README's walk-through, played line for line: a complaint received on Thursday
//! 5 March 2026 at 14:00 breaches its 72 working-hour SLA on Tuesday 10 March at 14:00 while
//! the desk is stopped; restarted on Wednesday, the desk fires the warning (Monday 20:00) and
//! the breach at their own instants (SPEC §6; the vector complaint/sla_breach_escalates.json).

mod common;

use std::process::Command;

#[test]
fn the_walk_through_of_the_readme_works() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- walkthrough")
        .expect("the walk-through marker");
    let block = &readme[start..];
    let body_start = block.find("```sh\n").unwrap() + "```sh\n".len();
    let body = &block[body_start..];
    let script = &body[..body.find("```").unwrap()];
    let port = common::free_port().to_string();
    let script = script
        .replace(
            "cargo run --release -p quytrinh-desk --",
            env!("CARGO_BIN_EXE_quytrinh-desk"),
        )
        .replace("8080", &port);
    let dir = common::scratch("readme");
    // Bounded: a walk-through that hangs fails instead.
    let output = Command::new("timeout")
        .arg("180")
        .arg("bash")
        .arg("-euo")
        .arg("pipefail")
        .arg("-c")
        .arg(&script)
        .current_dir(&dir)
        .env("RUST_LOG", "warn")
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the walk-through failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // What the README says the newcomer sees.
    for line in [
        r#"{"version":4,"at":"2026-03-09T13:00:00Z","event":"sla_warned","effects":["notify"]}"#,
        r#"{"version":5,"at":"2026-03-10T07:00:00Z","event":"sla_breached","effects":["escalate"]}"#,
        r#"{"version":5,"sla_breached":true,"position":{"case":"awaiting_documents","sla":"breached"}}"#,
    ] {
        assert!(
            stdout.lines().any(|l| l == line),
            "missing {line} in:\n{stdout}"
        );
        assert!(readme.contains(line), "the README shows {line}");
    }
}
