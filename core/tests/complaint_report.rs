//! The weekly report to the head of operations ("báo cáo định kỳ thứ 5 hàng tuần cho
//! TP.NV"): counts as of the period's end, whatever the snapshots' age; a holiday Thursday.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use quytrinh::kernel::{Actor, Command, Instance, Lang, Settings, Snapshot, Vnd};
use quytrinh::workflows::complaint::{
    AtFault, CaseStatus, Complaint, ComplaintChannel, ComplaintCommand as C, ComplaintConfig,
    ComplaintInit, Contact, weekly_report,
};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

struct Case {
    instance: Instance<Complaint>,
    n: u32,
}

impl Case {
    fn new(id: &str, channel: ComplaintChannel, received: &str, agent: Option<&str>) -> Self {
        let instance = Instance::create(
            id,
            ComplaintConfig::default(),
            Settings::default(),
            ComplaintInit::new(id),
        )
        .unwrap();
        let mut case = Self { instance, n: 0 };
        case.by(
            "intake",
            received,
            C::Receive {
                channel,
                customer_id: format!("KH-{id}"),
                contact: Contact {
                    name: None,
                    phone: Some("0901234567".into()),
                    email: None,
                },
                description: "Khiếu nại".into(),
                agent_id: agent.map(str::to_owned),
            },
        );
        case
    }

    fn by(&mut self, role: &str, when: &str, body: C) -> &mut Self {
        self.n += 1;
        let actor = Actor::new(role, if role == "ops" { "NV-07" } else { "hotline" });
        self.instance
            .handle(&Command::new(format!("c{}", self.n), actor, at(when), body))
            .unwrap();
        self
    }

    fn ops(&mut self, when: &str, body: C) -> &mut Self {
        self.by("ops", when, body)
    }

    fn answered_on(&mut self, day: &str, at_fault: AtFault, damages: i64) -> &mut Self {
        self.ops(&format!("{day}T10:00:00+07:00"), C::StartAnalysis {})
            .ops(
                &format!("{day}T10:30:00+07:00"),
                C::RecordFinding {
                    root_cause: "Nguyên nhân".into(),
                    at_fault,
                    damages_vnd: Vnd::new(damages),
                    agent_id: None,
                },
            )
            .ops(
                &format!("{day}T11:00:00+07:00"),
                C::IssueResponse {
                    text: "Trả lời".into(),
                },
            )
    }

    fn snapshot(&self) -> Snapshot<Complaint> {
        self.instance.snapshot().clone()
    }
}

