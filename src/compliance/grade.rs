//! Grades: dated grading policies as data, with presets, and the ranking of bodies.
//!
//! A [`GradingPolicy`] turns the [`StatusCounts`] of a body into a *timeliness index* and
//! a [`Grade`]. The index is what obligations and events can tell: every due obligation
//! weighs the same, one done on time earns its point, one done late keeps `1 −
//! late_penalty` of it, one open and overdue earns nothing. It is not the score of any
//! regulation: the rules in force grade people and collectives on more than timeliness
//! (quality, general criteria, discipline), and the presets list what they leave out
//! ([`GradingPolicy::conditions_not_applied`]).
//!
//! Grading rules change: a policy governs the assessment years it was in force for
//! ([`GradingPolicy::applies_to`]), and [`GradingPolicy::assess`] grading a year outside
//! them says so in a [`GradingDiagnostic`]. The presets for 2024 are Regulation 124-QĐ/TW
//! (Party bodies) and Decree 90/2020/NĐ-CP as amended by Decree 48/2023/NĐ-CP (civil
//! servants); their successors are Regulation 366-QĐ/TW (from the 2025 assessment) and
//! Decree 335/2025/NĐ-CP (from 2026). [`facts`] lists the presets with their provenance.

use std::cmp::Ordering;
use std::fmt;

use super::Status;
use super::scorecard::StatusCounts;
use crate::obligation::Obligations;
use crate::org::{BodyCode, BodyId};
use crate::provenance::{Fact, FactArea, Provenance};

/// The four grades of an annual assessment.
///
/// # Example
///
/// ```
/// use directives::compliance::Grade;
///
/// assert_eq!(Grade::Good.label(directives::Lang::Vi), "hoàn thành tốt nhiệm vụ");
/// assert_eq!(Grade::Good.label(directives::Lang::En), "good");
/// assert!(Grade::Excellent > Grade::Good);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Grade {
    /// Không hoàn thành nhiệm vụ.
    NotCompleted,
    /// Hoàn thành nhiệm vụ.
    Completed,
    /// Hoàn thành tốt nhiệm vụ.
    Good,
    /// Hoàn thành xuất sắc nhiệm vụ.
    Excellent,
}

impl Grade {
    /// The label in `lang`: `hoàn thành xuất sắc nhiệm vụ`, `excellent`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::compliance::Grade;
    ///
    /// assert_eq!(Grade::Excellent.label(Lang::Vi), "hoàn thành xuất sắc nhiệm vụ");
    /// assert_eq!(Grade::NotCompleted.label(Lang::En), "not completed");
    /// ```
    #[must_use]
    pub const fn label(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::Vi => match self {
                Grade::Excellent => "hoàn thành xuất sắc nhiệm vụ",
                Grade::Good => "hoàn thành tốt nhiệm vụ",
                Grade::Completed => "hoàn thành nhiệm vụ",
                Grade::NotCompleted => "không hoàn thành nhiệm vụ",
            },
            crate::Lang::En => match self {
                Grade::Excellent => "excellent",
                Grade::Good => "good",
                Grade::Completed => "completed",
                Grade::NotCompleted => "not completed",
            },
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(crate::Lang::En))
    }
}

/// A grading policy or rule that cannot be built: a blank name, or a number out of range.
///
/// # Example
///
/// ```
/// use directives::compliance::{GradeRule, GradingPolicy};
///
/// let err = GradingPolicy::new("mine", 1.5, GradeRule::min_index(90.0), GradeRule::min_index(70.0), GradeRule::min_index(50.0))
///     .unwrap_err();
/// assert_eq!(err.to_string(), "grading policy `mine`: late penalty `1.5` is out of range: expected 0 to 1");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GradingError {
    /// A policy with a blank name.
    #[error("a grading policy has a blank name")]
    BlankName,
    /// A late penalty that is not a number from 0 to 1.
    #[error("grading policy `{policy}`: late penalty `{value}` is out of range: expected 0 to 1")]
    LatePenalty {
        /// The policy's name.
        policy: String,
        /// The value given.
        value: f64,
    },
    /// A minimum index that is not a number from 0 to 100.
    #[error(
        "grading policy `{policy}`: the minimum index `{value}` for `{grade}` is out of range: expected 0 to 100"
    )]
    Index {
        /// The policy's name.
        policy: String,
        /// The grade whose rule it is.
        grade: Grade,
        /// The value given.
        value: f64,
    },
    /// A share that is not a number from 0 to 1.
    #[error(
        "grading policy `{policy}`: the {what} `{value}` for `{grade}` is out of range: expected 0 to 1"
    )]
    Share {
        /// The policy's name.
        policy: String,
        /// The grade whose rule it is.
        grade: Grade,
        /// Which share: `minimum on-time share`, `minimum done share`, `maximum late share`.
        what: &'static str,
        /// The value given.
        value: f64,
    },
    /// A scorecard names a body that the obligation store does not know (its scorecards
    /// come from another store's evaluation).
    #[error("a scorecard names a body that the obligation store does not know")]
    UnknownBody,
    /// A range of assessment years whose last year comes before its first.
    #[error("grading policy `{policy}`: assessment years `{first}` to `{last}` are reversed")]
    Years {
        /// The policy's name.
        policy: String,
        /// The first year given.
        first: i32,
        /// The last year given.
        last: i32,
    },
}

/// What a scorecard needs for one grade: a minimum timeliness index and, optionally,
/// minimum shares of on-time and done obligations and a maximum share of late ones
/// (shares of the due obligations, from 0 to 1).
///
/// # Example
///
/// ```
/// use directives::compliance::GradeRule;
///
/// let rule = GradeRule::min_index(70.0).with_min_on_time_share(1.0);
/// assert_eq!(rule.index(), 70.0);
/// assert_eq!(rule.to_string(), "index from 70, every due item done on time");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
pub struct GradeRule {
    min_index: f64,
    #[cfg_attr(feature = "serde", serde(default))]
    min_on_time_share: Option<f64>,
    #[cfg_attr(feature = "serde", serde(default))]
    min_done_share: Option<f64>,
    #[cfg_attr(feature = "serde", serde(default))]
    max_late_share: Option<f64>,
}

