//! The definition of `store_subscription` as tables: SPEC §4 (and seed 002), row by row.

use crate::kernel::{
    Channel, CommandSpec, INITIAL, Label, RegionSpec, RoleSpec, StateSpec, TemplateSpec,
    TransitionSpec,
};

/// The region of the store's contract status.
pub(super) const CONTRACT: &str = "contract";
/// The region of the store's package.
pub(super) const PACKAGE: &str = "package";
/// The region of the footer notice.
pub(super) const NOTICE: &str = "notice";
/// The region of an order (one per order).
pub(super) const ORDER: &str = "order";

/// The roles, as recipients of notifications.
pub(super) const OWNER_ADMIN: &str = "owner_admin";
pub(super) const STAFF: &str = "staff";
pub(super) const VENDOR: &str = "vendor";

const OWNER: &[&str] = &[OWNER_ADMIN];
const VENDOR_ONLY: &[&str] = &[VENDOR];
const GATEWAY: &[&str] = &["payment_gateway"];

pub(super) const ROLES: &[RoleSpec] = &[
    RoleSpec::new(
        OWNER_ADMIN,
        "Chủ gian hàng (tài khoản Admin)",
        "Store owner (Admin account)",
    ),
    RoleSpec::new(STAFF, "Nhân viên gian hàng", "Store staff"),
    RoleSpec::new(
        VENDOR,
        "Nhân viên kinh doanh / hỗ trợ của nhà cung cấp",
        "Vendor's sales and support",
    ),
    RoleSpec::new(
        "payment_gateway",
        "Cổng thanh toán (đối soát ngân hàng)",
        "Payment gateway (bank reconciliation)",
    ),
];

pub(super) const REGIONS: &[RegionSpec] = &[
    RegionSpec::new(
        CONTRACT,
        "Hợp đồng",
        "Contract",
        &[
            StateSpec::initial("trial", "Dùng thử", "Trial"),
            StateSpec::initial("active", "Đã ký hợp đồng, còn hạn", "Signed, in term"),
            StateSpec::inner("expired", "Hết hạn", "Expired"),
        ],
    ),
    RegionSpec::new(
        PACKAGE,
        "Gói dịch vụ",
        "Package",
        &[
            StateSpec::initial("support", "Hỗ trợ", "Support"),
            StateSpec::initial("professional", "Chuyên nghiệp", "Professional"),
            StateSpec::initial("premium", "Cao cấp", "Premium"),
        ],
    ),
    RegionSpec::new(
        NOTICE,
        "Thông báo dưới chân trang",
        "Footer notice",
        &[
            StateSpec::initial("hidden", "Không hiển thị", "Hidden"),
            StateSpec::inner(
                "shown",
                "Hiển thị số ngày còn lại (≤ 15 ngày)",
                "Days left shown (15 or fewer)",
            ),
        ],
    ),
    RegionSpec::per_entity(
        ORDER,
        "Đơn hàng",
        "Order",
        &[
            StateSpec::inner(
                "awaiting_payment_method",
                "Chờ chọn hình thức thanh toán",
                "Awaiting payment method",
            ),
            StateSpec::inner(
                "awaiting_payment",
                "Chờ thanh toán (mã QR)",
                "Awaiting payment (QR shown)",
            ),
            StateSpec::inner("underpaid", "Thanh toán thiếu", "Underpaid"),
            StateSpec::inner(
                "claim_under_review",
                "Đã báo thanh toán, chờ nhà cung cấp liên hệ",
                "Payment claimed, vendor to contact",
            ),
            StateSpec::inner(
                "claim_escalated",
                "Quá hạn liên hệ, đã nhắc nhà cung cấp",
                "Claim escalated (vendor contact overdue)",
            ),
            StateSpec::terminal("paid", "Thanh toán thành công", "Paid"),
            StateSpec::terminal("lapsed", "Quá hạn thanh toán", "Lapsed"),
            StateSpec::terminal("stopped", "Dừng thanh toán", "Stopped"),
            StateSpec::terminal("superseded", "Đã thay bằng đơn mới", "Superseded"),
        ],
    ),
];

