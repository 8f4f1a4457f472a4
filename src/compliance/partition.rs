//! The earliest qualifying event and the status of each obligation with the events
//! partitioned by obligation first, so that each partition's slots stay in cache whatever
//! the order of the log.
//!
//! An event log in date order visits obligations in random order: once the slots of all
//! obligations outgrow the cache, each event costs a miss. Partitioning first makes the
//! cost flat: one pass over the log writes each event known on the as-of date into its
//! partition as a 4-byte record (the obligation's place in its partition and the event's
//! two-byte slot value). A partition's records go into chunks of 4 KiB taken in turn from
//! one buffer, so no counting pass is needed and the writes stay a few hundred sequential
//! streams. Then each partition (at most 2¹⁶ obligations, whose 128 KiB of slots L2
//! holds) applies its records to its slots and, while they are in cache, classifies its
//! obligations. With the `parallel` feature, the rows are split between the cores for the
//! first pass (each range with its own part of the buffer) and the partitions for the
//! second: the ranges are disjoint, so no coordination is needed, and the result is the
//! same as on one core.

use super::evaluate::{Age, Lists, scan};
use super::event::Events;
use super::finding::Status;

/// The slots up to which the direct pass is kept whatever the order: they stay in cache.
const DIRECT_BYTES: usize = 4 << 20;

/// Records per chunk of a partition (4 KiB).
const CHUNK: usize = 1 << 10;

/// The rows of the log scattered at a time (for logs of up to `BLOCKS * BLOCK` rows): the
/// buffer of records stays within 8 MiB (plus a chunk per partition), which allocators
/// keep for reuse rather than return to the system, so that a second evaluation writes
/// into memory already mapped, and which adds less than a byte an event to the
/// evaluation's working memory at 10M.
const BLOCK: usize = 2 << 20;

/// The most blocks the log is taken in: each block but the last sweeps the slots of all
/// obligations once (read and written back from memory once they outgrow the cache), so a
/// log of more than `BLOCKS * BLOCK` rows takes larger blocks rather than more sweeps.
const BLOCKS: usize = 8;

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

/// The number of parts the rows are split into: the cores rayon has.
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

/// What the scatter pass of one range of rows leaves: where each partition's records lie
/// in the buffer, and the side lists.
#[derive(Debug, Default)]
struct Side {
    /// Where this range's part of the buffer begins.
    base: usize,
    /// The chunks of each partition, by start within this range's part, in order.
    chunks: Vec<Vec<usize>>,
    /// The end of each partition's last chunk's records (0: no chunk).
    ends: Vec<usize>,
    lists: Lists,
}

impl Side {
    /// The records of partition `p` in `buffer`, chunk by chunk in row order.
    fn runs<'b>(&self, buffer: &'b [Record], p: usize) -> impl Iterator<Item = &'b [Record]> {
        let end = self.ends.get(p).copied().unwrap_or(0);
        let chunks = self.chunks.get(p).map(Vec::as_slice).unwrap_or_default();
        let base = self.base;
        // Chunks are taken at increasing places, so every chunk but the last is full.
        chunks
            .iter()
            .filter_map(move |&start| buffer.get(base + start..base + (start + CHUNK).min(end)))
    }
}

/// Writes the events of rows `rows` known on `as_of` into their partitions' chunks, taken
/// from `part` (at least `rows.len() + partitions * CHUNK` records, so it never runs out:
/// partition `p` starts with the chunk at `p * CHUNK`, and takes the next free chunk as
/// soon as its chunk is full, so every chunk but each partition's last is full); events of
/// unknown or marked obligations go to the side lists, through the same walk as the direct
/// pass.
fn scatter(
    events: &Events,
    rows: std::ops::Range<usize>,
    as_of: i32,
    n: usize,
    marks: Option<&[u64]>,
    shift: u32,
    part: &mut [Record],
) -> Side {
    let partitions = n.div_ceil(1 << shift).max(1);
    let mask = (1u32 << shift) - 1;
    let mut chunks: Vec<Vec<usize>> = (0..partitions).map(|p| vec![p * CHUNK]).collect();
    // The next free place of each partition, always in a chunk with room.
    let mut cursors: Vec<usize> = (0..partitions).map(|p| p * CHUNK).collect();
    let mut next = partitions * CHUNK;
    let mut lists = Lists::default();
    // The walk's state by value and by plain reference, so that it stays in registers.
    let (chunks_of, cursor_of, next_free) = (&mut chunks, &mut cursors, &mut next);
    scan(
        events,
        rows,
        as_of,
        n,
        marks,
        &mut lists,
        move |o, day, _row| {
            let p = (o >> shift) as usize;
            let Some(cursor) = cursor_of.get_mut(p) else {
                return;
            };
            let at = *cursor;
            if let Some(slot) = part.get_mut(at) {
                // `age_value` clamped to two bytes, in `i32` (chrono's days never overflow it).
                let age = as_of.wrapping_sub(day).wrapping_add(1);
                let value = u32::try_from(age).map_or(0xFFFF, |v| v.min(0xFFFF));
                *slot = (o & mask) | value << 16;
            }
            // Chunks start at multiples of `CHUNK`: when the next place starts one, this chunk
            // is full and the partition takes the next free chunk.
            *cursor = if (at + 1) % CHUNK == 0 {
                if let Some(chunks) = chunks_of.get_mut(p) {
                    chunks.push(*next_free);
                }
                *next_free += CHUNK;
                *next_free - CHUNK
            } else {
                at + 1
            };
        },
    );
    Side {
        base: 0,
        chunks,
        ends: cursors,
        lists,
    }
}

