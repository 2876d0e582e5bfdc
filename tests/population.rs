//! The virtual population (docs/MODEL.md §8): seeded and deterministic, spread like adult men, and
//! evaluated for the validation format's population statistics.
#![cfg(not(target_arch = "wasm32"))]

use hpg_model::analyses::population::{self, percentile, Bands, RecoveryShares, Setting};
use hpg_model::{analyses::validation, scenario::presets, Engine, Output, Scenario, Trajectory};

fn men(scenario: &Scenario, setting: Setting) -> Vec<Trajectory> {
    let mut out = Vec::new();
    Engine::default().simulate_population(scenario, setting, |_, _, t| out.push(t)).expect("simulates");
    out
}

#[test]
fn the_same_seed_gives_the_same_men_bit_for_bit_and_another_seed_others() {
    assert_eq!(population::draw(50, 7), population::draw(50, 7));
    assert_ne!(population::draw(50, 7), population::draw(50, 8));
    let s = presets::find("trt").unwrap().scenario();
    let setting = Setting { men: 5, seed: 3 };
    assert_eq!(men(&s, setting), men(&s, setting));
}

#[test]
fn percentiles_are_ordered_and_the_typical_man_sits_inside_them() {
    let s = presets::find("stop-trt-cold").unwrap().scenario();
    let all = men(&s, Setting { men: 40, seed: 1 });
    let bands = Bands::of(&all);
    let typical = Engine::default().simulate(&s).unwrap();
    for o in Output::ALL {
        let i = o.index();
        for r in 0..bands.days.len() {
            assert!(bands.p10[i][r] <= bands.p50[i][r] && bands.p50[i][r] <= bands.p90[i][r], "{o:?} row {r}");
        }
    }
    // Between rows the range is read linearly, and on a row it is the row's own percentiles.
    let (row, day) = (bands.days.len() / 2, bands.days[bands.days.len() / 2]);
    assert_eq!(
        bands.range_at(Output::Lh, day),
        Some((bands.p10[Output::Lh.index()][row], bands.p90[Output::Lh.index()][row]))
    );
    let mid = 0.5 * (bands.days[row] + bands.days[row + 1]);
    let (lo, hi) = bands.range_at(Output::Lh, mid).unwrap();
    assert!(lo <= hi && lo >= bands.p10[Output::Lh.index()][row].min(bands.p10[Output::Lh.index()][row + 1]));
    // Men like the subject spread around him: his untreated T lies inside the population's 10-90 % band.
    let tt = Output::TotalT.index();
    assert!(
        bands.p10[tt][0] < typical.column(Output::TotalT)[0] && typical.column(Output::TotalT)[0] < bands.p90[tt][0]
    );
}

