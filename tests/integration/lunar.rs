//! `LunarDate`: published dates, round trips, errors and the string form.

use chrono::{Days, NaiveDate};
use directives::calendar::{CalendarError, LunarDate};
use proptest::prelude::*;

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// Tết Nguyên Đán 2020–2030 as published for Vietnam.
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

/// Hùng Kings' commemoration day, lunar 10/3 (Labour Code 2019 art. 112), as published
/// in Vietnamese calendars for 2020–2030.
#[test]
fn hung_kings_day_2020_to_2030() {
    let published = [
        (2020, ymd(2020, 4, 2)),
        (2021, ymd(2021, 4, 21)),
        (2022, ymd(2022, 4, 10)),
        (2023, ymd(2023, 4, 29)),
        (2024, ymd(2024, 4, 18)),
        (2025, ymd(2025, 4, 7)),
        (2026, ymd(2026, 4, 26)),
        (2027, ymd(2027, 4, 16)),
        (2028, ymd(2028, 4, 4)),
        (2029, ymd(2029, 4, 23)),
        (2030, ymd(2030, 4, 12)),
    ];
    for (year, solar) in published {
        let day = LunarDate::new(year, 3, 10, false).unwrap();
        assert_eq!(day.to_solar(), solar, "Hùng Kings' day {year}");
        assert_eq!(LunarDate::from_solar(solar), Ok(day));
    }
}

