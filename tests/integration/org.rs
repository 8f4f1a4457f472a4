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
    assert_eq!(err, OrgError::DuplicateCode { code: code("A") });
    assert_eq!(err.to_string(), "duplicate body code `A`");
}

#[test]
fn dangling_parent() {
    let err = build_err(Registry::builder().body(other("A", Some("Z"))));
    assert_eq!(
        err.to_string(),
        "body `A` names parent `Z`, which is not in the registry"
    );
}

#[test]
fn empty_validity() {
    let err = build_err(Registry::builder().body(other("A", None).with_until(day(2000, 1, 1))));
    assert_eq!(
        err.to_string(),
        "body `A` has an empty validity: from 2000-01-01 until 2000-01-01"
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
    assert_eq!(err.to_string(), "parent cycle: `A` → `C` → `B` → `A`");
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
            })
            .change(Change::Dissolve {
                body: code("B"),
                successor: Some(code("A")),
                date: day(2011, 1, 1),
            }),
    );
    assert_eq!(err.to_string(), "succession cycle: `A` → `B` → `A`");
}

#[test]
fn successor_not_active_on_the_date() {
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
            }),
    );
    assert_eq!(
        err,
        OrgError::SuccessorNotActive {
            code: code("A"),
            successor: code("B"),
            change: ChangeKind::Merge,
            date: day(2019, 6, 1),
        }
    );
    assert_eq!(
        err.to_string(),
        "successor `B` of `A` is not active on 2019-06-01, the date of the merge"
    );
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
            }),
    );
    assert_eq!(
        err.to_string(),
        "dissolve on 2010-01-01 names body `X`, which is not in the registry"
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
            }),
    );
    assert_eq!(
        err.to_string(),
        "body `A` ends twice: on 2010-01-01 and by a dissolve on 2011-01-01"
    );
    // The same date is one end, given twice.
    Registry::builder()
        .body(other("A", None).with_until(day(2010, 1, 1)))
        .change(Change::Dissolve {
            body: code("A"),
            successor: None,
            date: day(2010, 1, 1),
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
        "body `C` is active on 2025-07-01 but its parent `P` is not"
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
            }),
    );
    assert_eq!(
        err.to_string(),
        "rename of `A` on 2010-01-01 is outside its validity"
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
            }),
    );
    assert_eq!(
        err.to_string(),
        "split of `A` on 2010-01-01 is malformed: the heir is not one of the parts"
    );
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
        })
        .change(Change::Merge {
            bodies: vec![code("EAST"), code("WEST")],
            into: code("TOP"),
            date: day(2020, 1, 1),
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
            registry.name_on(bdv, issued).unwrap().vi(),
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
            ["TH-DD-HDND", "TH-DD-MTTQ", "TH-BCS-UBND"]
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
        assert_eq!(err.to_string(), "duplicate body code `TU`");
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
