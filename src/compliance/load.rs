//! Event logs from files: one row model for CSV, JSON and TOML.
//!
//! The format is described in the `compliance` module docs ("Event logs from files").
#![cfg_attr(
    not(any(feature = "csv", feature = "serde")),
    allow(
        dead_code,
        reason = "the readers of rows are behind the `csv` and `serde` features"
    )
)]

#[cfg(feature = "serde")]
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;

use super::{ComplianceError, Event, EventKind, EventRecord, Events};
use crate::directive::Clause;
use crate::directive::DirectiveKey;
use crate::obligation::{ObligationId, ObligationKey, Obligations, RequirementIndex, RowKey};
use crate::period::Period;
use crate::text::quote;

#[cfg(feature = "csv")]
mod fast;

/// The fields of a row, in the order a writer puts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Obligation,
    Clause,
    Requirement,
    Body,
    Period,
    Kind,
    Date,
    Recorded,
    NewDue,
    Document,
    By,
    Reason,
    Value,
}

/// The number of fields.
const FIELD_COUNT: usize = 13;

#[cfg(feature = "csv")]
const FIELDS: [Field; FIELD_COUNT] = [
    Field::Obligation,
    Field::Clause,
    Field::Requirement,
    Field::Body,
    Field::Period,
    Field::Kind,
    Field::Date,
    Field::Recorded,
    Field::NewDue,
    Field::Document,
    Field::By,
    Field::Reason,
    Field::Value,
];

/// The field names, as one list for messages.
const FIELD_LIST: &str = "`obligation`, `clause`, `requirement`, `body`, `period`, `kind`, \
                          `date`, `recorded`, `new_due`, `document`, `by`, `reason`, `value`";

/// The kinds, as one list for messages.
const KIND_LIST: &str =
    "`submitted`, `completed`, `extended`, `waived`, `reopened`, `indicator_value`";

impl Field {
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Field::Obligation => "obligation",
            Field::Clause => "clause",
            Field::Requirement => "requirement",
            Field::Body => "body",
            Field::Period => "period",
            Field::Kind => "kind",
            Field::Date => "date",
            Field::Recorded => "recorded",
            Field::NewDue => "new_due",
            Field::Document => "document",
            Field::By => "by",
            Field::Reason => "reason",
            Field::Value => "value",
        }
    }

    #[cfg(feature = "csv")]
    fn from_name(name: &str) -> Option<Field> {
        FIELDS.into_iter().find(|f| f.name() == name)
    }

    const fn slot(self) -> usize {
        self as usize
    }
}

/// The kinds a row can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KindName {
    Submitted,
    Completed,
    Extended,
    Waived,
    Reopened,
    IndicatorValue,
}

impl KindName {
    fn parse(text: &str) -> Option<KindName> {
        Some(match text {
            "submitted" => KindName::Submitted,
            "completed" => KindName::Completed,
            "extended" => KindName::Extended,
            "waived" => KindName::Waived,
            "reopened" => KindName::Reopened,
            "indicator_value" => KindName::IndicatorValue,
            _ => return None,
        })
    }

    const fn name(self) -> &'static str {
        match self {
            KindName::Submitted => "submitted",
            KindName::Completed => "completed",
            KindName::Extended => "extended",
            KindName::Waived => "waived",
            KindName::Reopened => "reopened",
            KindName::IndicatorValue => "indicator_value",
        }
    }

    /// The kind's own fields: those it needs, and those it may take.
    const fn fields(self) -> (&'static [Field], &'static [Field]) {
        match self {
            KindName::Submitted => (&[], &[Field::Document]),
            KindName::Completed | KindName::Reopened => (&[], &[]),
            KindName::Extended => (&[Field::NewDue, Field::Document], &[]),
            KindName::Waived => (&[Field::By, Field::Reason], &[]),
            KindName::IndicatorValue => (&[Field::Value], &[]),
        }
    }
}

/// The fields of a kind, beyond the common ones.
const KIND_FIELDS: [Field; 6] = [
    Field::NewDue,
    Field::Document,
    Field::By,
    Field::Reason,
    Field::Value,
    Field::Requirement,
];

/// One row as read, before it is checked: each field's text, `None` when not given (an
/// empty field is not given).
#[derive(Debug, Default)]
pub(crate) struct Row<'r> {
    values: [Option<&'r str>; FIELD_COUNT],
}

impl<'r> Row<'r> {
    fn set(&mut self, field: Field, value: &'r str) {
        if let Some(slot) = self.values.get_mut(field.slot()) {
            *slot = (!value.is_empty()).then_some(value);
        }
    }

    fn get(&self, field: Field) -> Option<&'r str> {
        self.values.get(field.slot()).copied().flatten()
    }
}

/// What is wrong with an event log.
///
/// New problems may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "csv")]
/// # {
/// use directives::compliance::{EventLoader, EventProblem};
/// use directives::obligation::Obligations;
///
/// let store = Obligations::new();
/// let err = EventLoader::new(&store).csv("obligation,kind,date,colour\n").unwrap_err();
/// assert_eq!(err.problem(), &EventProblem::UnknownField("colour".to_owned()));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EventProblem {
    /// The file holds nothing but comments and blank lines.
    #[error("the file is empty")]
    Empty,
    /// The text is not CSV, JSON or TOML (a parser's message, bounded).
    #[error("{0}")]
    Syntax(String),
    /// A value of the wrong type, or a field the format does not know (a parser's message,
    /// bounded).
    #[error("{0}")]
    Data(String),
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// A file name whose extension names no format the loader reads.
    #[error("unknown format {0}: expected a file ending in `.csv`, `.json` or `.toml`")]
    UnknownFormat(String),
    /// A column or field that is not one of the row's fields.
    #[error("unknown field {}: expected one of {FIELD_LIST}", quote(.0))]
    UnknownField(String),
    /// A column named twice in the header.
    #[error("column {} is named twice", quote(.0))]
    DuplicateColumn(String),
    /// A header without a column every row needs.
    #[error("the header has no column `{0}`")]
    MissingColumn(&'static str),
    /// A header that names obligations neither by reference nor by place.
    #[error(
        "the header names no obligation: give a column `obligation`, or `clause`, `body` and `period`"
    )]
    NoObligationColumns,
    /// A row with more or fewer fields than the header.
    #[error("the row has {found} fields, the header {expected}")]
    FieldCount {
        /// The number of columns of the header.
        expected: usize,
        /// The number of fields of the row.
        found: usize,
    },
    /// A kind that is not one of the six.
    #[error("unknown kind {}: expected one of {KIND_LIST}", quote(.0))]
    UnknownKind(String),
    /// A field that every row, or the row's kind, needs.
    #[error("{}", missing_message(kind, field))]
    MissingField {
        /// The row's kind (empty when the row gives none).
        kind: &'static str,
        /// The field.
        field: &'static str,
    },
    /// A field that the row's kind does not take.
    #[error("an event `{kind}` takes no `{field}`")]
    FieldNotTaken {
        /// The row's kind.
        kind: &'static str,
        /// The field.
        field: &'static str,
    },
    /// A date not written `yyyy-mm-dd`, or a day that does not exist.
    #[error("{0}")]
    InvalidDate(String),
    /// A value that is not a finite number.
    #[error("invalid value {}: expected a finite number", quote(.0))]
    InvalidValue(String),
    /// A text of whitespace only.
    #[error("blank text {}: give a text or leave the field empty", quote(.0))]
    BlankText(String),
    /// A requirement number that is not a number from 1.
    #[error("invalid requirement {}: expected a number from 1", quote(.0))]
    InvalidRequirement(String),
    /// A clause that is neither a task number nor `monitoring`.
    #[error("invalid clause {}: expected a task number or `monitoring`", quote(.0))]
    InvalidClause(String),
    /// A body code with characters other than ASCII letters, digits, `-`, `_` and `.`.
    #[error("invalid body code {}: a code has ASCII letters, digits, `-`, `_` and `.` only", quote(.0))]
    InvalidBody(String),
    /// A period not written in its canonical form.
    #[error("invalid period {}: expected a canonical period such as `2024-H1`", quote(.0))]
    InvalidPeriod(String),
    /// A text that is not an obligation's reference (the parser's message).
    #[error("{0}")]
    InvalidReference(String),
    /// A body code that no obligation of the store names.
    #[error("unknown body {}: no obligation in the store is assigned to it", quote(.0))]
    UnknownBody(String),
    /// An obligation the store does not hold: its reference, or its clause, body and
    /// period.
    #[error("no obligation {0} in the store")]
    UnknownObligation(String),
    /// A row that gives no requirement where several requirements of its clause fall to
    /// the body in the period.
    #[error(
        "{count} requirements of {place} fall to the body in the period: give the `requirement`"
    )]
    AmbiguousObligation {
        /// The clause, body and period, quoted.
        place: String,
        /// How many requirements match.
        count: u32,
    },
    /// A row that names its obligation both by reference and by place.
    #[error(
        "the row names its obligation twice: give `obligation`, or `clause`, `body` and `period`, not both"
    )]
    TwoObligations,
    /// A row that names its obligation by place in a log whose directive is not known.
    #[error(
        "the directive is not known: the store holds obligations of {0} directives; give `obligation` references or tell the loader the directive"
    )]
    DirectiveNotKnown(usize),
    /// A row the event log refused: a full log, or an obligation with as many events as
    /// the loader's [`Limit::EventsPerObligation`](crate::Limit::EventsPerObligation)
    /// allows (see [`EventLoader::limits`]).
    #[error("{0}")]
    Refused(Box<ComplianceError>),
}

