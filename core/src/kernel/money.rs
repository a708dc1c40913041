//! Money: Vietnamese đồng as an integer, with checked arithmetic (SPEC §1.9).
//!
//! No floating point: amounts are whole đồng in an `i64`; every operation that could
//! overflow is checked and refuses with `validation_failed` instead.

use super::{Rejection, RejectionCode};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of Vietnamese đồng (VND), in whole đồng. Serializes as a plain JSON integer.
///
/// Arithmetic is checked: an overflow is a [`Rejection`] with code `validation_failed` and
/// rule `vnd_overflow`, never a wrap or a panic. Workflows that take an amount from a host
/// refuse negative ones with [`non_negative`](Self::non_negative) (rule `vnd_negative`).
///
/// Note for JavaScript hosts: JSON numbers above 2⁵³ lose precision in `JSON.parse`; amounts
/// in đồng stay far below that in practice (9 triệu tỷ đồng).
///
/// ```
/// use quytrinh::kernel::Vnd;
/// let damages = Vnd::non_negative(1_500_000).unwrap();
/// let deposit = damages.checked_mul(2).unwrap();
/// assert_eq!(deposit, Vnd::new(3_000_000));
/// assert_eq!(deposit.to_string(), "3.000.000 ₫");
/// assert_eq!(serde_json::to_string(&deposit).unwrap(), "3000000");
/// assert_eq!(Vnd::new(i64::MAX).checked_mul(2).unwrap_err().rule, "vnd_overflow");
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Vnd(i64);

impl Vnd {
    /// Zero đồng.
    ///
    /// ```
    /// # use quytrinh::kernel::Vnd;
    /// assert_eq!(Vnd::ZERO.dong(), 0);
    /// ```
    pub const ZERO: Vnd = Vnd(0);

    /// An amount of `dong` đồng (any sign; see [`non_negative`](Self::non_negative)).
    ///
    /// ```
    /// # use quytrinh::kernel::Vnd;
    /// assert_eq!(Vnd::new(-5).dong(), -5);
    /// ```
    pub const fn new(dong: i64) -> Self {
        Self(dong)
    }

    /// An amount that must not be negative, or `validation_failed` (rule `vnd_negative`).
    ///
    /// ```
    /// # use quytrinh::kernel::{RejectionCode, Vnd};
    /// assert_eq!(Vnd::non_negative(0).unwrap(), Vnd::ZERO);
    /// let err = Vnd::non_negative(-1).unwrap_err();
    /// assert_eq!((err.code, err.rule.as_ref()), (RejectionCode::ValidationFailed, "vnd_negative"));
    /// ```
    pub fn non_negative(dong: i64) -> Result<Self, Rejection> {
        Self(dong).require_non_negative()
    }

    /// The amount itself if it is not negative, or `validation_failed` (rule `vnd_negative`).
    ///
    /// ```
    /// # use quytrinh::kernel::Vnd;
    /// assert!(Vnd::new(10).require_non_negative().is_ok());
    /// assert!(Vnd::new(-10).require_non_negative().is_err());
    /// ```
    pub fn require_non_negative(self) -> Result<Self, Rejection> {
        if self.0 < 0 {
            Err(Rejection::new(
                RejectionCode::ValidationFailed,
                "vnd_negative",
                format!("Số tiền không được âm ({self})."),
                format!("The amount may not be negative ({self})."),
            ))
        } else {
            Ok(self)
        }
    }

    /// The amount in đồng.
    ///
    /// ```
    /// # use quytrinh::kernel::Vnd;
    /// assert_eq!(Vnd::new(250_000).dong(), 250_000);
    /// ```
    pub const fn dong(self) -> i64 {
        self.0
    }

    /// Whether the amount is below zero.
    ///
    /// ```
    /// # use quytrinh::kernel::Vnd;
    /// assert!(Vnd::new(-1).is_negative());
    /// assert!(!Vnd::ZERO.is_negative());
    /// ```
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// `self + rhs`, or `validation_failed` (rule `vnd_overflow`).
    ///
    /// ```
    /// # use quytrinh::kernel::Vnd;
    /// assert_eq!(Vnd::new(1).checked_add(Vnd::new(2)).unwrap(), Vnd::new(3));
    /// assert!(Vnd::new(i64::MAX).checked_add(Vnd::new(1)).is_err());
    /// ```
    pub fn checked_add(self, rhs: Vnd) -> Result<Vnd, Rejection> {
        self.0.checked_add(rhs.0).map(Vnd).ok_or_else(overflow)
    }

    /// `self - rhs`, or `validation_failed` (rule `vnd_overflow`).
    ///
    /// ```
    /// # use quytrinh::kernel::Vnd;
    /// assert_eq!(Vnd::new(5).checked_sub(Vnd::new(7)).unwrap(), Vnd::new(-2));
    /// assert!(Vnd::new(i64::MIN).checked_sub(Vnd::new(1)).is_err());
    /// ```
    pub fn checked_sub(self, rhs: Vnd) -> Result<Vnd, Rejection> {
        self.0.checked_sub(rhs.0).map(Vnd).ok_or_else(overflow)
    }

    /// `self × n`, or `validation_failed` (rule `vnd_overflow`).
    ///
    /// ```
    /// # use quytrinh::kernel::Vnd;
    /// assert_eq!(Vnd::new(700_000).checked_mul(2).unwrap(), Vnd::new(1_400_000));
    /// assert!(Vnd::new(i64::MAX / 2 + 1).checked_mul(2).is_err());
    /// ```
    pub fn checked_mul(self, n: i64) -> Result<Vnd, Rejection> {
        self.0.checked_mul(n).map(Vnd).ok_or_else(overflow)
    }

    /// The sum of some amounts, or `validation_failed` (rule `vnd_overflow`).
    ///
    /// ```
    /// # use quytrinh::kernel::Vnd;
    /// let total = Vnd::checked_sum([Vnd::new(100), Vnd::new(250)]).unwrap();
    /// assert_eq!(total, Vnd::new(350));
    /// assert!(Vnd::checked_sum([Vnd::new(i64::MAX), Vnd::new(1)]).is_err());
    /// ```
    pub fn checked_sum(amounts: impl IntoIterator<Item = Vnd>) -> Result<Vnd, Rejection> {
        amounts.into_iter().try_fold(Vnd::ZERO, Vnd::checked_add)
    }
}

impl From<Vnd> for i64 {
    /// The amount in đồng.
    fn from(value: Vnd) -> Self {
        value.0
    }
}

impl fmt::Display for Vnd {
    /// Vietnamese style: dots between thousands and the đồng sign, e.g. `1.500.000 ₫`.
    ///
    /// ```
    /// # use quytrinh::kernel::Vnd;
    /// assert_eq!(Vnd::new(-1_234).to_string(), "-1.234 ₫");
    /// assert_eq!(Vnd::new(999).to_string(), "999 ₫");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.unsigned_abs().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 4);
        if self.0 < 0 {
            grouped.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(c);
        }
        write!(f, "{grouped} ₫")
    }
}

fn overflow() -> Rejection {
    Rejection::new(
        RejectionCode::ValidationFailed,
        "vnd_overflow",
        "Số tiền vượt quá giới hạn cho phép.",
        "The amount is out of range (overflow).",
    )
}
