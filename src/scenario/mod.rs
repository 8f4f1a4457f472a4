//! Scenario files: tests of the compliance rules, written as data (feature `serde`).
//!
//! # What a scenario is
//!
//! A scenario is a TOML file (`name.scenario.toml`) that names its inputs — a registry of
//! bodies and a directive, by paths relative to the scenario, a reporting regime chosen
//! for the reports the directive leaves without one, a horizon and an evaluation policy —
//! lists events (inline, each naming its obligation by task, body code and period, or in
//! an event log by path), and states what an evaluation must find as of one or more
//! dates: the status of a finding, its rule id and provision, its notes, lateness and
//! holder, the counts by status, the diagnostics, and grades. A *negative* scenario states
//! instead the error the scenario must give (`[error]`, with its path and message).
//!
//! *Variants* are named small edits of the events (add, remove, replace) with their own
//! expectations; each runs on its own. An edit names an inline event by its `id`, and an
//! event of the event log (CSV, JSON or TOML, which has no ids) by its obligation — task,
//! body and period, with the kind and date when need be — and must name exactly one.
//!
//! Every reference is checked when the scenario is read, before anything runs: an unknown
//! body code, task, status, rule id, note, grade or grading policy, a selection that
//! matches no obligation, an as-of date the scenario does not evaluate, an expectation
//! that checks nothing — each is a [`ScenarioError`] naming the file, the path of the value
//! (`expect[0].findings[1].body`) and the value. A scenario never passes by checking less
//! than it says.
//!
//! The runner ([`run_file`], [`run_dir`], [`run_variant`]) returns an [`Outcome`] per
//! variant: every expectation compared with what happened ([`Comparison`]), all
//! mismatches collected, and the full result as text. That text is compared with the
//! golden file next to the scenario (`name.golden.txt`, `name.<variant>.golden.txt`) so a
//! change of any verdict or explanation shows in review; [`Outcome::bless`] rewrites it.
//! The format is described in the design page ("Data formats").
//!
//! # Example
//!
//! ```
//! use directives::scenario::run_file;
//!
//! let outcomes = run_file("tests/scenarios/done_on_time.scenario.toml")?;
//! assert!(outcomes.iter().all(|o| o.passed()), "{}", outcomes[0]);
//! assert_eq!(outcomes[0].variant(), "base");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod wire;

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};

pub use self::error::{ScenarioError, ScenarioProblem};
use self::wire::{CheckWire, EventWire, FindingWire, GradeWire, ScenarioWire, VariantWire};
use crate::calendar::WeekMask;
use crate::compliance::{
    EvaluationPolicy, EventKind, EventRecord, Events, Finding, Findings, Grade, GradingPolicy,
    Note, Status, StatusCounts, evaluate,
};
use crate::criteria::{Criteria, Verdict};
use crate::directive::{Directive, Loader};
use crate::obligation::{ExpansionOptions, ObligationKey, Obligations, Skipped};
use crate::org::Registry;
use crate::period::Period;
use crate::regime::ReportingRegime;

/// The name of the scenario itself among its variants.
///
/// # Example
///
/// ```
/// use directives::scenario::{BASE, variant_names};
///
/// assert_eq!(variant_names("tests/scenarios/waived.scenario.toml")?, [BASE, "reopened"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const BASE: &str = "base";

/// The suffix of scenario files, which [`run_dir`] and [`scenario_files`] look for.
///
/// # Example
///
/// ```
/// use directives::scenario::{SUFFIX, scenario_files};
///
/// let files = scenario_files("tests/scenarios")?;
/// assert!(files.iter().all(|f| f.to_string_lossy().ends_with(SUFFIX)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const SUFFIX: &str = ".scenario.toml";

/// The note kinds, as scenarios name them.
const NOTE_KINDS: [&str; 5] = [
    "rest_day_shift",
    "extended",
    "grace_days",
    "reopened",
    "passed",
];

/// The grading policy presets, as scenarios name them.
fn grading_policy(name: &str) -> Option<GradingPolicy> {
    crate::criteria::NamedPolicy::preset(name).map(|p| p.policy().clone())
}

fn note_kind(note: &Note) -> &'static str {
    match note {
        Note::RestDayShift { .. } => "rest_day_shift",
        Note::Extended { .. } => "extended",
        Note::GraceDays { .. } => "grace_days",
        Note::Reopened { .. } => "reopened",
        Note::Passed { .. } => "passed",
    }
}

/// The outcomes of an indicator, as scenarios name them (`none` for a finding that is not
/// an indicator's).
const INDICATOR_OUTCOMES: [&str; 4] = ["met", "missed", "no_value", "none"];

fn indicator_name(outcome: Option<&crate::compliance::IndicatorOutcome>) -> &'static str {
    outcome.map_or("none", crate::compliance::IndicatorOutcome::code)
}

fn grade_name(grade: Option<Grade>) -> &'static str {
    match grade {
        Some(Grade::Excellent) => "excellent",
        Some(Grade::Good) => "good",
        Some(Grade::Completed) => "completed",
        Some(Grade::NotCompleted) => "not_completed",
        None => "none",
    }
}

/// One expectation compared with what happened: the path of the expectation in the
/// scenario file and both values as text.
///
/// # Example
///
/// ```
/// use directives::scenario::run_file;
///
/// let outcome = &run_file("tests/scenarios/done_on_time.scenario.toml")?[0];
/// let status = outcome.comparisons().iter().find(|c| c.path() == "expect[0].findings[0].status").ok_or("none")?;
/// assert_eq!(status.expected(), "done_on_time");
/// assert!(status.holds());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    path: String,
    expected: String,
    actual: String,
}

impl Comparison {
    fn new(
        path: impl Into<String>,
        expected: impl Into<String>,
        actual: impl Into<String>,
    ) -> Self {
        Comparison {
            path: path.into(),
            expected: expected.into(),
            actual: actual.into(),
        }
    }

    /// The path of the expectation in the scenario file
    /// (`variants[0].expect[1].findings[0].status`).
    ///
    /// # Example
    ///
    /// See [`Comparison`].
    ///
    /// ```
    /// use directives::scenario::run_file;
    ///
    /// let outcome = &run_file("tests/scenarios/done_on_time.scenario.toml")?[0];
    /// assert!(outcome.comparisons().iter().any(|c| c.path() == "expect[0].counts.done_on_time"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value the scenario expects.
    ///
    /// # Example
    ///
    /// See [`Comparison`].
    ///
    /// ```
    /// use directives::scenario::run_file;
    ///
    /// let outcome = &run_file("tests/scenarios/done_on_time.scenario.toml")?[0];
    /// assert!(outcome.comparisons().iter().all(|c| !c.expected().is_empty()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn expected(&self) -> &str {
        &self.expected
    }

    /// The value found.
    ///
    /// # Example
    ///
    /// See [`Comparison`].
    ///
    /// ```
    /// use directives::scenario::run_file;
    ///
    /// let outcome = &run_file("tests/scenarios/done_on_time.scenario.toml")?[0];
    /// assert!(outcome.comparisons().iter().all(|c| c.actual() == c.expected()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn actual(&self) -> &str {
        &self.actual
    }

    /// Whether the value found is the value expected.
    ///
    /// # Example
    ///
    /// See [`Comparison`].
    ///
    /// ```
    /// use directives::scenario::run_file;
    ///
    /// let outcome = &run_file("tests/scenarios/done_on_time.scenario.toml")?[0];
    /// assert!(outcome.comparisons().iter().all(|c| c.holds()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn holds(&self) -> bool {
        self.expected == self.actual
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}`: expected `{}`, found `{}`",
            self.path,
            crate::text::bound_message(&self.expected),
            crate::text::bound_message(&self.actual)
        )
    }
}

/// The result of running one variant of one scenario: every expectation compared with
/// what happened, and the full result as text (checked against the golden file).
///
/// Its `Display` is the failure message: one line per mismatch, naming the file, the
/// variant, the expectation's path and both values (or `passed`). It is data as well: a
/// tool that keeps its test runs writes it to JSON or TOML and reads it back whole.
///
/// # Example
///
/// ```
/// use directives::scenario::run_file;
///
/// let outcome = &run_file("tests/scenarios/done_on_time.scenario.toml")?[0];
/// assert!(outcome.passed());
/// assert_eq!(outcome.mismatches().count(), 0);
/// assert!(outcome.text().contains("done_on_time"));
/// assert_eq!(outcome.to_string(), "scenario `tests/scenarios/done_on_time.scenario.toml`, variant `base`: passed");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    file: PathBuf,
    variant: String,
    comparisons: Vec<Comparison>,
    text: String,
}

