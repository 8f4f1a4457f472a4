//! Compliance evaluation through the public API: the rules one by one, bad input, the
//! tracker, scorecards and grades, and properties over random events.

use chrono::NaiveDate;
use directives::calendar::{Roll, WorkCalendar, YearSchedule};
use directives::compliance::{
    ComplianceError, Diagnostic, EvaluationPolicy, Event, EventKind, Events, Grade, GradingPolicy,
    LateExtensions, Note, Status, StatusCounts, Tracker, evaluate, rank,
};
use directives::directive::{DirectiveKey, TaskNumber};
use directives::document::DocSymbol;
use directives::obligation::{
    Applicability, Obligation, ObligationId, ObligationKey, Obligations, RequirementIndex,
};
use directives::org::BodyCode;
use directives::period::Period;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn key(body: u32, period: &str) -> ObligationKey {
    ObligationKey::new(
        DirectiveKey::new(DocSymbol::parse("05/CT-UBND").unwrap(), d(2025, 1, 2)),
        TaskNumber::new("1").unwrap(),
        RequirementIndex::new(0),
        BodyCode::new(format!("B{body}")).unwrap(),
        period.parse::<Period>().unwrap(),
    )
}

/// One obligation of body 1 due on `due`.
fn one(due: NaiveDate) -> (Obligations, ObligationId) {
    let mut obligations = Obligations::new();
    let id = obligations
        .push(Obligation::new(key(1, "2025-01"), due))
        .unwrap();
    (obligations, id)
}

/// Monday to Friday over 2024–2027, with one day off: 2025-09-02.
fn calendar() -> WorkCalendar {
    let day_off = YearSchedule::builder(2025)
        .provenance(directives::provenance::Provenance::unverified("test").unwrap())
        .day_off(d(2025, 9, 2), "Nghỉ", "Day off")
        .build()
        .unwrap();
    WorkCalendar::builder()
        .years(2024, 2027)
        .schedule(day_off)
        .build()
        .unwrap()
}

fn status_of(obligations: &Obligations, events: &Events, as_of: NaiveDate) -> Vec<Status> {
    let policy = EvaluationPolicy::without_calendar();
    evaluate(obligations, events, as_of, &policy)
        .unwrap()
        .statuses()
        .to_vec()
}

#[test]
fn the_four_states_of_decision_42() {
    // Sources: Decision 42/2014/QĐ-TTg (amended by 23/2018/QĐ-TTg); DOMAIN.md §7.
    let due = d(2025, 2, 20);
    let (obligations, id) = one(due);
    let mut events = Events::new();
    // Not yet due: within deadline, also on the due day itself (art. 148.6: the day ends at 24:00).
    assert_eq!(
        status_of(&obligations, &events, d(2025, 2, 1)),
        [Status::OpenWithinDeadline]
    );
    assert_eq!(
        status_of(&obligations, &events, due),
        [Status::OpenWithinDeadline]
    );
    assert_eq!(
        status_of(&obligations, &events, d(2025, 2, 21)),
        [Status::OpenOverdue]
    );
    events.push(Event::submitted(id, d(2025, 2, 24))).unwrap();
    assert_eq!(
        status_of(&obligations, &events, d(2025, 3, 1)),
        [Status::DoneLate]
    );
    events.push(Event::submitted(id, due)).unwrap();
    assert_eq!(
        status_of(&obligations, &events, d(2025, 3, 1)),
        [Status::DoneOnTime]
    );
}

#[test]
fn events_after_as_of_are_ignored_including_late_recording() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    events
        .push(Event::submitted(id, d(2025, 2, 18)).recorded_on(d(2025, 2, 25)))
        .unwrap();
    assert_eq!(
        status_of(&obligations, &events, d(2025, 2, 22)),
        [Status::OpenOverdue]
    );
    assert_eq!(
        status_of(&obligations, &events, d(2025, 2, 25)),
        [Status::DoneOnTime]
    );
}

#[test]
fn rest_day_shift_civil_code_148_5() {
    // 2025-09-20 is a Saturday; the next working day is Monday 2025-09-22.
    let (obligations, id) = one(d(2025, 9, 20));
    let mut events = Events::new();
    events.push(Event::submitted(id, d(2025, 9, 22))).unwrap();
    let calendar = calendar();
    let policy = EvaluationPolicy::new(calendar.clone());
    let evaluation = evaluate(&obligations, &events, d(2025, 10, 1), &policy).unwrap();
    let finding = evaluation.finding(id).unwrap();
    assert_eq!(finding.status(), Status::DoneOnTime);
    assert_eq!(finding.original_due(), d(2025, 9, 20));
    assert_eq!(finding.effective_due(), d(2025, 9, 22));
    assert_eq!(
        finding.explanation().notes(),
        &[Note::RestDayShift {
            from: d(2025, 9, 20),
            to: d(2025, 9, 22),
            rests_on: None,
        }]
    );
    assert!(
        finding
            .explanation()
            .to_string()
            .contains("Civil Code 2015 art. 148.5")
    );
    // Without the shift the same submission is late.
    assert_eq!(
        status_of(&obligations, &events, d(2025, 10, 1)),
        [Status::DoneLate]
    );
}

#[test]
fn shift_over_a_holiday_and_lateness_in_working_days() {
    // Due Monday 2025-09-01; 2025-09-02 is a day off in this calendar.
    let (obligations, id) = one(d(2025, 9, 1));
    let mut events = Events::new();
    events.push(Event::submitted(id, d(2025, 9, 8))).unwrap();
    let calendar = calendar();
    let policy = EvaluationPolicy::new(calendar.clone());
    let evaluation = evaluate(&obligations, &events, d(2025, 10, 1), &policy).unwrap();
    let finding = evaluation.finding(id).unwrap();
    assert_eq!(finding.status(), Status::DoneLate);
    assert_eq!(finding.lateness().calendar_days(), 7);
    // 3, 4, 5 and 8 September are working days; 2 is off, 6 and 7 are the weekend.
    assert_eq!(finding.lateness().working_days(), Some(4));
}

#[test]
fn grace_days() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    events.push(Event::submitted(id, d(2025, 2, 22))).unwrap();
    let policy = EvaluationPolicy::without_calendar().with_grace_days(2);
    let evaluation = evaluate(&obligations, &events, d(2025, 3, 1), &policy).unwrap();
    let finding = evaluation.finding(id).unwrap();
    assert_eq!(finding.status(), Status::DoneOnTime);
    assert_eq!(
        finding.explanation().notes(),
        &[Note::GraceDays { days: 2 }]
    );
}

/// Two extensions granted on the same day: the later new due date stands, whatever the
/// order in which they were recorded.
#[test]
fn same_day_extensions_do_not_depend_on_recording_order() {
    let (obligations, id) = one(d(2025, 2, 20));
    let granted = d(2025, 2, 1);
    let early = Event::extended(id, granted, d(2025, 7, 6), "15/QĐ-UBND");
    let late = Event::extended(id, granted, d(2025, 12, 7), "16/QĐ-UBND");
    let policy = EvaluationPolicy::without_calendar();
    for order in [[early.clone(), late.clone()], [late.clone(), early.clone()]] {
        let mut events = Events::new();
        for event in order.clone() {
            events.push(event).unwrap();
        }
        let evaluation = evaluate(&obligations, &events, d(2025, 10, 18), &policy).unwrap();
        let finding = evaluation.finding(id).unwrap();
        assert_eq!(finding.status(), Status::OpenWithinDeadline);
        assert_eq!(finding.effective_due(), d(2025, 12, 7));
        let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
        for event in order {
            tracker.apply(event).unwrap();
        }
        assert_eq!(
            tracker.status(id, d(2025, 10, 18)).unwrap(),
            Status::OpenWithinDeadline
        );
    }
}

#[test]
fn extension_keeps_original_and_effective_deadline() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    let ext = events
        .push(Event::extended(
            id,
            d(2025, 2, 10),
            d(2025, 3, 10),
            "15/QĐ-UBND",
        ))
        .unwrap();
    events.push(Event::submitted(id, d(2025, 3, 5))).unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 4, 1), &policy).unwrap();
    let finding = evaluation.finding(id).unwrap();
    assert_eq!(finding.status(), Status::DoneOnTime);
    assert_eq!(finding.original_due(), d(2025, 2, 20));
    assert_eq!(finding.effective_due(), d(2025, 3, 10));
    assert_eq!(
        finding.explanation().notes(),
        &[Note::Extended {
            granted: d(2025, 2, 10),
            original_due: d(2025, 2, 20),
            new_due: d(2025, 3, 10),
            document: "15/QĐ-UBND".to_owned(),
        }]
    );
    let granted = events.get(ext).unwrap();
    assert!(
        matches!(granted.kind(), EventKind::Extended { document, .. } if document == "15/QĐ-UBND")
    );
}

#[test]
fn late_extension_follows_the_policy() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    let ext = events
        .push(Event::extended(
            id,
            d(2025, 2, 25),
            d(2025, 3, 10),
            "15/QĐ-UBND",
        ))
        .unwrap();
    events.push(Event::submitted(id, d(2025, 3, 5))).unwrap();
    let ignore = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 4, 1), &ignore).unwrap();
    assert_eq!(evaluation.statuses(), [Status::DoneLate]);
    assert_eq!(
        evaluation.diagnostics(),
        &[Diagnostic::LateExtensionIgnored {
            event: Box::new(events.record(ext, &obligations).unwrap()),
            deadline: d(2025, 2, 20)
        }]
    );
    assert_eq!(
        evaluation.diagnostics()[0].to_string(),
        "event `extended` on `2025-02-25` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01` \
         was granted after the deadline `2025-02-20` and is ignored"
    );
    let accept = EvaluationPolicy::without_calendar().with_late_extensions(LateExtensions::Accept);
    let evaluation = evaluate(&obligations, &events, d(2025, 4, 1), &accept).unwrap();
    assert_eq!(evaluation.statuses(), [Status::DoneOnTime]);
    assert!(evaluation.diagnostics().is_empty());
}

#[test]
fn extension_before_the_original_deadline_is_reported_and_refused() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    let bad = Event::extended(id, d(2025, 2, 1), d(2025, 2, 10), "15/QĐ-UBND");
    let ext = events.push(bad.clone()).unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 2, 15), &policy).unwrap();
    assert_eq!(evaluation.statuses(), [Status::OpenWithinDeadline]);
    assert_eq!(
        evaluation.diagnostics(),
        &[Diagnostic::ExtensionBeforeDeadline {
            event: Box::new(events.record(ext, &obligations).unwrap()),
            original_due: d(2025, 2, 20)
        }]
    );
    assert_eq!(
        evaluation.diagnostics()[0].to_string(),
        "event `extended` on `2025-02-01` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01` \
         sets a due date before the original `2025-02-20` and is ignored"
    );
    let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
    assert_eq!(
        tracker.apply(bad).unwrap_err().to_string(),
        "event `extended` on `2025-02-01` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01` \
         sets a due date before the original `2025-02-20`"
    );
    assert_eq!(tracker.event_count(), 0);
}

