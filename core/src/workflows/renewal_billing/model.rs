//! The data of `renewal_billing`: configuration, init, state and its parts.

use crate::calendar::{BusinessCalendar, ClockTime};
use crate::kernel::TaggedDeserialize;
use crate::kernel::{Actor, Vnd};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The longest free text accepted (notes, reasons), in characters (SPEC §5: 1–2000).
///
/// ```
/// assert_eq!(quytrinh::workflows::renewal_billing::MAX_TEXT_CHARS, 2000);
/// ```
pub const MAX_TEXT_CHARS: usize = 2000;

/// The most entries a renewal's support history holds before `add_note` is refused with
/// `limit_reached` on `support_history` **\[decision\]**; the entries the process writes
/// itself (requests, reminders, payments) are a few per term and are always kept.
///
/// ```
/// assert_eq!(quytrinh::workflows::renewal_billing::MAX_SUPPORT_ENTRIES, 5_000);
/// ```
pub const MAX_SUPPORT_ENTRIES: u32 = 5_000;

/// The longest name accepted (a buyer, a company, a package), in characters.
///
/// ```
/// assert_eq!(quytrinh::workflows::renewal_billing::MAX_NAME_CHARS, 200);
/// ```
pub const MAX_NAME_CHARS: usize = 200;

/// The longest address accepted, in characters.
///
/// ```
/// assert_eq!(quytrinh::workflows::renewal_billing::MAX_ADDRESS_CHARS, 500);
/// ```
pub const MAX_ADDRESS_CHARS: usize = 500;

/// The longest payment code accepted (ASCII letters and digits): with a space and the
/// request's id it makes the transfer reference, which VietQR limits to 25 characters.
///
/// ```
/// assert_eq!(quytrinh::workflows::renewal_billing::MAX_PAYMENT_CODE_CHARS, 16);
/// ```
pub const MAX_PAYMENT_CODE_CHARS: usize = 16;

/// What happens to a reminder whose day is a day off on the business calendar.
///
/// ```
/// use quytrinh::workflows::renewal_billing::ReminderShift;
/// assert_eq!(ReminderShift::default(), ReminderShift::PreviousWorkingDay);
/// assert_eq!(serde_json::to_string(&ReminderShift::AsScheduled).unwrap(), "\"as_scheduled\"");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReminderShift {
    /// Sent on the working day before (the customer keeps at least the lead time; reminders
    /// that land on the same day are sent once) **\[decision\]**.
    #[default]
    PreviousWorkingDay,
    /// Sent on the day itself, holiday or not.
    AsScheduled,
}

/// The products and markets a csm takes care of ("theo sản phẩm và thị trường mình phụ
/// trách"): the csm may act on every subscription whose product and market are both listed
/// (`*` lists every one). A csm may have several entries (product A in one market, product B
/// in another).
///
/// ```
/// use quytrinh::workflows::renewal_billing::CsmScope;
/// let s = CsmScope::new("CSM-02", &["amis_ke_toan"], &["*"]);
/// assert!(s.covers("CSM-02", "amis_ke_toan", "mien_nam"));
/// assert!(!s.covers("CSM-02", "meinvoice", "mien_nam"));
/// assert!(!s.covers("CSM-03", "amis_ke_toan", "mien_nam"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CsmScope {
    /// The csm (the actor id).
    pub csm_id: String,
    /// The products, or `*`.
    pub products: Vec<String>,
    /// The markets, or `*`.
    pub markets: Vec<String>,
}

/// Everything: the `*` of a scope.
///
/// ```
/// use quytrinh::workflows::renewal_billing::{ANY, CsmScope};
/// assert!(CsmScope::new("C", &[ANY], &[ANY]).covers("C", "meinvoice", "mien_nam"));
/// ```
pub const ANY: &str = "*";

impl CsmScope {
    /// A scope from its csm, products and markets.
    ///
    /// ```
    /// use quytrinh::workflows::renewal_billing::CsmScope;
    /// assert_eq!(CsmScope::new("CSM-02", &["*"], &["mien_bac"]).markets, ["mien_bac"]);
    /// ```
    pub fn new(csm_id: &str, products: &[&str], markets: &[&str]) -> Self {
        let owned = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
        Self {
            csm_id: csm_id.to_owned(),
            products: owned(products),
            markets: owned(markets),
        }
    }

