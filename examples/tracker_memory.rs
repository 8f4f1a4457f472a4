//! The memory a `Tracker` holds, against the stores of the same data.
//!
//! Builds the reporting-compliance yardstick in memory (default 1M obligations and their
//! submissions; see `benches/support/yardstick.rs`), counts the bytes the stores hold
//! (`Obligations` and an `Events` log of the submissions in date order), then applies the
//! submissions in date order to a `Tracker` (which owns a copy of the obligations and its
//! own log) and counts the bytes it holds, once growing as events come and once with
//! room reserved ahead (`Tracker::reserve`). A counting allocator gives the figures.
//!
//! It also times, in the process's CPU time (from `/proc/self/stat`, so that a busy
//! machine disturbs the figures less than wall time would), applying the events, the
//! same events in one call (`Tracker::apply_all`), the status of every obligation from
//! the tracker, and the batch `evaluate` of the same
//! events, per event and per obligation; `benches/tracker.rs` times the same in criterion.
//!
//! ```text
//! cargo run --release --example tracker_memory -- 1000000
//! ```

#![allow(
    clippy::expect_used,
    reason = "the shared generator fails loudly on its own constants"
)]

use std::alloc::System;
use std::time::Instant;

use cap::Cap;
use directives::compliance::{EvaluationPolicy, Event, EventId, Events, Tracker, evaluate};

#[path = "../benches/support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the benches")]
mod yardstick;

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// Bytes held by the allocator now.
fn held() -> usize {
    ALLOCATOR.allocated()
}

/// The process's CPU time in seconds (user and system), where Linux tells it.
fn cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which is in parentheses): utime and stime are
    // the 12th and 13th, in clock ticks of 1/100 s.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Nanoseconds per item of the wall and CPU time since `(wall, cpu)`.
fn per(since: (Instant, Option<f64>), items: usize) -> String {
    let wall = since.0.elapsed().as_secs_f64() * 1e9 / items as f64;
    match (since.1, cpu()) {
        (Some(a), Some(b)) => format!(
            "{wall:.0} ns wall, {:.0} ns CPU",
            (b - a) * 1e9 / items as f64
        ),
        _ => format!("{wall:.0} ns wall"),
    }
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: u64 = std::env::args()
        .nth(1)
        .map_or(Ok(1_000_000), |a| a.parse())?;
    let (obligations, generated) = yardstick::generate(n);
    let mut by_date: Vec<Event> = (0..generated.len())
        .map(|i| {
            generated
                .get(EventId::from_index(u32::try_from(i).unwrap_or(u32::MAX)))
                .ok_or("event")
        })
        .collect::<Result<_, _>>()?;
    drop(generated);
    by_date.sort_by_key(|e| (e.date(), e.obligation()));

    // The stores: a copy of the obligations, and the submissions as one log.
    let before = held();
    let copy = obligations.clone();
    let obligation_bytes = held() - before;
    drop(copy);
    let before = held();
    let mut log = Events::with_capacity(by_date.len());
    for event in &by_date {
        log.push(event.clone())?;
    }
    let log_bytes = held() - before;
    drop(log);
    let stores = obligation_bytes + log_bytes;
    println!(
        "{n} obligations, {} events: stores {:.1} MiB (obligations {:.1}, events {:.1})",
        by_date.len(),
        mib(stores),
        mib(obligation_bytes),
        mib(log_bytes)
    );

    let policy = EvaluationPolicy::without_calendar();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    let mut last = None;
    for reserve in [false, true] {
        let before = held();
        let mut tracker = Tracker::new(obligations.clone(), policy.clone())?;
        if reserve {
            tracker.reserve(by_date.len());
        }
        let start = (Instant::now(), cpu());
        let mut refused = 0usize;
        for event in &by_date {
            refused += usize::from(tracker.apply(event.clone()).is_err());
        }
        let applied = per(start, by_date.len());
        let bytes = held() - before;
        println!(
            "tracker{}: {:.1} MiB ({:.2}x the stores; {:.1} bytes an obligation and event \
             beyond them); {} events applied ({refused} refused as copies), {applied} each",
            if reserve { " with room reserved" } else { "" },
            mib(bytes),
            bytes as f64 / stores as f64,
            (bytes as f64 - stores as f64) / (n as f64 + by_date.len() as f64),
            tracker.event_count(),
        );
        last = Some(tracker);
    }
    let tracker = last.ok_or("tracker")?;
    let mut batch = Tracker::new(obligations.clone(), policy.clone())?;
    let start = (Instant::now(), cpu());
    let refused = batch.apply_all(&by_date);
    println!(
        "apply_all: {} events applied ({} refused as copies), {} each",
        batch.event_count(),
        refused.len(),
        per(start, by_date.len())
    );
    drop(batch);
    let directive = obligations
        .directives()
        .next()
        .ok_or("directive")?
        .1
        .clone();
    let start = (Instant::now(), cpu());
    let counts = tracker.directive_counts(&directive, as_of)?;
    println!(
        "status of every obligation: {} each ({} obligations)",
        per(start, counts.total() as usize),
        counts.total()
    );
    let mut log = Events::with_capacity(by_date.len());
    for event in &by_date {
        log.push(event.clone())?;
    }
    let start = (Instant::now(), cpu());
    let evaluation = evaluate(&obligations, &log, as_of, &policy)?;
    println!(
        "evaluate, for the ratio: {} each",
        per(start, evaluation.statuses().len())
    );
    Ok(())
}
