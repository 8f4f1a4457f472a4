//! Legal terms in days, weeks, months, years and working days, counted by the Civil Code
//! 2015, arts. 147–148.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use super::CalendarError;
use super::work::{DayKind, Roll, WorkCalendar};
use crate::provenance::Certainty;

/// The unit of a [`Term`].
///
/// New units may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::calendar::TermUnit;
///
/// assert_eq!(TermUnit::WorkingDays.to_string(), "working days");
/// assert_eq!(TermUnit::Years.max_count(), 100);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum TermUnit {
    /// Calendar days (Civil Code 2015 art. 148.1).
    Days,
    /// Weeks of seven days (art. 148.2).
    Weeks,
    /// Months (art. 148.3).
    Months,
    /// Years (art. 148.4).
    Years,
    /// Working days of a [`WorkCalendar`].
    WorkingDays,
}

impl TermUnit {
    /// Every unit, in the order of the enum.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::TermUnit;
    ///
    /// assert_eq!(TermUnit::ALL.len(), 5);
    /// assert_eq!(TermUnit::ALL[0], TermUnit::Days);
    /// ```
    pub const ALL: [TermUnit; 5] = [
        TermUnit::Days,
        TermUnit::Weeks,
        TermUnit::Months,
        TermUnit::Years,
        TermUnit::WorkingDays,
    ];

    /// The name data files use: `days`, `weeks`, `months`, `years`, `working_days`
    /// (snake_case, like every value of the crate's file formats; a [`Term`]'s own string
    /// form is `10 working days`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::TermUnit;
    ///
    /// assert_eq!(TermUnit::WorkingDays.as_str(), "working_days");
    /// assert_eq!(TermUnit::from_name("days"), Some(TermUnit::Days));
    /// assert_eq!(TermUnit::from_name("working days"), None);
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            TermUnit::Days => "days",
            TermUnit::Weeks => "weeks",
            TermUnit::Months => "months",
            TermUnit::Years => "years",
            TermUnit::WorkingDays => "working_days",
        }
    }

    /// The unit a data file's name stands for ([`TermUnit::as_str`]), or `None`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::TermUnit;
    ///
    /// assert_eq!(TermUnit::from_name("working_days"), Some(TermUnit::WorkingDays));
    /// assert_eq!(TermUnit::from_name("calendar"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<TermUnit> {
        TermUnit::ALL.into_iter().find(|u| u.as_str() == name)
    }

    /// The largest count a term in this unit may have: the equivalent of 100 years
    /// (36,525 days, 5,218 weeks, 1,200 months, 100 years, 26,100 working days).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::TermUnit;
    ///
    /// assert_eq!(TermUnit::Months.max_count(), 1_200);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn max_count(self) -> i64 {
        match self {
            TermUnit::Days => 36_525,
            TermUnit::Weeks => 5_218,
            TermUnit::Months => 1_200,
            TermUnit::Years => 100,
            TermUnit::WorkingDays => 26_100,
        }
    }

    /// The unit's name in `lang` for `count` of it (English has a singular).
    pub(crate) fn label(self, lang: crate::Lang, count: u32) -> &'static str {
        if lang == crate::Lang::Vi {
            return match self {
                TermUnit::Days => "ngày",
                TermUnit::Weeks => "tuần",
                TermUnit::Months => "tháng",
                TermUnit::Years => "năm",
                TermUnit::WorkingDays => "ngày làm việc",
            };
        }
        match (self, count == 1) {
            (TermUnit::Days, true) => "day",
            (TermUnit::Days, false) => "days",
            (TermUnit::Weeks, true) => "week",
            (TermUnit::Weeks, false) => "weeks",
            (TermUnit::Months, true) => "month",
            (TermUnit::Months, false) => "months",
            (TermUnit::Years, true) => "year",
            (TermUnit::Years, false) => "years",
            (TermUnit::WorkingDays, true) => "working day",
            (TermUnit::WorkingDays, false) => "working days",
        }
    }

    fn parse(unit: &str) -> Option<TermUnit> {
        Some(match unit {
            "day" | "days" | "ngày" => TermUnit::Days,
            "week" | "weeks" | "tuần" => TermUnit::Weeks,
            "month" | "months" | "tháng" => TermUnit::Months,
            "year" | "years" | "năm" => TermUnit::Years,
            "working day" | "working days" | "ngày làm việc" => TermUnit::WorkingDays,
            _ => return None,
        })
    }
}

