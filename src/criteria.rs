//! Compliance criteria as data: assertions over groups of obligations, judged on an
//! evaluation.
//!
//! # What a criterion says
//!
//! An evaluation gives a status per obligation. A rule such as "every district party
//! committee files at least 80% of its 2024 reports on time" is an assertion over *groups*
//! of those statuses. A [`Criterion`] writes it as data:
//!
//! - a [`Scope`]: which obligations (directives, tasks, roles, bodies by
//!   [`Selector`](crate::org::Selector), periods, statuses);
//! - [`GroupBy`] keys: how they are grouped (assigned body, holder, level, kind, task,
//!   directive, period, or a quarter, half or year window; several keys at once);
//! - a [`Measure`] of each group (on-time rate, done rate, late and overdue shares,
//!   counts, largest overdue age and mean lateness, the score or grade of a grading
//!   policy, indicator targets met);
//! - a [`Requirement`] on the measure (at least, at most, equal, between; or a
//!   [`Trend`] over the time key);
//! - an id, a title in Vietnamese and English, the provision it enforces, a
//!   [`Severity`](crate::directive::Severity), the dates it is in force (half-open), and
//!   the basis of its threshold (a [`Provenance`](crate::provenance::Provenance)).
//!
//! # Semantics
//!
//! - A rate's denominator is what is **due**: done on time + done late + open and
//!   overdue. Obligations open within their deadline, waived or not applicable are not
//!   due.
//! - A group with nothing due is **not applicable**, never violated.
//! - A criterion outside its dates (judged on the as-of date) is **not applicable, not in
//!   force**.
//! - A trend counts only the windows **settled** at the as-of date (ended, with nothing
//!   in scope still open within its deadline) unless told otherwise, and lists the
//!   unsettled ones.
//! - A group is **indeterminate** when its value cannot be known: working days without a
//!   calendar, a grade with no single assessment year or under a policy that does not
//!   govern the year, a trend with fewer than two settled windows.
//! - A criterion is violated when a group is; else indeterminate when a group is; else
//!   satisfied when a group is; else not applicable.
//!
//! [`Criteria::assess`] reads the columnar [`Evaluation`](crate::compliance::Evaluation)
//! (statuses by row, no owned findings) with the registry, in one pass over the
//! obligations per criterion, plus one more for the witnesses of the criteria violated.
//!
//! # Files
//!
//! With the `serde` feature a [`Loader`] reads criteria from TOML or JSON and checks them
//! against a registry:
//!
//! ```toml
//! witnesses = 5                      # optional: witnesses listed per violation
//!
//! [[criterion]]
//! id = "district-reports-on-time"
//! title = { vi = "Huyện ủy báo cáo đúng hạn", en = "District committees report on time" }
//! provision = "Decree 09/2019/NĐ-CP art. 8.5(b)"
//! severity = "warning"               # error (default), warning, info
//! from = "2024-01-01"                # optional, in force from (included)
//! until = "2026-01-01"               # optional, in force until (excluded)
//! basis = { certainty = "unverified", assumption = "80% is the province's own target" }
//! group_by = ["holder", "year"]
//! measure = "on_time_rate"           # or a table: { kind = "count", statuses = [...] }
//! require = { at_least = 0.8 }       # at_most, equal, between = [a, b], trend = "non_decreasing"
//!
//! [criterion.scope]
//! directives = ["1470-CV/TU@2024-02-22"]
//! tasks = ["10"]
//! roles = ["lead"]
//! bodies = { kind = "party_committee", level = "district" }
//! periods = { within = "2024" }      # or from = "2024-Q1", to = "2024-Q4"
//! statuses = ["done_on_time", "done_late", "open_overdue"]
//! ```
//!
//! Measures with parameters are tables: `{ kind = "count", statuses = ["open_overdue"] }`,
//! `{ kind = "max_overdue_age", unit = "working_days" }`, `{ kind = "mean_lateness", unit =
//! "days" }` (a [`TermUnit`](crate::calendar::TermUnit) by its file name: `days`, calendar
//! days, when `unit` is left out, or `working_days`), `{ kind = "score", policy =
//! "regulation_366_2025" }`, `{ kind = "grade", policy = "regulation_124_2023" }` (with
//! `require = { at_least = "good" }`). A trend takes `include_unsettled = true` to count
//! windows not yet settled.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::compliance::{evaluate, EvaluationPolicy, Events};
//! use directives::criteria::{Criteria, Criterion, GroupBy, Measure, Requirement, Threshold, Verdict};
//! use directives::obligation::{Obligation, Obligations};
//! use directives::org::{Body, BodyKind, Level, Registry};
//! use directives::Lang;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
//! let registry = Registry::builder()
//!     .body(Body::new("SYT".parse()?, "Sở Y tế", BodyKind::DepartmentOrAgency, Level::Province, d(2000, 1, 1)?))
//!     .build()?;
//! let mut obligations = Obligations::new();
//! let mut ids = Vec::new();
//! for month in 1..=4 {
//!     let key = format!("05/CT-UBND@2025-01-02/1.1/SYT/2025-{month:02}").parse()?;
//!     ids.push(obligations.push(Obligation::new(key, d(2025, month + 1, 20)?))?);
//! }
//! let mut events = Events::new();
//! events.push_submission(ids[0], d(2025, 2, 15)?)?;
//! events.push_submission(ids[1], d(2025, 3, 25)?)?;
//! let policy = EvaluationPolicy::without_calendar();
//! let evaluation = evaluate(&obligations, &events, d(2025, 5, 1)?, &policy)?;
//!
//! let criteria = Criteria::new(vec![Criterion::builder("on-time")
//!     .title("Báo cáo đúng hạn", "Reports on time")
//!     .provision("Decree 09/2019/NĐ-CP art. 8.5")
//!     .group_by([GroupBy::Holder])
//!     .measure(Measure::OnTimeRate)
//!     .require(Requirement::AtLeast(Threshold::Number(0.8)))
//!     .build()?])?;
//! let assessment = criteria.assess(&evaluation, &registry)?;
//! let result = &assessment.results()[0];
//! assert_eq!(result.verdict(), Verdict::Violated);
//! let violation = &result.violations()[0];
//! assert_eq!(violation.key().to_string(), "holder=SYT");
//! assert_eq!((violation.measured().numerator(), violation.measured().denominator()), (1.0, 3));
//! assert_eq!(violation.witness_count(), 2);
//! assert_eq!(
//!     assessment.display(Lang::En).to_string(),
//!     "[error] on-time (Decree 09/2019/NĐ-CP art. 8.5) holder=SYT: on-time rate 0.3333 (1/3), \
//!      required at least 0.8; 2 obligations: `05/CT-UBND@2025-01-02/1.1/SYT/2025-02`, \
//!      `05/CT-UBND@2025-01-02/1.1/SYT/2025-03`\n",
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod assess;
mod model;
#[cfg(feature = "serde")]
mod wire;

