//! Documents, their keys, issuers, signers and references.

use std::fmt;

use chrono::NaiveDate;

use super::{DocKind, DocSymbol, DocumentError};
use crate::org::BodyCode;
use crate::text::{is_blank, nfc};

/// The key of a document: its symbol plus its issue date, which may be unknown.
///
/// A symbol alone is not an identity (`16/CT-TTg` names directives of 2020 and of 2022), so
/// documents are keyed by symbol and date. A text that cites a document by symbol only
/// gives an undated key; an index resolves it when exactly one document has that symbol.
///
/// `Display` prints `symbol (date)`, or the symbol alone when the date is unknown. With the
/// `serde` feature a key is `{ symbol = "…", date = "YYYY-MM-DD" }`, the date optional.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::document::{DocKey, DocSymbol};
///
/// let key = DocKey::dated(DocSymbol::parse("16/CT-TTg")?, NaiveDate::from_ymd_opt(2020, 3, 31).ok_or("date")?);
/// assert_eq!(key.to_string(), "16/CT-TTg (2020-03-31)");
/// assert_eq!(DocKey::undated(DocSymbol::parse("16/CT-TTg")?).to_string(), "16/CT-TTg");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DocKey {
    symbol: DocSymbol,
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::text::deserialize_optional_date"
        )
    )]
    date: Option<NaiveDate>,
}

impl DocKey {
    /// A key with a symbol and an optional date.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKey, DocSymbol};
    ///
    /// let key = DocKey::new(DocSymbol::parse("114-KL/TW")?, None);
    /// assert_eq!(key.date(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(symbol: DocSymbol, date: Option<NaiveDate>) -> DocKey {
        DocKey { symbol, date }
    }

    /// A key with a known issue date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol};
    ///
    /// let date = NaiveDate::from_ymd_opt(2015, 7, 14).ok_or("date")?;
    /// assert_eq!(DocKey::dated(DocSymbol::parse("114-KL/TW")?, date).date(), Some(date));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn dated(symbol: DocSymbol, date: NaiveDate) -> DocKey {
        DocKey {
            symbol,
            date: Some(date),
        }
    }

    /// A key whose date is unknown.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKey, DocSymbol};
    ///
    /// assert_eq!(DocKey::undated(DocSymbol::parse("114-KL/TW")?).symbol().as_str(), "114-KL/TW");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn undated(symbol: DocSymbol) -> DocKey {
        DocKey { symbol, date: None }
    }

    /// The symbol.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol};
    ///
    /// let date = NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?;
    /// let key = DocKey::dated(DocSymbol::parse("23-QĐ/TW")?, date);
    /// assert_eq!(key.symbol().as_str(), "23-QĐ/TW");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn symbol(&self) -> &DocSymbol {
        &self.symbol
    }

    /// The issue date, if known.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol};
    ///
    /// let date = NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?;
    /// let key = DocKey::dated(DocSymbol::parse("23-QĐ/TW")?, date);
    /// assert_eq!(key.date(), Some(date));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }

    /// Whether this key can name the document with `other`'s symbol and date: the symbols
    /// are equal and, where both dates are known, so are the dates.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocSymbol};
    ///
    /// let s = DocSymbol::parse("16/CT-TTg")?;
    /// let d2020 = DocKey::dated(s.clone(), NaiveDate::from_ymd_opt(2020, 3, 31).ok_or("date")?);
    /// let d2022 = DocKey::dated(s.clone(), NaiveDate::from_ymd_opt(2022, 9, 20).ok_or("date")?);
    /// assert!(DocKey::undated(s).matches(&d2020));
    /// assert!(!d2022.matches(&d2020));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn matches(&self, other: &DocKey) -> bool {
        self.symbol == other.symbol
            && match (self.date, other.date) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

impl fmt::Display for DocKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.date {
            Some(date) => write!(f, "{} ({date})", self.symbol),
            None => write!(f, "{}", self.symbol),
        }
    }
}

