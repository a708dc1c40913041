//! How `store_subscription` decides commands and deadlines, and folds its events (SPEC §4).

use super::StoreSubscription;
use super::messages::{
    ContractTerms, FollowUp, PaymentQr, StoreSubscriptionCommand as Cmd,
    StoreSubscriptionEffect as Fx, StoreSubscriptionEvent as Ev,
};
use super::model::{
    ContractStatus, MAX_ORDERS, MAX_TEXT_CHARS, Order, OrderKind, OrderStatus, PaymentVia,
    ServiceConfirmation, StoreSubscriptionConfig, StoreSubscriptionState, Tier, VendorAccount,
    order_id,
};
use super::table::{OWNER_ADMIN, STAFF, VENDOR, templates};
use crate::calendar::{add_months, calendar_days_between, vietnam_date};
use crate::kernel::{
    Basis, Capacity, Channel, Context, Decision, Label, Notification, Recipient, Rejection,
    RejectionCode, Timer, Unfit, Vnd, required_text, rfc3339,
};
use crate::vietqr::MAX_AMOUNT_DIGITS;
use chrono::{DateTime, TimeDelta, Utc};

type Ctx<'a> = Context<'a, StoreSubscription>;
type Decided = Result<Decision<StoreSubscription>, Rejection>;

/// The deadline kinds of `store_subscription`.
///
/// ```
/// use quytrinh::kernel::DeadlineKind;
/// use quytrinh::workflows::store_subscription::StoreSubscriptionDeadline;
/// assert_eq!(StoreSubscriptionDeadline::PaymentWindow.name(), "payment_window");
/// assert_eq!(StoreSubscriptionDeadline::ALL.len(), 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum StoreSubscriptionDeadline {
    /// An open order's payment window ends (target: the order): nothing received → lapsed;
    /// partly paid → stopped.
    PaymentWindow,
    /// The vendor's window to contact a store that claimed a payment ends (target: the
    /// order): escalated.
    VendorContact,
    /// `expiry_notice_days` before a signed contract's expiry: the footer notice starts.
    ExpiryNotice,
    /// The trial or the contract expires.
    Expiry,
}

pub(super) fn decide(state: &StoreSubscriptionState, command: &Cmd, ctx: &Ctx<'_>) -> Decided {
    match command {
        Cmd::StartOrder {
            kind,
            tier,
            months,
            quote_vnd,
        } => start_order(state, ctx, *kind, *tier, *months, *quote_vnd),
        Cmd::ChoosePaymentMethod { order_id, method } => {
            choose_payment_method(state, ctx, order_id, method)
        }
        Cmd::PaymentReceived {
            reference,
            amount_vnd,
        } => payment_received(state, ctx, reference, *amount_vnd),
        Cmd::ContinuePayment { order_id } => {
            let order = in_status(
                state,
                order_id,
                "continue_payment",
                &[OrderStatus::Underpaid],
            )?;
            let account = vendor_account(ctx)?;
            let method = order
                .method
                .clone()
                .or_else(|| ctx.config.payment_methods.first().map(|m| m.id.clone()))
                .unwrap_or_default();
            let window_ends = ctx.after_seconds(ctx.config.payment_window_seconds)?;
            let amount = order.remainder();
            let qr = payment_qr(state, order, account, &method, amount, window_ends)?;
            Ok(Decision::of(Ev::PaymentContinued {
                order_id: order.order_id.clone(),
                method,
                amount_vnd: amount,
                window_ends,
            })
            .effect(Fx::ShowPaymentQr(qr)))
        }
        Cmd::StopPayment { order_id } => {
            let order = in_status(state, order_id, "stop_payment", &[OrderStatus::Underpaid])?;
            Ok(stopped(state, order))
        }
        Cmd::ClaimPaid { order_id } => {
            let order = in_status(
                state,
                order_id,
                "claim_paid",
                &[OrderStatus::AwaitingPayment],
            )?;
            let contact_by = ctx.after_seconds(ctx.config.vendor_contact_seconds)?;
            let notice = to_vendor(ctx.config, templates::CLAIM_RECEIVED, state, order)
                .with("contact_by", rfc3339(contact_by));
            Ok(Decision::of(Ev::PaymentClaimed {
                order_id: order.order_id.clone(),
                contact_by,
            })
            .effect(Fx::Notify(notice)))
        }
        Cmd::ConfirmClaim {
            order_id,
            amount_vnd,
        } => {
            let order = in_status(state, order_id, "confirm_claim", CLAIMED)?;
            let amount = positive("amount_vnd", *amount_vnd)?;
            pay(state, ctx, order, amount, PaymentVia::VendorConfirmation)
        }
        Cmd::RejectClaim { order_id, note } => {
            let order = in_status(state, order_id, "reject_claim", CLAIMED)?;
            if let Some(note) = note {
                required_text("note", note, MAX_TEXT_CHARS)?;
            }
            let account = vendor_account(ctx)?;
            let window_ends = ctx.after_seconds(ctx.config.payment_window_seconds)?;
            let method = order.method.clone().unwrap_or_default();
            let amount = order.remainder();
            let qr = payment_qr(state, order, account, &method, amount, window_ends)?;
            let notice = to_owner(templates::CLAIM_REJECTED, state, order)
                .with("remainder_vnd", amount.dong().to_string())
                .with("window_ends", rfc3339(window_ends));
            Ok(Decision::of(Ev::ClaimRejected {
                order_id: order.order_id.clone(),
                vendor_id: ctx.actor.id.clone(),
                note: note.clone(),
                window_ends,
            })
            .effect(Fx::Notify(notice))
            .effect(Fx::ShowPaymentQr(qr)))
        }
    }
}

