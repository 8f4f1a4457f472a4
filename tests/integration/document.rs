//! Documents: symbols parsed and printed, malformed symbols, documents, the reference graph.

use chrono::NaiveDate;
use directives::document::{
    Authority, Correction, DocKey, DocKind, DocSymbol, Document, DocumentError, DocumentIndex,
    Issuer, Relation, Signer, SymbolSystem,
};

use SymbolSystem::{Party, StateAdministrative as Admin, StateNormative as Norm};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn sym(s: &str) -> DocSymbol {
    DocSymbol::parse(s).unwrap()
}

/// Real symbols: the seed letter 1470-CV/TU, the documents it cites, and the laws, decrees,
/// decisions and Party documents the crate's rules come from:
/// (symbol, system, number, kind, issuer, units, year).
type Row = (
    &'static str,
    SymbolSystem,
    &'static str,
    Option<DocKind>,
    &'static str,
    Option<&'static str>,
    Option<u16>,
);

#[rustfmt::skip]
const REAL: &[Row] = &[
    // Party
    ("1470-CV/TU", Party, "1470", Some(DocKind::OfficialLetter), "TU", None, None),
    ("23-QĐ/TW", Party, "23", Some(DocKind::Decision), "TW", None, None),
    ("114-KL/TW", Party, "114", Some(DocKind::Conclusion), "TW", None, None),
    ("763-QĐ/TU", Party, "763", Some(DocKind::Decision), "TU", None, None),
    ("267-KL/TU", Party, "267", Some(DocKind::Conclusion), "TU", None, None),
    ("128-KH/HU", Party, "128", Some(DocKind::Plan), "HU", None, None),
    ("08-QĐi/TW", Party, "08", Some(DocKind::Regulation), "TW", None, None),
    ("36-HD/VPTW", Party, "36", Some(DocKind::Guidance), "VPTW", None, None),
    ("399-QĐ/TW", Party, "399", Some(DocKind::Decision), "TW", None, None),
    ("366-QĐ/TW", Party, "366", Some(DocKind::Decision), "TW", None, None),
    ("124-QĐ/TW", Party, "124", Some(DocKind::Decision), "TW", None, None),
    ("80-NQ/TW", Party, "80", Some(DocKind::Resolution), "TW", None, None),
    ("4043-QĐ/TU", Party, "4043", Some(DocKind::Decision), "TU", None, None),
    ("18-NQ/TW", Party, "18", Some(DocKind::Resolution), "TW", None, None),
    ("57-NQ/TW", Party, "57", Some(DocKind::Resolution), "TW", None, None),
    ("05-CT/TW", Party, "05", Some(DocKind::Directive), "TW", None, None),
    ("35-NQ/TW", Party, "35", Some(DocKind::Resolution), "TW", None, None),
    ("01-QC/TU", Party, "01", Some(DocKind::Rules), "TU", None, None),
    ("15-ĐA/TU", Party, "15", Some(DocKind::Scheme), "TU", None, None),
    ("03-BB/TU", Party, "03", Some(DocKind::Minutes), "TU", None, None),
    ("12-TT/TW", Party, "12", Some(DocKind::Instruction), "TW", None, None),
    // State, administrative
    ("05/QĐ-UBND", Admin, "05", Some(DocKind::Decision), "UBND", None, None),
    ("16/CT-TTg", Admin, "16", Some(DocKind::Directive), "TTg", None, None),
    ("15/CT-TTg", Admin, "15", Some(DocKind::Directive), "TTg", None, None),
    ("123/UBND-VX", Admin, "123", Some(DocKind::OfficialLetter), "UBND", Some("VX"), None),
    ("9061/VPCP-CN", Admin, "9061", Some(DocKind::OfficialLetter), "VPCP", Some("CN"), None),
    ("1686/NQ-UBTVQH15", Admin, "1686", Some(DocKind::Resolution), "UBTVQH15", None, None),
    ("01/NQ-CP", Admin, "01", Some(DocKind::Resolution), "CP", None, None),
    ("01/CĐ-TTg", Admin, "01", Some(DocKind::Telegram), "TTg", None, None),
    // State, legal-normative
    ("09/2019/NĐ-CP", Norm, "09", Some(DocKind::Decree), "CP", None, Some(2019)),
    ("30/2020/NĐ-CP", Norm, "30", Some(DocKind::Decree), "CP", None, Some(2020)),
    ("39/2022/NĐ-CP", Norm, "39", Some(DocKind::Decree), "CP", None, Some(2022)),
    ("138/2016/NĐ-CP", Norm, "138", Some(DocKind::Decree), "CP", None, Some(2016)),
    ("335/2025/NĐ-CP", Norm, "335", Some(DocKind::Decree), "CP", None, Some(2025)),
    ("90/2020/NĐ-CP", Norm, "90", Some(DocKind::Decree), "CP", None, Some(2020)),
    ("48/2023/NĐ-CP", Norm, "48", Some(DocKind::Decree), "CP", None, Some(2023)),
    ("34/2016/NĐ-CP", Norm, "34", Some(DocKind::Decree), "CP", None, Some(2016)),
    ("110/2004/NĐ-CP", Norm, "110", Some(DocKind::Decree), "CP", None, Some(2004)),
    ("42/2014/QĐ-TTg", Norm, "42", Some(DocKind::Decision), "TTg", None, Some(2014)),
    ("23/2018/QĐ-TTg", Norm, "23", Some(DocKind::Decision), "TTg", None, Some(2018)),
    ("01/2020/TT-VPCP", Norm, "01", Some(DocKind::Circular), "VPCP", None, Some(2020)),
    ("01/2011/TT-BNV", Norm, "01", Some(DocKind::Circular), "BNV", None, Some(2011)),
    ("55/2005/TTLT-BNV-VPCP", Norm, "55", Some(DocKind::JointCircular), "BNV", Some("VPCP"), Some(2005)),
    ("33/2021/CT-TTg", Norm, "33", Some(DocKind::Directive), "TTg", None, Some(2021)),
    ("72/2025/QH15", Norm, "72", None, "QH15", None, Some(2025)),
    ("202/2025/QH15", Norm, "202", None, "QH15", None, Some(2025)),
    ("91/2015/QH13", Norm, "91", None, "QH13", None, Some(2015)),
    ("45/2019/QH14", Norm, "45", None, "QH14", None, Some(2019)),
    ("80/2015/QH13", Norm, "80", None, "QH13", None, Some(2015)),
    ("10/2022/QH15", Norm, "10", None, "QH15", None, Some(2022)),
];

