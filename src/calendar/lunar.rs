//! The Vietnamese lunar calendar, computed for UTC+7.

// The astronomy is needed only to generate the table and to prove it.
#[cfg(test)]
mod astro;
mod table;

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use super::CalendarError;

/// The first lunar year in the table.
const FIRST_YEAR: i32 = 1899;
/// The last lunar year in the table.
#[cfg(test)]
const LAST_YEAR: i32 = 2199;
/// Vietnam's time zone, in hours east of UTC, for which the calendar is computed.
#[cfg(test)]
const TIME_ZONE: i64 = 7;

/// A date of the Vietnamese lunar calendar (âm lịch), computed for UTC+7.
///
/// A lunar month begins on the day of a new moon, so it has 29 or 30 days. Month 11
/// holds the winter solstice; a year has 12 months, or 13 when one of them is a leap
/// month (tháng nhuận) that repeats the number of the month before it. In a 13-month year
/// the leap month is the first month in which no major solar term begins. The month-1
/// day-1 of a year is Tết Nguyên Đán; month-3 day-10 is Hùng Kings' commemoration day
/// (Labour Code 2019 art. 112 makes both public holidays).
///
/// # Time zone and sources
///
/// Decision 121-CP of the Government Council (1967-08-08) on computing and managing the
/// State calendar made UTC+7, the zone of the meridian 105°E, Vietnam's official time
/// (art. 1, restated by Decision 134/2002/QĐ-TTg), noting that the lunar calendars then
/// in use did not fit it (art. 2); the lunar calendar published in Vietnam since 1968 is
/// computed for UTC+7. The North applied the new time from 1968-01-01, the whole country
/// from 1975. China
/// computes its calendar for UTC+8, so a new moon shortly before midnight in Hanoi falls
/// on the next day in Beijing, and the calendars differ in some years. Tết was
/// 1968-01-29 in the North and 1968-01-30 in China (and in the South, which still used
/// UTC+8); 1985-01-21 in Vietnam and 1985-02-20 in China, a month apart because the two
/// put the leap month of 1984–85 in different places; 2007-02-17 and 2007-02-18;
/// 2030-02-02 and 2030-02-03; 2053-02-18 and 2053-02-19.
///
/// This type computes every year for UTC+7, including the years before 1968 when the
/// calendars in use in Vietnam followed UTC+8: for those years its dates can differ by
/// a day (or a month) from the calendars printed at the time.
///
/// The astronomy is a reimplementation of the method that Hồ Ngọc Đức describes in
/// "Thuật toán tính âm lịch" (new moons and the sun's longitude from the series in Jean
/// Meeus, *Astronomical Algorithms*; a month begins on the day of the new moon; month 11
/// holds the winter solstice; in a 13-month year the first month without a major solar
/// term is leap). These are low-precision series: a new moon within minutes of local
/// midnight can land on a different day than in a modern ephemeris, which would shift
/// that month's first day. Conversions read a compact table generated from the method,
/// one entry per lunar year, so they take nanoseconds.
///
/// # Range
///
/// Every `LunarDate` lies in [`LunarDate::MIN`]`..=`[`LunarDate::MAX`], the lunar dates of
/// the solar dates [`LunarDate::SOLAR_MIN`] (1900-01-01) `..=` [`LunarDate::SOLAR_MAX`]
/// (2199-12-31). Constructors reject anything else, so [`LunarDate::to_solar`] cannot
/// fail.
///
/// # String form
///
/// `Display` and `FromStr` use `YYYY-MM-DD` (`2024-01-01`), with `L` after the month for
/// a leap month (`2023-02L-15`, day 15 of the leap second month of 2023). The year has
/// four digits, the month and day two. With the `serde` feature the date serializes as
/// that string.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::LunarDate;
///
/// let tet = LunarDate::new(2025, 1, 1, false)?;
/// assert_eq!(tet.to_solar(), NaiveDate::from_ymd_opt(2025, 1, 29).ok_or("bad date")?);
///
/// let day = LunarDate::from_solar(NaiveDate::from_ymd_opt(2023, 3, 22).ok_or("bad date")?)?;
/// assert_eq!(day.to_string(), "2023-02L-01");
/// assert!(day.is_leap_month());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LunarDate {
    // The field order makes the derived `Ord` chronological: a leap month follows the
    // regular month of the same number.
    // INVARIANT (valid): `year` is in `FIRST_YEAR..=LAST_YEAR`, `month` in `1..=12`,
    // `leap` only on the year's leap month, `day` in `1..=days_in_month`, and the date is
    // in `MIN..=MAX`.
    year: i32,
    month: u8,
    leap: bool,
    day: u8,
}

