//! The Vietnamese civil calendar: lunar dates, holidays, working days and legal terms.
//!
//! # What is a working day?
//!
//! A state agency in Vietnam works Monday to Friday; Saturday and Sunday are weekly rest
//! days. On top of the week come the public holidays of the Labour Code (2019 art. 112):
//! New Year's Day, five days of Tết (the lunar new year), Hùng Kings' Commemoration Day
//! (lunar 10/3), Victory Day (Apr 30), International Labour Day (May 1) and National Day
//! (Sep 2 plus one adjacent day), and from 2026 Vietnamese Culture Day (Nov 24, by
//! National Assembly Resolution 28/2026/QH16 as reported). Two of them move with the lunar
//! calendar, and for two of them (Tết and the day next to National Day) the Prime Minister
//! fixes the exact days each year (art. 112.3). A holiday that falls on a weekly rest day is
//! compensated on the next working day (art. 111.3).
//!
//! Each year the Government also announces a schedule for the civil service: which days
//! make up the Tết and National Day breaks, and swaps (a weekday off, paid back by working
//! a Saturday). These schedules are not predictable, so the crate ships the known ones as
//! data ([`YearSchedule::vietnam`]) that a user extends or overrides.
//!
//! A [`WorkCalendar`] puts the week, the [`HolidayRule`]s and the [`YearSchedule`]s
//! together for a range of years and precomputes tables, so that every query —
//! [`is_working_day`](WorkCalendar::is_working_day),
//! [`add_working_days`](WorkCalendar::add_working_days),
//! [`working_days_between`](WorkCalendar::working_days_between),
//! [`roll`](WorkCalendar::roll), [`day_info`](WorkCalendar::day_info) — takes constant
//! time. A query outside the range is an error ([`CalendarError::OutOfRange`]), never a
//! guess.
//!
//! # Provenance: how sure each rule is
//!
//! Every holiday rule and every schedule entry carries a [`Provenance`]: *verified* from a
//! primary text (its citation), *corroborated* by independent secondary sources (which), or
//! an *unverified* assumption (and why). [`facts`] lists everything the calendar ships as
//! [`Fact`]s, [`facts_below`] those less sure than a level, and [`WorkCalendar::facts`]
//! what a built calendar rests on; [`TermEnd::skipped_below`] which days a term's end
//! rests on that are less sure than a level. [`DayKind::provenance`] says
//! where the answer for one day comes from. Nothing unverified is a constant: a rule or a
//! year's schedule is data a user replaces.
//!
//! - **Tết without a schedule** (*unverified* placement): the last day of the lunar year
//!   and the first four days of the new year (five days, Labour Code 2012 art. 115, 2019
//!   art. 112); before 2013-05-01, the last day and the first three days (four days,
//!   Labour Code 1994 art. 73). Replace it for a year with [`YearScheduleBuilder::tet`].
//! - **The day next to National Day without a schedule** (from 2021, *unverified*
//!   placement): Sep 3 when Sep 2 is a Monday, Thursday or Sunday, Sep 1 otherwise
//!   ([`HolidayDate::AdjacentToSolar`]).
//! - **Compensation** (art. 111.3): a holiday on a weekly rest day gives a day off on the
//!   next working day, unless a scheduled day off covers the holiday (the announced break
//!   already accounts for it). Switch it off with
//!   [`WorkCalendarBuilder::compensation`]. Before 2021 the Labour Codes worded the
//!   compensatory day as "nghỉ bù vào ngày tiếp theo" (1994) and "ngày kế tiếp" (2012),
//!   "the following day"; the crate applies "the next working day" in every year
//!   (*unverified* before 2021).
//! - **Yearly schedules** ship for 2024–2026, each entry with its provenance
//!   ([`YearSchedule::vietnam`]). 2024 rests on secondary sources (*corroborated*: the
//!   Government Office letters are known from quotations and the press, and Sat
//!   2024-05-04, the make-up day for Mon 2024-04-29, from two independent reports); 2025
//!   and the Tết and New Year parts of 2026 are *verified*; National Day 2026 is
//!   *corroborated*: Sat Aug 29 – Wed Sep 2 off, Mon Aug 31 a swapped day off made up on
//!   Sat Aug 22 (Notice 9441/TB-BNV, as reported).
//! - **Vietnamese Culture Day** (Nov 24) is a day off from 2026-07-01, the date National
//!   Assembly Resolution 28/2026/QH16 is reported to take effect (*corroborated*, its text
//!   not read; see [`HolidayRule::vietnam`]). Remove it with
//!   [`WorkCalendarBuilder::without_rule`]`("culture-day")`.
//! - **Early years** (*unverified*): the five-day week dates from 1999 and the Labour Code
//!   1994 from 1995, but [`WorkCalendar::vietnam`] applies both to 1990 onwards.
//!
//! In 1990–2100 no two statutory rules fall on the same day; if custom rules do, the day is
//! one holiday, named by the first rule.
//!
//! ## Listing and replacing facts
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::calendar::{self, HolidayDate, HolidayRule, WorkCalendarBuilder, YearSchedule};
//! use directives::provenance::{Certainty, Provenance};
//!
//! // What the shipped calendar assumes without a source.
//! for fact in calendar::facts_below(Certainty::Corroborated) {
//!     println!("{fact}");
//! }
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
//! // A user who has read the notice replaces the 2026 National Day entries; one who
//! // follows a provincial decision adds a rule.
//! let s2026 = YearSchedule::vietnam(2026)
//!     .ok_or("no preset")?
//!     .to_builder()
//!     .remove(d(2026, 8, 22)?)
//!     .remove(d(2026, 8, 31)?)
//!     .provenance(Provenance::verified("Notice 9441/TB-BNV of 2025-10-16 (read by the user)")?)
//!     .swap(d(2026, 8, 31)?, d(2026, 8, 22)?)
//!     .build()?;
//! let province_day = HolidayRule::builder("province-day")
//!     .names("Ngày giải phóng tỉnh", "Province Liberation Day")
//!     .provenance(Provenance::verified("Decision 1/QĐ-UBND (example)")?)
//!     .date(HolidayDate::Solar { month: 3, day: 24 })
//!     .build()?;
//! let cal = WorkCalendarBuilder::vietnam()
//!     .schedule(s2026)
//!     .rule(province_day)
//!     .years(2020, 2030)
//!     .build()?;
//! let below: Vec<String> = cal
//!     .facts_below(Certainty::Verified)
//!     .iter()
//!     .map(|f| f.id().to_owned())
//!     .collect();
//! assert!(!below.contains(&"2026-08-22".to_owned()));
//! assert!(below.contains(&"2026-08-29".to_owned())); // still as reported
//! assert!(!cal.is_working_day(d(2026, 8, 31)?)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Terms
//!
//! A [`Term`] ("10 working days", "1 month", "30 ngày") ends on a day computed by the
//! Civil Code 2015, arts. 147–148: counting starts the day after the anchor, months clamp
//! to the month's last day, and a last day that is not a working day moves to the next
//! working day. [`Term::explain`] says which days were skipped and why.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::calendar::{Term, WorkCalendar};
//!
//! let cal = WorkCalendar::vietnam()?;
//! let anchor = NaiveDate::from_ymd_opt(2024, 2, 6).ok_or("bad date")?;
//! let term: Term = "10 working days".parse()?;
//! // Tết 2024: Feb 8–14 off.
//! assert_eq!(term.ends_on(anchor, &cal)?, NaiveDate::from_ymd_opt(2024, 2, 27).ok_or("bad date")?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod holiday;
mod lunar;
mod schedule;
mod term;
mod work;

