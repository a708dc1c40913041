//! The data of `store_subscription`: configuration, init and state.

use crate::kernel::{Label, Vnd, valid_id};
use crate::vietqr::{Service, VietQr};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest id accepted (payment-method ids, terms versions), in characters.
///
/// ```
/// assert_eq!(quytrinh::workflows::store_subscription::MAX_ID_CHARS, 64);
/// ```
pub const MAX_ID_CHARS: usize = 64;

/// The longest store id accepted: it goes into the transfer reference, which VietQR limits
/// to 25 characters.
///
/// ```
/// assert_eq!(quytrinh::workflows::store_subscription::MAX_STORE_ID_CHARS, 12);
/// ```
pub const MAX_STORE_ID_CHARS: usize = 12;

/// The longest reference prefix accepted, in characters.
///
/// ```
/// assert_eq!(quytrinh::workflows::store_subscription::MAX_PREFIX_CHARS, 4);
/// ```
pub const MAX_PREFIX_CHARS: usize = 4;

/// The most orders one store may start (`DH1` … `DH99999`), so the transfer reference
/// always fits VietQR's 25 characters.
///
/// ```
/// assert_eq!(quytrinh::workflows::store_subscription::MAX_ORDERS, 99_999);
/// ```
pub const MAX_ORDERS: u32 = 99_999;

/// The longest free text accepted (store name, industry, a vendor's note), in characters.
///
/// ```
/// assert_eq!(quytrinh::workflows::store_subscription::MAX_TEXT_CHARS, 2000);
/// ```
pub const MAX_TEXT_CHARS: usize = 2000;

/// A service package ("gói dịch vụ"), ordered: `support` < `professional` < `premium`.
///
/// ```
/// use quytrinh::workflows::store_subscription::Tier;
/// assert!(Tier::Support < Tier::Professional && Tier::Professional < Tier::Premium);
/// assert_eq!(Tier::Premium.label().vi, "Cao cấp");
/// assert_eq!(serde_json::to_string(&Tier::Professional).unwrap(), "\"professional\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Tier {
    /// "Hỗ trợ".
    Support,
    /// "Chuyên nghiệp".
    Professional,
    /// "Cao cấp".
    Premium,
}

impl Tier {
    /// Every tier, lowest first.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::Tier;
    /// assert_eq!(Tier::ALL[2], Tier::Premium);
    /// ```
    pub const ALL: [Tier; 3] = [Self::Support, Self::Professional, Self::Premium];

    /// The state id of region `package`, as in the definition.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::Tier;
    /// assert_eq!(Tier::Support.id(), "support");
    /// ```
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// Its name in Vietnamese and English.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::Tier;
    /// assert_eq!(Tier::Professional.label().en, "Professional");
    /// ```
    pub const fn label(self) -> Label {
        match self {
            Self::Support => Label::new("Hỗ trợ", "Support"),
            Self::Professional => Label::new("Chuyên nghiệp", "Professional"),
            Self::Premium => Label::new("Cao cấp", "Premium"),
        }
    }

    /// The tiers strictly above this one, lowest first: what an upgrade may buy.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::Tier;
    /// assert_eq!(Tier::Support.higher().collect::<Vec<_>>(), [Tier::Professional, Tier::Premium]);
    /// assert_eq!(Tier::Premium.higher().count(), 0);
    /// ```
    pub fn higher(self) -> impl Iterator<Item = Tier> {
        Self::ALL.into_iter().filter(move |t| *t > self)
    }
}

/// What an order buys: "Gia hạn", "Mua mới" (both keep the tier) or "Nâng gói" (a strictly
/// higher tier).
///
/// ```
/// use quytrinh::workflows::store_subscription::OrderKind;
/// assert!(OrderKind::Upgrade.changes_tier());
/// assert!(!OrderKind::NewPurchase.changes_tier());
/// assert_eq!(OrderKind::Renewal.label().vi, "Gia hạn");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum OrderKind {
    /// "Gia hạn": more time on the current tier.
    Renewal,
    /// "Mua mới": a new contract on the current tier.
    NewPurchase,
    /// "Nâng gói hợp đồng": a strictly higher tier, from payment.
    Upgrade,
}

impl OrderKind {
    /// Whether the order changes the tier (an upgrade).
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::OrderKind;
    /// assert!(!OrderKind::Renewal.changes_tier());
    /// ```
    pub const fn changes_tier(self) -> bool {
        matches!(self, Self::Upgrade)
    }

