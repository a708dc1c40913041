//! The views of `renewal_billing` (SPEC §5): the request detail (progress, payment content and
//! transfer information ready to copy, the VietQR payload), the support history, and the
//! CSM's filter over many subscriptions (criteria combined, the csm's scope, sorted by days to
//! the term's end, paged), through the typed API and the JSON one every binding uses; and the
//! terms and reminders as the calendar makes them.

use chrono::{DateTime, TimeDelta, Utc};
use quytrinh::dynamic;
use quytrinh::kernel::{Actor, Command, Instance, Settings, Vnd, report};
use quytrinh::vietqr::VietQr;
use quytrinh::workflows::renewal_billing::{
    CsmScope, Filter, Package, ReminderShift, RenewalBilling, RenewalBillingAnswer as A,
    RenewalBillingCommand as C, RenewalBillingConfig, RenewalBillingInit, RenewalBillingQuery as Q,
    RenewalBillingReport, RenewalBillingReportAnswer, RenewalRow, RowStatus, Step,
    SubscriptionStatus, SupportAction,
};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn init(id: &str, product: &str, market: &str, csm: &str, term_end: &str) -> RenewalBillingInit {
    serde_json::from_value(serde_json::json!({
        "subscription_id": id, "customer_id": format!("KH-{id}"), "payment_code": id.replace('-', ""),
        "product": product, "market": market, "csm_id": csm, "term_end": term_end,
        "buyer": {"name": "Nguyễn Thị Lan", "email": "lan@abc.com.vn", "phone": "0912345678"},
        "invoice": {"name": format!("Công ty {id}"), "tax_code": "0108888888",
                    "address": "Hà Nội", "email": "ketoan@abc.com.vn"}
    }))
    .unwrap()
}

fn package(months: u32) -> Package {
    Package {
        code: format!("PKG-{months}"),
        name: format!("Gói {months} tháng"),
        months,
    }
}

fn issue(months: u32, amount: i64) -> C {
    C::IssueRequest {
        term: 2,
        package: package(months),
        amount: Vnd::new(amount),
    }
}

fn run(instance: &mut Instance<RenewalBilling>, who: (&str, &str), when: &str, body: C) {
    let id = format!("c{}", instance.version() + 1);
    instance
        .handle(&Command::new(id, Actor::new(who.0, who.1), at(when), body))
        .unwrap();
}

const SCHEDULER: (&str, &str) = ("scheduler", "auto-billing");
const GATEWAY: (&str, &str) = ("payment_gateway", "napas247");
const CSM: (&str, &str) = ("csm", "CSM-01");

fn subscription(id: &str, term_end: &str) -> Instance<RenewalBilling> {
    Instance::create(
        id,
        RenewalBillingConfig::default(),
        Settings::default(),
        init(id, "amis_ke_toan", "mien_bac", "CSM-01", term_end),
    )
    .unwrap()
}

/// TB-0042 with R1 issued, opened, paid 2.000.000 ₫ of 5.500.000 ₫ and resent by SMS.
fn partly_paid() -> Instance<RenewalBilling> {
    let mut sub = subscription("TB-0042", "2026-07-31");
    run(
        &mut sub,
        SCHEDULER,
        "2026-06-20T09:00:00+07:00",
        issue(12, 5_500_000),
    );
    run(
        &mut sub,
        ("customer", "KH-TB-0042"),
        "2026-06-21T20:00:00+07:00",
        C::RecordOpened {
            request_id: "R1".into(),
        },
    );
    run(
        &mut sub,
        GATEWAY,
        "2026-06-22T10:00:00+07:00",
        C::PaymentReceived {
            request_id: "R1".into(),
            amount: Vnd::new(2_000_000),
            reference: "FT1".into(),
        },
    );
    run(
        &mut sub,
        CSM,
        "2026-06-22T11:00:00+07:00",
        C::Resend {
            request_id: "R1".into(),
            channel: quytrinh::workflows::renewal_billing::ResendChannel::Sms,
        },
    );
    sub
}

fn detail_query() -> Q {
    Q::RequestDetail {
        request_id: "R1".into(),
    }
}

