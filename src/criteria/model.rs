//! The model of a criterion: scope, grouping, measure and requirement.

use std::fmt;

use chrono::NaiveDate;

use super::{CriteriaError, CriteriaProblem};
use crate::Lang;
use crate::calendar::TermUnit;
use crate::compliance::{Grade, GradingPolicy, Status};
use crate::directive::Clause;
use crate::directive::{DirectiveKey, Role, Severity};
use crate::org::Selector;
use crate::period::Period;
use crate::provenance::Provenance;

/// A list of criteria, each with a unique id, and the number of witnesses a violation
/// lists (the obligations behind it, by reference; the full count is always given).
///
/// Build one from [`Criterion`]s with [`Criteria::new`], or read a file with
/// [`Loader`](super::Loader) (feature `serde`). [`Criteria::assess`] judges an
/// evaluation.
///
/// # Example
///
/// ```
/// use directives::criteria::{Criteria, Criterion, Measure, Requirement, Threshold};
///
/// let on_time = Criterion::builder("reports-on-time")
///     .title("Báo cáo đúng hạn", "Reports on time")
///     .provision("Decree 09/2019/NĐ-CP art. 8.5")
///     .measure(Measure::OnTimeRate)
///     .require(Requirement::AtLeast(Threshold::Number(0.8)))
///     .build()?;
/// let criteria = Criteria::new(vec![on_time])?;
/// assert_eq!(criteria.len(), 1);
/// assert_eq!(criteria.witnesses(), Criteria::DEFAULT_WITNESSES);
/// assert!(criteria.get("reports-on-time").is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Criteria {
    // INVARIANT (unique-ids): no two criteria share an id; upheld by `Criteria::new`.
    pub(crate) criteria: Vec<Criterion>,
    pub(crate) witnesses: usize,
    /// The format and the name of the file read, for errors found when judging.
    pub(crate) format: Option<&'static str>,
    pub(crate) origin: Option<String>,
}

/// Two lists of criteria are equal when their criteria and witness counts are: where
/// they were read from (the format and the file named in errors) is not part of them.
impl PartialEq for Criteria {
    fn eq(&self, other: &Criteria) -> bool {
        self.criteria == other.criteria && self.witnesses == other.witnesses
    }
}

impl Criteria {
    /// The number of witnesses a violation lists unless told otherwise.
    pub const DEFAULT_WITNESSES: usize = 5;

    /// A list of criteria.
    ///
    /// # Errors
    ///
    /// [`CriteriaError::Invalid`] with [`CriteriaProblem::DuplicateId`] when two criteria
    /// share an id (the path names the second, `criterion[3].id`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::{Criteria, Criterion, Measure, Requirement, Threshold};
    ///
    /// let c = Criterion::builder("a").title("a", "a").provision("p")
    ///     .measure(Measure::OverdueCount).require(Requirement::AtMost(Threshold::Number(0.0))).build()?;
    /// let err = Criteria::new(vec![c.clone(), c]).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid criteria at `criterion[1].id`: id `a` is used twice");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(criteria: Vec<Criterion>) -> Result<Criteria, CriteriaError> {
        let mut seen = std::collections::HashSet::new();
        for (i, criterion) in criteria.iter().enumerate() {
            if !seen.insert(criterion.id.as_str()) {
                return Err(CriteriaError::at(
                    format!("criterion[{i}].id"),
                    CriteriaProblem::DuplicateId {
                        id: criterion.id.clone(),
                    },
                ));
            }
        }
        Ok(Criteria {
            criteria,
            witnesses: Criteria::DEFAULT_WITNESSES,
            format: None,
            origin: None,
        })
    }

    /// The same criteria, listing at most `n` witnesses per violation.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Criteria;
    ///
    /// assert_eq!(Criteria::new(vec![])?.with_witnesses(2).witnesses(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_witnesses(mut self, n: usize) -> Criteria {
        self.witnesses = n;
        self
    }

    /// The most witnesses a violation lists.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Criteria;
    ///
    /// assert_eq!(Criteria::new(vec![])?.witnesses(), 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn witnesses(&self) -> usize {
        self.witnesses
    }

    /// The criteria, in order.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Criteria;
    ///
    /// assert!(Criteria::new(vec![])?.criteria().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    /// The number of criteria.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Criteria;
    ///
    /// assert_eq!(Criteria::new(vec![])?.len(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.criteria.len()
    }

    /// Whether there is no criterion.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Criteria;
    ///
    /// assert!(Criteria::new(vec![])?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.criteria.is_empty()
    }

    /// The criterion with this id.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Criteria;
    ///
    /// assert!(Criteria::new(vec![])?.get("x").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
}

/// An assertion over groups of obligations: which obligations (its [`Scope`]), how they
/// are grouped ([`GroupBy`] keys), what is measured of each group ([`Measure`]) and what
/// the measure must satisfy ([`Requirement`]); with an id, a title in Vietnamese and
/// English, the legal provision it enforces, a [`Severity`], the dates it is in force
/// (half-open, `from` included, `until` excluded) and, optionally, the basis of its
/// threshold (a [`Provenance`]: from a text, or an assumption).
///
/// Every `Criterion` is valid: the builder checks thresholds against the measure (a rate
/// lies in 0 to 1), a trend against the grouping (it needs one time key, and at least two
/// of its windows within the scope's periods), and the dates.
///
/// # Example
///
/// ```
/// use directives::criteria::{Criterion, GroupBy, Measure, Requirement, Scope, Threshold};
/// use directives::directive::Severity;
/// use directives::org::{BodyKind, Level, Selector};
///
/// let c = Criterion::builder("district-reports")
///     .title("Huyện ủy báo cáo đúng hạn", "District committees report on time")
///     .provision("Decree 09/2019/NĐ-CP art. 8.5(b)")
///     .severity(Severity::Warning)
///     .scope(Scope::all().bodies(Selector::Kind(BodyKind::PartyCommittee) & Selector::Level(Level::District)))
///     .group_by([GroupBy::Holder, GroupBy::Year])
///     .measure(Measure::OnTimeRate)
///     .require(Requirement::AtLeast(Threshold::Number(0.8)))
///     .build()?;
/// assert_eq!(c.id(), "district-reports");
/// assert_eq!(c.group_by(), [GroupBy::Holder, GroupBy::Year]);
/// let err = Criterion::builder("x").title("x", "x").provision("p")
///     .measure(Measure::OnTimeRate).require(Requirement::AtMost(Threshold::Number(80.0))).build().unwrap_err();
/// assert_eq!(err.to_string(), "invalid criteria at `criterion[x].require.at_most`: rate threshold `80` is outside 0 to 1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub(crate) id: String,
    pub(crate) title_vi: String,
    pub(crate) title_en: String,
    pub(crate) provision: String,
    pub(crate) severity: Severity,
    pub(crate) from: Option<NaiveDate>,
    pub(crate) until: Option<NaiveDate>,
    pub(crate) basis: Option<Provenance>,
    pub(crate) scope: Scope,
    pub(crate) group_by: Vec<GroupBy>,
    pub(crate) measure: Measure,
    pub(crate) requirement: Requirement,
}

