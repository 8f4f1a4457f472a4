//! The JSON contract (`directives::wire`): the seed letter through every call, the shape
//! of answers, failures that name the path and the value, no panic on any input, and the
//! checked-in JSON Schemas.
#![cfg(feature = "serde")]

use std::collections::HashMap;

use chrono::NaiveDate;
use directives::calendar::WorkCalendar;
use directives::compliance::{EvaluationPolicy, Events, evaluate};
use directives::directive::Directive;
use directives::obligation::{ExpansionOptions, obligations_with};
use directives::org::Registry;
use directives::period::Period;
use directives::regime::ReportingRegime;
use directives::wire::Context;
use serde_json::{Value, json};

const LETTER: &str = include_str!("../../examples/data/1470-CV-TU.toml");
const REGISTRY: &str = include_str!("../../examples/data/thanh_hoa.toml");
const EVENTS_CSV: &str = include_str!("../../examples/data/1470-CV-TU.events.csv");

fn context() -> Context {
    Context::new().unwrap()
}

fn ask(context: &Context, request: &Value) -> Value {
    let answer = context.call(&request.to_string());
    serde_json::from_str(&answer).unwrap_or_else(|e| panic!("answer is not json ({e}): {answer}"))
}

fn inputs() -> Value {
    json!({
        "directive": {"format": "toml", "text": LETTER, "name": "examples/data/1470-CV-TU.toml"},
        "registry": {"format": "toml", "text": REGISTRY, "name": "examples/data/thanh_hoa.toml"},
    })
}

fn with(mut base: Value, extra: Value) -> Value {
    let (Value::Object(base_map), Value::Object(extra)) = (&mut base, extra) else {
        panic!("objects expected");
    };
    base_map.extend(extra);
    base
}

/// The seed letter's events as records naming obligations by reference: the CSV names
/// them by (task, body, period), so the references come from the `expand` answer.
fn seed_events(context: &Context) -> Value {
    let expand = ask(
        context,
        &with(
            inputs(),
            json!({"schema_version": 1, "call": "expand", "horizon": "2024", "default_regime": "decree_09_half_yearly"}),
        ),
    );
    let mut by_place = HashMap::new();
    for o in expand["obligations"].as_array().unwrap() {
        let reference = o["reference"].as_str().unwrap();
        let clause = reference
            .split('/')
            .nth(2)
            .unwrap()
            .split('.')
            .next()
            .unwrap();
        by_place.insert(
            (
                clause.to_owned(),
                o["body"].as_str().unwrap().to_owned(),
                o["period"].as_str().unwrap().to_owned(),
            ),
            reference.to_owned(),
        );
    }
    let mut events = Vec::new();
    for line in EVENTS_CSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
    {
        let f: Vec<&str> = line.split(',').collect();
        let obligation = &by_place[&(f[0].to_owned(), f[1].to_owned(), f[2].to_owned())];
        let mut record = json!({"obligation": obligation, "date": f[4], "kind": f[3]});
        match f[3] {
            "submitted" if !f[6].is_empty() => record["document"] = json!(f[6]),
            "submitted" => record["document"] = Value::Null,
            "extended" => {
                record["new_due"] = json!(f[5]);
                record["document"] = json!(f[6]);
            }
            "waived" => {
                record["by"] = json!(f[7]);
                record["reason"] = json!(f[8]);
            }
            other => panic!("unknown event kind {other}"),
        }
        events.push(record);
    }
    json!({"events": events})
}

