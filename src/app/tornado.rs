//! What matters most, on the page: for an outcome, how far each trait in which men differ moves it when set
//! to its 10th and 90th percentile (a tornado chart, longest bar first), run on request one simulation per
//! task so the page never freezes, with the bars as a table for readers who cannot see them.

use super::explain::DepthText;
use super::html::{self, escape};
use super::labs::fmt;
use super::state::use_runs;
use super::tasks::next_task;
use crate::model::analyses::sensitivity::{self, Outcome, Tornado};
use crate::model::lang::{self, say};
use crate::model::Engine;
use leptos::prelude::*;
use std::fmt::Write;
use std::sync::{Arc, Mutex};

/// What the bars are and are not, at each depth.
const WHAT_THE_BARS_ARE: [&str; 3] = [
    "Each bar shows how much one difference between men changes the answer, with everything else kept typical. The longest bars are the differences that matter most for this plan. It does not say which of them you have: your own labs, fitted in Your measured labs below, can say more.",
    "One-at-a-time sensitivity: each trait of the virtual population at its 10th and 90th percentile, the others at the median. Bars are sorted by the absolute difference between the two ends; a recovery that does not come within the plan counts as its last week.",
    "Local, one-factor-at-a-time sensitivity over the log-normal between-subject spreads (docs/MODEL.md sections 8 and 10): z = -1.2816 and +1.2816 per trait, 25 simulations. Interactions between traits are not shown; a trait's ranking can change with the plan and the outcome.",
];

/// The tornado as SVG text: one row per trait, a light bar from the typical value to the value at the
/// 10th percentile, a dark one to the value at the 90th, the typical value as a vertical line.
fn svg(t: &Tornado) -> String {
    const LABEL: f64 = 350.0;
    const WIDTH: f64 = 720.0;
    const ROW: f64 = 22.0;
    let values = t.bars.iter().flat_map(|b| [b.at_p10, b.at_p90]).chain([t.typical]);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let span = (hi - lo).max(1e-9);
    let x = |v: f64| LABEL + 40.0 + (v - lo) / span * (WIDTH - LABEL - 90.0);
    let height = ROW * t.bars.len() as f64 + 24.0;
    let mut s = format!(
        "<svg class=\"tornado-svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        // The outcome's label is an English text of the catalogue: say() translates it.
        escape(&say(
            "Tornado chart of {outcome}: the bars are listed in the table below.",
            &[("outcome", &t.outcome.label())]
        ))
    );
    for (i, b) in t.bars.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" class=\"tornado-label\">{}</text>",
            LABEL,
            y + 14.0,
            escape(lang::t(b.what))
        );
        for (v, class) in [(b.at_p10, "p10"), (b.at_p90, "p90")] {
            let (a, c) = (x(t.typical).min(x(v)), x(t.typical).max(x(v)));
            let _ = write!(
                s,
                "<rect x=\"{a:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"16\" class=\"tornado-{class}\"></rect>",
                y + 2.0,
                (c - a).max(0.5)
            );
        }
    }
    let tx = x(t.typical);
    let _ = write!(
        s,
        "<line x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"0\" y2=\"{:.1}\" class=\"tornado-typical\"></line>\
         <text x=\"{tx:.1}\" y=\"{:.1}\" class=\"tornado-axis\">{}</text></svg>",
        height - 16.0,
        height - 3.0,
        escape(&say("typical {value}", &[("value", &fmt(t.typical))]))
    );
    s
}

/// An outcome's value in words: a recovery that did not come within the plan is "N or later".
fn value(t: &Tornado, v: f64) -> String {
    if t.censored(v) {
        say("{value} or later", &[("value", &fmt(v))])
    } else {
        fmt(v)
    }
}

/// The sentence that answers the question: which trait matters most, and how far it moves the outcome.
fn sentence(t: &Tornado) -> String {
    let Some(top) = t.bars.first() else { return String::new() };
    // The trait and the outcome are English texts of the catalogue: say() translates them.
    say(
        "For a man like this, {trait} matters most: at its 10th percentile among men, {outcome} {at_p10}; at its \
         90th, {at_p90} (typical: {typical}).",
        &[
            ("trait", &top.what),
            ("outcome", &t.outcome.label()),
            ("at_p10", &value(t, top.at_p10)),
            ("at_p90", &value(t, top.at_p90)),
            ("typical", &value(t, t.typical)),
        ],
    )
}

