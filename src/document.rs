//! Documents: symbols, kinds, signers and the reference graph.

/// An error from parsing a document symbol or building a document index.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {}
