//! A virtual population: men who differ from the scenario's subject in the parameters that differ
//! between men (docs/MODEL.md §8). Each man is drawn from a seeded generator (PCG), so a seed gives the same
//! men natively and in WebAssembly; each is then brought to his own untreated steady state, which is his
//! baseline and the set point of his slow states, exactly as a calibrated subject is.

use super::lang::say;
use super::math;
use super::params::{SPREAD_COUNT, SPREAD_KEYS, SPREAD_SIGMA};
use super::recovery::{back_day_in, MEASURES};
use super::scenario::{Scenario, ScenarioError};
use super::simulate::{Calibrated, Engine};
use super::trajectory::{Output, Trajectory};
use rand_distr::{Distribution, StandardNormal};
use rand_pcg::rand_core::SeedableRng;
use std::collections::BTreeMap;

/// The seed a population uses when none is given.
pub const DEFAULT_SEED: u64 = 20_261_129;
/// Men in a population when none is given, and the most a population may have.
pub const DEFAULT_MEN: usize = 100;
pub const MAX_MEN: usize = 1000;

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

/// `n` men from `seed` with the shipped spreads: the same seed always gives the same men, on every platform.
pub fn draw(n: usize, seed: u64) -> Vec<Man> {
    draw_with(n, seed, &SPREAD_SIGMA)
}

/// `n` men from `seed` with spreads `sigma` (a calibration varies them; the engine's own are its params').
pub fn draw_with(n: usize, seed: u64, sigma: &[f64; SPREAD_COUNT]) -> Vec<Man> {
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed);
    (0..n)
        .map(|_| {
            let mut factors = [1.0; SPREADS.len()];
            for (f, s) in factors.iter_mut().zip(sigma) {
                let z: f64 = StandardNormal.sample(&mut rng);
                *f = math::exp(s * z);
            }
            Man { factors }
        })
        .collect()
}

/// The 10th, 50th and 90th percentiles of every output at every row of a common grid.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bands {
    pub days: Vec<f64>,
    /// `[output][row]`, internal units.
    pub p10: Vec<Vec<f64>>,
    pub p50: Vec<Vec<f64>>,
    pub p90: Vec<Vec<f64>>,
}

/// Linear-interpolated percentile `q` (0..1) of sorted values.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (i, w) = (pos.floor() as usize, pos.fract());
    let next = sorted[(i + 1).min(sorted.len() - 1)];
    sorted[i] + w * (next - sorted[i])
}

impl Bands {
    /// The rows from `day` on (the last one before it kept), like `Trajectory::since`.
    pub fn since(&self, day: f64) -> Bands {
        let from = super::trajectory::first_row_shown(&self.days, day);
        let cut = |p: &Vec<Vec<f64>>| p.iter().map(|c| c[from.min(c.len())..].to_vec()).collect();
        Bands {
            days: self.days[from.min(self.days.len())..].to_vec(),
            p10: cut(&self.p10),
            p50: cut(&self.p50),
            p90: cut(&self.p90),
        }
    }

    /// The 10th and 90th percentiles of `o` at `day`, linearly between rows (clamped to the grid), internal
    /// units; `None` before the output's percentiles are in.
    pub fn range_at(&self, o: Output, day: f64) -> Option<(f64, f64)> {
        let (lo, hi) = (self.p10.get(o.index())?, self.p90.get(o.index())?);
        if self.days.is_empty() {
            return None;
        }
        let at = |c: &[f64]| super::trajectory::interpolate(&self.days, c, day);
        Some((at(lo), at(hi)))
    }

    /// Bands of men simulated on the same grid (one scenario): each row's values sorted once.
    pub fn of(men: &[Trajectory]) -> Bands {
        let mut b = Bands::start(men);
        while b.add_next_output(men) {}
        b
    }

    /// Bands with the grid of `men` and no output yet: `add_next_output` fills them one output at a
    /// time, so a page can spread the work over several tasks.
    pub fn start(men: &[Trajectory]) -> Bands {
        let rows = men.iter().map(Trajectory::len).min().unwrap_or(0);
        Bands { days: men.first().map_or(Vec::new(), |t| t.days[..rows].to_vec()), ..Bands::default() }
    }

    /// Adds the next output's percentiles; false once every output is in.
    pub fn add_next_output(&mut self, men: &[Trajectory]) -> bool {
        let Some(&o) = Output::ALL.get(self.p10.len()) else { return false };
        let rows = self.days.len();
        let (mut p10, mut p50, mut p90) =
            (Vec::with_capacity(rows), Vec::with_capacity(rows), Vec::with_capacity(rows));
        let mut values = Vec::with_capacity(men.len());
        for r in 0..rows {
            values.clear();
            values.extend(men.iter().map(|t| t.column(o)[r]));
            values.sort_by(f64::total_cmp);
            p10.push(percentile(&values, 0.1));
            p50.push(percentile(&values, 0.5));
            p90.push(percentile(&values, 0.9));
        }
        self.p10.push(p10);
        self.p50.push(p50);
        self.p90.push(p90);
        self.p10.len() < Output::COUNT
    }
}