fn thursday(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

#[test]
fn counts_of_a_week() {
    // The week from Thursday 5 March 09:00 to Thursday 12 March 09:00 (2026).
    let mut before = Case::new(
        "KN-A",
        ComplaintChannel::Email,
        "2026-03-04T10:00:00+07:00",
        Some("DL-1"),
    );
    before.answered_on("2026-03-04", AtFault::Agent, 500_000); // breach Mon 9 Mar 10:00

    let mut fast = Case::new(
        "KN-B",
        ComplaintChannel::Phone,
        "2026-03-09T09:00:00+07:00",
        None,
    );
    fast.ops(
        "2026-03-09T09:05:00+07:00",
        C::ResolveImmediately {
            answer: "Đã hướng dẫn".into(),
        },
    );

    let mut locked = Case::new(
        "KN-C",
        ComplaintChannel::WalkIn,
        "2026-03-05T09:30:00+07:00",
        Some("DL-2"),
    );
    locked.answered_on("2026-03-05", AtFault::Agent, 1_000_000);
    locked
        .instance
        .tick(at("2026-03-07T11:00:00+07:00"))
        .unwrap(); // follow-up
    locked.ops(
        "2026-03-07T12:00:00+07:00",
        C::ConfirmOutcome {
            agreed: false,
            note: None,
        },
    ); // deposit due Tue 10 Mar 12:00, never paid

    let late = Case::new(
        "KN-D",
        ComplaintChannel::Phone,
        "2026-03-12T09:00:00+07:00",
        None,
    ); // exactly at the end: next week

    let snapshots = [
        before.snapshot(),
        fast.snapshot(),
        locked.snapshot(),
        late.snapshot(),
        fast.snapshot(),
    ];
    let report = weekly_report(&snapshots, thursday(12), &ComplaintConfig::default()).unwrap();
    assert_eq!(report.period_start, at("2026-03-05T09:00:00+07:00"));
    assert_eq!(report.period_end, at("2026-03-12T09:00:00+07:00"));
    assert_eq!(report.due_at, report.period_end);
    assert_eq!(report.holiday, None);
    assert_eq!(report.received, 2, "KN-B and KN-C");
    assert_eq!(report.resolved, 1, "KN-B");
    assert_eq!(report.open, 2, "KN-A and KN-C");
    assert_eq!(
        report.sla_breached, 2,
        "KN-A (Mon 9 Mar) and KN-C (Tue 10 Mar), fired as of the end"
    );
    assert_eq!(
        (
            report.by_channel.phone,
            report.by_channel.email,
            report.by_channel.walk_in
        ),
        (1, 0, 1)
    );
    assert_eq!(report.by_party_at_fault.agent, 1, "KN-C's finding only");
    assert_eq!(report.agents_locked.len(), 1);
    assert_eq!(report.agents_locked[0].agent_id, "DL-2");
    assert_eq!(report.agents_locked[0].complaint_ids, ["KN-C"]);
    let ids: Vec<&str> = report
        .escalations
        .iter()
        .map(|e| e.complaint_id.as_str())
        .collect();
    assert_eq!(ids, ["KN-A", "KN-C"], "oldest first");
    assert_eq!(report.escalations[1].status, Some(CaseStatus::AgentLocked));
    assert!(report.escalations[1].agent_locked && report.escalations[1].sla_breached);
    // KN-A: Wed 4 Mar 10:00 → Thu 12 Mar 09:00 is 6 working days less one hour.
    assert_eq!(report.escalations[0].working_hours_elapsed, 6 * 24 - 1);

    let vi = report.render(Lang::Vi);
    assert!(vi.contains("Tiếp nhận: 2"), "{vi}");
    assert!(vi.contains("DL-2 (KN-C)"), "{vi}");
    let en = report.render(Lang::En);
    assert!(en.contains("SLA breached: 2"), "{en}");
    assert!(en.contains("KN-A"), "{en}");
}

#[test]
fn later_snapshots_do_not_leak_into_an_earlier_week() {
    let mut case = Case::new(
        "KN-E",
        ComplaintChannel::Phone,
        "2026-03-09T09:00:00+07:00",
        Some("DL-1"),
    );
    let open_then = weekly_report(
        &[case.snapshot()],
        thursday(12),
        &ComplaintConfig::default(),
    )
    .unwrap();
    // Resolved the next week: the week of 12 March still shows it open.
    case.ops(
        "2026-03-16T09:00:00+07:00",
        C::ResolveImmediately {
            answer: "Đã xử lý".into(),
        },
    );
    let open_still = weekly_report(
        &[case.snapshot()],
        thursday(12),
        &ComplaintConfig::default(),
    )
    .unwrap();
    assert_eq!(open_then, open_still);
    assert_eq!((open_still.open, open_still.resolved), (1, 0));
    let next = weekly_report(
        &[case.snapshot()],
        thursday(19),
        &ComplaintConfig::default(),
    )
    .unwrap();
    assert_eq!((next.open, next.resolved, next.received), (0, 1, 0));
    // Its SLA (Thu 12 Mar 09:00) ended exactly at the end of the first week: it belongs to the
    // second one.
    assert_eq!(next.sla_breached, 1);
    assert_eq!(open_still.sla_breached, 0);
}

#[test]
fn a_holiday_thursday_keeps_the_period_and_defers_the_presentation() {
    // Thursday 30 April 2026 (Ngày Giải phóng miền Nam) and Friday 1 May (Quốc tế Lao động)
    // are days off: the report is presented on Monday 4 May at 09:00.
    let report = weekly_report(
        &[],
        NaiveDate::from_ymd_opt(2026, 4, 30).unwrap(),
        &ComplaintConfig::default(),
    )
    .unwrap();
    assert_eq!(report.period_end, at("2026-04-30T09:00:00+07:00"));
    assert_eq!(report.period_end - report.period_start, TimeDelta::days(7));
    assert_eq!(report.due_at, at("2026-05-04T09:00:00+07:00"));
    let holiday = report.holiday.as_ref().unwrap();
    assert!(
        holiday.name_vi.contains("Giải phóng"),
        "{}",
        holiday.name_vi
    );
    let rendered = report.render(Lang::Vi);
    assert!(rendered.contains("kỳ báo cáo không đổi"), "{rendered}");
    // Tết 2026: Thursday 19 February; the next working day is Monday 23 February.
    let tet = weekly_report(
        &[],
        NaiveDate::from_ymd_opt(2026, 2, 19).unwrap(),
        &ComplaintConfig::default(),
    )
    .unwrap();
    assert_eq!(tet.due_at, at("2026-02-23T09:00:00+07:00"));
    assert!(tet.holiday.is_some());
    assert!(tet.render(Lang::En).contains("is a day off"));
}

#[test]
fn the_report_day_must_be_the_configured_weekday() {
    let err = weekly_report(&[], thursday(11), &ComplaintConfig::default()).unwrap_err();
    assert_eq!(err.rule, "week_ending");
}

#[test]
fn an_escalated_unresolved_case_is_listed_for_management_until_settled() {
    // Received Monday 9 March 09:00 (SLA ends Thursday 12 March 09:00); the agent's 48 h end
    // Wednesday 11:00; no agreement and no damages: escalated on Wednesday at 11:30.
    let mut case = Case::new(
        "KN-E",
        ComplaintChannel::Email,
        "2026-03-09T09:00:00+07:00",
        Some("DL-3"),
    );
    case.answered_on("2026-03-09", AtFault::None, 0);
    case.instance.tick(at("2026-03-11T11:00:00+07:00")).unwrap();
    case.ops(
        "2026-03-11T11:30:00+07:00",
        C::ConfirmOutcome {
            agreed: false,
            note: Some("Không thống nhất".into()),
        },
    );
    assert_eq!(case.instance.state().status, Some(CaseStatus::Escalated));
    let report = weekly_report(
        &[case.snapshot()],
        thursday(12),
        &ComplaintConfig::default(),
    )
    .unwrap();
    assert_eq!((report.open, report.escalations.len()), (1, 1));
    let line = &report.escalations[0];
    assert_eq!(line.status, Some(CaseStatus::Escalated));
    assert!(line.unresolved && !line.sla_breached && !line.agent_locked);
    assert!(
        report
            .render(Lang::Vi)
            .contains("không thống nhất, chờ cán bộ quản lý quyết định")
    );
    assert!(
        report
            .render(Lang::En)
            .contains("no agreement, awaiting management's decision")
    );

    // Settled by TP.NV before the week's end: no longer listed.
    case.by(
        "head_of_ops",
        "2026-03-11T16:00:00+07:00",
        C::SettleEscalation {
            decision: "NCC hỗ trợ khách hàng".into(),
        },
    );
    let report = weekly_report(
        &[case.snapshot()],
        thursday(12),
        &ComplaintConfig::default(),
    )
    .unwrap();
    assert_eq!((report.open, report.resolved), (0, 1));
    assert!(report.escalations.is_empty());
}

/// The report through the one generic entry of every binding (`dynamic::report`, over rows
/// as JSON, as a host reads them back from storage) is the report of `weekly_report` over
/// the same snapshots: here over the end states of every complaint vector, for each Thursday
/// of March 2026.
#[test]
fn the_generic_report_over_stored_rows_is_the_weekly_report() {
    use quytrinh::conformance::{Vector, play};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/complaint");
    let mut snapshots: Vec<Snapshot<Complaint>> = Vec::new();
    let mut rows: Vec<serde_json::Value> = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
    {
        let vector: Vector = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let played = play(&vector).unwrap();
        snapshots.push(serde_json::from_str(&played.instance.snapshot_json()).unwrap());
        let stored = played.instance.row().to_string();
        rows.push(serde_json::from_str(&stored).unwrap());
    }
    assert!(snapshots.len() >= 10);
    let head = Actor::new("head_of_ops", "TP-01");
    for day in [5, 12, 19, 26] {
        let thursday = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let direct = weekly_report(&snapshots, thursday, &ComplaintConfig::default()).unwrap();
        let report = serde_json::json!({"type": "weekly_report", "week_ending": thursday});
        let generic = quytrinh::dynamic::report(
            "complaint",
            None,
            &head,
            at("2026-04-01T00:00:00Z"),
            &report,
            &rows,
        )
        .unwrap();
        let mut expected = serde_json::to_value(&direct).unwrap();
        expected["type"] = "weekly_report".into();
        assert_eq!(generic, expected, "week ending {thursday}");
    }
    assert!(
        weekly_report(
            &snapshots,
            NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
            &ComplaintConfig::default()
        )
        .unwrap()
        .received
            > 0,
        "the vectors receive complaints in March 2026"
    );
}