    /// Whether this entry lets `csm_id` act on a subscription of `product` in `market`.
    ///
    /// ```
    /// use quytrinh::workflows::renewal_billing::CsmScope;
    /// assert!(CsmScope::new("C", &["*"], &["*"]).covers("C", "any", "where"));
    /// ```
    pub fn covers(&self, csm_id: &str, product: &str, market: &str) -> bool {
        let listed = |list: &[String], v: &str| list.iter().any(|x| x == ANY || x == v);
        self.csm_id == csm_id && listed(&self.products, product) && listed(&self.markets, market)
    }
}

/// The vendor's account the customers transfer to (thông tin chuyển khoản), from which the
/// core builds each request's VietQR payload.
///
/// ```
/// use quytrinh::workflows::renewal_billing::Payee;
/// let p = Payee::default();
/// assert_eq!((p.bank_bin.as_str(), p.bank_name.as_str()), ("970436", "Vietcombank"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Payee {
    /// The bank's NAPAS BIN, 6 digits.
    pub bank_bin: String,
    /// The bank's name as customers know it.
    pub bank_name: String,
    /// The account number (digits, 1–19).
    pub account: String,
    /// The account holder's name, as the bank shows it.
    pub account_name: String,
}

impl Default for Payee {
    /// A sample account (Vietcombank's BIN, the account number of the VietQR examples):
    /// every host sets its own.
    fn default() -> Self {
        Self {
            bank_bin: "970436".to_owned(),
            bank_name: "Vietcombank".to_owned(),
            account: "0011001234567".to_owned(),
            account_name: "CONG TY CO PHAN MISA".to_owned(),
        }
    }
}

/// Tunable values of `renewal_billing`, with the defaults of SPEC §5 (**\[decision\]** values:
/// the reminder days, their time and their shift off days off, the 2 working days to
/// reconcile, the 3 resends a day).
///
/// JSON, every field optional, unknown fields refused.
///
/// ```
/// use quytrinh::workflows::renewal_billing::RenewalBillingConfig;
/// let c = RenewalBillingConfig::default();
/// assert_eq!(c.reminder_days, [30, 15, 7, 3, 1]);
/// assert_eq!((c.reconcile_working_days, c.resend_daily_limit), (2, 3));
/// assert_eq!(c.reminder_time.to_string(), "09:00");
/// let custom: RenewalBillingConfig = serde_json::from_str(r#"{"reminder_days": [10, 2]}"#).unwrap();
/// assert_eq!(custom.reminder_days, [10, 2]);
/// assert!(serde_json::from_str::<RenewalBillingConfig>(r#"{"reminders": []}"#).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RenewalBillingConfig {
    /// Days before the term's last day on which the customer is reminded (default
    /// 30, 15, 7, 3, 1 **\[decision\]**; each 1–366, distinct).
    pub reminder_days: Vec<u32>,
    /// The time of day (UTC+07:00) reminders are sent (default 09:00 **\[decision\]**).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub reminder_time: ClockTime,
    /// What happens to a reminder on a day off (default: the working day before).
    pub reminder_on_day_off: ReminderShift,
    /// Working days after the customer reports having paid before the csm is alerted that
    /// the money has not been reconciled (default 2 **\[decision\]**).
    pub reconcile_working_days: u32,
    /// Resends of one request a Vietnam calendar day (default 3 **\[decision\]**).
    pub resend_daily_limit: u32,
    /// The business calendar of the reconciliation and of the reminders' days off (default:
    /// Vietnam's; left out of JSON while it is the default).
    #[serde(skip_serializing_if = "BusinessCalendar::is_default")]
    pub calendar: BusinessCalendar,
    /// The account customers transfer to.
    pub payee: Payee,
    /// Which csm takes care of which products and markets, besides each subscription's
    /// assigned csm (default none: only the assigned csm).
    pub csm_scopes: Vec<CsmScope>,
}

