//! One calibration of the model against every published outcome at once, and its leave-one-study-out
//! cross-validation (docs/MODEL.md §7).
//!
//! The parameters a calibration may move are the uncertain ones: each has a [`Prior`], the value its source
//! gives and a range the source allows (read as ±2 standard deviations, on a log scale for a positive
//! quantity). One objective scores a parameter set: over every observation, how far the simulated value
//! lies outside its accept band (on a log scale where the band is positive), plus a penalty that keeps each
//! parameter near its source. A deterministic pattern search minimises it, one parameter at a time, saving
//! its progress after every step so a stopped run resumes where it was.
//!
//! Cross-validation asks how the model does on a study it never saw: the fit is refitted without each study
//! (one reweighted Gauss-Newton step from the full fit, on the residuals' Jacobian), and that study is scored with the
//! refitted parameters, simulated in full. The share of observations passing that way is the honest forecast
//! of the share of new published outcomes the model will reproduce.

use crate::analyses::population::Setting;
use crate::analyses::properties;
use crate::analyses::validation::{self, Case, Outcome};
use crate::engine::simulate::Engine;
use crate::params::Params;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a parameter's distance from its source is measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// ln(value / sourced): rate constants, half-effects, times.
    Log,
    /// value - sourced: shares and exponents, which may come near 0.
    Linear,
}

/// What the literature allows a parameter: its sourced value and a plausible range (±2 SD).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prior {
    /// A name `Params::get` knows.
    pub key: &'static str,
    /// The value its source gives (docs/MODEL.md), which the penalty pulls towards.
    pub sourced: f64,
    pub low: f64,
    pub high: f64,
    pub scale: Scale,
}

impl Prior {
    const fn log(key: &'static str, sourced: f64, low: f64, high: f64) -> Prior {
        Prior { key, sourced, low, high, scale: Scale::Log }
    }

    const fn linear(key: &'static str, sourced: f64, low: f64, high: f64) -> Prior {
        Prior { key, sourced, low, high, scale: Scale::Linear }
    }

    /// One standard deviation of the prior in the scale's own units.
    fn sd(&self) -> f64 {
        match self.scale {
            Scale::Log => crate::math::ln(self.high / self.low) / 4.0,
            Scale::Linear => (self.high - self.low) / 4.0,
        }
    }

    /// The value at `z` standard deviations from the source, held inside the range.
    pub fn value_at(&self, z: f64) -> f64 {
        let v = match self.scale {
            Scale::Log => self.sourced * crate::math::exp(z * self.sd()),
            Scale::Linear => self.sourced + z * self.sd(),
        };
        v.clamp(self.low, self.high)
    }

    /// How many standard deviations `value` lies from the source.
    pub fn z_of(&self, value: f64) -> f64 {
        match self.scale {
            Scale::Log => crate::math::ln(value / self.sourced) / self.sd(),
            Scale::Linear => (value - self.sourced) / self.sd(),
        }
    }
}

