//! `quytrinh tour [--lang vi|en]`: the bundled scenarios of every workflow, as timelines.

use crate::cmd::replay;
use crate::timeline;
use clap::Args;
use quytrinh::kernel::Lang;
use std::fmt::Write as _;

/// Arguments of `quytrinh tour`.
#[derive(Args, Debug)]
pub struct TourArgs {
    /// The language of the labels.
    #[arg(long, default_value = "vi")]
    lang: Lang,
}

/// The bundled scenarios: conformance vectors that tell each workflow's main stories.
const SCENARIOS: &[(&str, &str)] = &[
    (
        "companion/unlink_by_saco_confirmed_by_customer.json",
        include_str!(
            "../../../../tests/vectors/companion/unlink_by_saco_confirmed_by_customer.json"
        ),
    ),
    (
        "companion/withdraw_by_requester_only.json",
        include_str!("../../../../tests/vectors/companion/withdraw_by_requester_only.json"),
    ),
    (
        "companion/late_tick_after_three_days.json",
        include_str!("../../../../tests/vectors/companion/late_tick_after_three_days.json"),
    ),
    (
        "companion/resend_from_withdrawn.json",
        include_str!("../../../../tests/vectors/companion/resend_from_withdrawn.json"),
    ),
    (
        "companion/link_request_accepted.json",
        include_str!("../../../../tests/vectors/companion/link_request_accepted.json"),
    ),
    (
        "lead_care/full_cycle_with_replacement.json",
        include_str!("../../../../tests/vectors/lead_care/full_cycle_with_replacement.json"),
    ),
    (
        "lead_care/review_overdue_over_the_holidays.json",
        include_str!("../../../../tests/vectors/lead_care/review_overdue_over_the_holidays.json"),
    ),
    (
        "store_subscription/renewal_before_expiry.json",
        include_str!("../../../../tests/vectors/store_subscription/renewal_before_expiry.json"),
    ),
    (
        "store_subscription/underpaid_then_continue.json",
        include_str!("../../../../tests/vectors/store_subscription/underpaid_then_continue.json"),
    ),
    (
        "store_subscription/claim_escalated.json",
        include_str!("../../../../tests/vectors/store_subscription/claim_escalated.json"),
    ),
    (
        "renewal_billing/full_cycle_issue_remind_pay.json",
        include_str!("../../../../tests/vectors/renewal_billing/full_cycle_issue_remind_pay.json"),
    ),
    (
        "renewal_billing/reminders_over_tet.json",
        include_str!("../../../../tests/vectors/renewal_billing/reminders_over_tet.json"),
    ),
    (
        "renewal_billing/reconcile_by_over_a_weekend.json",
        include_str!("../../../../tests/vectors/renewal_billing/reconcile_by_over_a_weekend.json"),
    ),
    (
        "renewal_billing/payment_in_two_parts.json",
        include_str!("../../../../tests/vectors/renewal_billing/payment_in_two_parts.json"),
    ),
    (
        "complaint/fast_path_by_phone.json",
        include_str!("../../../../tests/vectors/complaint/fast_path_by_phone.json"),
    ),
    (
        "complaint/documents_finding_agreement.json",
        include_str!("../../../../tests/vectors/complaint/documents_finding_agreement.json"),
    ),
    (
        "complaint/deposit_missed_by_one_minute.json",
        include_str!("../../../../tests/vectors/complaint/deposit_missed_by_one_minute.json"),
    ),
    (
        "complaint/friday_afternoon_before_tet.json",
        include_str!("../../../../tests/vectors/complaint/friday_afternoon_before_tet.json"),
    ),
    (
        "complaint/late_tick_catches_up.json",
        include_str!("../../../../tests/vectors/complaint/late_tick_catches_up.json"),
    ),
];

/// Plays every scenario.
pub fn run(args: &TourArgs) -> Result<(String, bool), String> {
    let mut out = String::new();
    let mut passed = true;
    let _ = writeln!(
        out,
        "{}\n",
        match args.lang {
            Lang::Vi => "quytrinh — tham quan các quy trình (giờ Việt Nam, UTC+07:00)",
            Lang::En => "quytrinh — a tour of the workflows (Vietnam time, UTC+07:00)",
        }
    );
    for (name, text) in SCENARIOS {
        let vector = replay::parse(name, text)?;
        let played = timeline::play(name, &vector, args.lang)?;
        out.push_str(&played.text);
        passed &= played.failures.is_empty();
    }
    Ok((out, passed))
}