/// Who issued a document: a body of the registry by its code, or a named central issuer.
///
/// Bodies of a province's registry are named by their code (`TH-TU-BTV`); central issuers
/// that the registry does not hold (the Politburo, the Prime Minister) by free text.
///
/// # Example
///
/// ```
/// use directives::document::Issuer;
///
/// let issuer = Issuer::Body("TH-TU-BTV".parse()?);
/// assert_eq!(issuer.to_string(), "TH-TU-BTV");
/// assert_eq!(issuer.body_code().map(|c| c.as_str()), Some("TH-TU-BTV"));
/// assert_eq!(Issuer::Named("Bộ Chính trị".into()).body_code(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Issuer {
    /// A body of the registry, by its code.
    Body(BodyCode),
    /// An issuer outside the registry, by name. [`Issuer::named`] and the data-file form
    /// store the name in Unicode normalization form C.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::text::deserialize_required_text")
    )]
    Named(String),
}

impl Issuer {
    /// An issuer outside the registry, by name, stored in Unicode normalization form C.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::Issuer;
    ///
    /// // "Bộ Chính trị" typed with combining marks (NFD), as on macOS.
    /// let decomposed = "Bo\u{323}\u{302} Chi\u{301}nh tri\u{323}";
    /// assert_eq!(Issuer::named(decomposed), Issuer::Named("Bộ Chính trị".into()));
    /// ```
    #[must_use]
    pub fn named(name: impl Into<String>) -> Issuer {
        Issuer::Named(nfc(name.into()))
    }

    /// The body code, if the issuer is a body of the registry.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::Issuer;
    ///
    /// assert_eq!(Issuer::Body("TH-TU-BTV".parse()?).body_code().map(|c| c.as_str()), Some("TH-TU-BTV"));
    /// assert_eq!(Issuer::Named("Thủ tướng Chính phủ".into()).body_code(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn body_code(&self) -> Option<&BodyCode> {
        match self {
            Issuer::Body(code) => Some(code),
            Issuer::Named(_) => None,
        }
    }
}

impl fmt::Display for Issuer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Issuer::Body(code) => f.write_str(code.as_str()),
            Issuer::Named(name) => f.write_str(name),
        }
    }
}

/// The capacity in which a signer signs for someone else (Decree 30/2020/NĐ-CP art. 13).
///
/// With the `serde` feature an authority is written as its prefix (`"TM."`, `"KT."`,
/// `"Q."`, `"TL."`, `"TUQ."`), as on the document, and read from any spelling that
/// [`Authority::from_prefix`] accepts without surrounding whitespace (`"T/M"`, `"KT"`).
///
/// New capacities may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::document::Authority;
///
/// assert_eq!(Authority::from_prefix("KT."), Some(Authority::OnBehalfOfHead));
/// assert_eq!(Authority::from_prefix("T/M"), Some(Authority::OnBehalfOfCollective));
/// assert_eq!(Authority::ByOrder.prefix(), "TL.");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Authority {
    /// `TM.` (thay mặt): for a collective body, such as a standing committee.
    OnBehalfOfCollective,
    /// `KT.` (ký thay): a deputy for the head.
    OnBehalfOfHead,
    /// `Q.` (quyền): an acting head.
    Acting,
    /// `TL.` (thừa lệnh): by order of the head.
    ByOrder,
    /// `TUQ.` (thừa ủy quyền): by authorisation of the head.
    ByAuthorisation,
}

impl Authority {
    /// The State prefix: `TM.`, `KT.`, `Q.`, `TL.` or `TUQ.`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::Authority;
    ///
    /// assert_eq!(Authority::OnBehalfOfCollective.prefix(), "TM.");
    /// assert_eq!(Authority::ByAuthorisation.prefix(), "TUQ.");
    /// ```
    #[must_use]
    pub fn prefix(self) -> &'static str {
        match self {
            Authority::OnBehalfOfCollective => "TM.",
            Authority::OnBehalfOfHead => "KT.",
            Authority::Acting => "Q.",
            Authority::ByOrder => "TL.",
            Authority::ByAuthorisation => "TUQ.",
        }
    }

    /// The capacity a prefix names, in the State form (`TM.`) or the Party form (`T/M`),
    /// or `None`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::Authority;
    ///
    /// assert_eq!(Authority::from_prefix("Q."), Some(Authority::Acting));
    /// assert_eq!(Authority::from_prefix("K/T"), Some(Authority::OnBehalfOfHead));
    /// assert_eq!(Authority::from_prefix("X."), None);
    /// ```
    #[must_use]
    pub fn from_prefix(prefix: &str) -> Option<Authority> {
        match prefix.trim() {
            "TM." | "TM" | "T/M" => Some(Authority::OnBehalfOfCollective),
            "KT." | "KT" | "K/T" => Some(Authority::OnBehalfOfHead),
            "Q." | "Q" => Some(Authority::Acting),
            "TL." | "TL" | "T/L" => Some(Authority::ByOrder),
            "TUQ." | "TUQ" | "T/UQ" => Some(Authority::ByAuthorisation),
            _ => None,
        }
    }
}

