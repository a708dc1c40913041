//! The kernel's shared rules on identifiers (`kernel::tax_code`, `email`, `phone`), table by
//! table.
//!
//! Published tax codes, each printed on its holder's invoices and annual reports and listed by
//! the General Department of Taxation's lookup (tracuunnt.gdt.gov.vn) and the national business
//! registration portal (dangkykinhdoanh.gov.vn):
//! - 0101243150 Công ty Cổ phần MISA (the seed's vendor)
//! - 0100107518 Tổng công ty Hàng không Việt Nam (Vietnam Airlines)
//! - 0300588569 Công ty Cổ phần Sữa Việt Nam (Vinamilk)
//! - 0101248141 Công ty Cổ phần FPT
//! - 0100109106 Tập đoàn Công nghiệp – Viễn thông Quân đội (Viettel)
//!
//! Dependent units (10 digits - 3) and further organisations: numbers collected from public
//! invoices by python-stdnum's `vn.mst` tests (tests/test_vn_mst.doctest, "found online and
//! should all be valid"): 0314409058-002, 0102641429-066, 2000102580-001, 1300440846-008,
//! 0100233488, 3600532315.
//!
//! The rule (Thông tư 105/2020/TT-BTC Điều 5; the check digit with weights 31, 29, 23, 19, 17,
//! 13, 7, 5, 3 and N10 = 10 − (Σ mod 11)) is also checked against an independent computation
//! here, over every nine-digit prefix of a range.

use quytrinh::kernel::{TaxCodeKind, email, phone, tax_code, tax_code_check_digit};

#[test]
fn published_tax_codes_are_valid() {
    let table: &[(&str, TaxCodeKind)] = &[
        ("0101243150", TaxCodeKind::Organization),
        ("0100107518", TaxCodeKind::Organization),
        ("0300588569", TaxCodeKind::Organization),
        ("0101248141", TaxCodeKind::Organization),
        ("0100109106", TaxCodeKind::Organization),
        ("0100233488", TaxCodeKind::Organization),
        ("3600532315", TaxCodeKind::Organization),
        ("0314409058-002", TaxCodeKind::DependentUnit),
        ("0102641429-066", TaxCodeKind::DependentUnit),
        ("2000102580-001", TaxCodeKind::DependentUnit),
        ("1300440846-008", TaxCodeKind::DependentUnit),
        // Personal identification numbers (12 digits): province 001 Hà Nội, 079 TP. Hồ Chí
        // Minh, 096 Cà Mau.
        ("001090012345", TaxCodeKind::PersonalId),
        ("079190012345", TaxCodeKind::PersonalId),
        ("096300000001", TaxCodeKind::PersonalId),
    ];
    for (code, kind) in table {
        assert_eq!(tax_code("tax_code", code), Ok(*kind), "{code}");
    }
}

#[test]
fn malformed_tax_codes_are_refused_on_their_field() {
    let table: &[(&str, &str)] = &[
        ("0101243151", "wrong check digit"),
        ("0100107510", "wrong check digit"),
        ("0100000008", "digits 3 to 9 all 0"),
        ("010124315", "nine digits"),
        ("01012431500", "eleven digits"),
        ("0314409058002", "13 digits without the hyphen"),
        ("0314409058-000", "unit 000"),
        ("0314409058-02", "unit of two digits"),
        ("0314409058-0021", "unit of four digits"),
        ("0314409059-002", "the parent's check digit is wrong"),
        ("03144O9058", "a letter O"),
        (" 0101243150", "a leading space"),
        ("0101-243150", "a hyphen elsewhere"),
        ("000090012345", "personal number with province 000"),
        ("097090012345", "personal number with province 097"),
        ("", "empty"),
        ("０１０１２４３１５０", "full-width digits"),
    ];
    for (code, why) in table {
        let r = tax_code("invoice.tax_code", code).expect_err(why);
        assert_eq!(
            (r.code.as_str(), r.rule.as_ref()),
            ("validation_failed", "invoice.tax_code"),
            "{why}"
        );
        assert!(r.message_vi.contains("Mã số thuế"), "{why}");
    }
}

