//! Expansion of directives into obligations: roles, requirement kinds, horizons, and
//! succession through reorganisations; then evaluation of the expanded obligations.

use chrono::NaiveDate;
use directives::calendar::WorkCalendar;
use directives::compliance::{EvaluationPolicy, Event, Events, Status, evaluate};
use directives::directive::{Assignee, Clause, Directive, PeriodicReport, Requirement, Role, Task};
use directives::document::{DocSymbol, Document};
use directives::obligation::{
    Applicability, ExpansionOptions, ObligationError, RequirementIndex, SkipReason, Skipped,
    obligations, obligations_with,
};
use directives::org::{Body, BodyKind, Change, Level, Registry, Selector};
use directives::period::{Frequency, Period};
use directives::regime::ReportingRegime;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn body(code: &str) -> Selector {
    Selector::Body(code.parse().unwrap())
}

/// A province with three departments: BDV merges into BTG on 2024-07-01, and BKT is
/// dissolved without a successor on the same day.
fn registry() -> Registry {
    let from = date(2000, 1, 1);
    let department = |code: &str| {
        Body::new(
            code.parse().unwrap(),
            code,
            BodyKind::PartyAdvisoryDepartment,
            Level::Province,
            from,
        )
        .with_parent("TU".parse().unwrap())
    };
    Registry::builder()
        .body(Body::new(
            "TU".parse().unwrap(),
            "Tỉnh ủy",
            BodyKind::PartyCommittee,
            Level::Province,
            from,
        ))
        .body(department("BDV"))
        .body(department("BTG"))
        .body(department("BKT"))
        .change(Change::Dissolve {
            body: "BDV".parse().unwrap(),
            successor: Some("BTG".parse().unwrap()),
            date: date(2024, 7, 1),
            provenance: None,
        })
        .change(Change::Dissolve {
            body: "BKT".parse().unwrap(),
            successor: None,
            date: date(2024, 7, 1),
            provenance: None,
        })
        .build()
        .unwrap()
}

fn directive() -> Directive {
    let doc = Document::builder(DocSymbol::parse("05/CT-TU").unwrap(), date(2024, 2, 22))
        .build()
        .unwrap();
    Directive::builder(doc)
        .recipient(body("BDV"))
        .recipient(body("BKT"))
        .task(
            Task::new("1".parse().unwrap(), "report quarterly")
                .assign(Role::Lead, Assignee::Recipients)
                .assign(Role::Coordinate, Assignee::Bodies(body("BTG")))
                .require(Requirement::PeriodicReport(
                    PeriodicReport::new().with_regime(ReportingRegime::decree_09_quarterly()),
                )),
        )
        .task(
            Task::new("2".parse().unwrap(), "a plan, a target, and ongoing work")
                .assign(Role::Lead, Assignee::Bodies(body("BTG")))
                .assign(Role::Monitor, Assignee::Bodies(body("TU")))
                .require(Requirement::Deliverable {
                    what: "kế hoạch".into(),
                    due: Some("30 days".parse().unwrap()),
                })
                .require(Requirement::Indicator {
                    metric: "mô hình".into(),
                    target: Some(5.0),
                    unit: None,
                    by: Some("2024-12-31".parse().unwrap()),
                })
                .require(Requirement::Deliverable {
                    what: "no date".into(),
                    due: None,
                })
                .require(Requirement::Continuous),
        )
        .build()
        .unwrap()
}

/// (task, period, requirement, assigned body, due date, holder where it is not the
/// assigned body, applicability).
type Row = (
    String,
    String,
    u32,
    String,
    NaiveDate,
    Option<String>,
    Applicability,
);

#[test]
fn expansion_over_a_year() {
    let registry = registry();
    let calendar = WorkCalendar::vietnam().unwrap();
    let store = obligations(
        &directive(),
        &registry,
        &calendar,
        Period::year(2024).unwrap(),
    )
    .unwrap()
    .into_obligations();
    let all: Vec<_> = store.ids().map(|id| store.get(id).unwrap()).collect();
    let code = |code: &directives::org::BodyCode| code.to_string();
    let rows: Vec<Row> = all
        .iter()
        .map(|o| {
            (
                o.key().clause().to_string(),
                o.key().period().to_string(),
                o.key().requirement().get(),
                code(o.key().body()),
                o.due_date(),
                (o.holder() != o.key().body()).then(|| code(o.holder())),
                o.applicability(),
            )
        })
        .collect();
    let na = Applicability::NotApplicable;
    let ok = Applicability::Applies;
    let btg = Some("BTG".to_owned());
    assert_eq!(
        rows,
        [
            // Task 1: the two recipients lead; BTG only coordinates and owes nothing.
            (
                "task 1".into(),
                "2024-Q1".into(),
                0,
                "BDV".into(),
                date(2024, 3, 25),
                None,
                ok
            ),
            (
                "task 1".into(),
                "2024-Q1".into(),
                0,
                "BKT".into(),
                date(2024, 3, 25),
                None,
                ok
            ),
            (
                "task 1".into(),
                "2024-Q2".into(),
                0,
                "BDV".into(),
                date(2024, 6, 25),
                None,
                ok
            ),
            (
                "task 1".into(),
                "2024-Q2".into(),
                0,
                "BKT".into(),
                date(2024, 6, 25),
                None,
                ok
            ),
            // From 2024-07-01 BDV's reports pass to BTG; BKT's lapse.
            (
                "task 1".into(),
                "2024-Q3".into(),
                0,
                "BDV".into(),
                date(2024, 9, 25),
                btg.clone(),
                ok
            ),
            (
                "task 1".into(),
                "2024-Q3".into(),
                0,
                "BKT".into(),
                date(2024, 9, 25),
                None,
                na
            ),
            (
                "task 1".into(),
                "2024-Q4".into(),
                0,
                "BDV".into(),
                date(2024, 12, 25),
                btg,
                ok
            ),
            (
                "task 1".into(),
                "2024-Q4".into(),
                0,
                "BKT".into(),
                date(2024, 12, 25),
                None,
                na
            ),
            // Task 2: the plan (30 days from 2024-02-22, ending on Saturday 23 March, so on
            // Monday 25 March: Civil Code art. 148.5) and the target; no obligation for the
            // undated deliverable or the continuous work, nor for the monitor.
            (
                "task 2".into(),
                "2024-02-22..2024-03-25".into(),
                0,
                "BTG".into(),
                date(2024, 3, 25),
                None,
                ok
            ),
            (
                "task 2".into(),
                "2024-02-22..2024-12-31".into(),
                1,
                "BTG".into(),
                date(2024, 12, 31),
                None,
                ok
            ),
        ]
    );
    assert_eq!(
        store.directives().next().unwrap().1.to_string(),
        "05/CT-TU of 2024-02-22"
    );
}

