//! The errors of reading and checking a scenario file.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::text::quote;

/// A scenario that cannot run: the file, the path of the value at fault inside it
/// (`expect[0].findings[1].body`), the line when known, and what is wrong
/// ([`ScenarioProblem`]).
///
/// A mismatch between what a scenario expects and what happened is not an error: it is
/// a failed [`Comparison`](super::Comparison) in an [`Outcome`](super::Outcome).
///
/// # Example
///
/// ```
/// use directives::scenario::{ScenarioError, ScenarioProblem};
///
/// let error = ScenarioError::new(
///     "tests/scenarios/x.scenario.toml",
///     "expect[0].findings[0].body",
///     ScenarioProblem::UnknownBody { code: "NOPE".to_owned() },
/// );
/// assert_eq!(error.path(), "expect[0].findings[0].body");
/// assert_eq!(
///     error.to_string(),
///     "scenario `tests/scenarios/x.scenario.toml`, `expect[0].findings[0].body`: unknown body `NOPE`: the registry has no such code",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    file: PathBuf,
    path: String,
    line: Option<u32>,
    problem: ScenarioProblem,
}

impl ScenarioError {
    /// The error of `problem` at `path` in the scenario `file`.
    ///
    /// # Example
    ///
    /// See [`ScenarioError`].
    ///
    /// ```
    /// use directives::scenario::{ScenarioError, ScenarioProblem};
    ///
    /// let e = ScenarioError::new("a.scenario.toml", "as_of", ScenarioProblem::Read { message: "gone".to_owned() });
    /// assert_eq!(e.file().to_str(), Some("a.scenario.toml"));
    /// ```
    pub fn new(
        file: impl Into<PathBuf>,
        path: impl Into<String>,
        problem: ScenarioProblem,
    ) -> ScenarioError {
        ScenarioError {
            file: file.into(),
            path: path.into(),
            line: None,
            problem,
        }
    }

    /// The same error, placed on a line of the file.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::scenario::{ScenarioError, ScenarioProblem};
    ///
    /// let e = ScenarioError::new("a.scenario.toml", "as_of", ScenarioProblem::Read { message: "gone".to_owned() }).at_line(3);
    /// assert_eq!(e.line(), Some(3));
    /// ```
    #[must_use]
    pub fn at_line(mut self, line: u32) -> ScenarioError {
        self.line = Some(line);
        self
    }

    /// The scenario file.
    ///
    /// # Example
    ///
    /// See [`ScenarioError::new`].
    ///
    /// ```
    /// use directives::scenario::{ScenarioError, ScenarioProblem};
    ///
    /// let e = ScenarioError::new("a.scenario.toml", ".", ScenarioProblem::Read { message: "gone".to_owned() });
    /// assert!(e.file().ends_with("a.scenario.toml"));
    /// ```
    #[must_use]
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The path of the value at fault in the scenario file (`.` for the whole file).
    ///
    /// # Example
    ///
    /// See [`ScenarioError`].
    ///
    /// ```
    /// use directives::scenario::{ScenarioError, ScenarioProblem};
    ///
    /// let e = ScenarioError::new("a.scenario.toml", "registry", ScenarioProblem::Read { message: "gone".to_owned() });
    /// assert_eq!(e.path(), "registry");
    /// ```
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The line of the file, from 1, when known.
    ///
    /// # Example
    ///
    /// See [`ScenarioError::at_line`].
    ///
    /// ```
    /// use directives::scenario::{ScenarioError, ScenarioProblem};
    ///
    /// assert_eq!(ScenarioError::new("a", ".", ScenarioProblem::Read { message: "x".to_owned() }).line(), None);
    /// ```
    #[must_use]
    pub fn line(&self) -> Option<u32> {
        self.line
    }

    /// What is wrong.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::scenario::{ScenarioError, ScenarioProblem};
    ///
    /// let e = ScenarioError::new("a", "x", ScenarioProblem::UnknownTask { task: "9".to_owned() });
    /// assert!(matches!(e.problem(), ScenarioProblem::UnknownTask { .. }));
    /// assert_eq!(e.problem().to_string(), "unknown task `9`: the directive has no such task");
    /// ```
    #[must_use]
    pub fn problem(&self) -> &ScenarioProblem {
        &self.problem
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "scenario {}", quote(&self.file.display().to_string()))?;
        if let Some(line) = self.line {
            write!(f, " at line {line}")?;
        }
        write!(f, ", {}: {}", quote(&self.path), self.problem)
    }
}

