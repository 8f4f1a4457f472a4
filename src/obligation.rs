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
//! [`Clause`] (a [`TaskNumber`] or the monitoring clause) from
//! [`directive`](crate::directive), [`BodyId`] from [`org`](crate::org) and [`Period`]
//! from [`period`](crate::period).
//!
//! [`Directive::key`]: crate::directive::Directive::key
//! [`TaskNumber`]: crate::directive::TaskNumber
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::directive::{DirectiveKey, TaskNumber};
//! use directives::document::DocSymbol;
//! use directives::obligation::{Obligation, ObligationKey, Obligations, RequirementIndex};
//! use directives::period::Period;
//! use directives::org::BodyCode;
//!
//! let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
//! let key = ObligationKey::new(
//!     directive,
//!     TaskNumber::new("2a")?,
//!     RequirementIndex::new(0),
//!     BodyCode::new("SYT")?,
//!     "2024-Q2".parse::<Period>()?,
//! );
//! assert_eq!(key.to_string(), "05/CT-UBND@2024-03-01/2a.1/SYT/2024-Q2");
//! let due = NaiveDate::from_ymd_opt(2024, 6, 20).ok_or("date")?;
//! let mut store = Obligations::new();
//! let id = store.push(Obligation::new(key.clone(), due))?;
//! assert_eq!(store.get(id).ok_or("missing")?.key(), &key);
//! assert_eq!(store.due_date(id), Some(due));
//! assert_eq!(store.lookup("05/CT-UBND@2024-03-01/2a.1/SYT/2024-Q2")?, id);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use crate::directive::{Clause, DirectiveKey, Role};
use crate::org::{BodyCode, BodyId};
use crate::period::Period;

/// Serde for dates written exactly `YYYY-MM-DD` ([`crate::text::strict_date`]), and for finite numbers.
#[cfg(feature = "serde")]
pub(crate) mod strict_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        crate::text::deserialize_date(d)
    }

    /// A number that is neither NaN nor infinite.
    pub(crate) fn finite<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        let value = f64::deserialize(d)?;
        if value.is_finite() {
            Ok(value)
        } else {
            Err(serde::de::Error::custom(format!(
                "invalid value `{value}`: expected a finite number"
            )))
        }
    }

    /// The same for a pair of dates (a window), written as a list of two.
    pub(crate) mod pair {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        pub(crate) fn serialize<S: Serializer>(
            pair: &(NaiveDate, NaiveDate),
            s: S,
        ) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeTuple;
            let mut t = s.serialize_tuple(2)?;
            t.serialize_element(&pair.0.to_string())?;
            t.serialize_element(&pair.1.to_string())?;
            t.end()
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<(NaiveDate, NaiveDate), D::Error> {
            let (a, b) = <(String, String)>::deserialize(d)?;
            let date = |text: String| {
                crate::text::strict_date(&text)
                    .ok_or_else(|| serde::de::Error::custom(crate::text::date_problem(&text)))
            };
            Ok((date(a)?, date(b)?))
        }
    }

    /// The same for an optional date.
    pub(crate) mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        pub(crate) fn serialize<S: Serializer>(
            date: &Option<NaiveDate>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match date {
                Some(date) => s.collect_str(date),
                None => s.serialize_none(),
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<NaiveDate>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(text) => crate::text::strict_date(&text)
                    .map(Some)
                    .ok_or_else(|| serde::de::Error::custom(crate::text::date_problem(&text))),
            }
        }
    }
}

/// The marker stored in the assigned-body column when the holder is the assigned body.
const NO_BODY: u32 = u32::MAX;

/// The flag bit for an obligation that does not apply.
const FLAG_NOT_APPLICABLE: u8 = 1;

/// The flag bits above the first hold the assignment role's code ([`role_code`]).
const ROLE_SHIFT: u8 = 1;

/// The code of a role in the flag column.
const fn role_code(role: Role) -> u8 {
    match role {
        Role::Lead => 0,
        Role::Coordinate => 1,
        Role::Advise => 2,
        Role::Implement => 3,
        Role::Monitor => 4,
        // Roles added later are stored as the lead's until they get a code.
        #[allow(unreachable_patterns, reason = "the enum is non_exhaustive")]
        _ => 0,
    }
}

/// The role with a code in the flag column.
pub(crate) const fn role_of(flags: u8) -> Role {
    match flags >> ROLE_SHIFT {
        1 => Role::Coordinate,
        2 => Role::Advise,
        3 => Role::Implement,
        4 => Role::Monitor,
        _ => Role::Lead,
    }
}

/// Whether a table of handles maps each handle to itself.
fn is_identity(map: &[u32]) -> bool {
    map.iter().zip(0u32..).all(|(&to, from)| to == from)
}

/// Pushes `from` onto `into`, each handle through `map` (copied whole when `map` is the
/// identity); a handle past the table stays as it is.
fn append_mapped(into: &mut Vec<u32>, from: &[u32], map: &[u32]) {
    if is_identity(map) {
        into.extend_from_slice(from);
    } else {
        into.extend(
            from.iter()
                .map(|&h| map.get(h as usize).copied().unwrap_or(h)),
        );
    }
}

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
    #[must_use]
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
    #[must_use]
    pub const fn get(self) -> u32 {
        self.0
    }

    /// The 1-based number people read (`requirement 1` is index 0), as in an obligation's
    /// reference.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::RequirementIndex;
    ///
    /// assert_eq!(RequirementIndex::new(0).number(), 1);
    /// assert_eq!(RequirementIndex::from_number(1), Some(RequirementIndex::new(0)));
    /// assert_eq!(RequirementIndex::from_number(0), None);
    /// ```
    #[must_use]
    pub const fn number(self) -> u64 {
        self.0 as u64 + 1
    }

    /// The index of the 1-based requirement `number`, or `None` for 0 or a number too
    /// large.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::RequirementIndex;
    ///
    /// assert_eq!(RequirementIndex::from_number(3).map(|r| r.get()), Some(2));
    /// ```
    #[must_use]
    pub const fn from_number(number: u64) -> Option<RequirementIndex> {
        if number == 0 || number > u32::MAX as u64 {
            None
        } else {
            Some(RequirementIndex((number - 1) as u32))
        }
    }
}

/// What identifies an obligation: (directive key, clause, requirement, body, period),
/// written as its *reference*.
///
/// The clause is a task's number or the monitoring clause ([`Clause`]). The body is the
/// one the directive assigned, named by its [`BodyCode`], and stays so when that body
/// ceases to exist and the obligation passes to a successor (see [`Obligation::holder`]):
/// the identity never changes with reorganisations, and two bodies merged into one keep
/// two keys.
///
/// # The reference
///
/// `Display`, `FromStr` and serde use one canonical string, the obligation's reference:
///
/// ```text
/// 1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1
/// └─ symbol ┘ └ issued ┘ │  │ └── body ───┘ └period┘
///                   clause ┘  └ requirement (1-based)
/// ```
///
/// The directive's symbol and issue date are joined by `@`; then, separated by `/`, the
/// clause and the 1-based requirement number joined by `.` (`monitoring.1` for the
/// monitoring clause), the assigned body's code, and the period in its canonical form.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::directive::{DirectiveKey, TaskNumber};
/// use directives::document::DocSymbol;
/// use directives::obligation::{ObligationKey, RequirementIndex};
/// use directives::org::BodyCode;
/// use directives::period::Period;
///
/// let key = ObligationKey::new(
///     DirectiveKey::new(DocSymbol::parse("1470-CV/TU")?, NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?),
///     TaskNumber::new("10")?,
///     RequirementIndex::new(0),
///     BodyCode::new("TH-HU-NGA-SON")?,
///     "2024-H1".parse::<Period>()?,
/// );
/// assert_eq!(key.to_string(), "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1");
/// assert_eq!(key.to_string().parse::<ObligationKey>()?, key);
/// assert_eq!(key.body().as_ref(), "TH-HU-NGA-SON");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObligationKey {
    directive: DirectiveKey,
    clause: Clause,
    requirement: RequirementIndex,
    body: BodyCode,
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
    /// use directives::org::BodyCode;
    /// use directives::period::Period;
    ///
    /// let key = ObligationKey::new(
    ///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?),
    ///     TaskNumber::new("1")?,
    ///     RequirementIndex::new(0),
    ///     BodyCode::new("SYT")?,
    ///     "2024-05".parse::<Period>()?,
    /// );
    /// assert_eq!(key.period().to_string(), "2024-05");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        directive: DirectiveKey,
        clause: impl Into<Clause>,
        requirement: RequirementIndex,
        body: BodyCode,
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
    /// # use directives::obligation::ObligationKey;
    /// let key: ObligationKey = "05/CT-UBND@2024-03-01/1.1/SYT/2024".parse()?;
    /// assert_eq!(key.directive().symbol().to_string(), "05/CT-UBND");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn directive(&self) -> &DirectiveKey {
        &self.directive
    }

    /// The part of the directive: a task's number, or the monitoring clause.
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::directive::Clause;
    /// # use directives::obligation::{ObligationKey};
    /// let key: ObligationKey = "05/CT-UBND@2024-03-01/monitoring.1/SYT/2024".parse()?;
    /// assert_eq!(key.clause(), &Clause::Monitoring);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn clause(&self) -> &Clause {
        &self.clause
    }

    /// The requirement's index within the task's assignment (0-based; its
    /// [number](RequirementIndex::number) in the reference is 1-based).
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::obligation::ObligationKey;
    /// let key: ObligationKey = "05/CT-UBND@2024-03-01/1.3/SYT/2024".parse()?;
    /// assert_eq!(key.requirement().get(), 2);
    /// assert_eq!(key.requirement().number(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn requirement(&self) -> RequirementIndex {
        self.requirement
    }

    /// The code of the body the directive assigned the obligation to.
    ///
    /// This is part of the identity and does not change when the body ceases to exist:
    /// the body that holds the obligation then is [`Obligation::holder`].
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::obligation::ObligationKey;
    /// let key: ObligationKey = "05/CT-UBND@2024-03-01/1.1/SYT/2024".parse()?;
    /// assert_eq!(key.body().as_ref(), "SYT");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn body(&self) -> &BodyCode {
        &self.body
    }

    /// The period.
    ///
    /// # Example
    ///
    /// ```
    /// # use directives::obligation::ObligationKey;
    /// let key: ObligationKey = "05/CT-UBND@2024-03-01/1.1/SYT/2024-Q2".parse()?;
    /// assert_eq!(key.period().to_string(), "2024-Q2");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn period(&self) -> Period {
        self.period
    }
}

impl fmt::Display for ObligationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}@{}/{}.{}/{}/{}",
            self.directive.symbol(),
            self.directive.issued(),
            self.clause.as_str(),
            self.requirement.number(),
            self.body,
            self.period
        )
    }
}

impl std::str::FromStr for ObligationKey {
    type Err = ObligationError;

    /// Parses an obligation's reference (see [`ObligationKey`]).
    ///
    /// # Errors
    ///
    /// [`ObligationError::InvalidReference`] naming the text and what is wrong with it.
    fn from_str(text: &str) -> Result<ObligationKey, ObligationError> {
        let bad = |reason: &'static str| ObligationError::InvalidReference {
            text: crate::text::quote(text),
            reason,
        };
        let (symbol, rest) = text
            .rsplit_once('@')
            .ok_or_else(|| bad("expected `symbol@issued/clause.requirement/body/period`"))?;
        let mut parts = rest.split('/');
        let (Some(issued), Some(place), Some(body), Some(period), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(bad(
                "expected `symbol@issued/clause.requirement/body/period`",
            ));
        };
        let symbol = crate::document::DocSymbol::parse(symbol)
            .map_err(|_| bad("the directive's symbol is not valid"))?;
        let issued = crate::text::strict_date(issued)
            .ok_or_else(|| bad("the issue date is not a `YYYY-MM-DD` date"))?;
        let (clause, number) = place
            .rsplit_once('.')
            .ok_or_else(|| bad("expected `clause.requirement`, such as `10.1`"))?;
        let clause: Clause = clause
            .parse()
            .map_err(|_| bad("the clause is neither a task number nor `monitoring`"))?;
        let requirement = number
            .parse::<u64>()
            .ok()
            .filter(|_| number.bytes().all(|b| b.is_ascii_digit()))
            .and_then(RequirementIndex::from_number)
            .ok_or_else(|| bad("the requirement number is not a number from 1"))?;
        let body = BodyCode::new(body).map_err(|_| bad("the body code is not valid"))?;
        let period: Period = period
            .parse()
            .map_err(|_| bad("the period is not a canonical period"))?;
        Ok(ObligationKey::new(
            DirectiveKey::new(symbol, issued),
            clause,
            requirement,
            body,
            period,
        ))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ObligationKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ObligationKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An indicator's target: a finite number (NaN and infinities are refused).
///
/// An indicator obligation is *met* when the value reported reaches the target (is at
/// least the target), *missed* when it falls short. Reading "reaches" as "at least" is
/// this crate's assumption, as directives state targets to reach ("5 models", "80%"); a
/// target to stay under is not modelled.
///
/// # Example
///
/// ```
/// use directives::obligation::Target;
///
/// let target = Target::new(80.0)?;
/// assert_eq!(target.get(), 80.0);
/// assert!(target.is_met_by(80.0));
/// assert!(!target.is_met_by(62.0));
/// assert!(Target::new(f64::NAN).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Target(
    // INVARIANT (finite): finite, and `0.0` for zero; upheld by `Target::new`.
    f64,
);