use chrono::NaiveDate;

pub use self::assess::{
    Assessment, AssessmentDisplay, CriterionResult, GroupCounts, GroupKey, Measured, TrendPoint,
    Undecided, UndecidedGroup, Verdict, Violation,
};
pub use self::model::{
    Criteria, Criterion, CriterionBuilder, GroupBy, Measure, NamedPolicy, Requirement, Scope,
    Threshold, Trend,
};
#[cfg(feature = "serde")]
pub use self::wire::Loader;

use crate::org::BodyCode;
use crate::text::quote;

/// An error from building, reading or applying criteria.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::criteria::GroupBy;
///
/// let err = "window".parse::<GroupBy>().unwrap_err();
/// assert!(err.to_string().starts_with("unknown grouping key `window`"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CriteriaError {
    /// A criterion or criteria file that is not valid: where (the file, the line and
    /// column, the path of the value such as `criterion[1].require.at_most`) and why.
    #[error("{}", invalid_message(.format, .origin.as_deref(), .path, *.line, *.column, .problem))]
    Invalid {
        /// `toml` or `json`, for a file.
        format: Option<&'static str>,
        /// The name of the file, when known.
        origin: Option<String>,
        /// The path of the value at fault; `.` for the whole file.
        path: String,
        /// The line, counted from 1, when known.
        line: Option<usize>,
        /// The column (in characters, counted from 1), when known.
        column: Option<usize>,
        /// What is wrong.
        problem: Box<CriteriaProblem>,
    },
    /// A value that could not be read on its own (a grouping key by name).
    #[error("{problem}")]
    Value {
        /// What is wrong.
        problem: Box<CriteriaProblem>,
    },
    /// A criteria file that could not be read from disk.
    #[error("cannot read criteria file {}: {message}", quote(.file))]
    Io {
        /// The file.
        file: String,
        /// Why.
        message: String,
    },
    /// An obligation names a body the registry does not hold, and the criterion needs
    /// the body's kind, level or place (a body selector, or grouping by level or kind).
    #[error("criterion {}: body `{code}` of the obligations is not in the registry", quote(.criterion))]
    UnknownBody {
        /// The criterion.
        criterion: String,
        /// The body's code.
        code: BodyCode,
    },
    /// A criterion's body selector could not be resolved against the registry.
    #[error("criterion {}: {source}", quote(.criterion))]
    Selector {
        /// The criterion.
        criterion: String,
        /// Why.
        source: Box<crate::org::OrgError>,
    },
}

