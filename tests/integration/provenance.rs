//! The crate-wide list of shipped facts: every area's facts, each labelled.

use std::collections::BTreeSet;

use directives::provenance::{self, Certainty, FactArea};

#[test]
fn every_area_contributes_and_ids_are_unique_within_an_area() {
    let all = provenance::shipped();
    let areas: BTreeSet<FactArea> = all.iter().map(|f| f.area()).collect();
    for area in [
        FactArea::HolidayRule,
        FactArea::ScheduleEntry,
        FactArea::DocumentKind,
        FactArea::RegimePreset,
        FactArea::GradingPreset,
        FactArea::LegalRule,
    ] {
        assert!(areas.contains(&area), "no shipped fact of area `{area}`");
    }
    let mut seen = BTreeSet::new();
    for fact in &all {
        assert!(
            seen.insert((fact.area(), fact.id().to_owned())),
            "two shipped facts are both {} `{}`",
            fact.area(),
            fact.id()
        );
        assert!(!fact.statement().trim().is_empty(), "{fact} states nothing");
    }
}

#[test]
fn the_joined_list_is_the_areas_lists_together() {
    let joined = provenance::shipped().len();
    let parts = directives::calendar::facts().len()
        + directives::document::facts().len()
        + directives::regime::facts().len()
        + directives::directive::facts().len()
        + directives::compliance::facts().len()
        + directives::compliance::grading_facts().len();
    assert_eq!(joined, parts);
}

#[test]
fn each_level_says_what_it_rests_on() {
    for fact in provenance::shipped() {
        let p = fact.provenance();
        match p.certainty() {
            Certainty::Verified => assert!(p.citation().is_some(), "{fact}"),
            Certainty::Corroborated => assert!(!p.sources().is_empty(), "{fact}"),
            Certainty::Unverified => assert!(p.assumption().is_some(), "{fact}"),
        }
    }
    let below = provenance::shipped_below(Certainty::Verified);
    assert!(!below.is_empty());
    assert!(below.iter().all(|f| f.is_below(Certainty::Verified)));
}