impl Target {
    /// The target `value`.
    ///
    /// # Errors
    ///
    /// [`ObligationError::NonFiniteTarget`] for NaN or an infinity.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Target;
    ///
    /// assert!(Target::new(f64::INFINITY).is_err());
    /// ```
    pub fn new(value: f64) -> Result<Target, ObligationError> {
        if value.is_finite() {
            // INVARIANT (finite): `-0.0` becomes `0.0`, so equal targets have equal bits.
            Ok(Target(if value == 0.0 { 0.0 } else { value }))
        } else {
            Err(ObligationError::NonFiniteTarget)
        }
    }

    /// The value.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Target;
    ///
    /// assert_eq!(Target::new(5.0)?.get(), 5.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn get(self) -> f64 {
        self.0
    }

    /// Whether a reported value meets the target (is at least the target).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Target;
    ///
    /// assert!(Target::new(5.0)?.is_met_by(6.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_met_by(self, value: f64) -> bool {
        value >= self.0
    }
}

impl Eq for Target {}

impl std::hash::Hash for Target {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // INVARIANT (finite): equal targets have equal bits.
        self.0.to_bits().hash(state);
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Target {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Target::new(value).map_err(serde::de::Error::custom)
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
/// use directives::org::BodyCode;
///
/// let key = ObligationKey::new(
///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?),
///     TaskNumber::new("1")?,
///     RequirementIndex::new(0),
///     BodyCode::new("B9")?,
///     "2025-Q3".parse::<Period>()?,
/// );
/// let due = NaiveDate::from_ymd_opt(2025, 9, 20).ok_or("date")?;
/// let obligation = Obligation::new(key, due).held_by(BodyCode::new("B4")?);
/// assert_eq!(obligation.key().body().as_ref(), "B9");
/// assert_eq!(obligation.holder().as_ref(), "B4");
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
    #[cfg_attr(feature = "serde", serde(with = "strict_date"))]
    due: NaiveDate,
    /// The successor holding the obligation, when it is not the key's body.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    holder: Option<BodyCode>,
    #[cfg_attr(feature = "serde", serde(default))]
    applicability: Applicability,
    #[cfg_attr(feature = "serde", serde(default = "lead"))]
    role: Role,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    target: Option<Target>,
}

/// The default role of an obligation read from a file.
#[cfg(feature = "serde")]
fn lead() -> Role {
    Role::Lead
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
    /// # use directives::org::BodyCode;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyCode::new("B9")?, "2025".parse::<Period>()?);
    /// let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// let obligation = Obligation::new(key, due);
    /// assert_eq!(obligation.due_date(), due);
    /// assert_eq!(obligation.holder().as_ref(), "B9");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(key: ObligationKey, due: NaiveDate) -> Obligation {
        Obligation {
            key,
            due,
            holder: None,
            applicability: Applicability::Applies,
            role: Role::Lead,
            target: None,
        }
    }

    /// The same obligation, an indicator with this target.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::obligation::{Obligation, Target};
    ///
    /// let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// let obligation = Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025".parse()?, due)
    ///     .with_target(Target::new(80.0)?);
    /// assert_eq!(obligation.target().map(Target::get), Some(80.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_target(mut self, target: Target) -> Obligation {
        self.target = Some(target);
        self
    }

    /// The indicator's target, for an indicator obligation that states one.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::obligation::Obligation;
    ///
    /// let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// assert_eq!(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025".parse()?, due).target(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn target(&self) -> Option<Target> {
        self.target
    }

    /// The same obligation, owed in this assignment role (the default is
    /// [`Role::Lead`]).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::Role;
    /// use directives::obligation::Obligation;
    ///
    /// let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// let obligation = Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025".parse()?, due);
    /// assert_eq!(obligation.role(), Role::Lead);
    /// assert_eq!(obligation.with_role(Role::Implement).role(), Role::Implement);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_role(mut self, role: Role) -> Obligation {
        self.role = role;
        self
    }

    /// The assignment role the obligation is owed in: lead (chủ trì), implement (thực
    /// hiện), and so on.
    ///
    /// # Example
    ///
    /// See [`Obligation::with_role`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::Role;
    /// use directives::obligation::Obligation;
    ///
    /// let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// assert_eq!(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025".parse()?, due).role(), Role::Lead);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn role(&self) -> Role {
        self.role
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
    /// # use directives::org::BodyCode;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyCode::new("B9")?, "2025".parse::<Period>()?);
    /// # let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// let passed = Obligation::new(key.clone(), due).held_by(BodyCode::new("B2")?);
    /// assert_eq!(passed.holder().as_ref(), "B2");
    /// assert_eq!(passed.key(), &key);
    /// let same = Obligation::new(key.clone(), due).held_by(BodyCode::new("B9")?);
    /// assert_eq!(same, Obligation::new(key, due));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn held_by(mut self, holder: BodyCode) -> Obligation {
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
    /// # use directives::org::BodyCode;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyCode::new("B9")?, "2025".parse::<Period>()?);
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
    /// # use directives::org::BodyCode;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyCode::new("B9")?, "2025".parse::<Period>()?);
    /// # let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// assert_eq!(Obligation::new(key.clone(), due).key(), &key);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
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
    /// # use directives::org::BodyCode;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyCode::new("B9")?, "2025".parse::<Period>()?);
    /// let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// assert_eq!(Obligation::new(key, due).due_date(), due);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
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
    /// # use directives::org::BodyCode;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyCode::new("B9")?, "2025".parse::<Period>()?);
    /// # let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// assert_eq!(Obligation::new(key, due).holder().as_ref(), "B9");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn holder(&self) -> &BodyCode {
        self.holder.as_ref().unwrap_or(&self.key.body)
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
    /// # use directives::org::BodyCode;
    /// # let key = ObligationKey::new(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?), TaskNumber::new("1")?, RequirementIndex::new(0), BodyCode::new("B9")?, "2025".parse::<Period>()?);
    /// # let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// assert_eq!(Obligation::new(key, due).applicability(), Applicability::Applies);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
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
///
/// It has no text or serde form: what people and files read names an obligation by its
/// reference ([`ObligationKey`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    #[must_use]
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
    #[must_use]
    pub const fn index(self) -> u32 {
        self.0
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
/// use directives::org::BodyCode;
///
/// let mut store = Obligations::new();
/// let row = ObligationRow {
///     directive: store.add_directive(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?))?,
///     clause: store.add_clause(TaskNumber::new("1")?)?,
///     requirement: RequirementIndex::new(0),
///     body: store.add_body(BodyCode::new("SYT")?)?,
///     period: store.add_period("2024-05".parse::<Period>()?)?,
///     due: NaiveDate::from_ymd_opt(2024, 6, 20).ok_or("date")?,
/// };
/// let id = store.insert(row)?;
/// assert_eq!(store.holder_code(id).map(|c| c.as_ref()), Some("SYT"));
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
    /// The body the directive assigned, which also holds the obligation: a dense id the
    /// store knows the code of ([`Obligations::add_body`], [`Obligations::bind_body`]).
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

/// What a store knows of a body it refers to: its code, and, when the expansion copied
/// them from a registry, its name and the day it ceased to exist.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BodyEntry {
    code: BodyCode,
    name: Option<String>,
    ceased: Option<NaiveDate>,
}

/// The bodies a store refers to, by dense id and by code.
#[derive(Debug, Clone, Default)]
struct BodyTable {
    // INVARIANT (body-table): `by_code` maps each entry's code to its id, and back.
    entries: Vec<Option<BodyEntry>>,
    by_code: HashMap<BodyCode, BodyId>,
}

impl BodyTable {
    fn entry(&self, id: BodyId) -> Option<&BodyEntry> {
        self.entries.get(id.index() as usize)?.as_ref()
    }

    fn knows(&self, id: BodyId) -> bool {
        self.entry(id).is_some()
    }

    fn code(&self, id: BodyId) -> Option<&BodyCode> {
        self.entry(id).map(|e| &e.code)
    }

    fn id(&self, code: &str) -> Option<BodyId> {
        self.by_code.get(code).copied()
    }

    /// Binds `id` to `code`: the same pair again is a no-op.
    fn bind(&mut self, id: BodyId, code: BodyCode) -> Result<(), ObligationError> {
        let conflict = || ObligationError::BodyConflict { code: code.clone() };
        match (self.entry(id), self.by_code.get(&code)) {
            (Some(entry), _) if entry.code == code => return Ok(()),
            (Some(_), _) | (None, Some(_)) => return Err(conflict()),
            (None, None) => {}
        }
        let i = id.index() as usize;
        if i == u32::MAX as usize {
            return Err(ObligationError::TooMany);
        }
        if self.entries.len() <= i {
            self.entries.resize(i + 1, None);
        }
        if let Some(slot) = self.entries.get_mut(i) {
            *slot = Some(BodyEntry {
                code: code.clone(),
                name: None,
                ceased: None,
            });
        }
        // INVARIANT (body-table): both directions are written together.
        self.by_code.insert(code, id);
        Ok(())
    }

    /// The id of `code`, adding it at the next free id when it is new.
    fn add(&mut self, code: BodyCode) -> Result<BodyId, ObligationError> {
        if let Some(id) = self.id(code.as_ref()) {
            return Ok(id);
        }
        let id = u32::try_from(self.entries.len())
            .ok()
            .filter(|&i| i < u32::MAX)
            .ok_or(ObligationError::TooMany)?;
        self.bind(BodyId::from_index(id), code)?;
        Ok(BodyId::from_index(id))
    }

    fn describe(&mut self, id: BodyId, name: Option<String>, ceased: Option<NaiveDate>) {
        if let Some(Some(entry)) = self.entries.get_mut(id.index() as usize) {
            if name.is_some() {
                entry.name = name;
            }
            if ceased.is_some() {
                entry.ceased = ceased;
            }
        }
    }
}

/// A compact, columnar store of obligations.
///
/// Each obligation occupies one row of fixed-size columns (directive, clause, requirement,
/// holder, period, due date as a day number, assigned body where it is not the holder,
/// flags: 26 bytes); directive keys, clauses and periods are stored once. Rows are never
/// removed, so an [`ObligationId`] stays valid for the store's life.
///
/// The store is self-contained: it keeps the code of every body it refers to (and, for an
/// expansion, the body's name and the day it ceased, copied from the registry), so it
/// renders, serialises and parses obligation references without a registry. Bodies are
/// held in the columns by dense [`BodyId`]s for speed: the expansion uses the registry's
/// ids, and a hand-built key's body code gets the next free id ([`add_body`]). Ids never
/// appear in what the store writes.
///
/// [`add_body`]: Obligations::add_body
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
/// use directives::org::BodyCode;
///
/// let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
/// let mut store = Obligations::new();
/// for month in 1..=3 {
///     let key = ObligationKey::new(
///         directive.clone(),
///         TaskNumber::new("1")?,
///         RequirementIndex::new(0),
///         BodyCode::new("SYT")?,
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
    // INVARIANT (period starts): the day number of each period's first day, by handle;
    // upheld by `add_period`, the only place that adds periods.
    period_start: Vec<i32>,
    // INVARIANT (bodies): every body id in the holder and assigned columns has an entry.
    bodies: BodyTable,
    // INVARIANT (targets): sorted by row, each row at most once; rows only grow, and
    // targets are pushed right after their row.
    targets: Vec<(u32, Target)>,
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
    // INVARIANT (start after due): the largest (period's first day − due day) of any row,
    // `None` while the store is empty; upheld by `insert_with`.
    start_after_due: Option<i32>,
    // INVARIANT (index): once built, maps the key of every row to the first row with that
    // key; upheld by `insert_with`, which adds each new row to a built index.
    index: OnceLock<KeyIndex>,
}

