//! Expansion of a directive into obligations: a registry, a directive and a horizon built
//! from the input (as data files written from structured choices, read through the
//! loaders), expanded on the Vietnamese calendar.
//!
//! Properties:
//! - every requirement of every task and of the monitoring clause gives obligations or is
//!   listed as skipped, with a reason;
//! - no two obligations share a key, and each names a task or clause, a requirement and a
//!   body of the directive and the registry;
//! - an obligation's period meets the horizon asked for;
//! - the expansion survives JSON.
#![no_main]

use std::collections::HashSet;
use std::fmt::Write as _;

use directives::directive::Loader;
use directives::obligation::{ExpansionOptions, obligations_with};
use directives::org::Registry;
use directives::period::{Frequency, Period};
use directives::regime::ReportingRegime;
use directives_fuzz::{date_in, json_round_trip, vietnam, ymd};
use libfuzzer_sys::arbitrary::{self, Unstructured};
use libfuzzer_sys::fuzz_target;

const KINDS: [&str; 5] = [
    "party_committee",
    "peoples_committee",
    "department_or_agency",
    "fatherland_front",
    "other",
];
const LEVELS: [&str; 3] = ["province", "district", "commune"];
/// The regime presets, from the crate's one list.
const PRESETS: [&str; 5] = ReportingRegime::PRESETS;

fn date(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    Ok(date_in(u, ymd(2022, 1, 1), ymd(2027, 12, 31))?.to_string())
}

fn registry(u: &mut Unstructured<'_>, n: usize) -> arbitrary::Result<String> {
    let mut text = String::new();
    for i in 0..n {
        let _ = write!(
            text,
            "[[bodies]]\ncode = \"B{i}\"\nname = \"Body {i}\"\nkind = \"{}\"\nlevel = \"{}\"\nfrom = \"{}\"\n",
            u.choose(&KINDS)?,
            u.choose(&LEVELS)?,
            if u.ratio(3, 4)? {
                "2020-01-01".to_owned()
            } else {
                date(u)?
            },
        );
        if i > 0 && u.arbitrary()? {
            let _ = writeln!(text, "parent = \"B{}\"", u.int_in_range(0..=i - 1)?);
        }
        if u.ratio(1, 4)? {
            let _ = writeln!(text, "until = \"{}\"", date(u)?);
        }
        text.push('\n');
    }
    for _ in 0..u.int_in_range(0..=2)? {
        let body = u.int_in_range(0..=n - 1)?;
        let other = u.int_in_range(0..=n - 1)?;
        let _ = write!(
            text,
            "[[changes]]\nchange = \"dissolve\"\ndate = \"{}\"\nbody = \"B{body}\"\n",
            date(u)?
        );
        if u.arbitrary()? {
            let _ = writeln!(text, "successor = \"B{other}\"");
        }
        text.push('\n');
    }
    Ok(text)
}

fn selector(u: &mut Unstructured<'_>, n: usize, depth: u32) -> arbitrary::Result<String> {
    Ok(match u.int_in_range(0..=if depth > 1 { 4 } else { 6 })? {
        0 => format!("{{ body = \"B{}\" }}", u.int_in_range(0..=n - 1)?),
        1 => format!("{{ kind = \"{}\" }}", u.choose(&KINDS)?),
        2 => format!("{{ level = \"{}\" }}", u.choose(&LEVELS)?),
        3 => format!("{{ children_of = \"B{}\" }}", u.int_in_range(0..=n - 1)?),
        4 => format!("{{ descendants_of = \"B{}\" }}", u.int_in_range(0..=n - 1)?),
        5 => format!(
            "{{ any = [{}, {}] }}",
            selector(u, n, depth + 1)?,
            selector(u, n, depth + 1)?
        ),
        _ => format!("{{ not = {} }}", selector(u, n, depth + 1)?),
    })
}

fn due(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    Ok(match u.int_in_range(0..=2)? {
        0 => date(u)?,
        1 => format!("{} days", u.int_in_range(1..=400)?),
        _ => format!("{} months", u.int_in_range(1..=30)?),
    })
}

fn requirement(u: &mut Unstructured<'_>, n: usize) -> arbitrary::Result<String> {
    Ok(match u.int_in_range(0..=4)? {
        0 => {
            let mut r = "{ kind = \"periodic_report\"".to_owned();
            if u.arbitrary()? {
                let _ = write!(r, ", regime = \"{}\"", u.choose(&PRESETS)?);
            } else if u.arbitrary()? {
                let f = u.choose(Frequency::ALL)?;
                let _ = write!(
                    r,
                    ", frequency = {}",
                    toml::Value::try_from(f).map_err(|_| arbitrary::Error::IncorrectFormat)?
                );
            }
            if u.arbitrary()? {
                let _ = write!(r, ", to = \"B{}\"", u.int_in_range(0..=n - 1)?);
            }
            r + " }"
        }
        1 => {
            let mut r = "{ kind = \"deliverable\", what = \"a plan\"".to_owned();
            if u.ratio(3, 4)? {
                let _ = write!(r, ", due = \"{}\"", due(u)?);
            }
            r + " }"
        }
        2 => {
            let mut r = "{ kind = \"indicator\", metric = \"m\"".to_owned();
            if u.arbitrary()? {
                let _ = write!(r, ", target = {}", u.int_in_range(0..=100u32)?);
            }
            if u.ratio(3, 4)? {
                let _ = write!(r, ", by = \"{}\"", due(u)?);
            }
            r + " }"
        }
        _ => "{ kind = \"continuous\" }".to_owned(),
    })
}

