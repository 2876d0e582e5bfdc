//! One-click scenarios, each explained in one sentence.

use crate::model::lang::t;
use crate::model::{scenario::presets, Scenario};
use leptos::prelude::*;

/// The preset buttons. Choosing one replaces the whole scenario; the button of the preset on screen is
/// pressed, however it got there (a click, a link, a saved scenario) and until an edit departs from it.
#[component]
pub fn PresetBar(
    /// The scenario a preset replaces.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let chosen = Memo::new(move |_| scenario.with(|s| presets::ALL.iter().find(|p| p.scenario() == *s).map(|p| p.id)));
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
                        title=t(p.summary)
                        on:click=move |_| scenario.set(p.scenario())
                    >
                        {t(p.title)}
                    </button>
                </li>
            }
        })
        .collect_view();
    let explanation = move || {
        chosen
            .get()
            .and_then(presets::find)
            .map_or_else(|| t("Choose a preset, or switch drugs on below."), |p| t(p.summary))
    };
    view! {
        <section class="presets" aria-label=t("Presets")>
            <h2>{t("Presets")}</h2>
            <ul>{buttons}</ul>
            <p class="preset-summary" aria-live="polite">{explanation}</p>
        </section>
    }
}
