//! The floor for reading the yardstick's CSV files: one thread that reads the obligations
//! and submissions files, inflates them when gzip-compressed, splits lines and fields,
//! and parses the numbers and dates into plain columns, with no store, no check beyond
//! the shape and no evaluation. `status_csv` is measured against it.
//!
//! ```sh
//! cargo run --release --example csv_floor -- obligations_1m.csv.gz submissions_1m.csv.gz
//! ```
//!
//! Standard error gets the rows read and the wall and CPU times.

use std::error::Error;
use std::io::Read;
use std::time::Instant;

/// The file's bytes, inflated when they start with the gzip magic bytes.
fn read(path: &str) -> Result<Vec<u8>, Box<dyn Error>> {
    let raw = std::fs::read(path)?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(raw.len() * 5);
        flate2::read::MultiGzDecoder::new(raw.as_slice()).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// An unsigned decimal.
fn number(field: &[u8]) -> Option<u32> {
    field.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit()
            .then(|| acc.wrapping_mul(10).wrapping_add(u32::from(b - b'0')))
    })
}

/// `yyyy-mm-dd` as days since 1970-01-01 (proleptic Gregorian), without checking the day
/// exists.
fn day(field: &[u8]) -> Option<i32> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *field else {
        return None;
    };
    let y = i32::try_from(number(&[y0, y1, y2, y3])?).ok()?;
    let m = i32::try_from(number(&[m0, m1])?).ok()?;
    let d = i32::try_from(number(&[d0, d1])?).ok()?;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The data lines of a CSV text, its header skipped.
fn lines(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    text.split(|&b| b == b'\n')
        .skip(1)
        .filter(|line| !line.is_empty())
}

/// The thread's CPU time so far, if Linux gives it.
fn cpu_nanos() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, obligations, submissions] = args.as_slice() else {
        return Err("usage: csv_floor OBLIGATIONS.csv[.gz] SUBMISSIONS.csv[.gz]".into());
    };
    let (wall, cpu) = (Instant::now(), cpu_nanos());
    let text = read(obligations)?;
    let mut columns: [Vec<u32>; 3] = Default::default();
    let mut due = Vec::new();
    for line in lines(&text) {
        let mut fields = line.split(|&b| b == b',');
        for column in &mut columns {
            column.push(number(fields.next().ok_or("short row")?).ok_or("bad number")?);
        }
        due.push(day(fields.next().ok_or("short row")?).ok_or("bad date")?);
    }
    drop(text);
    let text = read(submissions)?;
    let (mut ids, mut days) = (Vec::new(), Vec::new());
    for line in lines(&text) {
        let (id, date) = line
            .iter()
            .position(|&b| b == b',')
            .map(|at| line.split_at(at))
            .ok_or("short row")?;
        ids.push(number(id).ok_or("bad number")?);
        days.push(day(date.get(1..).ok_or("short row")?).ok_or("bad date")?);
    }
    let cpu = cpu.zip(cpu_nanos()).map(|(a, b)| b.saturating_sub(a));
    eprintln!(
        "obligations: {}, submissions: {}, wall: {:.1} ms, cpu: {}",
        due.len(),
        days.len(),
        wall.elapsed().as_secs_f64() * 1e3,
        cpu.map_or("unknown".to_owned(), |c| format!(
            "{:.1} ms",
            c as f64 / 1e6
        ))
    );
    Ok(())
}
