//! Exact pharmacokinetics. Every agent is a linear chain (depot -> transit -> central), so between
//! doses the amounts are sums of exponentials and can be advanced exactly over any step. The
//! physiology then sees each drug's *mean* concentration over the step, which keeps long steps honest;
//! an output row reads each drug's level at its own time (`exposure_after`), whatever the step.

use crate::math;
use crate::scenario::agents::{Compartment, Delivery};
use crate::scenario::Scenario;

/// One linear chain with its current amounts.
#[derive(Clone, Debug)]
pub struct Chain {
    pub compartment: Compartment,
    /// Rates out of each compartment, per day; the last is elimination (0 for testosterone,
    /// whose last compartment is the release site feeding the physiological pool).
    rates: [f64; 3],
    n: usize,
    amounts: [f64; 3],
    volume_l: f64,
    /// Constant input into the first compartment, amount/day (infusions).
    infusion: f64,
    /// The step length the exponentials below were computed for: steps repeat, rates never change.
    cached_h: f64,
    decay: [f64; 3],
    mean_factor: [f64; 3],
}

/// A chain's compartment, rate constants, length and volume.
pub type Kinetics = (Compartment, [f64; 3], usize, f64);

impl Chain {
    fn kinetics(&self) -> Kinetics {
        (self.compartment, self.rates, self.n, self.volume_l)
    }

    fn new(d: &Delivery) -> Chain {
        let (rates, n) = match d.pk.ka2 {
            Some(k2) if d.compartment == Compartment::Testosterone => ([d.pk.ka1, k2, 0.0], 2),
            Some(k2) => ([d.pk.ka1, k2, d.pk.ke], 3),
            None => ([d.pk.ka1, d.pk.ke, 0.0], 2),
        };
        let mut rates = rates;
        // Equal rates make the closed form singular; nudging one by a part in 10^6 changes nothing visible.
        for i in 1..n {
            for j in 0..i {
                if (rates[i] - rates[j]).abs() < 1e-9 * rates[i].abs().max(1.0) {
                    rates[i] *= 1.0 + 1e-6;
                }
            }
        }
        Chain {
            compartment: d.compartment,
            rates,
            n,
            amounts: [0.0; 3],
            volume_l: d.pk.volume_l,
            infusion: 0.0,
            cached_h: f64::NAN,
            decay: [0.0; 3],
            mean_factor: [0.0; 3],
        }
    }

    fn same_kinetics(&self, d: &Delivery) -> bool {
        let other = Chain::new(d);
        self.compartment == other.compartment && self.rates == other.rates && self.volume_l == other.volume_l
    }

    /// x_i(t) = c[i][0] + sum_j c[i][j+1] exp(-k_j t) from `amounts` at t = 0.
    fn coefficients(&self, amounts: &[f64; 3]) -> [[f64; 4]; 3] {
        let k = self.rates;
        let mut c = [[0.0f64; 4]; 3];
        for i in 0..self.n {
            let upstream = if i == 0 { self.infusion } else { k[i - 1] * c[i - 1][0] };
            c[i][0] = if k[i] > 0.0 { upstream / k[i] } else { 0.0 };
            let mut sum = c[i][0];
            for j in 0..i {
                c[i][j + 1] = k[i - 1] * c[i - 1][j + 1] / (k[i] - k[j]);
                sum += c[i][j + 1];
            }
            c[i][i + 1] = amounts[i] - sum;
        }
        c
    }

    /// The last compartment's amount and its outflow `dt` days after the chain held `amounts` (no dose
    /// in between).
    fn instant(&self, amounts: &[f64; 3], dt: f64) -> (f64, f64) {
        if self.infusion == 0.0 && amounts.iter().all(|&a| a == 0.0) {
            return (0.0, 0.0);
        }
        let c = self.coefficients(amounts);
        let last = self.n - 1;
        let amount = c[last][0] + (0..self.n).map(|j| c[last][j + 1] * math::exp(-self.rates[j] * dt)).sum::<f64>();
        (amount.max(0.0), (self.rates[last] * amount).max(0.0))
    }

    /// Advances by `h` days; returns the step mean of the last compartment (amount) and of its outflow
    /// towards the next one (amount/day).
    fn advance(&mut self, h: f64) -> (f64, f64) {
        let n = self.n;
        let k = self.rates;
        let c = self.coefficients(&self.amounts);
        if self.cached_h != h {
            self.cached_h = h;
            self.decay = std::array::from_fn(|j| math::exp(-k[j] * h));
            self.mean_factor = std::array::from_fn(|j| {
                let x = k[j] * h;
                if x < 1e-8 {
                    1.0
                } else {
                    -math::exp_m1(-x) / x
                }
            });
        }
        let (decay, mean_factor) = (self.decay, self.mean_factor);
        let last = n - 1;
        let mean_last = c[last][0] + (0..n).map(|j| c[last][j + 1] * mean_factor[j]).sum::<f64>();
        for (i, ci) in c.iter().enumerate().take(n) {
            self.amounts[i] = (ci[0] + (0..=i).map(|j| ci[j + 1] * decay[j]).sum::<f64>()).max(0.0);
        }
        // For a two-compartment testosterone chain the useful output is the release flux out of the
        // last compartment; for drugs it is the central amount.
        (mean_last.max(0.0), (k[last] * mean_last).max(0.0))
    }
}

