//! Working-day calendars: `WorkCalendarBuilder::build`, then `is_working_day`, `day_info`,
//! `add_working_days`, `working_days_between`, `working_days`, `roll`,
//! `next_working_day` and `previous_working_day`, against a naive day-by-day model.
//!
//! The calendar is built from the input: a week, a range of years, compensation on or
//! off, and either no holiday rules, some of the Vietnamese rules, or the whole Vietnamese
//! calendar with its schedules; plus up to three yearly schedules of random days off,
//! make-up days and swaps.
//!
//! Properties:
//! - the builder refuses exactly the invalid settings (years outside 1..=9998 or reversed,
//!   lunar rules outside 1900..=2199, an empty week);
//! - with no rules, a day is a working day exactly when the schedule says so or, on a day
//!   it does not list, when the week says so (a model that shares nothing with the crate);
//! - with rules: `is_working_day` agrees with `day_info`, every date of a rule in a year
//!   without a schedule is a day off, every scheduled day off is off and every make-up day
//!   is worked;
//! - every query agrees with walking the days one at a time, errors included.
#![no_main]

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use directives::calendar::{
    HolidayDate, HolidayRule, Roll, ScheduledDayKind, WeekMask, WorkCalendar, WorkCalendarBuilder,
    YearSchedule,
};
use directives::provenance::Provenance;
use directives_fuzz::{NaiveCalendar, date_in, shift, ymd};
use libfuzzer_sys::arbitrary::{self, Unstructured};
use libfuzzer_sys::fuzz_target;

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn schedule(u: &mut Unstructured<'_>, year: i32) -> arbitrary::Result<Option<YearSchedule>> {
    let provenance = Provenance::unverified("a schedule made up by the fuzzer")
        .map_err(|_| arbitrary::Error::IncorrectFormat)?;
    let mut b = YearSchedule::builder(year).provenance(provenance);
    // Mostly dates in the year, sometimes just outside it.
    let (Some(lo), Some(hi)) = (
        NaiveDate::from_ymd_opt(year - 1, 12, 30),
        NaiveDate::from_ymd_opt(year + 1, 1, 2),
    ) else {
        return Ok(None);
    };
    for _ in 0..u.int_in_range(0..=4)? {
        let a = date_in(u, lo, hi)?;
        b = match u.int_in_range(0..=3)? {
            0 => b.day_off(a, "Nghỉ", "Day off"),
            1 => b.make_up_day(a, "Làm bù", "Make-up day"),
            2 => b.swap(a, date_in(u, lo, hi)?),
            _ => b.days_off(
                a,
                shift(a, u.int_in_range(-1..=6)?).unwrap_or(a),
                "Nghỉ",
                "Days off",
            ),
        };
    }
    Ok(b.build().ok())
}

