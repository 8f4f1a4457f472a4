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

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use directives::compliance::{EvaluationPolicy, evaluate};
use directives::criteria::{
    Criteria, Criterion as Rule, DayCount, GroupBy, Measure, Requirement, Scope, Threshold, Trend,
};
use directives::org::{Body, BodyKind, Level, Registry, Selector};

#[path = "support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the integration test")]
mod yardstick;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
}

/// The yardstick's 1,000 bodies (codes `1` … `1000`): a province, and district party
/// committees and departments under it.
fn registry() -> Registry {
    let from = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let mut builder = Registry::builder().body(Body::new(
        "TU".parse().unwrap(),
        "Tỉnh ủy",
        BodyKind::PartyCommittee,
        Level::Province,
        from,
    ));
    for code in 1..=1000u32 {
        let (kind, level) = if code % 4 == 0 {
            (BodyKind::DepartmentOrAgency, Level::Province)
        } else {
            (BodyKind::PartyCommittee, Level::District)
        };
        builder = builder.body(
            Body::new(
                code.to_string().parse().unwrap(),
                format!("Body {code}"),
                kind,
                level,
                from,
            )
            .with_parent("TU".parse().unwrap()),
        );
    }
    builder.build().unwrap()
}

/// Five typical criteria: an on-time rate per body and year, an overdue count per body,
/// the largest overdue age per body, the late share of district committees per level
/// and quarter, and a trend of the on-time rate per level over the years.
fn five() -> Criteria {
    let rule = |id: &str| {
        Rule::builder(id)
            .title(id, id)
            .provision("Decree 09/2019/NĐ-CP art. 8.5(b)")
    };
    Criteria::new(vec![
        rule("on-time")
            .group_by([GroupBy::Holder, GroupBy::Year])
            .measure(Measure::OnTimeRate)
            .require(Requirement::AtLeast(Threshold::Number(0.8)))
            .build()
            .unwrap(),
        rule("overdue")
            .group_by([GroupBy::Holder])
            .measure(Measure::OverdueCount)
            .require(Requirement::AtMost(Threshold::Number(150.0)))
            .build()
            .unwrap(),
        rule("age")
            .group_by([GroupBy::Holder])
            .measure(Measure::MaxOverdueAge(DayCount::Calendar))
            .require(Requirement::AtMost(Threshold::Number(1400.0)))
            .build()
            .unwrap(),
        rule("districts-late")
            .scope(Scope::all().bodies(Selector::Kind(BodyKind::PartyCommittee)))
            .group_by([GroupBy::Level, GroupBy::Quarter])
            .measure(Measure::LateShare)
            .require(Requirement::AtMost(Threshold::Number(0.5)))
            .build()
            .unwrap(),
        rule("trend")
            .group_by([GroupBy::Level, GroupBy::Year])
            .measure(Measure::OnTimeRate)
            .require(Requirement::Trend {
                trend: Trend::NonDecreasing,
                include_unsettled: false,
            })
            .build()
            .unwrap(),
    ])
    .unwrap()
}

fn bench_assess(c: &mut Criterion) {
    let mut group = c.benchmark_group("criteria/yardstick/five");
    let policy = EvaluationPolicy::without_calendar();
    let registry = registry();
    let criteria = five();
    for n in [100_000u64, 1_000_000] {
        let (obligations, events) = yardstick::generate(n);
        let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
        let assessment = criteria.assess(&evaluation, &registry).unwrap();
        eprintln!(
            "{n} obligations:\n{}",
            assessment
                .display(directives::Lang::En)
                .to_string()
                .lines()
                .count()
        );
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
