//! Compliance evaluation: events, findings, scorecards and grades.
//!
//! # What is evaluated
//!
//! An [obligation](crate::obligation) is owed by one body for one period and has a due
//! date. [`Event`]s record what happened to it: a report was submitted, the task was
//! completed, an indicator value was reported, the deadline was extended, the obligation
//! was waived or reopened. Each event has the date it happened and, optionally, the date
//! it was recorded.
//!
//! [`evaluate`] turns obligations and events into a [`Finding`] per obligation *as of* a
//! date, under an [`EvaluationPolicy`]. The status keeps the Government's four tracking
//! states (Decision 42/2014/QĐ-TTg) and adds two:
//!
//! | status | rule |
//! |---|---|
//! | [`Status::DoneOnTime`] | the earliest qualifying event is on or before the deadline |
//! | [`Status::DoneLate`] | the earliest qualifying event is after the deadline |
//! | [`Status::OpenWithinDeadline`] | none yet, and the deadline is on or after the as-of date |
//! | [`Status::OpenOverdue`] | none yet, and the deadline is before the as-of date |
//! | [`Status::Waived`] | the assigning authority withdrew it |
//! | [`Status::NotApplicable`] | the obligation does not apply |
//!
//! The deadline is the due date after extensions, moved off a rest day (Civil Code 2015
//! art. 148.5, when the policy applies it), plus the policy's grace days. A deadline day
//! ends at 24:00, so a report on the day is on time. Events not known on the as-of date
//! are ignored, so a status never depends on the future.
//!
//! Findings are not errors: [`evaluate`] returns `Err` only when it cannot run at all,
//! and reports problems with the input (unknown obligations, duplicate events, impossible
//! extensions) as [`Diagnostic`]s.
//!
//! The [`Tracker`] answers the same questions incrementally, one event at a time, and
//! Scorecards ([`StatusCounts`] per body, directive, period or level), a dated
//! [`GradingPolicy`] and [`Grade`]s turn statuses into a timeliness index and grades.
//!
//! # Event logs from files
//!
//! [`EventLoader`] reads event logs from CSV, JSON and TOML into [`Events`], and
//! [`Events::write_csv`] writes them as CSV.
//!
//! ## The row
//!
//! Each event is one row (a CSV line, a JSON object or a TOML table in `events`) with
//! these fields, named the same in the three formats:
//!
//! | field | holds | for |
//! |---|---|---|
//! | `obligation` | the obligation's reference, `1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1` | every row, or: |
//! | `clause` | a task number (`10`) or `monitoring` | … the obligation by its place, when the directive is known |
//! | `requirement` | the requirement's number from 1 (optional when only one requirement of the clause falls to the body in the period) | |
//! | `body` | the code of the body the directive assigned | |
//! | `period` | the period, canonical (`2024-H1`) | |
//! | `kind` | `submitted`, `completed`, `extended`, `waived`, `reopened` or `indicator_value` | every row |
//! | `date` | the day it happened, `yyyy-mm-dd` | every row |
//! | `recorded` | the day it was recorded, when later (optional) | every row |
//! | `new_due` | the new due date | `extended` |
//! | `document` | the submitted report (optional) or the granting document | `submitted`, `extended` |
//! | `by` | who waived the obligation | `waived` |
//! | `reason` | why | `waived` |
//! | `value` | the indicator's value, a finite number | `indicator_value` |
//!
//! A row names its obligation either by reference or by (clause, body, period) — with
//! the directive given to the loader ([`EventLoader::directive`]) or, when the store holds
//! obligations of one directive only, that one. A field a kind does not take is refused,
//! as is a kind without a field it needs; an empty field is a field not given. Dates are
//! written `yyyy-mm-dd` exactly (`2024-6-5` is refused). Free text is stored in Unicode
//! normalization form C.
//!
//! ## CSV
//!
//! The first line that is not a comment (`#` first) names the columns, in any order; an
//! unknown or repeated column is refused, and every row has as many fields as the header.
//! Quoting follows RFC 4180 (`"a ""quoted"", comma"`).
//!
//! ```text
//! # Events of letter 1470-CV/TU
//! clause,body,period,kind,date,new_due,document,by,reason
//! 10,TH-HU-NGA-SON,2024-H1,submitted,2024-06-14,,,,
//! 10,TH-HU-MUONG-LAT,2024-H1,extended,2024-06-21,2024-07-05,1612-CV/TU,,
//! 10,TH-DD-MTTQ,2024-H2,waived,2024-12-10,,,TH-TU-BTV,"reported jointly, with the year report"
//! ```
//!
//! ## JSON and TOML
//!
//! `{"events": [row, …]}` and `[[events]]` tables, each row with the fields above
//! (`requirement` and `value` as numbers). A row may also carry `line`, the line of the
//! source it was first read from, as [`EventRecord`] writes it.
//!
//! ## Errors
//!
//! Every error is an [`EventLoadError`]: the format, the file (when the loader is told
//! its name), the line, the column (for CSV, the field's place in the row; for JSON and
//! TOML, the character in the line), the field (a column name, or a path such as
//! `events[3].date`) and an [`EventProblem`]. Values are quoted with a bound.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::calendar::WorkCalendar;
//! use directives::compliance::{evaluate, Event, EvaluationPolicy, Events, Status};
//! use directives::obligation::{Obligation, ObligationKey, Obligations};
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
//! // The September report of the health department (SYT) under task 1 of 05/CT-UBND.
//! let key: ObligationKey = "05/CT-UBND@2025-01-02/1.1/SYT/2025-09".parse()?;
//! let mut obligations = Obligations::new();
//! // Due on Saturday 2025-10-18; the deadline moves to Monday 2025-10-20.
//! let id = obligations.push(Obligation::new(key, d(2025, 10, 18)?))?;
//! let mut events = Events::new();
//! events.push(Event::submitted(id, d(2025, 10, 20)?))?;
//! let policy = EvaluationPolicy::new(WorkCalendar::vietnam()?);
//! let evaluation = evaluate(&obligations, &events, d(2025, 12, 31)?, &policy)?;
//! let finding = evaluation.finding(id).ok_or("no finding")?;
//! assert_eq!(finding.status(), Status::DoneOnTime);
//! assert_eq!(
//!     finding.explanation().to_string(),
//!     "Done on time: done on `2025-10-20`, on or before the deadline `2025-10-20` \
//!      (rule `status.done-on-time`, Decision 42/2014/QĐ-TTg); the deadline `2025-10-18` \
//!      fell on a rest day and moved to the next working day, `2025-10-20` \
//!      (Civil Code 2015 art. 148.5).",
//! );
//! assert_eq!(
//!     finding.explanation().sentence(directives::Lang::Vi),
//!     "Đã hoàn thành đúng hạn: thực hiện ngày 20/10/2025, không muộn hơn hạn chót 20/10/2025 \
//!      (quy tắc `status.done-on-time`, Quyết định số 42/2014/QĐ-TTg); hạn chót 18/10/2025 \
//!      trùng ngày nghỉ nên chuyển sang ngày làm việc tiếp theo là 20/10/2025 \
//!      (khoản 5 Điều 148 Bộ luật Dân sự 2015).",
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod columnar;
mod evaluate;
mod event;
mod finding;
mod grade;
mod load;
mod partition;
mod policy;
mod scorecard;
mod tracker;