impl fmt::Display for TermUnit {
    /// The plural English name, such as `working days`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(crate::Lang::En, 2))
    }
}

/// A legal term: a positive count of days, weeks, months, years or working days, at most
/// the equivalent of 100 years ([`TermUnit::max_count`]).
///
/// [`Term::ends_on`] computes the last day by the Civil Code 2015, arts. 147–148;
/// [`Term::explain`] also says which days were skipped and why.
///
/// The string form is `<count> <unit>` in English (`10 working days`, `1 month`, `2 weeks`,
/// `30 days`, `1 year`) or Vietnamese (`10 ngày làm việc`, `1 tháng`, `2 tuần`, `30 ngày`,
/// `1 năm`); parsing ignores case and extra spaces. [`Display`](fmt::Display) writes English;
/// [`Term::sentence`] writes either language. With the `serde` feature a term is a string.
///
/// # Example
///
/// ```
/// use directives::calendar::{Term, TermUnit};
///
/// let t: Term = "10 ngày làm việc".parse()?;
/// assert_eq!(t, Term::new(10, TermUnit::WorkingDays)?);
/// assert_eq!(t.to_string(), "10 working days");
/// assert_eq!("1 Month".parse::<Term>()?.sentence(directives::Lang::Vi), "1 tháng");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Term {
    // INVARIANT (count): 1 <= count <= unit.max_count(), checked in `Term::new`.
    count: u32,
    unit: TermUnit,
}

