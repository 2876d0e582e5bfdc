//! Embed mode (`?embed=1`): the chart and the key switches, filling any iframe, talking to the host page by
//! postMessage. Messages (all objects with a `type`):
//! - to the parent: `hpg-explorer:ready` and `hpg-explorer:scenario` (with `query`, the link's query string,
//!   and `scenario`, the JSON schema `hpg-sim` reads) on every change; `hpg-explorer:error` with `message`;
//! - from the parent: `hpg-explorer:set-scenario` with `scenario` (JSON object or string) or `query`.

use crate::model::lang::{say, t};
use crate::model::{scenario::link, Agent, Scenario};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Whether the page was opened in embed mode.
pub fn is_embed() -> bool {
    super::query_has("embed=1")
}

/// A plain JavaScript object from name-value pairs (messages are built as JS objects directly: the
/// `serde_json::Value` machinery cost the module several KB for three small messages).
fn js_object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

fn post_to_parent(message: &JsValue) {
    let Ok(Some(parent)) = window().parent() else { return };
    let _ = parent.post_message(message, "*");
}

fn text_field(data: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(data, &JsValue::from_str(name)).ok()?.as_string()
}

/// Reads a `set-scenario` message into a checked scenario, or says why it cannot be used.
pub fn scenario_from_message(data: &JsValue) -> Result<Scenario, String> {
    if text_field(data, "type").as_deref() != Some("hpg-explorer:set-scenario") {
        return Err("not a set-scenario message".into());
    }
    if let Some(q) = text_field(data, "query") {
        return link::decode(&q).map_err(|e| e.to_string());
    }
    let scenario = js_sys::Reflect::get(data, &JsValue::from_str("scenario")).unwrap_or(JsValue::UNDEFINED);
    let text = if let Some(text) = scenario.as_string() {
        text
    } else if scenario.is_object() && !js_sys::Array::is_array(&scenario) {
        js_sys::JSON::stringify(&scenario).ok().and_then(|s| s.as_string()).unwrap_or_default()
    } else {
        return Err("the message has neither a scenario nor a query".into());
    };
    if text.len() > 1_000_000 {
        return Err("the scenario is larger than 1 MB".into());
    }
    Scenario::from_json(&text).map_err(|e| e.to_string())
}

/// Wires the page to its parent: ready, every change, and scenarios sent in.
pub fn connect(scenario: RwSignal<Scenario>, problem: RwSignal<Option<String>>) {
    Effect::new(move |first: Option<()>| {
        let (query, json) = scenario.with(|s| (link::encode(s), s.to_json()));
        let query = JsValue::from_str(&query);
        if first.is_none() {
            post_to_parent(&js_object(&[("type", "hpg-explorer:ready".into()), ("query", query.clone())]));
        }
        let scenario = js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL);
        let message = [("type", "hpg-explorer:scenario".into()), ("query", query), ("scenario", scenario)];
        post_to_parent(&js_object(&message));
    });
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        if text_field(&data, "type").as_deref() != Some("hpg-explorer:set-scenario") {
            return;
        }
        match scenario_from_message(&data) {
            Ok(s) => {
                problem.set(None);
                scenario.set(s);
            }
            Err(e) => {
                // The host hears the reason in English (docs/EMBED.md); the page says it in its language (say()
                // translates the reasons this file gives, which are texts of the catalogue).
                problem.set(Some(say(
                    "The scenario sent to this page could not be used ({e}). Nothing changed.",
                    &[("e", &e)],
                )));
                let message = [("type", "hpg-explorer:error".into()), ("message", JsValue::from_str(&e))];
                post_to_parent(&js_object(&message));
            }
        }
    });
    let _ = window().add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    // The page lives as long as the listener.
    on_message.forget();
}

/// The snippet an education site pastes to embed what is on screen: the story's step when one is open, else the
/// plans (both, when two are compared).
pub fn snippet(page: super::state::Page) -> String {
    let loc = window().location();
    // The page's own address (the dialog is on the full page, so it carries no embed=1 of its own).
    format!(
        "<iframe src=\"{}{}?embed=1&{}\" title=\"HPG Explorer\" width=\"100%\" height=\"560\" style=\"border:0\" loading=\"lazy\"></iframe>",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        super::state::address_query(page, &super::i18n::link_param())
    )
}

/// Whether the story's step on screen points at the part of the page `selector` begins.
fn points_at(page: super::state::Page, selector: &str) -> bool {
    page.story.get().is_some_and(|at| super::story::pointed_at(at).starts_with(selector))
}