    /// Its name in Vietnamese and English.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::OrderKind;
    /// assert_eq!(OrderKind::Upgrade.label().en, "Upgrade");
    /// ```
    pub const fn label(self) -> Label {
        match self {
            Self::Renewal => Label::new("Gia hạn", "Renewal"),
            Self::NewPurchase => Label::new("Mua mới", "New purchase"),
            Self::Upgrade => Label::new("Nâng gói", "Upgrade"),
        }
    }
}

/// Where the store's contract stands (region `contract`).
///
/// ```
/// use quytrinh::workflows::store_subscription::ContractStatus;
/// assert_eq!(ContractStatus::Trial.id(), "trial");
/// assert!(ContractStatus::Active.in_term());
/// assert!(!ContractStatus::Expired.in_term());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ContractStatus {
    /// "Dùng thử": a trial, no contract signed.
    Trial,
    /// A signed contract in term.
    Active,
    /// The trial or the contract has expired.
    Expired,
}

impl ContractStatus {
    /// The state id, as in the definition (region `contract`).
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::ContractStatus;
    /// assert_eq!(ContractStatus::Expired.id(), "expired");
    /// ```
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// Whether the store may still use the software (trial or active).
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::ContractStatus;
    /// assert!(ContractStatus::Trial.in_term());
    /// ```
    pub const fn in_term(self) -> bool {
        matches!(self, Self::Trial | Self::Active)
    }
}

/// Where an order stands (region `order`, one per order).
///
/// ```
/// use quytrinh::workflows::store_subscription::OrderStatus;
/// assert_eq!(OrderStatus::ClaimUnderReview.id(), "claim_under_review");
/// assert!(OrderStatus::Underpaid.is_open());
/// assert!(!OrderStatus::Lapsed.is_open());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum OrderStatus {
    /// Started; the owner chooses how to pay ("chọn hình thức thanh toán").
    AwaitingPaymentMethod,
    /// The payment QR is shown; waiting for the money.
    AwaitingPayment,
    /// Paid less than due: the remainder is shown; continue or stop.
    Underpaid,
    /// The owner says they paid ("bấm vào đây để xác nhận thanh toán"); the vendor checks.
    ClaimUnderReview,
    /// The vendor did not settle the claim within its contact window: escalated.
    ClaimEscalated,
    /// Paid in full: the contract is extended.
    Paid,
    /// The payment window ended with nothing received.
    Lapsed,
    /// The owner stopped after a partial payment ("Dừng thanh toán"), or the window ended
    /// then: the vendor follows up on the partial amount.
    Stopped,
    /// Replaced by a newer order before any payment method was chosen.
    Superseded,
}

impl OrderStatus {
    /// The state id, as in the definition (region `order`).
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::OrderStatus;
    /// assert_eq!(OrderStatus::AwaitingPayment.id(), "awaiting_payment");
    /// ```
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// Whether the order is still open (a payment may still complete it).
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::OrderStatus;
    /// assert!(OrderStatus::ClaimEscalated.is_open());
    /// assert!(!OrderStatus::Paid.is_open());
    /// ```
    pub const fn is_open(self) -> bool {
        matches!(
            self,
            Self::AwaitingPaymentMethod
                | Self::AwaitingPayment
                | Self::Underpaid
                | Self::ClaimUnderReview
                | Self::ClaimEscalated
        )
    }

    /// Whether the owner has seen a payment QR for it or paid something: such an order
    /// blocks a new one until it ends.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::OrderStatus;
    /// assert!(!OrderStatus::AwaitingPaymentMethod.blocks_new_order());
    /// assert!(OrderStatus::AwaitingPayment.blocks_new_order());
    /// ```
    pub const fn blocks_new_order(self) -> bool {
        self.is_open() && !matches!(self, Self::AwaitingPaymentMethod)
    }

    /// Whether a claim of this order is with the vendor.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::OrderStatus;
    /// assert!(OrderStatus::ClaimEscalated.in_claim());
    /// ```
    pub const fn in_claim(self) -> bool {
        matches!(self, Self::ClaimUnderReview | Self::ClaimEscalated)
    }
}

