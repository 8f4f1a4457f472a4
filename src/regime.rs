//! Reporting regimes: frequency, data cut-off windows and deadlines per tier (Decree 09/2019/NĐ-CP).
//!
//! # What is a reporting regime?
//!
//! A *reporting regime* (chế độ báo cáo) says who reports what to whom, how often, on which
//! figures and by when. Decree 09/2019/NĐ-CP (in force 2019-03-12) sets the common frame:
//!
//! - report kinds (art. 4): periodic, thematic and ad-hoc. A periodic report is a
//!   [`ReportingRegime`]; a thematic or ad-hoc report, asked for once, is a
//!   [`OneOffReport`];
//! - the *data cut-off window* (thời gian chốt số liệu, art. 12): the days a periodic
//!   report's figures cover. It is not the calendar period: the report for the first
//!   quarter of 2024 covers 15 December 2023 to 14 March 2024. Sector regimes use other
//!   windows (inspection: 16th to 15th; finance: the calendar period), so the window is a
//!   [`CutOff`] rule of each regime;
//! - the *deadline* (thời hạn gửi báo cáo, art. 13): ministries, ministry-level bodies,
//!   Government agencies and provincial People's Committees send their periodic reports
//!   to the Government and the Prime Minister "chậm nhất vào ngày 25 của tháng cuối kỳ báo
//!   cáo" (at the latest on the 25th of the last month of the period), unless otherwise
//!   provided under art. 5.2 (art. 13.1); ministries and provincial People's Committees
//!   set the deadlines of the regimes they issue (art. 13.2). For a periodic report the
//!   deadline leaves "không ít hơn 01 ngày làm việc" (no less than one working day) after
//!   the end of the data cut-off, and a report aggregated through several bodies and tiers
//!   states a deadline for each tier (art. 8.5(b)); [`ReportingRegimeBuilder::build`] and
//!   the date computations enforce both. For thematic and ad-hoc reports the cut-off and
//!   the deadline are whatever the body that asks for them requires (art. 8.5(c)), so a
//!   [`OneOffReport`] due the day after its window is valid, and
//!   [`OneOffReport::leaves_no_working_day`] only lets a tool warn about it;
//! - an example of a deadline per tier: Circular 01/2020/TT-VPCP art. 11 has communes
//!   report to districts by 17 December, districts to provinces by 19 December and
//!   provinces to the Government Office by 22 December. That article is the *annual
//!   report on meetings* (báo cáo về hội họp), not a general year report, so the cascade is
//!   an example ([`ReportingRegime::tier_due_for`]), not a preset.
//!
//! # Where Decree 09 applies
//!
//! Decree 09/2019/NĐ-CP governs reporting by and between *state administrative agencies*
//! (art. 1–2). The Decree 09 presets carry [`RegimeScope::StateAdministration`]; applied to
//! a directive of the Party, such as an official letter of a provincial party committee,
//! they apply *by analogy* only ([`LegalForce::ByAnalogy`], from
//! [`RegimeScope::force`]).
//! Lints and explanations say so where they cite the decree for a Party document.
//!
//! Every preset carries a [`Provenance`]; [`facts`] lists them with the legal rules this
//! module applies, so a tool can show which rest on an assumption.
//!
//! A regime's [`DeadlineRule`] says how the due date follows from the period and its
//! window; [`ReportingRegime::schedule`] lists the [`ReportingPeriod`]s (period, window,
//! due date) over a range, and [`ReportingRegime::due_for`] gives one period's due date.
//! Working days come from a [`WorkCalendar`].
//!
//! # Deadlines on rest days
//!
//! Whether a deadline that falls on a weekly rest day or a public holiday moves is a
//! property of each rule:
//!
//! - a count of working days always ends on a working day;
//! - a count of calendar days is a term, and ends on the next working day when its last
//!   day is a rest day (Civil Code 2015 art. 148.5);
//! - a [`Term`] ends as [`Term::ends_on`] says (Civil Code 2015 arts. 147–148);
//! - a fixed day of the month ([`DeadlineRule::DayOfLastMonth`]) moves or not as its
//!   [`Roll`] says. The Decree 09 presets move it to the next working day: art. 13.1
//!   names a calendar day and does not say otherwise, so this crate reads the general rule
//!   of Civil Code 2015 art. 148.5 as applying (art. 145.1 lets a law provide otherwise;
//!   this is the crate's reading, not a ruling). Build the rule with [`Roll::Keep`]
//!   to hold the day.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::calendar::WorkCalendar;
//! use directives::period::Period;
//! use directives::regime::ReportingRegime;
//!
//! let cal = WorkCalendar::vietnam()?;
//! let regime = ReportingRegime::decree_09_quarterly();
//! let q1 = Period::quarter(2024, 1)?;
//! let reporting = regime.reporting_period(q1, &cal)?;
//! // Decree 09/2019/NĐ-CP art. 12: Q1 covers 15 December of the previous year to 14 March.
//! assert_eq!(reporting.data_window().0, NaiveDate::from_ymd_opt(2023, 12, 15).ok_or("date")?);
//! assert_eq!(reporting.data_window().1, NaiveDate::from_ymd_opt(2024, 3, 14).ok_or("date")?);
//! // Art. 13.1: by the 25th of the last month; 2024-03-25 is a Monday.
//! assert_eq!(reporting.due(), NaiveDate::from_ymd_opt(2024, 3, 25).ok_or("date")?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::calendar::{CalendarError, Roll, Term, WorkCalendar};
use crate::document::SymbolSystem;
use crate::period::{Frequency, Period};
use crate::provenance::{Fact, FactArea, Provenance};

/// An error from building or validating a reporting regime, or from computing its dates.
///
/// Every variant but [`Calendar`](RegimeError::Calendar) names the regime (or one-off
/// report) and the rule or period at fault; `Calendar` passes on the calendar's own error,
/// which names the date, so the caller adds the regime if it reports several.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::period::Frequency;
/// use directives::regime::{CutOff, DeadlineRule, RegimeError, ReportingRegime};
/// use directives::calendar::Roll;
///
/// let err = ReportingRegime::builder("monthly")
///     .frequency(Frequency::Monthly)
///     .cut_off(CutOff::Decree09)
///     .deadline(DeadlineRule::DayOfLastMonth { day: 10, on_rest_day: Roll::Keep })
///     .build()
///     .unwrap_err();
/// assert!(matches!(err, RegimeError::DeadlineNotAfterCutOff { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegimeError {
    /// The working-day calendar failed, usually because a date lies outside its years.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A regime or one-off report without a name.
    #[error("a reporting regime or one-off report has an empty name")]
    EmptyName,
    /// The builder was not given a required rule.
    #[error("regime `{regime}`: missing the {field}")]
    Missing {
        /// The regime's name.
        regime: String,
        /// The missing part: `frequency`, `cut-off rule` or `deadline rule`.
        field: &'static str,
    },
    /// A [`CutOff::DayOfMonth`] day outside 2..=28.
    #[error("regime `{regime}`: cut-off day `{day}` is out of range: expected 2 to 28")]
    CutOffDay {
        /// The regime's name.
        regime: String,
        /// The day given.
        day: u8,
    },
    /// A [`DeadlineRule::DayOfLastMonth`] day outside 1..=31.
    #[error("regime `{regime}`: deadline day `{day}` is out of range: expected 1 to 31")]
    DeadlineDay {
        /// The regime's name.
        regime: String,
        /// The day given.
        day: u8,
    },
    /// A deadline counts from the cut-off, but the regime states no cut-off
    /// ([`CutOff::Unspecified`]).
    #[error(
        "regime `{regime}`: {} `{rule}` counts from the cut-off, but the regime states none",
        deadline_of(.tier.as_deref())
    )]
    NoCutOff {
        /// The regime's name.
        regime: String,
        /// The tier whose deadline it is; `None` for the regime's own deadline.
        tier: Option<String>,
        /// The rule at fault.
        rule: DeadlineRule,
    },
    /// A deadline rule that, for some period, falls on or before the last day of the
    /// cut-off window (Decree 09/2019/NĐ-CP art. 8.5(b)).
    #[error(
        "regime `{regime}`: {} `{rule}` does not fall after the cut-off `{cut_off}`: expected at least one working day after the cut-off (Decree 09/2019/NĐ-CP art. 8.5(b))",
        deadline_of(.tier.as_deref())
    )]
    DeadlineNotAfterCutOff {
        /// The regime's name.
        regime: String,
        /// The tier whose deadline it is; `None` for the regime's own deadline.
        tier: Option<String>,
        /// The rule at fault.
        rule: DeadlineRule,
        /// The regime's cut-off rule.
        cut_off: CutOff,
    },
    /// For one period, no working day lies after the last day of the cut-off window and on
    /// or before the due date (Decree 09/2019/NĐ-CP art. 8.5(b)).
    #[error(
        "regime `{regime}`, period `{period}`: {} `{due}` leaves no working day after the cut-off `{cut_off}` (Decree 09/2019/NĐ-CP art. 8.5(b))",
        deadline_of(.tier.as_deref())
    )]
    NoWorkingDayAfterCutOff {
        /// The regime's name.
        regime: String,
        /// The tier whose deadline it is; `None` for the regime's own deadline.
        tier: Option<String>,
        /// The period.
        period: Period,
        /// The last day of the cut-off window.
        cut_off: NaiveDate,
        /// The due date computed.
        due: NaiveDate,
    },
    /// A tier with an empty name.
    #[error("regime `{regime}`: a tier has an empty name")]
    EmptyTierName {
        /// The regime's name.
        regime: String,
    },
    /// Two tiers with the same name.
    #[error("regime `{regime}`: tier `{tier}` is listed twice")]
    DuplicateTier {
        /// The regime's name.
        regime: String,
        /// The repeated name.
        tier: String,
    },
    /// Two tier rules of the same kind that are not in order, lowest tier first, ending
    /// before the regime's own deadline (Decree 09/2019/NĐ-CP art. 8.5(b)).
    #[error(
        "regime `{regime}`: tier `{tier}` is not due before {}: expected tiers in order, lowest first (Decree 09/2019/NĐ-CP art. 8.5(b))",
        next_of(.next.as_deref())
    )]
    TierOrder {
        /// The regime's name.
        regime: String,
        /// The tier that is not due early enough.
        tier: String,
        /// The later tier it must come before; `None` for the regime's own deadline.
        next: Option<String>,
    },
    /// For one period, a tier falls due after the next tier (or after the regime's own
    /// deadline).
    #[error(
        "regime `{regime}`, period `{period}`: tier `{tier}` is due `{due}`, after {} due `{next_due}`: expected tiers in order, lowest first (Decree 09/2019/NĐ-CP art. 8.5(b))",
        next_of(.next.as_deref())
    )]
    TierDueOrder {
        /// The regime's name.
        regime: String,
        /// The period.
        period: Period,
        /// The tier due too late.
        tier: String,
        /// Its due date.
        due: NaiveDate,
        /// The next tier; `None` for the regime's own deadline.
        next: Option<String>,
        /// The next tier's due date.
        next_due: NaiveDate,
    },
    /// A tier name the regime does not have.
    #[error("regime `{regime}` has no tier `{tier}`")]
    UnknownTier {
        /// The regime's name.
        regime: String,
        /// The name asked for.
        tier: String,
    },
    /// A period that is not of the regime's frequency.
    #[error("regime `{regime}` is `{frequency}`: `{period}` is not one of its periods")]
    NotARegimePeriod {
        /// The regime's name.
        regime: String,
        /// The period asked about.
        period: Period,
        /// The regime's frequency.
        frequency: Frequency,
    },
    /// A window or due date beyond the dates the crate can represent.
    #[error(
        "regime `{regime}`, period `{period}`: a date of the window or deadline is out of range"
    )]
    DateOutOfRange {
        /// The regime's name.
        regime: String,
        /// The period.
        period: Period,
    },
    /// A one-off report due before the last day of its window: its figures cannot be
    /// reported before they are collected. (The issuing body sets both dates, Decree
    /// 09/2019/NĐ-CP art. 8.5(c); a due date on the window's last day is accepted.)
    #[error(
        "report `{report}`: due date `{due}` is before the end of its window `{window_end}`: a report cannot fall due before the last day its figures cover"
    )]
    OneOffDue {
        /// The report's name.
        report: String,
        /// The last day of the window.
        window_end: NaiveDate,
        /// The due date given.
        due: NaiveDate,
    },
}