#[test]
fn duplicates_and_unknown_obligations_are_reported() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    let first = events
        .push_at_line(Event::submitted(id, d(2025, 2, 18)), 2)
        .unwrap();
    let second = events
        .push_at_line(Event::submitted(id, d(2025, 2, 18)), 3)
        .unwrap();
    events
        .push_at_line(
            Event::submitted(ObligationId::from_index(9), d(2025, 2, 18)),
            4,
        )
        .unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 3, 1), &policy).unwrap();
    assert_eq!(evaluation.statuses(), [Status::DoneOnTime]);
    assert_eq!(
        evaluation.diagnostics(),
        &[
            Diagnostic::UnknownObligation {
                date: d(2025, 2, 18),
                event: EventKind::Submitted { document: None },
                line: Some(4),
            },
            Diagnostic::DuplicateEvent {
                event: Box::new(events.record(second, &obligations).unwrap()),
                first_line: Some(2),
            },
        ]
    );
    let rendered: Vec<String> = evaluation
        .diagnostics()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        rendered,
        [
            "event `submitted` on `2025-02-18` (line 4) names an obligation that is not in the store",
            "event `submitted` on `2025-02-18` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01` (line 3) \
             repeats an earlier one (line 2)",
        ]
    );
    assert_eq!(
        evaluation.finding(id).unwrap().deciding_event(),
        events.record(first, &obligations).as_ref()
    );
    let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
    tracker.apply(Event::submitted(id, d(2025, 2, 18))).unwrap();
    assert!(matches!(
        tracker.apply(Event::submitted(id, d(2025, 2, 18))),
        Err(ComplianceError::DuplicateEvent { .. })
    ));
}

#[test]
fn duplicates_on_the_per_obligation_path() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    let waiver = Event::new(
        id,
        d(2025, 2, 1),
        EventKind::Waived {
            by: "UBND tỉnh".into(),
            reason: "merged".into(),
        },
    );
    let first = events.push(waiver.clone()).unwrap();
    let second = events.push(waiver).unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 3, 1), &policy).unwrap();
    assert_eq!(evaluation.statuses(), [Status::Waived]);
    assert_eq!(
        evaluation.diagnostics(),
        &[Diagnostic::DuplicateEvent {
            event: Box::new(events.record(second, &obligations).unwrap()),
            first_line: None,
        }]
    );
    let finding = evaluation.finding(id).unwrap();
    assert_eq!(
        finding.deciding_event(),
        events.record(first, &obligations).as_ref()
    );
    assert_eq!(finding.explanation().status(), Status::Waived);
    assert_eq!(finding.explanation().rule_id(), "status.waived");
}

#[test]
fn reopening_voids_earlier_submissions() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    events.push(Event::submitted(id, d(2025, 2, 15))).unwrap();
    events
        .push(Event::new(id, d(2025, 2, 25), EventKind::Reopened))
        .unwrap();
    assert_eq!(
        status_of(&obligations, &events, d(2025, 2, 24)),
        [Status::DoneOnTime]
    );
    assert_eq!(
        status_of(&obligations, &events, d(2025, 3, 1)),
        [Status::OpenOverdue]
    );
    events
        .push(Event::new(id, d(2025, 3, 2), EventKind::Completed))
        .unwrap();
    assert_eq!(
        status_of(&obligations, &events, d(2025, 3, 5)),
        [Status::DoneLate]
    );
}

#[test]
fn not_applicable_and_successor_bodies() {
    let mut obligations = Obligations::new();
    let gone = obligations
        .push(
            Obligation::new(key(1, "2025-01"), d(2025, 2, 20))
                .with_applicability(Applicability::NotApplicable),
        )
        .unwrap();
    // Body 3 had ceased to exist; body 2 holds its obligation, which keeps body 3's key.
    let passed = obligations
        .push(
            Obligation::new(key(3, "2025-01"), d(2025, 2, 20))
                .held_by(BodyCode::new("B2").unwrap()),
        )
        .unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let events = Events::new();
    let evaluation = evaluate(&obligations, &events, d(2025, 3, 1), &policy).unwrap();
    assert_eq!(evaluation.status(gone), Some(Status::NotApplicable));
    assert_eq!(evaluation.finding(gone).unwrap().assigned_body(), None);
    let finding = evaluation.finding(passed).unwrap();
    assert_eq!(finding.body().as_ref(), "B2");
    assert_eq!(finding.assigned_body().map(|b| b.as_ref()), Some("B3"));
    assert_eq!(
        finding.explanation().notes(),
        [Note::Passed {
            from: BodyCode::new("B3").unwrap(),
            from_name: None,
            to: BodyCode::new("B2").unwrap(),
            to_name: None,
            on: None,
        }]
    );
    assert_eq!(
        finding.explanation().to_string(),
        "Open and overdue: nothing done by `2025-03-01`, and the deadline `2025-02-20` has \
         passed (rule `status.open-overdue`, Decision 42/2014/QĐ-TTg); the obligation passed \
         from `B3` to its successor `B2`."
    );
    assert_eq!(obligations.find(&key(3, "2025-01")), Some(passed));
    assert_eq!(obligations.find(&key(2, "2025-01")), None);
    assert_eq!(
        obligations.holder_code(passed).map(|b| b.as_ref()),
        Some("B2")
    );
    // Scorecards by body count what each body holds now.
    let cards = StatusCounts::by_body(&evaluation);
    let bodies: Vec<&str> = cards
        .iter()
        .map(|(b, _)| obligations.body_code(*b).unwrap().as_ref())
        .collect();
    assert_eq!(bodies, ["B1", "B2"]);
}

#[test]
fn evaluation_that_cannot_run_is_an_error() {
    let (obligations, _) = one(d(2025, 2, 20));
    let calendar = WorkCalendar::builder().years(2025, 2025).build().unwrap();
    let policy = EvaluationPolicy::new(calendar.clone());
    let events = Events::new();
    let error = evaluate(&obligations, &events, d(2026, 1, 5), &policy).unwrap_err();
    assert_eq!(
        error.to_string(),
        "date `2026-01-05` is outside the working-day calendar `2025-01-01`..`2025-12-31`"
    );
    // The rest-day shift is one `Roll`: keep or the next working day; no other.
    let preceding = policy.clone().with_rest_day_shift(Roll::Preceding);
    let error = evaluate(&obligations, &events, d(2025, 3, 1), &preceding).unwrap_err();
    assert_eq!(
        error.to_string(),
        "rest-day shift `preceding` is not supported: an evaluation keeps deadlines (`keep`) \
         or moves them to the next working day (`following`, Civil Code 2015 art. 148.5)"
    );
    assert!(Tracker::new(obligations.clone(), preceding).is_err());
    let following = EvaluationPolicy::without_calendar().with_rest_day_shift(Roll::Following);
    assert_eq!(
        evaluate(&obligations, &events, d(2025, 3, 1), &following).unwrap_err(),
        ComplianceError::CalendarRequired
    );
}

#[test]
fn due_soon_threshold() {
    let (obligations, id) = one(d(2025, 2, 20));
    let events = Events::new();
    let policy = EvaluationPolicy::without_calendar().with_due_soon_days(5);
    let soon = evaluate(&obligations, &events, d(2025, 2, 15), &policy).unwrap();
    assert!(soon.finding(id).unwrap().is_due_soon());
    let later = evaluate(&obligations, &events, d(2025, 2, 14), &policy).unwrap();
    assert!(!later.finding(id).unwrap().is_due_soon());
}

#[test]
fn tracker_body_and_directive_counts() {
    let mut obligations = Obligations::new();
    let a = obligations
        .push(Obligation::new(key(1, "2025-01"), d(2025, 2, 20)))
        .unwrap();
    obligations
        .push(Obligation::new(key(1, "2025-02"), d(2025, 3, 20)))
        .unwrap();
    obligations
        .push(Obligation::new(key(2, "2025-01"), d(2025, 2, 20)))
        .unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
    tracker.apply(Event::submitted(a, d(2025, 2, 19))).unwrap();
    let body1 = tracker.body_counts("B1", d(2025, 3, 1)).unwrap();
    assert_eq!(body1.get(Status::DoneOnTime), 1);
    assert_eq!(body1.get(Status::OpenWithinDeadline), 1);
    let all = tracker
        .directive_counts(key(1, "2025-01").directive(), d(2025, 3, 1))
        .unwrap();
    assert_eq!(all.total(), 3);
    assert_eq!(all.get(Status::OpenOverdue), 1);
}

#[test]
fn scorecards_grades_and_ranking() {
    let mut obligations = Obligations::new();
    let mut events = Events::new();
    // Body 1: 4 on time. Body 2: 2 on time, 2 late. Body 3: 1 on time, 3 missing.
    for (body, on_time, late) in [(1, 4, 0), (2, 2, 2), (3, 1, 0)] {
        for k in 0..4u32 {
            let id = obligations
                .push(Obligation::new(
                    key(body, &format!("2025-{:02}", k + 1)),
                    d(2025, k + 2, 20),
                ))
                .unwrap();
            if k < on_time {
                events
                    .push(Event::submitted(id, d(2025, k + 2, 10)))
                    .unwrap();
            } else if k < on_time + late {
                events
                    .push(Event::submitted(id, d(2025, k + 2, 25)))
                    .unwrap();
            }
        }
    }
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 12, 31), &policy).unwrap();
    let cards = StatusCounts::by_body(&evaluation);
    let decree = GradingPolicy::decree_335_2025_timeliness();
    let grades: Vec<_> = cards.iter().map(|(_, c)| decree.grade(c)).collect();
    // 100, 87.5, 25.
    assert_eq!(
        grades,
        [
            Some(Grade::Excellent),
            Some(Grade::Good),
            Some(Grade::NotCompleted)
        ]
    );
    assert_eq!(cards[1].1.on_time_rate(), Some(0.5));
    let regulation = GradingPolicy::regulation_366_2025();
    // Body 2 has late items: not good under Regulation 366, and more than 20% late.
    assert_eq!(regulation.grade(&cards[1].1), Some(Grade::NotCompleted));
    let ranking = rank(&cards, &obligations, &decree, 2026).unwrap();
    let order: Vec<_> = ranking
        .ranked()
        .iter()
        .map(|r| r.body.to_string())
        .collect();
    assert_eq!(order, ["B1", "B2", "B3"]);
    // A ranking is data: bodies by code, no dense index; it reads back as it was written.
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_string(&ranking).unwrap();
        assert!(
            json.starts_with(r#"{"year":2026,"ranked":[{"body":"B1","place":1,"timeliness_index":100.0,"grade":"excellent"}"#),
            "{json}"
        );
        round_trip(&ranking);
    }
    assert_eq!(
        Grade::Completed.label(directives::Lang::Vi),
        "hoàn thành nhiệm vụ"
    );
    assert_eq!(StatusCounts::by_directive(&evaluation).len(), 1);
    assert_eq!(StatusCounts::by_period(&evaluation).len(), 4);
}

