//! The permission matrix of `store_subscription` (SPEC §1.7, §4), table-driven: for every
//! command, in a state where its role may issue it, each actor either is accepted or gets
//! `not_permitted` (rule `role`: staff cannot buy, only the vendor settles claims, only the
//! gateway reports payments, hosts never act as system), and `available_commands` agrees;
//! and every query answers exactly the roles of its definition (staff: the footer notice).

use chrono::{DateTime, TimeDelta, Utc};
use quytrinh::kernel::{Actor, Command, Error, Instance, Settings, TypeName, Vnd};
use quytrinh::workflows::store_subscription::{
    OrderKind, StoreSubscription, StoreSubscriptionCommand as C, StoreSubscriptionConfig,
    StoreSubscriptionInit, StoreSubscriptionQuery as Q, Tier,
};

mod permissions;

use permissions::Want::{Ok as A, Role as R};
use permissions::{Want, check_row};

fn t0() -> DateTime<Utc> {
    "2026-06-20T09:00:00+07:00".parse().unwrap()
}

fn config() -> StoreSubscriptionConfig {
    serde_json::from_value(serde_json::json!({
        "vendor_account": {"bank_bin": "970436", "account": "0011001234567"}
    }))
    .unwrap()
}

fn init() -> StoreSubscriptionInit {
    serde_json::from_value(serde_json::json!({
        "store_id": "CH0001", "store_name": "Tạp hoá Minh Anh", "industry": "Tạp hóa",
        "tier": "support", "status": "active", "expiry": "2026-09-01T00:00:00+07:00",
        "terms_version": "2023-08"
    }))
    .unwrap()
}

fn order(kind: OrderKind, tier: Tier) -> C {
    C::StartOrder {
        kind,
        tier,
        months: 12,
        quote_vnd: Vnd::new(2_400_000),
    }
}

fn renewal() -> C {
    order(OrderKind::Renewal, Tier::Support)
}

fn choose() -> C {
    C::ChoosePaymentMethod {
        order_id: "DH1".into(),
        method: "vietqr".into(),
    }
}

fn pay(dong: i64) -> C {
    C::PaymentReceived {
        reference: "GH CH0001 DH1".into(),
        amount_vnd: Vnd::new(dong),
    }
}

fn claim() -> C {
    C::ClaimPaid {
        order_id: "DH1".into(),
    }
}

/// An instance brought through `steps` by their natural actors, and the instant after them.
fn prepared(steps: &[C]) -> (Instance<StoreSubscription>, DateTime<Utc>) {
    let mut instance = Instance::create("CH0001", config(), Settings::default(), init()).unwrap();
    let mut at = t0();
    for (i, step) in steps.iter().enumerate() {
        at += TimeDelta::minutes(10);
        let actor = match step {
            C::PaymentReceived { .. } => Actor::new("payment_gateway", "doi-soat"),
            C::ConfirmClaim { .. } | C::RejectClaim { .. } => Actor::new("vendor", "kd-huong"),
            _ => Actor::new("owner_admin", "minhanh.admin"),
        };
        instance
            .handle(&Command::new(format!("s{i}"), actor, at, step.clone()))
            .unwrap_or_else(|e| panic!("setup step {i} ({}): {e}", step.name()));
    }
    (instance, at + TimeDelta::minutes(10))
}

/// The actors of the matrix's columns.
fn actors() -> [Actor; 5] {
    [
        Actor::new("owner_admin", "minhanh.admin"),
        Actor::new("staff", "thu.ngan"),
        Actor::new("vendor", "kd-huong"),
        Actor::new("payment_gateway", "doi-soat"),
        Actor::new("system", "system"),
    ]
}

#[test]
fn permission_matrix() {
    //                   command, prepared by,           owner staff vendor gateway system
    let rows: Vec<(C, Vec<C>, [Want; 5])> = vec![
        (renewal(), vec![], [A, R, R, R, R]),
        (
            order(OrderKind::NewPurchase, Tier::Support),
            vec![],
            [A, R, R, R, R],
        ),
        (
            order(OrderKind::Upgrade, Tier::Premium),
            vec![],
            [A, R, R, R, R],
        ),
        (choose(), vec![renewal()], [A, R, R, R, R]),
        (pay(2_400_000), vec![renewal(), choose()], [R, R, R, A, R]),
        (
            C::ContinuePayment {
                order_id: "DH1".into(),
            },
            vec![renewal(), choose(), pay(1_000_000)],
            [A, R, R, R, R],
        ),
        (
            C::StopPayment {
                order_id: "DH1".into(),
            },
            vec![renewal(), choose(), pay(1_000_000)],
            [A, R, R, R, R],
        ),
        (claim(), vec![renewal(), choose()], [A, R, R, R, R]),
        (
            C::ConfirmClaim {
                order_id: "DH1".into(),
                amount_vnd: Vnd::new(2_400_000),
            },
            vec![renewal(), choose(), claim()],
            [R, R, A, R, R],
        ),
        (
            C::RejectClaim {
                order_id: "DH1".into(),
                note: Some("Chưa thấy giao dịch".into()),
            },
            vec![renewal(), choose(), claim()],
            [R, R, A, R, R],
        ),
    ];
    let mut failures = Vec::new();
    for (command, steps, wants) in rows {
        let (instance, at) = prepared(&steps);
        check_row(
            &instance,
            at,
            &command,
            &actors(),
            &wants,
            "none",
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn staff_are_offered_nothing_and_see_only_the_footer_notice() {
    let (instance, at) = prepared(&[renewal(), choose()]);
    let staff = Actor::new("staff", "thu.ngan");
    assert!(instance.available_commands(&staff, at).unwrap().is_empty());
    let queries = [
        (Q::StoreProfile {}, [true, false, true, false]),
        (Q::FooterNotice {}, [true, true, false, false]),
        (Q::Orders {}, [true, false, true, false]),
        (
            Q::OrderDetail {
                order_id: "DH1".into(),
            },
            [true, false, true, false],
        ),
    ];
    for (query, allowed) in queries {
        for (actor, allowed) in actors().iter().zip(allowed) {
            match instance.query(actor, at, &query) {
                Ok(_) => assert!(allowed, "{} answered {}", query.name(), actor.role),
                Err(Error::Rejected(r)) => {
                    assert!(!allowed, "{} refused {}: {r}", query.name(), actor.role);
                    assert_eq!(
                        (r.code.as_str(), r.rule.as_ref()),
                        ("not_permitted", "role")
                    );
                }
                Err(e) => panic!("{e}"),
            }
        }
        let system = Actor::system();
        assert!(instance.query(&system, at, &query).is_err());
    }
}

#[test]
fn the_roles_of_the_definition() {
    let definition =
        quytrinh::kernel::Definition::of::<StoreSubscription>(&StoreSubscriptionConfig::default());
    let roles: Vec<&str> = definition.roles.iter().map(|r| r.id).collect();
    assert_eq!(roles, ["owner_admin", "staff", "vendor", "payment_gateway"]);
    for command in definition.commands {
        assert_eq!(command.roles.len(), 1, "{}", command.name);
        assert!(!command.roles.contains(&"staff"), "{}", command.name);
    }
}
