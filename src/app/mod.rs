//! The browser user interface (wasm32 only). It never computes physiology itself: it edits a
//! `Scenario`, asks the model for a `Trajectory`, and draws it.

mod about;
mod agents;
mod bench;
mod canvas_backend;
mod chart;
mod compare;
mod diagram;
mod dom;
mod embed;
mod evidence;
mod explain;
mod export;
mod hosted_stories;
mod html;
mod i18n;
mod labs;
mod layout;
mod measured;
mod presets;
mod prior;
mod recovery;
mod saved;
mod spread;
mod state;
mod story;
mod tasks;
mod timeline;
mod timing;
mod tornado;
mod tour;
mod typed;
mod words;
pub mod worker;

use crate::model::engine::simulate::Calibrated;
use crate::model::lang::{say, t};
use crate::model::{Engine, Resume, Scenario, Subject, Trajectory};
use explain::Depth;
use leptos::prelude::*;
use state::{Page, Runs};
use std::sync::{Arc, Mutex};

/// Installs the panic hook (panics become readable console errors) and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    // After one visit the app works offline (sw.js caches the static build). Some contexts have no
    // service workers at all (an iframe in a host without an origin, private windows in some browsers),
    // and a browser that blocks third-party storage refuses one to a lesson's iframe: the page then works
    // online only, and the refusal is awaited here rather than left as an error in the console.
    let navigator = window().navigator();
    if js_sys::Reflect::get(&navigator, &"serviceWorker".into()).is_ok_and(|v| !v.is_undefined()) {
        let registering = navigator.service_worker().register("./sw.js");
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(registering).await;
        });
    }
    if bench::is_bench() {
        mount_to_body(bench::EngineBench);
    } else {
        i18n::load_then(|| hosted_stories::read_then(|| mount_to_body(App)));
    }
}

/// Whether the page's query string holds `pair` (`key=value`) as one of its parameters.
fn query_has(pair: &str) -> bool {
    let search = window().location().search().unwrap_or_default();
    search.trim_start_matches('?').split('&').any(|p| p == pair)
}

/// The value of the first `key=` parameter of the page's query string, as written.
fn query_value(key: &str) -> Option<String> {
    let search = window().location().search().unwrap_or_default();
    let prefix = format!("{key}=");
    search.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix(prefix.as_str())).map(str::to_owned)
}

/// The model engine, built once per page; the scenario's subject calibrated to his labs (again only when
/// the subject changes); and the last run, from which the next one resumes (an edit re-runs only from the
/// first dose it changes).
/// A subject and his calibration.
type CalibratedSubject = (Subject, Arc<Calibrated>);

pub struct Model {
    engine: Arc<Engine>,
    /// The last subject calibrated and his calibration, shared with siblings, so a subject is calibrated
    /// once for every view of him (and not before a view asks).
    subject: Arc<Mutex<Option<CalibratedSubject>>>,
    last: Mutex<Resume>,
}

impl Model {
    pub fn new() -> Model {
        Model::with_engine(Arc::new(Engine::default()))
    }

    /// A model on an engine already built, with a calibration cache of its own.
    pub fn with_engine(engine: Arc<Engine>) -> Model {
        Model { engine, subject: Arc::default(), last: Mutex::default() }
    }

    /// The same engine and calibrated subject with a run history of its own (the zoomed window is another run).
    fn sibling(&self) -> Model {
        Model { engine: self.engine.clone(), subject: self.subject.clone(), last: Mutex::default() }
    }

