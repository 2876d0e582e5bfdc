//! The loop's directions, as a clinician would check them: each drug moves each hormone the
//! published way. Numbers are read from the model, never hard-coded.
#![cfg(not(target_arch = "wasm32"))]

use hpg_model::{scenario::presets, Engine, Output, Scenario};

fn run(json: &str) -> hpg_model::Trajectory {
    Engine::default().simulate(&Scenario::from_json(json).expect("valid scenario")).expect("simulates")
}

fn rel(t: &hpg_model::Trajectory, o: Output, day: f64) -> f64 {
    t.mean(o, day - 1.0, day) / t.baseline[o.index()]
}

#[test]
fn untreated_man_stays_at_his_baseline() {
    let t = run(r#"{"horizon_days": 60}"#);
    for o in [Output::Lh, Output::Fsh, Output::TotalT, Output::E2, Output::Shbg, Output::Sperm] {
        let r = rel(&t, o, 60.0);
        assert!((r - 1.0).abs() < 0.01, "{o:?} drifted to {r}");
    }
}

#[test]
fn trt_suppresses_the_axis_and_hcg_preserves_itt() {
    let trt = r#"{"horizon_days": 84, "regimen":[{"agent":"testosterone_cypionate","route":"im","dose":100,"unit":"mg","every_days":7,"start_day":0,"end_day":84}]}"#;
    let t = run(trt);
    // Replacement-dose TRT: LH and FSH well below baseline (docs/MODEL.md notes that the model's
    // suppression at 100 mg/week is milder than the near-complete suppression seen clinically).
    assert!(rel(&t, Output::Lh, 84.0) < 0.5);
    assert!(rel(&t, Output::Fsh, 84.0) < 0.5);
    assert!(rel(&t, Output::Itt, 84.0) < 0.5);
    assert!(rel(&t, Output::TotalT, 84.0) > 1.0);
    let with_hcg = trt.replace(
        r#"]}"#,
        r#",{"agent":"hcg","route":"sc","dose":500,"unit":"IU","every_days":2,"start_day":0,"end_day":84}]}"#,
    );
    let h = run(&with_hcg);
    assert!(rel(&h, Output::Itt, 84.0) > 2.0 * rel(&t, Output::Itt, 84.0));
}

#[test]
fn clomiphene_raises_lh_and_t_and_anastrozole_lowers_e2() {
    let c = run(
        r#"{"horizon_days": 56, "regimen":[{"agent":"clomiphene_citrate","route":"oral","dose":25,"unit":"mg","every_days":1,"start_day":0,"end_day":56}]}"#,
    );
    assert!(rel(&c, Output::Lh, 56.0) > 1.1);
    assert!(rel(&c, Output::TotalT, 56.0) > 1.1);
    let a = run(
        r#"{"horizon_days": 56, "regimen":[{"agent":"anastrozole","route":"oral","dose":1,"unit":"mg","every_days":1,"start_day":0,"end_day":56}]}"#,
    );
    assert!(rel(&a, Output::E2, 56.0) < 0.8);
    assert!(rel(&a, Output::Lh, 56.0) > 1.0);
}

#[test]
fn continuous_gnrh_flares_then_suppresses() {
    let t = presets::find("continuous-gnrh").unwrap().scenario();
    let t = Engine::default().simulate(&t).unwrap();
    let peak = (0..72).map(|h| t.at(Output::Lh, h as f64 / 24.0)).fold(0.0, f64::max) / t.baseline[Output::Lh.index()];
    assert!(peak > 2.0, "flare {peak}");
    assert!(rel(&t, Output::Lh, 21.0) < 0.9);
}

#[test]
fn every_preset_simulates_to_finite_non_negative_outputs() {
    let engine = Engine::default();
    for p in presets::ALL {
        let t = engine.simulate(&p.scenario()).unwrap();
        for o in Output::ALL {
            assert!(t.column(o).iter().all(|v| v.is_finite() && *v >= 0.0), "{}: {o:?}", p.id);
        }
    }
}
