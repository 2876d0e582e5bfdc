//! The population off the page's thread: two Web Workers (Trunk builds `population-worker`, a second
//! binary) each simulate a share of the men and send every man back as he finishes; the page keeps only
//! the percentiles to compute. A worker is the same model compiled once more, so a man comes back bit for
//! bit as the page would have simulated him. Where workers cannot run (no Worker, the file missing when
//! offline, a worker built from other sources) `Pool::start` says so and the page runs the men in slices.

use crate::model::analyses::population::{self, Setting};
use crate::model::engine::simulate::Calibrated;
use crate::model::{Engine, Output, Resume, Scenario, Trajectory};
use js_sys::{Float64Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The sources this module was built from: a worker from other sources is not used.
const BUILD_ID: &str = env!("HPG_BUILD_ID");
/// The worker's script, next to the page (`assets/population-worker-loader.js`, which loads the
/// `population-worker` binary Trunk builds).
const SCRIPT: &str = "./population-worker-loader.js";
/// How long a new worker may take to load its module before the page runs the men itself.
const READY_WITHIN: std::time::Duration = std::time::Duration::from_secs(10);
/// Rows kept per man: a chart is a few hundred pixels wide.
pub const BAND_ROWS: usize = 500;

fn set(o: &Object, key: &str, v: &JsValue) {
    let _ = Reflect::set(o, &key.into(), v);
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn number(o: &JsValue, key: &str) -> Option<f64> {
    get(o, key).as_f64()
}

/// One man as the band needs him: his course on a lighter grid, and the days he was back (`recovery`).
pub struct ManResult {
    pub index: usize,
    pub light: Trajectory,
    pub back: [Option<f64>; 3],
}

/// Simulates one man of the population: his course on the band's grid and the days he was back (`recovery`).
pub fn run_man(
    engine: &Engine,
    base: &Calibrated,
    scenario: &Scenario,
    man: &population::Man,
) -> (Trajectory, [Option<f64>; 3]) {
    engine.simulate_thinned(scenario, &engine.individual(base, man), BAND_ROWS)
}

/// Model time between the checkpoints each man keeps: an edit re-runs at most this much before the first
/// dose it changed.
const MAN_CHECKPOINT_DAYS: f64 = 28.0;
/// Men a worker keeps at most (~230 KB each, measured for the 700-day protocol): a population of the default
/// hundred is kept whole in two workers; of a thousand, the rest run afresh each time rather than hold ~115 MB
/// in each worker.
const MEN_KEPT_AT_MOST: usize = 100;

/// What a worker keeps of each of its men between jobs while the subject and the population stay the same:
/// his calibration and his last run, from which the next edit resumes (an edit of the restart protocol
/// re-runs only from the checkpoint before its first changed dose, not the years of TRT before it). The
/// result is bit for bit a fresh run's (`Engine::simulate_thinned_resuming`).
#[derive(Default)]
struct MenKept {
    /// The subject, the seed and the population size the men below belong to.
    key: Option<(crate::model::Subject, u64, usize)>,
    men: std::collections::HashMap<usize, (Calibrated, Resume)>,
}

impl MenKept {
    fn run(
        &mut self,
        engine: &Engine,
        base: &Calibrated,
        job: &WorkerJob,
        index: usize,
    ) -> (Trajectory, [Option<f64>; 3]) {
        match self.kept(engine, base, job, index) {
            Some((me, resume)) => engine.simulate_thinned_resuming(&job.scenario, me, BAND_ROWS, resume),
            None => run_man(engine, base, &job.scenario, &job.men[index]),
        }
    }

    /// Man `index` of the job's population brought to his own steady state and kept, ready for a band
    /// (nothing posted): what an idle worker does ahead of the first band.
    fn prepare(&mut self, engine: &Engine, base: &Calibrated, job: &WorkerJob, index: usize) {
        self.kept(engine, base, job, index);
    }

    /// Man `index` as kept (individualised the first time), or None when the worker keeps no more men.
    fn kept(
        &mut self,
        engine: &Engine,
        base: &Calibrated,
        job: &WorkerJob,
        index: usize,
    ) -> Option<&mut (Calibrated, Resume)> {
        let key = (job.scenario.subject.clone(), job.seed, job.men.len());
        if self.key.as_ref() != Some(&key) {
            self.men.clear();
            self.key = Some(key);
        }
        if !self.men.contains_key(&index) && self.men.len() >= MEN_KEPT_AT_MOST {
            return None;
        }
        Some(self.men.entry(index).or_insert_with(|| {
            (engine.individual(base, &job.men[index]), Resume::with_checkpoints_every(MAN_CHECKPOINT_DAYS))
        }))
    }
}

fn encode_man(index: usize, light: &Trajectory, back: [Option<f64>; 3]) -> JsValue {
    let o = Object::new();
    set(&o, "index", &(index as f64).into());
    set(&o, "days", &Float64Array::from(light.days.as_slice()).into());
    let values: Vec<f64> = light.columns.iter().flatten().copied().collect();
    set(&o, "values", &Float64Array::from(values.as_slice()).into());
    set(&o, "baseline", &Float64Array::from(light.baseline.as_slice()).into());
    let back: Vec<f64> = back.iter().map(|b| b.unwrap_or(f64::NAN)).collect();
    set(&o, "back", &Float64Array::from(back.as_slice()).into());
    o.into()
}

fn decode_man(data: &JsValue) -> Option<ManResult> {
    let array = |key: &str| get(data, key).dyn_into::<Float64Array>().ok().map(|a| a.to_vec());
    let (days, values, baseline, back) = (array("days")?, array("values")?, array("baseline")?, array("back")?);
    let rows = days.len();
    if values.len() != rows * Output::COUNT || baseline.len() != Output::COUNT || back.len() != 3 {
        return None;
    }
    let columns = match rows {
        0 => vec![Vec::new(); Output::COUNT],
        _ => values.chunks(rows).map(<[f64]>::to_vec).collect(),
    };
    Some(ManResult {
        index: number(data, "index")? as usize,
        // A band's rows: the days each man is back come with them, counted by the engine.
        light: Trajectory { days, columns, baseline, recovery_from: None },
        back: [0, 1, 2].map(|i| Some(back[i]).filter(|v| !v.is_nan())),
    })
}

/// A job as the worker runs it: one man per task, so a newer job (the page moved on) replaces it between
/// two men instead of waiting for the rest.
struct WorkerJob {
    generation: f64,
    /// Only bring the men to their steady states and keep them (`prewarm_after_first_chart`): post nothing.
    prepare: bool,
    scenario: Scenario,
    seed: u64,
    men: Vec<population::Man>,
    next: usize,
    end: usize,
}

/// What a worker keeps between tasks.
struct WorkerState {
    engine: Engine,
    /// The subject calibrated last: a new dose for the same man needs no new calibration.
    calibrated: Option<(crate::model::Subject, Calibrated)>,
    kept: MenKept,
    job: Option<WorkerJob>,
    scope: web_sys::DedicatedWorkerGlobalScope,
    /// Posting to it runs the next man in a task of his own.
    wake: web_sys::MessagePort,
}

thread_local! {
    static WORKER: RefCell<Option<WorkerState>> = const { RefCell::new(None) };
}

fn read_job(job: &JsValue) -> Option<WorkerJob> {
    let scenario = Scenario::from_json(&get(job, "scenario").as_string()?).ok()?;
    let seed = get(job, "seed").as_string()?.parse::<u64>().ok()?;
    let (men, first, count) = (number(job, "men")?, number(job, "first")?, number(job, "count")?);
    let men = population::draw(men as usize, seed);
    let end = ((first + count) as usize).min(men.len());
    let prepare = get(job, "prepare").is_truthy();
    Some(WorkerJob { generation: number(job, "generation")?, prepare, scenario, seed, men, next: first as usize, end })
}

/// Runs the current job's next man and posts him (a preparing job only keeps him); wakes itself for the one after.
fn run_next() {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        let Some(state) = w.as_mut() else { return };
        let Some(job) = state.job.as_mut() else { return };
        if job.next >= job.end {
            state.job = None;
            return;
        }
        let subject = &job.scenario.subject;
        if state.calibrated.as_ref().is_none_or(|(s, _)| s != subject) {
            state.calibrated = Some((subject.clone(), state.engine.calibrate_subject(subject)));
        }
        let Some((_, base)) = &state.calibrated else { return };
        let index = job.next;
        job.next += 1;
        if job.prepare {
            state.kept.prepare(&state.engine, base, job, index);
        } else {
            let (light, back) = state.kept.run(&state.engine, base, job, index);
            let message = encode_man(index, &light, back);
            set(message.unchecked_ref(), "generation", &job.generation.into());
            let _ = state.scope.post_message(&message);
        }
        let _ = state.wake.post_message(&JsValue::NULL);
    });
}

