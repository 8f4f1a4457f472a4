//! Time (and, on Linux, peak memory) of inputs built to make a loader or a builder
//! quadratic, at n and 2n, so that a reader sees each grow linearly (or as n log n):
//!
//! - a registry file with n moves, each on its own date (the hierarchy changes n times);
//! - a merge of n bodies into one, and a split of one body into n parts;
//! - a directive citing n documents that share one symbol (numbers restart every year).
//!
//! ```text
//! cargo run --release --example hostile_scale -- 16000
//! ```

use std::error::Error;
use std::fmt::Write as _;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use directives::directive::Directive;
use directives::document::{DocSymbol, Document};
use directives::org::{Body, BodyCode, BodyKind, Change, Level, Registry};

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, Box<dyn Error>> {
    Ok(NaiveDate::from_ymd_opt(y, m, d).ok_or("date")?)
}

/// A registry file of n bodies under two parents, each body moving to the other parent on
/// its own date.
fn moves_toml(n: u64) -> String {
    let mut text = String::new();
    for code in ["P1", "P2"] {
        let _ = write!(
            text,
            "[[bodies]]\ncode = \"{code}\"\nname = \"{code}\"\nkind = \"other\"\nlevel = \"province\"\nfrom = \"1900-01-01\"\n\n"
        );
    }
    for i in 0..n {
        let _ = write!(
            text,
            "[[bodies]]\ncode = \"B{i}\"\nname = \"Đơn vị {i}\"\nkind = \"other\"\nlevel = \"district\"\nparent = \"P1\"\nfrom = \"1950-01-01\"\n\n"
        );
    }
    let start = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap_or_default();
    for i in 0..n {
        let date = start + Days::new(i);
        let _ = write!(
            text,
            "[[changes]]\nchange = \"move\"\nbody = \"B{i}\"\ndate = \"{date}\"\nparent = \"P2\"\n\n"
        );
    }
    text
}

fn body(code: &str, from: NaiveDate) -> Result<Body, Box<dyn Error>> {
    Ok(Body::new(
        code.parse()?,
        code,
        BodyKind::Other,
        Level::Commune,
        from,
    ))
}

fn merge_and_split(n: usize) -> Result<(), Box<dyn Error>> {
    let old = day(2000, 1, 1)?;
    let on = day(2025, 7, 1)?;
    let codes: Vec<BodyCode> = (0..n)
        .map(|i| format!("X{i}").parse())
        .collect::<Result<_, _>>()?;
    let mut builder = Registry::builder().body(body("INTO", on)?);
    for code in &codes {
        builder = builder.body(body(code.as_str(), old)?);
    }
    builder
        .change(Change::Merge {
            bodies: codes.clone(),
            into: "INTO".parse()?,
            date: on,
            provenance: None,
        })
        .build()?;
    let mut builder = Registry::builder().body(body("WHOLE", old)?);
    for code in &codes {
        builder = builder.body(body(code.as_str(), on)?);
    }
    builder
        .change(Change::Split {
            body: "WHOLE".parse()?,
            into: codes.clone(),
            heir: codes.first().ok_or("no parts")?.clone(),
            date: on,
            provenance: None,
        })
        .build()?;
    Ok(())
}

fn cited(n: u64) -> Result<(), Box<dyn Error>> {
    let symbol = DocSymbol::parse("16/CT-TTg")?;
    let first = day(1900, 1, 1)?;
    let mut builder = Directive::builder(
        Document::builder(DocSymbol::parse("15/KH-UBND")?, day(2200, 1, 1)?).build()?,
    );
    for i in 0..n {
        builder = builder.cited(Document::builder(symbol.clone(), first + Days::new(i)).build()?);
    }
    builder.build()?;
    Ok(())
}

/// The peak resident memory of the process so far, in MiB, where `/proc` tells it.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() -> Result<(), Box<dyn Error>> {
    let n: u64 = std::env::args().nth(1).map_or(Ok(16_000), |a| a.parse())?;
    for size in [n, 2 * n] {
        let text = moves_toml(size);
        let start = Instant::now();
        let registry = Registry::from_toml_str(&text)?;
        println!(
            "registry: {} bodies, {size} moves on distinct dates, {:.1} MB of TOML: {:.3} s (peak {:.0} MiB so far)",
            registry.len(),
            text.len() as f64 / 1e6,
            start.elapsed().as_secs_f64(),
            peak_mib().unwrap_or(f64::NAN)
        );
    }
    for size in [n, 2 * n] {
        let start = Instant::now();
        merge_and_split(usize::try_from(size)?)?;
        println!(
            "merge of {size} bodies and split into {size} parts: {:.3} s",
            start.elapsed().as_secs_f64()
        );
    }
    for size in [n, 2 * n] {
        let start = Instant::now();
        cited(size)?;
        println!(
            "directive citing {size} documents with one symbol: {:.3} s",
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
