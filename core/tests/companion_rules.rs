//! Table-driven tests of `companion`'s permission matrix, its `available_commands`, its
//! definition and diagrams, and the refusal of bad snapshots (SPEC §1.4, §1.7, §1.10, §2).

use chrono::{DateTime, Utc};
use quytrinh::kernel::{
    Actor, Command, Definition, Error, INITIAL, Instance, Lang, RejectionCode, SCHEMA_VERSION,
    Settings, Workflow,
};
use quytrinh::workflows::companion::{
    Companion, CompanionCommand as C, CompanionConfig, CompanionInit,
};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn saco() -> Actor {
    Actor::new("saco", "SACO-01")
}

fn customer() -> Actor {
    Actor::new("customer", "KH-01")
}

fn relationship() -> Instance<Companion> {
    Instance::create(
        "rel-01",
        CompanionConfig::default(),
        Settings::default(),
        CompanionInit::active("SACO-01", "KH-01", "0001234567"),
    )
    .unwrap()
}

fn send(
    i: &mut Instance<Companion>,
    id: &str,
    who: Actor,
    when: &str,
    body: C,
) -> Result<Vec<&'static str>, Error> {
    i.handle(&Command::new(id, who, at(when), body))
        .map(|o| o.event_names())
}

/// An unlink request by the SACO, pending (after its OTP).
fn pending_unlink_by_saco() -> Instance<Companion> {
    let mut i = relationship();
    send(
        &mut i,
        "c1",
        saco(),
        "2026-11-23T09:00:00+07:00",
        C::RequestUnlink {},
    )
    .unwrap();
    send(
        &mut i,
        "c2",
        saco(),
        "2026-11-23T09:01:00+07:00",
        C::OtpVerified {
            challenge_id: "R1-otp1".into(),
        },
    )
    .unwrap();
    i
}

fn r1() -> String {
    "R1".to_owned()
}

/// A row's expectation: the first event, or the rejection's code and rule.
type Expected = Result<&'static str, (RejectionCode, &'static str)>;

/// Who may do what on an unlink request the SACO made, now pending.
fn pending_unlink_matrix() -> Vec<(Actor, C, Expected)> {
    let stranger = Actor::new("customer", "KH-99");
    let system = Actor::system();
    let ops = Actor::new("ops", "O1");
    // (who, command, expected: Ok(first event) or Err(code, rule))
    vec![
        (
            customer(),
            C::Confirm { request_id: r1() },
            Ok("confirmation_staged"),
        ),
        (
            saco(),
            C::Confirm { request_id: r1() },
            Err((RejectionCode::NotPermitted, "counterparty_only")),
        ),
        (
            customer(),
            C::Reject { request_id: r1() },
            Ok("request_rejected"),
        ),
        (
            saco(),
            C::Reject { request_id: r1() },
            Err((RejectionCode::NotPermitted, "counterparty_only")),
        ),
        (
            saco(),
            C::Withdraw { request_id: r1() },
            Ok("request_withdrawn"),
        ),
        (
            customer(),
            C::Withdraw { request_id: r1() },
            Err((RejectionCode::NotPermitted, "requester_only")),
        ),
        (
            customer(),
            C::Accept { request_id: r1() },
            Err((RejectionCode::InvalidTransition, "request_kind")),
        ),
        (
            saco(),
            C::Resend { request_id: r1() },
            Err((RejectionCode::InvalidTransition, "resend_from_pending")),
        ),
        (
            customer(),
            C::Resend { request_id: r1() },
            Err((RejectionCode::NotPermitted, "requester_only")),
        ),
        (
            saco(),
            C::RequestUnlink {},
            Err((RejectionCode::InvalidTransition, "open_request")),
        ),
        (
            customer(),
            C::RequestLink {},
            Err((RejectionCode::InvalidTransition, "open_request")),
        ),
        (
            saco(),
            C::OtpVerified {
                challenge_id: "R1-otp1".into(),
            },
            Err((RejectionCode::NotFound, "challenge_id")),
        ),
        (
            stranger.clone(),
            C::Confirm { request_id: r1() },
            Err((RejectionCode::NotPermitted, "not_a_party")),
        ),
        (
            stranger,
            C::Withdraw { request_id: r1() },
            Err((RejectionCode::NotPermitted, "not_a_party")),
        ),
        (
            system,
            C::Withdraw { request_id: r1() },
            Err((RejectionCode::NotPermitted, "role")),
        ),
        (
            ops,
            C::Confirm { request_id: r1() },
            Err((RejectionCode::NotPermitted, "role")),
        ),
        (
            customer(),
            C::Confirm {
                request_id: "R2".into(),
            },
            Err((RejectionCode::NotFound, "request_id")),
        ),
    ]
}

