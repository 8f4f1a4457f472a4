//! The answers: a success with the call's result and warnings, or a failure with errors.

use chrono::NaiveDate;
use serde::Serialize;

use super::SCHEMA_VERSION;
use super::request::CallName;
use crate::compliance::Status;
use crate::criteria::Verdict;
use crate::directive::{Role, Severity};

#[cfg(feature = "schema")]
fn date_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": "string", "format": "date"})
}

#[cfg(feature = "schema")]
fn optional_date_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": ["string", "null"], "format": "date"})
}

/// The answer to a call: `{"type": "success", …}` or `{"type": "failure", …}`.
///
/// # Example
///
/// ```
/// use directives::wire::{Answer, Failure};
///
/// let answer = Answer::Failure(Failure::one("as_of", "missing field `as_of`"));
/// assert_eq!(
///     answer.to_json(),
///     r#"{"type":"failure","schema_version":1,"errors":[{"path":"as_of","message":"missing field `as_of`"}]}"#,
/// );
/// assert!(!answer.is_success());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    /// The call was answered.
    Success(Success),
    /// The call could not be answered.
    Failure(Failure),
}

impl Answer {
    /// Whether the call was answered.
    ///
    /// # Example
    ///
    /// See [`Answer`].
    ///
    /// ```
    /// let answer = directives::wire::Context::new().map_err(|f| f.to_json())?
    ///     .answer_json(r#"{"schema_version": 1, "call": "calls"}"#);
    /// assert!(answer.is_success());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_success(&self) -> bool {
        matches!(self, Answer::Success(_))
    }

    /// The answer as compact JSON text. Writing cannot fail for these types; should it
    /// ever, the text is a failure answer saying so.
    ///
    /// # Example
    ///
    /// See [`Answer`].
    ///
    /// ```
    /// use directives::wire::{Answer, Failure};
    ///
    /// assert!(Answer::Failure(Failure::one("", "x")).to_json().starts_with(r#"{"type":"failure""#));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| unwritable(&e))
    }

    /// The answer as indented JSON text, for people.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::wire::{Answer, Failure};
    ///
    /// assert!(Answer::Failure(Failure::one("", "x")).to_json_pretty().starts_with("{\n  \"type\": \"failure\""));
    /// ```
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| unwritable(&e))
    }
}

fn unwritable(e: &serde_json::Error) -> String {
    Failure::one("", format!("cannot write the answer: {e}")).to_json()
}

/// A call answered: the contract's version, the call's result (its `call` field names
/// the call) and warnings that did not stop it.
///
/// # Example
///
/// See [`Context::answer`](super::Context::answer).
///
/// ```
/// let answer = directives::wire::call(r#"{"schema_version": 1, "call": "calls"}"#);
/// assert!(answer.starts_with(r#"{"type":"success","schema_version":1,"call":"calls","#), "{answer}");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct Success {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The result, tagged by the call's name.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// What a person should know: requirements that gave no obligation, days off that
    /// rest on an unverified fact, and the like.
    pub warnings: Vec<Warning>,
}

/// A call's result, tagged by its `call` field.
///
/// New calls will be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// See [`Context::answer`](super::Context::answer).
///
/// ```
/// use directives::wire::{Answer, Outcome};
///
/// let answer = directives::wire::Context::new().map_err(|f| f.to_json())?
///     .answer_json(r#"{"schema_version": 1, "call": "calls"}"#);
/// let Answer::Success(success) = answer else { return Err("failure".into()) };
/// assert!(matches!(success.outcome, Outcome::Calls(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "call", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// `lint`.
    Lint(LintResult),
    /// `expand`.
    Expand(ExpandResult),
    /// `evaluate`.
    Evaluate(EvaluateResult),
    /// `assess`.
    Assess(AssessResult),
    /// `deadline`.
    Deadline(DeadlineResult),
    /// `schedule`.
    Schedule(ScheduleResult),
    /// `add_working_days`.
    AddWorkingDays(DateResult),
    /// `working_days_between`.
    WorkingDaysBetween(WorkingDaysResult),
    /// `day`.
    Day(DayResult),
    /// `calls`.
    Calls(CallsResult),
    /// `report`.
    #[cfg(feature = "report")]
    Report(ReportResult),
}

/// A call not answered: the contract's version and at least one error.
///
/// # Example
///
/// See [`Answer`].
///
/// ```
/// use directives::wire::Failure;
///
/// let failure = Failure::one("directive", "`a.toml`: empty file");
/// assert_eq!(failure.errors.len(), 1);
/// assert_eq!(failure.to_string(), "`directive`: `a.toml`: empty file");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct Failure {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// What went wrong, one error per offending value.
    pub errors: Vec<WireError>,
}