fn run(data: &[u8]) -> arbitrary::Result<()> {
    let mut u = Unstructured::new(data);
    let mode: u8 = u.int_in_range(0..=2)?;
    let mut b = match mode {
        0 => WorkCalendar::builder(),
        1 => WorkCalendarBuilder::vietnam(),
        _ => {
            let mut b = WorkCalendar::builder();
            for rule in HolidayRule::vietnam() {
                if u.arbitrary()? {
                    b = b.rule(rule);
                }
            }
            b
        }
    };
    let mut rules: Vec<HolidayRule> = match mode {
        1 => HolidayRule::vietnam(),
        _ => Vec::new(),
    };
    if mode == 2 {
        // The rules the builder got are listed by the calendar; rebuild the list from it
        // after building instead of tracking the coin flips.
        rules.clear();
    }
    let bits: u8 = u.arbitrary()?;
    let days: Vec<Weekday> = WEEK
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, d)| *d)
        .collect();
    let week = WeekMask::from_working_days(&days);
    b = b.week(week);
    let first: i32 = if mode == 0 && u.ratio(1, 4)? {
        u.int_in_range(-1..=10_000)?
    } else {
        u.int_in_range(1896..=2204)?
    };
    let last = first.saturating_add(u.int_in_range(-1..=2)?);
    b = b.years(first, last);
    let compensation: bool = u.arbitrary()?;
    b = b.compensation(compensation);
    let mut schedules: BTreeMap<i32, YearSchedule> = BTreeMap::new();
    let keep_presets = mode == 1 && u.arbitrary()?;
    for _ in 0..u.int_in_range(0..=3)? {
        let year = u.int_in_range(first.saturating_sub(1)..=last.saturating_add(1))?;
        if let Some(s) = schedule(&mut u, year)? {
            schedules.insert(year, s.clone());
            b = b.schedule(s);
        }
    }
    if mode == 1 && !keep_presets {
        for preset in YearSchedule::vietnam_presets() {
            if !schedules.contains_key(&preset.year()) {
                b = b.without_schedule(preset.year());
            }
        }
    }
    let built = b.build();
    let years_ok = first <= last && first >= 1 && last <= 9998;
    let lunar_ok = (1900..=2199).contains(&first) && (1900..=2199).contains(&last);
    let has_lunar = |rs: &[HolidayRule]| {
        rs.iter()
            .any(|r| matches!(r.date(), HolidayDate::Lunar { .. }))
    };
    let cal = match built {
        Ok(cal) => cal,
        Err(e) => {
            // Mode 2 does not track which rules it added; a refusal there is checked only
            // for what does not depend on them.
            let lunar_refusal = mode != 0 && !lunar_ok;
            assert!(
                !years_ok || week.is_empty() || lunar_refusal,
                "{first}..={last} week {bits:#09b} mode {mode}: refused: {e}"
            );
            return Ok(());
        }
    };
    if mode == 2 {
        rules = cal.rules().to_vec();
    }
    assert!(
        years_ok && !week.is_empty(),
        "{first}..={last} week {bits:#09b}: accepted"
    );
    assert!(
        lunar_ok || !has_lunar(&rules),
        "{first}..={last}: lunar rules accepted"
    );
    assert_eq!(
        (cal.first(), cal.last()),
        (ymd(first, 1, 1), ymd(last, 12, 31))
    );
    if mode == 1 && keep_presets {
        for preset in YearSchedule::vietnam_presets() {
            schedules.entry(preset.year()).or_insert(preset);
        }
    }
    let listed: BTreeMap<NaiveDate, ScheduledDayKind> = schedules
        .values()
        .flat_map(|s| s.days().iter().map(|d| (d.date(), d.kind())))
        .collect();

    let naive = NaiveCalendar::new(cal.first(), cal.last(), |d| {
        let info = cal
            .day_info(d)
            .unwrap_or_else(|e| panic!("day_info({d}): {e}"));
        let working = cal
            .is_working_day(d)
            .unwrap_or_else(|e| panic!("is_working_day({d}): {e}"));
        assert_eq!(working, info.is_working(), "{d}: {info:?}");
        match listed.get(&d) {
            Some(ScheduledDayKind::DayOff) => assert!(!working, "{d} is a scheduled day off"),
            Some(ScheduledDayKind::MakeUpWorkingDay) => assert!(working, "{d} is a make-up day"),
            Some(_) => {}
            None if rules.is_empty() => {
                assert_eq!(working, week.is_working(d.weekday()), "{d}: {info:?}")
            }
            None => {}
        }
        working
    });
    for rule in &rules {
        for year in first..=last {
            if schedules.contains_key(&year) {
                continue;
            }
            for d in rule.dates_in(year).unwrap_or_default() {
                if naive.is_working(d) == Some(true) {
                    panic!(
                        "{d}, a day of rule `{}`, is a working day",
                        rule.holiday().id()
                    );
                }
            }
        }
    }

    // Queries, in and around the range.
    let (lo, hi) = (
        shift(cal.first(), -3).unwrap_or(cal.first()),
        shift(cal.last(), 3).unwrap_or(cal.last()),
    );
    for _ in 0..u.int_in_range(1..=12)? {
        let a = date_in(&mut u, lo, hi)?;
        let b = if u.arbitrary()? {
            date_in(&mut u, lo, hi)?
        } else {
            shift(a, u.int_in_range(-40..=40)?).unwrap_or(a)
        };
        let k: i64 = match u.int_in_range(0..=3)? {
            0 => u.arbitrary()?,
            1 => u.int_in_range(-2000..=2000)?,
            _ => u.int_in_range(-12..=12)?,
        };
        let inside = naive.is_working(a).is_some();
        assert_eq!(cal.is_working_day(a).ok(), naive.is_working(a), "{a}");
        match cal.add_working_days(a, k) {
            Ok(got) => assert_eq!(Some(got), naive.add_working_days(a, k), "{a} + {k}"),
            Err(e) => assert_eq!(naive.add_working_days(a, k), None, "{a} + {k}: {e}"),
        }
        assert_eq!(
            cal.next_working_day(a).ok(),
            naive.add_working_days(a, 1),
            "next after {a}"
        );
        assert_eq!(
            cal.previous_working_day(a).ok(),
            naive.add_working_days(a, -1),
            "previous before {a}"
        );
        let between = naive.working_days(a, b).map(|v| v.len() as i64);
        let back = naive.working_days(b, a).map(|v| v.len() as i64);
        let want = between.zip(back).map(|(f, r)| f - r);
        assert_eq!(
            cal.working_days_between(a, b).ok(),
            want,
            "between {a} and {b}"
        );
        assert_eq!(
            cal.working_days(a, b).ok().map(<[NaiveDate]>::to_vec),
            naive.working_days(a, b),
            "working days {a}..{b}"
        );
        let following = naive.roll(a, true);
        let preceding = naive.roll(a, false);
        let same_month =
            |d: Option<NaiveDate>| d.filter(|d| (d.year(), d.month()) == (a.year(), a.month()));
        assert_eq!(
            cal.roll(a, Roll::Following).ok(),
            following,
            "{a} following"
        );
        assert_eq!(
            cal.roll(a, Roll::Preceding).ok(),
            preceding,
            "{a} preceding"
        );
        assert_eq!(
            cal.roll(a, Roll::ModifiedFollowing).ok(),
            same_month(following).or(preceding),
            "{a} modified following"
        );
        assert_eq!(
            cal.roll(a, Roll::ModifiedPreceding).ok(),
            same_month(preceding).or(following),
            "{a} modified preceding"
        );
        if !inside {
            assert!(cal.day_info(a).is_err(), "{a} outside the range");
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
