//! The memory a `Tracker` holds, against the stores of the same data.
//!
//! Builds the reporting-compliance yardstick in memory (default 1M obligations and their
//! submissions; see `benches/support/yardstick.rs`), counts the bytes the stores hold
//! (`Obligations` and an `Events` log of the submissions in date order), then applies the
//! submissions in date order to a `Tracker` (which owns a copy of the obligations and its
//! own log) and counts the bytes it holds, once growing as events come and once with
//! room reserved ahead (`Tracker::reserve`). A counting allocator gives the figures.
//!
//! ```text
//! cargo run --release --example tracker_memory -- 1000000
//! ```

use std::alloc::System;
use std::time::Instant;

use cap::Cap;
use directives::compliance::{EvaluationPolicy, Event, EventId, Events, Tracker};

#[path = "../benches/support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the benches")]
mod yardstick;

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// Bytes held by the allocator now.
fn held() -> usize {
    ALLOCATOR.allocated()
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
    for reserve in [false, true] {
        let before = held();
        let mut tracker = Tracker::new(obligations.clone(), policy.clone())?;
        if reserve {
            tracker.reserve(by_date.len());
        }
        let start = Instant::now();
        let mut refused = 0usize;
        for event in &by_date {
            refused += usize::from(tracker.apply(event.clone()).is_err());
        }
        let elapsed = start.elapsed();
        let bytes = held() - before;
        println!(
            "tracker{}: {:.1} MiB ({:.2}x the stores; {:.1} bytes an obligation and event \
             beyond them), {} events applied ({refused} refused as copies) in {:.0} ns each",
            if reserve { " with room reserved" } else { "" },
            mib(bytes),
            bytes as f64 / stores as f64,
            (bytes as f64 - stores as f64) / (n as f64 + by_date.len() as f64),
            tracker.event_count(),
            elapsed.as_secs_f64() * 1e9 / by_date.len() as f64,
        );
    }
    Ok(())
}