impl GradeRule {
    /// A rule that needs only this timeliness index (0 to 100).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradeRule;
    ///
    /// assert_eq!(GradeRule::min_index(50.0).index(), 50.0);
    /// ```
    #[must_use]
    pub const fn min_index(index: f64) -> GradeRule {
        GradeRule {
            min_index: index,
            min_on_time_share: None,
            min_done_share: None,
            max_late_share: None,
        }
    }

    /// The same rule, also needing this share of due obligations done on time.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradeRule;
    ///
    /// let rule = GradeRule::min_index(90.0).with_min_on_time_share(1.0);
    /// assert_ne!(rule, GradeRule::min_index(90.0));
    /// ```
    #[must_use]
    pub const fn with_min_on_time_share(mut self, share: f64) -> GradeRule {
        self.min_on_time_share = Some(share);
        self
    }

    /// The same rule, also needing this share of due obligations done.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradeRule;
    ///
    /// let rule = GradeRule::min_index(50.0).with_min_done_share(1.0);
    /// assert_ne!(rule, GradeRule::min_index(50.0));
    /// ```
    #[must_use]
    pub const fn with_min_done_share(mut self, share: f64) -> GradeRule {
        self.min_done_share = Some(share);
        self
    }

    /// The same rule, allowing at most this share of due obligations done late.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradeRule;
    ///
    /// let rule = GradeRule::min_index(50.0).with_max_late_share(0.2);
    /// assert_ne!(rule, GradeRule::min_index(50.0));
    /// ```
    #[must_use]
    pub const fn with_max_late_share(mut self, share: f64) -> GradeRule {
        self.max_late_share = Some(share);
        self
    }

    /// The minimum timeliness index.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradeRule;
    ///
    /// assert_eq!(GradeRule::min_index(70.0).index(), 70.0);
    /// ```
    #[must_use]
    pub const fn index(&self) -> f64 {
        self.min_index
    }

    fn check(&self, policy: &str, grade: Grade) -> Result<(), GradingError> {
        if !(0.0..=100.0).contains(&self.min_index) {
            return Err(GradingError::Index {
                policy: policy.to_owned(),
                grade,
                value: self.min_index,
            });
        }
        let shares = [
            ("minimum on-time share", self.min_on_time_share),
            ("minimum done share", self.min_done_share),
            ("maximum late share", self.max_late_share),
        ];
        for (what, share) in shares {
            if let Some(value) = share
                && !(0.0..=1.0).contains(&value)
            {
                return Err(GradingError::Share {
                    policy: policy.to_owned(),
                    grade,
                    what,
                    value,
                });
            }
        }
        Ok(())
    }

    fn admits(&self, index: f64, counts: &StatusCounts) -> bool {
        let share = |s: Status| counts.share(s).unwrap_or(0.0);
        let done = share(Status::DoneOnTime) + share(Status::DoneLate);
        index >= self.min_index
            && self
                .min_on_time_share
                .is_none_or(|min| share(Status::DoneOnTime) >= min)
            && self.min_done_share.is_none_or(|min| done >= min)
            && self
                .max_late_share
                .is_none_or(|max| share(Status::DoneLate) <= max)
    }
}

impl fmt::Display for GradeRule {
    /// The rule in words: `index from 90, every due item done on time`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = |share: f64| format!("{}%", share * 100.0);
        let mut parts = Vec::new();
        if self.min_index > 0.0 {
            parts.push(format!("index from {}", self.min_index));
        }
        match self.min_on_time_share {
            Some(s) if s >= 1.0 => parts.push("every due item done on time".to_owned()),
            Some(s) => parts.push(format!("at least {} done on time", percent(s))),
            None => {}
        }
        match self.min_done_share {
            Some(s) if s >= 1.0 => parts.push("every due item done".to_owned()),
            Some(s) => parts.push(format!("at least {} done", percent(s))),
            None => {}
        }
        if let Some(s) = self.max_late_share {
            parts.push(format!("at most {} late", percent(s)));
        }
        if parts.is_empty() {
            f.write_str("no condition")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// How status counts become a timeliness index and a grade, and for which assessment
/// years.
///
/// The index is `100 × points / due`, where each due obligation done on time earns one
/// point, one done late earns `1 − late_penalty`, and one open and overdue earns none;
/// waived, not-applicable and not-yet-due obligations are left out. A grade is given when
/// its rule admits the counts, trying excellent, good and completed in turn.
///
/// A policy governs a range of assessment years (open at either end when not given); the
/// presets name theirs, and [`GradingPolicy::assess`] says when a year falls outside them.
/// It also lists, per grade, the conditions of its source that obligations cannot show
/// (quality, work beyond what was asked, discipline), which the grade does not check.
///
/// Grading policies are data: build one with [`GradingPolicy::new`], or take a preset:
/// [`GradingPolicy::regulation_124_2023`], [`GradingPolicy::decree_90_2020_as_amended`],
/// [`GradingPolicy::regulation_366_2025`], [`GradingPolicy::decree_335_2025_timeliness`].
///
/// # Serde
///
/// A map with `name`, `late_penalty`, `excellent`, `good`, `completed` (each a rule with
/// `min_index` and optional shares) and optional `first_year`, `last_year`, `provenance`
/// and `conditions_not_applied` (a list of `{grade, condition}`); reading goes through the
/// checks of [`GradingPolicy::new`].
///
/// # Example
///
/// ```
/// use directives::compliance::{GradeRule, GradingPolicy};
///
/// let custom = GradingPolicy::new(
///     "provincial timeliness index",
///     0.5,
///     GradeRule::min_index(95.0),
///     GradeRule::min_index(80.0),
///     GradeRule::min_index(60.0),
/// )?
/// .in_force_for(2024, Some(2025))?;
/// assert_eq!(custom.late_penalty(), 0.5);
/// assert!(custom.applies_to(2024));
/// assert!(!custom.applies_to(2026));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "wire::PolicyWire", into = "wire::PolicyWire")
)]
pub struct GradingPolicy {
    // INVARIANT (checked-policy): passed the checks of `GradingPolicy::new` and
    // `in_force_for`.
    name: String,
    first_year: Option<i32>,
    last_year: Option<i32>,
    late_penalty: f64,
    excellent: GradeRule,
    good: GradeRule,
    completed: GradeRule,
    provenance: Option<Provenance>,
    not_applied: Vec<(Grade, String)>,
}

