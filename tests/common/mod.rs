//! Helpers shared by the property and fuzz tests.
#![allow(dead_code)]

use hpg_explorer::model::Output;

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
