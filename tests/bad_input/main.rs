//! Malformed inputs, each with its expected error pinned beside it.
//!
//! Each area of the crate that reads files has a folder here (`directive/`, `registry/`,
//! `criteria/`, `events/`) holding cases: an input file (`name.toml`, `name.json`,
//! `name.csv`) and `name.expected`, which reads
//!
//! ```text
//! description: what is wrong with the input
//! kind: Load/Invalid/DuplicateTask
//! message: invalid directive toml in `directive/name.toml` at line 9, column 10: …
//! ```
//!
//! The runner loads every input with the area's loader, naming it by its path under this
//! folder, and asserts that loading fails with exactly that kind and message, that the
//! message names the file and a line or a path, and that it stays short whatever the size
//! of the input. To add a case, drop the two files in the folder; to add an area, add a
//! folder and one entry to [`AREAS`]. With `BAD_INPUT_BLESS=1` the runner writes the
//! `.expected` files of the cases that have none (to be read before committing).
//!
//! Cases too large to check in (a 100 MB string) are generated at run time below.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails loudly"
)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use std::sync::OnceLock;

use directives::Limit;
use directives::calendar::WorkCalendar;
use directives::compliance::EventLoader;
use directives::criteria;
use directives::directive::{Directive, DirectiveError, LoadProblem, Loader};
use directives::obligation::{ExpansionOptions, Obligations, obligations_with};
use directives::org::{self, OrgError, Registry};
use directives::period::Period;
use directives::regime::ReportingRegime;

/// The longest message a case may give, in bytes: values are quoted with a bound.
const MESSAGE_LIMIT: usize = 1_000;

/// A failure to load: its kind (the error's variant path) and its message.
struct Failure {
    kind: String,
    message: String,
}

/// A loader for one area: the case's name (its path under this folder), its extension
/// and its text; `Ok(())` if the input loads, which for a case is a failure of the test.
type AreaLoader = fn(&str, &str, &str) -> Result<(), Failure>;

/// The areas, by folder.
const AREAS: &[(&str, AreaLoader)] = &[
    ("directive", load_directive),
    ("registry", load_registry),
    ("criteria", load_criteria),
    ("events", load_events),
];

/// The least number of cases each area must have.
const MIN_CASES: &[(&str, usize)] = &[
    ("directive", 40),
    ("registry", 15),
    ("criteria", 10),
    ("events", 15),
];

/// The least number of cases of all areas together.
const MIN_TOTAL: usize = 90;

/// The obligations event logs are read against: the seed letter 1470-CV/TU expanded over
/// 2024 on the Thanh Hóa registry, with the half-yearly regime of Decree 09/2019 for its
/// periodic reports (as the `track` example does).
fn seed_obligations() -> &'static Obligations {
    static STORE: OnceLock<Obligations> = OnceLock::new();
    STORE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
        let registry =
            Registry::from_toml_str(&fs::read_to_string(root.join("thanh_hoa.toml")).unwrap())
                .unwrap();
        let letter =
            Directive::from_toml_str(&fs::read_to_string(root.join("1470-CV-TU.toml")).unwrap())
                .unwrap();
        let calendar = WorkCalendar::vietnam().unwrap();
        let options =
            ExpansionOptions::new().default_regime(ReportingRegime::decree_09_half_yearly());
        obligations_with(
            &letter,
            &registry,
            &calendar,
            Period::year(2024).unwrap(),
            &options,
        )
        .unwrap()
        .into_obligations()
    })
}

fn load_events(name: &str, extension: &str, text: &str) -> Result<(), Failure> {
    let loader = EventLoader::new(seed_obligations()).origin(name);
    let result = match extension {
        "csv" => loader.csv(text),
        "json" => loader.json(text),
        "toml" => loader.toml(text),
        other => panic!("{name}: no event log format `{other}`"),
    };
    result.map(|_| ()).map_err(|e| Failure {
        kind: format!("EventLog/{}", variant(e.problem())),
        message: e.to_string(),
    })
}

fn load_registry(name: &str, extension: &str, text: &str) -> Result<(), Failure> {
    let loader = org::Loader::new().origin(name);
    let result = match extension {
        "toml" => loader.toml(text),
        "json" => loader.json(text),
        other => panic!("{name}: no registry format `{other}`"),
    };
    result.map(|_| ()).map_err(|e| Failure {
        kind: registry_kind(&e),
        message: e.to_string(),
    })
}

