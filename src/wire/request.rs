//! The calls: what each asks and the inputs it carries.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::answer::{Failure, WireError};
use super::{MAX_CALL_BYTES, SCHEMA_VERSION};
use crate::Lang;
use crate::calendar::Term;
use crate::period::Period;

/// The name of a call, as the `call` field writes it.
///
/// New calls will be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::wire::CallName;
///
/// assert_eq!(CallName::AddWorkingDays.as_str(), "add_working_days");
/// assert_eq!("evaluate".parse::<CallName>(), Ok(CallName::Evaluate));
/// assert!(CallName::ALL.len() >= 9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CallName {
    /// Lints a directive against a registry ([`LintRequest`]).
    Lint,
    /// Expands a directive into obligations ([`ExpandRequest`]).
    Expand,
    /// Evaluates a directive's obligations against events as of a date
    /// ([`EvaluateRequest`]).
    Evaluate,
    /// Judges an evaluation against compliance criteria ([`AssessRequest`]).
    Assess,
    /// The end of a term from an anchor date ([`DeadlineRequest`]).
    Deadline,
    /// A reporting regime's periods, data windows and due dates ([`ScheduleRequest`]).
    Schedule,
    /// A date plus a number of working days ([`AddWorkingDaysRequest`]).
    AddWorkingDays,
    /// The working days between two dates ([`WorkingDaysBetweenRequest`]).
    WorkingDaysBetween,
    /// What kind of day a date is ([`DayRequest`]).
    Day,
    /// The calls this library answers and the contract's version ([`CallsRequest`]).
    Calls,
    /// A report people read, rendered as text, Markdown, CSV, JSON or HTML
    /// ([`ReportRequest`], feature `report`).
    Report,
}

impl CallName {
    /// Every call, in the order the contract lists them.
    pub const ALL: [CallName; 11] = [
        CallName::Lint,
        CallName::Expand,
        CallName::Evaluate,
        CallName::Assess,
        CallName::Deadline,
        CallName::Schedule,
        CallName::AddWorkingDays,
        CallName::WorkingDaysBetween,
        CallName::Day,
        CallName::Calls,
        CallName::Report,
    ];

    /// The name as the `call` field writes it.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::wire::CallName::Lint.as_str(), "lint");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            CallName::Lint => "lint",
            CallName::Expand => "expand",
            CallName::Evaluate => "evaluate",
            CallName::Assess => "assess",
            CallName::Deadline => "deadline",
            CallName::Schedule => "schedule",
            CallName::AddWorkingDays => "add_working_days",
            CallName::WorkingDaysBetween => "working_days_between",
            CallName::Day => "day",
            CallName::Calls => "calls",
            CallName::Report => "report",
        }
    }
}

impl std::fmt::Display for CallName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CallName {
    type Err = String;

    /// Reads a call's name; the error is the message a failure answer gives.
    fn from_str(text: &str) -> Result<CallName, String> {
        CallName::ALL
            .into_iter()
            .find(|c| c.as_str() == text)
            .ok_or_else(|| {
                format!(
                    "unknown call {}: expected one of {}",
                    crate::text::quote(text),
                    call_list()
                )
            })
    }
}

fn call_list() -> String {
    CallName::ALL
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How an input's text is written.
///
/// # Example
///
/// ```
/// use directives::wire::Format;
///
/// assert_eq!(Format::from_path("data/thanh_hoa.toml"), Some(Format::Toml));
/// assert_eq!(Format::from_path("events.JSON"), Some(Format::Json));
/// assert_eq!(Format::from_path("events.csv"), Some(Format::Csv));
/// assert_eq!(Format::from_path("notes.txt"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    /// TOML.
    Toml,
    /// JSON.
    Json,
    /// CSV, with a header line: event logs only (feature `csv`; the columns are those of
    /// [`EventLoader::csv`](crate::compliance::EventLoader::csv)).
    Csv,
}

impl Format {
    /// The format a file name's extension names (`.toml`, `.json`, `.csv`, in any case),
    /// if any.
    ///
    /// # Example
    ///
    /// See [`Format`].
    ///
    /// ```
    /// assert_eq!(directives::wire::Format::from_path("a.b.toml"), Some(directives::wire::Format::Toml));
    /// ```
    #[must_use]
    pub fn from_path(path: &str) -> Option<Format> {
        let (_, extension) = path.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The name as calls write it (`toml`, `json`, `csv`).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::wire::Format::Json.as_str(), "json");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// An input carried inside a call: a registry, a directive, an event log, criteria or a
/// previous report, as text in a format, or (for JSON) as a JSON value, with an optional
/// name that errors use (a file's path, a database key).
///
/// Exactly one of `text` and `value` is given, and `value` goes with `"format": "json"`.
/// Every input may be TOML or JSON; an event log may also be CSV
/// (`{"format": "csv", "text": "obligation,kind,date\n…"}`), the same tagged form for
/// every call that takes events. A previous report is JSON only.
///
/// # Example
///
/// ```
/// use directives::wire::{Format, Input};
///
/// let input = Input::text(Format::Toml, "bodies = []").named("registry.toml");
/// assert_eq!(input.name.as_deref(), Some("registry.toml"));
/// let json = serde_json::to_string(&input)?;
/// assert_eq!(json, r#"{"format":"toml","text":"bodies = []","name":"registry.toml"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct Input {
    /// How the input is written.
    pub format: Format,
    /// The input as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The input as a JSON value (with `"format": "json"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// A name for errors to give, such as the path of the file the text came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Input {
    /// An input given as text in a format.
    ///
    /// # Example
    ///
    /// See [`Input`].
    ///
    /// ```
    /// use directives::wire::{Format, Input};
    ///
    /// assert_eq!(Input::text(Format::Json, "{}").text.as_deref(), Some("{}"));
    /// ```
    #[must_use]
    pub fn text(format: Format, text: impl Into<String>) -> Input {
        Input {
            format,
            text: Some(text.into()),
            value: None,
            name: None,
        }
    }