#[cfg(feature = "serde")]
#[test]
fn event_json_shape() {
    use directives::compliance::EventRecord;
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    let ext = events
        .push_at_line(
            Event::extended(id, d(2025, 2, 10), d(2025, 3, 10), "15/QĐ-UBND"),
            5,
        )
        .unwrap();
    let record = events.record(ext, &obligations).unwrap();
    let json = serde_json::to_string(&record).unwrap();
    assert_eq!(
        json,
        r#"{"obligation":"05/CT-UBND@2025-01-02/1.1/B1/2025-01","date":"2025-02-10","kind":"extended","new_due":"2025-03-10","document":"15/QĐ-UBND","line":5}"#
    );
    let back: EventRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(back, record);
    // Dates are strict: one spelling only.
    let loose = json.replace("2025-02-10", "2025-2-10");
    let error = serde_json::from_str::<EventRecord>(&loose)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("invalid date `2025-2-10`: expected `yyyy-mm-dd`"),
        "{error}"
    );
    // Not a finite number: refused at the edge.
    let nan = r#"{"obligation":"05/CT-UBND@2025-01-02/1.1/B1/2025-01","date":"2025-02-10","kind":"indicator_value","value":1e999}"#;
    assert!(serde_json::from_str::<EventRecord>(nan).is_err());
    let nan = EventKind::IndicatorValue { value: f64::NAN };
    let refused = events.push(Event::new(id, d(2025, 2, 10), nan.clone()));
    assert!(matches!(
        refused,
        Err(ComplianceError::NonFiniteValue { value, .. }) if value.is_nan()
    ));
    assert_eq!(
        refused.unwrap_err().to_string(),
        "indicator value `NaN` on `2025-02-10` is not a finite number"
    );
    // Given by reference and line, the error names both; nothing is logged.
    let before = events.len();
    let infinite = EventKind::IndicatorValue {
        value: f64::INFINITY,
    };
    let record =
        EventRecord::new(obligations.key(id).unwrap(), d(2025, 2, 11), infinite).at_line(12);
    assert_eq!(
        events
            .push_record(record, &obligations)
            .unwrap_err()
            .to_string(),
        "indicator value `inf` on `2025-02-11` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01` \
         (line 12) is not a finite number"
    );
    assert_eq!(
        events
            .push_at_line(Event::new(id, d(2025, 2, 12), nan.clone()), 13)
            .unwrap_err()
            .to_string(),
        "indicator value `NaN` on `2025-02-12` (line 13) is not a finite number"
    );
    assert_eq!(events.len(), before);
    let mut tracker =
        Tracker::new(obligations.clone(), EvaluationPolicy::without_calendar()).unwrap();
    assert_eq!(
        tracker
            .apply(Event::new(id, d(2025, 2, 10), nan))
            .unwrap_err()
            .to_string(),
        "indicator value `NaN` on `2025-02-10` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01` \
         is not a finite number"
    );
    assert_eq!(tracker.event_count(), 0);
}

// ---- properties ----

const N_OBLIGATIONS: u32 = 6;

fn day(offset: u32) -> NaiveDate {
    d(2025, 1, 1) + chrono::Days::new(u64::from(offset))
}

/// Obligations due through 2025 (some not applicable), built through the public API.
fn obligations_strategy() -> impl Strategy<Value = Obligations> {
    prop::collection::vec(
        (
            0u32..300,
            prop::bool::weighted(0.1),
            prop::option::weighted(0.3, 0.0f64..100.0),
        ),
        1..=N_OBLIGATIONS as usize,
    )
    .prop_map(|rows| {
        let mut obligations = Obligations::new();
        for (k, (due, na, target)) in rows.into_iter().enumerate() {
            let mut obligation =
                Obligation::new(key(k as u32 % 3, &format!("2025-{:02}", k + 1)), day(due));
            if na {
                obligation = obligation.with_applicability(Applicability::NotApplicable);
            }
            if let Some(target) = target {
                let target = directives::obligation::Target::new(target).unwrap();
                obligation = obligation.with_target(target);
            }
            obligations.push(obligation).unwrap();
        }
        obligations
    })
}

fn kind_strategy(reopen: bool) -> impl Strategy<Value = EventKind> {
    let mut kinds = vec![
        Just(EventKind::Submitted { document: None }).boxed(),
        Just(EventKind::Submitted {
            document: Some("12/BC-UBND".into()),
        })
        .boxed(),
        Just(EventKind::Completed).boxed(),
        (0.0f64..100.0)
            .prop_map(|value| EventKind::IndicatorValue { value })
            .boxed(),
        (0u32..400)
            .prop_map(|o| EventKind::Extended {
                new_due: day(o),
                document: "15/QĐ-UBND".into(),
            })
            .boxed(),
        Just(EventKind::Waived {
            by: "UBND tỉnh".into(),
            reason: "merged".into(),
        })
        .boxed(),
    ];
    if reopen {
        kinds.push(Just(EventKind::Reopened).boxed());
    }
    prop::strategy::Union::new(kinds)
}

fn event_strategy(reopen: bool, recorded: bool) -> impl Strategy<Value = Event> {
    (
        0..N_OBLIGATIONS + 1,
        0u32..360,
        prop::option::weighted(0.3, 0u32..20),
        kind_strategy(reopen),
    )
        .prop_map(move |(o, on, rec, kind)| {
            let event = Event::new(ObligationId::from_index(o), day(on), kind);
            match rec.filter(|_| recorded) {
                Some(delay) => event.recorded_on(day(on + delay)),
                None => event,
            }
        })
}

fn log(events: &[Event]) -> Events {
    let mut log = Events::new();
    for e in events {
        log.push(e.clone()).unwrap();
    }
    log
}

fn policy_strategy() -> impl Strategy<Value = (u32, bool, bool)> {
    (0u32..3, any::<bool>(), any::<bool>())
}

fn with_policy<R>(
    (grace, accept, shift): (u32, bool, bool),
    f: impl FnOnce(&EvaluationPolicy) -> R,
) -> R {
    let calendar = calendar();
    let late = if accept {
        LateExtensions::Accept
    } else {
        LateExtensions::Ignore
    };
    let policy = if shift {
        EvaluationPolicy::new(calendar.clone())
    } else {
        EvaluationPolicy::without_calendar()
    }
    .with_grace_days(grace)
    .with_late_extensions(late);
    f(&policy)
}

/// Whether `after` is no worse than `before` for an obligation that gained a submission.
fn no_worse(before: Status, after: Status) -> bool {
    before == after
        || after == Status::DoneOnTime
        || (before == Status::OpenOverdue && after == Status::DoneLate)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn status_never_depends_on_events_after_as_of(
        obligations in obligations_strategy(),
        events in prop::collection::vec(event_strategy(true, true), 0..25),
        as_of in 0u32..360,
        policy in policy_strategy(),
    ) {
        let as_of = day(as_of);
        let known: Vec<Event> = events
            .iter()
            .filter(|e| e.date() <= as_of && e.recorded().is_none_or(|r| r <= as_of))
            .cloned()
            .collect();
        let (all, known) = (log(&events), log(&known));
        with_policy(policy, |policy| {
            let a = evaluate(&obligations, &all, as_of, policy).unwrap();
            let b = evaluate(&obligations, &known, as_of, policy).unwrap();
            prop_assert_eq!(a.statuses(), b.statuses());
            Ok(())
        })?;
    }

    #[test]
    fn moving_as_of_forward_never_reopens_a_done_obligation(
        obligations in obligations_strategy(),
        events in prop::collection::vec(event_strategy(false, true), 0..25),
        first in 0u32..360,
        step in 0u32..120,
        policy in policy_strategy(),
    ) {
        let events = log(&events);
        with_policy(policy, |policy| {
            let early = evaluate(&obligations, &events, day(first), policy).unwrap();
            let late = evaluate(&obligations, &events, day(first + step), policy).unwrap();
            for (a, b) in early.statuses().iter().zip(late.statuses()) {
                if a.is_done() {
                    prop_assert!(b.is_done() || *b == Status::Waived, "{a} became {b}");
                }
            }
            Ok(())
        })?;
    }

    #[test]
    fn adding_a_submission_never_makes_a_status_worse(
        obligations in obligations_strategy(),
        events in prop::collection::vec(event_strategy(true, true), 0..25),
        target in 0..N_OBLIGATIONS,
        on in 0u32..360,
        as_of in 0u32..360,
        policy in policy_strategy(),
    ) {
        let before = log(&events);
        let mut more = events.clone();
        more.push(Event::submitted(ObligationId::from_index(target), day(on)));
        let after = log(&more);
        with_policy(policy, |policy| {
            let a = evaluate(&obligations, &before, day(as_of), policy).unwrap();
            let b = evaluate(&obligations, &after, day(as_of), policy).unwrap();
            for (x, y) in a.statuses().iter().zip(b.statuses()) {
                prop_assert!(no_worse(*x, *y), "{x} became {y}");
            }
            Ok(())
        })?;
    }

    #[test]
    fn evaluate_and_tracker_agree_in_any_order(
        obligations in obligations_strategy(),
        events in prop::collection::vec(event_strategy(true, true), 0..25)
            .prop_shuffle()
            .prop_flat_map(|events| {
                let shuffled = Just(events.clone()).prop_shuffle();
                (Just(events), shuffled)
            }),
        as_of in 0u32..360,
        policy in policy_strategy(),
    ) {
        let (in_order, shuffled) = events;
        let evaluated = log(&in_order);
        with_policy(policy, |policy| {
            let evaluation = evaluate(&obligations, &evaluated, day(as_of), policy).unwrap();
            let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
            for event in shuffled {
                // Bad events are refused here and reported as diagnostics there.
                let _ = tracker.apply(event);
            }
            for id in obligations.ids() {
                prop_assert_eq!(
                    tracker.status(id, day(as_of)).unwrap(),
                    evaluation.status(id).unwrap()
                );
            }
            Ok(())
        })?;
    }
}

// ---- results as data ----

/// Value → JSON → value and value → TOML → value give the value back.
#[cfg(feature = "serde")]
fn round_trip<T>(value: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "through JSON: {json}");
    let toml = toml::to_string(value).unwrap();
    let back: T = toml::from_str(&toml).unwrap();
    assert_eq!(&back, value, "through TOML: {toml}");
}

/// A small scenario that gives every kind of note and several diagnostics.
fn rich_scenario() -> (Obligations, Events) {
    let mut obligations = Obligations::new();
    let shifted = obligations
        .push(Obligation::new(key(1, "2025-08"), d(2025, 9, 20)))
        .unwrap();
    let extended = obligations
        .push(Obligation::new(key(1, "2025-01"), d(2025, 2, 20)))
        .unwrap();
    let passed = obligations
        .push(
            Obligation::new(key(3, "2025-01"), d(2025, 2, 20))
                .held_by(BodyCode::new("B2").unwrap()),
        )
        .unwrap();
    let waived = obligations
        .push(Obligation::new(key(2, "2025-02"), d(2025, 3, 20)))
        .unwrap();
    let mut events = Events::new();
    events
        .push(Event::submitted(shifted, d(2025, 9, 22)))
        .unwrap();
    events
        .push(Event::extended(
            extended,
            d(2025, 2, 10),
            d(2025, 3, 10),
            "15/QĐ-UBND",
        ))
        .unwrap();
    events
        .push(Event::extended(
            extended,
            d(2025, 2, 11),
            d(2025, 2, 1),
            "16/QĐ-UBND",
        ))
        .unwrap();
    events
        .push(Event::new(extended, d(2025, 3, 1), EventKind::Reopened))
        .unwrap();
    events
        .push(Event::new(
            extended,
            d(2025, 3, 2),
            EventKind::IndicatorValue { value: 0.1 + 0.2 },
        ))
        .unwrap();
    let waiver = Event::new(
        waived,
        d(2025, 3, 1),
        EventKind::Waived {
            by: "UBND tỉnh".into(),
            reason: "merged into task 2".into(),
        },
    );
    events.push_at_line(waiver.clone(), 8).unwrap();
    events.push_at_line(waiver, 9).unwrap();
    events
        .push_at_line(
            Event::submitted(ObligationId::from_index(99), d(2025, 3, 1)),
            10,
        )
        .unwrap();
    events
        .push(Event::submitted(passed, d(2025, 2, 1)).recorded_on(d(2025, 2, 3)))
        .unwrap();
    (obligations, events)
}

