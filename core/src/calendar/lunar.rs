//! The Vietnamese lunar calendar (âm lịch), 1900–2199.
//!
//! Rules (computed at UTC+07:00, the 105°E meridian):
//! - a month starts on the civil day of a true new moon;
//! - month 11 is the month holding the day of the December solstice;
//! - a *sui* (solstice year, from one month 11 to the next) with 13 months has a leap month:
//!   the first month after month 11 that holds no principal solar term (zhongqi, a solar
//!   longitude that is a multiple of 30°); it takes the number of the month before it;
//! - Tết (the lunar new year) is the first day of month 1.
//!
//! The conversions read a compact table of the lunar years 1899–2200 (Tết date, leap month,
//! month lengths) that [`compute_lunar_year`] generated from the astronomy in
//! [`super::astronomy`]; a test recomputes every year and checks the table, so the two never
//! disagree, and the conversions cost well under a microsecond.
//!
//! ```
//! use chrono::NaiveDate;
//! use quytrinh::calendar::lunar::{from_lunar, to_lunar, LunarDate};
//! let tet = from_lunar(LunarDate::new(2026, 1, 1, false)).unwrap();
//! assert_eq!(tet, NaiveDate::from_ymd_opt(2026, 2, 17).unwrap());
//! assert_eq!(to_lunar(tet).unwrap(), LunarDate::new(2026, 1, 1, false));
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::CalendarError;
use super::astronomy::{
    self, MEAN_SYNODIC_MONTH, december_solstice, local_day, local_midnight, new_moon_jd,
};
use super::lunar_table::{TABLE_FIRST_YEAR, YEARS};

/// First supported solar date: 1900-01-01.
///
/// ```
/// assert_eq!(quytrinh::calendar::lunar::FIRST_DATE.to_string(), "1900-01-01");
/// ```
pub const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(super::FIRST_YEAR, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// Last supported solar date: 2199-12-31.
///
/// ```
/// assert_eq!(quytrinh::calendar::lunar::LAST_DATE.to_string(), "2199-12-31");
/// ```
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(super::LAST_YEAR, 12, 31) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// A date of the Vietnamese lunar calendar.
///
/// `year` is the lunar year numbered like the Gregorian year in which it starts (Tết 2026 is
/// lunar 2026-01-01); `leap` marks a leap month (tháng nhuận). Written `2025-06L-01` (see
/// [`FromStr`] and [`fmt::Display`]).
///
/// ```
/// use quytrinh::calendar::lunar::LunarDate;
/// let d: LunarDate = "2025-06L-01".parse().unwrap();
/// assert_eq!(d, LunarDate::new(2025, 6, 1, true));
/// assert_eq!(d.to_string(), "2025-06L-01");
/// assert_eq!(d.year_name_vi(), "Ất Tỵ");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LunarDate {
    /// Lunar year (the Gregorian year of its Tết).
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–30.
    pub day: u32,
    /// Whether the month is the leap month (tháng nhuận).
    pub leap: bool,
}

impl LunarDate {
    /// A lunar date (not validated; [`from_lunar`] validates).
    ///
    /// ```
    /// let d = quytrinh::calendar::lunar::LunarDate::new(2026, 3, 10, false);
    /// assert_eq!(d.month, 3);
    /// ```
    pub const fn new(year: i32, month: u32, day: u32, leap: bool) -> Self {
        Self {
            year,
            month,
            day,
            leap,
        }
    }

    /// The sexagenary (Can Chi) name of the lunar year, e.g. "Bính Ngọ" for 2026.
    ///
    /// ```
    /// use quytrinh::calendar::lunar::LunarDate;
    /// assert_eq!(LunarDate::new(2026, 1, 1, false).year_name_vi(), "Bính Ngọ");
    /// ```
    pub fn year_name_vi(&self) -> String {
        const STEMS: [&str; 10] = [
            "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
        ];
        const BRANCHES: [&str; 12] = [
            "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
        ];
        let stem = usize::try_from((self.year + 6).rem_euclid(10)).unwrap_or(0);
        let branch = usize::try_from((self.year + 8).rem_euclid(12)).unwrap_or(0);
        format!("{} {}", STEMS[stem], BRANCHES[branch])
    }
}

