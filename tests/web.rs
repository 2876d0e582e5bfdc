//! Component tests in a real browser (wasm-bindgen-test, headless Chromium via chromedriver).
#![cfg(target_arch = "wasm32")]

use hpg_explorer::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod common;

#[wasm_bindgen_test]
fn a_small_population_is_bit_for_bit_the_native_one() {
    assert_eq!(common::population_fingerprint(), common::POPULATION_FINGERPRINT);
}

/// Mounts the app into a fresh element and returns it.
fn mount() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), App);
    // The app lives for the rest of the test page.
    std::mem::forget(handle);
    host
}

/// Leptos updates the DOM asynchronously: let its scheduled work run.
async fn tick() {
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn shows_name_disclaimer_and_a_switch_per_agent() {
    let host = mount();
    tick().await;
    let h1 = host.query_selector("h1").unwrap().expect("a heading");
    assert_eq!(h1.text_content().unwrap(), "HPG Explorer");
    let note = host.query_selector(".disclaimer").unwrap().expect("a disclaimer");
    assert!(note.text_content().unwrap().contains("not medical advice"));
    // One switch per agent; the therapy before week 0 is a choice of its own.
    let switches = host.query_selector_all("input[role=switch]").unwrap();
    assert_eq!(switches.length(), 10);
    let prior = host.query_selector("[data-testid=prior-trt]").unwrap().expect("a choice of prior therapy");
    assert!(prior.text_content().unwrap().contains("8 years at 150 mg weekly"));
    let canvas = host.query_selector("canvas[role=img]").unwrap();
    assert!(canvas.is_some(), "the chart is an image for assistive technology");
}

#[wasm_bindgen_test]
async fn switching_trt_on_suppresses_lh_in_the_summary() {
    let host = mount();
    tick().await;
    let summary = || host.query_selector("[data-testid=summary]").unwrap().unwrap().text_content().unwrap();
    let lh = |s: &str| -> f64 {
        let after = s.split("LH ").nth(1).expect("LH in the summary");
        after.split(' ').next().unwrap().parse().unwrap()
    };
    let before = summary();
    let trt: HtmlInputElement =
        host.query_selector("#switch-testosterone-cypionate").unwrap().expect("TRT switch").unchecked_into();
    assert!(!trt.checked());
    trt.click();
    tick().await;
    assert!(trt.checked());
    assert_eq!(trt.get_attribute("aria-checked").as_deref(), Some("true"));
    let after = summary();
    assert_ne!(before, after);
    assert!(lh(&after) < 0.5 * lh(&before), "TRT should suppress LH: {before} -> {after}");
    // Its regimen controls appear, with the common regimen filled in.
    let dose: HtmlInputElement = host
        .query_selector("input[aria-label='Testosterone cypionate dose']")
        .unwrap()
        .expect("a dose field")
        .unchecked_into();
    // The field's value is a reactive property, set once the page has settled (a few ticks at most).
    for _ in 0..10 {
        if dose.value() == "100" {
            break;
        }
        tick().await;
    }
    assert_eq!(dose.value(), "100");
}

#[wasm_bindgen_test]
async fn a_refused_dose_shows_a_message_and_keeps_the_last_valid_regimen() {
    let host = mount();
    tick().await;
    let hcg: HtmlInputElement = host.query_selector("#switch-hcg").unwrap().expect("hCG switch").unchecked_into();
    hcg.click();
    tick().await;
    let dose: HtmlInputElement =
        host.query_selector("input[aria-label='hCG dose']").unwrap().expect("a dose field").unchecked_into();
    dose.set_value("-5");
    dose.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    tick().await;
    let alert = host.query_selector(".agent [role=alert]").unwrap().expect("a message");
    assert!(alert.text_content().unwrap().contains("positive"));
    assert_eq!(dose.value(), "500", "the field shows the regimen still in force");
}
