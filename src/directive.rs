//! Directives and tasks: roles, requirements, validation and lints.
//!
//! # What is a directive?
//!
//! A directive (chỉ thị, or an official letter or plan that carries one) is a
//! [`Document`](crate::document::Document) that asks bodies to do things. It names its recipients (nơi nhận), lists
//! numbered [`Task`]s, and often closes with a monitoring clause: who follows, urges,
//! inspects and supervises the implementation, and reports on it. The monitoring clause is
//! a [`Task`] too ([`Task::monitoring`]), named by [`Clause::Monitoring`] rather than by a
//! number.
//!
//! Each task gives [`Role`]s to bodies — one lead (chủ trì) answerable for it (a working
//! principle of the Government's Working Regulation attached to Decree 39/2022/NĐ-CP; by
//! analogy for a Party document), coordinating bodies (phối hợp), advisers, implementers, monitors —
//! and states [`Requirement`]s: a periodic report on a reporting regime, a deliverable due
//! on a date or within a [`Term`](crate::calendar::Term) of issue, an indicator target, or
//! continuous work with no deadline. Bodies are named by [`Selector`](crate::org::Selector)s resolved against a
//! [`Registry`](crate::org::Registry) on the issue date.
//!
//! A [`DirectiveBuilder`] checks what must hold (unique task numbers, fixed dates not
//! before issue, references that are not ambiguous); [`Directive::lint`] reports what is
//! legal but doubtful (a task without a lead, a report without a frequency), each finding a
//! [`Lint`] with a stable [`LintCode`], a [`Severity`], a [`Location`] and messages in
//! Vietnamese and English.
//!
//! # Data files
//!
//! With the `serde` feature, [`Directive::from_toml_str`] and [`Directive::from_json_str`]
//! read a directive through the builder; unknown fields are errors, and an error names the
//! line and column and the path of the value at fault
//! (`tasks[9].requirements[0].frequency`), quoting the value with a bound. A [`Loader`]
//! also names the file in its errors and sets the limits (bytes, tasks, nesting depth)
//! that keep loading linear and bounded. `examples/data/1470-CV-TU.toml` encodes the seed
//! letter.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::directive::{Assignee, Directive, PeriodicReport, Requirement, Role, Task};
//! use directives::document::{DocSymbol, Document};
//! use directives::org::{Body, BodyKind, Level, Registry, Selector};
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
//! let registry = Registry::builder()
//!     .body(Body::new("TU".parse()?, "Tỉnh ủy", BodyKind::PartyCommittee, Level::Province, day(1945, 1, 1)?))
//!     .body(Body::new("BDV".parse()?, "Ban Dân vận", BodyKind::PartyAdvisoryDepartment, Level::Province, day(1945, 1, 1)?)
//!         .with_parent("TU".parse()?))
//!     .build()?;
//! let letter = Document::builder(DocSymbol::parse("1470-CV/TU")?, day(2024, 2, 22)?).build()?;
//! let directive = Directive::builder(letter)
//!     .recipient(Selector::Body("BDV".parse()?))
//!     .task(
//!         Task::new("10".parse()?, "Báo cáo kết quả")
//!             .assign(Role::Lead, Assignee::Recipients)
//!             .require(Requirement::PeriodicReport(PeriodicReport::new().to("TU".parse()?))),
//!     )
//!     .build()?;
//! let codes: Vec<&str> = directive.lint(&registry, &directives::calendar::WorkCalendar::vietnam()?)?.iter().map(|l| l.code().as_str()).collect();
//! assert_eq!(codes, ["DIR003", "DIR004"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod key;
mod lint;
mod model;
mod task;
#[cfg(feature = "serde")]
pub(crate) mod wire;

pub use self::key::DirectiveKey;
pub use self::lint::{Lint, LintCode, Location, Part, Severity, facts};
pub use self::model::{Directive, DirectiveBuilder};
pub use self::task::{
    Assignee, Assignment, Clause, Due, PeriodicReport, Requirement, Role, Task, TaskNumber,
};
#[cfg(feature = "serde")]
pub use self::wire::Loader;

use chrono::NaiveDate;

#[cfg(feature = "serde")]
use crate::Limit;
use crate::document::DocumentError;
use crate::period::{Frequency, Period};
use crate::regime::RegimeError;

