//! The evaluation policy and the working-day calendar it may need.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;

use super::ComplianceError;
use crate::calendar::{CalendarError, Roll, WorkCalendar};
use crate::obligation::from_day_number;

/// Whether an extension granted after the deadline in force counts.
///
/// # Example
///
/// ```
/// use directives::compliance::LateExtensions;
///
/// assert_eq!(LateExtensions::default(), LateExtensions::Ignore);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum LateExtensions {
    /// An extension granted after the deadline has passed does not move it (the default):
    /// the obligation was already overdue. The evaluation reports it as a diagnostic.
    #[default]
    Ignore,
    /// An extension counts whenever it was granted.
    Accept,
}

/// How an evaluation judges deadlines: grace days, late extensions, the rest-day shift and
/// the due-soon threshold, plus the working-day calendar the shift needs.
///
/// [`EvaluationPolicy::new`] gives the default, which applies the rest-day shift (Civil
/// Code 2015 art. 148.5) with the crate's [`WorkCalendar`] and also counts lateness in
/// working days; [`EvaluationPolicy::without_calendar`] takes deadlines as written and
/// counts lateness in calendar days only.
///
/// # Example
///
/// ```
/// use directives::calendar::{Roll, WorkCalendar};
/// use directives::compliance::{EvaluationPolicy, LateExtensions};
///
/// let policy = EvaluationPolicy::new(WorkCalendar::vietnam()?)
///     .with_grace_days(2)
///     .with_late_extensions(LateExtensions::Accept);
/// assert_eq!(policy.grace_days(), 2);
/// assert_eq!(policy.rest_day_shift(), Roll::Following);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The policy owns a share of its calendar (an [`Arc`]), so it lives as long as the
/// application needs it and is `Send + Sync + 'static`; cloning it shares the calendar.
///
/// With the `serde` feature a policy reads and writes as its settings (`grace_days`,
/// `late_extensions`, `rest_day_shift`, `due_soon_days`, `early_event_days`) and its
/// calendar as the calendar's inputs (see [`WorkCalendar`]; a data file may write
/// `calendar = "vietnam"`), absent for a policy without a calendar. Two policies are equal
/// when their settings are and their calendars are built from the same inputs.
///
/// ```
/// # #[cfg(feature = "serde")]
/// # {
/// use directives::compliance::EvaluationPolicy;
///
/// let policy: EvaluationPolicy = serde_json::from_str(
///     r#"{"grace_days": 2, "late_extensions": "accept", "rest_day_shift": "following",
///         "due_soon_days": 3, "early_event_days": 31, "calendar": "vietnam"}"#,
/// )?;
/// assert_eq!(policy.grace_days(), 2);
/// let back: EvaluationPolicy = serde_json::from_str(&serde_json::to_string(&policy)?)?;
/// assert_eq!(back, policy);
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct EvaluationPolicy {
    grace_days: u32,
    late_extensions: LateExtensions,
    rest_day_shift: Roll,
    due_soon_days: u32,
    early_event_days: Option<u32>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    calendar: Option<Arc<WorkCalendar>>,
}

impl fmt::Debug for EvaluationPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EvaluationPolicy")
            .field("grace_days", &self.grace_days)
            .field("late_extensions", &self.late_extensions)
            .field("rest_day_shift", &self.rest_day_shift)
            .field("due_soon_days", &self.due_soon_days)
            .field("early_event_days", &self.early_event_days)
            .field(
                "calendar",
                &self.calendar.as_ref().map(|c| (c.first(), c.last())),
            )
            .finish()
    }
}

/// The default due-soon threshold, in calendar days.
const DEFAULT_DUE_SOON_DAYS: u32 = 3;

/// How many days before its period's first day a submission, completion or indicator value
/// may be dated, by default (see [`EvaluationPolicy::with_early_event_days`]).
pub(crate) const DEFAULT_EARLY_EVENT_DAYS: u32 = 31;

impl EvaluationPolicy {
    /// The default policy over this calendar: no grace days, late extensions ignored, the
    /// rest-day shift applied, due soon within 3 days, lateness also counted in working
    /// days. Evaluation fails with [`ComplianceError::OutsideCalendar`] when the as-of date
    /// or a deadline it must shift is outside the calendar's range.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::compliance::{EvaluationPolicy, LateExtensions};
    ///
    /// // Monday to Friday, no holidays, 2025 only.
    /// let calendar = WorkCalendar::builder().years(2025, 2025).build()?;
    /// let policy = EvaluationPolicy::new(calendar);
    /// assert_eq!(policy.late_extensions(), LateExtensions::Ignore);
    /// assert_eq!(policy.due_soon_days(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// The calendar may be given by value or already shared (`Arc<WorkCalendar>`).
    pub fn new(calendar: impl Into<Arc<WorkCalendar>>) -> EvaluationPolicy {
        EvaluationPolicy {
            grace_days: 0,
            late_extensions: LateExtensions::Ignore,
            rest_day_shift: Roll::Following,
            due_soon_days: DEFAULT_DUE_SOON_DAYS,
            early_event_days: Some(DEFAULT_EARLY_EVENT_DAYS),
            calendar: Some(calendar.into()),
        }
    }

