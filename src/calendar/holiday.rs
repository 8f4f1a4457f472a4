//! Public holidays: dated statutory rules and their history.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::CalendarError;
use super::lunar::LunarDate;
use crate::provenance::{Fact, FactArea, Provenance};

/// A public holiday as it applies to a day: an id, names in Vietnamese and English, and
/// the [`Provenance`] of the rule that makes it (the provision it rests on, and how sure
/// the crate is of it).
///
/// # Example
///
/// ```
/// use directives::calendar::HolidayRule;
/// use directives::provenance::Certainty;
///
/// let rules = HolidayRule::vietnam();
/// let new_year = rules.iter().find(|r| r.holiday().id() == "new-year").ok_or("missing")?;
/// assert_eq!(new_year.holiday().name(directives::Lang::En), "New Year's Day");
/// assert_eq!(new_year.holiday().name(directives::Lang::Vi), "Tết Dương lịch");
/// assert_eq!(new_year.holiday().provenance().certainty(), Certainty::Verified);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
pub struct Holiday {
    id: String,
    name_vi: String,
    name_en: String,
    provenance: Provenance,
}

impl Holiday {
    /// The rule's id, such as `tet` or `national-day`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::HolidayRule;
    ///
    /// let rules = HolidayRule::vietnam();
    /// let tet = rules.iter().find(|r| r.holiday().id() == "tet").ok_or("missing")?;
    /// assert_eq!(tet.holiday().id(), "tet");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The name in `lang`, such as `Tết Nguyên đán` or `Lunar New Year (Tết)`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::calendar::HolidayRule;
    ///
    /// let rules = HolidayRule::vietnam();
    /// let tet = rules.iter().find(|r| r.holiday().id() == "tet").ok_or("missing")?;
    /// assert_eq!(tet.holiday().name(Lang::Vi), "Tết Nguyên đán");
    /// assert_eq!(tet.holiday().name(Lang::En), "Lunar New Year (Tết)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self, lang: crate::Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    /// Where the rule comes from: verified from a primary text (its citation, such as
    /// `Labour Code 2019 art. 112.1(a)`), corroborated by secondary sources (which), or an
    /// unverified assumption (and why).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::HolidayRule;
    /// use directives::provenance::Certainty;
    ///
    /// let rules = HolidayRule::vietnam();
    /// let labour = rules.iter().find(|r| r.holiday().id() == "labour-day").ok_or("missing")?;
    /// assert!(labour.holiday().provenance().citation().ok_or("no citation")?.contains("Labour Code 2019 art. 112.1(d)"));
    /// let culture = HolidayRule::vietnam_rule("culture-day").ok_or("missing")?;
    /// assert_eq!(culture.holiday().provenance().certainty(), Certainty::Corroborated);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }
}

/// Where a holiday falls in a year.
///
/// New ways of placing a holiday may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::{HolidayDate, HolidayRule};
/// use directives::provenance::Provenance;
///
/// let example = Provenance::unverified("an example rule")?;
/// let rule = |date| HolidayRule::builder("x").names("X", "X").provenance(example.clone()).date(date).build();
/// let victory = rule(HolidayDate::Solar { month: 4, day: 30 })?;
/// let hung = rule(HolidayDate::Lunar { month: 3, day: 10 })?;
/// let next_to = rule(HolidayDate::AdjacentToSolar { month: 9, day: 2 })?;
/// assert_eq!(victory.dates_in(2025)?, [NaiveDate::from_ymd_opt(2025, 4, 30).ok_or("bad date")?]);
/// assert_eq!(hung.dates_in(2025)?, [NaiveDate::from_ymd_opt(2025, 4, 7).ok_or("bad date")?]);
/// // Sep 2, 2024 is a Monday: the adjacent day is Tuesday Sep 3.
/// assert_eq!(next_to.dates_in(2024)?, [NaiveDate::from_ymd_opt(2024, 9, 3).ok_or("bad date")?]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum HolidayDate {
    /// A fixed day of the solar (Gregorian) year. February 29 occurs in leap years only.
    Solar {
        /// The month, 1–12.
        month: u8,
        /// The day of the month.
        day: u8,
    },
    /// A fixed day of the Vietnamese lunar year (never in a leap month). The day is 1–29,
    /// because not every lunar month has a 30th day.
    Lunar {
        /// The lunar month, 1–12.
        month: u8,
        /// The lunar day, 1–29.
        day: u8,
    },
    /// One day next to a solar date, as for the second National Day holiday (Labour Code
    /// 2019 art. 112.1(đ): "Sep 2 and one adjacent day before or after"). The Prime Minister
    /// fixes the day each year (art. 112.3); where no [`YearSchedule`](super::YearSchedule)
    /// does, the crate's default, drawn from the schedules of 2021–2026, is the day *after*
    /// when the date falls on a Monday, Thursday or Sunday, and the day *before* otherwise,
    /// so that the break joins a weekend where it can.
    AdjacentToSolar {
        /// The month, 1–12.
        month: u8,
        /// The day of the month.
        day: u8,
    },
}