impl fmt::Display for LunarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let leap = if self.leap { "L" } else { "" };
        write!(
            f,
            "{:04}-{:02}{leap}-{:02}",
            self.year, self.month, self.day
        )
    }
}

impl FromStr for LunarDate {
    type Err = CalendarError;

    /// Parses `YYYY-MM-DD`, with `L` after the month for a leap month: `2025-06L-01`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || CalendarError::InvalidLunarDate {
            reason: format!("`{s}` is not a lunar date like 2025-06-15 or 2025-06L-01"),
        };
        let mut parts = s.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let (m, leap) = match m.strip_suffix(['L', 'l']) {
            Some(m) => (m, true),
            None => (m, false),
        };
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        let day = d.parse().map_err(|_| bad())?;
        Ok(Self {
            year,
            month,
            day,
            leap,
        })
    }
}

/// The shape of one lunar year: when it starts, its leap month and its month lengths.
///
/// ```
/// use quytrinh::calendar::lunar::lunar_year;
/// let y = lunar_year(2025).unwrap();
/// assert_eq!(y.leap_month, Some(6));
/// assert_eq!(y.month_lengths.len(), 13);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LunarYear {
    /// The lunar year.
    pub year: i32,
    /// Its first day, Tết Nguyên đán.
    pub new_year: NaiveDate,
    /// The leap month's number, if the year has one (it follows the ordinary month).
    pub leap_month: Option<u32>,
    /// Lengths (29 or 30) of its 12 or 13 months in order, the leap month in its place.
    pub month_lengths: Vec<u32>,
}

impl LunarYear {
    /// The first day of the next lunar year.
    ///
    /// ```
    /// use quytrinh::calendar::lunar::{lunar_year, tet};
    /// assert_eq!(lunar_year(2025).unwrap().next_new_year(), tet(2026).unwrap());
    /// ```
    pub fn next_new_year(&self) -> NaiveDate {
        let days: u32 = self.month_lengths.iter().sum();
        self.new_year + chrono::Days::new(u64::from(days))
    }

    /// The index in `month_lengths` of a month, or `None` if there is no such month.
    fn month_index(&self, month: u32, leap: bool) -> Option<usize> {
        if !(1..=12).contains(&month) || (leap && self.leap_month != Some(month)) {
            return None;
        }
        let after_leap = self
            .leap_month
            .is_some_and(|l| month > l || (month == l && leap));
        usize::try_from(month - 1)
            .ok()
            .map(|i| i + usize::from(after_leap))
    }

    /// The month number and leap flag at an index of `month_lengths`.
    fn month_at(&self, index: usize) -> (u32, bool) {
        let i = u32::try_from(index).unwrap_or(0);
        match self.leap_month {
            Some(l) if i == l => (l, true),
            Some(l) if i > l => (i, false),
            _ => (i + 1, false),
        }
    }
}

/// Decodes a table entry: bits 0–12 month lengths (1 = 30 days), 13–16 leap month,
/// 17–22 days from 1 January to Tết.
fn decode(year: i32, packed: u32) -> LunarYear {
    let leap = (packed >> 13) & 0xF;
    let count = if leap == 0 { 12 } else { 13 };
    let month_lengths = (0..count)
        .map(|i| if packed >> i & 1 == 1 { 30 } else { 29 })
        .collect();
    let jan_1 = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(FIRST_DATE);
    LunarYear {
        year,
        new_year: jan_1 + chrono::Days::new(u64::from(packed >> 17)),
        leap_month: (leap != 0).then_some(leap),
        month_lengths,
    }
}

/// Encodes a lunar year as a table entry (the inverse of the table decoding).
///
/// ```
/// use quytrinh::calendar::lunar::{encode, lunar_year};
/// let y = lunar_year(2026).unwrap();
/// assert_eq!(encode(&y) >> 17, 47); // Tết is 47 days after 1 January
/// ```
pub fn encode(y: &LunarYear) -> u32 {
    let mut packed = 0u32;
    for (i, len) in y.month_lengths.iter().enumerate() {
        if *len == 30 {
            packed |= 1 << i;
        }
    }
    packed |= y.leap_month.unwrap_or(0) << 13;
    packed | (y.new_year.ordinal0() << 17)
}

