//! Runs every scenario file under `tests/scenarios/` (`*.scenario.toml`), one test per
//! scenario and variant: each compares every expectation of the scenario with what the
//! evaluation found, and the full result with the golden file next to the scenario.
//!
//! `SCENARIO_BLESS=1 cargo test --test scenarios` rewrites the golden files from the
//! current results (read the diff before committing). The format of a scenario is in
//! `DESIGN.md` ("Data formats").

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use directives::scenario::{BASE, run_variant, scenario_files, variant_names};
use libtest_mimic::{Arguments, Failed, Trial};

/// The least number of scenario files the folder must hold.
const MIN_SCENARIOS: usize = 30;

fn main() -> ExitCode {
    let args = Arguments::from_args();
    // Paths relative to the package, so that messages and golden files are stable.
    let root = Path::new("tests/scenarios");
    let bless = std::env::var_os("SCENARIO_BLESS").is_some_and(|v| v == "1");
    let mut trials = Vec::new();
    match scenario_files(root) {
        Err(error) => trials.push(Trial::test("scenarios::folder", move || {
            Err(Failed::from(error.to_string()))
        })),
        Ok(files) => {
            let count = files.len();
            trials.push(Trial::test("scenarios::at_least_30_files", move || {
                if count >= MIN_SCENARIOS {
                    Ok(())
                } else {
                    Err(Failed::from(format!(
                        "{count} scenario files, expected at least {MIN_SCENARIOS}"
                    )))
                }
            }));
            for file in files {
                trials.extend(trials_of(&file, bless));
            }
        }
    }
    libtest_mimic::run(&args, trials).exit_code()
}

/// One trial per variant of a scenario file.
fn trials_of(file: &Path, bless: bool) -> Vec<Trial> {
    let name = file
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .trim_end_matches(".scenario.toml")
                .to_owned()
        })
        .unwrap_or_default();
    let names = match variant_names(file) {
        Ok(names) => names,
        Err(error) => {
            return vec![Trial::test(format!("{name}::{BASE}"), move || {
                Err(Failed::from(error.to_string()))
            })];
        }
    };
    names
        .into_iter()
        .map(|variant| {
            let file: PathBuf = file.to_owned();
            Trial::test(format!("{name}::{variant}"), move || {
                let outcome =
                    run_variant(&file, &variant).map_err(|e| Failed::from(e.to_string()))?;
                if bless {
                    outcome.bless().map_err(|e| Failed::from(e.to_string()))?;
                    let expectations = outcome
                        .mismatches()
                        .filter(|c| !c.path().starts_with("golden"));
                    let failures: Vec<String> = expectations.map(|c| c.to_string()).collect();
                    if failures.is_empty() {
                        return Ok(());
                    }
                    return Err(Failed::from(failures.join("\n")));
                }
                if outcome.passed() {
                    Ok(())
                } else {
                    Err(Failed::from(outcome.to_string()))
                }
            })
        })
        .collect()
}
