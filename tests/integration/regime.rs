//! `directives::regime`: Decree 09/2019/NĐ-CP windows and deadlines, tiers, validation,
//! one-off reports, serde.

use std::sync::OnceLock;

use chrono::NaiveDate;
use directives::calendar::{CalendarError, Roll, Term, WorkCalendar};
use directives::document::{DocSymbol, SymbolSystem};
use directives::period::{Frequency, Period};
use directives::provenance::{Certainty, FactArea};
use directives::regime::{
    CutOff, DeadlineRule, LegalForce, OneOffKind, OneOffReport, RegimeError, RegimeScope,
    ReportingRegime,
};
use proptest::prelude::*;

fn cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| WorkCalendar::vietnam().unwrap())
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn window(regime: &ReportingRegime, period: &str) -> (NaiveDate, NaiveDate) {
    regime.data_window(p(period)).unwrap()
}

fn day(day: u8, on_rest_day: Roll) -> DeadlineRule {
    DeadlineRule::DayOfLastMonth { day, on_rest_day }
}

fn keep(n: u8) -> DeadlineRule {
    day(n, Roll::Keep)
}

fn working(days: i64) -> DeadlineRule {
    DeadlineRule::AfterCutOff {
        term: Term::working_days(days).unwrap(),
    }
}

fn presets() -> Vec<ReportingRegime> {
    vec![
        ReportingRegime::decree_09_monthly(),
        ReportingRegime::decree_09_quarterly(),
        ReportingRegime::decree_09_half_yearly(),
        ReportingRegime::decree_09_nine_monthly(),
        ReportingRegime::decree_09_yearly(),
    ]
}

/// The annual report on meetings of Circular 01/2020/TT-VPCP art. 11 (verified; it is the
/// report on meetings, not a general year report): commune → district by Dec 17, district
/// → province by Dec 19, province → Government Office by Dec 22.
fn circular_01_year_report() -> ReportingRegime {
    ReportingRegime::builder("annual report on meetings (Circular 01/2020/TT-VPCP art. 11)")
        .legal_basis("Circular 01/2020/TT-VPCP art. 11")
        .frequency(Frequency::Yearly)
        .cut_off(CutOff::Decree09)
        .deadline(keep(22))
        .tier("commune", keep(17))
        .tier("district", keep(19))
        .build()
        .unwrap()
}

// ---------------------------------------------------------------- worked examples

/// Decree 09/2019/NĐ-CP art. 12: a month runs from the 15th of the previous month to the
/// 14th of the reporting month.
#[test]
fn decree_09_art_12_monthly_windows() {
    let r = ReportingRegime::decree_09_monthly();
    assert_eq!(window(&r, "2024-01"), (d("2023-12-15"), d("2024-01-14")));
    assert_eq!(window(&r, "2024-03"), (d("2024-02-15"), d("2024-03-14")));
    assert_eq!(window(&r, "2024-12"), (d("2024-11-15"), d("2024-12-14")));
}

/// Decree 09/2019/NĐ-CP art. 12: Q1 = Dec 15 – Mar 14, …, Q4 = Sep 15 – Dec 14.
#[test]
fn decree_09_art_12_quarterly_windows() {
    let r = ReportingRegime::decree_09_quarterly();
    assert_eq!(window(&r, "2024-Q1"), (d("2023-12-15"), d("2024-03-14")));
    assert_eq!(window(&r, "2024-Q2"), (d("2024-03-15"), d("2024-06-14")));
    assert_eq!(window(&r, "2024-Q3"), (d("2024-06-15"), d("2024-09-14")));
    assert_eq!(window(&r, "2024-Q4"), (d("2024-09-15"), d("2024-12-14")));
}

/// Decree 09/2019/NĐ-CP art. 12: the first half runs Dec 15 (previous year) – Jun 14, the
/// second Jun 15 – Dec 14.
#[test]
fn decree_09_art_12_half_year_windows() {
    let r = ReportingRegime::decree_09_half_yearly();
    assert_eq!(window(&r, "2024-H1"), (d("2023-12-15"), d("2024-06-14")));
    assert_eq!(window(&r, "2024-H2"), (d("2024-06-15"), d("2024-12-14")));
}

/// Decree 09/2019/NĐ-CP art. 12: the year runs Dec 15 (previous year) – Dec 14.
#[test]
fn decree_09_art_12_year_window() {
    let r = ReportingRegime::decree_09_yearly();
    assert_eq!(window(&r, "2024"), (d("2023-12-15"), d("2024-12-14")));
}

/// Nine months as provinces use it (not in art. 12): Dec 15 (previous year) – Sep 14.
#[test]
fn nine_month_window_as_provinces_use_it() {
    let r = ReportingRegime::decree_09_nine_monthly();
    assert_eq!(window(&r, "2024-9M"), (d("2023-12-15"), d("2024-09-14")));
}

