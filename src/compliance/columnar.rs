//! The columnar path: stable numeric encodings, the status kernel over plain slices and
//! the per-obligation event fold, for a query engine (DataFusion, Spark, Polars) that
//! runs the evaluation over Arrow columns past one machine.
//!
//! # Encodings
//!
//! They never change; a new value takes a new code.
//!
//! | what | encoding |
//! |---|---|
//! | a date | `i32` days since 1970-01-01 (Arrow `Date32`): [`date32`], [`from_date32`] |
//! | no event | [`NO_EVENT`] (`i32::MAX`) in a first-event column (an engine fills its nulls with it) |
//! | a status | `u8` [`Status::code`]: 0 done on time, 1 done late, 2 open within the deadline, 3 open and overdue, 4 waived, 5 not applicable, in the order of [`Status::ALL`] |
//! | an event kind | `u8` [`event_code`]: 0 submitted, 1 completed, 2 indicator value, 3 extended, 4 waived, 5 reopened |
//! | a period | (kind, start): [`period_code`], the kind's code and its first day as `Date32` |
//! | a body, a directive, a period | a dictionary id (`u32`): the store's handles, with their tables (body codes, directive keys, periods) |
//! | flags | `u8`, bit 0 ([`FLAG_NOT_APPLICABLE`]): the obligation does not apply |
//!
//! # The kernel
//!
//! [`Kernel::run`] turns the deadlines in force (the due dates after extensions and the
//! rest-day shift), the dates of the first qualifying events and the flags into status
//! codes and calendar days late. [`evaluate`](super::evaluate) decides every obligation
//! on its fast path (no extension, waiver or reopening) by the same rule, row by row.
//!
//! # The fold
//!
//! [`EventFold`] gathers the events of one obligation in any order and in any number of
//! pieces ([`EventFold::merge`]), so an engine runs it as an aggregate across partitions,
//! then [`EventFold::finish`] decides as [`evaluate`](super::evaluate) does.
//! Submissions, completions and indicator values (the earliest), waivers (the earliest)
//! and reopenings (the latest) merge associatively and commutatively with one value each;
//! extensions merge as a set (their order of application is decided in `finish`, by grant
//! date), so they cost one entry each. A reopening voids the events dated before it, which
//! a fold cannot undo once it has dropped them: an engine first takes the latest reopening
//! of each obligation (a `max` aggregate) and gives it to [`EventFold::new`].

use chrono::NaiveDate;

use super::ComplianceError;
use super::evaluate::{Rec, decide};
use super::event::{
    EventKind, TAG_COMPLETED, TAG_EXTENDED, TAG_INDICATOR, TAG_REOPENED, TAG_SUBMITTED, TAG_WAIVED,
    is_qualifying,
};
use super::finding::Status;
use super::policy::EvaluationPolicy;
use crate::obligation::day_number;
use crate::period::{Frequency, Period};

/// The day number of 1970-01-01 in the store's columns (days from 0001-01-01, day 1).
const UNIX_EPOCH_DAY: i32 = 719_163;

/// "No qualifying event" in a first-event column: later than any date.
pub const NO_EVENT: i32 = i32::MAX;

/// Bit 0 of an obligation's flags: it does not apply.
pub const FLAG_NOT_APPLICABLE: u8 = 1;

/// A date as days since 1970-01-01 (Arrow `Date32`).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::columnar::{date32, from_date32};
///
/// let day = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
/// assert_eq!(date32(day), 20_453);
/// assert_eq!(from_date32(20_453), Some(day));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn date32(date: NaiveDate) -> i32 {
    day_number(date) - UNIX_EPOCH_DAY
}

/// The date of a `Date32` value, when it is in chrono's range.
///
/// # Example
///
/// ```
/// use directives::compliance::columnar::from_date32;
///
/// assert_eq!(from_date32(0).map(|d| d.to_string()).as_deref(), Some("1970-01-01"));
/// assert_eq!(from_date32(i32::MAX), None);
/// ```
#[must_use]
pub fn from_date32(days: i32) -> Option<NaiveDate> {
    crate::obligation::from_day_number(days.checked_add(UNIX_EPOCH_DAY)?)
}

