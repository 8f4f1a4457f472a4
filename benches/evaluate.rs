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
use directives::compliance::{
    EvaluationPolicy, Event, EventId, Events, Status, StatusCounts, evaluate,
};

#[path = "support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the integration test")]
mod yardstick;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
}

/// The published totals (on_time, late, missing, not_due) for a generated size, read
/// from `expected_10m.csv` when it is at hand, else the bench README's figures.
fn expected_totals(n: u64) -> [u64; 4] {
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
        1_000_000 => from_file("expected_1m.csv").unwrap_or([509_874, 151_892, 122_887, 215_347]),
        10_000_000 => {
            from_file("expected_10m.csv").unwrap_or([5_103_400, 1_517_502, 1_230_356, 2_148_742])
        }
        _ => panic!("no published totals for {n}"),
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

fn bench_evaluate(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate/yardstick");
    let policy = EvaluationPolicy::without_calendar();
    for n in [1_000_000u64, 10_000_000] {
        let start = Instant::now();
        let (obligations, events) = yardstick::generate(n);
        let built = start.elapsed();
        let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
        assert_eq!(
            totals(evaluation.statuses()),
            expected_totals(n),
            "generator drifted"
        );
        drop(evaluation);
        eprintln!(
            "generated {n} obligations and {} events in {built:.2?}",
            events.len()
        );
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
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
    // The same 1M obligations with their submissions in date order, as in the CSV files:
    // the evaluator then visits obligations in random order.
    let (obligations, events) = yardstick::generate(1_000_000);
    let mut all: Vec<Event> = (0..events.len())
        .map(|i| events.get(EventId::from_index(i as u32)).unwrap())
        .collect();
    all.sort_by_key(|e| (e.date(), e.obligation()));
    let mut by_date = Events::with_capacity(all.len());
    for event in all {
        by_date.push(event).unwrap();
    }
    let n = obligations.len() as u64;
    group.throughput(Throughput::Elements(n));
    // Statuses plus everything resolved on first request: the deciding event of every
    // obligation and the duplicate checks (one more pass over the events).
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
    group.bench_with_input(BenchmarkId::new("date_order", n), &n, |b, _| {
        b.iter(|| {
            let evaluation = evaluate(
                black_box(&obligations),
                black_box(&by_date),
                as_of(),
                &policy,
            )
            .unwrap();
            assert_eq!(evaluation.statuses().len(), obligations.len());
            evaluation
        });
    });
    group.finish();
}

criterion_group!(benches, bench_evaluate);
criterion_main!(benches);