/// Decree 09/2019/NĐ-CP art. 13.1: by the 25th of the last month; a 25th on a rest day
/// moves to the next working day (Civil Code 2015 art. 148.5).
#[test]
fn decree_09_art_13_1_monthly_deadlines_2024() {
    let dues: Vec<String> = ReportingRegime::decree_09_monthly()
        .schedule(d("2024-01-01"), d("2024-12-31"), cal())
        .unwrap()
        .iter()
        .map(|r| r.due().to_string())
        .collect();
    assert_eq!(
        dues,
        [
            "2024-01-25",
            "2024-02-26", // Sun 25 Feb
            "2024-03-25",
            "2024-04-25",
            "2024-05-27", // Sat 25 May
            "2024-06-25",
            "2024-07-25",
            "2024-08-26", // Sun 25 Aug
            "2024-09-25",
            "2024-10-25",
            "2024-11-25",
            "2024-12-25",
        ]
    );
}

/// Decree 09/2019/NĐ-CP art. 13.1, year report: 25 December 2021 was a Saturday.
#[test]
fn decree_09_year_deadline_rolls_over_a_weekend() {
    let r = ReportingRegime::decree_09_yearly();
    assert_eq!(r.due_for(p("2021"), cal()).unwrap(), d("2021-12-27"));
    assert_eq!(r.due_for(p("2024"), cal()).unwrap(), d("2024-12-25"));
}

/// Circular 01/2020/TT-VPCP art. 11 (verified): the per-tier cascade of the annual report on
/// meetings.
#[test]
fn circular_01_2020_art_11_tier_cascade() {
    let r = circular_01_year_report();
    let year = p("2024");
    assert_eq!(
        r.tier_due_for("commune", year, cal()).unwrap(),
        d("2024-12-17")
    );
    assert_eq!(
        r.tier_due_for("district", year, cal()).unwrap(),
        d("2024-12-19")
    );
    // The regime's own deadline is fixed (Roll::Keep): Sunday 22 December 2024.
    assert_eq!(r.due_for(year, cal()).unwrap(), d("2024-12-22"));
    let communes = r
        .schedule_for_tier("commune", d("2023-01-01"), d("2024-12-31"), cal())
        .unwrap();
    let dues: Vec<NaiveDate> = communes.iter().map(|x| x.due()).collect();
    assert_eq!(dues, [d("2023-12-17"), d("2024-12-17")]);
    assert_eq!(
        communes[1].data_window(),
        (d("2023-12-15"), d("2024-12-14"))
    );
    assert_eq!(
        r.tier_due_for("province", year, cal())
            .unwrap_err()
            .to_string(),
        "regime `annual report on meetings (Circular 01/2020/TT-VPCP art. 11)` has no tier `province`"
    );
}

#[test]
fn inspection_regime_16th_to_15th() {
    let r = ReportingRegime::builder("inspection")
        .frequency(Frequency::Monthly)
        .cut_off(CutOff::DayOfMonth { first_day: 16 })
        .deadline(working(3))
        .build()
        .unwrap();
    let march = r.reporting_period(p("2024-03"), cal()).unwrap();
    assert_eq!(march.data_window(), (d("2024-02-16"), d("2024-03-15")));
    // Fri 15 March; three working days later: Wed 20 March.
    assert_eq!(march.due(), d("2024-03-20"));
}

/// Working days skip Tết 2024 (Feb 8–14).
#[test]
fn working_day_deadlines_skip_tet() {
    let r = ReportingRegime::builder("monthly, 5 working days")
        .frequency(Frequency::Monthly)
        .cut_off(CutOff::Decree09)
        .deadline(working(5))
        .build()
        .unwrap();
    // Cut-off Wed 14 Feb 2024 (Tết); Thu 15, Fri 16, Mon 19, Tue 20, Wed 21.
    assert_eq!(r.due_for(p("2024-02"), cal()).unwrap(), d("2024-02-21"));
    // Cut-off Sun 14 Jan 2024: Mon 15 … Fri 19.
    assert_eq!(r.due_for(p("2024-01"), cal()).unwrap(), d("2024-01-19"));
}

/// "By the end of the month" is the month's last day, moved off a rest day; a term is at
/// least one day, so it is not a term of zero days.
#[test]
fn the_end_of_the_month_moves_off_a_rest_day() {
    let r = ReportingRegime::builder("by the end of the month")
        .frequency(Frequency::Monthly)
        .cut_off(CutOff::Decree09)
        .deadline(day(31, Roll::Following))
        .build()
        .unwrap();
    assert!(Term::working_days(0).is_err());
    // Sun 31 March 2024 → Mon 1 April; Fri 31 May 2024 stays.
    assert_eq!(r.due_for(p("2024-03"), cal()).unwrap(), d("2024-04-01"));
    assert_eq!(r.due_for(p("2024-05"), cal()).unwrap(), d("2024-05-31"));
}

/// Calendar days are a term: a last day on a rest day moves (Civil Code 2015 art. 148.5).
#[test]
fn calendar_day_deadlines_roll() {
    let r = ReportingRegime::builder("finance")
        .frequency(Frequency::Quarterly)
        .cut_off(CutOff::Calendar)
        .deadline(DeadlineRule::AfterPeriodEnd {
            term: Term::days(20).unwrap(),
        })
        .build()
        .unwrap();
    // 31 March 2024 + 20 days = Sat 20 April → Mon 22 April.
    assert_eq!(r.due_for(p("2024-Q1"), cal()).unwrap(), d("2024-04-22"));
    // 30 June 2024 + 20 days = Sat 20 July → Mon 22 July.
    assert_eq!(r.due_for(p("2024-Q2"), cal()).unwrap(), d("2024-07-22"));
    // 30 September 2024 + 20 days = Sun 20 October → Mon 21 October.
    assert_eq!(r.due_for(p("2024-Q3"), cal()).unwrap(), d("2024-10-21"));
}

