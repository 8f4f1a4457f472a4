//! Runs the scenario files of a folder (`*.scenario.toml`, in subfolders too) and says
//! which expectations do not hold, without writing any Rust: a user's own tests of the
//! compliance rules, as data.
//!
//! Each scenario names its registry and directive files, a regime, a horizon, a policy,
//! its events and what an evaluation must find as of one or more dates; see `DESIGN.md`
//! ("Data formats") and the scenarios under `tests/scenarios/`. Each variant is compared
//! with its golden text next to the scenario (`name.golden.txt`); `--bless` writes the
//! golden files from the current results.
//!
//! ```sh
//! cargo run --example run_scenarios                        # the crate's own scenarios
//! cargo run --example run_scenarios -- my/scenarios        # a folder of your own
//! cargo run --example run_scenarios -- my/scenarios --bless
//! ```
//!
//! The exit code is 0 when every variant of every scenario passes, 1 otherwise.

use std::process::ExitCode;

use directives::scenario::run_dir;

fn main() -> ExitCode {
    let mut folder = String::from("tests/scenarios");
    let mut bless = false;
    for arg in std::env::args().skip(1) {
        if arg == "--bless" {
            bless = true;
        } else {
            folder = arg;
        }
    }
    let outcomes = match run_dir(&folder) {
        Ok(outcomes) => outcomes,
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!("usage: run_scenarios [FOLDER] [--bless]");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = 0usize;
    for outcome in &outcomes {
        if bless && let Err(error) = outcome.bless() {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
        let golden_only = outcome.mismatches().all(|c| c.path().starts_with("golden"));
        if outcome.passed() || (bless && golden_only) {
            println!(
                "ok      {} [{}]",
                outcome.file().display(),
                outcome.variant()
            );
        } else {
            failed += 1;
            println!(
                "FAILED  {} [{}]",
                outcome.file().display(),
                outcome.variant()
            );
            for line in outcome.to_string().lines() {
                println!("        {line}");
            }
        }
    }
    println!("\n{} passed, {failed} failed", outcomes.len() - failed);
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
