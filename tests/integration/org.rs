//! The `org` module through its public API: building, errors, dated queries, selectors,
//! succession, data files, and properties against brute-force models.

use chrono::NaiveDate;
use directives::org::{
    Body, BodyCode, BodyId, BodyKind, Change, ChangeKind, Level, OrgError, Registry,
    RegistryBuilder, Selector,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn code(text: &str) -> BodyCode {
    text.parse().unwrap()
}

fn body(text: &str, kind: BodyKind, level: Level, parent: Option<&str>) -> Body {
    let b = Body::new(code(text), text, kind, level, day(2000, 1, 1));
    match parent {
        Some(p) => b.with_parent(code(p)),
        None => b,
    }
}

fn other(text: &str, parent: Option<&str>) -> Body {
    body(text, BodyKind::Other, Level::Province, parent)
}

fn build_err(builder: RegistryBuilder) -> OrgError {
    builder.build().unwrap_err()
}

// ---- errors, with their exact messages ----

#[test]
fn duplicate_code() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .body(other("A", None)),
    );
    assert_eq!(err.path(), Some("bodies[1].code"));
    assert_eq!(err.cause(), &OrgError::DuplicateCode { code: code("A") });
    assert_eq!(
        err.to_string(),
        "at `bodies[1].code`: duplicate body code `A`"
    );
}

#[test]
fn dangling_parent() {
    let err = build_err(Registry::builder().body(other("A", Some("Z"))));
    assert_eq!(
        err.to_string(),
        "at `bodies[0].parent`: body `A` names parent `Z`, which is not in the registry"
    );
}

#[test]
fn empty_validity() {
    let err = build_err(Registry::builder().body(other("A", None).with_until(day(2000, 1, 1))));
    assert_eq!(
        err.to_string(),
        "at `bodies[0].until`: body `A` has an empty validity: from 2000-01-01 until 2000-01-01"
    );
}

#[test]
fn parent_cycle() {
    let err = build_err(
        Registry::builder()
            .body(other("A", Some("C")))
            .body(other("B", Some("A")))
            .body(other("C", Some("B"))),
    );
    assert_eq!(
        err.to_string(),
        "parent cycle on 2000-01-01: `A` → `C` → `B` → `A`"
    );
}

#[test]
fn parent_cycle_through_a_move() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .body(other("B", Some("A")))
            .change(Change::Move {
                body: code("A"),
                date: day(2010, 1, 1),
                parent: Some(code("B")),
                provenance: None,
            }),
    );
    assert!(matches!(err, OrgError::ParentCycle { .. }), "{err}");
}

#[test]
fn succession_cycle() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .body(other("B", None))
            .change(Change::Dissolve {
                body: code("A"),
                successor: Some(code("B")),
                date: day(2010, 1, 1),
                provenance: None,
            })
            .change(Change::Dissolve {
                body: code("B"),
                successor: Some(code("A")),
                date: day(2011, 1, 1),
                provenance: None,
            }),
    );
    assert_eq!(err.to_string(), "succession cycle: `A` → `B` → `A`");
}

#[test]
fn merge_into_a_body_established_later() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .body(Body::new(
                code("B"),
                "B",
                BodyKind::Other,
                Level::Province,
                day(2020, 1, 1),
            ))
            .change(Change::Merge {
                bodies: vec![code("A")],
                into: code("B"),
                date: day(2019, 6, 1),
                provenance: None,
            }),
    );
    assert_eq!(err.path(), Some("changes[0].into"));
    assert_eq!(
        err.cause(),
        &OrgError::SuccessorNotEstablished {
            code: code("A"),
            successor: code("B"),
            change: ChangeKind::Merge,
            date: day(2019, 6, 1),
            from: day(2020, 1, 1),
        }
    );
    assert_eq!(
        err.to_string(),
        "at `changes[0].into`: `B` takes over from `A` on 2019-06-01, the date of the merge, but is established only on 2020-01-01"
    );
}

#[test]
fn split_into_a_part_established_later() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .body(Body::new(
                code("B"),
                "B",
                BodyKind::Other,
                Level::Province,
                day(2019, 6, 1),
            ))
            .body(Body::new(
                code("C"),
                "C",
                BodyKind::Other,
                Level::Province,
                day(2019, 6, 2),
            ))
            .change(Change::Split {
                body: code("A"),
                into: vec![code("B"), code("C")],
                heir: code("B"),
                date: day(2019, 6, 1),
                provenance: None,
            }),
    );
    assert_eq!(
        err.to_string(),
        "at `changes[0].into[1]`: `C` takes over from `A` on 2019-06-01, the date of the split, but is established only on 2019-06-02"
    );
}

#[test]
fn merge_into_a_body_that_has_ended() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .body(other("B", None).with_until(day(2019, 6, 1)))
            .change(Change::Merge {
                bodies: vec![code("A")],
                into: code("B"),
                date: day(2019, 6, 1),
                provenance: None,
            }),
    );
    assert_eq!(err.path(), Some("changes[0].into"));
    assert_eq!(
        err.cause(),
        &OrgError::SuccessorNotActive {
            code: code("A"),
            successor: code("B"),
            change: ChangeKind::Merge,
            date: day(2019, 6, 1),
        }
    );
    assert_eq!(
        err.to_string(),
        "at `changes[0].into`: successor `B` of `A` is not active on 2019-06-01, the date of the merge"
    );
}

#[test]
fn merge_into_an_existing_body_is_accepted() {
    // Like Đông Sơn into Thanh Hóa city: the target existed long before the merge.
    let registry = Registry::builder()
        .body(other("A", None))
        .body(other("B", None))
        .change(Change::Merge {
            bodies: vec![code("A")],
            into: code("B"),
            date: day(2025, 1, 1),
            provenance: None,
        })
        .build()
        .unwrap();
    let a = registry.id("A").unwrap();
    assert_eq!(registry.successor_on(a, day(2025, 1, 1)), registry.id("B"));
}

#[test]
fn change_naming_a_missing_body() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .change(Change::Dissolve {
                body: code("A"),
                successor: Some(code("X")),
                date: day(2010, 1, 1),
                provenance: None,
            }),
    );
    assert_eq!(
        err.to_string(),
        "at `changes[0].successor`: dissolve on 2010-01-01 names body `X`, which is not in the registry"
    );
}

#[test]
fn conflicting_ends() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None).with_until(day(2010, 1, 1)))
            .change(Change::Dissolve {
                body: code("A"),
                successor: None,
                date: day(2011, 1, 1),
                provenance: None,
            }),
    );
    assert_eq!(
        err.to_string(),
        "at `changes[0].date`: body `A` ends twice: on 2010-01-01 and by a dissolve on 2011-01-01"
    );
    // The same date is one end, given twice.
    Registry::builder()
        .body(other("A", None).with_until(day(2010, 1, 1)))
        .change(Change::Dissolve {
            body: code("A"),
            successor: None,
            date: day(2010, 1, 1),
            provenance: None,
        })
        .build()
        .unwrap();
}

#[test]
fn overlapping_validity_of_child_and_parent() {
    let err = build_err(
        Registry::builder()
            .body(other("P", None).with_until(day(2025, 7, 1)))
            .body(other("C", Some("P"))),
    );
    assert_eq!(
        err.to_string(),
        "at `bodies[1].parent`: body `C` is active on 2025-07-01 but its parent `P` is not"
    );
}

#[test]
fn rename_outside_validity() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None).with_until(day(2010, 1, 1)))
            .change(Change::Rename {
                body: code("A"),
                date: day(2010, 1, 1),
                names: "A2".into(),
                provenance: None,
            }),
    );
    assert_eq!(
        err.to_string(),
        "at `changes[0].date`: rename of `A` on 2010-01-01 is outside its validity"
    );
}

