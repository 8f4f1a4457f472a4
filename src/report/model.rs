//! The report model and how it is built from an evaluation.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Detail, Filter, ReportError, SCHEMA_VERSION, labels};
use crate::Lang;
use crate::compliance::{Evaluation, Grade, GradingPolicy, Status, StatusCounts, rank};
use crate::criteria::{Assessment, Verdict};
use crate::directive::{DirectiveKey, Severity};
use crate::obligation::{ObligationId, ObligationKey};
use crate::org::{BodyCode, BodyId, Registry};
use crate::period::Period;

/// One report: what every renderer reads, so that no two outputs can disagree.
///
/// A model is built once from an [`Evaluation`] and the [`Registry`] (with
/// [`ReportModel::builder`]) and then rendered as a terminal table
/// ([`to_text`](ReportModel::to_text)), Markdown ([`to_markdown`](ReportModel::to_markdown)),
/// CSV ([`to_csv`](ReportModel::to_csv)), JSON ([`to_json`](ReportModel::to_json)) or one
/// HTML page ([`to_html`](ReportModel::to_html)). Its labels, explanations and dates are in
/// the language it was built in; it serialises with a `schema_version`, and reads back
/// with [`ReportModel::from_json_str`] (to compare with the previous period's report).
///
/// It holds:
/// - the [`Summary`]: the Government's task-report columns and the rates, with the formula;
/// - one [`BodyRow`] per body, with its grade, its rank and the change against the
///   previous period's model;
/// - the [`Heatmap`] of bodies × periods, the worst status of each cell with its count;
/// - the [`Exception`]s: every finding other than done on time, with its explanation (at
///   the management level of detail, the worst ones, with the count of the rest);
/// - the [`ReportDiagnostic`]s: what the evaluation, the grading and the report itself
///   say about the data.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::Lang;
/// use directives::compliance::{evaluate, EvaluationPolicy, Event, Events, Status};
/// use directives::obligation::{Obligation, Obligations};
/// use directives::org::Registry;
/// use directives::report::{Detail, ReportModel};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let mut obligations = Obligations::new();
/// let a = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
/// obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-02".parse()?, d(2025, 3, 20)?))?;
/// let mut events = Events::new();
/// events.push(Event::submitted(a, d(2025, 2, 18)?))?;
/// let policy = EvaluationPolicy::without_calendar();
/// let evaluation = evaluate(&obligations, &events, d(2025, 4, 1)?, &policy)?;
/// let registry = Registry::builder().build()?;
/// let model = ReportModel::builder(&evaluation, &registry).lang(Lang::En).detail(Detail::Full).build();
/// assert_eq!(model.summary().counts().get(Status::OpenOverdue), 1);
/// assert_eq!(model.summary().on_time_rate(), Some(0.5));
/// assert_eq!(model.exceptions().len(), 1);
/// assert_eq!(model.bodies()[0].code().as_str(), "SYT");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct ReportModel {
    pub(crate) schema_version: u32,
    pub(crate) lang: Lang,
    pub(crate) detail: Detail,
    #[serde(with = "crate::obligation::strict_date")]
    pub(crate) as_of: NaiveDate,
    pub(crate) directives: Vec<DirectiveKey>,
    pub(crate) filter: Filter,
    pub(crate) summary: Summary,
    pub(crate) bodies: Vec<BodyRow>,
    pub(crate) heatmap: Heatmap,
    pub(crate) exceptions: Vec<Exception>,
    pub(crate) exceptions_omitted: u64,
    pub(crate) grading: Option<GradingNote>,
    #[serde(default)]
    pub(crate) criteria: Vec<CriterionLine>,
    pub(crate) diagnostics: Vec<ReportDiagnostic>,
}

/// The Government's task-report columns for everything a report covers, and the rates.
///
/// The columns are those of the task reports under Decision 42/2014/QĐ-TTg: the total;
/// done on time and done late; open within the deadline and overdue; plus waived and not
/// applicable. The on-time rate is done on time over what is due (done on time, done late
/// and overdue); the done rate is done (on time or late) over the same; the model states
/// the formula in its language ([`Summary::formula`]).
///
/// # Example
///
/// ```
/// use directives::report::ReportModel;
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
/// assert_eq!(model.summary().total(), 2);
/// assert!(model.summary().formula().contains("on-time rate"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct Summary {
    pub(crate) counts: StatusCounts,
    pub(crate) total: u64,
    pub(crate) due: u64,
    pub(crate) on_time_rate: Option<f64>,
    pub(crate) done_rate: Option<f64>,
    pub(crate) formula: String,
}

impl Summary {
    fn from_counts(counts: StatusCounts, lang: Lang) -> Summary {
        let rates = Rates::of(&counts);
        Summary {
            counts,
            total: counts.total(),
            due: counts.due(),
            on_time_rate: rates.on_time,
            done_rate: rates.done,
            formula: labels::formula(lang).to_owned(),
        }
    }

    /// The counts by status.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Status;
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.summary().counts().get(Status::DoneOnTime), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn counts(&self) -> &StatusCounts {
        &self.counts
    }

    /// Every obligation the report covers.
    ///
    /// # Example
    ///
    /// See [`Summary`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.summary().total(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn total(&self) -> u64 {
        self.total
    }

    /// What is due: done on time, done late and overdue (the rates' denominator).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.summary().due(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn due(&self) -> u64 {
        self.due
    }

    /// The formula of the rates, in the report's language.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert!(model.summary().formula().starts_with("on-time rate = done on time"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn formula(&self) -> &str {
        &self.formula
    }
}

/// The two rates a summary and a body row both state, computed once from their counts
/// ([`Rates::of`]) and read through the same accessors; `$at` is how the examples reach
/// the value from a model.
macro_rules! rate_accessors {
    ($ty:ident, $at:literal) => {
        impl $ty {
            /// Done on time over what is due; `None` when nothing is due.
            ///
            /// # Example
            ///
            /// ```
            /// use directives::report::ReportModel;
            ///
            /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
            #[doc = concat!(" assert_eq!(model.", $at, ".on_time_rate(), Some(0.5));")]
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[must_use]
            pub fn on_time_rate(&self) -> Option<f64> {
                self.on_time_rate
            }

            /// Done (on time or late) over what is due; `None` when nothing is due.
            ///
            /// # Example
            ///
            /// ```
            /// use directives::report::ReportModel;
            ///
            /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
            #[doc = concat!(" assert_eq!(model.", $at, ".done_rate(), Some(0.5));")]
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[must_use]
            pub fn done_rate(&self) -> Option<f64> {
                self.done_rate
            }
        }
    };
}

rate_accessors!(Summary, "summary()");
rate_accessors!(BodyRow, "bodies()[0]");

/// The on-time and done rates of some counts: done on time, and done on time or late,
/// over what is due (done on time, done late and overdue); `None` when nothing is due.
struct Rates {
    on_time: Option<f64>,
    done: Option<f64>,
}

