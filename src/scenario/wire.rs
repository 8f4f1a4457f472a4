//! The data-file form of a scenario: what the TOML says, before any reference is checked.

use std::collections::BTreeMap;

use serde::Deserialize;

pub(crate) use crate::text::Day;

/// A whole scenario file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct ScenarioWire {
    pub(crate) description: String,
    #[serde(default)]
    pub(crate) provisions: Vec<String>,
    pub(crate) registry: String,
    pub(crate) directive: String,
    #[serde(default)]
    pub(crate) criteria: Option<String>,
    #[serde(default)]
    pub(crate) regime: Option<toml::Value>,
    pub(crate) horizon: String,
    #[serde(default)]
    pub(crate) policy: PolicyWire,
    pub(crate) as_of: Vec<Day>,
    #[serde(default)]
    pub(crate) windows: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) events_file: Option<String>,
    #[serde(default)]
    pub(crate) events: Vec<toml::Spanned<EventWire>>,
    #[serde(default)]
    pub(crate) expect: Vec<CheckWire>,
    #[serde(default)]
    pub(crate) variants: Vec<VariantWire>,
    /// Read apart, before the rest (see [`ErrorWire`]); present here so that it is not an
    /// unknown field.
    #[serde(default)]
    #[allow(dead_code, reason = "read by the first pass")]
    pub(crate) error: Option<toml::Value>,
}

/// The evaluation policy.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct PolicyWire {
    #[serde(default)]
    pub(crate) calendar: Option<String>,
    #[serde(default)]
    pub(crate) week: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) grace_days: u32,
    #[serde(default)]
    pub(crate) rest_day_shift: Option<crate::calendar::Roll>,
    #[serde(default)]
    pub(crate) late_extensions: Option<crate::compliance::LateExtensions>,
}

/// One event, naming its obligation by task, body and period.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct EventWire {
    #[serde(default)]
    pub(crate) id: Option<String>,
    pub(crate) task: String,
    pub(crate) body: String,
    pub(crate) period: String,
    #[serde(default)]
    pub(crate) requirement: Option<u32>,
    pub(crate) date: Day,
    #[serde(default)]
    pub(crate) recorded: Option<Day>,
    pub(crate) kind: String,
    #[serde(default)]
    pub(crate) document: Option<String>,
    #[serde(default)]
    pub(crate) new_due: Option<Day>,
    #[serde(default)]
    pub(crate) by: Option<String>,
    #[serde(default)]
    pub(crate) reason: Option<String>,
    #[serde(default)]
    pub(crate) value: Option<f64>,
}

/// The expectations for one as-of date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct CheckWire {
    #[serde(default)]
    pub(crate) as_of: Option<Day>,
    #[serde(default)]
    pub(crate) counts: Option<BTreeMap<String, u64>>,
    #[serde(default)]
    pub(crate) diagnostics: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) findings: Vec<FindingWire>,
    #[serde(default)]
    pub(crate) grades: Vec<GradeWire>,
    #[serde(default)]
    pub(crate) criteria: Vec<CriterionWire>,
}

/// What the assessment of one criterion should be.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct CriterionWire {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) verdict: Option<String>,
    #[serde(default)]
    pub(crate) groups: Option<BTreeMap<String, u64>>,
    #[serde(default)]
    pub(crate) violating: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) in_force: Option<bool>,
}

/// What one finding should be.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct FindingWire {
    pub(crate) task: String,
    pub(crate) body: String,
    pub(crate) period: String,
    #[serde(default)]
    pub(crate) requirement: Option<u32>,
    #[serde(default)]
    pub(crate) status: Option<String>,
    #[serde(default)]
    pub(crate) rule_id: Option<String>,
    #[serde(default)]
    pub(crate) provision: Option<String>,
    #[serde(default)]
    pub(crate) notes: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) lateness: Option<LatenessWire>,
    #[serde(default)]
    pub(crate) holder: Option<String>,
    #[serde(default)]
    pub(crate) due: Option<Day>,
    #[serde(default)]
    pub(crate) deadline: Option<Day>,
    #[serde(default)]
    pub(crate) indicator: Option<String>,
}

/// Lateness in calendar and working days.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct LatenessWire {
    pub(crate) calendar_days: u32,
    #[serde(default)]
    pub(crate) working_days: Option<u32>,
}

/// What one body's grade for one year should be.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct GradeWire {
    pub(crate) body: String,
    pub(crate) year: i32,
    pub(crate) policy: String,
    #[serde(default)]
    pub(crate) grade: Option<String>,
    #[serde(default)]
    pub(crate) index: Option<f64>,
}

/// A named edit of the events with its own expectations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct VariantWire {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) add: Vec<toml::Spanned<EventWire>>,
    /// Each an inline event's `id`, or a table naming any event ([`EventSelectorWire`]).
    #[serde(default)]
    pub(crate) remove: Vec<toml::Value>,
    #[serde(default)]
    pub(crate) replace: Vec<toml::Spanned<EventWire>>,
    #[serde(default)]
    pub(crate) expect: Vec<CheckWire>,
}

/// An event named by its obligation, and if need be its kind and date: how a variant
/// names an event of the event log, which has no ids.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct EventSelectorWire {
    pub(crate) task: String,
    pub(crate) body: String,
    pub(crate) period: String,
    #[serde(default)]
    pub(crate) requirement: Option<u32>,
    #[serde(default)]
    pub(crate) kind: Option<String>,
    #[serde(default)]
    pub(crate) date: Option<Day>,
}

/// The error a negative scenario expects.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub(crate) struct ErrorWire {
    pub(crate) path: String,
    pub(crate) message: String,
}
