//! The HTTP JSON API. Every route is registered together with its OpenAPI description
//! (utoipa-axum), so the served and committed description cannot miss one.

use crate::store::Counts;
use crate::{Clock, Desk, DeskError, ErrorBody, outbox, scheduler};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use quytrinh::dynamic::{self, AnyInstance};
use quytrinh::kernel::{Actor, Lang, RejectionCode, Settings, positions_json, rfc3339};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

type Shared = State<Arc<Desk>>;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "quytrinh desk",
        description = "Every quytrinh workflow over HTTP: instances, commands (the JSON of the conformance vectors, without `actor` and `at`: the actor comes from the bearer token, the instant from the desk's clock), queries, reports, event logs and diagrams. Errors carry a stable `code`, the `rule` at fault and messages in Vietnamese and English."
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    tags(
        (name = "instances", description = "Create, drive and read instances"),
        (name = "workflows", description = "The workflows, their reports and diagrams"),
        (name = "operations", description = "Health, and the admin endpoints of a test clock (`serve --now`)")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
    }
}

/// The routes and their OpenAPI description.
pub(crate) fn routes() -> (axum::Router<Arc<Desk>>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health))
        .routes(routes!(list_workflows))
        .routes(routes!(workflow_diagram))
        .routes(routes!(run_report))
        .routes(routes!(create_instance))
        .routes(routes!(read_instance))
        .routes(routes!(send_command))
        .routes(routes!(run_query))
        .routes(routes!(read_events))
        .routes(routes!(instance_diagram))
        .routes(routes!(set_clock))
        .routes(routes!(run_scheduler))
        .routes(routes!(run_outbox))
        .split_for_parts()
}

/// The caller, from the `Authorization: Bearer` header.
struct Caller(Actor);

impl FromRequestParts<Arc<Desk>> for Caller {
    type Rejection = DeskError;

    async fn from_request_parts(parts: &mut Parts, desk: &Arc<Desk>) -> Result<Self, DeskError> {
        parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .and_then(|token| desk.tokens.actor(token.trim()))
            .map(|actor| Caller(actor.clone()))
            .ok_or(DeskError::Unauthorized)
    }
}

/// A JSON body within the configured size: 413 above it, 400 when it is not JSON.
struct JsonBody(Value);

impl FromRequest<Arc<Desk>> for JsonBody {
    type Rejection = DeskError;

    async fn from_request(request: Request, desk: &Arc<Desk>) -> Result<Self, DeskError> {
        let bytes = Bytes::from_request(request, desk)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    DeskError::TooLarge(desk.max_body)
                } else {
                    DeskError::BadRequest(rejection.body_text())
                }
            })?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| DeskError::BadRequest(e.to_string()))
    }
}

/// Health of the desk and its database, with counts for operators.
#[derive(serde::Serialize, ToSchema)]
struct Health {
    /// `ok` when the database answers.
    status: &'static str,
    /// `sqlite` or `postgres`.
    database: &'static str,
    /// The desk's clock.
    now: String,
    /// Whether the clock is a test clock (`serve --now`).
    test_clock: bool,
    /// Instances and outbox rows.
    counts: Counts,
}

#[utoipa::path(get, path = "/health", tag = "operations", security(()),
    responses((status = 200, description = "The desk and its database work", body = Health),
              (status = 500, description = "The database does not answer", body = ErrorBody)))]
async fn health(State(desk): Shared) -> Result<Json<Health>, DeskError> {
    let now = desk.clock.now();
    Ok(Json(Health {
        status: "ok",
        database: desk.store.backend().name(),
        now: rfc3339(now),
        test_clock: desk.clock.is_test(),
        counts: desk.store.counts(now).await?,
    }))
}

#[utoipa::path(get, path = "/workflows", tag = "workflows",
    responses((status = 200, description = "The names of every workflow this desk serves", body = Vec<String>)))]
async fn list_workflows(_caller: Caller) -> Json<&'static [&'static str]> {
    Json(dynamic::WORKFLOWS)
}

/// How a diagram is drawn.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DiagramParams {
    /// `mermaid` (default) or `dot`.
    format: Option<String>,
    /// `vi` (default) or `en`.
    lang: Option<String>,
}

