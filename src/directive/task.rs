//! Tasks: numbers, roles, assignments and requirements.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::DirectiveError;
use crate::calendar::{CalendarError, Term, WorkCalendar};
use crate::org::{BodyCode, Selector};
use crate::period::Frequency;
use crate::regime::{DeadlineRule, ReportingRegime};
use crate::text::nfc;

/// The number of a task within its directive: `"1"`, `"10"`, `"3a"`.
///
/// Every `TaskNumber` is one or more ASCII digits, optionally followed by lowercase ASCII
/// letters, with no leading zero (`01` is stored as `1`, so that `1` and `01` are one
/// number). Numbers order by their numeric part, then by their suffix (`2` < `3` < `3a` <
/// `10`).
///
/// # Example
///
/// ```
/// use directives::directive::TaskNumber;
///
/// let a: TaskNumber = "3a".parse()?;
/// let b: TaskNumber = "10".parse()?;
/// assert!(a < b);
/// assert_eq!(a.as_str(), "3a");
/// assert_eq!("01".parse::<TaskNumber>()?, "1".parse::<TaskNumber>()?);
/// assert_eq!(
///     "3.a".parse::<TaskNumber>().unwrap_err().to_string(),
///     "invalid task number `3.a`: expected digits and optional lowercase letters, such as `3a`"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TaskNumber(
    // INVARIANT (task-number): at most 9 digits without a leading zero (or `0` alone),
    // then lowercase letters, checked and normalised in `TaskNumber::new`.
    String,
);

impl TaskNumber {
    /// A task number, without its leading zeros.
    ///
    /// # Errors
    ///
    /// [`DirectiveError::InvalidTaskNumber`] unless the text is digits (at most nine
    /// after leading zeros) followed by optional lowercase letters.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::TaskNumber;
    ///
    /// assert_eq!(TaskNumber::new("7")?.to_string(), "7");
    /// assert_eq!(TaskNumber::new("007b")?.to_string(), "7b");
    /// assert!(TaskNumber::new("").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(text: impl Into<String>) -> Result<TaskNumber, DirectiveError> {
        let text = text.into();
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let zeros = text
            .bytes()
            .take(digits.saturating_sub(1))
            .take_while(|b| *b == b'0')
            .count();
        let suffix_ok = text
            .get(digits..)
            .is_some_and(|s| s.bytes().all(|b| b.is_ascii_lowercase()));
        if digits == 0 || digits - zeros > 9 || !suffix_ok {
            return Err(DirectiveError::InvalidTaskNumber { value: text });
        }
        // INVARIANT (task-number): leading zeros dropped, one digit kept.
        let text = match text.get(zeros..) {
            Some(rest) if zeros > 0 => rest.to_owned(),
            _ => text,
        };
        Ok(TaskNumber(text))
    }

    /// The number as text.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::TaskNumber;
    ///
    /// assert_eq!(TaskNumber::new("10")?.as_str(), "10");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn parts(&self) -> (u32, &str) {
        let digits = self.0.bytes().take_while(u8::is_ascii_digit).count();
        let value = self
            .0
            .get(..digits)
            .and_then(|d| d.parse().ok())
            .unwrap_or(0);
        (value, self.0.get(digits..).unwrap_or_default())
    }
}

