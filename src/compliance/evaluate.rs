//! The evaluator: obligations and events as of a date, under a policy, give findings.

use crate::provenance::Certainty;
use crate::regime::RegimeScope;
use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::ComplianceError;
use super::event::EventRecord;
use super::event::{
    EventId, EventKind, Events, TAG_EXTENDED, TAG_INDICATOR, TAG_REOPENED, TAG_WAIVED,
    is_qualifying,
};
use super::finding::{
    Diagnostic, Explanation, Finding, Findings, IndicatorOutcome, Lateness, Note, Status,
};
use super::policy::{EvaluationPolicy, LateExtensions};
use crate::obligation::{ObligationId, Obligations, day_number, from_day_number};

/// A problem with one event, by row, as the evaluation finds it; turned into a
/// [`Diagnostic`] (which names the event for people) when diagnostics are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Raw {
    /// The event's obligation is not in the store.
    Unknown { row: u32 },
    /// The event repeats the one at `of`.
    Duplicate { row: u32, of: u32 },
    /// The extension sets a due day before the original.
    ExtensionBefore { row: u32, original_due: i32 },
    /// The extension was granted after the deadline in force and is ignored.
    LateExtension { row: u32, deadline: i32 },
    /// The extension moves the deadline outside the calendar.
    OutsideCalendar { row: u32 },
    /// The event is dated before its directive was issued.
    BeforeIssue { row: u32, issued: i32 },
    /// The qualifying event is dated long before its obligation's period begins.
    LongBefore { row: u32, period_start: i32 },
    /// The indicator value is for an obligation with no target.
    NoTarget { row: u32 },
}

/// The event row a problem is about, for the problems that exclude an event.
fn raw_row(raw: Raw) -> Option<u32> {
    match raw {
        Raw::Duplicate { row, .. } | Raw::BeforeIssue { row, .. } | Raw::LongBefore { row, .. } => {
            Some(row)
        }
        _ => None,
    }
}

/// An event of one obligation, as the per-obligation decision sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rec {
    pub(crate) id: u32,
    pub(crate) tag: u8,
    pub(crate) day: i32,
    /// The new due day of an extension (unused otherwise).
    pub(crate) new_due: i32,
}

impl Rec {
    /// The record of the event at row `i` of `events`.
    pub(crate) fn from_events(events: &Events, i: usize, id: u32) -> Option<Rec> {
        let tag = *events.tag_column().get(i)?;
        let day = *events.day_column().get(i)?;
        let new_due = match events.detail_at(i) {
            Some(EventKind::Extended { new_due, .. }) => day_number(*new_due),
            _ => day,
        };
        Some(Rec {
            id,
            tag,
            day,
            new_due,
        })
    }
}

/// The decision for one obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decision {
    pub(crate) status: Status,
    /// The due day after extensions, before the shift.
    pub(crate) extended_due: i32,
    /// The due day after extensions and the shift, before grace days.
    pub(crate) deadline: i32,
    pub(crate) deciding: Option<(u32, i32)>,
    pub(crate) extension: Option<u32>,
    pub(crate) reopened: Option<i32>,
}

/// Sorts one obligation's events in the fixed order [`Events::weigh`] gives and keeps, of
/// the copies of one event, the one known earliest (the first in that order), so that
/// what decides never depends on the order in which events were logged or applied.
/// `O(n log n)` in the events.
pub(crate) fn weigh(events: &Events, recs: &mut Vec<Rec>) {
    recs.sort_unstable_by(|a, b| events.weigh(a.id as usize, b.id as usize));
    recs.dedup_by(|later, kept| events.same_event(kept.id as usize, later.id as usize));
}

/// The order in which indicator values of one obligation supersede each other, given as
/// (date, day known, value): by date, then by the day each became known (a value reported
/// later for the same date corrects the earlier), then by value, so that the value that
/// counts (the greatest in this order) never depends on the order in which events were
/// logged or applied.
fn latest_value(a: (i32, i32, f64), b: (i32, i32, f64)) -> std::cmp::Ordering {
    a.0.cmp(&b.0)
        .then(a.1.cmp(&b.1))
        .then_with(|| a.2.total_cmp(&b.2))
}

/// The indicator value that counts for each obligation, from the values known and standing
/// on the as-of date, each given as (obligation, date, day known, value): the latest in
/// [`latest_value`]'s order, where copies of one value (same date and value) count once,
/// as known on the day the first of them became known — a copy recorded later is the
/// same report, not a correction. Shared by [`evaluate`] and the tracker.
pub(crate) fn values_that_count(
    values: impl IntoIterator<Item = (u32, i32, i32, f64)>,
) -> HashMap<u32, f64> {
    let mut first_known: HashMap<(u32, i32, u64), (i32, f64)> = HashMap::new();
    for (o, day, known, value) in values {
        // 0.0 and -0.0 are one value, as copies are told apart (`same_event`).
        let value = if value == 0.0 { 0.0 } else { value };
        first_known
            .entry((o, day, value.to_bits()))
            .and_modify(|first| first.0 = first.0.min(known))
            .or_insert((known, value));
    }
    let mut latest: HashMap<u32, (i32, i32, f64)> = HashMap::new();
    for ((o, day, _), (known, value)) in first_known {
        let candidate = (day, known, value);
        latest
            .entry(o)
            .and_modify(|best| {
                if latest_value(candidate, *best).is_gt() {
                    *best = candidate;
                }
            })
            .or_insert(candidate);
    }
    latest
        .into_iter()
        .map(|(o, (_, _, value))| (o, value))
        .collect()
}

/// Decides the status of one obligation from its events (those known on or before
/// `as_of`), as [`weigh`] leaves them.
pub(crate) fn decide(
    due: i32,
    not_applicable: bool,
    recs: &[Rec],
    as_of: i32,
    policy: &EvaluationPolicy,
    diagnostics: &mut Vec<Raw>,
) -> Result<Decision, ComplianceError> {
    let reopened = recs
        .iter()
        .filter(|r| r.tag == TAG_REOPENED)
        .map(|r| r.day)
        .max();
    let voided = |r: &Rec| reopened.is_some_and(|day| r.day < day);
    let mut extended_due = due;
    let mut extension = None;
    // Extensions apply in the order they were granted. Of two granted on the same day, the
    // one with the later new due date stands, so the decision never depends on the order
    // in which events were recorded.
    // `recs` is in the order of `weigh`: extensions by grant date, then new due date,
    // then document.
    let extensions = recs.iter().filter(|r| r.tag == TAG_EXTENDED);
    for r in extensions {
        if r.new_due < due {
            diagnostics.push(Raw::ExtensionBefore {
                row: r.id,
                original_due: due,
            });
            continue;
        }
        // An extension whose deadline the calendar cannot place is left out, and said.
        if matches!(
            policy.shift_day(r.new_due),
            Err(ComplianceError::OutsideCalendar { .. } | ComplianceError::DateOutOfRange)
        ) {
            diagnostics.push(Raw::OutsideCalendar { row: r.id });
            continue;
        }
        let in_force = policy.shift_day(extended_due)?;
        if r.day > in_force && policy.late_extensions() == LateExtensions::Ignore {
            diagnostics.push(Raw::LateExtension {
                row: r.id,
                deadline: in_force,
            });
            continue;
        }
        extended_due = r.new_due;
        extension = Some(r.id);
    }
    let deadline = policy.shift_day(extended_due)?;
    let limit = deadline.saturating_add(policy.grace());
    let mut decision = Decision {
        status: Status::OpenWithinDeadline,
        extended_due,
        deadline,
        deciding: None,
        extension,
        reopened,
    };
    if not_applicable {
        decision.status = Status::NotApplicable;
    } else if let Some(w) = recs.iter().find(|r| r.tag == TAG_WAIVED && !voided(r)) {
        decision.status = Status::Waived;
        decision.deciding = Some((w.id, w.day));
    } else if let Some(q) = recs.iter().find(|r| is_qualifying(r.tag) && !voided(r)) {
        decision.status = if q.day <= limit {
            Status::DoneOnTime
        } else {
            Status::DoneLate
        };
        decision.deciding = Some((q.id, q.day));
    } else if limit < as_of {
        decision.status = Status::OpenOverdue;
    }
    Ok(decision)
}

/// The first copy of each event of one obligation, found in one pass over its rows in
/// row order: by hash, then compared, so many events on one obligation cost linear time.
#[derive(Debug, Default)]
struct FirstCopies {
    /// The first row seen with each identity hash.
    by_hash: HashMap<u64, u32>,
    /// First rows whose hash an other event had first (a collision), compared one by one.
    spill: Vec<u32>,
}

