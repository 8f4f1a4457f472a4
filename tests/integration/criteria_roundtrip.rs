//! Criteria results as data: an assessment (every measure, requirement, severity, an
//! undecided group, a trend, a criterion out of force, a grading policy of its own) reads
//! back equal from JSON and from TOML, its text in both languages included; the values a
//! result keeps of its criterion round-trip alone; and bad forms are refused.
#![cfg(feature = "serde")]

use chrono::NaiveDate;
use directives::Lang;
use directives::calendar::TermUnit;
use directives::compliance::{EvaluationPolicy, Events, Grade, GradingPolicy, Status, evaluate};
use directives::criteria::{
    Assessment, Criteria, Criterion, GroupBy, GroupKey, Measure, NamedPolicy, Requirement,
    Threshold, Trend, Verdict,
};
use directives::directive::Severity;
use directives::obligation::{Obligation, Obligations};
use directives::org::{Body, BodyKind, Level, Registry};
use directives::provenance::Provenance;
use proptest::prelude::*;

use super::roundtrip::round_trips;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A province's department (SYT) and two district committees (HU-A, HU-B).
fn registry() -> Registry {
    let body = |code: &str, kind, level| {
        Body::new(code.parse().unwrap(), code, kind, level, d(2000, 1, 1))
    };
    Registry::builder()
        .body(body("SYT", BodyKind::DepartmentOrAgency, Level::Province))
        .body(body("HU-A", BodyKind::PartyCommittee, Level::District))
        .body(body("HU-B", BodyKind::PartyCommittee, Level::District))
        .build()
        .unwrap()
}

