//! Bilingual labels: every state, command, effect template and rejection has a Vietnamese
//! and an English text, Vietnamese first (SPEC §1.11).

use serde::{Deserialize, Serialize};

/// The language of a rendered text. Vietnamese is the default.
///
/// ```
/// use quytrinh::kernel::Lang;
/// assert_eq!(Lang::default(), Lang::Vi);
/// assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            other => Err(format!(
                "unknown language `{other}` (expected `vi` or `en`)"
            )),
        }
    }
}

/// A static bilingual label, as used in workflow definitions.
///
/// ```
/// use quytrinh::kernel::{Label, Lang};
/// let label = Label::new("Đang xác nhận", "Awaiting confirmation");
/// assert_eq!(label.get(Lang::Vi), "Đang xác nhận");
/// assert_eq!(label.get(Lang::En), "Awaiting confirmation");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Label {
    /// Vietnamese text.
    pub vi: &'static str,
    /// English text.
    pub en: &'static str,
}

impl Label {
    /// A label from its Vietnamese and English texts.
    ///
    /// ```
    /// # use quytrinh::kernel::Label;
    /// assert_eq!(Label::new("Hết hạn", "Expired").en, "Expired");
    /// ```
    pub const fn new(vi: &'static str, en: &'static str) -> Self {
        Self { vi, en }
    }

    /// The text in the given language.
    ///
    /// ```
    /// # use quytrinh::kernel::{Label, Lang};
    /// assert_eq!(Label::new("Từ chối", "Rejected").get(Lang::Vi), "Từ chối");
    /// ```
    pub const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}