/// Years in which Vietnam's calendar (UTC+7) and China's (UTC+8) put Tết on different
/// days; these are Vietnam's dates.
#[test]
fn tet_in_years_where_vietnam_differs_from_china() {
    let vietnam = [
        (1968, ymd(1968, 1, 29)), // China: 1968-01-30
        (1969, ymd(1969, 2, 16)), // China: 1969-02-17
        (1985, ymd(1985, 1, 21)), // China: 1985-02-20
        (2007, ymd(2007, 2, 17)), // China: 2007-02-18
        (2030, ymd(2030, 2, 2)),  // China: 2030-02-03
        (2053, ymd(2053, 2, 18)), // China: 2053-02-19
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

/// Walks every day of the range through the public API: the lunar date advances by one
/// day, or starts the next month after the last day of a 29- or 30-day month, and every
/// year has 12 or 13 months of plausible length.
#[test]
fn every_day_of_the_range_is_contiguous() {
    let mut date = LunarDate::SOLAR_MIN;
    let mut previous = LunarDate::from_solar(date).unwrap();
    assert_eq!(previous, LunarDate::MIN);
    let (mut months_in_year, mut days_in_year) = (1u32, 1u32);
    while date < LunarDate::SOLAR_MAX {
        date = date.succ_opt().unwrap();
        let lunar = LunarDate::from_solar(date).unwrap();
        assert_eq!(lunar.to_solar(), date);
        assert!((29..=30).contains(&lunar.days_in_month()), "{date}");
        if lunar.day() == 1 {
            assert_eq!(previous.day(), previous.days_in_month(), "{date}");
            let leap_month = LunarDate::leap_month_of_year(previous.year()).unwrap();
            let expected = if !previous.is_leap_month() && leap_month == Some(previous.month()) {
                (previous.year(), previous.month(), true)
            } else if previous.month() == 12 {
                (previous.year() + 1, 1, false)
            } else {
                (previous.year(), previous.month() + 1, false)
            };
            assert_eq!(
                (lunar.year(), lunar.month(), lunar.is_leap_month()),
                expected,
                "{date}"
            );
            if lunar.year() == previous.year() {
                months_in_year += 1;
            } else {
                // A whole year ended (the first, 1899, is partial).
                if previous.year() > 1899 {
                    let leap = LunarDate::leap_month_of_year(previous.year()).unwrap();
                    let (months, days) = if leap.is_some() {
                        (13, 383..=385)
                    } else {
                        (12, 353..=355)
                    };
                    assert_eq!(months_in_year, months, "lunar year {}", previous.year());
                    assert!(
                        days.contains(&days_in_year),
                        "lunar year {}",
                        previous.year()
                    );
                }
                months_in_year = 1;
                days_in_year = 0;
            }
        } else {
            assert_eq!(
                (
                    lunar.year(),
                    lunar.month(),
                    lunar.is_leap_month(),
                    lunar.day()
                ),
                (
                    previous.year(),
                    previous.month(),
                    previous.is_leap_month(),
                    previous.day() + 1
                ),
                "{date}"
            );
        }
        days_in_year += 1;
        previous = lunar;
    }
    assert_eq!(previous, LunarDate::MAX);
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

#[test]
fn string_form() {
    let regular = LunarDate::new(2024, 1, 1, false).unwrap();
    let leap = LunarDate::new(2023, 2, 15, true).unwrap();
    assert_eq!(regular.to_string(), "2024-01-01");
    assert_eq!(leap.to_string(), "2023-02L-15");
    assert_eq!("2024-01-01".parse::<LunarDate>(), Ok(regular));
    assert_eq!("2023-02L-15".parse::<LunarDate>(), Ok(leap));
    assert_eq!(LunarDate::MIN.to_string(), "1899-12-01");
    for bad in [
        "",
        "2024",
        "2024-01",
        "2024-1-01",
        "2024-01-1",
        "24-01-01",
        "02024-01-01",
        "2024-01l-01",
        "2024-L01-01",
        "2024-01-01L",
        "2024-01-01-",
        "+024-01-01",
        "2024-+1-01",
        " 2024-01-01",
        "2024/01/01",
        "２０２４-01-01",
    ] {
        assert_eq!(
            bad.parse::<LunarDate>(),
            Err(CalendarError::ParseLunarDate {
                input: bad.to_owned()
            }),
            "{bad:?}"
        );
    }
    // Well-formed strings still go through validation.
    assert_eq!(
        "2024-02L-01".parse::<LunarDate>(),
        Err(CalendarError::NoSuchLeapMonth {
            year: 2024,
            month: 2,
            leap_month: None
        })
    );
}

#[cfg(feature = "serde")]
#[test]
fn serde_as_string() {
    let leap = LunarDate::new(2023, 2, 15, true).unwrap();
    assert_eq!(serde_json::to_string(&leap).unwrap(), r#""2023-02L-15""#);
    assert_eq!(
        serde_json::from_str::<LunarDate>(r#""2023-02L-15""#).unwrap(),
        leap
    );
    assert_eq!(
        serde_json::from_str::<Vec<LunarDate>>(r#"["2024-01-01", "2024-03-10"]"#).unwrap(),
        [
            LunarDate::new(2024, 1, 1, false).unwrap(),
            LunarDate::new(2024, 3, 10, false).unwrap()
        ]
    );
    // Deserializing validates.
    let error = serde_json::from_str::<LunarDate>(r#""2024-12-30""#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "lunar month `2024-12` has no day `30`: it has `29` days at line 1 column 12"
    );
    assert!(serde_json::from_str::<LunarDate>("20240101").is_err());
}

/// Any solar date in range, as a day offset from the first.
fn solar_date() -> impl Strategy<Value = NaiveDate> {
    let days = (LunarDate::SOLAR_MAX - LunarDate::SOLAR_MIN).num_days();
    (0..=u64::try_from(days).unwrap()).prop_map(|n| LunarDate::SOLAR_MIN + Days::new(n))
}

proptest! {
    #[test]
    fn solar_lunar_solar_round_trip(date in solar_date()) {
        let lunar = LunarDate::from_solar(date).unwrap();
        prop_assert_eq!(lunar.to_solar(), date);
        prop_assert!((1..=lunar.days_in_month()).contains(&lunar.day()));
        prop_assert!((29..=30).contains(&lunar.days_in_month()));
    }

    #[test]
    fn parts_and_string_round_trip(date in solar_date()) {
        let lunar = LunarDate::from_solar(date).unwrap();
        let rebuilt = LunarDate::new(
            lunar.year(),
            lunar.month(),
            lunar.day(),
            lunar.is_leap_month(),
        );
        prop_assert_eq!(rebuilt, Ok(lunar));
        prop_assert_eq!(lunar.to_string().parse::<LunarDate>(), Ok(lunar));
    }

    #[test]
    fn order_follows_solar_order(a in solar_date(), b in solar_date()) {
        let (la, lb) = (LunarDate::from_solar(a).unwrap(), LunarDate::from_solar(b).unwrap());
        prop_assert_eq!(la.cmp(&lb), a.cmp(&b));
    }

    #[test]
    fn new_accepts_exactly_the_existing_dates(
        year in 1899..=2199i32,
        month in 0u8..=13,
        day in 0u8..=31,
        leap: bool,
    ) {
        match LunarDate::new(year, month, day, leap) {
            Ok(lunar) => {
                let back = LunarDate::from_solar(lunar.to_solar()).unwrap();
                prop_assert_eq!(back, lunar);
            }
            Err(CalendarError::LunarMonthOutOfRange { .. }) => {
                prop_assert!(month == 0 || month > 12);
            }
            Err(CalendarError::NoSuchLeapMonth { leap_month, .. }) => {
                prop_assert!(leap);
                prop_assert_ne!(leap_month, Some(month));
                prop_assert_eq!(LunarDate::leap_month_of_year(year), Ok(leap_month));
            }
            Err(CalendarError::LunarDayOutOfRange { days_in_month, .. }) => {
                prop_assert!(day == 0 || day > days_in_month);
            }
            Err(CalendarError::LunarDateOutOfRange { .. }) => {
                prop_assert!(year == 1899 || year == 2199);
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }
}
