//! Lints: findings about a directive that is valid but doubtful.

use std::fmt;

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::DirectiveError;
use super::model::Directive;
use super::task::{Assignee, Assignment, Clause, PeriodicReport, Requirement, Role, Task};
use crate::calendar::WorkCalendar;
use crate::document::DocumentIndex;
use crate::document::SymbolSystem;
use crate::org::{BodyCode, BodyId, OrgError, Registry, Selector};
use crate::provenance::{Fact, FactArea, Provenance};
use crate::regime::{LegalForce, RegimeScope};

/// The legal rules the lints cite, as facts with their provenance.
///
/// Each fact's id is the lint code it backs (`DIR002`, `DIR004`, `DIR011`), plus
/// `by_analogy` for the reading that State rules apply to a Party document as a model.
///
/// # Example
///
/// ```
/// use directives::directive;
/// use directives::provenance::Certainty;
///
/// let facts = directive::facts();
/// let dir004 = facts.iter().find(|f| f.id() == "DIR004").ok_or("no DIR004")?;
/// assert_eq!(dir004.provenance().citation(), Some("Decree 09/2019/NĐ-CP art. 8.5(b)"));
/// assert!(facts.iter().any(|f| f.is_below(Certainty::Corroborated)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn facts() -> Vec<Fact> {
    let rules = [
        (
            "DIR002",
            "each task is given to one lead, answerable for it (\"Mỗi nhiệm vụ chỉ giao cho một người chủ trì và chịu trách nhiệm\"), a working principle of the Government's Working Regulation attached to Decree 39/2022/NĐ-CP, not an article of the decree itself",
            Provenance::corroborated([
                "thuvienphapluat.vn, summary of Decree 39/2022/NĐ-CP: the six working principles of the Government",
                "baodautu.vn, report of the Working Regulation of 2022: principle 2",
            ]),
        ),
        (
            "DIR004",
            "a periodic report states its deadline, no less than one working day after the end of its data cut-off, with a deadline per tier when it is aggregated",
            Provenance::verified("Decree 09/2019/NĐ-CP art. 8.5(b)"),
        ),
        (
            "DIR011",
            "a directive (chỉ thị) has not been a legal-normative document since 2016, so its symbol carries no year",
            Provenance::unverified(
                "Law 80/2015/QH13 art. 4 lists the kinds of legal-normative documents without the directive; the article was not re-read here, and a symbol with a year is flagged as a warning, not refused",
            ),
        ),
        (
            "by_analogy",
            "the State rules the lints cite (Decree 09/2019/NĐ-CP, the Government's Working Regulation) apply to a directive of the Party by analogy",
            Provenance::unverified(
                "Decree 09/2019/NĐ-CP governs state administrative agencies and the Working Regulation the Government; no Party rule on report deadlines or on one lead per task was read, so the State rules are applied to Party documents as a model",
            ),
        ),
    ];
    rules
        .into_iter()
        .filter_map(|(id, statement, provenance)| {
            Some(Fact::new(
                FactArea::LegalRule,
                id,
                statement,
                provenance.ok()?,
            ))
        })
        .collect()
}

/// The citation of the one-lead rule for a directive of `system`, in English and
/// Vietnamese, with "by analogy" for a Party document.
pub(super) fn one_lead_citation(system: SymbolSystem) -> (String, String) {
    cite(
        system,
        "the Government's Working Regulation attached to Decree 39/2022/NĐ-CP, working principle 2: \"Mỗi nhiệm vụ chỉ giao cho một người chủ trì và chịu trách nhiệm\"",
        "Quy chế làm việc của Chính phủ ban hành kèm theo Nghị định 39/2022/NĐ-CP, nguyên tắc làm việc thứ 2",
    )
}

/// The citation of the rule that a periodic report states its deadline (one working day
/// after the cut-off, per tier), with "by analogy" for a Party document.
pub(super) fn report_deadline_citation(system: SymbolSystem) -> (String, String) {
    cite(
        system,
        "Decree 09/2019/NĐ-CP art. 8.5(b)",
        "điểm b khoản 5 Điều 8 Nghị định 09/2019/NĐ-CP",
    )
}

