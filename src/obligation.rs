//! Obligations: what one body owes for one requirement of one task (or of the monitoring
//! clause) in one period, and the expansion of directives into them ([`obligations`],
//! [`obligations_with`]).
//!
//! An obligation is the unit that compliance is evaluated on. It is identified by
//! (directive key, task number, requirement index, body, period), where the directive key
//! is the directive's symbol plus its issue date, the task number is a [`Clause`] (a
//! task's number or the monitoring clause) and the body is the one the directive
//! assigned. The identity never changes with reorganisations, and no two obligations in a
//! store share one ([`Obligations::find`] looks an obligation up by it). An obligation has
//! an original due date and a [holder](Obligation::holder): the assigned body, or, when
//! that body had ceased to exist on the due date, its successor, to which the obligation
//! passed.
//!
//! # Expansion
//!
//! [`obligations`] turns a directive, a registry of bodies, a working-day calendar and a
//! horizon into an [`Expansion`]: the obligations, and every requirement that gave none
//! with a [`SkipReason`] (continuous work, no deadline, no regime, a due date outside the
//! horizon, no body). Nothing is dropped silently. Where the directive leaves a choice open
//! (the seed letter asks for reports "periodically", with no regime), a tool states its
//! choice in [`ExpansionOptions`] and calls [`obligations_with`]; the expansion never
//! guesses.
//!
//! # Storage
//!
//! Obligations are kept in a compact, columnar store, [`Obligations`]: due dates are day
//! numbers and holders are [`BodyId`]s, each in its own column, and directive keys, clauses
//! and periods are stored once and referred to by small handles. An
//! [`ObligationId`] is a copyable index into the store that issued it; the full
//! [`Obligation`] with its [`ObligationKey`] is rebuilt on demand with
//! [`Obligations::get`], and [`Obligations::find`] gives the id of the obligation with a
//! key (for tools that name obligations by body, clause and period).
//!
//! The key's parts come from the modules that own them: the directive's
//! [`DirectiveKey`] (its symbol and issue date, as [`Directive::key`] gives it) and
//! [`TaskNumber`] from [`directive`](crate::directive), [`BodyId`] from
//! [`org`](crate::org) and [`Period`] from [`period`](crate::period).
//!
//! [`Directive::key`]: crate::directive::Directive::key
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::directive::{DirectiveKey, TaskNumber};
//! use directives::document::DocSymbol;
//! use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
//! use directives::period::Period;
//! use directives::org::BodyId;
//!
//! let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
//! let key = ObligationKey::new(
//!     directive,
//!     TaskNumber::new("2a")?,
//!     RequirementIndex::new(0),
//!     BodyId::from_index(3),
//!     "2024-Q2".parse::<Period>()?,
//! );
//! let due = NaiveDate::from_ymd_opt(2024, 6, 20).ok_or("date")?;
//! let mut store = Obligations::new();
//! let id = store.push(Obligation::new(key.clone(), due))?;
//! assert_eq!(store.get(id).ok_or("missing")?.key(), &key);
//! assert_eq!(store.due_date(id), Some(due));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use crate::directive::{DirectiveKey, TaskNumber};
use crate::org::BodyId;
use crate::period::Period;

/// The marker stored in the assigned-body column when the holder is the assigned body.
const NO_BODY: u32 = u32::MAX;

/// The flag bit for an obligation that does not apply.
const FLAG_NOT_APPLICABLE: u8 = 1;

/// The key of a row, by handles.
fn row_key(row: &ObligationRow) -> RowKey {
    [
        row.directive.0,
        row.clause.0,
        row.requirement.0,
        row.body.index(),
        row.period.0,
    ]
}

/// Converts a date to the day number used in the columns (days from 0001-01-01, day 1).
pub(crate) fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// Converts a day number back to a date, when it is in chrono's range.
pub(crate) fn from_day_number(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

/// The 0-based position of a requirement within its task's assignment.
///
/// # Example
///
/// ```
/// use directives::obligation::RequirementIndex;
///
/// assert_eq!(RequirementIndex::new(2).get(), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct RequirementIndex(u32);

impl RequirementIndex {
    /// The index with this value.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::RequirementIndex;
    ///
    /// assert_eq!(RequirementIndex::new(0), RequirementIndex::default());
    /// ```
    pub const fn new(index: u32) -> RequirementIndex {
        RequirementIndex(index)
    }

    /// The value.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::RequirementIndex;
    ///
    /// assert_eq!(RequirementIndex::new(4).get(), 4);
    /// ```
    pub const fn get(self) -> u32 {
        self.0
    }
}

/// The part of a directive an obligation comes from: a numbered task, or the monitoring
/// clause.
///
/// Most obligations come from a task, named by its [`TaskNumber`]. The monitoring clause
/// (the body that follows, urges and inspects the implementation and "reports
/// periodically") has no number, so it is a part of its own, [`Clause::Monitoring`],
/// which no task number can be mistaken for: task numbers start with a digit.
///
/// `Display` names the part for people (`task 10`, `monitoring clause`);
/// [`as_str`](Clause::as_str) gives the short form data files use (`10`, `monitoring`),
/// which is also its serde form.
///
/// New parts may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::directive::TaskNumber;
/// use directives::obligation::Clause;
///
/// let task = Clause::from(TaskNumber::new("10")?);
/// assert_eq!(task.to_string(), "task 10");
/// assert_eq!(task.task().map(TaskNumber::as_str), Some("10"));
/// assert_eq!(Clause::Monitoring.to_string(), "monitoring clause");
/// assert_eq!("monitoring".parse::<Clause>()?, Clause::Monitoring);
/// assert_eq!("10".parse::<Clause>()?, task);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Clause {
    /// A numbered task.
    Task(TaskNumber),
    /// The monitoring clause.
    Monitoring,
}

impl Clause {
    /// The short form: the task number, or `monitoring`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Clause;
    ///
    /// assert_eq!(Clause::Monitoring.as_str(), "monitoring");
    /// assert_eq!("3a".parse::<Clause>()?.as_str(), "3a");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Clause::Task(number) => number.as_str(),
            Clause::Monitoring => "monitoring",
        }
    }

    /// The task number, when the part is a task.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Clause;
    ///
    /// assert_eq!(Clause::Monitoring.task(), None);
    /// assert!("2".parse::<Clause>()?.task().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn task(&self) -> Option<&TaskNumber> {
        match self {
            Clause::Task(number) => Some(number),
            Clause::Monitoring => None,
        }
    }
}

impl From<TaskNumber> for Clause {
    fn from(number: TaskNumber) -> Clause {
        Clause::Task(number)
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clause::Task(number) => write!(f, "task {number}"),
            Clause::Monitoring => f.write_str("monitoring clause"),
        }
    }
}

impl std::str::FromStr for Clause {
    type Err = crate::directive::DirectiveError;

