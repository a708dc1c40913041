//! How `renewal_billing` decides commands and deadlines (SPEC §5); the fold is in `fold.rs`.

use super::RenewalBilling;
use super::messages::{
    RenewalBillingCommand as Cmd, RenewalBillingEffect as Fx, RenewalBillingEvent as Ev,
    TermExtension,
};
use super::model::{
    BuyerInfo, Invoice, InvoiceInfo, MAX_ADDRESS_CHARS, MAX_NAME_CHARS, MAX_SUPPORT_ENTRIES,
    MAX_TEXT_CHARS, Package, PaymentRequest, PaymentRequestStatus, Reminder, ReminderShift,
    RenewalBillingConfig, RenewalBillingState, ResendChannel, SubscriptionStatus,
};
use super::table::{CSM, CUSTOMER, templates};
use crate::calendar::{BusinessCalendar, vietnam_date, vietnam_instant, vietnam_start_of_day};
use crate::kernel::{
    Basis, Capacity, Channel, Context, Decision, Label, Notification, Recipient, Rejection,
    RejectionCode, Timer, Unfit, Vnd, rfc3339,
};
use crate::vietqr::VietQr;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};

type Ctx<'a> = Context<'a, RenewalBilling>;
type Decided = Result<Decision<RenewalBilling>, Rejection>;

/// The deadline kinds of `renewal_billing`.
///
/// ```
/// use quytrinh::kernel::DeadlineKind;
/// use quytrinh::workflows::renewal_billing::RenewalBillingDeadline;
/// assert_eq!(RenewalBillingDeadline::ReconcileBy.name(), "reconcile_by");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum RenewalBillingDeadline {
    /// A reminder of a request before the term ends (target: the request).
    Reminder,
    /// The reconciliation of a reported payment is due (target: the request).
    ReconcileBy,
    /// The term in force ends (the start of the day after its last day, Vietnam time).
    TermEnd,
}

pub(super) fn decide(state: &RenewalBillingState, command: &Cmd, ctx: &Ctx<'_>) -> Decided {
    match command {
        Cmd::IssueRequest {
            term,
            package,
            amount,
        } => issue(state, ctx, *term, package, *amount),
        Cmd::RecordOpened { request_id } => {
            own_customer(state, ctx)?;
            let r = request(state, request_id)?;
            if r.status != PaymentRequestStatus::Issued {
                return Err(Rejection::invalid_transition(
                    "record_opened",
                    r.status.id(),
                ));
            }
            Ok(Decision::of(Ev::RequestOpened {
                request_id: r.request_id.clone(),
            }))
        }
        Cmd::ReportPaid { request_id } => report_paid(state, ctx, request_id),
        Cmd::PaymentReceived {
            request_id,
            amount,
            reference,
        } => payment(state, ctx, request_id, *amount, reference),
        Cmd::Resend {
            request_id,
            channel,
        } => resend(state, ctx, request_id, *channel),
        Cmd::Cancel { request_id, reason } => {
            let r = closable(state, ctx, request_id, "cancel")?;
            required_text("reason", reason, MAX_TEXT_CHARS)?;
            let notice = customer_notice(state, Channel::Email, templates::REQUEST_CANCELLED)
                .with("request_id", r.request_id.clone())
                .with("reason", reason.clone());
            Ok(Decision::of(Ev::RequestCancelled {
                request_id: r.request_id.clone(),
                reason: reason.clone(),
                actor_id: ctx.actor.id.clone(),
            })
            .effect(Fx::Notify(notice)))
        }
        Cmd::MarkRefusedRenewal { request_id, reason } => {
            let r = closable(state, ctx, request_id, "mark_refused_renewal")?;
            required_text("reason", reason, MAX_TEXT_CHARS)?;
            Ok(Decision::of(Ev::RenewalRefused {
                request_id: r.request_id.clone(),
                reason: reason.clone(),
                actor_id: ctx.actor.id.clone(),
            }))
        }
        Cmd::UpdateBuyerInfo { buyer } => {
            csm_in_scope(state, ctx)?;
            Ok(Decision::of(Ev::BuyerInfoUpdated {
                buyer: checked_buyer(buyer)?,
                actor_id: ctx.actor.id.clone(),
            }))
        }
        Cmd::UpdateInvoiceInfo { invoice } => {
            csm_in_scope(state, ctx)?;
            check_invoice_info(invoice)?;
            Ok(Decision::of(Ev::InvoiceInfoUpdated {
                invoice: invoice.clone(),
                actor_id: ctx.actor.id.clone(),
            }))
        }
        Cmd::AddNote { text } => {
            csm_in_scope(state, ctx)?;
            required_text("text", text, MAX_TEXT_CHARS)?;
            SUPPORT_ENTRIES.check(MAX_SUPPORT_ENTRIES, state.history.len(), 1)?;
            Ok(Decision::of(Ev::NoteAdded {
                text: text.clone(),
                actor_id: ctx.actor.id.clone(),
            }))
        }
    }
}

