//! The permission matrix of `renewal_billing` (SPEC §1.7, §5), table-driven: for every
//! command, in a state where it is allowed, each actor is accepted or gets `not_permitted`
//! with the rule that says why — `role` (the command table), `csm_scope` (a csm neither
//! assigned nor covering the product and market), `own_subscription` (another customer) —
//! and `available_commands` agrees. Queries and the filter follow the same rules.

mod permissions;

use chrono::{DateTime, TimeDelta, Utc};
use permissions::Want::{Ok as A, Party as P, Role as R};
use permissions::{Want, check_row};
use quytrinh::kernel::{Actor, Command, Instance, Settings, TypeName, Vnd, report};
use quytrinh::workflows::renewal_billing::{
    BuyerInfo, CsmScope, Filter, InvoiceInfo, Package, RenewalBilling, RenewalBillingCommand as C,
    RenewalBillingConfig, RenewalBillingInit, RenewalBillingQuery as Q, RenewalBillingReport,
    ResendChannel,
};

fn t0() -> DateTime<Utc> {
    "2026-06-20T09:00:00+07:00".parse().unwrap()
}

fn config() -> RenewalBillingConfig {
    RenewalBillingConfig {
        csm_scopes: vec![
            CsmScope::new("CSM-02", &["amis_ke_toan"], &["mien_bac"]),
            CsmScope::new("CSM-09", &["*"], &["mien_nam"]),
        ],
        ..RenewalBillingConfig::default()
    }
}

fn init() -> RenewalBillingInit {
    serde_json::from_value(serde_json::json!({
        "subscription_id": "TB-P", "customer_id": "KH-P", "payment_code": "KHP",
        "product": "amis_ke_toan", "market": "mien_bac", "csm_id": "CSM-01",
        "term_end": "2026-07-31",
        "buyer": {"name": "Nguyễn Thị Lan", "email": "lan@abc.com.vn", "phone": "0912345678"},
        "invoice": {"name": "Công ty TNHH ABC", "tax_code": "0108888888", "address": "Hà Nội",
                    "email": "ketoan@abc.com.vn"}
    }))
    .unwrap()
}

fn issue() -> C {
    C::IssueRequest {
        term: 2,
        package: Package {
            code: "AMIS-KT-12".into(),
            name: "AMIS Kế toán 12 tháng".into(),
            months: 12,
        },
        amount: Vnd::new(5_500_000),
    }
}

fn r1() -> String {
    "R1".into()
}

/// An instance brought through `steps` by their natural actors, and the instant after them.
fn prepared(steps: &[C]) -> (Instance<RenewalBilling>, DateTime<Utc>) {
    let mut instance = Instance::create("TB-P", config(), Settings::default(), init()).unwrap();
    let mut at = t0();
    for (i, step) in steps.iter().enumerate() {
        at += TimeDelta::minutes(10);
        let actor = match step {
            C::IssueRequest { .. } => Actor::new("scheduler", "auto-billing"),
            C::RecordOpened { .. } | C::ReportPaid { .. } => Actor::new("customer", "KH-P"),
            C::PaymentReceived { .. } => Actor::new("payment_gateway", "napas247"),
            _ => Actor::new("csm", "CSM-01"),
        };
        instance
            .handle(&Command::new(format!("s{i}"), actor, at, step.clone()))
            .unwrap_or_else(|e| panic!("setup step {i} ({}): {e}", step.name()));
    }
    (instance, at + TimeDelta::minutes(10))
}

/// The csm columns: assigned, in scope by the configuration, out of scope.
fn csms() -> [Actor; 3] {
    [
        Actor::new("csm", "CSM-01"),
        Actor::new("csm", "CSM-02"),
        Actor::new("csm", "CSM-09"),
    ]
}

/// The other columns: scheduler, the customer, another customer, the gateway, system.
fn others() -> [Actor; 5] {
    [
        Actor::new("scheduler", "auto-billing"),
        Actor::new("customer", "KH-P"),
        Actor::new("customer", "KH-OTHER"),
        Actor::new("payment_gateway", "napas247"),
        Actor::new("system", "system"),
    ]
}

/// A row of the matrix: the command, the steps that prepare the state, what the csm columns
/// and the other columns get.
type Row = (C, Vec<C>, [Want; 3], [Want; 5]);

