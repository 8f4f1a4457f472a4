//! Judging criteria on an evaluation: groups, measures, verdicts and witnesses.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::CriteriaError;
use super::model::{Criteria, Criterion, GroupBy, Measure, Requirement, Trend, grade_rank, number};
use crate::Lang;
use crate::calendar::TermUnit;
use crate::compliance::{Evaluation, Grade, Status, StatusCounts};
use crate::directive::Severity;
use crate::obligation::{ObligationId, ObligationKey, Obligations};
use crate::org::{BodyId, BodyKind, Level, Registry};
use crate::period::Period;
use crate::provenance::Certainty;

/// The verdict of a criterion, or of one group.
///
/// # Example
///
/// ```
/// use directives::criteria::Verdict;
///
/// assert_eq!(Verdict::NotApplicable.as_str(), "not_applicable");
/// assert!(Verdict::Violated > Verdict::Indeterminate);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Verdict {
    /// Nothing to judge: nothing due, or the criterion is not in force.
    NotApplicable,
    /// Every group judged satisfies the requirement.
    Satisfied,
    /// Some group's value cannot be known yet or at all.
    Indeterminate,
    /// Some group breaks the requirement.
    Violated,
}

impl Verdict {
    /// The snake_case name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::criteria::Verdict::Violated.as_str(), "violated");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::NotApplicable => "not_applicable",
            Verdict::Satisfied => "satisfied",
            Verdict::Indeterminate => "indeterminate",
            Verdict::Violated => "violated",
        }
    }

    /// The label for people.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::{Lang, criteria::Verdict};
    ///
    /// assert_eq!(Verdict::Satisfied.label(Lang::Vi), "đạt");
    /// ```
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        match self {
            Verdict::NotApplicable => lang.pick("không áp dụng", "not applicable"),
            Verdict::Satisfied => lang.pick("đạt", "satisfied"),
            Verdict::Indeterminate => lang.pick("chưa xác định", "indeterminate"),
            Verdict::Violated => lang.pick("vi phạm", "violated"),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How many groups got each verdict.
///
/// # Example
///
/// ```
/// use directives::criteria::{GroupCounts, Verdict};
///
/// let counts = GroupCounts::default();
/// assert_eq!(counts.get(Verdict::Violated), 0);
/// assert_eq!(counts.total(), 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct GroupCounts {
    satisfied: u64,
    violated: u64,
    not_applicable: u64,
    indeterminate: u64,
}

impl GroupCounts {
    /// The number of groups with this verdict.
    ///
    /// # Example
    ///
    /// See [`GroupCounts`].
    ///
    /// ```
    /// assert_eq!(directives::criteria::GroupCounts::default().get(directives::criteria::Verdict::Satisfied), 0);
    /// ```
    #[must_use]
    pub fn get(&self, verdict: Verdict) -> u64 {
        match verdict {
            Verdict::Satisfied => self.satisfied,
            Verdict::Violated => self.violated,
            Verdict::NotApplicable => self.not_applicable,
            Verdict::Indeterminate => self.indeterminate,
        }
    }

    /// The number of groups.
    ///
    /// # Example
    ///
    /// See [`GroupCounts`].
    ///
    /// ```
    /// assert_eq!(directives::criteria::GroupCounts::default().total(), 0);
    /// ```
    #[must_use]
    pub fn total(&self) -> u64 {
        self.satisfied + self.violated + self.not_applicable + self.indeterminate
    }

    fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Satisfied => self.satisfied += 1,
            Verdict::Violated => self.violated += 1,
            Verdict::NotApplicable => self.not_applicable += 1,
            Verdict::Indeterminate => self.indeterminate += 1,
        }
    }

    /// Counts of satisfied, violated, not applicable and indeterminate groups.
    #[cfg(feature = "serde")]
    pub(crate) fn of(
        [satisfied, violated, not_applicable, indeterminate]: [u64; 4],
    ) -> GroupCounts {
        GroupCounts {
            satisfied,
            violated,
            not_applicable,
            indeterminate,
        }
    }

    /// The criterion's verdict from its groups': violated, then indeterminate, then
    /// satisfied, then not applicable.
    pub(crate) fn verdict(&self) -> Verdict {
        if self.violated > 0 {
            Verdict::Violated
        } else if self.indeterminate > 0 {
            Verdict::Indeterminate
        } else if self.satisfied > 0 {
            Verdict::Satisfied
        } else {
            Verdict::NotApplicable
        }
    }
}

/// The key of a group: a value per grouping key, as text people read (body codes,
/// level and kind names, directive keys `1470-CV/TU@2024-02-22`, tasks
/// `1470-CV/TU@2024-02-22/10`, periods `2024-Q3`). Empty when the criterion does not
/// group. For a trend, the key of a series leaves out the time key.
///
/// # Example
///
/// ```
/// use directives::criteria::{GroupBy, GroupKey};
///
/// let key = GroupKey::new([(GroupBy::Holder, "TH-HU-NGA-SON"), (GroupBy::Year, "2024")]);
/// assert_eq!(key.to_string(), "holder=TH-HU-NGA-SON, year=2024");
/// assert_eq!(key.get(GroupBy::Year), Some("2024"));
/// assert_eq!(GroupKey::default().to_string(), "all");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupKey {
    parts: Vec<(GroupBy, String)>,
}

impl GroupKey {
    /// A key from its parts.
    ///
    /// # Example
    ///
    /// See [`GroupKey`].
    ///
    /// ```
    /// use directives::criteria::{GroupBy, GroupKey};
    /// assert_eq!(GroupKey::new([(GroupBy::Level, "district")]).parts().len(), 1);
    /// ```
    pub fn new<S: Into<String>>(parts: impl IntoIterator<Item = (GroupBy, S)>) -> GroupKey {
        GroupKey {
            parts: parts.into_iter().map(|(k, v)| (k, v.into())).collect(),
        }
    }

    /// The parts, in the criterion's order of keys.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::GroupKey::default().parts().is_empty());
    /// ```
    #[must_use]
    pub fn parts(&self) -> &[(GroupBy, String)] {
        &self.parts
    }

    /// The value of one key.
    ///
    /// # Example
    ///
    /// See [`GroupKey`].
    ///
    /// ```
    /// use directives::criteria::{GroupBy, GroupKey};
    /// assert_eq!(GroupKey::default().get(GroupBy::Holder), None);
    /// ```
    #[must_use]
    pub fn get(&self, key: GroupBy) -> Option<&str> {
        self.parts
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Display for GroupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.parts.is_empty() {
            return f.write_str("all");
        }
        for (i, (key, value)) in self.parts.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{key}={value}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for GroupKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.parts.len()))?;
        for (key, value) in &self.parts {
            map.serialize_entry(key.as_str(), value)?;
        }
        map.end()
    }
}

/// A group key reads back from its map, in the order written. (A TOML table comes back
/// sorted by key; a [`CriterionResult`] puts its keys back in the order of its grouping.)
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for GroupKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = GroupKey;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of grouping keys and their values")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<GroupKey, A::Error> {
                use serde::de::Error as _;
                let mut parts: Vec<(GroupBy, String)> = Vec::new();
                while let Some((by, value)) = map.next_entry::<GroupBy, String>()? {
                    if parts.iter().any(|(k, _)| *k == by) {
                        return Err(A::Error::custom(format_args!(
                            "grouping key `{by}` given twice"
                        )));
                    }
                    parts.push((by, value));
                }
                Ok(GroupKey { parts })
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A measured value, with what it was computed from: the numerator and the denominator
/// (for a rate, the obligations counted and those due; see [`Measure`] for each), and
/// the grade for the grade measure.
///
/// # Example
///
/// See the [module documentation](super).
///
/// ```
/// use directives::criteria::Measured;
///
/// let m = Measured::default();
/// assert_eq!((m.value(), m.numerator(), m.denominator(), m.grade()), (0.0, 0.0, 0, None));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Measured {
    value: f64,
    numerator: f64,
    denominator: u64,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    grade: Option<Grade>,
}

impl Measured {
    /// The value compared with the requirement (a grade's rank for a grade: not completed
    /// 0 … excellent 3).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::criteria::Measured::default().value(), 0.0);
    /// ```
    #[must_use]
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The numerator.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::criteria::Measured::default().numerator(), 0.0);
    /// ```
    #[must_use]
    pub fn numerator(&self) -> f64 {
        self.numerator
    }

    /// The denominator.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::criteria::Measured::default().denominator(), 0);
    /// ```
    #[must_use]
    pub fn denominator(&self) -> u64 {
        self.denominator
    }

    /// The grade, for the grade measure.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::criteria::Measured::default().grade(), None);
    /// ```
    #[must_use]
    pub fn grade(&self) -> Option<Grade> {
        self.grade
    }

    /// The value in words, with what it was computed from, for a measure by name.
    pub(crate) fn label(&self, lang: Lang, measure: &str) -> String {
        let (value, numerator, denominator) =
            (number(self.value), number(self.numerator), self.denominator);
        match (measure, self.grade) {
            (_, Some(g)) => match lang {
                Lang::Vi => format!(
                    "{} (chỉ số {numerator}, {denominator} đến hạn)",
                    g.label(Lang::Vi)
                ),
                Lang::En => format!(
                    "{} (index {numerator}, {denominator} due)",
                    g.label(Lang::En)
                ),
            },
            ("count" | "reports" | "overdue_count", _) => match lang {
                Lang::Vi => format!("{value} ({denominator} đến hạn)"),
                Lang::En => format!("{value} ({denominator} due)"),
            },
            ("max_overdue_age", _) => match lang {
                Lang::Vi => format!("{value} ({denominator} quá hạn)"),
                Lang::En => format!("{value} ({denominator} overdue)"),
            },
            _ => format!("{value} ({numerator}/{denominator})"),
        }
    }
}

/// One window of a trend: the window, its value (none when nothing was due in it) and
/// whether it was settled at the as-of date.
///
/// # Example
///
/// ```
/// # use chrono::NaiveDate;
/// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
/// # use directives::criteria::*;
/// # use directives::obligation::{Obligation, ObligationId, Obligations};
/// # use directives::org::{Body, BodyKind, Level, Registry};
/// # let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// # let registry = Registry::builder().body(Body::new("SYT".parse()?, "Sở Y tế", BodyKind::DepartmentOrAgency, Level::Province, d(2000, 1, 1)?)).build()?;
/// # let mut obligations = Obligations::new();
/// # for m in 1..=4 { obligations.push(Obligation::new(format!("05/CT-UBND@2025-01-02/1.1/SYT/2025-{m:02}").parse()?, d(2025, m + 1, 20)?))?; }
/// # let mut events = Events::new();
/// # events.push_submission(ObligationId::from_index(0), d(2025, 2, 15)?)?;
/// # let policy = EvaluationPolicy::without_calendar();
/// # let evaluation = evaluate(&obligations, &events, d(2025, 5, 1)?, &policy)?;
/// # let criterion = |measure, require| Criterion::builder("c").title("c", "c").provision("Decree 09/2019/NĐ-CP art. 8.5").group_by([GroupBy::Holder]).measure(measure).require(require).build();
/// let trend = Criterion::builder("t").title("t", "t").provision("p").group_by([GroupBy::Holder, GroupBy::Period])
///     .measure(Measure::OnTimeRate).require(Requirement::Trend { trend: Trend::NonDecreasing, include_unsettled: false }).build()?;
/// let assessment = Criteria::new(vec![trend])?.assess(&evaluation, &registry)?;
/// let violation = &assessment.results()[0].violations()[0];
/// assert_eq!(violation.at().map(|p| p.to_string()).as_deref(), Some("2025-02"));
/// let points = violation.trend();
/// assert_eq!(points.len(), 4);
/// assert_eq!(points[0].at().to_string(), "2025-01");
/// assert_eq!(points[0].measured().map(|m| m.value()), Some(1.0));
/// assert!(points[2].settled() && !points[3].settled());
/// assert_eq!(assessment.results()[0].unsettled().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct TrendPoint {
    at: Period,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    measured: Option<Measured>,
    settled: bool,
}

impl TrendPoint {
    /// The window.
    ///
    /// # Example
    ///
    /// See [`TrendPoint`].
    #[must_use]
    pub fn at(&self) -> Period {
        self.at
    }

    /// The value, when something was due.
    ///
    /// # Example
    ///
    /// See [`TrendPoint`].
    #[must_use]
    pub fn measured(&self) -> Option<&Measured> {
        self.measured.as_ref()
    }

    /// Whether the window was settled at the as-of date.
    ///
    /// # Example
    ///
    /// See [`TrendPoint`].
    #[must_use]
    pub fn settled(&self) -> bool {
        self.settled
    }
}

