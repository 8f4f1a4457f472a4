//! Criteria: scope, grouping, measures, requirements, verdicts, witnesses, files.

use chrono::NaiveDate;
use directives::Lang;
use directives::calendar::TermUnit;
use directives::compliance::{EvaluationPolicy, Events, Grade, Status, evaluate};
use directives::criteria::{
    Assessment, Criteria, CriteriaError, CriteriaProblem, Criterion, GroupBy, Measure, NamedPolicy,
    Requirement, Scope, Threshold, Trend, Undecided, Verdict,
};
use directives::directive::{Role, Severity};
use directives::obligation::{Obligation, ObligationId, Obligations};
use directives::org::{Body, BodyKind, Change, Level, Registry, Selector};
use directives::period::Period;
use directives::provenance::Certainty;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A province with two district party committees (HU-A, HU-B, ended with the district
/// level on 2025-07-01; HU-A passes to TU) and a department (BDV).
fn registry() -> Registry {
    Registry::builder()
        .body(Body::new(
            "TU".parse().unwrap(),
            "Tỉnh ủy",
            BodyKind::PartyCommittee,
            Level::Province,
            d(1945, 1, 1),
        ))
        .body(
            Body::new(
                "BDV".parse().unwrap(),
                "Ban Dân vận",
                BodyKind::PartyAdvisoryDepartment,
                Level::Province,
                d(1945, 1, 1),
            )
            .with_parent("TU".parse().unwrap()),
        )
        .body(
            Body::new(
                "HU-A".parse().unwrap(),
                "Huyện ủy A",
                BodyKind::PartyCommittee,
                Level::District,
                d(1945, 1, 1),
            )
            .with_parent("TU".parse().unwrap()),
        )
        .body(
            Body::new(
                "HU-B".parse().unwrap(),
                "Huyện ủy B",
                BodyKind::PartyCommittee,
                Level::District,
                d(1945, 1, 1),
            )
            .with_parent("TU".parse().unwrap())
            .with_until(d(2025, 7, 1)),
        )
        .change(Change::Dissolve {
            body: "HU-A".parse().unwrap(),
            successor: Some("TU".parse().unwrap()),
            date: d(2025, 7, 1),
            provenance: None,
        })
        .build()
        .unwrap()
}

/// Half-year reports of task 10 for 2024-H1, 2024-H2 and 2025-H1, due 20 days after
/// the half, for HU-A, HU-B and BDV (all leads), and what happened:
///
/// | body | 2024-H1 | 2024-H2 | 2025-H1 |
/// |---|---|---|---|
/// | HU-A | on time | late (10 days) | overdue |
/// | HU-B | on time | on time | on time |
/// | BDV | overdue | on time | open (due 2025-07-20) |
fn fixture() -> (Obligations, Events) {
    let mut obligations = Obligations::new();
    let mut events = Events::new();
    let halves = [
        ("2024-H1", d(2024, 7, 20)),
        ("2024-H2", d(2025, 1, 20)),
        ("2025-H1", d(2025, 7, 20)),
    ];
    for body in ["HU-A", "HU-B", "BDV"] {
        for (half, due) in halves {
            let key = format!("1470-CV/TU@2024-02-22/10.1/{body}/{half}")
                .parse()
                .unwrap();
            let id = obligations
                .push(Obligation::new(key, due).with_role(Role::Lead))
                .unwrap();
            let submitted = match (body, half) {
                ("HU-A", "2024-H1") | ("HU-B", _) | ("BDV", "2024-H2") => Some(due),
                ("HU-A", "2024-H2") => Some(due + chrono::Days::new(10)),
                _ => None,
            };
            if let Some(on) = submitted {
                if body == "HU-B" && half == "2025-H1" {
                    events.push_submission(id, d(2025, 7, 1)).unwrap();
                } else {
                    events.push_submission(id, on).unwrap();
                }
            }
        }
    }
    (obligations, events)
}

fn as_of() -> NaiveDate {
    d(2025, 7, 10)
}

/// Judges criteria on the fixture, evaluated without a calendar as of a date.
fn judge(on: NaiveDate, criteria: Vec<Criterion>) -> Result<Assessment, CriteriaError> {
    let (obligations, events) = fixture();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, on, &policy).unwrap();
    Criteria::new(criteria)
        .unwrap()
        .assess(&evaluation, &registry())
}

fn criterion(
    id: &str,
    measure: Measure,
    require: Requirement,
) -> directives::criteria::CriterionBuilder {
    Criterion::builder(id)
        .title("Báo cáo", "Reports")
        .provision("Decree 09/2019/NĐ-CP art. 8.5(b)")
        .measure(measure)
        .require(require)
}

