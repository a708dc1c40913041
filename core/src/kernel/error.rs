//! The one error type of the crate, with a stable `code()` mapped once per boundary.

use super::{Limit, Rejection};
use thiserror::Error;

/// Everything that can go wrong when driving an instance.
///
/// A [`Rejection`] is the domain's "no"; the other variants are malformed inputs from the
/// host (bad JSON, an unknown workflow, a snapshot from another schema version). Nothing is
/// changed by any of them.
///
/// ```
/// use quytrinh::kernel::Error;
/// let err = Error::UnknownWorkflow("payroll".into());
/// assert_eq!(err.code(), "unknown_workflow");
/// let err = Error::InvalidJson { message: "expected `,`".into(), path: String::new(), line: 3, column: 7 };
/// assert_eq!(err.to_string(), "invalid JSON at line 3, column 7: expected `,`");
/// let err = Error::InvalidJson { message: "missing field `id`".into(), path: "actor".into(), line: 1, column: 40 };
/// assert_eq!(err.to_string(), "invalid JSON at `actor`: missing field `id`");
/// let err = Error::InvalidJson { message: "missing field `at`".into(), path: String::new(), line: 0, column: 0 };
/// assert_eq!(err.to_string(), "invalid JSON: missing field `at`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Error {
    /// The domain refused the input.
    #[error("{0}")]
    Rejected(#[from] Rejection),
    /// The JSON text is not valid, or does not have the expected shape.
    #[error("invalid JSON{}: {message}", position(path, *line, *column))]
    InvalidJson {
        /// What was wrong or expected.
        message: String,
        /// The JSON path of the value at fault (`at`, `init.contact.phone`, `records[3]`),
        /// empty when unknown or at the top level.
        path: String,
        /// 1-based line (0 when the error has no position).
        line: usize,
        /// 1-based column (0 when the error has no position).
        column: usize,
    },
    /// A snapshot or event log carries a schema version this build cannot read.
    #[error(
        "unsupported schema version {found}: this build reads version {supported}; refusing to guess"
    )]
    UnsupportedSchema {
        /// The version found in the document.
        found: u64,
        /// The version this build reads and writes.
        supported: u64,
    },
    /// No workflow of that name exists.
    #[error("unknown workflow `{0}`")]
    UnknownWorkflow(String),
    /// A document belongs to another workflow than the one asked for.
    #[error("the document is for workflow `{found}`, not `{expected}`")]
    WrongWorkflow {
        /// The workflow asked for.
        expected: String,
        /// The workflow named in the document.
        found: String,
    },
    /// The configuration of a workflow or of the kernel is invalid.
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),
    /// An event log whose records do not follow each other (gaps, reordering, time going back).
    #[error("corrupt event log: {0}")]
    CorruptLog(String),
    /// A broken invariant of a workflow definition (a bug in this library, never the host's).
    #[error("internal error: {0}")]
    Internal(String),
}

/// `` at `path` `` when the field at fault is known (the line and column of JSON text a
/// binding wrote from the host's object would mean nothing to the host), else
/// ` at line L, column C`, or nothing when the error has no position.
fn position(path: &str, line: usize, column: usize) -> String {
    if !path.is_empty() {
        format!(" at `{path}`")
    } else if line == 0 {
        String::new()
    } else {
        format!(" at line {line}, column {column}")
    }
}

impl Error {
    /// The stable snake_case code: the rejection's own code, or the kind of host error.
    ///
    /// ```
    /// use quytrinh::kernel::{Error, Rejection, RejectionCode};
    /// let r = Rejection::not_found("request_id", "R9");
    /// assert_eq!(Error::from(r).code(), "not_found");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Rejected(r) => r.code.as_str(),
            Error::InvalidJson { .. } => "invalid_json",
            Error::UnsupportedSchema { .. } => "unsupported_schema",
            Error::UnknownWorkflow(_) => "unknown_workflow",
            Error::WrongWorkflow { .. } => "wrong_workflow",
            Error::InvalidConfig(_) => "invalid_config",
            Error::CorruptLog(_) => "corrupt_log",
            Error::Internal(_) => "internal",
        }
    }

    /// `invalid_json` for `error` met reading `text`, naming the JSON path of the value at
    /// fault under `what` (the input's name, e.g. `init`; empty for a whole document).
    ///
    /// ```
    /// # use quytrinh::kernel::Error;
    /// let text = r#"{"actor":{"role":"saco","id":5}}"#;
    /// let e = serde_json::from_str::<quytrinh::kernel::Actor>(&text[9..text.len() - 1]).unwrap_err();
    /// assert_eq!(Error::json_at("command.actor", &text[9..text.len() - 1], &e).to_string(),
    ///     "invalid JSON at `command.actor.id`: invalid type: integer `5`, expected a string");
    /// ```
    pub fn json_at(what: &str, text: &str, error: &serde_json::Error) -> Self {
        // `invalid_json`, or `limit_reached` when nested too deep (which has no field).
        let mut found = Error::from(error);
        if let Error::InvalidJson {
            path, line, column, ..
        } = &mut found
        {
            let inner = if *line > 0 {
                super::json::path_at(text, *line, *column)
            } else {
                String::new()
            };
            *path = joined_path(what, &inner);
        }
        found
    }

    /// The rejection inside, if this is one.
    ///
    /// ```
    /// # use quytrinh::kernel::Error;
    /// assert!(Error::UnknownWorkflow("x".into()).rejection().is_none());
    /// ```
    pub fn rejection(&self) -> Option<&Rejection> {
        match self {
            Error::Rejected(r) => Some(r),
            _ => None,
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::from(&e)
    }
}

impl From<&serde_json::Error> for Error {
    /// `invalid_json` with the parser's message and position; a JSON nested beyond
    /// [`MAX_JSON_DEPTH`](super::MAX_JSON_DEPTH) (the parser's recursion limit, which has no
    /// error code of its own) is the rejection `limit_reached` on `json_depth`.
    fn from(e: &serde_json::Error) -> Self {
        if too_deep(e) {
            return Error::Rejected(Limit::JsonDepth.reached(super::MAX_JSON_DEPTH + 1));
        }
        Error::InvalidJson {
            message: reason(e),
            path: String::new(),
            line: e.line(),
            column: e.column(),
        }
    }
}

/// The path `inner` under the input named `what` (`init` + `account` = `init.account`).
pub(super) fn joined_path(what: &str, inner: &str) -> String {
    match (what.is_empty(), inner.is_empty()) {
        (_, true) => what.to_owned(),
        (true, false) => inner.to_owned(),
        (false, false) if inner.starts_with('[') => format!("{what}{inner}"),
        (false, false) => format!("{what}.{inner}"),
    }
}

/// Whether serde_json stopped at its recursion limit (it has no error category of its own).
fn too_deep(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("recursion limit exceeded")
}

/// serde_json's message without the " at line L column C" it appends.
pub(super) fn reason(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(i) if e.line() > 0 => message[..i].to_owned(),
        _ => message,
    }
}
