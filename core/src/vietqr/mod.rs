//! VietQR: the NAPAS bank-transfer QR payload (chuyển khoản nhanh NAPAS 247), built and read.
//!
//! A VietQR is an EMVCo merchant-presented QR payload: data objects written as a 2-digit id,
//! a 2-digit length (01–99) and the value. The ones a transfer needs:
//!
//! | tag | meaning | value here |
//! |---|---|---|
//! | 00 | payload format indicator | `01` |
//! | 01 | point of initiation | `11` static, `12` dynamic (when an amount is given) |
//! | 38 | merchant account information (NAPAS) | 00 GUID `A000000727`; 01 beneficiary organisation (00 bank BIN, 6 digits; 01 account or card number); 02 service `QRIBFTTA` (to an account) or `QRIBFTTC` (to a card) |
//! | 53 | currency | `704` (đồng) |
//! | 54 | amount | whole đồng, digits only, at most 13 |
//! | 58 | country | `VN` |
//! | 62 | additional data | 08 purpose of transaction: the transfer reference (nội dung chuyển khoản) |
//! | 63 | CRC | CRC-16/CCITT-FALSE over everything before its value, `6304` included, 4 uppercase hex digits |
//!
//! The limits follow NAPAS's *Technical Specifications on NAPAS QR Switching*, part IV (QR code
//! format, v1.5.2, which applies EMVCo's merchant-presented specification), and the published
//! generator rules of VietQR.io's API (`accountNo` digits only, at most 19; `acqId` 6 digits;
//! `amount` digits only, at most 13; `addInfo` at most 25 characters, without diacritics).
//! Where the sources leave room this module decides, and says so:
//!
//! - **Reference**: 1–25 printable ASCII characters (space to `~`), EMVCo's limit for 62/08.
//!   Vietnamese banks strip diacritics from transfer contents, and generators disagree on
//!   whether a length counts bytes or characters, so a reference with `ạ` or `đ` is refused
//!   ([`VietQrError::ReferenceNotAscii`]) rather than silently rewritten: the host writes
//!   `GIA HAN`, not `GIA HẠN`. An empty reference is refused too (leave it out instead).
//! - **Account**: 1–19 digits; card numbers likewise.
//! - **Amount**: whole đồng above 0 with at most 13 digits (≤ 9 999 999 999 999 đồng); VND
//!   has no minor unit, so no decimal point.
//! - **Parsing** accepts the tags in any order (the CRC last, since it covers what precedes
//!   it), a point of initiation of `11` or `12` whatever the amount, hexadecimal CRC digits
//!   in either case, and ignores the data objects a transfer does not need (merchant category
//!   52, name 59, city 60, postal code 61, language template 64, other networks' accounts
//!   02–51, unreserved templates 80–99, 62 sub-fields other than 08, sub-fields of 38 other than
//!   00–02). It refuses tip and convenience fees (55–57, which change what is paid), the ids
//!   EMVCo reserves (65–79), duplicates, and any non-ASCII payload.
//!
//! ```
//! use quytrinh::kernel::Vnd;
//! use quytrinh::vietqr::{Service, VietQr};
//!
//! let qr = VietQr::to_account("970415", "113366668888")
//!     .with_amount(Vnd::new(79_000))
//!     .with_reference("Ung Ho Quy Vac Xin");
//! let payload = qr.payload().unwrap();
//! // The example of VietQR.IO's "API tạo mã QR", byte for byte.
//! assert_eq!(
//!     payload,
//!     "00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA\
//!      53037045405790005802VN62220818Ung Ho Quy Vac Xin63043ACF"
//! );
//! let back = VietQr::parse(&payload).unwrap();
//! assert_eq!(back, qr);
//! assert_eq!(back.service, Service::ToAccount);
//! ```

mod crc;
mod error;

pub use crc::crc16_ccitt_false;
pub use error::VietQrError;

use crate::kernel::Vnd;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// NAPAS's globally unique identifier, the value of tag 38.00.
///
/// ```
/// assert_eq!(quytrinh::vietqr::GUID, "A000000727");
/// ```
pub const GUID: &str = "A000000727";

