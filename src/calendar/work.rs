//! Working-day calendars: the week, holidays, compensatory days and yearly schedules,
//! precomputed for constant-time queries.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::holiday::{Holiday, HolidayDate, HolidayRule, ScheduledPart};
use super::schedule::{ScheduledDay, ScheduledDayKind, YearSchedule};
use super::{CalendarError, LunarDate};
use crate::Lang;
use crate::provenance::{Certainty, Fact, Provenance};

/// The days of the week that are working days.
///
/// # Example
///
/// ```
/// use chrono::Weekday;
/// use directives::calendar::WeekMask;
///
/// assert!(WeekMask::MON_FRI.is_working(Weekday::Fri));
/// assert!(!WeekMask::MON_FRI.is_working(Weekday::Sat));
/// assert!(WeekMask::MON_SAT.is_working(Weekday::Sat));
/// let four_days = WeekMask::MON_FRI.without(Weekday::Fri);
/// assert_eq!(four_days, WeekMask::from_working_days(&[Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeekMask(u8);

impl WeekMask {
    /// Monday to Friday: the week of state agencies.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use directives::calendar::WeekMask;
    ///
    /// assert!(WeekMask::MON_FRI.is_working(Weekday::Mon));
    /// assert!(!WeekMask::MON_FRI.is_working(Weekday::Sat));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const MON_FRI: WeekMask = WeekMask(0b001_1111);
    /// Monday to Saturday: a six-day week.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use directives::calendar::WeekMask;
    ///
    /// assert!(WeekMask::MON_SAT.is_working(Weekday::Sat));
    /// assert!(!WeekMask::MON_SAT.is_working(Weekday::Sun));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const MON_SAT: WeekMask = WeekMask(0b011_1111);

    /// A week whose working days are the ones listed.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use directives::calendar::WeekMask;
    ///
    /// let week = WeekMask::from_working_days(&[Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]);
    /// assert_eq!(week, WeekMask::MON_FRI);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from_working_days(days: &[Weekday]) -> WeekMask {
        days.iter().fold(WeekMask(0), |mask, &day| mask.with(day))
    }

    /// Whether `day` is a working day of the week.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use directives::calendar::WeekMask;
    ///
    /// assert!(WeekMask::MON_FRI.is_working(Weekday::Wed));
    /// assert!(!WeekMask::MON_FRI.is_working(Weekday::Sun));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_working(self, day: Weekday) -> bool {
        self.0 & bit(day) != 0
    }

    /// This week with `day` a working day.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use directives::calendar::WeekMask;
    ///
    /// assert_eq!(WeekMask::MON_FRI.with(Weekday::Sat), WeekMask::MON_SAT);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with(self, day: Weekday) -> WeekMask {
        WeekMask(self.0 | bit(day))
    }

    /// This week with `day` a weekly rest day.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use directives::calendar::WeekMask;
    ///
    /// assert_eq!(WeekMask::MON_SAT.without(Weekday::Sat), WeekMask::MON_FRI);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn without(self, day: Weekday) -> WeekMask {
        WeekMask(self.0 & !bit(day))
    }

    /// Whether the week has no working day.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WeekMask;
    ///
    /// assert!(WeekMask::from_working_days(&[]).is_empty());
    /// assert!(!WeekMask::MON_FRI.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl Default for WeekMask {
    /// Monday to Friday.
    fn default() -> Self {
        WeekMask::MON_FRI
    }
}

mod date32;

/// Where a day is in a [`WorkCalendar`]'s tables: its key (see INVARIANT (tables)).
type Slot = usize;

/// The key of a day in a [`WorkCalendar`]'s tables: its year (counted from the first) and
/// its ordinal.
#[inline]
fn key(year: u32, ordinal: u32) -> usize {
    ((year as usize) << 9) | ordinal as usize
}

fn bit(day: Weekday) -> u8 {
    1 << day.num_days_from_monday()
}

/// What happens to a day that is not a working day: it stays ([`Roll::Keep`]) or moves
/// to a working day by one of the usual conventions. A working day never moves.
///
/// This is the crate's one rest-day convention: [`WorkCalendar::roll`] applies it, a
/// reporting regime's fixed-day deadline carries one
/// ([`DeadlineRule::DayOfLastMonth`](crate::regime::DeadlineRule::DayOfLastMonth)), and an
/// evaluation policy says with one whether deadlines move
/// ([`EvaluationPolicy::with_rest_day_shift`](crate::compliance::EvaluationPolicy::with_rest_day_shift)).
/// Civil Code 2015 art. 148.5 is [`Roll::Following`]: a term whose last day is a rest day
/// ends on the next working day.
///
/// Serde and `Display` names: `keep`, `following`, `preceding`, `modified_following`,
/// `modified_preceding`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::{Roll, WorkCalendar};
///
/// let cal = WorkCalendar::vietnam()?;
/// let sat = NaiveDate::from_ymd_opt(2024, 8, 31).ok_or("bad date")?;
/// // Sep 2–3, 2024 are National Day holidays.
/// assert_eq!(cal.roll(sat, Roll::Following)?, NaiveDate::from_ymd_opt(2024, 9, 4).ok_or("bad date")?);
/// assert_eq!(cal.roll(sat, Roll::ModifiedFollowing)?, NaiveDate::from_ymd_opt(2024, 8, 30).ok_or("bad date")?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Roll {
    /// The day stays, working day or not.
    Keep,
    /// The first working day on or after the day (Civil Code 2015 art. 148.5: the next
    /// working day).
    Following,
    /// The last working day on or before the day.
    Preceding,
    /// Following, unless that lands in the next month; then Preceding.
    ModifiedFollowing,
    /// Preceding, unless that lands in the previous month; then Following.
    ModifiedPreceding,
}

impl Roll {
    /// The name: `keep`, `following`, `preceding`, `modified_following` or
    /// `modified_preceding` (also its serde form and `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::Roll;
    ///
    /// assert_eq!(Roll::Following.as_str(), "following");
    /// assert_eq!(Roll::Keep.to_string(), "keep");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Roll::Keep => "keep",
            Roll::Following => "following",
            Roll::Preceding => "preceding",
            Roll::ModifiedFollowing => "modified_following",
            Roll::ModifiedPreceding => "modified_preceding",
        }
    }
}

impl fmt::Display for Roll {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a day is in a [`WorkCalendar`], and why: the answer of
/// [`WorkCalendar::day_info`].
///
/// When several reasons apply, the first in this order wins: a make-up working day, a
/// holiday, a scheduled day off, a compensatory day off, a weekly rest day.
///
/// New kinds may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::{DayKind, WorkCalendar};
///
/// let cal = WorkCalendar::vietnam()?;
/// let may1 = NaiveDate::from_ymd_opt(2024, 5, 1).ok_or("bad date")?;
/// match cal.day_info(may1)? {
///     DayKind::Holiday(h) => assert_eq!(h.name(directives::Lang::En), "International Labour Day"),
///     other => panic!("unexpected {other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DayKind {
    /// An ordinary working day.
    Working,
    /// A weekly rest day (Saturday or Sunday in the default week).
    WeeklyRest,
    /// A public holiday made by a [`HolidayRule`].
    Holiday(Holiday),
    /// A day off listed in a [`YearSchedule`] (part of a break, or a swapped weekday).
    ScheduledDayOff(ScheduledDay),
    /// A compensatory day off for a holiday that fell on a weekly rest day (Labour Code
    /// 2019 art. 111.3): the next working day, in every year (see
    /// [`WorkCalendarBuilder::compensation`] for the earlier wording).
    Compensatory {
        /// The holiday compensated.
        holiday: Holiday,
        /// The weekly rest day the holiday fell on.
        date: NaiveDate,
    },
    /// A weekly rest day worked to make up a day off, listed in a [`YearSchedule`].
    MakeUpWorkingDay(ScheduledDay),
}

