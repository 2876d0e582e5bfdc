//! Fitting a man to his own measured labs. The unknowns are the traits in which men differ
//! (`population::SPREADS`), each as a standard-normal score z (factor = exp(sigma z)); the fit is the most
//! probable man given the labs (maximum a posteriori): it minimises
//!
//! ```text
//! 1/2 sum_labs ((ln(sim + floor) - ln(measured + floor)) / log_sd)^2  +  1/2 sum_traits z^2
//! ```
//!
//! by Levenberg-Marquardt with a forward-difference Jacobian. The second sum is the population's own
//! spread: a trait the labs say nothing about stays typical, and a handful of labs cannot push a man far
//! outside the men the spreads describe. Each step of `Fitter` runs one simulation, so a page can spread
//! the work over many short tasks.

use crate::analyses::population::{Man, SPREADS};
use crate::engine::simulate::{Calibrated, Engine};
use crate::lang::{say, t};
use crate::math;
use crate::scenario::measured::Measured;
use crate::scenario::Scenario;

/// Largest |z| a fitted trait may take (the scenario accepts four standard deviations).
pub const MAX_Z: f64 = 3.5;
/// A fitted point further than this many of its log SDs from the measured value is not matched.
pub const MATCH_SDS: f64 = 2.5;
/// A fitted trait beyond this many standard deviations (about 1 man in 700) is not a man like this one.
pub const PLAUSIBLE_Z: f64 = 3.0;
/// Levenberg-Marquardt iterations at most.
const MAX_ITERATIONS: usize = 10;
/// Forward-difference step in z.
const DZ: f64 = 0.05;

/// One measured lab beside the fitted man's value at the same day, in the lab's own unit.
#[derive(Clone, Debug, PartialEq)]
pub struct PointFit {
    pub lab: Measured,
    pub simulated: f64,
}

impl PointFit {
    /// How far the simulated value is from the measured one, in the lab's log SDs.
    pub fn sds_off(&self) -> f64 {
        residual(&self.lab, self.lab.analyte.to_internal(self.simulated, self.lab.unit).unwrap_or(f64::NAN)).abs()
    }
}

/// What a fit found.
#[derive(Clone, Debug, PartialEq)]
pub struct FitResult {
    /// The fitted man, trait factors rounded to 3 decimals (what a link carries).
    pub man: Man,
    pub points: Vec<PointFit>,
    /// Why the labs cannot be matched by any man like this one, in words; `None` when they are.
    pub refusal: Option<String>,
    /// Simulations run.
    pub runs: usize,
}

/// Where the fitter is in its iteration.
#[derive(Clone, Debug)]
enum Phase {
    /// The current man's residuals are being computed.
    Start,
    /// Column `j` of the Jacobian (over `free` traits) is next.
    Jacobian(usize),
    /// A proposed man is being tried.
    Trial(Vec<f64>),
    Done,
}

/// A fit in progress: `step` until it returns false, then `result`.
pub struct Fitter {
    /// The plan as the page holds it (without traits), to tell whether the fit still belongs to it.
    scenario: Scenario,
    /// What each simulation runs: the plan up to the last lab, on the whole plan's output grid, so each lab
    /// reads what the whole run would show.
    run: Scenario,
    base: Calibrated,
    labs: Vec<Measured>,
    /// Trait indices still fitted (a trait no lab responds to is dropped after the first Jacobian).
    free: Vec<usize>,
    z: Vec<f64>,
    residuals: Vec<f64>,
    cost: f64,
    jacobian: Vec<Vec<f64>>,
    lambda: f64,
    iteration: usize,
    phase: Phase,
    runs: usize,
}

/// A lab's residual, in log SDs, for a simulated internal value.
fn residual(lab: &Measured, simulated: f64) -> f64 {
    let floor = lab.analyte.log_floor();
    (math::ln(simulated.max(0.0) + floor) - math::ln(lab.internal().max(0.0) + floor)) / lab.analyte.log_sd()
}

fn man_of(z: &[f64]) -> Man {
    let mut man = Man::TYPICAL;
    for ((f, s), &z) in man.factors.iter_mut().zip(SPREADS.iter()).zip(z) {
        // Rounded as a link keeps it, so the fitted man and the shared one are the same man.
        *f = (math::exp(s.sigma * z) * 1000.0).round() / 1000.0;
    }
    man
}

fn cost_of(residuals: &[f64], z: &[f64]) -> f64 {
    0.5 * (residuals.iter().map(|r| r * r).sum::<f64>() + z.iter().map(|z| z * z).sum::<f64>())
}

