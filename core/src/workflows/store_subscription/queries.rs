//! Read-only views of one store: the owner's "Hồ sơ gian hàng" (account and package,
//! expiry, industry, the packages on offer, purchase history, terms, service
//! confirmations), the footer notice everyone of the store sees, and the orders.

use super::messages::PaymentQr;
use super::model::{
    ContractStatus, Order, OrderKind, OrderStatus, Purchase, ServiceConfirmation,
    StoreSubscriptionConfig, StoreSubscriptionState, Tier,
};
use super::rules::{days_left, payment_qr};
use crate::kernel::TaggedDeserialize;
use crate::kernel::{Rejection, Vnd};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The footer notice ("thông báo dưới chân trang"): a signed contract with
/// `expiry_notice_days` (15) days or fewer left, counted in Vietnamese calendar days; it
/// stays, with 0 days, once the contract has expired, until it is renewed.
///
/// ```
/// use quytrinh::workflows::store_subscription::FooterNotice;
/// let n: FooterNotice = serde_json::from_str(r#"{"expiry":"2026-06-30T17:00:00Z","days_left":3,"expired":false}"#).unwrap();
/// assert_eq!(n.days_left, 3);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FooterNotice {
    /// The contract's expiry.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub expiry: DateTime<Utc>,
    /// Vietnamese calendar days from today to the expiry's day (0 on that day and after).
    pub days_left: u32,
    /// Whether the contract has expired.
    pub expired: bool,
}

/// A package on offer ("Gói dịch vụ phù hợp với gian hàng"): what to buy, on which tier,
/// for which periods.
///
/// ```
/// use quytrinh::workflows::store_subscription::{OrderKind, PackageOffer, Tier};
/// let o = PackageOffer { kind: OrderKind::Upgrade, tier: Tier::Premium, months: vec![12] };
/// assert_eq!(serde_json::to_value(&o).unwrap()["kind"], "upgrade");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PackageOffer {
    /// Renewal, new purchase or upgrade.
    pub kind: OrderKind,
    /// The tier it buys.
    pub tier: Tier,
    /// The periods on offer, in months.
    pub months: Vec<u32>,
}

/// What the owner sees in "Hồ sơ gian hàng": (1) the account, its package, expiry and
/// industry; (2) the packages on offer; the purchase history; the terms of use accepted;
/// the service confirmations.
///
/// ```
/// use quytrinh::kernel::{Instance, Settings};
/// use quytrinh::workflows::store_subscription::{StoreSubscription, StoreSubscriptionInit, store_profile};
/// let init: StoreSubscriptionInit = serde_json::from_str(r#"{"store_id":"CH0001",
///     "store_name":"Tạp hoá Minh Anh","industry":"Tạp hóa","tier":"professional",
///     "status":"active","expiry":"2026-07-01T00:00:00+07:00","terms_version":"2023-08"}"#).unwrap();
/// let store = Instance::<StoreSubscription>::create("CH0001", Default::default(), Settings::default(), init).unwrap();
/// let p = store_profile(store.state(), store.config(), "2026-06-01T09:00:00+07:00".parse().unwrap());
/// assert_eq!(p.days_left, 30);
/// assert!(p.footer_notice.is_none());
/// assert_eq!(p.offers.len(), 2); // renew on professional, upgrade to premium
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StoreProfile {
    /// The store.
    pub store_id: String,
    /// Its name.
    pub store_name: String,
    /// Its industry ("ngành hàng").
    pub industry: String,
    /// Its package ("gói tài khoản").
    pub tier: Tier,
    /// Trial, active or expired.
    pub status: ContractStatus,
    /// Whether a contract is signed.
    pub signed: bool,
    /// When the trial or the contract ends ("thời gian hết hạn").
    #[serde(with = "crate::kernel::Rfc3339")]
    pub expiry: DateTime<Utc>,
    /// Vietnamese calendar days left (0 on the expiry's day and after).
    pub days_left: u32,
    /// The footer notice, when it is on.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub footer_notice: Option<FooterNotice>,
    /// The version of the terms of use accepted ("Điều khoản sử dụng").
    pub terms_version: String,
    /// Overpayments kept to the store's credit.
    pub credit_vnd: Vnd,
    /// The open order, if any.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub open_order: Option<Order>,
    /// The packages on offer.
    pub offers: Vec<PackageOffer>,
    /// "Lịch sử mua hàng", newest first.
    pub purchase_history: Vec<Purchase>,
    /// "Bản xác nhận dịch vụ", newest first.
    pub service_confirmations: Vec<ServiceConfirmation>,
}

