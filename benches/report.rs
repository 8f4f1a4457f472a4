//! Report speed on the yardstick (1,000 bodies × 60 monthly periods, 1M obligations):
//! building the report model at the management level of detail and rendering it in every
//! format (terminal table, Markdown, the three CSV tables, JSON, HTML).
//!
//! Before timing, the bench checks the model against the published totals and prints the
//! size of each output, the HTML page's included.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark fails loudly on unexpected errors"
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use directives::Lang;
use directives::compliance::{EvaluationPolicy, Status, evaluate};
use directives::org::{Body, BodyKind, Level, Registry};
use directives::report::{CsvTable, Detail, ReportModel};

#[path = "support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the other benches")]
mod yardstick;

/// The yardstick's bodies, by the codes the generator binds (`1` … `1000`).
fn registry() -> Registry {
    let from = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let mut builder = Registry::builder();
    for body in 1..=1000u32 {
        builder = builder.body(Body::new(
            body.to_string().parse().unwrap(),
            format!("Cơ quan số {body}"),
            BodyKind::DepartmentOrAgency,
            Level::Province,
            from,
        ));
    }
    builder.build().unwrap()
}

/// Every format, as the sum of their lengths.
fn render_all(model: &ReportModel) -> usize {
    model.to_text().len()
        + model.to_markdown().len()
        + model.to_csv(CsvTable::Bodies, true).unwrap().len()
        + model.to_csv(CsvTable::Exceptions, true).unwrap().len()
        + model.to_csv(CsvTable::Heatmap, true).unwrap().len()
        + model.to_csv(CsvTable::Criteria, true).unwrap().len()
        + model.to_json().unwrap().len()
        + model.to_html().unwrap().len()
}

fn bench_report(c: &mut Criterion) {
    let (obligations, events) = yardstick::generate(1_000_000);
    let registry = registry();
    let policy = EvaluationPolicy::without_calendar();
    let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let evaluation = evaluate(&obligations, &events, as_of, &policy).unwrap();
    let build = || {
        ReportModel::builder(&evaluation, &registry)
            .lang(Lang::Vi)
            .detail(Detail::Management)
            .build()
    };
    let model = build();
    let s = model.summary();
    assert_eq!(
        [
            s.counts().get(Status::DoneOnTime),
            s.counts().get(Status::DoneLate),
            s.counts().get(Status::OpenOverdue),
            s.counts().get(Status::OpenWithinDeadline),
        ],
        [509_874, 151_892, 122_887, 215_347],
        "the yardstick's published totals"
    );
    assert_eq!(model.bodies().len(), 1000);
    assert_eq!(model.heatmap().periods().len(), 60);
    println!(
        "report sizes for the 1M yardstick: text {} B, markdown {} B, csv bodies {} B, csv exceptions {} B, csv heatmap {} B, json {} B, html {} B",
        model.to_text().len(),
        model.to_markdown().len(),
        model.to_csv(CsvTable::Bodies, true).unwrap().len(),
        model.to_csv(CsvTable::Exceptions, true).unwrap().len(),
        model.to_csv(CsvTable::Heatmap, true).unwrap().len(),
        model.to_json().unwrap().len(),
        model.to_html().unwrap().len(),
    );

    let mut group = c.benchmark_group("report/yardstick_1m");
    group.sample_size(10);
    group.bench_function("build_model", |b| {
        b.iter(|| {
            let model = build();
            assert_eq!(model.bodies().len(), 1000);
            black_box(model)
        });
    });
    group.bench_function("render_html", |b| {
        b.iter(|| black_box(model.to_html().unwrap().len()));
    });
    group.bench_function("render_text", |b| {
        b.iter(|| black_box(model.to_text().len()));
    });
    group.bench_function("build_and_render_every_format", |b| {
        b.iter(|| {
            let model = build();
            let n = render_all(&model);
            assert!(n > 0);
            black_box(n)
        });
    });
    group.finish();
}

criterion_group!(benches, bench_report);
criterion_main!(benches);
