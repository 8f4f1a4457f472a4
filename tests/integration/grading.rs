//! Grading: dated policies, the presets for 2024 and after, the timeliness index, and the
//! facts the presets rest on.

use directives::compliance::{
    Grade, GradeRule, GradingDiagnostic, GradingError, GradingPolicy, Status, StatusCounts, rank,
};
use directives::org::BodyId;
use directives::provenance::{Certainty, FactArea};

fn counts(on_time: u64, late: u64, overdue: u64) -> StatusCounts {
    let mut c = StatusCounts::default();
    for _ in 0..on_time {
        c.add(Status::DoneOnTime);
    }
    for _ in 0..late {
        c.add(Status::DoneLate);
    }
    for _ in 0..overdue {
        c.add(Status::OpenOverdue);
    }
    c
}

/// A policy governs the assessment years it was in force for: Regulation 124-QĐ/TW
/// (2023-10-04, replacing 132-QĐ/TW; baohaiduong.vn report) for 2023–2024, Regulation
/// 366-QĐ/TW (2025-08-30) from 2025, Decree 90/2020/NĐ-CP as amended by Decree
/// 48/2023/NĐ-CP for 2023–2025, Decree 335/2025/NĐ-CP (in force 2026-01-01) from 2026.
#[test]
fn policies_govern_the_years_they_were_in_force_for() {
    let years = |p: &GradingPolicy| (p.first_year(), p.last_year());
    assert_eq!(
        years(&GradingPolicy::regulation_124_2023()),
        (Some(2023), Some(2024))
    );
    assert_eq!(
        years(&GradingPolicy::regulation_366_2025()),
        (Some(2025), None)
    );
    assert_eq!(
        years(&GradingPolicy::decree_90_2020_as_amended()),
        (Some(2023), Some(2025))
    );
    assert_eq!(
        years(&GradingPolicy::decree_335_2025_timeliness()),
        (Some(2026), None)
    );
    let for_2024: Vec<String> = GradingPolicy::presets()
        .into_iter()
        .filter(|p| p.applies_to(2024))
        .map(|p| p.name().to_owned())
        .collect();
    assert_eq!(
        for_2024,
        [
            "Regulation 124-QĐ/TW (2023), Party bodies",
            "Decree 90/2020/NĐ-CP as amended by Decree 48/2023/NĐ-CP, civil servants",
        ]
    );
}

#[test]
fn grading_a_year_out_of_force_gives_a_diagnostic() {
    let c = counts(4, 0, 0);
    let a = GradingPolicy::regulation_366_2025().assess(2024, &c);
    // The grade is still computed; the reader is told it does not apply.
    assert_eq!(a.grade(), Some(Grade::Excellent));
    assert_eq!(
        a.diagnostics()[0],
        GradingDiagnostic::NotInForce {
            policy: "timeliness index on the grades of Regulation 366-QĐ/TW (2025)".to_owned(),
            year: 2024,
            first_year: Some(2025),
            last_year: None,
        }
    );
    assert_eq!(
        a.diagnostics()[0].to_string(),
        "`timeliness index on the grades of Regulation 366-QĐ/TW (2025)` governs assessment years from 2025: year `2024` is outside them"
    );
    let old = GradingPolicy::regulation_124_2023().assess(2025, &c);
    assert_eq!(
        old.diagnostics()[0].to_string(),
        "`Regulation 124-QĐ/TW (2023), Party bodies` governs assessment years 2023 to 2024: year `2025` is outside them"
    );
    // In force: no such diagnostic.
    let ok = GradingPolicy::regulation_124_2023().assess(2024, &c);
    assert!(
        !ok.diagnostics()
            .iter()
            .any(|d| matches!(d, GradingDiagnostic::NotInForce { .. }))
    );
    // The conditions of the grade given that timeliness cannot show are listed.
    assert!(ok.diagnostics().iter().any(|d| matches!(
        d,
        GradingDiagnostic::ConditionNotChecked {
            grade: Grade::Excellent,
            ..
        }
    )));
    let mut store = directives::obligation::Obligations::new();
    let body = store
        .add_body(directives::org::BodyCode::new("SYT").unwrap())
        .unwrap();
    let ranking = rank(
        &[(body, c)],
        &store,
        &GradingPolicy::decree_335_2025_timeliness(),
        2024,
    )
    .unwrap();
    // A body the store does not know cannot be named, so it is refused.
    assert_eq!(
        rank(
            &[(BodyId::from_index(7), c)],
            &store,
            &GradingPolicy::decree_335_2025_timeliness(),
            2024,
        )
        .unwrap_err()
        .to_string(),
        "a scorecard names a body that the obligation store does not know"
    );
    assert!(matches!(
        ranking.diagnostics()[0],
        GradingDiagnostic::NotInForce { year: 2024, .. }
    ));
}