/// The worker's side: takes jobs and answers each man as he finishes.
pub fn serve() {
    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    let on_wake = Closure::<dyn FnMut()>::new(run_next);
    channel.port1().set_onmessage(Some(on_wake.as_ref().unchecked_ref()));
    on_wake.forget();
    WORKER.with(|w| {
        *w.borrow_mut() = Some(WorkerState {
            engine: Engine::default(),
            calibrated: None,
            kept: MenKept::default(),
            job: None,
            scope: scope.clone(),
            wake: channel.port2(),
        })
    });
    let on_job = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let stop = get(&ev.data(), "stop").is_truthy();
        let job = if stop { None } else { read_job(&ev.data()) };
        WORKER.with(|w| {
            let mut w = w.borrow_mut();
            let Some(state) = w.as_mut() else { return };
            if stop {
                state.job = None;
                return;
            }
            let idle = state.job.is_none();
            match job {
                Some(job) => state.job = Some(job),
                None => {
                    let o = Object::new();
                    set(&o, "failed", &"the job could not be read".into());
                    let _ = state.scope.post_message(&o);
                    return;
                }
            }
            // A job already running wakes itself; an idle worker starts.
            if idle {
                let _ = state.wake.post_message(&JsValue::NULL);
            }
        });
    });
    scope.set_onmessage(Some(on_job.as_ref().unchecked_ref()));
    on_job.forget();
    // Messages sent before the module has loaded are lost: the page waits for this one.
    let ready = Object::new();
    set(&ready, "ready", &BUILD_ID.into());
    let _ = scope.post_message(&ready);
}

