//! Agent switches and the regimen they edit.

use crate::model::{Agent, DoseUnit, Dosing, Route, Scenario};
use leptos::prelude::*;

/// Which agents are on. Doses are common regimens from the literature, shown for education only.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Regimen {
    pub trt: bool,
    pub hcg: bool,
    pub clomiphene: bool,
}

/// The agents this view can switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Trt,
    Hcg,
    Clomiphene,
}

impl Which {
    fn label(self) -> &'static str {
        match self {
            Which::Trt => "Testosterone cypionate (TRT)",
            Which::Hcg => "hCG",
            Which::Clomiphene => "Clomiphene citrate",
        }
    }
    fn detail(self) -> &'static str {
        match self {
            Which::Trt => "100 mg IM weekly, weeks 0-24",
            Which::Hcg => "500 IU SC every other day, weeks 0-24",
            Which::Clomiphene => "25 mg by mouth daily, weeks 0-24",
        }
    }
}

const HORIZON_DAYS: f64 = 168.0;

impl Regimen {
    pub fn get(&self, w: Which) -> bool {
        match w {
            Which::Trt => self.trt,
            Which::Hcg => self.hcg,
            Which::Clomiphene => self.clomiphene,
        }
    }

    pub fn set(&mut self, w: Which, on: bool) {
        match w {
            Which::Trt => self.trt = on,
            Which::Hcg => self.hcg = on,
            Which::Clomiphene => self.clomiphene = on,
        }
    }

    /// The scenario these switches describe.
    pub fn scenario(&self) -> Scenario {
        let line = |agent, route, dose, unit, every| Dosing {
            agent,
            route,
            dose,
            unit,
            every_days: Some(every),
            every_minutes: None,
            start_day: 0.0,
            end_day: Some(HORIZON_DAYS),
        };
        let mut regimen = Vec::new();
        if self.trt {
            regimen.push(line(Agent::TestosteroneCypionate, Route::Im, 100.0, DoseUnit::Mg, 7.0));
        }
        if self.hcg {
            regimen.push(line(Agent::Hcg, Route::Sc, 500.0, DoseUnit::Iu, 2.0));
        }
        if self.clomiphene {
            regimen.push(line(Agent::ClomipheneCitrate, Route::Oral, 25.0, DoseUnit::Mg, 1.0));
        }
        Scenario {
            horizon_days: HORIZON_DAYS,
            regimen,
            output_step_days: Some(0.25),
            ..Scenario::from_json("{}").expect("the empty scenario is valid")
        }
    }
}

/// An on/off switch for one agent. Its accessible name is the drug's name.
#[component]
pub fn AgentSwitch(
    /// The regimen this switch edits.
    regimen: RwSignal<Regimen>,
    /// The agent it turns on and off.
    which: Which,
) -> impl IntoView {
    let id = format!("switch-{which:?}").to_lowercase();
    let checked = move || regimen.with(|r| r.get(which));
    view! {
        <div class="agent">
            <input
                type="checkbox"
                role="switch"
                id=id.clone()
                prop:checked=checked
                aria-checked=move || checked().to_string()
                on:change=move |ev| regimen.update(|r| r.set(which, event_target_checked(&ev)))
            />
            <label for=id>
                <span class="agent-name">{which.label()}</span>
                <span class="agent-detail">{which.detail()}</span>
            </label>
        </div>
    }
}
