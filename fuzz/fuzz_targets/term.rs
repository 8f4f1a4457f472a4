//! Legal terms: `Term` FromStr/Display/sentence, `Term::new`, and `Term::ends_on` /
//! `Term::explain` on the Vietnamese calendar.
//!
//! Properties:
//! - a parsed term prints in English and in Vietnamese, and both texts parse back to it;
//!   its count is within the unit's bounds; JSON and TOML round trips;
//! - parsing is insensitive to case and NFC normalisation (idempotence: the normalised
//!   input parses to the same term);
//! - `Term::new` accepts exactly the counts 1..=max_count;
//! - `ends_on` agrees with a naive model (Civil Code 2015 arts. 147–148: add days, weeks,
//!   months clamped to the month's end or years, then walk to the next working day; or
//!   walk working days one at a time), errors exactly when the naive model leaves the
//!   calendar, and `explain` gives the same end, the naive nominal end, and skips exactly
//!   the non-working days the naive model skips.
#![no_main]

use chrono::NaiveDate;
use directives::calendar::{Term, TermUnit};
use directives_fuzz::{add_months_naive, date_in, round_trips, shift, vietnam, vietnam_naive, ymd};
use libfuzzer_sys::arbitrary::{self, Unstructured};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::UnicodeNormalization;

const UNITS: [TermUnit; 5] = [
    TermUnit::Days,
    TermUnit::Weeks,
    TermUnit::Months,
    TermUnit::Years,
    TermUnit::WorkingDays,
];

fn check(term: Term) {
    assert!(
        (1..=term.unit().max_count()).contains(&i64::from(term.count())),
        "{term:?}"
    );
    let english = term.to_string();
    assert_eq!(english.parse::<Term>(), Ok(term), "{english:?}");
    let vietnamese = term.sentence(directives::Lang::Vi);
    assert_eq!(vietnamese.parse::<Term>(), Ok(term), "{vietnamese:?}");
    assert_eq!(
        english.to_uppercase().parse::<Term>(),
        Ok(term),
        "upper case of {english:?}"
    );
    let nfd: String = vietnamese.nfd().collect();
    assert_eq!(nfd.parse::<Term>(), Ok(term), "NFD of {vietnamese:?}");
    round_trips(&term);
}

/// The nominal end by hand; `None` when it leaves the calendar.
fn naive_nominal(term: Term, anchor: NaiveDate) -> Option<NaiveDate> {
    let n = i64::from(term.count());
    let naive = vietnam_naive();
    // The anchor must lie in the calendar.
    naive.is_working(anchor)?;
    let end = match term.unit() {
        TermUnit::Days => shift(anchor, n)?,
        TermUnit::Weeks => shift(anchor, 7 * n)?,
        TermUnit::Months => add_months_naive(anchor, n)?,
        TermUnit::Years => add_months_naive(anchor, 12 * n)?,
        _ => return naive.add_working_days(anchor, n),
    };
    naive.is_working(end).map(|_| end)
}

fn check_end(term: Term, anchor: NaiveDate) {
    let naive = vietnam_naive();
    let cal = vietnam();
    let nominal = naive_nominal(term, anchor);
    let end = nominal.and_then(|d| naive.roll(d, true));
    match (term.ends_on(anchor, cal), end) {
        (Ok(got), Some(want)) => assert_eq!(got, want, "{term} from {anchor}"),
        (Err(_), None) => return,
        (got, want) => panic!("{term} from {anchor}: ends_on {got:?}, naive model {want:?}"),
    }
    let (Some(nominal), Some(end)) = (nominal, end) else {
        return;
    };
    let explained = term
        .explain(anchor, cal)
        .unwrap_or_else(|e| panic!("{term} from {anchor}: {e}"));
    assert_eq!(explained.end(), end);
    assert_eq!(explained.nominal_end(), nominal);
    assert_eq!(explained.anchor(), anchor);
    assert_eq!(explained.term(), term);
    let skip_from = if term.unit() == TermUnit::WorkingDays {
        anchor.succ_opt().unwrap_or(anchor)
    } else {
        nominal
    };
    let skipped: Vec<NaiveDate> = skip_from
        .iter_days()
        .take_while(|d| *d < end)
        .filter(|d| naive.is_working(*d) == Some(false))
        .collect();
    let got: Vec<NaiveDate> = explained.skipped().iter().map(|s| s.date()).collect();
    assert_eq!(got, skipped, "{term} from {anchor}");
}

fn structured(data: &[u8]) -> arbitrary::Result<()> {
    let mut u = Unstructured::new(data);
    let unit = *u.choose(&UNITS)?;
    let count: i64 = if u.ratio(1, 4)? {
        u.arbitrary()?
    } else {
        u.int_in_range(-2..=unit.max_count() + 2)?
    };
    let built = Term::new(count, unit);
    assert_eq!(
        built.is_ok(),
        (1..=unit.max_count()).contains(&count),
        "{count} {unit}: {built:?}"
    );
    let Ok(term) = built else { return Ok(()) };
    assert_eq!((i64::from(term.count()), term.unit()), (count, unit));
    check(term);
    // Mostly short terms, so that most ends fall inside the calendar (1990–2100).
    let term = if u.ratio(3, 4)? {
        Term::new(count.min(60), unit).unwrap_or(term)
    } else {
        term
    };
    let anchor = date_in(&mut u, ymd(1989, 12, 25), ymd(2101, 1, 5))?;
    check_end(term, anchor);
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data)
        && let Ok(term) = s.parse::<Term>()
    {
        check(term);
        let normal: String = s.nfc().collect::<String>().to_lowercase();
        assert_eq!(normal.parse::<Term>(), Ok(term), "normalised {s:?}");
    }
    let _ = structured(data);
});
