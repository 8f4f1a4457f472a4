//! Benchmarks for the calendar: lunar conversions.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "benches fail loudly on unexpected errors"
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use directives::calendar::LunarDate;

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

criterion_group!(benches, lunar_benches);
criterion_main!(benches);
