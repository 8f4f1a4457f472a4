//! Document symbols (số, ký hiệu): parsing, formatting and the lenient parse.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc, is_nfc_quick};

use super::kind::{ASCII_SPELLINGS, DocKind, SymbolSystem};

/// The longest symbol accepted, in bytes of its NFC form.
const MAX_LEN: usize = 255;

/// The first year a symbol may carry (the founding of the State, 1945).
const FIRST_YEAR: u16 = 1945;

/// The number and symbol of a document (số, ký hiệu): `1470-CV/TU`, `05/QĐ-UBND`,
/// `09/2019/NĐ-CP`.
///
/// Three formats are recognised (Decree 30/2020/NĐ-CP, Phụ lục I § II.3 and Phụ lục III;
/// Party guidance 36-HD/VPTW):
///
/// | system | form | examples |
/// |---|---|---|
/// | Party | `number-KIND/ISSUER` | `1470-CV/TU`, `08-QĐi/TW` |
/// | State, administrative | `number/KIND-ISSUER[-UNIT…]`, or `number/ISSUER[-UNIT…]` for an official letter | `05/QĐ-UBND`, `123/UBND-VX` |
/// | State, legal-normative | `number/year/KIND-ISSUER[-CO-ISSUER…]`, or `number/year/ISSUER` for the National Assembly | `09/2019/NĐ-CP`, `72/2025/QH15` |
///
/// Every `DocSymbol` holds its text in Unicode NFC (so `Đ` is always U+0110), with the
/// number exactly as written (leading zeros kept), a kind abbreviation that is known for its
/// system (matched case-sensitively), and non-empty alphanumeric issuer and unit segments.
/// `Display` prints that text, and parsing it again gives an equal symbol.
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
    kind: Option<DocKind>,
    year: Option<u16>,
    number_end: u8,
    issuer_start: u8,
    issuer_end: u8,
}

