//! Working-day arithmetic at scale, and the working-day calendar as a table.
//!
//! Demonstrates `WorkCalendar::add_working_days` and `WorkCalendar::working_days_between`
//! over many random queries (the same 10 million pairs as the criterion bench
//! `calendar/working_days`: dates in 2020–2030, k in 1..30), and `WorkCalendar::rows`, the
//! calendar as a table (date as days since 1970-01-01, working flag, working ordinal) that
//! an engine can join on. `benches/compare/numpy_busday.py` reads that table to run the same
//! queries in numpy.
//!
//! ```sh
//! # time both queries: pairs (default 10000000) and runs (default 5)
//! cargo run --release --example working_days -- time 10000000 5
//! # the table of the state-agency calendar for 2019–2032, as CSV on standard output
//! cargo run --release --example working_days -- table 2019 2032
//! ```

use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate};
use directives::calendar::{CalendarError, WorkCalendar, WorkCalendarBuilder};

const USAGE: &str = "usage: working_days time [pairs] [runs]
       working_days table <first year> <last year>";

/// The generator of the bench (64-bit LCG), so the inputs are the bench's.
struct Lcg(u64);

impl Lcg {
    fn next_below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// The bench's (date, k) pairs for `add_working_days`.
type Offsets = Vec<(NaiveDate, i32)>;
/// The bench's (from, to) pairs for `working_days_between`.
type Ranges = Vec<(NaiveDate, NaiveDate)>;

/// The bench's inputs: (date, k) pairs, then (from, to) pairs, over 2020–2030.
fn inputs(pairs: usize) -> (Offsets, Ranges) {
    let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    let span = 4018; // 2020-01-01 ..= 2030-12-31
    let mut rng = Lcg(0x2024_0206);
    let offsets = (0..pairs)
        .map(|_| {
            let date = first + Days::new(rng.next_below(span));
            let k = 1 + rng.next_below(29) as i32;
            (date, k)
        })
        .collect();
    let ranges = (0..pairs)
        .map(|_| {
            let a = first + Days::new(rng.next_below(span));
            let b = first + Days::new(rng.next_below(span));
            (a, b)
        })
        .collect();
    (offsets, ranges)
}

/// The bench's checksum: the sum of `year * 512 + ordinal` over the results.
#[inline(never)]
fn run_add(cal: &WorkCalendar, inputs: &[(NaiveDate, i32)]) -> Result<i64, CalendarError> {
    let mut sum = 0i64;
    for &(date, k) in inputs {
        let end = cal.add_working_days(black_box(date), i64::from(black_box(k)))?;
        sum = sum.wrapping_add(i64::from(end.year()) * 512 + i64::from(end.ordinal()));
    }
    Ok(sum)
}

/// The sum of the counts.
#[inline(never)]
fn run_between(
    cal: &WorkCalendar,
    inputs: &[(NaiveDate, NaiveDate)],
) -> Result<i64, CalendarError> {
    let mut sum = 0i64;
    for &(a, b) in inputs {
        sum += cal.working_days_between(black_box(a), black_box(b))?;
    }
    Ok(sum)
}

fn time(pairs: usize, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let cal = WorkCalendar::vietnam()?;
    let (offsets, ranges) = inputs(pairs);
    let per = |t: Instant| t.elapsed().as_secs_f64() * 1e9 / pairs.max(1) as f64;
    for run in 1..=runs {
        let t = Instant::now();
        let add = run_add(&cal, &offsets)?;
        let add_ns = per(t);
        let t = Instant::now();
        let between = run_between(&cal, &ranges)?;
        let between_ns = per(t);
        println!(
            "run {run}: add_working_days {add_ns:.2} ns (checksum {add}), working_days_between {between_ns:.2} ns (checksum {between})"
        );
    }
    Ok(())
}

fn table(first: i32, last: i32) -> Result<(), Box<dyn std::error::Error>> {
    let cal = WorkCalendarBuilder::vietnam().years(first, last).build()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(out, "date32,date,working,working_ordinal")?;
    for row in cal.rows() {
        writeln!(
            out,
            "{},{},{},{}",
            row.date32(),
            row.date(),
            u8::from(row.is_working()),
            row.working_ordinal()
        )?;
    }
    out.flush()?;
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| -> Result<usize, String> {
        args.get(i).map_or(Ok(default), |a| {
            a.parse().map_err(|_| {
                format!(
                    "`{}` is not a count",
                    a.chars().take(40).collect::<String>()
                )
            })
        })
    };
    let year = |i: usize| -> Result<i32, String> {
        let a = args.get(i).ok_or_else(|| USAGE.to_owned())?;
        a.parse()
            .map_err(|_| format!("`{}` is not a year", a.chars().take(40).collect::<String>()))
    };
    let result = match args.first().map(String::as_str) {
        Some("time") => number(1, 10_000_000)
            .and_then(|p| Ok((p, number(2, 5)?)))
            .map_err(Into::into)
            .and_then(|(p, r)| time(p, r)),
        Some("table") => year(1)
            .and_then(|f| Ok((f, year(2)?)))
            .map_err(Into::into)
            .and_then(|(f, l)| table(f, l)),
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