/// A row's key by handles: directive, clause, requirement, assigned body, period.
pub(crate) type RowKey = [u32; 5];

/// The hash of a row's key: five multiply-and-fold rounds, so that every handle moves
/// every bit of the result.
fn key_hash(key: &RowKey) -> u64 {
    let mut h: u64 = 0x243F_6A88_85A3_08D3;
    for &w in key {
        h = (h ^ u64::from(w)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
    }
    h.wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

/// Where a word's probe starts: the word mixed (splitmix64's finaliser), so that packed
/// keys, whose low bits are the period, spread over the table.
fn slot_hash(word: u64) -> u64 {
    let mut z = (word ^ (word >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// How the key index turns a key into the word its slot holds.
///
/// When the handles of the keys fit in 64 bits together, each handle takes its own
/// bits and the word *is* the key: equal words mean equal keys, and a look-up reads no
/// column. Otherwise the word is the key's hash, and a slot whose word matches is
/// verified against the row's key in the columns.
#[derive(Debug, Clone, Copy, Default)]
struct Packing {
    /// The bits of each handle, in key order, when the word is the key.
    widths: Option<[u32; 5]>,
}

impl Packing {
    /// The packing for keys whose handles are at most `max`: each handle with one bit to
    /// spare where they fit so, so that a growing store re-packs its index only when a
    /// handle doubles; else with none; else hashed.
    fn for_max(max: &RowKey) -> Packing {
        let bits = |m: u32| 32 - m.leading_zeros();
        for spare in [1, 0] {
            let widths = max.map(|m| bits(m) + spare);
            if widths.iter().sum::<u32>() <= 64 {
                return Packing {
                    widths: Some(widths),
                };
            }
        }
        Packing { widths: None }
    }

    /// Whether equal words mean equal keys.
    fn exact(self) -> bool {
        self.widths.is_some()
    }

    /// The word of a key: its handles side by side, or its hash; `None` when a handle
    /// does not fit its bits (no key held by the index has such a handle).
    fn word(self, key: &RowKey) -> Option<u64> {
        let Some(widths) = self.widths else {
            return Some(key_hash(key));
        };
        let mut word = 0u64;
        for (&handle, &width) in key.iter().zip(&widths) {
            let handle = u64::from(handle);
            if handle >> width != 0 {
                return None;
            }
            // The widths add up to at most 64: no bit is shifted out.
            word = (word << width) | handle;
        }
        Some(word)
    }
}

/// A slot of the key index: the word's low and high halves and the row plus one (0:
/// empty).
type Slot = [u32; 3];

/// The word a slot holds.
fn slot_word(slot: &Slot) -> u64 {
    u64::from(slot[0]) | (u64::from(slot[1]) << 32)
}

/// The key index of a store: a flat open-addressing table (linear probing) from the word
/// of a row's key ([`Packing`]) to the row.
///
/// Each slot is 12 bytes: the word and the row plus one (0: empty). The table holds at
/// most three slots in four, so it takes 16 to 32 bytes a row, and a look-up reads one or
/// two slots. When the word is the key (the handles fit in 64 bits together, as they do
/// for any store of fewer than a few billion rows with few directives), that is all; else
/// a row's key is read from the columns when its word matches.
#[derive(Debug, Clone, Default)]
struct KeyIndex {
    // INVARIANT (key-index): `slots.len()` is 0 or a power of two and more than
    // `4 * len / 3`; a slot is empty or holds the word of the key of its row under
    // `packing`, in the probe run that starts at `slot_hash(word)`; every key of the
    // indexed rows has a word under `packing` and is held once, for its first row.
    // Upheld by `build`, `insert` and `grow`.
    slots: Vec<Slot>,
    len: usize,
    packing: Packing,
    // INVARIANT (repeats): true once a row was offered whose key a held row has; upheld by
    // `insert`.
    repeats: bool,
}

impl KeyIndex {
    /// An index of every row of a store, through `key_at` (the key of a row).
    fn build(len: usize, key_at: &dyn Fn(u32) -> Option<RowKey>) -> KeyIndex {
        let rows = (0..len).zip(0u32..).map(|(_, r)| r);
        let mut max: RowKey = [0; 5];
        for row in rows.clone() {
            if let Some(key) = key_at(row) {
                for (m, k) in max.iter_mut().zip(key) {
                    *m = (*m).max(k);
                }
            }
        }
        let mut index = KeyIndex {
            slots: vec![[0; 3]; KeyIndex::size_for(len)],
            len: 0,
            packing: Packing::for_max(&max),
            repeats: false,
        };
        for row in rows {
            if let Some(key) = key_at(row) {
                index.insert(&key, row, key_at);
            }
        }
        index
    }

    /// The number of slots for `rows` keys: a power of two above `4 * rows / 3`.
    fn size_for(rows: usize) -> usize {
        (rows.saturating_mul(4) / 3 + 1).max(16).next_power_of_two()
    }

    /// The first row with this key, checked through `key_at` when words are hashes.
    fn get(&self, key: &RowKey, key_at: impl Fn(u32) -> Option<RowKey>) -> Option<u32> {
        let word = self.packing.word(key)?;
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = slot_hash(word) as usize & mask;
        loop {
            let slot = self.slots.get(i)?;
            if slot[2] == 0 {
                return None;
            }
            if slot_word(slot) == word {
                let row = slot[2].wrapping_sub(1);
                if self.packing.exact() || key_at(row).as_ref() == Some(key) {
                    return Some(row);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The word of a key and the slot where its probe starts (empty when the table is);
    /// `None` when no held key has that key's handles.
    #[cfg(feature = "csv")]
    fn first_slot(&self, key: &RowKey) -> Option<(u64, Slot)> {
        let word = self.packing.word(key)?;
        let mask = self.slots.len().wrapping_sub(1);
        let slot = self.slots.get(slot_hash(word) as usize & mask).copied();
        Some((word, slot.unwrap_or([0; 3])))
    }

    /// Adds `row` under `key`, unless a row with the key is already held. The rows before
    /// `row` are the indexed ones: when a handle of `key` is too wide for the packing, the
    /// index is built again over rows `0..=row`.
    fn insert(&mut self, key: &RowKey, row: u32, key_at: impl Fn(u32) -> Option<RowKey>) {
        let Some(word) = self.packing.word(key) else {
            // Amortised: a handle must double past the last packing's spare bit.
            *self = KeyIndex::build(row as usize + 1, &key_at);
            return;
        };
        if (self.len + 1) * 4 >= self.slots.len() * 3 {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = slot_hash(word) as usize & mask;
        loop {
            let Some(slot) = self.slots.get_mut(i) else {
                return;
            };
            if slot[2] == 0 {
                // INVARIANT (key-index): a new key, in the first free slot of its run.
                *slot = [word as u32, (word >> 32) as u32, row.wrapping_add(1)];
                self.len += 1;
                return;
            }
            if slot_word(slot) == word {
                let held = slot[2].wrapping_sub(1);
                if self.packing.exact() || key_at(held).as_ref() == Some(key) {
                    self.repeats = true;
                    return;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table, placing each slot again by its word (no key is read).
    fn grow(&mut self) {
        let size = KeyIndex::size_for(self.len + 1).max(self.slots.len() * 2);
        let old = std::mem::replace(&mut self.slots, vec![[0; 3]; size]);
        let mask = size - 1;
        for slot in old.into_iter().filter(|s| s[2] != 0) {
            let mut i = slot_hash(slot_word(&slot)) as usize & mask;
            while let Some(held) = self.slots.get_mut(i) {
                if held[2] == 0 {
                    *held = slot;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
    }

    /// The bytes the table takes.
    fn bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<Slot>()
    }
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
    #[must_use]
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
    #[must_use]
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

    /// Reserves room for at least `additional` more obligations, so that adding them does
    /// not move the store's columns.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    ///
    /// let mut store = Obligations::new();
    /// store.reserve(1000);
    /// assert!(store.is_empty());
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        self.directive.reserve(additional);
        self.clause.reserve(additional);
        self.requirement.reserve(additional);
        self.holder.reserve(additional);
        self.period.reserve(additional);
        self.due.reserve(additional);
        self.assigned.reserve(additional);
        self.flags.reserve(additional);
    }

    /// Stores a directive key once and returns its handle (the same handle for an equal key).
    ///
    /// # Errors
    ///
    /// - [`ObligationError::UnsupportedDate`] when the issue date is outside
    ///   `0001-01-01..=9999-12-31`;
    /// - [`ObligationError::TooMany`] when the table already holds `u32::MAX` keys.
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
        if !crate::text::in_range(key.issued()) {
            return Err(ObligationError::UnsupportedDate { date: key.issued() });
        }
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
    /// use directives::directive::Clause;
    /// use directives::obligation::{Obligations};
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
        let handle = self.periods.add(period)?;
        if handle as usize == self.period_start.len() {
            // INVARIANT (period starts): a new period's first day joins the column.
            self.period_start.push(day_number(period.start()));
        }
        Ok(PeriodRef(handle))
    }

    /// The dense id of a body code in this store, adding the code at the next free id
    /// when the store does not know it yet.
    ///
    /// # Errors
    ///
    /// [`ObligationError::TooMany`] when no id is free.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    /// use directives::org::BodyCode;
    ///
    /// let mut store = Obligations::new();
    /// let a = store.add_body(BodyCode::new("SYT")?)?;
    /// assert_eq!(store.add_body(BodyCode::new("SYT")?)?, a);
    /// assert_eq!(store.body_code(a).map(|c| c.as_ref()), Some("SYT"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_body(&mut self, code: BodyCode) -> Result<BodyId, ObligationError> {
        self.bodies.add(code)
    }

    /// Binds a dense id (such as a registry's [`BodyId`]) to a body code, so that rows
    /// inserted by handle can use it. Binding the same pair again does nothing.
    ///
    /// # Errors
    ///
    /// [`ObligationError::BodyConflict`] when the id is bound to another code or the code
    /// to another id.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::{ObligationError, Obligations};
    /// use directives::org::{BodyCode, BodyId};
    ///
    /// let mut store = Obligations::new();
    /// store.bind_body(BodyId::from_index(7), BodyCode::new("SYT")?)?;
    /// assert_eq!(store.body_id("SYT"), Some(BodyId::from_index(7)));
    /// let clash = store.bind_body(BodyId::from_index(7), BodyCode::new("STC")?);
    /// assert_eq!(clash.unwrap_err().to_string(), "body `STC` conflicts with a body already in the store");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bind_body(&mut self, id: BodyId, code: BodyCode) -> Result<(), ObligationError> {
        self.bodies.bind(id, code)
    }

    /// The code of a body the store refers to.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    /// use directives::org::BodyId;
    ///
    /// assert_eq!(Obligations::new().body_code(BodyId::from_index(0)), None);
    /// ```
    pub fn body_code(&self, id: BodyId) -> Option<&BodyCode> {
        self.bodies.code(id)
    }

    /// The dense id of a body code, if the store refers to that body.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    ///
    /// assert_eq!(Obligations::new().body_id("SYT"), None);
    /// ```
    pub fn body_id(&self, code: &str) -> Option<BodyId> {
        self.bodies.id(code)
    }

    /// The name of a body, when the store has one (the expansion copies it from the
    /// registry: the name on the obligation's due date).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    /// use directives::org::BodyId;
    ///
    /// assert_eq!(Obligations::new().body_name(BodyId::from_index(0)), None);
    /// ```
    pub fn body_name(&self, id: BodyId) -> Option<&str> {
        self.bodies.entry(id)?.name.as_deref()
    }

    /// The first day a body no longer existed, when the store knows it (the expansion
    /// copies it from the registry for bodies whose obligations passed to a successor).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::Obligations;
    /// use directives::org::BodyId;
    ///
    /// assert_eq!(Obligations::new().body_ceased(BodyId::from_index(0)), None);
    /// ```
    pub fn body_ceased(&self, id: BodyId) -> Option<NaiveDate> {
        self.bodies.entry(id)?.ceased
    }

    /// Records what the store knows of a body beyond its code.
    pub(crate) fn describe_body(
        &mut self,
        id: BodyId,
        name: Option<String>,
        ceased: Option<NaiveDate>,
    ) {
        self.bodies.describe(id, name, ceased);
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
    /// - [`ObligationError::UnknownHandle`] when a handle was not issued by this store or
    ///   the store does not know the body's code;
    /// - [`ObligationError::UnsupportedDate`] when the due date is outside
    ///   `0001-01-01..=9999-12-31`;
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
    /// use directives::org::BodyCode;
    ///
    /// let mut store = Obligations::new();
    /// let mut other = Obligations::new();
    /// let row = ObligationRow {
    ///     directive: other.add_directive(DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?))?,
    ///     clause: other.add_clause(TaskNumber::new("1")?)?,
    ///     requirement: RequirementIndex::new(0),
    ///     body: other.add_body(BodyCode::new("SYT")?)?,
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
        // The checks return early and build their error only when they fail: this is the
        // hot path of every bulk load.
        if !crate::text::in_range(row.due) {
            return Err(ObligationError::UnsupportedDate { date: row.due });
        }
        let Some(&period_start) = self.period_start.get(row.period.0 as usize) else {
            return Err(ObligationError::UnknownHandle);
        };
        if row.directive.0 as usize >= self.directives.values.len()
            || row.clause.0 as usize >= self.clauses.values.len()
            || !self.bodies.knows(row.body)
            || (holder != row.body && !self.bodies.knows(holder))
        {
            return Err(ObligationError::UnknownHandle);
        }
        let Some(id) = u32::try_from(self.due.len())
            .ok()
            .filter(|&id| id < u32::MAX)
        else {
            return Err(ObligationError::TooMany);
        };
        // INVARIANT (columns): every column is pushed exactly once here.
        self.directive.push(row.directive.0);
        self.clause.push(row.clause.0);
        self.requirement.push(row.requirement.0);
        self.holder.push(holder);
        self.period.push(row.period.0);
        let due = day_number(row.due);
        self.due.push(due);
        // INVARIANT (start after due): the new row's gap joins the maximum.
        let gap = period_start.saturating_sub(due);
        self.start_after_due = Some(self.start_after_due.map_or(gap, |max| max.max(gap)));
        self.assigned.push(if holder == row.body {
            NO_BODY
        } else {
            row.body.index()
        });
        self.flags.push(flags);
        // INVARIANT (index): a built index learns the new row.
        if let Some(mut index) = self.index.take() {
            index.insert(&row_key(&row), id, |r| self.row_key_at(r as usize));
            self.index = OnceLock::from(index);
        }
        Ok(ObligationId(id))
    }

    /// Adds an obligation and returns its id.
    ///
    /// # Errors
    ///
    /// - [`ObligationError::DuplicateKey`] when the store already holds an obligation with
    ///   this key (whoever holds it);
    /// - [`ObligationError::UnsupportedDate`] when the due date or the directive's issue
    ///   date is outside `0001-01-01..=9999-12-31`;
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
    /// use directives::org::BodyCode;
    ///
    /// let key = ObligationKey::new(
    ///     DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?),
    ///     TaskNumber::new("1")?,
    ///     RequirementIndex::new(0),
    ///     BodyCode::new("SYT")?,
    ///     "2024".parse::<Period>()?,
    /// );
    /// let due = NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?;
    /// let mut store = Obligations::new();
    /// let id = store.push(Obligation::new(key.clone(), due))?;
    /// assert_eq!(id.index(), 0);
    /// // The same key again, even held by another body, is refused.
    /// let again = store.push(Obligation::new(key, due).held_by(BodyCode::new("STC")?));
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
            role,
            target,
        } = obligation;
        let body = self.add_body(key.body.clone())?;
        let holder = match holder {
            Some(code) => self.add_body(code)?,
            None => body,
        };
        let row = ObligationRow {
            directive: self.add_directive(key.directive.clone())?,
            clause: self.add_clause(key.clause.clone())?,
            requirement: key.requirement,
            body,
            period: self.add_period(key.period)?,
            due,
        };
        let flags = match applicability {
            Applicability::Applies => 0,
            Applicability::NotApplicable => FLAG_NOT_APPLICABLE,
        } | (role_code(role) << ROLE_SHIFT);
        if self.find_row(row_key(&row)).is_some() {
            return Err(ObligationError::DuplicateKey { key: Box::new(key) });
        }
        let id = self.insert_with(row, holder, flags)?;
        if let Some(target) = target {
            self.targets.push((id.0, target));
        }
        Ok(id)
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
    /// use directives::org::BodyCode;
    ///
    /// let directive = DirectiveKey::new(DocSymbol::parse("05/CT-UBND")?, NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?);
    /// let key = |body: &str| -> Result<ObligationKey, Box<dyn std::error::Error>> {
    ///     Ok(ObligationKey::new(directive.clone(), TaskNumber::new("1")?, RequirementIndex::new(0), BodyCode::new(body)?, "2024".parse::<Period>()?))
    /// };
    /// let due = NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?;
    /// let mut store = Obligations::new();
    /// // HU-A had ceased to exist; HU-B holds its obligation. The key names HU-A.
    /// let id = store.push(Obligation::new(key("HU-A")?, due).held_by(BodyCode::new("HU-B")?))?;
    /// assert_eq!(store.find(&key("HU-A")?), Some(id));
    /// assert_eq!(store.find(&key("HU-B")?), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find(&self, key: &ObligationKey) -> Option<ObligationId> {
        let row = [
            *self.directives.index.get(&key.directive)?,
            *self.clauses.index.get(&key.clause)?,
            key.requirement.0,
            self.bodies.id(key.body.as_ref())?.index(),
            *self.periods.index.get(&key.period)?,
        ];
        self.find_row(row)
    }

    /// The obligation whose key has these handles.
    pub(crate) fn find_row(&self, key: RowKey) -> Option<ObligationId> {
        self.index()
            .get(&key, |r| self.row_key_at(r as usize))
            .map(ObligationId)
    }

    /// The obligation whose key has these handles, trying the rows `near` and `near + 1`
    /// first: a log in obligation order finds most rows there without a probe of the index.
    /// A near row is the answer only when no key repeats in the store, so the answer is
    /// always the first row with the key, as from [`find_row`](Obligations::find_row).
    pub(crate) fn find_row_near(&self, key: RowKey, near: Option<u32>) -> Option<ObligationId> {
        let index = self.index();
        if let Some(near) = near.filter(|_| !index.repeats) {
            for row in [near, near.wrapping_add(1)] {
                if self.row_key_at(row as usize) == Some(key) {
                    return Some(ObligationId(row));
                }
            }
        }
        index
            .get(&key, |r| self.row_key_at(r as usize))
            .map(ObligationId)
    }

    /// The obligations whose keys have these handles, in order, into `found` (cleared
    /// first): as [`find_row_near`](Obligations::find_row_near) for each key, `near`
    /// carrying the last row found from one call to the next. Keys that follow the last
    /// row found in store order are answered there; the others are probed in groups whose
    /// memory reads overlap, so that a log in any order pays about one memory latency per
    /// group rather than two per key.
    #[cfg(feature = "csv")]
    pub(crate) fn find_rows(
        &self,
        keys: &[RowKey],
        near: &mut Option<u32>,
        found: &mut Vec<Option<ObligationId>>,
    ) {
        /// The keys probed together.
        const GROUP: usize = 16;
        let index = self.index();
        found.clear();
        let mut misses: Vec<usize> = Vec::new();
        let mut last = near.filter(|_| !index.repeats);
        for (i, key) in keys.iter().enumerate() {
            let hit = last.and_then(|row| {
                [row, row.wrapping_add(1)]
                    .into_iter()
                    .find(|&r| self.row_key_at(r as usize).as_ref() == Some(key))
            });
            found.push(hit.map(ObligationId));
            if hit.is_none() {
                misses.push(i);
            }
            // After a miss the next key's neighbour is not known before the probe.
            last = hit;
        }
        let key_at = |r: u32| self.row_key_at(r as usize);
        let exact = index.packing.exact();
        for group in misses.chunks(GROUP) {
            // First every group's first slot, then (only where words are hashes) every
            // candidate row's key: the reads of one pass do not wait on each other.
            let mut first = [None; GROUP];
            for (slot, &i) in first.iter_mut().zip(group) {
                if let Some(key) = keys.get(i) {
                    *slot = index.first_slot(key);
                }
            }
            for (&first, &i) in first.iter().zip(group) {
                let (Some(key), Some(answer)) = (keys.get(i), found.get_mut(i)) else {
                    continue;
                };
                *answer = match first {
                    None => None,
                    Some((_, slot)) if slot[2] == 0 => None,
                    Some((word, slot))
                        if slot_word(&slot) == word
                            && (exact || key_at(slot[2].wrapping_sub(1)).as_ref() == Some(key)) =>
                    {
                        Some(ObligationId(slot[2].wrapping_sub(1)))
                    }
                    Some(_) => index.get(key, key_at).map(ObligationId),
                };
            }
        }
        if let Some(&answer) = found.last() {
            *near = answer.map(ObligationId::index);
        }
    }

    /// The handle of a directive key, if the store holds it.
    pub(crate) fn directive_handle(&self, key: &DirectiveKey) -> Option<u32> {
        self.directives.index.get(key).copied()
    }

    /// The handle of a clause, if the store holds it.
    pub(crate) fn clause_handle(&self, clause: &Clause) -> Option<u32> {
        self.clauses.index.get(clause).copied()
    }

    /// The handle of a period, if the store holds it.
    pub(crate) fn period_handle(&self, period: &Period) -> Option<u32> {
        self.periods.index.get(period).copied()
    }

    /// Every row with its key by handles, in order.
    pub(crate) fn row_keys(&self) -> impl Iterator<Item = (u32, RowKey)> + '_ {
        (0..self.due.len())
            .zip(0u32..)
            .filter_map(|(row, id)| Some((id, self.row_key_at(row)?)))
    }

    /// The bytes the key index takes (0 until the first look-up builds it).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut store = Obligations::new();
    /// assert_eq!(store.key_index_bytes(), 0);
    /// store.push(Obligation::new("05/CT-UBND@2024-03-01/1.1/SYT/2024".parse()?, NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?))?;
    /// assert_eq!(store.key_index_bytes(), 16 * 12);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn key_index_bytes(&self) -> usize {
        self.index.get().map_or(0, KeyIndex::bytes)
    }

    /// The key index, built on first use.
    fn index(&self) -> &KeyIndex {
        self.index
            .get_or_init(|| KeyIndex::build(self.due.len(), &|r| self.row_key_at(r as usize)))
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
        let key = self.key(id)?;
        let holder = *self.holder.get(i)?;
        let assigned = *self.assigned.get(i)?;
        let flags = *self.flags.get(i)?;
        let not_applicable = flags & FLAG_NOT_APPLICABLE != 0;
        Some(Obligation {
            role: role_of(flags),
            target: self.target(id),
            key,
            due: from_day_number(*self.due.get(i)?)?,
            holder: match assigned {
                NO_BODY => None,
                _ => Some(self.bodies.code(holder)?.clone()),
            },
            applicability: if not_applicable {
                Applicability::NotApplicable
            } else {
                Applicability::Applies
            },
        })
    }

    /// The key of an obligation (its reference), if this store issued the id.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut store = Obligations::new();
    /// let key = "05/CT-UBND@2024-03-01/1.1/SYT/2024".parse()?;
    /// let id = store.push(Obligation::new(key, NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?))?;
    /// assert_eq!(store.key(id).map(|k| k.to_string()).as_deref(), Some("05/CT-UBND@2024-03-01/1.1/SYT/2024"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key(&self, id: ObligationId) -> Option<ObligationKey> {
        let i = id.0 as usize;
        let directive = self
            .directives
            .values
            .get(*self.directive.get(i)? as usize)?;
        let clause = self.clauses.values.get(*self.clause.get(i)? as usize)?;
        let period = self.periods.values.get(*self.period.get(i)? as usize)?;
        let holder = *self.holder.get(i)?;
        let assigned = *self.assigned.get(i)?;
        let body = match assigned {
            NO_BODY => holder,
            _ => BodyId::from_index(assigned),
        };
        Some(ObligationKey::new(
            directive.clone(),
            clause.clone(),
            RequirementIndex(*self.requirement.get(i)?),
            self.bodies.code(body)?.clone(),
            *period,
        ))
    }

    /// The code of the body that holds an obligation, if this store issued the id.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::obligation::{Obligation, Obligations};
    /// use directives::org::BodyCode;
    ///
    /// let mut store = Obligations::new();
    /// let key = "05/CT-UBND@2024-03-01/1.1/HU-A/2024".parse()?;
    /// let due = NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?;
    /// let id = store.push(Obligation::new(key, due).held_by(BodyCode::new("HU-B")?))?;
    /// assert_eq!(store.holder_code(id).map(|c| c.as_ref()), Some("HU-B"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn holder_code(&self, id: ObligationId) -> Option<&BodyCode> {
        self.bodies.code(*self.holder.get(id.0 as usize)?)
    }

    /// The obligation with this reference, as text (see [`ObligationKey`]).
    ///
    /// # Errors
    ///
    /// - [`ObligationError::InvalidReference`] when the text is not a reference;
    /// - [`ObligationError::UnknownReference`] when the store holds no obligation with it.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut store = Obligations::new();
    /// let key = "05/CT-UBND@2024-03-01/1.1/SYT/2024".parse()?;
    /// let id = store.push(Obligation::new(key, NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?))?;
    /// assert_eq!(store.lookup("05/CT-UBND@2024-03-01/1.1/SYT/2024")?, id);
    /// assert_eq!(
    ///     store.lookup("05/CT-UBND@2024-03-01/1.2/SYT/2024").unwrap_err().to_string(),
    ///     "no obligation `05/CT-UBND@2024-03-01/1.2/SYT/2024` in the store",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lookup(&self, reference: &str) -> Result<ObligationId, ObligationError> {
        let key: ObligationKey = reference.parse()?;
        self.find(&key)
            .ok_or_else(|| ObligationError::UnknownReference { key: Box::new(key) })
    }

    /// Adds every obligation of `other` (the obligations of another directive, say) after
    /// this store's, in `other`'s order, and returns the id the first of them gets here:
    /// `other`'s obligation `k` becomes `first + k`. Bodies are matched by code.
    ///
    /// # Errors
    ///
    /// Nothing is added on error:
    /// - [`ObligationError::DuplicateKey`] when a key of `other` is already here, or
    ///   repeats within `other`;
    /// - [`ObligationError::TooMany`] when a table or the store would be full.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::obligation::{Obligation, ObligationError, Obligations};
    ///
    /// let due = NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?;
    /// let mut a = Obligations::new();
    /// a.push(Obligation::new("05/CT-UBND@2024-03-01/1.1/SYT/2024".parse()?, due))?;
    /// let mut b = Obligations::new();
    /// b.push(Obligation::new("12/KH-UBND@2024-04-01/2.1/SYT/2024".parse()?, due))?;
    /// let first = a.merge(&b)?;
    /// assert_eq!(first.index(), 1);
    /// assert_eq!(a.len(), 2);
    /// assert!(matches!(a.merge(&b), Err(ObligationError::DuplicateKey { .. })));
    /// assert_eq!(a.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, other: &Obligations) -> Result<ObligationId, ObligationError> {
        let first = u32::try_from(self.len()).map_err(|_| ObligationError::TooMany)?;
        if u64::from(first) + other.len() as u64 >= u64::from(u32::MAX) {
            return Err(ObligationError::TooMany);
        }
        // Check every key first, so that nothing is added on error.
        let mut seen: std::collections::HashSet<ObligationKey> =
            std::collections::HashSet::with_capacity(other.len());
        for id in other.ids() {
            let key = other.key(id).ok_or(ObligationError::UnknownHandle)?;
            if self.find(&key).is_some() || !seen.insert(key.clone()) {
                return Err(ObligationError::DuplicateKey { key: Box::new(key) });
            }
        }
        drop(seen);
        let mut body_map: HashMap<u32, BodyId> = HashMap::new();
        for (i, entry) in (0u32..).zip(&other.bodies.entries) {
            let Some(entry) = entry else { continue };
            let id = match self.bodies.id(entry.code.as_ref()) {
                Some(id) => id,
                None if !self.bodies.knows(BodyId::from_index(i)) => {
                    self.bodies
                        .bind(BodyId::from_index(i), entry.code.clone())?;
                    BodyId::from_index(i)
                }
                None => self.bodies.add(entry.code.clone())?,
            };
            self.bodies.describe(id, entry.name.clone(), entry.ceased);
            body_map.insert(i, id);
        }
        let body = |b: u32| {
            body_map
                .get(&b)
                .copied()
                .ok_or(ObligationError::UnknownHandle)
        };
        for id in other.ids() {
            let i = id.0 as usize;
            let get =
                |column: &Vec<u32>| column.get(i).copied().ok_or(ObligationError::UnknownHandle);
            let directive = other
                .directives
                .values
                .get(get(&other.directive)? as usize)
                .ok_or(ObligationError::UnknownHandle)?;
            let clause = other
                .clauses
                .values
                .get(get(&other.clause)? as usize)
                .ok_or(ObligationError::UnknownHandle)?;
            let period = other
                .periods
                .values
                .get(get(&other.period)? as usize)
                .ok_or(ObligationError::UnknownHandle)?;
            let holder = body(
                other
                    .holder
                    .get(i)
                    .ok_or(ObligationError::UnknownHandle)?
                    .index(),
            )?;
            let assigned = get(&other.assigned)?;
            let row = ObligationRow {
                directive: self.add_directive(directive.clone())?,
                clause: self.add_clause(clause.clone())?,
                requirement: RequirementIndex(get(&other.requirement)?),
                body: if assigned == NO_BODY {
                    holder
                } else {
                    body(assigned)?
                },
                period: self.add_period(*period)?,
                due: other
                    .due
                    .get(i)
                    .copied()
                    .and_then(from_day_number)
                    .ok_or(ObligationError::UnknownHandle)?,
            };
            let flags = other.flags.get(i).copied().unwrap_or(0);
            let new = self.insert_with(row, holder, flags)?;
            if let Some(target) = other.target(id) {
                self.targets.push((new.0, target));
            }
        }
        Ok(ObligationId(first))
    }

    /// Moves every row of `other` after this store's rows, in `other`'s order, and
    /// returns the id the first of them gets here: `other`'s obligation `k` becomes
    /// `first + k`. Directives, clauses, periods and bodies (by code) are matched with
    /// this store's, and where they already have the same handles the columns are copied
    /// whole.
    ///
    /// This is the bulk form of [`insert`](Obligations::insert): keys are not checked
    /// ([`merge`](Obligations::merge) is the checked form), so a loader that reads one
    /// file in parts on several threads, each into a store of its own, joins them in
    /// file order at the cost of a copy. Should a key repeat,
    /// [`find`](Obligations::find) gives the first obligation with it.
    ///
    /// # Errors
    ///
    /// [`ObligationError::TooMany`] when a table or the store would be full; no row is
    /// added then, though `other`'s directives, clauses, periods and bodies may be.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let due = NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("date")?;
    /// let mut a = Obligations::new();
    /// a.push(Obligation::new("05/CT-UBND@2024-03-01/1.1/SYT/2024".parse()?, due))?;
    /// let mut b = Obligations::new();
    /// b.push(Obligation::new("05/CT-UBND@2024-03-01/1.1/STC/2024".parse()?, due))?;
    /// b.push(Obligation::new("12/KH-UBND@2024-04-01/2.1/SYT/2024".parse()?, due))?;
    /// let first = a.append(b)?;
    /// assert_eq!(first.index(), 1);
    /// assert_eq!(a.len(), 3);
    /// assert_eq!(a.lookup("12/KH-UBND@2024-04-01/2.1/SYT/2024")?.index(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn append(&mut self, other: Obligations) -> Result<ObligationId, ObligationError> {
        let first = u32::try_from(self.len()).map_err(|_| ObligationError::TooMany)?;
        if u64::from(first) + other.len() as u64 >= u64::from(u32::MAX) {
            return Err(ObligationError::TooMany);
        }
        if self.is_empty()
            && self.directives.values.is_empty()
            && self.clauses.values.is_empty()
            && self.periods.values.is_empty()
            && self.bodies.entries.is_empty()
        {
            // Nothing here to match: `other` becomes the store, handles and index kept.
            *self = other;
            return Ok(ObligationId(first));
        }
        let directives = other
            .directives
            .values
            .into_iter()
            .map(|d| self.add_directive(d).map(|r| r.0))
            .collect::<Result<Vec<u32>, _>>()?;
        let clauses = other
            .clauses
            .values
            .into_iter()
            .map(|c| self.add_clause(c).map(|r| r.0))
            .collect::<Result<Vec<u32>, _>>()?;
        let periods = other
            .periods
            .values
            .into_iter()
            .map(|p| self.add_period(p).map(|r| r.0))
            .collect::<Result<Vec<u32>, _>>()?;
        // A body id no row of `other` refers to keeps its number, so that it does not
        // spoil an identity.
        let mut bodies: Vec<u32> = (0u32..).take(other.bodies.entries.len()).collect();
        for ((i, entry), slot) in (0u32..).zip(other.bodies.entries).zip(&mut bodies) {
            let Some(entry) = entry else { continue };
            let id = match self.bodies.id(entry.code.as_ref()) {
                Some(id) => id,
                None if !self.bodies.knows(BodyId::from_index(i)) => {
                    self.bodies.bind(BodyId::from_index(i), entry.code)?;
                    BodyId::from_index(i)
                }
                None => self.bodies.add(entry.code)?,
            };
            self.bodies.describe(id, entry.name, entry.ceased);
            *slot = id.index();
        }
        // INVARIANT (columns): every column grows by `other`'s rows here, each mapped
        // through the tables built above (every handle of `other` has an entry in them).
        append_mapped(&mut self.directive, &other.directive, &directives);
        append_mapped(&mut self.clause, &other.clause, &clauses);
        self.requirement.extend_from_slice(&other.requirement);
        if is_identity(&bodies) {
            self.holder.extend_from_slice(&other.holder);
        } else {
            self.holder.extend(other.holder.iter().map(|h| {
                BodyId::from_index(bodies.get(h.index() as usize).copied().unwrap_or(h.index()))
            }));
        }
        append_mapped(&mut self.period, &other.period, &periods);
        self.due.extend_from_slice(&other.due);
        // `NO_BODY` (the holder is the assigned body) is past the table and stays as it is.
        append_mapped(&mut self.assigned, &other.assigned, &bodies);
        self.flags.extend_from_slice(&other.flags);
        // INVARIANT (targets): `other`'s rows are sorted, and all come after this store's.
        self.targets
            .extend(other.targets.iter().map(|&(row, t)| (row + first, t)));
        // INVARIANT (start after due): a period has the same first day in both stores.
        self.start_after_due = match (self.start_after_due, other.start_after_due) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        // INVARIANT (index): a built index learns the new rows.
        if let Some(mut index) = self.index.take() {
            for row in (first..).take(other.due.len()) {
                if let Some(key) = self.row_key_at(row as usize) {
                    index.insert(&key, row, |r| self.row_key_at(r as usize));
                }
            }
            self.index = OnceLock::from(index);
        }
        Ok(ObligationId(first))
    }

    /// The assignment role an obligation is owed in, if this store issued the id.
    ///
    /// Scorecards split by role with
    /// [`StatusCounts::by_key`](crate::compliance::StatusCounts::by_key):
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{evaluate, EvaluationPolicy, Events, StatusCounts};
    /// use directives::directive::Role;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// let mut store = Obligations::new();
    /// let lead = store.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025".parse()?, due))?;
    /// store.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/STC/2025".parse()?, due).with_role(Role::Implement))?;
    /// assert_eq!(store.role(lead), Some(Role::Lead));
    /// let no_events = Events::new();
    /// let policy = EvaluationPolicy::without_calendar();
    /// let evaluation = evaluate(&store, &no_events, due, &policy)?;
    /// let by_role = StatusCounts::by_key(&evaluation, |id| store.role(id));
    /// assert_eq!(by_role.len(), 2);
    /// assert_eq!(by_role[0].0, Some(Role::Lead));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn role(&self, id: ObligationId) -> Option<Role> {
        self.flags.get(id.0 as usize).map(|&f| role_of(f))
    }

    /// The target of an indicator obligation, if this store issued the id and the
    /// obligation has one.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::obligation::{Obligation, Obligations, Target};
    ///
    /// let due = NaiveDate::from_ymd_opt(2025, 12, 20).ok_or("date")?;
    /// let mut store = Obligations::new();
    /// let id = store.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025".parse()?, due).with_target(Target::new(5.0)?))?;
    /// assert_eq!(store.target(id).map(Target::get), Some(5.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn target(&self, id: ObligationId) -> Option<Target> {
        let k = self
            .targets
            .binary_search_by_key(&id.0, |&(row, _)| row)
            .ok()?;
        self.targets.get(k).map(|&(_, t)| t)
    }

    /// Whether some obligation has an indicator target.
    pub(crate) fn has_targets(&self) -> bool {
        !self.targets.is_empty()
    }

    /// The issue day of each directive, by directive handle.
    pub(crate) fn issued_days(&self) -> Vec<i32> {
        self.directives
            .values
            .iter()
            .map(|d| day_number(d.issued()))
            .collect()
    }

    /// The issue day of the directive of the obligation at this row.
    pub(crate) fn issued_day_at(&self, row: usize) -> Option<i32> {
        let d = *self.directive.get(row)?;
        self.directives
            .values
            .get(d as usize)
            .map(|d| day_number(d.issued()))
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

    /// The largest number of days by which a row's period begins after its due date
    /// (usually negative: a period ends before its report is due), `None` when empty.
    pub(crate) fn start_after_due(&self) -> Option<i32> {
        self.start_after_due
    }

    /// The first day number of each period, by handle.
    pub(crate) fn period_start_days(&self) -> Vec<i32> {
        self.period_start.clone()
    }

    /// The first day of the period of the obligation at this row.
    pub(crate) fn period_start_at(&self, row: usize) -> Option<NaiveDate> {
        let p = *self.period.get(row)?;
        self.periods.values.get(p as usize).map(|p| p.start())
    }

    /// The flag column.
    pub(crate) fn flag_column(&self) -> &[u8] {
        &self.flags
    }

    /// The clause column (handles into [`Obligations::clause_values`]).
    pub(crate) fn clause_column(&self) -> &[u32] {
        &self.clause
    }

    /// The period column (handles into [`Obligations::period_values`]).
    pub(crate) fn period_column(&self) -> &[u32] {
        &self.period
    }

    /// The assigned-body column: the assigned body's index where it is not the holder,
    /// else `u32::MAX`.
    pub(crate) fn assigned_column(&self) -> &[u32] {
        &self.assigned
    }

    /// The directive keys, by handle.
    pub(crate) fn directive_values(&self) -> &[DirectiveKey] {
        &self.directives.values
    }

    /// The clauses, by handle.
    pub(crate) fn clause_values(&self) -> &[Clause] {
        &self.clauses.values
    }

    /// The periods, by handle.
    pub(crate) fn period_values(&self) -> &[Period] {
        &self.periods.values
    }

    /// One more than the largest body id the store knows.
    pub(crate) fn body_slots(&self) -> usize {
        self.bodies.entries.len()
    }

    /// Whether the obligation at this row does not apply.
    #[inline]
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

impl PartialEq for Obligations {
    /// Two stores are equal when they hold the same obligations in the same order (keys,
    /// due dates, holders, applicability) and know the same names and end dates of the
    /// bodies they refer to; the dense ids they give bodies do not matter.
    fn eq(&self, other: &Obligations) -> bool {
        self.len() == other.len()
            && self.ids().all(|id| self.get(id) == other.get(id))
            && self.described_bodies() == other.described_bodies()
    }
}

impl Obligations {
    /// The bodies with a name or an end date, by code, in code order.
    fn described_bodies(&self) -> Vec<StoredBody> {
        let mut bodies: Vec<StoredBody> = self
            .bodies
            .entries
            .iter()
            .flatten()
            .filter(|e| e.name.is_some() || e.ceased.is_some())
            .map(|e| StoredBody {
                code: e.code.clone(),
                name: e.name.clone(),
                ceased: e.ceased,
            })
            .collect();
        bodies.sort_by(|a, b| a.code.cmp(&b.code));
        bodies
    }
}

/// What a store's serialised form says of a body beyond its code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
struct StoredBody {
    code: BodyCode,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    name: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "strict_date::option"
        )
    )]
    ceased: Option<NaiveDate>,
}

