//! The incremental tracker: events one at a time, statuses on demand.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::evaluate::{
    Decision, FindingParts, Rec, build_finding, decide, extension_of, values_that_count, weigh,
};
use super::event::{Event, EventId, EventKind, EventRecord, Events, identity_hash};
use super::event::{TAG_INDICATOR, is_qualifying};
use super::finding::Finding;
use super::policy::EvaluationPolicy;
use super::scorecard::StatusCounts;
use super::{ComplianceError, Status};
use crate::directive::DirectiveKey;
use crate::obligation::{ObligationId, ObligationKey, Obligations, day_number, from_day_number};
use crate::{Limit, Limits};

/// "Not retracted": the day a standing event stops counting.
const NEVER: i32 = i32::MAX;

/// "No event": the end of an obligation's list of events.
const NO_EVENT: u32 = u32::MAX;

/// In [`Summary::first`]: no event yet.
const NOTHING: i32 = i32::MAX;

/// In [`Summary::first`]: the obligation's events need the full decision.
const INVOLVED: i32 = i32::MIN;

/// Up to this many events, an obligation's earlier events are compared with a new one
/// directly; past it, through an index by hash (see INVARIANT (copies)).
const SMALL: usize = 8;

/// What the tracker keeps of one obligation: 12 bytes.
#[derive(Debug, Clone, Copy)]
struct Summary {
    /// The last event applied to it, which heads its list (`NO_EVENT` for none).
    last: u32,
    /// While each of its events qualifies, became known on its own date and stands, the
    /// day of the earliest (`NOTHING` for no event): that event alone decides its status
    /// as of any date. `INVOLVED` once some event does not fit.
    first: i32,
    /// The number of events applied to it, retracted ones included (up to `u16::MAX`;
    /// past `SMALL`, `busy` counts them).
    count: u16,
    /// The union of `seen_bit` of the date and kind of each of its events: an event
    /// whose bit is clear has no copy among them, and none is looked for.
    seen: u16,
}

impl Summary {
    const EMPTY: Summary = Summary {
        last: NO_EVENT,
        first: NOTHING,
        count: 0,
        seen: 0,
    };
}

/// One of 16 bits for an event's day and kind tag: copies of one event share it.
#[inline]
fn seen_bit(day: i32, tag: u8) -> u16 {
    let h = day
        .cast_unsigned()
        .wrapping_add(u32::from(tag).wrapping_mul(7));
    1 << (h & 15)
}

/// Why the tracker refuses an event that its obligation's state or placement rules out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// The obligation has as many events as the limit allows.
    Limit,
    /// Dated before its directive was issued (that day).
    BeforeIssue(i32),
    /// Dated long before its period begins (that day).
    LongBeforePeriod(i32),
    /// A copy of a standing event known no later.
    Duplicate,
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
/// The log is one columnar [`Events`] store (17 bytes an event) in which each
/// obligation's events are linked into a list (4 bytes an event); each obligation also
/// keeps a 12-byte summary, so that in the common case (every event a submission,
/// completion or indicator value known on its own date, none retracted) a status is
/// decided from the summary alone, and an event is looked for among earlier ones only
/// when one of them may be a copy. [`apply_all`](Tracker::apply_all) applies many
/// events faster than one call each. Applying an event touches only its obligation, and a
/// query decides only the obligations asked about, with the same rules as
/// [`evaluate`](super::evaluate). Events are judged by what is known on the as-of date: a
/// copy of an event already applied is refused only when it becomes known no earlier than
/// the copy already there.
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
    // INVARIANT (log): `events` holds every event applied, event id `k` at row `k`, and
    // `earlier[k]` is the event applied to the same obligation just before event `k`
    // (`NO_EVENT` for none), so that `summaries[row].last`, then `earlier`, lists the
    // events of obligation `row` from the last applied to the first. `summaries` has one
    // entry per obligation, and `first` is as `Summary` says. Upheld by `new`, `merge`,
    // `apply` and `retract`.
    events: Events,
    earlier: Vec<u32>,
    summaries: Vec<Summary>,
    // INVARIANT (retractions): the retracted events, by id.
    retractions: BTreeMap<u32, Retraction>,
    // INVARIANT (copies): `busy` holds the obligations found with more than `SMALL`
    // events, with the number of events applied to each, and for each, `copies[(row, h)]` lists, in the order applied, its events
    // whose date and kind hash to `h` (retracted ones at the end may be dropped). Of the
    // standing copies of one event, the last applied is known earliest, since a copy is
    // applied only when it becomes known before every standing one; so a duplicate is
    // found by looking at one copy. Upheld by `apply` (through `standing_copy`).
    busy: HashMap<u32, u32>,
    copies: HashMap<(u32, u64), Vec<u32>>,
    // Obligation rows sorted by (holder, row), (assigned body, row) and (directive, row);
    // `None` when the order is the holders' (no obligation has passed to a successor) or
    // the rows' own (the directive column is sorted). Rebuilt by `index`.
    by_holder: Vec<u32>,
    by_assigned: Option<Vec<u32>>,
    by_directive: Option<Vec<u32>>,
    // The issue day of each directive and the first day of each period, by handle, as
    // the store has them; rebuilt by `index`.
    issued_days: Vec<i32>,
    period_starts: Vec<i32>,
    // The latest of `issued_days` (`i32::MIN` for none), and the largest number of days
    // by which an obligation's period begins after its due date (`i32::MIN` for none), so
    // that most events skip both lookups; rebuilt by `index`.
    latest_issue: i32,
    start_after_due: i32,
    // The most events one obligation takes (`Limit::EventsPerObligation`).
    limits: Limits,
}