impl LunarDate {
    /// The first supported lunar date, the lunar date of [`LunarDate::SOLAR_MIN`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::LunarDate;
    ///
    /// assert_eq!(LunarDate::MIN.to_solar(), LunarDate::SOLAR_MIN);
    /// assert_eq!(LunarDate::MIN.to_string(), "1899-12-01");
    /// ```
    // INVARIANT (valid): the test `min_and_max_match_the_solar_range` proves it.
    pub const MIN: LunarDate = LunarDate {
        year: 1899,
        month: 12,
        leap: false,
        day: 1,
    };

    /// The last supported lunar date, the lunar date of [`LunarDate::SOLAR_MAX`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::LunarDate;
    ///
    /// assert_eq!(LunarDate::MAX.to_solar(), LunarDate::SOLAR_MAX);
    /// assert_eq!(LunarDate::MAX.to_string(), "2199-11-14");
    /// ```
    // INVARIANT (valid): the test `min_and_max_match_the_solar_range` proves it.
    pub const MAX: LunarDate = LunarDate {
        year: 2199,
        month: 11,
        leap: false,
        day: 14,
    };

    /// The first solar date that converts, 1900-01-01.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::LunarDate;
    ///
    /// assert!(LunarDate::from_solar(LunarDate::SOLAR_MIN).is_ok());
    /// assert!(LunarDate::from_solar(LunarDate::SOLAR_MIN.pred_opt().ok_or("no date")?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const SOLAR_MIN: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
        Some(date) => date,
        None => NaiveDate::MIN,
    };

    /// The last solar date that converts, 2199-12-31.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::LunarDate;
    ///
    /// assert!(LunarDate::from_solar(LunarDate::SOLAR_MAX).is_ok());
    /// assert!(LunarDate::from_solar(LunarDate::SOLAR_MAX.succ_opt().ok_or("no date")?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const SOLAR_MAX: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
        Some(date) => date,
        None => NaiveDate::MAX,
    };

    /// Makes the lunar date day `day` of month `month` of lunar year `year`, in the leap
    /// month of that number if `leap` is true.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::LunarYearOutOfRange`] if `year` is not in `1899..=2199`;
    /// - [`CalendarError::LunarMonthOutOfRange`] if `month` is not in `1..=12`;
    /// - [`CalendarError::NoSuchLeapMonth`] if `leap` is true and `month` is not the
    ///   year's leap month;
    /// - [`CalendarError::LunarDayOutOfRange`] if the month has no day `day` (day 30 of a
    ///   29-day month, or day 0);
    /// - [`CalendarError::LunarDateOutOfRange`] if the date is before [`LunarDate::MIN`]
    ///   or after [`LunarDate::MAX`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{CalendarError, LunarDate};
    ///
    /// // Hùng Kings' commemoration day, 10th day of the 3rd month.
    /// let hung_kings = LunarDate::new(2024, 3, 10, false)?;
    /// assert_eq!(hung_kings.to_solar(), NaiveDate::from_ymd_opt(2024, 4, 18).ok_or("bad date")?);
    ///
    /// // 2023 has a leap second month, 2024 none.
    /// assert!(LunarDate::new(2023, 2, 15, true).is_ok());
    /// assert!(matches!(
    ///     LunarDate::new(2024, 2, 15, true),
    ///     Err(CalendarError::NoSuchLeapMonth { .. })
    /// ));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(year: i32, month: u8, day: u8, leap: bool) -> Result<Self, CalendarError> {
        let data = YearData::of(year).ok_or(CalendarError::LunarYearOutOfRange { year })?;
        if !(1..=12).contains(&month) {
            return Err(CalendarError::LunarMonthOutOfRange { month });
        }
        let index = data
            .index_of(month, leap)
            .ok_or(CalendarError::NoSuchLeapMonth {
                year,
                month,
                leap_month: data.leap_month(),
            })?;
        let days_in_month = data.month_len(index);
        if day == 0 || day > days_in_month {
            return Err(CalendarError::LunarDayOutOfRange {
                year,
                month,
                leap,
                day,
                days_in_month,
            });
        }
        let date = LunarDate {
            year,
            month,
            leap,
            day,
        };
        if date < Self::MIN || date > Self::MAX {
            return Err(CalendarError::LunarDateOutOfRange {
                year,
                month,
                leap,
                day,
            });
        }
        // INVARIANT (valid): every part was checked above.
        Ok(date)
    }

    /// The lunar date of a solar (Gregorian) date, in Vietnam's calendar.
    ///
    /// # Errors
    ///
    /// [`CalendarError::SolarDateOutOfRange`] if `date` is before
    /// [`LunarDate::SOLAR_MIN`] or after [`LunarDate::SOLAR_MAX`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::LunarDate;
    ///
    /// let date = LunarDate::from_solar(NaiveDate::from_ymd_opt(2024, 2, 10).ok_or("bad date")?)?;
    /// assert_eq!((date.year(), date.month(), date.day()), (2024, 1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_solar(date: NaiveDate) -> Result<Self, CalendarError> {
        let out_of_range = CalendarError::SolarDateOutOfRange { date };
        if date < Self::SOLAR_MIN || date > Self::SOLAR_MAX {
            return Err(out_of_range);
        }
        let solar_year = date.year();
        // `ordinal0` is at most 365, so the cast is lossless.
        let ordinal = u16::try_from(date.ordinal0()).map_err(|_| out_of_range.clone())?;
        let this = YearData::of(solar_year).ok_or(out_of_range.clone())?;
        let (year, data, mut offset) = if ordinal >= this.new_year_ordinal() {
            (solar_year, this, ordinal - this.new_year_ordinal())
        } else {
            let year = solar_year - 1;
            let data = YearData::of(year).ok_or(out_of_range.clone())?;
            let offset = ordinal + days_in_solar_year(year) - data.new_year_ordinal();
            (year, data, offset)
        };
        for index in 0..data.month_count() {
            let len = u16::from(data.month_len(index));
            if offset < len {
                let (month, leap) = data.month_at(index);
                // INVARIANT (valid): the table holds only valid months and lengths, and
                // `date` is in the solar range, whose lunar dates are `MIN..=MAX`.
                return Ok(LunarDate {
                    year,
                    month,
                    leap,
                    // `offset < len <= 30`.
                    day: u8::try_from(offset + 1).map_err(|_| out_of_range.clone())?,
                });
            }
            offset -= len;
        }
        Err(out_of_range)
    }

    /// The solar (Gregorian) date of this lunar date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::LunarDate;
    ///
    /// let tet = LunarDate::new(2026, 1, 1, false)?;
    /// assert_eq!(tet.to_solar(), NaiveDate::from_ymd_opt(2026, 2, 17).ok_or("bad date")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_solar(&self) -> NaiveDate {
        // INVARIANT (valid): the year is in the table and the month exists in it, so the
        // fallbacks below are never taken; the exhaustive tests convert every date.
        let data = self.data();
        let index = data.index_of(self.month, self.leap).unwrap_or(0);
        let ordinal = data.new_year_ordinal() + data.days_before(index) + u16::from(self.day) - 1;
        let days_in_year = days_in_solar_year(self.year);
        let (year, ordinal) = if ordinal >= days_in_year {
            (self.year + 1, ordinal - days_in_year)
        } else {
            (self.year, ordinal)
        };
        NaiveDate::from_yo_opt(year, u32::from(ordinal) + 1).unwrap_or(Self::SOLAR_MIN)
    }

    /// The lunar year. Months 11 and 12 of a lunar year fall around the turn of the next
    /// solar year.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::LunarDate;
    ///
    /// let date = LunarDate::from_solar(NaiveDate::from_ymd_opt(2025, 1, 28).ok_or("bad date")?)?;
    /// assert_eq!(date.year(), 2024);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn year(&self) -> i32 {
        self.year
    }

    /// The month number, `1..=12`; a leap month has the number of the month before it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::LunarDate;
    ///
    /// assert_eq!(LunarDate::new(2023, 2, 1, true)?.month(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, `1..=30`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::LunarDate;
    ///
    /// assert_eq!(LunarDate::new(2024, 3, 10, false)?.day(), 10);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn day(&self) -> u8 {
        self.day
    }

    /// Whether the date is in a leap month (tháng nhuận).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::LunarDate;
    ///
    /// assert!(LunarDate::new(2023, 2, 1, true)?.is_leap_month());
    /// assert!(!LunarDate::new(2023, 2, 1, false)?.is_leap_month());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn is_leap_month(&self) -> bool {
        self.leap
    }

    /// The number of days in this date's month, 29 or 30.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::LunarDate;
    ///
    /// // Month 12 of lunar year 2024 had 29 days: Tết 2025 followed its 29th day.
    /// assert_eq!(LunarDate::new(2024, 12, 1, false)?.days_in_month(), 29);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn days_in_month(&self) -> u8 {
        let data = self.data();
        data.index_of(self.month, self.leap)
            .map_or(0, |index| data.month_len(index))
    }

    /// The leap month of lunar year `year`: its number, or `None` in a 12-month year.
    ///
    /// # Errors
    ///
    /// [`CalendarError::LunarYearOutOfRange`] if `year` is not in `1899..=2199`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::LunarDate;
    ///
    /// assert_eq!(LunarDate::leap_month_of_year(2023)?, Some(2));
    /// assert_eq!(LunarDate::leap_month_of_year(2024)?, None);
    /// assert_eq!(LunarDate::leap_month_of_year(2025)?, Some(6));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn leap_month_of_year(year: i32) -> Result<Option<u8>, CalendarError> {
        YearData::of(year)
            .map(YearData::leap_month)
            .ok_or(CalendarError::LunarYearOutOfRange { year })
    }

    /// The table entry of this date's year.
    fn data(&self) -> YearData {
        // INVARIANT (valid): the year is in the table, so the fallback is never taken.
        YearData::of(self.year).unwrap_or(YearData::new(0, 0, 0))
    }
}

