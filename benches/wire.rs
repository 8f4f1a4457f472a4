//! The JSON contract's round trip for the seed letter: one `evaluate` call carrying the
//! letter, the Thanh Hóa registry and the events CSV of `examples/data/` inline, answered
//! as JSON text, and one `report` call answering its HTML page. `wire/call` builds the calendar for the call (what a one-shot binding
//! call costs); `wire/context` reuses a `Context` (what a long-lived program pays).
//!
//! ```sh
//! cargo bench --bench wire -- --warm-up-time 1 --measurement-time 3
//! ```

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use directives::wire::{self, Context};
use serde_json::json;

const LETTER: &str = include_str!("../examples/data/1470-CV-TU.toml");
const REGISTRY: &str = include_str!("../examples/data/thanh_hoa.toml");
const EVENTS_CSV: &str = include_str!("../examples/data/1470-CV-TU.events.csv");

/// The seed letter's `evaluate` call: the letter, the registry and the events CSV inline.
fn seed_call(call: &str) -> serde_json::Value {
    json!({
        "schema_version": 1, "call": call, "lang": "en",
        "directive": {"format": "toml", "text": LETTER, "name": "1470-CV-TU.toml"},
        "registry": {"format": "toml", "text": REGISTRY, "name": "thanh_hoa.toml"},
        "events": {"format": "csv", "text": EVENTS_CSV, "name": "1470-CV-TU.events.csv"},
        "horizon": "2024",
        "default_regime": "decree_09_half_yearly",
        "as_of": "2025-07-15",
    })
}

fn bench(c: &mut Criterion) {
    let Ok(context) = Context::new() else {
        eprintln!("the calendar cannot be built");
        return;
    };
    let call = seed_call("evaluate").to_string();
    let mut report = seed_call("report");
    report["format"] = json!("html");
    let report = report.to_string();
    let check = |answer: &str| {
        assert!(answer.starts_with(r#"{"type":"success""#), "{answer}");
        assert!(answer.contains(r#""total":68"#), "{answer}");
    };
    check(&context.call(&call));
    let mut group = c.benchmark_group("wire");
    group.bench_function("call/seed_evaluate", |b| {
        b.iter(|| {
            let answer = wire::call(black_box(&call));
            check(&answer);
            answer
        });
    });
    group.bench_function("context/seed_evaluate", |b| {
        b.iter(|| {
            let answer = context.call(black_box(&call));
            check(&answer);
            answer
        });
    });
    let check_report = |answer: &str| {
        assert!(answer.starts_with(r#"{"type":"success""#), "{answer}");
        assert!(answer.contains("<!DOCTYPE html>"), "{answer}");
    };
    check_report(&context.call(&report));
    group.bench_function("call/seed_report_html", |b| {
        b.iter(|| {
            let answer = wire::call(black_box(&report));
            check_report(&answer);
            answer
        });
    });
    group.bench_function("context/seed_report_html", |b| {
        b.iter(|| {
            let answer = context.call(black_box(&report));
            check_report(&answer);
            answer
        });
    });
    let small =
        r#"{"schema_version": 1, "call": "add_working_days", "date": "2024-02-07", "days": 10}"#;
    group.bench_function("context/add_working_days", |b| {
        b.iter(|| {
            let answer = context.call(black_box(small));
            assert!(answer.contains("2024-02-28"), "{answer}");
            answer
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
