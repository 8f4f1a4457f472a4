//! Obligations: directives expanded over a registry and a horizon.

/// An error from expanding directives into obligations.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ObligationError {}