/// The stable code of an event kind: 0 submitted, 1 completed, 2 indicator value, 3
/// extended, 4 waived, 5 reopened.
///
/// # Example
///
/// ```
/// use directives::compliance::EventKind;
/// use directives::compliance::columnar::event_code;
///
/// assert_eq!(event_code(&EventKind::Submitted { document: None }), 0);
/// assert_eq!(event_code(&EventKind::Reopened), 5);
/// ```
#[must_use]
pub fn event_code(kind: &EventKind) -> u8 {
    kind.tag()
}

/// A period as (kind, start): the kind's stable code (0 month, 1 quarter, 2 half year, 3
/// nine months, 4 year, 5 custom range) and its first day as `Date32`. A custom range's
/// end is not in the pair: it stays in the periods' dictionary table
/// ([`Obligations::period_at`](crate::obligation::Obligations::period_at)).
///
/// # Example
///
/// ```
/// use directives::compliance::columnar::period_code;
/// use directives::period::Period;
///
/// assert_eq!(period_code(Period::month(1970, 2)?), (0, 31));
/// assert_eq!(period_code("2025-H2".parse::<Period>()?).0, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn period_code(period: Period) -> (u8, i32) {
    let kind = match period.frequency() {
        Some(Frequency::Monthly) => 0,
        Some(Frequency::Quarterly) => 1,
        Some(Frequency::HalfYearly) => 2,
        Some(Frequency::NineMonthly) => 3,
        Some(Frequency::Yearly) => 4,
        None => 5,
    };
    (kind, date32(period.start()))
}

/// The status of one obligation: `limit` is the deadline plus the grace days, `first` the
/// day of the earliest qualifying event when `has_first`. The one rule of [`Kernel::run`]
/// and of `evaluate`'s fast path, over any day type (`i32` where the days fit, so that a
/// loop over it runs on vector registers).
///
/// Written as selects, not branches: the statuses are unpredictable, so a branch would
/// mispredict about a third of the time, and selects let the loop run on vector registers.
#[inline]
pub(crate) fn status_of<T: PartialOrd>(
    limit: T,
    first: T,
    has_first: bool,
    not_applicable: bool,
    as_of: T,
) -> Status {
    let open = if limit < as_of {
        Status::OpenOverdue
    } else {
        Status::OpenWithinDeadline
    };
    let done = if first > limit {
        Status::DoneLate
    } else {
        Status::DoneOnTime
    };
    let status = if has_first { done } else { open };
    if not_applicable {
        Status::NotApplicable
    } else {
        status
    }
}

/// The status code of one obligation (see [`status_of`]).
#[inline]
pub(crate) fn status_code(
    limit: i64,
    first: i64,
    has_first: bool,
    not_applicable: bool,
    as_of: i64,
) -> u8 {
    status_of(limit, first, has_first, not_applicable, as_of).code()
}

/// Calendar days late for status `code`: from the limit (deadline plus grace days) to the
/// deciding event when done late, to the as-of day when open and overdue; else zero.
#[inline]
pub(crate) fn days_late(code: u8, limit: i64, first: i64, as_of: i64) -> u32 {
    let to = if code == Status::DoneLate.code() {
        first
    } else if code == Status::OpenOverdue.code() {
        as_of
    } else {
        return 0;
    };
    u32::try_from((to - limit).max(0)).unwrap_or(u32::MAX)
}

/// A column of the wrong length, or a fold that cannot finish.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ColumnarError {
    /// A column has a length other than the deadlines'.
    #[error("column {column} has {found} rows where the deadlines have {expected}")]
    Length {
        /// The column's name.
        column: &'static str,
        /// The number of deadlines.
        expected: usize,
        /// The column's length.
        found: usize,
    },
    /// The fold saw a reopening later than the one it was given, so events it dropped may
    /// have been voided: the first aggregate (the latest reopening) missed it.
    #[error("a reopening on {seen} (Date32) is later than the latest reopening given ({given:?})")]
    LaterReopening {
        /// The reopening seen, as `Date32`.
        seen: i32,
        /// The latest reopening given to [`EventFold::new`], as `Date32`.
        given: Option<i32>,
    },
    /// The evaluation cannot run (see [`ComplianceError`]).
    #[error(transparent)]
    Compliance(#[from] ComplianceError),
}