/// Regulation 124-QĐ/TW and Decree 90/2020/NĐ-CP grade by conditions: every task on time
/// for good (Decree 90 art. 9.1(b)), every task done with at most 20% late for completed
/// (art. 10 as taken from art. 14.1(b), unverified).
#[test]
fn the_2024_presets_grade_by_conditions() {
    for policy in [
        GradingPolicy::regulation_124_2023(),
        GradingPolicy::decree_90_2020_as_amended(),
    ] {
        assert_eq!(
            policy.grade(&counts(10, 0, 0)),
            Some(Grade::Excellent),
            "{}",
            policy.name()
        );
        assert_eq!(
            policy.grade(&counts(8, 2, 0)),
            Some(Grade::Completed),
            "{}",
            policy.name()
        );
        assert_eq!(
            policy.grade(&counts(7, 3, 0)),
            Some(Grade::NotCompleted),
            "{}",
            policy.name()
        );
        assert_eq!(
            policy.grade(&counts(9, 0, 1)),
            Some(Grade::NotCompleted),
            "{}",
            policy.name()
        );
        // The index is the share done on time.
        assert_eq!(policy.timeliness_index(&counts(8, 2, 0)), Some(80.0));
        assert_eq!(policy.grade(&StatusCounts::default()), None);
    }
}

/// Decree 335/2025/NĐ-CP art. 14.2(c) takes 25% off an item's *progress* points; the preset
/// is a timeliness index on the decree's bands, and is named so.
#[test]
fn decree_335_is_a_timeliness_index_not_the_decrees_grade() {
    let p = GradingPolicy::decree_335_2025_timeliness();
    assert!(p.name().starts_with("timeliness index"));
    assert!(!p.name().contains("grade of"));
    assert_eq!(p.timeliness_index(&counts(3, 1, 0)), Some(93.75));
    assert_eq!(p.grade(&counts(3, 1, 0)), Some(Grade::Excellent));
    assert_eq!(p.grade(&counts(1, 1, 1)), Some(Grade::Completed)); // 58.3: from 50 to under 70
    assert_eq!(p.grade(&counts(0, 1, 1)), Some(Grade::NotCompleted)); // 37.5
    assert_eq!(
        p.timeliness_index(&counts(1, 1, 1))
            .map(|i| (i * 10.0).round() / 10.0),
        Some(58.3)
    );
    assert!(p.conditions_not_applied(Grade::Excellent)[0].contains("30 general"));
}

#[test]
fn bad_numbers_are_refused_with_the_value() {
    let ok = GradeRule::min_index(50.0);
    let new = |penalty, e: GradeRule| GradingPolicy::new("p", penalty, e, ok, ok);
    assert_eq!(
        new(f64::NAN, ok).unwrap_err().to_string(),
        "grading policy `p`: late penalty `NaN` is out of range: expected 0 to 1"
    );
    assert_eq!(
        new(0.5, GradeRule::min_index(101.0))
            .unwrap_err()
            .to_string(),
        "grading policy `p`: the minimum index `101` for `excellent` is out of range: expected 0 to 100"
    );
    assert_eq!(
        new(0.5, ok.with_max_late_share(-0.1))
            .unwrap_err()
            .to_string(),
        "grading policy `p`: the maximum late share `-0.1` for `excellent` is out of range: expected 0 to 1"
    );
    assert_eq!(
        GradingPolicy::new(" ", 0.5, ok, ok, ok).unwrap_err(),
        GradingError::BlankName
    );
    assert!(matches!(
        new(0.5, ok).unwrap().in_force_for(2025, Some(2024)),
        Err(GradingError::Years {
            first: 2025,
            last: 2024,
            ..
        })
    ));
}

