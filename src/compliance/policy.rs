//! The evaluation policy and the working-day calendar it may need.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use super::ComplianceError;
use crate::obligation::{day_number, from_day_number};

/// Which days are working days, over a range of dates.
///
/// The evaluator needs it for the rest-day shift (Civil Code 2015 art. 148.5: a term whose
/// last day is a rest day ends at the end of the next working day) and to count lateness
/// in working days. The [`calendar`](crate::calendar) module's
/// [`WorkCalendar`](crate::calendar::WorkCalendar) implements it with Vietnam's holidays;
/// [`BasicCalendar`] is a small one with Saturdays, Sundays and listed days off.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{BasicCalendar, WorkingDays};
///
/// let calendar = BasicCalendar::new(
///     NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?,
///     NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?,
/// )?;
/// assert!(!calendar.is_working_day(NaiveDate::from_ymd_opt(2025, 1, 4).ok_or("date")?)); // Saturday
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait WorkingDays {
    /// The first date the calendar covers.
    fn first_day(&self) -> NaiveDate;
    /// The last date the calendar covers.
    fn last_day(&self) -> NaiveDate;
    /// Whether `date` is a working day (answers for dates outside the range are unspecified).
    fn is_working_day(&self, date: NaiveDate) -> bool;
}

/// A working-day calendar with Saturdays and Sundays off, plus listed days off, over a
/// range of dates.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{BasicCalendar, WorkingDays};
///
/// let national_day = NaiveDate::from_ymd_opt(2025, 9, 2).ok_or("date")?;
/// let calendar = BasicCalendar::new(
///     NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?,
///     NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?,
/// )?
/// .with_day_off(national_day);
/// assert!(!calendar.is_working_day(national_day));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicCalendar {
    // INVARIANT (range): `first <= last`; upheld by `new`.
    first: NaiveDate,
    last: NaiveDate,
    days_off: BTreeSet<NaiveDate>,
}

impl BasicCalendar {
    /// A calendar from `first` to `last` inclusive, with Saturdays and Sundays off.
    ///
    /// # Errors
    ///
    /// [`ComplianceError::EmptyCalendar`] when `last` is before `first`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::BasicCalendar;
    ///
    /// let a = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    /// let b = NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?;
    /// assert!(BasicCalendar::new(a, b).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(first: NaiveDate, last: NaiveDate) -> Result<BasicCalendar, ComplianceError> {
        if last < first {
            return Err(ComplianceError::EmptyCalendar { first, last });
        }
        Ok(BasicCalendar {
            first,
            last,
            days_off: BTreeSet::new(),
        })
    }

    /// The same calendar with one more day off.
    ///
    /// # Example
    ///
    /// See [`BasicCalendar`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{BasicCalendar, WorkingDays};
    ///
    /// let day = NaiveDate::from_ymd_opt(2025, 4, 30).ok_or("date")?;
    /// let calendar = BasicCalendar::new(day, day)?.with_day_off(day);
    /// assert!(!calendar.is_working_day(day));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_day_off(mut self, date: NaiveDate) -> BasicCalendar {
        self.days_off.insert(date);
        self
    }
}

impl WorkingDays for BasicCalendar {
    fn first_day(&self) -> NaiveDate {
        self.first
    }

    fn last_day(&self) -> NaiveDate {
        self.last
    }

    fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.days_off.contains(&date)
    }
}

/// The Vietnamese working-day calendar: working days as [`WorkCalendar`] defines them
/// (week mask, holidays, compensatory days, yearly schedules) over its years.
///
/// [`WorkCalendar`]: crate::calendar::WorkCalendar
impl WorkingDays for crate::calendar::WorkCalendar {
    fn first_day(&self) -> NaiveDate {
        self.first()
    }

    fn last_day(&self) -> NaiveDate {
        self.last()
    }

    fn is_working_day(&self, date: NaiveDate) -> bool {
        // Outside the range the answer is unspecified; evaluation checks the range first.
        crate::calendar::WorkCalendar::is_working_day(self, date).unwrap_or(false)
    }
}

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

