//! The browser user interface (wasm32 only). It never computes physiology itself: it edits a
//! `Scenario`, asks the model for a `Trajectory`, and draws it.

mod about;
mod agents;
mod bench;
mod canvas_backend;
mod chart;
mod diagram;
mod embed;
mod explain;
mod export;
mod labs;
mod presets;
mod prior;
mod recovery;
mod saved;
mod spread;
mod timeline;
mod timing;
mod tour;
mod typed;
mod words;

use crate::model::draws::{self, DrawTiming};
use crate::model::simulate::Calibrated;
use crate::model::{Agent, Engine, Output, Resume, Scenario, Subject, Trajectory, Units};
use agents::AgentRow;
use chart::{Chart, ChartData, MAIN, MORE};
use diagram::{LoopDiagram, LoopState};
use explain::{Depth, DepthSwitch, Glossary};
use export::ExportImport;
use labs::{Findings, LabTable};
use leptos::prelude::*;
use presets::PresetBar;
use std::sync::{Arc, Mutex};
use timeline::Timeline;

/// Installs the panic hook (panics become readable console errors) and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    // After one visit the app works offline (sw.js caches the static build). Some contexts have no
    // service workers at all (an iframe in a host without an origin, private windows in some browsers).
    let navigator = window().navigator();
    if js_sys::Reflect::get(&navigator, &"serviceWorker".into()).is_ok_and(|v| !v.is_undefined()) {
        let _ = navigator.service_worker().register("./sw.js");
    }
    if bench::is_bench() {
        mount_to_body(bench::EngineBench);
    } else {
        mount_to_body(App);
    }
}

/// Whether the page's query string holds `pair` (`key=value`) as one of its parameters.
fn query_has(pair: &str) -> bool {
    let search = window().location().search().unwrap_or_default();
    search.trim_start_matches('?').split('&').any(|p| p == pair)
}

/// The model engine, built once per page; the scenario's subject calibrated to his labs (again only when
/// the subject changes); and the last run, from which the next one resumes (an edit re-runs only from the
/// first dose it changes).
pub struct Model {
    engine: Arc<Engine>,
    /// Shared with siblings, so a subject is calibrated once for every view of him.
    subject: Arc<Mutex<(Subject, Arc<Calibrated>)>>,
    last: Mutex<Resume>,
}

impl Model {
    pub fn new() -> Model {
        let engine = Engine::default();
        let subject = engine.calibrate_subject(&Subject::default());
        Model {
            engine: Arc::new(engine),
            subject: Arc::new(Mutex::new((Subject::default(), Arc::new(subject)))),
            last: Mutex::default(),
        }
    }

    /// The same engine and calibrated subject with a run history of its own (the zoomed window is another run).
    fn sibling(&self) -> Model {
        Model { engine: self.engine.clone(), subject: self.subject.clone(), last: Mutex::default() }
    }

    /// `subject` calibrated: the page simulates the man the scenario describes, as `hpg-sim` does.
    fn calibrated(&self, subject: &Subject) -> Arc<Calibrated> {
        let mut cached = self.subject.lock().unwrap_or_else(|e| e.into_inner());
        if cached.0 != *subject {
            *cached = (subject.clone(), Arc::new(self.engine.calibrate_subject(subject)));
        }
        cached.1.clone()
    }

    pub fn run(&self, scenario: &Scenario) -> Arc<Trajectory> {
        let subject = self.calibrated(&scenario.subject);
        timing::measure("simulate", || {
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            Arc::new(self.engine.simulate_resuming(scenario, &subject, &mut last))
        })
    }
}

impl Default for Model {
    fn default() -> Self {
        Model::new()
    }
}

/// Whether the page opened on a phone-sized screen (the width at which the chart moves first).
fn is_phone() -> bool {
    window().match_media("(max-width: 600px)").ok().flatten().is_some_and(|m| m.matches())
}