    /// An input given as a JSON value.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::wire::{Format, Input};
    ///
    /// let input = Input::value(serde_json::json!({"bodies": []}));
    /// assert_eq!(input.format, Format::Json);
    /// ```
    #[must_use]
    pub fn value(value: serde_json::Value) -> Input {
        Input {
            format: Format::Json,
            text: None,
            value: Some(value),
            name: None,
        }
    }

    /// The same input with a name for errors.
    ///
    /// # Example
    ///
    /// See [`Input`].
    ///
    /// ```
    /// use directives::wire::{Format, Input};
    ///
    /// assert_eq!(Input::text(Format::Toml, "").named("a.toml").name.as_deref(), Some("a.toml"));
    /// ```
    #[must_use]
    pub fn named(mut self, name: impl Into<String>) -> Input {
        self.name = Some(name.into());
        self
    }
}

/// A call of the contract, one variant per [`CallName`], tagged by its `call` field.
///
/// Read one with [`Request::from_json`] (which checks the `schema_version` first and
/// refuses unknown fields), or build one in Rust and answer it with
/// [`Context::answer`](super::Context::answer).
///
/// New calls will be added, so the enum is `#[non_exhaustive]`.
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// let request = Request::from_json(r#"{"schema_version": 1, "call": "working_days_between", "from": "2024-01-01", "to": "2024-02-01"}"#)
///     .map_err(|f| f.to_json())?;
/// assert!(matches!(request, Request::WorkingDaysBetween(_)));
/// assert_eq!(
///     serde_json::to_string(&request)?,
///     r#"{"call":"working_days_between","schema_version":1,"from":"2024-01-01","to":"2024-02-01"}"#,
/// );
/// let unknown = Request::from_json(r#"{"schema_version": 1, "call": "calls", "colour": "red"}"#).unwrap_err();
/// assert_eq!(unknown.errors[0].path, "colour");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "call", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Request {
    /// `lint`.
    Lint(LintRequest),
    /// `expand`.
    Expand(ExpandRequest),
    /// `evaluate`.
    Evaluate(EvaluateRequest),
    /// `assess`.
    Assess(AssessRequest),
    /// `deadline`.
    Deadline(DeadlineRequest),
    /// `schedule`.
    Schedule(ScheduleRequest),
    /// `add_working_days`.
    AddWorkingDays(AddWorkingDaysRequest),
    /// `working_days_between`.
    WorkingDaysBetween(WorkingDaysBetweenRequest),
    /// `day`.
    Day(DayRequest),
    /// `calls`.
    Calls(CallsRequest),
    /// `report`.
    #[cfg(feature = "report")]
    Report(ReportRequest),
}

impl Request {
    /// The call's name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::wire::{CallName, CallsRequest, Request};
    ///
    /// assert_eq!(Request::Calls(CallsRequest { schema_version: 1 }).name(), CallName::Calls);
    /// ```
    #[must_use]
    pub fn name(&self) -> CallName {
        match self {
            Request::Lint(_) => CallName::Lint,
            Request::Expand(_) => CallName::Expand,
            Request::Evaluate(_) => CallName::Evaluate,
            Request::Assess(_) => CallName::Assess,
            Request::Deadline(_) => CallName::Deadline,
            Request::Schedule(_) => CallName::Schedule,
            Request::AddWorkingDays(_) => CallName::AddWorkingDays,
            Request::WorkingDaysBetween(_) => CallName::WorkingDaysBetween,
            Request::Day(_) => CallName::Day,
            Request::Calls(_) => CallName::Calls,
            #[cfg(feature = "report")]
            Request::Report(_) => CallName::Report,
        }
    }

