//! The definition of `companion` as tables: SPEC §2, row by row.

use crate::kernel::{
    Channel, CommandSpec, INITIAL, Label, RegionSpec, RoleSpec, StateSpec, TemplateSpec,
    TransitionSpec,
};

const PARTIES: &[&str] = &["saco", "customer"];

pub(super) const ROLES: &[RoleSpec] = &[
    RoleSpec::new(
        "saco",
        "Bạn đồng hành đầu tư (SACO)",
        "Investment companion (SACO)",
    ),
    RoleSpec::new("customer", "Khách hàng", "Customer"),
];

pub(super) const REGIONS: &[RegionSpec] = &[
    RegionSpec {
        per_entity: false,
        id: "relationship",
        label: Label::new("Quan hệ đồng hành", "Companion relationship"),
        states: &[
            StateSpec::initial("none", "Chưa đồng hành", "Not linked"),
            StateSpec::initial("active", "Đang đồng hành", "Active"),
            StateSpec::inner(
                "unlink_pending",
                "Chờ hủy đồng hành (SACO chỉ xem)",
                "Unlink pending (SACO view-only)",
            ),
            StateSpec::inner("ended", "Đã hủy đồng hành", "Ended"),
        ],
    },
    RegionSpec {
        per_entity: false,
        id: "request",
        label: Label::new("Yêu cầu", "Request"),
        states: &[
            StateSpec::inner("awaiting_otp", "Chờ nhập OTP", "Awaiting OTP"),
            StateSpec::inner("pending", "Đang xác nhận", "Awaiting confirmation"),
            StateSpec::terminal("confirmed", "Đã xác nhận", "Confirmed"),
            StateSpec::terminal("auto_confirmed", "Tự động xác nhận", "Auto-confirmed"),
            StateSpec::inner("rejected", "Từ chối", "Rejected"),
            StateSpec::inner("withdrawn", "Đã huỷ", "Withdrawn"),
            StateSpec::inner("expired", "Hết hạn", "Expired"),
            StateSpec::terminal(
                "abandoned",
                "Bỏ dở (chưa hoàn tất OTP)",
                "Abandoned (OTP not completed)",
            ),
        ],
    },
];

pub(super) const COMMANDS: &[CommandSpec] = &[
    CommandSpec::new("request_unlink", "Hủy đồng hành", "Request unlink", PARTIES),
    CommandSpec::new("request_link", "Kết nối đồng hành", "Request link", PARTIES),
    CommandSpec::new("resend", "Gửi lại yêu cầu", "Resend request", PARTIES),
    CommandSpec::new("otp_verified", "OTP hợp lệ", "OTP verified", PARTIES),
    CommandSpec::new("otp_failed", "OTP sai", "OTP failed", PARTIES),
    CommandSpec::new(
        "confirm",
        "Xác nhận hủy đồng hành",
        "Confirm unlink",
        PARTIES,
    ),
    CommandSpec::new("accept", "Đồng ý kết nối", "Accept link", PARTIES),
    CommandSpec::new("reject", "Từ chối", "Reject", PARTIES),
    CommandSpec::new("withdraw", "Hủy yêu cầu", "Withdraw request", PARTIES),
];

pub(super) const QUERIES: &[CommandSpec] = &[CommandSpec::new(
    "requests",
    "Danh sách yêu cầu",
    "Requests",
    PARTIES,
)];

