//! The data-file form of directives (TOML and JSON), read through the builder.

use serde::{Deserialize, Serialize};

use super::DirectiveError;
use super::model::{Directive, Monitoring};
use super::task::{Assignee, Assignment, Due, PeriodicReport, Requirement, Role, Task, nfc};
use crate::document::Document;
use crate::org::{BodyCode, Selector};
use crate::period::{Frequency, Period};
use crate::regime::ReportingRegime;

/// The serialized form of an [`Assignment`]: a role and either `recipients = true` or
/// `bodies = { … }`.
#[derive(Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an assignment: a table with `role` and either `recipients = true` or `bodies`"
)]
pub(super) struct AssignmentWire {
    role: Role,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    recipients: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bodies: Option<Selector>,
}

impl TryFrom<AssignmentWire> for Assignment {
    type Error = DirectiveError;

    fn try_from(w: AssignmentWire) -> Result<Assignment, DirectiveError> {
        let assignee = match (w.recipients, w.bodies) {
            (true, None) => Assignee::Recipients,
            (false, Some(selector)) => Assignee::Bodies(selector),
            _ => return Err(DirectiveError::InvalidAssignment),
        };
        Ok(Assignment::new(w.role, assignee))
    }
}

impl From<Assignment> for AssignmentWire {
    fn from(a: Assignment) -> AssignmentWire {
        let (recipients, bodies) = match a.assignee() {
            Assignee::Recipients => (true, None),
            Assignee::Bodies(selector) => (false, Some(selector.clone())),
        };
        AssignmentWire {
            role: a.role(),
            recipients,
            bodies,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RequirementKind {
    PeriodicReport,
    Deliverable,
    Indicator,
    Continuous,
}

impl RequirementKind {
    fn name(self) -> &'static str {
        match self {
            RequirementKind::PeriodicReport => "periodic_report",
            RequirementKind::Deliverable => "deliverable",
            RequirementKind::Indicator => "indicator",
            RequirementKind::Continuous => "continuous",
        }
    }
}

/// The serialized form of a [`Requirement`]: a `kind` and the fields of that kind.
///
/// One flat table rather than a tagged enum, so that the path of an error inside a field
/// (`requirements[0].regime`) survives.
#[derive(Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a requirement: a table with `kind` and that kind's fields"
)]
pub(super) struct RequirementWire {
    kind: RequirementKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    frequency: Option<Frequency>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "regime_or_preset"
    )]
    regime: Option<ReportingRegime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<BodyCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    through: Option<BodyCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    what: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<Due>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    metric: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<Due>,
}

impl RequirementWire {
    fn empty(kind: RequirementKind) -> RequirementWire {
        RequirementWire {
            kind,
            frequency: None,
            regime: None,
            to: None,
            through: None,
            what: None,
            due: None,
            metric: None,
            target: None,
            unit: None,
            by: None,
        }
    }

    /// The fields that are set, by name.
    fn present(&self) -> Vec<&'static str> {
        [
            ("frequency", self.frequency.is_some()),
            ("regime", self.regime.is_some()),
            ("to", self.to.is_some()),
            ("through", self.through.is_some()),
            ("what", self.what.is_some()),
            ("due", self.due.is_some()),
            ("metric", self.metric.is_some()),
            ("target", self.target.is_some()),
            ("unit", self.unit.is_some()),
            ("by", self.by.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect()
    }
}

impl TryFrom<RequirementWire> for Requirement {
    type Error = DirectiveError;

