//! Writing JSON text: every outcome, snapshot, event log and answer the crate gives out as text
//! goes through [`to_json`], which writes byte for byte what `serde_json::to_string` writes,
//! faster (see `docs/performance.md`).
//!
//! serde_json looks at every byte of every string and key one at a time to find what must be
//! escaped, and writes a `Display` value (an instant) through an adapter that escapes each
//! piece as it comes: about half of writing a snapshot. This writer looks at eight bytes at a
//! time and writes a `Display` value straight into the text, escaping it afterwards only when
//! it has to. It writes into a `String`, so the text needs no UTF-8 check at the end.
//! Numbers are written as serde_json writes them (`itoa`; floats by serde_json's own
//! formatter); the maps and keys it accepts, and the errors it gives, are serde_json's.

use serde::Serialize;
use serde::ser::{self, Error as _, Impossible};
use serde_json::ser::CompactFormatter;
use std::fmt::{Display, Write as _};

/// `value` as compact JSON text: the same text as `serde_json::to_string(value)`.
///
/// ```
/// use quytrinh::kernel::to_json;
/// let value = serde_json::json!({"tên": "Nguyễn \"Văn\" A\n", "n": [1, -2, 3.5, null]});
/// assert_eq!(to_json(&value).unwrap(), serde_json::to_string(&value).unwrap());
/// assert_eq!(to_json(&value).unwrap(), r#"{"n":[1,-2,3.5,null],"tên":"Nguyễn \"Văn\" A\n"}"#);
/// ```
///
/// # Errors
/// What serde_json refuses: a map key that is not a string, a number or a unit variant, or an
/// error the value's own `Serialize` gives.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    to_json_with_capacity(value, INITIAL_CAPACITY)
}

/// [`to_json`] into a buffer that starts with room for `capacity` bytes, for a caller that
/// knows about how long the text will be (an outcome is about 1.3 KB).
///
/// ```
/// use quytrinh::kernel::to_json_with_capacity;
/// let text = to_json_with_capacity(&["a", "b"], 2048).unwrap();
/// assert_eq!(text, r#"["a","b"]"#);
/// assert!(text.capacity() >= 2048);
/// ```
///
/// # Errors
/// As [`to_json`].
pub fn to_json_with_capacity<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
) -> Result<String, serde_json::Error> {
    let mut writer = Writer {
        out: String::with_capacity(capacity),
    };
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

/// Where serde_json's `to_string` starts too.
const INITIAL_CAPACITY: usize = 128;

/// The text being written.
struct Writer {
    out: String,
}

type Result<T = (), E = serde_json::Error> = std::result::Result<T, E>;

impl Writer {
    fn integer(&mut self, value: impl itoa::Integer) {
        self.out.push_str(itoa::Buffer::new().format(value));
    }

    /// A float as serde_json writes it (`null` when it is not finite).
    fn float(&mut self, is_finite: bool, write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) {
        if !is_finite {
            self.out.push_str("null");
            return;
        }
        let mut digits = Vec::with_capacity(24);
        write(&mut digits).expect("writing into a Vec cannot fail");
        self.out
            .push_str(std::str::from_utf8(&digits).expect("serde_json writes a float as ASCII"));
    }

    /// `"value"` with what JSON requires escaped.
    fn string(&mut self, value: &str) {
        self.out.push('"');
        push_escaped(&mut self.out, value);
        self.out.push('"');
    }

    /// A `Display` value as a JSON string, written straight into the text and escaped after
    /// only when it holds something to escape.
    fn displayed(&mut self, value: &(impl Display + ?Sized)) {
        self.out.push('"');
        let start = self.out.len();
        write!(self.out, "{value}").expect("writing into a String cannot fail");
        if next_escape(&self.out.as_bytes()[start..], 0).is_some() {
            let raw = self.out.split_off(start);
            push_escaped(&mut self.out, &raw);
        }
        self.out.push('"');
    }

    /// The start of `{"variant":` (an enum variant with data, externally tagged).
    fn variant_key(&mut self, variant: &str) {
        self.out.push('{');
        self.string(variant);
        self.out.push(':');
    }
}

/// `value` with `"`, `\` and the control characters escaped as serde_json escapes them
/// (`\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, and `\u00xx` for the others).
fn push_escaped(out: &mut String, value: &str) {
    let bytes = value.as_bytes();
    let mut start = 0;
    while let Some(at) = next_escape(bytes, start) {
        // `at` is an ASCII byte, so both slices end on a character boundary.
        out.push_str(&value[start..at]);
        push_escape(out, bytes[at]);
        start = at + 1;
    }
    out.push_str(&value[start..]);
}

fn push_escape(out: &mut String, byte: u8) {
    match byte {
        b'"' => out.push_str("\\\""),
        b'\\' => out.push_str("\\\\"),
        0x08 => out.push_str("\\b"),
        b'\t' => out.push_str("\\t"),
        b'\n' => out.push_str("\\n"),
        0x0c => out.push_str("\\f"),
        b'\r' => out.push_str("\\r"),
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
}

/// Whether JSON requires `byte` escaped inside a string.
fn must_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The index of the first byte at or after `from` that must be escaped, looking at eight
/// bytes at a time (the last few as one word too).
#[inline]
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("a chunk of 8 bytes"));
        if may_need_escape(word)
            && let Some(at) = chunk.iter().position(|&b| must_escape(b))
        {
            return Some(offset + at);
        }
        offset += 8;
    }
    let tail = chunks.remainder();
    if tail.is_empty() || !may_need_escape(tail_word(tail)) {
        return None;
    }
    tail.iter()
        .position(|&b| must_escape(b))
        .map(|at| offset + at)
}