impl Default for RenewalBillingConfig {
    fn default() -> Self {
        Self {
            reminder_days: vec![30, 15, 7, 3, 1],
            reminder_time: ClockTime::from_hm(9, 0).unwrap_or(ClockTime::MIDNIGHT),
            reminder_on_day_off: ReminderShift::default(),
            reconcile_working_days: 2,
            resend_daily_limit: 3,
            calendar: BusinessCalendar::default(),
            payee: Payee::default(),
            csm_scopes: Vec::new(),
        }
    }
}

impl RenewalBillingConfig {
    /// Checks the values; the message names the field at fault.
    ///
    /// ```
    /// use quytrinh::workflows::renewal_billing::RenewalBillingConfig;
    /// assert!(RenewalBillingConfig::default().validate().is_ok());
    /// let bad = RenewalBillingConfig { reminder_days: vec![7, 7], ..Default::default() };
    /// assert!(bad.validate().unwrap_err().contains("reminder_days"));
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        for (i, d) in self.reminder_days.iter().enumerate() {
            if !(1..=366).contains(d) {
                return Err(format!("reminder_days[{i}] must be 1 to 366"));
            }
            if self.reminder_days[..i].contains(d) {
                return Err(format!("reminder_days: {d} is listed twice"));
            }
        }
        if self.reminder_time.seconds() >= 86_400 {
            return Err("reminder_time must be before 24:00".to_owned());
        }
        if !(1..=366).contains(&self.reconcile_working_days) {
            return Err("reconcile_working_days must be 1 to 366".to_owned());
        }
        if !(1..=100).contains(&self.resend_daily_limit) {
            return Err("resend_daily_limit must be 1 to 100".to_owned());
        }
        crate::vietqr::VietQr::to_account(&self.payee.bank_bin, &self.payee.account)
            .validate()
            .map_err(|e| format!("payee: {e}"))?;
        if self.payee.bank_name.trim().is_empty() || self.payee.account_name.trim().is_empty() {
            return Err("payee needs its bank_name and account_name".to_owned());
        }
        for (i, s) in self.csm_scopes.iter().enumerate() {
            if crate::kernel::required_id("csm_id", &s.csm_id).is_err() {
                return Err(format!("csm_scopes[{i}].csm_id must be an id"));
            }
            if s.products.is_empty() || s.markets.is_empty() {
                return Err(format!(
                    "csm_scopes[{i}] needs at least one product and one market (or *)"
                ));
            }
        }
        Ok(())
    }

    /// Whether `csm_id` takes care of a subscription of `product` in `market` by a scope
    /// entry (the assigned csm always does; see [`RenewalBillingState::in_scope`]).
    ///
    /// ```
    /// use quytrinh::workflows::renewal_billing::{CsmScope, RenewalBillingConfig};
    /// let c = RenewalBillingConfig { csm_scopes: vec![CsmScope::new("CSM-02", &["*"], &["mien_bac"])], ..Default::default() };
    /// assert!(c.covers("CSM-02", "amis_ke_toan", "mien_bac"));
    /// assert!(!c.covers("CSM-02", "amis_ke_toan", "mien_nam"));
    /// ```
    pub fn covers(&self, csm_id: &str, product: &str, market: &str) -> bool {
        self.csm_scopes
            .iter()
            .any(|s| s.covers(csm_id, product, market))
    }
}

/// "Thông tin mua hàng": who buys and is contacted about the requests.
///
/// ```
/// use quytrinh::workflows::renewal_billing::BuyerInfo;
/// let b: BuyerInfo = serde_json::from_str(r#"{"name":"Nguyễn Thị Lan","email":"lan@abc.vn","phone":"0912345678"}"#).unwrap();
/// assert_eq!(b.phone, "0912345678");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BuyerInfo {
    /// The buyer's name (1–200 characters).
    pub name: String,
    /// The e-mail the requests go to.
    pub email: String,
    /// The phone the SMS go to (kept in its national form, `0…`).
    pub phone: String,
}