#[test]
fn the_request_detail_has_what_the_csm_copies_and_the_qr() {
    let sub = partly_paid();
    let query = detail_query();
    let A::RequestDetail { detail } = sub
        .query(
            &Actor::new("csm", "CSM-01"),
            at("2026-06-22T12:00:00+07:00"),
            &query,
        )
        .unwrap()
    else {
        panic!("not a detail")
    };
    assert_eq!(detail.days_to_term_end, 39);
    assert_eq!(detail.transfer.amount, Vnd::new(3_500_000));
    assert_eq!(detail.transfer.reference, "TB0042 R1");
    assert_eq!(
        detail.transfer.copy_text,
        "Ngân hàng: Vietcombank\nSố tài khoản: 0011001234567\nChủ tài khoản: CONG TY CO PHAN MISA\n\
         Số tiền: 3.500.000 ₫\nNội dung chuyển khoản: TB0042 R1"
    );
    assert!(
        detail
            .payment_content
            .copy_text
            .starts_with("Thanh toán gia hạn amis_ke_toan — gói Gói 12 tháng (PKG-12), kỳ 2: 01/08/2026 – 31/07/2027"),
        "{}",
        detail.payment_content.copy_text
    );
    assert!(
        detail
            .payment_content
            .copy_text
            .contains("Còn lại: 3.500.000 ₫")
    );
    assert!(detail.payment_content.copy_text.contains("MST 0108888888"));
    // The QR is for what remains, with the request's reference, to the configured account.
    let qr = VietQr::parse(detail.qr_payload.as_deref().unwrap()).unwrap();
    assert_eq!(
        (
            qr.bank_bin.as_str(),
            qr.account.as_str(),
            qr.amount,
            qr.reference.as_deref()
        ),
        (
            "970436",
            "0011001234567",
            Some(Vnd::new(3_500_000)),
            Some("TB0042 R1")
        )
    );
    let steps: Vec<Step> = detail.timeline.iter().map(|e| e.step).collect();
    assert_eq!(
        steps,
        [
            Step::Issued,
            Step::Opened,
            Step::PaymentRecorded,
            Step::Resent
        ]
    );
}

#[test]
fn a_paid_request_has_no_qr_and_keeps_its_invoice_information() {
    let mut sub = partly_paid();
    let query = detail_query();
    run(
        &mut sub,
        GATEWAY,
        "2026-06-23T10:00:00+07:00",
        C::PaymentReceived {
            request_id: "R1".into(),
            amount: Vnd::new(3_500_000),
            reference: "FT2".into(),
        },
    );
    let mut renamed = sub.state().invoice_info.clone();
    renamed.name = "Công ty Cổ phần TB-0042".into();
    run(
        &mut sub,
        CSM,
        "2026-06-24T10:00:00+07:00",
        C::UpdateInvoiceInfo { invoice: renamed },
    );
    let A::RequestDetail { detail } = sub
        .query(
            &Actor::new("customer", "KH-TB-0042"),
            at("2026-06-24T12:00:00+07:00"),
            &query,
        )
        .unwrap()
    else {
        panic!("not a detail")
    };
    assert_eq!(detail.qr_payload, None);
    assert_eq!(detail.transfer.amount, Vnd::ZERO);
    assert_eq!(detail.payment_content.invoice_info.name, "Công ty TB-0042");
    assert_eq!(detail.timeline.last().unwrap().step, Step::Paid);
    assert_eq!(detail.days_to_term_end, 402); // the term in force now ends on 31 July 2027
}

#[test]
fn the_support_history_lists_every_csm_action_with_actor_and_time() {
    let mut sub = subscription("TB-7", "2026-07-31");
    run(
        &mut sub,
        CSM,
        "2026-06-20T09:00:00+07:00",
        issue(12, 1_000_000),
    );
    run(
        &mut sub,
        CSM,
        "2026-06-20T09:05:00+07:00",
        C::AddNote {
            text: "Khách hẹn gọi lại chiều thứ Hai".into(),
        },
    );
    run(
        &mut sub,
        CSM,
        "2026-06-20T09:10:00+07:00",
        C::Cancel {
            request_id: "R1".into(),
            reason: "Khách muốn đổi sang gói 24 tháng".into(),
        },
    );
    let A::SupportHistory { entries } = sub
        .query(
            &Actor::new("csm", "CSM-01"),
            at("2026-06-20T10:00:00+07:00"),
            &Q::SupportHistory {},
        )
        .unwrap()
    else {
        panic!("not the history")
    };
    let summary: Vec<(DateTime<Utc>, &str, Option<&str>, &SupportAction)> = entries
        .iter()
        .map(|e| {
            (
                e.at,
                e.actor_id.as_str(),
                e.request_id.as_deref(),
                &e.action,
            )
        })
        .collect();
    assert_eq!(summary.len(), 3);
    assert_eq!(summary[0].0, at("2026-06-20T09:00:00+07:00"));
    assert!(matches!(summary[0].3, SupportAction::RequestIssued {}));
    assert_eq!(summary[1].2, None);
    assert!(matches!(summary[1].3, SupportAction::Note { text } if text.starts_with("Khách hẹn")));
    assert_eq!((summary[2].1, summary[2].2), ("CSM-01", Some("R1")));
    assert!(matches!(summary[2].3, SupportAction::Cancelled { .. }));
}

