//! The fast path of the CSV reader.
//!
//! It reads what the exact path reads and gives the same log, or gives up: at the first
//! problem of any kind it returns `None`, building no error, and the exact path reads the
//! log again to name the problem (errors are the cold path).
//!
//! Rows are split here rather than by the `csv` crate: a row without a quote is its bytes
//! up to the next `\n` or `\r`, split at each `,`, which is how the crate reads it too
//! (lines that start with `#` are comments, empty lines are skipped); a row with a quote
//! is handed to the crate. The common row — a submission without a document, a
//! completion or a reopening, naming its obligation by reference or by clause,
//! requirement, body and period — is read from its bytes: each distinct directive,
//! clause, body code and period is parsed once and kept by its bytes, and dates are read
//! by a fixed-width parser. Any other row goes through the exact path's own resolver, so
//! that both paths accept the same rows with the same result. The obligations rows name
//! are looked up in batches ([`Obligations::find_rows`]).
//!
//! With the `parallel` feature, a log of at least two parts of [`MIN_PART`] bytes with no
//! quote anywhere is split after line ends into parts (two for each thread of rayon's
//! pool), each read by its own reader as if it began on line 1; the parts' logs are
//! joined in file order ([`Events::append`]) and their lines moved to where each part
//! begins, so the log is the one a single reader gives. A quote may open a field that
//! holds a line end, so a log with one is read by one reader. When any part gives up, the
//! exact path reads the whole log on one thread and names the first fault in file order,
//! as it does for a log read by one reader.

use memchr::{memchr, memchr_iter, memchr3_iter, memrchr};

use super::{EventLoader, FIELD_COUNT, FastMap, Field, Resolver, Row, csv_reader, header_columns};
use crate::compliance::event::{
    LoadedRow, NO_RECORDING, TAG_COMPLETED, TAG_REOPENED, TAG_SUBMITTED,
};
use crate::compliance::{Event, Events};
use crate::directive::{Clause, DirectiveKey};
use crate::obligation::{ObligationId, Obligations, RowKey};
use crate::period::Period;

/// The rows whose obligations are looked up together.
const BATCH: usize = 512;

/// A cache of texts already resolved, by their bytes: each distinct text is parsed and
/// looked up once. Texts of up to 15 bytes (body codes, periods, most clauses) are kept
/// as one number, so that a look-up hashes and compares two words and calls nothing.
#[derive(Default)]
struct Cache {
    short: FastMap<u128, Option<u32>>,
    long: FastMap<Box<[u8]>, Option<u32>>,
}

impl Cache {
    /// What a text resolved to, if it was seen.
    fn get(&self, text: &[u8]) -> Option<Option<u32>> {
        match short_key(text) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(text).copied(),
        }
    }

    /// Keeps what a text resolved to.
    fn insert(&mut self, text: &[u8], found: Option<u32>) {
        match short_key(text) {
            Some(key) => self.short.insert(key, found),
            None => self.long.insert(text.into(), found),
        };
    }
}