impl Outcome {
    /// The scenario file.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::scenario::run_file;
    ///
    /// let outcome = &run_file("tests/scenarios/done_on_time.scenario.toml")?[0];
    /// assert!(outcome.file().ends_with("done_on_time.scenario.toml"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The variant's name ([`BASE`] for the scenario itself).
    ///
    /// # Example
    ///
    /// See [`Outcome`].
    ///
    /// ```
    /// use directives::scenario::{run_file, BASE};
    ///
    /// assert_eq!(run_file("tests/scenarios/done_on_time.scenario.toml")?[0].variant(), BASE);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn variant(&self) -> &str {
        &self.variant
    }

    /// Every comparison, in the order of the scenario file, then the golden file's.
    ///
    /// # Example
    ///
    /// See [`Comparison`].
    ///
    /// ```
    /// use directives::scenario::run_file;
    ///
    /// assert!(!run_file("tests/scenarios/done_on_time.scenario.toml")?[0].comparisons().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn comparisons(&self) -> &[Comparison] {
        &self.comparisons
    }

    /// The comparisons that do not hold.
    ///
    /// # Example
    ///
    /// See [`Outcome`].
    ///
    /// ```
    /// use directives::scenario::run_file;
    ///
    /// assert_eq!(run_file("tests/scenarios/done_on_time.scenario.toml")?[0].mismatches().count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mismatches(&self) -> impl Iterator<Item = &Comparison> {
        self.comparisons.iter().filter(|c| !c.holds())
    }

    /// Whether every comparison holds.
    ///
    /// # Example
    ///
    /// See [`Outcome`].
    ///
    /// ```
    /// use directives::scenario::run_file;
    ///
    /// assert!(run_file("tests/scenarios/done_on_time.scenario.toml")?[0].passed());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn passed(&self) -> bool {
        self.mismatches().next().is_none()
    }

    /// The full result as text: every finding with its explanation in English and
    /// Vietnamese, the counts, diagnostics and grades, for each as-of date (for a negative
    /// scenario, the error).
    ///
    /// # Example
    ///
    /// See [`Outcome`].
    ///
    /// ```
    /// use directives::scenario::run_file;
    ///
    /// let text = run_file("tests/scenarios/done_on_time.scenario.toml")?[0].text().to_owned();
    /// assert!(text.contains("Done on time"));
    /// assert!(text.contains("Đã hoàn thành đúng hạn"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The golden file of this variant: `name.golden.txt` next to `name.scenario.toml` for
    /// the scenario itself, `name.<variant>.golden.txt` for a variant.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::scenario::run_file;
    ///
    /// let outcome = &run_file("tests/scenarios/done_on_time.scenario.toml")?[0];
    /// assert!(outcome.golden_path().ends_with("done_on_time.golden.txt"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn golden_path(&self) -> PathBuf {
        golden_path(&self.file, &self.variant)
    }

    /// Writes the result text to the golden file (after a change whose new result a person
    /// has read).
    ///
    /// # Errors
    ///
    /// [`ScenarioProblem::Read`] when the file cannot be written.
    ///
    /// # Example
    ///
    /// ```no_run
    /// use directives::scenario::run_file;
    ///
    /// for outcome in run_file("my_scenarios/late.scenario.toml")? {
    ///     outcome.bless()?;
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bless(&self) -> Result<(), ScenarioError> {
        let path = self.golden_path();
        std::fs::write(&path, &self.text).map_err(|e| {
            ScenarioError::new(
                &self.file,
                ".",
                ScenarioProblem::Read {
                    message: format!("cannot write `{}`: {e}", path.display()),
                },
            )
        })
    }

    /// Compares the text with the golden file and records the first differing line (or a
    /// missing file) as a comparison.
    fn check_golden(&mut self) {
        let path = self.golden_path();
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match std::fs::read_to_string(&path) {
            Err(_) => self.comparisons.push(Comparison::new(
                format!("golden `{name}`"),
                "a golden file (write it with `Outcome::bless`, or SCENARIO_BLESS=1 in the test suite)",
                "no such file",
            )),
            Ok(golden) => {
                let mut expected = golden.lines();
                let mut actual = self.text.lines();
                for n in 1usize.. {
                    match (expected.next(), actual.next()) {
                        (None, None) => break,
                        (e, a) if e == a => {}
                        (e, a) => {
                            self.comparisons.push(Comparison::new(
                                format!("golden `{name}` line {n}"),
                                e.unwrap_or("(end of file)"),
                                a.unwrap_or("(end of result)"),
                            ));
                            break;
                        }
                    }
                }
            }
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let head = format!(
            "scenario {}, variant {}",
            crate::text::quote(&self.file.display().to_string()),
            crate::text::quote(&self.variant)
        );
        let mut any = false;
        for mismatch in self.mismatches() {
            if any {
                f.write_str("\n")?;
            }
            write!(f, "{head}: {mismatch}")?;
            any = true;
        }
        if !any {
            write!(f, "{head}: passed")?;
        }
        Ok(())
    }
}

fn golden_path(file: &Path, variant: &str) -> PathBuf {
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let stem = name.strip_suffix(SUFFIX).unwrap_or(&name);
    let golden = if variant == BASE {
        format!("{stem}.golden.txt")
    } else {
        format!("{stem}.{variant}.golden.txt")
    };
    file.with_file_name(golden)
}

/// Expectations of one finding, with every reference resolved.
#[derive(Debug, Clone)]
struct FindingCheck {
    path: String,
    obligation: ObligationKey,
    status: Option<Status>,
    rule_id: Option<&'static str>,
    provision: Option<String>,
    notes: Option<Vec<&'static str>>,
    lateness: Option<wire::LatenessWire>,
    holder: Option<String>,
    due: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    indicator: Option<&'static str>,
}

/// Expectations of one grade, with every reference resolved.
#[derive(Debug, Clone)]
struct GradeCheck {
    path: String,
    body: String,
    year: i32,
    policy_name: String,
    policy: GradingPolicy,
    grade: Option<Option<Grade>>,
    index: Option<f64>,
}

/// Expectations of one criterion's assessment, with its id checked.
#[derive(Debug, Clone)]
struct CriterionCheck {
    path: String,
    id: String,
    verdict: Option<Verdict>,
    groups: Option<[u64; 4]>,
    violating: Option<Vec<String>>,
    in_force: Option<bool>,
}

/// The verdicts of a criterion, in the order scenarios count groups.
const VERDICTS: [Verdict; 4] = [
    Verdict::Satisfied,
    Verdict::Violated,
    Verdict::NotApplicable,
    Verdict::Indeterminate,
];

/// Expectations for one as-of date.
#[derive(Debug, Clone)]
struct Check {
    path: String,
    as_of: NaiveDate,
    counts: Option<[u64; 6]>,
    diagnostics: Vec<String>,
    findings: Vec<FindingCheck>,
    grades: Vec<GradeCheck>,
    criteria: Vec<CriterionCheck>,
}

/// The scenario itself or one of its variants: its events and its checks.
#[derive(Debug, Clone)]
struct Variant {
    name: String,
    description: Option<String>,
    events: Vec<EventRecord>,
    checks: Vec<Check>,
}

/// A scenario read from its file, with its inputs loaded and every reference checked.
///
/// # Example
///
/// ```
/// use directives::scenario::Scenario;
///
/// let scenario = Scenario::load("tests/scenarios/extension_before_deadline.scenario.toml")?;
/// assert!(!scenario.description().is_empty());
/// assert_eq!(scenario.variant_names()[0], "base");
/// let outcome = scenario.run("base")?;
/// assert!(outcome.passed(), "{outcome}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Scenario {
    file: PathBuf,
    description: String,
    provisions: Vec<String>,
    obligations: Obligations,
    registry: Registry,
    criteria: Option<Criteria>,
    skipped: Vec<Skipped>,
    policy: EvaluationPolicy,
    as_of: Vec<NaiveDate>,
    /// The data windows and due dates of the scenario's regime over the horizon, as text.
    windows: Vec<String>,
    /// The expected data windows (path, expected, found), compared in every variant.
    window_checks: Vec<Comparison>,
    variants: Vec<Variant>,
}

/// The error a negative scenario expects, if it has an `[error]` table.
fn expected_error(file: &Path, text: &str) -> Result<Option<wire::ErrorWire>, ScenarioError> {
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| syntax_error(file, text, "", &e))?;
    match table.get("error") {
        None => Ok(None),
        Some(value) => value
            .clone()
            .try_into::<wire::ErrorWire>()
            .map(Some)
            .map_err(|e| {
                ScenarioError::new(
                    file,
                    "error",
                    ScenarioProblem::Syntax {
                        message: crate::text::bound_message(e.message()),
                    },
                )
            }),
    }
}

/// The line of a byte offset in a text, from 1.
fn line_of(text: &str, offset: usize) -> u32 {
    let before = text.get(..offset).unwrap_or(text);
    u32::try_from(before.matches('\n').count() + 1).unwrap_or(u32::MAX)
}

fn syntax_error(file: &Path, text: &str, path: &str, error: &toml::de::Error) -> ScenarioError {
    // An event is read with its span; the path of a value inside it names the event.
    let path = path.replace(".$__serde_spanned_private_value", "");
    let path = if path.is_empty() { "." } else { path.as_str() };
    let mut e = ScenarioError::new(
        file,
        path,
        ScenarioProblem::Syntax {
            message: crate::text::bound_message(error.message().trim_end()),
        },
    );
    if let Some(span) = error.span() {
        e = e.at_line(line_of(text, span.start));
    }
    e
}

fn read(file: &Path, path: &str, what: &Path) -> Result<String, ScenarioError> {
    std::fs::read_to_string(what).map_err(|e| {
        ScenarioError::new(
            file,
            path,
            ScenarioProblem::Read {
                message: format!("`{}`: {e}", what.display()),
            },
        )
    })
}

/// Reads an input file named by the scenario (relative to it) with the loader of its
/// kind, in the format its name tells; its errors stand at `path`.
fn input<L: crate::load::TextLoader>(
    file: &Path,
    path: &str,
    name: &str,
    loader: L,
) -> Result<L::Output, ScenarioError> {
    let dir = file.parent().unwrap_or(Path::new(""));
    let text = read(file, path, &dir.join(name))?;
    crate::load::read_with(
        loader,
        crate::load::Format::from_path(name),
        Some(name),
        &text,
    )
    .map_err(|e| {
        ScenarioError::new(
            file,
            path,
            ScenarioProblem::Input {
                file: name.to_owned(),
                message: e.to_string(),
            },
        )
    })
}

