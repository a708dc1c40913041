//! The permission matrix of `lead_care` (SPEC §1.7, §3), table-driven: for every command, in
//! a state where the owning consultant (or the reviewer, or the platform) may issue it, each
//! actor either is accepted or gets `not_permitted` (with the rule that says why), and
//! `available_commands` agrees.

use chrono::{DateTime, TimeDelta, Utc};
use quytrinh::kernel::{Actor, Command, Instance, Settings, TypeName};
use quytrinh::workflows::lead_care::{
    LeadCare, LeadCareCommand as C, LeadCareConfig, LeadCareInit, NewLead, confirm_token,
};

const OWNER: &str = "TV-01";

fn t0() -> DateTime<Utc> {
    "2026-04-20T09:00:00+07:00".parse().unwrap()
}

fn init() -> LeadCareInit {
    serde_json::from_value(serde_json::json!({
        "package_id": "GOI-P", "consultant_id": OWNER, "purchased_at": t0(),
        "leads": [{"lead_id": "L1", "customer_id": "KH-01", "delivered_at": t0()}]
    }))
    .unwrap()
}

fn wrong_number() -> C {
    C::UpdateStatus {
        lead_id: "L1".into(),
        status: "wrong_number".into(),
        note: "Thuê bao không tồn tại".into(),
    }
}

fn claim() -> C {
    C::RequestCompensation {
        lead_id: "L1".into(),
        reason: "Sai số điện thoại".into(),
    }
}

/// A marker for "submit with the token of the current preview".
fn submit() -> C {
    C::SubmitForReview {
        confirm_token: String::new(),
    }
}

/// The body with the current token filled in, for a submission.
fn with_token(instance: &Instance<LeadCare>, body: &C) -> C {
    match body {
        C::SubmitForReview { .. } => C::SubmitForReview {
            confirm_token: confirm_token(instance.state()),
        },
        other => other.clone(),
    }
}

/// An instance brought by its owner (and the platform's reviewer) through `steps`, and the
/// instant after them.
fn prepared(steps: &[C]) -> (Instance<LeadCare>, DateTime<Utc>) {
    let mut instance = Instance::create(
        "GOI-P",
        LeadCareConfig::default(),
        Settings::default(),
        init(),
    )
    .unwrap();
    let mut at = t0();
    for (i, step) in steps.iter().enumerate() {
        at += TimeDelta::minutes(10);
        let actor = match step {
            C::Decide { .. } => Actor::new("reviewer", "NV-01"),
            C::DeliverLeads { .. } => Actor::new("platform", "phan-phoi"),
            _ => Actor::new("consultant", OWNER),
        };
        let body = with_token(&instance, step);
        instance
            .handle(&Command::new(format!("s{i}"), actor, at, body))
            .unwrap_or_else(|e| panic!("setup step {i} ({}): {e}", step.name()));
    }
    (instance, at + TimeDelta::minutes(10))
}

mod permissions;

use permissions::Want::{Ok as A, Party as O, Role as R};
use permissions::{Want, check_row};

/// The actors of the matrix's columns.
fn actors() -> [Actor; 5] {
    [
        Actor::new("consultant", OWNER),
        Actor::new("consultant", "TV-99"),
        Actor::new("reviewer", "NV-01"),
        Actor::new("platform", "phan-phoi"),
        Actor::new("system", "system"),
    ]
}

#[test]
fn permission_matrix() {
    let delivery = C::DeliverLeads {
        leads: vec![NewLead {
            lead_id: "L9".into(),
            customer_id: "KH-09".into(),
            replaces: None,
        }],
    };
    //                   command, prepared by,         owner other reviewer platform system
    let rows: Vec<(C, Vec<C>, [Want; 5])> = vec![
        (delivery, vec![], [R, R, R, A, R]),
        (wrong_number(), vec![], [A, O, R, R, R]),
        (claim(), vec![wrong_number()], [A, O, R, R, R]),
        (
            C::WithdrawCompensation {
                lead_id: "L1".into(),
            },
            vec![wrong_number(), claim()],
            [A, O, R, R, R],
        ),
        (submit(), vec![wrong_number(), claim()], [A, O, R, R, R]),
        (
            C::Decide {
                lead_id: "L1".into(),
                approve: true,
                note: None,
            },
            vec![wrong_number(), claim(), submit()],
            [R, R, A, R, R],
        ),
        (
            C::Decide {
                lead_id: "L1".into(),
                approve: false,
                note: Some("Số vẫn liên lạc được".into()),
            },
            vec![wrong_number(), claim(), submit()],
            [R, R, A, R, R],
        ),
    ];
    let mut failures = Vec::new();
    for (command, steps, wants) in rows {
        let (instance, at) = prepared(&steps);
        let body = with_token(&instance, &command);
        check_row(
            &instance,
            at,
            &body,
            &actors(),
            &wants,
            "owning_consultant",
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_roles_of_the_definition() {
    let definition = quytrinh::kernel::Definition::of::<LeadCare>(&LeadCareConfig::default());
    let roles: Vec<&str> = definition.roles.iter().map(|r| r.id).collect();
    assert_eq!(roles, ["consultant", "reviewer", "platform"]);
    for command in definition.commands {
        assert_eq!(command.roles.len(), 1, "{}", command.name);
        assert!(!command.roles.contains(&"system"), "{}", command.name);
    }
}

#[test]
fn the_preview_is_the_owners_only() {
    let (instance, _) = prepared(&[wrong_number(), claim()]);
    let other = quytrinh::workflows::lead_care::preview_submission(instance.state(), "TV-99");
    let r = other.unwrap_err();
    assert_eq!(
        (r.code.as_str(), r.rule.as_ref()),
        ("not_permitted", "owning_consultant")
    );
    let mine = quytrinh::workflows::lead_care::preview_submission(instance.state(), OWNER).unwrap();
    assert_eq!(mine.drafts.len(), 1);
    assert_eq!(mine.drafts[0].lead_id, "L1");
    assert_eq!(mine.drafts[0].status, "wrong_number");
    assert_eq!(mine.confirm_token, confirm_token(instance.state()));
}
