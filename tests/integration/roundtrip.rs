//! Round trips of the public data types: value → JSON → value and value → TOML → value
//! are equal, with floats at the edges (subnormal, `MAX`, `-0.0` where allowed) and dates
//! at the ends of the supported range (0001-01-01, 9999-12-31). The strategies are shared
//! here, one per type.
//!
//! Covered: `Period`, `Frequency`, `Roll`, `LateExtensions`, `Limits`, `obligation::Target`,
//! `directive::{Task, Requirement, Due, Clause, Location, Part, Directive}`,
//! `regime::{Tier, DeadlineRule, ReportingPeriod}`, `calendar::{WeekMask, WorkCalendar}`,
//! `compliance::{EvaluationPolicy, StatusCounts, YearGrade}`.
//!
//! Not here, and why: the evaluation results (`Finding`, `Evaluation`, …), obligation
//! stores, event logs, registries and regimes have round trips of their own in their
//! modules' tests, built from expanded directives rather than from free values; the
//! criteria results (`criteria::Assessment` and its parts) in `criteria_roundtrip`,
//! built from judged evaluations; errors are not data.
#![cfg(feature = "serde")]

use std::fmt::Debug;

use chrono::NaiveDate;
use directives::Limits;
use directives::calendar::{Roll, WeekMask, WorkCalendar};
use directives::compliance::{
    EvaluationPolicy, GradingPolicy, LateExtensions, Status, StatusCounts, YearGrade,
};
use directives::directive::{
    Assignee, Clause, Directive, Due, Location, Part, Requirement, Role, Task, TaskNumber,
};
use directives::document::{DocSymbol, Document};
use directives::obligation::Target;
use directives::org::Selector;
use directives::period::{Frequency, Period};
use directives::regime::{DeadlineRule, ReportingPeriod, Tier};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// TOML has no top-level value other than a table: a value is written as one field.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Wrap<T> {
    value: T,
}

/// Asserts both round trips of a value.
pub(crate) fn round_trips<T>(value: &T) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let json = serde_json::to_string(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    prop_assert_eq!(&back, value, "through JSON {}", json);
    let wrap = Wrap { value };
    let toml = toml::to_string(&wrap).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: Wrap<T> =
        toml::from_str(&toml).map_err(|e| TestCaseError::fail(format!("{e}: {toml}")))?;
    prop_assert_eq!(&back.value, value, "through TOML {}", toml);
    Ok(())
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A date in the supported range, often one of its ends.
fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        Just(ymd(1, 1, 1)),
        Just(ymd(9999, 12, 31)),
        (1i32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| ymd(y, m, d)),
    ]
}

/// A finite float, often at an edge: subnormal, `MAX`, `-MAX`, `-0.0`, a simple ratio.
fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::MIN_POSITIVE / 4.0),
        Just(5e-324),
        Just(f64::MAX),
        Just(-f64::MAX),
        Just(-0.0),
        Just(0.0),
        (1u32..1000, 1u32..1000).prop_map(|(a, b)| f64::from(a) / f64::from(b)),
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
    ]
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1i32..=9999).prop_map(|y| Period::year(y).unwrap()),
        (1i32..=9999, 1u32..=12).prop_map(|(y, m)| Period::month(y, m).unwrap()),
        (1i32..=9999, 1u32..=4).prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
        (1i32..=9999, 1u32..=2).prop_map(|(y, h)| Period::half_year(y, h).unwrap()),
        (date(), date()).prop_map(|(a, b)| Period::custom(a.min(b), a.max(b)).unwrap()),
    ]
}

fn roll() -> impl Strategy<Value = Roll> {
    prop_oneof![
        Just(Roll::Keep),
        Just(Roll::Following),
        Just(Roll::Preceding),
        Just(Roll::ModifiedFollowing),
        Just(Roll::ModifiedPreceding),
    ]
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::Monthly),
        Just(Frequency::Quarterly),
        Just(Frequency::HalfYearly),
        Just(Frequency::NineMonthly),
        Just(Frequency::Yearly),
    ]
}

fn task_number() -> impl Strategy<Value = TaskNumber> {
    "[1-9][0-9]{0,3}[a-c]?".prop_map(|s| TaskNumber::new(s).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Zàáạđêôơư][a-zA-Z àáạđêôơư]{0,20}"
}

/// A requirement whose fixed dates are not before `issued`.
fn requirement(issued: NaiveDate) -> impl Strategy<Value = Requirement> {
    let due = prop_oneof![
        Just(None),
        Just(Some(Due::Date(issued))),
        Just(Some(Due::Date(ymd(9999, 12, 31)))),
        (1u32..400).prop_map(|n| Some(format!("{n} days").parse::<Due>().unwrap())),
    ];
    prop_oneof![
        Just(Requirement::Continuous),
        (text(), due.clone()).prop_map(|(what, due)| Requirement::Deliverable { what, due }),
        (
            text(),
            proptest::option::of(float()),
            proptest::option::of(text()),
            due
        )
            .prop_map(|(metric, target, unit, by)| Requirement::Indicator {
                metric,
                target,
                unit,
                by
            }),
    ]
}

