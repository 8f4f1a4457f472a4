//! Reporting regimes over random periods: the Decree 09 presets and regimes built from the
//! input, with `data_window`, `reporting_period`, `due_for`, `tier_due_for` and `schedule`
//! on the Vietnamese calendar.
//!
//! Properties:
//! - the builder refuses the settings its documentation rules out (blank names, a cut-off
//!   day outside 2..=28, a deadline day outside 1..=31, duplicate or blank tier names, a
//!   deadline counted from a cut-off the regime does not have);
//! - every regime built survives JSON and TOML, and so do its rules;
//! - a period of another frequency is refused;
//! - the data window, each tier's due date and the regime's due date agree with a naive
//!   model (Decree 09/2019/NĐ-CP arts. 12–13 as the module reads them: the window from day
//!   `d` of the month before to day `d - 1` of the last month, deadlines walked one day
//!   at a time on the calendar), and the regime refuses a period exactly when the model
//!   finds a date outside the calendar, a due date with no working day after the cut-off,
//!   or tiers out of order;
//! - `schedule` lists `reporting_period` of each period `Frequency::periods` gives.
#![no_main]

use chrono::{Datelike, NaiveDate};
use directives::calendar::{Roll, Term, TermUnit};
use directives::period::{Frequency, Period};
use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
use directives_fuzz::{date_in, days_in_month, round_trips, shift, vietnam, vietnam_naive, ymd};
use libfuzzer_sys::arbitrary::{self, Unstructured};
use libfuzzer_sys::fuzz_target;

const UNITS: [TermUnit; 5] = [
    TermUnit::Days,
    TermUnit::Weeks,
    TermUnit::Months,
    TermUnit::Years,
    TermUnit::WorkingDays,
];

fn rule(u: &mut Unstructured<'_>) -> arbitrary::Result<DeadlineRule> {
    let term = |u: &mut Unstructured<'_>| -> arbitrary::Result<Term> {
        let unit = *u.choose(&UNITS)?;
        Term::new(u.int_in_range(1..=unit.max_count().min(40))?, unit)
            .map_err(|_| arbitrary::Error::IncorrectFormat)
    };
    Ok(match u.int_in_range(0..=2)? {
        0 => DeadlineRule::DayOfLastMonth {
            day: if u.ratio(1, 8)? {
                u.arbitrary()?
            } else {
                u.int_in_range(1..=31)?
            },
            on_rest_day: if u.arbitrary()? {
                Roll::Keep
            } else {
                Roll::Following
            },
        },
        1 => DeadlineRule::AfterCutOff { term: term(u)? },
        _ => DeadlineRule::AfterPeriodEnd { term: term(u)? },
    })
}

fn regime(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<ReportingRegime>> {
    if u.arbitrary()? {
        let presets = [
            ReportingRegime::decree_09_monthly,
            ReportingRegime::decree_09_quarterly,
            ReportingRegime::decree_09_half_yearly,
            ReportingRegime::decree_09_nine_monthly,
            ReportingRegime::decree_09_yearly,
        ];
        return Ok(Some(u.choose(&presets)?()));
    }
    let name = *u.choose(&["district reports", "", " ", "báo cáo quý"])?;
    let frequency = *u.choose(Frequency::ALL)?;
    let cut_off = match u.int_in_range(0..=3)? {
        0 => CutOff::Calendar,
        1 => CutOff::Decree09,
        2 => CutOff::DayOfMonth {
            first_day: if u.ratio(1, 4)? {
                u.arbitrary()?
            } else {
                u.int_in_range(2..=28)?
            },
        },
        _ => CutOff::Unspecified,
    };
    let deadline = rule(u)?;
    let mut b = ReportingRegime::builder(name)
        .frequency(frequency)
        .cut_off(cut_off)
        .deadline(deadline);
    if u.arbitrary()? {
        b = b.legal_basis("a sector circular");
    }
    let mut tiers = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        let tier = (
            *u.choose(&["commune", "district", "province", ""])?,
            rule(u)?,
        );
        b = b.tier(tier.0, tier.1);
        tiers.push(tier);
    }
    let built = b.build();
    let mut rules = tiers.iter().map(|t| &t.1).chain([&deadline]);
    let must_fail = name.trim().is_empty()
        || matches!(cut_off, CutOff::DayOfMonth { first_day } if !(2..=28).contains(&first_day))
        || rules.clone().any(
            |r| matches!(r, DeadlineRule::DayOfLastMonth { day, .. } if !(1..=31).contains(day)),
        )
        || tiers.iter().any(|t| t.0.trim().is_empty())
        || tiers
            .iter()
            .enumerate()
            .any(|(i, t)| tiers[..i].iter().any(|s| s.0 == t.0))
        || (cut_off == CutOff::Unspecified
            && rules.any(|r| matches!(r, DeadlineRule::AfterCutOff { .. })));
    if must_fail {
        assert!(built.is_err(), "accepted: {built:?}");
    }
    Ok(built.ok())
}