/// Every grading preset is listed as a fact, and each rests on an assumption that a test
/// pins, so that a new one cannot slip in unlabelled.
#[test]
fn grading_facts_are_pinned_with_their_assumptions() {
    let facts = directives::compliance::grading_facts();
    let ids: Vec<&str> = facts.iter().map(|f| f.id()).collect();
    assert_eq!(
        ids,
        [
            "regulation_124_2023",
            "decree_90_2020_as_amended",
            "regulation_366_2025",
            "decree_335_2025_timeliness",
        ]
    );
    for f in &facts {
        assert_eq!(f.area(), FactArea::GradingPreset);
        assert_eq!(
            f.provenance().certainty(),
            Certainty::Unverified,
            "{}",
            f.id()
        );
    }
    let starts: Vec<&str> = facts
        .iter()
        .map(|f| f.provenance().assumption().unwrap())
        .map(|a| a.split(';').next().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "Regulation 124-QĐ/TW of 2023-10-04 (replacing 132-QĐ/TW) grades in four levels by the criteria of art. 12, whose text was not read",
            "Decree 90/2020/NĐ-CP art. 8.1(b) (excellent: every task on time, at least 50% beyond what was asked) and art. 9.1(b) (good: every task on time) were read in reproductions",
            "Regulation 366-QĐ/TW (2025-08-30) art. 11, read in press reports, grades on 100 points from groups of criteria with conditions on tasks done on time",
            "Decree 335/2025/NĐ-CP (in force 2026-01-01) grades civil servants on 100 points, 30 of them general criteria and the rest the quantity, quality and progress of each product, and art. 14.2(c) takes 25% off an item's progress points for each delay",
        ]
    );
    assert!(facts[3].statement().starts_with(
        "timeliness index on the grade bands of Decree 335/2025/NĐ-CP: assessment years from 2026"
    ));
}

#[cfg(feature = "serde")]
#[test]
fn policies_round_trip_and_are_checked_when_read() {
    for policy in GradingPolicy::presets() {
        let json = serde_json::to_string(&policy).unwrap();
        assert_eq!(
            serde_json::from_str::<GradingPolicy>(&json).unwrap(),
            policy
        );
        let text = toml::to_string(&policy).unwrap();
        assert_eq!(toml::from_str::<GradingPolicy>(&text).unwrap(), policy);
    }
    let bad = r#"{"name":"p","late_penalty":2.0,
        "excellent":{"min_index":90.0},"good":{"min_index":70.0},"completed":{"min_index":50.0}}"#;
    let err = serde_json::from_str::<GradingPolicy>(bad).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("grading policy `p`: late penalty `2` is out of range"),
        "{err}"
    );
    let a = GradingPolicy::regulation_124_2023().assess(2025, &counts(1, 0, 0));
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["diagnostics"][0]["kind"], "not_in_force");
    assert_eq!(json["grade"], "excellent");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The index lies in 0..=100, and a policy that adds conditions to the same bands
        /// (Regulation 366-QĐ/TW over the Decree 335 timeliness bands) never grades higher.
        #[test]
        fn conditions_never_raise_a_grade(on_time in 0u64..40, late in 0u64..40, overdue in 0u64..40) {
            let c = counts(on_time, late, overdue);
            let loose = GradingPolicy::decree_335_2025_timeliness();
            let strict = GradingPolicy::regulation_366_2025();
            match (loose.timeliness_index(&c), strict.grade(&c), loose.grade(&c)) {
                (None, None, None) => prop_assert_eq!(on_time + late + overdue, 0),
                (Some(index), Some(s), Some(l)) => {
                    prop_assert!((0.0..=100.0).contains(&index));
                    prop_assert!(s <= l, "{s:?} > {l:?} for {on_time}/{late}/{overdue}");
                }
                other => prop_assert!(false, "inconsistent {other:?}"),
            }
        }
    }
}
