//! The incremental tracker: events one at a time, statuses on demand.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::evaluate::{Decision, FindingParts, Rec, build_finding, decide, extension_of};
use super::event::{Event, EventId, EventKind, EventRecord, identity_hash};
use super::event::{TAG_INDICATOR, is_qualifying};
use super::finding::Finding;
use super::policy::EvaluationPolicy;
use super::scorecard::StatusCounts;
use super::{ComplianceError, Status};
use crate::directive::DirectiveKey;
use crate::obligation::{ObligationId, ObligationKey, Obligations, day_number, from_day_number};

/// "Not retracted" in a slot.
const NEVER: i32 = i32::MAX;

/// "No event" in `Tracker::previous_copy`.
const NO_EVENT: u32 = u32::MAX;

/// One event of one obligation, as the tracker keeps it.
#[derive(Debug, Clone, Copy)]
struct Slot {
    rec: Rec,
    /// The day the event became known.
    known: i32,
    /// The day it was retracted (`NEVER` while it stands).
    retracted: i32,
}

/// The withdrawal of an event from a [`Tracker`]'s log: when, by whom, why, and the event
/// that corrected it, if any. The event stays in the log.
///
/// # Example
///
/// See [`Tracker::retract`].
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::Retraction;
///
/// let on = NaiveDate::from_ymd_opt(2025, 3, 2).ok_or("date")?;
/// let retraction = Retraction::new(on, "Văn phòng UBND tỉnh", "entered twice");
/// assert_eq!(retraction.by(), "Văn phòng UBND tỉnh");
/// assert_eq!(retraction.on(), on);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Retraction {
    #[cfg_attr(feature = "serde", serde(with = "crate::obligation::strict_date"))]
    on: NaiveDate,
    by: String,
    reason: String,
}

impl Retraction {
    /// A retraction on `on` by `by` for `reason`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::Retraction;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 3, 2).ok_or("date")?;
    /// assert_eq!(Retraction::new(on, "clerk", "typo").reason(), "typo");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(on: NaiveDate, by: impl Into<String>, reason: impl Into<String>) -> Retraction {
        Retraction {
            on,
            by: by.into(),
            reason: reason.into(),
        }
    }

    /// The day the event stopped counting.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::Retraction;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 3, 2).ok_or("date")?;
    /// assert_eq!(Retraction::new(on, "clerk", "typo").on(), on);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn on(&self) -> NaiveDate {
        self.on
    }

    /// Who retracted it.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::Retraction;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 3, 2).ok_or("date")?;
    /// assert_eq!(Retraction::new(on, "clerk", "typo").by(), "clerk");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn by(&self) -> &str {
        &self.by
    }

    /// Why.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::Retraction;
    ///
    /// let on = NaiveDate::from_ymd_opt(2025, 3, 2).ok_or("date")?;
    /// assert_eq!(Retraction::new(on, "clerk", "typo").reason(), "typo");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// Applies events one at a time, in any order, and answers the status of an obligation,
