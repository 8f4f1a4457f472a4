//! The astronomical computation behind the lunar calendar.
//!
//! This is a fresh implementation of the method that Hồ Ngọc Đức describes in his article
//! "Thuật toán tính âm lịch" (computing the Vietnamese lunar calendar), built on the
//! series in Jean Meeus, *Astronomical Algorithms* (Willmann-Bell, 1991) and *Astronomical
//! Formulae for Calculators* (1979):
//!
//! - the time of the `k`-th new moon after the one of 1900-01-01 comes from Meeus's
//!   mean-phase polynomial plus his thirteen periodic corrections for a new moon, minus an
//!   approximation of ΔT;
//! - the sun's ecliptic longitude comes from Meeus's low-precision solar theory (mean
//!   longitude plus the equation of centre);
//! - a lunar month begins on the civil day, in the given time zone, that holds the new
//!   moon;
//! - month 11 is the month that holds the winter solstice (sun longitude 270°);
//! - when 13 new moons begin between one month 11 and the next, the first month after
//!   month 11 in which the sun enters no new 30° sign (no major solar term begins) is a
//!   leap month, and takes the number of the month before it.
//!
//! The runtime conversions in [`super`] read a table generated from this module; the
//! module stays in the crate so that the tests can prove the table equal to it, and check
//! every day of the range against the direct computation in [`solar_to_lunar`].

use std::f64::consts::PI;

/// The mean length of a synodic month in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;

/// The Julian day number of 1900-01-01, near the new moon numbered 0.
const JDN_1900_01_01: i64 = 2_415_021;

/// The difference between a Julian day number and chrono's `num_days_from_ce`.
pub(super) const JDN_MINUS_DAYS_FROM_CE: i64 = 1_721_425;

/// Degrees to radians.
const RAD: f64 = PI / 180.0;

/// The Julian date (UT) of the new moon numbered `k`, where new moon 0 fell on
/// 1900-01-01 (UT).
fn new_moon_julian_date(k: i64) -> f64 {
    let k = k as f64;
    // Julian centuries from 1900 January 0.5.
    let t = k / 1_236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    // The mean phase, with Meeus's secular term.
    let mean = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3
        + 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * RAD).sin();
    // The sun's mean anomaly, the moon's mean anomaly and the moon's argument of latitude.
    let sun = (359.224_2 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3) * RAD;
    let moon = (306.025_3 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3) * RAD;
    let lat = (21.296_4 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3) * RAD;
    let correction = (0.173_4 - 0.000_393 * t) * sun.sin() + 0.002_1 * (2.0 * sun).sin()
        - 0.406_8 * moon.sin()
        + 0.016_1 * (2.0 * moon).sin()
        - 0.000_4 * (3.0 * moon).sin()
        + 0.010_4 * (2.0 * lat).sin()
        - 0.005_1 * (sun + moon).sin()
        - 0.007_4 * (sun - moon).sin()
        + 0.000_4 * (2.0 * lat + sun).sin()
        - 0.000_4 * (2.0 * lat - sun).sin()
        - 0.000_6 * (2.0 * lat + moon).sin()
        + 0.001_0 * (2.0 * lat - moon).sin()
        + 0.000_5 * (2.0 * moon + sun).sin();
    // ΔT = TT − UT in days, as a polynomial in t.
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    mean + correction - delta_t
}

/// The Julian day number of the civil day, in UTC+`tz` hours, that holds new moon `k`.
pub(super) fn new_moon_day(k: i64, tz: i64) -> i64 {
    (new_moon_julian_date(k) + 0.5 + tz as f64 / 24.0).floor() as i64
}

/// The sun's ecliptic longitude in degrees, in `[0, 360)`, at Julian date `jd`.
fn sun_longitude(jd: f64) -> f64 {
    // Julian centuries from J2000.0.
    let t = (jd - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let mean_anomaly =
        (357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2) * RAD;
    let mean_longitude = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let centre = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * mean_anomaly.sin()
        + (0.019_993 - 0.000_101 * t) * (2.0 * mean_anomaly).sin()
        + 0.000_290 * (3.0 * mean_anomaly).sin();
    (mean_longitude + centre).rem_euclid(360.0)
}

/// The 30° sign (0 for 0°..30°, …, 9 for 270°..300°, …) that the sun is in at the start
/// (local midnight, UTC+`tz`) of the day with Julian day number `day`.
pub(super) fn sun_sign_at_start(day: i64, tz: i64) -> i64 {
    let midnight = day as f64 - 0.5 - tz as f64 / 24.0;
    (sun_longitude(midnight) / 30.0).floor() as i64
}

/// The number of the last new moon that begins on or before `day` (UTC+`tz`).
fn new_moon_on_or_before(day: i64, tz: i64) -> i64 {
    let mut k = ((day - JDN_1900_01_01) as f64 / SYNODIC_MONTH).floor() as i64;
    // The estimate is within a day or so of the truth: step to the exact month.
    while new_moon_day(k + 1, tz) <= day {
        k += 1;
    }
    while new_moon_day(k, tz) > day {
        k -= 1;
    }
    k
}

/// The new-moon number of month 11 in Gregorian year `year`: the lunar month that holds
/// the winter solstice, which begins in November or December of that year.
pub(super) fn month_11(year: i32, tz: i64) -> i64 {
    let dec_31 = jdn(year, 12, 31);
    let k = new_moon_on_or_before(dec_31, tz);
    // A month that starts with the sun already past 270° began after the solstice, so the
    // solstice falls in the month before it.
    if sun_sign_at_start(new_moon_day(k, tz), tz) >= 9 {
        k - 1
    } else {
        k
    }
}

/// Whether the month that begins with new moon `k` has no major solar term: the sun is in
/// the same 30° sign at its start and at the start of the next month.
fn lacks_major_term(k: i64, tz: i64) -> bool {
    sun_sign_at_start(new_moon_day(k, tz), tz) == sun_sign_at_start(new_moon_day(k + 1, tz), tz)
}

/// One lunar month as the astronomy places it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Month {
    /// The lunar year the month belongs to.
    pub(super) year: i32,
    /// The month number, `1..=12`.
    pub(super) number: u8,
    /// Whether the month is a leap month (it repeats `number`).
    pub(super) leap: bool,
    /// The new-moon number that begins the month.
    pub(super) new_moon: i64,
}