/// The actor and body of a step of [`rows`]: issue, open, report or pay R1.
fn step_command(step: &str, id: &str) -> (Actor, C) {
    let customer = Actor::new("customer", format!("KH-{id}"));
    let r1 = || "R1".to_owned();
    match step {
        "issue" => (Actor::new("scheduler", "s"), issue(12, 1_000_000)),
        "open" => (customer, C::RecordOpened { request_id: r1() }),
        "report" => (customer, C::ReportPaid { request_id: r1() }),
        "pay" => (
            Actor::new("payment_gateway", "g"),
            C::PaymentReceived {
                request_id: r1(),
                amount: Vnd::new(1_000_000),
                reference: format!("FT-{id}"),
            },
        ),
        _ => panic!("{step}"),
    }
}

/// Nine subscriptions in various states, for the filter.
fn rows() -> Vec<RenewalRow> {
    let mut out = Vec::new();
    let mut make = |id: &str, product: &str, market: &str, csm: &str, end: &str, steps: &[&str]| {
        let mut sub = Instance::<RenewalBilling>::create(
            id,
            RenewalBillingConfig::default(),
            Settings::default(),
            init(id, product, market, csm, end),
        )
        .unwrap();
        let mut when = at("2026-06-01T09:00:00+07:00");
        for step in steps {
            when += TimeDelta::hours(1);
            let (who, body) = step_command(step, id);
            sub.handle(&Command::new(
                format!("c{}", sub.version()),
                who,
                when,
                body,
            ))
            .unwrap();
        }
        out.push(sub.row());
    };
    make(
        "A",
        "amis_ke_toan",
        "mien_bac",
        "CSM-01",
        "2026-06-20",
        &["issue"],
    );
    make(
        "B",
        "amis_ke_toan",
        "mien_bac",
        "CSM-01",
        "2026-06-25",
        &["issue", "open"],
    );
    make(
        "C",
        "amis_ke_toan",
        "mien_nam",
        "CSM-01",
        "2026-06-12",
        &["issue", "open", "report"],
    );
    make(
        "D",
        "meinvoice",
        "mien_bac",
        "CSM-01",
        "2026-07-31",
        &["issue", "pay"],
    );
    make(
        "E",
        "amis_ke_toan",
        "mien_bac",
        "CSM-02",
        "2026-06-18",
        &["issue"],
    );
    make("F", "meinvoice", "mien_trung", "CSM-02", "2026-06-16", &[]);
    make(
        "G",
        "amis_ke_toan",
        "mien_nam",
        "CSM-03",
        "2026-06-15",
        &["issue"],
    );
    make(
        "H",
        "amis_ke_toan",
        "mien_bac",
        "CSM-01",
        "2026-06-15",
        &["issue"],
    );
    make("I", "amis_ke_toan", "mien_bac", "CSM-01", "2026-06-01", &[]);
    out
}

fn filter(actor: &str, criteria: Filter, config: &RenewalBillingConfig) -> Vec<(String, i64)> {
    let RenewalBillingReportAnswer::Filter(f) = report::<RenewalBilling>(
        config,
        &Actor::new("csm", actor),
        at("2026-06-10T09:00:00+07:00"),
        &RenewalBillingReport::Filter(criteria),
        &rows(),
    )
    .unwrap();
    f.lines
        .into_iter()
        .map(|l| (l.row.instance_id, l.days_to_term_end))
        .collect()
}

fn ids(lines: &[(String, i64)]) -> Vec<&str> {
    lines.iter().map(|(id, _)| id.as_str()).collect()
}