impl CriteriaError {
    /// An invalid value at a path, outside any file.
    pub(crate) fn at(path: String, problem: CriteriaProblem) -> CriteriaError {
        CriteriaError::Invalid {
            format: None,
            origin: None,
            path,
            line: None,
            column: None,
            problem: Box::new(problem),
        }
    }

    /// The problem, for an invalid criterion or value.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::{CriteriaProblem, GroupBy};
    ///
    /// let err = "window".parse::<GroupBy>().unwrap_err();
    /// assert!(matches!(err.problem(), Some(CriteriaProblem::UnknownGroupKey { .. })));
    /// ```
    #[must_use]
    pub fn problem(&self) -> Option<&CriteriaProblem> {
        match self {
            CriteriaError::Invalid { problem, .. } | CriteriaError::Value { problem } => {
                Some(problem)
            }
            _ => None,
        }
    }

    /// The path of the value at fault, for an invalid criterion.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    ///
    /// let err = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::DoneRate)
    ///     .require(Requirement::AtLeast(Threshold::Number(2.0))).build().unwrap_err();
    /// assert_eq!(err.path(), Some("criterion[a].require.at_least"));
    /// ```
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        match self {
            CriteriaError::Invalid { path, .. } => Some(path),
            _ => None,
        }
    }
}