impl fmt::Display for LunarDate {
    /// Formats the date as `YYYY-MM-DD`, with `L` after the month of a leap month.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        DateLabel {
            year: self.year,
            month: self.month,
            leap: self.leap,
            day: self.day,
        }
        .fmt(f)
    }
}

impl FromStr for LunarDate {
    type Err = CalendarError;

    /// Parses the canonical form `YYYY-MM-DD`, or `YYYY-MML-DD` for a leap month, and
    /// validates the date with [`LunarDate::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::LunarDate;
    ///
    /// let date: LunarDate = "2023-02L-15".parse()?;
    /// assert_eq!(date, LunarDate::new(2023, 2, 15, true)?);
    /// assert!("2023-2-15".parse::<LunarDate>().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || CalendarError::ParseLunarDate {
            input: s.to_owned(),
        };
        let (year, rest) = s.split_once('-').ok_or_else(invalid)?;
        let (month, day) = rest.split_once('-').ok_or_else(invalid)?;
        let (month, leap) = match month.strip_suffix('L') {
            Some(month) => (month, true),
            None => (month, false),
        };
        let year: i32 = parse_digits(year, 4).ok_or_else(invalid)?;
        let month: u8 = parse_digits(month, 2).ok_or_else(invalid)?;
        let day: u8 = parse_digits(day, 2).ok_or_else(invalid)?;
        LunarDate::new(year, month, day, leap)
    }
}

