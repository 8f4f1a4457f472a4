//! Lunar dates: `LunarDate` FromStr/Display, `LunarDate::new`, `from_solar` and `to_solar`.
//!
//! Properties:
//! - strict parsing: a string that parses is the date's canonical string, and every date
//!   prints and parses back to itself; JSON and TOML round trips;
//! - `from_solar` accepts exactly the solar range, and `to_solar` inverts it;
//! - the day after a solar date is, in the lunar calendar, the next day of the month or
//!   the first day of the next month (the leap month after its regular month, month 1 of
//!   the next year after month 12), a naive model built from `days_in_month` and
//!   `leap_month_of_year`;
//! - `new` accepts a date exactly when its parts are valid and it lies in `MIN..=MAX`, and
//!   the lunar order is the solar order.
#![no_main]

use chrono::NaiveDate;
use directives::calendar::LunarDate;
use directives_fuzz::{date_in, round_trips, ymd};
use libfuzzer_sys::arbitrary::{self, Unstructured};
use libfuzzer_sys::fuzz_target;

fn check(date: LunarDate) {
    let text = date.to_string();
    assert_eq!(text.parse::<LunarDate>(), Ok(date), "{text}");
    round_trips(&date);
    let solar = date.to_solar();
    assert!(
        (LunarDate::SOLAR_MIN..=LunarDate::SOLAR_MAX).contains(&solar),
        "{text} is {solar}"
    );
    assert_eq!(LunarDate::from_solar(solar), Ok(date), "{text} is {solar}");
    assert!((1..=date.days_in_month()).contains(&date.day()), "{text}");
    assert!(
        date.days_in_month() == 29 || date.days_in_month() == 30,
        "{text}"
    );
    if date.is_leap_month() {
        assert_eq!(
            LunarDate::leap_month_of_year(date.year()),
            Ok(Some(date.month())),
            "{text}"
        );
    }
    assert!((LunarDate::MIN..=LunarDate::MAX).contains(&date), "{text}");
}

/// The lunar day after `date`, by hand; `None` for the last day of a year with no data.
fn naive_next(date: LunarDate) -> Option<LunarDate> {
    let (y, m, d, leap) = (date.year(), date.month(), date.day(), date.is_leap_month());
    if d < date.days_in_month() {
        return LunarDate::new(y, m, d + 1, leap).ok();
    }
    let leap_month = LunarDate::leap_month_of_year(y).ok()?;
    if !leap && leap_month == Some(m) {
        LunarDate::new(y, m, 1, true).ok()
    } else if m == 12 {
        LunarDate::new(y + 1, 1, 1, false).ok()
    } else {
        LunarDate::new(y, m + 1, 1, false).ok()
    }
}

fn structured(data: &[u8]) -> arbitrary::Result<()> {
    let mut u = Unstructured::new(data);
    let solar = date_in(&mut u, ymd(1899, 11, 1), ymd(2200, 2, 28))?;
    let in_range = (LunarDate::SOLAR_MIN..=LunarDate::SOLAR_MAX).contains(&solar);
    let lunar = LunarDate::from_solar(solar);
    assert_eq!(lunar.is_ok(), in_range, "{solar}: {lunar:?}");
    if let Ok(lunar) = lunar {
        assert_eq!(lunar.to_solar(), solar);
        assert_eq!(NaiveDate::from(lunar), solar);
        check(lunar);
        if let Some(next_solar) = solar.succ_opt()
            && let Ok(next) = LunarDate::from_solar(next_solar)
        {
            assert_eq!(
                Some(next),
                naive_next(lunar),
                "{solar} is {lunar}, {next_solar} is {next}"
            );
            assert!(next > lunar);
        }
    }
    let year: i32 = u.int_in_range(1895..=2205)?;
    let month: u8 = u.int_in_range(0..=13)?;
    let day: u8 = u.int_in_range(0..=31)?;
    let leap: bool = u.ratio(1, 4)?;
    let built = LunarDate::new(year, month, day, leap);
    if let Ok(date) = built {
        assert_eq!(
            (date.year(), date.month(), date.day(), date.is_leap_month()),
            (year, month, day, leap)
        );
        check(date);
        if let Ok(lunar) = lunar {
            assert_eq!(
                date.cmp(&lunar),
                date.to_solar().cmp(&solar),
                "{date} vs {lunar}"
            );
        }
    } else if (1..=12).contains(&month) && day >= 1 {
        // Valid parts must build unless the year, the leap month or the day count rule
        // them out, or the date lies outside MIN..=MAX.
        if let Ok(leap_month) = LunarDate::leap_month_of_year(year)
            && (!leap || leap_month == Some(month))
            && day <= 29
            && (LunarDate::MIN.year() < year && year < LunarDate::MAX.year())
        {
            panic!("{year}-{month}-{day} leap={leap} refused: {built:?}");
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data)
        && let Ok(date) = s.parse::<LunarDate>()
    {
        assert_eq!(date.to_string(), s, "{s:?} is not canonical");
        check(date);
    }
    let _ = structured(data);
});