fn invalid_message(
    format: &Option<&'static str>,
    origin: Option<&str>,
    path: &str,
    line: Option<usize>,
    column: Option<usize>,
    problem: &CriteriaProblem,
) -> String {
    use std::fmt::Write as _;
    let mut out = "invalid criteria".to_owned();
    if let Some(format) = format {
        let _ = write!(out, " {format}");
    }
    if let Some(origin) = origin {
        let _ = write!(out, " in {}", quote(origin));
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
    if path != "." {
        let sep = if line.is_some() { ", " } else { " at " };
        let _ = write!(out, "{sep}{}", quote(path));
    }
    let _ = write!(out, ": {problem}");
    out
}

/// What is wrong with a criterion or a criteria file.
///
/// New problems may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::criteria::CriteriaProblem;
///
/// assert_eq!(
///     CriteriaProblem::RateOutOfRange { value: 1.5 }.to_string(),
///     "rate threshold `1.5` is outside 0 to 1",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CriteriaProblem {
    /// The text is not TOML or JSON.
    #[error("{0}")]
    Syntax(String),
    /// A value of the wrong type, an unknown field, a missing one.
    #[error("{0}")]
    Data(String),
    /// The file holds nothing.
    #[error("the file is empty: expected `[[criterion]]` tables")]
    Empty,
    /// A text that must say something is blank.
    #[error("the text is blank")]
    Blank,
    /// A required field is missing.
    #[error("missing field `{field}`")]
    Missing {
        /// The field.
        field: &'static str,
    },
    /// Two criteria share an id.
    #[error("id {} is used twice", quote(.id))]
    DuplicateId {
        /// The id.
        id: String,
    },
    /// The dates in force hold no day.
    #[error("in force from `{from}` until `{until}`: no day")]
    EmptyInForce {
        /// The first day.
        from: NaiveDate,
        /// The first day after.
        until: NaiveDate,
    },
    /// A grouping key given twice.
    #[error("key `{key}` is given twice")]
    RepeatedKey {
        /// The key.
        key: GroupBy,
    },
    /// A grouping key that does not exist.
    #[error("unknown grouping key {}: expected one of assigned_body, holder, level, kind, task, directive, period, quarter, half, year", quote(.value))]
    UnknownGroupKey {
        /// The value.
        value: String,
    },
    /// A measure that does not exist.
    #[error("unknown measure {}: expected one of on_time_rate, done_rate, late_share, overdue_share, count, reports, overdue_count, max_overdue_age, mean_lateness, score, grade, indicator_target_met", quote(.value))]
    UnknownMeasure {
        /// The value.
        value: String,
    },
    /// A status that does not exist.
    #[error("unknown status {}: expected one of {}", quote(.value), crate::compliance::Status::ALL.map(|s| s.as_str()).join(", "))]
    UnknownStatus {
        /// The value.
        value: String,
    },
    /// A role that does not exist.
    #[error("unknown role {}: expected one of lead, coordinate, advise, implement, monitor", quote(.value))]
    UnknownRole {
        /// The value.
        value: String,
    },
    /// A severity that does not exist.
    #[error("unknown severity {}: expected one of error, warning, info", quote(.value))]
    UnknownSeverity {
        /// The value.
        value: String,
    },
    /// A unit a measure of lateness cannot count in: one that does not exist, or a
    /// [`TermUnit`](crate::calendar::TermUnit) other than `days` and `working_days`
    /// (weeks, months and years count a term forward, not days elapsed).
    #[error("unit {} cannot measure lateness: expected `days` or `working_days`", quote(.value))]
    LatenessUnit {
        /// The value.
        value: String,
    },
    /// A grading policy the loader does not know.
    #[error("unknown grading policy {}: expected one of {known}", quote(.value))]
    UnknownPolicy {
        /// The value.
        value: String,
        /// The names known, joined.
        known: String,
    },
    /// A trend that does not exist.
    #[error("unknown trend {}: expected `non_decreasing` or `increasing`", quote(.value))]
    UnknownTrend {
        /// The value.
        value: String,
    },
    /// A grade that does not exist.
    #[error("unknown grade {}: expected one of not_completed, completed, good, excellent", quote(.value))]
    UnknownGrade {
        /// The value.
        value: String,
    },
    /// A body code the registry does not hold.
    #[error("unknown body code `{code}`")]
    UnknownBody {
        /// The code.
        code: BodyCode,
    },
    /// A body kind that does not exist.
    #[error("unknown body kind {}", quote(.value))]
    UnknownKind {
        /// The value.
        value: String,
    },
    /// A level that does not exist.
    #[error("unknown level {}", quote(.value))]
    UnknownLevel {
        /// The value.
        value: String,
    },
    /// A directive key that cannot be read.
    #[error("invalid directive key {}: expected `symbol@yyyy-mm-dd` ({reason})", quote(.value))]
    InvalidDirective {
        /// The value.
        value: String,
        /// Why.
        reason: String,
    },
    /// A task that cannot be read.
    #[error("invalid task {}: {reason}", quote(.value))]
    InvalidTask {
        /// The value.
        value: String,
        /// Why.
        reason: String,
    },
    /// A count with no status.
    #[error("a count needs at least one status")]
    NoStatuses,
    /// A field of a measure table that the measure does not take.
    #[error("field `{field}` does not apply to measure `{measure}`")]
    FieldNotForMeasure {
        /// The field.
        field: &'static str,
        /// The measure.
        measure: &'static str,
    },
    /// A rate threshold outside 0 to 1.
    #[error("rate threshold `{}` is outside 0 to 1", model::number(*.value))]
    RateOutOfRange {
        /// The value.
        value: f64,
    },
    /// A score threshold outside 0 to 100.
    #[error("score threshold `{}` is outside 0 to 100", model::number(*.value))]
    ScoreOutOfRange {
        /// The value.
        value: f64,
    },
    /// A negative threshold for a count or a number of days.
    #[error("threshold `{}` is negative", model::number(*.value))]
    Negative {
        /// The value.
        value: f64,
    },
    /// A threshold that is not a finite number.
    #[error("threshold is not a finite number")]
    NotFinite,
    /// A threshold of the wrong kind for the measure.
    #[error("measure `{measure}` needs {expected} as threshold, found `{found}`")]
    ThresholdKind {
        /// The measure.
        measure: &'static str,
        /// What it needs.
        expected: &'static str,
        /// What was given.
        found: String,
    },
    /// The bounds of a `between` are reversed.
    #[error("the bounds `{low}` and `{high}` are reversed")]
    BetweenReversed {
        /// The lower bound given.
        low: Threshold,
        /// The upper bound given.
        high: Threshold,
    },
    /// A requirement with none of its forms.
    #[error("a requirement needs one of at_least, at_most, equal, between, trend")]
    NoRequirement,
    /// A requirement with several of its forms.
    #[error("a requirement takes one of at_least, at_most, equal, between, trend: found {found}")]
    SeveralRequirements {
        /// The forms given, joined.
        found: String,
    },
    /// A trend without a time key.
    #[error("a trend needs a time key in `group_by` (period, quarter, half or year)")]
    TrendWithoutTimeKey,
    /// A trend with several time keys.
    #[error("a trend needs exactly one time key in `group_by`, found several")]
    TrendSeveralTimeKeys,
    /// A trend over fewer than two groups.
    #[error(
        "a trend needs at least two groups over time: the scope's periods fall in {groups} `{key}` window"
    )]
    TrendTooFewGroups {
        /// The time key.
        key: GroupBy,
        /// The number of windows.
        groups: usize,
    },
    /// A role filter naming a role that no obligation judged carries (checked against
    /// the obligations, by [`Criteria::check`]).
    #[error("no obligation of the evaluation has the role `{}`: the filter would leave every obligation out", role_name(*.role))]
    RoleNotCarried {
        /// The role.
        role: crate::directive::Role,
    },
    /// `include_unsettled` without a trend.
    #[error("`include_unsettled` applies only to a trend")]
    UnsettledWithoutTrend,
    /// Period filters that hold no day.
    #[error("the scope's periods hold no day: from `{first}` to `{last}`")]
    NoPeriod {
        /// The first day allowed.
        first: NaiveDate,
        /// The last day allowed.
        last: NaiveDate,
    },
}

