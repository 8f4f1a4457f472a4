//! Document kinds and their abbreviations.

use std::fmt;

use crate::provenance::{Fact, FactArea, Provenance};

/// The symbol formats: the three in use (Decree 30/2020/NĐ-CP, Phụ lục I and III; Party
/// guidance 36-HD/VPTW, replaced by Regulation 399-QĐ/TW of 2026-01-09), and the State's
/// historic forms that legal bases in force still cite.
///
/// New formats may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::document::{DocSymbol, SymbolSystem};
///
/// assert_eq!(DocSymbol::parse("1470-CV/TU")?.system(), SymbolSystem::Party);
/// assert_eq!(DocSymbol::parse("05/QĐ-UBND")?.system(), SymbolSystem::StateAdministrative);
/// assert_eq!(DocSymbol::parse("09/2019/NĐ-CP")?.system(), SymbolSystem::StateNormative);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SymbolSystem {
    /// The Communist Party's format `number-KIND/ISSUER` (`1470-CV/TU`).
    Party,
    /// The State's administrative format `number/KIND-ISSUER[-UNIT]` (`05/QĐ-UBND`), or
    /// `number/ISSUER-UNIT` for an official letter (`123/UBND-VX`).
    StateAdministrative,
    /// The State's legal-normative format `number/year/KIND-ISSUER` (`09/2019/NĐ-CP`), or
    /// `number/year/ISSUER` for the National Assembly and its Standing Committee
    /// (`72/2025/QH15`).
    StateNormative,
    /// The State's earlier forms, still cited by legal bases in force: Government and
    /// Council of Ministers symbols without a slash (`64-CP`, `244-HĐBT`), with the year
    /// after a slash (`130-CP/1975`) or with a slash and no unit (`74/CP`), the laws and ordinances of the 1980s and 1990s
    /// (`18-L/CTN`, `10-LCT/HĐNN7`), circulars without a year (`08/TT-LB`), and the edicts
    /// of the Democratic Republic, 1945–1959 (`53/SL`, `101-SL/L`).
    StateHistoric,
}

impl SymbolSystem {
    /// Whether this is one of the State's formats.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::SymbolSystem;
    ///
    /// assert!(SymbolSystem::StateNormative.is_state());
    /// assert!(!SymbolSystem::Party.is_state());
    /// ```
    #[must_use]
    pub const fn is_state(self) -> bool {
        matches!(
            self,
            SymbolSystem::StateAdministrative
                | SymbolSystem::StateNormative
                | SymbolSystem::StateHistoric
        )
    }
}

impl fmt::Display for SymbolSystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SymbolSystem::Party => "party",
            SymbolSystem::StateAdministrative => "state administrative",
            SymbolSystem::StateNormative => "state normative",
            SymbolSystem::StateHistoric => "state historic",
        })
    }
}

