//! How sure the crate is of each fact it ships.
//!
//! Every dated fact the crate ships — a holiday rule, an entry in a yearly schedule, a
//! body change in a data file, a reporting-regime preset, a grading preset, a document
//! kind — carries a [`Provenance`]: it was *verified* from a primary text (and which),
//! *corroborated* by independent secondary sources that agree (and which), or it is an
//! *unverified* assumption (and why it was made). A rule that is not verified is data a
//! user can replace, never a constant.
//!
//! The [`Certainty`] of a provenance orders the three levels, so a tool can list the facts
//! below a level ([`Fact::is_below`]) and show a reader when a result rests on one.
//!
//! # Example
//!
//! ```
//! use directives::provenance::{Certainty, Provenance};
//!
//! let fact = Provenance::unverified("the notice for this year was not found; the pattern of earlier years is assumed")?;
//! assert_eq!(fact.certainty(), Certainty::Unverified);
//! assert!(fact.certainty() < Certainty::Verified);
//! assert_eq!(
//!     fact.to_string(),
//!     "unverified: the notice for this year was not found; the pattern of earlier years is assumed",
//! );
//! let law = Provenance::verified("Labour Code 2019 art. 112.1")?;
//! assert_eq!(law.to_string(), "verified: Labour Code 2019 art. 112.1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

/// How sure a fact is, from least to most sure.
///
/// The order is meaningful: `Unverified < Corroborated < Verified`.
///
/// # Example
///
/// ```
/// use directives::provenance::Certainty;
///
/// assert!(Certainty::Unverified < Certainty::Corroborated);
/// assert!(Certainty::Corroborated < Certainty::Verified);
/// assert_eq!(Certainty::Corroborated.to_string(), "corroborated");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Certainty {
    /// A reasoned assumption that no source read so far confirms.
    Unverified,
    /// Independent secondary sources agree, but no primary text was read.
    Corroborated,
    /// A primary text was read.
    Verified,
}

impl Certainty {
    /// The level's name in `lang`: `verified`, `corroborated`, `unverified`, or in
    /// Vietnamese `đã kiểm chứng`, `được xác nhận gián tiếp`, `chưa kiểm chứng`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::provenance::Certainty;
    ///
    /// assert_eq!(Certainty::Verified.label(Lang::En), "verified");
    /// assert_eq!(Certainty::Unverified.label(Lang::Vi), "chưa kiểm chứng");
    /// ```
    #[must_use]
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::Vi => match self {
                Certainty::Unverified => "chưa kiểm chứng",
                Certainty::Corroborated => "được xác nhận gián tiếp",
                Certainty::Verified => "đã kiểm chứng",
            },
            crate::Lang::En => match self {
                Certainty::Unverified => "unverified",
                Certainty::Corroborated => "corroborated",
                Certainty::Verified => "verified",
            },
        }
    }
}

impl fmt::Display for Certainty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(crate::Lang::En))
    }
}

/// Where a fact comes from, and so how sure it is.
///
/// # Invariant
///
/// The citation, every source and the assumption are non-blank, and a corroborated fact
/// names at least one source. The constructors check this.
///
/// # Serde
///
/// Written as a map tagged by `certainty`:
/// `{"certainty": "verified", "citation": "Labour Code 2019 art. 112.1"}`,
/// `{"certainty": "corroborated", "sources": ["…", "…"]}`,
/// `{"certainty": "unverified", "assumption": "…"}`. Reading goes through the
/// constructors, so a blank text is refused.
///
/// # Example
///
/// ```
/// use directives::provenance::{Certainty, Provenance};
///
/// let p = Provenance::corroborated(["a news report of 2024-04-01", "a ministry's schedule page"])?;
/// assert_eq!(p.certainty(), Certainty::Corroborated);
/// assert_eq!(p.sources().len(), 2);
/// assert!(Provenance::verified("  ").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ProvenanceWire", into = "ProvenanceWire")
)]
pub struct Provenance {
    certainty: Certainty,
    // INVARIANT (non-blank): every entry is non-blank; at least one entry.
    texts: Vec<String>,
}

/// A provenance whose text is blank, or a corroboration with no source.
///
/// # Example
///
/// ```
/// use directives::provenance::Provenance;
///
/// let err = Provenance::unverified("").unwrap_err();
/// assert_eq!(err.to_string(), "an unverified fact needs its assumption: a text is blank or missing");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: a text is blank or missing")]
pub struct ProvenanceError {
    what: &'static str,
}