impl EventProblem {
    /// What is wrong, as a sentence in `lang` (the English one is also its `Display`).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::compliance::EventProblem;
    ///
    /// let problem = EventProblem::UnknownBody("NOBODY".to_owned());
    /// assert_eq!(
    ///     problem.sentence(Lang::Vi),
    ///     "không có cơ quan, đơn vị `NOBODY`: không nhiệm vụ nào trong danh sách được giao cho mã này",
    /// );
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        if lang == crate::Lang::En {
            return self.to_string();
        }
        match self {
            EventProblem::Empty => "tệp không có nội dung".to_owned(),
            EventProblem::Syntax(message) | EventProblem::Data(message) => {
                crate::text::parser_message_vi(message)
            }
            EventProblem::Io(message) => format!("không đọc được tệp: {message}"),
            EventProblem::UnknownFormat(name) => format!(
                "không nhận ra định dạng {name}: cần tệp có đuôi `.csv`, `.json` hoặc `.toml`"
            ),
            EventProblem::UnknownField(name) => format!(
                "không có trường {}: các trường hợp lệ là {FIELD_LIST}",
                quote(name)
            ),
            EventProblem::DuplicateColumn(name) => {
                format!("cột {} có tên bị lặp lại", quote(name))
            }
            EventProblem::MissingColumn(name) => format!("dòng tiêu đề thiếu cột `{name}`"),
            EventProblem::NoObligationColumns => "dòng tiêu đề không xác định được nhiệm vụ: cần \
                 cột `obligation`, hoặc các cột `clause`, `body` và `period`"
                .to_owned(),
            EventProblem::FieldCount { expected, found } => {
                format!("dòng có {found} trường, trong khi dòng tiêu đề có {expected}")
            }
            EventProblem::UnknownKind(kind) => format!(
                "không có loại sự kiện {}: các loại hợp lệ là {KIND_LIST}",
                quote(kind)
            ),
            EventProblem::MissingField { kind, field } => {
                if kind.is_empty() {
                    format!("dòng thiếu trường `{field}`")
                } else {
                    format!("sự kiện `{kind}` cần có trường `{field}`")
                }
            }
            EventProblem::FieldNotTaken { kind, field } => {
                format!("sự kiện `{kind}` không có trường `{field}`")
            }
            EventProblem::InvalidDate(message) => crate::text::parser_message_vi(message),
            EventProblem::InvalidValue(value) => format!(
                "giá trị {} không hợp lệ: cần là một số hữu hạn",
                quote(value)
            ),
            EventProblem::BlankText(value) => format!(
                "nội dung {} chỉ có khoảng trắng: hãy ghi nội dung hoặc để trống trường này",
                quote(value)
            ),
            EventProblem::InvalidRequirement(value) => format!(
                "số yêu cầu {} không hợp lệ: cần là một số từ 1 trở lên",
                quote(value)
            ),
            EventProblem::InvalidClause(value) => format!(
                "mục {} không hợp lệ: cần là số thứ tự nhiệm vụ hoặc `monitoring`",
                quote(value)
            ),
            EventProblem::InvalidBody(value) => format!(
                "mã cơ quan, đơn vị {} không hợp lệ: mã chỉ gồm chữ cái, chữ số ASCII, `-`, `_` \
                 và `.`",
                quote(value)
            ),
            EventProblem::InvalidPeriod(value) => format!(
                "kỳ {} không hợp lệ: cần viết kỳ theo dạng chuẩn, chẳng hạn `2024-H1`",
                quote(value)
            ),
            EventProblem::InvalidReference(message) => {
                format!("tham chiếu nhiệm vụ không hợp lệ: {message}")
            }
            EventProblem::UnknownBody(code) => format!(
                "không có cơ quan, đơn vị {}: không nhiệm vụ nào trong danh sách được giao cho \
                 mã này",
                quote(code)
            ),
            EventProblem::UnknownObligation(place) => {
                format!("không có nhiệm vụ {place} trong danh sách nhiệm vụ")
            }
            EventProblem::AmbiguousObligation { place, count } => format!(
                "{count} yêu cầu của {place} cùng giao cho cơ quan, đơn vị trong kỳ: hãy ghi rõ \
                 `requirement`"
            ),
            EventProblem::TwoObligations => "dòng ghi nhiệm vụ hai lần: hãy ghi `obligation`, \
                 hoặc `clause`, `body` và `period`, không ghi cả hai"
                .to_owned(),
            EventProblem::DirectiveNotKnown(count) => format!(
                "chưa biết văn bản: danh sách có nhiệm vụ của {count} văn bản; hãy ghi tham chiếu \
                 `obligation` hoặc cho bộ đọc biết văn bản"
            ),
            EventProblem::Refused(error) => error.sentence(crate::Lang::Vi),
        }
    }
}

/// The message of a missing field.
fn missing_message(kind: &str, field: &str) -> String {
    if kind.is_empty() {
        format!("the row gives no `{field}`")
    } else {
        format!("an event `{kind}` needs `{field}`")
    }
}

/// An event log that could not be read: the format, the file, the line and column, the
/// field, and the [`EventProblem`].
///
/// `Display` reads like `` invalid event log csv in `events.csv` at line 3, column 5,
/// `date`: invalid date `2024-6-5`: expected `yyyy-mm-dd` ``; for CSV the column is the
/// field's place in the row.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "csv")]
/// # {
/// use directives::compliance::EventLoader;
/// use directives::obligation::Obligations;
///
/// let store = Obligations::new();
/// let err = EventLoader::new(&store).origin("events.csv").csv("kind,date\n").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid event log csv in `events.csv` at line 1: the header names no obligation: give a column `obligation`, or `clause`, `body` and `period`",
/// );
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EventLoadError {
    format: &'static str,
    origin: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
    field: Option<String>,
    problem: EventProblem,
}

impl EventLoadError {
    /// The file (or other origin) the loader was told, if any.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "csv")]
    /// # {
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// let err = EventLoader::new(&store).origin("a.csv").csv("").unwrap_err();
    /// assert_eq!(err.origin(), Some("a.csv"));
    /// # }
    /// ```
    #[must_use]
    pub fn origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }

    /// The line, from 1, when the problem has one.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "csv")]
    /// # {
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// let err = EventLoader::new(&store).csv("# a comment\nobligation,kind,date,when\n").unwrap_err();
    /// assert_eq!(err.line(), Some(2));
    /// # }
    /// ```
    #[must_use]
    pub fn line(&self) -> Option<u32> {
        self.line
    }

    /// The column, from 1: for CSV the field's place in the row, for JSON and TOML the
    /// character in the line.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "csv")]
    /// # {
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// let err = EventLoader::new(&store).csv("obligation,kind,date,when\n").unwrap_err();
    /// assert_eq!(err.column(), Some(4));
    /// # }
    /// ```
    #[must_use]
    pub fn column(&self) -> Option<u32> {
        self.column
    }

    /// The field at fault: a column name (CSV) or a path such as `events[3].date`.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "csv")]
    /// # {
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// let err = EventLoader::new(&store).csv("obligation,kind,date,when\n").unwrap_err();
    /// assert_eq!(err.field(), Some("when"));
    /// # }
    /// ```
    #[must_use]
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// What is wrong.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "csv")]
    /// # {
    /// use directives::compliance::{EventLoader, EventProblem};
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// let err = EventLoader::new(&store).csv("\n# nothing\n").unwrap_err();
    /// assert_eq!(err.problem(), &EventProblem::Empty);
    /// # }
    /// ```
    #[must_use]
    pub fn problem(&self) -> &EventProblem {
        &self.problem
    }
}