/// The cap on a store's orders ([`MAX_ORDERS`]: order ids have five digits).
const ORDERS: Capacity = Capacity::new("orders", Label::new("đơn hàng", "orders"));

/// The states of an order whose claim is with the vendor.
const CLAIMED: &[OrderStatus] = &[OrderStatus::ClaimUnderReview, OrderStatus::ClaimEscalated];

fn start_order(
    state: &StoreSubscriptionState,
    ctx: &Ctx<'_>,
    kind: OrderKind,
    tier: Tier,
    months: u32,
    quote: Vnd,
) -> Decided {
    let open = state.open_order();
    if let Some(o) = open.filter(|o| o.status.blocks_new_order()) {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "order_open",
            format!(
                "Đơn hàng {} đang chờ thanh toán ({}): hãy hoàn tất hoặc chờ đơn hết hạn trước khi tạo đơn mới.",
                o.order_id,
                o.status.id()
            ),
            format!(
                "Order {} is still open ({}): finish it, or let it lapse, before starting another.",
                o.order_id,
                o.status.id()
            ),
        ));
    }
    check_tier(kind, tier, state.contract.tier)?;
    if !ctx.config.months.contains(&months) {
        let on_offer = ctx
            .config
            .months
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Rejection::invalid_field(
            "months",
            format!("Thời gian {months} tháng không có trong các lựa chọn ({on_offer} tháng)."),
            format!("{months} months is not on offer ({on_offer} months)."),
        ));
    }
    let quote = positive("quote_vnd", quote)?;
    if quote.dong().to_string().len() > MAX_AMOUNT_DIGITS {
        return Err(Rejection::invalid_field(
            "quote_vnd",
            format!("Số tiền {quote} vượt quá {MAX_AMOUNT_DIGITS} chữ số mà mã VietQR cho phép."),
            format!("{quote} has more than the {MAX_AMOUNT_DIGITS} digits a VietQR allows."),
        ));
    }
    ORDERS.check(MAX_ORDERS, state.orders.len(), 1)?;
    let n = state.orders.len() + 1;
    let id = order_id(n);
    let started = Ev::OrderStarted {
        reference: format!("{} {} {id}", ctx.config.reference_prefix, state.store_id),
        order_id: id,
        kind,
        tier,
        months,
        quote_vnd: quote,
        terms_version: state.contract.terms_version.clone(),
        started_by: ctx.actor.id.clone(),
        window_ends: ctx.after_seconds(ctx.config.payment_window_seconds)?,
    };
    Ok(match open {
        // Its QR was never shown, so no money can arrive for it: the new order replaces it.
        Some(o) => Decision::of(Ev::OrderSuperseded {
            order_id: o.order_id.clone(),
        })
        .and(started),
        None => Decision::of(started),
    })
}