/// The currency of every VietQR (tag 53): ISO 4217 numeric code of the đồng.
///
/// ```
/// assert_eq!(quytrinh::vietqr::CURRENCY_VND, "704");
/// ```
pub const CURRENCY_VND: &str = "704";

/// The country of every VietQR (tag 58).
///
/// ```
/// assert_eq!(quytrinh::vietqr::COUNTRY_VN, "VN");
/// ```
pub const COUNTRY_VN: &str = "VN";

/// The most digits an account or card number may have.
///
/// ```
/// use quytrinh::vietqr::{MAX_ACCOUNT_DIGITS, VietQr};
/// assert!(VietQr::to_account("970436", &"1".repeat(MAX_ACCOUNT_DIGITS)).payload().is_ok());
/// assert!(VietQr::to_account("970436", &"1".repeat(MAX_ACCOUNT_DIGITS + 1)).payload().is_err());
/// ```
pub const MAX_ACCOUNT_DIGITS: usize = 19;

/// The most characters a transfer reference (tag 62.08) may have.
///
/// ```
/// use quytrinh::vietqr::{MAX_REFERENCE_CHARS, VietQr};
/// let qr = VietQr::to_account("970436", "0011001234567");
/// assert!(qr.clone().with_reference(&"A".repeat(MAX_REFERENCE_CHARS)).payload().is_ok());
/// assert!(qr.with_reference(&"A".repeat(MAX_REFERENCE_CHARS + 1)).payload().is_err());
/// ```
pub const MAX_REFERENCE_CHARS: usize = 25;

/// The most digits an amount (tag 54) may have.
///
/// ```
/// use quytrinh::kernel::Vnd;
/// use quytrinh::vietqr::{MAX_AMOUNT_DIGITS, VietQr};
/// assert_eq!(MAX_AMOUNT_DIGITS, 13);
/// let qr = VietQr::to_account("970436", "0011001234567");
/// assert!(qr.clone().with_amount(Vnd::new(9_999_999_999_999)).payload().is_ok());
/// assert!(qr.with_amount(Vnd::new(10_000_000_000_000)).payload().is_err());
/// ```
pub const MAX_AMOUNT_DIGITS: usize = 13;

/// Where the money goes: to a bank account or to a card (tag 38.02).
///
/// ```
/// use quytrinh::vietqr::Service;
/// assert_eq!(Service::default(), Service::ToAccount);
/// assert_eq!(Service::ToCard.code(), "QRIBFTTC");
/// assert_eq!(serde_json::to_string(&Service::ToAccount).unwrap(), "\"to_account\"");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Service {
    /// To a bank account: service code `QRIBFTTA`.
    #[default]
    ToAccount,
    /// To a card: service code `QRIBFTTC`.
    ToCard,
}

impl Service {
    /// The NAPAS service code.
    ///
    /// ```
    /// use quytrinh::vietqr::Service;
    /// assert_eq!(Service::ToAccount.code(), "QRIBFTTA");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Self::ToAccount => "QRIBFTTA",
            Self::ToCard => "QRIBFTTC",
        }
    }

    /// The service of a NAPAS service code, if it is one.
    ///
    /// ```
    /// use quytrinh::vietqr::Service;
    /// assert_eq!(Service::from_code("QRIBFTTC"), Some(Service::ToCard));
    /// assert_eq!(Service::from_code("QRCASH"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "QRIBFTTA" => Some(Self::ToAccount),
            "QRIBFTTC" => Some(Self::ToCard),
            _ => None,
        }
    }
}

