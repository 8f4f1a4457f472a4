//! Document symbols (số, ký hiệu): parsing, formatting and the lenient parse.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use super::kind::{ASCII_SPELLINGS, Ambiguity, DocKind, SymbolSystem};

/// The longest symbol accepted, in bytes of its NFC form.
const MAX_LEN: usize = 255;

/// The first year a symbol may carry (the founding of the State, 1945).
const FIRST_YEAR: u16 = 1945;

/// The terms of the National Assembly known to the crate: `QH1` (1946) to `QH16` (elected
/// 2026). A later term is refused until this bound is raised.
pub(crate) const ASSEMBLY_TERMS: u16 = 16;

/// The longest part of an input that an error quotes, in characters.
const QUOTE_LIMIT: usize = 80;

/// The number and symbol of a document (số, ký hiệu): `1470-CV/TU`, `05/QĐ-UBND`,
/// `09/2019/NĐ-CP`.
///
/// Three current formats are recognised (Decree 30/2020/NĐ-CP, Phụ lục I § II.3 and Phụ
/// lục III; Party guidance 36-HD/VPTW, superseded by Regulation 399-QĐ/TW of 2026-01-09),
/// and the State's earlier forms that legal bases in force still cite:
///
/// | system | form | examples |
/// |---|---|---|
/// | Party | `number-KIND/ISSUER` | `1470-CV/TU`, `08-QĐi/TW`, `469-QĐNS/TW` |
/// | State, administrative | `number/KIND-ISSUER[-UNIT…]`, or `number/ISSUER[-UNIT…]` for an official letter | `05/QĐ-UBND`, `123/UBND-VX`, `3838/QĐ-SGD&ĐT`, `604/VBHN-BVHTTDL` |
/// | State, legal-normative | `number/year/KIND-ISSUER[-CO-ISSUER…]`, `number/year/KIND/ISSUER-CO-ISSUER…` for a joint document, or `number/year/ISSUER` for the National Assembly | `09/2019/NĐ-CP`, `02/2002/PL-UBTVQH11`, `45/2009/TT-BCA(C11)`, `05/2001/TTLT/BTP-BTCCBCP-BTC-BCA`, `72/2025/QH15` |
/// | State, historic | `number-ISSUER[/year]`, `number/CP`, `number-L/CTN`, `number-LCT/HĐNN…`, `number/TT-ISSUER`, `number/SL`, `number-SL/…` | `64-CP`, `130-CP/1975`, `74/CP`, `18-L/CTN`, `10-LCT/HĐNN7`, `08/TT-LB`, `53/SL`, `101-SL/L` |
///
/// `SL` names two kinds, told apart by the form, which tells the era: the edicts of the
/// Democratic Republic (1945–1959) write no issuer after it (`53/SL`) or put it before a
/// slash (`101-SL/L`); a transcribed copy (bản sao lục, Decree 30/2020 Phụ lục III) always
/// names its issuer after a hyphen (`12/SL-VP`).
///
/// Every `DocSymbol` holds its text in Unicode NFC (so `Đ` is always U+0110), with the
/// number exactly as written (leading zeros kept), a kind abbreviation that is known for its
/// system (matched case-sensitively), and non-empty issuer and unit segments that start
/// with a letter and use only the Vietnamese alphabet, digits and `&`. `Display` prints
/// that text, and parsing it again gives an equal symbol.
///
/// A symbol is not an identity: administrative numbers restart every year, so `16/CT-TTg`
/// names two directives. A document's key is its symbol plus its issue date
/// ([`DocKey`](crate::document::DocKey)).
///
/// With the `serde` feature a symbol serializes as its string and deserializes through
/// [`DocSymbol::parse`].
///
/// # Example
///
/// ```
/// use directives::document::{DocKind, DocSymbol, SymbolSystem};
///
/// let s = DocSymbol::parse("09/2019/NĐ-CP")?;
/// assert_eq!(s.system(), SymbolSystem::StateNormative);
/// assert_eq!(s.number(), "09");
/// assert_eq!(s.year(), Some(2019));
/// assert_eq!(s.kind(), Some(DocKind::Decree));
/// assert_eq!(s.issuer(), "CP");
/// assert_eq!(s.to_string(), "09/2019/NĐ-CP");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocSymbol {
    // INVARIANT (symbol-text): NFC, at most MAX_LEN bytes, and the offsets below are char
    // boundaries of it that `parse_parts` found. Every constructor goes through
    // `parse_parts`.
    text: Box<str>,
    system: SymbolSystem,
    kind: KindSlot,
    irregularity: Option<Irregularity>,
    year: Option<u16>,
    number_end: u8,
    issuer_start: u8,
    issuer_end: u8,
}

/// What a symbol says of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum KindSlot {
    /// No kind (`72/2025/QH15`, `64-CP`).
    Unstated,
    /// One kind.
    One(DocKind),
    /// An abbreviation that stands for several kinds.
    Ambiguous(Ambiguity),
}

/// What the structural parse finds in an NFC string.
#[derive(Debug, Clone, Copy)]
struct Parts {
    system: SymbolSystem,
    kind: KindSlot,
    irregularity: Option<Irregularity>,
    year: Option<u16>,
    number_end: usize,
    issuer_start: usize,
    issuer_end: usize,
}

/// A parse failure with the byte offset of the token at fault (used by the lenient parse).
#[derive(Debug)]
struct Failure {
    reason: SymbolErrorReason,
    at: usize,
}

fn fail<T>(reason: SymbolErrorReason, at: usize) -> Result<T, Failure> {
    Err(Failure { reason, at })
}

