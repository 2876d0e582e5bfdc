//! Fitting a man to measured labs: labs simulated from a known man give his traits back.

use hpg_model::analyses::fit;
use hpg_model::analyses::population::{trait_ix as t, Man, SPREADS};
use hpg_model::scenario::measured::{Analyte, Measured};
use hpg_model::{Engine, Output, Scenario};

/// A year of cypionate 150 mg weekly, stopped at week 0, followed for 24 weeks.
fn restart() -> Scenario {
    Scenario::from_json(
        r#"{"history":[{"agent":"testosterone_cypionate","route":"im","dose":150,"unit":"mg","every_days":7,
            "start_day":-364,"end_day":0}],"horizon_days":168}"#,
    )
    .unwrap()
}

/// A man who differs from the typical one in four traits the labs can see.
fn known_man() -> Man {
    let mut man = Man::TYPICAL;
    for (i, z) in [(t::LEYDIG, 1.0), (t::PITUITARY, -0.8), (t::SHBG, 0.7), (t::RECOVERY, 0.8)] {
        man.factors[i] = (SPREADS[i].sigma * z).exp();
    }
    man
}

/// His labs at the draws a clinic would take, in the units a report prints.
fn labs_of(engine: &Engine, scenario: &Scenario, man: &Man) -> Vec<Measured> {
    let base = engine.calibrate_subject(&scenario.subject);
    let traj = engine.simulate_calibrated(scenario, &engine.individual(&base, man));
    let mut labs = Vec::new();
    for week in [-4.0, 0.0, 4.0, 8.0, 12.0] {
        for analyte in [Analyte::TotalT, Analyte::Lh, Analyte::Fsh, Analyte::Shbg, Analyte::E2] {
            let unit = analyte.units()[0];
            let day = week * 7.0;
            let value = analyte.from_internal(traj.at(analyte.output(), day), unit);
            // As a report prints it: three significant figures.
            let digits = 10f64.powf(2.0 - value.abs().log10().floor());
            labs.push(Measured { day, analyte, value: (value * digits).round() / digits, unit });
        }
    }
    labs
}

#[test]
fn a_fit_recovers_the_man_who_made_the_labs() {
    let engine = Engine::default();
    let mut scenario = restart();
    let truth = known_man();
    scenario.labs = labs_of(&engine, &scenario, &truth);
    let fit = fit::fit(&engine, &scenario).unwrap();
    assert_eq!(fit.refusal, None);
    for p in &fit.points {
        assert!(p.sds_off() < 0.5, "{:?} fitted {}", p.lab, p.simulated);
    }
    // The traits these labs show (T on and off therapy, LH, FSH, SHBG) come back within about half a
    // standard deviation; the prior (the spread between men) pulls each a little towards typical. (Every man
    // starts at his own Leydig set point, so the Leydig trait moves recovery less than it moves T, and
    // these labs pin it least: 0.20 fitted for 0.40 true.)
    for i in [t::LEYDIG, t::PITUITARY, t::SHBG] {
        let (got, want) = (fit.man.factors[i].ln(), truth.factors[i].ln());
        assert!((got - want).abs() < 0.55 * SPREADS[i].sigma, "{}: fitted {got:.3}, true {want:.3}", SPREADS[i].key);
    }
    // How fast he recovers shows in LH and T from week 0 to 12; the fitted man predicts week 24, which
    // no lab showed, within 15 % of the true man (LH +12 %, the largest), far nearer than the typical man
    // (below).
    let base = engine.calibrate_subject(&scenario.subject);
    let run = |man: &Man| engine.simulate_calibrated(&scenario, &engine.individual(&base, man));
    let (fitted, true_run) = (run(&fit.man), run(&truth));
    for o in [Output::TotalT, Output::Lh, Output::Fsh] {
        let (a, b) = (fitted.at(o, 168.0), true_run.at(o, 168.0));
        assert!((a / b - 1.0).abs() < 0.15, "{o:?} at week 24: fitted {a:.2}, true {b:.2}");
    }
    let typical = run(&Man::TYPICAL);
    let differs = [Output::TotalT, Output::Lh, Output::Fsh]
        .iter()
        .any(|&o| (typical.at(o, 168.0) / true_run.at(o, 168.0) - 1.0).abs() > 0.25);
    assert!(differs, "the true man must differ from the typical one for the test to mean anything");
}

