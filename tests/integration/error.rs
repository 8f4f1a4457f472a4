//! The crate's `Error`: every module error converts into it, one variant per cause.

use chrono::NaiveDate;
use directives::calendar::{CalendarError, WorkCalendar};
use directives::compliance::{ComplianceError, GradeRule, GradingPolicy};
use directives::directive::DirectiveError;
use directives::document::{DocSymbol, DocumentError};
use directives::obligation::ObligationError;
use directives::org::BodyCode;
use directives::period::Period;
use directives::provenance::Provenance;
use directives::regime::{RegimeError, ReportingRegime};
use directives::{Error, Lang};

fn calendar_error() -> CalendarError {
    let cal = WorkCalendar::vietnam().unwrap();
    cal.is_working_day(NaiveDate::from_ymd_opt(2150, 1, 1).unwrap())
        .unwrap_err()
}

fn is_calendar(error: &Error, expected: &CalendarError) -> bool {
    matches!(error, Error::Calendar(e) if e == expected)
}

#[test]
fn a_calendar_error_has_one_path_however_deep_it_was_raised() {
    let cal = calendar_error();
    let direct = Error::from(cal.clone());
    let regime = Error::from(RegimeError::Calendar(cal.clone()));
    let obligation = Error::from(ObligationError::Calendar(cal.clone()));
    let obligation_regime =
        Error::from(ObligationError::Regime(RegimeError::Calendar(cal.clone())));
    let compliance = Error::from(ComplianceError::from(ObligationError::Regime(
        RegimeError::Calendar(cal.clone()),
    )));
    for error in [
        &direct,
        &regime,
        &obligation,
        &obligation_regime,
        &compliance,
    ] {
        assert!(is_calendar(error, &cal), "{error:?}");
        assert_eq!(error.to_string(), cal.to_string());
    }
}

#[test]
fn a_regime_failing_on_the_calendar_is_a_calendar_error_through_question_mark() {
    fn due() -> Result<NaiveDate, Error> {
        let cal = WorkCalendar::vietnam()?;
        Ok(ReportingRegime::decree_09_monthly().due_for(Period::month(2150, 1)?, &cal)?)
    }
    let error = due().unwrap_err();
    assert!(
        matches!(error, Error::Calendar(CalendarError::OutOfRange { .. })),
        "{error:?}"
    );
}

#[test]
fn a_symbol_error_has_one_path() {
    let symbol = DocSymbol::parse("1470-CV").unwrap_err();
    let direct = Error::from(symbol.clone());
    let document = Error::from(DocumentError::Symbol(symbol.clone()));
    let directive = Error::from(DirectiveError::Document(DocumentError::Symbol(
        symbol.clone(),
    )));
    for error in [&direct, &document, &directive] {
        assert!(
            matches!(error, Error::Symbol(e) if *e == symbol),
            "{error:?}"
        );
        assert_eq!(error.to_string(), symbol.to_string());
    }
}

#[test]
fn wrapped_module_errors_reach_their_own_variant() {
    let org = BodyCode::new("").unwrap_err();
    let period = "2024-Q5".parse::<Period>().unwrap_err();
    assert!(matches!(
        Error::from(ObligationError::Org(org.clone())),
        Error::Org(e) if e == org
    ));
    assert!(matches!(
        Error::from(ObligationError::Period(period.clone())),
        Error::Period(e) if e == period
    ));
    assert!(matches!(
        Error::from(ComplianceError::from(ObligationError::TooMany)),
        Error::Obligation(ObligationError::TooMany)
    ));
    assert!(matches!(
        Error::from(RegimeError::EmptyName),
        Error::Regime(RegimeError::EmptyName)
    ));
    assert!(matches!(
        Error::from(DirectiveError::InvalidAssignment),
        Error::Directive(DirectiveError::InvalidAssignment)
    ));
    assert!(matches!(
        Error::from(DirectiveError::Document(DocumentError::Cycle {
            path: vec![]
        })),
        Error::Document(DocumentError::Cycle { .. })
    ));
    assert!(matches!(
        Error::from(ComplianceError::CalendarRequired),
        Error::Compliance(ComplianceError::CalendarRequired)
    ));
}

#[test]
fn every_module_error_converts() {
    let grading = GradingPolicy::new(
        "mine",
        1.5,
        GradeRule::min_index(90.0),
        GradeRule::min_index(70.0),
        GradeRule::min_index(50.0),
    )
    .unwrap_err();
    let message = grading.to_string();
    let error = Error::from(grading);
    assert!(matches!(error, Error::Grading(_)), "{error:?}");
    assert_eq!(error.to_string(), message);

    let lang = "fr".parse::<Lang>().unwrap_err();
    let error = Error::from(lang);
    assert!(matches!(error, Error::Lang(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "unknown language `fr`: expected `vi` or `en`"
    );

    let provenance = Provenance::verified(" ").unwrap_err();
    assert!(matches!(Error::from(provenance), Error::Provenance(_)));

    let criteria = "window"
        .parse::<directives::criteria::GroupBy>()
        .unwrap_err();
    let message = criteria.to_string();
    let error = Error::from(criteria);
    assert!(matches!(error, Error::Criteria(_)), "{error:?}");
    assert_eq!(error.to_string(), message);
}
