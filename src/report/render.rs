//! The renderers that write text: a terminal table, Markdown, CSV and JSON.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets};

use super::labels::{self, Labels};
use super::{ReportError, ReportModel};
use crate::Lang;
use crate::compliance::{Status, StatusCounts};

/// Which table of a report a CSV file holds (a CSV file holds one table).
///
/// # Example
///
/// ```
/// use directives::report::{CsvTable, ReportModel};
///
/// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
/// let csv = model.to_csv(CsvTable::Heatmap, false)?;
/// assert_eq!(csv.lines().count(), 3);
/// assert!(csv.lines().nth(2).ok_or("no line")?.starts_with("SYT,2025-02,open_overdue,1,1"));
/// assert_eq!("heatmap".parse::<CsvTable>()?, CsvTable::Heatmap);
/// assert_eq!(CsvTable::default().as_str(), "bodies");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CsvTable {
    /// One line per body: counts, rates, index, grade, rank and change; the default.
    #[default]
    Bodies,
    /// One line per exception listed, with its explanation.
    Exceptions,
    /// One line per non-empty heatmap cell: body, period, worst status, its count, the
    /// cell's total.
    Heatmap,
    /// One line per group that breaks a criterion (a criterion with none has one line
    /// with an empty group): id, title, provision, verdict, measure, requirement, group,
    /// witness count and the witnesses' references.
    Criteria,
}

impl CsvTable {
    /// Every table.
    pub const ALL: [CsvTable; 4] = [
        CsvTable::Bodies,
        CsvTable::Exceptions,
        CsvTable::Heatmap,
        CsvTable::Criteria,
    ];

    /// The snake_case name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(directives::report::CsvTable::Exceptions.as_str(), "exceptions");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            CsvTable::Bodies => "bodies",
            CsvTable::Exceptions => "exceptions",
            CsvTable::Heatmap => "heatmap",
            CsvTable::Criteria => "criteria",
        }
    }
}

impl std::fmt::Display for CsvTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CsvTable {
    type Err = ReportError;

    fn from_str(text: &str) -> Result<CsvTable, ReportError> {
        CsvTable::ALL
            .into_iter()
            .find(|t| t.as_str() == text)
            .ok_or_else(|| ReportError::UnknownTable {
                value: crate::text::quote(text),
            })
    }
}

/// The six status columns in the order of the Government's task reports.
const COLUMNS: [Status; 6] = [
    Status::DoneOnTime,
    Status::DoneLate,
    Status::OpenWithinDeadline,
    Status::OpenOverdue,
    Status::Waived,
    Status::NotApplicable,
];

fn column_label(status: Status, l: &Labels) -> &'static str {
    match status {
        Status::DoneOnTime => l.on_time,
        Status::DoneLate => l.late,
        Status::OpenWithinDeadline => l.within_deadline,
        Status::OpenOverdue => l.overdue,
        Status::Waived => l.waived,
        Status::NotApplicable => l.not_applicable,
    }
}

/// A status column's header: its group (done, not done) and its label, so that the two
/// "late" columns (done late, open and overdue) cannot be confused.
fn grouped_label(status: Status, l: &Labels) -> String {
    let group = match status {
        Status::DoneOnTime | Status::DoneLate => format!("{}: ", l.done),
        Status::OpenWithinDeadline | Status::OpenOverdue => format!("{}: ", l.open),
        Status::Waived | Status::NotApplicable => String::new(),
    };
    format!("{group}{}", column_label(status, l))
}

/// The summary's columns with their group (done, not done) as header cells.
fn summary_header(l: &Labels) -> Vec<String> {
    let mut header = vec![l.total.to_owned()];
    for status in COLUMNS {
        header.push(grouped_label(status, l));
    }
    header.push(l.on_time_rate.to_owned());
    header.push(l.done_rate.to_owned());
    header
}

fn counts_cells(counts: &StatusCounts) -> impl Iterator<Item = String> + '_ {
    COLUMNS.iter().map(|&s| counts.get(s).to_string())
}

