//! Two plans side by side: the current plan (A) against one kept for comparison (B). B is drawn dashed on
//! every chart; its labs and outcomes stand beside A's in one table; the link and print carry both.

use super::embed::scenario_words;
use super::html;
use super::labs::fmt;
use super::state::{use_page, use_runs};
use crate::model::events::{self, LH_RECOVERED_SHARE, SPERM_RECOVERED_M_ML, T_RECOVERED_NG_DL};
use crate::model::{Output, Trajectory, Units};
use leptos::prelude::*;

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
                    <button type="button" on:click=keep>"Keep this plan as B"</button>
                    <span class="compare-note">"then change the plan to compare the two"</span>
                }
            >
                <p class="compare-words" data-testid="compare-words">
                    <strong>"Comparing A (solid) with B (dashed). "</strong>
                    {move || compared.with(|b| b.as_ref().map(|b| format!("B: {}", scenario_words(b))).unwrap_or_default())}
                </p>
                <button type="button" on:click=swap>"Swap A and B"</button>
                <button type="button" on:click=move |_| compared.set(None)>"Clear B"</button>
            </Show>
        </div>
    }
}

/// When an output is back after therapy stops, in a table cell's words.
fn back_words(day: Option<f64>, horizon_days: f64) -> String {
    match day {
        Some(d) => format!("week {:.0}", (d / 7.0).ceil()),
        None => format!("not by week {:.0}", horizon_days / 7.0),
    }
}

/// The rows of the comparison: each outcome in words, then each lab at each draw.
fn rows(a: &Trajectory, b: &Trajectory, horizon: (f64, f64), draws: &[f64], units: Units) -> Vec<[String; 3]> {
    let (ra, rb) = (events::recovery(a), events::recovery(b));
    let mut rows = vec![
        [
            format!("LH back to {:.0} % of untreated", LH_RECOVERED_SHARE * 100.0),
            back_words(ra.lh, horizon.0),
            back_words(rb.lh, horizon.1),
        ],
        [
            format!("Total T back above {T_RECOVERED_NG_DL:.0} ng/dL"),
            back_words(ra.t, horizon.0),
            back_words(rb.t, horizon.1),
        ],
        [
            format!("Sperm above {SPERM_RECOVERED_M_ML:.0} million/mL"),
            back_words(ra.sperm, horizon.0),
            back_words(rb.sperm, horizon.1),
        ],
    ];
    for &day in draws {
        for o in [Output::TotalT, Output::E2, Output::Lh, Output::Fsh, Output::Sperm] {
            let at = |t: &Trajectory| {
                let last = t.days.last().copied().unwrap_or(0.0);
                if day > last + 1e-9 {
                    "-".to_string()
                } else {
                    fmt(o.display(t.at(o, day), units))
                }
            };
            rows.push([format!("Week {:.0}: {} ({})", day / 7.0, o.label(), o.unit(units)), at(a), at(b)]);
        }
    }
    rows
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
        let rows: Vec<Vec<String>> =
            rows(&a, &b, horizon, &draws, page.units.get()).into_iter().map(Vec::from).collect();
        Some(html::table(
            "compare-table",
            "Outcomes and labs of the two plans (labs at the lab table's draw days).",
            &["What", "A (solid)", "B (dashed)"],
            &rows,
            false,
        ))
    };
    view! {
        <Show when=move || page.compared.with(Option::is_some)>
            <section class="compare" aria-label="Plans A and B compared" data-testid="compare">
                <h2>"Plan A and plan B"</h2>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Plans A and B table" inner_html=table></div>
            </section>
        </Show>
    }
}
