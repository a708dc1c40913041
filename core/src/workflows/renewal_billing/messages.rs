//! The commands, events and effects of `renewal_billing`.

use super::model::{BuyerInfo, Invoice, InvoiceInfo, Package, Reminder, ResendChannel};
use crate::kernel::TaggedDeserialize;
use crate::kernel::{Actor, EffectName, Notification, Vnd};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The commands of `renewal_billing` (JSON `type` in snake_case). `issue_request` is the
/// host's billing `scheduler`'s or a csm's; `record_opened` and `report_paid` the customer's;
/// `payment_received` the `payment_gateway`'s; the rest a csm's.
///
/// ```
/// use quytrinh::workflows::renewal_billing::RenewalBillingCommand;
/// let c: RenewalBillingCommand = serde_json::from_str(
///     r#"{"type":"resend","request_id":"R1","channel":"sms"}"#).unwrap();
/// assert!(matches!(c, RenewalBillingCommand::Resend { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum RenewalBillingCommand {
    /// Issue the request (YCTT) for the next term: e-mail and SMS with the payment content
    /// and the transfer information; reminders before the term ends.
    IssueRequest {
        /// The term billed: the one after the term in force.
        term: u32,
        /// The package renewed.
        package: Package,
        /// The amount due (above 0).
        amount: Vnd,
    },
    /// The customer opened the request.
    RecordOpened {
        /// The request.
        request_id: String,
    },
    /// The customer reports having paid.
    ReportPaid {
        /// The request.
        request_id: String,
    },
    /// The gateway reconciled a transfer with the request.
    PaymentReceived {
        /// The request (named in the transfer reference).
        request_id: String,
        /// The amount received (above 0).
        amount: Vnd,
        /// The bank's transaction reference (1–64 characters; a repeat is refused).
        reference: String,
    },
    /// "Gửi lại yêu cầu qua email/SMS".
    Resend {
        /// The request.
        request_id: String,
        /// By e-mail or SMS.
        channel: ResendChannel,
    },
    /// "Hủy YCTT": a new request may then be issued.
    Cancel {
        /// The request.
        request_id: String,
        /// Why (1–2000 characters).
        reason: String,
    },
    /// "Đánh dấu YCTT bị khách hàng từ chối gia hạn": reminders stop.
    MarkRefusedRenewal {
        /// The request.
        request_id: String,
        /// Why (1–2000 characters).
        reason: String,
    },
    /// Change the "Thông tin mua hàng".
    UpdateBuyerInfo {
        /// The new information.
        buyer: BuyerInfo,
    },
    /// Change the "Thông tin xuất hóa đơn": the next invoice is issued with it.
    UpdateInvoiceInfo {
        /// The new information.
        invoice: InvoiceInfo,
    },
    /// "Ghi chú thông tin trong quá trình chăm sóc".
    AddNote {
        /// The note (1–2000 characters).
        text: String,
    },
}

/// The events of `renewal_billing` (JSON `type` in snake_case).
///
/// ```
/// use quytrinh::workflows::renewal_billing::RenewalBillingEvent;
/// let e: RenewalBillingEvent = serde_json::from_str(r#"{"type":"request_opened","request_id":"R1"}"#).unwrap();
/// assert_eq!(e.request_id(), Some("R1"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum RenewalBillingEvent {
    /// A request was issued.
    RequestIssued {
        /// Its id.
        request_id: String,
        /// The term billed.
        term: u32,
        /// The package.
        package: Package,
        /// The amount due.
        amount: Vnd,
        /// The transfer reference.
        reference: String,
        /// The term's first day.
        period_start: NaiveDate,
        /// The term's last day.
        period_end: NaiveDate,
        /// Its reminders.
        reminders: Vec<Reminder>,
        /// Who issued it.
        by: Actor,
    },
    /// The customer opened it.
    RequestOpened {
        /// The request.
        request_id: String,
    },
    /// The customer reported having paid.
    PaymentReported {
        /// The request.
        request_id: String,
        /// When it must be reconciled by.
        #[serde(with = "crate::kernel::Rfc3339")]
        reconcile_by: DateTime<Utc>,
    },
    /// The gateway reconciled a payment.
    PaymentRecorded {
        /// The request.
        request_id: String,
        /// The amount.
        amount: Vnd,
        /// The bank's reference.
        reference: String,
        /// The total received.
        total: Vnd,
        /// What is left to pay.
        remaining: Vnd,
    },
    /// The payments cover the amount: invoiced, the term extended.
    RequestPaid {
        /// The request.
        request_id: String,
        /// The invoice issued.
        invoice: Box<Invoice>,
        /// The term now in force.
        term_no: u32,
        /// Its last day.
        term_end: NaiveDate,
        /// Received beyond the amount.
        excess: Vnd,
    },
    /// A reminder was sent.
    ReminderSent {
        /// The request.
        request_id: String,
        /// The reminder's due instant.
        #[serde(with = "crate::kernel::Rfc3339")]
        due: DateTime<Utc>,
        /// Days to the term's last day.
        days_left: i64,
    },
    /// A csm resent the request.
    RequestResent {
        /// The request.
        request_id: String,
        /// How.
        channel: ResendChannel,
        /// The csm.
        actor_id: String,
    },
    /// The payment was not reconciled in time: the csm was alerted.
    ReconcileOverdue {
        /// The request.
        request_id: String,
    },
    /// A csm cancelled the request.
    RequestCancelled {
        /// The request.
        request_id: String,
        /// Why.
        reason: String,
        /// The csm.
        actor_id: String,
    },
    /// A csm marked the request refused by the customer.
    RenewalRefused {
        /// The request.
        request_id: String,
        /// Why.
        reason: String,
        /// The csm.
        actor_id: String,
    },
    /// The term ended with the request still awaiting payment.
    RequestExpired {
        /// The request.
        request_id: String,
        /// What it had received (to refund or credit).
        received: Vnd,
    },
    /// The term ended without a renewal.
    SubscriptionLapsed {
        /// The last day of the term that ended.
        term_end: NaiveDate,
    },
    /// A csm updated the buyer information.
    BuyerInfoUpdated {
        /// The new information.
        buyer: BuyerInfo,
        /// The csm.
        actor_id: String,
    },
    /// A csm updated the invoice information.
    InvoiceInfoUpdated {
        /// The new information.
        invoice: InvoiceInfo,
        /// The csm.
        actor_id: String,
    },
    /// A csm wrote a note.
    NoteAdded {
        /// The note.
        text: String,
        /// The csm.
        actor_id: String,
    },
}

