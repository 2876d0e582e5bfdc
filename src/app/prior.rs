//! Testosterone therapy before week 0: how long and how much, in one choice. Recovery after stopping
//! depends on both, so the choice is where a person sets "my years on TRT".

use super::typed::TypedNumber;
use crate::model::presets::{common_regimen, PriorTrt, PRIOR_TRT_CHOICES};
use crate::model::scenario::MIN_HISTORY_DAY;
use crate::model::{Agent, Dosing, Scenario};
use leptos::prelude::*;

/// The value of the option that holds a history none of the choices describe (from a link or a file).
const OTHER: &str = "other";
const NONE: &str = "none";
/// The value of the option that opens the editor for one's own therapy.
const OWN: &str = "own";

/// The testosterone products a person can say he took.
const OWN_AGENTS: [Agent; 4] = [
    Agent::TestosteroneCypionate,
    Agent::TestosteroneEnanthate,
    Agent::TestosteroneUndecanoate,
    Agent::TestosteroneGel,
];

/// One's own therapy before week 0: which product, how much, how often, for how long, and how long ago
/// it stopped. It is the history's single line; the fields read it back.
#[derive(Clone, Copy, Debug, PartialEq)]
struct OwnTherapy {
    agent: Agent,
    dose: f64,
    every_days: f64,
    years: f64,
    stopped_weeks_ago: f64,
}

impl OwnTherapy {
    /// The therapy a history is, when it is one testosterone line that ends by week 0.
    fn read(history: &[Dosing]) -> Option<OwnTherapy> {
        let [d] = history else { return None };
        let end = d.end_day?;
        let every_days = d.every_days?;
        (OWN_AGENTS.contains(&d.agent) && end <= 0.0 && d.start_day < end).then(|| OwnTherapy {
            agent: d.agent,
            dose: d.dose,
            every_days,
            years: (end - d.start_day) / 364.0,
            stopped_weeks_ago: -end / 7.0,
        })
    }

    /// The history line: whole dosing intervals, ending `stopped_weeks_ago` before week 0.
    fn dosing(self) -> Dosing {
        let end = -7.0 * self.stopped_weeks_ago;
        let doses = (self.years * 364.0 / self.every_days).round().max(1.0);
        Dosing {
            dose: self.dose,
            every_days: Some(self.every_days),
            start_day: end - doses * self.every_days,
            end_day: Some(end),
            ..common_regimen(self.agent, 0.0)
        }
    }

    /// A product's usual therapy, for a year, stopped at week 0.
    fn usual(agent: Agent) -> OwnTherapy {
        let d = common_regimen(agent, 0.0);
        OwnTherapy { agent, dose: d.dose, every_days: d.every_days.unwrap_or(7.0), years: 1.0, stopped_weeks_ago: 0.0 }
    }
}

/// Plain words for a scenario's history: a choice's description, or its lines.
pub fn describe_history(s: &Scenario) -> Option<String> {
    if s.history.is_empty() {
        return None;
    }
    Some(match PriorTrt::recognise(&s.history) {
        Some(p) => p.describe(),
        // The timeline's words: how long, and when it stopped.
        None => s.history.iter().map(|d| super::timeline::dosing_words(d, 0.0)).collect::<Vec<_>>().join("; "),
    })
}

