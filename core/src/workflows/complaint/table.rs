//! The definition of `complaint` as tables: SPEC §6 (and seed 004), row by row.

use crate::kernel::{
    Channel, CommandSpec, INITIAL, Label, RegionSpec, RoleSpec, StateSpec, TemplateSpec,
    TransitionSpec,
};

/// The receiving points.
const INTAKE: &[&str] = &["intake"];
/// Phòng Nghiệp vụ: the officer in charge, or the head of operations (TP.NV) on any case.
const OPS: &[&str] = &["ops", "head_of_ops"];
/// Management (TP.NV): decides the unresolved cases proposed to it.
const MANAGEMENT: &[&str] = &["head_of_ops"];

pub(super) const CASE: &str = "case";

// No state is initial: a complaint starts with no state, and `receive` enters both
// regions from [`INITIAL`].
pub(super) const SLA: &str = "sla";

pub(super) const ROLES: &[RoleSpec] = &[
    RoleSpec::new(
        "intake",
        "Đầu mối tiếp nhận (hotline, hộp thư, quầy)",
        "Receiving point (hotline, mailbox, counter)",
    ),
    RoleSpec::new(
        "ops",
        "Chuyên viên Phòng Nghiệp vụ",
        "Complaint officer (operations)",
    ),
    RoleSpec::new("agent", "Đại lý cấp 1", "Level-1 agent"),
    RoleSpec::new(
        "head_of_ops",
        "Trưởng phòng Nghiệp vụ (TP.NV)",
        "Head of operations",
    ),
];

pub(super) const REGIONS: &[RegionSpec] = &[
    RegionSpec {
        per_entity: false,
        id: CASE,
        label: Label::new("Vụ việc khiếu nại", "Complaint case"),
        states: &[
            StateSpec::inner("received", "Đã tiếp nhận", "Received"),
            StateSpec::inner("analyzing", "Đang phân tích", "Analyzing"),
            StateSpec::inner(
                "awaiting_documents",
                "Chờ khách hàng bổ sung giấy tờ",
                "Awaiting documents",
            ),
            StateSpec::inner(
                "investigating",
                "Đã xác định nguyên nhân, đang giải quyết",
                "Cause found, resolving",
            ),
            StateSpec::inner(
                "answered",
                "Đã trả lời, Đại lý xử lý trong 48h",
                "Answered, agent acting within 48 h",
            ),
            StateSpec::inner("follow_up", "Xác nhận kết quả xử lý", "Follow-up"),
            StateSpec::inner(
                "deposit_required",
                "Chờ Đại lý nộp 02 lần giá trị thiệt hại",
                "Deposit required from the agent",
            ),
            StateSpec::inner(
                "agent_locked",
                "Tạm khóa tài khoản Token Admin của Đại lý",
                "Agent's token admin accounts locked",
            ),
            StateSpec::inner(
                "escalated",
                "Chưa giải quyết được, đã đề xuất cán bộ quản lý",
                "Unresolved, escalated to management",
            ),
            StateSpec::inner("resolved", "Đã giải quyết", "Resolved"),
            StateSpec::terminal("closed", "Đã tổng kết, lưu hồ sơ", "Closed and archived"),
        ],
    },
    RegionSpec {
        per_entity: false,
        id: SLA,
        label: Label::new(
            "Thời hạn giải quyết 72h làm việc",
            "Resolution SLA, 72 working hours",
        ),
        states: &[
            StateSpec::inner("running", "Trong hạn", "Running"),
            StateSpec::inner("warned", "Sắp quá hạn (75%)", "Warned (75 %)"),
            StateSpec::terminal("met", "Giải quyết đúng hạn", "Met"),
            StateSpec::terminal("breached", "Quá hạn, đã báo TP.NV", "Breached, escalated"),
        ],
    },
];

pub(super) const QUERIES: &[CommandSpec] = &[CommandSpec::new(
    "timeline",
    "Tiến trình xử lý",
    "Progress timeline",
    &["intake", "ops", "head_of_ops"],
)];