/// What one obligation selection names, for lookups.
type SelectionKey = (String, String, String);

/// The context in which references are resolved.
struct Resolver<'a> {
    file: &'a Path,
    text: &'a str,
    registry: &'a Registry,
    directive: &'a Directive,
    obligations: &'a Obligations,
    index: HashMap<SelectionKey, Vec<(u32, ObligationKey)>>,
    as_of: &'a [NaiveDate],
    /// Whether the evaluation counts working days (it has a calendar).
    working_days: bool,
    criteria: Option<&'a Criteria>,
}

impl Resolver<'_> {
    fn error(&self, path: impl Into<String>, problem: ScenarioProblem) -> ScenarioError {
        ScenarioError::new(self.file, path, problem)
    }

    fn body(&self, path: String, code: &str) -> Result<String, ScenarioError> {
        match self.registry.id(code) {
            Some(_) => Ok(code.to_owned()),
            None => Err(self.error(
                path,
                ScenarioProblem::UnknownBody {
                    code: code.to_owned(),
                },
            )),
        }
    }

    /// The obligation named by task, body, period and requirement (from 1).
    fn obligation(
        &self,
        path: &str,
        task: &str,
        body: &str,
        period: &str,
        requirement: Option<u32>,
    ) -> Result<ObligationKey, ScenarioError> {
        self.body(format!("{path}.body"), body)?;
        let clause: crate::directive::Clause = task.parse().map_err(|_| {
            self.error(
                format!("{path}.task"),
                ScenarioProblem::UnknownTask {
                    task: task.to_owned(),
                },
            )
        })?;
        let known = self.directive.clauses().any(|t| *t.clause() == clause);
        if !known {
            return Err(self.error(
                format!("{path}.task"),
                ScenarioProblem::UnknownTask {
                    task: task.to_owned(),
                },
            ));
        }
        let period: Period = period.parse().map_err(|_| {
            self.error(
                format!("{path}.period"),
                ScenarioProblem::InvalidValue {
                    value: period.to_owned(),
                    expected:
                        "a period such as `2024`, `2024-H1`, `2024-Q3`, `2024-09` or `2024-9M`"
                            .to_owned(),
                },
            )
        })?;
        let selection = format!("task {}, body {body}, period {period}", clause.as_str());
        let key = (
            clause.as_str().to_owned(),
            body.to_owned(),
            period.to_string(),
        );
        let candidates: Vec<&(u32, ObligationKey)> = self
            .index
            .get(&key)
            .map(|v| {
                v.iter()
                    .filter(|(n, _)| requirement.is_none_or(|r| r == *n))
                    .collect()
            })
            .unwrap_or_default();
        match candidates.as_slice() {
            [(_, key)] => Ok(key.clone()),
            [] => Err(self.error(
                path.to_owned(),
                ScenarioProblem::NoObligation {
                    selection: match requirement {
                        Some(r) => format!("{selection}, requirement {r}"),
                        None => selection,
                    },
                },
            )),
            many => Err(self.error(
                path.to_owned(),
                ScenarioProblem::AmbiguousObligation {
                    selection,
                    count: many.len(),
                },
            )),
        }
    }

    fn event(
        &self,
        path: &str,
        spanned: &toml::Spanned<EventWire>,
    ) -> Result<(Option<String>, EventRecord), ScenarioError> {
        let line = line_of(self.text, spanned.span().start);
        let wire = spanned.get_ref();
        let at = |e: ScenarioError| e.at_line(line);
        let key = self
            .obligation(path, &wire.task, &wire.body, &wire.period, wire.requirement)
            .map_err(at)?;
        let kind_name = wire.kind.as_str();
        let missing = |field: &'static str| {
            at(self.error(
                format!("{path}.{field}"),
                ScenarioProblem::MissingField {
                    field,
                    kind: kind_name.to_owned(),
                },
            ))
        };
        // Which optional fields the kind takes.
        let (takes_document, takes_new_due, takes_waiver, takes_value) = match kind_name {
            "submitted" => (true, false, false, false),
            "completed" | "reopened" => (false, false, false, false),
            "extended" => (true, true, false, false),
            "waived" => (false, false, true, false),
            "indicator_value" => (false, false, false, true),
            other => {
                return Err(at(self.error(
                    format!("{path}.kind"),
                    ScenarioProblem::UnknownEventKind {
                        value: other.to_owned(),
                    },
                )));
            }
        };
        for (field, given, takes) in [
            ("document", wire.document.is_some(), takes_document),
            ("new_due", wire.new_due.is_some(), takes_new_due),
            ("by", wire.by.is_some(), takes_waiver),
            ("reason", wire.reason.is_some(), takes_waiver),
            ("value", wire.value.is_some(), takes_value),
        ] {
            if given && !takes {
                return Err(at(self.error(
                    format!("{path}.{field}"),
                    ScenarioProblem::FieldNotApplicable {
                        field,
                        kind: kind_name.to_owned(),
                    },
                )));
            }
        }
        let kind = match kind_name {
            "submitted" => EventKind::Submitted {
                document: wire.document.clone(),
            },
            "completed" => EventKind::Completed,
            "reopened" => EventKind::Reopened,
            "extended" => EventKind::Extended {
                new_due: wire.new_due.ok_or_else(|| missing("new_due"))?.0,
                document: wire.document.clone().ok_or_else(|| missing("document"))?,
            },
            "waived" => EventKind::Waived {
                by: wire.by.clone().ok_or_else(|| missing("by"))?,
                reason: wire.reason.clone().ok_or_else(|| missing("reason"))?,
            },
            _ => {
                let value = wire.value.ok_or_else(|| missing("value"))?;
                if !value.is_finite() {
                    return Err(at(self.error(
                        format!("{path}.value"),
                        ScenarioProblem::InvalidValue {
                            value: value.to_string(),
                            expected: "a finite number".to_owned(),
                        },
                    )));
                }
                EventKind::IndicatorValue { value }
            }
        };
        let mut record = EventRecord::new(key, wire.date.0, kind).at_line(line);
        if let Some(recorded) = wire.recorded {
            record = record.recorded_on(recorded.0);
        }
        Ok((wire.id.clone(), record))
    }

    fn check(&self, path: &str, wire: &CheckWire) -> Result<Check, ScenarioError> {
        let as_of = match (wire.as_of, self.as_of) {
            (Some(day), dates) if dates.contains(&day.0) => day.0,
            (Some(day), _) => {
                return Err(self.error(
                    format!("{path}.as_of"),
                    ScenarioProblem::NeverChecked {
                        reason: format!("`{}` is not one of the scenario's as-of dates", day.0),
                    },
                ));
            }
            (None, [only]) => *only,
            (None, _) => {
                return Err(self.error(
                    format!("{path}.as_of"),
                    ScenarioProblem::NeverChecked {
                        reason: "the scenario has several as-of dates: name the one this \
                                 expectation is for"
                            .to_owned(),
                    },
                ));
            }
        };
        let counts = match &wire.counts {
            None => None,
            Some(map) => {
                let mut counts = [0u64; 6];
                for (name, n) in map {
                    let status = parse_status(name).ok_or_else(|| {
                        self.error(
                            format!("{path}.counts.{name}"),
                            ScenarioProblem::UnknownStatus {
                                value: name.clone(),
                            },
                        )
                    })?;
                    if let Some(slot) = counts.get_mut(status as usize) {
                        *slot = *n;
                    }
                }
                Some(counts)
            }
        };
        let findings = wire
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| self.finding(&format!("{path}.findings[{i}]"), f))
            .collect::<Result<Vec<_>, _>>()?;
        let criteria = wire
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| self.criterion(&format!("{path}.criteria[{i}]"), c))
            .collect::<Result<Vec<_>, _>>()?;
        let grades = wire
            .grades
            .iter()
            .enumerate()
            .map(|(i, g)| self.grade(&format!("{path}.grades[{i}]"), g))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Check {
            path: path.to_owned(),
            as_of,
            counts,
            diagnostics: wire.diagnostics.clone().unwrap_or_default(),
            findings,
            grades,
            criteria,
        })
    }

    fn criterion(
        &self,
        path: &str,
        wire: &wire::CriterionWire,
    ) -> Result<CriterionCheck, ScenarioError> {
        let Some(criteria) = self.criteria else {
            return Err(self.error(
                path.to_owned(),
                ScenarioProblem::NeverChecked {
                    reason: "the scenario names no criteria file".to_owned(),
                },
            ));
        };
        if criteria.get(&wire.id).is_none() {
            return Err(self.error(
                format!("{path}.id"),
                ScenarioProblem::UnknownCriterion {
                    id: wire.id.clone(),
                },
            ));
        }
        let verdict =
            match &wire.verdict {
                None => None,
                Some(v) => Some(VERDICTS.into_iter().find(|k| k.as_str() == v).ok_or_else(
                    || {
                        self.error(
                            format!("{path}.verdict"),
                            ScenarioProblem::UnknownVerdict { value: v.clone() },
                        )
                    },
                )?),
            };
        let groups = match &wire.groups {
            None => None,
            Some(map) => {
                let mut groups = [0u64; 4];
                for (name, n) in map {
                    let Some(at) = VERDICTS.iter().position(|v| v.as_str() == name) else {
                        return Err(self.error(
                            format!("{path}.groups.{name}"),
                            ScenarioProblem::UnknownVerdict {
                                value: name.clone(),
                            },
                        ));
                    };
                    if let Some(slot) = groups.get_mut(at) {
                        *slot = *n;
                    }
                }
                Some(groups)
            }
        };
        if let (Some(verdict), Some(groups)) = (verdict, groups) {
            // A verdict is the worst of its groups'; expected counts that give another
            // verdict can never hold.
            let implied = crate::criteria::GroupCounts::of(groups).verdict();
            if implied != verdict {
                return Err(self.error(
                    format!("{path}.verdict"),
                    ScenarioProblem::NeverChecked {
                        reason: format!(
                            "the expected groups give the verdict `{implied}`, not `{verdict}`, so both cannot hold"
                        ),
                    },
                ));
            }
        }
        if let (Some(groups), Some(violating)) = (groups, &wire.violating)
            && groups.get(1).copied() != u64::try_from(violating.len()).ok()
        {
            return Err(self.error(
                format!("{path}.violating"),
                ScenarioProblem::NeverChecked {
                    reason:
                        "the violating groups listed are not as many as the violated groups counted"
                            .to_owned(),
                },
            ));
        }
        if verdict.is_none()
            && groups.is_none()
            && wire.violating.is_none()
            && wire.in_force.is_none()
        {
            return Err(self.error(
                path.to_owned(),
                ScenarioProblem::NeverChecked {
                    reason: "it names a criterion but checks nothing of it: give a verdict, groups, violating or in_force"
                        .to_owned(),
                },
            ));
        }
        let mut violating = wire.violating.clone();
        if let Some(v) = violating.as_mut() {
            v.sort();
        }
        Ok(CriterionCheck {
            path: path.to_owned(),
            id: wire.id.clone(),
            verdict,
            groups,
            violating,
            in_force: wire.in_force,
        })
    }

    fn finding(&self, path: &str, wire: &FindingWire) -> Result<FindingCheck, ScenarioError> {
        let obligation =
            self.obligation(path, &wire.task, &wire.body, &wire.period, wire.requirement)?;
        let status = match &wire.status {
            None => None,
            Some(s) => Some(parse_status(s).ok_or_else(|| {
                self.error(
                    format!("{path}.status"),
                    ScenarioProblem::UnknownStatus { value: s.clone() },
                )
            })?),
        };
        let rule_id = match &wire.rule_id {
            None => None,
            Some(r) => {
                let rule = Status::ALL
                    .iter()
                    .find(|s| s.rule_id() == r)
                    .ok_or_else(|| {
                        self.error(
                            format!("{path}.rule_id"),
                            ScenarioProblem::UnknownRuleId { value: r.clone() },
                        )
                    })?;
                if let Some(status) = status
                    && status != *rule
                {
                    return Err(self.error(
                        format!("{path}.rule_id"),
                        ScenarioProblem::NeverChecked {
                            reason: format!(
                                "rule id `{r}` is not the rule of status `{status}`, so both cannot hold"
                            ),
                        },
                    ));
                }
                Some(rule.rule_id())
            }
        };
        if let (Some(status), Some(provision)) = (status, &wire.provision)
            && status.provision(crate::Lang::En).unwrap_or("none") != provision
        {
            return Err(self.error(
                format!("{path}.provision"),
                ScenarioProblem::NeverChecked {
                    reason: format!(
                        "status `{status}` rests on {}, not {}, so both cannot hold",
                        crate::text::quote(status.provision(crate::Lang::En).unwrap_or("none")),
                        crate::text::quote(provision)
                    ),
                },
            ));
        }
        let notes = match &wire.notes {
            None => None,
            Some(notes) => Some(
                notes
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        NOTE_KINDS
                            .iter()
                            .find(|k| **k == n.as_str())
                            .copied()
                            .ok_or_else(|| {
                                self.error(
                                    format!("{path}.notes[{i}]"),
                                    ScenarioProblem::UnknownNote { value: n.clone() },
                                )
                            })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        if let Some(late) = wire.lateness
            && late.working_days.is_some()
            && !self.working_days
        {
            return Err(self.error(
                format!("{path}.lateness.working_days"),
                ScenarioProblem::NeverChecked {
                    reason: "the policy has no calendar, so working days are never counted"
                        .to_owned(),
                },
            ));
        }
        let indicator = match &wire.indicator {
            None => None,
            Some(value) => Some(
                INDICATOR_OUTCOMES
                    .iter()
                    .find(|k| **k == value.as_str())
                    .copied()
                    .ok_or_else(|| {
                        self.error(
                            format!("{path}.indicator"),
                            ScenarioProblem::InvalidValue {
                                value: value.clone(),
                                expected: "`met`, `missed`, `no_value` or `none`".to_owned(),
                            },
                        )
                    })?,
            ),
        };
        let holder = match &wire.holder {
            None => None,
            Some(code) => Some(self.body(format!("{path}.holder"), code)?),
        };
        let check = FindingCheck {
            path: path.to_owned(),
            obligation,
            status,
            rule_id,
            provision: wire.provision.clone(),
            notes,
            lateness: wire.lateness,
            holder,
            due: wire.due.map(|d| d.0),
            deadline: wire.deadline.map(|d| d.0),
            indicator,
        };
        if check.status.is_none()
            && check.rule_id.is_none()
            && check.provision.is_none()
            && check.notes.is_none()
            && check.lateness.is_none()
            && check.holder.is_none()
            && check.due.is_none()
            && check.deadline.is_none()
            && check.indicator.is_none()
        {
            return Err(self.error(
                path.to_owned(),
                ScenarioProblem::NeverChecked {
                    reason: "it names a finding but checks nothing of it: give a status, \
                             rule_id, provision, notes, lateness, holder, due, deadline or indicator"
                        .to_owned(),
                },
            ));
        }
        Ok(check)
    }

    fn grade(&self, path: &str, wire: &GradeWire) -> Result<GradeCheck, ScenarioError> {
        let body = self.body(format!("{path}.body"), &wire.body)?;
        let policy = grading_policy(&wire.policy).ok_or_else(|| {
            self.error(
                format!("{path}.policy"),
                ScenarioProblem::UnknownGradingPolicy {
                    value: wire.policy.clone(),
                },
            )
        })?;
        let grade = match &wire.grade {
            None => None,
            Some(name) => Some(
                [
                    Some(Grade::Excellent),
                    Some(Grade::Good),
                    Some(Grade::Completed),
                    Some(Grade::NotCompleted),
                    None,
                ]
                .into_iter()
                .find(|g| grade_name(*g) == name)
                .ok_or_else(|| {
                    self.error(
                        format!("{path}.grade"),
                        ScenarioProblem::UnknownGrade {
                            value: name.clone(),
                        },
                    )
                })?,
            ),
        };
        if grade.is_none() && wire.index.is_none() {
            return Err(self.error(
                path.to_owned(),
                ScenarioProblem::NeverChecked {
                    reason: "it names a grade but checks nothing: give a grade or an index"
                        .to_owned(),
                },
            ));
        }
        if let Some(index) = wire.index
            && !(0.0..=100.0).contains(&index)
        {
            return Err(self.error(
                format!("{path}.index"),
                ScenarioProblem::NeverChecked {
                    reason: format!("a timeliness index is 0 to 100, never `{index}`"),
                },
            ));
        }
        Ok(GradeCheck {
            path: path.to_owned(),
            body,
            year: wire.year,
            policy_name: wire.policy.clone(),
            policy,
            grade,
            index: wire.index,
        })
    }

    fn checks(&self, path: &str, wires: &[CheckWire]) -> Result<Vec<Check>, ScenarioError> {
        if wires.is_empty() {
            return Err(self.error(
                path.to_owned(),
                ScenarioProblem::NeverChecked {
                    reason: "nothing is expected: give at least one `expect` table".to_owned(),
                },
            ));
        }
        wires
            .iter()
            .enumerate()
            .map(|(i, c)| self.check(&format!("{path}[{i}]"), c))
            .collect()
    }
}

fn parse_status(name: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|s| s.as_str() == name)
}