/// The "Embed" dialog: the snippet for the current scenario, ready to copy.
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let page = super::state::use_page();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    view! {
        <button type="button" on:click=open>{t("Embed")}</button>
        <dialog node_ref=dialog class="embed-dialog" aria-labelledby="embed-title">
            <h2 id="embed-title">{t("Embed this scenario")}</h2>
            <p>{t("Paste this into a web page. The embedded chart starts with the scenario on screen now.")}</p>
            <textarea readonly rows="5" aria-label=t("Embed code")>{move || snippet(page)}</textarea>
            <p class="small">{t("Query parameters and messages: docs/EMBED.md.")}</p>
            <button type="button" on:click=close>{t("Close")}</button>
        </dialog>
    }
}

/// The switches an embed shows: the drugs the scenario gives first (so a preset's own drug is never
/// hidden), then those most taught (`Entry::taught`). A drug keeps its switch once shown, so switching it off does not
/// take the switch away.
pub fn switch_agents(scenario: RwSignal<Scenario>) -> ReadSignal<Vec<Agent>> {
    let shown = RwSignal::new(Vec::<Agent>::new());
    Effect::new(move |_| {
        let given: Vec<Agent> = scenario.with(|s| s.regimen.iter().map(|d| d.agent).collect());
        let mut next = shown.get_untracked();
        let before = next.len();
        if before == 0 {
            next.extend(Agent::ALL.into_iter().filter(|a| a.entry().taught));
        }
        let mut new: Vec<Agent> = Vec::new();
        for a in given {
            if !next.contains(&a) && !new.contains(&a) {
                new.push(a);
            }
        }
        for (i, a) in new.into_iter().enumerate() {
            next.insert(i, a);
        }
        if next.len() != before {
            shown.set(next);
        }
    });
    shown.read_only()
}

/// What an embed is showing, in words: the scenario's name, what came before week 0 and what is given.
#[component]
pub fn ScenarioLine(
    /// The scenario described.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let words = move || scenario.with(super::words::scenario_words);
    view! { <p class="embed-scenario" data-testid="embed-scenario">{words}</p> }
}

/// The page in an embed: the scenario in a line, a switch per drug, the timeline, the chart filling the
/// frame, the summary and the curves in words.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let page = super::state::use_page();
    let runs = super::state::use_runs();
    let (scenario, problem) = (page.scenario, page.link_problem);
    let switches = switch_agents(scenario);
    view! {
        <div class="embed-page" class:predicting=move || super::story::hidden_after(page).is_some()>
            <Show when=move || problem.get().is_some()>
                <p class="link-error" role="alert">{move || problem.get().unwrap_or_default()}</p>
            </Show>
            <div class="embed-bar">
                <strong>"HPG Explorer"</strong>
                <span class="embed-note">{t("Educational simulation, not medical advice.")}</span>
                <a href=move || super::link_for(page) target="_blank" rel="noopener">{t("Open the full app")}</a>
            </div>
            <ScenarioLine scenario=scenario />
            <super::story::StoryPanel />
            <div class="embed-switches">
                {move || {
                    switches
                        .get()
                        .into_iter()
                        .map(|a| view! { <super::agents::AgentRow scenario=scenario agent=a /> })
                        .collect_view()
                }}
            </div>
            <super::timeline::Timeline scenario=scenario />
            <super::chart::Chart
                data=runs.chart
                label=Signal::derive(move || super::words::chart_label(page, runs.trajectory))
                cursor=page.cursor
                fill=true
            />
            <p class="summary" aria-live="polite" data-testid="summary">
                {move || super::words::at_resting_day(page, runs.trajectory)}
            </p>
            <super::words::CurvesInWords trajectory=runs.settled units=page.units scenario=scenario />
            // What a story's step points at beyond the chart (How likely, the labs, the loop), shown while it does.
            <Show when=move || points_at(page, ".likely")>
                <super::spread::LikelyPanel spread=runs.spread scenario=page.scenario />
            </Show>
            <Show when=move || points_at(page, ".labs")>
                <super::labs::PlanLabTable />
            </Show>
            <Show when=move || points_at(page, ".loop-card")>
                <section class="loop-card" aria-label=t("What each drug does to the loop")>
                    <super::diagram::LoopDiagram state=runs.loop_state />
                </section>
            </Show>
        </div>
    }
}
