//! Reading JSON input so that a refusal names the field at fault (`at`, `init.contact.phone`,
//! `records[3].event`) rather than a line and column of JSON text the host may never have
//! seen (a JS object, a Kotlin record turned into text by the binding).
//!
//! Every decoder of the crate's JSON surface goes through [`from_json`]: one code path for
//! every type, so the WASM build carries one decoder per type (see `docs/performance.md`).

use super::Error;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt::Write as _;

/// Decodes `text` as a `T`; on failure `invalid_json` with the JSON path of the value at
/// fault, prefixed with `what` (the argument's name, e.g. `init`; empty for a whole input).
///
/// ```
/// use quytrinh::kernel::{Command, from_json};
/// use quytrinh::workflows::companion::{CompanionCommand, CompanionInit};
/// let err = from_json::<Command<CompanionCommand>>("", r#"{"command_id":"c1",
///     "actor":{"role":"saco","id":"S1"},"at":"yesterday","type":"request_unlink"}"#).unwrap_err();
/// assert_eq!(err.to_string(), "invalid JSON at `at`: input contains invalid characters");
/// let err = from_json::<CompanionInit>("init", "{}").unwrap_err();
/// assert_eq!(err.to_string(), "invalid JSON at `init`: missing field `saco_id`");
/// // A field of the body (a tagged variant, which serde decodes from a copy) is named too.
/// let err = from_json::<Command<CompanionCommand>>("", r#"{"command_id":"c1",
///     "actor":{"role":"saco","id":"S1"},"at":"2026-11-23T09:00:00+07:00","type":"confirm",
///     "request_id":42}"#).unwrap_err();
/// assert!(err.to_string().starts_with("invalid JSON at `request_id`: invalid type"), "{err}");
/// ```
pub fn from_json<T: DeserializeOwned>(what: &str, text: &str) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|e| {
        let mut error = Error::json_at(what, text, &e);
        if let (
            Some(inner),
            Error::InvalidJson {
                path, line, column, ..
            },
        ) = (buffered_fault(text, &e, &decodes::<T>), &mut error)
        {
            *path = super::error::joined_path(what, &inner);
            if path.is_empty() {
                // The fault is the whole input (a field missing from it): no place in it.
                (*line, *column) = (0, 0);
            }
        }
        error
    })
}

/// Decodes a JSON value as a `T`, naming the field at fault like [`from_json`] (the value
/// is written as text and read back, so every type has one decoder).
///
/// ```
/// use quytrinh::kernel::from_json_value;
/// use quytrinh::workflows::companion::CompanionInit;
/// let init = serde_json::json!({"saco_id": "S1", "customer_id": 7, "account": "A1"});
/// let err = from_json_value::<CompanionInit>("init", &init).unwrap_err();
/// assert!(err.to_string().starts_with("invalid JSON at `init.customer_id`: invalid type"), "{err}");
/// ```
pub fn from_json_value<T: DeserializeOwned>(what: &str, value: &Value) -> Result<T, Error> {
    from_json(what, &value.to_string())
}

/// The JSON path (`a.b[2].c`) of the value being read at 1-based `line` and `column` (a byte
/// count, as serde_json reports it) of `text`: the keys and indices of the objects and arrays
/// open there, with the key last read in the innermost object. Empty at the top level.
pub(super) fn path_at(text: &str, line: usize, column: usize) -> String {
    format_path(&steps(&frames_at(
        text.as_bytes(),
        offset_of(text.as_bytes(), line, column),
    )))
}

/// The most probes [`buffered_fault`] makes (each one decodes the whole input again), the
/// most members of one object or array it looks into, and the longest input it probes: a
/// refusal stays cheap (at most 128 decodes of 64 KiB), whatever the input.
const MAX_PROBES: usize = 128;
const MAX_PROBED_MEMBERS: usize = 64;
const MAX_PROBED_BYTES: usize = 64 * 1024;