pub(super) const QUERIES: &[CommandSpec] = &[
    CommandSpec::new(
        "store_profile",
        "Hồ sơ gian hàng",
        "Store profile",
        &[OWNER_ADMIN, VENDOR],
    ),
    CommandSpec::new(
        "footer_notice",
        "Thông báo dưới chân trang",
        "Footer notice",
        &[OWNER_ADMIN, STAFF],
    ),
    CommandSpec::new("orders", "Đơn hàng", "Orders", &[OWNER_ADMIN, VENDOR]),
    CommandSpec::new(
        "order_detail",
        "Chi tiết đơn hàng",
        "Order detail",
        &[OWNER_ADMIN, VENDOR],
    ),
];

pub(super) const COMMANDS: &[CommandSpec] = &[
    CommandSpec::new(
        "start_order",
        "Gia hạn / Mua mới / Nâng cấp",
        "Renew, buy or upgrade",
        OWNER,
    ),
    CommandSpec::new(
        "choose_payment_method",
        "Chọn hình thức thanh toán",
        "Choose the payment method",
        OWNER,
    ),
    CommandSpec::new(
        "payment_received",
        "Nhận thông tin thanh toán",
        "Payment received",
        GATEWAY,
    ),
    CommandSpec::new(
        "continue_payment",
        "Tiếp tục thanh toán",
        "Continue the payment",
        OWNER,
    ),
    CommandSpec::new("stop_payment", "Dừng thanh toán", "Stop the payment", OWNER),
    CommandSpec::new(
        "claim_paid",
        "Xác nhận đã thanh toán",
        "Report a payment not acknowledged",
        OWNER,
    ),
    CommandSpec::new(
        "confirm_claim",
        "Xác nhận khoản thanh toán",
        "Confirm the payment",
        VENDOR_ONLY,
    ),
    CommandSpec::new(
        "reject_claim",
        "Không tìm thấy khoản thanh toán",
        "Reject the claim",
        VENDOR_ONLY,
    ),
];

const fn contract(
    from: &'static str,
    to: &'static str,
    trigger: &'static str,
    guard: &'static str,
) -> TransitionSpec {
    TransitionSpec::new(CONTRACT, from, to, trigger, guard)
}

const fn package(from: &'static str, to: &'static str, trigger: &'static str) -> TransitionSpec {
    TransitionSpec::new(PACKAGE, from, to, trigger, UPGRADE_PAID)
}

const fn order(
    from: &'static str,
    to: &'static str,
    trigger: &'static str,
    guard: &'static str,
) -> TransitionSpec {
    TransitionSpec::new(ORDER, from, to, trigger, guard)
}

const FROM_PAID_AT: &str =
    "paid in full; active from the payment (a trial's days are not carried over)";
const FROM_EXPIRY: &str = "paid in full; extended from max(expiry, paid at) by the months bought";
const UPGRADE_PAID: &str = "an upgrade paid in full: the tier changes at payment";
const SHORT_PERIOD: &str = "the period bought ends 15 days or less after the payment";
const EXTENDED: &str = "paid in full: the contract is extended, the notice ends";
const IN_FULL: &str = "total received ≥ price: purchase-history entry, service confirmation, success notice; overpayment kept as credit";
const PARTIAL: &str = "total received < price: the remainder is shown; 24 h to continue or stop";

