//! The directive, its builder and its lints.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::DirectiveError;
use super::key::DirectiveKey;
use super::lint::{Lint, LintCode, Location, one_lead_citation, report_deadline_citation};
use super::task::{Assignee, Assignment, PeriodicReport, Requirement, Role, Task, TaskNumber};
use crate::calendar::WorkCalendar;
use crate::document::{Document, DocumentError, DocumentIndex};
use crate::org::{BodyCode, BodyId, OrgError, Registry, Selector};
use crate::period::Period;
use crate::text::is_blank;

/// The monitoring clause of a directive: who follows, urges, inspects and supervises the
/// implementation (theo dõi, đôn đốc, kiểm tra, giám sát), with whom, and what they report.
///
/// # Example
///
/// ```
/// use directives::directive::{Assignee, Monitoring, PeriodicReport, Requirement, Role};
/// use directives::org::Selector;
///
/// let m = Monitoring::new("Ban Dân vận Tỉnh ủy chủ trì, phối hợp theo dõi, đôn đốc")
///     .assign(Role::Lead, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)))
///     .require(Requirement::PeriodicReport(PeriodicReport::new().to("TH-TU-BTV".parse()?)));
/// assert_eq!(m.assignments().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Monitoring {
    // INVARIANT (nfc): `text` and the requirements' texts are NFC, by `Monitoring::new`,
    // `Monitoring::require` and the deserializers.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "String::is_empty",
            deserialize_with = "crate::text::deserialize_nfc"
        )
    )]
    text: String,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    assignments: Vec<Assignment>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    requirements: Vec<Requirement>,
}

impl Monitoring {
    /// A monitoring clause with its text, stored in Unicode normalization form C.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Monitoring, PeriodicReport, Requirement, Role};
    /// use directives::org::Selector;
    ///
    /// let m = Monitoring::new("theo dõi, đôn đốc")
    ///     .assign(Role::Lead, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)))
    ///     .require(Requirement::PeriodicReport(PeriodicReport::new()));
    /// assert_eq!(m.text(), "theo dõi, đôn đốc");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(text: impl Into<String>) -> Monitoring {
        Monitoring {
            text: crate::text::nfc(text.into()),
            assignments: Vec::new(),
            requirements: Vec::new(),
        }
    }

    /// The same clause with one more assignment.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Monitoring, PeriodicReport, Requirement, Role};
    /// use directives::org::Selector;
    ///
    /// let m = Monitoring::new("theo dõi, đôn đốc")
    ///     .assign(Role::Lead, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)))
    ///     .require(Requirement::PeriodicReport(PeriodicReport::new()));
    /// assert_eq!(m.assignments()[0].role(), Role::Lead);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn assign(mut self, role: Role, assignee: Assignee) -> Monitoring {
        self.assignments.push(Assignment::new(role, assignee));
        self
    }

    /// The same clause with one more requirement.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Monitoring, PeriodicReport, Requirement, Role};
    /// use directives::org::Selector;
    ///
    /// let m = Monitoring::new("theo dõi, đôn đốc")
    ///     .assign(Role::Lead, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)))
    ///     .require(Requirement::PeriodicReport(PeriodicReport::new()));
    /// assert_eq!(m.requirements().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn require(mut self, requirement: Requirement) -> Monitoring {
        self.requirements.push(requirement.into_nfc());
        self
    }

    /// The text.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Monitoring, PeriodicReport, Requirement, Role};
    /// use directives::org::Selector;
    ///
    /// let m = Monitoring::new("theo dõi, đôn đốc")
    ///     .assign(Role::Lead, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)))
    ///     .require(Requirement::PeriodicReport(PeriodicReport::new()));
    /// assert!(m.text().starts_with("theo dõi"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The assignments.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Monitoring, PeriodicReport, Requirement, Role};
    /// use directives::org::Selector;
    ///
    /// let m = Monitoring::new("theo dõi, đôn đốc")
    ///     .assign(Role::Lead, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)))
    ///     .require(Requirement::PeriodicReport(PeriodicReport::new()));
    /// assert_eq!(m.assignments().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn assignments(&self) -> &[Assignment] {
        &self.assignments
    }

    /// The requirements.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Monitoring, PeriodicReport, Requirement, Role};
    /// use directives::org::Selector;
    ///
    /// let m = Monitoring::new("theo dõi, đôn đốc")
    ///     .assign(Role::Lead, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)))
    ///     .require(Requirement::PeriodicReport(PeriodicReport::new()));
    /// assert_eq!(m.requirements()[0].kind_name(), "periodic_report");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }
}