impl Failure {
    /// A failure with one error.
    ///
    /// # Example
    ///
    /// See [`Failure`].
    ///
    /// ```
    /// assert_eq!(directives::wire::Failure::one("", "x").errors[0].path, "");
    /// ```
    #[must_use]
    pub fn one(path: impl Into<String>, message: impl Into<String>) -> Failure {
        Failure {
            schema_version: SCHEMA_VERSION,
            errors: vec![WireError {
                path: path.into(),
                message: message.into(),
            }],
        }
    }

    /// The failure as a compact JSON answer.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::wire::Failure::one("", "x").to_json().contains(r#""errors":[{"path":"","message":"x"}]"#));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        Answer::Failure(self.clone()).to_json()
    }
}

impl std::fmt::Display for Failure {
    /// One line per error: the path in backticks (when there is one), then the message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

/// One error of a failure: the path of the offending value in the call (`directive`,
/// `events`, `as_of`; empty for the call as a whole) and what is wrong, naming the
/// input's name, line and value where it can.
///
/// # Example
///
/// ```
/// use directives::wire::WireError;
///
/// let error = WireError { path: "as_of".to_owned(), message: "missing field `as_of`".to_owned() };
/// assert_eq!(error.to_string(), "`as_of`: missing field `as_of`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct WireError {
    /// The path of the offending value in the call.
    pub path: String,
    /// What is wrong (lowercase, values in backticks).
    pub message: String,
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "`{}`: {}", self.path, self.message)
        }
    }
}

/// Something a person should know about an answered call.
///
/// # Example
///
/// ```
/// use directives::wire::Warning;
///
/// let warning = Warning { code: "skipped".to_owned(), message: "task 10, requirement 1: no regime".to_owned() };
/// assert_eq!(warning.to_string(), "skipped: task 10, requirement 1: no regime");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct Warning {
    /// What kind of warning: `skipped` (a requirement gave no obligation),
    /// `unverified_day` (a day off that no primary text confirms), `diagnostic` (a
    /// problem in the event log).
    pub code: String,
    /// The warning in words.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// What `lint` answers.
///
/// # Example
///
/// ```
/// use directives::wire::LintResult;
///
/// let result = LintResult { directive: "1470-CV/TU@2024-02-22".to_owned(), lints: Vec::new() };
/// assert!(result.lints.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct LintResult {
    /// The directive's key: its symbol `@` its issue date.
    pub directive: String,
    /// The lints, in the order of the directive's text.
    pub lints: Vec<LintItem>,
}

/// One lint.
///
/// # Example
///
/// ```
/// use directives::directive::Severity;
/// use directives::wire::LintItem;
///
/// let lint = LintItem {
///     code: "DIR003".to_owned(),
///     severity: Severity::Warning,
///     path: "tasks[9].requirements[0]".to_owned(),
///     place: "task 10, requirement 1".to_owned(),
///     message: "…".to_owned(),
/// };
/// assert_eq!(lint.severity, Severity::Warning);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct LintItem {
    /// The stable code (`DIR001` …).
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// The path of the value in the directive's data (`tasks[9].requirements[0]`).
    pub path: String,
    /// The place in words, in the call's language (`task 10, requirement 1`,
    /// `nhiệm vụ 10, yêu cầu 1`).
    pub place: String,
    /// The message, in the call's language.
    pub message: String,
}

/// What `expand` answers.
///
/// # Example
///
/// ```
/// use directives::wire::ExpandResult;
///
/// let result = ExpandResult { obligations: Vec::new(), skipped: Vec::new() };
/// assert!(result.obligations.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct ExpandResult {
    /// The obligations, in the order of the directive's text, then body, then period.
    pub obligations: Vec<ObligationItem>,
    /// The requirements that give no obligation, each with its reason.
    pub skipped: Vec<SkippedItem>,
}

/// One obligation.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::directive::Role;
/// use directives::wire::ObligationItem;
///
/// let item = ObligationItem {
///     reference: "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1".to_owned(),
///     body: "TH-HU-NGA-SON".to_owned(),
///     holder: "TH-HU-NGA-SON".to_owned(),
///     period: "2024-H1".to_owned(),
///     due: NaiveDate::from_ymd_opt(2024, 6, 25).ok_or("date")?,
///     role: Role::Lead,
///     target: None,
/// };
/// assert_eq!(item.body, item.holder);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct ObligationItem {
    /// The obligation's reference.
    pub reference: String,
    /// The code of the body the directive assigned it to.
    pub body: String,
    /// The code of the body that holds it (the assigned body, or its successor).
    pub holder: String,
    /// The period, in its canonical form.
    pub period: String,
    /// The due date.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub due: NaiveDate,
    /// The assigned body's role.
    pub role: Role,
    /// An indicator's target, if the requirement is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// A requirement that gives no obligation.
