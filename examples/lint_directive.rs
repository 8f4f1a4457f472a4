//! Lints a directive against a province's registry of bodies.
//!
//! Reads a directive (TOML, or JSON for a `.json` file) and a registry (TOML), resolves the
//! directive's selectors on its issue date, and prints each lint in English and
//! Vietnamese. An error names the file, line and path of the mistake. With no arguments it
//! lints the seed letter 1470-CV/TU against the Thanh Hóa registry:
//!
//! ```sh
//! cargo run --example lint_directive
//! cargo run --example lint_directive -- examples/data/1470-CV-TU.toml examples/data/thanh_hoa.toml
//! ```

use std::error::Error;
use std::process::ExitCode;

use directives::directive::Loader;
use directives::org::Registry;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let directive_path = args
        .next()
        .unwrap_or_else(|| "examples/data/1470-CV-TU.toml".to_owned());
    let registry_path = args
        .next()
        .unwrap_or_else(|| "examples/data/thanh_hoa.toml".to_owned());
    match run(&directive_path, &registry_path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The error's message names the file's path and value at fault; print it as
            // a message, not as a debug dump.
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(directive_path: &str, registry_path: &str) -> Result<(), Box<dyn Error>> {
    let read = |path: &str| {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))
    };
    // The loader names the file, line and path in its errors; JSON files are read as JSON.
    let loader = Loader::new().origin(directive_path);
    let text = read(directive_path)?;
    let directive = if directive_path.ends_with(".json") {
        loader.json(&text)?
    } else {
        loader.toml(&text)?
    };
    let registry = Registry::from_toml_str(&read(registry_path)?)
        .map_err(|e| format!("`{registry_path}`: {e}"))?;
    let doc = directive.document();
    println!(
        "{} ({}): {} tasks, {} recipients",
        doc.symbol(),
        doc.issued(),
        directive.tasks().len(),
        directive.recipients().len()
    );
    for (i, selector) in directive.recipients().iter().enumerate() {
        let bodies = registry.select(selector, directive.issued())?;
        println!("  recipient {}: {} bodies", i + 1, bodies.len());
    }
    let lints = directive.lint(&registry, &directives::calendar::WorkCalendar::vietnam()?)?;
    println!("{} lints", lints.len());
    for lint in &lints {
        println!("{lint}");
        println!("    vi: {}", lint.sentence(directives::Lang::Vi));
    }
    Ok(())
}