/// The lunar months from month 11 of Gregorian year `year - 1` up to, not including,
/// month 11 of `year`: 12 months, or 13 with a leap month.
pub(super) fn months_between_solstices(year: i32, tz: i64) -> Vec<Month> {
    let first = month_11(year - 1, tz);
    let next = month_11(year, tz);
    let count = next - first;
    // In a 13-month span, the first month after month 11 with no major term is leap.
    let leap_offset = if count == 13 {
        (1..13).find(|&i| lacks_major_term(first + i, tz))
    } else {
        None
    };
    (0..count)
        .map(|i| {
            let (ordinal, leap) = match leap_offset {
                Some(l) if i == l => (i - 1, true),
                Some(l) if i > l => (i - 1, false),
                _ => (i, false),
            };
            // Ordinal 0 is month 11, 1 is month 12, 2 is month 1, …, 11 is month 10.
            let number = ((ordinal + 10) % 12 + 1) as u8;
            let year = if number >= 11 { year - 1 } else { year };
            Month {
                year,
                number,
                leap,
                new_moon: first + i,
            }
        })
        .collect()
}

/// A lunar year as the astronomy places it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Year {
    /// The Julian day number of month 1 day 1 (Tết).
    pub(super) start: i64,
    /// The months in order, each with its number, leap flag and length in days.
    pub(super) months: Vec<(u8, bool, u8)>,
}

/// The lunar year `year` for UTC+`tz`: its first day and its months.
pub(super) fn lunar_year(year: i32, tz: i64) -> Year {
    let mut months: Vec<Month> = months_between_solstices(year, tz);
    months.extend(months_between_solstices(year + 1, tz));
    let mut start = None;
    let mut list = Vec::with_capacity(13);
    for pair in months.windows(2) {
        if let [month, next] = pair
            && month.year == year
        {
            let first = new_moon_day(month.new_moon, tz);
            if start.is_none() {
                start = Some(first);
            }
            let length = new_moon_day(next.new_moon, tz) - first;
            list.push((month.number, month.leap, length as u8));
        }
    }
    Year {
        start: start.unwrap_or_default(),
        months: list,
    }
}

/// The Julian day number of a Gregorian date.
pub(super) fn jdn(year: i32, month: u32, day: u32) -> i64 {
    let a = i64::from((14 - month as i32) / 12);
    let y = i64::from(year) + 4800 - a;
    let m = i64::from(month) + 12 * a - 3;
    i64::from(day) + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32_045
}

/// The Gregorian year that holds Julian day number `day`.
fn gregorian_year(day: i64) -> i32 {
    let a = day + 32_044;
    let b = (4 * a + 3) / 146_097;
    let c = a - 146_097 * b / 4;
    let d = (4 * c + 3) / 1_461;
    let e = c - 1_461 * d / 4;
    let m = (5 * e + 2) / 153;
    (100 * b + d - 4800 + m / 10) as i32
}

/// The lunar date `(year, month, day, leap)` of Julian day number `day` in UTC+`tz`,
/// computed directly from the astronomy, without the table.
pub(super) fn solar_to_lunar(day: i64, tz: i64) -> (i32, u8, u8, bool) {
    let k = new_moon_on_or_before(day, tz);
    let gregorian = gregorian_year(day);
    // The month-11 span that holds the day: it begins in this Gregorian year or the one
    // before.
    let span_year = if k >= month_11(gregorian, tz) {
        gregorian + 1
    } else {
        gregorian
    };
    let months = months_between_solstices(span_year, tz);
    let month = months
        .iter()
        .find(|m| m.new_moon == k)
        .copied()
        .unwrap_or(Month {
            year: 0,
            number: 0,
            leap: false,
            new_moon: k,
        });
    let day_of_month = day - new_moon_day(k, tz) + 1;
    (month.year, month.number, day_of_month as u8, month.leap)
}