#[test]
fn the_filter_combines_criteria_within_the_csms_scope_soonest_first() {
    let plain = RenewalBillingConfig::default();
    // CSM-01's own rows, soonest term end first; I's term ended 9 days ago (the host has
    // not ticked it since, so its row still says active).
    let all = filter("CSM-01", Filter::default(), &plain);
    assert_eq!(ids(&all), ["I", "C", "H", "A", "B", "D"]);
    assert_eq!(all[0], ("I".to_owned(), -9));
    assert_eq!(all[2], ("H".to_owned(), 5));
    // Not opened, term ending within 10 days, still issued: the seed's first worry.
    let unopened = Filter {
        statuses: vec![RowStatus::Issued],
        opened: Some(false),
        max_days_to_term_end: Some(10),
        ..Filter::default()
    };
    assert_eq!(ids(&filter("CSM-01", unopened, &plain)), ["H", "A"]);
    // Reported paid but not reconciled yet.
    let reported = Filter {
        statuses: vec![RowStatus::CustomerReportedPaid],
        ..Filter::default()
    };
    assert_eq!(ids(&filter("CSM-01", reported, &plain)), ["C"]);
    // Any of two statuses, one product, one market.
    let combined = Filter {
        statuses: vec![RowStatus::Issued, RowStatus::Opened],
        products: vec!["amis_ke_toan".into()],
        markets: vec!["mien_bac".into()],
        ..Filter::default()
    };
    assert_eq!(ids(&filter("CSM-01", combined, &plain)), ["H", "A", "B"]);
    // No request yet, and a window of days.
    let none = Filter {
        statuses: vec![RowStatus::None],
        min_days_to_term_end: Some(-30),
        max_days_to_term_end: Some(0),
        ..Filter::default()
    };
    assert_eq!(ids(&filter("CSM-01", none, &plain)), ["I"]);
    let paid = Filter {
        statuses: vec![RowStatus::Paid],
        subscription_status: Some(SubscriptionStatus::Active),
        ..Filter::default()
    };
    assert_eq!(filter("CSM-01", paid, &plain), [("D".to_owned(), 416)]);
    // A scope over the north and centre adds CSM-02's and CSM-03's rows there, not the south.
    let scoped = RenewalBillingConfig {
        csm_scopes: vec![CsmScope::new("CSM-01", &["*"], &["mien_bac", "mien_trung"])],
        ..RenewalBillingConfig::default()
    };
    assert_eq!(
        ids(&filter("CSM-01", Filter::default(), &scoped)),
        ["I", "C", "H", "F", "E", "A", "B", "D"]
    );
    // The assigned csm criterion, with the scope.
    let of_csm2 = Filter {
        csm_ids: vec!["CSM-02".into()],
        ..Filter::default()
    };
    assert_eq!(ids(&filter("CSM-01", of_csm2, &scoped)), ["F", "E"]);
    // CSM-03 sees only G; CSM-09 nothing.
    assert_eq!(ids(&filter("CSM-03", Filter::default(), &plain)), ["G"]);
    assert!(filter("CSM-09", Filter::default(), &plain).is_empty());
}

#[test]
fn the_filter_pages_after_sorting_and_counts_every_match() {
    let page = Filter {
        offset: 2,
        limit: Some(3),
        ..Filter::default()
    };
    let RenewalBillingReportAnswer::Filter(f) = report::<RenewalBilling>(
        &RenewalBillingConfig::default(),
        &Actor::new("csm", "CSM-01"),
        at("2026-06-10T09:00:00+07:00"),
        &RenewalBillingReport::Filter(page),
        &rows(),
    )
    .unwrap();
    assert_eq!(f.total, 6);
    let ids: Vec<&str> = f.lines.iter().map(|l| l.row.instance_id.as_str()).collect();
    assert_eq!(ids, ["H", "A", "B"]);
}

