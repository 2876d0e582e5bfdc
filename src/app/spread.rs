//! The spread between men: a virtual population of men like the subject, run in Web Workers (`worker`)
//! or, where they cannot run, in slices of the page's thread (a few men per task, each well under 50 ms),
//! so the page never freezes; then drawn as a 10-90 % band behind every curve and, after therapy stops,
//! as the share of men back (`recovery`).

use super::explain::DepthText;
use super::tasks::next_task;
use super::worker::{run_man, Heard, ManResult};
use crate::model::analyses::population::{self, Bands, RecoveryShares, Setting, DAYS_PER_MONTH};
use crate::model::engine::recovery::{self, MEASURES};
use crate::model::engine::simulate::Calibrated;
use crate::model::lang::{say, t};
use crate::model::{Engine, Scenario, Trajectory};
use leptos::leptos_dom::helpers::set_timeout;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long one slice may run before it yields to the page, ms.
const SLICE_MS: f64 = 12.0;
/// How long the scenario must rest before a population starts (an edit in progress restarts it; the
/// workers take the work off the page, so a short rest only spares them runs nobody will see). An edit
/// that comes alone (a click, a typed value, a preset) waits `QUICK_REST`; one in a run of edits (a held
/// key, a dragged cursor) waits `REST`, so a population never takes the cores from edits in progress.
const REST: Duration = Duration::from_millis(150);
const QUICK_REST: Duration = Duration::from_millis(30);
/// Edits closer than this belong to one run of edits.
const EDITS_APART_MS: f64 = 300.0;

/// A finished population, as the views need it.
pub struct SpreadView {
    /// Percentile bands on a lighter grid.
    pub bands: Bands,
    /// Month by month, the share of men back (`recovery`; only after therapy).
    pub shares: Option<RecoveryShares>,
}

/// The population's state, shared by the chart, the toggle and the panel.
#[derive(Clone, Copy)]
pub struct Spread {
    pub view: RwSignal<Option<Arc<SpreadView>>>,
    /// Men simulated so far in the current run, and how many it has.
    pub done: RwSignal<usize>,
    pub total: RwSignal<usize>,
    /// The men run in Web Workers (not in slices of the page).
    pub in_workers: RwSignal<bool>,
}

/// The population a scenario asks for: its own setting, otherwise 100 men after therapy stops.
pub fn setting_for(s: &Scenario) -> Option<Setting> {
    match s.population {
        Some(p) if p.men == 0 => None,
        Some(p) => Some(p),
        None if !s.history.is_empty() => Some(Setting::default()),
        None => None,
    }
}

struct Job {
    scenario: Scenario,
    /// Each man's course on the band's grid, as he comes in (from a worker, or from the page's slices).
    men: Vec<Option<Trajectory>>,
    back: Vec<[Option<f64>; 3]>,
    arrived: usize,
    /// Every man's course, once all have come in.
    kept: Vec<Trajectory>,
    /// Filled one output per slice once every man has run.
    bands: Option<Bands>,
}

impl Job {
    fn new(scenario: Scenario, men: usize) -> Job {
        Job { scenario, men: vec![None; men], back: vec![[None; 3]; men], arrived: 0, kept: Vec::new(), bands: None }
    }

    fn arrive(&mut self, index: usize, light: Trajectory, back: [Option<f64>; 3]) {
        if let Some(slot @ None) = self.men.get_mut(index) {
            *slot = Some(light);
            self.back[index] = back;
            self.arrived += 1;
        }
    }

    fn all_in(&self) -> bool {
        self.arrived == self.men.len()
    }
}