fn deadline_of(tier: Option<&str>) -> String {
    match tier {
        None => "the deadline".to_owned(),
        Some(t) => format!("the deadline of tier `{t}`"),
    }
}

fn next_of(next: Option<&str>) -> String {
    match next {
        None => "the regime's own deadline".to_owned(),
        Some(t) => format!("tier `{t}`"),
    }
}

/// The data cut-off window of a periodic report: which days its figures cover.
///
/// Serde form (snake_case, tagged by `kind`): `{"kind": "calendar"}`,
/// `{"kind": "decree_09"}`, `{"kind": "day_of_month", "first_day": 16}`,
/// `{"kind": "unspecified"}`.
///
/// New rules may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::period::Period;
/// use directives::regime::{CutOff, ReportingRegime};
///
/// let regime = ReportingRegime::decree_09_half_yearly();
/// assert_eq!(regime.cut_off(), CutOff::Decree09);
/// let (start, end) = regime.data_window(Period::half_year(2024, 2)?)?;
/// assert_eq!((start.to_string(), end.to_string()), ("2024-06-15".into(), "2024-12-14".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(from = "wire::CutOffWire", into = "wire::CutOffWire")
)]
#[non_exhaustive]
pub enum CutOff {
    /// The calendar period itself (finance regimes).
    Calendar,
    /// The windows of Decree 09/2019/NĐ-CP art. 12: from the 15th of the month before the
    /// period's first month to the 14th of its last month. Month: 15th of the previous
    /// month to the 14th; quarter: Q1 = Dec 15 – Mar 14, …, Q4 = Sep 15 – Dec 14; half
    /// year: Dec 15 – Jun 14 and Jun 15 – Dec 14; year: Dec 15 – Dec 14. Nine months
    /// (not in art. 12, as provinces use it): Dec 15 – Sep 14.
    Decree09,
    /// From day `first_day` of the month before the period's first month to day
    /// `first_day - 1` of its last month; `first_day` is 2 to 28. Inspection regimes use
    /// 16 (16th to 15th); 15 gives the Decree 09 windows.
    DayOfMonth {
        /// The first day of the window, in the month before the period (2 to 28).
        first_day: u8,
    },
    /// The regime states no cut-off; the window is reported as the period itself and no
    /// deadline may count from the cut-off.
    Unspecified,
}

impl CutOff {
    /// The day of the month the window starts on (in the month before the period), for the
    /// shifted windows.
    fn shift_day(self) -> Option<u8> {
        match self {
            CutOff::Decree09 => Some(15),
            CutOff::DayOfMonth { first_day } => Some(first_day),
            CutOff::Calendar | CutOff::Unspecified => None,
        }
    }

    /// The inclusive data window of a period, `None` past chrono's dates.
    fn window(self, period: Period) -> Option<(NaiveDate, NaiveDate)> {
        let (start, end) = (period.start(), period.end());
        match self.shift_day() {
            _ if period.is_custom() => Some((start, end)),
            None => Some((start, end)),
            Some(day) => {
                let (year, month) = if start.month() == 1 {
                    (start.year() - 1, 12)
                } else {
                    (start.year(), start.month() - 1)
                };
                let first = NaiveDate::from_ymd_opt(year, month, u32::from(day))?;
                let last = NaiveDate::from_ymd_opt(end.year(), end.month(), u32::from(day) - 1)?;
                Some((first, last))
            }
        }
    }
}

impl fmt::Display for CutOff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CutOff::Calendar => f.write_str("the calendar period"),
            CutOff::Decree09 => f.write_str(
                "the 15th of the month before to the 14th of the last month (Decree 09/2019/NĐ-CP art. 12)",
            ),
            CutOff::DayOfMonth { first_day } => write!(
                f,
                "day {first_day} of the month before to day {} of the last month",
                first_day.saturating_sub(1)
            ),
            CutOff::Unspecified => f.write_str("none"),
        }
    }
}

/// How a periodic report's due date follows from its period and data window.
///
/// Serde form (snake_case, tagged by `kind`):
/// `{"kind": "day_of_last_month", "day": 25, "on_rest_day": "following"}`,
/// `{"kind": "after_cut_off", "term": "5 working days"}`,
/// `{"kind": "after_period_end", "term": "10 days"}`,
/// `{"kind": "after_cut_off", "term": "1 month"}`.
///
/// A count of days after an anchor is a [`Term`], whose unit says whether it counts
/// calendar days, working days, weeks, months or years.
///
/// New rules may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::regime::{DeadlineRule};
/// use directives::calendar::Roll;
///
/// let rule = DeadlineRule::DayOfLastMonth { day: 25, on_rest_day: Roll::Keep };
/// assert_eq!(rule.to_string(), "day 25 of the last month");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum DeadlineRule {
    /// Day `day` (1 to 31) of the last month of the period, or that month's last day when
    /// it is shorter (Decree 09/2019/NĐ-CP art. 13.1 uses the 25th).
    DayOfLastMonth {
        /// The day of the month, 1 to 31.
        day: u8,
        /// Whether and where the day moves when it is not a working day
        /// ([`Roll::Keep`] holds it; [`Roll::Following`] is Civil Code 2015 art. 148.5).
        on_rest_day: Roll,
    },
    /// A [`Term`] after the last day of the cut-off window (`5 working days`,
    /// `10 days`, `1 month`), ending as [`Term::ends_on`] says (Civil Code 2015 arts.
    /// 147–148: a term of days whose last day is a rest day ends on the next working day;
    /// a term of working days ends on a working day).
    ///
    /// Serde form: `{ kind = "after_cut_off", term = "5 working days" }`.
    AfterCutOff {
        /// The term.
        term: Term,
    },
    /// A [`Term`] after the last day of the period, ending as [`Term::ends_on`] says
    /// (Civil Code 2015 arts. 147–148).
    ///
    /// Serde form: `{ kind = "after_period_end", term = "10 working days" }`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{Term, WorkCalendar};
    /// use directives::period::{Frequency, Period};
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    ///
    /// let rule = DeadlineRule::AfterPeriodEnd { term: Term::working_days(10)? };
    /// assert_eq!(rule.to_string(), "10 working days after the period end");
    /// let regime = ReportingRegime::builder("quarterly statistics")
    ///     .frequency(Frequency::Quarterly)
    ///     .cut_off(CutOff::Calendar)
    ///     .deadline(rule)
    ///     .build()?;
    /// // Q1 2024 ends on Sun 2024-03-31; ten working days later is Fri 2024-04-12.
    /// let cal = WorkCalendar::vietnam()?;
    /// let due = regime.due_for(Period::quarter(2024, 1)?, &cal)?;
    /// assert_eq!(due.to_string(), "2024-04-12");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    AfterPeriodEnd {
        /// The term.
        term: Term,
    },
}

impl DeadlineRule {
    /// Whether the rule counts from the cut-off.
    fn counts_from_cut_off(&self) -> bool {
        matches!(self, DeadlineRule::AfterCutOff { .. })
    }

    /// Whether the rule can fall on or before the last day of the cut-off window for some
    /// period, judged without a calendar (Decree 09/2019/NĐ-CP art. 8.5(b)).
    fn can_miss_cut_off(&self, cut_off: CutOff) -> bool {
        // The day of the last month on which the window ends; 31 stands for "the end of
        // the month" and `None` for no cut-off.
        let window_end_day = match cut_off {
            CutOff::Unspecified => return false,
            CutOff::Calendar => 31,
            other => other.shift_day().map_or(31, |d| d.saturating_sub(1)),
        };
        match self {
            DeadlineRule::DayOfLastMonth { day, .. } => *day <= window_end_day,
            // A term is at least one day, and the window never ends after the period.
            DeadlineRule::AfterCutOff { .. } | DeadlineRule::AfterPeriodEnd { .. } => false,
        }
    }

    /// `Some(true)` when this rule is always strictly earlier than `other`, `Some(false)`
    /// when the two are of one kind and it is not, `None` when they do not compare
    /// without a calendar.
    fn strictly_before(&self, other: &DeadlineRule) -> Option<bool> {
        match (self, other) {
            (
                DeadlineRule::DayOfLastMonth { day: a, .. },
                DeadlineRule::DayOfLastMonth { day: b, .. },
            ) => Some(a < b),
            // Terms of one unit from one anchor end in the order of their counts.
            (DeadlineRule::AfterCutOff { term: a }, DeadlineRule::AfterCutOff { term: b })
            | (
                DeadlineRule::AfterPeriodEnd { term: a },
                DeadlineRule::AfterPeriodEnd { term: b },
            ) if a.unit() == b.unit() => Some(a.count() < b.count()),
            _ => None,
        }
    }
}

impl fmt::Display for DeadlineRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeadlineRule::DayOfLastMonth { day, on_rest_day } => {
                write!(f, "day {day} of the last month")?;
                f.write_str(match on_rest_day {
                    Roll::Keep => "",
                    Roll::Following => ", or the next working day",
                    Roll::Preceding => ", or the previous working day",
                    Roll::ModifiedFollowing => {
                        ", or the next working day in that month (else the previous one)"
                    }
                    Roll::ModifiedPreceding => {
                        ", or the previous working day in that month (else the next one)"
                    }
                })
            }
            DeadlineRule::AfterCutOff { term } => write!(f, "{term} after the cut-off"),
            DeadlineRule::AfterPeriodEnd { term } => write!(f, "{term} after the period end"),
        }
    }
}