impl Rates {
    fn of(counts: &StatusCounts) -> Rates {
        let due = counts.due();
        Rates {
            on_time: counts.on_time_rate(),
            done: (due > 0).then(|| {
                (counts.get(Status::DoneOnTime) + counts.get(Status::DoneLate)) as f64 / due as f64
            }),
        }
    }
}

/// One body's line: its counts, rates, grade, rank and the change against the previous
/// period's report.
///
/// The rank orders bodies by their timeliness index under the grading policy the report
/// was given, or by their on-time rate when it was given none; bodies with equal values
/// share a place (1, 1, 3), and a body with nothing due has no rank.
///
/// # Example
///
/// ```
/// use directives::report::ReportModel;
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
/// let row = &model.bodies()[0];
/// assert_eq!(row.code().as_str(), "SYT");
/// assert_eq!(row.rank(), Some(1));
/// assert_eq!(row.grade(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct BodyRow {
    pub(crate) code: BodyCode,
    pub(crate) name: String,
    pub(crate) counts: StatusCounts,
    pub(crate) on_time_rate: Option<f64>,
    pub(crate) done_rate: Option<f64>,
    pub(crate) timeliness_index: Option<f64>,
    pub(crate) grade: Option<Grade>,
    pub(crate) rank: Option<u32>,
    pub(crate) change: Option<BodyChange>,
}

impl BodyRow {
    /// The body's code.
    ///
    /// # Example
    ///
    /// See [`BodyRow`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.bodies()[0].code().as_str(), "SYT");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> &BodyCode {
        &self.code
    }

    /// The body's name on the as-of date (in English when the report is and the registry
    /// has one), or its code when the registry does not know it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.bodies()[0].name(), "Department of Health");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The counts by status.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Status;
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.bodies()[0].counts().get(Status::OpenOverdue), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn counts(&self) -> &StatusCounts {
        &self.counts
    }

    /// The timeliness index under the report's grading policy, when it has one.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.bodies()[0].timeliness_index(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn timeliness_index(&self) -> Option<f64> {
        self.timeliness_index
    }

    /// The grade under the report's grading policy, when it has one and something is due.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.bodies()[0].grade(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn grade(&self) -> Option<Grade> {
        self.grade
    }

    /// The place, from 1; `None` when nothing is due.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.bodies()[0].rank(), Some(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rank(&self) -> Option<u32> {
        self.rank
    }

    /// The change against the previous period's report, when the report was given one.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.bodies()[0].change(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn change(&self) -> Option<&BodyChange> {
        self.change.as_ref()
    }
}

/// A body's change against the previous period's report.
///
/// A body the previous report did not list has no previous rank or rate
/// ([`is_new`](BodyChange::is_new)).
///
/// # Example
///
/// ```
/// use directives::report::ReportModel;
///
/// let previous = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
/// let model = previous.clone();
/// // A model compared with itself: nothing moved.
/// let change = model.compared_with(&previous).bodies()[0].change().cloned().ok_or("no change")?;
/// assert_eq!(change.rank_change(), Some(0));
/// assert_eq!(change.on_time_rate_change(), Some(0.0));
/// assert!(!change.is_new());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct BodyChange {
    pub(crate) listed_before: bool,
    pub(crate) previous_rank: Option<u32>,
    pub(crate) previous_on_time_rate: Option<f64>,
    pub(crate) rank_change: Option<i64>,
    pub(crate) on_time_rate_change: Option<f64>,
}

impl BodyChange {
    fn between(now: &BodyRow, before: Option<&BodyRow>) -> BodyChange {
        let previous_rank = before.and_then(|b| b.rank);
        let previous_on_time_rate = before.and_then(|b| b.on_time_rate);
        BodyChange {
            listed_before: before.is_some(),
            previous_rank,
            previous_on_time_rate,
            rank_change: match (previous_rank, now.rank) {
                (Some(was), Some(is)) => Some(i64::from(was) - i64::from(is)),
                _ => None,
            },
            on_time_rate_change: match (previous_on_time_rate, now.on_time_rate) {
                (Some(was), Some(is)) => Some(is - was),
                _ => None,
            },
        }
    }

    /// Whether the previous report did not list the body.
    ///
    /// # Example
    ///
    /// See [`BodyChange`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let compared = model.clone().compared_with(&model);
    /// assert!(!compared.bodies()[0].change().ok_or("no change")?.is_new());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_new(&self) -> bool {
        !self.listed_before
    }

    /// The previous rank.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let compared = model.clone().compared_with(&model);
    /// assert_eq!(compared.bodies()[0].change().ok_or("no change")?.previous_rank(), Some(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn previous_rank(&self) -> Option<u32> {
        self.previous_rank
    }

    /// The previous on-time rate.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let compared = model.clone().compared_with(&model);
    /// assert_eq!(compared.bodies()[0].change().ok_or("no change")?.previous_on_time_rate(), Some(0.5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn previous_on_time_rate(&self) -> Option<f64> {
        self.previous_on_time_rate
    }

    /// Places gained (positive) or lost (negative) since the previous report.
    ///
    /// # Example
    ///
    /// See [`BodyChange`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let compared = model.clone().compared_with(&model);
    /// assert_eq!(compared.bodies()[0].change().ok_or("no change")?.rank_change(), Some(0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rank_change(&self) -> Option<i64> {
        self.rank_change
    }

    /// The on-time rate now less the previous one (a fraction: `0.05` is 5 points).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let compared = model.clone().compared_with(&model);
    /// assert_eq!(compared.bodies()[0].change().ok_or("no change")?.on_time_rate_change(), Some(0.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn on_time_rate_change(&self) -> Option<f64> {
        self.on_time_rate_change
    }
}

/// Bodies × periods: in each cell the worst status of the body's obligations for the
/// period, with how many have it.
///
/// "Worst" orders the statuses overdue, done late, open within the deadline, done on
/// time, waived, not applicable. Rows follow the report's body rows; columns are the
/// periods in order.
///
/// # Example
///
/// ```
/// use directives::compliance::Status;
/// use directives::report::ReportModel;
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
/// let heatmap = model.heatmap();
/// assert_eq!(heatmap.periods().len(), 2);
/// let cell = heatmap.rows()[0].cells()[1].as_ref().ok_or("empty cell")?;
/// assert_eq!((cell.status(), cell.count(), cell.total()), (Status::OpenOverdue, 1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct Heatmap {
    pub(crate) periods: Vec<Period>,
    pub(crate) rows: Vec<HeatmapRow>,
}

impl Heatmap {
    /// The columns: periods in order.
    ///
    /// # Example
    ///
    /// See [`Heatmap`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.heatmap().periods()[0].to_string(), "2025-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// The rows, one per body.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.heatmap().rows()[0].body().as_str(), "SYT");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rows(&self) -> &[HeatmapRow] {
        &self.rows
    }
}

/// One body's row of the [`Heatmap`]: a cell per period, `None` where it owes nothing.
///
/// # Example
///
/// ```
/// use directives::report::ReportModel;
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
/// let row = &model.heatmap().rows()[0];
/// assert_eq!(row.body().as_str(), "SYT");
/// assert_eq!(row.cells().len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct HeatmapRow {
    pub(crate) body: BodyCode,
    pub(crate) cells: Vec<Option<Cell>>,
}

