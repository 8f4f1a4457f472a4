//! The yardstick pipeline of the `status_csv` example: reading the obligations and
//! submissions CSV files (plain or gzip-compressed) into the library's stores, and
//! rendering the counts per body and status. The integration tests load the generated
//! yardstick through this same module.
//!
//! The two files are read on two threads at once, each in chunks of whole lines (a file
//! is inflated chunk by chunk as it is parsed, never held whole): the obligations into an
//! [`Obligations`] store, the submissions into an [`Events`] log that takes the file's
//! obligation id `k` for the store's row `k - 1`. When the obligations file does not
//! number its rows `1, 2, 3, …` the log is rebuilt through the file's ids afterwards.
//!
//! The file's body ids become the bodies' codes in the obligation store, so the output's
//! `body_id` column is the body's code.
//!
//! Input formats: `obligation_id,body_id,period_id,due_date` (period ids count months
//! from 2022-01) and `obligation_id,submitted`, each with a header line.

use std::collections::VecDeque;
use std::error::Error;
use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::Duration;

use chrono::NaiveDate;
use directives::calendar::parse_date;
use directives::compliance::{Evaluation, EventId, Events, Status, StatusCounts};
use directives::directive::{DirectiveKey, TaskNumber};
use directives::document::DocSymbol;
use directives::obligation::{
    ClauseRef, DirectiveRef, ObligationId, ObligationRow, Obligations, PeriodRef, RequirementIndex,
};
use directives::org::{BodyCode, BodyId};
use directives::period::Period;

/// The first month of the yardstick's periods.
const FIRST_YEAR: i32 = 2022;

/// The bytes read (and inflated) at a time.
const CHUNK: usize = 1 << 22;

/// The obligation id of a submission whose id the obligations file does not hold: the
/// evaluation reports it as an event of an unknown obligation.
const UNKNOWN: u32 = u32::MAX - 1;

/// Opens a file, decompressing it when it starts with the gzip magic bytes.
fn open(path: &Path) -> Result<Box<dyn Read + Send>, Failure> {
    let cannot = |e: std::io::Error| format!("cannot read `{}`: {e}", path.display());
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let mut magic = [0u8; 2];
    let n = file.read(&mut magic).map_err(cannot)?;
    let head = std::io::Cursor::new(magic).take(n as u64);
    let file = head.chain(file);
    Ok(if magic == [0x1f, 0x8b] && n == 2 {
        Box::new(flate2::read::MultiGzDecoder::new(
            std::io::BufReader::with_capacity(CHUNK, file),
        ))
    } else {
        Box::new(file)
    })
}

/// Reads a whole file, decompressing it when it starts with the gzip magic bytes.
#[allow(dead_code, reason = "the integration tests compare files whole")]
pub(crate) fn read_input(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    open(path)?
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    Ok(out)
}

/// Type-erased errors, which cross threads.
type Failure = Box<dyn Error + Send + Sync>;

/// Reads a file in chunks of whole lines (inflating it when it is gzip-compressed).
struct Chunks {
    reader: Box<dyn Read + Send>,
    /// The start of a line the last chunk did not finish.
    carry: Vec<u8>,
    done: bool,
}

impl Chunks {
    fn open(path: &Path) -> Result<Chunks, Failure> {
        Ok(Chunks {
            reader: open(path)?,
            carry: Vec::new(),
            done: false,
        })
    }