/// A VietQR bank transfer: the beneficiary's bank and account, and optionally the amount and
/// the transfer reference. [`payload`](Self::payload) checks the fields and builds the text
/// to put in the QR code; [`parse`](Self::parse) reads one back. Deserializing does not check
/// the fields; [`validate`](Self::validate) and `payload` do.
///
/// ```
/// use quytrinh::kernel::Vnd;
/// use quytrinh::vietqr::{Service, VietQr};
///
/// let qr: VietQr = serde_json::from_str(
///     r#"{"bank_bin": "970436", "account": "0011001234567", "amount": 150000, "reference": "GH123 GIA HAN"}"#,
/// ).unwrap();
/// assert_eq!(qr.service, Service::ToAccount);
/// assert_eq!(qr.amount, Some(Vnd::new(150_000)));
/// let payload = qr.payload().unwrap();
/// assert!(payload.starts_with("000201010212")); // dynamic: an amount is given
/// assert_eq!(VietQr::parse(&payload).unwrap(), qr);
/// assert!(serde_json::from_str::<VietQr>(r#"{"bank_bin": "970436", "account": "1", "bank": "VCB"}"#).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VietQr {
    /// The beneficiary bank's NAPAS BIN, 6 digits (e.g. `970436`, Vietcombank).
    pub bank_bin: String,
    /// The account or card number: digits only, 1–19.
    pub account: String,
    /// To an account or to a card; default to an account.
    #[serde(default)]
    pub service: Service,
    /// The amount in whole đồng, above 0 and at most 13 digits; none for a static QR where
    /// the payer types the amount.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub amount: Option<Vnd>,
    /// The transfer reference (nội dung chuyển khoản, tag 62.08): 1–25 printable ASCII
    /// characters, no diacritics.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reference: Option<String>,
}

impl VietQr {
    /// A transfer to a bank account, without amount or reference.
    ///
    /// ```
    /// use quytrinh::vietqr::{Service, VietQr};
    /// let qr = VietQr::to_account("970436", "0011001234567");
    /// assert_eq!((qr.service, qr.amount, qr.reference), (Service::ToAccount, None, None));
    /// ```
    pub fn to_account(bank_bin: &str, account: &str) -> Self {
        Self {
            bank_bin: bank_bin.to_owned(),
            account: account.to_owned(),
            service: Service::ToAccount,
            amount: None,
            reference: None,
        }
    }

    /// A transfer to a card, without amount or reference.
    ///
    /// ```
    /// use quytrinh::vietqr::{Service, VietQr};
    /// let qr = VietQr::to_card("970436", "9704366800000000");
    /// assert_eq!(qr.service, Service::ToCard);
    /// assert!(qr.payload().unwrap().contains("0208QRIBFTTC"));
    /// ```
    pub fn to_card(bank_bin: &str, card: &str) -> Self {
        Self {
            service: Service::ToCard,
            ..Self::to_account(bank_bin, card)
        }
    }

    /// The same transfer with this amount.
    ///
    /// ```
    /// use quytrinh::kernel::Vnd;
    /// use quytrinh::vietqr::VietQr;
    /// let qr = VietQr::to_account("970436", "0011001234567").with_amount(Vnd::new(150_000));
    /// assert_eq!(qr.amount, Some(Vnd::new(150_000)));
    /// ```
    #[must_use]
    pub fn with_amount(self, amount: Vnd) -> Self {
        Self {
            amount: Some(amount),
            ..self
        }
    }

    /// The same transfer with this reference.
    ///
    /// ```
    /// use quytrinh::vietqr::VietQr;
    /// let qr = VietQr::to_account("970436", "0011001234567").with_reference("GH123 GIA HAN");
    /// assert_eq!(qr.reference.as_deref(), Some("GH123 GIA HAN"));
    /// ```
    #[must_use]
    pub fn with_reference(self, reference: &str) -> Self {
        Self {
            reference: Some(reference.to_owned()),
            ..self
        }
    }

