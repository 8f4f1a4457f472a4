//! Reports people read: one model, several renderers.
//!
//! # One model, so that no two outputs disagree
//!
//! People who act on a verdict read a report, not Rust values. A [`ReportModel`] is built
//! once from an [`Evaluation`](crate::compliance::Evaluation) and the
//! [`Registry`](crate::org::Registry) that names the bodies, optionally graded under a
//! [`GradingPolicy`](crate::compliance::GradingPolicy) and compared with the previous
//! period's model. Every renderer reads the model and nothing else, so the terminal table,
//! the Markdown, the CSV, the JSON and the HTML page show the same numbers.
//!
//! The model holds the summary in the columns of the Government's task reports (Decision
//! 42/2014/QĐ-TTg: total; done on time, done late; open within the deadline, overdue; plus
//! waived and not applicable), the on-time and done rates with their formula, one row per
//! body with its grade, rank and change, a heatmap of bodies × periods (the worst status
//! of each cell with its count), the exceptions (every finding other than done on time,
//! with its explanation), the results of a criteria assessment when it is given one
//! (each criterion's verdict and the groups that break it, with their witnesses) and the
//! diagnostics.
//!
//! # Language, detail and filters
//!
//! Labels, explanations and dates are in the [`Lang`](crate::Lang) the model is built in
//! (dates `dd/mm/yyyy` in Vietnamese). A [`Detail`] chooses how much is listed: the
//! summary alone, the management view (bodies, heatmap and the worst exceptions), or
//! everything. A [`Filter`] narrows the obligations covered by the level and kind of the
//! body, the status and the directive; what it leaves out is counted nowhere, and the
//! model records the filter it applied.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use directives::Lang;
//! use directives::compliance::{evaluate, EvaluationPolicy, Event, Events};
//! use directives::obligation::{Obligation, Obligations};
//! use directives::org::Registry;
//! use directives::report::{CsvTable, ReportModel};
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
//! let mut obligations = Obligations::new();
//! let a = obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse()?, d(2025, 2, 20)?))?;
//! obligations.push(Obligation::new("05/CT-UBND@2025-01-02/1.1/SYT/2025-02".parse()?, d(2025, 3, 20)?))?;
//! let mut events = Events::new();
//! events.push(Event::submitted(a, d(2025, 2, 18)?))?;
//! let policy = EvaluationPolicy::without_calendar();
//! let evaluation = evaluate(&obligations, &events, d(2025, 4, 1)?, &policy)?;
//! let registry = Registry::builder().build()?;
//! let model = ReportModel::builder(&evaluation, &registry).lang(Lang::Vi).build();
//!
//! assert!(model.to_text().contains("Tỷ lệ đúng hạn"));
//! assert!(model.to_markdown().contains("| SYT |"));
//! assert!(model.to_csv(CsvTable::Bodies, false)?.starts_with("Thứ hạng,Mã,"));
//! assert!(model.to_json()?.starts_with("{\"schema_version\":1,"));
//! let page = model.to_html()?;
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains("<html lang=\"vi\">"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod html;
mod labels;
mod model;
mod render;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::compliance::Status;
use crate::directive::DirectiveKey;
use crate::org::{BodyKind, Level};

pub use self::model::{
    BodyChange, BodyRow, Cell, CriterionLine, DiagnosticSource, Exception, GradingNote, Heatmap,
    HeatmapRow, ReportBuilder, ReportDiagnostic, ReportModel, Summary, ViolationLine,
};
pub use self::render::CsvTable;

/// The version of the report model's JSON form ([`ReportModel::to_json`]). It changes
/// when a field is renamed, removed or changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// How much a report lists.
///
/// # Example
///
/// ```
/// use directives::report::Detail;
///
/// let detail: Detail = "management".parse()?;
/// assert_eq!(detail, Detail::Management);
/// assert_eq!(Detail::Full.to_string(), "full");
/// assert_eq!(
///     "all".parse::<Detail>().unwrap_err().to_string(),
///     "unknown level of detail `all`: expected `summary`, `management` or `full`",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    /// The summary and the diagnostics.
    Summary,
    /// Also the body rows, the heatmap and the worst exceptions (a hundred unless told);
    /// the default.
    #[default]
    Management,
    /// Everything: every exception with its explanation.
    Full,
}