impl fmt::Display for Authority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prefix())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Authority {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.prefix())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Authority {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Authority, D::Error> {
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        Some(text.as_ref())
            .filter(|t| t.trim() == *t)
            .and_then(Authority::from_prefix)
            .ok_or_else(|| {
                serde::de::Error::custom(format_args!(
                    "unknown signing authority `{text}`: expected `TM.`, `KT.`, `Q.`, `TL.` or `TUQ.`"
                ))
            })
    }
}

/// Who signed a document: a name, a title and, when signing for someone else, the
/// capacity (Decree 30/2020/NĐ-CP art. 13) and on whose behalf.
///
/// # Example
///
/// ```
/// use directives::document::{Authority, Signer};
///
/// let signer = Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy")
///     .with_authority(Authority::OnBehalfOfCollective, "Ban Thường vụ");
/// assert_eq!(signer.to_string(), "TM. Ban Thường vụ, Phó Bí thư Thường trực Tỉnh ủy Lại Thế Nguyên");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Signer {
    // INVARIANT (nfc): `name`, `title` and `on_behalf_of` are NFC, by `Signer::new`,
    // `Signer::with_authority` and the deserializers.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::text::deserialize_required_text")
    )]
    name: String,
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::text::deserialize_required_text")
    )]
    title: String,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    authority: Option<Authority>,
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::text::deserialize_optional_required_text"
        )
    )]
    on_behalf_of: Option<String>,
}

impl Signer {
    /// A signer signing in their own name. The name and title are stored in Unicode
    /// normalization form C.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::Signer;
    ///
    /// let signer = Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy");
    /// assert_eq!(signer.authority(), None);
    /// ```
    pub fn new(name: impl Into<String>, title: impl Into<String>) -> Signer {
        Signer {
            name: nfc(name.into()),
            title: nfc(title.into()),
            authority: None,
            on_behalf_of: None,
        }
    }

    /// The same signer, signing in a capacity on behalf of a body or head (stored in
    /// Unicode normalization form C).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{Authority, Signer};
    ///
    /// let signer = Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy")
    ///     .with_authority(Authority::OnBehalfOfCollective, "Ban Thường vụ");
    /// assert_eq!(signer.authority(), Some(Authority::OnBehalfOfCollective));
    /// ```
    #[must_use]
    pub fn with_authority(
        mut self,
        authority: Authority,
        on_behalf_of: impl Into<String>,
    ) -> Signer {
        self.authority = Some(authority);
        self.on_behalf_of = Some(nfc(on_behalf_of.into()));
        self
    }

    /// The signer's name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{Authority, Signer};
    ///
    /// let signer = Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy")
    ///     .with_authority(Authority::OnBehalfOfCollective, "Ban Thường vụ");
    /// assert_eq!(signer.name(), "Lại Thế Nguyên");
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The signer's title.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{Authority, Signer};
    ///
    /// let signer = Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy")
    ///     .with_authority(Authority::OnBehalfOfCollective, "Ban Thường vụ");
    /// assert_eq!(signer.title(), "Phó Bí thư Thường trực Tỉnh ủy");
    /// ```
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The capacity, when signing for someone else.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{Authority, Signer};
    ///
    /// let signer = Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy")
    ///     .with_authority(Authority::OnBehalfOfCollective, "Ban Thường vụ");
    /// assert_eq!(signer.authority().map(Authority::prefix), Some("TM."));
    /// ```
    #[must_use]
    pub fn authority(&self) -> Option<Authority> {
        self.authority
    }

