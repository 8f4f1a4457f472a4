//! Documents: symbols, kinds, signers and the reference graph.
//!
//! # What is a document symbol?
//!
//! Every Vietnamese official document carries a number and symbol (số, ký hiệu) that names
//! its number, its kind and its issuer. The Party writes `1470-CV/TU` (letter 1470 of a
//! Provincial Party Committee); the State writes `05/QĐ-UBND` (decision 5 of a People's
//! Committee), `123/UBND-VX` (an official letter, which has no kind abbreviation, from the
//! culture and society unit), and, for legal-normative documents, `09/2019/NĐ-CP` (decree 9
//! of 2019 of the Government) or `72/2025/QH15` (a law of the 15th National Assembly).
//! [`DocSymbol`] parses and prints all three forms (Decree 30/2020/NĐ-CP, Phụ lục I and
//! III), and the State's historic forms that legal bases in force still cite (`64-CP`,
//! `18-L/CTN`, `53/SL`). [`DocSymbol::parse_lenient`] reads the slips people type and
//! says what it changed; every refusal names the part at fault and, where one is likely,
//! the symbol meant.
//!
//! Some abbreviations name more than one kind: `QĐ` in a Party symbol is a decision or a
//! regulation. The crate reports such a kind as ambiguous ([`DocSymbol::kinds`]) and never
//! guesses; a [`Document`] takes its kind from the caller or from its title. What the
//! crate knows of kinds and symbols, and how sure it is, is listed by [`facts`].
//!
//! A symbol is not an identity: administrative numbers restart each year and Party numbers
//! each term, so `16/CT-TTg` names two directives. A [`DocKey`] is the symbol plus the issue
//! date, which may be unknown when a text cites a document by symbol only.
//!
//! A [`Document`] is the symbol with its kind, issuer, signer, date, title and its
//! references (căn cứ: implements, cites, amends, replaces, guides). A [`DocumentIndex`]
//! answers what a document rests on, what rests on it, and whether references form cycles.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::document::{DocKey, DocSymbol, Document, DocumentIndex, Relation};
//!
//! let reg = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?)
//!     .title("Ban hành Quy chế công tác dân vận của hệ thống chính trị")
//!     .build()?;
//! let letter = Document::builder(DocSymbol::parse("1470-CV/TU")?, NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?)
//!     .reference(Relation::Implements, DocKey::undated(DocSymbol::parse("23-QĐ/TW")?))
//!     .build()?;
//! let index = DocumentIndex::from_documents([reg.clone(), letter.clone()])?;
//! assert_eq!(index.basis(&letter.key())?, [reg.key()]);
//! assert_eq!(index.dependents(&reg.key())?, [letter.key()]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod index;
mod kind;
mod record;
mod symbol;

pub use self::index::DocumentIndex;
pub use self::kind::{DocKind, SymbolSystem};
pub use self::record::{
    Authority, DocKey, Document, DocumentBuilder, Issuer, Reference, Relation, Signer,
};
pub use self::symbol::{
    Correction, DocSymbol, Irregularity, SymbolError, SymbolErrorReason, SymbolRules,
};

/// The facts about document kinds and symbols that the crate ships, each with its
/// [`Provenance`](crate::provenance::Provenance): which abbreviation names which kind in
/// which system (Decree 30/2020/NĐ-CP, Phụ lục III for State documents; Party symbols in
/// use), which abbreviations are ambiguous (Party `QĐ`), and the historic forms the parser
/// reads. Ids are `state:…`, `party:…` and `historic:…`.
///
/// # Example
///
/// ```
/// use directives::provenance::Certainty;
///
/// let facts = directives::document::facts();
/// let party_qd = facts.iter().find(|f| f.id() == "party:QĐ").ok_or("missing")?;
/// assert_eq!(party_qd.provenance().certainty(), Certainty::Verified);
/// let unverified = facts.iter().filter(|f| f.is_below(Certainty::Corroborated)).count();
/// assert!(unverified > 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn facts() -> Vec<crate::provenance::Fact> {
    kind::facts()
}