fn at_least(v: f64) -> Requirement {
    Requirement::AtLeast(Threshold::Number(v))
}

fn at_most(v: f64) -> Requirement {
    Requirement::AtMost(Threshold::Number(v))
}

#[test]
fn on_time_rate_by_holder_names_the_violating_group_with_its_witnesses() {
    let assessment = judge(
        as_of(),
        vec![
            criterion("on-time", Measure::OnTimeRate, at_least(0.8))
                .group_by([GroupBy::Holder])
                .build()
                .unwrap(),
        ],
    )
    .unwrap();
    let result = assessment.result("on-time").unwrap();
    assert_eq!(result.verdict(), Verdict::Violated);
    // HU-A: 1 on time of 2 due, BDV: 1 of 2 (their 2025-H1 reports are not due yet on
    // 2025-07-10); HU-B: 3 of 3.
    assert_eq!(result.groups().get(Verdict::Violated), 2);
    assert_eq!(result.groups().get(Verdict::Satisfied), 1);
    let keys: Vec<String> = result
        .violations()
        .iter()
        .map(|v| v.key().to_string())
        .collect();
    assert_eq!(keys, ["holder=BDV", "holder=HU-A"]);
    let hu_a = &result.violations()[1];
    assert_eq!(hu_a.measured().numerator(), 1.0);
    assert_eq!(hu_a.measured().denominator(), 2);
    assert_eq!(hu_a.witness_count(), 1);
    let witnesses: Vec<String> = hu_a.witnesses().iter().map(ToString::to_string).collect();
    assert_eq!(witnesses, ["1470-CV/TU@2024-02-22/10.1/HU-A/2024-H2"]);
}

#[test]
fn a_group_with_nothing_due_is_not_applicable_and_never_violated() {
    let result = judge(
        d(2024, 7, 1),
        vec![
            criterion("on-time", Measure::OnTimeRate, at_least(1.0))
                .group_by([GroupBy::Holder])
                .build()
                .unwrap(),
        ],
    )
    .unwrap()
    .results()[0]
        .clone();
    assert_eq!(result.verdict(), Verdict::NotApplicable);
    assert_eq!(result.groups().get(Verdict::NotApplicable), 3);
    assert!(result.violations().is_empty());
}

#[test]
fn a_criterion_outside_its_dates_is_not_in_force() {
    let assessment = judge(
        as_of(),
        vec![
            criterion("old", Measure::OverdueCount, at_most(0.0))
                .in_force(Some(d(2020, 1, 1)), Some(d(2025, 1, 1)))
                .build()
                .unwrap(),
            criterion("now", Measure::OverdueCount, at_most(0.0))
                .in_force(Some(d(2025, 1, 1)), None)
                .build()
                .unwrap(),
        ],
    )
    .unwrap();
    let old = assessment.result("old").unwrap();
    assert_eq!(old.verdict(), Verdict::NotApplicable);
    assert!(!old.in_force());
    assert_eq!(old.groups().total(), 0);
    let now = assessment.result("now").unwrap();
    assert_eq!(now.verdict(), Verdict::Violated);
    // HU-A 2025-H1 (due 2025-07-20) is not overdue on 2025-07-10; BDV 2024-H1 is.
    assert_eq!(now.violations()[0].measured().value(), 1.0);
    assert_eq!(assessment.verdict(), Verdict::Violated);
}

#[test]
fn scope_filters_bodies_by_selector_on_their_last_day_and_periods() {
    // As of 2026, the district committees have ceased; they are matched on their last day.
    let districts = Selector::Kind(BodyKind::PartyCommittee) & Selector::Level(Level::District);
    let assessment = judge(
        d(2026, 1, 10),
        vec![
            criterion("districts", Measure::Reports, at_least(0.0))
                .scope(
                    Scope::all()
                        .bodies(districts)
                        .periods_within(Period::year(2024).unwrap()),
                )
                .group_by([GroupBy::AssignedBody])
                .build()
                .unwrap(),
            criterion("levels", Measure::DoneRate, at_least(0.0))
                .group_by([GroupBy::Level])
                .build()
                .unwrap(),
        ],
    )
    .unwrap();
    let districts = assessment.result("districts").unwrap();
    assert_eq!(districts.groups().get(Verdict::Satisfied), 2);
    let levels = assessment.result("levels").unwrap();
    assert_eq!(levels.groups().total(), 2);
}

