//! `directives`: the command-line program. It reads a user's registry, directive and
//! event files, asks the library through the JSON contract (`directives::wire`), and
//! writes text for people or the contract's JSON answer.
//!
//! ```sh
//! directives lint examples/data/1470-CV-TU.toml --registry examples/data/thanh_hoa.toml
//! directives assess examples/data/1470-CV-TU.toml --registry examples/data/thanh_hoa.toml \
//!     --criteria examples/data/1470-CV-TU.criteria.toml --horizon 2024 --as-of 2025-01-15 \
//!     --regime decree_09_half_yearly
//! directives deadline 2024-02-06 "10 working days"
//! directives report examples/data/1470-CV-TU.toml --registry examples/data/thanh_hoa.toml \
//!     --events tests/cli/data/seed.events.csv --horizon 2024 --as-of 2025-01-15 \
//!     --regime decree_09_half_yearly --format html --output report.html
//! directives test tests/scenarios
//! echo '{"schema_version": 1, "call": "calls"}' | directives call
//! ```
//!
//! Exit status: 0 when all is well; 1 when a lint has error severity or a scenario
//! fails; 2 for a bad input (one line per problem on standard error, naming the file,
//! the line and the value) or a bad command line.

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, Parser, Subcommand};
use directives::Lang;
use directives::calendar::Term;
use directives::compliance::Status;
use directives::criteria::Verdict;
use directives::directive::Severity;
use directives::org::{BodyKind, Level};
use directives::provenance::Certainty;
use directives::regime::ReportingRegime;
use directives::scenario;
use directives::wire::{Answer, Context, Format, Input, Outcome, Request, Success};
use serde_json::{Value, json};

/// Track what official directives ask of which bodies, by when, and whether they did it.
#[derive(Debug, Parser)]
#[command(
    name = "directives",
    version,
    about,
    after_help = "Exit status: 0 all is well; 1 a lint has error severity or a scenario \
                  fails; 2 a bad input (named by file, line and value) or a bad command line."
)]
struct Cli {
    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o', global = true, value_name = "FILE")]
    output: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint a directive against a registry: what its text leaves open or gets wrong.
    Lint {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        out: Out,
    },
    /// Expand a directive into the obligations each body owes over a horizon.
    Expand {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        expansion: Expansion,
        #[command(flatten)]
        out: Out,
    },
    /// Evaluate a directive's obligations against events as of a date.
    Evaluate {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        expansion: Expansion,
        #[command(flatten)]
        evaluation: Evaluation,
        /// List every finding, not only those other than done on time.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        out: Out,
    },
    /// Judge an evaluation against compliance criteria.
    Assess {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        expansion: Expansion,
        /// The criteria (`.toml` or `.json`).
        #[arg(long, value_name = "FILE")]
        criteria: String,
        #[command(flatten)]
        evaluation: Evaluation,
        #[command(flatten)]
        out: Out,
    },
    /// Write the report people read on an evaluation: a terminal table, Markdown, CSV,
    /// JSON (the report model) or one HTML page.
    Report {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        expansion: Expansion,
        #[command(flatten)]
        evaluation: Evaluation,
        /// Criteria (`.toml` or `.json`) whose results join the report.
        #[arg(long, value_name = "FILE")]
        criteria: Option<String>,
        /// The previous period's report (`--format json` output), to show each body's
        /// change.
        #[arg(long, value_name = "FILE")]
        previous: Option<String>,
        /// How the report is written.
        #[arg(long, value_name = "FORMAT", default_value = "text",
              value_parser = ["text", "md", "csv", "json", "html"])]
        format: String,
        /// The language of the report.
        #[arg(long, value_name = "LANG", default_value = "vi", value_parser = ["vi", "en"])]
        lang: String,
        /// How much it lists.
        #[arg(long, value_name = "DETAIL", default_value = "management",
              value_parser = ["summary", "management", "full"])]
        detail: String,
        /// Only bodies of this level (repeatable).
        #[arg(long, value_name = "LEVEL",
              value_parser = names(Level::ALL.iter().map(|l| l.as_str())))]
        level: Vec<String>,
        /// Only bodies of this kind (repeatable).
        #[arg(long, value_name = "KIND",
              value_parser = names(BodyKind::ALL.iter().map(|k| k.as_str())))]
        kind: Vec<String>,
        /// Only obligations with this status (repeatable).
        #[arg(long, value_name = "STATUS", value_parser = names(Status::ALL.map(Status::as_str)))]
        status: Vec<String>,
        /// Only obligations of this directive, by key: `1470-CV/TU@2024-02-22`
        /// (repeatable).
        #[arg(long = "directive", id = "directive_key", value_name = "KEY")]
        directive_key: Vec<String>,
        /// With `--format csv`, the table written.
        #[arg(long, value_name = "TABLE", default_value = "bodies",
              value_parser = ["bodies", "exceptions", "heatmap", "criteria"])]
        table: String,
        /// With `--format csv`, start with a UTF-8 byte-order mark (for Excel).
        #[arg(long)]
        bom: bool,
    },
    /// Run scenario files (`*.scenario.toml`, in folders and their subfolders) and print
    /// the test summary; exit status 1 when one fails.
    Test {
        /// Scenario files or folders of them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<String>,
        /// Write each variant's golden text from its current result (read the
        /// difference before you keep it).
        #[arg(long)]
        bless: bool,
    },
    /// The end of a term from an anchor date, with each day off skipped.
    Deadline {
        /// The anchor date (YYYY-MM-DD).
        anchor: String,
        /// The term: `10 working days`, `1 month`, `30 ngày`, …
        term: String,
        #[command(flatten)]
        out: Out,
    },
    /// A reporting regime's periods, data windows and due dates between two dates.
    Schedule {
        /// The regime preset.
        #[arg(value_name = "PRESET", value_parser = regime_presets())]
        regime: String,
        /// The first day (YYYY-MM-DD).
        from: String,
        /// The last day (YYYY-MM-DD).
        to: String,
        #[command(flatten)]
        out: Out,
    },
    /// Answer one JSON call read from standard input with one JSON answer.
    Call,
}