impl Term {
    /// A term of `count` units.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::TermNotPositive`] when `count < 1`;
    /// - [`CalendarError::TermTooLong`] when `count > unit.max_count()`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{Term, TermUnit};
    ///
    /// assert_eq!(Term::new(2, TermUnit::Weeks)?.count(), 2);
    /// assert_eq!(Term::new(0, TermUnit::Days).unwrap_err().to_string(), "term count `0` is not positive");
    /// assert_eq!(
    ///     Term::new(101, TermUnit::Years).unwrap_err().to_string(),
    ///     "term `101 years` exceeds the maximum of `100 years`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(count: i64, unit: TermUnit) -> Result<Term, CalendarError> {
        // INVARIANT (count): checked here.
        if count < 1 {
            return Err(CalendarError::TermNotPositive { count });
        }
        let max = unit.max_count();
        if count > max {
            return Err(CalendarError::TermTooLong { count, unit, max });
        }
        let count =
            u32::try_from(count).map_err(|_| CalendarError::TermTooLong { count, unit, max })?;
        Ok(Term { count, unit })
    }

    /// A term of `count` days: `Term::new(count, TermUnit::Days)`.
    ///
    /// # Errors
    ///
    /// As [`Term::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::Term;
    ///
    /// assert_eq!(Term::days(30)?.to_string(), "30 days");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn days(count: i64) -> Result<Term, CalendarError> {
        Term::new(count, TermUnit::Days)
    }

    /// A term of `count` weeks: `Term::new(count, TermUnit::Weeks)`.
    ///
    /// # Errors
    ///
    /// As [`Term::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::Term;
    ///
    /// assert_eq!(Term::weeks(2)?.to_string(), "2 weeks");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn weeks(count: i64) -> Result<Term, CalendarError> {
        Term::new(count, TermUnit::Weeks)
    }

    /// A term of `count` months: `Term::new(count, TermUnit::Months)`.
    ///
    /// # Errors
    ///
    /// As [`Term::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::Term;
    ///
    /// assert_eq!(Term::months(1)?.to_string(), "1 month");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn months(count: i64) -> Result<Term, CalendarError> {
        Term::new(count, TermUnit::Months)
    }

    /// A term of `count` years: `Term::new(count, TermUnit::Years)`.
    ///
    /// # Errors
    ///
    /// As [`Term::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::Term;
    ///
    /// assert_eq!(Term::years(1)?.to_string(), "1 year");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn years(count: i64) -> Result<Term, CalendarError> {
        Term::new(count, TermUnit::Years)
    }

    /// A term of `count` working days: `Term::new(count, TermUnit::WorkingDays)`.
    ///
    /// # Errors
    ///
    /// As [`Term::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::Term;
    ///
    /// assert_eq!(Term::working_days(10)?.to_string(), "10 working days");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn working_days(count: i64) -> Result<Term, CalendarError> {
        Term::new(count, TermUnit::WorkingDays)
    }

    /// The count.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::Term;
    ///
    /// assert_eq!("10 working days".parse::<Term>()?.count(), 10);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn count(&self) -> u32 {
        self.count
    }

    /// The unit.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{Term, TermUnit};
    ///
    /// assert_eq!("1 tháng".parse::<Term>()?.unit(), TermUnit::Months);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn unit(&self) -> TermUnit {
        self.unit
    }

    /// The term in `lang`, such as `10 working days` or `10 ngày làm việc`; the English
    /// form is also its `Display`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::calendar::Term;
    ///
    /// let term = "2 weeks".parse::<Term>()?;
    /// assert_eq!(term.sentence(Lang::Vi), "2 tuần");
    /// assert_eq!(term.sentence(Lang::En), "2 weeks");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        format!("{} {}", self.count, self.unit.label(lang, self.count))
    }

    /// The last day of the term started by `anchor` (a day or the day of an event): the
    /// term ends at the end of that day (Civil Code 2015 art. 148.6).
    ///
    /// - Counting starts on the day after the anchor (art. 147.2; art. 147.3 when the term
    ///   starts with an event).
    /// - Days: the last day is the anchor plus the count (art. 148.1).
    /// - Weeks: the same weekday of the last week (art. 148.2).
    /// - Months: the same day number of the last month, or that month's last day if it has
    ///   no such day, so Jan 31 + 1 month is Feb 28 or 29 (art. 148.3).
    /// - Years: the same day and month of the last year (art. 148.4); from Feb 29 to a
    ///   common year, Feb 28, by analogy with art. 148.3.
    /// - If the last day is not a working day of `cal` (a weekly rest day, a holiday, a
    ///   compensatory or scheduled day off), the term ends on the next working day (art.
    ///   148.5).
    /// - Working days: the `count`-th working day of `cal` after the anchor; only working
    ///   days count, starting the day after the anchor (art. 147.2 applied to working days:
    ///   the Civil Code itself has no working-day unit, which comes from the texts that set
    ///   such terms). The result is a working day, so art. 148.5 has nothing to move.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] or [`CalendarError::WorkingDaysOutOfRange`] when the
    /// anchor or the end lies outside the calendar's range.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // Jan 31, 2024 + 1 month: Feb 29 (a Thursday).
    /// assert_eq!("1 month".parse::<Term>()?.ends_on(d(2024, 1, 31)?, &cal)?, d(2024, 2, 29)?);
    /// // Apr 26, 2025 + 4 days: Apr 30, a holiday; May 1 holiday, May 2 swapped, May 3–4
    /// // weekend: the term ends on Monday May 5 (art. 148.5).
    /// assert_eq!("4 days".parse::<Term>()?.ends_on(d(2025, 4, 26)?, &cal)?, d(2025, 5, 5)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ends_on(
        &self,
        anchor: NaiveDate,
        cal: &WorkCalendar,
    ) -> Result<NaiveDate, CalendarError> {
        let nominal = self.nominal_end(anchor, cal)?;
        match self.unit {
            TermUnit::WorkingDays => Ok(nominal),
            _ => cal.roll(nominal, Roll::Following),
        }
    }

    /// The last day before art. 148.5 moves it off a non-working day.
    fn nominal_end(
        &self,
        anchor: NaiveDate,
        cal: &WorkCalendar,
    ) -> Result<NaiveDate, CalendarError> {
        // The anchor must lie in the calendar (this also names it in the error).
        cal.is_working_day(anchor)?;
        let count = u64::from(self.count);
        let end = match self.unit {
            TermUnit::WorkingDays => return cal.add_working_days(anchor, i64::from(self.count)),
            TermUnit::Days => anchor.checked_add_days(Days::new(count)),
            TermUnit::Weeks => anchor.checked_add_days(Days::new(count * 7)),
            TermUnit::Months => anchor.checked_add_months(Months::new(self.count)),
            TermUnit::Years => self
                .count
                .checked_mul(12)
                .and_then(|m| anchor.checked_add_months(Months::new(m))),
        };
        end.ok_or(CalendarError::OutOfRange {
            date: anchor,
            first: cal.first(),
            last: cal.last(),
        })
    }

    /// The last day of the term with the reasons: the provisions applied, the nominal last
    /// day, and the days skipped (non-working days counted over for a working-day term;
    /// the days art. 148.5 moved over for the other units).
    ///
    /// # Errors
    ///
    /// As [`Term::ends_on`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{DayKind, Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let anchor = NaiveDate::from_ymd_opt(2024, 2, 6).ok_or("bad date")?;
    /// let end = "10 working days".parse::<Term>()?.explain(anchor, &cal)?;
    /// assert_eq!(end.end(), NaiveDate::from_ymd_opt(2024, 2, 27).ok_or("bad date")?);
    /// // Tết Feb 8–14 and three weekends.
    /// assert_eq!(end.skipped().len(), 11);
    /// assert!(matches!(end.skipped()[0].kind(), DayKind::ScheduledDayOff(_)));
    /// assert_eq!(end.provisions(), ["Civil Code 2015 art. 147.2"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self, anchor: NaiveDate, cal: &WorkCalendar) -> Result<TermEnd, CalendarError> {
        let nominal_end = self.nominal_end(anchor, cal)?;
        let end = match self.unit {
            TermUnit::WorkingDays => nominal_end,
            _ => cal.roll(nominal_end, Roll::Following)?,
        };
        let skip_from = match self.unit {
            TermUnit::WorkingDays => anchor.succ_opt().unwrap_or(anchor),
            _ => nominal_end,
        };
        let mut skipped = Vec::new();
        for date in skip_from.iter_days().take_while(|d| *d < end) {
            let kind = cal.day_info(date)?;
            if !kind.is_working() {
                skipped.push(SkippedDay { date, kind });
            }
        }
        let mut provisions = vec![
            "Civil Code 2015 art. 147.2",
            match self.unit {
                TermUnit::Days => "Civil Code 2015 art. 148.1",
                TermUnit::Weeks => "Civil Code 2015 art. 148.2",
                TermUnit::Months => "Civil Code 2015 art. 148.3",
                TermUnit::Years => "Civil Code 2015 art. 148.4",
                TermUnit::WorkingDays => "",
            },
        ];
        provisions.retain(|p| !p.is_empty());
        if end != nominal_end {
            provisions.push("Civil Code 2015 art. 148.5");
        }
        Ok(TermEnd {
            term: *self,
            anchor,
            nominal_end,
            end,
            skipped,
            provisions,
        })
    }
}