/// Renewal and new purchase keep the tier; an upgrade buys a strictly higher one.
fn check_tier(kind: OrderKind, tier: Tier, current: Tier) -> Result<(), Rejection> {
    if kind.changes_tier() {
        if tier <= current {
            return Err(Rejection::new(
                RejectionCode::InvalidTransition,
                "upgrade_not_higher",
                format!(
                    "Chỉ nâng cấp lên gói cao hơn gói {} hiện tại (đã chọn {}).",
                    current.label().vi,
                    tier.label().vi
                ),
                format!(
                    "An upgrade must buy a tier above the current {} (chosen: {}).",
                    current.label().en,
                    tier.label().en
                ),
            ));
        }
    } else if tier != current {
        return Err(Rejection::new(
            RejectionCode::InvalidTransition,
            "tier_kept",
            format!(
                "{} giữ nguyên gói {} hiện tại (đã chọn {}).",
                kind.label().vi,
                current.label().vi,
                tier.label().vi
            ),
            format!(
                "A {} keeps the current {} tier (chosen: {}).",
                kind.label().en.to_lowercase(),
                current.label().en,
                tier.label().en
            ),
        ));
    }
    Ok(())
}

fn choose_payment_method(
    state: &StoreSubscriptionState,
    ctx: &Ctx<'_>,
    order_id: &str,
    method: &str,
) -> Decided {
    let order = in_status(
        state,
        order_id,
        "choose_payment_method",
        &[OrderStatus::AwaitingPaymentMethod],
    )?;
    let account = vendor_account(ctx)?;
    if ctx.config.method(method).is_none() {
        let on_offer = ctx
            .config
            .payment_methods
            .iter()
            .map(|m| m.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Rejection::invalid_field(
            "method",
            format!("Hình thức thanh toán `{method}` không có trong các lựa chọn ({on_offer})."),
            format!("Payment method `{method}` is not on offer ({on_offer})."),
        ));
    }
    let window_ends = ctx.after_seconds(ctx.config.payment_window_seconds)?;
    let amount = order.remainder();
    let qr = payment_qr(state, order, account, method, amount, window_ends)?;
    Ok(Decision::of(Ev::PaymentMethodChosen {
        order_id: order.order_id.clone(),
        method: method.to_owned(),
        amount_vnd: amount,
        window_ends,
    })
    .effect(Fx::ShowPaymentQr(qr)))
}

fn payment_received(
    state: &StoreSubscriptionState,
    ctx: &Ctx<'_>,
    reference: &str,
    amount: Vnd,
) -> Decided {
    let order = by_reference(state, reference).ok_or_else(|| {
        Rejection::new(
            RejectionCode::NotFound,
            "reference",
            format!(
                "Không có đơn hàng nào của gian hàng {} mang nội dung chuyển khoản `{reference}`.",
                state.store_id
            ),
            format!(
                "No order of store {} has the transfer reference `{reference}`.",
                state.store_id
            ),
        )
    })?;
    match order.status {
        OrderStatus::Lapsed => {
            return Err(Rejection::new(
                RejectionCode::InvalidTransition,
                "order_lapsed",
                format!(
                    "Đơn hàng {} đã quá hạn thanh toán: khoản tiền không được ghi nhận vào đơn, cần nhà cung cấp xử lý.",
                    order.order_id
                ),
                format!(
                    "Order {} lapsed before this payment: it is not recorded on the order; the vendor must handle it.",
                    order.order_id
                ),
            ));
        }
        OrderStatus::Paid | OrderStatus::Stopped | OrderStatus::Superseded => {
            return Err(Rejection::new(
                RejectionCode::InvalidTransition,
                "order_closed",
                format!(
                    "Đơn hàng {} đã kết thúc ({}): khoản tiền không được ghi nhận vào đơn, cần nhà cung cấp xử lý.",
                    order.order_id,
                    order.status.id()
                ),
                format!(
                    "Order {} is closed ({}): the payment is not recorded on it; the vendor must handle it.",
                    order.order_id,
                    order.status.id()
                ),
            ));
        }
        _ => {}
    }
    let amount = positive("amount_vnd", amount)?;
    pay(state, ctx, order, amount, PaymentVia::Gateway)
}

