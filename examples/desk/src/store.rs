//! The database: instances (version, snapshot, next due instant, summary row), their event
//! log and the outbox of their effects, on SQLite or PostgreSQL through one code path
//! (`sqlx::Any`); the few statements that differ are chosen by [`Backend`].

use crate::{Clock, DeskError};
use chrono::{DateTime, Utc};
use quytrinh::dynamic::{self, AnyInstance};
use serde_json::Value;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Row, Transaction};
use std::time::Duration;

/// How often an input is retried when its instance changed between reading and writing.
const WRITE_ATTEMPTS: usize = 8;

/// The schema, created when absent (the same text on both databases).
const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS desk_instances (
        id TEXT PRIMARY KEY,
        workflow TEXT NOT NULL,
        version BIGINT NOT NULL,
        snapshot TEXT NOT NULL,
        next_due_ms BIGINT,
        summary TEXT NOT NULL,
        updated_ms BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS desk_instances_due ON desk_instances (next_due_ms)",
    "CREATE INDEX IF NOT EXISTS desk_instances_workflow ON desk_instances (workflow)",
    "CREATE TABLE IF NOT EXISTS desk_events (
        instance_id TEXT NOT NULL,
        version BIGINT NOT NULL,
        at_ms BIGINT NOT NULL,
        type TEXT NOT NULL,
        command_id TEXT,
        record TEXT NOT NULL,
        PRIMARY KEY (instance_id, version))",
    "CREATE TABLE IF NOT EXISTS desk_outbox (
        idempotency_key TEXT NOT NULL,
        instance_id TEXT NOT NULL,
        workflow TEXT NOT NULL,
        kind TEXT NOT NULL,
        effect TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts BIGINT NOT NULL,
        next_attempt_ms BIGINT NOT NULL,
        last_error TEXT,
        created_ms BIGINT NOT NULL,
        delivered_ms BIGINT)",
    "CREATE UNIQUE INDEX IF NOT EXISTS desk_outbox_key ON desk_outbox (idempotency_key)",
    "CREATE INDEX IF NOT EXISTS desk_outbox_pending ON desk_outbox (status, next_attempt_ms)",
];

/// Which database the desk runs on.
///
/// ```
/// use quytrinh_desk::Backend;
/// assert_eq!(Backend::of("postgres://localhost/desk"), Backend::Postgres);
/// assert_eq!(Backend::of("sqlite://desk.db?mode=rwc"), Backend::Sqlite);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file: one connection, so one writer.
    Sqlite,
    /// PostgreSQL: many connections and many desks; work is claimed with
    /// `FOR UPDATE SKIP LOCKED`.
    Postgres,
}

impl Backend {
    /// The backend a database URL names.
    ///
    /// ```
    /// # use quytrinh_desk::Backend;
    /// assert_eq!(Backend::of("postgresql://u@h/db").name(), "postgres");
    /// ```
    pub fn of(url: &str) -> Self {
        if url.starts_with("postgres") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    /// Its name, as the health endpoint reports it.
    ///
    /// ```
    /// # use quytrinh_desk::Backend;
    /// assert_eq!(Backend::Sqlite.name(), "sqlite");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// What ends a claiming `SELECT`: row locks that other desks skip, on PostgreSQL.
    fn skip_locked(self) -> &'static str {
        match self {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }
}

/// An effect to deliver, claimed from the outbox.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Delivery {
    /// The effect's idempotency key (unique in the outbox).
    pub key: String,
    /// The instance whose input asked for it.
    pub instance_id: String,
    /// Its workflow.
    pub workflow: String,
    /// The effect as JSON (`key`, `kind` and its fields).
    pub effect: Value,
    /// The attempts so far, this one included.
    pub attempts: i64,
}

/// Counts for operators (and tests): instances with a deadline due, and outbox rows by
/// status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub(crate) struct Counts {
    /// Instances.
    pub instances: i64,
    /// Instances whose next deadline is due at the desk's clock.
    pub due: i64,
    /// Effects waiting for delivery (or being delivered).
    pub pending: i64,
    /// Effects delivered.
    pub delivered: i64,
    /// Effects given up after the configured attempts (the dead letters).
    pub dead: i64,
}

/// The desk's database.
#[derive(Clone, Debug)]
pub(crate) struct Store {
    pool: AnyPool,
    backend: Backend,
}

fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn corrupt(what: impl std::fmt::Display) -> DeskError {
    DeskError::Corrupt(what.to_string())
}

