//! The read-only questions `complaint` answers, purely from the state.

use super::model::{CaseStatus, ComplaintState, Sla, StatusChange};
use crate::kernel::TaggedDeserialize;
use serde::Serialize;

/// A question about one complaint.
///
/// ```
/// use quytrinh::workflows::complaint::ComplaintQuery;
/// let q: ComplaintQuery = serde_json::from_str(r#"{"type":"timeline"}"#).unwrap();
/// assert_eq!(q, ComplaintQuery::Timeline {});
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum ComplaintQuery {
    /// The case's progress: its status, every status change so far and the SLA.
    Timeline {},
}

/// The answer to a [`ComplaintQuery`].
///
/// ```
/// use quytrinh::workflows::complaint::ComplaintAnswer;
/// let a = ComplaintAnswer::Timeline { status: None, history: vec![], sla: None, sla_breached: false };
/// assert_eq!(serde_json::to_value(&a).unwrap()["type"], "timeline");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ComplaintAnswer {
    /// The case's progress.
    Timeline {
        /// The status now (none before receipt).
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        status: Option<CaseStatus>,
        /// Every status change, oldest first.
        history: Vec<StatusChange>,
        /// The resolution SLA, once received.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        sla: Option<Sla>,
        /// Whether the SLA was breached.
        sla_breached: bool,
    },
}

pub(super) fn answer(state: &ComplaintState, query: &ComplaintQuery) -> ComplaintAnswer {
    match query {
        ComplaintQuery::Timeline {} => ComplaintAnswer::Timeline {
            status: state.status,
            history: state.history.clone(),
            sla: state.sla.clone(),
            sla_breached: state.sla_breached,
        },
    }
}