#[derive(Debug, Args)]
struct Inputs {
    /// The directive (`.toml` or `.json`).
    directive: String,
    /// The registry of bodies (`.toml` or `.json`).
    #[arg(long, value_name = "FILE")]
    registry: String,
}

#[derive(Debug, Args)]
struct Expansion {
    /// The horizon: `2024`, `2024-H1`, `2024-Q3`, `2024-09`, …
    #[arg(long, value_name = "PERIOD")]
    horizon: String,
    /// The regime preset for periodic reports that state no frequency and no regime.
    #[arg(long, value_name = "PRESET", value_parser = regime_presets())]
    regime: Option<String>,
    /// A regime preset for periodic reports that state a frequency but no regime
    /// (repeatable).
    #[arg(long, value_name = "PRESET", value_parser = regime_presets())]
    regime_for: Vec<String>,
}

#[derive(Debug, Args)]
struct Evaluation {
    /// The event log: `.csv`, `.json` or `.toml`, rows naming obligations by reference
    /// (or by clause, body and period).
    #[arg(long, value_name = "FILE")]
    events: Option<String>,
    /// The date of the verdicts (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: String,
    /// Calendar days of grace after a deadline.
    #[arg(long, value_name = "DAYS", default_value_t = 0)]
    grace_days: u32,
}

#[derive(Debug, Args)]
struct Out {
    /// `text` for people, or `json` for the contract's answer.
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
    format: String,
    /// The language of messages and explanations.
    #[arg(long, value_name = "LANG", default_value = "vi", value_parser = ["vi", "en"])]
    lang: String,
}

/// The regime presets a command line accepts: the names of
/// [`ReportingRegime::PRESETS`], each with the regime's name as its help.
fn regime_presets() -> PossibleValuesParser {
    PossibleValuesParser::new(ReportingRegime::PRESETS.map(|name| {
        let value = PossibleValue::new(name);
        match ReportingRegime::preset(name) {
            Some(regime) => value.help(regime.name().to_owned()),
            None => value,
        }
    }))
}

/// The names a command line accepts for an option, from the library's list of them.
fn names(names: impl IntoIterator<Item = &'static str>) -> PossibleValuesParser {
    PossibleValuesParser::new(names)
}

/// The exit status of a check that did not pass: a lint of error severity, a failed
/// scenario.
const FAILED: u8 = 1;
/// The exit status of a bad input (clap uses the same for a bad command line).
const BAD_INPUT: u8 = 2;