/// The serialised form of a store: its obligations (keys as references, bodies by code)
/// and what it knows of its bodies.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
struct ObligationsWire {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    bodies: Vec<StoredBody>,
    #[serde(default)]
    obligations: Vec<Obligation>,
}

/// Serialises as `{ bodies = [...], obligations = [...] }`: every obligation with its
/// reference, due date, holder (by code, when not the assigned body) and applicability,
/// and the names and end dates the store knows. No dense id is written.
#[cfg(feature = "serde")]
impl serde::Serialize for Obligations {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ObligationsWire {
            bodies: self.described_bodies(),
            obligations: self.ids().filter_map(|id| self.get(id)).collect(),
        }
        .serialize(serializer)
    }
}

/// Reads the form [`Obligations`] writes; a repeated key or an unknown field is an error.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Obligations {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = ObligationsWire::deserialize(deserializer)?;
        let mut store = Obligations::with_capacity(wire.obligations.len());
        for obligation in wire.obligations {
            store.push(obligation).map_err(serde::de::Error::custom)?;
        }
        for body in wire.bodies {
            let id = store
                .add_body(body.code)
                .map_err(serde::de::Error::custom)?;
            store.describe_body(id, body.name, body.ceased);
        }
        Ok(store)
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
    // INVARIANT (one per frequency): no two regimes share a frequency; upheld by
    // `regime_for`.
    by_frequency: Vec<crate::regime::ReportingRegime>,
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
    #[must_use]
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

