//! The limits a loader sets on what it reads.

/// A limit a loader sets on a data file, so that loading stays linear in the text and
/// bounded: [`directive::Loader`](crate::directive::Loader) limits bytes, tasks and nesting
/// depth, [`org::Loader`](crate::org::Loader) bytes, bodies, changes and nesting depth,
/// [`EventLoader`](crate::compliance::EventLoader) and
/// [`Tracker`](crate::compliance::Tracker) the events of one obligation.
/// Each limit has a default and can be changed; a file past one is refused with a typed
/// error naming the limit, its value and what the file has.
///
/// New limits may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::Limit;
///
/// assert_eq!(Limit::Bodies.to_string(), "the number of bodies");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// The size of the file in bytes.
    Bytes,
    /// The number of tasks of a directive.
    Tasks,
    /// The number of bodies of a registry.
    Bodies,
    /// The number of changes of a registry.
    Changes,
    /// How deeply tables and arrays nest.
    Depth,
    /// The number of events of one obligation.
    EventsPerObligation,
}

impl Limit {
    /// What the limit bounds, in `lang` (the English label is also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::{Lang, Limit};
    ///
    /// assert_eq!(Limit::Bodies.label(Lang::Vi), "số cơ quan, đơn vị");
    /// assert_eq!(Limit::Bodies.label(Lang::En), "the number of bodies");
    /// ```
    #[must_use]
    pub const fn label(self, lang: crate::Lang) -> &'static str {
        match (self, lang) {
            (Limit::Bytes, crate::Lang::Vi) => "dung lượng tệp (byte)",
            (Limit::Tasks, crate::Lang::Vi) => "số nhiệm vụ",
            (Limit::Bodies, crate::Lang::Vi) => "số cơ quan, đơn vị",
            (Limit::Changes, crate::Lang::Vi) => "số thay đổi",
            (Limit::Depth, crate::Lang::Vi) => "độ sâu lồng nhau",
            (Limit::EventsPerObligation, crate::Lang::Vi) => "số sự kiện của nhiệm vụ",
            (Limit::Bytes, crate::Lang::En) => "the size in bytes",
            (Limit::Tasks, crate::Lang::En) => "the number of tasks",
            (Limit::Bodies, crate::Lang::En) => "the number of bodies",
            (Limit::Changes, crate::Lang::En) => "the number of changes",
            (Limit::Depth, crate::Lang::En) => "the nesting depth",
            (Limit::EventsPerObligation, crate::Lang::En) => {
                "the number of events of the obligation"
            }
        }
    }

    /// A file past the limit, as a sentence in `lang`.
    pub(crate) fn exceeded(self, max: usize, found: usize, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::Vi => format!("{} vượt quá giới hạn {max}: có {found}", self.label(lang)),
            crate::Lang::En => format!("{self} exceeds the limit of {max}: found {found}"),
        }
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label(crate::Lang::En))
    }
}

/// The limits a loader applies to what it reads: one value shared by
/// [`directive::Loader`](crate::directive::Loader), [`org::Loader`](crate::org::Loader) and
/// [`EventLoader`](crate::compliance::EventLoader), each reading the limits that concern it
/// (a directive has tasks, a registry bodies and changes, both bytes and nesting depth; an
/// event log the events of one obligation).
///
/// [`Limits::new`] gives the defaults, which keep the memory a load takes linear in the
/// text and bounded; [`Limits::with`] changes one. A loader takes them whole with its
/// `limits` method.
///
/// # Example
///
/// ```
/// use directives::{Limit, Limits};
///
/// let limits = Limits::new().with(Limit::Tasks, 20);
/// assert_eq!(limits.max(Limit::Tasks), 20);
/// assert_eq!(limits.max(Limit::Bytes), Limits::DEFAULT_MAX_BYTES);
/// assert_eq!(Limits::default(), Limits::new());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default, deny_unknown_fields)
)]
pub struct Limits {
    bytes: usize,
    tasks: usize,
    bodies: usize,
    changes: usize,
    depth: usize,
    events_per_obligation: usize,
}

impl Limits {
    /// The default limit on the size of a text: 16 MiB, a thousand times the largest
    /// directive seen in practice (a nation's registry, with its history, is a few MiB).
    pub const DEFAULT_MAX_BYTES: usize = 16 << 20;
    /// The default limit on the number of tasks of a directive: 10,000.
    pub const DEFAULT_MAX_TASKS: usize = 10_000;
    /// The default limit on the number of bodies of a registry: 100,000 (34 provinces of
    /// about a thousand bodies each, with room for their history).
    pub const DEFAULT_MAX_BODIES: usize = 100_000;
    /// The default limit on the number of changes of a registry: 100,000.
    pub const DEFAULT_MAX_CHANGES: usize = 100_000;
    /// The default limit on how deeply tables and arrays nest: 64 (a directive nests
    /// about 8 deep and a registry 4; selectors add a level for each `any`, `all` or
    /// `not`).
    pub const DEFAULT_MAX_DEPTH: usize = 64;
    /// The default limit on the events of one obligation: 10,000 (a monthly report with
    /// every event a clerk could record runs to tens).
    pub const DEFAULT_MAX_EVENTS_PER_OBLIGATION: usize = 10_000;

    /// The default limits.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::{Limit, Limits};
    ///
    /// assert_eq!(Limits::new().max(Limit::Depth), 64);
    /// ```
    #[must_use]
    pub const fn new() -> Limits {
        Limits {
            bytes: Limits::DEFAULT_MAX_BYTES,
            tasks: Limits::DEFAULT_MAX_TASKS,
            bodies: Limits::DEFAULT_MAX_BODIES,
            changes: Limits::DEFAULT_MAX_CHANGES,
            depth: Limits::DEFAULT_MAX_DEPTH,
            events_per_obligation: Limits::DEFAULT_MAX_EVENTS_PER_OBLIGATION,
        }
    }

    /// The same limits with another value for one of them.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::{Limit, Limits};
    ///
    /// let limits = Limits::new().with(Limit::Bytes, 1 << 10).with(Limit::Bodies, 5);
    /// assert_eq!((limits.max(Limit::Bytes), limits.max(Limit::Bodies)), (1024, 5));
    /// ```
    #[must_use]
    pub const fn with(mut self, limit: Limit, max: usize) -> Limits {
        match limit {
            Limit::Bytes => self.bytes = max,
            Limit::Tasks => self.tasks = max,
            Limit::Bodies => self.bodies = max,
            Limit::Changes => self.changes = max,
            Limit::Depth => self.depth = max,
            Limit::EventsPerObligation => self.events_per_obligation = max,
        }
        self
    }

    /// The value of one limit.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::{Limit, Limits};
    ///
    /// assert_eq!(Limits::new().max(Limit::Tasks), Limits::DEFAULT_MAX_TASKS);
    /// ```
    #[must_use]
    pub const fn max(&self, limit: Limit) -> usize {
        match limit {
            Limit::Bytes => self.bytes,
            Limit::Tasks => self.tasks,
            Limit::Bodies => self.bodies,
            Limit::Changes => self.changes,
            Limit::Depth => self.depth,
            Limit::EventsPerObligation => self.events_per_obligation,
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::new()
    }
}
