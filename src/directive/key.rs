//! The key of a directive: its symbol and its issue date.

use std::fmt;

use chrono::NaiveDate;

use crate::document::{DocKey, DocSymbol};

/// The key of a directive: its document symbol plus its issue date.
///
/// A symbol alone is not an identity (`16/CT-TTg` names directives of 2020 and of 2022),
/// so a directive is keyed by symbol and date. Unlike a [`DocKey`], whose date may be
/// unknown (a text may cite a document by symbol only), a directive's key is always dated:
/// a directive is built from its own document, which has an issue date. Every obligation
/// names its directive by this key (see [`ObligationKey`](crate::obligation::ObligationKey)).
///
/// `Display` prints `symbol of date` (`1470-CV/TU of 2024-02-22`). With the `serde`
/// feature a key is the struct `{ symbol, issued }`, the date an ISO 8601 string, unknown
/// fields denied.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::directive::DirectiveKey;
/// use directives::document::{DocKey, DocSymbol};
///
/// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
/// let key = DirectiveKey::new(DocSymbol::parse("1470-CV/TU")?, issued);
/// assert_eq!(key.to_string(), "1470-CV/TU of 2024-02-22");
/// assert_eq!(DocKey::from(key).date(), Some(issued));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
pub struct DirectiveKey {
    symbol: DocSymbol,
    #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
    issued: NaiveDate,
}

impl DirectiveKey {
    /// The key of the directive with this symbol, issued on this date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::DirectiveKey;
    /// use directives::document::DocSymbol;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?;
    /// let key = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, issued);
    /// assert_eq!(key.issued(), issued);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(symbol: DocSymbol, issued: NaiveDate) -> DirectiveKey {
        DirectiveKey { symbol, issued }
    }

    /// The directive's document symbol.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::DirectiveKey;
    /// use directives::document::DocSymbol;
    ///
    /// let key = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
    /// assert_eq!(key.symbol().as_str(), "05/CT-UBND");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn symbol(&self) -> &DocSymbol {
        &self.symbol
    }

    /// The directive's issue date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::DirectiveKey;
    /// use directives::document::DocSymbol;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?;
    /// assert_eq!(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, issued).issued(), issued);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issued(&self) -> NaiveDate {
        self.issued
    }
}

impl fmt::Display for DirectiveKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {}", self.symbol, self.issued)
    }
}

/// The document key of the directive's document: the same symbol, dated.
impl From<DirectiveKey> for DocKey {
    fn from(key: DirectiveKey) -> DocKey {
        DocKey::dated(key.symbol, key.issued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> DirectiveKey {
        DirectiveKey::new(
            DocSymbol::parse("1470-CV/TU").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 22).unwrap(),
        )
    }

    #[test]
    fn display_and_doc_key() {
        assert_eq!(key().to_string(), "1470-CV/TU of 2024-02-22");
        assert_eq!(DocKey::from(key()).to_string(), "1470-CV/TU (2024-02-22)");
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_shape() {
        let json = serde_json::to_string(&key()).unwrap();
        assert_eq!(json, r#"{"symbol":"1470-CV/TU","issued":"2024-02-22"}"#);
        assert_eq!(serde_json::from_str::<DirectiveKey>(&json).unwrap(), key());
        let extra = r#"{"symbol":"1470-CV/TU","issued":"2024-02-22","date":"2024-02-22"}"#;
        assert!(serde_json::from_str::<DirectiveKey>(extra).is_err());
        let undated = r#"{"symbol":"1470-CV/TU"}"#;
        assert!(serde_json::from_str::<DirectiveKey>(undated).is_err());
        let bad_symbol = r#"{"symbol":"","issued":"2024-02-22"}"#;
        assert!(serde_json::from_str::<DirectiveKey>(bad_symbol).is_err());
    }
}
