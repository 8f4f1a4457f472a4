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
    /// A scenario that cannot run: a file or input that cannot be read, an unknown field
    /// or reference, an expectation that can never be checked.
    #[cfg(feature = "serde")]
    #[error(transparent)]
    Scenario(Box<crate::scenario::ScenarioError>),
}

impl Error {
    /// The error as a sentence in `lang` (the English one is also its `Display`), as the
    /// command-line program and the JSON contract write it for people.
    ///
    /// The errors people meet most have Vietnamese: a data file that cannot be read (a
    /// registry, a directive, an event log or criteria, named by file, line, column, path
    /// and value), an unknown body code, obligation or reference, a bad date or period, an
    /// unknown language, a limit, criteria, a calendar's range or a term. The others
    /// (regime, symbol, document, obligation-expansion, provenance, grading and scenario
    /// errors) are written in English in either language for now.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::{Error, Lang};
    /// use directives::org::BodyCode;
    ///
    /// let err = Error::from("TH TU".parse::<BodyCode>().unwrap_err());
    /// assert_eq!(
    ///     err.sentence(Lang::Vi),
    ///     "mã cơ quan, đơn vị `TH TU` không hợp lệ: chỉ dùng chữ cái, chữ số ASCII, `-`, `_` hoặc `.`",
    /// );
    /// assert_eq!(err.sentence(Lang::En), err.to_string());
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        match self {
            Error::Period(error) => error.sentence(lang),
            Error::Org(error) => error.sentence(lang),
            Error::Directive(error) => error.sentence(lang),
            Error::Compliance(error) => error.sentence(lang),
            Error::Lang(error) => error.sentence(lang),
            Error::Criteria(error) => error.sentence(lang),
            Error::Calendar(error) => error.sentence(lang),
            // Written in English in either language for now.
            Error::Regime(error) => error.to_string(),
            Error::Symbol(error) => error.to_string(),
            Error::Document(error) => error.to_string(),
            Error::Obligation(error) => error.to_string(),
            Error::Provenance(error) => error.to_string(),
            Error::Grading(error) => error.to_string(),
            #[cfg(feature = "serde")]
            Error::Scenario(error) => error.to_string(),
        }
    }
}

#[cfg(feature = "serde")]
impl From<crate::scenario::ScenarioError> for Error {
    fn from(error: crate::scenario::ScenarioError) -> Error {
        Error::Scenario(Box::new(error))
    }
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

    /// The errors people meet most read in Vietnamese through the root error, naming
    /// the file, the line, the path and the value as the English does.
    #[test]
    #[cfg(all(feature = "serde", feature = "csv"))]
    fn sentences_are_vietnamese() {
        use crate::Lang;
        let vi = |error: Error| error.sentence(Lang::Vi);

        let period = "2024-Q5".parse::<crate::period::Period>().unwrap_err();
        assert_eq!(
            vi(period.into()),
            "kỳ `2024-Q5` không hợp lệ: quý `5` phải từ 1 đến 4"
        );

        let lang = "fr".parse::<Lang>().unwrap_err();
        assert_eq!(
            vi(lang.into()),
            "không có ngôn ngữ `fr`: cần là `vi` hoặc `en`"
        );

        let unknown = crate::org::OrgError::UnknownCode {
            code: "TH-XX".parse().unwrap(),
        };
        assert_eq!(vi(unknown.into()), "không có cơ quan, đơn vị mã `TH-XX`");

        let registry = crate::org::Loader::new()
            .origin("dv.toml")
            .toml("[[bodies]]\ncode = \"A\"\nname = \"A\"\nkind = \"other\"\nlevel = \"province\"\nfrom = \"2000-02-30\"\n")
            .unwrap_err();
        assert_eq!(
            vi(registry.into()),
            "danh sách cơ quan, đơn vị (toml) không hợp lệ trong tệp `dv.toml` tại dòng 6, cột 8, \
             `bodies[0].from`: ngày `2000-02-30` không tồn tại"
        );

        let limit = crate::org::OrgError::Limit {
            limit: crate::Limit::Bodies,
            max: 10,
            found: 11,
        };
        assert_eq!(
            vi(limit.into()),
            "số cơ quan, đơn vị vượt quá giới hạn 10: có 11"
        );

        let directive = crate::directive::Loader::new()
            .origin("ct.toml")
            .toml("[document]\nsymbol = \"05/CT-UBND\"\nissued = \"2024-01-02\"\ncolour = 1\n")
            .unwrap_err();
        let sentence = vi(directive.into());
        assert!(
            sentence.starts_with("văn bản (toml) không hợp lệ trong tệp `ct.toml` tại dòng 4"),
            "{sentence}"
        );
        assert!(sentence.contains("không có trường `colour`"), "{sentence}");

        let store = crate::obligation::Obligations::new();
        let events = crate::compliance::EventLoader::new(&store)
            .origin("sk.csv")
            .csv("obligation,kind,date\n05/CT-UBND@2025-01-02/1.1/SYT/2025-01,sent,2025-02-01\n")
            .unwrap_err();
        assert_eq!(
            vi(events.into()),
            "nhật ký sự kiện (csv) không hợp lệ trong tệp `sk.csv` tại dòng 2, cột 2, `kind`: \
             không có loại sự kiện `sent`: các loại hợp lệ là `submitted`, `completed`, \
             `extended`, `waived`, `reopened`, `indicator_value`"
        );
    }

    /// A criteria file's error reads in Vietnamese, naming the file, line, path and value.
    #[test]
    #[cfg(feature = "serde")]
    fn criteria_sentences_are_vietnamese() {
        use crate::Lang;
        let registry = crate::org::Registry::builder().build().unwrap();
        let text = "[[criterion]]\nid = \"a\"\ntitle = { vi = \"A\", en = \"A\" }\nprovision = \"p\"\nmeasure = \"on_time_rate\"\nrequire = { at_least = 1.5 }\n";
        let err = crate::criteria::Loader::new(&registry)
            .origin("tc.toml")
            .toml(text)
            .unwrap_err();
        assert_eq!(
            Error::from(err).sentence(Lang::Vi),
            "bộ tiêu chí (toml) không hợp lệ trong tệp `tc.toml` tại dòng 6, cột 24, \
             `criterion[0].require.at_least`: ngưỡng tỷ lệ `1.5` nằm ngoài khoảng từ 0 đến 1"
        );
    }

    #[test]
    fn error_is_send_sync_static() {
        fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
        assert_traits::<Error>();
    }
}
