//! Engine benchmarks with budgets (docs/PERFORMANCE.md):
//! - a 700-day protocol (a year of TRT, a 16-week restart, then follow-up), pulse-averaged: <= 3 ms;
//! - a 3-day pulse-resolved window: <= 2 ms.
//!
//! The subject is calibrated once, as the app does; calibration is measured separately.

use criterion::{criterion_group, criterion_main, Criterion};
use hpg_explorer::model::{Engine, Mode, Scenario, Subject};
use std::hint::black_box;

pub fn protocol_700_days() -> Scenario {
    Scenario::from_json(
        r#"{"horizon_days": 336,
            "history": [{"agent":"testosterone_cypionate","route":"im","dose":100,"unit":"mg","every_days":7,"start_day":-364,"end_day":0}],
            "regimen": [{"agent":"clomiphene_citrate","route":"oral","dose":25,"unit":"mg","every_days":1,"start_day":0,"end_day":112},
                        {"agent":"anastrozole","route":"oral","dose":0.5,"unit":"mg","every_days":3.5,"start_day":0,"end_day":112}]}"#,
    )
    .expect("valid")
}

pub fn pulse_window_3_days() -> Scenario {
    let mut s = Scenario::from_json(r#"{"horizon_days": 3}"#).expect("valid");
    s.mode = Mode::Pulse;
    s
}

fn engine(c: &mut Criterion) {
    let engine = Engine::default();
    let subject = engine.calibrate_subject(&Subject::default());
    let long = protocol_700_days();
    let pulse = pulse_window_3_days();
    let mut g = c.benchmark_group("engine");
    g.bench_function("protocol_700d_averaged", |b| b.iter(|| engine.simulate_calibrated(black_box(&long), &subject)));
    g.bench_function("pulse_window_3d", |b| b.iter(|| engine.simulate_calibrated(black_box(&pulse), &subject)));
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