impl GradingPolicy {
    /// A policy named `name`, with this late penalty (the share of its point a late
    /// obligation loses) and these rules, for every assessment year.
    ///
    /// # Errors
    ///
    /// [`GradingError::BlankName`]; [`GradingError::LatePenalty`] for a penalty that is not
    /// from 0 to 1; [`GradingError::Index`] and [`GradingError::Share`] for a rule's
    /// numbers out of range (NaN included).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{GradeRule, GradingPolicy};
    ///
    /// let p = GradingPolicy::new("mine", 0.25, GradeRule::min_index(90.0), GradeRule::min_index(70.0), GradeRule::min_index(50.0))?;
    /// assert_eq!(p.name(), "mine");
    /// assert!(GradingPolicy::new("mine", f64::NAN, GradeRule::min_index(90.0), GradeRule::min_index(70.0), GradeRule::min_index(50.0)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        name: impl Into<String>,
        late_penalty: f64,
        excellent: GradeRule,
        good: GradeRule,
        completed: GradeRule,
    ) -> Result<GradingPolicy, GradingError> {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(GradingError::BlankName);
        }
        if !(0.0..=1.0).contains(&late_penalty) {
            return Err(GradingError::LatePenalty {
                policy: name,
                value: late_penalty,
            });
        }
        excellent.check(&name, Grade::Excellent)?;
        good.check(&name, Grade::Good)?;
        completed.check(&name, Grade::Completed)?;
        // INVARIANT (checked-policy): checked just above.
        Ok(GradingPolicy {
            name,
            first_year: None,
            last_year: None,
            late_penalty,
            excellent,
            good,
            completed,
            provenance: None,
            not_applied: Vec::new(),
        })
    }

    /// The same policy, governing the assessment years `first ..= last` (`last` open when
    /// `None`).
    ///
    /// # Errors
    ///
    /// [`GradingError::Years`] when `last` is before `first`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{GradeRule, GradingPolicy};
    ///
    /// let p = GradingPolicy::new("mine", 0.25, GradeRule::min_index(90.0), GradeRule::min_index(70.0), GradeRule::min_index(50.0))?;
    /// assert!(p.clone().in_force_for(2025, Some(2024)).is_err());
    /// let p = p.in_force_for(2024, None)?;
    /// assert_eq!((p.first_year(), p.last_year()), (Some(2024), None));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_force_for(mut self, first: i32, last: Option<i32>) -> Result<Self, GradingError> {
        if let Some(last) = last
            && last < first
        {
            return Err(GradingError::Years {
                policy: self.name,
                first,
                last,
            });
        }
        self.first_year = Some(first);
        self.last_year = last;
        Ok(self)
    }

    /// The same policy, with where it comes from and how sure it is.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{GradeRule, GradingPolicy};
    /// use directives::provenance::Provenance;
    ///
    /// let p = GradingPolicy::new("mine", 0.25, GradeRule::min_index(90.0), GradeRule::min_index(70.0), GradeRule::min_index(50.0))?
    ///     .with_provenance(Provenance::verified("Decision 12/2024/QĐ-UBND art. 5")?);
    /// assert!(p.provenance().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_provenance(mut self, provenance: Provenance) -> Self {
        self.provenance = Some(provenance);
        self
    }

    /// The same policy, noting a condition of `grade` in its source that the policy does
    /// not check (an assessment giving that grade lists it).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Grade, GradeRule, GradingPolicy};
    ///
    /// let p = GradingPolicy::new("mine", 0.25, GradeRule::min_index(90.0), GradeRule::min_index(70.0), GradeRule::min_index(50.0))?
    ///     .with_condition_not_applied(Grade::Excellent, "an innovation recognised by the council");
    /// assert_eq!(p.conditions_not_applied(Grade::Excellent), ["an innovation recognised by the council"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_condition_not_applied(
        mut self,
        grade: Grade,
        condition: impl Into<String>,
    ) -> Self {
        self.not_applied.push((grade, condition.into()));
        self
    }

    fn preset(
        name: &str,
        years: (i32, Option<i32>),
        late_penalty: f64,
        rules: [GradeRule; 3],
        assumption: &str,
        not_applied: &[(Grade, &str)],
    ) -> GradingPolicy {
        let [excellent, good, completed] = rules;
        // INVARIANT (checked-policy): the presets' numbers are in range and their years in
        // order; the unit test `presets_pass_the_checks` confirms it.
        GradingPolicy {
            name: name.to_owned(),
            first_year: Some(years.0),
            last_year: years.1,
            late_penalty,
            excellent,
            good,
            completed,
            provenance: Provenance::unverified(assumption).ok(),
            not_applied: not_applied
                .iter()
                .map(|(g, c)| (*g, (*c).to_owned()))
                .collect(),
        }
    }

    /// Regulation 124-QĐ/TW of the Politburo (2023-10-04), on the annual review and
    /// grading of collectives and individuals in the political system, replacing
    /// Regulation 132-QĐ/TW: for Party bodies, assessment years 2023 and 2024 (Regulation
    /// 366-QĐ/TW replaced it in 2025).
    ///
    /// Its grading criteria (art. 12) are conditions, not points. The preset reads them
    /// as: excellent and good with every task done on time, completed with every task done
    /// and at most 20% late, otherwise not completed — the structure of its successor,
    /// since the text of art. 12 was not read (*unverified*). The timeliness index it
    /// reports is the share done on time (`late_penalty` 1), shown for information.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Grade, GradingPolicy, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// for _ in 0..9 { counts.add(Status::DoneOnTime); }
    /// counts.add(Status::DoneLate);
    /// let policy = GradingPolicy::regulation_124_2023();
    /// assert!(policy.applies_to(2024) && !policy.applies_to(2025));
    /// assert_eq!(policy.grade(&counts), Some(Grade::Completed));
    /// assert_eq!(policy.timeliness_index(&counts), Some(90.0));
    /// ```
    #[must_use]
    pub fn regulation_124_2023() -> GradingPolicy {
        GradingPolicy::preset(
            "Regulation 124-QĐ/TW (2023), Party bodies",
            (2023, Some(2024)),
            1.0,
            [
                GradeRule::min_index(0.0).with_min_on_time_share(1.0),
                GradeRule::min_index(0.0).with_min_on_time_share(1.0),
                GradeRule::min_index(0.0)
                    .with_min_done_share(1.0)
                    .with_max_late_share(0.2),
            ],
            REG_124_ASSUMPTION,
            &[
                (
                    Grade::Excellent,
                    "tasks done beyond what was asked, and the further conditions of art. 12 on quality and discipline",
                ),
                (Grade::Good, "the quality and efficiency of the work done"),
            ],
        )
    }

    /// Decree 90/2020/NĐ-CP (in force 2020-08-20) as amended by Decree 48/2023/NĐ-CP, on
    /// grading cadres, civil servants and public employees: for civil servants who hold
    /// no management post, assessment years 2023 to 2025 (Decree 335/2025/NĐ-CP replaced
    /// it from 2026).
    ///
    /// Its criteria are conditions, not points: excellent needs every task done on time
    /// and at least 50% beyond what was asked (art. 8.1(b)); good, every task done on time
    /// (art. 9.1(b)); completed, every task done with at most 20% not on time or of low
    /// quality (art. 10, *unverified*: taken from art. 14.1(b), the parallel rule for
    /// public employees). Decree 48/2023 caps the share graded excellent, which a grade of
    /// one body cannot apply. Applied to a body, the preset treats it as one civil servant:
    /// an analogy. The timeliness index is the share done on time (`late_penalty` 1).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Grade, GradingPolicy, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// for _ in 0..4 { counts.add(Status::DoneOnTime); }
    /// let policy = GradingPolicy::decree_90_2020_as_amended();
    /// assert!(policy.applies_to(2024));
    /// assert_eq!(policy.grade(&counts), Some(Grade::Excellent));
    /// counts.add(Status::OpenOverdue);
    /// assert_eq!(policy.grade(&counts), Some(Grade::NotCompleted));
    /// ```
    #[must_use]
    pub fn decree_90_2020_as_amended() -> GradingPolicy {
        GradingPolicy::preset(
            "Decree 90/2020/NĐ-CP as amended by Decree 48/2023/NĐ-CP, civil servants",
            (2023, Some(2025)),
            1.0,
            [
                GradeRule::min_index(0.0).with_min_on_time_share(1.0),
                GradeRule::min_index(0.0).with_min_on_time_share(1.0),
                GradeRule::min_index(0.0)
                    .with_min_done_share(1.0)
                    .with_max_late_share(0.2),
            ],
            DECREE_90_ASSUMPTION,
            &[
                (
                    Grade::Excellent,
                    "at least 50% of tasks done beyond what was asked (art. 8.1(b)), the general criteria of art. 3, and the cap of Decree 48/2023/NĐ-CP on the share graded excellent",
                ),
                (
                    Grade::Good,
                    "the quality and efficiency of the work done, and the general criteria of art. 3",
                ),
                (Grade::Completed, "the general criteria of art. 3"),
            ],
        )
    }

    /// Regulation 366-QĐ/TW of the Politburo (2025-08-30), art. 11, from the 2025
    /// assessment: excellent from 90 points with every task done on time, good from 70
    /// with every task on time, completed from 50 with every task done and at most 20%
    /// late.
    ///
    /// The regulation's 100 points come from groups of criteria; the preset puts the
    /// timeliness index in their place and takes 25% off a late item, a figure the
    /// regulation's text as read does not set (*unverified*). Not checked: for excellent,
    /// at least 30% of tasks done beyond what was asked, and for a collective, no
    /// disciplined member or subordinate unit.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Grade, GradingPolicy, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// for _ in 0..19 { counts.add(Status::DoneOnTime); }
    /// counts.add(Status::DoneLate);
    /// // An index of 98.75, but one late task rules out excellent and good.
    /// assert_eq!(GradingPolicy::regulation_366_2025().grade(&counts), Some(Grade::Completed));
    /// assert_eq!(GradingPolicy::decree_335_2025_timeliness().grade(&counts), Some(Grade::Excellent));
    /// ```
    #[must_use]
    pub fn regulation_366_2025() -> GradingPolicy {
        GradingPolicy::preset(
            "timeliness index on the grades of Regulation 366-QĐ/TW (2025)",
            (2025, None),
            0.25,
            [
                GradeRule::min_index(90.0).with_min_on_time_share(1.0),
                GradeRule::min_index(70.0).with_min_on_time_share(1.0),
                GradeRule::min_index(50.0)
                    .with_min_done_share(1.0)
                    .with_max_late_share(0.2),
            ],
            REG_366_ASSUMPTION,
            &[
                (
                    Grade::Excellent,
                    "at least 30% of tasks done beyond what was asked; for a collective, no disciplined member or subordinate unit",
                ),
                (Grade::Good, "the groups of criteria behind the 100 points"),
                (
                    Grade::Completed,
                    "the groups of criteria behind the 100 points",
                ),
            ],
        )
    }

    /// A timeliness index read on the grade bands of Decree 335/2025/NĐ-CP (in force
    /// 2026-01-01; civil servants): excellent from 90, good from 70, completed from 50,
    /// not completed under 50, for assessment years from 2026.
    ///
    /// This is **not** the decree's grade. The decree scores 100 points: 30 for general
    /// criteria, the rest for the quantity, quality and progress (tiến độ) of each product,
    /// and art. 14.2(c) takes 25% off an item's *progress* points for each delay. Here
    /// every due item weighs the same and a late one keeps 75% of its whole point: an index
    /// of timeliness only, compared with the decree's bands. Not checked: the general
    /// criteria, quantity and quality, the grounds that make a civil servant "not
    /// completed" regardless of points, and the cap of excellent grades at 20% of those
    /// graded good.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    ///
    /// let policy = GradingPolicy::decree_335_2025_timeliness();
    /// assert_eq!(policy.late_penalty(), 0.25);
    /// assert!(!policy.applies_to(2025));
    /// assert!(policy.name().starts_with("timeliness index"));
    /// ```
    #[must_use]
    pub fn decree_335_2025_timeliness() -> GradingPolicy {
        GradingPolicy::preset(
            "timeliness index on the grade bands of Decree 335/2025/NĐ-CP",
            (2026, None),
            0.25,
            [
                GradeRule::min_index(90.0),
                GradeRule::min_index(70.0),
                GradeRule::min_index(50.0),
            ],
            DECREE_335_ASSUMPTION,
            &[
                (
                    Grade::Excellent,
                    "the decree's 100 points (30 general, quantity, quality, progress) and the cap of excellent grades at 20% of those graded good",
                ),
                (
                    Grade::Good,
                    "the decree's 100 points (30 general, quantity, quality, progress)",
                ),
                (
                    Grade::Completed,
                    "the decree's 100 points and its grounds for \"not completed\" regardless of points",
                ),
            ],
        )
    }

    /// Every grading preset, oldest first.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    ///
    /// let for_2024: Vec<String> = GradingPolicy::presets()
    ///     .into_iter()
    ///     .filter(|p| p.applies_to(2024))
    ///     .map(|p| p.name().to_owned())
    ///     .collect();
    /// assert_eq!(for_2024.len(), 2);
    /// ```
    #[must_use]
    pub fn presets() -> Vec<GradingPolicy> {
        vec![
            GradingPolicy::regulation_124_2023(),
            GradingPolicy::decree_90_2020_as_amended(),
            GradingPolicy::regulation_366_2025(),
            GradingPolicy::decree_335_2025_timeliness(),
        ]
    }

    /// The policy's name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    ///
    /// assert!(GradingPolicy::regulation_124_2023().name().starts_with("Regulation 124-QĐ/TW"));
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The share of its point a late obligation loses.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    ///
    /// assert_eq!(GradingPolicy::regulation_366_2025().late_penalty(), 0.25);
    /// ```
    #[must_use]
    pub fn late_penalty(&self) -> f64 {
        self.late_penalty
    }

    /// The first assessment year the policy governs, if bounded.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    ///
    /// assert_eq!(GradingPolicy::regulation_366_2025().first_year(), Some(2025));
    /// ```
    #[must_use]
    pub fn first_year(&self) -> Option<i32> {
        self.first_year
    }

    /// The last assessment year the policy governs, if bounded.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    ///
    /// assert_eq!(GradingPolicy::regulation_124_2023().last_year(), Some(2024));
    /// ```
    #[must_use]
    pub fn last_year(&self) -> Option<i32> {
        self.last_year
    }

    /// Where the policy comes from and how sure it is; `None` for a policy given none.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    /// use directives::provenance::Certainty;
    ///
    /// let p = GradingPolicy::decree_335_2025_timeliness();
    /// assert_eq!(p.provenance().map(|p| p.certainty()), Some(Certainty::Unverified));
    /// ```
    #[must_use]
    pub fn provenance(&self) -> Option<&Provenance> {
        self.provenance.as_ref()
    }

    /// The conditions for `grade` in the policy's source that it does not check.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Grade, GradingPolicy};
    ///
    /// let p = GradingPolicy::regulation_366_2025();
    /// assert!(p.conditions_not_applied(Grade::Excellent)[0].starts_with("at least 30% of tasks"));
    /// ```
    #[must_use]
    pub fn conditions_not_applied(&self, grade: Grade) -> Vec<&str> {
        self.not_applied
            .iter()
            .filter(|(g, _)| *g == grade)
            .map(|(_, c)| c.as_str())
            .collect()
    }

    /// Whether the policy governs assessment year `year`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    ///
    /// let p = GradingPolicy::decree_90_2020_as_amended();
    /// assert!(!p.applies_to(2022) && p.applies_to(2023) && p.applies_to(2025) && !p.applies_to(2026));
    /// ```
    #[must_use]
    pub fn applies_to(&self, year: i32) -> bool {
        self.first_year.is_none_or(|first| year >= first)
            && self.last_year.is_none_or(|last| year <= last)
    }

    /// The timeliness index (0 to 100) of these counts, or `None` when nothing is due.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{GradingPolicy, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// counts.add(Status::DoneLate);
    /// counts.add(Status::OpenOverdue);
    /// assert_eq!(GradingPolicy::decree_335_2025_timeliness().timeliness_index(&counts), Some(37.5));
    /// ```
    #[must_use]
    pub fn timeliness_index(&self, counts: &StatusCounts) -> Option<f64> {
        let due = counts.due();
        if due == 0 {
            return None;
        }
        let points = counts.get(Status::DoneOnTime) as f64
            + counts.get(Status::DoneLate) as f64 * (1.0 - self.late_penalty);
        Some(100.0 * points / due as f64)
    }

    /// The grade of these counts, or `None` when nothing is due, whatever the year (see
    /// [`GradingPolicy::assess`] for a dated grade).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Grade, GradingPolicy, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// counts.add(Status::OpenOverdue);
    /// assert_eq!(GradingPolicy::decree_335_2025_timeliness().grade(&counts), Some(Grade::NotCompleted));
    /// ```
    #[must_use]
    pub fn grade(&self, counts: &StatusCounts) -> Option<Grade> {
        let index = self.timeliness_index(counts)?;
        Some(if self.excellent.admits(index, counts) {
            Grade::Excellent
        } else if self.good.admits(index, counts) {
            Grade::Good
        } else if self.completed.admits(index, counts) {
            Grade::Completed
        } else {
            Grade::NotCompleted
        })
    }

    /// The assessment of one year's counts under the policy: the index, the grade, and
    /// what the reader must know — that the policy does not govern the year, that it rests
    /// on an assumption, and which conditions of the grade given it did not check.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Grade, GradingDiagnostic, GradingPolicy, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// counts.add(Status::DoneOnTime);
    /// let a = GradingPolicy::decree_335_2025_timeliness().assess(2024, &counts);
    /// assert_eq!(a.grade(), Some(Grade::Excellent));
    /// assert!(matches!(a.diagnostics()[0], GradingDiagnostic::NotInForce { year: 2024, .. }));
    /// assert_eq!(
    ///     a.diagnostics()[0].to_string(),
    ///     "`timeliness index on the grade bands of Decree 335/2025/NĐ-CP` governs assessment years from 2026: year `2024` is outside them",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn assess(&self, year: i32, counts: &StatusCounts) -> YearGrade {
        let index = self.timeliness_index(counts);
        let grade = self.grade(counts);
        let mut diagnostics = Vec::new();
        if !self.applies_to(year) {
            diagnostics.push(GradingDiagnostic::NotInForce {
                policy: self.name.clone(),
                year,
                first_year: self.first_year,
                last_year: self.last_year,
            });
        }
        if let Some(assumption) = self.provenance.as_ref().and_then(Provenance::assumption) {
            diagnostics.push(GradingDiagnostic::RestsOnAssumption {
                policy: self.name.clone(),
                assumption: assumption.to_owned(),
            });
        }
        if let Some(grade) = grade {
            for condition in self.conditions_not_applied(grade) {
                diagnostics.push(GradingDiagnostic::ConditionNotChecked {
                    policy: self.name.clone(),
                    grade,
                    condition: condition.to_owned(),
                });
            }
        }
        YearGrade {
            year,
            timeliness_index: index,
            grade,
            diagnostics,
        }
    }
}

