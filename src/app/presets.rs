//! One-click scenarios, each explained in one sentence.

use crate::model::{presets, Scenario};
use leptos::prelude::*;

/// The preset buttons. Choosing one replaces the whole scenario.
#[component]
pub fn PresetBar(
    /// The scenario a preset replaces.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<&'static str>);
    let buttons = presets::ALL
        .iter()
        .map(|p| {
            let pressed = move || chosen.get() == Some(p.id);
            view! {
                <li>
                    <button
                        type="button"
                        class="preset"
                        data-preset=p.id
                        aria-pressed=move || pressed().to_string()
                        title=p.summary
                        on:click=move |_| {
                            scenario.set(p.scenario());
                            chosen.set(Some(p.id));
                        }
                    >
                        {p.title}
                    </button>
                </li>
            }
        })
        .collect_view();
    let explanation = move || {
        chosen.get().and_then(presets::find).map(|p| p.summary).unwrap_or("Choose a preset, or switch drugs on below.")
    };
    view! {
        <section class="presets" aria-label="Presets">
            <h2>"Presets"</h2>
            <ul>{buttons}</ul>
            <p class="preset-summary" aria-live="polite">{explanation}</p>
        </section>
    }
}