/// The name of a role, as criteria and directive files write it.
impl CriteriaError {
    /// The error as a sentence in `lang` (the English one is also its `Display`): the
    /// file, the line and column, the path of the value and the value.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// use directives::Lang;
    /// use directives::criteria::Loader;
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// let err = Loader::new(&registry).origin("tieu-chi.toml").toml("").unwrap_err();
    /// assert_eq!(
    ///     err.sentence(Lang::Vi),
    ///     "bộ tiêu chí (toml) không hợp lệ trong tệp `tieu-chi.toml`: tệp không có nội dung: cần các bảng `[[criterion]]`",
    /// );
    /// assert_eq!(err.sentence(Lang::En), err.to_string());
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            CriteriaError::Invalid {
                format,
                origin,
                path,
                line,
                column,
                problem,
            } => {
                let place = crate::text::load_place_vi(
                    "bộ tiêu chí",
                    format.unwrap_or("dữ liệu"),
                    origin.as_deref(),
                    *line,
                    line.and(*column),
                    (path != ".").then_some(path.as_str()),
                );
                format!("{place}: {}", problem.sentence(lang))
            }
            CriteriaError::Value { problem } => problem.sentence(lang),
            CriteriaError::Io { file, message } => {
                format!("không đọc được tệp tiêu chí {}: {message}", quote(file))
            }
            CriteriaError::UnknownBody { criterion, code } => format!(
                "tiêu chí {}: cơ quan, đơn vị `{code}` của các nhiệm vụ không có trong danh sách",
                quote(criterion)
            ),
            CriteriaError::Selector { criterion, source } => {
                format!("tiêu chí {}: {}", quote(criterion), source.sentence(lang))
            }
        }
    }
}