#[test]
fn term_deadlines_follow_the_calendar() {
    let term: Term = "1 month".parse().unwrap();
    let r = ReportingRegime::builder("term")
        .frequency(Frequency::Monthly)
        .cut_off(CutOff::Decree09)
        .deadline(DeadlineRule::AfterCutOff { term })
        .build()
        .unwrap();
    for month in Frequency::Monthly.periods(d("2024-01-01"), d("2025-12-31")) {
        let (_, cut_off) = r.data_window(month).unwrap();
        assert_eq!(
            r.due_for(month, cal()).unwrap(),
            term.ends_on(cut_off, cal()).unwrap()
        );
    }
}

#[test]
fn after_period_end_follows_the_calendar() {
    let term: Term = "10 working days".parse().unwrap();
    let r = ReportingRegime::builder("term from the period end")
        .frequency(Frequency::Quarterly)
        .cut_off(CutOff::Decree09)
        .deadline(DeadlineRule::AfterPeriodEnd { term })
        .build()
        .unwrap();
    for quarter in Frequency::Quarterly.periods(d("2024-01-01"), d("2025-12-31")) {
        assert_eq!(
            r.due_for(quarter, cal()).unwrap(),
            term.ends_on(quarter.end(), cal()).unwrap()
        );
    }
    // Q1 2024 ends on Sun 31 March: ten working days are Apr 1–12.
    assert_eq!(r.due_for(p("2024-Q1"), cal()).unwrap(), d("2024-04-12"));
    // Q1 2025 ends on Mon 31 March; Hùng Kings' day Mon 7 April is skipped: Apr 15.
    assert_eq!(r.due_for(p("2025-Q1"), cal()).unwrap(), d("2025-04-15"));
    assert_eq!(
        DeadlineRule::AfterPeriodEnd { term }.to_string(),
        "10 working days after the period end"
    );
}

#[test]
fn one_off_reports() {
    let report = OneOffReport::new(
        "review of the directive",
        OneOffKind::Thematic,
        p("2024-02-22..2024-12-31"),
        d("2025-01-10"),
    )
    .unwrap()
    .with_legal_basis("1470-CV/TU");
    let r = report.reporting_period();
    assert_eq!(r.period(), p("2024-02-22..2024-12-31"));
    assert_eq!(r.data_window(), (d("2024-02-22"), d("2024-12-31")));
    assert_eq!(r.due(), d("2025-01-10"));
    assert_eq!(report.kind(), OneOffKind::Thematic);
    assert_eq!(report.legal_basis(), Some("1470-CV/TU"));
    assert!(!report.leaves_no_working_day(cal()).unwrap());

    assert_eq!(
        OneOffReport::new("storm", OneOffKind::AdHoc, p("2024-06"), d("2024-06-29"))
            .unwrap_err()
            .to_string(),
        "report `storm`: due date `2024-06-29` is before the end of its window `2024-06-30`: a report cannot fall due before the last day its figures cover"
    );
}

/// Decree 09/2019/NĐ-CP art. 8.5(c) (verified): for thematic and ad-hoc reports the asking
/// body sets the cut-off and the deadline, so a report due on the last day of its window,
/// or on the Sunday after a Friday window end, is valid; the tool may only warn.
#[test]
fn art_8_5_c_one_off_dates_are_the_asking_bodys() {
    let same_day =
        OneOffReport::new("storm", OneOffKind::AdHoc, p("2024-06"), d("2024-06-30")).unwrap();
    assert_eq!(same_day.reporting_period().due(), d("2024-06-30"));
    assert!(same_day.leaves_no_working_day(cal()).unwrap());
    let weekend = OneOffReport::new(
        "storm",
        OneOffKind::AdHoc,
        p("2024-06-01..2024-06-07"),
        d("2024-06-09"),
    )
    .unwrap();
    assert_eq!(weekend.reporting_period().due(), d("2024-06-09"));
    assert!(weekend.leaves_no_working_day(cal()).unwrap());
    // Monday 10 June is the first working day after the window.
    let monday = OneOffReport::new(
        "storm",
        OneOffKind::AdHoc,
        p("2024-06-01..2024-06-07"),
        d("2024-06-10"),
    )
    .unwrap();
    assert!(!monday.leaves_no_working_day(cal()).unwrap());
    assert_eq!(
        OneOffReport::new(" ", OneOffKind::AdHoc, p("2024-06"), d("2024-07-05")),
        Err(RegimeError::EmptyName)
    );
}

