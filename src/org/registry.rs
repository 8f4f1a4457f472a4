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
/// - no body is its own ancestor on any date (bodies may swap places over time);
/// - names are not blank (empty or only white space);
/// - no body is its own successor through a chain of successions;
/// - a successor (and each part of a split) is active on the date it takes over: it is
///   established on or before that date and has not ended;
/// - a body active on a date has a parent active on that date (or no parent).
///
/// The last two make succession chains finite: along a chain the end dates strictly
/// increase.
///
/// Building indexes the bodies by code, kind and level, and lists the spans of time each
/// body spends under each parent, grouped by parent, so that
/// [`children_on`](Registry::children_on) reads one short list and
/// [`descendants_on`](Registry::descendants_on) walks down from the body. Memory is linear
/// in the bodies and changes, however many dates the moves fall on; building takes
/// O((bodies + changes) log(bodies + changes)) time plus, for the parent-cycle check, the
/// number of bodies that get a parent times the depth of the hierarchy.
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
    /// Who is under whom, and when.
    children: ChildSegments,
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
        RegistryBuilder {
            bodies: Vec::new(),
            changes: Vec::new(),
        }
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
    #[must_use]
    pub fn id(&self, code: impl AsRef<str>) -> Option<BodyId> {
        self.by_code.get(code.as_ref()).copied()
    }

    /// The id of the body with this code, or [`OrgError::UnknownCode`].
    pub(super) fn require(&self, code: &BodyCode) -> Result<BodyId, OrgError> {
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
    #[must_use]
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
    /// assert_eq!(registry.name_on(a, day(2019, 12, 31)?).map(|n| n.name(directives::Lang::Vi)), Some("Old"));
    /// assert_eq!(registry.name_on(a, day(2020, 1, 1)?).map(|n| n.name(directives::Lang::Vi)), Some("New"));
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
    #[must_use]
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

    /// Every span of time a body spends under body `i` (an upper bound of its children
    /// on any date).
    pub(super) fn child_spans(&self, i: usize) -> usize {
        self.children.of(i).len()
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
    #[must_use]
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
        // Spans are clipped to the child's validity, so a span in force is an active child.
        self.children.on(i, date).collect()
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
    #[must_use]
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
        // No body is its own ancestor on any date (invariant), so the walk down ends and
        // meets each descendant once.
        let mut out: Vec<u32> = Vec::new();
        let mut stack: Vec<u32> = self.children.on(i, date).collect();
        while let Some(c) = stack.pop() {
            out.push(c);
            stack.extend(self.children.on(c as usize, date));
        }
        out.sort_unstable();
        out
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
/// [`Registry::builder`] is the one way to start a builder.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::org::{Body, BodyKind, Level, Registry, RegistryBuilder};
///
/// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
/// let mut builder: RegistryBuilder = Registry::builder();
/// for code in ["A", "B", "C"] {
///     builder = builder.body(Body::new(code.parse()?, code, BodyKind::Other, Level::Province, day));
/// }
/// assert_eq!(builder.build()?.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct RegistryBuilder {
    bodies: Vec<Body>,
    changes: Vec<Change>,
}

impl RegistryBuilder {
    /// Adds a body; its id will be its position among the bodies added.
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
    /// The first violated invariant (see [`Registry`]). Except for
    /// [`TooManyBodies`](OrgError::TooManyBodies), [`ParentCycle`](OrgError::ParentCycle)
    /// and [`SuccessionCycle`](OrgError::SuccessionCycle), the error is an
    /// [`OrgError::At`] naming the path of the value at fault, counted in the order the
    /// bodies and changes were given (`bodies[3].parent`, `changes[0].bodies[2]`), which is
    /// their path in a data file too; [`OrgError::cause`] strips it. Checked in this order:
    /// [`TooManyBodies`](OrgError::TooManyBodies),
    /// [`DuplicateCode`](OrgError::DuplicateCode),
    /// [`BlankName`](OrgError::BlankName) and [`EmptyValidity`](OrgError::EmptyValidity)
    /// per body, [`DanglingParent`](OrgError::DanglingParent);
    /// then for each change in order [`DanglingReference`](OrgError::DanglingReference),
    /// [`BlankName`](OrgError::BlankName),
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
    /// assert_eq!(
    ///     err.to_string(),
    ///     "at `bodies[0].parent`: body `A` names parent `X`, which is not in the registry"
    /// );
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
        let at_body = |i: usize, field: &str| format!("bodies[{i}].{field}");

        let mut by_code = HashMap::with_capacity(n);
        for (i, body) in (0u32..).zip(&bodies) {
            if by_code.insert(body.code().clone(), id_of(i)).is_some() {
                return Err(OrgError::DuplicateCode {
                    code: body.code().clone(),
                }
                .at(&at_body(i as usize, "code")));
            }
        }
        for (i, body) in bodies.iter().enumerate() {
            check_names(body.code(), body.names())
                .map_err(|(e, field)| e.at(&at_body(i, field)))?;
            check_validity(body).map_err(|e| e.at(&at_body(i, "until")))?;
        }
        let lookup = |code: &BodyCode| by_code.get(code.as_str()).map(|id| id.index());

        let mut parents: Vec<Vec<(NaiveDate, Option<u32>)>> = Vec::with_capacity(n);
        // Where each parent segment was given: `None` for the body's own `parent`, else
        // the index of the move.
        let mut sources: Vec<Vec<Option<usize>>> = Vec::with_capacity(n);
        for (i, body) in bodies.iter().enumerate() {
            let parent = match body.parent() {
                Some(code) => Some(lookup(code).ok_or_else(|| {
                    OrgError::DanglingParent {
                        code: body.code().clone(),
                        parent: code.clone(),
                    }
                    .at(&at_body(i, "parent"))
                })?),
                None => None,
            };
            parents.push(vec![(body.from(), parent)]);
            sources.push(vec![None]);
        }

        let mut ends = Ends::new(&bodies);
        // Renames with the index of their change, to sort and check.
        let mut renames: Vec<Vec<(NaiveDate, usize, Names)>> = vec![Vec::new(); n];
        // Successors and split parts to check for activity once all ends are known: the
        // body that ends, the body that takes over, the change and where it names the taker.
        let mut takeovers: Vec<Takeover> = Vec::new();
        // `seen[i] == k` when body `i` is already listed in change `k` (linear duplicate
        // checks however long the lists).
        let mut seen: Vec<usize> = vec![usize::MAX; n];
        for (k, change) in changes.iter().enumerate() {
            let kind = change.kind();
            let date = change.date();
            let at = |field: &str| format!("changes[{k}].{field}");
            // The path is written only for an error, so long lists cost no allocation.
            let find_at = |code: &BodyCode, field: &dyn Fn() -> String| {
                lookup(code).ok_or_else(|| {
                    OrgError::DanglingReference {
                        change: kind,
                        date,
                        code: code.clone(),
                    }
                    .at(&at(&field()))
                })
            };
            let find = |code: &BodyCode, field: &str| find_at(code, &|| field.to_owned());
            let malformed = |code: &BodyCode, reason, field: &str| {
                OrgError::MalformedChange {
                    change: kind,
                    code: code.clone(),
                    date,
                    reason,
                }
                .at(&at(field))
            };
            match change {
                Change::Rename { body, names, .. } => {
                    let i = find(body, "body")?;
                    check_names(body, names).map_err(|(e, field)| e.at(&at(field)))?;
                    if let Some(list) = renames.get_mut(i as usize) {
                        list.push((date, k, names.clone()));
                    }
                }
                Change::Move { body, parent, .. } => {
                    let i = find(body, "body")?;
                    let parent = parent.as_ref().map(|p| find(p, "parent")).transpose()?;
                    if let (Some(list), Some(from)) =
                        (parents.get_mut(i as usize), sources.get_mut(i as usize))
                    {
                        list.push((date, parent));
                        from.push(Some(k));
                    }
                }
                Change::Merge {
                    bodies: merged,
                    into,
                    ..
                } => {
                    let target = find(into, "into")?;
                    if merged.is_empty() {
                        return Err(malformed(into, "no bodies to merge", "bodies"));
                    }
                    let mut ids = Vec::with_capacity(merged.len());
                    for (m, code) in merged.iter().enumerate() {
                        let field = || format!("bodies[{m}]");
                        let i = find_at(code, &field)?;
                        if i == target {
                            return Err(malformed(code, "a body merges into itself", &field()));
                        }
                        match seen.get_mut(i as usize) {
                            Some(mark) if *mark == k => {
                                return Err(malformed(code, "a body is listed twice", &field()));
                            }
                            Some(mark) => *mark = k,
                            None => {}
                        }
                        ids.push(i);
                    }
                    for (&i, code) in ids.iter().zip(merged) {
                        ends.end(i, code, kind, date, Some(target), k)?;
                        takeovers.push(Takeover {
                            ended: i,
                            taker: target,
                            change: kind,
                            date,
                            path: TakeoverPath::Field(k, "into"),
                        });
                    }
                }
                Change::Split {
                    body, into, heir, ..
                } => {
                    let i = find(body, "body")?;
                    if into.is_empty() {
                        return Err(malformed(body, "no parts", "into"));
                    }
                    let heir_id = find(heir, "heir")?;
                    let mut parts = Vec::with_capacity(into.len());
                    for (m, code) in into.iter().enumerate() {
                        let field = || format!("into[{m}]");
                        let part = find_at(code, &field)?;
                        if part == i {
                            return Err(malformed(body, "a body splits into itself", &field()));
                        }
                        match seen.get_mut(part as usize) {
                            Some(mark) if *mark == k => {
                                return Err(malformed(body, "a part is listed twice", &field()));
                            }
                            Some(mark) => *mark = k,
                            None => {}
                        }
                        parts.push((part, m));
                    }
                    if seen.get(heir_id as usize) != Some(&k) {
                        return Err(malformed(body, "the heir is not one of the parts", "heir"));
                    }
                    ends.end(i, body, kind, date, Some(heir_id), k)?;
                    takeovers.push(Takeover {
                        ended: i,
                        taker: heir_id,
                        change: kind,
                        date,
                        path: TakeoverPath::Field(k, "heir"),
                    });
                    for (part, m) in parts {
                        if part != heir_id {
                            takeovers.push(Takeover {
                                ended: i,
                                taker: part,
                                change: kind,
                                date,
                                path: TakeoverPath::Part(k, m),
                            });
                        }
                    }
                }
                Change::Dissolve {
                    body, successor, ..
                } => {
                    let i = find(body, "body")?;
                    let successor = successor
                        .as_ref()
                        .map(|s| find(s, "successor"))
                        .transpose()?;
                    if successor == Some(i) {
                        return Err(malformed(body, "a body succeeds itself", "successor"));
                    }
                    ends.end(i, body, kind, date, successor, k)?;
                    if let Some(s) = successor {
                        takeovers.push(Takeover {
                            ended: i,
                            taker: s,
                            change: kind,
                            date,
                            path: TakeoverPath::Field(k, "successor"),
                        });
                    }
                }
            }
        }

        let Ends {
            until: ends_until,
            by_change,
            successor,
        } = ends;
        for (body, end) in bodies.iter_mut().zip(&ends_until) {
            if let Some(until) = end {
                body.set_until(*until);
            }
        }
        for (i, (body, by)) in bodies.iter().zip(&by_change).enumerate() {
            check_validity(body).map_err(|e| match by {
                Some(k) => e.at(&format!("changes[{k}].date")),
                None => e.at(&at_body(i, "until")),
            })?;
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
            list.sort_by_key(|(date, k, _)| (*date, *k));
            check_segments(
                list.iter().map(|(d, k, _)| (*d, *k)),
                |d| inside(i, d),
                body,
                ChangeKind::Rename,
            )?;
        }
        let renames: Vec<Vec<(NaiveDate, Names)>> = renames
            .into_iter()
            .map(|list| list.into_iter().map(|(d, _, names)| (d, names)).collect())
            .collect();
        for (i, ((list, from_list), body)) in parents
            .iter_mut()
            .zip(sources.iter_mut())
            .zip(&bodies)
            .enumerate()
        {
            // The first segment is the initial parent, at `from`; keep it first and sort
            // the moves by date (then by the order given, for the duplicate check).
            let mut moves: Vec<(NaiveDate, usize, Option<u32>)> = list
                .iter()
                .zip(from_list.iter())
                .skip(1)
                .map(|((d, p), k)| (*d, k.unwrap_or(0), *p))
                .collect();
            moves.sort_by_key(|(d, k, _)| (*d, *k));
            check_segments(
                moves.iter().map(|(d, k, _)| (*d, *k)),
                |d| inside(i, d),
                body,
                ChangeKind::Move,
            )?;
            list.truncate(1);
            from_list.truncate(1);
            for (d, k, p) in moves {
                list.push((d, p));
                from_list.push(Some(k));
            }
        }

        check_parent_cycles(&bodies, &until, &parents, &sources)?;
        check_succession_cycles(&bodies, &successor)?;

        let code = |i: usize| bodies.get(i).map(|b| b.code().clone());
        for takeover in &takeovers {
            let t = takeover.taker as usize;
            let (Some(&taker_from), Some(&taker_until)) = (from.get(t), until.get(t)) else {
                continue;
            };
            let (change, date) = (takeover.change, takeover.date);
            if date >= taker_from && date < taker_until {
                continue;
            }
            // Only now, for the error, are the codes copied.
            let (Some(code), Some(successor)) = (code(takeover.ended as usize), code(t)) else {
                continue;
            };
            let err = if date < taker_from {
                OrgError::SuccessorNotEstablished {
                    code,
                    successor,
                    change,
                    date,
                    from: taker_from,
                }
            } else {
                OrgError::SuccessorNotActive {
                    code,
                    successor,
                    change,
                    date,
                }
            };
            return Err(err.at(&takeover.path.to_string()));
        }

        for (i, (segments, given)) in parents.iter().zip(&sources).enumerate() {
            let (Some(&body_from), Some(&body_until)) = (from.get(i), until.get(i)) else {
                continue;
            };
            for (s, (&(start, parent), source)) in segments.iter().zip(given).enumerate() {
                let Some(p) = parent else { continue };
                let end = segments
                    .get(s + 1)
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
                    let path = match source {
                        Some(k) => format!("changes[{k}].parent"),
                        None => at_body(i, "parent"),
                    };
                    return Err(OrgError::ParentNotActive { code, parent, date }.at(&path));
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

        let children = ChildSegments::new(&from, &until, &parents);

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
            children,
        })
    }
}