impl Fitter {
    /// A fit of the scenario's subject to the scenario's measured labs, or why none can start.
    pub fn new(engine: &Engine, scenario: &Scenario) -> Result<Fitter, String> {
        if scenario.labs.is_empty() {
            return Err(t("enter at least one measured lab to fit").into());
        }
        scenario.check().map_err(|e| e.message)?;
        // The fit starts from the man his untreated labs describe, not from an earlier fit.
        let mut scenario = scenario.clone();
        scenario.subject.traits.clear();
        scenario.population = None;
        let base = engine.calibrate_subject(&scenario.subject);
        let (first, last) = (scenario.first_day(), scenario.horizon_days);
        let labs: Vec<Measured> = scenario.labs.iter().filter(|l| l.within(first, last)).cloned().collect();
        if labs.is_empty() {
            return Err(t("none of the measured labs falls within the simulated weeks").into());
        }
        let mut run = scenario.clone();
        let grid_step = crate::engine::simulate::grid_step(&scenario);
        run.output_step_days = Some(grid_step);
        // A lab is read between the grid rows around it, and a run's last row stands at its horizon, off the
        // grid: the run goes a whole grid step (and a day, more than any step) past the last lab.
        let last_lab = labs.iter().map(|l| l.day).fold(first, f64::max);
        run.horizon_days = (last_lab + grid_step + 1.0).min(last);
        Ok(Fitter {
            scenario,
            run,
            base,
            labs,
            free: (0..SPREADS.len()).collect(),
            z: vec![0.0; SPREADS.len()],
            residuals: Vec::new(),
            cost: f64::INFINITY,
            jacobian: vec![Vec::new(); SPREADS.len()],
            lambda: 1e-2,
            iteration: 0,
            phase: Phase::Start,
            runs: 0,
        })
    }

    /// The labs' residuals for the man with scores `z`: one simulation.
    fn residuals_of(&mut self, engine: &Engine, z: &[f64]) -> Vec<f64> {
        self.runs += 1;
        let t = engine.simulate_calibrated(&self.run, &engine.individual(&self.base, &man_of(z)));
        self.labs.iter().map(|lab| residual(lab, t.at(lab.analyte.output(), lab.day))).collect()
    }

    /// Runs one simulation of the fit; false once the fit is done.
    pub fn step(&mut self, engine: &Engine) -> bool {
        match std::mem::replace(&mut self.phase, Phase::Done) {
            Phase::Done => return false,
            Phase::Start => {
                let z = self.z.clone();
                self.residuals = self.residuals_of(engine, &z);
                self.cost = cost_of(&self.residuals, &self.z);
                self.phase = Phase::Jacobian(0);
            }
            Phase::Jacobian(k) => {
                let j = self.free[k];
                let mut z = self.z.clone();
                z[j] += DZ;
                let moved = self.residuals_of(engine, &z);
                self.jacobian[j] = moved.iter().zip(&self.residuals).map(|(m, r)| (m - r) / DZ).collect();
                self.phase = if k + 1 < self.free.len() { Phase::Jacobian(k + 1) } else { self.propose() };
            }
            Phase::Trial(z) => {
                let residuals = self.residuals_of(engine, &z);
                let cost = cost_of(&residuals, &z);
                if cost < self.cost {
                    let gain = (self.cost - cost) / self.cost.max(1e-12);
                    (self.z, self.residuals, self.cost) = (z, residuals, cost);
                    self.lambda = (self.lambda / 3.0).max(1e-6);
                    self.iteration += 1;
                    self.phase =
                        if gain < 1e-4 || self.iteration >= MAX_ITERATIONS { Phase::Done } else { Phase::Jacobian(0) };
                } else {
                    self.lambda *= 4.0;
                    self.phase = if self.lambda > 1e4 { Phase::Done } else { self.propose() };
                }
            }
        }
        !matches!(self.phase, Phase::Done)
    }

