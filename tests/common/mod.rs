//! Helpers shared by the property and fuzz tests.
#![allow(dead_code)]

use hpg_model::Output;

/// Generous physical bounds for each output in conventional units: beyond them, something broke.
pub fn bound(o: Output) -> f64 {
    match o {
        Output::TotalT => 100_000.0,
        Output::FreeT => 20_000.0,
        Output::E2 | Output::FreeE2 => 5_000.0,
        Output::Itt => 20_000.0,
        Output::Gnrh => 1_000.0,
        Output::Gonadorelin => 1.0e6,
        Output::Hcg => 10_000.0,
        Output::PituitaryDesensitisation | Output::LeydigDesensitisation | Output::ErAgonism => 1.0,
        _ => 10_000.0,
    }
}

/// Whether an output value (internal units) is finite, non-negative and within its bound.
pub fn sound(o: Output, v: f64) -> bool {
    let c = o.to_conventional(v);
    c.is_finite() && c >= 0.0 && c <= bound(o)
}

/// A case count times `HPG_FUZZ_SCALE` (default 1): `make fuzz` runs the same properties much longer.
pub fn cases(n: u32) -> u32 {
    let scale = std::env::var("HPG_FUZZ_SCALE").ok().and_then(|s| s.parse::<u32>().ok()).unwrap_or(1).max(1);
    n.saturating_mul(scale)
}

/// A fingerprint (FNV-1a over every bit) of a small population's percentile bands: equal natively and in
/// WebAssembly exactly when the two compute the same numbers bit for bit.
pub fn population_fingerprint() -> u64 {
    use hpg_model::analyses::population::{Bands, Setting};
    use hpg_model::{Engine, Scenario};
    let s = Scenario::from_json(
        r#"{"horizon_days": 28, "regimen":[{"agent":"testosterone_cypionate","route":"im","dose":150,"unit":"mg",
            "every_days":7,"start_day":0,"end_day":28}]}"#,
    )
    .expect("valid scenario");
    let mut men = Vec::new();
    Engine::default().simulate_population(&s, Setting { men: 3, seed: 11 }, |_, _, t| men.push(t)).expect("simulates");
    let b = Bands::of(&men);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for v in b.p10.iter().chain(&b.p50).chain(&b.p90).flatten() {
        for byte in v.to_bits().to_le_bytes() {
            h = (h ^ byte as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}
/// `population_fingerprint()` as computed natively (x86_64, release) and in WebAssembly (debug, Chromium).
pub const POPULATION_FINGERPRINT: u64 = 5_666_015_547_549_618_253;
