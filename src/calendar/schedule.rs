//! Yearly civil-service schedules: the days off and make-up working days the Government
//! announces each year.

use chrono::{Datelike, NaiveDate};

use super::CalendarError;
use super::holiday::ScheduledPart;

/// What a [`ScheduledDay`] does to a date.
///
/// New kinds may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::calendar::{ScheduledDayKind, YearSchedule};
///
/// let s2025 = YearSchedule::vietnam(2025).ok_or("no preset")?;
/// let make_up = s2025.days().iter().filter(|d| d.kind() == ScheduledDayKind::MakeUpWorkingDay);
/// assert_eq!(make_up.count(), 1); // Sat Apr 26
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ScheduledDayKind {
    /// The date is a day off (part of a holiday break, or a weekday swapped for a Saturday).
    DayOff,
    /// The date, normally a weekly rest day, is worked to make up a day off.
    MakeUpWorkingDay,
}

/// One entry of a [`YearSchedule`]: a date, what it is, why (names in Vietnamese and
/// English), the source, and whether the entry was verified from a primary text.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::{ScheduledDayKind, YearSchedule};
///
/// let s2024 = YearSchedule::vietnam(2024).ok_or("no preset")?;
/// let may4 = NaiveDate::from_ymd_opt(2024, 5, 4).ok_or("bad date")?;
/// let day = s2024.days().iter().find(|d| d.date() == may4).ok_or("missing")?;
/// assert_eq!(day.kind(), ScheduledDayKind::MakeUpWorkingDay);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
pub struct ScheduledDay {
    date: NaiveDate,
    kind: ScheduledDayKind,
    name_vi: String,
    name_en: String,
    source: String,
    verified: bool,
}

impl ScheduledDay {
    /// The date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::YearSchedule;
    ///
    /// let s = YearSchedule::vietnam(2024).ok_or("no preset")?;
    /// let first = &s.days()[0]; // Thu 2024-02-08, the first day of the Tết break
    /// assert_eq!(first.date(), NaiveDate::from_ymd_opt(2024, 2, 8).ok_or("bad date")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Whether the date is a day off or a make-up working day.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{ScheduledDayKind, YearSchedule};
    ///
    /// let s = YearSchedule::vietnam(2024).ok_or("no preset")?;
    /// let first = &s.days()[0]; // Thu 2024-02-08, the first day of the Tết break
    /// assert_eq!(first.kind(), ScheduledDayKind::DayOff);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> ScheduledDayKind {
        self.kind
    }

    /// The Vietnamese name of the reason, such as `Tết Nguyên đán`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::YearSchedule;
    ///
    /// let s = YearSchedule::vietnam(2024).ok_or("no preset")?;
    /// let first = &s.days()[0]; // Thu 2024-02-08, the first day of the Tết break
    /// assert_eq!(first.name_vi(), "Tết Nguyên đán");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name_vi(&self) -> &str {
        &self.name_vi
    }

    /// The English name of the reason, such as `Lunar New Year (Tết)`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::YearSchedule;
    ///
    /// let s = YearSchedule::vietnam(2024).ok_or("no preset")?;
    /// let first = &s.days()[0]; // Thu 2024-02-08, the first day of the Tết break
    /// assert_eq!(first.name_en(), "Lunar New Year (Tết)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name_en(&self) -> &str {
        &self.name_en
    }

    /// The source of the entry (the announcement of the schedule).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::YearSchedule;
    ///
    /// let s = YearSchedule::vietnam(2024).ok_or("no preset")?;
    /// let first = &s.days()[0]; // Thu 2024-02-08, the first day of the Tết break
    /// assert!(first.source().contains("Ministry of Labour, Invalids and Social Affairs"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the entry was confirmed from a primary text.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::YearSchedule;
    ///
    /// let s = YearSchedule::vietnam(2024).ok_or("no preset")?;
    /// let first = &s.days()[0]; // Thu 2024-02-08, the first day of the Tết break
    /// assert!(first.is_verified());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_verified(&self) -> bool {
        self.verified
    }
}