/// Something the reader of a grade must know.
///
/// New kinds may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::compliance::{GradingDiagnostic, GradingPolicy, StatusCounts};
///
/// let a = GradingPolicy::regulation_124_2023().assess(2025, &StatusCounts::default());
/// assert!(a.diagnostics().iter().any(|d| matches!(d, GradingDiagnostic::NotInForce { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum GradingDiagnostic {
    /// The policy does not govern the year graded.
    NotInForce {
        /// The policy's name.
        policy: String,
        /// The year graded.
        year: i32,
        /// The first year it governs, if bounded.
        first_year: Option<i32>,
        /// The last year it governs, if bounded.
        last_year: Option<i32>,
    },
    /// The policy rests on an assumption (its provenance is unverified).
    RestsOnAssumption {
        /// The policy's name.
        policy: String,
        /// What is assumed and why.
        assumption: String,
    },
    /// A condition of the grade given that the policy does not check.
    ConditionNotChecked {
        /// The policy's name.
        policy: String,
        /// The grade given.
        grade: Grade,
        /// The condition.
        condition: String,
    },
}

impl GradingDiagnostic {
    /// The diagnostic as one sentence in `lang` (the English one is also its `Display`).
    /// The policy's name, its assumption and its conditions are quoted as the policy
    /// gives them.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::compliance::{GradingPolicy, StatusCounts};
    ///
    /// let a = GradingPolicy::regulation_124_2023().assess(2030, &StatusCounts::default());
    /// let not_in_force = a.diagnostics().iter().find(|d| d.to_string().contains("2030")).ok_or("none")?;
    /// assert!(not_in_force.sentence(Lang::Vi).contains("năm đánh giá `2030` nằm ngoài"), "{}", not_in_force.sentence(Lang::Vi));
    /// assert_eq!(not_in_force.sentence(Lang::En), not_in_force.to_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        use crate::Lang;
        match self {
            GradingDiagnostic::NotInForce {
                policy,
                year,
                first_year,
                last_year,
            } => {
                let years = match (lang, first_year, last_year) {
                    (Lang::En, Some(a), Some(b)) => format!("{a} to {b}"),
                    (Lang::En, Some(a), None) => format!("from {a}"),
                    (Lang::En, None, Some(b)) => format!("up to {b}"),
                    (Lang::En, None, None) => "every year".to_owned(),
                    (Lang::Vi, Some(a), Some(b)) => format!("từ {a} đến {b}"),
                    (Lang::Vi, Some(a), None) => format!("từ {a}"),
                    (Lang::Vi, None, Some(b)) => format!("đến {b}"),
                    (Lang::Vi, None, None) => "mọi năm".to_owned(),
                };
                match lang {
                    Lang::En => format!(
                        "`{policy}` governs assessment years {years}: year `{year}` is outside them"
                    ),
                    Lang::Vi => format!(
                        "`{policy}` áp dụng cho các năm đánh giá {years}: năm đánh giá `{year}` nằm ngoài phạm vi đó"
                    ),
                }
            }
            GradingDiagnostic::RestsOnAssumption { policy, assumption } => match lang {
                Lang::En => format!("`{policy}` rests on an assumption: {assumption}"),
                Lang::Vi => format!("`{policy}` dựa trên một giả định: {assumption}"),
            },
            GradingDiagnostic::ConditionNotChecked {
                policy,
                grade,
                condition,
            } => match lang {
                Lang::En => format!(
                    "`{policy}`: the grade `{grade}` also needs {condition}, which is not checked"
                ),
                Lang::Vi => format!(
                    "`{policy}`: mức `{}` còn cần {condition}, điều này không được kiểm tra",
                    grade.label(Lang::Vi)
                ),
            },
        }
    }
}

