//! The registry of bodies: a validating builder, indexes and dated queries.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Body, BodyCode, BodyId, Change, ChangeKind, Names, OrgError};

/// The bodies of a province (or any set of bodies), with their dated changes.
///
/// A registry is built once by a [`RegistryBuilder`], which checks every invariant below,
/// and is then read-only. Each body gets a [`BodyId`], its position in the order the bodies
/// were added; the same inputs give the same ids.
///
/// Invariants, checked by [`RegistryBuilder::build`]:
///
/// - codes are unique, and every code a body or change names is in the registry;
/// - every validity is non-empty (`from < until`), and a body's end is given at most once
///   (by its `until` or by one change that ends it, or both with the same date);
/// - renames and moves fall strictly inside the body's validity;
/// - no body is ever its own ancestor, counting every parent a body has at any time;
/// - no body is its own successor through a chain of successions;
/// - a successor (and each part of a split) is active on the date it takes over: it is
///   established on or before that date and has not ended;
/// - a body active on a date has a parent active on that date (or no parent).
///
/// The last two make succession chains finite: along a chain the end dates strictly
/// increase.
///
/// Building indexes the bodies by code, kind and level, and lays out the parent forest of
/// each span of time between two moves (children lists and depth-first intervals), so
/// that [`select`](Registry::select), [`children_on`](Registry::children_on) and
/// [`descendants_on`](Registry::descendants_on) need no tree walk. That layout takes
/// memory proportional to the number of bodies times the number of distinct move dates
/// plus one; registries with moves on thousands of different dates would be better split
/// by period.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::org::{Body, BodyKind, Change, Level, Registry};
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let registry = Registry::builder()
///     .body(Body::new("TU".parse()?, "Tỉnh ủy", BodyKind::PartyCommittee, Level::Province, day(1945, 1, 1)?))
///     .body(Body::new("HU".parse()?, "Huyện ủy", BodyKind::PartyCommittee, Level::District, day(1945, 1, 1)?)
///         .with_parent("TU".parse()?))
///     .change(Change::Dissolve { body: "HU".parse()?, successor: Some("TU".parse()?), date: day(2025, 7, 1)?, provenance: None })
///     .build()?;
/// let hu = registry.id("HU").ok_or("no HU")?;
/// let tu = registry.id("TU").ok_or("no TU")?;
/// assert!(registry.is_active_on(hu, day(2025, 6, 30)?));
/// assert_eq!(registry.successor_on(hu, day(2025, 7, 2)?), Some(tu));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Registry {
    // INVARIANT (registry): every field below is indexed by `BodyId::index` and has one
    // entry per body; all ids stored are `< bodies.len()`. Upheld by `RegistryBuilder::build`.
    pub(super) bodies: Vec<Body>,
    pub(super) by_code: HashMap<BodyCode, BodyId>,
    /// First day of each body.
    pub(super) from: Vec<NaiveDate>,
    /// First day each body no longer exists; `NaiveDate::MAX` for none.
    pub(super) until: Vec<NaiveDate>,
    /// Renames of each body, sorted by date (the initial names are in `bodies`).
    renames: Vec<Vec<(NaiveDate, Names)>>,
    /// Parent segments of each body, sorted by date, the first at the body's `from`.
    parents: Vec<Vec<(NaiveDate, Option<u32>)>>,
    /// Successor of each ended body, taking over on its `until`.
    successor: Vec<Option<(u32, ChangeKind)>>,
    changes: Vec<Change>,
    pub(super) by_kind: Vec<Vec<u32>>,
    pub(super) by_level: Vec<Vec<u32>>,
    /// Dates on which some body moves; epoch `k + 1` starts on `epoch_starts[k]`.
    epoch_starts: Vec<NaiveDate>,
    /// The parent forest of each epoch.
    epochs: Vec<Epoch>,
}

/// The parent forest during a span of time in which no body moves.
#[derive(Debug, Clone)]
pub(super) struct Epoch {
    /// `children[child_start[i]..child_start[i + 1]]` are the children of body `i`, in id
    /// order.
    child_start: Vec<u32>,
    children: Vec<u32>,
    /// Bodies in depth-first preorder; the descendants of `i` are
    /// `order[tin[i] + 1..tout[i]]`.
    order: Vec<u32>,
    tin: Vec<u32>,
    tout: Vec<u32>,
}

impl Epoch {
    pub(super) fn children(&self, i: usize) -> &[u32] {
        let start = self.child_start.get(i).copied().unwrap_or(0) as usize;
        let end = self.child_start.get(i + 1).copied().unwrap_or(0) as usize;
        self.children.get(start..end).unwrap_or(&[])
    }

    pub(super) fn descendants(&self, i: usize) -> &[u32] {
        let start = self.tin.get(i).copied().unwrap_or(0) as usize + 1;
        let end = self.tout.get(i).copied().unwrap_or(0) as usize;
        self.order.get(start..end).unwrap_or(&[])
    }
}

/// The body that holds a body's obligations on a date, and how it came to.
///
/// Returned by [`Registry::succession_on`]. When the body itself is active, the chain is
/// empty.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let registry = Registry::builder()
///     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
///     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
///     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
///     .build()?;
/// let a = registry.id("A").ok_or("no A")?;
/// let succession = registry.succession_on(a, day(2026, 1, 1)?).ok_or("none")?;
/// assert_eq!(succession.body(), registry.id("B").ok_or("no B")?);
/// assert_eq!(succession.steps().len(), 1);
/// assert_eq!(succession.steps()[0].change(), ChangeKind::Dissolve);
/// assert_eq!(succession.steps()[0].date(), day(2025, 1, 1)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Succession {
    body: BodyId,
    steps: Vec<SuccessionStep>,
}