#[test]
fn several_keys_and_windows_group_together() {
    let result = judge(
        as_of(),
        vec![
            criterion("by-year", Measure::LateShare, at_most(0.0))
                .group_by([GroupBy::Holder, GroupBy::Year])
                .build()
                .unwrap(),
        ],
    )
    .unwrap()
    .results()[0]
        .clone();
    // HU-A 2024: one late of two due; 2025 for HU-A is overdue, not late (share 0).
    let keys: Vec<String> = result
        .violations()
        .iter()
        .map(|v| v.key().to_string())
        .collect();
    assert_eq!(keys, ["holder=HU-A, year=2024"]);
    assert_eq!(result.violations()[0].measured().value(), 0.5);
    assert_eq!(
        result.violations()[0].witnesses()[0].to_string(),
        "1470-CV/TU@2024-02-22/10.1/HU-A/2024-H2"
    );
}

#[test]
fn a_trend_counts_settled_windows_and_lists_the_unsettled() {
    let (obligations, events) = fixture();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
    let trend = |include_unsettled| {
        Criteria::new(vec![
            criterion(
                "trend",
                Measure::OnTimeRate,
                Requirement::Trend {
                    trend: Trend::NonDecreasing,
                    include_unsettled,
                },
            )
            .group_by([GroupBy::Holder, GroupBy::Period])
            .build()
            .unwrap(),
        ])
        .unwrap()
    };
    let registry = registry();
    let result = trend(false)
        .assess(&evaluation, &registry)
        .unwrap()
        .results()[0]
        .clone();
    // 2025-H1 is unsettled (BDV's report is still within its deadline).
    let unsettled: Vec<String> = result.unsettled().iter().map(ToString::to_string).collect();
    assert_eq!(unsettled, ["2025-H1"]);
    // HU-A: 1.0 then 0.0 over the settled halves; BDV 0.0 then 1.0; HU-B 1.0, 1.0.
    assert_eq!(result.groups().get(Verdict::Violated), 1);
    assert_eq!(result.groups().get(Verdict::Satisfied), 2);
    let v = &result.violations()[0];
    assert_eq!(v.key().to_string(), "holder=HU-A");
    assert_eq!(v.at().map(|p| p.to_string()).as_deref(), Some("2024-H2"));
    assert_eq!(v.trend().len(), 3);
    assert!(!v.trend()[2].settled());
    // Counting the unsettled half too: BDV's 2025-H1 has nothing due, HU-B's is on time.
    let result = trend(true)
        .assess(&evaluation, &registry)
        .unwrap()
        .results()[0]
        .clone();
    assert_eq!(result.groups().get(Verdict::Violated), 1);
}

#[test]
fn a_trend_over_fewer_than_two_windows_is_refused() {
    let err = criterion(
        "t",
        Measure::OnTimeRate,
        Requirement::Trend {
            trend: Trend::Increasing,
            include_unsettled: false,
        },
    )
    .group_by([GroupBy::Year])
    .scope(Scope::all().periods_within(Period::year(2024).unwrap()))
    .build()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid criteria at `criterion[t].require.trend`: a trend needs at least two groups over time: the scope's periods fall in 1 `year` window"
    );
    let err = criterion(
        "t",
        Measure::OnTimeRate,
        Requirement::Trend {
            trend: Trend::Increasing,
            include_unsettled: false,
        },
    )
    .group_by([GroupBy::Holder])
    .build()
    .unwrap_err();
    assert_eq!(err.problem(), Some(&CriteriaProblem::TrendWithoutTimeKey));
}

