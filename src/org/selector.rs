//! Selectors: which bodies a task addresses, resolved against a registry on a date.

use chrono::NaiveDate;

use super::{BodyCode, BodyId, BodyKind, Level, OrgError, Registry};

/// A description of a set of bodies, such as "the district party committees" or "the
/// provincial departments and the Fatherland Front".
///
/// A selector names codes, kinds and levels, not [`BodyId`]s, so it does not depend on a
/// registry; [`Registry::select`] resolves it on a date. Every selector matches only bodies
/// active on that date:
///
/// | selector | matches the bodies active on the date that … |
/// |---|---|
/// | [`Body(code)`](Selector::Body) | have this code |
/// | [`Kind(kind)`](Selector::Kind) | are of this kind |
/// | [`Level(level)`](Selector::Level) | are at this level |
/// | [`ChildrenOf(code)`](Selector::ChildrenOf) | have this body as parent on the date |
/// | [`DescendantsOf(code)`](Selector::DescendantsOf) | are below this body on the date (not the body itself) |
/// | [`All(list)`](Selector::All) | match every selector of the list (all active bodies if empty) |
/// | [`Any(list)`](Selector::Any) | match at least one (none if empty) |
/// | [`Not(s)`](Selector::Not) | do not match `s` |
///
/// # Serde form
///
/// With the `serde` feature a selector is a table whose fields are ANDed:
///
/// ```toml
/// recipients = { kind = "party_committee", level = "district" }
/// media = { any = [{ body = "TH-BAO" }, { body = "TH-PTTH" }] }
/// departments = { descendants_of = "TH-UBND", not = { kind = "public_service_unit" } }
/// ```
///
/// The fields are `body`, `kind`, `level`, `children_of`, `descendants_of` (codes or
/// snake_case names), `any` and `all` (lists of tables) and `not` (a table). A table with
/// one field is that selector; with several, an [`All`](Selector::All) of them in the
/// order just listed. An empty table is an error: write `all = []` for every active body.
/// Serializing writes one field per table, so a selector survives a round trip unchanged.
///
/// # Depth
///
/// A selector nests at most [`Selector::MAX_DEPTH`] levels of `all`, `any` and `not`.
/// [`Registry::select`], [`Registry::matches`] and serializing refuse a deeper one with
/// [`OrgError::SelectorTooDeep`] (reading one gives the same error at its path), so
/// resolution never recurses deeper than that, and whatever is written can be read back
/// from TOML and JSON. [`DirectiveBuilder::build`](crate::directive::DirectiveBuilder::build)
/// refuses a directive holding a deeper selector. Dropping, cloning, comparing and hashing
/// a selector take constant stack however deep it is, and displaying and debug-printing
/// it recurse at most [`Selector::MAX_DEPTH`] levels (writing `…` below the limit).
///
/// New selectors may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::org::{BodyKind, Level, Selector};
///
/// let district_committees = Selector::Kind(BodyKind::PartyCommittee) & Selector::Level(Level::District);
/// assert_eq!(
///     district_committees,
///     Selector::All(vec![Selector::Kind(BodyKind::PartyCommittee), Selector::Level(Level::District)])
/// );
/// let not_media = !Selector::Kind(BodyKind::PressAgency);
/// assert_eq!(not_media, Selector::Not(Box::new(Selector::Kind(BodyKind::PressAgency))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Deserialize),
    serde(try_from = "wire::SelectorWire")
)]
#[non_exhaustive]
pub enum Selector {
    /// The body with this code.
    Body(BodyCode),
    /// The bodies of this kind.
    Kind(BodyKind),
    /// The bodies at this level.
    Level(Level),
    /// The children of the body with this code.
    ChildrenOf(BodyCode),
    /// The descendants of the body with this code, not the body itself.
    DescendantsOf(BodyCode),
    /// The bodies every selector matches; every active body if the list is empty.
    All(Vec<Selector>),
    /// The bodies some selector matches; none if the list is empty.
    Any(Vec<Selector>),
    /// The bodies the selector does not match.
    Not(Box<Selector>),
}