/// A group that breaks its criterion: its key, the value measured, the obligations
/// behind it (the first [`Criteria::witnesses`] by reference, in store order, and how
/// many there are), and for a trend the windows compared and the one where it broke.
///
/// The witnesses are the obligations that pull the value the wrong way: for a value too
/// low, the due obligations the numerator leaves out (for the on-time rate, those done
/// late or overdue); for a value too high, those it counts (for the overdue count, the
/// overdue ones; for the largest overdue age, those past the threshold).
///
/// # Example
///
/// See the [module documentation](super).
///
/// ```
/// # use chrono::NaiveDate;
/// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
/// # use directives::criteria::*;
/// # use directives::obligation::{Obligation, ObligationId, Obligations};
/// # use directives::org::{Body, BodyKind, Level, Registry};
/// # let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// # let registry = Registry::builder().body(Body::new("SYT".parse()?, "Sở Y tế", BodyKind::DepartmentOrAgency, Level::Province, d(2000, 1, 1)?)).build()?;
/// # let mut obligations = Obligations::new();
/// # for m in 1..=4 { obligations.push(Obligation::new(format!("05/CT-UBND@2025-01-02/1.1/SYT/2025-{m:02}").parse()?, d(2025, m + 1, 20)?))?; }
/// # let mut events = Events::new();
/// # events.push_submission(ObligationId::from_index(0), d(2025, 2, 15)?)?;
/// # let policy = EvaluationPolicy::without_calendar();
/// # let evaluation = evaluate(&obligations, &events, d(2025, 5, 1)?, &policy)?;
/// # let criterion = |measure, require| Criterion::builder("c").title("c", "c").provision("Decree 09/2019/NĐ-CP art. 8.5").group_by([GroupBy::Holder]).measure(measure).require(require).build();
/// let criteria = Criteria::new(vec![criterion(Measure::OnTimeRate, Requirement::AtLeast(Threshold::Number(0.8)))?])?.with_witnesses(1);
/// let assessment = criteria.assess(&evaluation, &registry)?;
/// let v = &assessment.results()[0].violations()[0];
/// assert_eq!(v.key().get(GroupBy::Holder), Some("SYT"));
/// assert_eq!(v.measured().denominator(), 3);
/// assert_eq!(v.witnesses()[0].to_string(), "05/CT-UBND@2025-01-02/1.1/SYT/2025-02");
/// assert_eq!(v.witness_count(), 2);
/// assert!(v.at().is_none() && v.trend().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Violation {
    key: GroupKey,
    measured: Measured,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    at: Option<Period>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    trend: Vec<TrendPoint>,
    witnesses: Vec<ObligationKey>,
    witness_count: u64,
}

impl Violation {
    /// The group's key.
    ///
    /// # Example
    ///
    /// See the [module documentation](super).
    #[must_use]
    pub fn key(&self) -> &GroupKey {
        &self.key
    }

    /// The value measured (for a trend, in the window where it broke).
    ///
    /// # Example
    ///
    /// See the [module documentation](super).
    #[must_use]
    pub fn measured(&self) -> &Measured {
        &self.measured
    }

    /// For a trend, the window where it broke.
    ///
    /// # Example
    ///
    /// See [`Violation`].
    #[must_use]
    pub fn at(&self) -> Option<Period> {
        self.at
    }

    /// For a trend, the windows of the series in order.
    ///
    /// # Example
    ///
    /// See [`Violation`].
    #[must_use]
    pub fn trend(&self) -> &[TrendPoint] {
        &self.trend
    }

    /// The first obligations behind the violation, by reference.
    ///
    /// # Example
    ///
    /// See the [module documentation](super).
    #[must_use]
    pub fn witnesses(&self) -> &[ObligationKey] {
        &self.witnesses
    }

    /// How many obligations are behind the violation.
    ///
    /// # Example
    ///
    /// See the [module documentation](super).
    #[must_use]
    pub fn witness_count(&self) -> u64 {
        self.witness_count
    }
}

/// Why a group's verdict is indeterminate.
///
/// New reasons may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::Lang;
/// use directives::criteria::Undecided;
///
/// assert_eq!(Undecided::NoCalendar.sentence(Lang::En), "working days need a calendar in the evaluation policy");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "reason", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Undecided {
    /// Working days were asked for and the evaluation has no calendar.
    NoCalendar,
    /// A score or grade with no single assessment year for the group.
    NoAssessmentYear,
    /// A score or grade under a policy that does not govern the group's year.
    PolicyNotInForce {
        /// The policy's name in the criterion.
        policy: String,
        /// The year.
        year: i32,
    },
    /// A trend with fewer than two windows to compare.
    TooFewWindows {
        /// The windows that could be compared.
        windows: usize,
    },
}

impl Undecided {
    /// The reason in words.
    ///
    /// # Example
    ///
    /// See [`Undecided`].
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::criteria::Undecided;
    /// assert_eq!(Undecided::TooFewWindows { windows: 1 }.sentence(Lang::En), "a trend needs two settled windows with something due, found 1");
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: Lang) -> String {
        match self {
            Undecided::NoCalendar => lang
                .pick(
                    "ngày làm việc cần lịch làm việc trong chính sách đánh giá",
                    "working days need a calendar in the evaluation policy",
                )
                .to_owned(),
            Undecided::NoAssessmentYear => lang
                .pick(
                    "không xác định được năm đánh giá: hãy nhóm theo năm hoặc giới hạn kỳ trong một năm",
                    "no single assessment year: group by year or scope the periods within a year",
                )
                .to_owned(),
            Undecided::PolicyNotInForce { policy, year } => match lang {
                Lang::Vi => format!("`{policy}` không áp dụng cho năm đánh giá {year}"),
                Lang::En => format!("`{policy}` does not govern assessment year {year}"),
            },
            Undecided::TooFewWindows { windows } => match lang {
                Lang::Vi => format!(
                    "xu hướng cần hai kỳ đã khép lại có nghĩa vụ đến hạn, có {windows}"
                ),
                Lang::En => format!(
                    "a trend needs two settled windows with something due, found {windows}"
                ),
            },
        }
    }
}

/// A group whose verdict is indeterminate, and why.
///
/// # Example
///
/// ```
/// # use chrono::NaiveDate;
/// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
/// # use directives::calendar::TermUnit;
/// # use directives::criteria::*;
/// # use directives::obligation::{Obligation, ObligationId, Obligations};
/// # use directives::org::{Body, BodyKind, Level, Registry};
/// # let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// # let registry = Registry::builder().body(Body::new("SYT".parse()?, "Sở Y tế", BodyKind::DepartmentOrAgency, Level::Province, d(2000, 1, 1)?)).build()?;
/// # let mut obligations = Obligations::new();
/// # for m in 1..=4 { obligations.push(Obligation::new(format!("05/CT-UBND@2025-01-02/1.1/SYT/2025-{m:02}").parse()?, d(2025, m + 1, 20)?))?; }
/// # let mut events = Events::new();
/// # events.push_submission(ObligationId::from_index(0), d(2025, 2, 15)?)?;
/// # let policy = EvaluationPolicy::without_calendar();
/// # let evaluation = evaluate(&obligations, &events, d(2025, 5, 1)?, &policy)?;
/// # let criterion = |measure, require| Criterion::builder("c").title("c", "c").provision("Decree 09/2019/NĐ-CP art. 8.5").group_by([GroupBy::Holder]).measure(measure).require(require).build();
/// // Working days, and the evaluation has no calendar.
/// let criteria = Criteria::new(vec![criterion(Measure::MeanLateness(TermUnit::WorkingDays), Requirement::AtMost(Threshold::Number(5.0)))?])?;
/// let result = criteria.assess(&evaluation, &registry)?.results()[0].clone();
/// assert_eq!(result.verdict(), Verdict::Indeterminate);
/// let undecided = &result.undecided()[0];
/// assert_eq!(undecided.key().to_string(), "holder=SYT");
/// assert_eq!(undecided.reason(), &Undecided::NoCalendar);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub struct UndecidedGroup {
    key: GroupKey,
    #[cfg_attr(feature = "serde", serde(flatten))]
    reason: Undecided,
}

impl UndecidedGroup {
    /// The group's key.
    ///
    /// # Example
    ///
    /// See [`UndecidedGroup`].
    #[must_use]
    pub fn key(&self) -> &GroupKey {
        &self.key
    }

    /// Why.
    ///
    /// # Example
    ///
    /// See [`UndecidedGroup`].
    #[must_use]
    pub fn reason(&self) -> &Undecided {
        &self.reason
    }
}

/// The result of one criterion: its verdict, the count of groups per verdict, each
/// violation, each indeterminate group, and for a trend the windows not settled.
///
/// # Example
///
/// See the [module documentation](super).
///
/// ```
/// # use chrono::NaiveDate;
/// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
/// # use directives::criteria::*;
/// # use directives::obligation::{Obligation, ObligationId, Obligations};
/// # use directives::org::{Body, BodyKind, Level, Registry};
/// # let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// # let registry = Registry::builder().body(Body::new("SYT".parse()?, "Sở Y tế", BodyKind::DepartmentOrAgency, Level::Province, d(2000, 1, 1)?)).build()?;
/// # let mut obligations = Obligations::new();
/// # for m in 1..=4 { obligations.push(Obligation::new(format!("05/CT-UBND@2025-01-02/1.1/SYT/2025-{m:02}").parse()?, d(2025, m + 1, 20)?))?; }
/// # let mut events = Events::new();
/// # events.push_submission(ObligationId::from_index(0), d(2025, 2, 15)?)?;
/// # let policy = EvaluationPolicy::without_calendar();
/// # let evaluation = evaluate(&obligations, &events, d(2025, 5, 1)?, &policy)?;
/// # let criterion = |measure, require| Criterion::builder("c").title("c", "c").provision("Decree 09/2019/NĐ-CP art. 8.5").group_by([GroupBy::Holder]).measure(measure).require(require).build();
/// let criteria = Criteria::new(vec![criterion(Measure::OverdueCount, Requirement::AtMost(Threshold::Number(0.0)))?])?;
/// let assessment = criteria.assess(&evaluation, &registry)?;
/// let result = &assessment.results()[0];
/// assert_eq!((result.id(), result.verdict(), result.in_force()), ("c", Verdict::Violated, true));
/// assert_eq!(result.groups().get(Verdict::Violated), 1);
/// assert_eq!(result.provision(), "Decree 09/2019/NĐ-CP art. 8.5");
/// assert_eq!(result.title(directives::Lang::En), "c");
/// assert_eq!(result.severity(), directives::directive::Severity::Error);
/// assert_eq!(result.basis(), None);
/// assert_eq!(result.requirement().to_string(), "at most 0");
/// assert_eq!(result.violations()[0].measured().value(), 2.0);
/// assert!(result.undecided().is_empty() && result.unsettled().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", from = "ResultForm")
)]
pub struct CriterionResult {
    id: String,
    title: Title,
    provision: String,
    severity: Severity,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    basis: Option<Certainty>,
    group_by: Vec<GroupBy>,
    measure: Measure,
    requirement: Requirement,
    in_force: bool,
    verdict: Verdict,
    groups: GroupCounts,
    violations: Vec<Violation>,
    undecided: Vec<UndecidedGroup>,
    unsettled: Vec<Period>,
}

/// A criterion's result as read, before its group keys are put back in the order of its
/// grouping (a TOML table comes back sorted by key).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
struct ResultForm {
    id: String,
    title: Title,
    provision: String,
    severity: Severity,
    #[serde(default)]
    basis: Option<Certainty>,
    group_by: Vec<GroupBy>,
    measure: Measure,
    requirement: Requirement,
    in_force: bool,
    verdict: Verdict,
    groups: GroupCounts,
    violations: Vec<Violation>,
    undecided: Vec<UndecidedGroup>,
    unsettled: Vec<Period>,
}

