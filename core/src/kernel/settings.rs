//! Settings of the kernel itself, the same for every workflow.

use serde::{Deserialize, Serialize};

/// The default number of command ids an instance remembers.
pub const DEFAULT_REMEMBERED_COMMANDS: u32 = 64;
/// The largest number of command ids an instance may remember.
pub const MAX_REMEMBERED_COMMANDS: u32 = 4096;

/// Kernel settings, stored in snapshots.
///
/// `remembered_commands` bounds the memory of accepted command ids: an instance remembers
/// the last N commands it accepted (default 64, at most 4096), so a long-lived instance
/// does not grow without end. A retry of an older command is treated as a new command;
/// hosts that retry later than N commands must deduplicate themselves.
///
/// ```
/// use quytrinh::kernel::Settings;
/// assert_eq!(Settings::default().remembered_commands, 64);
/// let s: Settings = serde_json::from_str(r#"{"remembered_commands": 8}"#).unwrap();
/// assert_eq!(s.remembered_commands, 8);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Settings {
    /// How many accepted command ids to remember (1 to 4096).
    pub remembered_commands: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            remembered_commands: DEFAULT_REMEMBERED_COMMANDS,
        }
    }
}

impl Settings {
    /// Checks the bounds.
    ///
    /// ```
    /// # use quytrinh::kernel::Settings;
    /// assert!(Settings { remembered_commands: 0 }.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        if (1..=MAX_REMEMBERED_COMMANDS).contains(&self.remembered_commands) {
            Ok(())
        } else {
            Err(format!(
                "remembered_commands must be 1 to {MAX_REMEMBERED_COMMANDS}, found {}",
                self.remembered_commands
            ))
        }
    }
}