/// The status kernel: as-of date and grace days, applied to columns.
///
/// # Example
///
/// ```
/// use directives::compliance::Status;
/// use directives::compliance::columnar::{Kernel, NO_EVENT};
///
/// let kernel = Kernel::new(100);
/// let deadlines = [90, 90, 90, 120];
/// let first = [85, 95, NO_EVENT, NO_EVENT];
/// let (mut statuses, mut late) = ([0u8; 4], [0u32; 4]);
/// kernel.run(&deadlines, &first, &[0; 4], &mut statuses, &mut late)?;
/// assert_eq!(statuses, [0u8, 1, 3, 2]);
/// assert_eq!(Status::from_code(statuses[2]), Some(Status::OpenOverdue));
/// assert_eq!(late, [0, 5, 10, 0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kernel {
    as_of: i32,
    grace_days: u32,
}

impl Kernel {
    /// The kernel as of `as_of` (`Date32`), without grace days.
    ///
    /// # Example
    ///
    /// See [`Kernel`].
    ///
    /// ```
    /// use directives::compliance::columnar::Kernel;
    ///
    /// assert_eq!(Kernel::new(20_453).as_of(), 20_453);
    /// ```
    #[must_use]
    pub const fn new(as_of: i32) -> Kernel {
        Kernel {
            as_of,
            grace_days: 0,
        }
    }

    /// The same kernel with `days` of grace after each deadline
    /// ([`EvaluationPolicy::grace_days`]).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::columnar::Kernel;
    ///
    /// let (mut status, mut late) = ([0u8], [0u32]);
    /// Kernel::new(100).with_grace_days(3).run(&[90], &[92], &[0], &mut status, &mut late)?;
    /// assert_eq!((status, late), ([0], [0]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn with_grace_days(self, days: u32) -> Kernel {
        Kernel {
            grace_days: days,
            ..self
        }
    }

    /// The as-of date, as `Date32`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::columnar::Kernel;
    ///
    /// assert_eq!(Kernel::new(7).as_of(), 7);
    /// ```
    #[must_use]
    pub const fn as_of(&self) -> i32 {
        self.as_of
    }

    /// Writes the status code ([`Status::code`]) and the calendar days late of each
    /// obligation, from its deadline in force, the date of its first qualifying event
    /// known on the as-of date ([`NO_EVENT`] for none) and its flags.
    ///
    /// Obligations with an extension, a waiver or a reopening are decided by the
    /// [`EventFold`]; the deadline given here is the one in force.
    ///
    /// # Errors
    ///
    /// [`ColumnarError::Length`] when a column's length differs from the deadlines'.
    ///
    /// # Example
    ///
    /// See [`Kernel`].
    ///
    /// ```
    /// use directives::compliance::columnar::{ColumnarError, Kernel};
    ///
    /// let (mut status, mut late) = ([0u8; 2], [0u32; 2]);
    /// let result = Kernel::new(0).run(&[1, 2], &[0], &[0, 0], &mut status, &mut late);
    /// assert!(matches!(result, Err(ColumnarError::Length { column: "first_events", .. })));
    /// ```
    pub fn run(
        &self,
        deadlines: &[i32],
        first_events: &[i32],
        flags: &[u8],
        statuses: &mut [u8],
        lateness: &mut [u32],
    ) -> Result<(), ColumnarError> {
        let expected = deadlines.len();
        for (column, found) in [
            ("first_events", first_events.len()),
            ("flags", flags.len()),
            ("statuses", statuses.len()),
            ("lateness", lateness.len()),
        ] {
            if found != expected {
                return Err(ColumnarError::Length {
                    column,
                    expected,
                    found,
                });
            }
        }
        let as_of = i64::from(self.as_of);
        let grace = i64::from(self.grace_days);
        let rows = deadlines
            .iter()
            .zip(first_events)
            .zip(flags)
            .zip(statuses.iter_mut().zip(lateness.iter_mut()));
        for (((&deadline, &first), &flag), (status, late)) in rows {
            let limit = i64::from(deadline) + grace;
            let first = i64::from(first);
            let has_first = first != i64::from(NO_EVENT);
            let code = status_code(
                limit,
                first,
                has_first,
                flag & FLAG_NOT_APPLICABLE != 0,
                as_of,
            );
            *status = code;
            *late = days_late(code, limit, first, as_of);
        }
        Ok(())
    }
}

