//! Scorecards: counts by status per body, directive, period, level or any grouping.
//!
//! A scorecard *is* a [`StatusCounts`]: the counts by status of one group of obligations.
//! Grading depends on this module ([`GradingPolicy`](super::GradingPolicy) reads counts);
//! this module does not depend on grading.

use std::collections::BTreeMap;

use super::Status;
use super::evaluate::Evaluation;
use crate::obligation::{DirectiveRef, ObligationId, PeriodRef};
use crate::org::BodyId;

/// How many obligations have each status: the scorecard of a group of obligations (a body,
/// a directive, a period, a level), with the on-time rate; a
/// [`GradingPolicy`](super::GradingPolicy) turns it into a timeliness index and a grade.
///
/// # Example
///
/// ```
/// use directives::compliance::{Status, StatusCounts};
///
/// let mut counts = StatusCounts::default();
/// counts.add(Status::DoneOnTime);
/// counts.add(Status::DoneLate);
/// assert_eq!(counts.get(Status::DoneOnTime), 1);
/// assert_eq!(counts.total(), 2);
/// assert_eq!(counts.due(), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        into = "super::finding::CountsWire",
        from = "super::finding::CountsWire"
    )
)]
pub struct StatusCounts {
    pub(crate) counts: [u64; 6],
}

impl StatusCounts {
    /// Counts one more obligation with this status.
    ///
    /// # Example
    ///
    /// See [`StatusCounts`].
    ///
    /// ```
    /// use directives::compliance::{Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// counts.add(Status::Waived);
    /// assert_eq!(counts.get(Status::Waived), 1);
    /// ```
    pub fn add(&mut self, status: Status) {
        if let Some(c) = self.counts.get_mut(status as usize) {
            *c += 1;
        }
    }

    /// How many obligations have this status.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Status, StatusCounts};
    ///
    /// assert_eq!(StatusCounts::default().get(Status::OpenOverdue), 0);
    /// ```
    #[must_use]
    pub fn get(&self, status: Status) -> u64 {
        self.counts.get(status as usize).copied().unwrap_or(0)
    }

    /// The total number of obligations counted.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::StatusCounts;
    ///
    /// assert_eq!(StatusCounts::default().total(), 0);
    /// ```
    #[must_use]
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The obligations whose deadline has been reached or that are done: done on time,
    /// done late, and open overdue (waived, not applicable and open-within-deadline
    /// obligations are not yet, or never, due).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// counts.add(Status::OpenOverdue);
    /// counts.add(Status::OpenWithinDeadline);
    /// assert_eq!(counts.due(), 1);
    /// ```
    #[must_use]
    pub fn due(&self) -> u64 {
        self.get(Status::DoneOnTime) + self.get(Status::DoneLate) + self.get(Status::OpenOverdue)
    }

    /// Done on time as a share of the due obligations, or `None` when none is due.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Status, StatusCounts};
    ///
    /// let mut counts = StatusCounts::default();
    /// counts.add(Status::DoneOnTime);
    /// counts.add(Status::OpenOverdue);
    /// assert_eq!(counts.on_time_rate(), Some(0.5));
    /// assert_eq!(StatusCounts::default().on_time_rate(), None);
    /// ```
    #[must_use]
    pub fn on_time_rate(&self) -> Option<f64> {
        self.share(Status::DoneOnTime)
    }

    /// A status's count as a share of the due obligations.
    pub(crate) fn share(&self, status: Status) -> Option<f64> {
        let due = self.due();
        (due > 0).then(|| self.get(status) as f64 / due as f64)
    }

    /// Adds another set of counts to this one.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{Status, StatusCounts};
    ///
    /// let mut a = StatusCounts::default();
    /// a.add(Status::DoneOnTime);
    /// let mut b = StatusCounts::default();
    /// b.add(Status::DoneLate);
    /// a.merge(&b);
    /// assert_eq!(a.total(), 2);
    /// ```
    pub fn merge(&mut self, other: &StatusCounts) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }
}

