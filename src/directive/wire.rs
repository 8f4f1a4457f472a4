//! The data-file form of directives (TOML and JSON), read through the builder.

use serde::{Deserialize, Serialize};

use super::model::Directive;
use super::task::{
    Assignee, Assignment, Clause, Due, PeriodicReport, Requirement, Role, Task, TaskNumber,
};
use super::{DirectiveError, LoadProblem};
use crate::document::{DocKey, Document, DocumentError};
use crate::load::{Format, count_within, line_column, locate, scan_within, toml_tables};
use crate::org::{BodyCode, Selector};
use crate::period::{Frequency, Period};
use crate::regime::ReportingRegime;
use crate::text::nfc;
use crate::{Limit, Limits};

/// The serialized form of an [`Assignment`]: a role and either `recipients = true` or
/// `bodies = { … }`.
#[derive(Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an assignment: a table with `role` and either `recipients = true` or `bodies`"
)]
pub(super) struct AssignmentWire {
    role: Role,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    recipients: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bodies: Option<Selector>,
}

impl TryFrom<AssignmentWire> for Assignment {
    type Error = DirectiveError;

    fn try_from(w: AssignmentWire) -> Result<Assignment, DirectiveError> {
        let assignee = match (w.recipients, w.bodies) {
            (true, None) => Assignee::Recipients,
            (false, Some(selector)) => Assignee::Bodies(selector),
            _ => return Err(DirectiveError::InvalidAssignment),
        };
        Ok(Assignment::new(w.role, assignee))
    }
}

impl From<Assignment> for AssignmentWire {
    fn from(a: Assignment) -> AssignmentWire {
        let (recipients, bodies) = match a.assignee() {
            Assignee::Recipients => (true, None),
            Assignee::Bodies(selector) => (false, Some(selector.clone())),
        };
        AssignmentWire {
            role: a.role(),
            recipients,
            bodies,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RequirementKind {
    PeriodicReport,
    Deliverable,
    Indicator,
    Continuous,
}

impl RequirementKind {
    fn name(self) -> &'static str {
        match self {
            RequirementKind::PeriodicReport => "periodic_report",
            RequirementKind::Deliverable => "deliverable",
            RequirementKind::Indicator => "indicator",
            RequirementKind::Continuous => "continuous",
        }
    }
}

/// The serialized form of a [`Requirement`]: a `kind` and the fields of that kind.
///
/// One flat table rather than a tagged enum, so that the path of an error inside a field
/// (`requirements[0].regime`) survives.
#[derive(Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a requirement: a table with `kind` and that kind's fields"
)]
pub(super) struct RequirementWire {
    kind: RequirementKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    frequency: Option<Frequency>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "regime_or_preset"
    )]
    regime: Option<ReportingRegime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<BodyCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    through: Option<BodyCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    what: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<Due>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    metric: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<Due>,
}

impl RequirementWire {
    fn empty(kind: RequirementKind) -> RequirementWire {
        RequirementWire {
            kind,
            frequency: None,
            regime: None,
            to: None,
            through: None,
            what: None,
            due: None,
            metric: None,
            target: None,
            unit: None,
            by: None,
        }
    }

    /// The fields that are set, by name.
    fn present(&self) -> Vec<&'static str> {
        [
            ("frequency", self.frequency.is_some()),
            ("regime", self.regime.is_some()),
            ("to", self.to.is_some()),
            ("through", self.through.is_some()),
            ("what", self.what.is_some()),
            ("due", self.due.is_some()),
            ("metric", self.metric.is_some()),
            ("target", self.target.is_some()),
            ("unit", self.unit.is_some()),
            ("by", self.by.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect()
    }
}

impl TryFrom<RequirementWire> for Requirement {
    type Error = DirectiveError;