/// One reporting step of a regime that aggregates through several tiers, with its own
/// deadline (Decree 09/2019/NĐ-CP art. 8.5(b)), such as "commune → district by 17
/// December" in the annual report on meetings (Circular 01/2020/TT-VPCP art. 11).
///
/// Tiers are listed lowest first; each falls due no later than the next, and the last no
/// later than the regime's own deadline. Two rules of the same kind (two days of the last
/// month, two counts of the same days from the same anchor) are compared when the regime is
/// built, and the lower tier's must be strictly earlier; the due dates of every period are
/// compared when they are computed (a tier may then share its due date with the next,
/// for instance when both move past a weekend).
///
/// # Example
///
/// ```
/// use directives::regime::ReportingRegime;
///
/// let regime = ReportingRegime::decree_09_yearly();
/// assert!(regime.tiers().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// With the `serde` feature a tier reads and writes as `name` and `deadline`, the shape
/// of an entry of a regime's `tiers`; the order of tiers is checked when the regime is
/// built.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Tier {
    name: String,
    deadline: DeadlineRule,
}

impl Tier {
    /// The tier's name, such as `commune`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    /// use directives::calendar::Roll;
    ///
    /// let day = |day| DeadlineRule::DayOfLastMonth { day, on_rest_day: Roll::Keep };
    /// let regime = ReportingRegime::builder("year report")
    ///     .frequency(Frequency::Yearly)
    ///     .cut_off(CutOff::Decree09)
    ///     .deadline(day(22))
    ///     .tier("commune", day(17))
    ///     .build()?;
    /// assert_eq!(regime.tiers()[0].name(), "commune");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The tier's deadline rule.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    /// use directives::calendar::Roll;
    ///
    /// let day = |day| DeadlineRule::DayOfLastMonth { day, on_rest_day: Roll::Keep };
    /// let regime = ReportingRegime::builder("year report")
    ///     .frequency(Frequency::Yearly)
    ///     .cut_off(CutOff::Decree09)
    ///     .deadline(day(22))
    ///     .tier("commune", day(17))
    ///     .build()?;
    /// assert_eq!(regime.tiers()[0].deadline(), day(17));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn deadline(&self) -> DeadlineRule {
        self.deadline
    }
}

/// One period of a regime: the period, its data window and its due date.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::WorkCalendar;
/// use directives::regime::ReportingRegime;
///
/// let cal = WorkCalendar::vietnam()?;
/// let from = NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?;
/// let to = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
/// let periods = ReportingRegime::decree_09_monthly().schedule(from, to, &cal)?;
/// assert_eq!(periods.len(), 12);
/// assert_eq!(periods[0].period().to_string(), "2024-01");
/// assert_eq!(periods[0].data_window().0.to_string(), "2023-12-15");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// With the `serde` feature it reads back what it writes (`period`, `data_window` as two
/// dates, `due`, and `moved_from` when the deadline moved), refusing a window that ends
/// before it starts or a due date before the window's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(
        rename_all = "snake_case",
        deny_unknown_fields,
        try_from = "wire::ReportingPeriodWire"
    )
)]
pub struct ReportingPeriod {
    period: Period,
    #[cfg_attr(
        feature = "serde",
        serde(with = "crate::obligation::strict_date::pair")
    )]
    data_window: (NaiveDate, NaiveDate),
    #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
    due: NaiveDate,
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::obligation::strict_date::option"
        )
    )]
    moved_from: Option<NaiveDate>,
}

impl ReportingPeriod {
    /// The reporting period.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let p = Period::month(2024, 5)?;
    /// assert_eq!(ReportingRegime::decree_09_monthly().reporting_period(p, &cal)?.period(), p);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn period(&self) -> Period {
        self.period
    }

    /// The first and last day (inclusive) of the data cut-off window.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let p = Period::month(2024, 5)?;
    /// let (start, end) = ReportingRegime::decree_09_monthly().reporting_period(p, &cal)?.data_window();
    /// assert_eq!((start.to_string(), end.to_string()), ("2024-04-15".into(), "2024-05-14".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn data_window(&self) -> (NaiveDate, NaiveDate) {
        self.data_window
    }

    /// The due date: the last day on which the report is on time.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let p = Period::month(2024, 5)?;
    /// let due = ReportingRegime::decree_09_monthly().reporting_period(p, &cal)?.due();
    /// // 2024-05-25 is a Saturday: the deadline moves to Monday (Civil Code 2015 art. 148.5).
    /// assert_eq!(due.to_string(), "2024-05-27");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// The fixed day of the month the deadline fell on before its [`Roll`] moved it to a
    /// working day, when it did: with [`Roll::Following`] (the presets) the due date then
    /// rests on this crate's reading of Civil Code 2015 art. 148.5 for a fixed-day
    /// deadline, an unverified fact (`fixed_day_moves_off_rest_day` in [`facts`]) that a
    /// report can name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let regime = ReportingRegime::decree_09_monthly();
    /// // 2024-05-25 is a Saturday.
    /// let may = regime.reporting_period(Period::month(2024, 5)?, &cal)?;
    /// assert_eq!(may.moved_from().map(|d| d.to_string()), Some("2024-05-25".to_owned()));
    /// let march = regime.reporting_period(Period::month(2024, 3)?, &cal)?;
    /// assert_eq!(march.moved_from(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn moved_from(&self) -> Option<NaiveDate> {
        self.moved_from
    }
}

/// A periodic reporting regime: name, legal basis, frequency, data cut-off window,
/// deadline rule and optional deadlines per tier.
///
/// Every `ReportingRegime` has been validated by [`ReportingRegimeBuilder::build`]:
/// a non-empty name, a cut-off day in 2..=28, a deadline day in 1..=31, deadlines that
/// fall after the cut-off for every period as far as can be told without a calendar
/// (Decree 09/2019/NĐ-CP art. 8.5(b)), and uniquely named tiers in order. Checks that need a
/// calendar (one working day after the cut-off; tier order when rules of different kinds
/// are mixed) run when dates are computed.
///
/// The windows of one regime never overlap: every rule maps a period to a window that
/// starts the day after the previous period's window ends (nine-month windows, one a
/// year, leave gaps instead).
///
/// Deserializing goes through the builder (snake_case, unknown fields denied):
///
/// ```json
/// {"name": "...", "legal_basis": "...", "frequency": "quarterly",
///  "cut_off": {"kind": "decree_09"},
///  "deadline": {"kind": "day_of_last_month", "day": 25, "on_rest_day": "following"},
///  "tiers": [{"name": "district", "deadline": {...}}]}
/// ```
///
/// # Example
///
/// ```
/// use directives::calendar::WorkCalendar;
/// use directives::period::{Frequency, Period};
/// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
///
/// let cal = WorkCalendar::vietnam()?;
/// let inspection = ReportingRegime::builder("inspection, quarterly")
///     .frequency(Frequency::Quarterly)
///     .cut_off(CutOff::DayOfMonth { first_day: 16 })
///     .deadline(DeadlineRule::AfterCutOff { term: directives::calendar::Term::working_days(5)? })
///     .build()?;
/// let q2 = inspection.reporting_period(Period::quarter(2024, 2)?, &cal)?;
/// assert_eq!(q2.data_window().0.to_string(), "2024-03-16");
/// assert_eq!(q2.data_window().1.to_string(), "2024-06-15");
/// // Five working days after Saturday 15 June 2024: Mon 17 … Fri 21 June.
/// assert_eq!(q2.due().to_string(), "2024-06-21");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReportingRegime {
    // INVARIANT (validated-regime): all fields passed `ReportingRegimeBuilder::build`.
    name: String,
    legal_basis: Option<String>,
    scope: RegimeScope,
    provenance: Option<Provenance>,
    frequency: Frequency,
    cut_off: CutOff,
    deadline: DeadlineRule,
    tiers: Vec<Tier>,
}

/// The bodies a reporting regime governs by its own legal force.
///
/// Serde names: `any`, `state_administration`.
///
/// New scopes may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::document::SymbolSystem;
/// use directives::regime::{LegalForce, RegimeScope, ReportingRegime};
///
/// let scope = ReportingRegime::decree_09_monthly().scope();
/// assert_eq!(scope, RegimeScope::StateAdministration);
/// assert_eq!(scope.force(SymbolSystem::Party), LegalForce::ByAnalogy);
/// assert_eq!(scope.force(SymbolSystem::StateAdministrative), LegalForce::Direct);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum RegimeScope {
    /// The regime binds whoever its issuing document binds (a regime a directive states
    /// for itself).
    #[default]
    Any,
    /// State administrative agencies (Decree 09/2019/NĐ-CP art. 1–2; likewise Decision
    /// 42/2014/QĐ-TTg for tasks the Government and the Prime Minister assign, and the
    /// Government's Working Regulation attached to Decree 39/2022/NĐ-CP).
    StateAdministration,
}

impl RegimeScope {
    /// How rules of this scope apply to a directive whose symbol is of `system`: directly,
    /// or, for State rules applied to a Party document, by analogy.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::document::{DocSymbol, SymbolSystem};
    /// use directives::regime::{LegalForce, RegimeScope};
    ///
    /// let letter = DocSymbol::parse("1470-CV/TU")?;
    /// let how = RegimeScope::StateAdministration.force(letter.system());
    /// assert_eq!(how, LegalForce::ByAnalogy);
    /// assert_eq!(how.to_string(), "by analogy");
    /// assert_eq!(RegimeScope::Any.force(SymbolSystem::Party), LegalForce::Direct);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn force(self, system: SymbolSystem) -> LegalForce {
        match (self, system) {
            (RegimeScope::StateAdministration, SymbolSystem::Party) => LegalForce::ByAnalogy,
            _ => LegalForce::Direct,
        }
    }
}

/// Whether a rule applies by its own force or by analogy.
///
/// # Example
///
/// ```
/// use directives::regime::LegalForce;
///
/// assert_eq!(LegalForce::ByAnalogy.label(directives::Lang::Vi), "áp dụng tương tự");
/// assert_eq!(LegalForce::Direct.to_string(), "directly");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum LegalForce {
    /// The rule governs the document's bodies.
    Direct,
    /// The rule governs other bodies and is followed as a model (a State rule applied to a
    /// Party document).
    ByAnalogy,
}

impl LegalForce {
    /// The label in `lang`: `directly`, `by analogy`, or in Vietnamese
    /// `áp dụng trực tiếp`, `áp dụng tương tự`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::regime::LegalForce;
    ///
    /// assert_eq!(LegalForce::ByAnalogy.label(Lang::En), "by analogy");
    /// assert_eq!(LegalForce::Direct.label(Lang::Vi), "áp dụng trực tiếp");
    /// ```
    #[must_use]
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::Vi => match self {
                LegalForce::Direct => "áp dụng trực tiếp",
                LegalForce::ByAnalogy => "áp dụng tương tự",
            },
            crate::Lang::En => match self {
                LegalForce::Direct => "directly",
                LegalForce::ByAnalogy => "by analogy",
            },
        }
    }
}

impl fmt::Display for LegalForce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(crate::Lang::En))
    }
}

/// What was read for the Decree 09 presets.
const DECREE_09_READ: &str = "Decree 09/2019/NĐ-CP art. 12 (the cut-off windows) and art. 13.1 (\"chậm nhất vào ngày 25 của tháng cuối kỳ báo cáo\"); moving the 25th off a rest day is this crate's reading of Civil Code 2015 art. 148.5, listed as its own fact";