/// The events of one obligation, folded: the earliest qualifying event, the earliest
/// waiver, the latest reopening and the extensions, each with its row (the event's id,
/// which breaks ties: the lowest row decides).
///
/// # Example
///
/// ```
/// use directives::compliance::{EvaluationPolicy, Status};
/// use directives::compliance::columnar::{EventFold, SUBMITTED};
///
/// let policy = EvaluationPolicy::without_calendar();
/// let mut a = EventFold::new(None);
/// a.push(7, SUBMITTED, 95, 95);
/// let mut b = EventFold::new(None);
/// b.push(3, SUBMITTED, 88, 88);
/// a.merge(b);
/// let outcome = a.finish(90, false, 100, &policy)?;
/// assert_eq!(outcome.status(), Status::DoneOnTime);
/// assert_eq!(outcome.deciding(), Some((3, 88)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFold {
    /// Events dated before this day (the latest reopening, given) are voided.
    void_before: Option<i32>,
    /// The earliest qualifying event on or after `void_before`, as (day, row).
    qualifying: Option<(i32, u32)>,
    /// The earliest waiver on or after `void_before`, as (day, row).
    waiver: Option<(i32, u32)>,
    /// The latest reopening seen, as (day, row).
    reopened: Option<(i32, u32)>,
    /// Every extension seen, as (grant day, new due day, row).
    extensions: Vec<(i32, i32, u32)>,
}

/// The event code of a submission.
pub const SUBMITTED: u8 = TAG_SUBMITTED;
/// The event code of a completion.
pub const COMPLETED: u8 = TAG_COMPLETED;
/// The event code of an indicator value.
pub const INDICATOR_VALUE: u8 = TAG_INDICATOR;
/// The event code of an extension.
pub const EXTENDED: u8 = TAG_EXTENDED;
/// The event code of a waiver.
pub const WAIVED: u8 = TAG_WAIVED;
/// The event code of a reopening.
pub const REOPENED: u8 = TAG_REOPENED;

