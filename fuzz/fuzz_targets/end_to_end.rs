//! Evaluation end to end: obligations, an event log, a policy and an as-of date built from
//! the input through the public API, judged by `evaluate` and by a `Tracker` fed the same
//! events in another order.
//!
//! Properties:
//! - for every obligation, `evaluate`, a tracker fed the log in its order and a tracker fed
//!   the events in another order give the same finding (status, explanation, lateness,
//!   deciding event with its recording date, indicator outcome);
//! - the findings, the obligation store and the event log (as records) survive JSON and
//!   TOML, and the log read back from its records is the same log.
#![no_main]

use chrono::{Days, NaiveDate};
use directives::compliance::{
    EvaluationPolicy, Event, EventKind, EventRecord, Events, LateExtensions, Tracker, evaluate,
};
use directives::directive::{DirectiveKey, TaskNumber};
use directives::document::DocSymbol;
use directives::obligation::{
    Applicability, Obligation, ObligationId, ObligationKey, Obligations, RequirementIndex, Target,
};
use directives::org::BodyCode;
use directives::period::Period;
use directives_fuzz::{bounded_message, round_trips, vietnam, ymd};
use libfuzzer_sys::arbitrary::{self, Unstructured};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Log {
    events: Vec<EventRecord>,
}

fn day(u: &mut Unstructured<'_>) -> arbitrary::Result<NaiveDate> {
    Ok(ymd(2025, 1, 1) + Days::new(u.int_in_range(0..=400)?))
}

fn obligations(u: &mut Unstructured<'_>) -> arbitrary::Result<Obligations> {
    let directive = DirectiveKey::new(
        DocSymbol::parse("05/CT-UBND").expect("a symbol"),
        ymd(2025, 1, 2),
    );
    let mut store = Obligations::new();
    for k in 0..u.int_in_range(1..=6u32)? {
        let key = ObligationKey::new(
            directive.clone(),
            TaskNumber::new(format!("{}", 1 + k % 2)).expect("a task number"),
            RequirementIndex::new(0),
            BodyCode::new(format!("B{}", k % 3)).expect("a code"),
            format!("2025-{:02}", k + 1)
                .parse::<Period>()
                .expect("a month"),
        );
        let mut obligation = Obligation::new(key, day(u)?);
        if u.ratio(1, 10)? {
            obligation = obligation.with_applicability(Applicability::NotApplicable);
        }
        if u.ratio(1, 4)? {
            let target = Target::new(f64::from(u.int_in_range(0..=1000u32)?) / 8.0)
                .expect("a finite target");
            obligation = obligation.with_target(target);
        }
        if store.push(obligation).is_err() {
            return Err(arbitrary::Error::IncorrectFormat);
        }
    }
    Ok(store)
}

fn kind(u: &mut Unstructured<'_>) -> arbitrary::Result<EventKind> {
    Ok(match u.int_in_range(0..=6)? {
        0 => EventKind::Submitted { document: None },
        1 => EventKind::Submitted {
            document: Some("12/BC-UBND".into()),
        },
        2 => EventKind::Completed,
        3 => EventKind::IndicatorValue {
            value: f64::from(u.int_in_range(0..=1000u32)?) / 8.0,
        },
        4 => EventKind::Extended {
            new_due: day(u)?,
            document: "15/QĐ-UBND".into(),
        },
        5 => EventKind::Waived {
            by: "UBND tỉnh".into(),
            reason: "merged".into(),
        },
        _ => EventKind::Reopened,
    })
}

fn events(u: &mut Unstructured<'_>, n: u32) -> arbitrary::Result<Vec<Event>> {
    let mut all = Vec::new();
    for _ in 0..u.int_in_range(0..=40)? {
        let obligation = ObligationId::from_index(u.int_in_range(0..=n)?);
        let date = day(u)?;
        let mut event = Event::new(obligation, date, kind(u)?);
        if u.ratio(1, 3)? {
            event = event.recorded_on(date + Days::new(u.int_in_range(0..=30)?));
        }
        // A copy of an earlier event, recorded on another day.
        if !all.is_empty() && u.ratio(1, 6)? {
            let earlier: &Event = u.choose(&all)?;
            let recorded = earlier.date() + Days::new(u.int_in_range(0..=10)?);
            event = earlier.clone().recorded_on(recorded);
        }
        all.push(event);
    }
    Ok(all)
}

fn run(data: &[u8]) -> arbitrary::Result<()> {
    let mut u = Unstructured::new(data);
    let obligations = obligations(&mut u)?;
    let n = u32::try_from(obligations.len()).expect("a few obligations");
    let events = events(&mut u, n)?;
    let as_of = day(&mut u)?;
    let policy = if u.arbitrary()? {
        EvaluationPolicy::new(vietnam().clone())
    } else {
        EvaluationPolicy::without_calendar()
    }
    .with_grace_days(u.int_in_range(0..=3)?)
    .with_late_extensions(if u.arbitrary()? {
        LateExtensions::Accept
    } else {
        LateExtensions::Ignore
    });
    let mut log = Events::new();
    for event in &events {
        log.push(event.clone()).expect("a small log");
    }
    let evaluation = evaluate(&obligations, &log, as_of, &policy).expect("evaluation runs");
    // One tracker takes the events in the log's order, another in another order: rotated,
    // and maybe reversed.
    let mut order = events.clone();
    if !order.is_empty() {
        let by = u.int_in_range(0..=order.len() - 1)?;
        order.rotate_left(by);
    }
    if u.arbitrary()? {
        order.reverse();
    }
    let track = |events: Vec<Event>| {
        let mut tracker = Tracker::new(obligations.clone(), policy.clone()).expect("a tracker");
        for event in events {
            // A bad event is refused here and reported as a diagnostic there.
            if let Err(e) = tracker.apply(event) {
                bounded_message(&e);
            }
        }
        tracker
    };
    let (in_order, shuffled) = (track(events.clone()), track(order));
    for id in obligations.ids() {
        let key = obligations.key(id).expect("an id of the store");
        let want = evaluation.finding(id).expect("a finding");
        assert_eq!(
            in_order.finding(&key, as_of).expect("a finding"),
            want,
            "{key} as of {as_of}: {events:?}"
        );
        assert_eq!(
            shuffled.finding(&key, as_of).expect("a finding"),
            want,
            "{key} as of {as_of}, another order: {events:?}"
        );
    }
    let findings = evaluation.to_findings();
    round_trips(&findings);
    round_trips(&obligations);
    let records = Log {
        events: log.records(&obligations),
    };
    round_trips(&records);
    let back = Events::from_records(records.events.clone(), &obligations)
        .expect("records of the store read back");
    assert_eq!(back.records(&obligations), records.events);
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