/// Why the nine-month preset is an assumption.
const NINE_MONTHS_ASSUMPTION: &str = "Decree 09/2019/NĐ-CP art. 12 lists no nine-month report; the window (Dec 15 – Sep 14) and the deadline (Sep 25) extend its rule as provinces write it into their own regimes (for example Decision 01/2023/QĐ-UBND of Khánh Hòa, art. 4, not read here)";

/// The source cited by the Decree 09 presets.
const DECREE_09: &str = "Decree 09/2019/NĐ-CP art. 12 (data cut-off), art. 13.1 (deadline: at the latest on the 25th of the last month of the period, ministries and provincial People's Committees to the Government and the Prime Minister)";

/// A preset's constructor.
type MakePreset = fn() -> ReportingRegime;

/// The presets by name: the one list behind [`ReportingRegime::PRESETS`] and
/// [`ReportingRegime::preset`].
const PRESET_TABLE: [(&str, MakePreset); 5] = [
    ("decree_09_monthly", ReportingRegime::decree_09_monthly),
    ("decree_09_quarterly", ReportingRegime::decree_09_quarterly),
    (
        "decree_09_half_yearly",
        ReportingRegime::decree_09_half_yearly,
    ),
    (
        "decree_09_nine_monthly",
        ReportingRegime::decree_09_nine_monthly,
    ),
    ("decree_09_yearly", ReportingRegime::decree_09_yearly),
];

/// The preset names for an error message: `` `decree_09_monthly`, `decree_09_quarterly`, … ``.
#[cfg(feature = "serde")]
pub(crate) fn preset_names() -> String {
    ReportingRegime::PRESETS
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl ReportingRegime {
    /// Starts building a regime named `name`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    ///
    /// let regime = ReportingRegime::builder("finance, monthly")
    ///     .legal_basis("a sector circular")
    ///     .frequency(Frequency::Monthly)
    ///     .cut_off(CutOff::Calendar)
    ///     .deadline(DeadlineRule::AfterPeriodEnd { term: directives::calendar::Term::days(10)? })
    ///     .build()?;
    /// assert_eq!(regime.name(), "finance, monthly");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(name: impl Into<String>) -> ReportingRegimeBuilder {
        ReportingRegimeBuilder {
            name: name.into(),
            legal_basis: None,
            scope: RegimeScope::Any,
            provenance: None,
            frequency: None,
            cut_off: None,
            deadline: None,
            tiers: Vec::new(),
        }
    }

    fn decree_09(
        name: &str,
        frequency: Frequency,
        basis: &str,
        provenance: Option<Provenance>,
    ) -> ReportingRegime {
        // INVARIANT (validated-regime): a Decree 09 window ends on the 14th and the
        // deadline is the 25th, so the checks of `build` pass; the builder test
        // `presets_pass_the_builder` confirms it.
        ReportingRegime {
            name: name.to_owned(),
            legal_basis: Some(basis.to_owned()),
            scope: RegimeScope::StateAdministration,
            provenance,
            frequency,
            cut_off: CutOff::Decree09,
            deadline: DeadlineRule::DayOfLastMonth {
                day: 25,
                on_rest_day: Roll::Following,
            },
            tiers: Vec::new(),
        }
    }

    /// The monthly report of Decree 09/2019/NĐ-CP: window from the 15th of the previous
    /// month to the 14th (art. 12), due on the 25th of the month (art. 13.1, provincial
    /// People's Committees and ministries to the Government), moved to the next working
    /// day when the 25th is a rest day (Civil Code 2015 art. 148.5).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let regime = ReportingRegime::decree_09_monthly();
    /// let (start, end) = regime.data_window(Period::month(2024, 3)?)?;
    /// assert_eq!((start.to_string(), end.to_string()), ("2024-02-15".into(), "2024-03-14".into()));
    /// assert_eq!(regime.due_for(Period::month(2024, 3)?, &cal)?.to_string(), "2024-03-25");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn decree_09_monthly() -> ReportingRegime {
        Self::decree_09(
            "Decree 09/2019/NĐ-CP monthly report",
            Frequency::Monthly,
            DECREE_09,
            Provenance::verified(DECREE_09_READ).ok(),
        )
    }

    /// The quarterly report of Decree 09/2019/NĐ-CP: Q1 = Dec 15 – Mar 14, …, Q4 = Sep 15
    /// – Dec 14 (art. 12), due on the 25th of the quarter's last month (art. 13.1), moved
    /// to the next working day when it is a rest day (Civil Code 2015 art. 148.5).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let (start, end) = ReportingRegime::decree_09_quarterly().data_window(Period::quarter(2024, 4)?)?;
    /// assert_eq!((start.to_string(), end.to_string()), ("2024-09-15".into(), "2024-12-14".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn decree_09_quarterly() -> ReportingRegime {
        Self::decree_09(
            "Decree 09/2019/NĐ-CP quarterly report",
            Frequency::Quarterly,
            DECREE_09,
            Provenance::verified(DECREE_09_READ).ok(),
        )
    }

    /// The half-year report of Decree 09/2019/NĐ-CP: Dec 15 – Jun 14 and Jun 15 – Dec 14
    /// (art. 12), due on the 25th of June or December (art. 13.1), moved to the next
    /// working day when it is a rest day (Civil Code 2015 art. 148.5).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let (start, end) = ReportingRegime::decree_09_half_yearly().data_window(Period::half_year(2024, 1)?)?;
    /// assert_eq!((start.to_string(), end.to_string()), ("2023-12-15".into(), "2024-06-14".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn decree_09_half_yearly() -> ReportingRegime {
        Self::decree_09(
            "Decree 09/2019/NĐ-CP half-year report",
            Frequency::HalfYearly,
            DECREE_09,
            Provenance::verified(DECREE_09_READ).ok(),
        )
    }

    /// The year report of Decree 09/2019/NĐ-CP: Dec 15 of the previous year – Dec 14
    /// (art. 12), due on 25 December (art. 13.1), moved to the next working day when it is
    /// a rest day (Civil Code 2015 art. 148.5).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let regime = ReportingRegime::decree_09_yearly();
    /// let (start, end) = regime.data_window(Period::year(2024)?)?;
    /// assert_eq!((start.to_string(), end.to_string()), ("2023-12-15".into(), "2024-12-14".into()));
    /// assert_eq!(regime.due_for(Period::year(2024)?, &cal)?.to_string(), "2024-12-25");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn decree_09_yearly() -> ReportingRegime {
        Self::decree_09(
            "Decree 09/2019/NĐ-CP year report",
            Frequency::Yearly,
            DECREE_09,
            Provenance::verified(DECREE_09_READ).ok(),
        )
    }

    /// The nine-month report as provinces use it: Dec 15 of the previous year – Sep 14,
    /// due on 25 September, moved to the next working day when it is a rest day. Decree
    /// 09/2019/NĐ-CP art. 12 lists no nine-month window; this preset extends its rule
    /// (15th of the month before the period to the 14th of its last month) and the
    /// deadline of art. 13.1. Provinces write it into their own regimes, for example
    /// Decision 01/2023/QĐ-UBND of Khánh Hòa, art. 4 (Dec 15 – Sep 14).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let (start, end) = ReportingRegime::decree_09_nine_monthly().data_window(Period::nine_months(2024)?)?;
    /// assert_eq!((start.to_string(), end.to_string()), ("2023-12-15".into(), "2024-09-14".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn decree_09_nine_monthly() -> ReportingRegime {
        Self::decree_09(
            "Nine-month report (Decree 09/2019/NĐ-CP windows, as provinces use them)",
            Frequency::NineMonthly,
            "provincial practice; window and deadline extend Decree 09/2019/NĐ-CP art. 12 and art. 13.1, which list no nine-month report",
            Provenance::unverified(NINE_MONTHS_ASSUMPTION).ok(),
        )
    }

    /// The names of the presets, as data files, calls and the command line name them
    /// (`regime = "decree_09_monthly"`), in the order of their frequencies; the one list
    /// [`ReportingRegime::preset`] reads and errors quote.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::regime::ReportingRegime;
    ///
    /// assert_eq!(ReportingRegime::PRESETS[0], "decree_09_monthly");
    /// for name in ReportingRegime::PRESETS {
    ///     assert!(ReportingRegime::preset(name).is_some());
    /// }
    /// ```
    pub const PRESETS: [&'static str; 5] = {
        let mut names = [""; PRESET_TABLE.len()];
        let mut i = 0;
        while i < PRESET_TABLE.len() {
            names[i] = PRESET_TABLE[i].0;
            i += 1;
        }
        names
    };

    /// The preset with this snake_case name (one of [`ReportingRegime::PRESETS`]), as
    /// data files name them (`regime = "decree_09_monthly"`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::regime::ReportingRegime;
    ///
    /// assert_eq!(ReportingRegime::preset("decree_09_monthly"), Some(ReportingRegime::decree_09_monthly()));
    /// assert_eq!(ReportingRegime::preset("monthly"), None);
    /// ```
    #[must_use]
    pub fn preset(name: &str) -> Option<ReportingRegime> {
        PRESET_TABLE
            .iter()
            .find(|(preset, _)| *preset == name)
            .map(|(_, make)| make())
    }

    /// The regime's name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::regime::ReportingRegime;
    ///
    /// assert_eq!(ReportingRegime::decree_09_yearly().name(), "Decree 09/2019/NĐ-CP year report");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The legal basis, as cited text.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::regime::ReportingRegime;
    ///
    /// let basis = ReportingRegime::decree_09_yearly().legal_basis().ok_or("no basis")?.to_owned();
    /// assert!(basis.contains("art. 13.1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn legal_basis(&self) -> Option<&str> {
        self.legal_basis.as_deref()
    }

    /// The bodies the regime governs by its own force.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::regime::{RegimeScope, ReportingRegime};
    ///
    /// assert_eq!(ReportingRegime::decree_09_yearly().scope(), RegimeScope::StateAdministration);
    /// ```
    #[must_use]
    pub fn scope(&self) -> RegimeScope {
        self.scope
    }

    /// Where the regime's rules come from and how sure they are; `None` when the regime's
    /// author stated none.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::provenance::Certainty;
    /// use directives::regime::ReportingRegime;
    ///
    /// let p = ReportingRegime::decree_09_monthly().provenance().cloned().ok_or("no provenance")?;
    /// assert_eq!(p.certainty(), Certainty::Verified);
    /// let nine = ReportingRegime::decree_09_nine_monthly().provenance().cloned().ok_or("no provenance")?;
    /// assert_eq!(nine.certainty(), Certainty::Unverified);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provenance(&self) -> Option<&Provenance> {
        self.provenance.as_ref()
    }

    /// How often the report is due.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// assert_eq!(ReportingRegime::decree_09_quarterly().frequency(), Frequency::Quarterly);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// The data cut-off rule.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::regime::{CutOff, ReportingRegime};
    ///
    /// assert_eq!(ReportingRegime::decree_09_monthly().cut_off(), CutOff::Decree09);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn cut_off(&self) -> CutOff {
        self.cut_off
    }

    /// The regime's own deadline rule (the report to the regime's recipient).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::regime::ReportingRegime;
    ///
    /// let rule = ReportingRegime::decree_09_monthly().deadline().to_string();
    /// assert_eq!(rule, "day 25 of the last month, or the next working day");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn deadline(&self) -> DeadlineRule {
        self.deadline
    }

    /// The tiers, lowest first.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::regime::ReportingRegime;
    ///
    /// assert!(ReportingRegime::decree_09_monthly().tiers().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// Checks that a period is one of the regime's.
    fn check_period(&self, period: Period) -> Result<(), RegimeError> {
        if period.frequency() == Some(self.frequency) {
            Ok(())
        } else {
            Err(RegimeError::NotARegimePeriod {
                regime: self.name.clone(),
                period,
                frequency: self.frequency,
            })
        }
    }

    fn out_of_range(&self, period: Period) -> RegimeError {
        RegimeError::DateOutOfRange {
            regime: self.name.clone(),
            period,
        }
    }

    /// The data cut-off window of one of the regime's periods, both days included.
    ///
    /// # Errors
    ///
    /// [`RegimeError::NotARegimePeriod`] when the period is not of the regime's frequency;
    /// [`RegimeError::DateOutOfRange`] past the dates chrono represents.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let regime = ReportingRegime::decree_09_quarterly();
    /// let (start, end) = regime.data_window(Period::quarter(2024, 1)?)?;
    /// assert_eq!((start.to_string(), end.to_string()), ("2023-12-15".into(), "2024-03-14".into()));
    /// assert!(regime.data_window(Period::month(2024, 1)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn data_window(&self, period: Period) -> Result<(NaiveDate, NaiveDate), RegimeError> {
        self.check_period(period)?;
        self.cut_off
            .window(period)
            .ok_or_else(|| self.out_of_range(period))
    }

    /// The due date of one rule for one period and window, checked against art. 8.5(b).
    fn due_by(
        &self,
        rule: &DeadlineRule,
        tier: Option<&str>,
        period: Period,
        window: (NaiveDate, NaiveDate),
        cal: &WorkCalendar,
    ) -> Result<NaiveDate, RegimeError> {
        let due =
            rule_due(rule, period, window.1, cal)?.ok_or_else(|| self.out_of_range(period))?;
        if self.cut_off != CutOff::Unspecified {
            check_working_day_after(&self.name, tier, period, window.1, due, cal)?;
        }
        Ok(due)
    }

    /// Computes the window, every tier's due date and the regime's own, checking their
    /// order; returns the due date of tier `want` (or the regime's own).
    fn compute(
        &self,
        period: Period,
        cal: &WorkCalendar,
        want: Option<usize>,
    ) -> Result<ReportingPeriod, RegimeError> {
        let window = self.data_window(period)?;
        let mut previous: Option<(&str, NaiveDate)> = None;
        let mut wanted = None;
        for (i, tier) in self.tiers.iter().enumerate() {
            let due = self.due_by(&tier.deadline, Some(&tier.name), period, window, cal)?;
            self.check_order(period, previous, Some(&tier.name), due)?;
            previous = Some((&tier.name, due));
            if want == Some(i) {
                wanted = Some(due);
            }
        }
        let own = self.due_by(&self.deadline, None, period, window, cal)?;
        self.check_order(period, previous, None, own)?;
        let rule = want
            .and_then(|i| self.tiers.get(i))
            .map_or(&self.deadline, |t| &t.deadline);
        let due = wanted.unwrap_or(own);
        Ok(ReportingPeriod {
            period,
            data_window: window,
            due,
            moved_from: moved_fixed_day(rule, period, due),
        })
    }

    fn check_order(
        &self,
        period: Period,
        previous: Option<(&str, NaiveDate)>,
        next: Option<&str>,
        next_due: NaiveDate,
    ) -> Result<(), RegimeError> {
        match previous {
            Some((tier, due)) if due > next_due => Err(RegimeError::TierDueOrder {
                regime: self.name.clone(),
                period,
                tier: tier.to_owned(),
                due,
                next: next.map(str::to_owned),
                next_due,
            }),
            _ => Ok(()),
        }
    }

    fn tier_index(&self, tier: &str) -> Result<usize, RegimeError> {
        self.tiers
            .iter()
            .position(|t| t.name == tier)
            .ok_or_else(|| RegimeError::UnknownTier {
                regime: self.name.clone(),
                tier: tier.to_owned(),
            })
    }

    /// One period's window and due date (the regime's own deadline).
    ///
    /// Tier deadlines are computed too, to check that they are in order.
    ///
    /// # Errors
    ///
    /// [`RegimeError::NotARegimePeriod`] when the period is not of the regime's frequency;
    /// [`RegimeError::Calendar`] when a date lies outside the calendar's years;
    /// [`RegimeError::NoWorkingDayAfterCutOff`] and [`RegimeError::TierDueOrder`] when the
    /// dates of this period break Decree 09/2019/NĐ-CP art. 8.5(b);
    /// [`RegimeError::DateOutOfRange`] past the dates chrono represents.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let r = ReportingRegime::decree_09_half_yearly().reporting_period(Period::half_year(2024, 1)?, &cal)?;
    /// assert_eq!(r.due().to_string(), "2024-06-25");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reporting_period(
        &self,
        period: Period,
        cal: &WorkCalendar,
    ) -> Result<ReportingPeriod, RegimeError> {
        self.compute(period, cal, None)
    }

    /// One period's due date (the regime's own deadline): what obligation expansion uses.
    ///
    /// # Errors
    ///
    /// As [`ReportingRegime::reporting_period`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::Period;
    /// use directives::regime::ReportingRegime;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let regime = ReportingRegime::decree_09_quarterly();
    /// // 2023-03-25 is a Saturday; the deadline moves to Monday 27 March.
    /// assert_eq!(regime.due_for(Period::quarter(2023, 1)?, &cal)?.to_string(), "2023-03-27");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due_for(&self, period: Period, cal: &WorkCalendar) -> Result<NaiveDate, RegimeError> {
        Ok(self.compute(period, cal, None)?.due)
    }

    /// One period's due date for tier `tier`.
    ///
    /// # Errors
    ///
    /// [`RegimeError::UnknownTier`] for a name the regime does not have; otherwise as
    /// [`ReportingRegime::reporting_period`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::{Frequency, Period};
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    /// use directives::calendar::Roll;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let day = |day| DeadlineRule::DayOfLastMonth { day, on_rest_day: Roll::Keep };
    /// // The year-report cascade attributed to Circular 01/2020/TT-VPCP art. 11 (unverified).
    /// let regime = ReportingRegime::builder("year report")
    ///     .frequency(Frequency::Yearly)
    ///     .cut_off(CutOff::Decree09)
    ///     .deadline(day(22))
    ///     .tier("commune", day(17))
    ///     .tier("district", day(19))
    ///     .build()?;
    /// let year = Period::year(2024)?;
    /// assert_eq!(regime.tier_due_for("commune", year, &cal)?.to_string(), "2024-12-17");
    /// assert_eq!(regime.tier_due_for("district", year, &cal)?.to_string(), "2024-12-19");
    /// assert_eq!(regime.due_for(year, &cal)?.to_string(), "2024-12-22");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tier_due_for(
        &self,
        tier: &str,
        period: Period,
        cal: &WorkCalendar,
    ) -> Result<NaiveDate, RegimeError> {
        let index = self.tier_index(tier)?;
        Ok(self.compute(period, cal, Some(index))?.due)
    }

    /// The regime's periods that overlap `from ..= to`, in order, each with its window and
    /// due date (the regime's own deadline).
    ///
    /// # Errors
    ///
    /// As [`ReportingRegime::reporting_period`], for the first period that fails.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    /// use directives::regime::ReportingRegime;
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let from = NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?;
    /// let to = NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?;
    /// let quarters = ReportingRegime::decree_09_quarterly().schedule(from, to, &cal)?;
    /// let dues: Vec<String> = quarters.iter().map(|r| r.due().to_string()).collect();
    /// assert_eq!(dues, ["2024-03-25", "2024-06-25", "2024-09-25", "2024-12-25"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn schedule(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        cal: &WorkCalendar,
    ) -> Result<Vec<ReportingPeriod>, RegimeError> {
        self.frequency
            .periods(from, to)
            .map(|p| self.compute(p, cal, None))
            .collect()
    }

    /// As [`ReportingRegime::schedule`], with the due dates of tier `tier`.
    ///
    /// # Errors
    ///
    /// [`RegimeError::UnknownTier`] for a name the regime does not have; otherwise as
    /// [`ReportingRegime::schedule`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let regime = ReportingRegime::builder("monthly, two tiers")
    ///     .frequency(Frequency::Monthly)
    ///     .cut_off(CutOff::Decree09)
    ///     .deadline(DeadlineRule::AfterCutOff { term: directives::calendar::Term::working_days(5)? })
    ///     .tier("commune", DeadlineRule::AfterCutOff { term: directives::calendar::Term::working_days(2)? })
    ///     .build()?;
    /// let from = NaiveDate::from_ymd_opt(2024, 6, 1).ok_or("date")?;
    /// let june = regime.schedule_for_tier("commune", from, from, &cal)?;
    /// // Cut-off Fri 14 June 2024; two working days later: Tue 18 June.
    /// assert_eq!(june[0].due().to_string(), "2024-06-18");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn schedule_for_tier(
        &self,
        tier: &str,
        from: NaiveDate,
        to: NaiveDate,
        cal: &WorkCalendar,
    ) -> Result<Vec<ReportingPeriod>, RegimeError> {
        let index = self.tier_index(tier)?;
        self.frequency
            .periods(from, to)
            .map(|p| self.compute(p, cal, Some(index)))
            .collect()
    }
}

