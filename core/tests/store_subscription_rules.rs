//! `store_subscription` beyond what the vectors check: the payment QR's VietQR payload (read
//! back and its CRC recomputed here, independently of `quytrinh::vietqr`), the effects'
//! data, the owner's and the staff's views (days left in Vietnamese calendar days, the
//! offers, the newest-first history), calendar months at month ends, and the init and
//! configuration rules.

use chrono::{DateTime, Utc};
use quytrinh::kernel::{Actor, Command, Error, Instance, Keyed, Settings, Vnd};
use quytrinh::vietqr::{Service, VietQr};
use quytrinh::workflows::store_subscription::{
    ContractStatus, OrderKind, StoreProfile, StoreSubscription, StoreSubscriptionAnswer as A,
    StoreSubscriptionCommand as C, StoreSubscriptionConfig, StoreSubscriptionEffect as Fx,
    StoreSubscriptionInit, StoreSubscriptionQuery as Q, Tier, footer_notice, offers, store_profile,
};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn config() -> StoreSubscriptionConfig {
    serde_json::from_value(serde_json::json!({
        "vendor_account": {"bank_bin": "970436", "account": "0011001234567",
                           "account_name": "CONG TY PHAN MEM"}
    }))
    .unwrap()
}

fn init(tier: &str, status: &str, expiry: &str) -> StoreSubscriptionInit {
    serde_json::from_value(serde_json::json!({
        "store_id": "CH0001", "store_name": "Tạp hoá Minh Anh", "industry": "Tạp hóa",
        "tier": tier, "status": status, "expiry": expiry, "terms_version": "2023-08"
    }))
    .unwrap()
}

fn store(tier: &str, status: &str, expiry: &str) -> Instance<StoreSubscription> {
    Instance::create(
        "CH0001",
        config(),
        Settings::default(),
        init(tier, status, expiry),
    )
    .unwrap()
}

const OWNER: (&str, &str) = ("owner_admin", "minhanh.admin");
const GATEWAY: (&str, &str) = ("payment_gateway", "doi-soat");

/// Handles `body` as `who` at `when`; the effects of the outcome.
fn run(
    s: &mut Instance<StoreSubscription>,
    id: &str,
    who: (&str, &str),
    when: &str,
    body: C,
) -> Vec<Keyed<Fx>> {
    let out = s
        .handle(&Command::new(id, Actor::new(who.0, who.1), at(when), body))
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    out.effects().cloned().collect()
}

fn renewal(months: u32, dong: i64) -> C {
    C::StartOrder {
        kind: OrderKind::Renewal,
        tier: Tier::Support,
        months,
        quote_vnd: Vnd::new(dong),
    }
}

fn choose(order: &str) -> C {
    C::ChoosePaymentMethod {
        order_id: order.into(),
        method: "vietqr".into(),
    }
}

fn pay(reference: &str, dong: i64) -> C {
    C::PaymentReceived {
        reference: reference.into(),
        amount_vnd: Vnd::new(dong),
    }
}

/// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), bit by bit: written here again so the
/// payload is checked against something other than the code that built it.
fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for byte in bytes {
        crc ^= u16::from(*byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 == 0 {
                crc << 1
            } else {
                (crc << 1) ^ 0x1021
            };
        }
    }
    crc
}

