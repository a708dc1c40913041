//! The definition of `renewal_billing` as tables: SPEC §5 (and seed 003), row by row.

use crate::kernel::{
    Channel, CommandSpec, INITIAL, RegionSpec, RoleSpec, StateSpec, TemplateSpec, TransitionSpec,
};

/// The region of the subscription as a whole.
pub(super) const SUBSCRIPTION: &str = "subscription";
/// The region of each payment request.
pub(super) const REQUEST: &str = "request";

/// The role of customer-success staff.
pub(super) const CSM: &str = "csm";
/// The role of the customer.
pub(super) const CUSTOMER: &str = "customer";

const CSM_ONLY: &[&str] = &[CSM];
const CUSTOMER_ONLY: &[&str] = &[CUSTOMER];

pub(super) const ROLES: &[RoleSpec] = &[
    RoleSpec::new(
        "csm",
        "Nhân viên chăm sóc khách hàng (CSM)",
        "Customer-success staff (CSM)",
    ),
    RoleSpec::new(
        "scheduler",
        "Hệ thống lập yêu cầu thanh toán tự động",
        "The host's billing scheduler",
    ),
    RoleSpec::new("customer", "Khách hàng", "Customer"),
    RoleSpec::new(
        "payment_gateway",
        "Cổng thanh toán / đối soát ngân hàng",
        "Payment gateway (bank reconciliation)",
    ),
];

pub(super) const REGIONS: &[RegionSpec] = &[
    RegionSpec::new(
        SUBSCRIPTION,
        "Thuê bao sản phẩm",
        "Subscription",
        &[
            StateSpec::initial("active", "Đang sử dụng", "Active"),
            StateSpec::inner("lapsed", "Đã hết hạn, không gia hạn", "Lapsed, not renewed"),
        ],
    ),
    RegionSpec::per_entity(
        REQUEST,
        "Yêu cầu thanh toán (YCTT)",
        "Payment request (YCTT)",
        &[
            StateSpec::inner("issued", "Đã gửi YCTT", "Issued"),
            StateSpec::inner("opened", "Khách hàng đã mở YCTT", "Opened by the customer"),
            StateSpec::inner(
                "customer_reported_paid",
                "Khách hàng báo đã thanh toán",
                "Customer reported paid",
            ),
            StateSpec::terminal("paid", "Đã thanh toán, đã gia hạn", "Paid, renewed"),
            StateSpec::terminal("cancelled", "Đã hủy YCTT", "Cancelled"),
            StateSpec::terminal("refused_renewal", "Từ chối gia hạn", "Renewal refused"),
            StateSpec::terminal("expired", "Hết hạn chưa thanh toán", "Expired unpaid"),
        ],
    ),
];

pub(super) const COMMANDS: &[CommandSpec] = &[
    CommandSpec::new(
        "issue_request",
        "Lập yêu cầu thanh toán",
        "Issue a payment request",
        &["scheduler", CSM],
    ),
    CommandSpec::new(
        "record_opened",
        "Khách hàng mở YCTT",
        "Customer opened the request",
        CUSTOMER_ONLY,
    ),
    CommandSpec::new(
        "report_paid",
        "Báo đã thanh toán",
        "Report having paid",
        CUSTOMER_ONLY,
    ),
    CommandSpec::new(
        "payment_received",
        "Nhận tiền thanh toán",
        "Payment received",
        &["payment_gateway"],
    ),
    CommandSpec::new(
        "resend",
        "Gửi lại yêu cầu qua email/SMS",
        "Resend by e-mail or SMS",
        CSM_ONLY,
    ),
    CommandSpec::new("cancel", "Hủy YCTT", "Cancel the request", CSM_ONLY),
    CommandSpec::new(
        "mark_refused_renewal",
        "Đánh dấu YCTT bị khách hàng từ chối gia hạn",
        "Mark the renewal refused",
        CSM_ONLY,
    ),
    CommandSpec::new(
        "update_buyer_info",
        "Cập nhật thông tin mua hàng",
        "Update the buyer information",
        CSM_ONLY,
    ),
    CommandSpec::new(
        "update_invoice_info",
        "Cập nhật thông tin xuất hóa đơn",
        "Update the invoice information",
        CSM_ONLY,
    ),
    CommandSpec::new("add_note", "Ghi chú", "Add a note", CSM_ONLY),
];