/// "Thông tin xuất hóa đơn": what the invoice is issued to.
///
/// ```
/// use quytrinh::workflows::renewal_billing::InvoiceInfo;
/// let i: InvoiceInfo = serde_json::from_str(r#"{"name":"Công ty TNHH ABC","tax_code":"0101243150",
///     "address":"Số 1 Phố Huế, Hà Nội","email":"ketoan@abc.vn"}"#).unwrap();
/// assert_eq!(i.tax_code.as_deref(), Some("0101243150"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InvoiceInfo {
    /// The organisation's or the person's name on the invoice (1–200 characters).
    pub name: String,
    /// The tax code, when the buyer has one (10 digits, 10-3 for a dependent unit, or a
    /// 12-digit personal identification number): see [`tax_code`](crate::kernel::tax_code).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tax_code: Option<String>,
    /// The address on the invoice (1–500 characters).
    pub address: String,
    /// The e-mail the electronic invoice is sent to.
    pub email: String,
}

/// A package the customer renews (gói sản phẩm): its code, name and length in months.
///
/// ```
/// use quytrinh::workflows::renewal_billing::Package;
/// let p: Package = serde_json::from_str(r#"{"code":"AMIS-KT-12","name":"AMIS Kế toán — 12 tháng","months":12}"#).unwrap();
/// assert_eq!(p.months, 12);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Package {
    /// The package's code (an id).
    pub code: String,
    /// Its name (1–200 characters).
    pub name: String,
    /// The length of the term it buys, in months (1–120).
    pub months: u32,
}

/// The data a subscription starts from.
///
/// ```
/// use quytrinh::workflows::renewal_billing::RenewalBillingInit;
/// let init: RenewalBillingInit = serde_json::from_str(r#"{"subscription_id":"TB-0042","customer_id":"KH-0042",
///     "payment_code":"KH0042","product":"amis_ke_toan","market":"mien_bac","csm_id":"CSM-01",
///     "term_end":"2026-07-31",
///     "buyer":{"name":"Nguyễn Thị Lan","email":"lan@abc.vn","phone":"0912345678"},
///     "invoice":{"name":"Công ty TNHH ABC","tax_code":"0101243150","address":"Hà Nội","email":"ketoan@abc.vn"}}"#).unwrap();
/// assert_eq!(init.term_no, 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RenewalBillingInit {
    /// The subscription (the host's id).
    pub subscription_id: String,
    /// The customer.
    pub customer_id: String,
    /// The customer's code in transfer references (1–16 ASCII letters or digits).
    pub payment_code: String,
    /// The product subscribed to.
    pub product: String,
    /// The market it is sold in (a region, a segment: the host's ids).
    pub market: String,
    /// The csm assigned to the customer.
    pub csm_id: String,
    /// The number of the term in force (default 1).
    #[serde(default = "first_term")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 1))]
    pub term_no: u32,
    /// The last day of the term in force (Vietnam time): the term ends as the next day
    /// starts.
    pub term_end: NaiveDate,
    /// "Thông tin mua hàng".
    pub buyer: BuyerInfo,
    /// "Thông tin xuất hóa đơn".
    pub invoice: InvoiceInfo,
}

fn first_term() -> u32 {
    1
}

/// Where the subscription stands (region `subscription`).
///
/// ```
/// use quytrinh::workflows::renewal_billing::SubscriptionStatus;
/// assert_eq!(SubscriptionStatus::Lapsed.id(), "lapsed");
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SubscriptionStatus {
    /// The term runs.
    Active,
    /// The term ended without being renewed.
    Lapsed,
}

impl SubscriptionStatus {
    /// The state id, as in the definition.
    ///
    /// ```
    /// use quytrinh::workflows::renewal_billing::SubscriptionStatus;
    /// assert_eq!(SubscriptionStatus::Active.id(), "active");
    /// ```
    pub fn id(self) -> &'static str {
        self.into()
    }
}

