//! The browser user interface (wasm32 only). It never computes physiology itself: it builds a
//! `Scenario`, asks the model for a `Trajectory`, and draws it.

mod chart;
mod controls;

use crate::model::simulate::Calibrated;
use crate::model::{Engine, Output, Scenario, Subject, Trajectory};
use controls::{AgentSwitch, Regimen};
use leptos::prelude::*;
use std::sync::Arc;

pub use chart::Chart;
pub use controls::AgentSwitch as Switch;

/// Installs the panic hook (panics become readable console errors) and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}

/// The model engine and the calibrated default subject, built once per page.
#[derive(Clone)]
pub struct Model {
    engine: Arc<Engine>,
    subject: Arc<Calibrated>,
}

impl Model {
    pub fn new() -> Model {
        let engine = Engine::default();
        let subject = engine.calibrate_subject(&Subject::default());
        Model { engine: Arc::new(engine), subject: Arc::new(subject) }
    }

    pub fn run(&self, scenario: &Scenario) -> Trajectory {
        self.engine.simulate_calibrated(scenario, &self.subject)
    }
}

impl Default for Model {
    fn default() -> Self {
        Model::new()
    }
}

/// The whole page: switches on the left, the charts beside them, a plain-words summary below.
#[component]
pub fn App() -> impl IntoView {
    let model = Model::new();
    let regimen = RwSignal::new(Regimen::default());
    let trajectory = Memo::new(move |_| model.run(&regimen.get().scenario()));

    let summary = move || {
        let t = trajectory.get();
        let day = 84.0;
        let lh = t.at(Output::Lh, day);
        let tt = Output::TotalT.to_conventional(t.at(Output::TotalT, day));
        format!("At week 12: LH {lh:.1} IU/L, total testosterone {tt:.0} ng/dL.")
    };

    view! {
        <header class="masthead">
            <h1>"HPG Explorer"</h1>
            <p class="tagline">"How the hypothalamus, pituitary and testes answer the drugs you switch on."</p>
        </header>
        <p class="disclaimer" role="note">
            "Educational simulation, not medical advice. It recommends no dose for anyone."
        </p>
        <main class="layout">
            <section class="controls" aria-label="Agents">
                <h2>"Agents"</h2>
                <AgentSwitch regimen=regimen which=controls::Which::Trt />
                <AgentSwitch regimen=regimen which=controls::Which::Hcg />
                <AgentSwitch regimen=regimen which=controls::Which::Clomiphene />
            </section>
            <section class="charts" aria-label="Hormone time courses">
                <Chart trajectory=trajectory />
                <p class="summary" aria-live="polite" data-testid="summary">{summary}</p>
            </section>
        </main>
    }
}