impl Ord for TaskNumber {
    fn cmp(&self, other: &TaskNumber) -> Ordering {
        self.parts()
            .cmp(&other.parts())
            .then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for TaskNumber {
    fn partial_cmp(&self, other: &TaskNumber) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for TaskNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for TaskNumber {
    type Err = DirectiveError;

    fn from_str(s: &str) -> Result<TaskNumber, DirectiveError> {
        TaskNumber::new(s)
    }
}

impl TryFrom<&str> for TaskNumber {
    type Error = DirectiveError;

    fn try_from(s: &str) -> Result<TaskNumber, DirectiveError> {
        TaskNumber::new(s)
    }
}

impl AsRef<str> for TaskNumber {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for TaskNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for TaskNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::text::string(deserializer, "a task number such as `3a`")?;
        TaskNumber::new(text).map_err(serde::de::Error::custom)
    }
}

/// What an assignment asks of its bodies.
///
/// The Government's Working Regulation attached to Decree 39/2022/NĐ-CP (as the one
/// attached to Decree 138/2016/NĐ-CP before it), working principle 2: "Mỗi nhiệm vụ chỉ
/// giao cho một người chủ trì và chịu trách nhiệm" — each task has one lead, answerable for
/// it, and any number of coordinating bodies. For a Party document it applies by analogy.
///
/// New roles may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::directive::Role;
///
/// assert_eq!(Role::Lead.label(directives::Lang::Vi), "chủ trì");
/// assert_eq!(Role::Coordinate.to_string(), "coordinate");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Role {
    /// Chủ trì: answerable for the task.
    Lead,
    /// Phối hợp: helps the lead.
    Coordinate,
    /// Tham mưu: prepares the decision for the lead.
    Advise,
    /// Thực hiện: carries out the work under the lead's guidance.
    Implement,
    /// Theo dõi, đôn đốc, kiểm tra, giám sát: follows, urges, inspects, supervises.
    Monitor,
}

impl Role {
    /// The role's name in `lang`: `chủ trì`, `lead`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::directive::Role;
    ///
    /// assert_eq!(Role::Coordinate.label(Lang::Vi), "phối hợp");
    /// assert_eq!(Role::Advise.label(Lang::En), "advise");
    /// ```
    #[must_use]
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::Vi => match self {
                Role::Lead => "chủ trì",
                Role::Coordinate => "phối hợp",
                Role::Advise => "tham mưu",
                Role::Implement => "thực hiện",
                Role::Monitor => "theo dõi, đôn đốc",
            },
            crate::Lang::En => match self {
                Role::Lead => "lead",
                Role::Coordinate => "coordinate",
                Role::Advise => "advise",
                Role::Implement => "implement",
                Role::Monitor => "monitor",
            },
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(crate::Lang::En))
    }
}

/// Whom an assignment names: every recipient of the directive, or the bodies a selector
/// picks.
///
/// A lead assignment whose bodies are many (all district party committees) assigns the
/// task to each of them separately, one obligation per body: each is the one lead of its
/// own share. Two lead assignments in one task are two leads of the same work, and so are
/// two bodies named by code in one lead's selector (`any = [{ body = "A" }, { body = "B" }]`):
/// [`Directive::lint`](super::Directive::lint) counts a lead for each body named by code and
/// one for a category.
///
/// # Example
///
/// ```
/// use directives::directive::Assignee;
/// use directives::org::Selector;
///
/// let bdv = Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?));
/// assert_ne!(bdv, Assignee::Recipients);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Assignee {
    /// Every recipient of the directive (nơi nhận).
    Recipients,
    /// The bodies the selector picks on the issue date.
    Bodies(Selector),
}

/// A role given to some bodies in a task.
///
/// # Example
///
/// ```
/// use directives::directive::{Assignee, Assignment, Role};
///
/// let a = Assignment::new(Role::Lead, Assignee::Recipients);
/// assert_eq!(a.role(), Role::Lead);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "super::wire::AssignmentWire",
        into = "super::wire::AssignmentWire"
    )
)]
pub struct Assignment {
    role: Role,
    assignee: Assignee,
}

impl Assignment {
    /// An assignment.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Assignment, Role};
    /// use directives::org::Selector;
    ///
    /// let a = Assignment::new(Role::Coordinate, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)));
    /// assert_eq!(a.role(), Role::Coordinate);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(role: Role, assignee: Assignee) -> Assignment {
        Assignment { role, assignee }
    }

    /// The role.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Assignment, Role};
    /// use directives::org::Selector;
    ///
    /// let a = Assignment::new(Role::Coordinate, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)));
    /// assert_eq!(a.role().label(directives::Lang::Vi), "phối hợp");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn role(&self) -> Role {
        self.role
    }

    /// Whom it names.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Assignment, Role};
    /// use directives::org::Selector;
    ///
    /// let a = Assignment::new(Role::Coordinate, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)));
    /// assert!(matches!(a.assignee(), Assignee::Bodies(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn assignee(&self) -> &Assignee {
        &self.assignee
    }
}

