//! The page's state in one place. `Page` holds what the person set (the scenario, the plan kept for
//! comparison, units, view settings); `Runs` holds what the page derives from it (simulations and what the
//! views read of them). `App` creates both and provides them as context; every panel takes what it needs
//! with `use_page()` and `use_runs()`, so no panel needs its state passed down through `App`.

use super::chart::{ChartData, MAIN, MORE};
use super::diagram::LoopState;
use super::{recovery, resting_day, spread, Model};
use crate::model::engine::simulate::LabMatch;
use crate::model::lang::say;
use crate::model::scenario::draws::{self, Draw, DrawTiming};
use crate::model::scenario::Scenario;
use crate::model::words::stories::{self, Story};
use crate::model::{Trajectory, Units};
use leptos::prelude::*;
use std::sync::Arc;

/// The colour theme: follow the system, or force light or dark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Auto,
    Light,
    Dark,
}

/// Where a learner is: a story and its step (from 0).
#[derive(Clone, Copy)]
pub struct StoryAt {
    pub story: &'static Story,
    pub step: usize,
}

impl StoryAt {
    /// The story and step a link names (`story=ID&step=N`, N from 1; no step is step 1), or why not.
    pub fn from_query(search: &str) -> Option<Result<StoryAt, String>> {
        let mut id = None;
        let mut step = None;
        for pair in search.trim_start_matches('?').split('&') {
            match pair.split_once('=') {
                Some(("story", v)) => id = Some(v),
                Some(("step", v)) => step = Some(v),
                _ => {}
            }
        }
        let id = id?;
        let Some(story) = stories::find(id) else {
            let names: Vec<&str> = stories::all().into_iter().map(|s| s.id).collect();
            return Some(Err(say(
                "there is no story named \"{id}\"; the stories are {names}",
                &[("id", &id), ("names", &names.join(", "))],
            )));
        };
        let n = story.steps.len();
        let step = match step.map(str::parse::<usize>) {
            None => 1,
            Some(Ok(k)) if (1..=n).contains(&k) => k,
            Some(_) => {
                // The title is an English text of the catalogue: say() gives it in the page's language.
                return Some(Err(say(
                    "the story \"{title}\" has steps 1 to {n}",
                    &[("title", &story.title), ("n", &n)],
                )));
            }
        };
        Some(Ok(StoryAt { story, step: step - 1 }))
    }

    pub fn query(self) -> String {
        format!("story={}&step={}", self.story.id, self.step + 1)
    }

    pub(super) fn current(self) -> &'static stories::Step {
        &self.story.steps[self.step]
    }

    pub(super) fn is_last(self) -> bool {
        self.step + 1 == self.story.steps.len()
    }
}

/// The part of the page a step points at (a CSS selector).
pub fn pointed_at(at: StoryAt) -> &'static str {
    at.current().point_at
}

/// Sets the page as the step shows it: its plans, cursor, zoom and panels; no answer chosen yet.
pub fn show_step(page: Page, at: StoryAt) {
    let step = at.current();
    let (a, b) = step.plans();
    page.scenario.set(a);
    page.compared.set(b);
    page.cursor.set(step.cursor_week.map(|w| w * 7.0));
    page.zoom.set(step.zoom);
    // Each step shows the panels it talks about, and only those: a testis panel shown early would answer
    // a later step's question.
    page.more.set(step.testis);
    page.story_answer.set(None);
    page.story.set(Some(at));
}

/// The day after which the chart hides the curves: a prediction not answered yet.
pub fn hidden_after(page: Page) -> Option<f64> {
    let at = page.story.get()?;
    let predict = at.current().predict.as_ref()?;
    page.story_answer.get().is_none().then_some(predict.hidden_after)
}

/// The spans after week 0 the page offers, weeks (a span reached otherwise, by a link or a result, is kept too).
pub const SPANS_WEEKS: [f64; 5] = [12.0, 24.0, 52.0, 78.0, 104.0];