fn cite(system: SymbolSystem, en: &str, vi: &str) -> (String, String) {
    match RegimeScope::StateAdministration.force(system) {
        LegalForce::Direct => (en.to_owned(), vi.to_owned()),
        LegalForce::ByAnalogy => (
            format!("{en}, by analogy for a Party document"),
            format!("{vi}, áp dụng tương tự đối với văn bản của Đảng"),
        ),
    }
}

/// The stable code of a lint.
///
/// Codes never change meaning; new codes may be added, so the enum is
/// `#[non_exhaustive]`.
///
/// | code | lint | default severity |
/// |---|---|---|
/// | `DIR001` | a task with no lead | error |
/// | `DIR002` | a task with more than one lead (the Government's Working Regulation attached to Decree 39/2022/NĐ-CP) | error |
/// | `DIR003` | a periodic report with no frequency | warning |
/// | `DIR004` | a periodic report with no deadline (Decree 09/2019/NĐ-CP art. 8.5(b)) | warning |
/// | `DIR005` | a deliverable or indicator with no deadline | warning |
/// | `DIR006` | a task that asks only for continuous work, or states no requirement | info |
/// | `DIR007` | a selector (recipients, assignment) that selects no body on the issue date | warning |
/// | `DIR008` | a body reporting to itself, or through itself | error |
/// | `DIR009` | a report falling due before the issue date | warning |
/// | `DIR010` | a reference to a document the directive does not know | warning |
/// | `DIR011` | an irregular symbol, such as a directive with a year (`33/2021/CT-TTg`) | warning |
/// | `DIR012` | a body both lead and coordinator of a task | warning |
/// | `DIR013` | a body code the registry does not know | error |
/// | `DIR014` | a report sent to and through the same body | warning |
///
/// The rules `DIR002` and `DIR004` cite are State rules: the Working Regulation binds the
/// Government, and Decree 09/2019/NĐ-CP governs reporting between state administrative
/// agencies. For a directive of the Party (a symbol such as `1470-CV/TU`) they apply by
/// analogy, and the message says so.
///
/// # Example
///
/// ```
/// use directives::directive::{LintCode, Severity};
///
/// assert_eq!(LintCode::SeveralLeads.as_str(), "DIR002");
/// assert_eq!(LintCode::SeveralLeads.severity(), Severity::Error);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum LintCode {
    /// `DIR001`: a task with no lead.
    NoLead,
    /// `DIR002`: a task with more than one lead.
    SeveralLeads,
    /// `DIR003`: a periodic report with no frequency.
    ReportWithoutFrequency,
    /// `DIR004`: a periodic report with no deadline.
    ReportWithoutDeadline,
    /// `DIR005`: a deliverable or indicator with no deadline.
    RequirementWithoutDeadline,
    /// `DIR006`: a task that asks only for continuous work, or states no requirement.
    ContinuousOnly,
    /// `DIR007`: a selector that selects no body on the issue date.
    SelectsNothing,
    /// `DIR008`: a body that owes a report (a lead or an implementer of the task) reporting
    /// to itself, or sending its report through itself.
    ReportsToItself,
    /// `DIR009`: a report due before the issue date.
    DeadlineBeforeIssue,
    /// `DIR010`: a reference to an unknown document.
    UnknownReference,
    /// `DIR011`: an irregular document symbol.
    IrregularSymbol,
    /// `DIR012`: a body both lead and coordinator of a task.
    LeadAndCoordinator,
    /// `DIR013`: an unknown body code.
    UnknownBody,
    /// `DIR014`: a report whose recipient (`to`) is also its intake body (`through`).
    IntakeIsRecipient,
}