use chrono::NaiveDate;

pub use self::evaluate::{Evaluation, Workspace, evaluate};
pub use self::event::{Event, EventId, EventKind, EventRecord, Events};
pub use self::finding::{
    Diagnostic, Explanation, Finding, Findings, IndicatorOutcome, Lateness, Note, Status,
};
pub use self::grade::{
    Grade, GradeRule, GradingDiagnostic, GradingError, GradingPolicy, Ranked, Ranking, YearGrade,
    grading_facts, rank,
};
pub use self::load::{EventLoadError, EventLoader, EventProblem};
pub use self::policy::{EvaluationPolicy, LateExtensions};
pub use self::scorecard::StatusCounts;
pub use self::tracker::{Retraction, Tracker};

/// An error that stopped an evaluation from running (findings are not errors), or an
/// event the [`Tracker`] refused.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::ComplianceError;
///
/// let error = ComplianceError::OutsideCalendar {
///     date: NaiveDate::from_ymd_opt(2031, 1, 1).ok_or("date")?,
///     first: NaiveDate::from_ymd_opt(2020, 1, 1).ok_or("date")?,
///     last: NaiveDate::from_ymd_opt(2030, 12, 31).ok_or("date")?,
/// };
/// assert_eq!(
///     error.to_string(),
///     "date `2031-01-01` is outside the working-day calendar `2020-01-01`..`2030-12-31`",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ComplianceError {
    /// The policy applies the rest-day shift but has no calendar.
    #[error("the rest-day shift needs a working-day calendar")]
    CalendarRequired,
    /// The policy's rest-day shift is neither `keep` nor `following` (the next working
    /// day, Civil Code 2015 art. 148.5).
    #[error(
        "rest-day shift `{roll}` is not supported: an evaluation keeps deadlines (`keep`) or moves them to the next working day (`following`, Civil Code 2015 art. 148.5)"
    )]
    UnsupportedRestDayShift {
        /// The convention asked for.
        roll: crate::calendar::Roll,
    },
    /// A date the evaluation needs is outside the calendar's range.
    #[error("date `{date}` is outside the working-day calendar `{first}`..`{last}`")]
    OutsideCalendar {
        /// The date.
        date: NaiveDate,
        /// The calendar's first date.
        first: NaiveDate,
        /// The calendar's last date.
        last: NaiveDate,
    },
    /// A date computation left chrono's range.
    #[error("date out of range")]
    DateOutOfRange,
    /// An event or a retraction dated outside the one range the crate accepts,
    /// `0001-01-01` to `9999-12-31` (so that a log can be written and read back).
    #[error("date `{date}` is outside the supported range `0001-01-01`..`9999-12-31`")]
    UnsupportedDate {
        /// The date.
        date: NaiveDate,
    },
    /// The event log is full.
    #[error("too many events: a log holds at most `4294967294`")]
    TooManyEvents,
    /// An event for an obligation that has as many events as the limit allows
    /// ([`Limit::EventsPerObligation`](crate::Limit::EventsPerObligation)).
    #[error(
        "event {event}: {} exceeds the limit of {max}",
        crate::Limit::EventsPerObligation
    )]
    EventLimit {
        /// The event refused, naming its obligation by reference.
        event: Box<EventRecord>,
        /// The limit.
        max: usize,
    },
    /// An event refers to an obligation id that is not in the store.
    #[error("event names an obligation that is not in the store")]
    UnknownObligation {
        /// The id it names (a dense index, for the program, never shown to people).
        obligation: crate::obligation::ObligationId,
    },
    /// An event names an obligation by a reference the store does not hold.
    #[error("event {event} names an obligation that is not in the store")]
    UnknownReference {
        /// The event.
        event: Box<EventRecord>,
    },
    /// An event repeats one already applied (same obligation, date, kind and details,
    /// known no later).
    #[error("event {event} repeats one already applied")]
    DuplicateEvent {
        /// The event refused.
        event: Box<EventRecord>,
    },
    /// An extension sets a due date earlier than the original.
    #[error("event {event} sets a due date before the original `{original_due}`")]
    ExtensionBeforeDeadline {
        /// The extension.
        event: Box<EventRecord>,
        /// The original due date.
        original_due: NaiveDate,
    },
    /// An event is dated before the directive that owes the obligation was issued.
    #[error("event {event} is dated before the directive was issued on `{issued}`")]
    BeforeIssue {
        /// The event.
        event: Box<EventRecord>,
        /// The directive's issue date.
        issued: NaiveDate,
    },
    /// A submission, completion or indicator value is dated more than the policy's
    /// [`early_event_days`](EvaluationPolicy::early_event_days) before its obligation's
    /// period begins.
    #[error(
        "event {event} is dated more than `{limit_days}` days before its period begins on `{period_start}`"
    )]
    LongBeforePeriod {
        /// The event.
        event: Box<EventRecord>,
        /// The first day of the obligation's period.
        period_start: NaiveDate,
        /// The policy's bound, in days.
        limit_days: u32,
    },
    /// An indicator value is NaN or infinite: refused when the event is logged or read,
    /// naming the event by its date, its obligation's reference (when the caller gave it)
    /// and its file line (when it was read from one).
    #[error(
        "indicator value `{value}` on `{date}`{} is not a finite number",
        non_finite_place(.obligation.as_deref(), *.line)
    )]
    NonFiniteValue {
        /// The value.
        value: f64,
        /// The event's date.
        date: NaiveDate,
        /// The obligation's reference, when the event was given by reference.
        obligation: Option<Box<crate::obligation::ObligationKey>>,
        /// The file line the event was read from, if it was.
        line: Option<u32>,
    },
    /// The tracker issued no event with this id.
    #[error("no such event in the tracker")]
    UnknownEvent,
    /// The event was already retracted.
    #[error("event {event} was already retracted")]
    AlreadyRetracted {
        /// The event.
        event: Box<EventRecord>,
    },
    /// An event log could not be read from a file.
    #[error(transparent)]
    EventLog(Box<EventLoadError>),
    /// An event log could not be written.
    #[error("cannot write the event log: {message}")]
    Write {
        /// What went wrong, from the writer.
        message: String,
    },
    /// An event holds a text a file cannot tell from a missing one (an empty or blank
    /// document, author or reason).
    #[error("event {event} cannot be written: its `{field}` is empty or blank")]
    Unwritable {
        /// The event.
        event: Box<EventRecord>,
        /// The field.
        field: &'static str,
    },
    /// Obligations could not be added.
    #[error(transparent)]
    Obligation(Box<crate::obligation::ObligationError>),
}

