//! The language of text written for people: Vietnamese or English.
//!
//! Errors keep an English `Display`, as Rust's errors do; the errors people meet (loading
//! files, names and dates they typed, limits) also have `sentence(lang)`, which
//! [`Error::sentence`](crate::Error::sentence) reaches for any of them.

use std::fmt;
use std::str::FromStr;

/// The language a label, sentence or report is written in.
///
/// Every type with text for people takes a `Lang` in one method (`label(lang)` for fixed
/// labels, `sentence(lang)` for composed text) instead of a pair of methods per language.
/// It reads and writes as its ISO 639-1 code, `vi` or `en`.
///
/// # Example
///
/// ```
/// use directives::Lang;
///
/// let lang: Lang = "vi".parse()?;
/// assert_eq!(lang, Lang::Vi);
/// assert_eq!(lang.to_string(), "vi");
/// assert!("fr".parse::<Lang>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Lang {
    /// Vietnamese (`vi`), the language of the documents.
    #[default]
    Vi,
    /// English (`en`).
    En,
}

impl Lang {
    /// Both languages, Vietnamese first.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The ISO 639-1 code: `vi` or `en`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::Lang::En.code(), "en");
    /// ```
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Picks the text for this language from a Vietnamese and an English one.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    ///
    /// assert_eq!(Lang::Vi.pick("quá hạn", "overdue"), "quá hạn");
    /// assert_eq!(Lang::En.pick("quá hạn", "overdue"), "overdue");
    /// ```
    #[must_use]
    pub const fn pick<T: Copy>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code other than `vi` or `en`.
///
/// # Example
///
/// ```
/// let err = "fr".parse::<directives::Lang>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown language `fr`: expected `vi` or `en`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0}: expected `vi` or `en`")]
pub struct LangError(String);

impl LangError {
    /// The error as a sentence in `lang` (the English one is also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    ///
    /// let err = "fr".parse::<Lang>().unwrap_err();
    /// assert_eq!(err.sentence(Lang::Vi), "không có ngôn ngữ `fr`: cần là `vi` hoặc `en`");
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("không có ngôn ngữ {}: cần là `vi` hoặc `en`", self.0),
            Lang::En => self.to_string(),
        }
    }
}

impl FromStr for Lang {
    type Err = LangError;

    fn from_str(text: &str) -> Result<Lang, LangError> {
        match text {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            other => Err(LangError(crate::text::quote(other))),
        }
    }
}