impl Detail {
    /// The snake_case name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::report::Detail::Summary.as_str(), "summary");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Detail::Summary => "summary",
            Detail::Management => "management",
            Detail::Full => "full",
        }
    }

    fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Detail::Summary => lang.pick("tổng hợp", "summary"),
            Detail::Management => lang.pick("quản lý", "management"),
            Detail::Full => lang.pick("đầy đủ", "full"),
        }
    }
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Detail {
    type Err = ReportError;

    fn from_str(text: &str) -> Result<Detail, ReportError> {
        match text {
            "summary" => Ok(Detail::Summary),
            "management" => Ok(Detail::Management),
            "full" => Ok(Detail::Full),
            other => Err(ReportError::UnknownDetail {
                value: crate::text::quote(other),
            }),
        }
    }
}

/// Which obligations a report covers: by the level and the kind of the body that holds
/// them, by status and by directive. An empty list admits everything; a filter with
/// several lists admits what every list admits.
///
/// A body the registry does not know has no level or kind, so a filter by level or kind
/// leaves it out, and the report says so in a diagnostic.
///
/// # Example
///
/// ```
/// use directives::compliance::Status;
/// use directives::org::{BodyKind, Level};
/// use directives::report::Filter;
///
/// let filter = Filter::new()
///     .level(Level::District)
///     .kind(BodyKind::PartyCommittee)
///     .status(Status::OpenOverdue)
///     .status(Status::DoneLate);
/// assert!(!filter.is_empty());
/// assert_eq!(filter.statuses(), [Status::OpenOverdue, Status::DoneLate]);
/// assert!(Filter::new().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct Filter {
    /// The levels admitted (`central`, `province`, `district`, `commune`; empty: all).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(schema_with = "level_list_schema"))]
    levels: Vec<Level>,
    /// The kinds of body admitted (`party_committee`, …; empty: all).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(schema_with = "kind_list_schema"))]
    kinds: Vec<BodyKind>,
    /// The statuses admitted (empty: all).
    #[serde(default)]
    statuses: Vec<Status>,
    /// The directives admitted, by symbol and issue date
    /// (`{"symbol": "1470-CV/TU", "issued": "2024-02-22"}`; empty: all).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(schema_with = "directive_list_schema"))]
    directives: Vec<DirectiveKey>,
}

#[cfg(feature = "schema")]
fn level_list_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let names: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
    schemars::json_schema!({"type": "array", "items": {"type": "string", "enum": names}})
}

#[cfg(feature = "schema")]
fn kind_list_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let names: Vec<&str> = BodyKind::ALL.iter().map(|k| k.as_str()).collect();
    schemars::json_schema!({"type": "array", "items": {"type": "string", "enum": names}})
}

#[cfg(feature = "schema")]
fn directive_list_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "array",
        "items": {
            "type": "object",
            "description": "a directive's key: its symbol and issue date",
            "properties": {
                "symbol": {"type": "string", "description": "the document symbol, `1470-CV/TU`"},
                "issued": {"type": "string", "format": "date"}
            },
            "required": ["symbol", "issued"],
            "additionalProperties": false
        }
    })
}

/// How a report is written: the renderers of a [`ReportModel`].
///
/// The names are those of the command line's `--format` and the `report` call's
/// `format`.
///
/// # Example
///
/// ```
/// use directives::report::ReportFormat;
///
/// assert_eq!("md".parse::<ReportFormat>()?, ReportFormat::Markdown);
/// assert_eq!(ReportFormat::Html.as_str(), "html");
/// assert_eq!(ReportFormat::default(), ReportFormat::Text);
/// assert_eq!(
///     "pdf".parse::<ReportFormat>().unwrap_err().to_string(),
///     "unknown report format `pdf`: expected `text`, `md`, `csv`, `json` or `html`",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ReportFormat {
    /// A terminal table ([`ReportModel::to_text`]); the default.
    #[default]
    #[serde(rename = "text")]
    Text,
    /// Markdown ([`ReportModel::to_markdown`]).
    #[serde(rename = "md")]
    Markdown,
    /// One table as CSV ([`ReportModel::to_csv`]).
    #[serde(rename = "csv")]
    Csv,
    /// The model itself as JSON ([`ReportModel::to_json`]).
    #[serde(rename = "json")]
    Json,
    /// One self-contained HTML page ([`ReportModel::to_html`]).
    #[serde(rename = "html")]
    Html,
}

impl ReportFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [ReportFormat; 5] = [
        ReportFormat::Text,
        ReportFormat::Markdown,
        ReportFormat::Csv,
        ReportFormat::Json,
        ReportFormat::Html,
    ];

    /// The name (`text`, `md`, `csv`, `json`, `html`).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::report::ReportFormat::Markdown.as_str(), "md");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Text => "text",
            ReportFormat::Markdown => "md",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
            ReportFormat::Html => "html",
        }
    }
}