#[cfg(feature = "serde")]
impl From<ResultForm> for CriterionResult {
    fn from(form: ResultForm) -> CriterionResult {
        let ResultForm {
            id,
            title,
            provision,
            severity,
            basis,
            group_by,
            measure,
            requirement,
            in_force,
            verdict,
            groups,
            mut violations,
            mut undecided,
            unsettled,
        } = form;
        let place = |by: &GroupBy| group_by.iter().position(|k| k == by).unwrap_or(usize::MAX);
        for key in violations
            .iter_mut()
            .map(|v| &mut v.key)
            .chain(undecided.iter_mut().map(|u| &mut u.key))
        {
            key.parts.sort_by_key(|(by, _)| place(by));
        }
        CriterionResult {
            id,
            title,
            provision,
            severity,
            basis,
            group_by,
            measure,
            requirement,
            in_force,
            verdict,
            groups,
            violations,
            undecided,
            unsettled,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
struct Title {
    vi: String,
    en: String,
}

impl CriterionResult {
    /// The criterion's id.
    ///
    /// # Example
    ///
    /// See the [module documentation](super).
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The criterion's title.
    ///
    /// # Example
    ///
    /// See [`CriterionResult`].
    #[must_use]
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title.vi, &self.title.en)
    }

    /// The provision the criterion enforces.
    ///
    /// # Example
    ///
    /// See [`CriterionResult`].
    #[must_use]
    pub fn provision(&self) -> &str {
        &self.provision
    }

    /// The criterion's severity.
    ///
    /// # Example
    ///
    /// See [`CriterionResult`].
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// How sure the criterion's threshold is, when it says.
    ///
    /// # Example
    ///
    /// See [`CriterionResult`].
    #[must_use]
    pub fn basis(&self) -> Option<Certainty> {
        self.basis
    }

    /// The requirement.
    ///
    /// # Example
    ///
    /// See [`CriterionResult`].
    #[must_use]
    pub fn requirement(&self) -> &Requirement {
        &self.requirement
    }

    /// Whether the criterion was in force on the as-of date.
    ///
    /// # Example
    ///
    /// See [`CriterionResult`].
    #[must_use]
    pub fn in_force(&self) -> bool {
        self.in_force
    }

    /// The verdict.
    ///
    /// # Example
    ///
    /// See the [module documentation](super).
    #[must_use]
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// The number of groups per verdict.
    ///
    /// # Example
    ///
    /// See [`CriterionResult`].
    #[must_use]
    pub fn groups(&self) -> &GroupCounts {
        &self.groups
    }

    /// The violations, in the order of their keys.
    ///
    /// # Example
    ///
    /// See the [module documentation](super).
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The indeterminate groups, in the order of their keys.
    ///
    /// # Example
    ///
    /// See [`CriterionResult`].
    #[must_use]
    pub fn undecided(&self) -> &[UndecidedGroup] {
        &self.undecided
    }

    /// For a trend, the windows in scope not settled at the as-of date, in order.
    ///
    /// # Example
    ///
    /// See [`CriterionResult`].
    #[must_use]
    pub fn unsettled(&self) -> &[Period] {
        &self.unsettled
    }

    /// The keys the criterion groups by, in its order (the order of each group key's
    /// parts).
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "serde")]
    /// # {
    /// use directives::criteria::{Assessment, GroupBy};
    ///
    /// let json = r#"{"as_of": "2025-05-01", "results": [{"id": "c", "title": {"vi": "c", "en": "c"},
    ///   "provision": "p", "severity": "error", "group_by": ["holder"], "measure": "overdue_count",
    ///   "requirement": {"at_most": 0}, "in_force": true, "verdict": "satisfied",
    ///   "groups": {"satisfied": 1, "violated": 0, "not_applicable": 0, "indeterminate": 0},
    ///   "violations": [], "undecided": [], "unsettled": []}]}"#;
    /// let assessment: Assessment = serde_json::from_str(json)?;
    /// assert_eq!(assessment.results()[0].group_by(), &[GroupBy::Holder]);
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn group_by(&self) -> &[GroupBy] {
        &self.group_by
    }

    /// The criterion's measure.
    ///
    /// # Example
    ///
    /// See [`CriterionResult`].
    ///
    /// ```
    /// # #[cfg(feature = "serde")]
    /// # {
    /// use directives::criteria::{Assessment, Measure};
    ///
    /// let json = r#"{"as_of": "2025-05-01", "results": [{"id": "c", "title": {"vi": "c", "en": "c"},
    ///   "provision": "p", "severity": "error", "group_by": [], "measure": {"kind": "grade", "policy": "regulation_124_2023"},
    ///   "requirement": {"at_least": "good"}, "in_force": false, "verdict": "not_applicable",
    ///   "groups": {"satisfied": 0, "violated": 0, "not_applicable": 0, "indeterminate": 0},
    ///   "violations": [], "undecided": [], "unsettled": []}]}"#;
    /// let assessment: Assessment = serde_json::from_str(json)?;
    /// assert!(matches!(assessment.results()[0].measure(), Measure::Grade(p) if p.name() == "regulation_124_2023"));
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn measure(&self) -> &Measure {
        &self.measure
    }

    /// The label of the criterion's measure in a language (for reports).
    #[cfg(feature = "report")]
    pub(crate) fn measure_label(&self, lang: Lang) -> String {
        self.measure.label(lang)
    }

    /// One line per violation, with the severity, the id, the provision, the group's key,
    /// the value and the requirement, and the witnesses.
    fn write_lines(&self, f: &mut fmt::Formatter<'_>, lang: Lang) -> fmt::Result {
        let severity = self.severity.label(lang);
        let measure = self.measure.label(lang);
        for v in &self.violations {
            write!(
                f,
                "[{severity}] {} ({}) {}: {measure} {}",
                self.id,
                self.provision,
                v.key,
                v.measured.label(lang, self.measure.name())
            )?;
            if let Some(at) = v.at {
                write!(f, " {} {at}", lang.pick("ở kỳ", "in"))?;
            }
            let obligations = match (lang, v.witness_count) {
                (Lang::Vi, _) => "nghĩa vụ",
                (Lang::En, 1) => "obligation",
                (Lang::En, _) => "obligations",
            };
            write!(
                f,
                ", {} {}; {} {obligations}",
                lang.pick("yêu cầu", "required"),
                self.requirement.sentence(lang),
                v.witness_count,
            )?;
            if !v.witnesses.is_empty() {
                f.write_str(": ")?;
                for (i, w) in v.witnesses.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{w}`")?;
                }
                if (v.witnesses.len() as u64) < v.witness_count {
                    f.write_str(", …")?;
                }
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

/// What [`Criteria::assess`] returns: the as-of date and a result per criterion, in the
/// criteria's order.
///
/// With the `serde` feature an assessment reads and writes whole (snake_case, strict
/// dates): each result keeps its criterion's grouping, measure (a grading policy by its
/// preset's name, or by name and policy) and requirement, so it reads back equal, its
/// display included, after the evaluation and the criteria are gone.
///
/// # Example
///
/// See the [module documentation](super).
///
/// ```
/// # use chrono::NaiveDate;
/// # use directives::compliance::{evaluate, EvaluationPolicy, Events};
/// # use directives::criteria::*;
/// # use directives::obligation::{Obligation, ObligationId, Obligations};
/// # use directives::org::{Body, BodyKind, Level, Registry};
/// # let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// # let registry = Registry::builder().body(Body::new("SYT".parse()?, "Sở Y tế", BodyKind::DepartmentOrAgency, Level::Province, d(2000, 1, 1)?)).build()?;
/// # let mut obligations = Obligations::new();
/// # for m in 1..=4 { obligations.push(Obligation::new(format!("05/CT-UBND@2025-01-02/1.1/SYT/2025-{m:02}").parse()?, d(2025, m + 1, 20)?))?; }
/// # let mut events = Events::new();
/// # events.push_submission(ObligationId::from_index(0), d(2025, 2, 15)?)?;
/// # let policy = EvaluationPolicy::without_calendar();
/// # let evaluation = evaluate(&obligations, &events, d(2025, 5, 1)?, &policy)?;
/// # let criterion = |measure, require| Criterion::builder("c").title("c", "c").provision("Decree 09/2019/NĐ-CP art. 8.5").group_by([GroupBy::Holder]).measure(measure).require(require).build();
/// let criteria = Criteria::new(vec![criterion(Measure::OnTimeRate, Requirement::AtLeast(Threshold::Number(0.8)))?])?;
/// let assessment = criteria.assess(&evaluation, &registry)?;
/// assert_eq!(assessment.as_of(), d(2025, 5, 1)?);
/// assert_eq!(assessment.verdict(), Verdict::Violated);
/// assert_eq!(assessment.results().len(), 1);
/// assert!(assessment.result("c").is_some() && assessment.result("x").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Assessment {
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::text::deserialize_date")
    )]
    as_of: NaiveDate,
    results: Vec<CriterionResult>,
}

impl Assessment {
    /// The as-of date of the evaluation judged.
    ///
    /// # Example
    ///
    /// See [`Assessment`].
    #[must_use]
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The results, in the criteria's order.
    ///
    /// # Example
    ///
    /// See the [module documentation](super).
    #[must_use]
    pub fn results(&self) -> &[CriterionResult] {
        &self.results
    }

    /// The result of the criterion with this id.
    ///
    /// # Example
    ///
    /// See [`Assessment`].
    #[must_use]
    pub fn result(&self, id: &str) -> Option<&CriterionResult> {
        self.results.iter().find(|r| r.id == id)
    }

    /// The worst verdict of all criteria (violated, then indeterminate, then satisfied,
    /// then not applicable).
    ///
    /// # Example
    ///
    /// See [`Assessment`].
    #[must_use]
    pub fn verdict(&self) -> Verdict {
        self.results
            .iter()
            .map(|r| r.verdict)
            .max()
            .unwrap_or(Verdict::NotApplicable)
    }

    /// The violations in words, one line per violation, in a language.
    ///
    /// # Example
    ///
    /// See the [module documentation](super).
    #[must_use]
    pub fn display(&self, lang: Lang) -> AssessmentDisplay<'_> {
        AssessmentDisplay {
            assessment: self,
            lang,
        }
    }
}

/// The violations of an [`Assessment`] in words (see [`Assessment::display`]).
///
/// # Example
///
/// See the [module documentation](super).
#[derive(Debug, Clone, Copy)]
pub struct AssessmentDisplay<'a> {
    assessment: &'a Assessment,
    lang: Lang,
}

impl fmt::Display for AssessmentDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for result in &self.assessment.results {
            result.write_lines(f, self.lang)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// The computation.

/// A slot that stands for a body the registry does not hold.
const UNKNOWN: u32 = u32::MAX;
/// A slot that stands for a row left out of scope.
const NO_SLOT: u32 = u32::MAX - 1;
/// The most groups counted in a dense table; beyond, a hash map.
const DENSE_LIMIT: u64 = 1 << 20;

/// Where a key's slot comes from in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Holder,
    Assigned,
    Directive,
    Task,
    Period,
}

/// One grouping key resolved against the store.
#[derive(Debug)]
struct KeyPlan {
    by: GroupBy,
    source: Source,
    /// Handle to slot; `None` for the identity.
    table: Option<Vec<u32>>,
    card: u64,
    stride: u64,
    /// The windows by slot, for the window keys.
    windows: Vec<Period>,
}

/// What is accumulated per group beyond the counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Extra {
    None,
    /// Days late, in working days (`true`) or calendar days; a criterion's measure of
    /// lateness counts in no other unit (checked when it is built).
    Lateness {
        working: bool,
    },
    Indicator,
}

#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    combined: u64,
    counts: [u64; 6],
    days_sum: u64,
    days_n: u64,
    days_max: u64,
    days_unknown: u64,
    /// Overdue obligations older than the requirement's upper bound (the witnesses of a
    /// largest overdue age too high).
    days_over: u64,
    target_due: u64,
    target_met: u64,
}

impl Acc {
    fn due(&self) -> u64 {
        count(self, Status::DoneOnTime)
            + count(self, Status::DoneLate)
            + count(self, Status::OpenOverdue)
    }
}

fn count(acc: &Acc, status: Status) -> u64 {
    acc.counts.get(status as usize).copied().unwrap_or(0)
}

/// A group's counts by status (slots 0 to 5, by `Status as usize`), then how many of its
/// first witnesses of each class were picked (slots 6 and 7): 32 bytes, one cache line
/// at most, since rows visit groups at random.
type GroupRow = [u32; 8];
/// The slots of the witnesses picked, of the classes `COUNTED` and `LEFT_OUT`.
const PICKED: [usize; 2] = [6, 7];
/// The class of the obligations a measure counts (the witnesses of a value too high).
const COUNTED: usize = 0;
/// The class of the due obligations it leaves out (the witnesses of a value too low).
const LEFT_OUT: usize = 1;

/// The most groups counted in a table indexed by the combined key itself (the groups met
/// are kept after the pass); beyond, a compact index.
const DIRECT_LIMIT: u64 = 1 << 16;

/// What the pass gathers. By group: its combined key, its counts and witnesses picked,
/// and what the measure adds (only when it adds something); and the first witnesses of
/// each group, of each class, as (group, row) in row order: which class a violation lists
/// is known only once the group is judged.
struct Tally {
    keys: Vec<u64>,
    counts: Vec<GroupRow>,
    extras: Vec<Acc>,
    picked: [Vec<(u32, u32)>; 2],
    /// The group of each combined key met.
    index: GroupIndex,
    /// Whether the witnesses are still to be picked (the counts came from the cells).
    unpicked: bool,
}

impl Tally {
    /// A tally indexed by combined key made compact: the groups met (a row in scope
    /// counts in one status) in the order of their keys, the witnesses' groups renumbered.
    fn compact(self) -> Tally {
        let Tally {
            counts,
            extras,
            mut picked,
            unpicked,
            ..
        } = self;
        let mut renumber = vec![u32::MAX; counts.len()];
        let (mut keys, mut kept, mut kept_extras) = (Vec::new(), Vec::new(), Vec::new());
        for (combined, row) in counts.iter().enumerate() {
            if row.iter().take(6).all(|&n| n == 0) {
                continue;
            }
            if let Some(slot) = renumber.get_mut(combined) {
                *slot = u32::try_from(keys.len()).unwrap_or(u32::MAX);
            }
            keys.push(combined as u64);
            kept.push(*row);
            if let Some(acc) = extras.get(combined) {
                kept_extras.push(*acc);
            }
        }
        for list in &mut picked {
            for (g, _) in list.iter_mut() {
                *g = renumber.get(*g as usize).copied().unwrap_or(u32::MAX);
            }
        }
        Tally {
            keys,
            counts: kept,
            extras: kept_extras,
            picked,
            index: GroupIndex::Dense(renumber),
            unpicked,
        }
    }

