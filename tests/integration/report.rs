//! Reports through the public API: the model's numbers, the renderers, the golden JSON
//! files the docs read, and the seed letter's HTML page loaded in a real headless browser.
#![cfg(feature = "report")]

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use chrono::NaiveDate;
use directives::Lang;
use directives::calendar::WorkCalendar;
use directives::compliance::{
    EvaluationPolicy, Event, EventKind, Events, GradingPolicy, Status, evaluate,
};
use directives::criteria::{
    Criteria, Criterion, GroupBy, Loader, Measure, Requirement, Threshold, Verdict,
};
use directives::directive::Directive;
use directives::obligation::{
    ExpansionOptions, Obligation, ObligationId, Obligations, obligations_with,
};
use directives::org::{Body, BodyKind, Level, Names, Registry};
use directives::period::Period;
use directives::regime::ReportingRegime;
use directives::report::{
    CsvTable, Detail, DiagnosticSource, Filter, ReportError, ReportModel, SCHEMA_VERSION,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The small case the docs use: the health department's January report on time, its
/// February report never sent, as of 2025-04-01.
fn small() -> (Obligations, Events, Registry) {
    let mut obligations = Obligations::new();
    let a = obligations
        .push(Obligation::new(
            "05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse().unwrap(),
            d(2025, 2, 20),
        ))
        .unwrap();
    obligations
        .push(Obligation::new(
            "05/CT-UBND@2025-01-02/1.1/SYT/2025-02".parse().unwrap(),
            d(2025, 3, 20),
        ))
        .unwrap();
    let mut events = Events::new();
    events.push(Event::submitted(a, d(2025, 2, 18))).unwrap();
    let registry = Registry::builder()
        .body(Body::new(
            "SYT".parse().unwrap(),
            Names::new("Sở Y tế").with_en("Department of Health"),
            BodyKind::DepartmentOrAgency,
            Level::Province,
            d(2008, 1, 1),
        ))
        .build()
        .unwrap();
    (obligations, events, registry)
}

fn golden(name: &str, built: &ReportModel) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let json = built.to_json_pretty().unwrap() + "\n";
    if std::env::var_os("DIRECTIVES_BLESS").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        stored,
        json,
        "{} differs from the model built now; review and rerun with DIRECTIVES_BLESS=1",
        path.display()
    );
    assert_eq!(&ReportModel::from_json_str(&stored).unwrap(), built);
}

#[test]
fn the_small_report_counts_the_task_report_columns_and_matches_its_golden_file() {
    let (obligations, events, registry) = small();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 4, 1), &policy).unwrap();
    let model = ReportModel::builder(&evaluation, &registry)
        .lang(Lang::En)
        .detail(Detail::Full)
        .build();
    let summary = model.summary();
    assert_eq!(summary.total(), 2);
    assert_eq!(summary.counts().get(Status::DoneOnTime), 1);
    assert_eq!(summary.counts().get(Status::OpenOverdue), 1);
    assert_eq!(summary.due(), 2);
    assert_eq!(summary.on_time_rate(), Some(0.5));
    assert_eq!(summary.done_rate(), Some(0.5));
    assert_eq!(model.schema_version(), SCHEMA_VERSION);
    assert_eq!(model.bodies()[0].name(), "Department of Health");
    assert_eq!(model.exceptions().len(), 1);
    assert_eq!(model.exceptions()[0].days_late(), 12);
    golden("report_min.json", &model);

    let criteria = Criteria::new(vec![
        Criterion::builder("on-time")
            .title("Báo cáo đúng hạn", "Reports on time")
            .provision("Decree 09/2019/NĐ-CP art. 8.5")
            .group_by([GroupBy::Holder])
            .measure(Measure::OnTimeRate)
            .require(Requirement::AtLeast(Threshold::Number(0.8)))
            .build()
            .unwrap(),
    ])
    .unwrap();
    let assessment = criteria.assess(&evaluation, &registry).unwrap();
    let graded = ReportModel::builder(&evaluation, &registry)
        .lang(Lang::En)
        .detail(Detail::Full)
        .grading(GradingPolicy::decree_335_2025_timeliness(), 2026)
        .criteria(&assessment)
        .build();
    assert_eq!(graded.diagnostics()[0].source(), DiagnosticSource::Grading);
    assert!(graded.bodies()[0].grade().is_some());
    let criterion = &graded.criteria()[0];
    assert_eq!(criterion.verdict(), Verdict::Violated);
    assert_eq!(criterion.violations()[0].measured(), "0.5 (1/2)");
    let text = graded.to_text();
    assert!(
        text.contains(
            "- [error] on-time holder=SYT: on-time rate 0.5 (1/2), required at least 0.8; 1 obligations: `05/CT-UBND@2025-01-02/1.1/SYT/2025-02`"
        ),
        "{text}"
    );
    // In Vietnamese the severity is Vietnamese too.
    let text = ReportModel::builder(&evaluation, &registry)
        .lang(Lang::Vi)
        .detail(Detail::Full)
        .criteria(&assessment)
        .build()
        .to_text();
    assert!(text.contains("- [lỗi] on-time holder=SYT: "), "{text}");
    assert!(!text.contains("[error]"), "{text}");
    let csv = graded.to_csv(CsvTable::Criteria, false).unwrap();
    assert_eq!(
        csv.lines().nth(1).unwrap(),
        "on-time,Reports on time,Decree 09/2019/NĐ-CP art. 8.5,violated,on-time rate,at least 0.8,holder=SYT,1,05/CT-UBND@2025-01-02/1.1/SYT/2025-02"
    );
    assert!(
        graded
            .to_html()
            .unwrap()
            .contains("<table class=\"criteria\">")
    );
    assert!(
        graded
            .to_markdown()
            .contains("| on-time | Reports on time |")
    );
    golden("report_graded.json", &graded);
}

