//! Shared rules on the identifiers Vietnamese customers give: tax codes (mã số thuế),
//! e-mail addresses and phone numbers. Each refuses with `validation_failed` on the field it
//! is given, with the rule in both messages.
//!
//! **Tax codes** (Thông tư 105/2020/TT-BTC, Điều 5, "Cấu trúc mã số thuế"; Thông tư
//! 86/2024/TT-BTC, Điều 5 and 38):
//! - `N1N2N3N4N5N6N7N8N9N10`: 10 digits for an organisation with legal personality, a
//!   household or an individual registered before 1 July 2025. N1N2 are the range, N3–N9 a
//!   sequence from 0000001 to 9999999, N10 the check digit: with the weights
//!   31, 29, 23, 19, 17, 13, 7, 5, 3 on N1–N9 and `r` the weighted sum modulo 11,
//!   N10 = 10 − r. A prefix with r = 0 has no check digit (10 is not a digit), so no valid
//!   code starts with it **\[decision\]**, as python-stdnum's `vn.mst` also holds.
//! - `N1…N10-N11N12N13`: a dependent unit (chi nhánh, văn phòng đại diện, đơn vị phụ thuộc):
//!   the 10-digit code of its parent, a hyphen, and a sequence from 001 to 999.
//! - 12 digits: from 1 July 2025 an individual's personal identification number (số định
//!   danh cá nhân, the number of the citizen identity card) is their tax code. It has no check
//!   digit; its first three digits are the province of birth registration (001–096), which is
//!   all this checks.
//!
//! **E-mail addresses**: the practical subset of RFC 5321/5322 that invoicing systems accept:
//! ASCII only, at most 254 characters, one `@`; a local part of 1–64 characters (letters,
//! digits and ``!#$%&'*+/=?^_`{|}~.-``, no leading, trailing or doubled dot); a domain of at
//! least two labels of 1–63 letters, digits and hyphens (no leading or trailing hyphen), the
//! last one letters only (or an IDN `xn--` label) **\[decision\]**.
//!
//! **Phone numbers** (the national numbering plan since the 2018 change of mobile prefixes):
//! a mobile number is `0` and 9 digits starting with 3, 5, 7, 8 or 9; a fixed line is `02` and
//! 9 digits (area code and subscriber). `+84` or `84` may replace the leading `0`; spaces,
//! dots and hyphens between digits are ignored. The number is returned in its national form.

use super::Rejection;

/// The weights of the tax-code check digit, on N1–N9.
///
/// ```
/// assert_eq!(quytrinh::kernel::TAX_CODE_WEIGHTS, [31, 29, 23, 19, 17, 13, 7, 5, 3]);
/// ```
pub const TAX_CODE_WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// What a valid tax code identifies.
///
/// ```
/// use quytrinh::kernel::{TaxCodeKind, tax_code};
/// assert_eq!(tax_code("tax_code", "0101243150").unwrap(), TaxCodeKind::Organization);
/// assert_eq!(tax_code("tax_code", "0314409058-002").unwrap(), TaxCodeKind::DependentUnit);
/// assert_eq!(tax_code("tax_code", "001090012345").unwrap(), TaxCodeKind::PersonalId);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaxCodeKind {
    /// 10 digits: an organisation, a household, or an individual registered before July 2025.
    Organization,
    /// 10 digits, `-` and 3: a dependent unit of the organisation of the first 10.
    DependentUnit,
    /// 12 digits: an individual's personal identification number (from 1 July 2025).
    PersonalId,
}