    fn new(index: GroupIndex) -> Tally {
        Tally {
            keys: Vec::new(),
            counts: Vec::new(),
            extras: Vec::new(),
            picked: [Vec::new(), Vec::new()],
            index,
            unpicked: false,
        }
    }
}

/// The rows counted by holder (the store's body id) and period handle, a count per
/// status: a criterion that needs nothing else of a row is counted from these, a pair at
/// a time.
struct Cells {
    periods: usize,
    /// By holder, then period: the rows by status.
    counts: Vec<[u32; 6]>,
    /// Whether some obligation has an assigned body.
    assigned: bool,
}

impl Cells {
    /// The cells of the columns, `None` when there would be more pairs than rows (or a
    /// column is short, or a handle out of range).
    fn new(c: &Columns<'_>, bodies: usize) -> Option<Cells> {
        let rows = c.statuses.len();
        let periods = c.periods;
        let pairs = bodies.checked_mul(periods)?;
        if pairs == 0 || pairs > rows || c.holders.len() != rows || c.period.len() != rows {
            return None;
        }
        let mut counts = vec![[0u32; 6]; pairs];
        for ((&status, holder), &period) in c.statuses.iter().zip(c.holders).zip(c.period) {
            let (holder, period) = (holder.index() as usize, period as usize);
            if holder >= bodies || period >= periods {
                return None;
            }
            let n = counts
                .get_mut(holder * periods + period)
                .and_then(|cell| cell.get_mut(status as usize))?;
            *n += 1;
        }
        let assigned = c.assigned.iter().any(|&a| a != u32::MAX);
        Some(Cells {
            periods,
            counts,
            assigned,
        })
    }
}

/// The compact index of each group met, by its combined key.
enum GroupIndex {
    Dense(Vec<u32>),
    Sparse(HashMap<u64, u32>),
}

impl GroupIndex {
    fn new(total: u64) -> GroupIndex {
        match usize::try_from(total) {
            Ok(n) if total <= DENSE_LIMIT => GroupIndex::Dense(vec![u32::MAX; n.max(1)]),
            _ => GroupIndex::Sparse(HashMap::new()),
        }
    }

    /// The group of a combined key met.
    #[inline]
    fn get(&self, combined: u64) -> Option<usize> {
        let slot = match self {
            GroupIndex::Dense(v) => usize::try_from(combined).ok().and_then(|c| v.get(c))?,
            GroupIndex::Sparse(m) => m.get(&combined)?,
        };
        (*slot != u32::MAX).then_some(*slot as usize)
    }

    /// The group of a combined key, added to the tally (with its extras when `extra`)
    /// when first met.
    #[inline]
    fn get_or_insert(&mut self, combined: u64, tally: &mut Tally, extra: bool) -> usize {
        let next = u32::try_from(tally.keys.len()).unwrap_or(u32::MAX - 1);
        let slot = match self {
            GroupIndex::Dense(v) => match usize::try_from(combined).ok().and_then(|c| v.get_mut(c))
            {
                Some(slot) => slot,
                None => return usize::MAX,
            },
            GroupIndex::Sparse(m) => m.entry(combined).or_insert(u32::MAX),
        };
        if *slot == u32::MAX {
            *slot = next;
            tally.keys.push(combined);
            tally.counts.push([0; 8]);
            if extra {
                tally.extras.push(Acc::default());
            }
        }
        *slot as usize
    }
}

/// The columns of the store and the evaluation, read once per assessment.
struct Columns<'e> {
    statuses: &'e [Status],
    holders: &'e [BodyId],
    assigned: &'e [u32],
    directive: &'e [u32],
    clause: &'e [u32],
    period: &'e [u32],
    flags: &'e [u8],
    clauses: usize,
    /// The number of period handles.
    periods: usize,
}

impl Columns<'_> {
    #[inline]
    fn source(&self, source: Source, row: usize) -> Option<u64> {
        Some(match source {
            Source::Holder => u64::from(self.holders.get(row)?.index()),
            Source::Assigned => {
                let a = *self.assigned.get(row)?;
                if a == u32::MAX {
                    u64::from(self.holders.get(row)?.index())
                } else {
                    u64::from(a)
                }
            }
            Source::Directive => u64::from(*self.directive.get(row)?),
            Source::Task => {
                u64::from(*self.directive.get(row)?) * self.clauses as u64
                    + u64::from(*self.clause.get(row)?)
            }
            Source::Period => u64::from(*self.period.get(row)?),
        })
    }
}

/// A part of a combined key that leaves the row out of scope.
const OUT: u64 = u64::MAX;
/// A part of a combined key for a body the registry does not hold.
const UNKNOWN_PART: u64 = u64::MAX - 1;

/// A criterion resolved against a store, a registry and an as-of date: every filter and
/// key folded into small tables read once per row, so that the pass does no hashing and
/// no allocation per obligation.
struct Plan {
    /// A bit per status in scope.
    status_mask: u8,
    /// By period handle: the part of the combined key from the period and window keys,
    /// `OUT` for a period the scope leaves out; `None` when nothing depends on the period.
    period_part: Option<Vec<u64>>,
    /// By store body: the part of the combined key from the keys of the holder (holder,
    /// level, kind), `UNKNOWN_PART` for a body whose level or kind the registry does not
    /// give; `None` when no key depends on the holder.
    holder_part: Option<Vec<u64>>,
    /// By store body: 1 in scope, 0 out, `UNKNOWN` not in the registry.
    body_ok: Option<Vec<u32>>,
    directive_ok: Option<Vec<bool>>,
    clause_ok: Option<Vec<bool>>,
    role_mask: Option<u8>,
    /// The keys read from the other columns (assigned body, directive, task), with their
    /// strides.
    rest: Vec<(Source, u64)>,
    keys: Vec<KeyPlan>,
    total: u64,
    extra: Extra,
    /// The requirement's upper bound, above which an overdue age is a witness.
    upper: f64,
}

impl Plan {
    /// Whether the plan reads only the status, period and holder columns (and the
    /// assigned body for a body selector): then [`Plan::combined`] need not look at the
    /// directive, clause, role and other key columns.
    fn is_simple(&self) -> bool {
        self.directive_ok.is_none()
            && self.clause_ok.is_none()
            && self.role_mask.is_none()
            && self.rest.is_empty()
    }

    /// The combined key of a row in scope (its status, holder and period handle given),
    /// `None` when the row is out of scope, the store's body index when the row's body is
    /// unknown to the registry. With `FULL` false, only for a [simple](Plan::is_simple)
    /// plan.
    #[inline(always)]
    fn combined<const FULL: bool>(
        &self,
        c: &Columns<'_>,
        row: usize,
        status: Status,
        holder: u32,
        period: u32,
    ) -> Result<Option<u64>, u32> {
        if self.status_mask & (1 << (status as u8)) == 0 {
            return Ok(None);
        }
        let mut combined = 0u64;
        if let Some(parts) = &self.period_part {
            let part = parts.get(period as usize).copied().unwrap_or(OUT);
            if part == OUT {
                return Ok(None);
            }
            combined += part;
        }
        if FULL {
            if let Some(ok) = &self.directive_ok
                && !c
                    .directive
                    .get(row)
                    .and_then(|&d| ok.get(d as usize))
                    .copied()
                    .unwrap_or(false)
            {
                return Ok(None);
            }
            if let Some(ok) = &self.clause_ok
                && !c
                    .clause
                    .get(row)
                    .and_then(|&d| ok.get(d as usize))
                    .copied()
                    .unwrap_or(false)
            {
                return Ok(None);
            }
            if let Some(mask) = self.role_mask {
                let role = c.flags.get(row).map_or(0, |&f| role_index(f));
                if mask & (1 << role) == 0 {
                    return Ok(None);
                }
            }
        }
        if let Some(ok) = &self.body_ok {
            let held = ok.get(holder as usize).copied().unwrap_or(UNKNOWN);
            let assigned = c.assigned.get(row).copied().unwrap_or(u32::MAX);
            let by_assigned = if assigned == u32::MAX {
                0
            } else {
                ok.get(assigned as usize).copied().unwrap_or(UNKNOWN)
            };
            match (held, by_assigned) {
                (1, _) | (_, 1) => {}
                (UNKNOWN, _) => return Err(holder),
                (_, UNKNOWN) => return Err(assigned),
                _ => return Ok(None),
            }
        }
        if let Some(parts) = &self.holder_part {
            let part = parts.get(holder as usize).copied().unwrap_or(UNKNOWN_PART);
            if part == UNKNOWN_PART {
                return Err(holder);
            }
            combined += part;
        }
        if FULL {
            for &(source, stride) in &self.rest {
                combined += c.source(source, row).unwrap_or(0) * stride;
            }
        }
        Ok(Some(combined))
    }
}

/// The index of the role in the flags (its place in the role enum).
#[inline]
fn role_index(flags: u8) -> u8 {
    crate::obligation::role_of(flags) as u8
}

impl Criteria {
    /// Checks the criteria against the obligations they are to judge, which a file alone
    /// cannot show: every role a scope names is carried by some obligation. A filter on a
    /// role that no obligation has would leave every group out and make the criterion
    /// "not applicable" for a reason that is a mistake in the data, so it is an error.
    /// [`Criteria::assess`] runs the check first.
    ///
    /// # Errors
    ///
    /// [`CriteriaError::Invalid`] with [`CriteriaProblem::RoleNotCarried`](crate::criteria::CriteriaProblem::RoleNotCarried), naming the
    /// criteria file when it was read from one, the path `criterion[i].scope.roles[j]`
    /// and the role.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::criteria::{Criteria, Criterion, Measure, Requirement, Scope, Threshold};
    /// use directives::directive::Role;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut obligations = Obligations::new();
    /// let due = NaiveDate::from_ymd_opt(2025, 2, 20).ok_or("date")?;
    /// obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, due).with_role(Role::Lead))?;
    /// let rule = |role| Criterion::builder("c").title("c", "c").provision("p").scope(Scope::all().roles([role]))
    ///     .measure(Measure::OverdueCount).require(Requirement::AtMost(Threshold::Number(0.0))).build();
    /// assert!(Criteria::new(vec![rule(Role::Lead)?])?.check(&obligations).is_ok());
    /// let err = Criteria::new(vec![rule(Role::Coordinate)?])?.check(&obligations).unwrap_err();
    /// assert_eq!(err.path(), Some("criterion[0].scope.roles[0]"));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid criteria at `criterion[0].scope.roles[0]`: no obligation of the evaluation has the role `coordinate`: the filter would leave every obligation out",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, obligations: &Obligations) -> Result<(), CriteriaError> {
        if self.criteria.iter().all(|c| c.scope.roles.is_empty()) {
            return Ok(());
        }
        let carried = obligations
            .flag_column()
            .iter()
            .fold(0u8, |mask, &flags| mask | (1 << role_index(flags)));
        for (i, criterion) in self.criteria.iter().enumerate() {
            for (j, &role) in criterion.scope.roles.iter().enumerate() {
                if carried & (1 << (role as u8)) == 0 {
                    return Err(CriteriaError::Invalid {
                        format: self.format,
                        origin: self.origin.clone(),
                        path: format!("criterion[{i}].scope.roles[{j}]"),
                        line: None,
                        column: None,
                        problem: Box::new(super::CriteriaProblem::RoleNotCarried { role }),
                    });
                }
            }
        }
        Ok(())
    }

    /// Judges every criterion on an evaluation, with the registry that gives bodies their
    /// kind, level and place.
    ///
    /// Criteria that need only each obligation's status, holder and period are counted
    /// from one count of the obligations by holder, period and status shared by all of
    /// them, plus, for each such criterion violated, a pass for its witnesses that stops
    /// once each violation has its first ones; the others run one pass over the
    /// obligations each. The cost is linear in the obligations and in the groups.
    ///
    /// # Errors
    ///
    /// - [`CriteriaError::Invalid`] with [`CriteriaProblem::RoleNotCarried`](crate::criteria::CriteriaProblem::RoleNotCarried) for a role
    ///   filter that no obligation judged carries (see [`Criteria::check`]);
    /// - [`CriteriaError::UnknownBody`] when a criterion needs the kind, level or place of
    ///   a body (a body selector in its scope, grouping by level or kind) that the registry
    ///   does not hold;
    /// - [`CriteriaError::Selector`] when a body selector names a code the registry does
    ///   not hold.
    ///
    /// # Example
    ///
    /// See the [module documentation](super).
    pub fn assess(
        &self,
        evaluation: &Evaluation<'_>,
        registry: &Registry,
    ) -> Result<Assessment, CriteriaError> {
        self.assess_with(evaluation, registry, true)
    }

    /// [`Criteria::assess`], counting from the cells where a criterion can be only when
    /// `use_cells` (the pass over the rows for every criterion otherwise).
    fn assess_with(
        &self,
        evaluation: &Evaluation<'_>,
        registry: &Registry,
        use_cells: bool,
    ) -> Result<Assessment, CriteriaError> {
        let obligations = evaluation.obligations();
        self.check(obligations)?;
        let columns = Columns {
            statuses: evaluation.statuses(),
            holders: obligations.holders(),
            assigned: obligations.assigned_column(),
            directive: obligations.directive_column(),
            clause: obligations.clause_column(),
            period: obligations.period_column(),
            flags: obligations.flag_column(),
            clauses: obligations.clause_values().len().max(1),
            periods: obligations.period_values().len(),
        };
        // The registry's id of each body the store knows, by store id.
        let registry_ids: Vec<Option<BodyId>> = (0..obligations.body_slots())
            .map(|i| {
                let id = BodyId::from_index(u32::try_from(i).ok()?);
                registry.id(obligations.body_code(id)?)
            })
            .collect();
        let mut results = Vec::with_capacity(self.criteria.len());
        let cells = OnceCell::new();
        if !use_cells {
            let _ = cells.set(None);
        }
        for criterion in &self.criteria {
            let context = Context {
                criterion,
                evaluation,
                obligations,
                registry,
                registry_ids: &registry_ids,
                columns: &columns,
                cells: &cells,
                witnesses: self.witnesses,
            };
            results.push(context.assess()?);
        }
        Ok(Assessment {
            as_of: evaluation.as_of(),
            results,
        })
    }
}

