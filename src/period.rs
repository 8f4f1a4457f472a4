//! Reporting periods: months, quarters, half years, nine months, years and custom ranges.
//!
//! # What is a reporting period?
//!
//! A *reporting period* (kỳ báo cáo) is the stretch of time a report is about: the month of
//! September 2024, the third quarter, the first half of the year, the first nine months,
//! the whole year, or, for thematic and ad-hoc reports, any range of days a directive
//! names ("from 22 February to 31 December 2024").
//!
//! A period is a *label* on the calendar. The figures a periodic report carries usually
//! cover a slightly different range, the *data cut-off window* (thời gian chốt số liệu):
//! under Decree 09/2019/NĐ-CP art. 12 the report for the first quarter of 2024 covers
//! 15 December 2023 to 14 March 2024. That window is a property of a reporting regime and
//! lives in [`crate::regime`]; a [`Period`] always spans whole calendar months (or, when
//! custom, exactly the days it names).
//!
//! # Canonical strings
//!
//! Every period has one canonical string, used in keys, serde, reports and errors:
//!
//! | kind | string | spans |
//! |---|---|---|
//! | year | `2024` | 2024-01-01 ..= 2024-12-31 |
//! | half year | `2024-H1`, `2024-H2` | Jan–Jun, Jul–Dec |
//! | quarter | `2024-Q1` … `2024-Q4` | Jan–Mar, …, Oct–Dec |
//! | month | `2024-01` … `2024-12` | the calendar month |
//! | nine months | `2024-9M` | 2024-01-01 ..= 2024-09-30 |
//! | custom | `2024-02-22..2024-12-31` | both days included |
//!
//! Parsing is strict (see [`Period::from_str`](Period#impl-FromStr-for-Period)): one
//! period has one spelling, so two keys are equal exactly when their strings are.
//!
//! # Years
//!
//! Years run from [`Period::MIN_YEAR`] (1) to [`Period::MAX_YEAR`] (9999), the years that
//! fit the four-digit canonical form. Constructors reject other years, and arithmetic that
//! would leave the range ([`Period::next`], [`Period::offset`], …) returns `None` rather
//! than panicking.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::period::{Frequency, Period};
//!
//! let q3: Period = "2024-Q3".parse()?;
//! assert_eq!(q3.start(), NaiveDate::from_ymd_opt(2024, 7, 1).ok_or("date")?);
//! assert_eq!(q3.end(), NaiveDate::from_ymd_opt(2024, 9, 30).ok_or("date")?);
//! assert_eq!(q3.next(), Some("2024-Q4".parse()?));
//!
//! let months: Vec<String> = q3.sub_periods(Frequency::Monthly).map(|p| p.to_string()).collect();
//! assert_eq!(months, ["2024-07", "2024-08", "2024-09"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::iter::FusedIterator;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate};

/// An error from parsing or building a period.
///
/// Every variant names the offending input in its canonical-looking form (for a
/// constructor called with numbers, the string those numbers would have made, such as
/// `2024-Q5`) and says what was expected.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::period::{Period, PeriodError};
///
/// let err = "2024-Q5".parse::<Period>().unwrap_err();
/// assert!(matches!(err, PeriodError::Quarter { quarter: 5, .. }));
/// assert_eq!(
///     err.to_string(),
///     "invalid period `2024-Q5`: quarter `5` is out of range: expected 1 to 4",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// The input has none of the canonical shapes.
    #[error(
        "invalid period `{input}`: expected `YYYY`, `YYYY-Hn`, `YYYY-Qn`, `YYYY-MM`, `YYYY-9M` or `YYYY-MM-DD..YYYY-MM-DD`"
    )]
    Syntax {
        /// The rejected input.
        input: String,
    },
    /// The year is outside [`Period::MIN_YEAR`]..=[`Period::MAX_YEAR`].
    #[error("invalid period `{input}`: year `{year}` is out of range: expected 1 to 9999")]
    Year {
        /// The rejected input.
        input: String,
        /// The year found.
        year: i32,
    },
    /// The month is not 1 to 12.
    #[error("invalid period `{input}`: month `{month}` is out of range: expected 01 to 12")]
    Month {
        /// The rejected input.
        input: String,
        /// The month found.
        month: u32,
    },
    /// The quarter is not 1 to 4.
    #[error("invalid period `{input}`: quarter `{quarter}` is out of range: expected 1 to 4")]
    Quarter {
        /// The rejected input.
        input: String,
        /// The quarter found.
        quarter: u32,
    },
    /// The half is not 1 or 2.
    #[error("invalid period `{input}`: half `{half}` is out of range: expected 1 or 2")]
    Half {
        /// The rejected input.
        input: String,
        /// The half found.
        half: u32,
    },
    /// A date of a custom range does not exist in the calendar (`2024-02-30`).
    #[error("invalid period `{input}`: `{date}` is not a calendar date")]
    Date {
        /// The rejected input.
        input: String,
        /// The impossible date as written.
        date: String,
    },
    /// A custom range ends before it starts.
    #[error("invalid period `{input}`: the range ends on `{end}`, before it starts on `{start}`")]
    Reversed {
        /// The rejected input.
        input: String,
        /// The first day given.
        start: NaiveDate,
        /// The last day given.
        end: NaiveDate,
    },
    /// A frequency name is not one of the known snake_case names.
    #[error(
        "invalid frequency `{input}`: expected `monthly`, `quarterly`, `half_yearly`, `nine_monthly` or `yearly`"
    )]
    Frequency {
        /// The rejected input.
        input: String,
    },
}

