//! The page's frame: the masthead, the link's problem, what paper shows, the agents panel and the chart
//! section with its tools. Each reads the page's state from context.

use super::agents::AgentRow;
use super::chart::{Chart, PrintChart};
use super::explain::DepthSwitch;
use super::state::{use_page, use_runs, Page, Theme};
use super::timeline::Timeline;
use super::{compare, describe_scenario, is_phone, labs, link_for, prior, resting_day, spread, tour, words};
use crate::model::lang::{say, t};
use crate::model::{Agent, Output};
use leptos::prelude::*;

/// How long the scenario must rest before the address bar is updated.
const ADDRESS_DELAY: std::time::Duration = std::time::Duration::from_millis(200);

/// Address updates from the same control closer together than this are one deliberate change (a dose typed
/// key by key, a value stepped with the arrows): the first adds a history entry, the rest replace it.
const ONE_CHANGE_MS: f64 = 1500.0;

/// Keeps the address carrying the plans, one history entry per deliberate change, so Back returns to the
/// scenario the person made before (`follow_history`). replaceState and pushState cost ~2.5 ms in Chromium,
/// longer than the simulation, so while a control is being moved the address follows once it rests (the
/// copy-link button reads the plans themselves). When the page opens, a clean link is rewritten in its
/// canonical form, in place; a link that could not be used in full is left as it was given until the
/// person changes something, so it stays in the history too. An embedded page only replaces: its entries
/// would be the host page's Back button.
pub fn keep_address(page: Page) {
    let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let last_change = StoredValue::new(f64::NEG_INFINITY);
    // The control that made the last change (the focused element): another control's change is a new one.
    let last_control = StoredValue::new_local(None::<web_sys::Element>);
    Effect::new(move |first: Option<()>| {
        let query = super::state::address_query(page, &super::i18n::link_param());
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let query_now = query.clone();
        let write = move |deliberate: bool| {
            let query = &query_now;
            let Ok(history) = window().history() else { return };
            let current = window().location().search().unwrap_or_default();
            // The address already says it: a Back or Forward the page followed, or nothing changed.
            if current.trim_start_matches('?') == query || page.restored.get_value().as_deref() == Some(query) {
                return;
            }
            page.restored.set_value(None);
            let now = window().performance().map_or(0.0, |p| p.now());
            let control = document().active_element();
            let same_change = now - last_change.get_value() <= ONE_CHANGE_MS && last_control.get_value() == control;
            let push = deliberate && !page.embedded && !same_change;
            if deliberate {
                last_change.set_value(now);
                last_control.set_value(control);
            }
            let url = format!("?{query}");
            let _ = if push {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            } else {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            };
        };
        if first.is_none() {
            if page.link_as_given.get_untracked().is_none() {
                write(false);
            }
        } else {
            let handle = leptos::leptos_dom::helpers::set_timeout_with_handle(move || write(true), ADDRESS_DELAY);
            pending.set_value(handle.ok());
        }
    });
}

/// Back and Forward: the page takes the plans (and the story step) of the address the person went to.
pub fn follow_history(page: Page) {
    let on_pop = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        page.read_location();
        // What the page now shows is what that address says: `keep_address` leaves the address alone until
        // the next change, even where the address was not in the canonical form (a link given with errors).
        page.restored.set_value(Some(super::state::address_query(page, &super::i18n::link_param())));
    });
    let _ = window().add_event_listener_with_callback("popstate", wasm_bindgen::JsCast::unchecked_ref(on_pop.as_ref()));
    // The page lives as long as the listener.
    on_pop.forget();
}

/// "As the system" is resolved here, so the page (an attribute on <html>) and the canvas agree; a listener
/// keeps following the system while the page is open.
pub fn follow_system_theme(page: Page) {
    if let Ok(Some(query)) = window().match_media("(prefers-color-scheme: dark)") {
        page.system_dark.set(query.matches());
        let on_change = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(
            move |ev: web_sys::MediaQueryListEvent| page.system_dark.set(ev.matches()),
        );
        let _ =
            query.add_event_listener_with_callback("change", wasm_bindgen::JsCast::unchecked_ref(on_change.as_ref()));
        // The page lives as long as the listener.
        on_change.forget();
    }
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", if page.dark() { "dark" } else { "light" });
        }
    });
}