#[test]
fn horizon_limits_the_periods() {
    let registry = registry();
    let calendar = WorkCalendar::vietnam().unwrap();
    let store = obligations(
        &directive(),
        &registry,
        &calendar,
        Period::quarter(2025, 1).unwrap(),
    )
    .unwrap()
    .into_obligations();
    // One quarter of task 1 (BTG for BDV, BKT lapsed); task 2's dates are outside.
    assert_eq!(store.len(), 2);
}

#[test]
fn unknown_selector_is_an_error() {
    let doc = Document::builder(DocSymbol::parse("06/CT-TU").unwrap(), date(2024, 2, 22))
        .build()
        .unwrap();
    let directive = Directive::builder(doc)
        .task(
            Task::new("1".parse().unwrap(), "t")
                .assign(Role::Lead, Assignee::Bodies(body("XX")))
                .require(Requirement::Deliverable {
                    what: "x".into(),
                    due: Some("2024-03-01".parse().unwrap()),
                }),
        )
        .build()
        .unwrap();
    let calendar = WorkCalendar::vietnam().unwrap();
    let err = obligations(
        &directive,
        &registry(),
        &calendar,
        Period::year(2024).unwrap(),
    )
    .unwrap_err();
    assert!(matches!(err, ObligationError::Org(_)));
    assert_eq!(err.to_string(), "unknown body code `XX`");
}

#[test]
fn expanded_obligations_evaluate_with_the_vietnamese_calendar() {
    let registry = registry();
    let calendar = WorkCalendar::vietnam().unwrap();
    let store = obligations(
        &directive(),
        &registry,
        &calendar,
        Period::year(2024).unwrap(),
    )
    .unwrap()
    .into_obligations();
    let mut events = Events::new();
    let ids: Vec<_> = store.ids().collect();
    // The plan is due Monday 2024-03-25 (its term ended on a Saturday).
    events
        .push(Event::submitted(ids[8], date(2024, 3, 25)))
        .unwrap();
    events
        .push(Event::submitted(ids[0], date(2024, 3, 26)))
        .unwrap();
    let policy = EvaluationPolicy::new(calendar.clone());
    let evaluation = evaluate(&store, &events, date(2024, 10, 1), &policy).unwrap();
    let finding = evaluation.finding(ids[8]).unwrap();
    assert_eq!(finding.status(), Status::DoneOnTime);
    assert_eq!(finding.effective_due(), date(2024, 3, 25));
    assert_eq!(evaluation.status(ids[0]), Some(Status::DoneLate));
    assert_eq!(evaluation.status(ids[5]), Some(Status::NotApplicable));
    assert_eq!(evaluation.status(ids[6]), Some(Status::OpenWithinDeadline));
    assert_eq!(evaluation.status(ids[2]), Some(Status::OpenOverdue));
    let passed = evaluation.finding(ids[4]).unwrap();
    assert_eq!(passed.status(), Status::OpenOverdue);
    assert_eq!(passed.assigned_body().map(|b| b.as_ref()), Some("BDV"));
    assert_eq!(passed.body().as_ref(), "BTG");
    let explanation = passed.explanation().to_string();
    assert!(
        explanation.ends_with(
            "; the obligation passed from `BDV` (BDV) to its successor `BTG` (BTG) on \
             `2024-07-01`."
        ),
        "{explanation}"
    );
    let kept = evaluation.finding(ids[0]).unwrap();
    assert_eq!(kept.assigned_body(), None);
    assert!(kept.explanation().notes().is_empty());
}

/// One task per way a requirement can give no obligation, each on the province of
/// [`registry`], issued on 2024-02-22, expanded over 2024 with a half-yearly default
/// regime.
#[test]
fn every_skip_reason_is_reported() {
    let doc = Document::builder(DocSymbol::parse("07/CT-TU").unwrap(), date(2024, 2, 22))
        .build()
        .unwrap();
    let lead = |task: Task| task.assign(Role::Lead, Assignee::Bodies(body("BTG")));
    let directive = Directive::builder(doc)
        .task(lead(Task::new("1".parse().unwrap(), "continuous")).require(Requirement::Continuous))
        .task(
            lead(Task::new("2".parse().unwrap(), "quarterly, no regime")).require(
                Requirement::PeriodicReport(
                    PeriodicReport::new().with_frequency(Frequency::Quarterly),
                ),
            ),
        )
        .task(
            lead(Task::new("3".parse().unwrap(), "no due")).require(Requirement::Indicator {
                metric: "m".into(),
                target: None,
                unit: None,
                by: None,
            }),
        )
        .task(
            lead(Task::new("4".parse().unwrap(), "due next year")).require(
                Requirement::Deliverable {
                    what: "d".into(),
                    due: Some("2025-03-03".parse().unwrap()),
                },
            ),
        )
        .task(
            // A coordinating body owes nothing, so no body owes this report.
            Task::new("5".parse().unwrap(), "no owner")
                .assign(Role::Coordinate, Assignee::Bodies(body("BTG")))
                .require(Requirement::PeriodicReport(PeriodicReport::new())),
        )
        .task(
            // A half-yearly report that states its frequency: the default applies.
            lead(Task::new("6".parse().unwrap(), "half-yearly, no regime")).require(
                Requirement::PeriodicReport(
                    PeriodicReport::new().with_frequency(Frequency::HalfYearly),
                ),
            ),
        )
        .build()
        .unwrap();
    let calendar = WorkCalendar::vietnam().unwrap();
    let options = ExpansionOptions::new().default_regime(ReportingRegime::decree_09_half_yearly());
    let expansion = obligations_with(
        &directive,
        &registry(),
        &calendar,
        Period::year(2024).unwrap(),
        &options,
    )
    .unwrap();
    let task = |n: &str| Clause::Task(n.parse().unwrap());
    let first = RequirementIndex::new(0);
    let table = [
        (
            Skipped::new(task("1"), first, SkipReason::Continuous),
            "task 1, requirement 1: continuous work has no deadline",
        ),
        (
            Skipped::new(
                task("2"),
                first,
                SkipReason::FrequencyMismatch {
                    stated: Frequency::Quarterly,
                    regime: Frequency::HalfYearly,
                },
            ),
            "task 2, requirement 1: the report's stated frequency `quarterly` differs from the \
             default regime's `half_yearly`",
        ),
        (
            Skipped::new(task("3"), first, SkipReason::NoDeadline),
            "task 3, requirement 1: the requirement states no due date or term",
        ),
        (
            Skipped::new(
                task("4"),
                first,
                SkipReason::DueOutsideHorizon {
                    due: date(2025, 3, 3),
                },
            ),
            "task 4, requirement 1: due date `2025-03-03` is outside the horizon",
        ),
        (
            Skipped::new(task("5"), first, SkipReason::NoBodies),
            "task 5, requirement 1: no lead or implementing body is selected on the issue date",
        ),
    ];
    assert_eq!(
        expansion.skipped(),
        table.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>()
    );
    for (skipped, message) in &table {
        assert_eq!(skipped.to_string(), *message);
    }
    // Task 6 alone expands: 2024-H1 and 2024-H2 for BTG.
    let store = expansion.obligations();
    let clauses: Vec<_> = store
        .ids()
        .map(|id| store.get(id).unwrap().key().clause().clone())
        .collect();
    assert_eq!(clauses, [task("6"), task("6")]);

    // Without a default regime, the reports of tasks 2, 5 and 6 have none: the regime is
    // checked before the bodies.
    let plain = obligations(
        &directive,
        &registry(),
        &calendar,
        Period::year(2024).unwrap(),
    )
    .unwrap();
    assert!(plain.obligations().is_empty());
    let reasons: Vec<_> = plain
        .skipped()
        .iter()
        .map(|s| (s.clause().as_str().to_owned(), s.reason()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("1".to_owned(), SkipReason::Continuous),
            ("2".to_owned(), SkipReason::NoRegime),
            ("3".to_owned(), SkipReason::NoDeadline),
            (
                "4".to_owned(),
                SkipReason::DueOutsideHorizon {
                    due: date(2025, 3, 3)
                }
            ),
            ("5".to_owned(), SkipReason::NoRegime),
            ("6".to_owned(), SkipReason::NoRegime),
        ]
    );
    assert_eq!(
        plain.skipped()[1].to_string(),
        "task 2, requirement 1: the periodic report states no reporting regime and no default \
         regime was given"
    );
}