impl Provenance {
    /// A fact read in a primary text; `citation` names it (`Labour Code 2019 art. 112.1`).
    ///
    /// # Errors
    ///
    /// [`ProvenanceError`] when the citation is blank.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::Provenance;
    ///
    /// let p = Provenance::verified("Decree 09/2019/NĐ-CP art. 12")?;
    /// assert_eq!(p.citation(), Some("Decree 09/2019/NĐ-CP art. 12"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verified(citation: impl Into<String>) -> Result<Provenance, ProvenanceError> {
        Provenance::checked(
            Certainty::Verified,
            vec![citation.into()],
            "a verified fact needs its citation",
        )
    }

    /// A fact on which independent secondary sources agree; `sources` names each of them.
    ///
    /// # Errors
    ///
    /// [`ProvenanceError`] when no source is given or one is blank.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::Provenance;
    ///
    /// let p = Provenance::corroborated(["source one", "source two"])?;
    /// assert_eq!(p.sources(), ["source one", "source two"]);
    /// assert!(Provenance::corroborated(Vec::<String>::new()).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn corroborated<I, S>(sources: I) -> Result<Provenance, ProvenanceError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Provenance::checked(
            Certainty::Corroborated,
            sources.into_iter().map(Into::into).collect(),
            "a corroborated fact needs its sources",
        )
    }

    /// A reasoned assumption; `assumption` says what is assumed and why.
    ///
    /// # Errors
    ///
    /// [`ProvenanceError`] when the assumption is blank.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::Provenance;
    ///
    /// let p = Provenance::unverified("no primary text found; follows the 2024 schedule")?;
    /// assert_eq!(p.assumption(), Some("no primary text found; follows the 2024 schedule"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unverified(assumption: impl Into<String>) -> Result<Provenance, ProvenanceError> {
        Provenance::checked(
            Certainty::Unverified,
            vec![assumption.into()],
            "an unverified fact needs its assumption",
        )
    }

    fn checked(
        certainty: Certainty,
        texts: Vec<String>,
        what: &'static str,
    ) -> Result<Provenance, ProvenanceError> {
        if texts.is_empty() || texts.iter().any(|t| t.trim().is_empty()) {
            return Err(ProvenanceError { what });
        }
        // INVARIANT (non-blank): checked just above.
        Ok(Provenance { certainty, texts })
    }

    /// How sure the fact is.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::{Certainty, Provenance};
    ///
    /// assert_eq!(Provenance::verified("a law")?.certainty(), Certainty::Verified);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn certainty(&self) -> Certainty {
        self.certainty
    }

    /// The primary text, for a verified fact.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::Provenance;
    ///
    /// assert_eq!(Provenance::unverified("a guess")?.citation(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn citation(&self) -> Option<&str> {
        match self.certainty {
            Certainty::Verified => self.texts.first().map(String::as_str),
            _ => None,
        }
    }

    /// The agreeing sources, for a corroborated fact; empty otherwise.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::Provenance;
    ///
    /// assert!(Provenance::verified("a law")?.sources().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sources(&self) -> &[String] {
        match self.certainty {
            Certainty::Corroborated => &self.texts,
            _ => &[],
        }
    }

    /// What is assumed and why, for an unverified fact.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::Provenance;
    ///
    /// assert_eq!(Provenance::verified("a law")?.assumption(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn assumption(&self) -> Option<&str> {
        match self.certainty {
            Certainty::Unverified => self.texts.first().map(String::as_str),
            _ => None,
        }
    }

    /// Whether the fact is less sure than `level`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::{Certainty, Provenance};
    ///
    /// let p = Provenance::corroborated(["one", "two"])?;
    /// assert!(p.is_below(Certainty::Verified));
    /// assert!(!p.is_below(Certainty::Corroborated));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_below(&self, level: Certainty) -> bool {
        self.certainty < level
    }
}

impl fmt::Display for Provenance {
    /// `verified: <citation>`, `corroborated: <source>; <source>`, `unverified: <assumption>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.certainty, self.texts.join("; "))
    }
}