impl Selector {
    /// The most levels of `all`, `any` and `not` a selector may nest (a selector without
    /// them has depth 1).
    pub const MAX_DEPTH: usize = 32;

    /// The number of levels of this selector: 1 for a [`Body`](Selector::Body),
    /// [`Kind`](Selector::Kind), [`Level`](Selector::Level), [`ChildrenOf`](Selector::ChildrenOf)
    /// or [`DescendantsOf`](Selector::DescendantsOf), one more than its deepest part for
    /// [`All`](Selector::All), [`Any`](Selector::Any) and [`Not`](Selector::Not).
    /// Computed without recursion.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::{BodyKind, Level, Selector};
    ///
    /// let kind = Selector::Kind(BodyKind::PartyCommittee);
    /// assert_eq!(kind.depth(), 1);
    /// assert_eq!((kind.clone() & !Selector::Level(Level::District)).depth(), 3);
    /// assert_eq!(Selector::All(vec![]).depth(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn depth(&self) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(self, 1usize)];
        while let Some((selector, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            match selector {
                Selector::All(list) | Selector::Any(list) => {
                    stack.extend(list.iter().map(|s| (s, depth + 1)));
                }
                Selector::Not(inner) => stack.push((inner, depth + 1)),
                _ => {}
            }
        }
        deepest
    }

    /// Visits every part without recursion, refusing a selector deeper than
    /// [`MAX_DEPTH`](Self::MAX_DEPTH) as soon as the walk goes below it.
    pub(super) fn visit(
        &self,
        mut leaf: impl FnMut(&Selector) -> Result<(), OrgError>,
    ) -> Result<(), OrgError> {
        // A plain selector (the common case) needs no stack at all.
        match self {
            Selector::All(_) | Selector::Any(_) | Selector::Not(_) => {}
            plain => return leaf(plain),
        }
        let mut stack = vec![(self, 1usize)];
        while let Some((selector, depth)) = stack.pop() {
            if depth > Self::MAX_DEPTH {
                return Err(OrgError::SelectorTooDeep {
                    limit: Self::MAX_DEPTH,
                });
            }
            match selector {
                Selector::All(list) | Selector::Any(list) => {
                    stack.extend(list.iter().rev().map(|s| (s, depth + 1)));
                }
                Selector::Not(inner) => stack.push((inner, depth + 1)),
                other => leaf(other)?,
            }
        }
        Ok(())
    }

    /// Both selectors: an [`All`](Selector::All), flattening an `All` on either side.
    ///
    /// The same as `self & other`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::{BodyKind, Level, Selector};
    ///
    /// let s = Selector::Kind(BodyKind::PartyCommittee).and(Selector::Level(Level::District));
    /// assert!(matches!(s, Selector::All(ref list) if list.len() == 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn and(mut self, mut other: Selector) -> Selector {
        let mut list = match &mut self {
            Selector::All(list) => std::mem::take(list),
            _ => vec![self],
        };
        match &mut other {
            Selector::All(more) => list.append(more),
            _ => list.push(other),
        }
        Selector::All(list)
    }

    /// Either selector: an [`Any`](Selector::Any), flattening an `Any` on either side.
    ///
    /// The same as `self | other`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::{Selector};
    ///
    /// let media = Selector::Body("TH-BAO".parse()?).or(Selector::Body("TH-PTTH".parse()?));
    /// assert!(matches!(media, Selector::Any(ref list) if list.len() == 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn or(mut self, mut other: Selector) -> Selector {
        let mut list = match &mut self {
            Selector::Any(list) => std::mem::take(list),
            _ => vec![self],
        };
        match &mut other {
            Selector::Any(more) => list.append(more),
            _ => list.push(other),
        }
        Selector::Any(list)
    }

    /// Moves the parts of this selector onto `stack`, leaving it without any.
    fn take_parts(&mut self, stack: &mut Vec<Selector>) {
        match self {
            Selector::All(list) | Selector::Any(list) => stack.append(list),
            Selector::Not(inner) => {
                stack.push(std::mem::replace(&mut **inner, Selector::All(Vec::new())));
            }
            _ => {}
        }
    }

    fn write(&self, f: &mut std::fmt::Formatter<'_>, depth: usize) -> std::fmt::Result {
        if depth > Selector::MAX_DEPTH {
            return f.write_str("…");
        }
        let list = |f: &mut std::fmt::Formatter<'_>, name: &str, items: &[Selector]| {
            write!(f, "{name}(")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                item.write(f, depth + 1)?;
            }
            f.write_str(")")
        };
        match self {
            Selector::Body(code) => write!(f, "body({code})"),
            Selector::Kind(kind) => write!(f, "kind({kind})"),
            Selector::Level(level) => write!(f, "level({level})"),
            Selector::ChildrenOf(code) => write!(f, "children_of({code})"),
            Selector::DescendantsOf(code) => write!(f, "descendants_of({code})"),
            Selector::All(items) => list(f, "all", items),
            Selector::Any(items) => list(f, "any", items),
            Selector::Not(inner) => {
                f.write_str("not(")?;
                inner.write(f, depth + 1)?;
                f.write_str(")")
            }
        }
    }
}