/// The lunar year `year` from the embedded table (1899–2200).
///
/// ```
/// let y = quytrinh::calendar::lunar::lunar_year(2023).unwrap();
/// assert_eq!(y.leap_month, Some(2));
/// ```
pub fn lunar_year(year: i32) -> Result<LunarYear, CalendarError> {
    let index = usize::try_from(year - TABLE_FIRST_YEAR)
        .ok()
        .filter(|&i| i < YEARS.len());
    let Some(i) = index else {
        return Err(CalendarError::OutOfRange {
            reason: format!("lunar year {year} is outside 1899–2200"),
        });
    };
    Ok(decode(year, YEARS[i]))
}

/// Tết Nguyên đán (the first day of the lunar year) of a year.
///
/// ```
/// use chrono::NaiveDate;
/// use quytrinh::calendar::lunar::tet;
/// assert_eq!(tet(1985).unwrap(), NaiveDate::from_ymd_opt(1985, 1, 21).unwrap());
/// ```
pub fn tet(year: i32) -> Result<NaiveDate, CalendarError> {
    lunar_year(year).map(|y| y.new_year)
}

fn check_range(date: NaiveDate) -> Result<(), CalendarError> {
    if (FIRST_DATE..=LAST_DATE).contains(&date) {
        Ok(())
    } else {
        Err(CalendarError::OutOfRange {
            reason: format!("{date} is outside 1900-01-01 – 2199-12-31"),
        })
    }
}

/// Converts a solar (Gregorian) date to the Vietnamese lunar calendar.
///
/// ```
/// use chrono::NaiveDate;
/// use quytrinh::calendar::lunar::{to_lunar, LunarDate};
/// let d = NaiveDate::from_ymd_opt(2025, 7, 25).unwrap();
/// assert_eq!(to_lunar(d).unwrap(), LunarDate::new(2025, 6, 1, true));
/// assert!(to_lunar(NaiveDate::from_ymd_opt(1899, 12, 31).unwrap()).is_err());
/// ```
pub fn to_lunar(date: NaiveDate) -> Result<LunarDate, CalendarError> {
    check_range(date)?;
    let mut y = lunar_year(date.year())?;
    if date < y.new_year {
        y = lunar_year(date.year() - 1)?;
    }
    let mut start = y.new_year;
    for (i, len) in y.month_lengths.iter().enumerate() {
        let next = start + chrono::Days::new(u64::from(*len));
        if date < next {
            let (month, leap) = y.month_at(i);
            let day = u32::try_from((date - start).num_days()).unwrap_or(0) + 1;
            return Ok(LunarDate {
                year: y.year,
                month,
                day,
                leap,
            });
        }
        start = next;
    }
    // Unreachable for a consistent table: the next year starts at `start`.
    Err(CalendarError::OutOfRange {
        reason: format!("{date} is not covered by the lunar table"),
    })
}

/// Converts a lunar date to the solar (Gregorian) date.
///
/// Errors: `invalid_lunar_date` for a month or day that does not exist (a leap month in a
/// year without that leap month, day 30 of a 29-day month), `out_of_range` outside
/// 1900-01-01 – 2199-12-31.
///
/// ```
/// use chrono::NaiveDate;
/// use quytrinh::calendar::lunar::{from_lunar, LunarDate};
/// let d = from_lunar(LunarDate::new(2025, 6, 1, true)).unwrap();
/// assert_eq!(d, NaiveDate::from_ymd_opt(2025, 7, 25).unwrap());
/// assert_eq!(from_lunar(LunarDate::new(2026, 6, 1, true)).unwrap_err().code(), "invalid_lunar_date");
/// ```
pub fn from_lunar(date: LunarDate) -> Result<NaiveDate, CalendarError> {
    let y = lunar_year(date.year)?;
    let invalid = |what: &str| CalendarError::InvalidLunarDate {
        reason: format!("{date}: {what}"),
    };
    let Some(index) = y.month_index(date.month, date.leap) else {
        return Err(invalid("no such month in that lunar year"));
    };
    if date.day == 0 || date.day > y.month_lengths[index] {
        return Err(invalid("no such day in that month"));
    }
    let before: u32 = y.month_lengths[..index].iter().sum();
    let solar = y.new_year + chrono::Days::new(u64::from(before + date.day - 1));
    check_range(solar)?;
    Ok(solar)
}