/// The kind of shipped fact a [`Fact`] describes.
///
/// New areas may be added as the crate ships new kinds of facts, so the enum is
/// `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::provenance::FactArea;
///
/// assert_eq!(FactArea::HolidayRule.to_string(), "holiday rule");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FactArea {
    /// A statutory holiday rule (`calendar::HolidayRule`).
    HolidayRule,
    /// An entry in a yearly schedule of days off and make-up days (`calendar::YearSchedule`).
    ScheduleEntry,
    /// A reporting-regime preset (`regime::ReportingRegime`).
    RegimePreset,
    /// A grading preset (`compliance::GradingPolicy`).
    GradingPreset,
    /// A document kind and its abbreviation (`document::DocKind`).
    DocumentKind,
    /// A dated change of a body in a registry (`org::Registry`).
    BodyChange,
    /// A legal rule a lint or an explanation cites.
    LegalRule,
}

impl fmt::Display for FactArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FactArea::HolidayRule => "holiday rule",
            FactArea::ScheduleEntry => "schedule entry",
            FactArea::RegimePreset => "regime preset",
            FactArea::GradingPreset => "grading preset",
            FactArea::DocumentKind => "document kind",
            FactArea::BodyChange => "body change",
            FactArea::LegalRule => "legal rule",
        })
    }
}

/// One shipped fact: its area, an id unique within the area, a statement a person can
/// read, and its provenance.
///
/// # Example
///
/// ```
/// use directives::provenance::{Certainty, Fact, FactArea, Provenance};
///
/// let fact = Fact::new(
///     FactArea::ScheduleEntry,
///     "2026-08-22",
///     "Sat 2026-08-22 is a working day, making up for Mon 2026-08-31",
///     Provenance::verified("Notice 9441/TB-BNV of 2025-10-16")?,
/// );
/// assert!(!fact.is_below(Certainty::Verified));
/// assert_eq!(
///     fact.to_string(),
///     "schedule entry `2026-08-22`: Sat 2026-08-22 is a working day, making up for Mon 2026-08-31 \
///      (verified: Notice 9441/TB-BNV of 2025-10-16)",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
pub struct Fact {
    area: FactArea,
    id: String,
    statement: String,
    provenance: Provenance,
}

impl Fact {
    /// A fact of `area` named `id`, stating `statement`, from `provenance`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::{Fact, FactArea, Provenance};
    ///
    /// let fact = Fact::new(FactArea::HolidayRule, "tet", "Tết: five days", Provenance::verified("Labour Code 2019 art. 112.1(b)")?);
    /// assert_eq!(fact.id(), "tet");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        area: FactArea,
        id: impl Into<String>,
        statement: impl Into<String>,
        provenance: Provenance,
    ) -> Fact {
        Fact {
            area,
            id: id.into(),
            statement: statement.into(),
            provenance,
        }
    }

    /// The kind of fact.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::{Fact, FactArea, Provenance};
    ///
    /// let fact = Fact::new(FactArea::RegimePreset, "decree_09_monthly", "…", Provenance::verified("Decree 09/2019/NĐ-CP art. 12")?);
    /// assert_eq!(fact.area(), FactArea::RegimePreset);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn area(&self) -> FactArea {
        self.area
    }

    /// The fact's id within its area (a holiday rule's id, a date, a preset's name).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::{Fact, FactArea, Provenance};
    ///
    /// let fact = Fact::new(FactArea::DocumentKind, "QĐ", "…", Provenance::unverified("why")?);
    /// assert_eq!(fact.id(), "QĐ");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// What the fact says, in a sentence a person can read.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::{Fact, FactArea, Provenance};
    ///
    /// let fact = Fact::new(FactArea::DocumentKind, "QĐ", "QĐ is a decision", Provenance::unverified("why")?);
    /// assert_eq!(fact.statement(), "QĐ is a decision");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn statement(&self) -> &str {
        &self.statement
    }

    /// Where the fact comes from.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::{Certainty, Fact, FactArea, Provenance};
    ///
    /// let fact = Fact::new(FactArea::DocumentKind, "QĐ", "…", Provenance::unverified("why")?);
    /// assert_eq!(fact.provenance().certainty(), Certainty::Unverified);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// Whether the fact is less sure than `level`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::{Certainty, Fact, FactArea, Provenance};
    ///
    /// let fact = Fact::new(FactArea::DocumentKind, "QĐ", "…", Provenance::unverified("why")?);
    /// assert!(fact.is_below(Certainty::Corroborated));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_below(&self, level: Certainty) -> bool {
        self.provenance.is_below(level)
    }
}

impl fmt::Display for Fact {
    /// ``<area> `<id>`: <statement> (<provenance>)``.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} `{}`: {} ({})",
            self.area, self.id, self.statement, self.provenance
        )
    }
}