/// An error that ends the program: the lines to print, and the status.
struct Exit {
    lines: Vec<String>,
    code: u8,
}

impl Exit {
    fn input(line: impl Into<String>) -> Exit {
        Exit {
            lines: vec![line.into()],
            code: BAD_INPUT,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(exit) => {
            let mut stderr = std::io::stderr().lock();
            let error = lang_of(&cli.command).pick("lỗi", "error");
            for line in exit.lines {
                let _ = writeln!(stderr, "{error}: {line}");
            }
            ExitCode::from(exit.code)
        }
    }
}

fn run(cli: &Cli) -> Result<(), Exit> {
    let lang = lang_of(&cli.command);
    if let Command::Test { paths, bless } = &cli.command {
        return test(cli.output.as_deref(), paths, *bless);
    }
    let context = Context::new().map_err(|f| Exit::input(f.to_string()))?;
    if let Command::Call = cli.command {
        let mut request = String::new();
        std::io::stdin().read_to_string(&mut request).map_err(|e| {
            Exit::input(match lang {
                Lang::Vi => format!("không đọc được đầu vào chuẩn: {e}"),
                Lang::En => format!("cannot read standard input: {e}"),
            })
        })?;
        let answer = context.answer_json(&request);
        let mut text = answer.to_json();
        text.push('\n');
        write_out(cli.output.as_deref(), &text, lang)?;
        return if answer.is_success() {
            Ok(())
        } else {
            Err(Exit {
                lines: Vec::new(),
                code: BAD_INPUT,
            })
        };
    }
    let call = request(&cli.command, lang)?;
    let request = Request::from_json(&call.to_string()).map_err(|failure| Exit {
        lines: failure
            .errors
            .iter()
            .map(|e| format!("{}: {}", flag(&e.path, lang), e.message))
            .collect(),
        code: BAD_INPUT,
    })?;
    let answer = context.answer(&request);
    let success = match answer {
        Answer::Success(success) => success,
        Answer::Failure(failure) => {
            return Err(Exit {
                lines: failure
                    .errors
                    .iter()
                    .map(|e| line(&e.path, &e.message, lang))
                    .collect(),
                code: BAD_INPUT,
            });
        }
    };
    let json = matches!(&cli.command, Command::Lint { out, .. }
        | Command::Expand { out, .. }
        | Command::Evaluate { out, .. }
        | Command::Assess { out, .. }
        | Command::Deadline { out, .. }
        | Command::Schedule { out, .. } if out.format == "json");
    let text = if json {
        let mut text = Answer::Success(success.clone()).to_json_pretty();
        text.push('\n');
        text
    } else {
        let mut stderr = std::io::stderr().lock();
        for warning in &success.warnings {
            let _ = writeln!(
                stderr,
                "{}: {}",
                lang.pick("cảnh báo", "warning"),
                warning.message
            );
        }
        render(&success, &cli.command)?
    };
    write_out(cli.output.as_deref(), &text, lang)?;
    // Lints of error severity fail the check, after the lints are written.
    if let Outcome::Lint(lint) = &success.outcome {
        let errors = lint
            .lints
            .iter()
            .filter(|l| l.severity == Severity::Error)
            .count();
        if errors > 0 {
            return Err(Exit {
                lines: vec![match lang {
                    Lang::Vi => format!("{}: {errors} điểm ở mức lỗi", lint.directive),
                    Lang::En => format!(
                        "{}: {errors} {} of error severity",
                        lint.directive,
                        if errors == 1 { "lint" } else { "lints" }
                    ),
                }],
                code: FAILED,
            });
        }
    }
    Ok(())
}

/// The option or argument a path of the call comes from.
fn flag(path: &str, lang: Lang) -> String {
    let mut parts = path.split(['.', '[']);
    let name = parts.next().unwrap_or(path);
    match name {
        "" => lang.pick("dòng lệnh", "command line").to_owned(),
        "anchor" | "term" | "regime" | "from" | "to" => format!("`{}`", name.to_uppercase()),
        "default_regime" => "`--regime`".to_owned(),
        "regimes" => "`--regime-for`".to_owned(),
        "byte_order_mark" => "`--bom`".to_owned(),
        "filter" => match parts.next() {
            Some("levels") => "`--level`".to_owned(),
            Some("kinds") => "`--kind`".to_owned(),
            Some("statuses") => "`--status`".to_owned(),
            Some("directives") => "`--directive`".to_owned(),
            _ => lang.pick("bộ lọc", "a filter").to_owned(),
        },
        other => format!("`--{}`", other.replace('_', "-")),
    }
}

/// One line for an error of an answer: an input's error names its file itself.
fn line(path: &str, message: &str, lang: Lang) -> String {
    match path {
        "directive" | "registry" | "events" | "criteria" | "previous" | "" => message.to_owned(),
        _ => format!("{}: {message}", flag(path, lang)),
    }
}

fn write_out(output: Option<&str>, text: &str, lang: Lang) -> Result<(), Exit> {
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            Exit::input(match lang {
                Lang::Vi => format!("không ghi được tệp `{path}`: {e}"),
                Lang::En => format!("cannot write `{path}`: {e}"),
            })
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| {
                    Exit::input(match lang {
                        Lang::Vi => format!("không ghi được ra đầu ra chuẩn: {e}"),
                        Lang::En => format!("cannot write to standard output: {e}"),
                    })
                })
        }
    }
}