fn diagram(
    workflow: &str,
    config: Option<&Value>,
    params: &DiagramParams,
    current: &[(&str, &str)],
) -> Result<impl IntoResponse + use<>, DeskError> {
    let lang: Lang = params
        .lang
        .as_deref()
        .unwrap_or("vi")
        .parse()
        .map_err(DeskError::BadRequest)?;
    let definition = dynamic::definition(workflow, config)?;
    let text = match params.format.as_deref().unwrap_or("mermaid") {
        "mermaid" => definition.to_mermaid(lang, current),
        "dot" => definition.to_dot(lang, current),
        other => {
            return Err(DeskError::BadRequest(format!(
                "unknown format `{other}` (expected `mermaid` or `dot`)"
            )));
        }
    };
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text))
}

#[utoipa::path(get, path = "/workflows/{workflow}/diagram", tag = "workflows",
    params(("workflow" = String, Path, description = "The workflow's name"), DiagramParams),
    responses((status = 200, description = "The state diagram (Mermaid `stateDiagram-v2` or Graphviz DOT)", body = String, content_type = "text/plain"),
              (status = 404, description = "Unknown workflow", body = ErrorBody)))]
async fn workflow_diagram(
    _caller: Caller,
    Path(workflow): Path<String>,
    Query(params): Query<DiagramParams>,
) -> Result<impl IntoResponse, DeskError> {
    diagram(&workflow, None, &params, &[])
}

#[utoipa::path(post, path = "/workflows/{workflow}/reports", tag = "workflows",
    params(("workflow" = String, Path, description = "The workflow's name")),
    request_body(content = Value, description = "The report, tagged by `type` (e.g. complaint's `{\"type\": \"weekly_report\", \"week_ending\": \"2026-03-12\"}`); run at the desk's clock for the caller over every instance's summary row"),
    responses((status = 200, description = "The report's answer", body = Value),
              (status = 400, description = "Malformed JSON or an unknown report", body = ErrorBody),
              (status = 404, description = "Unknown workflow", body = ErrorBody),
              (status = 422, description = "Refused (e.g. the caller's role may not run it)", body = ErrorBody)))]
async fn run_report(
    State(desk): Shared,
    Caller(caller): Caller,
    Path(workflow): Path<String>,
    JsonBody(report): JsonBody,
) -> Result<Json<Value>, DeskError> {
    dynamic::definition(&workflow, None)?;
    let rows = desk.store.rows(&workflow).await?;
    Ok(Json(dynamic::report(
        &workflow,
        None,
        &caller,
        desk.clock.now(),
        &report,
        &rows,
    )?))
}

/// A new instance.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct CreateInstance {
    /// The workflow's name (`GET /workflows`).
    workflow: String,
    /// The instance's id (it appears in every effect's idempotency key).
    instance_id: String,
    /// The workflow's configuration; absent or `null`: the defaults of the specification.
    #[serde(default)]
    config: Option<Value>,
    /// Kernel settings (`{"remembered_commands": 64}` when absent).
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    settings: Option<Settings>,
    /// The workflow's initial data.
    init: Value,
}

/// Everything about an instance the caller may want on one screen; `available_commands`
/// at the instant a command would be stamped with now ([`Clock::stamp`]). While a test
/// clock is behind the instance's last event (moved back), no command can be issued now:
/// `available_commands` is empty.
fn view(instance: &dyn AnyInstance, caller: &Actor, clock: &Clock) -> Result<Value, DeskError> {
    let available = match instance.available_commands(caller, clock.stamp(instance.last_at())) {
        Err(e) if e.code() == RejectionCode::ClockWentBackwards.as_str() => json!([]),
        other => other?,
    };
    Ok(json!({
        "workflow": instance.workflow(),
        "instance_id": instance.id(),
        "version": instance.version(),
        "state": instance.state(),
        "config": instance.config(),
        "position": positions_json(&instance.position()),
        "deadlines": instance.deadlines(),
        "next_deadline": instance.next_deadline(),
        "available_commands": available,
    }))
}

#[utoipa::path(post, path = "/instances", tag = "instances",
    request_body(content = CreateInstance, description = "The workflow, the id, the configuration and the initial data (as in a conformance vector)"),
    responses((status = 201, description = "Created: the instance as `GET /instances/{id}` shows it", body = Value),
              (status = 400, description = "Malformed JSON, bad initial data or configuration", body = ErrorBody),
              (status = 404, description = "Unknown workflow", body = ErrorBody),
              (status = 409, description = "An instance with that id exists", body = ErrorBody),
              (status = 413, description = "The body is over the configured size", body = ErrorBody)))]