/// The cap on the notes of a renewal's support history ([`MAX_SUPPORT_ENTRIES`]).
const SUPPORT_ENTRIES: Capacity = Capacity::new(
    "support_history",
    Label::new("mục lịch sử hỗ trợ", "support history entries"),
);

fn issue(
    state: &RenewalBillingState,
    ctx: &Ctx<'_>,
    term: u32,
    package: &Package,
    amount: Vnd,
) -> Decided {
    issuable(state, ctx, term)?;
    check_package(package)?;
    if amount.dong() <= 0 {
        return Err(Rejection::invalid_field(
            "amount",
            "Số tiền phải lớn hơn 0.",
            "The amount must be above 0.",
        ));
    }
    let request_id = format!("R{}", state.requests.len() + 1);
    let reference = format!("{} {request_id}", state.payment_code);
    let qr = qr_payload(ctx.config, amount, &reference)?;
    let out_of_range = || {
        Rejection::invalid_field(
            "package",
            "Kỳ gia hạn vượt quá phạm vi lịch.",
            "The renewed term is out of the calendar's range.",
        )
    };
    let period_start = state.term_end.succ_opt().ok_or_else(out_of_range)?;
    let period_end = term_after(state.term_end, package.months).ok_or_else(out_of_range)?;
    let reminders = schedule(ctx.config, state.term_end, ctx.at);
    let draft = PaymentRequest {
        request_id: request_id.clone(),
        term,
        package: package.clone(),
        amount,
        reference: reference.clone(),
        period_start,
        period_end,
        status: PaymentRequestStatus::Issued,
        issued_at: ctx.at,
        issued_by: ctx.actor.clone(),
        opened_at: None,
        reported_paid_at: None,
        reconcile_by: None,
        reconcile_overdue_at: None,
        reminders: Vec::new(),
        resends: Vec::new(),
        payments: Vec::new(),
        paid_total: Vnd::ZERO,
        closed_at: None,
        close_reason: None,
        invoice: None,
    };
    let email = request_notice(state, ctx.config, &draft, Channel::Email, &qr);
    let sms = request_notice(state, ctx.config, &draft, Channel::Sms, &qr);
    Ok(Decision::of(Ev::RequestIssued {
        request_id,
        term,
        package: package.clone(),
        amount,
        reference,
        period_start,
        period_end,
        reminders,
        by: ctx.actor.clone(),
    })
    .effects([Fx::Notify(email), Fx::Notify(sms)]))
}