impl TryFrom<NaiveDate> for LunarDate {
    type Error = CalendarError;

    /// Converts with [`LunarDate::from_solar`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::LunarDate;
    ///
    /// let solar = NaiveDate::from_ymd_opt(2025, 4, 7).ok_or("bad date")?;
    /// let lunar = LunarDate::try_from(solar)?;
    /// assert_eq!(lunar.to_string(), "2025-03-10");
    /// assert_eq!(NaiveDate::from(lunar), solar);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn try_from(date: NaiveDate) -> Result<Self, Self::Error> {
        LunarDate::from_solar(date)
    }
}

impl From<LunarDate> for NaiveDate {
    /// Converts with [`LunarDate::to_solar`].
    fn from(date: LunarDate) -> Self {
        date.to_solar()
    }
}

/// Parses exactly `width` ASCII digits.
fn parse_digits<T: FromStr>(s: &str, width: usize) -> Option<T> {
    if s.len() == width && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// The number of days in Gregorian year `year`.
fn days_in_solar_year(year: i32) -> u16 {
    if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) {
        366
    } else {
        365
    }
}

/// A lunar date's parts formatted in the canonical form, valid or not (for messages).
#[derive(Debug, Clone, Copy)]
pub(super) struct DateLabel {
    pub(super) year: i32,
    pub(super) month: u8,
    pub(super) leap: bool,
    pub(super) day: u8,
}