/// The civil-service schedule of one year: which days make up the Tết and National Day
/// breaks (the days the Prime Minister fixes under Labour Code 2019 art. 112.3), and swaps
/// (a weekday off paid back by a make-up working Saturday).
///
/// Invariant: every date lies in the schedule's year and appears once; days are sorted.
///
/// In a [`WorkCalendar`](super::WorkCalendar), a schedule:
/// - replaces, for its year, the default placement of every [`HolidayRule`](super::HolidayRule)
///   in a part it [fixes](YearSchedule::fixes) (Tết, the day next to National Day);
/// - makes each [`DayOff`](ScheduledDayKind::DayOff) a day off and each
///   [`MakeUpWorkingDay`](ScheduledDayKind::MakeUpWorkingDay) a working day;
/// - settles compensation: a holiday on a weekly rest day inside a scheduled day off gets no
///   automatic compensatory day (art. 111.3), because the announced break already includes
///   it. A holiday on a weekly rest day outside the schedule is still compensated.
///
/// Known schedules ship as presets ([`YearSchedule::vietnam`]); build later years with
/// [`YearSchedule::builder`] or load them with serde.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::YearSchedule;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
/// let s = YearSchedule::builder(2027)
///     .source("Government announcement (example)")
///     .tet(d(2, 5)?, d(2, 10)?)
///     .day_off(d(4, 29)?, "Nghỉ hoán đổi", "Swapped day off")
///     .make_up_day(d(5, 8)?, "Làm bù", "Make-up working day")
///     .build()?;
/// assert_eq!(s.days().len(), 8);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "wire::YearScheduleWire", into = "wire::YearScheduleWire")
)]
pub struct YearSchedule {
    year: i32,
    // INVARIANT (sorted-unique): sorted and deduplicated; checked in `validate`.
    fixes: Vec<ScheduledPart>,
    // INVARIANT (in-year): every date in `year`, sorted, no date twice; checked in `validate`.
    days: Vec<ScheduledDay>,
}

const TET_VI: &str = "Tết Nguyên đán";
const TET_EN: &str = "Lunar New Year (Tết)";
const ND_VI: &str = "Quốc khánh";
const ND_EN: &str = "National Day";
const SWAP_VI: &str = "Nghỉ hoán đổi (làm bù vào thứ Bảy)";
const SWAP_EN: &str = "Day off swapped for a make-up Saturday";
const MAKE_UP_VI: &str = "Làm bù";
const MAKE_UP_EN: &str = "Make-up working day";