#[cfg(feature = "serde")]
#[test]
fn findings_diagnostics_and_counts_round_trip() {
    let (obligations, events) = rich_scenario();
    let policy = EvaluationPolicy::new(calendar()).with_grace_days(1);
    let evaluation = evaluate(&obligations, &events, d(2025, 10, 1), &policy).unwrap();
    let report = evaluation.to_findings();
    assert_eq!(report.findings().len(), 4);
    // A duplicate, an extension before the deadline, an unknown obligation, and a value
    // for an obligation with no target.
    assert_eq!(report.diagnostics().len(), 4);
    round_trip(&report);
    for finding in report.findings() {
        round_trip(finding);
        round_trip(finding.explanation());
    }
    let mut counts = directives::compliance::StatusCounts::default();
    for &status in evaluation.statuses() {
        counts.add(status);
    }
    round_trip(&counts);
    assert_eq!(
        serde_json::to_string(&counts).unwrap(),
        r#"{"done_on_time":3,"done_late":0,"open_within_deadline":0,"open_overdue":0,"waived":1,"not_applicable":0}"#
    );
    // The serialised report names no dense id: obligations by reference, bodies by code.
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains(r#""obligation":"05/CT-UBND@2025-01-02/1.1/B3/2025-01""#));
    assert!(json.contains(r#""body":"B2""#));
    assert!(!json.contains(r#""obligation":3"#));
    // The report outlives its inputs.
    drop(evaluation);
    drop((obligations, events));
    assert_eq!(report.as_of(), d(2025, 10, 1));
}

#[cfg(feature = "serde")]
#[test]
fn obligation_stores_and_event_logs_round_trip() {
    use directives::compliance::EventRecord;
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Log {
        events: Vec<EventRecord>,
    }
    let (obligations, events) = rich_scenario();
    round_trip(&obligations);
    let json = serde_json::to_string(&obligations).unwrap();
    assert!(json.starts_with(r#"{"obligations":[{"key":"05/CT-UBND@2025-01-02/1.1/B1/2025-08","due":"2025-09-20","applicability":"applies","role":"lead"}"#), "{json}");
    // The log is written as records; the one with an unknown obligation is left out.
    let log = Log {
        events: events.records(&obligations),
    };
    assert_eq!(log.events.len(), events.len() - 1);
    round_trip(&log);
    let back = Events::from_records(log.events.clone(), &obligations).unwrap();
    assert_eq!(back.records(&obligations), log.events);
    // A record naming an obligation the store does not hold is refused, naming it.
    let stray = EventRecord::submitted(key(7, "2025-01"), d(2025, 1, 5)).at_line(3);
    assert_eq!(
        Events::from_records([stray], &obligations)
            .unwrap_err()
            .to_string(),
        "event `submitted` on `2025-01-05` for `05/CT-UBND@2025-01-02/1.1/B7/2025-01` (line 3) \
         names an obligation that is not in the store"
    );
}

// ---- what is known on the as-of date ----

/// Two copies of one event, the second recorded earlier than the first: from the day the
/// earlier-known copy is known, the event counts, in `evaluate` and in the tracker alike.
#[test]
fn duplicates_are_judged_by_what_is_known_on_the_as_of_date() {
    let (obligations, id) = one(d(2025, 2, 20));
    let kinds = [
        EventKind::Submitted { document: None },
        EventKind::Waived {
            by: "UBND tỉnh".into(),
            reason: "merged".into(),
        },
        EventKind::Extended {
            new_due: d(2025, 3, 20),
            document: "15/QĐ-UBND".into(),
        },
    ];
    for kind in kinds {
        let late_copy = Event::new(id, d(2025, 2, 10), kind.clone()).recorded_on(d(2025, 3, 15));
        let early_copy = Event::new(id, d(2025, 2, 10), kind.clone()).recorded_on(d(2025, 2, 12));
        let mut events = Events::new();
        events.push(late_copy.clone()).unwrap();
        events.push(early_copy.clone()).unwrap();
        let policy = EvaluationPolicy::without_calendar();
        let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
        tracker.apply(late_copy.clone()).unwrap();
        // Known earlier, so not a mere repeat.
        tracker.apply(early_copy.clone()).unwrap();
        // Known no earlier than a copy already there: a repeat.
        assert!(matches!(
            tracker.apply(late_copy.clone()),
            Err(ComplianceError::DuplicateEvent { .. })
        ));
        for as_of in [
            d(2025, 2, 11),
            d(2025, 2, 12),
            d(2025, 3, 1),
            d(2025, 3, 16),
        ] {
            let evaluation = evaluate(&obligations, &events, as_of, &policy).unwrap();
            assert_eq!(
                tracker.status(id, as_of).unwrap(),
                evaluation.status(id).unwrap(),
                "{kind:?} as of {as_of}"
            );
        }
        let as_of = d(2025, 3, 1);
        let expected = match kind {
            EventKind::Waived { .. } => Status::Waived,
            EventKind::Extended { .. } => Status::OpenWithinDeadline,
            _ => Status::DoneOnTime,
        };
        assert_eq!(tracker.status(id, as_of).unwrap(), expected, "{kind:?}");
    }
}

#[test]
fn events_before_the_directive_was_issued_are_reported_and_left_out() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    // A typo: 1850 for 2025.
    events
        .push_at_line(Event::submitted(id, d(1850, 2, 18)), 4)
        .unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 3, 1), &policy).unwrap();
    assert_eq!(evaluation.statuses(), [Status::OpenOverdue]);
    assert_eq!(
        evaluation.diagnostics()[0].to_string(),
        "event `submitted` on `1850-02-18` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01` (line 4) \
         is dated before the directive was issued on `2025-01-02` and is ignored"
    );
    let mut tracker = Tracker::new(obligations, policy).unwrap();
    assert_eq!(
        tracker
            .apply(Event::submitted(id, d(1850, 2, 18)))
            .unwrap_err()
            .to_string(),
        "event `submitted` on `1850-02-18` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01` \
         is dated before the directive was issued on `2025-01-02`"
    );
    assert_eq!(
        tracker.status(id, d(2025, 3, 1)).unwrap(),
        Status::OpenOverdue
    );
}

#[test]
fn an_extension_past_the_calendar_is_reported_and_the_rest_runs() {
    let mut obligations = Obligations::new();
    let a = obligations
        .push(Obligation::new(key(1, "2025-01"), d(2025, 2, 20)))
        .unwrap();
    let b = obligations
        .push(Obligation::new(key(2, "2025-01"), d(2025, 2, 20)))
        .unwrap();
    let mut events = Events::new();
    events
        .push_at_line(
            Event::extended(a, d(2025, 2, 10), d(2150, 1, 1), "15/QĐ-UBND"),
            2,
        )
        .unwrap();
    events.push(Event::submitted(b, d(2025, 2, 19))).unwrap();
    let policy = EvaluationPolicy::new(calendar());
    let evaluation = evaluate(&obligations, &events, d(2025, 3, 1), &policy).unwrap();
    assert_eq!(
        evaluation.statuses(),
        [Status::OpenOverdue, Status::DoneOnTime]
    );
    assert_eq!(
        evaluation.diagnostics()[0].to_string(),
        "event `extended` on `2025-02-10` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01` (line 2) \
         moves the deadline outside the working-day calendar `2024-01-01`..`2027-12-31` and is ignored"
    );
    let mut tracker = Tracker::new(obligations, policy).unwrap();
    tracker
        .apply(Event::extended(
            a,
            d(2025, 2, 10),
            d(2150, 1, 1),
            "15/QĐ-UBND",
        ))
        .unwrap();
    assert_eq!(
        tracker.status(a, d(2025, 3, 1)).unwrap(),
        Status::OpenOverdue
    );
}

// ---- the tracker as application state ----

#[test]
fn tracker_merges_retracts_and_corrects() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar()).unwrap();
    let mut other = Obligations::new();
    other
        .push(Obligation::new(key(2, "2025-01"), d(2025, 2, 20)))
        .unwrap();
    let first = tracker.merge(&other).unwrap();
    assert_eq!(tracker.obligations().len(), 2);
    assert_eq!(
        tracker.merge(&other).unwrap_err().to_string(),
        "obligation `05/CT-UBND@2025-01-02/1.1/B2/2025-01` is already in the store"
    );
    assert_eq!(tracker.obligations().len(), 2);
    let sent = tracker
        .apply(Event::submitted(first, d(2025, 2, 19)))
        .unwrap();
    assert_eq!(
        tracker
            .status_of("05/CT-UBND@2025-01-02/1.1/B2/2025-01", d(2025, 3, 1))
            .unwrap(),
        Status::DoneOnTime
    );
    // The submission was booked against the wrong body: retract it, book it for B1.
    let fixed = tracker
        .correct(
            sent,
            Event::submitted(id, d(2025, 2, 19)),
            directives::compliance::Retraction::new(d(2025, 3, 2), "Văn phòng", "wrong body"),
        )
        .unwrap();
    let retraction = tracker.retraction(sent).unwrap();
    assert_eq!(
        (retraction.on(), retraction.by(), retraction.reason()),
        (d(2025, 3, 2), "Văn phòng", "wrong body")
    );
    assert!(
        tracker.event(sent).is_some(),
        "the log keeps what was retracted"
    );
    // What was known on 2025-03-01 stands as it was; from 2025-03-02 the correction counts.
    assert_eq!(
        tracker.status(first, d(2025, 3, 1)).unwrap(),
        Status::DoneOnTime
    );
    assert_eq!(
        tracker.status(first, d(2025, 3, 2)).unwrap(),
        Status::OpenOverdue
    );
    assert_eq!(
        tracker.status(id, d(2025, 3, 1)).unwrap(),
        Status::OpenOverdue
    );
    assert_eq!(
        tracker.status(id, d(2025, 3, 2)).unwrap(),
        Status::DoneOnTime
    );
    assert_eq!(
        tracker.record(fixed).unwrap().to_string(),
        "`submitted` on `2025-02-19` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01`"
    );
    assert!(matches!(
        tracker.retract(
            sent,
            directives::compliance::Retraction::new(d(2025, 3, 3), "x", "y")
        ),
        Err(ComplianceError::AlreadyRetracted { .. })
    ));
    assert_eq!(
        tracker.holder_counts("B1", d(2025, 3, 2)).unwrap().total(),
        1
    );
    assert_eq!(
        tracker
            .body_counts("B2", d(2025, 3, 2))
            .unwrap()
            .get(Status::OpenOverdue),
        1
    );
    assert_eq!(
        tracker
            .directive_counts(key(1, "2025-01").directive(), d(2025, 3, 2))
            .unwrap()
            .total(),
        2
    );
    // The tracker can be shared across threads and kept for the application's life.
    let shared = std::sync::Arc::new(std::sync::RwLock::new(tracker));
    let reader = std::sync::Arc::clone(&shared);
    let status =
        std::thread::spawn(move || reader.read().unwrap().status(id, d(2025, 3, 2)).unwrap())
            .join()
            .unwrap();
    assert_eq!(status, Status::DoneOnTime);
}

// ---- explanations for people ----

#[test]
fn every_verdict_is_a_sentence_in_english_and_vietnamese() {
    let (obligations, events) = rich_scenario();
    let policy = EvaluationPolicy::new(calendar());
    let evaluation = evaluate(&obligations, &events, d(2025, 10, 1), &policy).unwrap();
    let sentences: Vec<(String, String)> = evaluation
        .findings()
        .map(|f| {
            (
                f.explanation().sentence(directives::Lang::En),
                f.explanation().sentence(directives::Lang::Vi),
            )
        })
        .collect();
    let expected = [
        (
            "Done on time: done on `2025-09-22`, on or before the deadline `2025-09-22` (rule \
             `status.done-on-time`, Decision 42/2014/QĐ-TTg); the deadline `2025-09-20` fell on a \
             rest day and moved to the next working day, `2025-09-22` (Civil Code 2015 art. 148.5).",
            "Đã hoàn thành đúng hạn: thực hiện ngày 22/09/2025, không muộn hơn hạn chót 22/09/2025 \
             (quy tắc `status.done-on-time`, Quyết định số 42/2014/QĐ-TTg); hạn chót 20/09/2025 \
             trùng ngày nghỉ nên chuyển sang ngày làm việc tiếp theo là 22/09/2025 (khoản 5 Điều \
             148 Bộ luật Dân sự 2015).",
        ),
        (
            "Done on time: done on `2025-03-02`, on or before the deadline `2025-03-10` (rule \
             `status.done-on-time`, Decision 42/2014/QĐ-TTg); the obligation was reopened on \
             `2025-03-01`, so what was done before does not count; the deadline was extended from \
             `2025-02-20` to `2025-03-10` by `15/QĐ-UBND`, granted on `2025-02-10`.",
            "Đã hoàn thành đúng hạn: thực hiện ngày 02/03/2025, không muộn hơn hạn chót 10/03/2025 \
             (quy tắc `status.done-on-time`, Quyết định số 42/2014/QĐ-TTg); nhiệm vụ được mở lại \
             ngày 01/03/2025, kết quả trước đó không được tính; hạn được gia hạn từ 20/02/2025 đến \
             10/03/2025 theo văn bản 15/QĐ-UBND ngày 10/02/2025.",
        ),
        (
            "Done on time: done on `2025-02-01`, on or before the deadline `2025-02-20` (rule \
             `status.done-on-time`, Decision 42/2014/QĐ-TTg); the obligation passed from `B3` to \
             its successor `B2`.",
            "Đã hoàn thành đúng hạn: thực hiện ngày 01/02/2025, không muộn hơn hạn chót 20/02/2025 \
             (quy tắc `status.done-on-time`, Quyết định số 42/2014/QĐ-TTg); nhiệm vụ chuyển từ B3 \
             sang đơn vị kế thừa B2.",
        ),
        (
            "Waived: the assigning authority withdrew the obligation on `2025-03-01` (rule \
             `status.waived`).",
            "Được miễn thực hiện: cơ quan giao nhiệm vụ đã miễn từ ngày 01/03/2025 (quy tắc \
             `status.waived`).",
        ),
    ];
    for ((en, vi), (want_en, want_vi)) in sentences.iter().zip(expected) {
        assert_eq!(en, want_en);
        assert_eq!(vi, want_vi);
    }
    assert_eq!(sentences.len(), 4);
    // The other statuses.
    let e = |status| {
        directives::compliance::Explanation::new(
            status,
            d(2025, 2, 20),
            Some(d(2025, 2, 24)),
            d(2025, 3, 1),
        )
    };
    assert_eq!(
        e(Status::DoneLate).sentence(directives::Lang::En),
        "Done late: done on `2025-02-24`, after the deadline `2025-02-20` (rule `status.done-late`, \
         Decision 42/2014/QĐ-TTg)."
    );
    assert_eq!(
        e(Status::OpenOverdue).sentence(directives::Lang::Vi),
        "Chưa hoàn thành quá hạn: đến ngày 01/03/2025 chưa thực hiện, đã quá hạn chót 20/02/2025 \
         (quy tắc `status.open-overdue`, Quyết định số 42/2014/QĐ-TTg)."
    );
    assert_eq!(
        e(Status::NotApplicable).sentence(directives::Lang::En),
        "Not applicable: the obligation does not apply (its body ceased without a successor) \
         (rule `status.not-applicable`)."
    );
    for status in Status::ALL {
        assert!(
            e(status)
                .sentence(directives::Lang::En)
                .contains(status.rule_id())
        );
        assert!(
            e(status)
                .sentence(directives::Lang::Vi)
                .contains(status.rule_id())
        );
        assert_eq!(
            e(status).provision(directives::Lang::En),
            status.provision(directives::Lang::En)
        );
    }
}

/// An event to apply, the day it is retracted (if it is) and its correction (if any).
type Tracked = (Event, Option<u32>, Option<Event>);

/// Applies `events` to a tracker, retracting and correcting as they say, and checks that
/// as of `as_of` it agrees with `evaluate` over the events standing on that date: the same
/// status and the same full finding (explanation, notes, lateness, deciding event).
fn tracker_agrees_with_evaluate(
    obligations: &Obligations,
    events: &[Tracked],
    as_of: u32,
    policy: &EvaluationPolicy,
) -> Result<(), proptest::test_runner::TestCaseError> {
    use directives::compliance::Retraction;
    let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
    let mut standing = Vec::new();
    for (event, retracted, correction) in events {
        let Ok(id) = tracker.apply(event.clone()) else {
            continue;
        };
        let Some(on) = retracted else {
            standing.push(event.clone());
            continue;
        };
        let retraction = Retraction::new(day(*on), "clerk", "test");
        if *on > as_of {
            standing.push(event.clone());
        }
        match correction {
            // The correction becomes known on the retraction's day at the earliest.
            Some(corrected) => match tracker.correct(id, corrected.clone(), retraction.clone()) {
                Ok(new) => {
                    let known = corrected
                        .recorded()
                        .unwrap_or(corrected.date())
                        .max(corrected.date())
                        .max(day(*on));
                    let applied = tracker.event(new).unwrap();
                    prop_assert_eq!(applied.recorded(), Some(known));
                    prop_assert_eq!(tracker.retraction(id), Some(&retraction));
                    standing.push(applied);
                }
                // A refused correction leaves the event standing: retract it.
                Err(_) => tracker.retract(id, retraction).unwrap(),
            },
            None => tracker.retract(id, retraction).unwrap(),
        }
    }
    let standing = log(&standing);
    let evaluation = evaluate(obligations, &standing, day(as_of), policy).unwrap();
    for id in obligations.ids() {
        prop_assert_eq!(
            tracker.status(id, day(as_of)).unwrap(),
            evaluation.status(id).unwrap()
        );
        let key = obligations.key(id).unwrap();
        prop_assert_eq!(
            Some(tracker.finding(&key, day(as_of)).unwrap()),
            evaluation.finding(id)
        );
    }
    // All of them at once (one directive), as the status of each says.
    let mut expected = StatusCounts::default();
    for id in obligations.ids() {
        expected.add(evaluation.status(id).unwrap());
    }
    let directive = obligations
        .key(ObligationId::from_index(0))
        .unwrap()
        .directive()
        .clone();
    prop_assert_eq!(
        tracker.directive_counts(&directive, day(as_of)).unwrap(),
        expected
    );
    Ok(())
}

/// Events crowded on two obligations and a few days, so that copies are frequent and an
/// obligation gathers more events than the tracker compares one by one.
fn crowded_event_strategy() -> impl Strategy<Value = Event> {
    (
        0..2u32,
        0u32..12,
        prop::option::weighted(0.4, 0u32..6),
        prop_oneof![
            4 => Just(EventKind::Submitted { document: None }),
            2 => Just(EventKind::Completed),
            1 => Just(EventKind::Reopened),
            1 => Just(EventKind::Extended { new_due: day(330), document: "15/QĐ-UBND".into() }),
        ],
    )
        .prop_map(|(o, on, rec, kind)| {
            let event = Event::new(ObligationId::from_index(o), day(on), kind);
            match rec {
                Some(delay) => event.recorded_on(day(on + delay)),
                None => event,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// With some events retracted and some corrected on some dates, the tracker as of a
    /// date agrees with `evaluate` over the events standing on that date.
    #[test]
    fn tracker_with_retractions_and_corrections_agrees_with_evaluate(
        obligations in obligations_strategy(),
        events in prop::collection::vec(
            (
                event_strategy(true, true),
                prop::option::weighted(0.3, 0u32..360),
                prop::option::weighted(0.5, event_strategy(true, true)),
            ),
            0..25,
        ),
        as_of in 0u32..360,
        policy in policy_strategy(),
    ) {
        with_policy(policy, |policy| tracker_agrees_with_evaluate(&obligations, &events, as_of, policy))?;
    }

    /// The same with many events and copies on few obligations.
    #[test]
    fn tracker_with_crowded_events_agrees_with_evaluate(
        obligations in obligations_strategy(),
        events in prop::collection::vec(
            (
                crowded_event_strategy(),
                prop::option::weighted(0.2, 0u32..24),
                prop::option::weighted(0.3, crowded_event_strategy()),
            ),
            0..60,
        ),
        as_of in 0u32..24,
        policy in policy_strategy(),
    ) {
        with_policy(policy, |policy| tracker_agrees_with_evaluate(&obligations, &events, as_of, policy))?;
    }
}

/// Applies `events` one call at a time and all in one call (`apply_all`), under a limit
/// on the events of one obligation, and checks that both refuse the same events with the
/// same errors and end in the same state.
fn apply_all_agrees_with_apply(
    obligations: &Obligations,
    events: &[Event],
    limit: usize,
    as_of: u32,
    policy: &EvaluationPolicy,
) -> Result<(), proptest::test_runner::TestCaseError> {
    use directives::{Limit, Limits};
    let limits = Limits::new().with(Limit::EventsPerObligation, limit);
    let tracker = || {
        Tracker::new(obligations.clone(), policy.clone())
            .unwrap()
            .limits(limits)
    };
    let mut one = tracker();
    let mut ids = Vec::new();
    let mut refused = Vec::new();
    for (at, event) in events.iter().enumerate() {
        match one.apply(event.clone()) {
            Ok(id) => ids.push(id),
            Err(error) => refused.push((at, error)),
        }
    }
    let mut all = tracker();
    prop_assert_eq!(all.apply_all(events), refused);
    prop_assert_eq!(all.event_count(), one.event_count());
    for id in ids {
        prop_assert_eq!(all.event(id), one.event(id));
    }
    for id in obligations.ids() {
        let key = obligations.key(id).unwrap();
        prop_assert_eq!(
            all.finding(&key, day(as_of)).unwrap(),
            one.finding(&key, day(as_of)).unwrap()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// `apply_all` refuses what `apply` refuses, with the same errors at the same
    /// positions, and keeps the same events; among copies, many events on one
    /// obligation and a limit that bites.
    #[test]
    fn apply_all_refuses_and_keeps_what_apply_does(
        obligations in obligations_strategy(),
        events in prop_oneof![
            prop::collection::vec(event_strategy(true, true), 0..80),
            prop::collection::vec(crowded_event_strategy(), 0..80),
        ],
        limit in prop_oneof![Just(usize::MAX), 0usize..14],
        as_of in 0u32..360,
        policy in policy_strategy(),
    ) {
        with_policy(policy, |policy| apply_all_agrees_with_apply(&obligations, &events, limit, as_of, policy))?;
    }
}

#[test]
fn indicator_values_are_compared_with_their_targets() {
    use directives::compliance::IndicatorOutcome;
    use directives::obligation::Target;
    let mut obligations = Obligations::new();
    let mut ids = Vec::new();
    for body in 1..=3 {
        ids.push(
            obligations
                .push(
                    Obligation::new(key(body, "2025"), d(2025, 12, 31))
                        .with_target(Target::new(80.0).unwrap()),
                )
                .unwrap(),
        );
    }
    let plain = obligations
        .push(Obligation::new(key(4, "2025"), d(2025, 12, 31)))
        .unwrap();
    let mut events = Events::new();
    let value = |id, day, value| Event::new(id, day, EventKind::IndicatorValue { value });
    // Body 1: 62, then 85 later (the latest known counts). Body 2: 62 only. Body 3: none.
    events.push(value(ids[0], d(2025, 12, 1), 62.0)).unwrap();
    events.push(value(ids[0], d(2025, 12, 20), 85.0)).unwrap();
    events.push(value(ids[1], d(2025, 12, 1), 62.0)).unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2026, 1, 5), &policy).unwrap();
    let outcome = |id| evaluation.finding(id).unwrap().indicator();
    assert_eq!(
        outcome(ids[0]),
        Some(IndicatorOutcome::Met {
            value: 85.0,
            target: 80.0
        })
    );
    assert_eq!(
        outcome(ids[1]),
        Some(IndicatorOutcome::Missed {
            value: 62.0,
            target: 80.0
        })
    );
    assert_eq!(
        outcome(ids[2]),
        Some(IndicatorOutcome::NoValue { target: 80.0 })
    );
    assert_eq!(outcome(plain), None);
    // Timeliness apart: body 2 reported on time, though short of the target.
    assert_eq!(evaluation.status(ids[1]), Some(Status::DoneOnTime));
    // As of mid-December, body 1 had only reported 62.
    let earlier = evaluate(&obligations, &events, d(2025, 12, 15), &policy).unwrap();
    assert_eq!(
        earlier.finding(ids[0]).unwrap().indicator(),
        Some(IndicatorOutcome::Missed {
            value: 62.0,
            target: 80.0
        })
    );
    // Targets are finite numbers.
    assert!(Target::new(f64::NAN).is_err());
    #[cfg(feature = "serde")]
    {
        round_trip(&obligations);
        let report = evaluation.to_findings();
        round_trip(&report);
        let json = serde_json::to_string(&report.findings()[1]).unwrap();
        assert!(
            json.contains(r#""indicator":{"outcome":"missed","value":62.0,"target":80.0}"#),
            "{json}"
        );
    }
}

/// The unverified facts of the compliance rules, pinned with their assumptions, so that a
/// new one cannot slip in unlabelled.
#[test]
fn shipped_facts_say_how_sure_they_are() {
    use directives::provenance::Certainty;
    let facts = directives::compliance::facts();
    let ids: Vec<&str> = facts.iter().map(|f| f.id()).collect();
    assert_eq!(
        ids,
        [
            "status.four-states",
            "deadline.rest-day-shift",
            "indicator.target-at-least",
            "extension.late-ignored",
            "event.long-before-period"
        ]
    );
    let unverified: Vec<(&str, &str)> = facts
        .iter()
        .filter(|f| f.provenance().certainty() == Certainty::Unverified)
        .map(|f| (f.id(), f.provenance().assumption().unwrap()))
        .collect();
    assert_eq!(
        unverified,
        [
            (
                "deadline.rest-day-shift",
                "art. 148.5 of the 2015 Civil Code is read as carrying over art. 153.5 of the \
                 2005 Code word for word, as a secondary source shows the 2005 text; the 2015 \
                 text itself was not checked here"
            ),
            (
                "indicator.target-at-least",
                "directives state targets to reach (a number of models, a percentage); no text \
                 defines how a value is compared with a target, so a target to stay under is \
                 not modelled"
            ),
            (
                "extension.late-ignored",
                "no text read here says whether an extension granted after a deadline has \
                 passed cures the lateness; the default treats the obligation as already \
                 overdue, and the policy can be changed"
            ),
            (
                "event.long-before-period",
                "no text read here says how early a report may be sent; Decree 09/2019/NĐ-CP \
                 art. 12 opens the widest data cut-off window of a periodic report on the 15th \
                 of the month before the period, at most 17 days before its first day, so a \
                 report dated earlier would describe figures that did not yet exist; 31 days \
                 leaves two weeks beyond that"
            ),
        ]
    );
}

/// A submission dated long before its period (`06` typed for `10`) is a diagnostic
/// naming the event, left out of the decision, on the fast path and on the
/// per-obligation path alike; the tracker refuses it. The bound is the policy's.
#[test]
fn an_event_long_before_its_period_is_reported_and_left_out() {
    let mut obligations = Obligations::new();
    // The September 2025 reports of B1 and B2, due 2025-10-20.
    let b1 = obligations
        .push(Obligation::new(key(1, "2025-09"), d(2025, 10, 20)))
        .unwrap();
    let b2 = obligations
        .push(Obligation::new(key(2, "2025-09"), d(2025, 10, 20)))
        .unwrap();
    let mut events = Events::new();
    // B1: a typo puts the report in June (`06` for `10`); the real one came late. B2: the same typo,
    // plus an extension, so it takes the per-obligation path.
    events
        .push_at_line(Event::submitted(b1, d(2025, 6, 15)), 2)
        .unwrap();
    events.push(Event::submitted(b1, d(2025, 10, 25))).unwrap();
    events
        .push(Event::extended(
            b2,
            d(2025, 10, 1),
            d(2025, 10, 31),
            "15/QĐ-UBND",
        ))
        .unwrap();
    events
        .push_at_line(Event::submitted(b2, d(2025, 6, 15)), 4)
        .unwrap();
    // Within the bound: the cut-off window opened on 2025-08-15 (Decree 09 art. 12).
    let b3 = obligations
        .push(Obligation::new(key(3, "2025-09"), d(2025, 10, 20)))
        .unwrap();
    events.push(Event::submitted(b3, d(2025, 8, 20))).unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 12, 31), &policy).unwrap();
    assert_eq!(
        evaluation.statuses(),
        [Status::DoneLate, Status::OpenOverdue, Status::DoneOnTime]
    );
    let messages: Vec<String> = evaluation
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        messages,
        [
            "event `submitted` on `2025-06-15` for `05/CT-UBND@2025-01-02/1.1/B1/2025-09` \
             (line 2) is dated more than `31` days before its period begins on `2025-09-01` \
             and is ignored",
            "event `submitted` on `2025-06-15` for `05/CT-UBND@2025-01-02/1.1/B2/2025-09` \
             (line 4) is dated more than `31` days before its period begins on `2025-09-01` \
             and is ignored",
        ]
    );
    assert!(matches!(
        evaluation.diagnostics()[0],
        Diagnostic::LongBeforePeriod { limit_days: 31, .. }
    ));
    let finding = evaluation.finding(b1).unwrap();
    assert_eq!(finding.decided_on(), Some(d(2025, 10, 25)));
    // Without the bound, the typo decides.
    let any_date = EvaluationPolicy::without_calendar().with_early_event_days(None);
    let loose = evaluate(&obligations, &events, d(2025, 12, 31), &any_date).unwrap();
    assert_eq!(loose.status(b1), Some(Status::DoneOnTime));
    assert!(loose.diagnostics().is_empty());
    // The tracker refuses the event, naming it, and keeps its state.
    let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
    assert_eq!(
        tracker
            .apply(Event::submitted(b1, d(2025, 6, 15)))
            .unwrap_err()
            .to_string(),
        "event `submitted` on `2025-06-15` for `05/CT-UBND@2025-01-02/1.1/B1/2025-09` is dated \
         more than `31` days before its period begins on `2025-09-01`"
    );
    assert_eq!(tracker.event_count(), 0);
    // A waiver decided in advance is not bounded.
    let waiver = EventKind::Waived {
        by: "UBND tỉnh".into(),
        reason: "merged".into(),
    };
    tracker
        .apply(Event::new(b1, d(2025, 3, 1), waiver))
        .unwrap();
    assert_eq!(tracker.status(b1, d(2025, 12, 31)).unwrap(), Status::Waived);
    #[cfg(feature = "serde")]
    round_trip(&evaluation.to_findings());
}

/// An indicator value for an obligation with no target counts as a report, and the
/// evaluation says that the value was compared with nothing.
#[test]
fn a_value_without_a_target_is_reported() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut events = Events::new();
    events
        .push_at_line(
            Event::new(
                id,
                d(2025, 2, 10),
                EventKind::IndicatorValue { value: 62.0 },
            ),
            3,
        )
        .unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 3, 1), &policy).unwrap();
    assert_eq!(evaluation.status(id), Some(Status::DoneOnTime));
    assert_eq!(evaluation.finding(id).unwrap().indicator(), None);
    assert_eq!(
        evaluation
            .diagnostics()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "event `indicator_value` on `2025-02-10` for `05/CT-UBND@2025-01-02/1.1/B1/2025-01` \
          (line 3) reports a value for an obligation with no target: it counts as a report and \
          the value is compared with nothing"
        ]
    );
    assert!(matches!(
        evaluation.diagnostics()[0],
        Diagnostic::ValueWithoutTarget { .. }
    ));
    // Not known yet on the as-of date: nothing to say.
    let early = evaluate(&obligations, &events, d(2025, 2, 5), &policy).unwrap();
    assert!(early.diagnostics().is_empty());
}

