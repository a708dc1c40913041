//! Effects: instructions for the host, returned as data with deterministic idempotency keys.

use super::TypeName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
/// assert_eq!(n.data["request_id"], "R1");
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
    pub data: BTreeMap<String, String>,
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
            data: BTreeMap::new(),
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
    /// assert_eq!(n.data["k"], "v");
    /// ```
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.data.insert(key.into(), value.into());
        self
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keyed<E> {
    /// The idempotency key.
    pub key: String,
    /// The effect itself.
    #[serde(flatten)]
    pub effect: E,
}
