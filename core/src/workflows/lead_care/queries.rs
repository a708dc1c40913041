//! Read-only questions about one package: the submission preview and its confirm token,
//! the list of compensation requests, a lead's contact history.

use super::model::{CompensationRequest, CompensationStatus, ContactEntry, LeadCareState};
use super::rules::owning_consultant;
use crate::kernel::TaggedDeserialize;
use crate::kernel::{Actor, Rejection};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The first line of the confirm token's canonical text (its version).
pub const TOKEN_DOMAIN: &str = "quytrinh/lead_care/submission/v1";

/// One draft the submission would send.
///
/// ```
/// use quytrinh::workflows::lead_care::PreviewItem;
/// let i: PreviewItem = serde_json::from_str(r#"{"request_no":1,"lead_id":"L1","customer_id":"KH-1",
///     "status":"wrong_number","reason":"Số không tồn tại","requested_at":"2026-04-21T02:00:00Z"}"#).unwrap();
/// assert_eq!(i.request_no, 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PreviewItem {
    /// The request's number in the package.
    pub request_no: u32,
    /// The lead.
    pub lead_id: String,
    /// The customer.
    pub customer_id: String,
    /// The lead's status when the request was made.
    pub status: String,
    /// The reason.
    pub reason: String,
    /// When the request was made.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub requested_at: DateTime<Utc>,
}

/// What "Gửi xét duyệt" would send — exactly the package's drafts — and the token that
/// `submit_for_review` must carry, bound to them.
///
/// ```
/// use quytrinh::workflows::lead_care::SubmissionPreview;
/// let p: SubmissionPreview = serde_json::from_str(r#"{"package_id":"GOI-1","drafts":[],
///     "batch_in_review":null,"confirm_token":"sha256:00"}"#).unwrap();
/// assert!(p.drafts.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SubmissionPreview {
    /// The package.
    pub package_id: String,
    /// The drafts that would be sent, by request number.
    pub drafts: Vec<PreviewItem>,
    /// The batch being reviewed, if any: submitting must wait until it is decided.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub batch_in_review: Option<String>,
    /// `sha256:` + the lowercase hex SHA-256 of [`canonical_submission`].
    pub confirm_token: String,
}

/// The drafts of the package, by request number.
///
/// ```
/// # use quytrinh::kernel::{Instance, Settings};
/// # use quytrinh::workflows::lead_care::{LeadCare, LeadCareInit, drafts};
/// # let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
/// #     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[]}"#).unwrap();
/// # let p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
/// assert!(drafts(p.state()).is_empty());
/// ```
pub fn drafts(state: &LeadCareState) -> Vec<&CompensationRequest> {
    state
        .requests
        .iter()
        .filter(|r| r.state == CompensationStatus::Draft)
        .collect()
}

/// "Danh sách yêu cầu bù": the package's compensation requests (drafts, in review,
/// decided), by request number; withdrawn drafts are left out (see [`lead_requests`]).
///
/// ```
/// # use quytrinh::kernel::{Instance, Settings};
/// # use quytrinh::workflows::lead_care::{LeadCare, LeadCareInit, compensation_requests};
/// # let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
/// #     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[]}"#).unwrap();
/// # let p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
/// assert!(compensation_requests(p.state()).is_empty());
/// ```
pub fn compensation_requests(state: &LeadCareState) -> Vec<&CompensationRequest> {
    state
        .requests
        .iter()
        .filter(|r| r.state != CompensationStatus::Withdrawn)
        .collect()
}

/// Every request ever made for a lead, withdrawn ones included, oldest first.
///
/// ```
/// # use quytrinh::kernel::{Instance, Settings};
/// # use quytrinh::workflows::lead_care::{LeadCare, LeadCareInit, lead_requests};
/// # let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
/// #     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[]}"#).unwrap();
/// # let p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
/// assert!(lead_requests(p.state(), "L1").is_empty());
/// ```
pub fn lead_requests<'a>(state: &'a LeadCareState, lead_id: &str) -> Vec<&'a CompensationRequest> {
    state
        .requests
        .iter()
        .filter(|r| r.lead_id == lead_id)
        .collect()
}