/// Where a payment request (YCTT) stands (region `request`).
///
/// ```
/// use quytrinh::workflows::renewal_billing::PaymentRequestStatus;
/// assert_eq!(PaymentRequestStatus::CustomerReportedPaid.id(), "customer_reported_paid");
/// assert!(PaymentRequestStatus::Opened.is_live());
/// assert!(!PaymentRequestStatus::Cancelled.is_live());
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PaymentRequestStatus {
    /// Sent to the customer, not yet opened.
    Issued,
    /// The customer opened it.
    Opened,
    /// The customer says they paid; the csm reconciles.
    CustomerReportedPaid,
    /// The payments cover the amount: invoiced, the term extended.
    Paid,
    /// Cancelled by a csm (wrong information, another package); a new one may be issued.
    Cancelled,
    /// The customer refused to renew ("Từ chối gia hạn").
    RefusedRenewal,
    /// The term ended while it was still awaiting payment.
    Expired,
}

impl PaymentRequestStatus {
    /// The state id, as in the definition.
    ///
    /// ```
    /// use quytrinh::workflows::renewal_billing::PaymentRequestStatus;
    /// assert_eq!(PaymentRequestStatus::RefusedRenewal.id(), "refused_renewal");
    /// ```
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// Whether the request still awaits payment.
    ///
    /// ```
    /// use quytrinh::workflows::renewal_billing::PaymentRequestStatus;
    /// assert!(PaymentRequestStatus::CustomerReportedPaid.is_live());
    /// assert!(!PaymentRequestStatus::Expired.is_live());
    /// ```
    pub const fn is_live(self) -> bool {
        matches!(
            self,
            Self::Issued | Self::Opened | Self::CustomerReportedPaid
        )
    }
}

/// A channel a request is resent on.
///
/// ```
/// use quytrinh::workflows::renewal_billing::ResendChannel;
/// assert_eq!(serde_json::to_string(&ResendChannel::Sms).unwrap(), "\"sms\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ResendChannel {
    /// By e-mail.
    Email,
    /// By SMS.
    Sms,
}

/// A reminder of a request, before the term ends.
///
/// ```
/// use quytrinh::workflows::renewal_billing::Reminder;
/// let r: Reminder = serde_json::from_str(r#"{"due":"2026-07-01T02:00:00Z","days_left":30,"sent_at":null}"#).unwrap();
/// assert_eq!(r.days_left, 30);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reminder {
    /// When it is sent.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub due: DateTime<Utc>,
    /// Vietnam calendar days from that day to the term's last day.
    pub days_left: i64,
    /// When it was sent.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub sent_at: Option<DateTime<Utc>>,
}

/// A payment the gateway reconciled with a request.
///
/// ```
/// use quytrinh::workflows::renewal_billing::Payment;
/// let p: Payment = serde_json::from_str(r#"{"at":"2026-07-02T03:00:00Z","amount":3000000,"reference":"FT2618300123"}"#).unwrap();
/// assert_eq!(p.amount.dong(), 3_000_000);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Payment {
    /// When it was received.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
    /// How much.
    pub amount: Vnd,
    /// The bank's transaction reference.
    pub reference: String,
}

/// A resend of a request ("Gửi lại yêu cầu qua email/SMS").
///
/// ```
/// use quytrinh::workflows::renewal_billing::{Resend, ResendChannel};
/// let r: Resend = serde_json::from_str(r#"{"at":"2026-07-02T03:00:00Z","channel":"email","actor_id":"CSM-01"}"#).unwrap();
/// assert_eq!(r.channel, ResendChannel::Email);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Resend {
    /// When.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
    /// How.
    pub channel: ResendChannel,
    /// The csm.
    pub actor_id: String,
}

/// An invoice to issue (and, once issued, what it was issued with: later changes of the
/// buyer or invoice information never alter it).
///
/// ```
/// use quytrinh::workflows::renewal_billing::Invoice;
/// fn tax_code(i: &Invoice) -> Option<&str> { i.invoice_info.tax_code.as_deref() }
/// # let _ = tax_code;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Invoice {
    /// The subscription.
    pub subscription_id: String,
    /// The customer.
    pub customer_id: String,
    /// The request paid.
    pub request_id: String,
    /// The product.
    pub product: String,
    /// The package.
    pub package: Package,
    /// The term invoiced.
    pub term: u32,
    /// Its first day.
    pub period_start: NaiveDate,
    /// Its last day.
    pub period_end: NaiveDate,
    /// The amount invoiced (the request's).
    pub amount: Vnd,
    /// The buyer information in force when it was issued.
    pub buyer: BuyerInfo,
    /// The invoice information in force when it was issued.
    pub invoice_info: InvoiceInfo,
    /// The payments, by bank reference.
    pub payment_references: Vec<String>,
    /// When it was issued (the payment that completed the amount).
    #[serde(with = "crate::kernel::Rfc3339")]
    pub issued_at: DateTime<Utc>,
}

