//! Event logs from files: one row model for CSV, JSON and TOML, the errors it gives, the
//! CSV writer and the round trip through it.

use chrono::NaiveDate;
use directives::compliance::{
    ComplianceError, Event, EventId, EventKind, EventLoader, EventProblem, Events,
};
use directives::directive::{DirectiveKey, TaskNumber};
use directives::document::DocSymbol;
use directives::obligation::{
    Obligation, ObligationId, ObligationKey, Obligations, RequirementIndex,
};
use directives::org::BodyCode;
use directives::period::Period;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const LETTER: &str = "1470-CV/TU@2024-02-22";

fn key(clause: &str, requirement: u32, body: &str, period: &str) -> ObligationKey {
    ObligationKey::new(
        DirectiveKey::new(DocSymbol::parse("1470-CV/TU").unwrap(), d(2024, 2, 22)),
        clause.parse::<directives::directive::Clause>().unwrap(),
        RequirementIndex::new(requirement),
        BodyCode::new(body).unwrap(),
        period.parse::<Period>().unwrap(),
    )
}

/// Task 10 (one requirement) for two bodies and two half-years, the monitoring clause,
/// and task 3 with two requirements for one body.
fn store() -> Obligations {
    let mut store = Obligations::new();
    for body in ["TH-HU-NGA-SON", "TH-HU-MUONG-LAT"] {
        for (period, due) in [("2024-H1", d(2024, 6, 25)), ("2024-H2", d(2024, 12, 25))] {
            store
                .push(Obligation::new(key("10", 0, body, period), due))
                .unwrap();
        }
    }
    store
        .push(Obligation::new(
            key("monitoring", 0, "TH-TU-BDV", "2024-H1"),
            d(2024, 7, 10),
        ))
        .unwrap();
    for requirement in 0..2 {
        store
            .push(Obligation::new(
                key("3", requirement, "TH-TU-BDV", "2024"),
                d(2024, 12, 31),
            ))
            .unwrap();
    }
    store
}

const CSV: &str = "\
# Events of letter 1470-CV/TU (illustrative)
clause,body,period,kind,date,recorded,new_due,document,by,reason
10,TH-HU-NGA-SON,2024-H1,submitted,2024-06-14,,,114-BC/HU,,
10,TH-HU-MUONG-LAT,2024-H1,extended,2024-06-21,2024-06-24,2024-07-05,1612-CV/TU,,

# a blank line above, a comment here
10,TH-HU-MUONG-LAT,2024-H2,waived,2024-12-10,,,,TH-TU-BTV,\"reported jointly, with the \"\"year\"\" report\"
monitoring,TH-TU-BDV,2024-H1,completed,2024-07-10,,,,,
";

#[test]
fn csv_rows_name_obligations_by_place() {
    let store = store();
    let events = EventLoader::new(&store)
        .origin("events.csv")
        .csv(CSV)
        .unwrap();
    assert_eq!(events.len(), 4);
    let event = |i: u32| events.get(EventId::from_index(i)).unwrap();
    let id = |k: &ObligationKey| store.find(k).unwrap();
    assert_eq!(
        event(0),
        Event::new(
            id(&key("10", 0, "TH-HU-NGA-SON", "2024-H1")),
            d(2024, 6, 14),
            EventKind::Submitted {
                document: Some("114-BC/HU".to_owned())
            }
        )
    );
    assert_eq!(
        event(1),
        Event::extended(
            id(&key("10", 0, "TH-HU-MUONG-LAT", "2024-H1")),
            d(2024, 6, 21),
            d(2024, 7, 5),
            "1612-CV/TU"
        )
        .recorded_on(d(2024, 6, 24))
    );
    assert_eq!(
        event(2).kind(),
        &EventKind::Waived {
            by: "TH-TU-BTV".to_owned(),
            reason: "reported jointly, with the \"year\" report".to_owned()
        }
    );
    assert_eq!(
        event(3).obligation(),
        id(&key("monitoring", 0, "TH-TU-BDV", "2024-H1"))
    );
    // Each event keeps its file line: comments and blank lines count.
    let lines: Vec<Option<u32>> = (0..4)
        .map(|i| events.line(EventId::from_index(i)))
        .collect();
    assert_eq!(lines, [Some(3), Some(4), Some(7), Some(8)]);
    // The same with Windows line ends.
    let crlf = EventLoader::new(&store)
        .csv(&CSV.replace('\n', "\r\n"))
        .unwrap();
    let crlf_lines: Vec<Option<u32>> = (0..4).map(|i| crlf.line(EventId::from_index(i))).collect();
    assert_eq!(crlf_lines, lines);
    assert_eq!(
        crlf.get(EventId::from_index(2)),
        events.get(EventId::from_index(2))
    );
}