/// a body (assigned or holding), or a directive as of any date without re-evaluating
/// everything.
///
/// The tracker owns its obligations, its event log and its policy (which shares its
/// calendar through an `Arc`), so it is `Send + Sync + 'static` and can live in an
/// application's state. It can take the obligations of another directive later
/// ([`merge`](Tracker::merge)), and an event can be retracted or corrected: the log keeps
/// the event with when, by whom and why it was retracted, and an answer as of a date
/// before the retraction still counts it.
///
/// Each obligation keeps its own short list of events; applying an event touches only
/// that list, and a query decides only the obligations asked about, with the same rules
/// as [`evaluate`](super::evaluate). Events are judged by what is known on the as-of
/// date: a copy of an event already applied is refused only when it becomes known no
/// earlier than the copy already there.
///
/// Unlike [`evaluate`](super::evaluate), which reports bad events as diagnostics, the
/// tracker refuses them with an error and keeps its state unchanged.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{Event, EvaluationPolicy, Status, Tracker};
/// use directives::obligation::{Obligation, Obligations};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let mut obligations = Obligations::new();
/// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
/// let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?;
/// assert_eq!(tracker.status(id, d(2025, 3, 1)?)?, Status::OpenOverdue);
/// tracker.apply(Event::submitted(id, d(2025, 2, 19)?))?;
/// assert_eq!(tracker.status(id, d(2025, 3, 1)?)?, Status::DoneOnTime);
/// assert_eq!(tracker.status(id, d(2025, 2, 18)?)?, Status::OpenWithinDeadline);
/// assert_eq!(tracker.status_of("05/CT-UBND@2025-01-02/1.1/SYT/2025-01", d(2025, 3, 1)?)?, Status::DoneOnTime);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Tracker {
    obligations: Obligations,
    policy: EvaluationPolicy,
    // INVARIANT (log): `events[k]` and `retractions[k]` describe event id `k`.
    events: Vec<Event>,
    retractions: Vec<Option<Retraction>>,
    // INVARIANT (per obligation): one list per obligation, holding the events applied to
    // it; upheld by `new`, `merge` and `apply`.
    per_obligation: Vec<Vec<Slot>>,
    // INVARIANT (copies): `latest_copy[(row, h)]` is the last event applied to obligation
    // `row` whose date and kind hash to `h` (retracted ones at its head may be skipped),
    // and `previous_copy[k]` the one applied before event `k` with the same key (`NO_EVENT`
    // for none). Of the standing copies of one event, the last applied is known earliest,
    // since a copy is applied only when it becomes known before every standing one; so a
    // duplicate is found by looking at one copy. Upheld by `apply`.
    latest_copy: HashMap<(u32, u64), u32>,
    previous_copy: Vec<u32>,
    // Obligation rows sorted by (holder, row), (assigned body, row) and (directive, row);
    // rebuilt by `index`.
    by_holder: Vec<u32>,
    by_assigned: Vec<u32>,
    by_directive: Vec<u32>,
    // The most events one obligation takes (`Limit::EventsPerObligation`).
    max_events_per_obligation: usize,
}