/// How a payment reached the order: reported by the payment gateway, or confirmed by the
/// vendor after a claim.
///
/// ```
/// use quytrinh::workflows::store_subscription::PaymentVia;
/// assert_eq!(serde_json::to_string(&PaymentVia::VendorConfirmation).unwrap(), "\"vendor_confirmation\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PaymentVia {
    /// `payment_received` from the gateway (bank reconciliation).
    Gateway,
    /// `confirm_claim` by the vendor.
    VendorConfirmation,
}

/// A payment method the owner may choose ("hình thức thanh toán"); every method shows the
/// VietQR of the vendor's account.
///
/// ```
/// use quytrinh::workflows::store_subscription::PaymentMethod;
/// let m = PaymentMethod::new("vietqr", "Quét mã VietQR", "Scan a VietQR code");
/// assert_eq!(m.id, "vietqr");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentMethod {
    /// The method's id (1–64 characters, no spaces).
    pub id: String,
    /// Its label in Vietnamese.
    pub label_vi: String,
    /// Its label in English.
    pub label_en: String,
}

impl PaymentMethod {
    /// A method from its id and labels.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::PaymentMethod;
    /// assert_eq!(PaymentMethod::new("a", "b", "c").label_en, "c");
    /// ```
    pub fn new(id: &str, label_vi: &str, label_en: &str) -> Self {
        Self {
            id: id.to_owned(),
            label_vi: label_vi.to_owned(),
            label_en: label_en.to_owned(),
        }
    }
}

/// The vendor's bank account that payment QRs pay into.
///
/// ```
/// use quytrinh::vietqr::Service;
/// use quytrinh::workflows::store_subscription::VendorAccount;
/// let a: VendorAccount = serde_json::from_str(r#"{"bank_bin":"970436","account":"0011001234567"}"#).unwrap();
/// assert_eq!((a.service, a.account_name), (Service::ToAccount, None));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VendorAccount {
    /// The bank's NAPAS BIN, 6 digits.
    pub bank_bin: String,
    /// The account (or card) number, digits only.
    pub account: String,
    /// To an account (default) or to a card.
    #[serde(default)]
    pub service: Service,
    /// The account holder's name, for the host to show beside the QR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub account_name: Option<String>,
}

impl VendorAccount {
    /// The VietQR of this account, without amount or reference.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::VendorAccount;
    /// let a: VendorAccount = serde_json::from_str(r#"{"bank_bin":"970436","account":"0011001234567"}"#).unwrap();
    /// assert!(a.vietqr().validate().is_ok());
    /// ```
    pub fn vietqr(&self) -> VietQr {
        VietQr {
            bank_bin: self.bank_bin.clone(),
            account: self.account.clone(),
            service: self.service,
            amount: None,
            reference: None,
        }
    }
}

/// The default payment methods **\[decision\]**: one, `vietqr` (a bank transfer by VietQR,
/// which every Vietnamese bank app and the main e-wallets scan).
///
/// ```
/// use quytrinh::workflows::store_subscription::default_payment_methods;
/// assert_eq!(default_payment_methods()[0].id, "vietqr");
/// ```
pub fn default_payment_methods() -> Vec<PaymentMethod> {
    vec![PaymentMethod::new(
        "vietqr",
        "Chuyển khoản qua mã VietQR",
        "Bank transfer by VietQR",
    )]
}

/// Tunable values of `store_subscription`, with the defaults of SPEC §4 (**\[decision\]**
/// values: the 24 h payment window, the 24 h vendor contact, the 15-day notice, the months
/// on offer, the reference prefix).
///
/// JSON, every field optional, unknown fields refused. `vendor_account` has no default: a
/// store cannot be shown a payment QR until the host configures the account it pays into.
///
/// ```
/// use quytrinh::workflows::store_subscription::StoreSubscriptionConfig;
/// let c = StoreSubscriptionConfig::default();
/// assert_eq!((c.payment_window_seconds, c.vendor_contact_seconds, c.expiry_notice_days), (86_400, 86_400, 15));
/// assert_eq!(c.months, [6, 12, 24, 36]);
/// assert!(c.vendor_account.is_none());
/// let custom: StoreSubscriptionConfig = serde_json::from_str(
///     r#"{"vendor_account": {"bank_bin": "970436", "account": "0011001234567"}, "months": [12]}"#).unwrap();
/// assert!(custom.validate().is_ok());
/// assert!(serde_json::from_str::<StoreSubscriptionConfig>(r#"{"window": 1}"#).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StoreSubscriptionConfig {
    /// The vendor's account that payment QRs pay into (none by default: choosing a payment
    /// method is refused until it is set).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub vendor_account: Option<VendorAccount>,
    /// The first word of every transfer reference (1–4 ASCII letters or digits; default
    /// `GH`, "gian hàng").
    pub reference_prefix: String,
    /// The periods on offer, in months (non-empty, each 1–120, no repeats; default 6, 12,
    /// 24 and 36 **\[decision\]**).
    pub months: Vec<u32>,
    /// The payment methods on offer (non-empty, unique ids).
    pub payment_methods: Vec<PaymentMethod>,
    /// How long an order waits for its payment, from its start, its QR, a partial payment
    /// or a rejected claim (clock; default 24 h **\[decision\]**).
    pub payment_window_seconds: u32,
    /// How long the vendor has to contact a store that says it paid before the claim is
    /// escalated (clock: the vendor's lines work every day; default 24 h, the seed's
    /// "trong vòng 24h").
    pub vendor_contact_seconds: u32,
    /// How many days before expiry the footer notice starts on a signed contract (default
    /// 15, the seed's "=< 15 ngày").
    pub expiry_notice_days: u32,
    /// The vendor's queue that claims, escalations and follow-ups go to (default
    /// `store_subscription_sales`).
    pub vendor_queue: String,
}