#[cfg(feature = "serde")]
#[test]
fn event_logs_load_from_json_and_toml_naming_the_place() {
    let (obligations, events) = rich_scenario();
    #[derive(serde::Serialize)]
    struct Log {
        events: Vec<directives::compliance::EventRecord>,
    }
    let log = Log {
        events: events.records(&obligations),
    };
    let json = serde_json::to_string_pretty(&log).unwrap();
    let from_json = Events::from_json_str(&json, &obligations).unwrap();
    let toml = toml::to_string(&log).unwrap();
    let from_toml = Events::from_toml_str(&toml, &obligations).unwrap();
    assert_eq!(from_json.len(), log.events.len());
    assert_eq!(from_toml.len(), log.events.len());
    // Same statuses as the log they came from.
    let policy = EvaluationPolicy::without_calendar();
    let want = evaluate(&obligations, &events, d(2025, 10, 1), &policy)
        .unwrap()
        .statuses()
        .to_vec();
    for loaded in [&from_json, &from_toml] {
        let got = evaluate(&obligations, loaded, d(2025, 10, 1), &policy).unwrap();
        assert_eq!(got.statuses(), want);
    }
    // A record naming an obligation the store does not hold names its place.
    let stray = json.replacen("/B1/2025-08", "/B9/2025-08", 1);
    assert_eq!(
        Events::from_json_str(&stray, &obligations)
            .unwrap_err()
            .to_string(),
        "invalid event log json at line 4, column 21, `events[0].obligation`: unknown body `B9`: \
         no obligation in the store is assigned to it"
    );
    // Each event keeps the line its record starts on.
    assert_eq!(
        from_json.line(directives::compliance::EventId::from_index(0)),
        Some(3)
    );
    // An unknown field, a loose date, NaN: refused with the path.
    let error = Events::from_json_str(r#"{"events": [], "extra": 1}"#, &obligations).unwrap_err();
    assert!(
        error.to_string().contains("unknown field `extra`"),
        "{error}"
    );
    let nan = r#"{"events": [{"obligation": "05/CT-UBND@2025-01-02/1.1/B1/2025-08", "date": "2025-09-22", "kind": "indicator_value", "value": 1e999}]}"#;
    let error = Events::from_json_str(nan, &obligations)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("invalid event log json at line 1, column ")
            && error.contains(", `events[0].value`: "),
        "{error}"
    );
}