/// The kind of a document: decision, directive, official letter, decree, …
///
/// The set covers every kind of administrative document in Decree 30/2020/NĐ-CP, Phụ lục
/// III (with its abbreviation), the legal-normative kinds of the Law on the Promulgation of
/// Legal Documents (80/2015/QH13 art. 4), the kinds the Party uses (guidance 36-HD/VPTW,
/// replaced by Regulation 399-QĐ/TW), the consolidated text (`VBHN`) and the edicts of
/// 1945–1959 (sắc lệnh). Abbreviations are case-sensitive (`QĐ` decision, `QyĐ` regulation; `ĐA`
/// scheme, `DA` project; `HD` guidance, `HĐ` contract; `CT` directive, `CTr` programme;
/// `TTr` submission, `TT` circular) and depend on the system: a regulation is `QyĐ` in a
/// State symbol and `QĐi` in a Party one, and `TT` is a circular (thông tư) in a State
/// symbol but a Party instruction (thông tri) in a Party one.
///
/// # Sources
///
/// Each abbreviation is a fact with its provenance in [`facts`](crate::document::facts)
/// (ids `state:QĐ`, `party:QĐ`, …):
///
/// - State kinds: Decree 30/2020/NĐ-CP, Phụ lục III (administrative documents, verified);
///   the legal-normative kinds of Law 80/2015/QH13 art. 4, with the abbreviations of the
///   table of Joint Circular 55/2005/TTLT-BNV-VPCP (corroborated); `KL` (an inspection
///   conclusion) and `VBHN` (a consolidated text) from symbols in use.
/// - Party kinds: the kinds listed by Regulation 399-QĐ/TW (2026-01-09), which replaced
///   guidance 36-HD/VPTW (2018) on the format of Party documents. The abbreviations `NQ`,
///   `CT`, `KL`, `KH`, `CTr`, `HD`, `TB`, `TTr` and `CV` are corroborated by symbols in
///   use; `QĐi`, `BC`, `QC` ([`DocKind::Rules`]), `ĐA` ([`DocKind::Scheme`]), `BB`
///   ([`DocKind::Minutes`]), `TT` ([`DocKind::Instruction`]) and `QĐNS`
///   ([`DocKind::PersonnelDecision`]) are *unverified*: neither table of abbreviations was
///   read. `QĐ` names a decision *or* a regulation (399-QĐ/TW is itself a regulation), so
///   a Party `QĐ` symbol's kind is ambiguous ([`DocSymbol::kinds`](crate::document::DocSymbol::kinds)).
///
/// New kinds may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::document::{DocKind, SymbolSystem};
///
/// let kind = DocKind::from_abbreviation(SymbolSystem::Party, "QĐi").ok_or("unknown")?;
/// assert_eq!(kind, DocKind::Regulation);
/// assert_eq!(kind.abbreviation(SymbolSystem::StateAdministrative), Some("QyĐ"));
/// assert_eq!(kind.label(directives::Lang::Vi), "quy định");
/// assert_eq!(kind.label(directives::Lang::En), "regulation");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DocKind {
    /// Nghị quyết (`NQ`).
    Resolution,
    /// Quyết định (`QĐ`).
    Decision,
    /// Chỉ thị (`CT`).
    Directive,
    /// Quy chế (`QC`; in Party symbols *unverified*, see [Sources](DocKind#sources)).
    Rules,
    /// Quy định (`QyĐ` in State symbols, `QĐi` in Party symbols).
    Regulation,
    /// Thông cáo (`TC`).
    Communique,
    /// Thông báo (`TB`).
    Notice,
    /// Hướng dẫn (`HD`).
    Guidance,
    /// Chương trình (`CTr`).
    Programme,
    /// Kế hoạch (`KH`).
    Plan,
    /// Phương án (`PA`).
    Alternative,
    /// Đề án (`ĐA`; in Party symbols *unverified*, see [Sources](DocKind#sources)).
    Scheme,
    /// Dự án (`DA`).
    Project,
    /// Báo cáo (`BC`).
    Report,
    /// Biên bản (`BB`; in Party symbols *unverified*, see [Sources](DocKind#sources)).
    Minutes,
    /// Tờ trình (`TTr`).
    Submission,
    /// Hợp đồng (`HĐ`).
    Contract,
    /// Công điện (`CĐ`).
    Telegram,
    /// Bản ghi nhớ (`BGN`).
    Memorandum,
    /// Bản thỏa thuận (`BTT`).
    Agreement,
    /// Giấy ủy quyền (`GUQ`).
    PowerOfAttorney,
    /// Giấy mời (`GM`).
    Invitation,
    /// Giấy giới thiệu (`GGT`).
    Introduction,
    /// Giấy nghỉ phép (`GNP`).
    LeavePermit,
    /// Phiếu gửi (`PG`).
    DispatchSlip,
    /// Phiếu chuyển (`PC`).
    TransferSlip,
    /// Phiếu báo (`PB`).
    NoticeSlip,
    /// Công văn: no abbreviation in a State symbol (`123/UBND-VX`), `CV` in a Party one.
    OfficialLetter,
    /// Thư công: no abbreviation.
    PublicLetter,
    /// Bản sao y (`SY`).
    CertifiedCopy,
    /// Bản trích sao (`TrS`).
    ExtractCopy,
    /// Bản sao lục (`SL`).
    TranscribedCopy,
    /// Kết luận (`KL`): a Party conclusion (`114-KL/TW`) or a State inspection conclusion
    /// (`2734/KL-TTCP`).
    Conclusion,
    /// Hiến pháp: no abbreviation.
    Constitution,
    /// Bộ luật: no abbreviation (`91/2015/QH13`).
    Code,
    /// Luật: no abbreviation (`72/2025/QH15`).
    Law,
    /// Pháp lệnh (`PL`, `02/2002/PL-UBTVQH11`).
    Ordinance,
    /// Lệnh of the President (`L`).
    Order,
    /// Nghị định (`NĐ`).
    Decree,
    /// Thông tư (`TT`).
    Circular,
    /// Thông tư liên tịch (`TTLT`).
    JointCircular,
    /// Nghị quyết liên tịch (`NQLT`).
    JointResolution,
    /// Thông tri (`TT`, Party only): a Party instruction on carrying out or explaining a
    /// resolution or directive. It has no State counterpart; `TT` in a State symbol is a
    /// circular ([`DocKind::Circular`]). *Unverified* against the abbreviation table of
    /// guidance 36-HD/VPTW.
    Instruction,
    /// Quyết định nhân sự (`QĐNS`, Party): a Party decision on personnel (`469-QĐNS/TW`).
    PersonnelDecision,
    /// Văn bản hợp nhất (`VBHN`): a consolidated text of a legal document and its
    /// amendments (`604/VBHN-BVHTTDL`). It is not a document of its own kind in law, but
    /// its symbol states this kind.
    ConsolidatedText,
    /// Sắc lệnh: an edict of the President of the Democratic Republic, 1945–1959 (`53/SL`,
    /// `101-SL/L`). Its `SL` is read by the form, not from the kind table: a transcribed
    /// copy ([`DocKind::TranscribedCopy`]) is `SL` too, but always names its issuer
    /// (`number/SL-ISSUER`).
    Edict,
}

/// One row of the kind table: kind, Vietnamese name, English name, State abbreviation,
/// Party abbreviation, and whether the kind exists only as a legal-normative document.
struct KindRow {
    kind: DocKind,
    vi: &'static str,
    en: &'static str,
    state: Option<&'static str>,
    party: Option<&'static str>,
    normative_only: bool,
}

const fn row(
    kind: DocKind,
    vi: &'static str,
    en: &'static str,
    state: Option<&'static str>,
    party: Option<&'static str>,
    normative_only: bool,
) -> KindRow {
    KindRow {
        kind,
        vi,
        en,
        state,
        party,
        normative_only,
    }
}