/// A due date moved off a rest day by a fixed-day rule rests on the unverified fact
/// `fixed_day_moves_off_rest_day`; the reporting period says from which day it moved, so a
/// report can name it. A rule that keeps the day, or a day that is a working day, moved
/// nothing.
#[test]
fn a_moved_fixed_day_is_reported() {
    let regime = ReportingRegime::decree_09_quarterly();
    // 2023-03-25 is a Saturday: due Monday 27 March.
    let q1 = regime.reporting_period(p("2023-Q1"), cal()).unwrap();
    assert_eq!(
        (q1.due(), q1.moved_from()),
        (d("2023-03-27"), Some(d("2023-03-25")))
    );
    let q1_2024 = regime.reporting_period(p("2024-Q1"), cal()).unwrap();
    assert_eq!(q1_2024.moved_from(), None);
    let keep = ReportingRegime::builder("keep")
        .frequency(Frequency::Quarterly)
        .cut_off(CutOff::Decree09)
        .deadline(keep(25))
        .build()
        .unwrap();
    let kept = keep.reporting_period(p("2023-Q1"), cal()).unwrap();
    assert_eq!((kept.due(), kept.moved_from()), (d("2023-03-25"), None));
    let facts = directives::regime::facts();
    assert!(
        facts.iter().any(
            |f| f.id() == "fixed_day_moves_off_rest_day" && f.is_below(Certainty::Corroborated)
        )
    );
}

/// Every shipped fact of the module, pinned: a new preset or rule cannot slip in
/// unlabelled, and each unverified one states its assumption.
#[test]
fn facts_are_pinned_with_their_provenance() {
    let facts = directives::regime::facts();
    let ids: Vec<(FactArea, &str, Certainty)> = facts
        .iter()
        .map(|f| (f.area(), f.id(), f.provenance().certainty()))
        .collect();
    use Certainty::{Unverified, Verified};
    use FactArea::{LegalRule, RegimePreset};
    assert_eq!(
        ids,
        [
            (RegimePreset, "decree_09_monthly", Verified),
            (RegimePreset, "decree_09_quarterly", Verified),
            (RegimePreset, "decree_09_half_yearly", Verified),
            (RegimePreset, "decree_09_nine_monthly", Unverified),
            (RegimePreset, "decree_09_yearly", Verified),
            (LegalRule, "decree_09_art_8_5_b", Verified),
            (LegalRule, "decree_09_art_8_5_c", Verified),
            (LegalRule, "decree_09_scope", Verified),
            (LegalRule, "circular_01_2020_art_11", Verified),
            (LegalRule, "fixed_day_moves_off_rest_day", Unverified),
        ]
    );
    let assumptions: Vec<(&str, &str)> = facts
        .iter()
        .filter_map(|f| Some((f.id(), f.provenance().assumption()?)))
        .collect();
    assert_eq!(
        assumptions,
        [
            (
                "decree_09_nine_monthly",
                "Decree 09/2019/NĐ-CP art. 12 lists no nine-month report; the window (Dec 15 – Sep 14) and the deadline (Sep 25) extend its rule as provinces write it into their own regimes (for example Decision 01/2023/QĐ-UBND of Khánh Hòa, art. 4, not read here)"
            ),
            (
                "fixed_day_moves_off_rest_day",
                "art. 13.1 names a calendar day and says nothing of rest days; this crate reads the general rule of Civil Code 2015 art. 148.5 as applying (art. 145.1 lets a law provide otherwise); build a rule with `Roll::Keep` to hold the day"
            ),
        ]
    );
    // Art. 8.5(b) was read: no longer labelled unverified.
    let art_8_5_b = facts
        .iter()
        .find(|f| f.id() == "decree_09_art_8_5_b")
        .unwrap();
    assert_eq!(
        art_8_5_b.provenance().citation(),
        Some("Decree 09/2019/NĐ-CP art. 8.5(b)")
    );
    // Circular 01/2020 art. 11 is the annual report on meetings, and says so.
    let circular = facts
        .iter()
        .find(|f| f.id() == "circular_01_2020_art_11")
        .unwrap();
    assert!(
        circular
            .statement()
            .starts_with("the annual report on meetings")
    );
}

/// Decree 09/2019/NĐ-CP art. 1.1(a), art. 2: the decree governs state administrative
/// agencies; applied to a Party letter it is an analogy.
#[test]
fn decree_09_applies_to_party_letters_by_analogy() {
    for preset in presets() {
        assert_eq!(
            preset.scope(),
            RegimeScope::StateAdministration,
            "{}",
            preset.name()
        );
        assert!(preset.provenance().is_some(), "{}", preset.name());
    }
    let letter = DocSymbol::parse("1470-CV/TU").unwrap();
    let plan = DocSymbol::parse("05/KH-UBND").unwrap();
    let scope = ReportingRegime::decree_09_half_yearly().scope();
    assert_eq!(scope.force(letter.system()), LegalForce::ByAnalogy);
    assert_eq!(scope.force(plan.system()), LegalForce::Direct);
    assert_eq!(
        RegimeScope::Any.force(SymbolSystem::Party),
        LegalForce::Direct
    );
    // A regime built by a user binds whoever its document binds.
    assert_eq!(circular_01_year_report().scope(), RegimeScope::Any);
    assert_eq!(circular_01_year_report().provenance(), None);
}

// ---------------------------------------------------------------- properties