impl Default for StoreSubscriptionConfig {
    fn default() -> Self {
        Self {
            vendor_account: None,
            reference_prefix: "GH".to_owned(),
            months: vec![6, 12, 24, 36],
            payment_methods: default_payment_methods(),
            payment_window_seconds: 86_400,
            vendor_contact_seconds: 86_400,
            expiry_notice_days: 15,
            vendor_queue: "store_subscription_sales".to_owned(),
        }
    }
}

/// The most seconds a payment window or a vendor contact window may last (30 days).
const MAX_WINDOW_SECONDS: u32 = 30 * 86_400;

impl StoreSubscriptionConfig {
    /// Checks the values; the message names the field at fault.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::StoreSubscriptionConfig;
    /// assert!(StoreSubscriptionConfig::default().validate().is_ok());
    /// let bad = StoreSubscriptionConfig { months: vec![12, 12], ..Default::default() };
    /// assert!(bad.validate().unwrap_err().contains("months"));
    /// let bad: StoreSubscriptionConfig = serde_json::from_str(
    ///     r#"{"vendor_account": {"bank_bin": "97043", "account": "1"}}"#).unwrap();
    /// assert!(bad.validate().unwrap_err().contains("vendor_account"));
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        if let Some(account) = &self.vendor_account {
            account
                .vietqr()
                .validate()
                .map_err(|e| format!("vendor_account: {e}"))?;
        }
        let prefix = self.reference_prefix.chars().count();
        if !(1..=MAX_PREFIX_CHARS).contains(&prefix)
            || !self
                .reference_prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric())
        {
            return Err(format!(
                "reference_prefix must be 1 to {MAX_PREFIX_CHARS} ASCII letters or digits"
            ));
        }
        if self.months.is_empty() {
            return Err("months must not be empty".to_owned());
        }
        for (i, m) in self.months.iter().enumerate() {
            if !(1..=120).contains(m) {
                return Err(format!("months[{i}] must be 1 to 120"));
            }
            if self.months[..i].contains(m) {
                return Err(format!("months: {m} is listed twice"));
            }
        }
        if self.payment_methods.is_empty() {
            return Err("payment_methods must not be empty".to_owned());
        }
        for (i, m) in self.payment_methods.iter().enumerate() {
            if !valid_id(&m.id, MAX_ID_CHARS) {
                return Err(format!(
                    "payment_methods[{i}].id must have 1 to {MAX_ID_CHARS} characters and no spaces"
                ));
            }
            if m.label_vi.trim().is_empty() || m.label_en.trim().is_empty() {
                return Err(format!("payment_methods[{i}] needs both labels"));
            }
            if self.payment_methods[..i].iter().any(|o| o.id == m.id) {
                return Err(format!("payment_methods: `{}` is listed twice", m.id));
            }
        }
        for (name, seconds) in [
            ("payment_window_seconds", self.payment_window_seconds),
            ("vendor_contact_seconds", self.vendor_contact_seconds),
        ] {
            if !(60..=MAX_WINDOW_SECONDS).contains(&seconds) {
                return Err(format!("{name} must be 60 to {MAX_WINDOW_SECONDS}"));
            }
        }
        if !(1..=365).contains(&self.expiry_notice_days) {
            return Err("expiry_notice_days must be 1 to 365".to_owned());
        }
        if self.vendor_queue.trim().is_empty() {
            return Err("vendor_queue must not be empty".to_owned());
        }
        Ok(())
    }

    /// The payment method `id`.
    ///
    /// ```
    /// use quytrinh::workflows::store_subscription::StoreSubscriptionConfig;
    /// assert!(StoreSubscriptionConfig::default().method("vietqr").is_some());
    /// assert!(StoreSubscriptionConfig::default().method("cash").is_none());
    /// ```
    pub fn method(&self, id: &str) -> Option<&PaymentMethod> {
        self.payment_methods.iter().find(|m| m.id == id)
    }
}

