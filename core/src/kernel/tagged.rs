//! Tagged objects read with their tag first: a command, an event, an effect, a query
//! (`{"type": "confirm", "request_id": "R1"}`), read as they stream by rather than copied whole
//! into a buffer first.
//!
//! serde reads an internally tagged enum (`#[serde(tag = "…")]`) by buffering the whole object,
//! then reading the variant from the buffer. [`TaggedDeserialize`](crate::kernel::TaggedDeserialize)
//! derives [`Tagged`] and a `Deserialize` that calls [`deserialize`] here instead: when the
//! object's first key is the tag (as quytrinh writes every tagged object, and as hosts write
//! them), the variant is read from the rest of the object directly. The same holds with an
//! envelope around the body ([`Envelope`]: a command's `command_id`, `actor`, `at`,
//! `expected_version`; an effect's `key`), whose fields may sit anywhere in the object. An
//! object with a body field before its tag is read whole and read again with its tag first, so
//! every order of keys is accepted, and read by one decoder.

use super::error::reason;
use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::marker::PhantomData;

/// An enum read from a JSON object whose tag (`type`, `kind`) names the variant, the other
/// fields being the variant's. Derived with [`TaggedDeserialize`](crate::kernel::TaggedDeserialize),
/// which also gives the enum its `Deserialize`.
///
/// ```
/// use quytrinh::kernel::{Tagged, TaggedDeserialize};
/// #[derive(Debug, PartialEq, serde::Serialize, TaggedDeserialize)]
/// #[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
/// enum Ticket {
///     Open { title: String },
///     Close {},
/// }
/// assert_eq!(Ticket::TAG, "type");
/// let open = Ticket::Open { title: "Mất kết nối".into() };
/// assert_eq!(serde_json::from_str::<Ticket>(r#"{"type":"open","title":"Mất kết nối"}"#).unwrap(), open);
/// // Any order of keys; unknown fields refused as serde's own derive refuses them.
/// assert_eq!(serde_json::from_str::<Ticket>(r#"{"title":"Mất kết nối","type":"open"}"#).unwrap(), open);
/// let err = serde_json::from_str::<Ticket>(r#"{"type":"close","title":"x"}"#).unwrap_err();
/// assert!(err.to_string().starts_with("unknown field `title`, there are no fields"), "{err}");
/// ```
pub trait Tagged: Sized {
    /// The name of the tag field.
    const TAG: &'static str;
    /// What a refusal says was expected, serde's words: `internally tagged enum Ticket`.
    const EXPECTING: &'static str;

    /// Reads the enum as externally tagged from `variant`, a deserializer that hands over the
    /// tag's value as the variant's name and the object's other fields as its content.
    fn deserialize_variant<'de, D: Deserializer<'de>>(variant: D) -> Result<Self, D::Error>;
}

/// The fields that share a tagged body's JSON object, e.g. a command's envelope around its
/// body: they are taken out of the object wherever they sit, and the rest is the body's.
///
/// ```
/// use quytrinh::kernel::Command;
/// use quytrinh::workflows::companion::CompanionCommand;
/// // The envelope's fields before, between and after the body's.
/// let cmd: Command<CompanionCommand> = serde_json::from_str(r#"{"type":"confirm",
///     "command_id":"c1","request_id":"R1","actor":{"role":"customer","id":"7"},
///     "at":"2026-11-23T09:00:00+07:00"}"#).unwrap();
/// assert_eq!(cmd.body, CompanionCommand::Confirm { request_id: "R1".into() });
/// ```
pub(crate) trait Envelope: Default {
    /// The tagged body.
    type Body: Tagged;
    /// The envelope and its body together.
    type Whole: DeserializeOwned;
    /// What a refusal of anything but an object says was expected.
    const EXPECTING: &'static str;

    /// Takes the entry named `key`, reading its value from `map`, if it is the envelope's;
    /// `false` if it is the body's (its value then still unread).
    fn take<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
    /// Refuses an object without one of the envelope's required fields; called when the object
    /// ends, before the body's own missing fields are looked for.
    fn complete<E: de::Error>(&self) -> Result<(), E>;
    /// The envelope and its body.
    fn finish<E: de::Error>(self, body: Self::Body) -> Result<Self::Whole, E>;
    /// Writes the envelope's fields as JSON object entries, each followed by `,`.
    fn write(&self, text: &mut String) -> Result<(), serde_json::Error>;
}