#[test]
fn malformed_split() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .body(other("B", None))
            .body(other("C", None))
            .change(Change::Split {
                body: code("A"),
                into: vec![code("B")],
                heir: code("C"),
                date: day(2010, 1, 1),
                provenance: None,
            }),
    );
    assert_eq!(
        err.to_string(),
        "at `changes[0].heir`: split of `A` on 2010-01-01 is malformed: the heir is not one of the parts"
    );
}

#[test]
fn move_under_a_parent_that_has_ended() {
    let err = build_err(
        Registry::builder()
            .body(other("P", None))
            .body(other("Q", None).with_until(day(2015, 1, 1)))
            .body(other("C", Some("P")))
            .change(Change::Move {
                body: code("C"),
                date: day(2010, 1, 1),
                parent: Some(code("Q")),
                provenance: None,
            }),
    );
    assert_eq!(
        err.to_string(),
        "at `changes[0].parent`: body `C` is active on 2015-01-01 but its parent `Q` is not"
    );
}

#[test]
fn two_renames_on_one_day() {
    let rename = |name: &str| Change::Rename {
        body: code("A"),
        date: day(2010, 1, 1),
        names: name.into(),
        provenance: None,
    };
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .change(rename("A1"))
            .change(rename("A2")),
    );
    assert_eq!(
        err.to_string(),
        "at `changes[1].date`: two rename changes of `A` on 2010-01-01"
    );
}

#[test]
fn merge_into_a_merged_body() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .body(other("B", None))
            .change(Change::Merge {
                bodies: vec![code("A"), code("B")],
                into: code("B"),
                date: day(2010, 1, 1),
                provenance: None,
            }),
    );
    assert_eq!(
        err.to_string(),
        "at `changes[0].bodies[1]`: merge of `B` on 2010-01-01 is malformed: a body merges into itself"
    );
}

#[test]
fn ended_twice_by_changes() {
    let dissolve = || Change::Dissolve {
        body: code("A"),
        successor: None,
        date: day(2010, 1, 1),
        provenance: None,
    };
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .change(dissolve())
            .change(dissolve()),
    );
    assert_eq!(err.path(), Some("changes[1].date"));
    assert_eq!(
        err.cause(),
        &OrgError::ConflictingEnd {
            code: code("A"),
            first: day(2010, 1, 1),
            change: ChangeKind::Dissolve,
            second: day(2010, 1, 1),
        }
    );
}

#[test]
fn change_ending_a_body_before_it_starts() {
    let err = build_err(
        Registry::builder()
            .body(other("A", None))
            .change(Change::Dissolve {
                body: code("A"),
                successor: None,
                date: day(1999, 1, 1),
                provenance: None,
            }),
    );
    assert_eq!(
        err.to_string(),
        "at `changes[0].date`: body `A` has an empty validity: from 2000-01-01 until 1999-01-01"
    );
}

#[test]
fn renames_and_moves_are_dated() {
    let registry = Registry::builder()
        .body(other("P", None))
        .body(other("Q", None))
        .body(other("C", Some("P")))
        .change(Change::Rename {
            body: code("C"),
            date: day(2012, 1, 1),
            names: directives::org::Names::new("C mới").with_en("New C"),
            provenance: None,
        })
        .change(Change::Move {
            body: code("C"),
            date: day(2010, 1, 1),
            parent: Some(code("Q")),
            provenance: None,
        })
        .change(Change::Move {
            body: code("C"),
            date: day(2014, 1, 1),
            parent: None,
            provenance: None,
        })
        .build()
        .unwrap();
    let [p, q, c] = ["P", "Q", "C"].map(|x| registry.id(x).unwrap());
    assert_eq!(registry.parent_on(c, day(2009, 12, 31)), Some(p));
    assert_eq!(registry.parent_on(c, day(2010, 1, 1)), Some(q));
    assert_eq!(registry.parent_on(c, day(2014, 1, 1)), None);
    assert_eq!(registry.descendants_on(p, day(2009, 1, 1)), vec![c]);
    assert_eq!(registry.descendants_on(q, day(2011, 1, 1)), vec![c]);
    assert!(registry.descendants_on(q, day(2014, 1, 1)).is_empty());
    assert_eq!(
        registry
            .name_on(c, day(2011, 12, 31))
            .unwrap()
            .name(directives::Lang::Vi),
        "C"
    );
    let renamed = registry.name_on(c, day(2012, 1, 1)).unwrap();
    assert_eq!(
        (
            renamed.name(directives::Lang::Vi),
            renamed.given(directives::Lang::En)
        ),
        ("C mới", Some("New C"))
    );
}

#[test]
fn malformed_changes() {
    let three = || {
        Registry::builder()
            .body(other("A", None))
            .body(other("B", None))
            .body(other("C", None))
    };
    let date = day(2010, 1, 1);
    let cases = [
        (
            Change::Merge {
                bodies: vec![],
                into: code("A"),
                date,
                provenance: None,
            },
            "at `changes[0].bodies`: merge of `A` on 2010-01-01 is malformed: no bodies to merge",
        ),
        (
            Change::Merge {
                bodies: vec![code("B"), code("B")],
                into: code("A"),
                date,
                provenance: None,
            },
            "at `changes[0].bodies[1]`: merge of `B` on 2010-01-01 is malformed: a body is listed twice",
        ),
        (
            Change::Split {
                body: code("A"),
                into: vec![],
                heir: code("B"),
                date,
                provenance: None,
            },
            "at `changes[0].into`: split of `A` on 2010-01-01 is malformed: no parts",
        ),
        (
            Change::Split {
                body: code("A"),
                into: vec![code("A"), code("B")],
                heir: code("B"),
                date,
                provenance: None,
            },
            "at `changes[0].into[0]`: split of `A` on 2010-01-01 is malformed: a body splits into itself",
        ),
        (
            Change::Split {
                body: code("A"),
                into: vec![code("B"), code("C"), code("B")],
                heir: code("B"),
                date,
                provenance: None,
            },
            "at `changes[0].into[2]`: split of `A` on 2010-01-01 is malformed: a part is listed twice",
        ),
        (
            Change::Dissolve {
                body: code("A"),
                successor: Some(code("A")),
                date,
                provenance: None,
            },
            "at `changes[0].successor`: dissolve of `A` on 2010-01-01 is malformed: a body succeeds itself",
        ),
        (
            Change::Move {
                body: code("A"),
                date: day(2000, 1, 1),
                parent: Some(code("B")),
                provenance: None,
            },
            "at `changes[0].date`: move of `A` on 2000-01-01 is outside its validity",
        ),
        (
            Change::Move {
                body: code("A"),
                date,
                parent: Some(code("Z")),
                provenance: None,
            },
            "at `changes[0].parent`: move on 2010-01-01 names body `Z`, which is not in the registry",
        ),
    ];
    for (change, message) in cases {
        assert_eq!(build_err(three().change(change)).to_string(), message);
    }
}

#[test]
fn unknown_code_in_selector() {
    let registry = Registry::builder().body(other("A", None)).build().unwrap();
    let err = registry
        .select(&Selector::DescendantsOf(code("Q")), day(2020, 1, 1))
        .unwrap_err();
    assert_eq!(err, OrgError::UnknownCode { code: code("Q") });
}

// ---- succession ----

