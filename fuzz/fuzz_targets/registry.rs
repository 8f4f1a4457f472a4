//! Registry loading from TOML and JSON through `org::Loader`.
//!
//! The first byte of the input picks the format, the rest is the text. Properties:
//! - a text is loaded or refused with an error whose message is bounded;
//! - a registry loaded writes to JSON and to TOML, and each reads back to an equal
//!   registry;
//! - selecting on it does not panic, and a selector and its negation select disjoint
//!   sets of bodies of the registry, `Body(code)` at most the one body.
#![no_main]

use directives::org::{Body, Change, Loader, Registry, Selector};
use directives_fuzz::{Format, input_limits, load_toml_or_json};
use libfuzzer_sys::fuzz_target;

fn selectors(registry: &Registry) -> Vec<Selector> {
    let mut all = Vec::new();
    for (_, body) in registry.iter().take(3) {
        let code = body.code().clone();
        all.push(Selector::Body(code.clone()));
        all.push(Selector::Kind(body.kind()));
        all.push(Selector::Level(body.level()));
        all.push(Selector::ChildrenOf(code.clone()));
        all.push(Selector::DescendantsOf(code.clone()));
        all.push(Selector::All(vec![
            Selector::Kind(body.kind()),
            Selector::DescendantsOf(code),
        ]));
    }
    all
}

/// A registry's bodies, in order, and changes: what makes two registries equal.
fn parts(registry: &Registry) -> (Vec<Body>, Vec<Change>) {
    (
        registry.iter().map(|(_, body)| body.clone()).collect(),
        registry.changes().to_vec(),
    )
}

fn check_select(registry: &Registry) {
    let dates: Vec<_> = registry
        .iter()
        .take(2)
        .flat_map(|(_, b)| [Some(b.from()), b.until()])
        .flatten()
        .collect();
    for selector in selectors(registry) {
        for &date in &dates {
            let Ok(yes) = registry.select(&selector, date) else {
                continue;
            };
            for &id in &yes {
                assert!(registry.code(id).is_some(), "{selector:?} selects {id:?}");
            }
            if let Selector::Body(code) = &selector {
                assert!(yes.len() <= 1, "{code} selects {} bodies", yes.len());
                if let Some(&id) = yes.first() {
                    assert_eq!(registry.id(code), Some(id));
                }
            }
            let not = Selector::Not(Box::new(selector.clone()));
            if let Ok(no) = registry.select(&not, date) {
                assert!(
                    yes.iter().all(|id| !no.contains(id)),
                    "{selector:?} and its negation overlap on {date}"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(registry) = load_toml_or_json(data, |format, text| {
        let loader = Loader::new().limits(input_limits());
        match format {
            Format::Toml => loader.toml(text),
            Format::Json => loader.json(text),
        }
    }) else {
        return;
    };
    let json = registry
        .to_json_string()
        .expect("a registry writes as JSON");
    let back = Loader::new()
        .json(&json)
        .unwrap_or_else(|e| panic!("cannot read back {json}: {e}"));
    assert_eq!(
        parts(&back),
        parts(&registry),
        "JSON round trip through {json}"
    );
    let toml = registry
        .to_toml_string()
        .expect("a registry writes as TOML");
    let back = Loader::new()
        .toml(&toml)
        .unwrap_or_else(|e| panic!("cannot read back {toml}: {e}"));
    assert_eq!(
        parts(&back),
        parts(&registry),
        "TOML round trip through {toml}"
    );
    assert_eq!(back.to_json_string().ok(), Some(json), "written twice");
    check_select(&registry);
});