/// Monthly reports of 2024-07 to 2025-06, due the 20th of the next month, for the three
/// bodies: 36 obligations.
fn obligations() -> Obligations {
    let mut obligations = Obligations::new();
    for body in ["SYT", "HU-A", "HU-B"] {
        for i in 0..12u32 {
            let (y, m) = (2024 + i32::from(i >= 6), (i + 6) % 12 + 1);
            let (dy, dm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let key = format!("05/CT-UBND@2024-06-01/1.1/{body}/{y}-{m:02}");
            obligations
                .push(Obligation::new(key.parse().unwrap(), d(dy, dm, 20)))
                .unwrap();
        }
    }
    obligations
}

fn as_of() -> NaiveDate {
    d(2025, 7, 10)
}

fn rule(
    id: &str,
    measure: Measure,
    require: Requirement,
) -> directives::criteria::CriterionBuilder {
    Criterion::builder(id)
        .title(format!("Tiêu chí {id}"), format!("Criterion {id}"))
        .provision("Decree 09/2019/NĐ-CP art. 8.5(b)")
        .measure(measure)
        .require(require)
}

fn number(v: f64) -> Threshold {
    Threshold::Number(v)
}

/// A policy of the province's own: regulation 124's bands in force from 2000.
fn own_policy() -> NamedPolicy {
    NamedPolicy::new(
        "province_bands",
        GradingPolicy::regulation_124_2023()
            .in_force_for(2000, None)
            .unwrap(),
    )
}

/// Every measure and requirement kind, every severity, keys in an order that is not
/// alphabetical, an undecided measure, two trends and a criterion out of force.
fn criteria() -> Criteria {
    let basis = Provenance::unverified("the province's own aim").unwrap();
    let statuses = vec![Status::OpenOverdue, Status::DoneLate];
    Criteria::new(vec![
        rule(
            "on-time",
            Measure::OnTimeRate,
            Requirement::AtLeast(number(0.8)),
        )
        .group_by([GroupBy::Year, GroupBy::Holder])
        .basis(basis)
        .severity(Severity::Warning)
        .build()
        .unwrap(),
        rule(
            "done",
            Measure::DoneRate,
            Requirement::Between(number(0.5), number(0.9)),
        )
        .group_by([GroupBy::Quarter, GroupBy::Kind])
        .build()
        .unwrap(),
        rule("late", Measure::LateShare, Requirement::AtMost(number(0.1)))
            .group_by([GroupBy::Level])
            .severity(Severity::Info)
            .build()
            .unwrap(),
        rule(
            "overdue-share",
            Measure::OverdueShare,
            Requirement::Equal(number(0.0)),
        )
        .group_by([GroupBy::Period])
        .build()
        .unwrap(),
        rule(
            "count",
            Measure::Count(statuses),
            Requirement::AtMost(number(1.0)),
        )
        .group_by([GroupBy::Holder])
        .build()
        .unwrap(),
        rule(
            "reports",
            Measure::Reports,
            Requirement::AtLeast(number(10.0)),
        )
        .group_by([GroupBy::Task])
        .build()
        .unwrap(),
        rule(
            "overdue",
            Measure::OverdueCount,
            Requirement::AtMost(number(0.0)),
        )
        .group_by([GroupBy::Directive])
        .build()
        .unwrap(),
        rule(
            "age",
            Measure::MaxOverdueAge(TermUnit::Days),
            Requirement::AtMost(number(30.0)),
        )
        .group_by([GroupBy::AssignedBody])
        .build()
        .unwrap(),
        rule(
            "lateness",
            Measure::MeanLateness(TermUnit::WorkingDays),
            Requirement::AtMost(number(5.0)),
        )
        .group_by([GroupBy::Holder])
        .build()
        .unwrap(),
        rule(
            "score",
            Measure::Score(NamedPolicy::preset("regulation_124_2023").unwrap()),
            Requirement::AtLeast(number(90.0)),
        )
        .group_by([GroupBy::Year])
        .build()
        .unwrap(),
        rule(
            "grade",
            Measure::Grade(own_policy()),
            Requirement::AtLeast(Threshold::Grade(Grade::Good)),
        )
        .group_by([GroupBy::Year, GroupBy::Holder])
        .build()
        .unwrap(),
        rule(
            "indicator",
            Measure::IndicatorTargetMet,
            Requirement::AtLeast(number(1.0)),
        )
        .build()
        .unwrap(),
        rule(
            "steady",
            Measure::OnTimeRate,
            Requirement::Trend {
                trend: Trend::NonDecreasing,
                include_unsettled: false,
            },
        )
        .group_by([GroupBy::Holder, GroupBy::Quarter])
        .build()
        .unwrap(),
        rule(
            "rising",
            Measure::DoneRate,
            Requirement::Trend {
                trend: Trend::Increasing,
                include_unsettled: true,
            },
        )
        .group_by([GroupBy::Half, GroupBy::Kind])
        .build()
        .unwrap(),
        rule(
            "old",
            Measure::OverdueCount,
            Requirement::AtMost(number(0.0)),
        )
        .in_force(None, Some(d(2025, 1, 1)))
        .build()
        .unwrap(),
    ])
    .unwrap()
}

/// The assessment when obligation `i` is submitted `days[i]` days after its deadline
/// (before it when negative), or not at all.
fn assessment(days: &[Option<i64>]) -> Assessment {
    let obligations = obligations();
    let mut events = Events::new();
    for (i, days) in days.iter().enumerate() {
        let Some(days) = *days else { continue };
        let id = directives::obligation::ObligationId::from_index(u32::try_from(i).unwrap());
        let Some(due) = obligations.get(id).map(|o| o.due_date()) else {
            continue;
        };
        let on = due + chrono::TimeDelta::days(days);
        if on <= as_of() {
            events.push_submission(id, on).unwrap();
        }
    }
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
    criteria().assess(&evaluation, &registry()).unwrap()
}

/// Asserts both round trips and that the text read back is the text written.
fn assessment_round_trips(assessment: &Assessment) -> Result<(), TestCaseError> {
    round_trips(assessment)?;
    let json = serde_json::to_string(assessment).unwrap();
    let back: Assessment = serde_json::from_str(&json).unwrap();
    for lang in [Lang::Vi, Lang::En] {
        prop_assert_eq!(
            back.display(lang).to_string(),
            assessment.display(lang).to_string()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn assessments_round_trip(days in proptest::collection::vec(proptest::option::of(-5i64..60), 36)) {
        assessment_round_trips(&assessment(&days))?;
    }

    #[test]
    fn what_a_result_keeps_of_its_criterion_round_trips(
        count in proptest::sample::subsequence(Status::ALL.to_vec(), 1..=Status::ALL.len()),
        days in prop_oneof![Just(TermUnit::Days), Just(TermUnit::WorkingDays)],
        low in 0u32..=100,
        high in 0u32..=100,
        grade in prop_oneof![
            Just(Grade::NotCompleted), Just(Grade::Completed), Just(Grade::Good), Just(Grade::Excellent)
        ],
        include_unsettled in any::<bool>(),
    ) {
        let measures = [
            Measure::OnTimeRate, Measure::DoneRate, Measure::LateShare, Measure::OverdueShare,
            Measure::Count(count), Measure::Reports, Measure::OverdueCount,
            Measure::MaxOverdueAge(days), Measure::MeanLateness(days),
            Measure::Score(NamedPolicy::preset("regulation_366_2025").unwrap()),
            Measure::Grade(own_policy()), Measure::IndicatorTargetMet,
        ];
        for measure in &measures {
            round_trips(measure)?;
        }
        let (low, high) = (f64::from(low) / 100.0, f64::from(high) / 100.0);
        let requirements = [
            Requirement::AtLeast(number(low)),
            Requirement::AtMost(Threshold::Grade(grade)),
            Requirement::Equal(number(high)),
            Requirement::Between(number(low), number(high)),
            Requirement::Trend { trend: Trend::Increasing, include_unsettled },
            Requirement::Trend { trend: Trend::NonDecreasing, include_unsettled },
        ];
        for requirement in &requirements {
            round_trips(requirement)?;
        }
        for by in GroupBy::ALL {
            round_trips(&by)?;
        }
    }
}

#[test]
fn the_fixture_covers_every_verdict_and_both_policy_forms() {
    // Everything on time but the first two of SYT (late) and HU-B's last three (never).
    let mut days = vec![Some(0); 36];
    days[0] = Some(12);
    days[1] = Some(3);
    for d in &mut days[33..36] {
        *d = None;
    }
    let assessment = assessment(&days);
    let verdicts: Vec<Verdict> = assessment.results().iter().map(|r| r.verdict()).collect();
    for verdict in [
        Verdict::Violated,
        Verdict::Satisfied,
        Verdict::Indeterminate,
        Verdict::NotApplicable,
    ] {
        assert!(
            verdicts.contains(&verdict),
            "{verdict} missing: {verdicts:?}"
        );
    }
    assert!(assessment.results().iter().any(|r| !r.in_force()));
    assert!(
        assessment
            .results()
            .iter()
            .any(|r| r.violations().iter().any(|v| !v.trend().is_empty()))
    );
    let json = serde_json::to_value(&assessment).unwrap();
    let measure = |id: &str| {
        json["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["measure"]
            .clone()
    };
    // A preset by its name, a policy of one's own by name and policy.
    assert_eq!(measure("score")["policy"], "regulation_124_2023");
    assert_eq!(measure("grade")["policy"]["name"], "province_bands");
    assert!(measure("grade")["policy"]["policy"].is_object());
    assert_eq!(measure("on-time"), "on_time_rate");
    assessment_round_trips(&assessment).unwrap();
}

#[test]
fn group_keys_come_back_in_the_order_of_the_grouping_through_toml() {
    let mut days = vec![Some(0); 36];
    days[0] = Some(12);
    days[1] = Some(12);
    let assessment = assessment(&days);
    let on_time = assessment.result("on-time").unwrap();
    let key = on_time.violations()[0].key();
    assert_eq!(key.to_string(), "year=2024, holder=SYT");
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Wrap {
        value: Assessment,
    }
    let text = toml::to_string(&Wrap {
        value: assessment.clone(),
    })
    .unwrap();
    let back: Wrap = toml::from_str(&text).unwrap();
    let back = back.value;
    assert_eq!(
        back.result("on-time").unwrap().violations()[0]
            .key()
            .to_string(),
        "year=2024, holder=SYT"
    );
    assert_eq!(back, assessment);
    // Alone, JSON keeps the order written.
    let key = GroupKey::new([(GroupBy::Year, "2024"), (GroupBy::Holder, "SYT")]);
    let back: GroupKey = serde_json::from_str(&serde_json::to_string(&key).unwrap()).unwrap();
    assert_eq!(back, key);
}

#[test]
fn bad_forms_are_refused_with_the_reason() {
    let days = vec![Some(0); 36];
    let json = serde_json::to_string(&assessment(&days)).unwrap();
    let cases = [
        (
            json.replacen("\"as_of\":\"2025-07-10\"", "\"as_of\":\"2025-7-10\"", 1),
            "2025-7-10",
        ),
        (
            json.replacen("\"as_of\"", "\"colour\":1,\"as_of\"", 1),
            "unknown field `colour`",
        ),
        (
            json.replacen(
                "\"measure\":\"on_time_rate\"",
                "\"measure\":{\"kind\":\"count\"}",
                1,
            ),
            "`count` needs `statuses`",
        ),
        (
            json.replacen("\"measure\":\"on_time_rate\"", "\"measure\":\"on_time\"", 1),
            "unknown measure `on_time`",
        ),
        (
            json.replacen(
                "\"requirement\":{\"at_least\":0.8}",
                "\"requirement\":{\"at_least\":0.8,\"at_most\":0.9}",
                1,
            ),
            "more than one requirement",
        ),
        (
            json.replacen(
                "\"requirement\":{\"at_least\":0.8}",
                "\"requirement\":{\"at_least\":\"best\"}",
                1,
            ),
            "unknown grade `best`",
        ),
        (
            json.replacen(
                "\"policy\":\"regulation_124_2023\"",
                "\"policy\":\"regulation_1\"",
                1,
            ),
            "unknown grading policy `regulation_1`",
        ),
        (
            json.replacen("\"quarter\":\"2024-Q3\"", "\"decade\":\"2024-Q3\"", 1),
            "unknown variant `decade`",
        ),
    ];
    for (text, message) in cases {
        assert_ne!(text, json, "the case for {message} edits nothing");
        let err = serde_json::from_str::<Assessment>(&text).unwrap_err();
        assert!(err.to_string().contains(message), "{message}: {err}");
    }
}

/// Criteria written out and read back through the loader, from JSON and from TOML.
fn criteria_file_round_trips(criteria: &Criteria, loader: &directives::criteria::Loader<'_>) {
    let json = serde_json::to_string_pretty(criteria).unwrap();
    assert_eq!(&loader.json(&json).unwrap(), criteria, "{json}");
    let toml = toml::to_string(criteria).unwrap();
    assert_eq!(&loader.toml(&toml).unwrap(), criteria, "{toml}");
}

#[test]
fn the_shipped_criteria_file_is_written_back_as_it_reads() {
    let registry =
        Registry::from_toml_str(include_str!("../../examples/data/thanh_hoa.toml")).unwrap();
    let loader = directives::criteria::Loader::new(&registry);
    let shipped = loader
        .toml(include_str!("../../examples/data/1470-CV-TU.criteria.toml"))
        .unwrap();
    assert_eq!(shipped.len(), 6);
    criteria_file_round_trips(&shipped, &loader);
}

#[test]
fn every_measure_requirement_and_severity_is_written_back_as_it_reads() {
    let registry = registry();
    let loader = directives::criteria::Loader::new(&registry).grading_policy(own_policy());
    criteria_file_round_trips(&criteria().with_witnesses(2), &loader);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_criteria_are_written_back_as_they_read(
        filters in proptest::collection::vec(any::<bool>(), 7),
        keys in proptest::sample::subsequence(
            vec![GroupBy::AssignedBody, GroupBy::Holder, GroupBy::Level, GroupBy::Kind, GroupBy::Task,
                 GroupBy::Directive, GroupBy::Year], 0..4),
        time in proptest::sample::select(vec![GroupBy::Period, GroupBy::Quarter, GroupBy::Half, GroupBy::Year]),
        measure in 0usize..12,
        require in 0usize..5,
        severity in proptest::sample::select(vec![Severity::Error, Severity::Warning, Severity::Info]),
        from in proptest::option::of(0i64..800),
        length in 1i64..800,
        with_until in any::<bool>(),
    ) {
        use directives::directive::Role;
        use directives::org::Selector;
        let flag = |i: usize| filters.get(i).copied().unwrap_or(false);
        let mut scope = directives::criteria::Scope::all();
        if flag(0) { scope = scope.directives([directives::directive::DirectiveKey::new(directives::document::DocSymbol::parse("05/CT-UBND").unwrap(), d(2024, 6, 1))]); }
        if flag(1) { scope = scope.tasks(["1".parse().unwrap(), "10".parse().unwrap()]); }
        if flag(2) { scope = scope.roles([Role::Lead, Role::Monitor]); }
        if flag(3) {
            scope = scope.bodies(Selector::Kind(BodyKind::PartyCommittee) & !Selector::Body("HU-B".parse().unwrap()));
        }
        if flag(4) { scope = scope.periods_within("2024".parse().unwrap()); }
        if flag(5) { scope = scope.periods_from("2024-Q3".parse().unwrap()).periods_to("2025-Q2".parse().unwrap()); }
        if flag(6) { scope = scope.statuses([Status::DoneLate, Status::OpenOverdue]); }
        let grade = matches!(measure, 10);
        let measure = match measure {
            0 => Measure::OnTimeRate,
            1 => Measure::DoneRate,
            2 => Measure::LateShare,
            3 => Measure::OverdueShare,
            4 => Measure::Count(vec![Status::Waived, Status::OpenOverdue]),
            5 => Measure::Reports,
            6 => Measure::OverdueCount,
            7 => Measure::MaxOverdueAge(TermUnit::WorkingDays),
            8 => Measure::MeanLateness(TermUnit::Days),
            9 => Measure::Score(NamedPolicy::preset("regulation_366_2025").unwrap()),
            10 => Measure::Grade(own_policy()),
            _ => Measure::IndicatorTargetMet,
        };
        let t = |v: f64| if grade { Threshold::Grade(Grade::Good) } else { number(v) };
        let (requirement, trend) = match require {
            0 => (Requirement::AtLeast(t(0.5)), false),
            1 => (Requirement::AtMost(t(0.75)), false),
            2 => (Requirement::Equal(t(0.0)), false),
            3 => (Requirement::Between(t(0.25), t(1.0)), false),
            _ => (Requirement::Trend { trend: Trend::Increasing, include_unsettled: with_until }, true),
        };
        let mut group_by = keys;
        if trend && !group_by.iter().any(|k| k.is_time()) { group_by.push(time); }
        let from = from.map(|days| d(2024, 1, 1) + chrono::Days::new(days.unsigned_abs()));
        let until = (with_until).then(|| from.unwrap_or(d(2024, 1, 1)) + chrono::Days::new(length.unsigned_abs()));
        let built = rule("generated", measure, requirement)
            .scope(scope)
            .group_by(group_by)
            .severity(severity)
            .in_force(from, until)
            .build();
        // A combination refused when built is skipped (proptest fails when too many are).
        prop_assume!(built.is_ok());
        if let Ok(criterion) = built {
            let criteria = Criteria::new(vec![criterion]).unwrap();
            let registry = registry();
            let loader = directives::criteria::Loader::new(&registry).grading_policy(own_policy());
            let json = serde_json::to_string(&criteria).unwrap();
            prop_assert_eq!(&loader.json(&json).unwrap(), &criteria, "{}", json);
            let toml = toml::to_string(&criteria).unwrap();
            prop_assert_eq!(&loader.toml(&toml).unwrap(), &criteria, "{}", toml);
        }
    }
}