impl Criterion {
    /// Starts a criterion with this id; [`CriterionBuilder::build`] checks it.
    ///
    /// # Example
    ///
    /// See [`Criterion`].
    ///
    /// ```
    /// use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    ///
    /// let c = Criterion::builder("none-overdue").title("Không quá hạn", "Nothing overdue")
    ///     .provision("Decision 42/2014/QĐ-TTg").measure(Measure::OverdueCount)
    ///     .require(Requirement::Equal(Threshold::Number(0.0))).build()?;
    /// assert_eq!(c.title(directives::Lang::En), "Nothing overdue");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(id: impl Into<String>) -> CriterionBuilder {
        CriterionBuilder {
            id: id.into(),
            title_vi: String::new(),
            title_en: String::new(),
            provision: String::new(),
            severity: Severity::Error,
            from: None,
            until: None,
            basis: None,
            scope: Scope::all(),
            group_by: Vec::new(),
            measure: None,
            requirement: None,
        }
    }

    /// The id.
    ///
    /// # Example
    ///
    /// See [`Criterion`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// # let c = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.id(), "a");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The title in a language.
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// use directives::Lang;
    /// # let c = Criterion::builder("a").title("Báo cáo", "Reports").provision("p").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.title(Lang::Vi), "Báo cáo");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_vi, &self.title_en)
    }

    /// The legal provision the criterion enforces.
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// # let c = Criterion::builder("a").title("a", "a").provision("Decree 09/2019/NĐ-CP art. 8.5").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.provision(), "Decree 09/2019/NĐ-CP art. 8.5");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provision(&self) -> &str {
        &self.provision
    }

    /// The severity of a violation (error unless set).
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// use directives::directive::Severity;
    /// # let c = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.severity(), Severity::Error);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The first day in force, if bounded.
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// use chrono::NaiveDate;
    /// let from = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    /// let c = Criterion::builder("a").title("a", "a").provision("p").in_force(Some(from), None)
    ///     .measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.from(), Some(from));
    /// assert!(!c.is_in_force_on(NaiveDate::from_ymd_opt(2024, 12, 31).ok_or("date")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from(&self) -> Option<NaiveDate> {
        self.from
    }

    /// The first day no longer in force, if bounded.
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// # let c = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.until(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// Whether the criterion is in force on a date (`from <= date < until`).
    ///
    /// # Example
    ///
    /// See [`Criterion::from`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// # let c = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert!(c.is_in_force_on(chrono::NaiveDate::MIN));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_in_force_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= date) && self.until.is_none_or(|until| date < until)
    }

    /// Where the threshold comes from and how sure it is, when the criterion says.
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// use directives::provenance::{Certainty, Provenance};
    /// let c = Criterion::builder("a").title("a", "a").provision("p")
    ///     .basis(Provenance::unverified("80% is the province's own target")?)
    ///     .measure(Measure::OnTimeRate).require(Requirement::AtLeast(Threshold::Number(0.8))).build()?;
    /// assert_eq!(c.basis().map(|b| b.certainty()), Some(Certainty::Unverified));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn basis(&self) -> Option<&Provenance> {
        self.basis.as_ref()
    }

    /// Which obligations the criterion looks at.
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Scope, Threshold};
    /// # let c = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.scope(), &Scope::all());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The grouping keys, in order (none: one group of everything in scope).
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// # let c = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert!(c.group_by().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn group_by(&self) -> &[GroupBy] {
        &self.group_by
    }

    /// What is measured of each group.
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// # let c = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.measure(), &Measure::Reports);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn measure(&self) -> &Measure {
        &self.measure
    }

    /// What the measure must satisfy.
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// # let c = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.requirement().to_string(), "at least 1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn requirement(&self) -> &Requirement {
        &self.requirement
    }

    /// The first problem of the criterion, with the path of the value at fault relative
    /// to the criterion (`require.at_most`).
    pub(crate) fn problem(&self) -> Option<(String, CriteriaProblem)> {
        let blank = |path: &str| Some((path.to_owned(), CriteriaProblem::Blank));
        if crate::text::is_blank(&self.id) {
            return blank("id");
        }
        if crate::text::is_blank(&self.title_vi) {
            return blank("title.vi");
        }
        if crate::text::is_blank(&self.title_en) {
            return blank("title.en");
        }
        if crate::text::is_blank(&self.provision) {
            return blank("provision");
        }
        if let (Some(from), Some(until)) = (self.from, self.until)
            && until <= from
        {
            return Some((
                "until".to_owned(),
                CriteriaProblem::EmptyInForce { from, until },
            ));
        }
        if let Some(problem) = self.scope.problem() {
            return Some(problem);
        }
        for (i, key) in self.group_by.iter().enumerate() {
            if self
                .group_by
                .get(..i)
                .is_some_and(|before| before.contains(key))
            {
                return Some((
                    format!("group_by[{i}]"),
                    CriteriaProblem::RepeatedKey { key: *key },
                ));
            }
        }
        if let Measure::Count(statuses) = &self.measure
            && statuses.is_empty()
        {
            return Some(("measure.statuses".to_owned(), CriteriaProblem::NoStatuses));
        }
        if let Some(problem) = self.measure.unit_problem() {
            return Some(("measure.unit".to_owned(), problem));
        }
        self.requirement_problem()
    }

    fn requirement_problem(&self) -> Option<(String, CriteriaProblem)> {
        let check = |path: &str, t: &Threshold| -> Option<(String, CriteriaProblem)> {
            self.measure
                .threshold_problem(t)
                .map(|p| (format!("require.{path}"), p))
        };
        match &self.requirement {
            Requirement::AtLeast(t) => check("at_least", t),
            Requirement::AtMost(t) => check("at_most", t),
            Requirement::Equal(t) => check("equal", t),
            Requirement::Between(low, high) => {
                if let Some(p) = check("between[0]", low).or_else(|| check("between[1]", high)) {
                    return Some(p);
                }
                if high.value() < low.value() {
                    return Some((
                        "require.between".to_owned(),
                        CriteriaProblem::BetweenReversed {
                            low: *low,
                            high: *high,
                        },
                    ));
                }
                None
            }
            Requirement::Trend { .. } => self.trend_problem(),
        }
    }

    fn trend_problem(&self) -> Option<(String, CriteriaProblem)> {
        let at = "require.trend".to_owned();
        let time: Vec<GroupBy> = self
            .group_by
            .iter()
            .copied()
            .filter(|k| k.is_time())
            .collect();
        let key = match time.as_slice() {
            [key] => *key,
            [] => return Some((at, CriteriaProblem::TrendWithoutTimeKey)),
            _ => return Some((at, CriteriaProblem::TrendSeveralTimeKeys)),
        };
        if matches!(self.measure, Measure::Grade(_)) {
            // Grades are ordered, so a trend of grades is meaningful; nothing to refuse.
        }
        let (first, last) = self.scope.period_bounds()?;
        let groups = key.windows_between(first, last)?;
        (groups < 2).then_some((at, CriteriaProblem::TrendTooFewGroups { key, groups }))
    }
}

