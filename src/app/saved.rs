//! Named scenarios saved in this browser (localStorage), and a reset to the default scenario.

use crate::model::json::{self, Value};
use crate::model::lang::{say, t};
use crate::model::{scenario::scenario_file, Scenario};
use leptos::prelude::*;

const KEY: &str = "hpg-explorer/saved/v1";

#[derive(Clone, Debug, PartialEq)]
struct Saved {
    name: String,
    scenario: Scenario,
    /// Plan B, when one was kept for comparison.
    compared: Option<Scenario>,
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Why there is no storage, in the reader's words: inside a lesson's iframe it is the embedding page (a
/// browser that blocks third-party storage), not the reader's browser, and the link still keeps his scenario.
fn no_storage_reason() -> &'static str {
    let here = window();
    let framed = here.top().ok().flatten().is_some_and(|top| !js_sys::Object::is(&top, &here));
    if framed {
        "the page this explorer is embedded in does not let it keep anything in your browser; Copy link keeps the scenario instead"
    } else {
        "this browser keeps no local storage"
    }
}

/// The saved list; entries that no longer check as scenarios are dropped rather than trusted.
fn load() -> Vec<Saved> {
    let text = storage().and_then(|s| s.get_item(KEY).ok().flatten()).unwrap_or_default();
    let Ok(Value::Array(items)) = json::parse(&text) else { return Vec::new() };
    items
        .iter()
        .filter_map(|item| {
            let Value::Object(members) = item else { return None };
            let field = |k: &str| members.iter().find(|(key, _)| key == k).map(|(_, v)| v);
            let Some(Value::String(name)) = field("name") else { return None };
            let scenario = scenario_file::read(field("scenario")?).ok()?;
            let compared = field("compared").and_then(|b| scenario_file::read(b).ok()).filter(|b| b.check().is_ok());
            Some(Saved { name: name.clone(), scenario, compared })
        })
        .filter(|s| s.scenario.check().is_ok() && s.name.chars().count() <= 200)
        .collect()
}

fn store(list: &[Saved]) -> Result<(), String> {
    let list = Value::Array(
        list.iter()
            .map(|s| {
                let mut members = vec![
                    ("name".into(), Value::String(s.name.clone())),
                    ("scenario".into(), scenario_file::write(&s.scenario)),
                ];
                if let Some(b) = &s.compared {
                    members.push(("compared".into(), scenario_file::write(b)));
                }
                Value::Object(members)
            })
            .collect(),
    );
    let mut text = String::new();
    list.write(&mut text, 0);
    storage()
        .ok_or_else(|| no_storage_reason().to_string())?
        .set_item(KEY, &text)
        .map_err(|_| "storage is full or blocked".to_string())
}

/// Save, open, delete and reset.
#[component]
pub fn SavedScenarios(
    /// The scenario saved from and opened into.
    scenario: RwSignal<Scenario>,
    /// The scenario "Reset" returns to.
    reset_to: Scenario,
) -> impl IntoView {
    // Plan B is saved and opened with plan A.
    let compared = super::state::use_page().compared;
    let list = RwSignal::new(load());
    // Known before a save is tried: a lesson's iframe in a browser that blocks third-party storage keeps
    // nothing, and the reader should not type a name to learn it.
    let can_keep = storage().is_some();
    let name = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let save = move |_| {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() || n.chars().count() > 200 {
            message.set(Some(t("Give the scenario a name of 1 to 200 characters.").into()));
            return;
        }
        let mut next = list.get_untracked();
        next.retain(|s| s.name != n);
        next.push(Saved { name: n.clone(), scenario: scenario.get_untracked(), compared: compared.get_untracked() });
        match store(&next) {
            Ok(()) => {
                list.set(next);
                name.set(String::new());
                message.set(Some(say("Saved \u{201c}{name}\u{201d} in this browser.", &[("name", &n)])));
            }
            // The reasons store() gives are texts of the catalogue: say() translates them.
            Err(e) => message.set(Some(say("Could not save: {e}.", &[("e", &e)]))),
        }
    };
    let rows = move || {
        list.get()
            .into_iter()
            .map(|s| {
                let open_name = s.name.clone();
                let delete_name = s.name.clone();
                let chosen = s.scenario.clone();
                let chosen_b = s.compared.clone();
                view! {
                    <li>
                        <span class="saved-name">{s.name.clone()}</span>
                        <button type="button" aria-label=say("Open {name}", &[("name", &s.name)]) on:click=move |_| {
                            scenario.set(chosen.clone());
                            compared.set(chosen_b.clone());
                            message.set(Some(say("Opened \u{201c}{name}\u{201d}.", &[("name", &open_name)])));
                        }>{t("Open")}</button>
                        <button type="button" aria-label=say("Delete {name}", &[("name", &s.name)]) on:click=move |_| {
                            let mut next = list.get_untracked();
                            next.retain(|x| x.name != delete_name);
                            if store(&next).is_ok() {
                                list.set(next);
                            }
                        }>{t("Delete")}</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="saved">
            <Show
                when=move || can_keep
                fallback=|| view! {
                    <p class="saved-none">{say("Saving in this browser is not available here: {e}.", &[("e", &t(no_storage_reason()))])}</p>
                }
            >
                <label class="field">
                    <span>{t("Name")}</span>
                    <input
                        type="text"
                        maxlength="200"
                        aria-label=t("Name for this scenario")
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </label>
                <button type="button" on:click=save>{t("Save in this browser")}</button>
            </Show>
            <button type="button" on:click=move |_| { scenario.set(reset_to.clone()); compared.set(None); message.set(Some(t("Back to the default scenario.").into())); }>
                {t("Reset to defaults")}
            </button>
            <Show when=move || !list.get().is_empty()>
                <ul class="saved-list" aria-label=t("Saved scenarios")>{rows}</ul>
            </Show>
            <Show when=move || message.get().is_some()>
                <p class="export-ok" role="status">{move || message.get().unwrap_or_default()}</p>
            </Show>
        </div>
    }
}