/// Every fact the crate ships, from every area: holiday rules and yearly schedules
/// ([`calendar::facts`](crate::calendar::facts)), document kinds and symbol rules
/// ([`document::facts`](crate::document::facts)), reporting-regime presets
/// ([`regime::facts`](crate::regime::facts)), the legal rules the lints cite
/// ([`directive::facts`](crate::directive::facts)), the rules the evaluator applies
/// ([`compliance::facts`](crate::compliance::facts)) and grading presets
/// ([`compliance::grading_facts`](crate::compliance::grading_facts)).
///
/// Each area's own function lists the same facts; this one joins them so that a tool can
/// show, in one place, what a result may rest on.
///
/// # Example
///
/// ```
/// use directives::provenance::{self, Certainty, FactArea};
///
/// let all = provenance::shipped();
/// assert!(all.iter().any(|f| f.area() == FactArea::HolidayRule));
/// assert!(all.iter().any(|f| f.area() == FactArea::GradingPreset));
/// // What rests on an assumption, for a reader to check or a user to replace:
/// let assumptions = provenance::shipped_below(Certainty::Corroborated);
/// assert!(assumptions.iter().all(|f| f.provenance().assumption().is_some()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn shipped() -> Vec<Fact> {
    let mut all = crate::calendar::facts();
    all.extend(crate::document::facts());
    all.extend(crate::regime::facts());
    all.extend(crate::directive::facts());
    all.extend(crate::compliance::facts());
    all.extend(crate::compliance::grading_facts());
    all
}

/// The shipped facts less sure than `level` (see [`shipped`]).
///
/// # Example
///
/// ```
/// use directives::provenance::{self, Certainty};
///
/// let below = provenance::shipped_below(Certainty::Verified);
/// assert!(below.iter().all(|f| f.is_below(Certainty::Verified)));
/// assert!(below.len() < provenance::shipped().len());
/// ```
#[must_use]
pub fn shipped_below(level: Certainty) -> Vec<Fact> {
    shipped()
        .into_iter()
        .filter(|f| f.is_below(level))
        .collect()
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(tag = "certainty", rename_all = "snake_case", deny_unknown_fields)]
enum ProvenanceWire {
    Verified { citation: String },
    Corroborated { sources: Vec<String> },
    Unverified { assumption: String },
}

#[cfg(feature = "serde")]
impl TryFrom<ProvenanceWire> for Provenance {
    type Error = ProvenanceError;

    fn try_from(wire: ProvenanceWire) -> Result<Provenance, ProvenanceError> {
        match wire {
            ProvenanceWire::Verified { citation } => Provenance::verified(citation),
            ProvenanceWire::Corroborated { sources } => Provenance::corroborated(sources),
            ProvenanceWire::Unverified { assumption } => Provenance::unverified(assumption),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Provenance> for ProvenanceWire {
    fn from(p: Provenance) -> ProvenanceWire {
        let mut texts = p.texts;
        match p.certainty {
            Certainty::Verified => ProvenanceWire::Verified {
                citation: texts.swap_remove(0),
            },
            Certainty::Corroborated => ProvenanceWire::Corroborated { sources: texts },
            Certainty::Unverified => ProvenanceWire::Unverified {
                assumption: texts.swap_remove(0),
            },
        }
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn json_shape_is_pinned_and_round_trips() {
        let cases = [
            (
                Provenance::verified("Labour Code 2019 art. 112.1").unwrap(),
                r#"{"certainty":"verified","citation":"Labour Code 2019 art. 112.1"}"#,
            ),
            (
                Provenance::corroborated(["a", "b"]).unwrap(),
                r#"{"certainty":"corroborated","sources":["a","b"]}"#,
            ),
            (
                Provenance::unverified("why").unwrap(),
                r#"{"certainty":"unverified","assumption":"why"}"#,
            ),
        ];
        for (value, json) in cases {
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
            assert_eq!(serde_json::from_str::<Provenance>(json).unwrap(), value);
        }
    }

    #[test]
    fn reading_goes_through_the_constructors() {
        let err =
            serde_json::from_str::<Provenance>(r#"{"certainty":"corroborated","sources":[]}"#)
                .unwrap_err();
        assert!(
            err.to_string()
                .contains("a corroborated fact needs its sources: a text is blank or missing"),
            "{err}"
        );
        assert!(
            serde_json::from_str::<Provenance>(
                r#"{"certainty":"verified","citation":"x","extra":1}"#
            )
            .is_err()
        );
    }
}
