//! Every conformance vector, replayed through the HTTP API on SQLite and on PostgreSQL,
//! gives the outcomes its expectations (from SPEC and the seeds) require, step by step the
//! same outcomes as the Rust player (`quytrinh::conformance::play`: the same records, with
//! their versions, instants and actors, the same effects with their keys, or the same
//! rejection), and ends in the state the player ends in.
//!
//! The desk takes the actor from the caller's token and the instant from its clock, so
//! each command is sent with the token of its actor and without `at`, after the test
//! clock was moved to its `at`; a tick moves the clock and runs the scheduler. A command
//! whose actor is `system` cannot be sent by any caller: the desk refuses it itself
//! (403, `not_permitted`, rule `actor`), as the library does (`not_permitted`, rule `role`).

mod common;

use common::{Client, Db};
use quytrinh::conformance::{self, Vector, check};
use quytrinh::kernel::{Error, Rejection, RejectionCode};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const CREATOR: &str = "back_office/desk-test";

fn vectors() -> Vec<(String, Vector)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|dir| dir.unwrap().path())
        .filter(|dir| dir.is_dir())
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|f| f.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 60, "the vectors were not found in {root}");
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (
                f.display().to_string(),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect()
}

/// Every actor of every vector but `system`, and the creator.
fn actors(vectors: &[(String, Vector)]) -> BTreeSet<(String, String)> {
    let mut all = BTreeSet::from([("back_office".to_owned(), "desk-test".to_owned())]);
    for (_, v) in vectors {
        for step in &v.steps {
            if let Some(c) = &step.command {
                let (role, id) = (
                    c["actor"]["role"].as_str().unwrap(),
                    c["actor"]["id"].as_str().unwrap(),
                );
                if role != "system" {
                    all.insert((role.to_owned(), id.to_owned()));
                }
            }
        }
    }
    all
}

/// The library's error an HTTP error body stands for (its code and rule).
fn error_of(body: &Value) -> Error {
    let code = body["code"].as_str().unwrap_or("internal");
    match serde_json::from_value::<RejectionCode>(Value::from(code)) {
        Ok(code) => Error::Rejected(Rejection::new(
            code,
            body["rule"].as_str().unwrap_or("").to_owned(),
            body["message_vi"].as_str().unwrap_or("").to_owned(),
            body["message_en"].as_str().unwrap_or("").to_owned(),
        )),
        Err(_) if code == "invalid_json" => Error::InvalidJson {
            message: body.to_string(),
            path: body["rule"].as_str().unwrap_or("").to_owned(),
            line: 0,
            column: 0,
        },
        Err(_) => Error::Internal(body.to_string()),
    }
}

/// Sends a vector's command with its actor's token, after moving the clock to its `at`.
async fn send(desk: &Client, id: &str, command: &Value) -> Result<Value, Error> {
    desk.ok(
        "PUT",
        "/admin/clock",
        CREATOR,
        Some(&json!({"now": command["at"]})),
    )
    .await;
    let mut body = command.clone();
    body.as_object_mut().unwrap().remove("at");
    let token = format!(
        "{}/{}",
        command["actor"]["role"].as_str().unwrap(),
        command["actor"]["id"].as_str().unwrap()
    );
    let (status, answer) = desk
        .call(
            "POST",
            &format!("/instances/{id}/commands"),
            Some(&token),
            Some(&body),
        )
        .await;
    if status == 200 {
        Ok(answer)
    } else {
        Err(error_of(&answer))
    }
}

/// Sends a command whose body claims to be `system`, with another caller's token.
async fn send_as_system(desk: &Client, id: &str, command: &Value) -> (u16, Value) {
    let mut body = command.clone();
    body.as_object_mut().unwrap().remove("at");
    desk.call(
        "POST",
        &format!("/instances/{id}/commands"),
        Some(CREATOR),
        Some(&body),
    )
    .await
}