impl DocSymbol {
    /// Parses a symbol in any of the formats, after normalising it to NFC.
    ///
    /// The parse is strict: it accepts no whitespace, no dash other than `-`, no ASCII `D`
    /// or eth `Ð` for `Đ`, no full-width or look-alike letters from other scripts, no word
    /// glued to the end, and no change of case in a kind abbreviation (`Qđ`, `CTR`). Use
    /// [`DocSymbol::parse_lenient`] to accept the common slips with a report of what was
    /// changed. Abbreviations are case-sensitive (`QĐ` decision, `QyĐ` regulation).
    ///
    /// A year is checked to be from 1945 on; [`DocSymbol::parse_as_of`] also refuses a
    /// year after a reference date.
    ///
    /// # Errors
    ///
    /// [`SymbolError`] naming the input, the reason (see [`SymbolErrorReason`]) and, when
    /// one is likely, the symbol it probably meant.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKind, DocSymbol};
    ///
    /// let letter = DocSymbol::parse("123/UBND-VX")?;
    /// assert_eq!(letter.kind(), Some(DocKind::OfficialLetter));
    /// assert_eq!(letter.issuer(), "UBND");
    /// assert_eq!(letter.units(), Some("VX"));
    ///
    /// let err = DocSymbol::parse("41-NQ/TWngày").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid document symbol `41-NQ/TWngày`: the word `ngày` is glued to its end; \
    ///      it probably means `41-NQ/TW`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(input: &str) -> Result<DocSymbol, SymbolError> {
        SymbolRules::new().parse(input)
    }

    /// Parses a symbol like [`DocSymbol::parse`], and refuses a year after `reference`'s.
    ///
    /// # Errors
    ///
    /// [`SymbolError`] as for [`DocSymbol::parse`], or with
    /// [`SymbolErrorReason::FutureYear`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::DocSymbol;
    ///
    /// let today = NaiveDate::from_ymd_opt(2026, 12, 2).ok_or("date")?;
    /// assert!(DocSymbol::parse_as_of("09/2019/NĐ-CP", today).is_ok());
    /// let err = DocSymbol::parse_as_of("09/2029/NĐ-CP", today).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid document symbol `09/2029/NĐ-CP`: the year `2029` is after 2026, the year of the reference date"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_as_of(input: &str, reference: NaiveDate) -> Result<DocSymbol, SymbolError> {
        SymbolRules::new().as_of(reference).parse(input)
    }

    /// Parses a symbol as typed by hand, reporting each change made: removes whitespace,
    /// reads other dashes (`–`) as `-`, full-width letters and digits (`ＴＵ`) as ASCII, the
    /// eth `Ð` as `Đ`, an ASCII spelling of a kind (`QD`) as the kind (`QĐ`), a symbol typed
    /// all in lower case (`06/2008/qđ-ubnd`) in capitals, a kind run into its issuer
    /// (`78/2013/NĐCP`) as two segments, a `/` after the kind (`1232/QĐ/TTg`) as `-`, and
    /// a `-` after the year (`95/1998-NĐ-CP`) as `/`.
    ///
    /// Only spellings that name no other kind are read: `DA` (dự án, project) and `HD`
    /// (hướng dẫn, guidance) are kinds of their own, so they stay as they are. Letters of
    /// other scripts that look Latin (a Cyrillic `Т`) are never read as Latin: the error
    /// names them. An empty list of corrections means the strict parse would have given
    /// the same symbol. The symbol returned is in NFC, whatever the input.
    ///
    /// # Errors
    ///
    /// [`SymbolError`] naming the input as given, when the symbol is malformed even after
    /// the corrections.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// let (symbol, corrections) = DocSymbol::parse_lenient("23 - QD/TW")?;
    /// assert_eq!(symbol.to_string(), "23-QĐ/TW");
    /// let notes: Vec<String> = corrections.iter().map(ToString::to_string).collect();
    /// assert_eq!(notes, ["removed whitespace", "read the kind `QD` as `QĐ`"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_lenient(input: &str) -> Result<(DocSymbol, Vec<Correction>), SymbolError> {
        SymbolRules::new().parse_lenient(input)
    }

    /// Parses like [`DocSymbol::parse_lenient`], and refuses a year after `reference`'s.
    ///
    /// # Errors
    ///
    /// [`SymbolError`] as for [`DocSymbol::parse_lenient`], or with
    /// [`SymbolErrorReason::FutureYear`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::DocSymbol;
    ///
    /// let today = NaiveDate::from_ymd_opt(2026, 12, 2).ok_or("date")?;
    /// let (s, _) = DocSymbol::parse_lenient_as_of("09/2019/ND-CP", today)?;
    /// assert_eq!(s.as_str(), "09/2019/NĐ-CP");
    /// assert!(DocSymbol::parse_lenient_as_of("09/2031/ND-CP", today).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_lenient_as_of(
        input: &str,
        reference: NaiveDate,
    ) -> Result<(DocSymbol, Vec<Correction>), SymbolError> {
        SymbolRules::new().as_of(reference).parse_lenient(input)
    }

    fn checked_as_of(self, input: &str, reference: NaiveDate) -> Result<DocSymbol, SymbolError> {
        let limit = reference.year();
        match self.year {
            Some(year) if i32::from(year) > limit => Err(SymbolError::new(
                input,
                SymbolErrorReason::FutureYear {
                    year,
                    reference: limit,
                },
            )),
            _ => Ok(self),
        }
    }

    fn from_parts(text: Box<str>, parts: Parts) -> DocSymbol {
        // INVARIANT (symbol-text): `parse_parts` rejects texts longer than MAX_LEN (255)
        // bytes, so every offset fits in a `u8`.
        let narrow = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
        DocSymbol {
            system: parts.system,
            kind: parts.kind,
            irregularity: parts.irregularity,
            year: parts.year,
            number_end: narrow(parts.number_end),
            issuer_start: narrow(parts.issuer_start),
            issuer_end: narrow(parts.issuer_end),
            text,
        }
    }

    /// The symbol as text, in NFC.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// // An issuer typed in NFD (`a` plus a combining acute) is stored composed.
    /// let s = DocSymbol::parse("12/QĐ-Ba\u{301}o")?;
    /// assert_eq!(s.as_str(), "12/QĐ-Báo");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The format the symbol is written in.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocSymbol, SymbolSystem};
    ///
    /// assert_eq!(DocSymbol::parse("72/2025/QH15")?.system(), SymbolSystem::StateNormative);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn system(&self) -> SymbolSystem {
        self.system
    }

    /// The number as written, leading zeros kept (`"05"` in `05/QĐ-UBND`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert_eq!(DocSymbol::parse("08-QĐi/TW")?.number(), "08");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn number(&self) -> &str {
        self.text
            .get(..usize::from(self.number_end))
            .unwrap_or_default()
    }

    /// The number's value, or `None` if it does not fit in a `u32`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert_eq!(DocSymbol::parse("08-QĐi/TW")?.number_value(), Some(8));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn number_value(&self) -> Option<u32> {
        self.number().parse().ok()
    }

    /// The kind of document the symbol states, when the symbol alone determines it.
    ///
    /// An administrative symbol without a kind (`123/UBND-VX`) is an official letter (công
    /// văn, Decree 30/2020/NĐ-CP Phụ lục I § II.3.b). A normative symbol without a kind
    /// (`72/2025/QH15`) is `None`: laws, codes, ordinances and resolutions of the National
    /// Assembly all look alike. A symbol whose abbreviation stands for more than one kind
    /// is `None` too, and [`DocSymbol::kinds`] lists the candidates: `QĐ` in a Party symbol
    /// is a decision (`23-QĐ/TW`) or a regulation (`366-QĐ/TW`, `399-QĐ/TW`), and the
    /// crate does not guess which.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKind, DocSymbol};
    ///
    /// assert_eq!(DocSymbol::parse("114-KL/TW")?.kind(), Some(DocKind::Conclusion));
    /// assert_eq!(DocSymbol::parse("9061/VPCP-CN")?.kind(), Some(DocKind::OfficialLetter));
    /// assert_eq!(DocSymbol::parse("72/2025/QH15")?.kind(), None);
    /// assert_eq!(DocSymbol::parse("366-QĐ/TW")?.kind(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> Option<DocKind> {
        match self.kind {
            KindSlot::One(kind) => Some(kind),
            KindSlot::Unstated | KindSlot::Ambiguous(_) => None,
        }
    }

    /// The kinds the symbol may stand for: one when it states its kind, two or more when
    /// its abbreviation is ambiguous, none when it states no kind.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKind, DocSymbol};
    ///
    /// assert_eq!(DocSymbol::parse("366-QĐ/TW")?.kinds(), [DocKind::Decision, DocKind::Regulation]);
    /// assert_eq!(DocSymbol::parse("18-L/CTN")?.kinds(), [DocKind::Law, DocKind::Ordinance]);
    /// assert_eq!(DocSymbol::parse("05/QĐ-UBND")?.kinds(), [DocKind::Decision]);
    /// assert!(DocSymbol::parse("72/2025/QH15")?.kinds().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kinds(&self) -> &'static [DocKind] {
        match self.kind {
            KindSlot::One(kind) => kind.as_slice(),
            KindSlot::Ambiguous(set) => set.kinds(),
            KindSlot::Unstated => &[],
        }
    }

    /// Whether the symbol's abbreviation stands for more than one kind (see
    /// [`DocSymbol::kinds`]).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert!(DocSymbol::parse("124-QĐ/TW")?.is_kind_ambiguous());
    /// assert!(!DocSymbol::parse("124/QĐ-TTg")?.is_kind_ambiguous());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_kind_ambiguous(&self) -> bool {
        matches!(self.kind, KindSlot::Ambiguous(_))
    }

    /// The kind abbreviation as written (`"QĐ"`), or `None` if the symbol has none.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert_eq!(DocSymbol::parse("16/CT-TTg")?.kind_abbreviation(), Some("CT"));
    /// assert_eq!(DocSymbol::parse("123/UBND-VX")?.kind_abbreviation(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind_abbreviation(&self) -> Option<&'static str> {
        match self.kind {
            KindSlot::One(DocKind::Edict) => Some("SL"),
            KindSlot::One(kind) => kind.abbreviation(self.system),
            KindSlot::Ambiguous(Ambiguity::PartyDecisionOrRegulation) => Some("QĐ"),
            KindSlot::Ambiguous(Ambiguity::LawOrOrdinance) | KindSlot::Unstated => None,
        }
    }

    /// The issuer's abbreviation: `TU` in `1470-CV/TU`, `UBND` in `05/QĐ-UBND` and in
    /// `123/UBND-VX`, `QH15` in `72/2025/QH15`.
    ///
    /// An abbreviation is not a body: `UBND` is any People's Committee. Resolve it with the
    /// document's issuer ([`Document::issuer`](crate::document::Document::issuer)).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert_eq!(DocSymbol::parse("16/CT-TTg")?.issuer(), "TTg");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issuer(&self) -> &str {
        self.text
            .get(usize::from(self.issuer_start)..usize::from(self.issuer_end))
            .unwrap_or_default()
    }

    /// What follows the issuer, after its `-`: the drafting unit or field of an
    /// administrative symbol (`VX` in `123/UBND-VX`), or the co-issuers of a joint normative
    /// one (`VPCP` in `55/2005/TTLT-BNV-VPCP`); a unit of the Ministry of Public Security
    /// in parentheses is kept with them (`(C11)` in `45/2009/TT-BCA(C11)`). `None` if
    /// nothing follows.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert_eq!(DocSymbol::parse("9061/VPCP-CN")?.units(), Some("CN"));
    /// assert_eq!(DocSymbol::parse("05/QĐ-UBND")?.units(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn units(&self) -> Option<&str> {
        let rest = self.text.get(usize::from(self.issuer_end)..)?;
        match rest.strip_prefix('-') {
            Some(units) => Some(units),
            None => rest.starts_with('(').then_some(rest),
        }
    }

    /// The year of a legal-normative symbol (`2019` in `09/2019/NĐ-CP`), else `None`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert_eq!(DocSymbol::parse("33/2021/CT-TTg")?.year(), Some(2021));
    /// assert_eq!(DocSymbol::parse("16/CT-TTg")?.year(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn year(&self) -> Option<u16> {
        self.year
    }

    /// Whether the symbol is irregular: accepted, but not written as the rules in force
    /// write it ([`DocSymbol::irregularity`] says why).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert!(DocSymbol::parse("33/2021/CT-TTg")?.is_irregular());
    /// assert!(DocSymbol::parse("01-NQ/CP")?.is_irregular());
    /// assert!(DocSymbol::parse("27/NQ-TW")?.is_irregular());
    /// assert!(!DocSymbol::parse("15/2008/CT-TTg")?.is_irregular());
    /// assert!(!DocSymbol::parse("09/2019/NĐ-CP")?.is_irregular());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_irregular(&self) -> bool {
        self.irregularity().is_some()
    }

    /// Why the symbol is irregular, if it is.
    ///
    /// Since the Law on the Promulgation of Legal Documents 80/2015/QH13 (in force
    /// 2016-07-01, art. 4) only some kinds may be normative (see
    /// [`DocKind::may_be_normative`]); a directive numbered like a normative document in or
    /// after 2016, such as `33/2021/CT-TTg`, is irregular. So is a symbol in the Party's
    /// form with a State issuer (`01-NQ/CP`) or in the State's form with a Party issuer
    /// (`27/NQ-TW`). Such symbols parse; linters report them.
    ///
    /// The issuers recognised as the Party's are `TW`, `TU`, `HU`, `ĐU`, `QU`, `TƯ`,
    /// `ĐUK`, `VPTW`, `BTCTW`, `UBKTTW`, `BTGTW`, `BDVTW`, `BTGDVTW`, `BNCTW` and `QUTW`;
    /// as the State's, `CP`, `TTg`, `UBND`, `HĐND`, `VPCP`, `CTN`, `BNV`, `BTC`, `BCA`,
    /// `BQP` and the National Assembly and its Standing Committee. Other issuers are not
    /// judged.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocSymbol, Irregularity};
    ///
    /// assert_eq!(DocSymbol::parse("33/2021/CT-TTg")?.irregularity(), Some(Irregularity::YearOnNonNormativeKind));
    /// assert_eq!(DocSymbol::parse("01-NQ/CP")?.irregularity(), Some(Irregularity::PartyFormStateIssuer));
    /// assert_eq!(DocSymbol::parse("1470-CV/TU")?.irregularity(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn irregularity(&self) -> Option<Irregularity> {
        if self.irregularity.is_some() {
            return self.irregularity;
        }
        match (self.year, self.kind()) {
            (Some(year), Some(kind)) if year >= 2016 && !kind.may_be_normative() => {
                Some(Irregularity::YearOnNonNormativeKind)
            }
            _ => None,
        }
    }
}
impl fmt::Display for DocSymbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DocSymbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DocSymbol").field(&&*self.text).finish()
    }
}