#[test]
fn lint_answers_the_seed_letter_with_codes_places_and_messages() {
    let context = context();
    let answer = ask(
        &context,
        &with(
            inputs(),
            json!({"schema_version": 1, "call": "lint", "lang": "en"}),
        ),
    );
    assert_eq!(answer["type"], "success", "{answer}");
    assert_eq!(answer["schema_version"], 1);
    assert_eq!(answer["call"], "lint");
    assert_eq!(answer["directive"], "1470-CV/TU@2024-02-22");
    assert_eq!(answer["warnings"], json!([]));
    let lints = answer["lints"].as_array().unwrap();
    // The same lints as the library gives, in the same order.
    let letter = Directive::from_toml_str(LETTER).unwrap();
    let registry = Registry::from_toml_str(REGISTRY).unwrap();
    let expected = letter
        .lint(&registry, &WorkCalendar::vietnam().unwrap())
        .unwrap();
    assert_eq!(lints.len(), expected.len());
    for (got, want) in lints.iter().zip(&expected) {
        assert_eq!(got["code"], want.code().as_str());
        assert_eq!(got["severity"], want.severity().to_string());
        assert_eq!(got["path"], want.location().path());
        assert_eq!(got["message"], want.sentence(directives::Lang::En));
    }
    let frequency = lints.iter().find(|l| l["code"] == "DIR003").unwrap();
    assert_eq!(frequency["path"], "tasks[9].requirements[0]");
    assert_eq!(frequency["place"], "task 10, requirement 1");
    // In Vietnamese by default.
    let vi = ask(
        &context,
        &with(inputs(), json!({"schema_version": 1, "call": "lint"})),
    );
    let first = expected.first().unwrap();
    assert_eq!(
        vi["lints"][0]["message"],
        first.sentence(directives::Lang::Vi)
    );
    // The place too, counted from 1, and the severity stays a code.
    let frequency = vi["lints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "DIR003")
        .unwrap();
    assert_eq!(frequency["place"], "nhiệm vụ 10, yêu cầu 1");
    assert_eq!(frequency["severity"], "warning");
}

#[test]
fn expand_names_obligations_by_reference_and_bodies_by_code() {
    let context = context();
    let plain = ask(
        &context,
        &with(
            inputs(),
            json!({"schema_version": 1, "call": "expand", "horizon": "2024"}),
        ),
    );
    assert_eq!(plain["type"], "success", "{plain}");
    assert_eq!(plain["obligations"], json!([]));
    let skipped = plain["skipped"].as_array().unwrap();
    let task_10 = skipped.iter().find(|s| s["clause"] == "10").unwrap();
    assert_eq!(task_10["requirement"], 1);
    assert_eq!(task_10["reason"], "no_regime");
    // The reason in words follows the call's language, Vietnamese by default.
    assert_eq!(
        task_10["message"],
        "báo cáo định kỳ không nêu chế độ báo cáo và chưa chọn chế độ báo cáo mặc định"
    );
    let english = ask(
        &context,
        &with(
            inputs(),
            json!({"schema_version": 1, "call": "expand", "horizon": "2024", "lang": "en"}),
        ),
    );
    let task_10 = english["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["clause"] == "10")
        .unwrap();
    assert_eq!(
        task_10["message"],
        "the periodic report states no reporting regime and no default regime was given"
    );

    let chosen = ask(
        &context,
        &with(
            inputs(),
            json!({"schema_version": 1, "call": "expand", "horizon": "2024", "default_regime": "decree_09_half_yearly"}),
        ),
    );
    let obligations = chosen["obligations"].as_array().unwrap();
    assert_eq!(obligations.len(), 68);
    let nga_son = obligations
        .iter()
        .find(|o| o["reference"] == "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1")
        .unwrap();
    assert_eq!(
        nga_son,
        &json!({
            "reference": "1470-CV/TU@2024-02-22/10.1/TH-HU-NGA-SON/2024-H1",
            "body": "TH-HU-NGA-SON",
            "holder": "TH-HU-NGA-SON",
            "period": "2024-H1",
            "due": "2024-06-25",
            "role": "lead",
        })
    );
    // No internal index anywhere: every field is a reference, a code, a date or a word.
    assert!(!chosen.to_string().contains("\"id\""));
}

#[test]
fn evaluate_gives_the_library_verdicts_with_explanations() {
    let context = context();
    let events = seed_events(&context);
    let request = with(
        inputs(),
        json!({
            "schema_version": 1, "call": "evaluate", "horizon": "2024", "as_of": "2025-07-15",
            "default_regime": "decree_09_half_yearly", "lang": "en",
            "events": {"format": "json", "value": events.clone()},
        }),
    );
    let answer = ask(&context, &request);
    assert_eq!(answer["type"], "success", "{answer}");
    assert_eq!(answer["as_of"], "2025-07-15");

    // The library's own verdicts on the same inputs.
    let letter = Directive::from_toml_str(LETTER).unwrap();
    let registry = Registry::from_toml_str(REGISTRY).unwrap();
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
    let log = Events::from_json_str(&events.to_string(), expansion.obligations()).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 7, 15).unwrap();
    let policy = EvaluationPolicy::new(calendar);
    let evaluation = evaluate(expansion.obligations(), &log, as_of, &policy).unwrap();
    let expected = evaluation.to_findings();

    let findings = answer["findings"].as_array().unwrap();
    assert_eq!(findings.len(), expected.findings().len());
    for (got, want) in findings.iter().zip(expected.findings()) {
        assert_eq!(got["obligation"], want.obligation().to_string());
        assert_eq!(got["status"], want.status().as_str());
        assert_eq!(got["rule_id"], want.explanation().rule_id());
        assert_eq!(
            got["explanation"],
            want.explanation().sentence(directives::Lang::En)
        );
        assert_eq!(got["effective_due"], want.effective_due().to_string());
    }
    let counts = &answer["counts"];
    assert_eq!(counts["total"], 68);
    let sum: u64 = [
        "done_on_time",
        "done_late",
        "open_within_deadline",
        "open_overdue",
        "waived",
        "not_applicable",
    ]
    .iter()
    .map(|k| counts[k].as_u64().unwrap())
    .sum();
    assert_eq!(sum, 68);
    assert!(counts["done_late"].as_u64().unwrap() > 0, "{counts}");
    assert!(counts["waived"].as_u64().unwrap() > 0, "{counts}");
    // The letter's other requirements give no obligation: each is a warning.
    let warnings = answer["warnings"].as_array().unwrap();
    assert!(!warnings.is_empty());
    assert!(warnings.iter().all(|w| w["code"] == "skipped"), "{answer}");

    // Events as TOML text give the same verdicts.
    let mut toml_log = String::new();
    for record in events["events"].as_array().unwrap() {
        toml_log.push_str("[[events]]\n");
        for (key, value) in record.as_object().unwrap() {
            if !value.is_null() {
                toml_log.push_str(&format!("{key} = {value}\n"));
            }
        }
    }
    let mut request = request;
    request["events"] = json!({"format": "toml", "text": toml_log});
    let again = ask(&context, &request);
    assert_eq!(again["findings"], answer["findings"]);
}

#[test]
fn calendar_calls_answer_with_dates_and_counts() {
    let context = context();
    let answer = ask(
        &context,
        &json!({"schema_version": 1, "call": "add_working_days", "date": "2024-02-07", "days": 1}),
    );
    assert_eq!(
        answer,
        json!({"type": "success", "schema_version": 1, "call": "add_working_days", "date": "2024-02-15", "warnings": []})
    );
    let answer = ask(
        &context,
        &json!({"schema_version": 1, "call": "working_days_between", "from": "2025-01-20", "to": "2025-02-10"}),
    );
    assert_eq!(answer["working_days"], 10);
    let answer = ask(
        &context,
        &json!({"schema_version": 1, "call": "day", "date": "2024-02-10", "lang": "en"}),
    );
    assert_eq!(answer["working"], false);
    assert_eq!(answer["kind"], "scheduled_day_off", "{answer}");
    assert_eq!(
        answer["description"],
        "scheduled day off: Lunar New Year (Tết)"
    );
    assert_eq!(answer["certainty"], "corroborated");
    let answer = ask(
        &context,
        &json!({"schema_version": 1, "call": "deadline", "anchor": "2024-02-06", "term": "10 working days", "lang": "en"}),
    );
    assert_eq!(answer["end"], "2024-02-27", "{answer}");
    assert_eq!(answer["term"], "10 working days");
    let skipped: Vec<&str> = answer["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert!(skipped.contains(&"2024-02-10"), "{answer}");
    // The 2024 Tết schedule is corroborated, not verified: the days it gives off are one
    // warning.
    assert_eq!(
        answer["skipped"][0]["certainty"], "corroborated",
        "{answer}"
    );
    assert_eq!(
        answer["warnings"],
        json!([{"code": "unverified_day", "message": "the deadline skips 7 days from `2024-02-08` to `2024-02-14` (scheduled day off: Lunar New Year (Tết)), which the calendar holds as corroborated, not verified"}])
    );
    // In Vietnamese by default, the warning as well as the days.
    let answer = ask(
        &context,
        &json!({"schema_version": 1, "call": "deadline", "anchor": "2024-02-06", "term": "10 working days"}),
    );
    assert_eq!(answer["skipped"][0]["certainty"], "corroborated");
    assert_eq!(
        answer["warnings"],
        json!([{"code": "unverified_day", "message": "thời hạn bỏ qua 7 ngày từ `2024-02-08` đến `2024-02-14` (nghỉ theo lịch: Tết Nguyên đán), mà lịch ghi nhận là được xác nhận gián tiếp, chưa kiểm chứng"}])
    );
    let answer = ask(
        &context,
        &json!({"schema_version": 1, "call": "schedule", "regime": "decree_09_quarterly", "from": "2024-01-01", "to": "2024-12-31"}),
    );
    let dues: Vec<&str> = answer["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["due"].as_str().unwrap())
        .collect();
    assert_eq!(
        dues,
        ["2024-03-25", "2024-06-25", "2024-09-25", "2024-12-25"]
    );
    assert_eq!(answer["periods"][0]["window_start"], "2023-12-15");
    let answer = ask(&context, &json!({"schema_version": 1, "call": "calls"}));
    assert_eq!(
        answer["calls"].as_array().unwrap().len(),
        directives::wire::CallName::ALL.len()
    );
}

/// The first error of a failure answer, as (path, message).
fn failure(context: &Context, request: &str) -> (String, String) {
    let answer: Value = serde_json::from_str(&context.call(request)).unwrap();
    assert_eq!(answer["type"], "failure", "{answer}");
    assert_eq!(answer["schema_version"], 1);
    let error = &answer["errors"][0];
    (
        error["path"].as_str().unwrap().to_owned(),
        error["message"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn failures_name_the_path_and_the_value() {
    let context = context();
    let cases: [(&str, &str, &str); 10] = [
        (
            "",
            "",
            "không phải json hợp lệ: EOF while parsing a value at line 1 column 0",
        ),
        ("[]", "", "lời gọi phải là một đối tượng json"),
        (
            r#"{"call": "calls"}"#,
            "schema_version",
            "thiếu trường `schema_version`",
        ),
        (
            r#"{"schema_version": "1", "call": "calls"}"#,
            "schema_version",
            "không hỗ trợ phiên bản `\"1\"`: thư viện này dùng phiên bản 1",
        ),
        (
            r#"{"schema_version": 1}"#,
            "call",
            "thiếu trường `call`: các lời gọi hợp lệ là `lint`, `expand`, `evaluate`, `assess`, `deadline`, `schedule`, `add_working_days`, `working_days_between`, `day`, `calls`, `report`",
        ),
        (
            r#"{"schema_version": 1, "call": 7}"#,
            "call",
            "lời gọi `7` không hợp lệ: cần là một chuỗi",
        ),
        (
            r#"{"schema_version": 1, "call": "day", "date": "2024-13-01"}"#,
            "date",
            "ngày `2024-13-01` không tồn tại",
        ),
        (
            r#"{"schema_version": 1, "call": "day", "date": "1850-01-01"}"#,
            "date",
            "ngày `1850-01-01` nằm ngoài phạm vi của lịch `1990-01-01..=2100-12-31`",
        ),
        (
            r#"{"schema_version": 1, "call": "deadline", "anchor": "2024-01-01", "term": "ten days"}"#,
            "term",
            "",
        ),
        (
            r#"{"schema_version": 1, "call": "schedule", "regime": "monthly", "from": "2024-01-01", "to": "2024-12-31"}"#,
            "regime",
            "không có chế độ báo cáo mẫu `monthly`: các chế độ hợp lệ là `decree_09_monthly`, `decree_09_quarterly`, `decree_09_half_yearly`, `decree_09_nine_monthly`, `decree_09_yearly`",
        ),
    ];
    for (request, path, message) in cases {
        let (got_path, got_message) = failure(&context, request);
        assert_eq!(got_path, path, "{request}");
        if !message.is_empty() {
            assert_eq!(got_message, message, "{request}");
        } else {
            assert!(got_message.contains("ten"), "{request}: {got_message}");
        }
    }
}

/// The calls that carry an evaluation's inputs beside their own fields read both in one
/// pass: a bad value of either kind is named by its path, and an unknown field by its
/// name, with the list of every field the call has.
#[test]
fn evaluation_calls_name_the_path_of_a_bad_field() {
    let context = context();
    let base = json!({"schema_version": 1, "horizon": "2024", "as_of": "2025-01-15", "lang": "en",
        "registry": {"format": "toml", "text": "bodies = []"},
        "directive": {"format": "toml", "text": ""},
        "criteria": {"format": "toml", "text": "[[criterion]]"}});
    let shared = "`directive`, `registry`, `events`";
    let options = "`as_of`, `horizon`, `default_regime`, `regimes`, `grace_days`, `lang`";
    let cases = [
        (
            "assess",
            json!({"colour": "red"}),
            "colour",
            format!(
                "unknown field `colour`, expected one of `schema_version`, {shared}, `criteria`, {options}"
            ),
        ),
        (
            "report",
            json!({"colour": "red"}),
            "colour",
            format!(
                "unknown field `colour`, expected one of `schema_version`, {shared}, `criteria`, `previous`, \
             {options}, `format`, `detail`, `filter`, `table`, `byte_order_mark`"
            ),
        ),
        (
            "assess",
            json!({"as_of": "2025-1-15"}),
            "as_of",
            "invalid date `2025-1-15`: expected `yyyy-mm-dd`".to_owned(),
        ),
        (
            "report",
            json!({"registry": {"format": "yaml", "text": ""}}),
            "registry.format",
            "unknown variant `yaml`, expected one of `toml`, `json`, `csv`".to_owned(),
        ),
        (
            "report",
            json!({"filter": {"statuses": ["late"]}}),
            "filter.statuses[0]",
            "unknown variant `late`, expected one of `done_on_time`, `done_late`, \
             `open_within_deadline`, `open_overdue`, `waived`, `not_applicable`"
                .to_owned(),
        ),
        (
            "assess",
            json!({"criteria": 3}),
            "criteria",
            "invalid type: integer `3`, expected struct Input".to_owned(),
        ),
        (
            "report",
            json!({"grace_days": -1}),
            "grace_days",
            "invalid value: integer `-1`, expected u32".to_owned(),
        ),
    ];
    for (call, extra, path, message) in cases {
        let request = with(with(base.clone(), json!({"call": call})), extra);
        let (got_path, got_message) = failure(&context, &request.to_string());
        assert_eq!(
            (got_path.as_str(), got_message.as_str()),
            (path, message.as_str()),
            "{request}"
        );
    }
    // A missing field, shared or the call's own, is the call's.
    let mut request = with(base, json!({"call": "assess"}));
    request.as_object_mut().unwrap().remove("horizon");
    assert_eq!(
        failure(&context, &request.to_string()),
        (String::new(), "missing field `horizon`".to_owned())
    );
    request.as_object_mut().unwrap().remove("criteria");
    assert_eq!(
        failure(&context, &request.to_string()).1,
        "missing field `criteria`"
    );
}

#[test]
fn failures_in_inputs_name_the_input_its_line_and_value() {
    let context = context();
    // A bad date in the directive: the loader names the file, line and path.
    let bad_letter = LETTER.replacen("issued = \"2024-02-22\"", "issued = \"2024-2-22\"", 1);
    assert_ne!(bad_letter, LETTER, "the seed letter's issue date moved");
    let mut request = with(
        inputs(),
        json!({"schema_version": 1, "call": "lint", "lang": "en"}),
    );
    request["directive"]["text"] = json!(bad_letter);
    let (path, message) = failure(&context, &request.to_string());
    assert_eq!(path, "directive");
    assert!(
        message.contains("examples/data/1470-CV-TU.toml"),
        "{message}"
    );
    assert!(message.contains("line "), "{message}");
    assert!(message.contains("`2024-2-22`"), "{message}");

    // Both inputs bad: both errors.
    request["registry"] = json!({"format": "json", "text": "{", "name": "r.json"});
    let answer: Value = serde_json::from_str(&context.call(&request.to_string())).unwrap();
    let errors = answer["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{answer}");
    assert_eq!(errors[1]["path"], "registry");
    assert!(
        errors[1]["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid registry json in `r.json` at line 1, column 1: "),
        "{answer}"
    );

    // An unknown field inside an input, and malformed inputs.
    let cases = [
        (
            json!({"format": "toml", "text": "", "colour": 1}),
            "directive.colour",
        ),
        (json!({"format": "yaml", "text": ""}), "directive.format"),
        (json!({"format": "toml", "value": {}}), "directive"),
        (
            json!({"format": "json", "text": "{}", "value": {}}),
            "directive",
        ),
        (json!({"format": "json"}), "directive"),
    ];
    for (input, want) in cases {
        let mut request = with(inputs(), json!({"schema_version": 1, "call": "lint"}));
        request["directive"] = input.clone();
        let (path, message) = failure(&context, &request.to_string());
        assert_eq!(path, want, "{input}: {message}");
    }

    // An event for an obligation that does not exist.
    let request = with(
        inputs(),
        json!({
            "schema_version": 1, "call": "evaluate", "horizon": "2024", "as_of": "2025-01-01",
            "default_regime": "decree_09_half_yearly", "lang": "en",
            "events": {"format": "json", "name": "log.json", "value": {"events": [
                {"obligation": "1470-CV/TU@2024-02-22/10.1/NOBODY/2024-H1", "date": "2024-06-01", "kind": "completed"}
            ]}},
        }),
    );
    let (path, message) = failure(&context, &request.to_string());
    assert_eq!(path, "events");
    assert!(
        message.starts_with("invalid event log json in `log.json` at line 1, column "),
        "{message}"
    );
    assert!(message.contains("NOBODY"), "{message}");
}

#[test]
fn a_huge_value_is_quoted_within_a_bound() {
    let context = context();
    let huge = "9".repeat(100_000);
    let (path, message) = failure(
        &context,
        &format!(r#"{{"schema_version": 1, "call": "day", "date": "{huge}"}}"#),
    );
    assert_eq!(path, "date");
    assert!(message.len() < 400, "{} bytes", message.len());
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    fn valid_calls() -> Vec<String> {
        [
            json!({"schema_version": 1, "call": "add_working_days", "date": "2024-02-07", "days": 1}),
            json!({"schema_version": 1, "call": "working_days_between", "from": "2025-01-20", "to": "2025-02-10"}),
            json!({"schema_version": 1, "call": "deadline", "anchor": "2024-02-06", "term": "10 working days"}),
            json!({"schema_version": 1, "call": "schedule", "regime": "decree_09_monthly", "from": "2024-01-01", "to": "2024-03-01"}),
            json!({"schema_version": 1, "call": "day", "date": "2024-09-02"}),
            json!({"schema_version": 1, "call": "lint",
                   "directive": {"format": "toml", "text": "[document]\nsymbol = \"05/CT-UBND\"\nissued = 2024-01-02\n"},
                   "registry": {"format": "json", "value": {"bodies": []}}}),
        ]
        .iter()
        .map(Value::to_string)
        .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Any edit of a valid call gets an answer that is json, success or failure.
        #[test]
        fn every_answer_is_success_or_failure(
            which in 0usize..6,
            at in any::<prop::sample::Index>(),
            cut in 0usize..40,
            insert in "[0-9a-z\"{}\\[\\],:.\\- ]{0,12}",
        ) {
            let context = super::context();
            let call = &valid_calls()[which];
            let start = at.index(call.len());
            let end = (start + cut).min(call.len());
            let (Some(head), Some(tail)) = (call.get(..start), call.get(end..)) else {
                return Ok(());
            };
            let edited = format!("{head}{insert}{tail}");
            let answer: Value = serde_json::from_str(&context.call(&edited)).unwrap();
            let kind = answer["type"].as_str().unwrap();
            prop_assert!(kind == "success" || kind == "failure", "{}", answer);
            if kind == "failure" {
                prop_assert!(!answer["errors"].as_array().unwrap().is_empty());
            }
        }

        /// Numbers at the edges: a count of working days beyond the calendar is a failure.
        #[test]
        fn any_count_of_working_days_is_answered(days in any::<i64>()) {
            let answer: Value = serde_json::from_str(&super::context().call(
                &json!({"schema_version": 1, "call": "add_working_days", "date": "2024-02-07", "days": days}).to_string(),
            )).unwrap();
            let kind = answer["type"].as_str().unwrap();
            prop_assert!(kind == "success" || (kind == "failure" && answer["errors"][0]["path"] == "days"), "{}", answer);
        }
    }
}

/// The JSON Schemas under `schemas/` are what the contract's types generate; run with
/// `WIRE_SCHEMA_BLESS=1` to write them again after changing the contract.
#[cfg(feature = "schema")]
#[test]
fn checked_in_schemas_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let bless = std::env::var_os("WIRE_SCHEMA_BLESS").is_some();
    let mut stale = Vec::new();
    let schemas = directives::wire::schemas();
    for (name, text) in &schemas {
        let path = dir.join(name);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    assert!(
        stale.is_empty(),
        "stale or missing schemas {stale:?}: run `WIRE_SCHEMA_BLESS=1 cargo test --all-features --test integration checked_in_schemas_are_current`"
    );
    // Every call has its request and answer schema, and each request schema refuses
    // unknown fields.
    for call in directives::wire::CallName::ALL {
        let request = schemas
            .iter()
            .find(|(n, _)| *n == format!("request/{call}.json"))
            .unwrap();
        let value: Value = serde_json::from_str(&request.1).unwrap();
        assert_eq!(value["additionalProperties"], false, "{call}");
        assert!(
            value["required"]
                .as_array()
                .unwrap()
                .contains(&json!("schema_version")),
            "{call}"
        );
        assert!(
            schemas
                .iter()
                .any(|(n, _)| *n == format!("answer/{call}.json")),
            "{call}"
        );
    }
}

#[test]
fn assess_gives_the_library_verdicts_per_criterion() {
    const CRITERIA: &str = include_str!("../../examples/data/1470-CV-TU.criteria.toml");
    let context = context();
    let events = seed_events(&context);
    let request = with(
        inputs(),
        json!({
            "schema_version": 1, "call": "assess", "horizon": "2024", "as_of": "2025-07-15",
            "default_regime": "decree_09_half_yearly", "lang": "en",
            "events": {"format": "json", "value": events.clone()},
            "criteria": {"format": "toml", "text": CRITERIA, "name": "1470-CV-TU.criteria.toml"},
        }),
    );
    let answer = ask(&context, &request);
    assert_eq!(answer["type"], "success", "{answer}");

    let letter = Directive::from_toml_str(LETTER).unwrap();
    let registry = Registry::from_toml_str(REGISTRY).unwrap();
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
    let log = Events::from_json_str(&events.to_string(), expansion.obligations()).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 7, 15).unwrap();
    let policy = EvaluationPolicy::new(calendar);
    let evaluation = evaluate(expansion.obligations(), &log, as_of, &policy).unwrap();
    let criteria = directives::criteria::Criteria::from_toml_str(CRITERIA, &registry).unwrap();
    let expected = criteria.assess(&evaluation, &registry).unwrap();

    assert_eq!(answer["verdict"], expected.verdict().as_str());
    let items = answer["criteria"].as_array().unwrap();
    assert_eq!(items.len(), expected.results().len());
    for (got, want) in items.iter().zip(expected.results()) {
        assert_eq!(got["id"], want.id());
        assert_eq!(got["verdict"], want.verdict().as_str(), "{}", want.id());
        assert_eq!(
            got["violations"].as_array().unwrap().len(),
            want.violations().len()
        );
        assert_eq!(got["title"], want.title(directives::Lang::En));
    }
    assert_eq!(
        answer["lines"].as_array().unwrap().len(),
        expected
            .display(directives::Lang::En)
            .to_string()
            .lines()
            .count()
    );

    // A criteria file that names a body the registry does not know.
    let mut request = request;
    request["criteria"]["text"] =
        json!(CRITERIA.replacen("[[criterion]]", "[[criterion]]\nid = \"x\"\nid2 = 1", 1));
    let (path, message) = failure(&context, &request.to_string());
    assert_eq!(path, "criteria");
    assert!(message.contains("1470-CV-TU.criteria.toml"), "{message}");
}

/// Events as CSV text, the same tagged input every call that takes events reads, give the
/// verdicts the same events give as JSON records.
#[test]
fn events_as_csv_text_give_the_same_verdicts() {
    let context = context();
    let events = seed_events(&context);
    let base = with(
        inputs(),
        json!({
            "schema_version": 1, "call": "evaluate", "horizon": "2024", "as_of": "2025-07-15",
            "default_regime": "decree_09_half_yearly", "lang": "en",
        }),
    );
    let mut by_json = base.clone();
    by_json["events"] = json!({"format": "json", "value": events});
    let mut by_csv = base.clone();
    by_csv["events"] =
        json!({"format": "csv", "text": EVENTS_CSV, "name": "1470-CV-TU.events.csv"});
    let json_answer = ask(&context, &by_json);
    let csv_answer = ask(&context, &by_csv);
    assert_eq!(csv_answer["type"], "success", "{csv_answer}");
    assert_eq!(csv_answer["findings"], json_answer["findings"]);
    assert_eq!(csv_answer["counts"], json_answer["counts"]);

    // A bad row names the input, its line, its column and the value.
    by_csv["events"]["text"] = json!(EVENTS_CSV.replacen("2024-06-14", "2024-06-31", 1));
    let (path, message) = failure(&context, &by_csv.to_string());
    assert_eq!(path, "events");
    assert!(
        message.starts_with("invalid event log csv in `1470-CV-TU.events.csv` at line "),
        "{message}"
    );
    assert!(message.contains("`2024-06-31`"), "{message}");
    // Only an event log may be CSV.
    let mut bad = base;
    bad["registry"]["format"] = json!("csv");
    let (path, message) = failure(&context, &bad.to_string());
    assert_eq!(path, "registry");
    assert_eq!(
        message,
        "`examples/data/thanh_hoa.toml` is toml or json, not csv (only an event log may be csv)"
    );
}

/// `report` renders the report model the library builds from the same inputs, in every
/// format; `json` gives the model itself, which a later call takes as its `previous`.
#[cfg(feature = "report")]
#[test]
fn report_renders_the_library_model_in_every_format() {
    use directives::report::{CsvTable, Detail, ReportFormat, ReportModel};

    const CRITERIA: &str = include_str!("../../examples/data/1470-CV-TU.criteria.toml");
    let context = context();
    let base = with(
        inputs(),
        json!({
            "schema_version": 1, "call": "report", "horizon": "2024", "as_of": "2025-07-15",
            "default_regime": "decree_09_half_yearly", "lang": "vi", "detail": "full",
            "events": {"format": "csv", "text": EVENTS_CSV},
            "criteria": {"format": "toml", "text": CRITERIA},
        }),
    );
    let mut json_call = base.clone();
    json_call["format"] = json!("json");
    let answer = ask(&context, &json_call);
    assert_eq!(answer["type"], "success", "{answer}");
    assert_eq!(answer["call"], "report");
    assert_eq!(answer["format"], "json");
    assert!(answer.get("text").is_none());
    let model = ReportModel::from_json_str(&answer["model"].to_string()).unwrap();
    assert_eq!(model.detail(), Detail::Full);
    assert_eq!(model.summary().total(), 68);
    assert!(!model.criteria().is_empty());

    // Each text format is the model's own renderer.
    for (format, expected) in [
        ("text", model.to_text()),
        ("md", model.to_markdown()),
        ("html", model.to_html().unwrap()),
        ("csv", model.to_csv(CsvTable::Bodies, false).unwrap()),
    ] {
        let mut call = base.clone();
        call["format"] = json!(format);
        let answer = ask(&context, &call);
        assert_eq!(answer["format"], format);
        assert_eq!(answer["text"], expected, "{format}");
        assert_eq!(
            format.parse::<ReportFormat>().unwrap().as_str(),
            format,
            "{format}"
        );
    }
    let mut call = base.clone();
    call["format"] = json!("csv");
    call["table"] = json!("exceptions");
    call["byte_order_mark"] = json!(true);
    let answer = ask(&context, &call);
    assert_eq!(
        answer["text"],
        model.to_csv(CsvTable::Exceptions, true).unwrap()
    );

    // A filter narrows the model; the previous model adds each body's change.
    let mut call = base.clone();
    call["format"] = json!("json");
    call["filter"] = json!({"levels": ["district"], "statuses": ["open_overdue"]});
    call["previous"] = json!({"format": "json", "value": answer_model(&ask(&context, &json_call))});
    let narrowed = ask(&context, &call);
    assert_eq!(narrowed["type"], "success", "{narrowed}");
    let narrowed = ReportModel::from_json_str(&narrowed["model"].to_string()).unwrap();
    assert!(narrowed.summary().total() < model.summary().total());
    assert!(narrowed.bodies().iter().all(|b| b.change().is_some()));

    // Failures name the field and the value.
    let mut call = base.clone();
    call["format"] = json!("pdf");
    let (path, message) = failure(&context, &call.to_string());
    assert_eq!(path, "format");
    assert!(message.contains("`pdf`"), "{message}");
    let mut call = base.clone();
    call["filter"] = json!({"levels": ["village"]});
    let (path, message) = failure(&context, &call.to_string());
    assert_eq!(path, "filter.levels[0]");
    assert!(message.contains("`village`"), "{message}");
    let mut call = base;
    call["previous"] = json!({"format": "toml", "text": "a = 1", "name": "last.toml"});
    let (path, message) = failure(&context, &call.to_string());
    assert_eq!(path, "previous");
    assert_eq!(
        message,
        "a previous report is the json of a report model, not `toml`"
    );
}

#[cfg(feature = "report")]
fn answer_model(answer: &Value) -> Value {
    answer["model"].clone()
}

/// An evaluation names an indicator's outcome by its code (`met`, `missed`, `no_value`),
/// as the contract documents, not by a sentence.
#[test]
fn evaluate_names_indicator_outcomes_by_code() {
    let context = context();
    let events = "clause,body,period,kind,date,value\n\
                  1,P-SYT,2024-01-10..2024-12-31,indicator_value,2024-12-20,85\n\
                  1,P-STC,2024-01-10..2024-12-31,indicator_value,2024-12-27,72.5\n";
    let request = json!({
        "schema_version": 1, "call": "evaluate", "horizon": "2024", "as_of": "2025-01-15",
        "directive": {"format": "toml", "text": include_str!("../scenarios/data/indicator.toml")},
        "registry": {"format": "toml", "text": include_str!("../scenarios/data/province.toml")},
        "events": {"format": "csv", "text": events},
    });
    let answer = ask(&context, &request);
    let findings = answer["findings"].as_array().unwrap();
    let indicator = |body: &str| {
        findings
            .iter()
            .find(|f| f["body"] == body)
            .map(|f| f["indicator"].clone())
    };
    assert_eq!(indicator("P-SYT"), Some(json!("met")), "{answer}");
    assert_eq!(indicator("P-STC"), Some(json!("missed")), "{answer}");
}

/// A failure is in the call's `lang`: English when it asks for it, else Vietnamese.
#[test]
fn failures_are_in_the_call_language() {
    let context = context();
    let cases: [(&str, &str, &str); 4] = [
        (
            r#"{"schema_version": "1", "call": "calls", "lang": "en"}"#,
            "schema_version",
            "unsupported schema version `\"1\"`: this library speaks version 1",
        ),
        (
            r#"{"schema_version": 1, "call": "day", "date": "2024-13-01", "lang": "en"}"#,
            "date",
            "invalid date `2024-13-01`: no such day",
        ),
        (
            r#"{"schema_version": 1, "call": "schedule", "regime": "monthly", "from": "2024-01-01", "to": "2024-12-31", "lang": "en"}"#,
            "regime",
            "unknown regime preset `monthly`: expected one of `decree_09_monthly`, `decree_09_quarterly`, `decree_09_half_yearly`, `decree_09_nine_monthly`, `decree_09_yearly`",
        ),
        (
            r#"{"schema_version": 1, "call": "day", "date": "2024-02-10", "colour": 1}"#,
            "colour",
            "không có trường `colour`: các trường hợp lệ là `schema_version`, `date`, `lang`",
        ),
    ];
    for (request, path, message) in cases {
        assert_eq!(
            failure(&context, request),
            (path.to_owned(), message.to_owned()),
            "{request}"
        );
    }
}

/// The errors of the inputs are in Vietnamese by default: the file, the line, the column,
/// the path and the value, named as the English names them.
#[test]
fn failures_in_inputs_are_vietnamese_by_default() {
    let context = context();
    let bad_letter = LETTER.replacen("issued = \"2024-02-22\"", "issued = \"2024-2-22\"", 1);
    let mut request = with(inputs(), json!({"schema_version": 1, "call": "lint"}));
    request["directive"]["text"] = json!(bad_letter);
    let (path, message) = failure(&context, &request.to_string());
    assert_eq!(path, "directive");
    assert!(
        message.starts_with(
            "văn bản (toml) không hợp lệ trong tệp `examples/data/1470-CV-TU.toml` tại dòng "
        ),
        "{message}"
    );
    assert!(
        message.ends_with(
            ", `document.issued`: ngày `2024-2-22` không hợp lệ: cần viết theo dạng `yyyy-mm-dd`"
        ),
        "{message}"
    );

    let mut request = with(inputs(), json!({"schema_version": 1, "call": "lint"}));
    request["registry"] = json!({"format": "toml", "name": "r.toml",
        "text": "[[bodies]]\ncode = \"A\"\nname = \"A\"\nkind = \"party_comittee\"\nlevel = \"province\"\nfrom = \"2000-01-01\"\n"});
    let (path, message) = failure(&context, &request.to_string());
    assert_eq!(path, "registry");
    assert_eq!(
        message,
        "danh sách cơ quan, đơn vị (toml) không hợp lệ trong tệp `r.toml` tại dòng 4, cột 8, `bodies[0].kind`: không có loại cơ quan, đơn vị `party_comittee`"
    );

    let request = with(
        inputs(),
        json!({
            "schema_version": 1, "call": "evaluate", "horizon": "2024", "as_of": "2025-01-01",
            "default_regime": "decree_09_half_yearly",
            "events": {"format": "csv", "name": "log.csv", "text":
                "obligation,kind,date\n1470-CV/TU@2024-02-22/10.1/NOBODY/2024-H1,completed,2024-06-01\n"},
        }),
    );
    let (path, message) = failure(&context, &request.to_string());
    assert_eq!(path, "events");
    assert!(
        message.starts_with("nhật ký sự kiện (csv) không hợp lệ trong tệp `log.csv` tại dòng 2, cột 1, `obligation`: "),
        "{message}"
    );
    assert!(message.contains("NOBODY"), "{message}");
}