/// The earlier of two (day, row) pairs.
fn earliest(a: Option<(i32, u32)>, b: Option<(i32, u32)>) -> Option<(i32, u32)> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl EventFold {
    /// An empty fold; `latest_reopening` (`Date32`) is the latest reopening of the
    /// obligation known on the as-of date, when it has one: events dated before it are
    /// voided.
    ///
    /// # Example
    ///
    /// See [`EventFold`].
    ///
    /// ```
    /// use directives::compliance::columnar::EventFold;
    ///
    /// assert_eq!(EventFold::new(None), EventFold::default());
    /// ```
    #[must_use]
    pub fn new(latest_reopening: Option<i32>) -> EventFold {
        EventFold {
            void_before: latest_reopening,
            ..EventFold::default()
        }
    }

    /// Adds the event at `row` of kind `code` ([`event_code`]) dated `day`; `new_due` is an
    /// extension's new due date (ignored for other kinds). Days are `Date32`. The events
    /// are those known on the as-of date, without duplicates, unknown obligations or
    /// events the evaluation leaves out (dated before the directive's issue, or a
    /// qualifying event long before its period).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::columnar::{EventFold, EXTENDED};
    ///
    /// let mut fold = EventFold::new(None);
    /// fold.push(0, EXTENDED, 80, 120);
    /// assert_ne!(fold, EventFold::new(None));
    /// ```
    pub fn push(&mut self, row: u32, code: u8, day: i32, new_due: i32) {
        let voided = self.void_before.is_some_and(|from| day < from);
        match code {
            TAG_WAIVED if !voided => self.waiver = earliest(self.waiver, Some((day, row))),
            TAG_REOPENED => self.reopened = self.reopened.max(Some((day, row))),
            TAG_EXTENDED => self.extensions.push((day, new_due, row)),
            code if is_qualifying(code) && !voided => {
                self.qualifying = earliest(self.qualifying, Some((day, row)));
            }
            _ => {}
        }
    }

    /// Adds the events another fold of the same obligation gathered.
    ///
    /// # Example
    ///
    /// See [`EventFold`].
    ///
    /// ```
    /// use directives::compliance::columnar::{EventFold, WAIVED};
    ///
    /// let (mut a, mut b) = (EventFold::new(None), EventFold::new(None));
    /// b.push(1, WAIVED, 10, 10);
    /// a.merge(b.clone());
    /// assert_eq!(a, b);
    /// ```
    pub fn merge(&mut self, other: EventFold) {
        self.void_before = self.void_before.max(other.void_before);
        self.qualifying = earliest(self.qualifying, other.qualifying);
        self.waiver = earliest(self.waiver, other.waiver);
        self.reopened = self.reopened.max(other.reopened);
        self.extensions.extend(other.extensions);
    }

    /// Decides the obligation due on `due` (`Date32`) as of `as_of` under `policy`, as
    /// [`evaluate`](super::evaluate) does.
    ///
    /// # Errors
    ///
    /// - [`ColumnarError::LaterReopening`] when a reopening is later than the one given to
    ///   [`EventFold::new`];
    /// - [`ColumnarError::Compliance`] when a deadline is outside the policy's calendar.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, Status};
    /// use directives::compliance::columnar::{EventFold, REOPENED, SUBMITTED};
    ///
    /// let policy = EvaluationPolicy::without_calendar();
    /// let mut fold = EventFold::new(Some(95));
    /// fold.push(0, SUBMITTED, 85, 85);
    /// fold.push(1, REOPENED, 95, 95);
    /// assert_eq!(fold.finish(90, false, 100, &policy)?.status(), Status::OpenOverdue);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn finish(
        self,
        due: i32,
        not_applicable: bool,
        as_of: i32,
        policy: &EvaluationPolicy,
    ) -> Result<FoldOutcome, ColumnarError> {
        if let Some((seen, _)) = self.reopened
            && self.void_before.is_none_or(|given| seen > given)
        {
            return Err(ColumnarError::LaterReopening {
                seen,
                given: self.void_before,
            });
        }
        let day = |d: i32| d.saturating_add(UNIX_EPOCH_DAY);
        let mut recs: Vec<Rec> = self
            .extensions
            .iter()
            .map(|&(granted, new_due, row)| Rec {
                id: row,
                tag: TAG_EXTENDED,
                day: day(granted),
                new_due: day(new_due),
            })
            .collect();
        let single = |(d, row): (i32, u32), tag| Rec {
            id: row,
            tag,
            day: day(d),
            new_due: day(d),
        };
        recs.extend(self.qualifying.map(|q| single(q, TAG_SUBMITTED)));
        recs.extend(self.waiver.map(|w| single(w, TAG_WAIVED)));
        recs.extend(self.reopened.map(|r| single(r, TAG_REOPENED)));
        recs.sort_unstable_by_key(|r| (r.day, r.id));
        let decision = decide(
            day(due),
            not_applicable,
            &recs,
            day(as_of),
            policy,
            &mut Vec::new(),
        )?;
        let back = |d: i32| d - UNIX_EPOCH_DAY;
        Ok(FoldOutcome {
            status: decision.status,
            deadline: back(decision.deadline),
            deciding: decision.deciding.map(|(row, d)| (row, back(d))),
            extension: decision.extension,
        })
    }
}