impl EventLoadError {
    /// The error as a sentence in `lang` (the English one is also its `Display`): the
    /// format, the file, the line and column, the field, and what is wrong.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "csv")]
    /// # {
    /// use directives::Lang;
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// let err = EventLoader::new(&store).origin("events.csv").csv("kind,date\n").unwrap_err();
    /// assert_eq!(
    ///     err.sentence(Lang::Vi),
    ///     "nhật ký sự kiện (csv) không hợp lệ trong tệp `events.csv` tại dòng 1: dòng tiêu đề không xác định được nhiệm vụ: cần cột `obligation`, hoặc các cột `clause`, `body` và `period`",
    /// );
    /// # }
    /// ```
    #[must_use]
    pub fn sentence(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.to_string(),
            crate::Lang::Vi => format!(
                "{}: {}",
                crate::text::load_place_vi(
                    "nhật ký sự kiện",
                    self.format,
                    self.origin.as_deref(),
                    self.line.map(|l| l as usize),
                    self.line.and(self.column).map(|c| c as usize),
                    self.field.as_deref(),
                ),
                self.problem.sentence(lang)
            ),
        }
    }
}

impl fmt::Display for EventLoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid event log {}", self.format)?;
        if let Some(origin) = &self.origin {
            write!(f, " in {}", quote(origin))?;
        }
        let mut sep = " at";
        if let Some(line) = self.line {
            write!(f, " at line {line}")?;
            sep = ",";
            if let Some(column) = self.column {
                write!(f, ", column {column}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, "{sep} {}", quote(field))?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for EventLoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            EventProblem::Refused(inner) => Some(inner.as_ref()),
            _ => None,
        }
    }
}

impl From<EventLoadError> for ComplianceError {
    fn from(error: EventLoadError) -> ComplianceError {
        ComplianceError::EventLog(Box::new(error))
    }
}

impl From<EventLoadError> for crate::Error {
    fn from(error: EventLoadError) -> crate::Error {
        crate::Error::Compliance(error.into())
    }
}

/// Reads event logs from CSV, JSON or TOML, finding each row's obligation in a store.
///
/// See the [module docs](crate::compliance#event-logs-from-files) for the fields of a row and the formats.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "csv")]
/// # {
/// use chrono::NaiveDate;
/// use directives::compliance::EventLoader;
/// use directives::obligation::{Obligation, Obligations};
///
/// let mut store = Obligations::new();
/// let due = NaiveDate::from_ymd_opt(2024, 7, 5).ok_or("date")?;
/// store.push(Obligation::new("1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1".parse()?, due))?;
/// let text = "\
/// ## the letter's reports
/// clause,body,period,kind,date,document
/// 10,TH-HU-NGA-SON,2024-H1,submitted,2024-06-14,114-BC/HU
/// ";
/// let events = EventLoader::new(&store).origin("events.csv").csv(text)?;
/// assert_eq!(events.len(), 1);
/// let bad = text.replace("2024-06-14", "2024-6-14");
/// assert_eq!(
///     EventLoader::new(&store).origin("events.csv").csv(&bad).unwrap_err().to_string(),
///     "invalid event log csv in `events.csv` at line 3, column 5, `date`: invalid date `2024-6-14`: expected `yyyy-mm-dd`",
/// );
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct EventLoader<'o> {
    obligations: &'o Obligations,
    origin: Option<String>,
    directive: Option<DirectiveKey>,
    limits: crate::Limits,
}

/// The events a load has read for each obligation of the store, to hold them within the
/// loader's limit.
struct PerObligation {
    counts: Vec<u32>,
    max: usize,
}

impl PerObligation {
    fn new(obligations: &Obligations, max: usize) -> PerObligation {
        PerObligation {
            counts: vec![0; obligations.len()],
            max,
        }
    }

    /// Appends `event` to the log, or refuses it when its obligation has as many events
    /// as the limit allows.
    fn push(
        &mut self,
        events: &mut Events,
        obligations: &Obligations,
        event: Event,
        line: u32,
    ) -> Result<(), ComplianceError> {
        if let Some(count) = self.counts.get_mut(event.obligation().index() as usize) {
            if *count as usize >= self.max {
                let key = obligations.key(event.obligation()).ok_or(
                    ComplianceError::UnknownObligation {
                        obligation: event.obligation(),
                    },
                )?;
                let mut record = EventRecord::new(key, event.date(), event.kind().clone());
                if let Some(recorded) = event.recorded() {
                    record = record.recorded_on(recorded);
                }
                return Err(ComplianceError::EventLimit {
                    event: Box::new(record.at_line(line)),
                    max: self.max,
                });
            }
            *count += 1;
        }
        events.push_at_line(event, line).map(|_| ())
    }
}

impl<'o> EventLoader<'o> {
    /// A loader that finds obligations in `obligations`.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "csv")]
    /// # {
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// assert!(EventLoader::new(&store).csv("obligation,kind,date\n")?.is_empty());
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(obligations: &'o Obligations) -> EventLoader<'o> {
        EventLoader {
            obligations,
            origin: None,
            directive: None,
            limits: crate::Limits::new(),
        }
    }

    /// The same loader with other limits: it reads [`Limit::EventsPerObligation`] (a row
    /// past it is refused with [`EventProblem::Refused`] holding
    /// [`ComplianceError::EventLimit`], which names the obligation by reference).
    ///
    /// [`Limit::EventsPerObligation`]: crate::Limit::EventsPerObligation
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "csv")]
    /// # {
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::{Obligation, Obligations};
    /// use directives::{Limit, Limits};
    ///
    /// let mut store = Obligations::new();
    /// let due = NaiveDate::from_ymd_opt(2024, 7, 5).ok_or("date")?;
    /// store.push(Obligation::new("1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1".parse()?, due))?;
    /// let text = "clause,body,period,kind,date\n\
    ///     10,TH-HU-NGA-SON,2024-H1,submitted,2024-06-14\n\
    ///     10,TH-HU-NGA-SON,2024-H1,submitted,2024-06-15\n";
    /// let limits = Limits::new().with(Limit::EventsPerObligation, 1);
    /// let err = EventLoader::new(&store).limits(limits).csv(text).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid event log csv at line 3: event `submitted` on `2024-06-15` for \
    ///      `1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1` (line 3): the number of events \
    ///      of the obligation exceeds the limit of 1"
    /// );
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn limits(mut self, limits: crate::Limits) -> EventLoader<'o> {
        self.limits = limits;
        self
    }

    /// The same loader, naming the file (or other origin) of the text in its errors.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "serde")]
    /// # {
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// let err = EventLoader::new(&store).origin("log.json").json("{").unwrap_err();
    /// assert!(err.to_string().starts_with("invalid event log json in `log.json` at line 1"), "{err}");
    /// # }
    /// ```
    #[must_use]
    pub fn origin(mut self, name: impl Into<String>) -> EventLoader<'o> {
        self.origin = Some(name.into());
        self
    }

    /// The same loader, reading rows that name their obligation by clause, body and
    /// period as obligations of this directive. Without it, such rows need a store that
    /// holds obligations of one directive only.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "csv")]
    /// # {
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::{Obligation, ObligationKey, Obligations};
    ///
    /// let due = NaiveDate::from_ymd_opt(2024, 7, 5).ok_or("date")?;
    /// let a: ObligationKey = "1470-CV/TU@2024-02-22/10.1/TH-TU-BDV/2024-H1".parse()?;
    /// let b: ObligationKey = "05/CT-UBND@2024-01-02/10.1/TH-TU-BDV/2024-H1".parse()?;
    /// let mut store = Obligations::new();
    /// store.push(Obligation::new(a.clone(), due))?;
    /// let id = store.push(Obligation::new(b.clone(), due))?;
    /// let text = "clause,body,period,kind,date\n10,TH-TU-BDV,2024-H1,completed,2024-06-30\n";
    /// assert!(EventLoader::new(&store).csv(text).is_err());
    /// let events = EventLoader::new(&store).directive(b.directive().clone()).csv(text)?;
    /// assert_eq!(events.get(directives::compliance::EventId::from_index(0)).map(|e| e.obligation()), Some(id));
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn directive(mut self, key: DirectiveKey) -> EventLoader<'o> {
        self.directive = Some(key);
        self
    }

    /// Reads a log from a file, in the format its extension names (`.csv`, `.json`,
    /// `.toml`); errors name the path.
    ///
    /// # Errors
    ///
    /// [`EventProblem::Io`] when the file cannot be read, [`EventProblem::UnknownFormat`]
    /// for another extension, and otherwise as [`EventLoader::csv`].
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "csv")]
    /// # {
    /// use directives::compliance::{EventLoader, EventProblem};
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// let err = EventLoader::new(&store).path("no/such/events.csv").unwrap_err();
    /// assert!(matches!(err.problem(), EventProblem::Io(_)));
    /// assert_eq!(err.origin(), Some("no/such/events.csv"));
    /// # }
    /// ```
    pub fn path(&self, path: impl AsRef<std::path::Path>) -> Result<Events, EventLoadError> {
        let path = path.as_ref();
        let mut loader = self.clone();
        if loader.origin.is_none() {
            loader.origin = Some(path.display().to_string());
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let format: &'static str = match extension {
            "csv" => "csv",
            "json" => "json",
            "toml" => "toml",
            _ => {
                return Err(loader.error_at(
                    "file",
                    None,
                    None,
                    None,
                    EventProblem::UnknownFormat(path.display().to_string()),
                ));
            }
        };
        #[cfg(any(feature = "csv", feature = "serde"))]
        let io = |e: std::io::Error| {
            loader.error_at(format, None, None, None, EventProblem::Io(e.to_string()))
        };
        match format {
            #[cfg(feature = "csv")]
            "csv" => {
                let file = std::fs::File::open(path).map_err(io)?;
                loader.read_csv(std::io::BufReader::new(file))
            }
            #[cfg(feature = "serde")]
            "json" => loader.json(&std::fs::read_to_string(path).map_err(io)?),
            #[cfg(feature = "serde")]
            "toml" => loader.toml(&std::fs::read_to_string(path).map_err(io)?),
            _ => Err(loader.error_at(
                format,
                None,
                None,
                None,
                EventProblem::UnknownFormat(format!(
                    "{} (this build reads it without the feature `{}`)",
                    path.display(),
                    if format == "csv" { "csv" } else { "serde" }
                )),
            )),
        }
    }

    /// The most events one obligation takes.
    fn max_events_per_obligation(&self) -> usize {
        self.limits.max(crate::Limit::EventsPerObligation)
    }

    /// An error with the loader's origin.
    fn error_at(
        &self,
        format: &'static str,
        line: Option<u32>,
        column: Option<u32>,
        field: Option<String>,
        problem: EventProblem,
    ) -> EventLoadError {
        EventLoadError {
            format,
            origin: self.origin.clone(),
            line,
            column,
            field,
            problem,
        }
    }
}