#[test]
fn csv_rows_name_obligations_by_reference_in_any_column_order() {
    let store = store();
    let text = format!(
        "date,kind,obligation,value\n2024-06-14,completed,{LETTER}/10.1/TH-HU-NGA-SON/2024-H1,\n\
         2024-12-30,indicator_value,{LETTER}/3.2/TH-TU-BDV/2024,62.5\n"
    );
    let events = EventLoader::new(&store).csv(&text).unwrap();
    assert_eq!(
        events.get(EventId::from_index(1)),
        Some(Event::new(
            store.find(&key("3", 1, "TH-TU-BDV", "2024")).unwrap(),
            d(2024, 12, 30),
            EventKind::IndicatorValue { value: 62.5 }
        ))
    );
    // The same from any reader, and through `Events::from_csv_str`.
    let from_reader = EventLoader::new(&store).read_csv(text.as_bytes()).unwrap();
    let from_str = Events::from_csv_str(&text, &store).unwrap();
    for other in [&from_reader, &from_str] {
        assert_eq!(other.len(), 2);
        for i in 0..2 {
            assert_eq!(
                other.get(EventId::from_index(i)),
                events.get(EventId::from_index(i))
            );
        }
    }
}

/// A store of 60 bodies × 12 months × 2 requirements of task 1 (1,440 obligations).
fn large_store() -> Obligations {
    let mut store = Obligations::new();
    for body in 0..60 {
        for month in 1..=12 {
            for requirement in 0..2 {
                store
                    .push(Obligation::new(
                        key(
                            "1",
                            requirement,
                            &format!("B{body}"),
                            &format!("2024-{month:02}"),
                        ),
                        d(2025, 1, 20),
                    ))
                    .unwrap();
            }
        }
    }
    store
}

#[test]
fn long_logs_in_any_order_find_each_obligation_and_the_first_unknown_one() {
    let store = large_store();
    let n = u32::try_from(store.len()).unwrap();
    // Store order, then a scattered order, then store order backwards, each row twice in
    // a row at times: several batches of look-ups, with and without neighbours.
    let order: Vec<u32> = (0..n)
        .chain((0..n).map(|i| i.wrapping_mul(7_919) % n))
        .chain((0..n).rev())
        .flat_map(|i| std::iter::repeat_n(i, 1 + usize::from(i % 5 == 0)))
        .collect();
    let mut by_reference = String::from("obligation,kind,date\n");
    let mut by_place = String::from("clause,requirement,body,period,kind,date\n");
    for (row, &i) in order.iter().enumerate() {
        let k = store.key(ObligationId::from_index(i)).unwrap();
        let date = d(2025, 1, 1) + chrono::Days::new(row as u64 % 40);
        by_reference.push_str(&format!("{k},submitted,{date}\n"));
        by_place.push_str(&format!(
            "1,{},{},{},completed,{date}\n",
            k.requirement().number(),
            k.body(),
            k.period()
        ));
    }
    for text in [&by_reference, &by_place] {
        let events = EventLoader::new(&store).csv(text).unwrap();
        assert_eq!(events.len(), order.len());
        for (row, &i) in (0u32..).zip(&order) {
            let event = events.get(EventId::from_index(row)).unwrap();
            assert_eq!(event.obligation(), ObligationId::from_index(i), "row {row}");
            assert_eq!(events.line(EventId::from_index(row)), Some(row + 2));
        }
    }
    // An obligation the store does not hold, deep in the log: the first one is named,
    // with its line, though later rows are at fault too.
    let mut lines: Vec<&str> = by_reference.lines().collect();
    let unknown = format!("{LETTER}/1.3/B7/2024-05,submitted,2025-01-02");
    let later = format!("{LETTER}/1.1/B7/2024-13,submitted,2025-01-02");
    lines[2_900] = &unknown;
    lines[3_100] = &later;
    let (problem, message) = csv_error(&store, &(lines.join("\n") + "\n"));
    assert!(
        matches!(problem, EventProblem::UnknownObligation(_)),
        "{problem:?}"
    );
    assert_eq!(
        message,
        format!(
            "invalid event log csv in `events.csv` at line 2901, column 1, `obligation`: \
             {}",
            problem
        )
    );
    assert!(
        message.contains("1470-CV/TU@2024-02-22/1.3/B7/2024-05"),
        "{message}"
    );
}