    /// On whose behalf, when signing for someone else.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{Authority, Signer};
    ///
    /// let signer = Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy")
    ///     .with_authority(Authority::OnBehalfOfCollective, "Ban Thường vụ");
    /// assert_eq!(signer.on_behalf_of(), Some("Ban Thường vụ"));
    /// ```
    #[must_use]
    pub fn on_behalf_of(&self) -> Option<&str> {
        self.on_behalf_of.as_deref()
    }
}

impl fmt::Display for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(authority) = self.authority {
            write!(f, "{authority} ")?;
            if let Some(whom) = &self.on_behalf_of {
                write!(f, "{whom}, ")?;
            }
        }
        write!(f, "{} {}", self.title, self.name)
    }
}

/// How a document relates to one it refers to.
///
/// New relations may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::document::Relation;
///
/// assert_eq!(Relation::Implements.to_string(), "implements");
/// assert_eq!(Relation::Implements.label(directives::Lang::Vi), "triển khai thực hiện");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Relation {
    /// Carries out the other document (triển khai thực hiện).
    Implements,
    /// Cites it as a legal basis (căn cứ).
    Cites,
    /// Amends or supplements it (sửa đổi, bổ sung).
    Amends,
    /// Replaces it (thay thế).
    Replaces,
    /// Guides its implementation (hướng dẫn).
    Guides,
}

impl Relation {
    /// The relation's name in `lang`: `căn cứ`, `cites`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::document::Relation;
    ///
    /// assert_eq!(Relation::Cites.label(Lang::Vi), "căn cứ");
    /// assert_eq!(Relation::Replaces.label(Lang::En), "replaces");
    /// ```
    #[must_use]
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::Vi => match self {
                Relation::Implements => "triển khai thực hiện",
                Relation::Cites => "căn cứ",
                Relation::Amends => "sửa đổi, bổ sung",
                Relation::Replaces => "thay thế",
                Relation::Guides => "hướng dẫn",
            },
            crate::Lang::En => match self {
                Relation::Implements => "implements",
                Relation::Cites => "cites",
                Relation::Amends => "amends",
                Relation::Replaces => "replaces",
                Relation::Guides => "guides",
            },
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(crate::Lang::En))
    }
}

/// A reference from one document to another: the relation and the other's key.
///
/// # Example
///
/// ```
/// use directives::document::{DocKey, DocSymbol, Reference, Relation};
///
/// let r = Reference::new(Relation::Cites, DocKey::undated(DocSymbol::parse("114-KL/TW")?));
/// assert_eq!(r.to_string(), "cites 114-KL/TW");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(from = "wire::ReferenceWire", into = "wire::ReferenceWire")
)]
pub struct Reference {
    relation: Relation,
    target: DocKey,
}

impl Reference {
    /// A reference.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKey, DocSymbol, Reference, Relation};
    ///
    /// let r = Reference::new(Relation::Guides, DocKey::undated(DocSymbol::parse("09/2019/NĐ-CP")?));
    /// assert_eq!(r.to_string(), "guides 09/2019/NĐ-CP");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(relation: Relation, target: DocKey) -> Reference {
        Reference { relation, target }
    }

    /// The relation.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKey, DocSymbol, Reference, Relation};
    ///
    /// let r = Reference::new(Relation::Guides, DocKey::undated(DocSymbol::parse("09/2019/NĐ-CP")?));
    /// assert_eq!(r.relation(), Relation::Guides);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn relation(&self) -> Relation {
        self.relation
    }

    /// The referenced document's key.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKey, DocSymbol, Reference, Relation};
    ///
    /// let r = Reference::new(Relation::Guides, DocKey::undated(DocSymbol::parse("09/2019/NĐ-CP")?));
    /// assert_eq!(r.target().symbol().as_str(), "09/2019/NĐ-CP");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn target(&self) -> &DocKey {
        &self.target
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.relation, self.target)
    }
}