/// An error from parsing a document symbol or building a document index.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// A malformed symbol.
    #[error(transparent)]
    Symbol(#[from] SymbolError),
    /// The kind given for a document differs from the kind its symbol states.
    #[error(
        "document `{symbol}` is {} by its symbol, not {}",
        .by_symbol.english_with_article(),
        .given.english_with_article()
    )]
    KindMismatch {
        /// The document's symbol.
        symbol: DocSymbol,
        /// The kind the symbol states.
        by_symbol: DocKind,
        /// The kind given.
        given: DocKind,
    },
    /// A document whose symbol's abbreviation stands for several kinds (`366-QĐ/TW`: a
    /// decision or a regulation) was built without a kind among them, and its title names
    /// none.
    #[error("{}", ambiguous_kind(.symbol, *.given))]
    AmbiguousKind {
        /// The document's symbol.
        symbol: DocSymbol,
        /// The kind given, if any (not one of the symbol's).
        given: Option<DocKind>,
    },
    /// A document whose symbol states no kind (`72/2025/QH15`) was built without one.
    #[error("document `{symbol}`: the symbol states no kind, so one must be given")]
    MissingKind {
        /// The document's symbol.
        symbol: DocSymbol,
    },
    /// A document refers to itself: a reference with its symbol and its date, or with its
    /// symbol and no date.
    #[error("{}", self_reference(.key, .reference))]
    SelfReference {
        /// The document's key.
        key: DocKey,
        /// The reference that names it.
        reference: DocKey,
    },
    /// A text of a document that must say something is empty or blank: a named issuer,
    /// a signer's name or title, the capacity signed on behalf of; or a title given but
    /// blank.
    #[error("document `{key}`: the `{field}` is empty or blank")]
    Blank {
        /// The document's key.
        key: DocKey,
        /// The field, such as `title` or `signer.name`.
        field: &'static str,
    },
    /// Two documents with the same key in one index.
    #[error("duplicate document `{key}`")]
    DuplicateDocument {
        /// The key.
        key: DocKey,
    },
    /// A key that matches no document of the index.
    #[error("unknown document `{key}`")]
    UnknownDocument {
        /// The key.
        key: DocKey,
    },
    /// A key without a date that matches several documents (`16/CT-TTg`).
    #[error("document `{key}` is ambiguous: {count} documents have that symbol; give the date")]
    AmbiguousReference {
        /// The key.
        key: DocKey,
        /// How many documents match it.
        count: usize,
    },
    /// References that form a cycle; the path starts and ends at the same document.
    #[error("reference cycle: {}", path_text(.path))]
    Cycle {
        /// The documents on the cycle, the first repeated at the end.
        path: Vec<DocKey>,
    },
}

fn self_reference(key: &DocKey, reference: &DocKey) -> String {
    if reference.date().is_some() {
        format!("document `{key}` refers to itself")
    } else {
        // Administrative numbers restart every year: the text may mean last year's
        // document with the same symbol.
        format!(
            "document `{key}` refers to itself: the reference `{reference}` has no date; give the date of the other document with that symbol"
        )
    }
}

fn ambiguous_kind(symbol: &DocSymbol, given: Option<DocKind>) -> String {
    let names: Vec<String> = symbol
        .kinds()
        .iter()
        .map(|k| k.english_with_article())
        .collect();
    let kinds = names.join(" or ");
    match given {
        Some(given) => format!(
            "document `{symbol}` is {kinds} by its symbol, not {}",
            given.english_with_article()
        ),
        None => format!(
            "document `{symbol}`: the symbol may be {kinds}; give the kind, or a title that starts with it"
        ),
    }
}

fn path_text(path: &[DocKey]) -> String {
    path.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(" → ")
}