/// Whether a deadline that falls on a rest day moves to the next working day.
///
/// # Example
///
/// ```
/// use directives::compliance::RestDayShift;
///
/// assert_ne!(RestDayShift::Apply, RestDayShift::Ignore);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RestDayShift {
    /// Civil Code 2015 art. 148.5: a term whose last day is a rest day ends at the end of
    /// the next working day. Needs a [`WorkingDays`] calendar.
    Apply,
    /// Deadlines are taken as written.
    Ignore,
}

/// How an evaluation judges deadlines: grace days, late extensions, the rest-day shift and
/// the due-soon threshold, plus the working-day calendar the shift needs.
///
/// [`EvaluationPolicy::new`] gives the default, which applies the rest-day shift and so
/// takes a calendar; [`EvaluationPolicy::without_calendar`] takes deadlines as written and
/// counts lateness in calendar days only.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{BasicCalendar, EvaluationPolicy, LateExtensions, RestDayShift};
///
/// let calendar = BasicCalendar::new(
///     NaiveDate::from_ymd_opt(2020, 1, 1).ok_or("date")?,
///     NaiveDate::from_ymd_opt(2030, 12, 31).ok_or("date")?,
/// )?;
/// let policy = EvaluationPolicy::new(&calendar)
///     .with_grace_days(2)
///     .with_late_extensions(LateExtensions::Accept);
/// assert_eq!(policy.grace_days(), 2);
/// assert_eq!(policy.rest_day_shift(), RestDayShift::Apply);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct EvaluationPolicy<'c> {
    grace_days: u32,
    late_extensions: LateExtensions,
    rest_day_shift: RestDayShift,
    due_soon_days: u32,
    calendar: Option<&'c dyn WorkingDays>,
}

impl fmt::Debug for EvaluationPolicy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EvaluationPolicy")
            .field("grace_days", &self.grace_days)
            .field("late_extensions", &self.late_extensions)
            .field("rest_day_shift", &self.rest_day_shift)
            .field("due_soon_days", &self.due_soon_days)
            .field(
                "calendar",
                &self.calendar.map(|c| (c.first_day(), c.last_day())),
            )
            .finish()
    }
}

/// The default due-soon threshold, in calendar days.
const DEFAULT_DUE_SOON_DAYS: u32 = 3;