/// How the store starts: on a trial, or with a signed contract in term.
///
/// ```
/// use quytrinh::workflows::store_subscription::StartStatus;
/// assert_eq!(serde_json::from_str::<StartStatus>("\"trial\"").unwrap(), StartStatus::Trial);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum StartStatus {
    /// On a trial until `expiry`.
    Trial,
    /// A signed contract until `expiry` (a past expiry makes it expired at the first input).
    Active,
}

/// The data a store's contract starts from.
///
/// ```
/// use quytrinh::workflows::store_subscription::{StartStatus, StoreSubscriptionInit, Tier};
/// let init: StoreSubscriptionInit = serde_json::from_str(r#"{"store_id":"CH0001",
///     "store_name":"Tạp hoá Minh Anh","industry":"Tạp hóa & Siêu thị","tier":"support",
///     "status":"trial","expiry":"2026-07-01T00:00:00+07:00","terms_version":"2023-08"}"#).unwrap();
/// assert_eq!((init.tier, init.status), (Tier::Support, StartStatus::Trial));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StoreSubscriptionInit {
    /// The store's id ("gian hàng"): 1–12 ASCII letters, digits or `-`; it goes into every
    /// transfer reference.
    pub store_id: String,
    /// The store's name (1–2000 characters).
    pub store_name: String,
    /// Its industry ("ngành hàng", 1–2000 characters).
    pub industry: String,
    /// Its package.
    pub tier: Tier,
    /// On a trial or with a signed contract.
    pub status: StartStatus,
    /// When the trial or the contract ends.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub expiry: DateTime<Utc>,
    /// The version of the terms of use ("Điều khoản sử dụng") the store accepted.
    pub terms_version: String,
}

/// The store's contract: package, status, expiry, accepted terms and credit.
///
/// ```
/// use quytrinh::workflows::store_subscription::{Contract, ContractStatus};
/// let c: Contract = serde_json::from_str(r#"{"tier":"premium","status":"active","signed":true,
///     "expiry":"2026-06-30T17:00:00Z","notice_at":"2026-06-15T17:00:00Z","notice_shown":false,
///     "terms_version":"2023-08","credit_vnd":0}"#).unwrap();
/// assert_eq!(c.status, ContractStatus::Active);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Contract {
    /// The package.
    pub tier: Tier,
    /// Trial, active or expired.
    pub status: ContractStatus,
    /// Whether the store has signed a contract ("đã ký hợp đồng"): from the start, or since
    /// its first paid order. Only a signed contract has the footer notice.
    pub signed: bool,
    /// When the trial or the contract ends.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub expiry: DateTime<Utc>,
    /// When the footer notice starts: `expiry_notice_days` before the expiry.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub notice_at: DateTime<Utc>,
    /// Whether the footer notice is on (from `notice_at` on a signed contract, until it is
    /// extended; it stays on once the contract has expired).
    pub notice_shown: bool,
    /// The version of the terms of use the store accepted.
    pub terms_version: String,
    /// Overpayments kept to the store's credit.
    pub credit_vnd: Vnd,
}

/// One payment received for an order.
///
/// ```
/// use quytrinh::kernel::Vnd;
/// use quytrinh::workflows::store_subscription::{OrderPayment, PaymentVia};
/// let p: OrderPayment = serde_json::from_str(r#"{"amount_vnd":500000,"at":"2026-06-20T03:00:00Z",
///     "via":"gateway","recorded_by":"napas"}"#).unwrap();
/// assert_eq!((p.amount_vnd, p.via), (Vnd::new(500_000), PaymentVia::Gateway));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OrderPayment {
    /// The amount.
    pub amount_vnd: Vnd,
    /// When it was recorded.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
    /// From the gateway or confirmed by the vendor.
    pub via: PaymentVia,
    /// Who recorded it (the gateway's or the vendor's id).
    pub recorded_by: String,
}