/// Reads a [`Tagged`] enum that has its object to itself: what its derived `Deserialize` calls.
///
/// ```
/// use quytrinh::kernel::deserialize_tagged;
/// use quytrinh::workflows::companion::CompanionCommand;
/// let mut reader = serde_json::Deserializer::from_str(r#"{"type":"withdraw","request_id":"R1"}"#);
/// let c: CompanionCommand = deserialize_tagged(&mut reader).unwrap();
/// assert_eq!(c, CompanionCommand::Withdraw { request_id: "R1".into() });
/// let c: CompanionCommand = serde_json::from_str(r#"{"type":"reject","request_id":"R1"}"#).unwrap();
/// assert_eq!(c, CompanionCommand::Reject { request_id: "R1".into() });
/// let err = serde_json::from_str::<CompanionCommand>(r#"{"request_id":"R1"}"#).unwrap_err();
/// assert!(err.to_string().starts_with("missing field `type`"), "{err}");
/// ```
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Tagged + DeserializeOwned,
{
    deserialize_enveloped::<D, Bare<T>>(deserializer)
}

/// Reads an [`Envelope`] and its tagged body from one JSON object.
pub(crate) fn deserialize_enveloped<'de, D, E>(deserializer: D) -> Result<E::Whole, D::Error>
where
    D: Deserializer<'de>,
    E: Envelope,
{
    deserializer.deserialize_map(ObjectVisitor::<E>(PhantomData))
}

/// An envelope's field as read, or `missing field`.
pub(crate) fn required<T, E: de::Error>(slot: Option<T>, field: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(field))
}

/// Sets an envelope's field read from JSON, refusing a key given twice (a repeated key would
/// otherwise let the last one silently win).
pub(crate) fn once<T, E: de::Error>(
    slot: &mut Option<T>,
    field: &'static str,
    value: T,
) -> Result<(), E> {
    if slot.replace(value).is_some() {
        return Err(E::duplicate_field(field));
    }
    Ok(())
}

/// The envelope of an enum that has its object to itself: nothing.
struct Bare<T>(PhantomData<T>);

impl<T> Default for Bare<T> {
    fn default() -> Self {
        Self(PhantomData)
    }
}

impl<T: Tagged + DeserializeOwned> Envelope for Bare<T> {
    type Body = T;
    type Whole = T;
    const EXPECTING: &'static str = T::EXPECTING;

    fn take<'de, A: MapAccess<'de>>(&mut self, _: &str, _: &mut A) -> Result<bool, A::Error> {
        Ok(false)
    }

    fn complete<E: de::Error>(&self) -> Result<(), E> {
        Ok(())
    }

    fn finish<E: de::Error>(self, body: T) -> Result<T, E> {
        Ok(body)
    }

    fn write(&self, _: &mut String) -> Result<(), serde_json::Error> {
        Ok(())
    }
}

/// A key of the object, borrowed from the JSON text when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct ObjectVisitor<E>(PhantomData<E>);

impl<'de, E: Envelope> Visitor<'de> for ObjectVisitor<E> {
    type Value = E::Whole;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(E::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<E::Whole, A::Error> {
        let mut envelope = E::default();
        while let Some(Key(key)) = map.next_key()? {
            if envelope.take(&key, &mut map)? {
                continue;
            }
            if key != <E::Body as Tagged>::TAG {
                return read_again(envelope, key, map);
            }
            let body = E::Body::deserialize_variant(VariantDeserializer(BodyEntries {
                map: &mut map,
                envelope: &mut envelope,
            }))?;
            return envelope.finish(body);
        }
        envelope.complete()?;
        Err(de::Error::missing_field(<E::Body as Tagged>::TAG))
    }
}

/// The object's entries after the tag, without the envelope's (taken as they come by): the
/// body's fields, as the derived variant reads them.
struct BodyEntries<'a, A, E> {
    map: &'a mut A,
    envelope: &'a mut E,
}