impl fmt::Display for Term {
    /// The English form, such as `10 working days` or `1 month`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.count,
            self.unit.label(crate::Lang::En, self.count)
        )
    }
}

impl FromStr for Term {
    type Err = CalendarError;

    /// Parses `<count> <unit>` in English or Vietnamese (see [`Term`]).
    ///
    /// # Errors
    ///
    /// [`CalendarError::TermParse`] for a string that is not a count and a unit; the errors
    /// of [`Term::new`] for a count out of bounds.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parse_error = || CalendarError::TermParse {
            input: s.to_owned(),
        };
        let normal: String = s.nfc().collect::<String>().to_lowercase();
        let mut words = normal.split_whitespace();
        let count = words.next().ok_or_else(parse_error)?;
        let unit = words.collect::<Vec<_>>().join(" ");
        let unit = TermUnit::parse(&unit).ok_or_else(parse_error)?;
        let count: i64 = count.parse().map_err(|_| parse_error())?;
        Term::new(count, unit)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Term {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Term {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Term;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a term such as `10 working days` or `1 month`")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Term, E> {
                v.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

/// A day a term skipped, and why: see [`TermEnd::skipped`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::{DayKind, Term, WorkCalendar};
///
/// let cal = WorkCalendar::vietnam()?;
/// let anchor = NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("bad date")?;
/// let end = "1 working day".parse::<Term>()?.explain(anchor, &cal)?;
/// let weekend: Vec<_> = end.skipped().iter().map(|s| (s.date().to_string(), s.kind().clone())).collect();
/// assert_eq!(
///     weekend,
///     [("2024-03-02".to_owned(), DayKind::WeeklyRest), ("2024-03-03".to_owned(), DayKind::WeeklyRest)]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SkippedDay {
    date: NaiveDate,
    kind: DayKind,
}

impl SkippedDay {
    /// The date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // 2 days from Thu 2026-04-23 end on Sat Apr 25; Sun Apr 26 is Hùng Kings' day and Mon
    /// // Apr 27 its compensatory day, so the term ends on Tue Apr 28 (art. 148.5).
    /// let end = "2 days".parse::<Term>()?.explain(d(2026, 4, 23)?, &cal)?;
    /// assert_eq!(end.skipped()[0].date(), d(2026, 4, 25)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// What the day is (never a working day).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{DayKind, Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // 2 days from Thu 2026-04-23 end on Sat Apr 25; Sun Apr 26 is Hùng Kings' day and Mon
    /// // Apr 27 its compensatory day, so the term ends on Tue Apr 28 (art. 148.5).
    /// let end = "2 days".parse::<Term>()?.explain(d(2026, 4, 23)?, &cal)?;
    /// assert!(matches!(end.skipped()[1].kind(), DayKind::Holiday(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> &DayKind {
        &self.kind
    }
}

