//! Fuzzing the scenario decoders (issue 6): 100,000 cases split over the link and JSON decoders, mixing random
//! text with single-character mutations of valid inputs. Every input either is refused with an error or gives a
//! scenario that checks and simulates to finite, non-negative outputs within physical bounds. Never a panic.
//!
//! `make fuzz` runs the same properties with `HPG_FUZZ_SCALE=20` (2,000,000 cases) outside CI.
#![cfg(not(target_arch = "wasm32"))]

use hpg_model::{scenario::link, scenario::presets, Engine, Output, Scenario};
use proptest::prelude::*;
use std::sync::OnceLock;

mod common;
use common::{cases, sound};

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(Engine::default)
}

/// Valid inputs to mutate: every preset as a link and as JSON.
fn seeds() -> &'static [(String, String)] {
    static S: OnceLock<Vec<(String, String)>> = OnceLock::new();
    S.get_or_init(|| presets::ALL.iter().map(|p| (link::encode(&p.scenario()), p.scenario().to_json())).collect())
}

fn assert_sound(s: &Scenario) -> Result<(), TestCaseError> {
    prop_assert!(s.check().is_ok());
    // One output point a day keeps 100,000 cases affordable; the integrator still takes its usual steps.
    let mut s = s.clone();
    s.output_step_days = Some(1.0f64.min(s.horizon_days));
    let t = engine().simulate(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for o in Output::ALL {
        prop_assert!(t.column(o).iter().all(|&v| sound(o, v)), "{:?} out of bounds", o);
    }
    Ok(())
}

fn mutate(text: &str, at: usize, c: char, delete: bool) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return c.to_string();
    }
    let i = at % chars.len();
    if delete {
        chars.remove(i);
    } else {
        chars[i] = c;
    }
    chars.into_iter().collect()
}

/// The page's reader of links: what it keeps checks (and so simulates soundly, as the properties above show of
/// every checked scenario), and a link the strict reader takes whole it takes whole, leaving nothing out.
fn salvaged_soundly(q: &str) -> Result<(), TestCaseError> {
    if let Ok(read) = link::decode_salvaging(q) {
        prop_assert!(read.scenario.check().is_ok(), "{q}");
        prop_assert!(read.compared.as_ref().is_none_or(|b| b.check().is_ok()), "{q}");
        if let Ok((a, b)) = link::decode_compared(q) {
            prop_assert!(read.dropped.is_empty(), "{q}: {:?}", read.dropped);
            prop_assert_eq!(link::encode(&read.scenario), link::encode(&a));
            prop_assert_eq!(read.compared.map(|s| link::encode(&s)), b.map(|s| link::encode(&s)));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(40_000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_link_text(q in "[a-z0-9=&_~.%+-]{0,160}") {
        if let Ok(s) = link::decode(&q) {
            assert_sound(&s)?;
        }
        salvaged_soundly(&q)?;
    }

    #[test]
    fn random_json_text(t in r#"[{}\[\]":,a-z0-9 ._-]{0,160}"#) {
        if let Ok(s) = Scenario::from_json(&t) {
            assert_sound(&s)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(10_000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_valid_links(seed in 0usize..64, at in 0usize..2000, c in proptest::char::any(), delete in any::<bool>()) {
        let (q, _) = &seeds()[seed % seeds().len()];
        let q = mutate(q, at, c, delete);
        if let Ok(s) = link::decode(&q) {
            assert_sound(&s)?;
        }
        salvaged_soundly(&q)?;
    }

    #[test]
    fn mutated_valid_json(seed in 0usize..64, at in 0usize..4000, c in proptest::char::any(), delete in any::<bool>()) {
        let (_, j) = &seeds()[seed % seeds().len()];
        if let Ok(s) = Scenario::from_json(&mutate(j, at, c, delete)) {
            assert_sound(&s)?;
        }
    }
}

/// The built-in story files, the seeds a hostile or mistyped story starts from.
const STORY_FILES: [&str; 2] =
    [include_str!("../model/stories/trt-sperm.json"), include_str!("../model/stories/clomiphene-halves.json")];

proptest! {
    // Fewer cases: a story read keeps its texts for the program's life, as the page keeps a story.
    #![proptest_config(ProptestConfig { cases: cases(2_000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_story_files(seed in 0usize..2, at in 0usize..12_000, c in proptest::char::any(), delete in any::<bool>()) {
        if let Ok(story) = hpg_model::words::stories::Story::from_json(&mutate(STORY_FILES[seed], at, c, delete)) {
            // Its plans were checked as a link's are (the simulations are the link fuzz's to run).
            for step in story.steps {
                prop_assert!(step.plan.check().is_ok());
                prop_assert!(step.compared.as_ref().is_none_or(|b| b.check().is_ok()));
            }
        }
    }
}
