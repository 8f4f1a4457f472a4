//! The Vietnamese civil calendar: lunar dates, holidays, working days and legal terms.

mod lunar;

pub use self::lunar::LunarDate;

/// An error from the calendar: a date out of range, an impossible lunar date, an absurd term.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
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
}