pub(super) const QUERIES: &[CommandSpec] = &[
    CommandSpec::new(
        "request_detail",
        "Xem chi tiết YCTT",
        "Request detail",
        &[CSM, CUSTOMER],
    ),
    CommandSpec::new(
        "requests",
        "Danh sách yêu cầu thanh toán",
        "Payment requests",
        &[CSM, CUSTOMER],
    ),
    CommandSpec::new(
        "support_history",
        "Lịch sử hỗ trợ",
        "Support history",
        CSM_ONLY,
    ),
    CommandSpec::new(
        "customer_info",
        "Thông tin mua hàng và xuất hóa đơn",
        "Buyer and invoice information",
        &[CSM, CUSTOMER],
    ),
];

pub(super) const REPORTS: &[CommandSpec] = &[CommandSpec::new(
    "filter",
    "Bộ lọc theo tình trạng YCTT",
    "Filter by request status",
    CSM_ONLY,
)];

const fn request(
    from: &'static str,
    to: &'static str,
    trigger: &'static str,
    guard: &'static str,
) -> TransitionSpec {
    TransitionSpec::new(REQUEST, from, to, trigger, guard)
}

const fn subscription(
    from: &'static str,
    to: &'static str,
    trigger: &'static str,
    guard: &'static str,
) -> TransitionSpec {
    TransitionSpec::new(SUBSCRIPTION, from, to, trigger, guard)
}

const PAID: &str = "the payments cover the amount; the invoice is issued with the information in force; the term is extended";
const PART: &str = "part of the amount; the customer is told what remains";
const RESEND: &str = "csm in scope; at most 3 a Vietnam calendar day; in the support history";
const CANCEL: &str = "csm in scope; nothing received yet; reason 1–2000 characters; a new request may then be issued";
const REFUSE: &str = "csm in scope; nothing received yet; reason 1–2000 characters; reminders stop";
const EXPIRE: &str = "the term ended before the request was paid";
const REMIND: &str =
    "30/15/7/3/1 days before the term's last day at 09:00; on a day off, the working day before";
const CARE: &str = "csm in scope; validated; in the support history";

pub(super) const TRANSITIONS: &[TransitionSpec] = &[
    subscription("active", "active", "payment_received", PAID),
    subscription(
        "active",
        "lapsed",
        "term_end",
        "the term's last day has passed without a renewal; a live request expires",
    ),
    subscription("active", "active", "update_buyer_info", CARE),
    subscription(
        "active",
        "active",
        "update_invoice_info",
        "csm in scope; tax code, e-mail validated; the next invoice is issued with it",
    ),
    subscription(
        "active",
        "active",
        "add_note",
        "csm in scope; 1–2000 characters",
    ),
    subscription("lapsed", "lapsed", "update_buyer_info", CARE),
    subscription("lapsed", "lapsed", "update_invoice_info", CARE),
    subscription("lapsed", "lapsed", "add_note", CARE),
    request(
        INITIAL,
        "issued",
        "issue_request",
        "scheduler or csm in scope; the next term; no live request; e-mail and SMS with the payment content and transfer information",
    ),
    request(
        "issued",
        "opened",
        "record_opened",
        "the subscription's customer",
    ),
    request(
        "issued",
        "customer_reported_paid",
        "report_paid",
        "the subscription's customer; reconcile by 2 working days",
    ),
    request(
        "opened",
        "customer_reported_paid",
        "report_paid",
        "the subscription's customer; reconcile by 2 working days",
    ),
    request("issued", "issued", "reminder", REMIND),
    request("opened", "opened", "reminder", REMIND),
    request(
        "customer_reported_paid",
        "customer_reported_paid",
        "reconcile_by",
        "not reconciled in 2 working days: the csm is alerted",
    ),
    request("issued", "paid", "payment_received", PAID),
    request("opened", "paid", "payment_received", PAID),
    request("customer_reported_paid", "paid", "payment_received", PAID),
    request("issued", "issued", "payment_received", PART),
    request("opened", "opened", "payment_received", PART),
    request(
        "customer_reported_paid",
        "customer_reported_paid",
        "payment_received",
        PART,
    ),
    request("issued", "issued", "resend", RESEND),
    request("opened", "opened", "resend", RESEND),
    request(
        "customer_reported_paid",
        "customer_reported_paid",
        "resend",
        RESEND,
    ),
    request("issued", "cancelled", "cancel", CANCEL),
    request("opened", "cancelled", "cancel", CANCEL),
    request("customer_reported_paid", "cancelled", "cancel", CANCEL),
    request("issued", "refused_renewal", "mark_refused_renewal", REFUSE),
    request("opened", "refused_renewal", "mark_refused_renewal", REFUSE),
    request(
        "customer_reported_paid",
        "refused_renewal",
        "mark_refused_renewal",
        REFUSE,
    ),
    request("issued", "expired", "term_end", EXPIRE),
    request("opened", "expired", "term_end", EXPIRE),
    request("customer_reported_paid", "expired", "term_end", EXPIRE),
];