/// When something is due: a fixed date, or a [`Term`] counted from the issue date
/// (Civil Code 2015 arts. 147–148: from the day after).
///
/// Parsed from and written as a string: a date exactly `yyyy-mm-dd` (`"2024-12-31"`; not
/// `"2024-12-1"`, and no day that does not exist) or a term (`"30 days"`). With the `serde`
/// feature a due is that string.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::calendar::WorkCalendar;
/// use directives::directive::Due;
///
/// let cal = WorkCalendar::vietnam()?;
/// let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
/// let due: Due = "10 working days".parse()?;
/// assert_eq!(due.date_from(issued, &cal)?.to_string(), "2024-03-07");
/// let fixed: Due = "2024-12-31".parse()?;
/// assert_eq!(fixed.date_from(issued, &cal)?.to_string(), "2024-12-31");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Due {
    /// A fixed date.
    Date(NaiveDate),
    /// A term from the issue date.
    Term(Term),
}

impl Due {
    /// The due date for a directive issued on `issued`.
    ///
    /// # Errors
    ///
    /// [`CalendarError`] when the term's end is outside the calendar's years.
    pub fn date_from(
        self,
        issued: NaiveDate,
        cal: &WorkCalendar,
    ) -> Result<NaiveDate, CalendarError> {
        match self {
            Due::Date(date) => Ok(date),
            Due::Term(term) => term.ends_on(issued, cal),
        }
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Due::Date(date) => write!(f, "{date}"),
            Due::Term(term) => write!(f, "{term}"),
        }
    }
}

impl FromStr for Due {
    type Err = DirectiveError;

