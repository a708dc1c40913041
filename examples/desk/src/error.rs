//! The desk's errors and their HTTP form: a status and a JSON body with a stable `code`,
//! the `rule` or field at fault, and messages in Vietnamese and English.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use quytrinh::kernel::{Error as LibraryError, RejectionCode};
use serde::{Deserialize, Serialize};

/// Everything a request can fail with.
///
/// ```
/// use quytrinh_desk::DeskError;
/// assert_eq!(DeskError::NotFound("KN-1".into()).status().as_u16(), 404);
/// assert_eq!(DeskError::ForgedActor.body().code, "not_permitted");
/// ```
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// The library refused the input or could not read it.
    #[error(transparent)]
    Library(#[from] LibraryError),
    /// No instance has that id.
    #[error("no instance `{0}`")]
    NotFound(String),
    /// An instance with that id exists already.
    #[error("an instance `{0}` exists already")]
    Exists(String),
    /// The body is not JSON, or not the JSON object expected.
    #[error("{0}")]
    BadRequest(String),
    /// The body is over the configured size.
    #[error("the body is over {0} bytes")]
    TooLarge(usize),
    /// No bearer token, or one the desk does not know.
    #[error("a known bearer token is required")]
    Unauthorized,
    /// The body names another actor than the caller's token.
    #[error("the actor comes from the caller's token; the body names another")]
    ForgedActor,
    /// The body carries `at`: the desk stamps every input with its own clock.
    #[error("`at` is set by the desk's clock, not by the caller")]
    AtFromCaller,
    /// An admin endpoint of the test clock, on a desk that runs on the system clock.
    #[error("the admin endpoints exist only with a test clock (`serve --now`)")]
    NoTestClock,
    /// The instance kept changing under the input (retried, then given up).
    #[error("the instance `{0}` kept changing; try again")]
    Busy(String),
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A stored document does not read back (a bug or a foreign write).
    #[error("stored data: {0}")]
    Corrupt(String),
}

/// The JSON body of every error response. For a rejection, `code`, `rule`, `message_vi`
/// and `message_en` are the library's own.
///
/// ```
/// use quytrinh_desk::ErrorBody;
/// let body: ErrorBody = serde_json::from_str(
///     r#"{"code":"not_found","rule":"id","message_vi":"Không thấy.","message_en":"Not found."}"#).unwrap();
/// assert_eq!(body.rule.as_deref(), Some("id"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable snake_case code: a rejection code of the library (`not_permitted`,
    /// `invalid_transition`, `version_conflict`, …), a host-error code of the library
    /// (`invalid_json`, `unknown_workflow`, `invalid_config`, …) or one of the desk's
    /// (`malformed_json`, `not_found`, `exists`, `too_large`, `unauthorized`, `busy`,
    /// `no_test_clock`, `internal`).
    pub code: String,
    /// The rule or field at fault, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The message in Vietnamese.
    pub message_vi: String,
    /// The message in English.
    pub message_en: String,
}

impl ErrorBody {
    fn new(code: &str, rule: Option<&str>, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            rule: rule.map(str::to_owned),
            message_vi: vi.into(),
            message_en: en.into(),
        }
    }
}