/// Clones without recursion, so that a selector nested however deep is cloned in constant
/// stack: the parts are copied in post-order onto a list.
impl Clone for Selector {
    fn clone(&self) -> Selector {
        enum Frame<'a> {
            Enter(&'a Selector),
            Exit(&'a Selector),
        }
        let mut work = vec![Frame::Enter(self)];
        let mut done: Vec<Selector> = Vec::new();
        while let Some(frame) = work.pop() {
            match frame {
                Frame::Enter(selector) => match selector {
                    Selector::All(list) | Selector::Any(list) => {
                        work.push(Frame::Exit(selector));
                        work.extend(list.iter().rev().map(Frame::Enter));
                    }
                    Selector::Not(inner) => {
                        work.push(Frame::Exit(selector));
                        work.push(Frame::Enter(inner));
                    }
                    Selector::Body(code) => done.push(Selector::Body(code.clone())),
                    Selector::Kind(kind) => done.push(Selector::Kind(*kind)),
                    Selector::Level(level) => done.push(Selector::Level(*level)),
                    Selector::ChildrenOf(code) => done.push(Selector::ChildrenOf(code.clone())),
                    Selector::DescendantsOf(code) => {
                        done.push(Selector::DescendantsOf(code.clone()));
                    }
                },
                Frame::Exit(selector) => {
                    let made = match selector {
                        Selector::All(list) => {
                            Selector::All(done.split_off(done.len().saturating_sub(list.len())))
                        }
                        Selector::Any(list) => {
                            Selector::Any(done.split_off(done.len().saturating_sub(list.len())))
                        }
                        _ => {
                            Selector::Not(Box::new(done.pop().unwrap_or(Selector::All(Vec::new()))))
                        }
                    };
                    done.push(made);
                }
            }
        }
        // INVARIANT: the walk leaves exactly the copy of `self`.
        done.pop().unwrap_or(Selector::All(Vec::new()))
    }
}

/// Compares without recursion (pairs of parts on a list), in constant stack at any depth.
impl PartialEq for Selector {
    fn eq(&self, other: &Selector) -> bool {
        let mut pairs = vec![(self, other)];
        while let Some(pair) = pairs.pop() {
            match pair {
                (Selector::All(a), Selector::All(b)) | (Selector::Any(a), Selector::Any(b)) => {
                    if a.len() != b.len() {
                        return false;
                    }
                    pairs.extend(a.iter().zip(b));
                }
                (Selector::Not(a), Selector::Not(b)) => pairs.push((a, b)),
                (Selector::Body(a), Selector::Body(b))
                | (Selector::ChildrenOf(a), Selector::ChildrenOf(b))
                | (Selector::DescendantsOf(a), Selector::DescendantsOf(b)) => {
                    if a != b {
                        return false;
                    }
                }
                (Selector::Kind(a), Selector::Kind(b)) => {
                    if a != b {
                        return false;
                    }
                }
                (Selector::Level(a), Selector::Level(b)) => {
                    if a != b {
                        return false;
                    }
                }
                _ => return false,
            }
        }
        true
    }
}

/// Hashes without recursion, consistently with `==`.
impl std::hash::Hash for Selector {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let mut stack = vec![self];
        while let Some(selector) = stack.pop() {
            std::mem::discriminant(selector).hash(state);
            match selector {
                Selector::Body(code)
                | Selector::ChildrenOf(code)
                | Selector::DescendantsOf(code) => {
                    code.hash(state);
                }
                Selector::Kind(kind) => kind.hash(state),
                Selector::Level(level) => level.hash(state),
                Selector::All(list) | Selector::Any(list) => {
                    list.len().hash(state);
                    stack.extend(list.iter().rev());
                }
                Selector::Not(inner) => stack.push(inner),
            }
        }
    }
}