struct Context<'c, 'e> {
    criterion: &'c Criterion,
    evaluation: &'c Evaluation<'e>,
    obligations: &'c Obligations,
    registry: &'c Registry,
    registry_ids: &'c [Option<BodyId>],
    columns: &'c Columns<'c>,
    /// The rows counted by holder, period and status, made when a criterion first can
    /// use them.
    cells: &'c OnceCell<Option<Cells>>,
    witnesses: usize,
}

/// A group judged, before its key is written.
struct Judged {
    gid: usize,
    verdict: Verdict,
    measured: Option<Measured>,
    too_high: bool,
    undecided: Option<Undecided>,
    trend: Vec<TrendPoint>,
    at: Option<Period>,
    /// For a trend, the combined key of its series.
    series: Option<u64>,
}

impl Context<'_, '_> {
    fn unknown_body(&self, body: u32) -> CriteriaError {
        let code = self
            .obligations
            .body_code(BodyId::from_index(body))
            .cloned()
            .or_else(|| crate::org::BodyCode::new("?").ok());
        match code {
            Some(code) => CriteriaError::UnknownBody {
                criterion: self.criterion.id.clone(),
                code,
            },
            None => CriteriaError::Value {
                problem: Box::new(super::CriteriaProblem::Blank),
            },
        }
    }

    fn result(&self, in_force: bool) -> CriterionResult {
        let c = self.criterion;
        CriterionResult {
            id: c.id.clone(),
            title: Title {
                vi: c.title_vi.clone(),
                en: c.title_en.clone(),
            },
            provision: c.provision.clone(),
            severity: c.severity,
            basis: c.basis.as_ref().map(|b| b.certainty()),
            group_by: c.group_by.clone(),
            measure: c.measure.clone(),
            requirement: c.requirement,
            in_force,
            verdict: Verdict::NotApplicable,
            groups: GroupCounts::default(),
            violations: Vec::new(),
            undecided: Vec::new(),
            unsettled: Vec::new(),
        }
    }

    fn assess(&self) -> Result<CriterionResult, CriteriaError> {
        let as_of = self.evaluation.as_of();
        if !self.criterion.is_in_force_on(as_of) {
            return Ok(self.result(false));
        }
        let plan = self.plan()?;
        let mut tally = self.tally(&plan)?;
        let accs: Vec<Acc> = tally
            .keys
            .iter()
            .zip(&tally.counts)
            .enumerate()
            .map(|(g, (&combined, counts))| Acc {
                combined,
                counts: [0, 1, 2, 3, 4, 5].map(|i| u64::from(counts.get(i).copied().unwrap_or(0))),
                ..tally.extras.get(g).copied().unwrap_or_default()
            })
            .collect();
        let mut judged = match self.criterion.requirement {
            Requirement::Trend {
                trend,
                include_unsettled,
            } => self.judge_trend(&plan, &accs, trend, include_unsettled)?,
            _ => accs
                .iter()
                .enumerate()
                .map(|(gid, acc)| self.judge(&plan, gid, acc))
                .collect(),
        };
        let mut result = self.result(true);
        for j in &judged {
            result.groups.add(j.verdict);
        }
        // Only violated and undecided groups are listed: they alone are ordered, and have
        // their key written.
        judged.retain(|j| matches!(j.verdict, Verdict::Violated | Verdict::Indeterminate));
        // Order groups by their keys, compared by the rank of each part.
        let ranks: Vec<Vec<u32>> = plan.keys.iter().map(|k| self.ranks(k)).collect();
        let combined_of = |j: &Judged| {
            j.series
                .or_else(|| accs.get(j.gid).map(|a| a.combined))
                .unwrap_or(0)
        };
        // A part's rank and the number of ranks it has, in the order of the keys.
        let order = |j: &Judged| {
            let (combined, skip_time) = (combined_of(j), j.series.is_some());
            plan.keys
                .iter()
                .zip(&ranks)
                .filter(move |(k, _)| !(skip_time && k.by.is_time()))
                .map(move |(k, r)| {
                    let rank = usize::try_from((combined / k.stride) % k.card.max(1))
                        .ok()
                        .and_then(|slot| r.get(slot))
                        .copied()
                        .unwrap_or(u32::MAX);
                    (rank, k.card.max(1))
                })
        };
        let fits = plan
            .keys
            .iter()
            .try_fold(1u64, |product, k| product.checked_mul(k.card.max(1)))
            .is_some();
        if fits {
            // The ranks as the digits of one number (a rank is below its key's count).
            judged.sort_by_cached_key(|j| {
                order(j).fold(0u64, |number, (rank, card)| {
                    number * card + u64::from(rank).min(card - 1)
                })
            });
        } else {
            judged.sort_by_cached_key(|j| order(j).map(|(rank, _)| rank).collect::<Vec<u32>>());
        }
        let mut violating: Vec<(usize, usize)> = Vec::new();
        // Whether each violation's value is above its requirement, by violation.
        let mut too_high_flags: Vec<bool> = Vec::new();
        for j in judged {
            let key = self.key_of(&plan, combined_of(&j), j.series.is_some());
            match j.verdict {
                Verdict::Violated => {
                    violating.push((j.gid, result.violations.len()));
                    result.violations.push(Violation {
                        key,
                        measured: j.measured.unwrap_or_default(),
                        at: j.at,
                        trend: j.trend,
                        witnesses: Vec::new(),
                        witness_count: 0,
                    });
                    too_high_flags.push(j.too_high);
                }
                Verdict::Indeterminate => {
                    if let Some(reason) = j.undecided {
                        result.undecided.push(UndecidedGroup { key, reason });
                    }
                }
                _ => {}
            }
        }
        if let Requirement::Trend { .. } = self.criterion.requirement {
            result.unsettled = self.unsettled(&plan, &accs);
        }
        result.verdict = result.groups.verdict();
        if !violating.is_empty() {
            if tally.unpicked {
                self.pick(&plan, &mut tally, &accs, &violating, &too_high_flags);
            }
            self.witness(
                &accs,
                &tally.picked,
                &violating,
                &too_high_flags,
                &mut result,
            );
        }
        Ok(result)
    }

    /// The pass over the obligations: each row in scope counted in its group, with the
    /// first witnesses of each class picked in row order and what the measure adds.
    fn tally(&self, plan: &Plan) -> Result<Tally, CriteriaError> {
        let rows = self.columns.statuses.len() as u64;
        let extra = plan.extra != Extra::None;
        let cells = self.cells_for(plan);
        if plan.total <= DIRECT_LIMIT && plan.total <= rows.saturating_mul(2) + 4096 {
            // A row per possible group, indexed by the combined key itself; the groups
            // met are kept afterwards.
            let total = usize::try_from(plan.total).unwrap_or(0).max(1);
            let blank = || Tally {
                counts: vec![[0; 8]; total],
                extras: if extra {
                    vec![Acc::default(); total]
                } else {
                    Vec::new()
                },
                ..Tally::new(GroupIndex::Dense(Vec::new()))
            };
            let direct =
                |combined: u64, _: &mut Tally| usize::try_from(combined).unwrap_or(usize::MAX);
            if let Some(cells) = cells {
                let mut tally = blank();
                if self.count_cells(plan, cells, &mut tally, direct) {
                    return Ok(tally.compact());
                }
            }
            let mut tally = blank();
            self.pass(plan, &mut tally, direct)?;
            Ok(tally.compact())
        } else {
            if let Some(cells) = cells {
                let mut index = GroupIndex::new(plan.total);
                let mut tally = Tally::new(GroupIndex::Dense(Vec::new()));
                if self.count_cells(plan, cells, &mut tally, |combined, tally| {
                    index.get_or_insert(combined, tally, extra)
                }) {
                    tally.index = index;
                    return Ok(tally);
                }
            }
            let mut index = GroupIndex::new(plan.total);
            let mut tally = Tally::new(GroupIndex::Dense(Vec::new()));
            self.pass(plan, &mut tally, |combined, tally| {
                index.get_or_insert(combined, tally, extra)
            })?;
            tally.index = index;
            Ok(tally)
        }
    }

    /// The cells, when the criterion can be counted from them: a simple plan that adds
    /// nothing per row beyond the counts, and reads no assigned body (a body selector
    /// reads it, unless no obligation has one).
    fn cells_for(&self, plan: &Plan) -> Option<&Cells> {
        if !plan.is_simple() || plan.extra != Extra::None {
            return None;
        }
        let cells = self
            .cells
            .get_or_init(|| Cells::new(self.columns, self.registry_ids.len()))
            .as_ref()?;
        (plan.body_ok.is_none() || !cells.assigned).then_some(cells)
    }

    /// Counts the groups from the cells (each pair of holder and period whose rows in
    /// scope it adds at once), the witnesses left to pick; `false`, with the tally left
    /// part-filled, when a cell in scope has a body the registry does not hold (the pass
    /// over the rows then reports the first such row's).
    fn count_cells(
        &self,
        plan: &Plan,
        cells: &Cells,
        tally: &mut Tally,
        mut slot: impl FnMut(u64, &mut Tally) -> usize,
    ) -> bool {
        tally.unpicked = true;
        let mask: [u32; 6] = std::array::from_fn(|s| {
            if plan.status_mask & (1 << s) != 0 {
                u32::MAX
            } else {
                0
            }
        });
        for (holder, by_period) in cells.counts.chunks(cells.periods.max(1)).enumerate() {
            let held = plan
                .body_ok
                .as_ref()
                .map(|ok| ok.get(holder).copied().unwrap_or(UNKNOWN));
            let holder_part = plan.holder_part.as_ref().map_or(0, |parts| {
                parts.get(holder).copied().unwrap_or(UNKNOWN_PART)
            });
            for (period, cell) in by_period.iter().enumerate() {
                let mut in_scope = [0u32; 6];
                for ((n, &count), &m) in in_scope.iter_mut().zip(cell).zip(&mask) {
                    *n = count & m;
                }
                if in_scope.iter().all(|&n| n == 0) {
                    continue;
                }
                let mut combined = 0u64;
                if let Some(parts) = &plan.period_part {
                    let part = parts.get(period).copied().unwrap_or(OUT);
                    if part == OUT {
                        continue;
                    }
                    combined += part;
                }
                match held {
                    None | Some(1) => {}
                    Some(UNKNOWN) => return false,
                    Some(_) => continue,
                }
                if holder_part == UNKNOWN_PART {
                    return false;
                }
                combined += holder_part;
                let g = slot(combined, tally);
                if let Some(group) = tally.counts.get_mut(g) {
                    for (n, &add) in group.iter_mut().zip(&in_scope) {
                        *n += add;
                    }
                }
            }
        }
        true
    }