/// The data window by hand.
fn naive_window(cut_off: CutOff, period: Period) -> (NaiveDate, NaiveDate) {
    let first_day = match cut_off {
        CutOff::Decree09 => 15,
        CutOff::DayOfMonth { first_day } => u32::from(first_day),
        _ => return (period.start(), period.end()),
    };
    let (start, end) = (period.start(), period.end());
    let (y, m) = if start.month() == 1 {
        (start.year() - 1, 12)
    } else {
        (start.year(), start.month() - 1)
    };
    (
        ymd(y, m, first_day),
        ymd(end.year(), end.month(), first_day - 1),
    )
}

/// A due date by hand; `None` when it leaves the calendar.
fn naive_due(rule: &DeadlineRule, period: Period, window_end: NaiveDate) -> Option<NaiveDate> {
    let naive = vietnam_naive();
    // Terms of days and working days by hand; the other units through `Term::ends_on`,
    // which the `term` target checks against its own model.
    let after = |anchor: NaiveDate, term: Term| match term.unit() {
        TermUnit::WorkingDays => naive.add_working_days(anchor, i64::from(term.count())),
        TermUnit::Days => naive.roll(shift(anchor, i64::from(term.count()))?, true),
        _ => term.ends_on(anchor, vietnam()).ok(),
    };
    match *rule {
        DeadlineRule::DayOfLastMonth { day, on_rest_day } => {
            let end = period.end();
            let day = u32::from(day).clamp(1, days_in_month(end.year(), end.month()));
            let date = ymd(end.year(), end.month(), day);
            match on_rest_day {
                Roll::Keep => Some(date),
                _ => naive.roll(date, true),
            }
        }
        DeadlineRule::AfterCutOff { term } => after(window_end, term),
        DeadlineRule::AfterPeriodEnd { term } => after(period.end(), term),
        _ => None,
    }
}

/// The due dates of the tiers then of the regime, by hand; `None` where the regime must
/// refuse the period.
fn naive_dues(
    regime: &ReportingRegime,
    period: Period,
    window: (NaiveDate, NaiveDate),
) -> Option<Vec<NaiveDate>> {
    let naive = vietnam_naive();
    let rules = regime
        .tiers()
        .iter()
        .map(|t| t.deadline())
        .chain([regime.deadline()]);
    let mut dues: Vec<NaiveDate> = Vec::new();
    for rule in rules {
        let due = naive_due(&rule, period, window.1)?;
        if regime.cut_off() != CutOff::Unspecified
            && (due <= window.1 || naive.add_working_days(window.1, 1)? > due)
        {
            return None;
        }
        if dues.last().is_some_and(|&before| before > due) {
            return None;
        }
        dues.push(due);
    }
    Some(dues)
}

fn run(data: &[u8]) -> arbitrary::Result<()> {
    let mut u = Unstructured::new(data);
    let Some(regime) = regime(&mut u)? else {
        return Ok(());
    };
    round_trips(&regime);
    round_trips(&regime.cut_off());
    round_trips(&regime.deadline());
    let cal = vietnam();
    let day = date_in(&mut u, ymd(1990, 1, 1), ymd(2100, 12, 31))?;
    let other = *u.choose(Frequency::ALL)?;
    if other != regime.frequency()
        && let Some(wrong) = Period::containing(day, other)
    {
        assert!(
            regime.data_window(wrong).is_err(),
            "{wrong} is not a period of {}",
            regime.frequency()
        );
        assert!(regime.reporting_period(wrong, cal).is_err());
    }
    if let Some(period) = Period::containing(day, regime.frequency()) {
        let window = naive_window(regime.cut_off(), period);
        assert_eq!(regime.data_window(period), Ok(window), "{period}");
        let want = naive_dues(&regime, period, window);
        match (regime.reporting_period(period, cal), want) {
            (Ok(rp), Some(dues)) => {
                assert_eq!(rp.period(), period);
                assert_eq!(rp.data_window(), window);
                assert_eq!(Some(&rp.due()), dues.last(), "{period}: {regime:?}");
                assert_eq!(regime.due_for(period, cal), Ok(rp.due()));
                for (tier, due) in regime.tiers().iter().zip(&dues) {
                    assert_eq!(
                        regime.tier_due_for(tier.name(), period, cal),
                        Ok(*due),
                        "tier {}",
                        tier.name()
                    );
                }
            }
            (Err(_), None) => {}
            (got, want) => panic!("{period}: {regime:?}: got {got:?}, naive model {want:?}"),
        }
        assert!(regime.tier_due_for("no such tier", period, cal).is_err());
    }
    let from = date_in(&mut u, ymd(1989, 6, 1), ymd(2101, 6, 1))?;
    let to = shift(from, u.int_in_range(-10..=800)?).unwrap_or(from);
    let each: Result<Vec<_>, _> = regime
        .frequency()
        .periods(from, to)
        .map(|p| regime.reporting_period(p, cal))
        .collect();
    assert_eq!(
        regime.schedule(from, to, cal).ok(),
        each.ok(),
        "schedule {from}..{to}"
    );
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