/// How a claim ended.
///
/// ```
/// use quytrinh::workflows::store_subscription::ClaimOutcome;
/// assert_eq!(serde_json::to_string(&ClaimOutcome::Rejected).unwrap(), "\"rejected\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ClaimOutcome {
    /// The vendor confirmed an amount.
    Confirmed,
    /// The vendor found no payment: back to awaiting payment.
    Rejected,
    /// The gateway reported a payment first.
    PaidByGateway,
}

/// A claim that the store paid ("bấm vào đây để xác nhận thanh toán").
///
/// ```
/// use quytrinh::workflows::store_subscription::PaymentClaim;
/// let c: PaymentClaim = serde_json::from_str(r#"{"claimed_at":"2026-06-20T03:00:00Z",
///     "contact_by":"2026-06-21T03:00:00Z","escalated_at":null,"closed_at":null,"outcome":null,
///     "vendor_id":null,"note":null}"#).unwrap();
/// assert!(c.outcome.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentClaim {
    /// When the owner claimed.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub claimed_at: DateTime<Utc>,
    /// When the vendor must have contacted the store.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub contact_by: DateTime<Utc>,
    /// When it was escalated, if the vendor did not settle it in time.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub escalated_at: Option<DateTime<Utc>>,
    /// When it was settled.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub closed_at: Option<DateTime<Utc>>,
    /// How it was settled.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub outcome: Option<ClaimOutcome>,
    /// The vendor who settled it.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub vendor_id: Option<String>,
    /// The vendor's note, when rejecting.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
}

/// An order: a renewal, a new purchase or an upgrade, and its payments.
///
/// ```
/// use quytrinh::workflows::store_subscription::{Order, OrderStatus};
/// let o: Order = serde_json::from_str(r#"{"order_id":"DH1","kind":"renewal","tier":"support",
///     "months":12,"quote_vnd":2400000,"reference":"GH CH0001 DH1","terms_version":"2023-08",
///     "started_by":"admin","started_at":"2026-06-20T03:00:00Z","status":"awaiting_payment_method",
///     "method":null,"paid_vnd":0,"payments":[],"window_ends":"2026-06-21T03:00:00Z","claims":[],
///     "credit_vnd":0,"closed_at":null}"#).unwrap();
/// assert_eq!(o.status, OrderStatus::AwaitingPaymentMethod);
/// assert_eq!(o.remainder().dong(), 2_400_000);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Order {
    /// `DH1`, `DH2`, … in the order they were started ("đơn hàng").
    pub order_id: String,
    /// Renewal, new purchase or upgrade.
    pub kind: OrderKind,
    /// The package bought.
    pub tier: Tier,
    /// The period bought, in months.
    pub months: u32,
    /// The price, as quoted by the host.
    pub quote_vnd: Vnd,
    /// The transfer reference ("nội dung chuyển khoản") that identifies the order.
    pub reference: String,
    /// The terms of use in force when it was started.
    pub terms_version: String,
    /// The account that started it.
    pub started_by: String,
    /// When it was started.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub started_at: DateTime<Utc>,
    /// Where it stands.
    pub status: OrderStatus,
    /// The payment method chosen.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub method: Option<String>,
    /// Everything received so far.
    pub paid_vnd: Vnd,
    /// The payments, oldest first.
    pub payments: Vec<OrderPayment>,
    /// When the payment window ends (open orders waiting for money).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub window_ends: Option<DateTime<Utc>>,
    /// The claims that the store paid, oldest first.
    pub claims: Vec<PaymentClaim>,
    /// What was paid beyond the price, kept to the store's credit.
    pub credit_vnd: Vnd,
    /// When it was paid, lapsed, stopped or superseded.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub closed_at: Option<DateTime<Utc>>,
}