impl CriteriaProblem {
    /// What is wrong, as a sentence in `lang` (the English one is also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::criteria::CriteriaProblem;
    ///
    /// let problem = CriteriaProblem::RateOutOfRange { value: 1.5 };
    /// assert_eq!(problem.sentence(Lang::Vi), "ngưỡng tỷ lệ `1.5` nằm ngoài khoảng từ 0 đến 1");
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            CriteriaProblem::Syntax(message) | CriteriaProblem::Data(message) => {
                crate::text::parser_message_vi(message)
            }
            CriteriaProblem::Empty => {
                "tệp không có nội dung: cần các bảng `[[criterion]]`".to_owned()
            }
            CriteriaProblem::Blank => "nội dung để trống".to_owned(),
            CriteriaProblem::Missing { field } => format!("thiếu trường `{field}`"),
            CriteriaProblem::DuplicateId { id } => {
                format!("mã tiêu chí {} bị dùng hai lần", quote(id))
            }
            CriteriaProblem::EmptyInForce { from, until } => {
                format!("thời gian hiệu lực từ `{from}` đến trước `{until}` không có ngày nào")
            }
            CriteriaProblem::RepeatedKey { key } => format!("khóa `{key}` được ghi hai lần"),
            CriteriaProblem::UnknownGroupKey { value } => format!(
                "không có khóa nhóm {}: các khóa hợp lệ là assigned_body, holder, level, kind, \
                 task, directive, period, quarter, half, year",
                quote(value)
            ),
            CriteriaProblem::UnknownMeasure { value } => format!(
                "không có thước đo {}: các thước đo hợp lệ là on_time_rate, done_rate, \
                 late_share, overdue_share, count, reports, overdue_count, max_overdue_age, \
                 mean_lateness, score, grade, indicator_target_met",
                quote(value)
            ),
            CriteriaProblem::UnknownStatus { value } => format!(
                "không có tình trạng {}: các tình trạng hợp lệ là {}",
                quote(value),
                crate::compliance::Status::ALL
                    .map(|s| s.as_str())
                    .join(", ")
            ),
            CriteriaProblem::UnknownRole { value } => format!(
                "không có vai trò {}: các vai trò hợp lệ là lead, coordinate, advise, \
                 implement, monitor",
                quote(value)
            ),
            CriteriaProblem::UnknownSeverity { value } => format!(
                "không có mức độ {}: các mức hợp lệ là error, warning, info",
                quote(value)
            ),
            CriteriaProblem::LatenessUnit { value } => format!(
                "đơn vị {} không đo được số ngày chậm: cần `days` hoặc `working_days`",
                quote(value)
            ),
            CriteriaProblem::UnknownPolicy { value, known } => format!(
                "không có cách xếp loại {}: các cách hợp lệ là {known}",
                quote(value)
            ),
            CriteriaProblem::UnknownTrend { value } => format!(
                "không có xu hướng {}: cần `non_decreasing` hoặc `increasing`",
                quote(value)
            ),
            CriteriaProblem::UnknownGrade { value } => format!(
                "không có mức xếp loại {}: các mức hợp lệ là not_completed, completed, good, \
                 excellent",
                quote(value)
            ),
            CriteriaProblem::UnknownBody { code } => {
                format!("không có cơ quan, đơn vị mã `{code}`")
            }
            CriteriaProblem::UnknownKind { value } => {
                format!("không có loại cơ quan, đơn vị {}", quote(value))
            }
            CriteriaProblem::UnknownLevel { value } => format!("không có cấp {}", quote(value)),
            CriteriaProblem::InvalidDirective { value, reason } => format!(
                "khóa văn bản {} không hợp lệ: cần viết `số-ký-hiệu@yyyy-mm-dd` ({reason})",
                quote(value)
            ),
            CriteriaProblem::InvalidTask { value, reason } => {
                format!("nhiệm vụ {} không hợp lệ: {reason}", quote(value))
            }
            CriteriaProblem::NoStatuses => "phép đếm cần ít nhất một tình trạng".to_owned(),
            CriteriaProblem::FieldNotForMeasure { field, measure } => {
                format!("trường `{field}` không dùng cho thước đo `{measure}`")
            }
            CriteriaProblem::RateOutOfRange { value } => format!(
                "ngưỡng tỷ lệ `{}` nằm ngoài khoảng từ 0 đến 1",
                model::number(*value)
            ),
            CriteriaProblem::ScoreOutOfRange { value } => format!(
                "ngưỡng điểm `{}` nằm ngoài khoảng từ 0 đến 100",
                model::number(*value)
            ),
            CriteriaProblem::Negative { value } => {
                format!("ngưỡng `{}` là số âm", model::number(*value))
            }
            CriteriaProblem::NotFinite => "ngưỡng không phải là một số hữu hạn".to_owned(),
            CriteriaProblem::ThresholdKind {
                measure,
                expected,
                found,
            } => format!("thước đo `{measure}` cần ngưỡng là {expected}, nhưng gặp `{found}`"),
            CriteriaProblem::BetweenReversed { low, high } => {
                format!("hai giới hạn `{low}` và `{high}` bị đảo ngược")
            }
            CriteriaProblem::NoRequirement => "yêu cầu cần một trong at_least, at_most, equal, \
                 between, trend"
                .to_owned(),
            CriteriaProblem::SeveralRequirements { found } => format!(
                "yêu cầu chỉ nhận một trong at_least, at_most, equal, between, trend: gặp {found}"
            ),
            CriteriaProblem::TrendWithoutTimeKey => "xu hướng cần một khóa thời gian trong \
                 `group_by` (period, quarter, half hoặc year)"
                .to_owned(),
            CriteriaProblem::TrendSeveralTimeKeys => {
                "xu hướng cần đúng một khóa thời gian trong `group_by`, nhưng gặp nhiều khóa"
                    .to_owned()
            }
            CriteriaProblem::TrendTooFewGroups { key, groups } => format!(
                "xu hướng cần ít nhất hai nhóm theo thời gian: các kỳ trong phạm vi chỉ thuộc \
                 {groups} khoảng `{key}`"
            ),
            CriteriaProblem::RoleNotCarried { role } => format!(
                "không nhiệm vụ nào trong kết quả đánh giá có vai trò `{}`: bộ lọc sẽ loại mọi \
                 nhiệm vụ",
                role_name(*role)
            ),
            CriteriaProblem::UnsettledWithoutTrend => {
                "`include_unsettled` chỉ dùng cho xu hướng".to_owned()
            }
            CriteriaProblem::NoPeriod { first, last } => {
                format!("các kỳ trong phạm vi không có ngày nào: từ `{first}` đến `{last}`")
            }
        }
    }
}