fn parse_weekday(name: &str) -> Option<Weekday> {
    Some(match name {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

impl Scenario {
    /// Reads a scenario file, loads its inputs (paths relative to the file) and checks
    /// every reference and expectation.
    ///
    /// # Errors
    ///
    /// A [`ScenarioError`] naming the file, the path of the value at fault and the value:
    /// the file or an input cannot be read or loaded, a field is unknown, a value has the
    /// wrong form, a reference names nothing, an expectation can never be checked.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::scenario::{Scenario, ScenarioProblem};
    ///
    /// // A negative scenario: its expectation names a body the registry does not have.
    /// let error = Scenario::load("tests/scenarios/negative_unknown_body.scenario.toml").unwrap_err();
    /// assert_eq!(error.path(), "expect[0].findings[0].body");
    /// assert!(matches!(error.problem(), ScenarioProblem::UnknownBody { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Scenario, ScenarioError> {
        let file = path.as_ref();
        let text = read(file, ".", file)?;
        Scenario::from_text(file, &text)
    }

    fn from_text(file: &Path, text: &str) -> Result<Scenario, ScenarioError> {
        let de = toml::Deserializer::parse(text).map_err(|e| syntax_error(file, text, "", &e))?;
        let wire: ScenarioWire = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            syntax_error(file, text, &path, e.inner())
        })?;
        let dir = file.parent().unwrap_or(Path::new(""));
        let input_error = |path: &str, name: &str, message: String| {
            ScenarioError::new(
                file,
                path,
                ScenarioProblem::Input {
                    file: name.to_owned(),
                    message,
                },
            )
        };
        if crate::text::is_blank(&wire.description) {
            return Err(ScenarioError::new(
                file,
                "description",
                ScenarioProblem::InvalidValue {
                    value: wire.description.clone(),
                    expected: "a sentence saying what the scenario shows".to_owned(),
                },
            ));
        }

        // Inputs.
        let registry = input(file, "registry", &wire.registry, crate::org::Loader::new())?;
        let directive = input(file, "directive", &wire.directive, Loader::new())?;
        let criteria = match &wire.criteria {
            None => None,
            Some(name) => Some(input(
                file,
                "criteria",
                name,
                crate::criteria::Loader::new(&registry),
            )?),
        };
        let regime = match &wire.regime {
            None => None,
            Some(toml::Value::String(name)) => {
                Some(ReportingRegime::preset(name).ok_or_else(|| {
                    ScenarioError::new(
                        file,
                        "regime",
                        ScenarioProblem::UnknownRegime {
                            value: name.clone(),
                        },
                    )
                })?)
            }
            Some(value) => Some(value.clone().try_into::<ReportingRegime>().map_err(|e| {
                ScenarioError::new(
                    file,
                    "regime",
                    ScenarioProblem::Syntax {
                        message: crate::text::bound_message(e.message()),
                    },
                )
            })?),
        };
        let horizon: Period = wire.horizon.parse().map_err(|_| {
            ScenarioError::new(
                file,
                "horizon",
                ScenarioProblem::InvalidValue {
                    value: wire.horizon.clone(),
                    expected: "a period such as `2024` or `2024-H1`".to_owned(),
                },
            )
        })?;

        // The calendar and the policy.
        let mut builder = crate::calendar::WorkCalendarBuilder::vietnam();
        if let Some(week) = &wire.policy.week {
            let mut days = Vec::with_capacity(week.len());
            for (i, name) in week.iter().enumerate() {
                days.push(parse_weekday(name).ok_or_else(|| {
                    ScenarioError::new(
                        file,
                        format!("policy.week[{i}]"),
                        ScenarioProblem::InvalidValue {
                            value: name.clone(),
                            expected: "a weekday in English, such as `saturday`".to_owned(),
                        },
                    )
                })?);
            }
            builder = builder.week(WeekMask::from_working_days(&days));
        }
        let calendar = Arc::new(
            builder
                .build()
                .map_err(|e| input_error("policy", "", e.to_string()))?,
        );
        let mut policy = match wire.policy.calendar.as_deref() {
            None | Some("vietnam") => EvaluationPolicy::new(Arc::clone(&calendar)),
            Some("none") => {
                if wire.policy.week.is_some() {
                    return Err(ScenarioError::new(
                        file,
                        "policy.week",
                        ScenarioProblem::NeverChecked {
                            reason: "a week is given for no calendar".to_owned(),
                        },
                    ));
                }
                EvaluationPolicy::without_calendar()
            }
            Some(other) => {
                return Err(ScenarioError::new(
                    file,
                    "policy.calendar",
                    ScenarioProblem::UnknownCalendar {
                        value: other.to_owned(),
                    },
                ));
            }
        };
        policy = policy.with_grace_days(wire.policy.grace_days);
        if let Some(shift) = wire.policy.rest_day_shift {
            // The evaluator moves a deadline only forward (Civil Code 2015 art. 148.5),
            // and only on a calendar: say so here rather than when a variant runs.
            let expected = match (shift, policy.calendar().is_some()) {
                (crate::calendar::Roll::Keep, _) | (crate::calendar::Roll::Following, true) => None,
                (crate::calendar::Roll::Following, false) => {
                    Some("`keep`: with no calendar a deadline cannot move off a rest day")
                }
                _ => Some("`following` (Civil Code 2015 art. 148.5) or `keep`"),
            };
            if let Some(expected) = expected {
                return Err(ScenarioError::new(
                    file,
                    "policy.rest_day_shift",
                    ScenarioProblem::InvalidValue {
                        value: shift.as_str().to_owned(),
                        expected: expected.to_owned(),
                    },
                ));
            }
            policy = policy.with_rest_day_shift(shift);
        }
        if let Some(rule) = wire.policy.late_extensions {
            policy = policy.with_late_extensions(rule);
        }

        // The regime's data windows over the horizon, and those the scenario expects.
        let mut windows = Vec::new();
        if let Some(regime) = &regime {
            for period in horizon.sub_periods(regime.frequency()) {
                if let Ok(report) = regime.reporting_period(period, &calendar) {
                    let (first, last) = report.data_window();
                    windows.push(format!(
                        "window {period}: figures {first}..{last}, due {}",
                        report.due()
                    ));
                }
            }
        }
        let mut window_checks = Vec::new();
        for (key, expected) in &wire.windows {
            let path = format!("windows.{key}");
            let Some(regime) = &regime else {
                return Err(ScenarioError::new(
                    file,
                    path,
                    ScenarioProblem::NeverChecked {
                        reason: "a data window is the scenario regime's: give `regime`".to_owned(),
                    },
                ));
            };
            let period: Period = key.parse().map_err(|_| {
                ScenarioError::new(
                    file,
                    path.clone(),
                    ScenarioProblem::InvalidValue {
                        value: key.clone(),
                        expected: "a period such as `2024-Q1`".to_owned(),
                    },
                )
            })?;
            let dates = expected.split_once("..").and_then(|(a, b)| {
                Some((crate::text::strict_date(a)?, crate::text::strict_date(b)?))
            });
            if dates.is_none() {
                return Err(ScenarioError::new(
                    file,
                    path,
                    ScenarioProblem::InvalidValue {
                        value: expected.clone(),
                        expected: "a window written `yyyy-mm-dd..yyyy-mm-dd`".to_owned(),
                    },
                ));
            }
            let (first, last) = regime
                .reporting_period(period, &calendar)
                .map_err(|e| input_error(&path, "", e.to_string()))?
                .data_window();
            window_checks.push(Comparison::new(
                path,
                expected.clone(),
                format!("{first}..{last}"),
            ));
        }

        // Obligations.
        let mut options = ExpansionOptions::new();
        if let Some(regime) = regime {
            options = options.default_regime(regime);
        }
        let expansion = crate::obligation::obligations_with(
            &directive, &registry, &calendar, horizon, &options,
        )
        .map_err(|e| input_error("directive", &wire.directive, e.to_string()))?;
        let skipped = expansion.skipped().to_vec();
        let obligations = expansion.into_obligations();
        // What a criteria file alone cannot show: a role filter on a role no obligation has.
        if let (Some(criteria), Some(name)) = (&criteria, &wire.criteria) {
            criteria
                .check(&obligations)
                .map_err(|e| input_error("criteria", name, e.to_string()))?;
        }
        let mut index: HashMap<SelectionKey, Vec<(u32, ObligationKey)>> = HashMap::new();
        for id in obligations.ids() {
            if let Some(key) = obligations.key(id) {
                index
                    .entry((
                        key.clause().as_str().to_owned(),
                        key.body().as_str().to_owned(),
                        key.period().to_string(),
                    ))
                    .or_default()
                    .push((key.requirement().get() + 1, key));
            }
        }
        if wire.as_of.is_empty() {
            return Err(ScenarioError::new(
                file,
                "as_of",
                ScenarioProblem::NeverChecked {
                    reason: "no as-of date is given".to_owned(),
                },
            ));
        }
        let as_of: Vec<NaiveDate> = wire.as_of.iter().map(|d| d.0).collect();
        let resolver = Resolver {
            file,
            text,
            registry: &registry,
            directive: &directive,
            obligations: &obligations,
            index,
            as_of: &as_of,
            working_days: policy.calendar().is_some(),
            criteria: criteria.as_ref(),
        };

        // Events: the log by path (CSV, JSON or TOML, by its extension), then the inline
        // ones; only the inline ones have ids.
        let mut events: Vec<(Option<String>, EventRecord)> = Vec::new();
        if let Some(events_file) = &wire.events_file {
            let log = crate::compliance::EventLoader::new(resolver.obligations)
                .origin(events_file.clone())
                .directive(directive.key())
                .path(dir.join(events_file))
                .map_err(|e| input_error("events_file", events_file, e.to_string()))?;
            events.extend(
                log.records(resolver.obligations)
                    .into_iter()
                    .map(|r| (None, r)),
            );
        }
        for (i, event) in wire.events.iter().enumerate() {
            let path = format!("events[{i}]");
            let (id, record) = resolver.event(&path, event)?;
            if let Some(id) = &id
                && events.iter().any(|(other, _)| other.as_ref() == Some(id))
            {
                return Err(ScenarioError::new(
                    file,
                    format!("{path}.id"),
                    ScenarioProblem::DuplicateEventId { id: id.clone() },
                ));
            }
            events.push((id, record));
        }
        let records = |events: Vec<(Option<String>, EventRecord)>| -> Vec<EventRecord> {
            events.into_iter().map(|(_, r)| r).collect()
        };

        let mut variants = vec![Variant {
            name: BASE.to_owned(),
            description: None,
            events: records(events.clone()),
            checks: resolver.checks("expect", &wire.expect)?,
        }];
        for (i, v) in wire.variants.iter().enumerate() {
            let path = format!("variants[{i}]");
            let edited = variant_events(&resolver, &path, v, &events)?;
            if v.name == BASE
                || v.name.is_empty()
                || !v
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
            {
                return Err(ScenarioError::new(
                    file,
                    format!("{path}.name"),
                    ScenarioProblem::InvalidValue {
                        value: v.name.clone(),
                        expected:
                            "a name of lower-case letters, digits, `_` and `-`, other than `base`"
                                .to_owned(),
                    },
                ));
            }
            if variants.iter().any(|other| other.name == v.name) {
                return Err(ScenarioError::new(
                    file,
                    format!("{path}.name"),
                    ScenarioProblem::DuplicateVariant {
                        name: v.name.clone(),
                    },
                ));
            }
            variants.push(Variant {
                name: v.name.clone(),
                description: v.description.clone(),
                events: records(edited),
                checks: resolver.checks(&format!("{path}.expect"), &v.expect)?,
            });
        }
        Ok(Scenario {
            file: file.to_owned(),
            description: wire.description,
            provisions: wire.provisions,
            obligations,
            registry,
            criteria,
            skipped,
            policy,
            as_of,
            windows,
            window_checks,
            variants,
        })
    }

    /// What the scenario shows, in a sentence.
    ///
    /// # Example
    ///
    /// See [`Scenario`].
    ///
    /// ```
    /// use directives::scenario::Scenario;
    ///
    /// assert!(Scenario::load("tests/scenarios/done_on_time.scenario.toml")?.description().contains("on time"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The provisions the scenario illustrates.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::scenario::Scenario;
    ///
    /// let scenario = Scenario::load("tests/scenarios/done_on_time.scenario.toml")?;
    /// assert!(scenario.provisions().iter().any(|p| p.contains("42/2014")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn provisions(&self) -> &[String] {
        &self.provisions
    }

    /// The names of the variants, [`BASE`] first.
    ///
    /// # Example
    ///
    /// See [`Scenario`].
    ///
    /// ```
    /// use directives::scenario::Scenario;
    ///
    /// let scenario = Scenario::load("tests/scenarios/extension_before_deadline.scenario.toml")?;
    /// assert!(scenario.variant_names().len() >= 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn variant_names(&self) -> Vec<&str> {
        self.variants.iter().map(|v| v.name.as_str()).collect()
    }

    /// Runs one variant ([`BASE`] for the scenario itself): evaluates it as of each date,
    /// compares every expectation and the golden file, and returns the outcome.
    ///
    /// # Errors
    ///
    /// [`ScenarioProblem::NeverChecked`] for a variant the scenario does not have;
    /// [`ScenarioProblem::Input`] when the evaluation cannot run.
    ///
    /// # Example
    ///
    /// See [`Scenario`].
    ///
    /// ```
    /// use directives::scenario::Scenario;
    ///
    /// let scenario = Scenario::load("tests/scenarios/done_on_time.scenario.toml")?;
    /// assert!(scenario.run("nope").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run(&self, variant: &str) -> Result<Outcome, ScenarioError> {
        let Some((i, v)) = self
            .variants
            .iter()
            .enumerate()
            .find(|(_, v)| v.name == variant)
        else {
            return Err(ScenarioError::new(
                &self.file,
                "variants",
                ScenarioProblem::NeverChecked {
                    reason: format!("the scenario has no variant `{variant}`"),
                },
            ));
        };
        let path = if i == 0 {
            String::from(".")
        } else {
            format!("variants[{}]", i - 1)
        };
        let events =
            Events::from_records(v.events.iter().cloned(), &self.obligations).map_err(|e| {
                ScenarioError::new(
                    &self.file,
                    path.clone(),
                    ScenarioProblem::Input {
                        file: String::new(),
                        message: e.to_string(),
                    },
                )
            })?;
        let mut text = String::new();
        let _ = writeln!(text, "scenario: {}", self.description);
        if !self.provisions.is_empty() {
            let _ = writeln!(text, "provisions: {}", self.provisions.join("; "));
        }
        match &v.description {
            Some(d) => {
                let _ = writeln!(text, "variant: {} ({d})", v.name);
            }
            None => {
                let _ = writeln!(text, "variant: {}", v.name);
            }
        }
        let _ = writeln!(
            text,
            "obligations: {}; events: {}",
            self.obligations.len(),
            events.len()
        );
        for skipped in &self.skipped {
            let _ = writeln!(text, "skipped: {skipped}");
            let _ = writeln!(text, "  vi: {}", skipped.sentence(crate::Lang::Vi));
        }
        for window in &self.windows {
            let _ = writeln!(text, "{window}");
        }
        let mut comparisons = self.window_checks.clone();
        for as_of in &self.as_of {
            let evaluation =
                evaluate(&self.obligations, &events, *as_of, &self.policy).map_err(|e| {
                    ScenarioError::new(
                        &self.file,
                        path.clone(),
                        ScenarioProblem::Input {
                            file: String::new(),
                            message: e.to_string(),
                        },
                    )
                })?;
            let findings = evaluation.to_findings();
            render(&mut text, &findings);
            let assessment = match &self.criteria {
                None => None,
                Some(criteria) => {
                    let assessment = criteria.assess(&evaluation, &self.registry).map_err(|e| {
                        ScenarioError::new(
                            &self.file,
                            path.clone(),
                            ScenarioProblem::Input {
                                file: String::new(),
                                message: e.to_string(),
                            },
                        )
                    })?;
                    let _ = writeln!(text, "  criteria: {}", assessment.verdict());
                    for result in assessment.results() {
                        let _ = writeln!(
                            text,
                            "  - {} ({}, {}{}): {}; groups: {}",
                            result.id(),
                            result.severity(),
                            result.provision(),
                            if result.in_force() {
                                ""
                            } else {
                                ", not in force"
                            },
                            result.verdict(),
                            group_line(result.groups())
                        );
                        for group in result.undecided() {
                            let _ = writeln!(
                                text,
                                "    undecided {}: {}",
                                group.key(),
                                group.reason().sentence(crate::Lang::En)
                            );
                        }
                        if !result.unsettled().is_empty() {
                            let periods: Vec<String> =
                                result.unsettled().iter().map(ToString::to_string).collect();
                            let _ = writeln!(text, "    unsettled: {}", periods.join(", "));
                        }
                    }
                    for lang in [crate::Lang::En, crate::Lang::Vi] {
                        for line in assessment.display(lang).to_string().lines() {
                            let _ = writeln!(text, "    {}: {line}", lang.code());
                        }
                    }
                    Some(assessment)
                }
            };
            let by_key: HashMap<&ObligationKey, &Finding> = findings
                .findings()
                .iter()
                .map(|f| (f.obligation(), f))
                .collect();
            for check in v.checks.iter().filter(|c| c.as_of == *as_of) {
                compare(
                    &mut comparisons,
                    &mut text,
                    check,
                    &findings,
                    &by_key,
                    assessment.as_ref(),
                );
            }
        }
        let mut outcome = Outcome {
            file: self.file.clone(),
            variant: v.name.clone(),
            comparisons,
            text,
        };
        outcome.check_golden();
        Ok(outcome)
    }
}