impl ExpansionOptions {
    /// The same options with a regime for the periodic reports without one that state its
    /// frequency (a report "monthly" takes the monthly regime given here); one regime per
    /// frequency, the last given standing. A report that states no frequency takes the
    /// [`default_regime`](ExpansionOptions::default_regime), if any.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::ExpansionOptions;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let options = ExpansionOptions::new()
    ///     .regime_for(ReportingRegime::decree_09_monthly())
    ///     .regime_for(ReportingRegime::decree_09_quarterly());
    /// assert_eq!(options.regime_of(Some(Frequency::Quarterly)), Some(&ReportingRegime::decree_09_quarterly()));
    /// assert_eq!(options.regime_of(None), None);
    /// ```
    #[must_use]
    pub fn regime_for(mut self, regime: crate::regime::ReportingRegime) -> ExpansionOptions {
        // INVARIANT (one per frequency): the old regime of this frequency goes.
        self.by_frequency
            .retain(|r| r.frequency() != regime.frequency());
        self.by_frequency.push(regime);
        self
    }

    /// The regime these options give a periodic report without one that states
    /// `frequency` (or none).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::obligation::ExpansionOptions;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let options = ExpansionOptions::new().default_regime(ReportingRegime::decree_09_half_yearly());
    /// assert!(options.regime_of(None).is_some());
    /// assert!(options.regime_of(Some(Frequency::HalfYearly)).is_some());
    /// assert!(options.regime_of(Some(Frequency::Monthly)).is_none());
    /// ```
    #[must_use]
    pub fn regime_of(
        &self,
        frequency: Option<crate::period::Frequency>,
    ) -> Option<&crate::regime::ReportingRegime> {
        match frequency {
            None => self.default_regime.as_ref(),
            Some(f) => self
                .by_frequency
                .iter()
                .find(|r| r.frequency() == f)
                .or(self.default_regime.as_ref().filter(|r| r.frequency() == f)),
        }
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)
)]
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
        #[cfg_attr(feature = "serde", serde(with = "strict_date"))]
        due: NaiveDate,
    },
    /// No lead or implementing assignment selects a body on the issue date.
    NoBodies,
    /// Every reporting period of a periodic report in the horizon ends before the
    /// directive was issued: the directive asks nothing for them.
    BeforeIssue {
        /// The directive's issue date.
        #[cfg_attr(feature = "serde", serde(with = "strict_date"))]
        issued: NaiveDate,
    },
    /// Continuous work, which has no deliverable and no deadline.
    Continuous,
    /// The horizon asked for lies wholly outside the directive's own horizon (the period
    /// it governs), or the requirement's due date does.
    OutsideDirectiveHorizon {
        /// The directive's horizon.
        horizon: Period,
    },
    /// One reporting period of a periodic report, in the horizon asked for, lies outside
    /// the directive's own horizon: the directive asks nothing for it, while the report
    /// still expands for the periods inside.
    PeriodOutsideDirectiveHorizon {
        /// The reporting period left out.
        period: Period,
        /// The directive's horizon.
        horizon: Period,
    },
}

