//! The messages of `store_subscription`: its commands, events and effects, and the data
//! the effects carry.

use super::model::{ContractStatus, OrderKind, PaymentVia, ServiceConfirmation, Tier};
use crate::kernel::TaggedDeserialize;
use crate::kernel::{EffectName, Notification, Vnd};
use crate::vietqr::VietQr;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The commands of `store_subscription` (JSON `type` in snake_case): the store owner's
/// (`owner_admin`), the payment gateway's and the vendor's. Staff issue none.
///
/// ```
/// use quytrinh::workflows::store_subscription::{OrderKind, StoreSubscriptionCommand, Tier};
/// let c: StoreSubscriptionCommand = serde_json::from_str(
///     r#"{"type":"start_order","kind":"upgrade","tier":"premium","months":12,"quote_vnd":4800000}"#).unwrap();
/// assert!(matches!(c, StoreSubscriptionCommand::StartOrder { kind: OrderKind::Upgrade, tier: Tier::Premium, .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum StoreSubscriptionCommand {
    /// "Gia hạn" / "Mua mới" / "Nâng cấp", a period chosen, "Tiếp tục thanh toán".
    StartOrder {
        /// Renewal, new purchase (both keep the tier) or upgrade (strictly higher).
        kind: OrderKind,
        /// The package bought.
        tier: Tier,
        /// The period, one of the configured months.
        months: u32,
        /// The price the host quotes, in đồng (above 0).
        quote_vnd: Vnd,
    },
    /// "Chọn hình thức thanh toán" → "Tiếp tục thanh toán": the payment QR is shown.
    ChoosePaymentMethod {
        /// The order.
        order_id: String,
        /// A configured payment method.
        method: String,
    },
    /// The gateway reports money received with a transfer reference.
    PaymentReceived {
        /// The transfer reference ("nội dung chuyển khoản"), as the bank reported it.
        reference: String,
        /// The amount received (above 0).
        amount_vnd: Vnd,
    },
    /// "Tiếp tục thanh toán" after an underpayment: a new QR for the remainder.
    ContinuePayment {
        /// The order.
        order_id: String,
    },
    /// "Dừng thanh toán" after an underpayment: the vendor follows up on the partial amount.
    StopPayment {
        /// The order.
        order_id: String,
    },
    /// "Bấm vào đây để xác nhận thanh toán": the store paid but got no notice.
    ClaimPaid {
        /// The order.
        order_id: String,
    },
    /// The vendor confirms the amount the store paid: it counts as a payment.
    ConfirmClaim {
        /// The order.
        order_id: String,
        /// The amount the vendor found (above 0).
        amount_vnd: Vnd,
    },
    /// The vendor found no payment: the order awaits payment again.
    RejectClaim {
        /// The order.
        order_id: String,
        /// Why (1–2000 characters when given).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        note: Option<String>,
    },
}

