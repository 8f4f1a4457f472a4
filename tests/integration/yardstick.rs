//! The reporting-compliance yardstick: the 1M CSV files through the same pipeline as the
//! `status_csv` example, compared with the expected answers exactly; and the generator,
//! reproduced in memory, checked for its structure and its totals.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use directives::compliance::{EvaluationPolicy, Status, StatusCounts, evaluate};

#[path = "../../examples/status_csv.rs"]
#[allow(
    dead_code,
    unreachable_pub,
    reason = "the example's `main` is not run here"
)]
mod status_csv;

#[path = "../../benches/support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the bench")]
mod generator;

fn bench_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench")).to_path_buf()
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
}

fn totals(statuses: &[Status]) -> StatusCounts {
    let mut counts = StatusCounts::default();
    for &s in statuses {
        counts.add(s);
    }
    counts
}

#[test]
fn csv_1m_matches_expected_exactly() {
    let dir = bench_dir();
    let loaded = status_csv::load(
        &dir.join("obligations_1m.csv.gz"),
        &dir.join("submissions_1m.csv.gz"),
    )
    .unwrap();
    assert_eq!(loaded.obligations.len(), 1_000_000);
    assert_eq!(loaded.events.len(), 1_179_142);
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&loaded.obligations, &loaded.events, as_of(), &policy).unwrap();
    let counts = totals(evaluation.statuses());
    assert_eq!(counts.get(Status::DoneOnTime), 509_874);
    assert_eq!(counts.get(Status::DoneLate), 151_892);
    assert_eq!(counts.get(Status::OpenOverdue), 122_887);
    assert_eq!(counts.get(Status::OpenWithinDeadline), 215_347);
    let rendered = status_csv::render(&evaluation).unwrap();
    let expected = std::fs::read_to_string(dir.join("expected_1m.csv")).unwrap();
    assert!(rendered == expected, "output differs from expected_1m.csv");
}

#[test]
fn generator_reproduces_the_files_first_rows() {
    let dir = bench_dir();
    let obligations = status_csv::read_input(&dir.join("obligations_1m.csv.gz")).unwrap();
    let text = String::from_utf8(obligations).unwrap();
    for (i, line) in text.lines().skip(1).take(2000).enumerate() {
        let row = generator::row(i as u64);
        let expected = format!(
            "{},{},{},{}",
            row.obligation_id, row.body_id, row.period_id, row.due
        );
        assert_eq!(line, expected);
    }
}

#[test]
fn generator_structure() {
    let n = 20_000u64;
    let mut submissions = 0usize;
    let mut without = 0usize;
    for i in 0..n {
        let row = generator::row(i);
        assert!((1..=1000).contains(&row.body_id));
        assert!(row.period_id < 60);
        // Due between the 20th and the 31st of the month after the period.
        let month_after = row.period_id + 1;
        let first =
            NaiveDate::from_ymd_opt(2022 + (month_after / 12) as i32, month_after % 12 + 1, 1)
                .unwrap();
        let offset = (row.due - first).num_days();
        assert!((19..=30).contains(&offset), "offset {offset}");
        assert!(row.n_sub <= 4);
        for &s in &row.submitted[..row.n_sub] {
            let d = (s - row.due).num_days();
            assert!((-30..=90).contains(&d), "submission offset {d}");
        }
        submissions += row.n_sub;
        without += usize::from(row.n_sub == 0);
    }
    // About 1.18 submissions per obligation, 15% without any.
    let per = submissions as f64 / n as f64;
    assert!((1.15..1.21).contains(&per), "{per}");
    let share = without as f64 / n as f64;
    assert!((0.14..0.16).contains(&share), "{share}");
}

#[test]
fn generated_1m_gives_the_published_totals() {
    let (obligations, events) = generator::generate(1_000_000);
    assert_eq!(events.len(), 1_179_142);
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
    let counts = totals(evaluation.statuses());
    assert_eq!(counts.get(Status::DoneOnTime), 509_874);
    assert_eq!(counts.get(Status::DoneLate), 151_892);
    assert_eq!(counts.get(Status::OpenOverdue), 122_887);
    assert_eq!(counts.get(Status::OpenWithinDeadline), 215_347);
}