fn rank_change(change: Option<&super::BodyChange>, lang: Lang) -> String {
    match change {
        None => String::new(),
        Some(c) if c.is_new() => labels::labels(lang).new_body.to_owned(),
        Some(c) => {
            let mut parts = Vec::new();
            if let Some(r) = c.rank_change() {
                parts.push(match r {
                    0 => "=".to_owned(),
                    r if r > 0 => format!("▲{r}"),
                    r => format!("▼{}", r.unsigned_abs()),
                });
            }
            let points = labels::points(c.on_time_rate_change(), lang);
            if !points.is_empty() {
                parts.push(points);
            }
            parts.join(" ")
        }
    }
}

/// The cells of one body row, shared by every table renderer.
pub(super) fn body_cells(row: &super::BodyRow, lang: Lang) -> Vec<String> {
    let mut cells = vec![
        row.rank().map_or(String::new(), |r| r.to_string()),
        row.code().to_string(),
        row.name().to_owned(),
        row.counts().total().to_string(),
    ];
    cells.extend(counts_cells(row.counts()));
    cells.push(labels::percent(row.on_time_rate(), lang));
    cells.push(labels::percent(row.done_rate(), lang));
    cells.push(labels::decimal(row.timeliness_index(), lang));
    cells.push(
        row.grade()
            .map_or(String::new(), |g| labels::grade(g, lang).to_owned()),
    );
    cells.push(rank_change(row.change(), lang));
    cells
}

pub(super) fn body_header(l: &Labels) -> Vec<String> {
    let mut header = vec![
        l.rank.to_owned(),
        l.code.to_owned(),
        l.name.to_owned(),
        l.total.to_owned(),
    ];
    header.extend(COLUMNS.iter().map(|&s| grouped_label(s, l)));
    header.extend(
        [l.on_time_rate, l.done_rate, l.index, l.grade, l.change]
            .iter()
            .map(|s| (*s).to_owned()),
    );
    header
}

pub(super) fn summary_cells(model: &ReportModel) -> Vec<String> {
    let s = model.summary();
    let mut cells = vec![s.total().to_string()];
    cells.extend(counts_cells(s.counts()));
    cells.push(labels::percent(s.on_time_rate(), model.lang()));
    cells.push(labels::percent(s.done_rate(), model.lang()));
    cells
}

pub(super) fn summary_header_cells(model: &ReportModel) -> Vec<String> {
    summary_header(labels::labels(model.lang()))
}

/// A heatmap cell as text: the glyph, then the count.
pub(super) fn cell_text(cell: Option<&super::Cell>) -> String {
    match cell {
        None => String::new(),
        Some(c) => format!("{}{}", labels::glyph(c.status()), c.count()),
    }
}

/// The lines of the heading: title, as-of date, directives, detail, filter, grading.
pub(super) fn heading(model: &ReportModel) -> Vec<(String, String)> {
    let lang = model.lang();
    let l = labels::labels(lang);
    let directives: Vec<String> = model
        .directives()
        .iter()
        .map(|d| format!("{} ({})", d.symbol(), labels::date(d.issued(), lang)))
        .collect();
    let mut lines = vec![
        (l.as_of.to_owned(), labels::date(model.as_of(), lang)),
        (
            l.directives.to_owned(),
            if directives.is_empty() {
                l.none.to_owned()
            } else {
                directives.join(", ")
            },
        ),
        (l.detail.to_owned(), model.detail().label(lang).to_owned()),
        (l.filter.to_owned(), model.filter().describe(lang)),
    ];
    if let Some(g) = model.grading() {
        lines.push((
            l.grading.to_owned(),
            format!("{} ({})", g.policy(), g.year()),
        ));
    }
    lines
}

/// The sentence that says how many exceptions are not listed, if any.
pub(super) fn omitted_line(model: &ReportModel) -> Option<String> {
    let n = model.exceptions_omitted();
    (n > 0).then(|| format!("{n} {}", labels::labels(model.lang()).omitted))
}

fn exception_cells(e: &super::Exception, lang: Lang) -> Vec<String> {
    vec![
        e.obligation().to_string(),
        format!("{} ({})", e.body(), e.body_name()),
        labels::status(e.status(), lang).to_owned(),
        labels::date(e.due(), lang),
        labels::date(e.deadline(), lang),
        e.decided_on()
            .map_or(String::new(), |d| labels::date(d, lang)),
        e.days_late().to_string(),
        e.explanation().to_owned(),
    ]
}

