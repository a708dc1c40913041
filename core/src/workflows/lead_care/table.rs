//! The definition of `lead_care` as tables: SPEC §3 (and seed 001), row by row.

use crate::kernel::{
    Channel, CommandSpec, INITIAL, Label, RegionSpec, RoleSpec, StateSpec, TemplateSpec,
    TransitionSpec,
};

/// The region of the package's review batch.
pub(super) const BATCH: &str = "batch";
/// The region of a lead's care status (the lead that changed last).
pub(super) const LEAD: &str = "lead";
/// The region of a lead's compensation request (the lead that changed last).
pub(super) const COMPENSATION: &str = "compensation";

/// The state of region `lead` for a status outside the default catalogue.
pub(super) const CUSTOM_STATUS: &str = "custom";

/// The ids of the default catalogue, as states of region `lead`.
pub(super) const DEFAULT_STATUS_IDS: &[&str] = &[
    "new",
    "contacted",
    "interested",
    "appointment",
    "converted",
    "not_interested",
    "unreachable",
    "wrong_number",
    "duplicate",
    "fake_info",
];

const CONSULTANT: &[&str] = &["consultant"];
const REVIEWER: &[&str] = &["reviewer"];
const PLATFORM: &[&str] = &["platform"];

pub(super) const ROLES: &[RoleSpec] = &[
    RoleSpec::new(
        "consultant",
        "Đối tác tư vấn (chủ gói tài khoản)",
        "Consultant (the package's buyer)",
    ),
    RoleSpec::new(
        "reviewer",
        "Nhân viên xét duyệt của nền tảng",
        "Platform reviewer",
    ),
    RoleSpec::new(
        "platform",
        "Hệ thống phân phối khách hàng của nền tảng",
        "Platform lead distribution",
    ),
];

pub(super) const REGIONS: &[RegionSpec] = &[
    RegionSpec {
        per_entity: false,
        id: BATCH,
        label: Label::new("Đợt gửi xét duyệt", "Review batch"),
        states: &[
            StateSpec::initial("idle", "Không có đợt đang xét duyệt", "No batch in review"),
            StateSpec::inner("in_review", "Đang xét duyệt", "In review"),
            StateSpec::inner(
                "overdue",
                "Quá hạn xét duyệt, đã nhắc",
                "Review overdue, reminded",
            ),
        ],
    },
    RegionSpec {
        per_entity: true,
        id: LEAD,
        label: Label::new("Tình trạng khách hàng", "Lead care status"),
        states: &[
            // Not initial: leads enter from [`INITIAL`] when delivered (at creation or later).
            StateSpec::inner("new", "Mới nhận", "New"),
            StateSpec::inner("contacted", "Đã liên hệ", "Contacted"),
            StateSpec::inner("interested", "Quan tâm", "Interested"),
            StateSpec::inner("appointment", "Đã hẹn gặp", "Appointment"),
            StateSpec::inner("converted", "Đã chốt hợp đồng", "Converted"),
            StateSpec::inner("not_interested", "Không có nhu cầu", "Not interested"),
            StateSpec::inner(
                "unreachable",
                "Không liên lạc được (được bù)",
                "Unreachable (compensable)",
            ),
            StateSpec::inner(
                "wrong_number",
                "Sai số điện thoại (được bù)",
                "Wrong number (compensable)",
            ),
            StateSpec::inner(
                "duplicate",
                "Trùng khách hàng (được bù)",
                "Duplicate (compensable)",
            ),
            StateSpec::inner(
                "fake_info",
                "Thông tin ảo (được bù)",
                "Fake information (compensable)",
            ),
            StateSpec::inner(
                CUSTOM_STATUS,
                "Trạng thái khác (theo cấu hình)",
                "Other configured status",
            ),
        ],
    },
    RegionSpec {
        per_entity: true,
        id: COMPENSATION,
        label: Label::new("Yêu cầu bù", "Compensation request"),
        states: &[
            StateSpec::inner("draft", "Trong danh sách yêu cầu bù", "Draft"),
            StateSpec::inner("in_review", "Đang xét duyệt", "In review"),
            StateSpec::terminal("approved", "Đã duyệt, được bù", "Approved, replaced"),
            StateSpec::terminal("rejected", "Từ chối", "Rejected"),
            StateSpec::terminal("withdrawn", "Đã huỷ", "Withdrawn"),
        ],
    },
];

pub(super) const QUERIES: &[CommandSpec] = &[
    CommandSpec::new(
        "preview_submission",
        "Xem lại trước khi gửi xét duyệt",
        "Preview the submission",
        &["consultant"],
    ),
    CommandSpec::new("drafts", "Yêu cầu bù chưa gửi", "Drafts", &["consultant"]),
    CommandSpec::new(
        "compensation_requests",
        "Danh sách yêu cầu bù",
        "Compensation requests",
        &["consultant", "reviewer"],
    ),
    CommandSpec::new(
        "lead_requests",
        "Yêu cầu bù của khách hàng",
        "A lead's compensation requests",
        &["consultant", "reviewer"],
    ),
    CommandSpec::new(
        "contact_history",
        "Lịch sử tiếp xúc",
        "Contact history",
        &["consultant", "reviewer"],
    ),
];

