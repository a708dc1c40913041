//! Workflow C, `store_subscription` (SPEC §4, seed 002: KiotViet, "Hồ sơ gian hàng").
//!
//! One instance is one store's contract with the software vendor: its package (`support`
//! "Hỗ trợ" < `professional` "Chuyên nghiệp" < `premium` "Cao cấp"), its industry, its
//! status (`trial`, `active`, `expired`), its expiry, the terms of use it accepted, its
//! orders, its purchase history ("Lịch sử mua hàng") and its service confirmations ("Bản
//! xác nhận dịch vụ"). The store's owner (`owner_admin`, the Admin account) renews ("Gia
//! hạn"), buys anew ("Mua mới") — both on the current tier — or upgrades ("Nâng gói") to a
//! strictly higher tier, choosing a period among the configured months at the host's quote.
//! Choosing the payment method shows the payment QR: a NAPAS VietQR of the vendor's account
//! (from the configuration) for the amount due, with the order's transfer reference, built
//! by [`crate::vietqr`]. The payment gateway (`payment_gateway`, the host's bank
//! reconciliation) reports what arrives: paid in full, the order is paid — success notice to
//! the owner and the staff, a purchase-history entry, a service confirmation, the contract
//! extended from max(expiry, paid at) (a trial becomes active from the payment), an upgrade's
//! tier applied, an overpayment kept as credit; paid less, the remainder is shown and the
//! owner continues (a new QR for the remainder) or stops (the vendor follows up on the
//! partial amount). An owner who paid but saw no notice claims it ("bấm vào đây để xác nhận
//! thanh toán"): the vendor has 24 h to contact the store, else the claim is escalated; the
//! vendor confirms an amount (it counts as a payment) or rejects the claim (the QR again).
//! Unpaid, an order lapses after its 24 h payment window. Fifteen days before a signed
//! contract expires the footer notice starts, which the owner and the staff see with the
//! days left (Vietnamese calendar days); staff see nothing else ([`footer_notice`]); the
//! owner sees "Hồ sơ gian hàng" ([`store_profile`]). At the expiry the status becomes
//! `expired`.
//!
//! Decisions where SPEC and seed are silent **\[decision\]**:
//! - **Start.** The init gives the store (`store_id`: 1–12 ASCII letters, digits or `-`,
//!   since it goes into the transfer reference; name; industry), its tier, `trial` or
//!   `active` with the expiry, and the accepted terms version. `active` means a signed
//!   contract; an active contract whose expiry has passed becomes `expired` at the first
//!   input (there is no `expired` start).
//! - **Who.** Any account of the store with the role `owner_admin` acts as the owner (the
//!   host maps its accounts to roles per store); `staff` issue no command and see only the
//!   footer notice; the `vendor` settles claims and sees the profile and the orders.
//! - **Kinds.** "Gia hạn" and "Mua mới" are one flow in the seed; both are accepted in any
//!   status and keep the tier. The profile offers "Gia hạn" while the trial or the contract
//!   is in term and "Mua mới" once it has expired, as the seed words them. An upgrade may
//!   start from any status; it buys months like a renewal and changes the tier at payment
//!   (SPEC). A renewal or new purchase naming another tier is `invalid_transition`
//!   (`tier_kept`); an upgrade to the same or a lower tier too (`upgrade_not_higher`).
//! - **One open order.** Orders are `DH1`, `DH2`, … (at most 99 999). While an order has
//!   shown its QR or received money (awaiting payment, underpaid, claimed), a new one is
//!   refused (`order_open`); an order still awaiting its payment method is replaced by a
//!   new one (`superseded`: no QR was shown, so no money can come for it).
//! - **Reference.** `<reference_prefix> <store_id> <order_id>`, e.g. `GH CH0001 DH3` (ASCII,
//!   at most 25 characters, as VietQR requires). A reported reference is matched on its
//!   ASCII letters and digits, case-insensitively (banks drop spaces and change case); the
//!   host extracts it from the bank's transfer content.
//! - **Payment window.** 24 h from the start of the order, and again from each QR shown
//!   (method chosen, continued, claim rejected) and each partial payment; a claim suspends
//!   it. Nothing received → `lapsed`; something received but not all (underpaid, or
//!   the QR for the remainder shown) → `stopped`, as if the owner had stopped (the vendor
//!   follows up; partial money is never forgotten). A payment at the
//!   window's end instant is too late (the deadline fires first).
//! - **Payments.** Accepted while the order is open (any open state; a gateway payment
//!   settles an open claim). For a lapsed order: `invalid_transition` (`order_lapsed`); for
//!   a paid, stopped or superseded one: `invalid_transition` (`order_closed`); an unknown
//!   reference: `not_found` (`reference`); a negative amount: `validation_failed`
//!   (`vnd_negative`); zero: `validation_failed` (`amount_vnd`); a total beyond i64:
//!   `validation_failed` (`vnd_overflow`). Each leaves the instance unchanged; the money
//!   itself is the vendor's to handle. The host uses the bank transaction id as the
//!   command id, so a repeated report is a duplicate, not a second payment.
//! - **Credit** from overpayments is kept on the contract and the order and shown in the
//!   profile; it is not applied to later orders (the quote is the host's; it may count it).
//! - **Extension.** Calendar months in Vietnam (31 August + 1 month = 30 September), from
//!   max(expiry, paid at) on a signed contract, from the payment on a trial (the trial's
//!   remaining days are not carried over).
//! - **Footer notice.** Only for a signed contract, from `expiry_notice_days` (15) days
//!   before the expiry (the deadline `expiry_notice`), until the contract is extended; it
//!   stays, with 0 days left, once the contract has expired. Days left are Vietnamese
//!   calendar days from today to the expiry's day.
//! - **Vendor contact** is 24 h of clock time (the vendor's lines work every day of the
//!   year); it fires once: the claim stays escalated until the vendor settles it.
//! - **No vendor account configured**: choosing a payment method (and any step that shows
//!   a QR) is `invalid_transition` (`vendor_account_missing`), never a QR to someone else's
//!   account.
//!
//! ```
//! use quytrinh::kernel::{Actor, Command, Instance, Settings, Vnd};
//! use quytrinh::workflows::store_subscription::{
//!     OrderKind, StoreSubscription, StoreSubscriptionCommand as C, StoreSubscriptionConfig,
//!     StoreSubscriptionInit, Tier,
//! };
//!
//! let config: StoreSubscriptionConfig = serde_json::from_str(
//!     r#"{"vendor_account": {"bank_bin": "970436", "account": "0011001234567"}}"#).unwrap();
//! let init: StoreSubscriptionInit = serde_json::from_str(r#"{"store_id":"CH0001",
//!     "store_name":"Tạp hoá Minh Anh","industry":"Tạp hóa & Siêu thị","tier":"support",
//!     "status":"active","expiry":"2026-07-01T00:00:00+07:00","terms_version":"2023-08"}"#).unwrap();
//! let mut store = Instance::<StoreSubscription>::create("CH0001", config, Settings::default(), init).unwrap();
//! let owner = Actor::new("owner_admin", "admin");
//! let at = "2026-06-20T09:00:00+07:00".parse().unwrap();
//! store.handle(&Command::new("c1", owner.clone(), at, C::StartOrder {
//!     kind: OrderKind::Renewal, tier: Tier::Support, months: 12, quote_vnd: Vnd::new(2_400_000) })).unwrap();
//! let out = store.handle(&Command::new("c2", owner, at, C::ChoosePaymentMethod {
//!     order_id: "DH1".into(), method: "vietqr".into() })).unwrap();
//! assert_eq!(out.effect_names(), ["show_payment_qr"]);
//! let out = store.handle(&Command::new("c3", Actor::new("payment_gateway", "napas"), at,
//!     C::PaymentReceived { reference: "GH CH0001 DH1".into(), amount_vnd: Vnd::new(2_400_000) })).unwrap();
//! assert_eq!(out.event_names(), ["order_paid", "contract_extended"]);
//! assert_eq!(out.effect_names(), [
//!     "notify:store_subscription.payment_succeeded", "issue_service_confirmation", "apply_contract"]);
//! // Renewed from the expiry, not from the payment.
//! assert_eq!(store.state().contract.expiry, "2027-07-01T00:00:00+07:00".parse::<chrono::DateTime<chrono::Utc>>().unwrap());
//! ```

