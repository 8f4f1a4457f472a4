//! The HTML renderer: one self-contained page from a template compiled into the crate.

use askama::Template;

use super::labels::{self, Labels};
use super::render::{
    body_cells, body_header, criteria_header, criterion_cells, heading, omitted_line,
    summary_cells, violation_sentence,
};
use super::{ReportError, ReportModel};
use crate::compliance::Status;
use crate::criteria::Verdict;

/// The page: everything pre-formatted in the model's language; the template only lays it
/// out (and escapes it).
#[derive(Template)]
#[template(path = "report.html", escape = "html")]
struct Page<'a> {
    lang: &'static str,
    l: &'static Labels,
    as_of: String,
    heading: Vec<(String, String)>,
    summary_header: Vec<String>,
    summary_cells: Vec<String>,
    formula: &'a str,
    body_header: Vec<String>,
    bodies: Vec<BodyLine>,
    legend: Vec<(&'static str, &'static str, &'static str)>,
    periods: Vec<String>,
    heat: Vec<HeatLine>,
    exceptions: Vec<ExceptionView>,
    omitted: Option<String>,
    criteria_header: Vec<String>,
    criteria: Vec<CriterionView>,
    diagnostics: Vec<(&'static str, &'a str)>,
}

struct CriterionView {
    class: &'static str,
    cells: Vec<String>,
    violations: Vec<(String, String)>,
}

struct BodyLine {
    code: String,
    cells: Vec<String>,
}

struct HeatLine {
    body: String,
    name: String,
    cells: Vec<HeatCell>,
}

struct HeatCell {
    class: &'static str,
    glyph: &'static str,
    count: u64,
    title: String,
}

struct ExceptionView {
    class: &'static str,
    glyph: &'static str,
    reference: String,
    body: String,
    status: &'static str,
    explanation: String,
    due: String,
    deadline: String,
    decided_on: String,
    rule: String,
    provision: String,
}

impl ReportModel {
    /// The report as one self-contained HTML page: inline CSS, no JavaScript, `lang` set,
    /// a print style for A4 landscape, the heatmap as a table whose cells are coloured
    /// *and* marked with a glyph per status (so it reads without colour), and each
    /// exception's explanation in a `<details>` element.
    ///
    /// # Errors
    ///
    /// [`ReportError::Render`] if the template fails to render (it writes to memory, so
    /// only on a bug).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let page = model.to_html()?;
    /// assert!(page.contains("<html lang=\"en\">"));
    /// assert!(page.contains("@page { size: A4 landscape"));
    /// assert!(page.contains("<td class=\"ov\" title=\"SYT 2025-02: open and overdue 1/1\">✗1</td>"));
    /// assert!(page.contains("<details class=\"ov\">"));
    /// assert!(!page.contains("<script"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_html(&self) -> Result<String, ReportError> {
        let lang = self.lang();
        let l = labels::labels(lang);
        let periods: Vec<String> = self
            .heatmap()
            .periods()
            .iter()
            .map(ToString::to_string)
            .collect();
        let names: std::collections::HashMap<&str, &str> = self
            .bodies()
            .iter()
            .map(|b| (b.code().as_str(), b.name()))
            .collect();
        let heat = self
            .heatmap()
            .rows()
            .iter()
            .map(|row| HeatLine {
                body: row.body().to_string(),
                name: names
                    .get(row.body().as_str())
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
                cells: row
                    .cells()
                    .iter()
                    .zip(&periods)
                    .map(|(cell, period)| match cell {
                        None => HeatCell {
                            class: "",
                            glyph: "",
                            count: 0,
                            title: String::new(),
                        },
                        Some(c) => HeatCell {
                            class: labels::class(c.status()),
                            glyph: labels::glyph(c.status()),
                            count: c.count(),
                            title: format!(
                                "{} {period}: {} {}/{}",
                                row.body(),
                                labels::status(c.status(), lang),
                                c.count(),
                                c.total()
                            ),
                        },
                    })
                    .collect(),
            })
            .collect();
        let page = Page {
            lang: lang.code(),
            l,
            as_of: labels::date(self.as_of(), lang),
            heading: heading(self),
            summary_header: super::render::summary_header_cells(self),
            summary_cells: summary_cells(self),
            formula: self.summary().formula(),
            body_header: body_header(l),
            bodies: self
                .bodies()
                .iter()
                .map(|row| BodyLine {
                    code: row.code().to_string(),
                    cells: body_cells(row, lang),
                })
                .collect(),
            legend: Status::ALL
                .iter()
                .map(|&s| (labels::class(s), labels::glyph(s), labels::status(s, lang)))
                .collect(),
            periods,
            heat,
            exceptions: self
                .exceptions()
                .iter()
                .map(|e| ExceptionView {
                    class: labels::class(e.status()),
                    glyph: labels::glyph(e.status()),
                    reference: e.obligation().to_string(),
                    body: format!("{} ({})", e.body(), e.body_name()),
                    status: labels::status(e.status(), lang),
                    explanation: e.explanation().to_owned(),
                    due: labels::date(e.due(), lang),
                    deadline: labels::date(e.deadline(), lang),
                    decided_on: e
                        .decided_on()
                        .map_or(String::new(), |d| labels::date(d, lang)),
                    rule: e.rule_id().to_owned(),
                    provision: e.provision().unwrap_or_default().to_owned(),
                })
                .collect(),
            omitted: omitted_line(self),
            criteria_header: criteria_header(l),
            criteria: self
                .criteria()
                .iter()
                .map(|c| CriterionView {
                    class: match c.verdict() {
                        Verdict::Violated => "ov",
                        Verdict::Indeterminate => "op",
                        Verdict::Satisfied => "ok",
                        Verdict::NotApplicable => "na",
                    },
                    cells: criterion_cells(c, lang),
                    violations: c
                        .violations()
                        .iter()
                        .map(|v| (v.group().to_owned(), violation_sentence(c, v, lang)))
                        .collect(),
                })
                .collect(),
            diagnostics: self
                .diagnostics()
                .iter()
                .map(|d| (d.source().label(lang), d.message()))
                .collect(),
        };
        page.render().map_err(|e| ReportError::render("html", e))
    }
}