/// What the page hears from the pool about a job.
pub enum Heard {
    Man(ManResult),
    /// The workers cannot do this job: run it on the page.
    Failed,
}

/// One worker and the job it waits for.
struct Slot {
    worker: web_sys::Worker,
    ready: bool,
    /// The job to post once the worker is ready.
    pending: Option<JsValue>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Slot {
    /// Stops the worker; its handlers go first, so a message already on its way calls nothing.
    fn stop(self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// The page's workers, created once the first chart is on screen (or by the first population, if sooner) and
/// kept: a new job replaces the one a worker runs between two men.
pub struct Pool {
    slots: Vec<Slot>,
    /// The generation of the job the page waits for, and who hears its men.
    current: u64,
    listener: Option<Rc<dyn Fn(Heard)>>,
    /// Workers proved unusable here: the page runs every population itself.
    broken: bool,
}

thread_local! {
    static POOL: Rc<RefCell<Pool>> =
        Rc::new(RefCell::new(Pool { slots: Vec::new(), current: 0, listener: None, broken: false }));
}

/// How many workers: one per core the browser reports, at most two (each takes a share of the men).
fn workers_wanted() -> usize {
    let cores = leptos::prelude::window().navigator().hardware_concurrency();
    (cores as usize).clamp(1, 2)
}

fn spawn(pool: &Rc<RefCell<Pool>>, k: usize) -> Option<Slot> {
    let options = web_sys::WorkerOptions::new();
    options.set_name(&format!("population-{k}"));
    let worker = web_sys::Worker::new_with_options(SCRIPT, &options).ok()?;
    let weak = Rc::downgrade(pool);
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        if let Some(pool) = weak.upgrade() {
            heard(&pool, k, ev.data());
        }
    });
    let weak = Rc::downgrade(pool);
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        // A missing script (offline before the worker was ever cached) or a crash: the page takes over.
        ev.prevent_default();
        if let Some(pool) = weak.upgrade() {
            give_up(&pool);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Slot { worker, ready: false, pending: None, _on_message: on_message, _on_error: on_error })
}

fn give_up(pool: &Rc<RefCell<Pool>>) {
    let listener = {
        let mut p = pool.borrow_mut();
        p.broken = true;
        for s in p.slots.drain(..) {
            s.stop();
        }
        p.listener.take()
    };
    if let Some(listener) = listener {
        listener(Heard::Failed);
    }
}

fn heard(pool: &Rc<RefCell<Pool>>, k: usize, data: JsValue) {
    if let Some(build) = get(&data, "ready").as_string() {
        if build != BUILD_ID {
            give_up(pool);
            return;
        }
        let mut p = pool.borrow_mut();
        if let Some(slot) = p.slots.get_mut(k) {
            slot.ready = true;
            if let Some(job) = slot.pending.take() {
                let _ = slot.worker.post_message(&job);
            }
        }
        return;
    }
    if get(&data, "failed").is_string() {
        give_up(pool);
        return;
    }
    // A man of a job the page has moved on from is dropped before anything is read of him.
    if get(&data, "generation").as_f64() != Some(pool.borrow().current as f64) {
        return;
    }
    let Some(man) = decode_man(&data) else {
        give_up(pool);
        return;
    };
    let listener = pool.borrow().listener.clone();
    if let Some(listener) = listener {
        listener(Heard::Man(man));
    }
}

/// Stops every worker after the man it is running: the scenario changed, and its next population starts
/// only once it rests, so the cores stay free for the page while a person edits.
pub fn stop() {
    POOL.with(|pool| {
        let mut p = pool.borrow_mut();
        if p.slots.is_empty() {
            return;
        }
        let stop = Object::new();
        set(&stop, "stop", &true.into());
        let stop: JsValue = stop.into();
        for slot in p.slots.iter_mut() {
            slot.pending = None;
            if slot.ready {
                let _ = slot.worker.post_message(&stop);
            }
        }
    });
}

/// The workers wanted here, created if they are not yet; false when workers cannot be used here.
fn ensure_workers(pool: &Rc<RefCell<Pool>>) -> bool {
    if pool.borrow().broken {
        return false;
    }
    let wanted = workers_wanted();
    while pool.borrow().slots.len() < wanted {
        let k = pool.borrow().slots.len();
        let Some(slot) = spawn(pool, k) else {
            let mut p = pool.borrow_mut();
            p.broken = true;
            p.slots.drain(..).for_each(Slot::stop);
            return false;
        };
        pool.borrow_mut().slots.push(slot);
    }
    true
}

/// How often the page looks whether its first chart is on screen, to start the workers.
const FIRST_CHART_POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// Starts the workers ahead of the first band, once the page has drawn its first chart: their module is
/// fetched and compiled (off the page's thread) and their engine built while the person reads, and each
/// brings its share of the men like the scenario's subject to their steady states, so the first band they ask
/// for (a preset after therapy, their own history) waits only for the men's courses. Until the first chart is
/// on screen the network and the cores are its own. Not in an embed: a lesson's frame may never show a band.
pub fn prewarm_after_first_chart(scenario: leptos::prelude::RwSignal<Scenario>) {
    use leptos::prelude::GetUntracked;
    leptos::leptos_dom::helpers::set_timeout(
        move || {
            if !super::timing::marked("first-chart") {
                prewarm_after_first_chart(scenario);
                return;
            }
            POOL.with(|pool| {
                // A band already asked for started the workers with its own job: nothing to prepare.
                let fresh = pool.borrow().slots.is_empty();
                if !ensure_workers(pool) || !fresh {
                    return;
                }
                let s = scenario.get_untracked();
                let setting = s.population.unwrap_or_default();
                if setting.men > 0 {
                    post_shares(&mut pool.borrow_mut(), PREPARE_GENERATION, &s, setting, true);
                }
            });
        },
        FIRST_CHART_POLL,
    );
}

/// The generation of a job that only prepares men: the page's populations count from 1.
const PREPARE_GENERATION: u64 = 0;

/// Posts each worker its share of the population's men (or keeps it for when the worker is ready).
fn post_shares(p: &mut Pool, generation: u64, scenario: &Scenario, setting: Setting, prepare: bool) {
    let (wanted, n) = (p.slots.len(), setting.men);
    let text = scenario.to_json();
    for (k, slot) in p.slots.iter_mut().enumerate() {
        let (first, last) = (k * n / wanted, (k + 1) * n / wanted);
        let job = Object::new();
        set(&job, "generation", &(generation as f64).into());
        set(&job, "prepare", &prepare.into());
        set(&job, "scenario", &text.as_str().into());
        set(&job, "seed", &setting.seed.to_string().into());
        set(&job, "men", &(n as f64).into());
        set(&job, "first", &(first as f64).into());
        set(&job, "count", &((last - first) as f64).into());
        let job: JsValue = job.into();
        if slot.ready {
            let _ = slot.worker.post_message(&job);
        } else {
            slot.pending = Some(job);
        }
    }
}

/// Starts job `generation` (the scenario's men, shared among the workers); every man and a failure go to
/// `listener`. Returns false when workers cannot be used here: the caller runs the men itself.
pub fn start(generation: u64, scenario: &Scenario, setting: Setting, listener: Rc<dyn Fn(Heard)>) -> bool {
    POOL.with(|pool| {
        if !ensure_workers(pool) {
            return false;
        }
        // A worker that never says it is ready (its module hangs or fails without a word) is given up on.
        if pool.borrow().slots.iter().any(|s| !s.ready) {
            let weak = Rc::downgrade(pool);
            leptos::leptos_dom::helpers::set_timeout(
                move || {
                    if let Some(pool) = weak.upgrade() {
                        if pool.borrow().slots.iter().any(|s| !s.ready) {
                            give_up(&pool);
                        }
                    }
                },
                READY_WITHIN,
            );
        }
        let mut p = pool.borrow_mut();
        p.current = generation;
        p.listener = Some(listener);
        post_shares(&mut p, generation, scenario, setting, false);
        true
    })
}