#[test]
fn real_symbols_parse_and_print() {
    assert!(REAL.len() >= 40);
    for &(text, system, number, kind, issuer, units, year) in REAL {
        let s = DocSymbol::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(s.to_string(), text);
        assert_eq!(s.as_str(), text);
        assert_eq!(s.system(), system, "{text}");
        assert_eq!(s.number(), number, "{text}");
        assert_eq!(s.kind(), kind, "{text}");
        assert_eq!(s.issuer(), issuer, "{text}");
        assert_eq!(s.units(), units, "{text}");
        assert_eq!(s.year(), year, "{text}");
        assert_eq!(DocSymbol::parse(s.as_ref()).unwrap(), s, "{text}");
        let (lenient, corrections) = DocSymbol::parse_lenient(text).unwrap();
        assert_eq!(lenient, s);
        assert!(corrections.is_empty(), "{text}");
    }
}

#[test]
fn only_the_seed_directive_is_irregular() {
    let irregular: Vec<&str> = REAL
        .iter()
        .map(|r| r.0)
        .filter(|t| sym(t).is_irregular())
        .collect();
    assert_eq!(irregular, ["33/2021/CT-TTg"]);
}

#[test]
fn nfd_and_nfc_parse_alike() {
    // `Đ` has no decomposition; an issuer with a tone mark does.
    let nfc = "12/QĐ-Sở";
    let nfd: String = "12/QĐ-So\u{31b}\u{309}".to_owned();
    assert_ne!(nfc, nfd);
    assert_eq!(sym(&nfd), sym(nfc));
    assert_eq!(sym(&nfd).to_string(), nfc);
}

#[test]
fn kind_abbreviations_are_case_sensitive() {
    assert_eq!(sym("1/ĐA-UBND").kind(), Some(DocKind::Scheme));
    assert_eq!(sym("1/DA-UBND").kind(), Some(DocKind::Project));
    assert_eq!(sym("1/HD-UBND").kind(), Some(DocKind::Guidance));
    assert_eq!(sym("1/HĐ-UBND").kind(), Some(DocKind::Contract));
    assert_eq!(sym("1/CT-UBND").kind(), Some(DocKind::Directive));
    assert_eq!(sym("1/CTr-UBND").kind(), Some(DocKind::Programme));
    assert_eq!(sym("1/QyĐ-UBND").kind(), Some(DocKind::Regulation));
    assert_eq!(sym("1/TTr-UBND").kind(), Some(DocKind::Submission));
    assert_eq!(sym("1/2020/TT-BTC").kind(), Some(DocKind::Circular));
    assert_eq!(sym("1/TrS-UBND").kind(), Some(DocKind::ExtractCopy));
    // `TT` is a circular in a State symbol, a Party instruction (thông tri) in a Party one.
    assert_eq!(sym("12-TT/TW").kind(), Some(DocKind::Instruction));
    assert_eq!(DocKind::Instruction.abbreviation(Admin), None);
    assert_eq!(DocKind::Instruction.vietnamese_name(), "thông tri");
    assert_eq!(sym("15-ĐA/TU").kind(), Some(DocKind::Scheme));
    assert_eq!(
        DocSymbol::parse("15-DA/TU").unwrap_err().to_string(),
        "invalid document symbol `15-DA/TU`: unknown Party document kind `DA`"
    );
}