/// What the person set.
#[derive(Clone, Copy)]
pub struct Page {
    /// Plan A: the scenario every control edits.
    pub scenario: RwSignal<Scenario>,
    /// Plan B: a plan kept to compare A with, drawn beside it.
    pub compared: RwSignal<Option<Scenario>>,
    /// Why the page's link could not be used, or what of it was left out, until dismissed.
    pub link_problem: RwSignal<Option<String>>,
    /// The address as it was given, when part or all of it could not be used: the person can copy it back.
    pub link_as_given: RwSignal<Option<String>>,
    /// The address query of a history entry the person went back (or forward) to, while the page shows it.
    pub restored: StoredValue<Option<String>>,
    pub embedded: bool,
    pub units: RwSignal<Units>,
    /// The testis panels (ITT, inhibin B, sperm) are shown.
    pub more: RwSignal<bool>,
    pub theme: RwSignal<Theme>,
    /// The theme the system asks for, followed while the page is open.
    pub system_dark: RwSignal<bool>,
    /// The day under the pointer (or the keyboard cursor).
    pub cursor: RwSignal<Option<f64>>,
    /// A zoomed window (start day, length in days) that shows individual GnRH and LH pulses.
    pub zoom: RwSignal<Option<(f64, f64)>>,
    pub zoom_days: RwSignal<f64>,
    /// The weeks labs are drawn at (the last valid entry) and where in an injection cycle.
    pub draw_weeks: RwSignal<Vec<f64>>,
    pub draw_timing: RwSignal<DrawTiming>,
    /// The guided story being told and its step, when one is open.
    pub story: RwSignal<Option<StoryAt>>,
    /// The choice the learner made at the step's prediction.
    pub story_answer: RwSignal<Option<usize>>,
}

impl Page {
    /// The page as its address describes it.
    pub fn from_location(embedded: bool) -> Page {
        let page = Page {
            scenario: RwSignal::new(super::initial_scenario()),
            compared: RwSignal::new(None),
            link_problem: RwSignal::new(None),
            link_as_given: RwSignal::new(None),
            restored: StoredValue::new(None),
            embedded,
            units: RwSignal::new(Units::Conventional),
            more: RwSignal::new(false),
            theme: RwSignal::new(Theme::Auto),
            system_dark: RwSignal::new(false),
            cursor: RwSignal::new(None),
            zoom: RwSignal::new(None),
            zoom_days: RwSignal::new(3.0),
            draw_weeks: RwSignal::new(vec![0.0, 4.0, 8.0, 12.0, 24.0]),
            draw_timing: RwSignal::new(DrawTiming::Scheduled),
            story: RwSignal::new(None),
            story_answer: RwSignal::new(None),
        };
        page.read_location();
        page
    }

    /// Sets the plans, the story and the link's problem from the address: when the page opens, and when the
    /// person goes Back or Forward to an address the page wrote.
    pub fn read_location(&self) {
        let location = window().location();
        let search = location.search().unwrap_or_default();
        let (opened, compared, mut problem) = super::scenario_from_location(&search);
        let story = StoryAt::from_query(&search);
        if let Some(Err(e)) = &story {
            problem = Some(crate::model::lang::say(
                "This link's story could not be opened ({e}). Showing the scenario instead.",
                &[("e", e)],
            ));
        }
        self.link_as_given.set(problem.as_ref().and_then(|_| location.href().ok()));
        self.link_problem.set(problem);
        self.scenario.set(opened);
        self.compared.set(compared);
        match story {
            Some(Ok(at)) => show_step(*self, at),
            _ => {
                self.story.set(None);
                self.story_answer.set(None);
            }
        }
    }

    /// Whether the page is drawn dark (the theme, or the system's when it follows the system).
    pub fn dark(&self) -> bool {
        match self.theme.get() {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::Auto => self.system_dark.get(),
        }
    }
}

/// What the page derives from `Page`.
#[derive(Clone, Copy)]
pub struct Runs {
    /// Plan A as simulated: the scenario without the measured labs, which change no simulation (adding
    /// one must not re-run the plan, its population or its tornado).
    pub plan: Memo<Scenario>,
    /// Plan A simulated.
    pub trajectory: Memo<Arc<Trajectory>>,
    /// Plan A simulated, as the panels below the chart read it: the same run one task later, so an edit's
    /// frame carries the new chart first and the tables and words follow right after it.
    pub settled: ReadSignal<Arc<Trajectory>>,
    /// Plan B simulated, when there is one.
    pub compared: Memo<Option<Arc<Trajectory>>>,
    /// The draws of the lab table, timed.
    pub draws: Memo<Vec<Draw>>,
    /// How closely the calibrated man meets the labs the person gave (the very calibration the runs use).
    pub lab_matches: Memo<Vec<LabMatch>>,
    pub recovery_sentence: Memo<Option<String>>,
    /// The spread between men of plan A.
    pub spread: spread::Spread,
    /// Everything the chart draws.
    pub chart: Memo<ChartData>,
    /// The loop diagram at the cursor (or the resting day).
    pub loop_state: Memo<LoopState>,
    /// The model, for panels that run more (the fit).
    pub model: StoredValue<Arc<Model>>,
}