    /// For counts made from the cells, the first witnesses of each violation, of the class
    /// it lists, in row order: a pass over the rows that stops once every violation has
    /// them.
    fn pick(
        &self,
        plan: &Plan,
        tally: &mut Tally,
        accs: &[Acc],
        violating: &[(usize, usize)],
        too_high_flags: &[bool],
    ) {
        let cap = u32::try_from(self.witnesses).unwrap_or(u32::MAX);
        let classes = self.witness_classes();
        // By group: the witnesses still to pick, and their class.
        let mut need = vec![0u32; accs.len()];
        let mut class_of = vec![0u8; accs.len()];
        let mut left = 0u64;
        for &(gid, v) in violating {
            let too_high = too_high_flags.get(v).copied().unwrap_or(false);
            let class = self.witness_class(too_high);
            let count = accs
                .get(gid)
                .map_or(0, |acc| self.witness_count(acc, too_high));
            let n = u32::try_from(count).unwrap_or(u32::MAX).min(cap);
            if let (Some(slot), Some(c)) = (need.get_mut(gid), class_of.get_mut(gid)) {
                left = left - u64::from(*slot) + u64::from(n);
                *slot = n;
                *c = u8::try_from(class).unwrap_or(0);
            }
        }
        if left == 0 {
            return;
        }
        let c = self.columns;
        let columns = c.statuses.iter().zip(c.holders).zip(c.period);
        for (row, ((&status, holder), &period)) in columns.enumerate() {
            let Ok(Some(combined)) = plan.combined::<false>(c, row, status, holder.index(), period)
            else {
                continue;
            };
            let Some(g) = tally.index.get(combined) else {
                continue;
            };
            let Some(n) = need.get_mut(g).filter(|n| **n > 0) else {
                continue;
            };
            let class = class_of.get(g).copied().unwrap_or(0) as usize;
            let bits = classes.get(class).copied().unwrap_or(0);
            if bits & (1 << (status as u8)) == 0 {
                continue;
            }
            *n -= 1;
            if let Some(list) = tally.picked.get_mut(class) {
                list.push((
                    u32::try_from(g).unwrap_or(u32::MAX),
                    u32::try_from(row).unwrap_or(u32::MAX),
                ));
            }
            left -= 1;
            if left == 0 {
                break;
            }
        }
    }

    /// One pass over the rows, `slot` giving the row of a combined key in the tally.
    fn pass(
        &self,
        plan: &Plan,
        tally: &mut Tally,
        slot: impl FnMut(u64, &mut Tally) -> usize,
    ) -> Result<(), CriteriaError> {
        let c = self.columns;
        let rows = c.statuses.len();
        if plan.is_simple() && c.holders.len() == rows && c.period.len() == rows {
            self.rows::<false>(plan, tally, slot)
        } else {
            self.rows::<true>(plan, tally, slot)
        }
    }

    /// The pass, reading only the columns a simple plan needs unless `FULL`.
    #[inline(always)]
    fn rows<const FULL: bool>(
        &self,
        plan: &Plan,
        tally: &mut Tally,
        mut slot: impl FnMut(u64, &mut Tally) -> usize,
    ) -> Result<(), CriteriaError> {
        let c = self.columns;
        let cap = u32::try_from(self.witnesses).unwrap_or(u32::MAX);
        let classes = self.witness_classes();
        // A class no status falls in picks nothing by status: its test is always false.
        let [cap_counted, cap_left_out] = classes.map(|mask| if mask == 0 { 0 } else { cap });
        let [counted_bits, left_out_bits] = classes;
        let [counted_slot, left_out_slot] = PICKED;
        let max_age = matches!(self.criterion.measure, Measure::MaxOverdueAge(_));
        let mut visit =
            |row: usize, status: Status, holder: u32, period: u32| -> Result<(), CriteriaError> {
                let combined = match plan.combined::<FULL>(c, row, status, holder, period) {
                    Ok(Some(combined)) => combined,
                    Ok(None) => return Ok(()),
                    Err(body) => return Err(self.unknown_body(body)),
                };
                let g = slot(combined, tally);
                let Tally {
                    counts,
                    extras,
                    picked,
                    ..
                } = tally;
                let Some(group) = counts.get_mut(g) else {
                    return Ok(());
                };
                if let Some(n) = group.get_mut(status as usize) {
                    *n += 1;
                }
                let [picked_counted, picked_left_out] = picked;
                let gid = u32::try_from(g).unwrap_or(u32::MAX);
                let at = u32::try_from(row).unwrap_or(u32::MAX);
                // A group's first witnesses are picked within its first rows; after that the
                // counts picked alone (a branch the processor predicts) skip the test of the
                // status (one it cannot, statuses being mixed).
                if group[counted_slot] < cap_counted || group[left_out_slot] < cap_left_out {
                    let bit = 1u8 << (status as u8);
                    if counted_bits & bit != 0 && group[counted_slot] < cap {
                        group[counted_slot] += 1;
                        picked_counted.push((gid, at));
                    }
                    if left_out_bits & bit != 0 && group[left_out_slot] < cap {
                        group[left_out_slot] += 1;
                        picked_left_out.push((gid, at));
                    }
                }
                let Some(acc) = extras.get_mut(g) else {
                    return Ok(());
                };
                match plan.extra {
                    Extra::None => {}
                    Extra::Lateness { working } => {
                        if matches!(status, Status::DoneLate | Status::OpenOverdue) {
                            let lateness = self.evaluation.lateness_at(row);
                            let d = if working {
                                lateness.working_days()
                            } else {
                                Some(lateness.calendar_days())
                            };
                            match d {
                                Some(d) => {
                                    acc.days_sum += u64::from(d);
                                    acc.days_n += 1;
                                    if status == Status::OpenOverdue {
                                        acc.days_max = acc.days_max.max(u64::from(d));
                                        // Past an upper bound, a witness of an age too high.
                                        if f64::from(d) > plan.upper + 1e-9 {
                                            acc.days_over += 1;
                                            if max_age && group[counted_slot] < cap {
                                                group[counted_slot] += 1;
                                                picked_counted.push((gid, at));
                                            }
                                        }
                                    }
                                }
                                None => acc.days_unknown += 1,
                            }
                        }
                    }
                    Extra::Indicator => {
                        if matches!(
                            status,
                            Status::DoneOnTime | Status::DoneLate | Status::OpenOverdue
                        ) && let Some(met) = self.evaluation.indicator_met_at(row)
                        {
                            acc.target_due += 1;
                            acc.target_met += u64::from(met);
                            let (slot, list) = if met {
                                (counted_slot, &mut *picked_counted)
                            } else {
                                (left_out_slot, &mut *picked_left_out)
                            };
                            if group[slot] < cap {
                                group[slot] += 1;
                                list.push((gid, at));
                            }
                        }
                    }
                }
                Ok(())
            };
        if FULL {
            for (row, &status) in c.statuses.iter().enumerate() {
                let holder = c.holders.get(row).map_or(UNKNOWN, |h| h.index());
                let period = c.period.get(row).copied().unwrap_or(u32::MAX);
                visit(row, status, holder, period)?;
            }
        } else {
            let columns = c.statuses.iter().zip(c.holders).zip(c.period);
            for (row, ((&status, holder), &period)) in columns.enumerate() {
                visit(row, status, holder.index(), period)?;
            }
        }
        Ok(())
    }

    /// Resolves the scope and the keys.
    fn plan(&self) -> Result<Plan, CriteriaError> {
        let scope = &self.criterion.scope;
        let o = self.obligations;
        let directive_ok = (!scope.directives.is_empty()).then(|| {
            o.directive_values()
                .iter()
                .map(|d| scope.directives.contains(d))
                .collect()
        });
        let clause_ok = (!scope.tasks.is_empty()).then(|| {
            o.clause_values()
                .iter()
                .map(|c| scope.tasks.contains(c))
                .collect()
        });
        let filters_periods = scope.within.is_some() || scope.from.is_some() || scope.to.is_some();
        let period_ok = filters_periods.then(|| {
            o.period_values()
                .iter()
                .map(|p| scope.admits_period(*p))
                .collect()
        });
        let role_mask = (!scope.roles.is_empty())
            .then(|| scope.roles.iter().fold(0u8, |m, r| m | (1 << (*r as u8))));
        let status_mask = (!scope.statuses.is_empty()).then(|| {
            scope
                .statuses
                .iter()
                .fold(0u8, |m, s| m | (1 << (*s as u8)))
        });
        let body_ok = match &scope.bodies {
            None => None,
            Some(selector) => {
                let as_of = self.evaluation.as_of();
                let mut ok = Vec::with_capacity(self.registry_ids.len());
                for id in self.registry_ids {
                    let Some(id) = *id else {
                        ok.push(UNKNOWN);
                        continue;
                    };
                    let date = self.match_date(id, as_of);
                    let matched = self.registry.matches(selector, id, date).map_err(|e| {
                        CriteriaError::Selector {
                            criterion: self.criterion.id.clone(),
                            source: Box::new(e),
                        }
                    })?;
                    ok.push(u32::from(matched));
                }
                Some(ok)
            }
        };
        let mut keys = Vec::with_capacity(self.criterion.group_by.len());
        for &by in &self.criterion.group_by {
            keys.push(self.key_plan(by));
        }
        let mut total = 1u64;
        for key in keys.iter_mut().rev() {
            key.stride = total;
            total = total.saturating_mul(key.card.max(1));
        }
        // The keys of the period and of the holder, folded into one table each.
        let part = |key: &KeyPlan, handle: usize| -> u64 {
            let slot = match &key.table {
                Some(table) => table.get(handle).copied().unwrap_or(UNKNOWN),
                None => u32::try_from(handle).unwrap_or(UNKNOWN),
            };
            match slot {
                NO_SLOT => OUT,
                UNKNOWN => UNKNOWN_PART,
                slot => u64::from(slot) * key.stride,
            }
        };
        let fold = |source: Source, handles: usize, admits: &dyn Fn(usize) -> bool| {
            let folded: Vec<&KeyPlan> = keys.iter().filter(|k| k.source == source).collect();
            (0..handles)
                .map(|h| {
                    if !admits(h) {
                        return OUT;
                    }
                    let mut sum = 0u64;
                    for key in &folded {
                        match part(key, h) {
                            p @ (OUT | UNKNOWN_PART) => return p,
                            p => sum += p,
                        }
                    }
                    sum
                })
                .collect::<Vec<u64>>()
        };
        let period_part = (period_ok.is_some() || keys.iter().any(|k| k.source == Source::Period))
            .then(|| {
                fold(Source::Period, o.period_values().len(), &|h| {
                    period_ok
                        .as_ref()
                        .is_none_or(|ok: &Vec<bool>| ok.get(h).copied().unwrap_or(false))
                })
            });
        let holder_part = keys
            .iter()
            .any(|k| k.source == Source::Holder)
            .then(|| fold(Source::Holder, self.registry_ids.len(), &|_| true));
        let rest = keys
            .iter()
            .filter(|k| !matches!(k.source, Source::Holder | Source::Period))
            .map(|k| (k.source, k.stride))
            .collect();
        let extra = match &self.criterion.measure {
            Measure::MaxOverdueAge(unit) | Measure::MeanLateness(unit) => Extra::Lateness {
                working: *unit == TermUnit::WorkingDays,
            },
            Measure::IndicatorTargetMet => Extra::Indicator,
            _ => Extra::None,
        };
        Ok(Plan {
            status_mask: status_mask.unwrap_or(u8::MAX),
            period_part,
            holder_part,
            body_ok,
            directive_ok,
            clause_ok,
            role_mask,
            rest,
            keys,
            total,
            extra,
            upper: upper_bound(&self.criterion.requirement),
        })
    }

    /// The day a body is matched on: the as-of date, or its last day if it had ceased,
    /// or its first if it did not exist yet.
    fn match_date(&self, id: BodyId, as_of: NaiveDate) -> NaiveDate {
        if self.registry.is_active_on(id, as_of) {
            return as_of;
        }
        let Some(body) = self.registry.body(id) else {
            return as_of;
        };
        match body.until() {
            Some(until) if until <= as_of => until.pred_opt().unwrap_or(until),
            _ => body.from(),
        }
    }

    fn key_plan(&self, by: GroupBy) -> KeyPlan {
        let o = self.obligations;
        let bodies = self.registry_ids.len() as u64;
        let body_table = |f: &dyn Fn(BodyId) -> Option<u32>| -> Vec<u32> {
            self.registry_ids
                .iter()
                .map(|id| id.and_then(f).unwrap_or(UNKNOWN))
                .collect()
        };
        let plain = |source, card| KeyPlan {
            by,
            source,
            table: None,
            card,
            stride: 1,
            windows: Vec::new(),
        };
        match by {
            GroupBy::Holder => plain(Source::Holder, bodies),
            GroupBy::AssignedBody => plain(Source::Assigned, bodies),
            GroupBy::Directive => plain(Source::Directive, o.directive_values().len() as u64),
            GroupBy::Task => plain(
                Source::Task,
                (o.directive_values().len() * o.clause_values().len().max(1)) as u64,
            ),
            GroupBy::Period => plain(Source::Period, o.period_values().len() as u64),
            GroupBy::Level => KeyPlan {
                table: Some(body_table(&|id| {
                    let level = self.registry.body(id)?.level();
                    u32::try_from(Level::ALL.iter().position(|l| *l == level)?).ok()
                })),
                ..plain(Source::Holder, Level::ALL.len() as u64)
            },
            GroupBy::Kind => KeyPlan {
                table: Some(body_table(&|id| {
                    let kind = self.registry.body(id)?.kind();
                    u32::try_from(BodyKind::ALL.iter().position(|k| *k == kind)?).ok()
                })),
                ..plain(Source::Holder, BodyKind::ALL.len() as u64)
            },
            GroupBy::Quarter | GroupBy::Half | GroupBy::Year => {
                let mut windows: Vec<Period> = Vec::new();
                let mut table = Vec::with_capacity(o.period_values().len());
                for p in o.period_values() {
                    let slot = match by.window_of(p.end()) {
                        Some(w) => match windows.iter().position(|x| *x == w) {
                            Some(i) => i,
                            None => {
                                windows.push(w);
                                windows.len() - 1
                            }
                        },
                        None => {
                            table.push(NO_SLOT);
                            continue;
                        }
                    };
                    table.push(u32::try_from(slot).unwrap_or(NO_SLOT));
                }
                KeyPlan {
                    table: Some(table),
                    windows,
                    ..plain(Source::Period, 0)
                }
                .with_card()
            }
        }
    }