fn task(issued: NaiveDate) -> impl Strategy<Value = Task> {
    let head = prop_oneof![
        (task_number(), text()).prop_map(|(n, title)| Task::new(n, title)),
        text().prop_map(Task::monitoring),
    ];
    (
        head,
        proptest::option::of(text()),
        proptest::collection::vec(requirement(issued), 0..3),
        any::<bool>(),
    )
        .prop_map(|(task, body, requirements, lead)| {
            let task = match body {
                Some(body) => task.with_text(body),
                None => task,
            };
            let task = if lead {
                task.assign(
                    Role::Lead,
                    Assignee::Bodies(Selector::Body("TH-TU-BDV".parse().unwrap())),
                )
            } else {
                task
            };
            requirements.into_iter().fold(task, Task::require)
        })
}

fn location() -> impl Strategy<Value = Location> {
    let part = prop_oneof![
        Just(Part::Whole),
        any::<usize>().prop_map(Part::Assignment),
        any::<usize>().prop_map(Part::Requirement),
    ];
    let clause = prop_oneof![
        task_number().prop_map(Clause::Task),
        Just(Clause::Monitoring)
    ];
    prop_oneof![
        Just(Location::Document),
        any::<usize>().prop_map(|index| Location::Reference { index }),
        any::<usize>().prop_map(|index| Location::Recipient { index }),
        (any::<usize>(), clause, part).prop_map(|(position, clause, part)| Location::Clause {
            position,
            clause,
            part
        }),
    ]
}

fn deadline() -> impl Strategy<Value = DeadlineRule> {
    prop_oneof![
        (1u8..=31, roll())
            .prop_map(|(day, on_rest_day)| DeadlineRule::DayOfLastMonth { day, on_rest_day }),
        (1u32..60).prop_map(|n| DeadlineRule::AfterPeriodEnd {
            term: format!("{n} working days").parse().unwrap()
        }),
    ]
}

fn tier() -> impl Strategy<Value = Tier> {
    (text(), deadline()).prop_map(|(name, deadline)| {
        // A tier is made by a regime's builder; read one from its data form.
        let json = serde_json::json!({ "name": name, "deadline": deadline });
        serde_json::from_value(json).unwrap()
    })
}

/// A reporting period, read from its data form: the window and the due date in order.
fn reporting_period() -> impl Strategy<Value = ReportingPeriod> {
    (period(), date(), date(), date(), any::<bool>()).prop_map(|(period, a, b, c, moved)| {
        let mut days = [a, b, c];
        days.sort();
        let mut json = serde_json::json!({
            "period": period,
            "data_window": [days[0].to_string(), days[1].to_string()],
            "due": days[2].to_string(),
        });
        if moved {
            json["moved_from"] = serde_json::json!(days[1].to_string());
        }
        serde_json::from_value(json).unwrap()
    })
}

fn week() -> impl Strategy<Value = WeekMask> {
    prop_oneof![
        Just(WeekMask::MON_FRI),
        Just(WeekMask::MON_SAT),
        Just(WeekMask::MON_FRI.without(chrono::Weekday::Wed)),
    ]
}

fn policy() -> impl Strategy<Value = EvaluationPolicy> {
    let calendar = prop_oneof![
        Just(None),
        (week(), any::<bool>(), 2000i32..2100).prop_map(|(week, compensation, year)| {
            Some(
                WorkCalendar::builder()
                    .week(week)
                    .compensation(compensation)
                    .years(year, year + 1)
                    .build()
                    .unwrap(),
            )
        }),
    ];
    (
        calendar,
        any::<u32>(),
        any::<u32>(),
        proptest::option::of(any::<u32>()),
        any::<bool>(),
        roll(),
    )
        .prop_map(|(calendar, grace, soon, early, accept, shift)| {
            let policy = match calendar {
                Some(calendar) => EvaluationPolicy::new(calendar),
                None => EvaluationPolicy::without_calendar(),
            };
            policy
                .with_grace_days(grace)
                .with_due_soon_days(soon)
                .with_early_event_days(early)
                .with_late_extensions(if accept {
                    LateExtensions::Accept
                } else {
                    LateExtensions::Ignore
                })
                .with_rest_day_shift(shift)
        })
}

fn counts() -> impl Strategy<Value = StatusCounts> {
    let status = prop_oneof![
        Just(Status::DoneOnTime),
        Just(Status::DoneLate),
        Just(Status::OpenWithinDeadline),
        Just(Status::OpenOverdue),
        Just(Status::Waived),
        Just(Status::NotApplicable),
    ];
    proptest::collection::vec(status, 0..40).prop_map(|statuses| {
        let mut counts = StatusCounts::default();
        for status in statuses {
            counts.add(status);
        }
        counts
    })
}