/// Starts following the scenario: every time it changes (and rests), a new population runs, in the
/// workers or else in slices of the page; a run the scenario has moved on from is dropped.
pub fn follow(model: Arc<super::Model>, scenario: Signal<Scenario>) -> Spread {
    let spread = Spread {
        view: RwSignal::new(None),
        done: RwSignal::new(0),
        total: RwSignal::new(0),
        in_workers: RwSignal::new(false),
    };
    let generation = StoredValue::new(0u64);
    let last_edit = StoredValue::new(f64::NEG_INFINITY);
    Effect::new(move |_| {
        let s = scenario.get();
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        // The workers stop at once; the next population waits for the scenario to rest.
        super::worker::stop();
        let now = now_ms();
        let alone = now - last_edit.get_value() >= EDITS_APART_MS;
        last_edit.set_value(now);
        let setting = setting_for(&s);
        // The old band goes one task after the edit, with the panels below the chart (`Runs::settled`): the
        // edit's frame carries the new curve first.
        next_task(move || {
            if generation.get_value() == gen {
                spread.view.set(None);
                spread.done.set(0);
                spread.total.set(setting.map_or(0, |p| p.men));
            }
        });
        let Some(setting) = setting else { return };
        let model = model.clone();
        set_timeout(
            move || {
                if generation.get_value() != gen {
                    return;
                }
                let job = Arc::new(Mutex::new(Job::new(s.clone(), setting.men)));
                let run = Run { job, gen, generation, spread, setting };
                let heard = run.clone();
                let listener = std::rc::Rc::new(move |h: Heard| match h {
                    Heard::Man(m) => heard.arrive(m),
                    Heard::Failed => heard.clone().on_the_page(&model),
                });
                let in_workers = super::worker::start(gen, &s, setting, listener.clone());
                spread.in_workers.set(in_workers);
                if !in_workers {
                    listener(Heard::Failed);
                }
            },
            if alone { QUICK_REST } else { REST },
        );
    });
    spread
}

/// One population run of the page: its job and how to tell whether the page still wants it.
#[derive(Clone)]
struct Run {
    job: Arc<Mutex<Job>>,
    setting: Setting,
    gen: u64,
    generation: StoredValue<u64>,
    spread: Spread,
}