    /// Checks every field against its rule; the first one broken is the error.
    ///
    /// ```
    /// use quytrinh::kernel::Vnd;
    /// use quytrinh::vietqr::{VietQr, VietQrError};
    /// assert!(VietQr::to_account("970436", "0011001234567").validate().is_ok());
    /// assert_eq!(
    ///     VietQr::to_account("97043", "0011001234567").validate(),
    ///     Err(VietQrError::InvalidBankBin { found: "97043".into() })
    /// );
    /// assert_eq!(
    ///     VietQr::to_account("970436", "1").with_amount(Vnd::new(-5)).validate(),
    ///     Err(VietQrError::AmountNotPositive { dong: -5 })
    /// );
    /// assert_eq!(
    ///     VietQr::to_account("970436", "1").with_reference("GIA HẠN").validate(),
    ///     Err(VietQrError::ReferenceNotAscii { found: 'Ạ' })
    /// );
    /// ```
    pub fn validate(&self) -> Result<(), VietQrError> {
        if self.bank_bin.len() != 6 || !all_digits(&self.bank_bin) {
            return Err(VietQrError::InvalidBankBin {
                found: self.bank_bin.clone(),
            });
        }
        if self.account.is_empty() {
            return Err(VietQrError::AccountEmpty);
        }
        if !all_digits(&self.account) {
            return Err(VietQrError::AccountNotDigits {
                found: self.account.clone(),
            });
        }
        if self.account.len() > MAX_ACCOUNT_DIGITS {
            return Err(VietQrError::AccountTooLong {
                chars: self.account.len(),
            });
        }
        if let Some(amount) = self.amount {
            let dong = amount.dong();
            if dong <= 0 {
                return Err(VietQrError::AmountNotPositive { dong });
            }
            let digits = dong.to_string().len();
            if digits > MAX_AMOUNT_DIGITS {
                return Err(VietQrError::AmountTooLong { digits });
            }
        }
        if let Some(reference) = &self.reference {
            check_reference(reference)?;
        }
        Ok(())
    }

    /// The payload to encode in the QR code, after [`validate`](Self::validate): tags 00,
    /// 01, 38, 53, 54 (with an amount), 58, 62 (with a reference) and 63, in that order.
    ///
    /// ```
    /// use quytrinh::vietqr::VietQr;
    /// // Static (no amount), to an account: sunary/vietqr's test vector for Techcombank.
    /// let qr = VietQr::to_account("970407", "9796868").with_reference("gen by sunary/vietqr");
    /// assert_eq!(
    ///     qr.payload().unwrap(),
    ///     "00020101021138510010A00000072701210006970407010797968680208QRIBFTTA\
    ///      53037045802VN62240820gen by sunary/vietqr6304BE74"
    /// );
    /// assert_eq!(VietQr::to_account("970407", "").payload().unwrap_err().rule(), "vietqr_account");
    /// ```
    pub fn payload(&self) -> Result<String, VietQrError> {
        self.validate()?;
        let mut beneficiary = String::with_capacity(8 + 4 + self.account.len());
        push_object(&mut beneficiary, "00", &self.bank_bin);
        push_object(&mut beneficiary, "01", &self.account);
        let mut account_info = String::with_capacity(64);
        push_object(&mut account_info, "00", GUID);
        push_object(&mut account_info, "01", &beneficiary);
        push_object(&mut account_info, "02", self.service.code());

        let mut out = String::with_capacity(160);
        push_object(&mut out, "00", "01");
        push_object(
            &mut out,
            "01",
            if self.amount.is_some() { "12" } else { "11" },
        );
        push_object(&mut out, "38", &account_info);
        push_object(&mut out, "53", CURRENCY_VND);
        if let Some(amount) = self.amount {
            push_object(&mut out, "54", &amount.dong().to_string());
        }
        push_object(&mut out, "58", COUNTRY_VN);
        if let Some(reference) = &self.reference {
            let mut additional = String::with_capacity(4 + reference.len());
            push_object(&mut additional, "08", reference);
            push_object(&mut out, "62", &additional);
        }
        out.push_str("6304");
        let crc = crc16_ccitt_false(out.as_bytes());
        let _ = write!(out, "{crc:04X}");
        Ok(out)
    }

