//! The yardstick pipeline of the `status_csv` example: reading the obligations and
//! submissions CSV files (plain or gzip-compressed) into the library's stores, and
//! rendering the counts per body and status. The integration tests load the generated
//! yardstick through this same module.
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

use chrono::NaiveDate;
use directives::compliance::{Evaluation, Events, Status, StatusCounts};
use directives::directive::{DirectiveKey, TaskNumber};
use directives::document::DocSymbol;
use directives::obligation::{
    ObligationId, ObligationRow, Obligations, PeriodRef, RequirementIndex,
};
use directives::org::{BodyCode, BodyId};
use directives::period::Period;

/// The first month of the yardstick's periods.
const FIRST_YEAR: i32 = 2022;

/// Reads a whole file, decompressing it when it starts with the gzip magic bytes.
pub(crate) fn read_input(path: &Path) -> Result<Vec<u8>, Box<dyn Error>> {
    let raw = std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(raw.len() * 5);
        flate2::read::MultiGzDecoder::new(raw.as_slice()).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
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

/// Parses `YYYY-MM-DD`, with a cache of the dates seen (the inputs use a few thousand).
struct DateParser {
    cache: Vec<Option<NaiveDate>>,
}

impl DateParser {
    fn new() -> DateParser {
        DateParser {
            cache: vec![None; 400 * 13 * 32],
        }
    }

    fn parse(&mut self, field: &[u8]) -> Option<NaiveDate> {
        let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *field else {
            return None;
        };
        let y = parse_u32(&[y0, y1, y2, y3])?;
        let m = parse_u32(&[m0, m1])?;
        let d = parse_u32(&[d0, d1])?;
        let slot = (y.checked_sub(1900)? as usize * 13 + m as usize) * 32 + d as usize;
        if let Some(Some(date)) = self.cache.get(slot) {
            return Some(*date);
        }
        let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
        if let Some(entry) = self.cache.get_mut(slot) {
            *entry = Some(date);
        }
        Some(date)
    }
}

/// Iterates over the data lines of a CSV text (the header skipped), with line numbers.
fn records(text: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    text.split(|&b| b == b'\n')
        .enumerate()
        .skip(1)
        .map(|(i, line)| (i + 1, line.strip_suffix(b"\r").unwrap_or(line)))
        .filter(|(_, line)| !line.is_empty())
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

/// The loaded yardstick: obligations, events, and the map from file ids to store ids.
#[derive(Debug)]
pub(crate) struct Loaded {
    /// The obligations.
    pub(crate) obligations: Obligations,
    /// The submissions.
    pub(crate) events: Events,
}

/// Loads the obligations and submissions files.
pub(crate) fn load(
    obligations_path: &Path,
    submissions_path: &Path,
) -> Result<Loaded, Box<dyn Error>> {
    // Inflate the submissions on a second thread while the obligations are parsed.
    std::thread::scope(|scope| {
        let submissions = scope.spawn(|| read_input(submissions_path).map_err(|e| e.to_string()));
        let text = read_input(obligations_path)?;
        let rows = bytecount_lines(&text);
        let mut obligations = Obligations::with_capacity(rows);
        let directive = obligations.add_directive(DirectiveKey::new(
            DocSymbol::parse("1/CT-UBND")?,
            NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).ok_or("bad date")?,
        ))?;
        let task = obligations.add_clause(TaskNumber::new("1")?)?;
        let mut periods: Vec<PeriodRef> = Vec::new();
        let mut dates = DateParser::new();
        // File obligation id → store id (u32::MAX for ids not in the file).
        let mut ids: Vec<u32> = vec![u32::MAX; rows + 2];
        // Whether file id `k` is store id `k - 1` for every row so far (the usual layout), so
        // that submissions need no look-up.
        let mut dense = true;
        for (line, record) in records(&text) {
            let bad = || {
                format!(
                    "`{}` line {line}: malformed row",
                    obligations_path.display()
                )
            };
            let [id, body, period, due] = fields(record).ok_or_else(bad)?;
            let id = parse_u32(id).ok_or_else(bad)?;
            let period = parse_u32(period).ok_or_else(bad)? as usize;
            while periods.len() <= period {
                let months = i32::try_from(periods.len())?;
                let month = Period::month(FIRST_YEAR + months / 12, (months % 12 + 1).try_into()?)?;
                periods.push(obligations.add_period(month)?);
            }
            let body = BodyId::from_index(parse_u32(body).ok_or_else(bad)?);
            if obligations.body_code(body).is_none() {
                // The file's body id is the body's code.
                obligations.bind_body(body, BodyCode::new(body.index().to_string())?)?;
            }
            let row = ObligationRow {
                directive,
                clause: task,
                requirement: RequirementIndex::new(id),
                body,
                period: *periods.get(period).ok_or_else(bad)?,
                due: dates.parse(due).ok_or_else(bad)?,
            };
            let stored = obligations.insert(row)?;
            dense &= id == stored.index() + 1;
            let slot = id as usize;
            if ids.len() <= slot {
                ids.resize(slot + 1, u32::MAX);
            }
            if let Some(entry) = ids.get_mut(slot) {
                *entry = stored.index();
            }
        }
        drop(text);

        let text = submissions
            .join()
            .map_err(|_| "the reading thread failed")??;
        let mut events = Events::with_capacity(bytecount_lines(&text));
        for (line, record) in records(&text) {
            let bad = || {
                format!(
                    "`{}` line {line}: malformed row",
                    submissions_path.display()
                )
            };
            let [id, submitted] = fields(record).ok_or_else(bad)?;
            let id = parse_u32(id).ok_or_else(bad)? as usize;
            // An id not in the obligations file stays unknown, and the evaluation says so.
            let obligation = if dense {
                u32::try_from(id.wrapping_sub(1))
                    .ok()
                    .filter(|&o| (o as usize) < obligations.len())
                    .unwrap_or(u32::MAX - 1)
            } else {
                ids.get(id).copied().unwrap_or(u32::MAX - 1)
            };
            let obligation = ObligationId::from_index(obligation.min(u32::MAX - 1));
            events.push_submission(obligation, dates.parse(submitted).ok_or_else(bad)?)?;
        }
        Ok(Loaded {
            obligations,
            events,
        })
    })
}

fn bytecount_lines(text: &[u8]) -> usize {
    text.iter().filter(|&&b| b == b'\n').count()
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
pub(crate) fn render(evaluation: &Evaluation<'_>) -> Result<String, Box<dyn Error>> {
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