impl StatusCounts {
    /// Scorecards (counts by status) grouped by a key of each obligation, in key order.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events, StatusCounts};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let obligations = Obligations::new();
    /// let no_events = Events::new();
    /// let evaluation = evaluate(&obligations, &no_events, as_of, &policy)?;
    /// let by_parity = StatusCounts::by_key(&evaluation, |id| id.index() % 2);
    /// assert!(by_parity.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_key<K: Ord>(
        evaluation: &Evaluation<'_>,
        mut key: impl FnMut(ObligationId) -> K,
    ) -> Vec<(K, StatusCounts)> {
        let mut groups: BTreeMap<K, StatusCounts> = BTreeMap::new();
        for (&status, id) in evaluation
            .statuses()
            .iter()
            .zip(evaluation.obligations().ids())
        {
            groups.entry(key(id)).or_default().add(status);
        }
        groups.into_iter().collect()
    }

    /// Scorecards per body, in body order. Each body counts what it holds: an obligation
    /// that passed to a successor counts for the successor ([`Finding::body`]).
    ///
    /// [`Finding::body`]: crate::compliance::Finding::body
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, Event, EvaluationPolicy, Events, Grade, GradingPolicy, Status, StatusCounts};
    /// use directives::directive::{DirectiveKey, TaskNumber};
    /// use directives::document::DocSymbol;
    /// use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
    /// use directives::period::Period;
    /// use directives::org::BodyCode;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, d(2025, 1, 2)?);
    /// let mut obligations = Obligations::new();
    /// let mut events = Events::new();
    /// for month in 1..=4 {
    ///     let key = ObligationKey::new(
    ///         directive.clone(),
    ///         TaskNumber::new("1")?,
    ///         RequirementIndex::new(0),
    ///         BodyCode::new("SYT")?,
    ///         format!("2025-{month:02}").parse::<Period>()?,
    ///     );
    ///     let id = obligations.push(Obligation::new(key, d(2025, month + 1, 20)?))?;
    ///     // Three on time, one late.
    ///     let day = if month == 4 { 25 } else { 10 };
    ///     events.push(Event::submitted(id, d(2025, month + 1, day)?))?;
    /// }
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&obligations, &events, d(2025, 12, 31)?, &policy)?;
    /// let cards = StatusCounts::by_body(&evaluation);
    /// let (body, card) = &cards[0];
    /// assert_eq!(obligations.body_code(*body).map(|c| c.as_ref()), Some("SYT"));
    /// assert_eq!(card.get(Status::DoneLate), 1);
    /// let grading = GradingPolicy::regulation_366_2025();
    /// assert_eq!(grading.timeliness_index(card), Some(93.75)); // (3 + 0.75) / 4
    /// // One report in four late: more than the 20% that "completed" allows.
    /// assert_eq!(grading.grade(card), Some(Grade::NotCompleted));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_body(evaluation: &Evaluation<'_>) -> Vec<(BodyId, StatusCounts)> {
        let obligations = evaluation.obligations();
        let bodies = obligations.holders();
        // Bodies are usually dense small indices: count into a table, then drop empties.
        let max = bodies.iter().map(|b| b.index()).max();
        let Some(max) = max else {
            return Vec::new();
        };
        if (max as usize) <= bodies.len().saturating_mul(4) {
            let mut table = vec![StatusCounts::default(); max as usize + 1];
            for (&status, body) in evaluation.statuses().iter().zip(bodies) {
                if let Some(counts) = table.get_mut(body.index() as usize) {
                    counts.add(status);
                }
            }
            return table
                .into_iter()
                .zip(0u32..)
                .filter(|(counts, _)| counts.total() > 0)
                .map(|(counts, i)| (BodyId::from_index(i), counts))
                .collect();
        }
        StatusCounts::by_key(evaluation, |id| obligations.holder(id))
            .into_iter()
            .filter_map(|(body, card)| Some((body?, card)))
            .collect()
    }

    /// Scorecards per directive, in the order directives were added to the store.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events, StatusCounts};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let obligations = Obligations::new();
    /// assert!(StatusCounts::by_directive(&evaluate(&obligations, &Events::new(), as_of, &policy)?).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_directive(evaluation: &Evaluation<'_>) -> Vec<(DirectiveRef, StatusCounts)> {
        let obligations = evaluation.obligations();
        StatusCounts::by_key(evaluation, |id| obligations.directive(id))
            .into_iter()
            .filter_map(|(d, card)| Some((d?, card)))
            .collect()
    }

    /// Scorecards per level of government (province, district, commune…), from the
    /// level in the registry of the body holding each obligation; obligations whose
    /// holder the registry does not know are left out.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events, Status, StatusCounts};
    /// use directives::directive::{DirectiveKey, TaskNumber};
    /// use directives::document::DocSymbol;
    /// use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
    /// use directives::period::Period;
    /// use directives::org::{Body, BodyCode, BodyKind, Level, Registry};
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let registry = Registry::builder()
    ///     .body(Body::new("TU".parse()?, "Tỉnh ủy", BodyKind::PartyCommittee, Level::Province, day(2000, 1, 1)?))
    ///     .build()?;
    /// let key = ObligationKey::new(
    ///     DirectiveKey::new(DocSymbol::parse("05/CT-TU")?, day(2025, 1, 2)?),
    ///     TaskNumber::new("1")?,
    ///     RequirementIndex::new(0),
    ///     BodyCode::new("TU")?,
    ///     "2025".parse::<Period>()?,
    /// );
    /// let mut obligations = Obligations::new();
    /// obligations.push(Obligation::new(key, day(2025, 12, 20)?))?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let events = Events::new();
    /// let evaluation = evaluate(&obligations, &events, day(2025, 12, 31)?, &policy)?;
    /// let cards = StatusCounts::by_level(&evaluation, &registry);
    /// assert_eq!(cards[0].0, Level::Province);
    /// assert_eq!(cards[0].1.get(Status::OpenOverdue), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_level(
        evaluation: &Evaluation<'_>,
        registry: &crate::org::Registry,
    ) -> Vec<(crate::org::Level, StatusCounts)> {
        let obligations = evaluation.obligations();
        StatusCounts::by_key(evaluation, |id| {
            obligations
                .holder_code(id)
                .and_then(|code| registry.id(code))
                .and_then(|body| registry.body(body))
                .map(|body| body.level())
        })
        .into_iter()
        .filter_map(|(level, card)| Some((level?, card)))
        .collect()
    }

    /// Scorecards per period, in the order periods were added to the store.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events, StatusCounts};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let obligations = Obligations::new();
    /// assert!(StatusCounts::by_period(&evaluate(&obligations, &Events::new(), as_of, &policy)?).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_period(evaluation: &Evaluation<'_>) -> Vec<(PeriodRef, StatusCounts)> {
        let obligations = evaluation.obligations();
        StatusCounts::by_key(evaluation, |id| obligations.period(id))
            .into_iter()
            .filter_map(|(p, card)| Some((p?, card)))
            .collect()
    }
}