impl DayKind {
    /// Whether the day is a working day.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::DayKind;
    ///
    /// assert!(DayKind::Working.is_working());
    /// assert!(!DayKind::WeeklyRest.is_working());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::Working | DayKind::MakeUpWorkingDay(_))
    }

    /// A short description in `lang`, such as `holiday: National Day`,
    /// `compensatory day off for Hùng Kings' Commemoration Day (2026-04-26)` or
    /// `nghỉ bù Giỗ Tổ Hùng Vương (2026-04-26)`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::calendar::DayKind;
    ///
    /// assert_eq!(DayKind::WeeklyRest.sentence(Lang::Vi), "ngày nghỉ hằng tuần");
    /// assert_eq!(DayKind::WeeklyRest.sentence(Lang::En), "weekly rest day");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Vi, DayKind::Working) => "ngày làm việc".to_owned(),
            (Lang::Vi, DayKind::WeeklyRest) => "ngày nghỉ hằng tuần".to_owned(),
            (Lang::Vi, DayKind::Holiday(h)) => format!("nghỉ lễ, tết: {}", h.name(lang)),
            (Lang::Vi, DayKind::ScheduledDayOff(d)) => format!("nghỉ theo lịch: {}", d.name(lang)),
            (Lang::Vi, DayKind::Compensatory { holiday, date }) => {
                format!("nghỉ bù {} ({date})", holiday.name(lang))
            }
            (Lang::Vi, DayKind::MakeUpWorkingDay(d)) => format!("làm bù: {}", d.name(lang)),
            (Lang::En, DayKind::Working) => "working day".to_owned(),
            (Lang::En, DayKind::WeeklyRest) => "weekly rest day".to_owned(),
            (Lang::En, DayKind::Holiday(h)) => format!("holiday: {}", h.name(lang)),
            (Lang::En, DayKind::ScheduledDayOff(d)) => {
                format!("scheduled day off: {}", d.name(lang))
            }
            (Lang::En, DayKind::Compensatory { holiday, date }) => {
                format!("compensatory day off for {} ({date})", holiday.name(lang))
            }
            (Lang::En, DayKind::MakeUpWorkingDay(d)) => {
                format!("make-up working day: {}", d.name(lang))
            }
        }
    }

    /// Where the rule behind the day comes from, if there is one: the holiday rule's or
    /// the schedule entry's [`Provenance`], or for a compensatory day Labour Code 2019 art.
    /// 111.3 (verified). Ordinary working days and weekly rest days have none.
    ///
    /// A report can use it to say when a result rests on a day that is not verified.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{DayKind, WorkCalendar};
    /// use directives::provenance::Certainty;
    ///
    /// assert_eq!(DayKind::Working.provenance(), None);
    /// let cal = WorkCalendar::vietnam()?;
    /// let aug31 = NaiveDate::from_ymd_opt(2026, 8, 31).ok_or("bad date")?;
    /// let p = cal.day_info(aug31)?.provenance().ok_or("no provenance")?;
    /// assert_eq!(p.certainty(), Certainty::Corroborated);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provenance(&self) -> Option<Provenance> {
        match self {
            DayKind::Working | DayKind::WeeklyRest => None,
            DayKind::Holiday(h) => Some(h.provenance().clone()),
            DayKind::ScheduledDayOff(d) | DayKind::MakeUpWorkingDay(d) => {
                Some(d.provenance().clone())
            }
            DayKind::Compensatory { date, .. } => {
                if date.year() >= 2021 {
                    Provenance::verified(super::COMPENSATION_2019).ok()
                } else {
                    Provenance::unverified(super::COMPENSATION_BEFORE_2021).ok()
                }
            }
        }
    }
}

/// A working-day calendar for a range of years: a [`WeekMask`], [`HolidayRule`]s,
/// compensatory days (Labour Code 2019 art. 111.3) and [`YearSchedule`]s, precomputed into
/// tables so that every query takes constant time.
///
/// Every query takes a date inside the calendar's range ([`first`](WorkCalendar::first) to
/// [`last`](WorkCalendar::last)) and returns [`CalendarError::OutOfRange`] otherwise, never a
/// guess. That is why [`is_working_day`](WorkCalendar::is_working_day) and
/// [`working_days_between`](WorkCalendar::working_days_between) return a `Result` rather
/// than a bare `bool` or `i64`.
///
/// Build the state-agency calendar with [`WorkCalendar::vietnam`], or a custom one with
/// [`WorkCalendar::builder`] or [`WorkCalendarBuilder::vietnam`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::WorkCalendar;
///
/// let cal = WorkCalendar::vietnam()?;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// assert!(!cal.is_working_day(d(2025, 5, 2)?)?); // swapped for Sat Apr 26
/// assert!(cal.is_working_day(d(2025, 4, 26)?)?);
/// assert_eq!(cal.add_working_days(d(2024, 2, 7)?, 1)?, d(2024, 2, 15)?); // across Tết
/// assert_eq!(cal.working_days_between(d(2024, 2, 1)?, d(2024, 3, 1)?)?, 16);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct WorkCalendar {
    first: NaiveDate,
    last: NaiveDate,
    week: WeekMask,
    rules: Vec<HolidayRule>,
    schedules: Vec<YearSchedule>,
    compensation: bool,
    // INVARIANT (tables): the day tables are indexed by a day's key, `y << 9 | ordinal`
    // with `y = year - first_year` (see `key`), which is `(year << 9 | ordinal) -
    // key_origin` with `key_origin = first_year << 9`, so that finding a day needs no
    // division. `kind_of` and `before` have `years << 9` entries, so a key is in the
    // range exactly when it is below their length (a day's ordinal is at most 366, so
    // `k + 1` is then in the range too). For a day with key `k`, `before[k]` counts the
    // working days of the calendar before it, `before[k + 1] - before[k]` is 1 exactly
    // when the day is a working day (on a year's last day, `k + 1` is a padding key of the
    // same year that holds the count through that day), and `kind_of[k]` indexes `kinds`,
    // where 0 is `Working` and 1 is `WeeklyRest`. `working` lists the working days in
    // order, so `working[before[k]]` is the first working day on or after the day. Upheld
    // by `WorkCalendarBuilder::build`, the only constructor.
    key_origin: i32,
    kinds: Vec<DayKind>,
    kind_of: Vec<u32>,
    before: Vec<u32>,
    working: Vec<NaiveDate>,
    // INVARIANT (date32): the same counts for columns of dates as `i32` days since
    // 1970-01-01 (see `date32`). `day_origin` is the first day's number; `before_date32`
    // has one entry per day of the range plus one, entry `i` counting the working days
    // before day `day_origin + i` and the last entry all of them; `working_date32` is
    // `working` as day numbers. Upheld by `WorkCalendarBuilder::build`.
    day_origin: i32,
    before_date32: Vec<u32>,
    working_date32: Vec<i32>,
}

/// Two calendars are equal when they are built from the same inputs (years, week, rules,
/// schedules, compensation), which fix their days.
impl PartialEq for WorkCalendar {
    fn eq(&self, other: &WorkCalendar) -> bool {
        self.first == other.first
            && self.last == other.last
            && self.week == other.week
            && self.compensation == other.compensation
            && self.rules == other.rules
            && self.schedules == other.schedules
    }
}

