//! Read-only questions about one subscription: a request's detail ("Xem chi tiết": its
//! progress, payment content and transfer information ready to copy, its VietQR payload),
//! the list of requests, the support history, the buyer and invoice information.

use super::model::{
    BuyerInfo, InvoiceInfo, Package, PaymentRequest, RenewalBillingConfig, RenewalBillingState,
    ResendChannel, SubscriptionStatus, SupportEntry,
};
use super::rules::{not_own, out_of_scope, qr_payload, request};
use super::table::{CSM, CUSTOMER};
use crate::calendar::days_until;
use crate::kernel::TaggedDeserialize;
use crate::kernel::{Actor, Rejection, Vnd};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// A step of a request's progress ("tiến trình thực hiện YCTT").
///
/// ```
/// use quytrinh::workflows::renewal_billing::Step;
/// assert_eq!(serde_json::to_string(&Step::ReportedPaid).unwrap(), "\"reported_paid\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Step {
    /// Issued (e-mail and SMS sent).
    Issued,
    /// A reminder was sent.
    ReminderSent,
    /// A csm resent it.
    Resent,
    /// The customer opened it.
    Opened,
    /// The customer reported having paid.
    ReportedPaid,
    /// A payment was received.
    PaymentRecorded,
    /// The csm was alerted: not reconciled in time.
    ReconcileOverdue,
    /// Paid, invoiced, renewed.
    Paid,
    /// Cancelled.
    Cancelled,
    /// Refused by the customer.
    RefusedRenewal,
    /// Expired unpaid.
    Expired,
}

/// One step of the progress, when, and what it was about.
///
/// ```
/// use quytrinh::workflows::renewal_billing::{Step, TimelineEntry};
/// let e = TimelineEntry { at: "2026-06-20T02:00:00Z".parse().unwrap(), step: Step::Issued, detail: None };
/// assert_eq!(serde_json::to_value(&e).unwrap()["step"], "issued");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TimelineEntry {
    /// When.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
    /// What.
    pub step: Step,
    /// Details: the channel of a resend, the days left of a reminder, an amount and its
    /// bank reference, a reason.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub detail: Option<String>,
}

/// "Nội dung thanh toán": what the customer pays for.
///
/// ```
/// use quytrinh::workflows::renewal_billing::PaymentContent;
/// fn left(c: &PaymentContent) -> i64 { c.remaining.dong() }
/// # let _ = left;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentContent {
    /// The product.
    pub product: String,
    /// The package.
    pub package: Package,
    /// The term billed.
    pub term: u32,
    /// Its first day.
    pub period_start: NaiveDate,
    /// Its last day.
    pub period_end: NaiveDate,
    /// The amount due.
    pub amount: Vnd,
    /// Received so far.
    pub paid: Vnd,
    /// Left to pay.
    pub remaining: Vnd,
    /// The buyer information in force.
    pub buyer: BuyerInfo,
    /// The invoice information the invoice is (or was) issued with.
    pub invoice_info: InvoiceInfo,
    /// The same, as Vietnamese text ready to copy.
    pub copy_text: String,
}

/// "Thông tin chuyển khoản": where and how to transfer what is left to pay.
///
/// ```
/// use quytrinh::workflows::renewal_billing::TransferInfo;
/// fn reference(t: &TransferInfo) -> &str { &t.reference }
/// # let _ = reference;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TransferInfo {
    /// The bank's NAPAS BIN.
    pub bank_bin: String,
    /// The bank.
    pub bank_name: String,
    /// The account number.
    pub account: String,
    /// The account holder.
    pub account_name: String,
    /// The amount to transfer (what is left to pay).
    pub amount: Vnd,
    /// The transfer reference (nội dung chuyển khoản).
    pub reference: String,
    /// The same, as Vietnamese text ready to copy.
    pub copy_text: String,
}