    fn try_from(w: RequirementWire) -> Result<Requirement, DirectiveError> {
        let allowed: &[&str] = match w.kind {
            RequirementKind::PeriodicReport => &["frequency", "regime", "to", "through"],
            RequirementKind::Deliverable => &["what", "due"],
            RequirementKind::Indicator => &["metric", "target", "unit", "by"],
            RequirementKind::Continuous => &[],
        };
        let kind = w.kind.name();
        if let Some(field) = w.present().into_iter().find(|f| !allowed.contains(f)) {
            return Err(DirectiveError::InvalidRequirement {
                kind,
                problem: format!("has no field `{field}`"),
            });
        }
        let missing = |field: &str| DirectiveError::InvalidRequirement {
            kind,
            problem: format!("needs the field `{field}`"),
        };
        Ok(match w.kind {
            RequirementKind::PeriodicReport => {
                let mut report = PeriodicReport::new();
                if let Some(regime) = w.regime {
                    report = report.with_regime(regime);
                }
                if let Some(frequency) = w.frequency {
                    report = report.with_frequency(frequency);
                }
                if let Some(to) = w.to {
                    report = report.to(to);
                }
                if let Some(through) = w.through {
                    report = report.through(through);
                }
                Requirement::PeriodicReport(report)
            }
            RequirementKind::Deliverable => Requirement::Deliverable {
                what: nfc(w.what.ok_or_else(|| missing("what"))?),
                due: w.due,
            },
            RequirementKind::Indicator => Requirement::Indicator {
                metric: nfc(w.metric.ok_or_else(|| missing("metric"))?),
                target: w.target,
                unit: w.unit.map(nfc),
                by: w.by,
            },
            RequirementKind::Continuous => Requirement::Continuous,
        })
    }
}

impl From<Requirement> for RequirementWire {
    fn from(r: Requirement) -> RequirementWire {
        match r {
            Requirement::PeriodicReport(report) => RequirementWire {
                frequency: report.stated_frequency(),
                regime: report.regime().cloned(),
                to: report.recipient().cloned(),
                through: report.intake().cloned(),
                ..RequirementWire::empty(RequirementKind::PeriodicReport)
            },
            Requirement::Deliverable { what, due } => RequirementWire {
                what: Some(what),
                due,
                ..RequirementWire::empty(RequirementKind::Deliverable)
            },
            Requirement::Indicator {
                metric,
                target,
                unit,
                by,
            } => RequirementWire {
                metric: Some(metric),
                target,
                unit,
                by,
                ..RequirementWire::empty(RequirementKind::Indicator)
            },
            Requirement::Continuous => RequirementWire::empty(RequirementKind::Continuous),
        }
    }
}

/// The serialized form of a [`Task`]: `number` and `title` for a numbered task, neither
/// for the monitoring clause, then `text`, `assignments` and `requirements`.
#[derive(Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a task: a table with `number` and `title` (or neither, for the monitoring clause)"
)]
pub(super) struct TaskWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number: Option<TaskNumber>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    assignments: Vec<Assignment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    requirements: Vec<Requirement>,
}

impl TryFrom<TaskWire> for Task {
    type Error = String;

    fn try_from(w: TaskWire) -> Result<Task, String> {
        let task = match (w.number, w.title) {
            (Some(number), Some(title)) => Task::new(number, title),
            (None, None) => Task::monitoring(""),
            // A task has both; the monitoring clause neither.
            (Some(_), None) => return Err("missing field `title`".to_owned()),
            (None, Some(_)) => return Err("missing field `number`".to_owned()),
        };
        Ok(task
            .with_text(w.text)
            .with_assignments(w.assignments)
            .with_requirements(w.requirements))
    }
}

impl From<Task> for TaskWire {
    fn from(t: Task) -> TaskWire {
        let (number, title) = match t.clause() {
            Clause::Task(number) => (Some(number.clone()), Some(t.title().to_owned())),
            Clause::Monitoring => (None, None),
        };
        TaskWire {
            number,
            title,
            text: t.text().to_owned(),
            assignments: t.assignments().to_vec(),
            requirements: t.requirements().to_vec(),
        }
    }
}

/// A `[[tasks]]` table of a directive file: a task with a number.
pub(super) struct Numbered(Task);

impl Serialize for Numbered {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Numbered {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Numbered, D::Error> {
        let task = Task::deserialize(deserializer)?;
        match task.clause() {
            Clause::Task(_) => Ok(Numbered(task)),
            Clause::Monitoring => Err(serde::de::Error::custom(
                "missing fields `number` and `title`: the monitoring clause is the `monitoring` table, not a task",
            )),
        }
    }
}

/// The `[monitoring]` table of a directive file: the monitoring clause.
pub(super) struct Monitoring(Task);

impl Serialize for Monitoring {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Monitoring {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Monitoring, D::Error> {
        let task = Task::deserialize(deserializer)?;
        match task.clause() {
            Clause::Monitoring => Ok(Monitoring(task)),
            Clause::Task(_) => Err(serde::de::Error::custom(
                "the monitoring clause has no `number` or `title`: a numbered task goes in `tasks`",
            )),
        }
    }
}

/// The serialized form of a [`Directive`]. Plain values come before tables, as TOML needs.
#[derive(Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a directive: a table with a `document` table"
)]
pub(super) struct DirectiveWire {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    theme: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    horizon: Option<Period>,
    document: Document,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    recipients: Vec<Selector>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cited: Vec<Document>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tasks: Vec<Numbered>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    monitoring: Option<Monitoring>,
}