/// Builds a [`Criterion`], checking it in [`build`](CriterionBuilder::build).
///
/// # Example
///
/// See [`Criterion`].
///
/// ```
/// use directives::criteria::{Criterion, Measure, Requirement, Threshold};
///
/// let err = Criterion::builder("a").title("a", "a").provision("p").build().unwrap_err();
/// assert_eq!(err.to_string(), "invalid criteria at `criterion[a].measure`: missing field `measure`");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct CriterionBuilder {
    id: String,
    title_vi: String,
    title_en: String,
    provision: String,
    severity: Severity,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    basis: Option<Provenance>,
    scope: Scope,
    group_by: Vec<GroupBy>,
    measure: Option<Measure>,
    requirement: Option<Requirement>,
}

impl CriterionBuilder {
    /// The title in Vietnamese and in English.
    ///
    /// # Example
    ///
    /// See [`Criterion`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// let c = Criterion::builder("a").title("Báo cáo", "Reports").provision("p").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.title(directives::Lang::Vi), "Báo cáo");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn title(mut self, vi: impl Into<String>, en: impl Into<String>) -> CriterionBuilder {
        self.title_vi = crate::text::nfc(vi.into());
        self.title_en = crate::text::nfc(en.into());
        self
    }

    /// The provision the criterion enforces.
    ///
    /// # Example
    ///
    /// See [`Criterion::provision`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// let err = Criterion::builder("a").title("a", "a").provision(" ").measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build().unwrap_err();
    /// assert_eq!(err.to_string(), "invalid criteria at `criterion[a].provision`: the text is blank");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn provision(mut self, provision: impl Into<String>) -> CriterionBuilder {
        self.provision = crate::text::nfc(provision.into());
        self
    }

    /// The severity (error unless set).
    ///
    /// # Example
    ///
    /// See [`Criterion`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// use directives::directive::Severity;
    /// let c = Criterion::builder("a").title("a", "a").provision("p").severity(Severity::Info).measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.severity(), Severity::Info);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn severity(mut self, severity: Severity) -> CriterionBuilder {
        self.severity = severity;
        self
    }

    /// The dates in force: from `from` (included) until `until` (excluded); `None` leaves
    /// a side open.
    ///
    /// # Example
    ///
    /// See [`Criterion::from`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    /// let err = Criterion::builder("a").title("a", "a").provision("p").in_force(Some(day), Some(day))
    ///     .measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build().unwrap_err();
    /// assert_eq!(err.to_string(), "invalid criteria at `criterion[a].until`: in force from `2025-01-01` until `2025-01-01`: no day");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_force(
        mut self,
        from: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> CriterionBuilder {
        self.from = from;
        self.until = until;
        self
    }

    /// Where the threshold comes from.
    ///
    /// # Example
    ///
    /// See [`Criterion::basis`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// use directives::provenance::Provenance;
    /// let c = Criterion::builder("a").title("a", "a").provision("p").basis(Provenance::verified("Decree 09/2019/NĐ-CP art. 8.5")?)
    ///     .measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert!(c.basis().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn basis(mut self, basis: Provenance) -> CriterionBuilder {
        self.basis = Some(basis);
        self
    }

    /// The scope (everything unless set).
    ///
    /// # Example
    ///
    /// See [`Criterion`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Scope, Threshold};
    /// use directives::directive::Role;
    /// let c = Criterion::builder("a").title("a", "a").provision("p").scope(Scope::all().roles([Role::Lead]))
    ///     .measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build()?;
    /// assert_eq!(c.scope().role_filter(), [Role::Lead]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scope(mut self, scope: Scope) -> CriterionBuilder {
        self.scope = scope;
        self
    }

    /// The grouping keys.
    ///
    /// # Example
    ///
    /// See [`Criterion`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, GroupBy, Measure, Requirement, Threshold};
    /// let err = Criterion::builder("a").title("a", "a").provision("p").group_by([GroupBy::Holder, GroupBy::Holder])
    ///     .measure(Measure::Reports).require(Requirement::AtLeast(Threshold::Number(1.0))).build().unwrap_err();
    /// assert_eq!(err.to_string(), "invalid criteria at `criterion[a].group_by[1]`: key `holder` is given twice");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn group_by(mut self, keys: impl IntoIterator<Item = GroupBy>) -> CriterionBuilder {
        self.group_by = keys.into_iter().collect();
        self
    }

    /// The measure.
    ///
    /// # Example
    ///
    /// See [`Criterion`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// let c = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::OverdueShare).require(Requirement::AtMost(Threshold::Number(0.1))).build()?;
    /// assert_eq!(c.measure(), &Measure::OverdueShare);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn measure(mut self, measure: Measure) -> CriterionBuilder {
        self.measure = Some(measure);
        self
    }

    /// The requirement.
    ///
    /// # Example
    ///
    /// See [`Criterion`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// let c = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::OverdueShare)
    ///     .require(Requirement::Between(Threshold::Number(0.0), Threshold::Number(0.1))).build()?;
    /// assert_eq!(c.requirement().to_string(), "between 0 and 0.1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require(mut self, requirement: Requirement) -> CriterionBuilder {
        self.requirement = Some(requirement);
        self
    }

    /// The criterion, checked.
    ///
    /// # Errors
    ///
    /// [`CriteriaError::Invalid`] naming the path of the value at fault under
    /// `criterion[ID]`: a blank id, title or provision, dates in force that hold no day, a
    /// repeated grouping key, a measure or requirement left out, a measure of lateness in
    /// a unit other than days or working days (`measure.unit`), a threshold that does
    /// not suit the measure (a rate outside 0 to 1, a score outside 0 to 100, a negative
    /// count or number of days, a grade for a number or a number for a grade), a `between`
    /// whose bounds are reversed, a trend without exactly one time key or over fewer than
    /// two windows of the scope's periods.
    ///
    /// # Example
    ///
    /// See [`CriterionBuilder`].
    ///
    /// ```
    /// # use directives::criteria::{Criterion, Measure, Requirement, Threshold};
    /// let err = Criterion::builder("a").title("a", "a").provision("p").measure(Measure::Reports).build().unwrap_err();
    /// assert_eq!(err.to_string(), "invalid criteria at `criterion[a].require`: missing field `require`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<Criterion, CriteriaError> {
        let at = |id: &str, path: &str| format!("criterion[{id}].{path}");
        let Some(measure) = self.measure else {
            return Err(CriteriaError::at(
                at(&self.id, "measure"),
                CriteriaProblem::Missing { field: "measure" },
            ));
        };
        let Some(requirement) = self.requirement else {
            return Err(CriteriaError::at(
                at(&self.id, "require"),
                CriteriaProblem::Missing { field: "require" },
            ));
        };
        let criterion = Criterion {
            id: crate::text::nfc(self.id),
            title_vi: self.title_vi,
            title_en: self.title_en,
            provision: self.provision,
            severity: self.severity,
            from: self.from,
            until: self.until,
            basis: self.basis,
            scope: self.scope,
            group_by: self.group_by,
            measure,
            requirement,
        };
        match criterion.problem() {
            Some((path, problem)) => Err(CriteriaError::at(at(&criterion.id, &path), problem)),
            None => Ok(criterion),
        }
    }
}