#[test]
fn vietnamese_labels_dates_and_explanations() {
    let (obligations, events, registry) = small();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 4, 1), &policy).unwrap();
    let model = ReportModel::builder(&evaluation, &registry)
        .lang(Lang::Vi)
        .detail(Detail::Full)
        .build();
    assert_eq!(model.bodies()[0].name(), "Sở Y tế");
    assert!(
        model.exceptions()[0]
            .explanation()
            .starts_with("Chưa hoàn thành quá hạn")
    );
    assert_eq!(
        model.exceptions()[0].provision(),
        Some("Quyết định số 42/2014/QĐ-TTg")
    );
    let text = model.to_text();
    assert!(text.contains("Tính đến ngày: 01/04/2025"), "{text}");
    assert!(text.contains("50,0%"), "{text}");
    let md = model.to_markdown();
    assert!(md.contains("| 20/03/2025 |"), "{md}");
    let csv = model.to_csv(CsvTable::Exceptions, true).unwrap();
    assert!(
        csv.starts_with("\u{feff}Nghĩa vụ,Mã,Tên,Tình trạng,Hạn,"),
        "{csv}"
    );
    let page = model.to_html().unwrap();
    assert!(page.contains("<html lang=\"vi\">"));
    assert!(page.contains("Tính đến ngày"));
}

#[test]
fn levels_of_detail_and_filters() {
    let (obligations, events, registry) = small();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 4, 1), &policy).unwrap();
    let summary_only = ReportModel::builder(&evaluation, &registry)
        .detail(Detail::Summary)
        .build();
    assert!(summary_only.bodies().is_empty());
    assert!(summary_only.heatmap().rows().is_empty());
    assert!(summary_only.exceptions().is_empty());
    assert_eq!(summary_only.exceptions_omitted(), 1);
    assert_eq!(summary_only.summary().total(), 2);

    let capped = ReportModel::builder(&evaluation, &registry)
        .exception_limit(0)
        .build();
    assert_eq!(capped.exceptions_omitted(), 1);
    assert!(
        capped
            .to_text()
            .contains("1 không liệt kê ở mức chi tiết này")
    );

    let overdue = ReportModel::builder(&evaluation, &registry)
        .filter(Filter::new().status(Status::OpenOverdue))
        .build();
    assert_eq!(overdue.summary().total(), 1);
    assert_eq!(overdue.summary().on_time_rate(), Some(0.0));
    assert_eq!(overdue.heatmap().periods().len(), 2);
    assert_eq!(overdue.heatmap().rows()[0].cells()[0], None);

    let communes = ReportModel::builder(&evaluation, &registry)
        .filter(Filter::new().level(Level::Commune))
        .build();
    assert_eq!(communes.summary().total(), 0);
    assert!(communes.bodies().is_empty());

    let other_directive = ReportModel::builder(&evaluation, &registry)
        .filter(
            Filter::new().directive(directives::directive::DirectiveKey::new(
                directives::document::DocSymbol::parse("1470-CV/TU").unwrap(),
                d(2024, 2, 22),
            )),
        )
        .build();
    assert_eq!(other_directive.summary().total(), 0);
    assert!(other_directive.directives().is_empty());
}