/// Title, help, language and theme.
#[component]
pub fn Masthead(
    /// The tour's step, opened by the Tour button.
    tour_step: RwSignal<Option<usize>>,
) -> impl IntoView {
    let theme = use_page().theme;
    view! {
        <header class="masthead">
            <div>
                <h1>"HPG Explorer"</h1>
                <p class="tagline">{t("How the hypothalamus, pituitary and testes answer the drugs you switch on.")}</p>
            </div>
            <div class="masthead-tools">
            <div class="help-buttons">
                <button type="button" class="help" on:click=move |_| tour_step.set(Some(0))>{t("Tour")}</button>
                <tour::Shortcuts />
            </div>
            <super::i18n::LanguageSwitch />
            <label class="field theme">
                <span>{t("Theme")}</span>
                <select
                    aria-label=t("Colour theme")
                    on:change=move |ev| {
                        theme.set(match event_target_value(&ev).as_str() {
                            "light" => Theme::Light,
                            "dark" => Theme::Dark,
                            _ => Theme::Auto,
                        })
                    }
                >
                    <option value="auto">{t("As the system")}</option>
                    <option value="light">{t("Light")}</option>
                    <option value="dark">{t("Dark")}</option>
                </select>
            </label>
            </div>
        </header>
    }
}

/// Why the page's link could not be used (or what of it was left out), with the link as it was given so it
/// is not lost, until dismissed.
#[component]
pub fn LinkProblem() -> impl IntoView {
    let page = use_page();
    let (problem, given) = (page.link_problem, page.link_as_given);
    view! {
        <Show when=move || problem.get().is_some()>
            <div class="link-error" role="alert">
                <p>{move || problem.get().unwrap_or_default()}</p>
                <Show when=move || given.get().is_some()>
                    <label class="link-as-given">
                        {t("The link as it was given:")} " "
                        <input type="text" readonly prop:value=move || given.get().unwrap_or_default() />
                    </label>
                </Show>
                <button type="button" on:click=move |_| problem.set(None)>{t("Dismiss")}</button>
            </div>
        </Show>
    }
}

/// Shown only on paper: what was simulated, in words, and the link that reproduces it.
#[component]
pub fn PrintSummary() -> impl IntoView {
    let page = use_page();
    let runs = use_runs();
    let scenario = page.scenario;
    view! {
        <section class="print-only" aria-hidden="true">
            <p>
                <strong>{move || if page.compared.with(Option::is_some) { t("Plan A: ") } else { t("Scenario: ") }}</strong>
                {move || scenario.with(describe_scenario)}
                " "
                // With two plans, when each is back is the comparison table's first rows: said once on paper.
                {move || {
                    let shown = super::story::hidden_after(page).is_none() && page.compared.with(Option::is_none);
                    runs.recovery_sentence.get().filter(|_| shown).unwrap_or_default()
                }}
                {move || {
                    scenario
                        .with(spread::setting_for)
                        .map(|p| say(" Shaded band: 10-90 % of {men} men like this one (seed {seed}).", &[("men", &p.men), ("seed", &p.seed)]))
                        .unwrap_or_default()
                }}
            </p>
            {move || {
                page.compared
                    .with(|b| b.as_ref().map(describe_scenario))
                    .map(|b| view! { <p><strong>{t("Plan B (dashed): ")}</strong>{b}</p> })
            }}
            <p class="print-link">{move || link_for(page)}</p>
        </section>
    }
}

/// The agents: the explanation depth, the therapy before week 0, and a row per drug.
#[component]
pub fn AgentsPanel() -> impl IntoView {
    let scenario = use_page().scenario;
    view! {
        <section class="controls" aria-label=t("Agents")>
            // Open on a wide screen; folded on a phone, where the chart comes first.
            <details class="agents-fold" open=!is_phone()>
                <summary>
                    <h2>{t("Agents")}</h2>
                </summary>
                <DepthSwitch />
                <prior::PriorTrtChoice scenario=scenario />
                {Agent::ALL.into_iter().map(|a| view! { <AgentRow scenario=scenario agent=a /> }).collect_view()}
            </details>
        </section>
    }
}