/// The parameters a calibration moves, with their sources' values and ranges. Tags and sources are in
/// docs/MODEL.md §3; ranges are the source's spread where it gives one, otherwise a factor of two either
/// way for a fitted \[F\] or assumed \[C\] value.
pub const PRIORS: &[Prior] = &[
    // Central estrogen receptor and SERMs.
    Prior::log("k_brain_t_nmol", 0.28, 0.1, 0.8),
    Prior::log("k_enclomiphene", 0.4, 0.1, 1.6),
    Prior::log("k_zuclomiphene", 15.0, 5.0, 45.0),
    Prior::linear("alpha_zuclomiphene", 0.35, 0.1, 0.6),
    Prior::log("k_tamoxifen", 3.0, 1.0, 9.0),
    // Hypothalamus and pituitary.
    Prior::log("k_ft_mass_nmol", 0.5, 0.25, 1.0),
    Prior::log("k_e_mass", 0.55, 0.3, 1.0),
    Prior::log("c_pit_e", 0.5, 0.25, 1.0),
    Prior::linear("fsh_frequency_exponent", 0.5, 0.0, 1.0),
    Prior::log("gonadorelin_equiv_ng_l", 4.0, 2.0, 8.0),
    Prior::log("k_desens_on", 0.35, 0.15, 0.8),
    Prior::log("k_desens_off", 0.15, 0.07, 0.3),
    Prior::log("k_pool_drive", 4.0, 2.0, 8.0),
    Prior::linear("fsh_acute_share", 0.1, 0.02, 0.3),
    Prior::log("k_inhibin", 150.0, 75.0, 300.0),
    // Testis. Tornøe's LH-to-T curve was fitted in another model: its half-effect and slope are held to
    // ±50 % and ±40 %.
    Prior::log("l50_iu", 5.18, 3.45, 7.77),
    Prior::log("n_leydig", 1.9, 1.35, 2.66),
    Prior::log("hcg_potency", 0.9, 0.5, 1.6),
    Prior::linear("leydig_induced_share", 0.5, 0.3, 0.7),
    Prior::log("l_desens_iu", 150.0, 75.0, 300.0),
    Prior::log("l_aromatase_iu", 25.0, 12.0, 50.0),
    Prior::linear("testicular_e2_share", 0.4, 0.2, 0.6),
    Prior::log("itt_half_secretion", 0.7, 0.35, 1.4),
    // Circulation: the Testoviron label's clearance (~1,840 L/day at 80 kg) bounds MCR from above.
    Prior::log("mcr_t_l_day", 1100.0, 800.0, 1840.0),
    Prior::linear("gamma_clearance", 0.25, 0.0, 0.5),
    Prior::log("km_aromatase_nmol", 100.0, 30.0, 300.0),
    Prior::linear("shbg_low_t_rise", 0.15, 0.0, 0.4),
    Prior::log("shbg_ft_exponent", 1.0, 0.5, 2.0),
    Prior::linear("precursor_e2_share", 0.3, 0.15, 0.5),
    // Sertoli cells and spermatogenesis.
    Prior::log("k_fsh_sertoli_iu", 1.5, 0.75, 3.0),
    Prior::log("k_itt_nmol", 250.0, 125.0, 500.0),
    Prior::log("k_germ_loss", 0.03, 0.015, 0.06),
    Prior::linear("fsh_independent_share", 0.5, 0.3, 0.7),
    // Slow capacities, reserves and recovery.
    Prior::log("capacity_floor", 0.1, 0.05, 0.2),
    Prior::log("tau_capacity_down_days", 30.0, 15.0, 60.0),
    Prior::log("tau_hyp_up_days", 30.0, 15.0, 60.0),
    Prior::log("tau_leydig_up_days", 30.0, 15.0, 60.0),
    Prior::log("tau_sertoli_up_days", 30.0, 15.0, 60.0),
    Prior::log("tau_hyp_reserve_loss_days", 1800.0, 900.0, 3600.0),
    Prior::log("tau_hyp_reserve_regrowth_days", 40.0, 20.0, 80.0),
    Prior::linear("hyp_regrowth_function_exponent", 2.0, 0.0, 4.0),
    Prior::log("tau_hyp_excess_days", 3.0, 1.0, 9.0),
    Prior::log("hyp_excess_boost", 5.0, 2.0, 10.0),
    Prior::log("hyp_excess_half", 4.0, 2.0, 8.0),
    Prior::log("tau_leydig_reserve_loss_days", 1100.0, 550.0, 2200.0),
    Prior::log("tau_leydig_reserve_regrowth_days", 120.0, 60.0, 240.0),
    Prior::linear("leydig_reserve_floor", 0.3, 0.1, 0.5),
    Prior::log("tau_germ_reserve_loss_days", 730.0, 365.0, 1460.0),
    Prior::log("tau_germ_reserve_regrowth_days", 120.0, 60.0, 240.0),
    Prior::log("tau_sertoli_maturation_days", 120.0, 60.0, 240.0),
    Prior::linear("age_recovery_per_decade", 0.1, 0.0, 0.3),
    // How much men differ (docs/MODEL.md §8).
    Prior::log("spread_sigma.hypothalamus", 0.45, 0.25, 0.8),
    Prior::log("spread_sigma.leydig", 0.4, 0.2, 0.7),
    Prior::log("spread_sigma.recovery", 0.7, 0.35, 1.2),
    Prior::log("spread_sigma.susceptibility", 1.0, 0.5, 1.6),
    Prior::log("spread_sigma.germ_cells", 0.55, 0.3, 0.9),
    Prior::log("spread_sigma.itt_need", 0.6, 0.3, 1.0),
];

