//! What the desk's tests share: fresh databases (a SQLite file; a PostgreSQL database when
//! `QUYTRINH_DESK_POSTGRES` names a server), desks in this process or as child processes,
//! and an HTTP client with the callers' tokens.
#![allow(dead_code)] // each test file uses its own part of these helpers

use clap::Parser;
use quytrinh_desk::{Cli, Command, Desk, ServeArgs};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A database for one test: `sqlite` or `postgres`.
pub struct Db {
    pub backend: &'static str,
    pub url: String,
}

/// A scratch directory under the system's temporary directory, emptied.
pub fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("quytrinh-desk-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh SQLite file.
pub fn sqlite(name: &str) -> Db {
    let file = scratch(name).join("desk.db");
    Db {
        backend: "sqlite",
        url: format!("sqlite://{}?mode=rwc", file.display()),
    }
}

/// A fresh PostgreSQL database, when a server is configured; `None` (or a panic when
/// `QUYTRINH_DESK_REQUIRE_POSTGRES` is set, as in scripts/test-desk.sh) otherwise.
pub async fn postgres(name: &str) -> Option<Db> {
    let Ok(server) = std::env::var("QUYTRINH_DESK_POSTGRES") else {
        assert!(
            std::env::var_os("QUYTRINH_DESK_REQUIRE_POSTGRES").is_none(),
            "QUYTRINH_DESK_REQUIRE_POSTGRES is set but QUYTRINH_DESK_POSTGRES is not"
        );
        eprintln!(
            "QUYTRINH_DESK_POSTGRES is not set: the PostgreSQL half of this test is skipped (scripts/test-desk.sh sets it)"
        );
        return None;
    };
    sqlx::any::install_default_drivers();
    let database = format!("desk_{name}");
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&server)
        .await
        .unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {database}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let (base, _) = server.rsplit_once('/').unwrap();
    Some(Db {
        backend: "postgres",
        url: format!("{base}/{database}"),
    })
}

/// Removes a test's database (a PostgreSQL database, or the SQLite file's directory).
pub async fn drop_db(db: &Db) {
    if db.backend == "postgres" {
        let server = std::env::var("QUYTRINH_DESK_POSTGRES").unwrap();
        let name = db.url.rsplit('/').next().unwrap();
        let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&server)
            .await
            .unwrap();
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn)
            .await
            .unwrap();
    } else if let Some(file) = db
        .url
        .strip_prefix("sqlite://")
        .and_then(|u| u.split('?').next())
    {
        let _ = std::fs::remove_dir_all(std::path::Path::new(file).parent().unwrap());
    }
}

/// Both databases (PostgreSQL when configured).
pub async fn databases(name: &str) -> Vec<Db> {
    let mut all = vec![sqlite(name)];
    all.extend(postgres(name).await);
    all
}

/// The path, as the `--tokens` argument, of a tokens file for `actors` in a fresh scratch
/// directory `name`.
pub fn tokens_arg(name: &str, actors: &[(&str, &str)]) -> String {
    tokens_file(&scratch(name), actors).display().to_string()
}

/// A tokens file standing for `actors` (`role`, `id`), each token `role/id`.
pub fn tokens_file(dir: &std::path::Path, actors: &[(&str, &str)]) -> PathBuf {
    let mut text = String::new();
    for (role, id) in actors {
        let _ = writeln!(
            text,
            "[[token]]\ntoken = \"{role}/{id}\"\nrole = \"{role}\"\nid = \"{id}\""
        );
    }
    let path = dir.join("tokens.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// `serve` options from command-line words.
pub fn serve_args(words: &[&str]) -> ServeArgs {
    let mut all = vec!["quytrinh-desk", "serve"];
    all.extend_from_slice(words);
    match Cli::try_parse_from(all).unwrap().command {
        Command::Serve(args) => args,
        Command::Openapi => unreachable!(),
    }
}

/// A desk served in this process on a free port; its base URL.
pub async fn start_in_process(args: ServeArgs) -> String {
    let desk = Desk::open(&args).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        quytrinh_desk::serve(listener, desk, &args, std::future::pending())
            .await
            .unwrap();
    });
    base
}

