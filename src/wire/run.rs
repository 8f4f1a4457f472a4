//! Answering each call with the library.

use crate::Lang;
use crate::compliance::{Evaluation, EvaluationPolicy, Events, Status, evaluate};
use crate::criteria::Verdict;
use crate::directive::{Directive, Loader};
use crate::obligation::{Expansion, ExpansionOptions, SkipReason, obligations_with};
use crate::org::Registry;
use crate::period::Period;
use crate::regime::ReportingRegime;

use super::Context;
use super::answer::{
    Answer, AssessResult, CallsResult, Counts, CriterionItem, DateResult, DayResult,
    DeadlineResult, EvaluateResult, ExpandResult, Failure, FindingItem, GroupCountsItem, LintItem,
    LintResult, ObligationItem, Outcome, ScheduleItem, ScheduleResult, SkippedDayItem, SkippedItem,
    Success, UndecidedItem, ViolationItem, Warning, WireError, WorkingDaysResult,
};
use super::request::{
    AddWorkingDaysRequest, AssessRequest, CallName, DayRequest, DeadlineRequest, EvaluateRequest,
    EvaluationInputs, ExpandRequest, Format, Input, LintRequest, Request, ScheduleRequest,
    WorkingDaysBetweenRequest,
};

/// A call's result and its warnings, or its errors.
type Answered = Result<(Outcome, Vec<Warning>), Vec<WireError>>;

pub(super) fn answer(context: &Context, request: &Request) -> Answer {
    let answered = match request {
        Request::Lint(r) => lint(context, r),
        Request::Expand(r) => expand(context, r),
        Request::Evaluate(r) => evaluate_call(context, r),
        Request::Assess(r) => assess(context, r),
        Request::Deadline(r) => deadline(context, r),
        Request::Schedule(r) => schedule(context, r),
        Request::AddWorkingDays(r) => add_working_days(context, r),
        Request::WorkingDaysBetween(r) => working_days_between(context, r),
        Request::Day(r) => day(context, r),
        Request::Calls(_) => Ok((
            Outcome::Calls(CallsResult {
                version: env!("CARGO_PKG_VERSION").to_owned(),
                calls: CallName::ALL
                    .into_iter()
                    .filter(|c| cfg!(feature = "report") || *c != CallName::Report)
                    .collect(),
            }),
            Vec::new(),
        )),
        #[cfg(feature = "report")]
        Request::Report(r) => report(context, r),
    };
    match answered {
        Ok((outcome, warnings)) => Answer::Success(Success {
            schema_version: super::SCHEMA_VERSION,
            outcome,
            warnings,
        }),
        Err(errors) => Answer::Failure(Failure {
            schema_version: super::SCHEMA_VERSION,
            errors,
        }),
    }
}

fn error(path: &str, message: impl Into<String>) -> Vec<WireError> {
    vec![WireError {
        path: path.to_owned(),
        message: message.into(),
    }]
}

/// An input's text: its `text`, or its `value` written as JSON.
fn text_of(input: &Input, path: &str, lang: Lang) -> Result<String, Vec<WireError>> {
    if input.format == Format::Csv && path != "events" {
        let name = input
            .name
            .as_ref()
            .map(|n| format!("{} ", crate::text::quote(n)))
            .unwrap_or_default();
        return Err(error(
            path,
            match lang {
                Lang::Vi => format!(
                    "{name}phải là toml hoặc json, không phải csv (chỉ nhật ký sự kiện mới được \
                     là csv)"
                ),
                Lang::En => {
                    format!("{name}is toml or json, not csv (only an event log may be csv)")
                }
            },
        ));
    }
    match (&input.text, &input.value) {
        (Some(text), None) => Ok(text.clone()),
        (None, Some(value)) if input.format == Format::Json => Ok(value.to_string()),
        (None, Some(_)) => {
            let format = crate::text::quote(input.format.as_str());
            Err(error(
                path,
                match lang {
                    Lang::Vi => format!(
                        "`value` là json: hãy ghi `\"format\": \"json\"`, không phải {format}"
                    ),
                    Lang::En => {
                        format!("a `value` is json: give `\"format\": \"json\"`, not {format}")
                    }
                },
            ))
        }
        (Some(_), Some(_)) => Err(error(
            path,
            lang.pick(
                "hãy ghi `text` hoặc `value`, không ghi cả hai",
                "give `text` or `value`, not both",
            ),
        )),
        (None, None) => Err(error(
            path,
            lang.pick(
                "hãy ghi dữ liệu vào `text` hoặc vào `value` dạng json",
                "give the input as `text` or as a json `value`",
            ),
        )),
    }
}