/// The kind of a registry error: `Load/` and the variant of its cause.
fn registry_kind(e: &OrgError) -> String {
    match e {
        OrgError::Load { problem, .. } => match problem.as_ref() {
            OrgError::Limit { limit, .. } => format!("Load/Limit/{limit:?}"),
            other => format!("Load/{}", variant(other)),
        },
        other => variant(other),
    }
}

fn load_directive(name: &str, extension: &str, text: &str) -> Result<(), Failure> {
    let loader = Loader::new().origin(name);
    let result = match extension {
        "toml" => loader.toml(text),
        "json" => loader.json(text),
        other => panic!("{name}: no directive format `{other}`"),
    };
    result.map(|_| ()).map_err(|e| Failure {
        kind: directive_kind(&e),
        message: e.to_string(),
    })
}

/// Criteria are checked against the Thanh Hóa registry of the examples.
fn load_criteria(name: &str, extension: &str, text: &str) -> Result<(), Failure> {
    static REGISTRY: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    let registry = REGISTRY.get_or_init(|| {
        Registry::from_toml_str(include_str!("../../examples/data/thanh_hoa.toml")).unwrap()
    });
    let loader = criteria::Loader::new(registry).origin(name);
    let result = match extension {
        "toml" => loader.toml(text),
        "json" => loader.json(text),
        other => panic!("{name}: no criteria format `{other}`"),
    };
    result.map(|_| ()).map_err(|e| Failure {
        kind: match e.problem() {
            Some(problem) => format!("{}/{}", variant(&e), variant(problem)),
            None => variant(&e),
        },
        message: e.to_string(),
    })
}

/// The kind of a directive error: its variant, and the variants inside it.
fn directive_kind(e: &DirectiveError) -> String {
    match e {
        DirectiveError::Load { problem, .. } => match problem.as_ref() {
            LoadProblem::Syntax(_) => "Load/Syntax".to_owned(),
            LoadProblem::Data(_) => "Load/Data".to_owned(),
            LoadProblem::Empty => "Load/Empty".to_owned(),
            LoadProblem::Limit { limit, .. } => format!("Load/Limit/{limit:?}"),
            LoadProblem::Invalid(inner) => format!("Load/Invalid/{}", directive_kind(inner)),
            other => format!("Load/{}", variant(other)),
        },
        DirectiveError::Document(inner) => format!("Document/{}", variant(inner)),
        other => variant(other),
    }
}

/// The name of an enum value's variant, from its `Debug` form.
fn variant(value: &impl std::fmt::Debug) -> String {
    let debug = format!("{value:?}");
    debug
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input")
}

/// The expected kind and message of a case, from its `.expected` file.
fn expected(path: &Path) -> Option<(String, String)> {
    let text = fs::read_to_string(path).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name))
            .map(str::to_owned)
    };
    let pinned = (field("kind: ")?, field("message: ")?);
    let description = field("description: ");
    assert!(
        description.is_some_and(|d| !d.trim().is_empty() && d != "TODO"),
        "{}: no description",
        path.display()
    );
    Some(pinned)
}

/// Checks what every message must do: name the file, give a line or a path, stay short.
fn check_message(name: &str, message: &str) {
    assert!(
        message.contains(&format!("`{name}`")),
        "{name}: the message does not name the file: {message}"
    );
    assert!(
        message.contains(" at line ") || message.contains("at `") || message.contains(": the"),
        "{name}: the message names no line or path: {message}"
    );
    assert!(
        message.len() <= MESSAGE_LIMIT,
        "{name}: the message is {} bytes long",
        message.len()
    );
    assert!(!message.contains('\n'), "{name}: a message is one line");
}

