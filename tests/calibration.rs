//! The calibration of the model against every published outcome (`model::calibration`): its priors are the
//! ones docs/MODEL.md states, its search is deterministic and resumes exactly, and its cross-validation
//! scores each study with parameters refitted without it.
#![cfg(not(target_arch = "wasm32"))]

use hpg_model::analyses::calibration::{self, Problem, Search, PRIORS};
use hpg_model::analyses::validation;
use hpg_model::params::Params;

/// Two cheap studies of the bundled cases (three cases, no population).
fn small_problem() -> Problem {
    let file = validation::parse(include_str!("validation/cases.json")).unwrap();
    let keep = [
        "leder2004-anastrozole-1mg-daily",
        "leder2004-anastrozole-1mg-twice-weekly",
        "shabsigh2005-clomiphene-25mg-daily",
    ];
    let cases = file.cases.into_iter().filter(|c| keep.contains(&c.id.as_str())).collect::<Vec<_>>();
    assert_eq!(cases.len(), 3);
    Problem::new(cases, 4)
}

#[test]
fn docs_model_md_carries_the_priors() {
    let table = calibration::priors_markdown(&Params::default());
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/MODEL.md")).unwrap();
    assert!(
        doc.contains(&table),
        "docs/MODEL.md is out of date: paste the output of\n  cargo run --release --bin hpg-sim -- calibrate-model --priors\n{table}"
    );
}

#[test]
fn a_search_resumed_from_its_saved_state_goes_on_exactly_as_one_never_stopped() {
    let problem = small_problem();
    let base = Params::default();
    let mut straight = Search::start(&problem, "test".into(), &base);
    for _ in 0..3 {
        straight.step(&problem, &base, 1);
    }
    let mut stopped = Search::start(&problem, "test".into(), &base);
    stopped.step(&problem, &base, 1);
    let saved = serde_json::to_string(&stopped).unwrap();
    let mut resumed: Search = serde_json::from_str(&saved).unwrap();
    for _ in 0..2 {
        resumed.step(&problem, &base, 1);
    }
    assert_eq!(straight, resumed);
    assert!(straight.objective <= Search::start(&problem, "test".into(), &base).objective);
    assert_eq!(straight.z.len(), PRIORS.len());
}

#[test]
fn the_objective_is_the_residuals_and_the_prior_and_does_not_depend_on_threads() {
    let mut problem = small_problem();
    let base = Params::default();
    let z = vec![0.3; PRIORS.len()];
    let two = problem.objective(&base, &z);
    problem.threads = 1;
    let one = problem.objective(&base, &z);
    assert_eq!(one.to_bits(), two.to_bits());
    let r = problem.residuals(&Problem::params_at(&base, &z), 4);
    let expected = r.iter().sum::<f64>() + calibration::penalty(&z);
    assert_eq!(one.to_bits(), expected.to_bits());
}

#[test]
fn cross_validation_scores_every_study_once_with_its_own_refit() {
    let problem = small_problem();
    let base = Params::default();
    let z = vec![0.0; PRIORS.len()];
    let mut heard = 0;
    let held = calibration::cross_validate(&problem, &base, &z, 4, |_| heard += 1);
    assert_eq!(held.len(), 2, "two studies: Leder 2004 (two arms) and Shabsigh 2005");
    assert_eq!(heard, 2);
    let leder = held.iter().find(|h| h.study.starts_with("Leder")).unwrap();
    let arms = problem.cases.iter().filter(|c| c.study() == leder.study).map(|c| c.observations.len()).sum::<usize>();
    assert_eq!(leder.outcomes.len(), arms);
    assert!(leder.outcomes.iter().all(|o| o.simulated.is_ok()));
}