/// Whether the next term can be billed now by this actor: a csm in scope or the scheduler,
/// the subscription active, `term` the next one, no live request, not refused (but by a csm).
fn issuable(state: &RenewalBillingState, ctx: &Ctx<'_>, term: u32) -> Result<(), Rejection> {
    if ctx.actor.role == CSM {
        csm_in_scope(state, ctx)?;
    }
    if state.status == SubscriptionStatus::Lapsed {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "subscription_lapsed",
            format!(
                "Thuê bao {} đã hết hạn ngày {}: không thể lập yêu cầu gia hạn.",
                state.subscription_id, state.term_end
            ),
            format!(
                "Subscription {} lapsed after {}: no renewal request can be issued.",
                state.subscription_id, state.term_end
            ),
        ));
    }
    if term <= state.term_no {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "term_already_paid",
            format!(
                "Kỳ {term} đã được thanh toán (kỳ hiện tại: {}).",
                state.term_no
            ),
            format!(
                "Term {term} is already paid (the term in force is {}).",
                state.term_no
            ),
        ));
    }
    let next = state.term_no.saturating_add(1);
    if term != next {
        return Err(Rejection::invalid_field(
            "term",
            format!("Chỉ có thể lập yêu cầu cho kỳ kế tiếp ({next})."),
            format!("Only the next term ({next}) can be billed."),
        ));
    }
    if let Some(live) = state.live_request() {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "live_request_for_term",
            format!(
                "Kỳ {term} đã có yêu cầu thanh toán {} đang chờ thanh toán: hãy hủy nó trước.",
                live.request_id
            ),
            format!(
                "Term {term} already has request {} awaiting payment: cancel it first.",
                live.request_id
            ),
        ));
    }
    let refused = state
        .requests
        .iter()
        .rev()
        .take_while(|r| r.term == term)
        .any(|r| r.status == PaymentRequestStatus::RefusedRenewal);
    if refused && ctx.actor.role != CSM {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "renewal_refused",
            format!("Khách hàng đã từ chối gia hạn kỳ {term}: chỉ CSM mới lập lại được yêu cầu."),
            format!(
                "The customer refused to renew term {term}: only a csm may issue a request again."
            ),
        ));
    }
    Ok(())
}

fn report_paid(state: &RenewalBillingState, ctx: &Ctx<'_>, request_id: &str) -> Decided {
    own_customer(state, ctx)?;
    let r = request(state, request_id)?;
    if !matches!(
        r.status,
        PaymentRequestStatus::Issued | PaymentRequestStatus::Opened
    ) {
        return Err(Rejection::invalid_transition("report_paid", r.status.id()));
    }
    let reconcile_by = ctx.after_business(i64::from(ctx.config.reconcile_working_days) * 86_400)?;
    let notice = Notification::new(Channel::InApp, templates::CUSTOMER_REPORTED_PAID)
        .to(Recipient::new(CSM, state.csm_id.clone()))
        .with("subscription_id", state.subscription_id.clone())
        .with("customer_id", state.customer_id.clone())
        .with("request_id", r.request_id.clone())
        .with("amount", r.remaining().dong().to_string())
        .with("reference", r.reference.clone())
        .with("reconcile_by", rfc3339(reconcile_by));
    Ok(Decision::of(Ev::PaymentReported {
        request_id: r.request_id.clone(),
        reconcile_by,
    })
    .effect(Fx::Notify(notice)))
}

fn payment(
    state: &RenewalBillingState,
    ctx: &Ctx<'_>,
    request_id: &str,
    amount: Vnd,
    reference: &str,
) -> Decided {
    let r = request(state, request_id)?;
    if !r.status.is_live() {
        return Err(Rejection::invalid_transition(
            "payment_received",
            r.status.id(),
        ));
    }
    let seen = state
        .requests
        .iter()
        .flat_map(|q| &q.payments)
        .any(|p| p.reference == reference);
    if seen {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "duplicate_reference",
            format!("Giao dịch `{reference}` đã được ghi nhận."),
            format!("Transaction `{reference}` was already recorded."),
        ));
    }
    if amount.dong() <= 0 {
        return Err(Rejection::invalid_field(
            "amount",
            "Số tiền nhận được phải lớn hơn 0.",
            "The amount received must be above 0.",
        ));
    }
    required_text("reference", reference, 64)?;
    let total = r.paid_total.checked_add(amount)?;
    let remaining = Vnd::new((r.amount.dong() - total.dong()).max(0));
    let recorded = Ev::PaymentRecorded {
        request_id: r.request_id.clone(),
        amount,
        reference: reference.to_owned(),
        total,
        remaining,
    };
    if remaining.dong() > 0 {
        let qr = qr_payload(ctx.config, remaining, &r.reference)?;
        let notice = customer_notice(state, Channel::Email, templates::PARTIAL_PAYMENT)
            .with("request_id", r.request_id.clone())
            .with("received", total.dong().to_string())
            .with("remaining", remaining.dong().to_string())
            .with("reference", r.reference.clone())
            .with("qr_payload", qr);
        return Ok(Decision::of(recorded).effect(Fx::Notify(notice)));
    }
    let mut payment_references: Vec<String> =
        r.payments.iter().map(|p| p.reference.clone()).collect();
    payment_references.push(reference.to_owned());
    let invoice = Invoice {
        subscription_id: state.subscription_id.clone(),
        customer_id: state.customer_id.clone(),
        request_id: r.request_id.clone(),
        product: state.product.clone(),
        package: r.package.clone(),
        term: r.term,
        period_start: r.period_start,
        period_end: r.period_end,
        amount: r.amount,
        buyer: state.buyer.clone(),
        invoice_info: state.invoice_info.clone(),
        payment_references,
        issued_at: ctx.at,
    };
    let excess = total.checked_sub(r.amount)?;
    let extension = TermExtension {
        subscription_id: state.subscription_id.clone(),
        customer_id: state.customer_id.clone(),
        product: state.product.clone(),
        term_no: r.term,
        term_end: r.period_end,
        package_code: r.package.code.clone(),
    };
    let notice = customer_notice(state, Channel::Email, templates::RENEWED)
        .with("request_id", r.request_id.clone())
        .with("package", r.package.name.clone())
        .with("term_end", r.period_end.to_string())
        .with("excess", excess.dong().to_string());
    Ok(Decision::of(recorded)
        .and(Ev::RequestPaid {
            request_id: r.request_id.clone(),
            invoice: Box::new(invoice.clone()),
            term_no: r.term,
            term_end: r.period_end,
            excess,
        })
        .effects([
            Fx::IssueInvoice(Box::new(invoice)),
            Fx::ExtendTerm(extension),
            Fx::Notify(notice),
        ]))
}