    /// Parses the short form: `monitoring`, or a task number.
    ///
    /// # Errors
    ///
    /// [`DirectiveError::InvalidTaskNumber`](crate::directive::DirectiveError::InvalidTaskNumber)
    /// for anything else.
    fn from_str(s: &str) -> Result<Clause, Self::Err> {
        if s == "monitoring" {
            return Ok(Clause::Monitoring);
        }
        TaskNumber::new(s).map(Clause::Task)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Clause {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Clause {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// What identifies an obligation: (directive key, task number, requirement index, body,
/// period).
///
/// The task number is a [`Clause`]: a task's number, or the monitoring clause. The body
/// is the one the directive assigned, and stays so when that body ceases to exist and the
/// obligation passes to a successor (see [`Obligation::holder`]): the identity never
/// changes with reorganisations, and two bodies merged into one keep two keys.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::directive::{DirectiveKey, TaskNumber};
/// use directives::document::DocSymbol;
/// use directives::obligation::{ObligationKey, RequirementIndex};
/// use directives::period::Period;
/// use directives::org::BodyId;
///
/// let key = ObligationKey::new(
///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?),
///     TaskNumber::new("1")?,
///     RequirementIndex::new(0),
///     BodyId::from_index(3),
///     "2024-05".parse::<Period>()?,
/// );
/// assert_eq!(key.body(), BodyId::from_index(3));
/// assert_eq!(key.to_string(), "05/CT-UBND of 2024-03-01, task 1, requirement 0, body 3, period 2024-05");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
pub struct ObligationKey {
    directive: DirectiveKey,
    clause: Clause,
    requirement: RequirementIndex,
    body: BodyId,
    period: Period,
}

impl ObligationKey {
    /// The key made of these parts.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{DirectiveKey, TaskNumber};
    /// use directives::document::DocSymbol;
    /// use directives::obligation::{ObligationKey, RequirementIndex};
    /// use directives::period::Period;
    /// use directives::org::BodyId;
    ///
    /// let key = ObligationKey::new(
    ///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?),
    ///     TaskNumber::new("1")?,
    ///     RequirementIndex::new(0),
    ///     BodyId::from_index(3),
    ///     "2024-05".parse::<Period>()?,
    /// );
    /// assert_eq!(key.period().to_string(), "2024-05");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        directive: DirectiveKey,
        clause: impl Into<Clause>,
        requirement: RequirementIndex,
        body: BodyId,
        period: Period,
    ) -> ObligationKey {
        ObligationKey {
            directive,
            clause: clause.into(),
            requirement,
            body,
            period,
        }
    }

    /// The directive's key.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
    /// let key = ObligationKey::new(directive.clone(), TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(3), "2024".parse::<Period>()?);
    /// assert_eq!(key.directive(), &directive);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn directive(&self) -> &DirectiveKey {
        &self.directive
    }

    /// The part of the directive: a task's number, or the monitoring clause.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
    /// let key = ObligationKey::new(directive, TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(3), "2024".parse::<Period>()?);
    /// assert_eq!(key.clause().as_str(), "1");
    /// assert_eq!(key.clause().to_string(), "task 1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn clause(&self) -> &Clause {
        &self.clause
    }

    /// The requirement's index within the task's assignment.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
    /// let key = ObligationKey::new(directive, TaskNumber::new("1")?, RequirementIndex::new(2), BodyId::from_index(3), "2024".parse::<Period>()?);
    /// assert_eq!(key.requirement().get(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn requirement(&self) -> RequirementIndex {
        self.requirement
    }

    /// The body the directive assigned the obligation to.
    ///
    /// This is part of the identity and does not change when the body ceases to exist:
    /// the body that holds the obligation then is [`Obligation::holder`].
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
    /// let key = ObligationKey::new(directive, TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(3), "2024".parse::<Period>()?);
    /// assert_eq!(key.body().index(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn body(&self) -> BodyId {
        self.body
    }

    /// The period.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
    /// let key = ObligationKey::new(directive, TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(3), "2024".parse::<Period>()?);
    /// assert_eq!(key.period().to_string(), "2024");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn period(&self) -> Period {
        self.period
    }
}

impl fmt::Display for ObligationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {}, requirement {}, body {}, period {}",
            self.directive,
            self.clause,
            self.requirement.0,
            self.body.index(),
            self.period
        )
    }
}

/// Whether an obligation applies at all.
///
/// An obligation that does not apply (for example, its body ceased without a successor
/// before the due date) is kept so that reports can show it, and evaluates to
/// [`Status::NotApplicable`](crate::compliance::Status::NotApplicable).
///
/// # Example
///
/// ```
/// use directives::obligation::Applicability;
///
/// assert_eq!(Applicability::default(), Applicability::Applies);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Applicability {
    /// The obligation applies (the usual case).
    #[default]
    Applies,
    /// The obligation does not apply.
    NotApplicable,
}

/// One obligation: its key, its original due date, and the body that holds it.
///
/// The holder is the body the key names (the one the directive assigned), unless that
/// body had ceased to exist on the due date and the obligation passed to its successor:
/// the successor holds it then, and the key still names the assigned body.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::directive::{DirectiveKey, TaskNumber};
/// use directives::document::DocSymbol;
/// use directives::obligation::{Obligation, ObligationKey, RequirementIndex};
/// use directives::period::Period;
/// use directives::org::BodyId;
///
/// let key = ObligationKey::new(
///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?),
///     TaskNumber::new("1")?,
///     RequirementIndex::new(0),
///     BodyId::from_index(9),
///     "2025-Q3".parse::<Period>()?,
/// );
/// let due = NaiveDate::from_ymd_opt(2025, 9, 20).ok_or("date")?;
/// let obligation = Obligation::new(key, due).held_by(BodyId::from_index(4));
/// assert_eq!(obligation.key().body(), BodyId::from_index(9));
/// assert_eq!(obligation.holder(), BodyId::from_index(4));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
pub struct Obligation {
    key: ObligationKey,
    due: NaiveDate,
    /// The successor holding the obligation, when it is not the key's body.
    #[cfg_attr(feature = "serde", serde(default))]
    holder: Option<BodyId>,
    #[cfg_attr(feature = "serde", serde(default))]
    applicability: Applicability,
}

impl Obligation {
    /// An obligation with this key, due on this date, held by the key's body.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{Obligation, ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(9), "2025".parse::<Period>()?);
    /// let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// let obligation = Obligation::new(key, due);
    /// assert_eq!(obligation.due_date(), due);
    /// assert_eq!(obligation.holder(), BodyId::from_index(9));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(key: ObligationKey, due: NaiveDate) -> Obligation {
        Obligation {
            key,
            due,
            holder: None,
            applicability: Applicability::Applies,
        }
    }

    /// The same obligation, held by `holder`: the successor it passed to when the body
    /// the key names had ceased to exist. The key does not change.
    ///
    /// When `holder` is the key's body itself, nothing passed and nothing is recorded.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{Obligation, ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(9), "2025".parse::<Period>()?);
    /// # let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// let passed = Obligation::new(key.clone(), due).held_by(BodyId::from_index(2));
    /// assert_eq!(passed.holder(), BodyId::from_index(2));
    /// assert_eq!(passed.key(), &key);
    /// let same = Obligation::new(key.clone(), due).held_by(BodyId::from_index(9));
    /// assert_eq!(same, Obligation::new(key, due));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn held_by(mut self, holder: BodyId) -> Obligation {
        self.holder = (holder != self.key.body).then_some(holder);
        self
    }

    /// The same obligation with this applicability.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{Applicability, Obligation, ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(9), "2025".parse::<Period>()?);
    /// # let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// let obligation = Obligation::new(key, due).with_applicability(Applicability::NotApplicable);
    /// assert_eq!(obligation.applicability(), Applicability::NotApplicable);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_applicability(mut self, applicability: Applicability) -> Obligation {
        self.applicability = applicability;
        self
    }

    /// The obligation's key.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{Obligation, ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(9), "2025".parse::<Period>()?);
    /// # let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// assert_eq!(Obligation::new(key.clone(), due).key(), &key);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key(&self) -> &ObligationKey {
        &self.key
    }

    /// The original due date (before any extension or rest-day shift).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{Obligation, ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(9), "2025".parse::<Period>()?);
    /// let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// assert_eq!(Obligation::new(key, due).due_date(), due);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due_date(&self) -> NaiveDate {
        self.due
    }

    /// The body that holds the obligation: the key's body, or the successor the
    /// obligation passed to (see [`held_by`](Obligation::held_by)).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{Obligation, ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(9), "2025".parse::<Period>()?);
    /// # let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// assert_eq!(Obligation::new(key, due).holder(), BodyId::from_index(9));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn holder(&self) -> BodyId {
        self.holder.unwrap_or(self.key.body)
    }

    /// Whether the obligation applies.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::directive::{DirectiveKey, TaskNumber};
    /// # use directives::document::DocSymbol;
    /// # use directives::obligation::{Applicability, Obligation, ObligationKey, RequirementIndex};
    /// # use directives::period::Period;
    /// # use directives::org::BodyId;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(9), "2025".parse::<Period>()?);
    /// # let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// assert_eq!(Obligation::new(key, due).applicability(), Applicability::Applies);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applicability(&self) -> Applicability {
        self.applicability
    }
}

