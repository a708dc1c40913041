//! Workflow D, `renewal_billing` (SPEC §5, seed 003: MISA Auto Billing, "Hướng dẫn CSM hỗ
//! trợ khách hàng gia hạn sản phẩm").
//!
//! One instance is one customer's subscription to one product, in one market, with its
//! assigned csm. Before the term ends the host's billing `scheduler` (or a csm) issues the
//! payment request (YCTT, *yêu cầu thanh toán*) for the next term: the customer gets it by
//! e-mail and SMS with the payment content and the transfer information (the vendor's
//! account, the amount, the transfer reference, its VietQR payload), and is reminded 30, 15,
//! 7, 3 and 1 days before the term's last day. The customer opens it, may report having
//! paid (the csm is told, and alerted if the money is not reconciled within 2 working days),
//! and pays by bank transfer: when the gateway's payments cover the amount, the invoice is
//! issued with the buyer and invoice information in force, and the term is extended by the
//! package's months. A csm may resend the request by e-mail or SMS (at most 3 times a
//! Vietnam calendar day: "YCTT bị trôi, thất lạc"), cancel it (wrong information, another
//! package) so that a new one can be issued, or mark it refused by the customer ("Từ chối
//! gia hạn"; reminders stop). If the term ends with the request still awaiting payment, it
//! expires and the subscription lapses. A csm keeps the buyer information ("Thông tin mua
//! hàng") and the invoice information ("Thông tin xuất hóa đơn") up to date — validated
//! (tax code with its check digit, e-mail, phone) — writes notes, and every csm action is in
//! the support history ("Lịch sử hỗ trợ"). The views are queries ([`RenewalBillingQuery`]);
//! the CSM's filter over many subscriptions is the report [`filter`].
//!
//! Decisions where SPEC and seed are silent **\[decision\]**:
//! - **Scope**: a csm may act on (and see) a subscription when it is assigned to them
//!   (`csm_id` of the init data) or when an entry of the configuration's `csm_scopes` lists
//!   them with its product and market (`*` for all): the team covering a product in a market
//!   shares its customers, as the seed's "theo sản phẩm và thị trường mình phụ trách" says.
//!   Any other csm gets `not_permitted` (rule `csm_scope`) for every command and query, and
//!   the filter leaves their rows out. Assignments live in the configuration, so a host that
//!   changes them passes the new configuration to reports at once, and restores the
//!   instances it keeps with it.
//! - **Terms**: `term_end` is the last day of the term in force (Vietnam time); the term
//!   ends as the next day starts (00:00, UTC+07:00), when `term_end` fires. Only the next
//!   term (`term_no + 1`) can be billed, by one live request at a time; a renewal runs from
//!   the day after `term_end` for the package's months, to a month's last day when the term
//!   ended on one.
//! - **Requests** are `R1`, `R2`, … in issue order; the transfer reference is the
//!   customer's `payment_code`, a space and the request id (`KH0042 R1`), within VietQR's 25
//!   ASCII characters. The gateway names the request it reconciled; a bank reference already
//!   recorded is refused (`duplicate_reference`), so a redelivered payment never counts
//!   twice. A partial payment keeps the request where it is, and the customer is told what
//!   remains (with a QR for it); an excess is recorded on the paid request (`excess`), for
//!   the host to refund or credit. A request that has received money cannot be cancelled or
//!   refused (`payment_recorded`); one that expires says what it had received.
//! - **Reminders**: at 09:00 on each configured day before `term_end`; one that falls on a
//!   day off of the business calendar is sent on the working day before, and reminders that
//!   land on the same instant are sent once (with the days actually left). None is sent
//!   while the customer reports having paid, nor after payment, cancellation or refusal;
//!   those already past when the request is issued are left out.
//! - **Refusal**: after a refusal the scheduler may not bill that term again
//!   (`renewal_refused`); a csm may, when the customer changes their mind.
//! - **Resends** count per request and per Vietnam calendar day (UTC+07:00), e-mail and SMS
//!   together; the resent message is the request itself.
//! - **Buyer and invoice information**: an update applies at once to what is sent next, and
//!   the invoice of a request is issued, when it is paid, with the information in force then
//!   (the seed's "xuất hóa đơn với thông tin mới nhất cho kỳ hạn kế tiếp"); an issued
//!   invoice keeps what it was issued with. A tax code is optional (an individual without
//!   one).
//! - After the subscription lapses, no request can be issued (`subscription_lapsed`); the
//!   csm can still update the information and write notes.
//!
//! ```
//! use quytrinh::kernel::{Actor, Command, Instance, Settings, Vnd};
//! use quytrinh::workflows::renewal_billing::{Package, RenewalBilling, RenewalBillingCommand as C, RenewalBillingInit};
//!
//! let init: RenewalBillingInit = serde_json::from_str(r#"{"subscription_id":"TB-0042","customer_id":"KH-0042",
//!     "payment_code":"KH0042","product":"amis_ke_toan","market":"mien_bac","csm_id":"CSM-01",
//!     "term_end":"2026-07-31","buyer":{"name":"Nguyễn Thị Lan","email":"lan@abc.vn","phone":"0912345678"},
//!     "invoice":{"name":"Công ty TNHH ABC","tax_code":"0101243150","address":"Hà Nội","email":"ketoan@abc.vn"}}"#).unwrap();
//! let mut sub = Instance::<RenewalBilling>::create("TB-0042", Default::default(), Settings::default(), init).unwrap();
//! let at = "2026-06-20T09:00:00+07:00".parse().unwrap();
//! let package = Package { code: "AMIS-KT-12".into(), name: "AMIS Kế toán 12 tháng".into(), months: 12 };
//! let out = sub.handle(&Command::new("c1", Actor::new("scheduler", "billing"), at,
//!     C::IssueRequest { term: 2, package, amount: Vnd::new(5_500_000) })).unwrap();
//! assert_eq!(out.effect_names(), ["notify:renewal_billing.request_issued", "notify:renewal_billing.request_issued_sms"]);
//! assert_eq!(out.next_deadline.unwrap().id(), "reminder:R1");
//! let out = sub.handle(&Command::new("c2", Actor::new("payment_gateway", "napas"), at,
//!     C::PaymentReceived { request_id: "R1".into(), amount: Vnd::new(5_500_000), reference: "FT26171".into() })).unwrap();
//! assert_eq!(out.effect_names(), ["issue_invoice", "extend_term", "notify:renewal_billing.renewed"]);
//! assert_eq!(sub.state().term_end.to_string(), "2027-07-31");
//! ```