    fn try_from(w: RequirementWire) -> Result<Requirement, DirectiveError> {
        let allowed: &[&str] = match w.kind {
            RequirementKind::PeriodicReport => &["frequency", "regime", "to", "through"],
            RequirementKind::Deliverable => &["what", "due"],
            RequirementKind::Indicator => &["metric", "target", "unit", "by"],
            RequirementKind::Continuous => &[],
        };
        let kind = w.kind.name();
        if let Some(field) = w.present().into_iter().find(|f| !allowed.contains(f)) {
            return Err(DirectiveError::InvalidRequirement {
                kind,
                problem: format!("has no field `{field}`"),
            });
        }
        let missing = |field: &str| DirectiveError::InvalidRequirement {
            kind,
            problem: format!("needs the field `{field}`"),
        };
        Ok(match w.kind {
            RequirementKind::PeriodicReport => {
                let mut report = PeriodicReport::new();
                if let Some(regime) = w.regime {
                    report = report.with_regime(regime);
                }
                if let Some(frequency) = w.frequency {
                    report = report.with_frequency(frequency);
                }
                if let Some(to) = w.to {
                    report = report.to(to);
                }
                if let Some(through) = w.through {
                    report = report.through(through);
                }
                Requirement::PeriodicReport(report)
            }
            RequirementKind::Deliverable => Requirement::Deliverable {
                what: nfc(w.what.ok_or_else(|| missing("what"))?),
                due: w.due,
            },
            RequirementKind::Indicator => Requirement::Indicator {
                metric: nfc(w.metric.ok_or_else(|| missing("metric"))?),
                target: w.target,
                unit: w.unit.map(nfc),
                by: w.by,
            },
            RequirementKind::Continuous => Requirement::Continuous,
        })
    }
}

impl From<Requirement> for RequirementWire {
    fn from(r: Requirement) -> RequirementWire {
        match r {
            Requirement::PeriodicReport(report) => RequirementWire {
                frequency: report.stated_frequency(),
                regime: report.regime().cloned(),
                to: report.recipient().cloned(),
                through: report.intake().cloned(),
                ..RequirementWire::empty(RequirementKind::PeriodicReport)
            },
            Requirement::Deliverable { what, due } => RequirementWire {
                what: Some(what),
                due,
                ..RequirementWire::empty(RequirementKind::Deliverable)
            },
            Requirement::Indicator {
                metric,
                target,
                unit,
                by,
            } => RequirementWire {
                metric: Some(metric),
                target,
                unit,
                by,
                ..RequirementWire::empty(RequirementKind::Indicator)
            },
            Requirement::Continuous => RequirementWire::empty(RequirementKind::Continuous),
        }
    }
}

/// The serialized form of a [`Directive`]. Plain values come before tables, as TOML needs.
#[derive(Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a directive: a table with a `document` table"
)]
pub(super) struct DirectiveWire {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    theme: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    horizon: Option<Period>,
    document: Document,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    recipients: Vec<Selector>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cited: Vec<Document>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tasks: Vec<Task>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    monitoring: Option<Monitoring>,
}

impl TryFrom<DirectiveWire> for Directive {
    type Error = DirectiveError;

    fn try_from(w: DirectiveWire) -> Result<Directive, DirectiveError> {
        let mut b = Directive::builder(w.document).theme(w.theme);
        if let Some(horizon) = w.horizon {
            b = b.horizon(horizon);
        }
        for r in w.recipients {
            b = b.recipient(r);
        }
        for d in w.cited {
            b = b.cited(d);
        }
        for t in w.tasks {
            b = b.task(t);
        }
        if let Some(m) = w.monitoring {
            b = b.monitoring(m);
        }
        b.build()
    }
}

impl From<Directive> for DirectiveWire {
    fn from(d: Directive) -> DirectiveWire {
        DirectiveWire {
            theme: d.theme,
            horizon: d.horizon,
            document: d.document,
            recipients: d.recipients,
            cited: d.cited,
            tasks: d.tasks,
            monitoring: d.monitoring,
        }
    }
}

fn load_error(format: &'static str, path: String, message: String) -> DirectiveError {
    DirectiveError::Load {
        format,
        path,
        message: message.trim_end().to_owned(),
    }
}

/// A load error whose message may come from a selector: an org error placed at a path
/// inside the selector (`at `kind`: unknown body kind …`, as `OrgError::At` displays).
/// That path is joined to the directive's (`recipients[1]` and `kind` give
/// `recipients[1].kind`) and dropped from the message. `bare` is the format's message
/// without its location (for TOML, `toml::de::Error::message`), `full` the whole message.
fn nested_load_error(
    format: &'static str,
    path: String,
    full: String,
    bare: &str,
) -> DirectiveError {
    let nested = bare
        .strip_prefix("at `")
        .and_then(|rest| rest.split_once("`: "))
        .map(|(inner, _)| inner);
    let Some(inner) = nested else {
        return load_error(format, path, full);
    };
    let joined = if path == "." {
        inner.to_owned()
    } else if inner.starts_with('[') {
        format!("{path}{inner}")
    } else {
        format!("{path}.{inner}")
    };
    let message = full.replacen(&format!("at `{inner}`: "), "", 1);
    load_error(format, joined, message)
}