/// Moves the clock to `at`, runs the scheduler, and reads what it recorded after
/// `version` from the event log.
async fn tick_at(
    desk: &Client,
    id: &str,
    at: chrono::DateTime<chrono::Utc>,
    version: u64,
) -> Result<Value, Error> {
    desk.ok("PUT", "/admin/clock", CREATOR, Some(&json!({"now": at})))
        .await;
    desk.ok("POST", "/admin/scheduler/run", CREATOR, None).await;
    let log = desk
        .ok("GET", &format!("/instances/{id}/events"), CREATOR, None)
        .await;
    let new: Vec<Value> = log["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["version"].as_u64().unwrap() > version)
        .cloned()
        .collect();
    let effects: Vec<Value> = new
        .iter()
        .flat_map(|r| r["effects"].as_array().cloned().unwrap_or_default())
        .collect();
    Ok(json!({"duplicate": false, "events": new, "effects": effects}))
}

/// Where the desk's outcome of a step differs from the Rust player's: the records
/// (`events`: each with its version, instant, command, actor, trigger and event), the
/// effects with their idempotency keys, the version and whether it was a duplicate; or the
/// rejection's code and rule.
fn differences(desk: &Result<Value, Error>, player: &Result<Value, Error>) -> Vec<String> {
    match (desk, player) {
        (Ok(desk), Ok(player)) => {
            let mut out = Vec::new();
            for field in ["events", "effects"] {
                if desk[field] != player[field] {
                    out.push(format!(
                        "{field}: the desk's {} but the player's {}",
                        desk[field], player[field]
                    ));
                }
            }
            let duplicate = |o: &Value| o["duplicate"].as_bool().unwrap_or(false);
            if duplicate(desk) != duplicate(player) {
                out.push(format!(
                    "duplicate: the desk's {} but the player's {}",
                    duplicate(desk),
                    duplicate(player)
                ));
            }
            if player.get("version").is_some() && desk["version"] != player["version"] {
                out.push(format!(
                    "version: the desk's {} but the player's {}",
                    desk["version"], player["version"]
                ));
            }
            out
        }
        (Err(desk), Err(player)) => {
            let rule = |e: &Error| e.rejection().map(|r| r.rule.clone());
            if desk.code() == player.code() && rule(desk) == rule(player) {
                Vec::new()
            } else {
                vec![format!(
                    "the desk refused with `{}` (rule {:?}), the player with `{}` (rule {:?})",
                    desk.code(),
                    rule(desk),
                    player.code(),
                    rule(player)
                )]
            }
        }
        (Ok(_), Err(player)) => vec![format!(
            "the desk accepted what the player refused with `{}`: {player}",
            player.code()
        )],
        (Err(desk), Ok(_)) => vec![format!(
            "the desk refused with `{}` what the player accepted: {desk}",
            desk.code()
        )],
    }
}

async fn replay(db: &Db, name: &str, vector: &Vector, tokens: &std::path::Path) -> Vec<String> {
    let player = conformance::play(vector).unwrap();
    let args = common::serve_args(&[
        "--database",
        &db.url,
        "--tokens",
        tokens.to_str().unwrap(),
        "--now",
        "2020-01-01T00:00:00Z",
        "--scheduler-interval-ms",
        "0",
        "--dispatch-interval-ms",
        "0",
    ]);
    let desk = Client::new(&common::start_in_process(args).await);
    let id = vector.instance_id.as_str();
    desk.ok(
        "POST",
        "/instances",
        CREATOR,
        Some(&json!({
            "workflow": vector.workflow, "instance_id": id, "config": vector.config,
            "settings": vector.settings, "init": vector.init,
        })),
    )
    .await;
    let mut failures = Vec::new();
    let mut version = 0;
    for (index, step) in vector.steps.iter().enumerate() {
        let result = match (&step.command, &step.tick) {
            (Some(command), _) if command["actor"]["role"] == "system" => {
                let (status, answer) = send_as_system(&desk, id, command).await;
                let refused =
                    status == 403 && answer["code"] == "not_permitted" && answer["rule"] == "actor";
                if !refused || step.expect.rejected.as_deref() != Some("not_permitted") {
                    failures.push(format!(
                        "{name}: step {index}: a command as `system`: {status} {answer}"
                    ));
                }
                continue;
            }
            (Some(command), _) => send(&desk, id, command).await,
            (None, tick) => tick_at(&desk, id, tick.as_ref().unwrap().at, version).await,
        };
        let observed = match result {
            Ok(mut outcome) => {
                let now = desk
                    .ok("GET", &format!("/instances/{id}"), CREATOR, None)
                    .await;
                version = now["version"].as_u64().unwrap();
                if outcome.get("version").is_none() {
                    outcome["version"] = now["version"].clone();
                    outcome["next_deadline"] = now["next_deadline"].clone();
                }
                outcome["state"] = now["state"].clone();
                outcome["position"] = now["position"].clone();
                Ok(outcome)
            }
            Err(e) => Err(e),
        };
        failures.extend(
            check(&step.expect, &observed)
                .into_iter()
                .chain(differences(&observed, &player.steps[index].result))
                .map(|f| format!("{name}: step {index}: {f}")),
        );
    }
    let end = desk
        .ok("GET", &format!("/instances/{id}"), CREATOR, None)
        .await;
    if end["state"] != player.instance.state() || end["version"] != player.instance.version() {
        failures.push(format!(
            "{name}: the desk ends at version {} and the Rust player at {}, or their states differ",
            end["version"],
            player.instance.version()
        ));
    }
    failures
}

async fn replay_all(db: Db) {
    let vectors = vectors();
    let actors = actors(&vectors);
    let pairs: Vec<(&str, &str)> = actors
        .iter()
        .map(|(r, i)| (r.as_str(), i.as_str()))
        .collect();
    let dir = common::scratch(&format!("vectors-{}", db.backend));
    let tokens = common::tokens_file(&dir, &pairs);
    let mut failures = Vec::new();
    for (index, (name, vector)) in vectors.iter().enumerate() {
        // A fresh database per vector: the vectors reuse instance ids.
        let db = match db.backend {
            "sqlite" => common::sqlite(&format!("vector-{index}")),
            _ => common::postgres(&format!("vector_{index}")).await.unwrap(),
        };
        failures.extend(replay(&db, name, vector, &tokens).await);
        common::drop_db(&db).await;
    }
    assert!(
        failures.is_empty(),
        "{} unmet expectations on {}:\n{}",
        failures.len(),
        db.backend,
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_vector_through_http_on_sqlite() {
    replay_all(common::sqlite("vectors")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_vector_through_http_on_postgres() {
    if let Some(db) = common::postgres("vectors").await {
        replay_all(db).await;
    }
}