impl TryFrom<DirectiveWire> for Directive {
    type Error = DirectiveError;

    fn try_from(w: DirectiveWire) -> Result<Directive, DirectiveError> {
        let mut b = Directive::builder(w.document).theme(w.theme);
        if let Some(horizon) = w.horizon {
            b = b.horizon(horizon);
        }
        for r in w.recipients {
            b = b.recipient(r);
        }
        for d in w.cited {
            b = b.cited(d);
        }
        for Numbered(t) in w.tasks {
            b = b.task(t);
        }
        if let Some(Monitoring(m)) = w.monitoring {
            b = b.task(m);
        }
        b.build()
    }
}

impl From<Directive> for DirectiveWire {
    fn from(d: Directive) -> DirectiveWire {
        DirectiveWire {
            theme: d.theme,
            horizon: d.horizon,
            document: d.document,
            recipients: d.recipients,
            cited: d.cited,
            tasks: d.tasks.into_iter().map(Numbered).collect(),
            monitoring: d.monitoring.map(Monitoring),
        }
    }
}

/// Reads directives from TOML or JSON text, within limits, naming the file in its errors.
///
/// The [`Limits`] keep the memory a load takes linear in the text and bounded: a text
/// longer than its [`Limit::Bytes`], with more tasks than its [`Limit::Tasks`] or with
/// tables and arrays nested deeper than its [`Limit::Depth`] is refused with a
/// [`LoadProblem::Limit`](super::LoadProblem::Limit) before it is built (the size and the
/// depth before it is parsed). [`Directive::from_toml_str`] and
/// [`Directive::from_json_str`] load with the default limits.
///
/// # Example
///
/// ```
/// use directives::directive::Loader;
///
/// use directives::{Limit, Limits};
///
/// let loader = Loader::new().origin("plans/1470.toml").limits(Limits::new().with(Limit::Tasks, 1));
/// let text = r#"
/// [document]
/// symbol = "1470-CV/TU"
/// issued = "2024-02-22"
///
/// [[tasks]]
/// number = "1"
/// title = "Tuyên truyền"
///
/// [[tasks]]
/// number = "2"
/// title = "Báo cáo"
/// "#;
/// let err = loader.toml(text).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid directive toml in `plans/1470.toml` at line 10, column 1, `tasks[1]`: the number of tasks exceeds the limit of 1: found 2"
/// );
/// assert_eq!(Loader::new().limits(Limits::new().with(Limit::Tasks, 2)).toml(text)?.tasks().len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Loader {
    origin: Option<String>,
    limits: Limits,
}

impl Default for Loader {
    fn default() -> Loader {
        Loader::new()
    }
}

/// One `[[tasks]]` table of a TOML file, read on its own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskTable {
    tasks: Vec<Numbered>,
}

impl Loader {
    /// Past this many top-level tables, a TOML file is parsed a task at a time.
    const PIECEWISE: usize = 64;