impl std::error::Error for ScenarioError {}

/// What is wrong with a scenario: a file that cannot be read, a value of the wrong form, a
/// reference to something the inputs do not have, or an expectation that can never be
/// checked.
///
/// New problems may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::scenario::ScenarioProblem;
///
/// let problem = ScenarioProblem::UnknownStatus { value: "late".to_owned() };
/// assert_eq!(
///     problem.to_string(),
///     "unknown status `late`: expected `done_on_time`, `done_late`, `open_within_deadline`, `open_overdue`, `waived` or `not_applicable`",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScenarioProblem {
    /// A file could not be read (the scenario, or a folder of scenarios).
    Read {
        /// Why, from the system.
        message: String,
    },
    /// The scenario is not valid TOML, or a value has the wrong form or an unknown field.
    Syntax {
        /// What the parser said, bounded in length.
        message: String,
    },
    /// An input the scenario names (registry, directive, event log) could not be loaded,
    /// or obligations could not be expanded or evaluated from the inputs.
    Input {
        /// The input file, as the scenario names it (empty when the inputs together failed).
        file: String,
        /// The input's own error.
        message: String,
    },
    /// A value that does not parse: a period, a date, a weekday.
    InvalidValue {
        /// The value.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// A body code the registry does not know.
    UnknownBody {
        /// The code.
        code: String,
    },
    /// A task number the directive does not have.
    UnknownTask {
        /// The task number as written.
        task: String,
    },
    /// A status that does not exist.
    UnknownStatus {
        /// The value.
        value: String,
    },
    /// A rule id that does not exist.
    UnknownRuleId {
        /// The value.
        value: String,
    },
    /// A note kind that does not exist.
    UnknownNote {
        /// The value.
        value: String,
    },
    /// A grade that does not exist.
    UnknownGrade {
        /// The value.
        value: String,
    },
    /// A grading policy preset that does not exist.
    UnknownGradingPolicy {
        /// The value.
        value: String,
    },
    /// A reporting regime preset that does not exist.
    UnknownRegime {
        /// The value.
        value: String,
    },
    /// A calendar that does not exist.
    UnknownCalendar {
        /// The value.
        value: String,
    },
    /// An event kind that does not exist.
    UnknownEventKind {
        /// The value.
        value: String,
    },
    /// A criterion id the criteria file does not have.
    UnknownCriterion {
        /// The id.
        id: String,
    },
    /// A criterion verdict that does not exist.
    UnknownVerdict {
        /// The value.
        value: String,
    },
    /// A selection (task, body, period) that matches no obligation of the expansion.
    NoObligation {
        /// The selection, as people read it.
        selection: String,
    },
    /// A selection that matches more than one obligation.
    AmbiguousObligation {
        /// The selection, as people read it.
        selection: String,
        /// How many it matches.
        count: usize,
    },
    /// A variant's edit names no event of the scenario (inline or from the event log).
    NoEvent {
        /// The event named, as people read it.
        selection: String,
    },
    /// A variant's edit names more than one event.
    AmbiguousEvent {
        /// The event named, as people read it.
        selection: String,
        /// How many events it matches.
        count: usize,
    },
    /// An event id that no inline event of the scenario has.
    UnknownEventId {
        /// The id.
        id: String,
    },
    /// Two inline events with one id.
    DuplicateEventId {
        /// The id.
        id: String,
    },
    /// Two variants with one name, or a variant named `base`.
    DuplicateVariant {
        /// The name.
        name: String,
    },
    /// An event field that the event's kind requires is missing.
    MissingField {
        /// The field.
        field: &'static str,
        /// The event kind.
        kind: String,
    },
    /// An event field that the event's kind does not take.
    FieldNotApplicable {
        /// The field.
        field: &'static str,
        /// The event kind.
        kind: String,
    },
    /// An expectation that can never be checked, or can never hold.
    NeverChecked {
        /// Why.
        reason: String,
    },
}