/// The kinds of events, as scenarios name them.
const EVENT_KINDS: [&str; 6] = [
    "submitted",
    "completed",
    "extended",
    "waived",
    "reopened",
    "indicator_value",
];

/// The one event a variant's edit names among the scenario's events (from the event log
/// and inline): on the obligation, and of the kind and on the date when given.
fn select_event(
    resolver: &Resolver<'_>,
    path: &str,
    events: &[(Option<String>, EventRecord)],
    obligation: &ObligationKey,
    kind: Option<&str>,
    date: Option<NaiveDate>,
) -> Result<usize, ScenarioError> {
    let mut selection = format!("event of {obligation}");
    if let Some(kind) = kind {
        let _ = write!(selection, ", kind {kind}");
    }
    if let Some(date) = date {
        let _ = write!(selection, ", date {date}");
    }
    let found: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, (_, r))| {
            r.obligation() == obligation
                && kind.is_none_or(|k| r.kind().name() == k)
                && date.is_none_or(|d| r.date() == d)
        })
        .map(|(i, _)| i)
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(resolver.error(path.to_owned(), ScenarioProblem::NoEvent { selection })),
        many => Err(resolver.error(
            path.to_owned(),
            ScenarioProblem::AmbiguousEvent {
                selection,
                count: many.len(),
            },
        )),
    }
}