/// Which obligations a criterion looks at: every filter left empty lets everything
/// through, and the filters given must all hold.
///
/// - directives, by key (symbol and issue date);
/// - tasks, by clause (`10`, `monitoring`), in whichever directive;
/// - roles of the assignment (lead, coordinate, …);
/// - bodies, by a [`Selector`], which an obligation passes when the body the directive
///   assigned it to or the body that holds it now matches; a body is matched on the
///   as-of date, or on its last day if it had ceased by then (a district party committee
///   of 2024 is still a district party committee in 2026's assessment);
/// - periods, within one period and from / to periods (an obligation's period must lie
///   within, start no earlier than `from` starts and end no later than `to` ends);
/// - statuses.
///
/// # Example
///
/// ```
/// use directives::criteria::Scope;
/// use directives::compliance::Status;
/// use directives::period::Period;
///
/// let scope = Scope::all().periods_within(Period::year(2024)?).statuses([Status::DoneLate]);
/// assert_eq!(scope.period_within(), Some(Period::year(2024)?));
/// assert_eq!(scope.status_filter(), [Status::DoneLate]);
/// assert_eq!(Scope::default(), Scope::all());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub(crate) directives: Vec<DirectiveKey>,
    pub(crate) tasks: Vec<Clause>,
    pub(crate) roles: Vec<Role>,
    pub(crate) bodies: Option<Selector>,
    pub(crate) within: Option<Period>,
    pub(crate) from: Option<Period>,
    pub(crate) to: Option<Period>,
    pub(crate) statuses: Vec<Status>,
}

impl Scope {
    /// Every obligation.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Scope;
    ///
    /// assert!(Scope::all().directive_filter().is_empty());
    /// ```
    #[must_use]
    pub fn all() -> Scope {
        Scope::default()
    }