impl Succession {
    /// The body active on the date asked about.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let registry = Registry::builder()
    /// #     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
    /// #     .build()?;
    /// # let (a, b) = (registry.id("A").ok_or("no A")?, registry.id("B").ok_or("no B")?);
    /// // A was dissolved into B on 2025-01-01.
    /// let succession = registry.succession_on(a, day(2025, 6, 1)?).ok_or("none")?;
    /// assert_eq!(succession.body(), b);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn body(&self) -> BodyId {
        self.body
    }

    /// The successions from the original body to [`body`](Self::body), oldest first.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let registry = Registry::builder()
    /// #     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
    /// #     .build()?;
    /// # let (a, b) = (registry.id("A").ok_or("no A")?, registry.id("B").ok_or("no B")?);
    /// let succession = registry.succession_on(a, day(2025, 6, 1)?).ok_or("none")?;
    /// assert_eq!(succession.steps().len(), 1);
    /// assert!(registry.succession_on(a, day(2024, 6, 1)?).ok_or("none")?.steps().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn steps(&self) -> &[SuccessionStep] {
        &self.steps
    }
}

/// One link of a succession chain: `from` ended on `date` by `change`, and `to` took over.
///
/// # Example
///
/// ```
/// # use chrono::NaiveDate;
/// # use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
/// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// # let registry = Registry::builder()
/// #     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
/// #     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
/// #     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
/// #     .build()?;
/// # let (a, b) = (registry.id("A").ok_or("no A")?, registry.id("B").ok_or("no B")?);
/// let succession = registry.succession_on(a, day(2025, 6, 1)?).ok_or("none")?;
/// let step = succession.steps()[0];
/// assert_eq!((step.from(), step.to(), step.date()), (a, b, day(2025, 1, 1)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SuccessionStep {
    from: BodyId,
    to: BodyId,
    date: NaiveDate,
    change: ChangeKind,
}

impl SuccessionStep {
    /// The body that ended.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let registry = Registry::builder()
    /// #     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
    /// #     .build()?;
    /// # let (a, b) = (registry.id("A").ok_or("no A")?, registry.id("B").ok_or("no B")?);
    /// let succession = registry.succession_on(a, day(2025, 6, 1)?).ok_or("none")?;
    /// assert_eq!(succession.steps()[0].from(), a);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from(&self) -> BodyId {
        self.from
    }

    /// The body that took over.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let registry = Registry::builder()
    /// #     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
    /// #     .build()?;
    /// # let (a, b) = (registry.id("A").ok_or("no A")?, registry.id("B").ok_or("no B")?);
    /// let succession = registry.succession_on(a, day(2025, 6, 1)?).ok_or("none")?;
    /// assert_eq!(succession.steps()[0].to(), b);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to(&self) -> BodyId {
        self.to
    }

    /// The date of the change: the first day of `to`'s responsibility.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let registry = Registry::builder()
    /// #     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
    /// #     .build()?;
    /// # let (a, b) = (registry.id("A").ok_or("no A")?, registry.id("B").ok_or("no B")?);
    /// let succession = registry.succession_on(a, day(2025, 6, 1)?).ok_or("none")?;
    /// assert_eq!(succession.steps()[0].date(), day(2025, 1, 1)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The kind of change that ended `from`.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let registry = Registry::builder()
    /// #     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
    /// #     .build()?;
    /// # let (a, b) = (registry.id("A").ok_or("no A")?, registry.id("B").ok_or("no B")?);
    /// let succession = registry.succession_on(a, day(2025, 6, 1)?).ok_or("none")?;
    /// assert_eq!(succession.steps()[0].change(), ChangeKind::Dissolve);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn change(&self) -> ChangeKind {
        self.change
    }
}

fn idx(id: BodyId) -> usize {
    id.index() as usize
}

fn id_of(i: u32) -> BodyId {
    BodyId::from_index(i)
}