mod fold;
mod messages;
mod model;
mod queries;
mod rules;
mod table;

pub use messages::{
    ContractTerms, FollowUp, PaymentQr, StoreSubscriptionCommand, StoreSubscriptionEffect,
    StoreSubscriptionEvent,
};
pub use model::{
    ClaimOutcome, Contract, ContractStatus, MAX_ID_CHARS, MAX_ORDERS, MAX_PREFIX_CHARS,
    MAX_STORE_ID_CHARS, MAX_TEXT_CHARS, Order, OrderKind, OrderPayment, OrderStatus, PaymentClaim,
    PaymentMethod, PaymentVia, Purchase, ServiceConfirmation, StartStatus, StoreSubscriptionConfig,
    StoreSubscriptionInit, StoreSubscriptionState, Tier, VendorAccount, default_payment_methods,
};
pub use queries::{
    FooterNotice, PackageOffer, StoreProfile, StoreSubscriptionAnswer, StoreSubscriptionQuery,
    footer_notice, offers, store_profile,
};
pub use rules::StoreSubscriptionDeadline;
pub use table::templates;

use crate::kernel::{
    Actor, Basis, CommandSpec, Context, DeadlineKind, DeadlineSpec, Decision, Label, RegionSpec,
    Rejection, RoleSpec, TemplateSpec, Timer, TransitionSpec, Unfit, Vnd, Workflow, required_text,
    valid_id,
};
use chrono::{DateTime, Utc};

