//! Properties the model holds whatever its parameters, beside the published outcomes: recovery after stopping
//! comes later after every longer use, and smoothly (docs/MODEL.md §3.8). `tests/recovery.rs` asserts them on
//! the shipped parameters; the calibration adds how far a parameter set breaks them to its objective, so a
//! search cannot buy a band by a cliff in the recovery times.

use crate::engine::recovery::{self, Recovery};
use crate::engine::simulate::Engine;
use crate::scenario::presets::PriorTrt;
use crate::scenario::Scenario;

/// Years of prior use the recovery table covers (docs/MODEL.md §3.8).
pub const PRIOR_USE_YEARS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0];
/// The weekly cypionate dose of the table, mg, and the age of its man.
pub const TABLE_WEEKLY_MG: f64 = 150.0;
pub const TABLE_AGE_YEARS: f64 = 45.0;
/// A recovery may come at most this many times later than after the next shorter use in the table.
pub const MAX_NEIGHBOUR_RATIO: f64 = 2.5;
/// How long after stopping the table follows a man, days.
const FOLLOWED_DAYS: f64 = 1100.0;

/// Recovery of a man of `age_years` who stops after `prior`, followed for three years, read on a daily grid.
pub fn recovery_after(engine: &Engine, prior: PriorTrt, age_years: f64) -> Recovery {
    let subject = format!(r#"{{"subject": {{"age_years": {age_years}}}}}"#);
    let mut s = Scenario::from_json(&subject).expect("an age is a valid scenario");
    s.history = vec![prior.dosing()];
    s.horizon_days = FOLLOWED_DAYS;
    s.output_step_days = Some(1.0);
    let t = engine.simulate(&s).expect("a weekly cypionate history is a valid scenario");
    recovery::of(&t)
}

/// The table's recoveries, one per `PRIOR_USE_YEARS`.
pub fn recovery_table(engine: &Engine) -> Vec<Recovery> {
    PRIOR_USE_YEARS
        .iter()
        .map(|&years| recovery_after(engine, PriorTrt { years, weekly_mg: TABLE_WEEKLY_MG }, TABLE_AGE_YEARS))
        .collect()
}

/// The back days of each measure (LH, total T, sperm) in a recovery.
pub fn back_days(r: &Recovery) -> [Option<f64>; 3] {
    [r.lh, r.t, r.sperm]
}

/// How far the table breaks its properties, one residual per measure and pair of neighbouring durations, in the
/// calibration's units (0 when it holds): a later use back no later, or back more than `MAX_NEIGHBOUR_RATIO`
/// times later, costs `edge_cost` plus the log of the excess (plus a hundredth for a tie, so equal days still
/// cost); a measure never back costs `never`.
pub fn residuals(table: &[Recovery], edge_cost: f64, never: f64) -> Vec<f64> {
    let mut out = Vec::new();
    for pair in table.windows(2) {
        let (shorter, longer) = (back_days(&pair[0]), back_days(&pair[1]));
        for (s, l) in shorter.into_iter().zip(longer) {
            out.push(match (s, l) {
                (Some(s), Some(l)) if s > 0.0 && l > s && l <= MAX_NEIGHBOUR_RATIO * s => 0.0,
                (Some(s), Some(l)) if s > 0.0 && l > s => edge_cost + crate::math::ln(l / (MAX_NEIGHBOUR_RATIO * s)),
                (Some(s), Some(l)) if s > 0.0 => edge_cost + crate::math::ln(s / l) + 0.01,
                _ => never,
            });
        }
    }
    out
}