/// The event a `remove` entry names: an inline event's id, or a table naming any event
/// by task, body and period (and requirement, kind and date when need be).
fn removed_event(
    resolver: &Resolver<'_>,
    path: &str,
    events: &[(Option<String>, EventRecord)],
    entry: &toml::Value,
) -> Result<usize, ScenarioError> {
    match entry {
        toml::Value::String(id) => events
            .iter()
            .position(|(other, _)| other.as_deref() == Some(id.as_str()))
            .ok_or_else(|| {
                resolver.error(
                    path.to_owned(),
                    ScenarioProblem::UnknownEventId { id: id.clone() },
                )
            }),
        toml::Value::Table(_) => {
            let selector: wire::EventSelectorWire = entry.clone().try_into().map_err(|e| {
                resolver.error(
                    path.to_owned(),
                    ScenarioProblem::Syntax {
                        message: crate::text::bound_message(e.message()),
                    },
                )
            })?;
            let obligation = resolver.obligation(
                path,
                &selector.task,
                &selector.body,
                &selector.period,
                selector.requirement,
            )?;
            if let Some(kind) = &selector.kind
                && !EVENT_KINDS.contains(&kind.as_str())
            {
                return Err(resolver.error(
                    format!("{path}.kind"),
                    ScenarioProblem::UnknownEventKind {
                        value: kind.clone(),
                    },
                ));
            }
            select_event(
                resolver,
                path,
                events,
                &obligation,
                selector.kind.as_deref(),
                selector.date.map(|d| d.0),
            )
        }
        other => Err(resolver.error(
            path.to_owned(),
            ScenarioProblem::InvalidValue {
                value: other.to_string(),
                expected: "an inline event's id, or a table naming the event by `task`, \
                           `body`, `period` and if need be `requirement`, `kind` and `date`"
                    .to_owned(),
            },
        )),
    }
}