///
/// # Example
///
/// ```
/// use directives::wire::SkippedItem;
///
/// let item = SkippedItem { clause: "10".to_owned(), requirement: 1, reason: "no_regime".to_owned(), message: "…".to_owned() };
/// assert_eq!(item.requirement, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct SkippedItem {
    /// The task number, or `monitoring`.
    pub clause: String,
    /// The requirement's number within the clause, from 1.
    pub requirement: u64,
    /// The reason's code (`no_regime`, `no_deadline`, `continuous`, …).
    pub reason: String,
    /// The reason in words, in the call's language.
    pub message: String,
}

/// What `evaluate` answers.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::wire::{Counts, EvaluateResult};
///
/// let result = EvaluateResult {
///     as_of: NaiveDate::from_ymd_opt(2025, 1, 15).ok_or("date")?,
///     counts: Counts::default(),
///     findings: Vec::new(),
///     diagnostics: Vec::new(),
/// };
/// assert_eq!(result.counts.total, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct EvaluateResult {
    /// The as-of date.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub as_of: NaiveDate,
    /// The obligations by status (the Government's task-report columns).
    pub counts: Counts,
    /// One finding per obligation, in the order of the obligations.
    pub findings: Vec<FindingItem>,
    /// Problems in the event log that did not stop the evaluation, in words.
    pub diagnostics: Vec<String>,
}

/// Obligations by status.
///
/// # Example
///
/// ```
/// let counts = directives::wire::Counts::default();
/// assert_eq!(counts.done_on_time + counts.open_overdue, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct Counts {
    /// Every obligation.
    pub total: u64,
    /// Done on or before the deadline.
    pub done_on_time: u64,
    /// Done after the deadline.
    pub done_late: u64,
    /// Not done, deadline not passed.
    pub open_within_deadline: u64,
    /// Not done, deadline passed.
    pub open_overdue: u64,
    /// Withdrawn by the assigning authority.
    pub waived: u64,
    /// Not applicable.
    pub not_applicable: u64,
}

/// The verdict on one obligation.
///
/// # Example
///
/// See [`EvaluateResult`]; the seed letter's verdicts are in the crate's tests.
///
/// ```
/// use directives::compliance::Status;
/// use directives::wire::FindingItem;
///
/// let item: Option<FindingItem> = None;
/// assert!(item.is_none_or(|f| f.status != Status::Waived));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct FindingItem {
    /// The obligation's reference.
    pub obligation: String,
    /// The code of the body that holds it on the as-of date's terms.
    pub body: String,
    /// The code of the body the directive assigned it to, when another holds it now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_body: Option<String>,
    /// The assigned body's role.
    pub role: Role,
    /// The verdict.
    pub status: Status,
    /// The verdict's label in the call's language.
    pub label: String,
    /// The rule that gives the verdict (`status.done-late`).
    pub rule_id: String,
    /// The legal provision it rests on, if one, cited in the call's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provision: Option<String>,
    /// The deadline the directive set.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub original_due: NaiveDate,
    /// The deadline in force (after extensions and moves off days off).
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub effective_due: NaiveDate,
    /// The day of the event that decided the verdict, if one.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::obligation::strict_date::option"
    )]
    #[cfg_attr(feature = "schema", schemars(schema_with = "optional_date_schema"))]
    pub decided_on: Option<NaiveDate>,
    /// Calendar days past the deadline in force.
    pub days_late: u32,
    /// Working days past it, when the calendar can count them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_days_late: Option<u32>,
    /// Whether it is open and due within the policy's warning window.
    pub due_soon: bool,
    /// For an indicator: `met`, `missed` or `no_value`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Why, in a sentence in the call's language.
    pub explanation: String,
}

/// What `assess` answers.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::criteria::Verdict;
/// use directives::wire::AssessResult;
///
/// let result = AssessResult {
///     as_of: NaiveDate::from_ymd_opt(2025, 1, 15).ok_or("date")?,
///     verdict: Verdict::NotApplicable,
///     criteria: Vec::new(),
///     lines: Vec::new(),
/// };
/// assert_eq!(result.verdict, Verdict::NotApplicable);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct AssessResult {
    /// The as-of date.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub as_of: NaiveDate,
    /// The worst verdict of all criteria.
    pub verdict: Verdict,
    /// One result per criterion, in the order of the criteria file.
    pub criteria: Vec<CriterionItem>,
    /// The assessment in sentences, one per violation or undecided group, in the call's
    /// language.
    pub lines: Vec<String>,
}