    /// Reads a VietQR payload: well-formed data objects (no duplicates), a matching CRC,
    /// NAPAS's GUID, currency 704, country VN, and fields that pass
    /// [`validate`](Self::validate). See the [module](self) for what is accepted and ignored.
    ///
    /// ```
    /// use quytrinh::kernel::Vnd;
    /// use quytrinh::vietqr::{VietQr, VietQrError};
    /// // subiz/vietqr's README example (VietinBank, 120 000 đồng).
    /// let qr = VietQr::parse(
    ///     "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA\
    ///      530370454061200005802VN62170813ung ho lu lut6304C15C",
    /// ).unwrap();
    /// assert_eq!(qr.bank_bin, "970415");
    /// assert_eq!(qr.account, "0011001932418");
    /// assert_eq!(qr.amount, Some(Vnd::new(120_000)));
    /// assert_eq!(qr.reference.as_deref(), Some("ung ho lu lut"));
    /// // One character changed: the CRC no longer matches.
    /// assert_eq!(
    ///     VietQr::parse(
    ///         "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA\
    ///          530370454062200005802VN62170813ung ho lu lut6304C15C",
    ///     ).unwrap_err().rule(),
    ///     "vietqr_crc"
    /// );
    /// ```
    pub fn parse(payload: &str) -> Result<VietQr, VietQrError> {
        if let Some(at) = payload.chars().position(|c| !c.is_ascii()) {
            return Err(VietQrError::PayloadNotAscii { at });
        }
        let root = objects(payload, None)?;
        check_crc(payload, &root)?;
        for object in &root {
            if matches!(object.tag, "55" | "56" | "57") || ("65".."80").contains(&object.tag) {
                return Err(VietQrError::UnsupportedTag {
                    tag: object.tag.to_owned(),
                });
            }
        }

        let format = required(&root, "00", None)?;
        if format != "01" {
            return Err(VietQrError::WrongPayloadFormat {
                found: format.to_owned(),
            });
        }
        if let Some(method) = optional(&root, "01")
            && method != "11"
            && method != "12"
        {
            return Err(VietQrError::WrongInitiationMethod {
                found: method.to_owned(),
            });
        }

        let account_info = objects(required(&root, "38", None)?, Some("38"))?;
        let guid = required(&account_info, "00", Some("38"))?;
        if guid != GUID {
            return Err(VietQrError::WrongGuid {
                found: guid.to_owned(),
            });
        }
        let beneficiary = objects(required(&account_info, "01", Some("38"))?, Some("38.01"))?;
        let bank_bin = required(&beneficiary, "00", Some("38.01"))?;
        let account = required(&beneficiary, "01", Some("38.01"))?;
        let code = required(&account_info, "02", Some("38"))?;
        let service = Service::from_code(code).ok_or_else(|| VietQrError::UnknownService {
            found: code.to_owned(),
        })?;

        let currency = required(&root, "53", None)?;
        if currency != CURRENCY_VND {
            return Err(VietQrError::WrongCurrency {
                found: currency.to_owned(),
            });
        }
        let amount = optional(&root, "54").map(parse_amount).transpose()?;
        let country = required(&root, "58", None)?;
        if country != COUNTRY_VN {
            return Err(VietQrError::WrongCountry {
                found: country.to_owned(),
            });
        }
        let reference = match optional(&root, "62") {
            Some(additional) => {
                optional(&objects(additional, Some("62"))?, "08").map(str::to_owned)
            }
            None => None,
        };

        let qr = VietQr {
            bank_bin: bank_bin.to_owned(),
            account: account.to_owned(),
            service,
            amount,
            reference,
        };
        qr.validate()?;
        Ok(qr)
    }
}

/// One data object of a template: its id, its value, and where its id starts.
struct Object<'a> {
    tag: &'a str,
    value: &'a str,
    start: usize,
}

