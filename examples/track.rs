//! Tracks letter 1470-CV/TU of the Thanh Hóa Provincial Party Committee (2024-02-22) from
//! its text to a verdict for every body that owes a report.
//!
//! The steps a tracking tool takes, each with the crate's types:
//!
//! 1. load the province's bodies (`org::Registry`) and the letter (`directive::Directive`)
//!    and lint the letter: it asks for reports "periodically" with no frequency or deadline;
//! 2. choose a reporting regime for those reports — here the half-year regime of Decree
//!    09/2019/NĐ-CP, an explicit choice the letter does not make — and expand the letter
//!    into obligations (`obligation::obligations_with`), listing what gives none;
//! 3. attach what happened (`compliance::Events`, read from a CSV of illustrative events);
//! 4. evaluate as of a date (`compliance::evaluate`) with the state-agency calendar, and
//!    explain every verdict that is not "done on time", naming who holds an obligation now
//!    when its body was dissolved in the 2025 reorganisation;
//! 5. grade each body for the assessment year 2024 under the rules in force for it
//!    (`compliance::StatusCounts`, `GradingPolicy`): Regulation 124-QĐ/TW for the bodies
//!    of the Party, the Front and the mass organisations, Decree 90/2020/NĐ-CP as amended by
//!    Decree 48/2023/NĐ-CP for state bodies (graded as one civil servant: an analogy), on
//!    timeliness only, with what each grade leaves unchecked; and show that Decree
//!    335/2025/NĐ-CP, not yet in force for 2024, is refused with a diagnostic.
//!
//! ```sh
//! cargo run --example track                # as of 2025-07-15
//! cargo run --example track -- 2024-07-01  # as of another date
//! ```

use std::collections::HashMap;
use std::error::Error;
use std::process::ExitCode;

use chrono::NaiveDate;
use directives::calendar::WorkCalendar;
use directives::compliance::{
    EvaluationPolicy, Event, EventKind, Events, Grade, GradingDiagnostic, GradingPolicy, Status,
    StatusCounts, evaluate, rank,
};
use directives::directive::{Directive, LintCode};
use directives::obligation::{ExpansionOptions, ObligationId, Obligations, obligations_with};
use directives::org::{BodyId, BodyKind, Change, Registry};
use directives::period::Period;
use directives::regime::{LegalForce, RegimeScope, ReportingRegime};