impl LintCode {
    /// The stable code, `DIR001` to `DIR014`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::LintCode;
    ///
    /// assert_eq!(LintCode::ReportWithoutFrequency.as_str(), "DIR003");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LintCode::NoLead => "DIR001",
            LintCode::SeveralLeads => "DIR002",
            LintCode::ReportWithoutFrequency => "DIR003",
            LintCode::ReportWithoutDeadline => "DIR004",
            LintCode::RequirementWithoutDeadline => "DIR005",
            LintCode::ContinuousOnly => "DIR006",
            LintCode::SelectsNothing => "DIR007",
            LintCode::ReportsToItself => "DIR008",
            LintCode::DeadlineBeforeIssue => "DIR009",
            LintCode::UnknownReference => "DIR010",
            LintCode::IrregularSymbol => "DIR011",
            LintCode::LeadAndCoordinator => "DIR012",
            LintCode::UnknownBody => "DIR013",
            LintCode::IntakeIsRecipient => "DIR014",
        }
    }

    /// The default severity.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{LintCode, Severity};
    ///
    /// assert_eq!(LintCode::ContinuousOnly.severity(), Severity::Info);
    /// ```
    #[must_use]
    pub fn severity(self) -> Severity {
        match self {
            LintCode::NoLead
            | LintCode::SeveralLeads
            | LintCode::ReportsToItself
            | LintCode::UnknownBody => Severity::Error,
            LintCode::ContinuousOnly => Severity::Info,
            _ => Severity::Warning,
        }
    }
}

impl LintCode {
    /// Every code, in order.
    const ALL: [LintCode; 14] = [
        LintCode::NoLead,
        LintCode::SeveralLeads,
        LintCode::ReportWithoutFrequency,
        LintCode::ReportWithoutDeadline,
        LintCode::RequirementWithoutDeadline,
        LintCode::ContinuousOnly,
        LintCode::SelectsNothing,
        LintCode::ReportsToItself,
        LintCode::DeadlineBeforeIssue,
        LintCode::UnknownReference,
        LintCode::IrregularSymbol,
        LintCode::LeadAndCoordinator,
        LintCode::UnknownBody,
        LintCode::IntakeIsRecipient,
    ];

    /// The lint with this stable code (`DIR001` to `DIR014`), if there is one.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::LintCode;
    ///
    /// assert_eq!(LintCode::from_code("DIR003"), Some(LintCode::ReportWithoutFrequency));
    /// assert_eq!(LintCode::from_code("DIR099"), None);
    /// ```
    #[must_use]
    pub fn from_code(code: &str) -> Option<LintCode> {
        LintCode::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for LintCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for LintCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<LintCode, D::Error> {
        let text = String::deserialize(deserializer)?;
        LintCode::from_code(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown lint code {}: expected `DIR001` to `DIR014`",
                crate::text::quote(&text)
            ))
        })
    }
}

impl fmt::Display for LintCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a lint is.
///
/// # Example
///
/// ```
/// use directives::directive::Severity;
///
/// assert!(Severity::Error > Severity::Warning);
/// assert_eq!(Severity::Info.to_string(), "info");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Severity {
    /// Worth knowing; nothing to fix.
    Info,
    /// Probably a gap in the text; check it.
    Warning,
    /// Breaks a rule; fix it.
    Error,
}

impl Severity {
    /// The severity's name for people in a language: `lỗi`, `cảnh báo`, `thông tin` or
    /// `error`, `warning`, `info` (the English label is also its `Display` and its code in
    /// files).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::directive::Severity;
    ///
    /// assert_eq!(Severity::Warning.label(Lang::Vi), "cảnh báo");
    /// assert_eq!(Severity::Warning.label(Lang::En), "warning");
    /// ```
    #[must_use]
    pub const fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Severity::Info => lang.pick("thông tin", "info"),
            Severity::Warning => lang.pick("cảnh báo", "warning"),
            Severity::Error => lang.pick("lỗi", "error"),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(crate::Lang::En))
    }
}

