//! The columnar path: the status kernel and the event fold agree with `evaluate` on random
//! inputs and on the yardstick; evaluation in date order, on every core and in a reused
//! workspace tells the same.

use chrono::{Days, NaiveDate};
use directives::calendar::WorkCalendar;
use directives::compliance::columnar::{EventFold, Kernel, NO_EVENT, date32, event_code};
use directives::compliance::{
    Evaluation, EvaluationPolicy, Event, EventKind, Events, LateExtensions, Status, Workspace,
    evaluate,
};
use directives::directive::{DirectiveKey, TaskNumber};
use directives::document::DocSymbol;
use directives::obligation::{
    Applicability, Obligation, ObligationId, ObligationKey, Obligations, RequirementIndex,
};
use directives::org::BodyCode;
use directives::period::Period;
use proptest::prelude::*;

use crate::yardstick::generator;

const N: u32 = 8;

fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(u64::from(offset))
}

/// Obligations of a directive issued long before, due through 2025, some not applicable.
fn obligations(rows: &[(u32, bool)]) -> Obligations {
    let issued = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut obligations = Obligations::new();
    for (k, &(due, not_applicable)) in rows.iter().enumerate() {
        let key = ObligationKey::new(
            DirectiveKey::new(DocSymbol::parse("05/CT-UBND").unwrap(), issued),
            TaskNumber::new("1").unwrap(),
            RequirementIndex::new(0),
            BodyCode::new(format!("B{k}")).unwrap(),
            Period::year(2025).unwrap(),
        );
        let mut obligation = Obligation::new(key, day(due));
        if not_applicable {
            obligation = obligation.with_applicability(Applicability::NotApplicable);
        }
        obligations.push(obligation).unwrap();
    }
    obligations
}

fn rows_strategy() -> impl Strategy<Value = Vec<(u32, bool)>> {
    prop::collection::vec((0u32..300, prop::bool::weighted(0.1)), 1..=N as usize)
}

fn kind_strategy(all: bool) -> impl Strategy<Value = EventKind> {
    let mut kinds = vec![
        Just(EventKind::Submitted { document: None }).boxed(),
        Just(EventKind::Completed).boxed(),
        (0.0f64..100.0)
            .prop_map(|value| EventKind::IndicatorValue { value })
            .boxed(),
    ];
    if all {
        kinds.push(
            (0u32..400)
                .prop_map(|o| EventKind::Extended {
                    new_due: day(o),
                    document: "15/QĐ-UBND".into(),
                })
                .boxed(),
        );
        kinds.push(
            Just(EventKind::Waived {
                by: "UBND tỉnh".into(),
                reason: "merged".into(),
            })
            .boxed(),
        );
        kinds.push(Just(EventKind::Reopened).boxed());
    }
    prop::strategy::Union::new(kinds)
}

/// Events of known obligations, none repeating another (same obligation, date and kind).
fn events_strategy(all: bool) -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(
        (
            0..N,
            0u32..360,
            prop::option::weighted(0.3, 0u32..20),
            kind_strategy(all),
            0usize..3,
        ),
        0..30,
    )
    .prop_map(|rows| {
        let mut seen = Vec::new();
        let mut events = Vec::new();
        for (o, on, recorded, kind, _) in rows {
            let identity = (o, on, format!("{kind:?}"));
            if seen.contains(&identity) {
                continue;
            }
            seen.push(identity);
            let event = Event::new(ObligationId::from_index(o), day(on), kind);
            events.push(match recorded {
                Some(delay) => event.recorded_on(day(on + delay)),
                None => event,
            });
        }
        events
    })
}

fn calendar() -> WorkCalendar {
    WorkCalendar::builder().years(2024, 2027).build().unwrap()
}

fn policy((grace, accept, shift): (u32, bool, bool)) -> EvaluationPolicy {
    let late = if accept {
        LateExtensions::Accept
    } else {
        LateExtensions::Ignore
    };
    let policy = if shift {
        EvaluationPolicy::new(calendar())
    } else {
        EvaluationPolicy::without_calendar()
    };
    policy
        .with_grace_days(grace)
        .with_late_extensions(late)
        .with_early_event_days(None)
}