/// N10 = 10 − (Σ wᵢ·Nᵢ mod 11), checked here the other way round: N10 is the digit that
/// makes Σ + N10 ≡ 10 (mod 11), searched among 0–9, over twenty thousand prefixes (none
/// exists when Σ ≡ 0, so such a prefix has no check digit).
#[test]
fn the_check_digit_agrees_with_an_independent_computation() {
    let weights = [31u64, 29, 23, 19, 17, 13, 7, 5, 3];
    let mut without = 0;
    for n in 10_000_001u64..10_020_001 {
        let prefix = format!("{n:09}");
        let sum: u64 = prefix
            .bytes()
            .zip(weights)
            .map(|(b, w)| u64::from(b - b'0') * w)
            .sum();
        // A valid code's ten digits satisfy Σ + N10 ≡ 10 (mod 11), with N10 a digit.
        let expected = (0..=9u32).find(|d| (sum + u64::from(*d)) % 11 == 10);
        assert_eq!(tax_code_check_digit(&prefix), expected, "{prefix}");
        match expected {
            None => without += 1,
            Some(digit) => {
                let code = format!("{prefix}{digit}");
                assert!(tax_code("tax_code", &code).is_ok(), "{code}");
            }
        }
    }
    // About one prefix in eleven has no check digit.
    assert!((1500..2200).contains(&without), "{without}");
}

#[test]
fn e_mail_addresses() {
    let valid = [
        "ketoan@abc.com.vn",
        "lan.nguyen+hoadon@misa.com.vn",
        "a@b.co",
        "o'brien@example.org",
        "hoadon@xn--hanh-chnh-e5a.vn",
        "x_y-z@sub-domain.example.io",
    ];
    for e in valid {
        assert!(email("email", e).is_ok(), "{e}");
    }
    let long_local = format!("{}@abc.vn", "a".repeat(65));
    let long_total = format!("a@{}.vn", "b".repeat(250));
    let invalid = [
        "",
        "ketoan",
        "ketoan@",
        "@abc.vn",
        "ketoan@abc",
        "ke toan@abc.vn",
        "ke..toan@abc.vn",
        ".ketoan@abc.vn",
        "ketoan.@abc.vn",
        "ketoan@abc..vn",
        "ketoan@-abc.vn",
        "ketoan@abc-.vn",
        "ketoan@abc.v",
        "ketoan@abc.123",
        "kế.toán@abc.vn",
        "ketoan@@abc.vn",
        "ketoan@abc@def.vn",
        long_local.as_str(),
        long_total.as_str(),
    ];
    for e in invalid {
        let r = email("buyer.email", e).expect_err(e);
        assert_eq!(r.rule, "buyer.email", "{e}");
    }
}

#[test]
fn phone_numbers_in_their_national_form() {
    let valid = [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0321234567", "0321234567"),
        ("0561234567", "0561234567"),
        ("0771234567", "0771234567"),
        ("0861234567", "0861234567"),
        ("02438561234", "02438561234"),
        ("028 3822 1234", "02838221234"),
        ("+84 24 3856 1234", "02438561234"),
    ];
    for (input, national) in valid {
        assert_eq!(phone("phone", input).as_deref(), Ok(national), "{input}");
    }
    let invalid = [
        "",
        "091234567",
        "09123456789",
        "0123456789",
        "01234567890",
        "0412345678",
        "0612345678",
        "1900123456",
        "+8491234567",
        "+1 912 345 678",
        "0912  345 678",
        "-0912345678",
        "0912/345/678",
        "(091) 234 5678",
        "09l2345678",
    ];
    for input in invalid {
        let r = phone("buyer.phone", input).expect_err(input);
        assert_eq!(r.rule, "buyer.phone", "{input}");
    }
}