pub(super) const TRANSITIONS: &[TransitionSpec] = &[
    contract("trial", "active", "payment_received", FROM_PAID_AT),
    contract("trial", "active", "confirm_claim", FROM_PAID_AT),
    contract("active", "active", "payment_received", FROM_EXPIRY),
    contract("active", "active", "confirm_claim", FROM_EXPIRY),
    contract("expired", "active", "payment_received", FROM_EXPIRY),
    contract("expired", "active", "confirm_claim", FROM_EXPIRY),
    contract("trial", "expired", "expiry", "at the trial's expiry"),
    contract("active", "expired", "expiry", "at the contract's expiry"),
    package("support", "professional", "payment_received"),
    package("support", "professional", "confirm_claim"),
    package("support", "premium", "payment_received"),
    package("support", "premium", "confirm_claim"),
    package("professional", "premium", "payment_received"),
    package("professional", "premium", "confirm_claim"),
    TransitionSpec::new(
        NOTICE,
        "hidden",
        "shown",
        "expiry_notice",
        "a signed contract, 15 days before its expiry; admin and staff see the days left",
    ),
    TransitionSpec::new(NOTICE, "hidden", "shown", "payment_received", SHORT_PERIOD),
    TransitionSpec::new(NOTICE, "hidden", "shown", "confirm_claim", SHORT_PERIOD),
    TransitionSpec::new(NOTICE, "shown", "hidden", "payment_received", EXTENDED),
    TransitionSpec::new(NOTICE, "shown", "hidden", "confirm_claim", EXTENDED),
    order(
        INITIAL,
        "awaiting_payment_method",
        "start_order",
        "owner_admin; renewal and new purchase keep the tier, an upgrade buys a strictly higher one; months on offer; a quote above 0; no order with a QR open",
    ),
    order(
        "awaiting_payment_method",
        "superseded",
        "start_order",
        "a new order replaces one whose QR was never shown",
    ),
    order(
        "awaiting_payment_method",
        "awaiting_payment",
        "choose_payment_method",
        "a configured method; the VietQR of the vendor's account for the price and the order's reference; 24 h to pay",
    ),
    order(
        "awaiting_payment_method",
        "lapsed",
        "payment_window",
        "no method chosen in 24 h",
    ),
    order(
        "awaiting_payment_method",
        "paid",
        "payment_received",
        IN_FULL,
    ),
    order(
        "awaiting_payment_method",
        "underpaid",
        "payment_received",
        PARTIAL,
    ),
    order("awaiting_payment", "paid", "payment_received", IN_FULL),
    order("awaiting_payment", "underpaid", "payment_received", PARTIAL),
    order(
        "awaiting_payment",
        "claim_under_review",
        "claim_paid",
        "\"bấm vào đây để xác nhận thanh toán\": the vendor contacts the store within 24 h",
    ),
    order(
        "awaiting_payment",
        "lapsed",
        "payment_window",
        "nothing received in 24 h",
    ),
    order(
        "awaiting_payment",
        "stopped",
        "payment_window",
        "the remainder not paid in 24 h after a partial payment: the vendor follows up on the partial amount",
    ),
    order(
        "underpaid",
        "awaiting_payment",
        "continue_payment",
        "a new QR for the remainder; 24 h to pay",
    ),
    order(
        "underpaid",
        "stopped",
        "stop_payment",
        "the vendor follows up on the partial amount",
    ),
    order(
        "underpaid",
        "stopped",
        "payment_window",
        "neither continued nor stopped in 24 h: the vendor follows up on the partial amount",
    ),
    order("underpaid", "paid", "payment_received", IN_FULL),
    order("underpaid", "underpaid", "payment_received", PARTIAL),
    order(
        "claim_under_review",
        "paid",
        "confirm_claim",
        "the vendor confirms an amount that covers the price",
    ),
    order(
        "claim_under_review",
        "underpaid",
        "confirm_claim",
        "the vendor confirms less than the price",
    ),
    order("claim_under_review", "paid", "payment_received", IN_FULL),
    order(
        "claim_under_review",
        "underpaid",
        "payment_received",
        PARTIAL,
    ),
    order(
        "claim_under_review",
        "awaiting_payment",
        "reject_claim",
        "the vendor found no payment: the QR again; 24 h to pay",
    ),
    order(
        "claim_under_review",
        "claim_escalated",
        "vendor_contact",
        "not settled within 24 h: escalated to the vendor's queue",
    ),
    order(
        "claim_escalated",
        "paid",
        "confirm_claim",
        "the vendor confirms an amount that covers the price",
    ),
    order(
        "claim_escalated",
        "underpaid",
        "confirm_claim",
        "the vendor confirms less than the price",
    ),
    order("claim_escalated", "paid", "payment_received", IN_FULL),
    order("claim_escalated", "underpaid", "payment_received", PARTIAL),
    order(
        "claim_escalated",
        "awaiting_payment",
        "reject_claim",
        "the vendor found no payment: the QR again; 24 h to pay",
    ),
];