    /// Reads a call from JSON text: the text must be an object of at most
    /// [`MAX_CALL_BYTES`] whose `schema_version` is [`SCHEMA_VERSION`] and whose `call`
    /// is a known [`CallName`]; then the call's own fields are read, refusing unknown ones.
    /// The errors are in the call's `lang` (Vietnamese unless it is `en`).
    ///
    /// # Errors
    ///
    /// A [`Failure`] whose error names the path of the offending value (`""` for the call
    /// as a whole) and what is wrong with it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::wire::Request;
    ///
    /// let failure = Request::from_json(r#"{"schema_version": 1, "call": "day", "date": "2024-02-30"}"#).unwrap_err();
    /// assert_eq!(failure.errors[0].path, "date");
    /// assert_eq!(failure.errors[0].message, "ngày `2024-02-30` không tồn tại");
    /// let failure = Request::from_json(r#"{"schema_version": 1, "call": "day", "date": "2024-02-30", "lang": "en"}"#).unwrap_err();
    /// assert_eq!(failure.errors[0].message, "invalid date `2024-02-30`: no such day");
    /// let failure = Request::from_json(r#"{"schema_version": 1, "call": "dance", "lang": "en"}"#).unwrap_err();
    /// assert_eq!(failure.errors[0].path, "call");
    /// assert!(failure.errors[0].message.starts_with("unknown call `dance`: expected one of `lint`, "));
    /// let failure = Request::from_json("[1, 2").unwrap_err();
    /// assert_eq!(failure.errors[0].message, "không phải json hợp lệ: EOF while parsing a list at line 1 column 5");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Request, Failure> {
        // Until the call's `lang` is read, the contract's default language.
        let mut lang = Lang::Vi;
        let say = |lang: Lang, vi: String, en: String| match lang {
            Lang::Vi => vi,
            Lang::En => en,
        };
        if text.len() > MAX_CALL_BYTES {
            let n = text.len();
            return Err(Failure::one(
                "",
                say(
                    lang,
                    format!("lời gọi dài {n} byte, vượt quá giới hạn {MAX_CALL_BYTES} byte"),
                    format!("a call of {n} bytes is over the limit of {MAX_CALL_BYTES} bytes"),
                ),
            ));
        }
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            let message = crate::text::bound_message(&e.to_string());
            Failure::one(
                "",
                say(
                    lang,
                    format!("không phải json hợp lệ: {message}"),
                    format!("invalid json: {message}"),
                ),
            )
        })?;
        let serde_json::Value::Object(mut map) = value else {
            return Err(Failure::one(
                "",
                lang.pick(
                    "lời gọi phải là một đối tượng json",
                    "a call is a json object",
                ),
            ));
        };
        if map.get("lang").and_then(serde_json::Value::as_str) == Some("en") {
            lang = Lang::En;
        }
        match map.get("schema_version") {
            None => {
                return Err(Failure::one(
                    "schema_version",
                    lang.pick(
                        "thiếu trường `schema_version`",
                        "missing field `schema_version`",
                    ),
                ));
            }
            Some(v) if v.as_u64() == Some(u64::from(SCHEMA_VERSION)) => {}
            Some(v) => {
                let version = crate::text::quote(&v.to_string());
                return Err(Failure::one(
                    "schema_version",
                    say(
                        lang,
                        format!(
                            "không hỗ trợ phiên bản {version}: thư viện này dùng phiên bản \
                             {SCHEMA_VERSION}"
                        ),
                        format!(
                            "unsupported schema version {version}: this library speaks version \
                             {SCHEMA_VERSION}"
                        ),
                    ),
                ));
            }
        }
        let name = match map.remove("call") {
            None => {
                return Err(Failure::one(
                    "call",
                    say(
                        lang,
                        format!("thiếu trường `call`: các lời gọi hợp lệ là {}", call_list()),
                        format!("missing field `call`: expected one of {}", call_list()),
                    ),
                ));
            }
            Some(serde_json::Value::String(name)) => {
                name.parse::<CallName>().map_err(|message| {
                    Failure::one(
                        "call",
                        say(
                            lang,
                            format!(
                                "không có lời gọi {}: các lời gọi hợp lệ là {}",
                                crate::text::quote(&name),
                                call_list()
                            ),
                            message,
                        ),
                    )
                })?
            }
            Some(other) => {
                let call = crate::text::quote(&other.to_string());
                return Err(Failure::one(
                    "call",
                    say(
                        lang,
                        format!("lời gọi {call} không hợp lệ: cần là một chuỗi"),
                        format!("invalid call {call}: expected a string"),
                    ),
                ));
            }
        };
        let rest = serde_json::Value::Object(map);
        Ok(match name {
            CallName::Lint => Request::Lint(read(rest, lang)?),
            CallName::Expand => Request::Expand(read(rest, lang)?),
            CallName::Evaluate => Request::Evaluate(read(rest, lang)?),
            CallName::Assess => Request::Assess(read(rest, lang)?),
            CallName::Deadline => Request::Deadline(read(rest, lang)?),
            CallName::Schedule => Request::Schedule(read(rest, lang)?),
            CallName::AddWorkingDays => Request::AddWorkingDays(read(rest, lang)?),
            CallName::WorkingDaysBetween => Request::WorkingDaysBetween(read(rest, lang)?),
            CallName::Day => Request::Day(read(rest, lang)?),
            CallName::Calls => Request::Calls(read(rest, lang)?),
            #[cfg(feature = "report")]
            CallName::Report => Request::Report(read(rest, lang)?),
            #[cfg(not(feature = "report"))]
            CallName::Report => {
                return Err(Failure::one(
                    "call",
                    lang.pick(
                        "lời gọi `report` cần thư viện được dựng với tính năng `report`",
                        "the `report` call needs the library built with its `report` feature",
                    ),
                ));
            }
        })
    }

    /// The language the call asks for: its `lang`, or Vietnamese, the contract's default,
    /// for a call without one. Its answer's messages and errors are in it.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::Lang;
    /// use directives::wire::Request;
    ///
    /// let call = r#"{"schema_version": 1, "call": "day", "date": "2024-02-10", "lang": "en"}"#;
    /// assert_eq!(Request::from_json(call).map_err(|f| f.to_json())?.lang(), Lang::En);
    /// let call = r#"{"schema_version": 1, "call": "add_working_days", "date": "2024-02-07", "days": 1}"#;
    /// assert_eq!(Request::from_json(call).map_err(|f| f.to_json())?.lang(), Lang::Vi);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn lang(&self) -> Lang {
        match self {
            Request::Lint(r) => r.lang,
            Request::Expand(r) => r.lang,
            Request::Evaluate(r) => r.lang,
            Request::Assess(r) => r.lang,
            Request::Deadline(r) => r.lang,
            Request::Schedule(r) => r.lang,
            Request::Day(r) => r.lang,
            #[cfg(feature = "report")]
            Request::Report(r) => r.lang,
            Request::AddWorkingDays(_) | Request::WorkingDaysBetween(_) | Request::Calls(_) => {
                Lang::Vi
            }
        }
    }
}

