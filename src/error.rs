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
}

/// The most characters of a user's value that an error message quotes.
pub(crate) const QUOTE_LIMIT: usize = 80;

/// The most characters of a parser's message (which may quote the input) kept in an error.
#[cfg(feature = "serde")]
pub(crate) const MESSAGE_LIMIT: usize = 400;

/// `text` as an error may quote it: whole when it has at most `limit` characters, else its
/// first `limit` characters, an ellipsis and the full length in bytes. Errors on huge
/// inputs stay small (a 100 MB value gives a message of about a hundred bytes).
pub(crate) fn bounded(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        None => text.to_owned(),
        Some((cut, _)) => {
            let head = text.get(..cut).unwrap_or_default();
            format!("{head}… ({} bytes)", text.len())
        }
    }
}

/// A user's value as an error quotes it: [`bounded`] by [`QUOTE_LIMIT`].
pub(crate) fn quote(value: &str) -> String {
    bounded(value, QUOTE_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn quotes_are_bounded() {
        assert_eq!(super::quote("TH-TU"), "TH-TU");
        let exact = "đ".repeat(super::QUOTE_LIMIT);
        assert_eq!(super::quote(&exact), exact);
        let huge = "x".repeat(100 * 1024 * 1024);
        let quoted = super::quote(&huge);
        assert_eq!(
            quoted,
            format!("{}… (104857600 bytes)", "x".repeat(super::QUOTE_LIMIT))
        );
        let long = format!("{}đ", "ă".repeat(super::QUOTE_LIMIT));
        assert_eq!(
            super::bounded(&long, 2),
            format!("ăă… ({} bytes)", long.len())
        );
    }

    #[test]
    fn error_is_send_sync_static() {
        fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
        assert_traits::<Error>();
    }
}
