//! The read-only questions `companion` answers, purely from the state.

use super::model::{CompanionState, Request};
use super::rules::party_of;
use crate::kernel::TaggedDeserialize;
use crate::kernel::{Actor, Rejection};
use serde::Serialize;

/// A question about one relationship.
///
/// ```
/// use quytrinh::workflows::companion::CompanionQuery;
/// let q: CompanionQuery = serde_json::from_str(r#"{"type":"requests"}"#).unwrap();
/// assert_eq!(q, CompanionQuery::Requests {});
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum CompanionQuery {
    /// The requests the asking party can see, oldest first (a request still awaiting its
    /// requester's OTP is invisible to the counterparty).
    Requests {},
}

/// The answer to a [`CompanionQuery`].
///
/// ```
/// use quytrinh::workflows::companion::CompanionAnswer;
/// let a = CompanionAnswer::Requests { requests: vec![] };
/// assert_eq!(serde_json::to_value(&a).unwrap()["type"], "requests");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum CompanionAnswer {
    /// The requests, oldest first.
    Requests {
        /// The requests.
        requests: Vec<Request>,
    },
}

pub(super) fn answer(
    state: &CompanionState,
    query: &CompanionQuery,
    actor: &Actor,
) -> Result<CompanionAnswer, Rejection> {
    let party = party_of(state, actor)?;
    match query {
        CompanionQuery::Requests {} => Ok(CompanionAnswer::Requests {
            requests: state
                .requests
                .iter()
                .filter(|r| r.visible_to(party))
                .cloned()
                .collect(),
        }),
    }
}
