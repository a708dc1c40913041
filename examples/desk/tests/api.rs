//! The HTTP contract: who may act (the actor comes from the token), how errors map to
//! statuses, optimistic concurrency, retries of a command, the OpenAPI description, and
//! reads (state, available commands, queries, reports, diagrams) — on SQLite and on
//! PostgreSQL.

mod common;

use common::{Client, Db};
use proptest::prelude::*;
use serde_json::{Value, json};

/// The callers of these tests. A complaint (FastCA) is received by the mailbox (`intake`),
/// handled by an officer (`ops`); the weekly report is the head of operations'.
const ACTORS: &[(&str, &str)] = &[
    ("intake", "mailbox"),
    ("ops", "NV-09"),
    ("head_of_ops", "TP-01"),
    ("saco", "SACO-01"),
    ("customer", "KH-01"),
    ("customer", "KH-02"),
    ("csm", "CSM-01"),
];
const INTAKE: &str = "intake/mailbox";
const SACO: &str = "saco/SACO-01";
const CSM: &str = "csm/CSM-01";

async fn desk(db: &Db, name: &str, extra: &[&str]) -> Client {
    let dir = common::scratch(&format!("api-{name}-{}", db.backend));
    let tokens = common::tokens_file(&dir, ACTORS);
    let mut words = vec![
        "--database",
        &db.url,
        "--tokens",
        tokens.to_str().unwrap(),
        "--now",
        "2026-03-05T14:00:00+07:00",
        "--scheduler-interval-ms",
        "0",
        "--dispatch-interval-ms",
        "0",
    ];
    words.extend_from_slice(extra);
    Client::new(&common::start_in_process(common::serve_args(&words)).await)
}

/// A complaint received on Thursday 5 March 2026 at 14:00 (as in the vector
/// `complaint/sla_breach_escalates.json`).
async fn received_complaint(desk: &Client, id: &str) {
    desk.ok(
        "POST",
        "/instances",
        INTAKE,
        Some(&json!({
        "workflow": "complaint", "instance_id": id, "init": {"complaint_id": id}})),
    )
    .await;
    desk.ok("POST", &format!("/instances/{id}/commands"), INTAKE, Some(&json!({
        "command_id": "c1", "type": "receive", "channel": "email", "customer_id": "KH-08",
        "contact": {"email": "hoa.vo@example.vn"}, "description": "Bị trừ tiền hai lần khi mua token",
        "agent_id": "DL-05"}))).await;
}

async fn relationship(desk: &Client, id: &str) {
    desk.ok(
        "POST",
        "/instances",
        SACO,
        Some(&json!({
        "workflow": "companion", "instance_id": id,
        "init": {"saco_id": "SACO-01", "customer_id": "KH-01", "account": "0001234567"}})),
    )
    .await;
}

async fn version(desk: &Client, id: &str) -> u64 {
    desk.ok("GET", &format!("/instances/{id}"), INTAKE, None)
        .await["version"]
        .as_u64()
        .unwrap()
}