/// Reads one call's fields, naming the path of a bad value.
fn read<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    lang: Lang,
) -> Result<T, Failure> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let message = crate::text::bound_message(&e.into_inner().to_string());
        Failure {
            schema_version: SCHEMA_VERSION,
            errors: vec![WireError {
                path,
                message: match lang {
                    Lang::Vi => crate::text::parser_message_vi(&message),
                    Lang::En => message,
                },
            }],
        }
    })
}

#[cfg(feature = "schema")]
fn date_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
}

#[cfg(feature = "schema")]
fn period_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "description": "a period in its canonical form: `2024`, `2024-H1`, `2024-Q3`, `2024-09`, `2024-9M` or `2024-02-22..2024-12-31`"
    })
}

#[cfg(feature = "schema")]
fn term_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "description": "a term in English or Vietnamese: `10 working days`, `1 month`, `2 weeks`, `30 days`, `1 year`, `10 ngày làm việc`, `1 tháng`"
    })
}

/// A regime preset: one of [`ReportingRegime::PRESETS`](crate::regime::ReportingRegime::PRESETS).
#[cfg(feature = "schema")]
fn regime_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": "string", "enum": crate::regime::ReportingRegime::PRESETS})
}

/// No regime preset, or one of [`ReportingRegime::PRESETS`](crate::regime::ReportingRegime::PRESETS).
#[cfg(feature = "schema")]
fn optional_regime_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let mut names: Vec<serde_json::Value> = crate::regime::ReportingRegime::PRESETS
        .iter()
        .map(|name| serde_json::Value::from(*name))
        .collect();
    names.push(serde_json::Value::Null);
    schemars::json_schema!({"type": ["string", "null"], "enum": names})
}

/// Regime presets, each one of [`ReportingRegime::PRESETS`](crate::regime::ReportingRegime::PRESETS).
#[cfg(feature = "schema")]
fn regimes_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": "array", "items": regime_schema(generator)})
}

/// `lint`: the lints of a directive against a registry (what its text leaves open or
/// gets wrong), each with its code, severity, place and message.
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "lint", "lang": "en",
///   "registry": {"format": "toml", "text": "bodies = []"},
///   "directive": {"format": "json", "value": {}}}"#;
/// assert!(matches!(Request::from_json(call).map_err(|f| f.to_json())?, Request::Lint(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct LintRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The directive.
    pub directive: Input,
    /// The registry of bodies its selectors resolve in.
    pub registry: Input,
    /// The language of the messages (`vi` by default).
    #[serde(default)]
    pub lang: Lang,
}

/// `expand`: the obligations a directive gives over a horizon, and the requirements that
/// give none, each with its reason.
///
/// A periodic report that states no regime gives none unless the call names one:
/// `default_regime` for reports that state no frequency, and `regimes` for reports that
/// state a frequency but no regime (one per frequency). Regimes are named by the presets
/// of [`ReportingRegime::PRESETS`](crate::regime::ReportingRegime::PRESETS).
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "expand", "horizon": "2024",
///   "default_regime": "decree_09_half_yearly",
///   "registry": {"format": "toml", "text": "bodies = []"},
///   "directive": {"format": "toml", "text": ""}}"#;
/// let Request::Expand(expand) = Request::from_json(call).map_err(|f| f.to_json())? else {
///     return Err("another call".into());
/// };
/// assert_eq!(expand.horizon.to_string(), "2024");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct ExpandRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The directive.
    pub directive: Input,
    /// The registry of bodies.
    pub registry: Input,
    /// The horizon: the period whose obligations are wanted (clipped to the directive's
    /// own).
    #[cfg_attr(feature = "schema", schemars(schema_with = "period_schema"))]
    pub horizon: Period,
    /// The regime preset for periodic reports that state no frequency and no regime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "optional_regime_schema"))]
    pub default_regime: Option<String>,
    /// Regime presets for periodic reports that state a frequency but no regime.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "regimes_schema"))]
    pub regimes: Vec<String>,
    /// The language of the reasons a requirement gives no obligation (`vi` by default).
    #[serde(default)]
    pub lang: Lang,
}