/// A file as an input of a call, its format told by its extension: `.toml` or `.json`,
/// and for an event log also `.csv`.
fn input(path: &str, events: bool, lang: Lang) -> Result<Value, Exit> {
    let expected = match (events, lang) {
        (true, Lang::Vi) => "`.csv`, `.json` hoặc `.toml`",
        (true, Lang::En) => "`.csv`, `.json` or `.toml`",
        (false, Lang::Vi) => "`.toml` hoặc `.json`",
        (false, Lang::En) => "`.toml` or `.json`",
    };
    let format = Format::from_path(path)
        .filter(|f| events || *f != Format::Csv)
        .ok_or_else(|| {
            Exit::input(match lang {
                Lang::Vi => format!(
                    "`{path}`: không nhận ra định dạng từ tên tệp: cần tệp có đuôi {expected}"
                ),
                Lang::En => format!(
                    "`{path}`: cannot tell the format from the file name: expected {expected}"
                ),
            })
        })?;
    let text = std::fs::read_to_string(path).map_err(|e| {
        Exit::input(match lang {
            Lang::Vi => format!("không đọc được tệp `{path}`: {e}"),
            Lang::En => format!("cannot read `{path}`: {e}"),
        })
    })?;
    serde_json::to_value(Input::text(format, text).named(path))
        .map_err(|e| Exit::input(format!("`{path}`: {e}")))
}