fn known(event: &Event, as_of: NaiveDate) -> bool {
    event.date() <= as_of && event.recorded().is_none_or(|r| r <= as_of)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn kernel_agrees_with_evaluate(
        rows in rows_strategy(),
        events in events_strategy(false),
        as_of in 0u32..360,
        settings in (0u32..3, any::<bool>(), any::<bool>()),
    ) {
        let obligations = obligations(&rows);
        let events: Vec<Event> = events
            .into_iter()
            .filter(|e| (e.obligation().index() as usize) < rows.len())
            .collect();
        let mut log = Events::new();
        for e in &events {
            log.push(e.clone()).unwrap();
        }
        let as_of = day(as_of);
        let policy = policy(settings);
        let evaluation = evaluate(&obligations, &log, as_of, &policy).unwrap();
        let n = rows.len();
        let mut deadlines = Vec::with_capacity(n);
        let mut first = vec![NO_EVENT; n];
        let flags: Vec<u8> = rows.iter().map(|&(_, na)| u8::from(na)).collect();
        for id in obligations.ids() {
            deadlines.push(date32(evaluation.finding(id).unwrap().effective_due()));
        }
        for e in events.iter().filter(|e| known(e, as_of) && e.kind().is_qualifying()) {
            let slot = &mut first[e.obligation().index() as usize];
            *slot = (*slot).min(date32(e.date()));
        }
        let (mut codes, mut late) = (vec![0u8; n], vec![0u32; n]);
        Kernel::new(date32(as_of))
            .with_grace_days(policy.grace_days())
            .run(&deadlines, &first, &flags, &mut codes, &mut late)
            .unwrap();
        for id in obligations.ids() {
            let row = id.index() as usize;
            let finding = evaluation.finding(id).unwrap();
            prop_assert_eq!(Status::from_code(codes[row]), Some(finding.status()));
            prop_assert_eq!(late[row], finding.lateness().calendar_days());
        }
    }

    #[test]
    fn fold_merged_in_any_pieces_agrees_with_evaluate(
        rows in rows_strategy(),
        events in events_strategy(true),
        as_of in 0u32..360,
        settings in (0u32..3, any::<bool>(), any::<bool>()),
        pieces in prop::collection::vec(0usize..3, 30),
    ) {
        let obligations = obligations(&rows);
        let events: Vec<Event> = events
            .into_iter()
            .filter(|e| (e.obligation().index() as usize) < rows.len())
            .collect();
        let mut log = Events::new();
        for e in &events {
            log.push(e.clone()).unwrap();
        }
        let as_of = day(as_of);
        let policy = policy(settings);
        let evaluation = evaluate(&obligations, &log, as_of, &policy).unwrap();
        for id in obligations.ids() {
            let mine: Vec<(u32, &Event)> = events
                .iter()
                .zip(0u32..)
                .filter(|(e, _)| e.obligation() == id && known(e, as_of))
                .map(|(e, row)| (row, e))
                .collect();
            // The first aggregate: the latest reopening.
            let reopened = mine
                .iter()
                .filter(|(_, e)| matches!(e.kind(), EventKind::Reopened))
                .map(|(_, e)| date32(e.date()))
                .max();
            let mut folds = vec![EventFold::new(reopened); 3];
            for (k, (row, e)) in mine.iter().enumerate() {
                let new_due = match e.kind() {
                    EventKind::Extended { new_due, .. } => date32(*new_due),
                    _ => date32(e.date()),
                };
                folds[pieces[k % pieces.len()]].push(*row, event_code(e.kind()), date32(e.date()), new_due);
            }
            let mut merged = folds.pop().unwrap();
            for fold in folds {
                merged.merge(fold);
            }
            let row = id.index() as usize;
            let due = date32(obligations.due_date(id).unwrap());
            let outcome = merged
                .finish(due, rows[row].1, date32(as_of), &policy)
                .unwrap();
            let finding = evaluation.finding(id).unwrap();
            prop_assert_eq!(outcome.status(), finding.status());
            prop_assert_eq!(outcome.deadline(), date32(finding.effective_due()));
            prop_assert_eq!(
                outcome.deciding().map(|(_, on)| on),
                finding.decided_on().map(date32)
            );
        }
    }
}