/// Weight of the prior penalty: a parameter 2 SD from its source costs as much as missing a band by a
/// factor of e^0.36 ≈ 1.4 (0.36 = 0.09 · 2²).
pub const PRIOR_WEIGHT: f64 = 0.09;
/// What an observation that cannot be simulated costs (as a miss by a factor of e²).
const UNSIMULATED: f64 = 2.0;
/// Inside its band, a value in the outer fifth on either side costs up to this much, so the fit prefers
/// values that pass with a margin to values that pass by luck.
const EDGE_COST: f64 = 0.1;

/// One observation's residual: 0 in the middle 60 % of its band, rising to `EDGE_COST` at its edges, then
/// by how far outside the band the value lies, as ln(value / edge) where the band is positive, else
/// relative to the band's largest magnitude.
pub fn residual(o: &Outcome) -> f64 {
    let [lo, hi] = o.accept;
    let v = match o.simulated {
        Ok(v) if v.is_finite() => v,
        _ => return UNSIMULATED,
    };
    let outside = if v < lo {
        if lo > 0.0 && v > 0.0 {
            crate::math::ln(lo / v)
        } else {
            (lo - v) / lo.abs().max(hi.abs()).max(1e-9)
        }
    } else if v > hi {
        if lo > 0.0 {
            crate::math::ln(v / hi)
        } else {
            (v - hi) / lo.abs().max(hi.abs()).max(1e-9)
        }
    } else {
        let centred = if hi > lo { ((v - lo) / (hi - lo) - 0.5).abs() * 2.0 } else { 0.0 };
        return EDGE_COST * ((centred - 0.6) / 0.4).max(0.0);
    };
    EDGE_COST + outside
}

/// The cases and how to run them.
pub struct Problem {
    pub cases: Vec<Case>,
    /// Men of a population observation while searching (the final score uses the full population).
    pub search_men: usize,
    pub threads: usize,
}

impl Problem {
    pub fn new(cases: Vec<Case>, search_men: usize) -> Problem {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Problem { cases, search_men, threads }
    }

    /// The parameters at standardised positions `z` (one per prior) over `base`.
    pub fn params_at(base: &Params, z: &[f64]) -> Params {
        let mut p = base.clone();
        for (prior, &z) in PRIORS.iter().zip(z) {
            let known = p.set(prior.key, prior.value_at(z));
            debug_assert!(known, "{} is a parameter", prior.key);
        }
        p
    }

    /// Every outcome of the cases `which` (indices into `cases`), in that order, with `men` men per population.
    /// The cases run on all threads, the costliest first; the answer does not depend on the threads.
    pub fn outcomes(&self, params: &Params, which: &[usize], men: usize) -> Vec<Vec<Outcome>> {
        self.outcomes_of(&Engine::new(params.clone()), which, men)
    }

