//! The outbox: every effect of a committed input is delivered at least once, with its
//! idempotency key, retried with back-off and given up as a dead letter after the
//! configured attempts; one outbox row per key, even when the desk is killed (kill -9)
//! between the commit and the delivery.

mod common;

use common::{Answer, Client, Db, Webhook};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::time::Duration;

const ACTORS: &[(&str, &str)] = &[
    ("intake", "mailbox"),
    ("saco", "SACO-01"),
    ("back_office", "seeder"),
];
const SACO: &str = "saco/SACO-01";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_deliveries_are_retried_then_dead_lettered() {
    for db in common::databases("dead_letter").await {
        let (url, hook) = Webhook::start(Answer::Fail).await;
        let tokens = common::tokens_arg(&format!("dead-{}", db.backend), ACTORS);
        let desk = Client::new(
            &common::start_in_process(common::serve_args(&[
                "--database",
                &db.url,
                "--tokens",
                &tokens,
                "--webhook",
                &url,
                "--now",
                "2026-11-23T09:00:00+07:00",
                "--scheduler-interval-ms",
                "0",
                "--dispatch-interval-ms",
                "20",
                "--max-attempts",
                "3",
                "--retry-base-ms",
                "20",
            ]))
            .await,
        );
        request_unlink_on_a_new_relationship(&desk).await;
        desk.wait_for(30, "a dead letter", |c| c["dead"] == 1).await;
        // Three attempts, each with the effect's key, then nothing more.
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(hook.keys(), ["rel-1:1:0"; 3]);
        let (_, body) = hook.received.lock().unwrap()[0].clone();
        assert_eq!(
            (
                body["idempotency_key"].as_str(),
                body["effect"]["kind"].as_str()
            ),
            (Some("rel-1:1:0"), Some("send_otp"))
        );
        // A second effect, delivered once the webhook answers again.
        hook.answer(Answer::Fail);
        desk.ok(
            "POST",
            "/instances/rel-1/commands",
            SACO,
            Some(&json!({"command_id": "c2", "type": "otp_verified", "challenge_id": "R1-otp1"})),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(30)).await;
        hook.answer(Answer::Ok);
        let counts = desk
            .wait_for(30, "the deliveries", |c| c["pending"] == 0)
            .await["counts"]
            .clone();
        assert_eq!(
            (counts["dead"].as_i64(), counts["delivered"].as_i64()),
            (Some(1), Some(2)),
            "{}",
            db.backend
        );
        assert_eq!(
            common::count(
                &db.url,
                "SELECT COUNT(*) FROM desk_outbox WHERE status = 'dead' AND attempts = 3"
            )
            .await,
            1
        );
    }
}

/// One row per idempotency key, every key delivered.
async fn assert_delivered_once_each(db: &Db, hook: &Webhook) {
    let rows = common::count(&db.url, "SELECT COUNT(*) FROM desk_outbox").await;
    let keys = common::count(
        &db.url,
        "SELECT COUNT(DISTINCT idempotency_key) FROM desk_outbox",
    )
    .await;
    let delivered = common::count(
        &db.url,
        "SELECT COUNT(*) FROM desk_outbox WHERE status = 'delivered'",
    )
    .await;
    assert_eq!((rows, delivered), (keys, keys), "{}", db.backend);
    let received: BTreeSet<String> = hook.keys().into_iter().collect();
    assert_eq!(
        i64::try_from(received.len()).unwrap(),
        keys,
        "every key reached the webhook ({})",
        db.backend
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_between_commit_and_delivery_the_effect_is_delivered_after_restart() {
    for db in common::databases("kill_delivery").await {
        let dir = common::scratch(&format!("kill-delivery-{}", db.backend));
        let (url, hook) = Webhook::start(Answer::Hang).await;
        let tokens = common::tokens_arg(&format!("kill-delivery-tokens-{}", db.backend), ACTORS);
        let words = [
            "--database",
            &db.url,
            "--tokens",
            &tokens,
            "--webhook",
            &url,
            "--now",
            "2026-11-23T09:00:00+07:00",
            "--dispatch-interval-ms",
            "20",
            "--lease-ms",
            "500",
        ];
        let port = common::free_port();
        let mut first = common::spawn_desk(port, &words, &dir.join("first.log")).await;
        let desk = Client::new(&format!("http://127.0.0.1:{port}"));
        let outcome = request_unlink_on_a_new_relationship(&desk).await;
        assert_eq!(outcome["effects"][0]["key"], "rel-1:1:0");
        // The command committed; its delivery is in flight (the webhook does not answer).
        let started = std::time::Instant::now();
        while hook.keys().is_empty() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no delivery started"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        common::kill9(&mut first);
        hook.answer(Answer::Ok);
        let mut second = common::spawn_desk(port, &words, &dir.join("second.log")).await;
        desk.wait_for(30, "the delivery after restart", |c| {
            c["delivered"] == 1 && c["pending"] == 0
        })
        .await;
        common::kill9(&mut second);
        assert!(
            hook.keys().len() >= 2 && hook.keys().iter().all(|k| k == "rel-1:1:0"),
            "{:?}",
            hook.keys()
        );
        assert_delivered_once_each(&db, &hook).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_sink_writes_each_effect_with_its_key_as_a_json_line() {
    let db = common::sqlite("log_sink");
    let dir = common::scratch("log-sink");
    let tokens = common::tokens_arg("log-sink-tokens", ACTORS);
    let words = [
        "--database",
        &db.url,
        "--tokens",
        &tokens,
        "--now",
        "2026-11-23T09:00:00+07:00",
        "--dispatch-interval-ms",
        "20",
        "--log-json",
    ];
    let port = common::free_port();
    let log = dir.join("desk.log");
    let mut child =
        common::spawn_desk_logging(port, &words, &log, "warn,quytrinh_desk::effect=info").await;
    let desk = Client::new(&format!("http://127.0.0.1:{port}"));
    let outcome = request_unlink_on_a_new_relationship(&desk).await;
    desk.wait_for(30, "the delivery to the log", |c| c["delivered"] == 1)
        .await;
    common::kill9(&mut child);
    let lines = common::log_lines(&log, "quytrinh_desk::effect");
    assert_eq!(lines.len(), 1, "{lines:?}");
    let line = &lines[0];
    assert_eq!(line["level"], "INFO");
    assert!(line["timestamp"].is_string(), "{line}");
    let fields = &line["fields"];
    assert_eq!(fields["message"], "effect");
    assert_eq!(fields["idempotency_key"], "rel-1:1:0");
    assert_eq!(fields["idempotency_key"], outcome["effects"][0]["key"]);
    assert_eq!(fields["instance"], "rel-1");
    assert_eq!(fields["workflow"], "companion");
    // The effect itself, as the command's outcome gave it.
    let effect: serde_json::Value =
        serde_json::from_str(fields["effect"].as_str().unwrap()).unwrap();
    assert_eq!(effect, outcome["effects"][0], "{line}");
    common::drop_db(&db).await;
}

/// Creates the relationship `rel-1` and sends its SACO's `request_unlink`; the outcome.
async fn request_unlink_on_a_new_relationship(desk: &Client) -> Value {
    desk.ok(
        "POST",
        "/instances",
        SACO,
        Some(&json!({"workflow": "companion", "instance_id": "rel-1",
        "init": {"saco_id": "SACO-01", "customer_id": "KH-01", "account": "0001234567"}})),
    )
    .await;
    desk.ok(
        "POST",
        "/instances/rel-1/commands",
        SACO,
        Some(&json!({"command_id": "c1", "type": "request_unlink"})),
    )
    .await
}