/// Malformed symbols and their exact messages.
#[rustfmt::skip]
const MALFORMED: &[(&str, &str)] = &[
    ("", "invalid document symbol ``: the symbol is empty"),
    ("CV/TU", "invalid document symbol `CV/TU`: it does not start with a number"),
    ("1470", "invalid document symbol `1470`: expected `-` (Party) or `/` (State) after the number"),
    ("1470.CV/TU", "invalid document symbol `1470.CV/TU`: unexpected character `.`"),
    ("1470-CV/TU ", "invalid document symbol `1470-CV/TU `: it contains whitespace"),
    ("0-CV/TU", "invalid document symbol `0-CV/TU`: the number is zero"),
    ("1470-/TU", "invalid document symbol `1470-/TU`: the document kind is missing"),
    ("1470-CV", "invalid document symbol `1470-CV`: the issuer is missing"),
    ("1470-CV/", "invalid document symbol `1470-CV/`: the issuer is missing"),
    ("1470-XX/TU", "invalid document symbol `1470-XX/TU`: unknown Party document kind `XX`"),
    ("23-QD/TW", "invalid document symbol `23-QD/TW`: `QD` is not a kind abbreviation; the ASCII spelling of `QĐ` is accepted only by the lenient parse"),
    ("08-QDi/TW", "invalid document symbol `08-QDi/TW`: `QDi` is not a kind abbreviation; the ASCII spelling of `QĐi` is accepted only by the lenient parse"),
    ("1470-cv/TU", "invalid document symbol `1470-cv/TU`: `cv` is not a kind abbreviation; abbreviations are case-sensitive: `CV`"),
    ("1470-CV/TU/BDV", "invalid document symbol `1470-CV/TU/BDV`: unexpected `/`"),
    ("1470-CV/TU-BDV", "invalid document symbol `1470-CV/TU-BDV`: unexpected `-` in a Party symbol's kind or issuer"),
    ("05-NĐ/CP", "invalid document symbol `05-NĐ/CP`: unknown Party document kind `NĐ`"),
    ("05/", "invalid document symbol `05/`: the issuer is missing"),
    ("05/QĐ", "invalid document symbol `05/QĐ`: the issuer is missing"),
    ("05/QĐ-", "invalid document symbol `05/QĐ-`: the issuer is missing"),
    ("05/QĐ-UBND-", "invalid document symbol `05/QĐ-UBND-`: a segment between separators is empty"),
    ("05/QĐ--UBND", "invalid document symbol `05/QĐ--UBND`: the issuer is missing"),
    ("05/QD-UBND", "invalid document symbol `05/QD-UBND`: `QD` is not a kind abbreviation; the ASCII spelling of `QĐ` is accepted only by the lenient parse"),
    ("05/qđ-UBND", "invalid document symbol `05/qđ-UBND`: `qđ` is not a kind abbreviation; abbreviations are case-sensitive: `QĐ`"),
    ("05/NĐ-CP", "invalid document symbol `05/NĐ-CP`: `NĐ` is a legal-normative kind: its symbol needs a year (`number/year/NĐ-ISSUER`)"),
    ("05/TT-BTC", "invalid document symbol `05/TT-BTC`: `TT` is a legal-normative kind: its symbol needs a year (`number/year/TT-ISSUER`)"),
    ("123/CV-UBND", "invalid document symbol `123/CV-UBND`: `CV` is a Party kind: a State official letter has no kind (`number/ISSUER-UNIT`)"),
    ("05/QĐi-UBND", "invalid document symbol `05/QĐi-UBND`: `QĐi` is a Party kind: a State symbol writes a regulation `QyĐ`"),
    ("05/QĐI-UBND", "invalid document symbol `05/QĐI-UBND`: `QĐI` is not a kind abbreviation; abbreviations are case-sensitive: `QĐi`"),
    ("05/KL-UBND", "invalid document symbol `05/KL-UBND`: `KL` is a Party kind: a conclusion has no abbreviation in State symbols"),
    ("123/UBND--VX", "invalid document symbol `123/UBND--VX`: a segment between separators is empty"),
    ("123/ubnd-VX", "invalid document symbol `123/ubnd-VX`: invalid issuer `ubnd`"),
    ("05/QĐ-1UBND", "invalid document symbol `05/QĐ-1UBND`: invalid issuer `1UBND`"),
    ("09/19/NĐ-CP", "invalid document symbol `09/19/NĐ-CP`: invalid year `19`: expected four digits from 1945 on"),
    ("09/1899/NĐ-CP", "invalid document symbol `09/1899/NĐ-CP`: invalid year `1899`: expected four digits from 1945 on"),
    ("09/2019-NĐ-CP", "invalid document symbol `09/2019-NĐ-CP`: expected `/` after the year `2019`"),
    ("09/2019/", "invalid document symbol `09/2019/`: the document kind is missing"),
    ("09/2019/NĐ", "invalid document symbol `09/2019/NĐ`: the issuer is missing"),
    ("09/2019/CP", "invalid document symbol `09/2019/CP`: a normative symbol without a kind must be issued by the National Assembly or its Standing Committee, not `CP`"),
    ("09/2019/XY-CP", "invalid document symbol `09/2019/XY-CP`: unknown State document kind `XY`"),
    ("09/2019/NĐ/CP", "invalid document symbol `09/2019/NĐ/CP`: unexpected `/`"),
    ("09/2019/NĐ-CP/X", "invalid document symbol `09/2019/NĐ-CP/X`: unexpected `/`"),
];