// INVARIANT (kind-table): one row per variant, in declaration order, so that
// `KINDS[kind as usize].kind == kind`. The unit test `table_is_in_order` checks it.
#[rustfmt::skip]
const KINDS: &[KindRow] = &[
    row(
        DocKind::Resolution,
        "nghị quyết",
        "resolution",
        Some("NQ"),
        Some("NQ"),
        false,
    ),
    row(
        DocKind::Decision,
        "quyết định",
        "decision",
        Some("QĐ"),
        Some("QĐ"),
        false,
    ),
    row(
        DocKind::Directive,
        "chỉ thị",
        "directive",
        Some("CT"),
        Some("CT"),
        false,
    ),
    row(DocKind::Rules, "quy chế", "rules", Some("QC"), Some("QC"), false),
    row(
        DocKind::Regulation,
        "quy định",
        "regulation",
        Some("QyĐ"),
        Some("QĐi"),
        false,
    ),
    row(
        DocKind::Communique,
        "thông cáo",
        "communiqué",
        Some("TC"),
        None,
        false,
    ),
    row(
        DocKind::Notice,
        "thông báo",
        "notice",
        Some("TB"),
        Some("TB"),
        false,
    ),
    row(
        DocKind::Guidance,
        "hướng dẫn",
        "guidance",
        Some("HD"),
        Some("HD"),
        false,
    ),
    row(
        DocKind::Programme,
        "chương trình",
        "programme",
        Some("CTr"),
        Some("CTr"),
        false,
    ),
    row(
        DocKind::Plan,
        "kế hoạch",
        "plan",
        Some("KH"),
        Some("KH"),
        false,
    ),
    row(
        DocKind::Alternative,
        "phương án",
        "alternative",
        Some("PA"),
        None,
        false,
    ),
    row(DocKind::Scheme, "đề án", "scheme", Some("ĐA"), Some("ĐA"), false),
    row(
        DocKind::Project,
        "dự án",
        "project",
        Some("DA"),
        None,
        false,
    ),
    row(
        DocKind::Report,
        "báo cáo",
        "report",
        Some("BC"),
        Some("BC"),
        false,
    ),
    row(
        DocKind::Minutes,
        "biên bản",
        "minutes",
        Some("BB"),
        Some("BB"),
        false,
    ),
    row(
        DocKind::Submission,
        "tờ trình",
        "submission",
        Some("TTr"),
        Some("TTr"),
        false,
    ),
    row(
        DocKind::Contract,
        "hợp đồng",
        "contract",
        Some("HĐ"),
        None,
        false,
    ),
    row(
        DocKind::Telegram,
        "công điện",
        "official telegram",
        Some("CĐ"),
        None,
        false,
    ),
    row(
        DocKind::Memorandum,
        "bản ghi nhớ",
        "memorandum of understanding",
        Some("BGN"),
        None,
        false,
    ),
    row(
        DocKind::Agreement,
        "bản thỏa thuận",
        "agreement",
        Some("BTT"),
        None,
        false,
    ),
    row(
        DocKind::PowerOfAttorney,
        "giấy ủy quyền",
        "power of attorney",
        Some("GUQ"),
        None,
        false,
    ),
    row(
        DocKind::Invitation,
        "giấy mời",
        "invitation",
        Some("GM"),
        None,
        false,
    ),
    row(
        DocKind::Introduction,
        "giấy giới thiệu",
        "letter of introduction",
        Some("GGT"),
        None,
        false,
    ),
    row(
        DocKind::LeavePermit,
        "giấy nghỉ phép",
        "leave permit",
        Some("GNP"),
        None,
        false,
    ),
    row(
        DocKind::DispatchSlip,
        "phiếu gửi",
        "dispatch slip",
        Some("PG"),
        None,
        false,
    ),
    row(
        DocKind::TransferSlip,
        "phiếu chuyển",
        "transfer slip",
        Some("PC"),
        None,
        false,
    ),
    row(
        DocKind::NoticeSlip,
        "phiếu báo",
        "notification slip",
        Some("PB"),
        None,
        false,
    ),
    row(
        DocKind::OfficialLetter,
        "công văn",
        "official letter",
        None,
        Some("CV"),
        false,
    ),
    row(
        DocKind::PublicLetter,
        "thư công",
        "public letter",
        None,
        None,
        false,
    ),
    row(
        DocKind::CertifiedCopy,
        "bản sao y",
        "certified copy",
        Some("SY"),
        None,
        false,
    ),
    row(
        DocKind::ExtractCopy,
        "bản trích sao",
        "extract copy",
        Some("TrS"),
        None,
        false,
    ),
    row(
        DocKind::TranscribedCopy,
        "bản sao lục",
        "transcribed copy",
        Some("SL"),
        None,
        false,
    ),
    row(
        DocKind::Conclusion,
        "kết luận",
        "conclusion",
        Some("KL"),
        Some("KL"),
        false,
    ),
    row(
        DocKind::Constitution,
        "hiến pháp",
        "constitution",
        None,
        None,
        true,
    ),
    row(DocKind::Code, "bộ luật", "code", None, None, true),
    row(DocKind::Law, "luật", "law", None, None, true),
    row(
        DocKind::Ordinance,
        "pháp lệnh",
        "ordinance",
        Some("PL"),
        None,
        true,
    ),
    row(DocKind::Order, "lệnh", "order", Some("L"), None, true),
    row(
        DocKind::Decree,
        "nghị định",
        "decree",
        Some("NĐ"),
        None,
        true,
    ),
    row(
        DocKind::Circular,
        "thông tư",
        "circular",
        Some("TT"),
        None,
        true,
    ),
    row(
        DocKind::JointCircular,
        "thông tư liên tịch",
        "joint circular",
        Some("TTLT"),
        None,
        true,
    ),
    row(
        DocKind::JointResolution,
        "nghị quyết liên tịch",
        "joint resolution",
        Some("NQLT"),
        None,
        true,
    ),
    row(
        DocKind::Instruction,
        "thông tri",
        "instruction",
        None,
        Some("TT"),
        false,
    ),
    row(
        DocKind::PersonnelDecision,
        "quyết định nhân sự",
        "personnel decision",
        None,
        Some("QĐNS"),
        false,
    ),
    row(
        DocKind::ConsolidatedText,
        "văn bản hợp nhất",
        "consolidated text",
        Some("VBHN"),
        None,
        false,
    ),
    row(DocKind::Edict, "sắc lệnh", "edict", None, None, false),
];

