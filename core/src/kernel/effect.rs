//! Effects: instructions for the host, returned as data with deterministic idempotency keys.

use super::tagged::{Envelope, deserialize_enveloped, once, required, write_entry};
use super::{Tagged, TypeName};
use serde::de::{self, DeserializeOwned, MapAccess};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// The channel of a notification.
///
/// ```
/// use quytrinh::kernel::Channel;
/// assert_eq!(serde_json::to_string(&Channel::InApp).unwrap(), "\"in_app\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Channel {
    /// An in-app message or notification.
    InApp,
    /// An e-mail.
    Email,
    /// A text message.
    Sms,
}

/// Someone a notification is for: a role and an id, as in [`Actor`](super::Actor).
///
/// ```
/// use quytrinh::kernel::Recipient;
/// let r = Recipient::new("customer", "KH-1");
/// assert_eq!(r.role, "customer");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Recipient {
    /// The recipient's role.
    pub role: String,
    /// The recipient's id.
    pub id: String,
}

impl Recipient {
    /// A recipient from a role and an id.
    ///
    /// ```
    /// # use quytrinh::kernel::Recipient;
    /// assert_eq!(Recipient::new("saco", "S1").id, "S1");
    /// ```
    pub fn new(role: impl Into<String>, id: impl Into<String>) -> Self {
        Self {
            role: role.into(),
            id: id.into(),
        }
    }
}

/// A notification for the host to render and send: a template id, never rendered text.
///
/// ```
/// use quytrinh::kernel::{Channel, Notification, Recipient};
/// let n = Notification::new(Channel::Email, "companion.unlink_completed")
///     .to(Recipient::new("customer", "KH-1"))
///     .with("request_id", "R1");
/// assert_eq!(n.recipients.len(), 1);
/// assert_eq!(n.data.get("request_id"), Some("R1"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Notification {
    /// How to send it.
    pub channel: Channel,
    /// The template id, labelled in the workflow's definition.
    pub template: String,
    /// Who receives it.
    pub recipients: Vec<Recipient>,
    /// The values the template needs, by name (sorted, so output is deterministic).
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, string>"))]
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, String>"))]
    pub data: TemplateData,
}

impl Notification {
    /// A notification with no recipients and no data yet.
    ///
    /// ```
    /// # use quytrinh::kernel::{Channel, Notification};
    /// assert!(Notification::new(Channel::Sms, "t").recipients.is_empty());
    /// ```
    pub fn new(channel: Channel, template: impl Into<String>) -> Self {
        Self {
            channel,
            template: template.into(),
            recipients: Vec::new(),
            data: TemplateData::default(),
        }
    }

    /// Adds a recipient.
    ///
    /// ```
    /// # use quytrinh::kernel::{Channel, Notification, Recipient};
    /// let n = Notification::new(Channel::InApp, "t").to(Recipient::new("saco", "S1"));
    /// assert_eq!(n.recipients[0].id, "S1");
    /// ```
    #[must_use]
    pub fn to(mut self, recipient: Recipient) -> Self {
        self.recipients.push(recipient);
        self
    }

    /// Adds a template value.
    ///
    /// ```
    /// # use quytrinh::kernel::{Channel, Notification};
    /// let n = Notification::new(Channel::InApp, "t").with("k", "v");
    /// assert_eq!(n.data.get("k"), Some("v"));
    /// ```
    #[must_use]
    pub fn with(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.data.insert(name, value);
        self
    }
}

/// The values a notification's template needs, by name: kept sorted by name, so every output
/// is deterministic; a name given twice keeps its last value. Names and values that are
/// fixed text (`&'static str`) are held without a copy. In JSON an object of strings.
///
/// ```
/// use quytrinh::kernel::TemplateData;
/// let mut data = TemplateData::default();
/// data.insert("b", "2");
/// data.insert("a", String::from("1"));
/// data.insert("b", "3");
/// assert_eq!(data.iter().collect::<Vec<_>>(), [("a", "1"), ("b", "3")]);
/// assert_eq!((data.get("b"), data.get("c"), data.len()), (Some("3"), None, 2));
/// assert_eq!(serde_json::to_string(&data).unwrap(), r#"{"a":"1","b":"3"}"#);
/// assert_eq!(serde_json::from_str::<TemplateData>(r#"{"b":"3","a":"1"}"#).unwrap(), data);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateData(Vec<(Cow<'static, str>, Cow<'static, str>)>);

impl TemplateData {
    /// Sets the value of `name`, replacing an earlier one.
    ///
    /// ```
    /// # use quytrinh::kernel::TemplateData;
    /// let mut data = TemplateData::default();
    /// data.insert("due", "2026-11-24T02:00:00Z");
    /// assert_eq!(data.get("due"), Some("2026-11-24T02:00:00Z"));
    /// ```
    pub fn insert(
        &mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<Cow<'static, str>>,
    ) {
        let (name, value) = (name.into(), value.into());
        match self
            .0
            .binary_search_by(|(held, _)| held.as_ref().cmp(name.as_ref()))
        {
            Ok(at) => self.0[at].1 = value,
            Err(at) => self.0.insert(at, (name, value)),
        }
    }