fn split_registry() -> Registry {
    Registry::builder()
        .body(other("OLD", None))
        .body(Body::new(
            code("EAST"),
            "East",
            BodyKind::Other,
            Level::Province,
            day(2010, 1, 1),
        ))
        .body(Body::new(
            code("WEST"),
            "West",
            BodyKind::Other,
            Level::Province,
            day(2010, 1, 1),
        ))
        .body(other("TOP", None))
        .change(Change::Split {
            body: code("OLD"),
            into: vec![code("EAST"), code("WEST")],
            heir: code("WEST"),
            date: day(2010, 1, 1),
            provenance: None,
        })
        .change(Change::Merge {
            bodies: vec![code("EAST"), code("WEST")],
            into: code("TOP"),
            date: day(2020, 1, 1),
            provenance: None,
        })
        .build()
        .unwrap()
}

#[test]
fn succession_follows_chains() {
    let registry = split_registry();
    let old = registry.id("OLD").unwrap();
    let west = registry.id("WEST").unwrap();
    let top = registry.id("TOP").unwrap();
    assert_eq!(registry.successor_on(old, day(2009, 12, 31)), Some(old));
    assert_eq!(registry.successor_on(old, day(2010, 1, 1)), Some(west));
    assert_eq!(registry.successor_on(old, day(2020, 1, 1)), Some(top));
    assert_eq!(registry.successor_on(old, day(1999, 1, 1)), None);
    let chain = registry.succession_on(old, day(2024, 1, 1)).unwrap();
    assert_eq!(chain.body(), top);
    let steps: Vec<_> = chain
        .steps()
        .iter()
        .map(|s| (s.from(), s.to(), s.date(), s.change()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (old, west, day(2010, 1, 1), ChangeKind::Split),
            (west, top, day(2020, 1, 1), ChangeKind::Merge),
        ]
    );
    assert_eq!(registry.body(west).unwrap().until(), Some(day(2020, 1, 1)));
}

#[test]
fn dissolved_without_successor_has_none() {
    let registry = Registry::builder()
        .body(other("A", None))
        .change(Change::Dissolve {
            body: code("A"),
            successor: None,
            date: day(2010, 1, 1),
            provenance: None,
        })
        .build()
        .unwrap();
    let a = registry.id("A").unwrap();
    assert_eq!(registry.successor_on(a, day(2010, 1, 1)), None);
    assert_eq!(registry.succession_on(a, day(2010, 1, 1)), None);
    assert_eq!(registry.successor_on(a, day(2009, 1, 1)), Some(a));
}

// ---- selectors ----

#[test]
fn select_is_in_id_order_and_dated() {
    let registry = Registry::builder()
        .body(body("TU", BodyKind::PartyCommittee, Level::Province, None))
        .body(body(
            "UB",
            BodyKind::PeoplesCommittee,
            Level::Province,
            None,
        ))
        .body(
            body(
                "HU-B",
                BodyKind::PartyCommittee,
                Level::District,
                Some("TU"),
            )
            .with_until(day(2025, 7, 1)),
        )
        .body(
            body(
                "HU-A",
                BodyKind::PartyCommittee,
                Level::District,
                Some("TU"),
            )
            .with_until(day(2025, 7, 1)),
        )
        .body(
            body("XA", BodyKind::PartyCommittee, Level::Commune, Some("HU-A"))
                .with_until(day(2025, 7, 1)),
        )
        .build()
        .unwrap();
    let ids =
        |codes: &[&str]| -> Vec<BodyId> { codes.iter().map(|c| registry.id(c).unwrap()).collect() };
    let on = day(2024, 6, 30);
    let districts = Selector::Kind(BodyKind::PartyCommittee) & Selector::Level(Level::District);
    assert_eq!(
        registry.select(&districts, on).unwrap(),
        ids(&["HU-B", "HU-A"])
    );
    assert_eq!(
        registry
            .select(&Selector::DescendantsOf(code("TU")), on)
            .unwrap(),
        ids(&["HU-B", "HU-A", "XA"])
    );
    assert_eq!(
        registry
            .select(&Selector::ChildrenOf(code("TU")), on)
            .unwrap(),
        ids(&["HU-B", "HU-A"])
    );
    assert_eq!(
        registry
            .select(&!Selector::Kind(BodyKind::PartyCommittee), on)
            .unwrap(),
        ids(&["UB"])
    );
    assert_eq!(
        registry
            .select(
                &(Selector::Body(code("XA")) | Selector::Body(code("UB"))),
                on
            )
            .unwrap(),
        ids(&["UB", "XA"])
    );
    assert_eq!(
        registry.select(&Selector::All(vec![]), on).unwrap().len(),
        5
    );
    assert!(
        registry
            .select(&Selector::Any(vec![]), on)
            .unwrap()
            .is_empty()
    );
    let after = day(2025, 7, 2);
    assert_eq!(
        registry.select(&Selector::All(vec![]), after).unwrap(),
        ids(&["TU", "UB"])
    );
    assert!(registry.select(&districts, after).unwrap().is_empty());
}

// ---- the Thanh Hóa registry ----

#[cfg(feature = "serde")]
mod thanh_hoa {
    use super::*;

    const DATA: &str = include_str!("../../examples/data/thanh_hoa.toml");

    fn registry() -> Registry {
        Registry::from_toml_str(DATA).unwrap()
    }

    fn district_committees() -> Selector {
        Selector::Kind(BodyKind::PartyCommittee) & Selector::Level(Level::District)
    }

    fn codes(registry: &Registry, ids: &[BodyId]) -> Vec<String> {
        ids.iter()
            .map(|id| registry.code(*id).unwrap().to_string())
            .collect()
    }

    #[test]
    fn twenty_seven_district_party_committees_in_2024() {
        let registry = registry();
        let ids = registry
            .select(&district_committees(), day(2024, 6, 30))
            .unwrap();
        assert_eq!(ids.len(), 27);
        assert!(
            codes(&registry, &ids)
                .iter()
                .all(|c| c.starts_with("TH-HU-"))
        );
        let units = Selector::Kind(BodyKind::PeoplesCommittee) & Selector::Level(Level::District);
        assert_eq!(registry.select(&units, day(2024, 6, 30)).unwrap().len(), 27);
    }

    #[test]
    fn twenty_six_after_dong_son_merged() {
        let registry = registry();
        let ids = registry
            .select(&district_committees(), day(2025, 1, 1))
            .unwrap();
        assert_eq!(ids.len(), 26);
        assert!(!codes(&registry, &ids).contains(&"TH-HU-DONG-SON".to_owned()));
        assert_eq!(
            registry
                .select(&district_committees(), day(2025, 6, 30))
                .unwrap()
                .len(),
            26
        );
    }

