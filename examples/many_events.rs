//! Time to evaluate and to track many events on one obligation, which must grow as
//! n log n at worst (a log with an extension or a waiver takes the evaluator's
//! per-obligation path, and every event is checked for a duplicate).
//!
//! Each run logs n events on one obligation: n submissions on distinct dates or with
//! distinct documents, one extension, and, with `copies`, each submission once more
//! recorded a day earlier than the one before (so every copy becomes known earlier and
//! none is a duplicate of a copy already there). It prints the time of `evaluate` with its
//! findings and diagnostics, and of applying the events to a `Tracker` and asking for the
//! status:
//!
//! ```text
//! cargo run --release --example many_events -- 160000
//! cargo run --release --example many_events -- 160000 copies
//! ```

use std::error::Error;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use directives::compliance::{
    EvaluationPolicy, Event, EventKind, Events, Status, Tracker, evaluate,
};
use directives::obligation::{Obligation, Obligations};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: u64 = args.first().map_or(Ok(160_000), |a| a.parse())?;
    let copies = args.get(1).is_some_and(|a| a == "copies");
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    let issued = day(2025, 1, 2)?;
    let due = day(2025, 6, 30)?;
    let as_of = day(2026, 1, 1)?;

    let mut obligations = Obligations::new();
    let id = obligations.push(Obligation::new(
        "05/CT-UBND@2025-01-02/1.1/SYT/2025-H1".parse()?,
        due,
    ))?;
    let mut log = vec![Event::extended(
        id,
        day(2025, 6, 1)?,
        day(2025, 7, 31)?,
        "15/QĐ-UBND",
    )];
    for i in 0..n {
        let on = issued + Days::new(1 + i % 300);
        let kind = EventKind::Submitted {
            document: Some(format!("{i}/BC-UBND")),
        };
        if copies {
            // Recorded on decreasing dates: each copy becomes known before the last one.
            let recorded = day(2025, 12, 31)? - Days::new(i % 60);
            log.push(Event::new(id, on, kind.clone()).recorded_on(recorded));
            log.push(Event::new(id, on, kind).recorded_on(recorded - Days::new(1)));
        } else {
            log.push(Event::new(id, on, kind));
        }
    }
    let mut events = Events::with_capacity(log.len());
    for event in &log {
        events.push(event.clone())?;
    }
    let policy = EvaluationPolicy::without_calendar();

    let start = Instant::now();
    let evaluation = evaluate(&obligations, &events, as_of, &policy)?;
    let findings = evaluation.to_findings();
    let evaluated = start.elapsed();
    let status = evaluation.status(id).ok_or("no status")?;
    assert_eq!(status, Status::DoneOnTime);
    println!(
        "evaluate: {} events on one obligation in {:.3} s ({} findings, {} diagnostics)",
        events.len(),
        evaluated.as_secs_f64(),
        findings.findings().len(),
        findings.diagnostics().len()
    );

    let start = Instant::now();
    let mut tracker = Tracker::new(obligations, policy)?;
    let mut refused = 0usize;
    for event in log {
        if tracker.apply(event).is_err() {
            refused += 1;
        }
    }
    let tracked = tracker.status(id, as_of)?;
    let elapsed = start.elapsed();
    assert_eq!(tracked, status);
    println!(
        "tracker: {} events applied ({refused} refused) and one status in {:.3} s",
        tracker.event_count(),
        elapsed.as_secs_f64()
    );
    Ok(())
}
