//! Engine benchmarks with budgets (docs/PERFORMANCE.md):
//! - a 700-day protocol (a year of TRT, a 16-week restart, then follow-up), pulse-averaged: <= 3 ms;
//! - a 3-day pulse-resolved window: <= 2 ms.
//!
//! The scenarios are `hpg_model::analyses::benchmarks`, which the WebAssembly benchmark page runs too. The
//! subject is calibrated once, as the app does; calibration is measured separately.

use criterion::{criterion_group, criterion_main, Criterion};
use hpg_model::{analyses::benchmarks, Engine, Subject};
use std::hint::black_box;

fn engine(c: &mut Criterion) {
    let engine = Engine::default();
    let subject = engine.calibrate_subject(&Subject::default());
    let mut g = c.benchmark_group("engine");
    // The same scenarios as the WebAssembly benchmark page (model/src/analyses/benchmarks.rs).
    for (name, scenario) in benchmarks::all() {
        g.bench_function(name, |b| b.iter(|| engine.simulate_calibrated(black_box(&scenario), &subject)));
    }
    g.bench_function("calibrate_default_subject", |b| {
        b.iter(|| engine.calibrate_subject(black_box(&Subject::default())))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = engine
}
criterion_main!(benches);
