//! The command-line program end to end: each `tests/cli/*.toml` case runs `directives`
//! with its arguments (and standard input) from the package root and pins its status,
//! standard output and standard error. Run with `TRYCMD=overwrite` to write the outputs
//! again after a deliberate change, and review the difference.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly on unexpected errors"
)]

#[test]
fn cases() {
    trycmd::TestCases::new().case("tests/cli/*.toml");
}

/// `--output` writes to a file and nothing to standard output.
#[test]
fn output_goes_to_the_named_file() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("schedule.txt");
    let _ = std::fs::remove_file(&path);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_directives"))
        .args([
            "schedule",
            "decree_09_yearly",
            "2024-01-01",
            "2024-12-31",
            "--output",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert!(run.stdout.is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "Decree 09/2019/NĐ-CP year report\n2024       số liệu từ 15/12/2023 đến 14/12/2024, hạn 25/12/2024\n"
    );
}

/// `report --format html --output` writes one self-contained page in the report's
/// language, and nothing to standard output.
#[test]
fn report_writes_an_html_page() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("report.html");
    let _ = std::fs::remove_file(&path);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_directives"))
        .args([
            "report",
            "examples/data/1470-CV-TU.toml",
            "--registry",
            "examples/data/thanh_hoa.toml",
            "--horizon",
            "2024-H1",
            "--regime",
            "decree_09_half_yearly",
            "--events",
            "tests/cli/data/seed.events.csv",
            "--as-of",
            "2024-07-15",
            "--format",
            "html",
            "--output",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert!(run.stdout.is_empty());
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..100]);
    assert!(page.contains("<html lang=\"vi\">"));
    assert!(page.contains("TH-HU-BIM-SON"));
    // The repeated row of the event log is a diagnostic, in Vietnamese.
    assert!(
        page.contains("trùng với một sự kiện trước"),
        "no Vietnamese diagnostic"
    );
    assert!(!page.contains("repeats an earlier one"));
}
