//! Bytes per obligation and per event of the stores and of an evaluation, on the
//! yardstick's generator with its submissions in date order, from the process's resident
//! memory (`/proc/self/status`: `VmRSS`, and `VmHWM` for the peak, reset before
//! evaluating through `/proc/self/clear_refs`). Linux only.
//!
//! ```text
//! cargo run --release --example evaluate_memory -- 1000000 10000000
//! ```
//!
//! For each size it prints the obligation store per obligation and the event log per
//! event, the evaluation kept (statuses and earliest-event slots) per obligation, its
//! working memory (the peak above the stores while `evaluate` runs) per event, and the
//! time taken. Memory freed goes back to the system only in part, so each size is best
//! measured in a process of its own.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "an example program fails loudly on unexpected errors"
)]

use std::time::Instant;

use chrono::NaiveDate;
use directives::compliance::{EvaluationPolicy, evaluate};

#[path = "../benches/support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the benches and tests")]
mod yardstick;

/// A field of `/proc/self/status` in bytes.
fn status_bytes(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .expect("the field");
    let kib: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|k| k.parse().ok())
        .expect("a number of kB");
    kib * 1024
}

fn live() -> usize {
    status_bytes("VmRSS:")
}

/// The peak resident memory since the last reset.
fn peak() -> usize {
    status_bytes("VmHWM:")
}

/// Resets the peak to the current resident memory.
fn reset_peak() {
    std::fs::write("/proc/self/clear_refs", "5").expect("clear_refs");
}

fn main() {
    let sizes: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("obligation counts"))
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000_000, 10_000_000]
    } else {
        sizes
    };
    let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let policy = EvaluationPolicy::without_calendar();
    println!(
        "obligations,events,obligation_store_bytes_per_obligation,event_log_bytes_per_event,\
         stores_bytes_per_obligation,evaluation_bytes_per_obligation,\
         evaluation_peak_bytes_per_event,evaluate_ms"
    );
    for n in sizes {
        let base = live();
        let (obligations, events) = yardstick::generate_by_date(n);
        let stores = live().saturating_sub(base);
        reset_peak();
        let start = Instant::now();
        let evaluation = evaluate(&obligations, &events, as_of, &policy).unwrap();
        let took = start.elapsed();
        let peak = peak().saturating_sub(base + stores);
        let kept = live().saturating_sub(base + stores);
        drop(evaluation);
        let rows = events.len();
        let before = live();
        drop(events);
        let event_log = before.saturating_sub(live());
        let obligation_store = live().saturating_sub(base);
        drop(obligations);
        let per = |bytes: usize, count: usize| bytes as f64 / count as f64;
        let n = usize::try_from(n).unwrap();
        println!(
            "{n},{rows},{:.1},{:.1},{:.1},{:.1},{:.1},{:.0}",
            per(obligation_store, n),
            per(event_log, rows),
            per(stores, n),
            per(kept, n),
            per(peak, rows),
            took.as_secs_f64() * 1000.0,
        );
    }
}