impl fmt::Display for GradingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence(crate::Lang::En))
    }
}

/// One year's grade under a policy, with what the reader must know about it.
///
/// # Example
///
/// See [`GradingPolicy::assess`].
///
/// ```
/// use directives::compliance::{GradingPolicy, StatusCounts};
///
/// let a = GradingPolicy::regulation_124_2023().assess(2024, &StatusCounts::default());
/// assert_eq!((a.year(), a.grade(), a.timeliness_index()), (2024, None, None));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
pub struct YearGrade {
    year: i32,
    timeliness_index: Option<f64>,
    grade: Option<Grade>,
    diagnostics: Vec<GradingDiagnostic>,
}

impl YearGrade {
    /// The assessment year.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{GradingPolicy, StatusCounts};
    ///
    /// assert_eq!(GradingPolicy::regulation_124_2023().assess(2024, &StatusCounts::default()).year(), 2024);
    /// ```
    #[must_use]
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The timeliness index, or `None` when nothing was due.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{GradingPolicy, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// counts.add(Status::DoneOnTime);
    /// assert_eq!(GradingPolicy::regulation_124_2023().assess(2024, &counts).timeliness_index(), Some(100.0));
    /// ```
    #[must_use]
    pub fn timeliness_index(&self) -> Option<f64> {
        self.timeliness_index
    }

    /// The grade, or `None` when nothing was due.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Grade, GradingPolicy, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// counts.add(Status::OpenOverdue);
    /// assert_eq!(GradingPolicy::regulation_124_2023().assess(2024, &counts).grade(), Some(Grade::NotCompleted));
    /// ```
    #[must_use]
    pub fn grade(&self) -> Option<Grade> {
        self.grade
    }

    /// What the reader must know, in order: the year out of force, the assumption, the
    /// conditions not checked.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{GradingPolicy, StatusCounts};
    ///
    /// let a = GradingPolicy::regulation_124_2023().assess(2024, &StatusCounts::default());
    /// assert_eq!(a.diagnostics().len(), 1); // the assumption only: nothing was due
    /// ```
    #[must_use]
    pub fn diagnostics(&self) -> &[GradingDiagnostic] {
        &self.diagnostics
    }
}

/// One body's place in a ranking, naming the body by its code (and its name, when the
/// obligation store knows it).
///
/// # Example
///
/// See [`rank`].
///
/// ```
/// use directives::compliance::{rank, GradingPolicy};
/// use directives::obligation::Obligations;
///
/// let ranking = rank(&[], &Obligations::new(), &GradingPolicy::regulation_124_2023(), 2024)?;
/// assert!(ranking.ranked().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Ranked {
    /// The body's code.
    pub body: BodyCode,
    /// The body's name, when the obligation store knows it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<String>,
    /// Its place, from 1; bodies with equal indices share a place (1, 1, 3).
    pub place: u32,
    /// Its timeliness index.
    pub timeliness_index: f64,
    /// Its grade.
    pub grade: Grade,
}