/// "Xem chi tiết" of a request.
///
/// ```
/// use quytrinh::workflows::renewal_billing::RequestView;
/// fn has_qr(d: &RequestView) -> bool { d.qr_payload.is_some() }
/// # let _ = has_qr;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RequestView {
    /// The request.
    pub request: PaymentRequest,
    /// Vietnam calendar days from the query's day to the last day of the term in force.
    pub days_to_term_end: i64,
    /// Its progress, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// What is paid for.
    pub payment_content: PaymentContent,
    /// How to pay what is left.
    pub transfer: TransferInfo,
    /// The VietQR payload of that transfer, while the request awaits payment.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub qr_payload: Option<String>,
}

/// A question about one subscription (through
/// [`Instance::query`](crate::kernel::Instance::query) and every binding's query entry).
///
/// ```
/// use quytrinh::workflows::renewal_billing::RenewalBillingQuery;
/// let q: RenewalBillingQuery = serde_json::from_str(r#"{"type":"request_detail","request_id":"R1"}"#).unwrap();
/// assert_eq!(q, RenewalBillingQuery::RequestDetail { request_id: "R1".into() });
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum RenewalBillingQuery {
    /// "Xem chi tiết": a request's progress, payment content and transfer information.
    RequestDetail {
        /// The request.
        request_id: String,
    },
    /// "Yêu cầu TT": every request, oldest first.
    Requests {},
    /// "Lịch sử hỗ trợ": every csm action, oldest first.
    SupportHistory {},
    /// "Thông tin mua hàng" and "Thông tin xuất hóa đơn", with the subscription's term.
    CustomerInfo {},
}

/// The buyer and invoice information, with the subscription it belongs to.
///
/// ```
/// use quytrinh::workflows::renewal_billing::CustomerView;
/// fn tax_code(c: &CustomerView) -> Option<&str> { c.invoice_info.tax_code.as_deref() }
/// # let _ = tax_code;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CustomerView {
    /// The subscription.
    pub subscription_id: String,
    /// The customer.
    pub customer_id: String,
    /// The product.
    pub product: String,
    /// The market.
    pub market: String,
    /// The assigned csm.
    pub csm_id: String,
    /// The term in force.
    pub term_no: u32,
    /// Its last day.
    pub term_end: NaiveDate,
    /// Where the subscription stands.
    pub status: SubscriptionStatus,
    /// "Thông tin mua hàng".
    pub buyer: BuyerInfo,
    /// "Thông tin xuất hóa đơn" (the next invoice is issued with it).
    pub invoice_info: InvoiceInfo,
}

/// The answer to a [`RenewalBillingQuery`].
///
/// ```
/// use quytrinh::workflows::renewal_billing::RenewalBillingAnswer;
/// let a = RenewalBillingAnswer::SupportHistory { entries: vec![] };
/// assert_eq!(serde_json::to_value(&a).unwrap()["type"], "support_history");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RenewalBillingAnswer {
    /// A request's detail.
    RequestDetail {
        /// The detail.
        detail: Box<RequestView>,
    },
    /// The requests, oldest first.
    Requests {
        /// The requests.
        requests: Vec<PaymentRequest>,
    },
    /// The support history, oldest first.
    SupportHistory {
        /// The entries.
        entries: Vec<SupportEntry>,
    },
    /// The buyer and invoice information.
    CustomerInfo {
        /// The information.
        info: Box<CustomerView>,
    },
}