    /// Reads the next chunk of whole lines (the file's last line may lack its newline)
    /// into the start of `buffer` and gives its length, 0 at the end of the file. The
    /// buffer is zeroed once, when it first grows, and then reused as it is.
    fn next_into(&mut self, buffer: &mut Vec<u8>, path: &Path) -> Result<usize, Failure> {
        if self.done {
            return Ok(0);
        }
        let mut filled = self.carry.len();
        if buffer.len() < CHUNK.max(2 * filled) {
            buffer.resize(CHUNK.max(2 * filled), 0);
        }
        buffer
            .get_mut(..filled)
            .unwrap_or_default()
            .copy_from_slice(&self.carry);
        self.carry.clear();
        loop {
            if filled == buffer.len() {
                // A full buffer: end it after its last newline, or grow it for a line
                // longer than the buffer.
                match buffer.iter().rposition(|&b| b == b'\n') {
                    Some(last) => {
                        self.carry
                            .extend_from_slice(buffer.get(last + 1..).unwrap_or_default());
                        return Ok(last + 1);
                    }
                    None => buffer.resize(buffer.len() * 2, 0),
                }
            }
            let read = self
                .reader
                .read(buffer.get_mut(filled..).unwrap_or_default())
                .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            if read == 0 {
                self.done = true;
                return Ok(filled);
            }
            filled += read;
        }
    }
}

/// Parses an unsigned decimal field of 1 to 9 digits.
fn parse_u32(field: &[u8]) -> Option<u32> {
    if field.is_empty() || field.len() > 9 {
        return None;
    }
    field.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// Parses an unsigned decimal of 1 to 9 digits at `at` ended by `end`, giving its value
/// and the place after `end`.
#[inline(always)]
fn number_at(text: &[u8], at: usize, end: u8) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut i = at;
    loop {
        let b = *text.get(i)?;
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return (b == end && i > at && i - at <= 9).then_some((value, i + 1));
        }
        value = value.wrapping_mul(10).wrapping_add(u32::from(digit));
        i += 1;
    }
}

/// The end of a row's last field at `at`: the place after its line end (`\n`, `\r\n`,
/// or the end of the text, with or without a `\r`), or `None` when other bytes follow.
#[inline(always)]
fn row_end(text: &[u8], at: usize) -> Option<usize> {
    match text.get(at..) {
        Some([b'\n', ..]) => Some(at + 1),
        Some([b'\r', b'\n', ..]) => Some(at + 2),
        Some([] | [b'\r']) => Some(text.len()),
        _ => None,
    }
}

/// A line the fast row parsers did not take: the place after it, and the record (the
/// line without its `\n` and one final `\r`), `None` when it is blank.
fn slow_line(text: &[u8], at: usize) -> (usize, Option<&[u8]>) {
    let rest = text.get(at..).unwrap_or_default();
    let (line, next) = match rest.iter().position(|&b| b == b'\n') {
        Some(n) => (rest.get(..n).unwrap_or_default(), at + n + 1),
        None => (rest, text.len()),
    };
    let record = line.strip_suffix(b"\r").unwrap_or(line);
    (next, (!record.is_empty()).then_some(record))
}

/// The place after the first line of `text` (its header).
fn after_first_line(text: &[u8]) -> usize {
    text.iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |n| n + 1)
}

/// Dates read through the crate's strict parser ([`parse_date`]), each distinct text
/// remembered in a small direct-mapped table: the yardstick's files use a few thousand
/// dates, and a hit costs a comparison instead of building the date again.
struct Dates {
    /// The eight digits of a text (its dashes apart) and what the parser made of it.
    slots: Vec<(u64, Option<NaiveDate>)>,
}

impl Dates {
    /// The slots of the table (a power of two).
    const SLOTS: usize = 1 << 13;

    fn new() -> Dates {
        Dates {
            slots: vec![(0, None); Dates::SLOTS],
        }
    }

    /// The date of a field, which must be exactly `YYYY-MM-DD`.
    #[inline(always)]
    fn parse(&mut self, field: &[u8]) -> Option<NaiveDate> {
        let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = field else {
            return None;
        };
        let key = u64::from_le_bytes([y0, y1, y2, y3, m0, m1, d0, d1]);
        let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 51) as usize % Dates::SLOTS;
        let entry = self.slots.get_mut(slot)?;
        // A slot holds the parser's answer for its text; the empty slot's key is the text
        // of eight NUL bytes, which the parser refuses too.
        if entry.0 != key {
            *entry = (key, parse_date(field));
        }
        entry.1
    }

    /// The date of the ten bytes at `at`, then the place after the row's end.
    #[inline(always)]
    fn last_field(&mut self, text: &[u8], at: usize) -> Option<(NaiveDate, usize)> {
        let date = self.parse(text.get(at..at + 10)?)?;
        Some((date, row_end(text, at + 10)?))
    }
}