impl Run {
    fn current(&self) -> bool {
        self.generation.get_value() == self.gen
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Job> {
        self.job.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A man from a worker; the last one starts the percentiles.
    fn arrive(&self, m: ManResult) {
        if !self.current() {
            return;
        }
        let all_in = {
            let mut j = self.lock();
            j.arrive(m.index, m.light, m.back);
            self.spread.done.set(j.arrived);
            j.all_in()
        };
        if all_in {
            let run = self.clone();
            next_task(move || run.percentiles());
        }
    }

    /// The workers cannot run it: the page simulates the men itself, in slices. The page's own calibration
    /// of this man (cached) serves, not a second one; the men start in the next task.
    fn on_the_page(self, model: &Arc<super::Model>) {
        if !self.current() {
            return;
        }
        // Every man is in already (a worker failed after sending the last one): the percentiles are on their way.
        if self.lock().all_in() {
            return;
        }
        self.spread.in_workers.set(false);
        let subject = self.lock().scenario.subject.clone();
        let subject = model.calibrated(&subject);
        let engine = model.engine.clone();
        // Men a worker sent before it failed are kept (they are the page's men, bit for bit); the rest run here.
        let men = population::draw(self.setting.men, self.setting.seed);
        next_task(move || self.slice(engine, subject, Arc::new(men)));
    }

    /// Simulates men until the slice's time is up, then yields to the page and continues in the next task.
    fn slice(self, engine: Arc<Engine>, subject: Arc<Calibrated>, men: Arc<Vec<population::Man>>) {
        if !self.current() {
            return;
        }
        let start = now_ms();
        let all_in = {
            let mut j = self.lock();
            let scenario = j.scenario.clone();
            while let Some(index) = j.men.iter().position(Option::is_none) {
                let (light, back) = run_man(&engine, &subject, &scenario, &men[index]);
                j.arrive(index, light, back);
                if now_ms() - start > SLICE_MS {
                    break;
                }
            }
            self.spread.done.set(j.arrived);
            j.all_in()
        };
        if all_in {
            self.percentiles();
        } else {
            next_task(move || self.slice(engine, subject, men));
        }
    }

    /// The percentiles, a few outputs per slice, then the view.
    fn percentiles(self) {
        if !self.current() {
            return;
        }
        let start = now_ms();
        let finished = {
            let mut j = self.lock();
            let j = &mut *j;
            if j.kept.is_empty() {
                j.kept = j.men.iter_mut().filter_map(Option::take).collect();
            }
            let bands = j.bands.get_or_insert_with(|| Bands::start(&j.kept));
            let mut more = true;
            while more && now_ms() - start <= SLICE_MS {
                more = bands.add_next_output(&j.kept);
            }
            let complete = j.bands.as_ref().is_some_and(|b| b.p10.len() == crate::model::Output::COUNT);
            complete.then(|| {
                let recovery = super::recovery::after_therapy(&j.scenario);
                let shares = recovery.then(|| RecoveryShares::from_back_days(&j.back, j.scenario.horizon_days));
                // The men's courses are not needed once their percentiles are.
                j.kept = Vec::new();
                SpreadView { bands: j.bands.take().unwrap_or_default(), shares }
            })
        };
        match finished {
            Some(view) => self.spread.view.set(Some(Arc::new(view))),
            None => next_task(move || self.percentiles()),
        }
    }
}

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// The switch for the band, and how far the population has got.
#[component]
pub fn SpreadToggle(scenario: RwSignal<Scenario>, spread: Spread) -> impl IntoView {
    let on = move || scenario.with(|s| setting_for(s).is_some());
    let status = move || {
        let (done, total) = (spread.done.get(), spread.total.get());
        match (spread.view.with(Option::is_some), total) {
            (_, 0) => String::new(),
            (true, n) => say("Band: 10-90 % of {n} men like this one", &[("n", &n)]),
            (false, n) => say("Simulating {n} men like this one: {done} done", &[("n", &n), ("done", &done)]),
        }
    };
    view! {
        <label class="spread-toggle">
            <input
                type="checkbox"
                prop:checked=on
                on:change=move |ev| {
                    let want = event_target_checked(&ev);
                    scenario.update(|s| {
                        let seed = s.population.map_or(population::DEFAULT_SEED, |p| p.seed);
                        s.population = Some(if want { Setting { seed, ..Setting::default() } } else { Setting { men: 0, seed } });
                    });
                }
            />
            {t("Spread between men (10-90 %)")}
        </label>
        <span
            class="spread-status"
            data-testid="spread-status"
            data-ran=move || if spread.in_workers.get() { "workers" } else { "page" }
            // For tests in any language: whether the men are still being simulated.
            data-state=move || match (spread.view.with(Option::is_some), spread.total.get()) {
                (_, 0) => "off",
                (true, _) => "done",
                (false, _) => "running",
            }
        >
            {status}
        </span>
    }
}

const WHAT_THE_BAND_IS: [&str; 3] = [
    "The shaded band shows how differently men respond: 8 of 10 men like this one fall inside it. It comes from \
     published differences between men, not from your own tests, so it is not a forecast for you.",
    "The band spans the 10th to 90th percentile of a virtual population of men like this subject, who differ in \
     GnRH drive, pituitary and Leydig gain, SHBG, aromatase, T clearance, drug absorption and elimination, recovery \
     speed, reserve susceptibility and germ-cell output, with spreads from published reference ranges and recovery \
     studies. It is the spread between men, not a confidence interval for one patient.",
    "Each man's traits are log-normal multipliers (docs/MODEL.md §8) drawn from a seeded PCG generator; each man \
     is settled to his own untreated steady state, which is his baseline and his slow states' set point. Percentiles \
     are taken row by row over the population. Parameter uncertainty of the population model itself is not included.",
];

/// "How likely": after therapy, the share of men back month by month, in words and as a
/// small chart with a table beside it.
#[component]
pub fn LikelyPanel(
    spread: Spread,
    /// The plan the men run: from when its recovery counts, and what is still given after.
    scenario: RwSignal<crate::model::Scenario>,
) -> impl IntoView {
    let shares = Memo::new(move |_| spread.view.with(|v| v.as_ref().and_then(|v| v.shares.clone())));
    let sentences = move || {
        shares.with(|s| {
            let Some(s) = s else { return Vec::new() };
            // Months 3 and 6, and month 12 or the last month shown.
            let last = s.months.len().saturating_sub(1).min(12);
            let months: Vec<usize> = [3usize, 6, last].into_iter().filter(|&m| m <= last).collect::<Vec<_>>();
            let months: Vec<usize> =
                months.iter().enumerate().filter(|(i, m)| !months[..*i].contains(m)).map(|(_, &m)| m).collect();
            MEASURES
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let parts: Vec<String> = months
                        .iter()
                        .map(|&m| {
                            let n = format!("{:.0}", (s.shares[k][m] * s.men as f64).round());
                            say("{n} by month {m}", &[("n", &n), ("m", &m)])
                        })
                        .collect();
                    // The measure in words is an English text of the catalogue: say() translates it.
                    say(
                        "Of {men} men like this, {parts} had {criterion}.",
                        &[("men", &s.men), ("parts", &parts.join(", ")), ("criterion", &c.label)],
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    // From when the months count, and what "back" means while a restart drug is still given.
    let counted = move || {
        scenario.with(|s| {
            let from = recovery::counted_from(s)?;
            let mut words = say(
                "Counted from {when}, when the last testosterone or hCG has washed out: nobody is back before it.",
                &[("when", &crate::model::words::narrative::when(from))],
            );
            // Men below a level before any therapy would otherwise never count, and the shares would level off
            // short of everyone for a reason that is not recovery.
            words.push(' ');
            words.push_str(&say(
                "A man whose own testosterone or sperm count was below these levels before therapy counts as back \
                 at {share} % of his own.",
                &[("share", &format!("{:.0}", 100.0 * recovery::OWN_SHARE))],
            ));
            let restart = recovery::restart_drugs_after(s, from);
            if !restart.is_empty() {
                let names: Vec<&str> = restart.iter().map(|a| t(a.display_name())).collect();
                words.push(' ');
                words.push_str(&say(
                    "While {drugs} is still given, back means back while taking it.",
                    &[("drugs", &names.join(" + "))],
                ));
            }
            Some(words)
        })
    };
    view! {
        <Show when=move || shares.with(Option::is_some)>
            <section class="likely" aria-label=t("How likely is recovery") data-testid="likely">
                <h2>{t("How likely")}</h2>
                <p class="likely-from">{counted}</p>
                <ul class="likely-words">{move || sentences().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                {move || shares.get().map(|s| view! { <ShareChart shares=s /> })}
                <DepthText texts=WHAT_THE_BAND_IS class="likely-why" />
            </section>
        </Show>
    }
}

/// Share of men against months, one line per criterion (SVG), with the numbers in a table for readers
/// who cannot see it.
#[component]
fn ShareChart(shares: RecoveryShares) -> impl IntoView {
    const W: f64 = 560.0;
    const H: f64 = 180.0;
    const LEFT: f64 = 40.0;
    const BOTTOM: f64 = 24.0;
    let last = shares.months.last().copied().unwrap_or(1).max(1) as f64;
    let x = move |m: f64| LEFT + m / last * (W - LEFT - 8.0);
    let y = move |v: f64| 8.0 + (1.0 - v) * (H - BOTTOM - 8.0);
    let lines = MEASURES
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let points: String = shares
                .months
                .iter()
                .zip(&shares.shares[k])
                .map(|(&m, &v)| format!("{:.1},{:.1}", x(m as f64), y(v)))
                .collect::<Vec<_>>()
                .join(" ");
            let class = format!("share-line share-{k}");
            view! { <polyline class=class points=points><title>{t(c.label)}</title></polyline> }
        })
        .collect_view();
    let ticks = [0.0, 0.5, 1.0]
        .map(|v| {
            view! {
                <line class="share-grid" x1=LEFT x2=W - 8.0 y1=y(v) y2=y(v) />
                <text class="share-tick" x=LEFT - 6.0 y=y(v) + 4.0 text-anchor="end">{format!("{:.0} %", v * 100.0)}</text>
            }
        })
        .into_iter()
        .collect_view();
    let month_ticks = shares
        .months
        .iter()
        .filter(|&&m| m % 3 == 0)
        .map(|&m| view! { <text class="share-tick" x=x(m as f64) y=H - 6.0 text-anchor="middle">{m}</text> })
        .collect_view();
    let legend = MEASURES
        .iter()
        .enumerate()
        .map(|(k, c)| view! { <li><span class=format!("swatch share-{k}")></span>{t(c.label)}</li> })
        .collect_view();
    let rows = shares
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let cells = (0..MEASURES.len())
                .map(|k| view! { <td>{format!("{:.0} %", shares.shares[k][i] * 100.0)}</td> })
                .collect_view();
            view! { <tr><th scope="row">{say("Month {m}", &[("m", &m)])}</th>{cells}</tr> }
        })
        .collect_view();
    let headers = MEASURES.iter().map(|c| view! { <th scope="col">{t(c.label)}</th> }).collect_view();
    let summary = say(
        "Share of {men} men back by month, from month 0 to {last} ({days} days a month).",
        &[("men", &shares.men), ("last", &format!("{last:.0}")), ("days", &format!("{:.0}", DAYS_PER_MONTH))],
    );
    view! {
        <svg class="share-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone()>
            {ticks}
            {month_ticks}
            {lines}
        </svg>
        <ul class="share-legend">{legend}</ul>
        <details class="share-table">
            <summary>{t("The numbers, month by month")}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t("Share of men back by month")>
                <table>
                    <caption>{summary}</caption>
                    <thead><tr><th scope="col">{t("Month")}</th>{headers}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}
