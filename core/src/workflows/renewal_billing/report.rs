//! The CSM's filter ("Bộ lọc dựa theo tình trạng YCTT, kết hợp linh hoạt các tiêu chí"): a
//! pure function over the compact summary rows of many subscriptions, restricted to the
//! asking csm's scope, sorted by days to the term's end.

use super::RenewalBilling;
use super::model::{PaymentRequestStatus, RenewalBillingConfig, SubscriptionStatus};
use crate::calendar::vietnam_date;
use crate::kernel::TaggedDeserialize;
use crate::kernel::{Actor, Snapshot, Vnd};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The status of a subscription's latest request, or `none` before its first: what the
/// filter reads as "tình trạng YCTT".
///
/// ```
/// use quytrinh::workflows::renewal_billing::{PaymentRequestStatus, RowStatus};
/// assert_eq!(RowStatus::from(Some(PaymentRequestStatus::Opened)), RowStatus::Opened);
/// assert_eq!(serde_json::to_string(&RowStatus::None).unwrap(), "\"none\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RowStatus {
    /// No request issued yet.
    None,
    /// Issued, not opened.
    Issued,
    /// Opened.
    Opened,
    /// The customer reports having paid.
    CustomerReportedPaid,
    /// Paid.
    Paid,
    /// Cancelled.
    Cancelled,
    /// Refused.
    RefusedRenewal,
    /// Expired unpaid.
    Expired,
}

impl From<Option<PaymentRequestStatus>> for RowStatus {
    fn from(status: Option<PaymentRequestStatus>) -> Self {
        match status {
            None => Self::None,
            Some(PaymentRequestStatus::Issued) => Self::Issued,
            Some(PaymentRequestStatus::Opened) => Self::Opened,
            Some(PaymentRequestStatus::CustomerReportedPaid) => Self::CustomerReportedPaid,
            Some(PaymentRequestStatus::Paid) => Self::Paid,
            Some(PaymentRequestStatus::Cancelled) => Self::Cancelled,
            Some(PaymentRequestStatus::RefusedRenewal) => Self::RefusedRenewal,
            Some(PaymentRequestStatus::Expired) => Self::Expired,
        }
    }
}

/// What one subscription contributes to the filter: a compact summary a host can also keep
/// in database columns (one per field; `days_to_term_end` is computed at each run from
/// `term_end`, so it never goes stale in a column). It is read from the snapshot as it is:
/// a host stores it with the snapshot after each input, ticks included, so a term that ended
/// shows as lapsed once the instance has been ticked past it.
///
/// ```
/// use quytrinh::workflows::renewal_billing::{RenewalRow, RowStatus};
/// let row: RenewalRow = serde_json::from_str(r#"{"instance_id":"TB-1","subscription_id":"TB-1",
///     "customer_id":"KH-1","customer_name":"Công ty ABC","product":"amis_ke_toan","market":"mien_bac",
///     "csm_id":"CSM-01","subscription_status":"active","term_end":"2026-07-31","request_id":"R1",
///     "request_status":"issued","opened":false,"amount":5500000,"remaining":5500000,
///     "reconcile_overdue":false}"#).unwrap();
/// assert_eq!(row.request_status, RowStatus::Issued);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RenewalRow {
    /// The instance.
    pub instance_id: String,
    /// The subscription.
    pub subscription_id: String,
    /// The customer.
    pub customer_id: String,
    /// The name on the invoice information in force.
    pub customer_name: String,
    /// The product.
    pub product: String,
    /// The market.
    pub market: String,
    /// The assigned csm.
    pub csm_id: String,
    /// Where the subscription stands.
    pub subscription_status: SubscriptionStatus,
    /// The last day of the term in force.
    pub term_end: NaiveDate,
    /// The latest request, if any.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub request_id: Option<String>,
    /// Its status.
    pub request_status: RowStatus,
    /// Whether the customer opened it.
    pub opened: bool,
    /// Its amount.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub amount: Option<Vnd>,
    /// What is left to pay on it.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub remaining: Option<Vnd>,
    /// Whether the csm was alerted that a reported payment is not reconciled.
    pub reconcile_overdue: bool,
}