/// Splits a line into exactly `N` comma-separated fields, without allocating.
fn fields<const N: usize>(line: &[u8]) -> Option<[&[u8]; N]> {
    let mut out = [&line[..0]; N];
    let mut parts = line.split(|&b| b == b',');
    for slot in &mut out {
        *slot = parts.next()?;
    }
    parts.next().is_none().then_some(out)
}

/// The loaded yardstick: obligations and events.
#[derive(Debug)]
pub(crate) struct Loaded {
    /// The obligations.
    pub(crate) obligations: Obligations,
    /// The submissions.
    pub(crate) events: Events,
    /// The time on a CPU of the thread that read the obligations file (and parsed part
    /// of it), of the one that read the submissions and then parsed the rest of the
    /// obligations, and of the submissions alone, where Linux gives them.
    pub(crate) cpu: [Option<Duration>; 3],
}

/// The calling thread's time on a CPU so far, where Linux gives it.
pub(crate) fn thread_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        text.split_whitespace().next()?.parse().ok()?,
    ))
}

/// Runs `work` and gives the time on a CPU it took the calling thread.
fn on_cpu<T>(work: impl FnOnce() -> T) -> (T, Option<Duration>) {
    let start = thread_cpu();
    let out = work();
    let cpu = start.zip(thread_cpu()).map(|(a, b)| b.saturating_sub(a));
    (out, cpu)
}

/// The file ids of a part's rows.
#[derive(Debug, Default)]
struct FileIds {
    /// The first row's id.
    first: u32,
    /// Every row's id, kept only once they stop counting up from `first` by one.
    listed: Option<Vec<u32>>,
}

impl FileIds {
    fn note(&mut self, row: usize, id: u32) {
        match &mut self.listed {
            Some(ids) => ids.push(id),
            None if row == 0 => self.first = id,
            None => {
                if u64::from(id) != u64::from(self.first) + row as u64 {
                    let mut ids: Vec<u32> = (0..row)
                        .map(|k| self.first.wrapping_add(k as u32))
                        .collect();
                    ids.push(id);
                    self.listed = Some(ids);
                }
            }
        }
    }

    /// The id of row `row`.
    fn get(&self, row: usize) -> u32 {
        match &self.listed {
            Some(ids) => ids.get(row).copied().unwrap_or(UNKNOWN),
            None => self.first.wrapping_add(row as u32),
        }
    }
}

/// A chunk of the obligations file read into a store of its own.
struct Part {
    obligations: Obligations,
    ids: FileIds,
    /// The newlines in the chunk.
    lines: usize,
}

/// A row of a chunk that could not be read: its line within the chunk (1-based) and,
/// when the row is well formed, why the store refused it.
struct BadRow(usize, Option<String>);

impl BadRow {
    /// A refusal of a well-formed row at `line`.
    fn refused(line: usize) -> impl Fn(directives::obligation::ObligationError) -> BadRow {
        move |e| BadRow(line, Some(e.to_string()))
    }
}

/// What the threads reading the obligations file share: the chunks read and not yet
/// parsed, and the parts made of them, by chunk number.
struct Shared {
    state: Mutex<State>,
    /// The parts joined so far: a thread that parsed a part joins every part ready in
    /// order, unless the other thread is at it.
    joined: Mutex<Joined>,
    /// Signalled when a chunk joins the queue or the file has been read.
    changed: Condvar,
}

