//! VietQR payloads: published examples from NAPAS's specification and independent generators,
//! read field by field and rebuilt byte for byte; the CRC's check value; every malformation
//! refused with its rule; and properties (build → parse is the identity, parse never panics,
//! any one-character change is detected).

use proptest::prelude::*;
use quytrinh::kernel::{Rejection, RejectionCode, Vnd};
use quytrinh::vietqr::{Service, VietQr, VietQrError, crc16_ccitt_false};

/// CRC-16/CCITT-FALSE written a second way (bit-serial, one message bit at a time), so the
/// published CRCs are checked by something other than the code under test.
fn crc_bit_serial(bytes: &[u8]) -> u16 {
    let mut register: u16 = 0xFFFF;
    for byte in bytes {
        for bit in (0..8).rev() {
            let incoming = (byte >> bit) & 1 == 1;
            let top = register & 0x8000 != 0;
            register <<= 1;
            if top != incoming {
                register ^= 0x1021;
            }
        }
    }
    register
}

/// The CRC a payload carries, and the one computed independently over what precedes it.
fn published_and_computed_crc(payload: &str) -> (u16, u16) {
    let (body, crc) = payload.split_at(payload.len() - 4);
    assert!(body.ends_with("6304"), "{payload}");
    (
        u16::from_str_radix(crc, 16).unwrap(),
        crc_bit_serial(body.as_bytes()),
    )
}

/// A constructed payload: `body` (everything before tag 63) with its CRC appended.
fn with_crc(body: &str) -> String {
    let body = format!("{body}6304");
    let crc = crc_bit_serial(body.as_bytes());
    format!("{body}{crc:04X}")
}

fn qr(
    bin: &str,
    account: &str,
    service: Service,
    amount: Option<i64>,
    reference: Option<&str>,
) -> VietQr {
    VietQr {
        bank_bin: bin.to_owned(),
        account: account.to_owned(),
        service,
        amount: amount.map(Vnd::new),
        reference: reference.map(str::to_owned),
    }
}

#[test]
fn crc_check_value_is_29b1() {
    // The catalogue check value of CRC-16/CCITT-FALSE (the CRC of "123456789").
    assert_eq!(crc16_ccitt_false(b"123456789"), 0x29B1);
    assert_eq!(crc_bit_serial(b"123456789"), 0x29B1);
    assert_eq!(crc16_ccitt_false(b""), 0xFFFF);
    // A CRC is written as 4 uppercase hexadecimal digits, leading zeros kept (EMVCo writes
    // 0x007B as "007B").
    let payload = VietQr::to_account("970436", "1").payload().unwrap();
    let crc = &payload[payload.len() - 4..];
    assert!(
        crc.bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
    );
}

