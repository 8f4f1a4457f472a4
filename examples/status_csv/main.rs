//! Reporting compliance at scale: reads the yardstick's obligations and submissions from
//! CSV (plain or gzip-compressed), evaluates them as of a date through the library, and
//! prints the count of obligations per body and status.
//!
//! ```sh
//! cargo run --release --example status_csv -- obligations_1m.csv.gz submissions_1m.csv.gz 2025-12-31
//! ```
//!
//! Standard output is `body_id,status,n` sorted by body and status, where the statuses
//! are the yardstick's names (`on_time`, `late`, `missing`, `not_due`); standard error
//! gets the load and evaluation times. The loading and rendering live in `pipeline.rs`,
//! which the integration tests share.

use std::error::Error;
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use directives::compliance::{EvaluationPolicy, evaluate};

mod pipeline;

use pipeline::{load, render};

fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, obligations, submissions, as_of] = args.as_slice() else {
        return Err("usage: status_csv OBLIGATIONS.csv[.gz] SUBMISSIONS.csv[.gz] AS_OF".into());
    };
    let as_of: NaiveDate = as_of
        .parse()
        .map_err(|e| format!("bad as-of date `{as_of}`: {e}"))?;
    let start = Instant::now();
    let cpu_start = pipeline::thread_cpu();
    let loaded = load(Path::new(obligations), Path::new(submissions))?;
    let loaded_at = Instant::now();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&loaded.obligations, &loaded.events, as_of, &policy)?;
    let evaluated_at = Instant::now();
    // The diagnostics (ties and duplicates are looked for on first use) on one core, the
    // counts on the other.
    let (diagnostics, out) = std::thread::scope(|scope| {
        let diagnostics = scope.spawn(|| evaluation.diagnostics().len());
        let out = render(&evaluation);
        (diagnostics.join(), out)
    });
    let diagnostics = diagnostics.map_err(|_| "the thread finding the diagnostics failed")?;
    let out = out?;
    let done = Instant::now();
    let cpu_main = cpu_start
        .zip(pipeline::thread_cpu())
        .map(|(a, b)| b.saturating_sub(a));
    print!("{out}");
    let n = loaded.obligations.len();
    let eval = evaluated_at - loaded_at;
    eprintln!(
        "obligations: {n}, events: {}, diagnostics: {diagnostics}",
        loaded.events.len()
    );
    eprintln!("load: {:.1} ms", (loaded_at - start).as_secs_f64() * 1e3);
    eprintln!(
        "evaluation: {:.2} ms ({:.2} ns per obligation)",
        eval.as_secs_f64() * 1e3,
        eval.as_secs_f64() * 1e9 / n.max(1) as f64
    );
    eprintln!(
        "counts and output: {:.1} ms",
        (done - evaluated_at).as_secs_f64() * 1e3
    );
    eprintln!("total: {:.1} ms", (done - start).as_secs_f64() * 1e3);
    let ms = |cpu: Option<std::time::Duration>| {
        cpu.map_or("unknown".to_owned(), |c| {
            format!("{:.1} ms", c.as_secs_f64() * 1e3)
        })
    };
    // On a machine shared with other work the wall times above include waiting for a
    // core; the times on a CPU do not.
    eprintln!(
        "cpu: main thread {} (of which reading and parsing obligations {}), other thread {} (of which the submissions {})",
        ms(cpu_main),
        ms(loaded.cpu[0]),
        ms(loaded.cpu[1]),
        ms(loaded.cpu[2])
    );
    Ok(())
}
