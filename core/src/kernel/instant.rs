//! Instants as text: one format wherever the library writes one (every JSON document, effect
//! data, messages, bindings), and one reader for every instant it reads.
//!
//! The format is chrono's RFC 3339 in UTC with `Z`, fractional seconds only when present
//! (`2026-11-23T02:00:00Z`, `2026-11-23T02:00:00.250Z`), and what is read is what chrono reads.
//! Both go a short way for the instants the library meets (years 0–9999, no leap second, an
//! offset of `Z` or `±HH:MM`, up to nine fractional digits), about a tenth of chrono's
//! instructions, and through chrono for everything else, so the text written and the instant
//! read (or the error given) are chrono's in every case; the property tests compare both.
//! Every required `DateTime<Utc>` field of the wire types is written and read through
//! [`Rfc3339`] (`#[serde(with = "crate::kernel::Rfc3339")]`); an optional one is written with
//! [`write_optional`] and read by chrono (a field read by a function of its own would no longer
//! be optional when it is missing).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat, TimeDelta, Timelike, Utc};
use serde::{Deserializer, Serialize, Serializer, de};
use std::fmt;

/// An instant as RFC 3339 in UTC with `Z`, fractional seconds only when present: exactly
/// what serde writes for the same instant.
///
/// ```
/// use quytrinh::kernel::rfc3339;
/// let at: chrono::DateTime<chrono::Utc> = "2026-11-24T09:00:00+07:00".parse().unwrap();
/// assert_eq!(rfc3339(at), "2026-11-24T02:00:00Z");
/// assert_eq!(serde_json::to_value(at).unwrap(), rfc3339(at));
/// ```
pub fn rfc3339(at: DateTime<Utc>) -> String {
    let mut text = Text::new();
    match text.format(&at) {
        Some(formatted) => formatted.to_owned(),
        None => at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
    }
}

/// Writes an instant as [`rfc3339`] does, for `#[serde(serialize_with = "…")]`.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Due {
///     #[serde(serialize_with = "quytrinh::kernel::instant::write")]
///     at: chrono::DateTime<chrono::Utc>,
/// }
/// let at = "2026-11-24T09:00:00.5+07:00".parse().unwrap();
/// assert_eq!(serde_json::to_string(&Due { at }).unwrap(), r#"{"at":"2026-11-24T02:00:00.500Z"}"#);
/// ```
///
/// # Errors
/// Only the serializer's own.
pub fn write<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    let mut text = Text::new();
    match text.format(at) {
        Some(formatted) => serializer.serialize_str(formatted),
        None => at.serialize(serializer),
    }
}

/// [`write`](fn@write) for an optional instant (`null` when there is none).
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Closed {
///     #[serde(serialize_with = "quytrinh::kernel::instant::write_optional")]
///     at: Option<chrono::DateTime<chrono::Utc>>,
/// }
/// assert_eq!(serde_json::to_string(&Closed { at: None }).unwrap(), r#"{"at":null}"#);
/// let at = Some("2026-11-24T02:00:00Z".parse().unwrap());
/// assert_eq!(serde_json::to_string(&Closed { at }).unwrap(), r#"{"at":"2026-11-24T02:00:00Z"}"#);
/// ```
///
/// # Errors
/// Only the serializer's own.
pub fn write_optional<S: Serializer>(
    at: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => serializer.serialize_some(&Written(at)),
        None => serializer.serialize_none(),
    }
}

/// The codec of a required instant field, for `#[serde(with = "…")]`: [`write`](fn@write) and [`read`]
/// as associated functions of a type (not of a module), so that the JSON Schema derive, which
/// takes `with` for the type whose schema the field has, finds the instant's schema here.
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Due {
///     #[serde(with = "quytrinh::kernel::Rfc3339")]
///     at: chrono::DateTime<chrono::Utc>,
/// }
/// let due: Due = serde_json::from_str(r#"{"at":"2026-11-24T09:00:00+07:00"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&due).unwrap(), r#"{"at":"2026-11-24T02:00:00Z"}"#);
/// ```
pub struct Rfc3339;

impl Rfc3339 {
    /// [`write`](fn@write).
    ///
    /// ```
    /// let at = "2026-11-24T02:00:00Z".parse().unwrap();
    /// let text = quytrinh::kernel::Rfc3339::serialize(&at, serde_json::value::Serializer).unwrap();
    /// assert_eq!(text, "2026-11-24T02:00:00Z");
    /// ```
    ///
    /// # Errors
    /// Only the serializer's own.
    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
        write(at, serializer)
    }

    /// [`read`].
    ///
    /// ```
    /// let at = quytrinh::kernel::Rfc3339::deserialize(serde_json::json!("2026-11-24T02:00:00Z")).unwrap();
    /// assert_eq!(quytrinh::kernel::rfc3339(at), "2026-11-24T02:00:00Z");
    /// ```
    ///
    /// # Errors
    /// What chrono refuses, with chrono's message.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        read(deserializer)
    }
}