pub(super) const REPORTS: &[CommandSpec] = &[CommandSpec::new(
    "weekly_report",
    "Báo cáo định kỳ hàng tuần cho TP.NV",
    "Weekly report to the head of operations",
    &["ops", "head_of_ops"],
)];

pub(super) const COMMANDS: &[CommandSpec] = &[
    CommandSpec::new(
        "receive",
        "Tiếp nhận khiếu nại",
        "Receive complaint",
        INTAKE,
    ),
    CommandSpec::new(
        "start_analysis",
        "Phân tích khiếu nại",
        "Start analysis",
        OPS,
    ),
    CommandSpec::new(
        "resolve_immediately",
        "Trả lời khách hàng ngay",
        "Resolve immediately",
        OPS,
    ),
    CommandSpec::new(
        "request_documents",
        "Yêu cầu bổ sung giấy tờ",
        "Request documents",
        OPS,
    ),
    CommandSpec::new(
        "documents_received",
        "Đã nhận giấy tờ",
        "Documents received",
        OPS,
    ),
    CommandSpec::new(
        "record_finding",
        "Xác định nguyên nhân và bên có lỗi",
        "Record finding",
        OPS,
    ),
    CommandSpec::new(
        "issue_response",
        "Gửi văn bản trả lời (mail 03 bên)",
        "Issue response",
        OPS,
    ),
    CommandSpec::new(
        "confirm_outcome",
        "Xác nhận kết quả xử lý",
        "Confirm outcome",
        OPS,
    ),
    CommandSpec::new(
        "deposit_received",
        "Đã nhận tiền Đại lý nộp",
        "Deposit received",
        OPS,
    ),
    CommandSpec::new(
        "settle_escalation",
        "Quyết định phương án giải quyết (cán bộ quản lý)",
        "Settle escalated case",
        MANAGEMENT,
    ),
    CommandSpec::new(
        "return_to_officer",
        "Chuyển lại chuyên viên xử lý tiếp",
        "Return to officer",
        MANAGEMENT,
    ),
    CommandSpec::new("close", "Tổng kết khiếu nại", "Close case", OPS),
];

const fn case(
    from: &'static str,
    to: &'static str,
    trigger: &'static str,
    guard: &'static str,
) -> TransitionSpec {
    TransitionSpec::new(CASE, from, to, trigger, guard)
}

const fn sla(
    from: &'static str,
    to: &'static str,
    trigger: &'static str,
    guard: &'static str,
) -> TransitionSpec {
    TransitionSpec::new(SLA, from, to, trigger, guard)
}

const RESOLVES: &str = "the case is resolved";

