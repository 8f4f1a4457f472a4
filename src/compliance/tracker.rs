//! The incremental tracker: events one at a time, statuses on demand.

use chrono::NaiveDate;

use super::evaluate::{Rec, decide};
use super::event::{Event, EventId, EventKind};
use super::policy::EvaluationPolicy;
use super::scorecard::StatusCounts;
use super::{ComplianceError, Status};
use crate::obligation::{DirectiveRef, ObligationId, Obligations, day_number, from_day_number};
use crate::org::BodyId;

/// Applies events one at a time, in any order, and answers the status of an obligation,
/// a body or a directive as of any date without re-evaluating everything.
///
/// Each obligation keeps its own short list of events; applying an event touches only
/// that list (constant time for the usual handful of events per obligation), and a query
/// decides only the obligations asked about, with the same rules as
/// [`evaluate`](super::evaluate).
///
/// Unlike [`evaluate`](super::evaluate), which reports bad events as diagnostics, the
/// tracker refuses them with an error and keeps its state unchanged.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{Event, EvaluationPolicy, Status, Tracker};
/// use directives::directive::{DirectiveKey, TaskNumber};
/// use directives::document::DocSymbol;
/// use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
/// use directives::period::Period;
/// use directives::org::BodyId;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let key = ObligationKey::new(
///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, d(2025, 1, 2)?),
///     TaskNumber::new("1")?,
///     RequirementIndex::new(0),
///     BodyId::from_index(1),
///     "2025-01".parse::<Period>()?,
/// );
/// let mut obligations = Obligations::new();
/// let id = obligations.push(Obligation::new(key, d(2025, 2, 20)?))?;
/// let policy = EvaluationPolicy::without_calendar();
/// let mut tracker = Tracker::new(&obligations, &policy)?;
/// assert_eq!(tracker.status(id, d(2025, 3, 1)?)?, Status::OpenOverdue);
/// tracker.apply(Event::submitted(id, d(2025, 2, 19)?))?;
/// assert_eq!(tracker.status(id, d(2025, 3, 1)?)?, Status::DoneOnTime);
/// assert_eq!(tracker.status(id, d(2025, 2, 18)?)?, Status::OpenWithinDeadline);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Tracker<'a> {
    obligations: &'a Obligations,
    policy: &'a EvaluationPolicy<'a>,
    events: Vec<Event>,
    // INVARIANT (per obligation): one list per obligation, holding the ids (indices into
    // `events`) and known-on days of the events applied to it; upheld by `new` and `apply`.
    per_obligation: Vec<Vec<(Rec, i32)>>,
    // Obligation rows sorted by (body, row) and by (directive, row).
    by_body: Vec<u32>,
    by_directive: Vec<u32>,
}