/// A payment of `amount` on an open order: paid in full (the contract is extended) or
/// underpaid (the remainder is shown).
fn pay(
    state: &StoreSubscriptionState,
    ctx: &Ctx<'_>,
    order: &Order,
    amount: Vnd,
    via: PaymentVia,
) -> Decided {
    let paid = order.paid_vnd.checked_add(amount)?;
    let recorded_by = ctx.actor.id.clone();
    if paid < order.quote_vnd {
        let remainder = order.quote_vnd.checked_sub(paid)?;
        let window_ends = ctx.after_seconds(ctx.config.payment_window_seconds)?;
        let notice = to_owner(templates::PAYMENT_UNDERPAID, state, order)
            .with("amount_vnd", amount.dong().to_string())
            .with("paid_vnd", paid.dong().to_string())
            .with("remainder_vnd", remainder.dong().to_string())
            .with("window_ends", rfc3339(window_ends));
        return Ok(Decision::of(Ev::OrderUnderpaid {
            order_id: order.order_id.clone(),
            amount_vnd: amount,
            via,
            recorded_by,
            paid_vnd: paid,
            remainder_vnd: remainder,
            window_ends,
        })
        .effect(Fx::Notify(notice)));
    }
    let credit = paid.checked_sub(order.quote_vnd)?;
    state.contract.credit_vnd.checked_add(credit)?;
    let contract = &state.contract;
    // A signed contract runs on from its expiry (or from today once expired); a trial's
    // remaining days are not carried over: the contract starts at the payment.
    let start = if contract.signed {
        contract.expiry.max(ctx.at)
    } else {
        ctx.at
    };
    let expiry = add_months(start, order.months).ok_or_else(out_of_range)?;
    let notice_at = notice_at(ctx.config, expiry)?;
    let confirmation = ServiceConfirmation {
        confirmation_id: format!("XN{}", state.service_confirmations.len() + 1),
        order_id: order.order_id.clone(),
        date: vietnam_date(ctx.at).format("%Y-%m-%d").to_string(),
        confirmed_at: ctx.at,
        store_id: state.store_id.clone(),
        store_name: state.store_name.clone(),
        industry: state.industry.clone(),
        tier: order.tier,
        order_kind: order.kind,
        months: order.months,
        period_start: start,
        period_end: expiry,
        terms_version: order.terms_version.clone(),
    };
    let notice = Notification::new(Channel::InApp, templates::PAYMENT_SUCCEEDED)
        .to(Recipient::new(OWNER_ADMIN, state.store_id.clone()))
        .to(Recipient::new(STAFF, state.store_id.clone()))
        .with("store_id", state.store_id.clone())
        .with("order_id", order.order_id.clone())
        .with("tier", order.tier.id())
        .with("months", order.months.to_string())
        .with("paid_vnd", paid.dong().to_string())
        .with("credit_vnd", credit.dong().to_string())
        .with("expiry", rfc3339(expiry));
    let terms = ContractTerms {
        store_id: state.store_id.clone(),
        tier: order.tier,
        status: ContractStatus::Active,
        expiry,
    };
    let decision = Decision::of(Ev::OrderPaid {
        order_id: order.order_id.clone(),
        amount_vnd: amount,
        via,
        recorded_by,
        paid_vnd: paid,
        credit_vnd: credit,
        confirmation: confirmation.clone(),
    })
    .effect(Fx::Notify(notice))
    .effect(Fx::IssueServiceConfirmation(confirmation))
    .and(Ev::ContractExtended {
        order_id: order.order_id.clone(),
        tier: order.tier,
        expiry,
        notice_at,
    })
    .effect(Fx::ApplyContract(terms));
    if notice_at > ctx.at {
        return Ok(decision);
    }
    // A period shorter than the notice: the new term starts inside its notice window.
    let (event, effect) = notice_started(state, expiry, ctx.at);
    Ok(decision.and(event).effect(effect))
}

