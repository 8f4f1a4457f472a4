//! The reporting-compliance yardstick. The generator, reproduced in memory, is checked for
//! its structure and its totals; its 1M rows go through CSV files in a temporary folder
//! and back through the `status_csv` example's pipeline, and the rendered counts are
//! compared with the copy of `expected_1m.csv` kept in `tests/data/yardstick/`. With the
//! shared data folder (`DIRECTIVES_SHARED`), the shipped files are checked too.

use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use directives::compliance::{EvaluationPolicy, Status, StatusCounts, evaluate};

#[path = "../../examples/status_csv/pipeline.rs"]
#[allow(
    dead_code,
    reason = "the example uses the whole pipeline, the tests part of it"
)]
mod pipeline;

#[path = "../../benches/support/yardstick.rs"]
#[allow(dead_code, reason = "shared with the bench")]
pub(crate) mod generator;

/// The expected counts per body and status as of 2025-12-31, a copy of the shared
/// `bench/expected_1m.csv`.
const EXPECTED_1M: &str = include_str!("../data/yardstick/expected_1m.csv");

/// The shared `bench` folder, or `None` after saying plainly why the caller skips.
fn shared_bench(test: &str) -> Option<PathBuf> {
    crate::shared::path(test, "bench")
}

/// A folder under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "directives-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Best effort: a folder left behind in the temporary folder harms nothing.
        let _ = std::fs::remove_dir_all(&self.0);
    }
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

fn assert_published_totals(counts: &StatusCounts) {
    assert_eq!(counts.get(Status::DoneOnTime), 509_874);
    assert_eq!(counts.get(Status::DoneLate), 151_892);
    assert_eq!(counts.get(Status::OpenOverdue), 122_887);
    assert_eq!(counts.get(Status::OpenWithinDeadline), 215_347);
}

/// Writes the first `n` generated rows as CSV files in `dir`, the submissions gzipped
/// when `gzip` is set.
fn write_generated(dir: &Path, n: u64, gzip: bool) -> (PathBuf, PathBuf) {
    let obligations_path = dir.join("obligations.csv");
    let submissions_path = dir.join(if gzip {
        "submissions.csv.gz"
    } else {
        "submissions.csv"
    });
    let mut obligations = BufWriter::new(std::fs::File::create(&obligations_path).unwrap());
    let file = std::fs::File::create(&submissions_path).unwrap();
    if gzip {
        let mut submissions =
            flate2::write::GzEncoder::new(BufWriter::new(file), flate2::Compression::fast());
        generator::write_csv(n, &mut obligations, &mut submissions).unwrap();
        submissions.finish().unwrap().flush().unwrap();
    } else {
        let mut submissions = BufWriter::new(file);
        generator::write_csv(n, &mut obligations, &mut submissions).unwrap();
        submissions.flush().unwrap();
    }
    obligations.flush().unwrap();
    (obligations_path, submissions_path)
}

#[test]
fn generated_csv_1m_round_trip_matches_expected_exactly() {
    let dir = TempDir::new("yardstick-1m");
    let (obligations, submissions) = write_generated(&dir.0, 1_000_000, false);
    let loaded = pipeline::load(&obligations, &submissions).unwrap();
    assert_eq!(loaded.obligations.len(), 1_000_000);
    assert_eq!(loaded.events.len(), 1_179_142);
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&loaded.obligations, &loaded.events, as_of(), &policy).unwrap();
    assert_published_totals(&totals(evaluation.statuses()));
    let rendered = pipeline::render(&evaluation).unwrap();
    assert!(
        rendered == EXPECTED_1M,
        "output differs from tests/data/yardstick/expected_1m.csv"
    );
}