fn year_grade() -> impl Strategy<Value = YearGrade> {
    (counts(), 1i32..=9999)
        .prop_map(|(counts, year)| GradingPolicy::regulation_124_2023().assess(year, &counts))
}

fn directive() -> impl Strategy<Value = Directive> {
    date().prop_flat_map(|issued| {
        (
            Just(issued),
            proptest::collection::vec(task(issued), 0..4),
            proptest::option::of(period()),
        )
            .prop_map(|(issued, tasks, horizon)| {
                let doc = Document::builder(DocSymbol::parse("1470-CV/TU").unwrap(), issued)
                    .build()
                    .unwrap();
                let mut builder = Directive::builder(doc);
                if let Some(horizon) = horizon {
                    builder = builder.horizon(horizon);
                }
                let mut seen = std::collections::HashSet::new();
                let mut monitoring = false;
                for task in tasks {
                    // One clause per number, one monitoring clause, finite targets only.
                    let fresh = match task.number() {
                        Some(n) => seen.insert(n.clone()),
                        None => !std::mem::replace(&mut monitoring, true),
                    };
                    if fresh {
                        builder = builder.task(task);
                    }
                }
                builder.build().unwrap()
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn periods_and_enums_round_trip(p in period(), f in frequency(), r in roll(), l in limits()) {
        round_trips(&p)?;
        round_trips(&f)?;
        round_trips(&r)?;
        round_trips(&l)?;
    }

    #[test]
    fn targets_round_trip_bit_for_bit(v in float()) {
        let target = Target::new(v).unwrap();
        round_trips(&target)?;
        let back: Target = serde_json::from_str(&serde_json::to_string(&target).unwrap()).unwrap();
        prop_assert_eq!(back.get().to_bits(), target.get().to_bits());
    }

    #[test]
    fn tasks_and_places_round_trip(t in date().prop_flat_map(task), at in location()) {
        round_trips(&t)?;
        round_trips(&at)?;
    }

    #[test]
    fn directives_round_trip(d in directive()) {
        round_trips(&d)?;
        prop_assert_eq!(Directive::from_toml_str(&d.to_toml_string().unwrap()).unwrap(), d.clone());
        prop_assert_eq!(Directive::from_json_str(&d.to_json_string().unwrap()).unwrap(), d);
    }

    #[test]
    fn regime_parts_round_trip(t in tier(), rp in reporting_period(), dl in deadline()) {
        round_trips(&t)?;
        round_trips(&rp)?;
        round_trips(&dl)?;
    }

    #[test]
    fn policies_round_trip(p in policy(), w in week()) {
        round_trips(&p)?;
        round_trips(&w)?;
    }

    #[test]
    fn counts_and_grades_round_trip(c in counts(), g in year_grade()) {
        round_trips(&c)?;
        round_trips(&g)?;
    }
}

fn limits() -> impl Strategy<Value = Limits> {
    use directives::Limit;
    (any::<u32>(), any::<u32>()).prop_map(|(a, b)| {
        Limits::new()
            .with(Limit::Tasks, a as usize)
            .with(Limit::Depth, b as usize)
    })
}

#[test]
fn a_policy_names_the_crate_calendar_and_refuses_unknown_ones() {
    let policy: EvaluationPolicy = serde_json::from_str(r#"{"grace_days": 0, "late_extensions": "ignore", "rest_day_shift": "following", "due_soon_days": 3, "early_event_days": 31, "calendar": "vietnam"}"#).unwrap();
    assert_eq!(
        policy,
        EvaluationPolicy::new(WorkCalendar::vietnam().unwrap())
    );
    let err = serde_json::from_str::<EvaluationPolicy>(r#"{"grace_days": 0, "late_extensions": "ignore", "rest_day_shift": "following", "due_soon_days": 3, "early_event_days": 31, "calendar": "france"}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("unknown calendar `france`: expected `vietnam` or a table"),
        "{err}"
    );
    let err = serde_json::from_str::<WeekMask>(r#"["monday", "funday"]"#).unwrap_err();
    assert!(
        err.to_string().starts_with("unknown weekday `funday`"),
        "{err}"
    );
}

#[test]
fn a_reporting_period_refuses_a_window_out_of_order() {
    let err = serde_json::from_str::<ReportingPeriod>(
        r#"{"period": "2024-05", "data_window": ["2024-05-14", "2024-04-15"], "due": "2024-05-27"}"#,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("data window `2024-05-14` to `2024-04-15` ends before it starts"),
        "{err}"
    );
    let err = serde_json::from_str::<ReportingPeriod>(
        r#"{"period": "2024-05", "data_window": ["2024-4-15", "2024-05-14"], "due": "2024-05-27"}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("2024-4-15"), "{err}");
    let err = serde_json::from_str::<Target>("1e400").unwrap_err();
    assert!(!err.to_string().is_empty());
}
