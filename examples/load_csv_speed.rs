//! The event loader's speed on CSV: a million rows from the yardstick's generator, written
//! in memory as the bench `events/load_csv` writes them, loaded `REPS` times by
//! `EventLoader::csv`; the thread's CPU time per row is printed (Linux; wall time
//! elsewhere).
//!
//! ```text
//! cargo run --release --features csv --example load_csv_speed -- reference/obligation_order 5
//! ```
//!
//! The first argument is the log's shape: `reference/obligation_order`,
//! `reference/date_order` or `place/obligation_order`; the second is `REPS` (0 builds the
//! data only, so that `valgrind --tool=callgrind` on a run with `REPS` and on one with 0
//! gives the instructions of the loads alone); an optional third is the number of rows
//! (a million when not given).
//!
//! With the `parallel` feature the loads are timed twice: `REPS` loads on a pool of one
//! thread (the thread's CPU time), then `REPS` loads on rayon's pool of every core (wall
//! time, with the number of threads). Count instructions on a build without it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "an example program fails loudly on unexpected errors"
)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

use directives::compliance::{EventId, EventLoader, Events};
use directives::obligation::{ObligationId, Obligations};

#[path = "../benches/support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the benches and tests")]
mod yardstick;

/// The rows of the log when not given.
const ROWS: u32 = 1_000_000;

/// The thread's time on a CPU so far, in nanoseconds, if Linux gives it.
fn cpu_nanos() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// The log as CSV in the given order of rows: by reference, or by clause, requirement,
/// body and period.
fn csv(obligations: &Obligations, events: &Events, order: &[u32], by_place: bool) -> String {
    let mut text = String::from(if by_place {
        "clause,requirement,body,period,kind,date\n"
    } else {
        "obligation,kind,date\n"
    });
    for &i in order {
        let event = events.get(EventId::from_index(i)).unwrap();
        let key = obligations.key(event.obligation()).unwrap();
        if by_place {
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
        } else {
            writeln!(text, "{key},submitted,{}", event.date()).unwrap();
        }
    }
    text
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (shape, reps, rows) = match args.as_slice() {
        [_, shape, reps] => (shape, reps, ROWS),
        [_, shape, reps, rows] => (shape, reps, rows.parse().expect("ROWS is a number")),
        _ => panic!("usage: load_csv_speed SHAPE REPS [ROWS]"),
    };
    let reps: u32 = reps.parse().expect("REPS is a number");
    let (obligations, events) = yardstick::generate(u64::from(rows));
    // The first `rows` of the generated events (about 1.18 an obligation).
    let mut order: Vec<u32> = (0..rows).collect();
    let (by_place, by_date) = match shape.as_str() {
        "reference/obligation_order" => (false, false),
        "reference/date_order" => (false, true),
        "place/obligation_order" => (true, false),
        _ => panic!("unknown shape `{shape}`"),
    };
    if by_date {
        let dates: Vec<_> = order
            .iter()
            .map(|&i| events.get(EventId::from_index(i)).unwrap().date())
            .collect();
        order.sort_by_key(|&i| (dates[i as usize], i));
    }
    let text = csv(&obligations, &events, &order, by_place);
    // The first look-up builds the store's key index: outside the timing, as in the bench.
    let first = obligations.key(ObligationId::from_index(0)).unwrap();
    assert_eq!(obligations.find(&first), Some(ObligationId::from_index(0)));
    let per_row = |nanos: f64| nanos / f64::from(reps.max(1)) / f64::from(rows);
    let load = || {
        for _ in 0..reps {
            let loaded = EventLoader::new(&obligations)
                .csv(black_box(&text))
                .unwrap();
            assert_eq!(loaded.len(), rows as usize);
        }
    };
    let timed = |load: &dyn Fn()| {
        let (cpu, wall) = (cpu_nanos(), Instant::now());
        load();
        let wall = wall.elapsed().as_nanos() as f64;
        let cpu = cpu
            .zip(cpu_nanos())
            .map(|(a, b)| b.saturating_sub(a) as f64);
        (cpu.map_or(f64::NAN, per_row), per_row(wall))
    };
    #[cfg(feature = "parallel")]
    let (cpu, wall) = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| timed(&load));
    #[cfg(not(feature = "parallel"))]
    let (cpu, wall) = timed(&load);
    println!(
        "{shape}: {reps} loads of {rows} rows, {cpu:.1} ns a row on a CPU, {wall:.1} ns a row wall"
    );
    #[cfg(feature = "parallel")]
    {
        let threads = rayon::current_num_threads();
        let (_, wall) = timed(&load);
        println!(
            "{shape}: {reps} loads of {rows} rows on {threads} threads, {wall:.1} ns a row wall"
        );
    }
}
