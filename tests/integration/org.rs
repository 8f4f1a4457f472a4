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