/// The row of a subscription.
pub(super) fn row(snapshot: &Snapshot<RenewalBilling>) -> RenewalRow {
    let s = &snapshot.state;
    let latest = s.requests.last();
    RenewalRow {
        instance_id: snapshot.instance_id.clone(),
        subscription_id: s.subscription_id.clone(),
        customer_id: s.customer_id.clone(),
        customer_name: s.invoice_info.name.clone(),
        product: s.product.clone(),
        market: s.market.clone(),
        csm_id: s.csm_id.clone(),
        subscription_status: s.status,
        term_end: s.term_end,
        request_id: latest.map(|r| r.request_id.clone()),
        request_status: latest.map(|r| r.status).into(),
        opened: latest.is_some_and(|r| r.opened_at.is_some()),
        amount: latest.map(|r| r.amount),
        remaining: latest.map(super::model::PaymentRequest::remaining),
        reconcile_overdue: latest.is_some_and(|r| r.reconcile_overdue_at.is_some()),
    }
}

/// The criteria of the filter, all optional and combined (an empty list or an absent value
/// does not filter), and the page wanted.
///
/// ```
/// use quytrinh::workflows::renewal_billing::{Filter, RowStatus};
/// let f: Filter = serde_json::from_str(r#"{"statuses":["issued"],"opened":false,"max_days_to_term_end":7}"#).unwrap();
/// assert_eq!((f.statuses, f.opened, f.max_days_to_term_end), (vec![RowStatus::Issued], Some(false), Some(7)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Filter {
    /// Any of these request statuses.
    pub statuses: Vec<RowStatus>,
    /// Any of these products.
    pub products: Vec<String>,
    /// Any of these markets.
    pub markets: Vec<String>,
    /// Any of these assigned csms.
    pub csm_ids: Vec<String>,
    /// Opened or not.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub opened: Option<bool>,
    /// At least this many days to the term's end (negative: past it).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub min_days_to_term_end: Option<i64>,
    /// At most this many days to the term's end.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub max_days_to_term_end: Option<i64>,
    /// Active or lapsed subscriptions.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub subscription_status: Option<SubscriptionStatus>,
    /// Lines to skip, after sorting (default 0).
    pub offset: u32,
    /// Lines to give at most (default all).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limit: Option<u32>,
}

/// The reports over many subscriptions (JSON tagged by `type`).
///
/// ```
/// use quytrinh::workflows::renewal_billing::RenewalBillingReport;
/// let r: RenewalBillingReport = serde_json::from_str(r#"{"type":"filter","markets":["mien_bac"]}"#).unwrap();
/// let RenewalBillingReport::Filter(f) = r;
/// assert_eq!(f.markets, ["mien_bac"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum RenewalBillingReport {
    /// The CSM's filter: the rows of the asking csm's scope that match, soonest term end
    /// first.
    Filter(#[cfg_attr(feature = "uniffi", uniffi(name = "filter"))] Filter),
}

/// A row the filter kept, with its days to the term's end at the report's instant (in JSON,
/// beside the row's own fields).
///
/// ```
/// use quytrinh::workflows::renewal_billing::FilterLine;
/// fn urgent(l: &FilterLine) -> bool { l.days_to_term_end <= 7 && !l.row.opened }
/// # let _ = urgent;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FilterLine {
    /// Vietnam calendar days from the report's day to the term's last day.
    pub days_to_term_end: i64,
    /// The row.
    #[serde(flatten)]
    pub row: RenewalRow,
}

/// What the filter gives: how many rows of the csm's scope match, and the page asked for.
///
/// ```
/// use quytrinh::workflows::renewal_billing::Filtered;
/// let f = Filtered { total: 0, lines: vec![] };
/// assert_eq!(serde_json::to_value(&f).unwrap()["total"], 0);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Filtered {
    /// The rows that match, before paging.
    pub total: u32,
    /// The page, sorted by days to the term's end, then by instance id.
    pub lines: Vec<FilterLine>,
}