fn arb_regime() -> impl Strategy<Value = ReportingRegime> {
    let cut_off = prop_oneof![
        Just(CutOff::Decree09),
        Just(CutOff::Calendar),
        (2u8..=28).prop_map(|first_day| CutOff::DayOfMonth { first_day }),
    ];
    let rest = prop_oneof![Just(Roll::Keep), Just(Roll::Following)];
    let term = prop_oneof![
        (1i64..=40).prop_map(|n| Term::working_days(n).unwrap()),
        (1i64..=40).prop_map(|n| Term::days(n).unwrap()),
        (1i64..=3).prop_map(|n| Term::months(n).unwrap()),
    ];
    let rule = prop_oneof![
        (1u8..=31, rest)
            .prop_map(|(day, on_rest_day)| DeadlineRule::DayOfLastMonth { day, on_rest_day }),
        term.clone()
            .prop_map(|term| DeadlineRule::AfterCutOff { term }),
        term.prop_map(|term| DeadlineRule::AfterPeriodEnd { term }),
    ];
    let frequency = prop::sample::select(Frequency::ALL.to_vec());
    (frequency, cut_off, rule).prop_filter_map("rule rejected by the builder", |(f, c, r)| {
        ReportingRegime::builder("generated")
            .frequency(f)
            .cut_off(c)
            .deadline(r)
            .build()
            .ok()
    })
}

fn arb_day() -> impl Strategy<Value = NaiveDate> {
    (0i64..365 * 60).prop_map(|n| d("2000-01-01") + chrono::Duration::days(n))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Consecutive data windows are contiguous and disjoint (nine-month windows, one a
    /// year, are disjoint with gaps).
    #[test]
    fn consecutive_windows_are_contiguous(regime in arb_regime(), from in arb_day(), months in 0u64..60) {
        let to = from.checked_add_months(chrono::Months::new(u32::try_from(months).unwrap())).unwrap();
        // Windows need no calendar, so every period of the range has one.
        let windows: Vec<(NaiveDate, NaiveDate)> = regime
            .frequency()
            .periods(from, to)
            .map(|period| regime.data_window(period).unwrap())
            .collect();
        prop_assert!(!windows.is_empty() || regime.frequency() == Frequency::NineMonthly);
        for pair in windows.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            prop_assert!(a.0 <= a.1);
            if regime.frequency() == Frequency::NineMonthly {
                prop_assert!(a.1 < b.0);
            } else {
                prop_assert_eq!(a.1.succ_opt(), Some(b.0));
            }
        }
    }

    /// Every due date leaves at least one working day after the cut-off (Decree 09/2019/NĐ-CP
    /// art. 8.5), and falls on a working day whenever the rule moves off rest days.
    #[test]
    fn deadlines_respect_the_rules(regime in arb_regime(), from in arb_day()) {
        let to = from.checked_add_months(chrono::Months::new(24)).unwrap();
        for period in regime.frequency().periods(from, to) {
            match regime.reporting_period(period, cal()) {
                Ok(r) => {
                    let (_, cut_off) = r.data_window();
                    prop_assert!(cal().add_working_days(cut_off, 1).unwrap() <= r.due());
                    let rolls = !matches!(
                        regime.deadline(),
                        DeadlineRule::DayOfLastMonth { on_rest_day: Roll::Keep, .. }
                    );
                    if rolls {
                        prop_assert!(cal().is_working_day(r.due()).unwrap());
                    }
                }
                Err(RegimeError::NoWorkingDayAfterCutOff { due, cut_off, .. }) => {
                    prop_assert!(cal().add_working_days(cut_off, 1).unwrap() > due);
                }
                Err(other) => prop_assert!(false, "unexpected error {other}"),
            }
        }
    }

    /// The Decree 09 presets: every deadline is a working day between the 25th and the
    /// end of the last month, and the schedule lists exactly the periods of the range.
    #[test]
    fn presets_schedule_every_period(from in arb_day(), months in 0u32..36) {
        let to = from.checked_add_months(chrono::Months::new(months)).unwrap();
        for regime in presets() {
            let schedule = regime.schedule(from, to, cal()).unwrap();
            let periods: Vec<Period> = regime.frequency().periods(from, to).collect();
            prop_assert_eq!(schedule.iter().map(|r| r.period()).collect::<Vec<_>>(), periods);
            for r in &schedule {
                prop_assert_eq!(regime.due_for(r.period(), cal()).unwrap(), r.due());
                prop_assert!(cal().is_working_day(r.due()).unwrap());
                let last = r.period().end();
                prop_assert!(r.due() >= last.with_day(25).unwrap());
                prop_assert!(r.due() <= last + chrono::Duration::days(10));
            }
        }
    }
}

use chrono::Datelike;

// ---------------------------------------------------------------- errors, pinned

fn build_err(builder: directives::regime::ReportingRegimeBuilder) -> String {
    builder.build().unwrap_err().to_string()
}

fn monthly(name: &str) -> directives::regime::ReportingRegimeBuilder {
    ReportingRegime::builder(name)
        .frequency(Frequency::Monthly)
        .cut_off(CutOff::Decree09)
}