/// A text of at most 15 bytes as one number: its bytes, then its length in the last
/// byte (so that no two texts share a number).
fn short_key(text: &[u8]) -> Option<u128> {
    if text.len() > 15 {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes.get_mut(..text.len())?.copy_from_slice(text);
    *bytes.last_mut()? = text.len() as u8;
    Some(u128::from_le_bytes(bytes))
}

/// Reads a log from CSV bytes, or `None` when the exact path must read it.
pub(super) fn csv(loader: &EventLoader<'_>, bytes: &[u8]) -> Option<Events> {
    csv_in_parts(loader, bytes, MIN_PART)
}

/// The least number of bytes (about 16,000 rows) of each part of a log read on several
/// threads: enough that what a part costs to start (its own caches of directives,
/// clauses, bodies and periods, a task) is small next to reading its rows.
const MIN_PART: usize = 1 << 20;

/// Reads a log from CSV bytes, in parts of at least `min_part` bytes on every core when
/// there are several (with the `parallel` feature), or `None` when the exact path must
/// read it.
pub(super) fn csv_in_parts(
    loader: &EventLoader<'_>,
    bytes: &[u8],
    min_part: usize,
) -> Option<Events> {
    let mut reader = csv_reader(bytes);
    let mut header = csv::StringRecord::new();
    if !reader.read_record(&mut header).ok()? {
        return None;
    }
    let columns = header_columns(&header).ok()?;
    let slots: Vec<usize> = columns.iter().map(|f| f.slot()).collect();
    let at = usize::try_from(reader.position().byte()).ok()?;
    let line = 1 + memchr_iter(b'\n', bytes.get(..at)?).count() as u64;
    let rows = bytes.get(at..)?;
    let parts = parts(rows, min_part);
    let events = if parts.len() > 1 {
        in_parts(loader, &slots, &parts, line)?
    } else {
        read_rows(loader, &slots, rows, line)?.0
    };
    within_limit(&events, loader)?;
    Some(events)
}

/// The rows split into parts of whole lines, each of at least `min_part` bytes, two for
/// each thread of the pool: one part when there is one thread, when the rows are too few,
/// or when a quote appears anywhere (a quoted field may hold a line end, so a line end is
/// not known to end a row without reading the quotes from the start).
fn parts(rows: &[u8], min_part: usize) -> Vec<&[u8]> {
    #[cfg(feature = "parallel")]
    {
        let threads = rayon::current_num_threads();
        let count = (rows.len() / min_part.max(1)).min(threads.saturating_mul(2));
        if threads > 1 && count > 1 && memchr(b'"', rows).is_none() {
            let mut parts = Vec::with_capacity(count);
            let mut start = 0;
            for k in 1..count {
                let target = (rows.len() / count).saturating_mul(k).max(start);
                // A part ends after a line end `\n` (a row ends there: no quotes).
                let Some(end) = rows
                    .get(target..)
                    .and_then(|rest| memchr(b'\n', rest))
                    .map(|n| target + n + 1)
                else {
                    break;
                };
                parts.extend(rows.get(start..end));
                start = end;
            }
            parts.extend(rows.get(start..));
            return parts;
        }
    }
    let _ = min_part;
    vec![rows]
}

/// Reads the parts on the pool's threads, each as if it began on line 1, and joins their
/// logs in file order, each part's lines moved to where the part begins (`line` for the
/// first): the log one thread reads. `None` when a part must be read by the exact path.
#[cfg(feature = "parallel")]
fn in_parts(
    loader: &EventLoader<'_>,
    slots: &[usize],
    parts: &[&[u8]],
    line: u64,
) -> Option<Events> {
    use rayon::prelude::*;
    let read: Vec<Option<(Events, u64)>> = parts
        .par_iter()
        .map(|part| read_rows(loader, slots, part, 1))
        .collect();
    let total = read.iter().flatten().map(|(e, _)| e.len()).sum::<usize>();
    let mut joined: Option<Events> = None;
    // The line the next part begins on.
    let mut start = line;
    for part in read {
        let (mut events, end) = part?;
        events.shift_lines(u32::try_from(start - 1).unwrap_or(u32::MAX));
        start += end - 1;
        match &mut joined {
            None => {
                events.reserve(total - events.len());
                joined = Some(events);
            }
            Some(joined) => {
                joined.append(events).ok()?;
            }
        }
    }
    joined
}

/// Without the `parallel` feature there is one part.
#[cfg(not(feature = "parallel"))]
fn in_parts(
    loader: &EventLoader<'_>,
    slots: &[usize],
    parts: &[&[u8]],
    line: u64,
) -> Option<Events> {
    let [rows] = parts else { return None };
    read_rows(loader, slots, rows, line).map(|(events, _)| events)
}

/// Reads the rows of `bytes` (which start where a row may start, on line `line`) whose
/// fields go to `slots`: the log, and the line after the last; `None` when the exact path
/// must read them.
fn read_rows(
    loader: &EventLoader<'_>,
    slots: &[usize],
    bytes: &[u8],
    mut line: u64,
) -> Option<(Events, u64)> {
    let mut at = 0usize;
    let mut fast = Fast::new(loader);
    // About 64 bytes a row in the usual logs.
    let mut events = Events::with_capacity(bytes.len() / 64);
    let mut fields: [&[u8]; FIELD_COUNT] = [&[]; FIELD_COUNT];
    let mut record = csv::ByteRecord::new();
    // Every `,` and line end of the text, in one pass, and the next quote: a row before
    // the next quote is split at the separators, a row with a quote is the crate's.
    let mut separators = memchr3_iter(b',', b'\n', b'\r', bytes);
    let mut quote = None;
    while let Some(rest) = bytes.get(at..).filter(|r| !r.is_empty()) {
        // What the `csv` crate skips before a record: line ends, and comment lines.
        match rest.first() {
            Some(b'\n') => {
                at += 1;
                line += 1;
                continue;
            }
            Some(b'\r') => {
                at += 1;
                continue;
            }
            Some(b'#') => {
                // The crate reads a comment that ends the text without a line end as a
                // row of one empty field, which the exact path names.
                let end = memchr(b'\n', rest)?;
                at += end + 1;
                line += 1;
                continue;
            }
            _ => {}
        }
        if quote.is_none_or(|q| q < at) {
            quote = Some(memchr(b'"', rest).map_or(usize::MAX, |q| at + q));
        }
        let row_line = u32::try_from(line).unwrap_or(u32::MAX);
        // The fields up to the row's line end (or the text's end).
        let mut start = at;
        let mut column = 0;
        let end = loop {
            let Some(p) = separators.next() else {
                break bytes.len();
            };
            if p < at {
                // A separator of a comment or of a quoted row.
                continue;
            }
            if bytes.get(p) != Some(&b',') {
                break p;
            }
            if let (Some(&slot), Some(value)) = (slots.get(column), bytes.get(start..p))
                && let Some(field) = fields.get_mut(slot)
            {
                *field = value;
            }
            start = p + 1;
            column += 1;
        };
        if quote.is_some_and(|q| q < end) {
            // A quoted field: the crate reads the row, which may span lines.
            let mut one = csv_reader(rest);
            if !one.read_byte_record(&mut record).ok()? || record.len() != slots.len() {
                return None;
            }
            let mut quoted: [&[u8]; FIELD_COUNT] = [&[]; FIELD_COUNT];
            for (&slot, value) in slots.iter().zip(record.iter()) {
                *quoted.get_mut(slot)? = value;
            }
            let used = usize::try_from(one.position().byte()).ok()?;
            fast.row(&quoted, row_line, &mut events)?;
            line += memchr_iter(b'\n', rest.get(..used)?).count() as u64;
            at += used.max(1);
            continue;
        }
        *fields.get_mut(*slots.get(column)?)? = bytes.get(start..end)?;
        if column + 1 != slots.len() {
            return None;
        }
        line += u64::from(bytes.get(end) == Some(&b'\n'));
        at = end + 1;
        fast.row(&fields, row_line, &mut events)?;
    }
    fast.flush(&mut events)?;
    Some((events, line))
}

/// Whether no obligation has more events than the loader allows: counted after the read
/// in one pass over the log's obligations, and only when the log has more events than
/// one obligation may take.
fn within_limit(events: &Events, loader: &EventLoader<'_>) -> Option<()> {
    let max = loader.max_events_per_obligation();
    let column = events.obligation_column();
    if column.len() <= max {
        return Some(());
    }
    let mut counts = vec![0u32; loader.obligations.len()];
    for &obligation in column {
        let count = counts.get_mut(obligation as usize)?;
        *count = count.saturating_add(1);
    }
    counts.iter().all(|&c| c as usize <= max).then_some(())
}

/// A row read but whose obligation is not looked up yet.
#[derive(Debug, Clone, Copy)]
struct Pending {
    day: i32,
    /// The recording day, [`NO_RECORDING`] when none is given.
    recorded: i32,
    line: u32,
    tag: u8,
    /// Whether the obligation is among the batch's keys.
    keyed: bool,
    /// Whether the event is the next of the batch's full events.
    full: bool,
}

/// The state of a read on the fast path.
struct Fast<'l> {
    obligations: &'l Obligations,
    /// The exact path's resolver, for the rows read as the exact path reads them.
    resolver: Resolver<'l>,
    /// The last `symbol@issued/` prefix of a reference, and the handle of its directive.
    prefix: Vec<u8>,
    prefix_handle: u32,
    /// The prefixes seen, by their bytes: the handle of the directive (`None`: the store
    /// does not hold it).
    prefixes: Cache,
    /// The last clause seen, and its handle.
    clause: Vec<u8>,
    clause_handle: u32,
    /// Each text seen, by its bytes, with its handle (`None`: not in the store).
    clauses: Cache,
    bodies: Cache,
    periods: Cache,
    /// The last period seen, and its handle.
    period: Vec<u8>,
    period_handle: u32,
    /// The rows of the batch, their keys, and the events read in full.
    rows: Vec<Pending>,
    keys: Vec<RowKey>,
    full: Vec<Event>,
    found: Vec<Option<ObligationId>>,
    /// The rows of the batch read from their bytes, with their obligations, to append.
    run: Vec<LoadedRow>,
    /// The last row found, carried from one batch to the next.
    near: Option<u32>,
    /// The last date read, and its day number.
    last_day: Option<([u8; 10], i32)>,
}