/// Prefixes a message with the input's name when the message does not name it already.
fn named(input: &Input, message: String) -> String {
    match &input.name {
        Some(name) if !message.contains(name.as_str()) => {
            format!("{}: {message}", crate::text::quote(name))
        }
        _ => message,
    }
}

/// Reads an input with the loader of its kind (TOML or JSON), its errors at `path`.
fn read<L: crate::load::TextLoader>(
    input: &Input,
    path: &str,
    loader: L,
    lang: Lang,
) -> Result<L::Output, Vec<WireError>> {
    let text = text_of(input, path, lang)?;
    let format = match input.format {
        Format::Json => crate::load::Format::Json,
        Format::Toml | Format::Csv => crate::load::Format::Toml,
    };
    crate::load::read_with(loader, format, input.name.as_deref(), &text)
        .map_err(|e| error(path, named(input, L::sentence(&e, lang))))
}

fn registry(input: &Input, lang: Lang) -> Result<Registry, Vec<WireError>> {
    read(input, "registry", crate::org::Loader::new(), lang)
}

fn directive(input: &Input, lang: Lang) -> Result<Directive, Vec<WireError>> {
    read(input, "directive", Loader::new(), lang)
}

/// Reads the directive and the registry, reporting both when both are bad.
fn inputs(
    directive_input: &Input,
    registry_input: &Input,
    lang: Lang,
) -> Result<(Directive, Registry), Vec<WireError>> {
    match (
        directive(directive_input, lang),
        registry(registry_input, lang),
    ) {
        (Ok(d), Ok(r)) => Ok((d, r)),
        (d, r) => {
            let mut errors = d.err().unwrap_or_default();
            errors.extend(r.err().unwrap_or_default());
            Err(errors)
        }
    }
}

fn lint(context: &Context, request: &LintRequest) -> Answered {
    let lang = request.lang;
    let (directive, registry) = inputs(&request.directive, &request.registry, lang)?;
    let lints = directive
        .lint(&registry, context.calendar())
        .map_err(|e| error("directive", named(&request.directive, e.sentence(lang))))?;
    let lints = lints
        .iter()
        .map(|l| LintItem {
            code: l.code().as_str().to_owned(),
            severity: l.severity(),
            path: l.location().path(),
            place: l.location().sentence(lang),
            message: l.sentence(lang).to_owned(),
        })
        .collect();
    let document = directive.document();
    Ok((
        Outcome::Lint(LintResult {
            directive: format!("{}@{}", document.symbol(), directive.issued()),
            lints,
        }),
        Vec::new(),
    ))
}

fn regime(name: &str, path: &str, lang: Lang) -> Result<ReportingRegime, Vec<WireError>> {
    ReportingRegime::preset(name).ok_or_else(|| {
        let name = crate::text::quote(name);
        let names = crate::regime::preset_names();
        error(
            path,
            match lang {
                Lang::Vi => {
                    format!("không có chế độ báo cáo mẫu {name}: các chế độ hợp lệ là {names}")
                }
                Lang::En => format!("unknown regime preset {name}: expected one of {names}"),
            },
        )
    })
}

fn options(
    default_regime: Option<&String>,
    regimes: &[String],
    lang: Lang,
) -> Result<ExpansionOptions, Vec<WireError>> {
    let mut options = ExpansionOptions::new();
    if let Some(name) = default_regime {
        options = options.default_regime(regime(name, "default_regime", lang)?);
    }
    for (i, name) in regimes.iter().enumerate() {
        options = options.regime_for(regime(name, &format!("regimes[{i}]"), lang)?);
    }
    Ok(options)
}

fn expansion(
    context: &Context,
    directive: &Directive,
    registry: &Registry,
    horizon: Period,
    options: &ExpansionOptions,
    lang: Lang,
) -> Result<Expansion, Vec<WireError>> {
    obligations_with(directive, registry, context.calendar(), horizon, options).map_err(|e| {
        let e = crate::Error::from(e).sentence(lang);
        error(
            "directive",
            match lang {
                Lang::Vi => format!("không lập được danh sách nhiệm vụ của văn bản: {e}"),
                Lang::En => format!("cannot expand the directive: {e}"),
            },
        )
    })
}

