//! The definition of `companion` as tables: SPEC §2, row by row.

use crate::kernel::{
    Channel, CommandSpec, INITIAL, Label, RegionSpec, RoleSpec, StateSpec, TemplateSpec,
    TransitionSpec,
};

/// How a state sits in its region's lifecycle.
#[derive(Clone, Copy)]
enum Kind {
    Initial,
    Inner,
    Terminal,
}

const fn state(id: &'static str, vi: &'static str, en: &'static str, kind: Kind) -> StateSpec {
    StateSpec {
        id,
        label: Label::new(vi, en),
        initial: matches!(kind, Kind::Initial),
        terminal: matches!(kind, Kind::Terminal),
    }
}

const fn command(
    name: &'static str,
    vi: &'static str,
    en: &'static str,
    roles: &'static [&'static str],
) -> CommandSpec {
    CommandSpec {
        name,
        label: Label::new(vi, en),
        roles,
    }
}

const fn transition(
    region: &'static str,
    from: &'static str,
    to: &'static str,
    trigger: &'static str,
    guard: &'static str,
) -> TransitionSpec {
    TransitionSpec {
        region,
        from,
        to,
        trigger,
        guard,
    }
}

const fn template(
    id: &'static str,
    channel: Channel,
    vi: &'static str,
    en: &'static str,
) -> TemplateSpec {
    TemplateSpec {
        id,
        channel,
        label: Label::new(vi, en),
    }
}

const PARTIES: &[&str] = &["saco", "customer"];

pub(super) const ROLES: &[RoleSpec] = &[
    RoleSpec {
        id: "saco",
        label: Label::new("Bạn đồng hành đầu tư (SACO)", "Investment companion (SACO)"),
    },
    RoleSpec {
        id: "customer",
        label: Label::new("Khách hàng", "Customer"),
    },
];

pub(super) const REGIONS: &[RegionSpec] = &[
    RegionSpec {
        id: "relationship",
        label: Label::new("Quan hệ đồng hành", "Companion relationship"),
        states: &[
            state("none", "Chưa đồng hành", "Not linked", Kind::Initial),
            state("active", "Đang đồng hành", "Active", Kind::Initial),
            state(
                "unlink_pending",
                "Chờ hủy đồng hành (SACO chỉ xem)",
                "Unlink pending (SACO view-only)",
                Kind::Inner,
            ),
            state("ended", "Đã hủy đồng hành", "Ended", Kind::Inner),
        ],
    },
    RegionSpec {
        id: "request",
        label: Label::new("Yêu cầu", "Request"),
        states: &[
            state("awaiting_otp", "Chờ nhập OTP", "Awaiting OTP", Kind::Inner),
            state(
                "pending",
                "Đang xác nhận",
                "Awaiting confirmation",
                Kind::Inner,
            ),
            state("confirmed", "Đã xác nhận", "Confirmed", Kind::Terminal),
            state(
                "auto_confirmed",
                "Tự động xác nhận",
                "Auto-confirmed",
                Kind::Terminal,
            ),
            state("rejected", "Từ chối", "Rejected", Kind::Inner),
            state("withdrawn", "Đã huỷ", "Withdrawn", Kind::Inner),
            state("expired", "Hết hạn", "Expired", Kind::Inner),
            state(
                "abandoned",
                "Bỏ dở (chưa hoàn tất OTP)",
                "Abandoned (OTP not completed)",
                Kind::Terminal,
            ),
        ],
    },
];

pub(super) const COMMANDS: &[CommandSpec] = &[
    command("request_unlink", "Hủy đồng hành", "Request unlink", PARTIES),
    command("request_link", "Kết nối đồng hành", "Request link", PARTIES),
    command("resend", "Gửi lại yêu cầu", "Resend request", PARTIES),
    command("otp_verified", "OTP hợp lệ", "OTP verified", PARTIES),
    command("otp_failed", "OTP sai", "OTP failed", PARTIES),
    command(
        "confirm",
        "Xác nhận hủy đồng hành",
        "Confirm unlink",
        PARTIES,
    ),
    command("accept", "Đồng ý kết nối", "Accept link", PARTIES),
    command("reject", "Từ chối", "Reject", PARTIES),
    command("withdraw", "Hủy yêu cầu", "Withdraw request", PARTIES),
];