impl Registry {
    /// A builder for a registry.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// assert!(registry.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn builder() -> RegistryBuilder {
        RegistryBuilder::new()
    }

    /// The number of bodies.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Registry;
    ///
    /// assert_eq!(Registry::builder().build()?.len(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.bodies.len()
    }

    /// Whether the registry has no bodies.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Registry;
    ///
    /// assert!(Registry::builder().build()?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.bodies.is_empty()
    }

    /// The bodies with their ids, in id order.
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
    ///     .build()?;
    /// let codes: Vec<&str> = registry.iter().map(|(_, body)| body.code().as_str()).collect();
    /// assert_eq!(codes, ["A"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            bodies: self.bodies.iter(),
            next: 0,
        }
    }

    /// The id of the body with this code, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyCode, BodyKind, Level, Registry};
    ///
    /// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
    /// let code: BodyCode = "A".parse()?;
    /// let registry = Registry::builder()
    ///     .body(Body::new(code.clone(), "A", BodyKind::Other, Level::Province, day))
    ///     .build()?;
    /// assert_eq!(registry.id(&code).map(|id| id.index()), Some(0));
    /// assert_eq!(registry.id("B"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self, code: impl AsRef<str>) -> Option<BodyId> {
        self.by_code.get(code.as_ref()).copied()
    }

    /// The id of the body with this code.
    ///
    /// # Errors
    ///
    /// [`OrgError::UnknownCode`] if no body has this code.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// let err = registry.lookup(&"TH-TU".parse()?).unwrap_err();
    /// assert_eq!(err.to_string(), "unknown body code `TH-TU`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lookup(&self, code: &BodyCode) -> Result<BodyId, OrgError> {
        self.id(code)
            .ok_or_else(|| OrgError::UnknownCode { code: code.clone() })
    }

    /// The body with this id, if it is from this registry.
    ///
    /// Its [`until`](Body::until) is its end, whether given on the body or by a change.
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
    ///     .build()?;
    /// let id = registry.id("A").ok_or("no A")?;
    /// assert_eq!(registry.body(id).map(|b| b.kind()), Some(BodyKind::Other));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn body(&self, id: BodyId) -> Option<&Body> {
        self.bodies.get(idx(id))
    }

    /// The code of the body with this id, if it is from this registry.
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
    ///     .build()?;
    /// let id = registry.id("A").ok_or("no A")?;
    /// assert_eq!(registry.code(id).map(|c| c.as_str()), Some("A"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(&self, id: BodyId) -> Option<&BodyCode> {
        self.bodies.get(idx(id)).map(Body::code)
    }

    /// The changes, in the order they were given.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Registry;
    ///
    /// assert!(Registry::builder().build()?.changes().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Whether the body exists on `date` (`from <= date < until`); `false` for an id from
    /// another registry.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let registry = Registry::builder()
    /// #     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
    /// #     .build()?;
    /// # let (a, b) = (registry.id("A").ok_or("no A")?, registry.id("B").ok_or("no B")?);
    /// assert!(registry.is_active_on(a, day(2024, 12, 31)?));
    /// assert!(!registry.is_active_on(a, day(2025, 1, 1)?));
    /// assert!(!registry.is_active_on(a, day(1999, 12, 31)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_active_on(&self, id: BodyId, date: NaiveDate) -> bool {
        self.active(idx(id), date)
    }

    #[inline]
    pub(super) fn active(&self, i: usize, date: NaiveDate) -> bool {
        match (self.from.get(i), self.until.get(i)) {
            (Some(from), Some(until)) => *from <= date && date < *until,
            _ => false,
        }
    }

    /// The names of the body in force on `date`.
    ///
    /// `None` before the body is established (or for an id from another registry); after
    /// its end, the names it last had.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Change, Level, Names, Registry};
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let registry = Registry::builder()
    ///     .body(Body::new("A".parse()?, "Old", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    ///     .change(Change::Rename { body: "A".parse()?, date: day(2020, 1, 1)?, names: Names::new("New"), provenance: None })
    ///     .build()?;
    /// let a = registry.id("A").ok_or("no A")?;
    /// assert_eq!(registry.name_on(a, day(2019, 12, 31)?).map(|n| n.vi()), Some("Old"));
    /// assert_eq!(registry.name_on(a, day(2020, 1, 1)?).map(|n| n.vi()), Some("New"));
    /// assert_eq!(registry.name_on(a, day(1999, 1, 1)?), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name_on(&self, id: BodyId, date: NaiveDate) -> Option<&Names> {
        let i = idx(id);
        let body = self.bodies.get(i)?;
        if date < body.from() {
            return None;
        }
        let renames = self.renames.get(i)?;
        let k = renames.partition_point(|(start, _)| *start <= date);
        match k.checked_sub(1).and_then(|k| renames.get(k)) {
            Some((_, names)) => Some(names),
            None => Some(body.names()),
        }
    }

    /// The parent of the body on `date`; `None` if the body is not active then or has no
    /// parent.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Change, Level, Registry};
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let registry = Registry::builder()
    ///     .body(Body::new("P".parse()?, "P", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    ///     .body(Body::new("Q".parse()?, "Q", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    ///     .body(Body::new("C".parse()?, "C", BodyKind::Other, Level::District, day(2000, 1, 1)?)
    ///         .with_parent("P".parse()?))
    ///     .change(Change::Move { body: "C".parse()?, date: day(2020, 1, 1)?, parent: Some("Q".parse()?), provenance: None })
    ///     .build()?;
    /// let c = registry.id("C").ok_or("no C")?;
    /// assert_eq!(registry.parent_on(c, day(2019, 1, 1)?), registry.id("P"));
    /// assert_eq!(registry.parent_on(c, day(2021, 1, 1)?), registry.id("Q"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parent_on(&self, id: BodyId, date: NaiveDate) -> Option<BodyId> {
        let i = idx(id);
        if !self.active(i, date) {
            return None;
        }
        let segments = self.parents.get(i)?;
        let k = segments.partition_point(|(start, _)| *start <= date);
        let (_, parent) = segments.get(k.checked_sub(1)?)?;
        parent.map(id_of)
    }

    /// The index of the epoch (span without moves) that contains `date`.
    pub(super) fn epoch(&self, date: NaiveDate) -> Option<&Epoch> {
        let k = self.epoch_starts.partition_point(|start| *start <= date);
        self.epochs.get(k)
    }

    /// The bodies whose parent on `date` is this body, active on `date`, in id order.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, Registry};
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let registry = Registry::builder()
    ///     .body(Body::new("P".parse()?, "P", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    ///     .body(Body::new("C".parse()?, "C", BodyKind::Other, Level::District, day(2000, 1, 1)?)
    ///         .with_parent("P".parse()?).with_until(day(2025, 7, 1)?))
    ///     .build()?;
    /// let p = registry.id("P").ok_or("no P")?;
    /// assert_eq!(registry.children_on(p, day(2024, 1, 1)?), registry.id("C").into_iter().collect::<Vec<_>>());
    /// assert!(registry.children_on(p, day(2025, 7, 1)?).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn children_on(&self, id: BodyId, date: NaiveDate) -> Vec<BodyId> {
        self.children_ids(idx(id), date)
            .into_iter()
            .map(id_of)
            .collect()
    }

    pub(super) fn children_ids(&self, i: usize, date: NaiveDate) -> Vec<u32> {
        if !self.active(i, date) {
            return Vec::new();
        }
        match self.epoch(date) {
            Some(epoch) => epoch
                .children(i)
                .iter()
                .copied()
                .filter(|&c| self.active(c as usize, date))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The bodies below this body on `date` (children, their children, …, not the body
    /// itself), active on `date`, in id order.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, Registry};
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let registry = Registry::builder()
    ///     .body(Body::new("P".parse()?, "P", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    ///     .body(Body::new("C".parse()?, "C", BodyKind::Other, Level::District, day(2000, 1, 1)?)
    ///         .with_parent("P".parse()?))
    ///     .body(Body::new("G".parse()?, "G", BodyKind::Other, Level::Commune, day(2000, 1, 1)?)
    ///         .with_parent("C".parse()?))
    ///     .build()?;
    /// let p = registry.id("P").ok_or("no P")?;
    /// assert_eq!(registry.descendants_on(p, day(2024, 1, 1)?).len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn descendants_on(&self, id: BodyId, date: NaiveDate) -> Vec<BodyId> {
        self.descendant_ids(idx(id), date)
            .into_iter()
            .map(id_of)
            .collect()
    }

    pub(super) fn descendant_ids(&self, i: usize, date: NaiveDate) -> Vec<u32> {
        if !self.active(i, date) {
            return Vec::new();
        }
        match self.epoch(date) {
            Some(epoch) => {
                // A body active on `date` has its whole ancestor chain active on `date`
                // (invariant), so the preorder interval filtered by activity is exactly
                // the set of descendants on `date`.
                let mut out: Vec<u32> = epoch
                    .descendants(i)
                    .iter()
                    .copied()
                    .filter(|&d| self.active(d as usize, date))
                    .collect();
                out.sort_unstable();
                out
            }
            None => Vec::new(),
        }
    }

    /// The body that holds this body's obligations on `date`: the body itself if active,
    /// else its successor, following chains of successions to the end.
    ///
    /// `None` if `date` is before the body was established, if the chain ends with a body
    /// dissolved without successor, or for an id from another registry. The time taken is
    /// proportional to the length of the chain.
    ///
    /// # Example
    ///
    /// [`succession_on`](Self::succession_on) also returns the chain.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let registry = Registry::builder()
    /// #     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
    /// #     .build()?;
    /// # let (a, b) = (registry.id("A").ok_or("no A")?, registry.id("B").ok_or("no B")?);
    /// assert_eq!(registry.successor_on(a, day(2024, 6, 1)?), Some(a));
    /// assert_eq!(registry.successor_on(a, day(2025, 6, 1)?), Some(b));
    /// assert_eq!(registry.successor_on(a, day(1999, 6, 1)?), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn successor_on(&self, id: BodyId, date: NaiveDate) -> Option<BodyId> {
        let mut i = idx(id);
        if date < *self.from.get(i)? {
            return None;
        }
        // Each step moves to a body active on the end of the previous one, so the ends
        // strictly increase and the loop terminates.
        loop {
            if date < *self.until.get(i)? {
                return Some(id_of(u32::try_from(i).ok()?));
            }
            let (next, _) = (*self.successor.get(i)?)?;
            i = next as usize;
        }
    }

    /// Like [`successor_on`](Self::successor_on), with the chain of successions.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::org::{Body, BodyKind, Change, ChangeKind, Level, Registry};
    /// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// # let registry = Registry::builder()
    /// #     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    /// #     .change(Change::Dissolve { body: "A".parse()?, successor: Some("B".parse()?), date: day(2025, 1, 1)?, provenance: None })
    /// #     .build()?;
    /// # let (a, b) = (registry.id("A").ok_or("no A")?, registry.id("B").ok_or("no B")?);
    /// let succession = registry.succession_on(a, day(2025, 6, 1)?).ok_or("none")?;
    /// assert_eq!(succession.body(), b);
    /// assert_eq!(succession.steps()[0].date(), day(2025, 1, 1)?);
    /// assert_eq!(registry.succession_on(a, day(1999, 1, 1)?), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn succession_on(&self, id: BodyId, date: NaiveDate) -> Option<Succession> {
        let mut i = idx(id);
        if date < *self.from.get(i)? {
            return None;
        }
        let mut steps = Vec::new();
        loop {
            let until = *self.until.get(i)?;
            if date < until {
                return Some(Succession {
                    body: id_of(u32::try_from(i).ok()?),
                    steps,
                });
            }
            let (next, change) = (*self.successor.get(i)?)?;
            steps.push(SuccessionStep {
                from: id_of(u32::try_from(i).ok()?),
                to: id_of(next),
                date: until,
                change,
            });
            i = next as usize;
        }
    }
}

