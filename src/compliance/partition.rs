//! The earliest qualifying event of each obligation with the events partitioned by
//! obligation first, so that each partition's slots stay in cache whatever the order of
//! the log.
//!
//! An event log in date order visits obligations in random order: once the slots of all
//! obligations outgrow the cache, each event costs a miss. Partitioning first makes the
//! cost flat: a counting pass over the obligation column, a scatter pass that writes each
//! event known on the as-of date into its partition as a 4-byte record (the obligation's
//! place in its partition and the event's two-byte slot value; a few hundred partitions,
//! so the writes stay sequential streams), and a pass per partition over slots that fit
//! in L2. The log is taken in rounds of at most 2²⁶ rows, so the buffer stays bounded
//! whatever its length. With the `parallel` feature, the rows of a round are split between the cores
//! for the first two passes and the partitions for the third: the ranges are disjoint, so
//! no coordination is needed, and the result is the same as on one core.

use super::evaluate::{Age, Lists, age_value};
use super::event::{Events, is_qualifying};

/// Rows per round, for a log of `len` rows: the whole log up to 2²⁶ rows (a buffer of at
/// most 256 MiB, 4 bytes an event), so that each partition's slots are brought into
/// cache once per round; at least 2²² rows.
fn round_rows(len: usize) -> usize {
    len.clamp(1 << 22, 1 << 26)
}

/// The slots up to which the direct pass is kept whatever the order: they stay in cache.
const DIRECT_BYTES: usize = 4 << 20;

/// The number of obligations per partition, as a power of two: at most 2¹⁶ (so that a
/// record's place fits in two bytes; 128 KiB of slots, which L2 holds), at least 2¹⁴, and
/// about 256 partitions in between.
fn shift_for(n: usize) -> u32 {
    let bits = usize::BITS - n.saturating_sub(1).leading_zeros();
    bits.saturating_sub(8).clamp(14, 16)
}

/// Whether partitioning pays: the slots outgrow the cache and the log jumps between
/// obligations whose slots lie on different pages. Judged on a sample (256 runs of 16
/// rows spread over the log); the answer changes the speed only, never the result.
pub(super) fn pays<A: Age>(obligation: &[u32], n: usize) -> bool {
    let slot = size_of::<A>();
    if n.saturating_mul(slot) <= DIRECT_BYTES || obligation.len() < 4096 {
        return false;
    }
    let page = u32::try_from(4096 / slot).unwrap_or(u32::MAX);
    let step = obligation.len() / 256;
    let (mut jumps, mut pairs) = (0usize, 0usize);
    for start in (0..256).map(|w| w * step) {
        let run = obligation.get(start..(start + 16).min(obligation.len()));
        for pair in run.unwrap_or_default().windows(2) {
            if let [a, b] = pair {
                pairs += 1;
                jumps += usize::from(a / page != b / page);
            }
        }
    }
    jumps * 4 > pairs
}

/// The number of parts the rows of a round are split into: the cores rayon has.
fn parts() -> usize {
    #[cfg(feature = "parallel")]
    {
        rayon::current_num_threads().max(1)
    }
    #[cfg(not(feature = "parallel"))]
    {
        1
    }
}

/// Maps `f` over `items`, on every core with the `parallel` feature; in order.
fn map_all<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.into_iter().map(f).collect()
    }
}

/// One event on its way to its partition: the obligation's place in its partition (low
/// half) and the event's two-byte slot value (high half).
type Record = u32;

/// What the scatter pass of one part leaves beside its records.
#[derive(Debug, Default)]
struct Side {
    /// Records written per partition.
    filled: Vec<usize>,
    /// Events of unknown obligations, as (row, obligation).
    unknown: Vec<(u32, u32)>,
    /// Events of obligations on the per-obligation path, as (obligation, row).
    gathered: Vec<(u32, u32)>,
}

