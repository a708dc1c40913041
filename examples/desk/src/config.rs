//! Who may call the desk: bearer tokens mapped to an actor (`role` + `id`) in a TOML file.

use quytrinh::kernel::Actor;
use serde::Deserialize;
use std::collections::HashMap;

/// The demo tokens served when no `--tokens` file is given (`examples/desk/tokens.toml`).
pub const DEMO_TOKENS: &str = include_str!("../tokens.toml");

/// The callers the desk knows: each token stands for one actor. No token may stand for
/// the `system` role: only the desk's own scheduler acts as `system`, through the kernel's
/// deadlines.
///
/// ```
/// use quytrinh_desk::Tokens;
/// let tokens = Tokens::from_toml(r#"
///     [[token]]
///     token = "tok-ops-1"
///     role = "ops"
///     id = "NV-09"
/// "#).unwrap();
/// assert_eq!(tokens.actor("tok-ops-1").unwrap().id, "NV-09");
/// assert!(tokens.actor("forged").is_none());
/// let system = "[[token]]\ntoken = \"t\"\nrole = \"system\"\nid = \"x\"\n";
/// assert!(Tokens::from_toml(system).unwrap_err().contains("system"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    by_token: HashMap<String, Actor>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    token: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    token: String,
    role: String,
    id: String,
}

impl Tokens {
    /// Reads a tokens file: `[[token]]` tables with `token`, `role` and `id`. Refuses an
    /// empty or repeated token, an empty role or id, and the `system` role.
    ///
    /// ```
    /// # use quytrinh_desk::Tokens;
    /// let twice = "[[token]]\ntoken = \"a\"\nrole = \"ops\"\nid = \"1\"\n[[token]]\ntoken = \"a\"\nrole = \"ops\"\nid = \"2\"\n";
    /// assert!(Tokens::from_toml(twice).unwrap_err().contains("twice"));
    /// ```
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let file: File = toml::from_str(text).map_err(|e| format!("tokens file: {e}"))?;
        let mut by_token = HashMap::new();
        for entry in file.token {
            if entry.token.trim().is_empty() || entry.role.is_empty() || entry.id.is_empty() {
                return Err("tokens file: every token needs a non-empty token, role and id".into());
            }
            let actor = Actor::new(entry.role, entry.id);
            if actor.is_system() {
                return Err(format!(
                    "tokens file: no caller may act as `system` (token for id `{}`)",
                    actor.id
                ));
            }
            if by_token.insert(entry.token, actor).is_some() {
                return Err("tokens file: a token is given twice".into());
            }
        }
        Ok(Self { by_token })
    }

    /// The actor a token stands for.
    ///
    /// ```
    /// # use quytrinh_desk::Tokens;
    /// let tokens = Tokens::from_toml(quytrinh_desk::DEMO_TOKENS).unwrap();
    /// assert_eq!(tokens.actor("demo-intake").unwrap().role, "intake");
    /// ```
    pub fn actor(&self, token: &str) -> Option<&Actor> {
        self.by_token.get(token)
    }
}