/// The order stops after a partial payment: the vendor follows up on it, the owner is told.
fn stopped(state: &StoreSubscriptionState, order: &Order) -> Decision<StoreSubscription> {
    let remainder = order.remainder();
    let follow_up = FollowUp {
        store_id: state.store_id.clone(),
        store_name: state.store_name.clone(),
        order_id: order.order_id.clone(),
        reference: order.reference.clone(),
        quote_vnd: order.quote_vnd,
        paid_vnd: order.paid_vnd,
        remainder_vnd: remainder,
    };
    let notice = to_owner(templates::PAYMENT_STOPPED, state, order)
        .with("paid_vnd", order.paid_vnd.dong().to_string())
        .with("remainder_vnd", remainder.dong().to_string());
    Decision::of(Ev::PaymentStopped {
        order_id: order.order_id.clone(),
        paid_vnd: order.paid_vnd,
        remainder_vnd: remainder,
    })
    .effect(Fx::VendorFollowUp(follow_up))
    .effect(Fx::Notify(notice))
}

/// The footer notice starts at `at`: its event and the notification to the store.
fn notice_started(
    state: &StoreSubscriptionState,
    expiry: DateTime<Utc>,
    at: DateTime<Utc>,
) -> (Ev, Fx) {
    let days_left = days_left(at, expiry);
    let notice = to_store(templates::EXPIRY_NOTICE, state)
        .with("expiry", rfc3339(expiry))
        .with("days_left", days_left.to_string());
    (
        Ev::ExpiryNoticeStarted { expiry, days_left },
        Fx::Notify(notice),
    )
}

/// Vietnamese calendar days from `at` to the day of `expiry`; 0 on that day and after.
pub(super) fn days_left(at: DateTime<Utc>, expiry: DateTime<Utc>) -> u32 {
    u32::try_from(calendar_days_between(at, expiry).max(0)).unwrap_or(u32::MAX)
}

/// When the footer notice of a term ending at `expiry` starts.
pub(super) fn notice_at(
    config: &StoreSubscriptionConfig,
    expiry: DateTime<Utc>,
) -> Result<DateTime<Utc>, Rejection> {
    expiry
        .checked_sub_signed(TimeDelta::days(i64::from(config.expiry_notice_days)))
        .ok_or_else(out_of_range)
}

fn out_of_range() -> Rejection {
    Rejection::new(
        RejectionCode::ValidationFailed,
        "expiry",
        "Thời hạn hợp đồng vượt quá phạm vi cho phép.",
        "The contract's expiry is out of the representable range.",
    )
}