impl Order {
    /// What remains to pay: the price less everything received, never below zero.
    ///
    /// ```
    /// # use quytrinh::workflows::store_subscription::Order;
    /// # let o: Order = serde_json::from_str(r#"{"order_id":"DH1","kind":"renewal","tier":"support",
    /// #     "months":12,"quote_vnd":2400000,"reference":"GH CH0001 DH1","terms_version":"2023-08",
    /// #     "started_by":"admin","started_at":"2026-06-20T03:00:00Z","status":"underpaid",
    /// #     "method":"vietqr","paid_vnd":400000,"payments":[],"window_ends":null,"claims":[],
    /// #     "credit_vnd":0,"closed_at":null}"#).unwrap();
    /// assert_eq!(o.remainder().dong(), 2_000_000);
    /// ```
    pub fn remainder(&self) -> Vnd {
        Vnd::new(
            self.quote_vnd
                .dong()
                .saturating_sub(self.paid_vnd.dong())
                .max(0),
        )
    }

    /// The claim with the vendor, if any.
    ///
    /// ```
    /// # use quytrinh::workflows::store_subscription::Order;
    /// # let o: Order = serde_json::from_str(r#"{"order_id":"DH1","kind":"renewal","tier":"support",
    /// #     "months":12,"quote_vnd":2400000,"reference":"GH CH0001 DH1","terms_version":"2023-08",
    /// #     "started_by":"admin","started_at":"2026-06-20T03:00:00Z","status":"awaiting_payment",
    /// #     "method":"vietqr","paid_vnd":0,"payments":[],"window_ends":null,"claims":[],
    /// #     "credit_vnd":0,"closed_at":null}"#).unwrap();
    /// assert!(o.open_claim().is_none());
    /// ```
    pub fn open_claim(&self) -> Option<&PaymentClaim> {
        self.claims
            .last()
            .filter(|c| c.outcome.is_none() && self.status.in_claim())
    }
}

/// One line of the purchase history ("Lịch sử mua hàng"): package, period, amount, paid at.
///
/// ```
/// use quytrinh::workflows::store_subscription::Purchase;
/// let p: Purchase = serde_json::from_str(r#"{"order_id":"DH1","kind":"renewal","tier":"support",
///     "months":12,"amount_vnd":2400000,"paid_vnd":2400000,"credit_vnd":0,
///     "paid_at":"2026-06-20T03:00:00Z","period_start":"2026-06-30T17:00:00Z",
///     "period_end":"2027-06-30T17:00:00Z","confirmation_id":"XN1"}"#).unwrap();
/// assert_eq!(p.months, 12);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Purchase {
    /// The order.
    pub order_id: String,
    /// Renewal, new purchase or upgrade.
    pub kind: OrderKind,
    /// The package ("gói").
    pub tier: Tier,
    /// The period, in months.
    pub months: u32,
    /// The price ("số tiền").
    pub amount_vnd: Vnd,
    /// Everything received for it.
    pub paid_vnd: Vnd,
    /// What was paid beyond the price, kept to the store's credit.
    pub credit_vnd: Vnd,
    /// When it was paid in full.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub paid_at: DateTime<Utc>,
    /// The start of the period bought.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub period_start: DateTime<Utc>,
    /// The end of the period bought: the contract's new expiry.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub period_end: DateTime<Utc>,
    /// Its service confirmation.
    pub confirmation_id: String,
}

/// The data of a service confirmation ("Bản xác nhận dịch vụ"), for the host to render,
/// download and print: date, store, package, period.
///
/// ```
/// use quytrinh::workflows::store_subscription::ServiceConfirmation;
/// let c: ServiceConfirmation = serde_json::from_str(r#"{"confirmation_id":"XN1","order_id":"DH1",
///     "date":"2026-06-20","confirmed_at":"2026-06-20T03:00:00Z","store_id":"CH0001",
///     "store_name":"Tạp hoá Minh Anh","industry":"Tạp hóa","tier":"support","order_kind":"renewal",
///     "months":12,"period_start":"2026-06-30T17:00:00Z","period_end":"2027-06-30T17:00:00Z",
///     "terms_version":"2023-08"}"#).unwrap();
/// assert_eq!(c.date, "2026-06-20");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ServiceConfirmation {
    /// `XN1`, `XN2`, … in the order they were issued.
    pub confirmation_id: String,
    /// The order paid.
    pub order_id: String,
    /// The date of the confirmation in Vietnam, `YYYY-MM-DD` ("ngày xác nhận dịch vụ").
    pub date: String,
    /// The instant of the confirmation (the payment in full).
    #[serde(with = "crate::kernel::Rfc3339")]
    pub confirmed_at: DateTime<Utc>,
    /// The store.
    pub store_id: String,
    /// The store's name.
    pub store_name: String,
    /// The store's industry.
    pub industry: String,
    /// The package.
    pub tier: Tier,
    /// Renewal, new purchase or upgrade (not `kind`: the effect that carries the
    /// confirmation is tagged by `kind`).
    pub order_kind: OrderKind,
    /// The period, in months.
    pub months: u32,
    /// The start of the period.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub period_start: DateTime<Utc>,
    /// The end of the period.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub period_end: DateTime<Utc>,
    /// The terms of use the order was bought under.
    pub terms_version: String,
}