/// ` for `reference` (line n)`, with the parts that are known.
impl ComplianceError {
    /// The error as a sentence in `lang` (the English one is also its `Display`):
    /// events are named by their kind, date, obligation and file line.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::compliance::ComplianceError;
    ///
    /// let err = ComplianceError::TooManyEvents;
    /// assert_eq!(err.sentence(Lang::Vi), "quá nhiều sự kiện: nhật ký chỉ chứa tối đa `4294967294` sự kiện");
    /// assert_eq!(err.sentence(Lang::En), err.to_string());
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        use crate::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        let day = |d: &NaiveDate| d.format("%d/%m/%Y").to_string();
        match self {
            ComplianceError::CalendarRequired => {
                "việc dời hạn khi trùng ngày nghỉ cần có lịch ngày làm việc".to_owned()
            }
            ComplianceError::UnsupportedRestDayShift { roll } => format!(
                "không hỗ trợ cách dời hạn `{roll}`: khi đánh giá, hạn được giữ nguyên \
                 (`keep`) hoặc dời sang ngày làm việc kế tiếp (`following`, Điều 148.5 Bộ luật \
                 Dân sự 2015)"
            ),
            ComplianceError::OutsideCalendar { date, first, last } => format!(
                "ngày {} nằm ngoài lịch ngày làm việc (từ {} đến {})",
                day(date),
                day(first),
                day(last)
            ),
            ComplianceError::DateOutOfRange => "ngày nằm ngoài khoảng tính được".to_owned(),
            ComplianceError::UnsupportedDate { date } => {
                format!("ngày `{date}` nằm ngoài khoảng hỗ trợ từ `0001-01-01` đến `9999-12-31`")
            }
            ComplianceError::TooManyEvents => {
                "quá nhiều sự kiện: nhật ký chỉ chứa tối đa `4294967294` sự kiện".to_owned()
            }
            ComplianceError::EventLimit { event, max } => format!(
                "{}: {} vượt quá giới hạn {max}",
                event.sentence(lang),
                crate::Limit::EventsPerObligation.label(lang)
            ),
            ComplianceError::UnknownObligation { .. } => {
                "sự kiện ghi một nhiệm vụ không có trong danh sách nhiệm vụ".to_owned()
            }
            ComplianceError::UnknownReference { event } => format!(
                "{} ghi một nhiệm vụ không có trong danh sách nhiệm vụ",
                event.sentence(lang)
            ),
            ComplianceError::DuplicateEvent { event } => {
                format!("{} trùng với một sự kiện đã ghi nhận", event.sentence(lang))
            }
            ComplianceError::ExtensionBeforeDeadline {
                event,
                original_due,
            } => format!(
                "{} đặt hạn mới sớm hơn hạn ban đầu {}",
                event.sentence(lang),
                day(original_due)
            ),
            ComplianceError::BeforeIssue { event, issued } => format!(
                "{} có ngày trước ngày ban hành văn bản {}",
                event.sentence(lang),
                day(issued)
            ),
            ComplianceError::LongBeforePeriod {
                event,
                period_start,
                limit_days,
            } => format!(
                "{} có ngày sớm hơn quá {limit_days} ngày so với ngày bắt đầu kỳ {}",
                event.sentence(lang),
                day(period_start)
            ),
            ComplianceError::NonFiniteValue {
                value,
                date,
                obligation,
                line,
            } => {
                let mut place = String::new();
                if let Some(key) = obligation {
                    place.push_str(&format!(" của nhiệm vụ `{key}`"));
                }
                if let Some(line) = line {
                    place.push_str(&format!(" (dòng {line})"));
                }
                format!(
                    "giá trị chỉ tiêu `{value}` ngày {}{place} không phải là một số hữu hạn",
                    day(date)
                )
            }
            ComplianceError::UnknownEvent => "không có sự kiện này trong sổ theo dõi".to_owned(),
            ComplianceError::AlreadyRetracted { event } => {
                format!("{} đã được rút lại trước đó", event.sentence(lang))
            }
            ComplianceError::EventLog(error) => error.sentence(lang),
            ComplianceError::Write { message } => {
                format!("không ghi được nhật ký sự kiện: {message}")
            }
            ComplianceError::Unwritable { event, field } => format!(
                "không ghi được {}: trường `{field}` để trống",
                event.sentence(lang)
            ),
            // An expansion's error, as its module writes it.
            ComplianceError::Obligation(error) => error.to_string(),
        }
    }
}