pub(super) fn on_deadline(
    state: &StoreSubscriptionState,
    timer: &Timer<'_, StoreSubscriptionDeadline>,
    ctx: &Ctx<'_>,
) -> Result<Decision<StoreSubscription>, Unfit> {
    use StoreSubscriptionDeadline as D;
    let order = || {
        timer
            .target
            .and_then(|id| state.order(id))
            .ok_or_else(|| Unfit::new(format!("{:?} names no order", timer.kind)))
    };
    match timer.kind {
        D::PaymentWindow => {
            let order = order()?;
            match order.status {
                // Something was paid (a QR for the remainder was shown): the partial amount
                // is never forgotten, the vendor follows it up.
                OrderStatus::AwaitingPayment | OrderStatus::Underpaid
                    if order.paid_vnd > Vnd::ZERO =>
                {
                    Ok(stopped(state, order))
                }
                OrderStatus::AwaitingPaymentMethod | OrderStatus::AwaitingPayment => {
                    Ok(Decision::of(Ev::OrderLapsed {
                        order_id: order.order_id.clone(),
                    }))
                }
                other => Err(Unfit::new(format!(
                    "payment_window of order {} in state {}",
                    order.order_id,
                    other.id()
                ))),
            }
        }
        D::VendorContact => {
            let order = order()?;
            if order.status != OrderStatus::ClaimUnderReview {
                return Err(Unfit::new(format!(
                    "vendor_contact of order {} in state {}",
                    order.order_id,
                    order.status.id()
                )));
            }
            let notice = to_vendor(ctx.config, templates::CLAIM_OVERDUE, state, order)
                .with("contact_by", rfc3339(timer.due));
            Ok(Decision::of(Ev::ClaimEscalated {
                order_id: order.order_id.clone(),
            })
            .effect(Fx::Notify(notice)))
        }
        D::ExpiryNotice => {
            let (event, effect) = notice_started(state, state.contract.expiry, timer.due);
            Ok(Decision::of(event).effect(effect))
        }
        D::Expiry => {
            let c = &state.contract;
            let terms = ContractTerms {
                store_id: state.store_id.clone(),
                tier: c.tier,
                status: ContractStatus::Expired,
                expiry: c.expiry,
            };
            let notice = to_store(templates::CONTRACT_EXPIRED, state)
                .with("expiry", rfc3339(c.expiry))
                .with("tier", c.tier.id());
            Ok(Decision::of(Ev::ContractExpired { expiry: c.expiry })
                .effect(Fx::ApplyContract(terms))
                .effect(Fx::Notify(notice)))
        }
    }
}

/// The pending deadlines: the open order's payment window or vendor contact (the open
/// order is the last one), the footer notice of a signed contract, and the expiry.
pub(super) fn pending(
    state: &StoreSubscriptionState,
) -> impl Iterator<Item = Timer<'_, StoreSubscriptionDeadline>> {
    let order = state.orders.last().into_iter().flat_map(|o| {
        let waiting = matches!(
            o.status,
            OrderStatus::AwaitingPaymentMethod
                | OrderStatus::AwaitingPayment
                | OrderStatus::Underpaid
        );
        let window = o.window_ends.filter(|_| waiting).map(|due| {
            Timer::new(StoreSubscriptionDeadline::PaymentWindow, due, Basis::Clock).on(&o.order_id)
        });
        let contact = o
            .open_claim()
            .filter(|_| o.status == OrderStatus::ClaimUnderReview)
            .map(|c| {
                Timer::new(
                    StoreSubscriptionDeadline::VendorContact,
                    c.contact_by,
                    Basis::Clock,
                )
                .on(&o.order_id)
            });
        window.into_iter().chain(contact)
    });
    let c = &state.contract;
    let notice = (c.signed && c.status == ContractStatus::Active && !c.notice_shown).then(|| {
        Timer::new(
            StoreSubscriptionDeadline::ExpiryNotice,
            c.notice_at,
            Basis::Clock,
        )
    });
    let expiry = c
        .status
        .in_term()
        .then(|| Timer::new(StoreSubscriptionDeadline::Expiry, c.expiry, Basis::Clock));
    order.chain(notice).chain(expiry)
}

/// The order `order_id` if its status is one of `allowed`; `not_found`, or
/// `invalid_transition` naming `command` and its status.
fn in_status<'a>(
    state: &'a StoreSubscriptionState,
    order_id: &str,
    command: &str,
    allowed: &[OrderStatus],
) -> Result<&'a Order, Rejection> {
    let order = state
        .order(order_id)
        .ok_or_else(|| Rejection::not_found("order_id", order_id))?;
    if allowed.contains(&order.status) {
        Ok(order)
    } else {
        Err(Rejection::invalid_transition(command, order.status.id()))
    }
}