/// The result of one criterion.
///
/// # Example
///
/// See [`AssessResult`].
///
/// ```
/// use directives::criteria::Verdict;
/// use directives::wire::CriterionItem;
///
/// let item: Option<CriterionItem> = None;
/// assert!(item.is_none_or(|c| c.verdict != Verdict::Satisfied || c.violations.is_empty()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct CriterionItem {
    /// The criterion's id.
    pub id: String,
    /// Its title in the call's language.
    pub title: String,
    /// The provision it enforces.
    pub provision: String,
    /// How serious a violation is.
    pub severity: Severity,
    /// Whether it is in force on the as-of date.
    pub in_force: bool,
    /// The verdict: violated when a group is, else indeterminate when a group is, else
    /// satisfied when a group is, else not applicable.
    pub verdict: Verdict,
    /// Groups by verdict.
    pub groups: GroupCountsItem,
    /// The groups that break it.
    pub violations: Vec<ViolationItem>,
    /// The groups whose value cannot be known, with the reason.
    pub undecided: Vec<UndecidedItem>,
    /// For a trend: the windows not yet settled on the as-of date.
    pub unsettled: Vec<String>,
}

/// Groups by verdict.
///
/// # Example
///
/// ```
/// let counts = directives::wire::GroupCountsItem::default();
/// assert_eq!(counts.violated, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct GroupCountsItem {
    /// Groups that satisfy the requirement.
    pub satisfied: u64,
    /// Groups that break it.
    pub violated: u64,
    /// Groups whose value cannot be known.
    pub indeterminate: u64,
    /// Groups with nothing due.
    pub not_applicable: u64,
}

/// A group that breaks a criterion.
///
/// # Example
///
/// ```
/// use directives::wire::ViolationItem;
///
/// let item = ViolationItem { group: "holder=SYT".to_owned(), at: None, value: 0.5, numerator: 1.0, denominator: 2, witnesses: Vec::new(), witness_count: 1 };
/// assert_eq!(item.value, item.numerator / item.denominator as f64);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct ViolationItem {
    /// The group's key (`holder=TH-HU-NGA-SON,year=2024`), bodies by code.
    pub group: String,
    /// For a trend: the window where it breaks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// The measured value.
    pub value: f64,
    /// Its numerator.
    pub numerator: f64,
    /// Its denominator (what is due, for a rate).
    pub denominator: u64,
    /// The references of the obligations that make it break (the first few).
    pub witnesses: Vec<String>,
    /// How many obligations make it break.
    pub witness_count: u64,
}

/// A group whose value cannot be known.
///
/// # Example
///
/// ```
/// let item = directives::wire::UndecidedItem { group: "holder=SYT".to_owned(), reason: "…".to_owned() };
/// assert_eq!(item.group, "holder=SYT");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct UndecidedItem {
    /// The group's key.
    pub group: String,
    /// Why, in the call's language.
    pub reason: String,
}

/// What `deadline` answers.
///
/// # Example
///
/// ```
/// let answer = directives::wire::call(r#"{"schema_version": 1, "call": "deadline", "anchor": "2024-02-06", "term": "10 working days"}"#);
/// assert!(answer.contains(r#""end":"2024-02-27""#), "{answer}");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct DeadlineResult {
    /// The anchor date.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub anchor: NaiveDate,
    /// The term in its canonical English form.
    pub term: String,
    /// The last day before any move off a day off.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub nominal_end: NaiveDate,
    /// The last day of the term: the deadline.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub end: NaiveDate,
    /// The days off skipped on the way, in order.
    pub skipped: Vec<SkippedDayItem>,
    /// The provisions applied, in the call's language (`Civil Code 2015 art. 147.2`,
    /// `khoản 2 Điều 147 Bộ luật Dân sự 2015`, …).
    pub provisions: Vec<String>,
}

/// A day off a term skipped.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::wire::SkippedDayItem;
///
/// let day = SkippedDayItem { date: NaiveDate::from_ymd_opt(2024, 2, 10).ok_or("date")?, description: "…".to_owned(), certainty: None };
/// assert!(day.certainty.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct SkippedDayItem {
    /// The day.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub date: NaiveDate,
    /// What kind of day off, in the call's language.
    pub description: String,
    /// How sure the calendar is of it (`verified`, `corroborated`, `unverified`); none
    /// for a weekly rest day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certainty: Option<String>,
}

