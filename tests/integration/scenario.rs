//! The scenario runner through its public API: mismatches are collected and named, bad
//! scenarios give typed errors with their path and value, golden files are compared and
//! blessed.
#![cfg(feature = "serde")]

use std::path::{Path, PathBuf};

use directives::scenario::{
    BASE, Scenario, ScenarioProblem, run_dir, run_file, run_variant, scenario_files, variant_names,
};

/// A fresh folder for one test, with the scenario data folder's files copied in.
fn folder(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("directives-scenario-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    for file in ["province.toml", "departments.toml"] {
        std::fs::copy(
            Path::new("tests/scenarios/data").join(file),
            dir.join("data").join(file),
        )
        .unwrap();
    }
    dir
}

const HEAD: &str = r#"description = "test"
registry = "data/province.toml"
directive = "data/departments.toml"
regime = "decree_09_monthly"
horizon = "2024-03"
as_of = ["2024-04-30"]

[[events]]
id = "syt"
task = "1"
body = "P-SYT"
period = "2024-03"
date = "2024-03-18"
kind = "submitted"
"#;

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(format!("{name}.scenario.toml"));
    std::fs::write(&path, format!("{HEAD}\n{body}")).unwrap();
    path
}

#[test]
fn every_mismatch_is_collected_and_named() {
    let dir = folder("mismatch");
    let file = write(
        &dir,
        "wrong",
        r#"
[[expect]]
counts = { done_on_time = 2 }

[[expect.findings]]
task = "1"
body = "P-SYT"
period = "2024-03"
status = "done_late"
holder = "P-STC"

[[variants]]
name = "late"
replace = [{ id = "syt", task = "1", body = "P-SYT", period = "2024-03", date = "2024-03-29", kind = "submitted" }]

[[variants.expect]]
counts = { done_late = 1, open_overdue = 1 }
"#,
    );
    let outcomes = run_file(&file).unwrap();
    assert_eq!(outcomes.len(), 2);
    let base = &outcomes[0];
    assert_eq!(base.variant(), BASE);
    assert!(!base.passed());
    let mismatched: Vec<&str> = base.mismatches().map(|c| c.path()).collect();
    assert_eq!(
        mismatched,
        [
            "expect[0].counts.done_on_time",
            "expect[0].counts.open_overdue",
            "expect[0].findings[0].status",
            "expect[0].findings[0].holder",
            "golden `wrong.golden.txt`",
        ]
    );
    let message = base.to_string();
    let first = message.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "scenario `{}`, variant `base`: `expect[0].counts.done_on_time`: expected `2`, found `1`",
            file.display()
        )
    );
    assert!(message.contains(
        "variant `base`: `expect[0].findings[0].status`: expected `done_late`, found `done_on_time`"
    ));
    // The variant's own expectations hold; only its golden file is missing.
    let late = &outcomes[1];
    assert_eq!(late.variant(), "late");
    let mismatched: Vec<&str> = late.mismatches().map(|c| c.path()).collect();
    assert_eq!(mismatched, ["golden `wrong.late.golden.txt`"]);
    // Outcomes, failed ones included, are data: they read back whole from JSON and TOML.
    for outcome in &outcomes {
        super::roundtrip::round_trips(outcome).unwrap();
    }

    // Blessed, the golden files match; a changed result shows its first differing line.
    for outcome in &outcomes {
        outcome.bless().unwrap();
    }
    let again = run_variant(&file, "late").unwrap();
    assert!(again.passed(), "{again}");
    let golden = dir.join("wrong.late.golden.txt");
    let text = std::fs::read_to_string(&golden).unwrap();
    std::fs::write(&golden, text.replace("done_late", "done_on_time")).unwrap();
    let changed = run_variant(&file, "late").unwrap();
    let golden_mismatch: Vec<String> = changed.mismatches().map(|c| c.to_string()).collect();
    assert_eq!(golden_mismatch.len(), 1);
    assert!(
        golden_mismatch[0].starts_with("`golden `wrong.late.golden.txt` line 9`: expected `  counts: done_on_time 0, done_on_time 1,"),
        "{}",
        golden_mismatch[0]
    );

    // A folder run collects every file's outcomes, and a scenario that cannot run is one
    // failed outcome naming its error.
    std::fs::write(dir.join("broken.scenario.toml"), "description = \"x\"\n").unwrap();
    let outcomes = run_dir(&dir).unwrap();
    assert_eq!(outcomes.len(), 3);
    let broken = &outcomes[0];
    assert!(broken.file().ends_with("broken.scenario.toml"));
    assert!(!broken.passed());
    assert!(
        broken.to_string().contains("missing field `registry`"),
        "{broken}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The error of loading a scenario made of the head and `body`.
fn error_of(name: &str, body: &str) -> directives::scenario::ScenarioError {
    let dir = folder(name);
    let file = write(&dir, name, body);
    let error = Scenario::load(&file).unwrap_err();
    assert_eq!(error.file(), file.as_path());
    std::fs::remove_dir_all(&dir).unwrap();
    error
}

#[test]
fn bad_scenarios_name_path_and_value() {
    let dir = folder("top_level_key");
    let file = dir.join("top.scenario.toml");
    std::fs::write(
        &file,
        format!("colour = \"red\"\n{HEAD}\n[[expect]]\ncounts = {{}}\n"),
    )
    .unwrap();
    let error = Scenario::load(&file).unwrap_err();
    assert_eq!(error.path(), "colour");
    assert_eq!(error.line(), Some(1));
    assert!(
        error
            .to_string()
            .ends_with("at line 1, `colour`: unknown field `colour`, expected one of `description`, `provisions`, `registry`, `directive`, `criteria`, `regime`, `horizon`, `policy`, `as_of`, `windows`, `events_file`, `events`, `expect`, `variants`, `error`"),
        "{error}"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let error = error_of("event_key", "colour = \"red\"\n[[expect]]\ncounts = {}\n");
    assert_eq!(error.path(), "events[0].colour");
    assert_eq!(error.line(), Some(16));

    let error = error_of("counts_status", "[[expect]]\ncounts = { late = 1 }\n");
    assert_eq!(error.path(), "expect[0].counts.late");
    assert_eq!(
        error.problem(),
        &ScenarioProblem::UnknownStatus {
            value: "late".to_owned()
        }
    );

    let error = error_of(
        "note",
        "[[expect]]\n[[expect.findings]]\ntask = \"1\"\nbody = \"P-SYT\"\nperiod = \"2024-03\"\nnotes = [\"late\"]\n",
    );
    assert_eq!(error.path(), "expect[0].findings[0].notes[0]");
    assert!(matches!(
        error.problem(),
        ScenarioProblem::UnknownNote { .. }
    ));

    let error = error_of(
        "grade",
        "[[expect]]\n[[expect.grades]]\nbody = \"P-SYT\"\nyear = 2024\npolicy = \"decree_90_2020_as_amended\"\ngrade = \"great\"\n",
    );
    assert_eq!(error.path(), "expect[0].grades[0].grade");
    assert!(matches!(
        error.problem(),
        ScenarioProblem::UnknownGrade { .. }
    ));

    let error = error_of(
        "policy",
        "[[expect]]\n[[expect.grades]]\nbody = \"P-SYT\"\nyear = 2024\npolicy = \"strict\"\ngrade = \"good\"\n",
    );
    assert_eq!(error.path(), "expect[0].grades[0].policy");

    let error = error_of("no_expect", "");
    assert_eq!(error.path(), "expect");
    assert_eq!(
        error.problem().to_string(),
        "expectation can never be checked: nothing is expected: give at least one `expect` table"
    );

    let error = error_of(
        "empty_variant",
        "[[expect]]\ncounts = {}\n[[variants]]\nname = \"same\"\n[[variants.expect]]\ncounts = {}\n",
    );
    assert_eq!(error.path(), "variants[0]");

    let error = error_of(
        "duplicate_variant",
        "[[expect]]\ncounts = {}\n[[variants]]\nname = \"v\"\nremove = [\"syt\"]\n[[variants.expect]]\ncounts = {}\n[[variants]]\nname = \"v\"\nremove = [\"syt\"]\n[[variants.expect]]\ncounts = {}\n",
    );
    assert_eq!(error.path(), "variants[1].name");
    assert!(matches!(
        error.problem(),
        ScenarioProblem::DuplicateVariant { .. }
    ));

    let error = error_of(
        "event_field",
        "[[expect]]\ncounts = {}\n[[variants]]\nname = \"v\"\nadd = [{ task = \"1\", body = \"P-STC\", period = \"2024-03\", date = \"2024-03-20\", kind = \"completed\", value = 3.0 }]\n[[variants.expect]]\ncounts = {}\n",
    );
    assert_eq!(error.path(), "variants[0].add[0].value");
    assert_eq!(
        error.problem().to_string(),
        "an event of kind `completed` does not take the field `value`"
    );

    let error = error_of("bad_date", "[[expect]]\nas_of = \"2024-4-30\"\n");
    assert_eq!(error.path(), "expect[0].as_of");
    assert!(
        error.to_string().contains("invalid date `2024-4-30`"),
        "{error}"
    );

    let error = error_of(
        "no_calendar",
        "[policy]\ncalendar = \"none\"\nrest_day_shift = \"keep\"\n[[expect]]\n[[expect.findings]]\ntask = \"1\"\nbody = \"P-SYT\"\nperiod = \"2024-03\"\nlateness = { calendar_days = 0, working_days = 0 }\n",
    );
    assert_eq!(error.path(), "expect[0].findings[0].lateness.working_days");
    assert_eq!(
        error.problem().to_string(),
        "expectation can never be checked: the policy has no calendar, so working days are never counted"
    );

    let error = error_of(
        "roll",
        "[policy]\nrest_day_shift = \"preceding\"\n[[expect]]\ncounts = {}\n",
    );
    assert_eq!(error.path(), "policy.rest_day_shift");
    assert_eq!(
        error.problem().to_string(),
        "invalid value `preceding`: expected `following` (Civil Code 2015 art. 148.5) or `keep`"
    );
    let error = error_of(
        "roll_without_calendar",
        "[policy]\ncalendar = \"none\"\nrest_day_shift = \"following\"\n[[expect]]\ncounts = {}\n",
    );
    assert_eq!(error.path(), "policy.rest_day_shift");

    let error = error_of(
        "window",
        "windows = { \"2024-03\" = \"2024-02-15\" }\n[[expect]]\ncounts = {}\n",
    );
    assert_eq!(error.path(), "events[0].windows");
    let dir = folder("window_top");
    let file = dir.join("w.scenario.toml");
    let head = HEAD.replace(
        "as_of = [\"2024-04-30\"]",
        "as_of = [\"2024-04-30\"]\nwindows = { \"2024-03\" = \"2024-02-15\" }",
    );
    std::fs::write(&file, format!("{head}\n[[expect]]\ncounts = {{}}\n")).unwrap();
    let error = Scenario::load(&file).unwrap_err();
    assert_eq!(error.path(), "windows.2024-03");
    assert_eq!(
        error.problem().to_string(),
        "invalid value `2024-02-15`: expected a window written `yyyy-mm-dd..yyyy-mm-dd`"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    // A long value is quoted with a bound.
    let long = "P".repeat(10_000);
    let error = error_of(
        "long",
        &format!(
            "[[expect]]\n[[expect.findings]]\ntask = \"1\"\nbody = \"{long}\"\nperiod = \"2024-03\"\nstatus = \"done_on_time\"\n"
        ),
    );
    assert!(error.to_string().len() < 300, "{error}");
}

#[test]
fn the_crate_scenarios_list_their_variants() {
    let files = scenario_files("tests/scenarios").unwrap();
    assert!(files.len() >= 30, "{}", files.len());
    let names = variant_names("tests/scenarios/reopened.scenario.toml").unwrap();
    assert_eq!(names, ["base", "sent_again_late", "not_reopened"]);
    // A negative scenario has only its base.
    let names = variant_names("tests/scenarios/negative_unknown_body.scenario.toml").unwrap();
    assert_eq!(names, ["base"]);
    let scenario = Scenario::load("tests/scenarios/reopened.scenario.toml").unwrap();
    assert_eq!(
        scenario.variant_names(),
        names_of(&["base", "sent_again_late", "not_reopened"])
    );
    assert!(matches!(
        scenario.run("missing").unwrap_err().problem(),
        ScenarioProblem::NeverChecked { .. }
    ));
}

fn names_of<'a>(names: &[&'a str]) -> Vec<&'a str> {
    names.to_vec()
}

#[test]
fn a_negative_scenario_fails_when_the_error_differs_or_does_not_come() {
    let dir = folder("negative");
    let file = write(
        &dir,
        "neg",
        "[[expect]]\ncounts = { done_on_time = 1, open_overdue = 1 }\n\n[error]\npath = \"expect[0]\"\nmessage = \"something\"\n",
    );
    let outcome = run_variant(&file, BASE).unwrap();
    let mismatched: Vec<String> = outcome.mismatches().map(|c| c.to_string()).collect();
    assert_eq!(
        mismatched[0],
        "`error`: expected `error at `expect[0]`: something`, found `no error`"
    );
    assert!(run_variant(&file, "other").is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}