    /// A loader with the default limits and no file name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Loader;
    ///
    /// let d = Loader::new().json(r#"{"document": {"symbol": "1470-CV/TU", "issued": "2024-02-22"}}"#)?;
    /// assert!(d.tasks().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new() -> Loader {
        Loader {
            origin: None,
            limits: Limits::new(),
        }
    }

    /// The same loader, naming the file (or other origin) of the text in its errors.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Loader;
    ///
    /// let err = Loader::new().origin("a.json").json("{").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid directive json in `a.json` at line 1, column 1: EOF while parsing an object"
    /// );
    /// ```
    #[must_use]
    pub fn origin(mut self, name: impl Into<String>) -> Loader {
        self.origin = Some(name.into());
        self
    }

    /// The same loader with other limits (it reads [`Limit::Bytes`], [`Limit::Tasks`] and
    /// [`Limit::Depth`]).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Loader;
    /// use directives::{Limit, Limits};
    ///
    /// let err = Loader::new().limits(Limits::new().with(Limit::Bytes, 10)).json(r#"{"document": {}}"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid directive json: the size in bytes exceeds the limit of 10: found 16"
    /// );
    /// let deep = format!("{}{}", "[".repeat(5), "]".repeat(5));
    /// let err = Loader::new().limits(Limits::new().with(Limit::Depth, 4)).json(&deep).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid directive json at line 1, column 5: the nesting depth exceeds the limit of 4: found 5"
    /// );
    /// ```
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Loader {
        self.limits = limits;
        self
    }

    /// Reads a directive from TOML (see [`Directive::from_toml_str`] for the fields).
    ///
    /// # Errors
    ///
    /// [`DirectiveError::Load`] naming the file, the line and column, the path and the
    /// problem: a syntax error, a value the directive cannot hold, an exceeded limit, or
    /// the builder's error (see [`DirectiveBuilder::build`](super::DirectiveBuilder::build)).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Loader;
    ///
    /// let err = Loader::new()
    ///     .origin("1470.toml")
    ///     .toml("[document]\nsymbol = \"1470-CV/TU\"\nissued = 2024-02-22\n")
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid directive toml in `1470.toml` at line 3, column 10, `document.issued`: unquoted date `2024-02-22`: write it as a string, `\"2024-02-22\"`"
    /// );
    /// ```
    pub fn toml(&self, text: &str) -> Result<Directive, DirectiveError> {
        self.load(Format::Toml, text)
    }

    /// Reads a directive from JSON, with the same fields as in TOML.
    ///
    /// # Errors
    ///
    /// As for [`Loader::toml`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Loader;
    ///
    /// let text = r#"{
    ///   "document": {"symbol": "1470-CV/TU", "issued": "2024-02-22"},
    ///   "tasks": [{"number": "1", "title": "Chỉ tiêu",
    ///              "requirements": [{"kind": "indicator", "metric": "m", "target": NaN}]}]
    /// }"#;
    /// let err = Loader::new().json(text).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid directive json at line 4, column 78, `tasks[0].requirements[0].target`: expected a value, found `NaN`: JSON has no NaN or infinity, and a number must be finite"
    /// );
    /// ```
    pub fn json(&self, text: &str) -> Result<Directive, DirectiveError> {
        self.load(Format::Json, text)
    }

    fn load(&self, format: Format, text: &str) -> Result<Directive, DirectiveError> {
        let fail = |path: String, offset: Option<usize>, problem: LoadProblem| {
            let position = offset.map(|o| line_column(text, o));
            DirectiveError::Load {
                format: format.name(),
                origin: self.origin.clone(),
                path,
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                problem: Box::new(problem),
            }
        };
        let exceeded = |e: crate::load::Exceeded| LoadProblem::Limit {
            limit: e.limit,
            max: e.max,
            found: e.found,
        };
        let scan = scan_within(text, format, &self.limits)
            .map_err(|e| fail(".".to_owned(), e.offset, exceeded(e)))?;
        if !scan.content {
            return Err(fail(".".to_owned(), None, LoadProblem::Empty));
        }
        let to_error = |f: crate::load::Failure| {
            // A syntax error is where the parser stopped; a value is where its path leads.
            let offset = f.place(format, text);
            let problem = if f.syntax {
                LoadProblem::Syntax(f.message)
            } else {
                LoadProblem::Data(f.message)
            };
            fail(f.path, offset, problem)
        };
        // A long TOML file is parsed a task at a time, which keeps the parser's memory to
        // that of one task (see `toml_tables`); a short one in one piece.
        let tables = (format == Format::Toml && scan.headers.len() > Loader::PIECEWISE)
            .then(|| toml_tables(text, &scan.headers, &["tasks"]))
            .flatten();
        let wire: DirectiveWire = match tables {
            Some((rest, tables)) => {
                count_within(&self.limits, Limit::Tasks, tables.len(), "tasks", |_| {
                    tables.get(self.limits.max(Limit::Tasks)).map(|t| t.1)
                })
                .map_err(|(path, e)| fail(path, e.offset, exceeded(e)))?;
                let mut wire: DirectiveWire = crate::load::read(format, &rest).map_err(to_error)?;
                drop(rest);
                wire.tasks.reserve_exact(tables.len());
                for (index, &(_, start, end)) in tables.iter().enumerate() {
                    let piece = text.get(start..end).unwrap_or_default();
                    let one: TaskTable = crate::load::read(format, piece)
                        .map_err(|f| to_error(f.within(start, "tasks", index)))?;
                    wire.tasks.extend(one.tasks);
                }
                wire
            }
            None => crate::load::read(format, text).map_err(to_error)?,
        };
        count_within(
            &self.limits,
            Limit::Tasks,
            wire.tasks.len(),
            "tasks",
            |path| locate(format, text, path),
        )
        .map_err(|(path, e)| fail(path, e.offset, exceeded(e)))?;
        let places = Places::of(&wire);
        Directive::try_from(wire).map_err(|e| {
            let path = e
                .path()
                .or_else(|| places.path(&e))
                .unwrap_or_else(|| ".".to_owned());
            let offset = locate(format, text, &path);
            fail(path, offset, LoadProblem::Invalid(e))
        })
    }
}