/// What the passes read: the as-of day, the number of obligations, the marks of the
/// obligations on the per-obligation path, and the partition size.
#[derive(Debug, Clone, Copy)]
struct Plan<'e> {
    events: &'e Events,
    as_of: i32,
    n: usize,
    marks: Option<&'e [u64]>,
    shift: u32,
    partitions: usize,
}

impl Plan<'_> {
    /// The number of rows of each partition among `obligation` (an upper bound on the
    /// records: the scatter pass leaves some out).
    fn count(&self, obligation: &[u32]) -> Vec<usize> {
        let mut counts = vec![0usize; self.partitions];
        for &o in obligation {
            if (o as usize) < self.n
                && let Some(count) = counts.get_mut((o >> self.shift) as usize)
            {
                *count += 1;
            }
        }
        counts
    }

    /// Writes the events of rows `rows` known on the as-of date into their partitions'
    /// slices, in row order; events of unknown or marked obligations go to the side lists.
    fn scatter(&self, rows: std::ops::Range<usize>, mut slices: Vec<&mut [Record]>) -> Side {
        let mut side = Side {
            filled: vec![0; self.partitions],
            ..Side::default()
        };
        let events = self.events;
        let (as_of, n, shift) = (self.as_of, self.n, self.shift);
        let mask = (1u32 << shift) - 1;
        let first = u32::try_from(rows.start).unwrap_or(u32::MAX);
        let obligation = events
            .obligation_column()
            .get(rows.clone())
            .unwrap_or_default();
        let day = events.day_column().get(rows.clone()).unwrap_or_default();
        let known = events.known_column().get(rows.clone()).unwrap_or_default();
        let tag = events.tag_column().get(rows).unwrap_or_default();
        let Side {
            filled,
            unknown,
            gathered,
        } = &mut side;
        let mut put = |o: u32, day: i32| {
            let p = (o >> shift) as usize;
            if let (Some(slice), Some(at)) = (slices.get_mut(p), filled.get_mut(p))
                && let Some(slot) = slice.get_mut(*at)
            {
                let value = u32::from(u16::from_value(age_value(as_of, day)));
                *slot = (o & mask) | value << 16;
                *at += 1;
            }
        };
        match (self.marks, events.has_recording_dates()) {
            (None, false) => {
                for ((&o, &day), row) in obligation.iter().zip(day).zip(first..) {
                    if day > as_of {
                        continue;
                    }
                    if o as usize >= n {
                        unknown.push((row, o));
                        continue;
                    }
                    put(o, day);
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
                    put(o, day);
                }
            }
            (Some(marks), _) => {
                let rows = obligation.iter().zip(day).zip(known).zip(tag).zip(first..);
                for ((((&o, &day), &known), &tag), row) in rows {
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
                        put(o, day);
                    }
                }
            }
        }
        side
    }
}

/// Applies one partition's records to its slots (the obligations from `base` on): each
/// slot keeps the largest value (the earliest event); returns the obligations where an
/// event equalled the value already there (candidates for duplicates).
fn apply(slots: &mut [u16], base: u32, runs: &[&[Record]]) -> Vec<u32> {
    let mut ties = Vec::new();
    for run in runs {
        for &record in *run {
            let local = record & 0xFFFF;
            if let Some(slot) = slots.get_mut(local as usize) {
                let value = (record >> 16) as u16;
                if *slot == value {
                    ties.push(base + local);
                }
                *slot = (*slot).max(value);
            }
        }
    }
    ties
}