/// The events of a variant: the scenario's events (from the event log and inline),
/// edited. An edit names an inline event by its `id`; an event of the log, which has no
/// id, by its obligation (a `remove` table of task, body and period, with the kind and
/// date when need be; a `replace` without `id` replaces the one event of its kind on its
/// obligation).
fn variant_events(
    resolver: &Resolver<'_>,
    path: &str,
    variant: &VariantWire,
    all: &[(Option<String>, EventRecord)],
) -> Result<Vec<(Option<String>, EventRecord)>, ScenarioError> {
    let mut events = all.to_vec();
    let position = |events: &[(Option<String>, EventRecord)], id: &str| {
        events
            .iter()
            .position(|(other, _)| other.as_deref() == Some(id))
    };
    for (j, entry) in variant.remove.iter().enumerate() {
        let at = removed_event(resolver, &format!("{path}.remove[{j}]"), &events, entry)?;
        events.remove(at);
    }
    for (j, event) in variant.replace.iter().enumerate() {
        let event_path = format!("{path}.replace[{j}]");
        let (id, record) = resolver.event(&event_path, event)?;
        let at = match &id {
            Some(id) => position(&events, id).ok_or_else(|| {
                resolver.error(
                    format!("{event_path}.id"),
                    ScenarioProblem::UnknownEventId { id: id.clone() },
                )
            })?,
            None => select_event(
                resolver,
                &event_path,
                &events,
                record.obligation(),
                Some(record.kind().name()),
                None,
            )?,
        };
        if let Some(slot) = events.get_mut(at) {
            *slot = (id, record);
        }
    }
    for (j, event) in variant.add.iter().enumerate() {
        let event_path = format!("{path}.add[{j}]");
        let (id, record) = resolver.event(&event_path, event)?;
        if let Some(id) = &id
            && position(&events, id).is_some()
        {
            return Err(resolver.error(
                format!("{event_path}.id"),
                ScenarioProblem::DuplicateEventId { id: id.clone() },
            ));
        }
        events.push((id, record));
    }
    if variant.add.is_empty() && variant.remove.is_empty() && variant.replace.is_empty() {
        return Err(resolver.error(
            path.to_owned(),
            ScenarioProblem::NeverChecked {
                reason: "the variant edits no event: give `add`, `remove` or `replace`".to_owned(),
            },
        ));
    }
    Ok(events)
}

/// Counts by status of a set of findings.
fn counts_of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> StatusCounts {
    let mut counts = StatusCounts::default();
    for f in findings {
        counts.add(f.status());
    }
    counts
}