impl HeatmapRow {
    /// The body's code.
    ///
    /// # Example
    ///
    /// See [`HeatmapRow`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.heatmap().rows()[0].body().as_str(), "SYT");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn body(&self) -> &BodyCode {
        &self.body
    }

    /// The cells, one per period of the heatmap.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert!(model.heatmap().rows()[0].cells().iter().all(Option::is_some));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn cells(&self) -> &[Option<Cell>] {
        &self.cells
    }
}

/// A heatmap cell: the worst status, how many obligations have it, and how many the cell
/// holds in all.
///
/// # Example
///
/// ```
/// use directives::compliance::Status;
/// use directives::report::ReportModel;
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
/// let cell = model.heatmap().rows()[0].cells()[0].ok_or("empty cell")?;
/// assert_eq!(cell.status(), Status::DoneOnTime);
/// assert_eq!(cell.count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct Cell {
    pub(crate) status: Status,
    pub(crate) count: u64,
    pub(crate) total: u64,
}

impl Cell {
    /// The worst status in the cell.
    ///
    /// # Example
    ///
    /// See [`Cell`].
    ///
    /// ```
    /// use directives::compliance::Status;
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.heatmap().rows()[0].cells()[1].ok_or("empty")?.status(), Status::OpenOverdue);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// How many obligations in the cell have the worst status.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.heatmap().rows()[0].cells()[1].ok_or("empty")?.count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn count(&self) -> u64 {
        self.count
    }

    /// How many obligations the cell holds.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.heatmap().rows()[0].cells()[1].ok_or("empty")?.total(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn total(&self) -> u64 {
        self.total
    }
}

/// A finding other than "done on time", with what a person needs to act on it.
///
/// # Example
///
/// ```
/// use directives::compliance::Status;
/// use directives::report::ReportModel;
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
/// let exception = &model.exceptions()[0];
/// assert_eq!(exception.obligation().to_string(), "05/CT-UBND@2025-01-02/1.1/SYT/2025-02");
/// assert_eq!(exception.status(), Status::OpenOverdue);
/// assert_eq!(exception.rule_id(), "status.open-overdue");
/// assert!(exception.explanation().starts_with("Open and overdue"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct Exception {
    pub(crate) obligation: ObligationKey,
    pub(crate) body: BodyCode,
    pub(crate) body_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) assigned_body: Option<BodyCode>,
    pub(crate) status: Status,
    #[serde(with = "crate::obligation::strict_date")]
    pub(crate) due: NaiveDate,
    #[serde(with = "crate::obligation::strict_date")]
    pub(crate) deadline: NaiveDate,
    #[serde(default, with = "crate::obligation::strict_date::option")]
    pub(crate) decided_on: Option<NaiveDate>,
    pub(crate) days_late: u32,
    pub(crate) working_days_late: Option<u32>,
    pub(crate) rule_id: String,
    pub(crate) provision: Option<String>,
    pub(crate) explanation: String,
}

impl Exception {
    /// The obligation, by reference.
    ///
    /// # Example
    ///
    /// See [`Exception`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].obligation().period().to_string(), "2025-02");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn obligation(&self) -> &ObligationKey {
        &self.obligation
    }

    /// The body that holds the obligation (a successor, after a reorganisation).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].body().as_str(), "SYT");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn body(&self) -> &BodyCode {
        &self.body
    }

    /// The holder's name, or its code when the registry does not know it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].body_name(), "Department of Health");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn body_name(&self) -> &str {
        &self.body_name
    }

    /// The body the directive assigned, when another body holds the obligation now.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].assigned_body(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn assigned_body(&self) -> Option<&BodyCode> {
        self.assigned_body.as_ref()
    }

    /// The status.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Status;
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].status(), Status::OpenOverdue);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// The due date the directive set.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].due().to_string(), "2025-03-20");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// The deadline in force (after extensions, rest days and grace).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].deadline().to_string(), "2025-03-20");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn deadline(&self) -> NaiveDate {
        self.deadline
    }

    /// The day it was done, extended past, or waived, when it was.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].decided_on(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn decided_on(&self) -> Option<NaiveDate> {
        self.decided_on
    }

    /// Calendar days past the deadline (to the day it was done, or to the as-of date).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].days_late(), 12);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn days_late(&self) -> u32 {
        self.days_late
    }

    /// Working days past the deadline, when the evaluation had a calendar.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].working_days_late(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn working_days_late(&self) -> Option<u32> {
        self.working_days_late
    }

    /// The rule that gave the status (`status.open-overdue`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].rule_id(), "status.open-overdue");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rule_id(&self) -> &str {
        &self.rule_id
    }

    /// The legal provision the rule rests on, in the report's language.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions()[0].provision(), Some("Decision 42/2014/QĐ-TTg"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provision(&self) -> Option<&str> {
        self.provision.as_deref()
    }

    /// The explanation of the verdict, in the report's language.
    ///
    /// # Example
    ///
    /// See [`Exception`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert!(model.exceptions()[0].explanation().contains("`2025-03-20`"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn explanation(&self) -> &str {
        &self.explanation
    }
}

/// One criterion's result in a report: what it requires, its verdict, and each group that
/// breaks it with the obligations that witness the breach.
///
/// Built from a criteria [`Assessment`](crate::criteria::Assessment) given to
/// [`ReportBuilder::criteria`]; titles, measures and requirements are in the report's
/// language.
///
/// # Example
///
/// ```
/// use directives::criteria::Verdict;
/// use directives::report::ReportModel;
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
/// let criterion = &model.criteria()[0];
/// assert_eq!(criterion.id(), "on-time");
/// assert_eq!(criterion.verdict(), Verdict::Violated);
/// assert_eq!(criterion.violations()[0].group(), "holder=SYT");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct CriterionLine {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) provision: String,
    pub(crate) severity: Severity,
    pub(crate) in_force: bool,
    pub(crate) verdict: Verdict,
    pub(crate) measure: String,
    pub(crate) requirement: String,
    pub(crate) groups: u64,
    pub(crate) groups_violated: u64,
    pub(crate) violations: Vec<ViolationLine>,
}

impl CriterionLine {
    fn from_result(result: &crate::criteria::CriterionResult, lang: Lang) -> CriterionLine {
        CriterionLine {
            id: result.id().to_owned(),
            title: result.title(lang).to_owned(),
            provision: result.provision().to_owned(),
            severity: result.severity(),
            in_force: result.in_force(),
            verdict: result.verdict(),
            measure: result.measure_label(lang),
            requirement: result.requirement().sentence(lang),
            groups: result.groups().total(),
            groups_violated: result.groups().get(Verdict::Violated),
            violations: result
                .violations()
                .iter()
                .map(|v| ViolationLine {
                    group: v.key().to_string(),
                    measured: v.measured().label(lang, result.measure().name()),
                    at: v.at(),
                    witness_count: v.witness_count(),
                    witnesses: v.witnesses().to_vec(),
                })
                .collect(),
        }
    }