/// Template ids of the notifications `renewal_billing` sends, each labelled in Vietnamese and
/// English in the definition.
///
/// ```
/// use quytrinh::kernel::{Definition, Lang};
/// use quytrinh::workflows::renewal_billing::{RenewalBilling, templates};
/// let def = Definition::of::<RenewalBilling>(&Default::default());
/// let t = def.templates.iter().find(|t| t.id == templates::RECONCILE_OVERDUE).unwrap();
/// assert_eq!(t.label.get(Lang::En), "A reported payment is not reconciled");
/// ```
pub mod templates {
    /// E-mail to the buyer: the request, its payment content, transfer information and QR
    /// (sent when issued and when a csm resends it by e-mail).
    pub const REQUEST_ISSUED: &str = "renewal_billing.request_issued";
    /// SMS to the buyer: the request's amount, account and transfer reference (when issued
    /// and when a csm resends it by SMS).
    pub const REQUEST_ISSUED_SMS: &str = "renewal_billing.request_issued_sms";
    /// E-mail to the buyer: the term ends in so many days.
    pub const REMINDER: &str = "renewal_billing.reminder";
    /// In-app to the csm: the customer reports having paid; reconcile.
    pub const CUSTOMER_REPORTED_PAID: &str = "renewal_billing.customer_reported_paid";
    /// E-mail to the buyer: part received, what remains, with a QR for it.
    pub const PARTIAL_PAYMENT: &str = "renewal_billing.partial_payment";
    /// E-mail to the buyer: paid, renewed to the new last day.
    pub const RENEWED: &str = "renewal_billing.renewed";
    /// In-app to the csm: a reported payment is not reconciled in time.
    pub const RECONCILE_OVERDUE: &str = "renewal_billing.reconcile_overdue";
    /// E-mail to the buyer: the request was cancelled.
    pub const REQUEST_CANCELLED: &str = "renewal_billing.request_cancelled";
    /// In-app to the csm: the term ended with the request unpaid.
    pub const REQUEST_EXPIRED: &str = "renewal_billing.request_expired";
    /// E-mail to the buyer: the subscription has ended.
    pub const SUBSCRIPTION_LAPSED: &str = "renewal_billing.subscription_lapsed";
}

pub(super) const TEMPLATES: &[TemplateSpec] = &[
    TemplateSpec::new(
        templates::REQUEST_ISSUED,
        Channel::Email,
        "Yêu cầu thanh toán gia hạn sản phẩm",
        "Renewal payment request",
    ),
    TemplateSpec::new(
        templates::REQUEST_ISSUED_SMS,
        Channel::Sms,
        "Yêu cầu thanh toán gia hạn (SMS)",
        "Renewal payment request (SMS)",
    ),
    TemplateSpec::new(
        templates::REMINDER,
        Channel::Email,
        "Nhắc gia hạn: gói sắp hết hạn",
        "Reminder: the term ends soon",
    ),
    TemplateSpec::new(
        templates::CUSTOMER_REPORTED_PAID,
        Channel::InApp,
        "Khách hàng báo đã thanh toán, cần đối soát",
        "The customer reports having paid: reconcile",
    ),
    TemplateSpec::new(
        templates::PARTIAL_PAYMENT,
        Channel::Email,
        "Đã nhận một phần tiền thanh toán",
        "Part of the payment received",
    ),
    TemplateSpec::new(
        templates::RENEWED,
        Channel::Email,
        "Gia hạn thành công",
        "Renewed",
    ),
    TemplateSpec::new(
        templates::RECONCILE_OVERDUE,
        Channel::InApp,
        "Khách báo đã thanh toán nhưng chưa nhận được tiền",
        "A reported payment is not reconciled",
    ),
    TemplateSpec::new(
        templates::REQUEST_CANCELLED,
        Channel::Email,
        "Yêu cầu thanh toán đã được hủy",
        "The payment request was cancelled",
    ),
    TemplateSpec::new(
        templates::REQUEST_EXPIRED,
        Channel::InApp,
        "YCTT hết hạn mà chưa được thanh toán",
        "A request expired unpaid",
    ),
    TemplateSpec::new(
        templates::SUBSCRIPTION_LAPSED,
        Channel::Email,
        "Gói sản phẩm đã hết hạn",
        "The subscription has ended",
    ),
];