/// The derived form (`All([Kind(PartyCommittee), Not(Level(District))])`), written to
/// [`Selector::MAX_DEPTH`] levels and `…` below, so it recurses no deeper at any depth.
impl std::fmt::Debug for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Bounded<'a>(&'a Selector, usize);

        impl std::fmt::Debug for Bounded<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let Bounded(selector, depth) = *self;
                if depth > Selector::MAX_DEPTH {
                    return f.write_str("…");
                }
                let list = |f: &mut std::fmt::Formatter<'_>, name: &str, items: &[Selector]| {
                    f.debug_tuple(name)
                        .field(&BoundedList(items, depth + 1))
                        .finish()
                };
                match selector {
                    Selector::Body(code) => f.debug_tuple("Body").field(code).finish(),
                    Selector::Kind(kind) => f.debug_tuple("Kind").field(kind).finish(),
                    Selector::Level(level) => f.debug_tuple("Level").field(level).finish(),
                    Selector::ChildrenOf(code) => f.debug_tuple("ChildrenOf").field(code).finish(),
                    Selector::DescendantsOf(code) => {
                        f.debug_tuple("DescendantsOf").field(code).finish()
                    }
                    Selector::All(items) => list(f, "All", items),
                    Selector::Any(items) => list(f, "Any", items),
                    Selector::Not(inner) => f
                        .debug_tuple("Not")
                        .field(&Bounded(inner, depth + 1))
                        .finish(),
                }
            }
        }

        struct BoundedList<'a>(&'a [Selector], usize);

        impl std::fmt::Debug for BoundedList<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_list()
                    .entries(self.0.iter().map(|s| Bounded(s, self.1)))
                    .finish()
            }
        }

        Bounded(self, 1).fmt(f)
    }
}

/// Drops the parts one by one from a list, so that a selector nested however deep is
/// dropped in constant stack.
impl Drop for Selector {
    fn drop(&mut self) {
        let mut stack = Vec::new();
        self.take_parts(&mut stack);
        while let Some(mut part) = stack.pop() {
            part.take_parts(&mut stack);
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Selector {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.depth() > Selector::MAX_DEPTH {
            return Err(serde::ser::Error::custom(OrgError::SelectorTooDeep {
                limit: Selector::MAX_DEPTH,
            }));
        }
        wire::SelectorWire::from(self).serialize(serializer)
    }
}

/// A compact, unambiguous form for messages and reports: `kind(party_committee)`,
/// `level(district)`, `body(TH-TU)`, `children_of(TH-TU)`, `descendants_of(TH-TU)`,
/// `all(…, …)`, `any(…, …)`, `not(…)`.
///
/// # Example
///
/// ```
/// use directives::org::{BodyKind, Level, Selector};
///
/// let s = Selector::Kind(BodyKind::PartyCommittee) & !Selector::Level(Level::District);
/// assert_eq!(s.to_string(), "all(kind(party_committee), not(level(district)))");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl std::fmt::Display for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write(f, 1)
    }
}