/// The end of a term with its explanation: the answer of [`Term::explain`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::{Term, WorkCalendar};
///
/// let cal = WorkCalendar::vietnam()?;
/// let anchor = NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("bad date")?;
/// let end = "1 day".parse::<Term>()?.explain(anchor, &cal)?;
/// // Mar 2 is a Saturday: the term ends on Monday Mar 4 (art. 148.5).
/// assert_eq!(end.nominal_end(), NaiveDate::from_ymd_opt(2024, 3, 2).ok_or("bad date")?);
/// assert_eq!(end.end(), NaiveDate::from_ymd_opt(2024, 3, 4).ok_or("bad date")?);
/// assert_eq!(end.provisions().last(), Some(&"Civil Code 2015 art. 148.5"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TermEnd {
    term: Term,
    anchor: NaiveDate,
    nominal_end: NaiveDate,
    end: NaiveDate,
    skipped: Vec<SkippedDay>,
    provisions: Vec<&'static str>,
}

impl TermEnd {
    /// The term.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // 2 days from Thu 2026-04-23 end on Sat Apr 25; Sun Apr 26 is Hùng Kings' day and Mon
    /// // Apr 27 its compensatory day, so the term ends on Tue Apr 28 (art. 148.5).
    /// let end = "2 days".parse::<Term>()?.explain(d(2026, 4, 23)?, &cal)?;
    /// assert_eq!(end.term().to_string(), "2 days");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn term(&self) -> Term {
        self.term
    }

    /// The anchor day.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // 2 days from Thu 2026-04-23 end on Sat Apr 25; Sun Apr 26 is Hùng Kings' day and Mon
    /// // Apr 27 its compensatory day, so the term ends on Tue Apr 28 (art. 148.5).
    /// let end = "2 days".parse::<Term>()?.explain(d(2026, 4, 23)?, &cal)?;
    /// assert_eq!(end.anchor(), d(2026, 4, 23)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn anchor(&self) -> NaiveDate {
        self.anchor
    }

    /// The last day before art. 148.5 moved it (equal to [`end`](TermEnd::end) for a
    /// working-day term or when the last day is a working day).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // 2 days from Thu 2026-04-23 end on Sat Apr 25; Sun Apr 26 is Hùng Kings' day and Mon
    /// // Apr 27 its compensatory day, so the term ends on Tue Apr 28 (art. 148.5).
    /// let end = "2 days".parse::<Term>()?.explain(d(2026, 4, 23)?, &cal)?;
    /// assert_eq!(end.nominal_end(), d(2026, 4, 25)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn nominal_end(&self) -> NaiveDate {
        self.nominal_end
    }

    /// The last day of the term.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // 2 days from Thu 2026-04-23 end on Sat Apr 25; Sun Apr 26 is Hùng Kings' day and Mon
    /// // Apr 27 its compensatory day, so the term ends on Tue Apr 28 (art. 148.5).
    /// let end = "2 days".parse::<Term>()?.explain(d(2026, 4, 23)?, &cal)?;
    /// assert_eq!(end.end(), d(2026, 4, 28)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// The non-working days skipped, in date order: for a working-day term, every
    /// non-working day after the anchor and before the end; for other units, the days from
    /// the nominal end to the end (the days art. 148.5 moved over).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // 2 days from Thu 2026-04-23 end on Sat Apr 25; Sun Apr 26 is Hùng Kings' day and Mon
    /// // Apr 27 its compensatory day, so the term ends on Tue Apr 28 (art. 148.5).
    /// let end = "2 days".parse::<Term>()?.explain(d(2026, 4, 23)?, &cal)?;
    /// assert_eq!(end.skipped().len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn skipped(&self) -> &[SkippedDay] {
        &self.skipped
    }

    /// The provisions of the Civil Code 2015 applied, such as `Civil Code 2015 art. 148.3`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // 2 days from Thu 2026-04-23 end on Sat Apr 25; Sun Apr 26 is Hùng Kings' day and Mon
    /// // Apr 27 its compensatory day, so the term ends on Tue Apr 28 (art. 148.5).
    /// let end = "2 days".parse::<Term>()?.explain(d(2026, 4, 23)?, &cal)?;
    /// assert_eq!(
    ///     end.provisions(),
    ///     ["Civil Code 2015 art. 147.2", "Civil Code 2015 art. 148.1", "Civil Code 2015 art. 148.5"]
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provisions(&self) -> &[&'static str] {
        &self.provisions
    }

    /// The provisions applied, as [`provisions`](TermEnd::provisions) lists them, in words
    /// of a language: `Civil Code 2015 art. 147.2` in English, `khoản 2 Điều 147 Bộ luật
    /// Dân sự 2015` in Vietnamese.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::Lang;
    /// use directives::calendar::{Term, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let anchor = NaiveDate::from_ymd_opt(2025, 1, 31).ok_or("bad date")?;
    /// let end = "1 month".parse::<Term>()?.explain(anchor, &cal)?;
    /// assert_eq!(
    ///     end.provision_labels(Lang::Vi),
    ///     ["khoản 2 Điều 147 Bộ luật Dân sự 2015", "khoản 3 Điều 148 Bộ luật Dân sự 2015"]
    /// );
    /// assert_eq!(end.provision_labels(Lang::En), end.provisions());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provision_labels(&self, lang: crate::Lang) -> Vec<&'static str> {
        self.provisions
            .iter()
            .map(|&p| match lang {
                crate::Lang::En => p,
                crate::Lang::Vi => match p {
                    "Civil Code 2015 art. 147.2" => "khoản 2 Điều 147 Bộ luật Dân sự 2015",
                    "Civil Code 2015 art. 148.1" => "khoản 1 Điều 148 Bộ luật Dân sự 2015",
                    "Civil Code 2015 art. 148.2" => "khoản 2 Điều 148 Bộ luật Dân sự 2015",
                    "Civil Code 2015 art. 148.3" => "khoản 3 Điều 148 Bộ luật Dân sự 2015",
                    "Civil Code 2015 art. 148.4" => "khoản 4 Điều 148 Bộ luật Dân sự 2015",
                    "Civil Code 2015 art. 148.5" => "khoản 5 Điều 148 Bộ luật Dân sự 2015",
                    other => other,
                },
            })
            .collect()
    }

    /// The skipped days whose rule is less sure than `level` (see
    /// [`DayKind::provenance`]), so that an explanation can say when the end rests on a
    /// day off that no primary text confirms. Weekly rest days rest on no rule and are
    /// never listed.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{Term, WorkCalendar};
    /// use directives::provenance::Certainty;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // Across the 2026 National Day break, whose swap is known from reports.
    /// let end = "3 working days".parse::<Term>()?.explain(d(2026, 8, 27)?, &cal)?;
    /// let unsure: Vec<NaiveDate> = end.skipped_below(Certainty::Verified).iter().map(|s| s.date()).collect();
    /// assert_eq!(unsure, [d(2026, 8, 29)?, d(2026, 8, 30)?, d(2026, 8, 31)?, d(2026, 9, 1)?]);
    /// // Across Tết 2025, whose schedule was read in the Government Office's letter.
    /// let end = "3 working days".parse::<Term>()?.explain(d(2025, 1, 23)?, &cal)?;
    /// assert!(end.skipped_below(Certainty::Verified).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn skipped_below(&self, level: Certainty) -> Vec<&SkippedDay> {
        self.skipped
            .iter()
            .filter(|s| s.kind.provenance().is_some_and(|p| p.is_below(level)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_forms() {
        let t = |s: &str| s.parse::<Term>().unwrap();
        assert_eq!(t("30 days"), Term::new(30, TermUnit::Days).unwrap());
        assert_eq!(
            t("  1   working   day "),
            Term::new(1, TermUnit::WorkingDays).unwrap()
        );
        assert_eq!(t("2 TUẦN"), Term::new(2, TermUnit::Weeks).unwrap());
        assert_eq!(t("1 năm"), Term::new(1, TermUnit::Years).unwrap());
        // NFD input.
        let nfd: String = "3 tháng".nfd().collect();
        assert_eq!(t(&nfd), Term::new(3, TermUnit::Months).unwrap());
    }

    #[test]
    fn parse_errors() {
        let e = |s: &str| s.parse::<Term>().unwrap_err().to_string();
        assert_eq!(
            e("soon"),
            "cannot parse term `soon`: expected a count and a unit, such as `10 working days`, `1 month` or `10 ngày làm việc`"
        );
        assert_eq!(e("-3 days"), "term count `-3` is not positive");
        assert_eq!(e("0 months"), "term count `0` is not positive");
        assert_eq!(
            e("40000 days"),
            "term `40000 days` exceeds the maximum of `36525 days`"
        );
        assert_eq!(
            e("99999999999999999999 days"),
            "cannot parse term `99999999999999999999 days`: expected a count and a unit, such as `10 working days`, `1 month` or `10 ngày làm việc`"
        );
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "1 day",
            "2 days",
            "1 week",
            "3 weeks",
            "1 month",
            "6 months",
            "1 year",
            "5 years",
            "1 working day",
            "10 working days",
        ] {
            assert_eq!(s.parse::<Term>().unwrap().to_string(), s);
        }
    }
}
