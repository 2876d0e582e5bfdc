//! Testosterone therapy before week 0: how long and how much, in one choice. Recovery after stopping
//! depends on both, so the choice is where a person sets "my years on TRT".

use crate::model::presets::{PriorTrt, PRIOR_TRT_CHOICES};
use crate::model::Scenario;
use leptos::prelude::*;

/// The value of the option that holds a history none of the choices describe (from a link or a file).
const OTHER: &str = "other";
const NONE: &str = "none";

/// Plain words for a scenario's history: a choice's description, or its lines.
pub fn describe_history(s: &Scenario) -> Option<String> {
    if s.history.is_empty() {
        return None;
    }
    Some(match PriorTrt::recognise(&s.history) {
        Some(p) => p.describe(),
        None => s
            .history
            .iter()
            .map(|d| {
                format!(
                    "{} from week {:.0} to {:.0}",
                    d.agent.display_name(),
                    d.start_day / 7.0,
                    d.end_day.unwrap_or(0.0) / 7.0
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// The select for the history before week 0.
#[component]
pub fn PriorTrtChoice(
    /// The scenario whose history the choice sets.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let chosen = Memo::new(move |_| {
        scenario.with(|s| {
            if s.history.is_empty() {
                NONE.to_string()
            } else {
                PriorTrt::recognise(&s.history)
                    .and_then(|p| PRIOR_TRT_CHOICES.iter().position(|c| *c == p))
                    .map_or(OTHER.to_string(), |i| i.to_string())
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
            v => match v.parse::<usize>().ok().and_then(|i| PRIOR_TRT_CHOICES.get(i)) {
                Some(p) => vec![p.dosing()],
                // "As in the link" keeps the history it describes.
                None => return,
            },
        };
        scenario.update(|s| s.history = history);
    };
    view! {
        <label class="field history">
            <span>"Testosterone therapy before week 0 (cypionate)"</span>
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
                {other}
            </select>
        </label>
    }
}