impl AsRef<str> for DocSymbol {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl FromStr for DocSymbol {
    type Err = SymbolError;

    fn from_str(s: &str) -> Result<DocSymbol, SymbolError> {
        DocSymbol::parse(s)
    }
}

impl TryFrom<&str> for DocSymbol {
    type Error = SymbolError;

    fn try_from(s: &str) -> Result<DocSymbol, SymbolError> {
        DocSymbol::parse(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for DocSymbol {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for DocSymbol {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = DocSymbol;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a document symbol such as `1470-CV/TU` or `05/QĐ-UBND`")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DocSymbol, E> {
                DocSymbol::parse(v).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

/// The rules a parse applies that are data, not law: how many terms of the National
/// Assembly exist, and the reference date after which no year may fall.
///
/// The default knows the terms 1 to 16 (`QH16`, elected in 2026; an unverified fact,
/// `state:assembly-terms` in [`facts`](crate::document::facts)) and no reference date.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::document::SymbolRules;
///
/// let rules = SymbolRules::new();
/// assert!(rules.parse("1/2031/QH17").is_err());
/// let later = SymbolRules::new().with_assembly_terms(17);
/// assert!(later.parse("1/2031/QH17").is_ok());
/// let today = SymbolRules::new().as_of(NaiveDate::from_ymd_opt(2026, 12, 2).ok_or("date")?);
/// assert!(today.parse("1/2027/NĐ-CP").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SymbolRules {
    assembly_terms: u16,
    reference: Option<NaiveDate>,
}

impl Default for SymbolRules {
    fn default() -> SymbolRules {
        SymbolRules::new()
    }
}

impl SymbolRules {
    /// The default rules: terms 1 to 16 of the National Assembly, no reference date.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::SymbolRules;
    ///
    /// assert_eq!(SymbolRules::new().assembly_terms(), 16);
    /// assert_eq!(SymbolRules::new().reference(), None);
    /// ```
    #[must_use]
    pub const fn new() -> SymbolRules {
        SymbolRules {
            assembly_terms: ASSEMBLY_TERMS,
            reference: None,
        }
    }

    /// These rules with `terms` terms of the National Assembly known (`QH1` to `QH{terms}`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::SymbolRules;
    ///
    /// assert!(SymbolRules::new().with_assembly_terms(14).parse("72/2025/QH15").is_err());
    /// ```
    #[must_use]
    pub const fn with_assembly_terms(self, terms: u16) -> SymbolRules {
        SymbolRules {
            assembly_terms: terms,
            ..self
        }
    }

    /// These rules with a reference date: a year after its year is refused.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::SymbolRules;
    ///
    /// let rules = SymbolRules::new().as_of(NaiveDate::from_ymd_opt(2020, 1, 1).ok_or("date")?);
    /// assert!(rules.parse("09/2019/NĐ-CP").is_ok());
    /// assert!(rules.parse("30/2020/NĐ-CP").is_ok());
    /// assert!(rules.parse("39/2022/NĐ-CP").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn as_of(self, reference: NaiveDate) -> SymbolRules {
        SymbolRules {
            reference: Some(reference),
            ..self
        }
    }

    /// How many terms of the National Assembly these rules know.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::SymbolRules;
    ///
    /// assert_eq!(SymbolRules::new().with_assembly_terms(17).assembly_terms(), 17);
    /// ```
    #[must_use]
    pub const fn assembly_terms(&self) -> u16 {
        self.assembly_terms
    }

    /// The reference date, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::document::SymbolRules;
    ///
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
    /// assert_eq!(SymbolRules::new().as_of(day).reference(), Some(day));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn reference(&self) -> Option<NaiveDate> {
        self.reference
    }

    /// Parses strictly, as [`DocSymbol::parse`] does, under these rules.
    ///
    /// # Errors
    ///
    /// [`SymbolError`] as for [`DocSymbol::parse`], or with
    /// [`SymbolErrorReason::FutureYear`] after the reference date.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::SymbolRules;
    ///
    /// assert_eq!(SymbolRules::new().parse("72/2025/QH15")?.issuer(), "QH15");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(&self, input: &str) -> Result<DocSymbol, SymbolError> {
        let text = crate::text::nfc_str(input);
        let symbol = match parse_parts(&text, self.assembly_terms) {
            Ok(parts) => DocSymbol::from_parts(text.into(), parts),
            Err(failure) => {
                return Err(SymbolError::new(input, failure.reason)
                    .located(&text, failure.at)
                    .with_meaning(input, self.assembly_terms));
            }
        };
        self.checked(input, symbol)
    }

    /// Parses as typed by hand, as [`DocSymbol::parse_lenient`] does, under these rules.
    ///
    /// # Errors
    ///
    /// [`SymbolError`] as for [`DocSymbol::parse_lenient`], or with
    /// [`SymbolErrorReason::FutureYear`] after the reference date.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::SymbolRules;
    ///
    /// let (s, corrections) = SymbolRules::new().parse_lenient("72/2025/qh15")?;
    /// assert_eq!(s.as_str(), "72/2025/QH15");
    /// assert_eq!(corrections.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_lenient(&self, input: &str) -> Result<(DocSymbol, Vec<Correction>), SymbolError> {
        let (symbol, corrections) = self.lenient(input)?;
        Ok((self.checked(input, symbol)?, corrections))
    }

    fn checked(&self, input: &str, symbol: DocSymbol) -> Result<DocSymbol, SymbolError> {
        match self.reference {
            Some(reference) => symbol.checked_as_of(input, reference),
            None => Ok(symbol),
        }
    }

    fn lenient(self, input: &str) -> Result<(DocSymbol, Vec<Correction>), SymbolError> {
        let (mut text, mut corrections) = lenient_text(input);
        let mut first: Option<(SymbolErrorReason, String, usize)> = None;
        // Each structural correction removes the failure it answers; a few suffice.
        for _ in 0..6 {
            let nfc = crate::text::nfc_str(&text).into_owned();
            match parse_parts(&nfc, self.assembly_terms) {
                Ok(parts) => {
                    return Ok((
                        DocSymbol::from_parts(nfc.into_boxed_str(), parts),
                        corrections,
                    ));
                }
                Err(failure) => {
                    text = nfc;
                    let before = text.clone();
                    let cased = corrections.contains(&Correction::UpperCased);
                    let fixed = fix_structure(&mut text, &failure, cased);
                    let first = first.get_or_insert((failure.reason, before, failure.at));
                    match fixed {
                        Some(correction) => corrections.push(correction),
                        None => {
                            let (reason, text, at) = first.clone();
                            return Err(SymbolError::new(input, reason)
                                .located(&text, at)
                                .with_meaning(input, self.assembly_terms));
                        }
                    }
                }
            }
        }
        let (reason, text, at) = first.unwrap_or((SymbolErrorReason::Empty, text, 0));
        Err(SymbolError::new(input, reason)
            .located(&text, at)
            .with_meaning(input, self.assembly_terms))
    }
}

/// Why a symbol is irregular: it parses, but is not written as the rules in force write it.
///
/// New reasons may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::document::{DocSymbol, Irregularity};
///
/// let s = DocSymbol::parse("27/NQ-TW")?;
/// assert_eq!(s.irregularity(), Some(Irregularity::StateFormPartyIssuer));
/// assert_eq!(
///     Irregularity::StateFormPartyIssuer.to_string(),
///     "the State's form (`number/KIND-ISSUER`) with a Party issuer"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Irregularity {
    /// A year on a kind that has not been a legal-normative document since 2016 (Law
    /// 80/2015/QH13 art. 4): `33/2021/CT-TTg`.
    YearOnNonNormativeKind,
    /// The Party's form with a State issuer: `01-NQ/CP`.
    PartyFormStateIssuer,
    /// The State's form with a Party issuer: `27/NQ-TW`.
    StateFormPartyIssuer,
}