/// Where in a directive something is: its document, a reference, a recipient, or a
/// [`Clause`] (a task or the monitoring clause) and a [`Part`] of it. Indexes count from 0,
/// as in data-file paths; `Display` counts from 1, as people do.
///
/// New places may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::directive::{Clause, Location, Part};
///
/// let at = Location::Clause { position: 9, clause: "10".parse()?, part: Part::Requirement(0) };
/// assert_eq!(at.to_string(), "task 10, requirement 1");
/// assert_eq!(at.path(), "tasks[9].requirements[0]");
/// let at = Location::Clause { position: 12, clause: Clause::Monitoring, part: Part::Assignment(1) };
/// assert_eq!(at.to_string(), "monitoring, assignment 2");
/// assert_eq!(at.path(), "monitoring.assignments[1]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "at", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum Location {
    /// The directive's document.
    Document,
    /// A reference of the document.
    Reference {
        /// Index among the references.
        index: usize,
    },
    /// A recipient selector.
    Recipient {
        /// Index among the recipients.
        index: usize,
    },
    /// A clause (a task or the monitoring clause), or a part of it.
    Clause {
        /// The clause's position among the directive's clauses
        /// ([`Directive::clauses`](super::Directive::clauses): the tasks in order, then
        /// the monitoring clause), which for a task is its index among the tasks.
        position: usize,
        /// The clause.
        clause: Clause,
        /// The part of the clause.
        part: Part,
    },
}

/// A part of a clause: the clause as a whole, or one of its assignments or requirements
/// (by index, from 0).
///
/// # Example
///
/// ```
/// use directives::directive::{Location, Part};
///
/// let at = Location::Clause { position: 0, clause: "1".parse()?, part: Part::Whole };
/// assert_eq!((at.to_string(), at.path()), ("task 1".to_owned(), "tasks[0]".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Part {
    /// The clause itself.
    Whole,
    /// An assignment, by its index among the clause's assignments.
    Assignment(usize),
    /// A requirement, by its index among the clause's requirements.
    Requirement(usize),
}

impl Location {
    /// The path of the place in a data file (`tasks[9].requirements[0]`,
    /// `monitoring.assignments[1]`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Clause, Location, Part};
    ///
    /// let at = Location::Clause { position: 3, clause: Clause::Monitoring, part: Part::Requirement(0) };
    /// assert_eq!(at.path(), "monitoring.requirements[0]");
    /// assert_eq!(Location::Recipient { index: 2 }.path(), "recipients[2]");
    /// ```
    #[must_use]
    pub fn path(&self) -> String {
        match self {
            Location::Document => "document".to_owned(),
            Location::Reference { index } => format!("document.references[{index}]"),
            Location::Recipient { index } => format!("recipients[{index}]"),
            Location::Clause {
                position,
                clause,
                part,
            } => {
                let clause = match clause {
                    Clause::Task(_) => format!("tasks[{position}]"),
                    Clause::Monitoring => "monitoring".to_owned(),
                };
                match part {
                    Part::Whole => clause,
                    Part::Assignment(i) => format!("{clause}.assignments[{i}]"),
                    Part::Requirement(i) => format!("{clause}.requirements[{i}]"),
                }
            }
        }
    }

