//! Who holds a 2024 obligation in 2026? Loads the Thanh Hóa registry, selects the bodies
//! that task 10 of letter 1470-CV/TU (2024-02-22) addresses — party groups and district
//! party committees — and prints, for each, the body that holds its obligations on a
//! later date, with the chain of changes and how sure each change is (its provenance:
//! a successor that is a choice of the data is marked unverified).
//!
//! ```sh
//! cargo run --example succession -- 2026-01-01
//! ```

#[cfg(feature = "serde")]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    use chrono::NaiveDate;
    use directives::org::{BodyKind, Change, Level, Registry, Selector};

    let registry = Registry::from_toml_str(include_str!("data/thanh_hoa.toml"))?;
    let issued = NaiveDate::from_ymd_opt(2024, 2, 22).ok_or("date")?;
    let on: NaiveDate = match std::env::args().nth(1) {
        Some(text) => text.parse()?,
        None => NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?,
    };

    let addressees = Selector::Kind(BodyKind::PartyDelegation)
        | Selector::Kind(BodyKind::PartyCivilAffairsCommittee)
        | (Selector::Kind(BodyKind::PartyCommittee) & Selector::Level(Level::District));
    let name = |id, date| {
        registry
            .name_on(id, date)
            .map_or_else(String::new, |n| n.name(directives::Lang::Vi).to_owned())
    };

    for id in registry.select(&addressees, issued)? {
        let original = name(id, issued);
        match registry.succession_on(id, on) {
            Some(succession) if succession.steps().is_empty() => {
                println!("{original}: still active on {on}");
            }
            Some(succession) => {
                let chain: Vec<String> = succession
                    .steps()
                    .iter()
                    .map(|step| {
                        // The change that ended the body, and how sure it is.
                        let code = registry.code(step.from());
                        let certainty = registry
                            .changes()
                            .iter()
                            .find(|c| {
                                c.date() == step.date()
                                    && match c {
                                        Change::Dissolve { body, .. }
                                        | Change::Split { body, .. } => Some(body) == code,
                                        Change::Merge { bodies, .. } => {
                                            code.is_some_and(|b| bodies.contains(b))
                                        }
                                        _ => false,
                                    }
                            })
                            .and_then(Change::provenance)
                            .map_or("no provenance".to_owned(), |p| p.certainty().to_string());
                        format!(
                            "{} {} → {} ({certainty})",
                            step.date(),
                            step.change(),
                            name(step.to(), step.date())
                        )
                    })
                    .collect();
                println!("{original}: {}", chain.join("; "));
            }
            None => println!("{original}: no successor on {on}"),
        }
    }
    Ok(())
}

#[cfg(not(feature = "serde"))]
fn main() {
    eprintln!("this example reads TOML: build it with the `serde` feature");
}