/// A part of the holidays whose exact days the Prime Minister fixes each year (Labour Code
/// 2019 art. 112.3). A [`YearSchedule`](super::YearSchedule) that fixes a part replaces, for
/// its year, the default placement of every rule in that part.
///
/// New parts may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::calendar::{ScheduledPart, YearSchedule};
///
/// let s2025 = YearSchedule::vietnam(2025).ok_or("no preset")?;
/// assert_eq!(s2025.fixes(), [ScheduledPart::Tet, ScheduledPart::NationalDay]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ScheduledPart {
    /// The Tết break (art. 112.1(b)).
    Tet,
    /// The day next to National Day (art. 112.1(đ)).
    NationalDay,
}

/// A dated rule that makes one or more days a public holiday each year.
///
/// A rule has a [`HolidayDate`], a span (an offset in days from that date and a number of
/// days), the dates between which it is in force (an occurrence counts when its date,
/// before the offset, lies in `[effective_from, effective_until)`), and optionally the
/// [`ScheduledPart`] a yearly schedule may fix instead.
///
/// The statutory rules with their history are [`HolidayRule::vietnam`]; build your own (a
/// province's day off, a new law) with [`HolidayRule::builder`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::{HolidayDate, HolidayRule};
/// use directives::provenance::Provenance;
///
/// let rule = HolidayRule::builder("province-day")
///     .names("Ngày giải phóng tỉnh", "Province Liberation Day")
///     .provenance(Provenance::verified("Provincial People's Committee decision (example)")?)
///     .date(HolidayDate::Solar { month: 3, day: 24 })
///     .effective_from(NaiveDate::from_ymd_opt(2020, 1, 1).ok_or("bad date")?)
///     .build()?;
/// assert_eq!(rule.dates_in(2024)?, vec![NaiveDate::from_ymd_opt(2024, 3, 24).ok_or("bad date")?]);
/// assert!(rule.dates_in(2019)?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "wire::HolidayRuleWire", into = "wire::HolidayRuleWire")
)]
pub struct HolidayRule {
    holiday: Holiday,
    date: HolidayDate,
    // INVARIANT (span): 1 <= days <= 31 and -31 <= offset <= 31, checked in `build`.
    offset: i8,
    days: u8,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    part: Option<ScheduledPart>,
}

const NEW_YEAR_SOURCE: &str =
    "Labour Code 1994 art. 73; Labour Code 2012 art. 115.1; Labour Code 2019 art. 112.1(a)";

/// Where Vietnamese Culture Day comes from: no primary text was read, so its sources.
const CULTURE_DAY_SOURCES: [&str; 3] = [
    "Politburo Resolution 80-NQ/TW of 2026-01-07 chose Nov 24 as Vietnamese Culture Day, a day off with full pay, and asked for it to be enacted (Tuổi Trẻ, SGGP and Vietnam Law Magazine, 2026-01-13)",
    "Lao Động, 2026-04-20: the National Assembly (16th term, first session) debated the draft resolution on breakthrough mechanisms and policies for developing Vietnamese culture, which makes Nov 24 a day off with full pay",
    "independently maintained payroll, HR and calendar data sets cite National Assembly Resolution 28/2026/QH16, in force 2026-07-01, for Nov 24 as a day off with full pay (the resolution's text was not read)",
];