pub(crate) fn role_name(role: crate::directive::Role) -> &'static str {
    use crate::directive::Role;
    match role {
        Role::Lead => "lead",
        Role::Coordinate => "coordinate",
        Role::Advise => "advise",
        Role::Implement => "implement",
        Role::Monitor => "monitor",
        #[allow(unreachable_patterns, reason = "the enum is non_exhaustive")]
        _ => "other",
    }
}

impl From<CriteriaError> for crate::Error {
    fn from(error: CriteriaError) -> crate::Error {
        crate::Error::Criteria(Box::new(error))
    }
}

/// The choices the criteria make where no text read decides, each with its provenance.
///
/// # Example
///
/// ```
/// use directives::criteria::facts;
/// use directives::provenance::Certainty;
///
/// let facts = facts();
/// assert!(facts.iter().all(|f| f.is_below(Certainty::Corroborated)));
/// assert!(facts.iter().any(|f| f.id() == "criteria.rate-over-due"));
/// ```
#[must_use]
pub fn facts() -> Vec<crate::provenance::Fact> {
    use crate::provenance::{Fact, FactArea, Provenance};
    let fact = |id: &str, statement: &str, assumption: &str| {
        Provenance::unverified(assumption)
            .ok()
            .map(|p| Fact::new(FactArea::LegalRule, id, statement, p))
    };
    [
        fact(
            "criteria.rate-over-due",
            "A rate's denominator is the obligations that are due: done on time, done late, \
             and open past the deadline",
            "Decision 42/2014/QĐ-TTg counts tasks in four states and reports those open within \
             the deadline apart; no text read here defines a rate of reports on time, so \
             obligations not yet due, waived or not applicable are left out of it",
        ),
        fact(
            "criteria.window-by-period-end",
            "A quarter, half or year window holds the obligations whose period ends in it",
            "no text read here assigns a report to a window; a period ends in exactly one \
             window, so each report counts once",
        ),
        fact(
            "criteria.mean-lateness-of-late",
            "Mean lateness averages the days past the deadline of the late obligations only \
             (done late, or open and overdue on the as-of date)",
            "no text read here defines mean lateness; averaging over obligations done on \
             time would mix timeliness with lateness, which the on-time rate measures",
        ),
        fact(
            "criteria.in-force-on-as-of",
            "A criterion applies when the as-of date lies within its dates in force",
            "a criterion is a rule of the user's tracking, not of the law; judging it on the \
             date of the assessment is the reading that lets a rule be replaced from a date",
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}