    /// The criterion's id.
    ///
    /// # Example
    ///
    /// See [`CriterionLine`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].id(), "on-time");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The title, in the report's language.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].title(), "Reports on time");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The provision the criterion enforces.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].provision(), "Decree 09/2019/NĐ-CP art. 8.5");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provision(&self) -> &str {
        &self.provision
    }

    /// How serious a breach is.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Severity;
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].severity(), Severity::Error);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Whether the criterion is in force on the as-of date.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert!(model.criteria()[0].in_force());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn in_force(&self) -> bool {
        self.in_force
    }

    /// The verdict.
    ///
    /// # Example
    ///
    /// See [`CriterionLine`].
    ///
    /// ```
    /// use directives::criteria::Verdict;
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].verdict(), Verdict::Violated);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// What is measured, in the report's language.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].measure(), "on-time rate");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn measure(&self) -> &str {
        &self.measure
    }

    /// What is required, in the report's language.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].requirement(), "at least 0.8");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn requirement(&self) -> &str {
        &self.requirement
    }

    /// How many groups were judged.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].groups(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn groups(&self) -> u64 {
        self.groups
    }

    /// How many groups break the requirement.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].groups_violated(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn groups_violated(&self) -> u64 {
        self.groups_violated
    }

    /// The groups that break it, with their witnesses.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].violations().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn violations(&self) -> &[ViolationLine] {
        &self.violations
    }
}

/// A group that breaks a criterion: its key, what was measured, and the obligations that
/// witness it.
///
/// # Example
///
/// ```
/// use directives::report::ReportModel;
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
/// let violation = &model.criteria()[0].violations()[0];
/// assert_eq!(violation.group(), "holder=SYT");
/// assert_eq!(violation.measured(), "0.5 (1/2)");
/// assert_eq!(violation.witness_count(), 1);
/// assert_eq!(violation.witnesses()[0].to_string(), "05/CT-UBND@2025-01-02/1.1/SYT/2025-02");
/// assert_eq!(violation.at(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct ViolationLine {
    pub(crate) group: String,
    pub(crate) measured: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) at: Option<Period>,
    pub(crate) witness_count: u64,
    pub(crate) witnesses: Vec<ObligationKey>,
}

impl ViolationLine {
    /// The group's key (`holder=SYT`).
    ///
    /// # Example
    ///
    /// See [`ViolationLine`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].violations()[0].group(), "holder=SYT");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn group(&self) -> &str {
        &self.group
    }

    /// What was measured, as people read it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].violations()[0].measured(), "0.5 (1/2)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn measured(&self) -> &str {
        &self.measured
    }

    /// The window of a trend's breach, if the criterion is a trend.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].violations()[0].at(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn at(&self) -> Option<Period> {
        self.at
    }

    /// How many obligations witness the breach.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].violations()[0].witness_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn witness_count(&self) -> u64 {
        self.witness_count
    }

    /// The witnesses listed (the criteria's limit), by reference.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.criteria()[0].violations()[0].witnesses().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn witnesses(&self) -> &[ObligationKey] {
        &self.witnesses
    }
}

/// The grading policy a report's grades and ranks come from, and the year assessed.
///
/// # Example
///
/// ```
/// use directives::report::ReportModel;
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
/// assert!(model.grading().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct GradingNote {
    pub(crate) policy: String,
    pub(crate) year: i32,
}

impl GradingNote {
    /// The policy's name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert!(model.grading().ok_or("no grading")?.policy().contains("Decree 335/2025"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn policy(&self) -> &str {
        &self.policy
    }

    /// The assessment year.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.grading().ok_or("no grading")?.year(), 2026);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn year(&self) -> i32 {
        self.year
    }
}

/// Where a report's diagnostic comes from.
///
/// New sources may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::report::DiagnosticSource;
///
/// assert_eq!(DiagnosticSource::Grading.as_str(), "grading");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticSource {
    /// The evaluation (an unknown obligation, a duplicate event, …).
    Evaluation,
    /// The grading policy (not in force for the year, resting on an assumption, …).
    Grading,
    /// The report itself (a body the registry does not know, …).
    Report,
}

impl DiagnosticSource {
    /// The snake_case name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::DiagnosticSource;
    ///
    /// assert_eq!(DiagnosticSource::Evaluation.as_str(), "evaluation");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            DiagnosticSource::Evaluation => "evaluation",
            DiagnosticSource::Grading => "grading",
            DiagnosticSource::Report => "report",
        }
    }

    /// The source in words, in a language (what the renderers print).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::report::DiagnosticSource;
    ///
    /// assert_eq!(DiagnosticSource::Evaluation.label(Lang::Vi), "đánh giá");
    /// assert_eq!(DiagnosticSource::Grading.label(Lang::En), "grading");
    /// ```
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        match self {
            DiagnosticSource::Evaluation => lang.pick("đánh giá", "evaluation"),
            DiagnosticSource::Grading => lang.pick("xếp loại", "grading"),
            DiagnosticSource::Report => lang.pick("báo cáo", "report"),
        }
    }
}

/// Something a reader of the report must know about its data, in the report's language
/// (a grading policy's own assumption and conditions are quoted as the policy gives
/// them).
///
/// # Example
///
/// ```
/// use directives::report::{DiagnosticSource, ReportModel};
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
/// let diagnostic = &model.diagnostics()[0];
/// assert_eq!(diagnostic.source(), DiagnosticSource::Grading);
/// assert!(diagnostic.message().contains("assumption"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct ReportDiagnostic {
    pub(crate) source: DiagnosticSource,
    pub(crate) message: String,
}

impl ReportDiagnostic {
    /// Where it comes from.
    ///
    /// # Example
    ///
    /// See [`ReportDiagnostic`].
    ///
    /// ```
    /// use directives::report::{DiagnosticSource, ReportModel};
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert_eq!(model.diagnostics()[0].source(), DiagnosticSource::Grading);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> DiagnosticSource {
        self.source
    }