/// The footer notice at `at`, if it is on: a signed contract whose notice started
/// (`expiry_notice_days` before the expiry) and was not ended by a renewal.
///
/// ```
/// use quytrinh::kernel::{Instance, Settings};
/// use quytrinh::workflows::store_subscription::{StoreSubscription, StoreSubscriptionInit, footer_notice};
/// let init: StoreSubscriptionInit = serde_json::from_str(r#"{"store_id":"CH0001",
///     "store_name":"Tạp hoá Minh Anh","industry":"Tạp hóa","tier":"support",
///     "status":"active","expiry":"2026-07-01T00:00:00+07:00","terms_version":"2023-08"}"#).unwrap();
/// let mut store = Instance::<StoreSubscription>::create("CH0001", Default::default(), Settings::default(), init).unwrap();
/// let at = "2026-06-16T00:00:00+07:00".parse().unwrap(); // expiry − 15 days
/// store.tick(at).unwrap();
/// assert_eq!(footer_notice(store.state(), at).unwrap().days_left, 15);
/// ```
pub fn footer_notice(state: &StoreSubscriptionState, at: DateTime<Utc>) -> Option<FooterNotice> {
    let c = &state.contract;
    (c.signed && c.notice_shown).then(|| FooterNotice {
        expiry: c.expiry,
        days_left: days_left(at, c.expiry),
        expired: c.status == ContractStatus::Expired,
    })
}

/// The packages on offer: the current tier ("Gia hạn" while the trial or contract is in
/// term, "Mua mới" once expired, as the seed words them), and an upgrade to each higher
/// tier, each for the configured periods.
///
/// ```
/// use quytrinh::kernel::{Instance, Settings};
/// use quytrinh::workflows::store_subscription::{OrderKind, StoreSubscription, StoreSubscriptionInit, Tier, offers};
/// let init: StoreSubscriptionInit = serde_json::from_str(r#"{"store_id":"CH0001",
///     "store_name":"Tạp hoá Minh Anh","industry":"Tạp hóa","tier":"support",
///     "status":"trial","expiry":"2026-07-01T00:00:00+07:00","terms_version":"2023-08"}"#).unwrap();
/// let store = Instance::<StoreSubscription>::create("CH0001", Default::default(), Settings::default(), init).unwrap();
/// let o = offers(store.state(), store.config());
/// assert_eq!(o.iter().map(|o| (o.kind, o.tier)).collect::<Vec<_>>(), [
///     (OrderKind::Renewal, Tier::Support),
///     (OrderKind::Upgrade, Tier::Professional),
///     (OrderKind::Upgrade, Tier::Premium),
/// ]);
/// ```
pub fn offers(
    state: &StoreSubscriptionState,
    config: &StoreSubscriptionConfig,
) -> Vec<PackageOffer> {
    let c = &state.contract;
    let keep = if c.status.in_term() {
        OrderKind::Renewal
    } else {
        OrderKind::NewPurchase
    };
    std::iter::once((keep, c.tier))
        .chain(c.tier.higher().map(|t| (OrderKind::Upgrade, t)))
        .map(|(kind, tier)| PackageOffer {
            kind,
            tier,
            months: config.months.clone(),
        })
        .collect()
}

/// "Hồ sơ gian hàng" at `at`.
///
/// ```
/// use quytrinh::kernel::{Instance, Settings};
/// use quytrinh::workflows::store_subscription::{StoreSubscription, StoreSubscriptionInit, store_profile};
/// let init: StoreSubscriptionInit = serde_json::from_str(r#"{"store_id":"CH0001",
///     "store_name":"Tạp hoá Minh Anh","industry":"Tạp hóa","tier":"premium",
///     "status":"trial","expiry":"2026-07-01T00:00:00+07:00","terms_version":"2023-08"}"#).unwrap();
/// let store = Instance::<StoreSubscription>::create("CH0001", Default::default(), Settings::default(), init).unwrap();
/// let p = store_profile(store.state(), store.config(), "2026-06-30T23:00:00+07:00".parse().unwrap());
/// assert_eq!((p.days_left, p.offers.len()), (1, 1));
/// ```
pub fn store_profile(
    state: &StoreSubscriptionState,
    config: &StoreSubscriptionConfig,
    at: DateTime<Utc>,
) -> StoreProfile {
    let c = &state.contract;
    StoreProfile {
        store_id: state.store_id.clone(),
        store_name: state.store_name.clone(),
        industry: state.industry.clone(),
        tier: c.tier,
        status: c.status,
        signed: c.signed,
        expiry: c.expiry,
        days_left: days_left(at, c.expiry),
        footer_notice: footer_notice(state, at),
        terms_version: c.terms_version.clone(),
        credit_vnd: c.credit_vnd,
        open_order: state.open_order().cloned(),
        offers: offers(state, config),
        purchase_history: state.purchase_history.iter().rev().cloned().collect(),
        service_confirmations: state.service_confirmations.iter().rev().cloned().collect(),
    }
}

