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

use std::error::Error;
use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use directives::calendar::parse_date;
use directives::compliance::{Evaluation, EventId, Events, Status, StatusCounts};
use directives::directive::{DirectiveKey, TaskNumber};
use directives::document::DocSymbol;
use directives::obligation::{
    ObligationId, ObligationRow, Obligations, PeriodRef, RequirementIndex,
};
use directives::org::{BodyCode, BodyId};
use directives::period::Period;

/// The first month of the yardstick's periods.
const FIRST_YEAR: i32 = 2022;

/// The bytes read (and inflated) at a time.
const CHUNK: usize = 1 << 20;

/// The obligation id of a submission whose id the obligations file does not hold: the
/// evaluation reports it as an event of an unknown obligation.
const UNKNOWN: u32 = u32::MAX - 1;

/// Opens a file, decompressing it when it starts with the gzip magic bytes.
fn open(path: &Path) -> Result<Box<dyn Read + Send>, Box<dyn Error + Send + Sync>> {
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
pub(crate) fn read_input(path: &Path) -> Result<Vec<u8>, Box<dyn Error + Send + Sync>> {
    let mut out = Vec::new();
    open(path)?
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    Ok(out)
}

/// Calls `row` with each data line of a CSV file (the header skipped, a final `\r`
/// dropped, blank lines skipped) and its 1-based line number, reading the file in chunks.
fn for_each_row(
    path: &Path,
    mut row: impl FnMut(usize, &[u8]) -> Result<(), Box<dyn Error + Send + Sync>>,
) -> Result<(), Box<dyn Error + Send + Sync>> {
    let mut reader = open(path)?;
    let mut buffer = vec![0u8; CHUNK];
    // Bytes `..kept` of the buffer are the start of a line not yet complete.
    let mut kept = 0;
    let mut line = 0;
    loop {
        if kept == buffer.len() {
            // A line longer than the buffer: make room.
            buffer.resize(buffer.len() * 2, 0);
        }
        let read = reader
            .read(buffer.get_mut(kept..).unwrap_or_default())
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let end = kept + read;
        let text = buffer.get(..end).unwrap_or_default();
        // At the end of the file the last line needs no newline.
        let complete = if read == 0 {
            end
        } else {
            text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
        };
        let lines = text.get(..complete).unwrap_or_default();
        // Without its final newline, so that `split` gives no empty piece after it.
        let lines = lines.strip_suffix(b"\n").unwrap_or(lines);
        if complete > 0 {
            for record in lines.split(|&b| b == b'\n') {
                line += 1;
                let record = record.strip_suffix(b"\r").unwrap_or(record);
                if line > 1 && !record.is_empty() {
                    row(line, record)?;
                }
            }
        }
        if read == 0 {
            return Ok(());
        }
        buffer.copy_within(complete..end, 0);
        kept = end - complete;
    }
}

/// Parses an unsigned decimal field.
fn parse_u32(field: &[u8]) -> Option<u32> {
    if field.is_empty() || field.len() > 9 {
        return None;
    }
    field.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
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
    /// The time on a CPU of the thread that read the obligations and of the one that read
    /// the submissions, where Linux gives it.
    pub(crate) cpu: [Option<Duration>; 2],
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

/// The obligations file read into a store, with the file's ids.
struct ObligationsFile {
    obligations: Obligations,
    /// File obligation id → store row (`UNKNOWN` for ids not in the file).
    ids: Vec<u32>,
    /// Whether file id `k` is store row `k - 1` for every row (the usual layout).
    dense: bool,
}

/// Reads the obligations file into a store.
fn read_obligations(path: &Path) -> Result<ObligationsFile, Box<dyn Error + Send + Sync>> {
    let mut obligations = Obligations::new();
    let directive = obligations.add_directive(DirectiveKey::new(
        DocSymbol::parse("1/CT-UBND")?,
        NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).ok_or("bad date")?,
    ))?;
    let task = obligations.add_clause(TaskNumber::new("1")?)?;
    let mut periods: Vec<PeriodRef> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut dense = true;
    let mut dates = Dates::new();
    // Whether the store has the code of body `k` yet.
    let mut bound: Vec<bool> = Vec::new();
    for_each_row(path, |line, record| {
        let bad = || format!("`{}` line {line}: malformed row", path.display());
        let [id, body, period, due] = fields(record).ok_or_else(bad)?;
        let id = parse_u32(id).ok_or_else(bad)?;
        let period = parse_u32(period).ok_or_else(bad)? as usize;
        while periods.len() <= period {
            let months = i32::try_from(periods.len())?;
            let month = Period::month(FIRST_YEAR + months / 12, (months % 12 + 1).try_into()?)?;
            periods.push(obligations.add_period(month)?);
        }
        let body = BodyId::from_index(parse_u32(body).ok_or_else(bad)?);
        let slot = body.index() as usize;
        if !bound.get(slot).copied().unwrap_or(false) {
            // The file's body id is the body's code.
            obligations.bind_body(body, BodyCode::new(body.index().to_string())?)?;
            if bound.len() <= slot {
                bound.resize(slot + 1, false);
            }
            if let Some(known) = bound.get_mut(slot) {
                *known = true;
            }
        }
        let row = ObligationRow {
            directive,
            clause: task,
            requirement: RequirementIndex::new(id),
            body,
            period: *periods.get(period).ok_or_else(bad)?,
            due: dates.parse(due).ok_or_else(bad)?,
        };
        let stored = obligations.insert(row)?.index();
        dense &= id == stored.wrapping_add(1);
        let slot = id as usize;
        if ids.len() <= slot {
            ids.resize(slot + 1, UNKNOWN);
        }
        if let Some(entry) = ids.get_mut(slot) {
            *entry = stored;
        }
        Ok(())
    })?;
    Ok(ObligationsFile {
        obligations,
        ids,
        dense,
    })
}

/// Reads the submissions file into a log whose obligation ids are the file's ids less
/// one, with the largest file id seen.
fn read_submissions(path: &Path) -> Result<(Events, u32), Box<dyn Error + Send + Sync>> {
    // About 18 bytes a row; the log grows past the guess if it must.
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let mut events = Events::with_capacity(usize::try_from(size / 18).unwrap_or(0).min(1 << 26));
    let mut largest = 0;
    let mut dates = Dates::new();
    for_each_row(path, |line, record| {
        let bad = || format!("`{}` line {line}: malformed row", path.display());
        let [id, submitted] = fields(record).ok_or_else(bad)?;
        let id = parse_u32(id).ok_or_else(bad)?;
        largest = largest.max(id);
        let obligation = ObligationId::from_index(id.wrapping_sub(1).min(UNKNOWN));
        events.push_submission(obligation, dates.parse(submitted).ok_or_else(bad)?)?;
        Ok(())
    })?;
    Ok((events, largest))
}

/// Loads the obligations and submissions files, one on each of two threads.
pub(crate) fn load(
    obligations_path: &Path,
    submissions_path: &Path,
) -> Result<Loaded, Box<dyn Error + Send + Sync>> {
    let ((file, cpu_obligations), (submissions, cpu_submissions)) = std::thread::scope(|scope| {
        let submissions = scope.spawn(|| on_cpu(|| read_submissions(submissions_path)));
        let file = on_cpu(|| read_obligations(obligations_path));
        let submissions = submissions
            .join()
            .map_err(|_| "the thread reading the submissions failed")?;
        Ok::<_, Box<dyn Error + Send + Sync>>((file, submissions))
    })?;
    let (file, submissions) = (file?, submissions?);
    let cpu = [cpu_obligations, cpu_submissions];
    let ObligationsFile {
        obligations,
        ids,
        dense,
    } = file;
    let (events, largest) = submissions;
    if dense && largest as usize <= obligations.len() {
        return Ok(Loaded {
            obligations,
            events,
            cpu,
        });
    }
    // The file's ids are not the rows' order: look each one up.
    let mut mapped = Events::with_capacity(events.len());
    for i in (0..events.len()).zip(0u32..).map(|(_, i)| i) {
        let event = events
            .get(EventId::from_index(i))
            .ok_or("an event out of range")?;
        let file_id = event.obligation().index().wrapping_add(1) as usize;
        let row = ids.get(file_id).copied().unwrap_or(UNKNOWN);
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