    /// What it says.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert!(!model.diagnostics()[0].message().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ReportModel {
    /// Starts building a report from an evaluation and the registry that names its bodies.
    ///
    /// # Example
    ///
    /// See [`ReportModel`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    /// use directives::org::Registry;
    /// use directives::report::ReportModel;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
    /// let obligations = Obligations::new();
    /// let events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &events, as_of, &policy)?;
    /// let registry = Registry::builder().build()?;
    /// let model = ReportModel::builder(&evaluation, &registry).build();
    /// assert_eq!(model.summary().total(), 0);
    /// assert_eq!(model.summary().on_time_rate(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn builder<'a>(
        evaluation: &'a Evaluation<'a>,
        registry: &'a Registry,
    ) -> ReportBuilder<'a> {
        ReportBuilder {
            evaluation,
            registry,
            lang: Lang::Vi,
            detail: Detail::Management,
            filter: Filter::default(),
            grading: None,
            previous: None,
            criteria: None,
            exception_limit: ReportBuilder::DEFAULT_EXCEPTION_LIMIT,
        }
    }

    /// Reads a model written by [`to_json`](ReportModel::to_json).
    ///
    /// # Errors
    ///
    /// [`ReportError::Load`] when the text is not a report model (naming the line, the
    /// column and the path of the value; [`ReportError::with_origin`] adds the file's
    /// name), and [`ReportError::SchemaVersion`] when it was
    /// written under another schema version.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::{ReportError, ReportModel};
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(ReportModel::from_json_str(&model.to_json()?)?, model);
    /// let err = ReportModel::from_json_str("{\"schema_version\": 99}").unwrap_err();
    /// assert_eq!(err.to_string(), "report model has schema version `99`; this library reads version `1`");
    /// let err = ReportModel::from_json_str("{\"schema_version\": 1,\n \"summary\": 3}").unwrap_err();
    /// assert_eq!(
    ///     err.with_origin("march.json").to_string(),
    ///     "invalid report model json in `march.json` at line 2, column 13, `summary`: \
    ///      invalid type: integer `3`, expected struct Summary",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_str(text: &str) -> Result<ReportModel, ReportError> {
        #[derive(Deserialize)]
        struct Version {
            schema_version: Option<serde_json::Value>,
        }
        if let Ok(Version {
            schema_version: Some(found),
        }) = serde_json::from_str::<Version>(text)
            && found != SCHEMA_VERSION
        {
            return Err(ReportError::SchemaVersion {
                found: crate::text::quote(&found.to_string()),
            });
        }
        use crate::load::Format;
        crate::load::read(Format::Json, text).map_err(|failure| {
            let (line, column) = failure
                .place(Format::Json, text)
                .map_or((0, 0), |offset| crate::load::line_column(text, offset));
            ReportError::Load {
                origin: None,
                path: failure.path,
                line: u32::try_from(line).unwrap_or(u32::MAX),
                column: u32::try_from(column).unwrap_or(u32::MAX),
                message: failure.message,
            }
        })
    }

    /// This model with each body's change against `previous` (matched by body code).
    ///
    /// # Example
    ///
    /// See [`BodyChange`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert!(model.clone().compared_with(&model).bodies().iter().all(|b| b.change().is_some()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn compared_with(mut self, previous: &ReportModel) -> ReportModel {
        let before: HashMap<&str, &BodyRow> = previous
            .bodies
            .iter()
            .map(|b| (b.code.as_str(), b))
            .collect();
        for row in &mut self.bodies {
            let change = BodyChange::between(row, before.get(row.code.as_str()).copied());
            row.change = Some(change);
        }
        self
    }

    /// The schema version of the model's JSON form.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::{ReportModel, SCHEMA_VERSION};
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.schema_version(), SCHEMA_VERSION);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn schema_version(&self) -> u32 {
        self.schema_version
    }

    /// The language of its labels, explanations and dates.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.lang(), Lang::En);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The level of detail.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::{Detail, ReportModel};
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.detail(), Detail::Full);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn detail(&self) -> Detail {
        self.detail
    }

    /// The as-of date of the evaluation.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.as_of().to_string(), "2025-04-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The directives the report covers.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.directives()[0].to_string(), "05/CT-UBND of 2025-01-02");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn directives(&self) -> &[DirectiveKey] {
        &self.directives
    }

    /// The filter the report applied.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert!(model.filter().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The summary.
    ///
    /// # Example
    ///
    /// See [`Summary`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.summary().due(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// One row per body, by rank (bodies without one last), then by code; empty at the
    /// summary level of detail.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.bodies().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn bodies(&self) -> &[BodyRow] {
        &self.bodies
    }

    /// The heatmap; empty at the summary level of detail.
    ///
    /// # Example
    ///
    /// See [`Heatmap`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.heatmap().rows().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn heatmap(&self) -> &Heatmap {
        &self.heatmap
    }

    /// The exceptions listed: every one at the full level of detail, the worst first at
    /// the management level (see [`exceptions_omitted`](ReportModel::exceptions_omitted)).
    ///
    /// # Example
    ///
    /// See [`Exception`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn exceptions(&self) -> &[Exception] {
        &self.exceptions
    }

    /// How many exceptions the level of detail leaves unlisted (they are counted in the
    /// summary, the body rows and the heatmap).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert_eq!(model.exceptions_omitted(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn exceptions_omitted(&self) -> u64 {
        self.exceptions_omitted
    }

    /// The grading policy and year of the grades and ranks, when the report was given one.
    ///
    /// # Example
    ///
    /// See [`GradingNote`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_graded.json")))?;
    /// assert!(model.grading().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn grading(&self) -> Option<&GradingNote> {
        self.grading.as_ref()
    }

    /// The results of the criteria the report was given, in their order.
    ///
    /// # Example
    ///
    /// See [`CriterionLine`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert!(model.criteria().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn criteria(&self) -> &[CriterionLine] {
        &self.criteria
    }

    /// What a reader must know about the data.
    ///
    /// # Example
    ///
    /// See [`ReportDiagnostic`].
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert!(model.diagnostics().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn diagnostics(&self) -> &[ReportDiagnostic] {
        &self.diagnostics
    }
}

/// Builds a [`ReportModel`]: the language, the level of detail, a filter, a grading policy
/// and the previous period's model are optional.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::Lang;
/// use directives::compliance::{evaluate, EvaluationPolicy, Events, GradingPolicy};
/// use directives::obligation::Obligations;
/// use directives::org::Registry;
/// use directives::report::{Detail, Filter, ReportModel};
///
/// let as_of = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
/// let obligations = Obligations::new();
/// let events = Events::new();
/// let policy = EvaluationPolicy::without_calendar();
/// let evaluation = evaluate(&obligations, &events, as_of, &policy)?;
/// let registry = Registry::builder().build()?;
/// let model = ReportModel::builder(&evaluation, &registry)
///     .lang(Lang::En)
///     .detail(Detail::Summary)
///     .filter(Filter::new())
///     .grading(GradingPolicy::regulation_366_2025(), 2025)
///     .build();
/// assert_eq!(model.detail(), Detail::Summary);
/// assert_eq!(model.grading().map(|g| g.year()), Some(2025));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ReportBuilder<'a> {
    evaluation: &'a Evaluation<'a>,
    registry: &'a Registry,
    lang: Lang,
    detail: Detail,
    filter: Filter,
    grading: Option<(GradingPolicy, i32)>,
    previous: Option<&'a ReportModel>,
    criteria: Option<&'a Assessment>,
    exception_limit: usize,
}

impl<'a> ReportBuilder<'a> {
    /// How many exceptions the management level lists unless told otherwise.
    pub const DEFAULT_EXCEPTION_LIMIT: usize = 100;