    fn from_str(s: &str) -> Result<Due, DirectiveError> {
        if let Some(date) = crate::text::strict_date(s) {
            return Ok(Due::Date(date));
        }
        s.parse::<Term>()
            .map(Due::Term)
            .map_err(|_| DirectiveError::InvalidDue {
                value: s.to_owned(),
            })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Due {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Due {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::text::string(
            deserializer,
            "a due: a date `yyyy-mm-dd` or a term such as `30 days`",
        )?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A periodic report (báo cáo định kỳ, Decree 09/2019/NĐ-CP art. 4): on a regime, *to* one
/// body, *through* another (the seed's task 10: to the Provincial Standing Committee,
/// through the Mass Mobilization Department).
///
/// The regime gives the frequency, cut-off and deadline. A text that says "report
/// periodically" and no more has neither; one that names only a frequency has that alone.
/// Linters flag what is missing.
///
/// # Example
///
/// ```
/// use directives::directive::PeriodicReport;
/// use directives::period::Frequency;
/// use directives::regime::ReportingRegime;
///
/// let vague = PeriodicReport::new().to("TH-TU-BTV".parse()?).through("TH-TU-BDV".parse()?);
/// assert_eq!(vague.frequency(), None);
/// assert!(vague.deadline().is_none());
///
/// let yearly = PeriodicReport::new().with_regime(ReportingRegime::decree_09_yearly());
/// assert_eq!(yearly.frequency(), Some(Frequency::Yearly));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodicReport {
    regime: Option<ReportingRegime>,
    frequency: Option<Frequency>,
    to: Option<BodyCode>,
    through: Option<BodyCode>,
}

impl PeriodicReport {
    /// A periodic report with nothing stated.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    ///
    /// let report = PeriodicReport::new();
    /// assert!(report.regime().is_none() && report.recipient().is_none());
    /// ```
    #[must_use]
    pub fn new() -> PeriodicReport {
        PeriodicReport::default()
    }

    /// The same report on a regime.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let report = PeriodicReport::new()
    ///     .with_regime(ReportingRegime::decree_09_half_yearly())
    ///     .to("TH-TU-BTV".parse()?)
    ///     .through("TH-TU-BDV".parse()?);
    /// assert_eq!(report.regime().map(ReportingRegime::frequency), Some(Frequency::HalfYearly));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_regime(mut self, regime: ReportingRegime) -> PeriodicReport {
        self.regime = Some(regime);
        self
    }

    /// The same report with a stated frequency but no regime. When a regime is also
    /// given the two must agree ([`DirectiveBuilder::build`](super::DirectiveBuilder::build)
    /// checks).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    /// use directives::period::Frequency;
    ///
    /// let report = PeriodicReport::new().with_frequency(Frequency::Quarterly);
    /// assert_eq!(report.frequency(), Some(Frequency::Quarterly));
    /// assert!(report.deadline().is_none());
    /// ```
    #[must_use]
    pub fn with_frequency(mut self, frequency: Frequency) -> PeriodicReport {
        self.frequency = Some(frequency);
        self
    }

    /// The same report, sent to a body.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let report = PeriodicReport::new()
    ///     .with_regime(ReportingRegime::decree_09_half_yearly())
    ///     .to("TH-TU-BTV".parse()?)
    ///     .through("TH-TU-BDV".parse()?);
    /// assert_eq!(report.recipient().map(|c| c.as_str()), Some("TH-TU-BTV"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to(mut self, to: BodyCode) -> PeriodicReport {
        self.to = Some(to);
        self
    }

    /// The same report, sent through a body.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let report = PeriodicReport::new()
    ///     .with_regime(ReportingRegime::decree_09_half_yearly())
    ///     .to("TH-TU-BTV".parse()?)
    ///     .through("TH-TU-BDV".parse()?);
    /// assert_eq!(report.intake().map(|c| c.as_str()), Some("TH-TU-BDV"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn through(mut self, through: BodyCode) -> PeriodicReport {
        self.through = Some(through);
        self
    }

    /// The regime, if given.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let report = PeriodicReport::new()
    ///     .with_regime(ReportingRegime::decree_09_half_yearly())
    ///     .to("TH-TU-BTV".parse()?)
    ///     .through("TH-TU-BDV".parse()?);
    /// assert!(report.regime().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn regime(&self) -> Option<&ReportingRegime> {
        self.regime.as_ref()
    }

    /// The frequency stated by itself, if given.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let report = PeriodicReport::new()
    ///     .with_regime(ReportingRegime::decree_09_half_yearly())
    ///     .to("TH-TU-BTV".parse()?)
    ///     .through("TH-TU-BDV".parse()?);
    /// assert_eq!(report.stated_frequency(), None);
    /// assert_eq!(report.frequency(), Some(Frequency::HalfYearly));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn stated_frequency(&self) -> Option<Frequency> {
        self.frequency
    }

    /// The frequency: the regime's, or the one stated.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let report = PeriodicReport::new()
    ///     .with_regime(ReportingRegime::decree_09_half_yearly())
    ///     .to("TH-TU-BTV".parse()?)
    ///     .through("TH-TU-BDV".parse()?);
    /// assert_eq!(report.frequency(), Some(Frequency::HalfYearly));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn frequency(&self) -> Option<Frequency> {
        self.regime
            .as_ref()
            .map(ReportingRegime::frequency)
            .or(self.frequency)
    }

    /// The deadline rule: the regime's, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let report = PeriodicReport::new()
    ///     .with_regime(ReportingRegime::decree_09_half_yearly())
    ///     .to("TH-TU-BTV".parse()?)
    ///     .through("TH-TU-BDV".parse()?);
    /// assert!(report.deadline().is_some());
    /// assert!(PeriodicReport::new().deadline().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deadline(&self) -> Option<DeadlineRule> {
        self.regime.as_ref().map(ReportingRegime::deadline)
    }

    /// The body the report goes to.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let report = PeriodicReport::new()
    ///     .with_regime(ReportingRegime::decree_09_half_yearly())
    ///     .to("TH-TU-BTV".parse()?)
    ///     .through("TH-TU-BDV".parse()?);
    /// assert_eq!(report.recipient().map(ToString::to_string).as_deref(), Some("TH-TU-BTV"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn recipient(&self) -> Option<&BodyCode> {
        self.to.as_ref()
    }

    /// The body it goes through.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::PeriodicReport;
    /// use directives::period::Frequency;
    /// use directives::regime::ReportingRegime;
    ///
    /// let report = PeriodicReport::new()
    ///     .with_regime(ReportingRegime::decree_09_half_yearly())
    ///     .to("TH-TU-BTV".parse()?)
    ///     .through("TH-TU-BDV".parse()?);
    /// assert_eq!(report.intake().map(ToString::to_string).as_deref(), Some("TH-TU-BDV"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn intake(&self) -> Option<&BodyCode> {
        self.through.as_ref()
    }
}