impl HolidayRule {
    /// Starts a rule with an id (used to remove or replace it in a
    /// [`WorkCalendarBuilder`](super::WorkCalendarBuilder)).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{HolidayDate, HolidayRule};
    /// use directives::provenance::Provenance;
    ///
    /// let rule = HolidayRule::builder("x")
    ///     .names("Ngày X", "Day X")
    ///     .provenance(Provenance::unverified("an example rule")?)
    ///     .date(HolidayDate::Lunar { month: 7, day: 15 })
    ///     .build()?;
    /// assert_eq!(rule.holiday().id(), "x");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn builder(id: impl Into<String>) -> HolidayRuleBuilder {
        HolidayRuleBuilder {
            id: id.into(),
            name_vi: String::new(),
            name_en: String::new(),
            provenance: None,
            date: None,
            offset: 0,
            days: 1,
            from: None,
            until: None,
            part: None,
        }
    }

    /// The statutory holidays of Vietnam with their history since 1990, as rules.
    ///
    /// | id | days | in force | provenance |
    /// |---|---|---|---|
    /// | `new-year` | Jan 1 | always | verified: Labour Code 1994 art. 73; 2012 art. 115.1; 2019 art. 112.1(a) |
    /// | `tet-4` | last day of the lunar year + lunar 1/1–1/3 | Tết before 2013-05-01 | *unverified* placement; four days by Labour Code 1994 art. 73 |
    /// | `tet` | last day of the lunar year + lunar 1/1–1/4 | Tết from 2013-05-01 | *unverified* placement; five days by Labour Code 2012 art. 115.1; 2019 art. 112.1(b), 112.3 |
    /// | `hung-kings` | lunar 3/10 | from 2007 | verified: Law 84/2007/QH11 of 2007-04-02 (amending Labour Code 1994 art. 73); 2012 art. 115.1; 2019 art. 112.1(e) |
    /// | `victory-day` | Apr 30 | always | verified: as `new-year`, 2019 art. 112.1(c) |
    /// | `labour-day` | May 1 | always | verified: as `new-year`, 2019 art. 112.1(d) |
    /// | `national-day` | Sep 2 | always | verified: as `new-year`, 2019 art. 112.1(đ) |
    /// | `national-day-adjacent` | Sep 1 or Sep 3 | from 2021 | *unverified* placement; one adjacent day by Labour Code 2019 art. 112.1(đ), 112.3 |
    /// | `culture-day` | Nov 24 | from 2026-07-01 | *corroborated*: National Assembly Resolution 28/2026/QH16, as reported |
    ///
    /// The Prime Minister fixes the days of Tết and the day next to National Day (art.
    /// 112.3); the placements above are the crate's defaults for years without a
    /// [`YearSchedule`](super::YearSchedule), which replaces them, so those three rules
    /// are *unverified*: the number of days is the law's, which days is an assumption.
    /// Years before 1995 (when the Labour Code 1994 came into force) use the 1994 rules;
    /// that is *unverified* too (see [`calendar::facts`](super::facts)).
    ///
    /// Hùng Kings' day has been a holiday since Law 84/2007/QH11 of 2007-04-02, which
    /// amended Labour Code 1994 art. 73 to read "Tết âm lịch: bốn ngày… Ngày Giỗ Tổ Hùng
    /// Vương: một ngày" (Tết: four days… Hùng Kings' day: one day); the four Tết days
    /// became five with the Labour Code 2012.
    ///
    /// **Vietnamese Culture Day** (`culture-day`), November 24, is a day off with full pay
    /// from 2026-07-01, the date National Assembly Resolution 28/2026/QH16 is reported to
    /// take effect, so the first one is Tue 2026-11-24. Politburo Resolution 80-NQ/TW
    /// (2026-01-07) chose the day and asked for it to be enacted; Government Resolution
    /// 30/NQ-CP (2026) first planned an amendment of Labour Code 2019 art. 112.1; the
    /// National Assembly debated a resolution on breakthrough mechanisms for developing
    /// Vietnamese culture that includes the day off (Lao Động, 2026-04-20), and
    /// independently maintained data sets cite it as Resolution 28/2026/QH16, in force
    /// 2026-07-01. The resolution's own text was not read, so the rule is *corroborated*,
    /// not verified. A proposal to swap Mon 2026-11-23 for Sat 2026-11-28 was reported,
    /// but no decision was found, so the 2026 schedule lists no swap (add one with
    /// [`YearSchedule::to_builder`](super::YearSchedule::to_builder) if it was decided). To
    /// follow the Labour Code alone, remove the rule with
    /// [`WorkCalendarBuilder::without_rule`](super::WorkCalendarBuilder::without_rule)`("culture-day")`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::HolidayRule;
    ///
    /// let rules = HolidayRule::vietnam();
    /// let hung = rules.iter().find(|r| r.holiday().id() == "hung-kings").ok_or("missing")?;
    /// assert_eq!(hung.dates_in(2024)?, vec![NaiveDate::from_ymd_opt(2024, 4, 18).ok_or("bad date")?]);
    /// assert!(hung.dates_in(2006)?.is_empty());
    /// assert_eq!(rules.len(), 9);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn vietnam() -> Vec<HolidayRule> {
        let lc2012 = NaiveDate::from_ymd_opt(2013, 5, 1);
        let lc2019 = NaiveDate::from_ymd_opt(2021, 1, 1);
        let y2007 = NaiveDate::from_ymd_opt(2007, 1, 1);
        // National Assembly Resolution 28/2026/QH16, as reported.
        let culture_day_from = NaiveDate::from_ymd_opt(2026, 7, 1);
        // Each preset is a constant; the unit tests check that none is dropped.
        [
            preset(
                "new-year",
                "Tết Dương lịch",
                "New Year's Day",
                Provenance::verified(NEW_YEAR_SOURCE).ok(),
                HolidayDate::Solar { month: 1, day: 1 },
            ),
            preset(
                "tet-4",
                "Tết Nguyên đán",
                "Lunar New Year (Tết)",
                Provenance::unverified(
                    "Labour Code 1994 art. 73 gives four days of Tết and the Prime Minister fixed which each year; \
                     without a yearly schedule the crate assumes the last day of the lunar year and the first three days of the new year",
                )
                .ok(),
                HolidayDate::Lunar { month: 1, day: 1 },
            )
            .map(|r| HolidayRule {
                offset: -1,
                days: 4,
                until: lc2012,
                part: Some(ScheduledPart::Tet),
                ..r
            }),
            preset(
                "tet",
                "Tết Nguyên đán",
                "Lunar New Year (Tết)",
                Provenance::unverified(
                    "Labour Code 2012 art. 115.1 and Labour Code 2019 art. 112.1(b) give five days of Tết and the Prime Minister fixes which each year (art. 112.3); \
                     without a yearly schedule the crate assumes the last day of the lunar year and the first four days of the new year",
                )
                .ok(),
                HolidayDate::Lunar { month: 1, day: 1 },
            )
            .map(|r| HolidayRule {
                offset: -1,
                days: 5,
                from: lc2012,
                part: Some(ScheduledPart::Tet),
                ..r
            }),
            preset(
                "hung-kings",
                "Giỗ Tổ Hùng Vương",
                "Hùng Kings' Commemoration Day",
                Provenance::verified(
                    "Law 84/2007/QH11 of 2007-04-02 amending Labour Code 1994 art. 73; Labour Code 2012 art. 115.1; Labour Code 2019 art. 112.1(e)",
                )
                .ok(),
                HolidayDate::Lunar { month: 3, day: 10 },
            )
            .map(|r| HolidayRule { from: y2007, ..r }),
            preset(
                "victory-day",
                "Ngày Chiến thắng",
                "Victory Day",
                Provenance::verified(
                    "Labour Code 1994 art. 73; Labour Code 2012 art. 115.1; Labour Code 2019 art. 112.1(c)",
                )
                .ok(),
                HolidayDate::Solar { month: 4, day: 30 },
            ),
            preset(
                "labour-day",
                "Ngày Quốc tế lao động",
                "International Labour Day",
                Provenance::verified(
                    "Labour Code 1994 art. 73; Labour Code 2012 art. 115.1; Labour Code 2019 art. 112.1(d)",
                )
                .ok(),
                HolidayDate::Solar { month: 5, day: 1 },
            ),
            preset(
                "national-day",
                "Quốc khánh",
                "National Day",
                Provenance::verified(
                    "Labour Code 1994 art. 73; Labour Code 2012 art. 115.1; Labour Code 2019 art. 112.1(đ)",
                )
                .ok(),
                HolidayDate::Solar { month: 9, day: 2 },
            ),
            preset(
                "national-day-adjacent",
                "Quốc khánh (ngày liền kề)",
                "National Day (adjacent day)",
                Provenance::unverified(
                    "Labour Code 2019 art. 112.1(đ) gives Sep 2 and one adjacent day, which the Prime Minister fixes each year (art. 112.3); \
                     without a yearly schedule the crate assumes the day after when Sep 2 is a Monday, Thursday or Sunday and the day before otherwise, the pattern of 2021–2026",
                )
                .ok(),
                HolidayDate::AdjacentToSolar { month: 9, day: 2 },
            )
            .map(|r| HolidayRule {
                from: lc2019,
                part: Some(ScheduledPart::NationalDay),
                ..r
            }),
            preset(
                "culture-day",
                "Ngày Văn hóa Việt Nam",
                "Vietnamese Culture Day",
                Provenance::corroborated(CULTURE_DAY_SOURCES).ok(),
                HolidayDate::Solar { month: 11, day: 24 },
            )
            .map(|r| HolidayRule {
                from: culture_day_from,
                ..r
            }),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// One of the rules of [`HolidayRule::vietnam`], by id (`tet`, `culture-day`, …).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::HolidayRule;
    ///
    /// let culture = HolidayRule::vietnam_rule("culture-day").ok_or("missing")?;
    /// assert_eq!(culture.holiday().name(directives::Lang::En), "Vietnamese Culture Day");
    /// assert!(HolidayRule::vietnam_rule("christmas").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn vietnam_rule(id: &str) -> Option<HolidayRule> {
        HolidayRule::vietnam()
            .into_iter()
            .find(|r| r.holiday.id == id)
    }

    /// The rule as a [`Fact`] of area [`FactArea::HolidayRule`]: its id, a statement of
    /// where and when it places its days, and its provenance.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::HolidayRule;
    /// use directives::provenance::FactArea;
    ///
    /// let fact = HolidayRule::vietnam_rule("culture-day").ok_or("missing")?.to_fact();
    /// assert_eq!(fact.area(), FactArea::HolidayRule);
    /// assert_eq!(fact.id(), "culture-day");
    /// assert_eq!(fact.statement(), "Vietnamese Culture Day (Ngày Văn hóa Việt Nam): solar 11-24, 1 day, from 2026-07-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_fact(&self) -> Fact {
        let date = match self.date {
            HolidayDate::Solar { month, day } => format!("solar {month:02}-{day:02}"),
            HolidayDate::Lunar { month, day } => format!("lunar {month:02}-{day:02}"),
            HolidayDate::AdjacentToSolar { month, day } => {
                format!("a day next to solar {month:02}-{day:02}")
            }
        };
        let mut statement = format!(
            "{} ({}): {date}, {} day{}",
            self.holiday.name_en,
            self.holiday.name_vi,
            self.days,
            if self.days == 1 { "" } else { "s" }
        );
        match self.offset {
            0 => {}
            1 => statement.push_str(" starting the day after"),
            -1 => statement.push_str(" starting the day before"),
            n if n > 0 => statement.push_str(&format!(" starting {n} days after")),
            n => statement.push_str(&format!(" starting {} days before", -i16::from(n))),
        }
        if let Some(from) = self.from {
            statement.push_str(&format!(", from {from}"));
        }
        if let Some(until) = self.until {
            statement.push_str(&format!(", until {until}"));
        }
        if let Some(part) = self.part {
            statement.push_str(match part {
                ScheduledPart::Tet => ", unless a yearly schedule fixes the Tết break",
                ScheduledPart::NationalDay => {
                    ", unless a yearly schedule fixes the National Day break"
                }
            });
        }
        Fact::new(
            FactArea::HolidayRule,
            self.holiday.id.clone(),
            statement,
            self.holiday.provenance.clone(),
        )
    }

    /// The holiday this rule makes.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::HolidayRule;
    ///
    /// let rules = HolidayRule::vietnam();
    /// let tet = rules.iter().find(|r| r.holiday().id() == "tet").ok_or("missing")?;
    /// assert_eq!(tet.holiday().name(directives::Lang::En), "Lunar New Year (Tết)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn holiday(&self) -> &Holiday {
        &self.holiday
    }

    /// Where the holiday falls.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{HolidayDate, HolidayRule};
    ///
    /// let rules = HolidayRule::vietnam();
    /// let tet = rules.iter().find(|r| r.holiday().id() == "tet").ok_or("missing")?;
    /// assert_eq!(tet.date(), HolidayDate::Lunar { month: 1, day: 1 });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> HolidayDate {
        self.date
    }

    /// The part of the holidays a yearly schedule may fix instead of this rule, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{HolidayRule, ScheduledPart};
    ///
    /// let rules = HolidayRule::vietnam();
    /// let tet = rules.iter().find(|r| r.holiday().id() == "tet").ok_or("missing")?;
    /// assert_eq!(tet.part(), Some(ScheduledPart::Tet));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn part(&self) -> Option<ScheduledPart> {
        self.part
    }

    /// The first date (inclusive) of the rule's occurrences, if limited.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::HolidayRule;
    ///
    /// let rules = HolidayRule::vietnam();
    /// let tet = rules.iter().find(|r| r.holiday().id() == "tet").ok_or("missing")?;
    /// assert_eq!(tet.effective_from(), Some(NaiveDate::from_ymd_opt(2013, 5, 1).ok_or("bad date")?));
    /// assert_eq!(tet.effective_until(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn effective_from(&self) -> Option<NaiveDate> {
        self.from
    }

    /// The date (exclusive) from which the rule no longer applies, if limited.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::HolidayRule;
    ///
    /// let rules = HolidayRule::vietnam();
    /// let tet4 = rules.iter().find(|r| r.holiday().id() == "tet-4").ok_or("missing")?;
    /// assert_eq!(tet4.effective_until(), Some(NaiveDate::from_ymd_opt(2013, 5, 1).ok_or("bad date")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn effective_until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// The days this rule makes holidays in the given year (by the year of the anchor date,
    /// before the span's offset), in its default placement.
    ///
    /// # Errors
    ///
    /// A lunar rule returns the lunar calendar's error when the year is outside the range
    /// it supports.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::HolidayRule;
    ///
    /// let rules = HolidayRule::vietnam();
    /// let tet = rules.iter().find(|r| r.holiday().id() == "tet").ok_or("missing")?;
    /// let days = tet.dates_in(2024)?;
    /// assert_eq!(days.len(), 5);
    /// assert_eq!(days[0], NaiveDate::from_ymd_opt(2024, 2, 9).ok_or("bad date")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dates_in(&self, year: i32) -> Result<Vec<NaiveDate>, CalendarError> {
        let Some(anchor) = self.anchor(year)? else {
            return Ok(Vec::new());
        };
        if self.from.is_some_and(|f| anchor < f) || self.until.is_some_and(|u| anchor >= u) {
            return Ok(Vec::new());
        }
        let first = if self.offset >= 0 {
            anchor.checked_add_days(Days::new(u64::from(self.offset.unsigned_abs())))
        } else {
            anchor.checked_sub_days(Days::new(u64::from(self.offset.unsigned_abs())))
        };
        let Some(first) = first else {
            return Ok(Vec::new());
        };
        Ok(first.iter_days().take(usize::from(self.days)).collect())
    }

    /// The date the rule hangs on in a year, before the offset; `None` when the year has no
    /// such day (February 29 in a common year).
    fn anchor(&self, year: i32) -> Result<Option<NaiveDate>, CalendarError> {
        match self.date {
            HolidayDate::Solar { month, day } => Ok(NaiveDate::from_ymd_opt(
                year,
                u32::from(month),
                u32::from(day),
            )),
            HolidayDate::Lunar { month, day } => {
                Ok(Some(LunarDate::new(year, month, day, false)?.to_solar()))
            }
            HolidayDate::AdjacentToSolar { month, day } => {
                let Some(date) = NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
                else {
                    return Ok(None);
                };
                Ok(match date.weekday() {
                    Weekday::Mon | Weekday::Thu | Weekday::Sun => date.succ_opt(),
                    Weekday::Tue | Weekday::Wed | Weekday::Fri | Weekday::Sat => date.pred_opt(),
                })
            }
        }
    }
}