/// The message of loading `text` as CSV named `events.csv`.
fn csv_error(store: &Obligations, text: &str) -> (EventProblem, String) {
    let err = EventLoader::new(store)
        .origin("events.csv")
        .csv(text)
        .unwrap_err();
    (err.problem().clone(), err.to_string())
}

#[test]
fn csv_errors_name_the_file_line_column_and_value() {
    let store = store();
    let head = "clause,body,period,kind,date,new_due,document\n";
    let cases: &[(&str, &str)] = &[
        (
            "",
            "invalid event log csv in `events.csv`: the file is empty",
        ),
        (
            "clause,body,period,kind,date,colour\n",
            "invalid event log csv in `events.csv` at line 1, column 6, `colour`: unknown field `colour`: expected one of `obligation`, `clause`, `requirement`, `body`, `period`, `kind`, `date`, `recorded`, `new_due`, `document`, `by`, `reason`, `value`",
        ),
        (
            "clause,body,period,kind,date,body\n",
            "invalid event log csv in `events.csv` at line 1, column 6, `body`: column `body` is named twice",
        ),
        (
            "obligation,date\n",
            "invalid event log csv in `events.csv` at line 1: the header has no column `kind`",
        ),
        (
            "10,TH-HU-NGA-SON,2024-H1,submitted,2024-06-14\n",
            "invalid event log csv in `events.csv` at line 2: the row has 5 fields, the header 7",
        ),
        (
            "10,TH-HU-NGA-SON,2024-H1,sent,2024-06-14,,\n",
            "invalid event log csv in `events.csv` at line 2, column 4, `kind`: unknown kind `sent`: expected one of `submitted`, `completed`, `extended`, `waived`, `reopened`, `indicator_value`",
        ),
        (
            "10,TH-HU-NGA-SON,2024-H1,submitted,2024-6-5,,\n",
            "invalid event log csv in `events.csv` at line 2, column 5, `date`: invalid date `2024-6-5`: expected `yyyy-mm-dd`",
        ),
        (
            "10,TH-HU-NGA-SON,2024-H1,submitted,99999-01-01,,\n",
            "invalid event log csv in `events.csv` at line 2, column 5, `date`: invalid date `99999-01-01`: expected `yyyy-mm-dd`",
        ),
        (
            "10,TH-HU-NGA-SON,2024-H1,submitted,2024-02-30,,\n",
            "invalid event log csv in `events.csv` at line 2, column 5, `date`: invalid date `2024-02-30`: no such day",
        ),
        (
            "10,TH-HU-NGA-SON,2024-H1,extended,2024-06-14,,1612-CV/TU\n",
            "invalid event log csv in `events.csv` at line 2, column 6, `new_due`: an event `extended` needs `new_due`",
        ),
        (
            "10,TH-HU-NGA-SON,2024-H1,completed,2024-06-14,,1612-CV/TU\n",
            "invalid event log csv in `events.csv` at line 2, column 7, `document`: an event `completed` takes no `document`",
        ),
        (
            "10,TH-HU-XX,2024-H1,completed,2024-06-14,,\n",
            "invalid event log csv in `events.csv` at line 2, column 2, `body`: unknown body `TH-HU-XX`: no obligation in the store is assigned to it",
        ),
        (
            "10,TH-HU-NGA-SON,2025-H1,completed,2024-06-14,,\n",
            "invalid event log csv in `events.csv` at line 2, column 1, `clause`: no obligation task `10` for body `TH-HU-NGA-SON` in period `2025-H1` in the store",
        ),
        (
            "3,TH-TU-BDV,2024,completed,2024-06-14,,\n",
            "invalid event log csv in `events.csv` at line 2, column 1, `clause`: 2 requirements of task `3` for body `TH-TU-BDV` in period `2024` fall to the body in the period: give the `requirement`",
        ),
        (
            "10,TH-HU-NGA-SON,2024-h1,completed,2024-06-14,,\n",
            "invalid event log csv in `events.csv` at line 2, column 3, `period`: invalid period `2024-h1`: expected a canonical period such as `2024-H1`",
        ),
        (
            "10,TH-ТU-BDV,2024-H1,completed,2024-06-14,,\n",
            "invalid event log csv in `events.csv` at line 2, column 2, `body`: invalid body code `TH-ТU-BDV`: a code has ASCII letters, digits, `-`, `_` and `.` only",
        ),
    ];
    for (rows, message) in cases {
        let text = if rows.is_empty() || rows.contains("kind") || rows.contains("date\n") {
            (*rows).to_owned()
        } else {
            format!("{head}{rows}")
        };
        assert_eq!(&csv_error(&store, &text).1, message, "{text}");
    }
    // A reference the store does not hold, and one that is not a reference.
    let (problem, message) = csv_error(
        &store,
        &format!(
            "obligation,kind,date\n{LETTER}/10.1/TH-HU-NGA-SON/2023-H1,completed,2024-06-14\n"
        ),
    );
    assert_eq!(
        problem,
        EventProblem::UnknownObligation(format!("`{LETTER}/10.1/TH-HU-NGA-SON/2023-H1`"))
    );
    assert_eq!(
        message,
        format!(
            "invalid event log csv in `events.csv` at line 2, column 1, `obligation`: no obligation `{LETTER}/10.1/TH-HU-NGA-SON/2023-H1` in the store"
        )
    );
    let (problem, _) = csv_error(
        &store,
        "obligation,kind,date\n1470-CV/TU/10.1,completed,2024-06-14\n",
    );
    assert!(
        matches!(problem, EventProblem::InvalidReference(_)),
        "{problem:?}"
    );
    // A row that names no obligation, or no kind.
    let (_, message) = csv_error(&store, "obligation,kind,date\n,completed,2024-06-14\n");
    assert_eq!(
        message,
        "invalid event log csv in `events.csv` at line 2, column 1, `obligation`: an event `completed` needs `obligation`"
    );
    let (_, message) = csv_error(
        &store,
        &format!("obligation,kind,date\n{LETTER}/10.1/TH-HU-NGA-SON/2024-H1,,2024-06-14\n"),
    );
    assert_eq!(
        message,
        "invalid event log csv in `events.csv` at line 2, column 2, `kind`: the row gives no `kind`"
    );
    // Both forms at once.
    let (problem, _) = csv_error(
        &store,
        &format!(
            "obligation,clause,kind,date\n{LETTER}/10.1/TH-HU-NGA-SON/2024-H1,10,completed,2024-06-14\n"
        ),
    );
    assert_eq!(problem, EventProblem::TwoObligations);
    // A huge value is quoted with a bound.
    let huge = "x".repeat(1 << 20);
    let (_, message) = csv_error(
        &store,
        &format!("{head}10,TH-HU-NGA-SON,2024-H1,{huge},2024-06-14,,\n"),
    );
    assert!(message.len() < 400, "{}", message.len());
    assert!(message.contains(&format!(
        "`{}` (… {} more bytes)",
        "x".repeat(80),
        huge.len() - 80
    )));
}