/// The facts this module ships: the reporting-regime presets and the legal rules it
/// applies, each with its [`Provenance`].
///
/// A tool lists those below a level with [`Fact::is_below`]; an unverified one states the
/// assumption it rests on. The presets are values a user can replace: build a regime with
/// [`ReportingRegime::builder`].
///
/// # Example
///
/// ```
/// use directives::provenance::{Certainty, FactArea};
/// use directives::regime;
///
/// let facts = regime::facts();
/// let presets: Vec<&str> = facts
///     .iter()
///     .filter(|f| f.area() == FactArea::RegimePreset)
///     .map(|f| f.id())
///     .collect();
/// assert!(presets.contains(&"decree_09_monthly"));
/// let unverified: Vec<&str> = facts
///     .iter()
///     .filter(|f| f.is_below(Certainty::Corroborated))
///     .map(|f| f.id())
///     .collect();
/// assert_eq!(unverified, ["decree_09_nine_monthly", "fixed_day_moves_off_rest_day"]);
/// ```
#[must_use]
pub fn facts() -> Vec<Fact> {
    let mut facts: Vec<Fact> = PRESET_TABLE
        .into_iter()
        .map(|(id, make)| (id, make()))
        .filter_map(|(id, regime)| {
            let statement = format!(
                "{}: data from {}, due on {}",
                regime.name(),
                regime.cut_off(),
                regime.deadline()
            );
            let provenance = regime.provenance()?.clone();
            Some(Fact::new(FactArea::RegimePreset, id, statement, provenance))
        })
        .collect();
    let rules = [
        (
            "decree_09_art_8_5_b",
            "a periodic report's deadline leaves no less than one working day after the end of its data cut-off, and a report aggregated through several tiers states a deadline for each tier",
            Provenance::verified("Decree 09/2019/NĐ-CP art. 8.5(b)"),
        ),
        (
            "decree_09_art_8_5_c",
            "for thematic and ad-hoc reports the cut-off and the deadline are those the asking body sets; the one-working-day rule does not bind them",
            Provenance::verified("Decree 09/2019/NĐ-CP art. 8.5(c)"),
        ),
        (
            "decree_09_scope",
            "Decree 09/2019/NĐ-CP governs reporting by and between state administrative agencies; applied to a Party document it applies by analogy",
            Provenance::verified("Decree 09/2019/NĐ-CP art. 1.1(a) and art. 2"),
        ),
        (
            "circular_01_2020_art_11",
            "the annual report on meetings (not a general year report) goes commune → district by 17 December, district → province by 19 December, province → Government Office by 22 December",
            Provenance::verified("Circular 01/2020/TT-VPCP art. 11"),
        ),
        (
            "fixed_day_moves_off_rest_day",
            "a deadline on a fixed day of the month (Decree 09/2019/NĐ-CP art. 13.1: the 25th) that falls on a rest day moves to the next working day",
            Provenance::unverified(
                "art. 13.1 names a calendar day and says nothing of rest days; this crate reads the general rule of Civil Code 2015 art. 148.5 as applying (art. 145.1 lets a law provide otherwise); build a rule with `Roll::Keep` to hold the day",
            ),
        ),
    ];
    facts.extend(rules.into_iter().filter_map(|(id, statement, provenance)| {
        Some(Fact::new(
            FactArea::LegalRule,
            id,
            statement,
            provenance.ok()?,
        ))
    }));
    facts
}