#[test]
fn grades_apply_in_their_own_time() {
    let (obligations, events) = fixture();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
    let grade = |policy: &str| {
        criterion(
            policy,
            Measure::Grade(NamedPolicy::preset(policy).unwrap()),
            Requirement::AtLeast(Threshold::Grade(Grade::Good)),
        )
        .group_by([GroupBy::Holder, GroupBy::Year])
        .scope(Scope::all().periods_within(Period::year(2024).unwrap()))
        .build()
        .unwrap()
    };
    let criteria = Criteria::new(vec![
        grade("regulation_124_2023"),
        grade("regulation_366_2025"),
    ])
    .unwrap();
    let assessment = criteria.assess(&evaluation, &registry()).unwrap();
    let r124 = assessment.result("regulation_124_2023").unwrap();
    // 2024 under Regulation 124: HU-A (half late, more than 20%) and BDV (one overdue)
    // are not completed; HU-B, all on time, is excellent.
    assert_eq!(r124.verdict(), Verdict::Violated);
    assert_eq!(r124.groups().get(Verdict::Violated), 2);
    assert_eq!(r124.groups().get(Verdict::Satisfied), 1);
    assert_eq!(
        r124.violations()[1].key().to_string(),
        "holder=HU-A, year=2024"
    );
    assert_eq!(
        r124.violations()[1].measured().grade(),
        Some(Grade::NotCompleted)
    );
    // Regulation 366 governs from the 2025 assessment: 2024 cannot be graded under it.
    let r366 = assessment.result("regulation_366_2025").unwrap();
    assert_eq!(r366.verdict(), Verdict::Indeterminate);
    assert_eq!(
        r366.undecided()[0].reason(),
        &Undecided::PolicyNotInForce {
            policy: "regulation_366_2025".to_owned(),
            year: 2024
        }
    );
    // A grade threshold for a number measure is refused.
    let err = criterion(
        "x",
        Measure::OnTimeRate,
        Requirement::AtLeast(Threshold::Grade(Grade::Good)),
    )
    .build()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid criteria at `criterion[x].require.at_least`: measure `on_time_rate` needs a number as threshold, found `good`"
    );
}

#[test]
fn lateness_measures_and_their_witnesses() {
    let assessment = judge(
        as_of(),
        vec![
            criterion(
                "age",
                Measure::MaxOverdueAge(TermUnit::Days),
                at_most(300.0),
            )
            .build()
            .unwrap(),
            criterion("mean", Measure::MeanLateness(TermUnit::Days), at_most(5.0))
                .build()
                .unwrap(),
            criterion(
                "working",
                Measure::MeanLateness(TermUnit::WorkingDays),
                at_most(5.0),
            )
            .build()
            .unwrap(),
        ],
    )
    .unwrap();
    // BDV 2024-H1 is overdue since 2024-07-20: 355 days on 2025-07-10.
    let age = assessment.result("age").unwrap();
    assert_eq!(age.violations()[0].measured().value(), 355.0);
    assert_eq!(age.violations()[0].witness_count(), 1);
    // Late ones: HU-A 2024-H2 by 10 days, BDV 2024-H1 by 355: mean 182.5.
    let mean = assessment.result("mean").unwrap();
    assert_eq!(mean.violations()[0].measured().value(), 182.5);
    assert_eq!(mean.violations()[0].measured().denominator(), 2);
    // Working days need a calendar.
    let working = assessment.result("working").unwrap();
    assert_eq!(working.verdict(), Verdict::Indeterminate);
    assert_eq!(working.undecided()[0].reason(), &Undecided::NoCalendar);
}

#[test]
fn counts_and_between_and_equal() {
    let assessment = judge(
        as_of(),
        vec![
            criterion(
                "count",
                Measure::Count(vec![Status::OpenWithinDeadline]),
                at_most(1.0),
            )
            .build()
            .unwrap(),
            criterion(
                "between",
                Measure::DoneRate,
                Requirement::Between(Threshold::Number(0.9), Threshold::Number(1.0)),
            )
            .build()
            .unwrap(),
            criterion(
                "equal",
                Measure::Reports,
                Requirement::Equal(Threshold::Number(6.0)),
            )
            .build()
            .unwrap(),
        ],
    )
    .unwrap();
    // HU-A 2025-H1 and BDV 2025-H1 are open within the deadline on 2025-07-10.
    let count = assessment.result("count").unwrap();
    assert_eq!(count.violations()[0].measured().value(), 2.0);
    assert_eq!(count.violations()[0].witness_count(), 2);
    // Done: 6 of 7 due (HU-A 2024-H1, 2024-H2; HU-B ×3; BDV 2024-H2).
    let between = assessment.result("between").unwrap();
    assert_eq!(between.verdict(), Verdict::Violated);
    assert_eq!(between.violations()[0].witness_count(), 1);
    assert_eq!(
        assessment.result("equal").unwrap().verdict(),
        Verdict::Satisfied
    );
}