/// What a [`RenewalBillingReport`] gives (JSON tagged by `type`, beside the answer's fields).
///
/// ```
/// use quytrinh::workflows::renewal_billing::{Filtered, RenewalBillingReportAnswer};
/// let a = RenewalBillingReportAnswer::Filter(Filtered { total: 0, lines: vec![] });
/// assert_eq!(serde_json::to_value(&a).unwrap()["type"], "filter");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RenewalBillingReportAnswer {
    /// The filter's result.
    Filter(#[cfg_attr(feature = "uniffi", uniffi(name = "filtered"))] Filtered),
}

/// The filter over `rows` for csm `actor` at `at`: the rows in the csm's scope (assigned to
/// them, or of a product and market their scope covers) that meet every criterion, sorted by
/// days to the term's end (soonest first, the past first of all), then by instance id.
///
/// ```
/// use quytrinh::kernel::Actor;
/// use quytrinh::workflows::renewal_billing::{Filter, RenewalRow, RowStatus, filter};
/// let row = |id: &str, csm: &str, end: &str| RenewalRow {
///     instance_id: id.into(), subscription_id: id.into(), customer_id: id.into(),
///     customer_name: "ABC".into(), product: "amis_ke_toan".into(), market: "mien_bac".into(),
///     csm_id: csm.into(), subscription_status: quytrinh::workflows::renewal_billing::SubscriptionStatus::Active,
///     term_end: end.parse().unwrap(), request_id: None, request_status: RowStatus::None,
///     opened: false, amount: None, remaining: None, reconcile_overdue: false };
/// let rows = [row("B", "CSM-01", "2026-08-10"), row("A", "CSM-01", "2026-07-31"), row("C", "CSM-09", "2026-07-01")];
/// let at = "2026-07-24T09:00:00+07:00".parse().unwrap();
/// let out = filter(&rows, &Filter::default(), &Actor::new("csm", "CSM-01"), at, &Default::default());
/// assert_eq!(out.total, 2); // C is another csm's
/// assert_eq!(out.lines.iter().map(|l| (l.row.instance_id.as_str(), l.days_to_term_end)).collect::<Vec<_>>(),
///     [("A", 7), ("B", 17)]);
/// ```
pub fn filter(
    rows: &[RenewalRow],
    criteria: &Filter,
    actor: &Actor,
    at: DateTime<Utc>,
    config: &RenewalBillingConfig,
) -> Filtered {
    let today = vietnam_date(at);
    let scopes: Vec<_> = config
        .csm_scopes
        .iter()
        .filter(|s| s.csm_id == actor.id)
        .collect();
    let in_scope = |r: &RenewalRow| {
        r.csm_id == actor.id
            || scopes
                .iter()
                .any(|s| s.covers(&actor.id, &r.product, &r.market))
    };
    let any = |list: &[String], v: &str| list.is_empty() || list.iter().any(|x| x == v);
    let mut kept: Vec<(i64, &RenewalRow)> = rows
        .iter()
        .filter_map(|r| {
            let days = r.term_end.signed_duration_since(today).num_days();
            let keep = (criteria.statuses.is_empty()
                || criteria.statuses.contains(&r.request_status))
                && any(&criteria.products, &r.product)
                && any(&criteria.markets, &r.market)
                && any(&criteria.csm_ids, &r.csm_id)
                && criteria.opened.is_none_or(|o| o == r.opened)
                && criteria.min_days_to_term_end.is_none_or(|m| days >= m)
                && criteria.max_days_to_term_end.is_none_or(|m| days <= m)
                && criteria
                    .subscription_status
                    .is_none_or(|s| s == r.subscription_status)
                && in_scope(r);
            keep.then_some((days, r))
        })
        .collect();
    kept.sort_unstable_by(|(da, a), (db, b)| {
        da.cmp(db).then_with(|| a.instance_id.cmp(&b.instance_id))
    });
    let total = u32::try_from(kept.len()).unwrap_or(u32::MAX);
    let offset = usize::try_from(criteria.offset).unwrap_or(usize::MAX);
    let limit = criteria
        .limit
        .map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX));
    let lines = kept
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(days, r)| FilterLine {
            days_to_term_end: days,
            row: r.clone(),
        })
        .collect();
    Filtered { total, lines }
}
