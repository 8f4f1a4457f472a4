//! Benchmarks of the registry: `select` over a 10,000-body registry, succession
//! resolution by chain length, and building and loading registries whose cost must stay
//! linear (or n log n) on hostile shapes: moves on thousands of distinct dates, a merge of
//! n bodies, a split into n parts. The hostile groups sweep n; the time per element
//! (criterion's throughput) stays flat when the cost is linear.
//!
//! The registry is synthetic and shaped like a country's: provinces with their Party
//! organs, councils, committees, departments and mass organisations; districts with a
//! party committee and a people's committee, ended on 2025-07-01; communes under the
//! districts, merged three into one on 2025-07-01 under the province.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "benchmarks fail loudly on unexpected errors"
)]

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use directives::org::{Body, BodyCode, BodyKind, Change, Level, Registry, Selector};

const SIZE: usize = 10_000;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn code(text: &str) -> BodyCode {
    text.parse()
        .unwrap_or_else(|e| panic!("bad code {text}: {e}"))
}

struct Synthetic {
    bodies: Vec<Body>,
    changes: Vec<Change>,
}

impl Synthetic {
    fn full(&self) -> bool {
        self.bodies.len() >= SIZE
    }

    fn add(
        &mut self,
        text: &str,
        kind: BodyKind,
        level: Level,
        parent: Option<&str>,
        from: NaiveDate,
        until: Option<NaiveDate>,
    ) {
        let mut body = Body::new(code(text), text, kind, level, from);
        if let Some(parent) = parent {
            body = body.with_parent(code(parent));
        }
        if let Some(until) = until {
            body = body.with_until(until);
        }
        self.bodies.push(body);
    }
}

/// About 10,000 bodies (exactly `SIZE`), with the 2025 reorganisation.
fn synthetic() -> Registry {
    let start = day(2021, 1, 1);
    let early = day(2025, 1, 1);
    let reform = day(2025, 7, 1);
    let mut s = Synthetic {
        bodies: Vec::new(),
        changes: Vec::new(),
    };
    let mut p = 0;
    while !s.full() {
        let tu = format!("P{p}-TU");
        let ub = format!("P{p}-UBND");
        s.add(
            &tu,
            BodyKind::PartyCommittee,
            Level::Province,
            None,
            start,
            None,
        );
        s.add(
            &ub,
            BodyKind::PeoplesCommittee,
            Level::Province,
            None,
            start,
            None,
        );
        s.add(
            &format!("P{p}-HDND"),
            BodyKind::PeoplesCouncil,
            Level::Province,
            None,
            start,
            None,
        );
        s.add(
            &format!("P{p}-MTTQ"),
            BodyKind::FatherlandFront,
            Level::Province,
            None,
            start,
            None,
        );
        s.add(
            &format!("P{p}-BTV"),
            BodyKind::PartyStandingCommittee,
            Level::Province,
            Some(&tu),
            start,
            None,
        );
        for d in 0..5 {
            s.add(
                &format!("P{p}-BAN{d}"),
                BodyKind::PartyAdvisoryDepartment,
                Level::Province,
                Some(&tu),
                start,
                None,
            );
        }
        for d in 0..20 {
            s.add(
                &format!("P{p}-SO{d}"),
                BodyKind::DepartmentOrAgency,
                Level::Province,
                Some(&ub),
                start,
                None,
            );
        }
        for d in 0..5 {
            s.add(
                &format!("P{p}-DT{d}"),
                BodyKind::SocioPoliticalOrganisation,
                Level::Province,
                None,
                start,
                None,
            );
        }
        for h in 0..25 {
            if s.full() {
                break;
            }
            let hu = format!("P{p}-H{h}-HU");
            let hub = format!("P{p}-H{h}-UBND");
            s.add(
                &hu,
                BodyKind::PartyCommittee,
                Level::District,
                Some(&tu),
                start,
                None,
            );
            s.add(
                &hub,
                BodyKind::PeoplesCommittee,
                Level::District,
                Some(&ub),
                start,
                None,
            );
            // The last district merges into the first on 2025-01-01 (like Đông Sơn into
            // Thanh Hóa city), and its communes move there.
            let merged = h == 24;
            let (into_hu, into_hub) = (format!("P{p}-H0-HU"), format!("P{p}-H0-UBND"));
            if merged {
                s.changes.push(Change::Merge {
                    bodies: vec![code(&hu)],
                    into: code(&into_hu),
                    date: early,
                });
                s.changes.push(Change::Merge {
                    bodies: vec![code(&hub)],
                    into: code(&into_hub),
                    date: early,
                });
            } else {
                s.changes.push(Change::Dissolve {
                    body: code(&hu),
                    successor: Some(code(&tu)),
                    date: reform,
                });
                s.changes.push(Change::Dissolve {
                    body: code(&hub),
                    successor: Some(code(&ub)),
                    date: reform,
                });
            }
            for x in 0..5 {
                // One new commune from 2025-07-01 for three old ones.
                let new_du = format!("P{p}-H{h}-N{x}-DU");
                let new_ub = format!("P{p}-H{h}-N{x}-UBND");
                s.add(
                    &new_du,
                    BodyKind::PartyCommittee,
                    Level::Commune,
                    Some(&tu),
                    reform,
                    None,
                );
                s.add(
                    &new_ub,
                    BodyKind::PeoplesCommittee,
                    Level::Commune,
                    Some(&ub),
                    reform,
                    None,
                );
                for y in 0..3 {
                    if s.full() {
                        break;
                    }
                    let du = format!("P{p}-H{h}-X{x}{y}-DU");
                    let xub = format!("P{p}-H{h}-X{x}{y}-UBND");
                    s.add(
                        &du,
                        BodyKind::PartyCommittee,
                        Level::Commune,
                        Some(&hu),
                        start,
                        None,
                    );
                    s.add(
                        &xub,
                        BodyKind::PeoplesCommittee,
                        Level::Commune,
                        Some(&hub),
                        start,
                        None,
                    );
                    if merged {
                        s.changes.push(Change::Move {
                            body: code(&du),
                            date: early,
                            parent: Some(code(&into_hu)),
                        });
                        s.changes.push(Change::Move {
                            body: code(&xub),
                            date: early,
                            parent: Some(code(&into_hub)),
                        });
                    }
                    s.changes.push(Change::Merge {
                        bodies: vec![code(&du)],
                        into: code(&new_du),
                        date: reform,
                    });
                    s.changes.push(Change::Merge {
                        bodies: vec![code(&xub)],
                        into: code(&new_ub),
                        date: reform,
                    });
                }
            }
        }
        p += 1;
    }
    s.bodies.truncate(SIZE);
    let kept: std::collections::HashSet<BodyCode> =
        s.bodies.iter().map(|b| b.code().clone()).collect();
    s.changes.retain(|c| match c {
        Change::Dissolve { body, .. } => kept.contains(body),
        Change::Move { body, parent, .. } => {
            kept.contains(body) && parent.as_ref().is_none_or(|p| kept.contains(p))
        }
        Change::Merge { bodies, into, .. } => {
            bodies.iter().all(|b| kept.contains(b)) && kept.contains(into)
        }
        _ => true,
    });
    Registry::builder()
        .bodies(s.bodies)
        .changes(s.changes)
        .build()
        .unwrap_or_else(|e| panic!("synthetic registry: {e}"))
}