/// The order a transfer reference names. References are compared on their ASCII letters
/// and digits, case-insensitively (banks drop spaces, change case, strip punctuation); a
/// reference `<prefix> <store_id> DH<n>` names the n-th order, so nothing is searched.
fn by_reference<'a>(state: &'a StoreSubscriptionState, reference: &str) -> Option<&'a Order> {
    let given = normalized(reference);
    let head = given.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = given.strip_prefix(head)?;
    let order = state.order(&order_id_of(digits)?)?;
    (normalized(&order.reference) == given).then_some(order)
}

fn order_id_of(digits: &str) -> Option<String> {
    let n: usize = digits.parse().ok()?;
    (digits == n.to_string()).then(|| order_id(n))
}

fn normalized(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// An amount that must be above 0: negative is `vnd_negative`, zero names `field`.
fn positive(field: &'static str, amount: Vnd) -> Result<Vnd, Rejection> {
    let amount = amount.require_non_negative()?;
    if amount == Vnd::ZERO {
        return Err(Rejection::invalid_field(
            field,
            format!("`{field}` phải lớn hơn 0 đồng."),
            format!("`{field}` must be above 0 đồng."),
        ));
    }
    Ok(amount)
}

/// The vendor's account, or `invalid_transition` (rule `vendor_account_missing`): no QR can
/// be shown before the host configures it.
fn vendor_account<'a>(ctx: &Ctx<'a>) -> Result<&'a VendorAccount, Rejection> {
    ctx.config.vendor_account.as_ref().ok_or_else(|| {
        Rejection::new(
            RejectionCode::InvalidTransition,
            "vendor_account_missing",
            "Chưa cấu hình tài khoản nhận tiền của nhà cung cấp: chưa thể hiển thị mã QR thanh toán.",
            "The vendor's receiving account is not configured: no payment QR can be shown.",
        )
    })
}

/// The payment QR of `order` for `amount`: the VietQR of the vendor's account with the
/// order's transfer reference.
pub(super) fn payment_qr(
    state: &StoreSubscriptionState,
    order: &Order,
    account: &VendorAccount,
    method: &str,
    amount: Vnd,
    expires_at: DateTime<Utc>,
) -> Result<PaymentQr, Rejection> {
    let qr = account
        .vietqr()
        .with_amount(amount)
        .with_reference(&order.reference);
    let payload = qr.payload()?;
    Ok(PaymentQr {
        store_id: state.store_id.clone(),
        order_id: order.order_id.clone(),
        method: method.to_owned(),
        amount_vnd: amount,
        reference: order.reference.clone(),
        qr,
        payload,
        account_name: account.account_name.clone(),
        expires_at,
    })
}

/// A notification to the store's owner about `order`.
fn to_owner(template: &str, state: &StoreSubscriptionState, order: &Order) -> Notification {
    Notification::new(Channel::InApp, template)
        .to(Recipient::new(OWNER_ADMIN, state.store_id.clone()))
        .with("store_id", state.store_id.clone())
        .with("order_id", order.order_id.clone())
}

/// A notification to every account of the store (owner and staff).
fn to_store(template: &str, state: &StoreSubscriptionState) -> Notification {
    Notification::new(Channel::InApp, template)
        .to(Recipient::new(OWNER_ADMIN, state.store_id.clone()))
        .to(Recipient::new(STAFF, state.store_id.clone()))
        .with("store_id", state.store_id.clone())
}

/// A notification to the vendor's queue about `order`.
fn to_vendor(
    config: &StoreSubscriptionConfig,
    template: &str,
    state: &StoreSubscriptionState,
    order: &Order,
) -> Notification {
    Notification::new(Channel::InApp, template)
        .to(Recipient::new(VENDOR, config.vendor_queue.clone()))
        .with("store_id", state.store_id.clone())
        .with("store_name", state.store_name.clone())
        .with("order_id", order.order_id.clone())
        .with("reference", order.reference.clone())
        .with("remainder_vnd", order.remainder().dong().to_string())
}