/// "Lịch sử tiếp xúc": a lead's contact history, oldest first; `not_found` for an unknown
/// lead.
///
/// ```
/// # use quytrinh::kernel::{Instance, Settings};
/// # use quytrinh::workflows::lead_care::{LeadCare, LeadCareInit, contact_history};
/// # let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
/// #     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[{"lead_id":"L1","customer_id":"KH-1",
/// #     "delivered_at":"2026-04-20T09:00:00+07:00"}]}"#).unwrap();
/// # let p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
/// assert!(contact_history(p.state(), "L1").unwrap().is_empty());
/// assert_eq!(contact_history(p.state(), "L9").unwrap_err().code.as_str(), "not_found");
/// ```
pub fn contact_history<'a>(
    state: &'a LeadCareState,
    lead_id: &str,
) -> Result<&'a [ContactEntry], Rejection> {
    state
        .lead(lead_id)
        .map(|l| l.contact_history.as_slice())
        .ok_or_else(|| Rejection::not_found("lead_id", lead_id))
}

/// The preview of "Gửi xét duyệt" for the owning consultant (another consultant:
/// `not_permitted`, rule `owning_consultant`): exactly the drafts that would be sent, and
/// the `confirm_token` bound to them. Any change to the drafts (one added or withdrawn)
/// changes the token, so `submit_for_review` refuses a token from an older preview.
///
/// ```
/// use quytrinh::kernel::{Actor, Command, Instance, Settings};
/// use quytrinh::workflows::lead_care::{LeadCare, LeadCareCommand as C, LeadCareInit, preview_submission};
/// let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
///     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[{"lead_id":"L1","customer_id":"KH-1",
///     "delivered_at":"2026-04-20T09:00:00+07:00"}]}"#).unwrap();
/// let mut p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
/// let tv = Actor::new("consultant", "TV-1");
/// let at = "2026-04-21T09:00:00+07:00".parse().unwrap();
/// p.handle(&Command::new("c1", tv.clone(), at, C::UpdateStatus { lead_id: "L1".into(),
///     status: "wrong_number".into(), note: "Số không tồn tại".into() })).unwrap();
/// p.handle(&Command::new("c2", tv.clone(), at, C::RequestCompensation { lead_id: "L1".into(),
///     reason: "Sai số".into() })).unwrap();
/// let preview = preview_submission(p.state(), "TV-1").unwrap();
/// assert_eq!(preview.drafts.len(), 1);
/// assert!(preview.confirm_token.starts_with("sha256:"));
/// assert!(preview_submission(p.state(), "TV-2").is_err());
/// ```
pub fn preview_submission(
    state: &LeadCareState,
    consultant_id: &str,
) -> Result<SubmissionPreview, Rejection> {
    owning_consultant(state, &Actor::new("consultant", consultant_id))?;
    let drafts = drafts(state)
        .into_iter()
        .map(|r| PreviewItem {
            request_no: r.request_no,
            lead_id: r.lead_id.clone(),
            customer_id: r.customer_id.clone(),
            status: r.status.clone(),
            reason: r.reason.clone(),
            requested_at: r.requested_at,
        })
        .collect();
    Ok(SubmissionPreview {
        package_id: state.package_id.clone(),
        drafts,
        batch_in_review: state.open_batch().map(|b| b.batch_id.clone()),
        confirm_token: confirm_token(state),
    })
}