fn skip_code(reason: SkipReason) -> &'static str {
    match reason {
        SkipReason::NoRegime => "no_regime",
        SkipReason::FrequencyMismatch { .. } => "frequency_mismatch",
        SkipReason::NoDeadline => "no_deadline",
        SkipReason::DueOutsideHorizon { .. } => "due_outside_horizon",
        SkipReason::NoBodies => "no_bodies",
        SkipReason::Continuous => "continuous",
        SkipReason::OutsideDirectiveHorizon { .. } => "outside_directive_horizon",
        SkipReason::PeriodOutsideDirectiveHorizon { .. } => "period_outside_directive_horizon",
        SkipReason::BeforeIssue { .. } => "before_issue",
    }
}

fn skipped(expansion: &Expansion, lang: Lang) -> Vec<SkippedItem> {
    expansion
        .skipped()
        .iter()
        .map(|s| SkippedItem {
            clause: s.clause().as_str().to_owned(),
            requirement: s.requirement().number(),
            reason: skip_code(s.reason()).to_owned(),
            message: s.reason().sentence(lang),
        })
        .collect()
}

fn expand(context: &Context, request: &ExpandRequest) -> Answered {
    let lang = request.lang;
    let (directive, registry) = inputs(&request.directive, &request.registry, lang)?;
    let options = options(request.default_regime.as_ref(), &request.regimes, lang)?;
    let expansion = expansion(
        context,
        &directive,
        &registry,
        request.horizon,
        &options,
        lang,
    )?;
    let store = expansion.obligations();
    let obligations = store
        .ids()
        .filter_map(|id| store.get(id))
        .map(|o| ObligationItem {
            reference: o.key().to_string(),
            body: o.key().body().to_string(),
            holder: o.holder().to_string(),
            period: o.key().period().to_string(),
            due: o.due_date(),
            role: o.role(),
            target: o.target().map(crate::obligation::Target::get),
        })
        .collect();
    Ok((
        Outcome::Expand(ExpandResult {
            obligations,
            skipped: skipped(&expansion, request.lang),
        }),
        Vec::new(),
    ))
}

/// Reads an event log in its format (CSV, JSON or TOML), naming its obligations by
/// reference, or by clause, body and period of the directive.
fn events(
    input: &Input,
    directive: &Directive,
    store: &crate::obligation::Obligations,
    lang: Lang,
) -> Result<Events, Vec<WireError>> {
    let text = text_of(input, "events", lang)?;
    let mut loader = crate::compliance::EventLoader::new(store).directive(directive.key());
    if let Some(name) = &input.name {
        loader = loader.origin(name.clone());
    }
    let read = match input.format {
        Format::Json => loader.json(&text),
        Format::Toml => loader.toml(&text),
        #[cfg(feature = "csv")]
        Format::Csv => loader.csv(&text),
        #[cfg(not(feature = "csv"))]
        Format::Csv => {
            return Err(error(
                "events",
                lang.pick(
                    "nhật ký sự kiện dạng csv cần thư viện được dựng với tính năng `csv`",
                    "a csv event log needs the library built with its `csv` feature",
                ),
            ));
        }
    };
    read.map_err(|e| error("events", named(input, e.sentence(lang))))
}

