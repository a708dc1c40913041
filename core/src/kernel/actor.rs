//! Who issues an input: a role and an identity.

use serde::{Deserialize, Serialize};

/// The role reserved for an instance's own deadlines. Hosts never act as `system`.
pub const SYSTEM_ROLE: &str = "system";

/// The issuer of a command: a `role` (e.g. `saco`, `customer`, `ops`) and an `id` within it.
///
/// ```
/// use quytrinh::kernel::Actor;
/// let saco = Actor::new("saco", "SACO-1");
/// assert_eq!(saco.role, "saco");
/// assert!(!saco.is_system());
/// assert!(Actor::system().is_system());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Actor {
    /// The role, in the snake_case names of the workflow's definition.
    pub role: String,
    /// The identity of the person or system within that role.
    pub id: String,
}

impl Actor {
    /// An actor from a role and an id.
    ///
    /// ```
    /// # use quytrinh::kernel::Actor;
    /// assert_eq!(Actor::new("customer", "KH-1").id, "KH-1");
    /// ```
    pub fn new(role: impl Into<String>, id: impl Into<String>) -> Self {
        Self {
            role: role.into(),
            id: id.into(),
        }
    }

    /// The instance itself, acting through its deadlines.
    ///
    /// ```
    /// # use quytrinh::kernel::Actor;
    /// assert_eq!(Actor::system().role, "system");
    /// ```
    pub fn system() -> Self {
        Self::new(SYSTEM_ROLE, SYSTEM_ROLE)
    }

    /// Whether this is the reserved `system` role.
    ///
    /// ```
    /// # use quytrinh::kernel::Actor;
    /// assert!(Actor::new("system", "anyone").is_system());
    /// ```
    pub fn is_system(&self) -> bool {
        self.role == SYSTEM_ROLE
    }
}
