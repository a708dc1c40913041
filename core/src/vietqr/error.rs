//! Why a VietQR could not be built or a payload could not be read.

use crate::kernel::{Rejection, RejectionCode};
use thiserror::Error;

use super::{GUID, MAX_ACCOUNT_DIGITS, MAX_AMOUNT_DIGITS, MAX_REFERENCE_CHARS};

/// One malformation of a VietQR: a field that breaks a rule when building, or a payload
/// that is not a well-formed NAPAS VietQR when parsing. [`rule`](Self::rule) names the rule
/// (snake_case, stable); `Display` is the English message, [`message_vi`](Self::message_vi)
/// the Vietnamese one; a [`Rejection`] (code `validation_failed`) carries all three.
///
/// ```
/// use quytrinh::kernel::{Rejection, RejectionCode};
/// use quytrinh::vietqr::{VietQr, VietQrError};
/// let qr = VietQr::to_account("970436", "0011OO1234567");
/// let err = qr.payload().unwrap_err();
/// assert_eq!(err, VietQrError::AccountNotDigits { found: "0011OO1234567".into() });
/// assert_eq!(err.rule(), "vietqr_account");
/// let rejection = Rejection::from(err);
/// assert_eq!(rejection.code, RejectionCode::ValidationFailed);
/// assert_eq!(rejection.rule, "vietqr_account");
/// ```
#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum VietQrError {
    /// The bank BIN is not exactly 6 digits.
    #[error("the bank BIN must be exactly 6 digits (found `{found}`)")]
    InvalidBankBin {
        /// The BIN as given.
        found: String,
    },
    /// The account or card number is empty.
    #[error("the account or card number is empty")]
    AccountEmpty,
    /// The account or card number has more than 19 digits.
    #[error("the account or card number has {chars} characters; at most {MAX_ACCOUNT_DIGITS}")]
    AccountTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// The account or card number has something other than the digits 0–9.
    #[error("the account or card number may contain only the digits 0–9 (found `{found}`)")]
    AccountNotDigits {
        /// The number as given.
        found: String,
    },
    /// The amount is zero or negative.
    #[error("the amount must be above 0 đồng (found {dong})")]
    AmountNotPositive {
        /// The amount in đồng.
        dong: i64,
    },
    /// The amount has more than 13 digits.
    #[error("the amount has {digits} digits; at most {MAX_AMOUNT_DIGITS}")]
    AmountTooLong {
        /// Its number of digits.
        digits: usize,
    },
    /// The amount in a payload (tag 54) is not whole đồng written with the digits 0–9.
    #[error("the amount (tag 54) must be whole đồng in the digits 0–9 (found `{found}`)")]
    AmountNotDigits {
        /// The value of tag 54.
        found: String,
    },
    /// The transfer reference is given but empty.
    #[error("the transfer reference is empty; leave it out instead")]
    ReferenceEmpty,
    /// The transfer reference has more than 25 characters.
    #[error("the transfer reference has {chars} characters; at most {MAX_REFERENCE_CHARS}")]
    ReferenceTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// The transfer reference has a character outside ASCII, e.g. a Vietnamese diacritic.
    #[error(
        "the transfer reference must be ASCII, without diacritics (found `{found}`): write `GIA HAN`, not `GIA HẠN`"
    )]
    ReferenceNotAscii {
        /// The first offending character.
        found: char,
    },
    /// The transfer reference has an ASCII control character (tab, newline, …).
    #[error("the transfer reference has a control character (code {code})")]
    ReferenceNotPrintable {
        /// Its ASCII code.
        code: u8,
    },
    /// The payload has a character outside ASCII.
    #[error("the payload has a non-ASCII character at position {at}")]
    PayloadNotAscii {
        /// Its 0-based position, in characters.
        at: usize,
    },
    /// A data object is cut short: fewer characters than its id, length or value need.
    #[error("the payload is truncated in {within}")]
    Truncated {
        /// Where: `root`, or the template's tag (e.g. `38`, `38.01`, `62`).
        within: String,
    },
    /// A data object's id is not two digits.
    #[error("a data object id in {within} is not two digits (found `{found}`)")]
    BadTag {
        /// Where: `root` or the template's tag.
        within: String,
        /// The two characters found.
        found: String,
    },
    /// A data object's length is not two digits from `01` to `99`.
    #[error("the length of tag {tag} is not two digits from 01 to 99 (found `{found}`)")]
    BadLength {
        /// The tag, with its templates (e.g. `38.01.00`).
        tag: String,
        /// The two characters found.
        found: String,
    },
    /// The same tag appears twice in one template.
    #[error("tag {tag} appears more than once")]
    DuplicateTag {
        /// The tag, with its templates.
        tag: String,
    },
    /// A mandatory tag is missing.
    #[error("the mandatory tag {tag} is missing")]
    MissingTag {
        /// The tag, with its templates.
        tag: String,
    },
    /// A tag this module cannot honour: tip or convenience fee (55–57), which change the
    /// amount to pay, or ids EMVCo reserves for future use (65–79).
    #[error("tag {tag} is not supported in a VietQR transfer")]
    UnsupportedTag {
        /// The tag.
        tag: String,
    },
    /// The CRC (tag 63) is not the last data object.
    #[error("the CRC (tag 63) must be the last data object")]
    CrcNotLast,
    /// The CRC's value is not 4 hexadecimal digits.
    #[error("the CRC (tag 63) must be 4 hexadecimal digits (found `{found}`)")]
    BadCrcFormat {
        /// The value of tag 63.
        found: String,
    },
    /// The CRC does not match the payload.
    #[error("the CRC does not match: computed {expected:04X}, the payload says {found:04X}")]
    BadCrc {
        /// The CRC computed over the payload.
        expected: u16,
        /// The CRC the payload carries.
        found: u16,
    },
    /// The payload format indicator (tag 00) is not `01`.
    #[error("the payload format indicator (tag 00) must be `01` (found `{found}`)")]
    WrongPayloadFormat {
        /// The value of tag 00.
        found: String,
    },
    /// The point of initiation method (tag 01) is neither `11` (static) nor `12` (dynamic).
    #[error("the point of initiation (tag 01) must be `11` or `12` (found `{found}`)")]
    WrongInitiationMethod {
        /// The value of tag 01.
        found: String,
    },
    /// The merchant account information (tag 38) is not NAPAS's (GUID `A000000727`).
    #[error("tag 38 must carry NAPAS's GUID {GUID} (found `{found}`)")]
    WrongGuid {
        /// The value of tag 38.00.
        found: String,
    },
    /// The service code (tag 38.02) is neither `QRIBFTTA` nor `QRIBFTTC`.
    #[error("the service code (tag 38.02) must be QRIBFTTA or QRIBFTTC (found `{found}`)")]
    UnknownService {
        /// The value of tag 38.02.
        found: String,
    },
    /// The currency (tag 53) is not `704` (Vietnamese đồng).
    #[error("the currency (tag 53) must be 704, Vietnamese đồng (found `{found}`)")]
    WrongCurrency {
        /// The value of tag 53.
        found: String,
    },
    /// The country (tag 58) is not `VN`.
    #[error("the country (tag 58) must be VN (found `{found}`)")]
    WrongCountry {
        /// The value of tag 58.
        found: String,
    },
}

