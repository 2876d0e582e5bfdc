//! The person's measured labs: entered at the week they were taken, listed beside the simulated value at
//! that moment, drawn as rings on the charts, and fitted: "Fit to my labs" finds the man (his traits, the
//! ones the population varies) whose course passes closest to them, one simulation per task.

use super::html;
use super::labs::fmt;
use super::state::{use_page, use_runs, SPANS_WEEKS};
use super::tasks::next_task;
use super::try_edit;
use crate::model::analyses::fit::{FitResult, Fitter};
use crate::model::analyses::population::{Man, SPREADS};
use crate::model::lang::{self, number, say, t};
use crate::model::scenario::draws::{self, DrawTiming};
use crate::model::scenario::measured::{Analyte, Measured};
use crate::model::units::{parse_typed_number, readable_number};
use crate::model::{Engine, Scenario};
use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// The Remove button of row `i` (markup for the table's text; `aria` is the button's accessible name,
/// already escaped).
fn remove_button(i: usize, aria: &str) -> String {
    format!(
        "<button type=\"button\" class=\"remove\" data-lab=\"{i}\" aria-label=\"{aria}\">{}</button>",
        html::escape(t("Remove"))
    )
}

/// "Remove Total testosterone week 4", escaped for an attribute.
fn remove_words(m: &Measured, week: &str) -> String {
    html::escape(&say("Remove {lab} week {week}", &[("lab", &m.analyte.label()), ("week", &week)]))
}

/// The fitted traits in words: "Leydig cell sensitivity to LH x1.31; SHBG production x0.80".
fn traits_words(man: &Man) -> String {
    let words: Vec<String> = SPREADS
        .iter()
        .zip(man.factors)
        .filter(|&(_, f)| (f - 1.0).abs() >= 0.05)
        .map(|(s, f)| format!("{} x{}", t(s.what), number(format!("{f:.2}"))))
        .collect();
    if words.is_empty() {
        t("a typical man like this one (no trait more than 5 % from typical)").into()
    } else {
        words.join("; ")
    }
}

/// What the page shows of a fit: a note while it runs or once it is done, a refusal, and whether it runs.
#[derive(Clone, Copy)]
struct FitView {
    note: RwSignal<Option<String>>,
    refusal: RwSignal<Option<String>>,
    running: RwSignal<bool>,
    /// Which fit is current: starting one or undoing a fit makes a running one stale, and it stops.
    generation: StoredValue<u64>,
}

impl FitView {
    fn show(&self, note: Option<String>, refusal: Option<String>) {
        self.note.set(note);
        self.refusal.set(refusal);
        self.running.set(false);
    }
}

/// The fit's result in words: the fitted traits, then each point.
fn fit_words(r: &FitResult) -> String {
    let points: Vec<String> = r
        .points
        .iter()
        .map(|p| {
            say(
                "week {week}: {lab} measured {measured}, simulated {simulated} {unit}",
                &[
                    ("week", &readable_number(p.lab.day / 7.0)),
                    ("lab", &p.lab.analyte.label()),
                    ("measured", &fmt(p.lab.value)),
                    ("simulated", &fmt(p.simulated)),
                    ("unit", &p.lab.unit.label()),
                ],
            )
        })
        .collect();
    say(
        "Fitted in {runs} simulations: {traits}. Every curve, the band and the lab table now show this man. Each point: \
         {points}.",
        &[("runs", &r.runs), ("traits", &traits_words(&r.man)), ("points", &points.join("; "))],
    )
}