#[test]
fn gzipped_csv_reads_like_plain_csv() {
    let plain_dir = TempDir::new("yardstick-plain");
    let gzip_dir = TempDir::new("yardstick-gzip");
    let plain = write_generated(&plain_dir.0, 5_000, false);
    let gzipped = write_generated(&gzip_dir.0, 5_000, true);
    assert_ne!(
        std::fs::read(&plain.1).unwrap(),
        std::fs::read(&gzipped.1).unwrap()
    );
    assert_eq!(
        pipeline::read_input(&plain.1).unwrap(),
        pipeline::read_input(&gzipped.1).unwrap()
    );
    let policy = EvaluationPolicy::without_calendar();
    let a = pipeline::load(&plain.0, &plain.1).unwrap();
    let b = pipeline::load(&gzipped.0, &gzipped.1).unwrap();
    let a = evaluate(&a.obligations, &a.events, as_of(), &policy).unwrap();
    let b = evaluate(&b.obligations, &b.events, as_of(), &policy).unwrap();
    assert_eq!(a.statuses(), b.statuses());
    assert_eq!(pipeline::render(&a).unwrap(), pipeline::render(&b).unwrap());
}

#[test]
fn malformed_csv_rows_name_the_file_and_line() {
    let dir = TempDir::new("yardstick-bad");
    let obligations = dir.0.join("obligations.csv");
    let submissions = dir.0.join("submissions.csv");
    std::fs::write(
        &obligations,
        "obligation_id,body_id,period_id,due_date\n1,5,0,2022-02-20\n2,5,0,2022-2-20\n",
    )
    .unwrap();
    std::fs::write(&submissions, "obligation_id,submitted\n").unwrap();
    let err = pipeline::load(&obligations, &submissions).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("`{}` line 3: malformed row", obligations.display())
    );
}

#[test]
fn obligation_ids_in_any_order_and_unknown_ids_are_mapped() {
    let dir = TempDir::new("yardstick-ids");
    let obligations = dir.0.join("obligations.csv");
    let submissions = dir.0.join("submissions.csv");
    // Ids out of order and with a gap, Windows line ends, a blank line, no final newline.
    std::fs::write(
        &obligations,
        "obligation_id,body_id,period_id,due_date\r\n7,5,0,2022-02-20\r\n\r\n2,6,1,2022-03-20\r\n3,5,1,2022-03-20",
    )
    .unwrap();
    std::fs::write(
        &submissions,
        "obligation_id,submitted\n3,2022-03-25\n7,2022-02-10\n9,2022-02-10\n",
    )
    .unwrap();
    let loaded = pipeline::load(&obligations, &submissions).unwrap();
    assert_eq!(loaded.obligations.len(), 3);
    assert_eq!(loaded.events.len(), 3);
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&loaded.obligations, &loaded.events, as_of(), &policy).unwrap();
    // Id 7 is the first row, on time; id 3 the third, late; id 2 missing; id 9 is
    // not in the file, and the evaluation says so.
    assert_eq!(
        evaluation.statuses(),
        [Status::DoneOnTime, Status::OpenOverdue, Status::DoneLate]
    );
    assert_eq!(evaluation.diagnostics().len(), 1);
    assert_eq!(
        pipeline::render(&evaluation).unwrap(),
        "body_id,status,n\n5,late,1\n5,on_time,1\n6,missing,1\n"
    );
}

#[test]
fn rows_across_read_chunks_keep_their_lines() {
    let dir = TempDir::new("yardstick-chunks");
    let obligations = dir.0.join("obligations.csv");
    let submissions = dir.0.join("submissions.csv");
    // More than a read chunk (4 MiB) of rows, the bad one far past the first chunk.
    let mut text = String::from("obligation_id,body_id,period_id,due_date\n");
    for id in 1..=240_000 {
        text.push_str(&format!("{id},5,0,2022-02-20\n"));
    }
    text.push_str("240001,5,0,2022-02-30\n");
    assert!(text.len() > 4 << 20);
    std::fs::write(&obligations, text).unwrap();
    std::fs::write(&submissions, "obligation_id,submitted\n").unwrap();
    let err = pipeline::load(&obligations, &submissions).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("`{}` line 240002: malformed row", obligations.display())
    );
}