/// Reads the inputs, expands the directive, evaluates it, and hands everything to `f`.
fn with_evaluation<T>(
    context: &Context,
    given: &EvaluationInputs,
    lang: Lang,
    f: impl FnOnce(&Registry, &Expansion, &Evaluation<'_>) -> Result<T, Vec<WireError>>,
) -> Result<T, Vec<WireError>> {
    let (directive, registry) = inputs(&given.directive, &given.registry, lang)?;
    let options = options(given.default_regime.as_ref(), &given.regimes, lang)?;
    let expansion = expansion(
        context,
        &directive,
        &registry,
        given.horizon,
        &options,
        lang,
    )?;
    let store = expansion.obligations();
    let events = match &given.events {
        None => Events::new(),
        Some(input) => events(input, &directive, store, lang)?,
    };
    let policy = EvaluationPolicy::new(context.calendar.clone()).with_grace_days(given.grace_days);
    let evaluation = evaluate(store, &events, given.as_of, &policy).map_err(|e| {
        let e = crate::Error::from(e).sentence(lang);
        error(
            "",
            match lang {
                Lang::Vi => format!("không đánh giá được: {e}"),
                Lang::En => format!("cannot evaluate: {e}"),
            },
        )
    })?;
    f(&registry, &expansion, &evaluation)
}

/// The requirements that gave no obligation, as warnings in `lang`.
fn skipped_warnings(expansion: &Expansion, lang: Lang) -> Vec<Warning> {
    expansion
        .skipped()
        .iter()
        .map(|s| Warning {
            code: "skipped".to_owned(),
            message: match lang {
                Lang::Vi => format!(
                    "{} không phát sinh nghĩa vụ: {}",
                    s.place(lang),
                    s.reason().sentence(lang)
                ),
                Lang::En => format!(
                    "clause {}, requirement {} gives no obligation: {}",
                    s.clause().as_str(),
                    s.requirement().number(),
                    s.reason().sentence(lang)
                ),
            },
        })
        .collect()
}

fn evaluate_call(context: &Context, request: &EvaluateRequest) -> Answered {
    with_evaluation(
        context,
        &request.inputs,
        request.lang,
        |_, expansion, evaluation| Ok(evaluation_result(request.lang, expansion, evaluation)),
    )
}

fn assess(context: &Context, request: &AssessRequest) -> Answered {
    with_evaluation(
        context,
        &request.inputs,
        request.lang,
        |registry, expansion, evaluation| {
            let assessment = assessment(&request.criteria, registry, evaluation, request.lang)?;
            let lang = request.lang;
            let items = assessment
                .results()
                .iter()
                .map(|r| {
                    let groups = r.groups();
                    CriterionItem {
                        id: r.id().to_owned(),
                        title: r.title(lang).to_owned(),
                        provision: r.provision().to_owned(),
                        severity: r.severity(),
                        in_force: r.in_force(),
                        verdict: r.verdict(),
                        groups: GroupCountsItem {
                            satisfied: groups.get(Verdict::Satisfied),
                            violated: groups.get(Verdict::Violated),
                            indeterminate: groups.get(Verdict::Indeterminate),
                            not_applicable: groups.get(Verdict::NotApplicable),
                        },
                        violations: r
                            .violations()
                            .iter()
                            .map(|v| ViolationItem {
                                group: v.key().to_string(),
                                at: v.at().map(|p| p.to_string()),
                                value: v.measured().value(),
                                numerator: v.measured().numerator(),
                                denominator: v.measured().denominator(),
                                witnesses: v.witnesses().iter().map(ToString::to_string).collect(),
                                witness_count: v.witness_count(),
                            })
                            .collect(),
                        undecided: r
                            .undecided()
                            .iter()
                            .map(|u| UndecidedItem {
                                group: u.key().to_string(),
                                reason: u.reason().sentence(lang),
                            })
                            .collect(),
                        unsettled: r.unsettled().iter().map(ToString::to_string).collect(),
                    }
                })
                .collect();
            let lines = assessment
                .display(lang)
                .to_string()
                .lines()
                .map(str::to_owned)
                .collect();
            Ok((
                Outcome::Assess(AssessResult {
                    as_of: assessment.as_of(),
                    verdict: assessment.verdict(),
                    criteria: items,
                    lines,
                }),
                skipped_warnings(expansion, lang),
            ))
        },
    )
}

/// Reads criteria and judges an evaluation against them.
fn assessment(
    input: &Input,
    registry: &Registry,
    evaluation: &Evaluation<'_>,
    lang: Lang,
) -> Result<crate::criteria::Assessment, Vec<WireError>> {
    let criteria = read(
        input,
        "criteria",
        crate::criteria::Loader::new(registry),
        lang,
    )?;
    criteria
        .assess(evaluation, registry)
        .map_err(|e| error("criteria", named(input, e.sentence(lang))))
}

#[cfg(feature = "report")]
fn report(context: &Context, request: &super::request::ReportRequest) -> Answered {
    use super::answer::ReportResult;
    use crate::report::{ReportFormat, ReportModel};

    let previous = match &request.previous {
        None => None,
        Some(input) => {
            if input.format != Format::Json {
                return Err(error(
                    "previous",
                    format!(
                        "a previous report is the json of a report model, not {}",
                        crate::text::quote(input.format.as_str())
                    ),
                ));
            }
            let text = text_of(input, "previous", request.lang)?;
            Some(
                ReportModel::from_json_str(&text)
                    .map_err(|e| match &input.name {
                        Some(name) => e.with_origin(name.clone()),
                        None => e,
                    })
                    .map_err(|e| error("previous", named(input, e.to_string())))?,
            )
        }
    };
    with_evaluation(
        context,
        &request.inputs,
        request.lang,
        |registry, expansion, evaluation| {
            let assessment = match &request.criteria {
                Some(input) => Some(assessment(input, registry, evaluation, request.lang)?),
                None => None,
            };
            let mut builder = ReportModel::builder(evaluation, registry)
                .lang(request.lang)
                .detail(request.detail)
                .filter(request.filter.clone());
            if let Some(assessment) = &assessment {
                builder = builder.criteria(assessment);
            }
            if let Some(previous) = &previous {
                builder = builder.previous(previous);
            }
            let model = builder.build();
            let result = if request.format == ReportFormat::Json {
                ReportResult {
                    format: request.format,
                    text: None,
                    model: Some(Box::new(model)),
                }
            } else {
                let text = model
                    .render(request.format, request.table, request.byte_order_mark)
                    .map_err(|e| error("format", e.to_string()))?;
                ReportResult {
                    format: request.format,
                    text: Some(text),
                    model: None,
                }
            };
            Ok((
                Outcome::Report(result),
                skipped_warnings(expansion, request.lang),
            ))
        },
    )
}

fn evaluation_result(
    lang: Lang,
    expansion: &Expansion,
    evaluation: &Evaluation<'_>,
) -> (Outcome, Vec<Warning>) {
    let report = evaluation.to_findings();
    let mut counts = Counts::default();
    let findings = report
        .findings()
        .iter()
        .map(|f| {
            counts.total += 1;
            *match f.status() {
                Status::DoneOnTime => &mut counts.done_on_time,
                Status::DoneLate => &mut counts.done_late,
                Status::OpenWithinDeadline => &mut counts.open_within_deadline,
                Status::OpenOverdue => &mut counts.open_overdue,
                Status::Waived => &mut counts.waived,
                Status::NotApplicable => &mut counts.not_applicable,
            } += 1;
            let explanation = f.explanation();
            FindingItem {
                obligation: f.obligation().to_string(),
                body: f.body().to_string(),
                assigned_body: f.assigned_body().map(ToString::to_string),
                role: f.role(),
                status: f.status(),
                label: f.status().label(lang).to_owned(),
                rule_id: explanation.rule_id().to_owned(),
                provision: explanation.provision(lang).map(str::to_owned),
                original_due: f.original_due(),
                effective_due: f.effective_due(),
                decided_on: f.decided_on(),
                days_late: f.lateness().calendar_days(),
                working_days_late: f.lateness().working_days(),
                due_soon: f.is_due_soon(),
                indicator: f.indicator().map(|i| i.code().to_owned()),
                explanation: explanation.sentence(lang),
            }
        })
        .collect();
    let diagnostics = report
        .diagnostics()
        .iter()
        .map(|d| d.sentence(lang))
        .collect();
    (
        Outcome::Evaluate(EvaluateResult {
            as_of: report.as_of(),
            counts,
            findings,
            diagnostics,
        }),
        skipped_warnings(expansion, lang),
    )
}

fn deadline(context: &Context, request: &DeadlineRequest) -> Answered {
    let end = request
        .term
        .explain(request.anchor, context.calendar())
        .map_err(|e| error("anchor", crate::Error::from(e).sentence(request.lang)))?;
    let lang = request.lang;
    // One warning per run of days off of one kind resting on a fact below verified.
    let mut runs: Vec<(String, crate::provenance::Certainty, Vec<chrono::NaiveDate>)> = Vec::new();
    let skipped = end
        .skipped()
        .iter()
        .map(|day| {
            let kind = day.kind();
            let certainty = kind.provenance().map(|p| p.certainty());
            if let Some(c) = certainty
                && c < crate::provenance::Certainty::Verified
            {
                let what = kind.sentence(lang);
                match runs.last_mut() {
                    Some((last, lc, dates)) if *last == what && *lc == c => dates.push(day.date()),
                    _ => runs.push((what, c, vec![day.date()])),
                }
            }
            SkippedDayItem {
                date: day.date(),
                description: kind.sentence(lang),
                certainty: certainty.map(|c| c.label(Lang::En).to_owned()),
            }
        })
        .collect();
    let warnings = runs
        .into_iter()
        .map(|(what, certainty, dates)| {
            let days = match (dates.first(), dates.last()) {
                (Some(first), Some(last)) if first != last => format!(
                    "{} {} `{first}` {} `{last}`",
                    dates.len(),
                    lang.pick("ngày từ", "days from"),
                    lang.pick("đến", "to")
                ),
                (Some(first), _) => format!("`{first}`"),
                _ => String::new(),
            };
            let certainty = certainty.label(lang);
            Warning {
                code: "unverified_day".to_owned(),
                message: match lang {
                    Lang::Vi => format!(
                        "thời hạn bỏ qua {days} ({what}), mà lịch ghi nhận là {certainty}, \
                         chưa kiểm chứng"
                    ),
                    Lang::En => format!(
                        "the deadline skips {days} ({what}), which the calendar holds as \
                         {certainty}, not verified"
                    ),
                },
            }
        })
        .collect();
    Ok((
        Outcome::Deadline(DeadlineResult {
            anchor: end.anchor(),
            term: end.term().to_string(),
            nominal_end: end.nominal_end(),
            end: end.end(),
            skipped,
            provisions: end
                .provision_labels(lang)
                .into_iter()
                .map(str::to_owned)
                .collect(),
        }),
        warnings,
    ))
}

fn schedule(context: &Context, request: &ScheduleRequest) -> Answered {
    let regime = regime(&request.regime, "regime", request.lang)?;
    if request.to < request.from {
        let (to, from) = (request.to, request.from);
        return Err(error(
            "to",
            match request.lang {
                Lang::Vi => {
                    format!("ngày cuối `{to}` (`to`) sớm hơn ngày đầu `{from}` (`from`)")
                }
                Lang::En => format!("`to` `{to}` is before `from` `{from}`"),
            },
        ));
    }
    let periods = regime
        .schedule(request.from, request.to, context.calendar())
        .map_err(|e| error("", crate::Error::from(e).sentence(request.lang)))?
        .iter()
        .map(|p| {
            let (window_start, window_end) = p.data_window();
            ScheduleItem {
                period: p.period().to_string(),
                window_start,
                window_end,
                due: p.due(),
            }
        })
        .collect();
    Ok((
        Outcome::Schedule(ScheduleResult {
            regime: regime.name().to_owned(),
            periods,
        }),
        Vec::new(),
    ))
}

fn add_working_days(context: &Context, request: &AddWorkingDaysRequest) -> Answered {
    let date = context
        .calendar()
        .add_working_days(request.date, request.days)
        .map_err(|e| error("days", e.sentence(Lang::Vi)))?;
    Ok((Outcome::AddWorkingDays(DateResult { date }), Vec::new()))
}

fn working_days_between(context: &Context, request: &WorkingDaysBetweenRequest) -> Answered {
    let working_days = context
        .calendar()
        .working_days_between(request.from, request.to)
        .map_err(|e| error("", e.sentence(Lang::Vi)))?;
    Ok((
        Outcome::WorkingDaysBetween(WorkingDaysResult { working_days }),
        Vec::new(),
    ))
}

fn day(context: &Context, request: &DayRequest) -> Answered {
    let kind = context
        .calendar()
        .day_info(request.date)
        .map_err(|e| error("date", e.sentence(request.lang)))?;
    let code = match &kind {
        crate::calendar::DayKind::Working => "working",
        crate::calendar::DayKind::WeeklyRest => "weekly_rest",
        crate::calendar::DayKind::Holiday(_) => "holiday",
        crate::calendar::DayKind::ScheduledDayOff(_) => "scheduled_day_off",
        crate::calendar::DayKind::Compensatory { .. } => "compensatory",
        crate::calendar::DayKind::MakeUpWorkingDay(_) => "make_up_working_day",
    };
    Ok((
        Outcome::Day(DayResult {
            date: request.date,
            working: kind.is_working(),
            kind: code.to_owned(),
            description: kind.sentence(request.lang),
            certainty: kind
                .provenance()
                .map(|p| p.certainty().label(Lang::En).to_owned()),
        }),
        Vec::new(),
    ))
}