/// What the structural parse finds in an NFC string.
#[derive(Debug, Clone, Copy)]
struct Parts {
    system: SymbolSystem,
    kind: Option<DocKind>,
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
    /// Parses a symbol in any of the three formats, after normalising it to NFC.
    ///
    /// The parse is strict: it accepts no whitespace, no dash other than `-`, no ASCII `D`
    /// for `Đ` and no change of case in a kind abbreviation (`Qđ`, `CTR`). Use
    /// [`DocSymbol::parse_lenient`] to accept the first three with a report of what was
    /// changed. Neither parse reads a change of case: abbreviations are case-sensitive
    /// (`QĐ` decision, `QyĐ` regulation), so the error names the abbreviation to write.
    ///
    /// # Errors
    ///
    /// [`SymbolError`] naming the input and the reason (see [`SymbolErrorReason`]).
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
    /// let err = DocSymbol::parse("23-QD/TW").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid document symbol `23-QD/TW`: `QD` is not a kind abbreviation; \
    ///      the ASCII spelling of `QĐ` is accepted only by the lenient parse"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(input: &str) -> Result<DocSymbol, SymbolError> {
        let text = to_nfc(input);
        match parse_parts(&text) {
            Ok(parts) => Ok(DocSymbol::from_parts(text.into(), parts)),
            Err(failure) => Err(SymbolError::new(input, failure.reason)),
        }
    }

    /// Parses a symbol as typed by hand: removes whitespace, reads dashes such as `–` as
    /// `-`, and reads an ASCII spelling of a kind (`QD`) as the kind (`QĐ`), reporting each
    /// change made.
    ///
    /// Only spellings that name no other kind are read: `DA` (dự án, project) and `HD`
    /// (hướng dẫn, guidance) are kinds of their own, so they stay as they are, and nothing
    /// is guessed about issuers. An empty list of corrections means the strict parse
    /// would have given the same symbol.
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
        let mut corrections = Vec::new();
        let mut text = to_nfc(input).into_owned();
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
        // A symbol has one kind, so one respelling at most is needed.
        let parsed = match parse_parts(&text) {
            Err(Failure {
                reason: SymbolErrorReason::AsciiKind { found, kind },
                at,
            }) if text.get(at..at + found.len()) == Some(found.as_str()) => {
                text.replace_range(at..at + found.len(), kind);
                corrections.push(Correction::RespelledKind { found, to: kind });
                parse_parts(&text)
            }
            other => other,
        };
        match parsed {
            Ok(parts) => Ok((
                DocSymbol::from_parts(text.into_boxed_str(), parts),
                corrections,
            )),
            Err(failure) => Err(SymbolError::new(input, failure.reason)),
        }
    }

    fn from_parts(text: Box<str>, parts: Parts) -> DocSymbol {
        // INVARIANT (symbol-text): `parse_parts` rejects texts longer than MAX_LEN (255)
        // bytes, so every offset fits in a `u8`.
        let narrow = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
        DocSymbol {
            system: parts.system,
            kind: parts.kind,
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

    /// The kind of document the symbol states.
    ///
    /// An administrative symbol without a kind (`123/UBND-VX`) is an official letter (công
    /// văn, Decree 30/2020/NĐ-CP Phụ lục I § II.3.b). A normative symbol without a kind
    /// (`72/2025/QH15`) is `None`: laws, codes, ordinances and resolutions of the National
    /// Assembly all look alike.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKind, DocSymbol};
    ///
    /// assert_eq!(DocSymbol::parse("114-KL/TW")?.kind(), Some(DocKind::Conclusion));
    /// assert_eq!(DocSymbol::parse("9061/VPCP-CN")?.kind(), Some(DocKind::OfficialLetter));
    /// assert_eq!(DocSymbol::parse("72/2025/QH15")?.kind(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> Option<DocKind> {
        self.kind
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
        self.kind.and_then(|k| k.abbreviation(self.system))
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
    /// one (`VPCP` in `55/2005/TTLT-BNV-VPCP`). `None` if nothing follows.
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
        self.text.get(usize::from(self.issuer_end) + 1..)
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

    /// Whether the symbol carries a year that its kind can no longer have.
    ///
    /// Since the Law on the Promulgation of Legal Documents 80/2015/QH13 (in force
    /// 2016-07-01, art. 4) only some kinds may be normative (see
    /// [`DocKind::may_be_normative`]); a directive numbered like a normative document in or
    /// after 2016, such as `33/2021/CT-TTg`, is irregular. Such symbols parse; linters
    /// report them.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert!(DocSymbol::parse("33/2021/CT-TTg")?.is_irregular());
    /// assert!(!DocSymbol::parse("15/2008/CT-TTg")?.is_irregular());
    /// assert!(!DocSymbol::parse("09/2019/NĐ-CP")?.is_irregular());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_irregular(&self) -> bool {
        match (self.year, self.kind) {
            (Some(year), Some(kind)) => year >= 2016 && !kind.may_be_normative(),
            _ => false,
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

/// The input in NFC, borrowed when it already is (the common case, checked without
/// allocating).
fn to_nfc(input: &str) -> Cow<'_, str> {
    // ASCII and `Đ`/`đ` (U+0110/U+0111, which neither decompose nor combine) are NFC in
    // any sequence: most symbols are checked by this loop alone.
    if input
        .chars()
        .all(|c| c.is_ascii() || c == '\u{110}' || c == '\u{111}')
    {
        return Cow::Borrowed(input);
    }
    match is_nfc_quick(input.chars()) {
        IsNormalized::Yes => Cow::Borrowed(input),
        IsNormalized::Maybe if is_nfc(input) => Cow::Borrowed(input),
        _ => Cow::Owned(input.nfc().collect()),
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Checks every character: alphanumerics and the separators `-` and `/` only.
fn check_characters(s: &str) -> Result<(), Failure> {
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
    {
        return Ok(());
    }
    for (at, c) in s.char_indices() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '/' || c == 'Đ' || c == 'đ' {
            continue;
        }
        if c.is_whitespace() {
            return fail(SymbolErrorReason::Whitespace, at);
        }
        if !(c.is_alphanumeric() || c == '-' || c == '/') {
            return fail(SymbolErrorReason::InvalidCharacter { found: c }, at);
        }
    }
    Ok(())
}

/// Checks an issuer or unit segment: non-empty, starting with a letter.
fn check_name(segment: &str, at: usize) -> Result<(), Failure> {
    match segment.chars().next() {
        None => fail(SymbolErrorReason::EmptySegment, at),
        Some(c) if c.is_alphabetic() => Ok(()),
        Some(_) => fail(
            SymbolErrorReason::InvalidIssuer {
                issuer: segment.to_owned(),
            },
            at,
        ),
    }
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

/// Compares two strings ignoring case, without allocating.
fn eq_ignore_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_uppercase)
        .eq(b.chars().flat_map(char::to_uppercase))
}

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
    systems.iter().find_map(|system| {
        DocKind::ALL
            .iter()
            .filter_map(|k| k.abbreviation(*system))
            .find(|abbr| {
                *abbr != segment && abbr.len() == segment.len() && eq_ignore_case(abbr, segment)
            })
            .map(|abbr| SymbolErrorReason::KindCase {
                found: segment.to_owned(),
                kind: abbr,
            })
    })
}

fn parse_parts(s: &str) -> Result<Parts, Failure> {
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
        Some(b'-') => parse_party(s, number_end),
        Some(b'/') => parse_state(s, number_end),
        _ => fail(SymbolErrorReason::MissingSeparator, number_end),
    }
}