/// The path of the value at fault when serde read it from a buffer rather than from the text,
/// where no position tells it: the body of a command (collected beside the envelope's fields)
/// and every internally tagged enum (`{"type": …}`: commands, events, queries, reports) are
/// decoded from a copy, so serde_json reports the end of the object, not the field. `None`
/// when the position names the field (then [`path_at`] does).
///
/// The field is found by taking members out. A member is a candidate when removing it
/// changes the error; the member at fault is the one candidate that masks no other, i.e.
/// removing it together with any other candidate gives another error than removing it alone
/// (the envelope's fields and the `type` tag are checked before the rest, so without one of
/// them the error is its `missing field` whatever else is gone). It then looks inside that
/// member the same way. A missing field (whose message names it) is the object's.
///
/// Not generic (`decode` is the one part that knows the type), so each type adds only a call
/// to its own decoder to the WASM build.
fn buffered_fault(
    text: &str,
    e: &serde_json::Error,
    decode: &dyn Fn(&str) -> Decoded,
) -> Option<String> {
    if e.classify() != serde_json::error::Category::Data || text.len() > MAX_PROBED_BYTES {
        return None;
    }
    let bytes = text.as_bytes();
    // No position at all (a decoder that read a copy and kept none): look from the top.
    let end = match e.line() {
        0 => bytes.len(),
        line => offset_of(bytes, line, e.column()).min(bytes.len()),
    };
    // Refused where an object closes (serde_json reads its `}` before it reports): the object
    // just closed is at fault, or one of its members. Anywhere else the position names it.
    if bytes[..end].iter().rev().find(|b| !b.is_ascii_whitespace()) != Some(&b'}') {
        return None;
    }
    let mut at = steps(&frames_at(bytes, end));
    if e.to_string().starts_with("missing field") {
        return Some(format_path(&at));
    }
    let doc: Value = serde_json::from_str(text).ok()?;
    let mut probe = Probe {
        doc,
        probes: 0,
        decode,
    };
    let base = probe.outcome(&at, &[])?;
    let found = at.len();
    while let Some(step) = probe.member_at_fault(&at, &base) {
        at.push(step);
    }
    (at.len() > found).then(|| format_path(&at))
}

/// What decoding a probed input gave: the error's text without its position, or success.
#[derive(PartialEq)]
enum Decoded {
    Decodes,
    Refused(String),
}

#[derive(Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// What decoding `text` as a `T` gives.
fn decodes<T: DeserializeOwned>(text: &str) -> Decoded {
    match serde_json::from_str::<T>(text) {
        Ok(_) => Decoded::Decodes,
        Err(e) => Decoded::Refused(super::error::reason(&e)),
    }
}

struct Probe<'a> {
    doc: Value,
    probes: usize,
    decode: &'a dyn Fn(&str) -> Decoded,
}

impl Probe<'_> {
    /// What decoding the input gives with `removed` members taken out of the value at `at`;
    /// `None` once the probes are spent.
    fn outcome(&mut self, at: &[Step], removed: &[&Step]) -> Option<Decoded> {
        if self.probes == MAX_PROBES {
            return None;
        }
        self.probes += 1;
        let mut doc = self.doc.clone();
        let mut node = &mut doc;
        for step in at {
            node = match step {
                Step::Key(key) => node.get_mut(key.as_str())?,
                Step::Index(n) => node.get_mut(*n)?,
            };
        }
        let mut indices: Vec<usize> = Vec::new();
        for step in removed {
            match (step, &mut *node) {
                (Step::Key(key), Value::Object(map)) => {
                    map.remove(key.as_str());
                }
                (Step::Index(n), Value::Array(_)) => indices.push(*n),
                _ => return None,
            }
        }
        indices.sort_unstable();
        if let Value::Array(items) = node {
            for n in indices.into_iter().rev() {
                items.remove(n);
            }
        }
        Some((self.decode)(&doc.to_string()))
    }

    /// The one member of the value at `at` that is at fault (see [`buffered_fault`]).
    fn member_at_fault(&mut self, at: &[Step], base: &Decoded) -> Option<Step> {
        let mut node = &self.doc;
        for step in at {
            node = match step {
                Step::Key(key) => node.get(key.as_str())?,
                Step::Index(n) => node.get(*n)?,
            };
        }
        let members: Vec<Step> = match node {
            Value::Object(map) if map.len() <= MAX_PROBED_MEMBERS => {
                map.keys().map(|k| Step::Key(k.clone())).collect()
            }
            Value::Array(items) if items.len() <= MAX_PROBED_MEMBERS => {
                (0..items.len()).map(Step::Index).collect()
            }
            _ => return None,
        };
        let mut changing: Vec<(Step, Decoded)> = Vec::new();
        for member in members {
            let without = self.outcome(at, &[&member])?;
            if without != *base {
                changing.push((member, without));
            }
        }
        let mut at_fault = None;
        for (member, without) in &changing {
            let mut masks = false;
            for (other, _) in &changing {
                if other != member && self.outcome(at, &[member, other])? == *without {
                    masks = true;
                    break;
                }
            }
            if !masks {
                if at_fault.is_some() {
                    return None;
                }
                at_fault = Some(member.clone());
            }
        }
        at_fault
    }
}

