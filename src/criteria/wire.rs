//! Reading criteria from TOML and JSON, checked against a registry.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::model::{
    Criteria, Criterion, GroupBy, Measure, NamedPolicy, Requirement, Scope, Threshold, Trend,
};
use super::{CriteriaError, CriteriaProblem};
use crate::calendar::TermUnit;
use crate::compliance::{Grade, Status};
use crate::directive::{Clause, DirectiveKey, Role, Severity};
use crate::document::DocSymbol;
use crate::load::Format;
use crate::org::{OrgError, Registry, Selector};
use crate::period::Period;
use crate::provenance::Provenance;

/// The largest file a loader reads, in bytes.
const MAX_BYTES: usize = 16 << 20;
/// The deepest nesting of tables and arrays a loader reads.
const MAX_DEPTH: usize = 64;

/// Reads criteria files and checks them against a registry: the body codes a scope
/// names must be in it. Errors name the file (when given with
/// [`origin`](Loader::origin)), the line and column, the path of the value
/// (`criterion[1].require.at_most`) and the value, quoted with a bound.
///
/// Grading policies are named by the presets of [`NamedPolicy::PRESETS`] and by those
/// added with [`grading_policy`](Loader::grading_policy).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use directives::criteria::Loader;
/// use directives::org::{Body, BodyKind, Level, Registry};
///
/// let registry = Registry::builder()
///     .body(Body::new("SYT".parse()?, "Sở Y tế", BodyKind::DepartmentOrAgency, Level::Province, NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?))
///     .build()?;
/// let text = r#"
/// [[criterion]]
/// id = "on-time"
/// title = { vi = "Đúng hạn", en = "On time" }
/// provision = "Decree 09/2019/NĐ-CP art. 8.5"
/// measure = "on_time_rate"
/// require = { at_least = 1.5 }
/// scope = { bodies = { body = "SYT" } }
/// "#;
/// let err = Loader::new(&registry).origin("rules.toml").toml(text).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid criteria toml in `rules.toml` at line 7, column 24, `criterion[0].require.at_least`: rate threshold `1.5` is outside 0 to 1",
/// );
/// let criteria = Loader::new(&registry).toml(&text.replace("1.5", "0.8"))?;
/// assert_eq!(criteria.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Loader<'r> {
    registry: &'r Registry,
    origin: Option<String>,
    policies: Vec<NamedPolicy>,
}