#[test]
fn malformed_symbols_have_pinned_messages() {
    assert!(MALFORMED.len() >= 20);
    for (input, message) in MALFORMED {
        let err = DocSymbol::parse(input).expect_err(input);
        assert_eq!(err.to_string(), *message, "{input}");
        assert_eq!(err.input(), *input);
        let doc_err = DocumentError::from(err);
        assert_eq!(doc_err.to_string(), *message);
    }
}

#[test]
fn too_long_symbol() {
    let input = format!("1/QĐ-{}", "A".repeat(300));
    let err = DocSymbol::parse(&input).unwrap_err();
    assert!(
        err.to_string()
            .ends_with(": it is 306 bytes long, more than 255"),
        "{err}"
    );
}

#[test]
fn lenient_parse_reports_every_change() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("23-QD/TW", "23-QĐ/TW", &["read the kind `QD` as `QĐ`"]),
        ("08-QDi/TW", "08-QĐi/TW", &["read the kind `QDi` as `QĐi`"]),
        ("05/QD-UBND", "05/QĐ-UBND", &["read the kind `QD` as `QĐ`"]),
        (
            "1/QyD-UBND",
            "1/QyĐ-UBND",
            &["read the kind `QyD` as `QyĐ`"],
        ),
        (
            "09/2019/ND-CP",
            "09/2019/NĐ-CP",
            &["read the kind `ND` as `NĐ`"],
        ),
        ("01/CD-TTg", "01/CĐ-TTg", &["read the kind `CD` as `CĐ`"]),
        (" 1470 - CV / TU ", "1470-CV/TU", &["removed whitespace"]),
        (
            "05/QD–UBND",
            "05/QĐ-UBND",
            &["read `–` as `-`", "read the kind `QD` as `QĐ`"],
        ),
        // `DA` is a kind of its own (dự án): never read as `ĐA`.
        ("1/DA-UBND", "1/DA-UBND", &[]),
    ];
    for (input, expected, notes) in cases {
        let (s, corrections) = DocSymbol::parse_lenient(input).unwrap();
        assert_eq!(s.as_str(), *expected, "{input}");
        let got: Vec<String> = corrections.iter().map(ToString::to_string).collect();
        assert_eq!(got, *notes, "{input}");
    }
    assert_eq!(
        DocSymbol::parse_lenient("23-QD/TW").unwrap().1,
        [Correction::RespelledKind {
            found: "QD".into(),
            to: "QĐ"
        }]
    );
}

#[test]
fn lenient_parse_still_rejects_and_names_the_input() {
    let err = DocSymbol::parse_lenient("1470 - XX/TU").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid document symbol `1470 - XX/TU`: unknown Party document kind `XX`"
    );
    // No guess about case.
    assert!(DocSymbol::parse_lenient("05/qd-UBND").is_err());
}

#[test]
fn every_kind_has_names() {
    for kind in DocKind::ALL {
        assert!(!kind.vietnamese_name().is_empty());
        assert!(!kind.english_name().is_empty());
        assert_eq!(kind.to_string(), kind.english_name());
    }
    // Decree 30/2020 Phụ lục III: 29 abbreviated administrative kinds and copies.
    let abbreviated = DocKind::ALL
        .iter()
        .filter(|k| {
            k.abbreviation(SymbolSystem::StateAdministrative).is_some() && !k.is_normative_only()
        })
        .count();
    assert_eq!(abbreviated, 30);
    let party: Vec<&str> = DocKind::ALL
        .iter()
        .filter_map(|k| k.abbreviation(SymbolSystem::Party))
        .collect();
    assert_eq!(
        party,
        [
            "NQ", "QĐ", "CT", "QC", "QĐi", "TB", "HD", "CTr", "KH", "ĐA", "BC", "BB", "TTr", "CV",
            "KL", "TT"
        ]
    );
}