/// A body that takes over from another on a change, to check once all ends are known.
struct Takeover {
    ended: u32,
    taker: u32,
    change: ChangeKind,
    date: NaiveDate,
    /// Where the change names the taker (`changes[4].into`).
    path: TakeoverPath,
}

/// Where a change names the body that takes over, written only for an error.
#[derive(Clone, Copy)]
enum TakeoverPath {
    /// `changes[k].field`.
    Field(usize, &'static str),
    /// `changes[k].into[m]`.
    Part(usize, usize),
}

impl std::fmt::Display for TakeoverPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TakeoverPath::Field(k, field) => write!(f, "changes[{k}].{field}"),
            TakeoverPath::Part(k, m) => write!(f, "changes[{k}].into[{m}]"),
        }
    }
}

/// The ends of bodies as given by their `until` and by changes.
struct Ends {
    until: Vec<Option<NaiveDate>>,
    /// The index of the change that ends each body, if one does.
    by_change: Vec<Option<usize>>,
    successor: Vec<Option<(u32, ChangeKind)>>,
}

impl Ends {
    fn new(bodies: &[Body]) -> Ends {
        Ends {
            until: bodies.iter().map(Body::until).collect(),
            by_change: vec![None; bodies.len()],
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
        k: usize,
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
            Some(first) if by_change.is_some() || first != date => {
                return Err(OrgError::ConflictingEnd {
                    code: code.clone(),
                    first,
                    change,
                    second: date,
                }
                .at(&format!("changes[{k}].date")));
            }
            _ => {}
        }
        *until = Some(date);
        *by_change = Some(k);
        *slot = successor.map(|s| (s, change));
        Ok(())
    }
}