/// A ranking of bodies for one assessment year under one policy, with what the reader
/// must know about the policy for that year (whether it governs the year, the assumption
/// it rests on). It is owned data and serialises with the bodies by code.
///
/// # Example
///
/// See [`rank`].
///
/// ```
/// use directives::compliance::{rank, GradingPolicy};
/// use directives::obligation::Obligations;
///
/// let ranking = rank(&[], &Obligations::new(), &GradingPolicy::regulation_124_2023(), 2024)?;
/// assert_eq!(ranking.year(), 2024);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Ranking {
    year: i32,
    ranked: Vec<Ranked>,
    #[cfg_attr(feature = "serde", serde(default))]
    diagnostics: Vec<GradingDiagnostic>,
}

impl Ranking {
    /// The assessment year.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{rank, GradingPolicy};
    /// use directives::obligation::Obligations;
    ///
    /// assert_eq!(rank(&[], &Obligations::new(), &GradingPolicy::regulation_366_2025(), 2025)?.year(), 2025);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The bodies, best first.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{rank, GradingPolicy};
    /// use directives::obligation::Obligations;
    ///
    /// assert!(rank(&[], &Obligations::new(), &GradingPolicy::regulation_366_2025(), 2025)?.ranked().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn ranked(&self) -> &[Ranked] {
        &self.ranked
    }

    /// What the reader must know about the policy for this year.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{rank, GradingDiagnostic, GradingPolicy};
    /// use directives::obligation::Obligations;
    ///
    /// let ranking = rank(&[], &Obligations::new(), &GradingPolicy::regulation_366_2025(), 2024)?;
    /// assert!(matches!(ranking.diagnostics()[0], GradingDiagnostic::NotInForce { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn diagnostics(&self) -> &[GradingDiagnostic] {
        &self.diagnostics
    }
}

