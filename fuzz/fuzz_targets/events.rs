//! Event logs from CSV, JSON and TOML through `compliance::EventLoader`, against the
//! obligations of the seed letter.
//!
//! The first byte of the input picks the format, the rest is the text. Properties:
//! - a text is loaded or refused with an error whose message is bounded and which names
//!   a line, except for an empty file;
//! - a log loaded writes as CSV, and the CSV reads back to the same records;
//! - the log evaluates on the seed obligations without error.
#![no_main]

use directives::compliance::{EvaluationPolicy, EventLoader, EventProblem, evaluate};
use directives_fuzz::{bounded_message, format_and_text, seed, vietnam, ymd};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((format, text)) = format_and_text(data, 3) else {
        return;
    };
    let seed = seed();
    let loader = EventLoader::new(&seed.obligations).directive(seed.directive.key());
    let loaded = match format {
        0 => loader.csv(text),
        1 => loader.json(text),
        _ => loader.toml(text),
    };
    let events = match loaded {
        Ok(events) => events,
        Err(e) => {
            let message = bounded_message(&e);
            if *e.problem() != EventProblem::Empty {
                assert!(e.line().is_some(), "no line in: {message}");
            }
            return;
        }
    };
    let mut out = Vec::new();
    events
        .write_csv(&seed.obligations, &mut out)
        .expect("a loaded log writes as CSV");
    let csv = String::from_utf8(out).expect("CSV is UTF-8");
    let back = EventLoader::new(&seed.obligations)
        .csv(&csv)
        .unwrap_or_else(|e| panic!("cannot read back {csv}: {e}"));
    // The records without their lines, which differ from one format to another.
    let bare = |log: &directives::compliance::Events| {
        log.records(&seed.obligations)
            .into_iter()
            .map(|r| {
                (
                    r.obligation().clone(),
                    r.date(),
                    r.recorded(),
                    r.kind().clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(bare(&back), bare(&events), "CSV round trip through {csv}");
    assert_eq!(back.len(), events.len(), "CSV round trip through {csv}");
    let policy = EvaluationPolicy::new(vietnam().clone());
    evaluate(&seed.obligations, &events, ymd(2025, 1, 31), &policy)
        .expect("a loaded log evaluates");
});