/// A directive: its document, theme, horizon, recipients, tasks, monitoring clause and the
/// documents it cites.
///
/// Invariants, checked by [`DirectiveBuilder::build`]: task numbers are unique; fixed due
/// dates are not before the issue date; a periodic report's stated frequency agrees with
/// its regime; indicator targets are finite; assignments to the recipients have
/// recipients; the cited documents have distinct keys, no reference of the document is
/// ambiguous among them, and their references form no cycle; task titles, deliverables and
/// indicator metrics are not blank, and the theme, task texts, units and monitoring text
/// are empty (not given) or say something.
///
/// # Example
///
/// See the [module documentation](super).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "super::wire::DirectiveWire",
        into = "super::wire::DirectiveWire"
    )
)]
pub struct Directive {
    pub(super) document: Document,
    pub(super) theme: String,
    pub(super) horizon: Option<Period>,
    pub(super) recipients: Vec<Selector>,
    pub(super) tasks: Vec<Task>,
    pub(super) monitoring: Option<Monitoring>,
    pub(super) cited: Vec<Document>,
}

impl Directive {
    /// Starts building a directive carried by a document.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::Directive;
    /// use directives::document::{DocSymbol, Document};
    ///
    /// let doc = Document::builder(DocSymbol::parse("16/CT-TTg")?, NaiveDate::from_ymd_opt(2020, 3, 31).ok_or("date")?).build()?;
    /// let d = Directive::builder(doc).theme("Phòng, chống dịch COVID-19").build()?;
    /// assert!(d.tasks().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn builder(document: Document) -> DirectiveBuilder {
        DirectiveBuilder {
            directive: Directive {
                document,
                theme: String::new(),
                horizon: None,
                recipients: Vec::new(),
                tasks: Vec::new(),
                monitoring: None,
                cited: Vec::new(),
            },
        }
    }

    /// The document that carries the directive.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Monitoring, Requirement, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let cited = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .theme("Năm dân vận 2024")
    ///     .horizon(Period::year(2024)?)
    ///     .recipient(Selector::Body("TH-TU-BDV".parse()?))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền").assign(Role::Lead, Assignee::Recipients).require(Requirement::Continuous))
    ///     .monitoring(Monitoring::new("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.document().symbol().as_str(), "1470-CV/TU");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The key: the document's symbol and issue date (always known for a directive; convert
    /// it into a [`DocKey`](crate::document::DocKey) to look the document up in a
    /// [`DocumentIndex`](crate::document::DocumentIndex)).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Monitoring, Requirement, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let cited = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .theme("Năm dân vận 2024")
    ///     .horizon(Period::year(2024)?)
    ///     .recipient(Selector::Body("TH-TU-BDV".parse()?))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền").assign(Role::Lead, Assignee::Recipients).require(Requirement::Continuous))
    ///     .monitoring(Monitoring::new("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.key().to_string(), "1470-CV/TU of 2024-02-22");
    /// assert_eq!(directive.key().issued(), issued);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn key(&self) -> DirectiveKey {
        DirectiveKey::new(self.document.symbol().clone(), self.document.issued())
    }

    /// The issue date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Monitoring, Requirement, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let cited = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .theme("Năm dân vận 2024")
    ///     .horizon(Period::year(2024)?)
    ///     .recipient(Selector::Body("TH-TU-BDV".parse()?))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền").assign(Role::Lead, Assignee::Recipients).require(Requirement::Continuous))
    ///     .monitoring(Monitoring::new("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.issued(), issued);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issued(&self) -> NaiveDate {
        self.document.issued()
    }

    /// The theme, possibly empty.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Monitoring, Requirement, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let cited = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .theme("Năm dân vận 2024")
    ///     .horizon(Period::year(2024)?)
    ///     .recipient(Selector::Body("TH-TU-BDV".parse()?))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền").assign(Role::Lead, Assignee::Recipients).require(Requirement::Continuous))
    ///     .monitoring(Monitoring::new("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.theme(), "Năm dân vận 2024");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn theme(&self) -> &str {
        &self.theme
    }

    /// The period the directive covers, if stated.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Monitoring, Requirement, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let cited = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .theme("Năm dân vận 2024")
    ///     .horizon(Period::year(2024)?)
    ///     .recipient(Selector::Body("TH-TU-BDV".parse()?))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền").assign(Role::Lead, Assignee::Recipients).require(Requirement::Continuous))
    ///     .monitoring(Monitoring::new("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.horizon().map(|p| p.to_string()).as_deref(), Some("2024"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn horizon(&self) -> Option<Period> {
        self.horizon
    }

    /// The recipients (nơi nhận).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Monitoring, Requirement, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let cited = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .theme("Năm dân vận 2024")
    ///     .horizon(Period::year(2024)?)
    ///     .recipient(Selector::Body("TH-TU-BDV".parse()?))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền").assign(Role::Lead, Assignee::Recipients).require(Requirement::Continuous))
    ///     .monitoring(Monitoring::new("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.recipients().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn recipients(&self) -> &[Selector] {
        &self.recipients
    }

    /// The tasks, in the order of the text.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Monitoring, Requirement, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let cited = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .theme("Năm dân vận 2024")
    ///     .horizon(Period::year(2024)?)
    ///     .recipient(Selector::Body("TH-TU-BDV".parse()?))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền").assign(Role::Lead, Assignee::Recipients).require(Requirement::Continuous))
    ///     .monitoring(Monitoring::new("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.tasks().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// The task with a number, compared as [`TaskNumber`] stores it (`01` finds task
    /// `1`); `None` if no task has it or the text is not a task number.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Monitoring, Requirement, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let cited = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .theme("Năm dân vận 2024")
    ///     .horizon(Period::year(2024)?)
    ///     .recipient(Selector::Body("TH-TU-BDV".parse()?))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền").assign(Role::Lead, Assignee::Recipients).require(Requirement::Continuous))
    ///     .monitoring(Monitoring::new("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.task("1").map(Task::title), Some("Tuyên truyền"));
    /// assert_eq!(directive.task("01").map(Task::title), Some("Tuyên truyền"));
    /// assert!(directive.task("2").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn task(&self, number: &str) -> Option<&Task> {
        let number = TaskNumber::new(number).ok()?;
        self.tasks.iter().find(|t| *t.number() == number)
    }

    /// The monitoring clause, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Monitoring, Requirement, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let cited = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .theme("Năm dân vận 2024")
    ///     .horizon(Period::year(2024)?)
    ///     .recipient(Selector::Body("TH-TU-BDV".parse()?))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền").assign(Role::Lead, Assignee::Recipients).require(Requirement::Continuous))
    ///     .monitoring(Monitoring::new("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert!(directive.monitoring().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn monitoring(&self) -> Option<&Monitoring> {
        self.monitoring.as_ref()
    }

    /// The documents the directive cites, as far as they are known.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Monitoring, Requirement, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let cited = Document::builder(DocSymbol::parse("23-QĐ/TW")?, NaiveDate::from_ymd_opt(2021, 7, 30).ok_or("date")?).title("Ban hành Quy chế công tác dân vận").build()?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .theme("Năm dân vận 2024")
    ///     .horizon(Period::year(2024)?)
    ///     .recipient(Selector::Body("TH-TU-BDV".parse()?))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền").assign(Role::Lead, Assignee::Recipients).require(Requirement::Continuous))
    ///     .monitoring(Monitoring::new("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.cited()[0].symbol().as_str(), "23-QĐ/TW");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn cited(&self) -> &[Document] {
        &self.cited
    }

    /// The lints of the directive against a registry of bodies, resolved on the issue
    /// date, in a stable order: the document and its references, the recipients, each task
    /// in order, the monitoring clause. See [`LintCode`] for the list.
    ///
    /// The calendar gives the due dates of periodic reports over the directive's horizon,
    /// for the "deadline before issue" lint.
    ///
    /// # Errors
    ///
    /// [`DirectiveError::Schedule`] if a periodic report's schedule over the horizon
    /// cannot be computed on the calendar (a horizon outside the calendar's years): the
    /// lint is not skipped silently.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Role, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::{Body, BodyKind, Level, Registry, Selector};
    ///
    /// let day = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let registry = Registry::builder()
    ///     .body(Body::new("A".parse()?, "A", BodyKind::Other, Level::Province, day))
    ///     .body(Body::new("B".parse()?, "B", BodyKind::Other, Level::Province, day))
    ///     .build()?;
    /// let doc = Document::builder(DocSymbol::parse("1/KH-UBND")?, day).build()?;
    /// let directive = Directive::builder(doc)
    ///     .task(
    ///         Task::new("1".parse()?, "Two leads")
    ///             .assign(Role::Lead, Assignee::Bodies(Selector::Body("A".parse()?)))
    ///             .assign(Role::Lead, Assignee::Bodies(Selector::Body("B".parse()?))),
    ///     )
    ///     .build()?;
    /// let lints = directive.lint(&registry, &directives::calendar::WorkCalendar::vietnam()?)?;
    /// assert_eq!(
    ///     lints[0].to_string(),
    ///     "error[DIR002] task 1: the task has 2 leads; each task has exactly one (the Government's Working Regulation attached to Decree 39/2022/NĐ-CP, working principle 2: \"Mỗi nhiệm vụ chỉ giao cho một người chủ trì và chịu trách nhiệm\")"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lint(
        &self,
        registry: &Registry,
        calendar: &WorkCalendar,
    ) -> Result<Vec<Lint>, DirectiveError> {
        Linter::new(self, registry, calendar).run()
    }
}