impl fmt::Display for ReportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReportFormat {
    type Err = ReportError;

    fn from_str(text: &str) -> Result<ReportFormat, ReportError> {
        ReportFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == text)
            .ok_or_else(|| ReportError::UnknownFormat {
                value: crate::text::quote(text),
            })
    }
}

impl Filter {
    /// A filter that admits everything.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::report::Filter::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Filter {
        Filter::default()
    }

    /// Also admits bodies of this level.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::Level;
    /// use directives::report::Filter;
    ///
    /// assert_eq!(Filter::new().level(Level::Province).levels(), [Level::Province]);
    /// ```
    #[must_use]
    pub fn level(mut self, level: Level) -> Filter {
        if !self.levels.contains(&level) {
            self.levels.push(level);
        }
        self
    }

    /// Also admits bodies of this kind.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::org::BodyKind;
    /// use directives::report::Filter;
    ///
    /// assert_eq!(Filter::new().kind(BodyKind::PartyCommittee).kinds(), [BodyKind::PartyCommittee]);
    /// ```
    #[must_use]
    pub fn kind(mut self, kind: BodyKind) -> Filter {
        if !self.kinds.contains(&kind) {
            self.kinds.push(kind);
        }
        self
    }

    /// Also admits obligations with this status.
    ///
    /// # Example
    ///
    /// See [`Filter`].
    ///
    /// ```
    /// use directives::compliance::Status;
    /// use directives::report::Filter;
    ///
    /// assert_eq!(Filter::new().status(Status::Waived).statuses(), [Status::Waived]);
    /// ```
    #[must_use]
    pub fn status(mut self, status: Status) -> Filter {
        if !self.statuses.contains(&status) {
            self.statuses.push(status);
        }
        self
    }

    /// Also admits obligations of this directive.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use directives::directive::DirectiveKey;
    /// use directives::document::DocSymbol;
    /// use directives::report::Filter;
    ///
    /// let key = DirectiveKey::new(DocSymbol::parse("1470-CV/TU")?, NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?);
    /// assert_eq!(Filter::new().directive(key).directives().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn directive(mut self, directive: DirectiveKey) -> Filter {
        if !self.directives.contains(&directive) {
            self.directives.push(directive);
        }
        self
    }

    /// The levels admitted (empty: all).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::report::Filter::new().levels().is_empty());
    /// ```
    #[must_use]
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// The kinds admitted (empty: all).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::report::Filter::new().kinds().is_empty());
    /// ```
    #[must_use]
    pub fn kinds(&self) -> &[BodyKind] {
        &self.kinds
    }

    /// The statuses admitted (empty: all).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::report::Filter::new().statuses().is_empty());
    /// ```
    #[must_use]
    pub fn statuses(&self) -> &[Status] {
        &self.statuses
    }

    /// The directives admitted (empty: all).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(directives::report::Filter::new().directives().is_empty());
    /// ```
    #[must_use]
    pub fn directives(&self) -> &[DirectiveKey] {
        &self.directives
    }

    /// Whether the filter admits everything.
    ///
    /// # Example
    ///
    /// See [`Filter`].
    ///
    /// ```
    /// assert!(directives::report::Filter::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
            && self.kinds.is_empty()
            && self.statuses.is_empty()
            && self.directives.is_empty()
    }

    pub(crate) fn admits_body(&self, kind: BodyKind, level: Level) -> bool {
        (self.levels.is_empty() || self.levels.contains(&level))
            && (self.kinds.is_empty() || self.kinds.contains(&kind))
    }

    pub(crate) fn admits_status(&self, status: Status) -> bool {
        self.statuses.is_empty() || self.statuses.contains(&status)
    }

    pub(crate) fn admits_directive(&self, directive: &DirectiveKey) -> bool {
        self.directives.is_empty() || self.directives.contains(directive)
    }

    /// The filter in words, in a language.
    fn describe(&self, lang: crate::Lang) -> String {
        let mut parts = Vec::new();
        if !self.levels.is_empty() {
            let v: Vec<&str> = self.levels.iter().map(|l| l.label(lang)).collect();
            parts.push(format!("{} {}", lang.pick("cấp", "level"), v.join(", ")));
        }
        if !self.kinds.is_empty() {
            let v: Vec<&str> = self.kinds.iter().map(|k| k.label(lang)).collect();
            parts.push(format!("{} {}", lang.pick("loại", "kind"), v.join(", ")));
        }
        if !self.statuses.is_empty() {
            let v: Vec<&str> = self
                .statuses
                .iter()
                .map(|s| labels::status(*s, lang))
                .collect();
            parts.push(format!(
                "{} {}",
                lang.pick("tình trạng", "status"),
                v.join(", ")
            ));
        }
        if !self.directives.is_empty() {
            let v: Vec<String> = self
                .directives
                .iter()
                .map(|d| format!("{} ({})", d.symbol(), labels::date(d.issued(), lang)))
                .collect();
            parts.push(format!(
                "{} {}",
                lang.pick("văn bản", "directive"),
                v.join(", ")
            ));
        }
        if parts.is_empty() {
            lang.pick("không", "none").to_owned()
        } else {
            parts.join("; ")
        }
    }
}

