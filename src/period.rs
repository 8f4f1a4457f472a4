//! Reporting periods: months, quarters, half years, nine months, years and custom ranges.

/// An error from parsing or building a period.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {}
