//! What differs between men (docs/MODEL.md §8): the traits a virtual population varies, each with the spread
//! of its multiplier, and one man as his multipliers. The engine reads a man (`Engine::individual`), a
//! scenario names a fitted man's traits, and `population` draws men; this module uses none of them.

use crate::params::{SPREAD_COUNT, SPREAD_KEYS, SPREAD_SIGMA};
use std::collections::BTreeMap;

/// A way in which men differ, with the spread of its multiplier: ln(factor) ~ Normal(0, sigma).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub key: &'static str,
    pub what: &'static str,
    pub sigma: f64,
}

/// Every trait the population varies, in the order of `Man::factors`.
pub const SPREADS: [Spread; SPREAD_COUNT] = [
    Spread { key: SPREAD_KEYS[0], what: "GnRH generator drive", sigma: SPREAD_SIGMA[0] },
    Spread { key: SPREAD_KEYS[1], what: "gonadotroph gain (LH and FSH per GnRH)", sigma: SPREAD_SIGMA[1] },
    Spread { key: SPREAD_KEYS[2], what: "Leydig cell sensitivity to LH", sigma: SPREAD_SIGMA[2] },
    Spread { key: SPREAD_KEYS[3], what: "SHBG production", sigma: SPREAD_SIGMA[3] },
    Spread { key: SPREAD_KEYS[4], what: "peripheral aromatase", sigma: SPREAD_SIGMA[4] },
    Spread { key: SPREAD_KEYS[5], what: "testosterone metabolic clearance", sigma: SPREAD_SIGMA[5] },
    Spread { key: SPREAD_KEYS[6], what: "drug absorption and release from depots", sigma: SPREAD_SIGMA[6] },
    Spread { key: SPREAD_KEYS[7], what: "drug elimination", sigma: SPREAD_SIGMA[7] },
    Spread {
        key: SPREAD_KEYS[8],
        what: "time constants of recovery (regrowth of capacities and reserves)",
        sigma: SPREAD_SIGMA[8],
    },
    Spread { key: SPREAD_KEYS[9], what: "how fast suppression depletes the reserves", sigma: SPREAD_SIGMA[9] },
    Spread { key: SPREAD_KEYS[10], what: "germ-cell output (sperm concentration)", sigma: SPREAD_SIGMA[10] },
    Spread { key: SPREAD_KEYS[11], what: "intratesticular T that spermatogenesis needs", sigma: SPREAD_SIGMA[11] },
];

/// Index of each trait in `Man::factors`.
pub mod trait_ix {
    pub const HYPOTHALAMUS: usize = 0;
    pub const PITUITARY: usize = 1;
    pub const LEYDIG: usize = 2;
    pub const SHBG: usize = 3;
    pub const AROMATASE: usize = 4;
    pub const T_CLEARANCE: usize = 5;
    pub const ABSORPTION: usize = 6;
    pub const ELIMINATION: usize = 7;
    pub const RECOVERY: usize = 8;
    pub const SUSCEPTIBILITY: usize = 9;
    pub const GERM_CELLS: usize = 10;
    pub const ITT_NEED: usize = 11;
}

/// One virtual man: a multiplier per trait (1 = the subject).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Man {
    pub factors: [f64; SPREADS.len()],
}

impl Man {
    /// The subject himself.
    pub const TYPICAL: Man = Man { factors: [1.0; SPREADS.len()] };

    /// The man a subject's `traits` describe (a trait not named is typical; unknown keys are refused by
    /// `Scenario::check`).
    pub fn with_traits(traits: &BTreeMap<String, f64>) -> Man {
        let mut man = Man::TYPICAL;
        for (f, s) in man.factors.iter_mut().zip(SPREADS.iter()) {
            if let Some(&v) = traits.get(s.key) {
                *f = v;
            }
        }
        man
    }

    /// The traits that differ from typical, as a subject carries them.
    pub fn traits(&self) -> BTreeMap<String, f64> {
        SPREADS.iter().zip(self.factors).filter(|&(_, f)| f != 1.0).map(|(s, f)| (s.key.to_string(), f)).collect()
    }
}
