//! Peak memory of loading a large directive or registry, as a multiple of the file's size.
//!
//! Writes a directive of n tasks (each with a title, a text, an assignment and a
//! deliverable), or a registry of n bodies (each with a name, an English name, a kind, a
//! level, a start and a parent), as TOML or JSON, then loads it with limits raised to fit;
//! run the load under `/usr/bin/time -v` and divide "Maximum resident set size" by the
//! file's size:
//!
//! ```text
//! cargo run --release --example load_memory -- generate toml 100000 /tmp/d.toml
//! /usr/bin/time -v cargo run --release --example load_memory -- load toml /tmp/d.toml
//! cargo run --release --example load_memory -- generate-registry toml 100000 /tmp/r.toml
//! /usr/bin/time -v cargo run --release --example load_memory -- load-registry toml /tmp/r.toml
//! ```
//!
//! (or run the built binary from `target/release/examples/` directly, so that cargo's own
//! memory is not counted). `baseline` loads nothing, for the process's own footprint.

use std::fmt::Write as _;

use directives::directive::{Directive, Loader};
use directives::org::Registry;

/// A registry of `n` bodies: a province's People's Committee and `n - 1` bodies under it
/// or under one another.
fn registry_toml(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let _ = write!(
            text,
            "[[bodies]]\ncode = \"P-{i}\"\nname = \"Cơ quan số {i} của tỉnh\"\nname_en = \"Body number {i} of the province\"\nkind = \"department_or_agency\"\nlevel = \"province\"\nfrom = \"2020-01-01\"\n"
        );
        if i > 0 {
            let _ = writeln!(text, "parent = \"P-{}\"", (i - 1) / 8);
        }
        text.push('\n');
    }
    text
}

fn toml_text(n: usize) -> String {
    let mut text = String::from(
        "theme = \"Chuyển đổi số\"\nrecipients = [{ kind = \"department_or_agency\" }]\n\n[document]\nsymbol = \"15/KH-UBND\"\nissued = \"2024-01-10\"\n",
    );
    for i in 1..=n {
        let _ = write!(
            text,
            "\n[[tasks]]\nnumber = \"{i}\"\ntitle = \"Nhiệm vụ số {i} của kế hoạch\"\ntext = \"Các sở, ban, ngành tổ chức thực hiện nhiệm vụ {i}\"\nassignments = [{{ role = \"lead\", recipients = true }}]\nrequirements = [{{ kind = \"deliverable\", what = \"báo cáo kết quả {i}\", due = \"30 days\" }}]\n"
        );
    }
    text
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: load_memory generate|generate-registry toml|json N PATH | load|load-registry toml|json PATH | baseline";
    let unlimited = directives::Limits::new()
        .with(directives::Limit::Tasks, usize::MAX)
        .with(directives::Limit::Bodies, usize::MAX)
        .with(directives::Limit::Bytes, usize::MAX);
    let registry_loader = directives::org::Loader::new().limits(unlimited);
    let loader = Loader::new().limits(unlimited);
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate", format, n, path] => {
            let toml = toml_text(n.parse()?);
            let text = match *format {
                "toml" => toml,
                "json" => loader.toml(&toml)?.to_json_string()?,
                _ => return Err(usage.into()),
            };
            std::fs::write(path, &text)?;
            println!("wrote {} bytes to {path}", text.len());
        }
        ["load", format, path] => {
            let text = std::fs::read_to_string(path)?;
            let loader = loader.origin(*path);
            let directive: Directive = match *format {
                "toml" => loader.toml(&text)?,
                "json" => loader.json(&text)?,
                _ => return Err(usage.into()),
            };
            println!(
                "loaded {} tasks from {} bytes",
                directive.tasks().len(),
                text.len()
            );
        }
        ["generate-registry", format, n, path] => {
            let toml = registry_toml(n.parse()?);
            let text = match *format {
                "toml" => toml,
                "json" => registry_loader.toml(&toml)?.to_json_string()?,
                _ => return Err(usage.into()),
            };
            std::fs::write(path, &text)?;
            println!("wrote {} bytes to {path}", text.len());
        }
        ["load-registry", format, path] => {
            let text = std::fs::read_to_string(path)?;
            let loader = registry_loader.origin(*path);
            let registry: Registry = match *format {
                "toml" => loader.toml(&text)?,
                "json" => loader.json(&text)?,
                _ => return Err(usage.into()),
            };
            println!("loaded {} bodies from {} bytes", registry.len(), text.len());
        }
        ["baseline"] => println!("nothing loaded"),
        _ => return Err(usage.into()),
    }
    Ok(())
}
