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
//! echo '{"schema_version": 1, "call": "calls"}' | directives call
//! ```
//!
//! A bad input ends the program with status 1 and one line per problem on standard
//! error, naming the file, the line and the value; a bad command line ends it with
//! status 2.

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use directives::compliance::Status;
use directives::wire::{Answer, Context, Format, Input, Outcome, Request, Success};
use serde_json::{Value, json};

/// Track what official directives ask of which bodies, by when, and whether they did it.
#[derive(Debug, Parser)]
#[command(name = "directives", version, about)]
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
        /// The event log (`.json` or `.toml`, records naming obligations by reference).
        #[arg(long, value_name = "FILE")]
        events: Option<String>,
        /// The date of the verdicts (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        as_of: String,
        /// Calendar days of grace after a deadline.
        #[arg(long, value_name = "DAYS", default_value_t = 0)]
        grace_days: u32,
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
        /// The event log (`.json` or `.toml`, records naming obligations by reference).
        #[arg(long, value_name = "FILE")]
        events: Option<String>,
        /// The date of the verdicts (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        as_of: String,
        /// Calendar days of grace after a deadline.
        #[arg(long, value_name = "DAYS", default_value_t = 0)]
        grace_days: u32,
        #[command(flatten)]
        out: Out,
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
        /// The regime preset: decree_09_monthly, decree_09_quarterly,
        /// decree_09_half_yearly, decree_09_nine_monthly, decree_09_yearly.
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
    #[arg(long, value_name = "PRESET")]
    regime: Option<String>,
    /// A regime preset for periodic reports that state its frequency but no regime
    /// (repeatable).
    #[arg(long, value_name = "PRESET")]
    regime_for: Vec<String>,
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

/// An error that ends the program: the lines to print, and the status.
struct Exit {
    lines: Vec<String>,
    code: u8,
}

impl Exit {
    fn input(line: impl Into<String>) -> Exit {
        Exit {
            lines: vec![line.into()],
            code: 1,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(exit) => {
            let mut stderr = std::io::stderr().lock();
            for line in exit.lines {
                let _ = writeln!(stderr, "error: {line}");
            }
            ExitCode::from(exit.code)
        }
    }
}

fn run(cli: &Cli) -> Result<(), Exit> {
    let context = Context::new().map_err(|f| Exit::input(f.to_string()))?;
    if let Command::Call = cli.command {
        let mut request = String::new();
        std::io::stdin()
            .read_to_string(&mut request)
            .map_err(|e| Exit::input(format!("cannot read standard input: {e}")))?;
        let answer = context.answer_json(&request);
        let mut text = answer.to_json();
        text.push('\n');
        write_out(cli.output.as_deref(), &text)?;
        return if answer.is_success() {
            Ok(())
        } else {
            Err(Exit {
                lines: Vec::new(),
                code: 1,
            })
        };
    }
    let (call, out) = request(&cli.command)?;
    let request = Request::from_json(&call.to_string()).map_err(|failure| Exit {
        lines: failure
            .errors
            .iter()
            .map(|e| format!("{}: {}", flag(&e.path), e.message))
            .collect(),
        code: 1,
    })?;
    let answer = context.answer(&request);
    let success = match answer {
        Answer::Success(success) => success,
        Answer::Failure(failure) => {
            return Err(Exit {
                lines: failure
                    .errors
                    .iter()
                    .map(|e| line(&e.path, &e.message))
                    .collect(),
                code: 1,
            });
        }
    };
    let text = if out.format == "json" {
        let mut text = Answer::Success(success.clone()).to_json_pretty();
        text.push('\n');
        text
    } else {
        let mut stderr = std::io::stderr().lock();
        for warning in &success.warnings {
            let _ = writeln!(stderr, "warning: {}", warning.message);
        }
        render(&success, &cli.command)
    };
    write_out(cli.output.as_deref(), &text)
}

/// The option or argument a path of the call comes from.
fn flag(path: &str) -> String {
    let name = path.split(['.', '[']).next().unwrap_or(path);
    match name {
        "" => "command line".to_owned(),
        "anchor" | "term" | "regime" | "from" | "to" => format!("`{}`", name.to_uppercase()),
        "default_regime" => "`--regime`".to_owned(),
        "regimes" => "`--regime-for`".to_owned(),
        other => format!("`--{}`", other.replace('_', "-")),
    }
}

/// One line for an error of an answer: an input's error names its file itself.
fn line(path: &str, message: &str) -> String {
    match path {
        "directive" | "registry" | "events" | "criteria" | "" => message.to_owned(),
        _ => format!("{}: {message}", flag(path)),
    }
}

fn write_out(output: Option<&str>, text: &str) -> Result<(), Exit> {
    match output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| Exit::input(format!("cannot write `{path}`: {e}"))),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| Exit::input(format!("cannot write to standard output: {e}")))
        }
    }
}

/// A file as an input of a call, its format told by its extension.
fn input(path: &str) -> Result<Value, Exit> {
    let format = Format::from_path(path).ok_or_else(|| {
        Exit::input(format!(
            "`{path}`: cannot tell the format from the file name: expected `.toml` or `.json`"
        ))
    })?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| Exit::input(format!("cannot read `{path}`: {e}")))?;
    serde_json::to_value(Input::text(format, text).named(path))
        .map_err(|e| Exit::input(format!("`{path}`: {e}")))
}