impl FirstCopies {
    /// Up to this many rows, an obligation's rows are compared with each other directly.
    const SMALL: usize = 8;

    /// Starts on the rows of another obligation. A map grown large by one obligation is
    /// dropped rather than cleared, since clearing costs its capacity.
    fn clear(&mut self) {
        if self.by_hash.capacity() > 1024 {
            self.by_hash = HashMap::new();
        } else {
            self.by_hash.clear();
        }
        self.spill.clear();
    }

    /// The first row before `row` among `rows` (one obligation's, in row order, `row`
    /// among them) that is the same event, if any; otherwise `row` is noted as the first of
    /// its kind.
    fn first_of(&mut self, events: &Events, rows: &[u32], row: u32) -> Option<u32> {
        use std::collections::hash_map::Entry;
        let same = |r: u32| events.same_event(r as usize, row as usize);
        if rows.len() <= Self::SMALL {
            return rows
                .iter()
                .take_while(|&&r| r < row)
                .copied()
                .find(|&r| same(r));
        }
        match self.by_hash.entry(events.identity_hash(row as usize)) {
            Entry::Vacant(slot) => {
                slot.insert(row);
                None
            }
            Entry::Occupied(slot) => {
                let first = *slot.get();
                if same(first) {
                    return Some(first);
                }
                if let Some(&first) = self.spill.iter().find(|&&r| same(r)) {
                    return Some(first);
                }
                self.spill.push(row);
                None
            }
        }
    }
}

/// The date of a day number, or an error when it is out of chrono's range.
fn date_of(day: i32) -> Result<NaiveDate, ComplianceError> {
    from_day_number(day).ok_or(ComplianceError::DateOutOfRange)
}

/// "No deciding event" in the deciding-row column.
const NO_ROW: u32 = u32::MAX;

/// The rest-day shift of every due day in a range, precomputed.
#[derive(Debug, Clone)]
struct ShiftTable {
    first: i32,
    shifted: Vec<i32>,
}

impl ShiftTable {
    fn build(
        policy: &EvaluationPolicy,
        dues: &[i32],
    ) -> Result<Option<ShiftTable>, ComplianceError> {
        let Some(calendar) = policy.calendar() else {
            return Ok(None);
        };
        if policy.rest_day_shift() == crate::calendar::Roll::Keep {
            return Ok(None);
        }
        let (Some(&lo), Some(&hi)) = (dues.iter().min(), dues.iter().max()) else {
            return Ok(None);
        };
        // Both ends must be in the calendar: the shift of `hi` checks its end, this the start.
        policy.shift_day(lo)?;
        let mut next = policy.shift_day(hi)?;
        let len = usize::try_from(hi - lo).map_err(|_| ComplianceError::DateOutOfRange)? + 1;
        let mut shifted = vec![0; len];
        for (slot, d) in shifted.iter_mut().rev().zip((lo..=hi).rev()) {
            if super::policy::is_working(calendar, date_of(d)?)? {
                next = d;
            }
            *slot = next;
        }
        Ok(Some(ShiftTable { first: lo, shifted }))
    }

    #[inline]
    fn shift(&self, day: i32) -> i32 {
        usize::try_from(day - self.first)
            .ok()
            .and_then(|i| self.shifted.get(i))
            .copied()
            .unwrap_or(day)
    }
}

/// An earliest-event slot: the earliest qualifying event's age on the as-of date, plus
/// one, so that zero is "none" (a fresh, zeroed column needs no initialising pass) and the
/// earliest event is the maximum. Two bytes cover events up to 179 years old; four bytes
/// cover any date.
pub(super) trait Age: Copy + Ord + Default + Into<u32> + Send + Sync {
    /// The largest value the slot holds.
    const MAX: u32;
    /// The slot of an event on `day`, given the day after the as-of date (`day` is at most
    /// the as-of date): [`age_value`], clamped to `MAX`.
    fn of_day(next_day: i32, day: i32) -> Self;
    /// The day of the event this slot holds (meaningful when nonzero), given the day after
    /// the as-of date; the earliest `i32` day when it is earlier.
    fn first_day(self, next_day: i32) -> i32;
}

impl Age for u16 {
    const MAX: u32 = u16::MAX as u32;
    #[inline]
    fn of_day(next_day: i32, day: i32) -> u16 {
        // In `i32` (chrono's day numbers are within ±2^27, so this never wraps): fewer
        // instructions in the hot walk than through `i64`.
        u16::try_from(next_day.wrapping_sub(day)).unwrap_or(u16::MAX)
    }
    #[inline]
    fn first_day(self, next_day: i32) -> i32 {
        // Day numbers of chrono's dates are within ±2^27, so this never wraps.
        next_day.wrapping_sub(i32::from(self))
    }
}

impl Age for u32 {
    const MAX: u32 = u32::MAX;
    #[inline]
    fn of_day(next_day: i32, day: i32) -> u32 {
        u32::try_from(i64::from(next_day) - i64::from(day)).unwrap_or(u32::MAX)
    }
    #[inline]
    fn first_day(self, next_day: i32) -> i32 {
        i32::try_from(i64::from(next_day) - i64::from(self)).unwrap_or(i32::MIN)
    }
}

/// The earliest qualifying events of the obligations on the fast path, in the narrowest
/// slot that holds every event's age.
#[derive(Debug, Clone)]
enum Ages {
    Short(Vec<u16>),
    Long(Vec<u32>),
}

impl Ages {
    /// The slot value of obligation row `o` (0: none).
    fn get(&self, o: usize) -> Option<u32> {
        match self {
            Ages::Short(ages) => ages.get(o).map(|&a| u32::from(a)),
            Ages::Long(ages) => ages.get(o).copied(),
        }
    }

    /// Bytes held per obligation.
    #[cfg(test)]
    fn bytes(&self) -> usize {
        match self {
            Ages::Short(ages) => ages.capacity() * 2,
            Ages::Long(ages) => ages.capacity() * 4,
        }
    }
}

/// The slot value of an event on `day`, as of `as_of` (`day <= as_of`).
#[inline]
pub(super) fn age_value(as_of: i32, day: i32) -> u32 {
    u32::try_from(i64::from(as_of) - i64::from(day) + 1).unwrap_or(u32::MAX)
}

/// The day of a nonzero slot value, as of `as_of`.
#[inline]
fn day_of_age(as_of: i32, value: u32) -> i32 {
    i32::try_from(i64::from(as_of) + 1 - i64::from(value)).unwrap_or(i32::MIN)
}

/// The fast path in row order: the earliest qualifying event of each obligation, noting
/// ties on the day (candidates for duplicates).
fn earliest_ages<A: Age>(
    events: &Events,
    as_of: i32,
    n: usize,
    marks: Option<&[u64]>,
    lists: &mut Lists,
    mut ages: Vec<A>,
) -> Vec<A> {
    fit(&mut ages, n, A::default());
    // Written once before the walk reads them: a fresh page read first maps the shared
    // zero page and faults again on the write that follows (and a reused column holds the
    // slots of an earlier evaluation).
    ages.fill(A::default());
    let mut ties = std::mem::take(&mut lists.ties);
    // The walk's state by value and by plain reference (the slots as a slice as long as
    // `n`, the day after the as-of date), so that it stays in registers.
    let (slots, tied) = (ages.as_mut_slice(), &mut ties);
    let next_day = as_of.saturating_add(1);
    scan(
        events,
        0..events.obligation_column().len(),
        as_of,
        slots.len(),
        marks,
        lists,
        move |o, day, _row| {
            if let Some(slot) = slots.get_mut(o as usize) {
                let value = A::of_day(next_day, day);
                if *slot == value {
                    tied.push(o);
                }
                *slot = (*slot).max(value);
            }
        },
    );
    lists.ties = ties;
    ages
}

/// Makes `column` `n` long, reusing its memory: the first `n` values are left as they are
/// (the caller writes every one before reading it), and only new places are written with
/// `value`. A column too small is freed before a new one is taken, so that the allocator
/// can hand the same memory back.
pub(super) fn fit<T: Clone>(column: &mut Vec<T>, n: usize, value: T) {
    if column.capacity() < n {
        *column = Vec::new();
        *column = vec![value; n];
    } else {
        column.truncate(n);
        column.resize(n, value);
    }
}