impl<'l> Fast<'l> {
    fn new(loader: &'l EventLoader<'_>) -> Fast<'l> {
        let mut resolver = Resolver::new(loader);
        resolver.defer = true;
        Fast {
            obligations: loader.obligations,
            resolver,
            prefix: Vec::new(),
            prefix_handle: 0,
            prefixes: Cache::default(),
            clause: Vec::new(),
            clause_handle: 0,
            clauses: Cache::default(),
            bodies: Cache::default(),
            periods: Cache::default(),
            period: Vec::new(),
            period_handle: 0,
            rows: Vec::with_capacity(BATCH),
            keys: Vec::with_capacity(BATCH),
            full: Vec::new(),
            found: Vec::with_capacity(BATCH),
            run: Vec::with_capacity(BATCH),
            near: None,
            last_day: None,
        }
    }

    /// Reads a row, each field's bytes in its slot (empty: not given).
    fn row(&mut self, fields: &[&[u8]; FIELD_COUNT], line: u32, events: &mut Events) -> Option<()> {
        let pending = match self.plain(fields) {
            Some((day, recorded, tag, key)) => {
                self.keys.push(key);
                Pending {
                    day,
                    recorded,
                    line,
                    tag,
                    keyed: true,
                    full: false,
                }
            }
            None => {
                let mut row = Row::default();
                for (field, value) in super::FIELDS.into_iter().zip(fields) {
                    row.set(field, std::str::from_utf8(value).ok()?);
                }
                let event = self.resolver.event(&row).ok()?;
                let key = self.resolver.deferred.take();
                let keyed = key.is_some();
                self.keys.extend(key);
                self.full.push(event);
                Pending {
                    day: 0,
                    recorded: 0,
                    line,
                    tag: 0,
                    keyed,
                    full: true,
                }
            }
        };
        self.rows.push(pending);
        if self.rows.len() == BATCH {
            self.flush(events)?;
        }
        Some(())
    }

    /// The common row, read from its bytes: its day, recording day ([`NO_RECORDING`]: none),
    /// tag and obligation key; `None` for a row to read as the exact path reads it.
    fn plain(&mut self, fields: &[&[u8]; FIELD_COUNT]) -> Option<(i32, i32, u8, RowKey)> {
        let field = |f: Field| fields.get(f.slot()).copied().unwrap_or_default();
        let tag = match field(Field::Kind) {
            b"submitted" => TAG_SUBMITTED,
            b"completed" => TAG_COMPLETED,
            b"reopened" => TAG_REOPENED,
            _ => return None,
        };
        let details = [
            Field::NewDue,
            Field::Document,
            Field::By,
            Field::Reason,
            Field::Value,
        ];
        if details.into_iter().any(|f| !field(f).is_empty()) {
            return None;
        }
        let day = self.day(field(Field::Date))?;
        let recorded = match field(Field::Recorded) {
            b"" => NO_RECORDING,
            text => self.day(text)?,
        };
        let place = [
            field(Field::Clause),
            field(Field::Requirement),
            field(Field::Body),
            field(Field::Period),
        ];
        let key = match field(Field::Obligation) {
            b"" if place.iter().all(|p| !p.is_empty()) => {
                let [clause, requirement, body, period] = place;
                let directive = self.resolver.place_directive().ok()??;
                [
                    directive,
                    self.clause(clause)?,
                    requirement_index(requirement)?,
                    self.body(body)?,
                    self.period(period)?,
                ]
            }
            reference if !reference.is_empty() && place.iter().all(|p| p.is_empty()) => {
                self.reference(reference)?
            }
            _ => return None,
        };
        Some((day, recorded, tag, key))
    }

    /// The day number of a date, as `text::parse_day` reads it; the last date read is
    /// kept, as a log in date order gives the same date row after row.
    fn day(&mut self, text: &[u8]) -> Option<i32> {
        let bytes: [u8; 10] = text.try_into().ok()?;
        if let Some((last, day)) = self.last_day
            && last == bytes
        {
            return Some(day);
        }
        let day = crate::text::parse_day(text)?;
        self.last_day = Some((bytes, day));
        Some(day)
    }

    /// The key of an obligation's reference, read as `ObligationKey::from_str` reads it:
    /// the last `@`, then exactly four `/` parts (date of issue, clause and requirement,
    /// body, period).
    fn reference(&mut self, text: &[u8]) -> Option<RowKey> {
        let known = self.prefix.len();
        let (directive, rest) = match text.get(..known).zip(text.get(known..)) {
            // `split_place` refuses a rest with an `@`: a later `@` makes another prefix.
            Some((prefix, rest)) if known > 0 && prefix == self.prefix.as_slice() => {
                (self.prefix_handle, rest)
            }
            _ => {
                let at = memrchr(b'@', text)?;
                let slash = at + 1 + memchr(b'/', text.get(at + 1..)?)?;
                let prefix = text.get(..=slash)?;
                let handle = match self.prefixes.get(prefix) {
                    Some(handle) => handle?,
                    None => {
                        let handle = self.directive(prefix, at)?;
                        self.prefixes.insert(prefix, handle);
                        handle?
                    }
                };
                self.prefix.clear();
                self.prefix.extend_from_slice(prefix);
                self.prefix_handle = handle;
                (handle, text.get(slash + 1..)?)
            }
        };
        // `clause.requirement/body/period`, with no other `/`.
        let [dot, first, second] = split_place(rest)?;
        Some([
            directive,
            self.clause(rest.get(..dot)?)?,
            requirement_index(rest.get(dot + 1..first)?)?,
            self.body(rest.get(first + 1..second)?)?,
            self.period(rest.get(second + 1..)?)?,
        ])
    }

    /// The handle of the directive of a `symbol@issued/` prefix whose `@` is at `at`:
    /// `Some(None)` when the store does not hold it, `None` when the prefix is not read
    /// as the reference's parser reads it.
    fn directive(&self, prefix: &[u8], at: usize) -> Option<Option<u32>> {
        let text = std::str::from_utf8(prefix).ok()?;
        let symbol = crate::document::DocSymbol::parse(text.get(..at)?).ok()?;
        let issued = crate::text::strict_date(text.get(at + 1..text.len() - 1)?)?;
        Some(
            self.obligations
                .directive_handle(&DirectiveKey::new(symbol, issued)),
        )
    }

    /// The handle of a clause the store holds.
    fn clause(&mut self, text: &[u8]) -> Option<u32> {
        if text == self.clause.as_slice() && !text.is_empty() {
            return Some(self.clause_handle);
        }
        let obligations = self.obligations;
        let handle = cached(&mut self.clauses, text, |t| {
            let clause: Clause = t.parse().ok()?;
            Some(obligations.clause_handle(&clause))
        })?;
        self.clause.clear();
        self.clause.extend_from_slice(text);
        self.clause_handle = handle;
        Some(handle)
    }

    /// The id of a body of the store, by code.
    fn body(&mut self, text: &[u8]) -> Option<u32> {
        let obligations = self.obligations;
        cached(&mut self.bodies, text, |t| {
            crate::org::BodyCode::new(t).ok()?;
            Some(obligations.body_id(t).map(crate::org::BodyId::index))
        })
    }

    /// The handle of a period the store holds.
    fn period(&mut self, text: &[u8]) -> Option<u32> {
        if text == self.period.as_slice() && !text.is_empty() {
            return Some(self.period_handle);
        }
        let obligations = self.obligations;
        let handle = cached(&mut self.periods, text, |t| {
            let period: Period = t.parse().ok()?;
            Some(obligations.period_handle(&period))
        })?;
        self.period.clear();
        self.period.extend_from_slice(text);
        self.period_handle = handle;
        Some(handle)
    }

    /// Looks the batch's keys up and appends its events to `events`; `None` when a key is
    /// not in the store or the log refuses an event.
    fn flush(&mut self, events: &mut Events) -> Option<()> {
        self.obligations
            .find_rows(&self.keys, &mut self.near, &mut self.found);
        let mut found = self.found.iter();
        let mut full = self.full.drain(..);
        // The rows read from their bytes are appended a run at a time.
        let run = &mut self.run;
        for pending in self.rows.drain(..) {
            if pending.full {
                events.push_loaded(run).ok()?;
                run.clear();
                let mut event = full.next()?;
                if pending.keyed {
                    event.set_obligation((*found.next()?)?);
                }
                events.push_at_line(event, pending.line).ok()?;
            } else {
                run.push(LoadedRow {
                    obligation: (*found.next()?)?.index(),
                    day: pending.day,
                    recorded: pending.recorded,
                    line: pending.line,
                    tag: pending.tag,
                });
            }
        }
        events.push_loaded(run).ok()?;
        run.clear();
        self.keys.clear();
        Some(())
    }
}