#[cfg(feature = "csv")]
impl EventLoader<'_> {
    /// Reads a log from CSV text (see the [module docs](crate::compliance#event-logs-from-files)).
    ///
    /// # Errors
    ///
    /// An [`EventLoadError`] naming the line, the column (the field's place in the row),
    /// the field and the problem, for the first row at fault: broken CSV, a header with an
    /// unknown or repeated column, a row with the wrong number of fields, an unknown kind,
    /// a missing field, a malformed date, an unknown body or obligation.
    ///
    /// With the `parallel` feature, a large text without quotes is read in parts on
    /// rayon's threads and the parts joined in file order: the log, or the error, is the
    /// one a single thread gives.
    ///
    /// # Example
    ///
    /// See [`EventLoader`].
    ///
    /// ```
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// let err = EventLoader::new(&store).csv("obligation,kind,date\nX@2024-01-01/1.1/A/2024,sent,2024-01-05\n").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid event log csv at line 2, column 2, `kind`: unknown kind `sent`: expected one of `submitted`, `completed`, `extended`, `waived`, `reopened`, `indicator_value`",
    /// );
    /// ```
    pub fn csv(&self, text: &str) -> Result<Events, EventLoadError> {
        self.csv_bytes(text.as_bytes())
    }

    /// Reads a log from CSV read from `reader` (a file, a decompressor, a socket).
    ///
    /// The reader is read to its end first, and the text then read as
    /// [`EventLoader::csv`] reads it (on every core with the `parallel` feature): a row's
    /// line is then exact, and the parts a text is split into end at line ends of a
    /// text at hand.
    ///
    /// # Errors
    ///
    /// As [`EventLoader::csv`], and [`EventProblem::Io`] when reading fails.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::Obligations;
    ///
    /// let store = Obligations::new();
    /// let text: &[u8] = b"obligation,kind,date\n";
    /// assert!(EventLoader::new(&store).read_csv(text)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_csv(&self, mut reader: impl std::io::Read) -> Result<Events, EventLoadError> {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| self.error_at("csv", None, None, None, EventProblem::Io(e.to_string())))?;
        self.csv_bytes(&bytes)
    }

    /// Reads a log from CSV bytes: the fast path, and when it declines, the exact one.
    fn csv_bytes(&self, bytes: &[u8]) -> Result<Events, EventLoadError> {
        match self.csv_fast(bytes) {
            Some(events) => Ok(events),
            None => self.csv_exact(bytes),
        }
    }

    /// The fast path ([`fast`]): the same log as the exact path, or `None`, building no
    /// error.
    fn csv_fast(&self, bytes: &[u8]) -> Option<Events> {
        fast::csv(self, bytes)
    }

    /// The exact path: each row is resolved as it is read, and the first row at fault
    /// gives its error. The whole text is at hand so that each row's line is exact: the
    /// parser places a row where it began to read, before the blank and comment lines it
    /// skipped.
    fn csv_exact(&self, bytes: &[u8]) -> Result<Events, EventLoadError> {
        let mut reader = csv_reader(bytes);
        let first_line = |record: &csv::StringRecord| {
            record
                .position()
                .map_or(0, |p| skip_to_content(bytes, p.byte(), p.line()))
        };
        let fail = |line: u64, column: Option<usize>, field: Option<&str>, problem| {
            self.error_at(
                "csv",
                Some(u32::try_from(line).unwrap_or(u32::MAX)),
                column.map(|c| u32::try_from(c + 1).unwrap_or(u32::MAX)),
                field.map(str::to_owned),
                problem,
            )
        };
        let csv_error = |e: csv::Error| {
            let line = e.position().map_or(0, csv::Position::line);
            match e.kind() {
                csv::ErrorKind::Io(io) => self.error_at(
                    "csv",
                    (line > 0).then(|| u32::try_from(line).unwrap_or(u32::MAX)),
                    None,
                    None,
                    EventProblem::Io(io.to_string()),
                ),
                csv::ErrorKind::Utf8 { err, .. } => fail(
                    line,
                    Some(err.field()),
                    None,
                    EventProblem::Syntax(format!("invalid UTF-8 in field {}", err.field() + 1)),
                ),
                _ => fail(
                    line,
                    None,
                    None,
                    EventProblem::Syntax(crate::text::bound_message(&e.to_string())),
                ),
            }
        };
        let mut record = csv::StringRecord::new();
        if !reader.read_record(&mut record).map_err(csv_error)? {
            return Err(self.error_at("csv", None, None, None, EventProblem::Empty));
        }
        let header_line = first_line(&record);
        let columns = header_columns(&record)
            .map_err(|(column, field, problem)| fail(header_line, column, field, problem))?;
        let mut resolver = Resolver::new(self);
        // About 60 bytes a row in the usual logs.
        let mut events = Events::with_capacity(bytes.len() / 64);
        let mut limit = PerObligation::new(self.obligations, self.max_events_per_obligation());
        while reader.read_record(&mut record).map_err(csv_error)? {
            let line = first_line(&record);
            if record.len() != columns.len() {
                return Err(fail(
                    line,
                    None,
                    None,
                    EventProblem::FieldCount {
                        expected: columns.len(),
                        found: record.len(),
                    },
                ));
            }
            let mut row = Row::default();
            for (&field, value) in columns.iter().zip(record.iter()) {
                row.set(field, value);
            }
            let event = resolver.event(&row).map_err(|(field, problem)| {
                let column = columns.iter().position(|&c| c == field);
                fail(line, column, Some(field.name()), problem)
            })?;
            let at = u32::try_from(line).unwrap_or(u32::MAX);
            limit
                .push(&mut events, self.obligations, event, at)
                .map_err(|e| fail(line, None, None, EventProblem::Refused(Box::new(e))))?;
        }
        Ok(events)
    }
}