/// The bodies of a registry with their ids, in id order, from [`Registry::iter`] (or
/// `for (id, body) in &registry`).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::org::{Body, BodyKind, Iter, Level, Registry};
///
/// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
/// let registry = Registry::builder()
///     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day))
///     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day))
///     .build()?;
/// let bodies: Iter<'_> = registry.iter();
/// assert_eq!(bodies.len(), 2);
/// for (id, body) in &registry {
///     assert_eq!(registry.code(id), Some(body.code()));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct Iter<'a> {
    bodies: std::slice::Iter<'a, Body>,
    // INVARIANT (registry): a registry has fewer than `u32::MAX` bodies, so the index of
    // every body fits.
    next: u32,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (BodyId, &'a Body);

    fn next(&mut self) -> Option<Self::Item> {
        let body = self.bodies.next()?;
        let id = id_of(self.next);
        self.next = self.next.saturating_add(1);
        Some((id, body))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.bodies.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl std::iter::FusedIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Registry {
    type Item = (BodyId, &'a Body);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Builds a [`Registry`], checking its invariants in [`build`](RegistryBuilder::build).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::org::{Body, BodyKind, Level, RegistryBuilder};
///
/// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
/// let mut builder = RegistryBuilder::new();
/// for code in ["A", "B", "C"] {
///     builder = builder.body(Body::new(code.parse()?, code, BodyKind::Other, Level::Province, day));
/// }
/// assert_eq!(builder.build()?.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct RegistryBuilder {
    bodies: Vec<Body>,
    changes: Vec<Change>,
}

impl RegistryBuilder {
    /// An empty builder.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::RegistryBuilder;
    ///
    /// assert!(RegistryBuilder::new().build()?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new() -> RegistryBuilder {
        RegistryBuilder::default()
    }

    /// Adds a body; its id will be its position among the bodies added.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, RegistryBuilder};
    ///
    /// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
    /// let registry = RegistryBuilder::new()
    ///     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day))
    ///     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day))
    ///     .build()?;
    /// assert_eq!(registry.id("B").map(|id| id.index()), Some(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn body(mut self, body: Body) -> RegistryBuilder {
        self.bodies.push(body);
        self
    }

    /// Adds bodies.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, Registry};
    ///
    /// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
    /// let bodies = vec![Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day)];
    /// assert_eq!(Registry::builder().bodies(bodies).build()?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn bodies(mut self, bodies: impl IntoIterator<Item = Body>) -> RegistryBuilder {
        self.bodies.extend(bodies);
        self
    }

    /// Adds a change.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Change, Level, Registry};
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let registry = Registry::builder()
    ///     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day(2000, 1, 1)?))
    ///     .change(Change::Dissolve { body: "A".parse()?, successor: None, date: day(2010, 1, 1)?, provenance: None })
    ///     .build()?;
    /// let a = registry.id("A").ok_or("no A")?;
    /// assert_eq!(registry.body(a).and_then(|b| b.until()), Some(day(2010, 1, 1)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn change(mut self, change: Change) -> RegistryBuilder {
        self.changes.push(change);
        self
    }

    /// Adds changes.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Registry;
    ///
    /// assert!(Registry::builder().changes(Vec::new()).build()?.changes().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn changes(mut self, changes: impl IntoIterator<Item = Change>) -> RegistryBuilder {
        self.changes.extend(changes);
        self
    }

    /// Checks the bodies and changes and builds the registry with its indexes.
    ///
    /// # Errors
    ///
    /// The first violated invariant (see [`Registry`]), checked in this order:
    /// [`TooManyBodies`](OrgError::TooManyBodies),
    /// [`DuplicateCode`](OrgError::DuplicateCode),
    /// [`EmptyValidity`](OrgError::EmptyValidity),
    /// [`DanglingParent`](OrgError::DanglingParent);
    /// then for each change in order [`DanglingReference`](OrgError::DanglingReference),
    /// [`MalformedChange`](OrgError::MalformedChange),
    /// [`ConflictingEnd`](OrgError::ConflictingEnd); then
    /// [`EmptyValidity`](OrgError::EmptyValidity) for ends set by changes,
    /// [`ChangeOutsideValidity`](OrgError::ChangeOutsideValidity),
    /// [`DuplicateChange`](OrgError::DuplicateChange),
    /// [`ParentCycle`](OrgError::ParentCycle),
    /// [`SuccessionCycle`](OrgError::SuccessionCycle),
    /// [`SuccessorNotEstablished`](OrgError::SuccessorNotEstablished),
    /// [`SuccessorNotActive`](OrgError::SuccessorNotActive),
    /// [`ParentNotActive`](OrgError::ParentNotActive).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, OrgError, Registry};
    ///
    /// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
    /// let err = Registry::builder()
    ///     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day).with_parent("X".parse()?))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.to_string(), "body `A` names parent `X`, which is not in the registry");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<Registry, OrgError> {
        let RegistryBuilder {
            mut bodies,
            changes,
        } = self;
        let n = bodies.len();
        if u32::try_from(n).is_err() || n == u32::MAX as usize {
            return Err(OrgError::TooManyBodies { count: n });
        }

        let mut by_code = HashMap::with_capacity(n);
        for (i, body) in (0u32..).zip(&bodies) {
            if by_code.insert(body.code().clone(), id_of(i)).is_some() {
                return Err(OrgError::DuplicateCode {
                    code: body.code().clone(),
                });
            }
        }
        for body in &bodies {
            check_validity(body)?;
        }
        let lookup = |code: &BodyCode| by_code.get(code.as_str()).map(|id| id.index());

        let mut parents: Vec<Vec<(NaiveDate, Option<u32>)>> = Vec::with_capacity(n);
        for body in &bodies {
            let parent = match body.parent() {
                Some(code) => Some(lookup(code).ok_or_else(|| OrgError::DanglingParent {
                    code: body.code().clone(),
                    parent: code.clone(),
                })?),
                None => None,
            };
            parents.push(vec![(body.from(), parent)]);
        }

        let mut ends = Ends::new(&bodies);
        let mut renames: Vec<Vec<(NaiveDate, Names)>> = vec![Vec::new(); n];
        // Successors and split parts to check for activity once all ends are known.
        let mut takeovers: Vec<(u32, u32, ChangeKind, NaiveDate)> = Vec::new();
        for change in &changes {
            let kind = change.kind();
            let date = change.date();
            let find = |code: &BodyCode| {
                lookup(code).ok_or_else(|| OrgError::DanglingReference {
                    change: kind,
                    date,
                    code: code.clone(),
                })
            };
            let malformed = |code: &BodyCode, reason| OrgError::MalformedChange {
                change: kind,
                code: code.clone(),
                date,
                reason,
            };
            match change {
                Change::Rename { body, names, .. } => {
                    let i = find(body)?;
                    if let Some(list) = renames.get_mut(i as usize) {
                        list.push((date, names.clone()));
                    }
                }
                Change::Move { body, parent, .. } => {
                    let i = find(body)?;
                    let parent = parent.as_ref().map(find).transpose()?;
                    if let Some(list) = parents.get_mut(i as usize) {
                        list.push((date, parent));
                    }
                }
                Change::Merge {
                    bodies: merged,
                    into,
                    ..
                } => {
                    let target = find(into)?;
                    let ids = merged.iter().map(find).collect::<Result<Vec<_>, _>>()?;
                    if ids.is_empty() {
                        return Err(malformed(into, "no bodies to merge"));
                    }
                    for (k, (&i, code)) in ids.iter().zip(merged).enumerate() {
                        if i == target {
                            return Err(malformed(code, "a body merges into itself"));
                        }
                        if ids.get(..k).is_some_and(|seen| seen.contains(&i)) {
                            return Err(malformed(code, "a body is listed twice"));
                        }
                    }
                    for (&i, code) in ids.iter().zip(merged) {
                        ends.end(i, code, kind, date, Some(target))?;
                        takeovers.push((i, target, kind, date));
                    }
                }
                Change::Split {
                    body, into, heir, ..
                } => {
                    let i = find(body)?;
                    let parts = into.iter().map(find).collect::<Result<Vec<_>, _>>()?;
                    let heir_id = find(heir)?;
                    if parts.is_empty() {
                        return Err(malformed(body, "no parts"));
                    }
                    if parts.contains(&i) {
                        return Err(malformed(body, "a body splits into itself"));
                    }
                    if parts
                        .iter()
                        .enumerate()
                        .any(|(k, p)| parts.get(..k).is_some_and(|seen| seen.contains(p)))
                    {
                        return Err(malformed(body, "a part is listed twice"));
                    }
                    if !parts.contains(&heir_id) {
                        return Err(malformed(body, "the heir is not one of the parts"));
                    }
                    ends.end(i, body, kind, date, Some(heir_id))?;
                    takeovers.push((i, heir_id, kind, date));
                    for &part in &parts {
                        if part != heir_id {
                            takeovers.push((i, part, kind, date));
                        }
                    }
                }
                Change::Dissolve {
                    body, successor, ..
                } => {
                    let i = find(body)?;
                    let successor = successor.as_ref().map(find).transpose()?;
                    if successor == Some(i) {
                        return Err(malformed(body, "a body succeeds itself"));
                    }
                    ends.end(i, body, kind, date, successor)?;
                    if let Some(s) = successor {
                        takeovers.push((i, s, kind, date));
                    }
                }
            }
        }

        let successor = ends.successor;
        for (body, end) in bodies.iter_mut().zip(&ends.until) {
            if let Some(until) = end {
                body.set_until(*until);
            }
        }
        for body in &bodies {
            check_validity(body)?;
        }
        let from: Vec<NaiveDate> = bodies.iter().map(Body::from).collect();
        let until: Vec<NaiveDate> = bodies
            .iter()
            .map(|b| b.until().unwrap_or(NaiveDate::MAX))
            .collect();

        // Renames and moves: strictly inside the validity, at most one per body and date.
        let inside = |i: usize, date: NaiveDate| {
            from.get(i).is_some_and(|f| *f < date) && until.get(i).is_some_and(|u| date < *u)
        };
        for (i, (list, body)) in renames.iter_mut().zip(&bodies).enumerate() {
            list.sort_by_key(|(date, _)| *date);
            check_segments(
                list.iter().map(|(d, _)| *d),
                |d| inside(i, d),
                body,
                ChangeKind::Rename,
            )?;
        }
        for (i, (list, body)) in parents.iter_mut().zip(&bodies).enumerate() {
            // The first segment is the initial parent, at `from`; keep it first.
            if let Some(moves) = list.get_mut(1..) {
                moves.sort_by_key(|(date, _)| *date);
            }
            check_segments(
                list.iter().skip(1).map(|(d, _)| *d),
                |d| inside(i, d),
                body,
                ChangeKind::Move,
            )?;
        }

        check_parent_cycles(&bodies, &parents)?;
        check_succession_cycles(&bodies, &successor)?;

        let code = |i: usize| bodies.get(i).map(|b| b.code().clone());
        for &(ended, taker, change, date) in &takeovers {
            let t = taker as usize;
            let (Some(code), Some(successor), Some(&taker_from)) =
                (code(ended as usize), code(t), from.get(t))
            else {
                continue;
            };
            if date < taker_from {
                return Err(OrgError::SuccessorNotEstablished {
                    code,
                    successor,
                    change,
                    date,
                    from: taker_from,
                });
            }
            if until.get(t).is_some_and(|u| *u <= date) {
                return Err(OrgError::SuccessorNotActive {
                    code,
                    successor,
                    change,
                    date,
                });
            }
        }

        for (i, segments) in parents.iter().enumerate() {
            let (Some(&body_from), Some(&body_until)) = (from.get(i), until.get(i)) else {
                continue;
            };
            for (k, &(start, parent)) in segments.iter().enumerate() {
                let Some(p) = parent else { continue };
                let end = segments
                    .get(k + 1)
                    .map_or(body_until, |(next, _)| *next)
                    .min(body_until);
                let start = start.max(body_from);
                let (Some(&p_from), Some(&p_until)) = (from.get(p as usize), until.get(p as usize))
                else {
                    continue;
                };
                let first_bad = if start < p_from {
                    Some(start)
                } else if end > p_until {
                    Some(p_until)
                } else {
                    None
                };
                if let (Some(date), Some(code), Some(parent)) =
                    (first_bad, code(i), code(p as usize))
                {
                    return Err(OrgError::ParentNotActive { code, parent, date });
                }
            }
        }

        let mut by_kind = vec![Vec::new(); super::BodyKind::ALL.len()];
        let mut by_level = vec![Vec::new(); super::Level::ALL.len()];
        for (i, body) in (0u32..).zip(&bodies) {
            if let Some(list) = by_kind.get_mut(body.kind().index()) {
                list.push(i);
            }
            if let Some(list) = by_level.get_mut(body.level().index()) {
                list.push(i);
            }
        }

        let mut epoch_starts: Vec<NaiveDate> = parents
            .iter()
            .flat_map(|segments| segments.iter().skip(1).map(|(d, _)| *d))
            .collect();
        epoch_starts.sort_unstable();
        epoch_starts.dedup();
        let epochs = std::iter::once(NaiveDate::MIN)
            .chain(epoch_starts.iter().copied())
            .map(|start| build_epoch(&from, &parents, start))
            .collect();

        Ok(Registry {
            bodies,
            by_code,
            from,
            until,
            renames,
            parents,
            successor,
            changes,
            by_kind,
            by_level,
            epoch_starts,
            epochs,
        })
    }
}