impl fmt::Debug for WorkCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkCalendar")
            .field("first", &self.first)
            .field("last", &self.last)
            .field("week", &self.week)
            .field(
                "rules",
                &self
                    .rules
                    .iter()
                    .map(|r| r.holiday().id())
                    .collect::<Vec<_>>(),
            )
            .field(
                "schedules",
                &self
                    .schedules
                    .iter()
                    .map(YearSchedule::year)
                    .collect::<Vec<_>>(),
            )
            .field("compensation", &self.compensation)
            .field("working_days", &self.working.len())
            .finish_non_exhaustive()
    }
}

impl WorkCalendar {
    /// The calendar of Vietnamese state agencies for 1990–2100: Monday to Friday, the
    /// statutory holidays with their history ([`HolidayRule::vietnam`]), compensatory days
    /// (art. 111.3) and the known yearly schedules ([`YearSchedule::vietnam_presets`]),
    /// including Vietnamese Culture Day from 2026 (*corroborated*, see
    /// [`HolidayRule::vietnam`]).
    ///
    /// The week is Monday to Friday over the whole range, although the five-day week for
    /// state agencies dates from 1999; years before 1995 use the Labour Code 1994 holidays
    /// (*unverified*). Years without a schedule use the rules' default placement of Tết
    /// (the last day of the lunar year and the first four days of the new one) and of the
    /// day next to National Day (see [`HolidayDate::AdjacentToSolar`]).
    ///
    /// Building computes the tables for 111 years (a few milliseconds, about 850 KB):
    /// build the calendar once and share it by reference; it is `Send + Sync`.
    ///
    /// # Errors
    ///
    /// Only if the lunar calendar fails for a year of the range, which it does not for
    /// 1990–2100.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// assert_eq!(cal.first(), NaiveDate::from_ymd_opt(1990, 1, 1).ok_or("bad date")?);
    /// assert_eq!(cal.last(), NaiveDate::from_ymd_opt(2100, 12, 31).ok_or("bad date")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn vietnam() -> Result<WorkCalendar, CalendarError> {
        WorkCalendarBuilder::vietnam().build()
    }

    /// A builder with a Monday-to-Friday week, no holidays, no schedules, compensation on,
    /// and the years 1990–2100.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{WeekMask, WorkCalendar};
    ///
    /// let cal = WorkCalendar::builder().week(WeekMask::MON_SAT).years(2024, 2024).build()?;
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2024, 1, 6).ok_or("bad date")?)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn builder() -> WorkCalendarBuilder {
        WorkCalendarBuilder {
            week: WeekMask::MON_FRI,
            rules: Vec::new(),
            schedules: BTreeMap::new(),
            first_year: 1990,
            last_year: 2100,
            compensation: true,
        }
    }

    /// The first day of the calendar's range.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// assert_eq!(cal.first(), NaiveDate::from_ymd_opt(1990, 1, 1).ok_or("bad date")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn first(&self) -> NaiveDate {
        self.first
    }

    /// The last day of the calendar's range.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// assert_eq!(cal.last(), NaiveDate::from_ymd_opt(2100, 12, 31).ok_or("bad date")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn last(&self) -> NaiveDate {
        self.last
    }

    /// The week.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{WeekMask, WorkCalendar};
    ///
    /// assert_eq!(WorkCalendar::vietnam()?.week(), WeekMask::MON_FRI);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn week(&self) -> WeekMask {
        self.week
    }

    /// The holiday rules.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{HolidayRule, WorkCalendar};
    ///
    /// assert_eq!(WorkCalendar::vietnam()?.rules(), HolidayRule::vietnam());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rules(&self) -> &[HolidayRule] {
        &self.rules
    }

    /// The yearly schedules, in year order.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{WorkCalendar, YearSchedule};
    ///
    /// assert_eq!(WorkCalendar::vietnam()?.schedules(), YearSchedule::vietnam_presets());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn schedules(&self) -> &[YearSchedule] {
        &self.schedules
    }

    /// The facts this calendar rests on: one per holiday rule, then one per schedule entry
    /// in date order, then (with compensation on) the compensation rule, each with its
    /// provenance. A calendar built from
    /// [`WorkCalendarBuilder::vietnam`] with a rule or a schedule replaced lists the
    /// replacement.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::provenance::FactArea;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let facts = cal.facts();
    /// assert_eq!(facts.iter().filter(|f| f.area() == FactArea::HolidayRule).count(), 9);
    /// assert_eq!(facts.iter().filter(|f| f.area() == FactArea::ScheduleEntry).count(), 13 + 15 + 17);
    /// assert_eq!(facts.iter().filter(|f| f.area() == FactArea::LegalRule).count(), 2); // compensation
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn facts(&self) -> Vec<Fact> {
        let compensation = if self.compensation {
            super::compensation_facts()
        } else {
            Vec::new()
        };
        self.rules
            .iter()
            .map(HolidayRule::to_fact)
            .chain(self.schedules.iter().flat_map(YearSchedule::facts))
            .chain(compensation)
            .collect()
    }

    /// The facts of [`facts`](WorkCalendar::facts) that are less sure than `level`: with
    /// [`Certainty::Verified`], every rule and entry no primary text confirms.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::provenance::Certainty;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let unverified: Vec<String> = cal.facts_below(Certainty::Corroborated).iter().map(|f| f.id().to_owned()).collect();
    /// assert_eq!(unverified, ["tet-4", "tet", "national-day-adjacent", "compensation-before-2021"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn facts_below(&self, level: Certainty) -> Vec<Fact> {
        self.facts()
            .into_iter()
            .filter(|f| f.is_below(level))
            .collect()
    }

    #[cold]
    #[inline(never)]
    fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange {
            date,
            first: self.first,
            last: self.last,
        }
    }

    #[cold]
    #[inline(never)]
    fn moved_out(&self, date: NaiveDate, days: i64) -> CalendarError {
        CalendarError::WorkingDaysOutOfRange {
            date,
            days,
            first: self.first,
            last: self.last,
        }
    }

    /// Where `date` is in the tables (see INVARIANT (tables)): one subtraction and one
    /// comparison, which is also the range check.
    #[inline]
    fn index(&self, date: NaiveDate) -> Result<Slot, CalendarError> {
        // `year << 9 | ordinal` does not overflow: chrono's years are within ±262_143.
        // A date before the range gives a negative difference, which wraps to a key far
        // above the tables.
        #[allow(clippy::cast_sign_loss, reason = "wrapping is the range check")]
        let k = ((date.year() << 9) | date.ordinal() as i32).wrapping_sub(self.key_origin) as u32
            as usize;
        // A day's key is never the table's last (INVARIANT (tables): a year's keys end
        // with padding), so comparing `k + 1` proves both `k` and `k + 1` in range, and
        // `before` and `through` need no check of their own once inlined.
        if k.checked_add(1)
            .is_some_and(|next| next < self.before.len())
        {
            Ok(k)
        } else {
            Err(self.out_of_range(date))
        }
    }

    /// The number of working days of the calendar before the day.
    #[inline]
    fn before(&self, s: Slot) -> i64 {
        // INVARIANT (tables): `s` is a day's key, so the entry exists.
        self.before.get(s).map_or(0, |&c| i64::from(c))
    }

    /// The number of working days of the calendar up to and including the day.
    #[inline]
    fn through(&self, s: Slot) -> i64 {
        // INVARIANT (tables): `s` is a day's key, so `s + 1` is a key of the same year.
        self.before.get(s + 1).map_or(0, |&c| i64::from(c))
    }

    /// The `k`-th working day of the calendar (from 0), if there is one.
    #[inline]
    fn working_at(&self, k: i64) -> Option<NaiveDate> {
        // A negative `k` wraps to an index past the end: one comparison checks both ends.
        #[allow(clippy::cast_sign_loss, reason = "a negative index wraps past the end")]
        let k = k as u64;
        usize::try_from(k)
            .ok()
            .and_then(|k| self.working.get(k))
            .copied()
    }

    /// Whether `date` is a working day.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when `date` is outside the calendar's range.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2024, 5, 4).ok_or("bad date")?)?); // make-up Saturday
    /// let far = NaiveDate::from_ymd_opt(2200, 1, 1).ok_or("bad date")?;
    /// assert_eq!(
    ///     cal.is_working_day(far).unwrap_err().to_string(),
    ///     "date `2200-01-01` is outside the calendar range `1990-01-01..=2100-12-31`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let s = self.index(date)?;
        Ok(self.through(s) > self.before(s))
    }

    /// What `date` is, and why: a working day, a weekly rest day, a holiday (with names and
    /// source), a scheduled day off, a compensatory day or a make-up working day.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when `date` is outside the calendar's range.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{DayKind, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let apr27 = NaiveDate::from_ymd_opt(2026, 4, 27).ok_or("bad date")?;
    /// let info = cal.day_info(apr27)?;
    /// assert!(matches!(info, DayKind::Compensatory { .. }));
    /// assert_eq!(info.sentence(directives::Lang::En), "compensatory day off for Hùng Kings' Commemoration Day (2026-04-26)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn day_info(&self, date: NaiveDate) -> Result<DayKind, CalendarError> {
        let s = self.index(date)?;
        self.kind_of
            .get(s)
            .and_then(|&k| self.kinds.get(usize::try_from(k).ok()?))
            .cloned()
            .ok_or_else(|| self.out_of_range(date))
    }

    /// Moves `days` working days from `date`.
    ///
    /// For `days > 0`, the result is the `days`-th working day strictly after `date`; for
    /// `days < 0`, the `-days`-th working day strictly before it; `days == 0` returns `date`
    /// unchanged, whether or not it is a working day (use [`roll`](WorkCalendar::roll) to
    /// move it). So `+1` from a Saturday is the next Monday (if a working day), and `-1`
    /// from a Saturday the Friday before; on working days the operation inverts itself:
    /// `add(add(d, k), -k) == d`.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::OutOfRange`] when `date` is outside the calendar's range;
    /// - [`CalendarError::WorkingDaysOutOfRange`] when the result would be.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// assert_eq!(cal.add_working_days(d(2024, 3, 2)?, 1)?, d(2024, 3, 4)?); // Sat + 1 = Mon
    /// assert_eq!(cal.add_working_days(d(2024, 3, 2)?, -1)?, d(2024, 3, 1)?); // Sat - 1 = Fri
    /// assert_eq!(cal.add_working_days(d(2024, 3, 4)?, 5)?, d(2024, 3, 11)?);
    /// assert_eq!(cal.add_working_days(d(2024, 3, 11)?, -5)?, d(2024, 3, 4)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn add_working_days(&self, date: NaiveDate, days: i64) -> Result<NaiveDate, CalendarError> {
        let s = self.index(date)?;
        // Forward from the day, working days are counted after it (`s + 1` holds the count
        // through it); backward, before it. One load either way.
        let forward = days > 0;
        let count = if forward {
            self.through(s)
        } else if days < 0 {
            self.before(s)
        } else {
            return Ok(date);
        };
        // `count` is below 2^32, so the sum wraps only for `days` near `i64::MAX`, to a
        // negative index, which like any index below 0 or past the end has no working day.
        let k = count.wrapping_add(days).wrapping_sub(i64::from(forward));
        self.working_at(k).ok_or_else(|| self.moved_out(date, days))
    }

    /// The number of working days in the half-open range `[from, to)`; negative when `to`
    /// comes before `from` (then it counts `[to, from)`).
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when either date is outside the calendar's range.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// assert_eq!(cal.working_days_between(d(2025, 1, 20)?, d(2025, 2, 10)?)?, 10); // Tết Jan 25 – Feb 2
    /// assert_eq!(cal.working_days_between(d(2025, 2, 10)?, d(2025, 1, 20)?)?, -10);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<i64, CalendarError> {
        let a = self.index(from)?;
        let b = self.index(to)?;
        Ok(self.before(b) - self.before(a))
    }

    /// The working days in the half-open range `[from, to)`, in order; empty when `to` is
    /// not after `from`. The slice borrows the calendar's table, so this takes constant
    /// time.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when either date is outside the calendar's range.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // Tết 2024 (Feb 8–14) and a weekend in between.
    /// assert_eq!(cal.working_days(d(2024, 2, 6)?, d(2024, 2, 17)?)?, [d(2024, 2, 6)?, d(2024, 2, 7)?, d(2024, 2, 15)?, d(2024, 2, 16)?]);
    /// assert!(cal.working_days(d(2024, 2, 17)?, d(2024, 2, 6)?)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn working_days(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<&[NaiveDate], CalendarError> {
        let a = self.before(self.index(from)?);
        let b = self.before(self.index(to)?);
        let (Ok(a), Ok(b)) = (usize::try_from(a), usize::try_from(b)) else {
            return Ok(&[]);
        };
        Ok(self.working.get(a..b).unwrap_or(&[]))
    }

    /// The calendar as a table, one row per day from [`first`](WorkCalendar::first) to
    /// [`last`](WorkCalendar::last) in date order: the date (as a [`NaiveDate`] and as an
    /// `i32` count of days since 1970-01-01, Arrow's `Date32`), whether it is a working day,
    /// and its working ordinal, the number of working days of the calendar before it.
    ///
    /// An engine that holds dates as `Date32` can count working days by a join on this
    /// table: for two days `a` and `b` of the range,
    /// `ordinal(b) - ordinal(a) == working_days_between(a, b)`, and the `n`-th working day
    /// after a working day `a` is the working row with ordinal `ordinal(a) + n`.
    ///
    /// The encodings are stable: `date32` is always days since 1970-01-01 in the proleptic
    /// Gregorian calendar (negative before 1970), the ordinal always counts from 0 at the
    /// first working day of the calendar's range, and rows always come in date order with
    /// no gap. The ordinals therefore depend on the calendar's first year: compare ordinals
    /// only between rows of one table.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendarBuilder;
    ///
    /// let cal = WorkCalendarBuilder::vietnam().years(2024, 2024).build()?;
    /// let rows: Vec<_> = cal.rows().collect();
    /// assert_eq!(rows.len(), 366);
    /// let first = rows[0];
    /// assert_eq!(first.date(), NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("bad date")?);
    /// assert_eq!(first.date32(), 19_723); // days since 1970-01-01
    /// assert!(!first.is_working()); // New Year's Day
    /// assert_eq!(first.working_ordinal(), 0);
    /// // Jan 2 is the first working day: ordinal 0; Jan 3 has one working day before it.
    /// assert!(rows[1].is_working());
    /// assert_eq!((rows[1].working_ordinal(), rows[2].working_ordinal()), (0, 1));
    /// let (a, b) = (rows[10], rows[200]);
    /// assert_eq!(
    ///     i64::from(b.working_ordinal()) - i64::from(a.working_ordinal()),
    ///     cal.working_days_between(a.date(), b.date())?
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rows(&self) -> Rows<'_> {
        Rows {
            cal: self,
            next: Some(self.first),
        }
    }

    /// The first working day strictly after `date`.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when `date` is outside the calendar's range;
    /// [`CalendarError::WorkingDaysOutOfRange`] when the answer would be.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// assert_eq!(cal.next_working_day(d(2025, 4, 29)?)?, d(2025, 5, 5)?); // Apr 30 – May 4 off
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_working_days(date, 1)
    }

    /// The last working day strictly before `date`.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when `date` is outside the calendar's range;
    /// [`CalendarError::WorkingDaysOutOfRange`] when the answer would be.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// assert_eq!(cal.previous_working_day(d(2024, 2, 15)?)?, d(2024, 2, 7)?); // Tết Feb 8–14
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn previous_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_working_days(date, -1)
    }

    /// Moves `date` to a working day by the convention `roll`; a working day stays put.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when `date` is outside the calendar's range;
    /// [`CalendarError::WorkingDaysOutOfRange`] when the answer would be.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{Roll, WorkCalendar};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// assert_eq!(cal.roll(d(2024, 3, 30)?, Roll::Following)?, d(2024, 4, 1)?);
    /// assert_eq!(cal.roll(d(2024, 3, 30)?, Roll::ModifiedFollowing)?, d(2024, 3, 29)?);
    /// assert_eq!(cal.roll(d(2024, 6, 1)?, Roll::Preceding)?, d(2024, 5, 31)?);
    /// assert_eq!(cal.roll(d(2024, 6, 1)?, Roll::ModifiedPreceding)?, d(2024, 6, 3)?);
    /// assert_eq!(cal.roll(d(2024, 6, 4)?, Roll::Preceding)?, d(2024, 6, 4)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn roll(&self, date: NaiveDate, roll: Roll) -> Result<NaiveDate, CalendarError> {
        let s = self.index(date)?;
        // The first working day on or after `date` is working[before]; the last on or
        // before it is working[through - 1].
        let following = || {
            self.working_at(self.before(s))
                .ok_or_else(|| self.moved_out(date, 1))
        };
        let preceding = || {
            self.working_at(self.through(s) - 1)
                .ok_or_else(|| self.moved_out(date, -1))
        };
        match roll {
            Roll::Keep => Ok(date),
            Roll::Following => following(),
            Roll::Preceding => preceding(),
            Roll::ModifiedFollowing => match following() {
                Ok(d) if d.month() == date.month() && d.year() == date.year() => Ok(d),
                _ => preceding(),
            },
            Roll::ModifiedPreceding => match preceding() {
                Ok(d) if d.month() == date.month() && d.year() == date.year() => Ok(d),
                _ => following(),
            },
        }
    }
}

