//! Computes a deadline from an anchor date and a term, and explains it.
//!
//! Demonstrates the Vietnamese state-agency calendar (`WorkCalendar::vietnam`), terms in
//! English or Vietnamese (`Term`), and the explanation of a term's end (`Term::explain`):
//! which days were skipped (weekly rest days, holidays with their names, scheduled and
//! compensatory days off), which provisions of the Civil Code 2015 applied, where each day
//! off comes from (its provenance), and a note when the result rests on a day off that no
//! primary text confirms.
//!
//! ```sh
//! cargo run --example deadline -- 2024-02-06 "10 working days"
//! cargo run --example deadline -- 2025-01-31 "1 tháng" --lang vi
//! cargo run --example deadline -- 2026-08-27 "3 working days"
//! ```

use std::process::ExitCode;

use chrono::{Datelike, NaiveDate, Weekday};
use directives::calendar::{Term, WorkCalendar};
use directives::provenance::{Certainty, Provenance};

const USAGE: &str = "usage: deadline <anchor YYYY-MM-DD> <term> [--lang vi|en]
  term: `10 working days`, `1 month`, `2 weeks`, `30 days`, `1 year`,
        `10 ngày làm việc`, `1 tháng`, `2 tuần`, `30 ngày`, `1 năm`";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Vi,
    En,
}

struct Args {
    anchor: NaiveDate,
    term: Term,
    lang: Lang,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut lang = Lang::En;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--lang" => {
                lang = match iter.next().map(String::as_str) {
                    Some("vi") => Lang::Vi,
                    Some("en") => Lang::En,
                    Some(other) => return Err(format!("unknown language `{other}`")),
                    None => return Err("`--lang` needs `vi` or `en`".to_owned()),
                }
            }
            "-h" | "--help" => return Err("help requested".to_owned()),
            _ => positional.push(arg),
        }
    }
    let [anchor, term] = positional.as_slice() else {
        return Err(format!(
            "expected 2 arguments (anchor date and term), got {}",
            positional.len()
        ));
    };
    let anchor = NaiveDate::parse_from_str(anchor, "%Y-%m-%d")
        .map_err(|e| format!("invalid anchor date `{anchor}`: {e}"))?;
    let term = term.parse::<Term>().map_err(|e| e.to_string())?;
    Ok(Args { anchor, term, lang })
}

fn run(args: &Args) -> Result<String, directives::Error> {
    use std::fmt::Write as _;

    let cal = WorkCalendar::vietnam()?;
    let end = args.term.explain(args.anchor, &cal)?;
    let vi = args.lang == Lang::Vi;
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = if vi {
        writeln!(
            out,
            "Ngày mốc: {} ({})\nThời hạn: {}\nHạn cuối: {} ({}), hết 24 giờ (khoản 6 Điều 148 Bộ luật Dân sự 2015)",
            end.anchor(),
            weekday_vi(end.anchor().weekday()),
            end.term().sentence(directives::Lang::Vi),
            end.end(),
            weekday_vi(end.end().weekday()),
        )
    } else {
        writeln!(
            out,
            "Anchor:   {} ({})\nTerm:     {}\nDeadline: {} ({}), end of day (Civil Code 2015 art. 148.6)",
            end.anchor(),
            end.anchor().weekday(),
            end.term(),
            end.end(),
            end.end().weekday(),
        )
    };
    let provisions = if vi {
        end.provisions()
            .iter()
            .map(|p| provision_vi(p))
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        end.provisions().join("; ")
    };
    let _ = if vi {
        writeln!(out, "Căn cứ:   {provisions}")
    } else {
        writeln!(out, "Rules:    {provisions}")
    };
    if end.nominal_end() != end.end() {
        let _ = if vi {
            writeln!(
                out,
                "Ngày cuối {} không phải ngày làm việc: chuyển sang ngày làm việc tiếp theo (khoản 5 Điều 148)",
                end.nominal_end()
            )
        } else {
            writeln!(
                out,
                "The last day {} is not a working day: moved to the next working day (art. 148.5)",
                end.nominal_end()
            )
        };
    }
    let skipped = end.skipped();
    let _ = match (skipped.is_empty(), vi) {
        (true, true) => writeln!(out, "Không bỏ qua ngày nào."),
        (true, false) => writeln!(out, "No days skipped."),
        (false, true) => writeln!(out, "Bỏ qua {} ngày:", skipped.len()),
        (false, false) => writeln!(out, "Skipped {} days:", skipped.len()),
    };
    for day in skipped {
        let (weekday, why) = if vi {
            (
                weekday_vi(day.date().weekday()).to_owned(),
                day.kind().sentence(directives::Lang::Vi),
            )
        } else {
            (
                day.date().weekday().to_string(),
                day.kind().sentence(directives::Lang::En),
            )
        };
        let _ = writeln!(out, "  {} {weekday:<9} {why}", day.date());
    }
    let provenances: Vec<Provenance> = skipped
        .iter()
        .filter_map(|d| d.kind().provenance())
        .collect();
    let mut sources: Vec<String> = provenances.iter().map(|p| provenance_text(p, vi)).collect();
    sources.sort_unstable();
    sources.dedup();
    if !sources.is_empty() {
        let _ = writeln!(out, "{}", if vi { "Nguồn:" } else { "Sources:" });
        for source in sources {
            let _ = writeln!(out, "  {source}");
        }
    }
    if !end.skipped_below(Certainty::Verified).is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if vi {
                "Lưu ý: kết quả dựa trên ngày nghỉ chưa được đối chiếu với văn bản gốc."
            } else {
                "Note: the result rests on a day off no primary text confirms."
            }
        );
    }
    Ok(out)
}

/// `verified: Labour Code 2019 art. 112.1(a)`, or in Vietnamese `đã kiểm chứng: …`.
fn provenance_text(p: &Provenance, vi: bool) -> String {
    let label = if vi {
        p.certainty().label(directives::Lang::Vi)
    } else {
        p.certainty().label(directives::Lang::En)
    };
    let text = p
        .citation()
        .or(p.assumption())
        .map_or_else(|| p.sources().join("; "), str::to_owned);
    format!("{label}: {text}")
}

/// `Civil Code 2015 art. 148.5` → `khoản 5 Điều 148 Bộ luật Dân sự 2015`.
fn provision_vi(provision: &str) -> String {
    let Some(clause) = provision.strip_prefix("Civil Code 2015 art. ") else {
        return provision.to_owned();
    };
    match clause.split_once('.') {
        Some((article, item)) => format!("khoản {item} Điều {article} Bộ luật Dân sự 2015"),
        None => format!("Điều {clause} Bộ luật Dân sự 2015"),
    }
}

fn weekday_vi(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ Nhật",
    }
}