    /// As `outcomes`, with an engine already built for the parameters.
    fn outcomes_of(&self, engine: &Engine, which: &[usize], men: usize) -> Vec<Vec<Outcome>> {
        let setting = Setting { men, ..Setting::default() };
        let mut order: Vec<usize> = (0..which.len()).collect();
        order.sort_by_key(|&k| !self.cases[which[k]].has_population());
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results = std::sync::Mutex::new(vec![Vec::new(); which.len()]);
        std::thread::scope(|scope| {
            for _ in 0..self.threads.max(1) {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&k) = order.get(i) else { break };
                    let out = validation::run_case_with(engine, &self.cases[which[k]], setting);
                    results.lock().expect("no thread panics holding it")[k] = out;
                });
            }
        });
        results.into_inner().expect("no thread panicked")
    }

    /// Every case's index.
    pub fn all(&self) -> Vec<usize> {
        (0..self.cases.len()).collect()
    }

    /// The residual of every observation of every case, in file order, then of every property the model
    /// keeps whatever its parameters (`properties::residuals`: recovery later and smooth in the duration of
    /// use), which belong to no study.
    pub fn residuals(&self, params: &Params, men: usize) -> Vec<f64> {
        let engine = Engine::new(params.clone());
        let mut r: Vec<f64> = self.outcomes_of(&engine, &self.all(), men).iter().flatten().map(residual).collect();
        let table = properties::recovery_table(&engine);
        r.extend(properties::residuals(&table, EDGE_COST, UNSIMULATED));
        r
    }

    /// The objective at `z`: the residuals' sum plus the prior penalty. Absolute, not squared: a few misses
    /// no parameter can mend (a mechanism the model lacks) would otherwise outweigh many near misses a
    /// parameter can.
    pub fn objective(&self, base: &Params, z: &[f64]) -> f64 {
        let r = self.residuals(&Problem::params_at(base, z), self.search_men);
        r.iter().sum::<f64>() + penalty(z)
    }

    /// The studies, each with the indices of its cases, in order of first appearance.
    pub fn studies(&self) -> Vec<(String, Vec<usize>)> {
        let mut out: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, c) in self.cases.iter().enumerate() {
            match out.iter_mut().find(|(s, _)| s == c.study()) {
                Some((_, v)) => v.push(i),
                None => out.push((c.study().to_string(), vec![i])),
            }
        }
        out
    }
}

/// The prior penalty of standardised positions `z`.
pub fn penalty(z: &[f64]) -> f64 {
    PRIOR_WEIGHT * z.iter().map(|z| z * z).sum::<f64>()
}

/// A calibration's progress, saved after every step so a stopped run resumes where it was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Search {
    /// What the search is of: the cases file's and the priors' fingerprint (a resume of another is refused).
    pub of: String,
    pub keys: Vec<String>,
    /// Positions and objective are saved as their shortest exact decimal text, so a resumed search has the
    /// same bits as one that never stopped.
    #[serde(with = "exact::many")]
    pub z: Vec<f64>,
    #[serde(with = "exact::one")]
    pub objective: f64,
    /// The pattern's step, in standard deviations, and the sweep and parameter it is at.
    pub step: f64,
    pub sweep: usize,
    pub next: usize,
    /// Whether the current sweep has improved the objective yet.
    pub improved: bool,
    pub evaluations: usize,
    pub done: bool,
}

/// Floats as text that reads back to the same bits (Rust writes the shortest such decimal).
mod exact {
    use serde::{Deserialize, Deserializer, Serializer};

    fn read<E: serde::de::Error>(text: &str) -> Result<f64, E> {
        text.parse().map_err(|_| E::custom(format!("not a number: {text:?}")))
    }

    pub mod one {
        use super::*;
        pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&format!("{v:?}"))
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
            read(&String::deserialize(d)?)
        }
    }

    pub mod many {
        use super::*;
        pub fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(v.iter().map(|v| format!("{v:?}")))
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
            Vec::<String>::deserialize(d)?.iter().map(|t| read(t)).collect()
        }
    }
}

/// The search's first step, in standard deviations, and the step at which it stops.
const FIRST_STEP: f64 = 1.0;
const LAST_STEP: f64 = 0.25;

