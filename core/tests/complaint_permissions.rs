//! The permission matrix of `complaint` (SPEC §1.7, §6), table-driven: for every command, in
//! a state where the officer in charge may issue it, each role either is accepted or gets
//! `not_permitted` (with the rule that says why), and `available_commands` agrees.

use chrono::{DateTime, TimeDelta, Utc};
use quytrinh::kernel::{Actor, Command, Instance, Settings, TypeName, Vnd};
use quytrinh::workflows::complaint::{
    AtFault, Complaint, ComplaintChannel, ComplaintCommand as C, ComplaintConfig, ComplaintInit,
    Contact, DocumentKind,
};

const OFFICER: &str = "NV-07";

fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00+07:00".parse().unwrap()
}

fn receive() -> C {
    C::Receive {
        channel: ComplaintChannel::Phone,
        customer_id: "KH-01".into(),
        contact: Contact {
            name: Some("Nguyễn Văn An".into()),
            phone: Some("0901234567".into()),
            email: None,
        },
        description: "Token không ký được".into(),
        agent_id: Some("DL-07".into()),
    }
}

fn finding() -> C {
    C::RecordFinding {
        root_cause: "Đại lý cấp sai gói".into(),
        at_fault: AtFault::Agent,
        damages_vnd: Vnd::new(700_000),
        agent_id: None,
    }
}

/// A finding with no damages: without agreement, no deposit applies.
fn finding_without_damages() -> C {
    C::RecordFinding {
        root_cause: "Khách hàng và Đại lý hiểu khác nhau về gói dịch vụ".into(),
        at_fault: AtFault::None,
        damages_vnd: Vnd::ZERO,
        agent_id: None,
    }
}

/// An instance brought by the intake and the officer through `steps` (a `None` step is a
/// tick 49 hours later), and the instant after them.
fn prepared(steps: &[Option<C>]) -> (Instance<Complaint>, DateTime<Utc>) {
    let mut instance = Instance::create(
        "KN-P",
        ComplaintConfig::default(),
        Settings::default(),
        ComplaintInit::new("KN-P"),
    )
    .unwrap();
    let mut at = t0();
    for (i, step) in steps.iter().enumerate() {
        at += TimeDelta::minutes(10);
        match step {
            None => {
                at += TimeDelta::hours(49);
                instance.tick(at).unwrap();
            }
            Some(body) => {
                let actor = if matches!(body, C::Receive { .. }) {
                    Actor::new("intake", "hotline-1")
                } else {
                    Actor::new("ops", OFFICER)
                };
                instance
                    .handle(&Command::new(format!("s{i}"), actor, at, body.clone()))
                    .unwrap_or_else(|e| panic!("setup step {i} ({}): {e}", body.name()));
            }
        }
    }
    (instance, at + TimeDelta::minutes(10))
}

mod permissions;

use permissions::Want::{Ok as A, Party as O, Role as R};
use permissions::{Want, check_row};

/// The actors of the matrix's columns.
fn actors() -> [Actor; 6] {
    [
        Actor::new("intake", "hotline-1"),
        Actor::new("ops", OFFICER),
        Actor::new("ops", "NV-08"),
        Actor::new("head_of_ops", "TP-01"),
        Actor::new("agent", "DL-07"),
        Actor::new("system", "system"),
    ]
}