/// How a published payload is expected to fare.
enum Expect {
    /// It parses to this transfer, and has only the fields we build, in our order: the
    /// payload built from the transfer is the published one, byte for byte.
    Rebuilt(VietQr),
    /// It parses to this transfer but carries more than we build (the reason given), so it is
    /// checked by parsing only.
    Parsed(VietQr, &'static str),
    /// It is refused with this error (the reason given).
    Refused(VietQrError, &'static str),
}

struct Published {
    /// Where it was published: a URL, or repository + path.
    source: &'static str,
    payload: &'static str,
    /// Whether the CRC it carries is the CRC of what precedes it.
    crc_matches: bool,
    expect: Expect,
}

#[allow(clippy::too_many_lines)]
fn published() -> Vec<Published> {
    use Service::{ToAccount, ToCard};
    vec![
        Published {
            // VietQR.IO, "API tạo mã QR" (v2/generate), response sample:
            // https://vietqr.io/danh-sach-api/link-tao-ma-nhanh/api-tao-ma-qr/
            source: "vietqr.io API docs, v2/generate response sample",
            payload: "00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA53037045405790005802VN62220818Ung Ho Quy Vac Xin63043ACF",
            crc_matches: true,
            expect: Expect::Rebuilt(qr(
                "970415",
                "113366668888",
                ToAccount,
                Some(79_000),
                Some("Ung Ho Quy Vac Xin"),
            )),
        },
        Published {
            // NAPAS, Technical Specifications on NAPAS QR Switching v1.5.2, part IV, example of a
            // static QR to a card, as transcribed in binhnguyenduc/vietqr-ts,
            // tests/compliance/napas-static-card.test.ts ("qr_format_v1.5.2.md line 953").
            source: "NAPAS QR spec v1.5.2 (via binhnguyenduc/vietqr-ts tests/compliance/napas-static-card.test.ts)",
            payload: "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52",
            crc_matches: true,
            expect: Expect::Rebuilt(qr("970403", "9704031101234567", ToCard, None, None)),
        },
        Published {
            // NAPAS's static-account example with its length typo corrected (account of 13
            // digits declared 13, CRC 9E6F): binhnguyenduc/vietqr-ts,
            // tests/compliance/napas-static-account.test.ts.
            source: "binhnguyenduc/vietqr-ts tests/compliance/napas-static-account.test.ts",
            payload: "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN63049E6F",
            crc_matches: true,
            expect: Expect::Rebuilt(qr("970403", "0011012345678", ToAccount, None, None)),
        },
        Published {
            // NAPAS v1.5.2 example of a dynamic QR to an account with a bill number, as
            // transcribed in binhnguyenduc/vietqr-ts, tests/compliance/napas-dynamic-account.test.ts
            // ("qr_format_v1.5.2.md line 981").
            source: "NAPAS QR spec v1.5.2 (via binhnguyenduc/vietqr-ts tests/compliance/napas-dynamic-account.test.ts)",
            payload: "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E",
            crc_matches: true,
            expect: Expect::Parsed(
                qr(
                    "970403",
                    "0011012345678",
                    ToAccount,
                    Some(180_000),
                    Some("thanh toan don hang"),
                ),
                "62 also carries a bill number (62.01 NPS6869), which we ignore and do not build",
            ),
        },
        Published {
            // sunary/vietqr, vietqr_test.go, validQRCodeWithMessage (Techcombank, static).
            source: "sunary/vietqr vietqr_test.go (validQRCodeWithMessage)",
            payload: "00020101021138510010A00000072701210006970407010797968680208QRIBFTTA53037045802VN62240820gen by sunary/vietqr6304BE74",
            crc_matches: true,
            expect: Expect::Rebuilt(qr(
                "970407",
                "9796868",
                ToAccount,
                None,
                Some("gen by sunary/vietqr"),
            )),
        },
        Published {
            // sunary/vietqr, vietqr_test.go, validQRCodeFull (VPBank, dynamic).
            source: "sunary/vietqr vietqr_test.go (validQRCodeFull)",
            payload: "00020101021238490010A000000727011900069704320105193720208QRIBFTTA530370454061520005802VN62200816gen by go-vietqr63040ED4",
            crc_matches: true,
            expect: Expect::Rebuilt(qr(
                "970432",
                "19372",
                ToAccount,
                Some(152_000),
                Some("gen by go-vietqr"),
            )),
        },
        Published {
            // sunary/vietqr, vietqr_test.go, validQRCodeWithAmount (ACB, dynamic, no reference).
            source: "sunary/vietqr vietqr_test.go (validQRCodeWithAmount)",
            payload: "00020101021238490010A000000727011900069704160105135790208QRIBFTTA530370454061200005802VN63049A71",
            crc_matches: true,
            expect: Expect::Rebuilt(qr("970416", "13579", ToAccount, Some(120_000), None)),
        },
        Published {
            // sunary/vietqr, vietqr_test.go, validQRCodeBasic (CAKE by VPBank: a BIN outside 9704xx).
            source: "sunary/vietqr vietqr_test.go (validQRCodeBasic)",
            payload: "00020101021138540010A00000072701240006546034011009055559990208QRIBFTTA53037045802VN6304B2A0",
            crc_matches: true,
            expect: Expect::Rebuilt(qr("546034", "0905555999", ToAccount, None, None)),
        },
        Published {
            // subiz/vietqr, README.md (an earlier version's usage example: VietinBank,
            // 120 000 đồng, "ủng hộ lũ lụt" with its diacritics stripped by the generator).
            source: "subiz/vietqr README.md (usage example)",
            payload: "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C",
            crc_matches: true,
            expect: Expect::Rebuilt(qr(
                "970415",
                "0011001932418",
                ToAccount,
                Some(120_000),
                Some("ung ho lu lut"),
            )),
        },
        Published {
            // subiz/vietqr, vietqr_test.go, first case (TPBank, static, no reference).
            source: "subiz/vietqr vietqr_test.go (case 0)",
            payload: "00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4",
            crc_matches: true,
            expect: Expect::Rebuilt(qr("970423", "0099999999", ToAccount, None, None)),
        },
        Published {
            // subiz/vietqr, vietqr_test.go, second case (MB, dynamic, with reference).
            source: "subiz/vietqr vietqr_test.go (case 1)",
            payload: "00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62200816test text string6304D9C6",
            crc_matches: true,
            expect: Expect::Rebuilt(qr(
                "970422",
                "0023457923442",
                ToAccount,
                Some(40_123),
                Some("test text string"),
            )),
        },
        // Published payloads this module refuses, each for a reason of its own.
        Published {
            // NAPAS v1.5.2's static-account example as printed: the account 0011012345678 has 13
            // digits but is declared 12, so 38.01 is cut short (its CRC F4E5 is right for the
            // text as printed). binhnguyenduc/vietqr-ts, tests/unit/utils/crc.test.ts and
            // tests/compliance/napas-static-account.test.ts.
            source: "NAPAS QR spec v1.5.2 as printed (via binhnguyenduc/vietqr-ts)",
            payload: "00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5",
            crc_matches: true,
            expect: Expect::Refused(
                VietQrError::Truncated {
                    within: "38.01".into(),
                },
                "length typo in the specification's example",
            ),
        },
        Published {
            // subiz/vietqr, README.md, the hand-built walk-through ("Cuối cùng ta được"): tag 62
            // declares 16 characters for an 18-character value, so the data objects run off
            // course (the next "tag" read is `ut`); tag 38 lacks NAPAS's GUID, and the CRC
            // written is not the CRC of the text either.
            source: "subiz/vietqr README.md (walk-through)",
            payload: "0002010102113838000697042201120023457923440208QRIBFTTA530370454061800005802VN62160814ung ho bao lut6304E69F",
            crc_matches: false,
            expect: Expect::Refused(
                VietQrError::BadTag {
                    within: "root".into(),
                    found: "ut".into(),
                },
                "wrong length in 62",
            ),
        },
        Published {
            // subiz/vietqr, vietqr_test.go: a virtual account with letters (NAPAS allows "ans"
            // there; this module takes digits only).
            source: "subiz/vietqr vietqr_test.go (case 5)",
            payload: "00020101021238630010A0000007270133000697042201190023457923442ASDFLJ0208QRIBFTTA53037045405401235802VN62290825chuyen khoan alsdkf laksj6304E5DB",
            crc_matches: true,
            expect: Expect::Refused(
                VietQrError::AccountNotDigits {
                    found: "0023457923442ASDFLJ".into(),
                },
                "account with letters",
            ),
        },
        Published {
            // sunary/vietqr, vietqr_test.go, "Long message": an 89-character reference.
            source: "sunary/vietqr vietqr_test.go (Long message)",
            payload: "00020101021238540010A00000072701240006970405011011111111110208QRIBFTTA53037045405500005802VN62930889This is a very long message that tests the maximum length handling for QR code generation63043199",
            crc_matches: true,
            expect: Expect::Refused(
                VietQrError::ReferenceTooLong { chars: 89 },
                "reference over 25 characters",
            ),
        },
        Published {
            // sunary/vietqr, vietqr_test.go, validVNPAYQRCode: a VNPAY merchant QR, not NAPAS's.
            source: "sunary/vietqr vietqr_test.go (validVNPAYQRCode)",
            payload: "00020101021138400010A0000007750110VNP-1234560208QRIBFTTA53037045802VN6304E56C",
            crc_matches: true,
            expect: Expect::Refused(
                VietQrError::WrongGuid {
                    found: "A000000775".into(),
                },
                "VNPAY's GUID",
            ),
        },
        Published {
            // thanhtinhpas1/vietqr-parser, README.md (pkg.go.dev page of the module): payload
            // format indicator "00".
            source: "thanhtinhpas1/vietqr-parser README.md",
            payload: "00020001021238570010A00000072701270006970436011308810004580860208QRIBFTTA53037045802VN6304CD60",
            crc_matches: true,
            expect: Expect::Refused(
                VietQrError::WrongPayloadFormat { found: "00".into() },
                "payload format indicator must be 01",
            ),
        },
        Published {
            // binhnguyenduc/vietqr-ts, tests/fixtures/vietqr-samples.ts, DYNAMIC_FULL: the
            // service code is nested inside 38.01 instead of being 38.02.
            source: "binhnguyenduc/vietqr-ts tests/fixtures/vietqr-samples.ts (DYNAMIC_FULL)",
            payload: "00020101021238570010A00000072701390006970422011301234567890200208QRIBFTTA53037045405500005802VN62160812Test Payment630495B6",
            crc_matches: true,
            expect: Expect::Refused(
                VietQrError::MissingTag {
                    tag: "38.02".into(),
                },
                "service code misplaced",
            ),
        },
    ]
}

#[test]
fn published_payloads_have_the_crc_they_carry() {
    for p in published() {
        let (carried, computed) = published_and_computed_crc(p.payload);
        assert_eq!(
            carried == computed,
            p.crc_matches,
            "{}: carries {carried:04X}, computed {computed:04X}",
            p.source
        );
        // The module's CRC agrees with the independent one.
        let body = &p.payload[..p.payload.len() - 4];
        assert_eq!(crc16_ccitt_false(body.as_bytes()), computed, "{}", p.source);
    }
}

#[test]
fn published_payloads_parse_field_by_field_and_rebuild_byte_for_byte() {
    let all = published();
    let rebuilt = all
        .iter()
        .filter(|p| matches!(p.expect, Expect::Rebuilt(_)))
        .count();
    assert!(
        rebuilt >= 3,
        "at least three published payloads rebuilt byte for byte"
    );
    for p in all {
        let parsed = VietQr::parse(p.payload);
        match p.expect {
            Expect::Rebuilt(want) | Expect::Parsed(want, _) if parsed.is_err() => {
                panic!("{}: {:?}, want {want:?}", p.source, parsed.unwrap_err());
            }
            Expect::Rebuilt(want) => {
                let got = parsed.unwrap();
                check_fields(p.source, &got, &want);
                assert_eq!(got.payload().unwrap(), p.payload, "{}", p.source);
                assert_eq!(want.payload().unwrap(), p.payload, "{}", p.source);
            }
            Expect::Parsed(want, why) => {
                let got = parsed.unwrap();
                check_fields(p.source, &got, &want);
                assert_ne!(got.payload().unwrap(), p.payload, "{}: {why}", p.source);
            }
            Expect::Refused(err, why) => {
                assert_eq!(parsed, Err(err), "{}: {why}", p.source);
            }
        }
    }
}

fn check_fields(source: &str, got: &VietQr, want: &VietQr) {
    assert_eq!(got.bank_bin, want.bank_bin, "{source}: bank BIN");
    assert_eq!(got.account, want.account, "{source}: account");
    assert_eq!(got.service, want.service, "{source}: service");
    assert_eq!(got.amount, want.amount, "{source}: amount");
    assert_eq!(got.reference, want.reference, "{source}: reference");
    assert_eq!(got, want, "{source}");
}

#[test]
fn the_crc_may_be_written_in_lower_case() {
    // Some generators write the CRC's hex digits in lower case; the value is the same.
    let upper = "00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA53037045405790005802VN62220818Ung Ho Quy Vac Xin63043ACF";
    let lower = upper.replace("63043ACF", "63043acf");
    assert_eq!(VietQr::parse(&lower), VietQr::parse(upper));
    assert!(VietQr::parse(upper).is_ok());
}

#[test]
fn tags_may_come_in_any_order_and_unneeded_ones_are_ignored() {
    let want = qr(
        "970436",
        "0011001234567",
        Service::ToAccount,
        Some(150_000),
        Some("GH123 GIA HAN"),
    );
    // The CRC last (it covers the rest), everything else shuffled; plus data objects a transfer
    // does not need: merchant category (52), name (59), city (60), postal code (61), another
    // network's account (26), an unreserved template (87), 62's bill number (01) and terminal
    // label (07), an extra sub-field of 38 (03) and of 38.01 (02).
    let shuffled = with_crc(concat!(
        "5802VN",
        "5406150000",
        "62330813GH123 GIA HAN0105HD0010703T01",
        "261100071234567",
        "5204581253037045913NGUYEN VAN AN6005HANOI6106700000",
        "38700010A00000072701330006970436011300110012345670202XX0208QRIBFTTA0303abc",
        "010212",
        "000201",
        "8707CLASSIC",
    ));
    assert_eq!(VietQr::parse(&shuffled), Ok(want.clone()));
    // Without 01 (it is optional), and with 11 although there is an amount.
    let no_method = with_crc(
        "00020138570010A00000072701270006970436011300110012345670208QRIBFTTA530370454061500005802VN62170813GH123 GIA HAN",
    );
    assert_eq!(VietQr::parse(&no_method), Ok(want.clone()));
    let static_with_amount = with_crc(
        "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA530370454061500005802VN62170813GH123 GIA HAN",
    );
    assert_eq!(VietQr::parse(&static_with_amount), Ok(want));
}

/// Builds that must be refused, with the error and its rule.
#[test]
#[allow(clippy::too_many_lines)]
fn invalid_fields_are_refused_with_their_rule() {
    let base = || VietQr::to_account("970436", "0011001234567");
    let cases: Vec<(VietQr, VietQrError, &str)> = vec![
        (
            VietQr::to_account("970436", "0011OO1234567"),
            VietQrError::AccountNotDigits {
                found: "0011OO1234567".into(),
            },
            "vietqr_account",
        ),
        (
            VietQr::to_account("970436", "0011-001-234"),
            VietQrError::AccountNotDigits {
                found: "0011-001-234".into(),
            },
            "vietqr_account",
        ),
        (
            VietQr::to_account("970436", " 0011001234567"),
            VietQrError::AccountNotDigits {
                found: " 0011001234567".into(),
            },
            "vietqr_account",
        ),
        (
            VietQr::to_account("970436", ""),
            VietQrError::AccountEmpty,
            "vietqr_account",
        ),
        (
            VietQr::to_account("970436", &"1".repeat(20)),
            VietQrError::AccountTooLong { chars: 20 },
            "vietqr_account",
        ),
        (
            VietQr::to_card("970436", "9704 3668 0000 0000"),
            VietQrError::AccountNotDigits {
                found: "9704 3668 0000 0000".into(),
            },
            "vietqr_account",
        ),
        (
            base().with_reference(&"A".repeat(26)),
            VietQrError::ReferenceTooLong { chars: 26 },
            "vietqr_reference",
        ),
        (
            base().with_reference(""),
            VietQrError::ReferenceEmpty,
            "vietqr_reference",
        ),
        (
            base().with_reference("GH123 GIA HẠN"),
            VietQrError::ReferenceNotAscii { found: 'Ạ' },
            "vietqr_reference",
        ),
        (
            base().with_reference("Gia hạn gói Chuyên nghiệp"),
            VietQrError::ReferenceNotAscii { found: 'ạ' },
            "vietqr_reference",
        ),
        (
            base().with_reference("GH123\nGIA HAN"),
            VietQrError::ReferenceNotPrintable { code: 10 },
            "vietqr_reference",
        ),
        (
            base().with_reference("GH123\u{7f}"),
            VietQrError::ReferenceNotPrintable { code: 127 },
            "vietqr_reference",
        ),
        (
            base().with_amount(Vnd::ZERO),
            VietQrError::AmountNotPositive { dong: 0 },
            "vietqr_amount",
        ),
        (
            base().with_amount(Vnd::new(-150_000)),
            VietQrError::AmountNotPositive { dong: -150_000 },
            "vietqr_amount",
        ),
        (
            base().with_amount(Vnd::new(10_000_000_000_000)),
            VietQrError::AmountTooLong { digits: 14 },
            "vietqr_amount",
        ),
        (
            base().with_amount(Vnd::new(i64::MAX)),
            VietQrError::AmountTooLong { digits: 19 },
            "vietqr_amount",
        ),
        (
            VietQr::to_account("97043", "1"),
            VietQrError::InvalidBankBin {
                found: "97043".into(),
            },
            "vietqr_bank_bin",
        ),
        (
            VietQr::to_account("9704366", "1"),
            VietQrError::InvalidBankBin {
                found: "9704366".into(),
            },
            "vietqr_bank_bin",
        ),
        (
            VietQr::to_account("97043A", "1"),
            VietQrError::InvalidBankBin {
                found: "97043A".into(),
            },
            "vietqr_bank_bin",
        ),
        (
            VietQr::to_account("", "1"),
            VietQrError::InvalidBankBin {
                found: String::new(),
            },
            "vietqr_bank_bin",
        ),
        (
            VietQr::to_account("９７０４３６", "1"),
            VietQrError::InvalidBankBin {
                found: "９７０４３６".into(),
            },
            "vietqr_bank_bin",
        ),
    ];
    for (input, err, rule) in cases {
        assert_eq!(input.validate(), Err(err.clone()), "{input:?}");
        assert_eq!(input.payload(), Err(err.clone()), "{input:?}");
        assert_eq!(err.rule(), rule, "{err:?}");
        let rejection = Rejection::from(err.clone());
        assert_eq!(rejection.code, RejectionCode::ValidationFailed);
        assert_eq!(rejection.rule, rule);
        assert_eq!(rejection.message_en, err.to_string());
        assert_eq!(rejection.message_vi, err.message_vi());
        assert!(!rejection.message_vi.is_empty() && rejection.message_vi != rejection.message_en);
    }
    // The limits themselves pass.
    assert!(
        VietQr::to_account("970436", &"9".repeat(19))
            .with_reference(&"~".repeat(25))
            .with_amount(Vnd::new(9_999_999_999_999))
            .payload()
            .is_ok()
    );
    assert!(
        VietQr::to_account("970436", "0")
            .with_reference(" ")
            .with_amount(Vnd::new(1))
            .payload()
            .is_ok()
    );
}

/// Payloads that must be refused, with the error and its rule.
#[test]
#[allow(clippy::too_many_lines)]
fn malformed_payloads_are_refused_with_their_rule() {
    const ACCOUNT_INFO: &str = "38570010A00000072701270006970436011300110012345670208QRIBFTTA";
    let good = |middle: &str| with_crc(&format!("000201010212{ACCOUNT_INFO}{middle}"));
    let cases: Vec<(String, VietQrError, &str)> = vec![
        (
            String::new(),
            VietQrError::MissingTag { tag: "63".into() },
            "vietqr_missing_tag",
        ),
        (
            "000".into(),
            VietQrError::Truncated {
                within: "root".into(),
            },
            "vietqr_truncated",
        ),
        (
            "0002".into(),
            VietQrError::Truncated {
                within: "root".into(),
            },
            "vietqr_truncated",
        ),
        (
            "00020".into(),
            VietQrError::Truncated {
                within: "root".into(),
            },
            "vietqr_truncated",
        ),
        (
            "0002016304".into(),
            VietQrError::Truncated {
                within: "root".into(),
            },
            "vietqr_truncated",
        ),
        (
            "000201630412".into(),
            VietQrError::Truncated {
                within: "root".into(),
            },
            "vietqr_truncated",
        ),
        (
            "AB020163041234".into(),
            VietQrError::BadTag {
                within: "root".into(),
                found: "AB".into(),
            },
            "vietqr_tag",
        ),
        (
            "0-020163041234".into(),
            VietQrError::BadTag {
                within: "root".into(),
                found: "0-".into(),
            },
            "vietqr_tag",
        ),
        (
            "00XX0163041234".into(),
            VietQrError::BadLength {
                tag: "00".into(),
                found: "XX".into(),
            },
            "vietqr_length",
        ),
        (
            "00000163041234".into(),
            VietQrError::BadLength {
                tag: "00".into(),
                found: "00".into(),
            },
            "vietqr_length",
        ),
        (
            "00+20163041234".into(),
            VietQrError::BadLength {
                tag: "00".into(),
                found: "+2".into(),
            },
            "vietqr_length",
        ),
        (
            good("53037045303704"),
            VietQrError::DuplicateTag { tag: "53".into() },
            "vietqr_duplicate_tag",
        ),
        (
            good("53037045802VN62160804AAAA0804BBBB"),
            VietQrError::DuplicateTag {
                tag: "62.08".into(),
            },
            "vietqr_duplicate_tag",
        ),
        (
            with_crc(
                "000201010212385700X0A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN",
            ),
            VietQrError::BadLength {
                tag: "38.00".into(),
                found: "X0".into(),
            },
            "vietqr_length",
        ),
        (
            with_crc("00020101021238200010A0000007270199AA53037045802VN"),
            VietQrError::Truncated {
                within: "38".into(),
            },
            "vietqr_truncated",
        ),
        (
            good("5303704"),
            VietQrError::MissingTag { tag: "58".into() },
            "vietqr_missing_tag",
        ),
        (
            good("5802VN"),
            VietQrError::MissingTag { tag: "53".into() },
            "vietqr_missing_tag",
        ),
        (
            with_crc(
                "01021238570010A00000072701270006970436011300110012345670208QRIBFTTA53037045802VN",
            ),
            VietQrError::MissingTag { tag: "00".into() },
            "vietqr_missing_tag",
        ),
        (
            with_crc("0002010102115303704 802VN"),
            VietQrError::BadTag {
                within: "root".into(),
                found: " 8".into(),
            },
            "vietqr_tag",
        ),
        (
            with_crc("00020101021153037045802VN"),
            VietQrError::MissingTag { tag: "38".into() },
            "vietqr_missing_tag",
        ),
        (
            with_crc("00020101021138140010A00000072753037045802VN"),
            VietQrError::MissingTag {
                tag: "38.01".into(),
            },
            "vietqr_missing_tag",
        ),
        (
            with_crc(
                "00020101021138470010A0000007270117011300110012345670208QRIBFTTA53037045802VN",
            ),
            VietQrError::MissingTag {
                tag: "38.01.00".into(),
            },
            "vietqr_missing_tag",
        ),
        (
            with_crc(
                "00020101021238570010A00000072701270006970436011300110012345670X08QRIBFTTA53037045802VN",
            ),
            VietQrError::BadTag {
                within: "38".into(),
                found: "0X".into(),
            },
            "vietqr_tag",
        ),
        (
            format!("{}5802VN", good("53037045802VN")),
            VietQrError::DuplicateTag { tag: "58".into() },
            "vietqr_duplicate_tag",
        ),
        (
            format!("{}5802VN", good("5303704")),
            VietQrError::CrcNotLast,
            "vietqr_crc_position",
        ),
        (
            "00020163033AB".into(),
            VietQrError::BadCrcFormat {
                found: "3AB".into(),
            },
            "vietqr_crc_format",
        ),
        (
            "000201630412G4".into(),
            VietQrError::BadCrcFormat {
                found: "12G4".into(),
            },
            "vietqr_crc_format",
        ),
        (
            "0002016304+123".into(),
            VietQrError::BadCrcFormat {
                found: "+123".into(),
            },
            "vietqr_crc_format",
        ),
        (
            "00020163041234".into(),
            VietQrError::BadCrc {
                expected: crc_bit_serial(b"0002016304"),
                found: 0x1234,
            },
            "vietqr_crc",
        ),
        (
            with_crc(&format!("000202010212{ACCOUNT_INFO}53037045802VN")),
            VietQrError::WrongPayloadFormat { found: "02".into() },
            "vietqr_payload_format",
        ),
        (
            with_crc(&format!("000201010213{ACCOUNT_INFO}53037045802VN")),
            VietQrError::WrongInitiationMethod { found: "13".into() },
            "vietqr_initiation_method",
        ),
        (
            with_crc(&format!(
                "{}53037045802VN",
                "00020101021238570010A00000077501270006970436011300110012345670208QRIBFTTA"
            )),
            VietQrError::WrongGuid {
                found: "A000000775".into(),
            },
            "vietqr_guid",
        ),
        (
            with_crc(
                "00020101021238550010A00000072701270006970436011300110012345670206QRCASH53037045802VN",
            ),
            VietQrError::UnknownService {
                found: "QRCASH".into(),
            },
            "vietqr_service",
        ),
        (
            good("53038405802VN"),
            VietQrError::WrongCurrency {
                found: "840".into(),
            },
            "vietqr_currency",
        ),
        (
            good("53037045802US"),
            VietQrError::WrongCountry { found: "US".into() },
            "vietqr_country",
        ),
        (
            good("5303704540850000.005802VN"),
            VietQrError::AmountNotDigits {
                found: "50000.00".into(),
            },
            "vietqr_amount",
        ),
        (
            good("5303704540105802VN"),
            VietQrError::AmountNotPositive { dong: 0 },
            "vietqr_amount",
        ),
        (
            good(&format!("53037045414{}5802VN", "9".repeat(14))),
            VietQrError::AmountTooLong { digits: 14 },
            "vietqr_amount",
        ),
        (
            good("53037045406-500005802VN"),
            VietQrError::AmountNotDigits {
                found: "-50000".into(),
            },
            "vietqr_amount",
        ),
        (
            good("530370455020156041000"),
            VietQrError::UnsupportedTag { tag: "55".into() },
            "vietqr_unsupported_tag",
        ),
        (
            good("53037045802VN7003abc"),
            VietQrError::UnsupportedTag { tag: "70".into() },
            "vietqr_unsupported_tag",
        ),
        (
            good("53037045802VN62110809GIA HAN"),
            VietQrError::Truncated {
                within: "62".into(),
            },
            "vietqr_truncated",
        ),
        (
            good("53037045802VN6200"),
            VietQrError::BadLength {
                tag: "62".into(),
                found: "00".into(),
            },
            "vietqr_length",
        ),
        (
            good("53037045802VN62260822Gia hạn gói"),
            VietQrError::PayloadNotAscii { at: 99 },
            "vietqr_charset",
        ),
        (
            good("53037045802VN62300826GH123 GIA HAN GOI CAO CAP!"),
            VietQrError::ReferenceTooLong { chars: 26 },
            "vietqr_reference",
        ),
        (
            with_crc(
                "00020101021138570010A00000072701270006970436011300110012345A70208QRIBFTTA53037045802VN",
            ),
            VietQrError::AccountNotDigits {
                found: "00110012345A7".into(),
            },
            "vietqr_account",
        ),
        (
            with_crc(
                "00020101021138570010A00000072701270006970X36011300110012345670208QRIBFTTA53037045802VN",
            ),
            VietQrError::InvalidBankBin {
                found: "970X36".into(),
            },
            "vietqr_bank_bin",
        ),
    ];
    for (payload, err, rule) in cases {
        assert_eq!(VietQr::parse(&payload), Err(err.clone()), "{payload}");
        assert_eq!(err.rule(), rule, "{err:?}");
        assert_eq!(Rejection::from(err).rule, rule);
    }
}

// ---- properties ----

fn valid_qr() -> impl Strategy<Value = VietQr> {
    (
        "[0-9]{6}",
        "[0-9]{1,19}",
        prop_oneof![Just(Service::ToAccount), Just(Service::ToCard)],
        prop::option::of(1i64..=9_999_999_999_999),
        prop::option::of("[ -~]{1,25}"),
    )
        .prop_map(|(bank_bin, account, service, amount, reference)| VietQr {
            bank_bin,
            account,
            service,
            amount: amount.map(Vnd::new),
            reference,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn build_then_parse_is_the_identity(qr in valid_qr()) {
        let payload = qr.payload().unwrap();
        prop_assert_eq!(VietQr::parse(&payload), Ok(qr.clone()));
        // Building what was parsed gives the same bytes; the CRC is 4 uppercase hex digits.
        prop_assert_eq!(VietQr::parse(&payload).unwrap().payload().unwrap(), payload.clone());
        let crc = &payload[payload.len() - 4..];
        prop_assert!(crc.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)));
        prop_assert_eq!(&payload[payload.len() - 8..payload.len() - 4], "6304");
        // The JSON form round-trips too.
        let json = serde_json::to_string(&qr).unwrap();
        prop_assert_eq!(serde_json::from_str::<VietQr>(&json).unwrap(), qr);
    }

    #[test]
    fn parse_never_panics_on_arbitrary_text(text in "\\PC{0,300}") {
        let _ = VietQr::parse(&text);
    }

    #[test]
    fn parse_never_panics_on_payload_like_text(text in "[0-9A-F]{0,200}") {
        let _ = VietQr::parse(&text);
    }

    #[test]
    fn parse_never_panics_on_spliced_payloads(qr in valid_qr(), cut in any::<prop::sample::Index>(), junk in "[ -~]{0,12}") {
        let payload = qr.payload().unwrap();
        let at = cut.index(payload.len() + 1);
        let spliced = format!("{}{junk}{}", &payload[..at], &payload[at..]);
        let parsed = VietQr::parse(&spliced);
        if junk.is_empty() {
            prop_assert_eq!(parsed, Ok(qr));
        }
        // Any proper prefix is refused (the CRC is the last data object).
        prop_assert!(VietQr::parse(&payload[..at.min(payload.len() - 1)]).is_err());
    }

    /// Changing any one character is detected. CRC-16 catches every error burst of 16 bits or
    /// fewer, so a changed byte before the CRC's value always changes the CRC; a changed CRC
    /// digit no longer matches — except a letter of the CRC changed only in case (`a`–`f`
    /// for `A`–`F`), which is the same number and parses to the same transfer, never a
    /// different one.
    #[test]
    fn changing_one_character_is_detected(qr in valid_qr(), at in any::<prop::sample::Index>(), replacement in prop::char::range(' ', '~')) {
        let payload = qr.payload().unwrap();
        let i = at.index(payload.len());
        let original = char::from(payload.as_bytes()[i]);
        prop_assume!(replacement != original);
        let mut changed = payload.clone();
        changed.replace_range(i..=i, replacement.encode_utf8(&mut [0; 4]));
        match VietQr::parse(&changed) {
            Err(_) => {}
            Ok(parsed) => {
                prop_assert!(i >= payload.len() - 4, "changed at {} yet parsed: {}", i, changed);
                prop_assert_eq!(replacement, original.to_ascii_lowercase());
                prop_assert_eq!(parsed, qr);
            }
        }
    }

    #[test]
    fn a_non_ascii_character_anywhere_is_refused(qr in valid_qr(), at in any::<prop::sample::Index>(), c in "[à-ỹ]") {
        let payload = qr.payload().unwrap();
        let i = at.index(payload.len());
        let mut changed = payload.clone();
        changed.replace_range(i..=i, &c);
        prop_assert_eq!(VietQr::parse(&changed), Err(VietQrError::PayloadNotAscii { at: i }));
    }
}