impl YearSchedule {
    /// Starts a schedule for a year.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::YearSchedule;
    ///
    /// let empty = YearSchedule::builder(2030).build()?;
    /// assert_eq!(empty.year(), 2030);
    /// assert!(empty.days().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn builder(year: i32) -> YearScheduleBuilder {
        YearScheduleBuilder {
            year,
            source: String::new(),
            verified: true,
            fixes: Vec::new(),
            days: Vec::new(),
            error: None,
        }
    }

    /// The known civil-service schedule of a year, if the crate ships one (2024, 2025, 2026).
    ///
    /// | year | days off | make-up working days |
    /// |---|---|---|
    /// | 2024 | Tết Feb 8–14; Mon Apr 29; National Day Aug 31 – Sep 3 | Sat May 4 |
    /// | 2025 | Tết Jan 25 – Feb 2; Fri May 2; National Day Aug 30 – Sep 2 | Sat Apr 26 |
    /// | 2026 | Fri Jan 2; Tết Feb 14–22; National Day Aug 29 – Sep 2 | Sat Jan 10 |
    ///
    /// Each entry's [`source`](ScheduledDay::source) names the announcement:
    ///
    /// - **2024**: Tết Thu Feb 8 – Wed Feb 14 (the five Tết days plus two compensatory days
    ///   for the weekly rest days inside them, Labour Code 2019 art. 111.3), announced by the
    ///   Ministry of Labour, Invalids and Social Affairs (the notice's number is not
    ///   confirmed); Mon Apr 29 off by Official Letter 2450/VPCP-KGVX of 2024-04-12, paid
    ///   back on Sat May 4 — the make-up Saturday comes from secondary sources, so that entry
    ///   is *unverified*; National Day Sat Aug 31 – Tue Sep 3, with Sep 2 and Sep 3 the
    ///   holiday days (art. 112.1(đ)).
    /// - **2025**: Official Letter 8726/VPCP-KGVX of 2024-11-26: the five Tết days Mon Jan 27
    ///   – Fri Jan 31, a break from Sat Jan 25 to Sun Feb 2, and Fri May 2 off swapped for Sat
    ///   Apr 26 (a break from Apr 30 to May 4); National Day Sat Aug 30 – Tue Sep 2 by Notice
    ///   6150/TB-BLĐTBXH, with Mon Sep 1 the adjacent holiday of art. 112.1(đ), not a swap.
    /// - **2026**: Official Letter 12729/VPCP-KGVX of 2025-12-25: Jan 1 – Jan 4 with Fri Jan 2
    ///   off and Sat Jan 10 worked; Notice 9441/TB-BNV of 2025-10-16 (Ministry of Home
    ///   Affairs): the five Tết days Mon Feb 16 – Fri Feb 20, a break from Sat Feb 14 to Sun
    ///   Feb 22; National Day Sat Aug 29 – Wed Sep 2, a five-day break reported by the press.
    ///   Mon Aug 31 is therefore off but *unverified*, and the Saturday that makes it up is
    ///   not confirmed, so none is listed. Hùng Kings' day (Sun Apr 26) is compensated on Mon
    ///   Apr 27 by the general rule (art. 111.3), not by this schedule; Apr 30 – May 3 needs
    ///   no swap, so the schedule has none.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::YearSchedule;
    ///
    /// assert!(YearSchedule::vietnam(2025).is_some());
    /// assert!(YearSchedule::vietnam(2019).is_none());
    /// let s2025 = YearSchedule::vietnam(2025).ok_or("no preset")?;
    /// assert!(s2025.days()[0].source().contains("Official Letter 8726/VPCP-KGVX"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn vietnam(year: i32) -> Option<YearSchedule> {
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(year, m, day);
        let tet_law = "Labour Code 2019 art. 111.3, 112.1(b), 112.3";
        let national_law = "Labour Code 2019 art. 112.1(đ), 112.3";
        let b = YearSchedule::builder(year);
        let b = match year {
            2024 => b
                .source(format!(
                    "{tet_law}; notice of the Ministry of Labour, Invalids and Social Affairs on the Tết 2024 break, Thu Feb 8 – Wed Feb 14 (document number not confirmed)"
                ))
                .tet(d(2, 8)?, d(2, 14)?)
                .source("Official Letter 2450/VPCP-KGVX of 2024-04-12: Mon Apr 29 off, swapped for a make-up Saturday")
                .day_off(d(4, 29)?, SWAP_VI, SWAP_EN)
                .source("Official Letter 2450/VPCP-KGVX of 2024-04-12 (swap for Mon Apr 29); the make-up day Sat May 4 is from secondary sources")
                .verified(false)
                .make_up_day(d(5, 4)?, MAKE_UP_VI, MAKE_UP_EN)
                .verified(true)
                .source(format!(
                    "{national_law}: National Day Mon Sep 2 and the adjacent Tue Sep 3, break Sat Aug 31 – Tue Sep 3"
                ))
                .national_day(d(8, 31)?, d(9, 3)?),
            2025 => b
                .source(format!(
                    "{tet_law}; Official Letter 8726/VPCP-KGVX of 2024-11-26: Tết days Mon Jan 27 – Fri Jan 31, break Sat Jan 25 – Sun Feb 2"
                ))
                .tet(d(1, 25)?, d(2, 2)?)
                .source("Official Letter 8726/VPCP-KGVX of 2024-11-26: Fri May 2 off, swapped for Sat Apr 26 (break Apr 30 – May 4)")
                .make_up_day(d(4, 26)?, MAKE_UP_VI, MAKE_UP_EN)
                .day_off(d(5, 2)?, SWAP_VI, SWAP_EN)
                .source(format!(
                    "{national_law}; Notice 6150/TB-BLĐTBXH: break Sat Aug 30 – Tue Sep 2, Mon Sep 1 the adjacent holiday"
                ))
                .national_day(d(8, 30)?, d(9, 2)?),
            2026 => b
                .source("Official Letter 12729/VPCP-KGVX of 2025-12-25: Fri Jan 2 off, swapped for Sat Jan 10 (break Jan 1 – Jan 4)")
                .day_off(d(1, 2)?, SWAP_VI, SWAP_EN)
                .make_up_day(d(1, 10)?, MAKE_UP_VI, MAKE_UP_EN)
                .source(format!(
                    "{tet_law}; Notice 9441/TB-BNV of 2025-10-16 (Ministry of Home Affairs): Tết days Mon Feb 16 – Fri Feb 20, break Sat Feb 14 – Sun Feb 22"
                ))
                .tet(d(2, 14)?, d(2, 22)?)
                .source(format!(
                    "{national_law}; break Sat Aug 29 – Wed Sep 2 as reported by the press (no official document recorded)"
                ))
                .national_day(d(8, 29)?, d(8, 30)?)
                .source(format!(
                    "{national_law}; break Sat Aug 29 – Wed Sep 2 as reported by the press (no official document recorded): Mon Aug 31 off, its make-up Saturday not confirmed"
                ))
                .verified(false)
                .national_day(d(8, 31)?, d(8, 31)?)
                .verified(true)
                .source(format!(
                    "{national_law}; break Sat Aug 29 – Wed Sep 2 as reported by the press (no official document recorded)"
                ))
                .national_day(d(9, 1)?, d(9, 2)?),
            _ => return None,
        };
        // The presets are constants checked by the unit tests; a failure would drop the year.
        b.build().ok()
    }

    /// All the schedules the crate ships, in year order (see [`YearSchedule::vietnam`]).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::YearSchedule;
    ///
    /// let years: Vec<i32> = YearSchedule::vietnam_presets().iter().map(|s| s.year()).collect();
    /// assert_eq!(years, [2024, 2025, 2026]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn vietnam_presets() -> Vec<YearSchedule> {
        (2024..=2026).filter_map(YearSchedule::vietnam).collect()
    }

    /// The year.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::YearSchedule;
    ///
    /// assert_eq!(YearSchedule::vietnam(2025).ok_or("no preset")?.year(), 2025);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The parts of the holidays this schedule fixes, replacing the rules' default
    /// placement.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{ScheduledPart, YearSchedule};
    ///
    /// let s = YearSchedule::vietnam(2024).ok_or("no preset")?;
    /// assert_eq!(s.fixes(), [ScheduledPart::Tet, ScheduledPart::NationalDay]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn fixes(&self) -> &[ScheduledPart] {
        &self.fixes
    }

    /// The scheduled days, in date order.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::YearSchedule;
    ///
    /// // Tết Feb 8–14, Apr 29 off, Sat May 4 worked, National Day Aug 31 – Sep 3.
    /// let s = YearSchedule::vietnam(2024).ok_or("no preset")?;
    /// assert_eq!(s.days().len(), 13);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn days(&self) -> &[ScheduledDay] {
        &self.days
    }

    /// Checks the invariants and builds the schedule.
    fn validate(
        year: i32,
        mut fixes: Vec<ScheduledPart>,
        mut days: Vec<ScheduledDay>,
    ) -> Result<YearSchedule, CalendarError> {
        fixes.sort_unstable();
        fixes.dedup();
        // INVARIANT (in-year): checked here.
        if let Some(day) = days.iter().find(|d| d.date.year() != year) {
            return Err(CalendarError::ScheduleDateOutsideYear {
                year,
                date: day.date,
            });
        }
        days.sort_by_key(|d| d.date);
        if let Some(pair) = days.windows(2).find(|w| w[0].date == w[1].date) {
            return Err(CalendarError::ScheduleDuplicateDate {
                year,
                date: pair[0].date,
            });
        }
        Ok(YearSchedule { year, fixes, days })
    }
}