#[test]
fn builder_errors() {
    assert_eq!(
        build_err(ReportingRegime::builder("")),
        "a reporting regime or one-off report has an empty name"
    );
    assert_eq!(
        build_err(
            ReportingRegime::builder("r")
                .cut_off(CutOff::Decree09)
                .deadline(keep(25))
        ),
        "regime `r`: missing the frequency"
    );
    assert_eq!(
        build_err(
            ReportingRegime::builder("r")
                .frequency(Frequency::Monthly)
                .deadline(keep(25))
        ),
        "regime `r`: missing the cut-off rule"
    );
    assert_eq!(
        build_err(monthly("r")),
        "regime `r`: missing the deadline rule"
    );
    assert_eq!(
        build_err(
            monthly("r")
                .cut_off(CutOff::DayOfMonth { first_day: 29 })
                .deadline(working(1))
        ),
        "regime `r`: cut-off day `29` is out of range: expected 2 to 28"
    );
    assert_eq!(
        build_err(
            monthly("r")
                .cut_off(CutOff::DayOfMonth { first_day: 1 })
                .deadline(working(1))
        ),
        "regime `r`: cut-off day `1` is out of range: expected 2 to 28"
    );
    assert_eq!(
        build_err(monthly("r").deadline(keep(32))),
        "regime `r`: deadline day `32` is out of range: expected 1 to 31"
    );
    assert_eq!(
        build_err(monthly("r").deadline(keep(0))),
        "regime `r`: deadline day `0` is out of range: expected 1 to 31"
    );
    assert_eq!(
        build_err(
            monthly("r")
                .cut_off(CutOff::Unspecified)
                .deadline(working(3))
        ),
        "regime `r`: the deadline `3 working days after the cut-off` counts from the cut-off, but the regime states none"
    );
}

/// Decree 09/2019/NĐ-CP art. 8.5(b) (verified): "không ít hơn 01 ngày làm việc" from the end
/// of the cut-off to the deadline.
#[test]
fn art_8_5_deadline_after_cut_off() {
    assert_eq!(
        build_err(monthly("r").deadline(keep(14))),
        "regime `r`: the deadline `day 14 of the last month` does not fall after the cut-off `the 15th of the month before to the 14th of the last month (Decree 09/2019/NĐ-CP art. 12)`: expected at least one working day after the cut-off (Decree 09/2019/NĐ-CP art. 8.5(b))"
    );
    assert_eq!(
        build_err(
            monthly("r")
                .cut_off(CutOff::Calendar)
                .deadline(day(31, Roll::Following))
        ),
        "regime `r`: the deadline `day 31 of the last month, or the next working day` does not fall after the cut-off `the calendar period`: expected at least one working day after the cut-off (Decree 09/2019/NĐ-CP art. 8.5(b))"
    );
    // A term of zero days cannot be written, so "0 working days after the cut-off" never
    // reaches the builder.
    assert!(Term::working_days(0).is_err());
    assert_eq!(
        build_err(monthly("r").deadline(keep(25)).tier("commune", keep(10))),
        "regime `r`: the deadline of tier `commune` `day 10 of the last month` does not fall after the cut-off `the 15th of the month before to the 14th of the last month (Decree 09/2019/NĐ-CP art. 12)`: expected at least one working day after the cut-off (Decree 09/2019/NĐ-CP art. 8.5(b))"
    );

    // Day 15 passes the static check, but 15 June 2024 is a Saturday after Friday 14 June.
    let r = monthly("r").deadline(keep(15)).build().unwrap();
    assert_eq!(r.due_for(p("2024-05"), cal()).unwrap(), d("2024-05-15"));
    assert_eq!(
        r.due_for(p("2024-06"), cal()).unwrap_err().to_string(),
        "regime `r`, period `2024-06`: the deadline `2024-06-15` leaves no working day after the cut-off `2024-06-14` (Decree 09/2019/NĐ-CP art. 8.5(b))"
    );
    assert!(matches!(
        r.schedule(d("2024-01-01"), d("2024-12-31"), cal()),
        Err(RegimeError::NoWorkingDayAfterCutOff { period, .. }) if period == p("2024-06")
    ));
}

/// Decree 09/2019/NĐ-CP art. 8.5(b) (verified): a report aggregated through several tiers
/// states a deadline per tier; tiers in order, each named once.
#[test]
fn tiers_in_order() {
    let year = || {
        ReportingRegime::builder("y")
            .frequency(Frequency::Yearly)
            .cut_off(CutOff::Decree09)
            .deadline(keep(22))
    };
    assert_eq!(
        build_err(year().tier("district", keep(19)).tier("commune", keep(17))),
        "regime `y`: tier `district` is not due before tier `commune`: expected tiers in order, lowest first (Decree 09/2019/NĐ-CP art. 8.5(b))"
    );
    assert_eq!(
        build_err(year().tier("province", keep(22))),
        "regime `y`: tier `province` is not due before the regime's own deadline: expected tiers in order, lowest first (Decree 09/2019/NĐ-CP art. 8.5(b))"
    );
    assert_eq!(
        build_err(year().tier("commune", keep(17)).tier("commune", keep(19))),
        "regime `y`: tier `commune` is listed twice"
    );
    assert_eq!(
        build_err(year().tier("", keep(17))),
        "regime `y`: a tier has an empty name"
    );
    // Out of order across a tier of another kind: the commune's 20th can never come
    // before the regime's 19th, whatever the district's rule.
    assert_eq!(
        build_err(
            year()
                .deadline(keep(19))
                .tier("commune", keep(20))
                .tier("district", working(1))
        ),
        "regime `y`: tier `commune` is not due before the regime's own deadline: expected tiers in order, lowest first (Decree 09/2019/NĐ-CP art. 8.5(b))"
    );

    // Rules of different kinds are compared per period. 17 December 2022 is a Saturday:
    // the commune deadline moves to Monday 19th, after the district's fixed 18th.
    let r = year()
        .tier("commune", day(17, Roll::Following))
        .tier("district", keep(18))
        .build()
        .unwrap();
    assert_eq!(
        r.tier_due_for("district", p("2024"), cal()).unwrap(),
        d("2024-12-18")
    );
    assert_eq!(
        r.due_for(p("2022"), cal()).unwrap_err().to_string(),
        "regime `y`, period `2022`: tier `commune` is due `2022-12-19`, after tier `district` due `2022-12-18`: expected tiers in order, lowest first (Decree 09/2019/NĐ-CP art. 8.5(b))"
    );
}