/// Never used: every variant has its row (see `row`).
const FALLBACK: KindRow = row(
    DocKind::PublicLetter,
    "thư công",
    "public letter",
    None,
    None,
    false,
);

/// ASCII spellings of abbreviations that contain `Đ`, for the lenient parse. Only
/// spellings that name no other kind are listed: `DA` (dự án) and `HD` (hướng dẫn) are
/// kinds of their own, so `ĐA` and `HĐ` typed in ASCII cannot be recovered.
pub(crate) const ASCII_SPELLINGS: &[(&str, &str)] = &[
    ("QD", "QĐ"),
    ("QDi", "QĐi"),
    ("QyD", "QyĐ"),
    ("ND", "NĐ"),
    ("CD", "CĐ"),
];

impl DocKind {
    /// Every kind, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocKind;
    ///
    /// assert!(DocKind::ALL.contains(&DocKind::Decree));
    /// assert_eq!(DocKind::ALL.len(), 46);
    /// ```
    pub const ALL: &'static [DocKind] = &[
        DocKind::Resolution,
        DocKind::Decision,
        DocKind::Directive,
        DocKind::Rules,
        DocKind::Regulation,
        DocKind::Communique,
        DocKind::Notice,
        DocKind::Guidance,
        DocKind::Programme,
        DocKind::Plan,
        DocKind::Alternative,
        DocKind::Scheme,
        DocKind::Project,
        DocKind::Report,
        DocKind::Minutes,
        DocKind::Submission,
        DocKind::Contract,
        DocKind::Telegram,
        DocKind::Memorandum,
        DocKind::Agreement,
        DocKind::PowerOfAttorney,
        DocKind::Invitation,
        DocKind::Introduction,
        DocKind::LeavePermit,
        DocKind::DispatchSlip,
        DocKind::TransferSlip,
        DocKind::NoticeSlip,
        DocKind::OfficialLetter,
        DocKind::PublicLetter,
        DocKind::CertifiedCopy,
        DocKind::ExtractCopy,
        DocKind::TranscribedCopy,
        DocKind::Conclusion,
        DocKind::Constitution,
        DocKind::Code,
        DocKind::Law,
        DocKind::Ordinance,
        DocKind::Order,
        DocKind::Decree,
        DocKind::Circular,
        DocKind::JointCircular,
        DocKind::JointResolution,
        DocKind::Instruction,
        DocKind::PersonnelDecision,
        DocKind::ConsolidatedText,
        DocKind::Edict,
    ];

    fn row(self) -> &'static KindRow {
        // INVARIANT (kind-table): the table has a row per variant at its index.
        match KINDS.get(self as usize) {
            Some(row) if row.kind == self => row,
            _ => KINDS
                .iter()
                .find(|row| row.kind == self)
                .unwrap_or(&FALLBACK),
        }
    }

    /// The kind that an abbreviation stands for in a system's symbols, or `None`.
    ///
    /// The match is exact and case-sensitive. An official letter has no abbreviation in a
    /// State symbol; in a Party symbol it is `CV`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKind, SymbolSystem};
    ///
    /// assert_eq!(DocKind::from_abbreviation(SymbolSystem::StateAdministrative, "ĐA"), Some(DocKind::Scheme));
    /// assert_eq!(DocKind::from_abbreviation(SymbolSystem::StateAdministrative, "DA"), Some(DocKind::Project));
    /// assert_eq!(DocKind::from_abbreviation(SymbolSystem::StateAdministrative, "qđ"), None);
    /// assert_eq!(DocKind::from_abbreviation(SymbolSystem::Party, "KL"), Some(DocKind::Conclusion));
    /// assert_eq!(DocKind::from_abbreviation(SymbolSystem::Party, "TT"), Some(DocKind::Instruction));
    /// assert_eq!(DocKind::from_abbreviation(SymbolSystem::StateNormative, "TT"), Some(DocKind::Circular));
    /// ```
    #[must_use]
    pub fn from_abbreviation(system: SymbolSystem, abbreviation: &str) -> Option<DocKind> {
        // A `match` on literals, rather than a scan of the table, keeps symbol parsing fast;
        // the unit test `abbreviations_are_unique_per_system` checks it against the table.
        if system == SymbolSystem::Party {
            return Some(match abbreviation {
                "NQ" => DocKind::Resolution,
                "QĐ" => DocKind::Decision,
                "QĐi" => DocKind::Regulation,
                "CT" => DocKind::Directive,
                "KL" => DocKind::Conclusion,
                "KH" => DocKind::Plan,
                "CTr" => DocKind::Programme,
                "HD" => DocKind::Guidance,
                "BC" => DocKind::Report,
                "TB" => DocKind::Notice,
                "TTr" => DocKind::Submission,
                "CV" => DocKind::OfficialLetter,
                "QC" => DocKind::Rules,
                "ĐA" => DocKind::Scheme,
                "BB" => DocKind::Minutes,
                "TT" => DocKind::Instruction,
                "QĐNS" => DocKind::PersonnelDecision,
                _ => return None,
            });
        }
        Some(match abbreviation {
            "NQ" => DocKind::Resolution,
            "QĐ" => DocKind::Decision,
            "CT" => DocKind::Directive,
            "QC" => DocKind::Rules,
            "QyĐ" => DocKind::Regulation,
            "TC" => DocKind::Communique,
            "TB" => DocKind::Notice,
            "HD" => DocKind::Guidance,
            "CTr" => DocKind::Programme,
            "KH" => DocKind::Plan,
            "PA" => DocKind::Alternative,
            "ĐA" => DocKind::Scheme,
            "DA" => DocKind::Project,
            "BC" => DocKind::Report,
            "BB" => DocKind::Minutes,
            "TTr" => DocKind::Submission,
            "HĐ" => DocKind::Contract,
            "CĐ" => DocKind::Telegram,
            "BGN" => DocKind::Memorandum,
            "BTT" => DocKind::Agreement,
            "GUQ" => DocKind::PowerOfAttorney,
            "GM" => DocKind::Invitation,
            "GGT" => DocKind::Introduction,
            "GNP" => DocKind::LeavePermit,
            "PG" => DocKind::DispatchSlip,
            "PC" => DocKind::TransferSlip,
            "PB" => DocKind::NoticeSlip,
            "SY" => DocKind::CertifiedCopy,
            "TrS" => DocKind::ExtractCopy,
            "SL" => DocKind::TranscribedCopy,
            "L" => DocKind::Order,
            "NĐ" => DocKind::Decree,
            "TT" => DocKind::Circular,
            "TTLT" => DocKind::JointCircular,
            "NQLT" => DocKind::JointResolution,
            "PL" => DocKind::Ordinance,
            "KL" => DocKind::Conclusion,
            "VBHN" => DocKind::ConsolidatedText,
            _ => return None,
        })
    }

    /// This kind's abbreviation in a system's symbols, or `None` if it has none there.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocKind, SymbolSystem};
    ///
    /// assert_eq!(DocKind::Decree.abbreviation(SymbolSystem::StateNormative), Some("NĐ"));
    /// assert_eq!(DocKind::OfficialLetter.abbreviation(SymbolSystem::Party), Some("CV"));
    /// assert_eq!(DocKind::OfficialLetter.abbreviation(SymbolSystem::StateAdministrative), None);
    /// ```
    #[must_use]
    pub fn abbreviation(self, system: SymbolSystem) -> Option<&'static str> {
        if system == SymbolSystem::Party {
            self.row().party
        } else {
            self.row().state
        }
    }

    /// The kind's name in `lang`, in lower case: `quyết định`, `decision` (the English
    /// name is the crate's).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::document::DocKind;
    ///
    /// assert_eq!(DocKind::OfficialLetter.label(Lang::Vi), "công văn");
    /// assert_eq!(DocKind::Telegram.label(Lang::En), "official telegram");
    /// ```
    #[must_use]
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::Vi => self.row().vi,
            crate::Lang::En => self.row().en,
        }
    }

    /// The English name after its indefinite article, for messages (`"a decision"`,
    /// `"an official letter"`). Every English name that starts with a vowel letter starts
    /// with a vowel sound.
    pub(crate) fn english_with_article(self) -> String {
        let name = self.label(crate::Lang::En);
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }

    /// Whether the kind exists only as a legal-normative document (a law, a decree, a
    /// circular, …), so that its State symbol must carry a year.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocKind;
    ///
    /// assert!(DocKind::Decree.is_normative_only());
    /// assert!(!DocKind::Decision.is_normative_only());
    /// ```
    #[must_use]
    pub fn is_normative_only(self) -> bool {
        self.row().normative_only
    }

    /// Whether a document of this kind may be legal-normative today, so that a year in its
    /// symbol is regular.
    ///
    /// Since the Law on the Promulgation of Legal Documents 80/2015/QH13 (in force
    /// 2016-07-01, art. 4) a directive (chỉ thị) is no longer a normative document; the
    /// normative kinds that carry an abbreviation are resolutions, decisions, orders,
    /// decrees, circulars, joint circulars and joint resolutions.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocKind;
    ///
    /// assert!(DocKind::Decision.may_be_normative());
    /// assert!(!DocKind::Directive.may_be_normative());
    /// ```
    #[must_use]
    pub fn may_be_normative(self) -> bool {
        self.row().normative_only || matches!(self, DocKind::Resolution | DocKind::Decision)
    }
}

