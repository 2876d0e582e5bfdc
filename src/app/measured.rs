//! The person's measured labs: entered at the week they were taken, listed beside the simulated value at
//! that moment, drawn as rings on the charts, and fitted: "Fit to my labs" finds the man (his traits, the
//! ones the population varies) whose course passes closest to them, one simulation per task.

use super::html;
use super::labs::fmt;
use super::state::{use_page, use_runs};
use super::try_edit;
use crate::model::fit::{FitResult, Fitter};
use crate::model::measured::{Analyte, LabUnit, Measured};
use crate::model::population::{Man, SPREADS};
use crate::model::units::{parse_typed_number, readable_number};
use crate::model::{Engine, Scenario};
use leptos::leptos_dom::helpers::set_timeout;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Where a fit stands.
#[derive(Clone, Debug, PartialEq)]
enum FitState {
    Idle,
    /// Simulations run, and the most it may take.
    Running(usize, usize),
    Done(FitResult),
    Refused(String),
}

/// The fitted traits in words: "Leydig cell sensitivity to LH x1.31; SHBG production x0.80".
fn traits_words(man: &Man) -> String {
    let words: Vec<String> = SPREADS
        .iter()
        .zip(man.factors)
        .filter(|&(_, f)| (f - 1.0).abs() >= 0.05)
        .map(|(s, f)| format!("{} x{f:.2}", s.what))
        .collect();
    if words.is_empty() {
        "a typical man like this one (no trait more than 5 % from typical)".into()
    } else {
        words.join("; ")
    }
}

/// The scenario a fit works on: the plan with its fitted traits set aside (a fit starts from the man
/// his untreated labs describe), so a finished fit can tell whether the plan changed meanwhile.
fn unfitted(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    s.subject.traits.clear();
    s
}

/// Runs one simulation of the fit per task until it is done, unless the page moved on (`generation`).
fn fit_slice(
    fitter: Arc<Mutex<Fitter>>,
    engine: Arc<Engine>,
    gen: u64,
    generation: StoredValue<u64>,
    state: RwSignal<FitState>,
    on_done: Callback<FitResult>,
) {
    if generation.get_value() != gen {
        return;
    }
    let more = {
        let mut f = fitter.lock().unwrap_or_else(|e| e.into_inner());
        let more = f.step(&engine);
        let (done, most) = f.progress();
        if more {
            state.set(FitState::Running(done, most));
        } else {
            on_done.run(f.result(&engine));
        }
        more
    };
    if more {
        set_timeout(move || fit_slice(fitter, engine, gen, generation, state, on_done), Duration::ZERO);
    }
}

/// A number typed into the form, kept as typed until the form is sent (then read strictly).
#[component]
fn TypedText(label: &'static str, text: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" inputmode="decimal" prop:value=move || text.get() on:change=move |ev| text.set(event_target_value(&ev)) />
        </label>
    }
}

