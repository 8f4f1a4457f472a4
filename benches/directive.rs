//! Directive and document loading costs, on hostile shapes as well as ordinary ones.
//!
//! - `directive/index`: many documents with one symbol (administrative numbers restart
//!   each year, so `16/CT-TTg` names many documents). Building the index and resolving
//!   every dated key must stay linear in the number of documents.
//! - `directive/load`: a directive of n tasks read from TOML and from JSON.
#![allow(
    clippy::unwrap_used,
    reason = "a bench fails loudly on unexpected errors"
)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use directives::directive::{Directive, Loader};
use directives::document::{DocKey, DocSymbol, Document, DocumentIndex};

fn documents(n: usize) -> Vec<Document> {
    let symbol = DocSymbol::parse("16/CT-TTg").unwrap();
    let start = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let day = start.checked_add_days(Days::new(i as u64)).unwrap();
            Document::builder(symbol.clone(), day).build().unwrap()
        })
        .collect()
}

fn index(c: &mut Criterion) {
    let mut group = c.benchmark_group("directive/index");
    for n in [1_000, 10_000, 100_000] {
        let docs = documents(n);
        let keys: Vec<DocKey> = docs.iter().map(Document::key).collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("one_symbol", n), &n, |b, _| {
            b.iter(|| {
                let index = DocumentIndex::from_documents(black_box(docs.clone())).unwrap();
                let found = keys.iter().filter(|k| index.get(k).is_some()).count();
                assert_eq!(found, n);
                found
            })
        });
    }
    group.finish();
}

/// A directive of `n` tasks as TOML, each with an assignment and a deliverable.
fn toml_text(n: usize) -> String {
    let mut text = String::from(
        "theme = \"Chuyển đổi số\"\nrecipients = [{ kind = \"department_or_agency\" }]\n\n[document]\nsymbol = \"15/KH-UBND\"\nissued = \"2024-01-10\"\n",
    );
    for i in 1..=n {
        let _ = write!(
            text,
            "\n[[tasks]]\nnumber = \"{i}\"\ntitle = \"Nhiệm vụ {i}\"\nassignments = [{{ role = \"lead\", recipients = true }}]\nrequirements = [{{ kind = \"deliverable\", what = \"báo cáo {i}\", due = \"30 days\" }}]\n"
        );
    }
    text
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("directive/load");
    let loader =
        Loader::new().limits(directives::Limits::new().with(directives::Limit::Tasks, usize::MAX));
    for n in [100, 1_000, 10_000] {
        let toml = toml_text(n);
        let json = Directive::from_toml_str(&toml)
            .unwrap()
            .to_json_string()
            .unwrap();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("toml", n), &toml, |b, text| {
            b.iter(|| {
                let d = loader.toml(black_box(text)).unwrap();
                assert_eq!(d.tasks().len(), n);
                d
            })
        });
        group.bench_with_input(BenchmarkId::new("json", n), &json, |b, text| {
            b.iter(|| {
                let d = loader.json(black_box(text)).unwrap();
                assert_eq!(d.tasks().len(), n);
                d
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10);
    targets = index, load
}
criterion_main!(benches);
