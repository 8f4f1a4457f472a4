//! Grades: grading policies as data, with presets, and the ranking of bodies.

use std::cmp::Ordering;
use std::fmt;

use super::Status;
use super::scorecard::{Scorecard, StatusCounts};
use crate::org::BodyId;

/// The four grades of an annual assessment.
///
/// # Example
///
/// ```
/// use directives::compliance::Grade;
///
/// assert_eq!(Grade::Good.label_vi(), "hoàn thành tốt nhiệm vụ");
/// assert_eq!(Grade::Good.label_en(), "good");
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
    /// The Vietnamese label.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Grade;
    ///
    /// assert_eq!(Grade::Excellent.label_vi(), "hoàn thành xuất sắc nhiệm vụ");
    /// ```
    pub const fn label_vi(self) -> &'static str {
        match self {
            Grade::Excellent => "hoàn thành xuất sắc nhiệm vụ",
            Grade::Good => "hoàn thành tốt nhiệm vụ",
            Grade::Completed => "hoàn thành nhiệm vụ",
            Grade::NotCompleted => "không hoàn thành nhiệm vụ",
        }
    }

    /// The English label.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::Grade;
    ///
    /// assert_eq!(Grade::NotCompleted.label_en(), "not completed");
    /// ```
    pub const fn label_en(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Completed => "completed",
            Grade::NotCompleted => "not completed",
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

/// What a scorecard needs for one grade: a minimum score and, optionally, minimum shares
/// of on-time and done obligations and a maximum share of late ones (shares of the due
/// obligations, from 0 to 1).
///
/// # Example
///
/// ```
/// use directives::compliance::GradeRule;
///
/// let rule = GradeRule::min_score(70.0).with_min_on_time_share(1.0);
/// assert_eq!(rule.score(), 70.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
pub struct GradeRule {
    min_score: f64,
    min_on_time_share: Option<f64>,
    min_done_share: Option<f64>,
    max_late_share: Option<f64>,
}

impl GradeRule {
    /// A rule that needs only this score.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradeRule;
    ///
    /// assert_eq!(GradeRule::min_score(50.0).score(), 50.0);
    /// ```
    pub const fn min_score(score: f64) -> GradeRule {
        GradeRule {
            min_score: score,
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
    /// let rule = GradeRule::min_score(90.0).with_min_on_time_share(1.0);
    /// assert_ne!(rule, GradeRule::min_score(90.0));
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
    /// let rule = GradeRule::min_score(50.0).with_min_done_share(1.0);
    /// assert_ne!(rule, GradeRule::min_score(50.0));
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
    /// let rule = GradeRule::min_score(50.0).with_max_late_share(0.2);
    /// assert_ne!(rule, GradeRule::min_score(50.0));
    /// ```
    #[must_use]
    pub const fn with_max_late_share(mut self, share: f64) -> GradeRule {
        self.max_late_share = Some(share);
        self
    }

    /// The minimum score.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradeRule;
    ///
    /// assert_eq!(GradeRule::min_score(70.0).score(), 70.0);
    /// ```
    pub const fn score(&self) -> f64 {
        self.min_score
    }

    fn admits(&self, score: f64, counts: &StatusCounts) -> bool {
        let share = |s: Status| counts.share(s).unwrap_or(0.0);
        let done = share(Status::DoneOnTime) + share(Status::DoneLate);
        score >= self.min_score
            && self
                .min_on_time_share
                .is_none_or(|min| share(Status::DoneOnTime) >= min)
            && self.min_done_share.is_none_or(|min| done >= min)
            && self
                .max_late_share
                .is_none_or(|max| share(Status::DoneLate) <= max)
    }
}

/// How scorecards become scores and grades: the points lost for a late item, and the rule
/// for each grade above "not completed".
///
/// The score is `100 × points / due`, where each due obligation done on time earns one
/// point, one done late earns `1 − late_penalty`, and one open and overdue earns none;
/// waived, not-applicable and not-yet-due obligations are left out. A grade is given when
/// its rule admits the scorecard, trying excellent, good and completed in turn.
///
/// Grading policies are data; [`GradingPolicy::decree_335_2025`] and
/// [`GradingPolicy::regulation_366_2025`] are presets.
///
/// # Example
///
/// ```
/// use directives::compliance::{GradeRule, GradingPolicy};
///
/// let custom = GradingPolicy::new(
///     0.5,
///     GradeRule::min_score(95.0),
///     GradeRule::min_score(80.0),
///     GradeRule::min_score(60.0),
/// );
/// assert_eq!(custom.late_penalty(), 0.5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
pub struct GradingPolicy {
    late_penalty: f64,
    excellent: GradeRule,
    good: GradeRule,
    completed: GradeRule,
}

impl GradingPolicy {
    /// A policy with this late penalty (the share of its points a late item loses) and
    /// these rules.
    ///
    /// # Example
    ///
    /// See [`GradingPolicy`].
    ///
    /// ```
    /// use directives::compliance::{GradeRule, GradingPolicy};
    ///
    /// let p = GradingPolicy::new(0.25, GradeRule::min_score(90.0), GradeRule::min_score(70.0), GradeRule::min_score(50.0));
    /// assert_eq!(p, GradingPolicy::decree_335_2025());
    /// ```
    pub const fn new(
        late_penalty: f64,
        excellent: GradeRule,
        good: GradeRule,
        completed: GradeRule,
    ) -> GradingPolicy {
        GradingPolicy {
            late_penalty,
            excellent,
            good,
            completed,
        }
    }

    /// Decree 335/2025/NĐ-CP (civil servants, in force 2026-01-01): excellent from 90
    /// points, good from 70 to under 90, completed from 50 to under 70, not completed
    /// under 50.
    ///
    /// The decree scores each product or piece of work on quantity, quality and progress
    /// (tiến độ), and each delay takes 25% off that item's *progress* points (each failed
    /// quality assessment takes 25% off its quality points, except for objective causes).
    /// This crate observes timeliness only, so the score here is a timeliness score: every
    /// due item weighs the same and a late one keeps 75% of its points. The decree's other
    /// parts are outside what obligations and events record and are not applied: the
    /// general criteria (30 of the 100 points), quality deductions, the grounds that make a
    /// civil servant "not completed" regardless of points, and the cap on excellent grades
    /// (at most 20% of those graded good in the same agency). Build a policy with
    /// [`GradingPolicy::new`] to weigh lateness differently.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    ///
    /// assert_eq!(GradingPolicy::decree_335_2025().late_penalty(), 0.25);
    /// ```
    pub const fn decree_335_2025() -> GradingPolicy {
        GradingPolicy::new(
            0.25,
            GradeRule::min_score(90.0),
            GradeRule::min_score(70.0),
            GradeRule::min_score(50.0),
        )
    }

    /// Regulation 366-QĐ/TW (2025-08-30), art. 11: excellent from 90 points with every
    /// task done on time, good from 70 with every task on time, completed from 50 with
    /// every task done and at most 20% late.
    ///
    /// The regulation's further conditions are not applied: for excellent, at least 30%
    /// of tasks done beyond what was asked (this needs indicator targets), and for a
    /// collective, no disciplined member or subordinate unit. The points lost by a late
    /// item are not set by the regulation's text as read here; the preset takes 25%, as
    /// under Decree 335/2025/NĐ-CP (*unverified*: change it with [`GradingPolicy::new`]).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Grade, GradingPolicy, Scorecard, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// for _ in 0..19 { counts.add(Status::DoneOnTime); }
    /// counts.add(Status::DoneLate);
    /// let card = Scorecard::new(counts);
    /// // 98.75 points, but one late task rules out excellent and good.
    /// assert_eq!(card.grade(&GradingPolicy::regulation_366_2025()), Some(Grade::Completed));
    /// assert_eq!(card.grade(&GradingPolicy::decree_335_2025()), Some(Grade::Excellent));
    /// ```
    pub const fn regulation_366_2025() -> GradingPolicy {
        GradingPolicy::new(
            0.25,
            GradeRule::min_score(90.0).with_min_on_time_share(1.0),
            GradeRule::min_score(70.0).with_min_on_time_share(1.0),
            GradeRule::min_score(50.0)
                .with_min_done_share(1.0)
                .with_max_late_share(0.2),
        )
    }

    /// The share of its points a late item loses.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    ///
    /// assert_eq!(GradingPolicy::regulation_366_2025().late_penalty(), 0.25);
    /// ```
    pub const fn late_penalty(&self) -> f64 {
        self.late_penalty
    }

    /// The score out of 100 of these counts, or `None` when nothing is due.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{GradingPolicy, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// counts.add(Status::DoneLate);
    /// counts.add(Status::OpenOverdue);
    /// assert_eq!(GradingPolicy::decree_335_2025().score(&counts), Some(37.5));
    /// ```
    pub fn score(&self, counts: &StatusCounts) -> Option<f64> {
        let due = counts.due();
        if due == 0 {
            return None;
        }
        let points = counts.get(Status::DoneOnTime) as f64
            + counts.get(Status::DoneLate) as f64 * (1.0 - self.late_penalty);
        Some(100.0 * points / due as f64)
    }

    /// The grade of these counts, or `None` when nothing is due.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Grade, GradingPolicy, Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// counts.add(Status::OpenOverdue);
    /// assert_eq!(GradingPolicy::decree_335_2025().grade(&counts), Some(Grade::NotCompleted));
    /// ```
    pub fn grade(&self, counts: &StatusCounts) -> Option<Grade> {
        let score = self.score(counts)?;
        Some(if self.excellent.admits(score, counts) {
            Grade::Excellent
        } else if self.good.admits(score, counts) {
            Grade::Good
        } else if self.completed.admits(score, counts) {
            Grade::Completed
        } else {
            Grade::NotCompleted
        })
    }
}

/// One body's place in a ranking.
///
/// # Example
///
/// See [`rank`].
///
/// ```
/// use directives::compliance::{rank, GradingPolicy};
///
/// assert!(rank(&[], &GradingPolicy::decree_335_2025()).is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// The body.
    pub body: BodyId,
    /// Its place, from 1; bodies with equal scores share a place (1, 1, 3).
    pub place: u32,
    /// Its score.
    pub score: f64,
    /// Its grade.
    pub grade: Grade,
}

/// Ranks bodies by score under a grading policy, best first; equal scores share a place
/// and are listed by body. Bodies with nothing due are left out.
///
/// # Example
///
/// ```
/// use directives::compliance::{rank, Grade, GradingPolicy, Scorecard, Status, StatusCounts};
/// use directives::org::BodyId;
///
/// let card = |on_time: u32, late: u32| {
///     let mut counts = StatusCounts::default();
///     for _ in 0..on_time { counts.add(Status::DoneOnTime); }
///     for _ in 0..late { counts.add(Status::DoneLate); }
///     Scorecard::new(counts)
/// };
/// let cards = [
///     (BodyId::from_index(1), card(3, 1)),
///     (BodyId::from_index(2), card(4, 0)),
///     (BodyId::from_index(3), card(3, 1)),
/// ];
/// let ranking = rank(&cards, &GradingPolicy::decree_335_2025());
/// let places: Vec<_> = ranking.iter().map(|r| (r.body.index(), r.place)).collect();
/// assert_eq!(places, [(2, 1), (1, 2), (3, 2)]);
/// assert_eq!(ranking[0].grade, Grade::Excellent);
/// ```
pub fn rank(scorecards: &[(BodyId, Scorecard)], policy: &GradingPolicy) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = scorecards
        .iter()
        .filter_map(|(body, card)| {
            Some(Ranked {
                body: *body,
                place: 0,
                score: card.score(policy)?,
                grade: card.grade(policy)?,
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(Ordering::Equal)
            .then(a.body.cmp(&b.body))
    });
    let mut previous: Option<f64> = None;
    let mut place = 0u32;
    for (k, r) in (1u32..).zip(ranked.iter_mut()) {
        if previous != Some(r.score) {
            place = k;
            previous = Some(r.score);
        }
        r.place = place;
    }
    ranked
}