fn seed_documents() -> Vec<Document> {
    let cite = |s: &str, y, m, d| DocKey::dated(sym(s), date(y, m, d));
    let sources = [
        ("23-QĐ/TW", 2021, 7, 30, "Bộ Chính trị"),
        ("114-KL/TW", 2015, 7, 14, "Ban Bí thư"),
        ("267-KL/TU", 2017, 12, 25, "Ban Thường vụ Tỉnh ủy Thanh Hóa"),
        ("763-QĐ/TU", 2021, 10, 15, "Ban Thường vụ Tỉnh ủy Thanh Hóa"),
    ];
    let mut docs: Vec<Document> = sources
        .iter()
        .map(|(s, y, m, d, issuer)| {
            Document::builder(sym(s), date(*y, *m, *d))
                .issuer(Issuer::Named((*issuer).into()))
                .build()
                .unwrap()
        })
        .collect();
    let letter = Document::builder(sym("1470-CV/TU"), date(2024, 2, 22))
        .issuer(Issuer::Body("TH-TU-BTV".parse().unwrap()))
        .signer(
            Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy")
                .with_authority(Authority::OnBehalfOfCollective, "Ban Thường vụ"),
        )
        .title("Lãnh đạo, chỉ đạo thực hiện Năm tăng cường công tác dân vận của cơ quan nhà nước và chính quyền các cấp năm 2024")
        .reference(Relation::Implements, cite("23-QĐ/TW", 2021, 7, 30))
        .reference(Relation::Implements, cite("114-KL/TW", 2015, 7, 14))
        .reference(Relation::Implements, cite("33/2021/CT-TTg", 2021, 11, 26))
        .reference(Relation::Implements, cite("267-KL/TU", 2017, 12, 25))
        .reference(Relation::Implements, cite("763-QĐ/TU", 2021, 10, 15))
        .build()
        .unwrap();
    docs.push(letter);
    // 763-QĐ/TU carries out 23-QĐ/TW in the province.
    let reg = Document::builder(sym("763-QĐ/TU"), date(2021, 10, 15))
        .reference(Relation::Implements, DocKey::undated(sym("23-QĐ/TW")))
        .build()
        .unwrap();
    docs[3] = reg;
    docs
}

#[test]
fn index_answers_basis_and_dependents() {
    let docs = seed_documents();
    let index = DocumentIndex::from_documents(docs.clone()).unwrap();
    let letter = DocKey::dated(sym("1470-CV/TU"), date(2024, 2, 22));
    let basis: Vec<String> = index
        .basis(&letter)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        basis,
        [
            "23-QĐ/TW (2021-07-30)",
            "114-KL/TW (2015-07-14)",
            "33/2021/CT-TTg (2021-11-26)",
            "267-KL/TU (2017-12-25)",
            "763-QĐ/TU (2021-10-15)",
        ]
    );
    let deps: Vec<String> = index
        .dependents(&DocKey::undated(sym("23-QĐ/TW")))
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(deps, ["763-QĐ/TU (2021-10-15)", "1470-CV/TU (2024-02-22)"]);
    let unresolved = index.unresolved().unwrap();
    assert_eq!(unresolved.len(), 1);
    assert_eq!(
        unresolved[0].1.to_string(),
        "implements 33/2021/CT-TTg (2021-11-26)"
    );
    assert!(index.cycles().unwrap().is_empty());
    index.check_acyclic().unwrap();
    assert_eq!(
        index
            .resolve(&DocKey::undated(sym("9/QĐ-UBND")))
            .unwrap_err()
            .to_string(),
        "unknown document `9/QĐ-UBND`"
    );
}

