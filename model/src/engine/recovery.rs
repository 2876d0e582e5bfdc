//! What "back" means after therapy: each recovery measure defined once, and read the same way by every view
//! that says it (the recovery sentence, the A/B table, the outcomes and the curves in words, How likely, the
//! stories, `hpg-sim recovery` and the CSV and JSON the CLI writes).
//!
//! A measure counts from the day the drugs that hold the axis down or stand in for it have washed out:
//! testosterone (any ester or gel) and hCG. Before that day a man still on them is not "back", and an LH
//! held down by hCG is not a slow recovery. Drugs that drive the axis (the SERMs, anastrozole, gonadorelin)
//! may still be given after it: then "back" means back while he takes them, and the views say so
//! (`restart_drugs_after`).

use crate::scenario::agents::Agent;
use crate::scenario::Scenario;
use crate::trajectory::{Output, Trajectory};

/// How a measure's threshold is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Threshold {
    /// A share of the man's own untreated value.
    OfUntreated(f64),
    /// A level, conventional units; for a man whose own untreated value is below it, `OWN_SHARE` of his own.
    Level(f64),
}

/// The share of his own untreated value that counts as back when a level is above it: a man whose
/// testosterone was 300 ng/dL before therapy is back at 270, not never (recovery studies count a man back at his
/// own level, and trials enrol men above their thresholds).
pub const OWN_SHARE: f64 = 0.9;

/// One recovery measure: what is measured and the level that counts as back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measure {
    pub output: Output,
    pub threshold: Threshold,
    /// Its name wherever it is shown (English: the page shows it through `lang::t`).
    pub label: &'static str,
    pub source: &'static str,
}

/// The three questions a man asks after therapy, in the order every view lists them.
pub const MEASURES: [Measure; 3] = [
    Measure {
        output: Output::Lh,
        threshold: Threshold::OfUntreated(0.9),
        label: "LH back to 90 % of his untreated level",
        source: "his own level before therapy, as recovery studies count it (Shankara-Narayana 2020: LH back to \
                 the level of men who never used androgens)",
    },
    Measure {
        output: Output::TotalT,
        threshold: Threshold::Level(350.0),
        label: "total testosterone back above 350 ng/dL",
        source: "above the 300-350 ng/dL below which guidelines consider testosterone low (AUA 2018), counted \
                 after its lowest point; a man whose own untreated level was lower is back at 90 % of it",
    },
    Measure {
        output: Output::Sperm,
        threshold: Threshold::Level(20.0),
        label: "sperm back above 20 million/mL",
        source: "the recovery threshold of the contraceptive trials (Liu 2005), which enrolled men above it; a man \
                 whose own untreated count was lower is back at 90 % of it",
    },
];

/// How long after its last dose a drug that holds the axis down still acts: three times the slowest time
/// constant of its release and clearance (95 % gone), days.
fn washout_days(
    agent: Agent,
    route: crate::scenario::agents::Route,
    unit: crate::scenario::agents::DoseUnit,
    weight_kg: f64,
) -> f64 {
    agent
        .deliveries(route, unit, weight_kg)
        .iter()
        .flat_map(|d| [Some(d.pk.ka1), d.pk.ka2, Some(d.pk.ke)])
        .flatten()
        .filter(|&k| k > 0.0)
        .map(|k| 3.0 / k)
        .fold(0.0, f64::max)
}

/// The day recovery is counted from: the last dose of testosterone or hCG plus its washout (never before day
/// 0), or `None` when the scenario gives neither, so there is nothing to recover from.
pub fn counted_from(s: &Scenario) -> Option<f64> {
    s.dosings()
        .filter(|d| d.agent.is_testosterone() || d.agent == Agent::Hcg)
        .map(|d| {
            let last = if d.is_infusion() {
                d.end_or(s.horizon_days)
            } else {
                d.times(s.horizon_days).fold(d.start_day, f64::max)
            };
            last + washout_days(d.agent, d.route, d.unit, s.subject.weight_kg)
        })
        .reduce(f64::max)
        .map(|day| day.max(0.0))
}

/// The drugs that drive the axis and are still given on or after the day recovery counts from: while they
/// are, "back" is back while taking them.
pub fn restart_drugs_after(s: &Scenario, from: f64) -> Vec<Agent> {
    let mut agents: Vec<Agent> = s
        .regimen
        .iter()
        .filter(|d| !d.agent.is_testosterone() && d.agent != Agent::Hcg && d.end_or(s.horizon_days) > from)
        .map(|d| d.agent)
        .collect();
    agents.dedup();
    agents
}

impl Measure {
    /// The level that counts as back for a man whose untreated values are `baseline` (internal units, by
    /// `Output::index`), in conventional units.
    pub fn level(&self, baseline: &[f64]) -> f64 {
        let own = self.output.to_conventional(baseline[self.output.index()]);
        match self.threshold {
            Threshold::Level(v) => v.min(OWN_SHARE * own),
            Threshold::OfUntreated(share) => share * own,
        }
    }

    /// The day this measure is back in `t`, counted from `t.recovery_from`.
    pub fn back_day(&self, t: &Trajectory) -> Option<f64> {
        back_day_in(&t.days, t.column(self.output), self.output, self.level(&t.baseline), t.recovery_from?)
    }
}

/// The day (at or after `from`) an output with values `c` at `days` is back at `level` (conventional units):
/// the first day at or after its lowest point from `from` on at which it reaches the level; `from` itself
/// when even that lowest point does. `None` when it does not come back within the days given.
pub fn back_day_in(days: &[f64], c: &[f64], o: Output, level: f64, from: f64) -> Option<f64> {
    let start = days.partition_point(|&d| d < from);
    let low = (start..days.len()).min_by(|&a, &b| c[a].total_cmp(&c[b]))?;
    if o.to_conventional(c[low]) >= level {
        return Some(days[start]);
    }
    (low..days.len()).find(|&i| o.to_conventional(c[i]) >= level).map(|i| days[i])
}

/// An output back at a level of its own (a story's `{tt.back:300}`), counted as the measures are.
pub fn back_day_at(t: &Trajectory, o: Output, level: f64) -> Option<f64> {
    back_day_in(&t.days, t.column(o), o, level, t.recovery_from?)
}

/// Each measure's back day, in the order of `MEASURES`.
pub fn back_days(t: &Trajectory) -> [Option<f64>; 3] {
    MEASURES.map(|m| m.back_day(t))
}

/// Recovery after therapy, as people ask about it: when counting starts and when each measure is back.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Recovery {
    /// The day counting starts (`counted_from`); `None`: no therapy to recover from.
    pub from: Option<f64>,
    pub lh: Option<f64>,
    pub t: Option<f64>,
    pub sperm: Option<f64>,
}

/// The recovery of the course `t`.
pub fn of(t: &Trajectory) -> Recovery {
    let [lh, tt, sperm] = back_days(t);
    Recovery { from: t.recovery_from, lh, t: tt, sperm }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_measures_sources_state_the_own_share_the_level_uses() {
        let own = format!("back at {:.0} % of it", 100.0 * OWN_SHARE);
        for m in MEASURES.iter().filter(|m| matches!(m.threshold, Threshold::Level(_))) {
            assert!(m.source.contains(&own), "{}: {}", m.label, m.source);
        }
    }
}