/// A compact, copyable handle to an obligation in an [`Obligations`] store.
///
/// It is the obligation's 0-based position in the store that issued it, and is meaningful
/// only together with that store.
///
/// # Example
///
/// ```
/// use directives::obligation::ObligationId;
///
/// assert_eq!(ObligationId::from_index(5).index(), 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct ObligationId(u32);

impl ObligationId {
    /// The handle with this index.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::ObligationId;
    ///
    /// assert_eq!(ObligationId::from_index(0).index(), 0);
    /// ```
    pub const fn from_index(index: u32) -> ObligationId {
        ObligationId(index)
    }

    /// This handle's index.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::ObligationId;
    ///
    /// assert_eq!(ObligationId::from_index(9).index(), 9);
    /// ```
    pub const fn index(self) -> u32 {
        self.0
    }
}

impl fmt::Display for ObligationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Declares a handle to a value stored once in an [`Obligations`] store.
macro_rules! handle {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// This handle's 0-based index in its store's table.
            ///
            /// # Example
            ///
            /// ```
            /// use chrono::NaiveDate;
            /// use directives::directive::{DirectiveKey, TaskNumber};
            /// use directives::document::DocSymbol;
            /// use directives::obligation::Obligations;
            /// use directives::period::Period;
            ///
            /// let mut store = Obligations::new();
            /// let d = store.add_directive(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?))?;
            /// let t = store.add_clause(TaskNumber::new("1")?)?;
            /// let p = store.add_period("2024".parse::<Period>()?)?;
            /// assert_eq!((d.index(), t.index(), p.index()), (0, 0, 0));
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub const fn index(self) -> u32 {
                self.0
            }
        }
    };
}

handle!(
    /// A handle to a directive key stored once in an [`Obligations`] store.
    DirectiveRef
);
handle!(
    /// A handle to a [`Clause`] (a task number or the monitoring clause) stored once in an
    /// [`Obligations`] store.
    ClauseRef
);
handle!(
    /// A handle to a period stored once in an [`Obligations`] store.
    PeriodRef
);

/// The parts of one obligation, by handle, for [`Obligations::insert`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::directive::{DirectiveKey, TaskNumber};
/// use directives::document::DocSymbol;
/// use directives::obligation::{ObligationRow, Obligations, RequirementIndex};
/// use directives::period::Period;
/// use directives::org::BodyId;
///
/// let mut store = Obligations::new();
/// let row = ObligationRow {
///     directive: store.add_directive(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?))?,
///     clause: store.add_clause(TaskNumber::new("1")?)?,
///     requirement: RequirementIndex::new(0),
///     body: BodyId::from_index(1),
///     period: store.add_period("2024-05".parse::<Period>()?)?,
///     due: NaiveDate::from_ymd_opt(2024, 6, 20).ok_or("date")?,
/// };
/// let id = store.insert(row)?;
/// assert_eq!(store.holder(id), Some(BodyId::from_index(1)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ObligationRow {
    /// The directive.
    pub directive: DirectiveRef,
    /// The task or the monitoring clause.
    pub clause: ClauseRef,
    /// The requirement within the task's assignment.
    pub requirement: RequirementIndex,
    /// The body the directive assigned, which also holds the obligation.
    pub body: BodyId,
    /// The period.
    pub period: PeriodRef,
    /// The original due date.
    pub due: NaiveDate,
}

/// A table of values stored once, with their handles.
#[derive(Debug, Clone)]
struct Interner<T> {
    values: Vec<T>,
    index: HashMap<T, u32>,
}

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Interner {
            values: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T: Clone + Eq + std::hash::Hash> Interner<T> {
    fn add(&mut self, value: T) -> Result<u32, ObligationError> {
        if let Some(&i) = self.index.get(&value) {
            return Ok(i);
        }
        let i = u32::try_from(self.values.len()).map_err(|_| ObligationError::TooMany)?;
        self.values.push(value.clone());
        self.index.insert(value, i);
        Ok(i)
    }
}

/// A compact, columnar store of obligations.
///
/// Each obligation occupies one row of fixed-size columns (directive, clause, requirement,
/// holder, period, due date as a day number, assigned body where it is not the holder,
/// flags: 26 bytes); directive keys, clauses and periods are stored once. Rows are never
/// removed, so an [`ObligationId`] stays valid for the store's life.
///
/// Keys are unique: [`push`](Obligations::push) refuses a key the store already holds,
/// and the expansion gives one obligation per key. [`insert`](Obligations::insert), the
/// bulk path by handles, does not check (that would cost a hash of every row); its caller
/// keeps the keys unique. [`find`](Obligations::find) looks an obligation up by its key,
/// through an index built on the first look-up (or the first `push`) and kept up to date
/// from then on.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::directive::{DirectiveKey, TaskNumber};
/// use directives::document::DocSymbol;
/// use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
/// use directives::period::Period;
/// use directives::org::BodyId;
///
/// let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
/// let mut store = Obligations::new();
/// for month in 1..=3 {
///     let key = ObligationKey::new(
///         directive.clone(),
///         TaskNumber::new("1")?,
///         RequirementIndex::new(0),
///         BodyId::from_index(1),
///         format!("2024-{month:02}").parse::<Period>()?,
///     );
///     store.push(Obligation::new(key, NaiveDate::from_ymd_opt(2024, month + 1, 20).ok_or("date")?))?;
/// }
/// assert_eq!(store.len(), 3);
/// assert_eq!(store.ids().count(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Obligations {
    directives: Interner<DirectiveKey>,
    clauses: Interner<Clause>,
    periods: Interner<Period>,
    // INVARIANT (columns): every column below has the same length, which fits in `u32`;
    // upheld by `insert_with`, the only place that pushes to them.
    directive: Vec<u32>,
    clause: Vec<u32>,
    requirement: Vec<u32>,
    holder: Vec<BodyId>,
    period: Vec<u32>,
    due: Vec<i32>,
    /// The assigned body's index where it is not the holder, else `NO_BODY`.
    assigned: Vec<u32>,
    flags: Vec<u8>,
    // INVARIANT (index): once built, maps the key of every row to the first row with that
    // key; upheld by `insert_with`, which adds each new row to a built index.
    index: OnceLock<HashMap<RowKey, u32>>,
}

/// A row's key by handles: directive, clause, requirement, assigned body, period.
type RowKey = [u32; 5];

impl Obligations {
    /// An empty store.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    ///
    /// assert!(Obligations::new().is_empty());
    /// ```
    pub fn new() -> Obligations {
        Obligations::default()
    }

    /// An empty store with room for `rows` obligations.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    ///
    /// assert_eq!(Obligations::with_capacity(1000).len(), 0);
    /// ```
    pub fn with_capacity(rows: usize) -> Obligations {
        Obligations {
            directive: Vec::with_capacity(rows),
            clause: Vec::with_capacity(rows),
            requirement: Vec::with_capacity(rows),
            holder: Vec::with_capacity(rows),
            period: Vec::with_capacity(rows),
            due: Vec::with_capacity(rows),
            assigned: Vec::with_capacity(rows),
            flags: Vec::with_capacity(rows),
            ..Obligations::default()
        }
    }

