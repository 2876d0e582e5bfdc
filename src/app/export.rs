//! Export (CSV of the time course and labs, the scenario as JSON, the chart as a 2x PNG) and import of
//! a scenario file. Everything happens in the browser: nothing about a person leaves it.

use super::chart::{self, ChartData};
use super::labs::plans_labs_csv;
use super::state::{use_page, use_runs};
use crate::model::lang::{say, t};
use crate::model::scenario::draws::{self, Draw};
use crate::model::{Scenario, Trajectory, Units};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Offers `content` as a file download.
fn download(filename: &str, mime: &str, content: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "no Blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no object URL")?;
    let result = click_link(filename, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

fn click_link(filename: &str, href: &str) -> Result<(), String> {
    let a: web_sys::HtmlAnchorElement =
        document().create_element("a").map_err(|_| "no anchor")?.dyn_into().map_err(|_| "not an anchor")?;
    a.set_href(href);
    a.set_download(filename);
    a.click();
    Ok(())
}

/// Export buttons and the scenario file picker.
#[component]
pub fn ExportImport(
    /// The scenario (exported, and replaced by an import).
    scenario: RwSignal<Scenario>,
    /// The whole-protocol trajectory.
    #[prop(into)]
    trajectory: Signal<Arc<Trajectory>>,
    /// What the chart shows, for the PNG.
    #[prop(into)]
    chart: Signal<ChartData>,
    /// Display units of the CSVs.
    #[prop(into)]
    units: Signal<Units>,
    /// The lab draws (weeks and the days they are taken).
    #[prop(into)]
    draws: Signal<Vec<Draw>>,
) -> impl IntoView {
    let message = RwSignal::new(None::<(bool, String)>);
    let report = move |r: Result<(), String>| {
        if let Err(e) = r {
            // The reasons this file gives are texts of the catalogue: say() translates them.
            message.set(Some((false, say("Export failed: {e}", &[("e", &e)]))));
        }
    };
    // With two plans on screen, every export carries both: plan B is in the same file, named as B.
    let (page, runs) = (use_page(), use_runs());
    let plan_b = move || page.compared.get_untracked().zip(runs.compared.get_untracked());
    let time_course = move |_| {
        let units = units.get_untracked();
        let csv = trajectory.with_untracked(|a| match plan_b() {
            Some((_, b)) => Trajectory::plans_to_csv(a, &b, units),
            None => a.to_csv(units),
        });
        report(download("hpg-time-course.csv", "text/csv", &csv))
    };
    let labs = move |_| {
        let (a_draws, units) = (draws.get_untracked(), units.get_untracked());
        let csv = trajectory.with_untracked(|a| match plan_b() {
            Some((b, b_run)) => {
                let b_draws = page.draw_weeks.with_untracked(|w| draws::draws(&b, w, page.draw_timing.get_untracked()));
                plans_labs_csv(&[("A", a, &a_draws), ("B", &b_run, &b_draws)], units)
            }
            None => plans_labs_csv(&[("", a, &a_draws)], units),
        });
        report(download("hpg-labs.csv", "text/csv", &csv))
    };
    let json = move |_| {
        let text = scenario.with_untracked(|a| Scenario::plans_to_json(a, page.compared.get_untracked().as_ref()));
        report(download("hpg-scenario.json", "application/json", &text))
    };
    let png = move |_| {
        let r = chart.with(|d| chart::render_png(d, 2.0)).ok_or_else(|| "the chart could not be drawn".to_string());
        report(r.and_then(|url| click_link("hpg-chart.png", &url)));
    };
    let open_file = move |file: web_sys::File| {
        let name = file.name();
        leptos::task::spawn_local(async move {
            // The reasons given here are texts of the catalogue: say() below translates them.
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let text = text.ok().and_then(|t| t.as_string());
            let result = match text {
                None => Err("the file could not be read as text".to_string()),
                Some(text) if text.len() > 1_000_000 => Err("the file is larger than 1 MB".to_string()),
                Some(text) => Scenario::plans_from_json(&text).map_err(|e| e.to_string()),
            };
            match result {
                Ok((a, b)) => {
                    scenario.set(a);
                    page.compared.set(b);
                    message.set(Some((true, say("Opened {name}.", &[("name", &name)]))));
                }
                Err(e) => message.set(Some((
                    false,
                    say(
                        "{name} could not be opened ({e}). The scenario on screen is unchanged.",
                        &[("name", &name), ("e", &e)],
                    ),
                ))),
            }
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open_file(file);
        }
        input.set_value("");
    };
    // A scenario file dropped on this section opens like one picked.
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            open_file(file);
        }
    };
    view! {
        <section
            class="export"
            class:dragging=move || dragging.get()
            aria-label=t("Export and import")
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h2>{t("Save and share")}</h2>
            <div class="export-buttons">
                <button type="button" on:click=time_course>{t("Time course (CSV)")}</button>
                <button type="button" on:click=labs>{t("Labs (CSV)")}</button>
                <button type="button" on:click=json>{t("Scenario (JSON)")}</button>
                <button type="button" on:click=png>{t("Chart (PNG)")}</button>
                // The page's own print: inside a lesson's iframe it prints this page, not the lesson around it.
                <button type="button" on:click=|_| { let _ = window().print(); }>{t("Print or save as PDF")}</button>
                <label class="file">
                    {t("Open a scenario file (or drop it here)")}
                    <input type="file" accept="application/json,.json" on:change=import />
                </label>
            </div>
            <super::saved::SavedScenarios scenario=scenario reset_to=super::initial_scenario() />
            <Show when=move || message.get().is_some()>
                {move || {
                    let (ok, text) = message.get().unwrap_or_default();
                    view! { <p class=if ok { "export-ok" } else { "field-error" } role=if ok { "status" } else { "alert" }>{text}</p> }
                }}
            </Show>
        </section>
    }
}