/// The canonical text the confirm token hashes, UTF-8, every line ending in `\n`:
///
/// ```text
/// quytrinh/lead_care/submission/v1
/// package:<bytes>:<package_id>
/// draft:<request_no>:<bytes>:<lead_id>:<bytes>:<reason>     (one line per draft, by request_no)
/// ```
///
/// where `<bytes>` is the decimal length in UTF-8 bytes of the text that follows it, so
/// the encoding is unambiguous whatever the ids and reasons contain (colons, new lines).
/// `request_no` is the draft's creation number in the package (never reused), so a
/// withdrawn draft made again with the same reason still changes the token.
///
/// ```
/// # use quytrinh::kernel::{Instance, Settings};
/// # use quytrinh::workflows::lead_care::{LeadCare, LeadCareInit, canonical_submission};
/// # let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
/// #     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[]}"#).unwrap();
/// # let p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
/// assert_eq!(canonical_submission(p.state()), "quytrinh/lead_care/submission/v1\npackage:5:GOI-1\n");
/// ```
pub fn canonical_submission(state: &LeadCareState) -> String {
    let mut text = format!(
        "{TOKEN_DOMAIN}\npackage:{}:{}\n",
        state.package_id.len(),
        state.package_id
    );
    for r in drafts(state) {
        let _ = writeln!(
            text,
            "draft:{}:{}:{}:{}:{}",
            r.request_no,
            r.lead_id.len(),
            r.lead_id,
            r.reason.len(),
            r.reason
        );
    }
    text
}

/// The confirm token of the current drafts: `sha256:` + the lowercase hex SHA-256 of
/// [`canonical_submission`].
///
/// ```
/// # use quytrinh::kernel::{Instance, Settings};
/// # use quytrinh::workflows::lead_care::{LeadCare, LeadCareInit, confirm_token};
/// # let init: LeadCareInit = serde_json::from_str(r#"{"package_id":"GOI-1","consultant_id":"TV-1",
/// #     "purchased_at":"2026-04-20T09:00:00+07:00","leads":[]}"#).unwrap();
/// # let p = Instance::<LeadCare>::create("GOI-1", Default::default(), Settings::default(), init).unwrap();
/// assert_eq!(confirm_token(p.state()).len(), "sha256:".len() + 64);
/// ```
pub fn confirm_token(state: &LeadCareState) -> String {
    let digest = Sha256::digest(canonical_submission(state).as_bytes());
    let mut token = String::with_capacity(7 + 64);
    token.push_str("sha256:");
    for byte in digest {
        let _ = write!(token, "{byte:02x}");
    }
    token
}

/// A question about one lead package, answered from the state (through
/// [`Instance::query`](crate::kernel::Instance::query) and every binding's query entry).
///
/// ```
/// use quytrinh::workflows::lead_care::LeadCareQuery;
/// let q: LeadCareQuery = serde_json::from_str(r#"{"type":"contact_history","lead_id":"L1"}"#).unwrap();
/// assert_eq!(q, LeadCareQuery::ContactHistory { lead_id: "L1".into() });
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum LeadCareQuery {
    /// The seed's double confirmation: exactly the drafts "Gửi xét duyệt" would send, and
    /// the token `submit_for_review` must carry (the owning consultant only).
    PreviewSubmission {},
    /// The package's drafts.
    Drafts {},
    /// "Danh sách yêu cầu bù": every request of the package but the withdrawn ones.
    CompensationRequests {},
    /// Every request of one lead, withdrawn ones included.
    LeadRequests {
        /// The lead.
        lead_id: String,
    },
    /// A lead's "Lịch sử tiếp xúc".
    ContactHistory {
        /// The lead.
        lead_id: String,
    },
}

/// The answer to a [`LeadCareQuery`].
///
/// ```
/// use quytrinh::workflows::lead_care::LeadCareAnswer;
/// let a = LeadCareAnswer::ContactHistory { entries: vec![] };
/// assert_eq!(serde_json::to_value(&a).unwrap()["type"], "contact_history");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum LeadCareAnswer {
    /// What would be sent, and its token.
    PreviewSubmission {
        /// The preview.
        preview: SubmissionPreview,
    },
    /// Compensation requests, oldest first.
    Requests {
        /// The requests.
        requests: Vec<CompensationRequest>,
    },
    /// A lead's contact history, oldest first.
    ContactHistory {
        /// The entries.
        entries: Vec<ContactEntry>,
    },
}