impl<'de, A: MapAccess<'de>, E: Envelope> MapAccess<'de> for BodyEntries<'_, A, E> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while let Some(Key(key)) = self.map.next_key()? {
            if self.envelope.take(&key, self.map)? {
                continue;
            }
            if key == <E::Body as Tagged>::TAG {
                return Err(de::Error::duplicate_field(<E::Body as Tagged>::TAG));
            }
            let field: StrDeserializer<'_, A::Error> = key.as_ref().into_deserializer();
            return seed.deserialize(field).map(Some);
        }
        self.envelope.complete()?;
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// Hands the derived externally tagged reading the tag's value as the variant's name, and the
/// body's entries as the variant's fields.
struct VariantDeserializer<M>(M);

impl<'de, M: MapAccess<'de>> Deserializer<'de> for VariantDeserializer<M> {
    type Error = M::Error;

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, M::Error> {
        visitor.visit_enum(self)
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, M::Error> {
        visitor.visit_map(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

impl<'de, M: MapAccess<'de>> EnumAccess<'de> for VariantDeserializer<M> {
    type Error = M::Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(
        mut self,
        seed: V,
    ) -> Result<(V::Value, Self), M::Error> {
        let variant = self.0.next_value_seed(seed)?;
        Ok((variant, self))
    }
}

impl<'de, M: MapAccess<'de>> VariantAccess<'de> for VariantDeserializer<M> {
    type Error = M::Error;

    fn unit_variant(mut self) -> Result<(), M::Error> {
        match self.0.next_key::<String>()? {
            Some(field) => Err(de::Error::unknown_field(&field, &[])),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, M::Error> {
        seed.deserialize(MapAccessDeserializer::new(self.0))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, M::Error> {
        Err(de::Error::invalid_type(Unexpected::Map, &visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, M::Error> {
        visitor.visit_map(self.0)
    }
}

/// An object with a body field before its tag: the rest of it is read as JSON values, then the
/// whole is written again with the envelope and the tag first, and read from that text (by the
/// same decoder as every input, so no second decoder of every variant is built). A refusal of
/// that reading names no place in the text (it is not the host's); [`from_json`] finds the
/// field at fault in the host's own text.
///
/// [`from_json`]: crate::kernel::from_json
fn read_again<'de, E: Envelope, A: MapAccess<'de>>(
    mut envelope: E,
    first: Cow<'de, str>,
    mut map: A,
) -> Result<E::Whole, A::Error> {
    let tag = <E::Body as Tagged>::TAG;
    let mut body: Vec<(Cow<'de, str>, Value)> = Vec::new();
    let mut seen: BTreeSet<Cow<'de, str>> = BTreeSet::new();
    let mut key = Some(first);
    while let Some(name) = key.take() {
        if !seen.insert(name.clone()) {
            return Err(de::Error::custom(format_args!("duplicate field `{name}`")));
        }
        body.push((name, map.next_value()?));
        while let Some(Key(next)) = map.next_key()? {
            if !envelope.take(&next, &mut map)? {
                key = Some(next);
                break;
            }
        }
    }
    envelope.complete()?;
    let Some(at) = body.iter().position(|(name, _)| name == tag) else {
        return Err(de::Error::missing_field(tag));
    };
    let tagged = body.remove(at);
    let text = written_again(&envelope, tagged, &body).map_err(de::Error::custom)?;
    serde_json::from_str(&text).map_err(|e| de::Error::custom(reason(&e)))
}

/// `{envelope…, tag, body…}` as JSON text.
fn written_again<E: Envelope>(
    envelope: &E,
    (tag, value): (Cow<'_, str>, Value),
    body: &[(Cow<'_, str>, Value)],
) -> Result<String, serde_json::Error> {
    let mut text = String::from("{");
    envelope.write(&mut text)?;
    write_entry(&mut text, &tag, &value)?;
    for (name, value) in body {
        write_entry(&mut text, name, value)?;
    }
    text.pop();
    text.push('}');
    Ok(text)
}

/// Writes `"key":value,` to `text`.
pub(crate) fn write_entry(
    text: &mut String,
    key: &str,
    value: &impl Serialize,
) -> Result<(), serde_json::Error> {
    text.push_str(&super::to_json(key)?);
    text.push(':');
    text.push_str(&super::to_json(value)?);
    text.push(',');
    Ok(())
}