    /// The language of labels, explanations and dates (Vietnamese unless told).
    ///
    /// # Example
    ///
    /// See [`ReportBuilder`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::Obligations;
    /// # use directives::org::Registry;
    /// use directives::Lang;
    /// use directives::report::ReportModel;
    /// # let (o, e) = (Obligations::new(), Events::new());
    /// # let policy = EvaluationPolicy::without_calendar();
    /// # let evaluation = evaluate(&o, &e, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// # let registry = Registry::builder().build()?;
    /// let model = ReportModel::builder(&evaluation, &registry).lang(Lang::En).build();
    /// assert_eq!(model.lang(), Lang::En);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// The level of detail (management unless told).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::Obligations;
    /// # use directives::org::Registry;
    /// use directives::report::{Detail, ReportModel};
    /// # let (o, e) = (Obligations::new(), Events::new());
    /// # let policy = EvaluationPolicy::without_calendar();
    /// # let evaluation = evaluate(&o, &e, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// # let registry = Registry::builder().build()?;
    /// let model = ReportModel::builder(&evaluation, &registry).detail(Detail::Full).build();
    /// assert_eq!(model.detail(), Detail::Full);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn detail(mut self, detail: Detail) -> Self {
        self.detail = detail;
        self
    }

    /// Which obligations the report covers (all unless told).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::Obligations;
    /// # use directives::org::Registry;
    /// use directives::compliance::Status;
    /// use directives::report::{Filter, ReportModel};
    /// # let (o, e) = (Obligations::new(), Events::new());
    /// # let policy = EvaluationPolicy::without_calendar();
    /// # let evaluation = evaluate(&o, &e, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// # let registry = Registry::builder().build()?;
    /// let filter = Filter::new().status(Status::OpenOverdue);
    /// let model = ReportModel::builder(&evaluation, &registry).filter(filter.clone()).build();
    /// assert_eq!(model.filter(), &filter);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filter = filter;
        self
    }

    /// Grades and ranks bodies under a grading policy for an assessment year (without
    /// one, bodies are ranked by their on-time rate and not graded).
    ///
    /// # Example
    ///
    /// See [`ReportBuilder`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::Obligations;
    /// # use directives::org::Registry;
    /// use directives::compliance::GradingPolicy;
    /// use directives::report::ReportModel;
    /// # let (o, e) = (Obligations::new(), Events::new());
    /// # let policy = EvaluationPolicy::without_calendar();
    /// # let evaluation = evaluate(&o, &e, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// # let registry = Registry::builder().build()?;
    /// let model = ReportModel::builder(&evaluation, &registry)
    ///     .grading(GradingPolicy::decree_335_2025_timeliness(), 2024)
    ///     .build();
    /// // The decree is not in force for 2024, and the report says so.
    /// assert!(model.diagnostics().iter().any(|d| d.message().contains("2024")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn grading(mut self, policy: GradingPolicy, year: i32) -> Self {
        self.grading = Some((policy, year));
        self
    }

    /// Compares each body with the previous period's report.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::Obligations;
    /// # use directives::org::Registry;
    /// use directives::report::ReportModel;
    /// # let (o, e) = (Obligations::new(), Events::new());
    /// # let policy = EvaluationPolicy::without_calendar();
    /// # let evaluation = evaluate(&o, &e, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// # let registry = Registry::builder().build()?;
    /// let previous = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let model = ReportModel::builder(&evaluation, &registry).previous(&previous).build();
    /// assert!(model.bodies().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn previous(mut self, previous: &'a ReportModel) -> Self {
        self.previous = Some(previous);
        self
    }

    /// Adds the results of a criteria assessment (made on the same evaluation).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::Obligations;
    /// # use directives::org::Registry;
    /// use directives::criteria::{Criteria, Criterion, Measure, Requirement, Threshold};
    /// use directives::report::ReportModel;
    /// # let (o, e) = (Obligations::new(), Events::new());
    /// # let policy = EvaluationPolicy::without_calendar();
    /// # let evaluation = evaluate(&o, &e, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// # let registry = Registry::builder().build()?;
    /// let criteria = Criteria::new(vec![Criterion::builder("on-time")
    ///     .title("Báo cáo đúng hạn", "Reports on time")
    ///     .provision("Decree 09/2019/NĐ-CP art. 8.5")
    ///     .measure(Measure::OnTimeRate)
    ///     .require(Requirement::AtLeast(Threshold::Number(0.8)))
    ///     .build()?])?;
    /// let assessment = criteria.assess(&evaluation, &registry)?;
    /// let model = ReportModel::builder(&evaluation, &registry).criteria(&assessment).build();
    /// assert_eq!(model.criteria()[0].title(), "Báo cáo đúng hạn");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn criteria(mut self, assessment: &'a Assessment) -> Self {
        self.criteria = Some(assessment);
        self
    }

    /// How many exceptions the management level lists (the worst first; the rest are
    /// counted in [`ReportModel::exceptions_omitted`]).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::Obligations;
    /// # use directives::org::Registry;
    /// use directives::report::ReportModel;
    /// # let (o, e) = (Obligations::new(), Events::new());
    /// # let policy = EvaluationPolicy::without_calendar();
    /// # let evaluation = evaluate(&o, &e, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// # let registry = Registry::builder().build()?;
    /// let model = ReportModel::builder(&evaluation, &registry).exception_limit(10).build();
    /// assert_eq!(model.exceptions_omitted(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn exception_limit(mut self, limit: usize) -> Self {
        self.exception_limit = limit;
        self
    }

    /// Builds the model: one pass over the evaluation's statuses for the counts and the
    /// heatmap, then the findings of the exceptions listed.
    ///
    /// # Example
    ///
    /// See [`ReportModel`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// # use directives::obligation::Obligations;
    /// # use directives::org::Registry;
    /// use directives::report::ReportModel;
    /// # let (o, e) = (Obligations::new(), Events::new());
    /// # let policy = EvaluationPolicy::without_calendar();
    /// # let evaluation = evaluate(&o, &e, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?, &policy)?;
    /// # let registry = Registry::builder().build()?;
    /// let model = ReportModel::builder(&evaluation, &registry).build();
    /// assert!(model.exceptions().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn build(self) -> ReportModel {
        let model = Build::new(&self).run(&self);
        match self.previous {
            Some(previous) => model.compared_with(previous),
            None => model,
        }
    }
}

/// What a body of the obligation store is, as the report sees it.
struct BodyInfo {
    code: BodyCode,
    name: String,
    included: bool,
}

/// The state of one build.
struct Build {
    /// Per store body index: its info, when the store knows the body.
    bodies: Vec<Option<BodyInfo>>,
    diagnostics: Vec<ReportDiagnostic>,
}