    /// Stores a directive key once and returns its handle (the same handle for an equal key).
    ///
    /// # Errors
    ///
    /// [`ObligationError::TooMany`] when the table already holds `u32::MAX` keys.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::DirectiveKey;
    /// use directives::document::DocSymbol;
    /// use directives::obligation::Obligations;
    ///
    /// let key = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
    /// let mut store = Obligations::new();
    /// assert_eq!(store.add_directive(key.clone())?, store.add_directive(key)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_directive(&mut self, key: DirectiveKey) -> Result<DirectiveRef, ObligationError> {
        self.directives.add(key).map(DirectiveRef)
    }

    /// Stores a clause (a task number, or the monitoring clause) once and returns its
    /// handle.
    ///
    /// # Errors
    ///
    /// [`ObligationError::TooMany`] when the table already holds `u32::MAX` clauses.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::TaskNumber;
    /// use directives::obligation::{Clause, Obligations};
    ///
    /// let mut store = Obligations::new();
    /// let a = store.add_clause(TaskNumber::new("1")?)?;
    /// let b = store.add_clause(Clause::Monitoring)?;
    /// assert_ne!(a, b);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_clause(&mut self, clause: impl Into<Clause>) -> Result<ClauseRef, ObligationError> {
        self.clauses.add(clause.into()).map(ClauseRef)
    }

    /// Stores a period once and returns its handle.
    ///
    /// # Errors
    ///
    /// [`ObligationError::TooMany`] when the table already holds `u32::MAX` periods.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    /// use directives::period::Period;
    ///
    /// let mut store = Obligations::new();
    /// let p = store.add_period("2024-Q1".parse::<Period>()?)?;
    /// assert_eq!(store.period_at(p).map(|p| p.to_string()).as_deref(), Some("2024-Q1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_period(&mut self, period: Period) -> Result<PeriodRef, ObligationError> {
        self.periods.add(period).map(PeriodRef)
    }

    /// The period a handle refers to, if this store issued it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    /// use directives::period::Period;
    ///
    /// let mut store = Obligations::new();
    /// let p = store.add_period("2024".parse::<Period>()?)?;
    /// assert!(store.period_at(p).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn period_at(&self, period: PeriodRef) -> Option<Period> {
        self.periods.values.get(period.0 as usize).copied()
    }

    /// The directive key a handle refers to, if this store issued it.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::DirectiveKey;
    /// use directives::document::DocSymbol;
    /// use directives::obligation::Obligations;
    ///
    /// let key = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
    /// let mut store = Obligations::new();
    /// let d = store.add_directive(key.clone())?;
    /// assert_eq!(store.directive_key(d), Some(&key));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn directive_key(&self, directive: DirectiveRef) -> Option<&DirectiveKey> {
        self.directives.values.get(directive.0 as usize)
    }

    /// The directives stored, in the order they were added.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::DirectiveKey;
    /// use directives::document::DocSymbol;
    /// use directives::obligation::Obligations;
    ///
    /// let mut store = Obligations::new();
    /// store.add_directive(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?))?;
    /// assert_eq!(store.directives().count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn directives(&self) -> impl Iterator<Item = (DirectiveRef, &DirectiveKey)> {
        self.directives
            .values
            .iter()
            .zip(0u32..)
            .map(|(key, i)| (DirectiveRef(i), key))
    }

    /// Adds an obligation given by handles, held by the row's body, and returns its id.
    ///
    /// This is the bulk path: it does not check that the key is new (see
    /// [`push`](Obligations::push) for the checked path), so the caller keeps keys unique.
    /// Should a key repeat, [`find`](Obligations::find) gives the first obligation with it.
    ///
    /// # Errors
    ///
    /// - [`ObligationError::UnknownHandle`] when a handle was not issued by this store;
    /// - [`ObligationError::TooMany`] when the store already holds `u32::MAX` obligations.
    ///
    /// # Example
    ///
    /// See [`ObligationRow`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{DirectiveKey, TaskNumber};
    /// use directives::document::DocSymbol;
    /// use directives::obligation::{ObligationRow, Obligations, RequirementIndex};
    /// use directives::period::Period;
    /// use directives::org::BodyId;
    ///
    /// let mut store = Obligations::new();
    /// let mut other = Obligations::new();
    /// let row = ObligationRow {
    ///     directive: other.add_directive(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?))?,
    ///     clause: other.add_clause(TaskNumber::new("1")?)?,
    ///     requirement: RequirementIndex::new(0),
    ///     body: BodyId::from_index(1),
    ///     period: other.add_period("2024-05".parse::<Period>()?)?,
    ///     due: NaiveDate::from_ymd_opt(2024, 6, 20).ok_or("date")?,
    /// };
    /// assert!(store.insert(row).is_err());
    /// assert!(other.insert(row).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insert(&mut self, row: ObligationRow) -> Result<ObligationId, ObligationError> {
        self.insert_with(row, row.body, 0)
    }

    /// Adds a row held by `holder` (the row's body is the assigned one).
    fn insert_with(
        &mut self,
        row: ObligationRow,
        holder: BodyId,
        flags: u8,
    ) -> Result<ObligationId, ObligationError> {
        if row.directive.0 as usize >= self.directives.values.len()
            || row.clause.0 as usize >= self.clauses.values.len()
            || row.period.0 as usize >= self.periods.values.len()
        {
            return Err(ObligationError::UnknownHandle);
        }
        let id = u32::try_from(self.due.len())
            .ok()
            .filter(|&id| id < u32::MAX)
            .ok_or(ObligationError::TooMany)?;
        // INVARIANT (columns): every column is pushed exactly once here.
        self.directive.push(row.directive.0);
        self.clause.push(row.clause.0);
        self.requirement.push(row.requirement.0);
        self.holder.push(holder);
        self.period.push(row.period.0);
        self.due.push(day_number(row.due));
        self.assigned.push(if holder == row.body {
            NO_BODY
        } else {
            row.body.index()
        });
        self.flags.push(flags);
        // INVARIANT (index): a built index learns the new row.
        if let Some(index) = self.index.get_mut() {
            index.entry(row_key(&row)).or_insert(id);
        }
        Ok(ObligationId(id))
    }

    /// Adds an obligation and returns its id.
    ///
    /// # Errors
    ///
    /// - [`ObligationError::DuplicateKey`] when the store already holds an obligation with
    ///   this key (whoever holds it);
    /// - [`ObligationError::TooMany`] when a table or the store is full (`u32::MAX` rows).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{DirectiveKey, TaskNumber};
    /// use directives::document::DocSymbol;
    /// use directives::obligation::{Obligation, ObligationError, ObligationKey, Obligations, RequirementIndex};
    /// use directives::period::Period;
    /// use directives::org::BodyId;
    ///
    /// let key = ObligationKey::new(
    ///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?),
    ///     TaskNumber::new("1")?,
    ///     RequirementIndex::new(0),
    ///     BodyId::from_index(1),
    ///     "2024".parse::<Period>()?,
    /// );
    /// let due = NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?;
    /// let mut store = Obligations::new();
    /// let id = store.push(Obligation::new(key.clone(), due))?;
    /// assert_eq!(id.index(), 0);
    /// // The same key again, even held by another body, is refused.
    /// let again = store.push(Obligation::new(key, due).held_by(BodyId::from_index(2)));
    /// assert!(matches!(again, Err(ObligationError::DuplicateKey { .. })));
    /// assert_eq!(store.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push(&mut self, obligation: Obligation) -> Result<ObligationId, ObligationError> {
        let Obligation {
            key,
            due,
            holder,
            applicability,
        } = obligation;
        let row = ObligationRow {
            directive: self.add_directive(key.directive.clone())?,
            clause: self.add_clause(key.clause.clone())?,
            requirement: key.requirement,
            body: key.body,
            period: self.add_period(key.period)?,
            due,
        };
        let flags = match applicability {
            Applicability::Applies => 0,
            Applicability::NotApplicable => FLAG_NOT_APPLICABLE,
        };
        if self.index().contains_key(&row_key(&row)) {
            return Err(ObligationError::DuplicateKey { key: Box::new(key) });
        }
        self.insert_with(row, holder.unwrap_or(key.body), flags)
    }

    /// The obligation with this key, if the store holds one.
    ///
    /// The first look-up builds an index of the keys (one pass over the rows); later
    /// look-ups, and adding obligations, keep it.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{DirectiveKey, TaskNumber};
    /// use directives::document::DocSymbol;
    /// use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
    /// use directives::period::Period;
    /// use directives::org::BodyId;
    ///
    /// let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
    /// let key = |body| -> Result<ObligationKey, Box<dyn std::error::Error>> {
    ///     Ok(ObligationKey::new(directive.clone(), TaskNumber::new("1")?, RequirementIndex::new(0), BodyId::from_index(body), "2024".parse::<Period>()?))
    /// };
    /// let due = NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?;
    /// let mut store = Obligations::new();
    /// // Body 3 had ceased to exist; body 7 holds its obligation. The key names body 3.
    /// let id = store.push(Obligation::new(key(3)?, due).held_by(BodyId::from_index(7)))?;
    /// assert_eq!(store.find(&key(3)?), Some(id));
    /// assert_eq!(store.find(&key(7)?), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find(&self, key: &ObligationKey) -> Option<ObligationId> {
        let row = [
            *self.directives.index.get(&key.directive)?,
            *self.clauses.index.get(&key.clause)?,
            key.requirement.0,
            key.body.index(),
            *self.periods.index.get(&key.period)?,
        ];
        self.index().get(&row).copied().map(ObligationId)
    }

    /// The key index, built on first use.
    fn index(&self) -> &HashMap<RowKey, u32> {
        self.index.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.due.len());
            for (row, id) in (0..self.due.len()).zip(0u32..) {
                if let Some(key) = self.row_key_at(row) {
                    index.entry(key).or_insert(id);
                }
            }
            index
        })
    }

    /// The key of the row at `row`, by handles.
    fn row_key_at(&self, row: usize) -> Option<RowKey> {
        let holder = self.holder.get(row)?.index();
        let assigned = *self.assigned.get(row)?;
        Some([
            *self.directive.get(row)?,
            *self.clause.get(row)?,
            *self.requirement.get(row)?,
            if assigned == NO_BODY {
                holder
            } else {
                assigned
            },
            *self.period.get(row)?,
        ])
    }

    /// The number of obligations.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    ///
    /// assert_eq!(Obligations::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.due.len()
    }

    /// Whether the store holds no obligation.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    ///
    /// assert!(Obligations::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.due.is_empty()
    }

    /// Whether this store issued the id.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// assert!(!Obligations::new().contains(ObligationId::from_index(0)));
    /// ```
    pub fn contains(&self, id: ObligationId) -> bool {
        (id.0 as usize) < self.due.len()
    }

    /// The ids of all obligations, in order.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    ///
    /// assert_eq!(Obligations::new().ids().count(), 0);
    /// ```
    pub fn ids(&self) -> impl ExactSizeIterator<Item = ObligationId> + use<> {
        // INVARIANT (columns): the length fits in `u32`.
        let n = u32::try_from(self.due.len()).unwrap_or(u32::MAX);
        (0..n).map(ObligationId)
    }

    /// The original due date of an obligation, if this store issued the id.
    ///
    /// # Example
    ///
    /// See the [module documentation](self).
    ///
    /// ```
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// assert_eq!(Obligations::new().due_date(ObligationId::from_index(0)), None);
    /// ```
    pub fn due_date(&self, id: ObligationId) -> Option<chrono::NaiveDate> {
        self.due
            .get(id.0 as usize)
            .copied()
            .and_then(from_day_number)
    }

    /// The body that holds an obligation (the assigned body, or the successor it passed
    /// to), if this store issued the id.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// assert_eq!(Obligations::new().holder(ObligationId::from_index(0)), None);
    /// ```
    pub fn holder(&self, id: ObligationId) -> Option<BodyId> {
        self.holder.get(id.0 as usize).copied()
    }

    /// The directive of an obligation, if this store issued the id.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// assert_eq!(Obligations::new().directive(ObligationId::from_index(0)), None);
    /// ```
    pub fn directive(&self, id: ObligationId) -> Option<DirectiveRef> {
        self.directive.get(id.0 as usize).copied().map(DirectiveRef)
    }

    /// The period of an obligation, if this store issued the id.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// assert_eq!(Obligations::new().period(ObligationId::from_index(0)), None);
    /// ```
    pub fn period(&self, id: ObligationId) -> Option<PeriodRef> {
        self.period.get(id.0 as usize).copied().map(PeriodRef)
    }

    /// The full obligation (key, due date, holder, applicability), if this store issued
    /// the id.
    ///
    /// # Example
    ///
    /// See the [module documentation](self).
    ///
    /// ```
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// assert!(Obligations::new().get(ObligationId::from_index(0)).is_none());
    /// ```
    pub fn get(&self, id: ObligationId) -> Option<Obligation> {
        let i = id.0 as usize;
        let directive = self
            .directives
            .values
            .get(*self.directive.get(i)? as usize)?;
        let clause = self.clauses.values.get(*self.clause.get(i)? as usize)?;
        let period = self.periods.values.get(*self.period.get(i)? as usize)?;
        let holder = *self.holder.get(i)?;
        let assigned = *self.assigned.get(i)?;
        let key = ObligationKey::new(
            directive.clone(),
            clause.clone(),
            RequirementIndex(*self.requirement.get(i)?),
            if assigned == NO_BODY {
                holder
            } else {
                BodyId::from_index(assigned)
            },
            *period,
        );
        let not_applicable = self.flags.get(i)? & FLAG_NOT_APPLICABLE != 0;
        Some(Obligation {
            key,
            due: from_day_number(*self.due.get(i)?)?,
            holder: (assigned != NO_BODY).then_some(holder),
            applicability: if not_applicable {
                Applicability::NotApplicable
            } else {
                Applicability::Applies
            },
        })
    }

    /// The due-date column, as day numbers.
    pub(crate) fn due_days(&self) -> &[i32] {
        &self.due
    }

    /// The holder column.
    pub(crate) fn holders(&self) -> &[BodyId] {
        &self.holder
    }

    /// The directive column.
    pub(crate) fn directive_column(&self) -> &[u32] {
        &self.directive
    }

    /// The flag column.
    pub(crate) fn flag_column(&self) -> &[u8] {
        &self.flags
    }

    /// Whether the obligation at this row does not apply.
    pub(crate) fn is_not_applicable(&self, row: usize) -> bool {
        self.flags
            .get(row)
            .is_some_and(|f| f & FLAG_NOT_APPLICABLE != 0)
    }

    /// The assigned body at this row, where it is not the holder.
    pub(crate) fn assigned_body_at(&self, row: usize) -> Option<BodyId> {
        self.assigned
            .get(row)
            .copied()
            .filter(|&b| b != NO_BODY)
            .map(BodyId::from_index)
    }
}

