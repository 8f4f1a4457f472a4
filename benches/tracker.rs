//! The incremental tracker's update and query costs on the reporting-compliance
//! yardstick (1M obligations and their submissions, built in memory by the yardstick's
//! generator), with the events in date order as real logs have them, beside the batch
//! evaluation of the same events for the ratio.
//!
//! ```text
//! cargo bench --bench tracker
//! ```
//!
//! `examples/tracker_memory.rs` gives the tracker's memory for the same data.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark fails loudly on unexpected errors"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use directives::compliance::{
    EvaluationPolicy, Event, EventId, Events, Status, StatusCounts, Tracker, evaluate,
};
use directives::obligation::{ObligationId, Obligations};

#[path = "support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the integration test")]
mod yardstick;

/// The yardstick's as-of date.
fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
}

/// The yardstick's published totals for 1M obligations (on time, late, missing, not due).
const TOTALS_1M: [u64; 4] = [509_874, 151_892, 122_887, 215_347];

fn totals(counts: &StatusCounts) -> [u64; 4] {
    [
        counts.get(Status::DoneOnTime),
        counts.get(Status::DoneLate),
        counts.get(Status::OpenOverdue),
        counts.get(Status::OpenWithinDeadline),
    ]
}

/// The number of submissions that repeat an earlier one (same obligation and date),
/// which the tracker refuses.
fn duplicates(events: &[Event]) -> u64 {
    let mut seen = std::collections::HashSet::new();
    events
        .iter()
        .filter(|e| !seen.insert((e.obligation(), e.date())))
        .count() as u64
}

/// A tracker over `obligations` with `events` applied in order.
fn tracked(obligations: &Obligations, policy: &EvaluationPolicy, events: &[Event]) -> Tracker {
    let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
    for event in events {
        let _ = tracker.apply(event.clone());
    }
    tracker
}

fn bench_tracker(c: &mut Criterion) {
    let (obligations, generated) = yardstick::generate(1_000_000);
    let n = obligations.len() as u64;
    let policy = EvaluationPolicy::without_calendar();
    // The submissions in date order, as in the yardstick's CSV file.
    let mut by_date: Vec<Event> = (0..generated.len())
        .map(|i| generated.get(EventId::from_index(i as u32)).unwrap())
        .collect();
    by_date.sort_by_key(|e| (e.date(), e.obligation()));
    let mut log = Events::with_capacity(by_date.len());
    for event in &by_date {
        log.push(event.clone()).unwrap();
    }
    drop(generated);
    let kept = by_date.len() as u64 - duplicates(&by_date);

    let mut group = c.benchmark_group("tracker/date_order");
    group.sample_size(10);
    // The batch evaluation of the same events, for the ratio (per obligation).
    group.throughput(Throughput::Elements(n));
    group.bench_with_input(BenchmarkId::new("evaluate", n), &n, |b, _| {
        b.iter(|| {
            let evaluation =
                evaluate(black_box(&obligations), black_box(&log), as_of(), &policy).unwrap();
            assert_eq!(evaluation.statuses().len(), obligations.len());
            evaluation
        });
    });
    // Every event into a fresh tracker, in date order (per event); the construction is
    // outside the timing.
    group.throughput(Throughput::Elements(by_date.len() as u64));
    group.bench_with_input(BenchmarkId::new("apply", n), &n, |b, _| {
        b.iter_custom(|iters| {
            let mut elapsed = Duration::ZERO;
            for _ in 0..iters {
                let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
                let start = Instant::now();
                for event in &by_date {
                    let _ = black_box(tracker.apply(event.clone()));
                }
                elapsed += start.elapsed();
                assert_eq!(tracker.event_count() as u64, kept);
            }
            elapsed
        });
    });
    // The same events in one call (per event).
    group.bench_with_input(BenchmarkId::new("apply_all", n), &n, |b, _| {
        b.iter_custom(|iters| {
            let mut elapsed = Duration::ZERO;
            for _ in 0..iters {
                let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
                let start = Instant::now();
                let refused = black_box(tracker.apply_all(&by_date));
                elapsed += start.elapsed();
                assert_eq!(tracker.event_count() as u64, kept);
                assert_eq!(refused.len() as u64, by_date.len() as u64 - kept);
            }
            elapsed
        });
    });
    // The status of every obligation (per obligation), by directive: one sweep.
    let tracker = tracked(&obligations, &policy, &by_date);
    let directive = obligations.directives().next().unwrap().1.clone();
    group.throughput(Throughput::Elements(n));
    group.bench_with_input(BenchmarkId::new("status_all", n), &n, |b, _| {
        b.iter(|| {
            let counts = tracker
                .directive_counts(black_box(&directive), as_of())
                .unwrap();
            assert_eq!(totals(&counts), TOTALS_1M);
            counts
        });
    });
    group.sample_size(100);
    // One obligation at a time, in a scattered order (per obligation).
    group.throughput(Throughput::Elements(1));
    group.bench_with_input(BenchmarkId::new("status_one", n), &n, |b, _| {
        let mut k = 0u32;
        b.iter(|| {
            k = (k + 7919) % 1_000_000;
            tracker
                .status(ObligationId::from_index(k), as_of())
                .unwrap()
        });
    });
    // The counts of one body (about 1,000 obligations) per query.
    let codes: Vec<String> = (1..=1000).map(|k: u32| k.to_string()).collect();
    group.bench_with_input(BenchmarkId::new("holder_counts", n), &n, |b, _| {
        let mut k = 0usize;
        b.iter(|| {
            k = k % 1000 + 1;
            let counts = tracker.holder_counts(&codes[k - 1], as_of()).unwrap();
            assert!(counts.total() > 0);
            counts
        });
    });
    group.finish();
}

criterion_group!(benches, bench_tracker);
criterion_main!(benches);