fn non_finite_place(
    obligation: Option<&crate::obligation::ObligationKey>,
    line: Option<u32>,
) -> String {
    let mut place = String::new();
    if let Some(key) = obligation {
        place.push_str(&format!(" for `{key}`"));
    }
    if let Some(line) = line {
        place.push_str(&format!(" (line {line})"));
    }
    place
}

impl From<crate::obligation::ObligationError> for ComplianceError {
    fn from(error: crate::obligation::ObligationError) -> ComplianceError {
        ComplianceError::Obligation(Box::new(error))
    }
}

/// The legal facts the compliance rules ship, each with how sure it is: the four tracking
/// states, the rest-day shift, and the assumptions the evaluation makes where no text
/// decides (indicator targets, late extensions).
///
/// # Example
///
/// ```
/// use directives::compliance::facts;
/// use directives::provenance::Certainty;
///
/// let facts = facts();
/// assert!(facts.iter().any(|f| f.id() == "status.four-states"));
/// assert!(facts.iter().all(|f| !f.statement().is_empty()));
/// let unverified: Vec<&str> = facts.iter().filter(|f| f.is_below(Certainty::Corroborated)).map(|f| f.id()).collect();
/// assert_eq!(
///     unverified,
///     ["deadline.rest-day-shift", "indicator.target-at-least", "extension.late-ignored", "event.long-before-period"],
/// );
/// ```
#[must_use]
pub fn facts() -> Vec<crate::provenance::Fact> {
    use crate::provenance::{Fact, FactArea, Provenance};
    let fact = |id: &str, statement: &str, provenance: Result<Provenance, _>| {
        provenance
            .ok()
            .map(|p| Fact::new(FactArea::LegalRule, id, statement, p))
    };
    [
        fact(
            "status.four-states",
            "A task is tracked in four states: done on time, done late, open within the \
             deadline, open and overdue (Decision 42/2014/QĐ-TTg, amended by 23/2018/QĐ-TTg)",
            Provenance::corroborated([
                "consolidated text 01/HNVB-VPCP of 2018-07-11 of Decision 42/2014/QĐ-TTg as \
                 amended by Decision 23/2018/QĐ-TTg",
                "report 1270/BC-TCTTTg of 2017-12-27, counting tasks done on time and late, \
                 and open within and past the deadline",
            ]),
        ),
        fact(
            "deadline.rest-day-shift",
            "A term whose last day is a weekend day or a public holiday ends at the end of \
             the next working day (Civil Code 2015 art. 148.5)",
            Provenance::unverified(
                "art. 148.5 of the 2015 Civil Code is read as carrying over art. 153.5 of the \
                 2005 Code word for word, as a secondary source shows the 2005 text; the 2015 \
                 text itself was not checked here",
            ),
        ),
        fact(
            "indicator.target-at-least",
            "An indicator's target is met when the value reported is at least the target",
            Provenance::unverified(
                "directives state targets to reach (a number of models, a percentage); no text \
                 defines how a value is compared with a target, so a target to stay under is \
                 not modelled",
            ),
        ),
        fact(
            "extension.late-ignored",
            "By default, an extension granted after the deadline in force has passed does \
             not move it (`LateExtensions::Ignore`; a policy may accept such extensions)",
            Provenance::unverified(
                "no text read here says whether an extension granted after a deadline has \
                 passed cures the lateness; the default treats the obligation as already \
                 overdue, and the policy can be changed",
            ),
        ),
        fact(
            "event.long-before-period",
            "By default, a submission, completion or indicator value dated more than 31 days \
             before the first day of its obligation's period is taken for a mistyped date and \
             left out (`EvaluationPolicy::with_early_event_days` changes or removes the bound)",
            Provenance::unverified(
                "no text read here says how early a report may be sent; Decree 09/2019/NĐ-CP \
                 art. 12 opens the widest data cut-off window of a periodic report on the 15th \
                 of the month before the period, at most 17 days before its first day, so a \
                 report dated earlier would describe figures that did not yet exist; 31 days \
                 leaves two weeks beyond that",
            ),
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync_static_and_small() {
        fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
        assert_traits::<ComplianceError>();
        assert!(std::mem::size_of::<ComplianceError>() <= 64);
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            ComplianceError::CalendarRequired.to_string(),
            "the rest-day shift needs a working-day calendar"
        );
        let record = EventRecord::submitted(
            "05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse().unwrap(),
            NaiveDate::from_ymd_opt(2025, 2, 18).unwrap(),
        )
        .at_line(7);
        assert_eq!(
            ComplianceError::DuplicateEvent {
                event: Box::new(record)
            }
            .to_string(),
            "event `submitted` on `2025-02-18` for `05/CT-UBND@2025-01-02/1.1/SYT/2025-01` \
             (line 7) repeats one already applied"
        );
        let non_finite = |obligation: Option<&str>, line| ComplianceError::NonFiniteValue {
            value: f64::NAN,
            date: NaiveDate::from_ymd_opt(2025, 2, 18).unwrap(),
            obligation: obligation.map(|r| Box::new(r.parse().unwrap())),
            line,
        };
        assert_eq!(
            non_finite(None, None).to_string(),
            "indicator value `NaN` on `2025-02-18` is not a finite number"
        );
        assert_eq!(
            non_finite(Some("05/CT-UBND@2025-01-02/1.1/SYT/2025-01"), Some(4)).to_string(),
            "indicator value `NaN` on `2025-02-18` for `05/CT-UBND@2025-01-02/1.1/SYT/2025-01` \
             (line 4) is not a finite number"
        );
    }
}
