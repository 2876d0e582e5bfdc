//! Guided stories: every placeholder of every step reads a number from the step's own runs, and a
//! prediction's right answer is what the model does.

use hpg_model::stories::{self, Answer};
use hpg_model::units::format_value;
use hpg_model::{Engine, Output, Units};

#[test]
fn every_placeholder_of_every_step_is_filled_from_the_model() {
    let engine = Engine::default();
    for story in stories::ALL {
        for (i, step) in story.steps.iter().enumerate() {
            let (a, b) = (step.plans)();
            let a = engine.simulate(&a).unwrap();
            let b = b.map(|b| engine.simulate(&b).unwrap());
            let mut texts: Vec<String> = (0..3).map(|d| stories::text(step, d)).collect();
            if let Some(p) = &step.predict {
                texts.push(p.why.to_string());
                assert!(p.readable(), "{} step {}: the answer names what no run gives", story.id, i + 1);
                if matches!(p.answer, Answer::ByValue { .. }) {
                    assert!(
                        p.value(&a).is_some_and(f64::is_finite),
                        "{} step {}: no value to answer with",
                        story.id,
                        i + 1
                    );
                }
                assert!(p.right_choice(&a) < p.choices.len(), "{} step {}", story.id, i + 1);
            }
            for units in [Units::Conventional, Units::Si] {
                for text in &texts {
                    let filled = stories::fill(text, &a, b.as_ref(), units);
                    assert!(!filled.contains('{') && !filled.contains('}'), "{} step {}: {filled}", story.id, i + 1);
                    assert!(filled.split_whitespace().all(|w| !["NaN", "inf", "-inf"].contains(&w)), "{filled}");
                }
            }
        }
    }
}

#[test]
fn a_placeholder_reads_the_value_in_the_page_units() {
    let engine = Engine::default();
    let (a, _) = (stories::find("recovery-months").unwrap().steps[0].plans)();
    let t = engine.simulate(&a).unwrap();
    let tt = t.at(Output::TotalT, 28.0);
    assert_eq!(
        stories::fill("T {tt@28}, LH {lh.base}", &t, None, Units::Conventional),
        format!(
            "T {} ng/dL, LH {} IU/L",
            format_value(Output::TotalT.display(tt, Units::Conventional)),
            format_value(t.baseline[Output::Lh.index()])
        )
    );
    assert!(stories::fill("{tt@28}", &t, None, Units::Si).ends_with(" nmol/L"));
    // Plan B missing, or a typo: left as typed, so a test or a reader sees it.
    assert_eq!(stories::fill("{b.lh@28} {lh@x}", &t, None, Units::Si), "{b.lh@28} {lh@x}");
    // A brace that opens nothing is text; the placeholder after it is still read.
    let lh = stories::fill("{lh@28}", &t, None, Units::Si);
    assert_eq!(stories::fill("a {b", &t, None, Units::Si), "a {b");
    assert_eq!(stories::fill("x { {lh@28}} {", &t, None, Units::Si), format!("x {{ {lh}}} {{"));
    assert_eq!(stories::fill("}{lh@28}{", &t, None, Units::Si), format!("}}{lh}{{"));
}

#[test]
fn answers_read_from_the_model_follow_it() {
    let engine = Engine::default();
    let ask = |id: &str, step: usize| {
        let s = &stories::find(id).unwrap().steps[step];
        let p = s.predict.as_ref().unwrap();
        assert!(matches!(p.answer, Answer::ByValue { .. }));
        let t = engine.simulate(&(s.plans)().0).unwrap();
        (p.right_choice(&t), t)
    };
    // Three years of 150 mg weekly: LH takes more than six months (the recovery issue's finding).
    let (choice, t) = ask("recovery-months", 0);
    let back = t.first_day(Output::Lh, 40.0, |v| v >= 0.9 * t.baseline[Output::Lh.index()]).unwrap();
    assert!(back > 182.0, "LH back at day {back}");
    assert_eq!(choice, 2);
    // Anastrozole 1 mg daily takes E2 below 15 pg/mL.
    let (choice, t) = ask("too-much-anastrozole", 1);
    let lowest = t.column(Output::E2).iter().cloned().fold(f64::MAX, f64::min);
    assert!(Output::E2.display(lowest, Units::Conventional) < 15.0);
    assert_eq!(choice, 0);
}