/// A preset rule: one day, in force always. `None` when its provenance was refused (the
/// constants passed in are valid, and the unit tests check that no preset is dropped).
fn preset(
    id: &str,
    vi: &str,
    en: &str,
    provenance: Option<Provenance>,
    date: HolidayDate,
) -> Option<HolidayRule> {
    Some(HolidayRule {
        holiday: Holiday {
            id: id.to_owned(),
            name_vi: vi.to_owned(),
            name_en: en.to_owned(),
            provenance: provenance?,
        },
        date,
        offset: 0,
        days: 1,
        from: None,
        until: None,
        part: None,
    })
}

/// A builder for a [`HolidayRule`]; [`build`](HolidayRuleBuilder::build) validates.
///
/// # Example
///
/// ```
/// use directives::calendar::{HolidayDate, HolidayRule};
/// use directives::provenance::Provenance;
///
/// // A three-day festival starting the day before lunar 8/15.
/// let rule = HolidayRule::builder("festival")
///     .names("Lễ hội", "Festival")
///     .provenance(Provenance::unverified("an example rule")?)
///     .date(HolidayDate::Lunar { month: 8, day: 15 })
///     .span(-1, 3)
///     .build()?;
/// assert_eq!(rule.dates_in(2024)?.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct HolidayRuleBuilder {
    id: String,
    name_vi: String,
    name_en: String,
    provenance: Option<Provenance>,
    date: Option<HolidayDate>,
    offset: i8,
    days: u8,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    part: Option<ScheduledPart>,
}