    /// The sort key and the group key of a combined key (without the time key for a
    /// series).
    fn key_of(&self, plan: &Plan, combined: u64, skip_time: bool) -> GroupKey {
        let mut parts = Vec::with_capacity(plan.keys.len());
        for key in &plan.keys {
            if skip_time && key.by.is_time() {
                continue;
            }
            let slot = (combined / key.stride) % key.card.max(1);
            parts.push((key.by, self.part(key, slot)));
        }
        GroupKey { parts }
    }

    /// The rank of each slot of a key in the order groups are listed: body codes as
    /// text, levels and kinds in their enums' order, directives, tasks and periods in
    /// their own order.
    fn ranks(&self, key: &KeyPlan) -> Vec<u32> {
        let o = self.obligations;
        let n = usize::try_from(key.card).unwrap_or(0);
        let by = |cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering| -> Vec<u32> {
            let mut slots: Vec<usize> = (0..n).collect();
            slots.sort_by(|&a, &b| cmp(a, b));
            let mut rank = vec![0u32; n];
            for (r, &slot) in slots.iter().enumerate() {
                if let Some(x) = rank.get_mut(slot) {
                    *x = u32::try_from(r).unwrap_or(u32::MAX);
                }
            }
            rank
        };
        let clauses = o.clause_values().len().max(1);
        match key.by {
            GroupBy::Holder | GroupBy::AssignedBody => {
                let code = |slot: usize| {
                    u32::try_from(slot)
                        .ok()
                        .and_then(|s| o.body_code(BodyId::from_index(s)))
                        .map_or("", |c| c.as_ref())
                };
                by(&|a, b| code(a).cmp(code(b)))
            }
            GroupBy::Level | GroupBy::Kind => (0..n)
                .map(|slot| u32::try_from(slot).unwrap_or(u32::MAX))
                .collect(),
            GroupBy::Directive => {
                let d = o.directive_values();
                by(&|a, b| d.get(a).cmp(&d.get(b)))
            }
            GroupBy::Task => {
                let (d, c) = (o.directive_values(), o.clause_values());
                let task = |slot: usize| (d.get(slot / clauses), c.get(slot % clauses));
                by(&|a, b| task(a).cmp(&task(b)))
            }
            GroupBy::Period => {
                let p = o.period_values();
                by(&|a, b| p.get(a).cmp(&p.get(b)))
            }
            GroupBy::Quarter | GroupBy::Half | GroupBy::Year => {
                by(&|a, b| key.windows.get(a).cmp(&key.windows.get(b)))
            }
        }
    }

    fn part(&self, key: &KeyPlan, slot: u64) -> String {
        let o = self.obligations;
        let index = usize::try_from(slot).unwrap_or(usize::MAX);
        let directive = |d: usize| {
            o.directive_values()
                .get(d)
                .map(|k| format!("{}@{}", k.symbol(), k.issued()))
        };
        match key.by {
            GroupBy::Holder | GroupBy::AssignedBody => u32::try_from(slot)
                .ok()
                .and_then(|s| o.body_code(BodyId::from_index(s)))
                .map_or_else(String::new, |c| c.to_string()),
            GroupBy::Level => Level::ALL.get(index).map_or("", |l| l.as_str()).to_owned(),
            GroupBy::Kind => BodyKind::ALL
                .get(index)
                .map_or("", |k| k.as_str())
                .to_owned(),
            GroupBy::Directive => directive(index).unwrap_or_default(),
            GroupBy::Task => {
                let clauses = o.clause_values().len().max(1);
                let (d, c) = (index / clauses, index % clauses);
                match (directive(d), o.clause_values().get(c)) {
                    (Some(text), Some(clause)) => format!("{text}/{}", clause.as_str()),
                    _ => String::new(),
                }
            }
            GroupBy::Period => o
                .period_values()
                .get(index)
                .map_or_else(String::new, ToString::to_string),
            GroupBy::Quarter | GroupBy::Half | GroupBy::Year => key
                .windows
                .get(index)
                .map_or_else(String::new, ToString::to_string),
        }
    }

    /// The assessment year of a group: its time key's, else the scope's `within` period's.
    fn year_of(&self, plan: &Plan, combined: u64) -> Option<i32> {
        let single = |p: Period| (p.start().year() == p.end().year()).then_some(p.start().year());
        for key in &plan.keys {
            if !key.by.is_time() {
                continue;
            }
            let slot = usize::try_from((combined / key.stride) % key.card.max(1)).ok()?;
            let period = match key.by {
                GroupBy::Period => *self.obligations.period_values().get(slot)?,
                _ => *key.windows.get(slot)?,
            };
            return single(period);
        }
        self.criterion.scope.within.and_then(single)
    }

    /// The measured value of a group, or why it cannot be known; `Ok(None)` when
    /// nothing is due.
    fn measure(&self, plan: &Plan, acc: &Acc) -> Result<Option<Measured>, Undecided> {
        let due = acc.due();
        let on_time = count(acc, Status::DoneOnTime);
        let late = count(acc, Status::DoneLate);
        let overdue = count(acc, Status::OpenOverdue);
        if due == 0 {
            return Ok(None);
        }
        let rate = |numerator: u64, denominator: u64| Measured {
            value: numerator as f64 / denominator as f64,
            numerator: numerator as f64,
            denominator,
            grade: None,
        };
        let plain = |value: u64| Measured {
            value: value as f64,
            numerator: value as f64,
            denominator: due,
            grade: None,
        };
        Ok(Some(match &self.criterion.measure {
            Measure::OnTimeRate => rate(on_time, due),
            Measure::DoneRate => rate(on_time + late, due),
            Measure::LateShare => rate(late, due),
            Measure::OverdueShare => rate(overdue, due),
            Measure::Count(statuses) => plain(statuses.iter().map(|s| count(acc, *s)).sum()),
            Measure::Reports => plain(on_time + late),
            Measure::OverdueCount => plain(overdue),
            Measure::MaxOverdueAge(_) => {
                if acc.days_unknown > 0 {
                    return Err(Undecided::NoCalendar);
                }
                Measured {
                    value: acc.days_max as f64,
                    numerator: acc.days_max as f64,
                    denominator: overdue,
                    grade: None,
                }
            }
            Measure::MeanLateness(_) => {
                if acc.days_unknown > 0 {
                    return Err(Undecided::NoCalendar);
                }
                Measured {
                    value: if acc.days_n == 0 {
                        0.0
                    } else {
                        acc.days_sum as f64 / acc.days_n as f64
                    },
                    numerator: acc.days_sum as f64,
                    denominator: acc.days_n,
                    grade: None,
                }
            }
            Measure::Score(named) | Measure::Grade(named) => {
                let year = self
                    .year_of(plan, acc.combined)
                    .ok_or(Undecided::NoAssessmentYear)?;
                if !named.policy().applies_to(year) {
                    return Err(Undecided::PolicyNotInForce {
                        policy: named.name().to_owned(),
                        year,
                    });
                }
                let counts = StatusCounts { counts: acc.counts };
                let index = named.policy().timeliness_index(&counts).unwrap_or(0.0);
                match &self.criterion.measure {
                    Measure::Grade(_) => {
                        let grade = named.policy().grade(&counts).unwrap_or(Grade::NotCompleted);
                        Measured {
                            value: grade_rank(grade),
                            numerator: index,
                            denominator: due,
                            grade: Some(grade),
                        }
                    }
                    _ => Measured {
                        value: index,
                        numerator: index * due as f64 / 100.0,
                        denominator: due,
                        grade: None,
                    },
                }
            }
            Measure::IndicatorTargetMet => {
                if acc.target_due == 0 {
                    return Ok(None);
                }
                rate(acc.target_met, acc.target_due)
            }
        }))
    }

    fn judge(&self, plan: &Plan, gid: usize, acc: &Acc) -> Judged {
        let mut judged = Judged {
            gid,
            verdict: Verdict::NotApplicable,
            measured: None,
            too_high: false,
            undecided: None,
            trend: Vec::new(),
            at: None,
            series: None,
        };
        match self.measure(plan, acc) {
            Ok(None) => {}
            Ok(Some(m)) => {
                judged.measured = Some(m);
                if self.criterion.requirement.holds(m.value) {
                    judged.verdict = Verdict::Satisfied;
                } else {
                    judged.verdict = Verdict::Violated;
                    judged.too_high = too_high(&self.criterion.requirement, m.value);
                }
            }
            Err(reason) => {
                judged.verdict = Verdict::Indeterminate;
                judged.undecided = Some(reason);
            }
        }
        judged
    }