/// An instant that serializes with [`write`](fn@write), for code that serializes by hand.
pub(crate) struct Written<'a>(pub(crate) &'a DateTime<Utc>);

impl Serialize for Written<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write(self.0, serializer)
    }
}

/// An instant that deserializes with [`read`], for code that deserializes by hand.
pub(crate) struct Read(pub(crate) DateTime<Utc>);

impl<'de> serde::Deserialize<'de> for Read {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read(deserializer).map(Read)
    }
}

/// Reads an instant as chrono does (any offset, converted to UTC), for
/// `#[serde(deserialize_with = "…")]`: the same instant, or the same error, as chrono's
/// `Deserialize`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Due {
///     #[serde(deserialize_with = "quytrinh::kernel::instant::read")]
///     at: chrono::DateTime<chrono::Utc>,
/// }
/// let due: Due = serde_json::from_str(r#"{"at":"2026-11-24T09:00:00+07:00"}"#).unwrap();
/// assert_eq!(due.at.to_rfc3339(), "2026-11-24T02:00:00+00:00");
/// let late = serde_json::from_str::<Due>(r#"{"at":"2026-11-31T09:00:00Z"}"#);
/// assert!(late.err().unwrap().to_string().starts_with("input is out of range"));
/// ```
///
/// # Errors
/// What chrono refuses, with chrono's message.
pub fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(InstantVisitor)
}

/// chrono's visitor, with the short way first.
struct InstantVisitor;

impl de::Visitor<'_> for InstantVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        // chrono's words, so that a refusal reads the same whichever way it was read.
        formatter.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        match parse(text) {
            Some(at) => Ok(at),
            None => text
                .parse::<DateTime<FixedOffset>>()
                .map(|at| at.with_timezone(&Utc))
                .map_err(E::custom),
        }
    }
}

/// The instant `text` names when it is `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` with every
/// part in range; `None` for anything else, which chrono then reads (or refuses).
fn parse(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let separators = b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':';
    if !separators {
        return None;
    }
    let year = digits(&b[0..4])?;
    let (month, day) = (digits(&b[5..7])?, digits(&b[8..10])?);
    let (hour, minute, second) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    let mut rest = &b[19..];
    let mut nanos = 0;
    if let [b'.', fraction @ ..] = rest {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=9).contains(&count) {
            return None;
        }
        nanos = digits(&fraction[..count])? * NANOS_PER_DIGIT[count];
        rest = &fraction[count..];
    }
    let offset_minutes = match rest {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let minutes = i64::from(hours * 60 + minutes);
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let local = NaiveDate::from_ymd_opt(year.try_into().ok()?, month, day)?
        .and_hms_nano_opt(hour, minute, second, nanos)?;
    let utc = local.checked_sub_signed(TimeDelta::minutes(offset_minutes))?;
    Some(DateTime::from_naive_utc_and_offset(utc, Utc))
}

/// What the last of `n` fractional digits counts, in nanoseconds (`.5` is 500,000,000).
const NANOS_PER_DIGIT: [u32; 10] = [
    1_000_000_000,
    100_000_000,
    10_000_000,
    1_000_000,
    100_000,
    10_000,
    1_000,
    100,
    10,
    1,
];

/// The number the ASCII digits of `bytes` write; `None` when one is not a digit.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// Room for the longest instant the short way writes: `9999-12-31T23:59:59.999999999Z`.
struct Text([u8; 30]);

impl Text {
    fn new() -> Self {
        Self([0; 30])
    }

    /// `at` as chrono writes it with `SecondsFormat::AutoSi` and `Z`; `None` for a year
    /// outside 0–9999 or a leap second, which chrono writes.
    fn format(&mut self, at: &DateTime<Utc>) -> Option<&str> {
        let (date, time) = (at.date_naive(), at.time());
        let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
        let nanos = time.nanosecond();
        if nanos >= 1_000_000_000 {
            return None;
        }
        let buf = &mut self.0;
        put(&mut buf[0..4], year);
        buf[4] = b'-';
        put(&mut buf[5..7], date.month());
        buf[7] = b'-';
        put(&mut buf[8..10], date.day());
        buf[10] = b'T';
        put(&mut buf[11..13], time.hour());
        buf[13] = b':';
        put(&mut buf[14..16], time.minute());
        buf[16] = b':';
        put(&mut buf[17..19], time.second());
        let mut len = 19;
        let (fraction, places) = match nanos {
            0 => (0, 0),
            n if n % 1_000_000 == 0 => (n / 1_000_000, 3),
            n if n % 1_000 == 0 => (n / 1_000, 6),
            n => (n, 9),
        };
        if places > 0 {
            buf[len] = b'.';
            put(&mut buf[len + 1..len + 1 + places], fraction);
            len += 1 + places;
        }
        buf[len] = b'Z';
        len += 1;
        Some(std::str::from_utf8(&buf[..len]).expect("digits and separators are ASCII"))
    }
}