fn bench_select(c: &mut Criterion) {
    let registry = synthetic();
    assert_eq!(registry.len(), SIZE);
    let before = day(2024, 6, 30);
    let after = day(2025, 7, 2);
    let cases: Vec<(&str, Selector, NaiveDate)> = vec![
        (
            "district_party_committees",
            Selector::Kind(BodyKind::PartyCommittee) & Selector::Level(Level::District),
            before,
        ),
        (
            "descendants_of_province",
            Selector::DescendantsOf(code("P0-TU")),
            before,
        ),
        (
            "children_of_province_after_reform",
            Selector::ChildrenOf(code("P0-TU")),
            after,
        ),
        (
            "departments",
            Selector::ChildrenOf(code("P1-UBND")) & Selector::Kind(BodyKind::DepartmentOrAgency),
            before,
        ),
        (
            "communes_not_party",
            Selector::Level(Level::Commune) & !Selector::Kind(BodyKind::PartyCommittee),
            before,
        ),
        (
            "three_named_bodies",
            Selector::Body(code("P0-TU"))
                | Selector::Body(code("P1-BTV"))
                | Selector::Body(code("P2-MTTQ")),
            before,
        ),
        ("all_active", Selector::All(Vec::new()), after),
        (
            "narrow_body_and_level",
            Selector::Body(code("P5-H3-X12-DU")) & Selector::Level(Level::Commune),
            before,
        ),
        (
            "narrow_body_and_kind",
            Selector::Body(code("P5-H3-X12-UBND")) & Selector::Kind(BodyKind::PeoplesCommittee),
            before,
        ),
        (
            "narrow_body_and_descendants",
            Selector::Body(code("P5-H3-X12-DU")) & Selector::DescendantsOf(code("P5-TU")),
            before,
        ),
    ];
    let mut group = c.benchmark_group("org/select");
    for (name, selector, date) in &cases {
        let expected = registry
            .select(selector, *date)
            .map(|ids| ids.len())
            .unwrap_or(0);
        assert!(expected > 0, "{name} selects nothing");
        group.throughput(Throughput::Elements(expected as u64));
        group.bench_with_input(
            BenchmarkId::new(*name, expected),
            selector,
            |b, selector| {
                b.iter(|| {
                    let ids = registry.select(black_box(selector), black_box(*date));
                    assert_eq!(ids.map(|ids| ids.len()).unwrap_or(0), expected);
                });
            },
        );
    }
    group.finish();
}

