//! Working-day arithmetic at scale, and the working-day calendar as a table.
//!
//! Demonstrates `WorkCalendar::add_working_days` and `WorkCalendar::working_days_between`
//! one query at a time, and their column forms `add_working_days_date32` and
//! `working_days_between_date32` over `i32` days since 1970-01-01 (Arrow's `Date32`), on
//! the same 10 million random pairs as the criterion bench `calendar/working_days` (dates
//! in 2020–2030, k in 1..30). As numpy's `busday_offset` and `busday_count` are timed,
//! each timed loop takes inputs built before it and writes an output array allocated
//! before it; the checksums are taken after. Also `WorkCalendar::rows`, the calendar as a
//! table (date as days since 1970-01-01, working flag, working ordinal) that an engine can
//! join on; `benches/compare/numpy_busday.py` reads that table to run the same queries in
//! numpy.
//!
//! ```sh
//! # time the queries: pairs (default 10000000), runs (default 5), and which (default all)
//! cargo run --release --example working_days -- time 10000000 5
//! cargo run --release --example working_days -- time 10000000 5 between-date32
//! # instructions per query: the difference between a run and a run without queries
//! perf stat -e instructions target/release/examples/working_days time 10000000 0
//! perf stat -e instructions target/release/examples/working_days time 10000000 10 add-date32
//! # the table of the state-agency calendar for 2019–2032, as CSV on standard output
//! cargo run --release --example working_days -- table 2019 2032
//! ```

use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate};
use directives::calendar::{CalendarError, WorkCalendar, WorkCalendarBuilder};

const USAGE: &str =
    "usage: working_days time [pairs] [runs] [all|add|between|add-date32|between-date32]
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

/// The bench's checksum of dates: the sum of `year * 512 + ordinal` (numpy's script
/// computes the same).
fn date_checksum(dates: impl Iterator<Item = NaiveDate>) -> i64 {
    dates.fold(0i64, |sum, end| {
        sum.wrapping_add(i64::from(end.year()) * 512 + i64::from(end.ordinal()))
    })
}

/// `add_working_days` per query, array in and array out like numpy's `busday_offset`:
/// the inputs are built and the output allocated before, the checksum is taken after.
#[inline(never)]
fn run_add(
    cal: &WorkCalendar,
    inputs: &[(NaiveDate, i32)],
    out: &mut [NaiveDate],
) -> Result<(), CalendarError> {
    for (o, &(date, k)) in out.iter_mut().zip(inputs) {
        *o = cal.add_working_days(date, i64::from(k))?;
    }
    Ok(())
}

/// `working_days_between` per query, array in and array out like numpy's `busday_count`.
#[inline(never)]
fn run_between(
    cal: &WorkCalendar,
    inputs: &[(NaiveDate, NaiveDate)],
    out: &mut [i64],
) -> Result<(), CalendarError> {
    for (o, &(a, b)) in out.iter_mut().zip(inputs) {
        *o = cal.working_days_between(a, b)?;
    }
    Ok(())
}

/// The inputs as columns of `i32` days since 1970-01-01 (Arrow's `Date32`).
struct Columns {
    dates: Vec<i32>,
    ks: Vec<i32>,
    from: Vec<i32>,
    to: Vec<i32>,
}

impl Columns {
    fn new(offsets: &[(NaiveDate, i32)], ranges: &[(NaiveDate, NaiveDate)]) -> Columns {
        Columns {
            dates: offsets.iter().map(|(d, _)| d.to_epoch_days()).collect(),
            ks: offsets.iter().map(|&(_, k)| k).collect(),
            from: ranges.iter().map(|(a, _)| a.to_epoch_days()).collect(),
            to: ranges.iter().map(|(_, b)| b.to_epoch_days()).collect(),
        }
    }
}

/// Which queries `time` runs.
#[derive(Clone, Copy, PartialEq)]
enum Which {
    All,
    Add,
    Between,
    AddDate32,
    BetweenDate32,
}

impl Which {
    fn parse(s: &str) -> Option<Which> {
        Some(match s {
            "all" => Which::All,
            "add" => Which::Add,
            "between" => Which::Between,
            "add-date32" => Which::AddDate32,
            "between-date32" => Which::BetweenDate32,
            _ => return None,
        })
    }

    fn runs(self, which: Which) -> bool {
        self == Which::All || self == which
    }
}

fn time(pairs: usize, runs: usize, which: Which) -> Result<(), Box<dyn std::error::Error>> {
    let cal = WorkCalendar::vietnam()?;
    let (offsets, ranges) = inputs(pairs);
    let cols = Columns::new(&offsets, &ranges);
    let mut ends = vec![NaiveDate::default(); pairs];
    let mut counts = vec![0i64; pairs];
    let mut ends32 = vec![0i32; pairs];
    let mut counts32 = vec![0i32; pairs];
    // Touch the output pages now, so that the first run does not pay their faults.
    counts.fill(-1);
    ends32.fill(-1);
    counts32.fill(-1);
    let per = |t: Instant| t.elapsed().as_secs_f64() * 1e9 / pairs.max(1) as f64;
    let dates32 = |days: &[i32]| {
        date_checksum(
            days.iter()
                .map(|&d| NaiveDate::from_epoch_days(d).unwrap_or_default()),
        )
    };
    for run in 1..=runs {
        let mut line = format!("run {run}:");
        if which.runs(Which::Add) {
            let t = Instant::now();
            run_add(&cal, black_box(&offsets), black_box(&mut ends))?;
            let ns = per(t);
            let sum = date_checksum(ends.iter().copied());
            line += &format!(" add_working_days {ns:.2} ns (checksum {sum}),");
        }
        if which.runs(Which::AddDate32) {
            let t = Instant::now();
            cal.add_working_days_date32(
                black_box(&cols.dates),
                black_box(&cols.ks),
                black_box(&mut ends32),
            )?;
            let ns = per(t);
            let sum = dates32(&ends32);
            line += &format!(" add_working_days_date32 {ns:.2} ns (checksum {sum}),");
        }
        if which.runs(Which::Between) {
            let t = Instant::now();
            run_between(&cal, black_box(&ranges), black_box(&mut counts))?;
            let ns = per(t);
            let sum: i64 = counts.iter().sum();
            line += &format!(" working_days_between {ns:.2} ns (checksum {sum}),");
        }
        if which.runs(Which::BetweenDate32) {
            let t = Instant::now();
            cal.working_days_between_date32(
                black_box(&cols.from),
                black_box(&cols.to),
                black_box(&mut counts32),
            )?;
            let ns = per(t);
            let sum: i64 = counts32.iter().map(|&c| i64::from(c)).sum();
            line += &format!(" working_days_between_date32 {ns:.2} ns (checksum {sum}),");
        }
        println!("{}", line.trim_end_matches(','));
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
            .and_then(|(p, r)| {
                let which = args.get(3).map_or(Some(Which::All), |w| Which::parse(w));
                let which = which.ok_or_else(|| USAGE.to_owned())?;
                Ok((p, r, which))
            })
            .map_err(Into::into)
            .and_then(|(p, r, w)| time(p, r, w)),
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