/// An official document: symbol, kind, issuer, signer, issue date, title and references.
///
/// Invariants, checked by [`DocumentBuilder::build`]: the kind agrees with the kind the
/// symbol states (an official letter's State symbol states none, a law's neither), no
/// reference names the document itself, and no text is blank (the title is empty when not
/// given; a named issuer and the signer's texts say something).
///
/// With the `serde` feature a document is a table with `symbol`, `issued` and optional
/// `kind`, `issuer`, `signer`, `title` and `references`, deserialized through the builder.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::document::{DocKind, DocSymbol, Document, Issuer};
///
/// let law = Document::builder(DocSymbol::parse("72/2025/QH15")?, NaiveDate::from_ymd_opt(2025, 6, 16).ok_or("date")?)
///     .kind(DocKind::Law)
///     .issuer(Issuer::Named("Quốc hội".into()))
///     .build()?;
/// assert_eq!(law.kind(), DocKind::Law);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "wire::DocumentWire", into = "wire::DocumentWire")
)]
pub struct Document {
    // INVARIANT (document-kind): `kind` equals `symbol.kind()` when that is `Some`.
    symbol: DocSymbol,
    kind: DocKind,
    issuer: Option<Issuer>,
    signer: Option<Signer>,
    issued: NaiveDate,
    title: String,
    // INVARIANT (no-self-reference): no target matches `self.key()`.
    references: Vec<Reference>,
}

impl Document {
    /// Starts building a document with a symbol and an issue date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKind, DocSymbol, Document};
    ///
    /// let doc = Document::builder(DocSymbol::parse("1470-CV/TU")?, NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?)
    ///     .build()?;
    /// assert_eq!(doc.kind(), DocKind::OfficialLetter);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn builder(symbol: DocSymbol, issued: NaiveDate) -> DocumentBuilder {
        DocumentBuilder {
            symbol,
            issued,
            kind: None,
            issuer: None,
            signer: None,
            title: String::new(),
            references: Vec::new(),
        }
    }

    /// The symbol.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let doc = Document::builder(DocSymbol::parse("1470-CV/TU")?, issued)
    ///     .issuer(Issuer::Body("TH-TU-BTV".parse()?))
    ///     .signer(Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy"))
    ///     .title("Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024")
    ///     .reference(Relation::Implements, DocKey::undated(DocSymbol::parse("23-QĐ/TW")?))
    ///     .build()?;
    /// assert_eq!(doc.symbol().to_string(), "1470-CV/TU");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn symbol(&self) -> &DocSymbol {
        &self.symbol
    }

    /// The key: symbol plus issue date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let doc = Document::builder(DocSymbol::parse("1470-CV/TU")?, issued)
    ///     .issuer(Issuer::Body("TH-TU-BTV".parse()?))
    ///     .signer(Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy"))
    ///     .title("Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024")
    ///     .reference(Relation::Implements, DocKey::undated(DocSymbol::parse("23-QĐ/TW")?))
    ///     .build()?;
    /// assert_eq!(doc.key().to_string(), "1470-CV/TU (2024-02-22)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn key(&self) -> DocKey {
        DocKey::dated(self.symbol.clone(), self.issued)
    }

    /// The kind.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let doc = Document::builder(DocSymbol::parse("1470-CV/TU")?, issued)
    ///     .issuer(Issuer::Body("TH-TU-BTV".parse()?))
    ///     .signer(Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy"))
    ///     .title("Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024")
    ///     .reference(Relation::Implements, DocKey::undated(DocSymbol::parse("23-QĐ/TW")?))
    ///     .build()?;
    /// assert_eq!(doc.kind(), DocKind::OfficialLetter);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> DocKind {
        self.kind
    }

    /// The issuer, if given.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let doc = Document::builder(DocSymbol::parse("1470-CV/TU")?, issued)
    ///     .issuer(Issuer::Body("TH-TU-BTV".parse()?))
    ///     .signer(Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy"))
    ///     .title("Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024")
    ///     .reference(Relation::Implements, DocKey::undated(DocSymbol::parse("23-QĐ/TW")?))
    ///     .build()?;
    /// assert_eq!(doc.issuer().and_then(Issuer::body_code).map(|c| c.as_str()), Some("TH-TU-BTV"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issuer(&self) -> Option<&Issuer> {
        self.issuer.as_ref()
    }

    /// The signer, if given.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let doc = Document::builder(DocSymbol::parse("1470-CV/TU")?, issued)
    ///     .issuer(Issuer::Body("TH-TU-BTV".parse()?))
    ///     .signer(Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy"))
    ///     .title("Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024")
    ///     .reference(Relation::Implements, DocKey::undated(DocSymbol::parse("23-QĐ/TW")?))
    ///     .build()?;
    /// assert_eq!(doc.signer().map(Signer::name), Some("Lại Thế Nguyên"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn signer(&self) -> Option<&Signer> {
        self.signer.as_ref()
    }

    /// The issue date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let doc = Document::builder(DocSymbol::parse("1470-CV/TU")?, issued)
    ///     .issuer(Issuer::Body("TH-TU-BTV".parse()?))
    ///     .signer(Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy"))
    ///     .title("Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024")
    ///     .reference(Relation::Implements, DocKey::undated(DocSymbol::parse("23-QĐ/TW")?))
    ///     .build()?;
    /// assert_eq!(doc.issued(), issued);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issued(&self) -> NaiveDate {
        self.issued
    }

    /// The title (trích yếu), possibly empty.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let doc = Document::builder(DocSymbol::parse("1470-CV/TU")?, issued)
    ///     .issuer(Issuer::Body("TH-TU-BTV".parse()?))
    ///     .signer(Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy"))
    ///     .title("Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024")
    ///     .reference(Relation::Implements, DocKey::undated(DocSymbol::parse("23-QĐ/TW")?))
    ///     .build()?;
    /// assert_eq!(doc.title(), "Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The references, in the order given.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let doc = Document::builder(DocSymbol::parse("1470-CV/TU")?, issued)
    ///     .issuer(Issuer::Body("TH-TU-BTV".parse()?))
    ///     .signer(Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy"))
    ///     .title("Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024")
    ///     .reference(Relation::Implements, DocKey::undated(DocSymbol::parse("23-QĐ/TW")?))
    ///     .build()?;
    /// assert_eq!(doc.references().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn references(&self) -> &[Reference] {
        &self.references
    }
}