/// Runs one man of the tornado per task, then shows it; a run the page has moved on from (another
/// outcome, another run, another plan: its generation is no longer current) stops.
fn run_slice(
    run: Arc<Mutex<sensitivity::Run>>,
    gen: u64,
    engine: Arc<Engine>,
    generation: StoredValue<u64>,
    shown: RwSignal<Option<String>>,
) {
    if generation.get_value() != gen {
        return;
    }
    let mut r = run.lock().unwrap_or_else(|e| e.into_inner());
    if r.step(&engine) {
        let (done, all) = r.progress();
        let status = say("Simulating {done} of {all} men.", &[("done", &done), ("all", &all)]);
        shown.set(Some(format!("<p class=\"tornado-status\">{}</p>", escape(&status))));
        drop(r);
        next_task(move || run_slice(run, gen, engine, generation, shown));
        return;
    }
    let Some(t) = r.result() else { return };
    let rows: Vec<Vec<String>> = t
        .bars
        .iter()
        .map(|b| vec![lang::t(b.what).to_string(), value(&t, b.at_p10), value(&t, b.at_p90), fmt(b.effect())])
        .collect();
    let table = html::table(
        "tornado-table",
        &say(
            "{outcome}: each trait at its 10th and 90th percentile among men, the others typical.",
            &[("outcome", &t.outcome.label())],
        ),
        &[lang::t("Trait"), lang::t("At 10th percentile"), lang::t("At 90th percentile"), lang::t("Difference")],
        &rows,
        false,
    );
    shown.set(Some(format!(
        "<p class=\"tornado-words\" data-testid=\"tornado-words\">{}</p>{}<p class=\"tornado-legend\">{}</p><details><summary>{}</summary>{table}</details>",
        escape(&sentence(&t)),
        svg(&t),
        escape(lang::t("Light bar: the trait at its 10th percentile among men; dark bar: at its 90th.")),
        escape(lang::t("The bars as a table"))
    )));
}

/// The panel: an outcome, a button, and the tornado when it is in.
#[component]
pub fn WhatMattersMost() -> impl IntoView {
    let runs = use_runs();
    let plan = runs.plan;
    let engine = StoredValue::new(runs.model.with_value(|m| m.engine.clone()));
    let outcome = RwSignal::new(0usize);
    let shown = RwSignal::new(None::<String>);
    let generation = StoredValue::new(0u64);
    let stop = move || {
        generation.set_value(generation.get_value() + 1);
        shown.set(None);
    };
    // A change of plan makes a tornado stale: it goes (and a run stops) until asked for again.
    Effect::new(move |_| {
        plan.track();
        stop();
    });
    let start = move |_| {
        stop();
        let plan = plan.get_untracked();
        let outcome = Outcome::ALL[outcome.get_untracked()];
        // The page's own calibration of this man (cached), not a second one.
        let base = Arc::unwrap_or_clone(runs.model.with_value(|m| m.calibrated(&plan.subject)));
        let run = match sensitivity::Run::new(plan, base, outcome) {
            Ok(run) => Arc::new(Mutex::new(run)),
            Err(why) => {
                shown.set(Some(format!(
                    "<p class=\"field-error\" role=\"alert\">{}.</p>",
                    escape(&lang::t_owned(&why))
                )));
                return;
            }
        };
        let status = say("Simulating {done} of {all} men.", &[("done", &0), ("all", &25)]);
        shown.set(Some(format!("<p class=\"tornado-status\">{}</p>", escape(&status))));
        let (gen, engine) = (generation.get_value(), engine.get_value());
        next_task(move || run_slice(run, gen, engine, generation, shown));
    };
    view! {
        <section class="tornado" aria-label=lang::t("What matters most") data-testid="tornado">
            <h2>{lang::t("What matters most")}</h2>
            <div class="tornado-tools">
                <label class="field">
                    <span>{lang::t("For")}</span>
                    <select aria-label=lang::t("Outcome") on:change=move |ev| {
                        if let Some(i) = event_target_value(&ev).parse().ok().filter(|&i| i < Outcome::ALL.len()) {
                            outcome.set(i);
                            stop();
                        }
                    }>
                        {Outcome::ALL.iter().enumerate().map(|(i, o)| view! { <option value=i.to_string()>{lang::t(o.label())}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" on:click=start>{lang::t("Show what matters most")}</button>
            </div>
            <div class="tornado-body" aria-live="polite" inner_html=move || shown.get().unwrap_or_default()></div>
            <DepthText texts=WHAT_THE_BARS_ARE class="tornado-why" />
        </section>
    }
}