/// The 1 to 7 bytes of `tail` in one word, some of them twice, the rest spaces (which need no
/// escape): read as two overlapping halves rather than byte by byte.
#[inline]
fn tail_word(tail: &[u8]) -> u64 {
    let n = tail.len();
    let four = |at: usize| {
        u64::from(u32::from_le_bytes(
            tail[at..at + 4].try_into().expect("4 bytes"),
        ))
    };
    let two = |at: usize| {
        u64::from(u16::from_le_bytes(
            tail[at..at + 2].try_into().expect("2 bytes"),
        ))
    };
    match n {
        4.. => four(0) | four(n - 4) << 32,
        2.. => two(0) | two(n - 2) << 16 | SPACES << 32,
        _ => u64::from(tail[0]) | SPACES << 8,
    }
}

const ONES: u64 = u64::from_le_bytes([1; 8]);
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
const SPACES: u64 = u64::from_le_bytes([b' '; 8]);

/// Whether some byte of `word` is a control character, `"` or `\\`: the classic test of
/// whether a word holds a byte below `n`, `(word - n·0x01…) & !word & 0x80…`, which is exact
/// about whether there is one, for bytes below 0x20 and for zero bytes of `word ^ "…"` and
/// `word ^ \\…`, in one expression (the three share `!word`'s high bits, since neither `"`
/// nor `\\` has its high bit set).
const fn may_need_escape(word: u64) -> bool {
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    let below =
        word.wrapping_sub(ONES * 0x20) | quote.wrapping_sub(ONES) | backslash.wrapping_sub(ONES);
    below & !word & HIGHS != 0
}

