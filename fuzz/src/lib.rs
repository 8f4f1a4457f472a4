//! Helpers shared by the fuzz targets: serde round trips, input decoding and naive models
//! of the calendar that the targets compare the crate against.
//!
//! A property that fails panics with the values involved, which libFuzzer reports as a
//! crash and saves under `fuzz/artifacts/<target>/`.

use std::fmt::Debug;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate};
use directives::calendar::WorkCalendar;
use libfuzzer_sys::arbitrary::{self, Unstructured};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A value under a key, because a TOML document is a table.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Wrap<T> {
    value: T,
}

/// Writes `value` as JSON, reads it back, and asserts the two are equal; returns the text.
pub fn json_round_trip<T>(value: &T) -> String
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let text = serde_json::to_string(value)
        .unwrap_or_else(|e| panic!("cannot write {value:?} as JSON: {e}"));
    let back: T = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("cannot read back {value:?} from JSON {text:?}: {e}"));
    assert_eq!(&back, value, "JSON round trip through {text:?}");
    text
}

/// Writes `value` as TOML (under the key `value`), reads it back, and asserts the two are
/// equal; returns the text.
pub fn toml_round_trip<T>(value: &T) -> String
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let text = toml::to_string(&Wrap { value })
        .unwrap_or_else(|e| panic!("cannot write {value:?} as TOML: {e}"));
    let back: Wrap<T> = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("cannot read back {value:?} from TOML {text:?}: {e}"));
    assert_eq!(&back.value, value, "TOML round trip through {text:?}");
    text
}

/// Both round trips, JSON then TOML.
pub fn round_trips<T>(value: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    json_round_trip(value);
    toml_round_trip(value);
}

/// A date whose day number from the common era (1 = 0001-01-01) lies in `lo..=hi`.
pub fn date_in(
    u: &mut Unstructured<'_>,
    lo: NaiveDate,
    hi: NaiveDate,
) -> arbitrary::Result<NaiveDate> {
    let n = u.int_in_range(lo.num_days_from_ce()..=hi.num_days_from_ce())?;
    NaiveDate::from_num_days_from_ce_opt(n).ok_or(arbitrary::Error::IncorrectFormat)
}

/// A date from its parts, for ranges written in the targets.
pub fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day)
        .unwrap_or_else(|| panic!("bad date {year}-{month}-{day}"))
}

/// The Vietnamese civil-service calendar (1990–2100), built once per process.
pub fn vietnam() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| WorkCalendar::vietnam().expect("the Vietnam calendar builds"))
}