#[test]
fn a_body_the_registry_does_not_know_is_shown_by_code_and_said() {
    let (obligations, events, _) = small();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 4, 1), &policy).unwrap();
    let empty = Registry::builder().build().unwrap();
    let model = ReportModel::builder(&evaluation, &empty)
        .lang(Lang::En)
        .build();
    assert_eq!(model.bodies()[0].name(), "SYT");
    assert_eq!(
        model.diagnostics()[0].message(),
        "1 bodies are not in the registry and are shown by code: `SYT`"
    );
    let filtered = ReportModel::builder(&evaluation, &empty)
        .lang(Lang::En)
        .filter(Filter::new().kind(BodyKind::PartyCommittee))
        .build();
    assert_eq!(filtered.summary().total(), 0);
    assert!(
        filtered.diagnostics()[0]
            .message()
            .ends_with("so they are left out")
    );
}

/// Every diagnostic of a report, from the evaluation, the grading policy and the report
/// itself, is in the report's language, and so are its source and the filter.
#[test]
fn diagnostics_and_the_filter_are_in_the_report_language() {
    let (obligations, mut events, registry) = small();
    let first = ObligationId::from_index(0);
    // The same submission twice, and an extension that sets the deadline earlier.
    events
        .push(Event::submitted(first, d(2025, 2, 18)))
        .unwrap();
    events
        .push(Event::new(
            first,
            d(2025, 2, 1),
            EventKind::Extended {
                new_due: d(2025, 2, 10),
                document: "7/CV-UBND".to_owned(),
            },
        ))
        .unwrap();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 4, 1), &policy).unwrap();
    let build = |lang| {
        ReportModel::builder(&evaluation, &registry)
            .lang(lang)
            .grading(GradingPolicy::regulation_124_2023(), 2030)
            .filter(
                Filter::new()
                    .level(Level::Province)
                    .kind(BodyKind::DepartmentOrAgency),
            )
            .build()
    };
    let vi = build(Lang::Vi);
    let en = build(Lang::En);
    let messages = |model: &ReportModel, source| -> Vec<String> {
        model
            .diagnostics()
            .iter()
            .filter(|d| d.source() == source)
            .map(|d| d.message().to_owned())
            .collect()
    };
    let vi_evaluation = messages(&vi, DiagnosticSource::Evaluation);
    let en_evaluation = messages(&en, DiagnosticSource::Evaluation);
    assert_eq!(vi_evaluation.len(), 2, "{vi_evaluation:?}");
    assert_eq!(en_evaluation.len(), 2, "{en_evaluation:?}");
    assert!(
        vi_evaluation
            .iter()
            .any(|m| m.contains("trùng với một sự kiện trước") && m.contains("ngày 18/02/2025")),
        "{vi_evaluation:?}"
    );
    assert!(
        vi_evaluation
            .iter()
            .any(|m| m.contains("sớm hơn hạn ban đầu 20/02/2025")),
        "{vi_evaluation:?}"
    );
    assert!(
        en_evaluation
            .iter()
            .any(|m| m.contains("repeats an earlier one")),
        "{en_evaluation:?}"
    );
    for m in &vi_evaluation {
        assert!(!m.contains(" is ignored") && !m.contains("repeats"), "{m}");
    }
    let vi_grading = messages(&vi, DiagnosticSource::Grading);
    let en_grading = messages(&en, DiagnosticSource::Grading);
    assert!(
        vi_grading
            .iter()
            .any(|m| m.contains("năm đánh giá `2030` nằm ngoài phạm vi đó")),
        "{vi_grading:?}"
    );
    assert!(
        en_grading
            .iter()
            .any(|m| m.contains("year `2030` is outside them")),
        "{en_grading:?}"
    );
    // The renderers print the source and the filter in words of the language.
    let text = vi.to_text();
    assert!(text.contains("[đánh giá] sự kiện"), "{text}");
    assert!(text.contains("[xếp loại] "), "{text}");
    assert!(text.contains("cấp tỉnh; loại sở, ban, ngành"), "{text}");
    let markdown = en.to_markdown();
    assert!(markdown.contains("- [evaluation] event"), "{markdown}");
    assert!(
        markdown.contains("level province; kind department or agency"),
        "{markdown}"
    );
    let page = vi.to_html().unwrap();
    assert!(page.contains("[đánh giá] sự kiện"));
    assert!(!page.contains("[evaluation]"));
}