/// The number of days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// One day of a [`WorkCalendar`] as a table row: see [`WorkCalendar::rows`], which
/// documents the encodings (they are stable).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::WorkCalendarBuilder;
///
/// let cal = WorkCalendarBuilder::vietnam().years(1970, 1970).build()?;
/// let row = cal.rows().nth(4).ok_or("no row")?;
/// assert_eq!(row.date(), NaiveDate::from_ymd_opt(1970, 1, 5).ok_or("bad date")?);
/// assert_eq!(row.date32(), 4);
/// assert!(row.is_working());
/// assert_eq!(row.working_ordinal(), 1); // Jan 2 (Fri) before it; Jan 1 is a holiday
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayRow {
    date: NaiveDate,
    working: bool,
    ordinal: u32,
}

impl DayRow {
    /// The day.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendarBuilder;
    ///
    /// let cal = WorkCalendarBuilder::vietnam().years(2024, 2024).build()?;
    /// let row = cal.rows().next().ok_or("no row")?;
    /// assert_eq!(row.date(), NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("bad date")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The day as a count of days since 1970-01-01 (Arrow's `Date32`; negative before 1970).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendarBuilder;
    ///
    /// let cal = WorkCalendarBuilder::vietnam().years(1969, 1970).build()?;
    /// let row = cal.rows().next().ok_or("no row")?;
    /// assert_eq!(row.date32(), -365); // 1969-01-01
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date32(&self) -> i32 {
        self.date.num_days_from_ce() - UNIX_EPOCH_FROM_CE
    }