    /// Only these directives.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::criteria::Scope;
    /// use directives::directive::DirectiveKey;
    /// use directives::document::DocSymbol;
    ///
    /// let key = DirectiveKey::new(DocSymbol::parse("1470-CV/TU")?, NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?);
    /// assert_eq!(Scope::all().directives([key.clone()]).directive_filter(), [key]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn directives(mut self, keys: impl IntoIterator<Item = DirectiveKey>) -> Scope {
        self.directives = keys.into_iter().collect();
        self
    }

    /// Only these clauses (task numbers, or the monitoring clause).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Scope;
    /// use directives::directive::Clause;
    ///
    /// let scope = Scope::all().tasks(["10".parse::<Clause>()?]);
    /// assert_eq!(scope.task_filter()[0].as_str(), "10");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn tasks(mut self, clauses: impl IntoIterator<Item = Clause>) -> Scope {
        self.tasks = clauses.into_iter().collect();
        self
    }

    /// Only these assignment roles.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Scope;
    /// use directives::directive::Role;
    ///
    /// assert_eq!(Scope::all().roles([Role::Lead]).role_filter(), [Role::Lead]);
    /// ```
    #[must_use]
    pub fn roles(mut self, roles: impl IntoIterator<Item = Role>) -> Scope {
        self.roles = roles.into_iter().collect();
        self
    }

    /// Only bodies this selector matches.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Scope;
    /// use directives::org::{Level, Selector};
    ///
    /// let scope = Scope::all().bodies(Selector::Level(Level::District));
    /// assert_eq!(scope.body_filter(), Some(&Selector::Level(Level::District)));
    /// ```
    #[must_use]
    pub fn bodies(mut self, selector: Selector) -> Scope {
        self.bodies = Some(selector);
        self
    }

    /// Only periods within this one.
    ///
    /// # Example
    ///
    /// See [`Scope`].
    ///
    /// ```
    /// use directives::criteria::Scope;
    /// use directives::period::Period;
    ///
    /// assert_eq!(Scope::all().periods_within(Period::year(2024)?).period_within(), Some(Period::year(2024)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn periods_within(mut self, period: Period) -> Scope {
        self.within = Some(period);
        self
    }

    /// Only periods that start no earlier than this one starts.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Scope;
    /// use directives::period::Period;
    ///
    /// assert_eq!(Scope::all().periods_from(Period::quarter(2024, 2)?).period_from(), Some(Period::quarter(2024, 2)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn periods_from(mut self, period: Period) -> Scope {
        self.from = Some(period);
        self
    }

    /// Only periods that end no later than this one ends.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Scope;
    /// use directives::period::Period;
    ///
    /// assert_eq!(Scope::all().periods_to(Period::quarter(2024, 3)?).period_to(), Some(Period::quarter(2024, 3)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn periods_to(mut self, period: Period) -> Scope {
        self.to = Some(period);
        self
    }

    /// Only these statuses.
    ///
    /// # Example
    ///
    /// See [`Scope`].
    ///
    /// ```
    /// use directives::criteria::Scope;
    /// use directives::compliance::Status;
    ///
    /// assert_eq!(Scope::all().statuses([Status::Waived]).status_filter(), [Status::Waived]);
    /// ```
    #[must_use]
    pub fn statuses(mut self, statuses: impl IntoIterator<Item = Status>) -> Scope {
        self.statuses = statuses.into_iter().collect();
        self
    }

    /// The directives filter (empty: all).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::Scope::all().directive_filter().is_empty());
    /// ```
    #[must_use]
    pub fn directive_filter(&self) -> &[DirectiveKey] {
        &self.directives
    }

    /// The tasks filter (empty: all).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::Scope::all().task_filter().is_empty());
    /// ```
    #[must_use]
    pub fn task_filter(&self) -> &[Clause] {
        &self.tasks
    }

    /// The roles filter (empty: all).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::Scope::all().role_filter().is_empty());
    /// ```
    #[must_use]
    pub fn role_filter(&self) -> &[Role] {
        &self.roles
    }

    /// The bodies filter (`None`: all).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::Scope::all().body_filter().is_none());
    /// ```
    #[must_use]
    pub fn body_filter(&self) -> Option<&Selector> {
        self.bodies.as_ref()
    }

    /// The period all periods must lie within, if any.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::Scope::all().period_within().is_none());
    /// ```
    #[must_use]
    pub fn period_within(&self) -> Option<Period> {
        self.within
    }

    /// The period all periods must start no earlier than, if any.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::Scope::all().period_from().is_none());
    /// ```
    #[must_use]
    pub fn period_from(&self) -> Option<Period> {
        self.from
    }

    /// The period all periods must end no later than, if any.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::Scope::all().period_to().is_none());
    /// ```
    #[must_use]
    pub fn period_to(&self) -> Option<Period> {
        self.to
    }

    /// The statuses filter (empty: all).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::Scope::all().status_filter().is_empty());
    /// ```
    #[must_use]
    pub fn status_filter(&self) -> &[Status] {
        &self.statuses
    }

    /// Whether a period passes the period filters.
    pub(crate) fn admits_period(&self, period: Period) -> bool {
        self.within
            .is_none_or(|w| w.start() <= period.start() && period.end() <= w.end())
            && self.from.is_none_or(|f| f.start() <= period.start())
            && self.to.is_none_or(|t| period.end() <= t.end())
    }

    /// The first and last day periods in scope may cover, when both are bounded.
    pub(crate) fn period_bounds(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = [self.within.map(Period::start), self.from.map(Period::start)]
            .into_iter()
            .flatten()
            .max()?;
        let last = [self.within.map(Period::end), self.to.map(Period::end)]
            .into_iter()
            .flatten()
            .min()?;
        Some((first, last))
    }

    fn problem(&self) -> Option<(String, CriteriaProblem)> {
        if let Some((first, last)) = self.period_bounds()
            && last < first
        {
            let path = if self.to.is_some() {
                "scope.periods.to"
            } else {
                "scope.periods.from"
            };
            return Some((path.to_owned(), CriteriaProblem::NoPeriod { first, last }));
        }
        None
    }
}

/// A grouping key: obligations with the same values of every key form one group.
///
/// Bodies are named by code; the level and kind are those of the body that holds the
/// obligation. A window (quarter, half, year) is the one that holds the last day of the
/// obligation's period, so the report for 2024-03 counts in 2024-Q1, 2024-H1 and 2024.
/// The period and the windows are the time keys, over which a trend is judged.
///
/// # Example
///
/// ```
/// use directives::criteria::GroupBy;
///
/// assert_eq!("holder".parse::<GroupBy>()?, GroupBy::Holder);
/// assert_eq!(GroupBy::AssignedBody.as_str(), "assigned_body");
/// assert!(GroupBy::Year.is_time() && !GroupBy::Kind.is_time());
/// assert_eq!("body".parse::<GroupBy>().unwrap_err().to_string(),
///     "unknown grouping key `body`: expected one of assigned_body, holder, level, kind, task, directive, period, quarter, half, year");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum GroupBy {
    /// The body the directive assigned the obligation to.
    AssignedBody,
    /// The body that holds the obligation (the assigned body or its successor).
    Holder,
    /// The level of the holder.
    Level,
    /// The kind of the holder.
    Kind,
    /// The task (directive and clause).
    Task,
    /// The directive.
    Directive,
    /// The obligation's period.
    Period,
    /// The quarter that holds the end of the period.
    Quarter,
    /// The half year that holds the end of the period.
    Half,
    /// The year that holds the end of the period.
    Year,
}

impl GroupBy {
    /// Every key, in order.
    pub const ALL: [GroupBy; 10] = [
        GroupBy::AssignedBody,
        GroupBy::Holder,
        GroupBy::Level,
        GroupBy::Kind,
        GroupBy::Task,
        GroupBy::Directive,
        GroupBy::Period,
        GroupBy::Quarter,
        GroupBy::Half,
        GroupBy::Year,
    ];

