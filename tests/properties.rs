//! Properties over thousands of random valid scenarios: every output finite, non-negative and
//! bounded; the work done bounded by the scenario limits.
#![cfg(not(target_arch = "wasm32"))]

use hpg_model::scenario::MAX_HORIZON_DAYS;
use hpg_model::{Agent, Condition, DoseUnit, Dosing, Engine, Output, Resume, Route, Scenario, Subject};
use proptest::prelude::*;
use std::sync::OnceLock;

mod common;
use common::sound;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(Engine::default)
}

/// A random dosing line that the scenario checker accepts.
fn dosing(horizon: f64) -> impl Strategy<Value = Dosing> {
    (0usize..Agent::ALL.len(), 0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0, 0usize..3).prop_map(
        move |(a, dose_f, start_f, len_f, every_f, route_i)| {
            let agent = Agent::ALL[a];
            let routes = agent.routes();
            let route = routes[route_i % routes.len()];
            let unit = agent.units(route)[0];
            let dose = (agent.max_dose(unit) * dose_f).max(agent.max_dose(unit) * 1e-3);
            let every = 0.5 + 13.5 * every_f;
            let start = (horizon * start_f).floor();
            let end = start + 1.0 + (horizon - start) * len_f;
            let (every_days, every_minutes) = match route {
                Route::ScInfusion => (None, None),
                Route::ScPump => (None, Some(60.0 + 120.0 * every_f)),
                _ => (Some(every), None),
            };
            Dosing { agent, route, dose, unit, every_days, every_minutes, start_day: start, end_day: Some(end) }
        },
    )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (1.0f64..400.0, 0usize..3, 18.0f64..90.0, 18.0f64..45.0, proptest::option::of(100.0f64..1200.0))
        .prop_flat_map(|(horizon, cond, age, bmi, tt)| {
            (Just((horizon, cond, age, bmi, tt)), proptest::collection::vec(dosing(horizon), 0..4))
        })
        .prop_map(|((horizon, cond, age, bmi, tt), mut regimen)| {
            for d in &mut regimen {
                d.end_day = d.end_day.map(|e| e.min(horizon));
                if d.end_day.is_some_and(|e| e <= d.start_day) {
                    d.end_day = Some(d.start_day + 0.5);
                    d.start_day = d.start_day.min(horizon - 0.5).max(0.0);
                }
                if d.unit == DoseUnit::NgPerKg && d.agent == Agent::Gonadorelin {
                    d.dose = d.dose.min(200.0);
                }
            }
            let condition = [Condition::Eugonadal, Condition::SecondaryHypogonadism, Condition::GnrhDeficient][cond];
            let mut subject = Subject { age_years: age, bmi, condition, ..Subject::default() };
            subject.baseline.total_t_ng_dl = tt;
            Scenario {
                horizon_days: horizon,
                subject,
                regimen,
                output_step_days: Some(0.25),
                ..Scenario::from_json("{}").unwrap()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn outputs_are_finite_non_negative_and_bounded(s in scenario()) {
        // Regimens beyond the weekly limits are refused by the checker (tested in scenario.rs).
        prop_assume!(s.check().is_ok());
        let t = engine().simulate(&s).unwrap();
        prop_assert_eq!(t.len(), (s.horizon_days / 0.25).round() as usize + 1);
        for o in Output::ALL {
            for &v in t.column(o) {
                prop_assert!(sound(o, v), "{:?} = {} in {:?}", o, o.to_conventional(v), s);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

    /// Any text as a link: an error or a valid scenario, never a panic.
    #[test]
    fn any_link_text_decodes_or_is_refused(q in "[a-z0-9=&_~.%+-]{0,120}") {
        if let Ok(s) = hpg_model::scenario::link::decode(&q) {
            prop_assert!(s.check().is_ok());
        }
    }

    /// Valid links, mutated at one character: accepted ones still simulate to finite outputs.
    #[test]
    fn mutated_links_never_break_the_engine(s in scenario(), at in 0usize..400, c in proptest::char::any()) {
        prop_assume!(s.check().is_ok());
        let mut q: Vec<char> = hpg_model::scenario::link::encode(&s).chars().collect();
        if !q.is_empty() {
            let i = at % q.len();
            q[i] = c;
        }
        let q: String = q.into_iter().collect();
        if let Ok(t) = hpg_model::scenario::link::decode(&q) {
            let traj = engine().simulate(&t).unwrap();
            for o in Output::ALL {
                prop_assert!(traj.column(o).iter().all(|v| v.is_finite() && *v >= 0.0));
            }
        }
    }
}

/// An edit a person makes between two runs: a dose, a start, a line dropped or added, the TRT history.
fn edited(mut s: Scenario, kind: usize, f: f64, extra: Dosing) -> Scenario {
    let n = s.regimen.len();
    match kind {
        0 if n > 0 => s.regimen[(f * n as f64) as usize % n].dose *= 0.5 + f,
        1 if n > 0 => {
            let d = &mut s.regimen[(f * n as f64) as usize % n];
            d.start_day = (d.start_day + 7.0 * f).min(d.end_day.unwrap_or(d.start_day + 1.0) - 0.5).max(0.0);
        }
        2 if n > 0 => {
            s.regimen.remove((f * n as f64) as usize % n);
        }
        3 => s.regimen.push(extra),
        _ => {
            let mut trt = hpg_model::scenario::presets::common_regimen(Agent::TestosteroneCypionate, 0.0);
            trt.start_day = -28.0 - (100.0 * f).floor();
            s.history = vec![trt];
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A run resumed from the previous run's checkpoints is the full run, bit for bit.
    #[test]
    fn a_resumed_run_equals_a_full_run(
        base in scenario(), kind in 0usize..5, f in 0.0f64..1.0, extra in dosing(100.0), pulse in proptest::bool::ANY
    ) {
        let mut base = base;
        if pulse {
            base.mode = hpg_model::Mode::Pulse;
            base.horizon_days = base.horizon_days.min(20.0);
            base.output_step_days = Some(0.01);
        }
        let next = edited(base.clone(), kind, f, extra);
        prop_assume!(base.check().is_ok() && next.check().is_ok());
        let cal = engine().calibrate_subject(&base.subject);
        let mut resume = Resume::default();
        let first = engine().simulate_resuming(&base, &cal, &mut resume);
        prop_assert_eq!(&first, &engine().simulate_calibrated(&base, &cal));
        let again = engine().simulate_resuming(&next, &cal, &mut resume);
        prop_assert_eq!(again, engine().simulate_calibrated(&next, &cal));
    }
}

#[test]
fn editing_a_restart_protocol_resumes_after_the_year_of_trt() {
    // The edits the app's interaction benchmark makes: each re-runs only the weeks after the change.
    let base = hpg_model::scenario::presets::find("post-trt-restart").expect("the preset").scenario();
    let cal = engine().calibrate_subject(&base.subject);
    let mut resume = Resume::default();
    engine().simulate_resuming(&base, &cal, &mut resume);
    assert_eq!(resume.resumed_at(), None);
    let mut next = base.clone();
    let clomiphene = next.regimen.iter_mut().find(|d| d.agent == Agent::ClomipheneCitrate).expect("clomiphene");
    clomiphene.dose = 50.0;
    let start = clomiphene.start_day;
    let t = engine().simulate_resuming(&next, &cal, &mut resume);
    let at = resume.resumed_at().expect("resumed");
    assert!(at < start && at > start - 8.0, "resumed at day {at}, clomiphene starts on day {start}");
    assert_eq!(t, engine().simulate_calibrated(&next, &cal));
    // Unchanged: resumes at the last checkpoint and still gives the same run.
    let same = engine().simulate_resuming(&next, &cal, &mut resume);
    assert!(resume.resumed_at().expect("resumed") > next.horizon_days - 8.0);
    assert_eq!(same, t);
    // A drug switched on at week 4 (a new PK chain) resumes too, and off again.
    let mut with_ai = next.clone();
    let mut ai = hpg_model::scenario::presets::common_regimen(Agent::Anastrozole, 112.0);
    ai.start_day = 28.0;
    with_ai.regimen.push(ai);
    let t = engine().simulate_resuming(&with_ai, &cal, &mut resume);
    assert!(resume.resumed_at().expect("resumed") < 28.0);
    assert_eq!(t, engine().simulate_calibrated(&with_ai, &cal));
    let t = engine().simulate_resuming(&next, &cal, &mut resume);
    assert!(resume.resumed_at().expect("resumed") < 28.0);
    assert_eq!(t, engine().simulate_calibrated(&next, &cal));
}

#[test]
fn every_agent_at_its_maximum_for_the_longest_horizon_stays_finite() {
    let regimen: Vec<Dosing> = Agent::ALL
        .iter()
        .map(|&agent| {
            let route = agent.routes()[0];
            let unit = agent.units(route)[0];
            // The largest doses, as often as the weekly and administration limits allow over ten years.
            let dose = agent.max_dose(unit);
            let every = (7.0 * dose / agent.max_weekly(unit)).max(0.5);
            Dosing {
                agent,
                route,
                dose,
                unit,
                every_days: (route != Route::ScPump).then_some(every),
                every_minutes: (route == Route::ScPump).then_some((every * 1440.0).max(60.0)),
                start_day: 0.0,
                end_day: Some(MAX_HORIZON_DAYS),
            }
        })
        .collect();
    let s = Scenario {
        horizon_days: MAX_HORIZON_DAYS,
        regimen,
        output_step_days: Some(1.0),
        ..Scenario::from_json("{}").unwrap()
    };
    s.check().expect("the extreme scenario is within the limits");
    let t = engine().simulate(&s).unwrap();
    for o in Output::ALL {
        assert!(t.column(o).iter().all(|v| v.is_finite() && *v >= 0.0), "{o:?}");
    }
}
