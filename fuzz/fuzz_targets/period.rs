//! Reporting periods: `Period` FromStr/Display, the constructors, and the arithmetic.
//!
//! Properties:
//! - strict parsing: a string that parses is the canonical string of its period
//!   (`parse(s)?.to_string() == s`), and `parse(p.to_string()) == p` for every period built;
//!   the same for `Frequency`;
//! - the constructors accept exactly the valid parts (naive model of years, months,
//!   quarters, halves, dates);
//! - the first and last days agree with a naive model, `days`, `contains`, `containing`;
//! - `offset(n)` then `offset(-n)` is the identity, `next` follows the period;
//! - `Frequency::periods` and `sub_periods` list the same periods as a naive enumeration;
//! - the order is by first day, then last day; `intersection` is the shared days;
//! - JSON and TOML round trips of every period and frequency.
#![no_main]

use chrono::{Datelike, NaiveDate};
use directives::period::{Frequency, Period};
use directives_fuzz::{date_in, days_in_month, round_trips, shift, ymd};
use libfuzzer_sys::arbitrary::{self, Unstructured};
use libfuzzer_sys::fuzz_target;

/// Every period of `frequency` in a year, by hand.
fn periods_of_year(year: i32, frequency: Frequency) -> Vec<Period> {
    let built = match frequency {
        Frequency::Monthly => (1..=12).map(|m| Period::month(year, m)).collect(),
        Frequency::Quarterly => (1..=4).map(|q| Period::quarter(year, q)).collect(),
        Frequency::HalfYearly => (1..=2).map(|h| Period::half_year(year, h)).collect(),
        Frequency::NineMonthly => vec![Period::nine_months(year)],
        Frequency::Yearly => vec![Period::year(year)],
        _ => vec![],
    };
    built.into_iter().filter_map(Result::ok).collect()
}

/// Every period of `frequency` in the years of `from..=to`, and one year either side.
fn periods_near(
    from: NaiveDate,
    to: NaiveDate,
    frequency: Frequency,
) -> impl Iterator<Item = Period> {
    (from.year() - 1..=to.year() + 1).flat_map(move |y| periods_of_year(y, frequency))
}

/// The days of a calendar period, by hand.
fn naive_days(kind: u8, year: i32, index: u32) -> (NaiveDate, NaiveDate) {
    let span = |first_month: u32, last_month: u32| {
        (
            ymd(year, first_month, 1),
            ymd(year, last_month, days_in_month(year, last_month)),
        )
    };
    match kind {
        0 => span(index, index),
        1 => span(3 * index - 2, 3 * index),
        2 => span(6 * index - 5, 6 * index),
        3 => span(1, 9),
        _ => span(1, 12),
    }
}

