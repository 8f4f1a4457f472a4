//! Criteria speed on the reporting-compliance yardstick: five typical criteria judged on
//! the evaluation of 100k and 1M obligations (built in memory by the yardstick's
//! generator), to show the cost is linear in the obligations.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark fails loudly on unexpected errors"
)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use directives::compliance::{EvaluationPolicy, evaluate};
use directives::criteria::Criteria;

#[path = "support/criteria_five.rs"]
mod five;
#[path = "support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the integration test")]
mod yardstick;

fn bench_assess(c: &mut Criterion) {
    let mut group = c.benchmark_group("criteria/yardstick/five");
    let policy = EvaluationPolicy::without_calendar();
    let registry = five::registry();
    let criteria = five::five();
    for n in [100_000u64, 1_000_000] {
        let (obligations, events) = yardstick::generate(n);
        let evaluation = evaluate(&obligations, &events, five::as_of(), &policy).unwrap();
        let assessment = criteria.assess(&evaluation, &registry).unwrap();
        let violations: usize = assessment
            .results()
            .iter()
            .map(|r| r.violations().len())
            .sum();
        eprintln!("{n} obligations: {violations} violations");
        // The share of each criterion, once, for the record.
        for criterion in criteria.criteria() {
            let one = Criteria::new(vec![criterion.clone()]).unwrap();
            let start = std::time::Instant::now();
            let result = one.assess(&evaluation, &registry).unwrap();
            eprintln!(
                "  {:<16} {:>8.2?} ({} violations)",
                criterion.id(),
                start.elapsed(),
                result.results()[0].violations().len()
            );
        }
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                let assessment = criteria.assess(black_box(&evaluation), &registry).unwrap();
                assert_eq!(assessment.results().len(), 5);
                assessment
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_assess);
criterion_main!(benches);