/// The keys of the cited documents and the references of the directive's document, to
/// place the builder's document errors in the file.
struct Places {
    cited: Vec<DocKey>,
    references: Vec<DocKey>,
}

impl Places {
    fn of(wire: &DirectiveWire) -> Places {
        Places {
            cited: wire.cited.iter().map(Document::key).collect(),
            references: wire
                .document
                .references()
                .iter()
                .map(|r| r.target().clone())
                .collect(),
        }
    }

    /// The path of the value a document error is about.
    fn path(&self, e: &DirectiveError) -> Option<String> {
        let DirectiveError::Document(e) = e else {
            return None;
        };
        let cited = |key: &DocKey, nth: usize| {
            self.cited
                .iter()
                .enumerate()
                .filter(|(_, k)| *k == key)
                .nth(nth)
                .map_or_else(|| "document".to_owned(), |(i, _)| format!("cited[{i}]"))
        };
        match e {
            DocumentError::DuplicateDocument { key } => Some(cited(key, 1)),
            DocumentError::Cycle { path } => path.first().map(|key| cited(key, 0)),
            DocumentError::AmbiguousReference { key, .. }
            | DocumentError::UnknownDocument { key } => self
                .references
                .iter()
                .position(|k| k == key)
                .map(|i| format!("document.references[{i}]")),
            _ => None,
        }
    }
}