#[derive(Default)]
struct State {
    /// Chunk number, buffer and the length of the chunk in it.
    queue: VecDeque<(usize, Vec<u8>, usize)>,
    /// Buffers parsed and free for the next chunks.
    spare: Vec<Vec<u8>>,
    /// Whether the whole file is in the queue (or could not be read).
    finished: bool,
    /// The parts parsed and not yet joined, by chunk number.
    parts: Vec<Option<Result<Part, BadRow>>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Parses chunks from the queue until it is empty and the file has been read, when
    /// `wait`, else while it holds more than `keep` chunks.
    fn parse(&self, worker: &mut Worker, wait: bool, keep: usize) {
        loop {
            let (number, chunk, len) = {
                let mut state = self.lock();
                loop {
                    if state.queue.len() > keep {
                        break;
                    }
                    if !wait || (state.finished && state.queue.is_empty()) {
                        return;
                    }
                    state = self
                        .changed
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                match state.queue.pop_front() {
                    Some(next) => next,
                    None => return,
                }
            };
            let part = worker.part(chunk.get(..len).unwrap_or_default(), number == 0);
            {
                let mut state = self.lock();
                if state.parts.len() <= number {
                    state.parts.resize_with(number + 1, || None);
                }
                if let Some(slot) = state.parts.get_mut(number) {
                    *slot = Some(part);
                }
                state.spare.push(chunk);
            }
            if let Some(joined) = match self.joined.try_lock() {
                Ok(joined) => Some(joined),
                Err(TryLockError::Poisoned(joined)) => Some(joined.into_inner()),
                Err(TryLockError::WouldBlock) => None,
            } {
                self.join_ready(joined);
            }
        }
    }

    /// Joins the parts ready in order.
    fn join_ready(&self, mut joined: MutexGuard<'_, Joined>) {
        loop {
            let next = joined.next;
            let Some(part) = self.lock().parts.get_mut(next).and_then(Option::take) else {
                return;
            };
            joined.add(part);
        }
    }

    /// Reads the file into the queue, parsing chunks too while the queue holds more than
    /// the other thread can take at once.
    fn read(&self, path: &Path, worker: &mut Worker) -> Result<(), Failure> {
        let read = (|| {
            let mut chunks = Chunks::open(path)?;
            for number in 0.. {
                let mut buffer = self.lock().spare.pop().unwrap_or_default();
                let len = chunks.next_into(&mut buffer, path)?;
                if len == 0 {
                    return Ok(());
                }
                self.lock().queue.push_back((number, buffer, len));
                self.changed.notify_one();
                self.parse(worker, false, 1);
            }
            Ok(())
        })();
        self.lock().finished = true;
        self.changed.notify_all();
        self.parse(worker, true, 0);
        read
    }
}

/// What a thread parsing obligation chunks keeps from one chunk to the next.
struct Worker {
    dates: Dates,
    /// An empty store with the directive, the clause and the periods and bodies met so
    /// far: each chunk's store starts as a copy of it.
    template: Obligations,
    directive: DirectiveRef,
    clause: ClauseRef,
    /// The handle of period `k` (month `k` from `FIRST_YEAR`).
    periods: Vec<PeriodRef>,
    /// Whether the template has the code of body `k` yet.
    bound: Vec<bool>,
}

impl Worker {
    fn new() -> Result<Worker, Failure> {
        let mut template = Obligations::new();
        let directive = template.add_directive(DirectiveKey::new(
            DocSymbol::parse("1/CT-UBND")?,
            NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).ok_or("bad date")?,
        ))?;
        let clause = template.add_clause(TaskNumber::new("1")?)?;
        Ok(Worker {
            dates: Dates::new(),
            template,
            directive,
            clause,
            periods: Vec::new(),
            bound: Vec::new(),
        })
    }