/// How the fast path visits the events: chosen by size and order, or (in tests) forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pass {
    /// In row order while the slots stay in cache or the log is in obligation order,
    /// else partitioned by obligation.
    Auto,
    /// In row order.
    #[cfg_attr(not(test), allow(dead_code, reason = "forced in tests only"))]
    Direct,
    /// Partitioned by obligation.
    #[cfg_attr(not(test), allow(dead_code, reason = "forced in tests only"))]
    Partitioned,
}

/// The side lists of the fast path: events of unknown obligations as (row, obligation),
/// events of obligations on the per-obligation path as (obligation, row), and the
/// obligations where a qualifying event fell on the earliest day seen so far (in any
/// order, perhaps repeated): their duplicates are looked for when diagnostics are read.
#[derive(Debug, Default)]
pub(super) struct Lists {
    pub(super) unknown: Vec<(u32, u32)>,
    pub(super) gathered: Vec<(u32, u32)>,
    pub(super) ties: Vec<u32>,
}

/// Walks the events of rows `rows` known on `as_of`: events of unknown obligations go to
/// `lists.unknown`, events of obligations on the per-obligation path (marked) go to
/// `lists.gathered`,
/// and qualifying events of the others go to `sink` as (obligation, day, row). The one
/// walk of the fast path, in row order or partitioned.
///
/// Kept out of line: inlined into the large caller, the loop loses its registers.
#[inline(never)]
pub(super) fn scan(
    events: &Events,
    rows: std::ops::Range<usize>,
    as_of: i32,
    n: usize,
    marks: Option<&[u64]>,
    lists: &mut Lists,
    mut sink: impl FnMut(u32, i32, u32),
) {
    let Lists {
        unknown, gathered, ..
    } = lists;
    let first = u32::try_from(rows.start).unwrap_or(u32::MAX);
    let obligation = events
        .obligation_column()
        .get(rows.clone())
        .unwrap_or_default();
    let day = events.day_column().get(rows.clone()).unwrap_or_default();
    let known = events.known_column().get(rows.clone()).unwrap_or_default();
    let tag = events.tag_column().get(rows).unwrap_or_default();
    match (marks, events.has_recording_dates()) {
        // The hot path: every event known on `as_of` is qualifying, and without recording
        // dates an event is known on its date, so the known-on column is not read.
        (None, false) => {
            for ((&o, &day), row) in obligation.iter().zip(day).zip(first..) {
                if day > as_of {
                    continue;
                }
                if o as usize >= n {
                    unknown.push((row, o));
                    continue;
                }
                sink(o, day, row);
            }
        }
        (None, true) => {
            let rows = obligation.iter().zip(day).zip(known).zip(first..);
            for (((&o, &day), &known), row) in rows {
                if known > as_of {
                    continue;
                }
                if o as usize >= n {
                    unknown.push((row, o));
                    continue;
                }
                sink(o, day, row);
            }
        }
        (Some(marks), _) => {
            let rows = obligation.iter().zip(day).zip(known).zip(first..).zip(tag);
            for ((((&o, &day), &known), row), &tag) in rows {
                if known > as_of {
                    continue;
                }
                if o as usize >= n {
                    unknown.push((row, o));
                    continue;
                }
                let marked = marks
                    .get(o as usize / 64)
                    .is_some_and(|word| word & (1 << (o % 64)) != 0);
                if marked {
                    gathered.push((o, row));
                } else if is_qualifying(tag) {
                    sink(o, day, row);
                }
            }
        }
    }
}

/// The largest slot value (age) of an event that is not too early for a period whose
/// earliest accepted day is `bound`: an event is too early when its age is greater.
fn age_limit(as_of: i32, bound: i32) -> u32 {
    let limit = i64::from(as_of) - i64::from(bound) + 1;
    u32::try_from(limit.max(0)).unwrap_or(u32::MAX)
}

/// The fast-path obligations whose earliest qualifying event is dated before the earliest
/// day their period accepts (so some event of theirs is): their slots are cleared and they
/// are returned, in increasing order, for the per-obligation path. One pass over the
/// obligations, comparing each slot with its period's limit.
fn too_early<A: Age>(ages: &mut [A], periods: &[u32], limits: &[u32]) -> Vec<u32> {
    let mut early = Vec::new();
    for ((slot, &p), o) in ages.iter_mut().zip(periods).zip(0u32..) {
        let age: u32 = (*slot).into();
        if limits.get(p as usize).is_some_and(|&limit| age > limit) {
            early.push(o);
            *slot = A::default();
        }
    }
    early
}

/// What the status pass needs: the as-of day, the grace days and the shift table.
#[derive(Debug, Clone, Copy)]
struct Classes<'t> {
    as_of: i32,
    grace: i32,
    shift: Option<&'t ShiftTable>,
}

impl Classes<'_> {
    /// Classifies a run of obligations from their due days, earliest events and flags into
    /// `out` (one status per obligation); tells whether some earliest event may be too
    /// early (only with `early`, see below).
    ///
    /// Kept out of line: inlined into the large caller, the loop loses its registers.
    #[inline(never)]
    fn classify<A: Age>(
        &self,
        dues: &[i32],
        ages: &[A],
        flags: &[u8],
        out: &mut [Status],
        early: Option<i32>,
    ) -> bool {
        match self.shift {
            None => self.classify_with(dues, ages, flags, out, early, |due| due),
            Some(table) => {
                self.classify_with(dues, ages, flags, out, early, |due| table.shift(due))
            }
        }
    }

    /// [`Classes::classify`] with the rest-day shift `shift`.
    #[inline]
    fn classify_with<A: Age>(
        &self,
        dues: &[i32],
        ages: &[A],
        flags: &[u8],
        out: &mut [Status],
        early: Option<i32>,
        shift: impl Fn(i32) -> i32,
    ) -> bool {
        // Every day compared below (the as-of day, due days, shifted or not, and the days
        // of events) is a chrono day number, within ±2^27: with the grace days and the
        // margin clamped to ±2^29, plain `i32` sums never wrap and compare with those
        // days as the unclamped sums would (a sum past ±2^28 is beyond all of them), and
        // they cost fewer vector instructions than saturating sums.
        const REACH: i32 = 1 << 29;
        let (as_of, grace) = (self.as_of, self.grace.clamp(-REACH, REACH));
        let next_day = as_of.saturating_add(1);
        // With a bound on early events, note (without a branch) whether some earliest
        // event is dated before `due + margin`: no event is too early otherwise, since no
        // period begins more than `margin + bound` days after its due date.
        let (bounded, margin) = (early.is_some(), early.unwrap_or(0).clamp(-REACH, REACH));
        let mut any = false;
        let rows = out.iter_mut().zip(dues).zip(ages).zip(flags);
        for (((slot, &due), &age), &flag) in rows {
            // The rule is the columnar kernel's (`columnar::status_of`), with the day of
            // the earliest event as `as_of + 1 - age`, in `i32` days and without a branch,
            // so that the loop runs on vector registers.
            let has_first = age != A::default();
            let first = age.first_day(next_day);
            let limit = shift(due).wrapping_add(grace);
            *slot = super::columnar::status_of(
                limit,
                first,
                has_first,
                flag & super::columnar::FLAG_NOT_APPLICABLE != 0,
                as_of,
            );
            any |= bounded & has_first & (first < due.wrapping_add(margin));
        }
        any
    }

    /// Classifies every obligation (see [`Classes::classify`]) into `out` (made as long
    /// as `ages`; every status is written); with the `parallel` feature, in ranges of
    /// obligations on every core.
    fn classify_all<A: Age>(
        &self,
        dues: &[i32],
        ages: &[A],
        flags: &[u8],
        early: Option<i32>,
        mut out: Vec<Status>,
    ) -> (Vec<Status>, bool) {
        fit(&mut out, ages.len(), Status::DoneOnTime);
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            const RANGE: usize = 1 << 16;
            let any = out
                .par_chunks_mut(RANGE)
                .zip(dues.par_chunks(RANGE))
                .zip(ages.par_chunks(RANGE).zip(flags.par_chunks(RANGE)))
                .map(|((out, dues), (ages, flags))| self.classify(dues, ages, flags, out, early))
                .reduce(|| false, |a, b| a | b);
            (out, any)
        }
        #[cfg(not(feature = "parallel"))]
        {
            let any = self.classify(dues, ages, flags, &mut out, early);
            (out, any)
        }
    }
}