#[test]
fn period_and_calendar_errors() {
    let r = ReportingRegime::decree_09_quarterly();
    assert_eq!(
        r.due_for(p("2024-05"), cal()).unwrap_err().to_string(),
        "regime `Decree 09/2019/NĐ-CP quarterly report` is `quarterly`: `2024-05` is not one of its periods"
    );
    assert_eq!(
        r.data_window(p("2024-01-01..2024-03-31")).unwrap_err(),
        RegimeError::NotARegimePeriod {
            regime: r.name().to_owned(),
            period: p("2024-01-01..2024-03-31"),
            frequency: Frequency::Quarterly,
        }
    );
    // Windows need no calendar; due dates outside the calendar's years are calendar errors.
    assert_eq!(window(&r, "2300-Q1"), (d("2299-12-15"), d("2300-03-14")));
    let err = r.due_for(p("2300-Q1"), cal()).unwrap_err();
    assert!(matches!(
        err,
        RegimeError::Calendar(CalendarError::OutOfRange { .. })
    ));
    // The crate's error has one variant per cause: a calendar failure is `Calendar`.
    let crate_err: directives::Error = err.into();
    assert!(matches!(
        crate_err,
        directives::Error::Calendar(CalendarError::OutOfRange { .. })
    ));
}

// ---------------------------------------------------------------- serde

#[cfg(feature = "serde")]
mod serde_json_shape {
    use super::*;

    #[test]
    fn preset_json_shape_and_round_trip() {
        let json = serde_json::to_string(&ReportingRegime::decree_09_quarterly()).unwrap();
        assert_eq!(
            json,
            r#"{"name":"Decree 09/2019/NĐ-CP quarterly report","legal_basis":"Decree 09/2019/NĐ-CP art. 12 (data cut-off), art. 13.1 (deadline: at the latest on the 25th of the last month of the period, ministries and provincial People's Committees to the Government and the Prime Minister)","scope":"state_administration","provenance":{"certainty":"verified","citation":"Decree 09/2019/NĐ-CP art. 12 (the cut-off windows) and art. 13.1 (\"chậm nhất vào ngày 25 của tháng cuối kỳ báo cáo\"); moving the 25th off a rest day is this crate's reading of Civil Code 2015 art. 148.5, listed as its own fact"},"frequency":"quarterly","cut_off":{"kind":"decree_09"},"deadline":{"kind":"day_of_last_month","day":25,"on_rest_day":"following"}}"#
        );
        for regime in presets().into_iter().chain([circular_01_year_report()]) {
            let json = serde_json::to_string(&regime).unwrap();
            assert_eq!(
                serde_json::from_str::<ReportingRegime>(&json).unwrap(),
                regime
            );
        }
    }