/// Builds a [`Document`]; [`DocumentBuilder::build`] checks it.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::document::{DocKey, DocSymbol, Document, Relation};
///
/// let doc = Document::builder(DocSymbol::parse("763-QĐ/TU")?, NaiveDate::from_ymd_opt(2021, 10, 15).ok_or("date")?)
///     .title("Ban hành Quy chế công tác dân vận của hệ thống chính trị tỉnh")
///     .reference(Relation::Implements, DocKey::undated(DocSymbol::parse("23-QĐ/TW")?))
///     .build()?;
/// assert_eq!(doc.references().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct DocumentBuilder {
    symbol: DocSymbol,
    issued: NaiveDate,
    kind: Option<DocKind>,
    issuer: Option<Issuer>,
    signer: Option<Signer>,
    title: String,
    references: Vec<Reference>,
}

impl DocumentBuilder {
    /// Sets the kind; needed when the symbol states none (`72/2025/QH15`).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2025, 6, 16).ok_or("date")?;
    /// let builder = Document::builder(DocSymbol::parse("72/2025/QH15")?, issued);
    /// assert_eq!(builder.kind(DocKind::Law).build()?.kind(), DocKind::Law);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(mut self, kind: DocKind) -> DocumentBuilder {
        self.kind = Some(kind);
        self
    }

    /// Sets the issuer; a named issuer is stored in Unicode normalization form C.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2025, 6, 16).ok_or("date")?;
    /// let builder = Document::builder(DocSymbol::parse("72/2025/QH15")?, issued);
    /// let law = builder.kind(DocKind::Law).issuer(Issuer::Named("Quốc hội".into())).build()?;
    /// assert_eq!(law.issuer().map(ToString::to_string).as_deref(), Some("Quốc hội"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issuer(mut self, issuer: Issuer) -> DocumentBuilder {
        self.issuer = Some(match issuer {
            Issuer::Named(name) => Issuer::Named(nfc(name)),
            body @ Issuer::Body(_) => body,
        });
        self
    }

    /// Sets the signer.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2025, 6, 16).ok_or("date")?;
    /// let builder = Document::builder(DocSymbol::parse("72/2025/QH15")?, issued);
    /// let law = builder.kind(DocKind::Law).signer(Signer::new("Trần Thanh Mẫn", "Chủ tịch Quốc hội")).build()?;
    /// assert!(law.signer().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn signer(mut self, signer: Signer) -> DocumentBuilder {
        self.signer = Some(signer);
        self
    }

    /// Sets the title, stored in Unicode normalization form C.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2025, 6, 16).ok_or("date")?;
    /// let builder = Document::builder(DocSymbol::parse("72/2025/QH15")?, issued);
    /// let law = builder.kind(DocKind::Law).title("Luật Tổ chức chính quyền địa phương").build()?;
    /// assert_eq!(law.title(), "Luật Tổ chức chính quyền địa phương");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> DocumentBuilder {
        self.title = nfc(title.into());
        self
    }

    /// Adds a reference.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKey, DocKind, DocSymbol, Document, Issuer, Relation, Signer};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2025, 6, 16).ok_or("date")?;
    /// let builder = Document::builder(DocSymbol::parse("72/2025/QH15")?, issued);
    /// let old = DocKey::undated(DocSymbol::parse("77/2015/QH13")?);
    /// let law = builder.kind(DocKind::Law).reference(Relation::Replaces, old).build()?;
    /// assert_eq!(law.references()[0].relation(), Relation::Replaces);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn reference(mut self, relation: Relation, target: DocKey) -> DocumentBuilder {
        self.references.push(Reference::new(relation, target));
        self
    }

    /// The kind when the symbol is not ambiguous: the symbol's, checked against the one
    /// given, or the one given.
    fn stated_kind(&self) -> Result<DocKind, DocumentError> {
        match (self.symbol.kind(), self.kind) {
            (Some(by_symbol), Some(given)) if by_symbol != given => {
                Err(DocumentError::KindMismatch {
                    symbol: self.symbol.clone(),
                    by_symbol,
                    given,
                })
            }
            (Some(kind), _) | (None, Some(kind)) => Ok(kind),
            (None, None) => Err(DocumentError::MissingKind {
                symbol: self.symbol.clone(),
            }),
        }
    }

    /// Checks the document and builds it.
    ///
    /// # Errors
    ///
    /// - [`DocumentError::KindMismatch`] if a kind was given that differs from the
    ///   symbol's;
    /// - [`DocumentError::MissingKind`] if neither the symbol nor the builder gives one;
    /// - [`DocumentError::Blank`] if a named issuer, the signer's name, title or capacity
    ///   is empty or blank, or the title is given but blank;
    /// - [`DocumentError::SelfReference`] if a reference names the document itself: its
    ///   symbol with its issue date, or its symbol with no date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::{DocKind, DocSymbol, Document};
    ///
    /// let err = Document::builder(DocSymbol::parse("05/QĐ-UBND")?, NaiveDate::from_ymd_opt(2024, 1, 5).ok_or("date")?)
    ///     .kind(DocKind::Plan)
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.to_string(), "document `05/QĐ-UBND` is a decision by its symbol, not a plan");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<Document, DocumentError> {
        let candidates = self.symbol.kinds();
        let kind = if self.symbol.is_kind_ambiguous() {
            // `QĐ` in a Party symbol: a decision or a regulation. Never guessed: the kind
            // given, or the one the title names, or an error.
            match (self.kind, DocKind::from_title(candidates, &self.title)) {
                (Some(given), _) if candidates.contains(&given) => given,
                (None, Some(named)) => named,
                (given, _) => {
                    return Err(DocumentError::AmbiguousKind {
                        symbol: self.symbol,
                        given,
                    });
                }
            }
        } else {
            self.stated_kind()?
        };
        let key = DocKey::dated(self.symbol.clone(), self.issued);
        if let Some(field) = self.blank_field() {
            return Err(DocumentError::Blank { key, field });
        }
        // INVARIANT (no-self-reference): checked here, the only constructor.
        if let Some(r) = self.references.iter().find(|r| r.target().matches(&key)) {
            return Err(DocumentError::SelfReference {
                reference: r.target().clone(),
                key,
            });
        }
        // INVARIANT (document-kind): `kind` is the symbol's when it states one.
        Ok(Document {
            symbol: self.symbol,
            kind,
            issuer: self.issuer,
            signer: self.signer,
            issued: self.issued,
            title: self.title,
            references: self.references,
        })
    }
}

