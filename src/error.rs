//! The crate-wide error that collects every module's error.

/// Any error this crate returns.
///
/// Each function returns the narrowest error it can (for example
/// [`CalendarError`](crate::calendar::CalendarError)); this enum collects them all, so an
/// application can use `?` across modules and still match on the cause.
///
/// New variants may be added when new modules are, so the enum is `#[non_exhaustive]`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A calendar error: a date out of range, an impossible lunar date, an absurd term.
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    /// A period error: a malformed period string or an impossible range.
    #[error(transparent)]
    Period(#[from] crate::period::PeriodError),
    /// A reporting-regime error: an invalid window or deadline rule.
    #[error(transparent)]
    Regime(#[from] crate::regime::RegimeError),
    /// A registry error: duplicate codes, cycles, dangling references.
    #[error(transparent)]
    Org(#[from] crate::org::OrgError),
    /// A document error: a malformed symbol, a reference cycle.
    #[error(transparent)]
    Document(#[from] crate::document::DocumentError),
    /// A directive error: duplicate task numbers, dates before issue, bad data files.
    #[error(transparent)]
    Directive(#[from] crate::directive::DirectiveError),
    /// An obligation-expansion error.
    #[error(transparent)]
    Obligation(#[from] crate::obligation::ObligationError),
    /// A provenance with a blank citation, source or assumption.
    #[error(transparent)]
    Provenance(#[from] crate::provenance::ProvenanceError),
    /// A compliance error: evaluation could not run.
    #[error(transparent)]
    Compliance(#[from] crate::compliance::ComplianceError),
    /// A criteria error: an invalid criterion or file, or a criterion that could not be
    /// applied.
    #[error(transparent)]
    Criteria(Box<crate::criteria::CriteriaError>),
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