/// Decision 42/2014/QĐ-TTg governs tasks the Government and the Prime Minister assign; a
/// Party letter follows it by analogy, and its verdicts say so (issue of legal fidelity:
/// Decree 09/2019 and Decision 42/2014 bind State administrative agencies).
#[test]
fn verdicts_on_a_party_directive_apply_decision_42_by_analogy() {
    let verdict = |symbol: &str| {
        let key = ObligationKey::new(
            DirectiveKey::new(DocSymbol::parse(symbol).unwrap(), d(2024, 2, 22)),
            TaskNumber::new("10").unwrap(),
            RequirementIndex::new(0),
            BodyCode::new("TH-HU-NGA-SON").unwrap(),
            "2024-H1".parse::<Period>().unwrap(),
        );
        let mut obligations = Obligations::new();
        let id = obligations
            .push(Obligation::new(key, d(2024, 6, 25)))
            .unwrap();
        let policy = EvaluationPolicy::without_calendar();
        let events = Events::new();
        let evaluation = evaluate(&obligations, &events, d(2024, 7, 1), &policy).unwrap();
        let explanation = evaluation.finding(id).unwrap().explanation().clone();
        (
            explanation.to_string(),
            explanation.sentence(directives::Lang::Vi),
        )
    };
    let (en, vi) = verdict("1470-CV/TU");
    assert_eq!(
        en,
        "Open and overdue: nothing done by `2024-07-01`, and the deadline `2024-06-25` has \
         passed (rule `status.open-overdue`, Decision 42/2014/QĐ-TTg, applied by analogy)."
    );
    assert!(
        vi.contains("Quyết định số 42/2014/QĐ-TTg, áp dụng tương tự)"),
        "{vi}"
    );
    let (en, vi) = verdict("05/CT-UBND");
    assert!(
        en.ends_with("(rule `status.open-overdue`, Decision 42/2014/QĐ-TTg)."),
        "{en}"
    );
    assert!(!vi.contains("tương tự"), "{vi}");
}