/// A question about one store, answered from the state (through
/// [`Instance::query`](crate::kernel::Instance::query) and every binding's query entry).
///
/// ```
/// use quytrinh::workflows::store_subscription::StoreSubscriptionQuery;
/// let q: StoreSubscriptionQuery = serde_json::from_str(r#"{"type":"order_detail","order_id":"DH1"}"#).unwrap();
/// assert_eq!(q, StoreSubscriptionQuery::OrderDetail { order_id: "DH1".into() });
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum StoreSubscriptionQuery {
    /// "Hồ sơ gian hàng" (the owner; the vendor too).
    StoreProfile {},
    /// The footer notice (the owner and the staff: staff see only this).
    FooterNotice {},
    /// Every order, newest first (the owner, the vendor).
    Orders {},
    /// One order (the owner, the vendor).
    OrderDetail {
        /// The order.
        order_id: String,
    },
}

/// The answer to a [`StoreSubscriptionQuery`].
///
/// ```
/// use quytrinh::workflows::store_subscription::StoreSubscriptionAnswer;
/// let a = StoreSubscriptionAnswer::Notice { notice: None };
/// assert_eq!(serde_json::to_value(&a).unwrap()["type"], "notice");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[allow(clippy::large_enum_variant)] // one answer per query, returned once: not worth a box
pub enum StoreSubscriptionAnswer {
    /// "Hồ sơ gian hàng".
    Profile {
        /// The profile.
        profile: StoreProfile,
    },
    /// The footer notice, or none.
    Notice {
        /// The notice, when it is on.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        notice: Option<FooterNotice>,
    },
    /// Orders, newest first.
    OrderList {
        /// The orders.
        orders: Vec<Order>,
    },
    /// One order.
    OrderDetail {
        /// The order.
        order: Order,
        /// While the order awaits a payment: the payment QR for what remains to pay (the
        /// same as the last `show_payment_qr` effect's), so a host that restored the
        /// instance from a snapshot can show it again.
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        payment_qr: Option<PaymentQr>,
    },
}

/// Answers a query at `at` (the role was checked by the kernel).
pub(super) fn answer(
    state: &StoreSubscriptionState,
    config: &StoreSubscriptionConfig,
    query: &StoreSubscriptionQuery,
    at: DateTime<Utc>,
) -> Result<StoreSubscriptionAnswer, Rejection> {
    Ok(match query {
        StoreSubscriptionQuery::StoreProfile {} => StoreSubscriptionAnswer::Profile {
            profile: store_profile(state, config, at),
        },
        StoreSubscriptionQuery::FooterNotice {} => StoreSubscriptionAnswer::Notice {
            notice: footer_notice(state, at),
        },
        StoreSubscriptionQuery::Orders {} => StoreSubscriptionAnswer::OrderList {
            orders: state.orders.iter().rev().cloned().collect(),
        },
        StoreSubscriptionQuery::OrderDetail { order_id } => {
            let order = state
                .order(order_id)
                .ok_or_else(|| Rejection::not_found("order_id", order_id))?;
            StoreSubscriptionAnswer::OrderDetail {
                order: order.clone(),
                payment_qr: current_payment_qr(state, config, order)?,
            }
        }
    })
}

/// The QR an order awaiting payment shows now: the remainder, on the vendor's account.
fn current_payment_qr(
    state: &StoreSubscriptionState,
    config: &StoreSubscriptionConfig,
    order: &Order,
) -> Result<Option<PaymentQr>, Rejection> {
    let (OrderStatus::AwaitingPayment, Some(method), Some(window_ends), Some(account)) = (
        order.status,
        order.method.as_deref(),
        order.window_ends,
        config.vendor_account.as_ref(),
    ) else {
        return Ok(None);
    };
    payment_qr(
        state,
        order,
        account,
        method,
        order.remainder(),
        window_ends,
    )
    .map(Some)
}