    /// The snake_case name used in files.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::criteria::GroupBy::Half.as_str(), "half");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            GroupBy::AssignedBody => "assigned_body",
            GroupBy::Holder => "holder",
            GroupBy::Level => "level",
            GroupBy::Kind => "kind",
            GroupBy::Task => "task",
            GroupBy::Directive => "directive",
            GroupBy::Period => "period",
            GroupBy::Quarter => "quarter",
            GroupBy::Half => "half",
            GroupBy::Year => "year",
        }
    }

    /// Whether the key orders groups in time (period, quarter, half, year).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::GroupBy::Period.is_time());
    /// ```
    #[must_use]
    pub const fn is_time(self) -> bool {
        matches!(
            self,
            GroupBy::Period | GroupBy::Quarter | GroupBy::Half | GroupBy::Year
        )
    }

    /// The window of this key that holds `day` (for the window keys).
    pub(crate) fn window_of(self, day: NaiveDate) -> Option<Period> {
        use crate::period::Frequency;
        let frequency = match self {
            GroupBy::Quarter => Frequency::Quarterly,
            GroupBy::Half => Frequency::HalfYearly,
            GroupBy::Year => Frequency::Yearly,
            _ => return None,
        };
        Period::containing(day, frequency)
    }

    /// How many windows of this key lie between two days, for the window keys.
    fn windows_between(self, first: NaiveDate, last: NaiveDate) -> Option<usize> {
        let mut window = self.window_of(first)?;
        let end = self.window_of(last)?;
        let mut n = 1;
        while window < end && n < 2 {
            window = window.next()?;
            n += 1;
        }
        Some(n)
    }
}

impl fmt::Display for GroupBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for GroupBy {
    type Err = CriteriaError;

    fn from_str(s: &str) -> Result<GroupBy, CriteriaError> {
        GroupBy::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| CriteriaError::Value {
                problem: Box::new(CriteriaProblem::UnknownGroupKey {
                    value: s.to_owned(),
                }),
            })
    }
}

/// A grading policy named as a criteria file names it.
///
/// # Example
///
/// ```
/// use directives::criteria::NamedPolicy;
///
/// let p = NamedPolicy::preset("regulation_366_2025").ok_or("no preset")?;
/// assert_eq!(p.name(), "regulation_366_2025");
/// assert!(p.policy().applies_to(2025));
/// assert_eq!(NamedPolicy::PRESETS.len(), 4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NamedPolicy {
    name: String,
    policy: GradingPolicy,
}

impl NamedPolicy {
    /// The names of the grading presets, as files write them, in the order of
    /// [`GradingPolicy::presets`]: the one list of the names.
    pub const PRESETS: [&'static str; 4] = [
        "regulation_124_2023",
        "decree_90_2020_as_amended",
        "regulation_366_2025",
        "decree_335_2025_timeliness",
    ];

    /// A policy under a name of the caller's choosing.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    /// use directives::criteria::NamedPolicy;
    ///
    /// let p = NamedPolicy::new("ours", GradingPolicy::regulation_366_2025());
    /// assert_eq!(p.name(), "ours");
    /// ```
    pub fn new(name: impl Into<String>, policy: GradingPolicy) -> NamedPolicy {
        NamedPolicy {
            name: name.into(),
            policy,
        }
    }

    /// The preset with this name (see [`NamedPolicy::PRESETS`]).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::criteria::NamedPolicy::preset("decree_335_2025").is_none());
    /// ```
    #[must_use]
    pub fn preset(name: &str) -> Option<NamedPolicy> {
        NamedPolicy::PRESETS
            .into_iter()
            .zip(GradingPolicy::presets())
            .find(|(preset, _)| *preset == name)
            .map(|(preset, policy)| NamedPolicy::new(preset, policy))
    }

    /// The name.
    ///
    /// # Example
    ///
    /// See [`NamedPolicy`].
    ///
    /// ```
    /// # let p = directives::criteria::NamedPolicy::preset("regulation_124_2023").ok_or("no preset")?;
    /// assert_eq!(p.name(), "regulation_124_2023");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The policy.
    ///
    /// # Example
    ///
    /// See [`NamedPolicy`].
    ///
    /// ```
    /// # let p = directives::criteria::NamedPolicy::preset("regulation_124_2023").ok_or("no preset")?;
    /// assert_eq!(p.policy().last_year(), Some(2024));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn policy(&self) -> &GradingPolicy {
        &self.policy
    }
}

/// What is measured of a group of obligations.
///
/// "Due" obligations are those done on time, done late or open and overdue: the
/// denominator of every rate. A group with nothing due is not applicable, whatever the
/// measure.
///
/// | measure | value | numerator / denominator |
/// |---|---|---|
/// | `OnTimeRate` | done on time ÷ due | on time / due |
/// | `DoneRate` | (on time + late) ÷ due | done / due |
/// | `LateShare` | done late ÷ due | late / due |
/// | `OverdueShare` | open and overdue ÷ due | overdue / due |
/// | `Count(statuses)` | obligations with one of the statuses | count / due |
/// | `Reports` | done on time + done late | done / due |
/// | `OverdueCount` | open and overdue | overdue / due |
/// | `MaxOverdueAge(unit)` | the most days any overdue obligation is past its deadline | days / overdue |
/// | `MeanLateness(unit)` | mean days past the deadline of the late ones (done late, or overdue as of the date) | total days / late |
/// | `Score(policy)` | the policy's timeliness index, 0 to 100 | points / due |
/// | `Grade(policy)` | the policy's grade | index / due |
/// | `IndicatorTargetMet` | due indicator obligations whose latest value meets the target ÷ those due | met / due with a target |
///
/// A score or grade is judged for the assessment year of the group — the year of its
/// time key, or of the scope's `within` period — under the named policy, and is
/// indeterminate when there is no single year or the policy does not govern it (rules
/// apply in their own time).
///
/// The measures of lateness count days elapsed in a [`TermUnit`]: [`TermUnit::Days`]
/// (calendar days) or [`TermUnit::WorkingDays`] (working days of the evaluation
/// policy's calendar); a criterion with another unit is refused when it is built
/// ([`CriteriaProblem::LatenessUnit`]), as weeks, months and years count a term forward,
/// not the days a deadline is past.
///
/// New measures may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::calendar::TermUnit;
/// use directives::criteria::Measure;
/// use directives::compliance::Status;
///
/// assert_eq!(Measure::OnTimeRate.name(), "on_time_rate");
/// assert!(Measure::LateShare.is_rate());
/// assert_eq!(Measure::MaxOverdueAge(TermUnit::WorkingDays).name(), "max_overdue_age");
/// assert_eq!(Measure::Count(vec![Status::Waived]).name(), "count");
///
/// // Lateness counts days elapsed: a unit of weeks is refused when the criterion is built.
/// use directives::criteria::{Criterion, Requirement, Threshold};
/// let err = Criterion::builder("late")
///     .title("Trễ hạn", "Lateness")
///     .provision("Decision 42/2014/QĐ-TTg")
///     .measure(Measure::MeanLateness(TermUnit::Weeks))
///     .require(Requirement::AtMost(Threshold::Number(3.0)))
///     .build()
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid criteria at `criterion[late].measure.unit`: unit `weeks` cannot measure \
///      lateness: expected `days` or `working_days`"
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Measure {
    /// The share of due obligations done on time.
    OnTimeRate,
    /// The share of due obligations done (on time or late).
    DoneRate,
    /// The share of due obligations done late.
    LateShare,
    /// The share of due obligations open and overdue.
    OverdueShare,
    /// The number of obligations with one of these statuses.
    Count(Vec<Status>),
    /// The number of reports made (done on time or late).
    Reports,
    /// The number of obligations open and overdue.
    OverdueCount,
    /// The most days an open obligation is past its deadline, in calendar days
    /// ([`TermUnit::Days`]) or working days ([`TermUnit::WorkingDays`]).
    MaxOverdueAge(TermUnit),
    /// The mean days past the deadline of the late obligations, in calendar days
    /// ([`TermUnit::Days`]) or working days ([`TermUnit::WorkingDays`]).
    MeanLateness(TermUnit),
    /// The timeliness index of a grading policy (0 to 100).
    Score(NamedPolicy),
    /// The grade of a grading policy.
    Grade(NamedPolicy),
    /// The share of due indicator obligations whose target is met.
    IndicatorTargetMet,
}