impl<'r> Loader<'r> {
    /// A loader that checks against `registry`, knowing the grading presets.
    ///
    /// # Example
    ///
    /// See [`Loader`].
    ///
    /// ```
    /// use directives::criteria::Loader;
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// assert!(Loader::new(&registry).toml("").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(registry: &'r Registry) -> Loader<'r> {
        Loader {
            registry,
            origin: None,
            policies: NamedPolicy::PRESETS
                .iter()
                .filter_map(|name| NamedPolicy::preset(name))
                .collect(),
        }
    }

    /// Names the file in errors.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Loader;
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// let err = Loader::new(&registry).origin("x.toml").toml(" ").unwrap_err();
    /// assert_eq!(err.to_string(), "invalid criteria toml in `x.toml`: the file is empty: expected `[[criterion]]` tables");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn origin(mut self, name: impl Into<String>) -> Loader<'r> {
        self.origin = Some(name.into());
        self
    }

    /// Adds a grading policy under its name, or replaces the one of that name.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::compliance::GradingPolicy;
    /// use directives::criteria::{Loader, NamedPolicy};
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// let text = "[[criterion]]\nid = \"g\"\ntitle = { vi = \"g\", en = \"g\" }\nprovision = \"p\"\n\
    ///             measure = { kind = \"grade\", policy = \"ours\" }\nrequire = { at_least = \"good\" }\n";
    /// assert!(Loader::new(&registry).toml(text).is_err());
    /// let loader = Loader::new(&registry).grading_policy(NamedPolicy::new("ours", GradingPolicy::regulation_366_2025()));
    /// assert_eq!(loader.toml(text)?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn grading_policy(mut self, policy: NamedPolicy) -> Loader<'r> {
        self.policies.retain(|p| p.name() != policy.name());
        self.policies.push(policy);
        self
    }

    /// Reads criteria from TOML.
    ///
    /// # Errors
    ///
    /// [`CriteriaError::Invalid`] naming the file, line, column and path, for: a text
    /// that is not TOML, an empty file, a file over 16 MiB or nested deeper than 64
    /// levels, an unknown field, a value of the wrong type, an unknown grouping key,
    /// measure, status, role, severity, lateness unit, grading policy, trend, grade, body
    /// kind or level, a body code the registry does not hold, a directive key or task
    /// that cannot be read, and each problem [`CriterionBuilder::build`] finds (a rate
    /// threshold outside 0 to 1, a trend over fewer than two groups, …).
    ///
    /// [`CriterionBuilder::build`]: super::CriterionBuilder::build
    ///
    /// # Example
    ///
    /// See [`Loader`].
    ///
    /// ```
    /// use directives::criteria::Loader;
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// let err = Loader::new(&registry).toml("[[criterion]]\nid = 3\n").unwrap_err();
    /// assert_eq!(err.to_string(), "invalid criteria toml at line 2, column 6, `criterion[0].id`: invalid type: integer `3`, expected a string");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn toml(&self, text: &str) -> Result<Criteria, CriteriaError> {
        self.load(Format::Toml, text)
    }

    /// Reads criteria from JSON (the same fields as TOML: `{"criterion": [...]}`).
    ///
    /// # Errors
    ///
    /// As [`Loader::toml`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Loader;
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// let text = r#"{"criterion": [{"id": "o", "title": {"vi": "o", "en": "o"}, "provision": "p",
    ///   "measure": "overdue_count", "require": {"at_most": 0}, "extra": 1}]}"#;
    /// let err = Loader::new(&registry).json(text).unwrap_err();
    /// assert!(err.to_string().starts_with("invalid criteria json at line 2, column "), "{err}");
    /// assert!(err.to_string().contains("`criterion[0].extra`: unknown field `extra`"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn json(&self, text: &str) -> Result<Criteria, CriteriaError> {
        self.load(Format::Json, text)
    }

    /// Reads a criteria file, TOML or JSON by its extension, naming it in errors.
    ///
    /// # Errors
    ///
    /// [`CriteriaError::Io`] when the file cannot be read or its extension is neither
    /// `toml` nor `json`; otherwise as [`Loader::toml`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Loader;
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// let err = Loader::new(&registry).path("no/such/file.toml").unwrap_err();
    /// assert!(err.to_string().starts_with("cannot read criteria file `no/such/file.toml`: "));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn path(&self, path: impl AsRef<Path>) -> Result<Criteria, CriteriaError> {
        let path = path.as_ref();
        let file = path.display().to_string();
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => Format::Toml,
            Some("json") => Format::Json,
            _ => {
                return Err(CriteriaError::Io {
                    file,
                    message: "expected a `.toml` or `.json` file".to_owned(),
                });
            }
        };
        let text = std::fs::read_to_string(path).map_err(|e| CriteriaError::Io {
            file: file.clone(),
            message: crate::text::bound_message(&e.to_string()),
        })?;
        let loader = Loader {
            origin: Some(self.origin.clone().unwrap_or(file)),
            ..self.clone()
        };
        loader.load(format, &text)
    }

    fn error(
        &self,
        format: Format,
        text: &str,
        path: String,
        offset: Option<usize>,
        problem: CriteriaProblem,
    ) -> CriteriaError {
        // The line is found from the path where it can be, so that it points at the value
        // at fault, not where the parser stopped.
        let offset = crate::load::locate(format, text, &path).or(offset);
        let (line, column) = match offset {
            Some(offset) => {
                let (line, column) = crate::load::line_column(text, offset);
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        CriteriaError::Invalid {
            format: Some(format.name()),
            origin: self.origin.clone(),
            path,
            line,
            column,
            problem: Box::new(problem),
        }
    }

    fn load(&self, format: Format, text: &str) -> Result<Criteria, CriteriaError> {
        if text.len() > MAX_BYTES {
            return Err(self.error(
                format,
                text,
                ".".to_owned(),
                None,
                CriteriaProblem::Data(format!(
                    "the size in bytes exceeds the limit of {MAX_BYTES}: found {}",
                    text.len()
                )),
            ));
        }
        let scan = crate::load::scan(text, format, MAX_DEPTH);
        if !scan.content {
            return Err(CriteriaError::Invalid {
                format: Some(format.name()),
                origin: self.origin.clone(),
                path: ".".to_owned(),
                line: None,
                column: None,
                problem: Box::new(CriteriaProblem::Empty),
            });
        }
        if let Some((offset, depth)) = scan.too_deep {
            return Err(self.error(
                format,
                text,
                ".".to_owned(),
                Some(offset),
                CriteriaProblem::Data(format!(
                    "the nesting depth exceeds the limit of {MAX_DEPTH}: found {depth}"
                )),
            ));
        }
        let wire: FileWire = match format {
            Format::Toml => self.toml_wire(text)?,
            Format::Json => self.json_wire(text)?,
        };
        let mut criteria = Vec::with_capacity(wire.criterion.len());
        for (i, c) in wire.criterion.into_iter().enumerate() {
            let criterion = self.criterion(c).map_err(|(path, problem)| {
                self.error(
                    format,
                    text,
                    format!("criterion[{i}].{path}"),
                    None,
                    problem,
                )
            })?;
            criteria.push(criterion);
        }
        let mut criteria = Criteria::new(criteria).map_err(|e| match e {
            CriteriaError::Invalid { path, problem, .. } => {
                self.error(format, text, path, None, *problem)
            }
            other => other,
        })?;
        if let Some(n) = wire.witnesses {
            criteria = criteria.with_witnesses(n);
        }
        criteria.format = Some(format.name());
        criteria.origin.clone_from(&self.origin);
        Ok(criteria)
    }

    fn toml_wire(&self, text: &str) -> Result<FileWire, CriteriaError> {
        let de = toml::Deserializer::parse(text).map_err(|e| {
            self.error(
                Format::Toml,
                text,
                ".".to_owned(),
                e.span().map(|s| s.start),
                CriteriaProblem::Syntax(crate::load::tidy(e.message())),
            )
        })?;
        serde_path_to_error::deserialize(de).map_err(|e| {
            let (path, message) =
                crate::load::nested(crate::load::path_text(e.path()), e.inner().message());
            let offset = e.inner().span().map(|s| s.start);
            self.error(Format::Toml, text, path, offset, classify(&message))
        })
    }

    fn json_wire(&self, text: &str) -> Result<FileWire, CriteriaError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let wire: FileWire = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = crate::load::path_text(e.path());
            self.json_error(text, path, e.inner())
        })?;
        de.end()
            .map_err(|e| self.json_error(text, ".".to_owned(), &e))?;
        Ok(wire)
    }

    fn json_error(&self, text: &str, path: String, e: &serde_json::Error) -> CriteriaError {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let bare = full.strip_suffix(&suffix).unwrap_or(&full);
        let offset = crate::load::offset_of(text, e.line(), e.column());
        let syntax = matches!(
            e.classify(),
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof
        );
        if syntax {
            return self.error(
                Format::Json,
                text,
                path,
                offset,
                CriteriaProblem::Syntax(crate::load::tidy(bare)),
            );
        }
        let (path, message) = crate::load::nested(path, bare);
        self.error(Format::Json, text, path, offset, classify(&message))
    }

    /// A criterion from its wire form, or the path (relative to the criterion) and the
    /// problem.
    fn criterion(&self, w: CriterionWire) -> Result<Criterion, (String, CriteriaProblem)> {
        let severity = match w.severity.as_deref() {
            None | Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            Some("info") => Severity::Info,
            Some(other) => {
                return Err((
                    "severity".to_owned(),
                    CriteriaProblem::UnknownSeverity {
                        value: other.to_owned(),
                    },
                ));
            }
        };
        let group_by = w
            .group_by
            .iter()
            .enumerate()
            .map(|(i, k)| {
                k.parse::<GroupBy>().map_err(|_| {
                    (
                        format!("group_by[{i}]"),
                        CriteriaProblem::UnknownGroupKey { value: k.clone() },
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let scope = self.scope(w.scope)?;
        let measure = self.measure(w.measure)?;
        let requirement = requirement(w.require)?;
        let criterion = Criterion {
            id: crate::text::nfc(w.id),
            title_vi: crate::text::nfc(w.title.vi),
            title_en: crate::text::nfc(w.title.en),
            provision: crate::text::nfc(w.provision),
            severity,
            from: w.from,
            until: w.until,
            basis: w.basis,
            scope,
            group_by,
            measure,
            requirement,
        };
        if let Some(problem) = criterion.problem() {
            return Err(problem);
        }
        Ok(criterion)
    }

    fn scope(&self, w: ScopeWire) -> Result<Scope, (String, CriteriaProblem)> {
        let mut scope = Scope::all();
        for (i, d) in w.directives.iter().enumerate() {
            let key = directive_key(d).map_err(|reason| {
                (
                    format!("scope.directives[{i}]"),
                    CriteriaProblem::InvalidDirective {
                        value: d.clone(),
                        reason,
                    },
                )
            })?;
            scope.directives.push(key);
        }
        for (i, t) in w.tasks.iter().enumerate() {
            let clause = t.parse::<Clause>().map_err(|e| {
                (
                    format!("scope.tasks[{i}]"),
                    CriteriaProblem::InvalidTask {
                        value: t.clone(),
                        reason: e.to_string(),
                    },
                )
            })?;
            scope.tasks.push(clause);
        }
        for (i, r) in w.roles.iter().enumerate() {
            // The names of roles in directive files.
            let role = match r.as_str() {
                "lead" => Some(Role::Lead),
                "coordinate" => Some(Role::Coordinate),
                "advise" => Some(Role::Advise),
                "implement" => Some(Role::Implement),
                "monitor" => Some(Role::Monitor),
                _ => None,
            }
            .ok_or_else(|| {
                (
                    format!("scope.roles[{i}]"),
                    CriteriaProblem::UnknownRole { value: r.clone() },
                )
            })?;
            scope.roles.push(role);
        }
        for (i, s) in w.statuses.iter().enumerate() {
            let status = status(s).ok_or_else(|| {
                (
                    format!("scope.statuses[{i}]"),
                    CriteriaProblem::UnknownStatus { value: s.clone() },
                )
            })?;
            scope.statuses.push(status);
        }
        if let Some(selector) = w.bodies {
            // Every code the selector names must be in the registry.
            let day = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
            match self.registry.select(&selector, day) {
                Ok(_) => {}
                Err(OrgError::UnknownCode { code }) => {
                    return Err((
                        "scope.bodies".to_owned(),
                        CriteriaProblem::UnknownBody { code },
                    ));
                }
                Err(other) => {
                    return Err((
                        "scope.bodies".to_owned(),
                        CriteriaProblem::Data(other.to_string()),
                    ));
                }
            }
            scope.bodies = Some(selector);
        }
        if let Some(periods) = w.periods {
            scope.within = periods.within;
            scope.from = periods.from;
            scope.to = periods.to;
        }
        Ok(scope)
    }

    fn measure(&self, w: MeasureWire) -> Result<Measure, (String, CriteriaProblem)> {
        let at = |field: &str| {
            if w.table {
                format!("measure.{field}")
            } else {
                "measure".to_owned()
            }
        };
        let not_for = |field: &'static str, measure: &'static str| {
            Err((
                format!("measure.{field}"),
                CriteriaProblem::FieldNotForMeasure { field, measure },
            ))
        };
        // Any unit's name is read here; one that counts no days elapsed (weeks, months,
        // years) is refused with the rest of the criterion's checks, at the same path.
        let unit = |w: &MeasureWire| -> Result<TermUnit, (String, CriteriaProblem)> {
            match w.unit.as_deref() {
                None => Ok(TermUnit::Days),
                Some(name) => TermUnit::from_name(name).ok_or_else(|| {
                    (
                        "measure.unit".to_owned(),
                        CriteriaProblem::LatenessUnit {
                            value: name.to_owned(),
                        },
                    )
                }),
            }
        };
        let policy = |w: &MeasureWire| -> Result<NamedPolicy, (String, CriteriaProblem)> {
            let Some(name) = w.policy.as_deref() else {
                return Err((at("policy"), CriteriaProblem::Missing { field: "policy" }));
            };
            self.policies
                .iter()
                .find(|p| p.name() == name)
                .cloned()
                .ok_or_else(|| {
                    let known: Vec<&str> = self.policies.iter().map(NamedPolicy::name).collect();
                    (
                        "measure.policy".to_owned(),
                        CriteriaProblem::UnknownPolicy {
                            value: name.to_owned(),
                            known: known.join(", "),
                        },
                    )
                })
        };
        let measure = match w.kind.as_str() {
            "on_time_rate" => Measure::OnTimeRate,
            "done_rate" => Measure::DoneRate,
            "late_share" => Measure::LateShare,
            "overdue_share" => Measure::OverdueShare,
            "count" => {
                let Some(statuses) = &w.statuses else {
                    return Err((
                        at("statuses"),
                        CriteriaProblem::Missing { field: "statuses" },
                    ));
                };
                let mut out = Vec::with_capacity(statuses.len());
                for (i, s) in statuses.iter().enumerate() {
                    out.push(status(s).ok_or_else(|| {
                        (
                            format!("measure.statuses[{i}]"),
                            CriteriaProblem::UnknownStatus { value: s.clone() },
                        )
                    })?);
                }
                Measure::Count(out)
            }
            "reports" => Measure::Reports,
            "overdue_count" => Measure::OverdueCount,
            "max_overdue_age" => Measure::MaxOverdueAge(unit(&w)?),
            "mean_lateness" => Measure::MeanLateness(unit(&w)?),
            "score" => Measure::Score(policy(&w)?),
            "grade" => Measure::Grade(policy(&w)?),
            "indicator_target_met" => Measure::IndicatorTargetMet,
            other => {
                return Err((
                    at("kind"),
                    CriteriaProblem::UnknownMeasure {
                        value: other.to_owned(),
                    },
                ));
            }
        };
        let name = measure.name();
        if w.statuses.is_some() && !matches!(measure, Measure::Count(_)) {
            return not_for("statuses", name);
        }
        if w.unit.is_some()
            && !matches!(
                measure,
                Measure::MaxOverdueAge(_) | Measure::MeanLateness(_)
            )
        {
            return not_for("unit", name);
        }
        if w.policy.is_some() && !matches!(measure, Measure::Score(_) | Measure::Grade(_)) {
            return not_for("policy", name);
        }
        Ok(measure)
    }
}

/// A requirement from its wire form.
fn requirement(w: RequireWire) -> Result<Requirement, (String, CriteriaProblem)> {
    let threshold =
        |path: String, t: ThresholdWire| -> Result<Threshold, (String, CriteriaProblem)> {
            match t {
                ThresholdWire::Number(v) => Ok(Threshold::Number(v)),
                ThresholdWire::Text(text) => grade(&text)
                    .map(Threshold::Grade)
                    .ok_or((path, CriteriaProblem::UnknownGrade { value: text })),
            }
        };
    let mut given: Vec<&str> = Vec::new();
    for (name, present) in [
        ("at_least", w.at_least.is_some()),
        ("at_most", w.at_most.is_some()),
        ("equal", w.equal.is_some()),
        ("between", w.between.is_some()),
        ("trend", w.trend.is_some()),
    ] {
        if present {
            given.push(name);
        }
    }
    if given.len() > 1 {
        let found: Vec<String> = given.iter().map(|g| format!("`{g}`")).collect();
        return Err((
            "require".to_owned(),
            CriteriaProblem::SeveralRequirements {
                found: found.join(" and "),
            },
        ));
    }
    if w.include_unsettled.is_some() && w.trend.is_none() {
        return Err((
            "require.include_unsettled".to_owned(),
            CriteriaProblem::UnsettledWithoutTrend,
        ));
    }
    if let Some(t) = w.at_least {
        return Ok(Requirement::AtLeast(threshold(
            "require.at_least".into(),
            t,
        )?));
    }
    if let Some(t) = w.at_most {
        return Ok(Requirement::AtMost(threshold("require.at_most".into(), t)?));
    }
    if let Some(t) = w.equal {
        return Ok(Requirement::Equal(threshold("require.equal".into(), t)?));
    }
    if let Some(bounds) = w.between {
        let n = bounds.len();
        let mut bounds = bounds.into_iter();
        let (Some(low), Some(high), None) = (bounds.next(), bounds.next(), bounds.next()) else {
            return Err((
                "require.between".to_owned(),
                CriteriaProblem::Data(format!("`between` takes two bounds, found {n}")),
            ));
        };
        return Ok(Requirement::Between(
            threshold("require.between[0]".into(), low)?,
            threshold("require.between[1]".into(), high)?,
        ));
    }
    if let Some(trend) = w.trend {
        let trend = match trend.as_str() {
            "non_decreasing" => Trend::NonDecreasing,
            "increasing" => Trend::Increasing,
            _ => {
                return Err((
                    "require.trend".to_owned(),
                    CriteriaProblem::UnknownTrend { value: trend },
                ));
            }
        };
        return Ok(Requirement::Trend {
            trend,
            include_unsettled: w.include_unsettled.unwrap_or(false),
        });
    }
    Err(("require".to_owned(), CriteriaProblem::NoRequirement))
}

fn status(text: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|s| s.as_str() == text)
}

fn grade(text: &str) -> Option<Grade> {
    match text {
        "not_completed" => Some(Grade::NotCompleted),
        "completed" => Some(Grade::Completed),
        "good" => Some(Grade::Good),
        "excellent" => Some(Grade::Excellent),
        _ => None,
    }
}

/// A directive key written `symbol@yyyy-mm-dd`, as in obligation references.
fn directive_key(text: &str) -> Result<DirectiveKey, String> {
    let (symbol, date) = text
        .rsplit_once('@')
        .ok_or_else(|| "no `@` before the issue date".to_owned())?;
    let symbol = DocSymbol::parse(symbol).map_err(|e| e.to_string())?;
    let issued = crate::text::strict_date(date)
        .ok_or_else(|| format!("invalid date {}", crate::text::quote(date)))?;
    Ok(DirectiveKey::new(symbol, issued))
}

/// A parser's message about data, typed where the crate knows the problem.
fn classify(message: &str) -> CriteriaProblem {
    let quoted = |rest: &str| -> String {
        let rest = rest.strip_prefix('`').unwrap_or(rest);
        rest.rsplit_once('`')
            .map_or(rest, |(value, _)| value)
            .to_owned()
    };
    if let Some(rest) = message.strip_prefix("unknown body kind ") {
        return CriteriaProblem::UnknownKind {
            value: quoted(rest),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown level ") {
        return CriteriaProblem::UnknownLevel {
            value: quoted(rest),
        };
    }
    CriteriaProblem::Data(crate::load::tidy(message))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileWire {
    #[serde(default)]
    witnesses: Option<usize>,
    criterion: Vec<CriterionWire>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionWire {
    id: String,
    title: TitleWire,
    provision: String,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default, deserialize_with = "crate::text::deserialize_optional_date")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::text::deserialize_optional_date")]
    until: Option<NaiveDate>,
    #[serde(default)]
    basis: Option<Provenance>,
    #[serde(default)]
    scope: ScopeWire,
    #[serde(default)]
    group_by: Vec<String>,
    measure: MeasureWire,
    require: RequireWire,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleWire {
    vi: String,
    en: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ScopeWire {
    #[serde(default)]
    directives: Vec<String>,
    #[serde(default)]
    tasks: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    bodies: Option<Selector>,
    #[serde(default)]
    periods: Option<PeriodsWire>,
    #[serde(default)]
    statuses: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodsWire {
    #[serde(default)]
    within: Option<Period>,
    #[serde(default)]
    from: Option<Period>,
    #[serde(default)]
    to: Option<Period>,
}

/// A measure: a name, or a table with `kind` and the measure's parameters.
struct MeasureWire {
    table: bool,
    kind: String,
    statuses: Option<Vec<String>>,
    unit: Option<String>,
    policy: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureTable {
    kind: String,
    #[serde(default)]
    statuses: Option<Vec<String>>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    policy: Option<String>,
}

impl<'de> Deserialize<'de> for MeasureWire {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = MeasureWire;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a measure name or a table with `kind`")
            }

            fn visit_str<E: serde::de::Error>(self, kind: &str) -> Result<MeasureWire, E> {
                Ok(MeasureWire {
                    table: false,
                    kind: kind.to_owned(),
                    statuses: None,
                    unit: None,
                    policy: None,
                })
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<MeasureWire, A::Error> {
                let t =
                    MeasureTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(MeasureWire {
                    table: true,
                    kind: t.kind,
                    statuses: t.statuses,
                    unit: t.unit,
                    policy: t.policy,
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequireWire {
    #[serde(default)]
    at_least: Option<ThresholdWire>,
    #[serde(default)]
    at_most: Option<ThresholdWire>,
    #[serde(default)]
    equal: Option<ThresholdWire>,
    #[serde(default)]
    between: Option<Vec<ThresholdWire>>,
    #[serde(default)]
    trend: Option<String>,
    #[serde(default)]
    include_unsettled: Option<bool>,
}

/// A threshold as written: a number, or a grade's name.
enum ThresholdWire {
    Number(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for ThresholdWire {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ThresholdWire;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or a grade")
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<ThresholdWire, E> {
                Ok(ThresholdWire::Number(v))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ThresholdWire, E> {
                Ok(ThresholdWire::Number(v as f64))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ThresholdWire, E> {
                Ok(ThresholdWire::Number(v as f64))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ThresholdWire, E> {
                Ok(ThresholdWire::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Criteria {
    /// Reads criteria from TOML, checked against a registry (see [`Loader`]).
    ///
    /// # Errors
    ///
    /// As [`Loader::toml`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Criteria;
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// let text = "[[criterion]]\nid = \"none-overdue\"\ntitle = { vi = \"Không quá hạn\", en = \"Nothing overdue\" }\n\
    ///             provision = \"Decision 42/2014/QĐ-TTg\"\nmeasure = \"overdue_count\"\nrequire = { equal = 0 }\n";
    /// assert_eq!(Criteria::from_toml_str(text, &registry)?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml_str(text: &str, registry: &Registry) -> Result<Criteria, CriteriaError> {
        Loader::new(registry).toml(text)
    }

    /// Reads criteria from JSON, checked against a registry (see [`Loader`]).
    ///
    /// # Errors
    ///
    /// As [`Loader::toml`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Criteria;
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// let text = r#"{"criterion": [{"id": "r", "title": {"vi": "r", "en": "r"}, "provision": "p",
    ///   "measure": "done_rate", "require": {"between": [0.5, 1]}}]}"#;
    /// assert_eq!(Criteria::from_json_str(text, &registry)?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_str(text: &str, registry: &Registry) -> Result<Criteria, CriteriaError> {
        Loader::new(registry).json(text)
    }

    /// Reads a criteria file, TOML or JSON by its extension (see [`Loader::path`]).
    ///
    /// # Errors
    ///
    /// As [`Loader::path`].
    ///
    /// # Example
    ///
    /// ```
    /// use directives::criteria::Criteria;
    /// use directives::org::Registry;
    ///
    /// let registry = Registry::builder().build()?;
    /// assert!(Criteria::from_path("rules.yaml", &registry).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_path(
        path: impl AsRef<Path>,
        registry: &Registry,
    ) -> Result<Criteria, CriteriaError> {
        Loader::new(registry).path(path)
    }
}

// ---------------------------------------------------------------------------------------
// The serde forms of the model's values, as a criteria file writes them, so that what an
// assessment keeps of its criterion (the measure and the requirement) reads back.

fn threshold_of<E: serde::de::Error>(wire: ThresholdWire) -> Result<Threshold, E> {
    match wire {
        ThresholdWire::Number(v) if v.is_finite() => Ok(Threshold::Number(v)),
        ThresholdWire::Number(v) => Err(E::custom(format_args!(
            "threshold `{v}` is not a finite number"
        ))),
        ThresholdWire::Text(text) => grade(&text).map(Threshold::Grade).ok_or_else(|| {
            E::custom(format_args!(
                "unknown grade {}: expected one of not_completed, completed, good, excellent",
                crate::text::quote(&text)
            ))
        }),
    }
}

impl serde::Serialize for Threshold {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Threshold::Number(v) => serializer.serialize_f64(*v),
            Threshold::Grade(g) => g.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        threshold_of(ThresholdWire::deserialize(deserializer)?)
    }
}

impl serde::Serialize for Requirement {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        match self {
            Requirement::AtLeast(t) => map.serialize_entry("at_least", t)?,
            Requirement::AtMost(t) => map.serialize_entry("at_most", t)?,
            Requirement::Equal(t) => map.serialize_entry("equal", t)?,
            Requirement::Between(low, high) => map.serialize_entry("between", &[low, high])?,
            Requirement::Trend {
                trend,
                include_unsettled,
            } => {
                map.serialize_entry("trend", trend)?;
                map.serialize_entry("include_unsettled", include_unsettled)?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Requirement {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let w = RequireWire::deserialize(deserializer)?;
        let one = |t: Option<ThresholdWire>| t.map(threshold_of::<D::Error>).transpose();
        let (at_least, at_most, equal) = (one(w.at_least)?, one(w.at_most)?, one(w.equal)?);
        let between = match w.between {
            None => None,
            Some(bounds) => {
                let [low, high]: [ThresholdWire; 2] = bounds.try_into().map_err(|b: Vec<_>| {
                    D::Error::custom(format_args!(
                        "`between` takes two bounds, found {}",
                        b.len()
                    ))
                })?;
                Some((threshold_of(low)?, threshold_of(high)?))
            }
        };
        let trend = match w.trend.as_deref() {
            None => None,
            Some("non_decreasing") => Some(Trend::NonDecreasing),
            Some("increasing") => Some(Trend::Increasing),
            Some(other) => {
                return Err(D::Error::custom(format_args!(
                    "unknown trend {}: expected non_decreasing or increasing",
                    crate::text::quote(other)
                )));
            }
        };
        if trend.is_none() && w.include_unsettled.is_some() {
            return Err(D::Error::custom("`include_unsettled` goes with a `trend`"));
        }
        let given = [
            at_least.map(Requirement::AtLeast),
            at_most.map(Requirement::AtMost),
            equal.map(Requirement::Equal),
            between.map(|(low, high)| Requirement::Between(low, high)),
            trend.map(|trend| Requirement::Trend {
                trend,
                include_unsettled: w.include_unsettled.unwrap_or(false),
            }),
        ];
        let mut given = given.into_iter().flatten();
        match (given.next(), given.next()) {
            (Some(requirement), None) => Ok(requirement),
            (None, _) => Err(D::Error::custom(
                "no requirement: expected one of at_least, at_most, equal, between, trend",
            )),
            (Some(_), Some(_)) => Err(D::Error::custom(
                "more than one requirement: expected one of at_least, at_most, equal, between, trend",
            )),
        }
    }
}

/// A grading policy is written by its name when it is the preset of that name, else as
/// its name and the policy itself, so a policy a [`Loader`] added reads back too.
impl serde::Serialize for NamedPolicy {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if NamedPolicy::preset(self.name()).as_ref() == Some(self) {
            return serializer.serialize_str(self.name());
        }
        let mut table = serializer.serialize_struct("NamedPolicy", 2)?;
        table.serialize_field("name", self.name())?;
        table.serialize_field("policy", self.policy())?;
        table.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedPolicyTable {
    #[serde(deserialize_with = "crate::text::deserialize_required_text")]
    name: String,
    policy: crate::compliance::GradingPolicy,
}

impl<'de> Deserialize<'de> for NamedPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = NamedPolicy;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the name of a grading preset, or a table with `name` and `policy`")
            }

            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<NamedPolicy, E> {
                NamedPolicy::preset(name).ok_or_else(|| {
                    E::custom(format_args!(
                        "unknown grading policy {}: expected one of {}",
                        crate::text::quote(name),
                        NamedPolicy::PRESETS.join(", ")
                    ))
                })
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<NamedPolicy, A::Error> {
                let t = NamedPolicyTable::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                Ok(NamedPolicy::new(t.name, t.policy))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl serde::Serialize for Measure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut table = match self {
            Measure::Count(_)
            | Measure::MaxOverdueAge(_)
            | Measure::MeanLateness(_)
            | Measure::Score(_)
            | Measure::Grade(_) => serializer.serialize_struct("Measure", 2)?,
            _ => return serializer.serialize_str(self.name()),
        };
        table.serialize_field("kind", self.name())?;
        match self {
            Measure::Count(statuses) => table.serialize_field("statuses", statuses)?,
            Measure::MaxOverdueAge(unit) | Measure::MeanLateness(unit) => {
                table.serialize_field("unit", unit.as_str())?;
            }
            Measure::Score(policy) | Measure::Grade(policy) => {
                table.serialize_field("policy", policy)?;
            }
            _ => {}
        }
        table.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureForm {
    kind: String,
    #[serde(default)]
    statuses: Option<Vec<Status>>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    policy: Option<NamedPolicy>,
}

/// The measure a name and its parameters make, or what is wrong with them.
fn measure_of(form: MeasureForm) -> Result<Measure, String> {
    let MeasureForm {
        kind,
        statuses,
        unit,
        policy,
    } = form;
    let lateness_unit = || -> Result<TermUnit, String> {
        match unit.as_deref() {
            None => Ok(TermUnit::Days),
            Some(name) => TermUnit::from_name(name)
                .filter(|u| matches!(u, TermUnit::Days | TermUnit::WorkingDays))
                .ok_or_else(|| {
                    CriteriaProblem::LatenessUnit {
                        value: name.to_owned(),
                    }
                    .to_string()
                }),
        }
    };
    let plain = match kind.as_str() {
        "on_time_rate" => Some(Measure::OnTimeRate),
        "done_rate" => Some(Measure::DoneRate),
        "late_share" => Some(Measure::LateShare),
        "overdue_share" => Some(Measure::OverdueShare),
        "reports" => Some(Measure::Reports),
        "overdue_count" => Some(Measure::OverdueCount),
        "indicator_target_met" => Some(Measure::IndicatorTargetMet),
        _ => None,
    };
    let measure = match (kind.as_str(), plain) {
        (_, Some(measure)) => measure,
        ("count", _) => match statuses {
            Some(statuses) if !statuses.is_empty() => {
                return Ok(Measure::Count(statuses));
            }
            _ => return Err("`count` needs `statuses`, one or more".to_owned()),
        },
        ("max_overdue_age", _) => Measure::MaxOverdueAge(lateness_unit()?),
        ("mean_lateness", _) => Measure::MeanLateness(lateness_unit()?),
        ("score" | "grade", _) => {
            let Some(policy) = policy else {
                return Err(format!("`{kind}` needs a grading `policy`"));
            };
            return Ok(if kind == "score" {
                Measure::Score(policy)
            } else {
                Measure::Grade(policy)
            });
        }
        _ => {
            return Err(format!(
                "unknown measure {}: expected one of on_time_rate, done_rate, late_share, \
                 overdue_share, count, reports, overdue_count, max_overdue_age, \
                 mean_lateness, score, grade, indicator_target_met",
                crate::text::quote(&kind)
            ));
        }
    };
    if statuses.is_some() || policy.is_some() || (unit.is_some() && !measure.takes_unit()) {
        return Err(format!(
            "`{}` takes no other field than `kind`{}",
            measure.name(),
            if measure.takes_unit() {
                " and `unit`"
            } else {
                ""
            }
        ));
    }
    Ok(measure)
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Measure;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a measure name or a table with `kind`")
            }

            fn visit_str<E: serde::de::Error>(self, kind: &str) -> Result<Measure, E> {
                let form = MeasureForm {
                    kind: kind.to_owned(),
                    statuses: None,
                    unit: None,
                    policy: None,
                };
                measure_of(form).map_err(E::custom)
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Measure, A::Error> {
                use serde::de::Error as _;
                let form =
                    MeasureForm::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                measure_of(form).map_err(A::Error::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

// ---------------------------------------------------------------------------------------
// Criteria written back out, in the form the loader reads.

/// Criteria are written in the file format a [`Loader`] reads: `witnesses`, then a
/// `criterion` list (`[[criterion]]` tables in TOML). The file read back through a
/// [`Loader`] with the same registry (and the grading policies the criteria name that
/// are not presets, given with [`Loader::grading_policy`]) gives equal criteria.
///
/// There is no plain `Deserialize` for [`Criteria`], [`Criterion`] or [`Scope`]: a
/// criteria file names bodies by code, which only a registry can check, and grading
/// policies by name, which only the loader's list resolves. Reading them goes through
/// the [`Loader`], the one way that checks both and names the line of a fault.
///
/// # Example
///
/// ```
/// use directives::criteria::{Criteria, Criterion, GroupBy, Loader, Measure, Requirement, Scope, Threshold};
/// use directives::org::{BodyKind, Registry, Selector};
///
/// let criteria = Criteria::new(vec![Criterion::builder("late")
///     .title("Trễ hạn", "Late")
///     .provision("Decree 09/2019/NĐ-CP art. 8.5")
///     .scope(Scope::all().bodies(Selector::Kind(BodyKind::PartyCommittee)))
///     .group_by([GroupBy::Holder, GroupBy::Year])
///     .measure(Measure::LateShare)
///     .require(Requirement::AtMost(Threshold::Number(0.5)))
///     .build()?])?;
/// let text = toml::to_string(&criteria)?;
/// assert!(text.contains("[[criterion]]"), "{text}");
/// assert!(text.contains(r#"group_by = ["holder", "year"]"#), "{text}");
/// let registry = Registry::builder().build()?;
/// assert_eq!(Loader::new(&registry).toml(&text)?, criteria);
/// assert_eq!(Loader::new(&registry).json(&serde_json::to_string(&criteria)?)?, criteria);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl serde::Serialize for Criteria {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut file = serializer.serialize_struct("Criteria", 2)?;
        file.serialize_field("witnesses", &self.witnesses)?;
        file.serialize_field("criterion", &self.criteria)?;
        file.end()
    }
}

/// A criterion is written as one `[[criterion]]` table of a criteria file: its id,
/// title, provision and severity, the dates in force and the basis when given, the
/// scope (directives as `symbol@yyyy-mm-dd`, bodies by selector with codes), the keys,
/// the measure (a grading policy by its name) and the requirement.
///
/// # Example
///
/// ```
/// use directives::criteria::{Criterion, Measure, Requirement, Threshold};
///
/// let criterion = Criterion::builder("none-overdue")
///     .title("Không quá hạn", "Nothing overdue")
///     .provision("Decision 42/2014/QĐ-TTg")
///     .measure(Measure::OverdueCount)
///     .require(Requirement::Equal(Threshold::Number(0.0)))
///     .build()?;
/// assert_eq!(
///     serde_json::to_string(&criterion)?,
///     r#"{"id":"none-overdue","title":{"vi":"Không quá hạn","en":"Nothing overdue"},"provision":"Decision 42/2014/QĐ-TTg","severity":"error","scope":{},"group_by":[],"measure":"overdue_count","require":{"equal":0.0}}"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl serde::Serialize for Criterion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut table = serializer.serialize_struct("Criterion", 12)?;
        table.serialize_field("id", &self.id)?;
        table.serialize_field(
            "title",
            &TitleForm {
                vi: &self.title_vi,
                en: &self.title_en,
            },
        )?;
        table.serialize_field("provision", &self.provision)?;
        table.serialize_field("severity", &self.severity)?;
        match self.from {
            Some(from) => table.serialize_field("from", &from)?,
            None => table.skip_field("from")?,
        }
        match self.until {
            Some(until) => table.serialize_field("until", &until)?,
            None => table.skip_field("until")?,
        }
        match &self.basis {
            Some(basis) => table.serialize_field("basis", basis)?,
            None => table.skip_field("basis")?,
        }
        table.serialize_field("scope", &self.scope)?;
        table.serialize_field("group_by", &self.group_by)?;
        table.serialize_field("measure", &MeasureFile(&self.measure))?;
        table.serialize_field("require", &self.requirement)?;
        table.end()
    }
}

#[derive(serde::Serialize)]
struct TitleForm<'a> {
    vi: &'a str,
    en: &'a str,
}

/// A measure as a criteria file writes it: as [`Measure`]'s own form, but a grading
/// policy by its name alone, which the loader resolves.
struct MeasureFile<'a>(&'a Measure);

impl serde::Serialize for MeasureFile<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        match self.0 {
            Measure::Score(policy) | Measure::Grade(policy) => {
                let mut table = serializer.serialize_struct("Measure", 2)?;
                table.serialize_field("kind", self.0.name())?;
                table.serialize_field("policy", policy.name())?;
                table.end()
            }
            other => other.serialize(serializer),
        }
    }
}

/// A scope is written as the `scope` table of a criteria file: only the filters it
/// has, directives as `symbol@yyyy-mm-dd`, the periods as a `periods` table.
///
/// # Example
///
/// ```
/// use directives::criteria::Scope;
/// use directives::directive::Role;
///
/// let scope = Scope::all().tasks(["10".parse()?]).roles([Role::Lead]).periods_within("2024".parse()?);
/// assert_eq!(
///     serde_json::to_string(&scope)?,
///     r#"{"tasks":["10"],"roles":["lead"],"periods":{"within":"2024"}}"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl serde::Serialize for Scope {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut table = serializer.serialize_struct("Scope", 6)?;
        if self.directives.is_empty() {
            table.skip_field("directives")?;
        } else {
            let keys: Vec<String> = self
                .directives
                .iter()
                .map(|k| format!("{}@{}", k.symbol(), k.issued()))
                .collect();
            table.serialize_field("directives", &keys)?;
        }
        if self.tasks.is_empty() {
            table.skip_field("tasks")?;
        } else {
            table.serialize_field("tasks", &self.tasks)?;
        }
        if self.roles.is_empty() {
            table.skip_field("roles")?;
        } else {
            table.serialize_field("roles", &self.roles)?;
        }
        match &self.bodies {
            Some(selector) => table.serialize_field("bodies", selector)?,
            None => table.skip_field("bodies")?,
        }
        if self.within.is_some() || self.from.is_some() || self.to.is_some() {
            table.serialize_field(
                "periods",
                &PeriodsForm {
                    within: self.within,
                    from: self.from,
                    to: self.to,
                },
            )?;
        } else {
            table.skip_field("periods")?;
        }
        if self.statuses.is_empty() {
            table.skip_field("statuses")?;
        } else {
            table.serialize_field("statuses", &self.statuses)?;
        }
        table.end()
    }
}

#[derive(serde::Serialize)]
struct PeriodsForm {
    #[serde(skip_serializing_if = "Option::is_none")]
    within: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<Period>,
}