impl<'a> Tracker<'a> {
    /// A tracker over these obligations, with no events yet.
    ///
    /// # Errors
    ///
    /// [`ComplianceError::CalendarRequired`] when the policy applies the rest-day shift
    /// without a calendar.
    ///
    /// # Example
    ///
    /// See [`Tracker`].
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let obligations = Obligations::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// assert_eq!(Tracker::new(&obligations, &policy)?.event_count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        obligations: &'a Obligations,
        policy: &'a EvaluationPolicy<'a>,
    ) -> Result<Tracker<'a>, ComplianceError> {
        if policy.rest_day_shift() == super::RestDayShift::Apply && policy.calendar().is_none() {
            return Err(ComplianceError::CalendarRequired);
        }
        let n = u32::try_from(obligations.len()).unwrap_or(u32::MAX);
        let bodies = obligations.holders();
        let directives = obligations.directive_column();
        let mut by_body: Vec<u32> = (0..n).collect();
        by_body.sort_by_key(|&o| (bodies.get(o as usize).copied(), o));
        let mut by_directive: Vec<u32> = (0..n).collect();
        by_directive.sort_by_key(|&o| (directives.get(o as usize).copied(), o));
        Ok(Tracker {
            obligations,
            policy,
            events: Vec::new(),
            per_obligation: vec![Vec::new(); obligations.len()],
            by_body,
            by_directive,
        })
    }

    /// Applies one event and returns its id in this tracker.
    ///
    /// # Errors
    ///
    /// The tracker's state is unchanged on error:
    /// - [`ComplianceError::UnknownObligation`] when the obligation is not in the store;
    /// - [`ComplianceError::DuplicateEvent`] when the same event (obligation, date, kind,
    ///   details) was already applied;
    /// - [`ComplianceError::ExtensionBeforeDeadline`] when an extension sets a due date
    ///   before the original;
    /// - [`ComplianceError::TooManyEvents`] when the tracker holds `u32::MAX - 1` events.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{ComplianceError, Event, EvaluationPolicy, Tracker};
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// let obligations = Obligations::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let mut tracker = Tracker::new(&obligations, &policy)?;
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    /// let error = tracker.apply(Event::submitted(ObligationId::from_index(3), on)).unwrap_err();
    /// assert_eq!(error, ComplianceError::UnknownObligation { obligation: ObligationId::from_index(3) });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, event: Event) -> Result<EventId, ComplianceError> {
        let obligation = event.obligation();
        let row = obligation.index() as usize;
        let due = *self
            .obligations
            .due_days()
            .get(row)
            .ok_or(ComplianceError::UnknownObligation { obligation })?;
        let list = self
            .per_obligation
            .get(row)
            .ok_or(ComplianceError::UnknownObligation { obligation })?;
        if let Some((existing, _)) = list.iter().find(|(r, _)| {
            self.events
                .get(r.id as usize)
                .is_some_and(|e| e.date() == event.date() && e.kind() == event.kind())
        }) {
            return Err(ComplianceError::DuplicateEvent {
                existing: EventId::from_index(existing.id),
            });
        }
        let day = day_number(event.date());
        let new_due = match event.kind() {
            EventKind::Extended { new_due, .. } => {
                let new = day_number(*new_due);
                if new < due {
                    return Err(ComplianceError::ExtensionBeforeDeadline {
                        new_due: *new_due,
                        original_due: from_day_number(due)
                            .ok_or(ComplianceError::DateOutOfRange)?,
                    });
                }
                new
            }
            _ => day,
        };
        let id = u32::try_from(self.events.len())
            .ok()
            .filter(|&id| id < u32::MAX)
            .ok_or(ComplianceError::TooManyEvents)?;
        let rec = Rec {
            id,
            tag: event.kind().tag(),
            day,
            new_due,
        };
        let known = day_number(event.known_on());
        if let Some(list) = self.per_obligation.get_mut(row) {
            list.push((rec, known));
        }
        self.events.push(event);
        Ok(EventId::from_index(id))
    }

    /// The number of events applied.
    ///
    /// # Example
    ///
    /// See [`Tracker::new`].
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let obligations = Obligations::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// assert_eq!(Tracker::new(&obligations, &policy)?.event_count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// The event with this id, if this tracker issued it.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, EvaluationPolicy, EventId, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let obligations = Obligations::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// assert!(Tracker::new(&obligations, &policy)?.event(EventId::from_index(0)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn event(&self, id: EventId) -> Option<&Event> {
        self.events.get(id.index() as usize)
    }

    /// The status of one obligation as of a date.
    ///
    /// # Errors
    ///
    /// - [`ComplianceError::UnknownObligation`] when the obligation is not in the store;
    /// - [`ComplianceError::OutsideCalendar`] when `as_of` or the deadline is outside the
    ///   policy's calendar.
    ///
    /// # Example
    ///
    /// See [`Tracker`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EvaluationPolicy, Tracker};
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// let obligations = Obligations::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let tracker = Tracker::new(&obligations, &policy)?;
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    /// assert!(tracker.status(ObligationId::from_index(0), on).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status(&self, id: ObligationId, as_of: NaiveDate) -> Result<Status, ComplianceError> {
        self.policy.check(as_of)?;
        self.status_at(id.index(), day_number(as_of), &mut Vec::new())
    }

    fn status_at(
        &self,
        row: u32,
        as_of: i32,
        recs: &mut Vec<Rec>,
    ) -> Result<Status, ComplianceError> {
        let unknown = ComplianceError::UnknownObligation {
            obligation: ObligationId::from_index(row),
        };
        let i = row as usize;
        let due = *self.obligations.due_days().get(i).ok_or(unknown.clone())?;
        let list = self.per_obligation.get(i).ok_or(unknown)?;
        recs.clear();
        recs.extend(
            list.iter()
                .filter(|&&(_, known)| known <= as_of)
                .map(|&(r, _)| r),
        );
        recs.sort_unstable_by_key(|r| (r.day, r.id));
        let mut ignored = Vec::new();
        let decision = decide(
            due,
            self.obligations.is_not_applicable(i),
            recs,
            as_of,
            self.policy,
            &mut ignored,
        )?;
        Ok(decision.status)
    }

    /// The counts by status of the obligations one body holds (including those that passed
    /// to it from a body that ceased to exist) as of a date.
    ///
    /// # Errors
    ///
    /// [`ComplianceError::OutsideCalendar`] when `as_of` or a deadline is outside the
    /// policy's calendar.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EvaluationPolicy, Status, Tracker};
    /// use directives::directive::{DirectiveKey, TaskNumber};
    /// use directives::document::DocSymbol;
    /// use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
    /// use directives::period::Period;
    /// use directives::org::BodyId;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let key = ObligationKey::new(
    ///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, d(2025, 1, 2)?),
    ///     TaskNumber::new("1")?,
    ///     RequirementIndex::new(0),
    ///     BodyId::from_index(1),
    ///     "2025-01".parse::<Period>()?,
    /// );
    /// let mut obligations = Obligations::new();
    /// obligations.push(Obligation::new(key, d(2025, 2, 20)?))?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let tracker = Tracker::new(&obligations, &policy)?;
    /// let counts = tracker.body_counts(BodyId::from_index(1), d(2025, 3, 1)?)?;
    /// assert_eq!(counts.get(Status::OpenOverdue), 1);
    /// assert_eq!(tracker.body_counts(BodyId::from_index(2), d(2025, 3, 1)?)?.total(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn body_counts(
        &self,
        body: BodyId,
        as_of: NaiveDate,
    ) -> Result<StatusCounts, ComplianceError> {
        let bodies = self.obligations.holders();
        let key = |o: &u32| bodies.get(*o as usize).copied();
        let start = self.by_body.partition_point(|o| key(o) < Some(body));
        let end = self.by_body.partition_point(|o| key(o) <= Some(body));
        self.counts(self.by_body.get(start..end).unwrap_or_default(), as_of)
    }

    /// The counts by status of one directive's obligations as of a date.
    ///
    /// # Errors
    ///
    /// [`ComplianceError::OutsideCalendar`] when `as_of` or a deadline is outside the
    /// policy's calendar.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EvaluationPolicy, Status, Tracker};
    /// use directives::directive::{DirectiveKey, TaskNumber};
    /// use directives::document::DocSymbol;
    /// use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
    /// use directives::period::Period;
    /// use directives::org::BodyId;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let key = ObligationKey::new(
    ///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, d(2025, 1, 2)?),
    ///     TaskNumber::new("1")?,
    ///     RequirementIndex::new(0),
    ///     BodyId::from_index(1),
    ///     "2025-01".parse::<Period>()?,
    /// );
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new(key, d(2025, 2, 20)?))?;
    /// let directive = obligations.directive(id).ok_or("none")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let tracker = Tracker::new(&obligations, &policy)?;
    /// assert_eq!(tracker.directive_counts(directive, d(2025, 2, 1)?)?.get(Status::OpenWithinDeadline), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn directive_counts(
        &self,
        directive: DirectiveRef,
        as_of: NaiveDate,
    ) -> Result<StatusCounts, ComplianceError> {
        let directives = self.obligations.directive_column();
        let key = |o: &u32| directives.get(*o as usize).copied();
        let d = Some(directive.index());
        let start = self.by_directive.partition_point(|o| key(o) < d);
        let end = self.by_directive.partition_point(|o| key(o) <= d);
        self.counts(self.by_directive.get(start..end).unwrap_or_default(), as_of)
    }

    fn counts(&self, rows: &[u32], as_of: NaiveDate) -> Result<StatusCounts, ComplianceError> {
        self.policy.check(as_of)?;
        let as_of = day_number(as_of);
        let mut counts = StatusCounts::default();
        let mut recs = Vec::new();
        for &row in rows {
            counts.add(self.status_at(row, as_of, &mut recs)?);
        }
        Ok(counts)
    }
}