/// Civil date of a Julian Day Number.
fn date_of_jdn(jdn: i64) -> NaiveDate {
    i32::try_from(jdn - 1_721_425)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(FIRST_DATE)
}

/// The civil day (UTC+7, as a JDN) of new moon number `k`.
fn new_moon_day(k: i32) -> i64 {
    local_day(new_moon_jd(k))
}

/// Index (0–11) of the last principal term reached at the local midnight starting `day`.
fn principal_term(day: i64) -> i64 {
    #[allow(clippy::cast_possible_truncation)]
    let term = (astronomy::solar_longitude(local_midnight(day)) / 30.0).floor() as i64;
    term
}

/// The number `k` of the new moon starting month 11 before the solstice of December `year`.
fn month_11(year: i32) -> i32 {
    let solstice = december_solstice(year);
    let solstice_day = local_day(solstice);
    #[allow(clippy::cast_possible_truncation)]
    let mut k = ((solstice - 2_451_550.1) / MEAN_SYNODIC_MONTH).floor() as i32 + 1;
    while new_moon_day(k) > solstice_day {
        k -= 1;
    }
    while new_moon_day(k + 1) <= solstice_day {
        k += 1;
    }
    k
}

/// The months of the sui from month 11 of `year - 1` to month 11 of `year` (exclusive):
/// the new-moon number of that first month 11 and the index of the leap month, if any.
fn sui(year: i32) -> (i32, Option<i32>) {
    let (first, next) = (month_11(year - 1), month_11(year));
    if next - first < 13 {
        return (first, None);
    }
    let leap = (1..13).find(|i| {
        principal_term(new_moon_day(first + i)) == principal_term(new_moon_day(first + i + 1))
    });
    (first, leap)
}

/// Number and leap flag of the month at `index` of a sui whose leap index is `leap`.
fn sui_month(index: i32, leap: Option<i32>) -> (u32, bool) {
    let (i, is_leap) = match leap {
        Some(l) if index == l => (index - 1, true),
        Some(l) if index > l => (index - 1, false),
        _ => (index, false),
    };
    (
        u32::try_from((10 + i).rem_euclid(12)).unwrap_or(0) + 1,
        is_leap,
    )
}

/// A sui: the new-moon number of its month 11, its leap index, and the index of month 1.
struct Sui {
    start: i32,
    leap: Option<i32>,
    month_1: i32,
}

impl Sui {
    fn of(year: i32) -> Self {
        let (start, leap) = sui(year);
        let month_1 = if leap.is_some_and(|l| l <= 2) { 3 } else { 2 };
        Self {
            start,
            leap,
            month_1,
        }
    }
}

/// Computes lunar year `year` from the astronomy (slow: about a hundred solar longitudes).
/// This is what generated the embedded table, and what the tests check it against.
///
/// ```
/// use quytrinh::calendar::lunar::{compute_lunar_year, lunar_year};
/// assert_eq!(compute_lunar_year(2030), lunar_year(2030).unwrap());
/// ```
pub fn compute_lunar_year(year: i32) -> LunarYear {
    let this = Sui::of(year);
    let next = Sui::of(year + 1);
    let (k_first, k_next) = (this.start + this.month_1, next.start + next.month_1);
    let days: Vec<i64> = (k_first..=k_next).map(new_moon_day).collect();
    let leap_month = (k_first..k_next).find_map(|k| {
        let (month, leap) = if k < next.start {
            sui_month(k - this.start, this.leap)
        } else {
            sui_month(k - next.start, next.leap)
        };
        leap.then_some(month)
    });
    LunarYear {
        year,
        new_year: date_of_jdn(days[0]),
        leap_month,
        month_lengths: days
            .windows(2)
            .map(|w| u32::try_from(w[1] - w[0]).unwrap_or(0))
            .collect(),
    }
}