mod fold;
mod messages;
mod model;
mod queries;
mod report;
mod rules;
mod table;

pub use messages::{
    RenewalBillingCommand, RenewalBillingEffect, RenewalBillingEvent, TermExtension,
};
pub use model::{
    ANY, BuyerInfo, CsmScope, Invoice, InvoiceInfo, MAX_ADDRESS_CHARS, MAX_NAME_CHARS,
    MAX_PAYMENT_CODE_CHARS, MAX_SUPPORT_ENTRIES, MAX_TEXT_CHARS, Package, Payee, Payment,
    PaymentRequest, PaymentRequestStatus, Reminder, ReminderShift, RenewalBillingConfig,
    RenewalBillingInit, RenewalBillingState, Resend, ResendChannel, SubscriptionStatus,
    SupportAction, SupportEntry,
};
pub use queries::{
    CustomerView, PaymentContent, RenewalBillingAnswer, RenewalBillingQuery, RequestView, Step,
    TimelineEntry, TransferInfo, detail,
};
pub use report::{
    Filter, FilterLine, Filtered, RenewalBillingReport, RenewalBillingReportAnswer, RenewalRow,
    RowStatus, filter,
};
pub use rules::RenewalBillingDeadline;
pub use table::templates;

use crate::calendar::BusinessCalendar;
use crate::kernel::{
    Actor, Basis, CommandSpec, Context, DeadlineKind, DeadlineSpec, Decision, Label, RegionSpec,
    Rejection, RoleSpec, Snapshot, TemplateSpec, Timer, TransitionSpec, Unfit, Vnd, Workflow,
    required_id,
};
use chrono::{DateTime, Utc};

/// The `renewal_billing` workflow (a marker type; see the module docs).
///
/// ```
/// use quytrinh::kernel::Workflow;
/// use quytrinh::workflows::renewal_billing::RenewalBilling;
/// assert_eq!(RenewalBilling::NAME, "renewal_billing");
/// assert_eq!(RenewalBilling::COMMANDS.len(), 10);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RenewalBilling;

