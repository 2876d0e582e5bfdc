//! A virtual population: men who differ from the scenario's subject in the parameters that differ
//! between men (docs/MODEL.md §8). Each man is drawn from a seeded generator (PCG), so a seed gives the same
//! men natively and in WebAssembly; each is then brought to his own untreated steady state, which is his
//! baseline and the set point of his slow states, exactly as a calibrated subject is.

use crate::engine::recovery::MEASURES;
use crate::engine::simulate::{Calibrated, Engine};
use crate::math;
use crate::params::{SPREAD_COUNT, SPREAD_SIGMA};
use crate::scenario::{Scenario, ScenarioError};
use crate::trajectory::{Output, Trajectory};
use rand_distr::{Distribution, StandardNormal};
use rand_pcg::rand_core::SeedableRng;

// Where these live (what varies between men; the scenario's population setting; a man's recovery series),
// named here too because a population is where people look for them.
pub use crate::engine::recovery::RecoverySeries;
pub use crate::scenario::{Setting, DEFAULT_MEN, DEFAULT_SEED, MAX_MEN};
pub use crate::traits::{trait_ix, Man, Spread, SPREADS};

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
        let from = crate::trajectory::first_row_shown(&self.days, day);
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
        let at = |c: &[f64]| crate::trajectory::interpolate(&self.days, c, day);
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