fn counts_line(counts: &StatusCounts) -> String {
    Status::ALL
        .iter()
        .map(|s| format!("{} {}", s.as_str(), counts.get(*s)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes one evaluation as text.
fn render(text: &mut String, findings: &Findings) {
    let _ = writeln!(text, "\nas of {}:", findings.as_of());
    let _ = writeln!(
        text,
        "  counts: {}",
        counts_line(&counts_of(findings.findings()))
    );
    for f in findings.findings() {
        let _ = write!(
            text,
            "  - {} held by {}: {}, due {}, deadline {}",
            f.obligation(),
            f.body(),
            f.status(),
            f.original_due(),
            f.effective_due()
        );
        if let Some(on) = f.decided_on() {
            let _ = write!(text, ", decided {on}");
        }
        let late = f.lateness();
        if late.calendar_days() > 0 {
            let word = if f.status().is_open() {
                "overdue"
            } else {
                "late"
            };
            let _ = write!(text, ", {word} by {}", days(late.calendar_days(), "day"));
            if let Some(w) = late.working_days() {
                let _ = write!(text, " ({})", days(w, "working day"));
            }
        }
        if let Some(indicator) = f.indicator() {
            let _ = write!(text, ", indicator {indicator}");
        }
        let _ = writeln!(text);
        let _ = writeln!(
            text,
            "    en: {}",
            f.explanation().sentence(crate::Lang::En)
        );
        let _ = writeln!(
            text,
            "    vi: {}",
            f.explanation().sentence(crate::Lang::Vi)
        );
    }
    for d in findings.diagnostics() {
        let _ = writeln!(text, "  diagnostic: {d}");
    }
}

/// Compares one check with an evaluation and the assessment of the criteria (which a
/// check with criteria expectations always has: see [`Resolver::criterion`]), and
/// writes the grades it asks for.
fn compare(
    out: &mut Vec<Comparison>,
    text: &mut String,
    check: &Check,
    findings: &Findings,
    by_key: &HashMap<&ObligationKey, &Finding>,
    assessment: Option<&crate::criteria::Assessment>,
) {
    let path = &check.path;
    if let Some(expected) = check.counts {
        let actual = counts_of(findings.findings());
        for (status, n) in Status::ALL.iter().zip(expected) {
            out.push(Comparison::new(
                format!("{path}.counts.{}", status.as_str()),
                n.to_string(),
                actual.get(*status).to_string(),
            ));
        }
    }
    let actual: Vec<String> = findings
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect();
    out.push(Comparison::new(
        format!("{path}.diagnostics.len"),
        check.diagnostics.len().to_string(),
        actual.len().to_string(),
    ));
    for (i, expected) in check.diagnostics.iter().enumerate() {
        out.push(Comparison::new(
            format!("{path}.diagnostics[{i}]"),
            expected.clone(),
            actual
                .get(i)
                .cloned()
                .unwrap_or_else(|| "(none)".to_owned()),
        ));
    }
    for fc in &check.findings {
        let p = &fc.path;
        let Some(f) = by_key.get(&fc.obligation) else {
            out.push(Comparison::new(
                p.clone(),
                format!("a finding for `{}`", fc.obligation),
                "none",
            ));
            continue;
        };
        if let Some(status) = fc.status {
            out.push(Comparison::new(
                format!("{p}.status"),
                status.as_str(),
                f.status().as_str(),
            ));
        }
        if let Some(rule) = fc.rule_id {
            out.push(Comparison::new(
                format!("{p}.rule_id"),
                rule,
                f.explanation().rule_id(),
            ));
        }
        if let Some(provision) = &fc.provision {
            out.push(Comparison::new(
                format!("{p}.provision"),
                provision.clone(),
                f.explanation().provision(crate::Lang::En).unwrap_or("none"),
            ));
        }
        if let Some(notes) = &fc.notes {
            let actual: Vec<&str> = f.explanation().notes().iter().map(note_kind).collect();
            out.push(Comparison::new(
                format!("{p}.notes"),
                list(notes),
                list(&actual),
            ));
        }
        if let Some(late) = fc.lateness {
            out.push(Comparison::new(
                format!("{p}.lateness.calendar_days"),
                late.calendar_days.to_string(),
                f.lateness().calendar_days().to_string(),
            ));
            if let Some(w) = late.working_days {
                out.push(Comparison::new(
                    format!("{p}.lateness.working_days"),
                    w.to_string(),
                    f.lateness()
                        .working_days()
                        .map_or_else(|| "unknown".to_owned(), |d| d.to_string()),
                ));
            }
        }
        if let Some(holder) = &fc.holder {
            out.push(Comparison::new(
                format!("{p}.holder"),
                holder.clone(),
                f.body().as_str(),
            ));
        }
        if let Some(due) = fc.due {
            out.push(Comparison::new(
                format!("{p}.due"),
                due.to_string(),
                f.original_due().to_string(),
            ));
        }
        if let Some(indicator) = fc.indicator {
            out.push(Comparison::new(
                format!("{p}.indicator"),
                indicator,
                indicator_name(f.indicator().as_ref()),
            ));
        }
        if let Some(deadline) = fc.deadline {
            out.push(Comparison::new(
                format!("{p}.deadline"),
                deadline.to_string(),
                f.effective_due().to_string(),
            ));
        }
    }
    for g in &check.grades {
        let counts = counts_of(findings.findings().iter().filter(|f| {
            f.body().as_str() == g.body && f.obligation().period().start().year() == g.year
        }));
        let assessment = g.policy.assess(g.year, &counts);
        let _ = write!(
            text,
            "  grade of {} for {} under {}: {} from {}",
            g.body,
            g.year,
            g.policy_name,
            grade_name(assessment.grade()),
            counts_line(&counts)
        );
        if let Some(index) = assessment.timeliness_index() {
            let _ = write!(text, ", index {index:.2}");
        }
        let _ = writeln!(text);
        for d in assessment.diagnostics() {
            let _ = writeln!(text, "    grading: {d}");
        }
        if let Some(grade) = g.grade {
            out.push(Comparison::new(
                format!("{}.grade", g.path),
                grade_name(grade),
                grade_name(assessment.grade()),
            ));
        }
        if let Some(index) = g.index {
            let actual = assessment
                .timeliness_index()
                .map_or_else(|| "none".to_owned(), |i| format!("{i:.2}"));
            out.push(Comparison::new(
                format!("{}.index", g.path),
                format!("{index:.2}"),
                actual,
            ));
        }
    }
    for cc in &check.criteria {
        let p = &cc.path;
        let Some(result) = assessment.and_then(|a| a.result(&cc.id)) else {
            out.push(Comparison::new(
                p.clone(),
                format!("a result for `{}`", cc.id),
                "none",
            ));
            continue;
        };
        if let Some(verdict) = cc.verdict {
            out.push(Comparison::new(
                format!("{p}.verdict"),
                verdict.as_str(),
                result.verdict().as_str(),
            ));
        }
        if let Some(groups) = cc.groups {
            for (verdict, n) in VERDICTS.iter().zip(groups) {
                out.push(Comparison::new(
                    format!("{p}.groups.{}", verdict.as_str()),
                    n.to_string(),
                    result.groups().get(*verdict).to_string(),
                ));
            }
        }
        if let Some(violating) = &cc.violating {
            let mut actual: Vec<String> = result
                .violations()
                .iter()
                .map(|v| v.key().to_string())
                .collect();
            actual.sort();
            actual.dedup();
            out.push(Comparison::new(
                format!("{p}.violating"),
                list_owned(violating),
                list_owned(&actual),
            ));
        }
        if let Some(in_force) = cc.in_force {
            out.push(Comparison::new(
                format!("{p}.in_force"),
                in_force.to_string(),
                result.in_force().to_string(),
            ));
        }
    }
}

/// A count of days, in words: `1 day`, `2 working days`.
fn days(n: u32, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

fn group_line(groups: &crate::criteria::GroupCounts) -> String {
    VERDICTS
        .iter()
        .map(|v| format!("{} {}", v.as_str(), groups.get(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn list_owned(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// Runs a negative scenario: the scenario must fail with the error it pins.
fn run_negative(file: &Path, text: &str, expected: &wire::ErrorWire) -> Outcome {
    let mut comparisons = Vec::new();
    let result = match Scenario::from_text(file, text) {
        Ok(_) => {
            comparisons.push(Comparison::new(
                "error",
                format!("error at `{}`: {}", expected.path, expected.message),
                "no error",
            ));
            "no error\n".to_owned()
        }
        Err(error) => {
            let message = error.problem().to_string();
            comparisons.push(Comparison::new(
                "error.path",
                expected.path.clone(),
                error.path(),
            ));
            comparisons.push(Comparison::new(
                "error.message",
                expected.message.clone(),
                message.clone(),
            ));
            format!("error at `{}`: {message}\n", error.path())
        }
    };
    let mut outcome = Outcome {
        file: file.to_owned(),
        variant: BASE.to_owned(),
        comparisons,
        text: result,
    };
    outcome.check_golden();
    outcome
}

/// Runs every variant of a scenario file, [`BASE`] first.
///
/// # Errors
///
/// A [`ScenarioError`] when the scenario cannot run: see [`Scenario::load`]. A negative
/// scenario's own error is not an error here but the expectation it is compared with.
///
/// # Example
///
/// ```
/// use directives::scenario::run_file;
///
/// let outcomes = run_file("tests/scenarios/negative_unknown_body.scenario.toml")?;
/// assert_eq!(outcomes.len(), 1);
/// assert!(outcomes[0].passed(), "{}", outcomes[0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_file(path: impl AsRef<Path>) -> Result<Vec<Outcome>, ScenarioError> {
    let file = path.as_ref();
    let text = read(file, ".", file)?;
    if let Some(expected) = expected_error(file, &text)? {
        return Ok(vec![run_negative(file, &text, &expected)]);
    }
    let scenario = Scenario::from_text(file, &text)?;
    scenario
        .variants
        .iter()
        .map(|v| scenario.run(&v.name))
        .collect()
}

/// Runs one variant of a scenario file ([`BASE`] for the scenario itself, which is the
/// only variant of a negative scenario).
///
/// # Errors
///
/// As [`run_file`], and for a variant the scenario does not have.
///
/// # Example
///
/// ```
/// use directives::scenario::run_variant;
///
/// let outcome = run_variant("tests/scenarios/extension_before_deadline.scenario.toml", "base")?;
/// assert!(outcome.passed(), "{outcome}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_variant(path: impl AsRef<Path>, variant: &str) -> Result<Outcome, ScenarioError> {
    let file = path.as_ref();
    let text = read(file, ".", file)?;
    if let Some(expected) = expected_error(file, &text)? {
        if variant != BASE {
            return Err(ScenarioError::new(
                file,
                "variants",
                ScenarioProblem::NeverChecked {
                    reason: format!("a negative scenario has no variant `{variant}`"),
                },
            ));
        }
        return Ok(run_negative(file, &text, &expected));
    }
    Scenario::from_text(file, &text)?.run(variant)
}

/// The names of the variants of a scenario file, [`BASE`] first, read without loading
/// the inputs (so that a test suite can list one test per variant).
///
/// # Errors
///
/// [`ScenarioProblem::Read`] or [`ScenarioProblem::Syntax`] when the file cannot be read
/// as TOML.
///
/// # Example
///
/// ```
/// use directives::scenario::variant_names;
///
/// let names = variant_names("tests/scenarios/extension_before_deadline.scenario.toml")?;
/// assert_eq!(names[0], "base");
/// assert!(names.len() >= 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn variant_names(path: impl AsRef<Path>) -> Result<Vec<String>, ScenarioError> {
    let file = path.as_ref();
    let text = read(file, ".", file)?;
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| syntax_error(file, &text, "", &e))?;
    let mut names = vec![BASE.to_owned()];
    if table.contains_key("error") {
        return Ok(names);
    }
    if let Some(toml::Value::Array(variants)) = table.get("variants") {
        for v in variants {
            if let Some(name) = v.get("name").and_then(toml::Value::as_str) {
                names.push(name.to_owned());
            }
        }
    }
    Ok(names)
}

/// The scenario files (`*.scenario.toml`) under a folder and its subfolders, sorted.
///
/// # Errors
///
/// [`ScenarioProblem::Read`] when a folder cannot be read.
///
/// # Example
///
/// ```
/// use directives::scenario::scenario_files;
///
/// let files = scenario_files("tests/scenarios")?;
/// assert!(files.len() >= 30);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn scenario_files(dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, ScenarioError> {
    let mut files = Vec::new();
    let mut folders = vec![dir.as_ref().to_owned()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| {
            ScenarioError::new(
                &folder,
                ".",
                ScenarioProblem::Read {
                    message: e.to_string(),
                },
            )
        })?;
        for entry in entries {
            let entry = entry.map_err(|e| {
                ScenarioError::new(
                    &folder,
                    ".",
                    ScenarioProblem::Read {
                        message: e.to_string(),
                    },
                )
            })?;
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(SUFFIX))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Runs every scenario file under a folder (see [`scenario_files`]), every variant of
/// each. A scenario that cannot run gives an outcome with one failed comparison naming
/// its error, so that every mismatch of every file is collected.
///
/// # Errors
///
/// [`ScenarioProblem::Read`] when a folder cannot be read.
///
/// # Example
///
/// ```
/// use directives::scenario::run_dir;
///
/// let outcomes = run_dir("tests/scenarios")?;
/// let failed: Vec<String> = outcomes.iter().filter(|o| !o.passed()).map(|o| o.to_string()).collect();
/// assert!(failed.is_empty(), "{}", failed.join("\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_dir(dir: impl AsRef<Path>) -> Result<Vec<Outcome>, ScenarioError> {
    let mut outcomes = Vec::new();
    for file in scenario_files(dir)? {
        match run_file(&file) {
            Ok(mut found) => outcomes.append(&mut found),
            Err(error) => outcomes.push(Outcome {
                file: file.clone(),
                variant: BASE.to_owned(),
                comparisons: vec![Comparison::new(
                    ".",
                    "a scenario that runs",
                    error.to_string(),
                )],
                text: format!("error: {error}\n"),
            }),
        }
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_files_sit_next_to_the_scenario() {
        let file = Path::new("a/b/late.scenario.toml");
        assert_eq!(golden_path(file, BASE), Path::new("a/b/late.golden.txt"));
        assert_eq!(
            golden_path(file, "on_time"),
            Path::new("a/b/late.on_time.golden.txt")
        );
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
        assert_eq!(line_of("a", 99), 1);
    }

    #[test]
    fn days_are_counted_in_words() {
        assert_eq!(days(1, "day"), "1 day");
        assert_eq!(days(0, "working day"), "0 working days");
        assert_eq!(days(3, "day"), "3 days");
    }

    #[test]
    fn the_crate_error_collects_scenario_errors() {
        let error = ScenarioError::new(
            "a.scenario.toml",
            "registry",
            ScenarioProblem::Read {
                message: "gone".to_owned(),
            },
        );
        let message = error.to_string();
        let collected = crate::Error::from(error);
        assert!(matches!(collected, crate::Error::Scenario(_)));
        assert_eq!(collected.to_string(), message);
    }

    #[test]
    fn errors_are_send_sync_and_static() {
        fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
        assert_traits::<ScenarioError>();
        fn assert_send<T: Send + Sync>() {}
        assert_send::<Outcome>();
        assert_send::<Scenario>();
    }

    #[test]
    fn every_note_and_status_has_a_scenario_name() {
        for status in Status::ALL {
            assert_eq!(parse_status(status.as_str()), Some(status));
        }
        assert_eq!(NOTE_KINDS.len(), 5);
        assert_eq!(note_kind(&Note::GraceDays { days: 1 }), "grace_days");
        assert_eq!(parse_weekday("saturday"), Some(Weekday::Sat));
        assert_eq!(parse_weekday("Sat"), None);
    }
}