/// The check digit N10 of the first nine digits of a tax code, or `None` when they are not
/// nine digits or their weighted sum leaves no check digit (remainder 0).
///
/// ```
/// use quytrinh::kernel::tax_code_check_digit;
/// assert_eq!(tax_code_check_digit("010124315"), Some(0)); // 0101243150, Công ty Cổ phần MISA
/// assert_eq!(tax_code_check_digit("030058856"), Some(9)); // 0300588569, Vinamilk
/// assert_eq!(tax_code_check_digit("01012431"), None);
/// ```
pub fn tax_code_check_digit(first_nine: &str) -> Option<u32> {
    if first_nine.len() != 9 || !first_nine.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first_nine
        .bytes()
        .zip(TAX_CODE_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    match sum % 11 {
        0 => None,
        r => Some(10 - r),
    }
}

/// A tax code (mã số thuế) in its written form: 10 digits with a valid check digit, the same
/// followed by `-` and a dependent unit's 001–999, or a 12-digit personal identification
/// number (see the rules in `core/src/kernel/validators.rs`). Else `validation_failed` on `field`.
///
/// ```
/// use quytrinh::kernel::tax_code;
/// assert!(tax_code("tax_code", "0100109106").is_ok()); // Viettel
/// let r = tax_code("tax_code", "0100109107").unwrap_err();
/// assert_eq!((r.code.as_str(), r.rule.as_ref()), ("validation_failed", "tax_code"));
/// assert!(tax_code("tax_code", "0314409058-000").is_err()); // no unit 000
/// assert!(tax_code("tax_code", "0314409058002").is_err()); // the hyphen is part of the code
/// ```
pub fn tax_code(field: &'static str, value: &str) -> Result<TaxCodeKind, Rejection> {
    let bad = |why_vi: &str, why_en: &str| {
        Rejection::invalid_field(
            field,
            format!("Mã số thuế `{value}` không hợp lệ: {why_vi}."),
            format!("The tax code `{value}` is not valid: {why_en}."),
        )
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (main, unit) = match value.split_once('-') {
        Some((main, unit)) => (main, Some(unit)),
        None => (value, None),
    };
    if unit.is_none() && main.len() == 12 && digits(main) {
        let province: u32 = main[..3].parse().unwrap_or(0);
        return if (1..=96).contains(&province) {
            Ok(TaxCodeKind::PersonalId)
        } else {
            Err(bad(
                "ba chữ số đầu của số định danh cá nhân phải là mã tỉnh 001–096",
                "a personal identification number starts with a province code 001–096",
            ))
        };
    }
    if main.len() != 10 || !digits(main) {
        return Err(bad(
            "cần 10 chữ số, 10 chữ số - 3 chữ số (đơn vị phụ thuộc) hoặc 12 chữ số (số định danh cá nhân)",
            "expected 10 digits, 10 digits - 3 digits (a dependent unit) or 12 digits (a personal identification number)",
        ));
    }
    if &main[2..9] == "0000000" {
        return Err(bad(
            "chữ số thứ 3 đến thứ 9 không được đều là 0",
            "digits 3 to 9 may not all be 0",
        ));
    }
    let expected = tax_code_check_digit(&main[..9]);
    if expected != Some(u32::from(main.as_bytes()[9] - b'0')) {
        return Err(bad("sai chữ số kiểm tra", "wrong check digit"));
    }
    match unit {
        None => Ok(TaxCodeKind::Organization),
        Some(unit) if unit.len() == 3 && digits(unit) && unit != "000" => {
            Ok(TaxCodeKind::DependentUnit)
        }
        Some(_) => Err(bad(
            "mã đơn vị phụ thuộc sau dấu gạch ngang phải là 001–999",
            "a dependent unit's number after the hyphen must be 001–999",
        )),
    }
}

/// The characters a local part may hold besides letters and digits.
const LOCAL_SPECIALS: &[u8] = b"!#$%&'*+/=?^_`{|}~.-";

/// An e-mail address (the subset accepted is described in `core/src/kernel/validators.rs`); else
/// `validation_failed` on `field`.
///
/// ```
/// use quytrinh::kernel::email;
/// assert!(email("email", "ke.toan+hoadon@congty-abc.com.vn").is_ok());
/// assert!(email("email", "ketoan@congty").is_err()); // one label
/// assert!(email("email", "kế.toán@congty.vn").is_err()); // not ASCII
/// assert_eq!(email("email", "a..b@x.vn").unwrap_err().rule, "email");
/// ```
pub fn email(field: &'static str, value: &str) -> Result<(), Rejection> {
    if valid_email(value) {
        Ok(())
    } else {
        Err(Rejection::invalid_field(
            field,
            format!("Địa chỉ email `{value}` không hợp lệ."),
            format!("`{value}` is not a valid e-mail address."),
        ))
    }
}

fn valid_email(value: &str) -> bool {
    if !value.is_ascii() || value.len() > 254 {
        return false;
    }
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let local_ok = (1..=64).contains(&local.len())
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(&b))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld_ok = labels.last().is_some_and(|tld| {
        (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())) || tld.starts_with("xn--")
    });
    local_ok && labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok
}

/// A Vietnamese phone number (see the rules in `core/src/kernel/validators.rs`), in its national form
/// (`0` and 9 or 10 digits); else `validation_failed` on `field`.
///
/// ```
/// use quytrinh::kernel::phone;
/// assert_eq!(phone("phone", "+84 912 345 678").unwrap(), "0912345678");
/// assert_eq!(phone("phone", "024.3856.1234").unwrap(), "02438561234");
/// assert!(phone("phone", "0123456789").is_err()); // 01x: the old mobile prefixes, gone since 2018
/// assert!(phone("phone", "091234567").is_err()); // a digit short
/// ```
pub fn phone(field: &'static str, value: &str) -> Result<String, Rejection> {
    normalize_phone(value).ok_or_else(|| {
        Rejection::invalid_field(
            field,
            format!(
                "Số điện thoại `{value}` không hợp lệ: cần số di động 0[3|5|7|8|9] + 8 chữ số hoặc số cố định 02 + 9 chữ số."
            ),
            format!(
                "`{value}` is not a Vietnamese phone number: a mobile is 0[3|5|7|8|9] + 8 digits, a fixed line 02 + 9 digits."
            ),
        )
    })
}

fn normalize_phone(value: &str) -> Option<String> {
    let trimmed = value.trim();
    let (international, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::with_capacity(rest.len());
    let mut last_was_separator = true;
    for c in rest.chars() {
        match c {
            '0'..='9' => {
                digits.push(c);
                last_was_separator = false;
            }
            // One separator at a time, between digits.
            ' ' | '.' | '-' if !last_was_separator => last_was_separator = true,
            _ => return None,
        }
    }
    if last_was_separator {
        return None;
    }
    let national = if international {
        format!("0{}", digits.strip_prefix("84")?)
    } else if let Some(rest) = digits.strip_prefix("84").filter(|r| !r.starts_with('0')) {
        if digits.len() == 11 || digits.len() == 12 {
            format!("0{rest}")
        } else {
            digits
        }
    } else {
        digits
    };
    let bytes = national.as_bytes();
    let mobile = bytes.len() == 10 && bytes[0] == b'0' && b"35789".contains(&bytes[1]);
    let fixed = bytes.len() == 11 && bytes[0] == b'0' && bytes[1] == b'2';
    (mobile || fixed).then_some(national)
}
