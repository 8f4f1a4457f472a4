//! Five typical criteria over the yardstick, and a registry of its 1,000 bodies: shared by
//! the criteria bench and the `criteria_speed` example.

use chrono::NaiveDate;
use directives::calendar::TermUnit;
use directives::criteria::{
    Criteria, Criterion as Rule, GroupBy, Measure, Requirement, Scope, Threshold, Trend,
};
use directives::org::{Body, BodyKind, Level, Registry, Selector};

/// The as-of date of the yardstick's published totals.
pub(crate) fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date")
}

/// The yardstick's 1,000 bodies (codes `1` … `1000`): a province, and district party
/// committees and departments under it.
pub(crate) fn registry() -> Registry {
    let from = NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid");
    let mut builder = Registry::builder().body(Body::new(
        "TU".parse().expect("valid"),
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
                code.to_string().parse().expect("valid"),
                format!("Body {code}"),
                kind,
                level,
                from,
            )
            .with_parent("TU".parse().expect("valid")),
        );
    }
    builder.build().expect("valid")
}

/// Five typical criteria: an on-time rate per body and year, an overdue count per body,
/// the largest overdue age per body, the late share of district committees per level
/// and quarter, and a trend of the on-time rate per level over the years.
pub(crate) fn five() -> Criteria {
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
            .expect("valid"),
        rule("overdue")
            .group_by([GroupBy::Holder])
            .measure(Measure::OverdueCount)
            .require(Requirement::AtMost(Threshold::Number(150.0)))
            .build()
            .expect("valid"),
        rule("age")
            .group_by([GroupBy::Holder])
            .measure(Measure::MaxOverdueAge(TermUnit::Days))
            .require(Requirement::AtMost(Threshold::Number(1400.0)))
            .build()
            .expect("valid"),
        rule("districts-late")
            .scope(Scope::all().bodies(Selector::Kind(BodyKind::PartyCommittee)))
            .group_by([GroupBy::Level, GroupBy::Quarter])
            .measure(Measure::LateShare)
            .require(Requirement::AtMost(Threshold::Number(0.5)))
            .build()
            .expect("valid"),
        rule("trend")
            .group_by([GroupBy::Level, GroupBy::Year])
            .measure(Measure::OnTimeRate)
            .require(Requirement::Trend {
                trend: Trend::NonDecreasing,
                include_unsettled: false,
            })
            .build()
            .expect("valid"),
    ])
    .expect("valid")
}