pub(super) const COMMANDS: &[CommandSpec] = &[
    CommandSpec::new(
        "deliver_leads",
        "Phân phối khách hàng",
        "Deliver leads",
        PLATFORM,
    ),
    CommandSpec::new(
        "update_status",
        "Cập nhật trạng thái",
        "Update status",
        CONSULTANT,
    ),
    CommandSpec::new(
        "request_compensation",
        "Yêu cầu bù ngay",
        "Request compensation",
        CONSULTANT,
    ),
    CommandSpec::new(
        "withdraw_compensation",
        "Huỷ yêu cầu bù",
        "Withdraw compensation request",
        CONSULTANT,
    ),
    CommandSpec::new(
        "submit_for_review",
        "Gửi xét duyệt",
        "Submit for review",
        CONSULTANT,
    ),
    CommandSpec::new(
        "decide",
        "Phê duyệt / từ chối yêu cầu bù",
        "Approve or reject",
        REVIEWER,
    ),
];

const fn batch(
    from: &'static str,
    to: &'static str,
    trigger: &'static str,
    guard: &'static str,
) -> TransitionSpec {
    TransitionSpec::new(BATCH, from, to, trigger, guard)
}

const fn lead(to: &'static str) -> TransitionSpec {
    TransitionSpec::new(
        LEAD,
        "new",
        to,
        "update_status",
        "from any status; owning consultant; note 1–2000 characters; not frozen by a request in review or approved",
    )
}

const fn compensation(
    from: &'static str,
    to: &'static str,
    trigger: &'static str,
    guard: &'static str,
) -> TransitionSpec {
    TransitionSpec::new(COMPENSATION, from, to, trigger, guard)
}

const LAST_DECIDED: &str =
    "the batch's last request decided; one in-app notification to the consultant";

pub(super) const TRANSITIONS: &[TransitionSpec] = &[
    batch(
        "idle",
        "in_review",
        "submit_for_review",
        "owning consultant; ≥ 1 draft; the token of the current preview; reviewers notified; review due in 3 working days",
    ),
    batch(
        "in_review",
        "in_review",
        "decide",
        "requests of the batch still undecided",
    ),
    batch("in_review", "idle", "decide", LAST_DECIDED),
    batch(
        "in_review",
        "overdue",
        "review_due",
        "requests undecided after 3 working days; reviewers reminded, no auto-approval",
    ),
    batch(
        "overdue",
        "overdue",
        "decide",
        "requests of the batch still undecided",
    ),
    batch("overdue", "idle", "decide", LAST_DECIDED),
    TransitionSpec::new(
        LEAD,
        INITIAL,
        "new",
        "deliver_leads",
        "delivered at creation or by the platform (a replacement names an approved request not yet replaced)",
    ),
    lead("contacted"),
    lead("interested"),
    lead("appointment"),
    lead("converted"),
    lead("not_interested"),
    lead("unreachable"),
    lead("wrong_number"),
    lead("duplicate"),
    lead("fake_info"),
    lead(CUSTOM_STATUS),
    compensation(
        INITIAL,
        "draft",
        "request_compensation",
        "owning consultant; status compensable; within 7 days of delivery; no open or approved request; reason 1–2000 characters",
    ),
    compensation(
        "draft",
        "withdrawn",
        "withdraw_compensation",
        "owning consultant; kept as history",
    ),
    compensation(
        "draft",
        "in_review",
        "submit_for_review",
        "every draft of the confirmed preview",
    ),
    compensation(
        "in_review",
        "approved",
        "decide",
        "reviewer approves; a replacement lead is allocated",
    ),
    compensation("in_review", "rejected", "decide", "reviewer rejects"),
];

/// Template ids of the notifications `lead_care` sends, each labelled in Vietnamese and
/// English in the definition.
///
/// ```
/// use quytrinh::kernel::{Definition, Lang};
/// use quytrinh::workflows::lead_care::{LeadCare, templates};
/// let def = Definition::of::<LeadCare>(&Default::default());
/// let t = def.templates.iter().find(|t| t.id == templates::BATCH_DECIDED).unwrap();
/// assert_eq!(t.label.get(Lang::En), "Your compensation requests were reviewed");
/// ```
pub mod templates {
    /// In-app to the reviewers: a batch of compensation requests awaits review.
    pub const BATCH_SUBMITTED: &str = "lead_care.batch_submitted";
    /// In-app to the consultant: every request of the batch is decided, with the results.
    pub const BATCH_DECIDED: &str = "lead_care.batch_decided";
    /// In-app to the reviewers: the batch's review is overdue.
    pub const REVIEW_OVERDUE: &str = "lead_care.review_overdue";
}

pub(super) const TEMPLATES: &[TemplateSpec] = &[
    TemplateSpec::new(
        templates::BATCH_SUBMITTED,
        Channel::InApp,
        "Có danh sách yêu cầu bù mới cần xét duyệt",
        "A batch of compensation requests awaits review",
    ),
    TemplateSpec::new(
        templates::BATCH_DECIDED,
        Channel::InApp,
        "Kết quả xét duyệt yêu cầu bù của bạn",
        "Your compensation requests were reviewed",
    ),
    TemplateSpec::new(
        templates::REVIEW_OVERDUE,
        Channel::InApp,
        "Danh sách yêu cầu bù đã quá hạn xét duyệt",
        "The review of a compensation batch is overdue",
    ),
];