impl DeskError {
    /// The HTTP status: 400 malformed input, 401 no token, 403 a forged actor, 404 unknown
    /// instance or workflow, 409 `version_conflict` or an existing id, 413 too large, 422 a
    /// rejection, 503 busy, 500 the desk's own failures.
    ///
    /// ```
    /// # use quytrinh_desk::DeskError;
    /// assert_eq!(DeskError::TooLarge(10).status().as_u16(), 413);
    /// ```
    pub fn status(&self) -> StatusCode {
        match self {
            DeskError::Library(e) => match e {
                LibraryError::Rejected(r) if r.code == RejectionCode::VersionConflict => {
                    StatusCode::CONFLICT
                }
                LibraryError::Rejected(_) => StatusCode::UNPROCESSABLE_ENTITY,
                LibraryError::InvalidJson { .. } | LibraryError::InvalidConfig(_) => {
                    StatusCode::BAD_REQUEST
                }
                LibraryError::UnknownWorkflow(_) => StatusCode::NOT_FOUND,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            },
            DeskError::NotFound(_) | DeskError::NoTestClock => StatusCode::NOT_FOUND,
            DeskError::Exists(_) => StatusCode::CONFLICT,
            DeskError::BadRequest(_) | DeskError::AtFromCaller => StatusCode::BAD_REQUEST,
            DeskError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            DeskError::Unauthorized => StatusCode::UNAUTHORIZED,
            DeskError::ForgedActor => StatusCode::FORBIDDEN,
            DeskError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            DeskError::Database(_) | DeskError::Corrupt(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The JSON body.
    ///
    /// ```
    /// # use quytrinh_desk::DeskError;
    /// let body = DeskError::AtFromCaller.body();
    /// assert_eq!((body.code.as_str(), body.rule.as_deref()), ("validation_failed", Some("at")));
    /// ```
    pub fn body(&self) -> ErrorBody {
        let en = self.to_string();
        match self {
            DeskError::Library(LibraryError::Rejected(r)) => ErrorBody::new(
                r.code.as_str(),
                Some(&r.rule),
                r.message_vi.clone(),
                r.message_en.clone(),
            ),
            DeskError::Library(e) => {
                // The field at fault of bad JSON is its rule, as in every binding.
                let rule = match e {
                    LibraryError::InvalidJson { path, .. } if !path.is_empty() => {
                        Some(path.as_str())
                    }
                    _ => None,
                };
                ErrorBody::new(e.code(), rule, format!("Đầu vào không hợp lệ: {e}"), en)
            }
            DeskError::NotFound(id) => ErrorBody::new(
                "not_found",
                Some("id"),
                format!("Không có hồ sơ `{id}`."),
                en,
            ),
            DeskError::Exists(id) => ErrorBody::new(
                "exists",
                Some("instance_id"),
                format!("Hồ sơ `{id}` đã tồn tại."),
                en,
            ),
            DeskError::BadRequest(m) => ErrorBody::new(
                "malformed_json",
                None,
                format!("Nội dung yêu cầu không phải JSON hợp lệ: {m}"),
                en,
            ),
            DeskError::TooLarge(n) => ErrorBody::new(
                "too_large",
                None,
                format!("Nội dung yêu cầu vượt quá {n} byte."),
                en,
            ),
            DeskError::Unauthorized => ErrorBody::new(
                "unauthorized",
                Some("authorization"),
                "Cần một mã truy cập (bearer token) hợp lệ.",
                en,
            ),
            DeskError::ForgedActor => ErrorBody::new(
                "not_permitted",
                Some("actor"),
                "Người thực hiện lấy từ mã truy cập; nội dung yêu cầu ghi một người khác.",
                en,
            ),
            DeskError::AtFromCaller => ErrorBody::new(
                "validation_failed",
                Some("at"),
                "Thời điểm `at` do đồng hồ của hệ thống ghi, người gọi không được gửi.",
                en,
            ),
            DeskError::NoTestClock => ErrorBody::new(
                "no_test_clock",
                None,
                "Chỉ có khi chạy với đồng hồ thử (`serve --now`).",
                en,
            ),
            DeskError::Busy(id) => ErrorBody::new(
                "busy",
                None,
                format!("Hồ sơ `{id}` đang thay đổi liên tục; hãy thử lại."),
                en,
            ),
            DeskError::Database(_) | DeskError::Corrupt(_) => ErrorBody::new(
                "internal",
                None,
                "Lỗi nội bộ của hệ thống.",
                "internal error of the desk",
            ),
        }
    }
}

impl IntoResponse for DeskError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = self.body();
        if status.is_server_error() {
            tracing::error!(status = status.as_u16(), code = %body.code, error = %self, "request failed");
        } else {
            // One line per refusal, by its code: what an operator (or the load benchmark)
            // counts to tell a 409 from a 422 and one 422 from another.
            tracing::info!(target: "quytrinh_desk::refusal", status = status.as_u16(), code = %body.code, rule = body.rule.as_deref().unwrap_or(""), "request refused");
        }
        let mut response = (status, axum::Json(body)).into_response();
        if matches!(self, DeskError::Unauthorized) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
