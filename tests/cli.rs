//! The command-line tool as a user runs it: clear errors naming the field, non-zero exits, no panics.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

fn hpg_sim(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hpg-sim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hpg-sim runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn runs_a_preset_as_csv_with_units_in_the_header() {
    let (code, out, _) = hpg_sim(&["run", "--preset", "trt"], "");
    assert_eq!(code, 0);
    let header = out.lines().next().unwrap();
    assert!(header.starts_with("day,gnrh_rel,lh_iu_l,fsh_iu_l,total_t_ng_dl"));
    assert!(out.lines().count() > 1000);
}

#[test]
fn runs_a_scenario_from_stdin_as_json() {
    let (code, out, _) = hpg_sim(&["run", "-", "--format", "json"], r#"{"horizon_days": 2}"#);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["day"].as_array().unwrap().len(), 49);
    assert!(v["events"].as_array().unwrap().is_empty());
    let (code, out, _) = hpg_sim(&["run", "--preset", "stop-trt-cold", "--format", "json"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = v["events"].as_array().unwrap().iter().map(|e| e["key"].as_str().unwrap()).collect();
    assert!(keys.contains(&"lh_recovered") && keys.contains(&"sperm_recovered"), "{keys:?}");
}

#[test]
fn a_reader_that_stops_early_gets_no_panic() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_hpg-sim"))
        .args(["run", "--preset", "stop-trt-cold"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("day,"));
    // The reader is gone (like `| head -1`): the tool stops quietly.
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn lists_presets() {
    let (code, out, _) = hpg_sim(&["presets"], "");
    assert_eq!(code, 0);
    assert!(out.contains("post-trt-restart"));
    assert!(out.contains("continuous-gnrh"));
}

#[test]
fn bad_input_gets_a_clear_error_and_a_non_zero_exit() {
    let cases = [
        ("{", "EOF"),
        (
            r#"{"regimen":[{"agent":"unobtainium","route":"im","dose":1,"unit":"mg","start_day":0}]}"#,
            "regimen[0].agent",
        ),
        (r#"{"regimen":[{"agent":"hcg","route":"sc","dose":-1,"unit":"IU","start_day":0}]}"#, "regimen[0].dose"),
        (r#"{"regimen":[{"agent":"hcg","route":"sc","dose":1e9,"unit":"IU","start_day":0}]}"#, "regimen[0].dose"),
        (r#"{"horizon_days": 100000}"#, "horizon_days"),
        (r#"{"version": 99}"#, "version"),
        (
            r#"{"regimen":[{"agent":"hcg","route":"sc","dose":500,"unit":"IU","every_days":2,"start_day":10,"end_day":5}]}"#,
            "regimen[0].end_day",
        ),
        (r#"{"subject":{"age_years": -3}}"#, "subject.age_years"),
        (r#"{"colour":"blue"}"#, "colour"),
    ];
    for (input, expected) in cases {
        let (code, out, err) = hpg_sim(&["run", "-"], input);
        assert_eq!(code, 2, "{input}");
        assert!(out.is_empty());
        assert!(err.contains(expected), "{input}: {err}");
        assert!(!err.contains("panicked"));
    }
    let (code, _, err) = hpg_sim(&["run", "--preset", "nope"], "");
    assert_eq!(code, 2);
    assert!(err.contains("no preset named"));
}

#[test]
fn validate_prints_a_line_per_observation_and_a_summary() {
    let dir = std::env::temp_dir().join(format!("hpg-sim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cases.json");
    // The bundled file's first three cases (the whole file is tests/validation.rs's).
    let mut file: serde_json::Value = serde_json::from_str(include_str!("validation/cases.json")).unwrap();
    file["cases"].as_array_mut().unwrap().truncate(3);
    let observations: usize =
        file["cases"].as_array().unwrap().iter().map(|c| c["observations"].as_array().unwrap().len()).sum();
    std::fs::write(&path, file.to_string()).unwrap();
    let (code, out, _) = hpg_sim(&["validate", path.to_str().unwrap()], "");
    assert_eq!(code, 0);
    assert_eq!(out.lines().filter(|l| l.ends_with("PASS") || l.ends_with("FAIL")).count(), observations);
    assert!(out.trim_end().lines().last().unwrap().starts_with("validation: "));
    let (code, _, err) = hpg_sim(&["validate", "/nonexistent.json"], "");
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent.json"));
}

#[test]
fn a_population_adds_percentile_columns_to_csv_and_json() {
    let args = ["run", "--preset", "stop-trt-cold", "--population", "5", "--seed", "1"];
    let (code, out, err) = hpg_sim(&args, "");
    assert_eq!(code, 0, "{err}");
    let header: Vec<&str> = out.lines().next().unwrap().split(',').collect();
    for col in ["total_t_ng_dl", "total_t_ng_dl_p10", "total_t_ng_dl_p50", "total_t_ng_dl_p90", "sperm_m_per_ml_p90"] {
        assert!(header.contains(&col), "{col} in {header:?}");
    }
    let p = |row: &str, col: &str| -> f64 {
        let i = header.iter().position(|h| *h == col).unwrap();
        row.split(',').nth(i).unwrap().parse().unwrap()
    };
    for row in out.lines().skip(1).step_by(97) {
        assert!(p(row, "lh_iu_l_p10") <= p(row, "lh_iu_l_p50") && p(row, "lh_iu_l_p50") <= p(row, "lh_iu_l_p90"));
    }
    let (code, json, _) = hpg_sim(&[&args[..], &["--format", "json"]].concat(), "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["lh_iu_l_p90"].as_array().is_some_and(|a| !a.is_empty()));
    // The same seed gives the same numbers.
    assert_eq!(hpg_sim(&args, "").1, out);
}

#[test]
fn recovery_prints_month_by_month_shares_with_their_thresholds() {
    let (code, out, err) = hpg_sim(&["recovery", "--preset", "stop-trt-cold", "--population", "20"], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Of 20 men like this one"));
    assert!(out.contains("counted from day 28"), "{out}");
    for m in hpg_model::engine::recovery::MEASURES {
        assert!(out.contains(m.label) && out.contains(m.source), "{}", m.label);
    }
    let months = out.lines().filter(|l| l.trim_start().chars().next().is_some_and(|c| c.is_ascii_digit())).count();
    assert_eq!(months, 12);
}

#[test]
fn bad_population_settings_name_the_flag_and_exit_2() {
    for (args, says) in [
        (vec!["--population", "0"], "--population"),
        (vec!["--population", "1"], "--population"),
        (vec!["--population", "10000"], "--population"),
        (vec!["--population", "many"], "--population"),
        (vec!["--population", "10", "--seed", "x"], "--seed"),
        (vec!["--seed", "-1"], "--seed"),
    ] {
        let all = [&["run", "--preset", "trt"][..], &args[..]].concat();
        let (code, _, err) = hpg_sim(&all, "");
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn fit_prints_the_scenario_with_the_fitted_traits_or_says_why_not() {
    let scenario = r#"{"history":[{"agent":"testosterone_cypionate","route":"im","dose":150,"unit":"mg","every_days":7,
        "start_day":-364,"end_day":0}],"horizon_days":168,
        "labs":[{"day":56,"analyte":"lh","value":0.9,"unit":"IU/L"},{"day":84,"analyte":"total_t","value":180,"unit":"ng/dL"}]}"#;
    let (code, out, err) = hpg_sim(&["fit", "-"], scenario);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Total testosterone") && err.contains("simulations"), "{err}");
    let fitted: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(fitted["subject"]["traits"].as_object().is_some_and(|t| !t.is_empty()), "{out}");
    assert_eq!(fitted["labs"].as_array().map(Vec::len), Some(2));
    // 40 ng/dL on 150 mg a week: no man like this.
    let impossible = scenario.replace(
        r#"{"day":56,"analyte":"lh","value":0.9,"unit":"IU/L"}"#,
        r#"{"day":-7,"analyte":"total_t","value":40,"unit":"ng/dL"}"#,
    );
    let (code, out, err) = hpg_sim(&["fit", "-"], &impossible);
    assert_eq!(code, 1);
    assert!(out.is_empty() && (err.contains("No man like this one") || err.contains("far outside")), "{err}");
    let (code, _, err) = hpg_sim(&["fit", "-"], "{}");
    assert_eq!(code, 2);
    assert!(err.contains("enter at least one measured lab"), "{err}");
}

#[test]
fn sensitivity_prints_the_traits_longest_bar_first_and_refuses_an_unknown_outcome() {
    let (code, out, err) = hpg_sim(&["sensitivity", "--preset", "stop-trt-cold", "--outcome", "lh-week-12"], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("What matters most for LH at week 12 (IU/L)"), "{out}");
    let effects: Vec<f64> =
        out.lines().skip(2).take(12).map(|l| l.split_whitespace().nth(3).unwrap().parse().unwrap()).collect();
    assert!(effects.windows(2).all(|w| w[0] >= w[1]), "{out}");
    let (code, _, err) = hpg_sim(&["sensitivity", "--preset", "stop-trt-cold", "--outcome", "mood"], "");
    assert_eq!(code, 2);
    assert!(err.contains("--outcome takes one of sperm-recovery, lh-week-12, e2-nadir"), "{err}");
}

#[test]
fn help_prints_the_usage_and_exits_0_wherever_it_is_asked() {
    for args in [&["--help"][..], &["-h"], &["help"], &["help", "run"], &["run", "--help"], &["validate", "-h"]] {
        let (code, out, err) = hpg_sim(args, "");
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.starts_with("usage:") && out.contains("hpg-sim run --link"), "{args:?}");
    }
}

#[test]
fn run_reads_a_page_link_and_prints_on_the_grid_asked_for() {
    use hpg_model::{scenario::link, scenario::presets};
    let a = presets::find("stop-trt-cold").unwrap().scenario();
    let b = presets::find("trt").unwrap().scenario();
    let address = format!("http://127.0.0.1:8080/?{}#chart", link::encode_compared(&a, &b));
    let (code, out, err) = hpg_sim(&["run", "--link", &address, "--every", "1d"], "");
    assert_eq!(code, 0, "{err}");
    let days: Vec<f64> = out.lines().skip(1).map(|l| l.split(',').next().unwrap().parse().unwrap()).collect();
    assert!(days.windows(2).all(|w| (w[1] - w[0] - 1.0).abs() < 1e-9), "one row a day");
    assert_eq!(*days.last().unwrap(), a.horizon_days);
    // The same rows the scenario itself gives at that step: the link reproduces the page's plan A.
    let mut daily = a.clone();
    daily.output_step_days = Some(1.0);
    let (_, direct, _) = hpg_sim(&["run", "-"], &daily.to_json());
    assert_eq!(out, direct);
    // Plan B, from the query alone; a link without B says so.
    let query = link::encode_compared(&a, &b);
    let (code, out_b, _) = hpg_sim(&["run", "--link", &query, "--plan", "b", "--every", "12h"], "");
    assert_eq!(code, 0);
    assert_ne!(out_b, out);
    let (code, _, err) = hpg_sim(&["run", "--link", &link::encode(&a), "--plan", "b"], "");
    assert_eq!(code, 2);
    assert!(err.contains("no plan B"), "{err}");
    for bad in ["0d", "fortnight", "-1h"] {
        let (code, _, err) = hpg_sim(&["run", "--preset", "trt", "--every", bad], "");
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains("--every"), "{bad}: {err}");
    }
    // A file the page exported with two plans: plan A by default, plan B with --plan b.
    let dir = std::env::temp_dir().join(format!("hpg-sim-plans-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("two-plans.json");
    std::fs::write(&file, hpg_model::Scenario::plans_to_json(&a, Some(&b))).unwrap();
    let path = file.to_str().unwrap();
    for (plan, scenario) in [("a", &a), ("b", &b)] {
        let (code, out, err) = hpg_sim(&["run", path, "--plan", plan], "");
        assert_eq!(code, 0, "{err}");
        let (_, want, _) = hpg_sim(&["run", "-"], &scenario.to_json());
        assert_eq!(out, want, "plan {plan} of the file");
    }
    std::fs::remove_dir_all(&dir).ok();
    // A link the page opens only in part is run as the page shows it, and the part left out is named.
    let (code, out, err) =
        hpg_sim(&["run", "--link", "?v=1&weeks=nonsense&r=hcg_sc_500IU_q2d_w0to4~hcg_sc_-5IU_q2d_w0to4"], "");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("left out") && err.contains("weeks=nonsense") && err.contains("hcg_sc_-5IU"), "{err}");
    assert!(out.starts_with("day,"), "{out}");
    let (code, _, err) = hpg_sim(&["run", "--link", "?v=99"], "");
    assert_eq!(code, 2);
    assert!(err.contains("the link"), "{err}");
}

#[test]
fn story_checks_and_prints_a_story_file() {
    let dir = std::env::temp_dir().join(format!("hpg-story-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    let built_in =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/model/stories/clomiphene-halves.json")).unwrap();
    std::fs::write(&good, built_in.replace("\"clomiphene-halves\"", "\"my-clomiphene\"")).unwrap();
    let (code, out, err) = hpg_sim(&["story", good.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(?story=my-clomiphene&step=1)") && !out.contains('{'), "{out}");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, built_in.replace("{lh.base}", "{lh.bse}")).unwrap();
    let (code, _, err) = hpg_sim(&["story", bad.to_str().unwrap()], "");
    assert_ne!(code, 0);
    assert!(err.contains("bad.json: steps[") && err.contains("unknown placeholder {lh.bse}"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
