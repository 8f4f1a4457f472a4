//! Benchmarks for the calendar: lunar conversions and working-day queries.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "benches fail loudly on unexpected errors"
)]

use std::hint::black_box;

use chrono::{Datelike, Days, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use directives::calendar::{LunarDate, WorkCalendar};

/// The number of conversions per iteration.
const DATES: u64 = 1_000_000;

/// One million solar dates spread over the whole supported range (every 11th day from
/// 1900, wrapping), so the conversions touch every lunar year of the table.
fn solar_dates() -> Vec<NaiveDate> {
    let span = u64::try_from((LunarDate::SOLAR_MAX - LunarDate::SOLAR_MIN).num_days() + 1)
        .expect("the range is positive");
    (0..DATES)
        .map(|i| LunarDate::SOLAR_MIN + Days::new((i * 11) % span))
        .collect()
}

/// Solar → lunar and lunar → solar conversion of one million dates.
fn lunar_benches(c: &mut Criterion) {
    let solar = solar_dates();
    let lunar: Vec<LunarDate> = solar
        .iter()
        .map(|&date| LunarDate::from_solar(date).expect("in range"))
        .collect();
    let mut group = c.benchmark_group("calendar/lunar");
    group.throughput(Throughput::Elements(DATES));
    group.sample_size(10);
    group.bench_function("from_solar/1M", |b| {
        b.iter(|| {
            let mut leap_days = 0u32;
            for &date in &solar {
                let lunar = LunarDate::from_solar(black_box(date)).expect("in range");
                leap_days += u32::from(lunar.is_leap_month());
            }
            assert!(leap_days > 0);
            leap_days
        });
    });
    group.bench_function("to_solar/1M", |b| {
        b.iter(|| {
            let mut last = LunarDate::SOLAR_MIN;
            for date in &lunar {
                let solar = black_box(date).to_solar();
                assert!(solar >= LunarDate::SOLAR_MIN);
                last = last.max(solar);
            }
            last
        });
    });
    group.bench_function("round_trip/1M", |b| {
        b.iter(|| {
            for &date in &solar {
                let lunar = LunarDate::from_solar(black_box(date)).expect("in range");
                assert_eq!(lunar.to_solar(), date);
            }
        });
    });
    group.finish();
}

/// The number of queries per iteration of the working-day benches.
const PAIRS: usize = 10_000_000;

/// A small deterministic generator (64-bit LCG), so inputs are the same on every run.
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

/// `add_working_days` over 10 million (date, k) pairs, dates in 2020–2030 and k in 1..30,
/// and `working_days_between` over 10 million date pairs in 2020–2030, against the
/// state-agency calendar, one query at a time (the checksum taken in the loop) and as
/// columns (`add_working_days_date32`, `working_days_between_date32`). Inputs and the
/// expected checksums are built outside the timed loop.
fn calendar_benches(c: &mut Criterion) {
    let cal = WorkCalendar::vietnam().expect("the preset builds");
    let first = NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date");
    let span = 4018; // 2020-01-01 ..= 2030-12-31
    let mut rng = Lcg(0x2024_0206);
    // k is stored as i32 so that a pair is 8 bytes: the loop streams 80 MB of input rather
    // than 160 MB, and measures the query rather than memory bandwidth.
    let offsets: Vec<(NaiveDate, i32)> = (0..PAIRS)
        .map(|_| {
            let date = first + Days::new(rng.next_below(span));
            let k = i32::try_from(1 + rng.next_below(29)).expect("small");
            (date, k)
        })
        .collect();
    let ranges: Vec<(NaiveDate, NaiveDate)> = (0..PAIRS)
        .map(|_| {
            let a = first + Days::new(rng.next_below(span));
            let b = first + Days::new(rng.next_below(span));
            (a, b)
        })
        .collect();
    let add_sum = |inputs: &[(NaiveDate, i32)]| {
        inputs.iter().fold(0i64, |sum, &(date, k)| {
            let end = cal
                .add_working_days(black_box(date), i64::from(black_box(k)))
                .expect("in range");
            sum.wrapping_add(i64::from(end.year()) * 512 + i64::from(end.ordinal()))
        })
    };
    let between_sum = |inputs: &[(NaiveDate, NaiveDate)]| {
        inputs.iter().fold(0i64, |sum, &(a, b)| {
            sum.wrapping_add(
                cal.working_days_between(black_box(a), black_box(b))
                    .expect("in range"),
            )
        })
    };
    let add_expected = add_sum(&offsets);
    let between_expected = between_sum(&ranges);

    let mut group = c.benchmark_group("calendar/working_days");
    group.throughput(Throughput::Elements(PAIRS as u64));
    group.sample_size(10);
    group.bench_function("add_working_days/10M", |b| {
        b.iter(|| {
            let sum = add_sum(&offsets);
            assert_eq!(sum, add_expected);
            sum
        });
    });
    group.bench_function("working_days_between/10M", |b| {
        b.iter(|| {
            let sum = between_sum(&ranges);
            assert_eq!(sum, between_expected);
            sum
        });
    });
    // The column forms over the same pairs as `i32` days since 1970-01-01, array in and
    // array out as numpy's `busday_offset` and `busday_count` are timed: columns and
    // output built before the loop, checksums checked after it.
    let dates: Vec<i32> = offsets.iter().map(|(d, _)| d.to_epoch_days()).collect();
    let ks: Vec<i32> = offsets.iter().map(|&(_, k)| k).collect();
    let from: Vec<i32> = ranges.iter().map(|(a, _)| a.to_epoch_days()).collect();
    let to: Vec<i32> = ranges.iter().map(|(_, b)| b.to_epoch_days()).collect();
    let mut out = vec![0i32; PAIRS];
    group.bench_function("add_working_days_date32/10M", |b| {
        b.iter(|| {
            cal.add_working_days_date32(black_box(&dates), black_box(&ks), black_box(&mut out))
                .expect("in range");
        });
    });
    let ends = out
        .iter()
        .map(|&d| NaiveDate::from_epoch_days(d).expect("a date"));
    let sum = ends.fold(0i64, |sum, end| {
        sum.wrapping_add(i64::from(end.year()) * 512 + i64::from(end.ordinal()))
    });
    assert_eq!(sum, add_expected);
    group.bench_function("working_days_between_date32/10M", |b| {
        b.iter(|| {
            cal.working_days_between_date32(black_box(&from), black_box(&to), black_box(&mut out))
                .expect("in range");
        });
    });
    assert_eq!(
        out.iter().map(|&c| i64::from(c)).sum::<i64>(),
        between_expected
    );
    group.finish();
}

criterion_group!(benches, lunar_benches, calendar_benches);
criterion_main!(benches);