/// Applies an edit if the result is a valid scenario; otherwise returns the problem in words and leaves
/// the scenario as it was. Every panel that edits the scenario goes through it.
fn try_edit(scenario: RwSignal<Scenario>, edit: impl FnOnce(&mut Scenario)) -> Result<(), String> {
    let mut next = scenario.get_untracked();
    edit(&mut next);
    next.check().map_err(|e| e.message)?;
    scenario.set(next);
    Ok(())
}

/// The day the page reads when no cursor is set: week 12, or the last day of a shorter run. The summary,
/// the loop diagram and the zoom all start from it, so they agree.
fn resting_day(s: &Scenario) -> f64 {
    84.0f64.min(s.horizon_days)
}

/// The safe scenario: an untreated man over 24 weeks.
fn initial_scenario() -> Scenario {
    Scenario { horizon_days: 168.0, ..Scenario::from_json("{}").expect("the empty scenario is valid") }
}

/// The scenario the page's link carries, or the safe scenario and why the link could not be used.
fn scenario_from_location() -> (Scenario, Option<String>) {
    let search = window().location().search().unwrap_or_default();
    if search.trim_start_matches('?').is_empty() {
        return (initial_scenario(), None);
    }
    match crate::model::link::decode(&search) {
        Ok(s) => (s, None),
        Err(e) => {
            (initial_scenario(), Some(format!("This link could not be used ({e}). Showing an untreated man instead.")))
        }
    }
}

/// The scenario in words, for print: every line with its dose, interval and weeks.
fn describe_scenario(s: &Scenario) -> String {
    let lines: Vec<String> = s
        .dosings()
        .map(|d| {
            let every = match (d.every_days, d.every_minutes) {
                (_, Some(m)) => format!(" every {m} min"),
                (Some(1.0), _) => " daily".to_string(),
                (Some(days), _) => format!(" every {days} days"),
                _ => String::new(),
            };
            format!(
                "{} {} {}{every}, weeks {:.0} to {:.0}",
                d.agent.display_name(),
                d.dose,
                d.unit.label(),
                d.start_day / 7.0,
                d.end_day.unwrap_or(d.start_day) / 7.0
            )
        })
        .collect();
    let who = format!("a {:.0}-year-old man", s.subject.age_years);
    if lines.is_empty() {
        format!("{who}, untreated, over {:.0} weeks.", s.horizon_days / 7.0)
    } else {
        format!("{who}: {}; shown to week {:.0}.", lines.join("; "), s.horizon_days / 7.0)
    }
}

/// The full address of the current scenario.
fn link_for(s: &Scenario) -> String {
    let loc = window().location();
    format!(
        "{}{}?{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        crate::model::link::encode(s)
    )
}

/// How long the scenario must rest before the address bar is updated.
const ADDRESS_DELAY: std::time::Duration = std::time::Duration::from_millis(200);

const HORIZONS_WEEKS: [f64; 5] = [12.0, 24.0, 52.0, 78.0, 104.0];