/// The CSV reader every path uses: no header handling (the loader reads it), `#` comment
/// lines, rows of any length (the loader names a row with the wrong number of fields).
#[cfg(feature = "csv")]
fn csv_reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(bytes)
}

/// What is wrong with a CSV header: the column (from 0) and the name where one is at
/// fault, and the problem.
#[cfg(feature = "csv")]
type HeaderError<'h> = (Option<usize>, Option<&'h str>, EventProblem);

/// The fields of a CSV header.
#[cfg(feature = "csv")]
fn header_columns(record: &csv::StringRecord) -> Result<Vec<Field>, HeaderError<'_>> {
    let mut columns: Vec<Field> = Vec::with_capacity(record.len());
    for (i, name) in record.iter().enumerate() {
        let field = Field::from_name(name).ok_or_else(|| {
            (
                Some(i),
                Some(name),
                EventProblem::UnknownField(name.to_owned()),
            )
        })?;
        if columns.contains(&field) {
            return Err((
                Some(i),
                Some(name),
                EventProblem::DuplicateColumn(name.to_owned()),
            ));
        }
        columns.push(field);
    }
    let has = |f: Field| columns.contains(&f);
    let by_place = has(Field::Clause) && has(Field::Body) && has(Field::Period);
    if !(has(Field::Obligation) || by_place) {
        return Err((None, None, EventProblem::NoObligationColumns));
    }
    for needed in [Field::Kind, Field::Date] {
        if !has(needed) {
            return Err((None, None, EventProblem::MissingColumn(needed.name())));
        }
    }
    Ok(columns)
}

/// The line of the first byte at or after `byte` (on line `line`) that is not part of a
/// blank line or a comment line: where a CSV row really starts.
#[cfg(feature = "csv")]
fn skip_to_content(bytes: &[u8], mut byte: u64, mut line: u64) -> u64 {
    loop {
        let at = usize::try_from(byte).unwrap_or(usize::MAX);
        let rest = bytes.get(at..).unwrap_or_default();
        let skip = match rest {
            [b'\n', ..] => 1,
            // A line end of its own (the parser takes `\r`, `\n` and `\r\n`), on this line.
            [b'\r', ..] => {
                byte += 1;
                continue;
            }
            [b'#', ..] => rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |n| n + 1),
            _ => return line,
        };
        byte += skip as u64;
        line += 1;
    }
}

/// The shape of a log in JSON: each row kept as its text, so its line is known.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonLog<'a> {
    #[serde(borrow)]
    events: Vec<&'a serde_json::value::RawValue>,
}

/// The shape of a log in TOML.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlLog<'a> {
    #[serde(borrow)]
    events: Vec<toml::Spanned<WireRow<'a>>>,
}

/// One row in JSON or TOML: the same fields as a CSV row.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WireRow<'a> {
    #[serde(default, borrow, deserialize_with = "text_field")]
    obligation: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text_field")]
    clause: Option<Cow<'a, str>>,
    #[serde(default)]
    requirement: Option<u32>,
    #[serde(default, borrow, deserialize_with = "text_field")]
    body: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text_field")]
    period: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text_field")]
    kind: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text_field")]
    date: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text_field")]
    recorded: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text_field")]
    new_due: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text_field")]
    document: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text_field")]
    by: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text_field")]
    reason: Option<Cow<'a, str>>,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    line: Option<u32>,
}

/// A text field; `null` (as a record writes a missing document) is a field not given.
#[cfg(feature = "serde")]
fn text_field<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Cow<'de, str>>, D::Error> {
    struct Visitor;

    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<Cow<'de, str>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            crate::text::string(d, "a string").map(Some)
        }
    }

    deserializer.deserialize_option(Visitor)
}

#[cfg(feature = "serde")]
impl WireRow<'_> {
    /// Reads the row into the one row model; `numbers` holds the text of the numeric
    /// fields.
    fn fill<'r>(&'r self, numbers: &'r mut [String; 2]) -> Row<'r> {
        let mut row = Row::default();
        let texts = [
            (Field::Obligation, &self.obligation),
            (Field::Clause, &self.clause),
            (Field::Body, &self.body),
            (Field::Period, &self.period),
            (Field::Kind, &self.kind),
            (Field::Date, &self.date),
            (Field::Recorded, &self.recorded),
            (Field::NewDue, &self.new_due),
            (Field::Document, &self.document),
            (Field::By, &self.by),
            (Field::Reason, &self.reason),
        ];
        for (field, value) in texts {
            if let Some(value) = value {
                row.set(field, value);
            }
        }
        let [requirement, value] = numbers;
        if let Some(n) = self.requirement {
            *requirement = n.to_string();
            row.set(Field::Requirement, requirement);
        }
        if let Some(v) = self.value {
            *value = v.to_string();
            row.set(Field::Value, value);
        }
        row
    }
}