#[test]
fn permission_matrix_on_a_pending_unlink_request() {
    let table = pending_unlink_matrix();
    for (n, (who, body, expected)) in table.into_iter().enumerate() {
        let mut i = pending_unlink_by_saco();
        let before = i.snapshot_json();
        let row = format!("row {n}: {} {:?}", who.role, body);
        match (
            send(&mut i, "probe", who, "2026-11-23T10:00:00+07:00", body),
            expected,
        ) {
            (Ok(events), Ok(first)) => assert_eq!(events[0], first, "{row}"),
            (Err(Error::Rejected(r)), Err((code, rule))) => {
                assert_eq!((r.code, r.rule.as_ref()), (code, rule), "{row}");
                assert!(
                    !r.message_vi.is_empty() && !r.message_en.is_empty(),
                    "{row}"
                );
                assert_eq!(
                    i.snapshot_json(),
                    before,
                    "{row}: a rejection changes nothing"
                );
            }
            (got, want) => panic!("{row}: got {got:?}, want {want:?}"),
        }
    }
}

fn available(i: &Instance<Companion>, who: &Actor, when: &str) -> Vec<&'static str> {
    i.available_commands(who, at(when))
        .unwrap()
        .iter()
        .map(|a| a.name)
        .collect()
}

#[test]
fn available_commands_follow_the_state_and_the_actor() {
    let mut i = relationship();
    let t = "2026-11-23T09:00:00+07:00";
    assert_eq!(available(&i, &saco(), t), ["request_unlink"]);
    assert_eq!(available(&i, &customer(), t), ["request_unlink"]);
    assert!(available(&i, &Actor::new("customer", "KH-99"), t).is_empty());
    assert!(available(&i, &Actor::system(), t).is_empty());

    send(&mut i, "c1", saco(), t, C::RequestUnlink {}).unwrap();
    // Staged: only the requester sees it, and only its OTP.
    assert_eq!(available(&i, &saco(), t), ["otp_verified", "otp_failed"]);
    assert!(available(&i, &customer(), t).is_empty());

    send(
        &mut i,
        "c2",
        saco(),
        "2026-11-23T09:01:00+07:00",
        C::OtpVerified {
            challenge_id: "R1-otp1".into(),
        },
    )
    .unwrap();
    let t = "2026-11-23T09:02:00+07:00";
    assert_eq!(available(&i, &saco(), t), ["withdraw"]);
    assert_eq!(available(&i, &customer(), t), ["confirm", "reject"]);

    // A day later the auto-confirm has fired (on a copy): nothing is left but a new link.
    let later = "2026-11-24T10:00:00+07:00";
    assert_eq!(available(&i, &customer(), later), ["request_link"]);
    assert_eq!(i.version(), 2, "available_commands changes nothing");

    // Once withdrawn, the requester may resend.
    send(&mut i, "c3", saco(), t, C::Withdraw { request_id: r1() }).unwrap();
    assert_eq!(available(&i, &saco(), t), ["request_unlink", "resend"]);
    assert_eq!(available(&i, &customer(), t), ["request_unlink"]);

    let err = i
        .available_commands(&saco(), at("2026-11-23T08:00:00+07:00"))
        .unwrap_err();
    assert_eq!(err.code(), "clock_went_backwards");
}

