//! Directive loading from TOML and JSON through `directive::Loader`, lint and round trips.
//!
//! The first byte of the input picks the format, the rest is the text. Properties:
//! - a text is loaded or refused with an error whose message is bounded;
//! - a directive loaded writes to TOML and to JSON, and each reads back to an equal
//!   directive;
//! - linting it against the seed registry does not panic, and every lint has a message.
#![no_main]

use directives::directive::Loader;
use directives_fuzz::{Format, bounded_message, input_limits, load_toml_or_json, seed, vietnam};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(directive) = load_toml_or_json(data, |format, text| {
        let loader = Loader::new().limits(input_limits());
        match format {
            Format::Toml => loader.toml(text),
            Format::Json => loader.json(text),
        }
    }) else {
        return;
    };
    let toml = directive
        .to_toml_string()
        .expect("a directive writes as TOML");
    let back = Loader::new()
        .toml(&toml)
        .unwrap_or_else(|e| panic!("cannot read back {toml}: {e}"));
    assert_eq!(back, directive, "TOML round trip through {toml}");
    let json = directive
        .to_json_string()
        .expect("a directive writes as JSON");
    let back = Loader::new()
        .json(&json)
        .unwrap_or_else(|e| panic!("cannot read back {json}: {e}"));
    assert_eq!(back, directive, "JSON round trip through {json}");
    match directive.lint(&seed().registry, vietnam()) {
        Ok(lints) => {
            for lint in lints {
                assert!(!lint.to_string().trim().is_empty());
            }
        }
        Err(e) => {
            bounded_message(&e);
        }
    }
});