/// The fixed day a [`DeadlineRule::DayOfLastMonth`] that moves off rest days named, when
/// the due date is not that day.
fn moved_fixed_day(rule: &DeadlineRule, period: Period, due: NaiveDate) -> Option<NaiveDate> {
    let DeadlineRule::DayOfLastMonth { day, on_rest_day } = rule else {
        return None;
    };
    if *on_rest_day == Roll::Keep {
        return None;
    }
    let last = period
        .end()
        .with_day(1)?
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()?;
    let fixed = last.with_day(u32::from(*day).clamp(1, last.day()))?;
    (fixed != due).then_some(fixed)
}

/// The due date of a rule, `None` past chrono's dates.
fn rule_due(
    rule: &DeadlineRule,
    period: Period,
    cut_off_end: NaiveDate,
    cal: &WorkCalendar,
) -> Result<Option<NaiveDate>, RegimeError> {
    match rule {
        DeadlineRule::DayOfLastMonth { day, on_rest_day } => {
            let end = period.end();
            let last = end.with_day(1).and_then(|first| {
                first
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|next| next.pred_opt())
            });
            let Some(last) = last else { return Ok(None) };
            let day = u32::from(*day).clamp(1, last.day());
            let Some(date) = last.with_day(day) else {
                return Ok(None);
            };
            match on_rest_day {
                Roll::Keep => Ok(Some(date)),
                roll => Ok(Some(cal.roll(date, *roll)?)),
            }
        }
        DeadlineRule::AfterCutOff { term } => Ok(Some(term.ends_on(cut_off_end, cal)?)),
        DeadlineRule::AfterPeriodEnd { term } => Ok(Some(term.ends_on(period.end(), cal)?)),
    }
}

/// Checks that a working day lies after `cut_off` and on or before `due`
/// (Decree 09/2019/NĐ-CP art. 8.5(b)).
fn check_working_day_after(
    name: &str,
    tier: Option<&str>,
    period: Period,
    cut_off: NaiveDate,
    due: NaiveDate,
    cal: &WorkCalendar,
) -> Result<(), RegimeError> {
    if due <= cut_off || cal.add_working_days(cut_off, 1)? > due {
        return Err(RegimeError::NoWorkingDayAfterCutOff {
            regime: name.to_owned(),
            tier: tier.map(str::to_owned),
            period,
            cut_off,
            due,
        });
    }
    Ok(())
}

/// Builds a [`ReportingRegime`], validating it in [`build`](ReportingRegimeBuilder::build).
///
/// The frequency, the cut-off rule and the deadline rule are required; the legal basis
/// and tiers are optional.
///
/// # Example
///
/// ```
/// use directives::period::Frequency;
/// use directives::regime::{CutOff, DeadlineRule, ReportingRegime, ReportingRegimeBuilder};
/// use directives::calendar::Roll;
///
/// let builder: ReportingRegimeBuilder = ReportingRegime::builder("monthly")
///     .frequency(Frequency::Monthly)
///     .cut_off(CutOff::Decree09)
///     .deadline(DeadlineRule::DayOfLastMonth { day: 20, on_rest_day: Roll::Keep });
/// assert_eq!(builder.build()?.frequency(), Frequency::Monthly);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ReportingRegimeBuilder {
    name: String,
    legal_basis: Option<String>,
    scope: RegimeScope,
    provenance: Option<Provenance>,
    frequency: Option<Frequency>,
    cut_off: Option<CutOff>,
    deadline: Option<DeadlineRule>,
    tiers: Vec<Tier>,
}

impl ReportingRegimeBuilder {
    /// Sets the legal basis, as cited text.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    /// use directives::calendar::Roll;
    ///
    /// let regime = ReportingRegime::builder("monthly")
    ///     .legal_basis("Decree 09/2019/NĐ-CP art. 12")
    ///     .frequency(Frequency::Monthly)
    ///     .cut_off(CutOff::Decree09)
    ///     .deadline(DeadlineRule::DayOfLastMonth { day: 20, on_rest_day: Roll::Keep })
    ///     .build()?;
    /// assert_eq!(regime.legal_basis(), Some("Decree 09/2019/NĐ-CP art. 12"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn legal_basis(mut self, legal_basis: impl Into<String>) -> Self {
        self.legal_basis = Some(legal_basis.into());
        self
    }

    /// Sets the bodies the regime governs by its own force (default [`RegimeScope::Any`]).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, RegimeScope, ReportingRegime};
    /// use directives::calendar::Roll;
    ///
    /// let regime = ReportingRegime::builder("monthly")
    ///     .scope(RegimeScope::StateAdministration)
    ///     .frequency(Frequency::Monthly)
    ///     .cut_off(CutOff::Decree09)
    ///     .deadline(DeadlineRule::DayOfLastMonth { day: 20, on_rest_day: Roll::Keep })
    ///     .build()?;
    /// assert_eq!(regime.scope(), RegimeScope::StateAdministration);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scope(mut self, scope: RegimeScope) -> Self {
        self.scope = scope;
        self
    }

    /// Sets where the regime's rules come from and how sure they are.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::provenance::{Certainty, Provenance};
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    /// use directives::calendar::Roll;
    ///
    /// let regime = ReportingRegime::builder("monthly")
    ///     .provenance(Provenance::unverified("the plan's text was not read; taken from a summary")?)
    ///     .frequency(Frequency::Monthly)
    ///     .cut_off(CutOff::Decree09)
    ///     .deadline(DeadlineRule::DayOfLastMonth { day: 20, on_rest_day: Roll::Keep })
    ///     .build()?;
    /// assert_eq!(regime.provenance().map(|p| p.certainty()), Some(Certainty::Unverified));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn provenance(mut self, provenance: Provenance) -> Self {
        self.provenance = Some(provenance);
        self
    }

    /// Sets the frequency.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    /// use directives::calendar::Roll;
    ///
    /// let regime = ReportingRegime::builder("half-year")
    ///     .frequency(Frequency::HalfYearly)
    ///     .cut_off(CutOff::Calendar)
    ///     .deadline(DeadlineRule::AfterPeriodEnd { term: directives::calendar::Term::days(15)? })
    ///     .build()?;
    /// assert_eq!(regime.frequency(), Frequency::HalfYearly);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn frequency(mut self, frequency: Frequency) -> Self {
        self.frequency = Some(frequency);
        self
    }

    /// Sets the data cut-off rule.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    ///
    /// let regime = ReportingRegime::builder("inspection")
    ///     .frequency(Frequency::Monthly)
    ///     .cut_off(CutOff::DayOfMonth { first_day: 16 })
    ///     .deadline(DeadlineRule::AfterCutOff { term: directives::calendar::Term::working_days(3)? })
    ///     .build()?;
    /// assert_eq!(regime.cut_off(), CutOff::DayOfMonth { first_day: 16 });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cut_off(mut self, cut_off: CutOff) -> Self {
        self.cut_off = Some(cut_off);
        self
    }

    /// Sets the regime's own deadline rule.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    ///
    /// let rule = DeadlineRule::AfterCutOff { term: directives::calendar::Term::working_days(3)? };
    /// let regime = ReportingRegime::builder("monthly")
    ///     .frequency(Frequency::Monthly)
    ///     .cut_off(CutOff::Decree09)
    ///     .deadline(rule)
    ///     .build()?;
    /// assert_eq!(regime.deadline(), rule);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deadline(mut self, deadline: DeadlineRule) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Adds a tier with its deadline; add them lowest first.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, ReportingRegime};
    /// use directives::calendar::Roll;
    ///
    /// let day = |day| DeadlineRule::DayOfLastMonth { day, on_rest_day: Roll::Keep };
    /// let regime = ReportingRegime::builder("year report")
    ///     .frequency(Frequency::Yearly)
    ///     .cut_off(CutOff::Decree09)
    ///     .deadline(day(22))
    ///     .tier("commune", day(17))
    ///     .tier("district", day(19))
    ///     .build()?;
    /// assert_eq!(regime.tiers().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tier(mut self, name: impl Into<String>, deadline: DeadlineRule) -> Self {
        self.tiers.push(Tier {
            name: name.into(),
            deadline,
        });
        self
    }

    /// Validates and builds the regime.
    ///
    /// # Errors
    ///
    /// - [`RegimeError::EmptyName`]; [`RegimeError::Missing`] without a frequency, cut-off
    ///   rule or deadline rule;
    /// - [`RegimeError::CutOffDay`], [`RegimeError::DeadlineDay`] for days out of range;
    /// - [`RegimeError::NoCutOff`] for a rule counting from a cut-off the regime lacks;
    /// - [`RegimeError::DeadlineNotAfterCutOff`] for a rule that can fall within the
    ///   window (Decree 09/2019/NĐ-CP art. 8.5(b));
    /// - [`RegimeError::EmptyTierName`], [`RegimeError::DuplicateTier`],
    ///   [`RegimeError::TierOrder`] for tiers (art. 8.5(b)).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Frequency;
    /// use directives::regime::{CutOff, DeadlineRule, RegimeError, ReportingRegime};
    /// use directives::calendar::Roll;
    ///
    /// let day = |day| DeadlineRule::DayOfLastMonth { day, on_rest_day: Roll::Keep };
    /// let err = ReportingRegime::builder("year report")
    ///     .frequency(Frequency::Yearly)
    ///     .cut_off(CutOff::Decree09)
    ///     .deadline(day(22))
    ///     .tier("district", day(19))
    ///     .tier("commune", day(17))
    ///     .build()
    ///     .unwrap_err();
    /// assert!(matches!(err, RegimeError::TierOrder { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<ReportingRegime, RegimeError> {
        let regime = self.name;
        if regime.trim().is_empty() {
            return Err(RegimeError::EmptyName);
        }
        let missing = |field| RegimeError::Missing {
            regime: regime.clone(),
            field,
        };
        let frequency = self.frequency.ok_or_else(|| missing("frequency"))?;
        let cut_off = self.cut_off.ok_or_else(|| missing("cut-off rule"))?;
        let deadline = self.deadline.ok_or_else(|| missing("deadline rule"))?;
        if let CutOff::DayOfMonth { first_day } = cut_off
            && !(2..=28).contains(&first_day)
        {
            return Err(RegimeError::CutOffDay {
                regime,
                day: first_day,
            });
        }
        let rules = self
            .tiers
            .iter()
            .map(|t| (Some(t.name.as_str()), &t.deadline))
            .chain(std::iter::once((None, &deadline)));
        for (tier, rule) in rules {
            check_rule(&regime, tier, rule, cut_off)?;
        }
        for (i, tier) in self.tiers.iter().enumerate() {
            if tier.name.trim().is_empty() {
                return Err(RegimeError::EmptyTierName { regime });
            }
            if self.tiers[..i].iter().any(|t| t.name == tier.name) {
                return Err(RegimeError::DuplicateTier {
                    regime,
                    tier: tier.name.clone(),
                });
            }
        }
        // Every pair, not only neighbours: a tier between two rules of another kind must
        // not hide that the two are out of order.
        for (i, tier) in self.tiers.iter().enumerate() {
            let later = self
                .tiers
                .iter()
                .skip(i + 1)
                .map(|t| (Some(t), &t.deadline))
                .chain(std::iter::once((None, &deadline)));
            for (next, next_rule) in later {
                if tier.deadline.strictly_before(next_rule) == Some(false) {
                    return Err(RegimeError::TierOrder {
                        regime,
                        tier: tier.name.clone(),
                        next: next.map(|t| t.name.clone()),
                    });
                }
            }
        }
        // INVARIANT (validated-regime): every check above passed.
        Ok(ReportingRegime {
            name: regime,
            legal_basis: self.legal_basis,
            scope: self.scope,
            provenance: self.provenance,
            frequency,
            cut_off,
            deadline,
            tiers: self.tiers,
        })
    }
}