fn exception_header(l: &Labels) -> Vec<String> {
    [
        l.obligation,
        l.body,
        l.status,
        l.due,
        l.deadline,
        l.decided_on,
        l.days_late,
        l.explanation,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// The header of the criteria table.
pub(super) fn criteria_header(l: &Labels) -> Vec<String> {
    [
        l.code,
        l.name,
        l.provision,
        l.verdict,
        l.measure,
        l.requirement,
        l.groups_violated,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// One criterion's cells.
pub(super) fn criterion_cells(c: &super::CriterionLine, lang: Lang) -> Vec<String> {
    vec![
        c.id().to_owned(),
        c.title().to_owned(),
        c.provision().to_owned(),
        c.verdict().label(lang).to_owned(),
        c.measure().to_owned(),
        c.requirement().to_owned(),
        format!("{} / {}", c.groups_violated(), c.groups()),
    ]
}

/// One violation in words: group, measured value, requirement, witnesses.
pub(super) fn violation_sentence(
    c: &super::CriterionLine,
    v: &super::ViolationLine,
    lang: Lang,
) -> String {
    let l = labels::labels(lang);
    let mut text = format!(
        "[{}] {} {}: {} {}",
        c.severity().label(lang),
        c.id(),
        v.group(),
        c.measure(),
        v.measured()
    );
    if let Some(at) = v.at() {
        let _ = write!(text, " ({at})");
    }
    let _ = write!(
        text,
        ", {} {}; {} {}",
        l.required,
        c.requirement(),
        v.witness_count(),
        l.obligations
    );
    if !v.witnesses().is_empty() {
        let refs: Vec<String> = v.witnesses().iter().map(|w| format!("`{w}`")).collect();
        let _ = write!(text, ": {}", refs.join(", "));
    }
    text
}

fn new_table() -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    table
}

impl ReportModel {
    /// The report as terminal tables (box-drawing characters), in the model's language.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let text = model.to_text();
    /// assert!(text.contains("On-time rate"));
    /// assert!(text.contains("50.0%"));
    /// assert!(text.contains("✗1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_text(&self) -> String {
        let lang = self.lang();
        let l = labels::labels(lang);
        let mut out = String::new();
        let _ = writeln!(out, "{}", l.title);
        for (k, v) in heading(self) {
            let _ = writeln!(out, "{k}: {v}");
        }
        let _ = writeln!(out, "\n{}", l.summary);
        let mut table = new_table();
        table.set_header(summary_header_cells(self));
        table.add_row(summary_cells(self));
        let _ = writeln!(out, "{table}");
        let _ = writeln!(out, "{}", self.summary().formula());
        if !self.bodies().is_empty() {
            let _ = writeln!(out, "\n{}", l.bodies);
            let mut table = new_table();
            table.set_header(body_header(l));
            for row in self.bodies() {
                table.add_row(body_cells(row, lang));
            }
            let _ = writeln!(out, "{table}");
        }
        if !self.heatmap().rows().is_empty() {
            let _ = writeln!(out, "\n{}", l.heatmap);
            let _ = writeln!(out, "{}: {}", l.legend, legend(lang));
            let mut table = new_table();
            let mut header = vec![l.body.to_owned()];
            header.extend(self.heatmap().periods().iter().map(ToString::to_string));
            table.set_header(header);
            for row in self.heatmap().rows() {
                let mut cells = vec![row.body().to_string()];
                cells.extend(row.cells().iter().map(|c| cell_text(c.as_ref())));
                table.add_row(cells);
            }
            let _ = writeln!(out, "{table}");
        }
        if !self.exceptions().is_empty() || self.exceptions_omitted() > 0 {
            let _ = writeln!(out, "\n{}", l.exceptions);
            for e in self.exceptions() {
                let _ = writeln!(
                    out,
                    "- {} · {} ({}) · {}",
                    e.obligation(),
                    e.body(),
                    e.body_name(),
                    labels::status(e.status(), lang)
                );
                let _ = writeln!(out, "  {}: {}", l.why, e.explanation());
            }
            if let Some(line) = omitted_line(self) {
                let _ = writeln!(out, "({line})");
            }
        }
        if !self.criteria().is_empty() {
            let _ = writeln!(out, "\n{}", l.criteria);
            let mut table = new_table();
            table.set_header(criteria_header(l));
            for c in self.criteria() {
                table.add_row(criterion_cells(c, lang));
            }
            let _ = writeln!(out, "{table}");
            for c in self.criteria() {
                for v in c.violations() {
                    let _ = writeln!(out, "- {}", violation_sentence(c, v, lang));
                }
            }
        }
        if !self.diagnostics().is_empty() {
            let _ = writeln!(out, "\n{}", l.diagnostics);
            for d in self.diagnostics() {
                let _ = writeln!(out, "- [{}] {}", d.source().label(lang), d.message());
            }
        }
        out
    }

    /// The report as Markdown: headings and pipe tables, with `|` escaped and line breaks
    /// written `<br>` inside cells.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let md = model.to_markdown();
    /// assert!(md.starts_with("# Report on the performance of tasks"));
    /// assert!(md.contains("| 1 | SYT | Department of Health |"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let lang = self.lang();
        let l = labels::labels(lang);
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", l.title);
        for (k, v) in heading(self) {
            let _ = writeln!(out, "- **{}**: {}", md_cell(&k), md_cell(&v));
        }
        let _ = writeln!(out, "\n## {}\n", l.summary);
        md_table(&mut out, &summary_header_cells(self), [summary_cells(self)]);
        let _ = writeln!(out, "\n{}", md_cell(self.summary().formula()));
        if !self.bodies().is_empty() {
            let _ = writeln!(out, "\n## {}\n", l.bodies);
            md_table(
                &mut out,
                &body_header(l),
                self.bodies().iter().map(|r| body_cells(r, lang)),
            );
        }
        if !self.heatmap().rows().is_empty() {
            let _ = writeln!(out, "\n## {}\n", l.heatmap);
            let _ = writeln!(out, "{}: {}\n", l.legend, md_cell(&legend(lang)));
            let mut header = vec![l.body.to_owned()];
            header.extend(self.heatmap().periods().iter().map(ToString::to_string));
            md_table(
                &mut out,
                &header,
                self.heatmap().rows().iter().map(|row| {
                    let mut cells = vec![row.body().to_string()];
                    cells.extend(row.cells().iter().map(|c| cell_text(c.as_ref())));
                    cells
                }),
            );
        }
        if !self.exceptions().is_empty() || self.exceptions_omitted() > 0 {
            let _ = writeln!(out, "\n## {}\n", l.exceptions);
            md_table(
                &mut out,
                &exception_header(l),
                self.exceptions().iter().map(|e| exception_cells(e, lang)),
            );
            if let Some(line) = omitted_line(self) {
                let _ = writeln!(out, "\n_{}_", md_cell(&line));
            }
        }
        if !self.criteria().is_empty() {
            let _ = writeln!(out, "\n## {}\n", l.criteria);
            md_table(
                &mut out,
                &criteria_header(l),
                self.criteria().iter().map(|c| criterion_cells(c, lang)),
            );
            let mut first = true;
            for c in self.criteria() {
                for v in c.violations() {
                    if first {
                        out.push('\n');
                        first = false;
                    }
                    let _ = writeln!(out, "- {}", md_cell(&violation_sentence(c, v, lang)));
                }
            }
        }
        if !self.diagnostics().is_empty() {
            let _ = writeln!(out, "\n## {}\n", l.diagnostics);
            for d in self.diagnostics() {
                let _ = writeln!(
                    out,
                    "- [{}] {}",
                    d.source().label(lang),
                    md_cell(d.message())
                );
            }
        }
        out
    }

    /// One table of the report as CSV (the header in the model's language), optionally
    /// preceded by a UTF-8 byte-order mark so that Excel reads Vietnamese correctly.
    /// Numbers are written plainly (rates as fractions with a decimal point), dates as
    /// ISO 8601.
    ///
    /// # Errors
    ///
    /// [`ReportError::Render`] if the CSV writer fails (it writes to memory, so only on a
    /// bug).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::{CsvTable, ReportModel};
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let csv = model.to_csv(CsvTable::Bodies, true)?;
    /// assert!(csv.starts_with("\u{feff}Rank,Code,Name,"));
    /// assert!(csv.lines().nth(1).ok_or("no row")?.starts_with("1,SYT,Department of Health,2,1,0,0,1,0,0,0.5,0.5,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self, table: CsvTable, byte_order_mark: bool) -> Result<String, ReportError> {
        let fail = |e: csv::Error| ReportError::render("csv", e);
        let l = labels::labels(self.lang());
        let mut writer = csv::Writer::from_writer(Vec::new());
        match table {
            CsvTable::Bodies => {
                // The change column splits in two: places and rate points.
                let mut header = body_header(l);
                header.pop();
                header.push(format!("{} ({})", l.rank, l.change));
                header.push(format!("{} ({})", l.on_time_rate, l.change));
                writer.write_record(&header).map_err(fail)?;
                for row in self.bodies() {
                    let num = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
                    let mut record = vec![
                        row.rank().map_or(String::new(), |r| r.to_string()),
                        row.code().to_string(),
                        row.name().to_owned(),
                        row.counts().total().to_string(),
                    ];
                    record.extend(counts_cells(row.counts()));
                    record.push(num(row.on_time_rate()));
                    record.push(num(row.done_rate()));
                    record.push(num(row.timeliness_index()));
                    record.push(
                        row.grade()
                            .map_or(String::new(), |g| labels::grade(g, self.lang()).to_owned()),
                    );
                    let change = row.change();
                    record.push(
                        change
                            .and_then(|c| c.rank_change())
                            .map_or(String::new(), |r| r.to_string()),
                    );
                    record.push(num(change.and_then(|c| c.on_time_rate_change())));
                    writer.write_record(&record).map_err(fail)?;
                }
            }
            CsvTable::Exceptions => {
                let mut header = vec![
                    l.obligation,
                    l.code,
                    l.name,
                    l.status,
                    l.due,
                    l.deadline,
                    l.decided_on,
                    l.days_late,
                ];
                header.extend([l.working_days_late, l.rule, l.provision, l.explanation]);
                writer.write_record(&header).map_err(fail)?;
                for e in self.exceptions() {
                    writer
                        .write_record([
                            e.obligation().to_string(),
                            e.body().to_string(),
                            e.body_name().to_owned(),
                            e.status().as_str().to_owned(),
                            e.due().to_string(),
                            e.deadline().to_string(),
                            e.decided_on().map_or(String::new(), |d| d.to_string()),
                            e.days_late().to_string(),
                            e.working_days_late()
                                .map_or(String::new(), |d| d.to_string()),
                            e.rule_id().to_owned(),
                            e.provision().unwrap_or_default().to_owned(),
                            e.explanation().to_owned(),
                        ])
                        .map_err(fail)?;
                }
            }
            CsvTable::Criteria => write_criteria_csv(self, &mut writer, l).map_err(fail)?,
            CsvTable::Heatmap => {
                writer
                    .write_record([l.code, l.period, l.status, l.count, l.cell_total])
                    .map_err(fail)?;
                let periods = self.heatmap().periods();
                let mut buf = String::with_capacity(32);
                for row in self.heatmap().rows() {
                    for (period, cell) in periods.iter().zip(row.cells()) {
                        let Some(cell) = cell else { continue };
                        buf.clear();
                        let _ = write!(buf, "{period}");
                        writer
                            .write_record([
                                row.body().as_str(),
                                buf.as_str(),
                                cell.status().as_str(),
                                &cell.count().to_string(),
                                &cell.total().to_string(),
                            ])
                            .map_err(fail)?;
                    }
                }
            }
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| ReportError::render("csv", e.error()))?;
        let text = String::from_utf8(bytes).map_err(|e| ReportError::render("csv", e))?;
        Ok(if byte_order_mark {
            format!("\u{feff}{text}")
        } else {
            text
        })
    }

    /// The model as compact JSON, opening with its `schema_version`.
    ///
    /// # Errors
    ///
    /// [`ReportError::Render`] if serde_json fails (it writes to memory, so only on a bug).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let json = model.to_json()?;
    /// assert!(json.starts_with("{\"schema_version\":1,\"lang\":\"en\""));
    /// assert_eq!(ReportModel::from_json_str(&json)?, model);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> Result<String, ReportError> {
        serde_json::to_string(self).map_err(|e| ReportError::render("json", e))
    }

    /// The model as indented JSON.
    ///
    /// # Errors
    ///
    /// As [`to_json`](ReportModel::to_json).
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::ReportModel;
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// assert!(model.to_json_pretty()?.starts_with("{\n  \"schema_version\": 1,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json_pretty(&self) -> Result<String, ReportError> {
        serde_json::to_string_pretty(self).map_err(|e| ReportError::render("json", e))
    }

    /// The report in a format: the one entry point of the command line and the `report`
    /// call. `table` and `byte_order_mark` matter for CSV only; JSON is indented.
    ///
    /// # Errors
    ///
    /// As the renderer of the format.
    ///
    /// # Example
    ///
    /// ```
    /// use directives::report::{CsvTable, ReportFormat, ReportModel};
    ///
    /// let model = ReportModel::from_json_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/report_min.json")))?;
    /// let csv = model.render(ReportFormat::Csv, CsvTable::Heatmap, false)?;
    /// assert_eq!(csv, model.to_csv(CsvTable::Heatmap, false)?);
    /// assert!(model.render(ReportFormat::Markdown, CsvTable::Bodies, false)?.starts_with("# "));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render(
        &self,
        format: super::ReportFormat,
        table: CsvTable,
        byte_order_mark: bool,
    ) -> Result<String, ReportError> {
        match format {
            super::ReportFormat::Text => Ok(self.to_text()),
            super::ReportFormat::Markdown => Ok(self.to_markdown()),
            super::ReportFormat::Csv => self.to_csv(table, byte_order_mark),
            super::ReportFormat::Json => self.to_json_pretty(),
            super::ReportFormat::Html => self.to_html(),
        }
    }
}