#[test]
fn roles_and_statuses_filter_the_scope() {
    let late_only = || {
        criterion(
            "late-only",
            Measure::LateShare,
            Requirement::Equal(Threshold::Number(1.0)),
        )
        .scope(Scope::all().statuses([Status::DoneLate]))
        .build()
        .unwrap()
    };
    let leads = criterion("leads", Measure::OverdueCount, at_most(0.0))
        .scope(Scope::all().roles([Role::Lead]))
        .group_by([GroupBy::Holder])
        .build()
        .unwrap();
    let assessment = judge(as_of(), vec![leads, late_only()]).unwrap();
    let leads = assessment.result("leads").unwrap();
    assert_eq!(leads.verdict(), Verdict::Violated);
    assert_eq!(leads.violations()[0].key().to_string(), "holder=BDV");
    assert_eq!(
        assessment.result("late-only").unwrap().verdict(),
        Verdict::Satisfied
    );
    // Every obligation of the fixture is a lead's: a filter on coordinators would leave
    // every one out, which is a mistake in the criteria, not "not applicable".
    let coordinators = criterion("coordinators", Measure::OverdueCount, at_most(0.0))
        .scope(Scope::all().roles([Role::Lead, Role::Coordinate]))
        .build()
        .unwrap();
    let err = judge(as_of(), vec![late_only(), coordinators]).unwrap_err();
    assert_eq!(err.path(), Some("criterion[1].scope.roles[1]"));
    assert_eq!(
        err.problem(),
        Some(&CriteriaProblem::RoleNotCarried {
            role: Role::Coordinate
        })
    );
    assert_eq!(
        err.to_string(),
        "invalid criteria at `criterion[1].scope.roles[1]`: no obligation of the evaluation \
         has the role `coordinate`: the filter would leave every obligation out"
    );
}

#[cfg(feature = "serde")]
#[test]
fn a_role_no_obligation_carries_is_an_error_naming_the_criteria_file() {
    let (obligations, events) = fixture();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
    let text = r#"
[[criterion]]
id = "monitors"
title = { vi = "Theo dõi", en = "Monitors" }
provision = "Decree 09/2019/NĐ-CP art. 8.5(b)"
measure = "overdue_count"
require = { at_most = 0 }
scope = { roles = ["monitor"] }
"#;
    let registry = registry();
    let criteria = directives::criteria::Loader::new(&registry)
        .origin("rules.toml")
        .toml(text)
        .unwrap();
    // The file alone is valid; the obligations show the mistake.
    let err = criteria.assess(&evaluation, &registry).unwrap_err();
    assert_eq!(err, criteria.check(&obligations).unwrap_err());
    assert_eq!(
        err.to_string(),
        "invalid criteria toml in `rules.toml` at `criterion[0].scope.roles[0]`: no obligation \
         of the evaluation has the role `monitor`: the filter would leave every obligation out"
    );
}

#[test]
fn display_writes_one_line_per_violation_in_either_language() {
    let (obligations, events) = fixture();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
    let criteria = Criteria::new(vec![
        criterion("on-time", Measure::OnTimeRate, at_least(0.8))
            .severity(Severity::Warning)
            .group_by([GroupBy::Holder])
            .build()
            .unwrap(),
    ])
    .unwrap()
    .with_witnesses(1);
    let assessment = criteria.assess(&evaluation, &registry()).unwrap();
    assert_eq!(
        assessment.display(Lang::En).to_string(),
        "[warning] on-time (Decree 09/2019/NĐ-CP art. 8.5(b)) holder=BDV: on-time rate 0.5 (1/2), required at least 0.8; 1 obligation: `1470-CV/TU@2024-02-22/10.1/BDV/2024-H1`\n\
         [warning] on-time (Decree 09/2019/NĐ-CP art. 8.5(b)) holder=HU-A: on-time rate 0.5 (1/2), required at least 0.8; 1 obligation: `1470-CV/TU@2024-02-22/10.1/HU-A/2024-H2`\n"
    );
    assert_eq!(
        assessment.display(Lang::Vi).to_string().lines().next(),
        Some(
            "[cảnh báo] on-time (Decree 09/2019/NĐ-CP art. 8.5(b)) holder=BDV: tỷ lệ đúng hạn 0.5 (1/2), yêu cầu ít nhất 0.8; 1 nghĩa vụ: `1470-CV/TU@2024-02-22/10.1/BDV/2024-H1`"
        )
    );
}