/// A builder for a [`YearSchedule`]; the first error sticks and
/// [`build`](YearScheduleBuilder::build) returns it.
///
/// Entries take the [`source`](YearScheduleBuilder::source) and
/// [`verified`](YearScheduleBuilder::verified) flag current when they are added.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::YearSchedule;
///
/// let err = YearSchedule::builder(2027)
///     .make_up_day(NaiveDate::from_ymd_opt(2028, 1, 8).ok_or("bad date")?, "Làm bù", "Make-up")
///     .build()
///     .unwrap_err();
/// assert_eq!(err.to_string(), "schedule for year `2027` lists `2028-01-08`, which is outside that year");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct YearScheduleBuilder {
    year: i32,
    source: String,
    verified: bool,
    fixes: Vec<ScheduledPart>,
    days: Vec<ScheduledDay>,
    error: Option<CalendarError>,
}

impl YearScheduleBuilder {
    /// Sets the source recorded on the entries added after this call.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::YearSchedule;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let s = YearSchedule::builder(2027)
    ///     .source("Decision A")
    ///     .day_off(d(4, 29)?, "Nghỉ", "Day off")
    ///     .source("Decision B")
    ///     .make_up_day(d(5, 8)?, "Làm bù", "Make-up")
    ///     .build()?;
    /// assert_eq!(s.days()[0].source(), "Decision A");
    /// assert_eq!(s.days()[1].source(), "Decision B");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = source.into();
        self
    }

    /// Sets whether the entries added after this call are verified (the default is `true`).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::YearSchedule;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let s = YearSchedule::builder(2027).verified(false).day_off(d(4, 29)?, "Nghỉ", "Day off").build()?;
    /// assert!(!s.days()[0].is_verified());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn verified(mut self, verified: bool) -> Self {
        self.verified = verified;
        self
    }

    /// Marks `part` as fixed by this schedule, without adding days.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{ScheduledPart, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// // A year in which the Prime Minister gave no extra day next to National Day.
    /// let s = YearSchedule::builder(2027).fixes(ScheduledPart::NationalDay).build()?;
    /// assert_eq!(s.fixes(), [ScheduledPart::NationalDay]);
    /// assert!(s.days().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn fixes(mut self, part: ScheduledPart) -> Self {
        self.fixes.push(part);
        self
    }

    /// The Tết break, `first` to `last` inclusive (weekly rest days included): fixes
    /// [`ScheduledPart::Tet`] and makes each day a day off.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{ScheduledPart, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let s = YearSchedule::builder(2027).tet(d(2, 5)?, d(2, 10)?).build()?;
    /// assert_eq!(s.fixes(), [ScheduledPart::Tet]);
    /// assert_eq!(s.days().len(), 6);
    /// assert_eq!(s.days()[0].name_en(), "Lunar New Year (Tết)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn tet(self, first: NaiveDate, last: NaiveDate) -> Self {
        self.fixes(ScheduledPart::Tet).push_range(
            first,
            last,
            ScheduledDayKind::DayOff,
            TET_VI,
            TET_EN,
        )
    }

    /// The National Day break, `first` to `last` inclusive (weekly rest days included):
    /// fixes [`ScheduledPart::NationalDay`] and makes each day a day off.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{ScheduledPart, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let s = YearSchedule::builder(2027).national_day(d(9, 2)?, d(9, 5)?).build()?;
    /// assert_eq!(s.fixes(), [ScheduledPart::NationalDay]);
    /// assert_eq!(s.days().len(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn national_day(self, first: NaiveDate, last: NaiveDate) -> Self {
        self.fixes(ScheduledPart::NationalDay).push_range(
            first,
            last,
            ScheduledDayKind::DayOff,
            ND_VI,
            ND_EN,
        )
    }

    /// Days off from `first` to `last` inclusive, for the reason named.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{ScheduledDayKind, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let s = YearSchedule::builder(2027).days_off(d(4, 29)?, d(4, 30)?, "Nghỉ", "Day off").build()?;
    /// assert!(s.days().iter().all(|x| x.kind() == ScheduledDayKind::DayOff));
    /// assert_eq!(s.days().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn days_off(self, first: NaiveDate, last: NaiveDate, name_vi: &str, name_en: &str) -> Self {
        self.push_range(first, last, ScheduledDayKind::DayOff, name_vi, name_en)
    }

    /// One day off, for the reason named (a swapped weekday, a bridge day).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{ScheduledDayKind, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let s = YearSchedule::builder(2027).day_off(d(4, 29)?, "Nghỉ", "Day off").build()?;
    /// assert_eq!(s.days()[0].kind(), ScheduledDayKind::DayOff);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn day_off(self, date: NaiveDate, name_vi: &str, name_en: &str) -> Self {
        self.push_range(date, date, ScheduledDayKind::DayOff, name_vi, name_en)
    }

    /// One make-up working day (normally a Saturday), for the reason named.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{ScheduledDayKind, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let s = YearSchedule::builder(2027).make_up_day(d(5, 8)?, "Làm bù", "Make-up").build()?;
    /// assert_eq!(s.days()[0].kind(), ScheduledDayKind::MakeUpWorkingDay);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn make_up_day(self, date: NaiveDate, name_vi: &str, name_en: &str) -> Self {
        self.push_range(
            date,
            date,
            ScheduledDayKind::MakeUpWorkingDay,
            name_vi,
            name_en,
        )
    }

    fn push_range(
        mut self,
        first: NaiveDate,
        last: NaiveDate,
        kind: ScheduledDayKind,
        name_vi: &str,
        name_en: &str,
    ) -> Self {
        if self.error.is_some() {
            return self;
        }
        if last < first {
            self.error = Some(CalendarError::ScheduleReversedRange {
                year: self.year,
                first,
                last,
            });
            return self;
        }
        for date in first.iter_days().take_while(|d| *d <= last) {
            if date.year() != self.year {
                self.error = Some(CalendarError::ScheduleDateOutsideYear {
                    year: self.year,
                    date,
                });
                return self;
            }
            self.days.push(ScheduledDay {
                date,
                kind,
                name_vi: name_vi.to_owned(),
                name_en: name_en.to_owned(),
                source: self.source.clone(),
                verified: self.verified,
            });
        }
        self
    }

    /// Validates and returns the schedule.
    ///
    /// # Errors
    ///
    /// The first error met: [`CalendarError::ScheduleReversedRange`],
    /// [`CalendarError::ScheduleDateOutsideYear`] or
    /// [`CalendarError::ScheduleDuplicateDate`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{CalendarError, YearSchedule};
    ///
    /// let day = NaiveDate::from_ymd_opt(2027, 5, 3).ok_or("bad date")?;
    /// let err = YearSchedule::builder(2027)
    ///     .day_off(day, "Nghỉ", "Off")
    ///     .make_up_day(day, "Làm bù", "Make-up")
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err, CalendarError::ScheduleDuplicateDate { year: 2027, date: day });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<YearSchedule, CalendarError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        YearSchedule::validate(self.year, self.fixes, self.days)
    }
}