/// What an evaluation reads, which the `evaluate`, `assess` and `report` calls carry
/// under the same field names beside their own: the directive, the registry, the event
/// log, the date of the verdicts, the horizon and the options.
///
/// In a call its fields stand at the top level, with the call's own
/// (`{"call": "evaluate", "as_of": "2025-01-15", …}`); a field that is neither the call's
/// nor one of these is refused, naming it.
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "evaluate", "horizon": "2024", "as_of": "2025-01-15",
///   "registry": {"format": "toml", "text": "bodies = []"},
///   "directive": {"format": "toml", "text": ""}, "grace_days": 5}"#;
/// let Request::Evaluate(evaluate) = Request::from_json(call).map_err(|f| f.to_json())? else {
///     return Err("another call".into());
/// };
/// assert_eq!(evaluate.inputs.horizon.to_string(), "2024");
/// assert_eq!(evaluate.inputs.grace_days, 5);
/// assert!(evaluate.inputs.events.is_none());
/// let failure = Request::from_json(&call.replace("grace_days", "grace")).unwrap_err();
/// assert_eq!(failure.errors[0].path, "grace");
/// assert!(failure.errors[0].message.starts_with("không có trường `grace`: các trường hợp lệ là `schema_version`, `directive`, "));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub struct EvaluationInputs {
    /// The directive.
    pub directive: Input,
    /// The registry of bodies.
    pub registry: Input,
    /// The event log; none means nothing has happened yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Input>,
    /// The date of the verdicts: events after it are not known yet.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub as_of: NaiveDate,
    /// The horizon whose obligations are judged.
    #[cfg_attr(feature = "schema", schemars(schema_with = "period_schema"))]
    pub horizon: Period,
    /// As in [`ExpandRequest`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "optional_regime_schema"))]
    pub default_regime: Option<String>,
    /// As in [`ExpandRequest`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "regimes_schema"))]
    pub regimes: Vec<String>,
    /// Calendar days of grace after a deadline before a submission counts as late (0 by
    /// default).
    #[serde(default)]
    pub grace_days: u32,
}

/// Reading the calls that carry [`EvaluationInputs`]: serde's `flatten` would lose the
/// path of a bad value and cannot refuse unknown fields, so the fields are read in one
/// pass over the object, each by its name: a shared one into [`Partial`], the call's own
/// ones by the call's derived reader, an unknown one refused (at its path) with the list
/// of every field the call has.
mod split {
    use std::marker::PhantomData;