/// The charts with their tools, the readout, the curves in words and the summary.
#[component]
pub fn ChartSection() -> impl IntoView {
    let page = use_page();
    let runs = use_runs();
    let (scenario, units, cursor) = (page.scenario, page.units, page.cursor);
    let readout = move || {
        let Some(day) = cursor.get() else {
            return t("Point at the chart (or focus it and use the arrow keys) to read every value at that moment.")
                .to_string();
        };
        if super::story::hidden_after(page).is_some_and(|hidden| day > hidden) {
            return t("Hidden until you answer the story's question.").to_string();
        }
        let u = units.get();
        runs.chart.with(|d| {
            let course = &d.trajectory;
            let when = if d.days_axis {
                say("Day {day}", &[("day", &format!("{day:.2}"))])
            } else {
                say("Week {week}", &[("week", &format!("{:.1}", day / 7.0))])
            };
            let values: Vec<String> = d
                .panels
                .iter()
                .map(|&o| {
                    let v = o.display(course.at(o, day), u);
                    let v = if o == Output::Gnrh { v / o.display(course.baseline[o.index()], u).max(1e-9) } else { v };
                    let unit = if o == Output::Gnrh { t("x untreated") } else { t(o.unit(u)) };
                    let b = d
                        .compared
                        .as_ref()
                        .filter(|b| o != Output::Gnrh && b.days.last().is_some_and(|&last| day <= last))
                        .map(|b| format!(" (B {})", labs::fmt(o.display(b.at(o, day), u))));
                    format!("{} {}{} {unit}", t(o.label()), labs::fmt(v), b.unwrap_or_default())
                })
                .collect();
            format!("{when}: {}", values.join(" · "))
        })
    };
    view! {
        <section class="charts" aria-label=t("Hormone time courses")>
            <ChartTools />
            <compare::CompareBar />
            <ZoomTools />
            <Show when=move || page.zoom.get().is_none()>
                <Timeline scenario=scenario />
            </Show>
            <Chart data=runs.chart label=Signal::derive(move || super::words::chart_label(page, runs.trajectory)) cursor=cursor />
            <PrintChart data=runs.chart />
            <p class="readout" data-testid="readout" aria-live="polite">{readout}</p>
            <words::CurvesInWords trajectory=runs.settled units=units scenario=scenario />
            <p class="legend">
                {t("Pale shading: adult male reference range. Darker band (when on): 10-90 % of men like this one. Dashed grey: the same man untreated. Ticks on the time axis: doses. Dotted: lab draws.")}
                {move || page.compared.with(Option::is_some).then(|| t(" Dashed in colour: plan B."))}
                {move || scenario.with(|s| !s.labs.is_empty()).then(|| t(" Rings: your measured labs."))}
            </p>
            <p class="summary" aria-live="polite" data-testid="summary">{move || super::words::at_resting_day(page, runs.trajectory)}</p>
        </section>
    }
}