fn bench_successor(c: &mut Criterion) {
    let registry = synthetic();
    let after = day(2025, 7, 2);
    let mut group = c.benchmark_group("org/successor_on");
    // Chain lengths 0 (active), 1 (a district party committee, an old commune), 2 (a
    // district merged into another before the district level ended).
    for (name, text, chain) in [
        ("merged_district", "P0-H24-HU", 2),
        ("active", "P0-TU", 0),
        ("district", "P0-H3-HU", 1),
        ("commune", "P0-H3-X21-DU", 1),
    ] {
        let id = registry.id(text).unwrap_or_else(|| panic!("no {text}"));
        let chain_len = registry.succession_on(id, after).map(|s| s.steps().len());
        assert_eq!(chain_len, Some(chain));
        group.bench_function(BenchmarkId::new(name, chain), |b| {
            b.iter(|| {
                let s = registry.successor_on(black_box(id), black_box(after));
                assert!(s.is_some());
            });
        });
        group.bench_function(BenchmarkId::new(format!("{name}_with_chain"), chain), |b| {
            b.iter(|| {
                let s = registry.succession_on(black_box(id), black_box(after));
                assert_eq!(s.map(|s| s.steps().len()), Some(chain));
            });
        });
    }
    group.finish();
}

fn bench_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("org/build");
    group.sample_size(10);
    group.bench_function("synthetic_10000", |b| {
        b.iter(|| black_box(synthetic()).len())
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

/// `n` bodies under two roots, each moved to the other root on its own date: `n` distinct
/// move dates.
fn moves_on_distinct_dates(n: u64) -> (Vec<Body>, Vec<Change>) {
    let from = day(2000, 1, 1);
    let root = |text: &str| Body::new(code(text), text, BodyKind::Other, Level::Province, from);
    let mut bodies = vec![root("R0"), root("R1")];
    let mut changes = Vec::new();
    for i in 0..n {
        let name = format!("C{i}");
        let (first, second) = if i % 2 == 0 {
            ("R0", "R1")
        } else {
            ("R1", "R0")
        };
        bodies.push(
            Body::new(
                code(&name),
                name.as_str(),
                BodyKind::Other,
                Level::District,
                from,
            )
            .with_parent(code(first)),
        );
        changes.push(Change::Move {
            body: code(&name),
            date: day(2001, 1, 1) + chrono::Days::new(i),
            parent: Some(code(second)),
        });
    }
    (bodies, changes)
}

/// `n` bodies merged into one on one date, and one body split into those `n`.
fn merge_and_split(n: u64) -> (Vec<Body>, Vec<Change>) {
    let from = day(2000, 1, 1);
    let one = |text: &str| Body::new(code(text), text, BodyKind::Other, Level::Commune, from);
    let names: Vec<BodyCode> = (0..n).map(|i| code(&format!("M{i}"))).collect();
    let mut bodies: Vec<Body> = names.iter().map(|c| one(c.as_str())).collect();
    bodies.push(one("INTO"));
    bodies.push(one("WHOLE"));
    let changes = vec![
        Change::Split {
            body: code("WHOLE"),
            into: names.clone(),
            heir: names.first().cloned().unwrap_or_else(|| code("INTO")),
            date: day(2010, 1, 1),
        },
        Change::Merge {
            bodies: names,
            into: code("INTO"),
            date: day(2020, 1, 1),
        },
    ];
    (bodies, changes)
}

fn bench_hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("org/build/moves_on_distinct_dates");
    group.sample_size(10);
    for n in [1_000u64, 4_000, 16_000] {
        let (bodies, changes) = moves_on_distinct_dates(n);
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let registry = Registry::builder()
                    .bodies(bodies.iter().cloned())
                    .changes(changes.iter().cloned())
                    .build()
                    .unwrap();
                assert_eq!(registry.len() as u64, n + 2);
            });
        });
    }
    group.finish();

    #[cfg(feature = "serde")]
    bench_load_toml(c);

    let mut group = c.benchmark_group("org/build/merge_and_split");
    group.sample_size(10);
    for n in [1_000u64, 10_000, 100_000] {
        let (bodies, changes) = merge_and_split(n);
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let registry = Registry::builder()
                    .bodies(bodies.iter().cloned())
                    .changes(changes.iter().cloned())
                    .build()
                    .unwrap();
                assert_eq!(registry.len() as u64, n + 2);
            });
        });
    }
    group.finish();
}

/// Loading the moves from TOML (feature `serde`).
#[cfg(feature = "serde")]
fn bench_load_toml(c: &mut Criterion) {
    let mut group = c.benchmark_group("org/load_toml/moves_on_distinct_dates");
    group.sample_size(10);
    for n in [1_000u64, 4_000, 16_000] {
        let (bodies, changes) = moves_on_distinct_dates(n);
        let text = Registry::builder()
            .bodies(bodies)
            .changes(changes)
            .build()
            .unwrap()
            .to_toml_string()
            .unwrap();
        eprintln!("{n} moves: {} bytes of TOML", text.len());
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| {
                let registry = Registry::from_toml_str(black_box(text)).unwrap();
                assert_eq!(registry.changes().len() as u64, n);
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_select, bench_successor, bench_build, bench_hostile
}
criterion_main!(benches);