#[test]
fn rows_by_place_need_a_known_directive() {
    let mut store = store();
    let other = ObligationKey::new(
        DirectiveKey::new(DocSymbol::parse("05/CT-UBND").unwrap(), d(2024, 1, 2)),
        TaskNumber::new("10").unwrap(),
        RequirementIndex::new(0),
        BodyCode::new("TH-HU-NGA-SON").unwrap(),
        "2024-H1".parse::<Period>().unwrap(),
    );
    let id = store
        .push(Obligation::new(other.clone(), d(2024, 6, 30)))
        .unwrap();
    let text = "clause,body,period,kind,date\n10,TH-HU-NGA-SON,2024-H1,completed,2024-06-14\n";
    let (problem, message) = csv_error(&store, text);
    assert_eq!(problem, EventProblem::DirectiveNotKnown(2));
    assert_eq!(
        message,
        "invalid event log csv in `events.csv` at line 2, column 1, `clause`: the directive is not known: the store holds obligations of 2 directives; give `obligation` references or tell the loader the directive"
    );
    let events = EventLoader::new(&store)
        .directive(other.directive().clone())
        .csv(text)
        .unwrap();
    assert_eq!(events.get(EventId::from_index(0)).unwrap().obligation(), id);
    // The requirement column picks one of several.
    let text =
        "clause,requirement,body,period,kind,date\n3,2,TH-TU-BDV,2024,completed,2024-06-14\n";
    let events = EventLoader::new(&store)
        .directive(key("3", 0, "TH-TU-BDV", "2024").directive().clone())
        .csv(text)
        .unwrap();
    assert_eq!(
        events.get(EventId::from_index(0)).unwrap().obligation(),
        store.find(&key("3", 1, "TH-TU-BDV", "2024")).unwrap()
    );
}