/// An array, an object, or one of those inside `{"variant": …}`.
struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
    /// What closes it: `]`, `}`, `]}` or `}}`.
    close: &'static str,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.writer.out.push(',');
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        self.comma();
        self.writer.string(key);
        self.writer.out.push(':');
        value.serialize(&mut *self.writer)
    }

    fn close(self) {
        self.writer.out.push_str(self.close);
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, value: bool) -> Result {
        self.out.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, value: i8) -> Result {
        self.integer(value);
        Ok(())
    }

    fn serialize_i16(self, value: i16) -> Result {
        self.integer(value);
        Ok(())
    }

    fn serialize_i32(self, value: i32) -> Result {
        self.integer(value);
        Ok(())
    }

    fn serialize_i64(self, value: i64) -> Result {
        self.integer(value);
        Ok(())
    }

    fn serialize_i128(self, value: i128) -> Result {
        self.integer(value);
        Ok(())
    }

    fn serialize_u8(self, value: u8) -> Result {
        self.integer(value);
        Ok(())
    }

    fn serialize_u16(self, value: u16) -> Result {
        self.integer(value);
        Ok(())
    }

    fn serialize_u32(self, value: u32) -> Result {
        self.integer(value);
        Ok(())
    }

    fn serialize_u64(self, value: u64) -> Result {
        self.integer(value);
        Ok(())
    }

    fn serialize_u128(self, value: u128) -> Result {
        self.integer(value);
        Ok(())
    }

    fn serialize_f32(self, value: f32) -> Result {
        self.float(value.is_finite(), |digits| {
            serde_json::ser::Formatter::write_f32(&mut CompactFormatter, digits, value)
        });
        Ok(())
    }

    fn serialize_f64(self, value: f64) -> Result {
        self.float(value.is_finite(), |digits| {
            serde_json::ser::Formatter::write_f64(&mut CompactFormatter, digits, value)
        });
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result {
        self.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result {
        self.string(value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result {
        let mut seq = ser::Serializer::serialize_seq(self, Some(value.len()))?;
        for byte in value {
            ser::SerializeSeq::serialize_element(&mut seq, byte)?;
        }
        ser::SerializeSeq::end(seq)
    }

    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.variant_key(variant);
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>> {
        self.out.push('[');
        Ok(Compound {
            writer: self,
            first: true,
            close: "]",
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>> {
        self.variant_key(variant);
        self.out.push('[');
        Ok(Compound {
            writer: self,
            first: true,
            close: "]}",
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>> {
        self.out.push('{');
        Ok(Compound {
            writer: self,
            first: true,
            close: "}",
        })
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>> {
        self.variant_key(variant);
        self.out.push('{');
        Ok(Compound {
            writer: self,
            first: true,
            close: "}}",
        })
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result {
        self.displayed(value);
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(self) -> Result {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(self) -> Result {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(self) -> Result {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(self) -> Result {
        self.close();
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.comma();
        key.serialize(KeyWriter(&mut *self.writer))?;
        self.writer.out.push(':');
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }

    fn end(self) -> Result {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }

    fn end(self) -> Result {
        self.close();
        Ok(())
    }
}

/// A map's key: a string, or a number, a boolean or a unit variant written as a string, as
/// serde_json accepts them.
struct KeyWriter<'a>(&'a mut Writer);

fn key_must_be_a_string() -> serde_json::Error {
    serde_json::Error::custom("key must be a string")
}

impl KeyWriter<'_> {
    fn quoted(self, write: impl FnOnce(&mut Writer)) {
        self.0.out.push('"');
        write(self.0);
        self.0.out.push('"');
    }
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Impossible<(), serde_json::Error>;
    type SerializeTuple = Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = Impossible<(), serde_json::Error>;
    type SerializeMap = Impossible<(), serde_json::Error>;
    type SerializeStruct = Impossible<(), serde_json::Error>;
    type SerializeStructVariant = Impossible<(), serde_json::Error>;

    fn serialize_bool(self, value: bool) -> Result {
        self.quoted(|w| w.out.push_str(if value { "true" } else { "false" }));
        Ok(())
    }

    fn serialize_i8(self, value: i8) -> Result {
        self.quoted(|w| w.integer(value));
        Ok(())
    }

    fn serialize_i16(self, value: i16) -> Result {
        self.quoted(|w| w.integer(value));
        Ok(())
    }

    fn serialize_i32(self, value: i32) -> Result {
        self.quoted(|w| w.integer(value));
        Ok(())
    }

    fn serialize_i64(self, value: i64) -> Result {
        self.quoted(|w| w.integer(value));
        Ok(())
    }

    fn serialize_i128(self, value: i128) -> Result {
        self.quoted(|w| w.integer(value));
        Ok(())
    }

    fn serialize_u8(self, value: u8) -> Result {
        self.quoted(|w| w.integer(value));
        Ok(())
    }

    fn serialize_u16(self, value: u16) -> Result {
        self.quoted(|w| w.integer(value));
        Ok(())
    }

    fn serialize_u32(self, value: u32) -> Result {
        self.quoted(|w| w.integer(value));
        Ok(())
    }

    fn serialize_u64(self, value: u64) -> Result {
        self.quoted(|w| w.integer(value));
        Ok(())
    }

    fn serialize_u128(self, value: u128) -> Result {
        self.quoted(|w| w.integer(value));
        Ok(())
    }

    fn serialize_f32(self, value: f32) -> Result {
        if !value.is_finite() {
            return Err(float_key_must_be_finite());
        }
        self.quoted(|w| {
            ser::Serializer::serialize_f32(w, value).expect("a finite float is written");
        });
        Ok(())
    }

    fn serialize_f64(self, value: f64) -> Result {
        if !value.is_finite() {
            return Err(float_key_must_be_finite());
        }
        self.quoted(|w| {
            ser::Serializer::serialize_f64(w, value).expect("a finite float is written");
        });
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result {
        self.0.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result {
        self.0.string(value);
        Ok(())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_none(self) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.0.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result {
        self.0.displayed(value);
        Ok(())
    }
}

fn float_key_must_be_finite() -> serde_json::Error {
    serde_json::Error::custom("float key must be finite (got NaN or +/-inf)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::ser::SerializeMap as _;
    use serde_json::{Value, json};
    use std::collections::BTreeMap;

    /// Any JSON value: strings from every part of Unicode, the control characters, `"` and
    /// `\` among them, numbers of every kind, nested a few levels.
    fn any_value() -> impl Strategy<Value = Value> {
        let text = prop_oneof![
            any::<String>(),
            "[\\x00-\\x1f\"\\\\a-zé\u{7f}\u{2028}😀]{0,40}",
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            text.clone().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::btree_map(text.clone(), inner, 0..8)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn writes_what_serde_json_writes(value in any_value()) {
            prop_assert_eq!(to_json(&value).unwrap(), serde_json::to_string(&value).unwrap());
        }

        #[test]
        fn finds_the_first_byte_to_escape(text in "[\\x00-\\x7fé\u{a2}\u{9c}😀]{0,40}", from in 0usize..48) {
            let bytes = text.as_bytes();
            let expected = bytes.iter().enumerate().skip(from).find(|(_, b)| must_escape(**b)).map(|(i, _)| i);
            prop_assert_eq!(next_escape(bytes, from), expected);
        }
    }

    /// The shapes serde gives a serializer that `serde_json::Value` does not: enum variants
    /// with data, tuples, bytes, chars, `Display` values, maps keyed by numbers and variants.
    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(i8),
        Tuple(u8, char),
        Struct { a: Option<u16>, b: () },
    }

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum KeyVariant {
        First,
    }

    #[derive(Serialize)]
    struct Wrapper(&'static str);

    #[derive(Serialize)]
    struct Every {
        shapes: Vec<Shape>,
        tuple: (i128, u128, f32),
        #[serde(with = "serde_bytes_like")]
        bytes: Vec<u8>,
        at: chrono::DateTime<chrono::Utc>,
        displayed: Quoted,
        by_number: BTreeMap<i32, bool>,
        by_bool: BTreeMap<bool, u8>,
        by_variant: BTreeMap<KeyVariant, Wrapper>,
        by_float: Vec<(f64, u8)>,
        not_finite: [f64; 3],
    }

    /// Serialized with `serialize_bytes`.
    mod serde_bytes_like {
        pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }

    /// A `Display` value that holds characters to escape.
    struct Quoted;
    impl Serialize for Quoted {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&"say \"xin chào\"\n\u{1}")
        }
    }

    #[test]
    fn every_shape_serde_gives_is_written_as_serde_json_writes_it() {
        let every = Every {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(-8),
                Shape::Tuple(255, '"'),
                Shape::Struct { a: None, b: () },
                Shape::Struct { a: Some(7), b: () },
            ],
            tuple: (i128::MIN, u128::MAX, 1.5),
            bytes: vec![0, 127, 255],
            at: "2026-11-23T09:00:00.123456789+07:00".parse().unwrap(),
            displayed: Quoted,
            by_number: [(-1, true), (20, false)].into(),
            by_bool: [(true, 0)].into(),
            by_variant: [(KeyVariant::First, Wrapper("w"))].into(),
            by_float: vec![(0.1, 1)],
            not_finite: [f64::NAN, f64::INFINITY, -0.0],
        };
        assert_eq!(
            to_json(&every).unwrap(),
            serde_json::to_string(&every).unwrap()
        );
        let map: BTreeMap<String, Vec<Shape>> = [("k".to_owned(), vec![])].into();
        assert_eq!(to_json(&map).unwrap(), r#"{"k":[]}"#);
        let floats: BTreeMap<String, f64> = [("x".to_owned(), 2.0)].into();
        assert_eq!(
            to_json(&floats).unwrap(),
            serde_json::to_string(&floats).unwrap()
        );
    }

    /// A map with one float key.
    struct FloatKey(f64);
    impl Serialize for FloatKey {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(1))?;
            map.serialize_entry(&self.0, &1)?;
            map.end()
        }
    }

    #[test]
    fn keys_serde_json_refuses_are_refused() {
        let by_unit: BTreeMap<(), u8> = [((), 1)].into();
        let by_list: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
        for (ours, theirs) in [
            (to_json(&by_unit), serde_json::to_string(&by_unit)),
            (to_json(&by_list), serde_json::to_string(&by_list)),
        ] {
            assert_eq!(
                ours.unwrap_err().to_string(),
                theirs.unwrap_err().to_string()
            );
        }
        for key in [f64::NAN, f64::INFINITY] {
            assert_eq!(
                to_json(&FloatKey(key)).unwrap_err().to_string(),
                serde_json::to_string(&FloatKey(key))
                    .unwrap_err()
                    .to_string()
            );
        }
        assert_eq!(to_json(&FloatKey(2.5)).unwrap(), r#"{"2.5":1}"#);
        assert_eq!(
            to_json(&FloatKey(2.5)).unwrap(),
            serde_json::to_string(&FloatKey(2.5)).unwrap()
        );
        assert_eq!(to_json(&json!({})).unwrap(), "{}");
    }
}