impl PeriodError {
    /// The error as a sentence in `lang` (the English one is also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::period::Period;
    ///
    /// let err = "2024-Q5".parse::<Period>().unwrap_err();
    /// assert_eq!(err.sentence(Lang::Vi), "kỳ `2024-Q5` không hợp lệ: quý `5` phải từ 1 đến 4");
    /// assert_eq!(err.sentence(Lang::En), err.to_string());
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            PeriodError::Syntax { input } => format!(
                "kỳ `{input}` không hợp lệ: cần viết theo dạng `YYYY`, `YYYY-Hn`, `YYYY-Qn`, \
                 `YYYY-MM`, `YYYY-9M` hoặc `YYYY-MM-DD..YYYY-MM-DD`"
            ),
            PeriodError::Year { input, year } => {
                format!("kỳ `{input}` không hợp lệ: năm `{year}` phải từ 1 đến 9999")
            }
            PeriodError::Month { input, month } => {
                format!("kỳ `{input}` không hợp lệ: tháng `{month}` phải từ 01 đến 12")
            }
            PeriodError::Quarter { input, quarter } => {
                format!("kỳ `{input}` không hợp lệ: quý `{quarter}` phải từ 1 đến 4")
            }
            PeriodError::Half { input, half } => {
                format!("kỳ `{input}` không hợp lệ: nửa năm `{half}` phải là 1 hoặc 2")
            }
            PeriodError::Date { input, date } => {
                format!("kỳ `{input}` không hợp lệ: `{date}` không phải là một ngày có thật")
            }
            PeriodError::Reversed { input, start, end } => format!(
                "kỳ `{input}` không hợp lệ: ngày kết thúc `{end}` trước ngày bắt đầu `{start}`"
            ),
            PeriodError::Frequency { input } => format!(
                "tần suất `{input}` không hợp lệ: cần là `monthly`, `quarterly`, `half_yearly`, \
                 `nine_monthly` hoặc `yearly`"
            ),
        }
    }
}

/// How often a periodic report is due: the length of its calendar periods.
///
/// The names (`monthly`, `quarterly`, `half_yearly`, `nine_monthly`, `yearly`) are used by
/// [`Display`](fmt::Display), [`FromStr`] and serde.
///
/// Monthly, quarterly, half-yearly and yearly periods partition time: every date lies in
/// exactly one period of each. Nine-monthly periods do not: the nine-month report
/// (January to September, which provinces use although Decree 09/2019/NĐ-CP art. 12 does
/// not list it) is cumulative, one per year, and October to December lie in none.
///
/// New frequencies may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::period::Frequency;
///
/// let f: Frequency = "half_yearly".parse()?;
/// assert_eq!(f, Frequency::HalfYearly);
/// assert_eq!(f.to_string(), "half_yearly");
/// assert_eq!(f.months(), 6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Frequency {
    /// Every calendar month (`2024-09`).
    Monthly,
    /// Every calendar quarter (`2024-Q3`).
    Quarterly,
    /// Every half year (`2024-H1`).
    HalfYearly,
    /// The first nine months of every year (`2024-9M`).
    NineMonthly,
    /// Every calendar year (`2024`).
    Yearly,
}