#[cfg(feature = "serde")]
#[test]
fn the_json_shape_is_pinned() {
    let (obligations, events) = fixture();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
    let criteria = Criteria::new(vec![
        criterion("overdue", Measure::OverdueCount, at_most(0.0))
            .basis(
                directives::provenance::Provenance::unverified(
                    "none overdue is the province's aim",
                )
                .unwrap(),
            )
            .group_by([GroupBy::Holder, GroupBy::Year])
            .build()
            .unwrap(),
    ])
    .unwrap();
    let assessment = criteria.assess(&evaluation, &registry()).unwrap();
    let json = serde_json::to_string(&assessment).unwrap();
    assert_eq!(
        json,
        r#"{"as_of":"2025-07-10","results":[{"id":"overdue","title":{"vi":"Báo cáo","en":"Reports"},"provision":"Decree 09/2019/NĐ-CP art. 8.5(b)","severity":"error","basis":"unverified","group_by":["holder","year"],"measure":"overdue_count","requirement":{"at_most":0.0},"in_force":true,"verdict":"violated","groups":{"satisfied":3,"violated":1,"not_applicable":2,"indeterminate":0},"violations":[{"key":{"holder":"BDV","year":"2024"},"measured":{"value":1.0,"numerator":1.0,"denominator":2},"witnesses":["1470-CV/TU@2024-02-22/10.1/BDV/2024-H1"],"witness_count":1}],"undecided":[],"unsettled":[]}]}"#
    );
}

#[cfg(feature = "serde")]
#[test]
fn the_seed_criteria_file_loads_and_judges_the_letter() {
    let registry =
        Registry::from_toml_str(include_str!("../../examples/data/thanh_hoa.toml")).unwrap();
    let criteria = directives::criteria::Loader::new(&registry)
        .origin("examples/data/1470-CV-TU.criteria.toml")
        .toml(include_str!("../../examples/data/1470-CV-TU.criteria.toml"))
        .unwrap();
    assert!(criteria.len() >= 5);
    // Each criterion says whether its threshold rests on a text or an assumption.
    for c in criteria.criteria() {
        let basis = c
            .basis()
            .unwrap_or_else(|| panic!("{} has no basis", c.id()));
        assert!(basis.certainty() == Certainty::Verified || basis.assumption().is_some());
    }
}

#[cfg(feature = "serde")]
#[test]
fn files_are_checked_against_the_registry() {
    let registry = registry();
    let head = "[[criterion]]\nid = \"c\"\ntitle = { vi = \"c\", en = \"c\" }\nprovision = \"p\"\n";
    let cases = [
        (
            "measure = \"on_time_rate\"\nrequire = { at_least = 0.8 }\nscope = { bodies = { body = \"HU-X\" } }\n",
            "invalid criteria toml in `c.toml` at line 7, column 20, `criterion[0].scope.bodies`: unknown body code `HU-X`",
        ),
        (
            "measure = \"on_time_rate\"\nrequire = { at_least = 0.8 }\nscope = { bodies = { kind = \"party_comittee\" } }\n",
            "invalid criteria toml in `c.toml` at line 7, column 29, `criterion[0].scope.bodies.kind`: unknown body kind `party_comittee`",
        ),
        (
            "measure = \"on_time_rate\"\nrequire = { at_least = 0.8 }\nscope = { roles = [\"leader\"] }\n",
            "invalid criteria toml in `c.toml` at line 7, column 20, `criterion[0].scope.roles[0]`: unknown role `leader`: expected one of lead, coordinate, advise, implement, monitor",
        ),
        (
            "measure = \"on_time_rate\"\nrequire = { at_most = 80 }\n",
            "invalid criteria toml in `c.toml` at line 6, column 23, `criterion[0].require.at_most`: rate threshold `80` is outside 0 to 1",
        ),
        (
            "measure = \"on_time_rate\"\nrequire = { at_least = 0.8 }\ncolour = \"red\"\n",
            "invalid criteria toml in `c.toml` at line 7, column 10, `criterion[0].colour`: unknown field `colour`, expected one of `id`, `title`, `provision`, `severity`, `from`, `until`, `basis`, `scope`, `group_by`, `measure`, `require`",
        ),
    ];
    for (tail, expected) in cases {
        let text = format!("{head}{tail}");
        let err = directives::criteria::Loader::new(&registry)
            .origin("c.toml")
            .toml(&text)
            .unwrap_err();
        assert_eq!(err.to_string(), expected, "{text}");
        let root: directives::Error = err.into();
        assert_eq!(root.to_string(), expected);
    }
}

#[test]
fn facts_pin_their_ids_and_assumptions() {
    let facts = directives::criteria::facts();
    let pinned: Vec<(&str, &str)> = facts
        .iter()
        .filter(|f| f.is_below(Certainty::Corroborated))
        .map(|f| (f.id(), f.provenance().assumption().unwrap_or("")))
        .collect();
    assert_eq!(
        pinned,
        [
            (
                "criteria.rate-over-due",
                "Decision 42/2014/QĐ-TTg counts tasks in four states and reports those open within the deadline apart; no text read here defines a rate of reports on time, so obligations not yet due, waived or not applicable are left out of it"
            ),
            (
                "criteria.window-by-period-end",
                "no text read here assigns a report to a window; a period ends in exactly one window, so each report counts once"
            ),
            (
                "criteria.mean-lateness-of-late",
                "no text read here defines mean lateness; averaging over obligations done on time would mix timeliness with lateness, which the on-time rate measures"
            ),
            (
                "criteria.in-force-on-as-of",
                "a criterion is a rule of the user's tracking, not of the law; judging it on the date of the assessment is the reading that lets a rule be replaced from a date"
            ),
        ]
    );
    assert_eq!(facts.len(), pinned.len());
}