/// The place part of a reference, `clause.requirement/body/period`, in one pass: the
/// positions of the last `.` before the first `/`, and of the first and second `/`, as
/// `memrchr` and `memchr` find them; `None` when there are not exactly two `/`, no `.`
/// before the first, or an `@` anywhere (the reference's directive ends at its last `@`).
fn split_place(rest: &[u8]) -> Option<[usize; 3]> {
    let mut dot = None;
    let mut slashes = [0usize; 2];
    let mut count = 0usize;
    // Eight bytes at a time: a mask of the bytes equal to each of `/`, `.` and `@`.
    for (base, chunk) in (0..).step_by(8).zip(rest.chunks(8)) {
        // The last chunk may be short: zeros above its bytes, which match none of the three.
        let word = match <[u8; 8]>::try_from(chunk) {
            Ok(whole) => u64::from_le_bytes(whole),
            Err(_) => short_word(chunk),
        };
        if equal_bytes(word, b'@') != 0 {
            return None;
        }
        let mut slash = equal_bytes(word, b'/');
        let mut dots = equal_bytes(word, b'.');
        if count == 0 {
            // The dots before this chunk's first `/`, if any.
            let before = if slash == 0 {
                u64::MAX
            } else {
                (1u64 << slash.trailing_zeros()) - 1
            };
            dots &= before;
            if dots != 0 {
                dot = Some(base + (63 - dots.leading_zeros() as usize) / 8);
            }
        }
        while slash != 0 {
            if let Some(at) = slashes.get_mut(count) {
                *at = base + slash.trailing_zeros() as usize / 8;
            }
            count += 1;
            slash &= slash - 1;
        }
    }
    let [first, second] = slashes;
    (count == 2).then_some([dot?, first, second])
}

/// The bytes of `word` equal to `byte`: the high bit of each such byte set, no other bit.
fn equal_bytes(word: u64, byte: u8) -> u64 {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    // A byte of `x` is zero exactly when its high bit and its low seven bits are clear.
    !(((x & LOW) + LOW) | x | LOW)
}

/// Looks bytes up in a cache, resolving them once (the bytes must be UTF-8): `None` when
/// they are not UTF-8, `resolve` refuses them or the store does not hold what they name.
fn cached(
    cache: &mut Cache,
    text: &[u8],
    resolve: impl FnOnce(&str) -> Option<Option<u32>>,
) -> Option<u32> {
    if let Some(found) = cache.get(text) {
        return found;
    }
    let found = resolve(std::str::from_utf8(text).ok()?)?;
    cache.insert(text, found);
    found
}

