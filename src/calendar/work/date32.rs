//! Working-day queries over columns of dates, each date an `i32` count of days since
//! 1970-01-01 (Arrow's `Date32`, chrono's [`NaiveDate::to_epoch_days`](chrono::NaiveDate::to_epoch_days)).
//!
//! Each query reads the calendar's day-number tables (INVARIANT (date32)) in one loop
//! without branches: an index outside the range is clamped to the range, its answer is
//! thrown away, and a flag records that it happened. Only when the flag is set does a
//! second pass look for the first row at fault, so a column in range costs one pass.

use super::WorkCalendar;
use crate::calendar::CalendarError;

/// The position of day number `day` in the day-number tables of a calendar whose first day
/// is `origin`: a day before the range wraps to a position far past the end, so one
/// comparison checks both ends.
#[inline]
fn position(day: i32, origin: i32) -> u32 {
    #[allow(clippy::cast_sign_loss, reason = "wrapping is the range check")]
    let p = day.wrapping_sub(origin) as u32;
    p
}

/// Checks that the columns `others` have as many rows as `first`.
fn same_lengths(
    first: (&'static str, usize),
    others: &[(&'static str, usize)],
) -> Result<(), CalendarError> {
    match others.iter().find(|(_, len)| *len != first.1) {
        Some(&(column, len)) => Err(CalendarError::ColumnLengths {
            column,
            len,
            of: first.0,
            expected: first.1,
        }),
        None => Ok(()),
    }
}

impl WorkCalendar {
    /// The number of days of the range, and so of day positions (INVARIANT (date32)).
    #[inline]
    fn date32_days(&self) -> u32 {
        u32::try_from(self.before_date32.len().saturating_sub(1)).unwrap_or(u32::MAX)
    }

    #[cold]
    #[inline(never)]
    fn row_out_of_range(&self, row: usize, day: i32) -> CalendarError {
        CalendarError::RowOutOfRange {
            row,
            day,
            first: self.first,
            last: self.last,
        }
    }

    /// One row of [`add_working_days_date32`](WorkCalendar::add_working_days_date32),
    /// checked: the reference the loop must agree with, and the search for the first row
    /// at fault once the loop has seen one.
    fn add_working_days_row(&self, row: usize, day: i32, days: i32) -> Result<i32, CalendarError> {
        let p = position(day, self.day_origin);
        if p >= self.date32_days() {
            return Err(self.row_out_of_range(row, day));
        }
        let forward = days > 0;
        let p = usize::try_from(p).unwrap_or(usize::MAX);
        let count = match days.signum() {
            0 => return Ok(day),
            1 => self.before_date32.get(p + 1),
            _ => self.before_date32.get(p),
        };
        count
            .and_then(|&c| {
                let k = i64::from(c) + i64::from(days) - i64::from(forward);
                self.working_date32.get(usize::try_from(k).ok()?)
            })
            .copied()
            .ok_or(CalendarError::RowMovesOutOfRange {
                row,
                day,
                days,
                first: self.first,
                last: self.last,
            })
    }

    /// [`working_days_between`](WorkCalendar::working_days_between) over columns: for each
    /// row `i`, `out[i]` is the number of working days in `[from[i], to[i])`, negative
    /// when `to[i]` comes before `from[i]`. Dates are `i32` days since 1970-01-01 (Arrow's
    /// `Date32`; chrono's [`NaiveDate::to_epoch_days`](chrono::NaiveDate::to_epoch_days) and [`NaiveDate::from_epoch_days`](chrono::NaiveDate::from_epoch_days)
    /// convert).
    ///
    /// The loop has no branch per row: it is two loads from a table of `u32` counts (one
    /// per day of the range) and a subtraction, so it streams the columns at a few
    /// hundred million rows a second. Built for a CPU with vector gathers (x86-64 with
    /// AVX2, e.g. `RUSTFLAGS="-C target-cpu=x86-64-v3"`), the compiler vectorises it.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::ColumnLengths`] when `to` or `out` has not as many rows as
    ///   `from`; nothing is written;
    /// - [`CalendarError::RowOutOfRange`] naming the first row (by position, and its day)
    ///   whose `from` or `to` is outside the calendar's range. Then `out` holds the
    ///   answers of the rows in range and unspecified numbers in the others: do not read
    ///   it.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{CalendarError, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map(|d| d.to_epoch_days()).ok_or("bad date");
    /// let from = [day(2025, 1, 20)?, day(2025, 2, 10)?, day(2024, 2, 1)?];
    /// let to = [day(2025, 2, 10)?, day(2025, 1, 20)?, day(2024, 3, 1)?];
    /// let mut out = [0; 3];
    /// cal.working_days_between_date32(&from, &to, &mut out)?;
    /// assert_eq!(out, [10, -10, 16]); // Tết 2025 is Jan 25 – Feb 2, Tết 2024 Feb 8–14
    ///
    /// let far = day(2150, 1, 1)?;
    /// let err = cal.working_days_between_date32(&from, &[to[0], far, to[2]], &mut out).unwrap_err();
    /// assert!(matches!(err, CalendarError::RowOutOfRange { row: 1, .. }));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "row `1`: day `65744` (2150-01-01) is outside the calendar range `1990-01-01..=2100-12-31`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn working_days_between_date32(
        &self,
        from: &[i32],
        to: &[i32],
        out: &mut [i32],
    ) -> Result<(), CalendarError> {
        same_lengths(
            ("from", from.len()),
            &[("to", to.len()), ("out", out.len())],
        )?;
        let table = self.before_date32.as_slice();
        let origin = self.day_origin;
        // INVARIANT (date32): the table has one entry per day plus one, so its last index
        // is the number of days, and a position clamped to it is in the table (which the
        // compiler sees, so the loads are not checked).
        let Some(days) = table.len().checked_sub(1) else {
            return self.working_days_between_rows(from, to);
        };
        let mut outside = false;
        for ((o, &a), &b) in out.iter_mut().zip(from).zip(to) {
            let (pa, pb) = (position(a, origin) as usize, position(b, origin) as usize);
            outside |= (pa >= days) | (pb >= days);
            let ca = table.get(pa.min(days)).copied().unwrap_or_default();
            let cb = table.get(pb.min(days)).copied().unwrap_or_default();
            // Both counts are below 2^31, so the wrapped difference is the signed one.
            #[allow(clippy::cast_possible_wrap, reason = "the difference is below 2^31")]
            let n = cb.wrapping_sub(ca) as i32;
            *o = n;
        }
        if outside {
            return self.working_days_between_rows(from, to);
        }
        Ok(())
    }

    /// The error of [`working_days_between_date32`](WorkCalendar::working_days_between_date32)
    /// for the first row at fault, once its loop has seen one.
    #[cold]
    #[inline(never)]
    fn working_days_between_rows(&self, from: &[i32], to: &[i32]) -> Result<(), CalendarError> {
        let days = self.date32_days();
        for (row, (&a, &b)) in from.iter().zip(to).enumerate() {
            for day in [a, b] {
                if position(day, self.day_origin) >= days {
                    return Err(self.row_out_of_range(row, day));
                }
            }
        }
        Ok(())
    }

    /// [`add_working_days`](WorkCalendar::add_working_days) over columns: for each row
    /// `i`, `out[i]` is the day `days[i]` working days from `dates[i]`, with the same
    /// meaning as the single query (for `days > 0` the `days`-th working day strictly
    /// after the date, for `days < 0` strictly before it, for `0` the date itself). Dates
    /// are `i32` days since 1970-01-01 (Arrow's `Date32`; chrono's
    /// [`NaiveDate::to_epoch_days`](chrono::NaiveDate::to_epoch_days) and [`NaiveDate::from_epoch_days`](chrono::NaiveDate::from_epoch_days) convert).
    ///
    /// The loop has no branch per row: a load from a table of `u32` counts (one per day
    /// of the range) and a load from the list of working days. Built for a CPU with
    /// vector gathers (x86-64 with AVX2, e.g. `RUSTFLAGS="-C target-cpu=x86-64-v3"`), the
    /// compiler vectorises it.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::ColumnLengths`] when `days` or `out` has not as many rows as
    ///   `dates`; nothing is written;
    /// - for the first row at fault (by position), [`CalendarError::RowOutOfRange`] when
    ///   its date is outside the calendar's range, or [`CalendarError::RowMovesOutOfRange`]
    ///   when the day it moves to is. Then `out` holds the answers of the good rows and
    ///   unspecified days in the others: do not read it.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{CalendarError, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map(|d| d.to_epoch_days()).ok_or("bad date");
    /// let dates = [day(2024, 3, 2)?, day(2024, 3, 2)?, day(2024, 2, 7)?, day(2024, 3, 2)?];
    /// let mut out = [0; 4];
    /// cal.add_working_days_date32(&dates, &[1, -1, 1, 0], &mut out)?;
    /// // Sat + 1 = Mon, Sat - 1 = Fri, across Tết 2024, and a Saturday kept.
    /// assert_eq!(out, [day(2024, 3, 4)?, day(2024, 3, 1)?, day(2024, 2, 15)?, day(2024, 3, 2)?]);
    /// assert_eq!(NaiveDate::from_epoch_days(out[2]), NaiveDate::from_ymd_opt(2024, 2, 15));
    ///
    /// let err = cal.add_working_days_date32(&[day(2100, 12, 30)?], &[5], &mut out[..1]).unwrap_err();
    /// assert!(matches!(err, CalendarError::RowMovesOutOfRange { row: 0, days: 5, .. }));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "row `0`: moving `5` working days from `2100-12-30` leaves the calendar range `1990-01-01..=2100-12-31`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_working_days_date32(
        &self,
        dates: &[i32],
        days: &[i32],
        out: &mut [i32],
    ) -> Result<(), CalendarError> {
        same_lengths(
            ("dates", dates.len()),
            &[("days", days.len()), ("out", out.len())],
        )?;
        let table = self.before_date32.as_slice();
        let working = self.working_date32.as_slice();
        let origin = self.day_origin;
        // INVARIANT (date32): the table has one entry per day plus one, so without its
        // last entry it holds the count before each day, and without its first the count
        // through each day: two columns of one length, in which a position clamped to the
        // last day is in range, as is an index clamped to the last working day in the
        // list (which the compiler sees, so the loads are not checked). A calendar without
        // a working day answers every row by the checked path.
        let (Some((_, through)), Some((_, before))) = (table.split_first(), table.split_last())
        else {
            return self.add_working_days_rows(dates, days, out);
        };
        let (Some(last_day), Some(last_working)) =
            (before.len().checked_sub(1), working.len().checked_sub(1))
        else {
            return self.add_working_days_rows(dates, days, out);
        };
        let mut fault = false;
        for ((o, &day), &k) in out.iter_mut().zip(dates).zip(days) {
            let p = position(day, origin) as usize;
            // Forward, working days are counted after the day; backward, before it.
            let forward = k > 0;
            let counts = if forward { through } else { before };
            let count = counts.get(p.min(last_day)).copied().unwrap_or_default();
            // The true index `count + k - forward` lies in `-2^31..2^32`; taken modulo
            // 2^32, a negative one lands above 2^31, past the end like any too large.
            #[allow(clippy::cast_sign_loss, reason = "wrapping is the range check")]
            let index = count
                .wrapping_add(k as u32)
                .wrapping_sub(u32::from(forward)) as usize;
            let moved = working
                .get(index.min(last_working))
                .copied()
                .unwrap_or_default();
            let stay = k == 0;
            fault |= (p > last_day) | (!stay & (index > last_working));
            *o = if stay { day } else { moved };
        }
        if fault {
            return self.add_working_days_rows(dates, days, out);
        }
        Ok(())
    }

    /// [`add_working_days_date32`](WorkCalendar::add_working_days_date32) row by row,
    /// stopping at the first row at fault.
    #[cold]
    #[inline(never)]
    fn add_working_days_rows(
        &self,
        dates: &[i32],
        days: &[i32],
        out: &mut [i32],
    ) -> Result<(), CalendarError> {
        for (row, ((o, &day), &k)) in out.iter_mut().zip(dates).zip(days).enumerate() {
            *o = self.add_working_days_row(row, day, k)?;
        }
        Ok(())
    }
}