/// Runs one simulation of the fit per task; when it is done, gives the plan the fitted man (unless the
/// plan changed meanwhile) or says why the labs cannot be matched.
fn fit_slice(fitter: Arc<Mutex<Fitter>>, engine: Arc<Engine>, scenario: RwSignal<Scenario>, view: FitView, gen: u64) {
    if view.generation.get_value() != gen {
        return;
    }
    let mut f = fitter.lock().unwrap_or_else(|e| e.into_inner());
    if f.step(&engine) {
        view.note.set(Some(say("Fitting: {runs} simulations run.", &[("runs", &f.runs())])));
        drop(f);
        next_task(move || fit_slice(fitter, engine, scenario, view, gen));
        return;
    }
    let unchanged = scenario.with_untracked(|s| f.fits(s));
    let result = f.result(&engine);
    match result.refusal {
        _ if !unchanged => view.show(None, Some(t("The plan changed while fitting: fit again.").into())),
        Some(ref why) => view.show(None, Some(why.clone())),
        None => match try_edit(scenario, |s| s.subject.traits = result.man.traits()) {
            Ok(()) => view.show(Some(fit_words(&result)), None),
            Err(e) => view.show(None, Some(e)),
        },
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

/// A measured lab the simulated man misses by more than this factor either way contradicts him.
const FAR_RATIO: f64 = 3.0;

/// The panel: enter, list, remove and fit measured labs.
#[component]
pub fn MeasuredLabs() -> impl IntoView {
    let page = use_page();
    let runs = use_runs();
    let scenario = page.scenario;
    let week = RwSignal::new(String::from("4"));
    // Indexes into `Analyte::ALL` and the analyte's `units()`.
    let analyte = RwSignal::new(0usize);
    let value = RwSignal::new(String::new());
    // Where in an injection cycle it was drawn (empty: on the week's day as typed).
    let after_dose = RwSignal::new(String::new());
    let unit = RwSignal::new(0usize);
    let problem = RwSignal::new(None::<String>);
    // Said when a result took the chart further.
    let reached = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = (|| {
            let w = parse_typed_number(&week.get_untracked()).map_err(|e| say("Week: {e}", &[("e", &e)]))?;
            let v = parse_typed_number(&value.get_untracked()).map_err(|e| say("Value: {e}", &[("e", &e)]))?;
            let a = Analyte::ALL[analyte.get_untracked()];
            let unit = a.units()[unit.get_untracked().min(a.units().len() - 1)];
            let s = scenario.get_untracked();
            let day = match after_dose.get_untracked().trim() {
                "" => w * 7.0,
                typed => {
                    let n = parse_typed_number(typed).map_err(|e| say("Days after an injection: {e}", &[("e", &e)]))?;
                    // The injection that starts the cycle the week falls in, and n days after it.
                    let draw = draws::draws(&s, &[w], DrawTiming::DaysAfterInjection(n))[0];
                    if draw.cycle.is_none() {
                        return Err(say(
                            "Not added: no injection is given around week {week}.",
                            &[("week", &readable_number(w))],
                        ));
                    }
                    draw.day
                }
            };
            let lab = Measured { day, analyte: a, value: v, unit };
            // A result after the chart's end (a goal: sperm at a year) takes the chart to it: the next span the
            // page offers that reaches it, or its own week beyond them.
            let reach = (lab.day > s.horizon_days).then(|| {
                let week = (lab.day / 7.0).ceil();
                SPANS_WEEKS.into_iter().find(|&w| w >= week).unwrap_or(week)
            });
            let last_day = reach.map_or(s.horizon_days, |w| w * 7.0);
            if let Some(p) = lab.problem(s.first_day(), last_day) {
                return Err(say("Not added: {problem}.", &[("problem", &p)]));
            }
            try_edit(scenario, |s| {
                s.horizon_days = last_day;
                s.labs.push(lab);
            })?;
            Ok(reach)
        })();
        match typed {
            Ok(reach) => {
                problem.set(None);
                value.set(String::new());
                reached.set(reach.map(|w| {
                    say("The chart now runs to week {week}, to reach this result.", &[("week", &readable_number(w))])
                }));
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
                        if !m.within(s.first_day(), s.horizon_days) {
                            let week = readable_number(m.day / 7.0);
                            return vec![
                                say("{lab} (week {week})", &[("lab", &m.analyte.label()), ("week", &week)]),
                                format!("{} {}", fmt(m.value), lang::t(m.unit.label())),
                                lang::t("outside the weeks simulated").into(),
                                "-".into(),
                                remove_button(i, &remove_words(m, &week)),
                            ];
                        }
                        let simulated = m.simulated(t);
                        let diff = if m.value > 0.0 {
                            format!("{:+.0} %", (simulated / m.value - 1.0) * 100.0)
                        } else {
                            "-".into()
                        };
                        let week = readable_number(m.day / 7.0);
                        // Where in an injection cycle it was drawn, as the lab table says it.
                        let cycle = draws::draws(s, &[m.day / 7.0], DrawTiming::Scheduled)[0].cycle_words();
                        let when = match cycle {
                            Some(c) => say("week {week}, {cycle}", &[("week", &week), ("cycle", &c)]),
                            None => say("week {week}", &[("week", &week)]),
                        };
                        vec![
                            say("{lab} ({when})", &[("lab", &m.analyte.label()), ("when", &when)]),
                            format!("{} {}", fmt(m.value), lang::t(m.unit.label())),
                            fmt(simulated),
                            diff,
                            remove_button(i, &remove_words(m, &week)),
                        ]
                    })
                    .collect()
            })
        });
        html::table(
            "measured-table",
            t("Measured beside simulated, at the moment each was taken."),
            &[t("Lab"), t("Measured"), t("Simulated"), t("Difference"), t("Remove")],
            &rows,
            true,
        )
    };

    // Labs the simulated man misses by far (a third or three times): said beside the table, with the fit offered.
    let far = move || {
        scenario.with(|s| {
            runs.trajectory.with(|t| {
                let far: Vec<String> = s
                    .labs
                    .iter()
                    .filter(|m| m.within(s.first_day(), s.horizon_days) && m.value > 0.0)
                    .filter_map(|m| {
                        let simulated = m.simulated(t);
                        let ratio = simulated / m.value;
                        (!(1.0 / FAR_RATIO..=FAR_RATIO).contains(&ratio)).then(|| {
                            say(
                                "{lab} at week {week}: {measured} measured, {simulated} simulated",
                                &[
                                    ("lab", &m.analyte.label()),
                                    ("week", &readable_number(m.day / 7.0)),
                                    ("measured", &format!("{} {}", fmt(m.value), lang::t(m.unit.label()))),
                                    ("simulated", &fmt(simulated)),
                                ],
                            )
                        })
                    })
                    .collect();
                (!far.is_empty() && s.subject.traits.is_empty()).then(|| {
                    say(
                        "Your labs and the simulated man disagree by far ({far}): he is a typical man, not you. Fit to my \
                         labs finds the man like you who matches them, and the charts follow him.",
                        &[("far", &far.join("; "))],
                    )
                })
            })
        })
    };
    // The fit, on the engine of the page's plans.
    let fit = FitView {
        note: RwSignal::new(None),
        refusal: RwSignal::new(None),
        running: RwSignal::new(false),
        generation: StoredValue::new(0),
    };
    let engine = StoredValue::new(runs.model.with_value(|m| m.engine.clone()));
    let start_fit = move |_| {
        let engine = engine.get_value();
        match Fitter::new(&engine, &scenario.get_untracked()) {
            Err(e) => fit.show(None, Some(say("Cannot fit: {e}.", &[("e", &e)]))),
            Ok(fitter) => {
                fit.show(Some(t("Fitting.").into()), None);
                fit.running.set(true);
                let gen = fit.generation.get_value() + 1;
                fit.generation.set_value(gen);
                let fitter = Arc::new(Mutex::new(fitter));
                next_task(move || fit_slice(fitter, engine, scenario, fit, gen));
            }
        }
    };
    // Undo also stops a fit in progress, which would otherwise put its man back when it ends.
    let undo_fit = move |_| {
        fit.generation.set_value(fit.generation.get_value() + 1);
        scenario.update(|s| s.subject.traits.clear());
        fit.show(None, None);
    };
    let has_labs = move || scenario.with(|s| !s.labs.is_empty());
    let fitted = move || scenario.with(|s| !s.subject.traits.is_empty());
    let unit_options = move || {
        Analyte::ALL[analyte.get()]
            .units()
            .iter()
            .enumerate()
            .map(
                |(i, u)| view! { <option value=i.to_string() selected=move || unit.get() == i>{t(u.label())}</option> },
            )
            .collect_view()
    };
    view! {
        <section class="measured" aria-label=t("Your measured labs") data-testid="measured">
            <h2>{t("Your measured labs")}</h2>
            <p class="hint">{t("Results from your own lab reports, at the week of the plan they were taken (before week 0: negative).")}</p>
            <form class="measured-form" on:submit=add>
                <TypedText label=t("Week") text=week />
                <label class="field">
                    <span>{t("Lab")}</span>
                    <select aria-label=t("Lab") on:change=move |ev| {
                        if let Some(i) = event_target_value(&ev).parse().ok().filter(|&i| i < Analyte::ALL.len()) {
                            analyte.set(i);
                            unit.set(0);
                        }
                    }>
                        {Analyte::ALL.iter().enumerate().map(|(i, a)| view! { <option value=i.to_string()>{t(a.label())}</option> }).collect_view()}
                    </select>
                </label>
                <TypedText label=t("Value") text=value />
                <TypedText label=t("Days after an injection (optional)") text=after_dose />
                <label class="field">
                    <span>{t("Unit")}</span>
                    <select aria-label=t("Unit") on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse() {
                            unit.set(i);
                        }
                    }>
                        {unit_options}
                    </select>
                </label>
                <button type="submit">{t("Add")}</button>
            </form>
            <Show when=move || problem.get().is_some()>
                <p class="field-error" role="alert">{move || problem.get().unwrap_or_default()}</p>
            </Show>
            <Show when=move || reached.get().is_some()>
                <p class="export-ok" role="status" data-testid="measured-reached">{move || reached.get().unwrap_or_default()}</p>
            </Show>
            <Show when=has_labs>
                <Show when=move || far().is_some()>
                    <p class="field-warning measured-far" role="status" data-testid="measured-far">{far}</p>
                </Show>
                <div
                    class="table-wrap"
                    tabindex="0"
                    role="region"
                    aria-label=t("Your measured labs table")
                    on:click=remove
                    inner_html=table
                ></div>
                <div class="fit-tools">
                    <button type="button" on:click=start_fit disabled=move || fit.running.get()>
                        {t("Fit to my labs")}
                    </button>
                    <Show when=fitted>
                        <button type="button" on:click=undo_fit>{t("Undo the fit")}</button>
                    </Show>
                </div>
            </Show>
            <p class="fit-result" role="status" data-testid="fit-result">{move || fit.note.get()}</p>
            <Show when=move || fit.refusal.with(Option::is_some)>
                <p class="field-error" role="alert" data-testid="fit-refusal">{move || fit.refusal.get()}</p>
            </Show>
        </section>
    }
}