/// The result of an evaluation: a finding per obligation, plus diagnostics about the input.
///
/// Statuses are kept in compact columns: one byte per obligation for the status and two
/// for the day of its earliest qualifying event (four when some event is more than 179
/// years older than the as-of date). A full [`Finding`] with its explanation is built on
/// demand by [`Evaluation::finding`]. The row of each deciding event and the check of
/// tied events for duplicates are resolved on the first call to [`Evaluation::finding`] or
/// [`Evaluation::diagnostics`], in one more pass over the events (four more bytes per
/// obligation).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{evaluate, Event, EvaluationPolicy, Events, Status};
/// use directives::directive::{DirectiveKey, TaskNumber};
/// use directives::document::DocSymbol;
/// use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
/// use directives::period::Period;
/// use directives::org::BodyCode;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, d(2025, 1, 2)?);
/// let mut obligations = Obligations::new();
/// let mut ids = Vec::new();
/// for month in 1..=3 {
///     let key = ObligationKey::new(
///         directive.clone(),
///         TaskNumber::new("1")?,
///         RequirementIndex::new(0),
///         BodyCode::new("SYT")?,
///         format!("2025-{month:02}").parse::<Period>()?,
///     );
///     ids.push(obligations.push(Obligation::new(key, d(2025, month + 1, 20)?))?);
/// }
/// let mut events = Events::new();
/// events.push(Event::submitted(ids[0], d(2025, 2, 15)?))?;
/// events.push(Event::submitted(ids[1], d(2025, 3, 25)?))?;
/// let policy = EvaluationPolicy::without_calendar();
/// let evaluation = evaluate(&obligations, &events, d(2025, 4, 1)?, &policy)?;
/// assert_eq!(
///     evaluation.statuses(),
///     &[Status::DoneOnTime, Status::DoneLate, Status::OpenWithinDeadline],
/// );
/// assert!(evaluation.diagnostics().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
    obligations: &'a Obligations,
    policy: &'a EvaluationPolicy,
    as_of: NaiveDate,
    events: &'a Events,
    // INVARIANT (columns): `status` and `ages` have one entry per obligation.
    status: Vec<Status>,
    ages: Ages,
    // INVARIANT (special): sorted by obligation row, each row once; these obligations'
    // ages are 0.
    special: Vec<(u32, Decision)>,
    shift: Option<ShiftTable>,
    // INVARIANT (ties): sorted, each once. The obligations where a qualifying event fell
    // on the earliest day seen so far: their events on the earliest day are checked
    // against the deciding event for duplicates when diagnostics are read.
    ties: Vec<u32>,
    unknown: Vec<Raw>,
    special_diagnostics: Vec<Raw>,
    // Resolved on first request, in one more pass over the events.
    deciding_rows: OnceLock<Vec<u32>>,
    diagnostics: OnceLock<Vec<Diagnostic>>,
    // The latest indicator value known on the as-of date of each obligation with a
    // target, as (day, row, value); resolved on first request in one pass over the events.
    indicator_values: OnceLock<HashMap<u32, f64>>,
    // The working memory of an evaluation made in a `Workspace`, handed back with the
    // columns by `Evaluation::into_workspace` (empty after `evaluate`).
    working: Working,
}

/// The working memory of the fast path that outlives the evaluation only to be reused:
/// the buffer of the partitioned pass and the marks of the per-obligation path.
#[derive(Debug, Clone, Default)]
struct Working {
    records: Vec<u32>,
    marks: Vec<u64>,
}

/// The memory of a finished evaluation, kept to evaluate again: its status and
/// earliest-event columns and its working memory, which the next evaluation writes over
/// instead of taking fresh memory from the system.
///
/// Applications evaluate the same stores again and again (a report every day, the as-of
/// date moving): past a few million obligations, fresh pages (which the system zeroes
/// and maps one fault at a time) cost more than the evaluation itself. An evaluation made
/// with [`Workspace::evaluate`] is the same as one made with [`evaluate`]; it keeps its
/// working memory (at most a few bytes an event) until [`Evaluation::into_workspace`]
/// gives everything back for the next one, which may be of other stores of any size.
/// If the evaluation fails, the workspace's memory is freed.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::compliance::{evaluate, Event, EvaluationPolicy, Events, Status, Workspace};
/// use directives::directive::{DirectiveKey, TaskNumber};
/// use directives::document::DocSymbol;
/// use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
/// use directives::org::BodyCode;
/// use directives::period::Period;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, d(2025, 1, 2)?);
/// let key = ObligationKey::new(
///     directive,
///     TaskNumber::new("1")?,
///     RequirementIndex::new(0),
///     BodyCode::new("SYT")?,
///     "2025-01".parse::<Period>()?,
/// );
/// let mut obligations = Obligations::new();
/// let id = obligations.push(Obligation::new(key, d(2025, 2, 20)?))?;
/// let mut events = Events::new();
/// events.push(Event::submitted(id, d(2025, 2, 25)?))?;
/// let policy = EvaluationPolicy::without_calendar();
///
/// // A report every day: each evaluation takes back the memory of the one before.
/// let mut workspace = Workspace::new();
/// let mut seen = Vec::new();
/// for as_of in [d(2025, 2, 10)?, d(2025, 2, 21)?, d(2025, 3, 1)?] {
///     let evaluation = workspace.evaluate(&obligations, &events, as_of, &policy)?;
///     assert_eq!(evaluation.statuses(), evaluate(&obligations, &events, as_of, &policy)?.statuses());
///     seen.push(evaluation.statuses()[0]);
///     workspace = evaluation.into_workspace();
/// }
/// assert_eq!(seen, [Status::OpenWithinDeadline, Status::OpenOverdue, Status::DoneLate]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
pub struct Workspace {
    status: Vec<Status>,
    short: Vec<u16>,
    long: Vec<u32>,
    ties: Vec<u32>,
    working: Working,
}

impl Workspace {
    /// An empty workspace: its first evaluation takes its memory from the system, as
    /// [`evaluate`] does.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{EvaluationPolicy, Events, Workspace};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let (obligations, events) = (Obligations::new(), Events::new());
    /// let evaluation = Workspace::new().evaluate(&obligations, &events, as_of, &policy)?;
    /// assert!(evaluation.statuses().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// [`evaluate`] in this workspace's memory: the same evaluation, with its columns and
    /// working memory taken from the workspace (and kept by the evaluation, to be given
    /// back by [`Evaluation::into_workspace`]).
    ///
    /// # Errors
    ///
    /// As [`evaluate`]; the workspace's memory is then freed.
    ///
    /// # Example
    ///
    /// See [`Workspace`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::calendar::Roll;
    /// use directives::compliance::{ComplianceError, EvaluationPolicy, Events, Workspace};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar().with_rest_day_shift(Roll::Following);
    /// let (obligations, events) = (Obligations::new(), Events::new());
    /// let result = Workspace::new().evaluate(&obligations, &events, as_of, &policy);
    /// assert_eq!(result.err(), Some(ComplianceError::CalendarRequired));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate<'a>(
        self,
        obligations: &'a Obligations,
        events: &'a Events,
        as_of: NaiveDate,
        policy: &'a EvaluationPolicy,
    ) -> Result<Evaluation<'a>, ComplianceError> {
        evaluate_with(obligations, events, as_of, policy, Pass::Auto, self)
    }
}

/// Evaluates obligations against events as of a date, under a policy.
///
/// For each obligation: if it does not apply, [`Status::NotApplicable`]; if a waiver is in
/// force, [`Status::Waived`]; otherwise the earliest qualifying event (submission,
/// completion or indicator value) known on or before `as_of` decides between
/// [`Status::DoneOnTime`] and [`Status::DoneLate`] against the deadline (the due date
/// after extensions and the rest-day shift, plus grace days); with none, the obligation is
/// [`Status::OpenOverdue`] when the deadline is before `as_of` and
/// [`Status::OpenWithinDeadline`] otherwise. A reopening voids the qualifying events and
/// waivers dated before it. Events not known on `as_of` (dated or recorded after it) are
/// ignored.
///
/// Runs in time linear in obligations plus events, in one pass over each (plus one more
/// over the events when deciding events or diagnostics are first asked for).
///
/// # Errors
///
/// Only when the evaluation cannot run:
/// - [`ComplianceError::CalendarRequired`] when the policy applies the rest-day shift
///   without a calendar;
/// - [`ComplianceError::OutsideCalendar`] when `as_of` or a deadline is outside the
///   calendar's range.
///
/// Problems with individual events are [`Diagnostic`]s, not errors.
///
/// # Example
///
/// See [`Evaluation`].
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::Roll;
/// use directives::compliance::{evaluate, EvaluationPolicy, Events, ComplianceError};
/// use directives::obligation::Obligations;
///
/// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
/// let policy = EvaluationPolicy::without_calendar().with_rest_day_shift(Roll::Following);
/// let no_obligations = Obligations::new();
/// let no_events = Events::new();
/// let result = evaluate(&no_obligations, &no_events, as_of, &policy);
/// assert_eq!(result.err(), Some(ComplianceError::CalendarRequired));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate<'a>(
    obligations: &'a Obligations,
    events: &'a Events,
    as_of: NaiveDate,
    policy: &'a EvaluationPolicy,
) -> Result<Evaluation<'a>, ComplianceError> {
    let mut evaluation = evaluate_with(
        obligations,
        events,
        as_of,
        policy,
        Pass::Auto,
        Workspace::default(),
    )?;
    // Nothing will take it back: the working memory goes now.
    evaluation.working = Working::default();
    Ok(evaluation)
}