#[test]
fn index_reports_cycles() {
    let d = date(2024, 1, 2);
    let a = sym("1/QĐ-UBND");
    let b = sym("2/QĐ-UBND");
    let c = sym("3/QĐ-UBND");
    let index = DocumentIndex::from_documents([
        Document::builder(a.clone(), d)
            .reference(Relation::Amends, DocKey::undated(b.clone()))
            .build()
            .unwrap(),
        Document::builder(b.clone(), d)
            .reference(Relation::Guides, DocKey::undated(c.clone()))
            .build()
            .unwrap(),
        Document::builder(c.clone(), d)
            .reference(Relation::Replaces, DocKey::undated(a.clone()))
            .build()
            .unwrap(),
    ])
    .unwrap();
    let cycles = index.cycles().unwrap();
    assert_eq!(cycles.len(), 1);
    assert_eq!(
        index.check_acyclic().unwrap_err().to_string(),
        "reference cycle: `1/QĐ-UBND (2024-01-02)` → `2/QĐ-UBND (2024-01-02)` → `3/QĐ-UBND (2024-01-02)` → `1/QĐ-UBND (2024-01-02)`"
    );
    // Basis and dependents terminate on cycles.
    assert_eq!(index.basis(&DocKey::undated(a.clone())).unwrap().len(), 2);
    assert_eq!(index.dependents(&DocKey::undated(a)).unwrap().len(), 2);
}

#[test]
fn document_builder_checks() {
    let d = date(2024, 2, 22);
    let err = Document::builder(sym("72/2025/QH15"), d)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "document `72/2025/QH15`: the symbol states no kind, so one must be given"
    );
    // Articles agree with the kind's name.
    let err = Document::builder(sym("1470-CV/TU"), d)
        .kind(DocKind::Decision)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "document `1470-CV/TU` is an official letter by its symbol, not a decision"
    );
    let err = Document::builder(sym("05/QĐ-UBND"), d)
        .kind(DocKind::OfficialLetter)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "document `05/QĐ-UBND` is a decision by its symbol, not an official letter"
    );
    let err = Document::builder(sym("1470-CV/TU"), d)
        .reference(Relation::Cites, DocKey::undated(sym("1470-CV/TU")))
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "document `1470-CV/TU (2024-02-22)` refers to itself: the reference `1470-CV/TU` has no date; give the date of the other document with that symbol"
    );
    let err = Document::builder(sym("1470-CV/TU"), d)
        .reference(Relation::Cites, DocKey::dated(sym("1470-CV/TU"), d))
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "document `1470-CV/TU (2024-02-22)` refers to itself"
    );
    // The same symbol at another date is another document.
    Document::builder(sym("16/CT-TTg"), date(2022, 9, 20))
        .reference(
            Relation::Replaces,
            DocKey::dated(sym("16/CT-TTg"), date(2020, 3, 31)),
        )
        .build()
        .unwrap();
    let err = DocumentIndex::from_documents([
        Document::builder(sym("1/QĐ-UBND"), d).build().unwrap(),
        Document::builder(sym("1/QĐ-UBND"), d)
            .title("again")
            .build()
            .unwrap(),
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "duplicate document `1/QĐ-UBND (2024-02-22)`"
    );
}

#[test]
fn signer_prefixes() {
    for (prefix, authority) in [
        ("TM.", Authority::OnBehalfOfCollective),
        ("KT.", Authority::OnBehalfOfHead),
        ("Q.", Authority::Acting),
        ("TL.", Authority::ByOrder),
        ("TUQ.", Authority::ByAuthorisation),
    ] {
        assert_eq!(Authority::from_prefix(prefix), Some(authority));
        assert_eq!(authority.prefix(), prefix);
    }
    assert_eq!(Authority::from_prefix("XX."), None);
}

#[test]
fn builder_stores_text_nfc() {
    use unicode_normalization::UnicodeNormalization;

    let nfd = |s: &str| -> String { s.nfd().collect() };
    let doc = Document::builder(sym("1470-CV/TU"), date(2024, 2, 22))
        .title(nfd("Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024"))
        .issuer(Issuer::Named(nfd("Ban Thường vụ Tỉnh ủy")))
        .signer(
            Signer::new(nfd("Lại Thế Nguyên"), nfd("Phó Bí thư Thường trực Tỉnh ủy"))
                .with_authority(Authority::OnBehalfOfCollective, nfd("Ban Thường vụ")),
        )
        .build()
        .unwrap();
    assert_eq!(doc.title(), "Lãnh đạo, chỉ đạo thực hiện Năm dân vận 2024");
    assert_eq!(
        doc.issuer(),
        Some(&Issuer::Named("Ban Thường vụ Tỉnh ủy".into()))
    );
    let signer = doc.signer().unwrap();
    assert_eq!(signer.name(), "Lại Thế Nguyên");
    assert_eq!(signer.title(), "Phó Bí thư Thường trực Tỉnh ủy");
    assert_eq!(signer.on_behalf_of(), Some("Ban Thường vụ"));
    assert_eq!(
        Issuer::named(nfd("Bộ Chính trị")),
        Issuer::Named("Bộ Chính trị".into())
    );
}

#[cfg(feature = "serde")]
mod serde_shapes {
    use super::*;