/// An error from building or loading a directive.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DirectiveError {
    /// A document error: a malformed symbol, a duplicate or ambiguous reference, a cycle
    /// of references among the cited documents.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// A task number that is not digits followed by optional lowercase letters.
    #[error(
        "invalid task number {}: expected digits and optional lowercase letters, such as `3a`",
        crate::text::quote(.value)
    )]
    InvalidTaskNumber {
        /// The text given.
        value: String,
    },
    /// A due that is neither a date nor a term.
    #[error(
        "invalid due {}: expected a date `yyyy-mm-dd` or a term such as `30 days`",
        crate::text::quote(.value)
    )]
    InvalidDue {
        /// The text given.
        value: String,
    },
    /// Two monitoring clauses given to one builder: a directive has one.
    #[error("a second monitoring clause: a directive has one")]
    DuplicateMonitoring,
    /// Two tasks with one number. Numbers are compared as [`TaskNumber`] stores them,
    /// without leading zeros, so `1` and `01` are one number.
    #[error(
        "duplicate task number `{number}` at `tasks[{index}].number`: `tasks[{first}]` has the same number"
    )]
    DuplicateTask {
        /// The number.
        number: TaskNumber,
        /// The index of the second task with that number.
        index: usize,
        /// The index of the first task with that number.
        first: usize,
    },
    /// A text that must say something is empty or only whitespace (a task's title, a
    /// deliverable, an indicator's metric), or an optional text that is given but blank
    /// (a theme, a task's text).
    #[error("empty or blank text at `{path}`")]
    Blank {
        /// The path of the text, such as `tasks[2].title`.
        path: String,
    },
    /// A fixed due date before the directive's issue date.
    #[error("{location} (`{}`): due date `{date}` is before the issue date `{issued}`", .location.path())]
    DateBeforeIssue {
        /// Where.
        location: Location,
        /// The due date.
        date: NaiveDate,
        /// The issue date.
        issued: NaiveDate,
    },
    /// A periodic report whose stated frequency differs from its regime's.
    #[error("{location} (`{}`): stated frequency `{stated}` differs from the regime's `{regime}`", .location.path())]
    FrequencyMismatch {
        /// Where.
        location: Location,
        /// The frequency stated.
        stated: Frequency,
        /// The regime's frequency.
        regime: Frequency,
    },
    /// An indicator target that is not a finite number.
    #[error("{location} (`{}`): indicator target `{value}` is not a finite number", .location.path())]
    InvalidTarget {
        /// Where.
        location: Location,
        /// The target, printed.
        value: String,
    },
    /// A selector (a recipient, or the bodies of an assignment) nested deeper than
    /// [`Selector::MAX_DEPTH`](crate::org::Selector::MAX_DEPTH) levels of `all`, `any`
    /// and `not`.
    #[error("{location} (`{}`): selector nested deeper than {limit} levels", .location.path())]
    SelectorTooDeep {
        /// Where.
        location: Location,
        /// The limit.
        limit: usize,
    },
    /// An assignment to the recipients of a directive that has none.
    #[error("{location} (`{}`): assigned to the recipients, but the directive has none", .location.path())]
    NoRecipients {
        /// Where.
        location: Location,
    },
    /// An assignment in a data file that names both or neither of `recipients` and
    /// `bodies`.
    #[error("an assignment needs exactly one of `recipients = true` and `bodies`")]
    InvalidAssignment,
    /// A requirement in a data file with a field its kind does not have, or without one
    /// it needs.
    #[error("a `{kind}` requirement {problem}")]
    InvalidRequirement {
        /// The kind (`periodic_report`, `deliverable`, `indicator`, `continuous`).
        kind: &'static str,
        /// What is wrong, such as "has no field `what`".
        problem: String,
    },
    /// A lint that could not run: the reporting schedule of a periodic report over the
    /// directive's horizon cannot be computed on the calendar given.
    #[error("{location} (`{}`): cannot compute the reporting schedule over `{horizon}`: {source}", .location.path())]
    Schedule {
        /// Where.
        location: Location,
        /// The directive's horizon.
        horizon: Period,
        /// Why.
        source: Box<RegimeError>,
    },
    /// A data file that could not be read: where in it, and why.
    ///
    /// The message names the file (when the [`Loader`] was given its name), the line and
    /// column, the path of the value at fault (`tasks[9].requirements[0].regime`) and the
    /// value, quoted no longer than a fixed bound.
    #[cfg(feature = "serde")]
    #[error("{}", load_message(.format, .origin.as_deref(), .path, *.line, *.column, .problem))]
    Load {
        /// `toml` or `json`.
        format: &'static str,
        /// The name of the file, if the [`Loader`] was given one.
        origin: Option<String>,
        /// The path of the value at fault, such as `tasks[9].requirements[0].regime`; `.`
        /// for the whole file.
        path: String,
        /// The line, counted from 1, when known.
        line: Option<usize>,
        /// The column (in characters, counted from 1), when known.
        column: Option<usize>,
        /// What is wrong.
        problem: Box<LoadProblem>,
    },
    /// A directive that could not be written.
    #[error("cannot write the directive as {format}: {message}")]
    Write {
        /// `toml` or `json`.
        format: &'static str,
        /// What went wrong.
        message: String,
    },
}