impl Tracker {
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
            summaries: vec![Summary::EMPTY; obligations.len()],
            events: Events::new(),
            earlier: Vec::new(),
            retractions: BTreeMap::new(),
            busy: HashMap::new(),
            copies: HashMap::new(),
            obligations,
            policy,
            by_holder: Vec::new(),
            by_assigned: None,
            by_directive: None,
            issued_days: Vec::new(),
            period_starts: Vec::new(),
            latest_issue: i32::MIN,
            start_after_due: i32::MIN,
            limits: Limits::new(),
        };
        tracker.index();
        Ok(tracker)
    }

    /// Reserves room for at least `additional` more events, so that a log whose size is
    /// known ahead grows once rather than by doubling.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::{EvaluationPolicy, Tracker};
    /// use directives::obligation::Obligations;
    ///
    /// let mut tracker = Tracker::new(Obligations::new(), EvaluationPolicy::without_calendar())?;
    /// tracker.reserve(1_000);
    /// assert_eq!(tracker.event_count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        self.events.reserve(additional);
        self.earlier.reserve(additional);
    }

    /// The same tracker with other limits: it reads
    /// [`Limit::EventsPerObligation`], the most events (applied ones, retracted ones
    /// included) one obligation takes. Events already applied are kept.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{ComplianceError, EvaluationPolicy, Event, Tracker};
    /// use directives::obligation::{Obligation, Obligations};
    /// use directives::{Limit, Limits};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
    /// let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?
    ///     .limits(Limits::new().with(Limit::EventsPerObligation, 1));
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
    pub fn limits(mut self, limits: Limits) -> Tracker {
        self.limits = limits;
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
        let passed = (0..n).any(|o| obligations.assigned_body_at(o as usize).is_some());
        self.by_assigned = passed.then(|| {
            let mut rows: Vec<u32> = (0..n).collect();
            rows.sort_by_key(|&o| (assigned(o), o));
            rows
        });
        self.by_directive = (!directives.is_sorted()).then(|| {
            let mut rows: Vec<u32> = (0..n).collect();
            rows.sort_by_key(|&o| (directives.get(o as usize).copied(), o));
            rows
        });
        self.by_holder = by_holder;
        self.issued_days = self
            .obligations
            .directive_values()
            .iter()
            .map(|d| day_number(d.issued()))
            .collect();
        self.period_starts = self.obligations.period_start_days();
        self.latest_issue = self.issued_days.iter().copied().max().unwrap_or(i32::MIN);
        let starts = &self.period_starts;
        self.start_after_due = self
            .obligations
            .period_column()
            .iter()
            .zip(self.obligations.due_days())
            .filter_map(|(&p, &due)| Some(starts.get(p as usize)?.saturating_sub(due)))
            .max()
            .unwrap_or(i32::MIN);
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
        self.summaries
            .resize(self.obligations.len(), Summary::EMPTY);
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
    /// - [`ComplianceError::EventLimit`] when the obligation has as many events as the
    ///   tracker's [`Limit::EventsPerObligation`] allows (see [`Tracker::limits`]);
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
        self.apply_ref(&event).map(EventId::from_index)
    }

    /// Applies one event (see [`Tracker::apply`]) and returns its id.
    fn apply_ref(&mut self, event: &Event) -> Result<u32, ComplianceError> {
        let obligation = event.obligation();
        let row = obligation.index() as usize;
        // The error is built only when the obligation is unknown (`ok_or` would build and
        // drop one for every event).
        let Some(&summary) = self.summaries.get(row) else {
            return Err(ComplianceError::UnknownObligation { obligation });
        };
        if summary.count <= SMALL as u16
            && event.recorded().is_none()
            && let Some(tag) = match event.kind() {
                EventKind::Submitted { document: None } => Some(super::event::TAG_SUBMITTED),
                EventKind::Completed => Some(super::event::TAG_COMPLETED),
                _ => None,
            }
        {
            return self.apply_plain(event, row, summary, tag);
        }
        event.check_dates()?;
        // INVARIANT (copies): past `SMALL` events, a busy obligation's count is kept
        // exactly (the summary's stops at `u16::MAX`).
        let mut applied = usize::from(summary.count);
        if applied > SMALL
            && let Some(&n) = self.busy.get(&obligation.index())
        {
            applied = n as usize;
        }
        if applied >= self.limits.max(Limit::EventsPerObligation) {
            return Err(self.refusal(event, Refusal::Limit));
        }
        if matches!(event.kind(), EventKind::IndicatorValue { value } if !value.is_finite()) {
            // The error names the obligation; its key is built only then.
            event.check_finite(self.obligations.key(obligation).as_ref(), None)?;
        }
        let day = day_number(event.date());
        let tag = event.kind().tag();
        if let Some(refusal) = self.misplaced(row, day, tag) {
            return Err(self.refusal(event, refusal));
        }
        let due = |tracker: &Tracker| tracker.obligations.due_days().get(row).copied();
        let known = match event.recorded() {
            None => day,
            Some(_) => day_number(event.known_on()),
        };
        // A copy is redundant when one already stands that weighs no later: known no
        // later, and on the same day, with a recording date written no later (none
        // first), as `Events::weigh` orders copies. Only an obligation that has an event
        // of the same day and kind (by its `seen` bits) or many events is looked at.
        let bit = seen_bit(day, tag);
        let (standing, hash) = if applied > SMALL || summary.seen & bit != 0 {
            self.standing_copy(row, summary.last, applied, event, day)
        } else {
            (None, None)
        };
        if standing.is_some_and(|first| first <= (known, event.recorded().map(day_number))) {
            return Err(self.refusal(event, Refusal::Duplicate));
        }
        if let EventKind::Extended { new_due, .. } = event.kind()
            && let Some(due) = due(self)
            && day_number(*new_due) < due
        {
            return Err(ComplianceError::ExtensionBeforeDeadline {
                event: Box::new(self.describe(event)?),
                original_due: from_day_number(due).ok_or(ComplianceError::DateOutOfRange)?,
            });
        }
        // The log refuses its last id itself, but only after keeping the event's details:
        // refused here, nothing changes. `NO_EVENT` is never an id.
        if self.events.len() >= (u32::MAX - 1) as usize {
            return Err(ComplianceError::TooManyEvents);
        }
        let id = self.events.push_checked(event, day, known)?.index();
        // INVARIANT (log): the new event heads its obligation's list.
        self.earlier.push(summary.last);
        let first = if summary.first != INVOLVED && is_qualifying(tag) && known == day {
            summary.first.min(day)
        } else {
            INVOLVED
        };
        if let Some(slot) = self.summaries.get_mut(row) {
            *slot = Summary {
                last: id,
                first,
                count: summary.count.saturating_add(1),
                seen: summary.seen | bit,
            };
        }
        // INVARIANT (copies): a busy obligation's index takes the new event.
        if let Some(hash) = hash {
            self.copies
                .entry((obligation.index(), hash))
                .or_default()
                .push(id);
            if let Some(n) = self.busy.get_mut(&obligation.index()) {
                *n = n.saturating_add(1);
            }
        }
        Ok(id)
    }

    /// Applies a submission without a document or a completion (`tag`) without a
    /// recording date to obligation `row` (its `summary`, of at most `SMALL` events), as
    /// `apply_ref` would: the common case, by the shortest path.
    #[inline]
    fn apply_plain(
        &mut self,
        event: &Event,
        row: usize,
        summary: Summary,
        tag: u8,
    ) -> Result<u32, ComplianceError> {
        let date = event.date();
        if !crate::text::in_range(date) {
            return Err(ComplianceError::UnsupportedDate { date });
        }
        if usize::from(summary.count) >= self.limits.max(Limit::EventsPerObligation) {
            return Err(self.refusal(event, Refusal::Limit));
        }
        let day = day_number(date);
        if let Some(refusal) = self.misplaced(row, day, tag) {
            return Err(self.refusal(event, refusal));
        }
        // A copy is redundant when one stands known on its own day without a recording
        // date (see `apply_ref`).
        let bit = seen_bit(day, tag);
        if summary.seen & bit != 0
            && self
                .standing_small(summary.last, event, day)
                .is_some_and(|first| first <= (day, None))
        {
            return Err(self.refusal(event, Refusal::Duplicate));
        }
        // The log refuses its last id itself; `NO_EVENT` is never an id.
        if self.events.len() >= (u32::MAX - 1) as usize {
            return Err(ComplianceError::TooManyEvents);
        }
        let id = self.events.push_plain(event.obligation().index(), day, tag);
        // INVARIANT (log): the new event heads its obligation's list.
        self.earlier.push(summary.last);
        if let Some(slot) = self.summaries.get_mut(row) {
            *slot = Summary {
                last: id,
                first: if summary.first == INVOLVED {
                    INVOLVED
                } else {
                    summary.first.min(day)
                },
                count: summary.count + 1,
                seen: summary.seen | bit,
            };
        }
        Ok(id)
    }

    /// Applies events in order, as many calls of [`apply`](Tracker::apply) would, and
    /// returns those it refused: the position of each in `events` (from 0) with the error
    /// `apply` gives for it. The events it takes get consecutive ids, in order, from the
    /// [`event_count`](Tracker::event_count) before the call.
    ///
    /// It is the faster way to apply many events: it looks up the obligations of a few
    /// dozen events at once, so that their memory is fetched together rather than one
    /// event after another.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{ComplianceError, Event, EvaluationPolicy, Status, Tracker};
    /// use directives::obligation::{Obligation, ObligationId, Obligations};
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut obligations = Obligations::new();
    /// let id = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
    /// let mut tracker = Tracker::new(obligations, EvaluationPolicy::without_calendar())?;
    /// let events = [
    ///     Event::submitted(id, d(2025, 2, 19)?),
    ///     Event::submitted(id, d(2025, 2, 19)?),
    ///     Event::submitted(ObligationId::from_index(7), d(2025, 2, 19)?),
    ///     Event::submitted(id, d(2025, 2, 21)?),
    /// ];
    /// let refused = tracker.apply_all(&events);
    /// let positions: Vec<usize> = refused.iter().map(|(at, _)| *at).collect();
    /// assert_eq!(positions, [1, 2]);
    /// assert!(matches!(refused[0].1, ComplianceError::DuplicateEvent { .. }));
    /// assert_eq!(tracker.event_count(), 2);
    /// assert_eq!(tracker.status(id, d(2025, 3, 1)?)?, Status::DoneOnTime);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_all<'e>(
        &mut self,
        events: impl IntoIterator<Item = &'e Event>,
    ) -> Vec<(usize, ComplianceError)> {
        /// Events whose obligations are fetched together.
        const BLOCK: usize = 32;
        let mut events = events.into_iter();
        self.reserve(events.size_hint().0);
        let mut refused = Vec::new();
        let mut block: Vec<&Event> = Vec::with_capacity(BLOCK);
        let mut position = 0;
        loop {
            block.extend(events.by_ref().take(BLOCK));
            if block.is_empty() {
                return refused;
            }
            // Each event's summary and due date is read first, all of the block's at once:
            // the reads that miss the cache wait together, and `apply` then finds them
            // in it.
            let (summaries, dues) = (&self.summaries, self.obligations.due_days());
            let touched = block.iter().fold(0u32, |touched, event| {
                let row = event.obligation().index() as usize;
                touched
                    ^ summaries.get(row).map_or(0, |s| s.last)
                    ^ dues.get(row).map_or(0, |&d| d.cast_unsigned())
            });
            std::hint::black_box(touched);
            for event in block.drain(..) {
                if let Err(error) = self.apply_ref(event) {
                    refused.push((position, error));
                }
                position += 1;
            }
        }
    }

    /// Whether an event of obligation `row` on day `day` of kind `tag` is dated before
    /// its directive was issued or, for a kind that does the obligation, long before its
    /// period begins.
    #[inline]
    fn misplaced(&self, row: usize, day: i32, tag: u8) -> Option<Refusal> {
        let handle = |column: &[u32]| column.get(row).map(|&h| h as usize);
        // No directive was issued after `latest_issue`, and no period begins more than
        // `start_after_due` days after its obligation's due date: past both bounds, an
        // event is neither before its directive nor long before its period.
        if day < self.latest_issue
            && let Some(&issued) =
                handle(self.obligations.directive_column()).and_then(|d| self.issued_days.get(d))
            && day < issued
        {
            return Some(Refusal::BeforeIssue(issued));
        }
        if is_qualifying(tag)
            && let Some(limit) = self.policy.early_event_days()
            && let Some(&due) = self.obligations.due_days().get(row)
            && i64::from(day) < i64::from(due) + i64::from(self.start_after_due) - i64::from(limit)
            && let Some(&start) =
                handle(self.obligations.period_column()).and_then(|p| self.period_starts.get(p))
            && i64::from(day) < i64::from(start) - i64::from(limit)
        {
            return Some(Refusal::LongBeforePeriod(start));
        }
        None
    }

    /// The error refusing `event` for `refusal`.
    #[cold]
    #[inline(never)]
    fn refusal(&self, event: &Event, refusal: Refusal) -> ComplianceError {
        let event_record = match self.describe(event) {
            Ok(record) => Box::new(record),
            Err(error) => return error,
        };
        let date = |day: i32| from_day_number(day).ok_or(ComplianceError::DateOutOfRange);
        match refusal {
            Refusal::Limit => ComplianceError::EventLimit {
                event: event_record,
                max: self.limits.max(Limit::EventsPerObligation),
            },
            Refusal::Duplicate => ComplianceError::DuplicateEvent {
                event: event_record,
            },
            Refusal::BeforeIssue(issued) => match date(issued) {
                Ok(issued) => ComplianceError::BeforeIssue {
                    event: event_record,
                    issued,
                },
                Err(error) => error,
            },
            Refusal::LongBeforePeriod(start) => match date(start) {
                Ok(period_start) => ComplianceError::LongBeforePeriod {
                    event: event_record,
                    period_start,
                    limit_days: self.policy.early_event_days().unwrap_or(0),
                },
                Err(error) => error,
            },
        }
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
        let event = self.events.get(id).ok_or(ComplianceError::UnknownEvent)?;
        if self.retractions.contains_key(&id.index()) {
            return Err(ComplianceError::AlreadyRetracted {
                event: Box::new(self.describe(&event)?),
            });
        }
        // INVARIANT (log): the obligation's summary no longer holds.
        if let Some(summary) = self.summaries.get_mut(event.obligation().index() as usize) {
            summary.first = INVOLVED;
        }
        self.retractions.insert(id.index(), retraction);
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
        let event = self.events.get(id).ok_or(ComplianceError::UnknownEvent)?;
        if self.retractions.contains_key(&id.index()) {
            return Err(ComplianceError::AlreadyRetracted {
                event: Box::new(self.describe(&event)?),
            });
        }
        let known = corrected.known_on().max(retraction.on);
        let corrected = corrected.recorded_on(known);
        let new = self.apply(corrected)?;
        self.retract(id, retraction)?;
        Ok(new)
    }

    /// Whether the event with this id is retracted (on any date).
    fn is_retracted(&self, id: u32) -> bool {
        !self.retractions.is_empty() && self.retractions.contains_key(&id)
    }

    /// The day from which the event with this id no longer counts (`NEVER` while it
    /// stands).
    fn retracted_day(&self, id: u32) -> i32 {
        if self.retractions.is_empty() {
            return NEVER;
        }
        self.retractions
            .get(&id)
            .map_or(NEVER, |r| day_number(r.on))
    }

    /// The events of the obligation whose list `last` heads, from the last applied to the
    /// first (INVARIANT (log)).
    fn list(&self, last: u32) -> impl Iterator<Item = u32> + '_ {
        let link = |e: u32| Some(e).filter(|&e| e != NO_EVENT);
        std::iter::successors(link(last), move |&e| {
            self.earlier.get(e as usize).copied().and_then(link)
        })
    }

    /// Whether the logged event `e` is `event` (its date `day`): same date, kind and
    /// details. Both are of one obligation.
    #[inline]
    fn same_as(&self, e: u32, event: &Event, day: i32) -> bool {
        let e = e as usize;
        let kind = event.kind();
        self.events.day_column().get(e) == Some(&day)
            && self.events.tag_column().get(e) == Some(&kind.tag())
            && self.events.detail_at(e) == kind.has_detail().then_some(kind)
    }

    /// The day on which the standing copy of `event` (its date `day`) that weighs first
    /// became known and the recording date written on it, if one stands, among the
    /// events of the list headed by `last`, each compared.
    fn standing_small(&self, last: u32, event: &Event, day: i32) -> Option<(i32, Option<i32>)> {
        self.list(last)
            .filter(|&e| self.same_as(e, event, day) && !self.is_retracted(e))
            .map(|e| {
                let known = self
                    .events
                    .known_column()
                    .get(e as usize)
                    .copied()
                    .unwrap_or(NEVER);
                (known, self.events.recorded_day(e as usize))
            })
            .min()
    }

    /// The day on which the standing copy of `event` (its date `day`) that weighs first
    /// became known and the recording date written on it, if one stands, and, for an
    /// obligation of more than `SMALL` events, the event's hash in `copies` (INVARIANT
    /// (copies)). The obligation's list is headed by `last` and holds `applied` events.
    fn standing_copy(
        &mut self,
        row: usize,
        last: u32,
        applied: usize,
        event: &Event,
        day: i32,
    ) -> (Option<(i32, Option<i32>)>, Option<u64>) {
        let known = |tracker: &Tracker, e: u32| {
            let known = tracker
                .events
                .known_column()
                .get(e as usize)
                .copied()
                .unwrap_or(NEVER);
            (known, tracker.events.recorded_day(e as usize))
        };
        if applied <= SMALL {
            return (self.standing_small(last, event, day), None);
        }
        // Many: through the index by hash, built the first time.
        let row = row as u32;
        let hash_of = |tracker: &Tracker, e: u32| tracker.events.identity_hash(e as usize);
        if !self.busy.contains_key(&row) {
            let mut all: Vec<u32> = self.list(last).collect();
            self.busy
                .insert(row, u32::try_from(all.len()).unwrap_or(u32::MAX));
            all.reverse();
            for e in all {
                let h = hash_of(self, e);
                self.copies.entry((row, h)).or_default().push(e);
            }
        }
        // As the log hashes its rows (`Events::identity_hash`).
        let kind = event.kind();
        let hash = identity_hash(day, kind.tag(), kind.has_detail().then_some(kind));
        let Some(mut copies) = self.copies.remove(&(row, hash)) else {
            return (None, Some(hash));
        };
        // Retracted copies at the end no longer count: each is dropped once.
        while copies.last().is_some_and(|&e| self.is_retracted(e)) {
            copies.pop();
        }
        // Events of another kind with the same hash (a collision) are passed over.
        let standing = copies
            .iter()
            .rev()
            .find(|&&e| self.same_as(e, event, day) && !self.is_retracted(e))
            .map(|&e| known(self, e));
        if !copies.is_empty() {
            self.copies.insert((row, hash), copies);
        }
        (standing, Some(hash))
    }

    /// The record of an event, naming its obligation by reference (for an error: off
    /// the path of an event applied).
    #[cold]
    #[inline(never)]
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
    pub fn event(&self, id: EventId) -> Option<Event> {
        self.events.get(id)
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
        self.describe(&self.event(id)?).ok()
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
        self.retractions.get(&id.index())
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

    /// The status of one obligation as of `as_of`; `recs` is scratch space.
    fn status_at(
        &self,
        row: u32,
        as_of: i32,
        recs: &mut Vec<Rec>,
    ) -> Result<Status, ComplianceError> {
        let i = row as usize;
        let unknown = || ComplianceError::UnknownObligation {
            obligation: ObligationId::from_index(row),
        };
        let summary = *self.summaries.get(i).ok_or_else(unknown)?;
        if summary.first == INVOLVED {
            return Ok(self.decision_at(row, as_of, recs)?.status);
        }
        // Every event qualifies, became known on its date and stands: those known on
        // `as_of` are those dated on or before it, and the earliest of them all decides
        // when it is among them, as `decide` rules without extensions, waivers or
        // reopenings.
        let due = *self.obligations.due_days().get(i).ok_or_else(unknown)?;
        let limit = self
            .policy
            .shift_day(due)?
            .saturating_add(self.policy.grace());
        Ok(if self.obligations.is_not_applicable(i) {
            Status::NotApplicable
        } else if summary.first <= as_of {
            if summary.first <= limit {
                Status::DoneOnTime
            } else {
                Status::DoneLate
            }
        } else if limit < as_of {
            Status::OpenOverdue
        } else {
            Status::OpenWithinDeadline
        })
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
        let summary = *self.summaries.get(i).ok_or_else(unknown)?;
        let known = self.events.known_column();
        recs.clear();
        for e in self.list(summary.last) {
            if known.get(e as usize).is_some_and(|&k| k <= as_of)
                && as_of < self.retracted_day(e)
                && let Some(rec) = Rec::from_events(&self.events, e as usize, e)
            {
                recs.push(rec);
            }
        }
        weigh(&self.events, recs);
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
        let event = |e: u32| self.events.get(EventId::from_index(e));
        let deciding_event = match decision.deciding {
            Some((e, _)) => Some(self.describe(&event(e).ok_or(ComplianceError::UnknownEvent)?)?),
            None => None,
        };
        let extension = match decision.extension {
            Some(e) => Some(extension_of(
                &event(e).ok_or(ComplianceError::UnknownEvent)?,
            )),
            None => None,
        };
        // The indicator value that counts among those known and standing on the as-of
        // date, as `evaluate` takes it (`values_that_count`).
        let last = self
            .summaries
            .get(id.index() as usize)
            .map_or(NO_EVENT, |s| s.last);
        let (days, known, tags) = (
            self.events.day_column(),
            self.events.known_column(),
            self.events.tag_column(),
        );
        let values = self.list(last).filter_map(|e| {
            let e_ = e as usize;
            let (&tag, &k, &d) = (tags.get(e_)?, known.get(e_)?, days.get(e_)?);
            if tag != TAG_INDICATOR || k > day || day >= self.retracted_day(e) {
                return None;
            }
            match self.events.detail_at(e_)? {
                EventKind::IndicatorValue { value } => Some((id.index(), d, k, *value)),
                _ => None,
            }
        });
        let indicator_value = values_that_count(values).get(&id.index()).copied();
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
            return self.counts([], as_of);
        };
        let holders = self.obligations.holders();
        let key = |o: &u32| holders.get(*o as usize).copied();
        let start = self.by_holder.partition_point(|o| key(o) < Some(body));
        let end = self.by_holder.partition_point(|o| key(o) <= Some(body));
        let rows = self.by_holder.get(start..end).unwrap_or_default();
        self.counts(rows.iter().copied(), as_of)
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
        let body_code = body;
        let Some(body) = self.obligations.body_id(body_code) else {
            return self.counts([], as_of);
        };
        // Without successions, each obligation's assigned body is its holder.
        let Some(by_assigned) = &self.by_assigned else {
            return self.holder_counts(body_code, as_of);
        };
        let obligations = &self.obligations;
        let holders = obligations.holders();
        let key = |o: &u32| {
            obligations
                .assigned_body_at(*o as usize)
                .or_else(|| holders.get(*o as usize).copied())
        };
        let start = by_assigned.partition_point(|o| key(o) < Some(body));
        let end = by_assigned.partition_point(|o| key(o) <= Some(body));
        let rows = by_assigned.get(start..end).unwrap_or_default();
        self.counts(rows.iter().copied(), as_of)
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
            return self.counts([], as_of);
        };
        let directives = self.obligations.directive_column();
        let d = handle.index();
        let Some(by_directive) = &self.by_directive else {
            // The column is sorted: the directive's rows are one range.
            let start = directives.partition_point(|&o| o < d);
            let end = directives.partition_point(|&o| o <= d);
            let rows = u32::try_from(start).unwrap_or(u32::MAX)..u32::try_from(end).unwrap_or(0);
            return self.counts(rows, as_of);
        };
        let key = |o: &u32| directives.get(*o as usize).copied();
        let start = by_directive.partition_point(|o| key(o) < Some(d));
        let end = by_directive.partition_point(|o| key(o) <= Some(d));
        let rows = by_directive.get(start..end).unwrap_or_default();
        self.counts(rows.iter().copied(), as_of)
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

    fn counts(
        &self,
        rows: impl IntoIterator<Item = u32>,
        as_of: NaiveDate,
    ) -> Result<StatusCounts, ComplianceError> {
        self.policy.check(as_of)?;
        let as_of = day_number(as_of);
        let mut counts = StatusCounts::default();
        let mut recs = Vec::new();
        for row in rows {
            counts.add(self.status_at(row, as_of, &mut recs)?);
        }
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::obligation::Obligation;

    /// `n` obligations of bodies `B0`.. for January 2025, due on 2025-02-20.
    fn store(n: u32) -> Obligations {
        let mut obligations = Obligations::new();
        let due = NaiveDate::from_ymd_opt(2025, 2, 20);
        for k in 0..n {
            let key = format!("05/CT-UBND@2025-01-02/1.1/B{k}/2025-01").parse();
            if let (Ok(key), Some(due)) = (key, due) {
                assert!(obligations.push(Obligation::new(key, due)).is_ok());
            }
        }
        assert_eq!(obligations.len(), n as usize);
        obligations
    }

    /// `count` events on the obligations of `store(n)` and a few beyond, drawn from
    /// `seed`: mostly submissions and completions, with copies, other kinds, recording
    /// dates, dates before the directive and outside the supported range.
    fn events(n: u32, count: usize, seed: u64) -> Vec<Event> {
        let mut state = seed | 1;
        let mut next = move |bound: u32| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            u32::try_from(state % u64::from(bound)).unwrap_or(0)
        };
        let start = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap_or_default();
        let mut events: Vec<Event> = Vec::with_capacity(count);
        while events.len() < count {
            let row = ObligationId::from_index(next(n + n / 50 + 1));
            let on = start + chrono::Days::new(u64::from(next(150)));
            let event = match next(100) {
                0..=79 => Event::submitted(row, on),
                80..=87 => Event::new(row, on, EventKind::Completed),
                88..=92 if !events.is_empty() => {
                    let copy = next(u32::try_from(events.len()).unwrap_or(1)) as usize;
                    events
                        .get(copy)
                        .cloned()
                        .unwrap_or(Event::submitted(row, on))
                }
                93 => Event::submitted(row, on).recorded_on(on + chrono::Days::new(3)),
                94 => Event::new(row, on, EventKind::Reopened),
                95 => Event::new(
                    row,
                    on,
                    EventKind::Extended {
                        new_due: on + chrono::Days::new(40),
                        document: "15/QĐ-UBND".into(),
                    },
                ),
                96 => Event::new(row, on, EventKind::IndicatorValue { value: 1.5 }),
                97 => Event::submitted(row, NaiveDate::MIN),
                _ => Event::submitted(row, on).recorded_on(on),
            };
            events.push(event);
        }
        events
    }

    /// Applies `batches` one event at a time to one tracker and batch by batch
    /// (`apply_all`) to another, retracting the same events between batches, and checks
    /// that they refuse the same events with the same errors and agree on every event
    /// and every obligation's finding.
    fn agree(n: u32, batches: &[&[Event]], limit: usize) {
        let limits = Limits::new().with(Limit::EventsPerObligation, limit);
        let tracker = || {
            Tracker::new(store(n), EvaluationPolicy::without_calendar())
                .map(|tracker| tracker.limits(limits))
        };
        let (Ok(mut one), Ok(mut all)) = (tracker(), tracker()) else {
            panic!("tracker");
        };
        let on = NaiveDate::from_ymd_opt(2025, 2, 1).unwrap_or_default();
        let mut offset = 0;
        for (b, batch) in batches.iter().enumerate() {
            let mut refused = Vec::new();
            for (at, event) in batch.iter().enumerate() {
                if let Err(error) = one.apply(event.clone()) {
                    refused.push((at, error));
                }
            }
            assert_eq!(all.apply_all(batch.iter()), refused, "batch {b}");
            assert_eq!(all.event_count(), one.event_count());
            for id in offset..one.event_count() {
                let id = EventId::from_index(u32::try_from(id).unwrap_or(u32::MAX));
                assert_eq!(all.event(id), one.event(id));
            }
            // Every seventh event of the batch is retracted.
            for id in (offset..one.event_count()).step_by(7) {
                let id = EventId::from_index(u32::try_from(id).unwrap_or(u32::MAX));
                let retraction = Retraction::new(on, "clerk", "typo");
                assert_eq!(
                    one.retract(id, retraction.clone()),
                    all.retract(id, retraction)
                );
            }
            offset = one.event_count();
        }
        for as_of in [(2025, 1, 15), (2025, 2, 21), (2025, 6, 1)] {
            let as_of = NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2).unwrap_or_default();
            for row in 0..n {
                let id = ObligationId::from_index(row);
                assert_eq!(all.finding_by_id(id, as_of), one.finding_by_id(id, as_of));
            }
        }
    }

    #[test]
    fn apply_all_agrees_with_apply_on_large_batches() {
        // Many obligations, few events each: mostly the short path for plain events.
        let many = events(5_000, 12_000, 7);
        agree(5_000, &[&many], usize::MAX);
        // In three batches, with retractions between them, and a limit that bites.
        let (a, rest) = many.split_at(3_000);
        let (b, c) = rest.split_at(5_000);
        agree(5_000, &[a, b, c], usize::MAX);
        agree(5_000, &[a, b, c], 2);
        // Few obligations, many events each: past 8 events, the index by hash.
        let crowded = events(40, 6_000, 11);
        agree(40, &[&crowded], usize::MAX);
        let (a, b) = crowded.split_at(2_500);
        agree(40, &[a, b], 5);
    }

    #[test]
    fn tracker_is_send_sync_static() {
        fn assert_traits<T: Send + Sync + 'static>() {}
        assert_traits::<Tracker>();
        assert_traits::<EvaluationPolicy>();
        assert_traits::<super::super::Findings>();
    }
}
