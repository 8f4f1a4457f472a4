//! Directives and tasks: roles, requirements, validation and lints.

/// An error from building or loading a directive.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DirectiveError {}
