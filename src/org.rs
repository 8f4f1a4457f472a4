//! Bodies, the registry of a province, selectors, and succession through reorganisations.

/// An error from building or querying a registry of bodies.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OrgError {}
