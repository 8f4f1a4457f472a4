//! Compliance evaluation: events, findings, scorecards and grades.

/// An error that stopped an evaluation from running (findings are not errors).
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ComplianceError {}