impl DirectiveError {
    /// The path in a data file of the value a builder error is about, such as
    /// `tasks[8].number`.
    #[cfg(feature = "serde")]
    pub(crate) fn path(&self) -> Option<String> {
        match self {
            DirectiveError::DuplicateTask { index, .. } => Some(format!("tasks[{index}].number")),
            DirectiveError::Blank { path } => Some(path.clone()),
            DirectiveError::DateBeforeIssue { location, .. }
            | DirectiveError::FrequencyMismatch { location, .. }
            | DirectiveError::InvalidTarget { location, .. }
            | DirectiveError::SelectorTooDeep { location, .. }
            | DirectiveError::NoRecipients { location } => Some(location.path()),
            _ => None,
        }
    }
}

/// What is wrong with a data file that could not be read as a directive (see
/// [`DirectiveError::Load`]).
///
/// New kinds may be added, so the enum is `#[non_exhaustive]`.
#[cfg(feature = "serde")]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadProblem {
    /// The text is not TOML or JSON: the parser's message.
    #[error("{0}")]
    Syntax(String),
    /// The text is TOML or JSON but not a directive: a value of the wrong type, an unknown
    /// or missing field, a value its parser refuses (a date, a symbol, a period).
    #[error("{0}")]
    Data(String),
    /// The file is empty or holds only whitespace and comments.
    #[error("the file is empty")]
    Empty,
    /// The file exceeds a limit of the [`Loader`].
    #[error("{limit} exceeds the limit of {max}: found {found}")]
    Limit {
        /// Which limit.
        limit: Limit,
        /// The limit.
        max: usize,
        /// What the file has (for the nesting depth, the first depth past the limit).
        found: usize,
    },
    /// The file reads as a directive, but the directive is not valid (the builder's
    /// error, which names its place in the directive).
    #[error(transparent)]
    Invalid(DirectiveError),
}