/// The `store_subscription` workflow (a marker type; see the module docs).
///
/// ```
/// use quytrinh::kernel::Workflow;
/// use quytrinh::workflows::store_subscription::StoreSubscription;
/// assert_eq!(StoreSubscription::NAME, "store_subscription");
/// assert_eq!(StoreSubscription::COMMANDS.len(), 8);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoreSubscription;

impl Workflow for StoreSubscription {
    const NAME: &'static str = "store_subscription";
    const LABEL: Label = table::LABEL;
    const ROLES: &'static [RoleSpec] = table::ROLES;
    const REGIONS: &'static [RegionSpec] = table::REGIONS;
    const COMMANDS: &'static [CommandSpec] = table::COMMANDS;
    const QUERIES: &'static [CommandSpec] = table::QUERIES;
    const TRANSITIONS: &'static [TransitionSpec] = table::TRANSITIONS;
    const TEMPLATES: &'static [TemplateSpec] = table::TEMPLATES;
    crate::no_reports!();

    type Config = StoreSubscriptionConfig;
    type Init = StoreSubscriptionInit;
    type State = StoreSubscriptionState;
    type Command = StoreSubscriptionCommand;
    type Event = StoreSubscriptionEvent;
    type Effect = StoreSubscriptionEffect;
    type DeadlineKind = StoreSubscriptionDeadline;
    type Query = StoreSubscriptionQuery;
    type Answer = StoreSubscriptionAnswer;

    fn validate_config(config: &StoreSubscriptionConfig) -> Result<(), String> {
        config.validate()
    }

