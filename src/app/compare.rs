//! Two plans side by side: the current plan (A) against one kept for comparison (B). B is drawn dashed on
//! every chart; its labs and outcomes stand beside A's in one table; the link and print carry both.

use super::html;
use super::labs::fmt;
use super::state::{use_page, use_runs};
use super::words::scenario_words;
use crate::model::engine::recovery::{self, MEASURES};
use crate::model::lang::{say, t};
use crate::model::words::narrative;
use crate::model::{Output, Trajectory, Units};
use leptos::prelude::*;
use std::fmt::Write;

/// Keep the plan as B, swap A and B, clear B.
#[component]
pub fn CompareBar() -> impl IntoView {
    let page = use_page();
    let (scenario, compared) = (page.scenario, page.compared);
    let keep = move |_| compared.set(Some(scenario.get_untracked()));
    let swap = move |_| {
        if let Some(b) = compared.get_untracked() {
            compared.set(Some(scenario.get_untracked()));
            scenario.set(b);
        }
    };
    view! {
        <div class="compare-bar" data-testid="compare-bar">
            <Show
                when=move || compared.with(Option::is_some)
                fallback=move || view! {
                    <button type="button" on:click=keep>{t("Keep this plan as B")}</button>
                    <span class="compare-note">{t("then change the plan to compare the two")}</span>
                }
            >
                <p class="compare-words" data-testid="compare-words">
                    <strong>{t("Comparing A (solid) with B (dashed). ")}</strong>
                    {move || compared.with(|b| b.as_ref().map(|b| format!("B: {}", scenario_words(b))).unwrap_or_default())}
                </p>
                <button type="button" on:click=swap>{t("Swap A and B")}</button>
                <button type="button" on:click=move |_| compared.set(None)>{t("Clear B")}</button>
            </Show>
        </div>
    }
}

/// When a measure is back after therapy, in a table cell's words (days as every view dates them).
fn back_words(day: Option<f64>, horizon_days: f64) -> String {
    match day {
        Some(d) => narrative::when(d),
        None => say("not by week {week}", &[("week", &format!("{:.0}", horizon_days / 7.0))]),
    }
}

/// When counting starts and when each recovery measure is back (`recovery`), for A and B.
fn outcome_rows(a: &Trajectory, b: &Trajectory, horizon: (f64, f64)) -> Vec<Vec<String>> {
    let (ra, rb) = (recovery::of(a), recovery::of(b));
    let from =
        |r: &recovery::Recovery| r.from.map_or_else(|| t("no therapy to recover from").to_string(), narrative::when);
    let mut rows =
        vec![vec![t("Counted from (the last testosterone or hCG washed out)").to_string(), from(&ra), from(&rb)]];
    let (back_a, back_b) = ([ra.lh, ra.t, ra.sperm], [rb.lh, rb.t, rb.sperm]);
    for (k, m) in MEASURES.iter().enumerate() {
        rows.push(vec![t(m.label).to_string(), back_words(back_a[k], horizon.0), back_words(back_b[k], horizon.1)]);
    }
    rows
}

/// The labs compared: a row per lab, and for each draw an A and a B column under the draw's week.
fn labs_table(a: &Trajectory, b: &Trajectory, draws: &[f64], units: Units) -> String {
    let at = |t: &Trajectory, o: Output, day: f64| {
        // A plan shorter than the draw has no value there.
        if t.days.last().is_some_and(|&last| day <= last + 1e-9) {
            fmt(o.display(t.at(o, day), units))
        } else {
            "-".to_string()
        }
    };
    let mut s = format!(
        "<table data-testid=\"compare-labs\"><caption>{}</caption><colgroup><col></colgroup>",
        html::escape(t("Labs of plan A and plan B at the lab table's draw days."))
    );
    s.push_str(&"<colgroup span=\"2\"></colgroup>".repeat(draws.len()));
    let _ = write!(s, "<thead><tr><th scope=\"col\" rowspan=\"2\">{}</th>", html::escape(t("Lab")));
    for &day in draws {
        let week = say("Week {week}", &[("week", &format!("{:.0}", day / 7.0))]);
        let _ = write!(s, "<th scope=\"colgroup\" colspan=\"2\">{}</th>", html::escape(&week));
    }
    s.push_str("</tr><tr>");
    s.push_str(&"<th scope=\"col\">A</th><th scope=\"col\">B</th>".repeat(draws.len()));
    s.push_str("</tr></thead><tbody>");
    for o in [Output::TotalT, Output::E2, Output::Lh, Output::Fsh, Output::Sperm] {
        let _ =
            write!(s, "<tr><th scope=\"row\">{} ({})</th>", html::escape(t(o.label())), html::escape(t(o.unit(units))));
        for &day in draws {
            let _ = write!(s, "<td>{}</td><td>{}</td>", at(a, o, day), at(b, o, day));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

/// A and B in columns: when each output is back, then the labs at the draw weeks.
#[component]
pub fn CompareTable() -> impl IntoView {
    let page = use_page();
    let runs = use_runs();
    let table = move || {
        let b = runs.compared.get()?;
        let a = runs.trajectory.get();
        let horizon = (
            page.scenario.with(|s| s.horizon_days),
            page.compared.with(|b| b.as_ref().map_or(0.0, |b| b.horizon_days)),
        );
        let draws: Vec<f64> = runs.draws.with(|d| d.iter().map(|d| d.day).collect());
        let outcomes = html::table(
            "compare-table",
            t("When each is back after therapy stops, in plan A and plan B."),
            &[t("What"), t("A (solid)"), t("B (dashed)")],
            &outcome_rows(&a, &b, horizon),
            false,
        );
        Some(outcomes + &labs_table(&a, &b, &draws, page.units.get()))
    };
    view! {
        <Show when=move || page.compared.with(Option::is_some)>
            <section class="compare" aria-label=t("Plans A and B compared") data-testid="compare">
                <h2>{t("Plan A and plan B")}</h2>
                <p class="scroll-hint">{t("The table scrolls sideways: swipe it to see every week.")}</p>
                <div class="table-wrap" tabindex="0" role="region" aria-label=t("Plans A and B table") inner_html=table></div>
            </section>
        </Show>
    }
}