/// A set of kinds that one abbreviation stands for, when the symbol alone cannot tell them
/// apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Ambiguity {
    /// `QĐ` in a Party symbol: a decision (`23-QĐ/TW`) or a regulation (`366-QĐ/TW`,
    /// `124-QĐ/TW`, `399-QĐ/TW`).
    PartyDecisionOrRegulation,
    /// The promulgation orders of the 1980s and 1990s (`18-L/CTN`, `10-LCT/HĐNN7`): a law
    /// or an ordinance.
    LawOrOrdinance,
}

impl Ambiguity {
    /// The kinds, in the order of [`DocKind::ALL`].
    pub(crate) fn kinds(self) -> &'static [DocKind] {
        match self {
            Ambiguity::PartyDecisionOrRegulation => &[DocKind::Decision, DocKind::Regulation],
            Ambiguity::LawOrOrdinance => &[DocKind::Law, DocKind::Ordinance],
        }
    }
}

impl DocKind {
    /// This kind alone, as a slice.
    pub(crate) fn as_slice(self) -> &'static [DocKind] {
        // INVARIANT (kind-table): `ALL` lists the variants in declaration order.
        let i = self as usize;
        match DocKind::ALL.get(i..=i) {
            Some(one) if one.first() == Some(&self) => one,
            _ => &[],
        }
    }

    /// The kind among `candidates` that a document's title names by its first words, if
    /// exactly one does.
    ///
    /// A title names a kind when it starts with the kind's Vietnamese name (`Quy định về
    /// …` is a regulation, `Quyết định …` a decision), in any case. A title that starts
    /// with `Ban hành` or `Về việc ban hành` (promulgating another text) names a decision:
    /// a regulation or a law is the text promulgated, never the promulgating one.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::DocKind;
    ///
    /// let both = [DocKind::Decision, DocKind::Regulation];
    /// assert_eq!(DocKind::from_title(&both, "Quy định về kiểm điểm và đánh giá"), Some(DocKind::Regulation));
    /// assert_eq!(DocKind::from_title(&both, "Ban hành Quy chế công tác dân vận"), Some(DocKind::Decision));
    /// assert_eq!(DocKind::from_title(&both, "Về công tác dân vận"), None);
    /// ```
    #[must_use]
    pub fn from_title(candidates: &[DocKind], title: &str) -> Option<DocKind> {
        let lower = title.trim_start().to_lowercase();
        let starts = |prefix: &str| {
            lower.strip_prefix(prefix).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric())
            })
        };
        let mut found = candidates.iter().copied().filter(|k| {
            starts(k.label(crate::Lang::Vi))
                || (*k == DocKind::Decision && (starts("ban hành") || starts("về việc ban hành")))
        });
        match (found.next(), found.next()) {
            (Some(kind), None) => Some(kind),
            _ => None,
        }
    }
}