/// `number-KIND/ISSUER`.
fn parse_party(s: &str, number_end: usize) -> Result<Parts, Failure> {
    let kind_start = number_end + 1;
    let rest = s.get(kind_start..).unwrap_or_default();
    let Some(slash) = rest.find('/') else {
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
    let kind = match DocKind::from_abbreviation(SymbolSystem::Party, abbr) {
        Some(kind) => kind,
        None => {
            let reason = kind_lookalike(SymbolSystem::Party, abbr).unwrap_or_else(|| {
                SymbolErrorReason::UnknownKind {
                    system: SymbolSystem::Party,
                    found: abbr.to_owned(),
                }
            });
            return fail(reason, kind_start);
        }
    };
    let issuer_start = kind_start + slash + 1;
    let issuer = s.get(issuer_start..).unwrap_or_default();
    if issuer.is_empty() {
        return fail(SymbolErrorReason::MissingIssuer, issuer_start);
    }
    if issuer.contains('/') {
        return fail(SymbolErrorReason::ExtraSlash, issuer_start);
    }
    if issuer.contains('-') {
        return fail(SymbolErrorReason::ExtraHyphen, issuer_start);
    }
    check_name(issuer, issuer_start)?;
    Ok(Parts {
        system: SymbolSystem::Party,
        kind: Some(kind),
        year: None,
        number_end,
        issuer_start,
        issuer_end: s.len(),
    })
}

/// Whether an issuer is the National Assembly or its Standing Committee of a term
/// (`QH15`, `UBTVQH15`), which number laws and resolutions without a kind.
fn is_assembly(issuer: &str) -> bool {
    let digits = issuer.bytes().rev().take_while(u8::is_ascii_digit).count();
    let name = issuer.get(..issuer.len() - digits).unwrap_or_default();
    digits > 0 && (name == "QH" || name == "UBTVQH")
}

/// `number/…`: administrative or, with a year, legal-normative.
fn parse_state(s: &str, number_end: usize) -> Result<Parts, Failure> {
    let mut start = number_end + 1;
    let rest = s.get(start..).unwrap_or_default();
    if rest.is_empty() {
        return fail(SymbolErrorReason::MissingIssuer, start);
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let mut year = None;
    if digits > 0 {
        let text = rest.get(..digits).unwrap_or_default();
        if rest.as_bytes().get(digits) != Some(&b'/') {
            return fail(
                SymbolErrorReason::ExpectedSlashAfterYear {
                    year: text.to_owned(),
                },
                start + digits,
            );
        }
        let value = text
            .parse::<u16>()
            .ok()
            .filter(|y| digits == 4 && *y >= FIRST_YEAR);
        let Some(value) = value else {
            return fail(
                SymbolErrorReason::InvalidYear {
                    year: text.to_owned(),
                },
                start,
            );
        };
        year = Some(value);
        start += digits + 1;
    }
    let system = if year.is_some() {
        SymbolSystem::StateNormative
    } else {
        SymbolSystem::StateAdministrative
    };
    let rest = s.get(start..).unwrap_or_default();
    if rest.is_empty() {
        return fail(SymbolErrorReason::MissingKind, start);
    }
    let (first, after) = match rest.find(['-', '/']) {
        Some(i) => (rest.get(..i).unwrap_or_default(), rest.get(i..)),
        None => (rest, None),
    };
    if first.is_empty() {
        return fail(SymbolErrorReason::MissingKind, start);
    }
    if let Some(after) = after
        && after.starts_with('/')
    {
        return fail(SymbolErrorReason::ExtraSlash, start + first.len());
    }
    let kind = DocKind::from_abbreviation(system, first);
    match kind {
        Some(kind) => {
            if year.is_none() && kind.is_normative_only() {
                return fail(
                    SymbolErrorReason::MissingYear {
                        kind: abbr_of(kind),
                    },
                    start,
                );
            }
            let issuer_start = start + first.len() + 1;
            let Some(tail) = after.and_then(|a| a.get(1..)) else {
                return fail(SymbolErrorReason::MissingIssuer, s.len());
            };
            if let Some(slash) = tail.find('/') {
                return fail(SymbolErrorReason::ExtraSlash, issuer_start + slash);
            }
            let issuer_len = tail.find('-').unwrap_or(tail.len());
            let issuer = tail.get(..issuer_len).unwrap_or_default();
            if issuer.is_empty() {
                return fail(SymbolErrorReason::MissingIssuer, issuer_start);
            }
            check_name(issuer, issuer_start)?;
            let issuer_end = issuer_start + issuer_len;
            if let Some(units) = s.get(issuer_end + 1..) {
                check_units(units, issuer_end + 1)?;
            }
            Ok(Parts {
                system,
                kind: Some(kind),
                year,
                number_end,
                issuer_start: start + first.len() + 1,
                issuer_end,
            })
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
            if year.is_some() {
                // `number/year/ISSUER`: only the National Assembly and its Standing
                // Committee number documents without a kind.
                if after.is_none() && is_assembly(first) {
                    return Ok(Parts {
                        system,
                        kind: None,
                        year,
                        number_end,
                        issuer_start: start,
                        issuer_end: s.len(),
                    });
                }
                let reason = if after.is_some() {
                    SymbolErrorReason::UnknownKind {
                        system,
                        found: first.to_owned(),
                    }
                } else {
                    SymbolErrorReason::KindlessNormative {
                        issuer: first.to_owned(),
                    }
                };
                return fail(reason, start);
            }
            // `number/ISSUER[-UNIT…]`: an official letter. An issuer starts with a capital.
            if !first.chars().next().is_some_and(char::is_uppercase) {
                return fail(
                    SymbolErrorReason::InvalidIssuer {
                        issuer: first.to_owned(),
                    },
                    start,
                );
            }
            let issuer_end = start + first.len();
            if let Some(units) = s.get(issuer_end + 1..) {
                check_units(units, issuer_end + 1)?;
            }
            Ok(Parts {
                system,
                kind: Some(DocKind::OfficialLetter),
                year,
                number_end,
                issuer_start: start,
                issuer_end,
            })
        }
    }
}

fn abbr_of(kind: DocKind) -> &'static str {
    kind.abbreviation(SymbolSystem::StateNormative)
        .unwrap_or_default()
}

/// An error from parsing a document symbol: the input as given and the reason.
///
/// # Example
///
/// ```
/// use directives::document::{DocSymbol, SymbolErrorReason};
///
/// let err = DocSymbol::parse("05/NĐ-CP").unwrap_err();
/// assert_eq!(err.input(), "05/NĐ-CP");
/// assert!(matches!(err.reason(), SymbolErrorReason::MissingYear { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid document symbol `{input}`: {reason}")]
pub struct SymbolError {
    input: String,
    reason: SymbolErrorReason,
}

impl SymbolError {
    fn new(input: &str, reason: SymbolErrorReason) -> SymbolError {
        SymbolError {
            input: input.to_owned(),
            reason,
        }
    }

    /// The text that failed to parse, as given.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocSymbol;
    ///
    /// assert_eq!(DocSymbol::parse("23-QD/TW").unwrap_err().input(), "23-QD/TW");
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
    /// A character other than a letter, a digit, `-` or `/`.
    #[error("unexpected character `{found}`")]
    InvalidCharacter {
        /// The character.
        found: char,
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
    /// A normative-only kind (`NĐ`, `TT`) in a symbol without a year.
    #[error(
        "`{kind}` is a legal-normative kind: its symbol needs a year (`number/year/{kind}-ISSUER`)"
    )]
    MissingYear {
        /// The abbreviation.
        kind: &'static str,
    },
    /// A Party kind (`CV`, `KL`, `QĐi`) in a State symbol.
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
    /// A kind spelled in ASCII was read as the kind.
    RespelledKind {
        /// The spelling found (`QD`).
        found: String,
        /// The abbreviation it was read as (`QĐ`).
        to: &'static str,
    },
}

impl fmt::Display for Correction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Correction::RemovedWhitespace => f.write_str("removed whitespace"),
            Correction::ReplacedDash { found } => write!(f, "read `{found}` as `-`"),
            Correction::RespelledKind { found, to } => {
                write!(f, "read the kind `{found}` as `{to}`")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_input_is_stored_nfc() {
        // `ộ`-free symbols have no decomposable letters, but an issuer may: `HĐND` is
        // stable, `BCĐ` too; build an NFD issuer with a combining acute.
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
        assert!(is_assembly("QH15"));
        assert!(is_assembly("UBTVQH13"));
        assert!(!is_assembly("QH"));
        assert!(!is_assembly("CP"));
        assert!(!is_assembly("15"));
    }
}