    use serde::Deserialize;
    use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};

    use super::{EvaluationInputs, Input};
    use crate::period::Period;
    use crate::text::Day;

    /// A field of [`EvaluationInputs`].
    #[derive(Clone, Copy)]
    enum Shared {
        Directive,
        Registry,
        Events,
        AsOf,
        Horizon,
        DefaultRegime,
        Regimes,
        GraceDays,
    }

    impl Shared {
        const ALL: [(&'static str, Shared); 8] = [
            ("directive", Shared::Directive),
            ("registry", Shared::Registry),
            ("events", Shared::Events),
            ("as_of", Shared::AsOf),
            ("horizon", Shared::Horizon),
            ("default_regime", Shared::DefaultRegime),
            ("regimes", Shared::Regimes),
            ("grace_days", Shared::GraceDays),
        ];
    }

    /// The shared fields read so far.
    #[derive(Default)]
    struct Partial {
        directive: Option<Input>,
        registry: Option<Input>,
        events: Option<Option<Input>>,
        as_of: Option<Day>,
        horizon: Option<Period>,
        default_regime: Option<Option<String>>,
        regimes: Option<Vec<String>>,
        grace_days: Option<u32>,
    }

    /// Reads the next value into a field not read yet.
    fn once<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
        slot: &mut Option<T>,
        name: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }

    impl Partial {
        fn read<'de, A: MapAccess<'de>>(
            &mut self,
            field: Shared,
            name: &'static str,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match field {
                Shared::Directive => once(&mut self.directive, name, map),
                Shared::Registry => once(&mut self.registry, name, map),
                Shared::Events => once(&mut self.events, name, map),
                Shared::AsOf => once(&mut self.as_of, name, map),
                Shared::Horizon => once(&mut self.horizon, name, map),
                Shared::DefaultRegime => once(&mut self.default_regime, name, map),
                Shared::Regimes => once(&mut self.regimes, name, map),
                Shared::GraceDays => once(&mut self.grace_days, name, map),
            }
        }

        fn finish<E: de::Error>(self) -> Result<EvaluationInputs, E> {
            Ok(EvaluationInputs {
                directive: self
                    .directive
                    .ok_or_else(|| E::missing_field("directive"))?,
                registry: self.registry.ok_or_else(|| E::missing_field("registry"))?,
                events: self.events.flatten(),
                as_of: self.as_of.ok_or_else(|| E::missing_field("as_of"))?.0,
                horizon: self.horizon.ok_or_else(|| E::missing_field("horizon"))?,
                default_regime: self.default_regime.flatten(),
                regimes: self.regimes.unwrap_or_default(),
                grace_days: self.grace_days.unwrap_or_default(),
            })
        }
    }

    /// Reads a call's fields: the shared ones as [`EvaluationInputs`], the others as
    /// `Own`; `fields` lists them all, in the order an unknown field's error names them.
    pub(super) fn read<'de, D, Own>(
        deserializer: D,
        fields: &'static [&'static str],
    ) -> Result<(Own, EvaluationInputs), D::Error>
    where
        D: Deserializer<'de>,
        Own: Deserialize<'de>,
    {
        deserializer.deserialize_map(Split {
            fields,
            own: PhantomData,
        })
    }

    struct Split<Own> {
        fields: &'static [&'static str],
        own: PhantomData<Own>,
    }

    impl<'de, Own: Deserialize<'de>> Visitor<'de> for Split<Own> {
        type Value = (Own, EvaluationInputs);

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a call's fields")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let mut shared = Partial::default();
            let own = Own::deserialize(OwnFields {
                map,
                shared: &mut shared,
                fields: self.fields,
            })?;
            Ok((own, shared.finish()?))
        }
    }

    /// The call's object as the call's own fields alone: the shared ones are read on the
    /// way, into `shared`.
    struct OwnFields<'a, A> {
        map: A,
        shared: &'a mut Partial,
        fields: &'static [&'static str],
    }

    impl<'de, A: MapAccess<'de>> Deserializer<'de> for OwnFields<'_, A> {
        type Error = A::Error;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
            visitor.visit_map(self)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct enum identifier ignored_any
        }
    }

    impl<'de, A: MapAccess<'de>> MapAccess<'de> for OwnFields<'_, A> {
        type Error = A::Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, A::Error> {
            loop {
                match self.map.next_key_seed(Key(self.fields))? {
                    None => return Ok(None),
                    Some(Field::Shared(field, name)) => {
                        self.shared.read(field, name, &mut self.map)?
                    }
                    Some(Field::Own(name)) => {
                        return seed.deserialize(name.into_deserializer()).map(Some);
                    }
                }
            }
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(
            &mut self,
            seed: V,
        ) -> Result<V::Value, A::Error> {
            self.map.next_value_seed(seed)
        }
    }

    /// A field's name, read as the key of the object: an unknown one is refused here, so
    /// that its error stands at its path.
    struct Key(&'static [&'static str]);

    enum Field {
        Shared(Shared, &'static str),
        Own(&'static str),
    }

    impl<'de> DeserializeSeed<'de> for Key {
        type Value = Field;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Field, D::Error> {
            deserializer.deserialize_identifier(self)
        }
    }

    impl Visitor<'_> for Key {
        type Value = Field;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a field name")
        }

        fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
            if let Some((name, field)) = Shared::ALL.iter().find(|(n, _)| *n == name) {
                return Ok(Field::Shared(*field, name));
            }
            match self.0.iter().find(|n| **n == name) {
                Some(name) => Ok(Field::Own(name)),
                None => Err(E::unknown_field(name, self.0)),
            }
        }
    }
}

impl<'de> Deserialize<'de> for EvaluationInputs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// No field of its own.
        #[derive(Deserialize)]
        struct Own {}
        const FIELDS: &[&str] = &[
            "directive",
            "registry",
            "events",
            "as_of",
            "horizon",
            "default_regime",
            "regimes",
            "grace_days",
        ];
        split::read::<D, Own>(deserializer, FIELDS).map(|(Own {}, inputs)| inputs)
    }
}

impl<'de> Deserialize<'de> for EvaluateRequest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Own {
            schema_version: u32,
            #[serde(default)]
            lang: Lang,
        }
        const FIELDS: &[&str] = &[
            "schema_version",
            "directive",
            "registry",
            "events",
            "as_of",
            "horizon",
            "default_regime",
            "regimes",
            "grace_days",
            "lang",
        ];
        let (own, inputs) = split::read::<D, Own>(deserializer, FIELDS)?;
        Ok(EvaluateRequest {
            schema_version: own.schema_version,
            inputs,
            lang: own.lang,
        })
    }
}

