//! The yardstick's generator (see the bench README): 1,000 bodies, 60 monthly periods
//! (2022-01 … 2026-12), one report obligation per row and about 1.18 submissions each,
//! reproduced exactly, straight into the library's stores.

use chrono::{Days, NaiveDate};
use directives::compliance::Events;
use directives::directive::{DirectiveKey, TaskNumber};
use directives::document::DocSymbol;
use directives::obligation::{ObligationRow, Obligations, RequirementIndex};
use directives::org::{BodyCode, BodyId};
use directives::period::Period;

/// The generator's seed.
pub(crate) const SEED: u64 = 20_251_231;

/// The splitmix64 mixing function.
pub(crate) fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The random draw `s` of obligation index `i`.
pub(crate) fn r(i: u64, s: u64) -> u64 {
    splitmix64(
        SEED.wrapping_mul(1 << 32)
            .wrapping_add(i.wrapping_mul(8))
            .wrapping_add(s),
    )
}

/// One generated row: an obligation and its submissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    /// 1-based obligation id.
    pub(crate) obligation_id: u64,
    /// Body id, 1..=1000.
    pub(crate) body_id: u32,
    /// Period id, 0..60 (months from 2022-01).
    pub(crate) period_id: u32,
    /// Due date.
    pub(crate) due: NaiveDate,
    /// Number of submissions, 0..=4.
    pub(crate) n_sub: usize,
    /// The submission dates (the first `n_sub` are used).
    pub(crate) submitted: [NaiveDate; 4],
}

/// The first day of the month `months` after 2022-01.
fn month_start(months: u32) -> NaiveDate {
    let year = 2022 + i32::try_from(months / 12).expect("small");
    NaiveDate::from_ymd_opt(year, months % 12 + 1, 1).expect("valid month")
}

/// The row of 0-based obligation index `i`.
pub(crate) fn row(i: u64) -> Row {
    let body_id = 1 + u32::try_from(r(i, 0) % 1000).unwrap_or(0);
    let period_id = u32::try_from(r(i, 1) % 60).unwrap_or(0);
    let due = month_start(period_id + 1) + Days::new(19 + r(i, 2) % 12);
    let p = r(i, 3) % 100;
    let n_sub = match p {
        0..15 => 0,
        15..77 => 1,
        77..92 => 2,
        92..98 => 3,
        _ => 4,
    };
    let mut submitted = [due; 4];
    for (j, slot) in (0..n_sub as u64).zip(submitted.iter_mut()) {
        let v = r(i, 4 + j);
        let w = v >> 32;
        *slot = if v % 100 < 70 {
            due - Days::new(w % 31)
        } else {
            due + Days::new(1 + w % 90)
        };
    }
    Row {
        obligation_id: i + 1,
        body_id,
        period_id,
        due,
        n_sub,
        submitted,
    }
}

/// Generates `n` obligations and their submissions. Obligation `i` gets store id `i`;
/// submissions are appended per obligation, in generator order.
pub(crate) fn generate(n: u64) -> (Obligations, Events) {
    let capacity = usize::try_from(n).unwrap_or(0);
    let mut obligations = Obligations::with_capacity(capacity);
    let mut events = Events::with_capacity(capacity + capacity / 5);
    let directive = obligations
        .add_directive(DirectiveKey::new(
            DocSymbol::parse("1/CT-UBND").expect("valid symbol"),
            month_start(0),
        ))
        .expect("room for a directive");
    let task = obligations
        .add_clause(TaskNumber::new("1").expect("valid task number"))
        .expect("room for a task");
    // The store knows each body by its code: the body id as text.
    for body in 1..=1000u32 {
        obligations
            .bind_body(
                BodyId::from_index(body),
                BodyCode::new(body.to_string()).expect("valid code"),
            )
            .expect("room for a body");
    }
    let periods: Vec<_> = (0..60)
        .map(|m| {
            let month = Period::month(2022 + m / 12, (m % 12 + 1) as u32).expect("valid month");
            obligations.add_period(month).expect("room for a period")
        })
        .collect();
    for i in 0..n {
        let row = row(i);
        let id = obligations
            .insert(ObligationRow {
                directive,
                clause: task,
                requirement: RequirementIndex::new(u32::try_from(row.obligation_id).unwrap_or(0)),
                body: BodyId::from_index(row.body_id),
                period: periods[row.period_id as usize],
                due: row.due,
            })
            .expect("room for an obligation");
        for &on in &row.submitted[..row.n_sub] {
            events.push_submission(id, on).expect("room for an event");
        }
    }
    (obligations, events)
}

/// Writes the first `n` rows as the yardstick's two CSV files, in the shipped files' form:
/// `obligation_id,body_id,period_id,due_date` in obligation order, and
/// `obligation_id,submitted` sorted by (submitted, obligation_id), each with its header.
pub(crate) fn write_csv(
    n: u64,
    obligations: &mut impl std::io::Write,
    submissions: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let mut sent: Vec<(NaiveDate, u64)> = Vec::new();
    writeln!(obligations, "obligation_id,body_id,period_id,due_date")?;
    for i in 0..n {
        let row = row(i);
        writeln!(
            obligations,
            "{},{},{},{}",
            row.obligation_id, row.body_id, row.period_id, row.due
        )?;
        sent.extend(
            row.submitted[..row.n_sub]
                .iter()
                .map(|&on| (on, row.obligation_id)),
        );
    }
    sent.sort_unstable();
    writeln!(submissions, "obligation_id,submitted")?;
    for (on, id) in sent {
        writeln!(submissions, "{id},{on}")?;
    }
    Ok(())
}

/// Generates `n` obligations as [`generate`] does, with their submissions in date order
/// (by date, then obligation), the order real event logs have. Sorts one 8-byte key per
/// submission, so 10⁷ obligations need about 100 MB beside the stores.
pub(crate) fn generate_by_date(n: u64) -> (Obligations, Events) {
    let (obligations, in_order) = generate(n);
    let epoch = month_start(0);
    let mut keys: Vec<u64> = Vec::with_capacity(in_order.len());
    drop(in_order);
    for i in 0..n {
        let row = row(i);
        for &on in &row.submitted[..row.n_sub] {
            let day = u64::try_from((on - epoch).num_days() + 1000).expect("after the epoch");
            keys.push(day << 40 | i);
        }
    }
    keys.sort_unstable();
    let mut events = Events::with_capacity(keys.len());
    for key in keys {
        let on = epoch + Days::new(key >> 40) - Days::new(1000);
        let id = directives::obligation::ObligationId::from_index(
            u32::try_from(key & ((1 << 40) - 1)).expect("below 2^32 obligations"),
        );
        events.push_submission(id, on).expect("room for an event");
    }
    (obligations, events)
}