/// The JSON call a command makes, and its output options.
fn request(command: &Command) -> Result<(Value, &Out), Exit> {
    let expansion_fields = |e: &Expansion, call: &mut Value| {
        call["horizon"] = json!(e.horizon);
        if let Some(regime) = &e.regime {
            call["default_regime"] = json!(regime);
        }
        if !e.regime_for.is_empty() {
            call["regimes"] = json!(e.regime_for);
        }
    };
    Ok(match command {
        Command::Lint { inputs, out } => (
            json!({"schema_version": 1, "call": "lint", "lang": out.lang,
                   "directive": input(&inputs.directive)?, "registry": input(&inputs.registry)?}),
            out,
        ),
        Command::Expand {
            inputs,
            expansion,
            out,
        } => {
            let mut call = json!({"schema_version": 1, "call": "expand",
                   "directive": input(&inputs.directive)?, "registry": input(&inputs.registry)?});
            expansion_fields(expansion, &mut call);
            (call, out)
        }
        Command::Evaluate {
            inputs,
            expansion,
            events,
            as_of,
            grace_days,
            out,
            ..
        } => {
            let mut call = json!({"schema_version": 1, "call": "evaluate", "lang": out.lang,
                   "as_of": as_of, "grace_days": grace_days,
                   "directive": input(&inputs.directive)?, "registry": input(&inputs.registry)?});
            if let Some(events) = events {
                call["events"] = input(events)?;
            }
            expansion_fields(expansion, &mut call);
            (call, out)
        }
        Command::Assess {
            inputs,
            expansion,
            criteria,
            events,
            as_of,
            grace_days,
            out,
        } => {
            let mut call = json!({"schema_version": 1, "call": "assess", "lang": out.lang,
                   "as_of": as_of, "grace_days": grace_days, "criteria": input(criteria)?,
                   "directive": input(&inputs.directive)?, "registry": input(&inputs.registry)?});
            if let Some(events) = events {
                call["events"] = input(events)?;
            }
            expansion_fields(expansion, &mut call);
            (call, out)
        }
        Command::Deadline { anchor, term, out } => (
            json!({"schema_version": 1, "call": "deadline", "anchor": anchor, "term": term, "lang": out.lang}),
            out,
        ),
        Command::Schedule {
            regime,
            from,
            to,
            out,
        } => (
            json!({"schema_version": 1, "call": "schedule", "regime": regime, "from": from, "to": to}),
            out,
        ),
        Command::Call => return Err(Exit::input("`call` reads its call from standard input")),
    })
}

/// The `--lang` of a command.
fn out_lang(command: &Command) -> &str {
    match command {
        Command::Lint { out, .. }
        | Command::Expand { out, .. }
        | Command::Evaluate { out, .. }
        | Command::Assess { out, .. }
        | Command::Deadline { out, .. }
        | Command::Schedule { out, .. } => &out.lang,
        Command::Call => "vi",
    }
}

/// Text for people.
fn render(success: &Success, command: &Command) -> String {
    let mut s = String::new();
    match &success.outcome {
        Outcome::Lint(lint) => {
            let _ = writeln!(s, "{}: {} lints", lint.directive, lint.lints.len());
            for l in &lint.lints {
                let _ = writeln!(s, "{} {} {}: {}", l.severity, l.code, l.place, l.message);
            }
        }
        Outcome::Expand(expand) => {
            let _ = writeln!(s, "{} obligations", expand.obligations.len());
            for o in &expand.obligations {
                let _ = write!(s, "{}  due {}", o.reference, o.due);
                if o.holder != o.body {
                    let _ = write!(s, "  held by {}", o.holder);
                }
                s.push('\n');
            }
            for k in &expand.skipped {
                let _ = writeln!(
                    s,
                    "skipped: clause {}, requirement {}: {}",
                    k.clause, k.requirement, k.message
                );
            }
        }
        Outcome::Evaluate(evaluate) => {
            let all = matches!(command, Command::Evaluate { all: true, .. });
            let c = &evaluate.counts;
            let _ = writeln!(s, "as of {}: {} obligations", evaluate.as_of, c.total);
            let lang: directives::Lang = out_lang(command).parse().unwrap_or_default();
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
                let _ = writeln!(s, "note: {d}");
            }
        }
        Outcome::Assess(assess) => {
            let _ = writeln!(s, "as of {}: {}", assess.as_of, assess.verdict);
            for c in &assess.criteria {
                let g = &c.groups;
                let _ = writeln!(
                    s,
                    "{} {} ({}): {}; groups: {} satisfied, {} violated, {} indeterminate, {} not applicable",
                    c.verdict,
                    c.id,
                    c.provision,
                    c.title,
                    g.satisfied,
                    g.violated,
                    g.indeterminate,
                    g.not_applicable
                );
            }
            for line in &assess.lines {
                let _ = writeln!(s, "{line}");
            }
        }
        Outcome::Deadline(d) => {
            let _ = writeln!(s, "{} from {}: {}", d.term, d.anchor, d.end);
            if d.nominal_end != d.end {
                let _ = writeln!(
                    s,
                    "  the term's last day {} is not a working day",
                    d.nominal_end
                );
            }
            for day in &d.skipped {
                let _ = write!(s, "  skipped {}: {}", day.date, day.description);
                if let Some(c) = &day.certainty {
                    let _ = write!(s, " ({c})");
                }
                s.push('\n');
            }
            for p in &d.provisions {
                let _ = writeln!(s, "  applies {p}");
            }
        }
        Outcome::Schedule(schedule) => {
            let _ = writeln!(s, "{}", schedule.regime);
            for p in &schedule.periods {
                let _ = writeln!(
                    s,
                    "{:<10} figures {} to {}, due {}",
                    p.period, p.window_start, p.window_end, p.due
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
    s
}