impl Tracker {
    /// The default limit on the events of one obligation: 10,000 (an obligation
    /// receives a handful: a submission, an extension or two, corrections). Past it the
    /// tracker refuses an event with [`ComplianceError::EventLimit`], so that no
    /// obligation's history grows without bound.
    pub const DEFAULT_MAX_EVENTS_PER_OBLIGATION: usize = 10_000;

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
    /// let tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// assert_eq!(tracker.event_count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        obligations: Obligations,
        policy: EvaluationPolicy,
    ) -> Result<Tracker, ComplianceError> {
        policy.check_shift()?;
        let mut tracker = Tracker {
            per_obligation: vec![Vec::new(); obligations.len()],
            latest_copy: HashMap::new(),
            previous_copy: Vec::new(),
            obligations,
            policy,
            events: Vec::new(),
            retractions: Vec::new(),
            by_holder: Vec::new(),
            by_assigned: Vec::new(),
            by_directive: Vec::new(),
            max_events_per_obligation: Tracker::DEFAULT_MAX_EVENTS_PER_OBLIGATION,
        };
        tracker.index();
        Ok(tracker)
    }

    /// The same tracker with another limit on the events of one obligation (applied
    /// ones, retracted ones included); events already applied are kept.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{ComplianceError, EvaluationPolicy, Event, Tracker};
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
    /// let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?
    ///     .with_max_events_per_obligation(1);
    /// tracker.apply(Event::submitted(id, d(2025, 2, 10)?))?;
    /// let error = tracker.apply(Event::submitted(id, d(2025, 2, 11)?)).unwrap_err();
    /// assert!(matches!(error, ComplianceError::EventLimit { max: 1, .. }));
    /// assert_eq!(
    ///     error.to_string(),
    ///     "event `submitted` on `2025-02-11` for `05/CT-UBND@2025-01-02/1.1/SYT/2025-01`: the number of events of the obligation exceeds the limit of 1"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_max_events_per_obligation(mut self, max: usize) -> Tracker {
        self.max_events_per_obligation = max;
        self
    }

    /// Sorts the obligation rows for the queries by body and directive.
    fn index(&mut self) {
        let n = u32::try_from(self.obligations.len()).unwrap_or(u32::MAX);
        let holders = self.obligations.holders();
        let directives = self.obligations.directive_column();
        let obligations = &self.obligations;
        let assigned = |o: u32| {
            obligations
                .assigned_body_at(o as usize)
                .or_else(|| holders.get(o as usize).copied())
        };
        let mut by_holder: Vec<u32> = (0..n).collect();
        by_holder.sort_by_key(|&o| (holders.get(o as usize).copied(), o));
        let mut by_assigned: Vec<u32> = (0..n).collect();
        by_assigned.sort_by_key(|&o| (assigned(o), o));
        let mut by_directive: Vec<u32> = (0..n).collect();
        by_directive.sort_by_key(|&o| (directives.get(o as usize).copied(), o));
        self.by_holder = by_holder;
        self.by_assigned = by_assigned;
        self.by_directive = by_directive;
    }

    /// Takes the obligations of another store (another directive's, say), after this
    /// tracker's, and returns the id the first of them gets here: `other`'s obligation `k`
    /// becomes `first + k`.
    ///
    /// # Errors
    ///
    /// [`ComplianceError::Obligation`] with
    /// [`ObligationError::DuplicateKey`](crate::obligation::ObligationError::DuplicateKey)
    /// when a key of `other` is already tracked; nothing is added then.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EvaluationPolicy, Status, Tracker};
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let due = NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?;
    /// let mut tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// let mut other = Obligations::new();
    /// other.push(Obligation::new("12/KH-UBND@2024-04-01/2.1/SYT/2024".parse()?, due))?;
    /// let first = tracker.merge(&other)?;
    /// assert_eq!(tracker.status(first, due)?, Status::OpenWithinDeadline);
    /// assert!(tracker.merge(&other).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, other: &Obligations) -> Result<ObligationId, ComplianceError> {
        let first = self.obligations.merge(other)?;
        self.per_obligation
            .resize(self.obligations.len(), Vec::new());
        self.index();
        Ok(first)
    }

    /// Applies one event and returns its id in this tracker.
    ///
    /// # Errors
    ///
    /// The tracker's state is unchanged on error:
    /// - [`ComplianceError::UnknownObligation`] when the obligation is not in the store;
    /// - [`ComplianceError::DuplicateEvent`] when the same event (obligation, date, kind,
    ///   details) was already applied, known no later than this copy, and stands;
    /// - [`ComplianceError::ExtensionBeforeDeadline`] when an extension sets a due date
    ///   before the original;
    /// - [`ComplianceError::NonFiniteValue`] for an indicator value that is NaN or infinite;
    /// - [`ComplianceError::UnsupportedDate`] for a date outside `0001-01-01..=9999-12-31`;
    /// - [`ComplianceError::BeforeIssue`] for an event dated before the directive was
    ///   issued;
    /// - [`ComplianceError::LongBeforePeriod`] for a submission, completion or indicator
    ///   value dated more than the policy's
    ///   [`early_event_days`](EvaluationPolicy::early_event_days) before its period begins;
    /// - [`ComplianceError::EventLimit`] when the obligation has as many events as
    ///   [`Tracker::with_max_events_per_obligation`] allows;
    /// - [`ComplianceError::TooManyEvents`] when the tracker holds `u32::MAX - 1` events.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{ComplianceError, Event, EvaluationPolicy, Tracker};
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// let mut tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    /// let error = tracker.apply(Event::submitted(ObligationId::from_index(3), on)).unwrap_err();
    /// assert_eq!(error.to_string(), "event names an obligation that is not in the store");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, event: Event) -> Result<EventId, ComplianceError> {
        let obligation = event.obligation();
        let row = obligation.index() as usize;
        let unknown = || ComplianceError::UnknownObligation { obligation };
        let due = *self.obligations.due_days().get(row).ok_or_else(unknown)?;
        let Some(applied) = self.per_obligation.get(row).map(Vec::len) else {
            return Err(unknown());
        };
        event.check_dates()?;
        if applied >= self.max_events_per_obligation {
            return Err(ComplianceError::EventLimit {
                event: Box::new(self.describe(&event)?),
                max: self.max_events_per_obligation,
            });
        }
        event.check_finite(self.obligations.key(obligation).as_ref(), None)?;
        let day = day_number(event.date());
        if let Some(issued) = self.obligations.issued_day_at(row)
            && day < issued
        {
            return Err(ComplianceError::BeforeIssue {
                event: Box::new(self.describe(&event)?),
                issued: from_day_number(issued).ok_or(ComplianceError::DateOutOfRange)?,
            });
        }
        if is_qualifying(event.kind().tag())
            && let Some(start) = self.obligations.period_start_at(row)
            && let Some(bound) = self.policy.earliest_event_day(start)
            && day < bound
        {
            return Err(ComplianceError::LongBeforePeriod {
                event: Box::new(self.describe(&event)?),
                period_start: start,
                limit_days: self.policy.early_event_days().unwrap_or(0),
            });
        }
        let known = day_number(event.known_on());
        // A copy is redundant when one already stands that became known no later: the
        // standing copy applied last is the one known earliest (INVARIANT copies).
        let copy_key = (
            obligation.index(),
            identity_hash(day, event.kind().tag(), Some(event.kind())),
        );
        let standing = self.standing_copy(copy_key, &event);
        if standing.is_some_and(|(_, first_known)| first_known <= known) {
            return Err(ComplianceError::DuplicateEvent {
                event: Box::new(self.describe(&event)?),
            });
        }
        let new_due = match event.kind() {
            EventKind::Extended { new_due, .. } => {
                let new = day_number(*new_due);
                if new < due {
                    return Err(ComplianceError::ExtensionBeforeDeadline {
                        event: Box::new(self.describe(&event)?),
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
        if let Some(list) = self.per_obligation.get_mut(row) {
            list.push(Slot {
                rec,
                known,
                retracted: NEVER,
            });
        }
        // INVARIANT (copies): the new event heads the list of its key.
        let previous = self.latest_copy.insert(copy_key, id).unwrap_or(NO_EVENT);
        self.previous_copy.push(previous);
        // INVARIANT (log): both vectors grow together.
        self.events.push(event);
        self.retractions.push(None);
        Ok(EventId::from_index(id))
    }

    /// Applies one event given as a record, finding its obligation by reference.
    ///
    /// # Errors
    ///
    /// [`ComplianceError::UnknownReference`] when no obligation has the record's
    /// reference; otherwise as [`Tracker::apply`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EvaluationPolicy, EventRecord, Status, Tracker};
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let key: directives::obligation::ObligationKey = "05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?;
    /// let mut obligations = Obligations::new();
    /// obligations.push(Obligation::new(key.clone(), d(2025, 2, 20)?))?;
    /// let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?;
    /// tracker.apply_record(EventRecord::submitted(key.clone(), d(2025, 2, 21)?))?;
    /// assert_eq!(tracker.status_of(&key.to_string(), d(2025, 3, 1)?)?, Status::DoneLate);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_record(&mut self, record: EventRecord) -> Result<EventId, ComplianceError> {
        let Some(id) = self.obligations.find(record.obligation()) else {
            return Err(ComplianceError::UnknownReference {
                event: Box::new(record),
            });
        };
        let mut event = Event::new(id, record.date(), record.kind().clone());
        if let Some(recorded) = record.recorded() {
            event = event.recorded_on(recorded);
        }
        self.apply(event)
    }

    /// Retracts an event from `retraction`'s date on: answers as of that date or later no
    /// longer count it; earlier answers still do. The log keeps the event and the
    /// retraction.
    ///
    /// # Errors
    ///
    /// - [`ComplianceError::UnknownEvent`] when the tracker issued no such id;
    /// - [`ComplianceError::AlreadyRetracted`] when it was retracted before;
    /// - [`ComplianceError::UnsupportedDate`] when the retraction is dated outside
    ///   `0001-01-01..=9999-12-31`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, EvaluationPolicy, Retraction, Status, Tracker};
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
    /// let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?;
    /// let event = tracker.apply(Event::submitted(id, d(2025, 2, 19)?))?;
    /// tracker.retract(event, Retraction::new(d(2025, 3, 5)?, "Văn phòng", "sent to the wrong body"))?;
    /// assert_eq!(tracker.status(id, d(2025, 3, 1)?)?, Status::DoneOnTime);
    /// assert_eq!(tracker.status(id, d(2025, 3, 5)?)?, Status::OpenOverdue);
    /// assert_eq!(tracker.retraction(event).map(|r| r.by()), Some("Văn phòng"));
    /// assert!(tracker.event(event).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn retract(&mut self, id: EventId, retraction: Retraction) -> Result<(), ComplianceError> {
        if !crate::text::in_range(retraction.on) {
            return Err(ComplianceError::UnsupportedDate {
                date: retraction.on,
            });
        }
        let k = id.index() as usize;
        let event = self.events.get(k).ok_or(ComplianceError::UnknownEvent)?;
        let slot = self
            .retractions
            .get(k)
            .ok_or(ComplianceError::UnknownEvent)?;
        if slot.is_some() {
            return Err(ComplianceError::AlreadyRetracted {
                event: Box::new(self.describe(event)?),
            });
        }
        let row = event.obligation().index() as usize;
        let on = day_number(retraction.on);
        // A list holds its events in the order applied, so by id.
        if let Some(list) = self.per_obligation.get_mut(row)
            && let Ok(i) = list.binary_search_by_key(&id.index(), |s| s.rec.id)
            && let Some(slot) = list.get_mut(i)
        {
            slot.retracted = on;
        }
        if let Some(slot) = self.retractions.get_mut(k) {
            *slot = Some(retraction);
        }
        Ok(())
    }

    /// Corrects an event: retracts it and applies `corrected` in its place, known from
    /// the retraction's date at the earliest. Returns the corrected event's id.
    ///
    /// # Errors
    ///
    /// As [`Tracker::retract`] and [`Tracker::apply`]; nothing changes on error.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, EvaluationPolicy, Retraction, Status, Tracker};
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
    /// let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?;
    /// let typo = tracker.apply(Event::submitted(id, d(2025, 2, 19)?))?;
    /// // The report actually arrived on the 25th.
    /// let fixed = tracker.correct(typo, Event::submitted(id, d(2025, 2, 25)?), Retraction::new(d(2025, 3, 2)?, "clerk", "wrong date"))?;
    /// assert_eq!(tracker.status(id, d(2025, 3, 1)?)?, Status::DoneOnTime);
    /// assert_eq!(tracker.status(id, d(2025, 3, 2)?)?, Status::DoneLate);
    /// assert_eq!(tracker.event_count(), 2);
    /// assert!(tracker.retraction(fixed).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn correct(
        &mut self,
        id: EventId,
        corrected: Event,
        retraction: Retraction,
    ) -> Result<EventId, ComplianceError> {
        if !crate::text::in_range(retraction.on) {
            return Err(ComplianceError::UnsupportedDate {
                date: retraction.on,
            });
        }
        match self.retractions.get(id.index() as usize) {
            None => return Err(ComplianceError::UnknownEvent),
            Some(Some(_)) => {
                let event = self
                    .events
                    .get(id.index() as usize)
                    .ok_or(ComplianceError::UnknownEvent)?;
                return Err(ComplianceError::AlreadyRetracted {
                    event: Box::new(self.describe(event)?),
                });
            }
            Some(None) => {}
        }
        let known = corrected.known_on().max(retraction.on);
        let corrected = corrected.recorded_on(known);
        let new = self.apply(corrected)?;
        self.retract(id, retraction)?;
        Ok(new)
    }

    /// The standing copy of `event` applied last, with the day it became known: the one
    /// known earliest (INVARIANT copies). Retracted events at the head of the key's list
    /// are unlinked on the way, so each is passed over once.
    fn standing_copy(&mut self, key: (u32, u64), event: &Event) -> Option<(u32, i32)> {
        let retracted = |tracker: &Tracker, k: u32| {
            tracker
                .retractions
                .get(k as usize)
                .is_none_or(Option::is_some)
        };
        let previous = |tracker: &Tracker, k: u32| {
            tracker
                .previous_copy
                .get(k as usize)
                .copied()
                .filter(|&p| p != NO_EVENT)
        };
        let mut head = *self.latest_copy.get(&key)?;
        while retracted(self, head) {
            match previous(self, head) {
                Some(p) => head = p,
                None => {
                    self.latest_copy.remove(&key);
                    return None;
                }
            }
        }
        self.latest_copy.insert(key, head);
        // Events of another kind with the same hash (a collision) are passed over.
        let mut current = Some(head);
        while let Some(k) = current {
            if !retracted(self, k)
                && let Some(e) = self.events.get(k as usize)
                && e.date() == event.date()
                && e.kind() == event.kind()
            {
                return Some((k, day_number(e.known_on())));
            }
            current = previous(self, k);
        }
        None
    }

    /// The record of an event, naming its obligation by reference.
    fn describe(&self, event: &Event) -> Result<EventRecord, ComplianceError> {
        let key =
            self.obligations
                .key(event.obligation())
                .ok_or(ComplianceError::UnknownObligation {
                    obligation: event.obligation(),
                })?;
        let mut record = EventRecord::new(key, event.date(), event.kind().clone());
        if let Some(recorded) = event.recorded() {
            record = record.recorded_on(recorded);
        }
        Ok(record)
    }

    /// The number of events applied (retracted ones included).
    ///
    /// # Example
    ///
    /// See [`Tracker::new`].
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// assert_eq!(Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?.event_count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// The event with this id, if this tracker issued it (retracted or not).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, EventId, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// assert!(tracker.event(EventId::from_index(0)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn event(&self, id: EventId) -> Option<&Event> {
        self.events.get(id.index() as usize)
    }

    /// The record of an event (its obligation by reference), if this tracker issued it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, EventId, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// assert!(tracker.record(EventId::from_index(0)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn record(&self, id: EventId) -> Option<EventRecord> {
        self.describe(self.event(id)?).ok()
    }

    /// The retraction of an event, if it was retracted.
    ///
    /// # Example
    ///
    /// See [`Tracker::retract`].
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, EventId, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// assert!(tracker.retraction(EventId::from_index(0)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn retraction(&self, id: EventId) -> Option<&Retraction> {
        self.retractions.get(id.index() as usize)?.as_ref()
    }

    /// The obligations tracked.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// assert!(tracker.obligations().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn obligations(&self) -> &Obligations {
        &self.obligations
    }

    /// The policy.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar().with_grace_days(2))?;
    /// assert_eq!(tracker.policy().grace_days(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn policy(&self) -> &EvaluationPolicy {
        &self.policy
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
    /// let tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    /// assert!(tracker.status(ObligationId::from_index(0), on).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status(&self, id: ObligationId, as_of: NaiveDate) -> Result<Status, ComplianceError> {
        self.policy.check(as_of)?;
        self.status_at(id.index(), day_number(as_of), &mut Vec::new())
    }

    /// The status of the obligation with this reference as of a date.
    ///
    /// # Errors
    ///
    /// [`ComplianceError::Obligation`] when the text is not a reference or no obligation
    /// has it; otherwise as [`Tracker::status`].
    ///
    /// # Example
    ///
    /// See [`Tracker`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EvaluationPolicy, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    /// assert_eq!(
    ///     tracker.status_of("05/CT-UBND@2025-01-02/1.1/SYT/2025-01", on).unwrap_err().to_string(),
    ///     "no obligation `05/CT-UBND@2025-01-02/1.1/SYT/2025-01` in the store",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status_of(&self, reference: &str, as_of: NaiveDate) -> Result<Status, ComplianceError> {
        let id = self.obligations.lookup(reference)?;
        self.status(id, as_of)
    }

    fn status_at(
        &self,
        row: u32,
        as_of: i32,
        recs: &mut Vec<Rec>,
    ) -> Result<Status, ComplianceError> {
        Ok(self.decision_at(row, as_of, recs)?.status)
    }

    /// The decision for one obligation from the events known and not retracted on
    /// `as_of`; `recs` is scratch space.
    fn decision_at(
        &self,
        row: u32,
        as_of: i32,
        recs: &mut Vec<Rec>,
    ) -> Result<Decision, ComplianceError> {
        let unknown = || ComplianceError::UnknownObligation {
            obligation: ObligationId::from_index(row),
        };
        let i = row as usize;
        let due = *self.obligations.due_days().get(i).ok_or_else(unknown)?;
        let list = self.per_obligation.get(i).ok_or_else(unknown)?;
        recs.clear();
        recs.extend(
            list.iter()
                .filter(|s| s.known <= as_of && as_of < s.retracted)
                .map(|s| s.rec),
        );
        recs.sort_unstable_by_key(|r| (r.day, r.id));
        let mut ignored = Vec::new();
        decide(
            due,
            self.obligations.is_not_applicable(i),
            recs,
            as_of,
            &self.policy,
            &mut ignored,
        )
    }

    /// The full finding for one obligation as of a date: its status with the explanation,
    /// notes, lateness, deciding event and indicator outcome, as
    /// [`Evaluation::finding`](super::Evaluation::finding) gives it for the same events.
    ///
    /// # Errors
    ///
    /// As [`Tracker::status`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, EvaluationPolicy, Status, Tracker};
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
    /// let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?;
    /// tracker.apply(Event::submitted(id, d(2025, 2, 24)?))?;
    /// let finding = tracker.finding_by_id(id, d(2025, 3, 1)?)?;
    /// assert_eq!(finding.status(), Status::DoneLate);
    /// assert_eq!(finding.lateness().calendar_days(), 4);
    /// assert_eq!(finding.obligation().to_string(), "05/CT-UBND@2025-01-02/1.1/SYT/2025-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn finding_by_id(
        &self,
        id: ObligationId,
        as_of: NaiveDate,
    ) -> Result<Finding, ComplianceError> {
        self.policy.check(as_of)?;
        let day = day_number(as_of);
        let decision = self.decision_at(id.index(), day, &mut Vec::new())?;
        let event = |row: u32| self.events.get(row as usize);
        let deciding_event = match decision.deciding {
            Some((row, _)) => {
                Some(self.describe(event(row).ok_or(ComplianceError::UnknownEvent)?)?)
            }
            None => None,
        };
        let extension = match decision.extension {
            Some(row) => Some(extension_of(
                event(row).ok_or(ComplianceError::UnknownEvent)?,
            )),
            None => None,
        };
        // The latest indicator value known and standing on the as-of date, as `evaluate`
        // takes it (by date, then by the order applied).
        let indicator_value = self
            .per_obligation
            .get(id.index() as usize)
            .into_iter()
            .flatten()
            .filter(|s| s.rec.tag == TAG_INDICATOR && s.known <= day && day < s.retracted)
            .max_by_key(|s| (s.rec.day, s.rec.id))
            .and_then(|s| match event(s.rec.id)?.kind() {
                EventKind::IndicatorValue { value } => Some(*value),
                _ => None,
            });
        let parts = FindingParts {
            decision,
            deciding_event,
            extension,
            indicator_value,
        };
        build_finding(&self.obligations, &self.policy, as_of, id, parts)
            .ok_or(ComplianceError::UnknownObligation { obligation: id })
    }

    /// The full finding for the obligation with this key as of a date (see
    /// [`Tracker::finding_by_id`]).
    ///
    /// # Errors
    ///
    /// [`ComplianceError::Obligation`] with
    /// [`ObligationError::UnknownReference`](crate::obligation::ObligationError::UnknownReference)
    /// when no obligation has this key; otherwise as [`Tracker::status`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EvaluationPolicy, EventRecord, Status, Tracker};
    /// use directives::obligation::{Obligation, ObligationKey, Obligations};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let key: ObligationKey = "05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?;
    /// let mut obligations = Obligations::new();
    /// obligations.push(Obligation::new(key.clone(), d(2025, 2, 20)?))?;
    /// let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?;
    /// tracker.apply_record(EventRecord::submitted(key.clone(), d(2025, 2, 19)?))?;
    /// let finding = tracker.finding(&key, d(2025, 3, 1)?)?;
    /// assert_eq!(finding.status(), Status::DoneOnTime);
    /// assert_eq!(
    ///     finding.deciding_event().map(|e| e.to_string()).as_deref(),
    ///     Some("`submitted` on `2025-02-19` for `05/CT-UBND@2025-01-02/1.1/SYT/2025-01`"),
    /// );
    /// // As of a day before the report, it was still open.
    /// assert_eq!(tracker.finding(&key, d(2025, 2, 18)?)?.status(), Status::OpenWithinDeadline);
    /// let unknown: ObligationKey = "05/CT-UBND@2025-01-02/1.1/STC/2025-01".parse()?;
    /// assert_eq!(
    ///     tracker.finding(&unknown, d(2025, 3, 1)?).unwrap_err().to_string(),
    ///     "no obligation `05/CT-UBND@2025-01-02/1.1/STC/2025-01` in the store",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn finding(
        &self,
        key: &ObligationKey,
        as_of: NaiveDate,
    ) -> Result<Finding, ComplianceError> {
        let id = self.obligations.find(key).ok_or_else(|| {
            crate::obligation::ObligationError::UnknownReference {
                key: Box::new(key.clone()),
            }
        })?;
        self.finding_by_id(id, as_of)
    }

    /// The counts by status of the obligations one body holds (including those that passed
    /// to it from a body that ceased to exist) as of a date. A body the tracker does not
    /// know holds nothing.
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
    /// use directives::obligation::{Obligation, Obligations};
    /// use directives::org::BodyCode;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut obligations = Obligations::new();
    /// // HU-A had ceased; HU-B holds its obligation.
    /// obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/HU-A/2025-01".parse()?, d(2025, 2, 20)?).held_by(BodyCode::new("HU-B")?))?;
    /// let tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?;
    /// assert_eq!(tracker.holder_counts("HU-B", d(2025, 3, 1)?)?.get(Status::OpenOverdue), 1);
    /// assert_eq!(tracker.holder_counts("HU-A", d(2025, 3, 1)?)?.total(), 0);
    /// assert_eq!(tracker.body_counts("HU-A", d(2025, 3, 1)?)?.total(), 1);
    /// assert_eq!(tracker.body_counts("HU-B", d(2025, 3, 1)?)?.total(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn holder_counts(
        &self,
        body: &str,
        as_of: NaiveDate,
    ) -> Result<StatusCounts, ComplianceError> {
        let Some(body) = self.obligations.body_id(body) else {
            return self.counts(&[], as_of);
        };
        let holders = self.obligations.holders();
        let key = |o: &u32| holders.get(*o as usize).copied();
        let start = self.by_holder.partition_point(|o| key(o) < Some(body));
        let end = self.by_holder.partition_point(|o| key(o) <= Some(body));
        self.counts(self.by_holder.get(start..end).unwrap_or_default(), as_of)
    }

    /// The counts by status of the obligations the directive assigned to one body (the
    /// key's body, whoever holds them now) as of a date.
    ///
    /// # Errors
    ///
    /// [`ComplianceError::OutsideCalendar`] when `as_of` or a deadline is outside the
    /// policy's calendar.
    ///
    /// # Example
    ///
    /// See [`Tracker::holder_counts`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EvaluationPolicy, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// assert_eq!(tracker.body_counts("SYT", NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?)?.total(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn body_counts(
        &self,
        body: &str,
        as_of: NaiveDate,
    ) -> Result<StatusCounts, ComplianceError> {
        let Some(body) = self.obligations.body_id(body) else {
            return self.counts(&[], as_of);
        };
        let obligations = &self.obligations;
        let holders = obligations.holders();
        let key = |o: &u32| {
            obligations
                .assigned_body_at(*o as usize)
                .or_else(|| holders.get(*o as usize).copied())
        };
        let start = self.by_assigned.partition_point(|o| key(o) < Some(body));
        let end = self.by_assigned.partition_point(|o| key(o) <= Some(body));
        self.counts(self.by_assigned.get(start..end).unwrap_or_default(), as_of)
    }

    /// The counts by status of one directive's obligations as of a date. A directive the
    /// tracker does not know has none.
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
    /// use directives::obligation::{Obligation, ObligationKey, Obligations};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let key: ObligationKey = "05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?;
    /// let mut obligations = Obligations::new();
    /// obligations.push(Obligation::new(key.clone(), d(2025, 2, 20)?))?;
    /// let tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?;
    /// assert_eq!(tracker.directive_counts(key.directive(), d(2025, 2, 1)?)?.get(Status::OpenWithinDeadline), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn directive_counts(
        &self,
        directive: &DirectiveKey,
        as_of: NaiveDate,
    ) -> Result<StatusCounts, ComplianceError> {
        let Some((handle, _)) = self
            .obligations
            .directives()
            .find(|(_, key)| *key == directive)
        else {
            return self.counts(&[], as_of);
        };
        let directives = self.obligations.directive_column();
        let key = |o: &u32| directives.get(*o as usize).copied();
        let d = Some(handle.index());
        let start = self.by_directive.partition_point(|o| key(o) < d);
        let end = self.by_directive.partition_point(|o| key(o) <= d);
        self.counts(self.by_directive.get(start..end).unwrap_or_default(), as_of)
    }

    /// The status of the obligation with this key as of a date, if it is tracked.
    ///
    /// # Errors
    ///
    /// As [`Tracker::status`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EvaluationPolicy, Tracker};
    /// use directives::obligation::{ObligationKey, Obligations};
    ///
    /// let tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// let key: ObligationKey = "05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?;
    /// assert_eq!(tracker.status_by_key(&key, NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?)?, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status_by_key(
        &self,
        key: &ObligationKey,
        as_of: NaiveDate,
    ) -> Result<Option<Status>, ComplianceError> {
        match self.obligations.find(key) {
            Some(id) => self.status(id, as_of).map(Some),
            None => Ok(None),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracker_is_send_sync_static() {
        fn assert_traits<T: Send + Sync + 'static>() {}
        assert_traits::<Tracker>();
        assert_traits::<EvaluationPolicy>();
        assert_traits::<super::super::Findings>();
    }
}