impl VietQrError {
    /// The rule at fault, in snake_case: `vietqr_bank_bin`, `vietqr_account`,
    /// `vietqr_amount`, `vietqr_reference` for the fields; `vietqr_charset`,
    /// `vietqr_truncated`, `vietqr_tag`, `vietqr_length`, `vietqr_duplicate_tag`,
    /// `vietqr_missing_tag`, `vietqr_unsupported_tag`, `vietqr_crc_position`,
    /// `vietqr_crc_format`, `vietqr_crc`, `vietqr_payload_format`,
    /// `vietqr_initiation_method`, `vietqr_guid`, `vietqr_service`, `vietqr_currency`,
    /// `vietqr_country` for payloads.
    ///
    /// ```
    /// use quytrinh::vietqr::VietQrError;
    /// assert_eq!(VietQrError::ReferenceTooLong { chars: 26 }.rule(), "vietqr_reference");
    /// assert_eq!(VietQrError::BadCrc { expected: 0x3ACF, found: 0x3ACE }.rule(), "vietqr_crc");
    /// ```
    pub fn rule(&self) -> &'static str {
        match self {
            Self::InvalidBankBin { .. } => "vietqr_bank_bin",
            Self::AccountEmpty | Self::AccountTooLong { .. } | Self::AccountNotDigits { .. } => {
                "vietqr_account"
            }
            Self::AmountNotPositive { .. }
            | Self::AmountTooLong { .. }
            | Self::AmountNotDigits { .. } => "vietqr_amount",
            Self::ReferenceEmpty
            | Self::ReferenceTooLong { .. }
            | Self::ReferenceNotAscii { .. }
            | Self::ReferenceNotPrintable { .. } => "vietqr_reference",
            Self::PayloadNotAscii { .. } => "vietqr_charset",
            Self::Truncated { .. } => "vietqr_truncated",
            Self::BadTag { .. } => "vietqr_tag",
            Self::BadLength { .. } => "vietqr_length",
            Self::DuplicateTag { .. } => "vietqr_duplicate_tag",
            Self::MissingTag { .. } => "vietqr_missing_tag",
            Self::UnsupportedTag { .. } => "vietqr_unsupported_tag",
            Self::CrcNotLast => "vietqr_crc_position",
            Self::BadCrcFormat { .. } => "vietqr_crc_format",
            Self::BadCrc { .. } => "vietqr_crc",
            Self::WrongPayloadFormat { .. } => "vietqr_payload_format",
            Self::WrongInitiationMethod { .. } => "vietqr_initiation_method",
            Self::WrongGuid { .. } => "vietqr_guid",
            Self::UnknownService { .. } => "vietqr_service",
            Self::WrongCurrency { .. } => "vietqr_currency",
            Self::WrongCountry { .. } => "vietqr_country",
        }
    }

    /// The message in Vietnamese (the English one is `Display`).
    ///
    /// ```
    /// use quytrinh::vietqr::VietQrError;
    /// let err = VietQrError::ReferenceNotAscii { found: 'Ạ' };
    /// assert_eq!(err.message_vi(), "Nội dung chuyển khoản phải viết không dấu (ASCII), có ký tự `Ạ`: viết `GIA HAN`, không viết `GIA HẠN`.");
    /// ```
    pub fn message_vi(&self) -> String {
        match self {
            Self::InvalidBankBin { found } => {
                format!("Mã BIN ngân hàng phải gồm đúng 6 chữ số (nhận được `{found}`).")
            }
            Self::AccountEmpty => "Số tài khoản hoặc số thẻ đang để trống.".to_owned(),
            Self::AccountTooLong { chars } => {
                format!("Số tài khoản hoặc số thẻ có {chars} ký tự, tối đa {MAX_ACCOUNT_DIGITS}.")
            }
            Self::AccountNotDigits { found } => format!(
                "Số tài khoản hoặc số thẻ chỉ được gồm các chữ số 0–9 (nhận được `{found}`)."
            ),
            Self::AmountNotPositive { dong } => {
                format!("Số tiền phải lớn hơn 0 đồng (nhận được {dong}).")
            }
            Self::AmountTooLong { digits } => {
                format!("Số tiền có {digits} chữ số, tối đa {MAX_AMOUNT_DIGITS}.")
            }
            Self::AmountNotDigits { found } => format!(
                "Số tiền (tag 54) phải là số đồng nguyên, chỉ gồm chữ số 0–9 (nhận được `{found}`)."
            ),
            Self::ReferenceEmpty => {
                "Nội dung chuyển khoản đang để trống; hãy bỏ hẳn trường này.".to_owned()
            }
            Self::ReferenceTooLong { chars } => {
                format!("Nội dung chuyển khoản có {chars} ký tự, tối đa {MAX_REFERENCE_CHARS}.")
            }
            Self::ReferenceNotAscii { found } => format!(
                "Nội dung chuyển khoản phải viết không dấu (ASCII), có ký tự `{found}`: viết `GIA HAN`, không viết `GIA HẠN`."
            ),
            Self::ReferenceNotPrintable { code } => {
                format!("Nội dung chuyển khoản có ký tự điều khiển (mã {code}).")
            }
            Self::PayloadNotAscii { at } => {
                format!("Chuỗi mã QR có ký tự ngoài ASCII ở vị trí {at}.")
            }
            Self::Truncated { within } => format!("Chuỗi mã QR bị cắt cụt trong {within}."),
            Self::BadTag { within, found } => {
                format!("Một mã trường trong {within} không phải hai chữ số (nhận được `{found}`).")
            }
            Self::BadLength { tag, found } => format!(
                "Độ dài của tag {tag} phải là hai chữ số từ 01 đến 99 (nhận được `{found}`)."
            ),
            Self::DuplicateTag { tag } => format!("Tag {tag} xuất hiện nhiều hơn một lần."),
            Self::MissingTag { tag } => format!("Thiếu tag bắt buộc {tag}."),
            Self::UnsupportedTag { tag } => {
                format!("Tag {tag} không được hỗ trợ trong mã VietQR chuyển khoản.")
            }
            Self::CrcNotLast => "Mã kiểm tra CRC (tag 63) phải nằm cuối chuỗi.".to_owned(),
            Self::BadCrcFormat { found } => format!(
                "Mã kiểm tra CRC (tag 63) phải gồm 4 chữ số thập lục phân (nhận được `{found}`)."
            ),
            Self::BadCrc { expected, found } => format!(
                "Mã kiểm tra CRC không khớp: tính được {expected:04X}, chuỗi ghi {found:04X}."
            ),
            Self::WrongPayloadFormat { found } => {
                format!("Chỉ báo định dạng (tag 00) phải là `01` (nhận được `{found}`).")
            }
            Self::WrongInitiationMethod { found } => format!(
                "Phương thức khởi tạo (tag 01) phải là `11` hoặc `12` (nhận được `{found}`)."
            ),
            Self::WrongGuid { found } => {
                format!("Tag 38 phải mang định danh GUID của NAPAS {GUID} (nhận được `{found}`).")
            }
            Self::UnknownService { found } => format!(
                "Mã dịch vụ (tag 38.02) phải là QRIBFTTA hoặc QRIBFTTC (nhận được `{found}`)."
            ),
            Self::WrongCurrency { found } => {
                format!("Loại tiền (tag 53) phải là 704, đồng Việt Nam (nhận được `{found}`).")
            }
            Self::WrongCountry { found } => {
                format!("Mã quốc gia (tag 58) phải là VN (nhận được `{found}`).")
            }
        }
    }
}

impl From<VietQrError> for Rejection {
    /// `validation_failed`, with the error's [`rule`](VietQrError::rule) and both messages.
    ///
    /// ```
    /// use quytrinh::kernel::{Lang, Rejection, RejectionCode};
    /// use quytrinh::vietqr::VietQrError;
    /// let r = Rejection::from(VietQrError::AmountNotPositive { dong: 0 });
    /// assert_eq!((r.code, r.rule.as_ref()), (RejectionCode::ValidationFailed, "vietqr_amount"));
    /// assert_eq!(r.message(Lang::En), "the amount must be above 0 đồng (found 0)");
    /// assert_eq!(r.message(Lang::Vi), "Số tiền phải lớn hơn 0 đồng (nhận được 0).");
    /// ```
    fn from(err: VietQrError) -> Self {
        Rejection::new(
            RejectionCode::ValidationFailed,
            err.rule(),
            err.message_vi(),
            err.to_string(),
        )
    }
}
