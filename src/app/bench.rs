//! The engine benchmark page (`?bench=engine`): runs the standard benchmark scenarios in this very
//! WebAssembly module (the release build users get) and shows the timings in a table that
//! `e2e/bench/run.mjs` reads and sets beside criterion's native figures.

use crate::model::{analyses::benchmarks, Engine, Subject};
use leptos::prelude::*;

/// Whether the page was opened as the benchmark page.
pub fn is_bench() -> bool {
    super::query_has("bench=engine")
}

/// Timings of one scenario, ms.
#[derive(Clone, Debug, PartialEq)]
struct Timing {
    name: &'static str,
    samples: usize,
    median: f64,
    p10: f64,
    p90: f64,
}

/// Runs per timed sample: the browser's clock ticks in 0.1 ms, so a sample times a batch.
const BATCH: usize = 5;

/// Runs `f` after a few warm-up calls, in batches, for ~1.5 s (at least 20 batches); returns the sorted
/// per-run durations of the batches, ms.
fn time_runs(mut f: impl FnMut()) -> Vec<f64> {
    let Some(perf) = window().performance() else { return Vec::new() };
    for _ in 0..5 {
        f();
    }
    let mut out = Vec::new();
    let began = perf.now();
    while out.len() < 100 && (out.len() < 20 || perf.now() - began < 1500.0) {
        let t = perf.now();
        for _ in 0..BATCH {
            f();
        }
        out.push((perf.now() - t) / BATCH as f64);
    }
    out.sort_by(f64::total_cmp);
    out
}

fn run_all() -> Vec<Timing> {
    let engine = Engine::default();
    let subject = engine.calibrate_subject(&Subject::default());
    benchmarks::all()
        .into_iter()
        .map(|(name, scenario)| {
            let xs = time_runs(|| {
                std::hint::black_box(engine.simulate_calibrated(std::hint::black_box(&scenario), &subject));
            });
            let q = |p: f64| xs.get(((xs.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(f64::NAN);
            Timing { name, samples: xs.len(), median: q(0.5), p10: q(0.1), p90: q(0.9) }
        })
        .collect()
}

/// The benchmark page: says it is running, runs after the first paint, then shows the table.
#[component]
pub fn EngineBench() -> impl IntoView {
    let results = RwSignal::new(None::<Vec<Timing>>);
    // Run after the page has painted "Running", so the timings do not include the first render.
    set_timeout(move || results.set(Some(run_all())), std::time::Duration::from_millis(50));
    view! {
        <main class="bench">
            <h1>"HPG Explorer: engine benchmark (WebAssembly)"</h1>
            <p>"The standard scenarios of benches/engine.rs, run in this page's WebAssembly module. Each sample times 5 runs (the browser's clock ticks in 0.1 ms); the figures are per run."</p>
            {move || match results.get() {
                None => view! { <p role="status">"Running…"</p> }.into_any(),
                Some(rows) => view! {
                    <table data-testid="engine-bench" data-done="true">
                        <thead>
                            <tr>
                                <th scope="col">"benchmark"</th>
                                <th scope="col">"samples"</th>
                                <th scope="col">"median (ms)"</th>
                                <th scope="col">"p10 (ms)"</th>
                                <th scope="col">"p90 (ms)"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|r| view! {
                                    <tr data-name=r.name data-median=r.median.to_string()>
                                        <th scope="row">{r.name}</th>
                                        <td>{r.samples}</td>
                                        <td>{format!("{:.3}", r.median)}</td>
                                        <td>{format!("{:.3}", r.p10)}</td>
                                        <td>{format!("{:.3}", r.p90)}</td>
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any(),
            }}
        </main>
    }
}