impl std::ops::BitAnd for Selector {
    type Output = Selector;

    fn bitand(self, other: Selector) -> Selector {
        self.and(other)
    }
}

impl std::ops::BitOr for Selector {
    type Output = Selector;

    fn bitor(self, other: Selector) -> Selector {
        self.or(other)
    }
}

impl std::ops::Not for Selector {
    type Output = Selector;

    fn not(self) -> Selector {
        Selector::Not(Box::new(self))
    }
}

impl Registry {
    /// The bodies that `selector` matches on `date`, in ascending [`BodyId`] order (the
    /// order in which the bodies were added to the registry), without repeats.
    ///
    /// Resolution uses indexes built with the registry (by kind, by level, and the spans
    /// each body spends under each parent), then filters by validity on `date`, so
    /// its time grows with the size of the candidate lists, not of the registry. An
    /// [`All`](Selector::All) resolves only its narrowest part (by the size of the index
    /// lists it reads: 1 for a [`Body`](Selector::Body)) and tests the others on each
    /// candidate, so `body & level` costs about as much as `body`. A
    /// [`Not`](Selector::Not) resolved on its own, and an empty `All`, enumerate every
    /// body.
    ///
    /// # Errors
    ///
    /// [`OrgError::UnknownCode`] if the selector names a code that is not in the registry;
    /// [`OrgError::SelectorTooDeep`] if it nests more than [`Selector::MAX_DEPTH`] levels.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, Registry, Selector};
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let registry = Registry::builder()
    ///     .body(Body::new("TU".parse()?, "Tỉnh ủy", BodyKind::PartyCommittee, Level::Province, day(1945, 1, 1)?))
    ///     .body(Body::new("HU-A".parse()?, "Huyện ủy A", BodyKind::PartyCommittee, Level::District, day(1945, 1, 1)?)
    ///         .with_parent("TU".parse()?).with_until(day(2025, 7, 1)?))
    ///     .body(Body::new("HU-B".parse()?, "Huyện ủy B", BodyKind::PartyCommittee, Level::District, day(1945, 1, 1)?)
    ///         .with_parent("TU".parse()?).with_until(day(2025, 7, 1)?))
    ///     .build()?;
    /// let districts = Selector::Kind(BodyKind::PartyCommittee) & Selector::Level(Level::District);
    /// assert_eq!(registry.select(&districts, day(2024, 6, 30)?)?.len(), 2);
    /// assert!(registry.select(&districts, day(2025, 7, 2)?)?.is_empty());
    /// let err = registry.select(&Selector::ChildrenOf("XX".parse()?), day(2024, 1, 1)?).unwrap_err();
    /// assert_eq!(err.to_string(), "unknown body code `XX`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn select(&self, selector: &Selector, date: NaiveDate) -> Result<Vec<BodyId>, OrgError> {
        // Report an unknown code wherever it is, even in a part that resolution skips.
        self.check(selector)?;
        Ok(self
            .eval(selector, date)?
            .into_iter()
            .map(BodyId::from_index)
            .collect())
    }

    /// Whether `selector` matches the body `id` on `date`.
    ///
    /// # Errors
    ///
    /// [`OrgError::UnknownCode`] if the selector names a code that is not in the registry;
    /// [`OrgError::SelectorTooDeep`] if it nests more than [`Selector::MAX_DEPTH`] levels.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::org::{Body, BodyKind, Level, Registry, Selector};
    ///
    /// let day = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
    /// let registry = Registry::builder()
    ///     .body(Body::new("TU".parse()?, "Tỉnh ủy", BodyKind::PartyCommittee, Level::Province, day))
    ///     .build()?;
    /// let tu = registry.id("TU").ok_or("no TU")?;
    /// assert!(registry.matches(&Selector::Level(Level::Province), tu, day)?);
    /// assert!(!registry.matches(&Selector::Level(Level::District), tu, day)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn matches(
        &self,
        selector: &Selector,
        id: BodyId,
        date: NaiveDate,
    ) -> Result<bool, OrgError> {
        self.check(selector)?;
        Ok(self.matches_checked(selector, id, date))
    }

    /// [`matches`](Self::matches) for a selector that [`check`](Self::check) accepted.
    fn matches_checked(&self, selector: &Selector, id: BodyId, date: NaiveDate) -> bool {
        let i = id.index() as usize;
        if !self.active(i, date) {
            return false;
        }
        match selector {
            Selector::Body(code) => self.id(code) == Some(id),
            Selector::Kind(kind) => self.bodies.get(i).is_some_and(|b| b.kind() == *kind),
            Selector::Level(level) => self.bodies.get(i).is_some_and(|b| b.level() == *level),
            Selector::ChildrenOf(code) => {
                self.id(code).is_some() && self.parent_on(id, date) == self.id(code)
            }
            Selector::DescendantsOf(code) => {
                let Some(ancestor) = self.id(code) else {
                    return false;
                };
                let mut current = self.parent_on(id, date);
                while let Some(p) = current {
                    if p == ancestor {
                        return true;
                    }
                    current = self.parent_on(p, date);
                }
                false
            }
            Selector::All(list) => list.iter().all(|s| self.matches_checked(s, id, date)),
            Selector::Any(list) => list.iter().any(|s| self.matches_checked(s, id, date)),
            Selector::Not(inner) => !self.matches_checked(inner, id, date),
        }
    }

    /// Refuses a selector nested too deep or naming an unknown code, without recursion.
    fn check(&self, selector: &Selector) -> Result<(), OrgError> {
        selector.visit(|leaf| match leaf {
            Selector::Body(code) | Selector::ChildrenOf(code) | Selector::DescendantsOf(code) => {
                self.require(code).map(|_| ())
            }
            _ => Ok(()),
        })
    }

    fn active_ids(&self, date: NaiveDate) -> Vec<u32> {
        (0u32..)
            .zip(self.from.iter().zip(&self.until))
            .filter(|(_, (from, until))| **from <= date && date < **until)
            .map(|(i, _)| i)
            .collect()
    }

    fn eval(&self, selector: &Selector, date: NaiveDate) -> Result<Vec<u32>, OrgError> {
        Ok(match selector {
            Selector::Body(code) => {
                let id = self.require(code)?;
                if self.is_active_on(id, date) {
                    vec![id.index()]
                } else {
                    Vec::new()
                }
            }
            Selector::Kind(kind) => self.filter_active(self.by_kind.get(kind.index()), date),
            Selector::Level(level) => self.filter_active(self.by_level.get(level.index()), date),
            Selector::ChildrenOf(code) => {
                let id = self.require(code)?;
                self.children_ids(id.index() as usize, date)
            }
            Selector::DescendantsOf(code) => {
                let id = self.require(code)?;
                self.descendant_ids(id.index() as usize, date)
            }
            Selector::All(list) => {
                // Evaluate the narrowest part through the indexes and test the others on
                // its candidates, so that a narrow part (a `Body`, a small `ChildrenOf`)
                // bounds the work however wide the others are.
                let Some((narrowest, first)) = list
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, s)| self.estimate(s, date))
                else {
                    return Ok(self.active_ids(date));
                };
                let candidates = self.eval(first, date)?;
                if list.len() == 1 {
                    return Ok(candidates);
                }
                let mut out = Vec::with_capacity(candidates.len());
                'candidates: for i in candidates {
                    let id = BodyId::from_index(i);
                    for (k, s) in list.iter().enumerate() {
                        if k != narrowest && !self.matches_checked(s, id, date) {
                            continue 'candidates;
                        }
                    }
                    out.push(i);
                }
                out
            }
            Selector::Any(list) => {
                let mut out = Vec::new();
                for s in list {
                    let set = self.eval(s, date)?;
                    out = if out.is_empty() {
                        set
                    } else {
                        union(&out, &set)
                    };
                }
                out
            }
            Selector::Not(inner) => {
                let set = self.eval(inner, date)?;
                difference(&self.active_ids(date), &set)
            }
        })
    }

    /// A cheap upper bound on the number of ids [`eval`](Self::eval) would compute for
    /// `selector` on `date` (the size of the index lists it would read), with no list
    /// built. An unknown code counts 0: [`select`](Self::select) reports it first.
    fn estimate(&self, selector: &Selector, date: NaiveDate) -> usize {
        let active = |code: &BodyCode| {
            self.id(code)
                .filter(|&id| self.is_active_on(id, date))
                .map(|id| id.index() as usize)
        };
        match selector {
            Selector::Body(code) => usize::from(active(code).is_some()),
            Selector::Kind(kind) => self.by_kind.get(kind.index()).map_or(0, Vec::len),
            Selector::Level(level) => self.by_level.get(level.index()).map_or(0, Vec::len),
            Selector::ChildrenOf(code) => active(code).map_or(0, |i| self.child_spans(i)),
            // Counting descendants costs as much as listing them: assume the worst short
            // of a complement, so that a narrower part is preferred and descent is tested
            // by walking up from its candidates.
            Selector::DescendantsOf(code) => active(code).map_or(0, |_| self.bodies.len()),
            Selector::All(list) => list
                .iter()
                .map(|s| self.estimate(s, date))
                .min()
                .unwrap_or(self.bodies.len()),
            Selector::Any(list) => list
                .iter()
                .map(|s| self.estimate(s, date))
                .fold(0, usize::saturating_add),
            // A complement enumerates every body; one more, so that a positive part as
            // wide as the registry is still preferred to it.
            Selector::Not(_) => self.bodies.len().saturating_add(1),
        }
    }

    fn filter_active(&self, list: Option<&Vec<u32>>, date: NaiveDate) -> Vec<u32> {
        list.map(|list| {
            list.iter()
                .copied()
                .filter(|&i| self.active(i as usize, date))
                .collect()
        })
        .unwrap_or_default()
    }
}