    /// The clause the place is in: a task (its own place, an assignment or a requirement
    /// of it) or the monitoring clause; `None` for the document, a reference or a
    /// recipient.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Clause, Location, Part};
    ///
    /// let at = Location::Clause { position: 9, clause: "10".parse()?, part: Part::Requirement(0) };
    /// assert_eq!(at.clause(), Some(&Clause::Task("10".parse()?)));
    /// assert_eq!(Location::Document.clause(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn clause(&self) -> Option<&Clause> {
        match self {
            Location::Clause { clause, .. } => Some(clause),
            Location::Document | Location::Reference { .. } | Location::Recipient { .. } => None,
        }
    }

    /// The same place with another part of its clause; the place itself when it is in no
    /// clause (the linter and the builder call it on a clause's place only).
    fn with_part(&self, new: Part) -> Location {
        match self {
            Location::Clause {
                position, clause, ..
            } => Location::Clause {
                position: *position,
                clause: clause.clone(),
                part: new,
            },
            other => other.clone(),
        }
    }

    /// The place of assignment `i` of the clause this place is in.
    pub(super) fn assignment(&self, i: usize) -> Location {
        self.with_part(Part::Assignment(i))
    }

    /// The place of requirement `i` of the clause this place is in.
    pub(super) fn requirement(&self, i: usize) -> Location {
        self.with_part(Part::Requirement(i))
    }

    /// The place in words for people in a language, counting from 1 as people do
    /// (`task 10, requirement 1`; `nhiệm vụ 10, yêu cầu 1`). The English text is also
    /// the place's `Display`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::directive::{Clause, Location, Part};
    ///
    /// let at = Location::Clause { position: 9, clause: "10".parse()?, part: Part::Requirement(0) };
    /// assert_eq!(at.sentence(Lang::Vi), "nhiệm vụ 10, yêu cầu 1");
    /// assert_eq!(at.sentence(Lang::En), "task 10, requirement 1");
    /// let at = Location::Clause { position: 12, clause: Clause::Monitoring, part: Part::Assignment(1) };
    /// assert_eq!(at.sentence(Lang::Vi), "nội dung theo dõi, đôn đốc, phân công 2");
    /// assert_eq!(Location::Recipient { index: 0 }.sentence(Lang::Vi), "nơi nhận 1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        // Counted from 1; the fields are public, so `usize::MAX` must not overflow.
        let ordinal = |index: &usize| index.saturating_add(1);
        match self {
            Location::Document => lang.pick("văn bản", "document").to_owned(),
            Location::Reference { index } => {
                format!(
                    "{} {}",
                    lang.pick("văn bản dẫn chiếu", "reference"),
                    ordinal(index)
                )
            }
            Location::Recipient { index } => {
                format!("{} {}", lang.pick("nơi nhận", "recipient"), ordinal(index))
            }
            Location::Clause { clause, part, .. } => {
                let mut text = match clause {
                    Clause::Task(number) => format!("{} {number}", lang.pick("nhiệm vụ", "task")),
                    Clause::Monitoring => lang
                        .pick("nội dung theo dõi, đôn đốc", "monitoring")
                        .to_owned(),
                };
                match part {
                    Part::Whole => {}
                    Part::Assignment(i) => {
                        text +=
                            &format!(", {} {}", lang.pick("phân công", "assignment"), ordinal(i));
                    }
                    Part::Requirement(i) => {
                        text +=
                            &format!(", {} {}", lang.pick("yêu cầu", "requirement"), ordinal(i));
                    }
                }
                text
            }
        }
    }

    /// What the lints call the clause, in English and Vietnamese.
    fn noun(&self) -> (&'static str, &'static str) {
        match self.clause() {
            Some(Clause::Monitoring) => ("monitoring clause", "nội dung theo dõi, đôn đốc"),
            _ => ("task", "nhiệm vụ"),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sentence(crate::Lang::En))
    }
}

/// A finding about a directive: a code, a severity, a location and a message in Vietnamese
/// and in English.
///
/// Lints are findings, not errors: a directive with lints is valid and can be expanded and
/// evaluated. `Display` writes `severity[code] location: English message`. With the
/// `serde` feature a lint serializes (for reports) as its code, severity, location and
/// both messages.
///
/// # Example
///
/// See [`Directive::lint`](super::Directive::lint).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub struct Lint {
    code: LintCode,
    severity: Severity,
    location: Location,
    en: String,
    vi: String,
}

impl Lint {
    pub(super) fn new(code: LintCode, location: Location, en: String, vi: String) -> Lint {
        Lint {
            code,
            severity: code.severity(),
            location,
            en,
            vi,
        }
    }