fn frames_at(bytes: &[u8], end: usize) -> Vec<Frame> {
    let end = end.min(bytes.len());
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => frames.push(Frame::Object(None)),
            b'[' => frames.push(Frame::Array(0)),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => {
                if let Some(Frame::Array(n)) = frames.last_mut() {
                    *n += 1;
                }
            }
            b'"' => {
                let (string, next) = read_string(bytes, i + 1);
                if let Some(Frame::Object(key)) = frames.last_mut()
                    && next_significant(bytes, next) == Some(b':')
                {
                    *key = Some(string);
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    frames
}

/// The keys and indices of the open frames (an object whose key is not read yet adds none).
fn steps(frames: &[Frame]) -> Vec<Step> {
    frames
        .iter()
        .filter_map(|frame| match frame {
            Frame::Object(Some(key)) => Some(Step::Key(key.clone())),
            Frame::Object(None) => None,
            Frame::Array(n) => Some(Step::Index(*n)),
        })
        .collect()
}

/// A path as the errors give it: `a.b[2].c`.
fn format_path(steps: &[Step]) -> String {
    let mut path = String::new();
    for step in steps {
        match step {
            Step::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Step::Index(n) => {
                let _ = write!(path, "[{n}]");
            }
        }
    }
    path
}

enum Frame {
    Object(Option<String>),
    Array(usize),
}

fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(n) => start += n + 1,
            None => return bytes.len(),
        }
    }
    start + column
}

/// The string starting after its opening quote at `from` (escapes kept as written: keys are
/// shown, not interpreted) and the index after its closing quote. A string cut by the
/// error's position is read whole: it is still the key being read.
fn read_string(bytes: &[u8], from: usize) -> (String, usize) {
    let mut i = from;
    while i < bytes.len() && bytes[i] != b'"' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    let close = i.min(bytes.len());
    (
        String::from_utf8_lossy(&bytes[from..close]).into_owned(),
        close + 1,
    )
}

fn next_significant(bytes: &[u8], from: usize) -> Option<u8> {
    bytes[from.min(bytes.len())..]
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::path_at;

    fn at_end(text: &str) -> String {
        path_at(text, 1, text.len())
    }

    #[test]
    fn names_the_key_being_read() {
        assert_eq!(at_end(r#"{"a":1,"at":"yest"#), "at");
        assert_eq!(at_end(r#"{"actor":{"role":"saco","id":5"#), "actor.id");
        assert_eq!(
            at_end(r#"{"records":[{"v":1},{"event":{"type":"x""#),
            "records[1].event.type"
        );
        assert_eq!(at_end(r#"{"a":"}{[,","b":[1,2,"#), "b[2]");
    }

    #[test]
    fn a_closed_object_gives_its_parent() {
        // serde_json reports a missing field after the object's closing brace.
        assert_eq!(at_end(r#"{"actor":{"role":"saco"}"#), "actor");
        assert_eq!(at_end("{}"), "");
    }

    #[test]
    fn counts_lines() {
        let text = "{\n  \"a\": {\n    \"b\": tru";
        assert_eq!(path_at(text, 3, 11), "a.b");
        assert_eq!(path_at(text, 9, 1), "a.b");
    }

    #[test]
    fn escaped_quotes_stay_inside_keys() {
        assert_eq!(at_end(r#"{"say \"hi\"":{"x":"#), r#"say \"hi\".x"#);
    }
}