impl SkipReason {
    /// The reason as a sentence in `lang`, without a capital or a full stop, to follow
    /// the place of the requirement (`task 10, requirement 1: …`). Dates are written as
    /// people of the language write them (`01/03/2025`, `` `2025-03-01` ``); periods and
    /// horizons keep their canonical forms (`2025-H1`) in both languages, and frequencies
    /// in English keep theirs.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::Lang;
    /// use directives::obligation::SkipReason;
    /// use directives::period::Frequency;
    ///
    /// assert_eq!(
    ///     SkipReason::NoRegime.sentence(Lang::Vi),
    ///     "báo cáo định kỳ không nêu chế độ báo cáo và chưa chọn chế độ báo cáo mặc định",
    /// );
    /// let mismatch = SkipReason::FrequencyMismatch { stated: Frequency::Quarterly, regime: Frequency::HalfYearly };
    /// assert_eq!(
    ///     mismatch.sentence(Lang::Vi),
    ///     "tần suất báo cáo do văn bản nêu (hằng quý) khác với tần suất của chế độ báo cáo mặc định (6 tháng)",
    /// );
    /// let due = NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?;
    /// assert_eq!(
    ///     SkipReason::DueOutsideHorizon { due }.sentence(Lang::Vi),
    ///     "hạn hoàn thành 01/03/2025 nằm ngoài khoảng thời gian theo dõi",
    /// );
    /// assert_eq!(SkipReason::Continuous.sentence(Lang::En), SkipReason::Continuous.to_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        use crate::Lang;
        let vi_date = |date: NaiveDate| date.format("%d/%m/%Y").to_string();
        match (self, lang) {
            (SkipReason::NoRegime, Lang::En) => {
                "the periodic report states no reporting regime and no default regime was given"
                    .to_owned()
            }
            (SkipReason::NoRegime, Lang::Vi) => {
                "báo cáo định kỳ không nêu chế độ báo cáo và chưa chọn chế độ báo cáo mặc định"
                    .to_owned()
            }
            (SkipReason::FrequencyMismatch { stated, regime }, Lang::En) => format!(
                "the report's stated frequency `{stated}` differs from the default regime's `{regime}`"
            ),
            (SkipReason::FrequencyMismatch { stated, regime }, Lang::Vi) => format!(
                "tần suất báo cáo do văn bản nêu ({}) khác với tần suất của chế độ báo cáo mặc định ({})",
                stated.label(Lang::Vi),
                regime.label(Lang::Vi)
            ),
            (SkipReason::NoDeadline, Lang::En) => {
                "the requirement states no due date or term".to_owned()
            }
            (SkipReason::NoDeadline, Lang::Vi) => {
                "yêu cầu không nêu hạn hoàn thành hoặc thời hạn thực hiện".to_owned()
            }
            (SkipReason::DueOutsideHorizon { due }, Lang::En) => {
                format!("due date `{due}` is outside the horizon")
            }
            (SkipReason::DueOutsideHorizon { due }, Lang::Vi) => format!(
                "hạn hoàn thành {} nằm ngoài khoảng thời gian theo dõi",
                vi_date(*due)
            ),
            (SkipReason::NoBodies, Lang::En) => {
                "no lead or implementing body is selected on the issue date".to_owned()
            }
            (SkipReason::NoBodies, Lang::Vi) => {
                "không xác định được cơ quan, đơn vị chủ trì hoặc thực hiện nào vào ngày ban hành văn bản"
                    .to_owned()
            }
            (SkipReason::Continuous, Lang::En) => "continuous work has no deadline".to_owned(),
            (SkipReason::Continuous, Lang::Vi) => {
                "công việc thực hiện thường xuyên, không có thời hạn hoàn thành".to_owned()
            }
            (SkipReason::BeforeIssue { issued }, Lang::En) => format!(
                "every reporting period in the horizon ends before the directive was issued on `{issued}`"
            ),
            (SkipReason::BeforeIssue { issued }, Lang::Vi) => format!(
                "mọi kỳ báo cáo trong khoảng thời gian theo dõi đều kết thúc trước ngày ban hành văn bản ({})",
                vi_date(*issued)
            ),
            (SkipReason::PeriodOutsideDirectiveHorizon { period, horizon }, Lang::En) => format!(
                "the period `{period}` falls outside the directive's own horizon `{horizon}`"
            ),
            (SkipReason::PeriodOutsideDirectiveHorizon { period, horizon }, Lang::Vi) => format!(
                "kỳ báo cáo `{period}` nằm ngoài khoảng thời gian áp dụng của văn bản (`{horizon}`)"
            ),
            (SkipReason::OutsideDirectiveHorizon { horizon }, Lang::En) => {
                format!("it falls outside the directive's own horizon `{horizon}`")
            }
            (SkipReason::OutsideDirectiveHorizon { horizon }, Lang::Vi) => {
                format!("yêu cầu nằm ngoài khoảng thời gian áp dụng của văn bản (`{horizon}`)")
            }
        }
    }
}