impl Runs {
    pub fn new(page: Page) -> Runs {
        let model = Arc::new(Model::new());
        let Page { scenario, compared, units, more, cursor, zoom, draw_weeks, draw_timing, .. } = page;
        let plan = Memo::new(move |_| scenario.with(|s| Scenario { labs: Vec::new(), ..s.clone() }));
        let draws = Memo::new(move |_| plan.with(|s| draw_weeks.with(|w| draws::draws(s, w, draw_timing.get()))));
        let model_zoom = model.sibling();
        let model_subject = model.sibling();
        // Plan B may be another man: his calibration is his own.
        let model_b = Model::with_engine(model.engine.clone());
        let lab_matches = Memo::new(move |_| scenario.with(|s| model_subject.calibrated(&s.subject).report.clone()));
        let spread = spread::follow(Arc::new(model.sibling()), plan.into());
        let model_a = model.clone();
        let trajectory = Memo::new(move |_| plan.with(|s| model_a.run(s)));
        let compared = Memo::new(move |_| compared.with(|b| b.as_ref().map(|b| model_b.run(b))));
        let settled = RwSignal::new(trajectory.get_untracked());
        Effect::new(move |_| {
            let t = trajectory.get();
            super::tasks::next_task(move || settled.set(t));
        });
        let settled = settled.read_only();
        let recovery_sentence =
            Memo::new(move |_| settled.with(|t| plan.with_untracked(|s| recovery::recovery_sentence(s, t))));
        let zoomed = Memo::new(move |_| {
            zoom.get().map(|(start, days)| {
                // The window's run starts with the history that leads up to it; the zoom shows only the window.
                plan.with(|s| {
                    Arc::new(Arc::unwrap_or_clone(model_zoom.run(&s.window(start, days))).shifted(start).since(start))
                })
            })
        });
        let chart = Memo::new(move |_| {
            let mut panels = MAIN.to_vec();
            if more.get() {
                panels.extend(MORE);
            }
            let shown_from = scenario.with(Scenario::first_shown_day);
            let doses = scenario.with(|s| {
                s.dosings().flat_map(|d| d.times(s.horizon_days)).filter(|&t| t >= shown_from).take(4000).collect()
            });
            let cut = |whole: Arc<Trajectory>| {
                if whole.days.first().is_some_and(|&d| d < shown_from) {
                    Arc::new(whole.since(shown_from))
                } else {
                    whole
                }
            };
            let (trajectory, days_axis) = match zoomed.get() {
                Some(t) => (t, true),
                None => (cut(trajectory.get()), false),
            };
            let compared = if days_axis { None } else { compared.get().map(cut) };
            let draws = draws.with(|d| d.iter().map(|d| d.day).collect());
            let bands = if days_axis {
                None
            } else {
                spread.view.with(|v| v.as_ref().map(|v| Arc::new(v.bands.since(shown_from))))
            };
            let resting_day = match zoom.get() {
                Some((start, days)) => start + days / 2.0,
                None => scenario.with(resting_day),
            };
            let measured =
                scenario.with(|s| s.labs.iter().map(|m| (m.analyte.output(), m.day, m.internal())).collect());
            ChartData {
                hidden_after: hidden_after(page),
                trajectory,
                panels,
                units: units.get(),
                doses,
                days_axis,
                dark: page.dark(),
                draws,
                bands,
                resting_day,
                compared,
                measured,
            }
        });
        // The diagram follows the cursor; without one it shows week 12 (or the end of a shorter run).
        let loop_state = Memo::new(move |_| {
            let day = cursor.get().unwrap_or_else(|| scenario.with(resting_day));
            chart.with(|d| scenario.with(|s| LoopState::at(&d.trajectory, s, day)))
        });
        Runs {
            plan,
            trajectory,
            settled,
            compared,
            draws,
            lab_matches,
            recovery_sentence,
            spread,
            chart,
            loop_state,
            model: StoredValue::new(model),
        }
    }
}

/// The page's state, from context.
pub fn use_page() -> Page {
    expect_context::<Page>()
}

/// What the page derives, from context.
pub fn use_runs() -> Runs {
    expect_context::<Runs>()
}

/// The page's address: embed mode, `language` (`lang=es&` or nothing), then the story's step or the plans.
pub fn address_query(page: Page, language: &str) -> String {
    let mode = if page.embedded { "embed=1&" } else { "" };
    // A story's step is its link: the step sets the plans.
    let plans = match page.story.get() {
        Some(at) => at.query(),
        None => page.scenario.with(|a| page.compared.with(|b| super::query_for(a, b.as_ref()))),
    };
    format!("{mode}{language}{plans}")
}
