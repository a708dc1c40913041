//! `quytrinh-desk`: the back-office host of quytrinh. Every workflow of the library's
//! registry over an HTTP JSON API, on an embedded SQLite file or on PostgreSQL (where
//! several desks share the work), with one transaction per input (instance row, events,
//! outbox), optimistic concurrency, a deadline scheduler and an outbox dispatcher.
//!
//! The desk has no code of its own for any workflow: it drives them all through
//! `quytrinh::dynamic`, so a workflow added to the library is served without a change here.
//! `README.md` beside this crate walks from `serve` to a complaint that breaches its SLA
//! while the desk was stopped.
//!
//! ```
//! use clap::Parser;
//! use quytrinh_desk::{Cli, Command};
//! let cli = Cli::try_parse_from(["quytrinh-desk", "serve", "--now", "2026-03-05T14:00:00+07:00"]).unwrap();
//! let Command::Serve(args) = cli.command else { panic!() };
//! assert_eq!(args.listen, "127.0.0.1:8080");
//! assert!(quytrinh_desk::openapi_json().contains("/instances/{id}/commands"));
//! ```

mod api;
mod clock;
mod config;
mod error;
mod outbox;
mod scheduler;
mod store;

pub use clock::Clock;
pub use config::{DEMO_TOKENS, Tokens};
pub use error::{DeskError, ErrorBody};
pub use outbox::{Retry, Sink};
pub use store::Backend;

use outbox::dispatch_once;
use scheduler::run_due;
use store::Store;

use axum::extract::DefaultBodyLimit;
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// The command line.
///
/// ```
/// use clap::Parser;
/// let cli = quytrinh_desk::Cli::try_parse_from(["quytrinh-desk", "openapi"]).unwrap();
/// assert!(matches!(cli.command, quytrinh_desk::Command::Openapi));
/// ```
#[derive(Parser, Debug)]
#[command(
    name = "quytrinh-desk",
    version,
    about = "The back-office host of quytrinh: every workflow over HTTP, on SQLite or PostgreSQL"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
///
/// ```
/// use clap::Parser;
/// let cli = quytrinh_desk::Cli::try_parse_from(["quytrinh-desk", "serve", "--database", "postgres://localhost/desk"]).unwrap();
/// assert!(matches!(cli.command, quytrinh_desk::Command::Serve(_)));
/// ```
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serves the API, runs the scheduler and the outbox dispatcher.
    Serve(ServeArgs),
    /// Prints the OpenAPI description of the API (committed as examples/desk/openapi.json).
    Openapi,
}

/// The options of `serve`.
///
/// ```
/// use clap::Parser;
/// let cli = quytrinh_desk::Cli::try_parse_from(["quytrinh-desk", "serve", "--webhook", "http://127.0.0.1:9000/fx"]).unwrap();
/// let quytrinh_desk::Command::Serve(args) = cli.command else { panic!() };
/// assert_eq!(args.max_attempts, 8);
/// ```
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// The database: a SQLite URL (the file is created when absent) or `postgres://…`.
    #[arg(long, default_value = "sqlite://quytrinh-desk.db?mode=rwc")]
    pub database: String,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// The tokens file (TOML `[[token]]` tables: token, role, id); without it, the demo
    /// tokens of examples/desk/tokens.toml.
    #[arg(long)]
    pub tokens: Option<std::path::PathBuf>,
    /// Runs on a test clock standing at this instant (RFC 3339 with an offset) instead of
    /// the system clock, and opens the admin endpoints that move it and run the scheduler
    /// and the dispatcher on demand.
    #[arg(long)]
    pub now: Option<DateTime<Utc>>,
    /// Deliver effects to this webhook (POST, `Idempotency-Key` header); without it, to
    /// the log.
    #[arg(long)]
    pub webhook: Option<String>,
    /// Milliseconds between scheduler rounds (0: only on `POST /admin/scheduler/run`).
    #[arg(long, default_value_t = 1000)]
    pub scheduler_interval_ms: u64,
    /// Milliseconds between dispatcher rounds (0: only on `POST /admin/outbox/run`).
    #[arg(long, default_value_t = 200)]
    pub dispatch_interval_ms: u64,
    /// Instances ticked, or effects claimed, per transaction.
    #[arg(long, default_value_t = 64)]
    pub batch: i64,
    /// Delivery attempts before an effect is a dead letter.
    #[arg(long, default_value_t = 8)]
    pub max_attempts: i64,
    /// Milliseconds before the first retry of a failed delivery (doubling after each).
    #[arg(long, default_value_t = 1000)]
    pub retry_base_ms: i64,
    /// Milliseconds a claimed delivery is leased before another desk may take it over.
    #[arg(long, default_value_t = 30_000)]
    pub lease_ms: i64,
    /// The largest request body accepted, in bytes (413 above).
    #[arg(long, default_value_t = 65_536)]
    pub max_body_bytes: usize,
    /// Logs as JSON lines instead of text.
    #[arg(long)]
    pub log_json: bool,
}