/// The select for the history before week 0.
#[component]
pub fn PriorTrtChoice(
    /// The scenario whose history the choice sets.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    // The editor stays open once asked for, while the history is one it can read.
    let own_open = RwSignal::new(false);
    let own = Memo::new(move |_| scenario.with(|s| OwnTherapy::read(&s.history)));
    let chosen = Memo::new(move |_| {
        scenario.with(|s| {
            if s.history.is_empty() {
                NONE.to_string()
            } else {
                let choice =
                    PriorTrt::recognise(&s.history).and_then(|p| PRIOR_TRT_CHOICES.iter().position(|c| *c == p));
                match choice {
                    Some(i) if !own_open.get() => i.to_string(),
                    _ if OwnTherapy::read(&s.history).is_some() => OWN.to_string(),
                    _ => OTHER.to_string(),
                }
            }
        })
    });
    let other = move || {
        (chosen.get() == OTHER).then(|| {
            let words = scenario.with(describe_history).unwrap_or_default();
            view! { <option value=OTHER selected=true>{format!("As in the link: {words}")}</option> }
        })
    };
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        let history = match value.as_str() {
            NONE => Vec::new(),
            // The editor starts from the therapy in force, or a year of the usual cypionate.
            OWN => {
                own_open.set(true);
                let own = scenario.with_untracked(|s| OwnTherapy::read(&s.history));
                vec![own.unwrap_or(OwnTherapy::usual(Agent::TestosteroneCypionate)).dosing()]
            }
            v => match v.parse::<usize>().ok().and_then(|i| PRIOR_TRT_CHOICES.get(i)) {
                Some(p) => {
                    own_open.set(false);
                    vec![p.dosing()]
                }
                // "As in the link" keeps the history it describes.
                None => return,
            },
        };
        scenario.update(|s| s.history = history);
    };
    let error = RwSignal::new(None::<String>);
    // Each field rewrites the one history line; a change the scenario refuses is said and not taken.
    let edit = move |f: fn(&mut OwnTherapy, f64)| {
        Callback::new(move |v: Option<f64>| {
            let Some(v) = v else { return Err("type a number".to_string()) };
            let Some(mut own) = own.get_untracked() else { return Err("no therapy to change".to_string()) };
            f(&mut own, v);
            if own.years <= 0.0 || own.dose <= 0.0 || own.every_days <= 0.0 || own.stopped_weeks_ago < 0.0 {
                return Err("this is above zero".to_string());
            }
            let line = own.dosing();
            if line.start_day < MIN_HISTORY_DAY {
                let max_years = (-MIN_HISTORY_DAY / 364.0).floor();
                return Err(format!(
                    "therapy before week 0 may reach back {max_years:.0} years at most, stop included"
                ));
            }
            super::try_edit(scenario, |s| s.history = vec![line])
        })
    };
    let field = move |f: fn(&OwnTherapy) -> f64| Signal::derive(move || own.get().map(|o| f(&o)));
    let editor = move || {
        (chosen.get() == OWN).then(|| {
            let product = move |ev| {
                let key = event_target_value(&ev);
                if let Some(&agent) = OWN_AGENTS.iter().find(|a| a.key() == key) {
                    let usual = OwnTherapy::usual(agent);
                    let keep = own.get_untracked().map_or(usual, |o| OwnTherapy { agent, dose: usual.dose, every_days: usual.every_days, ..o });
                    scenario.update(|s| s.history = vec![keep.dosing()]);
                }
            };
            view! {
                <div class="prior-own" data-testid="prior-own">
                    <label class="field">
                        <span>"Product"</span>
                        <select on:change=product>
                            {OWN_AGENTS
                                .into_iter()
                                .map(|a| view! { <option value=a.key() selected=move || own.get().is_some_and(|o| o.agent == a)>{a.display_name()}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <TypedNumber label="Dose (mg)".to_string() value=field(|o| o.dose) set=edit(|o, v| o.dose = v) error=error />
                    <TypedNumber label="Every (days)".to_string() value=field(|o| o.every_days) set=edit(|o, v| o.every_days = v) error=error />
                    <TypedNumber label="For (years)".to_string() value=field(|o| o.years) set=edit(|o, v| o.years = v) error=error />
                    <TypedNumber
                        label="Stopped (weeks before week 0)".to_string()
                        value=field(|o| o.stopped_weeks_ago)
                        set=edit(|o, v| o.stopped_weeks_ago = v)
                        error=error
                    />
                    <Show when=move || error.get().is_some()>
                        <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
                    </Show>
                </div>
            }
        })
    };
    view! {
        <label class="field history">
            <span>"Testosterone therapy before week 0"</span>
            <select data-testid="prior-trt" on:change=on_change>
                <option value=NONE selected=move || chosen.get() == NONE>"None"</option>
                {PRIOR_TRT_CHOICES
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let value = i.to_string();
                        let selected = {
                            let value = value.clone();
                            move || chosen.get() == value
                        };
                        view! { <option value=value selected=selected>{format!("{}, then stopped", p.choice_words())}</option> }
                    })
                    .collect_view()}
                <option value=OWN selected=move || chosen.get() == OWN>"Your own: product, dose, years, when stopped"</option>
                {other}
            </select>
        </label>
        {editor}
    }
}