#[test]
fn a_path_names_itself_in_errors_and_picks_the_format() {
    let store = store();
    let dir = std::env::temp_dir().join(format!("directives-events-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.csv");
    std::fs::write(&good, CSV).unwrap();
    assert_eq!(EventLoader::new(&store).path(&good).unwrap().len(), 4);
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, CSV.replace("2024-07-10", "2024-7-10")).unwrap();
    let err = EventLoader::new(&store).path(&bad).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "invalid event log csv in `{}` at line 8, column 5, `date`: invalid date `2024-7-10`: expected `yyyy-mm-dd`",
            bad.display()
        )
    );
    let other = dir.join("events.xlsx");
    std::fs::write(&other, "").unwrap();
    let err = EventLoader::new(&store).path(&other).unwrap_err();
    assert!(matches!(err.problem(), EventProblem::UnknownFormat(_)));
    // The error converts into the module's and the crate's errors.
    let compliance: ComplianceError = err.clone().into();
    let root: directives::Error = err.into();
    assert_eq!(compliance.to_string(), root.to_string());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(feature = "serde")]
#[test]
fn json_and_toml_rows_are_the_same_rows() {
    let store = store();
    let csv = EventLoader::new(&store).csv(CSV).unwrap();
    let json = r#"{"events": [
  {"clause": "10", "body": "TH-HU-NGA-SON", "period": "2024-H1", "kind": "submitted", "date": "2024-06-14", "document": "114-BC/HU"},
  {"clause": "10", "body": "TH-HU-MUONG-LAT", "period": "2024-H1", "kind": "extended", "date": "2024-06-21", "recorded": "2024-06-24", "new_due": "2024-07-05", "document": "1612-CV/TU"},
  {"clause": "10", "body": "TH-HU-MUONG-LAT", "period": "2024-H2", "kind": "waived", "date": "2024-12-10", "by": "TH-TU-BTV", "reason": "reported jointly, with the \"year\" report"},
  {"obligation": "1470-CV/TU@2024-02-22/monitoring.1/TH-TU-BDV/2024-H1", "kind": "completed", "date": "2024-07-10"}
]}"#;
    let toml = r#"
[[events]]
clause = "10"
body = "TH-HU-NGA-SON"
period = "2024-H1"
kind = "submitted"
date = "2024-06-14"
document = "114-BC/HU"

[[events]]
clause = "10"
body = "TH-HU-MUONG-LAT"
period = "2024-H1"
kind = "extended"
date = "2024-06-21"
recorded = "2024-06-24"
new_due = "2024-07-05"
document = "1612-CV/TU"

[[events]]
clause = "10"
body = "TH-HU-MUONG-LAT"
period = "2024-H2"
kind = "waived"
date = "2024-12-10"
by = "TH-TU-BTV"
reason = 'reported jointly, with the "year" report'

[[events]]
obligation = "1470-CV/TU@2024-02-22/monitoring.1/TH-TU-BDV/2024-H1"
kind = "completed"
date = "2024-07-10"
"#;
    let from_json = EventLoader::new(&store).json(json).unwrap();
    let from_toml = EventLoader::new(&store).toml(toml).unwrap();
    for loaded in [&from_json, &from_toml] {
        assert_eq!(loaded.len(), csv.len());
        for i in 0..4 {
            assert_eq!(
                loaded.get(EventId::from_index(i)),
                csv.get(EventId::from_index(i))
            );
        }
    }
    // Lines where each row starts.
    let lines = |e: &Events| -> Vec<Option<u32>> {
        (0..4).map(|i| e.line(EventId::from_index(i))).collect()
    };
    assert_eq!(lines(&from_json), [Some(2), Some(3), Some(4), Some(5)]);
    assert_eq!(lines(&from_toml), [Some(2), Some(10), Some(20), Some(29)]);
    // The same problem, the same words, in every format.
    let csv_err = EventLoader::new(&store)
        .csv(&CSV.replace("completed", "finished"))
        .unwrap_err();
    let json_err = EventLoader::new(&store)
        .json(&json.replace("completed", "finished"))
        .unwrap_err();
    let toml_err = EventLoader::new(&store)
        .toml(&toml.replace("completed", "finished"))
        .unwrap_err();
    assert_eq!(csv_err.problem(), json_err.problem());
    assert_eq!(csv_err.problem(), toml_err.problem());
    assert_eq!(
        json_err.to_string(),
        "invalid event log json at line 5, column 82, `events[3].kind`: unknown kind `finished`: expected one of `submitted`, `completed`, `extended`, `waived`, `reopened`, `indicator_value`"
    );
    assert_eq!(
        toml_err.to_string(),
        "invalid event log toml at line 31, column 8, `events[3].kind`: unknown kind `finished`: expected one of `submitted`, `completed`, `extended`, `waived`, `reopened`, `indicator_value`"
    );
}

