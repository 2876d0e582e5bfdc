//! The two time scales agree: over 28 days the pulse-averaged mode's daily means are within 5 % of
//! the pulse-resolved mode's. Two exceptions, both by construction and documented in docs/MODEL.md:
//! GnRH itself is compared over the whole run (a day holds a whole number of pulses, so single days
//! differ by one pulse in ~15), and fractions that sit near zero (desensitisation, ER agonism) are
//! compared in absolute terms (within 0.01).
#![cfg(not(target_arch = "wasm32"))]

use hpg_model::{Engine, Mode, Output, Scenario};

fn check(regimen: &str) {
    let json = format!(r#"{{"horizon_days": 28, "output_step_days": {}, "regimen": [{regimen}]}}"#, 1.0 / 1440.0);
    let mut s = Scenario::from_json(&json).unwrap();
    let engine = Engine::default();
    let averaged = engine.simulate(&s).unwrap();
    s.mode = Mode::Pulse;
    let pulsed = engine.simulate(&s).unwrap();
    for o in Output::ALL {
        let fraction =
            matches!(o, Output::PituitaryDesensitisation | Output::LeydigDesensitisation | Output::ErAgonism);
        if o == Output::Gnrh {
            let (a, p) = (averaged.mean(o, 0.0, 28.0), pulsed.mean(o, 0.0, 28.0));
            assert!((a - p).abs() <= 0.05 * p, "GnRH over 28 days: averaged {a} vs pulsed {p}");
            continue;
        }
        for day in 0..28 {
            let (d0, d1) = (day as f64, day as f64 + 1.0);
            let (a, p) = (averaged.mean(o, d0, d1), pulsed.mean(o, d0, d1));
            let ok = if fraction {
                (a - p).abs() <= 0.01
            } else {
                (a - p).abs() <= 0.05 * p.abs().max(1e-9) || a.max(p) < 1e-6
            };
            assert!(ok, "{regimen}: {o:?} day {day}: averaged {a} vs pulsed {p}");
        }
    }
}

#[test]
fn untreated() {
    check("");
}

#[test]
fn testosterone_cypionate() {
    check(
        r#"{"agent":"testosterone_cypionate","route":"im","dose":100,"unit":"mg","every_days":7,"start_day":0,"end_day":28}"#,
    );
}

#[test]
fn clomiphene() {
    check(
        r#"{"agent":"clomiphene_citrate","route":"oral","dose":25,"unit":"mg","every_days":1,"start_day":0,"end_day":28}"#,
    );
}