/// The JSON call a command makes.
fn request(command: &Command, lang: Lang) -> Result<Value, Exit> {
    let inputs_fields = |i: &Inputs| -> Result<Value, Exit> {
        Ok(json!({"schema_version": 1,
                  "directive": input(&i.directive, false, lang)?,
                  "registry": input(&i.registry, false, lang)?}))
    };
    let expansion_fields = |e: &Expansion, call: &mut Value| {
        call["horizon"] = json!(e.horizon);
        if let Some(regime) = &e.regime {
            call["default_regime"] = json!(regime);
        }
        if !e.regime_for.is_empty() {
            call["regimes"] = json!(e.regime_for);
        }
    };
    let evaluation_fields = |e: &Evaluation, call: &mut Value| -> Result<(), Exit> {
        call["as_of"] = json!(e.as_of);
        call["grace_days"] = json!(e.grace_days);
        if let Some(events) = &e.events {
            call["events"] = input(events, true, lang)?;
        }
        Ok(())
    };
    Ok(match command {
        Command::Lint { inputs, out } => {
            let mut call = inputs_fields(inputs)?;
            call["call"] = json!("lint");
            call["lang"] = json!(out.lang);
            call
        }
        Command::Expand {
            inputs,
            expansion,
            out,
        } => {
            let mut call = inputs_fields(inputs)?;
            call["call"] = json!("expand");
            call["lang"] = json!(out.lang);
            expansion_fields(expansion, &mut call);
            call
        }
        Command::Evaluate {
            inputs,
            expansion,
            evaluation,
            out,
            ..
        } => {
            let mut call = inputs_fields(inputs)?;
            call["call"] = json!("evaluate");
            call["lang"] = json!(out.lang);
            expansion_fields(expansion, &mut call);
            evaluation_fields(evaluation, &mut call)?;
            call
        }
        Command::Assess {
            inputs,
            expansion,
            criteria,
            evaluation,
            out,
        } => {
            let mut call = inputs_fields(inputs)?;
            call["call"] = json!("assess");
            call["lang"] = json!(out.lang);
            call["criteria"] = input(criteria, false, lang)?;
            expansion_fields(expansion, &mut call);
            evaluation_fields(evaluation, &mut call)?;
            call
        }
        Command::Report {
            inputs,
            expansion,
            evaluation,
            criteria,
            previous,
            format,
            lang: report_lang,
            detail,
            level,
            kind,
            status,
            directive_key,
            table,
            bom,
        } => {
            let mut call = inputs_fields(inputs)?;
            call["call"] = json!("report");
            call["lang"] = json!(report_lang);
            call["format"] = json!(format);
            call["detail"] = json!(detail);
            // A key `SYMBOL@DATE` as the contract writes it: its symbol and issue date.
            let directives: Vec<Value> = directive_key
                .iter()
                .map(|key| match key.rsplit_once('@') {
                    Some((symbol, issued)) => Ok(json!({"symbol": symbol, "issued": issued})),
                    None => Err(Exit::input(match lang {
                        Lang::Vi => format!(
                            "`--directive`: `{key}` không phải là khóa của văn bản: cần viết \
                             `SỐ-KÝ-HIỆU@YYYY-MM-DD`, chẳng hạn `1470-CV/TU@2024-02-22`"
                        ),
                        Lang::En => format!(
                            "`--directive`: `{key}` is not a directive's key: expected \
                             `SYMBOL@YYYY-MM-DD`, such as `1470-CV/TU@2024-02-22`"
                        ),
                    })),
                })
                .collect::<Result<_, _>>()?;
            call["filter"] = json!({"levels": level, "kinds": kind, "statuses": status,
                                    "directives": directives});
            call["table"] = json!(table);
            call["byte_order_mark"] = json!(bom);
            if let Some(criteria) = criteria {
                call["criteria"] = input(criteria, false, lang)?;
            }
            if let Some(previous) = previous {
                call["previous"] = input(previous, false, lang)?;
            }
            expansion_fields(expansion, &mut call);
            evaluation_fields(evaluation, &mut call)?;
            call
        }
        Command::Deadline { anchor, term, out } => {
            json!({"schema_version": 1, "call": "deadline", "anchor": anchor, "term": term, "lang": out.lang})
        }
        Command::Schedule {
            regime,
            from,
            to,
            out,
        } => {
            json!({"schema_version": 1, "call": "schedule", "regime": regime, "from": from, "to": to, "lang": out.lang})
        }
        Command::Call | Command::Test { .. } => {
            return Err(Exit::input(
                lang.pick("lệnh này không gọi thư viện", "this command makes no call"),
            ));
        }
    })
}

/// Runs scenario files and folders and prints the test summary.
fn test(output: Option<&str>, paths: &[String], bless: bool) -> Result<(), Exit> {
    let mut outcomes = Vec::new();
    for path in paths {
        let found = if std::path::Path::new(path).is_dir() {
            scenario::run_dir(path)
        } else if std::path::Path::new(path).is_file() {
            scenario::run_file(path)
        } else {
            return Err(Exit::input(format!(
                "`{path}`: no such scenario file or folder"
            )));
        };
        outcomes.extend(found.map_err(|e| Exit::input(e.to_string()))?);
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\nrunning {} test{}",
        outcomes.len(),
        if outcomes.len() == 1 { "" } else { "s" }
    );
    let mut failures = Vec::new();
    for outcome in &outcomes {
        let name = format!("{}::{}", outcome.file().display(), outcome.variant());
        if bless {
            outcome.bless().map_err(|e| Exit::input(e.to_string()))?;
        }
        // Blessing rewrites the golden text, so only the expectations can fail.
        let passed = if bless {
            outcome.mismatches().all(|c| c.path().starts_with("golden"))
        } else {
            outcome.passed()
        };
        let _ = writeln!(
            s,
            "test {name} ... {}",
            if passed { "ok" } else { "FAILED" }
        );
        if !passed {
            failures.push((name, outcome));
        }
    }
    if !failures.is_empty() {
        let _ = writeln!(s, "\nfailures:");
        for (name, outcome) in &failures {
            let _ = writeln!(s, "\n---- {name} ----");
            for mismatch in outcome.mismatches() {
                if bless && mismatch.path().starts_with("golden") {
                    continue;
                }
                let _ = writeln!(s, "{mismatch}");
            }
        }
        let _ = writeln!(s, "\nfailures:");
        for (name, _) in &failures {
            let _ = writeln!(s, "    {name}");
        }
    }
    let _ = writeln!(
        s,
        "\ntest result: {}. {} passed; {} failed",
        if failures.is_empty() { "ok" } else { "FAILED" },
        outcomes.len() - failures.len(),
        failures.len()
    );
    write_out(output, &s, Lang::En)?;
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Exit {
            lines: Vec::new(),
            code: FAILED,
        })
    }
}