pub(super) const TRANSITIONS: &[TransitionSpec] = &[
    TransitionSpec::new(
        "request",
        INITIAL,
        "awaiting_otp",
        "request_unlink",
        "either party; relationship active; no open request",
    ),
    TransitionSpec::new(
        "request",
        INITIAL,
        "awaiting_otp",
        "request_link",
        "either party; no relationship; no open request",
    ),
    TransitionSpec::new(
        "request",
        INITIAL,
        "awaiting_otp",
        "resend",
        "the requester; the old request withdrawn, rejected or expired",
    ),
    TransitionSpec::new(
        "request",
        "awaiting_otp",
        "pending",
        "otp_verified",
        "the requester's OTP passed",
    ),
    TransitionSpec::new(
        "request",
        "awaiting_otp",
        "abandoned",
        "otp_failed",
        "the last allowed OTP attempt failed",
    ),
    TransitionSpec::new(
        "request",
        "awaiting_otp",
        "abandoned",
        "otp_expiry",
        "the OTP was not completed in time",
    ),
    TransitionSpec::new(
        "request",
        "pending",
        "pending",
        "confirm",
        "the counterparty; stages its OTP",
    ),
    TransitionSpec::new(
        "request",
        "pending",
        "pending",
        "accept",
        "the counterparty; stages its OTP",
    ),
    TransitionSpec::new(
        "request",
        "pending",
        "confirmed",
        "otp_verified",
        "the counterparty's OTP passed",
    ),
    TransitionSpec::new(
        "request",
        "pending",
        "auto_confirmed",
        "auto_confirm",
        "unlink request unanswered for 24 h",
    ),
    TransitionSpec::new(
        "request",
        "pending",
        "rejected",
        "reject",
        "the counterparty",
    ),
    TransitionSpec::new(
        "request",
        "pending",
        "withdrawn",
        "withdraw",
        "the requester",
    ),
    TransitionSpec::new(
        "request",
        "pending",
        "expired",
        "link_expiry",
        "link request unanswered for 24 h",
    ),
    TransitionSpec::new(
        "relationship",
        "active",
        "unlink_pending",
        "otp_verified",
        "an unlink request became pending; trading suspended",
    ),
    TransitionSpec::new(
        "relationship",
        "unlink_pending",
        "ended",
        "otp_verified",
        "the counterparty confirmed the unlink",
    ),
    TransitionSpec::new(
        "relationship",
        "unlink_pending",
        "ended",
        "auto_confirm",
        "24 h without an answer",
    ),
    TransitionSpec::new(
        "relationship",
        "unlink_pending",
        "active",
        "reject",
        "trading restored",
    ),
    TransitionSpec::new(
        "relationship",
        "unlink_pending",
        "active",
        "withdraw",
        "trading restored",
    ),
    TransitionSpec::new(
        "relationship",
        "none",
        "active",
        "otp_verified",
        "the counterparty accepted the link",
    ),
    TransitionSpec::new(
        "relationship",
        "ended",
        "active",
        "otp_verified",
        "the counterparty accepted a new link",
    ),
];

/// Template ids of the notifications `companion` sends.
pub mod templates {
    /// In-app, to the counterparty: an unlink request awaits confirmation.
    pub const UNLINK_REQUESTED: &str = "companion.unlink_requested";
    /// In-app, to the counterparty: a link request awaits acceptance.
    pub const LINK_REQUESTED: &str = "companion.link_requested";
    /// E-mail, to both parties: the relationship has ended.
    pub const UNLINK_COMPLETED: &str = "companion.unlink_completed";
    /// E-mail, to both parties: the relationship has started.
    pub const LINK_COMPLETED: &str = "companion.link_completed";
    /// In-app, to the requester: the counterparty rejected the request.
    pub const REQUEST_REJECTED: &str = "companion.request_rejected";
    /// In-app, to the counterparty: the requester withdrew the request.
    pub const REQUEST_WITHDRAWN: &str = "companion.request_withdrawn";
    /// In-app, to the requester: the link request expired unanswered.
    pub const REQUEST_EXPIRED: &str = "companion.request_expired";
}

pub(super) const TEMPLATES: &[TemplateSpec] = &[
    TemplateSpec::new(
        templates::UNLINK_REQUESTED,
        Channel::InApp,
        "Có yêu cầu hủy đồng hành cần xác nhận",
        "An unlink request awaits your confirmation",
    ),
    TemplateSpec::new(
        templates::LINK_REQUESTED,
        Channel::InApp,
        "Có yêu cầu kết nối đồng hành cần xác nhận",
        "A link request awaits your answer",
    ),
    TemplateSpec::new(
        templates::UNLINK_COMPLETED,
        Channel::Email,
        "Đã hủy đồng hành thành công",
        "The companion relationship has ended",
    ),
    TemplateSpec::new(
        templates::LINK_COMPLETED,
        Channel::Email,
        "Thành công kết nối với bạn đồng hành",
        "The companion relationship has started",
    ),
    TemplateSpec::new(
        templates::REQUEST_REJECTED,
        Channel::InApp,
        "Yêu cầu của bạn đã bị từ chối",
        "Your request was rejected",
    ),
    TemplateSpec::new(
        templates::REQUEST_WITHDRAWN,
        Channel::InApp,
        "Yêu cầu đã được người gửi hủy",
        "The request was withdrawn by its sender",
    ),
    TemplateSpec::new(
        templates::REQUEST_EXPIRED,
        Channel::InApp,
        "Yêu cầu đã hết hạn",
        "The request expired",
    ),
];