#[test]
fn an_obligation_held_by_a_body_outside_the_registry_is_an_error_when_needed() {
    let mut obligations = Obligations::new();
    let key = "05/CT-UBND@2025-01-02/1.1/XX/2025".parse().unwrap();
    let id: ObligationId = obligations
        .push(Obligation::new(key, d(2025, 12, 20)))
        .unwrap();
    let events = Events::new();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2026, 1, 31), &policy).unwrap();
    assert_eq!(evaluation.status(id), Some(Status::OpenOverdue));
    let by_level = Criteria::new(vec![
        criterion("l", Measure::OverdueCount, at_most(0.0))
            .group_by([GroupBy::Level])
            .build()
            .unwrap(),
    ])
    .unwrap();
    let err = by_level.assess(&evaluation, &registry()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "criterion `l`: body `XX` of the obligations is not in the registry"
    );
    // Grouping by holder needs no registry.
    let by_holder = Criteria::new(vec![
        criterion("h", Measure::OverdueCount, at_most(0.0))
            .group_by([GroupBy::Holder])
            .build()
            .unwrap(),
    ])
    .unwrap();
    let result = by_holder
        .assess(&evaluation, &registry())
        .unwrap()
        .results()[0]
        .clone();
    assert_eq!(result.violations()[0].key().to_string(), "holder=XX");
}

mod naive {
    use std::collections::BTreeMap;

    use chrono::Days;
    use directives::compliance::{EvaluationPolicy, Events, Status, evaluate};
    use directives::criteria::{Criteria, Criterion, GroupBy, Measure, Requirement, Threshold};
    use directives::obligation::{Obligation, Obligations};
    use directives::org::Registry;
    use proptest::prelude::*;

    use super::d;

    proptest! {
        /// The on-time rate per holder, its verdict and its witnesses agree with a count
        /// over the owned findings.
        #[test]
        fn on_time_rate_by_holder_matches_a_count_of_findings(
            rows in proptest::collection::vec((0u8..4, 0u64..90, proptest::option::of(0u64..60)), 1..80),
            threshold in 0.0f64..=1.0,
        ) {
            let mut obligations = Obligations::new();
            let mut events = Events::new();
            for (i, (body, due_in, sent_in)) in rows.iter().enumerate() {
                let key = format!("05/CT-UBND@2025-01-02/{}.1/B{body}/2025", i + 1).parse().unwrap();
                let due = d(2025, 1, 10) + Days::new(*due_in);
                let id = obligations.push(Obligation::new(key, due)).unwrap();
                if let Some(sent) = sent_in {
                    events.push_submission(id, d(2025, 1, 20) + Days::new(*sent)).unwrap();
                }
            }
            let policy = EvaluationPolicy::without_calendar();
            let evaluation = evaluate(&obligations, &events, d(2025, 3, 1), &policy).unwrap();
            let mut naive: BTreeMap<String, (u64, u64)> = BTreeMap::new();
            for finding in evaluation.findings() {
                let entry = naive.entry(finding.body().to_string()).or_default();
                match finding.status() {
                    Status::DoneOnTime => { entry.0 += 1; entry.1 += 1; }
                    Status::DoneLate | Status::OpenOverdue => entry.1 += 1,
                    _ => {}
                }
            }
            let criteria = Criteria::new(vec![Criterion::builder("c").title("c", "c").provision("p")
                .group_by([GroupBy::Holder])
                .measure(Measure::OnTimeRate)
                .require(Requirement::AtLeast(Threshold::Number(threshold)))
                .build().unwrap()]).unwrap();
            let registry = Registry::builder().build().unwrap();
            let result = criteria.assess(&evaluation, &registry).unwrap().results()[0].clone();
            let mut violated = BTreeMap::new();
            for v in result.violations() {
                violated.insert(v.key().get(GroupBy::Holder).unwrap().to_owned(), v.clone());
            }
            let mut not_applicable = 0;
            for (body, (on_time, due)) in &naive {
                if *due == 0 {
                    not_applicable += 1;
                    prop_assert!(!violated.contains_key(body));
                    continue;
                }
                let rate = *on_time as f64 / *due as f64;
                match violated.get(body) {
                    Some(v) => {
                        prop_assert!(rate < threshold);
                        prop_assert_eq!(v.measured().numerator(), *on_time as f64);
                        prop_assert_eq!(v.measured().denominator(), *due);
                        prop_assert_eq!(v.witness_count(), due - on_time);
                        prop_assert!(v.witnesses().len() as u64 <= (due - on_time).min(5));
                    }
                    None => prop_assert!(rate >= threshold - 1e-9),
                }
            }
            prop_assert_eq!(result.groups().get(directives::criteria::Verdict::NotApplicable), not_applicable);
            prop_assert_eq!(result.groups().total(), naive.len() as u64);
        }
    }
}