/// Options for [`obligations_with`]: choices a tool makes that the directive does not.
///
/// The default ([`ExpansionOptions::new`]) makes no choice: a periodic report without a
/// regime gives no obligation and is listed in [`Expansion::skipped`].
///
/// # Example
///
/// ```
/// use directives::obligation::ExpansionOptions;
/// use directives::regime::ReportingRegime;
///
/// let options = ExpansionOptions::new().default_regime(ReportingRegime::decree_09_half_yearly());
/// assert_ne!(options, ExpansionOptions::default());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpansionOptions {
    default_regime: Option<crate::regime::ReportingRegime>,
}

impl ExpansionOptions {
    /// Options that make no choice (the same as `ExpansionOptions::default()`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::ExpansionOptions;
    ///
    /// assert_eq!(ExpansionOptions::new(), ExpansionOptions::default());
    /// ```
    pub fn new() -> ExpansionOptions {
        ExpansionOptions::default()
    }

    /// The same options with the regime to apply to periodic reports that state none
    /// (the seed letter's "report periodically").
    ///
    /// This is the user's explicit choice; the expansion never guesses one. A report that
    /// states a frequency different from this regime's is not expanded on it: it is
    /// skipped with [`SkipReason::FrequencyMismatch`]. Reports with a regime of their own
    /// keep it.
    ///
    /// # Example
    ///
    /// See [`obligations_with`].
    ///
    /// ```
    /// use directives::obligation::ExpansionOptions;
    /// use directives::regime::ReportingRegime;
    ///
    /// let options = ExpansionOptions::new().default_regime(ReportingRegime::decree_09_quarterly());
    /// assert_eq!(options, ExpansionOptions::default().default_regime(ReportingRegime::decree_09_quarterly()));
    /// ```
    #[must_use]
    pub fn default_regime(mut self, regime: crate::regime::ReportingRegime) -> ExpansionOptions {
        self.default_regime = Some(regime);
        self
    }
}