#[test]
fn mermaid_and_dot_render_every_state_and_transition() {
    let def = Definition::of::<Companion>(&CompanionConfig::default());
    for lang in [Lang::Vi, Lang::En] {
        let mermaid = def.to_mermaid(lang, &[("relationship", "active")]);
        let dot = def.to_dot(lang, &[("relationship", "active")]);
        assert!(mermaid.starts_with("stateDiagram-v2\n"));
        for region in def.regions {
            for state in region.states {
                let node = format!("{}__{}", region.id, state.id);
                let declared = format!("state \"{}\" as {node}", state.label.get(lang));
                assert!(mermaid.contains(&declared), "mermaid lacks {declared}");
                assert!(
                    dot.contains(&format!("\"{node}\" [label=\"{}\"", state.label.get(lang))),
                    "dot lacks {node}"
                );
            }
        }
        for t in def.transitions {
            let from = if t.from == INITIAL {
                INITIAL.to_owned()
            } else {
                format!("{}__{}", t.region, t.from)
            };
            let edge = format!(
                "{from} --> {}__{} : {}",
                t.region,
                t.to,
                def.trigger_label(t.trigger, lang)
            );
            assert!(mermaid.contains(&edge), "mermaid lacks {edge}");
        }
        let initials = def
            .regions
            .iter()
            .flat_map(|r| r.states)
            .filter(|s| s.initial)
            .count();
        let terminals = def
            .regions
            .iter()
            .flat_map(|r| r.states)
            .filter(|s| s.terminal)
            .count();
        assert_eq!((initials, terminals), (2, 3));
        assert_eq!(
            mermaid.matches(" --> ").count(),
            def.transitions.len() + initials + terminals
        );
        assert!(mermaid.contains("class relationship__active current"));
        assert!(dot.contains("fillcolor"));
    }
}

#[test]
fn bad_snapshots_are_refused_with_a_clear_error() {
    let i = pending_unlink_by_saco();
    let snapshot: serde_json::Value = serde_json::from_str(&i.snapshot_json()).unwrap();

    let mut future = snapshot.clone();
    future["schema_version"] = (SCHEMA_VERSION + 1).into();
    future["a_field_from_the_future"] = true.into();
    let err = Instance::<Companion>::from_snapshot_json(&future.to_string()).unwrap_err();
    assert_eq!(
        err,
        Error::UnsupportedSchema {
            found: SCHEMA_VERSION + 1,
            supported: SCHEMA_VERSION
        }
    );

    let mut unknown = snapshot.clone();
    unknown["state"]["colour"] = "red".into();
    let err = Instance::<Companion>::from_snapshot_json(&unknown.to_string()).unwrap_err();
    assert_eq!(err.code(), "invalid_json");
    assert!(err.to_string().contains("colour"), "{err}");

    let mut other = snapshot.clone();
    other["workflow"] = "complaint_of_another_kind".into();
    let err = Instance::<Companion>::from_snapshot_json(&other.to_string()).unwrap_err();
    assert_eq!(err.code(), "wrong_workflow");

    let err = Instance::<Companion>::from_snapshot_json("{\"schema_version\": 1,").unwrap_err();
    assert!(matches!(err, Error::InvalidJson { line: 1, .. }), "{err:?}");

    let mut log: serde_json::Value = serde_json::from_str(&i.event_log_json()).unwrap();
    log["records"][1]["version"] = 7.into();
    let err = Instance::<Companion>::from_log_json(&log.to_string()).unwrap_err();
    assert_eq!(err.code(), "corrupt_log");
}