/// What [`EventFold::finish`] decides for one obligation.
///
/// # Example
///
/// See [`EventFold`].
///
/// ```
/// use directives::compliance::{EvaluationPolicy, Status};
/// use directives::compliance::columnar::EventFold;
///
/// let outcome = EventFold::new(None).finish(90, false, 100, &EvaluationPolicy::without_calendar())?;
/// assert_eq!((outcome.status(), outcome.deadline(), outcome.deciding()), (Status::OpenOverdue, 90, None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldOutcome {
    status: Status,
    deadline: i32,
    deciding: Option<(u32, i32)>,
    extension: Option<u32>,
}

impl FoldOutcome {
    /// The status.
    ///
    /// # Example
    ///
    /// See [`EventFold`].
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, Status};
    /// use directives::compliance::columnar::EventFold;
    ///
    /// let outcome = EventFold::new(None).finish(90, true, 100, &EvaluationPolicy::without_calendar())?;
    /// assert_eq!(outcome.status(), Status::NotApplicable);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn status(&self) -> Status {
        self.status
    }

    /// The deadline in force (after extensions and the rest-day shift, before grace
    /// days), as `Date32`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EvaluationPolicy;
    /// use directives::compliance::columnar::{EventFold, EXTENDED};
    ///
    /// let mut fold = EventFold::new(None);
    /// fold.push(4, EXTENDED, 80, 120);
    /// let outcome = fold.finish(90, false, 100, &EvaluationPolicy::without_calendar())?;
    /// assert_eq!((outcome.deadline(), outcome.extension()), (120, Some(4)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn deadline(&self) -> i32 {
        self.deadline
    }

    /// The deciding event's row and day (`Date32`), when an event decided.
    ///
    /// # Example
    ///
    /// See [`EventFold`].
    ///
    /// ```
    /// use directives::compliance::EvaluationPolicy;
    /// use directives::compliance::columnar::EventFold;
    ///
    /// let outcome = EventFold::new(None).finish(90, false, 100, &EvaluationPolicy::without_calendar())?;
    /// assert_eq!(outcome.deciding(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn deciding(&self) -> Option<(u32, i32)> {
        self.deciding
    }

    /// The row of the extension in force, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EvaluationPolicy;
    /// use directives::compliance::columnar::EventFold;
    ///
    /// let outcome = EventFold::new(None).finish(90, false, 100, &EvaluationPolicy::without_calendar())?;
    /// assert_eq!(outcome.extension(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn extension(&self) -> Option<u32> {
        self.extension
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_are_pinned_in_order() {
        let codes: Vec<u8> = Status::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, [0, 1, 2, 3, 4, 5]);
        for status in Status::ALL {
            assert_eq!(Status::from_code(status.code()), Some(status));
        }
        let mut sorted = Status::ALL;
        sorted.sort();
        assert_eq!(sorted, Status::ALL);
        assert_eq!(Status::from_code(6), None);
        assert_eq!(Status::from_code(u8::MAX), None);
    }

    #[test]
    fn event_codes_are_pinned() {
        assert_eq!(
            [
                SUBMITTED,
                COMPLETED,
                INDICATOR_VALUE,
                EXTENDED,
                WAIVED,
                REOPENED
            ],
            [0, 1, 2, 3, 4, 5]
        );
    }

    #[test]
    fn date32_is_days_since_1970() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date32(day(1970, 1, 1)), 0);
        assert_eq!(date32(day(1969, 12, 31)), -1);
        assert_eq!(date32(day(2000, 3, 1)), 11_017);
        assert_eq!(from_date32(-719_162), Some(day(1, 1, 1)));
    }

    #[test]
    fn a_fold_given_an_earlier_reopening_refuses_to_finish() {
        let policy = EvaluationPolicy::without_calendar();
        let mut fold = EventFold::new(Some(10));
        fold.push(0, REOPENED, 20, 20);
        assert_eq!(
            fold.finish(30, false, 40, &policy),
            Err(ColumnarError::LaterReopening {
                seen: 20,
                given: Some(10)
            })
        );
    }
}