#[test]
fn the_writer_refuses_what_a_file_cannot_hold() {
    let store = store();
    let id = store
        .find(&key("10", 0, "TH-HU-NGA-SON", "2024-H1"))
        .unwrap();
    let mut events = Events::new();
    events
        .push(Event::new(
            id,
            d(2024, 6, 1),
            EventKind::Waived {
                by: " ".to_owned(),
                reason: "r".to_owned(),
            },
        ))
        .unwrap();
    let err = events.write_csv(&store, Vec::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "event `waived` on `2024-06-01` for `{LETTER}/10.1/TH-HU-NGA-SON/2024-H1` cannot be written: its `by` is empty or blank"
        )
    );
    let mut stray = Events::new();
    stray
        .push(Event::submitted(
            ObligationId::from_index(99),
            d(2024, 6, 1),
        ))
        .unwrap();
    assert!(matches!(
        stray.write_csv(&store, Vec::new()),
        Err(ComplianceError::UnknownObligation { .. })
    ));
}

/// A free text a file can hold: not blank, any characters (commas, quotes, line breaks,
/// Vietnamese), in NFC as the loader stores it.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,\"\n\r'#ệĐđ/-]{0,12}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn kind() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        proptest::option::of(text()).prop_map(|document| EventKind::Submitted { document }),
        Just(EventKind::Completed),
        Just(EventKind::Reopened),
        (0u32..4000, text()).prop_map(|(days, document)| EventKind::Extended {
            new_due: d(2020, 1, 1) + chrono::Days::new(u64::from(days)),
            document
        }),
        (text(), text()).prop_map(|(by, reason)| EventKind::Waived { by, reason }),
        prop_oneof![
            any::<f64>().prop_filter("finite", |v| v.is_finite()),
            Just(0.1 + 0.2),
            Just(-0.0),
            Just(f64::MAX),
            Just(f64::MIN_POSITIVE),
            Just(5e-324),
        ]
        .prop_map(|value| EventKind::IndicatorValue { value }),
    ]
}