const REGISTRY: &str = "examples/data/thanh_hoa.toml";
const LETTER: &str = "examples/data/1470-CV-TU.toml";
const EVENTS: &str = "examples/data/1470-CV-TU.events.csv";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!("usage: track [AS_OF as YYYY-MM-DD]");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let as_of = match std::env::args().nth(1) {
        Some(arg) => NaiveDate::parse_from_str(&arg, "%Y-%m-%d")
            .map_err(|e| format!("invalid as-of date `{arg}`: {e}"))?,
        None => NaiveDate::from_ymd_opt(2025, 7, 15).ok_or("invalid default date")?,
    };
    let registry = Registry::from_toml_str(&read(REGISTRY)?)?;
    println!(
        "Registry {REGISTRY}: {} bodies; partial at commune level and for the party \
         delegations (6 of the 8 of 2024 are missing), as its header says",
        registry.len()
    );
    let letter = Directive::from_toml_str(&read(LETTER)?)?;
    let calendar = WorkCalendar::vietnam()?;
    let name = |id: BodyId, on: NaiveDate| -> String {
        registry
            .name_on(id, on)
            .or_else(|| registry.body(id).map(|b| b.names()))
            .map_or_else(
                || format!("{id:?}"),
                |n| n.name(directives::Lang::Vi).to_owned(),
            )
    };

    // 1. The letter and what it leaves open.
    println!(
        "{} of {} — {}",
        letter.document().symbol(),
        letter.issued(),
        letter.document().title()
    );
    let lints = letter.lint(&registry, &calendar)?;
    let open_reports = lints
        .iter()
        .filter(|l| {
            matches!(
                l.code(),
                LintCode::ReportWithoutFrequency | LintCode::ReportWithoutDeadline
            )
        })
        .count();
    println!(
        "{} lints; {open_reports} say a periodic report states no frequency or no deadline",
        lints.len()
    );

    // 2. Obligations under an explicitly chosen regime.
    let regime = ReportingRegime::decree_09_half_yearly();
    println!(
        "\nRegime chosen for \"report periodically\": {}",
        regime.name()
    );
    let options = ExpansionOptions::new().default_regime(regime);
    let expansion = obligations_with(&letter, &registry, &calendar, Period::year(2024)?, &options)?;
    let obligations = expansion.obligations();
    println!(
        "{} obligations in 2024; {} requirements give none:",
        obligations.len(),
        expansion.skipped().len()
    );
    for skipped in expansion.skipped() {
        println!("  - {skipped}");
    }

    // 3. Events.
    let events = read_events(&read(EVENTS)?, obligations, &registry)?;
    println!("\n{} events read from {EVENTS}", events.len());

    // 4. Evaluation as of a date.
    let policy = EvaluationPolicy::new(calendar.clone());
    let evaluation = evaluate(obligations, &events, as_of, &policy)?;
    println!("\nAs of {as_of}:");
    for status in [
        Status::DoneOnTime,
        Status::DoneLate,
        Status::OpenWithinDeadline,
        Status::OpenOverdue,
        Status::Waived,
        Status::NotApplicable,
    ] {
        let n = evaluation
            .statuses()
            .iter()
            .filter(|&&s| s == status)
            .count();
        if n > 0 {
            println!(
                "  {:<24} {:<26} {n:>3}",
                status.label(directives::Lang::En),
                status.label(directives::Lang::Vi)
            );
        }
    }
    println!("\nEvery verdict other than a plain \"done on time\", and why:");
    let how = RegimeScope::StateAdministration.force(letter.document().symbol().system());
    if how == LegalForce::ByAnalogy {
        println!(
            "(Decision 42/2014/QĐ-TTg and Decree 09/2019/NĐ-CP govern state bodies; for this \
             Party letter they apply {how})"
        );
    }
    for finding in evaluation.findings() {
        let explanation = finding.explanation();
        if finding.status() == Status::DoneOnTime && explanation.notes().is_empty() {
            continue;
        }
        let key = finding.obligation();
        let body = registry
            .id(finding.body())
            .ok_or("a finding names a body the registry does not know")?;
        let mut line = format!(
            "- {} · {} · {}: {} (due {}",
            name(body, finding.original_due()),
            key.clause(),
            key.period(),
            finding.status().label(directives::Lang::En),
            finding.original_due(),
        );
        if finding.effective_due() != finding.original_due() {
            line += &format!(", deadline {}", finding.effective_due());
        }
        let late = finding.lateness();
        if late.calendar_days() > 0 {
            line += &format!(
                ", {} days late, {} working days",
                late.calendar_days(),
                late.working_days()
                    .map_or("?".to_owned(), |d| d.to_string())
            );
        }
        println!("{line})");
        println!("    because: {explanation}");
        if let Some(event) = finding.deciding_event() {
            match event.kind() {
                EventKind::Waived { by, reason } => {
                    println!("    waived on {} by {by}: {reason}", event.date());
                }
                EventKind::Submitted { document } => println!(
                    "    submitted on {}{}",
                    event.date(),
                    document
                        .as_ref()
                        .map_or(String::new(), |d| format!(" as {d}"))
                ),
                _ => {}
            }
        }
        let open = matches!(
            finding.status(),
            Status::OpenOverdue | Status::OpenWithinDeadline
        );
        if open
            && !registry.is_active_on(body, as_of)
            && let Some(holder) = registry.succession_on(body, as_of)
        {
            let steps: Vec<String> = holder
                .steps()
                .iter()
                .map(|s| format!("{} on {}", s.change(), s.date()))
                .collect();
            println!(
                "    {} no longer exists on {as_of}; its successor is {} ({})",
                name(body, finding.original_due()),
                name(holder.body(), as_of),
                steps.join(", then ")
            );
            // Say when a successor is a choice of the data rather than a fact.
            for step in holder.steps() {
                let Some(code) = registry.code(step.from()) else {
                    continue;
                };
                let change = registry.changes().iter().find(|c| {
                    c.date() == step.date()
                        && match c {
                            Change::Dissolve { body, .. } | Change::Split { body, .. } => {
                                body == code
                            }
                            Change::Merge { bodies, .. } => bodies.contains(code),
                            _ => false,
                        }
                });
                if let Some(assumption) = change
                    .and_then(Change::provenance)
                    .and_then(|p| p.assumption())
                {
                    println!("    unverified ({code}, {}): {assumption}", step.date());
                }
            }
        }
    }
    for diagnostic in evaluation.diagnostics() {
        println!("note: {diagnostic}");
    }

    // 5. Grades for the assessment year 2024, under the rules in force for it.
    let year = 2024;
    let cards = StatusCounts::by_body(&evaluation);
    let state = |id: BodyId| {
        registry.body(id).is_some_and(|b| {
            matches!(
                b.kind(),
                BodyKind::PeoplesCommittee
                    | BodyKind::PeoplesCouncil
                    | BodyKind::DepartmentOrAgency
                    | BodyKind::PublicServiceUnit
                    | BodyKind::PressAgency
            )
        })
    };
    let (state_cards, political_cards): (Vec<_>, Vec<_>) =
        cards.into_iter().partition(|(id, _)| state(*id));
    for (label, policy, group) in [
        (
            "bodies of the Party, the Front and the mass organisations",
            GradingPolicy::regulation_124_2023(),
            &political_cards,
        ),
        (
            "state bodies, each graded as one civil servant (an analogy)",
            GradingPolicy::decree_90_2020_as_amended(),
            &state_cards,
        ),
    ] {
        let ranking = rank(group, &policy, year);
        let mut by_grade: std::collections::BTreeMap<Grade, usize> = Default::default();
        for ranked in ranking.ranked() {
            *by_grade.entry(ranked.grade).or_default() += 1;
        }
        println!(
            "\nGrades {year}, {label}, under {} (timeliness only):",
            policy.name()
        );
        if ranking.ranked().is_empty() {
            println!("  none of them owes an obligation due in {year}");
        }
        for (grade, n) in by_grade.iter().rev() {
            println!("  {:<15} {n:>3} bodies", grade.label(directives::Lang::En));
            for condition in policy.conditions_not_applied(*grade) {
                println!("    not checked: {condition}");
            }
        }
        if let Some(last) = ranking.ranked().last() {
            println!(
                "  lowest: {} — timeliness index {:.1}, {}",
                name(last.body, letter.issued()),
                last.timeliness_index,
                last.grade.label(directives::Lang::Vi)
            );
            if let Some((_, counts)) = group.iter().find(|(id, _)| *id == last.body) {
                let assessment = policy.assess(year, counts);
                let notes = assessment
                    .diagnostics()
                    .iter()
                    .filter(|d| !matches!(d, GradingDiagnostic::ConditionNotChecked { .. }));
                for note in notes {
                    println!("  note: {note}");
                }
            }
        }
    }
    let later = GradingPolicy::decree_335_2025_timeliness();
    let ranking = rank(&state_cards, &later, year);
    if let Some(refusal) = ranking.diagnostics().first() {
        println!("\nGrading {year} under a later rule: {refusal}");
    }
    Ok(())
}