fn resend(
    state: &RenewalBillingState,
    ctx: &Ctx<'_>,
    request_id: &str,
    channel: ResendChannel,
) -> Decided {
    csm_in_scope(state, ctx)?;
    let r = request(state, request_id)?;
    if !r.status.is_live() {
        return Err(Rejection::invalid_transition("resend", r.status.id()));
    }
    let today = vietnam_date(ctx.at);
    let limit = ctx.config.resend_daily_limit;
    let today_count = r
        .resends
        .iter()
        .rev()
        .take_while(|s| vietnam_date(s.at) == today)
        .count();
    if today_count >= usize::try_from(limit).unwrap_or(usize::MAX) {
        return Err(Rejection::new(
            RejectionCode::LimitReached,
            "resend_daily_limit",
            format!(
                "YCTT {} đã được gửi lại {limit} lần trong ngày {today}: hãy gửi lại vào ngày mai.",
                r.request_id
            ),
            format!(
                "Request {} was resent {limit} times on {today} (Vietnam time): resend tomorrow.",
                r.request_id
            ),
        ));
    }
    let qr = qr_payload(ctx.config, r.remaining(), &r.reference)?;
    let on = match channel {
        ResendChannel::Email => Channel::Email,
        ResendChannel::Sms => Channel::Sms,
    };
    let notice = request_notice(state, ctx.config, r, on, &qr).with("resent", "true");
    Ok(Decision::of(Ev::RequestResent {
        request_id: r.request_id.clone(),
        channel,
        actor_id: ctx.actor.id.clone(),
    })
    .effect(Fx::Notify(notice)))
}

/// The live request a csm in scope may cancel or mark refused: nothing received yet.
fn closable<'a>(
    state: &'a RenewalBillingState,
    ctx: &Ctx<'_>,
    request_id: &str,
    command: &str,
) -> Result<&'a PaymentRequest, Rejection> {
    csm_in_scope(state, ctx)?;
    let r = request(state, request_id)?;
    if !r.status.is_live() {
        return Err(Rejection::invalid_transition(command, r.status.id()));
    }
    if r.paid_total.dong() > 0 {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "payment_recorded",
            format!(
                "YCTT {} đã nhận {}: không thể hủy hay đánh dấu từ chối; hãy thu đủ hoặc hoàn tiền trước.",
                r.request_id, r.paid_total
            ),
            format!(
                "Request {} has received {}: it cannot be cancelled or refused; complete or refund it first.",
                r.request_id, r.paid_total
            ),
        ));
    }
    Ok(r)
}