/// The language of a command's text and errors: its `--lang`; Vietnamese for `call`
/// (whose answer carries its own), English for `test`, whose summary is a test
/// runner's.
fn lang_of(command: &Command) -> Lang {
    let lang = match command {
        Command::Lint { out, .. }
        | Command::Expand { out, .. }
        | Command::Evaluate { out, .. }
        | Command::Assess { out, .. }
        | Command::Deadline { out, .. }
        | Command::Schedule { out, .. } => &out.lang,
        Command::Report { lang, .. } => lang,
        Command::Call => "vi",
        Command::Test { .. } => "en",
    };
    lang.parse().unwrap_or_default()
}

/// A date as people of the language write it: `15/07/2025` in Vietnamese (as the
/// explanations and reports write it), `2025-07-15` in English.
fn day(date: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => date.format("%d/%m/%Y").to_string(),
        Lang::En => date.to_string(),
    }
}

/// A clause of an expansion's skipped requirement (`10`, `monitoring`) in words.
fn clause(clause: &str, lang: Lang) -> String {
    match (clause, lang) {
        ("monitoring", Lang::Vi) => "nội dung theo dõi, đôn đốc".to_owned(),
        ("monitoring", Lang::En) => "monitoring clause".to_owned(),
        (task, _) => format!("{} {task}", lang.pick("nhiệm vụ", "task")),
    }
}

/// A certainty code of the contract (`corroborated`) in words of the language.
fn certainty(code: &str, lang: Lang) -> String {
    serde_json::from_value::<Certainty>(Value::String(code.to_owned()))
        .map_or_else(|_| code.to_owned(), |c| c.label(lang).to_owned())
}