#[cfg(feature = "serde")]
mod wire {
    use super::{ScheduledDay, ScheduledPart, YearSchedule};
    use crate::calendar::CalendarError;

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "snake_case")]
    pub(super) struct YearScheduleWire {
        year: i32,
        #[serde(default)]
        fixes: Vec<ScheduledPart>,
        #[serde(default)]
        days: Vec<ScheduledDay>,
    }

    impl TryFrom<YearScheduleWire> for YearSchedule {
        type Error = CalendarError;

        fn try_from(wire: YearScheduleWire) -> Result<Self, Self::Error> {
            YearSchedule::validate(wire.year, wire.fixes, wire.days)
        }
    }

    impl From<YearSchedule> for YearScheduleWire {
        fn from(s: YearSchedule) -> Self {
            YearScheduleWire {
                year: s.year,
                fixes: s.fixes,
                days: s.days,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_build() {
        assert_eq!(YearSchedule::vietnam_presets().len(), 3);
        let s = YearSchedule::vietnam(2026).unwrap();
        let unverified: Vec<_> = s
            .days()
            .iter()
            .filter(|d| !d.is_verified())
            .map(|d| d.date().to_string())
            .collect();
        assert_eq!(unverified, ["2026-08-31"]);
        assert_eq!(s.fixes(), [ScheduledPart::Tet, ScheduledPart::NationalDay]);
        let s2024 = YearSchedule::vietnam(2024).unwrap();
        let unverified: Vec<_> = s2024
            .days()
            .iter()
            .filter(|d| !d.is_verified())
            .map(|d| d.date().to_string())
            .collect();
        assert_eq!(unverified, ["2024-05-04"]);
        assert_eq!(
            s2024.fixes(),
            [ScheduledPart::Tet, ScheduledPart::NationalDay]
        );
    }

    #[test]
    fn reversed_range() {
        let a = NaiveDate::from_ymd_opt(2027, 2, 10).unwrap();
        let b = NaiveDate::from_ymd_opt(2027, 2, 5).unwrap();
        let err = YearSchedule::builder(2027).tet(a, b).build().unwrap_err();
        assert_eq!(
            err.to_string(),
            "schedule for year `2027` has a reversed range `2027-02-10..=2027-02-05`"
        );
    }
}