/// Span, units, sharing, the spread between men and the testis panels.
#[component]
fn ChartTools() -> impl IntoView {
    let page = use_page();
    let runs = use_runs();
    let (scenario, units, more) = (page.scenario, page.units, page.more);
    // The spans on offer, plus the current one when a preset brought another.
    let horizon_options = move || {
        let now = scenario.with(|s| s.horizon_days / 7.0);
        let mut weeks = super::state::SPANS_WEEKS.to_vec();
        if !weeks.iter().any(|w| (w - now).abs() < 0.05) {
            weeks.push(now);
            weeks.sort_by(f64::total_cmp);
        }
        weeks
            .into_iter()
            .map(|w| {
                view! {
                    <option value=w.to_string() selected=(w - now).abs() < 0.05>
                        {say("{n} weeks", &[("n", &format!("{w:.0}"))])}
                    </option>
                }
            })
            .collect_view()
    };
    let copied = RwSignal::new(None::<String>);
    let copy_link = move |_| {
        let url = link_for(page);
        let promise = window().navigator().clipboard().write_text(&url);
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(if ok { t("Link copied.").to_string() } else { url }));
        });
    };
    view! {
        <div class="chart-tools">
            <label class="field">
                <span>{t("Show")}</span>
                <select
                    aria-label=t("Time span after week 0")
                    on:change=move |ev| {
                        if let Ok(w) = event_target_value(&ev).parse::<f64>() {
                            // Every span on offer is a valid horizon; try_edit keeps it so.
                            let _ = super::try_edit(scenario, |s| s.horizon_days = w * 7.0);
                        }
                    }
                >
                    {horizon_options}
                </select>
            </label>
            <fieldset class="units">
                <legend>{t("Units")}</legend>
                {[(crate::model::Units::Conventional, "ng/dL, pg/mL"), (crate::model::Units::Si, "nmol/L, pmol/L")]
                    .into_iter()
                    .map(|(u, label)| view! {
                        <label>
                            <input
                                type="radio"
                                name="units"
                                prop:checked=move || units.get() == u
                                on:change=move |_| units.set(u)
                            />
                            {label}
                        </label>
                    })
                    .collect_view()}
            </fieldset>
            <div class="share">
                <button type="button" on:click=copy_link>{t("Copy link")}</button>
                <super::embed::EmbedDialog />
                <Show when=move || copied.get().is_some()>
                    {move || {
                        let text = copied.get().unwrap_or_default();
                        if text.starts_with("http") {
                            view! {
                                <input class="share-url" type="text" readonly aria-label=t("Link to this scenario") prop:value=text />
                            }
                                .into_any()
                        } else {
                            view! { <span class="share-status" role="status">{text}</span> }.into_any()
                        }
                    }}
                </Show>
            </div>
            <spread::SpreadToggle scenario=scenario spread=runs.spread />
            <label class="more">
                <input type="checkbox" prop:checked=more on:change=move |ev| more.set(event_target_checked(&ev)) />
                {t("Testis panels (ITT, inhibin B, sperm)")}
            </label>
        </div>
    }
}

/// Zoom into a few days to see individual pulses, and back.
#[component]
fn ZoomTools() -> impl IntoView {
    let page = use_page();
    let (scenario, zoom, zoom_days, cursor) = (page.scenario, page.zoom, page.zoom_days, page.cursor);
    view! {
        <div class="zoom-tools">
            <Show
                when=move || zoom.get().is_none()
                fallback=move || view! {
                    <button type="button" on:click=move |_| { zoom.set(None); cursor.set(None); }>
                        {t("Back to the whole protocol")}
                    </button>
                    <span class="zoom-note">
                        {move || {
                            zoom.get()
                                .map(|(s, d)| {
                                    say(
                                        "Pulse by pulse: days {from} to {to}",
                                        &[("from", &format!("{s:.1}")), ("to", &format!("{:.1}", s + d))],
                                    )
                                })
                                .unwrap_or_default()
                        }}
                    </span>
                }
            >
                <button
                    type="button"
                    on:click=move |_| {
                        let first = scenario.with_untracked(|s| s.first_shown_day());
                        let start = cursor.get_untracked().unwrap_or_else(|| scenario.with_untracked(resting_day)).max(first);
                        let end = scenario.with_untracked(|s| s.horizon_days);
                        let days = zoom_days.get_untracked();
                        zoom.set(Some((start.min(end - days).max(first), days)));
                        cursor.set(None);
                    }
                >
                    {t("Zoom in (pulses)")}
                </button>
                <label class="field inline">
                    <select
                        aria-label=t("Zoom length")
                        on:change=move |ev| {
                            if let Ok(d) = event_target_value(&ev).parse::<f64>() {
                                zoom_days.set(d);
                            }
                        }
                    >
                        <option value="1">{t("1 day")}</option>
                        <option value="2">{t("2 days")}</option>
                        <option value="3" selected=true>{t("3 days")}</option>
                    </select>
                </label>
                <span class="zoom-note">{t("at the cursor, or at week 12")}</span>
            </Show>
        </div>
    }
}
