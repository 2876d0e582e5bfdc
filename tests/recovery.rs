//! Recovery after testosterone therapy, and the slow states behind it (docs/MODEL.md §3.8): it takes
//! longer after longer and heavier use, never starts before the drug has washed out, and an untreated man
//! stays where he is. Also the pituitary's answer to GnRH and a testis that never made sperm.
#![cfg(not(target_arch = "wasm32"))]

use hpg_model::analyses::properties;
use hpg_model::scenario::presets::PriorTrt;
use hpg_model::{engine::recovery as measures, Engine, Output, Scenario, Trajectory};

fn run(json: &str) -> Trajectory {
    Engine::default().simulate(&Scenario::from_json(json).expect("valid scenario")).expect("simulates")
}

struct Recovery {
    lh: f64,
    t: f64,
    sperm: f64,
    washout: f64,
}

fn recovery(prior: PriorTrt) -> Recovery {
    let r = properties::recovery_after(&Engine::default(), prior, properties::TABLE_AGE_YEARS);
    let need =
        |d: Option<f64>, what: &str| d.unwrap_or_else(|| panic!("{what} never happens after {}", prior.describe()));
    Recovery {
        lh: need(r.lh, "LH recovery"),
        t: need(r.t, "T recovery"),
        sperm: need(r.sperm, "sperm recovery"),
        washout: need(r.from, "washout"),
    }
}

#[test]
fn recovery_is_slower_after_longer_use() {
    let r: Vec<Recovery> = [0.25, 1.0, 3.0, 8.0].map(|years| recovery(PriorTrt { years, weekly_mg: 150.0 })).into();
    for w in r.windows(2) {
        assert!(w[0].lh < w[1].lh, "LH: {} then {}", w[0].lh, w[1].lh);
        assert!(w[0].t < w[1].t, "T: {} then {}", w[0].t, w[1].t);
        assert!(w[0].sperm < w[1].sperm, "sperm: {} then {}", w[0].sperm, w[1].sperm);
    }
    let (three_months, eight_years) = (&r[0], &r[3]);
    assert!(eight_years.lh >= 2.0 * three_months.lh, "LH {} vs {}", eight_years.lh, three_months.lh);
    assert!(eight_years.lh >= 150.0, "LH back at day {} after 8 years", eight_years.lh);
}

/// Recovery comes later after every longer use, over 3 months to 8 years, and smoothly: never more than 2.5
/// times as late as after the next shorter use (a generator that regrows at one pace made a cliff of it, LH
/// back on day 29 after 3 months and day 183 after 6; §3.8, §7.2). docs/MODEL.md §3.8 states the days.
#[test]
fn recovery_is_later_and_smooth_after_every_longer_use_as_model_md_says() {
    let years = properties::PRIOR_USE_YEARS;
    let r: Vec<Recovery> =
        years.map(|years| recovery(PriorTrt { years, weekly_mg: properties::TABLE_WEEKLY_MG })).into();
    // docs/MODEL.md §3.8 states these days.
    let mut table = String::from(
        "| prior TRT | LH back to 90 % of baseline | total T back to 350 ng/dL | sperm back to 20 M/mL |\n|---|---|---|---|\n",
    );
    for (y, r) in years.iter().zip(&r) {
        let prior = match *y {
            0.25 => "3 months".to_string(),
            0.5 => "6 months".to_string(),
            1.0 => "1 year".to_string(),
            y => format!("{y} years"),
        };
        table += &format!("| {prior} | day {:.0} | day {:.0} | day {:.0} |\n", r.lh, r.t, r.sperm);
    }
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/MODEL.md")).unwrap();
    assert!(doc.contains(&table), "docs/MODEL.md §3.8 should carry the recovery days:\n{table}");
    for (w, y) in r.windows(2).zip(years.windows(2)) {
        for (what, shorter, longer) in
            [("LH", w[0].lh, w[1].lh), ("T", w[0].t, w[1].t), ("sperm", w[0].sperm, w[1].sperm)]
        {
            let said = format!("{what} back on day {shorter} after {} years, on day {longer} after {}", y[0], y[1]);
            assert!(shorter < longer, "{said}");
            assert!(longer <= properties::MAX_NEIGHBOUR_RATIO * shorter, "{said}: not smooth");
        }
    }
    // The calibration's objective reads the same table and finds nothing to charge.
    let table = properties::recovery_table(&Engine::default());
    assert!(properties::residuals(&table, 0.1, 2.0).iter().all(|&x| x == 0.0));
}