    #[test]
    fn symbol_is_a_string() {
        let s = sym("09/2019/NĐ-CP");
        assert_eq!(serde_json::to_string(&s).unwrap(), r#""09/2019/NĐ-CP""#);
        let back: DocSymbol = serde_json::from_str(r#""09/2019/NĐ-CP""#).unwrap();
        assert_eq!(back, s);
        let err = serde_json::from_str::<DocSymbol>(r#""23-QD/TW""#).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("invalid document symbol `23-QD/TW`"),
            "{err}"
        );
    }

    #[test]
    fn document_round_trips_through_json_and_toml() {
        let docs = seed_documents();
        let letter = docs.last().unwrap();
        let json = serde_json::to_string_pretty(letter).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, letter);
        let toml_text = toml::to_string(letter).unwrap();
        let back: Document = toml::from_str(&toml_text).unwrap();
        assert_eq!(&back, letter);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["symbol"], "1470-CV/TU");
        assert_eq!(value["issued"], "2024-02-22");
        assert_eq!(value["issuer"]["body"], "TH-TU-BTV");
        assert_eq!(value["signer"]["authority"], "TM.");
        assert_eq!(value["references"][2]["symbol"], "33/2021/CT-TTg");
        assert_eq!(value["references"][2]["relation"], "implements");
        assert!(value.get("kind").is_none());
    }

    #[test]
    fn decomposed_text_is_stored_nfc() {
        use unicode_normalization::UnicodeNormalization;

        let letter = seed_documents().pop().unwrap();
        let json: String = serde_json::to_string(&letter).unwrap().nfd().collect();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, letter);
        let signer = back.signer().unwrap();
        assert_eq!(signer.name(), "Lại Thế Nguyên");
        let named: Issuer =
            serde_json::from_str(&r#"{"named": "Bộ Chính trị"}"#.nfd().collect::<String>())
                .unwrap();
        assert_eq!(named, Issuer::Named("Bộ Chính trị".into()));
    }

    #[test]
    fn signer_json_shape_is_pinned() {
        let signer = Signer::new("Lại Thế Nguyên", "Phó Bí thư Thường trực Tỉnh ủy")
            .with_authority(Authority::OnBehalfOfCollective, "Ban Thường vụ");
        let json = serde_json::to_string(&signer).unwrap();
        assert_eq!(
            json,
            r#"{"name":"Lại Thế Nguyên","title":"Phó Bí thư Thường trực Tỉnh ủy","authority":"TM.","on_behalf_of":"Ban Thường vụ"}"#
        );
        assert_eq!(serde_json::from_str::<Signer>(&json).unwrap(), signer);
        for (text, authority) in [
            ("TM.", Authority::OnBehalfOfCollective),
            ("T/M", Authority::OnBehalfOfCollective),
            ("KT.", Authority::OnBehalfOfHead),
            ("Q.", Authority::Acting),
            ("TL.", Authority::ByOrder),
            ("TUQ.", Authority::ByAuthorisation),
        ] {
            let back: Authority = serde_json::from_str(&format!("\"{text}\"")).unwrap();
            assert_eq!(back, authority);
            assert_eq!(
                serde_json::to_string(&authority).unwrap(),
                format!("\"{}\"", authority.prefix())
            );
        }
        for text in ["on_behalf_of_collective", " TM.", "XX."] {
            let err = serde_json::from_str::<Authority>(&format!("\"{text}\"")).unwrap_err();
            assert!(
                err.to_string().starts_with(&format!(
                    "unknown signing authority `{text}`: expected `TM.`, `KT.`, `Q.`, `TL.` or `TUQ.`"
                )),
                "{err}"
            );
        }
    }

