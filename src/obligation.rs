//! Obligations: what one body owes for one requirement of one task in one period, and the
//! expansion of directives into them ([`obligations`]).
//!
//! An obligation is the unit that compliance is evaluated on. It is identified by
//! (directive key, task number, requirement index, body, period), where the directive key
//! is the directive's symbol plus its issue date, and it has an original due date. When
//! the body that owed it ceased to exist, the obligation passed to a successor and records
//! the original body as well.
//!
//! Obligations are kept in a compact, columnar store, [`Obligations`]: due dates are day
//! numbers and bodies are [`BodyId`]s, each in its own column, and directive keys, task
//! numbers and periods are stored once and referred to by small handles. An
//! [`ObligationId`] is a copyable index into the store that issued it; the full
//! [`Obligation`] with its [`ObligationKey`] is rebuilt on demand with
//! [`Obligations::get`].
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

use chrono::{Datelike, NaiveDate};

use crate::directive::{DirectiveKey, TaskNumber};
use crate::org::BodyId;
use crate::period::Period;

/// The marker stored in the original-body column when the body did not change.
const NO_BODY: u32 = u32::MAX;

/// The flag bit for an obligation that does not apply.
const FLAG_NOT_APPLICABLE: u8 = 1;

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

/// What identifies an obligation: (directive key, task number, requirement index, body,
/// period).
///
/// The body is the one that owes the obligation now (the successor, when the original
/// body ceased to exist; see [`Obligation::original_body`]).
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
    task: TaskNumber,
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
        task: TaskNumber,
        requirement: RequirementIndex,
        body: BodyId,
        period: Period,
    ) -> ObligationKey {
        ObligationKey {
            directive,
            task,
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

    /// The task's number.
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
    /// assert_eq!(key.task().as_str(), "1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn task(&self) -> &TaskNumber {
        &self.task
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

    /// The body that owes the obligation.
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
            "{}, task {}, requirement {}, body {}, period {}",
            self.directive,
            self.task,
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

/// One obligation: its key, its original due date, and, when it passed to a successor,
/// the body that originally owed it.
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
/// let obligation = Obligation::new(key, due).with_original_body(BodyId::from_index(4));
/// assert_eq!(obligation.original_body(), Some(BodyId::from_index(4)));
/// assert_eq!(obligation.key().body(), BodyId::from_index(9));
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
    #[cfg_attr(feature = "serde", serde(default))]
    original_body: Option<BodyId>,
    #[cfg_attr(feature = "serde", serde(default))]
    applicability: Applicability,
}

impl Obligation {
    /// An obligation with this key, due on this date, owed by the key's body from the start.
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
    /// assert_eq!(obligation.original_body(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(key: ObligationKey, due: NaiveDate) -> Obligation {
        Obligation {
            key,
            due,
            original_body: None,
            applicability: Applicability::Applies,
        }
    }

    /// The same obligation, recorded as passed from `original` to the key's body.
    ///
    /// When `original` is the key's body itself, nothing passed and nothing is recorded.
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
    /// let passed = Obligation::new(key.clone(), due).with_original_body(BodyId::from_index(2));
    /// assert_eq!(passed.original_body(), Some(BodyId::from_index(2)));
    /// let same = Obligation::new(key, due).with_original_body(BodyId::from_index(9));
    /// assert_eq!(same.original_body(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_original_body(mut self, original: BodyId) -> Obligation {
        self.original_body = (original != self.key.body).then_some(original);
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

    /// The body that originally owed the obligation, when it passed to a successor.
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
    /// assert_eq!(Obligation::new(key, due).original_body(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn original_body(&self) -> Option<BodyId> {
        self.original_body
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
            /// let t = store.add_task(TaskNumber::new("1")?)?;
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
    /// A handle to a task number stored once in an [`Obligations`] store.
    TaskRef
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
///     task: store.add_task(TaskNumber::new("1")?)?,
///     requirement: RequirementIndex::new(0),
///     body: BodyId::from_index(1),
///     period: store.add_period("2024-05".parse::<Period>()?)?,
///     due: NaiveDate::from_ymd_opt(2024, 6, 20).ok_or("date")?,
/// };
/// let id = store.insert(row)?;
/// assert_eq!(store.body(id), Some(BodyId::from_index(1)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ObligationRow {
    /// The directive.
    pub directive: DirectiveRef,
    /// The task.
    pub task: TaskRef,
    /// The requirement within the task's assignment.
    pub requirement: RequirementIndex,
    /// The body that owes the obligation.
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
/// Each obligation occupies one row of fixed-size columns (directive, task, requirement,
/// body, period, due date as a day number, original body, flags: 26 bytes); directive
/// keys, task numbers and periods are stored once. Rows are never removed, so an
/// [`ObligationId`] stays valid for the store's life.
///
/// Keys are not checked for uniqueness here (that would cost a hash of every row); the
/// expansion guarantees it for the obligations it builds.
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
    tasks: Interner<TaskNumber>,
    periods: Interner<Period>,
    // INVARIANT (columns): every column below has the same length, which fits in `u32`;
    // upheld by `insert`, the only place that pushes to them.
    directive: Vec<u32>,
    task: Vec<u32>,
    requirement: Vec<u32>,
    body: Vec<BodyId>,
    period: Vec<u32>,
    due: Vec<i32>,
    original_body: Vec<u32>,
    flags: Vec<u8>,
}

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
            task: Vec::with_capacity(rows),
            requirement: Vec::with_capacity(rows),
            body: Vec::with_capacity(rows),
            period: Vec::with_capacity(rows),
            due: Vec::with_capacity(rows),
            original_body: Vec::with_capacity(rows),
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

    /// Stores a task number once and returns its handle.
    ///
    /// # Errors
    ///
    /// [`ObligationError::TooMany`] when the table already holds `u32::MAX` numbers.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::TaskNumber;
    /// use directives::obligation::Obligations;
    ///
    /// let mut store = Obligations::new();
    /// let a = store.add_task(TaskNumber::new("1")?)?;
    /// let b = store.add_task(TaskNumber::new("2")?)?;
    /// assert_ne!(a, b);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_task(&mut self, number: TaskNumber) -> Result<TaskRef, ObligationError> {
        self.tasks.add(number).map(TaskRef)
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

    /// Adds an obligation given by handles and returns its id.
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
    ///     task: other.add_task(TaskNumber::new("1")?)?,
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
        self.insert_with(row, NO_BODY, 0)
    }

    fn insert_with(
        &mut self,
        row: ObligationRow,
        original_body: u32,
        flags: u8,
    ) -> Result<ObligationId, ObligationError> {
        if row.directive.0 as usize >= self.directives.values.len()
            || row.task.0 as usize >= self.tasks.values.len()
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
        self.task.push(row.task.0);
        self.requirement.push(row.requirement.0);
        self.body.push(row.body);
        self.period.push(row.period.0);
        self.due.push(day_number(row.due));
        self.original_body.push(original_body);
        self.flags.push(flags);
        Ok(ObligationId(id))
    }

    /// Adds an obligation and returns its id.
    ///
    /// # Errors
    ///
    /// [`ObligationError::TooMany`] when a table or the store is full (`u32::MAX` rows).
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
    /// let key = ObligationKey::new(
    ///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?),
    ///     TaskNumber::new("1")?,
    ///     RequirementIndex::new(0),
    ///     BodyId::from_index(1),
    ///     "2024".parse::<Period>()?,
    /// );
    /// let mut store = Obligations::new();
    /// let id = store.push(Obligation::new(key, NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?))?;
    /// assert_eq!(id.index(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push(&mut self, obligation: Obligation) -> Result<ObligationId, ObligationError> {
        let Obligation {
            key,
            due,
            original_body,
            applicability,
        } = obligation;
        let row = ObligationRow {
            directive: self.add_directive(key.directive)?,
            task: self.add_task(key.task)?,
            requirement: key.requirement,
            body: key.body,
            period: self.add_period(key.period)?,
            due,
        };
        let flags = match applicability {
            Applicability::Applies => 0,
            Applicability::NotApplicable => FLAG_NOT_APPLICABLE,
        };
        self.insert_with(row, original_body.map_or(NO_BODY, BodyId::index), flags)
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

    /// The body that owes an obligation, if this store issued the id.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::{ObligationId, Obligations};
    ///
    /// assert_eq!(Obligations::new().body(ObligationId::from_index(0)), None);
    /// ```
    pub fn body(&self, id: ObligationId) -> Option<BodyId> {
        self.body.get(id.0 as usize).copied()
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

    /// The full obligation (key, due date, original body, applicability), if this store
    /// issued the id.
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
        let task = self.tasks.values.get(*self.task.get(i)? as usize)?;
        let period = self.periods.values.get(*self.period.get(i)? as usize)?;
        let key = ObligationKey::new(
            directive.clone(),
            task.clone(),
            RequirementIndex(*self.requirement.get(i)?),
            *self.body.get(i)?,
            *period,
        );
        let original = *self.original_body.get(i)?;
        let not_applicable = self.flags.get(i)? & FLAG_NOT_APPLICABLE != 0;
        Some(Obligation {
            key,
            due: from_day_number(*self.due.get(i)?)?,
            original_body: (original != NO_BODY).then_some(BodyId::from_index(original)),
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

    /// The body column.
    pub(crate) fn bodies(&self) -> &[BodyId] {
        &self.body
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

    /// The original body recorded at this row, if any.
    pub(crate) fn original_body_at(&self, row: usize) -> Option<BodyId> {
        self.original_body
            .get(row)
            .copied()
            .filter(|&b| b != NO_BODY)
            .map(BodyId::from_index)
    }
}

/// Expands a directive into its obligations within a horizon.
///
/// For each task, the bodies that owe its requirements are those its lead (chủ trì) and
/// implementing (thực hiện) assignments select on the directive's issue date (an
/// assignment to the recipients selects the directive's recipients); coordinating,
/// advising and monitoring bodies owe nothing. Then, for each requirement:
///
/// - a periodic report gives one obligation per body and per period of its regime that
///   overlaps the horizon and does not end before the issue date, due on the regime's due
///   date for that period;
/// - a deliverable or an indicator with a due date in the horizon gives one obligation per
///   body, for the period from the issue date to the due date;
/// - a report without a regime, a deliverable or indicator without a due date, and
///   continuous work give none (the directive's lints flag the missing deadlines).
///
/// An obligation whose body no longer exists on its due date passes to the body's
/// successor and records the original body; when the body ceased without a successor,
/// the obligation is kept as [`Applicability::NotApplicable`].
///
/// # Errors
///
/// - [`ObligationError::Org`] when a selector names a body the registry does not know;
/// - [`ObligationError::Regime`] or [`ObligationError::Calendar`] when a due date cannot be
///   computed in the calendar's years;
/// - [`ObligationError::Period`] when a due date precedes the issue date by more than a
///   period can span.
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
/// let store = obligations(&directive, &registry, &calendar, Period::year(2024)?)?;
/// // Four quarters of 2024, one body.
/// assert_eq!(store.len(), 4);
/// let first = store.get(store.ids().next().ok_or("empty")?).ok_or("missing")?;
/// assert_eq!(first.key().period().to_string(), "2024-Q1");
/// assert_eq!(first.due_date(), day(2024, 3, 25)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn obligations(
    directive: &crate::directive::Directive,
    registry: &crate::org::Registry,
    calendar: &crate::calendar::WorkCalendar,
    horizon: crate::period::Period,
) -> Result<Obligations, ObligationError> {
    use crate::directive::{Assignee, Requirement, Role};
    use crate::period::Period;

    let issued = directive.issued();
    let mut store = Obligations::new();
    let directive_ref = store.add_directive(directive.key())?;
    for task in directive.tasks() {
        let task_ref = store.add_task(task.number().clone())?;
        let mut bodies: Vec<BodyId> = Vec::new();
        for assignment in task.assignments() {
            if !matches!(assignment.role(), Role::Lead | Role::Implement) {
                continue;
            }
            match assignment.assignee() {
                Assignee::Recipients => {
                    for selector in directive.recipients() {
                        bodies.extend(registry.select(selector, issued)?);
                    }
                }
                Assignee::Bodies(selector) => bodies.extend(registry.select(selector, issued)?),
            }
        }
        bodies.sort_unstable();
        bodies.dedup();
        for (k, requirement) in task.requirements().iter().enumerate() {
            let requirement_index =
                RequirementIndex::new(u32::try_from(k).map_err(|_| ObligationError::TooMany)?);
            let dues: Vec<(Period, NaiveDate)> = match requirement {
                Requirement::PeriodicReport(report) => match report.regime() {
                    Some(regime) => regime
                        .schedule(horizon.start(), horizon.end(), calendar)?
                        .into_iter()
                        .filter(|r| r.period().end() >= issued)
                        .map(|r| (r.period(), r.due()))
                        .collect(),
                    None => Vec::new(),
                },
                Requirement::Deliverable { due: Some(due), .. }
                | Requirement::Indicator { by: Some(due), .. } => {
                    let date = due.date_from(issued, calendar)?;
                    if horizon.contains(date) {
                        vec![(Period::custom(issued.min(date), date)?, date)]
                    } else {
                        Vec::new()
                    }
                }
                _ => Vec::new(),
            };
            for (period, due) in dues {
                let period_ref = store.add_period(period)?;
                for &body in &bodies {
                    let (owner, flags) = match registry.successor_on(body, due) {
                        Some(successor) => (successor, 0),
                        None => (body, FLAG_NOT_APPLICABLE),
                    };
                    let row = ObligationRow {
                        directive: directive_ref,
                        task: task_ref,
                        requirement: requirement_index,
                        body: owner,
                        period: period_ref,
                        due,
                    };
                    let original = if owner == body { NO_BODY } else { body.index() };
                    store.insert_with(row, original, flags)?;
                }
            }
        }
    }
    Ok(store)
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
        let obligation = Obligation::new(key, date(2024, 6, 20))
            .with_original_body(BodyId::from_index(3))
            .with_applicability(Applicability::NotApplicable);
        let mut store = Obligations::new();
        let id = store.push(obligation.clone()).unwrap();
        assert_eq!(store.get(id), Some(obligation));
        assert!(store.is_not_applicable(0));
        assert_eq!(store.original_body_at(0), Some(BodyId::from_index(3)));
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            ObligationError::UnknownHandle.to_string(),
            "handle was not issued by this obligation store"
        );
    }
}
