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
/// ```
pub fn from_json<T: DeserializeOwned>(what: &str, text: &str) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|e| Error::json_at(what, text, &e))
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
    let bytes = text.as_bytes();
    let end = offset_of(bytes, line, column).min(bytes.len());
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
    let mut path = String::new();
    for frame in &frames {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => {
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
