//! Criteria loading from TOML and JSON through `criteria::Loader`, against the seed
//! registry, and their assessment on the seed evaluation.
//!
//! The first byte of the input picks the format, the rest is the text. Properties:
//! - a text is loaded or refused with an error whose message is bounded;
//! - criteria loaded from TOML load equal from the same document written as JSON;
//! - assessing them on the evaluation of the seed letter does not panic, and an
//!   assessment writes as JSON and displays in both languages.
#![no_main]

use directives::Lang;
use directives::compliance::{EvaluationPolicy, evaluate};
use directives::criteria::Loader;
use directives_fuzz::{bounded_message, format_and_text, seed, vietnam, ymd};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((format, text)) = format_and_text(data, 2) else {
        return;
    };
    let seed = seed();
    let loader = Loader::new(&seed.registry);
    let loaded = if format == 0 {
        loader.toml(text)
    } else {
        loader.json(text)
    };
    let criteria = match loaded {
        Ok(criteria) => criteria,
        Err(e) => {
            bounded_message(&e);
            return;
        }
    };
    if format == 0 {
        let document: toml::Table = toml::from_str(text).expect("the loader read it as TOML");
        let json = serde_json::to_string(&document).expect("a TOML table writes as JSON");
        let back = loader
            .json(&json)
            .unwrap_or_else(|e| panic!("the TOML loads, the same as JSON {json} does not: {e}"));
        assert_eq!(back, criteria, "TOML and JSON {json} differ");
    }
    let policy = EvaluationPolicy::new(vietnam().clone());
    for as_of in [ymd(2024, 7, 1), ymd(2025, 1, 31)] {
        let evaluation =
            evaluate(&seed.obligations, &seed.events, as_of, &policy).expect("the seed evaluates");
        match criteria.assess(&evaluation, &seed.registry) {
            Ok(assessment) => {
                serde_json::to_string(&assessment).expect("an assessment writes as JSON");
                for lang in [Lang::Vi, Lang::En] {
                    let _ = assessment.display(lang).to_string();
                }
            }
            Err(e) => {
                bounded_message(&e);
            }
        }
    }
});