impl Search {
    /// A search from every parameter at `start` (standardised), which is where the engine ships them.
    pub fn start(problem: &Problem, of: String, base: &Params) -> Search {
        let z: Vec<f64> = PRIORS.iter().map(|p| p.z_of(base.get(p.key).expect("a known parameter"))).collect();
        let objective = problem.objective(base, &z);
        Search {
            of,
            keys: PRIORS.iter().map(|p| p.key.to_string()).collect(),
            z,
            objective,
            step: FIRST_STEP,
            sweep: 0,
            next: 0,
            improved: false,
            evaluations: 1,
            done: false,
        }
    }

    /// One step of the pattern search: the next parameter tried a step up and a step down, the better kept if
    /// it lowers the objective. After a sweep without improvement the step halves; the search ends below
    /// `LAST_STEP` or after `max_sweeps`.
    pub fn step(&mut self, problem: &Problem, base: &Params, max_sweeps: usize) {
        if self.done {
            return;
        }
        let i = self.next;
        let mut best: Option<(f64, f64)> = None;
        for dir in [1.0, -1.0] {
            let mut z = self.z.clone();
            z[i] += dir * self.step;
            let prior = &PRIORS[i];
            // A step past the range's edge is the edge.
            z[i] = prior.z_of(prior.value_at(z[i]));
            if (z[i] - self.z[i]).abs() < 1e-9 {
                continue;
            }
            let f = problem.objective(base, &z);
            self.evaluations += 1;
            if f < self.objective - 1e-9 && best.is_none_or(|(_, b)| f < b) {
                best = Some((z[i], f));
            }
        }
        if let Some((zi, f)) = best {
            self.z[i] = zi;
            self.objective = f;
            self.improved = true;
        }
        self.next += 1;
        if self.next == self.z.len() {
            self.next = 0;
            self.sweep += 1;
            if !self.improved {
                self.step /= 2.0;
            }
            self.improved = false;
            self.allow_sweeps(max_sweeps);
        }
    }

    /// Whether the search is done after `max_sweeps`: a finished search resumed with a larger `max_sweeps`
    /// goes on, unless its step had already shrunk below the last one.
    pub fn allow_sweeps(&mut self, max_sweeps: usize) {
        self.done = self.step < LAST_STEP || self.sweep >= max_sweeps;
    }

    /// The parameters found, over `base`.
    pub fn params(&self, base: &Params) -> Params {
        Problem::params_at(base, &self.z)
    }
}

/// A fingerprint of what a search is of: the cases and the priors, so a saved search is resumed only on
/// the same problem.
pub fn fingerprint(cases_text: &str, search_men: usize) -> String {
    // FNV-1a over the text, the men and every prior.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(cases_text.as_bytes());
    eat(&search_men.to_le_bytes());
    for p in PRIORS {
        eat(p.key.as_bytes());
        for v in [p.sourced, p.low, p.high] {
            eat(&v.to_le_bytes());
        }
    }
    format!("{h:016x}")
}