#[test]
fn the_memory_of_command_ids_is_bounded() {
    let mut i = Instance::<Companion>::create(
        "rel-01",
        CompanionConfig::default(),
        Settings {
            remembered_commands: 2,
        },
        CompanionInit::active("SACO-01", "KH-01", "0001234567"),
    )
    .unwrap();
    send(
        &mut i,
        "a",
        saco(),
        "2026-11-23T09:00:00+07:00",
        C::RequestUnlink {},
    )
    .unwrap();
    send(
        &mut i,
        "b",
        saco(),
        "2026-11-23T09:00:01+07:00",
        C::OtpFailed {
            challenge_id: "R1-otp1".into(),
        },
    )
    .unwrap();
    send(
        &mut i,
        "c",
        saco(),
        "2026-11-23T09:00:02+07:00",
        C::OtpFailed {
            challenge_id: "R1-otp1".into(),
        },
    )
    .unwrap();
    let ids: Vec<&str> = i
        .snapshot()
        .recent_commands
        .iter()
        .map(|c| c.command_id.as_str())
        .collect();
    assert_eq!(ids, ["b", "c"]);
    // "a" is forgotten: a retry is a new command, refused here because a request is open.
    let err = send(
        &mut i,
        "a",
        saco(),
        "2026-11-23T09:00:03+07:00",
        C::RequestUnlink {},
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    // "c" is remembered: a retry is a duplicate.
    let out = i
        .handle(&Command::new(
            "c",
            saco(),
            at("2026-11-23T09:00:03+07:00"),
            C::RequestUnlink {},
        ))
        .unwrap();
    assert!(out.duplicate);
    assert_eq!(out.event_names(), ["otp_failed"]);
    assert!(
        Instance::<Companion>::create(
            "x",
            CompanionConfig::default(),
            Settings {
                remembered_commands: 0
            },
            CompanionInit::active("S", "K", "A")
        )
        .is_err()
    );
}

#[test]
fn a_restored_instance_fires_its_deadlines_at_their_absolute_instants() {
    let i = pending_unlink_by_saco();
    let mut restored = Instance::<Companion>::from_snapshot_json(&i.snapshot_json()).unwrap();
    let out = restored.tick(at("2026-11-30T00:00:00+07:00")).unwrap();
    assert_eq!(out.event_names(), ["request_auto_confirmed"]);
    assert_eq!(out.events[0].at, at("2026-11-24T09:01:00+07:00"));
    assert_eq!(out.events[0].effects[0].key, "rel-01:3:0");
    assert_eq!(<Companion as Workflow>::NAME, "companion");
}

/// Plays commands ten seconds apart on a relationship whose history is capped at `cap`.
struct Cycles {
    i: Instance<Companion>,
    n: u32,
    now: DateTime<Utc>,
}

impl Cycles {
    fn new(cap: u32) -> Self {
        let config = CompanionConfig {
            max_closed_requests: cap,
            ..CompanionConfig::default()
        };
        let i = Instance::create(
            "rel-01",
            config,
            Settings::default(),
            CompanionInit::active("SACO-01", "KH-01", "0001234567"),
        )
        .unwrap();
        Self {
            i,
            n: 0,
            now: at("2026-11-23T09:00:00+07:00"),
        }
    }

    fn send(&mut self, who: Actor, body: C) -> Result<Vec<&'static str>, Error> {
        self.n += 1;
        self.now += chrono::TimeDelta::seconds(10);
        let command = Command::new(format!("c{}", self.n), who, self.now, body);
        self.i.handle(&command).map(|o| o.event_names())
    }

    fn ok(&mut self, who: Actor, body: C) {
        let shown = format!("{body:?}");
        if let Err(e) = self.send(who, body) {
            panic!("{shown} refused: {e}");
        }
    }

    /// The latest request's id.
    fn last(&self) -> String {
        self.i.state().requests.last().unwrap().id.clone()
    }

    /// Stages a request (or a resend) and passes its OTP; returns the new id.
    fn submit(&mut self, who: Actor, body: C) -> String {
        self.ok(who.clone(), body);
        let id = self.last();
        self.ok(
            who,
            C::OtpVerified {
                challenge_id: format!("{id}-otp1"),
            },
        );
        id
    }

    /// The counterparty confirms (or accepts) with its OTP.
    fn confirm(&mut self, who: Actor, body: C) {
        let id = self.last();
        self.ok(who.clone(), body);
        self.ok(
            who,
            C::OtpVerified {
                challenge_id: format!("{id}-otp2"),
            },
        );
    }
}

fn number(id: &str) -> u64 {
    id.strip_prefix('R').unwrap().parse().unwrap()
}