/// The ends of bodies as given by their `until` and by changes.
struct Ends {
    until: Vec<Option<NaiveDate>>,
    by_change: Vec<bool>,
    successor: Vec<Option<(u32, ChangeKind)>>,
}

impl Ends {
    fn new(bodies: &[Body]) -> Ends {
        Ends {
            until: bodies.iter().map(Body::until).collect(),
            by_change: vec![false; bodies.len()],
            successor: vec![None; bodies.len()],
        }
    }

    fn end(
        &mut self,
        i: u32,
        code: &BodyCode,
        change: ChangeKind,
        date: NaiveDate,
        successor: Option<u32>,
    ) -> Result<(), OrgError> {
        let i = i as usize;
        let (Some(until), Some(by_change), Some(slot)) = (
            self.until.get_mut(i),
            self.by_change.get_mut(i),
            self.successor.get_mut(i),
        ) else {
            return Ok(());
        };
        match *until {
            Some(first) if *by_change || first != date => {
                return Err(OrgError::ConflictingEnd {
                    code: code.clone(),
                    first,
                    change,
                    second: date,
                });
            }
            _ => {}
        }
        *until = Some(date);
        *by_change = true;
        *slot = successor.map(|s| (s, change));
        Ok(())
    }
}

fn check_validity(body: &Body) -> Result<(), OrgError> {
    match body.until() {
        Some(until) if until <= body.from() => Err(OrgError::EmptyValidity {
            code: body.code().clone(),
            from: body.from(),
            until,
        }),
        _ => Ok(()),
    }
}