/// How one study fared when it was left out of the fit.
#[derive(Clone, Debug)]
pub struct HeldOut {
    pub study: String,
    pub outcomes: Vec<Outcome>,
    /// Parameters the refit moved by more than 0.1 SD, with the move.
    pub moved: Vec<(&'static str, f64)>,
}

/// The residuals at `z` and their Jacobian (a column per parameter: forward differences of half a standard
/// deviation, one run of every case per parameter with the search's men; the populations' shares move in
/// steps of 1/men, so a smaller step would read their noise).
fn jacobian(problem: &Problem, base: &Params, z: &[f64]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let men = problem.search_men;
    let r0 = problem.residuals(&Problem::params_at(base, z), men);
    const H: f64 = 0.5;
    let columns = (0..z.len())
        .map(|k| {
            let mut zk = z.to_vec();
            zk[k] += H;
            let prior = &PRIORS[k];
            zk[k] = prior.z_of(prior.value_at(zk[k]));
            let dz = zk[k] - z[k];
            if dz.abs() < 1e-9 {
                return vec![0.0; r0.len()];
            }
            let rk = problem.residuals(&Problem::params_at(base, &zk), men);
            rk.iter().zip(&r0).map(|(a, b)| (a - b) / dz).collect()
        })
        .collect();
    (r0, columns)
}

/// One refit of every parameter from `z` to the residual rows `kept` and the prior: the objective is a sum
/// of residuals, not of squares, so the step is one iteratively reweighted Gauss-Newton step, each residual
/// weighted by 1/max(r, 0.1) (so the weighted squares have the sum's gradient, and a value inside its band
/// resists being pushed out): (JᵀWJ + 2w_p I) δ = -(JᵀW r + 2w_p z), w_p the prior's weight, Levenberg-damped
/// and at most 1 SD per parameter.
fn gauss_newton_step(r0: &[f64], columns: &[Vec<f64>], kept: impl Fn(usize) -> bool, z: &[f64]) -> Vec<f64> {
    let p_count = z.len();
    let mut a = vec![vec![0.0; p_count]; p_count];
    let mut b = vec![0.0; p_count];
    for (row, &r) in r0.iter().enumerate() {
        if !kept(row) {
            continue;
        }
        let weight = 1.0 / r.max(0.1);
        for j in 0..p_count {
            let jj = columns[j][row];
            if jj == 0.0 {
                continue;
            }
            b[j] -= weight * jj * r;
            for (x, column) in a[j].iter_mut().zip(columns) {
                *x += weight * jj * column[row];
            }
        }
    }
    for j in 0..p_count {
        // Levenberg damping on top of the prior keeps the step inside the region the Jacobian describes.
        a[j][j] += 2.0 * PRIOR_WEIGHT + 0.1 * a[j][j] + 1e-6;
        b[j] -= 2.0 * PRIOR_WEIGHT * z[j];
    }
    let delta = solve(a, b);
    z.iter().zip(&delta).zip(PRIORS).map(|((z, d), prior)| prior.z_of(prior.value_at(z + d.clamp(-1.0, 1.0)))).collect()
}

/// Leave-one-study-out cross-validation around the fitted positions `z`: the residuals' Jacobian at `z`,
/// then for each study a Gauss-Newton step (`gauss_newton_step`) that refits every parameter to the other
/// studies' residuals and the prior, and the study simulated in full (the report's population) with the
/// refitted parameters. `progress` hears each study as it is done.
pub fn cross_validate(
    problem: &Problem,
    base: &Params,
    z: &[f64],
    full_men: usize,
    mut progress: impl FnMut(&HeldOut),
) -> Vec<HeldOut> {
    let (r0, columns) = jacobian(problem, base, z);
    // Which residuals belong to which case.
    let mut case_of = Vec::with_capacity(r0.len());
    for (i, c) in problem.cases.iter().enumerate() {
        case_of.extend(std::iter::repeat_n(i, c.observations.len()));
    }
    // The properties' rows are of no case: never left out.
    case_of.resize(r0.len(), usize::MAX);
    let mut out = Vec::new();
    for (study, cases) in problem.studies() {
        let refit = gauss_newton_step(&r0, &columns, |row| !cases.contains(&case_of[row]), z);
        let outcomes = problem.outcomes(&Problem::params_at(base, &refit), &cases, full_men).concat();
        let mut moved: Vec<(&'static str, f64)> = PRIORS
            .iter()
            .zip(refit.iter().zip(z))
            .filter(|(_, (r, z))| (*r - *z).abs() > 0.1)
            .map(|(p, (r, z))| (p.key, r - z))
            .collect();
        moved.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        let held = HeldOut { study, outcomes, moved };
        progress(&held);
        out.push(held);
    }
    out
}

/// Solves a x = b by Gaussian elimination with partial pivoting (a is small and positive definite).
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs())).unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        for row in col + 1..n {
            let f = a[row][col] / d;
            if f == 0.0 {
                continue;
            }
            let (upper, lower) = a.split_at_mut(row);
            for (x, p) in lower[0][col..].iter_mut().zip(&upper[col][col..]) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = if a[row][row].abs() < 1e-12 { 0.0 } else { (b[row] - s) / a[row][row] };
    }
    x
}