impl fmt::Display for DateLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MonthLabel {
            year: self.year,
            month: self.month,
            leap: self.leap,
        };
        write!(f, "{month}-{:02}", self.day)
    }
}

/// A lunar month formatted as `YYYY-MM` or `YYYY-MML` (for messages).
#[derive(Debug, Clone, Copy)]
pub(super) struct MonthLabel {
    pub(super) year: i32,
    pub(super) month: u8,
    pub(super) leap: bool,
}

impl fmt::Display for MonthLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let leap = if self.leap { "L" } else { "" };
        write!(f, "{:04}-{:02}{leap}", self.year, self.month)
    }
}

/// Describes a year's leap month for an error message.
pub(super) fn describe_leap_month(leap_month: Option<u8>) -> String {
    match leap_month {
        Some(month) => format!("its leap month is `{month}`"),
        None => "it has no leap month".to_owned(),
    }
}

/// One lunar year of the table: the day of Tết, the leap month and the month lengths.
///
/// The months of a year are indexed in order from 0; with a leap month `L`, index `L` is
/// the leap month and the months after it are shifted by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct YearData {
    /// Days from 1 January of the solar year `year` to month 1 day 1 of lunar `year`.
    new_year_ordinal: u8,
    /// The leap month, or 0.
    leap_month: u8,
    /// Bit `i` is set when the month at index `i` has 30 days (else 29).
    long_months: u16,
}

impl YearData {
    const fn new(new_year_ordinal: u8, leap_month: u8, long_months: u16) -> Self {
        YearData {
            new_year_ordinal,
            leap_month,
            long_months,
        }
    }

    /// The entry of lunar year `year`, or `None` outside the table.
    fn of(year: i32) -> Option<YearData> {
        let index = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
        table::YEARS.get(index).copied()
    }

    fn new_year_ordinal(self) -> u16 {
        u16::from(self.new_year_ordinal)
    }

    fn leap_month(self) -> Option<u8> {
        (self.leap_month != 0).then_some(self.leap_month)
    }

    fn month_count(self) -> u8 {
        if self.leap_month == 0 { 12 } else { 13 }
    }

    /// The index of month `month` (the leap one if `leap`), or `None` if the year has no
    /// such month. `month` must be in `1..=12`.
    fn index_of(self, month: u8, leap: bool) -> Option<u8> {
        if !(1..=12).contains(&month) {
            return None;
        }
        match (self.leap_month, leap) {
            (0, false) => Some(month - 1),
            (0, true) => None,
            (l, true) => (l == month).then_some(month),
            (l, false) => Some(if month <= l { month - 1 } else { month }),
        }
    }

    /// The month number and leap flag at index `index`.
    fn month_at(self, index: u8) -> (u8, bool) {
        match self.leap_month {
            0 => (index + 1, false),
            l if index < l => (index + 1, false),
            l if index == l => (l, true),
            _ => (index, false),
        }
    }

    /// The length in days of the month at index `index`.
    fn month_len(self, index: u8) -> u8 {
        if self.long_months & (1 << index) == 0 {
            29
        } else {
            30
        }
    }