    /// Whether the day is a working day.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendarBuilder;
    ///
    /// let cal = WorkCalendarBuilder::vietnam().years(2024, 2024).build()?;
    /// let row = cal.rows().nth(1).ok_or("no row")?; // Tuesday 2024-01-02
    /// assert!(row.is_working());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_working(&self) -> bool {
        self.working
    }

    /// The number of working days of the calendar before the day, counted from its first
    /// day.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendarBuilder;
    ///
    /// let cal = WorkCalendarBuilder::vietnam().years(2024, 2024).build()?;
    /// let last = cal.rows().last().ok_or("no row")?;
    /// assert_eq!(last.working_ordinal() + u32::from(last.is_working()), 251); // working days of 2024
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn working_ordinal(&self) -> u32 {
        self.ordinal
    }
}

/// The rows of a [`WorkCalendar`] in date order: see [`WorkCalendar::rows`].
///
/// # Example
///
/// ```
/// use directives::calendar::WorkCalendarBuilder;
///
/// let cal = WorkCalendarBuilder::vietnam().years(2024, 2025).build()?;
/// assert_eq!(cal.rows().len(), 366 + 365);
/// assert_eq!(cal.rows().filter(|r| r.is_working()).count(), 251 + 250);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Rows<'a> {
    cal: &'a WorkCalendar,
    next: Option<NaiveDate>,
}

impl Iterator for Rows<'_> {
    type Item = DayRow;

    fn next(&mut self) -> Option<DayRow> {
        let date = self.next?;
        let s = self.cal.index(date).ok()?;
        let before = self.cal.before(s);
        let through = self.cal.through(s);
        self.next = date.succ_opt().filter(|d| *d <= self.cal.last);
        Some(DayRow {
            date,
            working: through > before,
            ordinal: u32::try_from(before).ok()?,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.next.map_or(0, |d| {
            usize::try_from((self.cal.last - d).num_days() + 1).unwrap_or(0)
        });
        (n, Some(n))
    }
}

impl ExactSizeIterator for Rows<'_> {}

impl std::iter::FusedIterator for Rows<'_> {}

/// A builder for a [`WorkCalendar`]: the week, the holiday rules, the yearly schedules,
/// whether holidays on weekly rest days are compensated, and the years to cover.
///
/// # Example
///
/// A province that also rests on its liberation day, without Vietnamese Culture Day, for
/// 2020–2040:
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::{DayKind, HolidayDate, HolidayRule, WorkCalendarBuilder};
/// use directives::provenance::Provenance;
///
/// let province_day = HolidayRule::builder("province-day")
///     .names("Ngày giải phóng tỉnh", "Province Liberation Day")
///     .provenance(Provenance::verified("Provincial decision (example)")?)
///     .date(HolidayDate::Solar { month: 3, day: 24 })
///     .build()?;
/// let cal = WorkCalendarBuilder::vietnam()
///     .rule(province_day)
///     .without_rule("culture-day")
///     .years(2020, 2040)
///     .build()?;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// assert!(!cal.is_working_day(d(2025, 3, 24)?)?);
/// assert!(matches!(cal.day_info(d(2025, 3, 24)?)?, DayKind::Holiday(_)));
/// assert!(cal.is_working_day(d(2026, 11, 24)?)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct WorkCalendarBuilder {
    week: WeekMask,
    rules: Vec<HolidayRule>,
    schedules: BTreeMap<i32, YearSchedule>,
    first_year: i32,
    last_year: i32,
    compensation: bool,
}