/// A free local port.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A desk as a child process (`quytrinh-desk serve --listen 127.0.0.1:PORT …`), its log
/// (warnings) in `log`; returns once its health endpoint answers.
pub async fn spawn_desk(port: u16, words: &[&str], log: &std::path::Path) -> Child {
    spawn_desk_logging(port, words, log, "warn").await
}

/// [`spawn_desk`], its log filtered by `filter` (`RUST_LOG`).
pub async fn spawn_desk_logging(
    port: u16,
    words: &[&str],
    log: &std::path::Path,
    filter: &str,
) -> Child {
    let log = std::fs::File::create(log).unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_quytrinh-desk"))
        .arg("serve")
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .args(words)
        .env("RUST_LOG", filter)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while reqwest::get(format!("{base}/health")).await.is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the desk on port {port} did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child
}

/// Kills a child desk with SIGKILL (no shutdown, no flush) and reaps it.
pub fn kill9(child: &mut Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}

/// An HTTP client of the desk at `base`.
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
}

impl Client {
    pub fn new(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// Sends `method path` with `token` (or none) and a JSON body (or none); the status
    /// and the JSON answer (`Value::String` of the text when it is not JSON).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut request = self
            .http
            .request(method.parse().unwrap(), format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// `call`, asserting a 2xx answer.
    pub async fn ok(&self, method: &str, path: &str, token: &str, body: Option<&Value>) -> Value {
        let (status, answer) = self.call(method, path, Some(token), body).await;
        assert!(
            (200..300).contains(&status),
            "{method} {path}: {status} {answer}"
        );
        answer
    }

    pub async fn health(&self) -> Value {
        self.call("GET", "/health", None, None).await.1
    }

    /// Waits until the health counts satisfy `done` (at most `seconds`).
    pub async fn wait_for(&self, seconds: u64, what: &str, done: impl Fn(&Value) -> bool) -> Value {
        let started = Instant::now();
        loop {
            let health = self.health().await;
            if done(&health["counts"]) {
                return health;
            }
            assert!(
                started.elapsed() < Duration::from_secs(seconds),
                "timed out waiting for {what}: {health}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The JSON lines of a desk's log (`serve --log-json`) whose target is `target`.
pub fn log_lines(log: &std::path::Path, target: &str) -> Vec<Value> {
    std::fs::read_to_string(log)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"))
        })
        .filter(|line| line["target"] == target)
        .collect()
}

/// Runs a statement returning one integer on the database at `url`.
pub async fn count(url: &str, sql: &str) -> i64 {
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(url)
        .await
        .unwrap();
    let row = sqlx::query(sql).fetch_one(&mut conn).await.unwrap();
    sqlx::Row::try_get(&row, 0).unwrap()
}

/// How the test webhook answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// 200.
    Ok,
    /// 500.
    Fail,
    /// Never (the request hangs until the desk gives up on it or dies).
    Hang,
}

/// A webhook receiver: every delivery's `Idempotency-Key` header and body, in order.
#[derive(Default)]
pub struct Webhook {
    pub received: std::sync::Mutex<Vec<(String, Value)>>,
    answer: std::sync::Mutex<Option<Answer>>,
}

impl Webhook {
    /// Starts a receiver on a free port; its URL and itself.
    pub async fn start(answer: Answer) -> (String, std::sync::Arc<Self>) {
        let hook = std::sync::Arc::new(Webhook {
            received: std::sync::Mutex::default(),
            answer: std::sync::Mutex::new(Some(answer)),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/effects", listener.local_addr().unwrap());
        let state = hook.clone();
        let app = axum::Router::new().route(
            "/effects",
            axum::routing::post(
                async move |headers: axum::http::HeaderMap, axum::Json(body): axum::Json<Value>| {
                    let key = headers
                        .get("idempotency-key")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned();
                    state.received.lock().unwrap().push((key, body));
                    let answer = state.answer.lock().unwrap().unwrap_or(Answer::Ok);
                    match answer {
                        Answer::Ok => axum::http::StatusCode::OK,
                        Answer::Fail => axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                        Answer::Hang => std::future::pending().await,
                    }
                },
            ),
        );
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (url, hook)
    }

    pub fn answer(&self, answer: Answer) {
        *self.answer.lock().unwrap() = Some(answer);
    }

    /// The keys received, in order.
    pub fn keys(&self) -> Vec<String> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .map(|(k, _)| k.clone())
            .collect()
    }
}

/// The events a store_subscription instance records once its trial's expiry has passed,
/// by the library itself: what every instance must have recorded, exactly once.
pub fn expected_firings(
    init: &serde_json::Value,
    config: &serde_json::Value,
    at: &str,
) -> Vec<(String, String)> {
    let mut instance =
        quytrinh::dynamic::create("store_subscription", "x", Some(config), None, init).unwrap();
    let outcome = instance.tick(at.parse().unwrap()).unwrap();
    outcome["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["event"]["type"].as_str().unwrap().to_owned(),
                r["at"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

pub fn store_config() -> serde_json::Value {
    json!({"vendor_account": {"bank_bin": "970436", "account": "0011001234567", "account_name": "CONG TY CP PHAN MEM QUAN LY BAN HANG"}})
}

pub fn store_init(i: usize) -> serde_json::Value {
    json!({"store_id": format!("CH{i:05}"), "store_name": "Tạp hoá Minh Anh", "industry": "Tạp hóa & Siêu thị mini",
           "tier": "support", "status": "active", "expiry": "2026-07-01T00:00:00+07:00", "terms_version": "2023-08"})
}

/// Creates `n` store subscriptions (each with its expiry notice and expiry deadlines)
/// through the desks at `bases`, 32 at a time.
pub async fn seed(bases: &[String], n: usize) {
    let clients: Vec<Client> = bases.iter().map(|b| Client::new(b)).collect();
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(32));
    let mut tasks = Vec::new();
    for i in 0..n {
        let desk = clients[i % clients.len()].clone();
        let permit = semaphore.clone().acquire_owned().await.unwrap();
        tasks.push(tokio::spawn(async move {
            desk.ok("POST", "/instances", "back_office/seeder", Some(&json!({"workflow": "store_subscription",
                "instance_id": format!("CH{i:05}"), "config": store_config(), "init": store_init(i)}))).await;
            drop(permit);
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
}

/// Every instance recorded exactly the library's firings, each once, at its own instant.
pub async fn assert_each_fired_once(db: &Db, n: usize, at: &str) {
    let expected = expected_firings(&store_init(0), &store_config(), at);
    assert!(!expected.is_empty());
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&db.url)
        .await
        .unwrap();
    let rows = sqlx::query("SELECT instance_id, record FROM desk_events WHERE instance_id LIKE 'CH%' ORDER BY instance_id, version")
        .fetch_all(&mut conn).await.unwrap();
    let mut by_instance: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for row in &rows {
        let id: String = sqlx::Row::try_get(row, 0).unwrap();
        let record: serde_json::Value =
            serde_json::from_str(&sqlx::Row::try_get::<String, _>(row, 1).unwrap()).unwrap();
        by_instance.entry(id).or_default().push((
            record["event"]["type"].as_str().unwrap().to_owned(),
            record["at"].as_str().unwrap().to_owned(),
        ));
    }
    assert_eq!(
        by_instance.len(),
        n,
        "every instance fired ({})",
        db.backend
    );
    for (id, fired) in &by_instance {
        assert_eq!(fired, &expected, "{id} ({})", db.backend);
    }
    // One outbox row per effect recorded, one per key.
    let recorded: i64 = rows
        .iter()
        .map(|row| {
            let record: serde_json::Value =
                serde_json::from_str(&sqlx::Row::try_get::<String, _>(row, 1).unwrap()).unwrap();
            i64::try_from(record["effects"].as_array().map_or(0, Vec::len)).unwrap()
        })
        .sum();
    let outbox_rows = count(
        &db.url,
        "SELECT COUNT(*) FROM desk_outbox WHERE instance_id LIKE 'CH%'",
    )
    .await;
    let keys = count(
        &db.url,
        "SELECT COUNT(DISTINCT idempotency_key) FROM desk_outbox WHERE instance_id LIKE 'CH%'",
    )
    .await;
    assert_eq!((outbox_rows, keys), (recorded, recorded), "{}", db.backend);
}