/// Sorted union of two sorted lists.
fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) => match x.cmp(&y) {
                std::cmp::Ordering::Less => {
                    out.push(x);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push(y);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    out.push(x);
                    i += 1;
                    j += 1;
                }
            },
            (Some(_), None) => {
                out.extend_from_slice(a.get(i..).unwrap_or(&[]));
                break;
            }
            (None, Some(_)) => {
                out.extend_from_slice(b.get(j..).unwrap_or(&[]));
                break;
            }
            (None, None) => break,
        }
    }
    out
}

/// The elements of sorted `a` not in sorted `b`.
fn difference(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut j = 0;
    for &x in a {
        while b.get(j).is_some_and(|&y| y < x) {
            j += 1;
        }
        if b.get(j) != Some(&x) {
            out.push(x);
        }
    }
    out
}

#[cfg(feature = "serde")]
pub(super) mod wire {
    //! The table form of a selector.

    use super::{BodyCode, BodyKind, Level, OrgError, Selector};

    /// A selector as a table of ANDed fields.
    #[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "snake_case")]
    pub(crate) struct SelectorWire {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        level: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        children_of: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        descendants_of: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        any: Option<Vec<SelectorWire>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        all: Option<Vec<SelectorWire>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        not: Option<Box<SelectorWire>>,
    }