/// A verdict that rests on a day off no primary text confirms says so: Vietnamese Culture
/// Day (Tue 2026-11-24) is a day off only as secondary sources report it (the calendar's
/// provenance: corroborated), so a deadline moved off it carries that certainty.
#[test]
fn a_deadline_moved_off_a_corroborated_day_off_says_so() {
    let calendar = WorkCalendar::vietnam().unwrap();
    let policy = EvaluationPolicy::new(calendar);
    let moved = |due: NaiveDate| {
        let (obligations, id) = one(due);
        let events = Events::new();
        let evaluation = evaluate(&obligations, &events, d(2026, 12, 31), &policy).unwrap();
        let finding = evaluation.finding(id).unwrap();
        finding.explanation().clone()
    };
    let culture_day = moved(d(2026, 11, 24));
    assert_eq!(
        culture_day.notes(),
        &[Note::RestDayShift {
            from: d(2026, 11, 24),
            to: d(2026, 11, 25),
            rests_on: Some(directives::provenance::Certainty::Corroborated),
        }]
    );
    assert!(
        culture_day
            .to_string()
            .contains("over a day off that is corroborated, not verified"),
        "{culture_day}"
    );
    assert!(
        culture_day
            .sentence(directives::Lang::Vi)
            .contains("chưa được kiểm chứng")
    );
    // A Sunday is a weekly rest day: nothing to doubt.
    let sunday = moved(d(2026, 11, 22));
    assert!(matches!(
        sunday.notes(),
        [Note::RestDayShift { rests_on: None, .. }]
    ));
}

/// Many events on one obligation (past the size the evaluator compares directly): every
/// copy is found and named by its first row, in `evaluate` and in the tracker alike.
#[test]
fn many_events_on_one_obligation_find_every_copy() {
    let (obligations, id) = one(d(2025, 2, 20));
    let submission = |k: u32| {
        Event::new(
            id,
            d(2025, 1, 3 + k % 28),
            EventKind::Submitted {
                document: Some(format!("{k}/BC-UBND")),
            },
        )
    };
    let extension = Event::extended(id, d(2025, 1, 20), d(2025, 3, 20), "15/QĐ-UBND");
    let mut log = vec![extension.clone()];
    log.extend((0..40).map(submission));
    // Copies of three events, after the rest.
    log.extend([submission(5), extension, submission(17)]);
    let mut events = Events::new();
    let ids: Vec<_> = log
        .iter()
        .map(|e| events.push(e.clone()).unwrap())
        .collect();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 3, 1), &policy).unwrap();
    let record = |k: usize| events.record(ids[k], &obligations).unwrap();
    assert_eq!(
        evaluation.diagnostics(),
        &[41, 42, 43].map(|k| Diagnostic::DuplicateEvent {
            event: Box::new(record(k)),
            first_line: None,
        })
    );
    // The earliest submission (document 0, on 2025-01-03) decides: row 1.
    let finding = evaluation.finding(id).unwrap();
    assert_eq!(finding.deciding_event(), Some(&record(1)));
    let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
    let refused = log
        .into_iter()
        .filter(|e| tracker.apply(e.clone()).is_err())
        .count();
    assert_eq!(refused, 3);
    assert_eq!(
        tracker.status(id, d(2025, 3, 1)).unwrap(),
        evaluation.status(id).unwrap()
    );
}

/// Copies that become known earlier and earlier, some retracted: a copy is refused exactly
/// when a standing copy is known no later.
#[test]
fn copies_are_judged_against_the_standing_copy_known_earliest() {
    let (obligations, id) = one(d(2025, 2, 20));
    let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar()).unwrap();
    let copy = |known: u32| Event::submitted(id, d(2025, 2, 1)).recorded_on(d(2025, 2, known));
    let retraction = || directives::compliance::Retraction::new(d(2025, 2, 25), "clerk", "copy");
    let a = tracker.apply(copy(10)).unwrap();
    let b = tracker.apply(copy(8)).unwrap();
    let c = tracker.apply(copy(6)).unwrap();
    assert!(matches!(
        tracker.apply(copy(7)),
        Err(ComplianceError::DuplicateEvent { .. })
    ));
    tracker.retract(c, retraction()).unwrap();
    let e = tracker.apply(copy(7)).unwrap();
    assert!(tracker.apply(copy(9)).is_err());
    tracker.retract(e, retraction()).unwrap();
    tracker.retract(b, retraction()).unwrap();
    // Only the copy known on the 10th stands.
    tracker.apply(copy(9)).unwrap();
    assert!(tracker.apply(copy(11)).is_err());
    tracker.retract(a, retraction()).unwrap();
    assert!(tracker.apply(copy(9)).is_err());
    assert_eq!(tracker.event_count(), 5);
}

/// An event log's error points at the line of the value at fault, and its path never
/// holds a segment the parser could not name.
#[cfg(feature = "serde")]
#[test]
fn event_log_errors_point_at_the_value() {
    let (obligations, _) = one(d(2025, 2, 20));
    let record = |date: &str, kind: &str| {
        format!(
            "[[events]]\nobligation = \"05/CT-UBND@2025-01-02/1.1/B1/2025-01\"\ndate = \"{date}\"\n{kind}\n"
        )
    };
    let toml = [
        record("2025-02-10", "kind = \"completed\""),
        record("2025-02-11", "kind = \"completed\""),
        record("2025-2-12", "kind = \"completed\""),
    ]
    .join("\n");
    let error = Events::from_toml_str(&toml, &obligations).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid event log toml at line 13, column 8, `events[2].date`: invalid date `2025-2-12`: expected `yyyy-mm-dd`"
    );
    let toml = [
        record("2025-02-10", "kind = \"completed\""),
        record(
            "2025-02-11",
            "kind = \"extended\"\nnew_due = \"2025-3-10\"\ndocument = \"15/QĐ-UBND\"",
        ),
    ]
    .join("\n");
    let error = Events::from_toml_str(&toml, &obligations)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("invalid event log toml at line 10, column 11, `events[1].new_due`: "),
        "{error}"
    );
    assert!(!error.contains('?'), "{error}");
}

/// One date range everywhere: what the API accepts (`0001-01-01` to `9999-12-31`) it
/// writes and reads back; a date outside it is refused where it enters, naming it.
#[test]
fn dates_outside_the_supported_range_are_refused_where_they_enter() {
    use directives::compliance::Retraction;
    use directives::obligation::ObligationError;
    let far = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
    let zero = NaiveDate::from_ymd_opt(0, 12, 31).unwrap();
    let mut obligations = Obligations::new();
    for bad in [far, zero] {
        assert_eq!(
            obligations.push(Obligation::new(key(1, "2025-01"), bad)),
            Err(ObligationError::UnsupportedDate { date: bad })
        );
    }
    let issued_far = ObligationKey::new(
        DirectiveKey::new(DocSymbol::parse("05/CT-UBND").unwrap(), far),
        TaskNumber::new("1").unwrap(),
        RequirementIndex::new(0),
        BodyCode::new("B1").unwrap(),
        "2025".parse::<Period>().unwrap(),
    );
    assert_eq!(
        obligations
            .push(Obligation::new(issued_far, d(2025, 2, 20)))
            .unwrap_err()
            .to_string(),
        "date `+10000-01-01` is outside the supported range `0001-01-01`..`9999-12-31`"
    );
    assert!(obligations.is_empty());
    // The ends of the range are accepted.
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
    let id = obligations
        .push(Obligation::new(key(1, "2025-01"), last))
        .unwrap();
    let mut events = Events::new();
    for bad in [
        Event::submitted(id, far),
        Event::submitted(id, d(2025, 2, 1)).recorded_on(far),
        Event::extended(id, d(2025, 2, 1), far, "15/QĐ-UBND"),
        Event::submitted(id, zero),
    ] {
        assert!(matches!(
            events.push(bad),
            Err(ComplianceError::UnsupportedDate { .. })
        ));
    }
    assert!(matches!(
        events.push_submission(id, far),
        Err(ComplianceError::UnsupportedDate { .. })
    ));
    assert!(events.is_empty());
    events.push(Event::submitted(id, first)).unwrap();
    events
        .push(Event::extended(id, d(2025, 2, 1), last, "15/QĐ-UBND"))
        .unwrap();
    let mut tracker =
        Tracker::new(obligations.clone(), EvaluationPolicy::without_calendar()).unwrap();
    assert!(matches!(
        tracker.apply(Event::submitted(id, far)),
        Err(ComplianceError::UnsupportedDate { .. })
    ));
    let sent = tracker.apply(Event::submitted(id, d(2025, 2, 1))).unwrap();
    assert_eq!(
        tracker
            .retract(sent, Retraction::new(far, "clerk", "typo"))
            .unwrap_err()
            .to_string(),
        "date `+10000-01-01` is outside the supported range `0001-01-01`..`9999-12-31`"
    );
    assert!(tracker.retraction(sent).is_none());
    assert_eq!(tracker.event_count(), 1);
    #[cfg(feature = "serde")]
    {
        use directives::compliance::EventRecord;
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        struct Log {
            events: Vec<EventRecord>,
        }
        round_trip(&obligations);
        let log = Log {
            events: events.records(&obligations),
        };
        round_trip(&log);
        // A file cannot name year 0 either.
        let json = serde_json::to_string(&log)
            .unwrap()
            .replace("0001-01-01", "0000-01-01");
        let error = serde_json::from_str::<Log>(&json).unwrap_err().to_string();
        assert!(
            error.contains("invalid date `0000-01-01`: outside the supported range"),
            "{error}"
        );
    }
}