    /// Reads a chunk of whole lines of the obligations file into a store of its own, whose
    /// handles are those of every other chunk's store: the directive and the clause are
    /// the first, period `k` is month `k` and body id `b` the file's body `b`.
    fn part(&mut self, text: &[u8], header: bool) -> Result<Part, BadRow> {
        let mut obligations = self.template.clone();
        obligations.reserve(text.len() / 20);
        let (directive, clause) = (self.directive, self.clause);
        let mut ids = FileIds::default();
        let mut at = if header { after_first_line(text) } else { 0 };
        let mut line = usize::from(header);
        while at < text.len() {
            line += 1;
            let fast = (|| {
                let (id, at) = number_at(text, at, b',')?;
                let (body, at) = number_at(text, at, b',')?;
                let (period, at) = number_at(text, at, b',')?;
                let (due, at) = self.dates.last_field(text, at)?;
                Some(((id, body, period, due), at))
            })();
            let (row, next) = match fast {
                Some(found) => found,
                None => match slow_line(text, at) {
                    (next, None) => {
                        at = next;
                        continue;
                    }
                    (next, Some(record)) => {
                        (self.slow_row(record).ok_or(BadRow(line, None))?, next)
                    }
                },
            };
            at = next;
            let (id, body, period, due) = row;
            let period = period as usize;
            while self.periods.len() <= period {
                let months = u32::try_from(self.periods.len()).map_err(|_| BadRow(line, None))?;
                let year = i32::try_from(months / 12).map_err(|_| BadRow(line, None))?;
                let month = Period::month(FIRST_YEAR.saturating_add(year), months % 12 + 1)
                    .map_err(|_| BadRow(line, None))?;
                obligations
                    .add_period(month)
                    .map_err(BadRow::refused(line))?;
                self.periods.push(
                    self.template
                        .add_period(month)
                        .map_err(BadRow::refused(line))?,
                );
            }
            let body = BodyId::from_index(body);
            let slot = body.index() as usize;
            if !self.bound.get(slot).copied().unwrap_or(false) {
                // The file's body id is the body's code.
                let code =
                    BodyCode::new(body.index().to_string()).map_err(|_| BadRow(line, None))?;
                obligations
                    .bind_body(body, code.clone())
                    .map_err(BadRow::refused(line))?;
                self.template
                    .bind_body(body, code)
                    .map_err(BadRow::refused(line))?;
                if self.bound.len() <= slot {
                    self.bound.resize(slot + 1, false);
                }
                if let Some(known) = self.bound.get_mut(slot) {
                    *known = true;
                }
            }
            let row = ObligationRow {
                directive,
                clause,
                requirement: RequirementIndex::new(id),
                body,
                period: *self.periods.get(period).ok_or(BadRow(line, None))?,
                due,
            };
            let stored = obligations.insert(row).map_err(BadRow::refused(line))?;
            ids.note(stored.index() as usize, id);
        }
        Ok(Part {
            obligations,
            ids,
            lines: line,
        })
    }

    /// A row the fast parser did not take, through the general one.
    fn slow_row(&mut self, record: &[u8]) -> Option<(u32, u32, u32, NaiveDate)> {
        let [id, body, period, due] = fields(record)?;
        Some((
            parse_u32(id)?,
            parse_u32(body)?,
            parse_u32(period)?,
            self.dates.parse(due)?,
        ))
    }
}

/// The parts joined so far, in file order, into one store.
#[derive(Default)]
struct Joined {
    obligations: Obligations,
    /// The number of the next part to join.
    next: usize,
    /// The lines of the parts joined.
    lines: usize,
    /// Whether the file ids so far are `1, 2, 3, …`.
    dense: bool,
    /// The first row of each part joined, with the part's file ids.
    kept: Vec<(usize, FileIds)>,
    /// The file's first row that could not be read: its line, and why.
    error: Option<(usize, Option<String>)>,
}

impl Joined {
    fn new() -> Joined {
        Joined {
            dense: true,
            ..Joined::default()
        }
    }