impl Irregularity {
    /// The reason in `lang` (the English one is also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::document::Irregularity;
    ///
    /// assert_eq!(
    ///     Irregularity::PartyFormStateIssuer.label(Lang::Vi),
    ///     "thể thức của Đảng (`số-KÝ HIỆU/CƠ QUAN`) với cơ quan ban hành của Nhà nước"
    /// );
    /// assert_eq!(
    ///     Irregularity::StateFormPartyIssuer.label(Lang::En),
    ///     "the State's form (`number/KIND-ISSUER`) with a Party issuer"
    /// );
    /// ```
    #[must_use]
    pub fn label(self, lang: crate::Lang) -> &'static str {
        if lang == crate::Lang::En {
            return match self {
                Irregularity::YearOnNonNormativeKind => {
                    "a year, though its kind has not been a legal-normative document since 2016 (Law 80/2015/QH13 art. 4)"
                }
                Irregularity::PartyFormStateIssuer => {
                    "the Party's form (`number-KIND/ISSUER`) with a State issuer"
                }
                Irregularity::StateFormPartyIssuer => {
                    "the State's form (`number/KIND-ISSUER`) with a Party issuer"
                }
            };
        }
        match self {
            Irregularity::YearOnNonNormativeKind => {
                "có năm ban hành, dù loại văn bản này không còn là văn bản quy phạm pháp luật từ năm 2016 (Luật 80/2015/QH13, Điều 4)"
            }
            Irregularity::PartyFormStateIssuer => {
                "thể thức của Đảng (`số-KÝ HIỆU/CƠ QUAN`) với cơ quan ban hành của Nhà nước"
            }
            Irregularity::StateFormPartyIssuer => {
                "thể thức của Nhà nước (`số/KÝ HIỆU-CƠ QUAN`) với cơ quan ban hành của Đảng"
            }
        }
    }
}

impl fmt::Display for Irregularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(crate::Lang::En))
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// The ASCII character a full-width form stands for (`Ｔ` for `T`).
fn full_width(c: char) -> Option<char> {
    let code = u32::from(c);
    if (0xFF01..=0xFF5E).contains(&code) {
        char::from_u32(code - 0xFEE0)
    } else {
        None
    }
}

/// The Latin capital or small letter that a Cyrillic or Greek letter looks like.
fn homoglyph(c: char) -> Option<(char, &'static str)> {
    let latin = match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'Е' | 'Ε' => 'E',
        'Ζ' => 'Z',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'С' => 'C',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'У' | 'Υ' => 'Y',
        'Х' | 'Χ' => 'X',
        'Ν' => 'N',
        'а' | 'α' => 'a',
        'е' => 'e',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ν' => 'v',
        _ => return None,
    };
    let script = if ('\u{370}'..='\u{3FF}').contains(&c) {
        "Greek"
    } else {
        "Cyrillic"
    };
    Some((latin, script))
}

/// Whether a non-ASCII letter belongs to the Vietnamese alphabet (with its tone marks):
/// `Đ`, `Ă`, `Â`, `Ê`, `Ô`, `Ơ`, `Ư` and the vowels with a tone, in either case.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'À'..='Ã' | 'È'..='Ê' | 'Ì' | 'Í' | 'Ò'..='Õ' | 'Ù' | 'Ú' | 'Ý'
            | 'à'..='ã' | 'è'..='ê' | 'ì' | 'í' | 'ò'..='õ' | 'ù' | 'ú' | 'ý'
            | 'Ă' | 'ă' | 'Đ' | 'đ' | 'Ĩ' | 'ĩ' | 'Ũ' | 'ũ' | 'Ơ' | 'ơ' | 'Ư' | 'ư'
            | '\u{1EA0}'..='\u{1EF9}'
    )
}

/// Checks every character: the Vietnamese alphabet, digits, the separators `-` and `/`,
/// `&` and parentheses (placed by the structural parse).
fn check_characters(s: &str) -> Result<(), Failure> {
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
    {
        return Ok(());
    }
    for (at, c) in s.char_indices() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '&' | '(' | ')') {
            continue;
        }
        if is_vietnamese_letter(c) {
            continue;
        }
        let reason = if c.is_whitespace() {
            SymbolErrorReason::Whitespace
        } else if c == 'Ð' || c == 'ð' {
            SymbolErrorReason::Eth { found: c }
        } else if let Some(ascii) = full_width(c) {
            SymbolErrorReason::FullWidth { found: c, ascii }
        } else if let Some((latin, script)) = homoglyph(c) {
            SymbolErrorReason::Homoglyph {
                found: c,
                latin,
                script,
            }
        } else if c.is_alphabetic() {
            SymbolErrorReason::NotVietnamese { found: c }
        } else {
            SymbolErrorReason::InvalidCharacter { found: c }
        };
        return fail(reason, at);
    }
    Ok(())
}

/// Checks an issuer or unit segment: non-empty, starting with a letter, with `&` only
/// between two letters or digits (`BGD&ĐT`), and no parentheses.
fn check_name(segment: &str, at: usize) -> Result<(), Failure> {
    match segment.chars().next() {
        None => return fail(SymbolErrorReason::EmptySegment, at),
        Some(c) if c.is_alphabetic() => {}
        Some(_) => {
            return fail(
                SymbolErrorReason::InvalidIssuer {
                    issuer: quote(segment),
                },
                at,
            );
        }
    }
    if let Some(i) = segment.find(['(', ')']) {
        let found = segment
            .get(i..)
            .and_then(|t| t.chars().next())
            .unwrap_or('(');
        return fail(SymbolErrorReason::InvalidCharacter { found }, at + i);
    }
    if segment.contains('&') {
        let bad = segment.ends_with('&') || segment.contains("&&");
        if bad {
            return fail(
                SymbolErrorReason::InvalidIssuer {
                    issuer: quote(segment),
                },
                at,
            );
        }
    }
    Ok(())
}

/// Checks the segments after the issuer (`VX`, `BTP-BNV`): no `/`, none empty.
fn check_units(rest: &str, at: usize) -> Result<(), Failure> {
    if let Some(slash) = rest.find('/') {
        return fail(SymbolErrorReason::ExtraSlash, at + slash);
    }
    let mut offset = at;
    for segment in rest.split('-') {
        check_name(segment, offset)?;
        offset += segment.len() + 1;
    }
    Ok(())
}

/// Words of running text that are found glued to a symbol's end, in ASCII spelling.
const ASCII_WORDS: &[&str] = &[
    "ngay", "cua", "dang", "va", "ve", "tai", "nam", "so", "thang", "theo", "nay", "quy",
];

/// Where a word of running text starts when glued to the end of the last segment
/// (`TWngày`, `QH13đang`, `QH10Văn`), or `None`.
fn glued_word(segment: &str) -> Option<usize> {
    let tail_len: usize = segment
        .chars()
        .rev()
        .take_while(|c| c.is_lowercase())
        .map(char::len_utf8)
        .sum();
    if tail_len == 0 {
        return None;
    }
    let start = segment.len() - tail_len;
    let tail = segment.get(start..).unwrap_or_default();
    let head = segment.get(..start).unwrap_or_default();
    let mut back = head.chars().rev();
    let before = back.next()?;
    let prev = back.next();
    // An abbreviation of at least two capitals or digits before it: `Báo` is a word.
    if tail.chars().count() < 2
        || prev.is_none()
        || !(before.is_uppercase() || before.is_ascii_digit())
    {
        return None;
    }
    if tail.is_ascii() && !ASCII_WORDS.contains(&tail) {
        return None;
    }
    if before.is_uppercase() && prev.is_some_and(|c| c.is_ascii_digit()) {
        // A capitalised word after a number (`QH10Văn`).
        return Some(start - before.len_utf8());
    }
    Some(start)
}

/// Checks the last segment of a symbol for a glued word.
fn check_glued(s: &str, last_start: usize) -> Result<(), Failure> {
    // Most symbols end in a capital or a digit: nothing is glued.
    if s.as_bytes()
        .last()
        .is_none_or(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Ok(());
    }
    let last = s.get(last_start..).unwrap_or_default();
    if let Some(i) = glued_word(last) {
        let at = last_start + i;
        return fail(
            SymbolErrorReason::GluedWord {
                word: quote(s.get(at..).unwrap_or_default()),
            },
            at,
        );
    }
    Ok(())
}

/// Compares two strings ignoring case, without allocating.
fn eq_ignore_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_uppercase)
        .eq(b.chars().flat_map(char::to_uppercase))
}

/// The abbreviations with a lower-case letter, in either system.
const MIXED_CASE: &[&str] = &["QĐi", "CTr", "TTr", "TrS", "QyĐ"];

/// Why a segment in kind position is not a kind of `system`, if it looks like one.
fn kind_lookalike(system: SymbolSystem, segment: &str) -> Option<SymbolErrorReason> {
    if let Some((_, kind)) = ASCII_SPELLINGS.iter().find(|(ascii, real)| {
        *ascii == segment && DocKind::from_abbreviation(system, real).is_some()
    }) {
        return Some(SymbolErrorReason::AsciiKind {
            found: segment.to_owned(),
            kind,
        });
    }
    // In a State symbol a Party abbreviation in the wrong case (`QĐI` for `QĐi`) is no
    // issuer either.
    let systems: &[SymbolSystem] = if system.is_state() {
        &[system, SymbolSystem::Party]
    } else {
        &[system]
    };
    // A segment without a lower-case letter can differ in case only from the
    // abbreviations that have one: the common issuers (`UBND`, `QH15`) stop here.
    let lower = segment.chars().any(char::is_lowercase);
    let differs_in_case = |abbr: &&str| {
        *abbr != segment && abbr.len() == segment.len() && eq_ignore_case(abbr, segment)
    };
    systems.iter().find_map(|system| {
        let found = if lower {
            DocKind::ALL
                .iter()
                .filter_map(|k| k.abbreviation(*system))
                .find(differs_in_case)
        } else {
            MIXED_CASE
                .iter()
                .copied()
                .filter(|a| DocKind::from_abbreviation(*system, a).is_some())
                .find(differs_in_case)
        };
        found.map(|abbr| SymbolErrorReason::KindCase {
            found: segment.to_owned(),
            kind: abbr,
        })
    })
}