impl fmt::Display for SkipReason {
    /// The English sentence ([`SkipReason::sentence`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence(crate::Lang::En))
    }
}

/// A requirement that gave no obligation, where it is, and why.
///
/// `Display` joins the place (the requirement numbered from 1) and the reason: `task 10,
/// requirement 1: the periodic report states no reporting regime and no default regime
/// was given`.
///
/// # Example
///
/// ```
/// use directives::directive::TaskNumber;
/// use directives::directive::Clause;
/// use directives::obligation::{RequirementIndex, SkipReason, Skipped};
///
/// let skipped = Skipped::new(TaskNumber::new("4")?, RequirementIndex::new(0), SkipReason::Continuous);
/// assert_eq!(skipped.clause(), &Clause::Task(TaskNumber::new("4")?));
/// assert_eq!(skipped.to_string(), "task 4, requirement 1: continuous work has no deadline");
/// let monitoring = Skipped::new(Clause::Monitoring, RequirementIndex::new(0), SkipReason::NoRegime);
/// assert!(monitoring.to_string().starts_with("monitoring clause, requirement 1: "));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Its serialised form numbers the requirement from 1, as people read it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Skipped {
    clause: Clause,
    #[cfg_attr(feature = "serde", serde(with = "requirement_number"))]
    requirement: RequirementIndex,
    reason: SkipReason,
}

/// Serde for a requirement as its 1-based number.
#[cfg(feature = "serde")]
mod requirement_number {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::RequirementIndex;

    pub(super) fn serialize<S: Serializer>(r: &RequirementIndex, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(r.number())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<RequirementIndex, D::Error> {
        let number = u64::deserialize(d)?;
        RequirementIndex::from_number(number).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid requirement number `{number}`: requirements are numbered from 1"
            ))
        })
    }
}

impl Skipped {
    /// The requirement at `requirement` of `clause`, skipped for `reason`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Clause;
    /// use directives::obligation::{RequirementIndex, SkipReason, Skipped};
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
    /// use directives::directive::Clause;
    /// use directives::obligation::{RequirementIndex, SkipReason, Skipped};
    ///
    /// let s = Skipped::new(Clause::Monitoring, RequirementIndex::new(0), SkipReason::NoRegime);
    /// assert_eq!(s.clause(), &Clause::Monitoring);
    /// ```
    #[must_use]
    pub fn clause(&self) -> &Clause {
        &self.clause
    }

    /// The requirement's index within the task or clause.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Clause;
    /// use directives::obligation::{RequirementIndex, SkipReason, Skipped};
    ///
    /// let s = Skipped::new(Clause::Monitoring, RequirementIndex::new(2), SkipReason::NoRegime);
    /// assert_eq!(s.requirement(), RequirementIndex::new(2));
    /// ```
    #[must_use]
    pub fn requirement(&self) -> RequirementIndex {
        self.requirement
    }

    /// Why it gave no obligation.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Clause;
    /// use directives::obligation::{RequirementIndex, SkipReason, Skipped};
    ///
    /// let s = Skipped::new(Clause::Monitoring, RequirementIndex::new(0), SkipReason::NoBodies);
    /// assert_eq!(s.reason(), SkipReason::NoBodies);
    /// ```
    #[must_use]
    pub fn reason(&self) -> SkipReason {
        self.reason
    }

    /// The place of the requirement, numbered from 1 as people count (`task 10,
    /// requirement 1`; `nhiệm vụ 10, yêu cầu 1`), in `lang`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::directive::Clause;
    /// use directives::obligation::{RequirementIndex, SkipReason, Skipped};
    ///
    /// let skipped = Skipped::new(Clause::Monitoring, RequirementIndex::new(0), SkipReason::NoRegime);
    /// assert_eq!(skipped.place(Lang::Vi), "nội dung theo dõi, đôn đốc, yêu cầu 1");
    /// assert_eq!(skipped.place(Lang::En), "monitoring clause, requirement 1");
    /// ```
    #[must_use]
    pub fn place(&self, lang: crate::Lang) -> String {
        let clause = match (&self.clause, lang) {
            (Clause::Task(number), crate::Lang::Vi) => format!("nhiệm vụ {number}"),
            (Clause::Monitoring, crate::Lang::Vi) => "nội dung theo dõi, đôn đốc".to_owned(),
            (clause, crate::Lang::En) => clause.to_string(),
        };
        format!(
            "{clause}, {} {}",
            lang.pick("yêu cầu", "requirement"),
            self.requirement.number()
        )
    }