/// Builds a [`Directive`]; [`DirectiveBuilder::build`] checks it.
///
/// # Example
///
/// See the [module documentation](super).
#[derive(Debug, Clone)]
pub struct DirectiveBuilder {
    directive: Directive,
}

impl DirectiveBuilder {
    /// Sets the theme, stored in Unicode normalization form C.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Monitoring, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let builder = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?);
    /// assert_eq!(builder.theme("Dân vận").build()?.theme(), "Dân vận");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn theme(mut self, theme: impl Into<String>) -> DirectiveBuilder {
        self.directive.theme = crate::text::nfc(theme.into());
        self
    }

    /// Sets the horizon.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Monitoring, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let builder = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?);
    /// assert_eq!(builder.horizon(Period::year(2024)?).build()?.horizon(), Some(Period::year(2024)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn horizon(mut self, horizon: Period) -> DirectiveBuilder {
        self.directive.horizon = Some(horizon);
        self
    }

    /// Adds a recipient selector.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Monitoring, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let builder = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?);
    /// let d = builder.recipient(Selector::Body("TH-TU-BDV".parse()?)).build()?;
    /// assert_eq!(d.recipients().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn recipient(mut self, selector: Selector) -> DirectiveBuilder {
        self.directive.recipients.push(selector);
        self
    }

    /// Adds a task.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Monitoring, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let builder = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?);
    /// let d = builder.task(Task::new("3a".parse()?, "t")).build()?;
    /// assert!(d.task("3a").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn task(mut self, task: Task) -> DirectiveBuilder {
        self.directive.tasks.push(task);
        self
    }

    /// Sets the monitoring clause.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Monitoring, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let builder = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?);
    /// assert!(builder.monitoring(Monitoring::new("m")).build()?.monitoring().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn monitoring(mut self, monitoring: Monitoring) -> DirectiveBuilder {
        self.directive.monitoring = Some(monitoring);
        self
    }

    /// Adds a document the directive cites.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Monitoring, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Selector;
    /// use directives::period::Period;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let builder = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?);
    /// let kl = Document::builder(DocSymbol::parse("114-KL/TW")?, NaiveDate::from_ymd_opt(2015, 7, 14).ok_or("date")?).build()?;
    /// assert_eq!(builder.cited(kl).build()?.cited().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn cited(mut self, document: Document) -> DirectiveBuilder {
        self.directive.cited.push(document);
        self
    }

    /// Checks the directive and builds it.
    ///
    /// # Errors
    ///
    /// - [`DirectiveError::DuplicateTask`] if two tasks share a number (`1` and `01` are
    ///   one number);
    /// - [`DirectiveError::Blank`] if a task's title, a deliverable or an indicator's
    ///   metric is empty or blank, or the theme, a task's text, a unit or the monitoring
    ///   text is given but blank;
    /// - [`DirectiveError::DateBeforeIssue`] if a fixed due date is before the issue date;
    /// - [`DirectiveError::FrequencyMismatch`] if a report's stated frequency differs from
    ///   its regime's;
    /// - [`DirectiveError::InvalidTarget`] if an indicator target is not finite;
    /// - [`DirectiveError::NoRecipients`] if an assignment names the recipients and there
    ///   are none;
    /// - [`DirectiveError::Document`] if cited documents share a key, a reference of the
    ///   document matches several of them, or the references among the documents form a
    ///   cycle.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Task};
    /// use directives::document::{DocSymbol, Document};
    ///
    /// let doc = Document::builder(DocSymbol::parse("1/KH-UBND")?, NaiveDate::from_ymd_opt(2024, 1, 2).ok_or("date")?).build()?;
    /// let err = Directive::builder(doc)
    ///     .task(Task::new("1".parse()?, "a"))
    ///     .task(Task::new("01".parse()?, "b"))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "duplicate task number `1` at `tasks[1].number`: `tasks[0]` has the same number"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<Directive, DirectiveError> {
        let d = self.directive;
        let mut numbers = HashMap::with_capacity(d.tasks.len());
        for (index, task) in d.tasks.iter().enumerate() {
            if let Some(&first) = numbers.get(task.number()) {
                return Err(DirectiveError::DuplicateTask {
                    number: task.number().clone(),
                    index,
                    first,
                });
            }
            numbers.insert(task.number(), index);
        }
        d.check_texts()?;
        let issued = d.document.issued();
        let has_recipients = !d.recipients.is_empty();
        for (at, assignments, requirements) in d.parts() {
            for (index, a) in assignments.iter().enumerate() {
                if *a.assignee() == Assignee::Recipients && !has_recipients {
                    return Err(DirectiveError::NoRecipients {
                        location: at.assignment(index),
                    });
                }
            }
            for (index, r) in requirements.iter().enumerate() {
                check_requirement(r, at.requirement(index), issued)?;
            }
        }
        let index =
            DocumentIndex::from_documents(d.cited.iter().cloned().chain([d.document.clone()]))?;
        for r in d.document.references() {
            match index.resolve(r.target()) {
                Ok(_) | Err(DocumentError::UnknownDocument { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
        // A document cites only documents issued before it, so a cycle among the cited
        // documents is a mistake in the data (a wrong symbol or date), not a fact to lint.
        index.check_acyclic()?;
        Ok(d)
    }
}

fn check_requirement(
    r: &Requirement,
    location: Location,
    issued: NaiveDate,
) -> Result<(), DirectiveError> {
    if let Some(date) = r.fixed_date()
        && date < issued
    {
        return Err(DirectiveError::DateBeforeIssue {
            location,
            date,
            issued,
        });
    }
    match r {
        Requirement::PeriodicReport(report) => {
            if let (Some(regime), Some(stated)) = (report.regime(), report.stated_frequency())
                && regime.frequency() != stated
            {
                return Err(DirectiveError::FrequencyMismatch {
                    location,
                    stated,
                    regime: regime.frequency(),
                });
            }
        }
        Requirement::Indicator {
            target: Some(target),
            ..
        } if !target.is_finite() => {
            return Err(DirectiveError::InvalidTarget {
                location,
                value: target.to_string(),
            });
        }
        _ => {}
    }
    Ok(())
}

impl Directive {
    /// Refuses texts that must say something and are empty or blank, and optional texts
    /// that are given but blank.
    fn check_texts(&self) -> Result<(), DirectiveError> {
        let blank = |path: String| Err(DirectiveError::Blank { path });
        let given_but_blank = |text: &str| !text.is_empty() && is_blank(text);
        if given_but_blank(&self.theme) {
            return blank("theme".to_owned());
        }
        for (i, task) in self.tasks.iter().enumerate() {
            if is_blank(task.title()) {
                return blank(format!("tasks[{i}].title"));
            }
            if given_but_blank(task.text()) {
                return blank(format!("tasks[{i}].text"));
            }
        }
        if let Some(m) = &self.monitoring
            && given_but_blank(m.text())
        {
            return blank("monitoring.text".to_owned());
        }
        for (part, _, requirements) in self.parts() {
            for (i, r) in requirements.iter().enumerate() {
                let field = match r {
                    Requirement::Deliverable { what, .. } if is_blank(what) => "what",
                    Requirement::Indicator { metric, .. } if is_blank(metric) => "metric",
                    Requirement::Indicator {
                        unit: Some(unit), ..
                    } if is_blank(unit) => "unit",
                    _ => continue,
                };
                return blank(format!("{}.{field}", part.requirement(i).path()));
            }
        }
        Ok(())
    }
}

/// A task or the monitoring clause, for the checks they share.
#[derive(Debug, Clone)]
enum Part {
    Task { index: usize, number: TaskNumber },
    Monitoring,
}

impl Part {
    /// What the lints call the part, in English and Vietnamese.
    fn noun(&self) -> (&'static str, &'static str) {
        match self {
            Part::Task { .. } => ("task", "nhiệm vụ"),
            Part::Monitoring => ("monitoring clause", "nội dung theo dõi, đôn đốc"),
        }
    }

    fn location(&self) -> Location {
        match self {
            Part::Task { index, number } => Location::Task {
                task: *index,
                number: number.clone(),
            },
            Part::Monitoring => Location::Monitoring,
        }
    }

    fn assignment(&self, i: usize) -> Location {
        match self {
            Part::Task { index, number } => Location::Assignment {
                task: *index,
                number: number.clone(),
                index: i,
            },
            Part::Monitoring => Location::MonitoringAssignment { index: i },
        }
    }

    fn requirement(&self, i: usize) -> Location {
        match self {
            Part::Task { index, number } => Location::Requirement {
                task: *index,
                number: number.clone(),
                index: i,
            },
            Part::Monitoring => Location::MonitoringRequirement { index: i },
        }
    }
}

impl Directive {
    /// The tasks and the monitoring clause, with their assignments and requirements.
    fn parts(&self) -> Vec<(Part, &[Assignment], &[Requirement])> {
        let mut parts: Vec<(Part, &[Assignment], &[Requirement])> = self
            .tasks
            .iter()
            .enumerate()
            .map(|(index, task)| {
                (
                    Part::Task {
                        index,
                        number: task.number().clone(),
                    },
                    task.assignments(),
                    task.requirements(),
                )
            })
            .collect();
        if let Some(m) = &self.monitoring {
            parts.push((Part::Monitoring, m.assignments(), m.requirements()));
        }
        parts
    }
}

/// The state of one run of the lints.
struct Linter<'a> {
    directive: &'a Directive,
    registry: &'a Registry,
    date: NaiveDate,
    lints: Vec<Lint>,
    recipients: BTreeSet<BodyId>,
    calendar: &'a WorkCalendar,
}

impl<'a> Linter<'a> {
    fn new(
        directive: &'a Directive,
        registry: &'a Registry,
        calendar: &'a WorkCalendar,
    ) -> Linter<'a> {
        Linter {
            directive,
            registry,
            date: directive.issued(),
            lints: Vec::new(),
            recipients: BTreeSet::new(),
            calendar,
        }
    }

    fn push(&mut self, code: LintCode, location: Location, en: String, vi: String) {
        self.lints.push(Lint::new(code, location, en, vi));
    }

    /// The symbol system of the directive's document: State rules the lints cite apply to
    /// a Party document by analogy.
    fn system(&self) -> crate::document::SymbolSystem {
        self.directive.document.symbol().system()
    }

    fn run(mut self) -> Result<Vec<Lint>, DirectiveError> {
        self.document();
        for (index, selector) in self.directive.recipients.iter().enumerate() {
            let location = Location::Recipient { index };
            let bodies = self.select(selector, location);
            self.recipients.extend(bodies);
        }
        for (part, assignments, requirements) in self.directive.parts() {
            self.part(&part, assignments, requirements)?;
        }
        Ok(self.lints)
    }

    fn document(&mut self) {
        let doc = &self.directive.document;
        if doc.symbol().is_irregular() {
            let (en, vi) = irregular(doc.symbol());
            self.push(LintCode::IrregularSymbol, Location::Document, en, vi);
        }
        if let Some(code) = doc.issuer().and_then(|i| i.body_code())
            && self.registry.id(code).is_none()
        {
            self.unknown_body(code, Location::Document);
        }
        let index = DocumentIndex::from_documents(self.directive.cited.iter().cloned()).ok();
        for (i, r) in doc.references().iter().enumerate() {
            let location = Location::Reference { index: i };
            let symbol = r.target().symbol();
            if symbol.is_irregular() {
                let (en, vi) = irregular(symbol);
                self.push(LintCode::IrregularSymbol, location.clone(), en, vi);
            }
            let known = index
                .as_ref()
                .is_some_and(|ix| ix.get(r.target()).is_some());
            if !known {
                self.push(
                    LintCode::UnknownReference,
                    location,
                    format!(
                        "reference to a document the directive does not cite: `{}`",
                        r.target()
                    ),
                    format!(
                        "dẫn chiếu văn bản không có trong danh sách căn cứ: `{}`",
                        r.target()
                    ),
                );
            }
        }
    }

    /// Resolves a selector on the issue date, reporting unknown codes and empty results.
    fn select(&mut self, selector: &Selector, location: Location) -> Vec<BodyId> {
        match self.registry.select(selector, self.date) {
            Ok(bodies) => {
                if bodies.is_empty() {
                    let date = self.date;
                    self.push(
                        LintCode::SelectsNothing,
                        location,
                        format!("the selector selects no body on {date}"),
                        format!("không chọn được cơ quan, đơn vị nào vào ngày {date}"),
                    );
                }
                bodies
            }
            Err(OrgError::UnknownCode { code }) => {
                self.unknown_body(&code, location);
                Vec::new()
            }
            Err(e) => {
                self.push(
                    LintCode::UnknownBody,
                    location,
                    format!("the selector cannot be resolved: {e}"),
                    format!("không xác định được cơ quan, đơn vị: {e}"),
                );
                Vec::new()
            }
        }
    }

    fn unknown_body(&mut self, code: &BodyCode, location: Location) {
        self.push(
            LintCode::UnknownBody,
            location,
            format!("unknown body code `{code}`"),
            format!("mã cơ quan `{code}` không có trong danh mục"),
        );
    }

    fn assignees(&mut self, assignee: &Assignee, location: Location) -> BTreeSet<BodyId> {
        match assignee {
            Assignee::Recipients => self.recipients.clone(),
            Assignee::Bodies(selector) => self.select(selector, location).into_iter().collect(),
        }
    }

    fn part(
        &mut self,
        part: &Part,
        assignments: &[Assignment],
        requirements: &[Requirement],
    ) -> Result<(), DirectiveError> {
        let at = part.location();
        let (en, vi) = part.noun();
        let leads: usize = assignments
            .iter()
            .filter(|a| a.role() == Role::Lead)
            .map(|a| leads_named(a.assignee()))
            .sum();
        match leads {
            0 => self.push(
                LintCode::NoLead,
                at.clone(),
                format!("the {en} has no lead (chủ trì)"),
                format!("{vi} chưa giao cơ quan, đơn vị chủ trì"),
            ),
            1 => {}
            n => {
                let (cite_en, cite_vi) = one_lead_citation(self.system());
                self.push(
                    LintCode::SeveralLeads,
                    at.clone(),
                    format!("the {en} has {n} leads; each task has exactly one ({cite_en})"),
                    format!("{vi} có {n} cơ quan chủ trì; mỗi nhiệm vụ chỉ giao cho một người chủ trì ({cite_vi})"),
                );
            }
        }
        let mut lead_bodies = BTreeSet::new();
        let mut coordinators = BTreeSet::new();
        // The bodies that owe the part's reports: its leads and implementers, as obligation
        // expansion counts them.
        let mut senders = BTreeSet::new();
        for (i, a) in assignments.iter().enumerate() {
            let bodies = self.assignees(a.assignee(), part.assignment(i));
            match a.role() {
                Role::Lead => {
                    senders.extend(bodies.iter().copied());
                    lead_bodies.extend(bodies);
                }
                Role::Implement => senders.extend(bodies),
                Role::Coordinate => coordinators.extend(bodies),
                Role::Advise | Role::Monitor => {}
            }
        }
        for id in lead_bodies.intersection(&coordinators) {
            let code = self.code_of(*id);
            self.push(
                LintCode::LeadAndCoordinator,
                at.clone(),
                format!("`{code}` is both lead and coordinator of the {en}"),
                format!("`{code}` vừa chủ trì vừa phối hợp thực hiện {vi}"),
            );
        }
        if requirements.is_empty() {
            self.push(
                LintCode::ContinuousOnly,
                at.clone(),
                format!("the {en} states no requirement: no deliverable and no deadline"),
                format!("{vi} không nêu yêu cầu: không có sản phẩm và thời hạn cụ thể"),
            );
        } else if requirements
            .iter()
            .all(|r| matches!(r, Requirement::Continuous))
        {
            self.push(
                LintCode::ContinuousOnly,
                at.clone(),
                format!("the {en} asks for continuous work only: no deliverable and no deadline"),
                format!("{vi} thường xuyên: không có sản phẩm và thời hạn cụ thể"),
            );
        }
        for (i, r) in requirements.iter().enumerate() {
            let location = part.requirement(i);
            match r {
                Requirement::PeriodicReport(report) => {
                    self.report(report, location, &senders)?;
                }
                Requirement::Deliverable { due: None, .. } => self.push(
                    LintCode::RequirementWithoutDeadline,
                    location,
                    "the deliverable states no deadline".to_owned(),
                    "sản phẩm không nêu thời hạn hoàn thành".to_owned(),
                ),
                Requirement::Indicator { by: None, .. } => self.push(
                    LintCode::RequirementWithoutDeadline,
                    location,
                    "the indicator states no deadline".to_owned(),
                    "chỉ tiêu không nêu thời hạn đạt được".to_owned(),
                ),
                _ => {}
            }
        }
        Ok(())
    }

    fn code_of(&self, id: BodyId) -> String {
        self.registry
            .code(id)
            .map_or_else(|| format!("#{}", id.index()), ToString::to_string)
    }

    fn report(
        &mut self,
        report: &PeriodicReport,
        location: Location,
        senders: &BTreeSet<BodyId>,
    ) -> Result<(), DirectiveError> {
        if report.frequency().is_none() {
            self.push(
                LintCode::ReportWithoutFrequency,
                location.clone(),
                "the periodic report states no frequency".to_owned(),
                "báo cáo định kỳ không nêu tần suất (kỳ báo cáo)".to_owned(),
            );
        }
        if report.deadline().is_none() {
            let (cite_en, cite_vi) = report_deadline_citation(self.system());
            self.push(
                LintCode::ReportWithoutDeadline,
                location.clone(),
                format!("the periodic report states no deadline ({cite_en})"),
                format!("báo cáo định kỳ không nêu thời hạn gửi báo cáo ({cite_vi})"),
            );
        }
        for code in [report.recipient(), report.intake()].into_iter().flatten() {
            if self.registry.id(code).is_none() {
                self.unknown_body(code, location.clone());
            }
        }
        let sender = |code: &BodyCode| {
            self.registry
                .id(code)
                .is_some_and(|id| senders.contains(&id))
        };
        if let Some(to) = report.recipient().filter(|c| sender(c)) {
            self.push(
                LintCode::ReportsToItself,
                location.clone(),
                format!("`{to}` reports to itself"),
                format!("`{to}` báo cáo cho chính mình"),
            );
        }
        if let Some(through) = report.intake().filter(|c| sender(c)) {
            self.push(
                LintCode::ReportsToItself,
                location.clone(),
                format!("`{through}` sends its report through itself"),
                format!("`{through}` gửi báo cáo qua chính mình"),
            );
        }
        if let (Some(to), Some(through)) = (report.recipient(), report.intake())
            && to == through
        {
            self.push(
                LintCode::IntakeIsRecipient,
                location.clone(),
                format!("the report goes to `{to}` through `{through}`, the same body"),
                format!("báo cáo gửi `{to}` qua chính `{through}`"),
            );
        }
        self.early_deadline(report, location)
    }

    /// A periodic report whose first due dates in the horizon fall before the issue date.
    fn early_deadline(
        &mut self,
        report: &PeriodicReport,
        location: Location,
    ) -> Result<(), DirectiveError> {
        let (Some(regime), Some(horizon)) = (report.regime(), self.directive.horizon) else {
            return Ok(());
        };
        let schedule = match regime.schedule(horizon.start(), horizon.end(), self.calendar) {
            Ok(schedule) => schedule,
            Err(source) => {
                return Err(DirectiveError::Schedule {
                    location,
                    horizon,
                    source: Box::new(source),
                });
            }
        };
        let issued = self.date;
        if let Some(first) = schedule.iter().find(|p| p.due() < issued) {
            let (period, due) = (first.period(), first.due());
            self.push(
                LintCode::DeadlineBeforeIssue,
                location,
                format!(
                    "the report for {period} falls due on {due}, before the issue date {issued}"
                ),
                format!("báo cáo kỳ {period} đến hạn ngày {due}, trước ngày ban hành {issued}"),
            );
        }
        Ok(())
    }
}