/// Issuers of the Party's own bodies, used to flag a State form with a Party issuer.
const PARTY_ISSUERS: &[&str] = &[
    "TW", "TU", "HU", "ĐU", "QU", "TƯ", "ĐUK", "VPTW", "BTCTW", "UBKTTW", "BTGTW", "BDVTW",
    "BTGDVTW", "BNCTW", "QUTW",
];

/// Issuers of the State, used to flag a Party form with a State issuer.
fn is_state_issuer(issuer: &str) -> bool {
    matches!(
        issuer,
        "CP" | "TTg" | "UBND" | "HĐND" | "VPCP" | "CTN" | "BNV" | "BTC" | "BCA" | "BQP"
    ) || assembly_term(issuer, u16::MAX).is_some()
}

/// Government and Council of Ministers issuers of the historic `number-ISSUER` form.
fn is_historic_issuer(issuer: &str) -> bool {
    matches!(issuer, "CP" | "HĐBT" | "HĐCP" | "TTg")
}

/// The term in an issuer of the National Assembly or its Standing Committee (`QH15`,
/// `UBTVQH15`): `Some(Ok(term))` for a known term, `Some(Err(()))` for one that never
/// existed, `None` for another issuer.
fn assembly_term(issuer: &str, terms: u16) -> Option<Result<u16, ()>> {
    let digits = issuer.bytes().rev().take_while(u8::is_ascii_digit).count();
    let name = issuer.get(..issuer.len() - digits).unwrap_or_default();
    if digits == 0 || !(name == "QH" || name == "UBTVQH") {
        return None;
    }
    let term = issuer
        .get(issuer.len() - digits..)
        .and_then(|d| d.parse::<u16>().ok())
        .filter(|t| (1..=terms).contains(t) && digits <= 3);
    Some(term.ok_or(()))
}

/// Whether an issuer is the Council of State of a term (`HĐNN7`), or of no stated term.
fn is_council_of_state(issuer: &str) -> bool {
    issuer
        .strip_prefix("HĐNN")
        .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
}

fn parse_parts(s: &str, terms: u16) -> Result<Parts, Failure> {
    if s.is_empty() {
        return fail(SymbolErrorReason::Empty, 0);
    }
    if s.len() > MAX_LEN {
        return fail(SymbolErrorReason::TooLong { len: s.len() }, MAX_LEN);
    }
    check_characters(s)?;
    let bytes = s.as_bytes();
    let number_end = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if number_end == 0 {
        return fail(SymbolErrorReason::MissingNumber, 0);
    }
    if s.get(..number_end)
        .is_some_and(|n| n.bytes().all(|b| b == b'0'))
    {
        return fail(SymbolErrorReason::ZeroNumber, 0);
    }
    match bytes.get(number_end) {
        Some(b'-') => parse_dash(s, number_end),
        Some(b'/') => parse_state(s, number_end, terms),
        _ => fail(SymbolErrorReason::MissingSeparator, number_end),
    }
}

fn parts(
    system: SymbolSystem,
    kind: KindSlot,
    year: Option<u16>,
    number_end: usize,
    issuer: (usize, usize),
) -> Parts {
    Parts {
        system,
        kind,
        irregularity: None,
        year,
        number_end,
        issuer_start: issuer.0,
        issuer_end: issuer.1,
    }
}

/// A four-digit year from 1945 on, or the failure.
fn year_of(text: &str, at: usize) -> Result<u16, Failure> {
    text.parse::<u16>()
        .ok()
        .filter(|y| text.len() == 4 && *y >= FIRST_YEAR)
        .ok_or(Failure {
            reason: SymbolErrorReason::InvalidYear { year: quote(text) },
            at,
        })
}

/// `number-…`: the Party's form, or a historic State form.
fn parse_dash(s: &str, number_end: usize) -> Result<Parts, Failure> {
    let kind_start = number_end + 1;
    let rest = s.get(kind_start..).unwrap_or_default();
    let historic = SymbolSystem::StateHistoric;
    let Some(slash) = rest.find('/') else {
        // `64-CP`, `244-HĐBT`: a Government or Council of Ministers document.
        if is_historic_issuer(rest) {
            return Ok(parts(
                historic,
                KindSlot::Unstated,
                None,
                number_end,
                (kind_start, s.len()),
            ));
        }
        check_glued(s, kind_start)?;
        return if rest.is_empty() {
            fail(SymbolErrorReason::MissingKind, kind_start)
        } else {
            fail(SymbolErrorReason::MissingIssuer, s.len())
        };
    };
    let abbr = rest.get(..slash).unwrap_or_default();
    if abbr.is_empty() {
        return fail(SymbolErrorReason::MissingKind, kind_start);
    }
    if abbr.contains('-') {
        return fail(SymbolErrorReason::ExtraHyphen, kind_start);
    }
    let issuer_start = kind_start + slash + 1;
    let issuer = s.get(issuer_start..).unwrap_or_default();
    // `130-CP/1975`: the year after a slash.
    if is_historic_issuer(abbr) && !issuer.is_empty() && issuer.bytes().all(|b| b.is_ascii_digit())
    {
        let year = year_of(issuer, issuer_start)?;
        return Ok(parts(
            historic,
            KindSlot::Unstated,
            Some(year),
            number_end,
            (kind_start, kind_start + abbr.len()),
        ));
    }
    if issuer.is_empty() {
        return fail(SymbolErrorReason::MissingIssuer, issuer_start);
    }
    if let Some(i) = issuer.find('/') {
        return fail(SymbolErrorReason::ExtraSlash, issuer_start + i);
    }
    // Historic forms: edicts (`101-SL/L`), promulgation orders (`18-L/CTN`,
    // `10-LCT/HĐNN7`).
    let historic_kind = match (abbr, issuer) {
        ("SL", _) => Some(KindSlot::One(DocKind::Edict)),
        ("L", "CTN") => Some(KindSlot::Ambiguous(Ambiguity::LawOrOrdinance)),
        ("LCT", i) if is_council_of_state(i) => {
            Some(KindSlot::Ambiguous(Ambiguity::LawOrOrdinance))
        }
        _ => None,
    };
    if let Some(kind) = historic_kind {
        let issuer_len = issuer.find('-').unwrap_or(issuer.len());
        check_name(issuer.get(..issuer_len).unwrap_or_default(), issuer_start)?;
        if let Some(units) = s.get(issuer_start + issuer_len + 1..) {
            check_units(units, issuer_start + issuer_len + 1)?;
        }
        return Ok(parts(
            historic,
            kind,
            None,
            number_end,
            (issuer_start, issuer_start + issuer_len),
        ));
    }
    let kind = match abbr {
        "QĐ" => KindSlot::Ambiguous(Ambiguity::PartyDecisionOrRegulation),
        _ => match DocKind::from_abbreviation(SymbolSystem::Party, abbr) {
            Some(kind) => KindSlot::One(kind),
            None => {
                let reason = kind_lookalike(SymbolSystem::Party, abbr).unwrap_or_else(|| {
                    SymbolErrorReason::UnknownKind {
                        system: SymbolSystem::Party,
                        found: quote(abbr),
                    }
                });
                return fail(reason, kind_start);
            }
        },
    };
    if let Some(i) = issuer.find('-') {
        return fail(SymbolErrorReason::ExtraHyphen, issuer_start + i);
    }
    check_name(issuer, issuer_start)?;
    check_glued(s, issuer_start)?;
    let mut found = parts(
        SymbolSystem::Party,
        kind,
        None,
        number_end,
        (issuer_start, s.len()),
    );
    if is_state_issuer(issuer) {
        found.irregularity = Some(Irregularity::PartyFormStateIssuer);
    }
    Ok(found)
}

/// Parses `ISSUER[(UNIT)][-UNIT…]` from `start`, returning where the issuer ends.
fn parse_issuer(s: &str, start: usize) -> Result<usize, Failure> {
    let tail = s.get(start..).unwrap_or_default();
    if let Some(slash) = tail.find('/') {
        return fail(SymbolErrorReason::ExtraSlash, start + slash);
    }
    let issuer_len = tail.find(['-', '(']).unwrap_or(tail.len());
    let issuer = tail.get(..issuer_len).unwrap_or_default();
    if issuer.is_empty() {
        return fail(SymbolErrorReason::MissingIssuer, start);
    }
    check_name(issuer, start)?;
    let mut next = issuer_len;
    if tail.as_bytes().get(issuer_len) == Some(&b'(') {
        // `BCA(C11)`: a unit of the Ministry of Public Security.
        let close = tail.find(')').filter(|_| issuer == "BCA");
        let Some(close) = close else {
            return fail(
                SymbolErrorReason::InvalidCharacter { found: '(' },
                start + issuer_len,
            );
        };
        let unit = tail.get(issuer_len + 1..close).unwrap_or_default();
        check_name(unit, start + issuer_len + 1)?;
        next = close + 1;
    }
    match tail.get(next..).and_then(|t| t.chars().next()) {
        None => {}
        Some('-') => check_units(tail.get(next + 1..).unwrap_or_default(), start + next + 1)?,
        Some(found) => return fail(SymbolErrorReason::InvalidCharacter { found }, start + next),
    }
    let last = tail.rfind(['-', ')']).map_or(0, |i| i + 1);
    check_glued(s, start + last)?;
    Ok(start + issuer_len)
}

