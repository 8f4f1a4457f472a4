//! The crate-wide error that collects every module's error.

use crate::LangError;
use crate::calendar::CalendarError;
use crate::compliance::{ComplianceError, GradingError};
use crate::directive::DirectiveError;
use crate::document::{DocumentError, SymbolError};
use crate::obligation::ObligationError;
use crate::org::OrgError;
use crate::period::PeriodError;
use crate::provenance::ProvenanceError;
use crate::regime::RegimeError;

/// Any error this crate returns.
///
/// Each function returns the narrowest error it can (for example
/// [`CalendarError`]); this enum collects them all, so an application can use `?` across
/// modules and still match on the cause.
///
/// Every module error converts into `Error`, and each cause has one variant: a module
/// error that only wraps another module's error is unwrapped on the way, so a calendar
/// failure met while expanding obligations (`ObligationError::Calendar`) or scheduling
/// a regime (`RegimeError::Calendar`) is [`Error::Calendar`], as one raised by the
/// calendar itself is, and a malformed symbol is [`Error::Symbol`] whether it came from
/// [`DocSymbol::parse`](crate::document::DocSymbol::parse) or through a
/// [`DocumentError`] or [`DirectiveError`]. An error that adds context of its own (a
/// place in a data file, the task whose schedule failed) keeps its module's variant.
///
/// New variants may be added when new modules are, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::Error;
/// use directives::calendar::{CalendarError, WorkCalendar};
/// use directives::period::Period;
/// use directives::regime::ReportingRegime;
///
/// fn due() -> Result<chrono::NaiveDate, Error> {
///     let cal = WorkCalendar::vietnam()?;
///     // 2150 is past the calendar's last year: the regime fails with a calendar error.
///     Ok(ReportingRegime::decree_09_monthly().due_for(Period::month(2150, 1)?, &cal)?)
/// }
/// assert!(matches!(due(), Err(Error::Calendar(CalendarError::OutOfRange { .. }))));
/// let symbol = directives::document::DocSymbol::parse("1470-CV").unwrap_err();
/// assert!(matches!(Error::from(symbol), Error::Symbol(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A calendar error: a date out of range, an impossible lunar date, an absurd term.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A period error: a malformed period string or an impossible range.
    #[error(transparent)]
    Period(#[from] PeriodError),
    /// A reporting-regime error: an invalid window or deadline rule.
    #[error(transparent)]
    Regime(RegimeError),
    /// A registry error: duplicate codes, cycles, dangling references.
    #[error(transparent)]
    Org(#[from] OrgError),
    /// A malformed document symbol.
    #[error(transparent)]
    Symbol(#[from] SymbolError),
    /// A document error: a kind that does not match the symbol, a reference cycle.
    #[error(transparent)]
    Document(DocumentError),
    /// A directive error: duplicate task numbers, dates before issue, bad data files.
    #[error(transparent)]
    Directive(DirectiveError),
    /// An obligation-expansion error.
    #[error(transparent)]
    Obligation(ObligationError),
    /// A provenance with a blank citation, source or assumption.
    #[error(transparent)]
    Provenance(#[from] ProvenanceError),
    /// A compliance error: evaluation could not run.
    #[error(transparent)]
    Compliance(ComplianceError),
    /// A grading policy that cannot be built.
    #[error(transparent)]
    Grading(#[from] GradingError),
    /// A language code other than `vi` or `en`.
    #[error(transparent)]
    Lang(#[from] LangError),
    /// A criteria error: an invalid criterion or file, or a criterion that could not be
    /// applied.
    #[error(transparent)]
    Criteria(Box<crate::criteria::CriteriaError>),
}

impl From<RegimeError> for Error {
    fn from(error: RegimeError) -> Error {
        match error {
            RegimeError::Calendar(error) => Error::Calendar(error),
            other => Error::Regime(other),
        }
    }
}

impl From<DocumentError> for Error {
    fn from(error: DocumentError) -> Error {
        match error {
            DocumentError::Symbol(error) => Error::Symbol(error),
            other => Error::Document(other),
        }
    }
}

impl From<DirectiveError> for Error {
    fn from(error: DirectiveError) -> Error {
        match error {
            DirectiveError::Document(error) => Error::from(error),
            other => Error::Directive(other),
        }
    }
}

impl From<ObligationError> for Error {
    fn from(error: ObligationError) -> Error {
        match error {
            ObligationError::Org(error) => Error::Org(error),
            ObligationError::Regime(error) => Error::from(error),
            ObligationError::Calendar(error) => Error::Calendar(error),
            ObligationError::Period(error) => Error::Period(error),
            other => Error::Obligation(other),
        }
    }
}

impl From<ComplianceError> for Error {
    fn from(error: ComplianceError) -> Error {
        match error {
            ComplianceError::Obligation(error) => Error::from(*error),
            other => Error::Compliance(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn error_is_send_sync_static() {
        fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
        assert_traits::<Error>();
    }
}
