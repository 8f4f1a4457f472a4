//! Bodies, the registry of a province, selectors, and succession through reorganisations.

/// A compact, copyable handle to a body in a registry, for hot paths.
///
/// A `BodyId` is an index into the [registry](self) that issued it; it is meaningful only
/// together with that registry. Codes (such as `TH-TU-BDV`) are the stable, human keys.
///
/// # Example
///
/// ```
/// use directives::org::BodyId;
///
/// let id = BodyId::from_index(7);
/// assert_eq!(id.index(), 7);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct BodyId(u32);

impl BodyId {
    /// The handle with this index.
    pub const fn from_index(index: u32) -> BodyId {
        BodyId(index)
    }

    /// This handle's index.
    pub const fn index(self) -> u32 {
        self.0
    }
}

/// An error from building or querying a registry of bodies.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OrgError {}