    /// The value of `name`, if set.
    ///
    /// ```
    /// # use quytrinh::kernel::TemplateData;
    /// assert_eq!(TemplateData::default().get("due"), None);
    /// ```
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(held, _)| held.as_ref().cmp(name))
            .ok()
            .map(|at| self.0[at].1.as_ref())
    }

    /// Every name and value, sorted by name.
    ///
    /// ```
    /// # use quytrinh::kernel::TemplateData;
    /// let mut data = TemplateData::default();
    /// data.insert("k", "v");
    /// assert_eq!(data.iter().next(), Some(("k", "v")));
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.0
            .iter()
            .map(|(name, value)| (name.as_ref(), value.as_ref()))
    }

    /// How many values are set.
    ///
    /// ```
    /// # use quytrinh::kernel::TemplateData;
    /// assert_eq!(TemplateData::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no value is set.
    ///
    /// ```
    /// # use quytrinh::kernel::TemplateData;
    /// assert!(TemplateData::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<N: Into<Cow<'static, str>>, V: Into<Cow<'static, str>>> FromIterator<(N, V)> for TemplateData {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(pairs: I) -> Self {
        let mut data = Self::default();
        for (name, value) in pairs {
            data.insert(name, value);
        }
        data
    }
}

impl Serialize for TemplateData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for TemplateData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Through the same map type as before, so a stored document reads as it always did.
        Ok(BTreeMap::<String, String>::deserialize(deserializer)?
            .into_iter()
            .collect())
    }
}

/// An effect's names: its kind (its JSON `kind`, from [`TypeName`]) and its short name for
/// timelines and conformance expectations (`notify:<template>` for notifications, the kind
/// otherwise). A workflow says only which of its effects is a notification.
///
/// ```
/// use quytrinh::kernel::{Channel, EffectName, Notification, TypeName};
/// #[derive(strum::IntoStaticStr, strum::VariantNames)]
/// #[strum(serialize_all = "snake_case")]
/// enum Fx { Notify(Notification), LockTokens }
/// impl EffectName for Fx {
///     fn notification(&self) -> Option<&Notification> {
///         match self { Fx::Notify(n) => Some(n), Fx::LockTokens => None }
///     }
/// }
/// assert_eq!(Fx::LockTokens.short_name(), "lock_tokens");
/// assert_eq!(Fx::Notify(Notification::new(Channel::Email, "case.closed")).short_name(),
///     "notify:case.closed");
/// ```
pub trait EffectName: TypeName {
    /// The notification this effect sends, when it is one.
    fn notification(&self) -> Option<&Notification>;

    /// The effect's short name: `notify:<template>`, or its kind, e.g.
    /// `suspend_trading_rights`.
    fn short_name(&self) -> String {
        match self.notification() {
            Some(n) => format!("notify:{}", n.template),
            None => self.name().to_owned(),
        }
    }
}

/// An effect with its idempotency key `{instance_id}:{event version}:{index}`, unique per
/// instance and stable across retries and replays, so a host with a transactional outbox can
/// deliver at least once, safely.
///
/// ```
/// use quytrinh::kernel::Keyed;
/// let keyed = Keyed { key: "rel-1:3:0".to_owned(), effect: "anything" };
/// assert_eq!(keyed.key, "rel-1:3:0");
/// ```
///
/// In JSON the key sits beside the effect's own fields (`{"key": …, "kind": …, …}`); the
/// effect's fields are checked strictly by the effect's type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Keyed<E> {
    /// The idempotency key.
    pub key: String,
    /// The effect itself.
    #[serde(flatten)]
    pub effect: E,
}

impl<'de, E: Tagged + DeserializeOwned> Deserialize<'de> for Keyed<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_enveloped::<D, KeyEnvelope<E>>(deserializer)
    }
}

/// The key of an effect as it is read, beside the effect's own fields.
struct KeyEnvelope<E> {
    key: Option<String>,
    effect: PhantomData<E>,
}

impl<E> Default for KeyEnvelope<E> {
    fn default() -> Self {
        Self {
            key: None,
            effect: PhantomData,
        }
    }
}

impl<E: Tagged + DeserializeOwned> Envelope for KeyEnvelope<E> {
    type Body = E;
    type Whole = Keyed<E>;
    const EXPECTING: &'static str = "an effect object with key and kind";

    fn take<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        if key != "key" {
            return Ok(false);
        }
        once(&mut self.key, "key", map.next_value()?)?;
        Ok(true)
    }

    fn complete<Er: de::Error>(&self) -> Result<(), Er> {
        required(self.key.as_ref(), "key").map(drop)
    }

    fn finish<Er: de::Error>(self, effect: E) -> Result<Keyed<E>, Er> {
        Ok(Keyed {
            key: required(self.key, "key")?,
            effect,
        })
    }

    fn write(&self, text: &mut String) -> Result<(), serde_json::Error> {
        match &self.key {
            Some(key) => write_entry(text, "key", key),
            None => Ok(()),
        }
    }
}