#[test]
fn untreated_men_span_the_adult_reference_ranges() {
    let s = Scenario::from_json(r#"{"horizon_days": 1, "output_step_days": 1}"#).unwrap();
    let all = men(&s, Setting { men: 300, seed: population::DEFAULT_SEED });
    let spread = |o: Output| {
        let mut v: Vec<f64> = all.iter().map(|t| o.to_conventional(t.baseline[o.index()])).collect();
        v.sort_by(f64::total_cmp);
        (percentile(&v, 0.025), percentile(&v, 0.5), percentile(&v, 0.975))
    };
    // Total T roughly 264-916 ng/dL (Travison 2017), LH roughly 1.5-9 IU/L, from 2.5th to 97.5th percentile.
    let (lo, mid, hi) = spread(Output::TotalT);
    assert!(
        (200.0..330.0).contains(&lo) && (420.0..560.0).contains(&mid) && (750.0..1100.0).contains(&hi),
        "T {lo} {mid} {hi}"
    );
    let (lo, mid, hi) = spread(Output::Lh);
    assert!((1.2..2.5).contains(&lo) && (3.5..5.5).contains(&mid) && (7.0..12.0).contains(&hi), "LH {lo} {mid} {hi}");
}

#[test]
fn recovery_shares_grow_month_by_month_and_follow_the_typical_man() {
    let s = presets::find("stop-trt-cold").unwrap().scenario();
    let back: Vec<_> =
        men(&s, Setting { men: 60, seed: 2 }).iter().map(hpg_model::engine::recovery::back_days).collect();
    let shares = RecoveryShares::from_back_days(&back, s.horizon_days);
    assert_eq!(shares.months.len(), 12);
    for k in 0..3 {
        for w in shares.shares[k].windows(2) {
            assert!(w[0] <= w[1]);
        }
        assert!(shares.shares[k].iter().all(|&v| (0.0..=1.0).contains(&v)));
    }
    // After three years at 150 mg weekly, most men are not back at month 1 and most are by month 11.
    let sperm = &shares.shares[2];
    assert!(sperm[1] < 0.2 && sperm[11] > 0.6, "{sperm:?}");
}

#[test]
fn population_statistics_of_the_visible_cases_are_evaluated() {
    let mut file = validation::parse(include_str!("validation/cases.json")).unwrap();
    // Two of the cases with population statistics (the whole file runs in tests/validation.rs).
    file.cases.retain(|c| c.has_population());
    file.cases.truncate(2);
    let outcomes = validation::run(&Engine::default(), &file);
    let fractions: Vec<_> = outcomes.iter().filter(|o| o.stat == "fraction").collect();
    assert!(fractions.len() >= 2);
    for o in fractions {
        let share = *o.simulated.as_ref().expect("a share, not 'not supported'");
        assert!((0.0..=1.0).contains(&share));
        // A share is counted in whole men of the default population.
        let men = population::DEFAULT_MEN as f64;
        assert!((share * men - (share * men).round()).abs() < 1e-9);
    }
}

#[test]
fn a_population_too_small_or_too_large_is_refused() {
    for men in [0, 1, population::MAX_MEN + 1] {
        assert!(Setting { men, seed: 1 }.check().is_err(), "{men}");
    }
    assert!(Setting::default().check().is_ok());
}

mod common;

#[test]
fn a_small_population_has_the_fingerprint_webassembly_checks() {
    assert_eq!(common::population_fingerprint(), common::POPULATION_FINGERPRINT);
}

#[test]
fn a_thinned_run_is_bit_for_bit_the_full_run_thinned() {
    // The band's runs compute only the rows they keep; what they keep, and the days each man is back in
    // range, must be exactly what the full run gives.
    let engine = Engine::default();
    let mut scenarios: Vec<Scenario> = presets::ALL.iter().map(|p| p.scenario()).collect();
    scenarios.push(Scenario { horizon_days: 30.0, ..presets::find("trt").unwrap().scenario() });
    for s in &scenarios {
        let base = engine.calibrate_subject(&s.subject);
        for man in population::draw(3, 7) {
            let me = engine.individual(&base, &man);
            let full = engine.simulate_calibrated(s, &me);
            for rows in [500, 97, 5000] {
                let (light, back) = engine.simulate_thinned(s, &me, rows);
                let k = full.len().div_ceil(rows).max(1);
                assert_eq!(light, full.every(k), "{} at {rows} rows", s.name);
                assert_eq!(back, hpg_model::engine::recovery::back_days(&full), "{}", s.name);
            }
        }
    }
}

#[test]
fn a_man_who_keeps_his_resume_gets_the_same_band_after_an_edit() {
    // A population's men each keep their last run; after an edit of the restart protocol each resumes from
    // his checkpoint before the first changed dose, and what he returns must be exactly a fresh run's.
    let engine = Engine::default();
    let before = presets::find("post-trt-restart").unwrap().scenario();
    let mut after = before.clone();
    let restart = after.regimen.iter_mut().find(|d| d.start_day >= 0.0).expect("a restart drug");
    restart.dose *= 2.0;
    let base = engine.calibrate_subject(&before.subject);
    for man in population::draw(4, 11) {
        let me = engine.individual(&base, &man);
        let mut resume = hpg_model::Resume::with_checkpoints_every(28.0);
        assert_eq!(
            engine.simulate_thinned_resuming(&before, &me, 500, &mut resume),
            engine.simulate_thinned(&before, &me, 500)
        );
        assert_eq!(resume.resumed_at(), None, "the first run starts from the beginning");
        let resumed = engine.simulate_thinned_resuming(&after, &me, 500, &mut resume);
        let from = resume.resumed_at().expect("the edit resumes from a checkpoint");
        let changed = after.regimen.iter().filter(|d| d.start_day >= 0.0).map(|d| d.start_day).fold(f64::MAX, f64::min);
        assert!(from > changed - 28.0 - 1e-9 && from < changed, "resumed at day {from}, first change on day {changed}");
        assert_eq!(resumed, engine.simulate_thinned(&after, &me, 500));
    }
}

/// docs/MODEL.md §8's table of spreads says each trait's σ as the code holds it: the value that ships
/// (`Params::spread_sigma`), and its source's value where the calibration moved it away (`calibration::PRIORS`).
#[test]
fn model_md_states_each_spread_as_the_code_holds_it() {
    use hpg_model::analyses::calibration::PRIORS;
    use hpg_model::params::{Params, SPREAD_KEYS};
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/MODEL.md")).unwrap();
    let section = &doc[doc.find("## 8. Differences between men").expect("MODEL.md §8")..];
    let rows: Vec<&str> = section
        .lines()
        .skip_while(|l| !l.starts_with("| trait |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(rows.len(), population::SPREADS.len(), "a row per trait, in the order of population::SPREADS");
    let shipped = Params::default().spread_sigma;
    let short = |v: f64| {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    for (i, row) in rows.iter().enumerate() {
        let sigma = row.split('|').nth(3).expect("a σ column").trim();
        assert!(sigma.starts_with(&short(shipped[i])), "row {i}: σ {sigma:?}, the code ships {}", shipped[i]);
        let key = format!("spread_sigma.{}", SPREAD_KEYS[i]);
        if let Some(p) = PRIORS.iter().find(|p| p.key == key).filter(|p| (p.sourced - shipped[i]).abs() > 1e-9) {
            assert!(
                sigma.contains(&format!("source {}", short(p.sourced))),
                "row {i}: σ {sigma:?} should give the source's {}",
                p.sourced
            );
        }
    }
}