/// Each moved parameter: from its shipped value to the fitted one, and how many prior SDs from its source.
pub fn moves(base: &Params, fitted: &Params) -> Vec<(&'static str, f64, f64, f64)> {
    PRIORS
        .iter()
        .filter_map(|p| {
            let (from, to) = (base.get(p.key)?, fitted.get(p.key)?);
            ((to - from).abs() > 1e-12 * from.abs().max(1.0)).then(|| (p.key, from, to, p.z_of(to)))
        })
        .collect()
}

/// The priors as a Markdown table (docs/MODEL.md §7 carries it; a test keeps it current), with the value each
/// parameter ships with.
pub fn priors_markdown(shipped: &Params) -> String {
    let mut s = String::from(
        "| parameter | source's value | prior range (±2 SD) | scale | shipped | SDs from source |\n|---|---|---|---|---|---|\n",
    );
    for p in PRIORS {
        let v = shipped.get(p.key).unwrap_or(f64::NAN);
        let scale = match p.scale {
            Scale::Log => "log",
            Scale::Linear => "linear",
        };
        s += &format!(
            "| `{}` | {} | {}..{} | {scale} | {} | {:+.2} |\n",
            p.key,
            p.sourced,
            p.low,
            p.high,
            round4(v),
            p.z_of(v)
        );
    }
    s
}

/// A value to four significant figures, as the tables show it.
fn round4(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let mag = 10f64.powi(3 - v.abs().log10().floor() as i32);
    (v * mag).round() / mag
}

/// Pass counts by study, for a report.
pub fn passed_by_study(outcomes: &[(String, Vec<Outcome>)]) -> BTreeMap<String, (usize, usize)> {
    let mut m = BTreeMap::new();
    for (study, os) in outcomes {
        let e = m.entry(study.clone()).or_insert((0, 0));
        e.0 += os.iter().filter(|o| o.passed()).count();
        e.1 += os.len();
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prior_names_a_parameter_and_holds_its_source() {
        let p = Params::default();
        for prior in PRIORS {
            assert!(p.get(prior.key).is_some(), "{} is not a parameter", prior.key);
            assert!(prior.low < prior.sourced && prior.sourced < prior.high, "{}: source outside its range", prior.key);
            assert!((prior.value_at(prior.z_of(prior.sourced)) - prior.sourced).abs() < 1e-12);
        }
    }

    #[test]
    fn a_residual_is_zero_mid_band_and_grows_outside() {
        let o = |v: f64, accept: [f64; 2]| Outcome {
            case: String::new(),
            quantity: String::new(),
            stat: String::new(),
            published: String::new(),
            simulated: Ok(v),
            accept,
        };
        assert_eq!(residual(&o(1.0, [0.5, 1.5])), 0.0);
        assert!((residual(&o(1.5, [0.5, 1.5])) - EDGE_COST).abs() < 1e-12);
        assert!((residual(&o(3.0, [0.5, 1.5])) - (EDGE_COST + 2f64.ln())).abs() < 1e-12);
        // Negative days: relative to the band's largest magnitude.
        assert!((residual(&o(-700.0, [-835.0, -750.0])) - (EDGE_COST + 50.0 / 835.0)).abs() < 1e-12);
        assert_eq!(residual(&Outcome { simulated: Err("x".into()), ..o(0.0, [0.0, 1.0]) }), UNSIMULATED);
    }

    #[test]
    fn solve_solves() {
        let x = solve(vec![vec![4.0, 1.0], vec![1.0, 3.0]], vec![1.0, 2.0]);
        assert!((4.0 * x[0] + x[1] - 1.0).abs() < 1e-12 && (x[0] + 3.0 * x[1] - 2.0).abs() < 1e-12);
    }
}
