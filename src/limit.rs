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

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Limit::Bytes => "the size in bytes",
            Limit::Tasks => "the number of tasks",
            Limit::Bodies => "the number of bodies",
            Limit::Changes => "the number of changes",
            Limit::Depth => "the nesting depth",
            Limit::EventsPerObligation => "the number of events of the obligation",
        })
    }
}