/// Checks one deadline rule against the cut-off, without a calendar.
fn check_rule(
    regime: &str,
    tier: Option<&str>,
    rule: &DeadlineRule,
    cut_off: CutOff,
) -> Result<(), RegimeError> {
    if let DeadlineRule::DayOfLastMonth { day, .. } = rule
        && !(1..=31).contains(day)
    {
        return Err(RegimeError::DeadlineDay {
            regime: regime.to_owned(),
            day: *day,
        });
    }
    if cut_off == CutOff::Unspecified && rule.counts_from_cut_off() {
        return Err(RegimeError::NoCutOff {
            regime: regime.to_owned(),
            tier: tier.map(str::to_owned),
            rule: *rule,
        });
    }
    if rule.can_miss_cut_off(cut_off) {
        return Err(RegimeError::DeadlineNotAfterCutOff {
            regime: regime.to_owned(),
            tier: tier.map(str::to_owned),
            rule: *rule,
            cut_off,
        });
    }
    Ok(())
}

/// The kind of a one-off report (Decree 09/2019/NĐ-CP art. 4).
///
/// Serde names: `thematic`, `ad_hoc`.
///
/// # Example
///
/// ```
/// use directives::regime::OneOffKind;
///
/// assert_ne!(OneOffKind::Thematic, OneOffKind::AdHoc);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum OneOffKind {
    /// A thematic report (báo cáo chuyên đề): on one subject, asked for once.
    Thematic,
    /// An ad-hoc report (báo cáo đột xuất): on an unexpected event.
    AdHoc,
}

/// A thematic or ad-hoc report asked for once: a window of data and a due date set by the
/// document that asks for it (Decree 09/2019/NĐ-CP art. 4).
///
/// The due date is a fixed day and does not move on rest days; the document that sets it
/// chose it. For thematic and ad-hoc reports Decree 09/2019/NĐ-CP art. 8.5(c) leaves the
/// cut-off and the deadline to the body that asks for the report, so the one-working-day
/// rule of art. 8.5(b) (periodic reports) does not bind it: the only check is that the
/// report is not due before the last day its figures cover.
/// [`OneOffReport::leaves_no_working_day`] tells a tool when the due date leaves no
/// working day after the window, which it may show as a warning.
///
/// Deserializing goes through [`OneOffReport::new`] (snake_case, unknown fields denied):
/// `{"name": "...", "kind": "thematic", "window": "2024-02-22..2024-12-31",
/// "due": "2025-01-10", "legal_basis": "..."}`.
///
/// # Example
///
/// ```
/// use directives::regime::{OneOffKind, OneOffReport};
///
/// let report = OneOffReport::new(
///     "review of the directive",
///     OneOffKind::Thematic,
///     "2024-02-22..2024-12-31".parse()?,
///     "2025-01-10".parse()?,
/// )?;
/// let r = report.reporting_period();
/// assert_eq!(r.data_window().1.to_string(), "2024-12-31");
/// assert_eq!(r.due().to_string(), "2025-01-10");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "OneOffWire", into = "OneOffWire")
)]
pub struct OneOffReport {
    // INVARIANT (valid-one-off): non-empty name, `due >= window.end()`; upheld by `new`.
    name: String,
    kind: OneOffKind,
    window: Period,
    due: NaiveDate,
    legal_basis: Option<String>,
}

impl OneOffReport {
    /// A one-off report on the days of `window`, due on `due`.
    ///
    /// # Errors
    ///
    /// [`RegimeError::EmptyName`] for an empty name; [`RegimeError::OneOffDue`] when `due`
    /// is before the last day of `window`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::{OneOffKind, OneOffReport};
    ///
    /// let window = Period::quarter(2024, 1)?;
    /// let report = OneOffReport::new("flood damage", OneOffKind::AdHoc, window, "2024-04-05".parse()?)?;
    /// assert_eq!(report.window(), window);
    /// assert!(OneOffReport::new("late", OneOffKind::AdHoc, window, "2024-03-30".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        name: impl Into<String>,
        kind: OneOffKind,
        window: Period,
        due: NaiveDate,
    ) -> Result<OneOffReport, RegimeError> {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(RegimeError::EmptyName);
        }
        if due < window.end() {
            return Err(RegimeError::OneOffDue {
                report: name,
                window_end: window.end(),
                due,
            });
        }
        Ok(OneOffReport {
            name,
            kind,
            window,
            due,
            legal_basis: None,
        })
    }

    /// Sets the legal basis, as cited text.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::{OneOffKind, OneOffReport};
    ///
    /// let report = OneOffReport::new("review", OneOffKind::Thematic, Period::year(2024)?, "2025-01-15".parse()?)?
    ///     .with_legal_basis("1470-CV/TU");
    /// assert_eq!(report.legal_basis(), Some("1470-CV/TU"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_legal_basis(mut self, legal_basis: impl Into<String>) -> Self {
        self.legal_basis = Some(legal_basis.into());
        self
    }

    /// The report's name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::{OneOffKind, OneOffReport};
    ///
    /// let report = OneOffReport::new("review", OneOffKind::Thematic, Period::year(2024)?, "2025-01-15".parse()?)?;
    /// assert_eq!(report.name(), "review");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Thematic or ad hoc.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::{OneOffKind, OneOffReport};
    ///
    /// let report = OneOffReport::new("review", OneOffKind::Thematic, Period::year(2024)?, "2025-01-15".parse()?)?;
    /// assert_eq!(report.kind(), OneOffKind::Thematic);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> OneOffKind {
        self.kind
    }

    /// The days the report covers, as a period (usually a custom range).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::{OneOffKind, OneOffReport};
    ///
    /// let report = OneOffReport::new("review", OneOffKind::Thematic, Period::year(2024)?, "2025-01-15".parse()?)?;
    /// assert_eq!(report.window(), Period::year(2024)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn window(&self) -> Period {
        self.window
    }

    /// The due date, as set by the asking document.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::{OneOffKind, OneOffReport};
    ///
    /// let report = OneOffReport::new("review", OneOffKind::Thematic, Period::year(2024)?, "2025-01-15".parse()?)?;
    /// assert_eq!(report.due().to_string(), "2025-01-15");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// The legal basis, as cited text.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::{OneOffKind, OneOffReport};
    ///
    /// let report = OneOffReport::new("review", OneOffKind::Thematic, Period::year(2024)?, "2025-01-15".parse()?)?;
    /// assert_eq!(report.legal_basis(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn legal_basis(&self) -> Option<&str> {
        self.legal_basis.as_deref()
    }

    /// The report as a [`ReportingPeriod`]: its window (the period's days) and due date.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::period::Period;
    /// use directives::regime::{OneOffKind, OneOffReport};
    ///
    /// // The window ends on Friday 7 June 2024 and the report is due on Saturday 8 June:
    /// // the asking body may set such a date (Decree 09/2019/NĐ-CP art. 8.5(c)).
    /// let window: Period = "2024-06-01..2024-06-07".parse()?;
    /// let report = OneOffReport::new("storm", OneOffKind::AdHoc, window, "2024-06-08".parse()?)?;
    /// assert_eq!(report.reporting_period().due().to_string(), "2024-06-08");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn reporting_period(&self) -> ReportingPeriod {
        ReportingPeriod {
            period: self.window,
            data_window: (self.window.start(), self.window.end()),
            due: self.due,
            moved_from: None,
        }
    }

    /// Whether no working day lies after the last day of the window and on or before the
    /// due date. This is not a breach: art. 8.5(c) of Decree 09/2019/NĐ-CP leaves the dates
    /// of thematic and ad-hoc reports to the asking body, and the one-working-day rule of
    /// art. 8.5(b) is for periodic reports. A tool may show it as a warning.
    ///
    /// # Errors
    ///
    /// [`RegimeError::Calendar`] when a date lies outside the calendar's years.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::WorkCalendar;
    /// use directives::period::Period;
    /// use directives::regime::{OneOffKind, OneOffReport};
    ///
    /// let cal = WorkCalendar::vietnam()?;
    /// let window: Period = "2024-06-01..2024-06-07".parse()?;
    /// let tight = OneOffReport::new("storm", OneOffKind::AdHoc, window, "2024-06-08".parse()?)?;
    /// assert!(tight.leaves_no_working_day(&cal)?);
    /// let fair = OneOffReport::new("storm", OneOffKind::AdHoc, window, "2024-06-10".parse()?)?;
    /// assert!(!fair.leaves_no_working_day(&cal)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn leaves_no_working_day(&self, cal: &WorkCalendar) -> Result<bool, RegimeError> {
        Ok(cal.add_working_days(self.window.end(), 1)? > self.due)
    }
}

#[cfg(feature = "serde")]
use self::wire::OneOffWire;