pub(super) fn on_deadline(
    state: &RenewalBillingState,
    timer: &Timer<'_, RenewalBillingDeadline>,
    ctx: &Ctx<'_>,
) -> Result<Decision<RenewalBilling>, Unfit> {
    let live = || {
        state
            .live_request()
            .filter(|r| Some(r.request_id.as_str()) == timer.target)
            .ok_or_else(|| Unfit::new("the deadline names no live request"))
    };
    match timer.kind {
        RenewalBillingDeadline::Reminder => {
            let r = live()?;
            let reminder = r
                .next_reminder()
                .filter(|m| m.due == timer.due)
                .ok_or_else(|| Unfit::new("no reminder due then"))?;
            let qr = qr_payload(ctx.config, r.remaining(), &r.reference).unwrap_or_default();
            let notice = customer_notice(state, Channel::Email, templates::REMINDER)
                .with("request_id", r.request_id.clone())
                .with("days_left", reminder.days_left.to_string())
                .with("term_end", state.term_end.to_string())
                .with("amount", r.remaining().dong().to_string())
                .with("reference", r.reference.clone())
                .with("qr_payload", qr);
            Ok(Decision::of(Ev::ReminderSent {
                request_id: r.request_id.clone(),
                due: reminder.due,
                days_left: reminder.days_left,
            })
            .effect(Fx::Notify(notice)))
        }
        RenewalBillingDeadline::ReconcileBy => {
            let r = live()?;
            let notice = Notification::new(Channel::InApp, templates::RECONCILE_OVERDUE)
                .to(Recipient::new(CSM, state.csm_id.clone()))
                .with("subscription_id", state.subscription_id.clone())
                .with("customer_id", state.customer_id.clone())
                .with("request_id", r.request_id.clone())
                .with(
                    "reported_paid_at",
                    r.reported_paid_at.map(rfc3339).unwrap_or_default(),
                )
                .with("received", r.paid_total.dong().to_string())
                .with("remaining", r.remaining().dong().to_string());
            Ok(Decision::of(Ev::ReconcileOverdue {
                request_id: r.request_id.clone(),
            })
            .effect(Fx::Notify(notice)))
        }
        RenewalBillingDeadline::TermEnd => {
            if state.status != SubscriptionStatus::Active {
                return Err(Unfit::new("the subscription has lapsed already"));
            }
            let lapsed = customer_notice(state, Channel::Email, templates::SUBSCRIPTION_LAPSED)
                .with("term_end", state.term_end.to_string());
            let Some(r) = state.live_request() else {
                return Ok(Decision::of(Ev::SubscriptionLapsed {
                    term_end: state.term_end,
                })
                .effect(Fx::Notify(lapsed)));
            };
            let expired = Notification::new(Channel::InApp, templates::REQUEST_EXPIRED)
                .to(Recipient::new(CSM, state.csm_id.clone()))
                .with("subscription_id", state.subscription_id.clone())
                .with("customer_id", state.customer_id.clone())
                .with("request_id", r.request_id.clone())
                .with("received", r.paid_total.dong().to_string());
            Ok(Decision::of(Ev::RequestExpired {
                request_id: r.request_id.clone(),
                received: r.paid_total,
            })
            .effect(Fx::Notify(expired))
            .and(Ev::SubscriptionLapsed {
                term_end: state.term_end,
            })
            .effect(Fx::Notify(lapsed)))
        }
    }
}

/// The pending deadlines: the end of the term in force (while active), and the live
/// request's next reminder (issued or opened) or its reconciliation (reported paid, not yet
/// overdue).
pub(super) fn pending(
    state: &RenewalBillingState,
) -> impl Iterator<Item = Timer<'_, RenewalBillingDeadline>> {
    let term = (state.status == SubscriptionStatus::Active)
        .then(|| term_ends_at(state.term_end))
        .flatten()
        .map(|due| Timer::new(RenewalBillingDeadline::TermEnd, due, Basis::Clock));
    let live = state.live_request();
    let reminder = live.and_then(|r| {
        r.next_reminder().map(|m| {
            Timer::new(RenewalBillingDeadline::Reminder, m.due, Basis::Clock).on(&r.request_id)
        })
    });
    let reconcile = live
        .filter(|r| {
            r.status == PaymentRequestStatus::CustomerReportedPaid
                && r.reconcile_overdue_at.is_none()
        })
        .and_then(|r| {
            r.reconcile_by.map(|due| {
                Timer::new(RenewalBillingDeadline::ReconcileBy, due, Basis::Business)
                    .on(&r.request_id)
            })
        });
    term.into_iter().chain(reminder).chain(reconcile)
}