impl WorkCalendarBuilder {
    /// The builder behind [`WorkCalendar::vietnam`], to customise.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendarBuilder;
    ///
    /// let cal = WorkCalendarBuilder::vietnam().years(2024, 2026).build()?;
    /// assert_eq!(cal.schedules().len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn vietnam() -> WorkCalendarBuilder {
        let mut b = WorkCalendar::builder();
        for rule in HolidayRule::vietnam() {
            b = b.rule(rule);
        }
        for schedule in YearSchedule::vietnam_presets() {
            b = b.schedule(schedule);
        }
        b
    }

    /// Sets the week.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{WeekMask, WorkCalendarBuilder};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// let cal = WorkCalendarBuilder::vietnam().week(WeekMask::MON_SAT).years(2024, 2024).build()?;
    /// assert!(cal.is_working_day(d(2024, 3, 2)?)?); // a Saturday
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn week(mut self, week: WeekMask) -> Self {
        self.week = week;
        self
    }

    /// Sets the years covered, `first` to `last` inclusive.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendarBuilder;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// let cal = WorkCalendarBuilder::vietnam().years(2020, 2030).build()?;
    /// assert_eq!(cal.last(), d(2030, 12, 31)?);
    /// assert!(cal.is_working_day(d(2031, 1, 2)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn years(mut self, first: i32, last: i32) -> Self {
        self.first_year = first;
        self.last_year = last;
        self
    }

    /// Adds a holiday rule, replacing any rule with the same id.
    ///
    /// # Example
    ///
    /// Replacing the shipped Vietnamese Culture Day rule with one the user verified:
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{DayKind, HolidayDate, HolidayRule, WorkCalendarBuilder};
    /// use directives::provenance::{Certainty, Provenance};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// let culture = HolidayRule::builder("culture-day")
    ///     .names("Ngày Văn hóa Việt Nam", "Vietnamese Culture Day")
    ///     .provenance(Provenance::verified("Resolution 28/2026/QH16 (as read by the user)")?)
    ///     .date(HolidayDate::Solar { month: 11, day: 24 })
    ///     .effective_from(d(2026, 7, 1)?)
    ///     .build()?;
    /// let cal = WorkCalendarBuilder::vietnam().rule(culture).years(2026, 2026).build()?;
    /// match cal.day_info(d(2026, 11, 24)?)? {
    ///     DayKind::Holiday(h) => assert_eq!(h.provenance().certainty(), Certainty::Verified),
    ///     other => panic!("unexpected {other:?}"),
    /// }
    /// assert_eq!(cal.rules().len(), 9); // replaced, not added
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rule(mut self, rule: HolidayRule) -> Self {
        self.rules
            .retain(|r| r.holiday().id() != rule.holiday().id());
        self.rules.push(rule);
        self
    }

    /// Removes the holiday rule with the given id, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendarBuilder;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// let cal = WorkCalendarBuilder::vietnam().without_rule("labour-day").years(2024, 2024).build()?;
    /// assert!(cal.is_working_day(d(2024, 5, 1)?)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn without_rule(mut self, id: &str) -> Self {
        self.rules.retain(|r| r.holiday().id() != id);
        self
    }

    /// Adds a yearly schedule, replacing any schedule for the same year.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{WorkCalendarBuilder, YearSchedule};
    /// use directives::provenance::Provenance;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// let s2027 = YearSchedule::builder(2027)
    ///     .provenance(Provenance::verified("Official letter of the Government Office (example)")?)
    ///     .swap(d(2027, 4, 29)?, d(2027, 5, 8)?)
    ///     .build()?;
    /// let cal = WorkCalendarBuilder::vietnam().schedule(s2027).years(2027, 2027).build()?;
    /// assert!(!cal.is_working_day(d(2027, 4, 29)?)?);
    /// assert!(cal.is_working_day(d(2027, 5, 8)?)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn schedule(mut self, schedule: YearSchedule) -> Self {
        self.schedules.insert(schedule.year(), schedule);
        self
    }

    /// Removes the schedule of a year, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendarBuilder;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// let cal = WorkCalendarBuilder::vietnam().without_schedule(2024).years(2024, 2024).build()?;
    /// assert!(!cal.is_working_day(d(2024, 5, 4)?)?); // no make-up Saturday any more
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn without_schedule(mut self, year: i32) -> Self {
        self.schedules.remove(&year);
        self
    }

    /// Sets whether a holiday on a weekly rest day is compensated on the next working day
    /// (Labour Code 2019 art. 111.3; on by default).
    ///
    /// Before 2021 the wording was "nghỉ bù vào ngày tiếp theo" (Labour Code 1994) and
    /// "nghỉ bù vào ngày kế tiếp" (Labour Code 2012), "the following day"; the crate
    /// applies "the next working day" in every year it covers.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendarBuilder;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // Hùng Kings' day 2026 is a Sunday: Monday Apr 27 is its compensatory day only
    /// // with compensation on.
    /// let with = WorkCalendarBuilder::vietnam().years(2026, 2026).build()?;
    /// let without = WorkCalendarBuilder::vietnam().compensation(false).years(2026, 2026).build()?;
    /// assert!(!with.is_working_day(d(2026, 4, 27)?)?);
    /// assert!(without.is_working_day(d(2026, 4, 27)?)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn compensation(mut self, on: bool) -> Self {
        self.compensation = on;
        self
    }

    /// Computes the tables and returns the calendar.
    ///
    /// Holidays are placed year by year: each rule's days (unless the year's schedule
    /// fixes the rule's part), then the schedule's days. If two rules make the same day a
    /// holiday, the first rule names it and the day counts once. Then, in date order, each
    /// holiday on a weekly rest day that no scheduled day off covers gets a compensatory
    /// day: the next day that is still a working day and not a make-up working day (the
    /// schedule says that day is worked, so it stays worked). A compensatory day that would fall
    /// after the range is dropped, and holidays before the range are not computed, so a
    /// custom rule on the last days of December does not compensate into the first year
    /// (no statutory rule falls there). At the edges of the lunar calendar (1900 and 2199),
    /// a lunar rule whose anchor lies outside it is skipped for that year: its anchor falls
    /// outside the calendar, so only an offset or a span of days reaching back into the
    /// range would be lost.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::InvalidYears`] when `first > last` or a year is outside
    ///   1–9998;
    /// - [`CalendarError::YearsOutsideLunarRange`] when a rule is lunar
    ///   ([`HolidayDate::Lunar`]) and a year is outside 1900–2199, the years the lunar
    ///   calendar covers; this is checked before any date is computed;
    /// - [`CalendarError::EmptyWeek`] when the week has no working day.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{CalendarError, WeekMask, WorkCalendar, WorkCalendarBuilder};
    ///
    /// let err = WorkCalendar::builder().years(2030, 2020).build().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "calendar years `2030..=2020` are not a valid range: expected `first <= last` within `1..=9998`"
    /// );
    /// let err = WorkCalendarBuilder::vietnam().years(1899, 2000).build().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "calendar years `1899..=2000` are outside the range `1900..=2199` that lunar holiday rules support: rule `tet-4` is lunar"
    /// );
    /// // Without lunar rules, any year from 1 to 9998 works.
    /// assert!(WorkCalendar::builder().years(1800, 1800).build().is_ok());
    /// let err = WorkCalendar::builder().week(WeekMask::from_working_days(&[])).build().unwrap_err();
    /// assert_eq!(err, CalendarError::EmptyWeek);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<WorkCalendar, CalendarError> {
        let invalid_years = CalendarError::InvalidYears {
            first: self.first_year,
            last: self.last_year,
        };
        if self.first_year > self.last_year || self.first_year < 1 || self.last_year > 9998 {
            return Err(invalid_years);
        }
        let lunar_years = LunarDate::SOLAR_MIN.year()..=LunarDate::SOLAR_MAX.year();
        if !(lunar_years.contains(&self.first_year) && lunar_years.contains(&self.last_year))
            && let Some(rule) = self
                .rules
                .iter()
                .find(|r| matches!(r.date(), HolidayDate::Lunar { .. }))
        {
            return Err(CalendarError::YearsOutsideLunarRange {
                first: self.first_year,
                last: self.last_year,
                rule: rule.holiday().id().to_owned(),
            });
        }
        if self.week.is_empty() {
            return Err(CalendarError::EmptyWeek);
        }
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(self.first_year, 1, 1),
            NaiveDate::from_ymd_opt(self.last_year, 12, 31),
        ) else {
            return Err(invalid_years);
        };
        let first_ce = first.num_days_from_ce();
        let years = u32::try_from(self.last_year - self.first_year + 1)
            .map_err(|_| invalid_years.clone())?;
        let n = usize::try_from(last.num_days_from_ce() - first_ce + 1)
            .map_err(|_| invalid_years.clone())?;
        let index = |d: NaiveDate| {
            usize::try_from(d.num_days_from_ce() - first_ce)
                .ok()
                .filter(|&i| i < n)
        };

        let rest: Vec<bool> = first
            .iter_days()
            .take(n)
            .map(|d| !self.week.is_working(d.weekday()))
            .collect();

        // Holidays by rule: index into `self.rules`.
        let mut holiday: Vec<Option<usize>> = vec![None; n];
        for (r, rule) in self.rules.iter().enumerate() {
            let lunar_late = matches!(rule.date(), HolidayDate::Lunar { month, .. } if month >= 11);
            let start = if lunar_late {
                self.first_year - 1
            } else {
                self.first_year
            };
            for year in start..=self.last_year {
                let fixed = rule.part().is_some_and(|part| self.fixes(year, part));
                if fixed {
                    continue;
                }
                let dates = match rule.dates_in(year) {
                    Ok(dates) => dates,
                    // A lunar date before `LunarDate::MIN` or after `LunarDate::MAX` is a
                    // solar date before 1900 or after 2199, outside the calendar (checked
                    // above); only the first and last lunar years have such dates.
                    Err(CalendarError::LunarDateOutOfRange { .. })
                        if year == LunarDate::MIN.year() || year == LunarDate::MAX.year() =>
                    {
                        Vec::new()
                    }
                    Err(e) => return Err(e),
                };
                for date in dates {
                    if let Some(slot) = index(date).and_then(|i| holiday.get_mut(i)) {
                        slot.get_or_insert(r);
                    }
                }
            }
        }

        // Scheduled days.
        let mut scheduled: Vec<Option<&ScheduledDay>> = vec![None; n];
        for schedule in self.schedules.values() {
            for day in schedule.days() {
                if let Some(slot) = index(day.date()).and_then(|i| scheduled.get_mut(i)) {
                    *slot = Some(day);
                }
            }
        }
        let is_off =
            |s: Option<&ScheduledDay>| s.is_some_and(|d| d.kind() == ScheduledDayKind::DayOff);
        let is_make_up = |s: Option<&ScheduledDay>| {
            s.is_some_and(|d| d.kind() == ScheduledDayKind::MakeUpWorkingDay)
        };

        // Working status before compensation.
        let mut working: Vec<bool> = (0..n)
            .map(|i| {
                let s = scheduled.get(i).copied().flatten();
                if is_make_up(s) {
                    return true;
                }
                let h = holiday.get(i).copied().flatten().is_some();
                let r = rest.get(i).copied().unwrap_or(true);
                !(h || is_off(s) || r)
            })
            .collect();

        // Compensatory days (art. 111.3), in date order.
        let mut compensatory: Vec<Option<(usize, NaiveDate)>> = vec![None; n];
        if self.compensation {
            for i in 0..n {
                let Some(r) = holiday.get(i).copied().flatten() else {
                    continue;
                };
                let s = scheduled.get(i).copied().flatten();
                let on_rest = rest.get(i).copied().unwrap_or(false);
                if !on_rest || is_off(s) || is_make_up(s) {
                    continue;
                }
                // The next working day the schedule does not name: a make-up working day
                // is worked, so it cannot become the day off.
                let Some(j) = (i + 1..n).find(|&j| {
                    working.get(j).copied().unwrap_or(false)
                        && !is_make_up(scheduled.get(j).copied().flatten())
                }) else {
                    continue;
                };
                let Some(date) = u64::try_from(i)
                    .ok()
                    .and_then(|i| first.checked_add_days(Days::new(i)))
                else {
                    continue;
                };
                if let (Some(w), Some(c)) = (working.get_mut(j), compensatory.get_mut(j)) {
                    *w = false;
                    *c = Some((r, date));
                }
            }
        }

        // Tables.
        let size = key(years, 0);
        let mut kinds = vec![DayKind::Working, DayKind::WeeklyRest];
        let mut kind_of = vec![0u32; size];
        let mut before = vec![0u32; size];
        let mut working_days = Vec::new();
        let mut before_date32 = Vec::with_capacity(n + 1);
        let mut working_date32 = Vec::new();
        let mut count: u32 = 0;
        for (i, date) in first.iter_days().take(n).enumerate() {
            let year = u32::try_from(date.year() - self.first_year).unwrap_or(0);
            let k = key(year, date.ordinal());
            if let Some(slot) = before.get_mut(k) {
                *slot = count;
            }
            before_date32.push(count);
            let s = scheduled.get(i).copied().flatten();
            let h = holiday.get(i).copied().flatten();
            let c = compensatory.get(i).copied().flatten();
            let special = match (s, h, c) {
                (Some(s), _, _) if s.kind() == ScheduledDayKind::MakeUpWorkingDay => {
                    Some(DayKind::MakeUpWorkingDay(s.clone()))
                }
                (_, Some(r), _) => self
                    .rules
                    .get(r)
                    .map(|rule| DayKind::Holiday(rule.holiday().clone())),
                (Some(s), _, _) => Some(DayKind::ScheduledDayOff(s.clone())),
                (None, None, Some((r, date))) => {
                    self.rules.get(r).map(|rule| DayKind::Compensatory {
                        holiday: rule.holiday().clone(),
                        date,
                    })
                }
                (None, None, None) => None,
            };
            let kind = match special {
                Some(kind) => {
                    kinds.push(kind);
                    u32::try_from(kinds.len() - 1).map_err(|_| invalid_years.clone())?
                }
                None if rest.get(i).copied().unwrap_or(true) => 1,
                None => 0,
            };
            if let Some(slot) = kind_of.get_mut(k) {
                *slot = kind;
            }
            if working.get(i).copied().unwrap_or(false) {
                working_days.push(date);
                working_date32.push(date.to_epoch_days());
                count += 1;
            }
            // The next key is the next day's, or on the year's last day a padding key.
            if let Some(slot) = before.get_mut(k + 1) {
                *slot = count;
            }
        }
        before_date32.push(count);
        // INVARIANT (tables), (date32): built above; every year starts on January 1.

        Ok(WorkCalendar {
            first,
            last,
            week: self.week,
            rules: self.rules,
            schedules: self.schedules.into_values().collect(),
            compensation: self.compensation,
            key_origin: self.first_year << 9,
            kinds,
            kind_of,
            before,
            working: working_days,
            day_origin: first.to_epoch_days(),
            before_date32,
            working_date32,
        })
    }

    fn fixes(&self, year: i32, part: ScheduledPart) -> bool {
        self.schedules
            .get(&year)
            .is_some_and(|s| s.fixes().contains(&part))
    }
}