pub(super) const TRANSITIONS: &[TransitionSpec] = &[
    case(
        INITIAL,
        "received",
        "receive",
        "a receiving point; forwarded to Phòng Nghiệp vụ",
    ),
    case(
        "received",
        "analyzing",
        "start_analysis",
        "the officer takes the case up",
    ),
    case(
        "received",
        "resolved",
        "resolve_immediately",
        "by phone or walk-in; the information suffices",
    ),
    case(
        "analyzing",
        "resolved",
        "resolve_immediately",
        "by phone or walk-in; no documents were requested",
    ),
    case(
        "analyzing",
        "awaiting_documents",
        "request_documents",
        "e-mail to the customer; impartiality notice",
    ),
    case("awaiting_documents", "analyzing", "documents_received", ""),
    case(
        "analyzing",
        "investigating",
        "record_finding",
        "root cause, party at fault, damages in VND; the agent is named",
    ),
    case(
        "investigating",
        "answered",
        "issue_response",
        "three-party e-mail; the agent has 48 h",
    ),
    case(
        "answered",
        "follow_up",
        "agent_action",
        "48 h after the response",
    ),
    case(
        "follow_up",
        "resolved",
        "confirm_outcome",
        "agent and customer agreed",
    ),
    case(
        "follow_up",
        "deposit_required",
        "confirm_outcome",
        "no agreement; damages > 0; deposit 2 × damages within 72 h",
    ),
    case(
        "follow_up",
        "escalated",
        "confirm_outcome",
        "no agreement; no damages, so no deposit; proposed to TP.NV",
    ),
    case(
        "escalated",
        "resolved",
        "settle_escalation",
        "TP.NV decides the solution; three-party e-mail",
    ),
    case(
        "escalated",
        "analyzing",
        "return_to_officer",
        "TP.NV's instructions; a new finding and response",
    ),
    case(
        "deposit_required",
        "resolved",
        "deposit_received",
        "amount ≥ the required deposit; customer compensated",
    ),
    case(
        "deposit_required",
        "agent_locked",
        "deposit_due",
        "72 h without the deposit; all token admin accounts locked",
    ),
    case(
        "agent_locked",
        "resolved",
        "deposit_received",
        "amount ≥ the required deposit; tokens unlocked",
    ),
    case(
        "resolved",
        "closed",
        "close",
        "summary, lessons; closing three-party e-mail; record archived",
    ),
    sla(
        INITIAL,
        "running",
        "receive",
        "72 working hours from receipt",
    ),
    sla(
        "running",
        "warned",
        "sla_warning",
        "75 % of the working hours",
    ),
    sla("running", "met", "resolve_immediately", RESOLVES),
    sla("running", "met", "confirm_outcome", RESOLVES),
    sla("running", "met", "deposit_received", RESOLVES),
    sla("running", "met", "settle_escalation", RESOLVES),
    sla("warned", "met", "resolve_immediately", RESOLVES),
    sla("warned", "met", "confirm_outcome", RESOLVES),
    sla("warned", "met", "deposit_received", RESOLVES),
    sla("warned", "met", "settle_escalation", RESOLVES),
    sla(
        "warned",
        "breached",
        "resolution_sla",
        "unresolved after 72 working hours; escalated to TP.NV",
    ),
];

/// Template ids of the notifications `complaint` sends, each labelled in Vietnamese and
/// English in the definition.
///
/// ```
/// use quytrinh::kernel::{Definition, Lang};
/// use quytrinh::workflows::complaint::{Complaint, templates};
/// let def = Definition::of::<Complaint>(&Default::default());
/// let t = def.templates.iter().find(|t| t.id == templates::DEPOSIT_DEMANDED).unwrap();
/// assert_eq!(t.label.get(Lang::Vi), "Đề nghị Đại lý nộp 02 lần giá trị thiệt hại trong 72h");
/// ```
pub mod templates {
    /// E-mail to Phòng Nghiệp vụ's mailbox: a receiving point forwards a complaint.
    pub const FORWARDED_TO_OPS: &str = "complaint.forwarded_to_ops";
    /// E-mail to the customer: send the purchase documents to the ops mailbox.
    pub const DOCUMENTS_REQUESTED: &str = "complaint.documents_requested";
    /// E-mail to the customer: the case is handled objectively between the three parties.
    pub const IMPARTIALITY_NOTICE: &str = "complaint.impartiality_notice";
    /// Three-party e-mail: the written response; the agent acts within 48 h.
    pub const RESPONSE_ISSUED: &str = "complaint.response_issued";
    /// In-app to the officer: 48 h have passed, confirm the result with agent and customer.
    pub const FOLLOW_UP_DUE: &str = "complaint.follow_up_due";
    /// E-mail to the agent (supplier in cc): deposit 2 × damages within 72 h.
    pub const DEPOSIT_DEMANDED: &str = "complaint.deposit_demanded";
    /// E-mail to the agent (supplier in cc): the token admin accounts are locked.
    pub const AGENT_TOKENS_LOCKED: &str = "complaint.agent_tokens_locked";
    /// E-mail to the agent (supplier in cc): the token admin accounts are unlocked.
    pub const AGENT_TOKENS_UNLOCKED: &str = "complaint.agent_tokens_unlocked";
    /// In-app to the officer (or the ops mailbox): 75 % of the SLA has passed.
    pub const SLA_WARNING: &str = "complaint.sla_warning";
    /// E-mail to the head of operations: an unresolved case (no agreement, no damages) is
    /// proposed to management, with the case's data.
    pub const ESCALATED_UNRESOLVED: &str = "complaint.escalated_unresolved";
    /// Three-party e-mail: management's decision on the escalated case.
    pub const ESCALATION_SETTLED: &str = "complaint.escalation_settled";
    /// In-app to the officer: management returned the case, with instructions.
    pub const RETURNED_TO_OFFICER: &str = "complaint.returned_to_officer";
    /// Three-party e-mail closing the case.
    pub const CLOSING: &str = "complaint.closing";
}