fn matrix() -> Vec<Row> {
    let buyer = BuyerInfo {
        name: "Trần Văn Minh".into(),
        email: "minh@abc.com.vn".into(),
        phone: "0987654321".into(),
    };
    let invoice = InvoiceInfo {
        name: "Công ty TNHH ABC".into(),
        tax_code: Some("0312345673-001".into()),
        address: "TP. Hồ Chí Minh".into(),
        email: "hoadon@abc.com.vn".into(),
    };
    let issued = vec![issue()];
    //   command, prepared by, [assigned, in scope, out of scope], [scheduler, customer, other customer, gateway, system]
    vec![
        (issue(), vec![], [A, A, P], [A, R, R, R, R]),
        (
            C::RecordOpened { request_id: r1() },
            issued.clone(),
            [R, R, R],
            [R, A, P, R, R],
        ),
        (
            C::ReportPaid { request_id: r1() },
            issued.clone(),
            [R, R, R],
            [R, A, P, R, R],
        ),
        (
            C::PaymentReceived {
                request_id: r1(),
                amount: Vnd::new(5_500_000),
                reference: "FT1".into(),
            },
            issued.clone(),
            [R, R, R],
            [R, R, R, A, R],
        ),
        (
            C::Resend {
                request_id: r1(),
                channel: ResendChannel::Email,
            },
            issued.clone(),
            [A, A, P],
            [R, R, R, R, R],
        ),
        (
            C::Resend {
                request_id: r1(),
                channel: ResendChannel::Sms,
            },
            issued.clone(),
            [A, A, P],
            [R, R, R, R, R],
        ),
        (
            C::Cancel {
                request_id: r1(),
                reason: "Sai gói".into(),
            },
            issued.clone(),
            [A, A, P],
            [R, R, R, R, R],
        ),
        (
            C::MarkRefusedRenewal {
                request_id: r1(),
                reason: "Không gia hạn".into(),
            },
            issued.clone(),
            [A, A, P],
            [R, R, R, R, R],
        ),
        (
            C::UpdateBuyerInfo { buyer },
            vec![],
            [A, A, P],
            [R, R, R, R, R],
        ),
        (
            C::UpdateInvoiceInfo { invoice },
            vec![],
            [A, A, P],
            [R, R, R, R, R],
        ),
        (
            C::AddNote {
                text: "Đã gọi khách".into(),
            },
            vec![],
            [A, A, P],
            [R, R, R, R, R],
        ),
    ]
}

#[test]
fn permission_matrix() {
    let mut failures = Vec::new();
    for (command, steps, csm_wants, other_wants) in matrix() {
        let (instance, at) = prepared(&steps);
        check_row(
            &instance,
            at,
            &command,
            &csms(),
            &csm_wants,
            "csm_scope",
            &mut failures,
        );
        check_row(
            &instance,
            at,
            &command,
            &others(),
            &other_wants,
            "own_subscription",
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn queries_follow_the_same_rules() {
    let (instance, at) = prepared(&[issue()]);
    let detail = Q::RequestDetail { request_id: r1() };
    let cases: &[(Actor, &Q, Option<&str>)] = &[
        (Actor::new("csm", "CSM-01"), &detail, None),
        (Actor::new("csm", "CSM-02"), &Q::SupportHistory {}, None),
        (Actor::new("csm", "CSM-09"), &detail, Some("csm_scope")),
        (
            Actor::new("csm", "CSM-09"),
            &Q::CustomerInfo {},
            Some("csm_scope"),
        ),
        (Actor::new("customer", "KH-P"), &detail, None),
        (Actor::new("customer", "KH-P"), &Q::Requests {}, None),
        (
            Actor::new("customer", "KH-OTHER"),
            &detail,
            Some("own_subscription"),
        ),
        (
            Actor::new("customer", "KH-P"),
            &Q::SupportHistory {},
            Some("role"),
        ),
        (
            Actor::new("scheduler", "auto-billing"),
            &detail,
            Some("role"),
        ),
        (Actor::new("system", "system"), &detail, Some("role")),
    ];
    for (actor, query, refused) in cases {
        let got = instance.query(actor, at, query);
        match refused {
            None => assert!(got.is_ok(), "{actor:?} {query:?}: {got:?}"),
            Some(rule) => {
                let err = got.unwrap_err();
                let r = err.rejection().expect("a rejection");
                assert_eq!(
                    (r.code.as_str(), r.rule.as_ref()),
                    ("not_permitted", *rule),
                    "{actor:?} {query:?}"
                );
            }
        }
    }
}

#[test]
fn the_filter_is_the_csms() {
    let (instance, at) = prepared(&[issue()]);
    let filter = RenewalBillingReport::Filter(Filter::default());
    let rows = [instance.row()];
    for role in ["scheduler", "customer", "payment_gateway", "system"] {
        let err = report::<RenewalBilling>(&config(), &Actor::new(role, "x"), at, &filter, &rows)
            .unwrap_err();
        assert_eq!(err.code(), "not_permitted", "{role}");
    }
    let answer = |csm: &str| {
        let quytrinh::workflows::renewal_billing::RenewalBillingReportAnswer::Filter(f) =
            report::<RenewalBilling>(&config(), &Actor::new("csm", csm), at, &filter, &rows)
                .unwrap();
        f.total
    };
    // Assigned, covered by the scope, another market's csm.
    assert_eq!(
        (answer("CSM-01"), answer("CSM-02"), answer("CSM-09")),
        (1, 1, 0)
    );
}

#[test]
fn the_roles_of_the_definition() {
    let definition = quytrinh::kernel::Definition::of::<RenewalBilling>(&config());
    let roles: Vec<&str> = definition.roles.iter().map(|r| r.id).collect();
    assert_eq!(roles, ["csm", "scheduler", "customer", "payment_gateway"]);
    for command in definition.commands {
        assert!(!command.roles.contains(&"system"), "{}", command.name);
    }
    let issue = definition
        .commands
        .iter()
        .find(|c| c.name == "issue_request")
        .unwrap();
    assert_eq!(issue.roles, ["scheduler", "csm"]);
}