/// The criteria table of the CSV renderer.
fn write_criteria_csv(
    model: &ReportModel,
    writer: &mut csv::Writer<Vec<u8>>,
    l: &Labels,
) -> Result<(), csv::Error> {
    writer.write_record([
        l.code,
        l.name,
        l.provision,
        l.verdict,
        l.measure,
        l.requirement,
        l.body,
        l.count,
        l.obligations,
    ])?;
    for c in model.criteria() {
        let base = [
            c.id(),
            c.title(),
            c.provision(),
            c.verdict().as_str(),
            c.measure(),
            c.requirement(),
        ];
        if c.violations().is_empty() {
            let mut record: Vec<String> = base.iter().map(|s| (*s).to_owned()).collect();
            record.extend([String::new(), String::new(), String::new()]);
            writer.write_record(&record)?;
        }
        for v in c.violations() {
            let mut record: Vec<String> = base.iter().map(|s| (*s).to_owned()).collect();
            let refs: Vec<String> = v.witnesses().iter().map(ToString::to_string).collect();
            record.extend([
                v.group().to_owned(),
                v.witness_count().to_string(),
                refs.join(" "),
            ]);
            writer.write_record(&record)?;
        }
    }
    Ok(())
}

/// The legend of the heatmap: each glyph with its status.
pub(super) fn legend(lang: Lang) -> String {
    COLUMNS
        .iter()
        .map(|&s| format!("{} {}", labels::glyph(s), labels::status(s, lang)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A Markdown table cell: `|` escaped, line breaks as `<br>`.
pub(super) fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => out.push_str("\\|"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

fn md_table(out: &mut String, header: &[String], rows: impl IntoIterator<Item = Vec<String>>) {
    let line = |out: &mut String, cells: &[String]| {
        out.push('|');
        for cell in cells {
            out.push(' ');
            out.push_str(&md_cell(cell));
            out.push_str(" |");
        }
        out.push('\n');
    };
    line(out, header);
    out.push('|');
    for _ in header {
        out.push_str(" --- |");
    }
    out.push('\n');
    for row in rows {
        line(out, &row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_escape_pipes_and_line_breaks() {
        assert_eq!(md_cell("a|b\nc\r\nd\re"), "a\\|b<br>c<br>d<br>e");
        assert_eq!(md_cell("plain"), "plain");
    }
}