/// A payment request (YCTT, "yêu cầu thanh toán") for one term.
///
/// ```
/// use quytrinh::workflows::renewal_billing::PaymentRequest;
/// fn outstanding(r: &PaymentRequest) -> i64 { r.amount.dong() - r.paid_total.dong() }
/// # let _ = outstanding;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentRequest {
    /// `R1`, `R2`, … in issue order.
    pub request_id: String,
    /// The term it bills.
    pub term: u32,
    /// The package.
    pub package: Package,
    /// The amount due.
    pub amount: Vnd,
    /// The transfer reference (nội dung chuyển khoản): the payment code and the request id.
    pub reference: String,
    /// The term's first day.
    pub period_start: NaiveDate,
    /// The term's last day.
    pub period_end: NaiveDate,
    /// Where it stands.
    pub status: PaymentRequestStatus,
    /// When it was issued.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub issued_at: DateTime<Utc>,
    /// Who issued it (the host's scheduler or a csm).
    pub issued_by: Actor,
    /// When the customer opened it.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub opened_at: Option<DateTime<Utc>>,
    /// When the customer reported having paid.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub reported_paid_at: Option<DateTime<Utc>>,
    /// When the payment must be reconciled by (business basis).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub reconcile_by: Option<DateTime<Utc>>,
    /// When the csm was alerted that it was not.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub reconcile_overdue_at: Option<DateTime<Utc>>,
    /// Its reminders, in due order.
    pub reminders: Vec<Reminder>,
    /// Its resends.
    pub resends: Vec<Resend>,
    /// The payments received.
    pub payments: Vec<Payment>,
    /// Their total.
    pub paid_total: Vnd,
    /// When it was paid, cancelled, refused or expired.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(serialize_with = "crate::kernel::instant::write_optional")]
    pub closed_at: Option<DateTime<Utc>>,
    /// The reason given when cancelled or refused.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub close_reason: Option<String>,
    /// The invoice issued when it was paid.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub invoice: Option<Invoice>,
}

impl PaymentRequest {
    /// What is left to pay (never below zero).
    ///
    /// ```
    /// # use quytrinh::workflows::renewal_billing::PaymentRequest;
    /// fn left(r: &PaymentRequest) -> i64 { r.remaining().dong() }
    /// # let _ = left;
    /// ```
    pub fn remaining(&self) -> Vnd {
        Vnd::new((self.amount.dong() - self.paid_total.dong()).max(0))
    }

    /// The next reminder not yet sent, while the request awaits the customer (issued or
    /// opened: none once they report having paid).
    ///
    /// ```
    /// # use quytrinh::workflows::renewal_billing::PaymentRequest;
    /// fn next_due(r: &PaymentRequest) -> Option<chrono::DateTime<chrono::Utc>> { r.next_reminder().map(|x| x.due) }
    /// # let _ = next_due;
    /// ```
    pub fn next_reminder(&self) -> Option<&Reminder> {
        matches!(
            self.status,
            PaymentRequestStatus::Issued | PaymentRequestStatus::Opened
        )
        .then(|| self.reminders.iter().find(|r| r.sent_at.is_none()))
        .flatten()
    }
}

