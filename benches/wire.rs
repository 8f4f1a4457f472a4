//! The JSON contract's round trip for the seed letter: one `evaluate` call carrying the
//! letter, the Thanh Hóa registry and the events of `examples/data/` inline, answered as
//! JSON text. `wire/call` builds the calendar for the call (what a one-shot binding
//! call costs); `wire/context` reuses a `Context` (what a long-lived program pays).
//!
//! ```sh
//! cargo bench --bench wire -- --warm-up-time 1 --measurement-time 3
//! ```

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use directives::wire::{self, Context};
use serde_json::{Value, json};

const LETTER: &str = include_str!("../examples/data/1470-CV-TU.toml");
const REGISTRY: &str = include_str!("../examples/data/thanh_hoa.toml");
const EVENTS_CSV: &str = include_str!("../examples/data/1470-CV-TU.events.csv");

/// The call: the letter, the registry and the events (the CSV's rows as records naming
/// their obligations by reference, found through an `expand` call).
fn seed_call(context: &Context) -> Result<String, Box<dyn std::error::Error>> {
    let inputs = json!({
        "directive": {"format": "toml", "text": LETTER, "name": "1470-CV-TU.toml"},
        "registry": {"format": "toml", "text": REGISTRY, "name": "thanh_hoa.toml"},
        "horizon": "2024",
        "default_regime": "decree_09_half_yearly",
    });
    let mut expand = inputs.clone();
    expand["schema_version"] = json!(1);
    expand["call"] = json!("expand");
    let expanded: Value = serde_json::from_str(&context.call(&expand.to_string()))?;
    let mut by_place = HashMap::new();
    for o in expanded["obligations"].as_array().ok_or("no obligations")? {
        let reference = o["reference"].as_str().ok_or("reference")?;
        let clause = reference
            .split('/')
            .nth(2)
            .and_then(|c| c.split('.').next())
            .ok_or("clause")?;
        by_place.insert(
            format!(
                "{clause},{},{}",
                o["body"].as_str().unwrap_or(""),
                o["period"].as_str().unwrap_or("")
            ),
            reference.to_owned(),
        );
    }
    let mut events = Vec::new();
    for line in EVENTS_CSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
    {
        let f: Vec<&str> = line.split(',').collect();
        let [task, body, period, kind, date, new_due, by, document, note] = f[..] else {
            return Err(format!("bad line {line}").into());
        };
        let obligation = by_place
            .get(&format!("{task},{body},{period}"))
            .ok_or("no obligation")?;
        let mut record = json!({"obligation": obligation, "date": date, "kind": kind});
        match kind {
            "submitted" => {
                record["document"] = if document.is_empty() {
                    Value::Null
                } else {
                    json!(document)
                }
            }
            "extended" => {
                record["new_due"] = json!(new_due);
                record["document"] = json!(document);
            }
            "waived" => {
                record["by"] = json!(by);
                record["reason"] = json!(note);
            }
            _ => return Err(format!("unknown kind {kind}").into()),
        }
        events.push(record);
    }
    let mut call = inputs;
    call["schema_version"] = json!(1);
    call["call"] = json!("evaluate");
    call["as_of"] = json!("2025-07-15");
    call["lang"] = json!("en");
    call["events"] = json!({"format": "json", "value": {"events": events}});
    Ok(call.to_string())
}

fn bench(c: &mut Criterion) {
    let Ok(context) = Context::new() else {
        eprintln!("the calendar cannot be built");
        return;
    };
    let call = match seed_call(&context) {
        Ok(call) => call,
        Err(e) => {
            eprintln!("cannot build the seed call: {e}");
            return;
        }
    };
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