/// What a task asks for, and by when.
///
/// New kinds of requirement may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::directive::{Due, Requirement};
///
/// let r = Requirement::Deliverable { what: "kế hoạch".into(), due: Some("30 days".parse()?) };
/// assert!(r.has_deadline());
/// assert!(!Requirement::Continuous.has_deadline());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "super::wire::RequirementWire",
        into = "super::wire::RequirementWire"
    )
)]
#[non_exhaustive]
pub enum Requirement {
    /// A periodic report.
    PeriodicReport(PeriodicReport),
    /// A deliverable: a plan, a guidance, a report on a topic.
    Deliverable {
        /// What is to be delivered.
        what: String,
        /// When, if stated.
        due: Option<Due>,
    },
    /// A measurable target.
    Indicator {
        /// What is measured.
        metric: String,
        /// The target value, if stated.
        target: Option<f64>,
        /// The unit of the target, if stated.
        unit: Option<String>,
        /// When it is to be met, if stated.
        by: Option<Due>,
    },
    /// Continuous work with no deliverable and no deadline.
    Continuous,
}

impl Requirement {
    /// The same requirement with its texts (`what`, `metric`, `unit`) in Unicode
    /// normalization form C.
    pub(super) fn into_nfc(self) -> Requirement {
        match self {
            Requirement::Deliverable { what, due } => Requirement::Deliverable {
                what: nfc(what),
                due,
            },
            Requirement::Indicator {
                metric,
                target,
                unit,
                by,
            } => Requirement::Indicator {
                metric: nfc(metric),
                target,
                unit: unit.map(nfc),
                by,
            },
            other @ (Requirement::PeriodicReport(_) | Requirement::Continuous) => other,
        }
    }

    /// Whether a deadline is stated: a regime's deadline for a periodic report, a due for a
    /// deliverable or an indicator; never for continuous work.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Due, Requirement};
    ///
    /// let indicator = Requirement::Indicator { metric: "mô hình".into(), target: Some(5.0), unit: None, by: None };
    /// assert!(!indicator.has_deadline());
    /// ```
    #[must_use]
    pub fn has_deadline(&self) -> bool {
        match self {
            Requirement::PeriodicReport(report) => report.deadline().is_some(),
            Requirement::Deliverable { due, .. } => due.is_some(),
            Requirement::Indicator { by, .. } => by.is_some(),
            Requirement::Continuous => false,
        }
    }

