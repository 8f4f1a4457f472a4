//! Expansion of directives into obligations: roles, requirement kinds, horizons, and
//! succession through reorganisations; then evaluation of the expanded obligations.

use chrono::NaiveDate;
use directives::calendar::WorkCalendar;
use directives::compliance::{EvaluationPolicy, Event, Events, Status, evaluate};
use directives::directive::{Assignee, Directive, PeriodicReport, Requirement, Role, Task};
use directives::document::{DocSymbol, Document};
use directives::obligation::{Applicability, ObligationError, obligations};
use directives::org::{Body, BodyKind, Change, Level, Registry, Selector};
use directives::period::Period;
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
        })
        .change(Change::Dissolve {
            body: "BKT".parse().unwrap(),
            successor: None,
            date: date(2024, 7, 1),
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

/// (task, period, requirement, body, due date, original body, applicability).
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
    .unwrap();
    let all: Vec<_> = store.ids().map(|id| store.get(id).unwrap()).collect();
    let code = |id| registry.code(id).unwrap().as_str().to_owned();
    let rows: Vec<Row> = all
        .iter()
        .map(|o| {
            (
                o.key().task().to_string(),
                o.key().period().to_string(),
                o.key().requirement().get(),
                code(o.key().body()),
                o.due_date(),
                o.original_body().map(code),
                o.applicability(),
            )
        })
        .collect();
    let na = Applicability::NotApplicable;
    let ok = Applicability::Applies;
    let bdv = Some("BDV".to_owned());
    assert_eq!(
        rows,
        [
            // Task 1: the two recipients lead; BTG only coordinates and owes nothing.
            (
                "1".into(),
                "2024-Q1".into(),
                0,
                "BDV".into(),
                date(2024, 3, 25),
                None,
                ok
            ),
            (
                "1".into(),
                "2024-Q1".into(),
                0,
                "BKT".into(),
                date(2024, 3, 25),
                None,
                ok
            ),
            (
                "1".into(),
                "2024-Q2".into(),
                0,
                "BDV".into(),
                date(2024, 6, 25),
                None,
                ok
            ),
            (
                "1".into(),
                "2024-Q2".into(),
                0,
                "BKT".into(),
                date(2024, 6, 25),
                None,
                ok
            ),
            // From 2024-07-01 BDV's reports pass to BTG; BKT's lapse.
            (
                "1".into(),
                "2024-Q3".into(),
                0,
                "BTG".into(),
                date(2024, 9, 25),
                bdv.clone(),
                ok
            ),
            (
                "1".into(),
                "2024-Q3".into(),
                0,
                "BKT".into(),
                date(2024, 9, 25),
                None,
                na
            ),
            (
                "1".into(),
                "2024-Q4".into(),
                0,
                "BTG".into(),
                date(2024, 12, 25),
                bdv,
                ok
            ),
            (
                "1".into(),
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
                "2".into(),
                "2024-02-22..2024-03-25".into(),
                0,
                "BTG".into(),
                date(2024, 3, 25),
                None,
                ok
            ),
            (
                "2".into(),
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
    .unwrap();
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
    .unwrap();
    let mut events = Events::new();
    let ids: Vec<_> = store.ids().collect();
    // The plan is due Monday 2024-03-25 (its term ended on a Saturday).
    events
        .push(Event::submitted(ids[8], date(2024, 3, 25)))
        .unwrap();
    events
        .push(Event::submitted(ids[0], date(2024, 3, 26)))
        .unwrap();
    let policy = EvaluationPolicy::new(&calendar);
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
    assert_eq!(passed.original_body(), registry.id("BDV"));
    assert_eq!(passed.body(), registry.id("BTG").unwrap());
}
