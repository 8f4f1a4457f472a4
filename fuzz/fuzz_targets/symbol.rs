//! Document symbols: `DocSymbol::parse` and `DocSymbol::parse_lenient` on any text.
//!
//! Properties:
//! - every symbol either parse returns is in NFC, prints as its text, parses back (strictly)
//!   to itself, and survives JSON and TOML;
//! - its number is a prefix of its text, its issuer and kind abbreviation occur in it;
//! - normalisation is idempotent: the NFC form of the input parses to the same result, and
//!   the lenient parse of a symbol's text gives the symbol with no correction;
//! - the two parses agree: a strict success is a lenient success with no correction, a
//!   lenient success with no correction is a strict success, a lenient failure is a strict
//!   failure.
#![no_main]

use directives::document::DocSymbol;
use directives_fuzz::round_trips;
use libfuzzer_sys::fuzz_target;
use unicode_normalization::{UnicodeNormalization, is_nfc};

fn check(symbol: &DocSymbol) {
    let text = symbol.as_str();
    assert!(is_nfc(text), "symbol text {text:?} is not NFC");
    assert_eq!(symbol.to_string(), text);
    match DocSymbol::parse(text) {
        Ok(again) => assert_eq!(&again, symbol, "{text:?} parses to another symbol"),
        Err(e) => panic!("the text {text:?} of a symbol does not parse: {e}"),
    }
    assert!(
        text.starts_with(symbol.number()),
        "{text:?}: number {:?}",
        symbol.number()
    );
    assert!(
        text.contains(symbol.issuer()),
        "{text:?}: issuer {:?}",
        symbol.issuer()
    );
    if let Some(kind) = symbol.kind_abbreviation() {
        assert!(text.contains(kind), "{text:?}: kind {kind:?}");
    }
    if let Some(units) = symbol.units() {
        assert!(text.contains(units), "{text:?}: units {units:?}");
    }
    if let Some(year) = symbol.year() {
        // `09/2019/NĐ-CP`, or a historic `130-CP/1975` with the year at the end.
        assert!(
            text.contains(&format!("/{year}/")) || text.ends_with(&format!("/{year}")),
            "{text:?}: year {year}"
        );
    }
    round_trips(symbol);
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let strict = DocSymbol::parse(input);
    let lenient = DocSymbol::parse_lenient(input);
    if let Ok(symbol) = &strict {
        check(symbol);
        let nfc: String = input.nfc().collect();
        assert_eq!(
            DocSymbol::parse(&nfc).as_ref(),
            Ok(symbol),
            "NFC of {input:?}"
        );
        match &lenient {
            Ok((l, corrections)) => {
                assert_eq!(l, symbol, "lenient and strict parses of {input:?} differ");
                assert!(
                    corrections.is_empty(),
                    "{input:?}: corrections {corrections:?} on a strict symbol"
                );
            }
            Err(e) => panic!("{input:?} parses strictly but not leniently: {e}"),
        }
    }
    match &lenient {
        Ok((symbol, corrections)) => {
            check(symbol);
            match DocSymbol::parse_lenient(symbol.as_str()) {
                Ok((again, more)) => {
                    assert_eq!(
                        &again,
                        symbol,
                        "lenient parse of {:?} is not idempotent",
                        symbol.as_str()
                    );
                    assert!(
                        more.is_empty(),
                        "{:?}: corrections {more:?} on a parsed symbol",
                        symbol.as_str()
                    );
                }
                Err(e) => panic!("lenient parse of {:?} fails: {e}", symbol.as_str()),
            }
            if corrections.is_empty() {
                assert_eq!(
                    strict.as_ref().ok(),
                    Some(symbol),
                    "{input:?}: no correction but strict parse differs"
                );
            }
        }
        Err(_) => assert!(
            strict.is_err(),
            "{input:?} parses strictly but not leniently"
        ),
    }
});