use chrono::NaiveDate;

use crate::provenance::{Certainty, Fact, FactArea, Provenance};

pub use self::holiday::{Holiday, HolidayDate, HolidayRule, HolidayRuleBuilder, ScheduledPart};
pub use self::lunar::LunarDate;
pub use self::schedule::{ScheduledDay, ScheduledDayKind, YearSchedule, YearScheduleBuilder};
pub use self::term::{SkippedDay, Term, TermEnd, TermUnit};
pub use self::work::{DayKind, DayRow, Roll, Rows, WeekMask, WorkCalendar, WorkCalendarBuilder};
pub use crate::text::parse_date;

/// The provision behind a compensatory day off from 2021.
pub(crate) const COMPENSATION_2019: &str = "Labour Code 2019 art. 111.3";

/// The assumption behind a compensatory day off before 2021.
pub(crate) const COMPENSATION_BEFORE_2021: &str = "the Labour Codes of 1994 (art. 73) and 2012 (art. 115.3) gave the compensatory day off on \
     \"the following day\" (ngày tiếp theo, ngày kế tiếp); the crate applies the \"next working day\" of Labour Code 2019 art. 111.3 to those years too";

/// Every fact the calendar ships, with its provenance: one per holiday rule of
/// [`HolidayRule::vietnam`], one per entry of the schedules of
/// [`YearSchedule::vietnam_presets`] (its id is the date), then the rules the calendar
/// applies without a holiday rule of their own (area [`FactArea::LegalRule`]: compensation
/// and the week of the early years) and the one choice a schedule makes by listing nothing
/// (no swap around Vietnamese Culture Day 2026).
///
/// These are the facts [`WorkCalendar::vietnam`] rests on. To replace one, build the
/// calendar with [`WorkCalendarBuilder::vietnam`] and
/// [`rule`](WorkCalendarBuilder::rule) (a rule of the same id replaces it) or
/// [`schedule`](WorkCalendarBuilder::schedule) (a schedule of the same year replaces it;
/// start from the preset with [`YearSchedule::to_builder`]); [`WorkCalendar::facts`] then
/// lists the replacement.
///
/// # Example
///
/// ```
/// use directives::calendar;
/// use directives::provenance::{Certainty, FactArea};
///
/// let facts = calendar::facts();
/// let rules = facts.iter().filter(|f| f.area() == FactArea::HolidayRule).count();
/// assert_eq!(rules, 9);
/// for fact in calendar::facts_below(Certainty::Corroborated) {
///     // Each unverified fact says what it assumes.
///     assert!(fact.provenance().assumption().is_some(), "{fact}");
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn facts() -> Vec<Fact> {
    let rules = HolidayRule::vietnam();
    let schedules = YearSchedule::vietnam_presets();
    let mut facts: Vec<Fact> = rules.iter().map(HolidayRule::to_fact).collect();
    facts.extend(schedules.iter().flat_map(YearSchedule::facts));
    facts.extend(compensation_facts());
    let extra = [
        (
            FactArea::LegalRule,
            "week-and-early-years",
            "WorkCalendar::vietnam works Monday to Friday and applies the Labour Code 1994 holidays from 1990",
            Provenance::unverified(
                "state agencies moved to a five-day week in 1999 and the Labour Code 1994 took effect in 1995; \
                 the crate approximates the days before then with the later rules",
            ),
        ),
        (
            FactArea::ScheduleEntry,
            "2026-11-24-no-swap",
            "no swap is listed around Vietnamese Culture Day 2026 (Tue 2026-11-24): Mon 2026-11-23 is worked and Sat 2026-11-28 is a rest day",
            Provenance::unverified(
                "a swap of Mon 2026-11-23 for Sat 2026-11-28 was reported as proposed; no decision was found, so none is listed",
            ),
        ),
    ];
    // The texts are non-blank constants, so no fact is dropped (a test pins the ids).
    facts.extend(
        extra
            .into_iter()
            .filter_map(|(area, id, statement, p)| Some(Fact::new(area, id, statement, p.ok()?))),
    );
    facts
}

