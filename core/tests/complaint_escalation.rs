//! An unresolved case (no agreement, no damages: no deposit applies) goes to management
//! (seed 004, step 4: "Đề xuất cán bộ quản lý phương án chưa được giải quyết"): the
//! escalation carries the case's data; management settles it, or returns it to the officer
//! for a new finding and response.

use chrono::{DateTime, Utc};
use quytrinh::kernel::{Actor, Command, Error, Instance, Settings, Vnd};
use quytrinh::workflows::complaint::{
    AtFault, CaseStatus, Complaint, ComplaintCommand as C, ComplaintConfig, ComplaintEffect,
    ComplaintInit, EscalationReason, templates,
};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn ops() -> Actor {
    Actor::new("ops", "NV-07")
}

fn head() -> Actor {
    Actor::new("head_of_ops", "TP-01")
}

fn finding(damages: i64) -> C {
    C::RecordFinding {
        root_cause: "Hai bên hiểu khác nhau".into(),
        at_fault: if damages == 0 {
            AtFault::None
        } else {
            AtFault::Agent
        },
        damages_vnd: Vnd::new(damages),
        agent_id: None,
    }
}

/// A phone complaint brought to `escalated`: Monday 9 March 2026, 48 h, no agreement.
fn escalated() -> Instance<Complaint> {
    let mut c = Instance::<Complaint>::create(
        "KN-X",
        ComplaintConfig::default(),
        Settings::default(),
        ComplaintInit::new("KN-X"),
    )
    .unwrap();
    let mut receive = C::receive_phone("KH-9", "0901234567", "Đại lý hướng dẫn sai");
    if let C::Receive { agent_id, .. } = &mut receive {
        *agent_id = Some("DL-9".into());
    }
    let steps = [
        (
            Actor::new("intake", "hotline"),
            "2026-03-09T09:00:00+07:00",
            receive,
        ),
        (ops(), "2026-03-09T09:10:00+07:00", C::StartAnalysis {}),
        (ops(), "2026-03-09T09:20:00+07:00", finding(0)),
        (
            ops(),
            "2026-03-09T09:30:00+07:00",
            C::IssueResponse {
                text: "Đại lý hướng dẫn lại".into(),
            },
        ),
    ];
    for (i, (actor, when, body)) in steps.into_iter().enumerate() {
        c.handle(&Command::new(format!("s{i}"), actor, at(when), body))
            .unwrap();
    }
    c.tick(at("2026-03-11T09:30:00+07:00")).unwrap();
    let out = c
        .handle(&Command::new(
            "s9",
            ops(),
            at("2026-03-11T10:00:00+07:00"),
            C::ConfirmOutcome {
                agreed: false,
                note: Some("Không thống nhất".into()),
            },
        ))
        .unwrap();
    assert_eq!(
        out.effect_names(),
        ["escalate", "notify:complaint.escalated_unresolved"]
    );
    let effects: Vec<ComplaintEffect> = out.effects().map(|k| k.effect.clone()).collect();
    let mut effects = effects.iter();
    match effects.next().unwrap() {
        ComplaintEffect::Escalate {
            to_role,
            reason,
            sla_due,
            ..
        } => {
            assert_eq!(to_role, "head_of_ops");
            assert_eq!(*reason, EscalationReason::Unresolved);
            assert_eq!(*sla_due, at("2026-03-12T09:00:00+07:00"));
        }
        other => panic!("{other:?}"),
    }
    match effects.next().unwrap() {
        ComplaintEffect::Notify(n) => {
            assert_eq!(n.template, templates::ESCALATED_UNRESOLVED);
            assert_eq!(n.recipients[0].role, "head_of_ops");
            for (key, value) in [
                ("complaint_id", "KN-X"),
                ("channel", "phone"),
                ("customer_id", "KH-9"),
                ("agent_id", "DL-9"),
                ("officer_id", "NV-07"),
                ("at_fault", "none"),
                ("damages_vnd", "0"),
                ("root_cause", "Hai bên hiểu khác nhau"),
                ("response", "Đại lý hướng dẫn lại"),
                ("note", "Không thống nhất"),
                ("received_at", "2026-03-09T02:00:00Z"),
                ("sla_due", "2026-03-12T02:00:00Z"),
            ] {
                assert_eq!(n.data.get(key), Some(value), "{key}");
            }
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c.state().status, Some(CaseStatus::Escalated));
    c
}

#[test]
fn management_settles_it_and_the_archive_keeps_the_decision() {
    let mut c = escalated();
    let out = c
        .handle(&Command::new(
            "m1",
            head(),
            at("2026-03-11T14:00:00+07:00"),
            C::SettleEscalation {
                decision: "NCC đổi token miễn phí".into(),
            },
        ))
        .unwrap();
    assert_eq!(out.effect_names(), ["notify:complaint.escalation_settled"]);
    assert_eq!(c.state().status, Some(CaseStatus::Resolved));
    let out = c
        .handle(&Command::new(
            "m2",
            ops(),
            at("2026-03-11T15:00:00+07:00"),
            C::Close {
                summary: "Cán bộ quản lý quyết định".into(),
                lessons: "Chuẩn hóa hướng dẫn".into(),
            },
        ))
        .unwrap();
    let archived = out
        .effects()
        .find_map(|k| match &k.effect {
            ComplaintEffect::ArchiveReport(r) => Some(r.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(archived.agreed, Some(false));
    assert_eq!(
        archived.management_decision.as_deref(),
        Some("NCC đổi token miễn phí")
    );
}

#[test]
fn management_returns_it_and_a_new_finding_with_damages_leads_to_the_deposit() {
    let mut c = escalated();
    let out = c
        .handle(&Command::new(
            "m1",
            head(),
            at("2026-03-11T14:00:00+07:00"),
            C::ReturnToOfficer {
                instructions: "Xác minh lại thiệt hại".into(),
            },
        ))
        .unwrap();
    assert_eq!(out.effect_names(), ["notify:complaint.returned_to_officer"]);
    assert_eq!(c.state().status, Some(CaseStatus::Analyzing));
    let escalation = c.state().escalation.clone().unwrap();
    assert!(escalation.returned);
    assert_eq!(escalation.decided_by.as_deref(), Some("TP-01"));

    // A written response was issued: no fast path now.
    let fast = c.handle(&Command::new(
        "m2",
        ops(),
        at("2026-03-11T14:10:00+07:00"),
        C::ResolveImmediately { answer: "x".into() },
    ));
    assert!(matches!(fast, Err(Error::Rejected(r)) if r.rule == "response_issued"));

    c.handle(&Command::new(
        "m3",
        ops(),
        at("2026-03-11T14:20:00+07:00"),
        finding(300_000),
    ))
    .unwrap();
    c.handle(&Command::new(
        "m4",
        ops(),
        at("2026-03-11T14:30:00+07:00"),
        C::IssueResponse {
            text: "Đại lý bồi thường".into(),
        },
    ))
    .unwrap();
    c.tick(at("2026-03-13T14:30:00+07:00")).unwrap();
    c.handle(&Command::new(
        "m5",
        ops(),
        at("2026-03-13T15:00:00+07:00"),
        C::ConfirmOutcome {
            agreed: false,
            note: None,
        },
    ))
    .unwrap();
    assert_eq!(c.state().status, Some(CaseStatus::DepositRequired));
    assert_eq!(
        c.state().deposit.as_ref().unwrap().required_vnd,
        Vnd::new(600_000)
    );
}