#[test]
fn periods_ending_before_issue_are_left_out_without_a_skip() {
    // Issued on 2024-02-22: the monthly report owes nothing for January, which ended
    // before, and expands for February to December.
    let doc = Document::builder(DocSymbol::parse("08/CT-TU").unwrap(), date(2024, 2, 22))
        .build()
        .unwrap();
    let directive = Directive::builder(doc)
        .task(
            Task::new("1".parse().unwrap(), "monthly")
                .assign(Role::Lead, Assignee::Bodies(body("BTG")))
                .require(Requirement::PeriodicReport(
                    PeriodicReport::new().with_regime(ReportingRegime::decree_09_monthly()),
                )),
        )
        .build()
        .unwrap();
    let calendar = WorkCalendar::vietnam().unwrap();
    let expansion = obligations(
        &directive,
        &registry(),
        &calendar,
        Period::year(2024).unwrap(),
    )
    .unwrap();
    assert!(expansion.skipped().is_empty());
    let store = expansion.obligations();
    let periods: Vec<String> = store
        .ids()
        .map(|id| store.get(id).unwrap().key().period().to_string())
        .collect();
    assert_eq!(periods.len(), 11);
    assert_eq!(periods.first().map(String::as_str), Some("2024-02"));
    assert_eq!(periods.last().map(String::as_str), Some("2024-12"));
}

#[test]
fn a_report_whose_periods_all_end_before_issue_is_listed_as_skipped() {
    // Issued on 2024-02-22; asked for 2023: every monthly period ended before the issue
    // date, so the report gives nothing, and says why.
    let doc = Document::builder(DocSymbol::parse("08/CT-TU").unwrap(), date(2024, 2, 22))
        .build()
        .unwrap();
    let directive = Directive::builder(doc)
        .task(
            Task::new("1".parse().unwrap(), "monthly")
                .assign(Role::Lead, Assignee::Bodies(body("BTG")))
                .require(Requirement::PeriodicReport(
                    PeriodicReport::new().with_regime(ReportingRegime::decree_09_monthly()),
                )),
        )
        .build()
        .unwrap();
    let calendar = WorkCalendar::vietnam().unwrap();
    let expansion = obligations(
        &directive,
        &registry(),
        &calendar,
        Period::year(2023).unwrap(),
    )
    .unwrap();
    assert!(expansion.obligations().is_empty());
    assert_eq!(expansion.skipped().len(), 1);
    let skipped = &expansion.skipped()[0];
    assert_eq!(
        skipped.reason(),
        SkipReason::BeforeIssue {
            issued: date(2024, 2, 22)
        }
    );
    assert_eq!(
        skipped.to_string(),
        "task 1, requirement 1: every reporting period in the horizon ends before the directive was issued on `2024-02-22`"
    );
}

#[cfg(feature = "serde")]
mod seed {
    //! The seed letter 1470-CV/TU on the Thanh Hóa registry.

    use super::*;
    use directives::obligation::{Expansion, Obligation, ObligationKey};
    use std::collections::HashSet;

    const SEED: &str = include_str!("../../examples/data/1470-CV-TU.toml");
    const THANH_HOA: &str = include_str!("../../examples/data/thanh_hoa.toml");

    fn half_yearly() -> ExpansionOptions {
        ExpansionOptions::new().default_regime(ReportingRegime::decree_09_half_yearly())
    }

    fn all(expansion: &Expansion) -> Vec<Obligation> {
        let store = expansion.obligations();
        store.ids().map(|id| store.get(id).unwrap()).collect()
    }

    /// A body's code, checked against the registry.
    fn code(registry: &Registry, code: &directives::org::BodyCode) -> String {
        assert!(registry.id(code).is_some(), "{code}");
        code.to_string()
    }

