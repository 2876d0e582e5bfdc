//! Guided stories: every placeholder of every step reads a number from the step's own runs, and a
//! prediction's right answer is what the model does.

use hpg_model::units::format_value;
use hpg_model::words::stories::{self, Answer};
use hpg_model::{Engine, Output, Units};

#[test]
fn every_placeholder_of_every_step_is_filled_from_the_model() {
    let engine = Engine::default();
    for story in stories::built_in() {
        for (i, step) in story.steps.iter().enumerate() {
            let (a, b) = step.plans();
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
    let (a, _) = stories::find("recovery-months").unwrap().steps[0].plans();
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
        let t = engine.simulate(&s.plans().0).unwrap();
        (p.right_choice(&t), t)
    };
    // Three years of 150 mg weekly: LH takes months, not the weeks the drug takes to wash out, and the right
    // choice is the band its day falls in (6 weeks, 6 months).
    let (choice, t) = ask("recovery-months", 0);
    let back = t.first_day(Output::Lh, 40.0, |v| v >= 0.9 * t.baseline[Output::Lh.index()]).unwrap();
    assert!(back > 42.0, "LH back at day {back}");
    assert_eq!(choice, if back < 182.0 { 1 } else { 2 }, "LH back at day {back}");
    // Anastrozole 1 mg daily takes E2 below 15 pg/mL.
    let (choice, t) = ask("too-much-anastrozole", 1);
    let lowest = t.column(Output::E2).iter().cloned().fold(f64::MAX, f64::min);
    assert!(Output::E2.display(lowest, Units::Conventional) < 15.0);
    assert_eq!(choice, 0);
}

/// A small story a teacher might write: one step, one question.
const TEACHERS: &str = r#"{
  "format": "hpg-explorer story 1",
  "id": "hcg-in-a-week",
  "title": "hCG in a week",
  "summary": "What a week of hCG does to testosterone.",
  "steps": [
    {
      "title": "hCG every other day",
      "plan": "v=1&weeks=2&r=hcg_sc_1500IU_q2d_w0to2&pop=0",
      "point_at": "chart",
      "text": {
        "basics": "Testosterone goes from {tt.base} to {tt.max}.",
        "clinical": "Total T {tt.base} to {tt.max} by {tt.max_when}.",
        "academic": "LH falls to {lh.min}. {END}"
      },
      "predict": {
        "question": "Will testosterone rise?",
        "choices": ["No", "Yes"],
        "answer": { "read": "tt.max", "per": "tt.base", "edges": [1.2] },
        "why": "It reaches {tt.max}."
      }
    }
  ]
}"#;

#[test]
fn every_built_in_story_is_a_file_that_reads_as_a_teachers_would() {
    for story in stories::built_in() {
        let file = format!("{}/model/stories/{}.json", env!("CARGO_MANIFEST_DIR"), story.id);
        let again = stories::Story::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(again.steps.len(), story.steps.len(), "{file}");
    }
    let story = stories::Story::from_json(TEACHERS).unwrap();
    assert_eq!((story.id, story.steps.len()), ("hcg-in-a-week", 1));
    let a = Engine::default().simulate(&story.steps[0].plans().0).unwrap();
    let p = story.steps[0].predict.as_ref().unwrap();
    assert_eq!(p.right_choice(&a), 1, "hCG raises T");
    assert!(!stories::fill(p.why, &a, None, Units::Conventional).contains('{'));
}

#[test]
fn a_story_file_that_does_not_read_names_the_field_and_why() {
    let broken = |from: &str, to: &str| {
        assert!(TEACHERS.contains(from), "{from}");
        stories::Story::from_json(&TEACHERS.replace(from, to)).err().map(|e| e.to_string()).unwrap_or_default()
    };
    for (from, to, says) in [
        ("{lh.min}", "{lh.sideways}", "steps[0].text.academic: unknown placeholder {lh.sideways}"),
        (
            "{tt.max}.\"",
            "{b.tt.max}.\"",
            "steps[0].text.basics: {b.tt.max} reads plan B, but the step compares no plan",
        ),
        (
            "hcg_sc_1500IU",
            "hcg_sc_-1500IU",
            "steps[0].plan: not a link the page can open: r[0]: dose must be a positive number",
        ),
        ("\"chart\"", "\"the chart\"", "steps[0].point_at: unknown part \"the chart\", expected one of chart, loop,"),
        (
            "\"edges\": [1.2]",
            "\"edges\": [1.2, 2]",
            "steps[0].predict.answer.edges: 2 choices need 1 edges between them",
        ),
        ("story 1", "story 2", "format: a story file says \"format\": \"hpg-explorer story 1\""),
        ("\"hcg-in-a-week\"", "\"hCG week\"", "id: an id is 1 to 40 lower-case letters, digits and dashes"),
        ("\"point_at\"", "\"pointing\": \"chart\", \"point_at\"", "steps[0].pointing: unknown field \"pointing\""),
        ("\"why\": \"It", "\"why\": \"It {", "steps[0].predict.why: an opening brace without its closing one"),
        ("\"Yes\"]", "\"Yes\"", "steps[0].predict.choices"),
    ] {
        let said = broken(from, to);
        assert!(said.starts_with(says), "{from} -> {to}: {said}");
    }
}

#[test]
fn an_added_story_is_found_beside_the_built_in_ones_and_an_id_is_taken_once() {
    let story = stories::Story::from_json(&TEACHERS.replace("hcg-in-a-week", "added-once")).unwrap();
    let Ok(added) = stories::add(story) else { panic!("a new id is added") };
    assert!(std::ptr::eq(stories::find("added-once").unwrap(), added));
    assert_eq!(stories::all().last().unwrap().id, "added-once");
    let again = stories::Story::from_json(&TEACHERS.replace("hcg-in-a-week", "trt-sperm")).unwrap();
    assert_eq!(
        stories::add(again).err().unwrap().to_string(),
        "id: a story named \"trt-sperm\" is already on the page"
    );
}

/// docs/STORIES.md cannot drift from the reader: its example reads and runs, every placeholder its table shows
/// parses, and the parts it lists for `point_at` are the parts the reader takes.
#[test]
fn the_story_guide_is_what_the_reader_takes() {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/STORIES.md")).unwrap();
    let example = guide.split("```json\n").nth(1).and_then(|rest| rest.split("```").next()).expect("an example");
    let story = stories::Story::from_json(example).unwrap_or_else(|e| panic!("the guide's example: {e}"));
    let a = Engine::default().simulate(&story.steps[0].plans().0).unwrap();
    for depth in 0..3 {
        assert!(!stories::fill(&stories::text(&story.steps[0], depth), &a, None, Units::Conventional).contains('{'));
    }
    let table = &guide[guide.find("## Placeholders").unwrap()..guide.find("## Adding stories").unwrap()];
    let shown: Vec<&str> = table.split("| `{").skip(1).filter_map(|cell| cell.split("}`").next()).collect();
    assert!(shown.len() >= 8, "{shown:?}");
    for key in shown {
        let text = format!("{{{key}}}");
        let filled = stories::fill(&text, &a, Some(&a), Units::Conventional);
        assert_ne!(filled, text, "the guide's placeholder {text} is not one the reader fills");
    }
    for (name, _) in hpg_model::words::story_file::PARTS {
        assert!(guide.contains(&format!("`{name}`")), "docs/STORIES.md does not list the part {name}");
    }
}