#[test]
fn recovery_is_slower_after_heavier_use() {
    for years in [1.0, 3.0] {
        let light = recovery(PriorTrt { years, weekly_mg: 100.0 });
        let heavy = recovery(PriorTrt { years, weekly_mg: 150.0 });
        assert!(light.lh < heavy.lh && light.t < heavy.t && light.sperm < heavy.sperm, "{years} years");
    }
}

#[test]
fn nothing_recovers_before_the_drug_has_washed_out() {
    for years in [0.25, 1.0, 3.0, 8.0] {
        let r = recovery(PriorTrt { years, weekly_mg: 150.0 });
        // Counting starts when the last dose has washed out (a week's dose interval plus three release times).
        assert!(r.washout > 21.0, "recovery counted from day {} after stopping", r.washout);
        assert!(r.lh >= r.washout && r.t >= r.washout && r.sperm >= r.washout, "{years} years");
    }
}

#[test]
fn an_untreated_man_stays_at_his_steady_state_for_years() {
    // The reference man, a man calibrated to labs whose Leydig cells answer LH weakly (low T at a normal LH)
    // or strongly (normal T at a low LH), and men of a population: untreated, each stays where he started.
    let within = |t: &Trajectory, who: &str, tolerance: f64, floor: f64| {
        for o in Output::ALL {
            let b = t.baseline[o.index()];
            for &v in t.column(o) {
                assert!((v - b).abs() <= tolerance * b.abs().max(floor), "{who}: {o:?} moved from {b} to {v}");
            }
        }
    };
    let still = |t: &Trajectory, who: &str| within(t, who, 1e-3, 1e-9);
    still(&run(r#"{"horizon_days": 3000, "output_step_days": 5}"#), "the reference man");
    // A man without GnRH of his own, within 2 %: his inhibin B (<1 pg/mL) creeps up 1 % over eight years as his
    // Sertoli cells mature a little on basal FSH (maturation only rises); his sperm output is nil (~1e-8 M/mL),
    // so what moves below a thousandth of a unit does not count.
    let never = r#"{"subject": {"condition": "gnrh_deficient"}, "horizon_days": 3000, "output_step_days": 5}"#;
    within(&run(never), "a man without GnRH of his own", 2e-2, 1e-3);
    for labs in [r#""total_t_ng_dl": 205, "lh_iu_l": 4.0, "e2_pg_ml": 17"#, r#""lh_iu_l": 1.7, "fsh_iu_l": 4.9"#] {
        let json = format!(
            r#"{{"subject": {{"age_years": 45, "condition": "secondary_hypogonadism", "baseline": {{{labs}}}}},
                "horizon_days": 3000, "output_step_days": 5}}"#
        );
        still(&run(&json), labs);
    }
    let engine = Engine::default();
    let s = Scenario::from_json(r#"{"horizon_days": 1500, "output_step_days": 5}"#).unwrap();
    let base = engine.calibrate_subject(&s.subject);
    for (k, man) in hpg_model::analyses::population::draw(8, 5).iter().enumerate() {
        still(&engine.simulate_calibrated(&s, &engine.individual(&base, man)), &format!("man {k}"));
    }
}

#[test]
fn older_men_recover_more_slowly() {
    let at = |age: f64| {
        let mut s = Scenario::from_json(&format!(r#"{{"subject":{{"age_years":{age}}}}}"#)).unwrap();
        s.history = vec![PriorTrt { years: 3.0, weekly_mg: 150.0 }.dosing()];
        s.horizon_days = 900.0;
        let t = Engine::default().simulate(&s).unwrap();
        t.first_day(Output::Sperm, 0.0, |v| v >= 20.0).expect("sperm recovers")
    };
    assert!(at(30.0) < at(60.0));
}

#[test]
fn a_gnrh_bolus_moves_lh_far_more_than_fsh_and_lh_peaks_within_two_hours() {
    let t = run(r#"{"horizon_days": 0.5, "output_step_days": 0.0104166,
            "regimen":[{"agent":"gonadorelin","route":"sc","dose":100,"unit":"ug","start_day":0,"end_day":0.01}]}"#);
    let peak = |o: Output| {
        let b = t.baseline[o.index()];
        t.days.iter().zip(t.column(o)).map(|(&d, &v)| (d, v / b)).fold((0.0, 0.0), |a, x| if x.1 > a.1 { x } else { a })
    };
    let (lh_day, lh) = peak(Output::Lh);
    let (_, fsh) = peak(Output::Fsh);
    assert!(lh > 3.0 && fsh < 2.0 && lh - 1.0 > 4.0 * (fsh - 1.0), "LH x{lh}, FSH x{fsh}");
    assert!(lh_day <= 2.0 / 24.0, "LH peaks at {} h", lh_day * 24.0);
}

const PUMP: &str = r#"{"horizon_days": 400, "output_step_days": 0.25,
    "subject": {"age_years": 25, "weight_kg": 75, "condition": "gnrh_deficient"},
    "regimen": [{"agent":"gonadorelin","route":"sc_pump","dose":25,"unit":"ng/kg","every_minutes":120,"start_day":0,"end_day":400}]}"#;

#[test]
fn a_pituitary_long_without_gnrh_primes_itself() {
    let t = run(PUMP);
    // Mean LH over the first day of pulses, then over the seventh: the response grows.
    let (first, seventh) = (t.mean(Output::Lh, 0.0, 1.0), t.mean(Output::Lh, 6.0, 7.0));
    assert!(seventh > 1.5 * first, "LH {first} on day 1, {seventh} on day 7");
}

#[test]
fn a_testis_that_never_made_sperm_takes_months() {
    let t = run(PUMP);
    let t_normal = t.first_day(Output::TotalT, 0.0, |v| v >= 300.0).expect("T rises on the pump");
    let sperm = t.first_day(Output::Sperm, 0.0, |v| v >= 1.0).expect("sperm appears on the pump");
    assert!(t_normal < 45.0, "T normal by day {t_normal}");
    assert!((90.0..=270.0).contains(&sperm), "sperm above 1 M/mL on day {sperm}");
    // Sertoli cells mature first: inhibin B is well up before sperm appear.
    let inhibin = t.first_day(Output::InhibinB, 0.0, |v| v >= 50.0).expect("inhibin B rises");
    assert!(inhibin < sperm);
}

/// "Back" has one meaning (`recovery`): the outcomes and the curves in words, a band's thinned run (How likely,
/// `hpg-sim recovery`) and the stories read the same days, and none is before the restart's hCG has washed out.
#[test]
fn every_view_counts_back_the_same_way_and_never_while_the_drugs_act() {
    use hpg_model::{words::events, words::narrative, words::stories, Units};
    let s = Scenario::from_json(
        r#"{"horizon_days": 364,
            "history": [{"agent":"testosterone_cypionate","route":"im","dose":150,"unit":"mg","every_days":7,"start_day":-364,"end_day":0}],
            "regimen": [{"agent":"hcg","route":"sc","dose":1500,"unit":"IU","every_days":2.3333,"start_day":0,"end_day":112},
                        {"agent":"clomiphene_citrate","route":"oral","dose":25,"unit":"mg","every_days":1,"start_day":0,"end_day":112}]}"#,
    )
    .unwrap();
    let engine = Engine::default();
    let cal = engine.calibrate_subject(&s.subject);
    let t = engine.simulate_calibrated(&s, &cal);
    let r = measures::of(&t);
    let from = r.from.expect("there is therapy to recover from");
    assert!((112.0..130.0).contains(&from), "counted from day {from}: after the last hCG has washed out");
    let back = [r.lh, r.t, r.sperm];
    assert!(back.iter().all(|d| d.is_some_and(|d| d >= from)), "{back:?} before day {from}");
    // The outcomes and the curves in words.
    let events = events::derive(&t);
    let day = |key: &str| events.iter().find(|e| e.key == key).map(|e| e.day);
    assert_eq!([day("lh_back"), day("t_back"), day("sperm_back")], back);
    let words = narrative::describe(&t, Units::Conventional).join(" ");
    assert!(
        words.contains(&format!("LH back to 90 % of his untreated level at {}", narrative::when(r.lh.unwrap()))),
        "{words}"
    );
    // A band's man, thinned as the page's workers run him: the same days.
    let (_, thinned) = engine.simulate_thinned(&s, &cal, 500);
    assert_eq!(thinned, back);
    // A story's {lh.back}.
    let story = stories::fill("{lh.back}", &t, None, Units::Conventional);
    assert!(story.contains(&format!("{:.0}", (r.lh.unwrap() / 7.0).round())), "{story} against day {:?}", r.lh);
    // Stopping cold counts from the testosterone's own washout, and nobody is back at month 0.
    let cold = Scenario { regimen: Vec::new(), ..s };
    let t = engine.simulate_calibrated(&cold, &cal);
    let r = measures::of(&t);
    assert!(r.from.unwrap() > 21.0 && [r.lh, r.t, r.sperm].iter().all(|d| d.is_none_or(|d| d >= r.from.unwrap())));
}