/// The instant a term whose last day is `term_end` ends: the next day's start in Vietnam.
pub(super) fn term_ends_at(term_end: NaiveDate) -> Option<DateTime<Utc>> {
    vietnam_start_of_day(term_end.succ_opt()?)
}

/// The last day of a term of `months` after one ending on `end`; a term that ends on a
/// month's last day is renewed to a month's last day (31 July + 1 month = 31 August,
/// 28 February 2027 + 12 months = 29 February 2028) **\[decision\]**.
pub(super) fn term_after(end: NaiveDate, months: u32) -> Option<NaiveDate> {
    let shifted = end.checked_add_months(Months::new(months))?;
    if end.succ_opt()?.day() != 1 {
        return Some(shifted);
    }
    NaiveDate::from_ymd_opt(shifted.year(), shifted.month(), 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// The reminders of a request issued at `now` for a term ending on `term_end`: one per
/// configured day at the configured time, moved off days off as configured, those already
/// past left out, one per instant, in due order.
pub(super) fn schedule(
    config: &RenewalBillingConfig,
    term_end: NaiveDate,
    now: DateTime<Utc>,
) -> Vec<Reminder> {
    let mut out: Vec<Reminder> = Vec::new();
    for days in &config.reminder_days {
        let Some(nominal) = term_end.checked_sub_days(chrono::Days::new(u64::from(*days))) else {
            continue;
        };
        let date = match config.reminder_on_day_off {
            ReminderShift::AsScheduled => nominal,
            ReminderShift::PreviousWorkingDay => previous_working_day(&config.calendar, nominal),
        };
        let Some(due) = vietnam_instant(date, config.reminder_time) else {
            continue;
        };
        if due <= now || out.iter().any(|r| r.due == due) {
            continue;
        }
        out.push(Reminder {
            due,
            days_left: term_end.signed_duration_since(date).num_days(),
            sent_at: None,
        });
    }
    out.sort_by_key(|r| r.due);
    out
}

/// `date` if it is a working day, else the last working day before it (within a year; a
/// calendar without one keeps `date`).
fn previous_working_day(calendar: &BusinessCalendar, date: NaiveDate) -> NaiveDate {
    let mut d = date;
    for _ in 0..366 {
        if !calendar.is_day_off(d) {
            return d;
        }
        match d.pred_opt() {
            Some(p) => d = p,
            None => break,
        }
    }
    date
}

/// The VietQR payload of a transfer of `amount` with `reference` to the configured payee.
pub(super) fn qr_payload(
    config: &RenewalBillingConfig,
    amount: Vnd,
    reference: &str,
) -> Result<String, Rejection> {
    VietQr::to_account(&config.payee.bank_bin, &config.payee.account)
        .with_amount(amount)
        .with_reference(reference)
        .payload()
        .map_err(Rejection::from)
}

/// A notification to the customer, at the buyer's e-mail and phone in force.
fn customer_notice(state: &RenewalBillingState, channel: Channel, template: &str) -> Notification {
    Notification::new(channel, template)
        .to(Recipient::new(CUSTOMER, state.customer_id.clone()))
        .with("subscription_id", state.subscription_id.clone())
        .with("product", state.product.clone())
        .with("buyer_name", state.buyer.name.clone())
        .with("email", state.buyer.email.clone())
        .with("phone", state.buyer.phone.clone())
}

/// The request itself, by e-mail or SMS: its payment content and transfer information.
fn request_notice(
    state: &RenewalBillingState,
    config: &RenewalBillingConfig,
    r: &PaymentRequest,
    channel: Channel,
    qr: &str,
) -> Notification {
    let template = if channel == Channel::Sms {
        templates::REQUEST_ISSUED_SMS
    } else {
        templates::REQUEST_ISSUED
    };
    customer_notice(state, channel, template)
        .with("request_id", r.request_id.clone())
        .with("package", r.package.name.clone())
        .with("term", r.term.to_string())
        .with("period_start", r.period_start.to_string())
        .with("period_end", r.period_end.to_string())
        .with("term_end", state.term_end.to_string())
        .with("amount", r.remaining().dong().to_string())
        .with("bank_name", config.payee.bank_name.clone())
        .with("account", config.payee.account.clone())
        .with("account_name", config.payee.account_name.clone())
        .with("reference", r.reference.clone())
        .with("qr_payload", qr.to_owned())
}

fn check_package(package: &Package) -> Result<(), Rejection> {
    let bad = || {
        Rejection::invalid_field(
            "package",
            "Gói sản phẩm cần mã (không khoảng trắng), tên 1–200 ký tự và thời hạn 1–120 tháng.",
            "A package needs a code (no spaces), a name of 1 to 200 characters and 1 to 120 months.",
        )
    };
    crate::kernel::required_id("package", &package.code).map_err(|_| bad())?;
    required_text("package", &package.name, MAX_NAME_CHARS).map_err(|_| bad())?;
    if !(1..=120).contains(&package.months) {
        return Err(bad());
    }
    Ok(())
}

/// The buyer information, checked, with the phone in its national form.
pub(super) fn checked_buyer(buyer: &BuyerInfo) -> Result<BuyerInfo, Rejection> {
    required_text("buyer.name", &buyer.name, MAX_NAME_CHARS)?;
    crate::kernel::email("buyer.email", &buyer.email)?;
    let phone = crate::kernel::phone("buyer.phone", &buyer.phone)?;
    Ok(BuyerInfo {
        phone,
        ..buyer.clone()
    })
}

pub(super) fn check_invoice_info(invoice: &InvoiceInfo) -> Result<(), Rejection> {
    required_text("invoice.name", &invoice.name, MAX_NAME_CHARS)?;
    if let Some(code) = &invoice.tax_code {
        crate::kernel::tax_code("invoice.tax_code", code)?;
    }
    required_text("invoice.address", &invoice.address, MAX_ADDRESS_CHARS)?;
    crate::kernel::email("invoice.email", &invoice.email)
}

/// `not_permitted`, rule `csm_scope`: the csm neither is assigned to the customer nor takes
/// care of the product in the market.
pub(super) fn out_of_scope(state: &RenewalBillingState) -> Rejection {
    Rejection::new(
        RejectionCode::NotPermitted,
        "csm_scope",
        format!(
            "Thuê bao {} (sản phẩm {}, thị trường {}) không thuộc phạm vi phụ trách của CSM này.",
            state.subscription_id, state.product, state.market
        ),
        format!(
            "Subscription {} (product {}, market {}) is outside this csm's scope.",
            state.subscription_id, state.product, state.market
        ),
    )
}

/// `not_permitted`, rule `own_subscription`: another customer's subscription.
pub(super) fn not_own(state: &RenewalBillingState) -> Rejection {
    Rejection::new(
        RejectionCode::NotPermitted,
        "own_subscription",
        format!("Thuê bao {} là của khách hàng khác.", state.subscription_id),
        format!(
            "Subscription {} belongs to another customer.",
            state.subscription_id
        ),
    )
}

fn csm_in_scope(state: &RenewalBillingState, ctx: &Ctx<'_>) -> Result<(), Rejection> {
    if state.in_scope(&ctx.actor.id, ctx.config) {
        Ok(())
    } else {
        Err(out_of_scope(state))
    }
}

fn own_customer(state: &RenewalBillingState, ctx: &Ctx<'_>) -> Result<(), Rejection> {
    if ctx.actor.id == state.customer_id {
        Ok(())
    } else {
        Err(not_own(state))
    }
}

pub(super) fn request<'a>(
    state: &'a RenewalBillingState,
    request_id: &str,
) -> Result<&'a PaymentRequest, Rejection> {
    state
        .request(request_id)
        .ok_or_else(|| Rejection::not_found("request_id", request_id))
}

fn required_text(field: &'static str, value: &str, max: usize) -> Result<(), Rejection> {
    crate::kernel::required_text(field, value, max)
}