    /// The number of days in the months before index `index` (at most 13).
    fn days_before(self, index: u8) -> u16 {
        let mask = (1u16 << index) - 1;
        29 * u16::from(index) + (self.long_months & mask).count_ones() as u16
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for LunarDate {
    /// Serializes the date as its canonical string, `2023-02L-15`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for LunarDate {
    /// Deserializes the canonical string through [`LunarDate::from_str`], so the date is
    /// validated.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(LunarDateVisitor)
    }
}

/// Visits a string holding a lunar date.
#[cfg(feature = "serde")]
#[derive(Debug)]
struct LunarDateVisitor;

#[cfg(feature = "serde")]
impl serde::de::Visitor<'_> for LunarDateVisitor {
    type Value = LunarDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a lunar date string such as `2024-01-01` or `2023-02L-15`")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<LunarDate, E> {
        value.parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use chrono::{Datelike, NaiveDate};

    use super::astro;
    use super::{FIRST_YEAR, LAST_YEAR, LunarDate, TIME_ZONE, YearData};

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn jdn(date: NaiveDate) -> i64 {
        i64::from(date.num_days_from_ce()) + astro::JDN_MINUS_DAYS_FROM_CE
    }

    /// The table entry of lunar year `year`, computed from the astronomy.
    fn computed_entry(year: i32) -> YearData {
        let computed = astro::lunar_year(year, TIME_ZONE);
        let new_year_ordinal = computed.start - astro::jdn(year, 1, 1);
        let leap_month = computed
            .months
            .iter()
            .find(|(_, leap, _)| *leap)
            .map_or(0, |(number, _, _)| *number);
        let mut long_months = 0u16;
        for (index, (_, _, len)) in computed.months.iter().enumerate() {
            assert!(*len == 29 || *len == 30, "year {year}: month of {len} days");
            if *len == 30 {
                long_months |= 1 << index;
            }
        }
        let count = computed.months.len();
        assert!(count == 12 || count == 13, "year {year}: {count} months");
        assert_eq!(count == 13, leap_month != 0, "year {year}");
        YearData::new(
            u8::try_from(new_year_ordinal).unwrap(),
            leap_month,
            long_months,
        )
    }

    /// The source text of `table.rs`, generated from the astronomy.
    fn render_table() -> String {
        let mut out = String::new();
        out.push_str(
            "//! The lunar years 1899..=2199 for UTC+7, generated from `astro`.\n\
             //!\n\
             //! Do not edit: the unit test `table_file_is_generated` renders this file and\n\
             //! compares it; run it with `DIRECTIVES_WRITE_LUNAR_TABLE=1` to rewrite it.\n\
             //! Each entry is `YearData::new(days from 1 January to Tết, leap month or 0,\n\
             //! bit i set when the month at index i has 30 days)`.\n\n\
             use super::YearData;\n\n",
        );
        let count = LAST_YEAR - FIRST_YEAR + 1;
        writeln!(
            out,
            "#[rustfmt::skip]\npub(super) const YEARS: [YearData; {count}] = ["
        )
        .unwrap();
        for year in FIRST_YEAR..=LAST_YEAR {
            let entry = computed_entry(year);
            let tet = ymd(year, 1, 1) + chrono::Days::new(u64::from(entry.new_year_ordinal));
            let leap = match entry.leap_month {
                0 => String::new(),
                l => format!(", leap month {l}"),
            };
            writeln!(
                out,
                "    YearData::new({}, {}, 0b{:013b}), // {year}: Tết {tet}{leap}",
                entry.new_year_ordinal, entry.leap_month, entry.long_months
            )
            .unwrap();
        }
        out.push_str("];\n");
        out
    }

    #[test]
    fn table_equals_algorithm_for_every_year() {
        for year in FIRST_YEAR..=LAST_YEAR {
            assert_eq!(
                YearData::of(year),
                Some(computed_entry(year)),
                "lunar year {year}"
            );
        }
        assert_eq!(YearData::of(FIRST_YEAR - 1), None);
        assert_eq!(YearData::of(LAST_YEAR + 1), None);
    }

    #[test]
    fn table_file_is_generated() {
        let rendered = render_table();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/calendar/lunar/table.rs");
        if std::env::var_os("DIRECTIVES_WRITE_LUNAR_TABLE").is_some() {
            std::fs::write(path, &rendered).unwrap();
        }
        assert_eq!(include_str!("lunar/table.rs"), rendered);
    }