/// `number/…`: administrative, legal-normative with a year, or a historic form.
fn parse_state(s: &str, number_end: usize, terms: u16) -> Result<Parts, Failure> {
    let mut start = number_end + 1;
    let rest = s.get(start..).unwrap_or_default();
    if rest.is_empty() {
        return fail(SymbolErrorReason::MissingIssuer, start);
    }
    // `53/SL`: an edict of 1945–1959, with no issuer.
    if rest == "SL" {
        return Ok(parts(
            SymbolSystem::StateHistoric,
            KindSlot::One(DocKind::Edict),
            None,
            number_end,
            (s.len(), s.len()),
        ));
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let mut year = None;
    if digits > 0 {
        let text = rest.get(..digits).unwrap_or_default();
        if rest.as_bytes().get(digits) != Some(&b'/') {
            return fail(
                SymbolErrorReason::ExpectedSlashAfterYear { year: quote(text) },
                start + digits,
            );
        }
        year = Some(year_of(text, start)?);
        start += digits + 1;
    }
    let mut system = if year.is_some() {
        SymbolSystem::StateNormative
    } else {
        SymbolSystem::StateAdministrative
    };
    let rest = s.get(start..).unwrap_or_default();
    if rest.is_empty() {
        return fail(SymbolErrorReason::MissingKind, start);
    }
    let (first, after) = match rest.find(['-', '/', '(']) {
        Some(i) => (rest.get(..i).unwrap_or_default(), rest.get(i..)),
        None => (rest, None),
    };
    if first.is_empty() {
        return fail(SymbolErrorReason::MissingKind, start);
    }
    let kind = DocKind::from_abbreviation(system, first);
    match kind {
        Some(kind) => {
            let joint = matches!(kind, DocKind::JointCircular | DocKind::JointResolution);
            let separator = after.and_then(|a| a.chars().next());
            if separator == Some('/') && !joint {
                return fail(SymbolErrorReason::ExtraSlash, start + first.len());
            }
            if separator == Some('(') {
                return fail(
                    SymbolErrorReason::InvalidCharacter { found: '(' },
                    start + first.len(),
                );
            }
            if year.is_none() && kind.is_normative_only() {
                if matches!(kind, DocKind::Circular | DocKind::JointCircular) {
                    // Circulars without a year (`08/TT-LB`), before the year was written.
                    system = SymbolSystem::StateHistoric;
                } else {
                    return fail(
                        SymbolErrorReason::MissingYear {
                            kind: abbr_of(kind),
                        },
                        start,
                    );
                }
            }
            let issuer_start = start + first.len() + 1;
            if after.is_none_or(|a| a.len() <= 1) {
                return fail(SymbolErrorReason::MissingIssuer, s.len());
            }
            let issuer_end = parse_issuer(s, issuer_start)?;
            let mut found = parts(
                system,
                KindSlot::One(kind),
                year,
                number_end,
                (issuer_start, issuer_end),
            );
            let issuer = s.get(issuer_start..issuer_end).unwrap_or_default();
            if PARTY_ISSUERS.contains(&issuer) {
                found.irregularity = Some(Irregularity::StateFormPartyIssuer);
            }
            Ok(found)
        }
        None => {
            if let Some(reason) = kind_lookalike(system, first) {
                return fail(reason, start);
            }
            if let Some(kind) = DocKind::from_abbreviation(SymbolSystem::Party, first) {
                return fail(
                    SymbolErrorReason::PartyKindInState {
                        kind: kind.abbreviation(SymbolSystem::Party).unwrap_or_default(),
                    },
                    start,
                );
            }
            if after.is_some_and(|a| a.starts_with('/')) {
                return fail(SymbolErrorReason::ExtraSlash, start + first.len());
            }
            if year.is_some() {
                if after.is_none() {
                    check_glued(s, start)?;
                    // `number/year/ISSUER`: only the National Assembly and its Standing
                    // Committee number documents without a kind.
                    match assembly_term(first, terms) {
                        Some(Ok(_)) => {
                            return Ok(parts(
                                system,
                                KindSlot::Unstated,
                                year,
                                number_end,
                                (start, s.len()),
                            ));
                        }
                        Some(Err(())) => {
                            return fail(
                                SymbolErrorReason::UnknownAssemblyTerm {
                                    issuer: quote(first),
                                    known: terms,
                                },
                                start,
                            );
                        }
                        None => {}
                    }
                    if let Some(kind) = run_together(system, first)
                        && !is_historic_issuer(first)
                    {
                        return fail(
                            SymbolErrorReason::RunTogether {
                                found: quote(first),
                                kind,
                            },
                            start + kind.len(),
                        );
                    }
                }
                let reason = if after.is_some() {
                    SymbolErrorReason::UnknownKind {
                        system,
                        found: quote(first),
                    }
                } else {
                    SymbolErrorReason::KindlessNormative {
                        issuer: quote(first),
                    }
                };
                return fail(reason, start);
            }
            // `74/CP`: a Government decree or decision of the 1990s; the Government's
            // official letters always name a unit (`number/CP-UNIT`).
            if first == "CP" && after.is_none() {
                return Ok(parts(
                    SymbolSystem::StateHistoric,
                    KindSlot::Unstated,
                    None,
                    number_end,
                    (start, s.len()),
                ));
            }
            // `number/ISSUER[-UNIT…]`: an official letter. An issuer starts with a capital.
            if !first.chars().next().is_some_and(char::is_uppercase) {
                return fail(
                    SymbolErrorReason::InvalidIssuer {
                        issuer: quote(first),
                    },
                    start,
                );
            }
            let issuer_end = parse_issuer(s, start)?;
            let mut found = parts(
                system,
                KindSlot::One(DocKind::OfficialLetter),
                year,
                number_end,
                (start, issuer_end),
            );
            if PARTY_ISSUERS.contains(&first) {
                found.irregularity = Some(Irregularity::StateFormPartyIssuer);
            }
            Ok(found)
        }
    }
}

/// The normative kind abbreviation a kindless normative segment starts with, when the
/// rest is an issuer (`NĐCP` is `NĐ` run into `CP`; `BTTTT` is a ministry, not `BTT`).
fn run_together(system: SymbolSystem, segment: &str) -> Option<&'static str> {
    DocKind::ALL
        .iter()
        .filter(|k| k.may_be_normative())
        .filter_map(|k| k.abbreviation(system))
        .filter(|abbr| {
            segment.strip_prefix(abbr).is_some_and(|rest| {
                rest.chars().count() >= 2 && rest.chars().next().is_some_and(char::is_uppercase)
            })
        })
        .max_by_key(|abbr| abbr.len())
}

fn abbr_of(kind: DocKind) -> &'static str {
    kind.abbreviation(SymbolSystem::StateNormative)
        .unwrap_or_default()
}

/// The lenient parse's changes to the text itself: NFC, full-width forms, whitespace,
/// dashes, the eth, and lower case.
fn lenient_text(input: &str) -> (String, Vec<Correction>) {
    let mut corrections = Vec::new();
    let mut text = crate::text::nfc_str(input).into_owned();
    if text.chars().any(|c| full_width(c).is_some() && !is_dash(c)) {
        let mut found: Vec<char> = Vec::new();
        text = text
            .chars()
            .map(|c| match full_width(c) {
                Some(ascii) if !is_dash(c) => {
                    if !found.contains(&c) {
                        found.push(c);
                    }
                    ascii
                }
                _ => c,
            })
            .collect();
        corrections.extend(found.into_iter().filter_map(|found| {
            full_width(found).map(|ascii| Correction::FoldedFullWidth { found, to: ascii })
        }));
    }
    if text.chars().any(char::is_whitespace) {
        text.retain(|c| !c.is_whitespace());
        corrections.push(Correction::RemovedWhitespace);
    }
    if text.contains(is_dash) {
        let mut found: Vec<char> = text.chars().filter(|c| is_dash(*c)).collect();
        found.sort_unstable();
        found.dedup();
        text = text
            .chars()
            .map(|c| if is_dash(c) { '-' } else { c })
            .collect();
        corrections.extend(
            found
                .into_iter()
                .map(|found| Correction::ReplacedDash { found }),
        );
    }
    if text.contains(['Ð', 'ð']) {
        text = text
            .chars()
            .map(|c| match c {
                'Ð' => 'Đ',
                'ð' => 'đ',
                c => c,
            })
            .collect();
        corrections.push(Correction::ReplacedEth);
    }
    let letters = text.chars().filter(|c| c.is_alphabetic());
    let mut any = false;
    let mut all_lower = true;
    for c in letters {
        any = true;
        all_lower &= c.is_lowercase();
    }
    if any && all_lower {
        text = text.to_uppercase().replace("TTG", "TTg");
        corrections.push(Correction::UpperCased);
    }
    (crate::text::nfc_str(&text).into_owned(), corrections)
}