impl Measure {
    /// The snake_case name used in files.
    ///
    /// # Example
    ///
    /// See [`Measure`].
    ///
    /// ```
    /// assert_eq!(directives::criteria::Measure::IndicatorTargetMet.name(), "indicator_target_met");
    /// ```
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Measure::OnTimeRate => "on_time_rate",
            Measure::DoneRate => "done_rate",
            Measure::LateShare => "late_share",
            Measure::OverdueShare => "overdue_share",
            Measure::Count(_) => "count",
            Measure::Reports => "reports",
            Measure::OverdueCount => "overdue_count",
            Measure::MaxOverdueAge(_) => "max_overdue_age",
            Measure::MeanLateness(_) => "mean_lateness",
            Measure::Score(_) => "score",
            Measure::Grade(_) => "grade",
            Measure::IndicatorTargetMet => "indicator_target_met",
        }
    }

    /// Whether the measure is a rate (0 to 1).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!directives::criteria::Measure::Reports.is_rate());
    /// ```
    #[must_use]
    pub fn is_rate(&self) -> bool {
        matches!(
            self,
            Measure::OnTimeRate
                | Measure::DoneRate
                | Measure::LateShare
                | Measure::OverdueShare
                | Measure::IndicatorTargetMet
        )
    }

    /// Whether the measure counts days (calendar or working).
    #[cfg(feature = "serde")]
    pub(crate) fn takes_unit(&self) -> bool {
        matches!(self, Measure::MaxOverdueAge(_) | Measure::MeanLateness(_))
    }

    /// The unit a measure of lateness counts in, when it is not one of days elapsed.
    fn unit_problem(&self) -> Option<CriteriaProblem> {
        match self {
            Measure::MaxOverdueAge(unit) | Measure::MeanLateness(unit)
                if !matches!(unit, TermUnit::Days | TermUnit::WorkingDays) =>
            {
                Some(CriteriaProblem::LatenessUnit {
                    value: unit.as_str().to_owned(),
                })
            }
            _ => None,
        }
    }

    /// A label for people.
    pub(crate) fn label(&self, lang: Lang) -> String {
        let days = |unit: &TermUnit| match unit {
            TermUnit::WorkingDays => lang.pick("ngày làm việc", "working days"),
            _ => lang.pick("ngày", "calendar days"),
        };
        match self {
            Measure::OnTimeRate => lang.pick("tỷ lệ đúng hạn", "on-time rate").to_owned(),
            Measure::DoneRate => lang.pick("tỷ lệ hoàn thành", "done rate").to_owned(),
            Measure::LateShare => lang.pick("tỷ lệ quá hạn", "late share").to_owned(),
            Measure::OverdueShare => lang
                .pick("tỷ lệ chưa hoàn thành quá hạn", "overdue share")
                .to_owned(),
            Measure::Count(statuses) => {
                let names: Vec<&str> = statuses.iter().map(|s| s.label(lang)).collect();
                format!("{} ({})", lang.pick("số", "count"), names.join(", "))
            }
            Measure::Reports => lang.pick("số báo cáo", "reports").to_owned(),
            Measure::OverdueCount => lang.pick("số quá hạn", "overdue count").to_owned(),
            Measure::MaxOverdueAge(d) => format!(
                "{} ({})",
                lang.pick("quá hạn lâu nhất", "largest overdue age"),
                days(d)
            ),
            Measure::MeanLateness(d) => format!(
                "{} ({})",
                lang.pick("số ngày trễ trung bình", "mean lateness"),
                days(d)
            ),
            Measure::Score(p) => format!("{} `{}`", lang.pick("điểm", "score"), p.name()),
            Measure::Grade(p) => format!("{} `{}`", lang.pick("xếp loại", "grade"), p.name()),
            Measure::IndicatorTargetMet => lang
                .pick("tỷ lệ đạt chỉ tiêu", "indicator targets met")
                .to_owned(),
        }
    }

    /// Why a threshold does not suit the measure, if it does not.
    fn threshold_problem(&self, threshold: &Threshold) -> Option<CriteriaProblem> {
        match (self, threshold) {
            (Measure::Grade(_), Threshold::Grade(_)) => None,
            (Measure::Grade(_), Threshold::Number(_)) => Some(CriteriaProblem::ThresholdKind {
                measure: self.name(),
                expected: "a grade",
                found: threshold.to_string(),
            }),
            (_, Threshold::Grade(_)) => Some(CriteriaProblem::ThresholdKind {
                measure: self.name(),
                expected: "a number",
                found: threshold.to_string(),
            }),
            (_, Threshold::Number(value)) => {
                let value = *value;
                if !value.is_finite() {
                    Some(CriteriaProblem::NotFinite)
                } else if self.is_rate() && !(0.0..=1.0).contains(&value) {
                    Some(CriteriaProblem::RateOutOfRange { value })
                } else if matches!(self, Measure::Score(_)) && !(0.0..=100.0).contains(&value) {
                    Some(CriteriaProblem::ScoreOutOfRange { value })
                } else if value < 0.0 {
                    Some(CriteriaProblem::Negative { value })
                } else {
                    None
                }
            }
        }
    }
}

