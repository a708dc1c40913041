//! The `quytrinh` program end to end: exit codes, timelines, and error messages that name
//! the file, the step, the line and the column.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn quytrinh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quytrinh"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the quytrinh binary runs")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quytrinh-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn replay_prints_the_timeline_and_passes() {
    let out = quytrinh(&[
        "replay",
        "--lang",
        "en",
        "tests/vectors/companion/auto_confirm_after_24h.json",
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout
            .contains("request_auto_confirmed — Automatic unlink after 24 h @ 2026-11-24 09:02:00"),
        "{stdout}"
    );
    assert!(stdout.contains("✗ invalid_transition"), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("1 passed, 0 failed"),
        "{stdout}"
    );
}

#[test]
fn replay_fails_naming_the_file_the_step_and_the_difference() {
    let original = std::fs::read_to_string(
        repo().join("tests/vectors/companion/reject_restores_trading.json"),
    )
    .unwrap();
    let wrong = original.replacen(
        "\"restore_trading_rights\"",
        "\"suspend_trading_rights\"",
        1,
    );
    assert_ne!(wrong, original);
    let file = scratch("wrong_effect.json", &wrong);
    let out = quytrinh(&["replay", file.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("wrong_effect.json: step 3: effects: expected"),
        "{stdout}"
    );
    assert!(stdout.contains("\"suspend_trading_rights\""), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("0 passed, 1 failed"),
        "{stdout}"
    );
}

#[test]
fn a_malformed_file_gets_its_line_and_column_never_a_panic() {
    let file = scratch(
        "broken.json",
        "{\n  \"description\": \"x\",\n  \"workflow\": \"companion\",\n  \"init\": {}\n  \"steps\": []\n}\n",
    );
    let out = quytrinh(&["replay", file.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("broken.json:5:3: not a conformance vector: expected `,` or `}`"),
        "{stderr}"
    );

    let file = scratch(
        "unknown_key.json",
        "{\"description\": \"x\", \"workflow\": \"companion\", \"init\": {}, \"steps\": [], \"colour\": 1}",
    );
    let stderr = text(&quytrinh(&["replay", file.to_str().unwrap()]).stderr);
    assert!(
        stderr.contains("unknown_key.json:1:") && stderr.contains("unknown field `colour`"),
        "{stderr}"
    );

    let file = scratch(
        "bad_init.json",
        "{\"description\": \"x\", \"workflow\": \"companion\", \"init\": {\"saco_id\": 1}, \"steps\": []}",
    );
    let out = quytrinh(&["replay", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("bad_init.json: invalid JSON"),
        "{}",
        text(&out.stderr)
    );

    let out = quytrinh(&["replay", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no/such/file.json"));
}

#[test]
fn diagram_renders_mermaid_and_dot() {
    let out = quytrinh(&["diagram", "companion"]);
    let mermaid = text(&out.stdout);
    assert!(out.status.success());
    assert!(mermaid.starts_with("stateDiagram-v2"));
    assert!(
        mermaid.contains(
            "request__pending --> request__auto_confirmed : Tự động hủy đồng hành sau 24 giờ"
        ),
        "{mermaid}"
    );
    let dot = text(&quytrinh(&["diagram", "companion", "--format", "dot", "--lang", "en"]).stdout);
    assert!(dot.starts_with("digraph companion {"));
    assert!(dot.contains("[label=\"Awaiting confirmation\"]"), "{dot}");
    let out = quytrinh(&["diagram", "payroll"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown workflow `payroll`"));
}

#[test]
fn the_tour_plays_every_bundled_scenario_in_both_languages() {
    for (lang, heading) in [("vi", "tham quan"), ("en", "a tour of the workflows")] {
        let out = quytrinh(&["tour", "--lang", lang]);
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{stdout}");
        assert!(stdout.contains(heading));
        assert!(stdout.contains("━━ companion/unlink_by_saco_confirmed_by_customer.json"));
        assert!(
            !stdout.contains('‼'),
            "a bundled scenario missed an expectation:\n{stdout}"
        );
    }
}

#[test]
fn calendar_adds_72_working_hours_over_culture_day() {
    let out = quytrinh(&["calendar", "add", "2026-11-23T09:00:00+07:00", "72h"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("2026-11-27T09:00:00+07:00"),
        "{}",
        text(&out.stdout)
    );
    let holidays = text(&quytrinh(&["calendar", "holidays", "2026"]).stdout);
    assert!(
        holidays.contains("2026-11-24") && holidays.contains("Văn hóa"),
        "{holidays}"
    );
}