impl RenewalBillingEvent {
    /// The request the event concerns, when it concerns one.
    ///
    /// ```
    /// use quytrinh::workflows::renewal_billing::RenewalBillingEvent;
    /// let e = RenewalBillingEvent::NoteAdded { text: "x".into(), actor_id: "CSM-01".into() };
    /// assert_eq!(e.request_id(), None);
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::RequestIssued { request_id, .. }
            | Self::RequestOpened { request_id }
            | Self::PaymentReported { request_id, .. }
            | Self::PaymentRecorded { request_id, .. }
            | Self::RequestPaid { request_id, .. }
            | Self::ReminderSent { request_id, .. }
            | Self::RequestResent { request_id, .. }
            | Self::ReconcileOverdue { request_id }
            | Self::RequestCancelled { request_id, .. }
            | Self::RenewalRefused { request_id, .. }
            | Self::RequestExpired { request_id, .. } => Some(request_id),
            Self::SubscriptionLapsed { .. }
            | Self::BuyerInfoUpdated { .. }
            | Self::InvoiceInfoUpdated { .. }
            | Self::NoteAdded { .. } => None,
        }
    }
}

/// What the host extends when a request is paid: the service's new last day.
///
/// ```
/// use quytrinh::workflows::renewal_billing::TermExtension;
/// let t: TermExtension = serde_json::from_str(r#"{"subscription_id":"TB-1","customer_id":"KH-1",
///     "product":"amis_ke_toan","term_no":2,"term_end":"2027-07-31","package_code":"AMIS-KT-12"}"#).unwrap();
/// assert_eq!(t.term_no, 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TermExtension {
    /// The subscription.
    pub subscription_id: String,
    /// The customer.
    pub customer_id: String,
    /// The product.
    pub product: String,
    /// The term now in force.
    pub term_no: u32,
    /// Its last day.
    pub term_end: NaiveDate,
    /// The package bought.
    pub package_code: String,
}

/// The effects of `renewal_billing` for the host (JSON `kind` in snake_case).
///
/// ```
/// use quytrinh::kernel::{EffectName, TypeName};
/// use quytrinh::workflows::renewal_billing::{RenewalBillingEffect, TermExtension};
/// let fx = RenewalBillingEffect::ExtendTerm(TermExtension { subscription_id: "TB-1".into(),
///     customer_id: "KH-1".into(), product: "amis_ke_toan".into(), term_no: 2,
///     term_end: "2027-07-31".parse().unwrap(), package_code: "AMIS-KT-12".into() });
/// assert_eq!((fx.name(), fx.short_name().as_str()), ("extend_term", "extend_term"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum RenewalBillingEffect {
    /// Send a notification by template id.
    Notify(#[cfg_attr(feature = "uniffi", uniffi(name = "notification"))] Notification),
    /// Issue the invoice (electronic invoice) with what it carries.
    IssueInvoice(#[cfg_attr(feature = "uniffi", uniffi(name = "invoice"))] Box<Invoice>),
    /// Extend the service to the new term's last day.
    ExtendTerm(#[cfg_attr(feature = "uniffi", uniffi(name = "term_extension"))] TermExtension),
}

impl EffectName for RenewalBillingEffect {
    fn notification(&self) -> Option<&Notification> {
        match self {
            Self::Notify(n) => Some(n),
            Self::IssueInvoice(_) | Self::ExtendTerm(_) => None,
        }
    }
}