fn read(path: &str) -> Result<String, Box<dyn Error>> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}").into())
}

/// Reads the events CSV: `task,body,period,event,date,new_due,by,document,note`, where a
/// line names its obligation by clause (a task number or `monitoring`), body code and
/// period. An event for an obligation that does not exist is an error naming the line.
fn read_events(
    text: &str,
    obligations: &Obligations,
    registry: &Registry,
) -> Result<Events, Box<dyn Error>> {
    let mut index: HashMap<(String, String, String), ObligationId> = HashMap::new();
    for id in obligations.ids() {
        let obligation = obligations.get(id).ok_or("the store lost an obligation")?;
        let key = obligation.key();
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
    let rows = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1);
    for (n, line) in rows {
        let at = |what: String| format!("{EVENTS}:{}: {what}", n + 1);
        let fields: Vec<&str> = line.split(',').collect();
        let [task, body, period, kind, date, new_due, by, document, note] = fields[..] else {
            return Err(at(format!("expected 9 fields, found {}", fields.len())).into());
        };
        registry
            .id(body)
            .ok_or_else(|| at(format!("unknown body `{body}`")))?;
        let obligation = *index
            .get(&(task.to_owned(), body.to_owned(), period.to_owned()))
            .ok_or_else(|| at(format!("no obligation for `{task}`, `{body}`, `{period}`")))?;
        let date = parse_date(date).map_err(&at)?;
        let kind = match kind {
            "submitted" => EventKind::Submitted {
                document: (!document.is_empty()).then(|| document.to_owned()),
            },
            "extended" => EventKind::Extended {
                new_due: parse_date(new_due).map_err(&at)?,
                document: document.to_owned(),
            },
            "waived" => EventKind::Waived {
                by: by.to_owned(),
                reason: note.to_owned(),
            },
            other => return Err(at(format!("unknown event `{other}`")).into()),
        };
        events
            .push(Event::new(obligation, date, kind))
            .map_err(|e| at(e.to_string()))?;
    }
    Ok(events)
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| format!("invalid date `{text}`: {e}"))
}