    /// The damped Gauss-Newton step from the current man, as a trial (or done when no lab responds).
    fn propose(&mut self) -> Phase {
        if self.iteration == 0 {
            // Traits no lab responds to stay typical and cost no more simulations.
            let responds = |j: &usize| self.jacobian[*j].iter().any(|d| d.abs() > 1e-3);
            self.free.retain(responds);
        }
        let n = self.free.len();
        if n == 0 {
            return Phase::Done;
        }
        // Normal equations of the residuals and the prior (whose Jacobian is the identity).
        let mut a = vec![vec![0.0; n]; n];
        let mut g = vec![0.0; n];
        for (p, &i) in self.free.iter().enumerate() {
            let ji = &self.jacobian[i];
            g[p] = ji.iter().zip(&self.residuals).map(|(d, r)| d * r).sum::<f64>() + self.z[i];
            for (q, &k) in self.free.iter().enumerate() {
                a[p][q] = ji.iter().zip(&self.jacobian[k]).map(|(x, y)| x * y).sum::<f64>();
            }
            a[p][p] += 1.0;
        }
        for (p, row) in a.iter_mut().enumerate() {
            row[p] *= 1.0 + self.lambda;
        }
        let Some(delta) = solve(a, g.iter().map(|v| -v).collect()) else { return Phase::Done };
        let mut z = self.z.clone();
        for (&i, d) in self.free.iter().zip(delta) {
            z[i] = (z[i] + d).clamp(-MAX_Z, MAX_Z);
        }
        Phase::Trial(z)
    }

    /// Whether this fit is a fit of `scenario` (the same plan and labs; its traits aside).
    pub fn fits(&self, scenario: &Scenario) -> bool {
        let mut s = scenario.clone();
        s.subject.traits.clear();
        s.population = None;
        s == self.scenario
    }

    /// Simulations run so far.
    pub fn runs(&self) -> usize {
        self.runs
    }

    /// The fit as it stands (one more simulation, for the fitted man's values at the labs' days).
    pub fn result(&self, engine: &Engine) -> FitResult {
        let man = man_of(&self.z);
        let t = engine.simulate_calibrated(&self.run, &engine.individual(&self.base, &man));
        let points: Vec<PointFit> =
            self.labs.iter().map(|lab| PointFit { lab: lab.clone(), simulated: lab.simulated(&t) }).collect();
        let worst = points.iter().max_by(|a, b| a.sds_off().total_cmp(&b.sds_off()));
        let at_edge = self.z.iter().zip(SPREADS.iter()).find(|(z, _)| z.abs() > PLAUSIBLE_Z);
        let refusal = match (worst, at_edge) {
            (Some(p), _) if !p.sds_off().is_finite() => {
                Some(crate::lang::t("The model could not follow these labs: check the values, their units and weeks.").into())
            }
            (Some(p), _) if p.sds_off() > MATCH_SDS => Some(say("No man like this one matches these labs: at week {week} the closest fit gives {analyte} {fitted} {unit}, \
                 measured {measured} {unit}. Check the value, its unit and its week, and the therapy before it.",
                &[
                    ("week", &crate::units::readable_number((p.lab.day / 7.0 * 10.0).round() / 10.0)),
                    ("analyte", &p.lab.analyte.label()),
                    ("fitted", &crate::units::format_value(p.simulated)),
                    ("unit", &p.lab.unit.label()),
                    ("measured", &crate::units::format_value(p.lab.value)),
                ],
            )),
            (_, Some((_, s))) => Some(say("These labs need a man far outside the men the model describes: his {what} would be further from \
                 typical than in 1 man in 700. Check the values, their units and weeks, and the therapy before them.",
                &[("what", &s.what)],
            )),
            _ => None,
        };
        FitResult { man, points, refusal, runs: self.runs + 1 }
    }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `None` when `a` is singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for c in 0..n {
        let pivot = (c..n).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[pivot][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, pivot);
        b.swap(c, pivot);
        let (top, below) = a.split_at_mut(c + 1);
        let pivot_row = &top[c];
        for (r, row) in below.iter_mut().enumerate() {
            let f = row[c] / pivot_row[c];
            for (x, p) in row[c..].iter_mut().zip(&pivot_row[c..]) {
                *x -= f * p;
            }
            b[c + 1 + r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|k| a[r][k] * x[k]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

/// Fits the scenario's subject to its measured labs in one go (the CLI and the tests).
pub fn fit(engine: &Engine, scenario: &Scenario) -> Result<FitResult, String> {
    let mut fitter = Fitter::new(engine, scenario)?;
    while fitter.step(engine) {}
    Ok(fitter.result(engine))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_a_small_system() {
        let x = solve(vec![vec![2.0, 1.0], vec![1.0, 3.0]], vec![3.0, 5.0]).unwrap();
        assert!((x[0] - 0.8).abs() < 1e-12 && (x[1] - 1.4).abs() < 1e-12);
        assert_eq!(solve(vec![vec![1.0, 2.0], vec![2.0, 4.0]], vec![1.0, 2.0]), None);
    }
}
