//! The directive and its builder; the lints are in `lint.rs`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::DirectiveError;
use super::key::DirectiveKey;
use super::lint::{Lint, Linter, Location};
use super::task::{Assignee, Clause, Requirement, Task};
use crate::calendar::WorkCalendar;
use crate::document::{Document, DocumentError, DocumentIndex};
use crate::org::{Registry, Selector};
use crate::period::Period;
use crate::text::is_blank;

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
    pub(super) monitoring: Option<Task>,
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
            monitorings: 0,
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
    /// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
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
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
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
    /// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
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
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
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
    /// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
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
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
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
    /// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
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
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
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
    /// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
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
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
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
    /// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
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
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
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
    /// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
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
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.tasks().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// The clause named by its short form ([`Clause::as_str`](super::Clause::as_str)): the
    /// task with a number, compared as [`TaskNumber`](crate::directive::TaskNumber) stores it (`01` finds task `1`), or
    /// the monitoring clause for `monitoring`; `None` if the directive has no such clause
    /// or the text names none.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
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
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert_eq!(directive.task("1").map(Task::title), Some("Tuyên truyền"));
    /// assert_eq!(directive.task("01").map(Task::title), Some("Tuyên truyền"));
    /// assert!(directive.task("2").is_none());
    /// assert_eq!(directive.task("monitoring").map(Task::text), Some("theo dõi, đôn đốc"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn task(&self, clause: &str) -> Option<&Task> {
        let clause: Clause = clause.parse().ok()?;
        self.clauses().find(|t| *t.clause() == clause)
    }

    /// Every clause: the tasks in order, then the monitoring clause if any.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Task};
    /// use directives::document::{DocSymbol, Document};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let directive = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?)
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
    ///     .task(Task::new("1".parse()?, "Tuyên truyền"))
    ///     .build()?;
    /// let clauses: Vec<String> = directive.clauses().map(|t| t.clause().to_string()).collect();
    /// assert_eq!(clauses, ["task 1", "monitoring clause"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn clauses(&self) -> impl Iterator<Item = &Task> + '_ {
        self.tasks.iter().chain(&self.monitoring)
    }

    /// The monitoring clause, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
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
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
    ///     .cited(cited)
    ///     .build()?;
    /// assert!(directive.monitoring().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn monitoring(&self) -> Option<&Task> {
        self.monitoring.as_ref()
    }

    /// The documents the directive cites, as far as they are known.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Assignee, Directive, Requirement, Role, Task};
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
    ///     .task(Task::monitoring("theo dõi, đôn đốc"))
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
    /// in order, the monitoring clause. See [`LintCode`](super::LintCode) for the list.
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
    /// How many monitoring clauses were given (one at most is valid).
    monitorings: usize,
}

impl DirectiveBuilder {
    /// Sets the theme, stored in Unicode normalization form C.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Task};
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
    /// use directives::directive::{Directive, Task};
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
    /// use directives::directive::{Directive, Task};
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

    /// Adds a clause: a numbered task, or the monitoring clause ([`Task::monitoring`]).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Task};
    /// use directives::document::{DocSymbol, Document};
    ///
    /// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    /// let builder = Directive::builder(Document::builder(DocSymbol::parse("1470-CV/TU")?, issued).build()?);
    /// let d = builder.task(Task::new("3a".parse()?, "t")).task(Task::monitoring("m")).build()?;
    /// assert!(d.task("3a").is_some());
    /// assert_eq!(d.monitoring().map(Task::text), Some("m"));
    /// assert_eq!(d.tasks().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn task(mut self, task: Task) -> DirectiveBuilder {
        if task.number().is_some() {
            self.directive.tasks.push(task);
        } else {
            self.monitorings += 1;
            self.directive.monitoring = Some(task);
        }
        self
    }

    /// Adds a document the directive cites.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, Task};
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
    ///   one number), [`DirectiveError::DuplicateMonitoring`] if two monitoring clauses
    ///   were given;
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
        if self.monitorings > 1 {
            return Err(DirectiveError::DuplicateMonitoring);
        }
        let d = self.directive;
        let mut numbers = HashMap::with_capacity(d.tasks.len());
        // `tasks` holds the numbered tasks only (`task` puts the monitoring clause apart).
        for (index, number) in d.tasks.iter().filter_map(Task::number).enumerate() {
            if let Some(&first) = numbers.get(number) {
                return Err(DirectiveError::DuplicateTask {
                    number: number.clone(),
                    index,
                    first,
                });
            }
            numbers.insert(number, index);
        }
        d.check_texts()?;
        let issued = d.document.issued();
        let has_recipients = !d.recipients.is_empty();
        let too_deep = |location| DirectiveError::SelectorTooDeep {
            location,
            limit: Selector::MAX_DEPTH,
        };
        for (index, selector) in d.recipients.iter().enumerate() {
            if selector.depth() > Selector::MAX_DEPTH {
                return Err(too_deep(Location::Recipient { index }));
            }
        }
        for (at, task) in d.parts() {
            for (index, a) in task.assignments().iter().enumerate() {
                if let Assignee::Bodies(selector) = a.assignee()
                    && selector.depth() > Selector::MAX_DEPTH
                {
                    return Err(too_deep(at.assignment(index)));
                }
                if *a.assignee() == Assignee::Recipients && !has_recipients {
                    return Err(DirectiveError::NoRecipients {
                        location: at.assignment(index),
                    });
                }
            }
            for (index, r) in task.requirements().iter().enumerate() {
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
        for (at, task) in self.parts() {
            // The monitoring clause has no title.
            if task.number().is_some() && is_blank(task.title()) {
                return blank(format!("{}.title", at.path()));
            }
            if given_but_blank(task.text()) {
                return blank(format!("{}.text", at.path()));
            }
            for (i, r) in task.requirements().iter().enumerate() {
                let field = match r {
                    Requirement::Deliverable { what, .. } if is_blank(what) => "what",
                    Requirement::Indicator { metric, .. } if is_blank(metric) => "metric",
                    Requirement::Indicator {
                        unit: Some(unit), ..
                    } if is_blank(unit) => "unit",
                    _ => continue,
                };
                return blank(format!("{}.{field}", at.requirement(i).path()));
            }
        }
        Ok(())
    }
}