#[cfg(feature = "serde")]
impl EventLoader<'_> {
    /// Reads a log from JSON: `{"events": [row, …]}` (see the [module docs](crate::compliance#event-logs-from-files)).
    ///
    /// # Errors
    ///
    /// An [`EventLoadError`] naming the line and column, the path of the value
    /// (`events[3].date`) and the problem, as for [`EventLoader::csv`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut store = Obligations::new();
    /// let due = NaiveDate::from_ymd_opt(2024, 7, 5).ok_or("date")?;
    /// store.push(Obligation::new("1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1".parse()?, due))?;
    /// let text = r#"{"events": [
    ///   {"obligation": "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1", "kind": "submitted", "date": "2024-06-14"},
    ///   {"clause": "10", "body": "TH-HU-NGA-SON", "period": "2024-H1", "kind": "extended", "date": "2024-06-10"}
    /// ]}"#;
    /// let err = EventLoader::new(&store).json(text).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid event log json at line 3, column 3, `events[1].new_due`: an event `extended` needs `new_due`",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn json(&self, text: &str) -> Result<Events, EventLoadError> {
        use crate::load::{Format, line_column, locate, offset_of};
        if text.trim().is_empty() {
            return Err(self.error_at("json", None, None, None, EventProblem::Empty));
        }
        let position = |offset: usize| {
            let (line, column) = line_column(text, offset);
            (
                Some(u32::try_from(line).unwrap_or(u32::MAX)),
                Some(u32::try_from(column).unwrap_or(u32::MAX)),
            )
        };
        let data = |path: String, e: &serde_json::Error, base: usize| {
            let message = crate::text::bound_message(&without_position(&e.to_string()));
            let inner = text
                .get(base..)
                .and_then(|t| offset_of(t, e.line(), e.column()))
                .map(|o| base + o);
            let path_offset = (!matches!(e.classify(), serde_json::error::Category::Syntax))
                .then(|| locate(Format::Json, text, &path))
                .flatten();
            let (line, column) = path_offset.or(inner).map_or((None, None), position);
            let problem = match e.classify() {
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    EventProblem::Syntax(message)
                }
                _ => EventProblem::Data(message),
            };
            let field = (path != ".").then_some(path);
            self.error_at("json", line, column, field, problem)
        };
        let mut de = serde_json::Deserializer::from_str(text);
        let log: JsonLog<'_> = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            data(path, e.inner(), 0)
        })?;
        de.end().map_err(|e| data(".".to_owned(), &e, 0))?;
        let mut resolver = Resolver::new(self);
        let mut events = Events::with_capacity(log.events.len());
        let mut limit = PerObligation::new(self.obligations, self.max_events_per_obligation());
        let mut counted = (0usize, 1usize);
        for (i, raw) in log.events.iter().enumerate() {
            let raw_text = raw.get();
            // The raw text is a slice of `text`: its offset is the distance between them.
            let base = (raw_text.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            let newlines = text
                .get(counted.0..base)
                .map_or(0, |t| t.bytes().filter(|&b| b == b'\n').count());
            counted = (base, counted.1 + newlines);
            let path = format!("events[{i}]");
            let mut inner = serde_json::Deserializer::from_str(raw_text);
            let wire: WireRow<'_> = serde_path_to_error::deserialize(&mut inner).map_err(|e| {
                let inner_path = e.path().to_string();
                let full = if inner_path == "." {
                    path.clone()
                } else {
                    format!("{path}.{inner_path}")
                };
                data(full, e.inner(), base)
            })?;
            let line = wire
                .line
                .unwrap_or(u32::try_from(counted.1).unwrap_or(u32::MAX));
            let mut numbers = [String::new(), String::new()];
            let row = wire.fill(&mut numbers);
            let event = resolver.event(&row).map_err(|(field, problem)| {
                let at = format!("{path}.{}", field.name());
                let (line, column) = position(locate(Format::Json, text, &at).unwrap_or(base));
                self.error_at("json", line, column, Some(at), problem)
            })?;
            limit
                .push(&mut events, self.obligations, event, line)
                .map_err(|e| {
                    let (line, column) = position(base);
                    self.error_at(
                        "json",
                        line,
                        column,
                        Some(path.clone()),
                        EventProblem::Refused(Box::new(e)),
                    )
                })?;
        }
        Ok(events)
    }

    /// Reads a log from TOML: `[[events]]` tables (see the [module docs](crate::compliance#event-logs-from-files)).
    ///
    /// # Errors
    ///
    /// As [`EventLoader::json`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::EventLoader;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut store = Obligations::new();
    /// let due = NaiveDate::from_ymd_opt(2024, 7, 5).ok_or("date")?;
    /// store.push(Obligation::new("1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1".parse()?, due))?;
    /// let text = "[[events]]\nclause = \"10\"\nbody = \"TH-HU-NGA-SON\"\nperiod = \"2024-H1\"\nkind = \"submitted\"\ndate = 2024-06-14\n";
    /// let err = EventLoader::new(&store).origin("log.toml").toml(text).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid event log toml in `log.toml` at line 6, column 8, `events[0].date`: unquoted date `2024-06-14`: write it as a string, `\"2024-06-14\"`",
    /// );
    /// assert_eq!(EventLoader::new(&store).toml(&text.replace("= 2024-06-14", "= \"2024-06-14\""))?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn toml(&self, text: &str) -> Result<Events, EventLoadError> {
        use crate::load::{Format, line_column, locate};
        let position = |offset: usize| {
            let (line, column) = line_column(text, offset);
            (
                Some(u32::try_from(line).unwrap_or(u32::MAX)),
                Some(u32::try_from(column).unwrap_or(u32::MAX)),
            )
        };
        let has_content = text.lines().any(|l| {
            let l = l.trim();
            !l.is_empty() && !l.starts_with('#')
        });
        if !has_content {
            return Err(self.error_at("toml", None, None, None, EventProblem::Empty));
        }
        let de = toml::Deserializer::parse(text).map_err(|e| {
            let (line, column) = e.span().map_or((None, None), |s| position(s.start));
            self.error_at(
                "toml",
                line,
                column,
                None,
                EventProblem::Syntax(crate::text::bound_message(e.message())),
            )
        })?;
        let log: TomlLog<'_> = serde_path_to_error::deserialize(de).map_err(|e| {
            // A row is read through `toml::Spanned`, whose inner value has a private name.
            let path = e
                .path()
                .to_string()
                .replace(".$__serde_spanned_private_value", "");
            let offset =
                locate(Format::Toml, text, &path).or_else(|| e.inner().span().map(|s| s.start));
            let (line, column) = offset.map_or((None, None), position);
            self.error_at(
                "toml",
                line,
                column,
                Some(path),
                EventProblem::Data(crate::text::bound_message(e.inner().message())),
            )
        })?;
        let mut resolver = Resolver::new(self);
        let mut events = Events::with_capacity(log.events.len());
        let mut limit = PerObligation::new(self.obligations, self.max_events_per_obligation());
        for (i, spanned) in log.events.iter().enumerate() {
            // A table's span starts after the previous value: skip to its header.
            let base = skip_blank_toml(text, spanned.span().start);
            let wire = spanned.get_ref();
            let (line, column) = position(base);
            let path = format!("events[{i}]");
            let mut numbers = [String::new(), String::new()];
            let row = wire.fill(&mut numbers);
            let event = resolver.event(&row).map_err(|(field, problem)| {
                let at = format!("{path}.{}", field.name());
                let (line, column) =
                    locate(Format::Toml, text, &at).map_or((line, column), position);
                self.error_at("toml", line, column, Some(at), problem)
            })?;
            let at_line = wire.line.or(line).unwrap_or(0);
            limit
                .push(&mut events, self.obligations, event, at_line)
                .map_err(|e| {
                    self.error_at(
                        "toml",
                        line,
                        column,
                        Some(path.clone()),
                        EventProblem::Refused(Box::new(e)),
                    )
                })?;
        }
        Ok(events)
    }
}

/// The offset of the first character at or after `offset` that is neither whitespace
/// nor in a comment.
#[cfg(feature = "serde")]
fn skip_blank_toml(text: &str, mut offset: usize) -> usize {
    let b = text.as_bytes();
    while let Some(&c) = b.get(offset) {
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => offset += 1,
            b'#' => {
                while b.get(offset).is_some_and(|&c| c != b'\n') {
                    offset += 1;
                }
            }
            _ => break,
        }
    }
    offset
}

/// A parser's message without the position it appends (the error names it apart).
#[cfg(feature = "serde")]
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
}

/// A fast hasher for the loader's small caches of texts (not exposed to hostile
/// collisions beyond a file's own distinct values, which the caches hold once each).
#[derive(Debug, Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A cache of texts already resolved: each distinct text is parsed and looked up once.
type Cache = FastMap<Box<str>, Option<u32>>;

/// Resolves rows into events, with caches of the texts it has seen.
struct Resolver<'l> {
    obligations: &'l Obligations,
    /// The directive given to the loader.
    directive: Option<&'l DirectiveKey>,
    /// The handle of the directive of rows named by place: not looked up yet, or the
    /// handle (`None`: the store does not hold it), or the number of directives when
    /// none was given and the store holds several.
    place_directive: Option<Result<Option<u32>, usize>>,
    /// The last `symbol@issued` seen in a reference, and its handle.
    last_directive: Option<(Box<str>, Option<u32>)>,
    clauses: Cache,
    bodies: Cache,
    periods: Cache,
    /// For rows without a requirement: (directive, clause, body, period) to the first
    /// requirement that matches and the number that do.
    by_place: Option<FastMap<[u32; 4], (u32, u32)>>,
    /// The row of the last obligation found: logs often name one obligation after
    /// another in store order.
    last_row: Option<u32>,
    /// Whether keys are left for the caller to look up in batches: the key of the last
    /// row goes to `deferred`, and the row's obligation is a placeholder meanwhile.
    defer: bool,
    /// The key of the last row, when `defer` is set and the row named its obligation by
    /// a key.
    deferred: Option<RowKey>,
}

/// A problem with a field of a row.
type RowError = (Field, EventProblem);

