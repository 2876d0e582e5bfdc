//! The scenario file format has one reader and writer (`scenario::scenario_file`): the app, the CLI, links' JSON
//! and the validation cases' subjects and dosing lines all go through it. What it writes it reads back exactly,
//! and its errors name the field.

use hpg_model::{scenario::presets, Scenario};

fn scenarios() -> Vec<Scenario> {
    let mut all: Vec<Scenario> = presets::ALL.iter().map(|p| p.scenario()).collect();
    all.push(
        Scenario::from_json(
            r#"{"version":1,"name":"a \"quoted\" name \u00e9","subject":{"age_years":61.5,"condition":"secondary_hypogonadism",
                "baseline":{"total_t_ng_dl":250,"lh_iu_l":2.1},"traits":{"leydig":1.31,"recovery":0.8}},
                "regimen":[{"agent":"gonadorelin","route":"sc_pump","dose":25,"unit":"ng/kg","every_minutes":90,"start_day":0,"end_day":30}],
                "horizon_days":30,"mode":"averaged","output_step_days":0.25,"population":{"men":50,"seed":18446744073709551615},
                "labs":[{"day":3,"analyte":"total_t","value":9.5,"unit":"nmol/L"},{"day":14,"analyte":"sperm","value":0,"unit":"M/mL"}]}"#,
        )
        .unwrap(),
    );
    all
}

#[test]
fn what_the_reader_writes_it_reads_back() {
    for s in scenarios() {
        let file = s.to_json();
        assert_eq!(Scenario::from_json(&file).unwrap_or_else(|e| panic!("{e}\n{file}")), s);
    }
}

/// A validation case's subject and dosing are the scenario's schema, read by the same reader, as strict: what it
/// refuses in a file it refuses in a case, naming the field.
#[test]
fn a_validation_cases_scenario_parts_are_read_by_the_file_reader() {
    use hpg_model::analyses::validation;
    let case = |subject: &str, history: &str| {
        format!(
            r#"{{"format": "hpg-validation/1", "cases": [{{"id": "c", "subject": {subject}, "history": {history},
                "observations": [{{"quantity": "lh_iu_l", "stat": "mean", "window": [0, 1], "accept": [1, 9]}}]}}]}}"#
        )
    };
    let file = validation::parse(&case(
        r#"{"age_years": 52, "baseline": {"total_t_ng_dl": 300}}"#,
        r#"[{"agent": "testosterone_cypionate", "route": "im", "dose": 100, "unit": "mg", "every_days": 7, "start_day": -70, "end_day": 0}]"#,
    ))
    .unwrap();
    let read = &file.cases[0];
    assert_eq!((read.subject.age_years, read.history.len()), (52.0, 1));
    let wrong = validation::parse(&case(r#"{"age_years": 52, "mood": 3}"#, "[]")).unwrap_err();
    assert!(wrong.contains("subject.mood: unknown field \"mood\""), "{wrong}");
    let wrong = validation::parse(&case("{}", r#"[{"agent": "hcg", "route": "sc", "unit": "IU", "start_day": 0}]"#))
        .unwrap_err();
    assert!(wrong.contains("history[0].dose: missing field"), "{wrong}");
}

#[test]
fn a_seed_above_two_to_the_53_reads_back_exactly() {
    let s = scenarios().pop().unwrap();
    assert_eq!(s.population.unwrap().seed, u64::MAX);
    assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
}

#[test]
fn file_errors_name_the_field() {
    let cases = [
        (r#"{"subject":{"age_years":40,"age_years":41}}"#, "subject.age_years", "duplicate field"),
        (r#"{"regimen":[{"agent":"hcg","route":"sc","unit":"IU","start_day":0}]}"#, "regimen[0].dose", "missing field"),
        (r#"{"mode":"fast"}"#, "mode", "unknown mode \"fast\", expected one of averaged, pulse"),
        (r#"{"population":{"men":-3}}"#, "population.men", "expected a whole number"),
        (r#"{"labs":[{"day":1,"analyte":"mood","value":1,"unit":"IU/L"}]}"#, "labs[0].analyte", "unknown lab"),
        (r#"{"horizon_days":1e999}"#, "horizon_days", "too large"),
        (
            r#"{"regimen":[{"agent":"hcg","route":"sc","dose":1,"unit":"IU","start_day":0}, }"#,
            "regimen[1]",
            "expected a value",
        ),
        (r#"[]"#, "", "expected an object"),
        (r#"{"subject":{"traits":{"leydig":1.2,"leydig":0.8}}}"#, "subject.traits.leydig", "duplicate field"),
    ];
    for (text, path, message) in cases {
        let e = Scenario::from_json(text).unwrap_err();
        assert_eq!(e.path, path, "{text}: {e:?}");
        assert!(e.message.contains(message), "{text}: {e:?}");
    }
}