/// Repairs the structural slip a failure names, if the lenient parse reads it.
fn fix_structure(text: &mut String, failure: &Failure, cased: bool) -> Option<Correction> {
    let at = failure.at;
    match &failure.reason {
        SymbolErrorReason::AsciiKind { found, kind }
            if text.get(at..at + found.len()) == Some(found.as_str()) =>
        {
            text.replace_range(at..at + found.len(), kind);
            Some(Correction::RespelledKind {
                found: found.clone(),
                to: kind,
            })
        }
        SymbolErrorReason::KindCase { found, kind }
            if cased && text.get(at..at + found.len()) == Some(found.as_str()) =>
        {
            // Only after the whole symbol was read in capitals: `CTR` from `ctr`.
            text.replace_range(at..at + found.len(), kind);
            Some(Correction::RespelledKind {
                found: found.clone(),
                to: kind,
            })
        }
        SymbolErrorReason::RunTogether { kind, .. } if text.is_char_boundary(at) => {
            text.insert(at, '-');
            Some(Correction::SeparatedKind { kind })
        }
        SymbolErrorReason::ExtraSlash
            if text.get(at..=at) == Some("/") && kind_before(text, at) =>
        {
            text.replace_range(at..=at, "-");
            Some(Correction::SlashAfterKind)
        }
        SymbolErrorReason::ExpectedSlashAfterYear { .. } if text.get(at..=at) == Some("-") => {
            text.replace_range(at..=at, "/");
            Some(Correction::HyphenAfterYear)
        }
        _ => None,
    }
}

/// Whether the segment that ends at `at` is a State kind abbreviation (`1232/QĐ/TTg`).
fn kind_before(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or_default();
    let segment = head.rsplit('/').next().unwrap_or_default();
    DocKind::from_abbreviation(SymbolSystem::StateNormative, segment).is_some()
}

/// A bounded quotation of user text: at most [`QUOTE_LIMIT`] characters, then `…`.
fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE_LIMIT) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_owned(),
    }
}

/// The symbol an input probably meant: the lenient reading, with look-alike letters
/// of other scripts read as Latin and a glued word cut off.
fn probable_meaning(input: &str, terms: u16) -> Option<String> {
    if input.len() > 4 * MAX_LEN {
        return None;
    }
    let latin: String = input
        .chars()
        .map(|c| homoglyph(c).map_or(c, |(latin, _)| latin))
        .collect();
    let (mut text, _) = lenient_text(&latin);
    for _ in 0..6 {
        match parse_parts(&text, terms) {
            Ok(_) => return (text != input).then_some(text),
            Err(failure) => {
                if let SymbolErrorReason::GluedWord { .. } = failure.reason
                    && text.is_char_boundary(failure.at)
                {
                    text.truncate(failure.at);
                    continue;
                }
                fix_structure(&mut text, &failure, true)?;
                text = crate::text::nfc_str(&text).into_owned();
            }
        }
    }
    None
}

/// An error from parsing a document symbol: the input as given (quoted up to 80
/// characters), the reason, and the symbol it probably meant when one is likely.
///
/// # Example
///
/// ```
/// use directives::document::{DocSymbol, SymbolErrorReason};
///
/// let err = DocSymbol::parse("05/NĐ-CP").unwrap_err();
/// assert_eq!(err.input(), "05/NĐ-CP");
/// assert!(matches!(err.reason(), SymbolErrorReason::MissingYear { .. }));
/// assert_eq!(err.probable_meaning(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid document symbol `{input}`: {reason}{}",
    context_text(.context.as_deref())
)]
pub struct SymbolError {
    input: Box<str>,
    reason: SymbolErrorReason,
    // Boxed, so that the error (and every error that holds it) stays small.
    context: Option<Box<ErrorContext>>,
}

/// Where a failure is and what the input probably meant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ErrorContext {
    after: Option<String>,
    meant: Option<String>,
}

fn context_text(context: Option<&ErrorContext>) -> String {
    let Some(context) = context else {
        return String::new();
    };
    let after = context
        .after
        .as_deref()
        .map_or_else(String::new, |a| format!(" after `{a}`"));
    let meant = context
        .meant
        .as_deref()
        .map_or_else(String::new, |m| format!("; it probably means `{m}`"));
    format!("{after}{meant}")
}

impl SymbolError {
    fn new(input: &str, reason: SymbolErrorReason) -> SymbolError {
        SymbolError {
            input: quote(input).into_boxed_str(),
            reason,
            context: None,
        }
    }

    fn context_mut(&mut self) -> &mut ErrorContext {
        self.context.get_or_insert_with(|| {
            Box::new(ErrorContext {
                after: None,
                meant: None,
            })
        })
    }

    /// Names where the failure is, for reasons that do not quote the part at fault: the
    /// text before it.
    fn located(mut self, text: &str, at: usize) -> SymbolError {
        let positional = matches!(
            self.reason,
            SymbolErrorReason::Whitespace
                | SymbolErrorReason::MissingKind
                | SymbolErrorReason::MissingIssuer
                | SymbolErrorReason::EmptySegment
                | SymbolErrorReason::ExtraSlash
                | SymbolErrorReason::ExtraHyphen
                | SymbolErrorReason::InvalidCharacter { .. }
        );
        if positional && at > 0 {
            let after = text.get(..at).map(quote);
            self.context_mut().after = after;
        }
        self
    }

    fn with_meaning(mut self, input: &str, terms: u16) -> SymbolError {
        if let Some(meant) = probable_meaning(input, terms) {
            self.context_mut().meant = Some(meant);
        }
        self
    }

    /// The text that failed to parse, as given, cut after 80 characters (marked `…`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert_eq!(DocSymbol::parse("23-QD/TW").unwrap_err().input(), "23-QD/TW");
    /// let long = format!("1/QĐ-{}", "A".repeat(1000));
    /// assert_eq!(DocSymbol::parse(&long).unwrap_err().input().chars().count(), 81);
    /// ```
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Why it failed.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocSymbol, SymbolErrorReason};
    ///
    /// let err = DocSymbol::parse("1470-CV").unwrap_err();
    /// assert_eq!(err.reason(), &SymbolErrorReason::MissingIssuer);
    /// ```
    #[must_use]
    pub fn reason(&self) -> &SymbolErrorReason {
        &self.reason
    }

    /// The symbol the input probably meant, when the lenient reading (with look-alike
    /// letters of other scripts read as Latin, and a glued word cut off) finds one.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// let err = DocSymbol::parse("1470-CV/ТU").unwrap_err(); // a Cyrillic `Т`
    /// assert_eq!(err.probable_meaning(), Some("1470-CV/TU"));
    /// ```
    #[must_use]
    pub fn probable_meaning(&self) -> Option<&str> {
        self.context.as_ref().and_then(|c| c.meant.as_deref())
    }
}

/// Why a symbol failed to parse.
///
/// New reasons may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SymbolErrorReason {
    /// The text is empty.
    #[error("the symbol is empty")]
    Empty,
    /// The text is longer than 255 bytes.
    #[error("it is {len} bytes long, more than 255")]
    TooLong {
        /// The length in bytes of the NFC text.
        len: usize,
    },
    /// The text contains whitespace.
    #[error("it contains whitespace")]
    Whitespace,
    /// A character other than a letter, a digit, `-`, `/` or `&` (or parentheses where a
    /// unit of the Ministry of Public Security may stand).
    #[error("unexpected character `{found}`")]
    InvalidCharacter {
        /// The character.
        found: char,
    },
    /// The eth `Ð` (U+00D0) or `ð` typed for `Đ` (U+0110) or `đ`.
    #[error("`{found}` is the eth (U+{:04X}), not the Vietnamese `Đ`; the lenient parse reads it as `Đ`", u32::from(*.found))]
    Eth {
        /// The character.
        found: char,
    },
    /// A full-width form (`Ｔ`) of an ASCII character.
    #[error("`{found}` is a full-width form of `{ascii}`; the lenient parse reads it as `{ascii}`")]
    FullWidth {
        /// The character.
        found: char,
        /// The ASCII character it stands for.
        ascii: char,
    },
    /// A letter of another script that looks like a Latin one (a Cyrillic `Т`).
    #[error("`{found}` (U+{:04X}) is a {script} letter that looks like the Latin `{latin}`", u32::from(*.found))]
    Homoglyph {
        /// The character.
        found: char,
        /// The Latin letter it looks like.
        latin: char,
        /// Its script: `Cyrillic` or `Greek`.
        script: &'static str,
    },
    /// A letter outside the Vietnamese alphabet (`Œ`).
    #[error("`{found}` (U+{:04X}) is not a letter of the Vietnamese alphabet", u32::from(*.found))]
    NotVietnamese {
        /// The character.
        found: char,
    },
    /// A word of running text glued to the end (`41-NQ/TWngày`).
    #[error("the word `{word}` is glued to its end")]
    GluedWord {
        /// The word.
        word: String,
    },
    /// The text does not start with a number.
    #[error("it does not start with a number")]
    MissingNumber,
    /// The number is zero.
    #[error("the number is zero")]
    ZeroNumber,
    /// The number is followed by neither `-` (Party) nor `/` (State).
    #[error("expected `-` (Party) or `/` (State) after the number")]
    MissingSeparator,
    /// The kind is missing where the format needs one.
    #[error("the document kind is missing")]
    MissingKind,
    /// The issuer is missing.
    #[error("the issuer is missing")]
    MissingIssuer,
    /// A unit segment after the issuer is empty (`05/QĐ-UBND-`, `123/UBND--VX`).
    #[error("a segment between separators is empty")]
    EmptySegment,
    /// A `/` where the format has none.
    #[error("unexpected `/`")]
    ExtraSlash,
    /// A `-` where the format has none (in a Party kind or issuer).
    #[error("unexpected `-` in a Party symbol's kind or issuer")]
    ExtraHyphen,
    /// An issuer or unit that does not start with a letter, or an official letter's issuer
    /// that does not start with a capital.
    #[error("invalid issuer `{issuer}`")]
    InvalidIssuer {
        /// The segment.
        issuer: String,
    },
    /// Digits after the number's `/` that are not followed by `/`.
    #[error("expected `/` after the year `{year}`")]
    ExpectedSlashAfterYear {
        /// The digits.
        year: String,
    },
    /// A year that is not four digits from 1945 on.
    #[error("invalid year `{year}`: expected four digits from 1945 on")]
    InvalidYear {
        /// The digits.
        year: String,
    },
    /// A year after the reference date's ([`DocSymbol::parse_as_of`]).
    #[error("the year `{year}` is after {reference}, the year of the reference date")]
    FutureYear {
        /// The symbol's year.
        year: u16,
        /// The reference date's year.
        reference: i32,
    },
    /// A National Assembly term that never existed (`QH135`, `QH2013`), or one after the
    /// last term the rules know ([`SymbolRules::with_assembly_terms`]).
    #[error(
        "`{issuer}` names no term of the National Assembly: the terms known are 1 to {known} (`QH1` to `QH{known}`)"
    )]
    UnknownAssemblyTerm {
        /// The issuer as written.
        issuer: String,
        /// The number of terms known.
        known: u16,
    },
    /// A kind run into its issuer (`NĐCP` for `NĐ-CP`).
    #[error("`{found}` runs the kind `{kind}` into the issuer")]
    RunTogether {
        /// The segment as written.
        found: String,
        /// The kind abbreviation it starts with.
        kind: &'static str,
    },
    /// An abbreviation that no kind has in the symbol's system.
    #[error("unknown {} document kind `{found}`", system_word(*.system))]
    UnknownKind {
        /// The system of the symbol.
        system: SymbolSystem,
        /// The abbreviation as written.
        found: String,
    },
    /// An ASCII spelling (`QD`) of an abbreviation with `Đ` (`QĐ`).
    #[error(
        "`{found}` is not a kind abbreviation; the ASCII spelling of `{kind}` is accepted only by the lenient parse"
    )]
    AsciiKind {
        /// The spelling as written.
        found: String,
        /// The abbreviation it spells.
        kind: &'static str,
    },
    /// An abbreviation written in the wrong case (`Qđ`, `CTR`).
    #[error("`{found}` is not a kind abbreviation; abbreviations are case-sensitive: `{kind}`")]
    KindCase {
        /// The spelling as written.
        found: String,
        /// The abbreviation in its case.
        kind: &'static str,
    },
    /// A normative-only kind (`NĐ`, `PL`) in a symbol without a year.
    #[error(
        "`{kind}` is a legal-normative kind: its symbol needs a year (`number/year/{kind}-ISSUER`)"
    )]
    MissingYear {
        /// The abbreviation.
        kind: &'static str,
    },
    /// A Party kind (`CV`, `QĐi`) in a State symbol.
    #[error("{}", party_kind_in_state(.kind))]
    PartyKindInState {
        /// The abbreviation.
        kind: &'static str,
    },
    /// A normative symbol without a kind whose issuer is not the National Assembly.
    #[error(
        "a normative symbol without a kind must be issued by the National Assembly or its Standing Committee, not `{issuer}`"
    )]
    KindlessNormative {
        /// The issuer as written.
        issuer: String,
    },
}

