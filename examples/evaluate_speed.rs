//! The evaluator's speed on the yardstick's generator, in CPU time (which a loaded machine
//! inflates less than wall time): for each size and order of the log, the evaluation runs
//! `REPS` times one-shot (`evaluate`, fresh memory every call: mode `one_shot`) and then
//! `REPS` times in one reused `Workspace` (mode `reused`, as a daily report would run),
//! and the process's CPU time (user and system, all threads, from `/proc/self/stat`) and
//! the wall time are printed per obligation. Linux only.
//!
//! ```text
//! cargo run --release --example evaluate_speed -- 10 1000000 10000000 50000000
//! cargo run --release --features parallel --example evaluate_speed -- 10 1000000 10000000
//! ```
//!
//! The first argument is `REPS`; the others are sizes. `DIRECTIVES_BENCH_ORDERS` picks the
//! orders (`obligation,date`, the default; `date` alone to profile one). Each line also
//! gives the minor page faults per obligation (pages the system had to hand over fresh)
//! during the timed calls. The criterion bench `benches/evaluate.rs` measures the same in
//! wall time.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "an example program fails loudly on unexpected errors"
)]

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use directives::compliance::{EvaluationPolicy, Workspace, evaluate};

#[path = "../benches/support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the benches and tests")]
mod yardstick;

/// The process's CPU time so far, in seconds (clock ticks of 1/100 s), and its minor page
/// faults so far.
fn cpu_seconds_and_faults() -> (f64, u64) {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("Linux /proc");
    // The fields after the command's closing parenthesis; minflt, utime and stime are the
    // 10th, 14th and 15th fields of the line, so the 8th, 12th and 13th after it.
    let after = stat.rsplit_once(')').expect("a stat line").1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let number = |i: usize| fields[i].parse::<u64>().unwrap();
    ((number(11) + number(12)) as f64 / 100.0, number(7))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let reps: u32 = args.next().map_or(10, |a| a.parse().expect("repetitions"));
    let sizes: Vec<u64> = args.map(|a| a.parse().expect("sizes")).collect();
    let sizes = if sizes.is_empty() {
        vec![1_000_000]
    } else {
        sizes
    };
    let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let orders =
        std::env::var("DIRECTIVES_BENCH_ORDERS").unwrap_or_else(|_| "obligation,date".to_owned());
    println!(
        "order,mode,obligations,cpu_ns_per_obligation,wall_ns_per_obligation,\
         minor_faults_per_1000_obligations"
    );
    for n in sizes {
        for (order, generate) in [
            ("obligation", yardstick::generate as fn(u64) -> _),
            ("date", yardstick::generate_by_date),
        ] {
            if !orders.split(',').any(|o| o.trim() == order) {
                continue;
            }
            let (obligations, events) = generate(n);
            let report = |mode: &str, run: &mut dyn FnMut()| {
                let ((cpu, faults), wall) = (cpu_seconds_and_faults(), Instant::now());
                for _ in 0..reps {
                    run();
                }
                let elapsed = wall.elapsed().as_secs_f64();
                let (cpu_after, faults_after) = cpu_seconds_and_faults();
                let per = |seconds: f64| seconds * 1e9 / (f64::from(reps) * n as f64);
                println!(
                    "{order},{mode},{n},{:.2},{:.2},{:.2}",
                    per(cpu_after - cpu),
                    per(elapsed),
                    (faults_after - faults) as f64 * 1000.0 / (f64::from(reps) * n as f64),
                );
            };
            drop(evaluate(&obligations, &events, as_of, &policy).unwrap());
            report("one_shot", &mut || {
                let evaluation =
                    evaluate(black_box(&obligations), black_box(&events), as_of, &policy).unwrap();
                black_box(evaluation.statuses().len());
            });
            // The workspace's first evaluation takes fresh memory: it is not timed.
            let mut workspace = Some(
                Workspace::new()
                    .evaluate(&obligations, &events, as_of, &policy)
                    .unwrap()
                    .into_workspace(),
            );
            report("reused", &mut || {
                let evaluation = workspace
                    .take()
                    .unwrap()
                    .evaluate(black_box(&obligations), black_box(&events), as_of, &policy)
                    .unwrap();
                black_box(evaluation.statuses().len());
                workspace = Some(evaluation.into_workspace());
            });
        }
    }
}
