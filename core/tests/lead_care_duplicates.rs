//! The duplicate checks of lead_care's deliveries (seed 001's "yêu cầu bù"): a lead id is
//! unique in its package, at creation as in one delivery, and an approved request is
//! replaced by one lead only, even when one delivery names it twice.

use quytrinh::kernel::{Actor, Command, Instance, Settings};
use quytrinh::workflows::lead_care::{
    LeadCare, LeadCareCommand as C, LeadCareConfig, LeadCareInit, NewLead, preview_submission,
};

const PURCHASED: &str = "2026-04-20T09:00:00+07:00";

fn init(lead_ids: &[&str]) -> LeadCareInit {
    let leads: Vec<_> = lead_ids
        .iter()
        .map(|id| serde_json::json!({"lead_id": id, "customer_id": format!("KH-{id}"), "delivered_at": PURCHASED}))
        .collect();
    serde_json::from_value(
        serde_json::json!({"package_id": "GOI-1", "consultant_id": "TV-1",
        "purchased_at": PURCHASED, "leads": leads}),
    )
    .unwrap()
}

fn new_lead(id: &str, replaces: Option<&str>) -> NewLead {
    NewLead {
        lead_id: id.into(),
        customer_id: format!("KH-{id}"),
        replaces: replaces.map(Into::into),
    }
}

#[test]
fn a_lead_listed_twice_at_creation_is_refused() {
    let Err(err) = Instance::<LeadCare>::create(
        "GOI-1",
        LeadCareConfig::default(),
        Settings::default(),
        init(&["L1", "L2", "L1"]),
    ) else {
        panic!("two leads L1 in one package were accepted")
    };
    let rejection = err.rejection().expect("a rejection");
    assert_eq!(
        (rejection.code.as_str(), rejection.rule.as_ref()),
        ("validation_failed", "lead_id")
    );
    assert!(
        rejection.message_en.contains("L1"),
        "{}",
        rejection.message_en
    );
}

#[test]
fn one_delivery_cannot_replace_the_same_lead_twice() {
    let mut package = Instance::<LeadCare>::create(
        "GOI-1",
        LeadCareConfig::default(),
        Settings::default(),
        init(&["L1"]),
    )
    .unwrap();
    let tv = Actor::new("consultant", "TV-1");
    let at = "2026-04-21T09:00:00+07:00".parse().unwrap();
    let cmd = |id: &str, actor: &Actor, body: C| Command::new(id, actor.clone(), at, body);
    package
        .handle(&cmd(
            "c1",
            &tv,
            C::UpdateStatus {
                lead_id: "L1".into(),
                status: "wrong_number".into(),
                note: "Sai số".into(),
            },
        ))
        .unwrap();
    package
        .handle(&cmd(
            "c2",
            &tv,
            C::RequestCompensation {
                lead_id: "L1".into(),
                reason: "Sai số điện thoại".into(),
            },
        ))
        .unwrap();
    let token = preview_submission(package.state(), "TV-1")
        .unwrap()
        .confirm_token;
    package
        .handle(&cmd(
            "c3",
            &tv,
            C::SubmitForReview {
                confirm_token: token,
            },
        ))
        .unwrap();
    package
        .handle(&cmd(
            "c4",
            &Actor::new("reviewer", "NV-1"),
            C::Decide {
                lead_id: "L1".into(),
                approve: true,
                note: None,
            },
        ))
        .unwrap();

    let platform = Actor::new("platform", "PHAN-PHOI");
    let version = package.version();
    let twice = C::DeliverLeads {
        leads: vec![new_lead("N1", Some("L1")), new_lead("N2", Some("L1"))],
    };
    let Err(err) = package.handle(&cmd("c5", &platform, twice)) else {
        panic!("L1 replaced twice in one delivery")
    };
    let rejection = err.rejection().expect("a rejection");
    assert_eq!(
        (rejection.code.as_str(), rejection.rule.as_ref()),
        ("invalid_transition", "already_replaced")
    );
    assert_eq!(
        package.version(),
        version,
        "a refused delivery changes nothing"
    );

    // Once is fine; a second delivery naming it again is refused by the recorded replacement.
    let once = C::DeliverLeads {
        leads: vec![new_lead("N1", Some("L1"))],
    };
    package.handle(&cmd("c6", &platform, once)).unwrap();
    let again = C::DeliverLeads {
        leads: vec![new_lead("N2", Some("L1"))],
    };
    let Err(err) = package.handle(&cmd("c7", &platform, again)) else {
        panic!("L1 replaced again after its replacement")
    };
    assert_eq!(err.rejection().unwrap().rule, "already_replaced");
}
