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
        assert!(stdout.contains("━━ renewal_billing/reminders_over_tet.json"));
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

#[test]
fn qr_prints_a_payload_that_parses_back_and_draws_it() {
    let out = quytrinh(&[
        "qr",
        "--bin",
        "970436",
        "--account",
        "0011001234567",
        "--amount",
        "150000",
        "--reference",
        "GH123 GIA HAN",
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    let payload = stdout.lines().next().unwrap();
    let qr = quytrinh::vietqr::VietQr::parse(payload).unwrap();
    assert_eq!(
        (qr.bank_bin.as_str(), qr.account.as_str()),
        ("970436", "0011001234567")
    );
    assert_eq!(qr.service, quytrinh::vietqr::Service::ToAccount);
    assert_eq!(qr.amount, Some(quytrinh::kernel::Vnd::new(150_000)));
    assert_eq!(qr.reference.as_deref(), Some("GH123 GIA HAN"));
    // The QR code in half blocks, then the fields.
    assert!(
        stdout.lines().filter(|l| l.contains('▄')).count() > 10,
        "{stdout}"
    );
    assert!(
        stdout.contains("150.000 ₫") && stdout.contains("GH123 GIA HAN"),
        "{stdout}"
    );

    // Read back with --parse; to a card with --card.
    let out = quytrinh(&["qr", "--parse", payload, "--lang", "en"]);
    let fields = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        fields.contains("Account      0011001234567 (QRIBFTTA)"),
        "{fields}"
    );
    assert!(fields.contains("Amount       150.000 ₫"), "{fields}");
    let out = quytrinh(&[
        "qr",
        "--bin",
        "970436",
        "--account",
        "9704366800000000",
        "--card",
    ]);
    let card = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let card_qr = quytrinh::vietqr::VietQr::parse(card.lines().next().unwrap()).unwrap();
    assert_eq!(card_qr.service, quytrinh::vietqr::Service::ToCard);
    assert_eq!(card_qr.amount, None);
}

#[test]
fn qr_refuses_a_bad_account_or_payload_naming_the_rule() {
    let out = quytrinh(&["qr", "--bin", "970436", "--account", "0011OO1234567"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.contains("validation_failed (vietqr_account)") && stderr.contains("0011OO1234567"),
        "{stderr}"
    );
    let out = quytrinh(&[
        "qr",
        "--bin",
        "970436",
        "--account",
        "1",
        "--amount",
        "0",
        "--lang",
        "en",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("vietqr_amount") && stderr.contains("above 0"),
        "{stderr}"
    );
    // A published payload (VietQR.IO's API docs) with its last CRC digit changed.
    let out = quytrinh(&[
        "qr",
        "--parse",
        "00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA53037045405790005802VN62220818Ung Ho Quy Vac Xin63043ACE",
        "--lang",
        "en",
    ]);
    let stderr = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("vietqr_crc") && stderr.contains("computed 3ACF"),
        "{stderr}"
    );
}