    #[test]
    fn every_rule_shape() {
        let json = r#"{
            "name": "mixed",
            "frequency": "monthly",
            "cut_off": {"kind": "day_of_month", "first_day": 16},
            "deadline": {"kind": "after_cut_off", "term": "10 working days"},
            "tiers": [
                {"name": "commune", "deadline": {"kind": "after_cut_off", "term": "2 working days"}},
                {"name": "district", "deadline": {"kind": "after_period_end", "term": "3 days"}}
            ]
        }"#;
        let r: ReportingRegime = serde_json::from_str(json).unwrap();
        assert_eq!(r.cut_off(), CutOff::DayOfMonth { first_day: 16 });
        assert_eq!(r.tiers().len(), 2);
        assert_eq!(r.tiers()[1].name(), "district");
        let again: ReportingRegime =
            serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(again, r);
    }

    #[test]
    fn after_period_end_shape() {
        let rule = DeadlineRule::AfterPeriodEnd {
            term: "10 working days".parse().unwrap(),
        };
        let json = serde_json::to_string(&rule).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"after_period_end","term":"10 working days"}"#
        );
        assert_eq!(serde_json::from_str::<DeadlineRule>(&json).unwrap(), rule);
        #[derive(serde::Deserialize)]
        struct Doc {
            deadline: DeadlineRule,
        }
        let doc: Doc =
            toml::from_str(r#"deadline = { kind = "after_period_end", term = "10 working days" }"#)
                .unwrap();
        assert_eq!(doc.deadline, rule);
        assert!(
            serde_json::from_str::<DeadlineRule>(
                r#"{"kind":"after_period_end","term":"0 working days"}"#
            )
            .is_err()
        );
        assert!(
            serde_json::from_str::<DeadlineRule>(
                r#"{"kind":"after_period_end","term":"10 working days","days":1}"#
            )
            .is_err()
        );
    }

    #[test]
    fn deserializing_goes_through_the_builder() {
        let bad_day = r#"{"name":"r","frequency":"monthly","cut_off":{"kind":"decree_09"},
            "deadline":{"kind":"day_of_last_month","day":10,"on_rest_day":"keep"}}"#;
        let err = serde_json::from_str::<ReportingRegime>(bad_day).unwrap_err();
        assert!(err.to_string().starts_with(
            "regime `r`: the deadline `day 10 of the last month` does not fall after the cut-off"
        ));
        let unknown = r#"{"name":"r","frequency":"monthly","cut_off":{"kind":"decree_09"},
            "deadline":{"kind":"day_of_last_month","day":25,"on_rest_day":"keep"},"colour":"red"}"#;
        let err = serde_json::from_str::<ReportingRegime>(unknown).unwrap_err();
        assert!(
            err.to_string().starts_with("unknown field `colour`"),
            "{err}"
        );
        let unknown_in_rule = r#"{"name":"r","frequency":"monthly","cut_off":{"kind":"decree_09","day":3},
            "deadline":{"kind":"day_of_last_month","day":25,"on_rest_day":"keep"}}"#;
        assert!(serde_json::from_str::<ReportingRegime>(unknown_in_rule).is_err());
        let bad_frequency = r#"{"name":"r","frequency":"weekly","cut_off":{"kind":"decree_09"},
            "deadline":{"kind":"day_of_last_month","day":25,"on_rest_day":"keep"}}"#;
        let err = serde_json::from_str::<ReportingRegime>(bad_frequency).unwrap_err();
        assert!(
            err.to_string().starts_with("invalid frequency `weekly`"),
            "{err}"
        );
    }

    #[test]
    fn scope_and_provenance_round_trip() {
        let preset = ReportingRegime::decree_09_monthly();
        let json = serde_json::to_string(&preset).unwrap();
        assert!(json.contains(r#""scope":"state_administration""#), "{json}");
        assert!(
            json.contains(
                r#""provenance":{"certainty":"verified","citation":"Decree 09/2019/NĐ-CP art. 12"#
            ),
            "{json}"
        );
        let back: ReportingRegime = serde_json::from_str(&json).unwrap();
        assert_eq!(back, preset);
        let toml_text = toml::to_string(&preset).unwrap();
        let back: ReportingRegime = toml::from_str(&toml_text).unwrap();
        assert_eq!(back, preset);
        // A blank assumption is refused through the provenance's constructor.
        let blank = r#"{"name":"r","frequency":"monthly","cut_off":{"kind":"decree_09"},
            "deadline":{"kind":"day_of_last_month","day":25,"on_rest_day":"keep"},
            "provenance":{"certainty":"unverified","assumption":" "}}"#;
        let err = serde_json::from_str::<ReportingRegime>(blank).unwrap_err();
        assert!(
            err.to_string()
                .contains("an unverified fact needs its assumption"),
            "{err}"
        );
    }

    #[test]
    fn one_off_json() {
        let json = r#"{"name":"review","kind":"thematic","window":"2024-02-22..2024-12-31","due":"2025-01-10"}"#;
        let report: OneOffReport = serde_json::from_str(json).unwrap();
        assert_eq!(report.window(), p("2024-02-22..2024-12-31"));
        assert_eq!(serde_json::to_string(&report).unwrap(), json);
        let late = r#"{"name":"review","kind":"ad_hoc","window":"2024","due":"2024-12-30"}"#;
        let err = serde_json::from_str::<OneOffReport>(late).unwrap_err();
        assert!(err.to_string().starts_with(
            "report `review`: due date `2024-12-30` is before the end of its window `2024-12-31`"
        ), "{err}");
        // One spelling per date, as in every data file.
        let unpadded = r#"{"name":"review","kind":"thematic","window":"2024","due":"2025-1-10"}"#;
        let err = serde_json::from_str::<OneOffReport>(unpadded).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("invalid date `2025-1-10`: expected `yyyy-mm-dd`"),
            "{err}"
        );
    }

    #[test]
    fn reporting_period_json() {
        let r = ReportingRegime::decree_09_quarterly()
            .reporting_period(p("2024-Q1"), cal())
            .unwrap();
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"period":"2024-Q1","data_window":["2023-12-15","2024-03-14"],"due":"2024-03-25"}"#
        );
        let moved = ReportingRegime::decree_09_quarterly()
            .reporting_period(p("2023-Q1"), cal())
            .unwrap();
        assert_eq!(
            serde_json::to_string(&moved).unwrap(),
            r#"{"period":"2023-Q1","data_window":["2022-12-15","2023-03-14"],"due":"2023-03-27","moved_from":"2023-03-25"}"#
        );
    }
}