impl DocumentBuilder {
    /// The first text that must say something and is empty or blank, or is given (not
    /// empty) and blank.
    fn blank_field(&self) -> Option<&'static str> {
        if !self.title.is_empty() && is_blank(&self.title) {
            return Some("title");
        }
        if let Some(Issuer::Named(name)) = &self.issuer
            && is_blank(name)
        {
            return Some("issuer");
        }
        let signer = self.signer.as_ref()?;
        if is_blank(&signer.name) {
            Some("signer.name")
        } else if is_blank(&signer.title) {
            Some("signer.title")
        } else if signer.on_behalf_of.as_deref().is_some_and(is_blank) {
            Some("signer.on_behalf_of")
        } else {
            None
        }
    }
}

#[cfg(feature = "serde")]
mod wire {
    use chrono::NaiveDate;

    use super::{
        DocKey, DocKind, DocSymbol, Document, DocumentError, Issuer, Reference, Relation, Signer,
    };

    /// The serialized form of a [`Reference`]: the relation beside the key's fields.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(
        deny_unknown_fields,
        expecting = "a reference: a table with `relation`, `symbol` and optionally `date`"
    )]
    pub(super) struct ReferenceWire {
        relation: Relation,
        symbol: DocSymbol,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::text::deserialize_optional_date"
        )]
        date: Option<NaiveDate>,
    }

    impl From<ReferenceWire> for Reference {
        fn from(w: ReferenceWire) -> Reference {
            Reference::new(w.relation, DocKey::new(w.symbol, w.date))
        }
    }

    impl From<Reference> for ReferenceWire {
        fn from(r: Reference) -> ReferenceWire {
            ReferenceWire {
                relation: r.relation,
                symbol: r.target.symbol,
                date: r.target.date,
            }
        }
    }

    /// The serialized form of a [`Document`].
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(
        deny_unknown_fields,
        expecting = "a document: a table with `symbol` and `issued`"
    )]
    pub(super) struct DocumentWire {
        symbol: DocSymbol,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<DocKind>,
        #[serde(deserialize_with = "crate::text::deserialize_date")]
        issued: NaiveDate,
        #[serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "crate::text::deserialize_optional_text"
        )]
        title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        issuer: Option<Issuer>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        signer: Option<Signer>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        references: Vec<Reference>,
    }

    /// A document error placed at a field of the document's table, displayed
    /// ``at `kind`: …`` so that a loader joins the field to the table's path.
    #[derive(Debug)]
    pub(super) struct Placed {
        at: Option<String>,
        error: DocumentError,
    }

    impl std::fmt::Display for Placed {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match &self.at {
                Some(at) => write!(f, "at `{at}`: {}", self.error),
                None => write!(f, "{}", self.error),
            }
        }
    }

    impl TryFrom<DocumentWire> for Document {
        type Error = Placed;

        fn try_from(w: DocumentWire) -> Result<Document, Placed> {
            let given_kind = w.kind.is_some();
            let mut b = Document::builder(w.symbol, w.issued).title(w.title);
            if let Some(kind) = w.kind {
                b = b.kind(kind);
            }
            if let Some(issuer) = w.issuer {
                b = b.issuer(issuer);
            }
            if let Some(signer) = w.signer {
                b = b.signer(signer);
            }
            let targets: Vec<DocKey> = w.references.iter().map(|r| r.target().clone()).collect();
            for r in w.references {
                b = b.reference(r.relation(), r.target().clone());
            }
            b.build().map_err(|error| {
                let at = match &error {
                    DocumentError::KindMismatch { .. } if given_kind => Some("kind".to_owned()),
                    DocumentError::MissingKind { .. } => Some("symbol".to_owned()),
                    DocumentError::SelfReference { reference, .. } => targets
                        .iter()
                        .position(|t| t == reference)
                        .map(|i| format!("references[{i}]")),
                    DocumentError::Blank { field, .. } => Some((*field).to_owned()),
                    _ => None,
                };
                Placed { at, error }
            })
        }
    }

    impl From<Document> for DocumentWire {
        fn from(d: Document) -> DocumentWire {
            // The kind is written only when the symbol does not state it.
            let kind = d.symbol.kind().is_none().then_some(d.kind);
            DocumentWire {
                symbol: d.symbol,
                kind,
                issued: d.issued,
                title: d.title,
                issuer: d.issuer,
                signer: d.signer,
                references: d.references,
            }
        }
    }
}
