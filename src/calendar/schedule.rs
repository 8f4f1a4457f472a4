//! Yearly civil-service schedules: the days off and make-up working days the Government
//! announces each year.

use chrono::{Datelike, NaiveDate};

use super::CalendarError;
use super::holiday::ScheduledPart;
use crate::provenance::{Fact, FactArea, Provenance};

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
/// English), and its [`Provenance`] (the announcement it comes from, and how sure the
/// crate is of it).
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
    provenance: Provenance,
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

    /// The name of the reason in `lang`, such as `Tết Nguyên đán` or
    /// `Lunar New Year (Tết)`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::calendar::YearSchedule;
    ///
    /// let s = YearSchedule::vietnam(2024).ok_or("no preset")?;
    /// let first = &s.days()[0]; // Thu 2024-02-08, the first day of the Tết break
    /// assert_eq!(first.name(Lang::Vi), "Tết Nguyên đán");
    /// assert_eq!(first.name(Lang::En), "Lunar New Year (Tết)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self, lang: crate::Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    /// Where the entry comes from: the announcement it was read in (verified), the
    /// secondary sources that agree on it (corroborated), or the assumption behind it
    /// (unverified).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::YearSchedule;
    /// use directives::provenance::Certainty;
    ///
    /// let s = YearSchedule::vietnam(2025).ok_or("no preset")?;
    /// let first = &s.days()[0]; // Sat 2025-01-25, the first day of the Tết break
    /// assert_eq!(first.provenance().certainty(), Certainty::Verified);
    /// assert!(first.provenance().citation().ok_or("no citation")?.contains("Official Letter 8726/VPCP-KGVX"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// The entry as a [`Fact`] of area [`FactArea::ScheduleEntry`], whose id is the date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::YearSchedule;
    ///
    /// let s = YearSchedule::vietnam(2026).ok_or("no preset")?;
    /// let aug22 = NaiveDate::from_ymd_opt(2026, 8, 22).ok_or("bad date")?;
    /// let fact = s.days().iter().find(|d| d.date() == aug22).ok_or("missing")?.to_fact();
    /// assert_eq!(fact.id(), "2026-08-22");
    /// assert_eq!(fact.statement(), "Sat 2026-08-22 is a make-up working day: Make-up working day for Mon 2026-08-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_fact(&self) -> Fact {
        let what = match self.kind {
            ScheduledDayKind::DayOff => "a day off",
            ScheduledDayKind::MakeUpWorkingDay => "a make-up working day",
        };
        Fact::new(
            FactArea::ScheduleEntry,
            self.date.to_string(),
            format!(
                "{} {} is {what}: {}",
                self.date.weekday(),
                self.date,
                self.name_en
            ),
            self.provenance.clone(),
        )
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
/// use directives::provenance::Provenance;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
/// let s = YearSchedule::builder(2027)
///     .provenance(Provenance::verified("Government announcement (example)")?)
///     .tet(d(2, 5)?, d(2, 10)?)
///     .swap(d(4, 29)?, d(5, 8)?)
///     .build()?;
/// assert_eq!(s.days().len(), 8);
/// assert_eq!(s.days()[6].name(directives::Lang::En), "Day off swapped for Sat 2027-05-08");
/// assert_eq!(s.days()[7].name(directives::Lang::En), "Make-up working day for Thu 2027-04-29");
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

/// The Vietnamese name of a weekday, as written in schedules (`thứ Hai`, `Chủ nhật`).
fn weekday_vi(date: NaiveDate) -> &'static str {
    match date.weekday() {
        chrono::Weekday::Mon => "thứ Hai",
        chrono::Weekday::Tue => "thứ Ba",
        chrono::Weekday::Wed => "thứ Tư",
        chrono::Weekday::Thu => "thứ Năm",
        chrono::Weekday::Fri => "thứ Sáu",
        chrono::Weekday::Sat => "thứ Bảy",
        chrono::Weekday::Sun => "Chủ nhật",
    }
}