impl HolidayRuleBuilder {
    /// Sets the Vietnamese and English names (both required).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{HolidayDate, HolidayRule};
    /// use directives::provenance::Provenance;
    ///
    /// let example = Provenance::unverified("an example rule")?;
    /// let base = || HolidayRule::builder("x").names("Ngày X", "Day X").provenance(example.clone());
    /// let rule = base().date(HolidayDate::Solar { month: 5, day: 19 }).build()?;
    /// assert_eq!(rule.holiday().name(directives::Lang::Vi), "Ngày X");
    /// assert_eq!(rule.holiday().name(directives::Lang::En), "Day X");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn names(mut self, vi: impl Into<String>, en: impl Into<String>) -> Self {
        self.name_vi = vi.into();
        self.name_en = en.into();
        self
    }

    /// Sets where the rule comes from (required): the provision it rests on and how sure
    /// it is ([`Provenance::verified`], [`Provenance::corroborated`] or
    /// [`Provenance::unverified`]).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{HolidayDate, HolidayRule};
    /// use directives::provenance::{Certainty, Provenance};
    ///
    /// let rule = HolidayRule::builder("province-day")
    ///     .names("Ngày giải phóng tỉnh", "Province Liberation Day")
    ///     .provenance(Provenance::verified("Decision 12/QĐ-UBND (example)")?)
    ///     .date(HolidayDate::Solar { month: 3, day: 24 })
    ///     .build()?;
    /// assert_eq!(rule.holiday().provenance().citation(), Some("Decision 12/QĐ-UBND (example)"));
    /// let guess = HolidayRule::builder("x")
    ///     .names("Ngày X", "Day X")
    ///     .provenance(Provenance::unverified("announced orally; no text seen")?)
    ///     .date(HolidayDate::Solar { month: 5, day: 19 })
    ///     .build()?;
    /// assert_eq!(guess.holiday().provenance().certainty(), Certainty::Unverified);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provenance(mut self, provenance: Provenance) -> Self {
        self.provenance = Some(provenance);
        self
    }

    /// Sets where the holiday falls (required).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{HolidayDate, HolidayRule};
    /// use directives::provenance::Provenance;
    ///
    /// let example = Provenance::unverified("an example rule")?;
    /// let base = || HolidayRule::builder("x").names("Ngày X", "Day X").provenance(example.clone());
    /// let rule = base().date(HolidayDate::Lunar { month: 8, day: 15 }).build()?;
    /// assert_eq!(rule.date(), HolidayDate::Lunar { month: 8, day: 15 });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(mut self, date: HolidayDate) -> Self {
        self.date = Some(date);
        self
    }

    /// Sets the span: the first day is `offset` days from the date (negative: before), and
    /// the holiday lasts `days` days. The default is `(0, 1)`. The offset must be within
    /// ±31 and the length 1–31.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{HolidayDate, HolidayRule};
    /// use directives::provenance::Provenance;
    ///
    /// let example = Provenance::unverified("an example rule")?;
    /// let base = || HolidayRule::builder("x").names("Ngày X", "Day X").provenance(example.clone());
    /// let rule = base().date(HolidayDate::Solar { month: 5, day: 19 }).span(-1, 2).build()?;
    /// assert_eq!(rule.dates_in(2027)?, [NaiveDate::from_ymd_opt(2027, 5, 18).ok_or("bad date")?, NaiveDate::from_ymd_opt(2027, 5, 19).ok_or("bad date")?]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn span(mut self, offset: i8, days: u8) -> Self {
        self.offset = offset;
        self.days = days;
        self
    }

    /// Applies the rule to occurrences on or after this date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{HolidayDate, HolidayRule};
    /// use directives::provenance::Provenance;
    ///
    /// let example = Provenance::unverified("an example rule")?;
    /// let base = || HolidayRule::builder("x").names("Ngày X", "Day X").provenance(example.clone());
    /// let from = NaiveDate::from_ymd_opt(2027, 1, 1).ok_or("bad date")?;
    /// let rule = base().date(HolidayDate::Solar { month: 5, day: 19 }).effective_from(from).build()?;
    /// assert!(rule.dates_in(2026)?.is_empty());
    /// assert_eq!(rule.dates_in(2027)?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn effective_from(mut self, date: NaiveDate) -> Self {
        self.from = Some(date);
        self
    }

    /// Applies the rule to occurrences before this date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::{HolidayDate, HolidayRule};
    /// use directives::provenance::Provenance;
    ///
    /// let example = Provenance::unverified("an example rule")?;
    /// let base = || HolidayRule::builder("x").names("Ngày X", "Day X").provenance(example.clone());
    /// let until = NaiveDate::from_ymd_opt(2027, 1, 1).ok_or("bad date")?;
    /// let rule = base().date(HolidayDate::Solar { month: 5, day: 19 }).effective_until(until).build()?;
    /// assert_eq!(rule.dates_in(2026)?.len(), 1);
    /// assert!(rule.dates_in(2027)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn effective_until(mut self, date: NaiveDate) -> Self {
        self.until = Some(date);
        self
    }

    /// Lets a yearly schedule that fixes `part` replace this rule in its year.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{HolidayDate, HolidayRule, ScheduledPart};
    /// use directives::provenance::Provenance;
    ///
    /// let example = Provenance::unverified("an example rule")?;
    /// let base = || HolidayRule::builder("x").names("Ngày X", "Day X").provenance(example.clone());
    /// let rule = base().date(HolidayDate::Solar { month: 9, day: 3 }).part(ScheduledPart::NationalDay).build()?;
    /// assert_eq!(rule.part(), Some(ScheduledPart::NationalDay));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn part(mut self, part: ScheduledPart) -> Self {
        self.part = Some(part);
        self
    }

    /// Validates and returns the rule.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::InvalidSolarDay`] for a solar day no year has (Feb 30);
    /// - [`CalendarError::InvalidLunarDay`] for a lunar month outside 1–12 or day outside
    ///   1–29;
    /// - [`CalendarError::InvalidHolidayRule`] for a missing name, provenance or date, a
    ///   span out of bounds, or `effective_from` not before `effective_until`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::calendar::{CalendarError, HolidayDate, HolidayRule};
    /// use directives::provenance::Provenance;
    ///
    /// let err = HolidayRule::builder("x")
    ///     .names("X", "X")
    ///     .provenance(Provenance::unverified("an example rule")?)
    ///     .date(HolidayDate::Solar { month: 2, day: 30 })
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err, CalendarError::InvalidSolarDay { month: 2, day: 30 });
    /// let err = HolidayRule::builder("x")
    ///     .names("X", "X")
    ///     .date(HolidayDate::Solar { month: 2, day: 3 })
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.to_string(), "invalid holiday rule `x`: the provenance is missing");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<HolidayRule, CalendarError> {
        let invalid = |reason: &str| CalendarError::InvalidHolidayRule {
            id: self.id.clone(),
            reason: reason.to_owned(),
        };
        if self.id.trim().is_empty() {
            return Err(invalid("the id is empty"));
        }
        if self.name_vi.trim().is_empty() || self.name_en.trim().is_empty() {
            return Err(invalid("a name is missing"));
        }
        let Some(provenance) = self.provenance.clone() else {
            return Err(invalid("the provenance is missing"));
        };
        let Some(date) = self.date else {
            return Err(invalid("the date is missing"));
        };
        match date {
            HolidayDate::Solar { month, day } | HolidayDate::AdjacentToSolar { month, day } => {
                // 2000 is a leap year, so February 29 is accepted.
                if NaiveDate::from_ymd_opt(2000, u32::from(month), u32::from(day)).is_none() {
                    return Err(CalendarError::InvalidSolarDay { month, day });
                }
            }
            HolidayDate::Lunar { month, day } => {
                if !(1..=12).contains(&month) || !(1..=29).contains(&day) {
                    return Err(CalendarError::InvalidLunarDay { month, day });
                }
            }
        }
        // INVARIANT (span): checked here.
        if !(-31..=31).contains(&self.offset) || !(1..=31).contains(&self.days) {
            return Err(invalid(
                "the span must have an offset within 31 days and 1 to 31 days",
            ));
        }
        if let (Some(from), Some(until)) = (self.from, self.until)
            && from >= until
        {
            return Err(invalid(
                "`effective_from` must come before `effective_until`",
            ));
        }
        Ok(HolidayRule {
            holiday: Holiday {
                id: self.id,
                name_vi: self.name_vi,
                name_en: self.name_en,
                provenance,
            },
            date,
            offset: self.offset,
            days: self.days,
            from: self.from,
            until: self.until,
            part: self.part,
        })
    }
}