/// Everything one store's contract knows.
///
/// ```
/// use quytrinh::kernel::{Instance, Settings};
/// use quytrinh::workflows::store_subscription::{ContractStatus, StoreSubscription, StoreSubscriptionInit};
/// let init: StoreSubscriptionInit = serde_json::from_str(r#"{"store_id":"CH0001",
///     "store_name":"Tạp hoá Minh Anh","industry":"Tạp hóa","tier":"support",
///     "status":"trial","expiry":"2026-07-01T00:00:00+07:00","terms_version":"2023-08"}"#).unwrap();
/// let store = Instance::<StoreSubscription>::create("CH0001", Default::default(), Settings::default(), init).unwrap();
/// assert_eq!(store.state().contract.status, ContractStatus::Trial);
/// assert!(store.state().orders.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StoreSubscriptionState {
    /// The store.
    pub store_id: String,
    /// Its name.
    pub store_name: String,
    /// Its industry.
    pub industry: String,
    /// Its contract.
    pub contract: Contract,
    /// Every order, in the order they were started.
    pub orders: Vec<Order>,
    /// The purchase history, oldest first.
    pub purchase_history: Vec<Purchase>,
    /// The service confirmations, oldest first.
    pub service_confirmations: Vec<ServiceConfirmation>,
}

impl StoreSubscriptionState {
    /// The order `order_id` (`DH<n>` is the n-th order, so this looks nothing up).
    ///
    /// ```
    /// # use quytrinh::kernel::{Instance, Settings};
    /// # use quytrinh::workflows::store_subscription::{StoreSubscription, StoreSubscriptionInit};
    /// # let init: StoreSubscriptionInit = serde_json::from_str(r#"{"store_id":"CH0001",
    /// #     "store_name":"Tạp hoá Minh Anh","industry":"Tạp hóa","tier":"support",
    /// #     "status":"trial","expiry":"2026-07-01T00:00:00+07:00","terms_version":"2023-08"}"#).unwrap();
    /// # let store = Instance::<StoreSubscription>::create("CH0001", Default::default(), Settings::default(), init).unwrap();
    /// assert!(store.state().order("DH1").is_none());
    /// ```
    pub fn order(&self, order_id: &str) -> Option<&Order> {
        let index = order_index(order_id)?;
        self.orders.get(index).filter(|o| o.order_id == order_id)
    }

    /// The open order, if any: at most one, and always the last one started.
    ///
    /// ```
    /// # use quytrinh::kernel::{Instance, Settings};
    /// # use quytrinh::workflows::store_subscription::{StoreSubscription, StoreSubscriptionInit};
    /// # let init: StoreSubscriptionInit = serde_json::from_str(r#"{"store_id":"CH0001",
    /// #     "store_name":"Tạp hoá Minh Anh","industry":"Tạp hóa","tier":"support",
    /// #     "status":"trial","expiry":"2026-07-01T00:00:00+07:00","terms_version":"2023-08"}"#).unwrap();
    /// # let store = Instance::<StoreSubscription>::create("CH0001", Default::default(), Settings::default(), init).unwrap();
    /// assert!(store.state().open_order().is_none());
    /// ```
    pub fn open_order(&self) -> Option<&Order> {
        self.orders.last().filter(|o| o.status.is_open())
    }
}

/// The index of order `DH<n>` (n from 1, written without leading zeros).
pub(super) fn order_index(order_id: &str) -> Option<usize> {
    let digits = order_id.strip_prefix(ORDER_PREFIX)?;
    if digits.starts_with('0') || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<usize>().ok()?.checked_sub(1)
}

/// The prefix of order ids ("đơn hàng").
pub(super) const ORDER_PREFIX: &str = "DH";

/// The id of the n-th order (n from 1).
pub(super) fn order_id(n: usize) -> String {
    format!("{ORDER_PREFIX}{n}")
}