/// The names of a swapped day off and of the make-up day that pays it back:
/// `((vi, en) of the day off, (vi, en) of the make-up day)`.
fn swap_names(off: NaiveDate, worked: NaiveDate) -> ((String, String), (String, String)) {
    (
        (
            format!("Nghỉ hoán đổi, làm bù {} {worked}", weekday_vi(worked)),
            format!("Day off swapped for {} {worked}", worked.weekday()),
        ),
        (
            format!("Làm bù cho {} {off}", weekday_vi(off)),
            format!("Make-up working day for {} {off}", off.weekday()),
        ),
    )
}

/// The constant texts of the presets, as provenances; `None` never happens for them (the
/// unit tests check that every preset year builds).
fn verified(citation: &str) -> Option<Provenance> {
    Provenance::verified(citation).ok()
}

fn corroborated(sources: &[&str]) -> Option<Provenance> {
    Provenance::corroborated(sources.iter().copied()).ok()
}

const LETTER_8662: &str = "Official Letter 8662/VPCP-KGVX of 2023-11-03, as quoted by the Kon Tum Economic Zone Authority: the Prime Minister agrees to the proposal of 4594/LĐTBXH-ATLĐ, Tết Thu 2024-02-08 – Wed 2024-02-14 and National Day Sat 2024-08-31 – Tue 2024-09-03";
const SWAP_2024: [&str; 3] = [
    "Official Letter 2450/VPCP-KGVX of 2024-04-12 (English translation, LuatVietnam): the Prime Minister agrees to the swap of working days around Apr 30 and May 1 proposed in 1511/LĐTBXH-CATLĐ of 2024-04-11; the part read names no dates",
    "Thời báo Tài chính Việt Nam, 2024-04-15: public servants take Mon 2024-04-29 off and work on Sat 2024-05-04",
    "SGGP, April 2024: workers take the day off on Apr 29 and work on May 4 instead (the ministry's proposal, a break Apr 27 – May 1)",
];
const ND_2026: [&str; 2] = [
    "Vietnam News (VNS), 2025-10-17, on the Ministry of Home Affairs' announcement (Notice 9441/TB-BNV of 2025-10-16): a five-day National Day break Sat 2026-08-29 – Wed 2026-09-02, and work on Sat 2026-08-22 in compensation for Mon 2026-08-31",
    "independently maintained calendar data sets list Mon 2026-08-31 as a day off swapped under Notice 9441/TB-BNV and the public-sector break Sat 2026-08-29 – Wed 2026-09-02",
];

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
            provenance: None,
            fixes: Vec::new(),
            days: Vec::new(),
            error: None,
        }
    }

    /// A builder holding this schedule's days and fixed parts, to change it: add a day,
    /// [`remove`](YearScheduleBuilder::remove) one, or replace one with another provenance.
    /// The days added get the provenance set on the builder, which starts unset.
    ///
    /// # Example
    ///
    /// A reported swap around Vietnamese Culture Day 2026, added to the preset:
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{WorkCalendarBuilder, YearSchedule};
    /// use directives::provenance::Provenance;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).ok_or("bad date");
    /// let s2026 = YearSchedule::vietnam(2026)
    ///     .ok_or("no preset")?
    ///     .to_builder()
    ///     .provenance(Provenance::unverified("reported as proposed; the decision was not seen")?)
    ///     .swap(d(11, 23)?, d(11, 28)?)
    ///     .build()?;
    /// let cal = WorkCalendarBuilder::vietnam().schedule(s2026).years(2026, 2026).build()?;
    /// assert!(!cal.is_working_day(d(11, 23)?)?);
    /// assert!(cal.is_working_day(d(11, 28)?)?);
    /// assert!(!cal.is_working_day(d(8, 31)?)?); // the preset's days are kept
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_builder(&self) -> YearScheduleBuilder {
        YearScheduleBuilder {
            year: self.year,
            provenance: None,
            fixes: self.fixes.clone(),
            days: self.days.clone(),
            error: None,
        }
    }

    /// The known civil-service schedule of a year, if the crate ships one (2024, 2025, 2026).
    ///
    /// | year | days off | make-up working days |
    /// |---|---|---|
    /// | 2024 | Tết Feb 8–14; Mon Apr 29; National Day Aug 31 – Sep 3 | Sat May 4 |
    /// | 2025 | Tết Jan 25 – Feb 2; Fri May 2; National Day Aug 30 – Sep 2 | Sat Apr 26 |
    /// | 2026 | Fri Jan 2; Tết Feb 14–22; National Day Aug 29 – Sep 2, with Mon Aug 31 swapped | Sat Jan 10; Sat Aug 22 |
    ///
    /// Each entry's [`provenance`](ScheduledDay::provenance) names the announcement:
    ///
    /// - **2024** (*corroborated*): Official Letter 8662/VPCP-KGVX of 2023-11-03 agreed to
    ///   Tết Thu Feb 8 – Wed Feb 14 (the five Tết days plus two compensatory days for the
    ///   weekly rest days inside them, Labour Code 2019 art. 111.3) and National Day Sat Aug
    ///   31 – Tue Sep 3 (Sep 2 and Sep 3 the holiday days, art. 112.1(đ)); its text is known
    ///   from a provincial agency's quotation and the press. Mon Apr 29 off, paid back on Sat
    ///   May 4: Official Letter 2450/VPCP-KGVX of 2024-04-12 approves the swap proposed by the
    ///   ministry without naming the days in the part read, and two independent reports
    ///   (Thời báo Tài chính Việt Nam, SGGP) give the days.
    /// - **2025** (*verified*): Official Letter 8726/VPCP-KGVX of 2024-11-26: the five Tết
    ///   days Mon Jan 27 – Fri Jan 31, a break from Sat Jan 25 to Sun Feb 2, and Fri May 2 off
    ///   swapped for Sat Apr 26 (a break from Apr 30 to May 4); National Day Sat Aug 30 – Tue
    ///   Sep 2 by Notice 6150/TB-BLĐTBXH, with Mon Sep 1 the adjacent holiday of art.
    ///   112.1(đ), not a swap.
    /// - **2026**: Official Letter 12729/VPCP-KGVX of 2025-12-25 (*verified*): Jan 1 – Jan 4
    ///   with Fri Jan 2 off and Sat Jan 10 worked; Notice 9441/TB-BNV of 2025-10-16 (Ministry
    ///   of Home Affairs, *verified* for Tết): the five Tết days Mon Feb 16 – Fri Feb 20, a
    ///   break from Sat Feb 14 to Sun Feb 22. The same notice sets National Day (*corroborated*
    ///   by the press and independent data sets, its text not read): a break from Sat Aug 29
    ///   to Wed Sep 2 with Tue Sep 1 the adjacent holiday, and Mon Aug 31 a *swapped* day off,
    ///   made up by working Sat Aug 22. Hùng Kings' day (Sun Apr 26) is compensated on Mon
    ///   Apr 27 by the general rule (art. 111.3), not by this schedule; Apr 30 – May 3 needs
    ///   no swap, so the schedule has none. Vietnamese Culture Day (Tue Nov 24) comes from its
    ///   holiday rule; no swap around it is listed.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{ScheduledDayKind, YearSchedule};
    /// use directives::provenance::Certainty;
    ///
    /// assert!(YearSchedule::vietnam(2025).is_some());
    /// assert!(YearSchedule::vietnam(2019).is_none());
    /// let s2026 = YearSchedule::vietnam(2026).ok_or("no preset")?;
    /// let aug22 = NaiveDate::from_ymd_opt(2026, 8, 22).ok_or("bad date")?;
    /// let day = s2026.days().iter().find(|d| d.date() == aug22).ok_or("missing")?;
    /// assert_eq!(day.kind(), ScheduledDayKind::MakeUpWorkingDay);
    /// assert_eq!(day.provenance().certainty(), Certainty::Corroborated);
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
                .provenance(corroborated(&[
                    LETTER_8662,
                    "Sức sống trẻ, reporting the notice of the Ministry of Labour, Invalids and Social Affairs: Tết Thu 2024-02-08 – Wed 2024-02-14, five Tết days and two compensatory days (Labour Code 2019 art. 111.3)",
                ])?)
                .tet(d(2, 8)?, d(2, 14)?)
                .provenance(corroborated(&SWAP_2024)?)
                .swap(d(4, 29)?, d(5, 4)?)
                .provenance(corroborated(&[
                    LETTER_8662,
                    "Sức sống trẻ, reporting the same notice: National Day Sat 2024-08-31 – Tue 2024-09-03, two holiday days and two weekly rest days",
                    "SGGP, 2024: the Ministry of Labour, Invalids and Social Affairs announces National Day Aug 31 – Sep 3; Báo Khánh Hòa, 2024-08-31: two days off, Sep 2 and Sep 3",
                ])?)
                .national_day(d(8, 31)?, d(9, 3)?),
            2025 => b
                .provenance(verified(&format!(
                    "{tet_law}; Official Letter 8726/VPCP-KGVX of 2024-11-26: Tết days Mon Jan 27 – Fri Jan 31, break Sat Jan 25 – Sun Feb 2"
                ))?)
                .tet(d(1, 25)?, d(2, 2)?)
                .provenance(verified("Official Letter 8726/VPCP-KGVX of 2024-11-26: Fri May 2 off, swapped for Sat Apr 26 (break Apr 30 – May 4)")?)
                .swap(d(5, 2)?, d(4, 26)?)
                .provenance(verified(&format!(
                    "{national_law}; Notice 6150/TB-BLĐTBXH: break Sat Aug 30 – Tue Sep 2, Mon Sep 1 the adjacent holiday"
                ))?)
                .national_day(d(8, 30)?, d(9, 2)?),
            2026 => b
                .provenance(verified("Official Letter 12729/VPCP-KGVX of 2025-12-25: Fri Jan 2 off, swapped for Sat Jan 10 (break Jan 1 – Jan 4)")?)
                .swap(d(1, 2)?, d(1, 10)?)
                .provenance(verified(&format!(
                    "{tet_law}; Notice 9441/TB-BNV of 2025-10-16 (Ministry of Home Affairs): Tết days Mon Feb 16 – Fri Feb 20, break Sat Feb 14 – Sun Feb 22"
                ))?)
                .tet(d(2, 14)?, d(2, 22)?)
                .provenance(corroborated(&ND_2026)?)
                .national_day(d(8, 29)?, d(8, 30)?)
                .swap(d(8, 31)?, d(8, 22)?)
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

    /// The schedule's entries as [`Fact`]s, in date order (see [`ScheduledDay::to_fact`]).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::YearSchedule;
    /// use directives::provenance::Certainty;
    ///
    /// let s = YearSchedule::vietnam(2024).ok_or("no preset")?;
    /// let below: Vec<String> = s.facts().iter().filter(|f| f.is_below(Certainty::Verified)).map(|f| f.id().to_owned()).collect();
    /// assert_eq!(below.len(), 13); // 2024 rests on secondary sources
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn facts(&self) -> Vec<Fact> {
        self.days.iter().map(ScheduledDay::to_fact).collect()
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
/// Entries take the [`provenance`](YearScheduleBuilder::provenance) current when they are
/// added; adding an entry before any provenance is set is an error.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::YearSchedule;
/// use directives::provenance::Provenance;
///
/// let err = YearSchedule::builder(2027)
///     .provenance(Provenance::unverified("an example")?)
///     .make_up_day(NaiveDate::from_ymd_opt(2028, 1, 8).ok_or("bad date")?, "Làm bù", "Make-up")
///     .build()
///     .unwrap_err();
/// assert_eq!(err.to_string(), "schedule for year `2027` lists `2028-01-08`, which is outside that year");
/// let err = YearSchedule::builder(2027)
///     .make_up_day(NaiveDate::from_ymd_opt(2027, 1, 9).ok_or("bad date")?, "Làm bù", "Make-up")
///     .build()
///     .unwrap_err();
/// assert_eq!(err.to_string(), "schedule for year `2027` lists `2027-01-09` without a provenance");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct YearScheduleBuilder {
    year: i32,
    provenance: Option<Provenance>,
    fixes: Vec<ScheduledPart>,
    days: Vec<ScheduledDay>,
    error: Option<CalendarError>,
}

