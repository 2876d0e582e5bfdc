//! "How we know": every published outcome the model is checked against, a row each, grouped by the drugs the
//! study gave, the rows about the drugs on screen first; its accepted range a bar and the model's value a dot,
//! with the scores in plain words. Read from `evidence.json` (`hpg-sim validate --json`, held current by
//! `tests/validation.rs`), fetched the first time the section opens: the first chart never waits for it.

use super::state::use_page;
use crate::model::analyses::evidence::{axis, group_words};
use crate::model::json::{self, Value};
use crate::model::lang::{say, t};
use crate::model::{Agent, Output};
use leptos::prelude::*;
use std::sync::Arc;

/// One published outcome as the page shows it.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    given: Vec<Agent>,
    stopped: Vec<Agent>,
    case: String,
    source: String,
    quantity: String,
    stat: String,
    published: String,
    low: f64,
    high: f64,
    model: Option<f64>,
    pass: bool,
}

/// The evidence file: the scores and the rows.
#[derive(Clone, Debug, PartialEq)]
struct Evidence {
    passed: usize,
    total: usize,
    cross_validated: usize,
    cross_validated_of: usize,
    rows: Vec<Row>,
}

fn field<'a>(members: &'a [(String, Value)], key: &str) -> Option<&'a Value> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

fn number_of(v: Option<&Value>) -> Option<f64> {
    match v {
        Some(Value::Number(n)) => n.parse().ok(),
        _ => None,
    }
}

fn agents_of(v: Option<&Value>) -> Vec<Agent> {
    match v {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| Agent::ALL.into_iter().find(|a| matches!(i, Value::String(k) if k == a.key())))
            .collect(),
        _ => Vec::new(),
    }
}

/// Reads the evidence file; a file this page cannot read says so (it is the page's own file: a stale cache).
fn parse(text: &str) -> Result<Evidence, String> {
    let Ok(Value::Object(doc)) = json::parse(text) else { return Err(t("the evidence file is not readable").into()) };
    let count = |k: &str| number_of(field(&doc, k)).map_or(0, |v| v as usize);
    let Some(Value::Array(rows)) = field(&doc, "rows") else { return Err(t("the evidence file has no rows").into()) };
    let rows = rows
        .iter()
        .filter_map(|r| {
            let Value::Object(m) = r else { return None };
            Some(Row {
                given: agents_of(field(m, "given")),
                stopped: agents_of(field(m, "stopped")),
                case: text_of(field(m, "case")),
                source: text_of(field(m, "source")),
                quantity: text_of(field(m, "quantity")),
                stat: text_of(field(m, "stat")),
                published: text_of(field(m, "published")),
                low: number_of(field(m, "low"))?,
                high: number_of(field(m, "high"))?,
                model: number_of(field(m, "model")),
                pass: matches!(field(m, "pass"), Some(Value::Bool(true))),
            })
        })
        .collect();
    Ok(Evidence {
        passed: count("passed"),
        total: count("total"),
        cross_validated: count("cross_validated"),
        cross_validated_of: count("cross_validated_of"),
        rows,
    })
}

/// What a row measured, in words: the quantity's name and the statistic.
fn measured_words(quantity: &str, stat: &str) -> String {
    let what = Output::from_key(quantity).map_or_else(|| quantity.to_string(), |o| t(o.label()).to_string());
    let how = match stat {
        "mean" => t("mean"),
        "max" => t("highest"),
        "min" => t("lowest"),
        "fraction" => t("share of men"),
        "first_day_above" => t("first day above"),
        "first_day_below" => t("first day below"),
        other => other,
    };
    format!("{what}, {how}")
}

fn value_words(v: f64) -> String {
    crate::model::units::format_value(v)
}

/// A row's bar: the accepted range and the model's value on the row's own axis.
fn bar(r: &Row) -> String {
    let at = axis(r.low, r.high, r.model);
    let (x0, x1) = (100.0 * at(r.low), 100.0 * at(r.high));
    let dot = r.model.filter(|v| v.is_finite()).map_or(String::new(), |v| {
        format!(
            r#"<circle cx="{:.1}" cy="6" r="4" class="{}"/>"#,
            100.0 * at(v),
            if r.pass { "inside" } else { "outside" }
        )
    });
    format!(
        r#"<svg class="evidence-bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true"><rect x="{x0:.1}" y="3" width="{:.1}" height="6"/>{dot}</svg>"#,
        (x1 - x0).max(1.0)
    )
}

