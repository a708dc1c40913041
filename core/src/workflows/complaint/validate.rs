//! The field rules of `complaint`'s commands: typed `validation_failed` rejections.

use super::Complaint;
use super::config::MAX_TEXT_CHARS;
use super::model::Contact;
use crate::kernel::{Context, Rejection, Vnd};

pub(super) fn agent_required() -> Rejection {
    Rejection::invalid_field(
        "agent_id",
        "Cần xác định Đại lý cấp 1 của vụ việc.",
        "Name the level-1 agent of the case.",
    )
}

pub(super) fn check_damages(damages: Vnd, ctx: &Context<'_, Complaint>) -> Result<(), Rejection> {
    damages
        .require_non_negative()
        .map_err(|_| negative("damages_vnd"))?;
    damages
        .checked_mul(i64::from(ctx.config.deposit_multiplier))
        .map_err(|_| damages_overflow())?;
    Ok(())
}

pub(super) fn negative(field: &'static str) -> Rejection {
    Rejection::invalid_field(
        field,
        "Số tiền không được âm.",
        "The amount may not be negative.",
    )
}

pub(super) fn damages_overflow() -> Rejection {
    Rejection::invalid_field(
        "damages_vnd",
        "Giá trị thiệt hại quá lớn: số tiền phải nộp vượt giới hạn.",
        "The damages are too large: the deposit would overflow.",
    )
}

pub(super) fn check_contact(contact: &Contact) -> Result<(), Rejection> {
    let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    if !given(&contact.phone) && !given(&contact.email) {
        return Err(Rejection::invalid_field(
            "contact",
            "Cần số điện thoại hoặc email của khách hàng.",
            "A phone number or an e-mail address of the customer is required.",
        ));
    }
    for (field, value) in [
        ("contact", &contact.name),
        ("contact", &contact.phone),
        ("contact", &contact.email),
    ] {
        optional_text(field, value.as_deref())?;
    }
    Ok(())
}

/// A required free text: not blank, at most [`MAX_TEXT_CHARS`] characters.
pub(super) fn required_text(field: &'static str, value: &str) -> Result<(), Rejection> {
    crate::kernel::required_text(field, value, MAX_TEXT_CHARS)
}

/// An optional free text: absent, or a valid required text (trimmed).
pub(super) fn optional_text(
    field: &'static str,
    value: Option<&str>,
) -> Result<Option<String>, Rejection> {
    value
        .map(|v| required_text(field, v).map(|()| v.trim().to_owned()))
        .transpose()
}