    /// The fixed date the requirement is due, if it states one.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::{Due, Requirement};
    ///
    /// let date = NaiveDate::from_ymd_opt(2024, 12, 15).ok_or("date")?;
    /// let r = Requirement::Deliverable { what: "báo cáo".into(), due: Some(Due::Date(date)) };
    /// assert_eq!(r.fixed_date(), Some(date));
    /// let r = Requirement::Deliverable { what: "báo cáo".into(), due: Some("30 days".parse()?) };
    /// assert_eq!(r.fixed_date(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn fixed_date(&self) -> Option<NaiveDate> {
        match self {
            Requirement::Deliverable {
                due: Some(Due::Date(d)),
                ..
            }
            | Requirement::Indicator {
                by: Some(Due::Date(d)),
                ..
            } => Some(*d),
            _ => None,
        }
    }

    /// The name of the kind of requirement (`"periodic_report"`, `"deliverable"`,
    /// `"indicator"`, `"continuous"`), as in data files.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Requirement;
    ///
    /// assert_eq!(Requirement::Continuous.kind_name(), "continuous");
    /// ```
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match self {
            Requirement::PeriodicReport(_) => "periodic_report",
            Requirement::Deliverable { .. } => "deliverable",
            Requirement::Indicator { .. } => "indicator",
            Requirement::Continuous => "continuous",
        }
    }
}

/// A clause of a directive that asks something of bodies: a numbered task (nhiệm vụ) with
/// its title, or the monitoring clause (who follows, urges, inspects and supervises the
/// implementation — theo dõi, đôn đốc, kiểm tra, giám sát — and reports on it), each with
/// a text, assignments and requirements.
///
/// Both are one type: a task and the monitoring clause differ only in their [`Clause`]
/// (a [`TaskNumber`], or [`Clause::Monitoring`]) and in that a task has a title, so the
/// builder's checks, the lints, the expansion into obligations and the data-file form
/// treat them alike. [`Task::new`] makes a numbered task, [`Task::monitoring`] the
/// monitoring clause; [`DirectiveBuilder::task`](super::DirectiveBuilder::task) takes
/// either.
///
/// With the `serde` feature a task reads and writes as a table with `number`, `title`,
/// `text`, `assignments` and `requirements`, the monitoring clause as the same table
/// without `number` and `title` (the `[monitoring]` table of a directive file).
///
/// # Example
///
/// ```
/// use directives::directive::{Assignee, Clause, PeriodicReport, Requirement, Role, Task};
/// use directives::org::Selector;
///
/// let task = Task::new("7".parse()?, "Tuyên truyền")
///     .assign(Role::Lead, Assignee::Bodies(Selector::Body("TH-TU-BTG".parse()?)))
///     .require(Requirement::Continuous);
/// assert_eq!(task.leads().count(), 1);
/// let m = Task::monitoring("Ban Dân vận Tỉnh ủy chủ trì, phối hợp theo dõi, đôn đốc")
///     .assign(Role::Lead, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)))
///     .require(Requirement::PeriodicReport(PeriodicReport::new().to("TH-TU-BTV".parse()?)));
/// assert_eq!(*m.clause(), Clause::Monitoring);
/// assert_eq!((m.number(), m.title()), (None, ""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "super::wire::TaskWire", into = "super::wire::TaskWire")
)]
pub struct Task {
    clause: Clause,
    // INVARIANT (nfc): `title`, `text` and the requirements' texts are NFC, by `Task::new`,
    // `Task::monitoring`, `Task::with_text` and `Task::require` (the deserializer goes
    // through them). `title` is empty for the monitoring clause.
    title: String,
    text: String,
    assignments: Vec<Assignment>,
    requirements: Vec<Requirement>,
}

