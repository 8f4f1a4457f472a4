//! Evaluation speed on the reporting-compliance yardstick (1M and 10M obligations built
//! in memory by the yardstick's generator); `benches/tracker.rs` has the tracker's.
//!
//! The generated data is checked once against the published totals before timing.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark fails loudly on unexpected errors"
)]

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use directives::compliance::{EvaluationPolicy, Status, StatusCounts, Workspace, evaluate};

#[path = "support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the integration test")]
mod yardstick;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
}

/// The published totals (on_time, late, missing, not_due) for a generated size, read
/// from `expected_10m.csv` when it is at hand, else the bench README's figures; none for
/// other sizes (the two orders are then checked against each other).
fn published_totals(n: u64) -> Option<[u64; 4]> {
    let from_file = |name: &str| -> Option<[u64; 4]> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/").to_owned() + name;
        let text = std::fs::read_to_string(path).ok()?;
        let mut totals = [0u64; 4];
        for line in text.lines().skip(1) {
            let mut fields = line.split(',').skip(1);
            let status = fields.next()?;
            let count: u64 = fields.next()?.parse().ok()?;
            let slot = ["on_time", "late", "missing", "not_due"]
                .iter()
                .position(|&s| s == status)?;
            totals[slot] += count;
        }
        Some(totals)
    };
    match n {
        1_000_000 => {
            Some(from_file("expected_1m.csv").unwrap_or([509_874, 151_892, 122_887, 215_347]))
        }
        10_000_000 => Some(
            from_file("expected_10m.csv").unwrap_or([5_103_400, 1_517_502, 1_230_356, 2_148_742]),
        ),
        _ => None,
    }
}

fn totals(statuses: &[Status]) -> [u64; 4] {
    let mut counts = StatusCounts::default();
    for &s in statuses {
        counts.add(s);
    }
    [
        counts.get(Status::DoneOnTime),
        counts.get(Status::DoneLate),
        counts.get(Status::OpenOverdue),
        counts.get(Status::OpenWithinDeadline),
    ]
}

/// The sizes to generate: `DIRECTIVES_BENCH_SIZES` (comma-separated obligation counts),
/// else 1M only, so that a run stays quick; e.g.
/// `DIRECTIVES_BENCH_SIZES=1000000,10000000,50000000 cargo bench --bench evaluate`.
fn sizes() -> Vec<u64> {
    match std::env::var("DIRECTIVES_BENCH_SIZES") {
        Ok(text) => text
            .split(',')
            .map(|s| {
                s.trim()
                    .parse()
                    .expect("obligation counts separated by commas")
            })
            .collect(),
        Err(_) => vec![1_000_000],
    }
}

/// Times `evaluate` on `n` obligations, first with events in obligation order, then in
/// date order (the order real logs have), one-shot and in a reused `Workspace`; one set of
/// stores in memory at a time.
fn bench_evaluate(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate/yardstick");
    group.sample_size(10);
    let policy = EvaluationPolicy::without_calendar();
    for n in sizes() {
        let mut reference = None;
        for (order, generate) in [
            ("obligation_order", yardstick::generate as fn(u64) -> _),
            ("date_order", yardstick::generate_by_date),
        ] {
            let start = Instant::now();
            let (obligations, events) = generate(n);
            let built = start.elapsed();
            let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
            let got = totals(evaluation.statuses());
            drop(evaluation);
            match published_totals(n) {
                Some(expected) => assert_eq!(got, expected, "generator drifted"),
                None => assert_eq!(*reference.get_or_insert(got), got, "orders disagree"),
            }
            eprintln!(
                "generated {n} obligations and {} events in {order} in {built:.2?}",
                events.len()
            );
            group.throughput(Throughput::Elements(n));
            group.bench_with_input(BenchmarkId::new(order, n), &n, |b, _| {
                b.iter(|| {
                    let evaluation = evaluate(
                        black_box(&obligations),
                        black_box(&events),
                        as_of(),
                        &policy,
                    )
                    .unwrap();
                    assert_eq!(evaluation.statuses().len(), obligations.len());
                    evaluation
                });
            });
            // The same evaluation in one reused workspace (`{order}_reused`), as a daily
            // report runs: no fresh memory after the first call. The plain ids above are
            // one-shot `evaluate` calls.
            let mut workspace = Some(Workspace::new());
            group.bench_with_input(
                BenchmarkId::new(format!("{order}_reused"), n),
                &n,
                |b, _| {
                    b.iter(|| {
                        let evaluation = workspace
                            .take()
                            .unwrap()
                            .evaluate(
                                black_box(&obligations),
                                black_box(&events),
                                as_of(),
                                &policy,
                            )
                            .unwrap();
                        assert_eq!(evaluation.statuses().len(), obligations.len());
                        workspace = Some(evaluation.into_workspace());
                    });
                },
            );
            drop(workspace);
            // Both cores against one: the same evaluation in a one-thread pool.
            #[cfg(feature = "parallel")]
            {
                let one = rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .build()
                    .unwrap();
                group.bench_with_input(
                    BenchmarkId::new(format!("{order}_one_thread"), n),
                    &n,
                    |b, _| {
                        b.iter(|| {
                            one.install(|| {
                                let evaluation = evaluate(
                                    black_box(&obligations),
                                    black_box(&events),
                                    as_of(),
                                    &policy,
                                )
                                .unwrap();
                                evaluation.statuses().len()
                            })
                        });
                    },
                );
            }
        }
    }
    // The bound on early events (`EvaluationPolicy::early_event_days`) costs one pass over
    // the obligations' slots; without it, that pass is skipped.
    let (obligations, events) = yardstick::generate(1_000_000);
    let unbounded = EvaluationPolicy::without_calendar().with_early_event_days(None);
    let n = obligations.len() as u64;
    group.throughput(Throughput::Elements(n));
    group.bench_with_input(BenchmarkId::new("without_early_bound", n), &n, |b, _| {
        b.iter(|| {
            let evaluation = evaluate(
                black_box(&obligations),
                black_box(&events),
                as_of(),
                &unbounded,
            )
            .unwrap();
            assert_eq!(evaluation.statuses().len(), obligations.len());
            evaluation
        });
    });
    drop((obligations, events));
    // Statuses plus everything resolved on first request: the deciding event of every
    // obligation and the duplicate checks (one more pass over the events).
    let (obligations, by_date) = yardstick::generate_by_date(1_000_000);
    group.bench_with_input(
        BenchmarkId::new("date_order_with_diagnostics", n),
        &n,
        |b, _| {
            b.iter(|| {
                let evaluation = evaluate(
                    black_box(&obligations),
                    black_box(&by_date),
                    as_of(),
                    &policy,
                )
                .unwrap();
                assert!(!evaluation.diagnostics().is_empty());
                evaluation
            });
        },
    );
    group.finish();
}

criterion_group!(benches, bench_evaluate);
criterion_main!(benches);