/// Answers a query for `actor` at `at` (the role was checked by the kernel): a csm in scope
/// or the subscription's customer.
pub(super) fn answer(
    state: &RenewalBillingState,
    query: &RenewalBillingQuery,
    actor: &Actor,
    at: DateTime<Utc>,
    config: &RenewalBillingConfig,
) -> Result<RenewalBillingAnswer, Rejection> {
    if actor.role == CSM && !state.in_scope(&actor.id, config) {
        return Err(out_of_scope(state));
    }
    if actor.role == CUSTOMER && actor.id != state.customer_id {
        return Err(not_own(state));
    }
    Ok(match query {
        RenewalBillingQuery::RequestDetail { request_id } => RenewalBillingAnswer::RequestDetail {
            detail: Box::new(detail(state, request(state, request_id)?, at, config)),
        },
        RenewalBillingQuery::Requests {} => RenewalBillingAnswer::Requests {
            requests: state.requests.clone(),
        },
        RenewalBillingQuery::SupportHistory {} => RenewalBillingAnswer::SupportHistory {
            entries: state.history.clone(),
        },
        RenewalBillingQuery::CustomerInfo {} => RenewalBillingAnswer::CustomerInfo {
            info: Box::new(CustomerView {
                subscription_id: state.subscription_id.clone(),
                customer_id: state.customer_id.clone(),
                product: state.product.clone(),
                market: state.market.clone(),
                csm_id: state.csm_id.clone(),
                term_no: state.term_no,
                term_end: state.term_end,
                status: state.status,
                buyer: state.buyer.clone(),
                invoice_info: state.invoice_info.clone(),
            }),
        },
    })
}

/// A request's detail at `at`.
///
/// ```
/// use quytrinh::kernel::{Actor, Command, Instance, Settings, Vnd};
/// use quytrinh::workflows::renewal_billing::{RenewalBilling, RenewalBillingAnswer as A,
///     RenewalBillingCommand as C, RenewalBillingInit, RenewalBillingQuery as Q, Package};
/// let init: RenewalBillingInit = serde_json::from_str(r#"{"subscription_id":"TB-0042","customer_id":"KH-0042",
///     "payment_code":"KH0042","product":"amis_ke_toan","market":"mien_bac","csm_id":"CSM-01",
///     "term_end":"2026-07-31","buyer":{"name":"Nguyễn Thị Lan","email":"lan@abc.vn","phone":"0912345678"},
///     "invoice":{"name":"Công ty TNHH ABC","tax_code":"0101243150","address":"Hà Nội","email":"ketoan@abc.vn"}}"#).unwrap();
/// let mut sub = Instance::<RenewalBilling>::create("TB-0042", Default::default(), Settings::default(), init).unwrap();
/// let at = "2026-06-20T09:00:00+07:00".parse().unwrap();
/// let package = Package { code: "AMIS-KT-12".into(), name: "AMIS Kế toán 12 tháng".into(), months: 12 };
/// sub.handle(&Command::new("c1", Actor::new("scheduler", "billing"), at,
///     C::IssueRequest { term: 2, package, amount: Vnd::new(5_500_000) })).unwrap();
/// let A::RequestDetail { detail } = sub.query(&Actor::new("csm", "CSM-01"), at,
///     &Q::RequestDetail { request_id: "R1".into() }).unwrap() else { unreachable!() };
/// assert_eq!(detail.transfer.reference, "KH0042 R1");
/// assert!(detail.transfer.copy_text.contains("Nội dung chuyển khoản: KH0042 R1"));
/// assert_eq!(detail.days_to_term_end, 41);
/// assert!(detail.qr_payload.unwrap().contains("KH0042 R1"));
/// ```
pub fn detail(
    state: &RenewalBillingState,
    r: &PaymentRequest,
    at: DateTime<Utc>,
    config: &RenewalBillingConfig,
) -> RequestView {
    let remaining = r.remaining();
    let invoice_info = r
        .invoice
        .as_ref()
        .map_or_else(|| state.invoice_info.clone(), |i| i.invoice_info.clone());
    let buyer = r
        .invoice
        .as_ref()
        .map_or_else(|| state.buyer.clone(), |i| i.buyer.clone());
    let content_text = format!(
        "Thanh toán gia hạn {product} — gói {package} ({code}), kỳ {term}: {start} – {end}\n\
         Số tiền: {amount}\nĐã thanh toán: {paid}\nCòn lại: {remaining}\n\
         Xuất hóa đơn cho: {name}{tax}",
        product = state.product,
        package = r.package.name,
        code = r.package.code,
        term = r.term,
        start = dmy(r.period_start),
        end = dmy(r.period_end),
        amount = r.amount,
        paid = r.paid_total,
        name = invoice_info.name,
        tax = invoice_info
            .tax_code
            .as_ref()
            .map(|t| format!(", MST {t}"))
            .unwrap_or_default(),
    );
    let payee = &config.payee;
    let transfer_text = format!(
        "Ngân hàng: {}\nSố tài khoản: {}\nChủ tài khoản: {}\nSố tiền: {remaining}\n\
         Nội dung chuyển khoản: {}",
        payee.bank_name, payee.account, payee.account_name, r.reference
    );
    let qr = (r.status.is_live() && remaining.dong() > 0)
        .then(|| qr_payload(config, remaining, &r.reference).ok())
        .flatten();
    RequestView {
        request: r.clone(),
        days_to_term_end: days_until(at, state.term_end),
        timeline: timeline(r),
        payment_content: PaymentContent {
            product: state.product.clone(),
            package: r.package.clone(),
            term: r.term,
            period_start: r.period_start,
            period_end: r.period_end,
            amount: r.amount,
            paid: r.paid_total,
            remaining,
            buyer,
            invoice_info,
            copy_text: content_text,
        },
        transfer: TransferInfo {
            bank_bin: payee.bank_bin.clone(),
            bank_name: payee.bank_name.clone(),
            account: payee.account.clone(),
            account_name: payee.account_name.clone(),
            amount: remaining,
            reference: r.reference.clone(),
            copy_text: transfer_text,
        },
        qr_payload: qr,
    }
}