    #[test]
    fn document_deserializing_checks() {
        let err = serde_json::from_str::<Document>(
            r#"{"symbol": "72/2025/QH15", "issued": "2025-06-16"}"#,
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("the symbol states no kind"),
            "{err}"
        );
        let err = serde_json::from_str::<Document>(
            r#"{"symbol": "1470-CV/TU", "issued": "2024-02-22", "colour": "red"}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown field `colour`"), "{err}");
        let law: Document = serde_json::from_str(
            r#"{"symbol": "72/2025/QH15", "kind": "law", "issued": "2025-06-16"}"#,
        )
        .unwrap();
        assert_eq!(law.kind(), DocKind::Law);
    }

    #[test]
    fn dates_have_one_spelling_and_must_exist() {
        for (json, message) in [
            (
                r#"{"symbol": "1470-CV/TU", "issued": "2024-2-22"}"#,
                "invalid date `2024-2-22`: expected `yyyy-mm-dd` at line 1 column 47",
            ),
            (
                r#"{"symbol": "1470-CV/TU", "issued": "2024-02-30"}"#,
                "invalid date `2024-02-30`: no such day at line 1 column 48",
            ),
            (
                r#"{"symbol": "1470-CV/TU", "issued": "2024-02-22", "references": [{"relation": "cites", "symbol": "23-QĐ/TW", "date": "+2021-07-30"}]}"#,
                "invalid date `+2021-07-30`: expected `yyyy-mm-dd` at line 1 column 131",
            ),
        ] {
            let err = serde_json::from_str::<Document>(json).unwrap_err();
            assert_eq!(err.to_string(), message);
        }
        let err = serde_json::from_str::<DocKey>(r#"{"symbol": "23-QĐ/TW", "date": "2021-7-30"}"#)
            .unwrap_err();
        assert!(
            err.to_string().starts_with("invalid date `2021-7-30`"),
            "{err}"
        );
    }
}

mod properties {
    use directives::document::{DocKind, DocSymbol, SymbolSystem};
    use proptest::prelude::*;
    use proptest::sample::Index;

    fn kinds(system: SymbolSystem, normative: bool) -> Vec<(DocKind, &'static str)> {
        DocKind::ALL
            .iter()
            .filter(|k| normative || !k.is_normative_only())
            .filter_map(|k| k.abbreviation(system).map(|a| (*k, a)))
            .collect()
    }

    proptest! {
        /// Symbols built from their parts parse back into those parts and print as given;
        /// the lenient parse of the same text with spaces reads the same symbol.
        #[test]
        fn symbols_from_parts_round_trip(
            form in 0u8..3,
            zeros in 0usize..3,
            number in "[1-9][0-9]{0,4}",
            kind in any::<Index>(),
            issuer in "[A-Z][A-Za-z]{0,5}[0-9]{0,2}",
            unit in proptest::option::of("[A-Z][A-Z0-9]{0,3}"),
            year in 1945u16..2100,
        ) {
            let number = format!("{}{number}", "0".repeat(zeros));
            let (system, text, kind, unit, year) = match form {
                0 => {
                    let (k, a) = *kind.get(&kinds(SymbolSystem::Party, false));
                    (SymbolSystem::Party, format!("{number}-{a}/{issuer}"), k, None, None)
                }
                1 => {
                    let (k, a) = *kind.get(&kinds(SymbolSystem::StateAdministrative, false));
                    let tail = unit.as_ref().map(|u| format!("-{u}")).unwrap_or_default();
                    (SymbolSystem::StateAdministrative, format!("{number}/{a}-{issuer}{tail}"), k, unit, None)
                }
                _ => {
                    let (k, a) = *kind.get(&kinds(SymbolSystem::StateNormative, true));
                    let tail = unit.as_ref().map(|u| format!("-{u}")).unwrap_or_default();
                    (SymbolSystem::StateNormative, format!("{number}/{year}/{a}-{issuer}{tail}"), k, unit, Some(year))
                }
            };
            let s = DocSymbol::parse(&text).unwrap();
            prop_assert_eq!(s.to_string(), text.clone());
            prop_assert_eq!(s.system(), system);
            prop_assert_eq!(s.number(), number.as_str());
            prop_assert_eq!(s.kind(), Some(kind));
            prop_assert_eq!(s.issuer(), issuer.as_str());
            prop_assert_eq!(s.units(), unit.as_deref());
            prop_assert_eq!(s.year(), year);
            let spaced: String = text.chars().flat_map(|c| [c, ' ']).collect();
            let (lenient, corrections) = DocSymbol::parse_lenient(&spaced).unwrap();
            prop_assert_eq!(lenient, s);
            prop_assert_eq!(corrections.len(), 1);
        }

        /// The parser never panics, and whatever it accepts prints back as its NFC input.
        #[test]
        fn parser_is_total(text in "[0-9A-Za-zĐđ/ -]{0,24}") {
            if let Ok(s) = DocSymbol::parse(&text) {
                prop_assert_eq!(s.as_str(), text.as_str());
                prop_assert_eq!(DocSymbol::parse(s.as_str()).unwrap(), s);
            }
            let _ = DocSymbol::parse_lenient(&text);
        }
    }
}

#[test]
fn public_types_are_send_sync() {
    fn assert_traits<T: Send + Sync + 'static>() {}
    assert_traits::<DocSymbol>();
    assert_traits::<Document>();
    assert_traits::<DocumentIndex>();
    assert_traits::<DocumentError>();
    assert_traits::<directives::document::SymbolError>();
    // A symbol is its text (pointer and length) and a few bytes of parts and offsets.
    assert!(
        std::mem::size_of::<DocSymbol>() <= 32,
        "{}",
        std::mem::size_of::<DocSymbol>()
    );
}