    #[test]
    fn consecutive_years_join() {
        // Each year ends the day before the next one's Tết.
        for year in FIRST_YEAR..LAST_YEAR {
            let this = YearData::of(year).unwrap();
            let next = YearData::of(year + 1).unwrap();
            let tet = ymd(year, 1, 1) + chrono::Days::new(u64::from(this.new_year_ordinal));
            let len = this.days_before(this.month_count());
            let next_tet =
                ymd(year + 1, 1, 1) + chrono::Days::new(u64::from(next.new_year_ordinal));
            assert_eq!(tet + chrono::Days::new(u64::from(len)), next_tet, "{year}");
        }
    }

    #[test]
    fn every_day_matches_direct_computation() {
        let mut date = LunarDate::SOLAR_MIN;
        let mut previous: Option<LunarDate> = None;
        while date <= LunarDate::SOLAR_MAX {
            let lunar = LunarDate::from_solar(date).unwrap();
            let (year, month, day, leap) = astro::solar_to_lunar(jdn(date), TIME_ZONE);
            assert_eq!(
                (
                    lunar.year(),
                    lunar.month(),
                    lunar.day(),
                    lunar.is_leap_month()
                ),
                (year, month, day, leap),
                "{date}"
            );
            assert_eq!(lunar.to_solar(), date);
            assert_eq!(LunarDate::new(year, month, day, leap), Ok(lunar), "{date}");
            if let Some(previous) = previous {
                assert!(previous < lunar, "{date}");
            }
            previous = Some(lunar);
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn lunar_date_is_small_and_thread_safe() {
        fn assert_traits<T: Send + Sync + 'static>() {}
        assert_traits::<LunarDate>();
        assert_traits::<super::CalendarError>();
        assert_eq!(std::mem::size_of::<LunarDate>(), 8);
        assert_eq!(std::mem::size_of::<YearData>(), 4);
    }

    #[test]
    fn year_data_indexes_months_in_order() {
        // 2023 has a leap month 2: 1, 2, 2L, 3, …, 12.
        let data = YearData::of(2023).unwrap();
        let months: Vec<(u8, bool)> = (0..data.month_count()).map(|i| data.month_at(i)).collect();
        assert_eq!(months[..4], [(1, false), (2, false), (2, true), (3, false)]);
        assert_eq!(months[12], (12, false));
        for (index, (month, leap)) in months.into_iter().enumerate() {
            assert_eq!(
                data.index_of(month, leap),
                Some(u8::try_from(index).unwrap())
            );
        }
        assert_eq!(data.index_of(3, true), None);
        assert_eq!(data.index_of(0, false), None);
        assert_eq!(data.index_of(13, false), None);
        let plain = YearData::of(2024).unwrap();
        assert_eq!(plain.month_count(), 12);
        assert_eq!(plain.index_of(2, true), None);
        assert_eq!(plain.month_at(11), (12, false));
    }

    #[test]
    fn min_and_max_match_the_solar_range() {
        assert_eq!(
            LunarDate::from_solar(LunarDate::SOLAR_MIN),
            Ok(LunarDate::MIN)
        );
        assert_eq!(
            LunarDate::from_solar(LunarDate::SOLAR_MAX),
            Ok(LunarDate::MAX)
        );
        assert!(LunarDate::from_solar(ymd(1899, 12, 31)).is_err());
        assert!(LunarDate::from_solar(ymd(2200, 1, 1)).is_err());
    }

    #[test]
    fn china_utc8_differs_in_the_documented_years() {
        // The same method for UTC+8 gives China's calendar: Tết differs in these years
        // (DOMAIN.md §6).
        let cases = [
            (1968, ymd(1968, 1, 29), ymd(1968, 1, 30)),
            (1969, ymd(1969, 2, 16), ymd(1969, 2, 17)),
            (1985, ymd(1985, 1, 21), ymd(1985, 2, 20)),
            (2007, ymd(2007, 2, 17), ymd(2007, 2, 18)),
            (2030, ymd(2030, 2, 2), ymd(2030, 2, 3)),
            (2053, ymd(2053, 2, 18), ymd(2053, 2, 19)),
        ];
        for (year, vietnam, china) in cases {
            let vn = astro::lunar_year(year, 7).start;
            let cn = astro::lunar_year(year, 8).start;
            assert_eq!(vn, jdn(vietnam), "Vietnam {year}");
            assert_eq!(cn, jdn(china), "China {year}");
        }
    }
}
