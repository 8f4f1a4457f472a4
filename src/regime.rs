//! Reporting regimes: frequency, data cut-off windows and deadlines per tier (Decree 09/2019/NĐ-CP).

/// An error from building or validating a reporting regime.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegimeError {}
