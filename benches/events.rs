//! Event logs: finding obligations by key (`Obligations::find`) in stores of 60 thousand,
//! 600 thousand and 6 million obligations, and loading a CSV event log of a million rows.
//!
//! The data comes from the yardstick's generator (`support/yardstick.rs`); the CSV log is
//! written in memory from its submissions.
//!
//! Times are the thread's time on a CPU (`/proc/thread-self/schedstat`, where Linux gives
//! it; wall-clock time elsewhere), so that a machine shared with other work does not add
//! the time the bench waits for a core. With the `parallel` feature the CSV loads are also
//! timed on every core (`events/load_csv/<shape>/<n>_threads`), in wall-clock time.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark fails loudly on unexpected errors"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use std::fmt::Write as _;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use directives::compliance::{EventId, EventLoader, Events};
use directives::obligation::{ObligationId, ObligationKey, Obligations};

#[path = "support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the integration test")]
mod yardstick;

/// The thread's time on a CPU so far, in nanoseconds, if Linux gives it.
fn cpu_nanos() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Runs `routine` `iters` times and gives the time on a CPU it took (wall-clock time
/// where the CPU time is not available).
fn timed(iters: u64, mut routine: impl FnMut()) -> Duration {
    let (cpu, wall) = (cpu_nanos(), Instant::now());
    for _ in 0..iters {
        routine();
    }
    match (cpu, cpu_nanos()) {
        (Some(start), Some(end)) => Duration::from_nanos(end.saturating_sub(start)),
        _ => wall.elapsed(),
    }
}

/// Looks up 100,000 keys spread over the store, in a scattered order.
fn bench_find(c: &mut Criterion) {
    let mut group = c.benchmark_group("obligations/find");
    group.sample_size(10);
    for n in [60_000u64, 600_000, 6_000_000] {
        let (obligations, _) = yardstick::generate(n);
        let len = u32::try_from(n).unwrap();
        let keys: Vec<(ObligationKey, ObligationId)> = (0..100_000u32)
            .map(|k| {
                let id = ObligationId::from_index((k.wrapping_mul(7_919) ^ (k >> 3)) % len);
                (obligations.key(id).unwrap(), id)
            })
            .collect();
        // The first look-up builds the index; build it outside the timing.
        assert_eq!(obligations.find(&keys[0].0), Some(keys[0].1));
        group.throughput(Throughput::Elements(keys.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &keys, |b, keys| {
            b.iter_custom(|iters| {
                timed(iters, || {
                    for (key, id) in keys {
                        assert_eq!(obligations.find(black_box(key)), Some(*id));
                    }
                })
            });
        });
    }
    group.finish();
}

/// The first `rows` events of a log as CSV, naming obligations by reference, in the
/// given order of rows.
fn csv_by_reference(obligations: &Obligations, events: &Events, order: &[u32]) -> String {
    let mut text = String::from("obligation,kind,date\n");
    for &i in order {
        let event = events.get(EventId::from_index(i)).unwrap();
        let key = obligations.key(event.obligation()).unwrap();
        writeln!(text, "{key},submitted,{}", event.date()).unwrap();
    }
    text
}

/// The same rows naming obligations by clause, requirement, body and period.
fn csv_by_place(obligations: &Obligations, events: &Events, order: &[u32]) -> String {
    let mut text = String::from("clause,requirement,body,period,kind,date\n");
    for &i in order {
        let event = events.get(EventId::from_index(i)).unwrap();
        let key = obligations.key(event.obligation()).unwrap();
        writeln!(
            text,
            "{},{},{},{},submitted,{}",
            key.clause().as_str(),
            key.requirement().number(),
            key.body(),
            key.period(),
            event.date()
        )
        .unwrap();
    }
    text
}

/// Loads a million event rows from CSV text in memory against the yardstick's million
/// obligations: rows in the generator's (obligation) order and in date order, by
/// reference and by place. The store's key index is built before timing (once per store).
fn bench_load_csv(c: &mut Criterion) {
    const ROWS: u32 = 1_000_000;
    let (obligations, events) = yardstick::generate(1_000_000);
    assert!(events.len() >= ROWS as usize);
    let in_order: Vec<u32> = (0..ROWS).collect();
    let mut by_date = in_order.clone();
    by_date.sort_by_key(|&i| (events.get(EventId::from_index(i)).unwrap().date(), i));
    let first = obligations.key(ObligationId::from_index(0)).unwrap();
    assert_eq!(obligations.find(&first), Some(ObligationId::from_index(0)));
    let mut group = c.benchmark_group("events/load_csv");
    group.sample_size(10);
    group.throughput(Throughput::Elements(u64::from(ROWS)));
    for (name, text) in [
        (
            "reference/obligation_order",
            csv_by_reference(&obligations, &events, &in_order),
        ),
        (
            "reference/date_order",
            csv_by_reference(&obligations, &events, &by_date),
        ),
        (
            "place/obligation_order",
            csv_by_place(&obligations, &events, &in_order),
        ),
    ] {
        let load = || {
            let loaded = EventLoader::new(&obligations)
                .csv(black_box(&text))
                .unwrap();
            assert_eq!(loaded.len(), ROWS as usize);
        };
        // With the `parallel` feature, the time on a CPU of one thread, then the wall
        // time on every core (the number of threads in the name).
        #[cfg(feature = "parallel")]
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        group.bench_function(name, |b| {
            #[cfg(feature = "parallel")]
            b.iter_custom(|iters| one.install(|| timed(iters, &load)));
            #[cfg(not(feature = "parallel"))]
            b.iter_custom(|iters| timed(iters, &load));
        });
        #[cfg(feature = "parallel")]
        group.bench_function(
            format!("{name}/{}_threads", rayon::current_num_threads()),
            |b| {
                b.iter_custom(|iters| {
                    let wall = Instant::now();
                    for _ in 0..iters {
                        load();
                    }
                    wall.elapsed()
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_find, bench_load_csv);
criterion_main!(benches);