impl DirectiveError {
    /// The error as a sentence in `lang` (the English one is also its `Display`): places
    /// in the directive read as [`Location::sentence`] writes them, and a data file's
    /// error names the file, the line and column, the path and the value.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// use directives::Lang;
    /// use directives::directive::Loader;
    ///
    /// let err = Loader::new().origin("chi-thi.toml").toml("").unwrap_err();
    /// assert_eq!(err.sentence(Lang::Vi), "văn bản (toml) không hợp lệ trong tệp `chi-thi.toml`: tệp không có nội dung");
    /// assert_eq!(err.sentence(Lang::En), err.to_string());
    /// # }
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        use crate::text::quote;
        if lang == crate::Lang::En {
            return self.to_string();
        }
        let at =
            |location: &Location| format!("{} (`{}`)", location.sentence(lang), location.path());
        let day = |d: &NaiveDate| d.format("%d/%m/%Y").to_string();
        match self {
            // A document's error, as its module writes it.
            DirectiveError::Document(error) => error.to_string(),
            DirectiveError::InvalidTaskNumber { value } => format!(
                "số thứ tự nhiệm vụ {} không hợp lệ: cần là chữ số, có thể kèm chữ thường, chẳng \
                 hạn `3a`",
                quote(value)
            ),
            DirectiveError::InvalidDue { value } => format!(
                "hạn {} không hợp lệ: cần là một ngày `yyyy-mm-dd` hoặc một thời hạn, chẳng hạn \
                 `30 ngày`",
                quote(value)
            ),
            DirectiveError::DuplicateMonitoring => {
                "có nội dung theo dõi, đôn đốc thứ hai: mỗi văn bản chỉ có một".to_owned()
            }
            DirectiveError::DuplicateTask {
                number,
                index,
                first,
            } => format!(
                "số thứ tự nhiệm vụ `{number}` bị trùng tại `tasks[{index}].number`: \
                 `tasks[{first}]` đã có số này"
            ),
            DirectiveError::Blank { path } => format!("nội dung tại `{path}` để trống"),
            DirectiveError::DateBeforeIssue {
                location,
                date,
                issued,
            } => format!(
                "{}: hạn {} trước ngày ban hành {}",
                at(location),
                day(date),
                day(issued)
            ),
            DirectiveError::FrequencyMismatch {
                location,
                stated,
                regime,
            } => format!(
                "{}: kỳ báo cáo ghi trong văn bản ({}) khác kỳ của chế độ báo cáo ({})",
                at(location),
                stated.label(lang),
                regime.label(lang)
            ),
            DirectiveError::InvalidTarget { location, value } => format!(
                "{}: chỉ tiêu `{value}` không phải là một số hữu hạn",
                at(location)
            ),
            DirectiveError::SelectorTooDeep { location, limit } => {
                format!("{}: bộ chọn lồng nhau quá {limit} cấp", at(location))
            }
            DirectiveError::NoRecipients { location } => format!(
                "{}: giao cho nơi nhận, nhưng văn bản không có nơi nhận",
                at(location)
            ),
            DirectiveError::InvalidAssignment => {
                "mỗi phân công cần đúng một trong `recipients = true` và `bodies`".to_owned()
            }
            DirectiveError::InvalidRequirement { kind, problem } => {
                let problem = if let Some(field) = problem.strip_prefix("has no field ") {
                    format!("không có trường {field}")
                } else if let Some(field) = problem.strip_prefix("needs the field ") {
                    format!("cần có trường {field}")
                } else {
                    problem.clone()
                };
                format!("yêu cầu loại `{kind}` {problem}")
            }
            DirectiveError::Schedule {
                location,
                horizon,
                source,
            } => format!(
                "{}: không tính được lịch báo cáo trong kỳ `{horizon}`: {source}",
                at(location)
            ),
            #[cfg(feature = "serde")]
            DirectiveError::Load {
                format,
                origin,
                path,
                line,
                column,
                problem,
            } => {
                // A builder error names its place itself.
                let path = (path != "." && !matches!(problem.as_ref(), LoadProblem::Invalid(_)))
                    .then_some(path.as_str());
                let place = crate::text::load_place_vi(
                    "văn bản",
                    format,
                    origin.as_deref(),
                    *line,
                    line.and(*column),
                    path,
                );
                format!("{place}: {}", problem.sentence(lang))
            }
            DirectiveError::Write { format, message } => {
                format!("không ghi được văn bản dạng {format}: {message}")
            }
        }
    }
}

#[cfg(feature = "serde")]
impl LoadProblem {
    /// What is wrong, as a sentence in `lang` (the English one is also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::directive::LoadProblem;
    ///
    /// assert_eq!(LoadProblem::Empty.sentence(Lang::Vi), "tệp không có nội dung");
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            LoadProblem::Syntax(message) | LoadProblem::Data(message) => {
                crate::text::parser_message_vi(message)
            }
            LoadProblem::Empty => "tệp không có nội dung".to_owned(),
            LoadProblem::Limit { limit, max, found } => limit.exceeded(*max, *found, lang),
            LoadProblem::Invalid(error) => error.sentence(lang),
        }
    }
}

#[cfg(feature = "serde")]
fn load_message(
    format: &str,
    origin: Option<&str>,
    path: &str,
    line: Option<usize>,
    column: Option<usize>,
    problem: &LoadProblem,
) -> String {
    use std::fmt::Write as _;
    let mut out = format!("invalid directive {format}");
    if let Some(origin) = origin {
        let _ = write!(out, " in {}", crate::text::quote(origin));
    }
    match (line, column) {
        (Some(line), Some(column)) => {
            let _ = write!(out, " at line {line}, column {column}");
        }
        (Some(line), None) => {
            let _ = write!(out, " at line {line}");
        }
        _ => {}
    }
    // A builder error names its place itself.
    if path != "." && !matches!(problem, LoadProblem::Invalid(_)) {
        let sep = if line.is_some() { ", " } else { " at " };
        let _ = write!(out, "{sep}{}", crate::text::quote(path));
    }
    let _ = write!(out, ": {problem}");
    out
}