#[test]
fn the_payment_qr_is_the_vietqr_of_the_vendor_account_for_the_amount_due() {
    assert_eq!(crc16(b"123456789"), 0x29B1, "the standard check value");
    let mut s = store("support", "active", "2026-09-01T00:00:00+07:00");
    run(
        &mut s,
        "c1",
        OWNER,
        "2026-06-20T09:00:00+07:00",
        renewal(12, 2_400_000),
    );
    let effects = run(
        &mut s,
        "c2",
        OWNER,
        "2026-06-20T09:01:00+07:00",
        choose("DH1"),
    );
    let [
        Keyed {
            key,
            effect: Fx::ShowPaymentQr(qr),
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(key, "CH0001:2:0");
    assert_eq!(qr.order_id, "DH1");
    assert_eq!(qr.amount_vnd, Vnd::new(2_400_000));
    assert_eq!(qr.reference, "GH CH0001 DH1");
    assert_eq!(qr.account_name.as_deref(), Some("CONG TY PHAN MEM"));
    assert_eq!(qr.expires_at, at("2026-06-21T09:01:00+07:00"));
    // The payload, object by object (EMVCo: id, two-digit length, value).
    let expected_body = concat!(
        "000201",         // payload format 01
        "010212",         // dynamic: an amount is given
        "3857",           // NAPAS merchant account information: 14 + 4 + 27 + 12 = 57
        "0010A000000727", //   GUID
        "0127",           //   beneficiary: 10 + 17 = 27
        "0006970436",
        "01130011001234567",
        "0208QRIBFTTA", //   to an account
        "5303704",      // đồng
        "54072400000",  // amount
        "5802VN",       // country
        "6217",
        "0813GH CH0001 DH1", // additional data: the reference
        "6304",              // CRC tag and length
    );
    assert_eq!(&qr.payload[..qr.payload.len() - 4], expected_body);
    let crc = format!("{:04X}", crc16(expected_body.as_bytes()));
    assert_eq!(&qr.payload[qr.payload.len() - 4..], crc);
    let read = VietQr::parse(&qr.payload).unwrap();
    assert_eq!(read, qr.qr);
    assert_eq!(
        (read.bank_bin.as_str(), read.account.as_str(), read.service),
        ("970436", "0011001234567", Service::ToAccount)
    );
    // After 1.000.000 đ, the QR to continue asks for the remainder.
    run(
        &mut s,
        "c3",
        GATEWAY,
        "2026-06-20T09:10:00+07:00",
        pay("GH CH0001 DH1", 1_000_000),
    );
    let effects = run(
        &mut s,
        "c4",
        OWNER,
        "2026-06-20T09:11:00+07:00",
        C::ContinuePayment {
            order_id: "DH1".into(),
        },
    );
    let Fx::ShowPaymentQr(qr) = &effects[0].effect else {
        panic!("{effects:?}");
    };
    assert_eq!(qr.amount_vnd, Vnd::new(1_400_000));
    assert_eq!(
        VietQr::parse(&qr.payload).unwrap().amount,
        Some(Vnd::new(1_400_000))
    );
    assert_eq!(qr.method, "vietqr");
}

#[test]
fn the_longest_reference_fits_a_vietqr() {
    let config: StoreSubscriptionConfig = serde_json::from_value(serde_json::json!({
        "vendor_account": {"bank_bin": "970436", "account": "0011001234567"},
        "reference_prefix": "KVGH"
    }))
    .unwrap();
    let mut init = init("support", "trial", "2026-09-01T00:00:00+07:00");
    init.store_id = "CUAHANG-0001".into(); // 12 characters, the most
    let mut s =
        Instance::<StoreSubscription>::create("x", config, Settings::default(), init).unwrap();
    run(
        &mut s,
        "c1",
        OWNER,
        "2026-06-20T09:00:00+07:00",
        renewal(12, 9_999_999_999_999),
    );
    let effects = run(
        &mut s,
        "c2",
        OWNER,
        "2026-06-20T09:01:00+07:00",
        choose("DH1"),
    );
    let Fx::ShowPaymentQr(qr) = &effects[0].effect else {
        panic!("{effects:?}");
    };
    assert_eq!(qr.reference, "KVGH CUAHANG-0001 DH1");
    // DH99999, the last order number, still fits: 4 + 1 + 12 + 1 + 7 = 25 characters.
    let longest = "KVGH CUAHANG-0001 DH99999";
    assert_eq!(longest.len(), 25);
    assert!(
        VietQr::to_account("970436", "1")
            .with_reference(longest)
            .payload()
            .is_ok()
    );
}

#[test]
fn a_paid_order_notifies_the_store_and_issues_its_confirmation() {
    let mut s = store("support", "active", "2026-09-01T00:00:00+07:00");
    run(
        &mut s,
        "c1",
        OWNER,
        "2026-07-01T06:00:00+07:00",
        renewal(12, 2_400_000),
    );
    run(
        &mut s,
        "c2",
        OWNER,
        "2026-07-01T06:01:00+07:00",
        choose("DH1"),
    );
    // 06:30 in Vietnam is still 30 June in UTC: the confirmation's date is Vietnam's.
    let effects = run(
        &mut s,
        "c3",
        GATEWAY,
        "2026-07-01T06:30:00+07:00",
        pay("GH CH0001 DH1", 2_500_000),
    );
    let kinds: Vec<&str> = effects
        .iter()
        .map(|k| match &k.effect {
            Fx::Notify(_) => "notify",
            Fx::IssueServiceConfirmation(_) => "confirmation",
            Fx::ApplyContract(_) => "contract",
            Fx::ShowPaymentQr(_) | Fx::VendorFollowUp(_) => "other",
        })
        .collect();
    assert_eq!(kinds, ["notify", "confirmation", "contract"]);
    let Fx::Notify(n) = &effects[0].effect else {
        unreachable!()
    };
    let to: Vec<(&str, &str)> = n
        .recipients
        .iter()
        .map(|r| (r.role.as_str(), r.id.as_str()))
        .collect();
    assert_eq!(to, [("owner_admin", "CH0001"), ("staff", "CH0001")]);
    assert_eq!(n.data.get("paid_vnd"), Some("2500000"));
    assert_eq!(n.data.get("credit_vnd"), Some("100000"));
    assert_eq!(n.data.get("expiry"), Some("2027-08-31T17:00:00Z"));
    let Fx::IssueServiceConfirmation(c) = &effects[1].effect else {
        unreachable!()
    };
    assert_eq!(c.date, "2026-07-01");
    assert_eq!(
        (c.confirmation_id.as_str(), c.order_id.as_str()),
        ("XN1", "DH1")
    );
    assert_eq!(
        (c.tier, c.order_kind, c.months),
        (Tier::Support, OrderKind::Renewal, 12)
    );
    assert_eq!(
        (c.period_start, c.period_end),
        (
            at("2026-09-01T00:00:00+07:00"),
            at("2027-09-01T00:00:00+07:00")
        )
    );
    assert_eq!(s.state().service_confirmations, std::slice::from_ref(c));
    let Fx::ApplyContract(t) = &effects[2].effect else {
        unreachable!()
    };
    assert_eq!(
        (t.tier, t.status, t.expiry),
        (Tier::Support, ContractStatus::Active, c.period_end)
    );
    // The effect's JSON is tagged by `kind`; the confirmation's order kind does not clash.
    let json = serde_json::to_value(&effects[1]).unwrap();
    assert_eq!(json["kind"], "issue_service_confirmation");
    assert_eq!(json["order_kind"], "renewal");
    assert_eq!(json["key"], "CH0001:3:1");
}

#[test]
fn a_stopped_order_asks_the_vendor_to_follow_up_on_the_partial_amount() {
    let mut s = store("support", "active", "2026-09-01T00:00:00+07:00");
    run(
        &mut s,
        "c1",
        OWNER,
        "2026-06-20T09:00:00+07:00",
        renewal(12, 2_400_000),
    );
    run(
        &mut s,
        "c2",
        OWNER,
        "2026-06-20T09:01:00+07:00",
        choose("DH1"),
    );
    run(
        &mut s,
        "c3",
        GATEWAY,
        "2026-06-20T09:10:00+07:00",
        pay("GH CH0001 DH1", 500_000),
    );
    let effects = run(
        &mut s,
        "c4",
        OWNER,
        "2026-06-20T09:15:00+07:00",
        C::StopPayment {
            order_id: "DH1".into(),
        },
    );
    let Fx::VendorFollowUp(f) = &effects[0].effect else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (f.quote_vnd, f.paid_vnd, f.remainder_vnd),
        (Vnd::new(2_400_000), Vnd::new(500_000), Vnd::new(1_900_000))
    );
    assert_eq!(
        (
            f.order_id.as_str(),
            f.reference.as_str(),
            f.store_name.as_str()
        ),
        ("DH1", "GH CH0001 DH1", "Tạp hoá Minh Anh")
    );
}

#[test]
fn a_claim_goes_to_the_vendor_queue_with_its_contact_deadline() {
    let mut s = store("support", "active", "2026-09-01T00:00:00+07:00");
    run(
        &mut s,
        "c1",
        OWNER,
        "2026-06-20T09:00:00+07:00",
        renewal(12, 2_400_000),
    );
    run(
        &mut s,
        "c2",
        OWNER,
        "2026-06-20T09:01:00+07:00",
        choose("DH1"),
    );
    let effects = run(
        &mut s,
        "c3",
        OWNER,
        "2026-06-20T09:30:00+07:00",
        C::ClaimPaid {
            order_id: "DH1".into(),
        },
    );
    let Fx::Notify(n) = &effects[0].effect else {
        panic!("{effects:?}")
    };
    assert_eq!(n.template, "store_subscription.claim_received");
    assert_eq!(
        (n.recipients[0].role.as_str(), n.recipients[0].id.as_str()),
        ("vendor", "store_subscription_sales")
    );
    assert_eq!(n.data.get("contact_by"), Some("2026-06-21T02:30:00Z"));
    assert_eq!(n.data.get("reference"), Some("GH CH0001 DH1"));
    assert_eq!(n.data.get("remainder_vnd"), Some("2400000"));
    let d = s.next_deadline().unwrap();
    assert_eq!(
        (d.id().as_str(), d.due),
        ("vendor_contact:DH1", at("2026-06-21T09:30:00+07:00"))
    );
}

#[test]
fn staff_see_the_days_left_in_vietnamese_calendar_days() {
    let mut s = store("support", "active", "2026-07-01T00:00:00+07:00");
    let staff = Actor::new("staff", "thu.ngan");
    let notice = |s: &Instance<StoreSubscription>, when: &str| match s
        .query(&staff, at(when), &Q::FooterNotice {})
        .unwrap()
    {
        A::Notice { notice } => notice,
        other => panic!("{other:?}"),
    };
    // More than 15 days left: no notice (the query fires what is due on a copy only).
    assert_eq!(notice(&s, "2026-06-15T23:59:59+07:00"), None);
    let n = notice(&s, "2026-06-16T00:00:00+07:00").unwrap();
    assert_eq!((n.days_left, n.expired), (15, false));
    assert_eq!(s.version(), 0, "a query changes nothing");
    s.tick(at("2026-06-16T00:00:00+07:00")).unwrap();
    // Calendar days: late on the 29th, 2 days; just after midnight on the 30th, 1 day.
    assert_eq!(
        notice(&s, "2026-06-29T23:59:59+07:00").unwrap().days_left,
        2
    );
    assert_eq!(
        notice(&s, "2026-06-30T00:00:01+07:00").unwrap().days_left,
        1
    );
    // The same instant in UTC is still the 29th: Vietnam's day counts.
    assert_eq!(notice(&s, "2026-06-29T17:00:01Z").unwrap().days_left, 1);
    let n = notice(&s, "2026-07-02T08:00:00+07:00").unwrap();
    assert_eq!((n.days_left, n.expired), (0, true));
    // Renewed: the notice is gone, for staff and owner alike.
    s.tick(at("2026-07-02T08:00:00+07:00")).unwrap();
    run(
        &mut s,
        "c1",
        OWNER,
        "2026-07-02T09:00:00+07:00",
        renewal(12, 2_400_000),
    );
    run(
        &mut s,
        "c2",
        OWNER,
        "2026-07-02T09:01:00+07:00",
        choose("DH1"),
    );
    run(
        &mut s,
        "c3",
        GATEWAY,
        "2026-07-02T09:05:00+07:00",
        pay("GH CH0001 DH1", 2_400_000),
    );
    assert_eq!(notice(&s, "2026-07-02T09:06:00+07:00"), None);
    assert_eq!(
        footer_notice(s.state(), at("2026-07-02T09:06:00+07:00")),
        None
    );
}

fn order(kind: OrderKind, tier: Tier, months: u32) -> C {
    C::StartOrder {
        kind,
        tier,
        months,
        quote_vnd: Vnd::new(1_000_000),
    }
}

fn profile(s: &Instance<StoreSubscription>, who: &Actor, when: &str) -> StoreProfile {
    match s.query(who, at(when), &Q::StoreProfile {}).unwrap() {
        A::Profile { profile } => profile,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_owner_sees_account_package_expiry_industry_and_offers() {
    let s = store("professional", "active", "2026-07-01T00:00:00+07:00");
    let owner = Actor::new(OWNER.0, OWNER.1);
    let p = profile(&s, &owner, "2026-06-01T09:00:00+07:00");
    assert_eq!(
        (
            p.store_name.as_str(),
            p.industry.as_str(),
            p.terms_version.as_str()
        ),
        ("Tạp hoá Minh Anh", "Tạp hóa", "2023-08")
    );
    assert_eq!(
        (p.tier, p.status, p.signed, p.days_left),
        (Tier::Professional, ContractStatus::Active, true, 30)
    );
    let on_offer: Vec<(OrderKind, Tier)> = p.offers.iter().map(|o| (o.kind, o.tier)).collect();
    assert_eq!(
        on_offer,
        [
            (OrderKind::Renewal, Tier::Professional),
            (OrderKind::Upgrade, Tier::Premium)
        ]
    );
    assert_eq!(p.offers[0].months, [6, 12, 24, 36]);
    assert!(p.open_order.is_none() && p.purchase_history.is_empty());
    assert!(p.footer_notice.is_none());
    // Expired: "Mua mới" on offer; the footer notice with 0 days.
    let p = profile(&s, &owner, "2026-07-05T09:00:00+07:00");
    assert_eq!(p.status, ContractStatus::Expired);
    assert_eq!(p.offers[0].kind, OrderKind::NewPurchase);
    assert!(p.footer_notice.unwrap().expired);
    assert_eq!(s.version(), 0, "a query changes nothing");
}

#[test]
fn the_owner_sees_the_purchase_history_confirmations_and_orders_newest_first() {
    let mut s = store("professional", "active", "2026-07-01T00:00:00+07:00");
    let owner = Actor::new(OWNER.0, OWNER.1);
    s.tick(at("2026-07-05T09:00:00+07:00")).unwrap();
    let bought = [
        (
            "2026-07-05",
            order(OrderKind::NewPurchase, Tier::Professional, 6),
        ),
        ("2026-07-06", order(OrderKind::Upgrade, Tier::Premium, 12)),
    ];
    for (i, (day, body)) in bought.into_iter().enumerate() {
        let id = format!("DH{}", i + 1);
        run(
            &mut s,
            &format!("a{i}"),
            OWNER,
            &format!("{day}T10:00:00+07:00"),
            body,
        );
        run(
            &mut s,
            &format!("b{i}"),
            OWNER,
            &format!("{day}T10:01:00+07:00"),
            choose(&id),
        );
        let reference = format!("GH CH0001 {id}");
        let when = format!("{day}T10:02:00+07:00");
        run(
            &mut s,
            &format!("c{i}"),
            GATEWAY,
            &when,
            pay(&reference, 1_000_000),
        );
    }
    let renewal = order(OrderKind::Renewal, Tier::Premium, 6);
    run(&mut s, "d", OWNER, "2026-07-06T11:00:00+07:00", renewal);
    let now = "2026-07-06T11:01:00+07:00";
    let p = profile(&s, &owner, now);
    assert_eq!(p.tier, Tier::Premium);
    let history: Vec<&str> = p
        .purchase_history
        .iter()
        .map(|h| h.order_id.as_str())
        .collect();
    assert_eq!(history, ["DH2", "DH1"]);
    let confirmations: Vec<&str> = p
        .service_confirmations
        .iter()
        .map(|c| c.confirmation_id.as_str())
        .collect();
    assert_eq!(confirmations, ["XN2", "XN1"]);
    assert_eq!(p.open_order.unwrap().order_id, "DH3");
    // From 5 July + 6 months = 5 January 2027 at 10:02, then + 12 months.
    assert_eq!(p.expiry, at("2028-01-05T10:02:00+07:00"));
    assert_eq!(offers(s.state(), s.config()).len(), 1);
    assert_eq!(
        store_profile(s.state(), s.config(), at(now)).expiry,
        p.expiry
    );
    let A::OrderList { orders } = s.query(&owner, at(now), &Q::Orders {}).unwrap() else {
        panic!()
    };
    let ids: Vec<&str> = orders.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(ids, ["DH3", "DH2", "DH1"]);
    let vendor = Actor::new("vendor", "kd-huong");
    let detail = |id: &str| Q::OrderDetail {
        order_id: id.into(),
    };
    let A::OrderDetail { order, .. } = s.query(&vendor, at(now), &detail("DH2")).unwrap() else {
        panic!()
    };
    assert_eq!(order.tier, Tier::Premium);
    let err = s.query(&vendor, at(now), &detail("DH7")).unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn months_are_calendar_months_in_vietnam() {
    // 31 August + 6 months is the end of February.
    let mut s = store("support", "active", "2026-08-31T00:00:00+07:00");
    run(
        &mut s,
        "c1",
        OWNER,
        "2026-08-20T09:00:00+07:00",
        renewal(6, 1_200_000),
    );
    run(
        &mut s,
        "c2",
        OWNER,
        "2026-08-20T09:01:00+07:00",
        choose("DH1"),
    );
    run(
        &mut s,
        "c3",
        GATEWAY,
        "2026-08-20T09:02:00+07:00",
        pay("GH CH0001 DH1", 1_200_000),
    );
    assert_eq!(s.state().contract.expiry, at("2027-02-28T00:00:00+07:00"));
    assert_eq!(
        s.state().contract.notice_at,
        at("2027-02-13T00:00:00+07:00")
    );
}

#[test]
fn the_init_and_the_configuration_are_checked() {
    let create = |init: StoreSubscriptionInit| {
        Instance::<StoreSubscription>::create("x", config(), Settings::default(), init)
    };
    for (field, bad) in [
        ("store_id", serde_json::json!({"store_id": "CỬA-HÀNG"})),
        ("store_id", serde_json::json!({"store_id": "CUAHANG-00001"})),
        ("store_id", serde_json::json!({"store_id": "CH 01"})),
        ("store_name", serde_json::json!({"store_name": "  "})),
        ("industry", serde_json::json!({"industry": ""})),
        ("terms_version", serde_json::json!({"terms_version": "v 1"})),
    ] {
        let mut json =
            serde_json::to_value(init("support", "trial", "2026-09-01T00:00:00+07:00")).unwrap();
        json.as_object_mut()
            .unwrap()
            .extend(bad.as_object().unwrap().clone());
        let err = create(serde_json::from_value(json).unwrap()).unwrap_err();
        let Error::Rejected(r) = err else {
            panic!("{err}")
        };
        assert_eq!(
            (r.code.as_str(), r.rule.as_ref()),
            ("validation_failed", field)
        );
        assert!(!r.message_vi.is_empty() && !r.message_en.is_empty());
    }
    assert!(
        serde_json::from_value::<StoreSubscriptionInit>(serde_json::json!({
            "store_id": "CH1", "store_name": "A", "industry": "B", "tier": "support",
            "status": "expired", "expiry": "2026-09-01T00:00:00+07:00", "terms_version": "1"
        }))
        .is_err(),
        "an instance starts on a trial or a signed contract"
    );
    for bad in [
        serde_json::json!({"reference_prefix": "GIA HAN"}),
        serde_json::json!({"reference_prefix": "GĐ"}),
        serde_json::json!({"months": []}),
        serde_json::json!({"months": [0]}),
        serde_json::json!({"payment_methods": []}),
        serde_json::json!({"payment_window_seconds": 0}),
        serde_json::json!({"expiry_notice_days": 0}),
        serde_json::json!({"vendor_account": {"bank_bin": "970436", "account": "00-11"}}),
    ] {
        let config: StoreSubscriptionConfig = serde_json::from_value(bad.clone()).unwrap();
        let err = Instance::<StoreSubscription>::create(
            "x",
            config,
            Settings::default(),
            init("support", "trial", "2026-09-01T00:00:00+07:00"),
        )
        .unwrap_err();
        assert_eq!(err.code(), "invalid_config", "{bad}");
    }
}

/// The order's detail carries the payment QR while the order awaits a payment — the same
/// as the last `show_payment_qr` effect — so a host restoring the instance from a snapshot
/// (without its log) can show it again; none while the remainder is not asked for yet.
#[test]
fn the_order_detail_shows_the_current_payment_qr() {
    let mut s = store("support", "active", "2026-09-01T00:00:00+07:00");
    let owner = Actor::new(OWNER.0, OWNER.1);
    let detail = |s: &Instance<StoreSubscription>, when: &str| {
        let answer = s
            .query(
                &owner,
                at(when),
                &Q::OrderDetail {
                    order_id: "DH1".into(),
                },
            )
            .unwrap();
        let A::OrderDetail { payment_qr, .. } = answer else {
            panic!("{answer:?}")
        };
        payment_qr
    };
    run(
        &mut s,
        "c1",
        OWNER,
        "2026-06-20T09:00:00+07:00",
        renewal(12, 2_400_000),
    );
    assert_eq!(
        detail(&s, "2026-06-20T09:00:30+07:00"),
        None,
        "no method chosen yet"
    );
    let shown = run(
        &mut s,
        "c2",
        OWNER,
        "2026-06-20T09:01:00+07:00",
        choose("DH1"),
    );
    let [
        Keyed {
            effect: Fx::ShowPaymentQr(first),
            ..
        },
    ] = shown.as_slice()
    else {
        panic!("{shown:?}")
    };
    let restored = Instance::<StoreSubscription>::from_snapshot_json(&s.snapshot_json()).unwrap();
    assert_eq!(
        detail(&restored, "2026-06-20T09:02:00+07:00").as_ref(),
        Some(first)
    );
    // Underpaid: the remainder is shown, but no QR until the owner continues.
    run(
        &mut s,
        "c3",
        GATEWAY,
        "2026-06-20T09:10:00+07:00",
        pay("GH CH0001 DH1", 400_000),
    );
    assert_eq!(detail(&s, "2026-06-20T09:11:00+07:00"), None);
    let again = run(
        &mut s,
        "c4",
        OWNER,
        "2026-06-20T09:12:00+07:00",
        C::ContinuePayment {
            order_id: "DH1".into(),
        },
    );
    let [
        Keyed {
            effect: Fx::ShowPaymentQr(second),
            ..
        },
    ] = again.as_slice()
    else {
        panic!("{again:?}")
    };
    assert_eq!(second.amount_vnd, Vnd::new(2_000_000), "the remainder");
    assert_eq!(
        detail(&s, "2026-06-20T09:13:00+07:00").as_ref(),
        Some(second)
    );
}