impl Workflow for RenewalBilling {
    const NAME: &'static str = "renewal_billing";
    const LABEL: Label = Label::new(
        "Gia hạn sản phẩm và yêu cầu thanh toán (YCTT)",
        "Renewal billing and payment requests",
    );
    const ROLES: &'static [RoleSpec] = table::ROLES;
    const REGIONS: &'static [RegionSpec] = table::REGIONS;
    const COMMANDS: &'static [CommandSpec] = table::COMMANDS;
    const QUERIES: &'static [CommandSpec] = table::QUERIES;
    const TRANSITIONS: &'static [TransitionSpec] = table::TRANSITIONS;
    const TEMPLATES: &'static [TemplateSpec] = table::TEMPLATES;
    const REPORTS: &'static [CommandSpec] = table::REPORTS;

    type Config = RenewalBillingConfig;
    type Init = RenewalBillingInit;
    type State = RenewalBillingState;
    type Command = RenewalBillingCommand;
    type Event = RenewalBillingEvent;
    type Effect = RenewalBillingEffect;
    type DeadlineKind = RenewalBillingDeadline;
    type Query = RenewalBillingQuery;
    type Answer = RenewalBillingAnswer;
    type Row = RenewalRow;
    type Report = RenewalBillingReport;
    type ReportAnswer = RenewalBillingReportAnswer;

    fn validate_config(config: &RenewalBillingConfig) -> Result<(), String> {
        config.validate()
    }

    fn calendar(config: &RenewalBillingConfig) -> Option<&BusinessCalendar> {
        Some(&config.calendar)
    }