    /// `subject` calibrated: the page simulates the man the scenario describes, as `hpg-sim` does.
    fn calibrated(&self, subject: &Subject) -> Arc<Calibrated> {
        let mut cached = self.subject.lock().unwrap_or_else(|e| e.into_inner());
        match &*cached {
            Some((s, c)) if s == subject => c.clone(),
            _ => {
                let c = Arc::new(self.engine.calibrate_subject(subject));
                *cached = Some((subject.clone(), c.clone()));
                c
            }
        }
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
/// the scenario as it was. Every edit that could make a scenario invalid goes through it; whole scenarios
/// set at once (a preset, a checked file, a saved scenario, plan B) are valid already, and so are the edits
/// that only remove (a measured lab, the fitted traits) or switch the population band.
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

/// The scenario the page's link (`search`) carries and the plan it compares with, with what was left out of
/// the link in words; or the safe scenario and why the link could not be used at all.
fn scenario_from_location(search: &str) -> (Scenario, Option<Scenario>, Option<String>) {
    if search.trim_start_matches('?').is_empty() {
        return (initial_scenario(), None, None);
    }
    match crate::model::scenario::link::decode_salvaging(search) {
        Ok(read) if read.dropped.is_empty() => (read.scenario, read.compared, None),
        Ok(read) => {
            let parts: Vec<String> = read
                .dropped
                .iter()
                .map(|d| {
                    let part = say("{text} ({reason})", &[("text", &d.text), ("reason", &d.error.message)]);
                    // A part of plan B says so: the same line may be fine in plan A.
                    match d.error.param.starts_with("b.") {
                        true => say("plan B: {part}", &[("part", &part)]),
                        false => part,
                    }
                })
                .collect();
            let problem = say(
                "Part of this link could not be used and was left out: {parts}. The rest of it is shown.",
                &[("parts", &parts.join("; "))],
            );
            (read.scenario, read.compared, Some(problem))
        }
        Err(e) => (
            initial_scenario(),
            None,
            Some(say("This link could not be used ({e}). Showing an untreated man instead.", &[("e", &e)])),
        ),
    }
}

/// The scenario in words, for print: every line with its dose, interval and weeks.
fn describe_scenario(s: &Scenario) -> String {
    let lines: Vec<String> = s
        .dosings()
        .map(|d| {
            // The drug's name and the dose's unit are English texts of the catalogue: say() translates them.
            let (drug, unit) = (d.agent.display_name(), d.unit.label());
            let (from, to) =
                (format!("{:.0}", d.start_day / 7.0), format!("{:.0}", d.end_day.unwrap_or(d.start_day) / 7.0));
            match (d.every_days, d.every_minutes) {
                (_, Some(m)) => say(
                    "{drug} {dose} {unit} every {m} min, weeks {from} to {to}",
                    &[("drug", &drug), ("dose", &d.dose), ("unit", &unit), ("m", &m), ("from", &from), ("to", &to)],
                ),
                (Some(1.0), _) => say(
                    "{drug} {dose} {unit} daily, weeks {from} to {to}",
                    &[("drug", &drug), ("dose", &d.dose), ("unit", &unit), ("from", &from), ("to", &to)],
                ),
                (Some(days), _) => say(
                    "{drug} {dose} {unit} every {days} days, weeks {from} to {to}",
                    &[
                        ("drug", &drug),
                        ("dose", &d.dose),
                        ("unit", &unit),
                        ("days", &days),
                        ("from", &from),
                        ("to", &to),
                    ],
                ),
                _ => say(
                    "{drug} {dose} {unit}, weeks {from} to {to}",
                    &[("drug", &drug), ("dose", &d.dose), ("unit", &unit), ("from", &from), ("to", &to)],
                ),
            }
        })
        .collect();
    let (age, weeks) = (format!("{:.0}", s.subject.age_years), format!("{:.0}", s.horizon_days / 7.0));
    if lines.is_empty() {
        say("a {age}-year-old man, untreated, over {weeks} weeks.", &[("age", &age), ("weeks", &weeks)])
    } else {
        say(
            "a {age}-year-old man: {lines}; shown to week {weeks}.",
            &[("age", &age), ("lines", &lines.join("; ")), ("weeks", &weeks)],
        )
    }
}

/// The query string of plan A, and of plan B when one is kept for comparison.
fn query_for(a: &Scenario, b: Option<&Scenario>) -> String {
    match b {
        Some(b) => crate::model::scenario::link::encode_compared(a, b),
        None => crate::model::scenario::link::encode(a),
    }
}

/// The full address of the page's plans.
fn link_for(page: Page) -> String {
    let loc = window().location();
    let query = page.scenario.with(|a| page.compared.with(|b| query_for(a, b.as_ref())));
    format!("{}{}?{}{query}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default(), i18n::link_param())
}

/// The whole page: it creates the page's state, keeps the address in step with it, and composes the panels.
#[component]
pub fn App() -> impl IntoView {
    provide_context(RwSignal::new(Depth::Basics));
    let embedded = embed::is_embed();
    let page = Page::from_location(embedded);
    // A language that could not be loaded is said where a link's problem is.
    if let Some(language) = i18n::take_load_problem() {
        page.link_problem.set(Some(language));
    }
    provide_context(page);
    layout::follow_system_theme(page);
    layout::keep_address(page);
    layout::follow_history(page);
    let runs = Runs::new(page);
    provide_context(runs);
    if embedded {
        embed::connect(page.scenario, page.link_problem);
        return view! { <embed::EmbedPage /> }.into_any();
    }
    worker::prewarm_after_first_chart(page.scenario);
    // A newcomer gets the first-minute walk once (never in an embed: the host page frames it).
    // Never over a story a link opened: the story is the walk the person came for.
    let tour_step = RwSignal::new((!tour::seen() && page.story.get_untracked().is_none()).then_some(0usize));
    let scenario = page.scenario;
    view! {
        <layout::Masthead tour_step=tour_step />
        <layout::LinkProblem />
        <layout::PrintSummary />
        <p class="disclaimer" role="note">
            {t("Educational simulation, not medical advice. It shows published averages, not your response, and recommends no dose for anyone.")}
        </p>
        <tour::Tour step=tour_step />
        <main class="layout" class:predicting=move || story::hidden_after(page).is_some()>
            <div class="side">
                <presets::PresetBar scenario=scenario />
                <story::StoryList />
                <about::AboutYou scenario=scenario units=page.units matches=runs.lab_matches />
                <layout::AgentsPanel />
            </div>
            <div class="main-col">
                <story::StoryPanel />
                <layout::ChartSection />
                <compare::CompareTable />
                <section class="loop-card" aria-label=t("What each drug does to the loop")>
                    <h2>{t("The loop")}</h2>
                    <diagram::LoopDiagram state=runs.loop_state />
                </section>
                <recovery::RecoveryStory sentence=runs.recovery_sentence />
                <spread::LikelyPanel spread=runs.spread scenario=page.scenario />
                <tornado::WhatMattersMost />
                <labs::Findings trajectory=runs.settled />
                <labs::PlanLabTable />
                <measured::MeasuredLabs />
                <evidence::HowWeKnow />
                <export::ExportImport
                    scenario=scenario
                    trajectory=runs.trajectory
                    chart=runs.chart
                    units=page.units
                    draws=runs.draws
                />
                <explain::Glossary />
            </div>
        </main>
    }
    .into_any()
}