/// The panel: enter, list, remove and fit measured labs.
#[component]
pub fn MeasuredLabs() -> impl IntoView {
    let page = use_page();
    let runs = use_runs();
    let scenario = page.scenario;
    let week = RwSignal::new(String::from("4"));
    let analyte = RwSignal::new(Analyte::TotalT);
    let value = RwSignal::new(String::new());
    let unit = RwSignal::new(LabUnit::NgDl);
    let problem = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = (|| {
            let w = parse_typed_number(&week.get_untracked()).map_err(|e| format!("Week: {e}"))?;
            let v = parse_typed_number(&value.get_untracked()).map_err(|e| format!("Value: {e}"))?;
            let lab = Measured { day: w * 7.0, analyte: analyte.get_untracked(), value: v, unit: unit.get_untracked() };
            let s = scenario.get_untracked();
            if let Some(p) = lab.problem(s.first_day(), s.horizon_days) {
                return Err(format!("Not added: {p}."));
            }
            try_edit(scenario, |s| s.labs.push(lab))
        })();
        match typed {
            Ok(()) => {
                problem.set(None);
                value.set(String::new());
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    // One listener for every row's Remove button (the rows are HTML text, see `html`).
    let remove = move |ev: leptos::ev::MouseEvent| {
        let target = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
        let button = target.and_then(|t| t.closest("button[data-lab]").ok().flatten());
        let Some(i) = button.and_then(|b| b.get_attribute("data-lab")).and_then(|i| i.parse::<usize>().ok()) else {
            return;
        };
        scenario.update(|s| {
            if i < s.labs.len() {
                s.labs.remove(i);
            }
        });
    };
    let table = move || {
        let rows: Vec<Vec<String>> = scenario.with(|s| {
            runs.trajectory.with(|t| {
                s.labs
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let simulated = m.analyte.from_internal(t.at(m.analyte.output(), m.day), m.unit);
                        let diff = if m.value > 0.0 {
                            format!("{:+.0} %", (simulated / m.value - 1.0) * 100.0)
                        } else {
                            "-".into()
                        };
                        let week = readable_number(m.day / 7.0);
                        let what = html::escape(&format!("{} week {week}", m.analyte.label()));
                        vec![
                            format!("{} (week {week})", m.analyte.label()),
                            format!("{} {}", fmt(m.value), m.unit.label()),
                            fmt(simulated),
                            diff,
                            format!("<button type=\"button\" class=\"remove\" data-lab=\"{i}\" aria-label=\"Remove {what}\">Remove</button>"),
                        ]
                    })
                    .collect()
            })
        });
        html::table(
            "measured-table",
            "Measured beside simulated, at the moment each was taken.",
            &["Lab", "Measured", "Simulated", "Difference", "Remove"],
            &rows,
            true,
        )
    };

    // The fit.
    let fit_state = RwSignal::new(FitState::Idle);
    let generation = StoredValue::new(0u64);
    let on_done = Callback::new(move |result: FitResult| match &result.refusal {
        Some(why) => fit_state.set(FitState::Refused(why.clone())),
        None => {
            let traits = result.man.traits();
            match try_edit(scenario, |s| s.subject.traits = traits) {
                Ok(()) => fit_state.set(FitState::Done(result)),
                Err(e) => fit_state.set(FitState::Refused(e)),
            }
        }
    });
    // Any change to the plan (other than the fit's own) makes a running or finished fit stale.
    let fitted_on = StoredValue::new(None::<Scenario>);
    Effect::new(move |_| {
        let now = scenario.with(unfitted);
        if fitted_on.with_value(|f| f.as_ref().is_some_and(|f| *f != now)) {
            generation.set_value(generation.get_value() + 1);
            fitted_on.set_value(None);
            fit_state.set(FitState::Idle);
        }
    });
    // A fit runs on the engine of the page's plans.
    let engine = StoredValue::new(runs.model.with_value(|m| m.engine.clone()));
    let start_fit = move |_| {
        let engine = engine.get_value();
        let s = scenario.get_untracked();
        match Fitter::new(&engine, &s) {
            Err(e) => fit_state.set(FitState::Refused(format!("Cannot fit: {e}."))),
            Ok(fitter) => {
                let gen = generation.get_value() + 1;
                generation.set_value(gen);
                fitted_on.set_value(Some(unfitted(&s)));
                fit_state.set(FitState::Running(0, fitter.progress().1));
                let fitter = Arc::new(Mutex::new(fitter));
                set_timeout(move || fit_slice(fitter, engine, gen, generation, fit_state, on_done), Duration::ZERO);
            }
        }
    };
    let undo_fit = move |_| {
        scenario.update(|s| s.subject.traits.clear());
        fit_state.set(FitState::Idle);
    };
    let fit_report = move || {
        match fit_state.get() {
        FitState::Idle => None,
        FitState::Running(done, most) => Some(
            view! { <p class="fit-status" role="status">{format!("Fitting: {done} simulations run (at most {most}).")}</p> }.into_any(),
        ),
        FitState::Refused(why) => Some(view! { <p class="field-error" role="alert" data-testid="fit-refusal">{why}</p> }.into_any()),
        FitState::Done(r) => {
            let points: Vec<String> = r
                .points
                .iter()
                .map(|p| {
                    format!(
                        "week {}: {} measured {}, simulated {} {}",
                        readable_number(p.lab.day / 7.0),
                        p.lab.analyte.label(),
                        fmt(p.lab.value),
                        fmt(p.simulated),
                        p.lab.unit.label()
                    )
                })
                .collect();
            Some(
                view! {
                    <div class="fit-result" role="status" data-testid="fit-result">
                        <p>
                            {format!("Fitted in {} simulations: {}. ", r.runs, traits_words(&r.man))}
                            "Every curve, the band and the lab table now show this man."
                        </p>
                        <p class="fit-points">{format!("Each point: {}.", points.join("; "))}</p>
                    </div>
                }
                .into_any(),
            )
        }
    }
    };
    let has_labs = move || scenario.with(|s| !s.labs.is_empty());
    let fitted = move || scenario.with(|s| !s.subject.traits.is_empty());
    let unit_options = move || {
        analyte
            .get()
            .units()
            .iter()
            .map(|&u| view! { <option value=u.word() selected=move || unit.get() == u>{u.label()}</option> })
            .collect_view()
    };
    view! {
        <section class="measured" aria-label="Your measured labs" data-testid="measured">
            <h2>"Your measured labs"</h2>
            <p class="hint">"Results from your own lab reports, at the week of the plan they were taken (before week 0: negative)."</p>
            <form class="measured-form" on:submit=add>
                <TypedText label="Week" text=week />
                <label class="field">
                    <span>"Lab"</span>
                    <select aria-label="Lab" on:change=move |ev| {
                        if let Some(a) = Analyte::from_key(&event_target_value(&ev)) {
                            analyte.set(a);
                            unit.set(a.units()[0]);
                        }
                    }>
                        {Analyte::ALL.into_iter().map(|a| view! { <option value=a.key()>{a.label()}</option> }).collect_view()}
                    </select>
                </label>
                <TypedText label="Value" text=value />
                <label class="field">
                    <span>"Unit"</span>
                    <select aria-label="Unit" on:change=move |ev| {
                        let w = event_target_value(&ev);
                        if let Some(u) = LabUnit::ALL.into_iter().find(|u| u.word() == w) {
                            unit.set(u);
                        }
                    }>
                        {unit_options}
                    </select>
                </label>
                <button type="submit">"Add"</button>
            </form>
            <Show when=move || problem.get().is_some()>
                <p class="field-error" role="alert">{move || problem.get().unwrap_or_default()}</p>
            </Show>
            <Show when=has_labs>
                <div
                    class="table-wrap"
                    tabindex="0"
                    role="region"
                    aria-label="Your measured labs table"
                    on:click=remove
                    inner_html=table
                ></div>
                <div class="fit-tools">
                    <button type="button" on:click=start_fit disabled=move || matches!(fit_state.get(), FitState::Running(..))>
                        "Fit to my labs"
                    </button>
                    <Show when=fitted>
                        <button type="button" on:click=undo_fit>"Undo the fit"</button>
                    </Show>
                </div>
            </Show>
            {fit_report}
        </section>
    }
}
