//! Regimes and yearly schedules read from JSON and TOML text.
//!
//! The first byte of the input chooses what to read (a `ReportingRegime` or a
//! `YearSchedule`) and from what (JSON or TOML); the rest is the text.
//!
//! Properties, for every value read:
//! - it survives JSON and TOML (written, read back, equal);
//! - writing is a normal form: the value written in the input's format reads back equal,
//!   and writing that again gives the same text;
//! - a schedule keeps its invariant (days sorted, each date once, all in its year) and a
//!   calendar built with it makes each listed day off a day off and each make-up day a
//!   working day.
#![no_main]

use std::fmt::Debug;

use chrono::Datelike;
use directives::calendar::{ScheduledDayKind, WorkCalendar, WorkCalendarBuilder, YearSchedule};
use directives::regime::ReportingRegime;
use directives_fuzz::round_trips;
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn read<T: DeserializeOwned>(text: &str, json: bool) -> Option<T> {
    if json {
        serde_json::from_str(text).ok()
    } else {
        toml::from_str(text).ok()
    }
}

fn write<T: Serialize + Debug>(value: &T, json: bool) -> String {
    let written = if json {
        serde_json::to_string(value).map_err(|e| e.to_string())
    } else {
        toml::to_string(value).map_err(|e| e.to_string())
    };
    written.unwrap_or_else(|e| panic!("cannot write {value:?}: {e}"))
}

fn normal_form<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T, json: bool) {
    round_trips(value);
    let text = write(value, json);
    let back: T = read(&text, json).unwrap_or_else(|| panic!("cannot read back {text:?}"));
    assert_eq!(&back, value, "through {text:?}");
    assert_eq!(write(&back, json), text);
}

fn check_schedule(s: &YearSchedule) {
    let days = s.days();
    assert!(
        days.windows(2).all(|w| w[0].date() < w[1].date()),
        "{s:?}: days not sorted or repeated"
    );
    assert!(
        days.iter().all(|d| d.date().year() == s.year()),
        "{s:?}: a day outside the year"
    );
    let year = s.year();
    let builder = if (1900..=2199).contains(&year) {
        WorkCalendarBuilder::vietnam()
    } else {
        WorkCalendar::builder()
    };
    let Ok(cal) = builder.schedule(s.clone()).years(year, year).build() else {
        // Only years outside 1..=9998 are refused.
        assert!(!(1..=9998).contains(&year), "calendar for {year} refused");
        return;
    };
    for d in days {
        let working = cal
            .is_working_day(d.date())
            .unwrap_or_else(|e| panic!("{}: {e}", d.date()));
        match d.kind() {
            ScheduledDayKind::DayOff => assert!(!working, "{} is a scheduled day off", d.date()),
            ScheduledDayKind::MakeUpWorkingDay => assert!(working, "{} is a make-up day", d.date()),
            _ => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let json = selector & 1 == 0;
    if selector & 2 == 0 {
        if let Some(regime) = read::<ReportingRegime>(text, json) {
            normal_form(&regime, json);
        }
    } else if let Some(schedule) = read::<YearSchedule>(text, json) {
        normal_form(&schedule, json);
        check_schedule(&schedule);
    }
});
