//! The chart for readers who cannot see it: the curves in words (generated from the trajectory) and the
//! numbers behind them as a table. The canvas points at the words with aria-describedby. Also the short
//! words the page says of a scenario and of its chart (an embed's line, the chart's accessible name).

use super::explain::{plain, use_depth};
use super::resting_day;
use super::state::Page;
use crate::model::lang::{say, t};
use crate::model::units::format_value;
use crate::model::words::narrative;
use crate::model::{Output, Scenario, Trajectory, Units};
use leptos::prelude::*;
use std::sync::Arc;

/// The outputs of the data table, in the chart's order.
const TABLE: [Output; 6] = [Output::Lh, Output::Fsh, Output::TotalT, Output::FreeT, Output::E2, Output::Sperm];
/// What the words say while a story's question hides the curves.
const HIDDEN: &str = "The curves after the question's moment are hidden until you answer the story's question.";
/// A table longer than this many rows steps by more than a week.
const MAX_ROWS: f64 = 60.0;

/// The description and the table, folded under one disclosure.
#[component]
pub fn CurvesInWords(
    /// The course described.
    #[prop(into)]
    trajectory: Signal<Arc<Trajectory>>,
    /// The units the page shows.
    units: RwSignal<Units>,
    /// The scenario, for the span the chart shows.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    // Read twice below (the description and the disclosure): derived once per course. At Basics a
    // technical word gets plain words beside it, as everywhere else on the page.
    let depth = use_depth();
    // A story's question not answered yet: the words would give the answer away (a screen reader reads the
    // chart's description even while it is not displayed), so they say only that.
    let hidden = move || use_context::<super::state::Page>().is_some_and(|p| super::story::hidden_after(p).is_some());
    let sentences = Memo::new(move |_| {
        if hidden() {
            return vec![t(HIDDEN).to_string()];
        }
        let d = depth.get();
        trajectory.with(|t| narrative::describe(t, units.get())).iter().map(|s| plain(s, d)).collect::<Vec<_>>()
    });
    let weeks = move || {
        let (first, last) = scenario.with(|s| (s.first_shown_day(), s.horizon_days));
        let step = ((last - first) / 7.0 / MAX_ROWS).ceil().max(1.0) * 7.0;
        let first = (first / 7.0).ceil() * 7.0;
        (0..).map(move |k| first + k as f64 * step).take_while(move |&d| d <= last + 1e-9)
    };
    let header = move || {
        let u = units.get();
        TABLE
            .iter()
            .map(|o| view! { <th scope="col">{format!("{} ({})", t(o.label()), t(o.unit(u)))}</th> })
            .collect_view()
    };
    let rows = move || {
        if hidden() {
            return None;
        }
        let u = units.get();
        trajectory
            .with(|t| {
                weeks()
                    .map(|day| {
                        let cells = TABLE
                            .iter()
                            .map(|&o| view! { <td>{format_value(o.display(t.at(o, day), u))}</td> })
                            .collect_view();
                        view! { <tr><th scope="row">{format!("{:.0}", day / 7.0)}</th>{cells}</tr> }
                    })
                    .collect_view()
            })
            .into()
    };
    let paragraphs = move || sentences.get().into_iter().map(|s| view! { <p>{s}</p> }).collect_view();
    view! {
        // The chart's description: rendered (a closed disclosure's content is not), seen only by assistive
        // technology; the same words are in the disclosure for everyone.
        <div id="chart-description" class="sr-only">{move || sentences.with(|s| s.join(" "))}</div>
        <details class="curves-text">
            <summary>{t("The curves in words and numbers")}</summary>
            <div data-testid="chart-description">{paragraphs}</div>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t("The curves as a table, week by week")>
                <table data-testid="curve-table">
                    <caption>{t("The simulated values at the start of each week.")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Week")}</th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}

/// "At week 12: LH ..., total testosterone ..., estradiol ...": the page's one-line summary.
pub fn at_resting_day(page: Page, trajectory: Memo<std::sync::Arc<crate::model::Trajectory>>) -> String {
    let u = page.units.get();
    let day = page.scenario.with(resting_day);
    trajectory.with(|t| {
        let lh = t.at(Output::Lh, day);
        let tt = Output::TotalT.display(t.at(Output::TotalT, day), u);
        let e2 = Output::E2.display(t.at(Output::E2, day), u);
        let week = day / 7.0;
        let week = if week.fract() == 0.0 { format!("{week:.0}") } else { format!("{week:.1}") };
        say(
            "At week {week}: LH {lh} IU/L, total testosterone {tt} {tt_unit}, estradiol {e2} {e2_unit}.",
            &[
                ("week", &week),
                ("lh", &format!("{lh:.1}")),
                ("tt", &format!("{tt:.0}")),
                ("tt_unit", &Output::TotalT.unit(u)),
                ("e2", &format!("{e2:.0}")),
                ("e2_unit", &Output::E2.unit(u)),
            ],
        )
    })
}

/// The chart's accessible name: what it shows, and the summary.
pub fn chart_label(page: Page, trajectory: Memo<std::sync::Arc<crate::model::Trajectory>>) -> String {
    let weeks = page.scenario.with(|s| (s.horizon_days - s.first_shown_day()) / 7.0);
    let shows = say(
        "Stacked charts of GnRH, LH, FSH, total and free testosterone and estradiol over {weeks} weeks.",
        &[("weeks", &format!("{weeks:.0}"))],
    );
    match super::state::hidden_after(page) {
        Some(day) => {
            let after =
                say("After {when}, hidden until you answer the story's question.", &[("when", &narrative::when(day))]);
            format!("{shows} {after}")
        }
        None => format!("{shows} {}", at_resting_day(page, trajectory)),
    }
}

/// "Continuous GnRH: gonadorelin (continuous infusion) from week 0 to 12." and the like.
pub fn scenario_words(s: &Scenario) -> String {
    // The name is a text of the catalogue when it is the default or a preset's title: say() translates it.
    let name = if s.name.trim().is_empty() { "This scenario" } else { s.name.trim() };
    let given: Vec<String> = s.regimen.iter().map(|d| super::timeline::dosing_words(d, s.horizon_days)).collect();
    let given = if given.is_empty() { t("no drug given").to_string() } else { given.join("; ") };
    match super::prior::describe_history(s) {
        Some(before) => say(
            "{name}. Before week 0: {before}. Then: {given}.",
            &[("name", &name), ("before", &before), ("given", &given)],
        ),
        None => say("{name}: {given}.", &[("name", &name), ("given", &given)]),
    }
}
