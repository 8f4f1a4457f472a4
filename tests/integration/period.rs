//! `directives::period`: canonical strings, arithmetic, order, errors, serde.

use chrono::{Datelike, NaiveDate};
use directives::period::{Frequency, Period, PeriodError};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn parse_err(s: &str) -> String {
    s.parse::<Period>().unwrap_err().to_string()
}

// ---------------------------------------------------------------- strategies

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    // Every day of the years 1..=9999, through chrono's public constructor.
    let first = d("0001-01-01").num_days_from_ce();
    let last = d("9999-12-31").num_days_from_ce();
    (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

fn arb_frequency() -> impl Strategy<Value = Frequency> {
    prop::sample::select(Frequency::ALL.to_vec())
}

/// Every kind of period, through the public constructors only.
fn arb_period() -> impl Strategy<Value = Period> {
    let year = 1..=9999i32;
    prop_oneof![
        (year.clone(), 1..=12u32).prop_map(|(y, m)| Period::month(y, m).unwrap()),
        (year.clone(), 1..=4u32).prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
        (year.clone(), 1..=2u32).prop_map(|(y, h)| Period::half_year(y, h).unwrap()),
        year.clone().prop_map(|y| Period::nine_months(y).unwrap()),
        year.prop_map(|y| Period::year(y).unwrap()),
        (arb_date(), 0..800i64).prop_filter_map("range leaves the years", |(s, len)| {
            let e = s.checked_add_days(chrono::Days::new(len.unsigned_abs()))?;
            Period::custom(s, e).ok()
        }),
    ]
}

// ---------------------------------------------------------------- properties

proptest! {
    #[test]
    fn string_round_trip(period in arb_period()) {
        let s = period.to_string();
        prop_assert_eq!(s.parse::<Period>(), Ok(period));
    }

    #[test]
    fn next_of_prev_and_prev_of_next(period in arb_period()) {
        if let Some(prev) = period.prev() {
            prop_assert_eq!(prev.next(), Some(period));
            prop_assert!(prev < period);
        }
        if let Some(next) = period.next() {
            prop_assert_eq!(next.prev(), Some(period));
            prop_assert!(period < next);
        }
    }

    #[test]
    fn offset_composes(period in arb_period(), a in -50i64..50, b in -50i64..50) {
        if let (Some(x), Some(y)) = (period.offset(a), period.offset(a + b)) {
            prop_assert_eq!(x.offset(b), Some(y));
        }
        prop_assert_eq!(period.offset(0), Some(period));
    }

    #[test]
    fn next_is_adjacent_for_partitioning_kinds(period in arb_period()) {
        // Months, quarters, halves, years and custom ranges tile time without gaps.
        if period.frequency() != Some(Frequency::NineMonthly)
            && let Some(next) = period.next() {
                prop_assert_eq!(period.end().succ_opt(), Some(next.start()));
            }
    }

    /// Periods of one frequency partition time: each date lies in exactly one.
    #[test]
    fn frequencies_partition_time(date in arb_date(), frequency in arb_frequency()) {
        let covering: Vec<Period> = frequency.periods(date, date).collect();
        if frequency == Frequency::NineMonthly && date.month() > 9 {
            prop_assert!(covering.is_empty());
            prop_assert_eq!(Period::containing(date, frequency), None);
        } else {
            let period = Period::containing(date, frequency).unwrap();
            prop_assert_eq!(covering, vec![period]);
            prop_assert!(period.contains(date));
            prop_assert_eq!(period.frequency(), Some(frequency));
            for neighbour in [period.prev(), period.next()].into_iter().flatten() {
                prop_assert!(!neighbour.contains(date));
            }
        }
    }

    /// The periods overlapping a range are in order, each overlaps it, and (for the
    /// partitioning frequencies) together they cover it without gaps.
    #[test]
    fn periods_over_a_range(start in arb_date(), len in 0u64..2000, frequency in arb_frequency()) {
        let end = start.checked_add_days(chrono::Days::new(len)).unwrap().min(d("9999-12-31"));
        let periods: Vec<Period> = frequency.periods(start, end).collect();
        for w in periods.windows(2) {
            prop_assert!(w[0] < w[1]);
            if frequency != Frequency::NineMonthly {
                prop_assert_eq!(w[0].end().succ_opt(), Some(w[1].start()));
            }
        }
        for period in &periods {
            prop_assert!(period.start() <= end && period.end() >= start);
        }
        if frequency != Frequency::NineMonthly {
            prop_assert!(periods.first().unwrap().contains(start));
            prop_assert!(periods.last().unwrap().contains(end));
        }
    }

    #[test]
    fn order_follows_start_then_end(a in arb_period(), b in arb_period()) {
        let by_days = (a.start(), a.end()).cmp(&(b.start(), b.end()));
        if by_days != std::cmp::Ordering::Equal {
            prop_assert_eq!(a.cmp(&b), by_days);
        }
        prop_assert_eq!(a.cmp(&b) == std::cmp::Ordering::Equal, a == b);
    }

    #[test]
    fn intersection_matches_day_ranges(a in arb_period(), b in arb_period()) {
        let start = a.start().max(b.start());
        let end = a.end().min(b.end());
        match a.intersection(&b) {
            None => prop_assert!(start > end),
            Some(i) => {
                prop_assert_eq!((i.start(), i.end()), (start, end));
                let back = b.intersection(&a).unwrap();
                prop_assert_eq!((back.start(), back.end()), (start, end));
            }
        }
    }

    #[test]
    fn sub_periods_lie_inside(period in arb_period(), frequency in arb_frequency()) {
        for sub in period.sub_periods(frequency) {
            prop_assert_eq!(sub.frequency(), Some(frequency));
            prop_assert_eq!(period.intersection(&sub), Some(sub));
        }
    }
}

// ---------------------------------------------------------------- examples

#[test]
fn canonical_strings_of_every_kind() {
    assert_eq!(Period::year(2024).unwrap().to_string(), "2024");
    assert_eq!(Period::half_year(2024, 1).unwrap().to_string(), "2024-H1");
    assert_eq!(Period::quarter(2024, 3).unwrap().to_string(), "2024-Q3");
    assert_eq!(Period::month(2024, 9).unwrap().to_string(), "2024-09");
    assert_eq!(Period::nine_months(2024).unwrap().to_string(), "2024-9M");
    let custom = Period::custom(d("2024-02-22"), d("2024-12-31")).unwrap();
    assert_eq!(custom.to_string(), "2024-02-22..2024-12-31");
    assert_eq!(Period::year(7).unwrap().to_string(), "0007");
    assert_eq!(format!("{:?}", p("2024-Q3")), "Period(2024-Q3)");
}

#[test]
fn spans_of_every_kind() {
    let cases = [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-H1", "2024-01-01", "2024-06-30"),
        ("2024-H2", "2024-07-01", "2024-12-31"),
        ("2024-Q1", "2024-01-01", "2024-03-31"),
        ("2024-Q4", "2024-10-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2023-02", "2023-02-01", "2023-02-28"),
        ("2024-9M", "2024-01-01", "2024-09-30"),
        ("2024-02-22..2024-12-31", "2024-02-22", "2024-12-31"),
    ];
    for (s, start, end) in cases {
        assert_eq!((p(s).start(), p(s).end()), (d(start), d(end)), "{s}");
    }
}

#[test]
fn arithmetic_examples() {
    assert_eq!(p("2024-12").next(), Some(p("2025-01")));
    assert_eq!(p("2024-Q1").prev(), Some(p("2023-Q4")));
    assert_eq!(p("2024-H2").offset(3), Some(p("2026-H1")));
    assert_eq!(p("2024-9M").next(), Some(p("2025-9M")));
    assert_eq!(p("2024").offset(-24), Some(p("2000")));
    assert_eq!(
        p("2024-02-22..2024-12-31").next(),
        Some(p("2025-01-01..2025-11-10"))
    );
}

#[test]
fn edges_of_the_year_range_are_none_not_panics() {
    assert_eq!(p("9999-12").next(), None);
    assert_eq!(p("9999-Q4").next(), None);
    assert_eq!(p("9999-H2").next(), None);
    assert_eq!(p("9999-9M").next(), None);
    assert_eq!(p("9999").next(), None);
    assert_eq!(p("0001-01").prev(), None);
    assert_eq!(p("0001").prev(), None);
    assert_eq!(p("9999-12-01..9999-12-31").next(), None);
    assert_eq!(p("0001-01-01..0001-01-31").prev(), None);
    assert_eq!(Period::containing(NaiveDate::MAX, Frequency::Monthly), None);
    assert_eq!(Period::containing(d("0000-06-01"), Frequency::Yearly), None);
    assert_eq!(
        Frequency::Yearly
            .periods(NaiveDate::MIN, NaiveDate::MAX)
            .count(),
        9999
    );
    assert_eq!(
        Frequency::Monthly
            .periods(d("9999-12-15"), NaiveDate::MAX)
            .collect::<Vec<_>>(),
        [p("9999-12")]
    );
}

#[test]
fn empty_and_reversed_ranges_yield_nothing() {
    assert_eq!(
        Frequency::Monthly
            .periods(d("2024-03-01"), d("2024-02-01"))
            .count(),
        0
    );
    assert_eq!(
        Frequency::NineMonthly
            .periods(d("2024-10-01"), d("2024-12-31"))
            .count(),
        0
    );
    assert_eq!(
        Frequency::NineMonthly
            .periods(d("2024-10-01"), d("2025-01-01"))
            .collect::<Vec<_>>(),
        [p("2025-9M")]
    );
}

#[test]
fn order_examples() {
    let mut periods = [
        p("2024"),
        p("2024-01-01..2024-12-31"),
        p("2024-9M"),
        p("2024-H1"),
        p("2024-Q1"),
        p("2024-01"),
        p("2023-12"),
    ];
    periods.sort();
    let sorted: Vec<String> = periods.iter().map(ToString::to_string).collect();
    assert_eq!(
        sorted,
        [
            "2023-12",
            "2024-01",
            "2024-Q1",
            "2024-H1",
            "2024-9M",
            "2024",
            "2024-01-01..2024-12-31"
        ]
    );
}

#[test]
fn custom_ranges_are_not_normalised() {
    assert_ne!(p("2024-01-01..2024-12-31"), p("2024"));
    assert_eq!(p("2024-01-01..2024-12-31").frequency(), None);
}

#[test]
fn sub_period_counts() {
    let year = p("2024");
    assert_eq!(year.sub_periods(Frequency::Monthly).count(), 12);
    assert_eq!(year.sub_periods(Frequency::Quarterly).count(), 4);
    assert_eq!(year.sub_periods(Frequency::HalfYearly).count(), 2);
    assert_eq!(
        year.sub_periods(Frequency::NineMonthly).collect::<Vec<_>>(),
        [p("2024-9M")]
    );
    assert_eq!(
        year.sub_periods(Frequency::Yearly).collect::<Vec<_>>(),
        [year]
    );
    assert_eq!(p("2024-9M").sub_periods(Frequency::Quarterly).count(), 3);
    assert_eq!(p("2024-05").sub_periods(Frequency::Quarterly).count(), 0);
}

#[test]
fn frequency_names() {
    let names: Vec<String> = Frequency::ALL.iter().map(ToString::to_string).collect();
    assert_eq!(
        names,
        [
            "monthly",
            "quarterly",
            "half_yearly",
            "nine_monthly",
            "yearly"
        ]
    );
    for &f in Frequency::ALL {
        assert_eq!(f.as_str().parse::<Frequency>(), Ok(f));
    }
    assert_eq!(
        "Monthly".parse::<Frequency>().unwrap_err().to_string(),
        "invalid frequency `Monthly`: expected `monthly`, `quarterly`, `half_yearly`, `nine_monthly` or `yearly`"
    );
}

// ---------------------------------------------------------------- errors, pinned

const EXPECTED_SHAPES: &str =
    "expected `YYYY`, `YYYY-Hn`, `YYYY-Qn`, `YYYY-MM`, `YYYY-9M` or `YYYY-MM-DD..YYYY-MM-DD`";

#[test]
fn out_of_range_indices() {
    assert_eq!(
        parse_err("2024-Q5"),
        "invalid period `2024-Q5`: quarter `5` is out of range: expected 1 to 4"
    );
    assert_eq!(
        parse_err("2024-Q0"),
        "invalid period `2024-Q0`: quarter `0` is out of range: expected 1 to 4"
    );
    assert_eq!(
        parse_err("2024-Q10"),
        "invalid period `2024-Q10`: quarter `10` is out of range: expected 1 to 4"
    );
    assert_eq!(
        parse_err("2024-13"),
        "invalid period `2024-13`: month `13` is out of range: expected 01 to 12"
    );
    assert_eq!(
        parse_err("2024-00"),
        "invalid period `2024-00`: month `0` is out of range: expected 01 to 12"
    );
    assert_eq!(
        parse_err("2024-H3"),
        "invalid period `2024-H3`: half `3` is out of range: expected 1 or 2"
    );
    assert_eq!(
        parse_err("0000"),
        "invalid period `0000`: year `0` is out of range: expected 1 to 9999"
    );
    assert_eq!(
        "2024-Q5".parse::<Period>(),
        Err(PeriodError::Quarter {
            input: "2024-Q5".into(),
            quarter: 5
        })
    );
}

#[test]
fn impossible_and_reversed_ranges() {
    assert_eq!(
        parse_err("2024-02-30..2024-03-01"),
        "invalid period `2024-02-30..2024-03-01`: `2024-02-30` is not a calendar date"
    );
    assert_eq!(
        parse_err("2024-03-01..2024-02-01"),
        "invalid period `2024-03-01..2024-02-01`: the range ends on `2024-02-01`, before it starts on `2024-03-01`"
    );
    assert_eq!(
        parse_err("0000-12-31..2024-01-01"),
        "invalid period `0000-12-31..2024-01-01`: year `0` is out of range: expected 1 to 9999"
    );
    assert_eq!(
        Period::custom(d("2024-03-01"), d("2024-02-01")),
        Err(PeriodError::Reversed {
            input: "2024-03-01..2024-02-01".into(),
            start: d("2024-03-01"),
            end: d("2024-02-01"),
        })
    );
}

#[test]
fn constructors_name_the_input_they_were_given() {
    assert_eq!(
        Period::month(2024, 13).unwrap_err().to_string(),
        "invalid period `2024-13`: month `13` is out of range: expected 01 to 12"
    );
    assert_eq!(
        Period::half_year(2024, 0).unwrap_err().to_string(),
        "invalid period `2024-H0`: half `0` is out of range: expected 1 or 2"
    );
    assert_eq!(
        Period::year(10_000).unwrap_err().to_string(),
        "invalid period `10000`: year `10000` is out of range: expected 1 to 9999"
    );
    assert_eq!(
        Period::nine_months(0).unwrap_err().to_string(),
        "invalid period `0000-9M`: year `0` is out of range: expected 1 to 9999"
    );
}

/// The parser is strict: one spelling per period. Lower case, missing dashes, short
/// months, whitespace and signs are all syntax errors.
#[test]
fn lenient_spellings_are_rejected() {
    for s in [
        "2024-q1",
        "2024Q1",
        "2024-h1",
        "2024-9m",
        "2024-9",
        "2024-Q01",
        " 2024",
        "2024 ",
        "2024-Q1 ",
        "\t2024-Q1",
        "24",
        "02024",
        "+2024",
        "2024-",
        "2024-Q",
        "2024-M9",
        "2024-02-22 .. 2024-12-31",
        "2024-2-22..2024-12-31",
        "2024-02-22..",
        "..2024-12-31",
        "2024-02-22..2024-12-31..2025-01-01",
        "",
        "２０２４",
    ] {
        assert_eq!(
            s.parse::<Period>(),
            Err(PeriodError::Syntax { input: s.into() }),
            "{s:?}"
        );
        assert_eq!(
            parse_err(s),
            format!("invalid period `{s}`: {EXPECTED_SHAPES}")
        );
    }
}

// ---------------------------------------------------------------- serde

#[cfg(feature = "serde")]
#[test]
fn serde_uses_canonical_strings() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Row {
        period: Period,
        frequency: Frequency,
    }
    let row = Row {
        period: p("2024-Q3"),
        frequency: Frequency::HalfYearly,
    };
    let json = serde_json::to_string(&row).unwrap();
    assert_eq!(json, r#"{"period":"2024-Q3","frequency":"half_yearly"}"#);
    assert_eq!(serde_json::from_str::<Row>(&json).unwrap(), row);

    let custom = serde_json::to_string(&p("2024-02-22..2024-12-31")).unwrap();
    assert_eq!(custom, r#""2024-02-22..2024-12-31""#);

    let err = serde_json::from_str::<Period>(r#""2024-Q5""#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid period `2024-Q5`: quarter `5` is out of range: expected 1 to 4 at line 1 column 9"
    );
    let err = serde_json::from_str::<Period>("2024").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: integer `2024`, expected a period string such as `2024-Q3` at line 1 column 4"
    );
    let err = serde_json::from_str::<Frequency>(r#""weekly""#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid frequency `weekly`: expected `monthly`, `quarterly`, `half_yearly`, `nine_monthly` or `yearly` at line 1 column 8"
    );
}