/// The events of `store_subscription` (JSON `type` in snake_case).
///
/// ```
/// use quytrinh::workflows::store_subscription::StoreSubscriptionEvent;
/// let e: StoreSubscriptionEvent = serde_json::from_str(r#"{"type":"order_lapsed","order_id":"DH1"}"#).unwrap();
/// assert_eq!(e, StoreSubscriptionEvent::OrderLapsed { order_id: "DH1".into() });
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum StoreSubscriptionEvent {
    /// An order was started (at the event's instant), awaiting its payment method.
    OrderStarted {
        /// Its id.
        order_id: String,
        /// Renewal, new purchase or upgrade.
        kind: OrderKind,
        /// The package bought.
        tier: Tier,
        /// The period, in months.
        months: u32,
        /// The price.
        quote_vnd: Vnd,
        /// The transfer reference.
        reference: String,
        /// The terms of use in force.
        terms_version: String,
        /// Who started it.
        started_by: String,
        /// When its payment window ends.
        #[serde(with = "crate::kernel::Rfc3339")]
        window_ends: DateTime<Utc>,
    },
    /// An order still awaiting its payment method was replaced by a new one.
    OrderSuperseded {
        /// The order replaced.
        order_id: String,
    },
    /// A payment method was chosen: the QR for `amount_vnd` is shown.
    PaymentMethodChosen {
        /// The order.
        order_id: String,
        /// The method.
        method: String,
        /// The amount the QR asks for.
        amount_vnd: Vnd,
        /// When the payment window ends.
        #[serde(with = "crate::kernel::Rfc3339")]
        window_ends: DateTime<Utc>,
    },
    /// Money was received, less than due: the remainder is shown.
    OrderUnderpaid {
        /// The order.
        order_id: String,
        /// This payment.
        amount_vnd: Vnd,
        /// From the gateway or confirmed by the vendor.
        via: PaymentVia,
        /// Who recorded it.
        recorded_by: String,
        /// Everything received so far.
        paid_vnd: Vnd,
        /// What remains to pay.
        remainder_vnd: Vnd,
        /// The owner has until then to continue or stop.
        #[serde(with = "crate::kernel::Rfc3339")]
        window_ends: DateTime<Utc>,
    },
    /// Paid in full: a purchase-history entry and a service confirmation.
    OrderPaid {
        /// The order.
        order_id: String,
        /// This payment.
        amount_vnd: Vnd,
        /// From the gateway or confirmed by the vendor.
        via: PaymentVia,
        /// Who recorded it.
        recorded_by: String,
        /// Everything received.
        paid_vnd: Vnd,
        /// What was paid beyond the price (credit).
        credit_vnd: Vnd,
        /// The service confirmation issued.
        confirmation: ServiceConfirmation,
    },
    /// The contract was extended by a paid order (an upgrade also changes the tier).
    ContractExtended {
        /// The order paid.
        order_id: String,
        /// The package from now on.
        tier: Tier,
        /// The new expiry.
        #[serde(with = "crate::kernel::Rfc3339")]
        expiry: DateTime<Utc>,
        /// When the footer notice of the new term starts.
        #[serde(with = "crate::kernel::Rfc3339")]
        notice_at: DateTime<Utc>,
    },
    /// The owner continued after an underpayment: a new QR for the remainder.
    PaymentContinued {
        /// The order.
        order_id: String,
        /// The payment method (the one chosen before).
        method: String,
        /// The remainder the QR asks for.
        amount_vnd: Vnd,
        /// When the payment window ends.
        #[serde(with = "crate::kernel::Rfc3339")]
        window_ends: DateTime<Utc>,
    },
    /// The payment stopped after a partial amount (by the owner, or at the end of the
    /// window): the vendor follows up.
    PaymentStopped {
        /// The order.
        order_id: String,
        /// Everything received.
        paid_vnd: Vnd,
        /// What remained to pay.
        remainder_vnd: Vnd,
    },
    /// The owner claimed to have paid: the vendor will contact the store.
    PaymentClaimed {
        /// The order.
        order_id: String,
        /// When the vendor must have contacted the store.
        #[serde(with = "crate::kernel::Rfc3339")]
        contact_by: DateTime<Utc>,
    },
    /// The vendor did not settle the claim within its contact window.
    ClaimEscalated {
        /// The order.
        order_id: String,
    },
    /// The vendor found no payment: the order awaits payment again.
    ClaimRejected {
        /// The order.
        order_id: String,
        /// The vendor.
        vendor_id: String,
        /// Why.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        note: Option<String>,
        /// When the new payment window ends.
        #[serde(with = "crate::kernel::Rfc3339")]
        window_ends: DateTime<Utc>,
    },
    /// The payment window ended with nothing received.
    OrderLapsed {
        /// The order.
        order_id: String,
    },
    /// The footer notice started: the signed contract ends in `days_left` days or less.
    ExpiryNoticeStarted {
        /// The expiry.
        #[serde(with = "crate::kernel::Rfc3339")]
        expiry: DateTime<Utc>,
        /// Vietnamese calendar days left.
        days_left: u32,
    },
    /// The trial or the contract expired.
    ContractExpired {
        /// The expiry.
        #[serde(with = "crate::kernel::Rfc3339")]
        expiry: DateTime<Utc>,
    },
}

impl StoreSubscriptionEvent {
    /// The order the event concerns, when it concerns one.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::StoreSubscriptionEvent;
    /// let e = StoreSubscriptionEvent::ClaimEscalated { order_id: "DH2".into() };
    /// assert_eq!(e.order_id(), Some("DH2"));
    /// ```
    pub fn order_id(&self) -> Option<&str> {
        match self {
            Self::OrderStarted { order_id, .. }
            | Self::OrderSuperseded { order_id }
            | Self::PaymentMethodChosen { order_id, .. }
            | Self::OrderUnderpaid { order_id, .. }
            | Self::OrderPaid { order_id, .. }
            | Self::ContractExtended { order_id, .. }
            | Self::PaymentContinued { order_id, .. }
            | Self::PaymentStopped { order_id, .. }
            | Self::PaymentClaimed { order_id, .. }
            | Self::ClaimEscalated { order_id }
            | Self::ClaimRejected { order_id, .. }
            | Self::OrderLapsed { order_id } => Some(order_id),
            Self::ExpiryNoticeStarted { .. } | Self::ContractExpired { .. } => None,
        }
    }
}