/// A day given as `i32` days since 1970-01-01, written as its date, or as "not a date"
/// when chrono has none (beyond about ±262,000 years).
struct Date32Label(i32);

impl std::fmt::Display for Date32Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match NaiveDate::from_epoch_days(self.0) {
            Some(date) => write!(f, "{date}"),
            None => f.write_str("not a date"),
        }
    }
}

/// The facts behind compensatory days off: the rule of 2021 (verified) and its use in
/// earlier years (an assumption). The texts are non-blank constants, so none is dropped.
pub(crate) fn compensation_facts() -> Vec<Fact> {
    [
        (
            "compensation",
            "a public holiday on a weekly rest day gives a day off on the next working day, unless a scheduled day off covers it (from 2021)",
            Provenance::verified(COMPENSATION_2019),
        ),
        (
            "compensation-before-2021",
            "before 2021 too, a public holiday on a weekly rest day gives a day off on the next working day",
            Provenance::unverified(COMPENSATION_BEFORE_2021),
        ),
    ]
    .into_iter()
    .filter_map(|(id, statement, p)| Some(Fact::new(FactArea::LegalRule, id, statement, p.ok()?)))
    .collect()
}

/// The facts of [`facts`] that are less sure than `level`: with
/// [`Certainty::Corroborated`], the unverified assumptions; with [`Certainty::Verified`],
/// every fact no primary text confirms.
///
/// # Example
///
/// ```
/// use directives::calendar;
/// use directives::provenance::Certainty;
///
/// let ids: Vec<String> = calendar::facts_below(Certainty::Corroborated).iter().map(|f| f.id().to_owned()).collect();
/// assert!(ids.contains(&"tet".to_owned()));
/// assert!(!ids.contains(&"culture-day".to_owned())); // corroborated, not unverified
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn facts_below(level: Certainty) -> Vec<Fact> {
    facts().into_iter().filter(|f| f.is_below(level)).collect()
}