impl Directive {
    /// Reads a directive from TOML, through the builder.
    ///
    /// The file has `theme`, `horizon` (a period such as `"2024"`), `recipients` (a list of
    /// [`Selector`] tables), a `[document]` table (see [`Document`]), `[[cited]]` documents,
    /// `[[tasks]]` with `number`, `title`, `text`, `assignments` (`role` and either
    /// `recipients = true` or `bodies = { … }`) and `requirements` (`kind` =
    /// `periodic_report` with `frequency`, `regime`, `to`, `through`; `deliverable` with
    /// `what`, `due`; `indicator` with `metric`, `target`, `unit`, `by`; or `continuous`),
    /// where a due is a date `yyyy-mm-dd` or a term (`"30 days"`, see [`Due`]),
    /// and an optional `[monitoring]` table with `text`, `assignments` and `requirements`.
    /// `examples/data/1470-CV-TU.toml` is a full example.
    ///
    /// # Errors
    ///
    /// [`DirectiveError::Load`] naming the line and column, the path and the problem when
    /// the text is not such a file (unknown fields included), exceeds a default limit of
    /// [`Loader`], or holds a directive the builder refuses (see
    /// [`DirectiveBuilder::build`](super::DirectiveBuilder::build)).
    ///
    /// # Example
    ///
    /// A plan with a half-year report on a regime (the shape [`ReportingRegime`] writes),
    /// a deliverable due within a term of issue, and an indicator:
    ///
    /// ```
    /// use directives::directive::{Directive, Requirement};
    ///
    /// let d = Directive::from_toml_str(r#"
    ///     theme = "Chuyển đổi số"
    ///     horizon = "2024"
    ///     recipients = [{ kind = "department_or_agency", level = "province" }]
    ///
    ///     [document]
    ///     symbol = "15/KH-UBND"
    ///     issued = "2024-01-10"
    ///     title = "Kế hoạch chuyển đổi số năm 2024"
    ///     issuer = { body = "TH-UBND" }
    ///     references = [{ relation = "implements", symbol = "09/2019/NĐ-CP", date = "2019-01-24" }]
    ///
    ///     [[tasks]]
    ///     number = "1"
    ///     title = "Báo cáo kết quả"
    ///     assignments = [
    ///         { role = "lead", recipients = true },
    ///         { role = "coordinate", bodies = { body = "TH-STTTT" } },
    ///     ]
    ///     [[tasks.requirements]]
    ///     kind = "periodic_report"
    ///     to = "TH-UBND"
    ///     through = "TH-STTTT"
    ///     regime = { name = "half-year report", frequency = "half_yearly", cut_off = { kind = "decree_09" }, deadline = { kind = "day_of_last_month", day = 25, on_rest_day = "following" } }
    ///
    ///     [[tasks]]
    ///     number = "2"
    ///     title = "Kế hoạch của đơn vị"
    ///     assignments = [{ role = "lead", recipients = true }]
    ///     requirements = [
    ///         { kind = "deliverable", what = "the unit's plan", due = "30 days" },
    ///         { kind = "indicator", metric = "procedures online", target = 80, unit = "%", by = "2024-12-31" },
    ///     ]
    /// "#)?;
    /// assert_eq!(d.tasks().len(), 2);
    /// let Requirement::PeriodicReport(report) = &d.tasks()[0].requirements()[0] else {
    ///     return Err("a periodic report".into());
    /// };
    /// assert_eq!(report.intake().map(|c| c.as_str()), Some("TH-STTTT"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// An error names the path of the value at fault and the value:
    ///
    /// ```
    /// use directives::directive::Directive;
    ///
    /// let text = r#"
    ///     theme = "Dân vận"
    ///     [document]
    ///     symbol = "1470-CV/TU"
    ///     issued = "2024-02-22"
    ///     [[tasks]]
    ///     number = "10"
    ///     title = "Báo cáo"
    ///     requirements = [{ kind = "periodic_report", frequency = "fortnightly" }]
    /// "#;
    /// let err = Directive::from_toml_str(text).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid directive toml at line 9, column 61, `tasks[0].requirements[0].frequency`: invalid frequency `fortnightly`: expected `monthly`, `quarterly`, `half_yearly`, `nine_monthly` or `yearly`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Directive, DirectiveError> {
        Loader::new().toml(text)
    }

    /// Reads a directive from JSON, with the same fields as in TOML.
    ///
    /// # Errors
    ///
    /// As for [`Directive::from_toml_str`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Directive;
    ///
    /// let d = Directive::from_json_str(r#"{"document": {"symbol": "1470-CV/TU", "issued": "2024-02-22"}}"#)?;
    /// assert_eq!(d.document().symbol().as_str(), "1470-CV/TU");
    /// let err = Directive::from_json_str(r#"{"document": {"symbol": "1470-CV/TU", "issued": "2024-02-22"}, "colour": 1}"#)
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid directive json at line 1, column 74, `colour`: unknown field `colour`, expected one of `theme`, `horizon`, `document`, `recipients`, `cited`, `tasks`, `monitoring`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_str(text: &str) -> Result<Directive, DirectiveError> {
        Loader::new().json(text)
    }

    /// Writes the directive as TOML, in the form [`Directive::from_toml_str`] reads.
    ///
    /// # Errors
    ///
    /// [`DirectiveError::Write`] if serialization fails.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Directive;
    ///
    /// let d = Directive::from_json_str(r#"{"document": {"symbol": "1470-CV/TU", "issued": "2024-02-22"}}"#)?;
    /// assert_eq!(Directive::from_toml_str(&d.to_toml_string()?)?, d);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_toml_string(&self) -> Result<String, DirectiveError> {
        toml::to_string(self).map_err(|e| DirectiveError::Write {
            format: "toml",
            message: e.to_string(),
        })
    }

    /// Writes the directive as pretty-printed JSON, in the form
    /// [`Directive::from_json_str`] reads.
    ///
    /// # Errors
    ///
    /// [`DirectiveError::Write`] if serialization fails.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Directive;
    ///
    /// let d = Directive::from_json_str(r#"{"document": {"symbol": "1470-CV/TU", "issued": "2024-02-22"}}"#)?;
    /// assert_eq!(Directive::from_json_str(&d.to_json_string()?)?, d);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json_string(&self) -> Result<String, DirectiveError> {
        serde_json::to_string_pretty(self).map_err(|e| DirectiveError::Write {
            format: "json",
            message: e.to_string(),
        })
    }
}

/// A regime written as a table, or as the name of a preset.
fn regime_or_preset<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<ReportingRegime>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<ReportingRegime>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(
                f,
                "a regime table or a preset name ({})",
                crate::regime::preset_names()
            )
        }

        fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Self::Value, E> {
            ReportingRegime::preset(name).map(Some).ok_or_else(|| {
                E::custom(format!(
                    "unknown regime preset {}: expected one of {}",
                    crate::text::quote(name),
                    crate::regime::preset_names()
                ))
            })
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            ReportingRegime::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                .map(Some)
        }
    }
    deserializer.deserialize_any(Visitor)
}