#[test]
fn the_filter_through_the_json_entry_every_binding_uses() {
    let rows: Vec<serde_json::Value> = rows()
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    let criteria =
        serde_json::json!({"type": "filter", "statuses": ["issued"], "opened": false, "limit": 2});
    let answer = dynamic::report(
        "renewal_billing",
        None,
        &Actor::new("csm", "CSM-01"),
        at("2026-06-10T09:00:00+07:00"),
        &criteria,
        &rows,
    )
    .unwrap();
    assert_eq!(answer["type"], "filter");
    assert_eq!(answer["total"], 2);
    assert_eq!(answer["lines"][0]["instance_id"], "H");
    assert_eq!(answer["lines"][0]["days_to_term_end"], 5);
    assert_eq!(answer["lines"][0]["request_status"], "issued");
    assert_eq!(answer["lines"][1]["instance_id"], "A");
    let bad = serde_json::json!({"type": "filter", "colour": "red"});
    let err = dynamic::report(
        "renewal_billing",
        None,
        &Actor::new("csm", "CSM-01"),
        at("2026-06-10T09:00:00+07:00"),
        &bad,
        &rows,
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_json");
}

#[test]
fn terms_end_on_a_months_last_day_when_they_did() {
    let cases = [
        ("2026-07-31", 12, "2027-07-31"),
        ("2026-04-30", 1, "2026-05-31"),
        ("2026-01-31", 1, "2026-02-28"),
        ("2027-02-28", 12, "2028-02-29"),
        ("2026-01-15", 1, "2026-02-15"),
        ("2026-06-30", 24, "2028-06-30"),
        ("2026-02-27", 12, "2027-02-27"),
    ];
    for (end, months, renewed) in cases {
        let mut sub = subscription("TB-T", end);
        let when = "2026-01-01T09:00:00+07:00";
        run(&mut sub, SCHEDULER, when, issue(months, 1_000_000));
        let r = &sub.state().requests[0];
        assert_eq!(r.period_end.to_string(), renewed, "{end} + {months}");
        assert_eq!(
            r.period_start,
            end.parse::<chrono::NaiveDate>()
                .unwrap()
                .succ_opt()
                .unwrap()
        );
    }
}

#[test]
fn reminders_as_scheduled_fall_on_the_holidays_themselves() {
    let config = RenewalBillingConfig {
        reminder_on_day_off: ReminderShift::AsScheduled,
        ..RenewalBillingConfig::default()
    };
    let mut sub = Instance::<RenewalBilling>::create(
        "TB-TET",
        config,
        Settings::default(),
        init("TB-TET", "amis_ke_toan", "mien_bac", "CSM-01", "2027-02-12"),
    )
    .unwrap();
    run(
        &mut sub,
        SCHEDULER,
        "2026-12-20T09:00:00+07:00",
        issue(12, 1_000_000),
    );
    let due: Vec<(String, i64)> = sub.state().requests[0]
        .reminders
        .iter()
        .map(|r| (r.due.to_rfc3339(), r.days_left))
        .collect();
    assert_eq!(
        due,
        [
            ("2027-01-13T02:00:00+00:00".to_owned(), 30),
            ("2027-01-28T02:00:00+00:00".to_owned(), 15),
            ("2027-02-05T02:00:00+00:00".to_owned(), 7),
            ("2027-02-09T02:00:00+00:00".to_owned(), 3),
            ("2027-02-11T02:00:00+00:00".to_owned(), 1),
        ]
    );
}

#[test]
fn configured_reminder_days_and_time() {
    let config: RenewalBillingConfig = serde_json::from_value(serde_json::json!({
        "reminder_days": [10, 2], "reminder_time": "08:30", "resend_daily_limit": 1
    }))
    .unwrap();
    let mut sub = Instance::<RenewalBilling>::create(
        "TB-C",
        config,
        Settings::default(),
        init("TB-C", "amis_ke_toan", "mien_bac", "CSM-01", "2026-07-31"),
    )
    .unwrap();
    run(
        &mut sub,
        SCHEDULER,
        "2026-06-20T09:00:00+07:00",
        issue(12, 1_000_000),
    );
    let due: Vec<DateTime<Utc>> = sub.state().requests[0]
        .reminders
        .iter()
        .map(|r| r.due)
        .collect();
    assert_eq!(
        due,
        [
            at("2026-07-21T08:30:00+07:00"),
            at("2026-07-29T08:30:00+07:00")
        ]
    );
    let resend = |id: &str| {
        Command::new(
            id,
            Actor::new("csm", "CSM-01"),
            at("2026-06-21T09:00:00+07:00"),
            C::Resend {
                request_id: "R1".into(),
                channel: quytrinh::workflows::renewal_billing::ResendChannel::Email,
            },
        )
    };
    sub.handle(&resend("r1")).unwrap();
    assert_eq!(
        sub.handle(&resend("r2")).unwrap_err().code(),
        "limit_reached"
    );
    let bad: Result<RenewalBillingConfig, _> =
        serde_json::from_value(serde_json::json!({"reminder_days": [0]}));
    assert!(bad.unwrap().validate().is_err());
}