/// A running desk's parts, shared by the API, the scheduler and the dispatcher.
#[derive(Debug)]
pub struct Desk {
    store: Store,
    clock: Clock,
    tokens: Tokens,
    sink: Sink,
    retry: Retry,
    batch: i64,
    max_body: usize,
}

impl Desk {
    /// Opens the database (creating the schema when absent) and reads the tokens: a desk
    /// ready to serve.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), String> {
    /// use clap::Parser;
    /// let cli = quytrinh_desk::Cli::parse_from(["quytrinh-desk", "serve", "--database", "sqlite://desk.db?mode=rwc"]);
    /// let quytrinh_desk::Command::Serve(args) = cli.command else { unreachable!() };
    /// let desk = quytrinh_desk::Desk::open(&args).await?;
    /// let listener = tokio::net::TcpListener::bind(&args.listen).await.map_err(|e| e.to_string())?;
    /// quytrinh_desk::serve(listener, desk, &args, std::future::pending()).await
    /// # }
    /// ```
    pub async fn open(args: &ServeArgs) -> Result<Arc<Self>, String> {
        let tokens = if let Some(path) = &args.tokens {
            Tokens::from_toml(
                &std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
            )?
        } else {
            tracing::warn!(
                "no --tokens file: serving the demo tokens of examples/desk/tokens.toml"
            );
            Tokens::from_toml(DEMO_TOKENS)?
        };
        let sink = match &args.webhook {
            Some(url) => Sink::webhook(url)?,
            None => Sink::Log,
        };
        let store = Store::open(&args.database)
            .await
            .map_err(|e| format!("database {}: {e}", args.database))?;
        Ok(Arc::new(Self {
            store,
            clock: args.now.map_or(Clock::System, Clock::test),
            tokens,
            sink,
            retry: Retry {
                max_attempts: args.max_attempts.max(1),
                base_ms: args.retry_base_ms.max(1),
                lease_ms: args.lease_ms.max(1),
            },
            batch: args.batch.max(1),
            max_body: args.max_body_bytes,
        }))
    }
}

/// The OpenAPI description of the API, as pretty JSON.
///
/// # Panics
///
/// Never: the description is plain data made at compile time, and always serializes.
///
/// ```
/// let doc: serde_json::Value = serde_json::from_str(&quytrinh_desk::openapi_json()).unwrap();
/// assert_eq!(doc["info"]["title"], "quytrinh desk");
/// ```
pub fn openapi_json() -> String {
    let (_, api) = api::routes();
    api.to_pretty_json()
        .expect("an OpenAPI description always serializes")
        + "\n"
}

/// The application: the API routes, `GET /openapi.json` and the body limit.
fn app(desk: Arc<Desk>) -> axum::Router {
    let (router, api) = api::routes();
    let doc = api
        .to_pretty_json()
        .expect("an OpenAPI description always serializes");
    router
        .route(
            "/openapi.json",
            axum::routing::get(move || async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    doc,
                )
            }),
        )
        .layer(DefaultBodyLimit::max(desk.max_body))
        .with_state(desk)
}

/// Serves `desk` on `listener`, with its scheduler and dispatcher every `args`'s
/// intervals, until `shutdown` completes (see [`Desk::open`] for an example).
pub async fn serve(
    listener: TcpListener,
    desk: Arc<Desk>,
    args: &ServeArgs,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    if args.scheduler_interval_ms > 0 {
        let desk = desk.clone();
        let every = Duration::from_millis(args.scheduler_interval_ms);
        tokio::spawn(async move {
            loop {
                if let Err(e) = run_due(&desk.store, &desk.clock, desk.batch).await {
                    tracing::error!(error = %e, "scheduler round failed");
                }
                tokio::time::sleep(every).await;
            }
        });
    }
    if args.dispatch_interval_ms > 0 {
        let desk = desk.clone();
        let every = Duration::from_millis(args.dispatch_interval_ms);
        tokio::spawn(async move {
            loop {
                match dispatch_once(&desk.store, &desk.sink, desk.retry, desk.batch).await {
                    // A full round: more may be waiting.
                    Ok(n) if i64::try_from(n).unwrap_or(0) >= desk.batch => continue,
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "dispatcher round failed"),
                }
                tokio::time::sleep(every).await;
            }
        });
    }
    tracing::info!(
        listen = %listener.local_addr().map_err(|e| e.to_string())?,
        database = desk.store.backend().name(),
        sink = %desk.sink,
        clock = %if desk.clock.is_test() { "test" } else { "system" },
        workflows = ?quytrinh::dynamic::WORKFLOWS,
        "quytrinh desk serving"
    );
    axum::serve(listener, app(desk))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| e.to_string())
}

/// Sets up logging (text, or JSON lines) on standard error, filtered by `RUST_LOG`
/// (default `info`). Call it once.
///
/// ```no_run
/// quytrinh_desk::init_logging(true);
/// tracing::info!(instance = "KN-008", "logged as a JSON line");
/// ```
pub fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}
