//! Scenario files: the input is the text of a scenario, read next to the data of
//! `tests/scenarios` (its `data/` and `events/` directories), then run.
//!
//! Inputs that could name a file outside those directories (`..`, an absolute path, a
//! `\u` escape) are passed over, so that the target never reads a device or an endless
//! file.
//!
//! Properties:
//! - a text is loaded or refused with an error naming the scenario file, whose message is
//!   bounded;
//! - every variant of a scenario loaded runs, or is refused with such an error; an
//!   outcome has a text and says whether it passed.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use directives::scenario::Scenario;
use directives_fuzz::bounded_message;
use libfuzzer_sys::fuzz_target;

/// A directory of this process with the scenario data linked in.
fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("directives-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let scenarios = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/scenarios"));
        for name in ["data", "events"] {
            let link = dir.join(name);
            if !link.exists() {
                std::os::unix::fs::symlink(scenarios.join(name), &link).expect("a link");
            }
        }
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if ["..", "\\u", "\\U", "\"/", "'/", "/dev", "/proc", "/sys"]
        .iter()
        .any(|bad| text.contains(bad))
    {
        return;
    }
    let file = dir().join("fuzz.scenario.toml");
    std::fs::write(&file, text).expect("the scenario is written");
    let scenario = match Scenario::load(&file) {
        Ok(scenario) => scenario,
        Err(e) => {
            let message = bounded_message(&e);
            assert!(message.contains("fuzz.scenario.toml"), "{message}");
            return;
        }
    };
    for variant in scenario.variant_names() {
        match scenario.run(variant) {
            Ok(outcome) => {
                assert!(!outcome.text().trim().is_empty(), "variant {variant}");
                assert_eq!(outcome.passed(), outcome.mismatches().next().is_none());
            }
            Err(e) => {
                let message = bounded_message(&e);
                assert!(message.contains("fuzz.scenario.toml"), "{message}");
            }
        }
    }
});