#[test]
#[allow(clippy::too_many_lines)] // one table
fn permission_matrix() {
    let received = || vec![Some(receive())];
    let analyzing = || vec![Some(receive()), Some(C::StartAnalysis {})];
    let with = |mut v: Vec<Option<C>>, more: Vec<Option<C>>| {
        v.extend(more);
        v
    };
    let answered = || {
        with(
            analyzing(),
            vec![
                Some(finding()),
                Some(C::IssueResponse {
                    text: "Đại lý xử lý trong 48h".into(),
                }),
            ],
        )
    };
    let follow_up = || with(answered(), vec![None]);
    let follow_up_without_damages = || {
        with(
            analyzing(),
            vec![
                Some(finding_without_damages()),
                Some(C::IssueResponse {
                    text: "Đại lý xử lý trong 48h".into(),
                }),
                None,
            ],
        )
    };
    let escalated = || {
        with(
            follow_up_without_damages(),
            vec![Some(C::ConfirmOutcome {
                agreed: false,
                note: None,
            })],
        )
    };
    let deposit = || {
        with(
            follow_up(),
            vec![Some(C::ConfirmOutcome {
                agreed: false,
                note: None,
            })],
        )
    };
    let resolved = || {
        with(
            received(),
            vec![Some(C::ResolveImmediately {
                answer: "Cài lại driver".into(),
            })],
        )
    };
    //            command, prepared by,                intake ops   other head  agent system
    let rows: Vec<(C, Vec<Option<C>>, [Want; 6])> = vec![
        (receive(), vec![], [A, R, R, R, R, R]),
        (C::StartAnalysis {}, received(), [R, A, A, A, R, R]),
        (
            C::ResolveImmediately {
                answer: "Cài lại driver".into(),
            },
            received(),
            [R, A, A, A, R, R],
        ),
        (
            C::ResolveImmediately {
                answer: "Cài lại driver".into(),
            },
            analyzing(),
            [R, A, O, A, R, R],
        ),
        (
            C::RequestDocuments {
                items: DocumentKind::ALL.to_vec(),
                note: None,
            },
            analyzing(),
            [R, A, O, A, R, R],
        ),
        (
            C::DocumentsReceived { items: Vec::new() },
            with(
                analyzing(),
                vec![Some(C::RequestDocuments {
                    items: vec![DocumentKind::Invoice],
                    note: None,
                })],
            ),
            [R, A, O, A, R, R],
        ),
        (finding(), analyzing(), [R, A, O, A, R, R]),
        (
            C::IssueResponse {
                text: "Văn bản trả lời".into(),
            },
            with(analyzing(), vec![Some(finding())]),
            [R, A, O, A, R, R],
        ),
        (
            C::ConfirmOutcome {
                agreed: true,
                note: None,
            },
            follow_up(),
            [R, A, O, A, R, R],
        ),
        (
            C::ConfirmOutcome {
                agreed: false,
                note: None,
            },
            follow_up(),
            [R, A, O, A, R, R],
        ),
        (
            C::ConfirmOutcome {
                agreed: false,
                note: Some("Không thống nhất phương án".into()),
            },
            follow_up_without_damages(),
            [R, A, O, A, R, R],
        ),
        (
            C::SettleEscalation {
                decision: "NCC đổi token miễn phí cho khách hàng".into(),
            },
            escalated(),
            [R, R, R, A, R, R],
        ),
        (
            C::ReturnToOfficer {
                instructions: "Xác minh lại thiệt hại với Đại lý".into(),
            },
            escalated(),
            [R, R, R, A, R, R],
        ),
        (
            C::DepositReceived {
                amount_vnd: Vnd::new(1_400_000),
                reference: None,
            },
            deposit(),
            [R, A, O, A, R, R],
        ),
        (
            C::Close {
                summary: "Đã giải quyết".into(),
                lessons: "Rút kinh nghiệm".into(),
            },
            resolved(),
            [R, A, O, A, R, R],
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
            "officer_in_charge",
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_agent_and_the_head_of_operations_are_roles_of_the_definition() {
    let definition = quytrinh::kernel::Definition::of::<Complaint>(&ComplaintConfig::default());
    let roles: Vec<&str> = definition.roles.iter().map(|r| r.id).collect();
    assert_eq!(roles, ["intake", "ops", "agent", "head_of_ops"]);
    for command in ["settle_escalation", "return_to_officer"] {
        let spec = definition
            .commands
            .iter()
            .find(|c| c.name == command)
            .unwrap();
        assert_eq!(spec.roles, ["head_of_ops"], "{command}: management only");
    }
    for command in definition.commands {
        assert!(!command.roles.contains(&"agent"), "{}", command.name);
    }
}