/// A dose (or infusion edge) at a time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DoseEvent {
    pub day: f64,
    pub chain: usize,
    /// Amount added to the chain's first compartment (bolus) ...
    pub amount: f64,
    /// ... or change of its constant input rate, amount/day (infusion start/stop).
    pub rate_change: f64,
}

/// All chains of a scenario and the dose events that feed them, in time order.
#[derive(Clone, Debug)]
pub struct Pharmacokinetics {
    pub chains: Vec<Chain>,
    pub events: Vec<DoseEvent>,
    next_event: usize,
}

/// Mean drug exposure over a step, in the units the physiology uses.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Exposure {
    /// Exogenous testosterone entering the circulation, nmol/day.
    pub testosterone_input: f64,
    /// ng/mL.
    pub enclomiphene: f64,
    pub zuclomiphene: f64,
    pub tamoxifen: f64,
    pub anastrozole: f64,
    /// ng/L in plasma.
    pub gonadorelin: f64,
    /// IU/L.
    pub hcg: f64,
}

impl Exposure {
    fn add(&mut self, c: Compartment, x: f64) {
        let slot = match c {
            Compartment::Testosterone => &mut self.testosterone_input,
            Compartment::Enclomiphene => &mut self.enclomiphene,
            Compartment::Zuclomiphene => &mut self.zuclomiphene,
            Compartment::Tamoxifen => &mut self.tamoxifen,
            Compartment::Anastrozole => &mut self.anastrozole,
            Compartment::Gonadorelin => &mut self.gonadorelin,
            Compartment::Hcg => &mut self.hcg,
        };
        *slot += x;
    }

    /// Adds what a chain's last compartment gives the physiology, from its amount and outflow: for a
    /// two-compartment testosterone chain the release flux into the body's pool, for a drug its concentration.
    fn add_chain(&mut self, c: &Chain, (amount, flux): (f64, f64)) {
        if c.compartment == Compartment::Testosterone {
            self.add(c.compartment, flux);
        } else {
            self.add(c.compartment, amount / c.volume_l);
        }
    }
}

impl Pharmacokinetics {
    /// Builds the chains and the time-ordered dose events of a (checked) scenario, up to `until`, for a
    /// man whose absorption (and depot release) and elimination rates are `absorption` and `elimination`
    /// times the catalogue's.
    pub fn new(scenario: &Scenario, until: f64, absorption: f64, elimination: f64) -> Pharmacokinetics {
        let mut chains: Vec<Chain> = Vec::new();
        let mut events = Vec::new();
        let weight = scenario.subject.weight_kg;
        for d in scenario.dosings() {
            for mut delivery in d.agent.deliveries(d.route, d.unit, weight) {
                delivery.pk.ka1 *= absorption;
                delivery.pk.ka2 = delivery.pk.ka2.map(|k| k * absorption);
                delivery.pk.ke *= elimination;
                let idx = match chains.iter().position(|c| c.same_kinetics(&delivery)) {
                    Some(i) => i,
                    None => {
                        chains.push(Chain::new(&delivery));
                        chains.len() - 1
                    }
                };
                let amount = d.dose * delivery.amount_per_dose_unit * delivery.pk.bioavailability;
                if d.is_infusion() {
                    let end = d.end_or(until).min(until);
                    if d.start_day < end {
                        events.push(DoseEvent { day: d.start_day, chain: idx, amount: 0.0, rate_change: amount });
                        events.push(DoseEvent { day: end, chain: idx, amount: 0.0, rate_change: -amount });
                    }
                } else {
                    events.extend(d.times(until).map(|day| DoseEvent { day, chain: idx, amount, rate_change: 0.0 }));
                }
            }
        }
        events.sort_by(|a, b| a.day.total_cmp(&b.day));
        Pharmacokinetics { chains, events, next_event: 0 }
    }

    /// Time of the next dose event strictly after `t`, if any.
    pub fn next_event_after(&self, t: f64) -> Option<f64> {
        self.events[self.next_event..].iter().map(|e| e.day).find(|&d| d > t)
    }