    /// The stable code.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, LintCode, Location, Severity, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Registry;
    ///
    /// let doc = Document::builder(DocSymbol::parse("1/KH-UBND")?, NaiveDate::from_ymd_opt(2024, 1, 2).ok_or("date")?).build()?;
    /// let directive = Directive::builder(doc).task(Task::new("1".parse()?, "t")).build()?;
    /// let lints = directive.lint(&Registry::builder().build()?, &directives::calendar::WorkCalendar::vietnam()?)?;
    /// let lint = &lints[0];
    /// assert_eq!(lint.code(), LintCode::NoLead);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> LintCode {
        self.code
    }

    /// The severity.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, LintCode, Location, Severity, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Registry;
    ///
    /// let doc = Document::builder(DocSymbol::parse("1/KH-UBND")?, NaiveDate::from_ymd_opt(2024, 1, 2).ok_or("date")?).build()?;
    /// let directive = Directive::builder(doc).task(Task::new("1".parse()?, "t")).build()?;
    /// let lints = directive.lint(&Registry::builder().build()?, &directives::calendar::WorkCalendar::vietnam()?)?;
    /// let lint = &lints[0];
    /// assert_eq!(lint.severity(), Severity::Error);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Where.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Directive, LintCode, Location, Severity, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Registry;
    ///
    /// let doc = Document::builder(DocSymbol::parse("1/KH-UBND")?, NaiveDate::from_ymd_opt(2024, 1, 2).ok_or("date")?).build()?;
    /// let directive = Directive::builder(doc).task(Task::new("1".parse()?, "t")).build()?;
    /// let lints = directive.lint(&Registry::builder().build()?, &directives::calendar::WorkCalendar::vietnam()?)?;
    /// let lint = &lints[0];
    /// assert_eq!(lint.location().path(), "tasks[0]");
    /// assert!(matches!(lint.location(), Location::Clause { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The message in `lang` (the English one also ends its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::Lang;
    /// use directives::directive::{Directive, Task};
    /// use directives::document::{DocSymbol, Document};
    /// use directives::org::Registry;
    ///
    /// let doc = Document::builder(DocSymbol::parse("1/KH-UBND")?, NaiveDate::from_ymd_opt(2024, 1, 2).ok_or("date")?).build()?;
    /// let directive = Directive::builder(doc).task(Task::new("1".parse()?, "t")).build()?;
    /// let lints = directive.lint(&Registry::builder().build()?, &directives::calendar::WorkCalendar::vietnam()?)?;
    /// let lint = &lints[0];
    /// assert_eq!(lint.sentence(Lang::En), "the task has no lead (chủ trì)");
    /// assert_eq!(lint.sentence(Lang::Vi), "nhiệm vụ chưa giao cơ quan, đơn vị chủ trì");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity, self.code, self.location, self.en
        )
    }
}

// ---------------------------------------------------------------- the linter

impl Directive {
    /// The clauses (see [`Directive::clauses`]), each with its [`Location`].
    pub(super) fn parts(&self) -> impl Iterator<Item = (Location, &Task)> + '_ {
        self.clauses().enumerate().map(|(position, t)| {
            let at = Location::Clause {
                position,
                clause: t.clause().clone(),
                part: Part::Whole,
            };
            (at, t)
        })
    }
}

/// The state of one run of the lints.
pub(super) struct Linter<'a> {
    directive: &'a Directive,
    registry: &'a Registry,
    date: NaiveDate,
    lints: Vec<Lint>,
    recipients: BTreeSet<BodyId>,
    calendar: &'a WorkCalendar,
}

impl<'a> Linter<'a> {
    pub(super) fn new(
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

    pub(super) fn run(mut self) -> Result<Vec<Lint>, DirectiveError> {
        self.document()?;
        for (index, selector) in self.directive.recipients.iter().enumerate() {
            let location = Location::Recipient { index };
            let bodies = self.select(selector, location);
            self.recipients.extend(bodies);
        }
        for (part, task) in self.directive.parts() {
            self.part(&part, task.assignments(), task.requirements())?;
        }
        Ok(self.lints)
    }

    /// Lints the document and its references. The cited documents were indexed when the
    /// directive was built, so indexing them again fails only if that invariant broke,
    /// and the error is returned rather than every reference reported unknown.
    fn document(&mut self) -> Result<(), DirectiveError> {
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
        let index = DocumentIndex::from_documents(self.directive.cited.iter().cloned())?;
        for (i, r) in doc.references().iter().enumerate() {
            let location = Location::Reference { index: i };
            let symbol = r.target().symbol();
            if symbol.is_irregular() {
                let (en, vi) = irregular(symbol);
                self.push(LintCode::IrregularSymbol, location.clone(), en, vi);
            }
            if index.get(r.target()).is_none() {
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
        Ok(())
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
        part: &Location,
        assignments: &[Assignment],
        requirements: &[Requirement],
    ) -> Result<(), DirectiveError> {
        let at = part.clone();
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
        // Every id here came from `Registry::select` on the linter's registry, so each has
        // a code; a lint names a body by its code only, never by its internal id.
        let registry = self.registry;
        let both: Vec<&BodyCode> = lead_bodies
            .intersection(&coordinators)
            .filter_map(|id| registry.code(*id))
            .collect();
        for code in both {
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