impl<'l> Resolver<'l> {
    fn new(loader: &'l EventLoader<'_>) -> Resolver<'l> {
        Resolver {
            obligations: loader.obligations,
            directive: loader.directive.as_ref(),
            place_directive: None,
            last_directive: None,
            clauses: Cache::default(),
            bodies: Cache::default(),
            periods: Cache::default(),
            by_place: None,
            last_row: None,
            defer: false,
            deferred: None,
        }
    }

    /// The obligation with this key; when deferring, a placeholder, the key kept for the
    /// caller.
    fn find(&mut self, key: RowKey) -> Option<ObligationId> {
        if self.defer {
            self.deferred = Some(key);
            return Some(ObligationId::from_index(0));
        }
        let found = self.obligations.find_row_near(key, self.last_row);
        self.last_row = found.map(ObligationId::index).or(self.last_row);
        found
    }

    /// The event a row describes.
    fn event(&mut self, row: &Row<'_>) -> Result<Event, RowError> {
        let kind_text = row
            .get(Field::Kind)
            .ok_or((Field::Kind, missing("", Field::Kind)))?;
        let kind = KindName::parse(kind_text)
            .ok_or_else(|| (Field::Kind, EventProblem::UnknownKind(kind_text.to_owned())))?;
        let date = date_field(row, Field::Date)?
            .ok_or((Field::Date, missing(kind.name(), Field::Date)))?;
        let recorded = date_field(row, Field::Recorded)?;
        let (needs, takes) = kind.fields();
        for field in KIND_FIELDS {
            if field == Field::Requirement {
                continue;
            }
            let given = row.get(field).is_some();
            if given && !needs.contains(&field) && !takes.contains(&field) {
                return Err((
                    field,
                    EventProblem::FieldNotTaken {
                        kind: kind.name(),
                        field: field.name(),
                    },
                ));
            }
            if !given && needs.contains(&field) {
                return Err((field, missing(kind.name(), field)));
            }
        }
        let event_kind = match kind {
            KindName::Submitted => EventKind::Submitted {
                document: text_value(row, Field::Document)?,
            },
            KindName::Completed => EventKind::Completed,
            KindName::Reopened => EventKind::Reopened,
            KindName::Extended => EventKind::Extended {
                new_due: date_field(row, Field::NewDue)?
                    .ok_or((Field::NewDue, missing(kind.name(), Field::NewDue)))?,
                document: required_text(row, Field::Document, kind)?,
            },
            KindName::Waived => EventKind::Waived {
                by: required_text(row, Field::By, kind)?,
                reason: required_text(row, Field::Reason, kind)?,
            },
            KindName::IndicatorValue => {
                let text = row
                    .get(Field::Value)
                    .ok_or((Field::Value, missing(kind.name(), Field::Value)))?;
                let value = text
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| (Field::Value, EventProblem::InvalidValue(text.to_owned())))?;
                EventKind::IndicatorValue { value }
            }
        };
        let obligation = self.obligation(row, kind.name())?;
        let mut event = Event::new(obligation, date, event_kind);
        if let Some(recorded) = recorded {
            event = event.recorded_on(recorded);
        }
        Ok(event)
    }

    /// The obligation a row names, by reference or by place.
    fn obligation(&mut self, row: &Row<'_>, kind: &'static str) -> Result<ObligationId, RowError> {
        let reference = row.get(Field::Obligation);
        let place = [
            Field::Clause,
            Field::Requirement,
            Field::Body,
            Field::Period,
        ]
        .into_iter()
        .find(|&f| row.get(f).is_some());
        match (reference, place) {
            (Some(_), Some(field)) => Err((field, EventProblem::TwoObligations)),
            (Some(text), None) => self.by_reference(text),
            (None, None) => Err((
                Field::Obligation,
                EventProblem::MissingField {
                    kind,
                    field: Field::Obligation.name(),
                },
            )),
            (None, Some(_)) => self.by_place(row, kind),
        }
    }

    /// The obligation with this reference, parsing each distinct part once.
    fn by_reference(&mut self, text: &str) -> Result<ObligationId, RowError> {
        match self.by_reference_parts(text) {
            Some(Ok(found)) => found,
            Some(Err(())) | None => self.by_reference_slowly(text),
        }
    }

    /// The fast path: `Some(Ok(..))` when every part is read as the reference's parser
    /// reads it; `Some(Err(()))` or `None` sends the text to that parser.
    #[allow(clippy::type_complexity, reason = "a private three-way answer")]
    fn by_reference_parts(
        &mut self,
        text: &str,
    ) -> Option<Result<Result<ObligationId, RowError>, ()>> {
        // As `ObligationKey::from_str`: the last `@`, then exactly four `/` parts.
        let at = text.rfind('@')?;
        let symbol = text.get(..at)?;
        let rest = text.get(at + 1..)?;
        let mut parts = rest.split('/');
        let (Some(issued), Some(place), Some(body), Some(period), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return None;
        };
        let directive_text = text.get(..at + 1 + issued.len())?;
        let directive = match &self.last_directive {
            Some((last, handle)) if **last == *directive_text => *handle,
            _ => {
                let symbol = crate::document::DocSymbol::parse(symbol).ok()?;
                let issued = crate::text::strict_date(issued)?;
                let handle = self
                    .obligations
                    .directive_handle(&DirectiveKey::new(symbol, issued));
                self.last_directive = Some((directive_text.into(), handle));
                handle
            }
        };
        let (clause_text, number) = place.rsplit_once('.')?;
        let clause = cached(&mut self.clauses, clause_text, |t| {
            let clause: Clause = t.parse().ok()?;
            Some(self.obligations.clause_handle(&clause))
        })
        .ok()?;
        let requirement = requirement_number(number)?;
        let body_id = cached(&mut self.bodies, body, |t| {
            crate::org::BodyCode::new(t).ok()?;
            Some(self.obligations.body_id(t).map(crate::org::BodyId::index))
        })
        .ok()?;
        let period_handle = cached(&mut self.periods, period, |t| {
            let period: Period = t.parse().ok()?;
            Some(self.obligations.period_handle(&period))
        })
        .ok()?;
        let Some(body_id) = body_id else {
            return Some(Ok(Err((
                Field::Obligation,
                EventProblem::UnknownBody(body.to_owned()),
            ))));
        };
        let found = match (directive, clause, period_handle) {
            (Some(d), Some(c), Some(p)) => self.find([d, c, requirement.get(), body_id, p]),
            _ => None,
        };
        Some(Ok(found.ok_or_else(|| {
            (
                Field::Obligation,
                EventProblem::UnknownObligation(quote(text)),
            )
        })))
    }

    /// The slow path: the reference's own parser, for its message.
    fn by_reference_slowly(&self, text: &str) -> Result<ObligationId, RowError> {
        let key: ObligationKey =
            text.parse()
                .map_err(|e: crate::obligation::ObligationError| {
                    (
                        Field::Obligation,
                        EventProblem::InvalidReference(e.to_string()),
                    )
                })?;
        if self.obligations.body_id(key.body().as_ref()).is_none() {
            return Err((
                Field::Obligation,
                EventProblem::UnknownBody(key.body().as_ref().to_owned()),
            ));
        }
        self.obligations.find(&key).ok_or_else(|| {
            (
                Field::Obligation,
                EventProblem::UnknownObligation(quote(text)),
            )
        })
    }

    /// The obligation a row names by clause, body and period (and requirement).
    fn by_place(&mut self, row: &Row<'_>, kind: &'static str) -> Result<ObligationId, RowError> {
        let need = |field: Field| row.get(field).ok_or((field, missing(kind, field)));
        let clause_text = need(Field::Clause)?;
        let body_text = need(Field::Body)?;
        let period_text = need(Field::Period)?;
        let directive = self.place_directive()?;
        let obligations = self.obligations;
        let clause = cached(&mut self.clauses, clause_text, |t| {
            let clause: Clause = t.parse().ok()?;
            Some(obligations.clause_handle(&clause))
        })
        .map_err(|()| {
            (
                Field::Clause,
                EventProblem::InvalidClause(clause_text.to_owned()),
            )
        })?;
        let body = cached(&mut self.bodies, body_text, |t| {
            crate::org::BodyCode::new(t).ok()?;
            Some(obligations.body_id(t).map(crate::org::BodyId::index))
        })
        .map_err(|()| (Field::Body, EventProblem::InvalidBody(body_text.to_owned())))?
        .ok_or_else(|| (Field::Body, EventProblem::UnknownBody(body_text.to_owned())))?;
        let period = cached(&mut self.periods, period_text, |t| {
            let period: Period = t.parse().ok()?;
            Some(obligations.period_handle(&period))
        })
        .map_err(|()| {
            (
                Field::Period,
                EventProblem::InvalidPeriod(period_text.to_owned()),
            )
        })?;
        let place = || {
            format!(
                "{} for body {} in period {}",
                match clause_text {
                    "monitoring" => "the monitoring clause".to_owned(),
                    t => format!("task {}", quote(t)),
                },
                quote(body_text),
                quote(period_text)
            )
        };
        let unknown = |field| (field, EventProblem::UnknownObligation(place()));
        let (Some(directive), Some(clause), Some(period)) = (directive, clause, period) else {
            return Err(unknown(Field::Clause));
        };
        match row.get(Field::Requirement) {
            Some(text) => {
                let requirement = requirement_number(text).ok_or_else(|| {
                    (
                        Field::Requirement,
                        EventProblem::InvalidRequirement(text.to_owned()),
                    )
                })?;
                self.find([directive, clause, requirement.get(), body, period])
                    .ok_or_else(|| unknown(Field::Requirement))
            }
            None => {
                let index = self.by_place.get_or_insert_with(|| {
                    let mut index = FastMap::default();
                    for (row, key) in obligations.row_keys() {
                        if key[0] == directive {
                            let entry = index
                                .entry([key[0], key[1], key[3], key[4]])
                                .or_insert((row, 0));
                            entry.1 += 1;
                        }
                    }
                    index
                });
                match index.get(&[directive, clause, body, period]) {
                    Some(&(row, 1)) => Ok(ObligationId::from_index(row)),
                    Some(&(_, count)) => Err((
                        Field::Clause,
                        EventProblem::AmbiguousObligation {
                            place: place(),
                            count,
                        },
                    )),
                    None => Err(unknown(Field::Clause)),
                }
            }
        }
    }

    /// The handle of the directive of rows named by place.
    fn place_directive(&mut self) -> Result<Option<u32>, RowError> {
        let found = *self.place_directive.get_or_insert_with(|| {
            if let Some(key) = self.directive {
                return Ok(self.obligations.directive_handle(key));
            }
            let mut directives = self.obligations.directives();
            match (directives.next(), directives.next()) {
                (Some((only, _)), None) => Ok(Some(only.index())),
                (None, _) => Ok(None),
                (Some(_), Some(_)) => Err(2 + directives.count()),
            }
        });
        found.map_err(|n| (Field::Clause, EventProblem::DirectiveNotKnown(n)))
    }
}