/// Answers a query for `actor` (the role was checked by the kernel).
pub(super) fn answer(
    state: &LeadCareState,
    query: &LeadCareQuery,
    actor: &Actor,
) -> Result<LeadCareAnswer, Rejection> {
    let owned = |v: Vec<&CompensationRequest>| LeadCareAnswer::Requests {
        requests: v.into_iter().cloned().collect(),
    };
    // A consultant sees only their own package; reviewers see every package.
    if actor.role == "consultant" {
        owning_consultant(state, actor)?;
    }
    Ok(match query {
        LeadCareQuery::PreviewSubmission {} => LeadCareAnswer::PreviewSubmission {
            preview: preview_submission(state, &actor.id)?,
        },
        LeadCareQuery::Drafts {} => owned(drafts(state)),
        LeadCareQuery::CompensationRequests {} => owned(compensation_requests(state)),
        LeadCareQuery::LeadRequests { lead_id } => {
            if state.lead(lead_id).is_none() {
                return Err(Rejection::not_found("lead_id", lead_id));
            }
            owned(lead_requests(state, lead_id))
        }
        LeadCareQuery::ContactHistory { lead_id } => LeadCareAnswer::ContactHistory {
            entries: contact_history(state, lead_id)?.to_vec(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflows::lead_care::model::{CompensationStatus, Leads};

    fn state(drafts: &[(u32, &str, &str)]) -> LeadCareState {
        let at = "2026-04-21T02:00:00Z".parse().unwrap();
        LeadCareState {
            package_id: "GOI-1".into(),
            consultant_id: "TV-1".into(),
            purchased_at: at,
            leads: Leads::default(),
            requests: drafts
                .iter()
                .map(|(no, lead, reason)| CompensationRequest {
                    request_no: *no,
                    lead_id: (*lead).into(),
                    customer_id: "KH-1".into(),
                    status: "wrong_number".into(),
                    reason: (*reason).into(),
                    requested_at: at,
                    state: CompensationStatus::Draft,
                    batch_id: None,
                    withdrawn_at: None,
                    review: None,
                    replaced_by: None,
                })
                .collect(),
            batches: Vec::new(),
        }
    }

    /// Pinned digests, computed independently of this code:
    /// `printf 'quytrinh/lead_care/submission/v1\npackage:5:GOI-1\n' | sha256sum` and
    /// `printf 'quytrinh/lead_care/submission/v1\npackage:5:GOI-1\ndraft:1:2:L1:24:Sai số điện thoại\ndraft:2:2:L2:3:a:b\n' | sha256sum`
    /// (24 = the UTF-8 bytes of "Sai số điện thoại", `printf '%s' … | wc -c`).
    #[test]
    fn the_token_algorithm_is_pinned() {
        assert_eq!(
            confirm_token(&state(&[])),
            "sha256:2aeada6fc1bae0bdf06e22c31571b8ec1347d616718bd04b12651b074d6502e0"
        );
        let two = state(&[(1, "L1", "Sai số điện thoại"), (2, "L2", "a:b")]);
        assert_eq!(
            canonical_submission(&two),
            "quytrinh/lead_care/submission/v1\npackage:5:GOI-1\ndraft:1:2:L1:24:Sai số điện thoại\ndraft:2:2:L2:3:a:b\n"
        );
        assert_eq!(
            confirm_token(&two),
            "sha256:5f71bad9821c13cc12868448ce780fea2b945175d4af421588555dd29b690a10"
        );
    }

    #[test]
    fn the_token_binds_request_numbers_and_separators() {
        let a = confirm_token(&state(&[(1, "L1", "x")]));
        assert_ne!(a, confirm_token(&state(&[(2, "L1", "x")])));
        assert_ne!(
            confirm_token(&state(&[(1, "L1", "a:1:b")])),
            confirm_token(&state(&[(1, "L1:1:a", "b")]))
        );
    }
}