proptest! {
    #[test]
    fn events_written_to_csv_read_back_equal(
        rows in proptest::collection::vec((0u32..7, 0u32..4000, proptest::option::of(0u32..30), kind()), 0..40)
    ) {
        let store = store();
        let mut events = Events::new();
        for (obligation, day, recorded, kind) in rows {
            let date = d(2020, 1, 1) + chrono::Days::new(u64::from(day));
            let mut event = Event::new(ObligationId::from_index(obligation), date, kind);
            if let Some(late) = recorded {
                event = event.recorded_on(date + chrono::Days::new(u64::from(late)));
            }
            events.push(event).unwrap();
        }
        let mut out = Vec::new();
        events.write_csv(&store, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let again = EventLoader::new(&store).csv(&text).unwrap();
        prop_assert_eq!(again.len(), events.len());
        for i in 0..u32::try_from(events.len()).unwrap() {
            let (a, b) = (again.get(EventId::from_index(i)).unwrap(), events.get(EventId::from_index(i)).unwrap());
            prop_assert_eq!(&a, &b);
            if let (EventKind::IndicatorValue { value: x }, EventKind::IndicatorValue { value: y }) = (a.kind(), b.kind()) {
                prop_assert_eq!(x.to_bits(), y.to_bits());
            }
        }
    }
}

// ---- the limit on events per obligation ----

#[test]
fn a_log_past_the_limit_on_events_per_obligation_is_refused_naming_the_obligation() {
    use directives::{Limit, Limits};
    let store = store();
    assert_eq!(Limits::new().max(Limit::EventsPerObligation), 10_000);
    let at_most = |max| Limits::new().with(Limit::EventsPerObligation, max);
    // Two rows for each of two obligations: within a limit of 2, past a limit of 1.
    let csv = "clause,body,period,kind,date\n\
        10,TH-HU-NGA-SON,2024-H1,submitted,2024-06-14\n\
        10,TH-HU-MUONG-LAT,2024-H1,submitted,2024-06-14\n\
        10,TH-HU-MUONG-LAT,2024-H1,completed,2024-06-15\n\
        10,TH-HU-NGA-SON,2024-H1,completed,2024-06-16\n";
    let loader = EventLoader::new(&store)
        .directive(key("10", 0, "TH-HU-NGA-SON", "2024-H1").directive().clone());
    assert_eq!(loader.clone().limits(at_most(2)).csv(csv).unwrap().len(), 4);
    let err = loader
        .clone()
        .origin("events.csv")
        .limits(at_most(1))
        .csv(csv)
        .unwrap_err();
    assert_eq!(err.line(), Some(4));
    assert_eq!(
        err.to_string(),
        "invalid event log csv in `events.csv` at line 4: event `completed` on `2024-06-15` for \
         `1470-CV/TU@2024-02-22/10.1/TH-HU-MUONG-LAT/2024-H1` (line 4): the number of events of \
         the obligation exceeds the limit of 1"
    );
    let EventProblem::Refused(inner) = err.problem() else {
        panic!("{err}")
    };
    assert!(matches!(
        **inner,
        ComplianceError::EventLimit { max: 1, .. }
    ));
    assert_eq!(
        Limit::EventsPerObligation.to_string(),
        "the number of events of the obligation"
    );
    // The same rows in JSON and TOML are refused at the same row.
    #[cfg(feature = "serde")]
    {
        let reference = format!("{LETTER}/10.1/TH-HU-MUONG-LAT/2024-H1");
        let json = format!(
            r#"{{"events": [
      {{"obligation": "{reference}", "kind": "submitted", "date": "2024-06-14"}},
      {{"obligation": "{reference}", "kind": "completed", "date": "2024-06-15"}}
    ]}}"#
        );
        let err = loader.clone().limits(at_most(1)).json(&json).unwrap_err();
        assert_eq!(err.line(), Some(3), "{err}");
        assert!(err.to_string().contains(&format!("`{reference}`")), "{err}");
        let toml = format!(
            "[[events]]\nobligation = \"{reference}\"\nkind = \"submitted\"\ndate = \"2024-06-14\"\n\n\
             [[events]]\nobligation = \"{reference}\"\nkind = \"completed\"\ndate = \"2024-06-15\"\n"
        );
        let err = loader.limits(at_most(1)).toml(&toml).unwrap_err();
        assert_eq!(err.line(), Some(6), "{err}");
        assert!(err.to_string().contains("exceeds the limit of 1"), "{err}");
    }
}

#[test]
fn the_tracker_refuses_an_event_past_the_limit_and_keeps_the_rest() {
    use directives::compliance::{EvaluationPolicy, Retraction, Status, Tracker};
    use directives::{Limit, Limits};
    let store = store();
    assert_eq!(
        directives::Limits::DEFAULT_MAX_EVENTS_PER_OBLIGATION,
        10_000
    );
    let mut tracker = Tracker::new(store.clone(), EvaluationPolicy::without_calendar())
        .unwrap()
        .limits(Limits::new().with(Limit::EventsPerObligation, 2));
    let a = ObligationId::from_index(0);
    let b = ObligationId::from_index(1);
    let first = tracker.apply(Event::submitted(a, d(2024, 6, 10))).unwrap();
    // A retracted event still counts: the limit bounds what the tracker holds.
    tracker
        .retract(first, Retraction::new(d(2024, 6, 11), "clerk", "typo"))
        .unwrap();
    tracker.apply(Event::submitted(a, d(2024, 6, 12))).unwrap();
    let err = tracker
        .apply(Event::new(a, d(2024, 6, 13), EventKind::Completed))
        .unwrap_err();
    let reference = store.key(a).unwrap().to_string();
    assert_eq!(
        err.to_string(),
        format!(
            "event `completed` on `2024-06-13` for `{reference}`: the number of events of the \
             obligation exceeds the limit of 2"
        )
    );
    assert!(matches!(err, ComplianceError::EventLimit { max: 2, .. }));
    // Nothing changed for `a`; another obligation takes its own events.
    assert_eq!(tracker.event_count(), 2);
    assert_eq!(
        tracker.status(a, d(2024, 7, 1)).unwrap(),
        Status::DoneOnTime
    );
    tracker.apply(Event::submitted(b, d(2024, 6, 10))).unwrap();
    tracker.apply(Event::submitted(b, d(2024, 6, 11))).unwrap();
    assert_eq!(tracker.event_count(), 4);
}