async fn create_instance(
    State(desk): Shared,
    Caller(caller): Caller,
    JsonBody(body): JsonBody,
) -> Result<(StatusCode, Json<Value>), DeskError> {
    let create: CreateInstance =
        serde_json::from_value(body).map_err(quytrinh::kernel::Error::from)?;
    let instance = dynamic::create(
        &create.workflow,
        &create.instance_id,
        create.config.as_ref(),
        create.settings,
        &create.init,
    )?;
    let now = desk.clock.now();
    desk.store.insert(instance.as_ref(), now).await?;
    tracing::info!(instance = instance.id(), workflow = instance.workflow(), by = %caller.id, "instance created");
    Ok((
        StatusCode::CREATED,
        Json(view(instance.as_ref(), &caller, &desk.clock)?),
    ))
}

#[utoipa::path(get, path = "/instances/{id}", tag = "instances",
    params(("id" = String, Path, description = "The instance id")),
    responses((status = 200, description = "Its workflow, version, state, configuration, position, deadlines and the commands the caller may issue now (`available_commands`)", body = Value),
              (status = 404, description = "Unknown instance", body = ErrorBody)))]
async fn read_instance(
    State(desk): Shared,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, DeskError> {
    let instance = desk.store.load(&id).await?;
    Ok(Json(view(instance.as_ref(), &caller, &desk.clock)?))
}

#[utoipa::path(post, path = "/instances/{id}/commands", tag = "instances",
    params(("id" = String, Path, description = "The instance id")),
    request_body(content = Value, description = "A command as in the conformance vectors: `command_id`, optional `expected_version`, `type` and its fields. `actor` is the caller's token's (a body naming another is refused); `at` is the desk's clock (a body carrying one is refused). The fields of each workflow's commands are given by its JSON Schema, `schemas/<workflow>/command.schema.json` in the repository"),
    responses((status = 200, description = "The outcome: `duplicate`, `version`, `events`, `effects` (each with its idempotency key), `position`, `next_deadline`", body = Value),
              (status = 400, description = "Malformed JSON, a command of the wrong shape, or `at` in the body", body = ErrorBody),
              (status = 401, description = "No known bearer token", body = ErrorBody),
              (status = 403, description = "The body names another actor than the token's", body = ErrorBody),
              (status = 404, description = "Unknown instance", body = ErrorBody),
              (status = 409, description = "`version_conflict`: `expected_version` is not the instance's version", body = ErrorBody),
              (status = 413, description = "The body is over the configured size", body = ErrorBody),
              (status = 422, description = "Refused by the workflow: `code`, `rule`, `message_vi`, `message_en`", body = ErrorBody)))]
async fn send_command(
    State(desk): Shared,
    Caller(caller): Caller,
    Path(id): Path<String>,
    JsonBody(mut command): JsonBody,
) -> Result<Json<Value>, DeskError> {
    let fields = command
        .as_object_mut()
        .ok_or_else(|| DeskError::BadRequest("a command is a JSON object".into()))?;
    if let Some(actor) = fields.get("actor")
        && serde_json::from_value::<Actor>(actor.clone()).ok().as_ref() != Some(&caller)
    {
        tracing::warn!(instance = %id, caller = %caller.id, claimed = %actor, "forged actor refused");
        return Err(DeskError::ForgedActor);
    }
    if fields.contains_key("at") {
        return Err(DeskError::AtFromCaller);
    }
    fields.insert("actor".into(), json!(caller));
    let command_id = command["command_id"].as_str().map(str::to_owned);
    // Stamped after each read of the instance, no earlier than its last input.
    let outcome = desk
        .store
        .apply(&id, &desk.clock, command_id.as_deref(), |instance, at| {
            command["at"] = Value::from(rfc3339(at));
            instance.handle_value(command.clone())
        })
        .await?;
    tracing::info!(instance = %id, by = %caller.id, command = %command["type"], version = %outcome["version"], "command accepted");
    Ok(Json(outcome))
}

#[utoipa::path(post, path = "/instances/{id}/queries", tag = "instances",
    params(("id" = String, Path, description = "The instance id")),
    request_body(content = Value, description = "A query of the instance's workflow, tagged by `type`; answered for the caller at the desk's clock"),
    responses((status = 200, description = "The answer", body = Value),
              (status = 400, description = "Malformed JSON or an unknown query", body = ErrorBody),
              (status = 404, description = "Unknown instance", body = ErrorBody),
              (status = 422, description = "Refused (e.g. the caller is not a party)", body = ErrorBody)))]