    fn list(items: Vec<SelectorWire>, field: &str) -> Result<Vec<Selector>, OrgError> {
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| Selector::try_from(item).map_err(|e| e.at(&format!("{field}[{i}]"))))
            .collect()
    }

    impl TryFrom<SelectorWire> for Selector {
        type Error = OrgError;

        fn try_from(wire: SelectorWire) -> Result<Selector, OrgError> {
            let code = |text: String, field: &str| BodyCode::new(text).map_err(|e| e.at(field));
            let mut parts = Vec::new();
            if let Some(text) = wire.body {
                parts.push(Selector::Body(code(text, "body")?));
            }
            if let Some(text) = wire.kind {
                let kind: BodyKind = text.parse().map_err(|e: OrgError| e.at("kind"))?;
                parts.push(Selector::Kind(kind));
            }
            if let Some(text) = wire.level {
                let level: Level = text.parse().map_err(|e: OrgError| e.at("level"))?;
                parts.push(Selector::Level(level));
            }
            if let Some(text) = wire.children_of {
                parts.push(Selector::ChildrenOf(code(text, "children_of")?));
            }
            if let Some(text) = wire.descendants_of {
                parts.push(Selector::DescendantsOf(code(text, "descendants_of")?));
            }
            if let Some(items) = wire.any {
                parts.push(Selector::Any(list(items, "any")?));
            }
            if let Some(items) = wire.all {
                parts.push(Selector::All(list(items, "all")?));
            }
            if let Some(inner) = wire.not {
                let inner = Selector::try_from(*inner).map_err(|e| e.at("not"))?;
                parts.push(Selector::Not(Box::new(inner)));
            }
            let selector = match parts.len() {
                0 => return Err(OrgError::EmptySelector),
                1 => parts.pop().ok_or(OrgError::EmptySelector)?,
                _ => Selector::All(parts),
            };
            // The parts are at most the limit deep, each checked on its way up.
            if selector.depth() > Selector::MAX_DEPTH {
                return Err(OrgError::SelectorTooDeep {
                    limit: Selector::MAX_DEPTH,
                });
            }
            Ok(selector)
        }
    }

    impl From<&Selector> for SelectorWire {
        fn from(selector: &Selector) -> SelectorWire {
            let mut wire = SelectorWire::default();
            match selector {
                Selector::Body(code) => wire.body = Some(code.to_string()),
                Selector::Kind(kind) => wire.kind = Some(kind.as_str().to_owned()),
                Selector::Level(level) => wire.level = Some(level.as_str().to_owned()),
                Selector::ChildrenOf(code) => wire.children_of = Some(code.to_string()),
                Selector::DescendantsOf(code) => wire.descendants_of = Some(code.to_string()),
                Selector::All(list) => {
                    wire.all = Some(list.iter().map(SelectorWire::from).collect());
                }
                Selector::Any(list) => {
                    wire.any = Some(list.iter().map(SelectorWire::from).collect());
                }
                Selector::Not(inner) => wire.not = Some(Box::new(SelectorWire::from(&**inner))),
            }
            wire
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        assert_eq!(union(&[1, 5], &[2, 5, 9]), vec![1, 2, 5, 9]);
        assert_eq!(difference(&[1, 2, 3, 4], &[0, 2, 4, 8]), vec![1, 3]);
        assert_eq!(union(&[], &[2]), vec![2]);
    }

    #[test]
    fn display_is_compact() {
        let s = Selector::Body("TH-TU".parse().unwrap())
            | Selector::ChildrenOf("TH-UBND".parse().unwrap())
            | Selector::DescendantsOf("X".parse().unwrap())
            | Selector::All(vec![]);
        assert_eq!(
            s.to_string(),
            "any(body(TH-TU), children_of(TH-UBND), descendants_of(X), all())"
        );
    }

    #[test]
    fn and_or_flatten() {
        let a = Selector::Kind(BodyKind::Other);
        let b = Selector::Level(Level::Commune);
        let c = Selector::Level(Level::District);
        let all = (a.clone() & b.clone()) & c.clone();
        assert_eq!(all, Selector::All(vec![a.clone(), b.clone(), c.clone()]));
        let any = a.clone() | (b.clone() | c.clone());
        assert_eq!(any, Selector::Any(vec![a, b, c]));
    }
}
