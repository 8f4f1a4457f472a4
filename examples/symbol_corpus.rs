//! Parses every string of the real-world symbol corpus (`corpora/doc_symbols.tsv` in the
//! shared data folder) with the strict and the lenient parse, and prints how many each
//! accepts per `form_guess`, and the parse rate over the whole corpus.
//!
//! ```sh
//! cargo run --release --example symbol_corpus -- "$DIRECTIVES_SHARED/corpora/doc_symbols.tsv"
//! ```
//!
//! With `--refused FORM` it prints the strings of that form the strict parse refuses, with
//! the reason, one a line.
//!
//! The rate is given in wall-clock time and, on Linux, in the process's CPU time (user plus
//! system, from `/proc/self/stat`), which a busy machine disturbs less.

use std::collections::BTreeMap;
use std::error::Error;
use std::hint::black_box;
use std::time::Instant;

use directives::document::DocSymbol;

#[path = "../benches/support/symbol_mix.rs"]
mod symbol_mix;
use symbol_mix::MIX;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: symbol_corpus PATH/doc_symbols.tsv [--refused FORM]")?;
    let refused_form = match (args.next().as_deref(), args.next()) {
        (Some("--refused"), Some(form)) => Some(form),
        (None, _) => None,
        _ => return Err("usage: symbol_corpus PATH/doc_symbols.tsv [--refused FORM]".into()),
    };
    let text = std::fs::read_to_string(&path)?;
    let mut rows: Vec<(&str, &str)> = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(symbol), Some(form)) = (fields.first(), fields.get(5)) else {
            return Err(format!("{path}:{}: expected 7 tab-separated fields", n + 1).into());
        };
        rows.push((symbol, form));
    }
    let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for (symbol, form) in &rows {
        let entry = counts.entry(form).or_default();
        entry[0] += 1;
        match DocSymbol::parse(symbol) {
            Ok(s) => {
                entry[1] += 1;
                if DocSymbol::parse(&format!("{s}")).ok().as_ref() != Some(&s) {
                    println!("round trip failed: {symbol}");
                }
            }
            Err(e) => {
                if refused_form.as_deref() == Some(*form) {
                    println!("{symbol}\t{}", e.reason());
                }
            }
        }
        if DocSymbol::parse_lenient(symbol).is_ok() {
            entry[2] += 1;
        }
    }
    println!("form_guess\trows\tstrict\tlenient");
    for (form, [n, strict, lenient]) in &counts {
        println!("{form}\t{n}\t{strict}\t{lenient}");
    }
    let rounds = 50;
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let mut accepted = 0usize;
    for _ in 0..rounds {
        for (symbol, _) in &rows {
            accepted += usize::from(DocSymbol::parse(black_box(symbol)).is_ok());
        }
    }
    let wall = wall.elapsed().as_secs_f64();
    let parsed = (rows.len() * rounds) as f64;
    eprintln!(
        "strict parse of the corpus: {parsed} strings in {wall:.3} s: {:.2} million/s wall ({} accepted a round)",
        parsed / wall / 1e6,
        accepted / rounds
    );
    if let (Some(start), Some(end)) = (cpu, cpu_seconds()) {
        eprintln!(
            "strict parse of the corpus: {:.2} million/s of CPU time",
            parsed / (end - start) / 1e6
        );
    }
    // The mix of `benches/document.rs`, timed the same way.
    let rounds = 100_000;
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let mut digits = 0usize;
    for _ in 0..rounds {
        for symbol in MIX {
            digits += DocSymbol::parse(black_box(symbol)).map_or(0, |s| s.number().len());
        }
    }
    let wall = wall.elapsed().as_secs_f64();
    let parsed = (MIX.len() * rounds) as f64;
    if digits != 90 * rounds {
        return Err("the mix no longer parses".into());
    }
    eprintln!(
        "strict parse of the bench mix: {:.2} million/s wall",
        parsed / wall / 1e6
    );
    if let (Some(start), Some(end)) = (cpu, cpu_seconds()) {
        eprintln!(
            "strict parse of the bench mix: {:.2} million/s of CPU time",
            parsed / (end - start) / 1e6
        );
    }
    Ok(())
}

/// The process's CPU time in seconds (user plus system), where `/proc` tells it.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    // Linux reports clock ticks of 1/100 s on every common configuration.
    Some((user + system) / 100.0)
}