/// Why a requirement gave no obligation (see [`Skipped`]).
///
/// New reasons may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::obligation::SkipReason;
/// use directives::period::Frequency;
///
/// assert_eq!(
///     SkipReason::NoRegime.to_string(),
///     "the periodic report states no reporting regime and no default regime was given",
/// );
/// let mismatch = SkipReason::FrequencyMismatch { stated: Frequency::Quarterly, regime: Frequency::HalfYearly };
/// assert_eq!(
///     mismatch.to_string(),
///     "the report's stated frequency `quarterly` differs from the default regime's `half_yearly`",
/// );
/// let due = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
/// assert_eq!(
///     SkipReason::DueOutsideHorizon { due }.to_string(),
///     "due date `2025-03-01` is outside the horizon",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SkipReason {
    /// A periodic report with no regime (no frequency, cut-off or deadline), and no
    /// [default regime](ExpansionOptions::default_regime) was given.
    NoRegime,
    /// A periodic report with no regime states a frequency that differs from the default
    /// regime's, so the default does not apply.
    FrequencyMismatch {
        /// The frequency the report states.
        stated: crate::period::Frequency,
        /// The default regime's frequency.
        regime: crate::period::Frequency,
    },
    /// A deliverable or an indicator with no due date or term.
    NoDeadline,
    /// A deliverable or an indicator due outside the horizon.
    DueOutsideHorizon {
        /// The due date.
        due: NaiveDate,
    },
    /// No lead or implementing assignment selects a body on the issue date.
    NoBodies,
    /// Continuous work, which has no deliverable and no deadline.
    Continuous,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NoRegime => f.write_str(
                "the periodic report states no reporting regime and no default regime was given",
            ),
            SkipReason::FrequencyMismatch { stated, regime } => write!(
                f,
                "the report's stated frequency `{stated}` differs from the default regime's `{regime}`"
            ),
            SkipReason::NoDeadline => f.write_str("the requirement states no due date or term"),
            SkipReason::DueOutsideHorizon { due } => {
                write!(f, "due date `{due}` is outside the horizon")
            }
            SkipReason::NoBodies => {
                f.write_str("no lead or implementing body is selected on the issue date")
            }
            SkipReason::Continuous => f.write_str("continuous work has no deadline"),
        }
    }
}

/// A requirement that gave no obligation, where it is, and why.
///
/// `Display` joins the place and the reason: `task 10, requirement 0: the periodic report
/// states no reporting regime and no default regime was given`.
///
/// # Example
///
/// ```
/// use directives::directive::TaskNumber;
/// use directives::obligation::{Clause, RequirementIndex, SkipReason, Skipped};
///
/// let skipped = Skipped::new(TaskNumber::new("4")?, RequirementIndex::new(0), SkipReason::Continuous);
/// assert_eq!(skipped.clause(), &Clause::Task(TaskNumber::new("4")?));
/// assert_eq!(skipped.to_string(), "task 4, requirement 0: continuous work has no deadline");
/// let monitoring = Skipped::new(Clause::Monitoring, RequirementIndex::new(0), SkipReason::NoRegime);
/// assert!(monitoring.to_string().starts_with("monitoring clause, requirement 0: "));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub struct Skipped {
    clause: Clause,
    requirement: RequirementIndex,
    reason: SkipReason,
}

impl Skipped {
    /// The requirement at `requirement` of `clause`, skipped for `reason`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::{Clause, RequirementIndex, SkipReason, Skipped};
    ///
    /// let s = Skipped::new(Clause::Monitoring, RequirementIndex::new(1), SkipReason::NoDeadline);
    /// assert_eq!(s.requirement().get(), 1);
    /// ```
    pub fn new(
        clause: impl Into<Clause>,
        requirement: RequirementIndex,
        reason: SkipReason,
    ) -> Skipped {
        Skipped {
            clause: clause.into(),
            requirement,
            reason,
        }
    }

    /// The task (by number) or the monitoring clause.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::{Clause, RequirementIndex, SkipReason, Skipped};
    ///
    /// let s = Skipped::new(Clause::Monitoring, RequirementIndex::new(0), SkipReason::NoRegime);
    /// assert_eq!(s.clause(), &Clause::Monitoring);
    /// ```
    pub fn clause(&self) -> &Clause {
        &self.clause
    }

    /// The requirement's index within the task or clause.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::{Clause, RequirementIndex, SkipReason, Skipped};
    ///
    /// let s = Skipped::new(Clause::Monitoring, RequirementIndex::new(2), SkipReason::NoRegime);
    /// assert_eq!(s.requirement(), RequirementIndex::new(2));
    /// ```
    pub fn requirement(&self) -> RequirementIndex {
        self.requirement
    }

    /// Why it gave no obligation.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::{Clause, RequirementIndex, SkipReason, Skipped};
    ///
    /// let s = Skipped::new(Clause::Monitoring, RequirementIndex::new(0), SkipReason::NoBodies);
    /// assert_eq!(s.reason(), SkipReason::NoBodies);
    /// ```
    pub fn reason(&self) -> SkipReason {
        self.reason
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, requirement {}: {}",
            self.clause,
            self.requirement.get(),
            self.reason
        )
    }
}

/// The result of expanding a directive: its obligations, and the requirements that gave
/// none, each with the reason.
///
/// # Example
///
/// See [`obligations`] and [`obligations_with`].
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::WorkCalendar;
/// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
/// use directives::document::{DocSymbol, Document};
/// use directives::obligation::{obligations, SkipReason};
/// use directives::org::{Body, BodyKind, Level, Registry, Selector};
/// use directives::period::Period;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let registry = Registry::builder()
///     .body(Body::new("TU".parse()?, "Tỉnh ủy", BodyKind::PartyCommittee, Level::Province, day(2000, 1, 1)?))
///     .build()?;
/// let directive = Directive::builder(Document::builder(DocSymbol::parse("05/CT-TU")?, day(2024, 2, 22)?).build()?)
///     .task(
///         Task::new("1".parse()?, "keep at it")
///             .assign(Role::Lead, Assignee::Bodies(Selector::Body("TU".parse()?)))
///             .require(Requirement::Continuous),
///     )
///     .build()?;
/// let expansion = obligations(&directive, &registry, &WorkCalendar::vietnam()?, Period::year(2024)?)?;
/// assert!(expansion.obligations().is_empty());
/// assert_eq!(expansion.skipped()[0].reason(), SkipReason::Continuous);
/// let store = expansion.into_obligations();
/// assert_eq!(store.len(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Expansion {
    obligations: Obligations,
    skipped: Vec<Skipped>,
}

impl Expansion {
    /// The obligations.
    ///
    /// # Example
    ///
    /// See [`Expansion`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::calendar::WorkCalendar;
    /// # use directives::directive::Directive;
    /// # use directives::document::{DocSymbol, Document};
    /// # use directives::obligation::obligations;
    /// # use directives::org::Registry;
    /// # use directives::period::Period;
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("05/CT-TU")?, issued).build()?).build()?;
    /// let registry = Registry::builder().build()?;
    /// let expansion = obligations(&directive, &registry, &WorkCalendar::vietnam()?, Period::year(2024)?)?;
    /// assert!(expansion.obligations().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn obligations(&self) -> &Obligations {
        &self.obligations
    }

    /// The obligations, by value.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::calendar::WorkCalendar;
    /// # use directives::directive::Directive;
    /// # use directives::document::{DocSymbol, Document};
    /// # use directives::obligation::obligations;
    /// # use directives::org::Registry;
    /// # use directives::period::Period;
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("05/CT-TU")?, issued).build()?).build()?;
    /// let registry = Registry::builder().build()?;
    /// let store = obligations(&directive, &registry, &WorkCalendar::vietnam()?, Period::year(2024)?)?.into_obligations();
    /// assert!(store.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_obligations(self) -> Obligations {
        self.obligations
    }

    /// The requirements that gave no obligation, in the directive's order (tasks, then the
    /// monitoring clause; requirements in order within each).
    ///
    /// # Example
    ///
    /// See [`Expansion`].
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use directives::calendar::WorkCalendar;
    /// # use directives::directive::Directive;
    /// # use directives::document::{DocSymbol, Document};
    /// # use directives::obligation::obligations;
    /// # use directives::org::Registry;
    /// # use directives::period::Period;
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("05/CT-TU")?, issued).build()?).build()?;
    /// let registry = Registry::builder().build()?;
    /// let expansion = obligations(&directive, &registry, &WorkCalendar::vietnam()?, Period::year(2024)?)?;
    /// assert!(expansion.skipped().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }
}