/// An error from the calendar: a date out of range, an impossible lunar date, an absurd term.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::{CalendarError, WorkCalendar};
///
/// let cal = WorkCalendar::vietnam()?;
/// let date = NaiveDate::from_ymd_opt(2150, 1, 1).ok_or("bad date")?;
/// match cal.is_working_day(date) {
///     Err(CalendarError::OutOfRange { last, .. }) => assert_eq!(last.to_string(), "2100-12-31"),
///     other => panic!("unexpected {other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    // Lunar calendar (`LunarDate`).
    /// A solar date outside the range the lunar calendar covers,
    /// [`LunarDate::SOLAR_MIN`]`..=`[`LunarDate::SOLAR_MAX`].
    #[error(
        "solar date `{date}` is outside the lunar calendar's range `{}..={}`",
        LunarDate::SOLAR_MIN,
        LunarDate::SOLAR_MAX
    )]
    SolarDateOutOfRange {
        /// The date given.
        date: chrono::NaiveDate,
    },
    /// A lunar year outside the supported years, `1899..=2199`.
    #[error(
        "lunar year `{year}` is outside the supported range `{}..={}`",
        LunarDate::MIN.year(),
        LunarDate::MAX.year()
    )]
    LunarYearOutOfRange {
        /// The year given.
        year: i32,
    },
    /// A lunar month number outside `1..=12`.
    #[error("lunar month `{month}` is not in `1..=12`")]
    LunarMonthOutOfRange {
        /// The month given.
        month: u8,
    },
    /// A leap flag on a month that is not the year's leap month.
    #[error(
        "lunar year `{year}` has no leap month `{month}`: {}",
        lunar::describe_leap_month(*.leap_month)
    )]
    NoSuchLeapMonth {
        /// The lunar year given.
        year: i32,
        /// The month given with the leap flag.
        month: u8,
        /// The year's actual leap month, if it has one.
        leap_month: Option<u8>,
    },
    /// A day number that the lunar month does not have (day 30 of a 29-day month, or 0).
    #[error(
        "lunar month `{}` has no day `{day}`: it has `{days_in_month}` days",
        lunar::MonthLabel { year: *.year, month: *.month, leap: *.leap }
    )]
    LunarDayOutOfRange {
        /// The lunar year given.
        year: i32,
        /// The month given.
        month: u8,
        /// Whether the month given is a leap month.
        leap: bool,
        /// The day given.
        day: u8,
        /// The number of days in that month, 29 or 30.
        days_in_month: u8,
    },
    /// A valid lunar date of the first or last supported year that falls outside the
    /// range [`LunarDate::MIN`]`..=`[`LunarDate::MAX`].
    #[error(
        "lunar date `{}` is outside the supported range `{}..={}`",
        lunar::DateLabel { year: *.year, month: *.month, leap: *.leap, day: *.day },
        LunarDate::MIN,
        LunarDate::MAX
    )]
    LunarDateOutOfRange {
        /// The lunar year given.
        year: i32,
        /// The month given.
        month: u8,
        /// Whether the month given is a leap month.
        leap: bool,
        /// The day given.
        day: u8,
    },
    /// A string that is not a lunar date in the canonical form (`2024-01-01`,
    /// `2023-02L-15`).
    #[error(
        "invalid lunar date `{input}`: expected `YYYY-MM-DD`, or `YYYY-MML-DD` for a leap month"
    )]
    ParseLunarDate {
        /// The string given.
        input: String,
    },
    // Working-day calendars, holidays, schedules and terms.
    /// A date lies outside the range a [`WorkCalendar`] was built for.
    #[error("date `{date}` is outside the calendar range `{first}..={last}`")]
    OutOfRange {
        /// The date asked about.
        date: NaiveDate,
        /// The first day of the calendar.
        first: NaiveDate,
        /// The last day of the calendar.
        last: NaiveDate,
    },
    /// Moving from a date by some working days leaves the range of the calendar.
    #[error(
        "moving `{days}` working days from `{date}` leaves the calendar range `{first}..={last}`"
    )]
    WorkingDaysOutOfRange {
        /// The date moved from.
        date: NaiveDate,
        /// The number of working days moved (negative: backwards).
        days: i64,
        /// The first day of the calendar.
        first: NaiveDate,
        /// The last day of the calendar.
        last: NaiveDate,
    },
    /// A row of a column of dates (`i32` days since 1970-01-01, Arrow's `Date32`) given to
    /// a slice query such as [`WorkCalendar::working_days_between_date32`] holds a day
    /// outside the calendar's range. `row` is the first such row.
    #[error(
        "row `{row}`: day `{day}` ({}) is outside the calendar range `{first}..={last}`",
        Date32Label(*.day)
    )]
    RowOutOfRange {
        /// The position of the row, from 0.
        row: usize,
        /// The day given, in days since 1970-01-01.
        day: i32,
        /// The first day of the calendar.
        first: NaiveDate,
        /// The last day of the calendar.
        last: NaiveDate,
    },
    /// A row of [`WorkCalendar::add_working_days_date32`] moves out of the calendar's
    /// range: its day is in the range, the day `days` working days away is not. `row` is
    /// the first such row.
    #[error(
        "row `{row}`: moving `{days}` working days from `{}` leaves the calendar range `{first}..={last}`",
        Date32Label(*.day)
    )]
    RowMovesOutOfRange {
        /// The position of the row, from 0.
        row: usize,
        /// The day moved from, in days since 1970-01-01.
        day: i32,
        /// The number of working days moved (negative: backwards).
        days: i32,
        /// The first day of the calendar.
        first: NaiveDate,
        /// The last day of the calendar.
        last: NaiveDate,
    },
    /// The columns given to a slice query do not have the same number of rows.
    #[error(
        "column `{column}` has `{len}` rows where `{expected}` were expected (the rows of `{of}`)"
    )]
    ColumnLengths {
        /// The column whose length differs.
        column: &'static str,
        /// Its number of rows.
        len: usize,
        /// The column that fixes the number of rows.
        of: &'static str,
        /// Its number of rows.
        expected: usize,
    },
    /// The years given for a calendar are not a range: `first > last`, or a year outside
    /// `1..=9998`.
    #[error(
        "calendar years `{first}..={last}` are not a valid range: expected `first <= last` within `1..=9998`"
    )]
    InvalidYears {
        /// The first year asked for.
        first: i32,
        /// The last year asked for.
        last: i32,
    },
    /// The years given for a calendar reach outside the years that lunar holiday rules
    /// support, [`LunarDate::SOLAR_MIN`]`.year()..=`[`LunarDate::SOLAR_MAX`]`.year()`
    /// (1900 to 2199).
    #[error(
        "calendar years `{first}..={last}` are outside the range `{}..={}` that lunar holiday rules support: rule `{rule}` is lunar",
        chrono::Datelike::year(&LunarDate::SOLAR_MIN),
        chrono::Datelike::year(&LunarDate::SOLAR_MAX)
    )]
    YearsOutsideLunarRange {
        /// The first year asked for.
        first: i32,
        /// The last year asked for.
        last: i32,
        /// The id of the first lunar rule of the calendar.
        rule: String,
    },
    /// A week mask without any working day.
    #[error("the week has no working day")]
    EmptyWeek,
    /// A holiday rule names a solar day that no year has.
    #[error("month `{month}` day `{day}` is not a day of the solar year")]
    InvalidSolarDay {
        /// The month (1–12).
        month: u8,
        /// The day of the month.
        day: u8,
    },
    /// A holiday rule names a lunar day that cannot be used: the month must be 1–12 and the
    /// day 1–29 (day 30 does not exist in every month).
    #[error("lunar month `{month}` day `{day}` is not a usable holiday day")]
    InvalidLunarDay {
        /// The lunar month.
        month: u8,
        /// The lunar day.
        day: u8,
    },
    /// A holiday rule or schedule is incomplete or inconsistent.
    #[error("invalid holiday rule `{id}`: {reason}")]
    InvalidHolidayRule {
        /// The rule's id.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// A yearly schedule lists a date outside its year.
    #[error("schedule for year `{year}` lists `{date}`, which is outside that year")]
    ScheduleDateOutsideYear {
        /// The schedule's year.
        year: i32,
        /// The offending date.
        date: NaiveDate,
    },
    /// A yearly schedule lists a day without saying where it comes from: no
    /// [`YearScheduleBuilder::provenance`] was set before it was added.
    #[error("schedule for year `{year}` lists `{date}` without a provenance")]
    ScheduleMissingProvenance {
        /// The schedule's year.
        year: i32,
        /// The first day added without a provenance.
        date: NaiveDate,
    },
    /// A yearly schedule lists a day twice.
    #[error("schedule for year `{year}` lists `{date}` twice")]
    ScheduleDuplicateDate {
        /// The schedule's year.
        year: i32,
        /// The date listed twice.
        date: NaiveDate,
    },
    /// A yearly schedule gives a range whose end comes before its start.
    #[error("schedule for year `{year}` has a reversed range `{first}..={last}`")]
    ScheduleReversedRange {
        /// The schedule's year.
        year: i32,
        /// The start of the range.
        first: NaiveDate,
        /// The end of the range.
        last: NaiveDate,
    },
    /// A term whose count is zero or negative.
    #[error("term count `{count}` is not positive")]
    TermNotPositive {
        /// The count given.
        count: i64,
    },
    /// A term longer than the documented maximum (100 years, see [`TermUnit::max_count`]).
    #[error("term `{count} {unit}` exceeds the maximum of `{max} {unit}`")]
    TermTooLong {
        /// The count given.
        count: i64,
        /// The unit of the term.
        unit: TermUnit,
        /// The largest count allowed for the unit.
        max: i64,
    },
    /// A string that is not a term.
    #[error(
        "cannot parse term `{input}`: expected a count and a unit, such as `10 working days`, `1 month` or `10 ngày làm việc`"
    )]
    TermParse {
        /// The string given.
        input: String,
    },
}