/// What the host shows for a payment: the VietQR of the vendor's account for the amount
/// due, with the order's transfer reference, and its payload ready to draw as a QR code.
///
/// ```
/// use quytrinh::vietqr::VietQr;
/// use quytrinh::workflows::store_subscription::PaymentQr;
/// let qr: PaymentQr = serde_json::from_str(r#"{"store_id":"CH0001","order_id":"DH1",
///     "method":"vietqr","amount_vnd":2400000,"reference":"GH CH0001 DH1",
///     "qr":{"bank_bin":"970436","account":"0011001234567","amount":2400000,"reference":"GH CH0001 DH1"},
///     "payload":"…","expires_at":"2026-06-21T03:00:00Z"}"#).unwrap();
/// assert_eq!(qr.qr.amount, Some(qr.amount_vnd));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentQr {
    /// The store.
    pub store_id: String,
    /// The order.
    pub order_id: String,
    /// The payment method chosen.
    pub method: String,
    /// The amount due.
    pub amount_vnd: Vnd,
    /// The transfer reference.
    pub reference: String,
    /// The VietQR data: the vendor's bank and account, the amount, the reference.
    pub qr: VietQr,
    /// The VietQR payload (EMVCo text) to encode in the QR code.
    pub payload: String,
    /// The account holder's name, when configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub account_name: Option<String>,
    /// When the payment window ends.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub expires_at: DateTime<Utc>,
}

/// The contract as the host's licensing applies it: package, status, expiry.
///
/// ```
/// use quytrinh::workflows::store_subscription::{ContractStatus, ContractTerms};
/// let t: ContractTerms = serde_json::from_str(r#"{"store_id":"CH0001","tier":"premium",
///     "status":"active","expiry":"2027-06-30T17:00:00Z"}"#).unwrap();
/// assert_eq!(t.status, ContractStatus::Active);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContractTerms {
    /// The store.
    pub store_id: String,
    /// The package.
    pub tier: Tier,
    /// Active or expired.
    pub status: ContractStatus,
    /// The expiry.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub expiry: DateTime<Utc>,
}

/// What the vendor follows up on: an order stopped after a partial payment.
///
/// ```
/// use quytrinh::workflows::store_subscription::FollowUp;
/// let f: FollowUp = serde_json::from_str(r#"{"store_id":"CH0001","store_name":"Tạp hoá Minh Anh",
///     "order_id":"DH1","reference":"GH CH0001 DH1","quote_vnd":2400000,"paid_vnd":400000,
///     "remainder_vnd":2000000}"#).unwrap();
/// assert_eq!(f.paid_vnd.dong(), 400_000);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FollowUp {
    /// The store.
    pub store_id: String,
    /// Its name.
    pub store_name: String,
    /// The order.
    pub order_id: String,
    /// Its transfer reference.
    pub reference: String,
    /// The price.
    pub quote_vnd: Vnd,
    /// The partial amount received.
    pub paid_vnd: Vnd,
    /// What remained to pay.
    pub remainder_vnd: Vnd,
}

/// The effects of `store_subscription` for the host (JSON `kind` in snake_case).
///
/// ```
/// use quytrinh::kernel::{EffectName, TypeName};
/// use quytrinh::workflows::store_subscription::{ContractStatus, ContractTerms, StoreSubscriptionEffect, Tier};
/// let fx = StoreSubscriptionEffect::ApplyContract(ContractTerms { store_id: "CH0001".into(),
///     tier: Tier::Premium, status: ContractStatus::Active, expiry: "2027-06-30T17:00:00Z".parse().unwrap() });
/// assert_eq!((fx.name(), fx.short_name().as_str()), ("apply_contract", "apply_contract"));
/// assert_eq!(serde_json::to_value(&fx).unwrap()["kind"], "apply_contract");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum StoreSubscriptionEffect {
    /// Send a notification by template id.
    Notify(#[cfg_attr(feature = "uniffi", uniffi(name = "notification"))] Notification),
    /// Show the payment QR ("quét mã QR thanh toán").
    ShowPaymentQr(#[cfg_attr(feature = "uniffi", uniffi(name = "payment_qr"))] PaymentQr),
    /// Issue a service confirmation ("Bản xác nhận dịch vụ") for the host to render.
    IssueServiceConfirmation(
        #[cfg_attr(feature = "uniffi", uniffi(name = "service_confirmation"))] ServiceConfirmation,
    ),
    /// Apply the contract's package, status and expiry in the host's licensing.
    ApplyContract(#[cfg_attr(feature = "uniffi", uniffi(name = "contract_terms"))] ContractTerms),
    /// The vendor follows up on a partial payment.
    VendorFollowUp(#[cfg_attr(feature = "uniffi", uniffi(name = "follow_up"))] FollowUp),
}

impl EffectName for StoreSubscriptionEffect {
    fn notification(&self) -> Option<&Notification> {
        match self {
            Self::Notify(n) => Some(n),
            Self::ShowPaymentQr(_)
            | Self::IssueServiceConfirmation(_)
            | Self::ApplyContract(_)
            | Self::VendorFollowUp(_) => None,
        }
    }
}