/// What `schedule` answers.
///
/// # Example
///
/// ```
/// let answer = directives::wire::call(r#"{"schema_version": 1, "call": "schedule", "regime": "decree_09_quarterly", "from": "2024-01-01", "to": "2024-03-31"}"#);
/// assert!(answer.contains(r#""due":"2024-03-25""#), "{answer}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct ScheduleResult {
    /// The regime's name.
    pub regime: String,
    /// One item per period.
    pub periods: Vec<ScheduleItem>,
}

/// One reporting period of a schedule.
///
/// # Example
///
/// See [`ScheduleResult`].
///
/// ```
/// use chrono::NaiveDate;
/// use directives::wire::ScheduleItem;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).ok_or("date");
/// let q1 = ScheduleItem { period: "2024-Q1".to_owned(), window_start: d(1, 1)?, window_end: d(3, 14)?, due: d(3, 25)? };
/// assert!(q1.window_end < q1.due);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct ScheduleItem {
    /// The period.
    pub period: String,
    /// The first day the report's figures cover.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub window_start: NaiveDate,
    /// The last day they cover.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub window_end: NaiveDate,
    /// The due date.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub due: NaiveDate,
}

/// What `add_working_days` answers: one date.
///
/// # Example
///
/// See [`Context::answer`](super::Context::answer).
///
/// ```
/// use chrono::NaiveDate;
///
/// let result = directives::wire::DateResult { date: NaiveDate::from_ymd_opt(2024, 2, 15).ok_or("date")? };
/// assert_eq!(result.date.to_string(), "2024-02-15");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct DateResult {
    /// The date.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub date: NaiveDate,
}

/// What `working_days_between` answers.
///
/// # Example
///
/// ```
/// assert_eq!(directives::wire::WorkingDaysResult { working_days: -3 }.working_days, -3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct WorkingDaysResult {
    /// The count; negative when `to` is before `from`.
    pub working_days: i64,
}

/// What `day` answers.
///
/// # Example
///
/// ```
/// let answer = directives::wire::call(r#"{"schema_version": 1, "call": "day", "date": "2024-02-10", "lang": "en"}"#);
/// assert!(answer.contains(r#""working":false"#), "{answer}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct DayResult {
    /// The date.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub date: NaiveDate,
    /// Whether it is a working day.
    pub working: bool,
    /// The kind of day: `working`, `weekly_rest`, `holiday`, `scheduled_day_off`,
    /// `compensatory`, `make_up_working_day`.
    pub kind: String,
    /// The day in words, in the call's language.
    pub description: String,
    /// How sure the calendar is of it; none for a plain working or rest day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certainty: Option<String>,
}

/// What `calls` answers.
///
/// # Example
///
/// ```
/// let answer = directives::wire::call(r#"{"schema_version": 1, "call": "calls"}"#);
/// assert!(answer.contains(r#""calls":["lint","expand","evaluate""#), "{answer}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct CallsResult {
    /// The crate's version.
    pub version: String,
    /// Every call this library answers.
    pub calls: Vec<CallName>,
}

/// What `report` answers: the report in the format asked for, as `text` (`text`, `md`,
/// `csv`, `html`), or, for `json`, the report `model` itself (which a later call can
/// give back as its `previous` report).
///
/// # Example
///
/// ```
/// use directives::report::ReportFormat;
/// use directives::wire::ReportResult;
///
/// let result = ReportResult { format: ReportFormat::Markdown, text: Some("Báo cáo".to_owned()), model: None };
/// assert_eq!(serde_json::to_string(&result)?, r#"{"format":"md","text":"Báo cáo"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "report")]
#[cfg_attr(docsrs, doc(cfg(feature = "report")))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct ReportResult {
    /// The format of the report.
    pub format: crate::report::ReportFormat,
    /// The report as text, for every format but `json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The report model, for `json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "report_model_schema"))]
    pub model: Option<Box<crate::report::ReportModel>>,
}

#[cfg(all(feature = "schema", feature = "report"))]
fn report_model_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "description": "the report model (`directives::report::ReportModel`) with its own `schema_version`: summary, bodies, heatmap, exceptions, criteria and diagnostics",
        "required": ["schema_version", "lang", "detail", "as_of", "summary", "bodies", "heatmap", "exceptions", "diagnostics"]
    })
}