/// What a csm did, in the support history ("Lịch sử hỗ trợ").
///
/// ```
/// use quytrinh::workflows::renewal_billing::SupportAction;
/// let a: SupportAction = serde_json::from_str(r#"{"type":"note","text":"Khách hẹn thanh toán thứ Sáu"}"#).unwrap();
/// assert!(matches!(a, SupportAction::Note { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TaggedDeserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SupportAction {
    /// Issued a request.
    RequestIssued {},
    /// Resent a request.
    Resent {
        /// How.
        channel: ResendChannel,
    },
    /// Cancelled a request.
    Cancelled {
        /// Why.
        reason: String,
    },
    /// Marked a request refused by the customer.
    RefusedRenewal {
        /// Why.
        reason: String,
    },
    /// Updated the buyer information.
    BuyerInfoUpdated {
        /// The new information.
        buyer: BuyerInfo,
    },
    /// Updated the invoice information.
    InvoiceInfoUpdated {
        /// The new information.
        invoice: InvoiceInfo,
    },
    /// Wrote a note ("Ghi chú").
    Note {
        /// The note.
        text: String,
    },
}

/// One entry of the support history: a csm's action, with who and when.
///
/// ```
/// use quytrinh::workflows::renewal_billing::SupportEntry;
/// let e: SupportEntry = serde_json::from_str(r#"{"at":"2026-07-02T03:00:00Z","actor_id":"CSM-01",
///     "request_id":null,"action":{"type":"note","text":"Đã gọi khách"}}"#).unwrap();
/// assert_eq!(e.actor_id, "CSM-01");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SupportEntry {
    /// When.
    #[serde(with = "crate::kernel::Rfc3339")]
    pub at: DateTime<Utc>,
    /// The csm.
    pub actor_id: String,
    /// The request concerned, if any.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub request_id: Option<String>,
    /// What was done.
    pub action: SupportAction,
}

/// Everything one subscription knows.
///
/// ```
/// use quytrinh::workflows::renewal_billing::RenewalBillingState;
/// fn live(s: &RenewalBillingState) -> bool { s.live_request().is_some() }
/// # let _ = live;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RenewalBillingState {
    /// The subscription.
    pub subscription_id: String,
    /// The customer.
    pub customer_id: String,
    /// The customer's code in transfer references.
    pub payment_code: String,
    /// The product.
    pub product: String,
    /// The market.
    pub market: String,
    /// The assigned csm.
    pub csm_id: String,
    /// The number of the term in force.
    pub term_no: u32,
    /// The last day of the term in force.
    pub term_end: NaiveDate,
    /// Where the subscription stands.
    pub status: SubscriptionStatus,
    /// "Thông tin mua hàng" in force.
    pub buyer: BuyerInfo,
    /// "Thông tin xuất hóa đơn" in force (the next invoice is issued with it).
    pub invoice_info: InvoiceInfo,
    /// Every request, in issue order.
    pub requests: Vec<PaymentRequest>,
    /// "Lịch sử hỗ trợ": every csm action, oldest first.
    pub history: Vec<SupportEntry>,
}

impl RenewalBillingState {
    /// The request `request_id`.
    ///
    /// ```
    /// # use quytrinh::workflows::renewal_billing::RenewalBillingState;
    /// fn has(s: &RenewalBillingState) -> bool { s.request("R1").is_some() }
    /// # let _ = has;
    /// ```
    pub fn request(&self, request_id: &str) -> Option<&PaymentRequest> {
        self.requests
            .iter()
            .rev()
            .find(|r| r.request_id == request_id)
    }

    /// The request awaiting payment, if any: at most one, always the last issued.
    ///
    /// ```
    /// # use quytrinh::workflows::renewal_billing::RenewalBillingState;
    /// fn amount(s: &RenewalBillingState) -> Option<i64> { s.live_request().map(|r| r.amount.dong()) }
    /// # let _ = amount;
    /// ```
    pub fn live_request(&self) -> Option<&PaymentRequest> {
        self.requests.last().filter(|r| r.status.is_live())
    }

    /// Whether `csm_id` may act on this subscription under `config`: the assigned csm, or
    /// one whose scope covers its product and market.
    ///
    /// ```
    /// # use quytrinh::workflows::renewal_billing::{RenewalBillingConfig, RenewalBillingState};
    /// fn mine(s: &RenewalBillingState) -> bool { s.in_scope("CSM-01", &RenewalBillingConfig::default()) }
    /// # let _ = mine;
    /// ```
    pub fn in_scope(&self, csm_id: &str, config: &RenewalBillingConfig) -> bool {
        self.csm_id == csm_id || config.covers(csm_id, &self.product, &self.market)
    }
}