/// [`evaluate`] in `workspace`'s memory, with the fast path's way of visiting the events
/// given.
pub(crate) fn evaluate_with<'a>(
    obligations: &'a Obligations,
    events: &'a Events,
    as_of: NaiveDate,
    policy: &'a EvaluationPolicy,
    pass: Pass,
    workspace: Workspace,
) -> Result<Evaluation<'a>, ComplianceError> {
    let Workspace {
        status: status_column,
        short: short_column,
        long: long_column,
        mut ties,
        working: Working {
            mut records,
            marks: mut mark_words,
        },
    } = workspace;
    policy.check(as_of)?;
    let as_of_day = day_number(as_of);
    let n = obligations.len();
    let dues = obligations.due_days();
    let shift = ShiftTable::build(policy, dues)?;
    let mut diagnostics = Vec::new();

    let ev_obligation = events.obligation_column();
    let ev_known = events.known_column();

    // Obligations with extensions, waivers or reopenings take the per-obligation path.
    let mut special_rows: Vec<u32> = events
        .special_rows()
        .iter()
        .filter_map(|&r| {
            let r = r as usize;
            let known = *ev_known.get(r)?;
            let o = *ev_obligation.get(r)?;
            (known <= as_of_day && (o as usize) < n).then_some(o)
        })
        .collect();
    // Events dated before their directive was issued are left out and reported: their
    // obligations take the per-obligation path too. Checked only when some event is older
    // than the earliest issue date, so the usual log costs nothing here.
    let issued_days = obligations.issued_days();
    let directive_of = obligations.directive_column();
    let issued_of = |o: u32| {
        directive_of
            .get(o as usize)
            .and_then(|&d| issued_days.get(d as usize))
            .copied()
    };
    let earliest_issue = issued_days.iter().copied().min();
    if let (Some(oldest), Some(earliest)) = (events.oldest_day(), earliest_issue)
        && oldest < earliest.min(as_of_day + 1)
    {
        let rows = ev_obligation.iter().zip(events.day_column()).zip(ev_known);
        for ((&o, &day), &known) in rows {
            if known <= as_of_day && issued_of(o).is_some_and(|issued| day < issued) {
                special_rows.push(o);
            }
        }
    }
    special_rows.sort_unstable();
    special_rows.dedup();

    // The earliest day each period accepts for a qualifying event, by period handle.
    let bounds: Option<Vec<i32>> = policy.early_event_days().map(|_| {
        let days = i32::try_from(policy.early_event_days().unwrap_or(0)).unwrap_or(i32::MAX);
        obligations
            .period_start_days()
            .into_iter()
            .map(|start| start.saturating_sub(days))
            .collect()
    });
    let bound_of = |o: u32| {
        let bounds = bounds.as_deref()?;
        let p = *obligations.period_column().get(o as usize)?;
        bounds.get(p as usize).copied()
    };
    let limits: Option<Vec<u32>> = bounds
        .as_deref()
        .map(|b| b.iter().map(|&bound| age_limit(as_of_day, bound)).collect());
    let periods = obligations.period_column();
    let mut early = Vec::new();

    if !special_rows.is_empty() {
        mark_words.clear();
        mark_words.resize(n.div_ceil(64), 0);
        for &o in &special_rows {
            if let Some(word) = mark_words.get_mut(o as usize / 64) {
                *word |= 1 << (o % 64);
            }
        }
    }
    let classes = Classes {
        as_of: as_of_day,
        grace: policy.grace(),
        shift: shift.as_ref(),
    };
    ties.clear();
    let mut lists = Lists {
        ties,
        ..Lists::default()
    };
    let flags = obligations.flag_column();
    let marks = (!special_rows.is_empty()).then_some(mark_words.as_slice());
    let short = events
        .oldest_day()
        .is_none_or(|oldest| age_value(as_of_day, oldest) <= <u16 as Age>::MAX);
    // An event is too early only if it is dated before `due + margin` (see `classify`), so
    // the exact check against each period runs only when `classify` saw such an event.
    let margin = match (policy.early_event_days(), obligations.start_after_due()) {
        (Some(days), Some(gap)) => {
            Some(gap.saturating_sub(i32::try_from(days).unwrap_or(i32::MAX)))
        }
        _ => None,
    };
    let mut status;
    let ages = if short {
        let partitioned = match pass {
            Pass::Auto => super::partition::pays::<u16>(events.obligation_column(), n),
            Pass::Direct => false,
            Pass::Partitioned => true,
        };
        let (mut ages, maybe);
        if partitioned {
            (ages, status) = (short_column, status_column);
            fit(&mut ages, n, 0);
            fit(&mut status, n, Status::DoneOnTime);
            let classify = |range: std::ops::Range<usize>, ages: &[u16], out: &mut [Status]| {
                let dues = dues.get(range.clone()).unwrap_or_default();
                let flags = flags.get(range).unwrap_or_default();
                classes.classify(dues, ages, flags, out, margin)
            };
            maybe = super::partition::evaluate_partitioned(
                events,
                as_of_day,
                marks,
                &mut lists,
                classify,
                (ages.as_mut_slice(), status.as_mut_slice()),
                &mut records,
            );
        } else {
            ages = earliest_ages::<u16>(events, as_of_day, n, marks, &mut lists, short_column);
            (status, maybe) = classes.classify_all(dues, &ages, flags, margin, status_column);
        }
        if let (true, Some(limits)) = (maybe, &limits) {
            early = too_early(&mut ages, periods, limits);
        }
        Ages::Short(ages)
    } else {
        // Four-byte slots (events more than 179 years old) are rare: they take the
        // direct pass.
        let mut ages = earliest_ages::<u32>(events, as_of_day, n, marks, &mut lists, long_column);
        let maybe;
        (status, maybe) = classes.classify_all(dues, &ages, flags, margin, status_column);
        if let (true, Some(limits)) = (maybe, &limits) {
            early = too_early(&mut ages, periods, limits);
        }
        Ages::Long(ages)
    };
    let Lists {
        unknown,
        gathered,
        mut ties,
    } = lists;
    ties.sort_unstable();
    ties.dedup();
    let mut gathered = gathered;
    // Obligations with an event dated too early take the per-obligation path: one more
    // pass over the events gathers theirs (only when there are some).
    if !early.is_empty() {
        let mut marks = vec![0u64; n.div_ceil(64)];
        for &o in &early {
            if let Some(word) = marks.get_mut(o as usize / 64) {
                *word |= 1 << (o % 64);
            }
        }
        for (o, _, known, _, row) in events.column_rows() {
            let marked = marks
                .get(o as usize / 64)
                .is_some_and(|word| word & (1 << (o % 64)) != 0);
            if marked && known <= as_of_day {
                gathered.push((o, row));
            }
        }
        special_rows.extend(&early);
        special_rows.sort_unstable();
        special_rows.dedup();
    }
    let unknown = unknown
        .into_iter()
        .map(|(row, _)| Raw::Unknown { row })
        .collect();

    // The per-obligation path.
    gathered.sort_unstable();
    let mut special = Vec::with_capacity(special_rows.len());
    let mut recs: Vec<Rec> = Vec::new();
    let mut copies = FirstCopies::default();
    let mut rest = gathered.as_slice();
    for &o in &special_rows {
        let split = rest.partition_point(|&(g, _)| g <= o);
        let (mine, after) = rest.split_at(split);
        rest = after;
        recs.clear();
        let mut rows: Vec<u32> = mine.iter().map(|&(_, row)| row).collect();
        rows.sort_unstable();
        let issued = issued_of(o);
        copies.clear();
        for &row in &rows {
            let day = events.day_column().get(row as usize).copied();
            if let (Some(issued), Some(day)) = (issued, day)
                && day < issued
            {
                diagnostics.push(Raw::BeforeIssue { row, issued });
                continue;
            }
            let qualifying = events
                .tag_column()
                .get(row as usize)
                .is_some_and(|&tag| is_qualifying(tag));
            if let (Some(bound), Some(day), true) = (bound_of(o), day, qualifying)
                && day < bound
            {
                let start = obligations
                    .period_start_at(o as usize)
                    .map_or(bound, day_number);
                diagnostics.push(Raw::LongBefore {
                    row,
                    period_start: start,
                });
                continue;
            }
            // A copy is said once, against the first logged; which copy counts is decided
            // below, whatever the log's order.
            if let Some(first) = copies.first_of(events, &rows, row) {
                diagnostics.push(Raw::Duplicate { row, of: first });
            }
            if let Some(rec) = Rec::from_events(events, row as usize, row) {
                recs.push(rec);
            }
        }
        weigh(events, &mut recs);
        let row = o as usize;
        let due = *dues.get(row).ok_or(ComplianceError::DateOutOfRange)?;
        let decision = decide(
            due,
            obligations.is_not_applicable(row),
            &recs,
            as_of_day,
            policy,
            &mut diagnostics,
        )?;
        if let Some(slot) = status.get_mut(row) {
            *slot = decision.status;
        }
        special.push((o, decision));
    }

    Ok(Evaluation {
        obligations,
        policy,
        as_of,
        events,
        status,
        ages,
        special,
        shift,
        ties,
        unknown,
        special_diagnostics: diagnostics,
        deciding_rows: OnceLock::new(),
        diagnostics: OnceLock::new(),
        indicator_values: OnceLock::new(),
        working: Working {
            records,
            marks: mark_words,
        },
    })
}