/// Expands a directive into its obligations within a horizon, making no choice the
/// directive does not make: [`obligations_with`] with the default [`ExpansionOptions`].
///
/// # Errors
///
/// As [`obligations_with`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::WorkCalendar;
/// use directives::directive::{Assignee, Directive, PeriodicReport, Requirement, Role, Task};
/// use directives::document::{DocSymbol, Document};
/// use directives::obligation::obligations;
/// use directives::org::{Body, BodyKind, Level, Registry, Selector};
/// use directives::period::Period;
/// use directives::regime::ReportingRegime;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let registry = Registry::builder()
///     .body(Body::new("TU".parse()?, "Tỉnh ủy", BodyKind::PartyCommittee, Level::Province, day(2000, 1, 1)?))
///     .body(Body::new("BDV".parse()?, "Ban Dân vận", BodyKind::PartyAdvisoryDepartment, Level::Province, day(2000, 1, 1)?).with_parent("TU".parse()?))
///     .build()?;
/// let directive = Directive::builder(Document::builder(DocSymbol::parse("05/CT-TU")?, day(2024, 2, 22)?).build()?)
///     .recipient(Selector::Body("BDV".parse()?))
///     .task(
///         Task::new("1".parse()?, "report quarterly")
///             .assign(Role::Lead, Assignee::Recipients)
///             .require(Requirement::PeriodicReport(
///                 PeriodicReport::new().with_regime(ReportingRegime::decree_09_quarterly()),
///             )),
///     )
///     .build()?;
/// let calendar = WorkCalendar::vietnam()?;
/// let expansion = obligations(&directive, &registry, &calendar, Period::year(2024)?)?;
/// let store = expansion.obligations();
/// // Four quarters of 2024, one body; nothing skipped.
/// assert_eq!(store.len(), 4);
/// assert!(expansion.skipped().is_empty());
/// let first = store.get(store.ids().next().ok_or("empty")?).ok_or("missing")?;
/// assert_eq!(first.key().period().to_string(), "2024-Q1");
/// assert_eq!(first.due_date(), day(2024, 3, 25)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn obligations(
    directive: &crate::directive::Directive,
    registry: &crate::org::Registry,
    calendar: &crate::calendar::WorkCalendar,
    horizon: Period,
) -> Result<Expansion, ObligationError> {
    obligations_with(
        directive,
        registry,
        calendar,
        horizon,
        &ExpansionOptions::default(),
    )
}

/// Expands a directive into its obligations within a horizon, under `options`, and
/// lists the requirements that gave none.
///
/// # Who owes
///
/// Each numbered task, and the monitoring clause, is expanded alike. Its obligations are
/// owed by the bodies its lead (chủ trì) and implementing (thực hiện) assignments select
/// on the directive's issue date (an assignment to the recipients selects the
/// directive's recipients); coordinating, advising and monitoring roles owe nothing.
/// Obligations from the monitoring clause have [`Clause::Monitoring`] in their key where
/// a task's have its number: the clause's lead "reports periodically" too.
///
/// # What is owed
///
/// For each requirement:
///
/// - a periodic report gives one obligation per body and per period of its regime that
///   overlaps the horizon, due on the regime's due date for that period. A report that
///   states no regime uses the [default regime](ExpansionOptions::default_regime) when
///   one was given. Periods that end before the issue date are left out: the directive
///   asks nothing for them. This is not a skip, since the requirement still expands for
///   the later periods;
/// - a deliverable or an indicator due in the horizon gives one obligation per body, for
///   the period from the issue date to the due date.
///
/// A requirement that gives no obligation is listed in [`Expansion::skipped`] with a
/// [`SkipReason`], checked in this order: continuous work
/// ([`Continuous`](SkipReason::Continuous)); a report with no regime and no default
/// ([`NoRegime`](SkipReason::NoRegime)) or whose stated frequency is not the default's
/// ([`FrequencyMismatch`](SkipReason::FrequencyMismatch)); a deliverable or indicator
/// with no due ([`NoDeadline`](SkipReason::NoDeadline)); no body selected
/// ([`NoBodies`](SkipReason::NoBodies)); a due date outside the horizon
/// ([`DueOutsideHorizon`](SkipReason::DueOutsideHorizon)).
///
/// # Succession
///
/// An obligation whose body no longer exists on its due date passes to the body's
/// successor, which [holds](Obligation::holder) it; its key keeps the body the directive
/// assigned. When the body ceased without a successor, the obligation is kept as
/// [`Applicability::NotApplicable`]. When several bodies pass to one successor, the
/// successor holds one obligation per assigned body, each with its own key, so keys stay
/// unique.
///
/// # Errors
///
/// - [`ObligationError::Org`] when a selector names a body the registry does not know;
/// - [`ObligationError::Regime`] or [`ObligationError::Calendar`] when a due date cannot be
///   computed in the calendar's years;
/// - [`ObligationError::Period`] when a due date precedes the issue date by more than a
///   period can span;
/// - [`ObligationError::TooMany`] when a store table is full.
///
/// # Example
///
/// The seed letter's task 10 asks for reports "periodically", with no regime; a tool that
/// decides on half-yearly reports says so.
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::WorkCalendar;
/// use directives::directive::{Assignee, Directive, PeriodicReport, Requirement, Role, Task};
/// use directives::document::{DocSymbol, Document};
/// use directives::obligation::{obligations, obligations_with, ExpansionOptions, SkipReason};
/// use directives::org::{Body, BodyKind, Level, Registry, Selector};
/// use directives::period::Period;
/// use directives::regime::ReportingRegime;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let registry = Registry::builder()
///     .body(Body::new("TU".parse()?, "Tỉnh ủy", BodyKind::PartyCommittee, Level::Province, day(2000, 1, 1)?))
///     .build()?;
/// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, day(2024, 2, 22)?).build()?)
///     .task(
///         Task::new("10".parse()?, "report periodically")
///             .assign(Role::Lead, Assignee::Bodies(Selector::Body("TU".parse()?)))
///             .require(Requirement::PeriodicReport(PeriodicReport::new())),
///     )
///     .build()?;
/// let calendar = WorkCalendar::vietnam()?;
/// let horizon = Period::year(2024)?;
///
/// let plain = obligations(&directive, &registry, &calendar, horizon)?;
/// assert!(plain.obligations().is_empty());
/// assert_eq!(plain.skipped()[0].reason(), SkipReason::NoRegime);
///
/// let options = ExpansionOptions::new().default_regime(ReportingRegime::decree_09_half_yearly());
/// let chosen = obligations_with(&directive, &registry, &calendar, horizon, &options)?;
/// assert_eq!(chosen.obligations().len(), 2); // 2024-H1 and 2024-H2
/// assert!(chosen.skipped().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn obligations_with(
    directive: &crate::directive::Directive,
    registry: &crate::org::Registry,
    calendar: &crate::calendar::WorkCalendar,
    horizon: Period,
    options: &ExpansionOptions,
) -> Result<Expansion, ObligationError> {
    let mut expander = Expander {
        directive,
        registry,
        calendar,
        horizon,
        options,
        store: Obligations::new(),
        skipped: Vec::new(),
        directive_ref: DirectiveRef(0),
    };
    expander.directive_ref = expander.store.add_directive(directive.key())?;
    for task in directive.tasks() {
        expander.clause(
            Clause::Task(task.number().clone()),
            task.assignments(),
            task.requirements(),
        )?;
    }
    if let Some(monitoring) = directive.monitoring() {
        expander.clause(
            Clause::Monitoring,
            monitoring.assignments(),
            monitoring.requirements(),
        )?;
    }
    Ok(Expansion {
        obligations: expander.store,
        skipped: expander.skipped,
    })
}