/// The message of [`SymbolErrorReason::PartyKindInState`]: what a State symbol writes
/// instead, if anything.
fn party_kind_in_state(abbreviation: &str) -> String {
    let kind = DocKind::from_abbreviation(SymbolSystem::Party, abbreviation);
    match kind {
        Some(DocKind::OfficialLetter) | None => format!(
            "`{abbreviation}` is a Party kind: a State official letter has no kind (`number/ISSUER-UNIT`)"
        ),
        Some(kind) => match kind.abbreviation(SymbolSystem::StateAdministrative) {
            Some(state) => format!(
                "`{abbreviation}` is a Party kind: a State symbol writes {} `{state}`",
                kind.english_with_article()
            ),
            None => format!(
                "`{abbreviation}` is a Party kind: {} has no abbreviation in State symbols",
                kind.english_with_article()
            ),
        },
    }
}

fn system_word(system: SymbolSystem) -> &'static str {
    if system == SymbolSystem::Party {
        "Party"
    } else {
        "State"
    }
}

/// A change made by [`DocSymbol::parse_lenient`].
///
/// New kinds of change may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::document::{Correction, DocSymbol};
///
/// let (_, corrections) = DocSymbol::parse_lenient("09/2019/ND–CP")?;
/// assert_eq!(
///     corrections,
///     [Correction::ReplacedDash { found: '–' }, Correction::RespelledKind { found: "ND".into(), to: "NĐ" }]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Correction {
    /// Whitespace was removed.
    RemovedWhitespace,
    /// A dash other than `-` (such as `–`) was read as `-`.
    ReplacedDash {
        /// The dash found.
        found: char,
    },
    /// A full-width form was read as its ASCII character.
    FoldedFullWidth {
        /// The character found.
        found: char,
        /// The ASCII character it was read as.
        to: char,
    },
    /// The eth `Ð` was read as `Đ`.
    ReplacedEth,
    /// A symbol typed all in lower case was read in capitals (`TTg` keeps its `g`).
    UpperCased,
    /// A kind spelled in ASCII or in the wrong case was read as the kind.
    RespelledKind {
        /// The spelling found (`QD`).
        found: String,
        /// The abbreviation it was read as (`QĐ`).
        to: &'static str,
    },
    /// A kind run into its issuer (`NĐCP`) was separated from it.
    SeparatedKind {
        /// The kind abbreviation.
        kind: &'static str,
    },
    /// A `/` after the kind (`1232/QĐ/TTg`) was read as `-`.
    SlashAfterKind,
    /// A `-` after the year (`95/1998-NĐ-CP`) was read as `/`.
    HyphenAfterYear,
}

impl fmt::Display for Correction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Correction::RemovedWhitespace => f.write_str("removed whitespace"),
            Correction::ReplacedDash { found } => write!(f, "read `{found}` as `-`"),
            Correction::FoldedFullWidth { found, to } => {
                write!(f, "read the full-width `{found}` as `{to}`")
            }
            Correction::ReplacedEth => f.write_str("read the eth `Ð` as `Đ`"),
            Correction::UpperCased => f.write_str("read lower case as capitals"),
            Correction::RespelledKind { found, to } => {
                write!(f, "read the kind `{found}` as `{to}`")
            }
            Correction::SeparatedKind { kind } => {
                write!(f, "separated the kind `{kind}` from the issuer")
            }
            Correction::SlashAfterKind => f.write_str("read the `/` after the kind as `-`"),
            Correction::HyphenAfterYear => f.write_str("read the `-` after the year as `/`"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_input_is_stored_nfc() {
        let nfd = "05/QĐ-Ba\u{301}o";
        let s = DocSymbol::parse(nfd).unwrap();
        assert_eq!(s.issuer(), "Báo");
        assert_eq!(s.as_str(), "05/QĐ-Báo");
    }

    #[test]
    fn offsets_fit() {
        let long = format!("1/QĐ-{}", "A".repeat(249));
        let s = DocSymbol::parse(&long).unwrap();
        assert_eq!(s.issuer().len(), 249);
        assert_eq!(s.units(), None);
        let too_long = format!("1/QĐ-{}", "A".repeat(250));
        assert!(DocSymbol::parse(&too_long).is_err());
    }

    #[test]
    fn assembly_issuers() {
        assert_eq!(assembly_term("QH15", ASSEMBLY_TERMS), Some(Ok(15)));
        assert_eq!(assembly_term("UBTVQH13", ASSEMBLY_TERMS), Some(Ok(13)));
        assert_eq!(assembly_term("QH1", ASSEMBLY_TERMS), Some(Ok(1)));
        assert_eq!(assembly_term("QH16", ASSEMBLY_TERMS), Some(Ok(16)));
        assert_eq!(assembly_term("QH17", ASSEMBLY_TERMS), Some(Err(())));
        assert_eq!(assembly_term("QH135", ASSEMBLY_TERMS), Some(Err(())));
        assert_eq!(assembly_term("QH0", ASSEMBLY_TERMS), Some(Err(())));
        assert_eq!(assembly_term("QH", ASSEMBLY_TERMS), None);
        assert_eq!(assembly_term("CP", ASSEMBLY_TERMS), None);
    }

    #[test]
    fn glued_words() {
        assert_eq!(glued_word("TWngày"), Some(2));
        assert_eq!(glued_word("QH13đang"), Some(4));
        assert_eq!(glued_word("QH10Văn"), Some(4));
        assert_eq!(glued_word("TWngay"), Some(2));
        assert_eq!(glued_word("TTg"), None);
        assert_eq!(glued_word("HoREA"), None);
        assert_eq!(glued_word("QĐi"), None);
        assert_eq!(glued_word("Báo"), None);
    }

    #[test]
    fn mixed_case_lists_every_abbreviation_with_a_lower_case_letter() {
        let mut found: Vec<&str> = DocKind::ALL
            .iter()
            .flat_map(|k| {
                [
                    k.abbreviation(SymbolSystem::Party),
                    k.abbreviation(SymbolSystem::StateAdministrative),
                ]
            })
            .flatten()
            .filter(|a| a.chars().any(char::is_lowercase))
            .collect();
        found.sort_unstable();
        found.dedup();
        let mut listed = MIXED_CASE.to_vec();
        listed.sort_unstable();
        assert_eq!(found, listed);
    }

    #[test]
    fn quotes_are_bounded() {
        assert_eq!(quote("abc"), "abc");
        let long = "x".repeat(500);
        assert_eq!(quote(&long).chars().count(), QUOTE_LIMIT + 1);
    }
}