#[cfg(feature = "serde")]
mod wire {
    use chrono::NaiveDate;

    use super::{
        CutOff, DeadlineRule, OneOffKind, OneOffReport, RegimeError, RegimeScope, ReportingPeriod,
        ReportingRegime, Tier,
    };
    use crate::period::{Frequency, Period};
    use crate::provenance::Provenance;

    fn is_any(scope: &RegimeScope) -> bool {
        *scope == RegimeScope::Any
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "snake_case", deny_unknown_fields)]
    pub(super) struct OneOffWire {
        name: String,
        kind: OneOffKind,
        window: Period,
        #[serde(deserialize_with = "crate::text::deserialize_date")]
        due: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        legal_basis: Option<String>,
    }

    impl TryFrom<OneOffWire> for OneOffReport {
        type Error = RegimeError;

        fn try_from(w: OneOffWire) -> Result<Self, Self::Error> {
            let report = OneOffReport::new(w.name, w.kind, w.window, w.due)?;
            Ok(match w.legal_basis {
                Some(basis) => report.with_legal_basis(basis),
                None => report,
            })
        }
    }

    impl From<OneOffReport> for OneOffWire {
        fn from(r: OneOffReport) -> Self {
            OneOffWire {
                name: r.name,
                kind: r.kind,
                window: r.window,
                due: r.due,
                legal_basis: r.legal_basis,
            }
        }
    }

    /// The serde form of [`CutOff`]. Its variants are empty structs, not unit variants,
    /// because serde ignores `deny_unknown_fields` for unit variants of internally tagged
    /// enums.
    #[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
    pub(super) enum CutOffWire {
        Calendar {},
        #[serde(rename = "decree_09")]
        Decree09 {},
        DayOfMonth {
            first_day: u8,
        },
        Unspecified {},
    }

    impl From<CutOffWire> for CutOff {
        fn from(w: CutOffWire) -> Self {
            match w {
                CutOffWire::Calendar {} => CutOff::Calendar,
                CutOffWire::Decree09 {} => CutOff::Decree09,
                CutOffWire::DayOfMonth { first_day } => CutOff::DayOfMonth { first_day },
                CutOffWire::Unspecified {} => CutOff::Unspecified,
            }
        }
    }

    impl From<CutOff> for CutOffWire {
        fn from(c: CutOff) -> Self {
            match c {
                CutOff::Calendar => CutOffWire::Calendar {},
                CutOff::Decree09 => CutOffWire::Decree09 {},
                CutOff::DayOfMonth { first_day } => CutOffWire::DayOfMonth { first_day },
                CutOff::Unspecified => CutOffWire::Unspecified {},
            }
        }
    }

    /// The read form of a [`ReportingPeriod`], checked on the way in.
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "snake_case", deny_unknown_fields)]
    pub(super) struct ReportingPeriodWire {
        period: Period,
        #[serde(with = "crate::obligation::strict_date::pair")]
        data_window: (NaiveDate, NaiveDate),
        #[serde(with = "crate::obligation::strict_date")]
        due: NaiveDate,
        #[serde(default, with = "crate::obligation::strict_date::option")]
        moved_from: Option<NaiveDate>,
    }

    impl TryFrom<ReportingPeriodWire> for ReportingPeriod {
        type Error = String;

        fn try_from(w: ReportingPeriodWire) -> Result<ReportingPeriod, String> {
            let (start, end) = w.data_window;
            if end < start {
                return Err(format!(
                    "data window `{start}` to `{end}` ends before it starts"
                ));
            }
            if w.due < end {
                return Err(format!(
                    "due date `{}` is before the end `{end}` of the data window",
                    w.due
                ));
            }
            Ok(ReportingPeriod {
                period: w.period,
                data_window: w.data_window,
                due: w.due,
                moved_from: w.moved_from,
            })
        }
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(
        rename_all = "snake_case",
        deny_unknown_fields,
        expecting = "a reporting regime: a table with `name`, `frequency`, `cut_off` and `deadline`"
    )]
    struct RegimeWire {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        legal_basis: Option<String>,
        #[serde(default, skip_serializing_if = "is_any")]
        scope: RegimeScope,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provenance: Option<Provenance>,
        frequency: Frequency,
        cut_off: CutOff,
        deadline: DeadlineRule,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tiers: Vec<Tier>,
    }

    impl serde::Serialize for ReportingRegime {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            RegimeWire {
                name: self.name.clone(),
                legal_basis: self.legal_basis.clone(),
                scope: self.scope,
                provenance: self.provenance.clone(),
                frequency: self.frequency,
                cut_off: self.cut_off,
                deadline: self.deadline,
                tiers: self.tiers.clone(),
            }
            .serialize(serializer)
        }
    }

    impl<'de> serde::Deserialize<'de> for ReportingRegime {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let w = RegimeWire::deserialize(deserializer)?;
            let mut builder = ReportingRegime::builder(w.name)
                .scope(w.scope)
                .frequency(w.frequency)
                .cut_off(w.cut_off)
                .deadline(w.deadline);
            if let Some(basis) = w.legal_basis {
                builder = builder.legal_basis(basis);
            }
            if let Some(provenance) = w.provenance {
                builder = builder.provenance(provenance);
            }
            for t in w.tiers {
                builder = builder.tier(t.name, t.deadline);
            }
            builder.build().map_err(serde::de::Error::custom)
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

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    /// The presets skip the builder; they must be exactly what it would build.
    #[test]
    fn presets_pass_the_builder() {
        for preset in [
            ReportingRegime::decree_09_monthly(),
            ReportingRegime::decree_09_quarterly(),
            ReportingRegime::decree_09_half_yearly(),
            ReportingRegime::decree_09_nine_monthly(),
            ReportingRegime::decree_09_yearly(),
        ] {
            let mut builder = ReportingRegime::builder(preset.name())
                .scope(preset.scope())
                .frequency(preset.frequency())
                .cut_off(preset.cut_off())
                .deadline(preset.deadline());
            if let Some(basis) = preset.legal_basis() {
                builder = builder.legal_basis(basis);
            }
            let provenance = preset.provenance().cloned().expect("every preset has one");
            builder = builder.provenance(provenance);
            assert_eq!(builder.build().unwrap(), preset);
        }
    }

    #[test]
    fn shifted_windows_cross_year_and_month_ends() {
        let w = |cut: CutOff, s: &str| cut.window(p(s)).unwrap();
        assert_eq!(
            w(CutOff::Decree09, "2024-01"),
            (d("2023-12-15"), d("2024-01-14"))
        );
        assert_eq!(
            w(CutOff::DayOfMonth { first_day: 16 }, "2024-03"),
            (d("2024-02-16"), d("2024-03-15"))
        );
        assert_eq!(
            w(CutOff::DayOfMonth { first_day: 28 }, "2024-03"),
            (d("2024-02-28"), d("2024-03-27"))
        );
        assert_eq!(
            w(CutOff::DayOfMonth { first_day: 2 }, "2024-Q2"),
            (d("2024-03-02"), d("2024-06-01"))
        );
        assert_eq!(
            w(CutOff::Decree09, "0001-01"),
            (d("0000-12-15"), d("0001-01-14"))
        );
        assert_eq!(
            w(CutOff::Calendar, "2024-Q2"),
            (d("2024-04-01"), d("2024-06-30"))
        );
        assert_eq!(
            w(CutOff::Unspecified, "2024-9M"),
            (d("2024-01-01"), d("2024-09-30"))
        );
        // Custom ranges already name their days.
        assert_eq!(
            w(CutOff::Decree09, "2024-02-22..2024-12-31"),
            (d("2024-02-22"), d("2024-12-31"))
        );
    }

    #[test]
    fn static_art_8_5_check() {
        let dom = |day| DeadlineRule::DayOfLastMonth {
            day,
            on_rest_day: Roll::Keep,
        };
        let after_cut = |days| DeadlineRule::AfterCutOff {
            term: Term::working_days(days).unwrap(),
        };
        let after_end = |days| DeadlineRule::AfterPeriodEnd {
            term: Term::days(days).unwrap(),
        };
        assert!(dom(14).can_miss_cut_off(CutOff::Decree09));
        assert!(!dom(15).can_miss_cut_off(CutOff::Decree09));
        assert!(dom(15).can_miss_cut_off(CutOff::DayOfMonth { first_day: 16 }));
        assert!(!dom(16).can_miss_cut_off(CutOff::DayOfMonth { first_day: 16 }));
        assert!(dom(31).can_miss_cut_off(CutOff::Calendar));
        assert!(!dom(1).can_miss_cut_off(CutOff::Unspecified));
        // A term is at least one day, so it always ends after the window.
        assert!(!after_cut(1).can_miss_cut_off(CutOff::Decree09));
        assert!(!after_cut(1).can_miss_cut_off(CutOff::Calendar));
        assert!(!after_end(1).can_miss_cut_off(CutOff::Calendar));
        assert!(Term::working_days(0).is_err());
        let term_end = DeadlineRule::AfterPeriodEnd {
            term: Term::days(1).unwrap(),
        };
        assert!(!term_end.can_miss_cut_off(CutOff::Calendar));
        assert!(!term_end.can_miss_cut_off(CutOff::Decree09));
        assert!(!term_end.counts_from_cut_off());
    }

    #[test]
    fn static_tier_order() {
        let dom = |day| DeadlineRule::DayOfLastMonth {
            day,
            on_rest_day: Roll::Following,
        };
        let work = |days| DeadlineRule::AfterCutOff {
            term: Term::working_days(days).unwrap(),
        };
        let cal = |days| DeadlineRule::AfterCutOff {
            term: Term::days(days).unwrap(),
        };
        assert_eq!(dom(17).strictly_before(&dom(19)), Some(true));
        assert_eq!(dom(19).strictly_before(&dom(19)), Some(false));
        assert_eq!(work(2).strictly_before(&work(5)), Some(true));
        assert_eq!(work(5).strictly_before(&work(2)), Some(false));
        assert_eq!(work(2).strictly_before(&cal(5)), None);
        assert_eq!(dom(17).strictly_before(&work(5)), None);
    }

    #[test]
    fn rules_display() {
        assert_eq!(
            DeadlineRule::AfterPeriodEnd {
                term: Term::days(10).unwrap()
            }
            .to_string(),
            "10 days after the period end"
        );
        assert_eq!(
            DeadlineRule::AfterCutOff {
                term: "1 month".parse().unwrap()
            }
            .to_string(),
            format!("{} after the cut-off", "1 month".parse::<Term>().unwrap())
        );
        assert_eq!(
            DeadlineRule::AfterPeriodEnd {
                term: "10 working days".parse().unwrap()
            }
            .to_string(),
            "10 working days after the period end"
        );
        assert_eq!(
            CutOff::DayOfMonth { first_day: 16 }.to_string(),
            "day 16 of the month before to day 15 of the last month"
        );
        assert_eq!(CutOff::Calendar.to_string(), "the calendar period");
        assert_eq!(CutOff::Unspecified.to_string(), "none");
    }

    #[test]
    fn error_is_send_sync_static() {
        fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
        assert_traits::<RegimeError>();
    }
}