fn build(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<Period>> {
    let year: i32 = if u.ratio(1, 8)? {
        u.arbitrary()?
    } else {
        u.int_in_range(-2..=10_001)?
    };
    let year_ok = (1..=9999).contains(&year);
    let kind: u8 = u.int_in_range(0..=5)?;
    let index: u32 = u.int_in_range(0..=14)?;
    let (built, ok) = match kind {
        0 => (
            Period::month(year, index),
            year_ok && (1..=12).contains(&index),
        ),
        1 => (
            Period::quarter(year, index),
            year_ok && (1..=4).contains(&index),
        ),
        2 => (
            Period::half_year(year, index),
            year_ok && (1..=2).contains(&index),
        ),
        3 => (Period::nine_months(year), year_ok),
        4 => (Period::year(year), year_ok),
        _ => {
            let lo = NaiveDate::from_ymd_opt(-5, 1, 1).unwrap_or(NaiveDate::MIN);
            let hi = NaiveDate::from_ymd_opt(10_005, 12, 31).unwrap_or(NaiveDate::MAX);
            let start = date_in(u, lo, hi)?;
            let end = if u.arbitrary()? {
                date_in(u, lo, hi)?
            } else {
                shift(start, u.int_in_range(-3..=400)?).unwrap_or(start)
            };
            let ok = (1..=9999).contains(&start.year())
                && (1..=9999).contains(&end.year())
                && start <= end;
            let built = Period::custom(start, end);
            if let Ok(p) = built {
                assert_eq!((p.start(), p.end()), (start, end));
                assert!(p.is_custom());
                assert_eq!(p.frequency(), None);
            }
            (built, ok)
        }
    };
    assert_eq!(
        built.is_ok(),
        ok,
        "kind {kind}, year {year}, index {index}: {built:?}"
    );
    if let Ok(p) = built
        && kind < 5
    {
        assert_eq!((p.start(), p.end()), naive_days(kind, year, index), "{p}");
        assert!(!p.is_custom());
    }
    Ok(built.ok())
}

fn check(p: Period) {
    let text = p.to_string();
    assert_eq!(text.parse::<Period>(), Ok(p), "{text}");
    round_trips(&p);
    let (start, end) = (p.start(), p.end());
    assert!(start <= end, "{p}");
    assert_eq!(p.days(), (end - start).num_days() + 1, "{p}");
    assert!(p.contains(start) && p.contains(end), "{p}");
    for outside in [start.pred_opt(), end.succ_opt()].into_iter().flatten() {
        assert!(!p.contains(outside), "{p} contains {outside}");
    }
    if let Some(f) = p.frequency() {
        assert_eq!(Period::containing(start, f), Some(p), "{p}");
        assert_eq!(Period::containing(end, f), Some(p), "{p}");
        assert_eq!(p.sub_periods(f).collect::<Vec<_>>(), [p], "{p}");
    }
    // Neighbours.
    if let Some(n) = p.next() {
        assert!(n > p, "{n} after {p}");
        assert_eq!(n.prev(), Some(p), "{n}");
        assert_eq!(n.frequency(), p.frequency());
        if p.frequency() != Some(Frequency::NineMonthly) {
            assert_eq!(end.succ_opt(), Some(n.start()), "{p} then {n}");
        }
    }
}

fn check_pair(p: Period, q: Period) {
    let by_days = (p.start(), p.end()).cmp(&(q.start(), q.end()));
    if by_days.is_ne() {
        assert_eq!(p.cmp(&q), by_days, "{p} vs {q}");
    }
    assert_eq!(p.cmp(&q).is_eq(), p == q, "{p} vs {q}");
    assert_eq!(p.cmp(&q), q.cmp(&p).reverse());
    let start = p.start().max(q.start());
    let end = p.end().min(q.end());
    match p.intersection(&q) {
        None => assert!(start > end, "{p} and {q} share days"),
        Some(i) => {
            assert_eq!((i.start(), i.end()), (start, end), "{p} ∩ {q} = {i}");
            assert_eq!(
                q.intersection(&p).map(|j| (j.start(), j.end())),
                Some((start, end))
            );
            if (start, end) == (p.start(), p.end()) {
                assert_eq!(i, p);
            }
        }
    }
}

fn check_ranges(p: Period, u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let frequency = *u.choose(Frequency::ALL)?;
    if (p.end() - p.start()).num_days() <= 50 * 366 {
        let naive: Vec<Period> = periods_near(p.start(), p.end(), frequency)
            .filter(|s| s.start() >= p.start() && s.end() <= p.end())
            .collect();
        assert_eq!(
            p.sub_periods(frequency).collect::<Vec<_>>(),
            naive,
            "{p} / {frequency}"
        );
    }
    let lo = ymd(1, 1, 1).pred_opt().unwrap_or(NaiveDate::MIN);
    let from = date_in(
        u,
        lo,
        ymd(9999, 12, 31).succ_opt().unwrap_or(NaiveDate::MAX),
    )?;
    let to = shift(from, u.int_in_range(-40..=4000)?).unwrap_or(from);
    let naive: Vec<Period> = periods_near(from, to, frequency)
        .filter(|s| from <= to && s.end() >= from && s.start() <= to)
        .collect();
    assert_eq!(
        frequency.periods(from, to).collect::<Vec<_>>(),
        naive,
        "{from}..{to} / {frequency}"
    );
    Ok(())
}

fn structured(data: &[u8]) -> arbitrary::Result<()> {
    let mut u = Unstructured::new(data);
    let Some(p) = build(&mut u)? else {
        return Ok(());
    };
    check(p);
    let n: i64 = if u.arbitrary()? {
        u.arbitrary()?
    } else {
        u.int_in_range(-200..=200)?
    };
    if let Some(q) = p.offset(n) {
        check(q);
        if let Some(back) = n.checked_neg() {
            assert_eq!(q.offset(back), Some(p), "{p} + {n} = {q}");
        }
        assert_eq!(q.frequency(), p.frequency());
        check_pair(p, q);
    }
    if let Some(q) = build(&mut u)? {
        check(q);
        check_pair(p, q);
    }
    check_ranges(p, &mut u)
}

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(p) = s.parse::<Period>() {
            assert_eq!(p.to_string(), s, "{s:?} is not canonical");
            check(p);
        }
        if let Ok(f) = s.parse::<Frequency>() {
            assert_eq!(f.to_string(), s);
            round_trips(&f);
        }
    }
    let _ = structured(data);
});