impl Frequency {
    /// Every frequency, shortest first (nine-monthly before yearly).
    ///
    /// A slice, not an array, so that adding a frequency does not change its type (the
    /// enum is `#[non_exhaustive]`), as with [`BodyKind::ALL`](crate::org::BodyKind::ALL).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    ///
    /// assert_eq!(Frequency::ALL.len(), 5);
    /// assert_eq!(Frequency::ALL[0], Frequency::Monthly);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const ALL: &'static [Frequency] = &[
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::HalfYearly,
        Frequency::NineMonthly,
        Frequency::Yearly,
    ];

    /// The snake_case name: `monthly`, `quarterly`, `half_yearly`, `nine_monthly`, `yearly`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    ///
    /// assert_eq!(Frequency::NineMonthly.as_str(), "nine_monthly");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::HalfYearly => "half_yearly",
            Frequency::NineMonthly => "nine_monthly",
            Frequency::Yearly => "yearly",
        }
    }

    /// The frequency in words for people: `hằng quý` in Vietnamese (as Decree
    /// 09/2019/NĐ-CP names its periodic reports), `quarterly` in English.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::period::Frequency;
    ///
    /// assert_eq!(Frequency::HalfYearly.label(Lang::Vi), "6 tháng");
    /// assert_eq!(Frequency::HalfYearly.label(Lang::En), "half-yearly");
    /// ```
    #[must_use]
    pub const fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Frequency::Monthly => lang.pick("hằng tháng", "monthly"),
            Frequency::Quarterly => lang.pick("hằng quý", "quarterly"),
            Frequency::HalfYearly => lang.pick("6 tháng", "half-yearly"),
            Frequency::NineMonthly => lang.pick("9 tháng", "nine-monthly"),
            Frequency::Yearly => lang.pick("hằng năm", "yearly"),
        }
    }

    /// The number of calendar months in one period: 1, 3, 6, 9 or 12.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    ///
    /// assert_eq!(Frequency::Quarterly.months(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn months(self) -> u32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::HalfYearly => 6,
            Frequency::NineMonthly => 9,
            Frequency::Yearly => 12,
        }
    }

    /// How many periods of this frequency start in one year: 12, 4, 2, 1 or 1.
    const fn per_year(self) -> i64 {
        match self {
            Frequency::Monthly => 12,
            Frequency::Quarterly => 4,
            Frequency::HalfYearly => 2,
            Frequency::NineMonthly | Frequency::Yearly => 1,
        }
    }

    /// The periods of this frequency that overlap the inclusive range `from ..= to`, in
    /// order.
    ///
    /// The first and last periods may stick out of the range. Nine-monthly periods that
    /// end before `from` are skipped (a range inside October–December overlaps none).
    /// The range is clipped to the supported years, and an empty or reversed range yields
    /// nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::period::Frequency;
    ///
    /// let from = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let to = NaiveDate::from_ymd_opt(2024, 7, 1).ok_or("date")?;
    /// let quarters: Vec<String> =
    ///     Frequency::Quarterly.periods(from, to).map(|p| p.to_string()).collect();
    /// assert_eq!(quarters, ["2024-Q1", "2024-Q2", "2024-Q3"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn periods(self, from: NaiveDate, to: NaiveDate) -> Periods {
        let to = to.min(MAX_DATE);
        let from = from.max(MIN_DATE);
        let first = if from > to {
            None
        } else if self == Frequency::NineMonthly && from.month() > 9 {
            Period::nine_months(from.year() + 1).ok()
        } else {
            Period::containing(from, self)
        };
        Periods { next: first, to }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Frequency {
    type Err = PeriodError;

    /// Parses a snake_case name, exactly as [`Frequency::as_str`] writes it.
    ///
    /// # Errors
    ///
    /// [`PeriodError::Frequency`] for any other string (including `Monthly`, ` monthly`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    ///
    /// assert_eq!("nine_monthly".parse::<Frequency>()?, Frequency::NineMonthly);
    /// assert!("Monthly".parse::<Frequency>().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Frequency::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| PeriodError::Frequency {
                input: s.to_owned(),
            })
    }
}

/// The periods of one frequency overlapping a date range, from [`Frequency::periods`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::period::{Frequency, Periods};
///
/// let day = NaiveDate::from_ymd_opt(2024, 5, 1).ok_or("date")?;
/// let mut periods: Periods = Frequency::Monthly.periods(day, day);
/// assert_eq!(periods.next(), Some("2024-05".parse()?));
/// assert_eq!(periods.next(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Periods {
    next: Option<Period>,
    to: NaiveDate,
}

impl Iterator for Periods {
    type Item = Period;

    fn next(&mut self) -> Option<Period> {
        let current = self.next?;
        if current.start() > self.to {
            self.next = None;
            return None;
        }
        self.next = current.next();
        Some(current)
    }
}

impl FusedIterator for Periods {}

/// The periods of one frequency lying wholly inside a period, from [`Period::sub_periods`].
///
/// # Example
///
/// ```
/// use directives::period::{Frequency, Period, SubPeriods};
///
/// let year = Period::year(2024)?;
/// let halves: SubPeriods = year.sub_periods(Frequency::HalfYearly);
/// assert_eq!(halves.count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct SubPeriods {
    inner: Periods,
    start: NaiveDate,
    end: NaiveDate,
}

impl Iterator for SubPeriods {
    type Item = Period;

    fn next(&mut self) -> Option<Period> {
        let (start, end) = (self.start, self.end);
        self.inner
            .by_ref()
            .find(|p| p.start() >= start && p.end() <= end)
    }
}

impl FusedIterator for SubPeriods {}

/// A reporting period: a month, quarter, half year, the first nine months, a year, or a
/// custom inclusive range of days.
///
/// Every `Period` is valid: its year lies in [`Period::MIN_YEAR`]..=[`Period::MAX_YEAR`]
/// (for a custom range, both days do), its month, quarter or half exists, and a custom
/// range does not end before it starts. The type is `Copy` and 12 bytes, for use in
/// obligation keys.
///
/// A custom range is never normalised: `2024-01-01..2024-12-31` spans the same days as
/// `2024` but is a different period (its [`frequency`](Period::frequency) is `None`).
///
/// # Order
///
/// Periods are ordered by first day, then by last day (so a month sorts before the quarter
/// it opens, and `2024-Q1` before `2024-H1` before `2024-9M` before `2024`), then by kind
/// for the only remaining ties, a calendar period and a custom range over the same days:
/// the calendar period comes first.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::period::{Frequency, Period};
///
/// let day = NaiveDate::from_ymd_opt(2024, 9, 15).ok_or("date")?;
/// let q = Period::containing(day, Frequency::Quarterly).ok_or("year out of range")?;
/// assert_eq!(q, Period::quarter(2024, 3)?);
/// assert_eq!(q.to_string(), "2024-Q3");
/// assert!(q.contains(day));
/// assert!(Period::month(2024, 7)? < q); // same first day, ends sooner
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period(Repr);