/// Text for people.
fn render(success: &Success, command: &Command) -> Result<String, Exit> {
    let lang = lang_of(command);
    let mut s = String::new();
    match &success.outcome {
        Outcome::Report(report) => {
            return match (&report.text, &report.model) {
                (Some(text), _) => Ok(text.clone()),
                (None, Some(model)) => model
                    .to_json_pretty()
                    .map(|mut text| {
                        text.push('\n');
                        text
                    })
                    .map_err(|e| Exit::input(e.to_string())),
                (None, None) => Ok(String::new()),
            };
        }
        Outcome::Lint(lint) => {
            let _ = writeln!(
                s,
                "{}: {} {}",
                lint.directive,
                lint.lints.len(),
                lang.pick("điểm cần xem lại", "lints")
            );
            for l in &lint.lints {
                let _ = writeln!(
                    s,
                    "{} {} {}: {}",
                    l.severity.label(lang),
                    l.code,
                    l.place,
                    l.message
                );
            }
        }
        Outcome::Expand(expand) => {
            let _ = writeln!(
                s,
                "{} {}",
                expand.obligations.len(),
                lang.pick("nghĩa vụ", "obligations")
            );
            for o in &expand.obligations {
                let _ = write!(
                    s,
                    "{}  {} {}",
                    o.reference,
                    lang.pick("hạn", "due"),
                    day(o.due, lang)
                );
                if o.holder != o.body {
                    let _ = write!(s, "  {} {}", lang.pick("nay do", "held by"), o.holder);
                }
                s.push('\n');
            }
            for k in &expand.skipped {
                let _ = writeln!(
                    s,
                    "{}: {}, {} {}: {}",
                    lang.pick("bỏ qua", "skipped"),
                    clause(&k.clause, lang),
                    lang.pick("yêu cầu", "requirement"),
                    k.requirement,
                    k.message
                );
            }
        }
        Outcome::Evaluate(evaluate) => {
            let all = matches!(command, Command::Evaluate { all: true, .. });
            let c = &evaluate.counts;
            let _ = writeln!(
                s,
                "{} {}: {} {}",
                lang.pick("tính đến ngày", "as of"),
                day(evaluate.as_of, lang),
                c.total,
                lang.pick("nghĩa vụ", "obligations")
            );
            let counts = [
                c.done_on_time,
                c.done_late,
                c.open_within_deadline,
                c.open_overdue,
                c.waived,
                c.not_applicable,
            ];
            for (status, n) in Status::ALL.into_iter().zip(counts) {
                let label = status.label(lang);
                let _ = writeln!(s, "  {label:<26}{n:>6}");
            }
            for f in &evaluate.findings {
                if !all && f.status == Status::DoneOnTime {
                    continue;
                }
                let _ = writeln!(s, "{}: {}", f.obligation, f.label);
                let _ = writeln!(s, "    {}", f.explanation);
            }
            for d in &evaluate.diagnostics {
                let _ = writeln!(s, "{}: {d}", lang.pick("lưu ý", "note"));
            }
        }
        Outcome::Assess(assess) => {
            let _ = writeln!(
                s,
                "{} {}: {}",
                lang.pick("tính đến ngày", "as of"),
                day(assess.as_of, lang),
                assess.verdict.label(lang)
            );
            for c in &assess.criteria {
                let g = &c.groups;
                let _ = writeln!(
                    s,
                    "{} {} ({}): {}; {}: {} {}, {} {}, {} {}, {} {}",
                    c.verdict.label(lang),
                    c.id,
                    c.provision,
                    c.title,
                    lang.pick("nhóm", "groups"),
                    g.satisfied,
                    Verdict::Satisfied.label(lang),
                    g.violated,
                    Verdict::Violated.label(lang),
                    g.indeterminate,
                    Verdict::Indeterminate.label(lang),
                    g.not_applicable,
                    Verdict::NotApplicable.label(lang),
                );
            }
            for line in &assess.lines {
                let _ = writeln!(s, "{line}");
            }
        }
        Outcome::Deadline(d) => {
            let _ = writeln!(
                s,
                "{} {} {}: {}",
                d.term
                    .parse::<Term>()
                    .map_or_else(|_| d.term.clone(), |t| t.sentence(lang)),
                lang.pick("kể từ", "from"),
                day(d.anchor, lang),
                day(d.end, lang)
            );
            if d.nominal_end != d.end {
                let _ = writeln!(
                    s,
                    "  {}",
                    match lang {
                        Lang::Vi => format!(
                            "ngày cuối cùng của thời hạn {} không phải ngày làm việc",
                            day(d.nominal_end, lang)
                        ),
                        Lang::En => format!(
                            "the term's last day {} is not a working day",
                            day(d.nominal_end, lang)
                        ),
                    }
                );
            }
            for skipped in &d.skipped {
                let _ = write!(
                    s,
                    "  {} {}: {}",
                    lang.pick("bỏ qua", "skipped"),
                    day(skipped.date, lang),
                    skipped.description
                );
                if let Some(c) = &skipped.certainty {
                    let _ = write!(s, " ({})", certainty(c, lang));
                }
                s.push('\n');
            }
            for p in &d.provisions {
                let _ = writeln!(s, "  {} {p}", lang.pick("áp dụng", "applies"));
            }
        }
        Outcome::Schedule(schedule) => {
            let _ = writeln!(s, "{}", schedule.regime);
            for p in &schedule.periods {
                let _ = writeln!(
                    s,
                    "{:<10} {} {} {} {}, {} {}",
                    p.period,
                    lang.pick("số liệu từ", "figures"),
                    day(p.window_start, lang),
                    lang.pick("đến", "to"),
                    day(p.window_end, lang),
                    lang.pick("hạn", "due"),
                    day(p.due, lang)
                );
            }
        }
        other => {
            let _ = writeln!(
                s,
                "{}",
                serde_json::to_string_pretty(other).unwrap_or_default()
            );
        }
    }
    Ok(s)
}
