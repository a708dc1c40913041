//! Caps on the entities of one instance (docs/limits.md, "Entities per instance"): a command
//! that would grow an instance beyond its cap is `limit_reached` on the cap's rule and
//! changes nothing; up to the cap, everything is accepted.

use quytrinh::dynamic::{self, AnyInstance};
use quytrinh::workflows::lead_care::{MAX_CONTACT_ENTRIES, MAX_LEADS};
use quytrinh::workflows::renewal_billing::MAX_SUPPORT_ENTRIES;
use serde_json::{Value, json};

const AT: &str = "2026-04-21T09:00:00+07:00";

fn lead(i: usize) -> Value {
    json!({"lead_id": format!("L{i}"), "customer_id": format!("KH-{i}"),
           "delivered_at": "2026-04-20T09:00:00+07:00"})
}

fn package(max_leads: u32, leads: usize) -> Result<Box<dyn AnyInstance>, quytrinh::kernel::Error> {
    let init = json!({"package_id": "GOI-1", "consultant_id": "TV-1",
                      "purchased_at": "2026-04-20T09:00:00+07:00",
                      "leads": (0..leads).map(lead).collect::<Vec<_>>()});
    dynamic::create(
        "lead_care",
        "GOI-1",
        Some(&json!({"max_leads": max_leads})),
        None,
        &init,
    )
}

/// Sends `command`, expecting `limit_reached` on `rule` and the instance left as it was.
fn assert_refused_unchanged(instance: &mut dyn AnyInstance, command: &Value, rule: &str) {
    let before = (instance.version(), instance.snapshot_json());
    let err = instance
        .handle_json(&command.to_string())
        .expect_err("accepted a command beyond its cap");
    assert_eq!(err.code(), "limit_reached", "{err}");
    assert_eq!(err.rejection().unwrap().rule, rule, "{err}");
    assert_eq!((instance.version(), instance.snapshot_json()), before);
}

#[test]
fn a_package_takes_leads_up_to_max_leads_at_creation_and_by_delivery() {
    let err = package(3, 4).err().expect("4 leads in a package of 3");
    assert_eq!(
        (err.code(), err.rejection().unwrap().rule.as_ref()),
        ("limit_reached", "max_leads")
    );
    let mut p = package(3, 2).unwrap();
    let deliver = |id: &str, from: usize, n: usize| {
        json!({"command_id": id, "actor": {"role": "platform", "id": "PHAN-PHOI"}, "at": AT,
               "type": "deliver_leads", "leads": (from..from + n).map(|i| json!({
                   "lead_id": format!("L{i}"), "customer_id": format!("KH-{i}")})).collect::<Vec<_>>()})
    };
    // Two more than the cap in one delivery: refused as a whole.
    assert_refused_unchanged(p.as_mut(), &deliver("d1", 2, 2), "max_leads");
    p.handle_json(&deliver("d2", 2, 1).to_string()).unwrap();
    assert_refused_unchanged(p.as_mut(), &deliver("d3", 3, 1), "max_leads");
    let state = p.state();
    assert_eq!(state["leads"].as_array().unwrap().len(), 3);
}

#[test]
fn max_leads_is_checked_when_the_package_is_configured() {
    for bad in [0, MAX_LEADS + 1] {
        let err = package(bad, 0).err().expect("max_leads out of range");
        assert_eq!(err.code(), "invalid_config", "{err}");
        assert!(err.to_string().contains("max_leads"), "{err}");
    }
    assert!(package(MAX_LEADS, 0).is_ok());
}

#[test]
fn a_lead_keeps_at_most_max_contact_entries() {
    let mut p = package(10, 1).unwrap();
    let update = |n: u32| {
        json!({"command_id": format!("u{n}"), "actor": {"role": "consultant", "id": "TV-1"},
               "at": AT, "type": "update_status", "lead_id": "L0",
               "status": if n.is_multiple_of(2) { "contacted" } else { "new" },
               "note": format!("Lần gọi thứ {n}")})
    };
    for n in 0..MAX_CONTACT_ENTRIES {
        p.handle_json(&update(n).to_string()).unwrap();
    }
    assert_refused_unchanged(p.as_mut(), &update(MAX_CONTACT_ENTRIES), "contact_history");
}

#[test]
fn a_renewal_takes_notes_until_its_support_history_is_full() {
    let init = json!({"subscription_id": "TB-0042", "customer_id": "KH-0042",
        "payment_code": "KH0042", "product": "amis_ke_toan", "market": "mien_bac",
        "csm_id": "CSM-01", "term_no": 1, "term_end": "2026-07-31",
        "buyer": {"name": "Nguyễn Thị Lan", "email": "lan.nguyen@abc.com.vn", "phone": "0912345678"},
        "invoice": {"name": "Công ty TNHH Thương mại ABC", "tax_code": "0108888888",
                    "address": "Số 12 Phố Huế, phường Hai Bà Trưng, Hà Nội",
                    "email": "ketoan@abc.com.vn"}});
    let mut r = dynamic::create("renewal_billing", "TB-0042", None, None, &init).unwrap();
    let note = |n: u32| {
        json!({"command_id": format!("n{n}"), "actor": {"role": "csm", "id": "CSM-01"},
               "at": "2026-06-21T09:00:00+07:00", "type": "add_note",
               "text": format!("Đã gọi khách lần {n}")})
    };
    for n in 0..MAX_SUPPORT_ENTRIES {
        r.handle_json(&note(n).to_string()).unwrap();
    }
    assert_refused_unchanged(r.as_mut(), &note(MAX_SUPPORT_ENTRIES), "support_history");
}
