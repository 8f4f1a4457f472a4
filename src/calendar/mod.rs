//! The Vietnamese civil calendar: lunar dates, holidays, working days and legal terms.

mod lunar;

/// An error from the calendar: a date out of range, an impossible lunar date, an absurd term.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {}