    /// Joins the next part (or notes its error); after an error, parts are dropped.
    fn add(&mut self, part: Result<Part, BadRow>) {
        self.next += 1;
        if self.error.is_some() {
            return;
        }
        match part {
            Ok(part) => {
                let first = self.obligations.len();
                self.dense &= part.obligations.is_empty()
                    || (part.ids.listed.is_none() && u64::from(part.ids.first) == first as u64 + 1);
                if let Err(e) = self.obligations.append(part.obligations) {
                    self.error = Some((self.lines + 1, Some(e.to_string())));
                }
                self.lines += part.lines;
                self.kept.push((first, part.ids));
            }
            Err(BadRow(line, cause)) => self.error = Some((self.lines + line, cause)),
        }
    }

    /// The store, with file obligation id → store row when the file's ids are not
    /// `1, 2, 3, …` (else `None`); an error names the file's first malformed line.
    fn finish(self, path: &Path) -> Result<(Obligations, Option<IdMap>), Failure> {
        if let Some((line, cause)) = self.error {
            let cause = cause.as_deref().unwrap_or("malformed row");
            return Err(format!("`{}` line {line}: {cause}", path.display()).into());
        }
        if self.dense {
            return Ok((self.obligations, None));
        }
        // The file's ids are not the rows' order: map each one to its row (the last row
        // with an id, should it repeat).
        let mut map = IdMap::default();
        let rows = self.obligations.len();
        for (k, (first, ids)) in self.kept.iter().enumerate() {
            let end = self.kept.get(k + 1).map_or(rows, |(next, _)| *next);
            for row in *first..end {
                map.insert(ids.get(row - first), u32::try_from(row)?);
            }
        }
        Ok((self.obligations, Some(map)))
    }
}

/// File obligation id → store row.
#[derive(Debug, Default)]
struct IdMap(std::collections::HashMap<u32, u32>);

impl IdMap {
    fn insert(&mut self, id: u32, row: u32) {
        self.0.insert(id, row);
    }

    fn get(&self, id: u32) -> u32 {
        self.0.get(&id).copied().unwrap_or(UNKNOWN)
    }
}

/// Reads the submissions file into a log whose obligation ids are the file's ids less
/// one, with the largest file id seen.
fn read_submissions(path: &Path) -> Result<(Events, u32), Failure> {
    // About 18 bytes a row; the log grows past the guess if it must.
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let mut events = Events::with_capacity(usize::try_from(size / 18).unwrap_or(0).min(1 << 26));
    let mut largest = 0;
    let mut dates = Dates::new();
    let mut chunks = Chunks::open(path)?;
    let mut buffer = Vec::new();
    let mut line = 0;
    let bad = |line: usize| format!("`{}` line {line}: malformed row", path.display());
    loop {
        let len = chunks.next_into(&mut buffer, path)?;
        if len == 0 {
            break;
        }
        let text = buffer.get(..len).unwrap_or_default();
        let mut at = 0;
        if line == 0 {
            at = after_first_line(text);
            line = 1;
        }
        while at < text.len() {
            line += 1;
            let fast = (|| {
                let (id, at) = number_at(text, at, b',')?;
                let (date, at) = dates.last_field(text, at)?;
                Some(((id, date), at))
            })();
            let ((id, date), next) = match fast {
                Some(found) => found,
                None => match slow_line(text, at) {
                    (next, None) => {
                        at = next;
                        continue;
                    }
                    (next, Some(record)) => {
                        let [id, date] = fields(record).ok_or_else(|| bad(line))?;
                        let id = parse_u32(id).ok_or_else(|| bad(line))?;
                        ((id, dates.parse(date).ok_or_else(|| bad(line))?), next)
                    }
                },
            };
            at = next;
            largest = largest.max(id);
            let obligation = ObligationId::from_index(id.wrapping_sub(1).min(UNKNOWN));
            events.push_submission(obligation, date)?;
        }
    }
    Ok((events, largest))
}