/// The earliest qualifying event of each of `n` obligations, as slot values (see
/// [`Age`]), with the events partitioned by obligation; the same slots and lists as the
/// direct pass, except that ties come in partition order.
pub(super) fn earliest_ages(
    events: &Events,
    as_of: i32,
    n: usize,
    marks: Option<&[u64]>,
    lists: &mut Lists,
) -> Vec<u16> {
    let mut ages = vec![0u16; n];
    let shift = shift_for(n);
    let plan = Plan {
        events,
        as_of,
        n,
        marks,
        shift,
        partitions: n.div_ceil(1 << shift).max(1),
    };
    let obligation = events.obligation_column();
    let mut buffer: Vec<Record> = Vec::new();
    let round = round_rows(obligation.len());
    for lo in (0..obligation.len()).step_by(round) {
        let hi = (lo + round).min(obligation.len());
        let k = parts();
        let cut = |p: usize| lo + (hi - lo) * p / k;
        let ranges: Vec<_> = (0..k).map(|p| cut(p)..cut(p + 1)).collect();
        let counts = map_all(ranges.clone(), |rows| {
            plan.count(obligation.get(rows).unwrap_or_default())
        });
        let total: usize = counts.iter().flatten().sum();
        // Each partition's filled part is read back, never the rest: the buffer is zeroed
        // once, when it grows.
        if buffer.len() < total {
            buffer.resize(total, 0);
        }
        // Partition-major, part-minor: each partition's records in row order.
        let mut starts = vec![Vec::with_capacity(plan.partitions); k];
        let mut slices: Vec<Vec<&mut [Record]>> = (0..k).map(|_| Vec::new()).collect();
        let mut rest = buffer.get_mut(..total).unwrap_or_default();
        let mut at = 0;
        for p in 0..plan.partitions {
            for (counts, (starts, slices)) in counts.iter().zip(starts.iter_mut().zip(&mut slices))
            {
                let count = counts.get(p).copied().unwrap_or(0);
                let (head, tail) = std::mem::take(&mut rest).split_at_mut(count);
                starts.push(at);
                slices.push(head);
                rest = tail;
                at += count;
            }
        }
        let sides = map_all(
            ranges.into_iter().zip(slices).collect(),
            |(rows, slices)| plan.scatter(rows, slices),
        );
        let buffer = buffer.as_slice();
        let chunks: Vec<(usize, &mut [u16])> = ages.chunks_mut(1 << shift).enumerate().collect();
        let ties = map_all(chunks, |(p, slots)| {
            let runs: Vec<&[Record]> = starts
                .iter()
                .zip(&sides)
                .filter_map(|(starts, side)| {
                    let start = *starts.get(p)?;
                    buffer.get(start..start + side.filled.get(p)?)
                })
                .collect();
            let base = u32::try_from(p << shift).unwrap_or(u32::MAX);
            apply(slots, base, &runs)
        });
        for side in sides {
            lists.unknown.extend(side.unknown);
            lists.gathered.extend(side.gathered);
        }
        lists.ties.extend(ties.into_iter().flatten());
    }
    ages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compliance::evaluate::{Pass, evaluate_with};
    use crate::compliance::{EvaluationPolicy, Event, EventKind};
    use crate::obligation::{ObligationId, ObligationRow, Obligations, RequirementIndex};
    use chrono::{Days, NaiveDate};

    /// A deterministic stream of numbers (splitmix64).
    struct Draws(u64);

    impl Draws {
        fn next(&mut self, below: u64) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % below
        }
    }

    /// `n` obligations due in 2025 and a log in date order of submissions and, with
    /// `special`, every other kind of event, some recorded late, some for unknown
    /// obligations, some repeated and some long before their period.
    fn workload(seed: u64, n: u32, special: bool) -> (Obligations, Events) {
        use crate::directive::{DirectiveKey, TaskNumber};
        use crate::document::DocSymbol;
        use crate::period::Period;
        let mut draws = Draws(seed);
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let day = |offset: u64| start + Days::new(offset);
        let mut obligations = Obligations::new();
        let directive = obligations
            .add_directive(DirectiveKey::new(
                DocSymbol::parse("1/CT-UBND").unwrap(),
                start,
            ))
            .unwrap();
        let clause = obligations
            .add_clause(TaskNumber::new("1").unwrap())
            .unwrap();
        let body = obligations
            .add_body(crate::org::BodyCode::new("B1").unwrap())
            .unwrap();
        let periods: Vec<_> = (1..=12)
            .map(|m| {
                obligations
                    .add_period(Period::month(2025, m).unwrap())
                    .unwrap()
            })
            .collect();
        let mut events: Vec<(NaiveDate, Event)> = Vec::new();
        for i in 0..n {
            let month = draws.next(12);
            let due = day(366 + 30 * month + 35 + draws.next(10));
            let id = obligations
                .insert(ObligationRow {
                    directive,
                    clause,
                    requirement: RequirementIndex::new(i),
                    body,
                    period: periods[month as usize],
                    due,
                })
                .unwrap();
            for _ in 0..draws.next(4) {
                let on = due + Days::new(draws.next(60)) - Days::new(30);
                let on = if draws.next(200) == 0 {
                    day(draws.next(30))
                } else {
                    on
                };
                let kind = match (special, draws.next(40)) {
                    (true, 0) => EventKind::Extended {
                        new_due: due + Days::new(draws.next(20)),
                        document: "2/QĐ-UBND".into(),
                    },
                    (true, 1) => EventKind::Waived {
                        by: "UBND".into(),
                        reason: "merged".into(),
                    },
                    (true, 2) => EventKind::Reopened,
                    (_, 3) => EventKind::Completed,
                    _ => EventKind::Submitted { document: None },
                };
                let mut event = Event::new(id, on, kind);
                if draws.next(10) == 0 {
                    event = event.recorded_on(on + Days::new(draws.next(40)));
                }
                if draws.next(50) == 0 {
                    events.push((on, event.clone()));
                }
                events.push((on, event));
            }
            if draws.next(100) == 0 {
                let on = due - Days::new(3);
                events.push((on, Event::submitted(ObligationId::from_index(n + i), on)));
            }
        }
        events.sort_by_key(|(on, e)| (*on, e.obligation()));
        let mut log = Events::new();
        for (_, event) in events {
            log.push(event).unwrap();
        }
        (obligations, log)
    }

    /// Everything an evaluation tells, as text: statuses, every finding and diagnostic.
    fn told(obligations: &Obligations, events: &Events, as_of: NaiveDate, pass: Pass) -> String {
        let policy = EvaluationPolicy::without_calendar();
        let evaluation = evaluate_with(obligations, events, as_of, &policy, pass).unwrap();
        format!(
            "{:?}\n{:?}",
            evaluation.statuses(),
            evaluation.to_findings()
        )
    }

    #[test]
    fn partitioned_and_direct_passes_tell_the_same() {
        for (seed, special) in [(1, false), (2, true), (3, true)] {
            let (obligations, events) = workload(seed, 70_000, special);
            for as_of in [(2025, 3, 10), (2025, 12, 31)] {
                let as_of = NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2).unwrap();
                let direct = told(&obligations, &events, as_of, Pass::Direct);
                let partitioned = told(&obligations, &events, as_of, Pass::Partitioned);
                assert!(direct == partitioned, "seed {seed}, as of {as_of}");
            }
        }
    }

    #[cfg(feature = "parallel")]
    #[test]
    fn one_thread_and_three_tell_the_same() {
        let (obligations, events) = workload(4, 70_000, true);
        let as_of = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap();
        let on = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| told(&obligations, &events, as_of, Pass::Partitioned))
        };
        assert!(on(1) == on(3));
    }

    #[test]
    fn partitions_hold_at_most_128_kib_of_slots() {
        assert_eq!(shift_for(1_000), 14);
        assert_eq!(shift_for(10_000_000), 16);
        assert_eq!(shift_for(50_000_000), 16);
        assert_eq!(shift_for(usize::MAX), 16);
    }

    #[test]
    fn only_large_logs_out_of_order_are_partitioned() {
        let n = 10_000_000;
        let in_order: Vec<u32> = (0..1_000_000).map(|i| i * 10).collect();
        assert!(!pays::<u16>(&in_order, n));
        let scattered: Vec<u32> = (0..1_000_000u32)
            .map(|i| i.wrapping_mul(2_654_435_761) % 10_000_000)
            .collect();
        assert!(pays::<u16>(&scattered, n));
        assert!(!pays::<u16>(&scattered, 1_000_000));
    }
}