/// Template ids of the notifications `store_subscription` sends, each labelled in
/// Vietnamese and English in the definition.
///
/// ```
/// use quytrinh::kernel::{Definition, Lang};
/// use quytrinh::workflows::store_subscription::{StoreSubscription, templates};
/// let def = Definition::of::<StoreSubscription>(&Default::default());
/// let t = def.templates.iter().find(|t| t.id == templates::PAYMENT_SUCCEEDED).unwrap();
/// assert_eq!(t.label.get(Lang::Vi), "Thanh toán thành công");
/// ```
pub mod templates {
    /// In-app to the store (owner and staff): "Thanh toán thành công".
    pub const PAYMENT_SUCCEEDED: &str = "store_subscription.payment_succeeded";
    /// In-app to the owner: paid less than due, with the remainder.
    pub const PAYMENT_UNDERPAID: &str = "store_subscription.payment_underpaid";
    /// In-app to the owner: the payment stopped; the vendor will follow up.
    pub const PAYMENT_STOPPED: &str = "store_subscription.payment_stopped";
    /// In-app to the vendor: a store says it paid; contact it within 24 h.
    pub const CLAIM_RECEIVED: &str = "store_subscription.claim_received";
    /// In-app to the vendor: a claim was not settled within 24 h.
    pub const CLAIM_OVERDUE: &str = "store_subscription.claim_overdue";
    /// In-app to the owner: no payment was found; pay with the QR.
    pub const CLAIM_REJECTED: &str = "store_subscription.claim_rejected";
    /// In-app to the store (owner and staff): the contract ends in 15 days or less.
    pub const EXPIRY_NOTICE: &str = "store_subscription.expiry_notice";
    /// In-app to the store (owner and staff): the trial or contract has expired.
    pub const CONTRACT_EXPIRED: &str = "store_subscription.contract_expired";
}

pub(super) const TEMPLATES: &[TemplateSpec] = &[
    TemplateSpec::new(
        templates::PAYMENT_SUCCEEDED,
        Channel::InApp,
        "Thanh toán thành công",
        "Payment successful",
    ),
    TemplateSpec::new(
        templates::PAYMENT_UNDERPAID,
        Channel::InApp,
        "Gian hàng thanh toán thiếu, còn lại cần thanh toán",
        "Paid less than due: the remainder to pay",
    ),
    TemplateSpec::new(
        templates::PAYMENT_STOPPED,
        Channel::InApp,
        "Đã dừng thanh toán, nhân viên sẽ liên hệ",
        "Payment stopped; the vendor will be in touch",
    ),
    TemplateSpec::new(
        templates::CLAIM_RECEIVED,
        Channel::InApp,
        "Gian hàng báo đã thanh toán: liên hệ trong vòng 24h",
        "A store reports a payment: contact it within 24 h",
    ),
    TemplateSpec::new(
        templates::CLAIM_OVERDUE,
        Channel::InApp,
        "Quá 24h chưa liên hệ gian hàng báo đã thanh toán",
        "A payment claim was not settled within 24 h",
    ),
    TemplateSpec::new(
        templates::CLAIM_REJECTED,
        Channel::InApp,
        "Chưa nhận được thanh toán, vui lòng quét mã QR",
        "No payment was found; please pay with the QR",
    ),
    TemplateSpec::new(
        templates::EXPIRY_NOTICE,
        Channel::InApp,
        "Hợp đồng sắp hết hạn: số ngày còn lại",
        "The contract expires soon: days left",
    ),
    TemplateSpec::new(
        templates::CONTRACT_EXPIRED,
        Channel::InApp,
        "Gian hàng đã hết hạn sử dụng",
        "The store's subscription has expired",
    ),
];

/// The workflow's name in Vietnamese and English.
pub(super) const LABEL: Label = Label::new(
    "Hồ sơ gian hàng: gia hạn, mua mới, nâng gói",
    "Store subscription: renewal, purchase, upgrade",
);