impl Build {
    fn new(options: &ReportBuilder<'_>) -> Build {
        let obligations = options.evaluation.obligations();
        let as_of = options.evaluation.as_of();
        let lang = options.lang;
        let max = obligations
            .holders()
            .iter()
            .map(|b| b.index())
            .max()
            .map_or(0, |m| m as usize + 1);
        let mut bodies: Vec<Option<BodyInfo>> = Vec::with_capacity(max);
        let mut unknown: Vec<String> = Vec::new();
        let mut excluded_unknown = 0usize;
        let filter = &options.filter;
        for index in 0..max {
            let id = BodyId::from_index(u32::try_from(index).unwrap_or(u32::MAX));
            let Some(code) = obligations.body_code(id) else {
                bodies.push(None);
                continue;
            };
            let registered = options
                .registry
                .id(code)
                .and_then(|rid| Some((rid, options.registry.body(rid)?)));
            let (name, included) = match registered {
                Some((rid, body)) => {
                    let names = options.registry.name_on(rid, as_of).unwrap_or(body.names());
                    let name = names.name(lang);
                    (
                        name.to_owned(),
                        filter.admits_body(body.kind(), body.level()),
                    )
                }
                None => {
                    unknown.push(code.to_string());
                    let name = obligations
                        .body_name(id)
                        .map_or_else(|| code.to_string(), str::to_owned);
                    let included = filter.levels.is_empty() && filter.kinds.is_empty();
                    if !included {
                        excluded_unknown += 1;
                    }
                    (name, included)
                }
            };
            bodies.push(Some(BodyInfo {
                code: code.clone(),
                name,
                included,
            }));
        }
        let mut diagnostics = Vec::new();
        if !unknown.is_empty() {
            let shown: Vec<String> = unknown.iter().take(10).map(|c| format!("`{c}`")).collect();
            let more = unknown.len().saturating_sub(shown.len());
            let mut message = match lang {
                Lang::Vi => format!(
                    "{} cơ quan không có trong danh mục, được ghi theo mã: {}",
                    unknown.len(),
                    shown.join(", ")
                ),
                Lang::En => format!(
                    "{} bodies are not in the registry and are shown by code: {}",
                    unknown.len(),
                    shown.join(", ")
                ),
            };
            if more > 0 {
                message += &match lang {
                    Lang::Vi => format!(" và {more} cơ quan khác"),
                    Lang::En => format!(" and {more} more"),
                };
            }
            if excluded_unknown > 0 {
                message += lang.pick(
                    "; bộ lọc theo cấp, loại không biết cấp, loại của chúng nên đã loại ra",
                    "; the level and kind filter cannot place them, so they are left out",
                );
            }
            diagnostics.push(ReportDiagnostic {
                source: DiagnosticSource::Report,
                message,
            });
        }
        Build {
            bodies,
            diagnostics,
        }
    }

    fn run(mut self, options: &ReportBuilder<'_>) -> ReportModel {
        let evaluation = options.evaluation;
        let obligations = evaluation.obligations();
        let lang = options.lang;
        let filter = &options.filter;

        // Directives covered, and which of their handles the filter admits.
        let mut directives = Vec::new();
        let mut directive_ok: Vec<bool> = Vec::new();
        for (handle, key) in obligations.directives() {
            let slot = handle.index() as usize;
            if directive_ok.len() <= slot {
                directive_ok.resize(slot + 1, false);
            }
            let ok = filter.admits_directive(key);
            if let Some(s) = directive_ok.get_mut(slot) {
                *s = ok;
            }
            if ok {
                directives.push(key.clone());
            }
        }
        let status_ok: [bool; 6] = Status::ALL.map(|s| filter.admits_status(s));

        // Periods: the handles in use, in period order.
        let period_column = obligations.period_column();
        let mut period_used: Vec<bool> = Vec::new();
        for &p in period_column {
            let p = p as usize;
            if period_used.len() <= p {
                period_used.resize(p + 1, false);
            }
            if let Some(u) = period_used.get_mut(p) {
                *u = true;
            }
        }
        let mut periods: Vec<(Period, usize)> = period_used
            .iter()
            .enumerate()
            .filter(|(_, used)| **used)
            .filter_map(|(handle, _)| {
                let period = *obligations.period_values().get(handle)?;
                Some((period, handle))
            })
            .collect();
        periods.sort_by(|a, b| {
            a.0.start()
                .cmp(&b.0.start())
                .then(a.0.end().cmp(&b.0.end()))
        });
        let mut period_slot = vec![u32::MAX; period_used.len()];
        for (column, (_, handle)) in periods.iter().enumerate() {
            if let Some(s) = period_slot.get_mut(*handle) {
                *s = u32::try_from(column).unwrap_or(u32::MAX);
            }
        }
        let n_periods = periods.len();

        // One pass: counts per body and per (body, period) cell.
        let holders = obligations.holders();
        let directive_column = obligations.directive_column();
        let n_bodies = self.bodies.len();
        let mut cells: Vec<[u32; 6]> = vec![[0; 6]; n_bodies * n_periods];
        let mut body_counts: Vec<[u64; 6]> = vec![[0; 6]; n_bodies];
        let mut excepted: Vec<u32> = Vec::new();
        let body_ok: Vec<bool> = self
            .bodies
            .iter()
            .map(|b| b.as_ref().is_some_and(|b| b.included))
            .collect();
        for (row, (((&status, holder), &directive), &period)) in evaluation
            .statuses()
            .iter()
            .zip(holders)
            .zip(directive_column)
            .zip(period_column)
            .enumerate()
        {
            let s = status as usize;
            let body = holder.index() as usize;
            let admitted = status_ok.get(s).copied().unwrap_or(false)
                && body_ok.get(body).copied().unwrap_or(false)
                && directive_ok
                    .get(directive as usize)
                    .copied()
                    .unwrap_or(false);
            if !admitted {
                continue;
            }
            if let Some(c) = body_counts.get_mut(body).and_then(|c| c.get_mut(s)) {
                *c += 1;
            }
            let column = period_slot
                .get(period as usize)
                .copied()
                .unwrap_or(u32::MAX) as usize;
            if let Some(c) = cells
                .get_mut(body * n_periods + column)
                .filter(|_| column < n_periods)
                .and_then(|c| c.get_mut(s))
            {
                *c += 1;
            }
            if status != Status::DoneOnTime {
                excepted.push(u32::try_from(row).unwrap_or(u32::MAX));
            }
        }

        let mut total = StatusCounts::default();
        let mut rows: Vec<(usize, StatusCounts)> = Vec::new();
        for (body, counts) in body_counts.iter().enumerate() {
            let card = counts_of(counts);
            if card.total() > 0 {
                total.merge(&card);
                rows.push((body, card));
            }
        }
        let summary = Summary::from_counts(total, lang);

        // Grades and ranks.
        let grading = options.grading.as_ref();
        if let Some((policy, year)) = grading {
            // With no scorecards the ranking names no body, so it cannot fail; it still
            // says what the reader must know about the policy for the year.
            let policy_notes = rank(&[], evaluation.obligations(), policy, *year)
                .map(|ranking| ranking.diagnostics().to_vec())
                .unwrap_or_default();
            for d in policy_notes {
                self.diagnostics.push(ReportDiagnostic {
                    source: DiagnosticSource::Grading,
                    message: d.sentence(lang),
                });
            }
        }
        for d in evaluation.diagnostics() {
            self.diagnostics.push(ReportDiagnostic {
                source: DiagnosticSource::Evaluation,
                message: d.sentence(lang),
            });
        }

        let detail = options.detail;
        let (bodies, heatmap) = if detail == Detail::Summary {
            (Vec::new(), Heatmap::default())
        } else {
            let mut body_rows: Vec<(usize, BodyRow)> = rows
                .iter()
                .filter_map(|(body, counts)| {
                    let info = self.bodies.get(*body)?.as_ref()?;
                    let (index, grade) = match grading {
                        Some((policy, _)) => {
                            (policy.timeliness_index(counts), policy.grade(counts))
                        }
                        None => (None, None),
                    };
                    let rates = Rates::of(counts);
                    Some((
                        *body,
                        BodyRow {
                            code: info.code.clone(),
                            name: info.name.clone(),
                            counts: *counts,
                            on_time_rate: rates.on_time,
                            done_rate: rates.done,
                            timeliness_index: index,
                            grade,
                            rank: None,
                            change: None,
                        },
                    ))
                })
                .collect();
            assign_ranks(&mut body_rows, grading.is_some());
            let heat_rows = body_rows
                .iter()
                .map(|(body, row)| HeatmapRow {
                    body: row.code.clone(),
                    cells: (0..n_periods)
                        .map(|column| cells.get(body * n_periods + column).and_then(worst))
                        .collect(),
                })
                .collect();
            (
                body_rows.into_iter().map(|(_, row)| row).collect(),
                Heatmap {
                    periods: periods.into_iter().map(|(p, _)| p).collect(),
                    rows: heat_rows,
                },
            )
        };

        // Exceptions: worst first, then by body code, then by due date.
        let code_order = self.code_order();
        let due_days = obligations.due_days();
        let sort_key = |row: u32| {
            let i = row as usize;
            let status = evaluation
                .statuses()
                .get(i)
                .copied()
                .unwrap_or(Status::NotApplicable);
            let body = holders.get(i).map_or(u32::MAX, |b| {
                code_order
                    .get(b.index() as usize)
                    .copied()
                    .unwrap_or(u32::MAX)
            });
            let due = due_days.get(i).copied().unwrap_or(i32::MAX);
            (std::cmp::Reverse(severity(status)), due, body, row)
        };
        let limit = match detail {
            Detail::Summary => 0,
            Detail::Management => options.exception_limit,
            Detail::Full => usize::MAX,
        };
        let n_excepted = excepted.len();
        if limit < excepted.len() {
            if limit > 0 {
                excepted.select_nth_unstable_by_key(limit - 1, |&r| sort_key(r));
            }
            excepted.truncate(limit);
        }
        excepted.sort_unstable_by_key(|&r| sort_key(r));
        let exceptions: Vec<Exception> = excepted
            .iter()
            .filter_map(|&row| {
                let finding = evaluation.finding(ObligationId::from_index(row))?;
                let name = self
                    .bodies
                    .get(finding_holder(holders, row))
                    .and_then(Option::as_ref)
                    .map_or_else(|| finding.body().to_string(), |b| b.name.clone());
                let explanation = finding.explanation();
                let status = finding.status();
                Some(Exception {
                    obligation: finding.obligation().clone(),
                    body: finding.body().clone(),
                    body_name: name,
                    assigned_body: finding.assigned_body().cloned(),
                    status,
                    due: finding.original_due(),
                    deadline: finding.effective_due(),
                    decided_on: finding.decided_on(),
                    days_late: finding.lateness().calendar_days(),
                    working_days_late: finding.lateness().working_days(),
                    rule_id: status.rule_id().to_owned(),
                    provision: status.provision(lang).map(str::to_owned),
                    explanation: explanation.sentence(lang),
                })
            })
            .collect();
        let omitted = (n_excepted - exceptions.len()) as u64;

        ReportModel {
            schema_version: SCHEMA_VERSION,
            lang,
            detail,
            as_of: evaluation.as_of(),
            directives,
            filter: filter.clone(),
            summary,
            bodies,
            heatmap,
            exceptions,
            exceptions_omitted: omitted,
            grading: grading.map(|(policy, year)| GradingNote {
                policy: policy.name().to_owned(),
                year: *year,
            }),
            criteria: options.criteria.map_or_else(Vec::new, |assessment| {
                assessment
                    .results()
                    .iter()
                    .map(|r| CriterionLine::from_result(r, lang))
                    .collect()
            }),
            diagnostics: self.diagnostics,
        }
    }