async fn for_each_database(name: &str, test: impl AsyncFn(&Db)) {
    for db in common::databases(name).await {
        test(&db).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_actor_is_refused_and_changes_nothing() {
    for_each_database("forged", async |db| {
        let desk = desk(db, "forged", &[]).await;
        relationship(&desk, "rel-1").await;
        let path = "/instances/rel-1/commands";
        let unlink =
            |actor: Value| json!({"command_id": "c1", "type": "request_unlink", "actor": actor});
        // The SACO's token, a body claiming to be the customer, or the system.
        for claimed in [
            json!({"role": "customer", "id": "KH-01"}),
            json!({"role": "system", "id": "system"}),
            json!({"role": "saco", "id": "SACO-02"}),
            json!("saco"),
        ] {
            let (status, body) = desk
                .call("POST", path, Some(SACO), Some(&unlink(claimed.clone())))
                .await;
            assert_eq!(
                (status, body["code"].as_str(), body["rule"].as_str()),
                (403, Some("not_permitted"), Some("actor")),
                "{claimed}"
            );
            assert!(body["message_vi"].as_str().unwrap().contains("mã truy cập"));
        }
        assert_eq!(version(&desk, "rel-1").await, 0);
        // No token, or one the desk does not know.
        for token in [None, Some("saco/SACO-02"), Some("")] {
            let (status, body) = desk
                .call("POST", path, token, Some(&unlink(Value::Null)))
                .await;
            assert_eq!(
                (status, body["code"].as_str()),
                (401, Some("unauthorized")),
                "{token:?}"
            );
        }
        // Another customer's own token: the library refuses a non-party (SPEC: only the
        // relationship's SACO and customer act on it).
        let (status, body) = desk
            .call(
                "POST",
                path,
                Some("customer/KH-02"),
                Some(&json!({"command_id": "c1", "type": "request_unlink"})),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str(), body["rule"].as_str()),
            (422, Some("not_permitted"), Some("not_a_party"))
        );
        assert_eq!(version(&desk, "rel-1").await, 0);
        // The same actor as the token, written out, is accepted.
        let outcome = desk
            .ok(
                "POST",
                path,
                SACO,
                Some(&unlink(json!({"role": "saco", "id": "SACO-01"}))),
            )
            .await;
        assert_eq!(
            outcome["events"][0]["actor"],
            json!({"role": "saco", "id": "SACO-01"})
        );
        assert_eq!(outcome["effects"][0]["kind"], "send_otp");
    })
    .await;
}

#[test]
fn no_token_may_stand_for_the_system() {
    let dir = common::scratch("system-token");
    let tokens = common::tokens_file(&dir, &[("system", "scheduler")]);
    let args = common::serve_args(&[
        "--database",
        "sqlite::memory:",
        "--tokens",
        tokens.to_str().unwrap(),
    ]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let err = runtime
        .block_on(quytrinh_desk::Desk::open(&args))
        .unwrap_err();
    assert!(err.contains("system"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_map_to_the_statuses_users_expect() {
    for_each_database("errors", async |db| {
        let desk = desk(db, "errors", &["--max-body-bytes", "2048"]).await;
        relationship(&desk, "rel-1").await;
        let path = "/instances/rel-1/commands";
        // Malformed JSON: 400.
        let response = desk.http.post(format!("{}{path}", desk.base)).bearer_auth(SACO)
            .header("content-type", "application/json").body("{\"command_id\": ").send().await.unwrap();
        assert_eq!(response.status(), 400);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], "malformed_json");
        // Well-formed JSON that is not a command of the workflow: 400 `invalid_json`.
        let (status, body) = desk.call("POST", path, Some(SACO), Some(&json!({"command_id": "c1", "type": "fly"}))).await;
        assert_eq!((status, body["code"].as_str()), (400, Some("invalid_json")));
        // `at` comes from the desk's clock.
        let (status, body) = desk.call("POST", path, Some(SACO),
            Some(&json!({"command_id": "c1", "type": "request_unlink", "at": "2020-01-01T00:00:00Z"}))).await;
        assert_eq!((status, body["code"].as_str(), body["rule"].as_str()), (400, Some("validation_failed"), Some("at")));
        // Unknown instance, unknown workflow: 404.
        for (method, path) in [("POST", "/instances/nope/commands"), ("GET", "/instances/nope"),
                               ("GET", "/instances/nope/events"), ("POST", "/instances/nope/queries")] {
            let (status, body) = desk.call(method, path, Some(SACO), Some(&json!({"command_id": "c1", "type": "request_unlink"}))).await;
            assert_eq!((status, body["code"].as_str()), (404, Some("not_found")), "{method} {path}");
        }
        let (status, body) = desk.call("POST", "/instances", Some(SACO),
            Some(&json!({"workflow": "payroll", "instance_id": "x", "init": {}}))).await;
        assert_eq!((status, body["code"].as_str()), (404, Some("unknown_workflow")));
        // The same id twice: 409.
        let (status, body) = desk.call("POST", "/instances", Some(SACO), Some(&json!({
            "workflow": "companion", "instance_id": "rel-1",
            "init": {"saco_id": "S", "customer_id": "K", "account": "A"}}))).await;
        assert_eq!((status, body["code"].as_str()), (409, Some("exists")));
        // A rejection: 422 with its code, rule and both messages (SPEC: a withdrawal names
        // an existing request).
        let (status, body) = desk.call("POST", path, Some(SACO),
            Some(&json!({"command_id": "c1", "type": "withdraw", "request_id": "R9"}))).await;
        assert_eq!((status, body["code"].as_str()), (422, Some("not_found")));
        assert!(body["rule"].is_string() && body["message_vi"].is_string() && body["message_en"].is_string(), "{body}");
        // A stale expected_version: 409 `version_conflict`.
        let (status, body) = desk.call("POST", path, Some(SACO),
            Some(&json!({"command_id": "c1", "type": "request_unlink", "expected_version": 3}))).await;
        assert_eq!((status, body["code"].as_str(), body["rule"].as_str()), (409, Some("version_conflict"), Some("expected_version")));
        // A body over the configured size: 413.
        let (status, body) = desk.call("POST", path, Some(SACO),
            Some(&json!({"command_id": "c1", "type": "request_unlink", "padding": "x".repeat(4096)}))).await;
        assert_eq!((status, body["code"].as_str()), (413, Some("too_large")));
        assert_eq!(version(&desk, "rel-1").await, 0, "no error changed the instance");
    }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_commands_with_the_same_expected_version_one_wins() {
    for_each_database("concurrent", async |db| {
        let desk = desk(db, "concurrent", &[]).await;
        received_complaint(&desk, "KN-1").await;
        let tasks: Vec<_> = (0..8).map(|i| {
            let desk = desk.clone();
            tokio::spawn(async move {
                desk.call("POST", "/instances/KN-1/commands", Some("ops/NV-09"), Some(&json!({
                    "command_id": format!("analysis-{i}"), "type": "start_analysis", "expected_version": 1}))).await
            })
        }).collect();
        let mut statuses = Vec::new();
        for task in tasks {
            let (status, body) = task.await.unwrap();
            if status == 409 {
                assert_eq!(body["code"], "version_conflict");
            }
            statuses.push(status);
        }
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409, 409, 409, 409, 409, 409, 409], "{}", db.backend);
        assert_eq!(version(&desk, "KN-1").await, 2);
    }).await;
}

/// A desk on the system clock (no `--now`), its scheduler and dispatcher off.
async fn desk_on_system_clock(db: &Db, name: &str) -> Client {
    let dir = common::scratch(&format!("api-{name}-{}", db.backend));
    let tokens = common::tokens_file(&dir, ACTORS);
    let words = [
        "--database",
        &db.url,
        "--tokens",
        tokens.to_str().unwrap(),
        "--scheduler-interval-ms",
        "0",
        "--dispatch-interval-ms",
        "0",
    ];
    Client::new(&common::start_in_process(common::serve_args(&words)).await)
}

/// `n` copies of a command sent at once to `id`, the i-th with `command_id` `{prefix}-{i}`;
/// their statuses and answers.
async fn at_once(
    desk: &Client,
    token: &str,
    id: &str,
    n: usize,
    command: &Value,
    prefix: &str,
) -> Vec<(u16, Value)> {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let (desk, token, path) = (
                desk.clone(),
                token.to_owned(),
                format!("/instances/{id}/commands"),
            );
            let mut body = command.clone();
            body["command_id"] = json!(format!("{prefix}-{i}"));
            tokio::spawn(async move { desk.call("POST", &path, Some(&token), Some(&body)).await })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

/// On the system clock a command is stamped after the instance is read, never before its
/// last input: one that loses a race to a command stamped a millisecond later is run after
/// it, not refused `clock_went_backwards` (422). With one `expected_version`: one 200, the
/// others 409, round after round.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_the_system_clock_a_lost_race_is_409_never_422() {
    for_each_database("race_expected", async |db| {
        let desk = desk_on_system_clock(db, "race-expected").await;
        for round in 0..40 {
            let id = format!("rel-{round}");
            relationship(&desk, &id).await;
            let unlink = json!({"type": "request_unlink", "expected_version": 0});
            let answers = at_once(&desk, SACO, &id, 8, &unlink, "unlink").await;
            let mut statuses: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
            statuses.sort_unstable();
            assert_eq!(
                statuses,
                [200, 409, 409, 409, 409, 409, 409, 409],
                "{} round {round}: {answers:?}",
                db.backend
            );
            assert_eq!(version(&desk, &id).await, 1);
        }
    })
    .await;
}

/// On the system clock, concurrent commands without `expected_version` all succeed, each
/// run on the instance the others left: the version grows by their number.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_the_system_clock_concurrent_commands_all_succeed() {
    for_each_database("race_notes", async |db| {
        let desk = desk_on_system_clock(db, "race-notes").await;
        desk.ok("POST", "/instances", CSM, Some(&json!({"workflow": "renewal_billing", "instance_id": "TB-1",
            "init": {"subscription_id": "TB-1", "customer_id": "KH-1", "payment_code": "KH1", "product": "amis_ke_toan",
                "market": "mien_bac", "csm_id": "CSM-01", "term_no": 1, "term_end": "2099-07-31",
                "buyer": {"name": "Nguyễn Thị Lan", "email": "lan.nguyen@abc.com.vn", "phone": "0912345678"},
                "invoice": {"name": "Công ty TNHH Thương mại ABC", "tax_code": "0108888888",
                    "address": "Số 12 Phố Huế, phường Hai Bà Trưng, Hà Nội", "email": "ketoan@abc.com.vn"}}}))).await;
        let note = json!({"type": "add_note", "text": "Đã gọi khách"});
        desk.ok("POST", "/instances/TB-1/commands", CSM, Some(&json!({"command_id": "first", "type": "add_note", "text": "Mở hồ sơ"}))).await;
        let start = version(&desk, "TB-1").await;
        for round in 0..40 {
            let answers = at_once(&desk, CSM, "TB-1", 8, &note, &format!("note-{round}")).await;
            assert!(answers.iter().all(|(s, _)| *s == 200), "{} round {round}: {answers:?}", db.backend);
        }
        assert_eq!(version(&desk, "TB-1").await, start + 40 * 8, "{}", db.backend);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retried_command_gets_its_original_outcome_and_one_outbox_row() {
    for_each_database("retry", async |db| {
        let desk = desk(db, "retry", &[]).await;
        relationship(&desk, "rel-1").await;
        let unlink = json!({"command_id": "c1", "type": "request_unlink"});
        let first = desk
            .ok("POST", "/instances/rel-1/commands", SACO, Some(&unlink))
            .await;
        let again = desk
            .ok("POST", "/instances/rel-1/commands", SACO, Some(&unlink))
            .await;
        assert_eq!(
            (first["duplicate"].as_bool(), again["duplicate"].as_bool()),
            (Some(false), Some(true))
        );
        assert_eq!(again["events"], first["events"]);
        assert_eq!(again["effects"], first["effects"]);
        assert_eq!(
            common::count(&db.url, "SELECT COUNT(*) FROM desk_outbox").await,
            1
        );
        assert_eq!(
            common::count(&db.url, "SELECT COUNT(*) FROM desk_events").await,
            1
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_are_for_the_caller() {
    for_each_database("reads", async |db| {
        let desk = desk(db, "reads", &[]).await;
        desk.ok(
            "POST",
            "/instances",
            INTAKE,
            Some(&json!({
        "workflow": "complaint", "instance_id": "KN-2", "init": {"complaint_id": "KN-2"}})),
        )
        .await;
        // Before it is received, only the intake may receive the complaint.
        let types = async |token: &str| -> Vec<String> {
            desk.ok("GET", "/instances/KN-2", token, None).await["available_commands"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(types(INTAKE).await, ["receive"]);
        assert!(!types("ops/NV-09").await.contains(&"receive".to_owned()));
        received_complaint_at(&desk, "KN-2").await;
        let view = desk.ok("GET", "/instances/KN-2", INTAKE, None).await;
        // 72 working hours from Thursday 14:00: Tuesday 14:00 (SPEC, complaint SLA).
        assert_eq!(view["next_deadline"]["kind"], "sla_warning");
        assert!(
            view["deadlines"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["due"] == "2026-03-10T07:00:00Z"),
            "{view}"
        );
        assert_eq!(view["position"]["case"], "received");
        let timeline = desk
            .ok(
                "POST",
                "/instances/KN-2/queries",
                "ops/NV-09",
                Some(&json!({"type": "timeline"})),
            )
            .await;
        assert_eq!(timeline["type"], "timeline");
        let log = desk.ok("GET", "/instances/KN-2/events", INTAKE, None).await;
        assert_eq!(log["records"][0]["event"]["type"], "received");
        // The weekly report is the head of operations' (SPEC): it counts the complaint.
        let weekly = json!({"type": "weekly_report", "week_ending": "2026-03-12"});
        let report = desk
            .ok(
                "POST",
                "/workflows/complaint/reports",
                "head_of_ops/TP-01",
                Some(&weekly),
            )
            .await;
        assert_eq!(report["received"], 1, "{report}");
        let (status, _) = desk
            .call(
                "POST",
                "/workflows/complaint/reports",
                Some(INTAKE),
                Some(&weekly),
            )
            .await;
        assert_eq!(status, 422);
        let diagram = desk
            .ok("GET", "/workflows/complaint/diagram?lang=en", INTAKE, None)
            .await;
        assert!(diagram.as_str().unwrap().starts_with("stateDiagram-v2"));
        let current = desk
            .ok("GET", "/instances/KN-2/diagram?format=dot", INTAKE, None)
            .await;
        assert!(
            current.as_str().unwrap().starts_with("digraph"),
            "{current}"
        );
        let workflows = desk.ok("GET", "/workflows", INTAKE, None).await;
        assert_eq!(workflows, json!(quytrinh::dynamic::WORKFLOWS));
    })
    .await;
}

async fn received_complaint_at(desk: &Client, id: &str) {
    desk.ok(
        "POST",
        &format!("/instances/{id}/commands"),
        INTAKE,
        Some(&json!({
        "command_id": "c1", "type": "receive", "channel": "phone", "customer_id": "KH-08",
        "contact": {"phone": "0912345678"}, "description": "Không nhận được chứng thư số"})),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_endpoints_exist_only_with_a_test_clock() {
    let db = common::sqlite("admin");
    let dir = common::scratch("admin");
    let tokens = common::tokens_file(&dir, ACTORS);
    let desk = Client::new(
        &common::start_in_process(common::serve_args(&[
            "--database",
            &db.url,
            "--tokens",
            tokens.to_str().unwrap(),
        ]))
        .await,
    );
    for (method, path) in [
        ("PUT", "/admin/clock"),
        ("POST", "/admin/scheduler/run"),
        ("POST", "/admin/outbox/run"),
    ] {
        let (status, body) = desk
            .call(
                method,
                path,
                Some(INTAKE),
                Some(&json!({"now": "2030-01-01T00:00:00Z"})),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (404, Some("no_test_clock")),
            "{path}"
        );
    }
    assert_eq!(desk.health().await["test_clock"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_description_is_served_committed_and_routed() {
    let committed = include_str!("../openapi.json");
    assert!(
        quytrinh_desk::openapi_json() == committed,
        "examples/desk/openapi.json is out of date: cargo run -p quytrinh-desk -- openapi > examples/desk/openapi.json"
    );
    // The command body points HTTP users to the JSON Schemas of the commands, which exist
    // for every workflow.
    let doc: Value = serde_json::from_str(committed).unwrap();
    let body = &doc["paths"]["/instances/{id}/commands"]["post"]["requestBody"]["description"];
    assert!(
        body.as_str()
            .unwrap()
            .contains("schemas/<workflow>/command.schema.json"),
        "{body}"
    );
    for workflow in quytrinh::dynamic::WORKFLOWS {
        let schema = format!(
            "{}/../../schemas/{workflow}/command.schema.json",
            env!("CARGO_MANIFEST_DIR")
        );
        assert!(std::path::Path::new(&schema).is_file(), "{schema}");
    }
    let db = common::sqlite("openapi");
    let desk = desk(&db, "openapi", &[]).await;
    let served = desk.ok("GET", "/openapi.json", INTAKE, None).await;
    assert_eq!(served, serde_json::from_str::<Value>(committed).unwrap());
    // Every path and method described is routed: the desk answers it with its own JSON
    // error or a result, never axum's bare 404/405.
    let mut described = 0;
    for (path, item) in served["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let concrete = path
                .replace("{id}", "nope")
                .replace("{workflow}", "complaint");
            let (status, body) = desk
                .call(
                    &method.to_uppercase(),
                    &concrete,
                    Some(INTAKE),
                    Some(&json!({})),
                )
                .await;
            assert!(
                status != 405 && (status != 404 || body["code"].is_string()),
                "{method} {path}: {status} {body}"
            );
            described += 1;
        }
    }
    assert_eq!(described, 13);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever a caller sends as a command, the desk answers with a 4xx and its JSON error
    /// or accepts it, never fails (5xx); an error changes nothing.
    #[test]
    fn any_body_gets_a_typed_answer(body in body_strategy()) {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let db = common::sqlite("proptest");
            let desk = desk(&db, "proptest", &[]).await;
            relationship(&desk, "rel-1").await;
            let response = desk.http.post(format!("{}/instances/rel-1/commands", desk.base)).bearer_auth(SACO)
                .header("content-type", "application/json").body(body).send().await.unwrap();
            let status = response.status().as_u16();
            let answer: Value = response.json().await.unwrap();
            prop_assert!(status == 200 || (400..500).contains(&status), "{status} {answer}");
            if status != 200 {
                prop_assert!(answer["code"].is_string() && answer["message_vi"].is_string());
                prop_assert_eq!(version(&desk, "rel-1").await, 0);
            }
            Ok(())
        })?;
    }
}

fn body_strategy() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        Just("command_id".to_owned()),
        Just("type".to_owned()),
        Just("actor".to_owned()),
        Just("expected_version".to_owned()),
        Just("request_id".to_owned()),
        "[a-z_]{1,8}",
    ];
    let value = prop_oneof![
        Just(json!("request_unlink")),
        Just(json!("withdraw")),
        Just(json!("c1")),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(null)),
        Just(json!({"role": "saco", "id": "SACO-01"})),
        Just(json!({"role": "system", "id": "system"})),
        ".{0,12}".prop_map(Value::from),
    ];
    prop_oneof![
        prop::collection::btree_map(field, value, 0..5)
            .prop_map(|m| serde_json::to_string(&m).unwrap()),
        ".{0,40}",
    ]
}