/// How many leads an assignment names: one per body it names by code (`Body`, directly or
/// in an `Any`), plus one for a category of bodies (a kind, a level, the recipients), whose
/// bodies each lead their own share.
fn leads_named(assignee: &Assignee) -> usize {
    fn walk<'a>(selector: &'a Selector, named: &mut BTreeSet<&'a BodyCode>, category: &mut bool) {
        match selector {
            Selector::Body(code) => {
                named.insert(code);
            }
            Selector::Any(list) => {
                for s in list {
                    walk(s, named, category);
                }
            }
            _ => *category = true,
        }
    }
    match assignee {
        Assignee::Bodies(selector) => {
            let mut named = BTreeSet::new();
            let mut category = false;
            walk(selector, &mut named, &mut category);
            (named.len() + usize::from(category)).max(1)
        }
        _ => 1,
    }
}

fn irregular(symbol: &crate::document::DocSymbol) -> (String, String) {
    use crate::document::Irregularity;
    let kind = symbol.kind();
    let en_kind = kind.map_or_else(|| "a document".to_owned(), |k| k.english_with_article());
    let vi_kind = kind.map_or("văn bản", |k| k.label(crate::Lang::Vi));
    match symbol.irregularity() {
        Some(Irregularity::YearOnNonNormativeKind) | None => (
            format!(
                "irregular symbol `{symbol}`: {en_kind} with a year, though it has not been a legal-normative document since 2016 (Law 80/2015/QH13 art. 4)"
            ),
            format!(
                "số, ký hiệu `{symbol}` không đúng thể thức: {vi_kind} có năm ban hành, dù không còn là văn bản quy phạm pháp luật từ năm 2016 (Luật 80/2015/QH13, Điều 4)"
            ),
        ),
        Some(other) => (
            format!("irregular symbol `{symbol}`: {other}"),
            format!(
                "số, ký hiệu `{symbol}` không đúng thể thức: {}",
                other.label(crate::Lang::Vi)
            ),
        ),
    }
}