/// One unlink/link-style cycle of five kinds in turn; returns the requests it created.
/// `previous` is the rejected request that the abandoned resend (kind 3) leaves resendable.
fn play_cycle(c: &mut Cycles, cycle: usize, previous: &mut String) -> Vec<String> {
    let mut staged = Vec::new();
    match cycle % 5 {
        // A new unlink request, rejected by the customer.
        0 => {
            let id = c.submit(saco(), C::RequestUnlink {});
            c.ok(
                customer(),
                C::Reject {
                    request_id: id.clone(),
                },
            );
            staged.push(id);
        }
        // The latest request resent, then withdrawn by the SACO (1) or rejected (2).
        1 | 2 => {
            let old = c.last();
            let id = c.submit(saco(), C::Resend { request_id: old });
            if cycle % 5 == 1 {
                c.ok(
                    saco(),
                    C::Withdraw {
                        request_id: id.clone(),
                    },
                );
            } else {
                c.ok(
                    customer(),
                    C::Reject {
                        request_id: id.clone(),
                    },
                );
            }
            staged.push(id);
        }
        // A resend whose OTP fails five times: abandoned.
        3 => {
            *previous = c.last();
            c.ok(
                saco(),
                C::Resend {
                    request_id: previous.clone(),
                },
            );
            let id = c.last();
            for _ in 0..5 {
                c.ok(
                    saco(),
                    C::OtpFailed {
                        challenge_id: format!("{id}-otp1"),
                    },
                );
            }
            assert_eq!(
                c.i.state().requests.last().unwrap().status.id(),
                "abandoned"
            );
            staged.push(id);
        }
        // The rejected one resent and confirmed; then linked again.
        _ => {
            let id = c.submit(
                saco(),
                C::Resend {
                    request_id: previous.clone(),
                },
            );
            c.confirm(
                customer(),
                C::Confirm {
                    request_id: id.clone(),
                },
            );
            assert_eq!(c.i.state().relationship.id(), "ended");
            staged.push(id);
            let link = c.submit(customer(), C::RequestLink {});
            c.confirm(
                saco(),
                C::Accept {
                    request_id: link.clone(),
                },
            );
            assert_eq!(c.i.state().relationship.id(), "active");
            staged.push(link);
        }
    }
    staged
}