#[test]
fn the_change_against_the_previous_report() {
    let (obligations, events, registry) = small();
    let policy = EvaluationPolicy::without_calendar();
    let before = evaluate(&obligations, &events, d(2025, 3, 1), &policy).unwrap();
    let previous = ReportModel::builder(&before, &registry).build();
    // On 2025-03-01 only January was due, and it was on time.
    assert_eq!(previous.bodies()[0].on_time_rate(), Some(1.0));
    let now = evaluate(&obligations, &events, d(2025, 4, 1), &policy).unwrap();
    let model = ReportModel::builder(&now, &registry)
        .lang(Lang::En)
        .previous(&previous)
        .build();
    let change = model.bodies()[0].change().unwrap();
    assert_eq!(change.previous_rank(), Some(1));
    assert_eq!(change.rank_change(), Some(0));
    assert_eq!(change.on_time_rate_change(), Some(-0.5));
    assert!(
        model.to_text().contains("= -50.0 pts"),
        "{}",
        model.to_text()
    );
}

#[test]
fn markdown_escapes_pipes_and_line_breaks_from_the_data() {
    let mut obligations = Obligations::new();
    obligations
        .push(Obligation::new(
            "05/CT-UBND@2025-01-02/1.1/SYT/2025-01".parse().unwrap(),
            d(2025, 2, 20),
        ))
        .unwrap();
    let registry = Registry::builder()
        .body(Body::new(
            "SYT".parse().unwrap(),
            "Sở Y tế | Health\nline two",
            BodyKind::DepartmentOrAgency,
            Level::Province,
            d(2008, 1, 1),
        ))
        .build()
        .unwrap();
    let events = Events::new();
    let policy = EvaluationPolicy::without_calendar();
    let evaluation = evaluate(&obligations, &events, d(2025, 4, 1), &policy).unwrap();
    let md = ReportModel::builder(&evaluation, &registry)
        .build()
        .to_markdown();
    assert!(md.contains("| Sở Y tế \\| Health<br>line two |"), "{md}");
    assert!(!md.contains("Health\nline"));
}