/// Rejects names that are empty or only white space, with the field at fault.
fn check_names(code: &BodyCode, names: &Names) -> Result<(), (OrgError, &'static str)> {
    let fields = [
        ("name", Some(names.name(crate::Lang::Vi))),
        ("name_en", names.given(crate::Lang::En)),
        ("short", names.short()),
    ];
    for (field, text) in fields {
        if text.is_some_and(|t| t.trim().is_empty()) {
            return Err((
                OrgError::BlankName {
                    code: code.clone(),
                    field,
                },
                field,
            ));
        }
    }
    Ok(())
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

/// Checks sorted change dates (each with the index of its change): each strictly inside
/// the validity, no two equal.
fn check_segments(
    dates: impl Iterator<Item = (NaiveDate, usize)>,
    inside: impl Fn(NaiveDate) -> bool,
    body: &Body,
    change: ChangeKind,
) -> Result<(), OrgError> {
    let mut previous = None;
    for (date, k) in dates {
        let at = format!("changes[{k}].date");
        if !inside(date) {
            return Err(OrgError::ChangeOutsideValidity {
                change,
                code: body.code().clone(),
                date,
            }
            .at(&at));
        }
        if previous == Some(date) {
            return Err(OrgError::DuplicateChange {
                change,
                code: body.code().clone(),
                date,
            }
            .at(&at));
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

/// Rejects a parent cycle on any date: a body that is its own ancestor on that date.
///
/// The parent links change only on the days bodies are established, move or end. Sweeping
/// those days in order, the links of the day are all applied first (so that two bodies
/// swapping places on one day are no cycle), then a walk up from each body that got a
/// parent that day looks for the body itself. A walk stops at a body already cleared that
/// day, so a day costs at most the number of bodies, and the whole check
/// O((bodies + changes) × depth of the hierarchy) time and linear memory.
fn check_parent_cycles(
    bodies: &[Body],
    until: &[NaiveDate],
    parents: &[Vec<(NaiveDate, Option<u32>)>],
    sources: &[Vec<Option<usize>>],
) -> Result<(), OrgError> {
    // (date, body, new parent or none, where it was given).
    let mut events: Vec<(NaiveDate, u32, Option<u32>, Option<usize>)> = Vec::new();
    for (i, (segments, given)) in (0u32..).zip(parents.iter().zip(sources)) {
        for (&(start, parent), &source) in segments.iter().zip(given) {
            events.push((start, i, parent, source));
        }
        if let Some(&end) = until.get(i as usize).filter(|end| **end != NaiveDate::MAX) {
            events.push((end, i, None, None));
        }
    }
    // A body has at most one event a day: moves fall strictly inside its validity.
    events.sort_unstable_by_key(|&(date, i, _, _)| (date, i));

    const CLEAR: u8 = 2;
    const ON_PATH: u8 = 1;
    let n = bodies.len();
    let mut current: Vec<Option<u32>> = vec![None; n];
    // `mark[i] = (day number, state)`; a mark from another day means unvisited.
    let mut mark: Vec<(usize, u8)> = vec![(usize::MAX, 0); n];
    let mut path: Vec<u32> = Vec::new();
    let mut start = 0;
    let mut day_number = 0usize;
    while let Some(&(date, ..)) = events.get(start) {
        let end = start
            + events
                .get(start..)
                .map_or(0, |rest| rest.partition_point(|e| e.0 == date));
        let day = events.get(start..end).unwrap_or(&[]);
        for &(_, i, parent, _) in day {
            if let Some(slot) = current.get_mut(i as usize) {
                *slot = parent;
            }
        }
        for &(_, i, parent, _) in day {
            if parent.is_none() {
                continue;
            }
            path.clear();
            let mut v = Some(i);
            while let Some(b) = v {
                match mark.get(b as usize).copied() {
                    Some((d, CLEAR)) if d == day_number => break,
                    Some((d, ON_PATH)) if d == day_number => {
                        let cycle_start = path.iter().position(|&x| x == b).unwrap_or(0);
                        return Err(OrgError::ParentCycle {
                            codes: cycle_codes(bodies, path.get(cycle_start..).unwrap_or(&[])),
                            date,
                        });
                    }
                    _ => {}
                }
                if let Some(m) = mark.get_mut(b as usize) {
                    *m = (day_number, ON_PATH);
                }
                path.push(b);
                v = current.get(b as usize).copied().flatten();
            }
            for &b in &path {
                if let Some(m) = mark.get_mut(b as usize) {
                    *m = (day_number, CLEAR);
                }
            }
        }
        start = end;
        day_number += 1;
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

/// Every span of time during which a body has a given parent, grouped by parent: the
/// children of a body on any date without a layout per date, in memory linear in the
/// bodies and moves.
#[derive(Debug, Clone, Default)]
pub(super) struct ChildSegments {
    /// `rows[start[p]..start[p + 1]]` are the spans under body `p`, sorted by child then
    /// date.
    start: Vec<u32>,
    /// (child, first day, first day after), clipped to the child's validity.
    rows: Vec<(u32, NaiveDate, NaiveDate)>,
}

impl ChildSegments {
    fn new(
        from: &[NaiveDate],
        until: &[NaiveDate],
        parents: &[Vec<(NaiveDate, Option<u32>)>],
    ) -> ChildSegments {
        let n = parents.len();
        let mut spans: Vec<(u32, u32, NaiveDate, NaiveDate)> = Vec::new();
        for (c, segments) in (0u32..).zip(parents) {
            let (Some(&body_from), Some(&body_until)) =
                (from.get(c as usize), until.get(c as usize))
            else {
                continue;
            };
            for (k, &(start, parent)) in segments.iter().enumerate() {
                let Some(p) = parent else { continue };
                let start = start.max(body_from);
                let end = segments
                    .get(k + 1)
                    .map_or(body_until, |(next, _)| *next)
                    .min(body_until);
                if start < end {
                    spans.push((p, c, start, end));
                }
            }
        }
        // Bodies are added in order and segments are sorted by date, so a stable sort by
        // parent leaves each parent's spans sorted by child, then date.
        spans.sort_by_key(|&(p, ..)| p);
        let mut start = vec![0u32; n + 1];
        for &(p, ..) in &spans {
            if let Some(count) = start.get_mut(p as usize + 1) {
                *count += 1;
            }
        }
        for k in 1..start.len() {
            let previous = start.get(k - 1).copied().unwrap_or(0);
            if let Some(c) = start.get_mut(k) {
                *c += previous;
            }
        }
        ChildSegments {
            start,
            rows: spans.into_iter().map(|(_, c, s, e)| (c, s, e)).collect(),
        }
    }

    /// Every span under body `p`, at any time.
    pub(super) fn of(&self, p: usize) -> &[(u32, NaiveDate, NaiveDate)] {
        let start = self.start.get(p).copied().unwrap_or(0) as usize;
        let end = self.start.get(p + 1).copied().unwrap_or(0) as usize;
        self.rows.get(start..end).unwrap_or(&[])
    }

    /// The children of body `p` on `date`, in id order.
    pub(super) fn on(&self, p: usize, date: NaiveDate) -> impl Iterator<Item = u32> + '_ {
        self.of(p)
            .iter()
            .filter(move |&&(_, start, end)| start <= date && date < end)
            .map(|&(c, ..)| c)
    }
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
    fn child_spans_follow_moves() {
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
        assert_eq!(registry.children.rows.len(), 4);
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