// INVARIANT (valid-period): every `year` is in MIN_YEAR..=MAX_YEAR; `month` in 1..=12,
// `quarter` in 1..=4, `half` in 1..=2; a custom range has `start <= end` and both days in
// a year of that range. Upheld by the constructors `Period::{month, quarter, half_year,
// nine_months, year, custom}`, the only code that builds a `Repr`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Repr {
    Month { year: u16, month: u8 },
    Quarter { year: u16, quarter: u8 },
    Half { year: u16, half: u8 },
    NineMonths { year: u16 },
    Year { year: u16 },
    Custom { start: NaiveDate, end: NaiveDate },
}

/// The first day of [`Period::MIN_YEAR`].
const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(Period::MIN_YEAR, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The last day of [`Period::MAX_YEAR`].
const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(Period::MAX_YEAR, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// A date from parts known to be valid.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    // INVARIANT (valid-period): callers pass a year in range, a month in 1..=12 and a day
    // that exists in that month, so the fallback is never taken.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn first_of(year: u16, month: u32) -> NaiveDate {
    ymd(i32::from(year), month, 1)
}

fn last_of(year: u16, month: u32) -> NaiveDate {
    let year = i32::from(year);
    ymd(year, month, days_in_month(year, month))
}

/// Moves a date by a signed number of days, `None` past chrono's range.
fn shift_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// Checks a year, building the error input lazily.
fn check_year(year: i32, input: impl FnOnce() -> String) -> Result<u16, PeriodError> {
    match u16::try_from(year) {
        Ok(y) if (Period::MIN_YEAR..=Period::MAX_YEAR).contains(&year) => Ok(y),
        _ => Err(PeriodError::Year {
            input: input(),
            year,
        }),
    }
}

impl Period {
    /// The first supported year.
    pub const MIN_YEAR: i32 = 1;
    /// The last supported year: the canonical strings have four-digit years.
    pub const MAX_YEAR: i32 = 9999;

    /// The calendar month `month` (1 to 12) of `year`, written `2024-09`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::Year`] for a year outside 1..=9999, [`PeriodError::Month`] for a
    /// month outside 1..=12.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert_eq!(Period::month(2024, 9)?.to_string(), "2024-09");
    /// assert!(Period::month(2024, 13).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn month(year: i32, month: u32) -> Result<Period, PeriodError> {
        let input = || format!("{year:04}-{month:02}");
        let y = check_year(year, input)?;
        match u8::try_from(month) {
            Ok(m) if (1..=12).contains(&m) => Ok(Period(Repr::Month { year: y, month: m })),
            _ => Err(PeriodError::Month {
                input: input(),
                month,
            }),
        }
    }

    /// The calendar quarter `quarter` (1 to 4) of `year`, written `2024-Q3`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::Year`] for a year outside 1..=9999, [`PeriodError::Quarter`] for a
    /// quarter outside 1..=4.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert_eq!(Period::quarter(2024, 3)?.to_string(), "2024-Q3");
    /// assert!(Period::quarter(2024, 5).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quarter(year: i32, quarter: u32) -> Result<Period, PeriodError> {
        let input = || format!("{year:04}-Q{quarter}");
        let y = check_year(year, input)?;
        match u8::try_from(quarter) {
            Ok(q) if (1..=4).contains(&q) => Ok(Period(Repr::Quarter {
                year: y,
                quarter: q,
            })),
            _ => Err(PeriodError::Quarter {
                input: input(),
                quarter,
            }),
        }
    }

    /// The half year `half` (1: January–June, 2: July–December) of `year`, written
    /// `2024-H1`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::Year`] for a year outside 1..=9999, [`PeriodError::Half`] for a half
    /// other than 1 or 2.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert_eq!(Period::half_year(2024, 2)?.to_string(), "2024-H2");
    /// assert!(Period::half_year(2024, 3).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn half_year(year: i32, half: u32) -> Result<Period, PeriodError> {
        let input = || format!("{year:04}-H{half}");
        let y = check_year(year, input)?;
        match u8::try_from(half) {
            Ok(h) if (1..=2).contains(&h) => Ok(Period(Repr::Half { year: y, half: h })),
            _ => Err(PeriodError::Half {
                input: input(),
                half,
            }),
        }
    }

    /// The first nine months of `year` (January to September), written `2024-9M`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::Year`] for a year outside 1..=9999.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// let p = Period::nine_months(2024)?;
    /// assert_eq!(p.to_string(), "2024-9M");
    /// assert_eq!(p.end().to_string(), "2024-09-30");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn nine_months(year: i32) -> Result<Period, PeriodError> {
        let y = check_year(year, || format!("{year:04}-9M"))?;
        Ok(Period(Repr::NineMonths { year: y }))
    }

    /// The calendar year `year`, written `2024`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::Year`] for a year outside 1..=9999.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert_eq!(Period::year(2024)?.to_string(), "2024");
    /// assert!(Period::year(10_000).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(year: i32) -> Result<Period, PeriodError> {
        let y = check_year(year, || format!("{year:04}"))?;
        Ok(Period(Repr::Year { year: y }))
    }

    /// The custom range `start ..= end`, both days included, written
    /// `2024-02-22..2024-12-31`. A one-day range has `start == end`.
    ///
    /// # Errors
    ///
    /// [`PeriodError::Year`] when either day lies outside the years 1..=9999,
    /// [`PeriodError::Reversed`] when `end` is before `start`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::period::Period;
    ///
    /// let start = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let end = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
    /// let p = Period::custom(start, end)?;
    /// assert_eq!(p.to_string(), "2024-02-22..2024-12-31");
    /// assert_eq!(p.frequency(), None);
    /// assert!(Period::custom(end, start).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn custom(start: NaiveDate, end: NaiveDate) -> Result<Period, PeriodError> {
        let input = || format!("{start}..{end}");
        check_year(start.year(), input)?;
        check_year(end.year(), input)?;
        if end < start {
            return Err(PeriodError::Reversed {
                input: input(),
                start,
                end,
            });
        }
        Ok(Period(Repr::Custom { start, end }))
    }

    /// The period of `frequency` that contains `date`.
    ///
    /// Returns `None` when the date's year is outside 1..=9999, or for
    /// [`Frequency::NineMonthly`] when the date falls in October to December (nine-month
    /// periods do not cover the whole year).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::period::{Frequency, Period};
    ///
    /// let d = NaiveDate::from_ymd_opt(2024, 8, 2).ok_or("date")?;
    /// assert_eq!(Period::containing(d, Frequency::HalfYearly), Some(Period::half_year(2024, 2)?));
    /// assert_eq!(Period::containing(d, Frequency::NineMonthly), Some(Period::nine_months(2024)?));
    /// let december = NaiveDate::from_ymd_opt(2024, 12, 1).ok_or("date")?;
    /// assert_eq!(Period::containing(december, Frequency::NineMonthly), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn containing(date: NaiveDate, frequency: Frequency) -> Option<Period> {
        let (year, month) = (date.year(), date.month());
        match frequency {
            Frequency::Monthly => Period::month(year, month),
            Frequency::Quarterly => Period::quarter(year, (month - 1) / 3 + 1),
            Frequency::HalfYearly => Period::half_year(year, (month - 1) / 6 + 1),
            Frequency::NineMonthly if month > 9 => return None,
            Frequency::NineMonthly => Period::nine_months(year),
            Frequency::Yearly => Period::year(year),
        }
        .ok()
    }

    /// The first day of the period.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert_eq!(Period::half_year(2024, 2)?.start().to_string(), "2024-07-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn start(self) -> NaiveDate {
        match self.0 {
            Repr::Month { year, month } => first_of(year, u32::from(month)),
            Repr::Quarter { year, quarter } => first_of(year, u32::from(quarter) * 3 - 2),
            Repr::Half { year, half } => first_of(year, u32::from(half) * 6 - 5),
            Repr::NineMonths { year } | Repr::Year { year } => first_of(year, 1),
            Repr::Custom { start, .. } => start,
        }
    }

    /// The last day of the period (inclusive).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert_eq!(Period::month(2024, 2)?.end().to_string(), "2024-02-29");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn end(self) -> NaiveDate {
        match self.0 {
            Repr::Month { year, month } => last_of(year, u32::from(month)),
            Repr::Quarter { year, quarter } => last_of(year, u32::from(quarter) * 3),
            Repr::Half { year, half } => last_of(year, u32::from(half) * 6),
            Repr::NineMonths { year } => last_of(year, 9),
            Repr::Year { year } => last_of(year, 12),
            Repr::Custom { end, .. } => end,
        }
    }

    /// The number of days in the period, both ends included (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert_eq!(Period::year(2024)?.days(), 366);
    /// assert_eq!("2024-03-01..2024-03-01".parse::<Period>()?.days(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn days(self) -> i64 {
        (self.end() - self.start()).num_days() + 1
    }

    /// Whether `date` lies in the period (both ends included).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::period::Period;
    ///
    /// let q1 = Period::quarter(2024, 1)?;
    /// assert!(q1.contains(NaiveDate::from_ymd_opt(2024, 3, 31).ok_or("date")?));
    /// assert!(!q1.contains(NaiveDate::from_ymd_opt(2024, 4, 1).ok_or("date")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The frequency of a calendar period; `None` for a custom range.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::{Frequency, Period};
    ///
    /// assert_eq!(Period::nine_months(2024)?.frequency(), Some(Frequency::NineMonthly));
    /// assert_eq!("2024-01-01..2024-01-31".parse::<Period>()?.frequency(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn frequency(self) -> Option<Frequency> {
        match self.0 {
            Repr::Month { .. } => Some(Frequency::Monthly),
            Repr::Quarter { .. } => Some(Frequency::Quarterly),
            Repr::Half { .. } => Some(Frequency::HalfYearly),
            Repr::NineMonths { .. } => Some(Frequency::NineMonthly),
            Repr::Year { .. } => Some(Frequency::Yearly),
            Repr::Custom { .. } => None,
        }
    }

    /// Whether the period is a custom range.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert!("2024-02-22..2024-12-31".parse::<Period>()?.is_custom());
    /// assert!(!Period::year(2024)?.is_custom());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_custom(self) -> bool {
        matches!(self.0, Repr::Custom { .. })
    }

    /// The period `n` steps after this one (`n < 0`: before), `None` outside the years
    /// 1..=9999.
    ///
    /// A calendar period steps by its own frequency: months by months, quarters by
    /// quarters, nine-month periods and years by years (`2024-9M` + 1 is `2025-9M`).
    /// A custom range steps by its own length: `2024-03-01..2024-03-10` + 1 is
    /// `2024-03-11..2024-03-20`, so consecutive offsets tile time and
    /// `p.offset(n)?.offset(-n) == Some(p)`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// let m = Period::month(2024, 11)?;
    /// assert_eq!(m.offset(3), Some(Period::month(2025, 2)?));
    /// assert_eq!(m.offset(-11), Some(Period::month(2023, 12)?));
    /// assert_eq!(Period::year(9999)?.offset(1), None);
    /// let c: Period = "2024-03-01..2024-03-10".parse()?;
    /// assert_eq!(c.offset(1), Some("2024-03-11..2024-03-20".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn offset(self, n: i64) -> Option<Period> {
        let (frequency, year, index) = match self.0 {
            Repr::Month { year, month } => (Frequency::Monthly, year, month),
            Repr::Quarter { year, quarter } => (Frequency::Quarterly, year, quarter),
            Repr::Half { year, half } => (Frequency::HalfYearly, year, half),
            Repr::NineMonths { year } => (Frequency::NineMonthly, year, 1),
            Repr::Year { year } => (Frequency::Yearly, year, 1),
            Repr::Custom { start, end } => {
                let shift = self.days().checked_mul(n)?;
                let start = shift_days(start, shift)?;
                let end = shift_days(end, shift)?;
                return Period::custom(start, end).ok();
            }
        };
        let per_year = frequency.per_year();
        let slot = (i64::from(year) * per_year + i64::from(index) - 1).checked_add(n)?;
        let year = i32::try_from(slot.div_euclid(per_year)).ok()?;
        let index = u32::try_from(slot.rem_euclid(per_year) + 1).ok()?;
        match frequency {
            Frequency::Monthly => Period::month(year, index),
            Frequency::Quarterly => Period::quarter(year, index),
            Frequency::HalfYearly => Period::half_year(year, index),
            Frequency::NineMonthly => Period::nine_months(year),
            Frequency::Yearly => Period::year(year),
        }
        .ok()
    }

    /// The next period: [`offset(1)`](Period::offset).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert_eq!(Period::quarter(2024, 4)?.next(), Some(Period::quarter(2025, 1)?));
    /// assert_eq!(Period::month(9999, 12)?.next(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn next(self) -> Option<Period> {
        self.offset(1)
    }

    /// The previous period: [`offset(-1)`](Period::offset).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert_eq!(Period::half_year(2024, 1)?.prev(), Some(Period::half_year(2023, 2)?));
    /// assert_eq!(Period::year(1)?.prev(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn prev(self) -> Option<Period> {
        self.offset(-1)
    }

    /// The periods of `frequency` lying wholly inside this period, in order.
    ///
    /// A year holds twelve months, four quarters, two halves and one nine-month period; a
    /// month holds no quarter; a custom range holds the calendar periods it covers
    /// completely.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::{Frequency, Period};
    ///
    /// let h2 = Period::half_year(2024, 2)?;
    /// let quarters: Vec<Period> = h2.sub_periods(Frequency::Quarterly).collect();
    /// assert_eq!(quarters, [Period::quarter(2024, 3)?, Period::quarter(2024, 4)?]);
    /// let custom: Period = "2024-02-22..2024-05-31".parse()?;
    /// let months: Vec<String> = custom.sub_periods(Frequency::Monthly).map(|p| p.to_string()).collect();
    /// assert_eq!(months, ["2024-03", "2024-04", "2024-05"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sub_periods(self, frequency: Frequency) -> SubPeriods {
        let (start, end) = (self.start(), self.end());
        SubPeriods {
            inner: frequency.periods(start, end),
            start,
            end,
        }
    }

    /// The days the two periods share, `None` if they are disjoint.
    ///
    /// When the shared days are exactly one of the two periods, that period is returned
    /// (this one first), keeping its kind; otherwise the result is a custom range.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// let q1 = Period::quarter(2024, 1)?;
    /// let feb = Period::month(2024, 2)?;
    /// assert_eq!(q1.intersection(&feb), Some(feb));
    /// let custom: Period = "2024-02-22..2024-12-31".parse()?;
    /// assert_eq!(q1.intersection(&custom), Some("2024-02-22..2024-03-31".parse()?));
    /// assert_eq!(q1.intersection(&Period::quarter(2024, 2)?), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn intersection(&self, other: &Period) -> Option<Period> {
        let start = self.start().max(other.start());
        let end = self.end().min(other.end());
        if start > end {
            None
        } else if (start, end) == (self.start(), self.end()) {
            Some(*self)
        } else if (start, end) == (other.start(), other.end()) {
            Some(*other)
        } else {
            Period::custom(start, end).ok()
        }
    }

    /// The rank of the kind, the last key of the order.
    fn kind_rank(self) -> u8 {
        match self.0 {
            Repr::Month { .. } => 0,
            Repr::Quarter { .. } => 1,
            Repr::Half { .. } => 2,
            Repr::NineMonths { .. } => 3,
            Repr::Year { .. } => 4,
            Repr::Custom { .. } => 5,
        }
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start()
            .cmp(&other.start())
            .then_with(|| self.end().cmp(&other.end()))
            .then_with(|| self.kind_rank().cmp(&other.kind_rank()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Repr::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Repr::Half { year, half } => write!(f, "{year:04}-H{half}"),
            Repr::NineMonths { year } => write!(f, "{year:04}-9M"),
            Repr::Year { year } => write!(f, "{year:04}"),
            Repr::Custom { start, end } => write!(f, "{start}..{end}"),
        }
    }
}