#[test]
fn every_case_fails_as_pinned() {
    let bless = std::env::var_os("BAD_INPUT_BLESS").is_some();
    let mut failures = Vec::new();
    let mut total = 0;
    for (area, load) in AREAS {
        let folder = root().join(area);
        let mut entries: Vec<PathBuf> = fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        let mut cases = 0;
        for path in &entries {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if extension == "expected" {
                let input_exists = entries
                    .iter()
                    .any(|p| p != path && p.file_stem() == path.file_stem());
                assert!(input_exists, "{}: no input beside it", path.display());
                continue;
            }
            cases += 1;
            let file = path.file_name().and_then(|f| f.to_str()).unwrap();
            let name = format!("{area}/{file}");
            let text = fs::read_to_string(path).unwrap();
            let got = match load(&name, extension, &text) {
                Ok(()) => {
                    failures.push(format!("{name}: loaded without an error"));
                    continue;
                }
                Err(failure) => failure,
            };
            check_message(&name, &got.message);
            let expected_path = path.with_extension("expected");
            match expected(&expected_path) {
                Some((kind, message)) => {
                    if kind != got.kind || message != got.message {
                        failures.push(format!(
                            "{name}:\n  expected {kind}: {message}\n  got      {}: {}",
                            got.kind, got.message
                        ));
                    }
                }
                None if bless => {
                    let description = fs::read_to_string(&expected_path)
                        .ok()
                        .and_then(|t| {
                            t.lines()
                                .find_map(|l| l.strip_prefix("description: "))
                                .map(str::to_owned)
                        })
                        .unwrap_or_else(|| "TODO".to_owned());
                    let mut text = String::new();
                    let _ = writeln!(text, "description: {description}");
                    let _ = writeln!(text, "kind: {}", got.kind);
                    let _ = writeln!(text, "message: {}", got.message);
                    fs::write(&expected_path, text).unwrap();
                }
                None => failures.push(format!("{name}: no readable `.expected` beside it")),
            }
        }
        let least = MIN_CASES
            .iter()
            .find(|(a, _)| a == area)
            .map_or(1, |(_, n)| *n);
        assert!(cases >= least, "{area}: {cases} cases, fewer than {least}");
        total += cases;
    }
    assert!(
        total >= MIN_TOTAL,
        "{total} cases in all, fewer than {MIN_TOTAL}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The 100 MB string: refused by the size limit before it is parsed, so the message is
/// short and the load takes no memory beyond the text.
#[test]
fn a_100_mb_file_is_refused_by_the_size_limit() {
    // 100 MiB of Vietnamese text, built in place.
    let mut text = String::with_capacity((100 << 20) + 100);
    text.push_str("[document]\nsymbol = \"15/KH-UBND\"\nissued = \"2024-01-10\"\ntitle = \"");
    while text.len() < 100 << 20 {
        text.push('ệ');
    }
    text.push_str("\"\n");
    let name = "directive/generated_100mb_title.toml";
    let err = Loader::new().origin(name).toml(&text).unwrap_err();
    let message = err.to_string();
    check_message(name, &message);
    assert_eq!(
        message,
        format!(
            "invalid directive toml in `{name}`: the size in bytes exceeds the limit of 16777216: found {}",
            text.len()
        )
    );
    assert_eq!(directive_kind(&err), "Load/Limit/Bytes");
}

/// A long string the limits let through is quoted with a bound: the value and how much of
/// it was left out.
#[test]
fn a_long_value_is_quoted_with_a_bound() {
    let due = "3".repeat(4 << 20);
    for (extension, text) in [
        (
            "toml",
            format!(
                "[document]\nsymbol = \"15/KH-UBND\"\nissued = \"2024-01-10\"\n\n[[tasks]]\nnumber = \"1\"\ntitle = \"t\"\nrequirements = [{{ kind = \"deliverable\", what = \"w\", due = \"{due}\" }}]\n"
            ),
        ),
        (
            "json",
            format!(
                r#"{{"document": {{"symbol": "15/KH-UBND", "issued": "2024-01-10"}}, "tasks": [{{"number": "1", "title": "t", "requirements": [{{"kind": "deliverable", "what": "w", "due": "{due}"}}]}}]}}"#
            ),
        ),
    ] {
        let name = format!("directive/generated_long_due.{extension}");
        let failure = load_directive(&name, extension, &text).unwrap_err();
        check_message(&name, &failure.message);
        assert_eq!(failure.kind, "Load/Data");
        let position = if extension == "toml" {
            "line 8, column 59"
        } else {
            "line 1, column 165"
        };
        assert_eq!(
            failure.message,
            format!(
                "invalid directive {extension} in `{name}` at {position}, `tasks[0].requirements[0].due`: invalid due `{}` (… {} more bytes): expected a date `yyyy-mm-dd` or a term such as `30 days`",
                "3".repeat(80),
                due.len() - 80
            )
        );
    }
}

/// A huge unknown key: the path and the message quote it with a bound.
#[test]
fn a_huge_key_is_quoted_with_a_bound() {
    let key = "k".repeat(1 << 20);
    let json = format!(
        r#"{{"document": {{"symbol": "15/KH-UBND", "issued": "2024-01-10"}}, "{key}": 1}}"#
    );
    let toml = format!("{key} = 1\n[document]\nsymbol = \"15/KH-UBND\"\nissued = \"2024-01-10\"\n");
    for (extension, text) in [("json", json), ("toml", toml)] {
        let name = format!("directive/generated_huge_key.{extension}");
        let failure = load_directive(&name, extension, &text).unwrap_err();
        check_message(&name, &failure.message);
        assert_eq!(failure.kind, "Load/Data");
        let cut = "k".repeat(80);
        assert!(
            failure.message.contains(&format!(
                ", `{cut}` (… {} more bytes): unknown field `{cut}",
                key.len() - 80
            )),
            "{}",
            failure.message
        );
    }
}

/// One task more than the default limit.
#[test]
fn too_many_tasks_are_refused() {
    let mut text = String::from("[document]\nsymbol = \"15/KH-UBND\"\nissued = \"2024-01-10\"\n");
    let limit = directives::Limits::DEFAULT_MAX_TASKS;
    for i in 1..=limit + 1 {
        let _ = write!(text, "[[tasks]]\nnumber = \"{i}\"\ntitle = \"t\"\n");
    }
    let name = "directive/generated_too_many_tasks.toml";
    let err = Loader::new().origin(name).toml(&text).unwrap_err();
    assert_eq!(directive_kind(&err), "Load/Limit/Tasks");
    assert_eq!(
        err.to_string(),
        format!(
            "invalid directive toml in `{name}` at line {}, column 1, `tasks[{limit}]`: the number of tasks exceeds the limit of {limit}: found {}",
            4 + 3 * limit,
            limit + 1
        )
    );
    assert!(matches!(
        err,
        DirectiveError::Load { ref problem, .. }
            if matches!(**problem, LoadProblem::Limit { limit: Limit::Tasks, .. })
    ));
    // A loader with a higher limit reads it.
    let d = Loader::new()
        .limits(directives::Limits::new().with(directives::Limit::Tasks, limit + 1))
        .toml(&text)
        .unwrap();
    assert_eq!(d.tasks().len(), limit + 1);
}

/// Deep nesting generated at run time: far past the limit, refused before parsing, with
/// no stack overflow, in both formats.
#[test]
fn deep_nesting_is_refused_before_parsing() {
    let depth = 100_000;
    let json = format!("{{\"theme\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
    let err = Loader::new().json(&json).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid directive json at line 1, column 74: the nesting depth exceeds the limit of 64: found 65"
    );
    let toml = format!("theme = {}{}", "[".repeat(depth), "]".repeat(depth));
    let err = Loader::new().toml(&toml).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid directive toml at line 1, column 73: the nesting depth exceeds the limit of 64: found 65"
    );
}

/// A long TOML file is read a task at a time; it reads as the same directive as JSON, and
/// an error in a late task names that task's line and path.
#[test]
fn a_long_toml_file_reads_a_task_at_a_time_with_the_same_result_and_errors() {
    let mut text = String::from(
        "theme = \"Chuyển đổi số\"\n\n[document]\nsymbol = \"15/KH-UBND\"\nissued = \"2024-01-10\"\n",
    );
    for i in 1..=300 {
        let _ = write!(
            text,
            "\n[[tasks]]\nnumber = \"{i}\"\ntitle = \"Nhiệm vụ {i}\"\nrequirements = [{{ kind = \"deliverable\", what = \"báo cáo {i}\", due = \"30 days\" }}]\n"
        );
    }
    text.push_str("\n[monitoring]\ntext = \"theo dõi\"\n");
    let directive = Loader::new().toml(&text).unwrap();
    assert_eq!(directive.tasks().len(), 300);
    let json = directive.to_json_string().unwrap();
    assert_eq!(Loader::new().json(&json).unwrap(), directive);
    // A value of the wrong type in task 251 (its title on line 5 × 251 + 4).
    let bad = text.replace("title = \"Nhiệm vụ 251\"", "title = 251");
    let name = "directive/generated_late_title.toml";
    let err = Loader::new().origin(name).toml(&bad).unwrap_err();
    check_message(name, &err.to_string());
    assert_eq!(directive_kind(&err), "Load/Data");
    assert!(
        err.to_string().starts_with(&format!(
            "invalid directive toml in `{name}` at line 1259, column 9, `tasks[250].title`: "
        )),
        "{err}"
    );
    // A syntax error in task 300 (its number on line 5 × 300 + 3).
    let bad = text.replace("number = \"300\"", "number = \"300");
    let err = Loader::new().toml(&bad).unwrap_err();
    assert_eq!(directive_kind(&err), "Load/Syntax");
    assert!(
        err.to_string()
            .starts_with("invalid directive toml at line 1503, column 14: invalid basic string"),
        "{err}"
    );
    // A table under a task is read with the whole file, as TOML means it.
    let nested = text.replacen("[monitoring]", "[tasks.extra]\nx = 1\n\n[monitoring]", 1);
    let err = Loader::new().toml(&nested).unwrap_err();
    assert!(err.to_string().contains("`tasks[299].extra`"), "{err}");
    // Tasks in the head and in tables: TOML's error, as from one piece.
    let both = text.replacen("theme =", "tasks = []\ntheme =", 1);
    assert_eq!(
        directive_kind(&Loader::new().toml(&both).unwrap_err()),
        "Load/Syntax"
    );
}

/// A long TOML registry is read a table at a time; it reads as the same registry as from
/// one piece and from JSON, and an error in a late body or change names its line and path.
#[test]
fn a_long_toml_registry_reads_a_table_at_a_time_with_the_same_result_and_errors() {
    // A comment naming the lists does not change the meaning.
    let mut text = String::from("# bodies and changes of a province\n");
    for i in 0..200 {
        let _ = write!(
            text,
            "\n[[bodies]]\ncode = \"P-{i}\"\nname = \"Cơ quan {i}\"\nkind = \"department_or_agency\"\nlevel = \"province\"\nfrom = \"2020-01-01\"\n"
        );
        if i > 0 {
            let _ = writeln!(text, "parent = \"P-{}\"", (i - 1) / 4);
        }
    }
    text.push_str("\n[[changes]]\nchange = \"dissolve\"\ndate = \"2025-07-01\"\nbody = \"P-199\"\nsuccessor = \"P-198\"\n");
    let registry = Registry::from_toml_str(&text).unwrap();
    assert_eq!(registry.len(), 200);
    assert_eq!(registry.changes().len(), 1);
    let json = registry.to_json_string().unwrap();
    let back = Registry::from_json_str(&json).unwrap();
    assert_eq!(back.to_json_string().unwrap(), json);
    // A short file of the same bodies (read in one piece) writes the same registry.
    let short: String = text
        .split("\n[[bodies]]")
        .take(3)
        .collect::<Vec<_>>()
        .join("\n[[bodies]]");
    let short = Registry::from_toml_str(&short).unwrap();
    assert_eq!(short.len(), 2);
    // A value of the wrong type in body 150 (its name on line 1 + 8 × 150 + 3 - 1 + 2).
    let bad = text.replace("name = \"Cơ quan 150\"", "name = 150");
    let name = "registry/generated_late_name.toml";
    let err = org::Loader::new().origin(name).toml(&bad).unwrap_err();
    check_message(name, &err.to_string());
    assert_eq!(registry_kind(&err), "Load/Syntax");
    let line = bad.lines().position(|l| l == "name = 150").unwrap() + 1;
    assert!(
        err.to_string().starts_with(&format!(
            "invalid registry toml in `{name}` at line {line}, column 8, `bodies[150].name`: "
        )),
        "{err}"
    );
    // A syntax error in the change.
    let bad = text.replace("change = \"dissolve\"", "change = \"dissolve");
    let err = org::Loader::new().toml(&bad).unwrap_err();
    let line = bad
        .lines()
        .position(|l| l.starts_with("change = "))
        .unwrap()
        + 1;
    assert!(
        err.to_string().starts_with(&format!(
            "invalid registry toml at line {line}, column 19: invalid basic string"
        )),
        "{err}"
    );
    // A builder error after parsing names the body's path and line.
    let bad = text.replacen("parent = \"P-37\"", "parent = \"P-999\"", 1);
    let err = org::Loader::new().toml(&bad).unwrap_err();
    assert!(err.to_string().contains("`bodies[149].parent`"), "{err}");
    // A table under a body, and bodies both in the head and in tables: read from one
    // piece, as TOML means them.
    let nested = format!("{text}\n[bodies.extra]\nx = 1\n");
    assert_eq!(
        registry_kind(&org::Loader::new().toml(&nested).unwrap_err()),
        "Load/Syntax"
    );
    let both = text.replacen("# bodies", "bodies = []\n# bodies", 1);
    assert_eq!(
        registry_kind(&org::Loader::new().toml(&both).unwrap_err()),
        "Load/Syntax"
    );
    // The limit on bodies holds.
    let err = org::Loader::new()
        .limits(directives::Limits::new().with(directives::Limit::Bodies, 100))
        .toml(&text)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the number of bodies exceeds the limit of 100: found 200"),
        "{err}"
    );
}