    /// The default policy without a calendar: deadlines are taken as written (no rest-day
    /// shift) and lateness is counted in calendar days only.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::Roll;
    /// use directives::compliance::EvaluationPolicy;
    ///
    /// let policy = EvaluationPolicy::without_calendar();
    /// assert_eq!(policy.rest_day_shift(), Roll::Keep);
    /// ```
    #[must_use]
    pub fn without_calendar() -> EvaluationPolicy {
        EvaluationPolicy {
            grace_days: 0,
            late_extensions: LateExtensions::Ignore,
            rest_day_shift: Roll::Keep,
            due_soon_days: DEFAULT_DUE_SOON_DAYS,
            early_event_days: Some(DEFAULT_EARLY_EVENT_DAYS),
            calendar: None,
        }
    }

    /// The same policy with this many grace days after each deadline.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EvaluationPolicy;
    ///
    /// assert_eq!(EvaluationPolicy::without_calendar().with_grace_days(5).grace_days(), 5);
    /// ```
    #[must_use]
    pub fn with_grace_days(mut self, days: u32) -> EvaluationPolicy {
        self.grace_days = days;
        self
    }

    /// The same policy with this rule for late extensions.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, LateExtensions};
    ///
    /// let policy = EvaluationPolicy::without_calendar().with_late_extensions(LateExtensions::Accept);
    /// assert_eq!(policy.late_extensions(), LateExtensions::Accept);
    /// ```
    #[must_use]
    pub fn with_late_extensions(mut self, rule: LateExtensions) -> EvaluationPolicy {
        self.late_extensions = rule;
        self
    }

    /// The same policy with this rest-day shift: [`Roll::Following`] moves a deadline that
    /// falls on a rest day to the next working day (Civil Code 2015 art. 148.5),
    /// [`Roll::Keep`] takes deadlines as written.
    ///
    /// Moving needs a calendar: evaluating with [`Roll::Following`] and no calendar fails
    /// with [`ComplianceError::CalendarRequired`]. The other conventions of [`Roll`] are
    /// not a rule of Vietnamese law for deadlines, so evaluating with one fails with
    /// [`ComplianceError::UnsupportedRestDayShift`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::Roll;
    /// use directives::compliance::EvaluationPolicy;
    ///
    /// let policy = EvaluationPolicy::without_calendar().with_rest_day_shift(Roll::Following);
    /// assert_eq!(policy.rest_day_shift(), Roll::Following);
    /// ```
    #[must_use]
    pub fn with_rest_day_shift(mut self, shift: Roll) -> EvaluationPolicy {
        self.rest_day_shift = shift;
        self
    }

    /// The same policy with this due-soon threshold: an open obligation whose deadline is
    /// at most this many days after the as-of date is flagged due soon.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EvaluationPolicy;
    ///
    /// assert_eq!(EvaluationPolicy::without_calendar().with_due_soon_days(7).due_soon_days(), 7);
    /// ```
    #[must_use]
    pub fn with_due_soon_days(mut self, days: u32) -> EvaluationPolicy {
        self.due_soon_days = days;
        self
    }

    /// The same policy with this bound on early events: a submission, completion or
    /// indicator value dated more than `days` days before the first day of its obligation's
    /// period is taken for a mistyped date, left out of the decision and reported
    /// ([`Diagnostic::LongBeforePeriod`](super::Diagnostic::LongBeforePeriod); the
    /// [`Tracker`](super::Tracker) refuses it). `None` accepts any date. Extensions and
    /// waivers are not bounded: they may be decided in advance.
    ///
    /// The default is 31 days, an assumption (the fact `event.long-before-period` in
    /// [`facts`](super::facts)): no text says how early a report may be sent, but Decree
    /// 09/2019/NĐ-CP art. 12 opens the widest data cut-off window of a periodic report on
    /// the 15th of the month before the period, at most 17 days before its first day, so a
    /// report dated earlier than that would describe figures that did not yet exist; 31
    /// days leaves two weeks beyond it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EvaluationPolicy;
    ///
    /// assert_eq!(EvaluationPolicy::without_calendar().early_event_days(), Some(31));
    /// let any_date = EvaluationPolicy::without_calendar().with_early_event_days(None);
    /// assert_eq!(any_date.early_event_days(), None);
    /// ```
    #[must_use]
    pub fn with_early_event_days(mut self, days: Option<u32>) -> EvaluationPolicy {
        self.early_event_days = days;
        self
    }

    /// How many days before its period's first day a submission, completion or indicator
    /// value may be dated (`None`: any date); see
    /// [`EvaluationPolicy::with_early_event_days`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EvaluationPolicy;
    ///
    /// assert_eq!(EvaluationPolicy::without_calendar().with_early_event_days(Some(60)).early_event_days(), Some(60));
    /// ```
    #[must_use]
    pub fn early_event_days(&self) -> Option<u32> {
        self.early_event_days
    }