impl fmt::Debug for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Period")
            .field(&format_args!("{self}"))
            .finish()
    }
}

/// Parses a run of exactly `len` ASCII digits.
fn digits(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// Parses one day of a custom range, `YYYY-MM-DD` exactly.
fn parse_day(input: &str, s: &str) -> Result<NaiveDate, PeriodError> {
    let syntax = || PeriodError::Syntax {
        input: input.to_owned(),
    };
    let (y, rest) = s.split_once('-').ok_or_else(syntax)?;
    let (m, d) = rest.split_once('-').ok_or_else(syntax)?;
    let (y, m, d) = match (digits(y, 4), digits(m, 2), digits(d, 2)) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => return Err(syntax()),
    };
    // `y` has four digits, so it fits an i32.
    let year = i32::try_from(y).map_err(|_| syntax())?;
    NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| PeriodError::Date {
        input: input.to_owned(),
        date: s.to_owned(),
    })
}

/// Attaches the original input to an error built from numbers.
fn with_input(err: PeriodError, original: &str) -> PeriodError {
    let input = original.to_owned();
    match err {
        PeriodError::Year { year, .. } => PeriodError::Year { input, year },
        PeriodError::Month { month, .. } => PeriodError::Month { input, month },
        PeriodError::Quarter { quarter, .. } => PeriodError::Quarter { input, quarter },
        PeriodError::Half { half, .. } => PeriodError::Half { input, half },
        PeriodError::Reversed { start, end, .. } => PeriodError::Reversed { input, start, end },
        other => other,
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    /// Parses the canonical string of a period.
    ///
    /// Accepted, and only these: `YYYY`, `YYYY-Hn`, `YYYY-Qn`, `YYYY-MM`, `YYYY-9M`, and
    /// `YYYY-MM-DD..YYYY-MM-DD`, with ASCII digits, four-digit years, two-digit months and
    /// days, and upper-case `H`, `Q`, `M`.
    ///
    /// The parser is deliberately strict. Lenient spellings such as `2024-q1`, `2024Q1`,
    /// `2024-9`, `2024-9m` or ` 2024-Q1` (with whitespace) are rejected, so that each
    /// period has exactly one spelling and string keys compare like periods. Callers who
    /// take free-form input should trim and upper-case it themselves.
    ///
    /// # Errors
    ///
    /// - [`PeriodError::Syntax`] for any other shape;
    /// - [`PeriodError::Year`] for the year `0000`;
    /// - [`PeriodError::Month`], [`PeriodError::Quarter`], [`PeriodError::Half`] for an
    ///   index out of range (`2024-13`, `2024-Q5`, `2024-H3`);
    /// - [`PeriodError::Date`] for a day that does not exist (`2024-02-30..2024-03-01`);
    /// - [`PeriodError::Reversed`] for a range that ends before it starts.
    ///
    /// Every error carries the whole input.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::{Period, PeriodError};
    ///
    /// for s in ["2024", "2024-H1", "2024-Q3", "2024-09", "2024-9M", "2024-02-22..2024-12-31"] {
    ///     assert_eq!(s.parse::<Period>()?.to_string(), s);
    /// }
    /// assert!(matches!("2024-q1".parse::<Period>(), Err(PeriodError::Syntax { .. })));
    /// assert!(matches!("2024-13".parse::<Period>(), Err(PeriodError::Month { month: 13, .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let syntax = || PeriodError::Syntax {
            input: s.to_owned(),
        };
        if let Some((a, b)) = s.split_once("..") {
            let start = parse_day(s, a)?;
            let end = parse_day(s, b)?;
            return Period::custom(start, end).map_err(|e| with_input(e, s));
        }
        let (year_part, rest) = match s.split_once('-') {
            Some((y, rest)) => (y, Some(rest)),
            None => (s, None),
        };
        let year = digits(year_part, 4).ok_or_else(syntax)?;
        let year = i32::try_from(year).map_err(|_| syntax())?;
        let index = |r: &str| {
            // One digit, or up to three without a leading zero (`Q10` is out of range,
            // `Q01` is not a spelling of `Q1`).
            if r.len() == 1 || ((2..=3).contains(&r.len()) && !r.starts_with('0')) {
                digits(r, r.len())
            } else {
                None
            }
        };
        let result = match rest {
            None => Period::year(year),
            Some("9M") => Period::nine_months(year),
            Some(r) => {
                if let Some(q) = r.strip_prefix('Q') {
                    Period::quarter(year, index(q).ok_or_else(syntax)?)
                } else if let Some(h) = r.strip_prefix('H') {
                    Period::half_year(year, index(h).ok_or_else(syntax)?)
                } else {
                    Period::month(year, digits(r, 2).ok_or_else(syntax)?)
                }
            }
        };
        result.map_err(|e| with_input(e, s))
    }
}