#[test]
fn repository_copy_of_expected_matches_the_shared_file() {
    let Some(dir) = shared_bench("repository_copy_of_expected_matches_the_shared_file") else {
        return;
    };
    let shared = std::fs::read_to_string(dir.join("expected_1m.csv")).unwrap();
    assert!(
        shared == EXPECTED_1M,
        "tests/data/yardstick/expected_1m.csv differs from the shared copy"
    );
}

#[test]
fn shared_csv_1m_matches_expected_exactly() {
    let Some(dir) = shared_bench("shared_csv_1m_matches_expected_exactly") else {
        return;
    };
    let loaded = pipeline::load(
        &dir.join("obligations_1m.csv.gz"),
        &dir.join("submissions_1m.csv.gz"),
    )
    .unwrap();
    assert_eq!(loaded.obligations.len(), 1_000_000);
    assert_eq!(loaded.events.len(), 1_179_142);
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&loaded.obligations, &loaded.events, as_of(), &policy).unwrap();
    assert_published_totals(&totals(evaluation.statuses()));
    let rendered = pipeline::render(&evaluation).unwrap();
    assert!(
        rendered == EXPECTED_1M,
        "output differs from expected_1m.csv"
    );
}

#[test]
fn generator_writes_the_shared_files_first_rows() {
    let Some(dir) = shared_bench("generator_writes_the_shared_files_first_rows") else {
        return;
    };
    let mut obligations = Vec::new();
    let mut submissions = Vec::new();
    generator::write_csv(2_000, &mut obligations, &mut submissions).unwrap();
    let written = String::from_utf8(obligations).unwrap();
    let shipped = pipeline::read_input(&dir.join("obligations_1m.csv.gz")).unwrap();
    let shipped = String::from_utf8(shipped).unwrap();
    let lines = written.lines().count();
    assert_eq!(lines, 2_001);
    for (a, b) in written.lines().zip(shipped.lines()) {
        assert_eq!(a, b);
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
fn generated_1m_in_memory_gives_the_published_totals() {
    let (obligations, events) = generator::generate(1_000_000);
    assert_eq!(events.len(), 1_179_142);
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, as_of(), &policy).unwrap();
    assert_published_totals(&totals(evaluation.statuses()));
    let rendered = pipeline::render(&evaluation).unwrap();
    assert!(
        rendered == EXPECTED_1M,
        "output differs from tests/data/yardstick/expected_1m.csv"
    );
}

#[test]
fn ids_out_of_order_across_read_chunks_are_mapped() {
    let dir = TempDir::new("yardstick-chunk-ids");
    let obligations = dir.0.join("obligations.csv");
    let submissions = dir.0.join("submissions.csv");
    // More than a read chunk (4 MiB) of rows, numbered backwards, so that every part's
    // ids must be mapped.
    let n = 240_000u32;
    let mut text = String::from("obligation_id,body_id,period_id,due_date\n");
    for id in (1..=n).rev() {
        text.push_str(&format!("{id},{},0,2022-02-20\n", id % 7));
    }
    assert!(text.len() > 4 << 20);
    std::fs::write(&obligations, text).unwrap();
    // Id `n` is the first row, id 1 the last: one on time, one late.
    std::fs::write(
        &submissions,
        format!("obligation_id,submitted\n{n},2022-02-10\n1,2022-03-01\n"),
    )
    .unwrap();
    let loaded = pipeline::load(&obligations, &submissions).unwrap();
    assert_eq!(loaded.obligations.len(), n as usize);
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&loaded.obligations, &loaded.events, as_of(), &policy).unwrap();
    let statuses = evaluation.statuses();
    assert_eq!(statuses.first(), Some(&Status::DoneOnTime));
    assert_eq!(statuses.last(), Some(&Status::DoneLate));
    let counts = totals(statuses);
    assert_eq!(counts.get(Status::OpenOverdue), u64::from(n) - 2);
}