/// Ranks bodies by timeliness index under a grading policy for assessment year `year`,
/// best first; equal indices share a place and are listed by body code. Bodies with
/// nothing due are left out. The scorecards are those of [`StatusCounts::by_body`], whose
/// bodies `bodies` (the obligation store evaluated) names by code and name.
///
/// # Errors
///
/// [`GradingError::UnknownBody`] when a scorecard names a body `bodies` does not know.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{evaluate, rank, Event, EvaluationPolicy, Events, Grade, GradingPolicy, StatusCounts};
/// use directives::obligation::{Obligation, Obligations};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let mut obligations = Obligations::new();
/// let mut events = Events::new();
/// // Four monthly reports each from SYT (one late), STC (none late) and SXD (one late).
/// for (body, late) in [("SYT", 4), ("STC", 0), ("SXD", 2)] {
///     for month in 1..=4u32 {
///         let key = format!("05/CT-UBND@2025-01-02/1.1/{body}/2025-{month:02}").parse()?;
///         let id = obligations.push(Obligation::new(key, d(2025, month + 1, 20)?))?;
///         let day = if month == late { 25 } else { 10 };
///         events.push(Event::submitted(id, d(2025, month + 1, day)?))?;
///     }
/// }
/// let policy = EvaluationPolicy::without_calendar();
/// let evaluation = evaluate(&obligations, &events, d(2025, 12, 31)?, &policy)?;
/// let cards = StatusCounts::by_body(&evaluation);
/// let ranking = rank(&cards, &obligations, &GradingPolicy::regulation_366_2025(), 2025)?;
/// let places: Vec<_> = ranking.ranked().iter().map(|r| (r.body.as_ref(), r.place)).collect();
/// assert_eq!(places, [("STC", 1), ("SXD", 2), ("SYT", 2)]);
/// assert_eq!(ranking.ranked()[0].grade, Grade::Excellent);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rank(
    scorecards: &[(BodyId, StatusCounts)],
    bodies: &Obligations,
    policy: &GradingPolicy,
    year: i32,
) -> Result<Ranking, GradingError> {
    let mut ranked = Vec::with_capacity(scorecards.len());
    for (body, counts) in scorecards {
        let (Some(index), Some(grade)) = (policy.timeliness_index(counts), policy.grade(counts))
        else {
            continue;
        };
        let code = bodies.body_code(*body).ok_or(GradingError::UnknownBody)?;
        ranked.push(Ranked {
            body: code.clone(),
            name: bodies.body_name(*body).map(str::to_owned),
            place: 0,
            timeliness_index: index,
            grade,
        });
    }
    ranked.sort_by(|a, b| {
        b.timeliness_index
            .partial_cmp(&a.timeliness_index)
            .unwrap_or(Ordering::Equal)
            .then_with(|| a.body.cmp(&b.body))
    });
    let mut previous: Option<f64> = None;
    let mut place = 0u32;
    for (k, r) in (1u32..).zip(ranked.iter_mut()) {
        if previous != Some(r.timeliness_index) {
            place = k;
            previous = Some(r.timeliness_index);
        }
        r.place = place;
    }
    let mut diagnostics = policy.assess(year, &StatusCounts::default()).diagnostics;
    diagnostics.retain(|d| !matches!(d, GradingDiagnostic::ConditionNotChecked { .. }));
    Ok(Ranking {
        year,
        ranked,
        diagnostics,
    })
}