/// The section: closed until opened; its file fetched the first time.
#[component]
pub fn HowWeKnow() -> impl IntoView {
    let page = use_page();
    let loaded = RwSignal::new(None::<Result<Arc<Evidence>, String>>);
    let asked = StoredValue::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
        if open && !asked.get_value() {
            asked.set_value(true);
            leptos::task::spawn_local(async move {
                let read = super::i18n::fetch_text("evidence.json").await.and_then(|text| parse(&text));
                loaded.set(Some(read.map(Arc::new)));
            });
        }
    };
    // The drugs on screen: those given from week 0 and those stopped before it.
    let on_screen = move || {
        page.scenario.with(|s| {
            let agents = |ds: &[crate::model::Dosing]| ds.iter().map(|d| d.agent).collect::<Vec<_>>();
            (agents(&s.regimen), agents(&s.history))
        })
    };
    let body = move || {
        let evidence = match loaded.get() {
            None => return view! { <p class="evidence-status" role="status">{t("Loading the studies.")}</p> }.into_any(),
            Some(Err(e)) => {
                return view! { <p class="field-error" role="alert">{say("The studies could not be loaded ({e}).", &[("e", &e)])}</p> }
                    .into_any()
            }
            Some(Ok(e)) => e,
        };
        let share = |n: usize, of: usize| format!("{:.0}", 100.0 * n as f64 / of.max(1) as f64);
        let headline = say(
            "The model reproduces {passed} of {total} published outcomes ({share} %) with one set of parameters fitted to all \
             of them at once. With each study left out of the fit, it reproduces {cv} of {cv_of} ({cv_share} %): that is \
             our honest forecast for a study it has not seen.",
            &[
                ("passed", &evidence.passed),
                ("total", &evidence.total),
                ("share", &share(evidence.passed, evidence.total)),
                ("cv", &evidence.cross_validated),
                ("cv_of", &evidence.cross_validated_of),
                ("cv_share", &share(evidence.cross_validated, evidence.cross_validated_of)),
            ],
        );
        // Groups in file order, those about the drugs on screen first.
        // A study that gave the drugs given on screen counts most, one that stopped what was stopped next.
        let (given, stopped) = on_screen();
        let mut groups: Vec<(String, usize, Vec<&Row>)> = Vec::new();
        for r in &evidence.rows {
            let name = group_words(&r.given, &r.stopped);
            match groups.iter_mut().find(|g| g.0 == name) {
                Some(g) => g.2.push(r),
                None => {
                    let about = 2 * r.given.iter().filter(|a| given.contains(a)).count()
                        + r.stopped.iter().filter(|a| stopped.contains(a)).count();
                    groups.push((name, about, vec![r]));
                }
            }
        }
        groups.sort_by_key(|g| std::cmp::Reverse(g.1));
        let tables = groups
            .into_iter()
            .map(|(name, score, rows)| {
                let about = score > 0;
                let rows = rows
                    .into_iter()
                    .map(|r| {
                        let model = r.model.map_or_else(|| t("not simulated").to_string(), value_words);
                        let verdict = if r.pass { t("inside") } else { t("outside") };
                        view! {
                            <tr class:outside=!r.pass>
                                // The study's own words stay as published (English), marked so a reader hears them so.
                                <th scope="row"><span lang="en" title=r.source.clone()>{r.case.clone()}</span></th>
                                <td>{measured_words(&r.quantity, &r.stat)}</td>
                                <td class="published" lang="en">{r.published.clone()}</td>
                                <td>{format!("{}-{}", value_words(r.low), value_words(r.high))}</td>
                                <td>{model}</td>
                                <td class="evidence-mark" inner_html=bar(r)></td>
                                <td>{verdict}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <h3 class:about=about>{name}</h3>
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t("Published outcomes")>
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t("Study")}</th>
                                    <th scope="col">{t("Measured")}</th>
                                    <th scope="col">{t("Published")}</th>
                                    <th scope="col">{t("Accepted range")}</th>
                                    <th scope="col">{t("Model")}</th>
                                    <th scope="col"><span class="sr-only">{t("Range and model")}</span></th>
                                    <th scope="col">{t("Model inside the range?")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })
            .collect_view();
        view! {
            <p class="evidence-headline" data-testid="evidence-headline">{headline}</p>
            <p class="hint">{t("Each row: the range a study's result allows (bar) and the model's value (dot: filled green inside, red outside). Rows about the drugs on screen come first.")}</p>
            {tables}
        }
        .into_any()
    };
    view! {
        <details class="evidence" data-testid="evidence" on:toggle=on_toggle>
            <summary><h2>{t("How we know")}</h2>" "<span class="about-summary">{t("the model against published studies")}</span></summary>
            {body}
        </details>
    }
}