/// The fast path's screen for early events holds when a period begins after its due date
/// (a hand-built store): the event is still caught, in `evaluate` as in the tracker.
#[test]
fn an_early_event_is_caught_when_a_period_begins_after_its_due_date() {
    let mut obligations = Obligations::new();
    // The September report, due (oddly) on 2025-08-01; another, ordinary, obligation.
    let odd = obligations
        .push(Obligation::new(key(1, "2025-09"), d(2025, 8, 1)))
        .unwrap();
    let plain = obligations
        .push(Obligation::new(key(2, "2025-01"), d(2025, 2, 20)))
        .unwrap();
    let mut events = Events::new();
    events.push(Event::submitted(odd, d(2025, 7, 1))).unwrap();
    events
        .push(Event::submitted(plain, d(2025, 2, 10)))
        .unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 12, 31), &policy).unwrap();
    assert_eq!(
        evaluation.statuses(),
        [Status::OpenOverdue, Status::DoneOnTime]
    );
    assert!(matches!(
        evaluation.diagnostics(),
        [Diagnostic::LongBeforePeriod { .. }]
    ));
    let mut tracker = Tracker::new(obligations, policy).unwrap();
    assert!(matches!(
        tracker.apply(Event::submitted(odd, d(2025, 7, 1))),
        Err(ComplianceError::LongBeforePeriod { .. })
    ));
    // One day later is within the bound (31 days before 2025-09-01).
    tracker.apply(Event::submitted(odd, d(2025, 8, 1))).unwrap();
}

/// Every order of `events` (at most a few), as `evaluate` reads a log in that order and as
/// a tracker applies them in that order: the findings of `id` as of `as_of`, all equal;
/// returns the one finding.
fn same_finding_in_every_order(
    obligations: &Obligations,
    id: ObligationId,
    events: &[Event],
    as_of: NaiveDate,
    policy: &EvaluationPolicy,
) -> directives::compliance::Finding {
    fn orders(items: &[Event]) -> Vec<Vec<Event>> {
        if items.len() <= 1 {
            return vec![items.to_vec()];
        }
        let mut all = Vec::new();
        for (i, first) in items.iter().enumerate() {
            let mut rest = items.to_vec();
            rest.remove(i);
            for mut tail in orders(&rest) {
                tail.insert(0, first.clone());
                all.push(tail);
            }
        }
        all
    }
    let mut first = None;
    for order in orders(events) {
        let mut log = Events::new();
        let mut tracker = Tracker::new(obligations.clone(), policy.clone()).unwrap();
        for event in &order {
            log.push(event.clone()).unwrap();
            // A copy known no earlier than one applied is refused: nothing changes.
            let _ = tracker.apply(event.clone());
        }
        let evaluated = evaluate(obligations, &log, as_of, policy)
            .unwrap()
            .finding(id)
            .unwrap();
        let tracked = tracker.finding_by_id(id, as_of).unwrap();
        assert_eq!(tracked, evaluated, "{order:?}");
        match &first {
            None => first = Some(evaluated),
            Some(want) => assert_eq!(&evaluated, want, "{order:?}"),
        }
    }
    first.unwrap()
}

#[test]
fn of_copies_recorded_on_different_days_the_one_known_earliest_decides_in_every_order() {
    let (obligations, id) = one(d(2025, 2, 20));
    let copy = |recorded| Event::submitted(id, d(2025, 2, 10)).recorded_on(recorded);
    let events = [
        copy(d(2025, 3, 15)),
        copy(d(2025, 2, 12)),
        copy(d(2025, 2, 14)),
    ];
    let policy = EvaluationPolicy::without_calendar();
    let finding = same_finding_in_every_order(&obligations, id, &events, d(2025, 3, 20), &policy);
    assert_eq!(finding.status(), Status::DoneOnTime);
    let deciding = finding.deciding_event().unwrap();
    assert_eq!(deciding.recorded(), Some(d(2025, 2, 12)));
    // Before the earliest copy is known, nothing decides.
    let finding = same_finding_in_every_order(&obligations, id, &events, d(2025, 2, 11), &policy);
    assert_eq!(finding.status(), Status::OpenWithinDeadline);
    assert!(finding.deciding_event().is_none());
}

#[test]
fn a_copy_without_a_recording_date_decides_before_one_recorded_on_its_own_day() {
    let (obligations, id) = one(d(2025, 2, 20));
    let on = d(2025, 2, 10);
    // Both copies become known on the day of the event; only what is written differs.
    let events = [
        Event::submitted(id, on).recorded_on(on),
        Event::submitted(id, on),
        Event::submitted(id, on).recorded_on(d(2025, 2, 1)),
    ];
    let policy = EvaluationPolicy::without_calendar();
    let finding = same_finding_in_every_order(&obligations, id, &events, d(2025, 3, 1), &policy);
    assert_eq!(finding.status(), Status::DoneOnTime);
    assert_eq!(finding.deciding_event().unwrap().recorded(), None);
}

#[test]
fn distinct_events_of_one_day_decide_in_a_fixed_order() {
    let (obligations, id) = one(d(2025, 2, 20));
    let on = d(2025, 2, 10);
    let events = [
        Event::new(id, on, EventKind::Completed),
        Event::new(
            id,
            on,
            EventKind::Submitted {
                document: Some("12/BC-UBND".into()),
            },
        ),
        Event::new(
            id,
            on,
            EventKind::Submitted {
                document: Some("11/BC-UBND".into()),
            },
        ),
        Event::new(id, on, EventKind::IndicatorValue { value: 3.0 }),
    ];
    let policy = EvaluationPolicy::without_calendar();
    let finding = same_finding_in_every_order(&obligations, id, &events, d(2025, 3, 1), &policy);
    // Submissions before completions and values, documents by their text.
    assert_eq!(
        finding.deciding_event().unwrap().kind(),
        &EventKind::Submitted {
            document: Some("11/BC-UBND".into())
        }
    );
    // Of two extensions granted on one day to the same new date, the document decides.
    let extension = |document: &str| {
        Event::new(
            id,
            d(2025, 2, 1),
            EventKind::Extended {
                new_due: d(2025, 3, 20),
                document: document.into(),
            },
        )
    };
    let events = [extension("16/QĐ-UBND"), extension("15/QĐ-UBND")];
    let finding = same_finding_in_every_order(&obligations, id, &events, d(2025, 3, 1), &policy);
    assert_eq!(finding.status(), Status::OpenWithinDeadline);
    assert_eq!(finding.effective_due(), d(2025, 3, 20));
}

#[test]
fn the_indicator_value_that_counts_is_the_same_in_every_order() {
    use directives::compliance::IndicatorOutcome;
    use directives::obligation::Target;
    let mut obligations = Obligations::new();
    let id = obligations
        .push(
            Obligation::new(key(1, "2025-06"), d(2025, 7, 20))
                .with_target(Target::new(15.0).unwrap()),
        )
        .unwrap();
    let value = |on, recorded, value| {
        Event::new(id, on, EventKind::IndicatorValue { value }).recorded_on(recorded)
    };
    let policy = EvaluationPolicy::without_calendar();
    // Two values for one date: the one known later corrects the other; of two known the
    // same day, the greater counts; an earlier date never does.
    let events = [
        value(d(2025, 7, 1), d(2025, 7, 5), 20.0),
        value(d(2025, 7, 1), d(2025, 7, 2), 10.0),
        value(d(2025, 7, 1), d(2025, 7, 5), 12.0),
        value(d(2025, 6, 30), d(2025, 7, 6), 30.0),
    ];
    let finding = same_finding_in_every_order(&obligations, id, &events, d(2025, 7, 10), &policy);
    assert_eq!(
        finding.indicator(),
        Some(IndicatorOutcome::Met {
            value: 20.0,
            target: 15.0
        })
    );
    let finding = same_finding_in_every_order(&obligations, id, &events, d(2025, 7, 3), &policy);
    assert_eq!(
        finding.indicator(),
        Some(IndicatorOutcome::Missed {
            value: 10.0,
            target: 15.0
        })
    );
}

#[test]
fn a_copy_of_a_value_recorded_later_is_no_correction_in_any_order() {
    use directives::compliance::IndicatorOutcome;
    use directives::obligation::Target;
    let mut obligations = Obligations::new();
    let id = obligations
        .push(
            Obligation::new(key(1, "2025-06"), d(2025, 7, 20))
                .with_target(Target::new(15.0).unwrap()),
        )
        .unwrap();
    let value = |recorded, value| {
        Event::new(id, d(2025, 7, 1), EventKind::IndicatorValue { value }).recorded_on(recorded)
    };
    let policy = EvaluationPolicy::without_calendar();
    // 20 is reported on 2 July, corrected to 10 on 5 July; a copy of the 20 recorded on
    // 5 July is the same report, known since 2 July, and does not undo the correction.
    let events = [
        value(d(2025, 7, 5), 20.0),
        value(d(2025, 7, 2), 20.0),
        value(d(2025, 7, 5), 10.0),
    ];
    let finding = same_finding_in_every_order(&obligations, id, &events, d(2025, 7, 10), &policy);
    assert_eq!(
        finding.indicator(),
        Some(IndicatorOutcome::Missed {
            value: 10.0,
            target: 15.0
        })
    );
}

#[test]
fn a_value_long_before_its_period_is_no_value_in_either() {
    use directives::obligation::Target;
    let mut obligations = Obligations::new();
    let id = obligations
        .push(
            Obligation::new(key(1, "2025-06"), d(2025, 7, 20))
                .with_target(Target::new(15.0).unwrap()),
        )
        .unwrap();
    // After the directive, but more than 31 days before June: a mistyped date.
    let events = [Event::new(
        id,
        d(2025, 3, 1),
        EventKind::IndicatorValue { value: 20.0 },
    )];
    let policy = EvaluationPolicy::without_calendar();
    let finding = same_finding_in_every_order(&obligations, id, &events, d(2025, 7, 10), &policy);
    assert_eq!(
        finding.indicator(),
        Some(directives::compliance::IndicatorOutcome::NoValue { target: 15.0 })
    );
    assert_eq!(finding.status(), Status::OpenWithinDeadline);
}
