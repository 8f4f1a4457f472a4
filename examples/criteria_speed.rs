//! Times five typical criteria (`benches/support/criteria_five.rs`) over the compliance
//! yardstick built in memory, at 100k and 1M obligations, and prints for each size the
//! median wall-clock time and the median CPU time of the process's thread per assessment,
//! then the median CPU time of each criterion judged alone.
//!
//! The CPU time (from `/proc/thread-self/schedstat`, Linux) is what the work costs when
//! the machine is shared: a busy machine stretches the wall-clock time, not the CPU time.
//!
//! ```sh
//! cargo run --release --example criteria_speed        # 9 runs per size
//! cargo run --release --example criteria_speed -- 25  # 25 runs per size
//! cargo run --release --example criteria_speed -- 1 100000  # one size only
//! ```
//!
//! One run at one size is what an instruction count needs:
//!
//! ```sh
//! valgrind --tool=callgrind --toggle-collect='*Criteria*assess*' \
//!     target/release/examples/criteria_speed 1 100000
//! ```

use std::error::Error;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use directives::compliance::{EvaluationPolicy, evaluate};
use directives::criteria::Criteria;

#[path = "../benches/support/criteria_five.rs"]
#[allow(
    clippy::expect_used,
    reason = "fixed data that is valid by construction"
)]
mod five;
#[path = "../benches/support/yardstick.rs"]
#[allow(
    dead_code,
    clippy::expect_used,
    reason = "shared with the benches and the integration test; fixed data that is valid by construction"
)]
mod yardstick;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!("usage: criteria_speed [RUNS [OBLIGATIONS]]");
            ExitCode::FAILURE
        }
    }
}

/// The CPU time of this thread so far, when the system tells it.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn run() -> Result<(), Box<dyn Error>> {
    let runs: usize = match std::env::args().nth(1) {
        Some(arg) => arg
            .parse()
            .map_err(|e| format!("invalid number of runs `{arg}`: {e}"))?,
        None => 9,
    };
    let sizes = match std::env::args().nth(2) {
        Some(arg) => vec![
            arg.parse::<u64>()
                .map_err(|e| format!("invalid number of obligations `{arg}`: {e}"))?,
        ],
        None => vec![100_000u64, 1_000_000],
    };
    let policy = EvaluationPolicy::without_calendar();
    let registry = five::registry();
    let criteria = five::five();
    for n in sizes {
        let (obligations, events) = yardstick::generate(n);
        let evaluation = evaluate(&obligations, &events, five::as_of(), &policy)?;
        let (mut wall, mut cpu) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
        let mut violations = 0;
        for _ in 0..runs.max(1) {
            let (start, start_cpu) = (Instant::now(), cpu_time());
            let assessment = criteria.assess(&evaluation, &registry)?;
            wall.push(start.elapsed());
            if let (Some(before), Some(after)) = (start_cpu, cpu_time()) {
                cpu.push(after.saturating_sub(before));
            }
            violations = assessment
                .results()
                .iter()
                .map(|r| r.violations().len())
                .sum();
        }
        let cpu = if cpu.is_empty() {
            "unknown".to_owned()
        } else {
            format!("{:.1?}", median(cpu))
        };
        println!(
            "{n:>9} obligations, 5 criteria, {violations} violations: median wall {:.1?}, median CPU {cpu} ({} runs)",
            median(wall),
            runs.max(1)
        );
        for criterion in criteria.criteria() {
            let one = Criteria::new(vec![criterion.clone()])?;
            // The mean, not the median: the system may count CPU time in ticks coarser
            // than one criterion's share.
            let start = cpu_time();
            for _ in 0..runs.max(1) {
                let _ = one.assess(&evaluation, &registry)?;
            }
            if let (Some(before), Some(after)) = (start, cpu_time()) {
                let cpu = after.saturating_sub(before) / u32::try_from(runs.max(1))?;
                let per_row = cpu.as_secs_f64() * 1e9 / n as f64;
                println!(
                    "    {:<16} mean CPU {cpu:>8.1?} ({per_row:.1} ns per obligation)",
                    criterion.id()
                );
            }
        }
    }
    Ok(())
}