    /// Applies every event at or before `t`.
    pub fn apply_events_until(&mut self, t: f64) {
        while let Some(e) = self.events.get(self.next_event) {
            if e.day > t + 1e-12 {
                break;
            }
            let c = &mut self.chains[e.chain];
            c.amounts[0] += e.amount;
            c.infusion = (c.infusion + e.rate_change).max(0.0);
            self.next_event += 1;
        }
    }

    /// The exposure at one instant, `dt` days after the chains held `amounts` (as `save_amounts` keeps
    /// them), with no event in between: what a row reports, whatever step the physiology took.
    pub fn exposure_after(&self, amounts: &[[f64; 3]], dt: f64) -> Exposure {
        let mut x = Exposure::default();
        for (c, a) in self.chains.iter().zip(amounts) {
            x.add_chain(c, c.instant(a, dt));
        }
        x
    }

    /// Advances every chain by `h` days and returns the mean exposure over the step.
    pub fn advance(&mut self, h: f64) -> Exposure {
        let mut x = Exposure::default();
        for c in &mut self.chains {
            let out = c.advance(h);
            x.add_chain(c, out);
        }
        x
    }

    /// What fixes each chain's behaviour (not its amounts): a chain of one run can hand its amounts to
    /// the chain of another run with the same kinetics.
    pub fn kinetics(&self) -> Vec<Kinetics> {
        self.chains.iter().map(Chain::kinetics).collect()
    }

    /// Every chain's amounts into `saved`, so that a step tried and rejected can be taken back (`load_amounts`).
    pub fn save_amounts(&self, saved: &mut Vec<[f64; 3]>) {
        saved.clear();
        saved.extend(self.chains.iter().map(|c| c.amounts));
    }

    /// Puts back the amounts `save_amounts` kept (no event was applied in between).
    pub fn load_amounts(&mut self, saved: &[[f64; 3]]) {
        for (c, a) in self.chains.iter_mut().zip(saved) {
            c.amounts = *a;
        }
    }

    /// The amounts in every chain and how many events were applied: with `restore`, a run resumes.
    pub fn snapshot(&self) -> (Vec<Chain>, usize) {
        (self.chains.clone(), self.next_event)
    }

    /// Continues from a `snapshot` of a run whose events so far were the same: each chain takes the
    /// amounts of the snapshot's chain with the same kinetics; a chain the snapshot lacks had no dose yet.
    pub fn restore(&mut self, chains: &[Chain], next_event: usize) {
        for c in &mut self.chains {
            if let Some(old) = chains.iter().find(|o| o.kinetics() == c.kinetics()) {
                *c = old.clone();
            }
        }
        self.next_event = next_event;
    }

    /// Whether the scenario gives a fast-acting drug (gonadorelin) at all.
    pub fn has_fast_drug(&self) -> bool {
        self.chains.iter().any(|c| c.compartment == Compartment::Gonadorelin)
    }

    /// Whether a fast-acting drug is in the body now: infused, or above `level` (its units per litre) in
    /// any compartment. Between once-daily boluses it is gone within hours, and the steps need not follow it.
    pub fn fast_drug_in_body(&self, level: f64) -> bool {
        self.chains
            .iter()
            .filter(|c| c.compartment == Compartment::Gonadorelin)
            .any(|c| c.infusion > 0.0 || c.amounts[..c.n].iter().any(|&a| a / c.volume_l > level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::agents::{Agent, DoseUnit, Route};

    #[test]
    fn chain_conserves_mass_and_matches_bateman() {
        let d = Agent::Anastrozole.deliveries(Route::Oral, DoseUnit::Mg, 80.0)[0];
        let mut c = Chain::new(&d);
        c.amounts[0] = 1000.0;
        let (ka, ke) = (d.pk.ka1, d.pk.ke);
        let mut t = 0.0;
        for _ in 0..40 {
            c.advance(0.1);
            t += 0.1;
        }
        let bateman = 1000.0 * ka / (ka - ke) * ((-ke * t).exp() - (-ka * t).exp());
        assert!((c.amounts[1] - bateman).abs() < 1e-6 * bateman, "{} vs {bateman}", c.amounts[1]);
    }

    #[test]
    fn step_mean_is_independent_of_step_size() {
        let d = Agent::Hcg.deliveries(Route::Im, DoseUnit::Iu, 80.0)[0];
        let mut a = Chain::new(&d);
        let mut b = Chain::new(&d);
        a.amounts[0] = 5000.0;
        b.amounts[0] = 5000.0;
        let (mean_a, _) = a.advance(1.0);
        let mut sum = 0.0;
        for _ in 0..1000 {
            sum += b.advance(0.001).0;
        }
        assert!((mean_a - sum / 1000.0).abs() < 1e-6 * mean_a);
    }
}