/// The least sure provenance of the days off in `from..to`, when it is below verified.
fn least_sure_day_off(
    policy: &EvaluationPolicy,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<Certainty> {
    let calendar = policy.calendar()?;
    from.iter_days()
        .take_while(|day| *day < to)
        .filter_map(|day| calendar.day_info(day).ok()?.provenance())
        .map(|p| p.certainty())
        .min()
        .filter(|c| *c < Certainty::Verified)
}

/// What a finding is built from besides its obligation's row: the decision, the deciding
/// event's record, the extension in force (its grant date and document) and the latest
/// indicator value known. Shared by [`Evaluation::finding`] and the tracker, so both give
/// the same finding.
#[derive(Debug, Clone)]
pub(crate) struct FindingParts {
    pub(crate) decision: Decision,
    pub(crate) deciding_event: Option<EventRecord>,
    pub(crate) extension: Option<(NaiveDate, String)>,
    pub(crate) indicator_value: Option<f64>,
}

/// The finding for obligation `id` as of `as_of`, from its decision and parts.
pub(crate) fn build_finding(
    obligations: &Obligations,
    policy: &EvaluationPolicy,
    as_of_date: NaiveDate,
    id: ObligationId,
    parts: FindingParts,
) -> Option<Finding> {
    let FindingParts {
        decision,
        deciding_event,
        extension,
        indicator_value,
    } = parts;
    let row = id.index() as usize;
    let status = decision.status;
    let due = *obligations.due_days().get(row)?;
    let as_of = day_number(as_of_date);
    let limit = decision.deadline.saturating_add(policy.grace());
    let late_to = match status {
        Status::DoneLate => decision.deciding.map(|(_, day)| day),
        Status::OpenOverdue => Some(as_of),
        _ => None,
    };
    let lateness = match late_to {
        Some(to) if to > limit => Lateness {
            calendar_days: u32::try_from(to - limit).unwrap_or(u32::MAX),
            working_days: policy.working_days_between(limit, to),
        },
        _ => Lateness::default(),
    };
    let due_soon = status == Status::OpenWithinDeadline
        && i64::from(limit) - i64::from(as_of) <= i64::from(policy.due_soon_days());
    let holder = obligations.holder(id)?;
    let assigned_body = obligations.assigned_body_at(row);
    let decided_on = match decision.deciding {
        Some((_, day)) => Some(from_day_number(day)?),
        None => None,
    };
    let effective_due = from_day_number(decision.deadline)?;
    let mut explanation = Explanation::new(status, effective_due, decided_on, as_of_date);
    // Decision 42/2014/QĐ-TTg binds the State administration; a Party directive follows
    // it by analogy, and the explanation says so.
    if let Some(key) = obligations
        .directive(id)
        .and_then(|d| obligations.directive_key(d))
    {
        explanation =
            explanation.with_force(RegimeScope::StateAdministration.force(key.symbol().system()));
    }
    let code = |body| obligations.body_code(body).cloned();
    let name = |body| obligations.body_name(body).map(str::to_owned);
    if let Some(from) = assigned_body {
        explanation = explanation.with_note(Note::Passed {
            from: code(from)?,
            from_name: name(from),
            to: code(holder)?,
            to_name: name(holder),
            on: obligations.body_ceased(from),
        });
    }
    if let Some(on) = decision.reopened {
        explanation = explanation.with_note(Note::Reopened {
            on: from_day_number(on)?,
        });
    }
    if let Some((granted, document)) = extension {
        explanation = explanation.with_note(Note::Extended {
            granted,
            original_due: from_day_number(due)?,
            new_due: from_day_number(decision.extended_due)?,
            document,
        });
    }
    if decision.deadline != decision.extended_due {
        let from = from_day_number(decision.extended_due)?;
        explanation = explanation.with_note(Note::RestDayShift {
            from,
            to: effective_due,
            rests_on: least_sure_day_off(policy, from, effective_due),
        });
    }
    if policy.grace_days() > 0 {
        explanation = explanation.with_note(Note::GraceDays {
            days: policy.grace_days(),
        });
    }
    Some(Finding {
        obligation: obligations.key(id)?,
        body: code(holder)?,
        assigned_body: match assigned_body {
            Some(body) => Some(code(body)?),
            None => None,
        },
        role: obligations.role(id)?,
        status,
        original_due: from_day_number(due)?,
        effective_due,
        deciding_event,
        decided_on,
        lateness,
        due_soon,
        indicator: obligations.target(id).map(|target| {
            let target_value = target.get();
            match indicator_value {
                Some(value) if target.is_met_by(value) => IndicatorOutcome::Met {
                    value,
                    target: target_value,
                },
                Some(value) => IndicatorOutcome::Missed {
                    value,
                    target: target_value,
                },
                None => IndicatorOutcome::NoValue {
                    target: target_value,
                },
            }
        }),
        explanation,
    })
}

/// The grant date and document of an extension event.
pub(crate) fn extension_of(event: &super::event::Event) -> (NaiveDate, String) {
    let document = match event.kind() {
        EventKind::Extended { document, .. } => document.clone(),
        _ => String::new(),
    };
    (event.date(), document)
}

impl<'a> Evaluation<'a> {
    /// Ends this evaluation and gives back its memory (its columns and, when it was made
    /// by [`Workspace::evaluate`], its working memory) for the next evaluation, of these
    /// stores or others.
    ///
    /// # Example
    ///
    /// See [`Workspace`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let (obligations, events) = (Obligations::new(), Events::new());
    /// let workspace = evaluate(&obligations, &events, as_of, &policy)?.into_workspace();
    /// let again = workspace.evaluate(&obligations, &events, as_of, &policy)?;
    /// assert!(again.statuses().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_workspace(self) -> Workspace {
        let (short, long) = match self.ages {
            Ages::Short(ages) => (ages, Vec::new()),
            Ages::Long(ages) => (Vec::new(), ages),
        };
        Workspace {
            status: self.status,
            short,
            long,
            ties: self.ties,
            working: self.working,
        }
    }

    /// The as-of date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// assert_eq!(evaluate(&Obligations::new(), &Events::new(), as_of, &policy)?.as_of(), as_of);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The obligations evaluated.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let obligations = Obligations::new();
    /// assert!(evaluate(&obligations, &Events::new(), as_of, &policy)?.obligations().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn obligations(&self) -> &'a Obligations {
        self.obligations
    }

    /// The status of every obligation, indexed by [`ObligationId::index`].
    ///
    /// # Example
    ///
    /// See [`Evaluation`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// assert!(evaluate(&Obligations::new(), &Events::new(), as_of, &policy)?.statuses().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn statuses(&self) -> &[Status] {
        &self.status
    }

    /// The status of one obligation, if it was evaluated.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let no_obligations = Obligations::new();
    /// let no_events = Events::new();
    /// let evaluation = evaluate(&no_obligations, &no_events, as_of, &policy)?;
    /// assert_eq!(evaluation.status(ObligationId::from_index(0)), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status(&self, id: ObligationId) -> Option<Status> {
        self.status.get(id.index() as usize).copied()
    }

    /// The diagnostics about the input, in a deterministic order.
    ///
    /// # Example
    ///
    /// See [`Diagnostic`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// assert!(evaluate(&Obligations::new(), &Events::new(), as_of, &policy)?.diagnostics().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.diagnostics.get_or_init(|| {
            let mut all = self.unknown.clone();
            all.extend(self.tied_duplicates());
            all.extend(self.special_diagnostics.iter().copied());
            let excluded: std::collections::HashSet<u32> =
                all.iter().filter_map(|raw| raw_row(*raw)).collect();
            all.extend(self.values_without_target(&excluded));
            all.into_iter()
                .filter_map(|raw| self.describe(raw))
                .collect()
        })
    }

    /// The indicator values known on the as-of date for obligations that have no target
    /// (values reported by other diagnostics left aside), in one pass over the events when
    /// the log holds indicator values at all.
    fn values_without_target(&self, excluded: &std::collections::HashSet<u32>) -> Vec<Raw> {
        let mut found = Vec::new();
        if !self.events.has_indicators() {
            return found;
        }
        let as_of = day_number(self.as_of);
        let n = self.status.len();
        for (o, _, known, tag, row) in self.events.column_rows() {
            if tag != TAG_INDICATOR || known > as_of || o as usize >= n {
                continue;
            }
            if self
                .obligations
                .target(ObligationId::from_index(o))
                .is_some()
            {
                continue;
            }
            // An event another diagnostic left out is not reported twice.
            if excluded.contains(&row) {
                continue;
            }
            found.push(Raw::NoTarget { row });
        }
        found
    }

    /// The diagnostic for a problem found by row, naming the event for people.
    fn describe(&self, raw: Raw) -> Option<Diagnostic> {
        let record = |row: u32| {
            self.events
                .record(EventId::from_index(row), self.obligations)
                .map(Box::new)
        };
        Some(match raw {
            Raw::Unknown { row } => {
                let id = EventId::from_index(row);
                let event = self.events.get(id)?;
                Diagnostic::UnknownObligation {
                    date: event.date(),
                    event: event.kind().clone(),
                    line: self.events.line(id),
                }
            }
            Raw::Duplicate { row, of } => Diagnostic::DuplicateEvent {
                event: record(row)?,
                first_line: self.events.line(EventId::from_index(of)),
            },
            Raw::ExtensionBefore { row, original_due } => Diagnostic::ExtensionBeforeDeadline {
                event: record(row)?,
                original_due: from_day_number(original_due)?,
            },
            Raw::LateExtension { row, deadline } => Diagnostic::LateExtensionIgnored {
                event: record(row)?,
                deadline: from_day_number(deadline)?,
            },
            Raw::BeforeIssue { row, issued } => Diagnostic::BeforeIssue {
                event: record(row)?,
                issued: from_day_number(issued)?,
            },
            Raw::LongBefore { row, period_start } => Diagnostic::LongBeforePeriod {
                event: record(row)?,
                period_start: from_day_number(period_start)?,
                limit_days: self.policy.early_event_days()?,
            },
            Raw::NoTarget { row } => Diagnostic::ValueWithoutTarget {
                event: record(row)?,
            },
            Raw::OutsideCalendar { row } => {
                let calendar = self.policy.calendar()?;
                Diagnostic::ExtensionOutsideCalendar {
                    event: record(row)?,
                    first: calendar.first(),
                    last: calendar.last(),
                }
            }
        })
    }

    /// Every finding and diagnostic as owned data, which outlives the obligations and
    /// events and serialises (see [`Findings`]).
    ///
    /// # Example
    ///
    /// See [`Findings`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let report = evaluate(&Obligations::new(), &Events::new(), as_of, &policy)?.to_findings();
    /// assert!(report.findings().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_findings(&self) -> Findings {
        Findings {
            as_of: self.as_of,
            findings: self.findings().collect(),
            diagnostics: self.diagnostics().to_vec(),
        }
    }

    /// The duplicates of deciding events among the obligations with ties, in row order:
    /// one pass over the events that looks only at those obligations (a bit per obligation
    /// marks them) and at their events on the earliest day, each compared with the first.
    fn tied_duplicates(&self) -> Vec<Raw> {
        use std::collections::hash_map::Entry;
        let mut found = Vec::new();
        if self.ties.is_empty() {
            return found;
        }
        let mut marks = vec![0u64; self.status.len().div_ceil(64)];
        for &o in &self.ties {
            if let Some(word) = marks.get_mut(o as usize / 64) {
                *word |= 1 << (o % 64);
            }
        }
        let as_of = day_number(self.as_of);
        let mut first: HashMap<u32, u32> = HashMap::with_capacity(self.ties.len());
        for (o, day, known, tag, row) in self.events.column_rows() {
            let marked = marks
                .get(o as usize / 64)
                .is_some_and(|word| word & (1 << (o % 64)) != 0);
            if !marked || known > as_of || !is_qualifying(tag) {
                continue;
            }
            if self.ages.get(o as usize) != Some(age_value(as_of, day)) {
                continue;
            }
            match first.entry(o) {
                Entry::Vacant(slot) => {
                    slot.insert(row);
                }
                Entry::Occupied(slot) => {
                    let of = *slot.get();
                    if self.events.same_event(of as usize, row as usize) {
                        found.push(Raw::Duplicate { row, of });
                    }
                }
            }
        }
        found
    }

    /// The row of each fast-path obligation's deciding event (the first in the order of
    /// [`Events::weigh`] among its earliest qualifying events), found on first request in
    /// one pass over the events.
    fn deciding_rows(&self) -> &[u32] {
        self.deciding_rows.get_or_init(|| {
            let as_of = day_number(self.as_of);
            let mut rows = vec![NO_ROW; self.status.len()];
            let events = self.events;
            for (o, day, known, tag, row) in events.column_rows() {
                if known > as_of || !is_qualifying(tag) {
                    continue;
                }
                let o = o as usize;
                let (Some(slot), Some(age)) = (rows.get_mut(o), self.ages.get(o)) else {
                    continue;
                };
                // Of the events of the earliest day, the first in the fixed order.
                if age != 0
                    && age == age_value(as_of, day)
                    && (*slot == NO_ROW
                        || events.weigh(row as usize, *slot as usize) == std::cmp::Ordering::Less)
                {
                    *slot = row;
                }
            }
            rows
        })
    }

    /// The full finding for one obligation, if it was evaluated.
    ///
    /// # Example
    ///
    /// See [`Finding`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// let no_obligations = Obligations::new();
    /// let no_events = Events::new();
    /// let evaluation = evaluate(&no_obligations, &no_events, as_of, &policy)?;
    /// assert!(evaluation.finding(ObligationId::from_index(0)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn finding(&self, id: ObligationId) -> Option<Finding> {
        let row = id.index() as usize;
        let status = *self.status.get(row)?;
        let due = *self.obligations.due_days().get(row)?;
        let decision = match self.special.binary_search_by_key(&id.index(), |&(o, _)| o) {
            Ok(k) => self.special.get(k)?.1,
            Err(_) => {
                let age = self.ages.get(row)?;
                let deadline = self.shift.as_ref().map_or(due, |t| t.shift(due));
                let as_of = day_number(self.as_of);
                let deciding = if age != 0 && status.is_done() {
                    let first = *self.deciding_rows().get(row)?;
                    Some((first, day_of_age(as_of, age)))
                } else {
                    None
                };
                Decision {
                    status,
                    extended_due: due,
                    deadline,
                    deciding,
                    extension: None,
                    reopened: None,
                }
            }
        };
        let parts = FindingParts {
            decision,
            deciding_event: match decision.deciding {
                Some((row, _)) => self
                    .events
                    .record(EventId::from_index(row), self.obligations),
                None => None,
            },
            extension: match decision.extension {
                Some(row) => Some(extension_of(&self.events.get(EventId::from_index(row))?)),
                None => None,
            },
            indicator_value: self.indicator_values().get(&id.index()).copied(),
        };
        build_finding(self.obligations, self.policy, self.as_of, id, parts)
    }

    /// The lateness of the obligation at `row` (zero unless it is done late or open and
    /// overdue), as [`Evaluation::finding`] reports it, without building the finding:
    /// the deciding day comes from the earliest-event column, so no pass over the events
    /// is needed. For criteria, which read many rows.
    pub(crate) fn lateness_at(&self, row: usize) -> Lateness {
        let Some(&status) = self.status.get(row) else {
            return Lateness::default();
        };
        if !matches!(status, Status::DoneLate | Status::OpenOverdue) {
            return Lateness::default();
        }
        let as_of = day_number(self.as_of);
        let (deadline, done_on) = match u32::try_from(row)
            .ok()
            .and_then(|r| self.special.binary_search_by_key(&r, |&(o, _)| o).ok())
            .and_then(|k| self.special.get(k))
        {
            Some((_, decision)) => (decision.deadline, decision.deciding.map(|(_, day)| day)),
            None => {
                let Some(&due) = self.obligations.due_days().get(row) else {
                    return Lateness::default();
                };
                let deadline = self.shift.as_ref().map_or(due, |t| t.shift(due));
                let age = self.ages.get(row).unwrap_or(0);
                (deadline, (age != 0).then(|| day_of_age(as_of, age)))
            }
        };
        let limit = deadline.saturating_add(self.policy.grace());
        let to = match status {
            Status::DoneLate => done_on,
            _ => Some(as_of),
        };
        match to {
            Some(to) if to > limit => Lateness {
                calendar_days: u32::try_from(to - limit).unwrap_or(u32::MAX),
                working_days: self.policy.working_days_between(limit, to),
            },
            _ => Lateness::default(),
        }
    }

    /// Whether the indicator obligation at `row` meets its target with the latest value
    /// known on the as-of date: `None` when it has no target, `Some(false)` when the value
    /// misses it or none was reported.
    pub(crate) fn indicator_met_at(&self, row: usize) -> Option<bool> {
        let id = ObligationId::from_index(u32::try_from(row).ok()?);
        let target = self.obligations.target(id)?;
        Some(
            self.indicator_values()
                .get(&id.index())
                .is_some_and(|&value| target.is_met_by(value)),
        )
    }

    /// The latest indicator value known on the as-of date of each obligation with a
    /// target, found on first request in one pass over the events.
    fn indicator_values(&self) -> &HashMap<u32, f64> {
        self.indicator_values.get_or_init(|| {
            if !self.obligations.has_targets() {
                return HashMap::new();
            }
            let mut values = Vec::new();
            let as_of = day_number(self.as_of);
            let events = self.events;
            for (o, day, known, tag, row) in events.column_rows() {
                if tag != TAG_INDICATOR || known > as_of {
                    continue;
                }
                if self
                    .obligations
                    .target(ObligationId::from_index(o))
                    .is_none()
                {
                    continue;
                }
                // A value dated before its directive was issued, or too long before its
                // period, is a diagnostic, not a value.
                if self
                    .obligations
                    .issued_day_at(o as usize)
                    .is_some_and(|issued| day < issued)
                {
                    continue;
                }
                if let (Some(days), Some(start)) = (
                    self.policy.early_event_days(),
                    self.obligations.period_start_at(o as usize),
                ) && i64::from(day) < i64::from(day_number(start)) - i64::from(days)
                {
                    continue;
                }
                let Some(EventKind::IndicatorValue { value }) = events.detail_at(row as usize)
                else {
                    continue;
                };
                values.push((o, day, known, *value));
            }
            // The value that counts: the latest dated, then the latest known, then the
            // greatest, copies counted once (see `values_that_count`).
            values_that_count(values)
        })
    }

    /// Every finding, in obligation order.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events};
    /// use directives::obligation::Obligations;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// let policy = EvaluationPolicy::without_calendar();
    /// assert_eq!(evaluate(&Obligations::new(), &Events::new(), as_of, &policy)?.findings().count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn findings(&self) -> impl Iterator<Item = Finding> + '_ {
        self.obligations.ids().filter_map(|id| self.finding(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluation_costs_three_bytes_per_obligation() {
        use crate::directive::{DirectiveKey, TaskNumber};
        use crate::document::DocSymbol;
        use crate::obligation::{ObligationRow, RequirementIndex};
        use crate::period::Period;
        let day = |d| NaiveDate::from_ymd_opt(2025, 1, d).unwrap();
        let mut obligations = Obligations::new();
        let row = ObligationRow {
            directive: obligations
                .add_directive(DirectiveKey::new(
                    DocSymbol::parse("1/CT-UBND").unwrap(),
                    day(1),
                ))
                .unwrap(),
            clause: obligations
                .add_clause(TaskNumber::new("1").unwrap())
                .unwrap(),
            requirement: RequirementIndex::new(0),
            body: obligations
                .add_body(crate::org::BodyCode::new("B1").unwrap())
                .unwrap(),
            period: obligations
                .add_period("2025".parse::<Period>().unwrap())
                .unwrap(),
            due: day(20),
        };
        let mut events = Events::new();
        for k in 0..10_000u32 {
            let id = obligations.insert(row).unwrap();
            events.push_submission(id, day(1 + k % 28)).unwrap();
        }
        let policy = EvaluationPolicy::without_calendar();
        let evaluation = evaluate(&obligations, &events, day(31), &policy).unwrap();
        assert_eq!(std::mem::size_of::<Status>(), 1);
        let bytes = evaluation.ages.bytes() + evaluation.status.capacity();
        assert!(bytes <= 3 * obligations.len(), "{bytes}");
        assert!(evaluation.special.is_empty());
    }

    #[test]
    fn events_older_than_two_byte_ages_take_four_bytes() {
        use crate::directive::{DirectiveKey, TaskNumber};
        use crate::document::DocSymbol;
        use crate::obligation::{Obligation, ObligationKey, RequirementIndex};
        use crate::period::Period;
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut obligations = Obligations::new();
        let mut events = Events::new();
        for (due, on) in [
            (date(1800, 2, 20), date(1800, 2, 10)),
            (date(2025, 2, 20), date(2025, 3, 1)),
        ] {
            let key = ObligationKey::new(
                DirectiveKey::new(DocSymbol::parse("1/CT-UBND").unwrap(), date(1800, 1, 1)),
                TaskNumber::new("1").unwrap(),
                RequirementIndex::new(0),
                crate::org::BodyCode::new("B1").unwrap(),
                Period::custom(due, due).unwrap(),
            );
            let id = obligations.push(Obligation::new(key, due)).unwrap();
            events.push_submission(id, on).unwrap();
        }
        let policy = EvaluationPolicy::without_calendar();
        let evaluation = evaluate(&obligations, &events, date(2025, 12, 31), &policy).unwrap();
        assert!(matches!(evaluation.ages, Ages::Long(_)));
        assert_eq!(
            evaluation.statuses(),
            [Status::DoneOnTime, Status::DoneLate]
        );
        let old = evaluation.finding(ObligationId::from_index(0)).unwrap();
        assert_eq!(old.decided_on(), Some(date(1800, 2, 10)));
        assert_eq!(
            old.deciding_event().map(|e| e.date()),
            Some(date(1800, 2, 10))
        );
    }

    #[test]
    fn slots_of_a_day_are_the_age_values_clamped() {
        for as_of in [-719_162, 0, 739_000, 2_000_000] {
            for back in [0, 1, 2, 65_533, 65_534, 65_535, 65_536, 1_000_000] {
                let day = as_of - back;
                let value = age_value(as_of, day);
                let next_day = as_of + 1;
                assert_eq!(
                    u32::from(<u16 as Age>::of_day(next_day, day)),
                    value.min(65_535)
                );
                assert_eq!(<u32 as Age>::of_day(next_day, day), value);
            }
        }
    }

    #[test]
    fn ages_order_earliest_first() {
        let as_of = 739_000;
        assert!(age_value(as_of, as_of - 10) > age_value(as_of, as_of - 3));
        assert_eq!(age_value(as_of, as_of), 1);
        assert_eq!(
            day_of_age(as_of, age_value(as_of, as_of - 65_534)),
            as_of - 65_534
        );
        assert_eq!(age_value(as_of, as_of - 65_534), <u16 as Age>::MAX);
    }
}