impl Store {
    /// Connects to `url` (`sqlite://FILE?mode=rwc` or `postgres://…`) and creates the
    /// schema when absent. On PostgreSQL several desks may start at once: the schema is
    /// created under an advisory lock.
    pub(crate) async fn open(url: &str) -> Result<Self, DeskError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url);
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
        let pool = match backend {
            Backend::Sqlite => options.max_connections(1),
            Backend::Postgres => options.max_connections(8),
        }
        .connect(url)
        .await?;
        let mut conn = pool.acquire().await?;
        match backend {
            Backend::Sqlite => {
                for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"] {
                    sqlx::query(pragma).fetch_all(&mut *conn).await?;
                }
            }
            Backend::Postgres => {
                sqlx::query("SELECT pg_advisory_lock(7457)")
                    .execute(&mut *conn)
                    .await?;
            }
        }
        for statement in SCHEMA {
            sqlx::query(statement).execute(&mut *conn).await?;
        }
        if backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_unlock(7457)")
                .execute(&mut *conn)
                .await?;
        }
        drop(conn);
        Ok(Self { pool, backend })
    }

    /// The backend.
    pub(crate) fn backend(&self) -> Backend {
        self.backend
    }

    /// Counts of instances and outbox rows at `now`.
    pub(crate) async fn counts(&self, now: DateTime<Utc>) -> Result<Counts, DeskError> {
        let row = sqlx::query(
            "SELECT
               (SELECT COUNT(*) FROM desk_instances),
               (SELECT COUNT(*) FROM desk_instances WHERE next_due_ms <= $1),
               (SELECT COUNT(*) FROM desk_outbox WHERE status = 'pending'),
               (SELECT COUNT(*) FROM desk_outbox WHERE status = 'delivered'),
               (SELECT COUNT(*) FROM desk_outbox WHERE status = 'dead')",
        )
        .bind(millis(now))
        .fetch_one(&self.pool)
        .await?;
        Ok(Counts {
            instances: row.try_get(0)?,
            due: row.try_get(1)?,
            pending: row.try_get(2)?,
            delivered: row.try_get(3)?,
            dead: row.try_get(4)?,
        })
    }

    /// Stores a new instance (version 0, no events).
    pub(crate) async fn insert(
        &self,
        instance: &dyn AnyInstance,
        now: DateTime<Utc>,
    ) -> Result<(), DeskError> {
        let result = sqlx::query(
            "INSERT INTO desk_instances (id, workflow, version, snapshot, next_due_ms, summary, updated_ms)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
        )
        .bind(instance.id())
        .bind(instance.workflow())
        .bind(version_i64(instance.version())?)
        .bind(instance.snapshot_json())
        .bind(instance.next_deadline().map(|d| millis(d.due)))
        .bind(instance.row().to_string())
        .bind(millis(now))
        .execute(&self.pool)
        .await?;
        if result.rows_affected() == 0 {
            return Err(DeskError::Exists(instance.id().to_owned()));
        }
        Ok(())
    }

    /// The instance `id`, restored from its snapshot.
    pub(crate) async fn load(&self, id: &str) -> Result<Box<dyn AnyInstance>, DeskError> {
        let row = sqlx::query("SELECT snapshot FROM desk_instances WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| DeskError::NotFound(id.to_owned()))?;
        restore(&row)
    }

    /// Runs one input on instance `id` and stores what it recorded, in one transaction:
    /// the instance row (only if its version is still the one read), the events and the
    /// outbox rows of their effects. The input gets the instant to run at, stamped by
    /// `clock` after each read, no earlier than the instance's last input
    /// ([`Clock::stamp`]). When another input got there first, the input is run again,
    /// freshly stamped, on the newer instance (where an `expected_version` then gives
    /// `version_conflict`). A rejection, a duplicate or an input that records nothing
    /// writes nothing; a duplicate of command `command_id` gets its original records.
    pub(crate) async fn apply<F>(
        &self,
        id: &str,
        clock: &Clock,
        command_id: Option<&str>,
        mut input: F,
    ) -> Result<Value, DeskError>
    where
        F: FnMut(&mut dyn AnyInstance, DateTime<Utc>) -> Result<Value, quytrinh::kernel::Error>,
    {
        for _ in 0..WRITE_ATTEMPTS {
            let mut instance = self.load(id).await?;
            let read = instance.version();
            let at = clock.stamp(instance.last_at());
            let mut outcome = input(instance.as_mut(), at)?;
            if let (Value::Bool(true), Some(command_id)) = (&outcome["duplicate"], command_id) {
                self.fill_duplicate(id, command_id, &mut outcome).await?;
                return Ok(outcome);
            }
            if !records_anything(&outcome) {
                return Ok(outcome);
            }
            let mut tx = self.pool.begin().await?;
            if write(&mut tx, instance.as_ref(), read, &outcome, at).await? {
                tx.commit().await?;
                return Ok(outcome);
            }
            tx.rollback().await?;
        }
        Err(DeskError::Busy(id.to_owned()))
    }

    /// Claims up to `limit` instances whose next deadline is due at `clock`'s instant
    /// (earliest first; on PostgreSQL rows other desks hold are skipped), ticks each at the
    /// instant `clock` stamps it with ([`Clock::stamp`]: never before its last input) and
    /// stores what fired, all in one transaction. Returns how many fired something and the
    /// ids whose tick failed (logged; they are parked a minute so they do not spin).
    pub(crate) async fn tick_due(
        &self,
        clock: &Clock,
        limit: i64,
    ) -> Result<(usize, Vec<String>), DeskError> {
        let now = clock.now();
        let mut tx = self.pool.begin().await?;
        let rows = sqlx::query(&format!(
            "SELECT snapshot FROM desk_instances WHERE next_due_ms <= $1
             ORDER BY next_due_ms LIMIT $2{}",
            self.backend.skip_locked()
        ))
        .bind(millis(now))
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let mut ticked = 0;
        let mut failed = Vec::new();
        for row in &rows {
            let mut instance = restore(row)?;
            let read = instance.version();
            let at = clock.stamp(instance.last_at());
            match instance.tick(at) {
                Ok(outcome) => {
                    let fired = records_anything(&outcome);
                    if !write(&mut tx, instance.as_ref(), read, &outcome, at).await? {
                        return Err(corrupt(format!(
                            "instance `{}` changed while claimed",
                            instance.id()
                        )));
                    }
                    ticked += usize::from(fired);
                }
                Err(e) => {
                    tracing::error!(instance = instance.id(), error = %e, "tick failed; parked for a minute");
                    sqlx::query("UPDATE desk_instances SET next_due_ms = $1 WHERE id = $2")
                        .bind(millis(at) + 60_000)
                        .bind(instance.id())
                        .execute(&mut *tx)
                        .await?;
                    failed.push(instance.id().to_owned());
                }
            }
        }
        tx.commit().await?;
        Ok((ticked, failed))
    }

    /// A duplicate's outcome from a restored instance has no records (the snapshot keeps
    /// only the command's id): its original records are read back from the event log, so
    /// a retry gets the original outcome whole, effects and keys included.
    async fn fill_duplicate(
        &self,
        id: &str,
        command_id: &str,
        outcome: &mut Value,
    ) -> Result<(), DeskError> {
        if outcome["events"].as_array().is_none_or(|e| !e.is_empty()) {
            return Ok(());
        }
        let rows = sqlx::query(
            "SELECT record FROM desk_events WHERE instance_id = $1 AND command_id = $2 ORDER BY version",
        )
        .bind(id)
        .bind(command_id)
        .fetch_all(&self.pool)
        .await?;
        let records = rows
            .iter()
            .map(|row| {
                let text: String = row.try_get(0)?;
                serde_json::from_str::<Value>(&text).map_err(corrupt)
            })
            .collect::<Result<Vec<_>, DeskError>>()?;
        let effects: Vec<Value> = records
            .iter()
            .flat_map(|r| r["effects"].as_array().cloned().unwrap_or_default())
            .collect();
        outcome["events"] = Value::Array(records);
        outcome["effects"] = Value::Array(effects);
        Ok(())
    }

    /// The event log of instance `id`: every record, in version order.
    pub(crate) async fn events(&self, id: &str) -> Result<Vec<Value>, DeskError> {
        let rows =
            sqlx::query("SELECT record FROM desk_events WHERE instance_id = $1 ORDER BY version")
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
        if rows.is_empty() {
            // An instance with no events yet, or none at all.
            self.load(id).await?;
        }
        rows.iter()
            .map(|row| {
                let text: String = row.try_get(0)?;
                serde_json::from_str(&text).map_err(corrupt)
            })
            .collect()
    }

    /// The summary rows of every instance of `workflow`, for its reports.
    pub(crate) async fn rows(&self, workflow: &str) -> Result<Vec<Value>, DeskError> {
        let rows =
            sqlx::query("SELECT summary FROM desk_instances WHERE workflow = $1 ORDER BY id")
                .bind(workflow)
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|row| {
                let text: String = row.try_get(0)?;
                serde_json::from_str(&text).map_err(corrupt)
            })
            .collect()
    }

    /// Claims up to `limit` effects due for delivery at `now_ms` (system milliseconds):
    /// counts the attempt and leases each until `lease_until_ms`, so a desk that dies
    /// while delivering leaves it to be delivered again once the lease ends.
    pub(crate) async fn claim_deliveries(
        &self,
        now_ms: i64,
        lease_until_ms: i64,
        limit: i64,
    ) -> Result<Vec<Delivery>, DeskError> {
        let rows = sqlx::query(&format!(
            "UPDATE desk_outbox SET attempts = attempts + 1, next_attempt_ms = $1
             WHERE idempotency_key IN (
               SELECT idempotency_key FROM desk_outbox
               WHERE status = 'pending' AND next_attempt_ms <= $2
               ORDER BY next_attempt_ms, created_ms LIMIT $3{})
             RETURNING idempotency_key, instance_id, workflow, effect, attempts",
            self.backend.skip_locked()
        ))
        .bind(lease_until_ms)
        .bind(now_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let effect: String = row.try_get(3)?;
                Ok(Delivery {
                    key: row.try_get(0)?,
                    instance_id: row.try_get(1)?,
                    workflow: row.try_get(2)?,
                    effect: serde_json::from_str(&effect).map_err(corrupt)?,
                    attempts: row.try_get(4)?,
                })
            })
            .collect()
    }

    /// Records that the effect `key` was delivered.
    pub(crate) async fn delivered(&self, key: &str, now_ms: i64) -> Result<(), DeskError> {
        sqlx::query(
            "UPDATE desk_outbox SET status = 'delivered', delivered_ms = $1, last_error = NULL
             WHERE idempotency_key = $2",
        )
        .bind(now_ms)
        .bind(key)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a failed delivery of `key`: tried again at `retry_at_ms`, or, with `None`,
    /// given up (`dead`).
    pub(crate) async fn failed(
        &self,
        key: &str,
        error: &str,
        retry_at_ms: Option<i64>,
    ) -> Result<(), DeskError> {
        let (status, next) = match retry_at_ms {
            Some(at) => ("pending", at),
            None => ("dead", 0),
        };
        sqlx::query(
            "UPDATE desk_outbox SET status = $1, next_attempt_ms = $2, last_error = $3
             WHERE idempotency_key = $4",
        )
        .bind(status)
        .bind(next)
        .bind(error)
        .bind(key)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

fn version_i64(version: u64) -> Result<i64, DeskError> {
    i64::try_from(version).map_err(corrupt)
}

fn restore(row: &AnyRow) -> Result<Box<dyn AnyInstance>, DeskError> {
    let snapshot: String = row.try_get(0)?;
    dynamic::restore(&snapshot).map_err(corrupt)
}

/// Whether an outcome recorded events (a duplicate records nothing new).
fn records_anything(outcome: &Value) -> bool {
    outcome["duplicate"] != Value::Bool(true)
        && outcome["events"].as_array().is_some_and(|e| !e.is_empty())
}

/// Writes what an input recorded, if the row is still at version `read`; `false` when it
/// is not (another input got there first: nothing is written).
async fn write(
    tx: &mut Transaction<'static, Any>,
    instance: &dyn AnyInstance,
    read: u64,
    outcome: &Value,
    now: DateTime<Utc>,
) -> Result<bool, DeskError> {
    if !records_anything(outcome) {
        return Ok(true);
    }
    let updated = sqlx::query(
        "UPDATE desk_instances SET version = $1, snapshot = $2, next_due_ms = $3, summary = $4, updated_ms = $5
         WHERE id = $6 AND version = $7",
    )
    .bind(version_i64(instance.version())?)
    .bind(instance.snapshot_json())
    .bind(instance.next_deadline().map(|d| millis(d.due)))
    .bind(instance.row().to_string())
    .bind(millis(now))
    .bind(instance.id())
    .bind(version_i64(read)?)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    for record in outcome["events"].as_array().into_iter().flatten() {
        let at: DateTime<Utc> = record["at"]
            .as_str()
            .and_then(|at| at.parse().ok())
            .ok_or_else(|| corrupt("a record without `at`"))?;
        sqlx::query(
            "INSERT INTO desk_events (instance_id, version, at_ms, type, command_id, record) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(instance.id())
        .bind(record["version"].as_i64().ok_or_else(|| corrupt("a record without `version`"))?)
        .bind(millis(at))
        .bind(record["event"]["type"].as_str().unwrap_or_default())
        .bind(record["command_id"].as_str())
        .bind(record.to_string())
        .execute(&mut **tx)
        .await?;
    }
    for effect in outcome["effects"].as_array().into_iter().flatten() {
        let key = effect["key"]
            .as_str()
            .ok_or_else(|| corrupt("an effect without `key`"))?;
        sqlx::query(
            "INSERT INTO desk_outbox (idempotency_key, instance_id, workflow, kind, effect, status, attempts, next_attempt_ms, created_ms)
             VALUES ($1, $2, $3, $4, $5, 'pending', 0, 0, $6) ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .bind(key)
        .bind(instance.id())
        .bind(instance.workflow())
        .bind(quytrinh::conformance::effect_name(effect).as_str().unwrap_or_default().to_owned())
        .bind(effect.to_string())
        .bind(millis(now))
        .execute(&mut **tx)
        .await?;
    }
    Ok(true)
}