impl Task {
    /// A task with a number and a title, and nothing assigned or required yet. The title,
    /// like the text and the requirements' texts, is stored in Unicode normalization form C.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Requirement, Role, Task};
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả")
    ///     .with_text("báo cáo định kỳ kết quả thực hiện")
    ///     .assign(Role::Lead, Assignee::Recipients)
    ///     .assign(Role::Monitor, Assignee::Recipients)
    ///     .require(Requirement::Continuous);
    /// assert_eq!(task.number().map(|n| n.as_str()), Some("10"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(number: TaskNumber, title: impl Into<String>) -> Task {
        Task {
            clause: Clause::Task(number),
            title: nfc(title.into()),
            text: String::new(),
            assignments: Vec::new(),
            requirements: Vec::new(),
        }
    }

    /// The monitoring clause of a directive, with its text (stored in Unicode
    /// normalization form C) and nothing assigned or required yet. It has no number and no
    /// title.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Clause, PeriodicReport, Requirement, Role, Task};
    /// use directives::org::Selector;
    ///
    /// let m = Task::monitoring("theo dõi, đôn đốc")
    ///     .assign(Role::Lead, Assignee::Bodies(Selector::Body("TH-TU-BDV".parse()?)))
    ///     .require(Requirement::PeriodicReport(PeriodicReport::new()));
    /// assert_eq!(m.text(), "theo dõi, đôn đốc");
    /// assert_eq!(*m.clause(), Clause::Monitoring);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn monitoring(text: impl Into<String>) -> Task {
        Task {
            clause: Clause::Monitoring,
            title: String::new(),
            text: nfc(text.into()),
            assignments: Vec::new(),
            requirements: Vec::new(),
        }
    }

    /// The same task with its full text, stored in Unicode normalization form C.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Requirement, Role, Task};
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả")
    ///     .with_text("báo cáo định kỳ kết quả thực hiện")
    ///     .assign(Role::Lead, Assignee::Recipients)
    ///     .assign(Role::Monitor, Assignee::Recipients)
    ///     .require(Requirement::Continuous);
    /// assert_eq!(task.text(), "báo cáo định kỳ kết quả thực hiện");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_text(mut self, text: impl Into<String>) -> Task {
        self.text = nfc(text.into());
        self
    }

    /// The same task with one more assignment.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Requirement, Role, Task};
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả")
    ///     .assign(Role::Lead, Assignee::Recipients)
    ///     .assign(Role::Monitor, Assignee::Recipients);
    /// assert_eq!(task.assignments().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn assign(mut self, role: Role, assignee: Assignee) -> Task {
        self.assignments.push(Assignment::new(role, assignee));
        self
    }

    /// The same task with one more requirement.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Requirement, Task};
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả").require(Requirement::Continuous);
    /// assert_eq!(task.requirements(), [Requirement::Continuous]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn require(mut self, requirement: Requirement) -> Task {
        self.requirements.push(requirement.into_nfc());
        self
    }

    /// The same task with these assignments added, moved in (the data-file reader's way).
    #[cfg(feature = "serde")]
    pub(super) fn with_assignments(mut self, assignments: Vec<Assignment>) -> Task {
        self.assignments.extend(assignments);
        self
    }

    /// The same task with these requirements added, in NFC (the data-file reader's way).
    #[cfg(feature = "serde")]
    pub(super) fn with_requirements(mut self, requirements: Vec<Requirement>) -> Task {
        self.requirements
            .extend(requirements.into_iter().map(Requirement::into_nfc));
        self
    }

    /// The clause: the task's number, or [`Clause::Monitoring`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Clause, Task};
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả");
    /// assert_eq!(task.clause().to_string(), "task 10");
    /// assert_eq!(*Task::monitoring("theo dõi").clause(), Clause::Monitoring);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn clause(&self) -> &Clause {
        &self.clause
    }

    /// The number; `None` for the monitoring clause.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Task;
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả");
    /// assert_eq!(task.number().map(|n| n.to_string()), Some("10".to_owned()));
    /// assert_eq!(Task::monitoring("theo dõi").number(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn number(&self) -> Option<&TaskNumber> {
        self.clause.task()
    }

    /// The title; empty for the monitoring clause.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Task;
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả");
    /// assert_eq!(task.title(), "Báo cáo kết quả");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The full text, possibly empty.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Task;
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả").with_text("báo cáo định kỳ");
    /// assert!(task.text().starts_with("báo cáo"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The assignments, in the order given.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Role, Task};
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả")
    ///     .assign(Role::Lead, Assignee::Recipients)
    ///     .assign(Role::Monitor, Assignee::Recipients);
    /// assert_eq!(task.assignments()[1].role(), Role::Monitor);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn assignments(&self) -> &[Assignment] {
        &self.assignments
    }

    /// The requirements, in the order given.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Requirement, Task};
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả").require(Requirement::Continuous);
    /// assert_eq!(task.requirements().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    /// The lead assignments.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::{Assignee, Role, Task};
    ///
    /// let task = Task::new("10".parse()?, "Báo cáo kết quả")
    ///     .assign(Role::Lead, Assignee::Recipients)
    ///     .assign(Role::Monitor, Assignee::Recipients);
    /// assert_eq!(task.leads().count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn leads(&self) -> impl Iterator<Item = &Assignment> + '_ {
        self.assignments.iter().filter(|a| a.role == Role::Lead)
    }
}

