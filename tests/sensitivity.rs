//! What matters most: each trait alone at its 10th and 90th percentile moves an outcome; the bars come
//! longest first, and a trait that cannot act on the outcome has no bar to speak of.

use hpg_model::analyses::population::SPREADS;
use hpg_model::analyses::sensitivity::{self, Outcome};
use hpg_model::scenario::presets;
use hpg_model::Engine;

#[test]
fn the_tornado_is_ordered_by_effect_and_names_the_slow_recoverer() {
    let engine = Engine::default();
    let scenario = presets::find("stop-trt-cold").unwrap().scenario();
    let t = sensitivity::tornado(&engine, &scenario, Outcome::SpermRecovery).unwrap();
    assert_eq!(t.bars.len(), SPREADS.len());
    assert!(t.bars.windows(2).all(|w| w[0].effect() >= w[1].effect()), "longest bar first");
    // After years of TRT, sperm comes back later in a man whose reserves deplete faster or regrow slower:
    // those are among the traits that matter most, and each moves recovery the way its name says.
    let top: Vec<&str> = t.bars.iter().take(4).map(|b| b.key).collect();
    assert!(top.contains(&"susceptibility") && top.contains(&"recovery"), "{top:?}");
    let bar = |k: &str| t.bars.iter().find(|b| b.key == k).unwrap();
    assert!(bar("recovery").at_p90 > t.typical && t.typical > bar("recovery").at_p10);
    assert!(bar("susceptibility").at_p90 > bar("susceptibility").at_p10);
    // No drug is given after week 0: how fast a drug is eliminated cannot move recovery.
    assert!(bar("elimination").effect() < 0.05, "{:?}", bar("elimination"));
}

#[test]
fn each_outcome_has_its_own_order() {
    let engine = Engine::default();
    let scenario = presets::find("too-much-anastrozole").unwrap().scenario();
    let e2 = sensitivity::tornado(&engine, &scenario, Outcome::E2Nadir).unwrap();
    let lh = sensitivity::tornado(&engine, &scenario, Outcome::LhWeek12).unwrap();
    assert!(e2.typical > 0.0 && lh.typical > 0.0);
    // Spermatogenesis traits act on nothing but sperm.
    for t in [&e2, &lh] {
        for key in ["germ_cells", "itt_need"] {
            let b = t.bars.iter().find(|b| b.key == key).unwrap();
            assert!(b.effect() < 1e-6, "{key} moves {:?}", t.outcome);
        }
    }
    assert_ne!(e2.bars[0].key, "germ_cells");
}

#[test]
fn lh_at_week_12_needs_a_plan_that_reaches_week_12() {
    let engine = Engine::default();
    let mut scenario = presets::find("trt").unwrap().scenario();
    scenario.horizon_days = 56.0;
    assert_eq!(
        sensitivity::tornado(&engine, &scenario, Outcome::LhWeek12).err().as_deref(),
        Some("LH at week 12 needs a plan shown to week 12 at least")
    );
    // A recovery that does not come within the plan is a lower bound, and the tornado says so.
    let mut stop = presets::find("stop-trt-cold").unwrap().scenario();
    stop.horizon_days = 56.0;
    let t = sensitivity::tornado(&engine, &stop, Outcome::SpermRecovery).unwrap();
    assert!(t.censored(t.typical), "no man like this has sperm back within 8 weeks: {}", t.typical);
}