/// `n` as decimal digits filling `out`, zero-padded on the left.
fn put(out: &mut [u8], mut n: u32) {
    for slot in out.iter_mut().rev() {
        *slot = b"0123456789"[(n % 10) as usize];
        n /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every instant chrono can hold, leap seconds among them.
    fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
        let limits = DateTime::<Utc>::MIN_UTC.timestamp()..=DateTime::<Utc>::MAX_UTC.timestamp();
        let near = -62_167_219_200i64..=253_402_300_799; // years 0–9999
        let nanos = prop_oneof![
            Just(0u32),
            (0u32..1000).prop_map(|ms| ms * 1_000_000),
            (0u32..1_000_000).prop_map(|us| us * 1000),
            0u32..1_000_000_000,
            1_000_000_000u32..2_000_000_000,
        ];
        (prop_oneof![limits, near], nanos).prop_filter_map("a valid instant", |(secs, nanos)| {
            DateTime::from_timestamp(secs, nanos)
        })
    }

    /// Text shaped like an instant, with every part allowed to be wrong.
    fn instant_like() -> impl Strategy<Value = String> {
        let two = "[0-9]{2}|[0-9]{1,3}|[a ]";
        (
            "[0-9]{4}|[+-][0-9]{5,6}|[0-9]{3}",
            "[-/]",
            two,
            two,
            "[Tt ]",
            two,
            two,
            two,
            "(\\.[0-9]{0,11})?",
            "Z|z|[+-][0-9]{2}:[0-9]{2}|[+-][0-9]{4}|[+-][0-9]{2}|",
        )
            .prop_map(|(y, sep, mo, d, t, h, mi, s, frac, off)| {
                format!("{y}-{mo}{sep}{d}{t}{h}:{mi}:{s}{frac}{off}")
            })
    }

    /// A valid instant written with any offset and 0 to 9 fractional digits.
    fn valid_text() -> impl Strategy<Value = String> {
        (
            -62_167_219_200i64..=253_402_300_799,
            0u32..1_000_000_000,
            0usize..=9,
            -1439i32..=1439,
        )
            .prop_map(|(secs, nanos, places, offset)| {
                let offset = FixedOffset::east_opt(offset * 60).unwrap();
                let at = DateTime::from_timestamp(secs, nanos)
                    .unwrap()
                    .with_timezone(&offset);
                let fraction =
                    format!(".{nanos:09}")[..places + usize::from(places > 0)].to_owned();
                format!(
                    "{}{fraction}{}",
                    at.format("%Y-%m-%dT%H:%M:%S"),
                    at.format("%:z")
                )
            })
    }

    fn chrono_read(text: &str) -> Result<DateTime<Utc>, String> {
        serde_json::from_value::<DateTime<Utc>>(text.into()).map_err(|e| e.to_string())
    }

    fn our_read(text: &str) -> Result<DateTime<Utc>, String> {
        read(serde_json::Value::from(text)).map_err(|e| e.to_string())
    }

    proptest! {
        #[test]
        fn writes_what_chrono_writes(at in any_instant()) {
            let chrono = at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
            prop_assert_eq!(rfc3339(at), chrono.clone());
            prop_assert_eq!(write(&at, serde_json::value::Serializer).unwrap(), serde_json::Value::from(chrono));
        }

        #[test]
        fn reads_what_chrono_reads(text in prop_oneof![instant_like(), valid_text()]) {
            prop_assert_eq!(our_read(&text), chrono_read(&text));
        }

        #[test]
        fn reads_back_what_it_writes(at in any_instant()) {
            prop_assert_eq!(our_read(&rfc3339(at)), Ok(at));
        }
    }

    #[test]
    fn the_edges_read_as_chrono_reads_them() {
        for text in [
            "2026-11-23T02:00:00Z",
            "2026-11-23T09:00:00+07:00",
            "2026-11-23T09:00:00-00:00",
            "2026-11-23T09:00:00.1+07:00",
            "2026-11-23T09:00:00.123456789Z",
            "2026-11-23T09:00:00.1234567891Z",
            "2024-02-29T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-11-23T23:59:60Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T09:00:00+23:59",
            "2026-11-23T09:00:00+24:00",
            "2026-11-23T09:00:00+07:60",
            "0000-01-01T00:00:00+00:01",
            "9999-12-31T23:59:59-23:59",
            "2026-11-23t09:00:00z",
            "2026-11-23 09:00:00Z",
            "2026-11-23T09:00:00",
            "2026-11-23T09:00:00.Z",
            "２０２６-11-23T09:00:00Z",
            "",
        ] {
            assert_eq!(our_read(text), chrono_read(text), "{text}");
        }
        let not_text = serde_json::json!(7);
        assert_eq!(
            read(not_text.clone()).unwrap_err().to_string(),
            serde_json::from_value::<DateTime<Utc>>(not_text)
                .unwrap_err()
                .to_string()
        );
    }
}