/// Where a shipped fact about symbols comes from (see [`facts`]).
enum Source {
    Verified(&'static str),
    Corroborated(&'static [&'static str]),
    Unverified(&'static str),
}

const DECREE_30: Source = Source::Verified(
    "Decree 30/2020/NĐ-CP, Phụ lục III (abbreviations of administrative documents and copies)",
);
const NORMATIVE: Source = Source::Corroborated(&[
    "the abbreviation table of Joint Circular 55/2005/TTLT-BNV-VPCP, as reproduced on 123docz.net",
    "legal-normative symbols in public texts (shared corpus `doc_symbols.tsv`: `155/2020/NĐ-CP`, `156/2013/TT-BTC`, `02/2002/PL-UBTVQH11`)",
]);
const PARTY_IN_USE: Source = Source::Corroborated(&[
    "Party symbols in public texts (shared corpus `doc_symbols.tsv`: `27-NQ/TW`, `05-CT/TW`, `24-KL/TW`, `55-KH/TU`, `04-CTr/BCĐCCTPTW`, `05-HD/BTCTW`, `537-TB/TU`, `01-TTr/BCSĐ`, `460-CV/TU`)",
    "the kinds of Party documents listed by Regulation 399-QĐ/TW (2026-01-09), as summarised by lsvn.vn",
]);
const PARTY_UNREAD: &str = "read from symbols in use; Regulation 399-QĐ/TW (2026-01-09) lists the kind among Party documents (lsvn.vn summary), but neither its table of abbreviations nor that of guidance 36-HD/VPTW was read";

/// The facts about symbols the crate ships: (id, statement, source).
const FACTS: &[(&str, &str, Source)] = &[
    (
        "state:NQ",
        "`NQ` in a State symbol is a resolution (nghị quyết)",
        DECREE_30,
    ),
    (
        "state:QĐ",
        "`QĐ` in a State symbol is a decision (quyết định)",
        DECREE_30,
    ),
    (
        "state:CT",
        "`CT` in a State symbol is a directive (chỉ thị)",
        DECREE_30,
    ),
    (
        "state:QC",
        "`QC` in a State symbol is rules (quy chế)",
        DECREE_30,
    ),
    (
        "state:QyĐ",
        "`QyĐ` in a State symbol is a regulation (quy định)",
        DECREE_30,
    ),
    (
        "state:TC",
        "`TC` in a State symbol is a communiqué (thông cáo)",
        DECREE_30,
    ),
    (
        "state:TB",
        "`TB` in a State symbol is a notice (thông báo)",
        DECREE_30,
    ),
    (
        "state:HD",
        "`HD` in a State symbol is guidance (hướng dẫn)",
        DECREE_30,
    ),
    (
        "state:CTr",
        "`CTr` in a State symbol is a programme (chương trình)",
        DECREE_30,
    ),
    (
        "state:KH",
        "`KH` in a State symbol is a plan (kế hoạch)",
        DECREE_30,
    ),
    (
        "state:PA",
        "`PA` in a State symbol is an alternative (phương án)",
        DECREE_30,
    ),
    (
        "state:ĐA",
        "`ĐA` in a State symbol is a scheme (đề án)",
        DECREE_30,
    ),
    (
        "state:DA",
        "`DA` in a State symbol is a project (dự án)",
        DECREE_30,
    ),
    (
        "state:BC",
        "`BC` in a State symbol is a report (báo cáo)",
        DECREE_30,
    ),
    (
        "state:BB",
        "`BB` in a State symbol is minutes (biên bản)",
        DECREE_30,
    ),
    (
        "state:TTr",
        "`TTr` in a State symbol is a submission (tờ trình)",
        DECREE_30,
    ),
    (
        "state:HĐ",
        "`HĐ` in a State symbol is a contract (hợp đồng)",
        DECREE_30,
    ),
    (
        "state:CĐ",
        "`CĐ` in a State symbol is an official telegram (công điện)",
        DECREE_30,
    ),
    (
        "state:BGN",
        "`BGN` in a State symbol is a memorandum of understanding (bản ghi nhớ)",
        DECREE_30,
    ),
    (
        "state:BTT",
        "`BTT` in a State symbol is an agreement (bản thỏa thuận)",
        DECREE_30,
    ),
    (
        "state:GUQ",
        "`GUQ` in a State symbol is a power of attorney (giấy ủy quyền)",
        DECREE_30,
    ),
    (
        "state:GM",
        "`GM` in a State symbol is an invitation (giấy mời)",
        DECREE_30,
    ),
    (
        "state:GGT",
        "`GGT` in a State symbol is a letter of introduction (giấy giới thiệu)",
        DECREE_30,
    ),
    (
        "state:GNP",
        "`GNP` in a State symbol is a leave permit (giấy nghỉ phép)",
        DECREE_30,
    ),
    (
        "state:PG",
        "`PG` in a State symbol is a dispatch slip (phiếu gửi)",
        DECREE_30,
    ),
    (
        "state:PC",
        "`PC` in a State symbol is a transfer slip (phiếu chuyển)",
        DECREE_30,
    ),
    (
        "state:PB",
        "`PB` in a State symbol is a notification slip (phiếu báo)",
        DECREE_30,
    ),
    (
        "state:SY",
        "`SY` in a State symbol is a certified copy (bản sao y)",
        DECREE_30,
    ),
    (
        "state:TrS",
        "`TrS` in a State symbol is an extract copy (bản trích sao)",
        DECREE_30,
    ),
    (
        "state:SL",
        "`SL` after the number and before the issuer (`number/SL-ISSUER`) is a transcribed copy (bản sao lục)",
        DECREE_30,
    ),
    (
        "state:no-kind",
        "a State symbol without a kind (`123/UBND-VX`) is an official letter (công văn)",
        Source::Verified("Decree 30/2020/NĐ-CP, Phụ lục I § II.3"),
    ),
    (
        "state:NĐ",
        "`NĐ` is a decree (nghị định), a legal-normative kind",
        NORMATIVE,
    ),
    (
        "state:TT",
        "`TT` in a State symbol is a circular (thông tư), a legal-normative kind",
        NORMATIVE,
    ),
    (
        "state:TTLT",
        "`TTLT` is a joint circular (thông tư liên tịch)",
        NORMATIVE,
    ),
    (
        "state:NQLT",
        "`NQLT` is a joint resolution (nghị quyết liên tịch)",
        NORMATIVE,
    ),
    (
        "state:L",
        "`L` in a State normative symbol is an order (lệnh) of the President",
        NORMATIVE,
    ),
    (
        "state:PL",
        "`PL` is an ordinance (pháp lệnh) of the Standing Committee of the National Assembly",
        NORMATIVE,
    ),
    (
        "state:KL",
        "`KL` in a State symbol is a conclusion, such as an inspection conclusion (kết luận thanh tra)",
        Source::Unverified(
            "read from State symbols in use (`2734/KL-TTCP`, `825/KL-SYT`); Decree 30/2020 Phụ lục III does not list it, and the inspection rules that use it were not read",
        ),
    ),
    (
        "state:VBHN",
        "`VBHN` is a consolidated text (văn bản hợp nhất)",
        Source::Corroborated(&[
            "consolidated texts in public texts (shared corpus `doc_symbols.tsv`: `604/VBHN-BVHTTDL`)",
            "lingo.vn's listing of consolidated text 03/VBHN-VPQH (2021)",
        ]),
    ),
    (
        "state:assembly-terms",
        "the National Assembly has had terms 1 to 16 (`QH1` to `QH16`); a symbol naming another term is refused by default (`SymbolRules::with_assembly_terms` changes the bound)",
        Source::Unverified(
            "the 16th National Assembly was elected in 2026 (its resolutions are numbered `/QH16`, e.g. 28/2026/QH16 reported in DOMAIN); no list of terms was read, and the bound must be raised when the 17th is elected",
        ),
    ),
    (
        "historic:no-kind",
        "`number-CP`, `number-HĐBT`, `number-CP/year` and `number/CP` are Government and Council of Ministers documents of before 2000 whose symbol states no kind",
        Source::Unverified(
            "read from symbols that legal bases in force still cite (`64-CP`, `244-HĐBT`, `130-CP/1975`, `74/CP`); no rule of their era on symbols was read",
        ),
    ),
    (
        "historic:L/CTN",
        "`number-L/CTN` (1990s) and `number-LCT/HĐNN…` (1980s) are promulgation orders of a law or an ordinance, so the kind is ambiguous",
        Source::Unverified(
            "read from symbols in use (`18-L/CTN`, `10-LCT/HĐNN7`); the texts say which laws and ordinances they promulgated, but no rule on these symbols was read",
        ),
    ),
    (
        "historic:SL",
        "`number/SL` and `number-SL/…` are edicts (sắc lệnh) of the President, 1945–1959, told from a transcribed copy (`number/SL-ISSUER`) by their form",
        Source::Unverified(
            "read from symbols in use (`53/SL`, `101-SL/L`); no rule of the era on symbols was read",
        ),
    ),
    (
        "historic:TT",
        "a circular without a year (`08/TT-LB`) is of before the year was written into normative symbols",
        Source::Unverified(
            "read from symbols in use (`08/TT-LB`, `2076/TTLT-BQP-BLĐTBXH-BTC`); when the year became part of the symbol was not read",
        ),
    ),
    (
        "party:NQ",
        "`NQ` in a Party symbol is a resolution",
        PARTY_IN_USE,
    ),
    (
        "party:CT",
        "`CT` in a Party symbol is a directive",
        PARTY_IN_USE,
    ),
    (
        "party:KL",
        "`KL` in a Party symbol is a conclusion",
        PARTY_IN_USE,
    ),
    ("party:KH", "`KH` in a Party symbol is a plan", PARTY_IN_USE),
    (
        "party:CTr",
        "`CTr` in a Party symbol is a programme",
        PARTY_IN_USE,
    ),
    (
        "party:HD",
        "`HD` in a Party symbol is guidance",
        PARTY_IN_USE,
    ),
    (
        "party:TB",
        "`TB` in a Party symbol is a notice",
        PARTY_IN_USE,
    ),
    (
        "party:TTr",
        "`TTr` in a Party symbol is a submission",
        PARTY_IN_USE,
    ),
    (
        "party:CV",
        "`CV` in a Party symbol is an official letter (công văn)",
        PARTY_IN_USE,
    ),
    (
        "party:QĐ",
        "`QĐ` in a Party symbol is a decision or a regulation: the symbol alone does not tell, so the kind is reported as ambiguous",
        Source::Verified(
            "Regulation 399-QĐ/TW of 2026-01-09: a regulation (QUY ĐỊNH) numbered 399-QĐ/TW (its text as published by nhansu.vn); Decision 23-QĐ/TW of 2021 is a decision",
        ),
    ),
    (
        "party:QĐi",
        "`QĐi` in a Party symbol is a regulation",
        Source::Unverified(
            "one regulation written this way is known (`08-QĐi/TW`, 2018); later Party regulations are numbered `QĐ` (366-QĐ/TW, 399-QĐ/TW), and no table of abbreviations was read",
        ),
    ),
    (
        "party:BC",
        "`BC` in a Party symbol is a report",
        Source::Unverified(PARTY_UNREAD),
    ),
    (
        "party:QC",
        "`QC` in a Party symbol is rules (quy chế)",
        Source::Unverified(PARTY_UNREAD),
    ),
    (
        "party:ĐA",
        "`ĐA` in a Party symbol is a scheme (đề án)",
        Source::Unverified(PARTY_UNREAD),
    ),
    (
        "party:BB",
        "`BB` in a Party symbol is minutes (biên bản)",
        Source::Unverified(PARTY_UNREAD),
    ),
    (
        "party:TT",
        "`TT` in a Party symbol is an instruction (thông tri), not a circular",
        Source::Unverified(PARTY_UNREAD),
    ),
    (
        "party:QĐNS",
        "`QĐNS` in a Party symbol is a personnel decision (quyết định nhân sự)",
        Source::Unverified(
            "read from symbols in use (`469-QĐNS/TW`, `439-QĐNS/TW`, `343-QĐNS/TW`); no text defining the abbreviation was read",
        ),
    ),
    (
        "party:format-399",
        "Regulation 399-QĐ/TW (2026-01-09) on the kinds, authority and format of Party documents replaces guidance 36-HD/VPTW (2018); the form `number-KIND/ISSUER` is kept",
        Source::Unverified(
            "the opening of 399-QĐ/TW (arts. 1–2) and a summary of it were read, not its part on format; Party symbols issued under it (399-QĐ/TW itself) keep the form",
        ),
    ),
];

/// The facts about document kinds and symbols that the crate ships, each with its
/// provenance: which abbreviation names which kind in which system, which kinds are
/// ambiguous, and the historic forms the parser reads.
pub(crate) fn facts() -> Vec<Fact> {
    FACTS
        .iter()
        .filter_map(|(id, statement, source)| {
            let provenance = match source {
                Source::Verified(citation) => Provenance::verified(*citation),
                Source::Corroborated(sources) => Provenance::corroborated(sources.iter().copied()),
                Source::Unverified(assumption) => Provenance::unverified(*assumption),
            };
            // The texts above are non-blank, so every provenance is valid; the integration
            // test pins the count.
            provenance
                .ok()
                .map(|p| Fact::new(FactArea::DocumentKind, *id, *statement, p))
        })
        .collect()
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(crate::Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_order() {
        assert_eq!(KINDS.len(), DocKind::ALL.len());
        for (i, (row, kind)) in KINDS.iter().zip(DocKind::ALL).enumerate() {
            assert_eq!(row.kind, *kind);
            assert_eq!(*kind as usize, i);
        }
    }

    #[test]
    fn abbreviations_are_unique_per_system() {
        for system in [SymbolSystem::Party, SymbolSystem::StateAdministrative] {
            let mut seen = std::collections::HashSet::new();
            for kind in DocKind::ALL {
                if let Some(a) = kind.abbreviation(system) {
                    assert!(seen.insert(a), "{a} twice");
                    assert_eq!(DocKind::from_abbreviation(system, a), Some(*kind));
                }
            }
        }
    }

    #[test]
    fn match_and_table_agree() {
        let all: Vec<&str> = KINDS
            .iter()
            .flat_map(|r| [r.state, r.party])
            .flatten()
            .collect();
        // Any string the `match` accepts is some row's abbreviation in that system.
        for candidate in &all {
            for system in [SymbolSystem::Party, SymbolSystem::StateAdministrative] {
                if let Some(kind) = DocKind::from_abbreviation(system, candidate) {
                    assert_eq!(kind.abbreviation(system), Some(*candidate));
                }
            }
        }
    }

    #[test]
    fn articles_agree_with_names() {
        assert_eq!(DocKind::Decision.english_with_article(), "a decision");
        assert_eq!(
            DocKind::OfficialLetter.english_with_article(),
            "an official letter"
        );
        assert_eq!(DocKind::Order.english_with_article(), "an order");
        assert_eq!(
            DocKind::Instruction.english_with_article(),
            "an instruction"
        );
        assert_eq!(
            DocKind::Telegram.english_with_article(),
            "an official telegram"
        );
        assert_eq!(
            DocKind::Memorandum.english_with_article(),
            "a memorandum of understanding"
        );
    }

    #[test]
    fn ascii_spellings_name_no_kind() {
        for (ascii, real) in ASCII_SPELLINGS {
            assert_eq!(DocKind::from_abbreviation(SymbolSystem::Party, ascii), None);
            assert_eq!(
                DocKind::from_abbreviation(SymbolSystem::StateNormative, ascii),
                None
            );
            let known = DocKind::from_abbreviation(SymbolSystem::Party, real).is_some()
                || DocKind::from_abbreviation(SymbolSystem::StateNormative, real).is_some();
            assert!(known, "{real}");
        }
    }
}