    fn init(
        _: &RenewalBillingConfig,
        init: RenewalBillingInit,
    ) -> Result<RenewalBillingState, Rejection> {
        for (field, id) in [
            ("subscription_id", &init.subscription_id),
            ("customer_id", &init.customer_id),
            ("product", &init.product),
            ("market", &init.market),
            ("csm_id", &init.csm_id),
        ] {
            required_id(field, id)?;
        }
        let code = &init.payment_code;
        if code.is_empty()
            || code.len() > MAX_PAYMENT_CODE_CHARS
            || !code.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(Rejection::invalid_field(
                "payment_code",
                format!(
                    "Mã thanh toán phải có 1–{MAX_PAYMENT_CODE_CHARS} chữ cái hoặc chữ số không dấu."
                ),
                format!(
                    "The payment code must have 1 to {MAX_PAYMENT_CODE_CHARS} ASCII letters or digits."
                ),
            ));
        }
        if rules::term_ends_at(init.term_end).is_none() {
            return Err(Rejection::invalid_field(
                "term_end",
                "Ngày hết hạn vượt quá phạm vi lịch.",
                "The term's last day is out of range.",
            ));
        }
        let buyer = rules::checked_buyer(&init.buyer)?;
        rules::check_invoice_info(&init.invoice)?;
        Ok(RenewalBillingState {
            subscription_id: init.subscription_id,
            customer_id: init.customer_id,
            payment_code: init.payment_code,
            product: init.product,
            market: init.market,
            csm_id: init.csm_id,
            term_no: init.term_no,
            term_end: init.term_end,
            status: SubscriptionStatus::Active,
            buyer,
            invoice_info: init.invoice,
            requests: Vec::new(),
            history: Vec::new(),
        })
    }

    fn decide(
        state: &RenewalBillingState,
        command: &RenewalBillingCommand,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Rejection> {
        rules::decide(state, command, ctx)
    }

    fn evolve(
        state: &mut RenewalBillingState,
        event: &RenewalBillingEvent,
        at: DateTime<Utc>,
    ) -> Result<(), Unfit> {
        fold::evolve(state, event, at)
    }

    fn deadlines(
        state: &RenewalBillingState,
    ) -> impl Iterator<Item = Timer<'_, RenewalBillingDeadline>> {
        rules::pending(state)
    }

    fn on_deadline(
        state: &RenewalBillingState,
        timer: &Timer<'_, RenewalBillingDeadline>,
        ctx: &Context<'_, Self>,
    ) -> Result<Decision<Self>, Unfit> {
        rules::on_deadline(state, timer, ctx)
    }

    fn deadline_specs(config: &RenewalBillingConfig) -> Vec<DeadlineSpec> {
        // The labels name the default days; `seconds` is this configuration's longest lead.
        vec![
            DeadlineSpec {
                kind: RenewalBillingDeadline::Reminder.name(),
                label: Label::new(
                    "Nhắc gia hạn trước ngày hết hạn (30/15/7/3/1 ngày)",
                    "Reminder before the term ends (30/15/7/3/1 days)",
                ),
                seconds: u64::from(config.reminder_days.iter().copied().max().unwrap_or(0))
                    * 86_400,
                basis: Basis::Clock,
            },
            DeadlineSpec {
                kind: RenewalBillingDeadline::ReconcileBy.name(),
                label: Label::new(
                    "Hạn đối soát khi khách báo đã thanh toán (2 ngày làm việc)",
                    "Reconcile a reported payment (2 working days)",
                ),
                seconds: u64::from(config.reconcile_working_days) * 86_400,
                basis: Basis::Business,
            },
            DeadlineSpec {
                kind: RenewalBillingDeadline::TermEnd.name(),
                label: Label::new("Hết hạn sử dụng", "The term ends"),
                seconds: 0,
                basis: Basis::Clock,
            },
        ]
    }

    fn candidates(state: &RenewalBillingState, _: &Actor) -> Vec<RenewalBillingCommand> {
        use RenewalBillingCommand as C;
        let last = state.requests.last();
        let package = last.map_or_else(
            || Package {
                code: String::new(),
                name: String::new(),
                months: 12,
            },
            |r| r.package.clone(),
        );
        let mut out = vec![C::IssueRequest {
            term: state.term_no.saturating_add(1),
            package,
            amount: last.map_or(Vnd::ZERO, |r| r.amount),
        }];
        if let Some(r) = state.live_request() {
            let id = || r.request_id.clone();
            out.extend([
                C::RecordOpened { request_id: id() },
                C::ReportPaid { request_id: id() },
                C::PaymentReceived {
                    request_id: id(),
                    amount: r.remaining(),
                    reference: String::new(),
                },
                C::Resend {
                    request_id: id(),
                    channel: ResendChannel::Email,
                },
                C::Resend {
                    request_id: id(),
                    channel: ResendChannel::Sms,
                },
                C::Cancel {
                    request_id: id(),
                    reason: String::new(),
                },
                C::MarkRefusedRenewal {
                    request_id: id(),
                    reason: String::new(),
                },
            ]);
        }
        out.extend([
            C::UpdateBuyerInfo {
                buyer: state.buyer.clone(),
            },
            C::UpdateInvoiceInfo {
                invoice: state.invoice_info.clone(),
            },
            C::AddNote {
                text: String::new(),
            },
        ]);
        out
    }

    fn position(
        state: &RenewalBillingState,
        entity: Option<&str>,
    ) -> Vec<(&'static str, &'static str)> {
        match entity {
            None => vec![(table::SUBSCRIPTION, state.status.id())],
            Some(id) => state
                .request(id)
                .map(|r| vec![(table::REQUEST, r.status.id())])
                .unwrap_or_default(),
        }
    }

    fn entities(state: &RenewalBillingState) -> impl Iterator<Item = &str> {
        state.requests.iter().map(|r| r.request_id.as_str())
    }

    fn touched(event: &RenewalBillingEvent) -> Option<&str> {
        event.request_id()
    }

    fn query(
        state: &RenewalBillingState,
        query: &RenewalBillingQuery,
        ctx: &Context<'_, Self>,
    ) -> Result<RenewalBillingAnswer, Rejection> {
        queries::answer(state, query, ctx.actor, ctx.at, ctx.config)
    }

    fn row(snapshot: &Snapshot<Self>) -> RenewalRow {
        report::row(snapshot)
    }

    fn report(
        rows: &[RenewalRow],
        report: &RenewalBillingReport,
        ctx: &Context<'_, Self>,
    ) -> Result<RenewalBillingReportAnswer, Rejection> {
        let RenewalBillingReport::Filter(criteria) = report;
        Ok(RenewalBillingReportAnswer::Filter(filter(
            rows, criteria, ctx.actor, ctx.at, ctx.config,
        )))
    }
}