/// The colour theme: follow the system, or force light or dark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Theme {
    Auto,
    Light,
    Dark,
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let model = Model::new();
    provide_context(RwSignal::new(Depth::Basics));
    let (opened, link_problem) = scenario_from_location();
    let scenario = RwSignal::new(opened);
    let link_problem = RwSignal::new(link_problem);
    let embedded = embed::is_embed();
    // The address always carries the scenario; replacing (not pushing) keeps the back button useful.
    // replaceState costs ~2.5 ms in Chromium, longer than the simulation, so while a control is being
    // moved the address follows once it rests (the copy-link button reads the scenario itself).
    let pending_address = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        let mode = if embedded { "embed=1&" } else { "" };
        let query = format!("{mode}{}", scenario.with(crate::model::link::encode));
        if let Some(h) = pending_address.get_value() {
            h.clear();
        }
        let replace = move || {
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?{query}")));
            }
        };
        if first.is_none() {
            replace();
        } else {
            let handle = leptos::leptos_dom::helpers::set_timeout_with_handle(replace, ADDRESS_DELAY);
            pending_address.set_value(handle.ok());
        }
    });
    if embedded {
        embed::connect(scenario, link_problem);
    }
    // A newcomer gets the first-minute walk once (never in an embed: the host page frames it).
    let tour_step = RwSignal::new((!embedded && !tour::seen()).then_some(0usize));
    let copied = RwSignal::new(None::<String>);
    let copy_link = move |_| {
        let url = scenario.with(link_for);
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&url);
        let shown = url.clone();
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(if ok { "Link copied.".to_string() } else { shown }));
        });
    };
    let units = RwSignal::new(Units::Conventional);
    let more = RwSignal::new(false);
    let theme = RwSignal::new(Theme::Auto);
    // "As the system" is resolved here, so the page (an attribute on <html>) and the canvas agree; a
    // listener keeps following the system while the page is open.
    let system_dark = RwSignal::new(false);
    if let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") {
        system_dark.set(query.matches());
        let on_change = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(
            move |ev: web_sys::MediaQueryListEvent| system_dark.set(ev.matches()),
        );
        let _ =
            query.add_event_listener_with_callback("change", wasm_bindgen::JsCast::unchecked_ref(on_change.as_ref()));
        // The page lives as long as the listener.
        on_change.forget();
    }
    let dark = move || match theme.get() {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::Auto => system_dark.get(),
    };
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", if dark() { "dark" } else { "light" });
        }
    });
    let cursor = RwSignal::new(None::<f64>);
    let draw_weeks = RwSignal::new(vec![0.0, 4.0, 8.0, 12.0, 24.0]);
    let draw_timing = RwSignal::new(DrawTiming::Scheduled);
    let draws = Memo::new(move |_| scenario.with(|s| draw_weeks.with(|w| draws::draws(s, w, draw_timing.get()))));
    // A zoomed window (start day, length in days) shows individual GnRH and LH pulses.
    let zoom = RwSignal::new(None::<(f64, f64)>);
    let zoom_days = RwSignal::new(3.0f64);
    let model_zoom = model.sibling();
    // How closely the calibrated man meets the labs the person gave (the very calibration the runs use).
    let model_subject = model.sibling();
    let lab_matches = Memo::new(move |_| scenario.with(|s| model_subject.calibrated(&s.subject).report.clone()));
    let spread = spread::follow(model.engine.clone(), scenario);
    let trajectory = Memo::new(move |_| scenario.with(|s| model.run(s)));
    let recovery_sentence =
        Memo::new(move |_| trajectory.with(|t| scenario.with(|s| recovery::recovery_sentence(s, t))));
    let zoomed = Memo::new(move |_| {
        zoom.get().map(|(start, days)| {
            // The window's run starts with the history that leads up to it; the zoom shows only the window.
            scenario.with(|s| {
                Arc::new(Arc::unwrap_or_clone(model_zoom.run(&s.window(start, days))).shifted(start).since(start))
            })
        })
    });
    let data = Memo::new(move |_| {
        let mut panels = MAIN.to_vec();
        if more.get() {
            panels.extend(MORE);
        }
        let shown_from = scenario.with(Scenario::first_shown_day);
        let doses = scenario.with(|s| {
            s.dosings().flat_map(|d| d.times(s.horizon_days)).filter(|&t| t >= shown_from).take(4000).collect()
        });
        let (trajectory, days_axis) = match zoomed.get() {
            Some(t) => (t, true),
            None => {
                let whole = trajectory.get();
                let shown = if whole.days.first().is_some_and(|&d| d < shown_from) {
                    Arc::new(whole.since(shown_from))
                } else {
                    whole
                };
                (shown, false)
            }
        };
        let draws = draws.with(|d| d.iter().map(|d| d.day).collect());
        let bands = if days_axis {
            None
        } else {
            spread.view.with(|v| v.as_ref().map(|v| Arc::new(v.bands.since(shown_from))))
        };
        let resting_day = match zoom.get() {
            Some((start, days)) => start + days / 2.0,
            None => scenario.with(resting_day),
        };
        ChartData { trajectory, panels, units: units.get(), doses, days_axis, dark: dark(), draws, bands, resting_day }
    });

    let at_week_12 = move || {
        let u = units.get();
        let day = scenario.with(resting_day);
        trajectory.with(|t| {
            let lh = t.at(Output::Lh, day);
            let tt = Output::TotalT.display(t.at(Output::TotalT, day), u);
            let e2 = Output::E2.display(t.at(Output::E2, day), u);
            let week = day / 7.0;
            let week = if week.fract() == 0.0 { format!("{week:.0}") } else { format!("{week:.1}") };
            format!(
                "At week {week}: LH {lh:.1} IU/L, total testosterone {tt:.0} {}, estradiol {e2:.0} {}.",
                Output::TotalT.unit(u),
                Output::E2.unit(u)
            )
        })
    };
    let chart_label = move || {
        format!(
            "Stacked charts of GnRH, LH, FSH, total and free testosterone and estradiol over {:.0} weeks. {}",
            scenario.with(|s| (s.horizon_days - s.first_shown_day()) / 7.0),
            at_week_12()
        )
    };
    let readout = move || {
        let Some(day) = cursor.get() else {
            return "Point at the chart (or focus it and use the arrow keys) to read every value at that moment."
                .to_string();
        };
        let u = units.get();
        data.with(|d| {
            let t = &d.trajectory;
            let when = if d.days_axis { format!("Day {day:.2}") } else { format!("Week {:.1}", day / 7.0) };
            let values: Vec<String> = d
                .panels
                .iter()
                .map(|&o| {
                    let v = o.display(t.at(o, day), u);
                    let v = if o == Output::Gnrh { v / o.display(t.baseline[o.index()], u).max(1e-9) } else { v };
                    let unit = if o == Output::Gnrh { "x untreated" } else { o.unit(u) };
                    format!("{} {} {unit}", o.label(), labs::fmt(v))
                })
                .collect();
            format!("{when}: {}", values.join(" · "))
        })
    };
    // The diagram follows the cursor; without one it shows week 12 (or the end of a shorter run).
    let loop_state = Memo::new(move |_| {
        let day = cursor.get().unwrap_or_else(|| scenario.with(resting_day));
        data.with(|d| scenario.with(|s| LoopState::at(&d.trajectory, s, day)))
    });
    // The spans on offer, plus the current one when a preset brought another.
    let horizon_options = move || {
        let now = scenario.with(|s| s.horizon_days / 7.0);
        let mut weeks = HORIZONS_WEEKS.to_vec();
        if !weeks.iter().any(|w| (w - now).abs() < 0.05) {
            weeks.push(now);
            weeks.sort_by(f64::total_cmp);
        }
        weeks
            .into_iter()
            .map(|w| {
                view! {
                    <option value=w.to_string() selected=(w - now).abs() < 0.05>
                        {format!("{w:.0} weeks")}
                    </option>
                }
            })
            .collect_view()
    };

    if embedded {
        let full_app = move || scenario.with(link_for);
        let switches = embed::switch_agents(scenario);
        return view! {
            <div class="embed-page">
                <Show when=move || link_problem.get().is_some()>
                    <p class="link-error" role="alert">{move || link_problem.get().unwrap_or_default()}</p>
                </Show>
                <div class="embed-bar">
                    <strong>"HPG Explorer"</strong>
                    <span class="embed-note">"Educational simulation, not medical advice."</span>
                    <a href=full_app target="_blank" rel="noopener">"Open the full app"</a>
                </div>
                <embed::ScenarioLine scenario=scenario />
                <div class="embed-switches">
                    {move || switches.get().into_iter().map(|a| view! { <AgentRow scenario=scenario agent=a /> }).collect_view()}
                </div>
                <Timeline scenario=scenario />
                <Chart data=data label=Signal::derive(chart_label) cursor=cursor fill=true />
                <p class="summary" aria-live="polite" data-testid="summary">{at_week_12}</p>
                <words::CurvesInWords trajectory=trajectory units=units scenario=scenario />
            </div>
        }
        .into_any();
    }
    view! {
        <header class="masthead">
            <div>
                <h1>"HPG Explorer"</h1>
                <p class="tagline">"How the hypothalamus, pituitary and testes answer the drugs you switch on."</p>
            </div>
            <div class="help-buttons">
                <button type="button" class="help" on:click=move |_| tour_step.set(Some(0))>"Tour"</button>
                <tour::Shortcuts />
            </div>
            <label class="field theme">
                <span>"Theme"</span>
                <select
                    aria-label="Colour theme"
                    on:change=move |ev| {
                        theme.set(match event_target_value(&ev).as_str() {
                            "light" => Theme::Light,
                            "dark" => Theme::Dark,
                            _ => Theme::Auto,
                        })
                    }
                >
                    <option value="auto">"As the system"</option>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
            </label>
        </header>
        <Show when=move || link_problem.get().is_some()>
            <div class="link-error" role="alert">
                <p>{move || link_problem.get().unwrap_or_default()}</p>
                <button type="button" on:click=move |_| link_problem.set(None)>"Dismiss"</button>
            </div>
        </Show>
        // Shown only on paper: what was simulated, in words, and the link that reproduces it.
        <section class="print-only" aria-hidden="true">
            <p>
                <strong>"Scenario: "</strong>
                {move || scenario.with(describe_scenario)}
                " "
                {move || recovery_sentence.get().unwrap_or_default()}
                {move || {
                    scenario
                        .with(spread::setting_for)
                        .map(|p| format!(" Shaded band: 10-90 % of {} men like this one (seed {}).", p.men, p.seed))
                        .unwrap_or_default()
                }}
            </p>
            <p class="print-link">{move || scenario.with(link_for)}</p>
        </section>
        <p class="disclaimer" role="note">
            "Educational simulation, not medical advice. It shows published averages, not your response, and recommends no dose for anyone."
        </p>
        <tour::Tour step=tour_step />
        <main class="layout">
            <div class="side">
                <PresetBar scenario=scenario />
                <about::AboutYou scenario=scenario units=units matches=lab_matches />
                <section class="controls" aria-label="Agents">
                    // Open on a wide screen; folded on a phone, where the chart comes first.
                    <details class="agents-fold" open=!is_phone()>
                        <summary>
                            <h2>"Agents"</h2>
                        </summary>
                        <DepthSwitch />
                        <prior::PriorTrtChoice scenario=scenario />
                        {Agent::ALL.into_iter().map(|a| view! { <AgentRow scenario=scenario agent=a /> }).collect_view()}
                    </details>
                </section>
            </div>
            <div class="main-col">
                <section class="charts" aria-label="Hormone time courses">
                    <div class="chart-tools">
                        <label class="field">
                            <span>"Show"</span>
                            <select
                                aria-label="Time span after week 0"
                                on:change=move |ev| {
                                    if let Ok(w) = event_target_value(&ev).parse::<f64>() {
                                        scenario.update(|s| s.horizon_days = w * 7.0);
                                    }
                                }
                            >
                                {horizon_options}
                            </select>
                        </label>
                        <fieldset class="units">
                            <legend>"Units"</legend>
                            {[(Units::Conventional, "ng/dL, pg/mL"), (Units::Si, "nmol/L, pmol/L")]
                                .into_iter()
                                .map(|(u, label)| view! {
                                    <label>
                                        <input
                                            type="radio"
                                            name="units"
                                            prop:checked=move || units.get() == u
                                            on:change=move |_| units.set(u)
                                        />
                                        {label}
                                    </label>
                                })
                                .collect_view()}
                        </fieldset>
                        <div class="share">
                            <button type="button" on:click=copy_link>"Copy link"</button>
                            <embed::EmbedDialog scenario=scenario />
                            <Show when=move || copied.get().is_some()>
                                {move || {
                                    let text = copied.get().unwrap_or_default();
                                    if text.starts_with("http") {
                                        view! {
                                            <input class="share-url" type="text" readonly aria-label="Link to this scenario" prop:value=text />
                                        }
                                            .into_any()
                                    } else {
                                        view! { <span class="share-status" role="status">{text}</span> }.into_any()
                                    }
                                }}
                            </Show>
                        </div>
                        <spread::SpreadToggle scenario=scenario spread=spread />
                        <label class="more">
                            <input type="checkbox" prop:checked=more on:change=move |ev| more.set(event_target_checked(&ev)) />
                            "Testis panels (ITT, inhibin B, sperm)"
                        </label>
                    </div>
                    <div class="zoom-tools">
                        <Show
                            when=move || zoom.get().is_none()
                            fallback=move || view! {
                                <button type="button" on:click=move |_| { zoom.set(None); cursor.set(None); }>
                                    "Back to the whole protocol"
                                </button>
                                <span class="zoom-note">
                                    {move || zoom.get().map(|(s, d)| format!("Pulse by pulse: days {:.1} to {:.1}", s, s + d)).unwrap_or_default()}
                                </span>
                            }
                        >
                            <button
                                type="button"
                                on:click=move |_| {
                                    let start = cursor.get_untracked().unwrap_or_else(|| scenario.with_untracked(resting_day)).max(scenario.with_untracked(|s| s.first_shown_day()));
                                    let end = scenario.with_untracked(|s| s.horizon_days);
                                    let days = zoom_days.get_untracked();
                                    let start = start.min(end - days).max(scenario.with_untracked(|s| s.first_shown_day()));
                                    zoom.set(Some((start, days)));
                                    cursor.set(None);
                                }
                            >
                                "Zoom in (pulses)"
                            </button>
                            <label class="field inline">
                                <select
                                    aria-label="Zoom length"
                                    on:change=move |ev| {
                                        if let Ok(d) = event_target_value(&ev).parse::<f64>() {
                                            zoom_days.set(d);
                                        }
                                    }
                                >
                                    <option value="1">"1 day"</option>
                                    <option value="2">"2 days"</option>
                                    <option value="3" selected=true>"3 days"</option>
                                </select>
                            </label>
                            <span class="zoom-note">"at the cursor, or at week 12"</span>
                        </Show>
                    </div>
                    <Show when=move || zoom.get().is_none()>
                        <Timeline scenario=scenario />
                    </Show>
                    <Chart data=data label=Signal::derive(chart_label) cursor=cursor />
                    <chart::PrintChart data=data />
                    <p class="readout" data-testid="readout" aria-live="polite">{readout}</p>
                    <words::CurvesInWords trajectory=trajectory units=units scenario=scenario />
                    <p class="legend">
                        "Pale shading: adult male reference range. Darker band (when on): 10-90 % of men like this one. Dashed grey: the same man untreated. Ticks on the time axis: doses. Dotted: lab draws."
                    </p>
                    <p class="summary" aria-live="polite" data-testid="summary">{at_week_12}</p>
                </section>
                <section class="loop-card" aria-label="What each drug does to the loop">
                    <h2>"The loop"</h2>
                    <LoopDiagram state=loop_state />
                </section>
                <recovery::RecoveryStory sentence=recovery_sentence />
                <spread::LikelyPanel spread=spread />
                <Findings trajectory=trajectory />
                <LabTable trajectory=trajectory units=units weeks=draw_weeks timing=draw_timing draws=draws men=spread.view />
                <ExportImport scenario=scenario trajectory=trajectory chart=data units=units draws=draws />
                <Glossary />
            </div>
        </main>
    }
    .into_any()
}