/// A report that could not be read or rendered.
///
/// New variants may be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::report::{Detail, ReportError};
///
/// let err = "brief".parse::<Detail>().unwrap_err();
/// assert!(matches!(err, ReportError::UnknownDetail { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A level of detail other than `summary`, `management` or `full`.
    #[error("unknown level of detail {value}: expected `summary`, `management` or `full`")]
    UnknownDetail {
        /// The value, quoted and bounded.
        value: String,
    },
    /// A format other than `text`, `md`, `csv`, `json` or `html`.
    #[error("unknown report format {value}: expected `text`, `md`, `csv`, `json` or `html`")]
    UnknownFormat {
        /// The value, quoted and bounded.
        value: String,
    },
    /// A CSV table other than `bodies`, `exceptions`, `heatmap` or `criteria`.
    #[error("unknown csv table {value}: expected `bodies`, `exceptions`, `heatmap` or `criteria`")]
    UnknownTable {
        /// The value, quoted and bounded.
        value: String,
    },
    /// A report model written under another schema version.
    #[error(
        "report model has schema version {found}; this library reads version `{}`",
        SCHEMA_VERSION
    )]
    SchemaVersion {
        /// The version found, quoted and bounded.
        found: String,
    },
    /// A report model could not be read from JSON: the message names the file (when
    /// given, [`ReportError::with_origin`]), the line and column, the path of the value
    /// at fault and the value, as every loader's does.
    #[error("{}", load_message(.origin.as_deref(), .path, *.line, *.column, .message))]
    Load {
        /// The name of the file, if given.
        origin: Option<String>,
        /// The path of the offending value (`bodies[3].counts`); `.` for the whole text.
        path: String,
        /// The line, from 1 (0 when unknown).
        line: u32,
        /// The column, in characters, from 1 (0 when unknown).
        column: u32,
        /// What is wrong, bounded in length.
        message: String,
    },
    /// A renderer failed (writing JSON, CSV or the HTML template).
    #[error("cannot render the report as {format}: {message}")]
    Render {
        /// The format (`json`, `csv`, `html`).
        format: &'static str,
        /// What went wrong, bounded in length.
        message: String,
    },
}

/// The message of a [`ReportError::Load`], in the form every loader's takes:
/// `invalid report model json in `file` at line 2, column 14, `summary`: …`.
fn load_message(origin: Option<&str>, path: &str, line: u32, column: u32, message: &str) -> String {
    use std::fmt::Write as _;
    let mut out = "invalid report model json".to_owned();
    if let Some(origin) = origin {
        let _ = write!(out, " in {}", crate::text::quote(origin));
    }
    if line > 0 {
        let _ = write!(out, " at line {line}, column {column}");
    }
    if path != "." {
        let sep = if line > 0 { ", " } else { " at " };
        let _ = write!(out, "{sep}{}", crate::text::quote(path));
    }
    let _ = write!(out, ": {message}");
    out
}

impl ReportError {
    /// The same error naming the file the model was read from (a [`ReportError::Load`]
    /// names it; other errors are unchanged).
    ///
    /// # Example
    ///
    /// See [`ReportModel::from_json_str`](crate::report::ReportModel::from_json_str).
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let err = ReportModel::from_json_str("[").unwrap_err().with_origin("previous.json");
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid report model json in `previous.json` at line 1, column 1: EOF while parsing a list",
    /// );
    /// ```
    #[must_use]
    pub fn with_origin(self, name: impl Into<String>) -> ReportError {
        match self {
            ReportError::Load {
                path,
                line,
                column,
                message,
                ..
            } => ReportError::Load {
                origin: Some(name.into()),
                path,
                line,
                column,
                message,
            },
            other => other,
        }
    }

    pub(crate) fn render(format: &'static str, error: impl fmt::Display) -> ReportError {
        ReportError::Render {
            format,
            message: crate::text::bound_message(&error.to_string()),
        }
    }
}