/// Checks sorted change dates: each strictly inside the validity, no two equal.
fn check_segments(
    dates: impl Iterator<Item = NaiveDate>,
    inside: impl Fn(NaiveDate) -> bool,
    body: &Body,
    change: ChangeKind,
) -> Result<(), OrgError> {
    let mut previous = None;
    for date in dates {
        if !inside(date) {
            return Err(OrgError::ChangeOutsideValidity {
                change,
                code: body.code().clone(),
                date,
            });
        }
        if previous == Some(date) {
            return Err(OrgError::DuplicateChange {
                change,
                code: body.code().clone(),
                date,
            });
        }
        previous = Some(date);
    }
    Ok(())
}

fn cycle_codes(bodies: &[Body], cycle: &[u32]) -> Vec<BodyCode> {
    let mut codes: Vec<BodyCode> = cycle
        .iter()
        .filter_map(|&i| bodies.get(i as usize).map(|b| b.code().clone()))
        .collect();
    if let Some(first) = codes.first().cloned() {
        codes.push(first);
    }
    codes
}

/// Rejects a cycle in the graph of every parent each body has at any time.
fn check_parent_cycles(
    bodies: &[Body],
    parents: &[Vec<(NaiveDate, Option<u32>)>],
) -> Result<(), OrgError> {
    const WHITE: u8 = 0;
    const GREY: u8 = 1;
    const BLACK: u8 = 2;
    let n = bodies.len();
    let mut color = vec![WHITE; n];
    let edges = |i: usize| -> Vec<u32> {
        let mut out: Vec<u32> = parents
            .get(i)
            .map(|segments| segments.iter().filter_map(|(_, p)| *p).collect())
            .unwrap_or_default();
        out.sort_unstable();
        out.dedup();
        out
    };
    for root in 0..n {
        if color.get(root) != Some(&WHITE) {
            continue;
        }
        // Iterative depth-first search: (body, its parents, next parent to visit).
        let mut stack: Vec<(u32, Vec<u32>, usize)> = Vec::new();
        if let Some(c) = color.get_mut(root) {
            *c = GREY;
        }
        stack.push((u32::try_from(root).unwrap_or(u32::MAX), edges(root), 0));
        while let Some((node, out, next)) = stack.last_mut() {
            let node = *node;
            match out.get(*next).copied() {
                Some(p) => {
                    *next += 1;
                    match color.get(p as usize).copied() {
                        Some(WHITE) => {
                            if let Some(c) = color.get_mut(p as usize) {
                                *c = GREY;
                            }
                            stack.push((p, edges(p as usize), 0));
                        }
                        Some(GREY) => {
                            let start = stack.iter().position(|(b, _, _)| *b == p).unwrap_or(0);
                            let cycle: Vec<u32> =
                                stack.iter().skip(start).map(|(b, _, _)| *b).collect();
                            return Err(OrgError::ParentCycle {
                                codes: cycle_codes(bodies, &cycle),
                            });
                        }
                        _ => {}
                    }
                }
                None => {
                    if let Some(c) = color.get_mut(node as usize) {
                        *c = BLACK;
                    }
                    stack.pop();
                }
            }
        }
    }
    Ok(())
}