impl Directive {
    /// Reads a directive from TOML, through the builder.
    ///
    /// The file has `theme`, `horizon` (a period such as `"2024"`), `recipients` (a list of
    /// [`Selector`] tables), a `[document]` table (see [`Document`]), `[[cited]]` documents,
    /// `[[tasks]]` with `number`, `title`, `text`, `assignments` (`role` and either
    /// `recipients = true` or `bodies = { … }`) and `requirements` (`kind` =
    /// `periodic_report` with `frequency`, `regime`, `to`, `through`; `deliverable` with
    /// `what`, `due`; `indicator` with `metric`, `target`, `unit`, `by`; or `continuous`),
    /// where a due is a date `yyyy-mm-dd` or a term (`"30 days"`, see [`Due`]),
    /// and an optional `[monitoring]` table with `text`, `assignments` and `requirements`.
    /// `examples/data/1470-CV-TU.toml` is a full example.
    ///
    /// # Errors
    ///
    /// [`DirectiveError::Load`] naming the path and the problem when the text is not such
    /// a file (unknown fields included); the builder's errors (see
    /// [`DirectiveBuilder::build`](super::DirectiveBuilder::build)) otherwise.
    ///
    /// # Example
    ///
    /// A plan with a half-year report on a regime (the shape [`ReportingRegime`] writes),
    /// a deliverable due within a term of issue, and an indicator:
    ///
    /// ```
    /// use directives::directive::{Directive, Requirement};
    ///
    /// let d = Directive::from_toml_str(r#"
    ///     theme = "Chuyển đổi số"
    ///     horizon = "2024"
    ///     recipients = [{ kind = "department_or_agency", level = "province" }]
    ///
    ///     [document]
    ///     symbol = "15/KH-UBND"
    ///     issued = "2024-01-10"
    ///     title = "Kế hoạch chuyển đổi số năm 2024"
    ///     issuer = { body = "TH-UBND" }
    ///     references = [{ relation = "implements", symbol = "09/2019/NĐ-CP", date = "2019-01-24" }]
    ///
    ///     [[tasks]]
    ///     number = "1"
    ///     title = "Báo cáo kết quả"
    ///     assignments = [
    ///         { role = "lead", recipients = true },
    ///         { role = "coordinate", bodies = { body = "TH-STTTT" } },
    ///     ]
    ///     [[tasks.requirements]]
    ///     kind = "periodic_report"
    ///     to = "TH-UBND"
    ///     through = "TH-STTTT"
    ///     regime = { name = "half-year report", frequency = "half_yearly", cut_off = { kind = "decree_09" }, deadline = { kind = "day_of_last_month", day = 25, on_rest_day = "next_working_day" } }
    ///
    ///     [[tasks]]
    ///     number = "2"
    ///     title = "Kế hoạch của đơn vị"
    ///     assignments = [{ role = "lead", recipients = true }]
    ///     requirements = [
    ///         { kind = "deliverable", what = "the unit's plan", due = "30 days" },
    ///         { kind = "indicator", metric = "procedures online", target = 80, unit = "%", by = "2024-12-31" },
    ///     ]
    /// "#)?;
    /// assert_eq!(d.tasks().len(), 2);
    /// let Requirement::PeriodicReport(report) = &d.tasks()[0].requirements()[0] else {
    ///     return Err("a periodic report".into());
    /// };
    /// assert_eq!(report.intake().map(|c| c.as_str()), Some("TH-STTTT"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// An error names the path of the value at fault and the value:
    ///
    /// ```
    /// use directives::directive::Directive;
    ///
    /// let text = r#"
    ///     theme = "Dân vận"
    ///     [document]
    ///     symbol = "1470-CV/TU"
    ///     issued = "2024-02-22"
    ///     [[tasks]]
    ///     number = "10"
    ///     title = "Báo cáo"
    ///     requirements = [{ kind = "periodic_report", frequency = "fortnightly" }]
    /// "#;
    /// let err = Directive::from_toml_str(text).unwrap_err();
    /// assert!(err.to_string().starts_with("invalid directive toml at `tasks[0].requirements[0].frequency`: "));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Directive, DirectiveError> {
        let de = toml::Deserializer::parse(text)
            .map_err(|e| load_error("toml", ".".to_owned(), e.to_string()))?;
        let wire: DirectiveWire = serde_path_to_error::deserialize(de).map_err(|e| {
            nested_load_error(
                "toml",
                e.path().to_string(),
                e.inner().to_string(),
                e.inner().message(),
            )
        })?;
        Directive::try_from(wire)
    }

    /// Reads a directive from JSON, with the same fields as in TOML.
    ///
    /// # Errors
    ///
    /// As for [`Directive::from_toml_str`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Directive;
    ///
    /// let d = Directive::from_json_str(r#"{"document": {"symbol": "1470-CV/TU", "issued": "2024-02-22"}}"#)?;
    /// assert_eq!(d.document().symbol().as_str(), "1470-CV/TU");
    /// let err = Directive::from_json_str(r#"{"document": {"symbol": "1470-CV/TU", "issued": "2024-02-22"}, "colour": 1}"#)
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("invalid directive json at `colour`: unknown field `colour`"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_str(text: &str) -> Result<Directive, DirectiveError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let wire: DirectiveWire = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let full = e.inner().to_string();
            nested_load_error("json", e.path().to_string(), full.clone(), &full)
        })?;
        de.end()
            .map_err(|e| load_error("json", ".".to_owned(), e.to_string()))?;
        Directive::try_from(wire)
    }

    /// Writes the directive as TOML, in the form [`Directive::from_toml_str`] reads.
    ///
    /// # Errors
    ///
    /// [`DirectiveError::Write`] if serialization fails.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Directive;
    ///
    /// let d = Directive::from_json_str(r#"{"document": {"symbol": "1470-CV/TU", "issued": "2024-02-22"}}"#)?;
    /// assert_eq!(Directive::from_toml_str(&d.to_toml_string()?)?, d);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_toml_string(&self) -> Result<String, DirectiveError> {
        toml::to_string(self).map_err(|e| DirectiveError::Write {
            format: "toml",
            message: e.to_string(),
        })
    }

    /// Writes the directive as pretty-printed JSON, in the form
    /// [`Directive::from_json_str`] reads.
    ///
    /// # Errors
    ///
    /// [`DirectiveError::Write`] if serialization fails.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::directive::Directive;
    ///
    /// let d = Directive::from_json_str(r#"{"document": {"symbol": "1470-CV/TU", "issued": "2024-02-22"}}"#)?;
    /// assert_eq!(Directive::from_json_str(&d.to_json_string()?)?, d);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json_string(&self) -> Result<String, DirectiveError> {
        serde_json::to_string_pretty(self).map_err(|e| DirectiveError::Write {
            format: "json",
            message: e.to_string(),
        })
    }
}

/// The names of the regime presets a data file may give instead of a table
/// (`regime = "decree_09_monthly"`; see [`ReportingRegime::preset`]).
const PRESETS: &str = "`decree_09_monthly`, `decree_09_quarterly`, `decree_09_half_yearly`, \
                       `decree_09_nine_monthly`, `decree_09_yearly`";

/// A regime written as a table, or as the name of a preset.
fn regime_or_preset<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<ReportingRegime>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<ReportingRegime>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "a regime table or a preset name ({PRESETS})")
        }

        fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Self::Value, E> {
            ReportingRegime::preset(name).map(Some).ok_or_else(|| {
                E::custom(format!(
                    "unknown regime preset `{}`: expected one of {PRESETS}",
                    crate::obligation::quote(name)
                ))
            })
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            ReportingRegime::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                .map(Some)
        }
    }
    deserializer.deserialize_any(Visitor)
}