async fn run_query(
    State(desk): Shared,
    Caller(caller): Caller,
    Path(id): Path<String>,
    JsonBody(query): JsonBody,
) -> Result<Json<Value>, DeskError> {
    let instance = desk.store.load(&id).await?;
    Ok(Json(instance.query_value(
        &caller,
        desk.clock.now(),
        query,
    )?))
}

#[utoipa::path(get, path = "/instances/{id}/events", tag = "instances",
    params(("id" = String, Path, description = "The instance id")),
    responses((status = 200, description = "`{\"instance_id\", \"records\"}`: every record in version order (`version`, `at`, `command_id`, `actor`, `trigger`, `event`, `effects`)", body = Value),
              (status = 404, description = "Unknown instance", body = ErrorBody)))]
async fn read_events(
    State(desk): Shared,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, DeskError> {
    let records = desk.store.events(&id).await?;
    Ok(Json(json!({"instance_id": id, "records": records})))
}

#[utoipa::path(get, path = "/instances/{id}/diagram", tag = "instances",
    params(("id" = String, Path, description = "The instance id"), DiagramParams),
    responses((status = 200, description = "The state diagram under the instance's configuration, its current states highlighted", body = String, content_type = "text/plain"),
              (status = 404, description = "Unknown instance", body = ErrorBody)))]
async fn instance_diagram(
    State(desk): Shared,
    _caller: Caller,
    Path(id): Path<String>,
    Query(params): Query<DiagramParams>,
) -> Result<impl IntoResponse, DeskError> {
    let instance = desk.store.load(&id).await?;
    let positions = instance.position();
    let current = quytrinh::kernel::highlights(&positions);
    diagram(
        instance.workflow(),
        Some(&instance.config()),
        &params,
        &current,
    )
}

/// The instant to move a test clock to.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct SetClock {
    /// RFC 3339 with an offset (e.g. `2026-03-11T09:00:00+07:00`).
    #[schema(value_type = String, format = DateTime)]
    now: DateTime<Utc>,
}

#[utoipa::path(put, path = "/admin/clock", tag = "operations",
    request_body(content = SetClock, description = "The instant the test clock shows from now on (forwards or backwards)"),
    responses((status = 200, description = "`{\"now\"}`", body = Value),
              (status = 404, description = "The desk runs on the system clock", body = ErrorBody)))]
async fn set_clock(
    State(desk): Shared,
    _caller: Caller,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, DeskError> {
    if !desk.clock.is_test() {
        return Err(DeskError::NoTestClock);
    }
    let SetClock { now } = serde_json::from_value(body).map_err(quytrinh::kernel::Error::from)?;
    desk.clock.set(now);
    tracing::info!(now = %rfc3339(now), "test clock moved");
    Ok(Json(json!({"now": rfc3339(now)})))
}

#[utoipa::path(post, path = "/admin/scheduler/run", tag = "operations",
    responses((status = 200, description = "`{\"ticked\"}`: the scheduler ran now, at the test clock, until nothing was due", body = Value),
              (status = 404, description = "The desk runs on the system clock", body = ErrorBody)))]
async fn run_scheduler(State(desk): Shared, _caller: Caller) -> Result<Json<Value>, DeskError> {
    if !desk.clock.is_test() {
        return Err(DeskError::NoTestClock);
    }
    let ticked = scheduler::run_due(&desk.store, &desk.clock, desk.batch).await?;
    Ok(Json(json!({"ticked": ticked})))
}

#[utoipa::path(post, path = "/admin/outbox/run", tag = "operations",
    responses((status = 200, description = "`{\"delivered\"}`: one round of the dispatcher ran now", body = Value),
              (status = 404, description = "The desk runs on the system clock", body = ErrorBody)))]
async fn run_outbox(State(desk): Shared, _caller: Caller) -> Result<Json<Value>, DeskError> {
    if !desk.clock.is_test() {
        return Err(DeskError::NoTestClock);
    }
    let delivered = outbox::dispatch_once(&desk.store, &desk.sink, desk.retry, desk.batch).await?;
    Ok(Json(json!({"delivered": delivered})))
}