/// The state of one expansion.
struct Expander<'a> {
    directive: &'a crate::directive::Directive,
    registry: &'a crate::org::Registry,
    calendar: &'a crate::calendar::WorkCalendar,
    horizon: Period,
    options: &'a ExpansionOptions,
    store: Obligations,
    skipped: Vec<Skipped>,
    directive_ref: DirectiveRef,
}

impl Expander<'_> {
    /// Expands one task or the monitoring clause.
    fn clause(
        &mut self,
        clause: Clause,
        assignments: &[crate::directive::Assignment],
        requirements: &[crate::directive::Requirement],
    ) -> Result<(), ObligationError> {
        use crate::directive::{Assignee, Role};

        let issued = self.directive.issued();
        let mut bodies: Vec<BodyId> = Vec::new();
        for assignment in assignments {
            if !matches!(assignment.role(), Role::Lead | Role::Implement) {
                continue;
            }
            match assignment.assignee() {
                Assignee::Recipients => {
                    for selector in self.directive.recipients() {
                        bodies.extend(self.registry.select(selector, issued)?);
                    }
                }
                Assignee::Bodies(selector) => {
                    bodies.extend(self.registry.select(selector, issued)?);
                }
            }
        }
        bodies.sort_unstable();
        bodies.dedup();
        let clause_ref = self.store.add_clause(clause.clone())?;
        for (k, requirement) in requirements.iter().enumerate() {
            let index =
                RequirementIndex::new(u32::try_from(k).map_err(|_| ObligationError::TooMany)?);
            let dues = match self.dues(requirement, issued, !bodies.is_empty())? {
                Ok(dues) => dues,
                Err(reason) => {
                    self.skipped
                        .push(Skipped::new(clause.clone(), index, reason));
                    continue;
                }
            };
            for (period, due) in dues {
                let period_ref = self.store.add_period(period)?;
                for &body in &bodies {
                    let (holder, flags) = match self.registry.successor_on(body, due) {
                        Some(successor) => (successor, 0),
                        None => (body, FLAG_NOT_APPLICABLE),
                    };
                    let row = ObligationRow {
                        directive: self.directive_ref,
                        clause: clause_ref,
                        requirement: index,
                        body,
                        period: period_ref,
                        due,
                    };
                    // Keys are unique: the bodies are distinct, and so are the periods of
                    // one requirement.
                    self.store.insert_with(row, holder, flags)?;
                }
            }
        }
        Ok(())
    }

    /// The (period, due date) pairs a requirement gives, or why it gives none.
    fn dues(
        &self,
        requirement: &crate::directive::Requirement,
        issued: NaiveDate,
        has_bodies: bool,
    ) -> Result<Result<Vec<(Period, NaiveDate)>, SkipReason>, ObligationError> {
        use crate::directive::Requirement;

        let no_bodies = Ok(Err(SkipReason::NoBodies));
        match requirement {
            Requirement::Continuous => Ok(Err(SkipReason::Continuous)),
            Requirement::PeriodicReport(report) => {
                let regime = match (report.regime(), &self.options.default_regime) {
                    (Some(regime), _) => regime,
                    (None, None) => return Ok(Err(SkipReason::NoRegime)),
                    (None, Some(default)) => match report.stated_frequency() {
                        Some(stated) if stated != default.frequency() => {
                            return Ok(Err(SkipReason::FrequencyMismatch {
                                stated,
                                regime: default.frequency(),
                            }));
                        }
                        _ => default,
                    },
                };
                if !has_bodies {
                    return no_bodies;
                }
                Ok(Ok(regime
                    .schedule(self.horizon.start(), self.horizon.end(), self.calendar)?
                    .into_iter()
                    .filter(|r| r.period().end() >= issued)
                    .map(|r| (r.period(), r.due()))
                    .collect()))
            }
            Requirement::Deliverable { due, .. } | Requirement::Indicator { by: due, .. } => {
                let Some(due) = due else {
                    return Ok(Err(SkipReason::NoDeadline));
                };
                if !has_bodies {
                    return no_bodies;
                }
                let date = due.date_from(issued, self.calendar)?;
                if !self.horizon.contains(date) {
                    return Ok(Err(SkipReason::DueOutsideHorizon { due: date }));
                }
                Ok(Ok(vec![(Period::custom(issued.min(date), date)?, date)]))
            }
        }
    }
}

/// An error from building obligations.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ObligationError {
    /// A handle was not issued by the store it was used with.
    #[error("handle was not issued by this obligation store")]
    UnknownHandle,
    /// The store or one of its tables is full.
    #[error("too many obligations: a store holds at most `4294967294`")]
    TooMany,
    /// The store already holds an obligation with this key.
    #[error("obligation `{key}` is already in the store")]
    DuplicateKey {
        /// The key.
        key: Box<ObligationKey>,
    },
    /// A selector could not be resolved against the registry.
    #[error(transparent)]
    Org(#[from] crate::org::OrgError),
    /// A reporting regime could not schedule its periods.
    #[error(transparent)]
    Regime(#[from] crate::regime::RegimeError),
    /// A term could not be computed in the calendar.
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    /// A period could not be built.
    #[error(transparent)]
    Period(#[from] crate::period::PeriodError),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocSymbol;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn round_trip_through_the_store() {
        let key = ObligationKey::new(
            DirectiveKey::new(DocSymbol::parse("05/CT-UBND").unwrap(), date(2024, 3, 1)),
            TaskNumber::new("2a").unwrap(),
            RequirementIndex::new(1),
            BodyId::from_index(7),
            "2024-Q2".parse::<Period>().unwrap(),
        );
        let obligation = Obligation::new(key.clone(), date(2024, 6, 20))
            .held_by(BodyId::from_index(3))
            .with_applicability(Applicability::NotApplicable);
        let mut store = Obligations::new();
        let id = store.push(obligation.clone()).unwrap();
        assert_eq!(store.get(id), Some(obligation));
        assert!(store.is_not_applicable(0));
        assert_eq!(store.holder(id), Some(BodyId::from_index(3)));
        assert_eq!(store.assigned_body_at(0), Some(BodyId::from_index(7)));
        assert_eq!(store.find(&key), Some(id));
    }

    #[test]
    fn a_built_index_learns_inserted_rows() {
        let mut store = Obligations::new();
        let directive = store
            .add_directive(DirectiveKey::new(
                DocSymbol::parse("05/CT-UBND").unwrap(),
                date(2024, 3, 1),
            ))
            .unwrap();
        let clause = store.add_clause(TaskNumber::new("1").unwrap()).unwrap();
        let period = store.add_period(Period::year(2024).unwrap()).unwrap();
        let row = |body| ObligationRow {
            directive,
            clause,
            requirement: RequirementIndex::new(0),
            body: BodyId::from_index(body),
            period,
            due: date(2024, 12, 20),
        };
        let first = store.insert(row(1)).unwrap();
        let key = |body| {
            ObligationKey::new(
                DirectiveKey::new(DocSymbol::parse("05/CT-UBND").unwrap(), date(2024, 3, 1)),
                TaskNumber::new("1").unwrap(),
                RequirementIndex::new(0),
                BodyId::from_index(body),
                Period::year(2024).unwrap(),
            )
        };
        let key_1 = key(1);
        let key_2 = key(2);
        // Built here, with one row.
        assert_eq!(store.find(&key_1), Some(first));
        assert_eq!(store.find(&key_2), None);
        let second = store.insert(row(2)).unwrap();
        assert_eq!(store.find(&key_2), Some(second));
        // An unchecked repeat leaves the first in the index.
        store.insert(row(2)).unwrap();
        assert_eq!(store.find(&key_2), Some(second));
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            ObligationError::UnknownHandle.to_string(),
            "handle was not issued by this obligation store"
        );
    }
}