impl TryFrom<&str> for Period {
    type Error = PeriodError;

    /// Parses the canonical string, as [`FromStr`] does.
    ///
    /// # Errors
    ///
    /// As [`Period::from_str`](Period#impl-FromStr-for-Period).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    ///
    /// assert_eq!(Period::try_from("2024-H2")?, Period::half_year(2024, 2)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use std::fmt;

    use serde::de::{self, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Frequency, Period};

    impl Serialize for Period {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self)
        }
    }

    impl<'de> Deserialize<'de> for Period {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct PeriodVisitor;

            impl Visitor<'_> for PeriodVisitor {
                type Value = Period;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a period string such as `2024-Q3`")
                }

                fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
                    v.parse().map_err(E::custom)
                }
            }

            deserializer.deserialize_str(PeriodVisitor)
        }
    }

    impl Serialize for Frequency {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> Deserialize<'de> for Frequency {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct FrequencyVisitor;

            impl Visitor<'_> for FrequencyVisitor {
                type Value = Frequency;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a frequency such as `quarterly`")
                }

                fn visit_str<E: de::Error>(self, v: &str) -> Result<Frequency, E> {
                    v.parse().map_err(E::custom)
                }
            }

            deserializer.deserialize_str(FrequencyVisitor)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        reason = "tests fail loudly on unexpected errors"
    )]

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn period_is_small_and_copy() {
        fn assert_copy<T: Copy + Send + Sync + 'static>() {}
        assert_copy::<Period>();
        assert!(std::mem::size_of::<Period>() <= 12);
        assert_eq!(std::mem::size_of::<Option<Period>>(), 12);
    }

    #[test]
    fn days_in_month_matches_chrono() {
        for year in [1, 4, 100, 400, 1900, 2000, 2023, 2024, 9999] {
            for month in 1..=12 {
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap()
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap()
                };
                let last = next.pred_opt().unwrap();
                assert_eq!(days_in_month(year, month), last.day(), "{year}-{month}");
            }
        }
    }

    #[test]
    fn edge_constants() {
        assert_eq!(MIN_DATE, d("0001-01-01"));
        assert_eq!(MAX_DATE, d("9999-12-31"));
    }

    #[test]
    fn with_input_replaces_the_numeric_input() {
        let err = Period::quarter(2024, 5).unwrap_err();
        assert_eq!(
            with_input(err, "x"),
            PeriodError::Quarter {
                input: "x".into(),
                quarter: 5
            }
        );
    }

    #[test]
    fn shift_days_both_ways() {
        assert_eq!(shift_days(d("2024-03-01"), -1), Some(d("2024-02-29")));
        assert_eq!(shift_days(d("2024-02-28"), 2), Some(d("2024-03-01")));
        assert_eq!(shift_days(NaiveDate::MAX, 1), None);
    }

    #[test]
    fn iso_dates_have_one_spelling() {
        assert_eq!(
            crate::text::strict_date("2024-02-29"),
            Some(d("2024-02-29"))
        );
        assert_eq!(
            crate::text::strict_date("0001-01-01"),
            Some(d("0001-01-01"))
        );
        for text in [
            "2023-02-29",
            "2024-1-05",
            "2024-01-5",
            "+2024-01-05",
            " 2024-01-05",
            "2024-01-05 ",
            "20240-01-05",
            "2024/01/05",
            "2024-01-05-",
            "",
        ] {
            assert_eq!(crate::text::strict_date(text), None, "{text:?}");
        }
    }

    #[test]
    fn huge_offsets_are_none() {
        let p = Period::month(2024, 1).unwrap();
        assert_eq!(p.offset(i64::MAX), None);
        assert_eq!(p.offset(i64::MIN), None);
        let c = Period::custom(d("2024-01-01"), d("2024-01-31")).unwrap();
        assert_eq!(c.offset(i64::MAX), None);
        assert_eq!(c.offset(i64::MIN), None);
    }
}