/// The data objects of `input` (ASCII), in order; `within` is the template's tag (none for
/// the root), for errors.
fn objects<'a>(input: &'a str, within: Option<&str>) -> Result<Vec<Object<'a>>, VietQrError> {
    let mut found: Vec<Object<'a>> = Vec::new();
    let mut at = 0;
    while at < input.len() {
        let truncated = || VietQrError::Truncated {
            within: within.unwrap_or("root").to_owned(),
        };
        let Some(tag) = input.get(at..at + 2) else {
            return Err(truncated());
        };
        if !all_digits(tag) {
            return Err(VietQrError::BadTag {
                within: within.unwrap_or("root").to_owned(),
                found: tag.to_owned(),
            });
        }
        let Some(length) = input.get(at + 2..at + 4) else {
            return Err(truncated());
        };
        let length = match length.parse::<usize>() {
            Ok(n) if all_digits(length) && n > 0 => n,
            _ => {
                return Err(VietQrError::BadLength {
                    tag: path(within, tag),
                    found: length.to_owned(),
                });
            }
        };
        let Some(value) = input.get(at + 4..at + 4 + length) else {
            return Err(truncated());
        };
        if found.iter().any(|object| object.tag == tag) {
            return Err(VietQrError::DuplicateTag {
                tag: path(within, tag),
            });
        }
        found.push(Object {
            tag,
            value,
            start: at,
        });
        at += 4 + length;
    }
    Ok(found)
}

/// Tag 63 is present, last, 4 hex digits, and equal to the CRC of what precedes its value.
fn check_crc(payload: &str, root: &[Object<'_>]) -> Result<(), VietQrError> {
    let Some(index) = root.iter().position(|object| object.tag == "63") else {
        return Err(VietQrError::MissingTag { tag: "63".into() });
    };
    if index + 1 != root.len() {
        return Err(VietQrError::CrcNotLast);
    }
    let crc = &root[index];
    let found = match u16::from_str_radix(crc.value, 16) {
        Ok(found) if crc.value.len() == 4 && crc.value.bytes().all(|b| b.is_ascii_hexdigit()) => {
            found
        }
        _ => {
            return Err(VietQrError::BadCrcFormat {
                found: crc.value.to_owned(),
            });
        }
    };
    let expected = crc16_ccitt_false(&payload.as_bytes()[..crc.start + 4]);
    if expected == found {
        Ok(())
    } else {
        Err(VietQrError::BadCrc { expected, found })
    }
}

fn optional<'a>(objects: &[Object<'a>], tag: &str) -> Option<&'a str> {
    objects
        .iter()
        .find(|object| object.tag == tag)
        .map(|object| object.value)
}

fn required<'a>(
    objects: &[Object<'a>],
    tag: &str,
    within: Option<&str>,
) -> Result<&'a str, VietQrError> {
    optional(objects, tag).ok_or_else(|| VietQrError::MissingTag {
        tag: path(within, tag),
    })
}

fn parse_amount(value: &str) -> Result<Vnd, VietQrError> {
    if !all_digits(value) {
        return Err(VietQrError::AmountNotDigits {
            found: value.to_owned(),
        });
    }
    if value.len() > MAX_AMOUNT_DIGITS {
        return Err(VietQrError::AmountTooLong {
            digits: value.len(),
        });
    }
    // At most 13 digits: always fits.
    value
        .parse::<i64>()
        .map(Vnd::new)
        .map_err(|_| VietQrError::AmountNotDigits {
            found: value.to_owned(),
        })
}

fn check_reference(reference: &str) -> Result<(), VietQrError> {
    if reference.is_empty() {
        return Err(VietQrError::ReferenceEmpty);
    }
    if let Some(found) = reference.chars().find(|c| !c.is_ascii()) {
        return Err(VietQrError::ReferenceNotAscii { found });
    }
    if let Some(code) = reference.bytes().find(u8::is_ascii_control) {
        return Err(VietQrError::ReferenceNotPrintable { code });
    }
    if reference.len() > MAX_REFERENCE_CHARS {
        return Err(VietQrError::ReferenceTooLong {
            chars: reference.len(),
        });
    }
    Ok(())
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

fn path(within: Option<&str>, tag: &str) -> String {
    match within {
        Some(template) => format!("{template}.{tag}"),
        None => tag.to_owned(),
    }
}

/// Appends one data object; the value is ASCII of 1–99 characters (the fields' rules ensure it).
fn push_object(out: &mut String, tag: &str, value: &str) {
    debug_assert!((1..=99).contains(&value.len()), "{tag}: {value}");
    let _ = write!(out, "{tag}{:02}{value}", value.len());
}
