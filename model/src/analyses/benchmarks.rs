//! The standard benchmark scenarios, shared by the native benchmarks (`benches/engine.rs`, criterion) and
//! the WebAssembly benchmark page (`?bench=engine`), so the WASM/native ratio compares the same work.

use crate::{Mode, Scenario};

/// A year of TRT (cypionate 100 mg weekly), a 16-week clomiphene + anastrozole restart, follow-up to day
/// 336: 700 days, pulse-averaged, on the default output grid (4,000 points).
pub fn protocol_700_days() -> Scenario {
    Scenario::from_json(
        r#"{"horizon_days": 336,
            "history": [{"agent":"testosterone_cypionate","route":"im","dose":100,"unit":"mg","every_days":7,"start_day":-364,"end_day":0}],
            "regimen": [{"agent":"clomiphene_citrate","route":"oral","dose":25,"unit":"mg","every_days":1,"start_day":0,"end_day":112},
                        {"agent":"anastrozole","route":"oral","dose":0.5,"unit":"mg","every_days":3.5,"start_day":0,"end_day":112}]}"#,
    )
    .expect("the benchmark scenario is valid")
}

/// Three untreated days, pulse-resolved, on a one-minute output grid.
pub fn pulse_window_3_days() -> Scenario {
    let mut s = Scenario::from_json(r#"{"horizon_days": 3}"#).expect("the benchmark scenario is valid");
    s.mode = Mode::Pulse;
    s
}

/// Every standard benchmark: (criterion name, scenario).
pub fn all() -> [(&'static str, Scenario); 2] {
    [("protocol_700d_averaged", protocol_700_days()), ("pulse_window_3d", pulse_window_3_days())]
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_benchmark_scenarios_are_valid_and_span_what_they_say() {
        for (name, s) in super::all() {
            s.check().unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        let long = super::protocol_700_days();
        assert_eq!(long.horizon_days - long.first_day(), 700.0);
    }
}