impl fmt::Display for ScenarioProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioProblem::Read { message } => write!(f, "cannot read: {message}"),
            ScenarioProblem::Syntax { message } => f.write_str(message),
            ScenarioProblem::Input { file, message } if file.is_empty() => {
                write!(f, "the inputs cannot be used: {message}")
            }
            ScenarioProblem::Input { file, message } => {
                write!(f, "input {} cannot be used: {message}", quote(file))
            }
            ScenarioProblem::InvalidValue { value, expected } => {
                write!(f, "invalid value {}: expected {expected}", quote(value))
            }
            ScenarioProblem::UnknownBody { code } => {
                write!(
                    f,
                    "unknown body {}: the registry has no such code",
                    quote(code)
                )
            }
            ScenarioProblem::UnknownTask { task } => {
                write!(
                    f,
                    "unknown task {}: the directive has no such task",
                    quote(task)
                )
            }
            ScenarioProblem::UnknownStatus { value } => write!(
                f,
                "unknown status {}: expected {}",
                quote(value),
                crate::text::alternatives(crate::compliance::Status::ALL.map(|s| s.as_str()), "or")
            ),
            ScenarioProblem::UnknownRuleId { value } => write!(
                f,
                "unknown rule id {}: expected `status.done-on-time`, `status.done-late`, \
                 `status.open-within-deadline`, `status.open-overdue`, `status.waived` or \
                 `status.not-applicable`",
                quote(value)
            ),
            ScenarioProblem::UnknownNote { value } => write!(
                f,
                "unknown note {}: expected `rest_day_shift`, `extended`, `grace_days`, \
                 `reopened` or `passed`",
                quote(value)
            ),
            ScenarioProblem::UnknownGrade { value } => write!(
                f,
                "unknown grade {}: expected `excellent`, `good`, `completed`, `not_completed` \
                 or `none`",
                quote(value)
            ),
            ScenarioProblem::UnknownGradingPolicy { value } => write!(
                f,
                "unknown grading policy {}: expected {}",
                quote(value),
                crate::text::alternatives(crate::criteria::NamedPolicy::PRESETS, "or")
            ),
            ScenarioProblem::UnknownRegime { value } => write!(
                f,
                "unknown regime preset {}: expected one of {}",
                quote(value),
                crate::regime::preset_names()
            ),
            ScenarioProblem::UnknownCalendar { value } => write!(
                f,
                "unknown calendar {}: expected `vietnam` or `none`",
                quote(value)
            ),
            ScenarioProblem::UnknownEventKind { value } => write!(
                f,
                "unknown event kind {}: expected `submitted`, `completed`, `extended`, \
                 `waived`, `reopened` or `indicator_value`",
                quote(value)
            ),
            ScenarioProblem::UnknownCriterion { id } => write!(
                f,
                "unknown criterion {}: the criteria file has no such id",
                quote(id)
            ),
            ScenarioProblem::UnknownVerdict { value } => write!(
                f,
                "unknown verdict {}: expected `satisfied`, `violated`, `not_applicable` or `indeterminate`",
                quote(value)
            ),
            ScenarioProblem::NoObligation { selection } => write!(
                f,
                "no obligation matches {}: the expansion has none for this task, body and period",
                quote(selection)
            ),
            ScenarioProblem::AmbiguousObligation { selection, count } => write!(
                f,
                "{count} obligations match {}: name the requirement",
                quote(selection)
            ),
            ScenarioProblem::NoEvent { selection } => write!(
                f,
                "no event matches {}: neither the event log nor the inline events have it",
                quote(selection)
            ),
            ScenarioProblem::AmbiguousEvent { selection, count } => write!(
                f,
                "{count} events match {}: name the kind and the date",
                quote(selection)
            ),
            ScenarioProblem::UnknownEventId { id } => {
                write!(f, "unknown event id {}: no inline event has it", quote(id))
            }
            ScenarioProblem::DuplicateEventId { id } => {
                write!(f, "duplicate event id {}", quote(id))
            }
            ScenarioProblem::DuplicateVariant { name } => {
                write!(
                    f,
                    "duplicate variant name {}: each variant needs its own name, and `base` is the scenario itself",
                    quote(name)
                )
            }
            ScenarioProblem::MissingField { field, kind } => {
                write!(
                    f,
                    "an event of kind {} needs the field `{field}`",
                    quote(kind)
                )
            }
            ScenarioProblem::FieldNotApplicable { field, kind } => {
                write!(
                    f,
                    "an event of kind {} does not take the field `{field}`",
                    quote(kind)
                )
            }
            ScenarioProblem::NeverChecked { reason } => {
                write!(f, "expectation can never be checked: {reason}")
            }
        }
    }
}