pub(super) const TRANSITIONS: &[TransitionSpec] = &[
    transition(
        "request",
        INITIAL,
        "awaiting_otp",
        "request_unlink",
        "either party; relationship active; no open request",
    ),
    transition(
        "request",
        INITIAL,
        "awaiting_otp",
        "request_link",
        "either party; no relationship; no open request",
    ),
    transition(
        "request",
        INITIAL,
        "awaiting_otp",
        "resend",
        "the requester; the old request withdrawn, rejected or expired",
    ),
    transition(
        "request",
        "awaiting_otp",
        "pending",
        "otp_verified",
        "the requester's OTP passed",
    ),
    transition(
        "request",
        "awaiting_otp",
        "abandoned",
        "otp_failed",
        "the last allowed OTP attempt failed",
    ),
    transition(
        "request",
        "awaiting_otp",
        "abandoned",
        "otp_expiry",
        "the OTP was not completed in time",
    ),
    transition(
        "request",
        "pending",
        "pending",
        "confirm",
        "the counterparty; stages its OTP",
    ),
    transition(
        "request",
        "pending",
        "pending",
        "accept",
        "the counterparty; stages its OTP",
    ),
    transition(
        "request",
        "pending",
        "confirmed",
        "otp_verified",
        "the counterparty's OTP passed",
    ),
    transition(
        "request",
        "pending",
        "auto_confirmed",
        "auto_confirm",
        "unlink request unanswered for 24 h",
    ),
    transition(
        "request",
        "pending",
        "rejected",
        "reject",
        "the counterparty",
    ),
    transition(
        "request",
        "pending",
        "withdrawn",
        "withdraw",
        "the requester",
    ),
    transition(
        "request",
        "pending",
        "expired",
        "link_expiry",
        "link request unanswered for 24 h",
    ),
    transition(
        "relationship",
        "active",
        "unlink_pending",
        "otp_verified",
        "an unlink request became pending; trading suspended",
    ),
    transition(
        "relationship",
        "unlink_pending",
        "ended",
        "otp_verified",
        "the counterparty confirmed the unlink",
    ),
    transition(
        "relationship",
        "unlink_pending",
        "ended",
        "auto_confirm",
        "24 h without an answer",
    ),
    transition(
        "relationship",
        "unlink_pending",
        "active",
        "reject",
        "trading restored",
    ),
    transition(
        "relationship",
        "unlink_pending",
        "active",
        "withdraw",
        "trading restored",
    ),
    transition(
        "relationship",
        "none",
        "active",
        "otp_verified",
        "the counterparty accepted the link",
    ),
    transition(
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
    template(
        templates::UNLINK_REQUESTED,
        Channel::InApp,
        "Có yêu cầu hủy đồng hành cần xác nhận",
        "An unlink request awaits your confirmation",
    ),
    template(
        templates::LINK_REQUESTED,
        Channel::InApp,
        "Có yêu cầu kết nối đồng hành cần xác nhận",
        "A link request awaits your answer",
    ),
    template(
        templates::UNLINK_COMPLETED,
        Channel::Email,
        "Đã hủy đồng hành thành công",
        "The companion relationship has ended",
    ),
    template(
        templates::LINK_COMPLETED,
        Channel::Email,
        "Thành công kết nối với bạn đồng hành",
        "The companion relationship has started",
    ),
    template(
        templates::REQUEST_REJECTED,
        Channel::InApp,
        "Yêu cầu của bạn đã bị từ chối",
        "Your request was rejected",
    ),
    template(
        templates::REQUEST_WITHDRAWN,
        Channel::InApp,
        "Yêu cầu đã được người gửi hủy",
        "The request was withdrawn by its sender",
    ),
    template(
        templates::REQUEST_EXPIRED,
        Channel::InApp,
        "Yêu cầu đã hết hạn",
        "The request expired",
    ),
];