    #[test]
    fn no_district_party_committee_after_the_district_level_ended() {
        let registry = registry();
        assert!(
            registry
                .select(&district_committees(), day(2025, 7, 1))
                .unwrap()
                .is_empty()
        );
        assert!(
            registry
                .select(&district_committees(), day(2025, 7, 2))
                .unwrap()
                .is_empty()
        );
        assert!(
            registry
                .select(&Selector::Level(Level::District), day(2025, 7, 2))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn every_district_party_committee_has_a_successor_after_the_end() {
        let registry = registry();
        let tu = registry.id("TH-TU").unwrap();
        let after = day(2025, 7, 2);
        for id in registry
            .select(&district_committees(), day(2024, 6, 30))
            .unwrap()
        {
            let successor = registry.successor_on(id, after).unwrap();
            assert!(registry.is_active_on(successor, after));
            assert_eq!(successor, tu);
        }
        let dong_son = registry.id("TH-HU-DONG-SON").unwrap();
        let city = registry.id("TH-HU-THANH-HOA").unwrap();
        assert_eq!(registry.successor_on(dong_son, day(2025, 3, 1)), Some(city));
        let chain = registry.succession_on(dong_son, after).unwrap();
        let steps: Vec<_> = chain
            .steps()
            .iter()
            .map(|s| (s.to(), s.date(), s.change()))
            .collect();
        assert_eq!(
            steps,
            vec![
                (city, day(2025, 1, 1), ChangeKind::Merge),
                (tu, day(2025, 7, 1), ChangeKind::Dissolve),
            ]
        );
    }

    #[test]
    fn the_seed_letters_bodies_and_their_successors() {
        let registry = registry();
        let issued = day(2024, 2, 22);
        let later = day(2026, 1, 1);
        let successor = |code: &str, date| {
            let id = registry.id(code).unwrap();
            registry
                .code(registry.successor_on(id, date).unwrap())
                .unwrap()
                .to_string()
        };
        for code in [
            "TH-TU-BTV",
            "TH-TU-BTG",
            "TH-TU-BDV",
            "TH-DD-HDND",
            "TH-BCS-UBND",
            "TH-MTTQ",
            "TH-BAO",
            "TH-PTTH",
            "TH-HDND",
            "TH-UBND",
        ] {
            assert_eq!(successor(code, issued), code, "{code} on the issue date");
        }
        assert_eq!(successor("TH-TU-BTG", later), "TH-TU-BTGDV");
        assert_eq!(successor("TH-TU-BDV", later), "TH-TU-BTGDV");
        assert_eq!(successor("TH-DD-HDND", later), "TH-DU-CQD");
        assert_eq!(successor("TH-BCS-UBND", later), "TH-DU-UBND");
        assert_eq!(successor("TH-BAO", day(2025, 5, 31)), "TH-BAO");
        assert_eq!(successor("TH-BAO", day(2025, 6, 1)), "TH-BAO-PTTH");
        assert_eq!(successor("TH-PTTH", later), "TH-BAO-PTTH");
        let bdv = registry.id("TH-TU-BDV").unwrap();
        assert_eq!(
            registry
                .name_on(bdv, issued)
                .unwrap()
                .name(directives::Lang::Vi),
            "Ban Dân vận Tỉnh ủy"
        );
    }

    #[test]
    fn party_groups_addressed_by_the_seed() {
        let registry = registry();
        let groups = Selector::Kind(BodyKind::PartyDelegation)
            | Selector::Kind(BodyKind::PartyCivilAffairsCommittee);
        assert_eq!(
            codes(
                &registry,
                &registry.select(&groups, day(2024, 2, 22)).unwrap()
            ),
            // 2 of the 8 party delegations and the 3 civil-affairs committees of 2024.
            [
                "TH-DD-HDND",
                "TH-DD-MTTQ",
                "TH-BCS-UBND",
                "TH-BCS-TAND",
                "TH-BCS-VKSND"
            ]
        );
        assert!(
            registry
                .select(&groups, day(2025, 2, 11))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn active_bodies_have_active_parents() {
        let registry = registry();
        for date in [
            day(2024, 2, 22),
            day(2025, 2, 11),
            day(2025, 6, 1),
            day(2025, 7, 1),
        ] {
            for (id, body) in registry.iter() {
                if registry.is_active_on(id, date) && body.parent().is_some() {
                    let parent = registry.parent_on(id, date).unwrap();
                    assert!(
                        registry.is_active_on(parent, date),
                        "{} on {date}",
                        body.code()
                    );
                }
            }
        }
    }

    #[test]
    fn json_round_trip() {
        let registry = registry();
        let again = Registry::from_json_str(&registry.to_json_string().unwrap()).unwrap();
        let toml_again = Registry::from_toml_str(&registry.to_toml_string().unwrap()).unwrap();
        for other in [&again, &toml_again] {
            assert_eq!(other.len(), registry.len());
            assert_eq!(other.changes(), registry.changes());
            for (id, body) in registry.iter() {
                assert_eq!(other.body(id), Some(body));
            }
        }
    }
}

// ---- data-file errors ----

#[cfg(feature = "serde")]
mod files {
    use super::*;

    const HEAD: &str = r#"
[[bodies]]
code = "TU"
name = "Tỉnh ủy"
kind = "party_committee"
level = "province"
from = "2000-01-01"
"#;

    /// Vietnamese names typed decomposed (NFD) read as the composed (NFC) names.
    #[test]
    fn names_are_read_in_nfc() {
        let nfd = HEAD.replace("Tỉnh ủy", "T\u{1ec9}nh u\u{309}y");
        assert_ne!(nfd, HEAD);
        let registry = Registry::from_toml_str(&nfd).unwrap();
        let tu = registry.id("TU").unwrap();
        assert_eq!(
            registry
                .name_on(tu, day(2024, 1, 1))
                .map(|n| n.name(directives::Lang::Vi)),
            Some("Tỉnh ủy")
        );
    }

    #[test]
    fn unknown_level_names_the_path() {
        let text = format!(
            "{HEAD}\n[[bodies]]\ncode = \"HU\"\nname = \"Huyện ủy\"\nkind = \"party_committee\"\nlevel = \"ward\"\nfrom = \"2000-01-01\"\n"
        );
        let err = Registry::from_toml_str(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "at `bodies[1].level`: unknown level `ward`"
        );
    }

    #[test]
    fn bad_code_in_a_change_names_the_path() {
        let text = format!(
            "{HEAD}\n[[changes]]\nchange = \"merge\"\ndate = \"2025-01-01\"\nbodies = [\"TU\", \"H U\"]\ninto = \"TU\"\n"
        );
        let err = Registry::from_toml_str(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "at `changes[0].bodies[1]`: invalid body code `H U`: use ascii letters, digits, `-`, `_` or `.`"
        );
    }

    #[test]
    fn establish_is_not_a_change() {
        let text = format!(
            "{HEAD}\n[[changes]]\nchange = \"establish\"\ndate = \"2025-01-01\"\nbody = \"TU\"\n"
        );
        let err = Registry::from_toml_str(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "at `changes[0]`: `establish` is not a change: a body is established by its `from` date"
        );
        let json = r#"{"bodies": [], "changes": [{"change": "establish", "body": "TU"}]}"#;
        let err = Registry::from_json_str(json).unwrap_err();
        assert_eq!(
            err,
            OrgError::At {
                path: "changes[0]".to_owned(),
                source: Box::new(OrgError::EstablishIsNotAChange),
            }
        );
    }

    #[test]
    fn unknown_change_and_fields_are_syntax_errors() {
        let text = format!(
            "{HEAD}\n[[changes]]\nchange = \"abolish\"\ndate = \"2025-01-01\"\nbody = \"TU\"\n"
        );
        let err = Registry::from_toml_str(&text).unwrap_err();
        assert!(
            matches!(err, OrgError::Syntax { format: "toml", .. }),
            "{err}"
        );
        assert!(
            err.to_string().contains("unknown variant `abolish`"),
            "{err}"
        );
        let text = format!("{HEAD}colour = \"red\"\n");
        let err = Registry::from_toml_str(&text).unwrap_err();
        assert!(err.to_string().contains("unknown field `colour`"), "{err}");
    }

    #[test]
    fn semantic_errors_come_from_the_builder() {
        let text = format!("{HEAD}{HEAD}");
        let err = Registry::from_toml_str(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "at `bodies[1].code`: duplicate body code `TU`"
        );
    }

    #[derive(Debug, serde::Deserialize)]
    struct Task {
        to: Selector,
    }

    #[test]
    fn selector_table_form() {
        let task: Task =
            toml::from_str(r#"to = { kind = "party_committee", level = "district" }"#).unwrap();
        assert_eq!(
            task.to,
            Selector::All(vec![
                Selector::Kind(BodyKind::PartyCommittee),
                Selector::Level(Level::District)
            ])
        );
        let task: Task = toml::from_str(
            r#"to = { descendants_of = "TU", not = { any = [{ body = "A" }, { kind = "press_agency" }] } }"#,
        )
        .unwrap();
        assert_eq!(
            task.to,
            Selector::DescendantsOf(code("TU"))
                & !(Selector::Body(code("A")) | Selector::Kind(BodyKind::PressAgency))
        );
    }

    #[test]
    fn selector_json_shape() {
        let selector = Selector::ChildrenOf(code("TU"))
            & !Selector::Kind(BodyKind::PressAgency)
            & Selector::Level(Level::Province);
        assert_eq!(
            serde_json::to_string(&selector).unwrap(),
            r#"{"all":[{"children_of":"TU"},{"not":{"kind":"press_agency"}},{"level":"province"}]}"#
        );
    }

    #[test]
    fn selector_errors_name_the_path() {
        let err = toml::from_str::<Task>(
            r#"to = { any = [{ kind = "party_committee" }, { level = "hamlet" }] }"#,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("at `any[1].level`: unknown level `hamlet`"),
            "{err}"
        );
        let err = toml::from_str::<Task>("to = {}").unwrap_err();
        assert!(err.to_string().contains("empty selector"), "{err}");
        let err = toml::from_str::<Task>(r#"to = { kinds = "other" }"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `kinds`"), "{err}");
    }
}

// ---- hostile input: cost, limits, locations ----

mod robustness {
    use super::*;

    /// A body from 2000-01-01 with an explicit parent.
    fn under(text: &str, parent: &str) -> Body {
        other(text, Some(parent))
    }

    #[test]
    fn a_hierarchy_may_swap_over_time() {
        // B under A until 2010, then A under B: never both on one day.
        let registry = Registry::builder()
            .body(other("A", None))
            .body(under("B", "A"))
            .change(Change::Move {
                body: code("B"),
                date: day(2010, 1, 1),
                parent: None,
                provenance: None,
            })
            .change(Change::Move {
                body: code("A"),
                date: day(2010, 1, 1),
                parent: Some(code("B")),
                provenance: None,
            })
            .build()
            .unwrap();
        let a = registry.id("A").unwrap();
        let b = registry.id("B").unwrap();
        assert_eq!(registry.parent_on(b, day(2009, 12, 31)), Some(a));
        assert_eq!(registry.parent_on(a, day(2010, 1, 1)), Some(b));
        assert_eq!(registry.descendants_on(a, day(2009, 12, 31)), vec![b]);
        assert_eq!(registry.descendants_on(b, day(2010, 1, 1)), vec![a]);
        assert!(registry.descendants_on(a, day(2010, 1, 1)).is_empty());
        let selected = registry
            .select(&Selector::DescendantsOf(code("B")), day(2011, 1, 1))
            .unwrap();
        assert_eq!(selected, vec![a]);
    }

    #[test]
    fn a_swap_on_one_day_is_a_cycle_on_that_day() {
        // A moves under B on 2010-01-01 while B is still under A: a cycle from that day.
        let err = build_err(
            Registry::builder()
                .body(other("A", None))
                .body(under("B", "A"))
                .change(Change::Move {
                    body: code("A"),
                    date: day(2010, 1, 1),
                    parent: Some(code("B")),
                    provenance: None,
                }),
        );
        assert_eq!(
            err,
            OrgError::ParentCycle {
                codes: vec![code("A"), code("B"), code("A")],
                date: day(2010, 1, 1),
            }
        );
        assert_eq!(
            err.to_string(),
            "parent cycle on 2010-01-01: `A` → `B` → `A`"
        );
    }

    #[test]
    fn a_cycle_through_a_body_established_later() {
        // C is established in 2010 under B, and B moves under C in 2015: the cycle exists
        // from that day.
        let err = build_err(
            Registry::builder()
                .body(other("A", None))
                .body(under("B", "A"))
                .body(
                    Body::new(
                        code("C"),
                        "C",
                        BodyKind::Other,
                        Level::Province,
                        day(2010, 1, 1),
                    )
                    .with_parent(code("B")),
                )
                .change(Change::Move {
                    body: code("B"),
                    date: day(2015, 1, 1),
                    parent: Some(code("C")),
                    provenance: None,
                }),
        );
        assert!(
            matches!(err, OrgError::ParentCycle { date, .. } if date == day(2015, 1, 1)),
            "{err}"
        );
    }

    #[test]
    fn moves_on_many_dates_keep_children_exact() {
        // 2,000 bodies under two roots, each moved to the other root on its own date: a
        // layout per move date would hold 4 million entries.
        let n = 2_000;
        let mut builder = Registry::builder()
            .body(other("R0", None))
            .body(other("R1", None));
        let mut changes = Vec::new();
        for i in 0..n {
            let name = format!("C{i}");
            builder = builder.body(under(&name, if i % 2 == 0 { "R0" } else { "R1" }));
            changes.push(Change::Move {
                body: code(&name),
                date: day(2001, 1, 1) + chrono::Days::new(i),
                parent: Some(code(if i % 2 == 0 { "R1" } else { "R0" })),
                provenance: None,
            });
        }
        let registry = builder.changes(changes).build().unwrap();
        let r0 = registry.id("R0").unwrap();
        let r1 = registry.id("R1").unwrap();
        for k in [0u64, 1, 999, 1_000, 1_999, 2_000] {
            let date = day(2001, 1, 1) + chrono::Days::new(k);
            // Before date k, bodies j >= k still sit under their first root.
            let expected = |root: u64| -> Vec<BodyId> {
                (0..n)
                    .filter(|&j| {
                        let first = j % 2;
                        let moved = j <= k;
                        (if moved { 1 - first } else { first }) == root
                    })
                    .map(|j| registry.id(format!("C{j}")).unwrap())
                    .collect()
            };
            assert_eq!(registry.children_on(r0, date), expected(0), "day {k}");
            assert_eq!(registry.children_on(r1, date), expected(1), "day {k}");
            assert_eq!(registry.descendants_on(r1, date), expected(1), "day {k}");
        }
    }

    #[test]
    fn a_merge_of_many_bodies_and_a_split_into_many_parts() {
        let n = 20_000;
        let names: Vec<String> = (0..n).map(|i| format!("M{i}")).collect();
        let registry = Registry::builder()
            .bodies(names.iter().map(|c| other(c, None)))
            .body(other("INTO", None))
            .body(other("WHOLE", None))
            .change(Change::Merge {
                bodies: names.iter().map(|c| code(c)).collect(),
                into: code("INTO"),
                date: day(2020, 1, 1),
                provenance: None,
            })
            .change(Change::Split {
                body: code("WHOLE"),
                into: names.iter().map(|c| code(c)).collect(),
                heir: code("M7"),
                date: day(2015, 1, 1),
                provenance: None,
            })
            .build()
            .unwrap();
        let whole = registry.id("WHOLE").unwrap();
        assert_eq!(
            registry.successor_on(whole, day(2016, 1, 1)),
            registry.id("M7")
        );
        assert_eq!(
            registry.successor_on(whole, day(2021, 1, 1)),
            registry.id("INTO")
        );
        // A repeat at the end of a long list is found, and named by its place.
        let mut listed: Vec<BodyCode> = names.iter().map(|c| code(c)).collect();
        listed.push(code("M3"));
        let err = build_err(
            Registry::builder()
                .bodies(names.iter().map(|c| other(c, None)))
                .body(other("INTO", None))
                .change(Change::Merge {
                    bodies: listed,
                    into: code("INTO"),
                    date: day(2020, 1, 1),
                    provenance: None,
                }),
        );
        assert_eq!(
            err.to_string(),
            "at `changes[0].bodies[20000]`: merge of `M3` on 2020-01-01 is malformed: a body is listed twice"
        );
    }

    #[test]
    fn build_errors_name_the_path_and_the_value() {
        let err = build_err(
            Registry::builder()
                .body(other("A", None))
                .body(other("B", None))
                .body(other("C", None))
                .body(under("D", "ZZ")),
        );
        assert_eq!(err.path(), Some("bodies[3].parent"));
        assert_eq!(
            err.to_string(),
            "at `bodies[3].parent`: body `D` names parent `ZZ`, which is not in the registry"
        );
        let err = build_err(
            Registry::builder()
                .body(other("A", None))
                .body(other("B", None).with_until(day(1999, 1, 1))),
        );
        assert_eq!(
            err.to_string(),
            "at `bodies[1].until`: body `B` has an empty validity: from 2000-01-01 until 1999-01-01"
        );
        let err = build_err(
            Registry::builder()
                .body(other("A", None))
                .body(other("B", None))
                .change(Change::Dissolve {
                    body: code("A"),
                    successor: None,
                    date: day(2010, 1, 1),
                    provenance: None,
                })
                .change(Change::Merge {
                    bodies: vec![code("B"), code("Q")],
                    into: code("A"),
                    date: day(2009, 1, 1),
                    provenance: None,
                }),
        );
        assert_eq!(
            err.to_string(),
            "at `changes[1].bodies[1]`: merge on 2009-01-01 names body `Q`, which is not in the registry"
        );
    }

    #[test]
    fn blank_names_are_refused() {
        let blank = |names: directives::org::Names| {
            build_err(Registry::builder().body(other("A", None).with_names(names)))
        };
        let err = blank(directives::org::Names::new(" \t"));
        assert_eq!(
            err.to_string(),
            "at `bodies[0].name`: body `A` has a blank name"
        );
        let err = blank(directives::org::Names::new("A").with_en(""));
        assert_eq!(
            err.to_string(),
            "at `bodies[0].name_en`: body `A` has a blank name_en"
        );
        let err = blank(directives::org::Names::new("A").with_short("\u{3000}"));
        assert_eq!(
            err.to_string(),
            "at `bodies[0].short`: body `A` has a blank short"
        );
        let err = build_err(
            Registry::builder()
                .body(other("A", None))
                .change(Change::Rename {
                    body: code("A"),
                    date: day(2010, 1, 1),
                    names: "".into(),
                    provenance: None,
                }),
        );
        assert_eq!(
            err.to_string(),
            "at `changes[0].name`: body `A` has a blank name"
        );
    }

    #[test]
    fn huge_values_are_quoted_within_a_bound() {
        let huge = "X".repeat(10 * 1024 * 1024);
        let err = huge.parse::<BodyCode>().unwrap_err();
        let message = err.to_string();
        assert!(message.len() < 300, "{} bytes", message.len());
        assert!(message.contains(" (… 10485680 more bytes)"), "{message}");
        let err = huge.parse::<BodyKind>().unwrap_err();
        assert!(err.to_string().len() < 300);
    }

    /// `n` levels of `not` around a kind, built through the API.
    fn nested(n: usize) -> Selector {
        let mut selector = Selector::Kind(BodyKind::Other);
        for _ in 1..n {
            selector = !selector;
        }
        selector
    }

    #[test]
    fn a_selector_fifty_thousand_deep_is_refused_not_a_stack_overflow() {
        let registry = Registry::builder().body(other("A", None)).build().unwrap();
        let a = registry.id("A").unwrap();
        let deep = nested(50_000);
        assert_eq!(deep.depth(), 50_000);
        let err = registry.select(&deep, day(2020, 1, 1)).unwrap_err();
        assert_eq!(
            err,
            OrgError::SelectorTooDeep {
                limit: Selector::MAX_DEPTH
            }
        );
        assert_eq!(err.to_string(), "selector nested deeper than 32 levels");
        assert!(registry.matches(&deep, a, day(2020, 1, 1)).is_err());
        // Displaying stops at the limit; dropping takes constant stack.
        let shown = deep.to_string();
        assert!(shown.len() < 400, "{shown}");
        assert!(shown.contains('…'));
        let wide = Selector::Any((0..50_000).map(|_| nested(2)).collect());
        assert_eq!(registry.select(&wide, day(2020, 1, 1)).unwrap(), vec![]);
        drop(deep);
    }

    #[test]
    fn a_selector_at_the_limit_resolves() {
        let registry = Registry::builder().body(other("A", None)).build().unwrap();
        // An odd number of `not`s around `kind(other)`: matches nothing.
        let selector = nested(Selector::MAX_DEPTH);
        assert_eq!(selector.depth(), Selector::MAX_DEPTH);
        let expected = if Selector::MAX_DEPTH % 2 == 1 {
            registry.id("A").into_iter().collect()
        } else {
            Vec::new()
        };
        assert_eq!(
            registry.select(&selector, day(2020, 1, 1)).unwrap(),
            expected
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deep_selectors_round_trip_or_are_refused_when_written() {
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        struct Holder {
            selector: Selector,
        }
        for depth in [1, 2, 17, Selector::MAX_DEPTH] {
            // Lists nest two levels of TOML and JSON per level (a list of tables).
            let mut lists = Selector::Kind(BodyKind::Other);
            for k in 1..depth {
                let pair = vec![lists, Selector::Level(Level::Province)];
                lists = if k % 2 == 0 {
                    Selector::Any(pair)
                } else {
                    Selector::All(pair)
                };
            }
            assert_eq!(lists.depth(), depth);
            for selector in [nested(depth), lists] {
                let holder = Holder { selector };
                let toml_text = toml::to_string(&holder).unwrap();
                assert_eq!(
                    toml::from_str::<Holder>(&toml_text).unwrap(),
                    holder,
                    "{toml_text}"
                );
                let json = serde_json::to_string(&holder).unwrap();
                assert_eq!(serde_json::from_str::<Holder>(&json).unwrap(), holder);
            }
        }
        let too_deep = Holder {
            selector: nested(Selector::MAX_DEPTH + 1),
        };
        let err = serde_json::to_string(&too_deep).unwrap_err();
        assert!(
            err.to_string()
                .contains("selector nested deeper than 32 levels"),
            "{err}"
        );
        assert!(toml::to_string(&too_deep).is_err());
        // Read: a selector one level too deep is refused with the same error.
        let mut json = String::from(r#"{"kind": "other"}"#);
        for _ in 0..Selector::MAX_DEPTH {
            json = format!(r#"{{"not": {json}}}"#);
        }
        let err = serde_json::from_str::<Selector>(&json).unwrap_err();
        assert!(
            err.to_string()
                .contains("selector nested deeper than 32 levels"),
            "{err}"
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn empty_and_blank_files_are_refused() {
        for text in ["", "  \n\t\r\n"] {
            assert_eq!(
                Registry::from_toml_str(text).unwrap_err(),
                OrgError::EmptyInput { format: "toml" }
            );
            assert_eq!(
                Registry::from_json_str(text).unwrap_err(),
                OrgError::EmptyInput { format: "json" }
            );
        }
        assert_eq!(
            OrgError::EmptyInput { format: "toml" }.to_string(),
            "empty registry toml: a registry file lists its bodies"
        );
        let err = Registry::from_toml_str("# only a comment\n").unwrap_err();
        assert!(
            matches!(err, OrgError::Syntax { format: "toml", .. }),
            "{err}"
        );
        assert!(err.to_string().contains("missing field `bodies`"), "{err}");
        let err = Registry::from_json_str("{}").unwrap_err();
        assert!(err.to_string().contains("missing field `bodies`"), "{err}");
        // An explicit empty list is an empty registry.
        assert!(
            Registry::from_json_str(r#"{"bodies": []}"#)
                .unwrap()
                .is_empty()
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn file_errors_name_the_path_and_bound_the_value() {
        let text = r#"{"bodies": [
            {"code": "A", "name": "A", "kind": "other", "level": "province", "from": "2000-01-01"},
            {"code": "A", "name": "A2", "kind": "other", "level": "province", "from": "2000-01-01"}
        ]}"#;
        let err = Registry::from_json_str(text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "at `bodies[1].code`: duplicate body code `A`"
        );
        let huge = "2".repeat(5 * 1024 * 1024);
        let text = format!(
            r#"{{"bodies": [{{"code": "A", "name": "A", "kind": "other", "level": "province", "from": "{huge}"}}]}}"#
        );
        let message = Registry::from_json_str(&text).unwrap_err().to_string();
        assert!(
            message.starts_with("at `bodies[0].from`: invalid date `2222"),
            "{message}"
        );
        assert!(message.len() < 300, "{} bytes", message.len());
        let text = format!("[[bodies]]\ncode = \"{huge}\n");
        let message = Registry::from_toml_str(&text).unwrap_err().to_string();
        assert!(message.len() < 600, "{} bytes", message.len());
    }
}

// ---- properties against a brute-force model ----

mod props {
    use super::*;
    use proptest::prelude::*;

    /// One body of a random registry, as raw numbers turned into a valid body by `model`.
    #[derive(Debug, Clone)]
    struct RawBody {
        kind: usize,
        level: usize,
        parent: Option<usize>,
        from: u16,
        len: Option<u16>,
        moved: Option<(u16, usize)>,
        renamed: Option<u16>,
        end: (u8, usize, bool),
    }

    fn raw_body() -> impl Strategy<Value = RawBody> {
        (
            (
                0..5usize,
                0..4usize,
                proptest::option::weighted(0.8, 0..64usize),
            ),
            (0..3000u16, proptest::option::weighted(0.6, 1..3000u16)),
            proptest::option::weighted(0.3, (0..3000u16, 0..64usize)),
            proptest::option::weighted(0.2, 0..3000u16),
            (0..4u8, 0..64usize, any::<bool>()),
        )
            .prop_map(
                |((kind, level, parent), (from, len), moved, renamed, end)| RawBody {
                    kind,
                    level,
                    parent,
                    from,
                    len,
                    moved,
                    renamed,
                    end,
                },
            )
    }

    /// The brute-force model of a body: validity and parent segments as plain data.
    #[derive(Debug, Clone)]
    struct Model {
        code: String,
        kind: BodyKind,
        level: Level,
        from: NaiveDate,
        until: Option<NaiveDate>,
        parents: Vec<(NaiveDate, Option<usize>)>,
    }

    impl Model {
        fn active(&self, date: NaiveDate) -> bool {
            self.from <= date && self.until.is_none_or(|u| date < u)
        }

        fn parent_on(&self, date: NaiveDate) -> Option<usize> {
            if !self.active(date) {
                return None;
            }
            self.parents
                .iter()
                .rev()
                .find(|(start, _)| *start <= date)
                .and_then(|(_, p)| *p)
        }
    }

    fn base() -> NaiveDate {
        day(2000, 1, 1)
    }

    fn offset(days: u16) -> NaiveDate {
        base() + chrono::Days::new(u64::from(days))
    }

    const KINDS: [BodyKind; 5] = [
        BodyKind::PartyCommittee,
        BodyKind::PartyAdvisoryDepartment,
        BodyKind::PeoplesCommittee,
        BodyKind::PressAgency,
        BodyKind::Other,
    ];

    /// Turns raw numbers into bodies and changes that satisfy every registry invariant,
    /// and the model of the result.
    fn model(raw: &[RawBody]) -> (RegistryBuilder, Vec<Model>) {
        let mut models: Vec<Model> = Vec::new();
        for (i, r) in raw.iter().enumerate() {
            let mut from = offset(r.from);
            let mut until = r.len.map(|len| from + chrono::Days::new(u64::from(len)));
            let mut parent = r.parent.filter(|_| i > 0).map(|p| p % i);
            if let Some(p) = parent {
                let pm = &models[p];
                from = from.max(pm.from);
                if let Some(pu) = pm.until {
                    until = Some(until.map_or(pu, |u| u.min(pu)));
                }
                if until.is_some_and(|u| u <= from) {
                    parent = None;
                    from = offset(r.from);
                    until = r.len.map(|len| from + chrono::Days::new(u64::from(len)));
                }
            }
            let mut parents = vec![(from, parent)];
            if let Some((at, q)) = r.moved.filter(|_| i > 0) {
                let q = q % i;
                let span = until.map_or(3000, |u| (u - from).num_days());
                if span >= 2 {
                    let date = from + chrono::Days::new(1 + u64::from(at) % (span as u64 - 1));
                    let qm = &models[q];
                    let covers = qm.from <= date
                        && match (qm.until, until) {
                            (None, _) => true,
                            (Some(qu), Some(u)) => u <= qu,
                            (Some(_), None) => false,
                        };
                    if covers {
                        parents.push((date, Some(q)));
                    }
                }
            }
            models.push(Model {
                code: format!("B{i}"),
                kind: KINDS[r.kind],
                level: Level::ALL[r.level],
                from,
                until,
                parents,
            });
        }

        let mut builder = Registry::builder();
        let mut changes = Vec::new();
        for (i, (r, m)) in raw.iter().zip(&models).enumerate() {
            let mut b = Body::new(code(&m.code), m.code.as_str(), m.kind, m.level, m.from);
            if let Some((_, Some(p))) = m.parents.first() {
                b = b.with_parent(code(&models[*p].code));
            }
            for (date, p) in m.parents.iter().skip(1) {
                changes.push(Change::Move {
                    body: code(&m.code),
                    date: *date,
                    parent: p.map(|p| code(&models[p].code)),
                    provenance: None,
                });
            }
            if let Some(at) = r.renamed {
                let span = m.until.map_or(3000, |u| (u - m.from).num_days());
                if span >= 2 {
                    let date = m.from + chrono::Days::new(1 + u64::from(at) % (span as u64 - 1));
                    changes.push(Change::Rename {
                        body: code(&m.code),
                        date,
                        names: format!("{} renamed", m.code).into(),
                        provenance: None,
                    });
                }
            }
            let (how, pick, keep_until) = r.end;
            if let Some(u) = m.until {
                let candidates: Vec<usize> = (0..models.len())
                    .filter(|&j| j != i && models[j].active(u))
                    .collect();
                let successor =
                    (!candidates.is_empty()).then(|| candidates[pick % candidates.len()]);
                let by_change = match (how, successor) {
                    (0, _) => None,
                    (1, s) => Some(Change::Dissolve {
                        body: code(&m.code),
                        successor: s.map(|s| code(&models[s].code)),
                        date: u,
                        provenance: None,
                    }),
                    (2, Some(s)) => Some(Change::Merge {
                        bodies: vec![code(&m.code)],
                        into: code(&models[s].code),
                        date: u,
                        provenance: None,
                    }),
                    (_, Some(s)) => Some(Change::Split {
                        body: code(&m.code),
                        into: candidates
                            .iter()
                            .take(3)
                            .chain([&s])
                            .map(|&c| code(&models[c].code))
                            .collect::<std::collections::BTreeSet<_>>()
                            .into_iter()
                            .collect(),
                        heir: code(&models[s].code),
                        date: u,
                        provenance: None,
                    }),
                    (_, None) => None,
                };
                match by_change {
                    Some(change) => {
                        changes.push(change);
                        if keep_until {
                            b = b.with_until(u);
                        }
                    }
                    None => b = b.with_until(u),
                }
            }
            builder = builder.body(b);
        }
        (builder.changes(changes), models)
    }

    /// A selector over indices, turned into codes for a registry of `n` bodies.
    #[derive(Debug, Clone)]
    enum RawSel {
        Body(usize),
        Kind(usize),
        Level(usize),
        ChildrenOf(usize),
        DescendantsOf(usize),
        All(Vec<RawSel>),
        Any(Vec<RawSel>),
        Not(Box<RawSel>),
    }

    fn raw_sel() -> impl Strategy<Value = RawSel> {
        let leaf = prop_oneof![
            (0..64usize).prop_map(RawSel::Body),
            (0..5usize).prop_map(RawSel::Kind),
            (0..4usize).prop_map(RawSel::Level),
            (0..64usize).prop_map(RawSel::ChildrenOf),
            (0..64usize).prop_map(RawSel::DescendantsOf),
        ];
        leaf.prop_recursive(3, 16, 3, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..3).prop_map(RawSel::All),
                proptest::collection::vec(inner.clone(), 0..3).prop_map(RawSel::Any),
                inner.prop_map(|s| RawSel::Not(Box::new(s))),
            ]
        })
    }

    fn to_selector(raw: &RawSel, models: &[Model]) -> Selector {
        let n = models.len();
        let c = |i: usize| code(&models[i % n].code);
        match raw {
            RawSel::Body(i) => Selector::Body(c(*i)),
            RawSel::Kind(k) => Selector::Kind(KINDS[*k]),
            RawSel::Level(l) => Selector::Level(Level::ALL[*l]),
            RawSel::ChildrenOf(i) => Selector::ChildrenOf(c(*i)),
            RawSel::DescendantsOf(i) => Selector::DescendantsOf(c(*i)),
            RawSel::All(list) => {
                Selector::All(list.iter().map(|s| to_selector(s, models)).collect())
            }
            RawSel::Any(list) => {
                Selector::Any(list.iter().map(|s| to_selector(s, models)).collect())
            }
            RawSel::Not(s) => Selector::Not(Box::new(to_selector(s, models))),
        }
    }

    /// The brute-force meaning of a selector for body `i` on `date`.
    fn naive(raw: &RawSel, models: &[Model], i: usize, date: NaiveDate) -> bool {
        let n = models.len();
        let m = &models[i];
        if !m.active(date) {
            return false;
        }
        match raw {
            RawSel::Body(j) => j % n == i,
            RawSel::Kind(k) => m.kind == KINDS[*k],
            RawSel::Level(l) => m.level == Level::ALL[*l],
            RawSel::ChildrenOf(j) => m.parent_on(date) == Some(j % n),
            RawSel::DescendantsOf(j) => {
                let mut current = m.parent_on(date);
                let mut steps = 0;
                while let Some(p) = current {
                    if p == j % n {
                        return true;
                    }
                    steps += 1;
                    assert!(steps <= n, "parent cycle in the model");
                    current = models[p].parent_on(date);
                }
                false
            }
            RawSel::All(list) => list.iter().all(|s| naive(s, models, i, date)),
            RawSel::Any(list) => list.iter().any(|s| naive(s, models, i, date)),
            RawSel::Not(s) => !naive(s, models, i, date),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn select_equals_brute_force(
            raw in proptest::collection::vec(raw_body(), 1..40),
            sels in proptest::collection::vec(raw_sel(), 1..6),
            dates in proptest::collection::vec(0..6500u16, 1..6),
        ) {
            let (builder, models) = model(&raw);
            let registry = builder.build().unwrap();
            for days in &dates {
                let date = offset(*days);
                for raw_sel in &sels {
                    let selector = to_selector(raw_sel, &models);
                    let got = registry.select(&selector, date).unwrap();
                    let want: Vec<BodyId> = (0..models.len())
                        .filter(|&i| naive(raw_sel, &models, i, date))
                        .map(|i| registry.id(&models[i].code).unwrap())
                        .collect();
                    prop_assert_eq!(&got, &want, "{:?} on {}", selector, date);
                    for (i, m) in models.iter().enumerate() {
                        let id = registry.id(&m.code).unwrap();
                        prop_assert_eq!(
                            registry.matches(&selector, id, date).unwrap(),
                            naive(raw_sel, &models, i, date)
                        );
                    }
                }
            }
        }

        #[test]
        fn successions_terminate_at_active_bodies(
            raw in proptest::collection::vec(raw_body(), 1..40),
            dates in proptest::collection::vec(0..6500u16, 1..6),
        ) {
            let (builder, models) = model(&raw);
            let registry = builder.build().unwrap();
            for days in &dates {
                let date = offset(*days);
                for m in &models {
                    let id = registry.id(&m.code).unwrap();
                    let fast = registry.successor_on(id, date);
                    let chain = registry.succession_on(id, date);
                    prop_assert_eq!(fast, chain.as_ref().map(|c| c.body()));
                    if let Some(chain) = chain {
                        prop_assert!(registry.is_active_on(chain.body(), date));
                        prop_assert!(chain.steps().len() <= models.len());
                        let mut current = id;
                        for step in chain.steps() {
                            prop_assert_eq!(step.from(), current);
                            prop_assert!(step.date() <= date);
                            prop_assert!(!registry.is_active_on(step.from(), step.date()));
                            prop_assert!(registry.is_active_on(step.to(), step.date()));
                            current = step.to();
                        }
                        prop_assert_eq!(current, chain.body());
                    } else {
                        prop_assert!(!m.active(date));
                    }
                    if m.active(date) {
                        prop_assert_eq!(fast, Some(id));
                    }
                }
            }
        }

        #[test]
        fn active_bodies_have_active_parents(
            raw in proptest::collection::vec(raw_body(), 1..40),
            dates in proptest::collection::vec(0..6500u16, 1..8),
        ) {
            let (builder, models) = model(&raw);
            let registry = builder.build().unwrap();
            for days in &dates {
                let date = offset(*days);
                for (i, m) in models.iter().enumerate() {
                    let id = registry.id(&m.code).unwrap();
                    prop_assert_eq!(registry.is_active_on(id, date), m.active(date));
                    let parent = registry.parent_on(id, date);
                    prop_assert_eq!(parent, m.parent_on(date).map(|p| registry.id(&models[p].code).unwrap()));
                    if let Some(p) = parent {
                        prop_assert!(registry.is_active_on(p, date), "B{} on {}", i, date);
                    }
                    let children = registry.children_on(id, date);
                    let want: Vec<BodyId> = (0..models.len())
                        .filter(|&c| models[c].parent_on(date) == Some(i))
                        .map(|c| registry.id(&models[c].code).unwrap())
                        .collect();
                    prop_assert_eq!(children, want);
                }
            }
        }
    }

    #[cfg(feature = "serde")]
    proptest! {
        #[test]
        fn selectors_round_trip_through_json(raw_sel in raw_sel(), n in 1..64usize) {
            let models: Vec<Model> = (0..n)
                .map(|i| Model {
                    code: format!("B{i}"),
                    kind: BodyKind::Other,
                    level: Level::Province,
                    from: base(),
                    until: None,
                    parents: Vec::new(),
                })
                .collect();
            let selector = to_selector(&raw_sel, &models);
            let json = serde_json::to_string(&selector).unwrap();
            let back: Selector = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, selector);
        }
    }
}