    /// A horizon that runs past the letter's own (2024) expands for the periods inside and
    /// lists each reporting period outside, with the reason, for each report.
    #[test]
    fn a_horizon_partly_outside_the_directive_lists_the_periods_left_out() {
        let registry = Registry::from_toml_str(THANH_HOA).unwrap();
        let directive = Directive::from_toml_str(SEED).unwrap();
        let calendar = WorkCalendar::vietnam().unwrap();
        let own = directive.horizon().unwrap();
        let asked = Period::custom(date(2024, 7, 1), date(2025, 12, 31)).unwrap();
        let expansion =
            obligations_with(&directive, &registry, &calendar, asked, &half_yearly()).unwrap();
        let periods: HashSet<String> = all(&expansion)
            .iter()
            .map(|o| o.key().period().to_string())
            .collect();
        assert_eq!(periods, HashSet::from(["2024-H2".to_owned()]));
        let outside: Vec<String> = expansion
            .skipped()
            .iter()
            .filter_map(|s| match s.reason() {
                SkipReason::PeriodOutsideDirectiveHorizon { period, horizon } => {
                    assert_eq!(horizon, own);
                    Some(format!("{} {period}", s.clause()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            outside,
            [
                "task 10 2025-H1",
                "task 10 2025-H2",
                "monitoring clause 2025-H1",
                "monitoring clause 2025-H2"
            ]
        );
        assert_eq!(
            SkipReason::PeriodOutsideDirectiveHorizon {
                period: "2025-H1".parse().unwrap(),
                horizon: own,
            }
            .to_string(),
            format!("the period `2025-H1` falls outside the directive's own horizon `{own}`")
        );
        // Inside the letter's horizon, nothing of the kind is listed.
        let inside = obligations_with(
            &directive,
            &registry,
            &calendar,
            Period::year(2024).unwrap(),
            &half_yearly(),
        )
        .unwrap();
        assert!(
            !inside
                .skipped()
                .iter()
                .any(|s| matches!(s.reason(), SkipReason::PeriodOutsideDirectiveHorizon { .. }))
        );
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&expansion).unwrap();
            assert!(
                json.contains(r#"{"kind":"period_outside_directive_horizon","period":"2025-H1","#),
                "{json}"
            );
            let back: Expansion = serde_json::from_str(&json).unwrap();
            assert_eq!(back, expansion);
            let toml = toml::to_string(&expansion).unwrap();
            let back: Expansion = toml::from_str(&toml).unwrap();
            assert_eq!(back, expansion);
        }
    }

    /// The bodies task 10 assigns on 2024-02-22: every party committee under the
    /// Provincial Party Committee (the 27 district-level ones and the party committee of
    /// the provincial agencies and enterprises), the two party delegations and the
    /// civil-affairs committee of the People's Committee.
    fn task_10_bodies() -> Vec<String> {
        let districts = [
            "BA-THUOC",
            "BIM-SON",
            "CAM-THUY",
            "DONG-SON",
            "HA-TRUNG",
            "HAU-LOC",
            "HOANG-HOA",
            "LANG-CHANH",
            "MUONG-LAT",
            "NGA-SON",
            "NGHI-SON",
            "NGOC-LAC",
            "NHU-THANH",
            "NHU-XUAN",
            "NONG-CONG",
            "QUAN-HOA",
            "QUAN-SON",
            "QUANG-XUONG",
            "SAM-SON",
            "THACH-THANH",
            "THANH-HOA",
            "THIEU-HOA",
            "THO-XUAN",
            "THUONG-XUAN",
            "TRIEU-SON",
            "VINH-LOC",
            "YEN-DINH",
        ];
        let mut bodies: Vec<String> = districts.iter().map(|d| format!("TH-HU-{d}")).collect();
        // The registry lists 2 of the 8 party delegations of 2024 and the 3 civil-affairs
        // committees (examples/data/thanh_hoa.toml, header).
        bodies.extend(
            [
                "TH-DU-KCQDN",
                "TH-DD-HDND",
                "TH-DD-MTTQ",
                "TH-BCS-UBND",
                "TH-BCS-TAND",
                "TH-BCS-VKSND",
            ]
            .map(String::from),
        );
        bodies.sort();
        bodies
    }

    #[test]
    fn seed_expands_over_2024_with_a_chosen_regime() {
        let registry = Registry::from_toml_str(THANH_HOA).unwrap();
        let directive = Directive::from_toml_str(SEED).unwrap();
        let calendar = WorkCalendar::vietnam().unwrap();
        let expansion = obligations_with(
            &directive,
            &registry,
            &calendar,
            Period::year(2024).unwrap(),
            &half_yearly(),
        )
        .unwrap();
        let obligations = all(&expansion);
        // Task 10: 33 bodies × 2 half-years; the monitoring clause: 1 body × 2.
        assert_eq!(task_10_bodies().len(), 33);
        assert_eq!(obligations.len(), 68);
        for half in ["2024-H1", "2024-H2"] {
            let mut owers: Vec<String> = obligations
                .iter()
                .filter(|o| o.key().clause().as_str() == "10")
                .filter(|o| o.key().period().to_string() == half)
                .map(|o| code(&registry, o.key().body()))
                .collect();
            owers.sort();
            assert_eq!(owers, task_10_bodies(), "{half}");
        }
        let monitoring: Vec<(String, String, NaiveDate)> = obligations
            .iter()
            .filter(|o| o.key().clause() == &Clause::Monitoring)
            .map(|o| {
                (
                    code(&registry, o.key().body()),
                    o.key().period().to_string(),
                    o.due_date(),
                )
            })
            .collect();
        assert_eq!(
            monitoring,
            [
                (
                    "TH-TU-BDV".to_owned(),
                    "2024-H1".to_owned(),
                    date(2024, 6, 25)
                ),
                (
                    "TH-TU-BDV".to_owned(),
                    "2024-H2".to_owned(),
                    date(2024, 12, 25)
                ),
            ]
        );
        // Nothing passed to a successor in 2024: Đông Sơn merged into Thanh Hóa city on
        // 2025-01-01, after its 2024-H2 report was due on 2024-12-25.
        assert!(obligations.iter().all(|o| o.holder() == o.key().body()));
        let dong_son = obligations
            .iter()
            .find(|o| {
                o.key().period().to_string() == "2024-H2"
                    && code(&registry, o.key().body()) == "TH-HU-DONG-SON"
            })
            .unwrap();
        assert_eq!(dong_son.due_date(), date(2024, 12, 25));
        assert_eq!(dong_son.applicability(), Applicability::Applies);
        // Tasks 1–9 give none, each with its reason.
        let skipped: Vec<String> = expansion
            .skipped()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            skipped,
            [
                "task 1, requirement 1: continuous work has no deadline",
                "task 2, requirement 1: continuous work has no deadline",
                "task 3, requirement 1: the requirement states no due date or term",
                "task 4, requirement 1: continuous work has no deadline",
                "task 5, requirement 1: the requirement states no due date or term",
                "task 6, requirement 1: continuous work has no deadline",
                "task 7, requirement 1: continuous work has no deadline",
                "task 8, requirement 1: continuous work has no deadline",
                "task 9, requirement 1: the requirement states no due date or term",
            ]
        );
    }

    #[test]
    fn seed_without_a_regime_owes_no_report_and_says_why() {
        let registry = Registry::from_toml_str(THANH_HOA).unwrap();
        let directive = Directive::from_toml_str(SEED).unwrap();
        let calendar = WorkCalendar::vietnam().unwrap();
        let expansion = obligations(
            &directive,
            &registry,
            &calendar,
            Period::year(2024).unwrap(),
        )
        .unwrap();
        assert!(expansion.obligations().is_empty());
        let no_regime: Vec<(Clause, RequirementIndex)> = expansion
            .skipped()
            .iter()
            .filter(|s| s.reason() == SkipReason::NoRegime)
            .map(|s| (s.clause().clone(), s.requirement()))
            .collect();
        assert_eq!(
            no_regime,
            [
                (
                    Clause::Task("10".parse().unwrap()),
                    RequirementIndex::new(0)
                ),
                (Clause::Monitoring, RequirementIndex::new(0)),
            ]
        );
        assert_eq!(expansion.skipped().len(), 11);
        assert_eq!(
            expansion.skipped()[10].to_string(),
            "monitoring clause, requirement 1: the periodic report states no reporting regime \
             and no default regime was given"
        );
    }

    #[test]
    fn seed_over_2025_h2_passes_to_successors() {
        let registry = Registry::from_toml_str(THANH_HOA).unwrap();
        let seed = Directive::from_toml_str(SEED).unwrap();
        // The letter with a horizon through 2025.
        let mut builder = Directive::builder(seed.document().clone())
            .theme(seed.theme())
            .horizon(Period::custom(date(2024, 2, 22), date(2025, 12, 31)).unwrap());
        for selector in seed.recipients() {
            builder = builder.recipient(selector.clone());
        }
        for task in seed.tasks() {
            builder = builder.task(task.clone());
        }
        for document in seed.cited() {
            builder = builder.cited(document.clone());
        }
        let directive = builder
            .task(seed.monitoring().unwrap().clone())
            .build()
            .unwrap();
        let calendar = WorkCalendar::vietnam().unwrap();
        let expansion = obligations_with(
            &directive,
            &registry,
            &calendar,
            Period::half_year(2025, 2).unwrap(),
            &half_yearly(),
        )
        .unwrap();
        let obligations = all(&expansion);
        assert_eq!(obligations.len(), 34);
        assert!(obligations.iter().all(|o| {
            o.due_date() == date(2025, 12, 25)
                && o.key().period().to_string() == "2025-H2"
                && o.applicability() == Applicability::Applies
        }));
        // 34 distinct keys, though 27 of them are held by one body (TH-TU).
        let keys: HashSet<&ObligationKey> = obligations.iter().map(Obligation::key).collect();
        assert_eq!(keys.len(), 34);
        assert_eq!(
            obligations
                .iter()
                .filter(|o| code(&registry, o.holder()) == "TH-TU")
                .count(),
            27
        );
        // Each key names the assigned body, and finds its obligation.
        let store = expansion.obligations();
        for id in store.ids() {
            let o = store.get(id).unwrap();
            assert_eq!(store.find(o.key()), Some(id));
            assert_eq!(store.holder_code(id), Some(o.holder()));
        }
        // (assigned body, holder).
        let mut passed: Vec<(String, String)> = obligations
            .iter()
            .map(|o| {
                assert_ne!(o.holder(), o.key().body());
                (code(&registry, o.key().body()), code(&registry, o.holder()))
            })
            .collect();
        passed.sort();
        let mut expected: Vec<(String, String)> = task_10_bodies()
            .into_iter()
            .map(|b| {
                let to = match b.as_str() {
                    // The district level ended on 2025-07-01; Đông Sơn had merged into
                    // Thanh Hóa city on 2025-01-01.
                    d if d.starts_with("TH-HU-") => "TH-TU",
                    "TH-DD-HDND" | "TH-DD-MTTQ" | "TH-BCS-TAND" | "TH-BCS-VKSND" => "TH-DU-CQD",
                    _ => "TH-DU-UBND",
                };
                (b, to.to_owned())
            })
            .collect();
        // The Mass Mobilization Department merged into TH-TU-BTGDV on 2025-02-11.
        expected.push(("TH-TU-BDV".to_owned(), "TH-TU-BTGDV".to_owned()));
        expected.sort();
        assert_eq!(passed, expected);
    }
    fn horizon() -> impl proptest::strategy::Strategy<Value = Period> {
        use proptest::prelude::*;
        (2024i32..=2026, 0u32..7).prop_map(|(year, pick)| match pick {
            0..=3 => Period::quarter(year, pick + 1).unwrap(),
            4 | 5 => Period::half_year(year, pick - 3).unwrap(),
            _ => Period::year(year).unwrap(),
        })
    }

    fn regime() -> impl proptest::strategy::Strategy<Value = Option<ReportingRegime>> {
        use proptest::prelude::*;
        prop_oneof![
            Just(None),
            Just(Some(ReportingRegime::decree_09_monthly())),
            Just(Some(ReportingRegime::decree_09_quarterly())),
            Just(Some(ReportingRegime::decree_09_half_yearly())),
            Just(Some(ReportingRegime::decree_09_yearly())),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(48))]

        /// Every requirement of the letter either gives obligations or is listed once as
        /// skipped, never both and never neither; the reports are skipped exactly when no
        /// regime was chosen.
        #[test]
        fn every_requirement_is_accounted_for(horizon in horizon(), regime in regime()) {
            let registry = Registry::from_toml_str(THANH_HOA).unwrap();
            let directive = Directive::from_toml_str(SEED).unwrap();
            let calendar = WorkCalendar::vietnam().unwrap();
            let mut options = ExpansionOptions::new();
            if let Some(regime) = regime.clone() {
                options = options.default_regime(regime);
            }
            let expansion =
                obligations_with(&directive, &registry, &calendar, horizon, &options).unwrap();
            let mut parts: Vec<(Clause, RequirementIndex)> = directive
                .tasks()
                .iter()
                .flat_map(|t| {
                    (0..t.requirements().len() as u32)
                        .map(|k| (t.clause().clone(), RequirementIndex::new(k)))
                })
                .collect();
            parts.push((Clause::Monitoring, RequirementIndex::new(0)));
            let store = expansion.obligations();
            for (clause, index) in parts {
                let owed = store.ids().any(|id| {
                    let o = store.get(id).unwrap();
                    o.key().clause() == &clause && o.key().requirement() == index
                });
                let skips: Vec<&Skipped> = expansion
                    .skipped()
                    .iter()
                    .filter(|s| s.clause() == &clause && s.requirement() == index)
                    .collect();
                proptest::prop_assert!(owed != (skips.len() == 1), "{clause} {index:?}");
                proptest::prop_assert!(skips.len() <= 1);
                let is_report = clause == Clause::Monitoring || clause.as_str() == "10";
                // The letter governs 2024 only: a horizon outside it owes nothing, and says so.
                let own = directive.horizon().unwrap();
                let inside = horizon.start() <= own.end() && own.start() <= horizon.end();
                if is_report {
                    proptest::prop_assert_eq!(owed, regime.is_some() && inside);
                    if !inside {
                        proptest::prop_assert_eq!(
                            skips[0].reason(),
                            SkipReason::OutsideDirectiveHorizon { horizon: own }
                        );
                    } else if regime.is_none() {
                        proptest::prop_assert_eq!(skips[0].reason(), SkipReason::NoRegime);
                    }
                }
            }
        }

        /// Whatever the horizon and regime, and however many bodies passed to one
        /// successor, no two obligations share a key, and each key finds its obligation.
        #[test]
        fn expansion_keys_are_unique(horizon in horizon(), regime in regime()) {
            let registry = Registry::from_toml_str(THANH_HOA).unwrap();
            let directive = Directive::from_toml_str(SEED).unwrap();
            let calendar = WorkCalendar::vietnam().unwrap();
            let mut options = ExpansionOptions::new();
            if let Some(regime) = regime {
                options = options.default_regime(regime);
            }
            let expansion =
                obligations_with(&directive, &registry, &calendar, horizon, &options).unwrap();
            let obligations = all(&expansion);
            let keys: HashSet<&ObligationKey> = obligations.iter().map(Obligation::key).collect();
            proptest::prop_assert_eq!(keys.len(), obligations.len());
            let store = expansion.obligations();
            for id in store.ids() {
                let o = store.get(id).unwrap();
                proptest::prop_assert_eq!(store.find(o.key()), Some(id));
            }
            // Pushing every obligation again into a copy of the store is refused.
            let mut copy = store.clone();
            for o in obligations {
                let refused = matches!(
                    copy.push(o),
                    Err(ObligationError::DuplicateKey { .. })
                );
                proptest::prop_assert!(refused);
            }
            proptest::prop_assert_eq!(copy.len(), store.len());
        }
    }
}

#[test]
fn pushing_a_key_twice_is_an_error() {
    use directives::directive::{DirectiveKey, TaskNumber};
    use directives::obligation::{Obligation, ObligationKey, Obligations};
    use directives::org::BodyCode;

    let key = ObligationKey::new(
        DirectiveKey::new(DocSymbol::parse("05/CT-TU").unwrap(), date(2024, 2, 22)),
        TaskNumber::new("1").unwrap(),
        RequirementIndex::new(0),
        BodyCode::new("HU-4").unwrap(),
        "2025-H2".parse::<Period>().unwrap(),
    );
    let due = date(2025, 12, 25);
    let mut store = Obligations::new();
    let first = store
        .push(Obligation::new(key.clone(), due).held_by(BodyCode::new("HU-9").unwrap()))
        .unwrap();
    // The same assigned body, whoever holds it now, is the same obligation.
    let err = store.push(Obligation::new(key.clone(), due)).unwrap_err();
    assert_eq!(
        err,
        ObligationError::DuplicateKey {
            key: Box::new(key.clone())
        }
    );
    assert_eq!(
        err.to_string(),
        "obligation `05/CT-TU@2024-02-22/1.1/HU-4/2025-H2` is already in the store"
    );
    assert_eq!(store.len(), 1);
    assert_eq!(store.find(&key), Some(first));
    // Another assigned body held by the same successor is another obligation.
    let other = ObligationKey::new(
        key.directive().clone(),
        TaskNumber::new("1").unwrap(),
        RequirementIndex::new(0),
        BodyCode::new("HU-5").unwrap(),
        key.period(),
    );
    let second = store
        .push(Obligation::new(other.clone(), due).held_by(BodyCode::new("HU-9").unwrap()))
        .unwrap();
    assert_eq!(store.find(&other), Some(second));
    assert_eq!(store.holder(second), store.holder(first));
}

#[cfg(feature = "serde")]
#[test]
fn clause_serde_form() {
    let monitoring = serde_json::to_string(&Clause::Monitoring).unwrap();
    assert_eq!(monitoring, r#""monitoring""#);
    let task: Clause = serde_json::from_str(r#""10""#).unwrap();
    assert_eq!(task, Clause::Task("10".parse().unwrap()));
    assert!(serde_json::from_str::<Clause>(r#""task 10""#).is_err());
}

#[cfg(feature = "serde")]
#[test]
fn expansions_round_trip_without_a_registry() {
    use directives::obligation::{Expansion, Obligations};
    const THANH_HOA: &str = include_str!("../../examples/data/thanh_hoa.toml");
    const SEED: &str = include_str!("../../examples/data/1470-CV-TU.toml");
    let registry = Registry::from_toml_str(THANH_HOA).unwrap();
    let directive = Directive::from_toml_str(SEED).unwrap();
    let calendar = WorkCalendar::vietnam().unwrap();
    let half = "2024-H2".parse::<Period>().unwrap();
    let options = ExpansionOptions::new()
        .default_regime(directives::regime::ReportingRegime::decree_09_half_yearly());
    let expansion = obligations_with(&directive, &registry, &calendar, half, &options).unwrap();
    assert!(!expansion.skipped().is_empty());
    assert!(!expansion.obligations().is_empty());
    let json = serde_json::to_string(&expansion).unwrap();
    let back: Expansion = serde_json::from_str(&json).unwrap();
    assert_eq!(back, expansion);
    let toml = toml::to_string(&expansion).unwrap();
    let back: Expansion = toml::from_str(&toml).unwrap();
    assert_eq!(back, expansion);
    // No dense id in the text: bodies by code, requirements numbered from 1.
    assert!(
        json.contains(r#""key":"1470-CV/TU@2024-02-22/10.1/"#),
        "{json}"
    );
    assert!(json.contains(r#""requirement":1"#), "{json}");
    // The store reads back on its own and finds obligations by reference.
    let store: Obligations =
        serde_json::from_str(&serde_json::to_string(expansion.obligations()).unwrap()).unwrap();
    for id in store.ids() {
        let reference = store.key(id).unwrap().to_string();
        assert_eq!(store.lookup(&reference).unwrap(), id);
        let original = expansion.obligations().lookup(&reference).unwrap();
        assert_eq!(expansion.obligations().get(original), store.get(id));
    }
    // A repeated obligation in a file is refused, naming it.
    let one = r#"{"key":"05/CT-UBND@2025-01-02/1.1/SYT/2025-01","due":"2025-02-20","applicability":"applies"}"#;
    let twice = format!(r#"{{"obligations":[{one},{one}]}}"#);
    let error = serde_json::from_str::<Obligations>(&twice)
        .unwrap_err()
        .to_string();
    assert!(
        error
            .contains("obligation `05/CT-UBND@2025-01-02/1.1/SYT/2025-01` is already in the store"),
        "{error}"
    );
}

#[test]
fn references_round_trip_and_bad_ones_are_named() {
    use directives::obligation::ObligationKey;
    for text in [
        "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1",
        "05/CT-UBND@2024-03-01/monitoring.2/SYT/2024-02-22..2024-12-31",
        "1/QĐ-UBND@2025-01-02/2a.12/B_1.x/2025-9M",
    ] {
        let key: ObligationKey = text.parse().unwrap();
        assert_eq!(key.to_string(), text);
    }
    let cases = [
        (
            "1470-CV/TU",
            "expected `symbol@issued/clause.requirement/body/period`",
        ),
        (
            "1470-CV/TU@2024-2-22/10.1/TU/2024",
            "the issue date is not a `YYYY-MM-DD` date",
        ),
        (
            "1470-CV/TU@2024-02-22/10.0/TU/2024",
            "the requirement number is not a number from 1",
        ),
        (
            "1470-CV/TU@2024-02-22/10/TU/2024",
            "expected `clause.requirement`, such as `10.1`",
        ),
        (
            "1470-CV/TU@2024-02-22/task.1/TU/2024",
            "the clause is neither a task number nor `monitoring`",
        ),
        (
            "1470-CV/TU@2024-02-22/10.1/T U/2024",
            "the body code is not valid",
        ),
        (
            "1470-CV/TU@2024-02-22/10.1/TU/2024-q1",
            "the period is not a canonical period",
        ),
    ];
    for (text, reason) in cases {
        let error = text.parse::<ObligationKey>().unwrap_err().to_string();
        assert_eq!(
            error,
            format!("invalid obligation reference `{text}`: {reason}")
        );
    }
    // A huge text is quoted no longer than 80 characters.
    let huge = "x".repeat(10_000);
    let error = huge.parse::<ObligationKey>().unwrap_err().to_string();
    assert!(error.len() < 200, "{}", error.len());
}

proptest::proptest! {
    #[test]
    fn references_round_trip_for_any_key(
        task in 1u32..1000,
        suffix in "[a-z]{0,2}",
        monitoring in proptest::bool::weighted(0.2),
        requirement in 0u32..50,
        body in "[A-Z][A-Z0-9_.-]{0,20}",
        year in 1990i32..2100,
        month in 1u32..=12,
        period in 0usize..5,
    ) {
        use directives::directive::Clause;
        use directives::obligation::{ObligationKey, RequirementIndex};
        let clause = if monitoring {
            Clause::Monitoring
        } else {
            Clause::from(directives::directive::TaskNumber::new(format!("{task}{suffix}")).unwrap())
        };
        let period = match period {
            0 => Period::year(year).unwrap(),
            1 => Period::month(year, month).unwrap(),
            2 => format!("{year}-Q{}", (month - 1) / 3 + 1).parse().unwrap(),
            3 => format!("{year}-H{}", (month - 1) / 6 + 1).parse().unwrap(),
            _ => Period::custom(date(year, month, 1), date(year, 12, 31)).unwrap(),
        };
        let key = ObligationKey::new(
            directives::directive::DirectiveKey::new(DocSymbol::parse("1470-CV/TU").unwrap(), date(year, month, 2)),
            clause,
            RequirementIndex::new(requirement),
            directives::org::BodyCode::new(body).unwrap(),
            period,
        );
        let text = key.to_string();
        proptest::prop_assert_eq!(text.parse::<ObligationKey>().unwrap(), key.clone());
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&key).unwrap();
            proptest::prop_assert_eq!(json, format!("\"{text}\""));
        }
    }
}

#[test]
fn obligations_carry_their_assignment_role() {
    let doc = Document::builder(DocSymbol::parse("06/CT-TU").unwrap(), date(2024, 2, 22))
        .build()
        .unwrap();
    let directive = Directive::builder(doc)
        .task(
            Task::new("1".parse().unwrap(), "report quarterly")
                .assign(Role::Lead, Assignee::Bodies(body("BDV")))
                .assign(Role::Implement, Assignee::Bodies(body("BKT")))
                // Leading and implementing at once: owed once, as the lead.
                .assign(Role::Implement, Assignee::Bodies(body("BDV")))
                .assign(Role::Coordinate, Assignee::Bodies(body("BTG")))
                .require(Requirement::PeriodicReport(
                    PeriodicReport::new().with_regime(ReportingRegime::decree_09_quarterly()),
                )),
        )
        .build()
        .unwrap();
    let registry = registry();
    let calendar = WorkCalendar::vietnam().unwrap();
    let store = obligations(
        &directive,
        &registry,
        &calendar,
        Period::year(2024).unwrap(),
    )
    .unwrap()
    .into_obligations();
    let roles: std::collections::BTreeMap<String, Vec<Role>> =
        store.ids().fold(Default::default(), |mut acc, id| {
            let o = store.get(id).unwrap();
            acc.entry(o.key().body().to_string())
                .or_default()
                .push(o.role());
            acc
        });
    assert_eq!(roles["BDV"], [Role::Lead; 4]);
    assert_eq!(roles["BKT"], [Role::Implement; 4]);
    assert!(!roles.contains_key("BTG"));
    // Findings carry the role, and scorecards split by it.
    let no_events = Events::new();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&store, &no_events, date(2024, 12, 31), &policy).unwrap();
    let first = store.ids().next().unwrap();
    assert_eq!(
        evaluation.finding(first).unwrap().role(),
        store.role(first).unwrap()
    );
    let by_role = directives::compliance::StatusCounts::by_key(&evaluation, |id| store.role(id));
    let split: Vec<(Option<Role>, u64)> = by_role.iter().map(|(r, c)| (*r, c.total())).collect();
    assert_eq!(split, [(Some(Role::Lead), 4), (Some(Role::Implement), 4)]);
}

#[test]
fn default_regimes_per_frequency() {
    let doc = Document::builder(DocSymbol::parse("07/CT-TU").unwrap(), date(2024, 2, 22))
        .build()
        .unwrap();
    let directive = Directive::builder(doc)
        .task(
            Task::new("1".parse().unwrap(), "report monthly")
                .assign(Role::Lead, Assignee::Bodies(body("BDV")))
                .require(Requirement::PeriodicReport(
                    PeriodicReport::new().with_frequency(Frequency::Monthly),
                ))
                .require(Requirement::PeriodicReport(
                    PeriodicReport::new().with_frequency(Frequency::Quarterly),
                ))
                .require(Requirement::PeriodicReport(PeriodicReport::new())),
        )
        .build()
        .unwrap();
    let registry = registry();
    let calendar = WorkCalendar::vietnam().unwrap();
    let options = ExpansionOptions::new()
        .regime_for(ReportingRegime::decree_09_monthly())
        .regime_for(ReportingRegime::decree_09_quarterly());
    let expansion = obligations_with(
        &directive,
        &registry,
        &calendar,
        Period::year(2024).unwrap(),
        &options,
    )
    .unwrap();
    let store = expansion.obligations();
    let count = |k: u32| {
        store
            .ids()
            .filter(|&id| store.key(id).unwrap().requirement().get() == k)
            .count()
    };
    // Monthly from March (the letter is dated 2024-02-22), quarterly from Q1.
    assert_eq!((count(0), count(1)), (11, 4));
    // No frequency stated and no default: skipped, and said why.
    assert_eq!(expansion.skipped().len(), 1);
    assert_eq!(
        expansion.skipped()[0].to_string(),
        "task 1, requirement 3: the periodic report states no reporting regime and no default \
         regime was given"
    );
}

#[cfg(feature = "serde")]
#[test]
fn data_files_name_regime_presets() {
    let text = r#"
        [document]
        symbol = "08/CT-TU"
        issued = "2024-02-22"
        kind = "directive"
        title = "Báo cáo"
        [[tasks]]
        number = "1"
        title = "report monthly"
        assignments = [{ role = "lead", bodies = { body = "BDV" } }]
        requirements = [{ kind = "periodic_report", regime = "decree_09_monthly" }]
    "#;
    match Directive::from_toml_str(text) {
        Ok(directive) => {
            let regime = match &directive.tasks()[0].requirements()[0] {
                Requirement::PeriodicReport(report) => report.regime().cloned(),
                _ => None,
            };
            assert_eq!(regime, Some(ReportingRegime::decree_09_monthly()));
            let bad = text.replace("decree_09_monthly", "monthly");
            let error = Directive::from_toml_str(&bad).unwrap_err().to_string();
            assert!(error.contains("unknown regime preset `monthly`"), "{error}");
        }
        Err(e) => panic!("{e}"),
    }
}

/// The key index grows from its first slots as obligations are pushed, finds every key
/// (and no other), and stays within 32 bytes a row.
#[test]
fn the_key_index_is_compact_and_finds_every_key() {
    let mut store = directives::obligation::Obligations::new();
    let due = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let reference = |body: u32, month: u32| {
        format!(
            "05/CT-UBND@2025-01-02/1.{}/B{body}/2025-{month:02}",
            body % 3 + 1
        )
    };
    let mut ids = Vec::new();
    for body in 0..500 {
        for month in 1..=12 {
            let key = reference(body, month).parse().unwrap();
            ids.push(
                store
                    .push(directives::obligation::Obligation::new(key, due))
                    .unwrap(),
            );
        }
    }
    let n = ids.len();
    assert!(
        store.key_index_bytes() <= 32 * n,
        "{} bytes",
        store.key_index_bytes()
    );
    assert_eq!(store.key_index_bytes(), 8192 * 12);
    let mut k = 0;
    for body in 0..500 {
        for month in 1..=12 {
            assert_eq!(store.lookup(&reference(body, month)).unwrap(), ids[k]);
            k += 1;
        }
    }
    // Another requirement, body or period is not found.
    assert!(
        store
            .lookup("05/CT-UBND@2025-01-02/9.1/B1/2025-01")
            .is_err()
    );
    assert!(
        store
            .lookup("05/CT-UBND@2025-01-02/1.3/B1/2025-01")
            .is_err()
    );
    assert!(
        store
            .lookup("05/CT-UBND@2025-01-02/1.2/B1/2024-01")
            .is_err()
    );
}

#[test]
fn appending_stores_gives_the_rows_one_store_would_hold() {
    use directives::obligation::{Obligation, ObligationId, Obligations, Target};
    use directives::org::BodyCode;

    let due = date(2024, 12, 20);
    let obligations: Vec<Obligation> = [
        ("05/CT-UBND@2024-03-01/1.1/SYT/2024", None, None),
        (
            "05/CT-UBND@2024-03-01/1.1/STC/2024-H2",
            Some("SYT"),
            Some(80.0),
        ),
        ("12/KH-UBND@2024-04-01/2.1/SGD/2024-Q3", None, None),
        ("05/CT-UBND@2024-03-01/1.1/SGD/2024", Some("STC"), None),
        ("12/KH-UBND@2024-04-01/2.1/SYT/2024", None, Some(90.0)),
    ]
    .into_iter()
    .map(|(key, holder, target)| {
        let mut o = Obligation::new(key.parse().unwrap(), due).with_role(Role::Implement);
        if let Some(holder) = holder {
            o = o.held_by(BodyCode::new(holder).unwrap());
        }
        if let Some(target) = target {
            o = o.with_target(Target::new(target).unwrap());
        }
        o
    })
    .collect();
    let mut whole = Obligations::new();
    for o in &obligations {
        whole.push(o.clone()).unwrap();
    }
    // The second part meets its directives, periods and bodies in another order, so its
    // handles differ from the first part's; the first part's key index is built.
    let mut first = Obligations::new();
    for o in &obligations[..2] {
        first.push(o.clone()).unwrap();
    }
    assert!(first.lookup("05/CT-UBND@2024-03-01/1.1/SYT/2024").is_ok());
    let mut second = Obligations::new();
    for o in &obligations[2..] {
        second.push(o.clone()).unwrap();
    }
    assert_eq!(first.append(second).unwrap(), ObligationId::from_index(2));
    assert_eq!(first.len(), whole.len());
    for id in whole.ids() {
        assert_eq!(first.get(id), whole.get(id));
        assert_eq!(first.holder_code(id), whole.holder_code(id));
        assert_eq!(first.target(id), whole.target(id));
        assert_eq!(first.role(id), whole.role(id));
        // The index learnt the appended rows.
        assert_eq!(first.find(&whole.key(id).unwrap()), Some(id));
    }
    // Into an empty store, the other store is taken whole; room reserved changes nothing.
    let mut empty = Obligations::new();
    empty.reserve(100);
    assert!(empty.is_empty());
    assert_eq!(
        empty.append(whole.clone()).unwrap(),
        ObligationId::from_index(0)
    );
    assert_eq!(empty.len(), whole.len());
    for id in whole.ids() {
        assert_eq!(empty.get(id), whole.get(id));
    }
    // Stores with the same handles are copied column by column, in order.
    let mut doubled = whole.clone();
    doubled.reserve(whole.len());
    assert_eq!(
        doubled.append(whole.clone()).unwrap(),
        ObligationId::from_index(5)
    );
    for id in whole.ids() {
        let copy = ObligationId::from_index(id.index() + 5);
        assert_eq!(doubled.get(copy), whole.get(id));
        // Keys are not checked: the first row with a key is the one found.
        assert_eq!(doubled.find(&whole.key(id).unwrap()), Some(id));
    }
}

/// Every reason a requirement gives no obligation reads in both languages: the English
/// sentence is the `Display`, the Vietnamese one is in NFC, differs from it, and names no
/// date in the ISO form.
#[test]
fn skip_reasons_read_in_vietnamese_and_english() {
    use directives::Lang;
    use directives::obligation::SkipReason;
    use unicode_normalization::is_nfc;

    let day = NaiveDate::from_ymd_opt(2024, 2, 22).unwrap();
    let period: Period = "2025-Q1".parse().unwrap();
    let horizon: Period = "2024".parse().unwrap();
    let reasons = [
        SkipReason::NoRegime,
        SkipReason::FrequencyMismatch {
            stated: Frequency::Quarterly,
            regime: Frequency::HalfYearly,
        },
        SkipReason::NoDeadline,
        SkipReason::DueOutsideHorizon { due: day },
        SkipReason::NoBodies,
        SkipReason::BeforeIssue { issued: day },
        SkipReason::Continuous,
        SkipReason::OutsideDirectiveHorizon { horizon },
        SkipReason::PeriodOutsideDirectiveHorizon { period, horizon },
    ];
    for reason in reasons {
        let (vi, en) = (reason.sentence(Lang::Vi), reason.sentence(Lang::En));
        assert_eq!(en, reason.to_string());
        assert_ne!(vi, en);
        assert!(is_nfc(&vi), "{vi}");
        assert!(!vi.contains("2024-02-22"), "{vi}");
    }
    assert!(
        SkipReason::BeforeIssue { issued: day }
            .sentence(Lang::Vi)
            .ends_with("(22/02/2024)")
    );
}