#[test]
fn labs_no_man_can_give_are_refused_in_words() {
    let engine = Engine::default();
    let mut scenario = restart();
    // Total T of 50 ng/dL on 150 mg of cypionate a week: a missed injection or a value in the wrong unit,
    // not a man like this.
    scenario.labs =
        vec![Measured { day: -10.0, analyte: Analyte::TotalT, value: 50.0, unit: Analyte::TotalT.units()[0] }];
    let fit = fit::fit(&engine, &scenario).unwrap();
    let refusal = fit.refusal.expect("refused");
    assert!(
        refusal.starts_with("No man like this one matches these labs") || refusal.contains("far outside"),
        "{refusal}"
    );
}

#[test]
fn no_labs_no_fit() {
    let engine = Engine::default();
    assert_eq!(fit::fit(&engine, &restart()).err().as_deref(), Some("enter at least one measured lab to fit"));
}

#[test]
fn a_fitted_man_travels_in_the_link_and_the_file() {
    let mut scenario = restart();
    scenario.labs = vec![Measured { day: 28.0, analyte: Analyte::Lh, value: 1.2, unit: Analyte::Lh.units()[0] }];
    scenario.subject.traits = known_man().traits();
    let q = hpg_model::scenario::link::encode(&scenario);
    assert!(q.contains("labs=lh_1.2iul_w4"), "{q}");
    let back = hpg_model::scenario::link::decode(&q).unwrap();
    assert_eq!(back.labs, scenario.labs);
    for (k, v) in &scenario.subject.traits {
        assert!((back.subject.traits[k] - v).abs() < 1e-4);
    }
    let file = Scenario::from_json(&scenario.to_json()).unwrap();
    assert_eq!(file, scenario);
    // The engine simulates the fitted man, not the calibrated one.
    let engine = Engine::default();
    let fitted = engine.simulate(&scenario).unwrap();
    scenario.subject.traits.clear();
    let typical = engine.simulate(&scenario).unwrap();
    assert_ne!(fitted.at(hpg_model::Output::TotalT, 100.0), typical.at(hpg_model::Output::TotalT, 100.0));
}

#[test]
fn labs_outside_the_course_are_kept_but_not_fitted() {
    // A shorter chart does not delete a result: the scenario stays valid, the fit uses what falls inside.
    let mut scenario = restart();
    scenario.labs = vec![Measured { day: 250.0, analyte: Analyte::Lh, value: 4.0, unit: Analyte::Lh.units()[0] }];
    assert!(scenario.check().is_ok());
    let engine = Engine::default();
    assert_eq!(
        fit::fit(&engine, &scenario).err().as_deref(),
        Some("none of the measured labs falls within the simulated weeks")
    );
}

#[test]
fn a_fit_runs_each_man_only_to_the_last_lab_and_reports_what_the_whole_plan_shows() {
    // Labs to week 12 of a 48-week plan, and of a 10-year plan (whose output grid is ~0.9 days): the fit
    // simulates each man only past the last lab, on the whole plan's output grid, so the values it reports are,
    // bit for bit, the ones the whole run of the fitted man gives the lab table.
    let engine = Engine::default();
    for horizon in [336.0, 3650.0] {
        let mut scenario = restart();
        scenario.horizon_days = horizon;
        scenario.labs = labs_of(&engine, &scenario, &known_man()).into_iter().filter(|l| l.day <= 84.0).collect();
        let fit = fit::fit(&engine, &scenario).unwrap();
        let mut fitted = scenario.clone();
        fitted.subject.traits = fit.man.traits();
        let whole = engine.simulate(&fitted).unwrap();
        assert_eq!(whole.days.last().copied(), Some(horizon));
        for p in &fit.points {
            assert_eq!(p.simulated.to_bits(), p.lab.simulated(&whole).to_bits(), "{horizon} days: {:?}", p.lab);
        }
    }
}