/// Rejects a cycle in the successor function.
fn check_succession_cycles(
    bodies: &[Body],
    successor: &[Option<(u32, ChangeKind)>],
) -> Result<(), OrgError> {
    const WHITE: u8 = 0;
    const GREY: u8 = 1;
    const BLACK: u8 = 2;
    let mut color = vec![WHITE; successor.len()];
    for start in 0..successor.len() {
        let mut path: Vec<u32> = Vec::new();
        let mut i = start;
        loop {
            match color.get(i).copied() {
                Some(WHITE) => {
                    if let Some(c) = color.get_mut(i) {
                        *c = GREY;
                    }
                    path.push(u32::try_from(i).unwrap_or(u32::MAX));
                    match successor.get(i).copied().flatten() {
                        Some((next, _)) => i = next as usize,
                        None => break,
                    }
                }
                Some(GREY) => {
                    let from = path.iter().position(|&b| b as usize == i).unwrap_or(0);
                    return Err(OrgError::SuccessionCycle {
                        codes: cycle_codes(bodies, path.get(from..).unwrap_or(&[])),
                    });
                }
                _ => break,
            }
        }
        for &b in &path {
            if let Some(c) = color.get_mut(b as usize) {
                *c = BLACK;
            }
        }
    }
    Ok(())
}