/// One partition's slots and its part of the status column.
type Target<'a> = (&'a mut [u16], &'a mut [Status]);

/// Applies one partition's records to its slots (the obligations from `base` on): each
/// slot keeps the largest value (the earliest event); the obligations where an event
/// equalled the value already there (candidates for duplicates) go to `ties`.
fn apply<'b>(
    slots: &mut [u16],
    base: u32,
    runs: impl Iterator<Item = &'b [Record]>,
    ties: &mut Vec<u32>,
) {
    for run in runs {
        for &record in run {
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
}

/// The earliest qualifying event of each obligation, as slot values (see [`Age`]) in
/// `columns.0` (one zeroed slot per obligation), and their statuses in `columns.1`, with
/// the events partitioned by obligation: the same as the direct pass and its status pass,
/// except that ties come in partition order. `classify` classifies the obligations of a
/// range from their slots into its part of the status column, and tells whether it saw an
/// event that may be too early; the result tells whether any did. `records` is the
/// buffer of records, reused when it is large enough.
///
/// The log is taken in blocks of at most [`BLOCK`] rows (or the rows over [`BLOCKS`] when
/// that is more), so that the buffer of records stays the same size up to `BLOCKS * BLOCK`
/// rows (and the allocator hands the same memory back on the next evaluation instead of
/// fresh pages): each block is scattered, then applied partition by partition; after the
/// last block, each partition is classified while its slots are in cache.
pub(super) fn evaluate_partitioned(
    events: &Events,
    as_of: i32,
    marks: Option<&[u64]>,
    lists: &mut Lists,
    classify: impl Fn(std::ops::Range<usize>, &[u16], &mut [Status]) -> bool + Sync,
    columns: Target<'_>,
    records: &mut Vec<Record>,
) -> bool {
    let rows = events.obligation_column().len();
    in_blocks(
        events,
        as_of,
        marks,
        lists,
        classify,
        columns,
        records,
        BLOCK.max(rows.div_ceil(BLOCKS)),
    )
}

/// [`evaluate_partitioned`] with blocks of at most `block` rows.
#[allow(
    clippy::too_many_arguments,
    reason = "the partitioned pass's inputs, as they come"
)]
fn in_blocks(
    events: &Events,
    as_of: i32,
    marks: Option<&[u64]>,
    lists: &mut Lists,
    classify: impl Fn(std::ops::Range<usize>, &[u16], &mut [Status]) -> bool + Sync,
    (ages, status): Target<'_>,
    buffer: &mut Vec<Record>,
    block: usize,
) -> bool {
    let n = ages.len().min(status.len());
    let shift = shift_for(n);
    let partitions = n.div_ceil(1 << shift).max(1);
    let rows = events.obligation_column().len();
    let k = parts();
    let blocks = rows.div_ceil(block.max(1)).max(1);
    let block_rows = rows.div_ceil(blocks);
    // The rows of part `p` of block `b`.
    let cut = |b: usize, p: usize| {
        let start = (b * block_rows).min(rows);
        let len = block_rows.min(rows - start);
        start + len * p / k
    };
    let room = block_rows.div_ceil(k) + partitions * CHUNK;
    // Every record is written before it is read: a reused buffer is not cleared, and a
    // fresh one is zeroed by the system as each page is first written.
    super::evaluate::fit(buffer, room * k, 0);
    let mut maybe = false;
    for b in 0..blocks {
        let parts: Vec<(usize, &mut [Record])> = buffer.chunks_mut(room).enumerate().collect();
        let sides = map_all(parts, |(p, part)| {
            let mut side = scatter(
                events,
                cut(b, p)..cut(b, p + 1),
                as_of,
                n,
                marks,
                shift,
                part,
            );
            side.base = p * room;
            side
        });
        let last = b + 1 == blocks;
        let buffer = buffer.as_slice();
        let targets: Vec<(usize, Target<'_>)> = ages
            .get_mut(..n)
            .unwrap_or_default()
            .chunks_mut(1 << shift)
            .zip(status.chunks_mut(1 << shift))
            .enumerate()
            .collect();
        let applied: Vec<(bool, Vec<u32>)> = map_all(targets, |(p, (slots, out))| {
            let first = p << shift;
            let mut ties = Vec::new();
            let base = u32::try_from(first).unwrap_or(u32::MAX);
            if b == 0 {
                // Written before `apply` first reads them: a reused column holds the slots
                // of an earlier evaluation, and a fresh page faults once (read first, it
                // maps the shared zero page, and the write that follows faults again).
                slots.fill(0);
            }
            apply(
                slots,
                base,
                sides.iter().flat_map(|side| side.runs(buffer, p)),
                &mut ties,
            );
            let early = last && classify(first..first + slots.len(), slots, out);
            (early, ties)
        });
        for (early, ties) in applied {
            maybe |= early;
            lists.ties.extend(ties);
        }
        for side in sides {
            lists.unknown.extend(side.lists.unknown);
            lists.gathered.extend(side.lists.gathered);
        }
    }
    maybe
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compliance::evaluate::{Pass, evaluate_with};
    use crate::compliance::{EvaluationPolicy, Event, EventKind};
    use crate::obligation::{
        ObligationId, ObligationRow, Obligations, RequirementIndex, day_number,
    };
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
        let evaluation = evaluate_with(
            obligations,
            events,
            as_of,
            &policy,
            pass,
            Default::default(),
        )
        .unwrap();
        format!(
            "{:?}\n{:?}\n{:?}",
            evaluation.statuses(),
            evaluation.to_findings(),
            evaluation.diagnostics()
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

    #[test]
    fn a_reused_workspace_tells_what_a_fresh_evaluation_tells() {
        use crate::compliance::Workspace;
        let policy = EvaluationPolicy::without_calendar();
        let (large, large_log) = workload(6, 70_000, true);
        let (small, small_log) = workload(7, 20_000, true);
        let (plain, plain_log) = workload(8, 50_000, false);
        let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        let mut workspace = Workspace::new();
        // Larger and smaller stores in turn, the as-of date moving, both passes.
        let runs = [
            (&large, &large_log, day(3, 10), Pass::Partitioned),
            (&large, &large_log, day(12, 31), Pass::Partitioned),
            (&small, &small_log, day(9, 30), Pass::Partitioned),
            (&small, &small_log, day(9, 30), Pass::Direct),
            (&large, &large_log, day(6, 1), Pass::Direct),
            (&plain, &plain_log, day(11, 15), Pass::Partitioned),
            (&small, &small_log, day(2, 1), Pass::Partitioned),
            (&large, &large_log, day(12, 31), Pass::Partitioned),
        ];
        for (k, (obligations, events, as_of, pass)) in runs.into_iter().enumerate() {
            let fresh = told(obligations, events, as_of, pass);
            let evaluation =
                evaluate_with(obligations, events, as_of, &policy, pass, workspace).unwrap();
            let reused = format!(
                "{:?}\n{:?}\n{:?}",
                evaluation.statuses(),
                evaluation.to_findings(),
                evaluation.diagnostics()
            );
            assert!(fresh == reused, "run {k}");
            workspace = evaluation.into_workspace();
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
    fn blocks_of_the_log_tell_what_one_block_tells() {
        let (obligations, events) = workload(5, 70_000, true);
        let as_of = day_number(NaiveDate::from_ymd_opt(2025, 9, 30).unwrap());
        let n = obligations.len();
        let dues = obligations.due_days();
        let classify = |range: std::ops::Range<usize>, ages: &[u16], out: &mut [Status]| {
            for ((slot, &age), &due) in out.iter_mut().zip(ages).zip(&dues[range]) {
                *slot = crate::compliance::columnar::status_of(
                    due,
                    as_of + 1 - i32::from(age),
                    age != 0,
                    false,
                    as_of,
                );
            }
            false
        };
        let run = |block: usize| {
            let mut lists = Lists::default();
            let (mut ages, mut status) = (vec![0u16; n], vec![Status::DoneOnTime; n]);
            let columns = (ages.as_mut_slice(), status.as_mut_slice());
            in_blocks(
                &events,
                as_of,
                None,
                &mut lists,
                classify,
                columns,
                &mut Vec::new(),
                block,
            );
            lists.ties.sort_unstable();
            (ages, status, lists.ties, lists.unknown, lists.gathered)
        };
        let whole = run(BLOCK);
        assert!(whole.0.iter().any(|&age| age != 0) && !whole.3.is_empty());
        assert_eq!(run(10_000), whole);
        assert_eq!(run(997), whole);
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