/// The data form of a calendar (feature `serde`): the inputs it is built from — the
/// years, the working days of the week, the holiday rules, the year schedules and whether
/// holidays on a rest day are compensated — read back through [`WorkCalendarBuilder`].
/// A data file may also write `"vietnam"` for [`WorkCalendar::vietnam`].
#[cfg(feature = "serde")]
mod wire {
    use chrono::{Datelike, Weekday};
    use serde::{Deserialize, Serialize};

    use super::{HolidayRule, WeekMask, WorkCalendar, WorkCalendarBuilder, YearSchedule};

    const DAYS: [(Weekday, &str); 7] = [
        (Weekday::Mon, "monday"),
        (Weekday::Tue, "tuesday"),
        (Weekday::Wed, "wednesday"),
        (Weekday::Thu, "thursday"),
        (Weekday::Fri, "friday"),
        (Weekday::Sat, "saturday"),
        (Weekday::Sun, "sunday"),
    ];

    /// A week as the English names of its working days, in lowercase.
    impl Serialize for WeekMask {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(
                DAYS.iter()
                    .filter(|(day, _)| self.is_working(*day))
                    .map(|(_, name)| *name),
            )
        }
    }

    impl<'de> Deserialize<'de> for WeekMask {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WeekMask, D::Error> {
            let names = Vec::<String>::deserialize(d)?;
            let mut days = Vec::with_capacity(names.len());
            for name in names {
                let day = DAYS
                    .iter()
                    .find(|(_, n)| *n == name)
                    .map(|(day, _)| *day)
                    .ok_or_else(|| {
                        serde::de::Error::custom(format!(
                            "unknown weekday {}: expected a weekday in English, such as `saturday`",
                            crate::text::quote(&name)
                        ))
                    })?;
                days.push(day);
            }
            Ok(WeekMask::from_working_days(&days))
        }
    }

    #[derive(Serialize, Deserialize)]
    #[serde(
        rename_all = "snake_case",
        deny_unknown_fields,
        expecting = "a calendar: `\"vietnam\"`, or a table with `first_year`, `last_year`, `week`, `rules`, `schedules` and `compensation`"
    )]
    struct CalendarWire {
        first_year: i32,
        last_year: i32,
        week: WeekMask,
        #[serde(default)]
        rules: Vec<HolidayRule>,
        #[serde(default)]
        schedules: Vec<YearSchedule>,
        compensation: bool,
    }

    impl Serialize for WorkCalendar {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            CalendarWire {
                first_year: self.first.year(),
                last_year: self.last.year(),
                week: self.week,
                rules: self.rules.clone(),
                schedules: self.schedules.clone(),
                compensation: self.compensation,
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for WorkCalendar {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WorkCalendar, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = WorkCalendar;

                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a calendar: `\"vietnam\"`, or a table of its inputs")
                }

                fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<WorkCalendar, E> {
                    if name == "vietnam" {
                        WorkCalendar::vietnam().map_err(E::custom)
                    } else {
                        Err(E::custom(format!(
                            "unknown calendar {}: expected `vietnam` or a table",
                            crate::text::quote(name)
                        )))
                    }
                }

                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    map: A,
                ) -> Result<WorkCalendar, A::Error> {
                    let w = CalendarWire::deserialize(
                        serde::de::value::MapAccessDeserializer::new(map),
                    )?;
                    let builder = WorkCalendar::builder()
                        .years(w.first_year, w.last_year)
                        .week(w.week)
                        .compensation(w.compensation);
                    let builder = w.rules.into_iter().fold(builder, WorkCalendarBuilder::rule);
                    let builder = w
                        .schedules
                        .into_iter()
                        .fold(builder, WorkCalendarBuilder::schedule);
                    builder.build().map_err(serde::de::Error::custom)
                }
            }
            d.deserialize_any(Visitor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn tables_are_consistent() {
        let cal = WorkCalendarBuilder::vietnam()
            .years(2020, 2030)
            .build()
            .unwrap();
        assert_eq!(cal.before.len(), 11 << 9);
        assert_eq!(cal.kind_of.len(), 11 << 9);
        let mut before = 0;
        for date in cal.first.iter_days().take_while(|x| *x <= cal.last) {
            let s = cal.index(date).unwrap();
            assert_eq!(cal.before(s), before, "{date}");
            let kind = cal.day_info(date).unwrap();
            assert_eq!(kind.is_working(), cal.through(s) == before + 1, "{date}");
            assert_eq!(
                kind.is_working(),
                cal.is_working_day(date).unwrap(),
                "{date}"
            );
            // INVARIANT (date32): the same counts by day number.
            let i = usize::try_from(date.to_epoch_days() - cal.day_origin).unwrap();
            assert_eq!(i64::from(cal.before_date32[i]), before, "{date}");
            if kind.is_working() {
                let w = usize::try_from(before).unwrap();
                assert_eq!(cal.working[w], date);
                assert_eq!(cal.working_date32[w], date.to_epoch_days());
                before += 1;
            }
        }
        assert_eq!(cal.working.len() as i64, before);
        assert_eq!(cal.working_date32.len(), cal.working.len());
        assert_eq!(cal.before_date32.len(), 4018 + 1);
        assert_eq!(
            cal.before_date32.last().copied().map(i64::from),
            Some(before)
        );
    }

    #[test]
    fn compensation_in_unscheduled_year() {
        let cal = WorkCalendarBuilder::vietnam()
            .years(2027, 2028)
            .build()
            .unwrap();
        // 2028: Tết Jan 26 (Wed); default Jan 25–29, Sat Jan 29 compensated Mon Jan 31.
        assert!(matches!(
            cal.day_info(d(2028, 1, 29)).unwrap(),
            DayKind::Holiday(_)
        ));
        match cal.day_info(d(2028, 1, 31)).unwrap() {
            DayKind::Compensatory { holiday, date } => {
                assert_eq!(holiday.id(), "tet");
                assert_eq!(date, d(2028, 1, 29));
            }
            other => panic!("{other:?}"),
        }
        // Without compensation, Jan 31 is worked.
        let cal = WorkCalendarBuilder::vietnam()
            .years(2028, 2028)
            .compensation(false)
            .build()
            .unwrap();
        assert!(cal.is_working_day(d(2028, 1, 31)).unwrap());
    }

    #[test]
    fn debug_is_short() {
        let cal = WorkCalendar::builder().years(2024, 2024).build().unwrap();
        let s = format!("{cal:?}");
        assert!(
            s.starts_with("WorkCalendar { first: 2024-01-01, last: 2024-12-31"),
            "{s}"
        );
    }
}
