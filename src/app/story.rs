//! Guided stories on the page (`model::stories`): the list to start one from, and the story panel that
//! leads through its steps. A step sets the plans, the cursor and the view, points at a part of the page
//! and explains it with numbers read from the page's own runs; a prediction hides the curves after a day
//! until the learner has chosen. The last step leaves the learner in the sandbox with the step's plans.

use super::explain::{plain, use_depth};
use super::state::{use_page, use_runs, Page};
use crate::model::lang::{say, t};
use crate::model::words::stories;
use leptos::prelude::*;

// The story's state (which step is open, what it sets, what it hides) is the page's: `state` keeps it.
pub use super::state::{hidden_after, pointed_at, show_step, StoryAt};

/// How often, a quarter second apart, a step looks for its part of the page before giving up.
const POINT_TRIES: u32 = 40;

fn point_when_drawn(page: Page, at: StoryAt, tries: u32) {
    leptos::leptos_dom::helpers::request_animation_frame(move || {
        // The learner may have moved on meanwhile.
        let still = page.story.get_untracked().is_some_and(|now| now.story.id == at.story.id && now.step == at.step);
        if !still {
            return;
        }
        let selector = at.current().point_at;
        if document().query_selector(selector).ok().flatten().is_some() {
            // The story panel stays at the top of the view: the part it points at comes into view below it.
            let panel = document().query_selector(".story").ok().flatten();
            let clear = panel.map_or(0.0, |p| p.get_bounding_client_rect().height() + 16.0);
            super::tour::point_below(Some(selector), clear);
        } else if tries > 0 {
            let retry = move || point_when_drawn(page, at, tries - 1);
            leptos::leptos_dom::helpers::set_timeout(retry, std::time::Duration::from_millis(250));
        }
    });
}

/// The stories, each a button that starts it: the built-in ones, then a hosted copy's own (read once the
/// list shows), and what of those could not be read.
#[component]
pub fn StoryList() -> impl IntoView {
    let page = use_page();
    let listed = RwSignal::new(stories::all());
    let problems = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let found = super::hosted_stories::read().await;
            listed.set(stories::all());
            problems.set(found);
        });
    });
    view! {
        <section class="stories" aria-label=t("Guided stories")>
            <h2>{t("Guided stories")}</h2>
            <ul>
                {move || {
                    listed
                        .get()
                        .into_iter()
                        .map(|s| {
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="story-start"
                                        data-story=s.id
                                        on:click=move |_| show_step(page, StoryAt { story: s, step: 0 })
                                    >
                                        {s.title_text()}
                                    </button>
                                    <span class="small">{s.summary_text()}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <Show when=move || !problems.get().is_empty()>
                <ul class="field-error" role="alert">
                    {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

/// The story being told, one step at a time; nothing when no story is open.
#[component]
pub fn StoryPanel() -> impl IntoView {
    let page = use_page();
    let runs = use_runs();
    let depth = use_depth();
    // Points at the step's part of the page once it is drawn: some parts appear with the step, the band's
    // panel only once its men have run.
    Effect::new(move |was_open: Option<bool>| match page.story.get() {
        Some(at) => {
            point_when_drawn(page, at, POINT_TRIES);
            true
        }
        None => {
            // Only a story that ends takes its outline away (the first-minute walk has its own).
            if was_open == Some(true) {
                super::tour::point_at(None);
            }
            false
        }
    });
    // A new step takes the focus to its title, so a screen reader reads it and Tab continues from it.
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            // Without scrolling: the panel is in view, and the step scrolls to what it points at.
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = h.focus_with_options(&options);
        }
    });
    let fill = move |text: &str| {
        let units = page.units.get();
        let filled = runs.trajectory.with(|a| runs.compared.with(|b| stories::fill(text, a, b.as_deref(), units)));
        plain(&filled, depth.get())
    };
    let text = move || page.story.get().map(|at| fill(&stories::text(at.current(), depth.get() as usize)));
    let leave = move || {
        page.story.set(None);
        page.story_answer.set(None);
    };
    let go = move |delta: isize| {
        if let Some(at) = page.story.get_untracked() {
            let step = at.step.saturating_add_signed(delta).min(at.story.steps.len() - 1);
            show_step(page, StoryAt { step, ..at });
        }
    };
    view! {
        {move || {
            page.story.get().map(|at| {
                let step = at.current();
                view! {
                    <aside class="story" aria-labelledby="story-title" data-testid="story">
                        <p class="tour-count">
                            {say(
                                "Story: {title} · step {step} of {steps}",
                                &[("title", &at.story.title), ("step", &(at.step + 1)), ("steps", &at.story.steps.len())],
                            )}
                        </p>
                        <h2 id="story-title" tabindex="-1" node_ref=heading>{step.title_text()}</h2>
                        <p data-testid="story-text">{text}</p>
                        {step.predict.as_ref().map(|p| view! { <Predict prediction=p fill=fill /> })}
                        <div class="tour-buttons">
                            <Show when=move || { at.step > 0 }>
                                <button type="button" on:click=move |_| go(-1)>{t("Back")}</button>
                            </Show>
                            <Show
                                when=move || !at.is_last()
                                fallback=move || view! {
                                    <button type="button" data-testid="story-done" on:click=move |_| leave()>
                                        {t("Explore on my own")}
                                    </button>
                                }
                            >
                                <button type="button" data-testid="story-next" on:click=move |_| go(1)>{t("Next")}</button>
                                <button type="button" on:click=move |_| leave()>{t("Leave the story")}</button>
                            </Show>
                        </div>
                    </aside>
                }
            })
        }}
    }
}

/// A question with its choices; once one is chosen, whether it was right and why, and the curves.
#[component]
fn Predict(
    prediction: &'static stories::Prediction,
    fill: impl Fn(&str) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let page = use_page();
    let runs = use_runs();
    let right = Memo::new(move |_| runs.trajectory.with(|t| prediction.right_choice(t)));
    let chosen = page.story_answer;
    let verdict = move || {
        chosen.get().map(|c| {
            let right = right.get();
            let lead = if c == right {
                t("Right. ").to_string()
            } else {
                // The choice is a story text of the catalogue: say() gives it in the page's language.
                say("Not quite: the model answers \"{answer}\". ", &[("answer", &prediction.choices[right])])
            };
            lead + &fill(prediction.why_text())
        })
    };
    view! {
        <fieldset class="predict" data-testid="predict">
            <legend>{prediction.question_text()}</legend>
            <p class="small">{t("Choose before you see: the curves after that moment are hidden until you answer.")}</p>
            <div class="predict-choices">
                {prediction
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(i, _)| {
                        view! {
                            <button
                                type="button"
                                aria-pressed=move || (chosen.get() == Some(i)).to_string()
                                disabled=move || chosen.get().is_some()
                                on:click=move |_| chosen.set(Some(i))
                            >
                                {prediction.choice_text(i)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="predict-verdict" role="status" data-testid="predict-verdict">{verdict}</p>
        </fieldset>
    }
}
