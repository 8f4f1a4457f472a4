//! Dated changes to bodies: renames, moves, merges, splits and dissolutions.

use std::fmt;

use chrono::NaiveDate;

use super::{BodyCode, Names};
use crate::provenance::Provenance;

/// A dated change to one or more bodies.
///
/// There is no `establish` change: a body is established by its `from` date
/// ([`Body::from`](super::Body::from)), in a data file
///
/// ```toml
/// [[bodies]]
/// code = "TH-TU-BTGDV"
/// name = "Ban Tuyên giáo và Dân vận Tỉnh ủy"
/// kind = "party_advisory_department"
/// level = "province"
/// parent = "TH-TU"
/// from = "2025-02-11"   # established on 2025-02-11
/// ```
///
/// and a new body created by a merge or a split is added the same way, from the date of
/// the change. Changes record what happens to bodies after they are established:
///
/// | change | effect on `date` | successor of the ended bodies |
/// |---|---|---|
/// | [`Rename`](Change::Rename) | new names | – |
/// | [`Move`](Change::Move) | new parent (or none) | – |
/// | [`Merge`](Change::Merge) | each of `bodies` ends | `into` |
/// | [`Split`](Change::Split) | `body` ends; `into` take over its work | `heir` |
/// | [`Dissolve`](Change::Dissolve) | `body` ends | `successor`, if any |
///
/// A change that ends a body sets its `until` to `date` (a body's own `until`, if given,
/// must agree). Obligations of the ended body pass to its successor from that date.
///
/// A body that takes over (a successor, the `into` of a merge, each part of a split) must
/// exist on `date`: [`RegistryBuilder::build`](super::RegistryBuilder::build) rejects one
/// established after `date`
/// ([`SuccessorNotEstablished`](super::OrgError::SuccessorNotEstablished)) or ended by then
/// ([`SuccessorNotActive`](super::OrgError::SuccessorNotActive)). One established *before*
/// `date` is accepted: it is an existing body that absorbs the work, as Thanh Hóa city
/// absorbed Đông Sơn district on 2025-01-01. So give a body *created* by a change
/// `from = date`: the registry cannot tell a new body given an earlier first day from an
/// existing one, and would show both it and the bodies it replaces active before `date`.
///
/// New changes may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::org::{Change, ChangeKind};
///
/// let merge = Change::Merge {
///     bodies: vec!["TH-TU-BTG".parse()?, "TH-TU-BDV".parse()?],
///     into: "TH-TU-BTGDV".parse()?,
///     date: NaiveDate::from_ymd_opt(2025, 2, 11).ok_or("date")?,
///     provenance: None,
/// };
/// assert_eq!(merge.kind(), ChangeKind::Merge);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Change {
    /// A body takes new names from `date`.
    Rename {
        /// The body.
        body: BodyCode,
        /// The first day of the new names.
        date: NaiveDate,
        /// The new names.
        names: Names,
        /// Where the change is known from, if stated.
        provenance: Option<Provenance>,
    },
    /// A body moves under a new parent (or to the top) from `date`.
    Move {
        /// The body.
        body: BodyCode,
        /// The first day under the new parent.
        date: NaiveDate,
        /// The new parent, or `None` for none.
        parent: Option<BodyCode>,
        /// Where the change is known from, if stated.
        provenance: Option<Provenance>,
    },
    /// Several bodies end on `date` and `into` takes over their work.
    ///
    /// `into` may be a new body (established on `date`, its `from`) or an existing one that
    /// absorbs the others (established before `date`); it may not be established after
    /// `date`.
    Merge {
        /// The bodies that end.
        bodies: Vec<BodyCode>,
        /// The body that takes over.
        into: BodyCode,
        /// The date of the merge.
        date: NaiveDate,
        /// Where the change is known from, if stated.
        provenance: Option<Provenance>,
    },
    /// A body ends on `date` and its work is divided among `into`; `heir` (one of `into`)
    /// takes over its obligations.
    ///
    /// Each part may be new (established on `date`) or existing (established before); none
    /// may be established after `date`.
    Split {
        /// The body that ends.
        body: BodyCode,
        /// The bodies that take over its work.
        into: Vec<BodyCode>,
        /// The one that takes over its obligations.
        heir: BodyCode,
        /// The date of the split.
        date: NaiveDate,
        /// Where the change is known from, if stated.
        provenance: Option<Provenance>,
    },
    /// A body ends on `date`; `successor`, if any, takes over its obligations.
    Dissolve {
        /// The body that ends.
        body: BodyCode,
        /// The body that takes over, if any.
        successor: Option<BodyCode>,
        /// The date of the dissolution.
        date: NaiveDate,
        /// Where the change is known from, if stated, including whether the successor is
        /// a fact or a choice of the data.
        provenance: Option<Provenance>,
    },
}