impl CalendarError {
    /// The error as a sentence in `lang` (the English one is also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::calendar::Term;
    ///
    /// let err = "ten days".parse::<Term>().unwrap_err();
    /// assert_eq!(
    ///     err.sentence(Lang::Vi),
    ///     "không đọc được thời hạn `ten days`: cần một con số và một đơn vị, chẳng hạn `10 ngày làm việc`, `1 tháng` hoặc `10 working days`",
    /// );
    /// assert_eq!(err.sentence(Lang::En), err.to_string());
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        let range = |first: &NaiveDate, last: &NaiveDate| format!("`{first}..={last}`");
        match self {
            CalendarError::SolarDateOutOfRange { date } => format!(
                "ngày dương lịch `{date}` nằm ngoài phạm vi của âm lịch `{}..={}`",
                LunarDate::SOLAR_MIN,
                LunarDate::SOLAR_MAX
            ),
            CalendarError::LunarYearOutOfRange { year } => format!(
                "năm âm lịch `{year}` nằm ngoài phạm vi hỗ trợ `{}..={}`",
                LunarDate::MIN.year(),
                LunarDate::MAX.year()
            ),
            CalendarError::LunarMonthOutOfRange { month } => {
                format!("tháng âm lịch `{month}` không thuộc `1..=12`")
            }
            CalendarError::NoSuchLeapMonth {
                year,
                month,
                leap_month,
            } => format!(
                "năm âm lịch `{year}` không có tháng nhuận `{month}`: {}",
                match leap_month {
                    Some(leap) => format!("tháng nhuận của năm là tháng `{leap}`"),
                    None => "năm này không có tháng nhuận".to_owned(),
                }
            ),
            CalendarError::LunarDayOutOfRange {
                year,
                month,
                leap,
                day,
                days_in_month,
            } => format!(
                "tháng âm lịch `{}` không có ngày `{day}`: tháng này có `{days_in_month}` ngày",
                lunar::MonthLabel {
                    year: *year,
                    month: *month,
                    leap: *leap
                }
            ),
            CalendarError::LunarDateOutOfRange {
                year,
                month,
                leap,
                day,
            } => format!(
                "ngày âm lịch `{}` nằm ngoài phạm vi hỗ trợ `{}..={}`",
                lunar::DateLabel {
                    year: *year,
                    month: *month,
                    leap: *leap,
                    day: *day
                },
                LunarDate::MIN,
                LunarDate::MAX
            ),
            CalendarError::ParseLunarDate { input } => format!(
                "ngày âm lịch `{input}` không hợp lệ: cần viết `YYYY-MM-DD`, hoặc `YYYY-MML-DD` \
                 cho tháng nhuận"
            ),
            CalendarError::OutOfRange { date, first, last } => format!(
                "ngày `{date}` nằm ngoài phạm vi của lịch {}",
                range(first, last)
            ),
            CalendarError::WorkingDaysOutOfRange {
                date,
                days,
                first,
                last,
            } => format!(
                "tính `{days}` ngày làm việc từ ngày `{date}` thì ra ngoài phạm vi của lịch {}",
                range(first, last)
            ),
            CalendarError::RowOutOfRange {
                row,
                day,
                first,
                last,
            } => format!(
                "hàng `{row}`: ngày `{day}` ({}) nằm ngoài phạm vi của lịch {}",
                Date32Label(*day),
                range(first, last)
            ),
            CalendarError::RowMovesOutOfRange {
                row,
                day,
                days,
                first,
                last,
            } => format!(
                "hàng `{row}`: tính `{days}` ngày làm việc từ ngày `{}` thì ra ngoài phạm vi của \
                 lịch {}",
                Date32Label(*day),
                range(first, last)
            ),
            CalendarError::ColumnLengths {
                column,
                len,
                of,
                expected,
            } => format!(
                "cột `{column}` có `{len}` hàng, trong khi cần `{expected}` hàng (số hàng của \
                 `{of}`)"
            ),
            CalendarError::InvalidYears { first, last } => format!(
                "khoảng năm `{first}..={last}` của lịch không hợp lệ: cần `first <= last` trong \
                 `1..=9998`"
            ),
            CalendarError::YearsOutsideLunarRange { first, last, rule } => format!(
                "khoảng năm `{first}..={last}` của lịch nằm ngoài phạm vi `{}..={}` mà các ngày \
                 lễ theo âm lịch hỗ trợ: quy tắc `{rule}` tính theo âm lịch",
                chrono::Datelike::year(&LunarDate::SOLAR_MIN),
                chrono::Datelike::year(&LunarDate::SOLAR_MAX)
            ),
            CalendarError::EmptyWeek => "tuần không có ngày làm việc nào".to_owned(),
            CalendarError::InvalidSolarDay { month, day } => {
                format!("ngày `{day}` tháng `{month}` không phải là một ngày trong năm dương lịch")
            }
            CalendarError::InvalidLunarDay { month, day } => {
                format!("ngày `{day}` tháng `{month}` âm lịch không dùng được làm ngày lễ")
            }
            CalendarError::InvalidHolidayRule { id, reason } => {
                format!("quy tắc ngày lễ `{id}` không hợp lệ: {reason}")
            }
            CalendarError::ScheduleDateOutsideYear { year, date } => {
                format!("lịch nghỉ năm `{year}` ghi ngày `{date}`, không thuộc năm đó")
            }
            CalendarError::ScheduleMissingProvenance { year, date } => {
                format!("lịch nghỉ năm `{year}` ghi ngày `{date}` mà không nêu căn cứ")
            }
            CalendarError::ScheduleDuplicateDate { year, date } => {
                format!("lịch nghỉ năm `{year}` ghi ngày `{date}` hai lần")
            }
            CalendarError::ScheduleReversedRange { year, first, last } => format!(
                "lịch nghỉ năm `{year}` có khoảng ngày bị đảo ngược {}",
                range(first, last)
            ),
            CalendarError::TermNotPositive { count } => {
                format!("số lượng `{count}` của thời hạn phải là số dương")
            }
            CalendarError::TermTooLong { count, unit, max } => format!(
                "thời hạn `{count} {}` vượt quá mức tối đa `{max} {}`",
                unit.label(lang, 2),
                unit.label(lang, 2)
            ),
            CalendarError::TermParse { input } => format!(
                "không đọc được thời hạn `{input}`: cần một con số và một đơn vị, chẳng hạn \
                 `10 ngày làm việc`, `1 tháng` hoặc `10 working days`"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CalendarError;

    #[test]
    fn error_is_send_sync_static() {
        fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
        assert_traits::<CalendarError>();
    }
}
