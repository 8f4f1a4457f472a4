//! Document symbol parsing throughput: a representative mix of Party, administrative,
//! legal-normative and historic symbols, most with `Đ` (non-ASCII, already NFC), some
//! ASCII, a few in NFD, and a refused one with a glued word. The target is at least 5
//! million symbols per second on the mix. The rate over the real-world corpus is measured
//! by `examples/symbol_corpus.rs`.
#![allow(
    clippy::unwrap_used,
    reason = "a bench fails loudly on unexpected errors"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use directives::document::DocSymbol;

#[path = "support/symbol_mix.rs"]
mod symbol_mix;
use symbol_mix::MIX;

fn symbols(c: &mut Criterion) {
    let nfd: Vec<String> = ["12/QĐ-So\u{31b}\u{309}", "5/KH-Ba\u{301}o"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let mut group = c.benchmark_group("document/symbol");
    group.throughput(Throughput::Elements(MIX.len() as u64));
    group.bench_function("parse/mix", |b| {
        b.iter(|| {
            let mut digits = 0;
            for s in MIX {
                let symbol = DocSymbol::parse(black_box(s)).unwrap();
                digits += symbol.number().len();
            }
            assert_eq!(digits, 90);
            digits
        })
    });
    group.throughput(Throughput::Elements(nfd.len() as u64));
    group.bench_function("parse/nfd", |b| {
        b.iter(|| {
            for s in &nfd {
                let symbol = DocSymbol::parse(black_box(s)).unwrap();
                // Stored composed, so shorter than the decomposed input.
                assert!(symbol.as_str().len() < s.len());
            }
        })
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("parse/refused_glued", |b| {
        b.iter(|| {
            let err = DocSymbol::parse(black_box("41-NQ/TWngày")).unwrap_err();
            assert_eq!(err.probable_meaning(), Some("41-NQ/TW"));
            err
        })
    });
    group.bench_function("parse_lenient/ascii", |b| {
        b.iter(|| {
            let (symbol, corrections) =
                DocSymbol::parse_lenient(black_box("09/2019/ND-CP")).unwrap();
            assert_eq!(corrections.len(), 1);
            symbol
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20);
    targets = symbols
}
criterion_main!(benches);