/// A threshold: a number, or a grade for the grade measure.
///
/// # Example
///
/// ```
/// use directives::compliance::Grade;
/// use directives::criteria::Threshold;
///
/// assert_eq!(Threshold::Number(0.8).to_string(), "0.8");
/// assert_eq!(Threshold::Grade(Grade::Good).to_string(), "good");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Threshold {
    /// A number.
    Number(f64),
    /// A grade.
    Grade(Grade),
}

impl Threshold {
    /// The value compared: the number, or the grade's rank (not completed 0 … excellent 3).
    pub(crate) fn value(&self) -> f64 {
        match self {
            Threshold::Number(v) => *v,
            Threshold::Grade(g) => grade_rank(*g),
        }
    }

    fn label(&self, lang: Lang) -> String {
        match self {
            Threshold::Number(v) => number(*v),
            Threshold::Grade(g) => g.label(lang).to_owned(),
        }
    }
}

/// The rank of a grade: not completed 0, completed 1, good 2, excellent 3.
pub(crate) fn grade_rank(grade: Grade) -> f64 {
    match grade {
        Grade::NotCompleted => 0.0,
        Grade::Completed => 1.0,
        Grade::Good => 2.0,
        Grade::Excellent => 3.0,
    }
}

/// A number as people read it: no trailing zeros, at most four decimals.
pub(crate) fn number(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Threshold::Number(v) => f.write_str(&number(*v)),
            Threshold::Grade(g) => f.write_str(match g {
                Grade::NotCompleted => "not_completed",
                Grade::Completed => "completed",
                Grade::Good => "good",
                Grade::Excellent => "excellent",
            }),
        }
    }
}

/// A direction of a trend over the time key of the grouping.
///
/// # Example
///
/// ```
/// assert_eq!(directives::criteria::Trend::NonDecreasing.as_str(), "non_decreasing");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Trend {
    /// Each settled window at least the one before.
    NonDecreasing,
    /// Each settled window more than the one before.
    Increasing,
}

impl Trend {
    /// The name used in files.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::criteria::Trend::Increasing.as_str(), "increasing");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Trend::NonDecreasing => "non_decreasing",
            Trend::Increasing => "increasing",
        }
    }
}

/// What a group's measure must satisfy.
///
/// A trend is judged per series (the groups that share every key but the time key),
/// over the windows of the time key in order. Only windows *settled* at the as-of date
/// count — a window is settled when it has ended and nothing in scope in it is still open
/// within its deadline — unless `include_unsettled` is set; the unsettled ones are listed.
/// A series with fewer than two windows to compare is indeterminate. The groups a trend's
/// result counts are its series, and a violation names the series and the window where
/// the value fell (or did not rise).
///
/// # Example
///
/// ```
/// use directives::criteria::{Requirement, Threshold, Trend};
///
/// assert_eq!(Requirement::AtLeast(Threshold::Number(0.8)).to_string(), "at least 0.8");
/// let trend = Requirement::Trend { trend: Trend::NonDecreasing, include_unsettled: false };
/// assert_eq!(trend.to_string(), "non-decreasing over settled windows");
/// assert!(Requirement::AtMost(Threshold::Number(1.0)).holds(0.5));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Requirement {
    /// The value is at least the threshold.
    AtLeast(Threshold),
    /// The value is at most the threshold.
    AtMost(Threshold),
    /// The value equals the threshold.
    Equal(Threshold),
    /// The value lies between the two thresholds, both included.
    Between(Threshold, Threshold),
    /// The values over the time key follow a trend.
    Trend {
        /// The direction.
        trend: Trend,
        /// Whether windows not yet settled count too.
        include_unsettled: bool,
    },
}

impl Requirement {
    /// Whether a value satisfies the requirement (a trend holds for any single value).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::{Requirement, Threshold};
    ///
    /// let r = Requirement::Between(Threshold::Number(0.2), Threshold::Number(0.4));
    /// assert!(r.holds(0.2) && r.holds(0.4) && !r.holds(0.41));
    /// ```
    #[must_use]
    pub fn holds(&self, value: f64) -> bool {
        match self {
            Requirement::AtLeast(t) => value >= t.value() - EPSILON,
            Requirement::AtMost(t) => value <= t.value() + EPSILON,
            Requirement::Equal(t) => (value - t.value()).abs() <= EPSILON,
            Requirement::Between(low, high) => {
                value >= low.value() - EPSILON && value <= high.value() + EPSILON
            }
            Requirement::Trend { .. } => true,
        }
    }

    /// The requirement in words.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::criteria::{Requirement, Threshold};
    ///
    /// assert_eq!(Requirement::AtMost(Threshold::Number(0.0)).sentence(Lang::Vi), "không quá 0");
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: Lang) -> String {
        match self {
            Requirement::AtLeast(t) => {
                format!("{} {}", lang.pick("ít nhất", "at least"), t.label(lang))
            }
            Requirement::AtMost(t) => {
                format!("{} {}", lang.pick("không quá", "at most"), t.label(lang))
            }
            Requirement::Equal(t) => format!("{} {}", lang.pick("bằng", "equal to"), t.label(lang)),
            Requirement::Between(low, high) => format!(
                "{} {} {} {}",
                lang.pick("từ", "between"),
                low.label(lang),
                lang.pick("đến", "and"),
                high.label(lang)
            ),
            Requirement::Trend {
                trend,
                include_unsettled,
            } => {
                let what = match trend {
                    Trend::NonDecreasing => lang.pick("không giảm", "non-decreasing"),
                    Trend::Increasing => lang.pick("tăng dần", "increasing"),
                };
                let over = if *include_unsettled {
                    lang.pick("qua mọi kỳ", "over all windows")
                } else {
                    lang.pick("qua các kỳ đã khép lại", "over settled windows")
                };
                format!("{what} {over}")
            }
        }
    }
}

/// The tolerance of comparisons, so that `0.8` written in a file equals 4 ÷ 5.
const EPSILON: f64 = 1e-9;

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence(Lang::En))
    }
}