fn assignments(u: &mut Unstructured<'_>, n: usize) -> arbitrary::Result<String> {
    let mut all = Vec::new();
    for _ in 0..u.int_in_range(1..=3)? {
        let role = u.choose(&["lead", "implement", "coordinate", "monitor"])?;
        all.push(if u.ratio(1, 3)? {
            format!("{{ role = \"{role}\", recipients = true }}")
        } else {
            format!("{{ role = \"{role}\", bodies = {} }}", selector(u, n, 0)?)
        });
    }
    Ok(format!("[{}]", all.join(", ")))
}

fn directive(u: &mut Unstructured<'_>, n: usize) -> arbitrary::Result<String> {
    let mut text = String::new();
    if u.ratio(3, 4)? {
        let _ = writeln!(text, "horizon = \"{}\"", u.int_in_range(2023..=2026)?);
    }
    let _ = writeln!(text, "recipients = [{}]", selector(u, n, 0)?);
    let _ = write!(
        text,
        "\n[document]\nsymbol = \"5/CT-UBND\"\nissued = \"{}\"\n",
        date_in(u, ymd(2023, 1, 1), ymd(2025, 12, 31))?
    );
    for task in 1..=u.int_in_range(1..=4)? {
        let requirements = (0..u.int_in_range(0..=3)?)
            .map(|_| requirement(u, n))
            .collect::<arbitrary::Result<Vec<_>>>()?;
        let _ = write!(
            text,
            "\n[[tasks]]\nnumber = \"{task}\"\ntitle = \"Task {task}\"\nassignments = {}\nrequirements = [{}]\n",
            assignments(u, n)?,
            requirements.join(", ")
        );
    }
    if u.ratio(1, 3)? {
        let _ = write!(
            text,
            "\n[monitoring]\ntext = \"report\"\nassignments = {}\nrequirements = [{}]\n",
            assignments(u, n)?,
            requirement(u, n)?
        );
    }
    Ok(text)
}

fn horizon(u: &mut Unstructured<'_>) -> arbitrary::Result<Period> {
    let day = date_in(u, ymd(2023, 1, 1), ymd(2026, 12, 31))?;
    let frequency = *u.choose(Frequency::ALL)?;
    Period::containing(day, frequency).ok_or(arbitrary::Error::IncorrectFormat)
}

fn run(data: &[u8]) -> arbitrary::Result<()> {
    let mut u = Unstructured::new(data);
    let n = u.int_in_range(1..=8)?;
    let registry_text = registry(&mut u, n)?;
    let directive_text = directive(&mut u, n)?;
    let horizon = horizon(&mut u)?;
    let options = if u.arbitrary()? {
        ExpansionOptions::new()
    } else {
        let preset = *u.choose(&PRESETS)?;
        ExpansionOptions::new().default_regime(ReportingRegime::preset(preset).expect("a preset"))
    };
    let Ok(registry) = Registry::from_toml_str(&registry_text) else {
        return Ok(());
    };
    let directive = match Loader::new().toml(&directive_text) {
        Ok(directive) => directive,
        Err(e) => {
            directives_fuzz::bounded_message(&e);
            return Ok(());
        }
    };
    let expansion = match obligations_with(&directive, &registry, vietnam(), horizon, &options) {
        Ok(expansion) => expansion,
        Err(e) => {
            directives_fuzz::bounded_message(&e);
            return Ok(());
        }
    };
    let store = expansion.obligations();
    let mut keys = HashSet::new();
    let mut owed = HashSet::new();
    for id in store.ids() {
        let obligation = store.get(id).expect("an id of the store");
        let key = obligation.key().clone();
        assert!(registry.id(key.body()).is_some(), "{key}: unknown body");
        assert!(
            key.period().start() <= horizon.end() && horizon.start() <= key.period().end(),
            "{key} is outside {horizon}"
        );
        owed.insert((key.clause().clone(), key.requirement()));
        assert!(keys.insert(key.clone()), "{key} twice");
    }
    let clauses = directive
        .clauses()
        .map(|t| (t.clause().clone(), t.requirements()));
    for (clause, requirements) in clauses {
        for (i, _) in requirements.iter().enumerate() {
            let index = directives::obligation::RequirementIndex::new(
                u32::try_from(i).expect("a few requirements"),
            );
            let skipped = expansion
                .skipped()
                .iter()
                .any(|s| s.clause() == &clause && s.requirement() == index);
            assert!(
                owed.contains(&(clause.clone(), index)) || skipped,
                "{clause}, requirement {}: no obligation and no reason\n{directive_text}\n{registry_text}",
                index.number()
            );
        }
    }
    json_round_trip(&expansion);
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