/// The parent forest in force from `start` until the next move.
fn build_epoch(
    from: &[NaiveDate],
    parents: &[Vec<(NaiveDate, Option<u32>)>],
    start: NaiveDate,
) -> Epoch {
    let n = parents.len();
    let parent_of = |i: usize| -> Option<u32> {
        let segments = parents.get(i)?;
        let key = from.get(i).map_or(start, |f| start.max(*f));
        let k = segments.partition_point(|(d, _)| *d <= key);
        segments.get(k.saturating_sub(1)).and_then(|(_, p)| *p)
    };
    let parent: Vec<Option<u32>> = (0..n).map(parent_of).collect();

    let mut child_start = vec![0u32; n + 1];
    for p in parent.iter().flatten() {
        if let Some(count) = child_start.get_mut(*p as usize + 1) {
            *count += 1;
        }
    }
    for k in 1..child_start.len() {
        let previous = child_start.get(k - 1).copied().unwrap_or(0);
        if let Some(c) = child_start.get_mut(k) {
            *c += previous;
        }
    }
    let mut fill = child_start.clone();
    let mut children = vec![0u32; child_start.last().copied().unwrap_or(0) as usize];
    for (c, p) in (0u32..).zip(&parent) {
        if let Some(slot) = p.and_then(|p| fill.get_mut(p as usize)) {
            if let Some(cell) = children.get_mut(*slot as usize) {
                *cell = c;
            }
            *slot += 1;
        }
    }

    let mut epoch = Epoch {
        child_start,
        children,
        order: Vec::with_capacity(n),
        tin: vec![0; n],
        tout: vec![0; n],
    };
    let mut stack: Vec<(u32, usize)> = Vec::new();
    for (root, p) in (0u32..).zip(&parent) {
        if p.is_some() {
            continue;
        }
        stack.push((root, 0));
        enter(&mut epoch, root);
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            match epoch.children(node as usize).get(*next).copied() {
                Some(child) => {
                    *next += 1;
                    enter(&mut epoch, child);
                    stack.push((child, 0));
                }
                None => {
                    let len = u32::try_from(epoch.order.len()).unwrap_or(u32::MAX);
                    if let Some(t) = epoch.tout.get_mut(node as usize) {
                        *t = len;
                    }
                    stack.pop();
                }
            }
        }
    }
    epoch
}

fn enter(epoch: &mut Epoch, node: u32) {
    let len = u32::try_from(epoch.order.len()).unwrap_or(u32::MAX);
    if let Some(t) = epoch.tin.get_mut(node as usize) {
        *t = len;
    }
    epoch.order.push(node);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::{BodyKind, Level};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn body(code: &str, parent: Option<&str>) -> Body {
        let b = Body::new(
            code.parse().unwrap(),
            code,
            BodyKind::Other,
            Level::Province,
            day(2000, 1, 1),
        );
        match parent {
            Some(p) => b.with_parent(p.parse().unwrap()),
            None => b,
        }
    }

    #[test]
    fn euler_intervals_follow_moves() {
        let registry = Registry::builder()
            .body(body("R", None))
            .body(body("A", Some("R")))
            .body(body("B", Some("R")))
            .body(body("C", Some("A")))
            .change(Change::Move {
                body: "C".parse().unwrap(),
                date: day(2010, 1, 1),
                parent: Some("B".parse().unwrap()),
                provenance: None,
            })
            .build()
            .unwrap();
        assert_eq!(registry.epochs.len(), 2);
        let a = registry.id("A").unwrap();
        let b = registry.id("B").unwrap();
        let c = registry.id("C").unwrap();
        assert_eq!(registry.descendants_on(a, day(2009, 12, 31)), vec![c]);
        assert_eq!(registry.descendants_on(a, day(2010, 1, 1)), vec![]);
        assert_eq!(registry.children_on(b, day(2010, 1, 1)), vec![c]);
        let r = registry.id("R").unwrap();
        assert_eq!(registry.descendants_on(r, day(2010, 1, 1)), vec![a, b, c]);
    }

    #[test]
    fn registry_is_send_sync() {
        fn assert_traits<T: Send + Sync + 'static>() {}
        assert_traits::<Registry>();
        assert_traits::<crate::org::Selector>();
    }

    #[test]
    fn ids_from_elsewhere_are_harmless() {
        let registry = Registry::builder().body(body("R", None)).build().unwrap();
        let stranger = BodyId::from_index(9);
        assert!(!registry.is_active_on(stranger, day(2020, 1, 1)));
        assert_eq!(registry.successor_on(stranger, day(2020, 1, 1)), None);
        assert_eq!(registry.name_on(stranger, day(2020, 1, 1)), None);
        assert!(registry.children_on(stranger, day(2020, 1, 1)).is_empty());
        assert!(
            registry
                .descendants_on(stranger, day(2020, 1, 1))
                .is_empty()
        );
    }
}
