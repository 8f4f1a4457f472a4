//! The shared data folder (the yardstick files, the symbol corpus), named by the
//! environment variable `DIRECTIVES_SHARED`.
//!
//! A bare clone has no such folder: the tests that need it then skip, and say so on the
//! terminal. The line goes straight to standard error, past the test harness's capture,
//! so that a skip is seen in an ordinary `cargo test` run and never passes silently.

use std::io::Write;
use std::path::PathBuf;

/// `DIRECTIVES_SHARED/<relative>` when it exists; otherwise `None`, after writing one line
/// that names the test and why it skipped.
pub(crate) fn path(test: &str, relative: &str) -> Option<PathBuf> {
    let why = match std::env::var_os("DIRECTIVES_SHARED") {
        None => "DIRECTIVES_SHARED is not set (it names the shared data folder)".to_owned(),
        Some(root) => {
            let path = PathBuf::from(root).join(relative);
            if path.exists() {
                return Some(path);
            }
            format!("`{}` is missing", path.display())
        }
    };
    // Written directly, not with `eprintln!`, which the harness would capture.
    let _ = writeln!(std::io::stderr(), "skipped {test}: {why}");
    None
}