    /// The time key of a trend and its period per slot.
    fn time_key<'p>(&self, plan: &'p Plan) -> Option<(&'p KeyPlan, Vec<Period>)> {
        let key = plan.keys.iter().find(|k| k.by.is_time())?;
        let periods = match key.by {
            GroupBy::Period => self.obligations.period_values().to_vec(),
            _ => key.windows.clone(),
        };
        Some((key, periods))
    }

    /// Whether each time slot is settled: ended before the as-of date, with nothing in
    /// scope still open within its deadline.
    fn settled(&self, plan: &Plan, accs: &[Acc]) -> Vec<bool> {
        let Some((key, periods)) = self.time_key(plan) else {
            return Vec::new();
        };
        let as_of = self.evaluation.as_of();
        let mut settled: Vec<bool> = periods.iter().map(|p| p.end() < as_of).collect();
        for acc in accs {
            if count(acc, Status::OpenWithinDeadline) > 0 {
                let slot = (acc.combined / key.stride) % key.card.max(1);
                if let Some(s) = usize::try_from(slot).ok().and_then(|i| settled.get_mut(i)) {
                    *s = false;
                }
            }
        }
        settled
    }

    fn unsettled(&self, plan: &Plan, accs: &[Acc]) -> Vec<Period> {
        let Some((key, periods)) = self.time_key(plan) else {
            return Vec::new();
        };
        let settled = self.settled(plan, accs);
        let mut out: Vec<Period> = accs
            .iter()
            .filter_map(|acc| {
                let slot = usize::try_from((acc.combined / key.stride) % key.card.max(1)).ok()?;
                (!settled.get(slot).copied().unwrap_or(true)).then(|| periods.get(slot).copied())?
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn judge_trend(
        &self,
        plan: &Plan,
        accs: &[Acc],
        trend: Trend,
        include_unsettled: bool,
    ) -> Result<Vec<Judged>, CriteriaError> {
        let Some((key, periods)) = self.time_key(plan) else {
            return Ok(Vec::new());
        };
        let settled = self.settled(plan, accs);
        // The groups of each series, by the series' combined key (the time slot zeroed).
        let mut series: HashMap<u64, Vec<(Period, usize)>> = HashMap::new();
        for (gid, acc) in accs.iter().enumerate() {
            let slot = (acc.combined / key.stride) % key.card.max(1);
            let base = acc.combined - slot * key.stride;
            let Some(period) = usize::try_from(slot).ok().and_then(|s| periods.get(s)) else {
                continue;
            };
            series.entry(base).or_default().push((*period, gid));
        }
        let mut out = Vec::with_capacity(series.len());
        for (base, mut points) in series {
            points.sort_by_key(|(p, _)| *p);
            let mut judged = Judged {
                gid: points.first().map_or(0, |(_, g)| *g),
                verdict: Verdict::NotApplicable,
                measured: None,
                too_high: false,
                undecided: None,
                trend: Vec::with_capacity(points.len()),
                at: None,
                series: Some(base),
            };
            let mut compared: Vec<(Period, usize, Measured)> = Vec::new();
            let mut any_value = false;
            for &(period, gid) in &points {
                let Some(acc) = accs.get(gid) else { continue };
                let slot = (acc.combined / key.stride) % key.card.max(1);
                let is_settled = usize::try_from(slot)
                    .ok()
                    .and_then(|s| settled.get(s))
                    .copied()
                    .unwrap_or(false);
                let measured = match self.measure(plan, acc) {
                    Ok(m) => m,
                    Err(reason) => {
                        judged.verdict = Verdict::Indeterminate;
                        judged.undecided = Some(reason);
                        None
                    }
                };
                any_value |= measured.is_some();
                if let Some(m) = measured
                    && (is_settled || include_unsettled)
                {
                    compared.push((period, gid, m));
                }
                judged.trend.push(TrendPoint {
                    at: period,
                    measured,
                    settled: is_settled,
                });
            }
            if judged.undecided.is_some() {
                out.push(judged);
                continue;
            }
            if compared.len() < 2 {
                if any_value {
                    judged.verdict = Verdict::Indeterminate;
                    judged.undecided = Some(Undecided::TooFewWindows {
                        windows: compared.len(),
                    });
                }
                out.push(judged);
                continue;
            }
            judged.verdict = Verdict::Satisfied;
            for pair in compared.windows(2) {
                let [(_, _, before), (period, gid, after)] = pair else {
                    continue;
                };
                let holds = match trend {
                    Trend::NonDecreasing => after.value >= before.value - 1e-9,
                    Trend::Increasing => after.value > before.value + 1e-9,
                };
                if !holds {
                    judged.verdict = Verdict::Violated;
                    judged.measured = Some(*after);
                    judged.at = Some(*period);
                    judged.gid = *gid;
                    break;
                }
            }
            out.push(judged);
        }
        Ok(out)
    }

    /// The witnesses of each violation: their count from the group's counts, and the
    /// first ones from those picked in the pass, of the class the violation lists.
    fn witness(
        &self,
        accs: &[Acc],
        picked: &[Vec<(u32, u32)>; 2],
        violating: &[(usize, usize)],
        too_high_flags: &[bool],
        result: &mut CriterionResult,
    ) {
        // By group and class, the violation that lists its witnesses.
        let mut violation_of = [vec![u32::MAX; accs.len()], vec![u32::MAX; accs.len()]];
        for &(gid, v) in violating {
            let too_high = too_high_flags.get(v).copied().unwrap_or(false);
            let class = self.witness_class(too_high);
            if let Some(slot) = violation_of.get_mut(class).and_then(|m| m.get_mut(gid)) {
                *slot = u32::try_from(v).unwrap_or(u32::MAX);
            }
            let count = accs
                .get(gid)
                .map_or(0, |acc| self.witness_count(acc, too_high));
            if let Some(violation) = result.violations.get_mut(v) {
                violation.witness_count = count;
                let listed = usize::try_from(count).unwrap_or(usize::MAX);
                violation
                    .witnesses
                    .reserve_exact(listed.min(self.witnesses));
            }
        }
        for (class, list) in picked.iter().enumerate() {
            let Some(of) = violation_of.get(class) else {
                continue;
            };
            for &(g, row) in list {
                let Some(violation) = of
                    .get(g as usize)
                    .and_then(|&v| result.violations.get_mut(v as usize))
                else {
                    continue;
                };
                if let Some(key) = self.obligations.key(ObligationId::from_index(row)) {
                    violation.witnesses.push(key);
                }
            }
        }
    }

    /// The class of witnesses a violation lists: those counted for a value too high,
    /// those left out for one too low; a count and mean lateness list what they count
    /// either way.
    fn witness_class(&self, too_high: bool) -> usize {
        match &self.criterion.measure {
            Measure::Count(_) | Measure::MeanLateness(_) => COUNTED,
            _ if too_high => COUNTED,
            _ => LEFT_OUT,
        }
    }

    /// The statuses of the obligations that a measure counts, as a bit per status, and
    /// those of the due obligations it leaves out: the witnesses of a value too high and
    /// of a value too low. A largest overdue age and indicator targets pick theirs in the
    /// pass; a count and mean lateness list those they count either way.
    fn witness_classes(&self) -> [u8; 2] {
        let bits = |statuses: &[Status]| statuses.iter().fold(0u8, |m, s| m | (1 << (*s as u8)));
        let (on_time, late, overdue) = (Status::DoneOnTime, Status::DoneLate, Status::OpenOverdue);
        match &self.criterion.measure {
            Measure::OnTimeRate | Measure::Score(_) | Measure::Grade(_) => {
                [bits(&[on_time]), bits(&[late, overdue])]
            }
            Measure::DoneRate | Measure::Reports => [bits(&[on_time, late]), bits(&[overdue])],
            Measure::LateShare => [bits(&[late]), bits(&[on_time, overdue])],
            Measure::OverdueShare | Measure::OverdueCount => {
                [bits(&[overdue]), bits(&[on_time, late])]
            }
            Measure::Count(statuses) => [bits(statuses), 0],
            Measure::MaxOverdueAge(_) => [0, bits(&[overdue])],
            Measure::MeanLateness(_) => [bits(&[late, overdue]), 0],
            Measure::IndicatorTargetMet => [0, 0],
        }
    }

    /// How many obligations of a group pull its value the wrong way (those of the class
    /// [`Context::witness_classes`] gives, or past the upper bound for an age too high),
    /// from the group's counts.
    fn witness_count(&self, acc: &Acc, too_high: bool) -> u64 {
        let (on_time, late, overdue) = (
            count(acc, Status::DoneOnTime),
            count(acc, Status::DoneLate),
            count(acc, Status::OpenOverdue),
        );
        // The due obligations the measure counts, and those it leaves out.
        let (counted, left_out) = match &self.criterion.measure {
            Measure::OnTimeRate | Measure::Score(_) | Measure::Grade(_) => {
                (on_time, late + overdue)
            }
            Measure::DoneRate | Measure::Reports => (on_time + late, overdue),
            Measure::LateShare => (late, on_time + overdue),
            Measure::OverdueShare | Measure::OverdueCount => (overdue, on_time + late),
            Measure::Count(statuses) => {
                let n = Status::ALL
                    .iter()
                    .filter(|s| statuses.contains(s))
                    .map(|s| count(acc, *s))
                    .sum();
                return n;
            }
            Measure::MaxOverdueAge(_) => {
                return if too_high { acc.days_over } else { overdue };
            }
            Measure::MeanLateness(_) => return late + overdue,
            Measure::IndicatorTargetMet => (
                acc.target_met,
                acc.target_due - acc.target_met.min(acc.target_due),
            ),
        };
        if too_high { counted } else { left_out }
    }
}

/// The requirement's upper bound, if it has one.
fn upper_bound(requirement: &Requirement) -> f64 {
    match requirement {
        Requirement::AtMost(t) | Requirement::Equal(t) | Requirement::Between(_, t) => t.value(),
        _ => f64::INFINITY,
    }
}

/// Whether a value that breaks the requirement is above it (else below).
fn too_high(requirement: &Requirement, value: f64) -> bool {
    match requirement {
        Requirement::AtLeast(_) | Requirement::Trend { .. } => false,
        Requirement::AtMost(_) => true,
        Requirement::Equal(t) => value > t.value(),
        Requirement::Between(_, high) => value > high.value(),
    }
}

impl KeyPlan {
    fn with_card(mut self) -> KeyPlan {
        self.card = self.windows.len() as u64;
        self
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on unexpected errors"
)]
mod tests {
    use super::*;
    use crate::compliance::{EvaluationPolicy, Events, evaluate};
    use crate::criteria::{Scope, Threshold};
    use crate::directive::{DirectiveKey, TaskNumber};
    use crate::document::DocSymbol;
    use crate::obligation::{ObligationRow, RequirementIndex};
    use crate::org::{Body, BodyCode, Selector};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// 600 obligations of five bodies over six months (more rows than pairs of body and
    /// month, so the cells serve), with on-time, late, missing and future submissions.
    fn store() -> (Obligations, Events) {
        let mut obligations = Obligations::new();
        let mut events = Events::new();
        let directive = obligations
            .add_directive(DirectiveKey::new(
                DocSymbol::parse("1/CT-UBND").unwrap(),
                date(2025, 1, 1),
            ))
            .unwrap();
        let task = obligations
            .add_clause(TaskNumber::new("1").unwrap())
            .unwrap();
        for body in 1..=5u32 {
            obligations
                .bind_body(
                    BodyId::from_index(body),
                    BodyCode::new(format!("B{body}")).unwrap(),
                )
                .unwrap();
        }
        let periods: Vec<_> = (1..=6)
            .map(|m| {
                obligations
                    .add_period(Period::month(2025, m).unwrap())
                    .unwrap()
            })
            .collect();
        for i in 0..600u32 {
            let month = (i * 11) % 6;
            let due = date(2025, month + 2, 1 + (i % 20));
            let id = obligations
                .insert(ObligationRow {
                    directive,
                    clause: task,
                    requirement: RequirementIndex::new(i + 1),
                    body: BodyId::from_index(1 + (i * 7) % 5),
                    period: periods[month as usize],
                    due,
                })
                .unwrap();
            let on = match i % 7 {
                0..=2 => Some(due - chrono::Days::new(u64::from(i % 5))),
                3..=4 => Some(due + chrono::Days::new(u64::from(1 + i % 40))),
                _ => None,
            };
            if let Some(on) = on {
                events.push_submission(id, on).unwrap();
            }
        }
        (obligations, events)
    }

    fn registry(with_last: bool) -> Registry {
        let from = date(2000, 1, 1);
        let mut builder = Registry::builder().body(Body::new(
            "TU".parse().unwrap(),
            "Tỉnh ủy",
            BodyKind::PartyCommittee,
            Level::Province,
            from,
        ));
        for body in 1..=if with_last { 5 } else { 4 } {
            let (kind, level) = if body % 2 == 0 {
                (BodyKind::DepartmentOrAgency, Level::Province)
            } else {
                (BodyKind::PartyCommittee, Level::District)
            };
            builder = builder.body(
                Body::new(
                    format!("B{body}").parse().unwrap(),
                    format!("Body {body}"),
                    kind,
                    level,
                    from,
                )
                .with_parent("TU".parse().unwrap()),
            );
        }
        builder.build().unwrap()
    }

    fn criteria() -> Criteria {
        let rule = |id: &str| Criterion::builder(id).title(id, id).provision("p");
        let all = vec![
            rule("on-time")
                .group_by([GroupBy::Holder, GroupBy::Quarter])
                .measure(Measure::OnTimeRate)
                .require(Requirement::AtLeast(Threshold::Number(0.5))),
            rule("overdue")
                .group_by([GroupBy::Holder])
                .measure(Measure::OverdueCount)
                .require(Requirement::AtMost(Threshold::Number(10.0))),
            rule("districts-late")
                .scope(Scope::all().bodies(Selector::Kind(BodyKind::PartyCommittee)))
                .group_by([GroupBy::Level, GroupBy::Period])
                .measure(Measure::LateShare)
                .require(Requirement::AtMost(Threshold::Number(0.2))),
            rule("trend")
                .group_by([GroupBy::Kind, GroupBy::Period])
                .measure(Measure::DoneRate)
                .require(Requirement::Trend {
                    trend: Trend::Increasing,
                    include_unsettled: true,
                }),
            rule("count")
                .scope(
                    Scope::all()
                        .periods_from(Period::month(2025, 2).unwrap())
                        .statuses([Status::OpenOverdue, Status::DoneLate]),
                )
                .group_by([GroupBy::Period, GroupBy::Holder])
                .measure(Measure::Count(vec![Status::OpenOverdue]))
                .require(Requirement::AtMost(Threshold::Number(3.0))),
            rule("age")
                .group_by([GroupBy::Holder])
                .measure(Measure::MaxOverdueAge(TermUnit::Days))
                .require(Requirement::AtMost(Threshold::Number(30.0))),
        ];
        Criteria::new(all.into_iter().map(|b| b.build().unwrap()).collect())
            .unwrap()
            .with_witnesses(3)
    }

    #[test]
    fn cells_and_rows_agree() {
        let (obligations, events) = store();
        let policy = EvaluationPolicy::without_calendar();
        let evaluation = evaluate(&obligations, &events, date(2025, 6, 30), &policy).unwrap();
        let registry = registry(true);
        let criteria = criteria();
        let by_cells = criteria.assess_with(&evaluation, &registry, true).unwrap();
        let by_rows = criteria.assess_with(&evaluation, &registry, false).unwrap();
        assert_eq!(by_cells, by_rows);
        assert_eq!(
            by_cells.display(Lang::En).to_string(),
            by_rows.display(Lang::En).to_string()
        );
        // Something to compare: violations with witnesses, and groups of every verdict.
        assert!(by_cells.results().iter().all(|r| r.groups().total() > 0));
        assert!(
            by_cells
                .results()
                .iter()
                .any(|r| r.violations().iter().any(|v| v.witnesses().len() == 3))
        );
    }

    #[test]
    fn cells_and_rows_report_the_same_unknown_body() {
        let (obligations, events) = store();
        let policy = EvaluationPolicy::without_calendar();
        let evaluation = evaluate(&obligations, &events, date(2025, 6, 30), &policy).unwrap();
        let registry = registry(false);
        let criteria = criteria();
        let by_cells = criteria
            .assess_with(&evaluation, &registry, true)
            .unwrap_err();
        let by_rows = criteria
            .assess_with(&evaluation, &registry, false)
            .unwrap_err();
        assert_eq!(by_cells.to_string(), by_rows.to_string());
        assert!(by_cells.to_string().contains("B5"), "{by_cells}");
    }
}
