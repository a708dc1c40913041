//! Rules on free texts and ids that every workflow shares (notes, reasons, answers; ids).

use super::Rejection;

/// A required free text: not blank, at most `max_chars` characters (counted as Unicode
/// scalar values, so Vietnamese diacritics count once); else `validation_failed` on
/// `field`, with the limit in both messages.
///
/// ```
/// use quytrinh::kernel::required_text;
/// assert!(required_text("note", "Đã gọi, khách hẹn lại", 2000).is_ok());
/// assert_eq!(required_text("note", "  ", 2000).unwrap_err().rule, "note");
/// assert!(required_text("note", &"ệ".repeat(2000), 2000).is_ok());
/// assert!(required_text("note", &"ệ".repeat(2001), 2000).is_err());
/// ```
pub fn required_text(field: &'static str, value: &str, max_chars: usize) -> Result<(), Rejection> {
    if value.trim().is_empty() || value.chars().count() > max_chars {
        return Err(Rejection::invalid_field(
            field,
            format!("`{field}` phải có 1–{max_chars} ký tự."),
            format!("`{field}` must have 1 to {max_chars} characters."),
        ));
    }
    Ok(())
}

/// Whether `id` is a valid id: 1 to `max_chars` characters (Unicode scalar values), no
/// whitespace.
///
/// ```
/// use quytrinh::kernel::valid_id;
/// assert!(valid_id("GOI-1", 64));
/// assert!(!valid_id("", 64));
/// assert!(!valid_id("GOI 1", 64));
/// assert!(!valid_id(&"x".repeat(65), 64));
/// ```
pub fn valid_id(id: &str, max_chars: usize) -> bool {
    let n = id.chars().count();
    (1..=max_chars).contains(&n) && !id.chars().any(char::is_whitespace)
}

/// The longest id [`required_id`] accepts, in characters.
const MAX_ID_CHARS: usize = 64;

/// A required id (of a subscription, a customer, a product, a staff member): 1–64
/// characters, no whitespace; else `validation_failed` on `field`.
///
/// ```
/// use quytrinh::kernel::required_id;
/// assert!(required_id("customer_id", "KH-0042").is_ok());
/// assert_eq!(required_id("customer_id", "KH 0042").unwrap_err().rule, "customer_id");
/// assert!(required_id("customer_id", "").is_err());
/// assert!(required_id("customer_id", &"x".repeat(65)).is_err());
/// ```
pub fn required_id(field: &'static str, value: &str) -> Result<(), Rejection> {
    if valid_id(value, MAX_ID_CHARS) {
        Ok(())
    } else {
        Err(Rejection::invalid_field(
            field,
            format!("`{field}` phải có 1–{MAX_ID_CHARS} ký tự, không có khoảng trắng."),
            format!("`{field}` must have 1 to {MAX_ID_CHARS} characters and no spaces."),
        ))
    }
}
