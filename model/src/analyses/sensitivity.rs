//! What matters most: how much each trait in which men differ (`population::SPREADS`) moves an outcome when
//! it alone is set to its 10th and then its 90th percentile among men, everything else typical. Sorted by
//! effect, it is the tornado chart a clinician reads as "why might he recover slowly?".

use crate::analyses::population::{Man, SPREADS};
use crate::engine::recovery::MEASURES;
use crate::engine::simulate::{Calibrated, Engine};
use crate::lang::t;
use crate::scenario::Scenario;
use crate::trajectory::{Output, Trajectory};

/// The z-score of the 90th percentile of a standard normal.
pub const Z90: f64 = 1.281_551_565_545;

/// An outcome the tornado explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Weeks from week 0 until sperm concentration is back at 15 M/mL (WHO 2010 lower reference limit).
    SpermRecovery,
    /// LH at week 12, IU/L.
    LhWeek12,
    /// The lowest estradiol from week 0 on, pg/mL.
    E2Nadir,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::SpermRecovery, Outcome::LhWeek12, Outcome::E2Nadir];

    /// The outcome's name on the command line and in a link.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::SpermRecovery => "sperm-recovery",
            Outcome::LhWeek12 => "lh-week-12",
            Outcome::E2Nadir => "e2-nadir",
        }
    }

    pub fn from_key(key: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.key() == key)
    }

    /// The outcome in words, with its unit.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::SpermRecovery => "weeks until sperm is back above 20 million/mL",
            Outcome::LhWeek12 => "LH at week 12 (IU/L)",
            Outcome::E2Nadir => "lowest estradiol from week 0 (pg/mL)",
        }
    }

    /// The outcome of one man's course; a recovery that does not come within the course counts as its end
    /// (`Tornado::censored` then says the value is a lower bound).
    pub fn of(self, t: &Trajectory, horizon_days: f64) -> f64 {
        match self {
            // The recovery measure every view uses (`recovery::MEASURES`), counted from the washout.
            Outcome::SpermRecovery => MEASURES[2].back_day(t).unwrap_or(horizon_days) / 7.0,
            Outcome::LhWeek12 => t.at(Output::Lh, 84.0),
            Outcome::E2Nadir => {
                let from = t.days.partition_point(|&d| d < 0.0);
                let e2 = &t.column(Output::E2)[from.min(t.len())..];
                Output::E2.to_conventional(e2.iter().copied().fold(f64::INFINITY, f64::min))
            }
        }
    }
}

/// One bar of the tornado: the outcome with the trait at its 10th and at its 90th percentile.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub key: &'static str,
    pub what: &'static str,
    pub at_p10: f64,
    pub at_p90: f64,
}

impl Bar {
    /// How far apart the two ends are: the bar's length.
    pub fn effect(&self) -> f64 {
        (self.at_p90 - self.at_p10).abs()
    }
}

/// The tornado for one outcome: the typical man's value, and a bar per trait, longest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Tornado {
    pub outcome: Outcome,
    pub typical: f64,
    pub bars: Vec<Bar>,
    /// The course's last week, for an outcome that may not come within it (sperm recovery).
    pub censored_at: Option<f64>,
}

impl Tornado {
    /// Whether `value` stands for "not within the course" (at least this long).
    pub fn censored(&self, value: f64) -> bool {
        self.censored_at.is_some_and(|end| value >= end - 1e-9)
    }
}

/// The men a tornado runs, in order: the typical man, then each trait at its 10th and 90th percentile.
pub fn men() -> Vec<Man> {
    let mut men = vec![Man::TYPICAL];
    for (i, s) in SPREADS.iter().enumerate() {
        for z in [-Z90, Z90] {
            let mut man = Man::TYPICAL;
            man.factors[i] = crate::math::exp(s.sigma * z);
            men.push(man);
        }
    }
    men
}

/// The tornado from the outcomes of `men()`, in that order, on a course of `horizon_days`.
pub fn from_outcomes(outcome: Outcome, values: &[f64], horizon_days: f64) -> Tornado {
    let mut bars: Vec<Bar> = SPREADS
        .iter()
        .enumerate()
        .map(|(i, s)| Bar { key: s.key, what: s.what, at_p10: values[1 + 2 * i], at_p90: values[2 + 2 * i] })
        .collect();
    bars.sort_by(|a, b| b.effect().total_cmp(&a.effect()));
    let censored_at = (outcome == Outcome::SpermRecovery).then_some(horizon_days / 7.0);
    Tornado { outcome, typical: values[0], bars, censored_at }
}

/// Why the outcome cannot be read from this scenario's course, if it cannot.
pub fn unreadable(scenario: &Scenario, outcome: Outcome) -> Option<String> {
    (outcome == Outcome::LhWeek12 && scenario.horizon_days < 84.0)
        .then(|| t("LH at week 12 needs a plan shown to week 12 at least").to_string())
}

/// A tornado in progress: one man simulated per `step`, so a page can run it one task at a time.
pub struct Run {
    plan: Scenario,
    base: Calibrated,
    outcome: Outcome,
    men: Vec<Man>,
    values: Vec<f64>,
}

impl Run {
    /// A tornado of `outcome` on a checked scenario whose subject is `base`, or why the outcome cannot be
    /// read from it.
    pub fn new(plan: Scenario, base: Calibrated, outcome: Outcome) -> Result<Run, String> {
        if let Some(why) = unreadable(&plan, outcome) {
            return Err(why);
        }
        Ok(Run { plan, base, outcome, men: men(), values: Vec::new() })
    }

    /// Simulates the next man; false once every man is in.
    pub fn step(&mut self, engine: &Engine) -> bool {
        if let Some(man) = self.men.get(self.values.len()) {
            let course = engine.simulate_calibrated(&self.plan, &engine.individual(&self.base, man));
            self.values.push(self.outcome.of(&course, self.plan.horizon_days));
        }
        self.values.len() < self.men.len()
    }

    /// Men simulated so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.values.len(), self.men.len())
    }

    /// The tornado, once every man is in.
    pub fn result(&self) -> Option<Tornado> {
        (self.values.len() == self.men.len()).then(|| from_outcomes(self.outcome, &self.values, self.plan.horizon_days))
    }
}

/// Runs the tornado for `outcome` on the scenario: 25 simulations.
pub fn tornado(engine: &Engine, scenario: &Scenario, outcome: Outcome) -> Result<Tornado, String> {
    scenario.check().map_err(|e| e.to_string())?;
    let mut run = Run::new(scenario.clone(), engine.calibrate_subject(&scenario.subject), outcome)?;
    while run.step(engine) {}
    run.result().ok_or_else(|| t("the tornado did not finish").to_string())
}