#[cfg(feature = "serde")]
mod wire {
    use chrono::NaiveDate;

    use super::{HolidayDate, HolidayRule, ScheduledPart};
    use crate::calendar::CalendarError;
    use crate::provenance::Provenance;

    /// The data form of a rule: flat, validated through [`HolidayRule::builder`].
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "snake_case")]
    pub(super) struct HolidayRuleWire {
        id: String,
        name_vi: String,
        name_en: String,
        provenance: Provenance,
        date: HolidayDate,
        #[serde(default)]
        offset: i8,
        #[serde(default = "one")]
        days: u8,
        #[serde(default)]
        effective_from: Option<NaiveDate>,
        #[serde(default)]
        effective_until: Option<NaiveDate>,
        #[serde(default)]
        part: Option<ScheduledPart>,
    }

    fn one() -> u8 {
        1
    }

    impl TryFrom<HolidayRuleWire> for HolidayRule {
        type Error = CalendarError;

        fn try_from(w: HolidayRuleWire) -> Result<Self, Self::Error> {
            let mut b = HolidayRule::builder(w.id)
                .names(w.name_vi, w.name_en)
                .provenance(w.provenance)
                .date(w.date)
                .span(w.offset, w.days);
            if let Some(from) = w.effective_from {
                b = b.effective_from(from);
            }
            if let Some(until) = w.effective_until {
                b = b.effective_until(until);
            }
            if let Some(part) = w.part {
                b = b.part(part);
            }
            b.build()
        }
    }

    impl From<HolidayRule> for HolidayRuleWire {
        fn from(r: HolidayRule) -> Self {
            HolidayRuleWire {
                id: r.holiday.id,
                name_vi: r.holiday.name_vi,
                name_en: r.holiday.name_en,
                provenance: r.holiday.provenance,
                date: r.date,
                offset: r.offset,
                days: r.days,
                effective_from: r.from,
                effective_until: r.until,
                part: r.part,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rule(id: &str) -> HolidayRule {
        HolidayRule::vietnam()
            .into_iter()
            .find(|r| r.holiday().id() == id)
            .unwrap()
    }

    #[test]
    fn tet_history() {
        // 4 days before 2013-05-01, 5 from then.
        assert_eq!(rule("tet-4").dates_in(2013).unwrap().len(), 4);
        assert!(rule("tet").dates_in(2013).unwrap().is_empty());
        assert_eq!(rule("tet").dates_in(2014).unwrap().len(), 5);
        assert!(rule("tet-4").dates_in(2014).unwrap().is_empty());
        // 2026: Tết on Feb 17, default placement Feb 16–20.
        assert_eq!(
            rule("tet").dates_in(2026).unwrap(),
            vec![
                d(2026, 2, 16),
                d(2026, 2, 17),
                d(2026, 2, 18),
                d(2026, 2, 19),
                d(2026, 2, 20)
            ]
        );
    }

    #[test]
    fn national_day_adjacent_default() {
        let r = rule("national-day-adjacent");
        assert!(r.dates_in(2020).unwrap().is_empty());
        // Practice 2021–2026.
        assert_eq!(r.dates_in(2021).unwrap(), vec![d(2021, 9, 3)]);
        assert_eq!(r.dates_in(2022).unwrap(), vec![d(2022, 9, 1)]);
        assert_eq!(r.dates_in(2023).unwrap(), vec![d(2023, 9, 1)]);
        assert_eq!(r.dates_in(2024).unwrap(), vec![d(2024, 9, 3)]);
        assert_eq!(r.dates_in(2025).unwrap(), vec![d(2025, 9, 1)]);
        assert_eq!(r.dates_in(2026).unwrap(), vec![d(2026, 9, 1)]);
    }

    #[test]
    fn no_preset_is_dropped_and_each_cites_its_law() {
        let ids: Vec<String> = HolidayRule::vietnam()
            .iter()
            .map(|r| r.holiday().id().to_owned())
            .collect();
        assert_eq!(
            ids,
            [
                "new-year",
                "tet-4",
                "tet",
                "hung-kings",
                "victory-day",
                "labour-day",
                "national-day",
                "national-day-adjacent",
                "culture-day"
            ]
        );
        for r in HolidayRule::vietnam() {
            let p = r.holiday().provenance();
            let text = p
                .citation()
                .or(p.assumption())
                .map(str::to_owned)
                .unwrap_or_else(|| p.sources().join("; "));
            let cited = ["Labour Code", "Resolution 28/2026/QH16"];
            assert!(
                cited.iter().any(|c| text.contains(c)),
                "{}: {text}",
                r.holiday().id()
            );
        }
        assert!(
            rule("new-year")
                .holiday()
                .provenance()
                .citation()
                .unwrap()
                .contains("Labour Code 1994 art. 73")
        );
    }

    #[test]
    fn facts_state_the_span_and_the_dates_in_force() {
        let p = Provenance::unverified("s").unwrap();
        let rule = |offset, days| {
            HolidayRule::builder("x")
                .names("Ngày X", "Day X")
                .provenance(p.clone())
                .date(HolidayDate::Lunar { month: 8, day: 15 })
                .span(offset, days)
                .effective_until(d(2030, 1, 1))
                .build()
                .unwrap()
                .to_fact()
                .statement()
                .to_owned()
        };
        assert_eq!(
            rule(-2, 3),
            "Day X (Ngày X): lunar 08-15, 3 days starting 2 days before, until 2030-01-01"
        );
        assert_eq!(
            rule(1, 1),
            "Day X (Ngày X): lunar 08-15, 1 day starting the day after, until 2030-01-01"
        );
        assert_eq!(
            rule(3, 2),
            "Day X (Ngày X): lunar 08-15, 2 days starting 3 days after, until 2030-01-01"
        );
        assert_eq!(
            rule(0, 1),
            "Day X (Ngày X): lunar 08-15, 1 day, until 2030-01-01"
        );
        let adjacent = super::HolidayRule::vietnam_rule("national-day-adjacent")
            .unwrap()
            .to_fact();
        assert_eq!(
            adjacent.statement(),
            "National Day (adjacent day) (Quốc khánh (ngày liền kề)): a day next to solar 09-02, 1 day, from 2021-01-01, unless a yearly schedule fixes the National Day break"
        );
    }

    #[test]
    fn builder_errors() {
        let base = || {
            HolidayRule::builder("x")
                .names("a", "b")
                .provenance(Provenance::unverified("s").unwrap())
        };
        assert_eq!(
            base()
                .date(HolidayDate::Lunar { month: 13, day: 1 })
                .build()
                .unwrap_err(),
            CalendarError::InvalidLunarDay { month: 13, day: 1 }
        );
        assert_eq!(
            base().build().unwrap_err().to_string(),
            "invalid holiday rule `x`: the date is missing"
        );
        assert_eq!(
            base()
                .date(HolidayDate::Solar { month: 1, day: 1 })
                .span(0, 0)
                .build()
                .unwrap_err()
                .to_string(),
            "invalid holiday rule `x`: the span must have an offset within 31 days and 1 to 31 days"
        );
        let leap = base()
            .date(HolidayDate::Solar { month: 2, day: 29 })
            .build()
            .unwrap();
        assert!(leap.dates_in(2023).unwrap().is_empty());
        assert_eq!(leap.dates_in(2024).unwrap(), vec![d(2024, 2, 29)]);
    }
}