/// A log of about 3 MB (past the size the loader reads in parts on several threads):
/// every obligation of the large store named by reference, row after row and then in a
/// scattered order, with blank and comment lines, `\r\n` line ends, and now and then a
/// submission with a document, an extension, a waiver or a recording date.
#[cfg(feature = "parallel")]
fn large_log(store: &Obligations) -> Vec<String> {
    let n = u32::try_from(store.len()).unwrap();
    let mut lines = vec![
        "# a large log".to_owned(),
        "obligation,kind,date,recorded,new_due,document,by,reason".to_owned(),
    ];
    for round in 0..36u32 {
        for j in 0..n {
            let i = if round % 2 == 0 {
                j
            } else {
                j.wrapping_mul(7_919) % n
            };
            let k = store.key(ObligationId::from_index(i)).unwrap();
            let date = d(2025, 1, 1) + chrono::Days::new(u64::from((round + j) % 40));
            lines.push(match (round * n + j) % 97 {
                0 => format!("{k},submitted,{date},,,114-BC/HU,,"),
                1 => format!("{k},extended,{date},,2025-03-01,1612-CV/TU,,"),
                2 => format!("{k},waived,{date},,,,TH-TU-BTV,merged"),
                3 => format!("{k},completed,{date},2025-01-01,,,,"),
                4 => String::new(),
                5 => "# a comment, with a comma".to_owned(),
                _ => format!("{k},submitted,{date},,,,,"),
            });
        }
    }
    lines
}

/// The log or the error of loading `text` on a pool of `threads` threads, as text.
#[cfg(feature = "parallel")]
fn loaded_on(threads: usize, store: &Obligations, text: &str) -> String {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(
            || match EventLoader::new(store).origin("events.csv").csv(text) {
                Ok(events) => format!("{events:?}"),
                Err(e) => format!("{e:?}\n{e}"),
            },
        )
}

#[cfg(feature = "parallel")]
#[test]
fn a_large_log_reads_the_same_on_one_thread_and_three() {
    let store = large_store();
    let lines = large_log(&store);
    let same = |text: &str| {
        let one = loaded_on(1, &store, text);
        let three = loaded_on(3, &store, text);
        assert!(one == three, "one thread and three differ");
        one
    };
    let text = lines.join("\r\n") + "\r\n";
    assert!(text.len() > 3_000_000, "{}", text.len());
    let read = same(&text);
    let events = EventLoader::new(&store).csv(&text).unwrap();
    assert!(read.starts_with("Events {"), "{}", &read[..80]);
    // Every line from the header on holds a row but the blank and comment lines.
    let rows = lines
        .iter()
        .skip(2)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    assert_eq!(events.len(), rows.count());
    let last = EventId::from_index(u32::try_from(events.len() - 1).unwrap());
    assert_eq!(events.line(last), Some(u32::try_from(lines.len()).unwrap()));

    // A fault in a late part, and one later still: the first is named, with its line.
    let mut faulty = lines.clone();
    let at = faulty.len() - 1_000;
    faulty[at] = format!("{LETTER}/1.1/B7/2024-05,submitted,2025-13-02,,,,,");
    faulty[at + 500] = format!("{LETTER}/1.3/B7/2024-05,submitted,2025-01-02,,,,,");
    let message = same(&(faulty.join("\n") + "\n"));
    assert!(
        message.ends_with(&format!(
            "invalid event log csv in `events.csv` at line {}, column 3, `date`: invalid date \
             `2025-13-02`: no such day",
            at + 1
        )),
        "{message}"
    );
    // The same fault in the first part is named though the later parts are at fault too.
    faulty[100] = format!("{LETTER}/1.3/B7/2024-05,submitted,2025-01-02,,,,,");
    let message = same(&(faulty.join("\n") + "\n"));
    assert!(
        message.ends_with(
            "at line 101, column 1, `obligation`: no obligation \
             `1470-CV/TU@2024-02-22/1.3/B7/2024-05` in the store"
        ),
        "{message}"
    );

    // A quoted field that holds a line end, late in the log.
    let mut quoted = lines.clone();
    let at = quoted.len() - 10;
    let k = store.key(ObligationId::from_index(3)).unwrap();
    quoted[at] = format!("{k},submitted,2025-01-02,,,\"114-BC/HU\n(2nd copy)\",,");
    let read = same(&(quoted.join("\n") + "\n"));
    assert!(read.contains("(2nd copy)"), "the quoted document is read");
}
