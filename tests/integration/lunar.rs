//! `LunarDate`: published dates, round trips, errors and the string form.

use chrono::NaiveDate;
use directives::calendar::{CalendarError, LunarDate};

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// Tết Nguyên Đán 2020–2030 as published for Vietnam (DOMAIN.md §6).
#[test]
fn tet_2020_to_2030() {
    let published = [
        (2020, ymd(2020, 1, 25)),
        (2021, ymd(2021, 2, 12)),
        (2022, ymd(2022, 2, 1)),
        (2023, ymd(2023, 1, 22)),
        (2024, ymd(2024, 2, 10)),
        (2025, ymd(2025, 1, 29)),
        (2026, ymd(2026, 2, 17)),
        (2027, ymd(2027, 2, 6)),
        (2028, ymd(2028, 1, 26)),
        (2029, ymd(2029, 2, 13)),
        (2030, ymd(2030, 2, 2)),
    ];
    for (year, solar) in published {
        let tet = LunarDate::new(year, 1, 1, false).unwrap();
        assert_eq!(tet.to_solar(), solar, "Tết {year}");
        assert_eq!(LunarDate::from_solar(solar), Ok(tet), "Tết {year}");
        // The day before Tết is the last day of month 12 of the previous year.
        let eve = LunarDate::from_solar(solar.pred_opt().unwrap()).unwrap();
        assert_eq!(
            (eve.year(), eve.month()),
            (year - 1, 12),
            "eve of Tết {year}"
        );
        assert_eq!(eve.day(), eve.days_in_month(), "eve of Tết {year}");
    }
}

/// Hùng Kings' commemoration day, lunar 10/3 (Labour Code 2019 art. 112; DOMAIN.md §6).
#[test]
fn hung_kings_day_2024_to_2026() {
    let published = [
        (2024, ymd(2024, 4, 18)),
        (2025, ymd(2025, 4, 7)),
        (2026, ymd(2026, 4, 26)),
    ];
    for (year, solar) in published {
        let day = LunarDate::new(year, 3, 10, false).unwrap();
        assert_eq!(day.to_solar(), solar, "Hùng Kings' day {year}");
        assert_eq!(LunarDate::from_solar(solar), Ok(day));
    }
}

/// Years in which Vietnam's calendar (UTC+7) and China's (UTC+8) put Tết on different
/// days (DOMAIN.md §6); these are Vietnam's dates.
#[test]
fn tet_in_years_where_vietnam_differs_from_china() {
    let vietnam = [
        (1968, ymd(1968, 1, 29)), // China: 1968-01-30
        (1985, ymd(1985, 1, 21)), // China: 1985-02-20
        (2007, ymd(2007, 2, 17)), // China: 2007-02-18
        (2030, ymd(2030, 2, 2)),  // China: 2030-02-03
    ];
    for (year, solar) in vietnam {
        assert_eq!(
            LunarDate::new(year, 1, 1, false).unwrap().to_solar(),
            solar,
            "Tết {year}"
        );
    }
    // In 1985 the two calendars were a month apart: China's Tết was the first day of
    // month 2 in Vietnam.
    let china_tet_1985 = LunarDate::from_solar(ymd(1985, 2, 20)).unwrap();
    assert_eq!(china_tet_1985, LunarDate::new(1985, 2, 1, false).unwrap());
}

#[test]
fn leap_months() {
    assert_eq!(LunarDate::leap_month_of_year(2020), Ok(Some(4)));
    assert_eq!(LunarDate::leap_month_of_year(2023), Ok(Some(2)));
    assert_eq!(LunarDate::leap_month_of_year(2024), Ok(None));
    assert_eq!(LunarDate::leap_month_of_year(2025), Ok(Some(6)));
    // Leap month 2 of 2023 began on 2023-03-22 and follows the regular month 2.
    let leap = LunarDate::new(2023, 2, 1, true).unwrap();
    assert_eq!(leap.to_solar(), ymd(2023, 3, 22));
    assert!(LunarDate::new(2023, 2, 29, false).unwrap() < leap);
    assert!(leap < LunarDate::new(2023, 3, 1, false).unwrap());
}

/// Error messages are part of the API: pin them.
#[test]
fn bad_input_errors() {
    let message = |result: Result<LunarDate, CalendarError>| result.unwrap_err().to_string();
    assert_eq!(
        message(LunarDate::new(1800, 1, 1, false)),
        "lunar year `1800` is outside the supported range `1899..=2199`"
    );
    assert_eq!(
        message(LunarDate::new(2024, 13, 1, false)),
        "lunar month `13` is not in `1..=12`"
    );
    assert_eq!(
        message(LunarDate::new(2024, 0, 1, false)),
        "lunar month `0` is not in `1..=12`"
    );
    assert_eq!(
        message(LunarDate::new(2024, 5, 1, true)),
        "lunar year `2024` has no leap month `5`: it has no leap month"
    );
    assert_eq!(
        message(LunarDate::new(2023, 5, 1, true)),
        "lunar year `2023` has no leap month `5`: its leap month is `2`"
    );
    assert_eq!(
        message(LunarDate::new(2024, 12, 30, false)),
        "lunar month `2024-12` has no day `30`: it has `29` days"
    );
    assert_eq!(
        message(LunarDate::new(2023, 2, 0, true)),
        "lunar month `2023-02L` has no day `0`: it has `29` days"
    );
    assert_eq!(
        message(LunarDate::new(1899, 11, 15, false)),
        "lunar date `1899-11-15` is outside the supported range `1899-12-01..=2199-11-14`"
    );
    assert_eq!(
        message(LunarDate::new(2199, 12, 1, false)),
        "lunar date `2199-12-01` is outside the supported range `1899-12-01..=2199-11-14`"
    );
    assert_eq!(
        message(LunarDate::from_solar(ymd(1899, 12, 31))),
        "solar date `1899-12-31` is outside the lunar calendar's range `1900-01-01..=2199-12-31`"
    );
    assert_eq!(
        message(LunarDate::from_solar(ymd(2200, 1, 1))),
        "solar date `2200-01-01` is outside the lunar calendar's range `1900-01-01..=2199-12-31`"
    );
    assert_eq!(
        message("2024-1-1".parse()),
        "invalid lunar date `2024-1-1`: expected `YYYY-MM-DD`, or `YYYY-MML-DD` for a leap month"
    );
    assert_eq!(
        LunarDate::new(2024, 13, 1, false),
        Err(CalendarError::LunarMonthOutOfRange { month: 13 })
    );
}