    /// The place and the reason as one sentence in `lang` (`nhiệm vụ 4, yêu cầu 1: công
    /// việc thực hiện thường xuyên, không có thời hạn hoàn thành`); the English one is the
    /// `Display`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::directive::TaskNumber;
    /// use directives::obligation::{RequirementIndex, SkipReason, Skipped};
    ///
    /// let skipped = Skipped::new(TaskNumber::new("4")?, RequirementIndex::new(0), SkipReason::Continuous);
    /// assert_eq!(
    ///     skipped.sentence(Lang::Vi),
    ///     "nhiệm vụ 4, yêu cầu 1: công việc thực hiện thường xuyên, không có thời hạn hoàn thành",
    /// );
    /// assert_eq!(skipped.sentence(Lang::En), skipped.to_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        format!("{}: {}", self.place(lang), self.reason.sentence(lang))
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence(crate::Lang::En))
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
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Expansion {
    obligations: Obligations,
    #[cfg_attr(feature = "serde", serde(default))]
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
///   the later periods; when every period in the horizon ends before the issue date, the
///   requirement is listed with [`BeforeIssue`](SkipReason::BeforeIssue);
/// - a deliverable or an indicator due in the horizon gives one obligation per body, for
///   the period from the issue date to the due date.
///
/// The directive governs its own [horizon](crate::directive::Directive::horizon) only: the
/// horizon asked for is clipped to it, and when the two do not meet, every requirement is
/// listed with [`OutsideDirectiveHorizon`](SkipReason::OutsideDirectiveHorizon).
///
/// Each obligation carries the role of the assignment that owes it (lead or implement;
/// a body both leading and implementing owes once, as the lead), and an indicator's
/// obligations carry its target.
///
/// A requirement that gives no obligation is listed in [`Expansion::skipped`] with a
/// [`SkipReason`], checked in this order: the directive's horizon; continuous work
/// ([`Continuous`](SkipReason::Continuous)); a report with no regime and no default
/// ([`NoRegime`](SkipReason::NoRegime)) or whose stated frequency is not the default's
/// ([`FrequencyMismatch`](SkipReason::FrequencyMismatch)); a deliverable or indicator
/// with no due ([`NoDeadline`](SkipReason::NoDeadline)); no body selected
/// ([`NoBodies`](SkipReason::NoBodies)); a due date outside the directive's horizon
/// ([`OutsideDirectiveHorizon`](SkipReason::OutsideDirectiveHorizon)) or the one asked for
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
    // The directive governs its own horizon only: what lies outside it is not owed.
    let asked = horizon;
    let (horizon, outside) = match directive.horizon() {
        None => (horizon, None),
        Some(own) => {
            let start = horizon.start().max(own.start());
            let end = horizon.end().min(own.end());
            if start <= end {
                (Period::custom(start, end)?, None)
            } else {
                (horizon, Some(own))
            }
        }
    };
    let mut expander = Expander {
        directive,
        registry,
        calendar,
        horizon,
        asked,
        outside,
        own: directive.horizon(),
        options,
        store: Obligations::new(),
        skipped: Vec::new(),
        directive_ref: DirectiveRef(0),
    };
    expander.directive_ref = expander.store.add_directive(directive.key())?;
    for task in directive.clauses() {
        expander.clause(task)?;
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
    /// The horizon asked for, before clipping.
    asked: Period,
    /// The directive's horizon, when the one asked for lies wholly outside it.
    outside: Option<Period>,
    /// The directive's horizon.
    own: Option<Period>,
    options: &'a ExpansionOptions,
    store: Obligations,
    skipped: Vec<Skipped>,
    directive_ref: DirectiveRef,
}

impl Expander<'_> {
    /// Expands one task or the monitoring clause.
    fn clause(&mut self, task: &crate::directive::Task) -> Result<(), ObligationError> {
        use crate::directive::{Assignee, Role};

        let clause = task.clause();
        let issued = self.directive.issued();
        let mut bodies: Vec<(BodyId, u8)> = Vec::new();
        for assignment in task.assignments() {
            let role = assignment.role();
            if !matches!(role, Role::Lead | Role::Implement) {
                continue;
            }
            let code = role_code(role);
            match assignment.assignee() {
                Assignee::Recipients => {
                    for selector in self.directive.recipients() {
                        let selected = self.registry.select(selector, issued)?;
                        bodies.extend(selected.into_iter().map(|b| (b, code)));
                    }
                }
                Assignee::Bodies(selector) => {
                    let selected = self.registry.select(selector, issued)?;
                    bodies.extend(selected.into_iter().map(|b| (b, code)));
                }
            }
        }
        // A body both leading and implementing owes once, as the lead (code 0).
        bodies.sort_unstable();
        bodies.dedup_by_key(|&mut (body, _)| body);
        let clause_ref = self.store.add_clause(clause.clone())?;
        for (k, requirement) in task.requirements().iter().enumerate() {
            let index =
                RequirementIndex::new(u32::try_from(k).map_err(|_| ObligationError::TooMany)?);
            let dues = match self.dues(requirement, issued, !bodies.is_empty())? {
                Ok((dues, outside)) => {
                    // Reporting periods asked for outside the directive's horizon are listed.
                    if let Some(own) = self.own {
                        for period in outside {
                            self.skipped.push(Skipped::new(
                                clause.clone(),
                                index,
                                SkipReason::PeriodOutsideDirectiveHorizon {
                                    period,
                                    horizon: own,
                                },
                            ));
                        }
                    }
                    dues
                }
                Err(reason) => {
                    self.skipped
                        .push(Skipped::new(clause.clone(), index, reason));
                    continue;
                }
            };
            let target = match requirement {
                crate::directive::Requirement::Indicator {
                    target: Some(target),
                    ..
                } => Some(Target::new(*target)?),
                _ => None,
            };
            for (period, due) in dues {
                let period_ref = self.store.add_period(period)?;
                for &(body, role) in &bodies {
                    let (holder, flags) = match self.registry.successor_on(body, due) {
                        Some(successor) => (successor, 0),
                        None => (body, FLAG_NOT_APPLICABLE),
                    };
                    let flags = flags | (role << ROLE_SHIFT);
                    self.bind(body, due)?;
                    if holder != body {
                        self.bind(holder, due)?;
                    }
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
                    let id = self.store.insert_with(row, holder, flags)?;
                    if let Some(target) = target {
                        self.store.targets.push((id.0, target));
                    }
                }
            }
        }
        Ok(())
    }

    /// Copies a body's code into the store, with its name on `on` (or on its last day,
    /// when it had ceased) and the day it ceased.
    fn bind(&mut self, body: BodyId, on: NaiveDate) -> Result<(), ObligationError> {
        let Some(record) = self.registry.body(body) else {
            return Err(ObligationError::UnknownHandle);
        };
        if self.store.body_code(body).is_some() {
            return Ok(());
        }
        self.store.bind_body(body, record.code().clone())?;
        let ceased = record.until();
        let named_on = match ceased {
            Some(until) if until <= on => until.pred_opt().unwrap_or(until),
            _ => on,
        };
        let name = self
            .registry
            .name_on(body, named_on)
            .map(|names| names.name(crate::Lang::Vi).to_owned());
        self.store.describe_body(body, name, ceased);
        Ok(())
    }

    /// The (period, due date) pairs a requirement gives, with the reporting periods of the
    /// horizon asked for that lie outside the directive's own, or why it gives none.
    #[expect(clippy::type_complexity, reason = "a private helper's two outcomes")]
    fn dues(
        &self,
        requirement: &crate::directive::Requirement,
        issued: NaiveDate,
        has_bodies: bool,
    ) -> Result<Result<(Vec<(Period, NaiveDate)>, Vec<Period>), SkipReason>, ObligationError> {
        use crate::directive::Requirement;

        let no_bodies = Ok(Err(SkipReason::NoBodies));
        if let (Some(horizon), false) =
            (self.outside, matches!(requirement, Requirement::Continuous))
        {
            return Ok(Err(SkipReason::OutsideDirectiveHorizon { horizon }));
        }
        match requirement {
            Requirement::Continuous => Ok(Err(SkipReason::Continuous)),
            Requirement::PeriodicReport(report) => {
                let stated = report.stated_frequency();
                let regime = match (report.regime(), self.options.regime_of(stated)) {
                    (Some(regime), _) | (None, Some(regime)) => regime,
                    (None, None) => {
                        return Ok(Err(match (stated, &self.options.default_regime) {
                            (Some(stated), Some(default)) => SkipReason::FrequencyMismatch {
                                stated,
                                regime: default.frequency(),
                            },
                            _ => SkipReason::NoRegime,
                        }));
                    }
                };
                if !has_bodies {
                    return no_bodies;
                }
                let dues: Vec<_> = regime
                    .schedule(self.horizon.start(), self.horizon.end(), self.calendar)?
                    .into_iter()
                    .filter(|r| r.period().end() >= issued)
                    .map(|r| (r.period(), r.due()))
                    .collect();
                // The periods asked for that the clipped horizon does not reach (only
                // when the horizon was clipped; before the issue date nothing is asked).
                let (inside, asked) = (self.horizon, self.asked);
                let outside = if asked == inside {
                    Vec::new()
                } else {
                    regime
                        .frequency()
                        .periods(asked.start(), asked.end())
                        .filter(|p| p.end() < inside.start() || p.start() > inside.end())
                        .filter(|p| p.end() >= issued)
                        .collect()
                };
                if dues.is_empty() && outside.is_empty() {
                    return Ok(Err(SkipReason::BeforeIssue { issued }));
                }
                Ok(Ok((dues, outside)))
            }
            Requirement::Deliverable { due, .. } | Requirement::Indicator { by: due, .. } => {
                let Some(due) = due else {
                    return Ok(Err(SkipReason::NoDeadline));
                };
                if !has_bodies {
                    return no_bodies;
                }
                let date = due.date_from(issued, self.calendar)?;
                if let Some(own) = self.own.filter(|own| !own.contains(date)) {
                    return Ok(Err(SkipReason::OutsideDirectiveHorizon { horizon: own }));
                }
                if !self.horizon.contains(date) {
                    return Ok(Err(SkipReason::DueOutsideHorizon { due: date }));
                }
                Ok(Ok((
                    vec![(Period::custom(issued.min(date), date)?, date)],
                    Vec::new(),
                )))
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
    /// A date outside the one range the crate accepts, `0001-01-01` to `9999-12-31` (the
    /// dates a four-digit year writes, so that what is stored can be written and read
    /// back).
    #[error("date `{date}` is outside the supported range `0001-01-01`..`9999-12-31`")]
    UnsupportedDate {
        /// The date.
        date: NaiveDate,
    },
    /// The store holds no obligation with this reference.
    #[error("no obligation `{key}` in the store")]
    UnknownReference {
        /// The key.
        key: Box<ObligationKey>,
    },
    /// A text is not an obligation reference.
    #[error("invalid obligation reference {text}: {reason}")]
    InvalidReference {
        /// The text, quoted (at most 80 bytes of it, with the count of bytes left out).
        text: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An indicator target is NaN or infinite.
    #[error("indicator target is not a finite number")]
    NonFiniteTarget,
    /// A body code or id is already bound to another body in the store.
    #[error("body `{code}` conflicts with a body already in the store")]
    BodyConflict {
        /// The body's code.
        code: BodyCode,
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
    use crate::directive::TaskNumber;
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
            BodyCode::new("B7").unwrap(),
            "2024-Q2".parse::<Period>().unwrap(),
        );
        let obligation = Obligation::new(key.clone(), date(2024, 6, 20))
            .held_by(BodyCode::new("B3").unwrap())
            .with_applicability(Applicability::NotApplicable);
        let mut store = Obligations::new();
        let id = store.push(obligation.clone()).unwrap();
        assert_eq!(store.get(id), Some(obligation));
        assert!(store.is_not_applicable(0));
        let b3 = store.body_id("B3").unwrap();
        let b7 = store.body_id("B7").unwrap();
        assert_eq!(store.holder(id), Some(b3));
        assert_eq!(store.assigned_body_at(0), Some(b7));
        assert_eq!(store.find(&key), Some(id));
        assert_eq!(key.to_string(), "05/CT-UBND@2024-03-01/2a.2/B7/2024-Q2");
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
        for body in 1..=2 {
            store
                .bind_body(
                    BodyId::from_index(body),
                    BodyCode::new(format!("B{body}")).unwrap(),
                )
                .unwrap();
        }
        let row = |body| ObligationRow {
            directive,
            clause,
            requirement: RequirementIndex::new(0),
            body: BodyId::from_index(body),
            period,
            due: date(2024, 12, 20),
        };
        let first = store.insert(row(1)).unwrap();
        let key = |body: u32| {
            ObligationKey::new(
                DirectiveKey::new(DocSymbol::parse("05/CT-UBND").unwrap(), date(2024, 3, 1)),
                TaskNumber::new("1").unwrap(),
                RequirementIndex::new(0),
                BodyCode::new(format!("B{body}")).unwrap(),
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
        // Near rows are tried first.
        let handles = row_key(&row(2));
        assert_eq!(store.find_row_near(handles, Some(0)), Some(second));
        assert_eq!(store.find_row_near(handles, Some(7)), Some(second));
        // An unchecked repeat leaves the first in the index, and a near row that repeats
        // a key is not taken for it.
        let repeat = store.insert(row(2)).unwrap();
        assert_eq!(store.find(&key_2), Some(second));
        assert_eq!(
            store.find_row_near(handles, Some(repeat.index())),
            Some(second)
        );
        // A body the store has no code for is refused.
        assert_eq!(store.insert(row(3)), Err(ObligationError::UnknownHandle));
    }

    #[test]
    #[cfg(feature = "csv")]
    fn batched_look_ups_answer_as_single_ones() {
        let mut store = Obligations::new();
        let directive = store
            .add_directive(DirectiveKey::new(
                DocSymbol::parse("05/CT-UBND").unwrap(),
                date(2024, 3, 1),
            ))
            .unwrap();
        let clause = store.add_clause(TaskNumber::new("1").unwrap()).unwrap();
        let periods: Vec<PeriodRef> = (1..=12)
            .map(|m| store.add_period(Period::month(2024, m).unwrap()).unwrap())
            .collect();
        for body in 0..50 {
            store
                .bind_body(
                    BodyId::from_index(body),
                    BodyCode::new(format!("B{body}")).unwrap(),
                )
                .unwrap();
        }
        let row = |i: u32| ObligationRow {
            directive,
            clause,
            requirement: RequirementIndex::new(i % 3),
            body: BodyId::from_index(i % 50),
            period: periods[(i / 150) as usize % 12],
            due: date(2024, 12, 20),
        };
        for i in 0..1_800 {
            store.insert(row(i)).unwrap();
        }
        // Keys in store order, scattered, absent (requirement 7), and repeated.
        let mut keys: Vec<RowKey> = (0..1_800).map(|i| row_key(&row(i))).collect();
        keys.extend((0..1_800u32).map(|i| row_key(&row(i.wrapping_mul(7_919) % 1_800))));
        keys.extend((0..40).map(|i| {
            let mut key = row_key(&row(i));
            key[2] = 7;
            key
        }));
        keys.extend([keys[5], keys[5], keys[6]]);
        let expected: Vec<Option<ObligationId>> = keys.iter().map(|&k| store.find_row(k)).collect();
        assert!(expected.iter().filter(|f| f.is_none()).count() == 40);
        for batch in [1, 3, 16, 17, 512, keys.len()] {
            let mut near = None;
            let mut found = Vec::new();
            let mut all = Vec::new();
            for chunk in keys.chunks(batch) {
                store.find_rows(chunk, &mut near, &mut found);
                assert_eq!(found.len(), chunk.len());
                all.extend_from_slice(&found);
            }
            assert_eq!(all, expected, "batches of {batch}");
        }
        // With a key repeated in the store, the first row with it is the answer, even
        // right after the repeat.
        let repeat = store.insert(row(10)).unwrap();
        let mut near = Some(repeat.index());
        let mut found = Vec::new();
        store.find_rows(
            &[row_key(&row(10)), row_key(&row(11))],
            &mut near,
            &mut found,
        );
        assert_eq!(
            found,
            [
                Some(ObligationId::from_index(10)),
                Some(ObligationId::from_index(11))
            ]
        );
    }

    /// The key index answers as a scan for the first row with each key does: with keys
    /// packed into words, after a handle outgrows its bits (the index is packed again),
    /// and once keys are too wide to pack (hashed words, checked against the rows).
    #[test]
    fn the_key_index_answers_as_a_scan() {
        fn check(rows: &[RowKey], index: &KeyIndex) {
            let key_at = |r: u32| rows.get(r as usize).copied();
            let absent: [RowKey; 3] = [[9; 5], [0, 0, u32::MAX, 0, 0], [u32::MAX; 5]];
            for key in rows.iter().chain(&absent) {
                let first = rows.iter().position(|k| k == key).map(|r| r as u32);
                assert_eq!(index.get(key, key_at), first, "{key:?}");
            }
        }
        let wave = |i: u32, scale: u32| -> RowKey {
            [i % 2, i % 5, (i % 97) * scale, (i / 3) % 211, (i * 7) % 13]
        };
        // Small handles, some keys twice.
        let mut rows: Vec<RowKey> = (0..400).map(|i| wave(i % 350, 1)).collect();
        let mut index = KeyIndex::build(rows.len(), &|r| rows.get(r as usize).copied());
        assert!(index.packing.exact() && index.repeats);
        check(&rows, &index);
        let widths = index.packing.widths;
        // Requirements a thousand times larger: packed again, wider.
        for i in 0..300 {
            rows.push(wave(i, 1_000));
            let row = rows.len() as u32 - 1;
            index.insert(&wave(i, 1_000), row, |r| rows.get(r as usize).copied());
        }
        assert!(index.packing.exact() && index.packing.widths != widths);
        check(&rows, &index);
        // Handles too wide to share 64 bits: hashed.
        for i in 0..300 {
            let key = [
                u32::MAX - 1 - i % 5,
                4_000_000_000 + i,
                i % 3,
                3_000_000_000,
                i % 12,
            ];
            rows.push(key);
            let row = rows.len() as u32 - 1;
            index.insert(&key, row, |r| rows.get(r as usize).copied());
        }
        assert!(!index.packing.exact());
        check(&rows, &index);
        // The second wave's rows 0, 97, 194 and 291 repeat the first wave's keys.
        assert_eq!(index.len, 350 + (300 - 4) + 300);
    }

    #[test]
    fn strict_dates() {
        assert_eq!(
            crate::text::strict_date("2024-06-05"),
            Some(date(2024, 6, 5))
        );
        for bad in [
            "2024-6-5",
            "2024-06-5",
            " 2024-06-05",
            "2024-02-30",
            "+024-06-05",
            "2024/06/05",
        ] {
            assert_eq!(crate::text::strict_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            ObligationError::UnknownHandle.to_string(),
            "handle was not issued by this obligation store"
        );
    }
}
