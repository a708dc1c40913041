//! The scheduler: every due deadline fires exactly once, at its own instant — when the
//! desk is killed in the middle of its ticks and restarted, and when four desks share
//! 10,000 due instances on PostgreSQL (`FOR UPDATE SKIP LOCKED`).

mod common;

use common::Client;
use serde_json::json;

const ACTORS: &[(&str, &str)] = &[("back_office", "seeder"), ("saco", "SACO-01")];
const SEEDER: &str = "back_office/seeder";
const SACO: &str = "saco/SACO-01";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_during_a_tick_nothing_is_lost_or_fired_twice() {
    const N: usize = 2000;
    let after = "2026-07-02T09:00:00+07:00";
    for db in common::databases("kill_tick").await {
        let dir = common::scratch(&format!("kill-tick-{}", db.backend));
        let tokens = common::tokens_arg(&format!("kill-tick-tokens-{}", db.backend), ACTORS);
        let port = common::free_port();
        let base = format!("http://127.0.0.1:{port}");
        let words = [
            "--database",
            &db.url,
            "--tokens",
            &tokens,
            "--now",
            "2026-06-01T09:00:00+07:00",
            "--scheduler-interval-ms",
            "10",
            "--batch",
            "16",
        ];
        let mut first = common::spawn_desk(port, &words, &dir.join("first.log")).await;
        common::seed(std::slice::from_ref(&base), N).await;
        let desk = Client::new(&base);
        assert_eq!(desk.health().await["counts"]["due"], 0);
        desk.ok("PUT", "/admin/clock", SEEDER, Some(&json!({"now": after})))
            .await;
        // Kill it once some of the instances were ticked, but not all.
        let health = desk
            .wait_for(120, "the scheduler to start", |c| {
                c["due"].as_i64().unwrap() < i64::try_from(N).unwrap() - 50
            })
            .await;
        common::kill9(&mut first);
        let due = health["counts"]["due"].as_i64().unwrap();
        assert!(
            due > 0,
            "the scheduler finished before the kill; nothing was tested"
        );
        let words_after = [
            "--database",
            &db.url,
            "--tokens",
            &tokens,
            "--now",
            after,
            "--scheduler-interval-ms",
            "10",
        ];
        let mut second = common::spawn_desk(port, &words_after, &dir.join("second.log")).await;
        desk.wait_for(120, "every deadline", |c| c["due"] == 0)
            .await;
        common::kill9(&mut second);
        common::assert_each_fired_once(&db, N, after).await;
        common::drop_db(&db).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_desks_on_postgres_fire_ten_thousand_deadlines_exactly_once() {
    const N: usize = 10_000;
    let Some(db) = common::postgres("four_workers").await else {
        return;
    };
    let dir = common::scratch("four-workers");
    let tokens = common::tokens_arg("four-workers-tokens", ACTORS);
    let before = "2026-06-01T09:00:00+07:00";
    let after = "2026-07-02T09:00:00+07:00";
    let words = [
        "--database",
        &db.url,
        "--tokens",
        &tokens,
        "--now",
        before,
        "--scheduler-interval-ms",
        "10",
        "--batch",
        "32",
        "--dispatch-interval-ms",
        "50",
    ];
    let mut desks = Vec::new();
    let mut bases = Vec::new();
    let logs: Vec<_> = (0..4).map(|i| dir.join(format!("desk-{i}.log"))).collect();
    for log in &logs {
        let port = common::free_port();
        // Each desk logs, as JSON lines, how many instances each of its ticks fired.
        let mut words = words.to_vec();
        words.push("--log-json");
        desks.push(
            common::spawn_desk_logging(port, &words, log, "warn,quytrinh_desk::scheduler=info")
                .await,
        );
        bases.push(format!("http://127.0.0.1:{port}"));
    }
    let started = std::time::Instant::now();
    common::seed(&bases, N).await;
    eprintln!(
        "{N} instances created through four desks in {:?}",
        started.elapsed()
    );
    // Concurrent commands on one instance through two desks, with the same
    // expected_version: one wins, the other gets 409.
    let (a, b) = (Client::new(&bases[0]), Client::new(&bases[1]));
    for round in 0..10 {
        let id = format!("rel-race-{round}");
        a.ok(
            "POST",
            "/instances",
            SACO,
            Some(&json!({"workflow": "companion", "instance_id": id,
            "init": {"saco_id": "SACO-01", "customer_id": "KH-01", "account": "0001234567"}})),
        )
        .await;
        let body = |command_id: &str| json!({"command_id": command_id, "type": "request_unlink", "expected_version": 0});
        let path = format!("/instances/{id}/commands");
        let (from_a, from_b) = (body("from-a"), body("from-b"));
        let (first, second) = tokio::join!(
            a.call("POST", &path, Some(SACO), Some(&from_a)),
            b.call("POST", &path, Some(SACO), Some(&from_b))
        );
        let mut statuses = [first.0, second.0];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "{id}: {first:?} {second:?}");
        assert_eq!(
            a.ok("GET", &format!("/instances/{id}"), SACO, None).await["version"],
            1
        );
    }
    // Every desk's clock moves past the expiry: they share the 10,000 instances.
    for base in &bases {
        Client::new(base)
            .ok("PUT", "/admin/clock", SEEDER, Some(&json!({"now": after})))
            .await;
    }
    let started = std::time::Instant::now();
    a.wait_for(300, "every deadline", |c| c["due"] == 0).await;
    eprintln!(
        "{N} instances ticked by four desks in {:?}",
        started.elapsed()
    );
    assert_shared_and_delivered(&db, &a, &logs, N).await;
    for desk in &mut desks {
        common::kill9(desk);
    }
    common::assert_each_fired_once(&db, N, after).await;
    common::drop_db(&db).await;
}

/// Every effect of the desks delivered, none given up; each instance ticked once, by one
/// desk (the desks' logs count their ticks), and more than one desk did some of the ticks.
async fn assert_shared_and_delivered(
    db: &common::Db,
    a: &Client,
    logs: &[std::path::PathBuf],
    instances: usize,
) {
    // Every effect delivered, none given up.
    let health = a
        .wait_for(120, "every effect delivered", |c| c["pending"] == 0)
        .await;
    let outbox = common::count(&db.url, "SELECT COUNT(*) FROM desk_outbox").await;
    assert!(
        outbox >= i64::try_from(instances).unwrap(),
        "{outbox} effects for {instances} instances"
    );
    assert_eq!(
        (&health["counts"]["delivered"], &health["counts"]["dead"]),
        (&json!(outbox), &json!(0)),
        "{health}"
    );
    // The desks shared the ticks: each instance was ticked once, by one of them, and more
    // than one desk did some of the work.
    let ticked: Vec<u64> = logs
        .iter()
        .map(|log| {
            common::log_lines(log, "quytrinh_desk::scheduler")
                .iter()
                .map(|line| line["fields"]["ticked"].as_u64().unwrap())
                .sum()
        })
        .collect();
    eprintln!("instances ticked by each desk: {ticked:?}");
    // The store subscriptions and the relationships of the races above, each ticked once.
    let fired = common::count(
        &db.url,
        "SELECT COUNT(DISTINCT instance_id) FROM desk_events WHERE command_id IS NULL",
    )
    .await;
    assert!(fired >= i64::try_from(instances).unwrap());
    assert_eq!(
        ticked.iter().sum::<u64>(),
        u64::try_from(fired).unwrap(),
        "{ticked:?}"
    );
    assert!(
        ticked.iter().filter(|&&n| n > 0).count() >= 2,
        "one desk did all the ticks: {ticked:?}"
    );
}