/// Looks a text up in a cache, resolving it once: `Err(())` when `resolve` refuses it.
fn cached(
    cache: &mut Cache,
    text: &str,
    resolve: impl FnOnce(&str) -> Option<Option<u32>>,
) -> Result<Option<u32>, ()> {
    if let Some(&found) = cache.get(text) {
        return Ok(found);
    }
    let found = resolve(text).ok_or(())?;
    cache.insert(text.into(), found);
    Ok(found)
}

/// A requirement's number from 1, as a reference writes it: ASCII digits.
fn requirement_number(text: &str) -> Option<RequirementIndex> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    RequirementIndex::from_number(text.parse::<u64>().ok()?)
}

fn missing(kind: &'static str, field: Field) -> EventProblem {
    EventProblem::MissingField {
        kind,
        field: field.name(),
    }
}

/// A date field, strict.
fn date_field(row: &Row<'_>, field: Field) -> Result<Option<NaiveDate>, RowError> {
    let Some(text) = row.get(field) else {
        return Ok(None);
    };
    crate::text::strict_date(text).map(Some).ok_or_else(|| {
        (
            field,
            EventProblem::InvalidDate(crate::text::date_problem(text)),
        )
    })
}

/// A free text field, NFC; whitespace only is refused.
fn text_value(row: &Row<'_>, field: Field) -> Result<Option<String>, RowError> {
    let Some(text) = row.get(field) else {
        return Ok(None);
    };
    if crate::text::is_blank(text) {
        return Err((field, EventProblem::BlankText(text.to_owned())));
    }
    Ok(Some(crate::text::nfc(text.to_owned())))
}

/// A free text field the kind needs.
fn required_text(row: &Row<'_>, field: Field, kind: KindName) -> Result<String, RowError> {
    text_value(row, field)?.ok_or((field, missing(kind.name(), field)))
}

/// The CSV header a writer puts first.
#[cfg(feature = "csv")]
const WRITE_COLUMNS: [Field; 9] = [
    Field::Obligation,
    Field::Kind,
    Field::Date,
    Field::Recorded,
    Field::NewDue,
    Field::Document,
    Field::By,
    Field::Reason,
    Field::Value,
];

#[cfg(feature = "csv")]
impl Events {
    /// Reads a log from CSV text, each row's obligation found in `obligations` (see
    /// [`EventLoader`] for a file name, a directive for rows named by place, and the
    /// other formats).
    ///
    /// # Errors
    ///
    /// As [`EventLoader::csv`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::Events;
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut store = Obligations::new();
    /// let due = NaiveDate::from_ymd_opt(2024, 7, 5).ok_or("date")?;
    /// store.push(Obligation::new("1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1".parse()?, due))?;
    /// let text = "obligation,kind,date\n1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1,completed,2024-06-14\n";
    /// assert_eq!(Events::from_csv_str(text, &store)?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_csv_str(text: &str, obligations: &Obligations) -> Result<Events, ComplianceError> {
        Ok(EventLoader::new(obligations).csv(text)?)
    }

    /// Writes the log as CSV, one row per event in order, each naming its obligation by
    /// reference: the columns `obligation`, `kind`, `date`, `recorded`, `new_due`,
    /// `document`, `by`, `reason`, `value`. [`EventLoader::csv`] reads it back to an equal
    /// log.
    ///
    /// # Errors
    ///
    /// - [`ComplianceError::UnknownObligation`] for an event whose obligation is not in
    ///   `obligations`;
    /// - [`ComplianceError::Unwritable`] for a text a file cannot tell from a missing one
    ///   (an empty or blank document, `by` or reason);
    /// - [`ComplianceError::Write`] when the writer fails.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::compliance::{Event, EventLoader, Events};
    /// use directives::obligation::{Obligation, Obligations};
    ///
    /// let mut store = Obligations::new();
    /// let due = NaiveDate::from_ymd_opt(2024, 7, 5).ok_or("date")?;
    /// let id = store.push(Obligation::new("1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1".parse()?, due))?;
    /// let mut events = Events::new();
    /// events.push(Event::extended(id, due, NaiveDate::from_ymd_opt(2024, 7, 31).ok_or("date")?, "1612-CV/TU"))?;
    /// let mut out = Vec::new();
    /// events.write_csv(&store, &mut out)?;
    /// let text = String::from_utf8(out)?;
    /// assert_eq!(text, "obligation,kind,date,recorded,new_due,document,by,reason,value\n\
    ///     1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1,extended,2024-07-05,,2024-07-31,1612-CV/TU,,,\n");
    /// let again = EventLoader::new(&store).csv(&text)?;
    /// assert_eq!(again.get(directives::compliance::EventId::from_index(0)), events.get(directives::compliance::EventId::from_index(0)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_csv(
        &self,
        obligations: &Obligations,
        out: impl std::io::Write,
    ) -> Result<(), ComplianceError> {
        let write = |e: csv::Error| ComplianceError::Write {
            message: e.to_string(),
        };
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        writer
            .write_record(WRITE_COLUMNS.iter().map(|f| f.name()))
            .map_err(write)?;
        let mut reference = String::new();
        let mut numbers = (String::new(), String::new());
        for i in 0..self.len() {
            let id = super::EventId::from_index(u32::try_from(i).unwrap_or(u32::MAX));
            let Some(event) = self.get(id) else { continue };
            let Some(key) = obligations.key(event.obligation()) else {
                return Err(ComplianceError::UnknownObligation {
                    obligation: event.obligation(),
                });
            };
            reference.clear();
            let _ = fmt::Write::write_fmt(&mut reference, format_args!("{key}"));
            let unwritable = |field: Field| ComplianceError::Unwritable {
                event: Box::new(super::EventRecord::new(
                    key.clone(),
                    event.date(),
                    event.kind().clone(),
                )),
                field: field.name(),
            };
            let text = |field: Field, value: &str| {
                if crate::text::is_blank(value) {
                    Err(unwritable(field))
                } else {
                    Ok(())
                }
            };
            let mut values: [&str; 9] = [""; 9];
            values[0] = &reference;
            values[1] = event.kind().name();
            numbers.0.clear();
            let _ = fmt::Write::write_fmt(&mut numbers.0, format_args!("{}", event.date()));
            values[2] = &numbers.0;
            numbers.1.clear();
            if let Some(recorded) = event.recorded() {
                let _ = fmt::Write::write_fmt(&mut numbers.1, format_args!("{recorded}"));
            }
            values[3] = &numbers.1;
            let extra;
            match event.kind() {
                EventKind::Submitted { document } => {
                    if let Some(document) = document {
                        text(Field::Document, document)?;
                        values[5] = document;
                    }
                }
                EventKind::Extended { new_due, document } => {
                    text(Field::Document, document)?;
                    extra = new_due.to_string();
                    values[4] = &extra;
                    values[5] = document;
                }
                EventKind::Waived { by, reason } => {
                    text(Field::By, by)?;
                    text(Field::Reason, reason)?;
                    values[6] = by;
                    values[7] = reason;
                }
                EventKind::IndicatorValue { value } => {
                    extra = value.to_string();
                    values[8] = &extra;
                }
                EventKind::Completed | EventKind::Reopened => {}
            }
            writer.write_record(values).map_err(write)?;
        }
        writer.flush().map_err(|e| ComplianceError::Write {
            message: e.to_string(),
        })
    }
}