/// Whether `year` is a Gregorian leap year, computed by hand.
pub fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days of a month, computed by hand.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `date` plus `months` calendar months, clamped to the last day of the target month, by
/// hand; `None` past chrono's range.
pub fn add_months_naive(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let slot = i64::from(date.year()) * 12 + i64::from(date.month0()) + months;
    let year = i32::try_from(slot.div_euclid(12)).ok()?;
    let month = u32::try_from(slot.rem_euclid(12)).ok()? + 1;
    let day = date.day().min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `date` plus `days` days (may be negative), `None` past chrono's range.
pub fn shift(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// A calendar walked one day at a time: the reference the calendar's tables are compared
/// against.
#[derive(Debug)]
pub struct NaiveCalendar {
    first: NaiveDate,
    working: Vec<bool>,
}

impl NaiveCalendar {
    /// Reads each day of `cal` from `is_working(day)`.
    pub fn new(
        first: NaiveDate,
        last: NaiveDate,
        mut is_working: impl FnMut(NaiveDate) -> bool,
    ) -> Self {
        let working = first
            .iter_days()
            .take_while(|d| *d <= last)
            .map(&mut is_working)
            .collect();
        NaiveCalendar { first, working }
    }

    fn index(&self, date: NaiveDate) -> Option<usize> {
        let i = usize::try_from((date - self.first).num_days()).ok()?;
        (i < self.working.len()).then_some(i)
    }

    fn date(&self, i: usize) -> NaiveDate {
        shift(self.first, i as i64).expect("index inside the calendar")
    }

    /// Whether `date` is a working day; `None` outside the range.
    pub fn is_working(&self, date: NaiveDate) -> Option<bool> {
        self.index(date).map(|i| self.working[i])
    }

    /// The `days`-th working day strictly after (`days > 0`) or before (`days < 0`)
    /// `date`, `date` itself for 0; `None` outside the range.
    pub fn add_working_days(&self, date: NaiveDate, days: i64) -> Option<NaiveDate> {
        let mut i = self.index(date)?;
        let mut left = days.unsigned_abs();
        while left > 0 {
            if days > 0 {
                i += 1;
                if i >= self.working.len() {
                    return None;
                }
            } else {
                i = i.checked_sub(1)?;
            }
            if self.working[i] {
                left -= 1;
            }
        }
        Some(self.date(i))
    }

    /// The working days in `[from, to)`.
    pub fn working_days(&self, from: NaiveDate, to: NaiveDate) -> Option<Vec<NaiveDate>> {
        let (a, b) = (self.index(from)?, self.index(to)?);
        Some(
            (a..b.max(a))
                .filter(|&i| self.working[i])
                .map(|i| self.date(i))
                .collect(),
        )
    }

    /// The first working day on or after `date` (`forward`), or on or before it.
    pub fn roll(&self, date: NaiveDate, forward: bool) -> Option<NaiveDate> {
        let mut i = self.index(date)?;
        loop {
            if self.working[i] {
                return Some(self.date(i));
            }
            if forward {
                i += 1;
                if i >= self.working.len() {
                    return None;
                }
            } else {
                i = i.checked_sub(1)?;
            }
        }
    }
}

/// The Vietnamese calendar read one day at a time from [`WorkCalendar::day_info`] (not
/// from the tables that answer `is_working_day`), built once per process.
pub fn vietnam_naive() -> &'static NaiveCalendar {
    static NAIVE: OnceLock<NaiveCalendar> = OnceLock::new();
    NAIVE.get_or_init(|| {
        let cal = vietnam();
        NaiveCalendar::new(cal.first(), cal.last(), |d| {
            cal.day_info(d).expect("a day of the calendar").is_working()
        })
    })
}

// ---- Fixtures of the loading targets: the seed registry, letter and events ----

/// The registry of `examples/data/thanh_hoa.toml`.
pub const REGISTRY_TOML: &str = include_str!("../../examples/data/thanh_hoa.toml");
/// The letter of `examples/data/1470-CV-TU.toml`.
pub const DIRECTIVE_TOML: &str = include_str!("../../examples/data/1470-CV-TU.toml");
/// The events of `examples/data/1470-CV-TU.events.csv`.
pub const EVENTS_CSV: &str = include_str!("../../examples/data/1470-CV-TU.events.csv");

/// The seed registry, letter and its obligations for 2024 under the half-yearly regime of
/// Decree 09 (as the `track` example expands them), built once per process.
pub struct Seed {
    /// The registry of Thanh Hóa.
    pub registry: directives::org::Registry,
    /// Letter 1470-CV/TU.
    pub directive: directives::directive::Directive,
    /// Its obligations in 2024.
    pub obligations: directives::obligation::Obligations,
    /// The seed events.
    pub events: directives::compliance::Events,
}

/// The seed, built once per process.
pub fn seed() -> &'static Seed {
    static SEED: OnceLock<Seed> = OnceLock::new();
    SEED.get_or_init(|| {
        use directives::obligation::{ExpansionOptions, obligations_with};
        let registry = directives::org::Registry::from_toml_str(REGISTRY_TOML)
            .expect("the seed registry loads");
        let directive = directives::directive::Loader::new()
            .toml(DIRECTIVE_TOML)
            .expect("the seed letter loads");
        let options = ExpansionOptions::new()
            .default_regime(directives::regime::ReportingRegime::decree_09_half_yearly());
        let horizon = directives::period::Period::year(2024).expect("2024");
        let obligations = obligations_with(&directive, &registry, vietnam(), horizon, &options)
            .expect("the seed letter expands")
            .into_obligations();
        let events = directives::compliance::EventLoader::new(&obligations)
            .directive(directive.key())
            .csv(EVENTS_CSV)
            .expect("the seed events load");
        Seed {
            registry,
            directive,
            obligations,
            events,
        }
    })
}

/// The longest error message a target accepts: errors quote values within a bound, so a
/// message stays short whatever the input.
pub const MAX_MESSAGE: usize = 4096;

/// Asserts that an error's message is not empty and stays within [`MAX_MESSAGE`] bytes.
pub fn bounded_message(error: &dyn std::fmt::Display) -> String {
    let message = error.to_string();
    assert!(!message.trim().is_empty(), "an empty error message");
    assert!(
        message.len() <= MAX_MESSAGE,
        "an error message of {} bytes: {}…",
        message.len(),
        message.chars().take(300).collect::<String>()
    );
    message
}

/// The limits the loading targets read their texts under: 64 KiB of input, so that a run
/// spends its time on the shapes of inputs rather than on their size.
pub fn input_limits() -> directives::Limits {
    directives::Limits::new().with(directives::Limit::Bytes, 1 << 16)
}

/// The text format a loading target reads an input in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// TOML (first byte even).
    Toml,
    /// JSON (first byte odd).
    Json,
}

/// Reads a fuzz input as TOML or JSON (by its first byte) through `load`; a refusal must
/// carry a bounded message. `None` when the rest is not UTF-8 or the text is refused.
pub fn load_toml_or_json<T, E: std::fmt::Display>(
    data: &[u8],
    load: impl FnOnce(Format, &str) -> Result<T, E>,
) -> Option<T> {
    let (format, text) = format_and_text(data, 2)?;
    let format = if format == 0 {
        Format::Toml
    } else {
        Format::Json
    };
    match load(format, text) {
        Ok(value) => Some(value),
        Err(e) => {
            bounded_message(&e);
            None
        }
    }
}

/// Splits a fuzz input into a format (by its first byte) and a UTF-8 text; `None` when
/// the rest is not UTF-8.
pub fn format_and_text(data: &[u8], formats: u8) -> Option<(u8, &str)> {
    let (&first, rest) = data.split_first()?;
    Some((first % formats, std::str::from_utf8(rest).ok()?))
}
