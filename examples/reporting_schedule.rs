//! What is due in a year, on which figures, and by when? Prints the periodic reports of
//! Decree 09/2019/NĐ-CP for one year — each period with its data cut-off window (art. 12)
//! and its deadline (art. 13.1, moved past rest days, saying when it moved: that reading
//! is an assumption) — and then the cascade through the tiers of Circular 01/2020/TT-VPCP
//! art. 11, which is the annual report on meetings, not a general year report (a regime
//! that aggregates through tiers states a deadline per tier: Decree 09/2019/NĐ-CP art.
//! 8.5(b)).
//!
//! ```sh
//! cargo run --example reporting_schedule -- 2025
//! ```

use chrono::NaiveDate;
use directives::calendar::{Roll, WorkCalendar};
use directives::period::{Frequency, Period};
use directives::provenance::Provenance;
use directives::regime::{CutOff, DeadlineRule, ReportingRegime};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let year: i32 = match std::env::args().nth(1) {
        Some(text) => text.parse()?,
        None => 2025,
    };
    let cal = WorkCalendar::vietnam()?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or("year out of range")?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or("year out of range")?;

    for regime in [
        ReportingRegime::decree_09_monthly(),
        ReportingRegime::decree_09_quarterly(),
        ReportingRegime::decree_09_half_yearly(),
        ReportingRegime::decree_09_nine_monthly(),
        ReportingRegime::decree_09_yearly(),
    ] {
        println!("{}", regime.name());
        for reporting in regime.schedule(first, last, &cal)? {
            let (from, to) = reporting.data_window();
            let moved = reporting.moved_from().map_or(String::new(), |day| {
                format!(" (moved from {day}, a rest day)")
            });
            println!(
                "  {:<8} figures {from} – {to}, due {}{moved}",
                reporting.period().to_string(),
                reporting.due()
            );
        }
    }

    // Circular 01/2020/TT-VPCP art. 11: the annual report on meetings goes commune →
    // district by 17 December, district → province by 19 December, province → Government
    // Office by 22 December. The circular names the days; this regime keeps them on rest
    // days.
    let day = |day| DeadlineRule::DayOfLastMonth {
        day,
        on_rest_day: Roll::Keep,
    };
    let cascade = ReportingRegime::builder("annual report on meetings, three tiers")
        .legal_basis("Circular 01/2020/TT-VPCP art. 11")
        .provenance(Provenance::verified("Circular 01/2020/TT-VPCP art. 11")?)
        .frequency(Frequency::Yearly)
        .cut_off(CutOff::Decree09)
        .deadline(day(22))
        .tier("commune", day(17))
        .tier("district", day(19))
        .build()?;
    let period = Period::year(year)?;
    println!("{} ({})", cascade.name(), period);
    for tier in cascade.tiers() {
        let due = cascade.tier_due_for(tier.name(), period, &cal)?;
        println!("  {:<8} due {due}", tier.name());
    }
    println!("  {:<8} due {}", "province", cascade.due_for(period, &cal)?);
    Ok(())
}