#[test]
fn the_request_history_is_capped_over_500_cycles() {
    const CAP: u32 = 3;
    let cap = usize::try_from(CAP).unwrap();
    let mut c = Cycles::new(CAP);
    let mut created: Vec<String> = Vec::new();
    let mut previous = String::new();
    for cycle in 0..500 {
        let staged = play_cycle(&mut c, cycle, &mut previous);
        for id in staged {
            if let Some(last) = created.last() {
                assert!(number(&id) > number(last), "{id} after {last}");
            }
            created.push(id);
        }
        let state = c.i.state();
        let open = state.requests.iter().filter(|r| r.status.is_open()).count();
        let closed = state.requests.len() - open;
        assert!(
            closed <= cap,
            "cycle {cycle}: {closed} closed requests kept"
        );
        assert!(state.requests.len() <= cap + open);
        assert!(
            state
                .requests
                .windows(2)
                .all(|w| number(&w[0].id) < number(&w[1].id)),
            "kept oldest first"
        );
    }
    assert_eq!(created.len(), 600);
    assert_eq!(c.last(), "R600");

    // The oldest requests are forgotten: looking one up is `not_found`, and nothing changes.
    let before = c.i.snapshot_json();
    let err = c.send(saco(), C::Resend { request_id: r1() }).unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err = c
        .send(
            customer(),
            C::Reject {
                request_id: "R597".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(c.i.snapshot_json(), before);

    // A new request takes the next id, never one that was forgotten.
    c.ok(saco(), C::RequestUnlink {});
    assert_eq!(c.last(), "R601");

    // Snapshot, restore and replay of the whole log agree.
    let restored = Instance::<Companion>::from_snapshot_json(&c.i.snapshot_json()).unwrap();
    assert_eq!(restored.state(), c.i.state());
    let replayed = Instance::<Companion>::from_log_json(&c.i.event_log_json()).unwrap();
    assert_eq!(replayed.snapshot_json(), c.i.snapshot_json());
}

#[test]
fn only_the_latest_request_and_one_linked_to_the_open_request_outlive_the_cap() {
    let mut c = Cycles::new(1);
    let ids =
        |c: &Cycles| -> Vec<String> { c.i.state().requests.iter().map(|r| r.id.clone()).collect() };
    // R1 rejected, R2 withdrawn: two closed requests over a cap of one. R1 could still be
    // resent, but it is the oldest: it is forgotten; R2, the latest, stays.
    let r1 = c.submit(saco(), C::RequestUnlink {});
    c.ok(
        customer(),
        C::Reject {
            request_id: r1.clone(),
        },
    );
    let r2 = c.submit(saco(), C::RequestUnlink {});
    c.ok(
        saco(),
        C::Withdraw {
            request_id: r2.clone(),
        },
    );
    assert_eq!(ids(&c), ["R2"]);
    let err = c.send(saco(), C::Resend { request_id: r1 }).unwrap_err();
    assert_eq!(err.code(), "not_found");
    // R2 resent as R3: while R3 is open, R2 (which it links to) stays.
    let r3 = c.submit(
        saco(),
        C::Resend {
            request_id: r2.clone(),
        },
    );
    assert_eq!(ids(&c), ["R2", "R3"]);
    assert_eq!(c.i.state().requests[0].resent_as.as_deref(), Some("R3"));
    // R3 rejected: R2 is neither the latest nor linked to an open request, so it goes.
    c.ok(
        customer(),
        C::Reject {
            request_id: r3.clone(),
        },
    );
    assert_eq!(ids(&c), ["R3"]);
    assert_eq!(c.i.state().requests[0].resent_from.as_deref(), Some("R2"));
    let err = c.send(saco(), C::Resend { request_id: r2 }).unwrap_err();
    assert_eq!(err.code(), "not_found");
    // R3, the latest, can be resent; the new request is R4.
    c.submit(saco(), C::Resend { request_id: r3 });
    assert_eq!(ids(&c), ["R3", "R4"]);
    let replayed = Instance::<Companion>::from_log_json(&c.i.event_log_json()).unwrap();
    assert_eq!(replayed.snapshot_json(), c.i.snapshot_json());
}

#[test]
fn the_state_stays_bounded_however_many_requests_are_rejected() {
    let mut c = Cycles::new(3);
    for _ in 0..50 {
        let r = c.submit(saco(), C::RequestUnlink {});
        c.ok(customer(), C::Reject { request_id: r });
        assert!(
            c.i.state().requests.len() <= 3,
            "{:?}",
            c.i.state().requests.len()
        );
    }
    let last = c.i.state().requests.last().unwrap().id.clone();
    assert_eq!(last, "R50", "ids keep counting");
}

#[test]
fn the_history_cap_is_validated_and_defaults_for_older_documents() {
    let zero = CompanionConfig {
        max_closed_requests: 0,
        ..CompanionConfig::default()
    };
    let err = Instance::<Companion>::create(
        "x",
        zero,
        Settings::default(),
        CompanionInit::active("S", "K", "A"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("max_closed_requests"), "{err}");

    // A snapshot written before the cap existed: no field in the config nor in the state.
    let i = pending_unlink_by_saco();
    let mut old: serde_json::Value = serde_json::from_str(&i.snapshot_json()).unwrap();
    assert_eq!(old["config"]["max_closed_requests"], 20);
    assert_eq!(old["state"]["max_closed_requests"], 20);
    old["config"]
        .as_object_mut()
        .unwrap()
        .remove("max_closed_requests");
    old["state"]
        .as_object_mut()
        .unwrap()
        .remove("max_closed_requests");
    let restored = Instance::<Companion>::from_snapshot_json(&old.to_string()).unwrap();
    assert_eq!(restored.state(), i.state());
    assert_eq!(restored.config(), i.config());
    let mut log: serde_json::Value = serde_json::from_str(&i.event_log_json()).unwrap();
    log["base"]["config"]
        .as_object_mut()
        .unwrap()
        .remove("max_closed_requests");
    log["base"]["state"]
        .as_object_mut()
        .unwrap()
        .remove("max_closed_requests");
    let replayed = Instance::<Companion>::from_log_json(&log.to_string()).unwrap();
    assert_eq!(replayed.snapshot_json(), i.snapshot_json());
}
