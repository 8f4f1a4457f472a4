//! Bodies, the registry of a province, selectors, and succession through reorganisations.
//!
//! # Bodies and time
//!
//! A directive is addressed to *bodies*: the Provincial Party Committee, its Mass
//! Mobilization Department, the district party committees, the provincial newspaper. Bodies
//! are not permanent. In 2025 Vietnam merged Party departments, ended party delegations and
//! civil-affairs committees, merged press agencies and abolished the district level (Law
//! 72/2025/QH15 art. 51.3, from 2025-07-01). An obligation assigned in 2024 and evaluated
//! in 2026 may belong to a body that no longer exists, so every question about bodies here
//! is asked *on a date*.
//!
//! - A [`Body`] has a stable [`BodyCode`] (`TH-TU-BDV`), [`Names`], a [`BodyKind`], a
//!   [`Level`], a parent, and a validity from `from` (inclusive) until `until` (exclusive).
//! - A [`Change`] records what happened on a date: a rename, a move to a new parent, a
//!   merge, a split (with an heir for obligations), a dissolution (with or without a
//!   successor). There is no `establish` change: a body is established by its `from`
//!   date (see the [data files](#data-files) below).
//! - A [`Registry`] holds the bodies and changes, checked by a [`RegistryBuilder`] (or
//!   loaded from TOML or JSON), and answers dated questions: [`Registry::is_active_on`],
//!   [`Registry::name_on`], [`Registry::parent_on`], [`Registry::children_on`],
//!   [`Registry::descendants_on`], and [`Registry::successor_on`], which follows a chain of
//!   successions to the body that holds the obligations on that date.
//! - A [`Selector`] describes bodies by code, kind, level, parentage and boolean
//!   combinations; [`Registry::select`] resolves it on a date to [`BodyId`]s in id order.
//!
//! [`BodyId`] is a compact handle for hot paths, meaningful with the registry that issued
//! it; codes are the stable keys across registries and files.
//!
//! # Data files
//!
//! With the `serde` feature, `Registry::from_toml_str` and `Registry::from_json_str`
//! read a registry:
//!
//! ```toml
//! [[bodies]]
//! code = "TH-TU"
//! name = "Tỉnh ủy Thanh Hóa"
//! name_en = "Thanh Hóa Provincial Party Committee"   # optional
//! short = "TU"                                        # optional
//! kind = "party_committee"
//! level = "province"
//! from = "1930-07-29"
//! # parent = "…" and until = "…" are optional
//!
//! [[changes]]
//! change = "merge"            # or rename, move, split, dissolve
//! date = "2025-02-11"
//! bodies = ["TH-TU-BTG", "TH-TU-BDV"]
//! into = "TH-TU-BTGDV"
//! ```
//!
//! There is no `change = "establish"`: a body is established by its `from` date, as
//! `TH-TU` above on 1930-07-29, and a body created by a merge or split is listed under
//! `[[bodies]]` with `from` set to the date of the change.
//!
//! `bodies` is required (an empty or blank file is refused with
//! [`OrgError::EmptyInput`]); `changes` may be left out. Names may not be blank. An error
//! names the path of the value at fault (`bodies[3].parent`, `changes[0].into`) and quotes
//! at most 80 characters of it.
//!
//! A rename has `body`, `date`, `name` and optionally `name_en` and `short`; a move has
//! `body`, `date` and optionally `parent`; a split has `body`, `into`, `heir` and `date`; a
//! dissolution has `body`, `date` and optionally `successor`. `examples/data/thanh_hoa.toml`
//! is a full example.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::org::{Body, BodyKind, Change, Level, Registry, Selector};
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
//! let registry = Registry::builder()
//!     .body(Body::new("TU".parse()?, "Tỉnh ủy", BodyKind::PartyCommittee, Level::Province, day(1945, 1, 1)?))
//!     .body(Body::new("BTG".parse()?, "Ban Tuyên giáo", BodyKind::PartyAdvisoryDepartment, Level::Province, day(1945, 1, 1)?)
//!         .with_parent("TU".parse()?))
//!     .body(Body::new("BDV".parse()?, "Ban Dân vận", BodyKind::PartyAdvisoryDepartment, Level::Province, day(1945, 1, 1)?)
//!         .with_parent("TU".parse()?))
//!     .body(Body::new("BTGDV".parse()?, "Ban Tuyên giáo và Dân vận", BodyKind::PartyAdvisoryDepartment, Level::Province, day(2025, 2, 11)?)
//!         .with_parent("TU".parse()?))
//!     .change(Change::Merge { bodies: vec!["BTG".parse()?, "BDV".parse()?], into: "BTGDV".parse()?, date: day(2025, 2, 11)?, provenance: None })
//!     .build()?;
//!
//! let departments = Selector::ChildrenOf("TU".parse()?) & Selector::Kind(BodyKind::PartyAdvisoryDepartment);
//! assert_eq!(registry.select(&departments, day(2024, 2, 22)?)?.len(), 2);
//! assert_eq!(registry.select(&departments, day(2026, 1, 1)?)?.len(), 1);
//!
//! let bdv = registry.id("BDV").ok_or("no BDV")?;
//! let heir = registry.successor_on(bdv, day(2026, 1, 1)?).ok_or("no successor")?;
//! assert_eq!(registry.code(heir).map(|c| c.as_str()), Some("BTGDV"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod body;
mod change;
mod error;
mod registry;
mod selector;
#[cfg(feature = "serde")]
mod wire;

pub use body::{Body, BodyCode, BodyKind, Level, Names};
pub use change::{Change, ChangeKind};
pub use error::OrgError;
pub use registry::{Iter, Registry, RegistryBuilder, Succession, SuccessionStep};
pub use selector::Selector;
#[cfg(feature = "serde")]
pub use wire::Loader;

/// A compact, copyable handle to a body in a registry, for hot paths.
///
/// A `BodyId` is an index into the [registry](Registry) that issued it; it is meaningful only
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
    ///
    /// An index that no body of a registry has is harmless: the registry's queries answer
    /// `None`, `false` or an empty list for it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::{BodyId, Registry};
    ///
    /// let registry = Registry::builder().build()?;
    /// assert_eq!(registry.body(BodyId::from_index(0)), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn from_index(index: u32) -> BodyId {
        BodyId(index)
    }

    /// This handle's index: the position of its body among the bodies given to the
    /// [`RegistryBuilder`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, Registry};
    ///
    /// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
    /// let registry = Registry::builder()
    ///     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day))
    ///     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day))
    ///     .build()?;
    /// assert_eq!(registry.id("B").map(|id| id.index()), Some(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn index(self) -> u32 {
        self.0
    }
}