#[test]
fn a_report_model_from_another_schema_or_with_a_bad_value_is_refused_precisely() {
    let err = ReportModel::from_json_str("{\"schema_version\": \"two\"}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "report model has schema version `\"two\"`; this library reads version `1`"
    );
    let good = include_str!("../data/report_min.json");
    let bad = good.replace("\"as_of\": \"2025-04-01\"", "\"as_of\": \"2025-4-1\"");
    let err = ReportModel::from_json_str(&bad).unwrap_err();
    assert!(matches!(err, ReportError::Load { .. }));
    assert_eq!(
        err.to_string(),
        "invalid report model json at line 5, column 12, `as_of`: invalid date `2025-4-1`: expected `yyyy-mm-dd`"
    );
    // With the file's name, in the form of every loader's message.
    assert_eq!(
        err.with_origin("march.json").to_string(),
        "invalid report model json in `march.json` at line 5, column 12, `as_of`: invalid date `2025-4-1`: expected `yyyy-mm-dd`"
    );
    let err = ReportModel::from_json_str(&good.replacen('{', "{,", 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid report model json at line 1, column 2: key must be a string"
    );
    let unknown = good.replacen("\"lang\": \"en\",", "\"lang\": \"en\", \"colour\": 1,", 1);
    let err = ReportModel::from_json_str(&unknown).unwrap_err();
    assert!(err.to_string().contains("unknown field `colour`"), "{err}");
}

// --- the seed letter, as in examples/track.rs ---------------------------------------

const REGISTRY: &str = include_str!("../../examples/data/thanh_hoa.toml");
const LETTER: &str = include_str!("../../examples/data/1470-CV-TU.toml");
const EVENTS: &str = include_str!("../../examples/data/1470-CV-TU.events.csv");
const CRITERIA: &str = include_str!("../../examples/data/1470-CV-TU.criteria.toml");

/// Reads the seed letter's events CSV as `examples/track.rs` does.
fn seed_events(obligations: &Obligations) -> Events {
    let mut index: HashMap<(String, String, String), ObligationId> = HashMap::new();
    for id in obligations.ids() {
        let key = obligations.key(id).unwrap();
        index.insert(
            (
                key.clause().as_str().to_owned(),
                key.body().to_string(),
                key.period().to_string(),
            ),
            id,
        );
    }
    let mut events = Events::new();
    let rows = EVENTS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1);
    for line in rows {
        let f: Vec<&str> = line.split(',').collect();
        let [task, body, period, kind, date, new_due, by, document, note] = f[..] else {
            panic!("bad line {line}");
        };
        let id = index[&(task.to_owned(), body.to_owned(), period.to_owned())];
        let date: NaiveDate = date.parse().unwrap();
        let kind = match kind {
            "submitted" => EventKind::Submitted {
                document: (!document.is_empty()).then(|| document.to_owned()),
            },
            "extended" => EventKind::Extended {
                new_due: new_due.parse().unwrap(),
                document: document.to_owned(),
            },
            "waived" => EventKind::Waived {
                by: by.to_owned(),
                reason: note.to_owned(),
            },
            other => panic!("unknown event {other}"),
        };
        events.push(Event::new(id, date, kind)).unwrap();
    }
    events
}

fn seed_model(lang: Lang) -> ReportModel {
    let registry = Registry::from_toml_str(REGISTRY).unwrap();
    let letter = Directive::from_toml_str(LETTER).unwrap();
    let calendar = WorkCalendar::vietnam().unwrap();
    let options = ExpansionOptions::new().default_regime(ReportingRegime::decree_09_half_yearly());
    let expansion = obligations_with(
        &letter,
        &registry,
        &calendar,
        Period::year(2024).unwrap(),
        &options,
    )
    .unwrap();
    let obligations = expansion.obligations();
    let events = seed_events(obligations);
    let policy = EvaluationPolicy::new(calendar);
    let evaluation = evaluate(obligations, &events, d(2025, 7, 15), &policy).unwrap();
    let criteria = Loader::new(&registry).toml(CRITERIA).unwrap();
    let assessment = criteria.assess(&evaluation, &registry).unwrap();
    ReportModel::builder(&evaluation, &registry)
        .lang(lang)
        .detail(Detail::Full)
        .grading(GradingPolicy::regulation_124_2023(), 2024)
        .criteria(&assessment)
        .build()
}

#[test]
fn the_seed_letter_report_agrees_across_formats() {
    let model = seed_model(Lang::Vi);
    let summary = model.summary();
    let by_status: u64 = Status::ALL.iter().map(|&s| summary.counts().get(s)).sum();
    assert_eq!(by_status, summary.total());
    let by_body: u64 = model.bodies().iter().map(|b| b.counts().total()).sum();
    assert_eq!(by_body, summary.total());
    let exceptions = summary.total() - summary.counts().get(Status::DoneOnTime);
    assert_eq!(model.exceptions().len() as u64, exceptions);
    assert_eq!(model.heatmap().rows().len(), model.bodies().len());
    assert_eq!(model.heatmap().periods().len(), 2);
    // Every renderer shows the same body rows.
    let text = model.to_text();
    let md = model.to_markdown();
    let csv = model.to_csv(CsvTable::Bodies, false).unwrap();
    let page = model.to_html().unwrap();
    for body in model.bodies() {
        let code = body.code().as_str();
        assert!(text.contains(code));
        assert!(md.contains(&format!("| {code} |")));
        assert!(csv.contains(&format!(",{code},")));
        assert!(page.contains(&format!("<tr data-body=\"{code}\">")));
    }
    assert_eq!(csv.lines().count(), model.bodies().len() + 1);
    let heat_csv = model.to_csv(CsvTable::Heatmap, false).unwrap();
    let cells = model
        .heatmap()
        .rows()
        .iter()
        .flat_map(|r| r.cells())
        .filter(|c| c.is_some())
        .count();
    assert_eq!(heat_csv.lines().count(), cells + 1);
    assert_eq!(
        ReportModel::from_json_str(&model.to_json().unwrap()).unwrap(),
        model
    );
}

