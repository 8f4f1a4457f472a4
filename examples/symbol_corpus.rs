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

use std::collections::BTreeMap;
use std::error::Error;
use std::hint::black_box;
use std::time::Instant;

use directives::document::DocSymbol;

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
                if DocSymbol::parse(&s.to_string()).ok().as_ref() != Some(&s) {
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
    let rounds = 20;
    let start = Instant::now();
    let mut accepted = 0usize;
    for _ in 0..rounds {
        for (symbol, _) in &rows {
            accepted += usize::from(DocSymbol::parse(black_box(symbol)).is_ok());
        }
    }
    let elapsed = start.elapsed();
    let parsed = rows.len() * rounds;
    eprintln!(
        "strict parse: {parsed} strings in {elapsed:.3?}: {:.2} million/s ({} accepted a round)",
        parsed as f64 / elapsed.as_secs_f64() / 1e6,
        accepted / rounds
    );
    Ok(())
}