#[test]
fn indicator_targets_and_scores() {
    use directives::compliance::{Event, EventKind};
    use directives::obligation::Target;
    let mut obligations = Obligations::new();
    let mut events = Events::new();
    // Three communes' indicator reports for 2024, target 5 models each: one meets it, one
    // reports 3, one reports nothing and is overdue.
    for (body, value) in [("X1", Some(6.0)), ("X2", Some(3.0)), ("X3", None)] {
        let key = format!("1470-CV/TU@2024-02-22/3.1/{body}/2024")
            .parse()
            .unwrap();
        let id = obligations
            .push(Obligation::new(key, d(2024, 12, 20)).with_target(Target::new(5.0).unwrap()))
            .unwrap();
        if let Some(value) = value {
            events
                .push(Event::new(
                    id,
                    d(2024, 12, 15),
                    EventKind::IndicatorValue { value },
                ))
                .unwrap();
        }
    }
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 1, 31), &policy).unwrap();
    let criteria = Criteria::new(vec![
        criterion("targets", Measure::IndicatorTargetMet, at_least(0.5))
            .build()
            .unwrap(),
        criterion(
            "score",
            Measure::Score(NamedPolicy::preset("regulation_124_2023").unwrap()),
            at_least(70.0),
        )
        .scope(Scope::all().periods_within(Period::year(2024).unwrap()))
        .build()
        .unwrap(),
    ])
    .unwrap();
    let registry = Registry::builder().build().unwrap();
    let assessment = criteria.assess(&evaluation, &registry).unwrap();
    let targets = assessment.result("targets").unwrap();
    assert_eq!(targets.verdict(), Verdict::Violated);
    let v = &targets.violations()[0];
    assert_eq!(
        (v.measured().numerator(), v.measured().denominator()),
        (1.0, 3)
    );
    // The witnesses are the two that miss the target (one low, one with no value).
    let witnesses: Vec<String> = v.witnesses().iter().map(|k| k.body().to_string()).collect();
    assert_eq!(witnesses, ["X2", "X3"]);
    // The index of Regulation 124 is the share on time, in points: 2 of 3.
    let score = assessment.result("score").unwrap();
    assert_eq!(score.verdict(), Verdict::Violated);
    let value = score.violations()[0].measured().value();
    assert!((value - 200.0 / 3.0).abs() < 1e-9, "{value}");
    assert_eq!(score.violations()[0].witness_count(), 1);
}

#[cfg(feature = "serde")]
#[test]
fn criteria_load_from_a_path_and_from_json_alike() {
    let registry =
        Registry::from_toml_str(include_str!("../../examples/data/thanh_hoa.toml")).unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/1470-CV-TU.criteria.toml"
    );
    let from_path = Criteria::from_path(path, &registry).unwrap();
    assert_eq!(from_path.witnesses(), 3);
    let json = r#"{"witnesses": 3, "criterion": [{"id": "reports-all-made",
        "title": {"vi": "Mỗi cấp ủy gửi đủ báo cáo định kỳ", "en": "Every committee makes each periodic report"},
        "provision": "1470-CV/TU (2024-02-22), task 10", "severity": "error", "group_by": ["holder"],
        "measure": "done_rate", "require": {"at_least": 1.0},
        "basis": {"certainty": "verified", "citation": "1470-CV/TU of 2024-02-22, task 10: \"báo cáo định kỳ kết quả\" (report the results periodically) to the Provincial Standing Committee"},
        "scope": {"directives": ["1470-CV/TU@2024-02-22"], "tasks": ["10"]}}]}"#;
    let from_json = Criteria::from_json_str(json, &registry).unwrap();
    assert_eq!(from_json.criteria()[0], from_path.criteria()[0]);
}