impl Change {
    /// The kind of this change.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Change, ChangeKind};
    ///
    /// let change = Change::Dissolve {
    ///     body: "TH-HU-NGA-SON".parse()?,
    ///     successor: Some("TH-TU".parse()?),
    ///     date: NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?,
    ///     provenance: None,
    /// };
    /// assert_eq!(change.kind(), ChangeKind::Dissolve);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> ChangeKind {
        match self {
            Change::Rename { .. } => ChangeKind::Rename,
            Change::Move { .. } => ChangeKind::Move,
            Change::Merge { .. } => ChangeKind::Merge,
            Change::Split { .. } => ChangeKind::Split,
            Change::Dissolve { .. } => ChangeKind::Dissolve,
        }
    }

    /// The date the change takes effect.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::Change;
    ///
    /// let date = NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?;
    /// let change = Change::Dissolve { body: "TH-HU-NGA-SON".parse()?, successor: None, date, provenance: None };
    /// assert_eq!(change.date(), date);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        match self {
            Change::Rename { date, .. }
            | Change::Move { date, .. }
            | Change::Merge { date, .. }
            | Change::Split { date, .. }
            | Change::Dissolve { date, .. } => *date,
        }
    }

    /// Where the change is known from and how sure it is, if the data states it (a data
    /// file's `provenance` on the change). For a dissolution, it also says whether the
    /// successor is a fact or a choice of the data.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::Change;
    /// use directives::provenance::{Certainty, Provenance};
    ///
    /// let change = Change::Dissolve {
    ///     body: "TH-HU-NGA-SON".parse()?,
    ///     successor: Some("TH-TU".parse()?),
    ///     date: NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?,
    ///     provenance: Some(Provenance::unverified("the successor is a choice of the data")?),
    /// };
    /// assert_eq!(change.provenance().map(|p| p.certainty()), Some(Certainty::Unverified));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn provenance(&self) -> Option<&Provenance> {
        match self {
            Change::Rename { provenance, .. }
            | Change::Move { provenance, .. }
            | Change::Merge { provenance, .. }
            | Change::Split { provenance, .. }
            | Change::Dissolve { provenance, .. } => provenance.as_ref(),
        }
    }
}

/// The kind of a [`Change`], as named in data files (`rename`, `move`, `merge`, `split`,
/// `dissolve`).
///
/// New kinds may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::org::ChangeKind;
///
/// assert_eq!(ChangeKind::Merge.to_string(), "merge");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ChangeKind {
    /// A [`Change::Rename`].
    Rename,
    /// A [`Change::Move`].
    Move,
    /// A [`Change::Merge`].
    Merge,
    /// A [`Change::Split`].
    Split,
    /// A [`Change::Dissolve`].
    Dissolve,
}

impl ChangeKind {
    /// The snake_case name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::ChangeKind;
    ///
    /// assert_eq!(ChangeKind::Dissolve.as_str(), "dissolve");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Rename => "rename",
            ChangeKind::Move => "move",
            ChangeKind::Merge => "merge",
            ChangeKind::Split => "split",
            ChangeKind::Dissolve => "dissolve",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