impl<'de> Deserialize<'de> for AssessRequest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Own {
            schema_version: u32,
            criteria: Input,
            #[serde(default)]
            lang: Lang,
        }
        const FIELDS: &[&str] = &[
            "schema_version",
            "directive",
            "registry",
            "events",
            "criteria",
            "as_of",
            "horizon",
            "default_regime",
            "regimes",
            "grace_days",
            "lang",
        ];
        let (own, inputs) = split::read::<D, Own>(deserializer, FIELDS)?;
        Ok(AssessRequest {
            schema_version: own.schema_version,
            inputs,
            criteria: own.criteria,
            lang: own.lang,
        })
    }
}

#[cfg(feature = "report")]
impl<'de> Deserialize<'de> for ReportRequest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Own {
            schema_version: u32,
            #[serde(default)]
            criteria: Option<Input>,
            #[serde(default)]
            previous: Option<Input>,
            #[serde(default)]
            lang: Lang,
            #[serde(default)]
            format: crate::report::ReportFormat,
            #[serde(default)]
            detail: crate::report::Detail,
            #[serde(default)]
            filter: crate::report::Filter,
            #[serde(default)]
            table: crate::report::CsvTable,
            #[serde(default)]
            byte_order_mark: bool,
        }
        const FIELDS: &[&str] = &[
            "schema_version",
            "directive",
            "registry",
            "events",
            "criteria",
            "previous",
            "as_of",
            "horizon",
            "default_regime",
            "regimes",
            "grace_days",
            "lang",
            "format",
            "detail",
            "filter",
            "table",
            "byte_order_mark",
        ];
        let (own, inputs) = split::read::<D, Own>(deserializer, FIELDS)?;
        Ok(ReportRequest {
            schema_version: own.schema_version,
            inputs,
            criteria: own.criteria,
            previous: own.previous,
            lang: own.lang,
            format: own.format,
            detail: own.detail,
            filter: own.filter,
            table: own.table,
            byte_order_mark: own.byte_order_mark,
        })
    }
}

/// `evaluate`: the verdict on every obligation of a directive as of a date, from the
/// events known then, with an explanation of each; counts by status; and the diagnostics
/// of the event log (an event for an obligation that does not exist, a duplicate, …).
///
/// Events are records naming their obligation by reference:
/// `{"events": [{"obligation": "…", "date": "2024-06-20", "kind": "submitted"}]}` in
/// JSON, `[[events]]` tables in TOML.
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "evaluate", "horizon": "2024", "as_of": "2025-01-15",
///   "registry": {"format": "toml", "text": "bodies = []"},
///   "directive": {"format": "toml", "text": ""},
///   "events": {"format": "json", "value": {"events": []}}}"#;
/// let Request::Evaluate(evaluate) = Request::from_json(call).map_err(|f| f.to_json())? else {
///     return Err("another call".into());
/// };
/// assert_eq!(evaluate.inputs.as_of.to_string(), "2025-01-15");
/// assert_eq!(evaluate.inputs.grace_days, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct EvaluateRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The directive, the registry, the events, the date, the horizon and the options.
    #[serde(flatten)]
    pub inputs: EvaluationInputs,
    /// The language of the explanations (`vi` by default).
    #[serde(default)]
    pub lang: Lang,
}

/// `assess`: an evaluation, as in [`EvaluateRequest`], judged against compliance
/// criteria (`directives::criteria`): per criterion its verdict, its groups by verdict,
/// the groups that break it with their values and witnesses, and the groups whose value
/// cannot be known, with the reason.
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "assess", "horizon": "2024", "as_of": "2025-01-15",
///   "registry": {"format": "toml", "text": "bodies = []"},
///   "directive": {"format": "toml", "text": ""},
///   "criteria": {"format": "toml", "text": "[[criterion]]"}}"#;
/// let Request::Assess(assess) = Request::from_json(call).map_err(|f| f.to_json())? else {
///     return Err("another call".into());
/// };
/// assert!(assess.inputs.events.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct AssessRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The directive, the registry, the events, the date, the horizon and the options.
    #[serde(flatten)]
    pub inputs: EvaluationInputs,
    /// The criteria (`[[criterion]]` tables in TOML, or the same in JSON).
    pub criteria: Input,
    /// The language of titles and sentences (`vi` by default).
    #[serde(default)]
    pub lang: Lang,
}

/// `deadline`: the end of a term counted from an anchor date (Civil Code 2015 arts.
/// 147–148), with every day off skipped on the way and the provisions applied.
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "deadline", "anchor": "2024-02-06", "term": "10 working days"}"#;
/// let Request::Deadline(deadline) = Request::from_json(call).map_err(|f| f.to_json())? else {
///     return Err("another call".into());
/// };
/// assert_eq!(deadline.term.count(), 10);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct DeadlineRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The day of the event the term counts from.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub anchor: NaiveDate,
    /// The term.
    #[cfg_attr(feature = "schema", schemars(schema_with = "term_schema"))]
    pub term: Term,
    /// The language of the descriptions of skipped days (`vi` by default).
    #[serde(default)]
    pub lang: Lang,
}