impl<'c> EvaluationPolicy<'c> {
    /// The default policy over this calendar: no grace days, late extensions ignored, the
    /// rest-day shift applied, due soon within 3 days.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{BasicCalendar, EvaluationPolicy, LateExtensions};
    ///
    /// let calendar = BasicCalendar::new(
    ///     NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?,
    ///     NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?,
    /// )?;
    /// let policy = EvaluationPolicy::new(&calendar);
    /// assert_eq!(policy.late_extensions(), LateExtensions::Ignore);
    /// assert_eq!(policy.due_soon_days(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(calendar: &'c dyn WorkingDays) -> EvaluationPolicy<'c> {
        EvaluationPolicy {
            grace_days: 0,
            late_extensions: LateExtensions::Ignore,
            rest_day_shift: RestDayShift::Apply,
            due_soon_days: DEFAULT_DUE_SOON_DAYS,
            calendar: Some(calendar),
        }
    }

    /// The default policy without a calendar: deadlines are taken as written (no rest-day
    /// shift) and lateness is counted in calendar days only.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, RestDayShift};
    ///
    /// let policy = EvaluationPolicy::without_calendar();
    /// assert_eq!(policy.rest_day_shift(), RestDayShift::Ignore);
    /// ```
    pub fn without_calendar() -> EvaluationPolicy<'static> {
        EvaluationPolicy {
            grace_days: 0,
            late_extensions: LateExtensions::Ignore,
            rest_day_shift: RestDayShift::Ignore,
            due_soon_days: DEFAULT_DUE_SOON_DAYS,
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
    pub fn with_grace_days(mut self, days: u32) -> EvaluationPolicy<'c> {
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
    pub fn with_late_extensions(mut self, rule: LateExtensions) -> EvaluationPolicy<'c> {
        self.late_extensions = rule;
        self
    }

    /// The same policy with the rest-day shift applied or not.
    ///
    /// Applying it needs a calendar: evaluating with [`RestDayShift::Apply`] and no calendar
    /// fails with [`ComplianceError::CalendarRequired`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, RestDayShift};
    ///
    /// let policy = EvaluationPolicy::without_calendar().with_rest_day_shift(RestDayShift::Apply);
    /// assert_eq!(policy.rest_day_shift(), RestDayShift::Apply);
    /// ```
    #[must_use]
    pub fn with_rest_day_shift(mut self, shift: RestDayShift) -> EvaluationPolicy<'c> {
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
    pub fn with_due_soon_days(mut self, days: u32) -> EvaluationPolicy<'c> {
        self.due_soon_days = days;
        self
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
    pub fn late_extensions(&self) -> LateExtensions {
        self.late_extensions
    }

    /// Whether the rest-day shift applies.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, RestDayShift};
    ///
    /// assert_eq!(EvaluationPolicy::without_calendar().rest_day_shift(), RestDayShift::Ignore);
    /// ```
    pub fn rest_day_shift(&self) -> RestDayShift {
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
    pub fn calendar(&self) -> Option<&'c dyn WorkingDays> {
        self.calendar
    }

    /// The grace days as a day-number offset.
    pub(crate) fn grace(&self) -> i32 {
        i32::try_from(self.grace_days).unwrap_or(i32::MAX / 4)
    }

    /// Checks that an evaluation as of `as_of` can run under this policy.
    pub(crate) fn check(&self, as_of: NaiveDate) -> Result<(), ComplianceError> {
        if self.rest_day_shift == RestDayShift::Apply && self.calendar.is_none() {
            return Err(ComplianceError::CalendarRequired);
        }
        if let Some(calendar) = self.calendar {
            check_in_range(calendar, as_of)?;
        }
        Ok(())
    }

    /// The deadline a due day becomes under the rest-day shift (the day itself when the
    /// shift does not apply).
    pub(crate) fn shift_day(&self, day: i32) -> Result<i32, ComplianceError> {
        if self.rest_day_shift == RestDayShift::Ignore {
            return Ok(day);
        }
        let calendar = self.calendar.ok_or(ComplianceError::CalendarRequired)?;
        let last = day_number(calendar.last_day());
        let mut d = day;
        loop {
            let date = from_day_number(d).ok_or(ComplianceError::DateOutOfRange)?;
            check_in_range(calendar, date)?;
            if calendar.is_working_day(date) {
                return Ok(d);
            }
            if d >= last {
                return Err(ComplianceError::OutsideCalendar {
                    date,
                    first: calendar.first_day(),
                    last: calendar.last_day(),
                });
            }
            d += 1;
        }
    }

    /// The working days in `(from, to]`, when the policy has a calendar covering them.
    pub(crate) fn working_days_between(&self, from: i32, to: i32) -> Option<u32> {
        let calendar = self.calendar?;
        let first = day_number(calendar.first_day());
        let last = day_number(calendar.last_day());
        if from + 1 < first || to > last {
            return None;
        }
        let mut count = 0u32;
        for d in (from + 1)..=to {
            if calendar.is_working_day(from_day_number(d)?) {
                count += 1;
            }
        }
        Some(count)
    }
}

/// Checks that a calendar covers a date.
fn check_in_range(calendar: &dyn WorkingDays, date: NaiveDate) -> Result<(), ComplianceError> {
    if date < calendar.first_day() || date > calendar.last_day() {
        return Err(ComplianceError::OutsideCalendar {
            date,
            first: calendar.first_day(),
            last: calendar.last_day(),
        });
    }
    Ok(())
}