/// How many men and which seed: the population setting a link, a file or the CLI carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    pub men: usize,
    #[serde(default = "default_seed")]
    pub seed: u64,
}

fn default_seed() -> u64 {
    DEFAULT_SEED
}

impl Default for Setting {
    fn default() -> Self {
        Setting { men: DEFAULT_MEN, seed: DEFAULT_SEED }
    }
}

impl Setting {
    /// Refuses a population too small to have a spread or too large to run in a page (why, in the page's
    /// language).
    pub fn check(&self) -> Result<(), String> {
        if self.men < 2 || self.men > MAX_MEN {
            return Err(say(
                "a population has between 2 and {max} men, not {men}",
                &[("max", &MAX_MEN), ("men", &self.men)],
            ));
        }
        Ok(())
    }
}

impl Engine {
    /// Every man of a population on the scenario, one at a time: `visit` sees each man's trajectory and
    /// may drop it (a population of long runs would not fit in memory at once).
    pub fn simulate_population(
        &self,
        scenario: &Scenario,
        setting: Setting,
        mut visit: impl FnMut(usize, &Man, Trajectory),
    ) -> Result<(), ScenarioError> {
        scenario.check()?;
        let base = self.calibrate_subject(&scenario.subject);
        for (i, man) in draw_with(setting.men, setting.seed, &self.params.spread_sigma).iter().enumerate() {
            let me: Calibrated = self.individual(&base, man);
            visit(i, man, self.simulate_calibrated(scenario, &me));
        }
        Ok(())
    }
}

/// The outputs recovery is read from (`recovery::MEASURES`) at every grid day from day 0: all a thinned run
/// keeps of the rows it does not keep whole, and enough for `recovery::back_days`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecoverySeries {
    days: Vec<f64>,
    values: [Vec<f64>; 3],
    /// When counting starts and each measure's level for this man (`counted_from`).
    from: Option<f64>,
    levels: [f64; 3],
}

impl RecoverySeries {
    /// Adds a grid row (every output, as `Engine` writes it) if it is on or after day 0.
    pub fn push(&mut self, day: f64, row: &[f64; Output::COUNT]) {
        if day < 0.0 {
            return;
        }
        self.days.push(day);
        for (values, m) in self.values.iter_mut().zip(&MEASURES) {
            values.push(row[m.output.index()]);
        }
    }

    /// Counts recovery from `from` (the scenario's `recovery::counted_from`) for a man whose untreated values
    /// are `baseline` (internal units, by `Output::index`).
    pub fn counted_from(&mut self, from: Option<f64>, baseline: &[f64]) {
        self.from = from;
        self.levels = MEASURES.map(|m| m.level(baseline));
    }

    pub fn len(&self) -> usize {
        self.days.len()
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// Keeps the first `rows` entries.
    pub fn truncate(&mut self, rows: usize) {
        self.days.truncate(rows);
        for v in &mut self.values {
            v.truncate(rows);
        }
    }

    /// The same as `recovery::back_days` on the run the series was taken from.
    pub fn back_days(&self) -> [Option<f64>; 3] {
        std::array::from_fn(|i| {
            let from = self.from?;
            back_day_in(&self.days, &self.values[i], MEASURES[i].output, self.levels[i], from)
        })
    }
}

/// Days in a month, for the month-by-month shares.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// Month by month, the share of a population back for each of `recovery::MEASURES`.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryShares {
    pub men: usize,
    /// Month 0, 1, 2 ... to the end of the scenario.
    pub months: Vec<u32>,
    /// `[criterion][month]`, 0..1.
    pub shares: Vec<Vec<f64>>,
}

impl RecoveryShares {
    /// Shares from each man's back days (`[man][criterion]`) over `horizon_days`.
    pub fn from_back_days(back: &[[Option<f64>; 3]], horizon_days: f64) -> RecoveryShares {
        let months: Vec<u32> = (0..=(horizon_days / DAYS_PER_MONTH).floor() as u32).collect();
        let men = back.len().max(1) as f64;
        let shares = (0..MEASURES.len())
            .map(|k| {
                months
                    .iter()
                    .map(|&m| {
                        back.iter().filter(|b| b[k].is_some_and(|d| d <= m as f64 * DAYS_PER_MONTH)).count() as f64
                            / men
                    })
                    .collect()
            })
            .collect();
        RecoveryShares { men: back.len(), months, shares }
    }
}
