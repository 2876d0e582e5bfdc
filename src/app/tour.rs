//! The first minute: a short walk through the page for a newcomer (shown once, then from the Tour
//! button), and the keyboard shortcuts dialog (`?`).

use crate::model::lang::{say, t};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Set in localStorage once the walk has been finished or dismissed.
const SEEN_KEY: &str = "hpg-explorer:tour-seen";
/// The class that outlines the part of the page a step talks about.
const TARGET_CLASS: &str = "tour-target";

/// One step: the part of the page it points at (a CSS selector), a title and what to do there.
struct Step {
    target: &'static str,
    title: &'static str,
    text: &'static str,
}

const STEPS: [Step; 4] = [
    Step {
        target: ".presets",
        title: "Pick a preset",
        text:
            "Each preset is a treatment or an experiment: \"Stop TRT cold\" shows the body restarting after years of \
             testosterone. Under Agents, switch single drugs on and off.",
    },
    Step {
        target: ".loop-card",
        title: "Read the loop",
        text:
            "The hypothalamus's GnRH makes the pituitary release LH and FSH, which drive the testes; testosterone and \
               estradiol brake the loop. Arrow widths show how strong each signal is, and drugs appear where they act.",
    },
    Step {
        target: "canvas.chart",
        title: "Move the cursor",
        text: "Point at the chart, or focus it and use the arrow keys, to read every hormone at that moment. \"The \
               curves in words and numbers\" says the same in text.",
    },
    Step {
        target: ".labs",
        title: "Read the labs",
        text: "What a blood test would show at the weeks you choose, marked above or below the reference range. On \
               injections, choose when in the cycle the blood is drawn.",
    },
];

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Whether the walk stays closed on opening: this browser has seen (or dismissed) it, or keeps nothing (a
/// lesson's iframe in a browser that blocks third-party storage), where it would open on every visit; the
/// help button still opens it.
pub fn seen() -> bool {
    storage().is_none_or(|s| s.get_item(SEEN_KEY).ok().flatten().is_some())
}

/// Outlines the step's part of the page and brings it into view; the previous outline goes.
pub fn point_at(target: Option<&str>) {
    point_below(target, 0.0);
}

/// As `point_at`, keeping the part `clear_top` CSS px below the top of the view (under a panel that stays
/// there).
pub fn point_below(target: Option<&str>, clear_top: f64) {
    let document = document();
    if let Ok(marked) = document.query_selector_all(&format!(".{TARGET_CLASS}")) {
        for i in 0..marked.length() {
            if let Some(e) = marked.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = e.class_list().remove_1(TARGET_CLASS);
            }
        }
    }
    if let Some(e) = target.and_then(|t| document.query_selector(t).ok().flatten()) {
        let _ = e.class_list().add_1(TARGET_CLASS);
        // A part inside a drawing (a loop arrow) scrolls with the drawing's box, which keeps the margin.
        let scrolled = match e.dyn_ref::<web_sys::HtmlElement>() {
            Some(_) => Some(e.clone()),
            None => e.closest("div, section").ok().flatten(),
        };
        if let Some(scrolled) = scrolled.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
            match scrolled.closest(".embed-page").ok().flatten() {
                // In an iframe, scrollIntoView would scroll the host page too: only the embed's own box moves.
                Some(frame_box) => scroll_within(&frame_box, &scrolled, clear_top),
                None => {
                    let _ = scrolled.style().set_property("scroll-margin-top", &format!("{clear_top:.0}px"));
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    scrolled.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        }
    }
}

/// Scrolls `container` (and nothing around it) so `e` is in view, `clear_top` px below its top, if it is not.
fn scroll_within(container: &web_sys::Element, e: &web_sys::HtmlElement, clear_top: f64) {
    let (outer, inner) = (container.get_bounding_client_rect(), e.get_bounding_client_rect());
    let visible = inner.top() >= outer.top() + clear_top && inner.bottom() <= outer.bottom();
    if !visible {
        let by = inner.top() - outer.top() - clear_top;
        container.set_scroll_top(container.scroll_top() + by.round() as i32);
    }
}

/// The walk: a small panel at the top of the page, one step at a time. `step` is `None` when closed.
#[component]
pub fn Tour(step: RwSignal<Option<usize>>) -> impl IntoView {
    Effect::new(move |_| {
        let target = step.get().map(|i| STEPS[i].target);
        // The card stays at the top of the view (sticky): what it points at comes into view below it.
        let card =
            document().query_selector(".tour").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        point_below(target, card.map_or(0.0, |c| f64::from(c.offset_height()) + 12.0));
    });
    let close = move || {
        step.set(None);
        if let Some(s) = storage() {
            let _ = s.set_item(SEEN_KEY, "1");
        }
    };
    let current = move || step.get().map(|i| &STEPS[i]);
    view! {
        <Show when=move || step.get().is_some()>
            <aside class="tour" aria-labelledby="tour-title" data-testid="tour">
                <p class="tour-count">{move || say("A first minute: {step} of {steps}", &[("step", &(step.get().unwrap_or(0) + 1)), ("steps", &STEPS.len())])}</p>
                <h2 id="tour-title">{move || current().map(|s| t(s.title))}</h2>
                <p>{move || current().map(|s| t(s.text))}</p>
                <div class="tour-buttons">
                    <Show when=move || step.get().is_some_and(|i| i > 0)>
                        <button type="button" on:click=move |_| step.update(|s| *s = s.map(|i| i - 1))>{t("Back")}</button>
                    </Show>
                    <Show
                        when=move || step.get().is_some_and(|i| i + 1 < STEPS.len())
                        fallback=move || view! { <button type="button" on:click=move |_| close()>{t("Done")}</button> }
                    >
                        <button type="button" on:click=move |_| step.update(|s| *s = s.map(|i| i + 1))>{t("Next")}</button>
                        <button type="button" on:click=move |_| close()>{t("Skip the tour")}</button>
                    </Show>
                </div>
            </aside>
        </Show>
    }
}

/// What the keyboard does, in the dialog `?` opens.
const SHORTCUTS: [(&str, &str); 4] = [
    ("?", "Show these shortcuts"),
    ("Left / Right arrow", "On the chart (Tab to it): move the cursor a week, or a quarter hour when zoomed"),
    ("Home / End", "On the chart: the first or last moment"),
    ("Escape", "On the chart: hide the cursor; in a dialog: close it"),
];

/// The keyboard shortcuts dialog, opened by its button or by `?` anywhere outside a text field.
#[component]
pub fn Shortcuts() -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = move || {
        if let Some(d) = dialog.get_untracked() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    };
    let on_key = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "?" && !typing {
            ev.prevent_default();
            open();
        }
    });
    let _ = window().add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    // The page lives as long as the listener.
    on_key.forget();
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    view! {
        <button type="button" class="help" on:click=move |_| open() aria-keyshortcuts="?">{t("Keyboard")}</button>
        <dialog node_ref=dialog class="shortcuts" aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">{t("Keyboard shortcuts")}</h2>
            <dl>
                {SHORTCUTS.into_iter().map(|(key, what)| view! { <dt><kbd>{t(key)}</kbd></dt><dd>{t(what)}</dd> }).collect_view()}
            </dl>
            <button type="button" on:click=close>{t("Close")}</button>
        </dialog>
    }
}