/// `schedule`: the reporting periods of a regime preset that start between two dates,
/// each with its data window and due date.
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "schedule", "regime": "decree_09_quarterly", "from": "2024-01-01", "to": "2024-12-31"}"#;
/// assert!(matches!(Request::from_json(call).map_err(|f| f.to_json())?, Request::Schedule(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct ScheduleRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The regime preset: one of
    /// [`ReportingRegime::PRESETS`](crate::regime::ReportingRegime::PRESETS).
    #[cfg_attr(feature = "schema", schemars(schema_with = "regime_schema"))]
    pub regime: String,
    /// The first day.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub from: NaiveDate,
    /// The last day.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub to: NaiveDate,
    /// The language of the error messages (`vi` by default).
    #[serde(default)]
    pub lang: Lang,
}

/// `add_working_days`: the date a number of working days after (or, negative, before)
/// a date.
///
/// # Example
///
/// See [`Context::answer`](super::Context::answer).
///
/// ```
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "add_working_days", "date": "2024-02-07", "days": -3}"#;
/// assert!(matches!(Request::from_json(call).map_err(|f| f.to_json())?, Request::AddWorkingDays(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct AddWorkingDaysRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The date counted from.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub date: NaiveDate,
    /// The number of working days.
    pub days: i64,
}

/// `working_days_between`: the working days from one date (included) to another
/// (excluded); negative when `to` is before `from`.
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "working_days_between", "from": "2024-01-01", "to": "2024-02-01"}"#;
/// assert!(matches!(Request::from_json(call).map_err(|f| f.to_json())?, Request::WorkingDaysBetween(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct WorkingDaysBetweenRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The first day counted.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub from: NaiveDate,
    /// The day after the last day counted.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub to: NaiveDate,
}

/// `day`: whether a date is a working day, what kind of day it is, and how sure the
/// calendar is of it.
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "day", "date": "2024-02-10", "lang": "en"}"#;
/// assert!(matches!(Request::from_json(call).map_err(|f| f.to_json())?, Request::Day(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct DayRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The date.
    #[serde(with = "crate::obligation::strict_date")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "date_schema"))]
    pub date: NaiveDate,
    /// The language of the description (`vi` by default).
    #[serde(default)]
    pub lang: Lang,
}

/// `calls`: the calls this library answers and the version of the contract, so a
/// binding can check what it talks to.
///
/// # Example
///
/// ```
/// use directives::wire::Request;
///
/// assert!(matches!(Request::from_json(r#"{"schema_version": 1, "call": "calls"}"#).map_err(|f| f.to_json())?, Request::Calls(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct CallsRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
}

/// `report`: the report people read on an evaluation, as in [`EvaluateRequest`] (and,
/// with criteria, as in [`AssessRequest`]): one report model
/// ([`ReportModel`](crate::report::ReportModel)) rendered in a `format`: `text` (a
/// terminal table), `md` (Markdown), `csv` (one `table`, with an optional byte-order
/// mark), `html` (one self-contained page) or `json` (the model itself).
///
/// The language, the level of detail and the filter are the model's; a `previous`
/// report (the model's JSON, from an earlier `json` report) adds each body's change.
///
/// # Example
///
/// ```
/// use directives::report::{Detail, ReportFormat};
/// use directives::wire::Request;
///
/// let call = r#"{"schema_version": 1, "call": "report", "horizon": "2024", "as_of": "2025-01-15",
///   "registry": {"format": "toml", "text": "bodies = []"},
///   "directive": {"format": "toml", "text": ""},
///   "events": {"format": "csv", "text": "obligation,kind,date\n"},
///   "format": "html", "detail": "full", "filter": {"statuses": ["open_overdue"]}}"#;
/// let Request::Report(report) = Request::from_json(call).map_err(|f| f.to_json())? else {
///     return Err("another call".into());
/// };
/// assert_eq!(report.format, ReportFormat::Html);
/// assert_eq!(report.detail, Detail::Full);
/// assert_eq!(report.filter.statuses().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "report")]
#[cfg_attr(docsrs, doc(cfg(feature = "report")))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct ReportRequest {
    /// The contract's version: 1.
    pub schema_version: u32,
    /// The directive, the registry, the events, the date, the horizon and the options.
    #[serde(flatten)]
    pub inputs: EvaluationInputs,
    /// Compliance criteria to judge the evaluation against; their results join the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<Input>,
    /// The previous period's report model (JSON), to show each body's change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Input>,
    /// The language of the report (`vi` by default).
    #[serde(default)]
    pub lang: Lang,
    /// How the report is written (`text` by default).
    #[serde(default)]
    pub format: crate::report::ReportFormat,
    /// How much it lists (`management` by default).
    #[serde(default)]
    pub detail: crate::report::Detail,
    /// Which obligations it covers (all by default).
    #[serde(default)]
    pub filter: crate::report::Filter,
    /// With `"format": "csv"`, the table written (`bodies` by default).
    #[serde(default)]
    pub table: crate::report::CsvTable,
    /// With `"format": "csv"`, whether the text starts with a UTF-8 byte-order mark (so
    /// that Excel reads Vietnamese).
    #[serde(default)]
    pub byte_order_mark: bool,
}