/// Writes one line past the harness's capture, as the shared-data tests do.
fn skip(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped {test}: {why}");
}

fn chromium() -> Option<String> {
    for name in ["chromium", "chromium-browser"] {
        if Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(name.to_owned());
        }
    }
    None
}

#[test]
fn the_seed_letter_page_renders_in_a_headless_browser() {
    let Some(browser) = chromium() else {
        skip(
            "report::the_seed_letter_page_renders_in_a_headless_browser",
            "no `chromium` on the PATH (.ci/run installs it)",
        );
        return;
    };
    let model = seed_model(Lang::Vi);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-browser");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("1470-CV-TU.html");
    std::fs::write(&page, model.to_html().unwrap()).unwrap();
    let url = format!("file://{}", page.display());
    let flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--no-first-run",
    ];
    let profile = format!("--user-data-dir={}", dir.join("profile").display());
    let dom = Command::new(&browser)
        .args(flags)
        .arg(&profile)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).unwrap();
    // The browser parsed the page: the language, the body rows and the heatmap's cells.
    assert!(dom.contains("<html lang=\"vi\">"), "{dom}");
    let heat_start = dom.find("<table class=\"heat\">").expect("a heatmap table");
    let heat_end = heat_start + dom[heat_start..].find("</table>").unwrap();
    let heat = &dom[heat_start..heat_end];
    assert_eq!(
        heat.matches("<tr data-body=").count(),
        model.heatmap().rows().len()
    );
    for (row, cells) in model
        .heatmap()
        .rows()
        .iter()
        .zip(heat.split("<tr data-body=").skip(1))
    {
        assert!(cells.starts_with(&format!("\"{}\"", row.body())));
        for (cell, period) in row.cells().iter().zip(model.heatmap().periods()) {
            if let Some(cell) = cell {
                let glyph = match cell.status() {
                    Status::DoneOnTime => "✓",
                    Status::DoneLate => "◑",
                    Status::OpenWithinDeadline => "○",
                    Status::OpenOverdue => "✗",
                    Status::Waived => "⊘",
                    Status::NotApplicable => "–",
                };
                let title = format!("{} {period}: ", row.body());
                assert!(cells.contains(&title), "{cells}");
                assert!(
                    cells.contains(&format!("{glyph}{}</td>", cell.count())),
                    "{cells}"
                );
            }
        }
    }
    let bodies_start = dom.find("<table class=\"bodies\">").expect("a body table");
    let bodies = &dom[bodies_start..heat_start];
    assert_eq!(
        bodies.matches("<tr data-body=").count(),
        model.bodies().len()
    );
    let violations: usize = model.criteria().iter().map(|c| c.violations().len()).sum();
    assert!(!model.criteria().is_empty());
    assert_eq!(
        dom.matches("<details").count(),
        model.exceptions().len() + violations,
        "one <details> per exception and per criterion violated"
    );
    assert_eq!(
        dom.matches("<table class=\"criteria\">").count(),
        1,
        "a criteria table"
    );

    let shot = dir.join("1470-CV-TU.png");
    let out = Command::new(&browser)
        .args(flags)
        .arg(&profile)
        .arg("--hide-scrollbars")
        .arg("--window-size=1600,2600")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.len() > 10_000, "a screenshot of {} bytes", png.len());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let _ = writeln!(std::io::stderr(), "report screenshot: {}", shot.display());
}