    /// The grace days after each deadline.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EvaluationPolicy;
    ///
    /// assert_eq!(EvaluationPolicy::without_calendar().grace_days(), 0);
    /// ```
    #[must_use]
    pub fn grace_days(&self) -> u32 {
        self.grace_days
    }

    /// The rule for late extensions.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, LateExtensions};
    ///
    /// assert_eq!(EvaluationPolicy::without_calendar().late_extensions(), LateExtensions::Ignore);
    /// ```
    #[must_use]
    pub fn late_extensions(&self) -> LateExtensions {
        self.late_extensions
    }

    /// Whether the rest-day shift applies.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::Roll;
    /// use directives::compliance::EvaluationPolicy;
    ///
    /// assert_eq!(EvaluationPolicy::without_calendar().rest_day_shift(), Roll::Keep);
    /// ```
    #[must_use]
    pub fn rest_day_shift(&self) -> Roll {
        self.rest_day_shift
    }

    /// The due-soon threshold in days.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EvaluationPolicy;
    ///
    /// assert_eq!(EvaluationPolicy::without_calendar().due_soon_days(), 3);
    /// ```
    #[must_use]
    pub fn due_soon_days(&self) -> u32 {
        self.due_soon_days
    }

    /// The calendar, if the policy has one.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EvaluationPolicy;
    ///
    /// assert!(EvaluationPolicy::without_calendar().calendar().is_none());
    /// ```
    #[must_use]
    pub fn calendar(&self) -> Option<&WorkCalendar> {
        self.calendar.as_deref()
    }

    /// The grace days as a day-number offset.
    pub(crate) fn grace(&self) -> i32 {
        i32::try_from(self.grace_days).unwrap_or(i32::MAX / 4)
    }

    /// Checks that an evaluation as of `as_of` can run under this policy.
    pub(crate) fn check(&self, as_of: NaiveDate) -> Result<(), ComplianceError> {
        self.check_shift()?;
        if let Some(calendar) = self.calendar.as_deref() {
            check_in_range(calendar, as_of)?;
        }
        Ok(())
    }

    /// Checks that the rest-day shift can be applied: it keeps deadlines, or moves them to
    /// the next working day of a calendar the policy has.
    pub(crate) fn check_shift(&self) -> Result<(), ComplianceError> {
        match self.rest_day_shift {
            Roll::Keep => Ok(()),
            Roll::Following if self.calendar.is_none() => Err(ComplianceError::CalendarRequired),
            Roll::Following => Ok(()),
            roll => Err(ComplianceError::UnsupportedRestDayShift { roll }),
        }
    }

    /// The deadline a due day becomes under the rest-day shift (the day itself when the
    /// shift does not apply): the first working day on or after it.
    pub(crate) fn shift_day(&self, day: i32) -> Result<i32, ComplianceError> {
        if self.rest_day_shift == Roll::Keep {
            return Ok(day);
        }
        let calendar = self
            .calendar
            .as_deref()
            .ok_or(ComplianceError::CalendarRequired)?;
        let date = from_day_number(day).ok_or(ComplianceError::DateOutOfRange)?;
        let shifted = calendar
            .roll(date, Roll::Following)
            .map_err(|e| outside(calendar, date, e))?;
        Ok(day + day_offset(date, shifted))
    }

    /// The working days in `(from, to]`, when the policy has a calendar covering them and
    /// `from < to`. Constant time: two table look-ups in the calendar.
    pub(crate) fn working_days_between(&self, from: i32, to: i32) -> Option<u32> {
        let calendar = self.calendar.as_deref()?;
        if from >= to {
            return None;
        }
        let after = from_day_number(from + 1)?;
        let to_date = from_day_number(to)?;
        // `[from + 1, to)` plus `to` itself.
        let before_to = calendar.working_days_between(after, to_date).ok()?;
        let last = i64::from(calendar.is_working_day(to_date).ok()?);
        u32::try_from(before_to + last).ok()
    }
}

/// The number of days from `a` to `b`, as a day-number offset.
fn day_offset(a: NaiveDate, b: NaiveDate) -> i32 {
    i32::try_from((b - a).num_days()).unwrap_or(i32::MAX / 4)
}

/// The evaluation's error for a calendar query about `date` that failed: the date, or the
/// working day the query looked for, is outside the calendar's range (the only errors the
/// queries it makes return).
fn outside(calendar: &WorkCalendar, date: NaiveDate, _: CalendarError) -> ComplianceError {
    ComplianceError::OutsideCalendar {
        date,
        first: calendar.first(),
        last: calendar.last(),
    }
}

/// Whether `date` is a working day in `calendar`.
pub(crate) fn is_working(
    calendar: &WorkCalendar,
    date: NaiveDate,
) -> Result<bool, ComplianceError> {
    calendar
        .is_working_day(date)
        .map_err(|e| outside(calendar, date, e))
}

/// Checks that a calendar covers a date.
fn check_in_range(calendar: &WorkCalendar, date: NaiveDate) -> Result<(), ComplianceError> {
    if date < calendar.first() || date > calendar.last() {
        return Err(ComplianceError::OutsideCalendar {
            date,
            first: calendar.first(),
            last: calendar.last(),
        });
    }
    Ok(())
}