impl YearScheduleBuilder {
    /// Sets the provenance recorded on the entries added after this call: the announcement
    /// read (verified), the secondary sources that agree (corroborated), or the assumption
    /// made (unverified).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::YearSchedule;
    /// use directives::provenance::{Certainty, Provenance};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let s = YearSchedule::builder(2027)
    ///     .provenance(Provenance::verified("Decision A")?)
    ///     .day_off(d(4, 29)?, "Nghỉ", "Day off")
    ///     .provenance(Provenance::unverified("announced orally")?)
    ///     .make_up_day(d(5, 8)?, "Làm bù", "Make-up")
    ///     .build()?;
    /// assert_eq!(s.days()[0].provenance().citation(), Some("Decision A"));
    /// assert_eq!(s.days()[1].provenance().certainty(), Certainty::Unverified);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provenance(mut self, provenance: Provenance) -> Self {
        self.provenance = Some(provenance);
        self
    }

    /// Removes the entries for `date`, if any (to replace one of a preset's entries).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::YearSchedule;
    /// use directives::provenance::{Certainty, Provenance};
    ///
    /// let aug22 = NaiveDate::from_ymd_opt(2026, 8, 22).ok_or("bad date")?;
    /// let s = YearSchedule::vietnam(2026)
    ///     .ok_or("no preset")?
    ///     .to_builder()
    ///     .remove(aug22)
    ///     .provenance(Provenance::verified("Notice 9441/TB-BNV of 2025-10-16, section 2 (as read by the user)")?)
    ///     .make_up_day(aug22, "Làm bù cho thứ Hai 2026-08-31", "Make-up working day for Mon 2026-08-31")
    ///     .build()?;
    /// let day = s.days().iter().find(|d| d.date() == aug22).ok_or("missing")?;
    /// assert_eq!(day.provenance().certainty(), Certainty::Verified);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn remove(mut self, date: NaiveDate) -> Self {
        self.days.retain(|d| d.date != date);
        self
    }

    /// A weekday `off` swapped for a weekly rest day `worked` (normally a Saturday): adds
    /// `off` as a day off and `worked` as a make-up working day, each named after the other
    /// (`Day off swapped for Sat 2026-08-22`, `Make-up working day for Mon 2026-08-31`).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{ScheduledDayKind, YearSchedule};
    /// use directives::provenance::Provenance;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let s = YearSchedule::builder(2027)
    ///     .provenance(Provenance::verified("Decision A")?)
    ///     .swap(d(4, 29)?, d(5, 8)?)
    ///     .build()?;
    /// assert_eq!(s.days()[0].kind(), ScheduledDayKind::DayOff);
    /// assert_eq!(s.days()[0].name(directives::Lang::Vi), "Nghỉ hoán đổi, làm bù thứ Bảy 2027-05-08");
    /// assert_eq!(s.days()[1].kind(), ScheduledDayKind::MakeUpWorkingDay);
    /// assert_eq!(s.days()[1].name(directives::Lang::Vi), "Làm bù cho thứ Năm 2027-04-29");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn swap(self, off: NaiveDate, worked: NaiveDate) -> Self {
        let ((off_vi, off_en), (worked_vi, worked_en)) = swap_names(off, worked);
        self.day_off(off, &off_vi, &off_en)
            .make_up_day(worked, &worked_vi, &worked_en)
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
    /// use directives::provenance::Provenance;
    /// use directives::calendar::{ScheduledPart, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let example = Provenance::unverified("an example")?;
    /// let s = YearSchedule::builder(2027).provenance(example).tet(d(2, 5)?, d(2, 10)?).build()?;
    /// assert_eq!(s.fixes(), [ScheduledPart::Tet]);
    /// assert_eq!(s.days().len(), 6);
    /// assert_eq!(s.days()[0].name(directives::Lang::En), "Lunar New Year (Tết)");
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
    /// use directives::provenance::Provenance;
    /// use directives::calendar::{ScheduledPart, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let example = Provenance::unverified("an example")?;
    /// let s = YearSchedule::builder(2027).provenance(example).national_day(d(9, 2)?, d(9, 5)?).build()?;
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
    /// use directives::provenance::Provenance;
    /// use directives::calendar::{ScheduledDayKind, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let example = Provenance::unverified("an example")?;
    /// let s = YearSchedule::builder(2027).provenance(example).days_off(d(4, 29)?, d(4, 30)?, "Nghỉ", "Day off").build()?;
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
    /// use directives::provenance::Provenance;
    /// use directives::calendar::{ScheduledDayKind, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let example = Provenance::unverified("an example")?;
    /// let s = YearSchedule::builder(2027).provenance(example).day_off(d(4, 29)?, "Nghỉ", "Day off").build()?;
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
    /// use directives::provenance::Provenance;
    /// use directives::calendar::{ScheduledDayKind, YearSchedule};
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let example = Provenance::unverified("an example")?;
    /// let s = YearSchedule::builder(2027).provenance(example).make_up_day(d(5, 8)?, "Làm bù", "Make-up").build()?;
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
            let Some(provenance) = self.provenance.clone() else {
                self.error = Some(CalendarError::ScheduleMissingProvenance {
                    year: self.year,
                    date,
                });
                return self;
            };
            self.days.push(ScheduledDay {
                date,
                kind,
                name_vi: name_vi.to_owned(),
                name_en: name_en.to_owned(),
                provenance,
            });
        }
        self
    }

    /// Validates and returns the schedule.
    ///
    /// # Errors
    ///
    /// The first error met: [`CalendarError::ScheduleReversedRange`],
    /// [`CalendarError::ScheduleDateOutsideYear`],
    /// [`CalendarError::ScheduleMissingProvenance`] or
    /// [`CalendarError::ScheduleDuplicateDate`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{CalendarError, YearSchedule};
    /// use directives::provenance::Provenance;
    ///
    /// let day = NaiveDate::from_ymd_opt(2027, 5, 3).ok_or("bad date")?;
    /// let err = YearSchedule::builder(2027)
    ///     .provenance(Provenance::unverified("an example")?)
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

    fn below_verified(s: &YearSchedule) -> Vec<String> {
        s.days()
            .iter()
            .filter(|d| {
                d.provenance()
                    .is_below(crate::provenance::Certainty::Verified)
            })
            .map(|d| d.date().to_string())
            .collect()
    }

    #[test]
    fn presets_build() {
        assert_eq!(YearSchedule::vietnam_presets().len(), 3);
        let s = YearSchedule::vietnam(2026).unwrap();
        assert_eq!(s.days().len(), 17);
        assert_eq!(
            below_verified(&s),
            [
                "2026-08-22",
                "2026-08-29",
                "2026-08-30",
                "2026-08-31",
                "2026-09-01",
                "2026-09-02"
            ]
        );
        assert_eq!(s.fixes(), [ScheduledPart::Tet, ScheduledPart::NationalDay]);
        let s2024 = YearSchedule::vietnam(2024).unwrap();
        assert_eq!(s2024.days().len(), 13);
        assert_eq!(below_verified(&s2024).len(), 13);
        assert_eq!(
            s2024.fixes(),
            [ScheduledPart::Tet, ScheduledPart::NationalDay]
        );
        let s2025 = YearSchedule::vietnam(2025).unwrap();
        assert!(below_verified(&s2025).is_empty());
    }

    #[test]
    fn reversed_range() {
        let a = NaiveDate::from_ymd_opt(2027, 2, 10).unwrap();
        let b = NaiveDate::from_ymd_opt(2027, 2, 5).unwrap();
        let err = YearSchedule::builder(2027)
            .provenance(Provenance::unverified("test").unwrap())
            .tet(a, b)
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "schedule for year `2027` has a reversed range `2027-02-10..=2027-02-05`"
        );
    }
}