/// The index of a requirement written as its number from 1 (ASCII digits), as
/// `requirement_number` reads it.
fn requirement_index(text: &[u8]) -> Option<u32> {
    let number = match text.len() {
        1..=8 => eight_digits(text)?,
        9..=19 => {
            let mut number: u64 = 0;
            for &b in text {
                let digit = b.wrapping_sub(b'0');
                if digit > 9 {
                    return None;
                }
                number = number * 10 + u64::from(digit);
            }
            number
        }
        _ => return None,
    };
    crate::obligation::RequirementIndex::from_number(number).map(|r| r.get())
}

/// The number written by one to eight ASCII digits, read as one word: the digits are
/// checked and combined two, four, then eight at a time.
fn eight_digits(text: &[u8]) -> Option<u64> {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    let len = text.len();
    if !(1..=8).contains(&len) {
        return None;
    }
    let raw = text
        .first_chunk::<8>()
        .map_or_else(|| short_word(text), |w| u64::from_le_bytes(*w));
    // The text's digits in the top bytes, `0`s below them: the same number in eight.
    let word = raw << (8 * (8 - len)) | ZEROS.checked_shr(8 * len as u32).unwrap_or(0);
    // Each byte is `0x30..=0x39` exactly when its high nibble is 3 and stays 3 plus 6 (a
    // carry out of a byte only comes from a byte whose high nibble is not 3).
    let plus_six = word.wrapping_add(0x0606_0606_0606_0606);
    if (word & HIGH) | ((plus_six & HIGH) >> 4) != 0x3333_3333_3333_3333 {
        return None;
    }
    // The first digit is the lowest byte: pairs, then fours, then all eight.
    let pairs = (word & 0x0F0F_0F0F_0F0F_0F0F).wrapping_mul(10 << 8 | 1) >> 8;
    let fours = (pairs & 0x00FF_00FF_00FF_00FF).wrapping_mul(100 << 16 | 1) >> 16;
    Some((fours & 0x0000_FFFF_0000_FFFF).wrapping_mul(10_000 << 32 | 1) >> 32)
}