/// Loads the obligations and submissions files on two threads: one reads the obligations
/// file in chunks and parses some of them, the other reads the submissions and then
/// parses the chunks left; the chunks' stores are joined in file order.
pub(crate) fn load(obligations_path: &Path, submissions_path: &Path) -> Result<Loaded, Failure> {
    let shared = Shared {
        state: Mutex::new(State::default()),
        joined: Mutex::new(Joined::new()),
        changed: Condvar::new(),
    };
    let mut reader = Worker::new()?;
    let mut helper = Worker::new()?;
    let ((read, cpu_reader), ((submissions, cpu_submissions), cpu_other)) =
        std::thread::scope(|scope| {
            let other = scope.spawn(|| {
                on_cpu(|| {
                    let submissions = on_cpu(|| read_submissions(submissions_path));
                    shared.parse(&mut helper, true, 0);
                    submissions
                })
            });
            let read = on_cpu(|| shared.read(obligations_path, &mut reader));
            let other = other
                .join()
                .map_err(|_| "the thread reading the submissions failed")?;
            Ok::<_, Failure>((read, other))
        })?;
    read?;
    // A part parsed while the other thread was joining waits for this.
    shared.join_ready(shared.joined.lock().unwrap_or_else(PoisonError::into_inner));
    if shared.lock().parts.iter().any(Option::is_some) {
        return Err(format!(
            "`{}`: a part of the file was left out",
            obligations_path.display()
        )
        .into());
    }
    let joined = shared
        .joined
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let (obligations, ids) = joined.finish(obligations_path)?;
    let (events, largest) = submissions?;
    let cpu = [cpu_reader, cpu_other, cpu_submissions];
    let ids = match ids {
        None if largest as usize <= obligations.len() => {
            return Ok(Loaded {
                obligations,
                events,
                cpu,
            });
        }
        None => IdMap::default(),
        Some(ids) => ids,
    };
    // The file's ids are not the rows' order: look each one up.
    let dense = ids.0.is_empty();
    let mut mapped = Events::with_capacity(events.len());
    for i in (0..events.len()).zip(0u32..).map(|(_, i)| i) {
        let event = events
            .get(EventId::from_index(i))
            .ok_or("an event out of range")?;
        let file_id = event.obligation().index().wrapping_add(1);
        let row = if dense {
            // Ids `1..=len` are rows; the others are unknown.
            file_id
                .checked_sub(1)
                .filter(|&row| (row as usize) < obligations.len())
                .unwrap_or(UNKNOWN)
        } else {
            ids.get(file_id)
        };
        mapped.push_submission(ObligationId::from_index(row), event.date())?;
    }
    Ok(Loaded {
        obligations,
        events: mapped,
        cpu,
    })
}

/// The yardstick's name for a status.
pub(crate) fn yardstick_name(status: Status) -> &'static str {
    match status {
        Status::DoneOnTime => "on_time",
        Status::DoneLate => "late",
        Status::OpenOverdue => "missing",
        Status::OpenWithinDeadline => "not_due",
        other => other.as_str(),
    }
}

/// Renders `body_id,status,n`, sorted by body and status name.
pub(crate) fn render(evaluation: &Evaluation<'_>) -> Result<String, Box<dyn Error + Send + Sync>> {
    let mut out = String::from("body_id,status,n\n");
    for (body, card) in StatusCounts::by_body(evaluation) {
        let mut rows: Vec<(&str, u64)> = Status::ALL
            .iter()
            .map(|&s| (yardstick_name(s), card.get(s)))
            .filter(|&(_, n)| n > 0)
            .collect();
        rows.sort_unstable();
        for (name, n) in rows {
            let code = evaluation
                .obligations()
                .body_code(body)
                .ok_or("a body without a code")?;
            writeln!(out, "{code},{name},{n}")?;
        }
    }
    Ok(out)
}