pub(super) const TEMPLATES: &[TemplateSpec] = &[
    TemplateSpec::new(
        templates::FORWARDED_TO_OPS,
        Channel::Email,
        "Chuyển tiếp thông tin khiếu nại tới P.Nghiệp vụ để xác minh",
        "Complaint forwarded to operations for verification",
    ),
    TemplateSpec::new(
        templates::DOCUMENTS_REQUESTED,
        Channel::Email,
        "Đề nghị gửi hóa đơn, hợp đồng, hình ảnh token 2 mặt, thông tin liên hệ và nội dung khiếu nại",
        "Please send the invoice, contract, photos of both token sides, contact details and a statement",
    ),
    TemplateSpec::new(
        templates::IMPARTIALITY_NOTICE,
        Channel::Email,
        "Vụ việc được giải quyết khách quan giữa 03 bên Khách hàng – NCC – Đại lý",
        "The case is handled objectively between customer, supplier and agent",
    ),
    TemplateSpec::new(
        templates::RESPONSE_ISSUED,
        Channel::Email,
        "Văn bản trả lời khiếu nại (mail 03 bên): Đại lý xử lý trong 48h",
        "Written response (three-party e-mail): the agent acts within 48 h",
    ),
    TemplateSpec::new(
        templates::FOLLOW_UP_DUE,
        Channel::InApp,
        "Đã hết 48h: liên hệ Đại lý và khách hàng để xác nhận kết quả",
        "48 h passed: confirm the result with the agent and the customer",
    ),
    TemplateSpec::new(
        templates::DEPOSIT_DEMANDED,
        Channel::Email,
        "Đề nghị Đại lý nộp 02 lần giá trị thiệt hại trong 72h",
        "The agent must deposit twice the damages within 72 h",
    ),
    TemplateSpec::new(
        templates::AGENT_TOKENS_LOCKED,
        Channel::Email,
        "Tạm khóa toàn bộ tài khoản Token Admin của Đại lý",
        "All the agent's token admin accounts are locked",
    ),
    TemplateSpec::new(
        templates::AGENT_TOKENS_UNLOCKED,
        Channel::Email,
        "Mở khóa tài khoản Token Admin của Đại lý",
        "The agent's token admin accounts are unlocked",
    ),
    TemplateSpec::new(
        templates::SLA_WARNING,
        Channel::InApp,
        "Khiếu nại sắp quá hạn 72h làm việc",
        "The complaint is nearing its 72 working-hour limit",
    ),
    TemplateSpec::new(
        templates::ESCALATED_UNRESOLVED,
        Channel::Email,
        "Đề xuất cán bộ quản lý phương án chưa được giải quyết",
        "Unresolved case proposed to management",
    ),
    TemplateSpec::new(
        templates::ESCALATION_SETTLED,
        Channel::Email,
        "Phương án giải quyết của cán bộ quản lý (mail 03 bên)",
        "Management's solution (three-party e-mail)",
    ),
    TemplateSpec::new(
        templates::RETURNED_TO_OFFICER,
        Channel::InApp,
        "Cán bộ quản lý chuyển lại vụ việc kèm chỉ đạo",
        "Management returned the case with instructions",
    ),
    TemplateSpec::new(
        templates::CLOSING,
        Channel::Email,
        "Chốt lại vấn đề khiếu nại qua email 03 bên",
        "Closing three-party e-mail",
    ),
];