/// Everything an evaluation tells, as text: statuses, diagnostics and every finding.
fn everything(evaluation: &Evaluation<'_>) -> String {
    format!(
        "{:?}\n{:?}\n{:?}",
        evaluation.statuses(),
        evaluation.diagnostics(),
        evaluation.to_findings()
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// One workspace through a sequence of evaluations (stores of different sizes, smaller
    /// after larger, as-of dates moving, policies changing) tells what fresh evaluations
    /// tell.
    #[test]
    fn a_reused_workspace_tells_what_fresh_evaluations_tell(
        runs in prop::collection::vec(
            (
                rows_strategy(),
                events_strategy(true),
                0u32..360,
                (0u32..3, any::<bool>(), any::<bool>()),
            ),
            1..5,
        ),
    ) {
        let mut workspace = Workspace::new();
        for (rows, events, as_of, settings) in runs {
            let obligations = obligations(&rows);
            // Events of obligations past the store's end are unknown: diagnostics.
            let mut log = Events::new();
            for e in events {
                log.push(e).unwrap();
            }
            let as_of = day(as_of);
            let policy = policy(settings).with_early_event_days(Some(30));
            let fresh = evaluate(&obligations, &log, as_of, &policy).unwrap();
            let reused = workspace.evaluate(&obligations, &log, as_of, &policy).unwrap();
            prop_assert_eq!(everything(&reused), everything(&fresh));
            workspace = reused.into_workspace();
        }
    }
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
}

#[test]
fn kernel_agrees_with_evaluate_on_the_yardstick() {
    let n = 1_000_000u64;
    let (obligations, events) = generator::generate_by_date(n);
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
    let a = date32(as_of());
    let mut deadlines = Vec::with_capacity(n as usize);
    let mut first = Vec::with_capacity(n as usize);
    for i in 0..n {
        let row = generator::row(i);
        deadlines.push(date32(row.due));
        let earliest = row.submitted[..row.n_sub]
            .iter()
            .map(|&on| date32(on))
            .filter(|&on| on <= a)
            .min();
        first.push(earliest.unwrap_or(NO_EVENT));
    }
    let flags = vec![0u8; deadlines.len()];
    let (mut codes, mut late) = (vec![0u8; flags.len()], vec![0u32; flags.len()]);
    Kernel::new(a)
        .run(&deadlines, &first, &flags, &mut codes, &mut late)
        .unwrap();
    let statuses: Vec<u8> = evaluation.statuses().iter().map(|s| s.code()).collect();
    assert!(statuses == codes, "the kernel's statuses differ");
    for id in obligations.ids().step_by(997) {
        let finding = evaluation.finding(id).unwrap();
        assert_eq!(
            late[id.index() as usize],
            finding.lateness().calendar_days()
        );
        let on = first[id.index() as usize];
        assert_eq!(
            finding.decided_on().map(date32),
            (on != NO_EVENT).then_some(on)
        );
    }
}

/// What an evaluation tells, as text: every status, every diagnostic and the findings of
/// one obligation in 997 (deciding events included).
#[cfg(feature = "parallel")]
fn told(obligations: &Obligations, events: &Events) -> String {
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(obligations, events, as_of(), &policy).unwrap();
    let mut text = format!(
        "{:?}\n{:?}\n",
        evaluation.statuses(),
        evaluation.diagnostics()
    );
    for id in obligations.ids().step_by(997) {
        text.push_str(&format!("{:?}\n", evaluation.finding(id)));
    }
    text
}

#[cfg(feature = "parallel")]
#[test]
fn the_yardstick_in_date_order_tells_the_same_on_one_core_and_many() {
    let (obligations, events) = generator::generate_by_date(1_000_000);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| told(&obligations, &events));
    let many = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .unwrap()
        .install(|| told(&obligations, &events));
    assert!(one == many, "the evaluations differ");
}