    fn init(
        config: &StoreSubscriptionConfig,
        init: StoreSubscriptionInit,
    ) -> Result<StoreSubscriptionState, Rejection> {
        let n = init.store_id.chars().count();
        if !(1..=MAX_STORE_ID_CHARS).contains(&n)
            || !init
                .store_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(Rejection::invalid_field(
                "store_id",
                format!(
                    "Mã gian hàng phải có 1–{MAX_STORE_ID_CHARS} ký tự chữ, số hoặc `-` không dấu (dùng trong nội dung chuyển khoản)."
                ),
                format!(
                    "The store id must have 1 to {MAX_STORE_ID_CHARS} ASCII letters, digits or `-` (it goes into transfer references)."
                ),
            ));
        }
        required_text("store_name", &init.store_name, MAX_TEXT_CHARS)?;
        required_text("industry", &init.industry, MAX_TEXT_CHARS)?;
        if !valid_id(&init.terms_version, MAX_ID_CHARS) {
            return Err(Rejection::invalid_field(
                "terms_version",
                format!(
                    "Phiên bản điều khoản phải có 1–{MAX_ID_CHARS} ký tự, không có khoảng trắng."
                ),
                format!(
                    "The terms version must have 1 to {MAX_ID_CHARS} characters and no spaces."
                ),
            ));
        }
        let (status, signed) = match init.status {
            StartStatus::Trial => (ContractStatus::Trial, false),
            StartStatus::Active => (ContractStatus::Active, true),
        };
        Ok(StoreSubscriptionState {
            store_id: init.store_id,
            store_name: init.store_name,
            industry: init.industry,
            contract: Contract {
                tier: init.tier,
                status,
                signed,
                expiry: init.expiry,
                notice_at: rules::notice_at(config, init.expiry)?,
                notice_shown: false,
                terms_version: init.terms_version,
                credit_vnd: Vnd::ZERO,
            },
            orders: Vec::new(),
            purchase_history: Vec::new(),
            service_confirmations: Vec::new(),
        })
    }

    fn decide(
        state: &StoreSubscriptionState,
        command: &StoreSubscriptionCommand,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Rejection> {
        rules::decide(state, command, ctx)
    }

    fn evolve(
        state: &mut StoreSubscriptionState,
        event: &StoreSubscriptionEvent,
        at: DateTime<Utc>,
    ) -> Result<(), Unfit> {
        fold::evolve(state, event, at)
    }

    fn deadlines(
        state: &StoreSubscriptionState,
    ) -> impl Iterator<Item = Timer<'_, StoreSubscriptionDeadline>> {
        rules::pending(state)
    }

    fn on_deadline(
        state: &StoreSubscriptionState,
        timer: &Timer<'_, StoreSubscriptionDeadline>,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Unfit> {
        rules::on_deadline(state, timer, ctx)
    }

    fn query(
        state: &StoreSubscriptionState,
        query: &StoreSubscriptionQuery,
        ctx: &Context<'_, Self>,
    ) -> Result<StoreSubscriptionAnswer, Rejection> {
        queries::answer(state, ctx.config, query, ctx.at)
    }

    fn entities(state: &StoreSubscriptionState) -> impl Iterator<Item = &str> {
        state.orders.iter().map(|o| o.order_id.as_str())
    }

    fn touched(event: &StoreSubscriptionEvent) -> Option<&str> {
        event.order_id()
    }

    fn deadline_specs(config: &StoreSubscriptionConfig) -> Vec<DeadlineSpec> {
        use StoreSubscriptionDeadline as D;
        let spec = |kind: D, vi, en, seconds| DeadlineSpec {
            kind: kind.name(),
            label: Label::new(vi, en),
            seconds,
            basis: Basis::Clock,
        };
        vec![
            spec(
                D::PaymentWindow,
                "Hết hạn thanh toán đơn hàng",
                "Payment window ends",
                u64::from(config.payment_window_seconds),
            ),
            spec(
                D::VendorContact,
                "Quá hạn nhà cung cấp liên hệ",
                "Vendor contact overdue",
                u64::from(config.vendor_contact_seconds),
            ),
            spec(
                D::ExpiryNotice,
                "Bắt đầu thông báo sắp hết hạn",
                "Expiry notice starts",
                u64::from(config.expiry_notice_days) * 86_400,
            ),
            spec(D::Expiry, "Hết hạn sử dụng", "Expiry", 0),
        ]
    }

    fn candidates(state: &StoreSubscriptionState, _: &Actor) -> Vec<StoreSubscriptionCommand> {
        use StoreSubscriptionCommand as C;
        let tier = state.contract.tier;
        let order = |kind, tier| C::StartOrder {
            kind,
            tier,
            months: 0,
            quote_vnd: Vnd::ZERO,
        };
        // Months and quote are the user's to fill in: left empty, they are only a field.
        let mut out = vec![
            order(OrderKind::Renewal, tier),
            order(OrderKind::NewPurchase, tier),
        ];
        out.extend(tier.higher().next().map(|t| order(OrderKind::Upgrade, t)));
        if let Some(o) = state.open_order() {
            let id = || o.order_id.clone();
            out.extend([
                C::ChoosePaymentMethod {
                    order_id: id(),
                    method: String::new(),
                },
                C::PaymentReceived {
                    reference: o.reference.clone(),
                    amount_vnd: Vnd::ZERO,
                },
                C::ContinuePayment { order_id: id() },
                C::StopPayment { order_id: id() },
                C::ClaimPaid { order_id: id() },
                C::ConfirmClaim {
                    order_id: id(),
                    amount_vnd: Vnd::ZERO,
                },
                C::RejectClaim {
                    order_id: id(),
                    note: None,
                },
            ]);
        }
        out
    }

    fn position(
        state: &StoreSubscriptionState,
        entity: Option<&str>,
    ) -> Vec<(&'static str, &'static str)> {
        let Some(id) = entity else {
            let c = &state.contract;
            let notice = if c.signed && c.notice_shown {
                "shown"
            } else {
                "hidden"
            };
            return vec![
                (table::CONTRACT, c.status.id()),
                (table::PACKAGE, c.tier.id()),
                (table::NOTICE, notice),
            ];
        };
        state
            .order(id)
            .map(|o| vec![(table::ORDER, o.status.id())])
            .unwrap_or_default()
    }
}