const REG_124_ASSUMPTION: &str = "Regulation 124-QĐ/TW of 2023-10-04 (replacing 132-QĐ/TW) grades in four levels by the criteria of art. 12, whose text was not read; the preset takes the timeliness conditions of its successor 366-QĐ/TW art. 11 (excellent and good: every task done on time; completed: every task done, at most 20% late) and assumes it governed the 2023 and 2024 assessments";

const DECREE_90_ASSUMPTION: &str = "Decree 90/2020/NĐ-CP art. 8.1(b) (excellent: every task on time, at least 50% beyond what was asked) and art. 9.1(b) (good: every task on time) were read in reproductions; art. 10 (completed) for civil servants was not read, and its test (every task done, at most 20% not on time or of low quality) is taken from art. 14.1(b), the parallel rule for public employees; the amendments of Decree 48/2023/NĐ-CP are taken to govern the 2023 to 2025 assessments and to leave these timeliness tests unchanged";

const REG_366_ASSUMPTION: &str = "Regulation 366-QĐ/TW (2025-08-30) art. 11, read in press reports, grades on 100 points from groups of criteria with conditions on tasks done on time; the preset puts a timeliness index in place of the points, takes 25% off a late item (a figure the regulation does not set), and assumes the regulation governs assessments from 2025";

const DECREE_335_ASSUMPTION: &str = "Decree 335/2025/NĐ-CP (in force 2026-01-01) grades civil servants on 100 points, 30 of them general criteria and the rest the quantity, quality and progress of each product, and art. 14.2(c) takes 25% off an item's progress points for each delay; the preset reads only the decree's bands (excellent from 90, good from 70, completed from 50) on a timeliness index where a late item keeps 75% of its whole point, so it is a timeliness index, not the decree's grade";

/// The grading presets this crate ships, as facts with their provenance.
///
/// Every preset rests on an assumption (each is labelled unverified, with the reason),
/// and each is a value a user can replace with [`GradingPolicy::new`].
///
/// # Example
///
/// ```
/// use directives::compliance;
/// use directives::provenance::{Certainty, FactArea};
///
/// let facts = compliance::grading_facts();
/// assert_eq!(facts.len(), 4);
/// assert!(facts.iter().all(|f| f.area() == FactArea::GradingPreset));
/// assert!(facts.iter().all(|f| f.is_below(Certainty::Corroborated)));
/// ```
#[must_use]
pub fn grading_facts() -> Vec<Fact> {
    crate::criteria::NamedPolicy::PRESETS
        .into_iter()
        .zip(GradingPolicy::presets())
        .filter_map(|(id, policy)| {
            let years = match (policy.first_year, policy.last_year) {
                (Some(a), Some(b)) => format!("assessment years {a} to {b}"),
                (Some(a), None) => format!("assessment years from {a}"),
                _ => "every assessment year".to_owned(),
            };
            let statement = format!(
                "{}: {years}; excellent: {}; good: {}; completed: {}; in the index a late item keeps {}% of its point",
                policy.name,
                policy.excellent,
                policy.good,
                policy.completed,
                (1.0 - policy.late_penalty) * 100.0,
            );
            let provenance = policy.provenance?;
            Some(Fact::new(FactArea::GradingPreset, id, statement, provenance))
        })
        .collect()
}

#[cfg(feature = "serde")]
mod wire {
    use super::{Grade, GradeRule, GradingError, GradingPolicy};
    use crate::provenance::Provenance;

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "snake_case")]
    pub(super) struct ConditionWire {
        grade: Grade,
        condition: String,
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(
        deny_unknown_fields,
        rename_all = "snake_case",
        expecting = "a grading policy: a table with `name`, `late_penalty`, `excellent`, `good` and `completed`"
    )]
    pub(super) struct PolicyWire {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        first_year: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_year: Option<i32>,
        late_penalty: f64,
        excellent: GradeRule,
        good: GradeRule,
        completed: GradeRule,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provenance: Option<Provenance>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        conditions_not_applied: Vec<ConditionWire>,
    }

    impl TryFrom<PolicyWire> for GradingPolicy {
        type Error = GradingError;

        fn try_from(w: PolicyWire) -> Result<GradingPolicy, GradingError> {
            let mut policy =
                GradingPolicy::new(w.name, w.late_penalty, w.excellent, w.good, w.completed)?;
            if let Some(first) = w.first_year {
                policy = policy.in_force_for(first, w.last_year)?;
            } else if let Some(last) = w.last_year {
                policy = policy.in_force_for(i32::MIN, Some(last))?;
                policy.first_year = None;
            }
            if let Some(p) = w.provenance {
                policy = policy.with_provenance(p);
            }
            for c in w.conditions_not_applied {
                policy = policy.with_condition_not_applied(c.grade, c.condition);
            }
            Ok(policy)
        }
    }

    impl From<GradingPolicy> for PolicyWire {
        fn from(p: GradingPolicy) -> PolicyWire {
            PolicyWire {
                name: p.name,
                first_year: p.first_year,
                last_year: p.last_year,
                late_penalty: p.late_penalty,
                excellent: p.excellent,
                good: p.good,
                completed: p.completed,
                provenance: p.provenance,
                conditions_not_applied: p
                    .not_applied
                    .into_iter()
                    .map(|(grade, condition)| ConditionWire { grade, condition })
                    .collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

    use super::*;

    /// The presets skip `new`; they must pass its checks.
    #[test]
    fn presets_pass_the_checks() {
        for preset in GradingPolicy::presets() {
            let checked = GradingPolicy::new(
                preset.name(),
                preset.late_penalty,
                preset.excellent,
                preset.good,
                preset.completed,
            )
            .unwrap()
            .in_force_for(preset.first_year.unwrap(), preset.last_year)
            .unwrap();
            assert_eq!(checked.name, preset.name);
            assert!(preset.provenance.is_some(), "{}", preset.name);
        }
    }

    #[test]
    fn the_index_weighs_a_late_item_by_the_penalty() {
        let mut counts = StatusCounts::default();
        counts.add(Status::DoneOnTime);
        counts.add(Status::DoneLate);
        counts.add(Status::Waived);
        let p = GradingPolicy::regulation_366_2025();
        assert_eq!(p.timeliness_index(&counts), Some(87.5));
        let q = GradingPolicy::regulation_124_2023();
        assert_eq!(q.timeliness_index(&counts), Some(50.0));
    }
}