/// A text of fewer than eight bytes as one word, its first byte lowest, zeros above.
fn short_word(text: &[u8]) -> u64 {
    let len = text.len();
    match (text.first_chunk::<4>(), text.last_chunk::<4>()) {
        // Bytes `4..len` are the top `len - 4` bytes of the last four.
        (Some(first), Some(last)) => {
            u64::from(u32::from_le_bytes(*first))
                | (u64::from(u32::from_le_bytes(*last)) >> (8 * (8 - len.min(8)))) << 32
        }
        _ => match (text.first_chunk::<2>(), text.last_chunk::<2>()) {
            // Bytes `2..len` are the top `len - 2` bytes of the last two.
            (Some(first), Some(last)) => {
                u64::from(u16::from_le_bytes(*first))
                    | (u64::from(u16::from_le_bytes(*last)) >> (8 * (4 - len.min(4)))) << 16
            }
            _ => text.first().copied().map_or(0, u64::from),
        },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

    use chrono::{Datelike, NaiveDate};
    use proptest::prelude::*;

    use crate::compliance::EventLoader;
    use crate::obligation::{Obligation, ObligationKey, Obligations};
    use crate::{Limit, Limits};

    /// The day number of every date `0001-01-01..=9999-12-31` is read as `parse_date`
    /// reads the date, and every text `parse_date` refuses is refused.
    #[test]
    fn the_day_parser_agrees_with_the_date_parser() {
        let mut date = crate::text::FIRST_DATE;
        loop {
            let (y, m, d) = (date.year(), date.month(), date.day());
            let text = format!("{y:04}-{m:02}-{d:02}");
            assert_eq!(
                crate::text::parse_day(text.as_bytes()),
                Some(date.num_days_from_ce()),
                "{text}"
            );
            if date.ordinal() != 1 && d != 1 && d < 27 {
                // The days of a month between the first and the last few add nothing.
                date = date.with_day(27).unwrap();
                continue;
            }
            match date.succ_opt().filter(|&n| n <= crate::text::LAST_DATE) {
                Some(next) => date = next,
                None => break,
            }
        }
        for year in [
            "0000", "0001", "1900", "2000", "2023", "2024", "2100", "9999",
        ] {
            for month in 0..100 {
                for day in 0..100 {
                    let text = format!("{year}-{month:02}-{day:02}");
                    assert_eq!(
                        crate::text::parse_day(text.as_bytes()),
                        crate::text::parse_date(text.as_bytes()).map(|d| d.num_days_from_ce()),
                        "{text}"
                    );
                }
            }
        }
        for text in [
            "2024-6-05",
            "2024-06-5",
            "+2024-06-05",
            " 2024-06-05",
            "2024-06-05 ",
            "2024/06/05",
            "2024-06-0a",
            "20240-6-05",
            "",
            "2024-06-05\n",
            "-001-01-01",
            "2024-0\u{661}-05",
        ] {
            assert_eq!(crate::text::parse_day(text.as_bytes()), None, "{text:?}");
        }
    }

    const LETTER: &str = "1470-CV/TU@2024-02-22";

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Task 10 for two bodies and two half-years, the monitoring clause, task 3 with two
    /// requirements for one body, and (when `two`) an obligation of another directive.
    fn store(two: bool) -> Obligations {
        let mut store = Obligations::new();
        let mut push = |reference: String| {
            let key: ObligationKey = reference.parse().unwrap();
            store.push(Obligation::new(key, date(2024, 6, 25))).unwrap();
        };
        for body in ["TH-HU-NGA-SON", "TH-HU-MUONG-LAT"] {
            for period in ["2024-H1", "2024-H2"] {
                push(format!("{LETTER}/10.1/{body}/{period}"));
            }
        }
        push(format!("{LETTER}/monitoring.1/TH-TU-BDV/2024-H1"));
        push(format!("{LETTER}/3.1/TH-TU-BDV/2024"));
        push(format!("{LETTER}/3.2/TH-TU-BDV/2024"));
        push(format!("{LETTER}/7b.1/TH-TU-BDV/2024-01"));
        if two {
            push("05/CT-UBND@2024-01-02/10.1/TH-TU-BDV/2024-H1".to_owned());
        }
        store
    }

    /// One of `values`, or (one time in eight) a text of `junk`.
    fn pick(values: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop_oneof![
            7 => proptest::sample::select(values).prop_map(str::to_owned),
            1 => "[a-zA-Z0-9 ,.@/#\"\r\n-]{0,6}",
        ]
    }

    fn value(field: &str) -> BoxedStrategy<String> {
        match field {
            "obligation" => pick(&[
                "",
                "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1",
                "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H2",
                "1470-CV/TU@2024-02-22/10.1/TH-HU-MUONG-LAT/2024-H1",
                "1470-CV/TU@2024-02-22/monitoring.1/TH-TU-BDV/2024-H1",
                "1470-CV/TU@2024-02-22/3.2/TH-TU-BDV/2024",
                "1470-CV/TU@2024-02-22/3.02/TH-TU-BDV/2024",
                "1470-CV/TU@2024-02-22/3.00000000000000000002/TH-TU-BDV/2024",
                "1470-CV/TU@2024-02-22/3.0/TH-TU-BDV/2024",
                "1470-CV/TU@2024-02-22/7b.1/TH-TU-BDV/2024-01",
                "1470-CV/TU@2024-02-22/07b.1/TH-TU-BDV/2024-1",
                "05/CT-UBND@2024-01-02/10.1/TH-TU-BDV/2024-H1",
                "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1/x",
                "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON@/2024-H1",
                "1470-cv/tu@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1",
                "1470-CV/TU@2024-2-22/10.1/TH-HU-NGA-SON/2024-H1",
                "1470-CV/TU@2024-02-22/10.1/TH-HU-NOWHERE/2024-H1",
                "1470-CV/TU@2024-02-22/10.1/TH HU/2024-H1",
                "1470-CV/TU@2024-02-22/10/TH-HU-NGA-SON/2024-H1",
                "1470-CV/TU@2024-02-22/9.1/TH-HU-NGA-SON/2024-H1",
                "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2025-H1",
                "1470-CV/TU@2024-02-23/10.1/TH-HU-NGA-SON/2024-H1",
                "2024-02-22/10.1/TH-HU-NGA-SON/2024-H1",
                "@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1",
            ])
            .boxed(),
            "clause" => pick(&["", "10", "3", "monitoring", "7b", "07b", "9", "x y", "03"]).boxed(),
            "requirement" => pick(&["", "1", "2", "01", "0", "x", "99999999999999999999"]).boxed(),
            "body" => pick(&[
                "",
                "TH-HU-NGA-SON",
                "TH-HU-MUONG-LAT",
                "TH-TU-BDV",
                "TH-HU-NOWHERE",
                "TH HU",
            ])
            .boxed(),
            "period" => pick(&[
                "", "2024-H1", "2024-H2", "2024", "2024-01", "2024-h1", "2025",
            ])
            .boxed(),
            "kind" => pick(&[
                "submitted",
                "submitted",
                "completed",
                "reopened",
                "extended",
                "waived",
                "indicator_value",
                "",
                "sent",
                "Submitted",
            ])
            .boxed(),
            "date" | "recorded" | "new_due" => pick(&[
                "",
                "2024-06-14",
                "2024-06-20",
                "2024-02-29",
                "2023-02-29",
                "2024-6-14",
                "0000-01-01",
                "9999-12-31",
            ])
            .boxed(),
            "document" | "by" | "reason" => pick(&[
                "",
                "114-BC/HU",
                "TH-TU-BTV",
                "  ",
                "reported jointly, with the \"year\" report",
                "Vie\u{302}\u{323}t",
            ])
            .boxed(),
            _ => pick(&["", "1.5", "62", "NaN", "inf", "x", "-0"]).boxed(),
        }
    }

    /// A row the loader reads when its header has the columns: each field and its value.
    fn good_row() -> impl Strategy<Value = Vec<(&'static str, String)>> {
        let by_reference = proptest::sample::select(
            &[
                "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1",
                "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H2",
                "1470-CV/TU@2024-02-22/10.1/TH-HU-MUONG-LAT/2024-H1",
                "1470-CV/TU@2024-02-22/monitoring.1/TH-TU-BDV/2024-H1",
                "1470-CV/TU@2024-02-22/3.2/TH-TU-BDV/2024",
                "1470-CV/TU@2024-02-22/03.1/TH-TU-BDV/2024",
                "1470-CV/TU@2024-02-22/7b.1/TH-TU-BDV/2024-01",
                "05/CT-UBND@2024-01-02/10.1/TH-TU-BDV/2024-H1",
            ][..],
        )
        .prop_map(|r| vec![("obligation", r.to_owned())]);
        let by_place = proptest::sample::select(
            &[
                ("10", "", "TH-HU-NGA-SON", "2024-H1"),
                ("10", "1", "TH-HU-MUONG-LAT", "2024-H2"),
                ("monitoring", "", "TH-TU-BDV", "2024-H1"),
                ("3", "2", "TH-TU-BDV", "2024"),
                ("3", "", "TH-TU-BDV", "2024"),
                ("7b", "1", "TH-TU-BDV", "2024-01"),
                ("007b", "01", "TH-TU-BDV", "2024-01"),
            ][..],
        )
        .prop_map(|(c, r, b, p)| {
            vec![
                ("clause", c.to_owned()),
                ("requirement", r.to_owned()),
                ("body", b.to_owned()),
                ("period", p.to_owned()),
            ]
        });
        let day =
            proptest::sample::select(&["2024-06-14", "2024-06-20", "2024-02-29", "2024-07-01"][..]);
        let recorded = proptest::sample::select(&["", "", "2024-06-14", "2024-06-20"][..]);
        let text = proptest::sample::select(
            &["114-BC/HU", "a, b", "say \"hi\"", "Vie\u{302}\u{323}t"][..],
        );
        let kind = prop_oneof![
            4 => proptest::option::of(text.clone()).prop_map(|d| vec![
                ("kind", "submitted".to_owned()),
                ("document", d.unwrap_or_default().to_owned()),
            ]),
            2 => Just(vec![("kind", "completed".to_owned())]),
            1 => Just(vec![("kind", "reopened".to_owned())]),
            1 => (day.clone(), text.clone()).prop_map(|(n, d)| vec![
                ("kind", "extended".to_owned()),
                ("new_due", n.to_owned()),
                ("document", d.to_owned()),
            ]),
            1 => (text.clone(), text).prop_map(|(b, r)| vec![
                ("kind", "waived".to_owned()),
                ("by", b.to_owned()),
                ("reason", r.to_owned()),
            ]),
            1 => proptest::sample::select(&["1.5", "62", "-0"][..]).prop_map(|v| vec![
                ("kind", "indicator_value".to_owned()),
                ("value", v.to_owned()),
            ]),
        ];
        (prop_oneof![by_reference, by_place], kind, day, recorded).prop_map(
            |(mut fields, kind, day, recorded)| {
                fields.extend(kind);
                fields.push(("date", day.to_owned()));
                fields.push(("recorded", recorded.to_owned()));
                fields
            },
        )
    }

    /// A good row made to fit a header: a row naming its obligation in a way the header
    /// has no columns for names it the other way, and a kind whose fields the header
    /// lacks becomes a completion.
    fn fit(header: &str, mut values: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
        let has = |f: &str| header.split(',').any(|c| c == f);
        if values.iter().any(|(f, _)| *f == "obligation") && !has("obligation") {
            values.retain(|(f, _)| *f != "obligation");
            values.extend([
                ("clause", "10".to_owned()),
                ("body", "TH-HU-NGA-SON".to_owned()),
                ("period", "2024-H1".to_owned()),
            ]);
        } else if values.iter().any(|(f, _)| *f == "clause") && !has("clause") {
            values.retain(|(f, _)| !["clause", "requirement", "body", "period"].contains(f));
            values.push(("obligation", format!("{LETTER}/3.1/TH-TU-BDV/2024")));
        }
        let detail = ["new_due", "document", "by", "reason", "value"];
        let needed = |(f, v): &(&str, String)| detail.contains(f) && !v.is_empty();
        if values.iter().any(|v| needed(v) && !has(v.0)) {
            values.retain(|(f, _)| !detail.contains(f) && *f != "kind");
            values.push(("kind", "completed".to_owned()));
        }
        values
    }

    /// A field as a CSV writer writes it, quoted (when `quote`, or when it must be).
    fn write_field(text: &str, quote: bool) -> String {
        if quote || text.contains([',', '"', '\n', '\r']) || text.starts_with('#') {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_owned()
        }
    }

    const HEADERS: [&str; 6] = [
        "obligation,kind,date",
        "obligation,kind,date,recorded",
        "kind,date,obligation,document,recorded",
        "clause,requirement,body,period,kind,date",
        "clause,body,period,kind,date,recorded,new_due,document,by,reason,value",
        "obligation,clause,requirement,body,period,kind,date,recorded,new_due,document,by,reason,value",
    ];

    /// A log: a header, then rows of values (some quoted), with line ends of every kind,
    /// blank and comment lines, and now and then a row of any bytes.
    fn log() -> impl Strategy<Value = Vec<u8>> {
        (0..HEADERS.len(), 0usize..3).prop_flat_map(|(h, eol)| {
            let columns: Vec<&'static str> = HEADERS[h].split(',').collect();
            let row = columns
                .iter()
                .map(|c| (value(c), proptest::bool::weighted(0.05)))
                .collect::<Vec<_>>();
            let good = good_row()
                .prop_map(move |values| {
                    let values = fit(HEADERS[h], values);
                    let texts: Vec<String> = HEADERS[h]
                        .split(',')
                        .map(|c| {
                            let text = values.iter().find(|(f, _)| *f == c).map_or("", |(_, v)| v);
                            write_field(text, false)
                        })
                        .collect();
                    texts.join(",").into_bytes()
                })
                .boxed();
            let clean = prop_oneof![
                20 => good.clone(),
                1 => Just(Vec::new()),
                1 => Just(b"# a comment, with \"quotes\"".to_vec()),
            ];
            let line = prop_oneof![
                20 => good,
                10 => row.prop_map(|fields| {
                    let texts: Vec<String> =
                        fields.iter().map(|(t, q)| write_field(t, *q)).collect();
                    texts.join(",").into_bytes()
                }),
                1 => Just(Vec::new()),
                1 => Just(b"# a comment, with \"quotes\"".to_vec()),
                1 => proptest::collection::vec(any::<u8>(), 0..12),
            ];
            let ends = prop_oneof![
                10 => Just(["\n", "\r\n", "\r"][eol]),
                1 => proptest::sample::select(&["\n", "\r\n", "\r", "\n\n", "\r\r\n"][..]),
            ];
            let lines = prop_oneof![
                proptest::collection::vec((clean, ends.clone()), 0..12),
                proptest::collection::vec((line, ends), 0..12),
            ];
            (Just(HEADERS[h]), lines, any::<bool>()).prop_map(|(header, lines, last_end)| {
                let mut text = b"# the log\n".to_vec();
                text.extend_from_slice(header.as_bytes());
                text.push(b'\n');
                let count = lines.len();
                for (i, (line, end)) in lines.into_iter().enumerate() {
                    text.extend_from_slice(&line);
                    if i + 1 < count || last_end {
                        text.extend_from_slice(end.as_bytes());
                    }
                }
                text
            })
        })
    }

    /// Both paths read `bytes` alike: the fast path gives the exact path's log, and gives
    /// up exactly where the exact path finds a fault.
    fn same(loader: &EventLoader<'_>, bytes: &[u8]) -> Result<(), TestCaseError> {
        let exact = loader.csv_exact(bytes);
        let fast = super::csv(loader, bytes);
        match (&exact, &fast) {
            (Ok(exact), Some(fast)) => {
                prop_assert_eq!(format!("{exact:?}"), format!("{fast:?}"));
            }
            (Err(_), None) => {}
            _ => prop_assert!(
                false,
                "exact {:?}, fast {:?} on {:?}",
                exact.as_ref().map(|e| e.len()),
                fast.as_ref().map(|e| e.len()),
                String::from_utf8_lossy(bytes)
            ),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn the_fast_path_reads_what_the_exact_path_reads(bytes in log(), two in any::<bool>(), limit in 1usize..4) {
            let store = store(two);
            let loader = EventLoader::new(&store);
            same(&loader, &bytes)?;
            let limited = loader.clone().limits(Limits::new().with(Limit::EventsPerObligation, limit));
            same(&limited, &bytes)?;
            let first = store.key(crate::obligation::ObligationId::from_index(0)).unwrap();
            same(&loader.directive(first.directive().clone()), &bytes)?;
        }
    }

    /// The log of `bytes` read in parts of at least `min_part` bytes on a pool of
    /// `threads` threads, as text.
    #[cfg(feature = "parallel")]
    fn in_parts(loader: &EventLoader<'_>, bytes: &[u8], threads: usize, min_part: usize) -> String {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        format!(
            "{:?}",
            pool.install(|| super::csv_in_parts(loader, bytes, min_part))
        )
    }

    /// Parts end after a line end, and a log with a quote is not split.
    #[cfg(feature = "parallel")]
    #[test]
    fn parts_end_at_line_ends_unless_a_quote_appears() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let rows = b"a,1\nbb,2\r\nccc,3\n\n# x\ndddd,4";
        let parts = pool.install(|| super::parts(rows, 4));
        assert_eq!(
            parts,
            [
                &b"a,1\nbb,2\r\n"[..],
                b"ccc,3\n",
                b"\n",
                b"# x\n",
                b"dddd,4"
            ]
        );
        assert_eq!(pool.install(|| super::parts(rows, 100)).len(), 1);
        let quoted = b"a,1\nbb,\"2\nx\"\nccc,3\n\n# x\ndddd,4";
        assert_eq!(pool.install(|| super::parts(quoted, 4)).len(), 1);
    }

    #[cfg(feature = "parallel")]
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Parts of a few bytes each, read on three threads and joined, give the log one
        /// thread reads, or give up as it does; without quotes the log is split.
        #[test]
        fn parts_on_three_threads_read_what_one_thread_reads(bytes in log(), two in any::<bool>(), limit in 1usize..4) {
            let store = store(two);
            let loader = EventLoader::new(&store).limits(Limits::new().with(Limit::EventsPerObligation, limit));
            for bytes in [bytes.clone(), bytes.into_iter().filter(|&b| b != b'"').collect()] {
                let one = in_parts(&loader, &bytes, 1, 1);
                prop_assert_eq!(&one, &in_parts(&loader, &bytes, 3, 1));
                prop_assert_eq!(&one, &in_parts(&loader, &bytes, 3, 7));
                prop_assert_eq!(one, format!("{:?}", super::csv(&loader, &bytes)));
            }
        }
    }

    proptest! {
        /// The one-pass split of a reference's place finds what `memchr` and `memrchr`
        /// find, across every alignment of the eight-byte words.
        #[test]
        fn the_place_splits_as_memchr_splits_it(text in "[/.@a1]{0,40}") {
            let rest = text.as_bytes();
            let expected = (|| {
                if memchr::memchr(b'@', rest).is_some() {
                    return None;
                }
                let first = memchr::memchr(b'/', rest)?;
                let second = first + 1 + memchr::memchr(b'/', &rest[first + 1..])?;
                if memchr::memchr(b'/', &rest[second + 1..]).is_some() {
                    return None;
                }
                Some([memchr::memrchr(b'.', &rest[..first])?, first, second])
            })();
            prop_assert_eq!(super::split_place(rest), expected);
        }
    }

    proptest! {
        /// A requirement number read a word at a time is the number read digit by digit.
        #[test]
        fn requirement_numbers_read_as_digit_by_digit(text in "[0-9]{0,12}|[0-9/:a]{0,10}") {
            let expected = (|| {
                if text.is_empty() || text.len() > 19 {
                    return None;
                }
                let number: u64 = text.bytes().try_fold(0u64, |n, b| {
                    b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
                })?;
                crate::obligation::RequirementIndex::from_number(number).map(|r| r.get())
            })();
            prop_assert_eq!(super::requirement_index(text.as_bytes()), expected);
        }
    }

    /// Rows the fast path reads from their bytes and rows it hands to the resolver, side
    /// by side: the same events, each with its line.
    #[test]
    fn common_and_other_rows_mixed_read_alike() {
        let store = store(false);
        let loader = EventLoader::new(&store);
        let text = format!(
            "# header next\r\nobligation,kind,date,recorded,document\r\n\
             {LETTER}/10.1/TH-HU-NGA-SON/2024-H1,submitted,2024-06-14,,\r\n\
             \r\n\
             {LETTER}/10.1/TH-HU-NGA-SON/2024-H1,submitted,2024-06-14,2024-06-10,114-BC/HU\r\n\
             # a comment\r\n\
             {LETTER}/3.2/TH-TU-BDV/2024,completed,2024-06-20,2024-06-21,\r\n\
             \"{LETTER}/3.1/TH-TU-BDV/2024\",reopened,2024-06-21,2024-06-21,\r\n\
             {LETTER}/7b.1/TH-TU-BDV/2024-01,submitted,2024-06-14,,\"a\r\nb\"\r\n\
             {LETTER}/monitoring.1/TH-TU-BDV/2024-H1,completed,2024-07-01,,"
        );
        let events = super::csv(&loader, text.as_bytes()).unwrap();
        assert_eq!(events.len(), 6);
        let lines: Vec<Option<u32>> = (0..6)
            .map(|i| events.line(crate::compliance::EventId::from_index(i)))
            .collect();
        assert_eq!(
            lines,
            [3, 5, 7, 8, 9, 11].map(Some),
            "each event names the line its row starts on"
        );
        assert_eq!(
            format!("{:?}", loader.csv_exact(text.as_bytes()).unwrap()),
            format!("{events:?}")
        );
    }
}