/// The progress of a request, oldest first (steps of the same instant in the order they
/// happen).
fn timeline(r: &PaymentRequest) -> Vec<TimelineEntry> {
    let entry = |at, step, detail: Option<String>| TimelineEntry { at, step, detail };
    let mut out = vec![entry(r.issued_at, Step::Issued, None)];
    out.extend(r.reminders.iter().filter_map(|m| {
        m.sent_at.map(|at| {
            entry(
                at,
                Step::ReminderSent,
                Some(format!("{} ngày / days", m.days_left)),
            )
        })
    }));
    out.extend(r.resends.iter().map(|s| {
        let channel = match s.channel {
            ResendChannel::Email => "email",
            ResendChannel::Sms => "sms",
        };
        entry(
            s.at,
            Step::Resent,
            Some(format!("{channel} ({})", s.actor_id)),
        )
    }));
    if let Some(at) = r.opened_at {
        out.push(entry(at, Step::Opened, None));
    }
    if let Some(at) = r.reported_paid_at {
        out.push(entry(at, Step::ReportedPaid, None));
    }
    out.extend(r.payments.iter().map(|p| {
        entry(
            p.at,
            Step::PaymentRecorded,
            Some(format!("{} ({})", p.amount, p.reference)),
        )
    }));
    if let Some(at) = r.reconcile_overdue_at {
        out.push(entry(at, Step::ReconcileOverdue, None));
    }
    if let Some(at) = r.closed_at {
        use super::model::PaymentRequestStatus as S;
        let step = match r.status {
            S::Paid => Some(Step::Paid),
            S::Cancelled => Some(Step::Cancelled),
            S::RefusedRenewal => Some(Step::RefusedRenewal),
            S::Expired => Some(Step::Expired),
            S::Issued | S::Opened | S::CustomerReportedPaid => None,
        };
        if let Some(step) = step {
            out.push(entry(at, step, r.close_reason.clone()));
        }
    }
    out.sort_by_key(|e| e.at);
    out
}

/// A date as Vietnamese texts write it: `31/07/2026`.
fn dmy(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}