/// A clause of a directive: a numbered task, or the monitoring clause. It is the one
/// name for "which part of a directive": an obligation's key names its clause, and a
/// [`Location`](super::Location) in a directive names the clause it is in
/// ([`Location::clause`](super::Location::clause)).
///
/// Most obligations come from a task, named by its [`TaskNumber`]. The monitoring clause
/// (the body that follows, urges and inspects the implementation and "reports
/// periodically") has no number, so it is a part of its own, [`Clause::Monitoring`],
/// which no task number can be mistaken for: task numbers start with a digit.
///
/// `Display` names the part for people (`task 10`, `monitoring clause`);
/// [`as_str`](Clause::as_str) gives the short form data files use (`10`, `monitoring`),
/// which is also its serde form.
///
/// New parts may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::directive::TaskNumber;
/// use directives::directive::Clause;
///
/// let task = Clause::from(TaskNumber::new("10")?);
/// assert_eq!(task.to_string(), "task 10");
/// assert_eq!(task.task().map(TaskNumber::as_str), Some("10"));
/// assert_eq!(Clause::Monitoring.to_string(), "monitoring clause");
/// assert_eq!("monitoring".parse::<Clause>()?, Clause::Monitoring);
/// assert_eq!("10".parse::<Clause>()?, task);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Clause {
    /// A numbered task.
    Task(TaskNumber),
    /// The monitoring clause.
    Monitoring,
}

impl Clause {
    /// The short form: the task number, or `monitoring`.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Clause;
    ///
    /// assert_eq!(Clause::Monitoring.as_str(), "monitoring");
    /// assert_eq!("3a".parse::<Clause>()?.as_str(), "3a");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Clause::Task(number) => number.as_str(),
            Clause::Monitoring => "monitoring",
        }
    }

    /// The task number, when the part is a task.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Clause;
    ///
    /// assert_eq!(Clause::Monitoring.task(), None);
    /// assert!("2".parse::<Clause>()?.task().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn task(&self) -> Option<&TaskNumber> {
        match self {
            Clause::Task(number) => Some(number),
            Clause::Monitoring => None,
        }
    }
}

impl From<TaskNumber> for Clause {
    fn from(number: TaskNumber) -> Clause {
        Clause::Task(number)
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clause::Task(number) => write!(f, "task {number}"),
            Clause::Monitoring => f.write_str("monitoring clause"),
        }
    }
}

impl std::str::FromStr for Clause {
    type Err = DirectiveError;

    /// Parses the short form: `monitoring`, or a task number.
    ///
    /// # Errors
    ///
    /// [`DirectiveError::InvalidTaskNumber`](DirectiveError::InvalidTaskNumber)
    /// for anything else.
    fn from_str(s: &str) -> Result<Clause, Self::Err> {
        if s == "monitoring" {
            return Ok(Clause::Monitoring);
        }
        TaskNumber::new(s).map(Clause::Task)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Clause {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Clause {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
