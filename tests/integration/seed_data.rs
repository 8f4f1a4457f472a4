//! The shipped example data as facts: every body change of the Thanh Hóa registry carries
//! its provenance, and the assumptions behind the unverified ones are pinned here, so that
//! a new change cannot slip in unlabelled. (Đông Sơn merged into Thanh Hóa city on
//! 2025-01-01, so 26 district-level units ended on 2025-07-01.)
#![cfg(feature = "serde")]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use directives::org::{BodyKind, Change, Registry, Selector};
use directives::provenance::Certainty;

const THANH_HOA: &str = include_str!("../../examples/data/thanh_hoa.toml");

fn registry() -> Registry {
    Registry::from_toml_str(THANH_HOA).unwrap()
}

fn ended(change: &Change) -> Vec<String> {
    match change {
        Change::Merge { bodies, .. } => bodies.iter().map(ToString::to_string).collect(),
        Change::Dissolve { body, .. } | Change::Split { body, .. } => vec![body.to_string()],
        Change::Rename { body, .. } | Change::Move { body, .. } => vec![body.to_string()],
        _ => Vec::new(),
    }
}

#[test]
fn every_body_change_carries_its_provenance() {
    let registry = registry();
    let mut by_certainty: BTreeMap<Certainty, usize> = BTreeMap::new();
    for change in registry.changes() {
        let provenance = change.provenance().unwrap_or_else(|| {
            panic!(
                "change on {} of {:?} has no provenance",
                change.date(),
                ended(change)
            )
        });
        *by_certainty.entry(provenance.certainty()).or_default() += 1;
    }
    assert_eq!(
        by_certainty,
        BTreeMap::from([(Certainty::Unverified, 60), (Certainty::Corroborated, 2)])
    );
}

/// Each distinct assumption, with the bodies whose change rests on it.
#[test]
fn unverified_changes_state_their_assumptions() {
    let registry = registry();
    let mut assumptions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for change in registry.changes() {
        if let Some(assumption) = change.provenance().and_then(|p| p.assumption()) {
            assumptions
                .entry(assumption.to_owned())
                .or_default()
                .extend(ended(change));
        }
    }
    let summary: Vec<(&str, usize)> = assumptions
        .iter()
        .map(|(a, bodies)| (a.split(':').next().unwrap_or(a), bodies.len()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "secondary sources report that Đông Sơn district merged into Thanh Hóa city on 2025-01-01; the resolution was not read",
                2
            ),
            (
                "the district level ended on 2025-07-01 (Law 72/2025/QH15 art. 51.3); its local work passed to the new communes and wards, which are not in this file, so the Provincial People's Committee is taken as the successor",
                26
            ),
            (
                "the district party committees ended on 2025-07-01, when the 166 commune-level party committees directly under the Provincial Party Committee took over local work; none of them alone succeeds a district and they are not in this file, so the Provincial Party Committee is taken as the successor",
                26
            ),
            (
                "the end of the party delegations and civil-affairs committees on 2025-02-11 is reported by the press (nguoilambao.vn, conference of 2025-02-11); which of the two new provincial party committees took over which old body is not stated there",
                5
            ),
            (
                "the press report of 2025-02-11 says 1 party committee ended, taken to be the party committee of the provincial agencies and enterprises; its successor is a choice of this data",
                1
            ),
        ]
    );
    // Where the successor of a dissolved district party committee is a choice of the data,
    // the change says so.
    let nga_son = registry
        .changes()
        .iter()
        .find(|c| matches!(c, Change::Dissolve { body, .. } if body.as_str() == "TH-HU-NGA-SON"))
        .unwrap();
    assert!(
        nga_son
            .provenance()
            .and_then(|p| p.assumption())
            .unwrap()
            .ends_with(
                "the Provincial Party Committee is taken as the successor: a choice of this data"
            )
    );
}

/// Until 2025-02-11 the province had 8 party delegations and 3 civil-affairs committees
/// (nguoilambao.vn, conference of 2025-02-11); the registry lists 2 and 3, and says in its
/// header that it is partial there.
#[test]
fn party_groups_of_2024_and_where_the_registry_is_partial() {
    let registry = registry();
    let on = NaiveDate::from_ymd_opt(2024, 2, 22).unwrap();
    let count = |kind| registry.select(&Selector::Kind(kind), on).unwrap().len();
    assert_eq!(count(BodyKind::PartyDelegation), 2);
    assert_eq!(count(BodyKind::PartyCivilAffairsCommittee), 3);
    assert!(THANH_HOA.contains("only the 2 whose names are sure are listed"));
    // People's Committees as they stood in 2024: the province and 27 district-level units;
    // the commune level is marked partial.
    assert_eq!(count(BodyKind::PeoplesCommittee), 28);
    assert!(THANH_HOA.contains("commune level: the People's Committees and party committees"));
    // The Standing Committee of the Provincial People's Council (task 8).
    assert!(registry.id("TH-HDND-TT").is_some());
}