    /// Each store body's place in the order of body codes.
    fn code_order(&self) -> Vec<u32> {
        let mut known: Vec<(usize, &str)> = self
            .bodies
            .iter()
            .enumerate()
            .filter_map(|(i, b)| Some((i, b.as_ref()?.code.as_str())))
            .collect();
        known.sort_by(|a, b| a.1.cmp(b.1));
        let mut order = vec![u32::MAX; self.bodies.len()];
        for (place, (i, _)) in known.into_iter().enumerate() {
            if let Some(o) = order.get_mut(i) {
                *o = u32::try_from(place).unwrap_or(u32::MAX);
            }
        }
        order
    }
}

/// A serde_json message without its trailing ` at line L column C` (the error says where).
fn finding_holder(holders: &[BodyId], row: u32) -> usize {
    holders
        .get(row as usize)
        .map_or(usize::MAX, |b| b.index() as usize)
}

fn counts_of(counts: &[u64; 6]) -> StatusCounts {
    StatusCounts { counts: *counts }
}

/// How bad a status is, for the heatmap and the order of exceptions.
const fn severity(status: Status) -> u8 {
    match status {
        Status::OpenOverdue => 5,
        Status::DoneLate => 4,
        Status::OpenWithinDeadline => 3,
        Status::DoneOnTime => 2,
        Status::Waived => 1,
        Status::NotApplicable => 0,
    }
}

/// The worst status of a cell with its count, or `None` for an empty cell.
fn worst(counts: &[u32; 6]) -> Option<Cell> {
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    Status::ALL
        .iter()
        .zip(counts)
        .filter(|(_, c)| **c > 0)
        .max_by_key(|(s, _)| severity(**s))
        .map(|(&status, &count)| Cell {
            status,
            count: u64::from(count),
            total,
        })
}

/// Ranks rows by timeliness index (graded) or on-time rate, best first; equal values share
/// a place, ties listed by code; rows with nothing due come last, unranked, by code.
fn assign_ranks(rows: &mut [(usize, BodyRow)], graded: bool) {
    let value = |row: &BodyRow| {
        if graded {
            row.timeliness_index
        } else {
            row.on_time_rate
        }
    };
    rows.sort_by(|(_, a), (_, b)| match (value(a), value(b)) {
        (Some(x), Some(y)) => y
            .partial_cmp(&x)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.code.as_str().cmp(b.code.as_str())),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.code.as_str().cmp(b.code.as_str()),
    });
    let mut previous: Option<f64> = None;
    let mut place = 0u32;
    for (k, (_, row)) in (1u32..).zip(rows.iter_mut()) {
        let Some(v) = value(row) else { continue };
        if previous != Some(v) {
            place = k;
            previous = Some(v);
        }
        row.rank = Some(place);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_status_of_a_cell_wins_and_keeps_its_count() {
        let cell = worst(&[3, 0, 1, 2, 0, 0]);
        assert_eq!(
            cell,
            Some(Cell {
                status: Status::OpenOverdue,
                count: 2,
                total: 6
            })
        );
        assert_eq!(worst(&[0; 6]), None);
        let cell = worst(&[0, 0, 0, 0, 1, 1]);
        assert_eq!(cell.map(|c| c.status), Some(Status::Waived));
    }
}
