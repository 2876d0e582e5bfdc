//! The engine: calibrates the subject, then integrates the physiology event-driven, stopping at every
//! dose edge (and, in the pulse-resolved mode, at every GnRH pulse).

use crate::engine::physiology::{self as phys, ix, mean_occupancy, Norms, Signals, State, SubjectParams};
use crate::engine::pk::{Chain, Exposure, Kinetics, Pharmacokinetics};
use crate::engine::recovery::RecoverySeries;
use crate::math;
use crate::params::{reference, Params};
use crate::scenario::{Condition, Mode, Scenario, ScenarioError, Subject};
use crate::traits::Man;
use crate::trajectory::{Output, Trajectory};

/// Largest hypothalamic gain calibration may fit (the reference man's is ~8).
const MAX_HYP_GAIN: f64 = 100.0;

/// The pulse-averaged mode's first step, days (3 h); the fixed step of a settling run (calibration, each man of
/// a population) and of the engine before its steps were controlled.
pub const AVERAGED_STEP_DAYS: f64 = 3.0 / 24.0;
/// Longest step of the pulse-averaged mode, days (6 h). Longer steps were
/// tried: at 12 h a man with a strong feedback loop wobbles by ~1 % around his steady state (the LH-T loop,
/// coupled explicitly, at its stability limit; docs/PERFORMANCE.md).
pub const AVERAGED_MAX_STEP_DAYS: f64 = 6.0 / 24.0;
/// The pulse-averaged mode's fixed step while a drug given in pulses (gonadorelin) is in the body, days: the
/// drug moves within the hour, inside every step, where the error estimate cannot see it, and the pituitary
/// answers its mean over a step less than its peaks (occupancy saturates). At an hour, LH after a bolus
/// stood up to 32 % above a converged run (`tests/accuracy.rs`); at 15 minutes within ~1 %.
const FAST_DRUG_STEP_DAYS: f64 = 0.25 / 24.0;
/// Gonadorelin below this share of the receptor's half-occupancy concentration occupies under 0.01 % of
/// the receptors: the fast drug is gone and the error control steps again.
const FAST_DRUG_GONE: f64 = 1e-4;
/// The first controlled step once the fast drug is gone, days: LH is still falling from the drug's peak at its
/// own half-life, faster than a row interpolates over `AFTER_DOSE_STEP_DAYS` (13.5 % off a converged run).
const AFTER_FAST_DRUG_STEP_DAYS: f64 = 1.0 / 24.0;
/// The step after a dose, days, before the error control lengthens it again: a dose is a discontinuity the
/// estimate cannot see ahead of (an hour measured closer after a first hCG dose, but costs daily doses more).
const AFTER_DOSE_STEP_DAYS: f64 = 3.0 / 24.0;
/// Shortest step the error control takes, days (15 min): a step this short is accepted whatever its estimate.
const AVERAGED_MIN_STEP_DAYS: f64 = 0.25 / 24.0;
/// Local error an averaged step may make, relative to each state's value (or to 2 % of its untreated level,
/// for a state near zero). Chosen against a converged run (`tests/accuracy.rs`, docs/PERFORMANCE.md): at 2 %
/// the presets and visible cases lie at least as close to it, on every summary, as with the fixed 3-hour step.
const AVERAGED_TOLERANCE: f64 = 2e-2;
/// Longest step of the pulse-resolved mode, days (2 min). Portal GnRH is exact inside a step (it only
/// decays between pulses, and every pulse starts a step), so the step only has to follow LH and T.
pub const PULSE_STEP_DAYS: f64 = 2.0 / 1440.0;

/// Population parameters plus the constants derived from them. Build once, simulate many times.
#[derive(Clone, Debug)]
pub struct Engine {
    pub params: Params,
    norms: Norms,
    reference: SubjectParams,
    averaged_steps: AveragedSteps,
}

/// How the pulse-averaged mode steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AveragedSteps {
    /// Each step as long as the error control allows (at most `AVERAGED_MAX_STEP_DAYS`; fixed 15-minute steps
    /// while gonadorelin is in the body): what every view and the CLI use.
    Controlled,
    /// Every step this many days (15 minutes at most while a drug given in pulses is in the body), by the
    /// exponential midpoint rule: at minutes, the converged run the controlled steps are measured against; at
    /// 3 hours, the engine before them (`tests/accuracy.rs`).
    Fixed(f64),
}

/// A subject fitted to its baseline labs, with the fit's residuals.
#[derive(Clone, Debug)]
pub struct Calibrated {
    pub subject: SubjectParams,
    pub state: State,
    pub report: Vec<LabMatch>,
}

/// One calibrated lab: what was asked, what the model's untreated steady state gives.
#[derive(Clone, Debug, PartialEq)]
pub struct LabMatch {
    pub lab: &'static str,
    pub target: f64,
    pub achieved: f64,
}

impl LabMatch {
    pub fn relative_error(&self) -> f64 {
        (self.achieved - self.target) / self.target
    }
}

/// Which subject gain a lab is matched with.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Knob {
    Hypothalamus,
    Leydig,
    Aromatase,
    Shbg,
    Fsh,
    Itt,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new(Params::default())
    }
}

impl Engine {
    pub fn new(params: Params) -> Engine {
        let norms = Norms::new(&params);
        let reference = SubjectParams::new(40.0, 25.0, false, &params);
        let mut engine = Engine { params, norms, reference, averaged_steps: AveragedSteps::Controlled };
        // The reference man defines the normalisers every subject is measured against: his untreated
        // bioavailable T, free T, hepatic estrogen load, testicular aromatase and germ-cell support.
        // They depend on his calibration and it on them, so a few rounds settle both.
        for _ in 0..4 {
            let cal = engine.calibrate_subject(&Subject::default());
            let (p, n, x) = (&engine.params, &engine.norms, &cal.state);
            let sig = Signals::compute(p, &cal.subject, x, &Exposure::default());
            let r = phys::rates(p, n, &cal.subject, x, &Exposure::default(), &sig, averaged_occupancy(p, &sig));
            let itt = phys::itt_from(p, n, &cal.subject, r.t_secretion, x[ix::TT]);
            let reference = &mut engine.reference;
            reference.ref_bio_t = sig.bio_t;
            reference.ref_ft = sig.free_t;
            reference.ref_liver_e = sig.liver_e;
            reference.ref_aromatase = x[ix::AROMATASE_T] * phys::aromatase_kept(p, x[ix::AROMATASE_DOWN]);
            reference.ref_sertoli = phys::hill(itt, p.k_itt_nmol, p.n_itt);
            reference.sperm_gain = cal.subject.sperm_gain;
            // A man without GnRH of his own measures his capacities against a normal man's activities.
            reference.set_drive = cal.subject.set_drive;
            reference.set_leydig = cal.subject.set_leydig;
            reference.set_sertoli = cal.subject.set_sertoli;
            reference.set_brake = cal.subject.set_brake;
        }
        engine
    }

    /// The same engine stepping the pulse-averaged mode as `steps` says (calibration is unaffected).
    pub fn with_averaged_steps(mut self, steps: AveragedSteps) -> Engine {
        self.averaged_steps = steps;
        self
    }

    /// Fits the subject's own gains so its untreated steady state matches its baseline labs
    /// (or the reference man's, for labs not given and a eugonadal subject).
    pub fn calibrate_subject(&self, subject: &Subject) -> Calibrated {
        let calibrated = self.calibrate_to_labs(subject);
        if subject.traits.is_empty() {
            return calibrated;
        }
        // A fitted man is the calibrated man with his own traits, as a man of the population is.
        let report = calibrated.report.clone();
        Calibrated { report, ..self.individual(&calibrated, &Man::with_traits(&subject.traits)) }
    }

    /// The subject brought to his untreated labs (or the reference man's where he gave none).
    fn calibrate_to_labs(&self, subject: &Subject) -> Calibrated {
        let p = &self.params;
        let n = &self.norms;
        let deficient = subject.condition == Condition::GnrhDeficient;
        let is_reference = subject == &Subject::default();
        let mut s = SubjectParams { gnrh_deficient: deficient, ..self.reference.clone() };
        let fresh = SubjectParams::new(subject.age_years, subject.bmi, deficient, p);
        s.fat = fresh.fat;
        s.shbg_age = fresh.shbg_age;
        s.recovery_age = fresh.recovery_age;
        s.capacities_free = false;

        let b = &subject.baseline;
        let eugonadal = subject.condition == Condition::Eugonadal;
        let mut targets: Vec<(&'static str, Knob, f64)> = Vec::new();
        let tt = b.total_t_ng_dl.map(crate::units::t_ng_dl_to_nmol);
        match subject.condition {
            Condition::GnrhDeficient => {}
            Condition::Eugonadal => {
                targets.push(("lh_iu_l", Knob::Hypothalamus, b.lh_iu_l.unwrap_or(reference::LH_IU)));
                targets.push(("total_t_ng_dl", Knob::Leydig, tt.unwrap_or(reference::TT_NMOL)));
            }
            Condition::SecondaryHypogonadism => match (b.lh_iu_l, tt) {
                (Some(lh), Some(t)) => {
                    targets.push(("lh_iu_l", Knob::Hypothalamus, lh));
                    targets.push(("total_t_ng_dl", Knob::Leydig, t));
                }
                (Some(lh), None) => targets.push(("lh_iu_l", Knob::Hypothalamus, lh)),
                (None, Some(t)) => targets.push(("total_t_ng_dl", Knob::Hypothalamus, t)),
                (None, None) => {
                    targets.push(("total_t_ng_dl", Knob::Hypothalamus, crate::units::t_ng_dl_to_nmol(250.0)))
                }
            },
        }
        if !deficient {
            let e2_default = if eugonadal { Some(reference::E2_PMOL) } else { None };
            if let Some(e2) = b.e2_pg_ml.map(crate::units::e2_pg_ml_to_pmol).or(e2_default) {
                targets.push(("e2_pg_ml", Knob::Aromatase, e2));
            }
            let fsh_default = if eugonadal { Some(reference::FSH_IU) } else { None };
            if let Some(f) = b.fsh_iu_l.or(fsh_default) {
                targets.push(("fsh_iu_l", Knob::Fsh, f));
            }
        }
        targets.push(("shbg_nmol_l", Knob::Shbg, b.shbg_nmol_l.unwrap_or(reference::SHBG_NMOL * s.shbg_age)));
        // A hypogonadal man's testicular T is whatever his Leydig cells make: only a eugonadal subject
        // defaults to the reference ITT.
        if let Some(itt) = b.itt_nmol_l.or(if eugonadal { Some(reference::ITT_NMOL) } else { None }) {
            targets.push(("itt_nmol_l", Knob::Itt, itt));
        }

        let target = |k: Knob| targets.iter().find(|t| t.1 == k).map(|t| t.2);
        let lh_target = targets.iter().find(|t| t.0 == "lh_iu_l").map(|t| t.2);
        let tt_target = target(Knob::Leydig).or(if lh_target.is_none() { target(Knob::Hypothalamus) } else { None });
        let mut x = initial_state(p, n);
        // Pinned labs fix their gains algebraically at the steady state; the free ones settle by
        // simulation; a few rounds make both agree.
        for round in 0..6 {
            if let Some(t) = tt_target {
                x[ix::TT] = t;
            }
            if let Some(e2) = target(Knob::Aromatase) {
                x[ix::E2] = e2;
            }
            if let Some(v) = target(Knob::Shbg) {
                x[ix::SHBG] = v;
            }
            for _ in 0..3 {
                let ex = Exposure::default();
                let sig = Signals::compute(p, &s, &x, &ex);
                let brake = phys::pituitary_brake(p, sig.er_agonism);
                let lh_at = |s: &SubjectParams| {
                    let sig = Signals::compute(p, s, &x, &ex);
                    phys::lh_steady(p, s, phys::omega_steady(p, n, averaged_occupancy(p, &sig)), brake)
                };
                let z_at = |lh: f64| {
                    let zd = phys::hill(lh, p.l_desens_iu, 2.0);
                    p.k_ldesens_on * zd / (p.k_ldesens_on * zd + p.k_ldesens_off)
                };
                let clearance = phys::t_clearance(p, &s, &sig);
                let t_needed = move |tt: f64| tt * phys::volume_t(p) * p.k_t * clearance;
                if !deficient {
                    let goal: Box<dyn Fn(&SubjectParams) -> f64> = match (lh_target, tt_target) {
                        (Some(lh), _) => Box::new(move |s: &SubjectParams| lh_at(s) / lh),
                        (None, Some(tt)) => {
                            let need = t_needed(tt);
                            Box::new(move |s: &SubjectParams| {
                                let lh = lh_at(s);
                                phys::leydig_secretion_steady(p, n, s, lh, z_at(lh)) / need
                            })
                        }
                        (None, None) => Box::new(|_: &SubjectParams| 1.0),
                    };
                    // A GnRH generator is capped at ~12x the reference man's: a target beyond it stays
                    // unmatched (and is reported) rather than being forced.
                    s.hyp_gain = bisect_gain(|g| goal(&SubjectParams { hyp_gain: g, ..s.clone() })).min(MAX_HYP_GAIN);
                }
                let lh = lh_at(&s);
                x[ix::LH] = lh;
                if let (Some(_), Some(tt)) = (lh_target, target(Knob::Leydig)) {
                    // A subject's T at its LH sets how sensitive its Leydig cells are.
                    let need = t_needed(tt);
                    s.leydig_sensitivity = bisect_gain(|g| {
                        phys::leydig_secretion_steady(
                            p,
                            n,
                            &SubjectParams { leydig_sensitivity: g, ..s.clone() },
                            lh,
                            z_at(lh),
                        ) / need
                    });
                }
                // Every fast state at its equilibrium for these gains, so the pinned labs are one.
                let occ = averaged_occupancy(p, &Signals::compute(p, &s, &x, &ex));
                x[ix::OCC_SUSTAINED] = occ;
                x[ix::DESENS] = phys::desensitisation_steady(p, occ);
                x[ix::POOL_DRIVE] = phys::omega_steady(p, n, occ);
                x[ix::DRIVE_DAILY] = x[ix::POOL_DRIVE];
                x[ix::POOL] = 1.0;
                x[ix::LEYDIG_DESENS] = z_at(lh);
                x[ix::LEYDIG_INDUCED] = phys::leydig_stimulation(p, &s, lh);
                x[ix::AROMATASE_T] = phys::testicular_aromatase_steady(p, n, lh);
                x[ix::AROMATASE_DOWN] = phys::aromatase_down_steady(p, lh);
                if let Some(e2) = target(Knob::Aromatase) {
                    let unit = phys::peripheral_e2(p, &SubjectParams { aromatase_gain: 1.0, ..s.clone() }, &sig);
                    let testicular = phys::testicular_e2(p, &s, 1.0, x[ix::AROMATASE_T], x[ix::AROMATASE_DOWN]);
                    let need = e2 / reference::E2_PMOL * phys::e2_clearance(p, &sig) - testicular;
                    s.aromatase_gain = (need / unit.max(1e-9)).clamp(0.02, 50.0);
                }
                if let Some(v) = target(Knob::Shbg) {
                    let at_one = phys::shbg_target(p, &SubjectParams { shbg_gain: 1.0, ..s.clone() }, &sig);
                    s.shbg_gain = (v / at_one.max(1e-9)).clamp(0.05, 20.0);
                }
                if let Some(f) = target(Knob::Fsh) {
                    let omega = phys::omega_steady(p, n, averaged_occupancy(p, &sig));
                    let at_one = phys::fsh_steady(
                        p,
                        &SubjectParams { fsh_gain: 1.0, ..s.clone() },
                        omega,
                        brake,
                        x[ix::INHIBIN],
                    );
                    let at_one = at_one * phys::fsh_frequency(p, &s, &sig);
                    s.fsh_gain = (f / at_one.max(1e-9)).clamp(0.02, 50.0);
                }
            }
            x = settle(p, n, &s, x, if round == 0 { 40.0 } else { 15.0 });
            if let Some(itt) = target(Knob::Itt) {
                let lh = x[ix::LH];
                let zd = phys::hill(lh, p.l_desens_iu, 2.0);
                let z = p.k_ldesens_on * zd / (p.k_ldesens_on * zd + p.k_ldesens_off);
                let secretion = phys::leydig_secretion_steady(p, n, &s, lh, z);
                let per = phys::itt_from(p, n, &SubjectParams { itt_gain: 1.0, ..s.clone() }, secretion, 0.0);
                s.itt_gain = ((itt - x[ix::TT]).max(1.0) / per.max(1e-9)).clamp(0.02, 50.0);
            }
        }
        x = settle(p, n, &s, x, 60.0);
        // Sperm concentration is scaled once, for the reference man; every subject shares that scale,
        // so a hypogonadal man's low output stays low.
        if is_reference {
            s.sperm_gain = reference::SPERM_M_ML / x[ix::EPIDIDYMIS].max(1e-9);
        }
        let report = targets
            .iter()
            .map(|&(lab, _, target)| LabMatch { lab, target, achieved: lab_value(p, n, &s, &x, lab) })
            .map(|m| {
                // Calibration labs are named by their `Output` keys, so the output converts them.
                let o = Output::from_key(m.lab).expect("calibration labs are outputs");
                LabMatch { target: o.to_conventional(m.target), achieved: o.to_conventional(m.achieved), ..m }
            })
            .collect();

        let (s, x) = self.finish(s, x);
        Calibrated { subject: s, state: x, report }
    }

    /// Makes an untreated steady state a subject's baseline: its activities become the set points of
    /// the slow states, which start full and move from now on (a GnRH-deficient man's are then set
    /// against a normal man's activities, see [`Engine::never_stimulated`]).
    fn finish(&self, mut s: SubjectParams, mut x: State) -> (SubjectParams, State) {
        let (p, n) = (&self.params, &self.norms);
        let ex = Exposure::default();
        let sig = Signals::compute(p, &s, &x, &ex);
        let occ = averaged_occupancy(p, &sig);
        let r = phys::rates(p, n, &s, &x, &ex, &sig, occ);
        let omega = occ * (1.0 - x[ix::DESENS]) / n.occupancy;
        s.set_drive = omega.max(1e-6);
        // His own Leydig activity, as `rates` measures it (his sensitivity included): a man whose Leydig cells
        // answer LH weakly is at his set point untreated, not a man whose Leydig capacity keeps shrinking.
        s.set_leydig = (phys::leydig_stimulation(p, &s, sig.lh_equivalent) - p.leydig_basal).max(1e-6);
        let itt = phys::itt_from(p, n, &s, r.t_secretion, x[ix::TT]);
        let (_, support) = phys::germ_support(p, &s, itt, phys::fsh_sertoli(p, n, x[ix::FSH]));
        s.set_sertoli = support.max(1e-6);
        s.set_brake = sig.steroid_brake;
        for i in SLOW_STATES {
            x[i] = 1.0;
        }
        // The germ cells at their steady state for this support: a spermatogenic cycle and the epididymis take
        // longer to settle than calibration runs, and a baseline must not drift.
        let k_tr = phys::SPERM_STAGES as f64 / p.spermatogenesis_days;
        x[ix::SPERM0] = r.prod[ix::SPERM0] / r.rate[ix::SPERM0];
        for i in ix::SPERM0 + 1..=ix::EPIDIDYMIS {
            x[i] = k_tr * x[i - 1] / r.rate[i];
        }
        s.capacities_free = true;
        if s.gnrh_deficient {
            return self.never_stimulated(s, x);
        }
        (s, x)
    }

    /// A man like `base` who differs by `man`'s multipliers (a member of a virtual population): brought
    /// to his own untreated steady state, which is his baseline and his slow states' set point.
    pub fn individual(&self, base: &Calibrated, man: &Man) -> Calibrated {
        use crate::traits::trait_ix as t;
        let (p, n) = (&self.params, &self.norms);
        let f = &man.factors;
        let mut s = base.subject.clone();
        s.capacities_free = false;
        s.hyp_gain *= f[t::HYPOTHALAMUS];
        s.pit_gain *= f[t::PITUITARY];
        s.fsh_gain *= f[t::PITUITARY];
        s.leydig_sensitivity *= f[t::LEYDIG];
        s.shbg_gain *= f[t::SHBG];
        s.aromatase_gain *= f[t::AROMATASE];
        s.t_clearance_gain *= f[t::T_CLEARANCE];
        s.pk_absorption *= f[t::ABSORPTION];
        s.pk_elimination *= f[t::ELIMINATION];
        s.recovery_age *= f[t::RECOVERY];
        s.reserve_susceptibility *= f[t::SUSCEPTIBILITY];
        s.sperm_gain *= f[t::GERM_CELLS];
        s.itt_need *= f[t::ITT_NEED];
        // The slow states stand still while he settles (capacities are not free) and `finish` fills them.
        // Long enough for SHBG (t1/2 7 d) and a whole spermatogenic cycle to settle.
        let x = settle(p, n, &s, base.state, INDIVIDUAL_SETTLE_DAYS);
        let (subject, state) = self.finish(s, x);
        Calibrated { subject, state, report: Vec::new() }
    }

    /// A man who never had GnRH of his own: his gonadotrophs, Leydig cells and Sertoli cells are measured
    /// against a normal man's activities, so they sit at what a life without GnRH leaves (gonadotrophs
    /// unprimed, Leydig cells few and small, Sertoli cells immature, a small germ-cell reserve).
    fn never_stimulated(&self, mut s: SubjectParams, mut x: State) -> (SubjectParams, State) {
        let (p, n, r) = (&self.params, &self.norms, &self.reference);
        s.set_drive = r.set_drive;
        s.set_leydig = r.set_leydig;
        s.set_sertoli = r.set_sertoli;
        x[ix::SERTOLI_MATURITY] = p.sertoli_immature;
        // The germ-cell reserve takes years to settle: set it at its equilibrium for no activity, then let
        // the fast states settle around it. Leydig progenitors are there, only undifferentiated: the
        // Leydig capacity (cell size and machinery) settles at its floor, the cell reserve stays.
        x[ix::RES_GERM] = p.germ_reserve_floor;
        let x = settle(p, n, &s, x, 240.0);
        (s, x)
    }

    /// Runs a checked scenario.
    pub fn simulate(&self, scenario: &Scenario) -> Result<Trajectory, ScenarioError> {
        scenario.check()?;
        let cal = self.calibrate_subject(&scenario.subject);
        Ok(self.simulate_calibrated(scenario, &cal))
    }

    /// Runs a scenario for an already calibrated subject (the app reuses the calibration while only
    /// the drugs change).
    pub fn simulate_calibrated(&self, scenario: &Scenario, cal: &Calibrated) -> Trajectory {
        self.integrate(scenario, cal, None, None).0
    }

    /// A run as a band needs it: every output at no more than about `rows` rows (every k-th row of the
    /// full run's grid, and its last), and the days LH, total T and sperm are back (`recovery`) read from every
    /// row of the full grid. Both are bit for bit what `simulate_calibrated` followed by `Trajectory::every`
    /// and `recovery::back_days` give; the rows a band drops are never computed in full (a row costs
    /// about a sixth of a long run).
    pub fn simulate_thinned(
        &self,
        scenario: &Scenario,
        cal: &Calibrated,
        rows: usize,
    ) -> (Trajectory, [Option<f64>; 3]) {
        let (t, series) = self.integrate(scenario, cal, None, Some(thinning(scenario, rows)));
        (t, series.back_days())
    }

    /// `simulate_thinned` that starts from the last checkpoint of the previous thinned run in `resume`,
    /// as `simulate_resuming` does for a full run; bit for bit the same result. A man of a population
    /// keeps his own `resume` from one edit to the next.
    pub fn simulate_thinned_resuming(
        &self,
        scenario: &Scenario,
        cal: &Calibrated,
        rows: usize,
        resume: &mut Resume,
    ) -> (Trajectory, [Option<f64>; 3]) {
        let (t, series) = self.integrate(scenario, cal, Some(resume), Some(thinning(scenario, rows)));
        (t, series.back_days())
    }

    /// Like `simulate_calibrated`, but starts from the last checkpoint of the previous run in `resume`
    /// before the first dose that differs, when everything else is the same (an edit in a restart
    /// protocol need not re-run the year of TRT before it). The result is bit for bit the full run's:
    /// the steps before the checkpoint are the ones a full run takes, because no step before it could
    /// see a later dose. `resume` then holds this run.
    pub fn simulate_resuming(&self, scenario: &Scenario, cal: &Calibrated, resume: &mut Resume) -> Trajectory {
        self.integrate(scenario, cal, Some(resume), None).0
    }

    /// The run. With `keep_every`, only every `keep_every`-th row of the grid (and its last) is written, and
    /// the recovery outputs of every row from day 0 go to the series (`simulate_thinned`); without, every
    /// row is written and the series stays empty.
    fn integrate(
        &self,
        scenario: &Scenario,
        cal: &Calibrated,
        mut resume: Option<&mut Resume>,
        keep_every: Option<usize>,
    ) -> (Trajectory, RecoverySeries) {
        let p = &self.params;
        let n = &self.norms;
        let s = &cal.subject;
        let t0 = scenario.first_day();
        let t_end = scenario.horizon_days;
        let mut pk = Pharmacokinetics::new(scenario, t_end, s.pk_absorption, s.pk_elimination);
        let fast_drug = pk.has_fast_drug();
        let key = RunKey {
            subject: cal.subject.clone(),
            state: cal.state,
            weight_kg: scenario.subject.weight_kg,
            t0,
            t_end,
            mode: scenario.mode,
            output_step_days: scenario.output_step_days,
            fast_drug,
            keep_every,
        };
        let pulse_from = if scenario.mode == Mode::Pulse { 0.0f64.max(t0) } else { f64::INFINITY };
        let (grid_step, grid_n) = grid(scenario);
        let grid_at = |k: usize| if k == grid_n { t_end } else { t0 + k as f64 * grid_step };

        let mut traj;
        let mut series;
        let mut c;
        let kinetics = pk.kinetics();
        // The dose events with chains named by kinetics, when a later run may compare against them.
        let events: Vec<Event> = if resume.is_some() {
            pk.events.iter().map(|e| (e.day, kinetics[e.chain], e.amount, e.rate_change)).collect()
        } else {
            Vec::new()
        };
        let resumed = resume.as_deref_mut().and_then(|r| {
            let i = r.latest_before(&key, &kinetics, &events)?;
            r.checkpoints.truncate(i + 1);
            Some(r)
        });
        if let Some(r) = resumed {
            let cp = r.checkpoints.last().expect("kept above");
            c = cp.cursor.clone();
            pk.restore(&cp.chains, cp.next_event);
            traj = std::mem::take(&mut r.trajectory);
            traj.truncate(cp.rows);
            series = std::mem::take(&mut r.series);
            series.truncate(cp.series_rows);
            r.resumed_at = Some(c.t);
        } else {
            if let Some(r) = resume.as_deref_mut() {
                r.resumed_at = None;
                r.checkpoints.clear();
            }
            traj = Trajectory::new();
            traj.reserve(keep_every.map_or(grid_n + 1, |k| grid_n / k + 2));
            series = RecoverySeries::default();
            traj.baseline = self.baseline_row(s, &cal.state).to_vec();
            c = Cursor {
                t: t0,
                x: cal.state,
                ex: Exposure::default(),
                gp: 0.0,
                next_pulse: pulse_from,
                last_pulse: f64::NEG_INFINITY,
                next_grid: 0,
                caches: [DecayCache::default(), DecayCache::default()],
                next_step: AVERAGED_STEP_DAYS,
            };
            // The pulse train is already running when the window opens: half an interval since the last pulse.
            if scenario.mode == Mode::Pulse && !s.gnrh_deficient {
                let sig = Signals::compute(p, s, &c.x, &Exposure::default());
                let half = 0.5 * sig.pulse_interval_min;
                c.gp = sig.pulse_peak(p) * math::exp(-p.k_gnrh_per_min * half);
                c.next_pulse = pulse_from + half / 1440.0;
            }
            pk.apply_events_until(c.t);
            let row = self.row(s, &c.x, &c.ex, None);
            traj.push(c.t, &row);
            if keep_every.is_some() {
                series.push(c.t, &row);
            }
            c.next_grid += 1;
        }
        // Recovery counts from the washout of this run's own doses (a resumed run's may differ).
        traj.recovery_from = crate::engine::recovery::counted_from(scenario);
        series.counted_from(traj.recovery_from, &traj.baseline);
        let checkpoint_days = resume.as_ref().map_or(CHECKPOINT_DAYS, |r| r.checkpoint_days());
        let mut next_checkpoint = c.t + checkpoint_days;
        let error_scale = error_scale(&cal.state);
        let fixed_step = match self.averaged_steps {
            AveragedSteps::Controlled => None,
            AveragedSteps::Fixed(days) => Some(days),
        };
        let fast_drug_gone_ng_l = FAST_DRUG_GONE * p.k_receptor * p.gonadorelin_equiv_ng_l;
        // The drug amounts at the step's start: a rejected controlled step puts them back, and the rows
        // within the step read each drug's level at their own time from them.
        let mut amounts_before = Vec::new();
        while c.t < t_end - 1e-12 {
            let t = c.t;
            let pulsing = t >= pulse_from - 1e-12;
            let fast_now = fast_drug && pk.fast_drug_in_body(fast_drug_gone_ng_l);
            if fast_now {
                c.next_step = AFTER_FAST_DRUG_STEP_DAYS;
            }
            let h_max = if pulsing {
                PULSE_STEP_DAYS
            } else if fast_now {
                FAST_DRUG_STEP_DAYS.min(fixed_step.unwrap_or(FAST_DRUG_STEP_DAYS))
            } else {
                fixed_step.unwrap_or(c.next_step.min(AVERAGED_MAX_STEP_DAYS))
            };
            let mut t_next = (t + h_max).min(t_end);
            if let Some(e) = pk.next_event_after(t) {
                t_next = t_next.min(e);
            }
            if !pulsing && pulse_from < t_next {
                t_next = pulse_from;
            }
            if pulsing && !s.gnrh_deficient {
                t_next = t_next.min(c.next_pulse.max(t + 1e-9));
            }
            let mut h = t_next - t;
            let controlled = !pulsing && !fast_now && fixed_step.is_none();
            pk.save_amounts(&mut amounts_before);
            c.ex = pk.advance(h);
            let x_prev = c.x;
            let gp_start = c.gp;
            if pulsing {
                let exogenous = c.ex.gonadorelin / p.gonadorelin_equiv_ng_l;
                let occ = mean_occupancy(c.gp, exogenous, p.k_gnrh_per_min, h * 1440.0, p.k_receptor);
                c.x = step(p, n, s, &c.x, &c.ex, h, &mut c.caches, |_| occ);
                c.gp *= math::exp(-p.k_gnrh_per_min * h * 1440.0);
            } else if controlled {
                loop {
                    let occ = |sig: &Signals| averaged_occupancy(p, sig);
                    let (x_next, error) = controlled_step(p, n, s, &c.x, &c.ex, h, &error_scale, occ);
                    if error <= 1.0 || h <= AVERAGED_MIN_STEP_DAYS {
                        c.x = x_next;
                        c.next_step = (h * step_factor(error).min(2.0)).max(AVERAGED_MIN_STEP_DAYS);
                        break;
                    }
                    h = (h * step_factor(error).clamp(0.2, 0.5)).max(AVERAGED_MIN_STEP_DAYS);
                    t_next = t + h;
                    pk.load_amounts(&amounts_before);
                    c.ex = pk.advance(h);
                }
            } else {
                c.x = step(p, n, s, &c.x, &c.ex, h, &mut c.caches, |sig| averaged_occupancy(p, sig));
            }
            // Output rows at the grid points this step crossed, from the state interpolated between
            // the step's ends and the drugs exactly at the grid point (the physiology saw their mean over
            // the step; a row shows the level a blood draw at that time would, whatever the step).
            while c.next_grid <= grid_n && grid_at(c.next_grid) <= t_next + 1e-9 {
                let g = grid_at(c.next_grid);
                let w = if h > 0.0 { ((g - t) / h).clamp(0.0, 1.0) } else { 1.0 };
                let xg: State = std::array::from_fn(|i| x_prev[i] + w * (c.x[i] - x_prev[i]));
                let whole = keep_every.is_none_or(|k| c.next_grid % k == 0 || c.next_grid == grid_n);
                if whole {
                    let portal = pulsing.then(|| portal_mean_before(p, gp_start, g - t, g - c.last_pulse, grid_step));
                    let row = self.row(s, &xg, &pk.exposure_after(&amounts_before, g - t), portal);
                    traj.push(g, &row);
                    if keep_every.is_some() {
                        series.push(g, &row);
                    }
                } else {
                    series.push(g, &recovery_row(s, &xg));
                }
                c.next_grid += 1;
            }
            c.t = t_next;
            // A dose is a discontinuity the estimate cannot see ahead of: the step after it starts short.
            if pk.next_event_after(t).is_some_and(|e| e <= c.t) {
                c.next_step = c.next_step.min(AFTER_DOSE_STEP_DAYS);
            }
            pk.apply_events_until(c.t);
            if pulsing && !s.gnrh_deficient && c.t >= c.next_pulse - 1e-9 {
                let sig = Signals::compute(p, s, &c.x, &c.ex);
                c.gp += sig.pulse_peak(p);
                c.last_pulse = c.t;
                c.next_pulse = c.t + sig.pulse_interval_min / 1440.0;
            }
            if let Some(r) = resume.as_deref_mut().filter(|_| c.t >= next_checkpoint && c.t < t_end) {
                let (chains, next_event) = pk.snapshot();
                let (rows, series_rows) = (traj.len(), series.len());
                r.checkpoints.push(Checkpoint { cursor: c.clone(), chains, next_event, rows, series_rows });
                next_checkpoint = c.t + checkpoint_days;
            }
        }
        if let Some(r) = resume {
            r.key = Some(key);
            r.events = events;
            r.kinetics = kinetics;
            r.trajectory = traj.clone();
            r.series = series.clone();
        }
        (traj, series)
    }

    fn baseline_row(&self, s: &SubjectParams, x: &State) -> [f64; Output::COUNT] {
        self.row(s, x, &Exposure::default(), None)
    }

    /// Every output at one state. `portal` is the instantaneous portal GnRH in the pulse mode.
    fn row(&self, s: &SubjectParams, x: &State, ex: &Exposure, portal: Option<f64>) -> [f64; Output::COUNT] {
        let p = &self.params;
        let n = &self.norms;
        let sig = Signals::compute(p, s, x, ex);
        let t_secretion =
            phys::leydig_secretion(p, n, s, sig.lh_equivalent, x[ix::LEYDIG_INDUCED], x[ix::LEYDIG_DESENS])
                * phys::leydig_mass(s, x);
        let mut v = [0.0; Output::COUNT];
        v[Output::Gnrh.index()] = portal.unwrap_or(sig.endogenous_drive(p)) + sig.gnrh_exogenous;
        v[Output::Lh.index()] = x[ix::LH];
        v[Output::Fsh.index()] = x[ix::FSH];
        v[Output::TotalT.index()] = x[ix::TT];
        v[Output::FreeT.index()] = sig.free_t;
        v[Output::Shbg.index()] = x[ix::SHBG];
        v[Output::E2.index()] = x[ix::E2];
        v[Output::FreeE2.index()] = sig.free_e2;
        v[Output::InhibinB.index()] = x[ix::INHIBIN];
        v[Output::Itt.index()] = phys::itt_from(p, n, s, t_secretion, x[ix::TT]);
        v[Output::Sperm.index()] = x[ix::EPIDIDYMIS] * s.sperm_gain;
        v[Output::Enclomiphene.index()] = ex.enclomiphene;
        v[Output::Zuclomiphene.index()] = ex.zuclomiphene;
        v[Output::Tamoxifen.index()] = ex.tamoxifen;
        v[Output::Anastrozole.index()] = ex.anastrozole;
        v[Output::Gonadorelin.index()] = ex.gonadorelin;
        v[Output::Hcg.index()] = ex.hcg;
        v[Output::PituitaryDesensitisation.index()] = x[ix::DESENS];
        v[Output::LeydigDesensitisation.index()] = x[ix::LEYDIG_DESENS];
        v[Output::ErAgonism.index()] = sig.er_agonism;
        for (i, val) in v.iter_mut().enumerate() {
            if !val.is_finite() {
                debug_assert!(false, "non-finite output {i}");
                *val = 0.0;
            }
            *val = val.max(0.0);
        }
        v
    }
}

/// Portal GnRH reported at a grid point: its mean over the grid interval ending there, so daily means
/// are integrals rather than samples of a spiky signal. The level decays exponentially from `start`
/// (at the step's beginning, `since_days` ago); within the interval only the time since the last
/// pulse counts, as before a pulse the level was a few thousandths of its peak.
fn portal_mean_before(p: &Params, start: f64, since_days: f64, since_pulse_days: f64, interval_days: f64) -> f64 {
    let k = p.k_gnrh_per_min;
    let now = start * math::exp(-k * since_days * 1440.0);
    let interval = interval_days * 1440.0;
    let span = since_pulse_days.clamp(0.0, interval_days) * 1440.0;
    if k * interval < 1e-9 {
        now * span / interval.max(1e-12)
    } else {
        now * math::exp_m1(k * span) / (k * interval)
    }
}

/// Model time between the checkpoints a run leaves for the next one, days.
const CHECKPOINT_DAYS: f64 = 7.0;

/// Everything the integration loop carries from one step to the next, besides the drug amounts.
#[derive(Clone, Debug)]
struct Cursor {
    t: f64,
    x: State,
    /// Drug exposure over the last step.
    ex: Exposure,
    /// Portal GnRH of the pulse train and its pulse clock (pulse-resolved mode).
    gp: f64,
    next_pulse: f64,
    last_pulse: f64,
    /// Index of the next output grid point.
    next_grid: usize,
    caches: [DecayCache; 2],
    /// The step the error control proposes next (pulse-averaged mode, controlled steps).
    next_step: f64,
}

/// The state at a step end of a previous run, and how much output it had written.
#[derive(Clone, Debug)]
struct Checkpoint {
    cursor: Cursor,
    chains: Vec<Chain>,
    next_event: usize,
    rows: usize,
    series_rows: usize,
}

/// What must be equal for a run to reuse another's checkpoints: everything but the dose events.
#[derive(Clone, Debug, PartialEq)]
struct RunKey {
    subject: SubjectParams,
    state: State,
    weight_kg: f64,
    t0: f64,
    t_end: f64,
    mode: Mode,
    output_step_days: Option<f64>,
    /// Whether the run gives a fast drug (whose presence shortens the steps).
    fast_drug: bool,
    /// Which rows were written whole (`Engine::integrate`).
    keep_every: Option<usize>,
}

/// A dose event with its chain named by kinetics, so runs whose chains are numbered differently compare.
type Event = (f64, Kinetics, f64, f64);

/// The previous run, kept so the next one can start part-way (`Engine::simulate_resuming`).
#[derive(Clone, Debug, Default)]
pub struct Resume {
    key: Option<RunKey>,
    kinetics: Vec<Kinetics>,
    events: Vec<Event>,
    checkpoints: Vec<Checkpoint>,
    trajectory: Trajectory,
    series: RecoverySeries,
    resumed_at: Option<f64>,
    /// Model time between checkpoints (None: `CHECKPOINT_DAYS`).
    spacing_days: Option<f64>,
}

impl Resume {
    /// A resume that leaves a checkpoint every `days` of model time: fewer than a run's default (weekly)
    /// keep less memory, for the many men of a population who each keep one.
    pub fn with_checkpoints_every(days: f64) -> Resume {
        Resume { spacing_days: Some(days.max(AVERAGED_STEP_DAYS)), ..Resume::default() }
    }

    fn checkpoint_days(&self) -> f64 {
        self.spacing_days.unwrap_or(CHECKPOINT_DAYS)
    }

    /// The day the last run started from, when it resumed from a checkpoint (None: from the start).
    pub fn resumed_at(&self) -> Option<f64> {
        self.resumed_at
    }

    /// The last checkpoint strictly before the first dose event in which this run and the previous one
    /// differ (all doses up to it were the same, so every step up to it was too), if the runs may share one.
    fn latest_before(&self, key: &RunKey, kinetics: &[Kinetics], events: &[Event]) -> Option<usize> {
        if self.key.as_ref() != Some(key) {
            return None;
        }
        // Chains both runs have must come in the same order: a step sums the exposure of chains feeding
        // one compartment in chain order, and float sums in another order could differ in the last bit.
        // (A chain only one run has is empty before the first difference and adds exactly zero.)
        let common = |a: &[Kinetics], b: &[Kinetics]| a.iter().filter(|k| b.contains(k)).copied().collect::<Vec<_>>();
        if common(kinetics, &self.kinetics) != common(&self.kinetics, kinetics) {
            return None;
        }
        let first_diff = match self.events.iter().zip(events).position(|(a, b)| a != b) {
            Some(i) => self.events[i].0.min(events[i].0),
            None => match self.events.len().cmp(&events.len()) {
                std::cmp::Ordering::Less => events[self.events.len()].0,
                std::cmp::Ordering::Greater => self.events[events.len()].0,
                std::cmp::Ordering::Equal => f64::INFINITY,
            },
        };
        // Events within 1e-12 of a step end are applied at it: keep well clear.
        self.checkpoints.iter().rposition(|cp| cp.cursor.t < first_diff - 1e-6)
    }
}

/// Days a member of a virtual population is left untreated to find his own steady state.
const INDIVIDUAL_SETTLE_DAYS: f64 = 150.0;

/// Every how many grid rows a run thinned to about `rows` rows keeps a whole one.
fn thinning(scenario: &Scenario, rows: usize) -> usize {
    (grid(scenario).1 + 1).div_ceil(rows.max(1)).max(1)
}

/// The step of a run's output grid, days: a run cut short on this step writes the rows of the whole run,
/// bit for bit, up to where it stops.
pub fn grid_step(scenario: &Scenario) -> f64 {
    grid(scenario).0
}

/// The output grid of a run: its step in days and its last row's index (rows 0..=n).
fn grid(scenario: &Scenario) -> (f64, usize) {
    let span = scenario.horizon_days - scenario.first_day();
    let step = scenario.output_step_days.unwrap_or(match scenario.mode {
        Mode::Pulse => 1.0 / 1440.0,
        // An hour, or coarser for long runs: a view never needs more than a few thousand points.
        Mode::Averaged => (1.0 / 24.0f64).max(span / 4000.0),
    });
    (step, (span / step).round().max(1.0) as usize)
}

/// The outputs recovery is read from (LH, total T, sperm), exactly as `Engine::row` writes them, and
/// nothing else: a thinned run's rows between the ones it keeps.
fn recovery_row(s: &SubjectParams, x: &State) -> [f64; Output::COUNT] {
    let mut v = [0.0; Output::COUNT];
    v[Output::Lh.index()] = x[ix::LH];
    v[Output::TotalT.index()] = x[ix::TT];
    v[Output::Sperm.index()] = x[ix::EPIDIDYMIS] * s.sperm_gain;
    v.map(|val| if val.is_finite() { val.max(0.0) } else { 0.0 })
}

/// Capacities, reserves and Sertoli maturity: 1 in an untreated man who went through puberty.
const SLOW_STATES: [usize; 8] =
    [ix::CAP_HYP, ix::CAP_PIT, ix::CAP_LEY, ix::CAP_SER, ix::RES_HYP, ix::RES_LEY, ix::RES_GERM, ix::SERTOLI_MATURITY];

/// Mean occupancy of the endogenous pulse train (plus exogenous GnRH as a steady level).
pub fn averaged_occupancy(p: &Params, sig: &Signals) -> f64 {
    mean_occupancy(sig.pulse_peak(p), sig.gnrh_exogenous, p.k_gnrh_per_min, sig.pulse_interval_min, p.k_receptor)
}

/// exp(-k h) for each state, remembered between steps: most rate constants are the same every step,
/// and the exponentials are the integrator's largest cost.
#[derive(Clone, Debug, Default)]
struct DecayCache {
    h: f64,
    rate: State,
    /// exp(-k h) and (1 - exp(-k h)) / k, so a step needs no division.
    decay: State,
    gain: State,
}

impl DecayCache {
    fn advance(&mut self, x0: &State, r: &phys::Rates, h: f64) -> State {
        if self.h != h {
            self.h = h;
            self.rate = [f64::NAN; ix::N];
        }
        std::array::from_fn(|i| {
            let k = r.rate[i];
            // A rate constant that drifted by less than 1e-5 per step changes exp(-k h) by less than 1e-5
            // relative: far below the step's own error, so the cached value serves.
            // A relative drift counts too: a slow state whose production moves with its rate constant
            // (a reserve) settles at P/k, which a stale k would bias however small k h is.
            let drift = (self.rate[i] - k).abs();
            let stale = self.rate[i].is_nan() || drift * h >= 1e-5 || drift > 1e-4 * k;
            if stale {
                self.rate[i] = k;
                if k * h < 1e-9 {
                    self.decay[i] = 1.0;
                    self.gain[i] = h;
                } else {
                    let d = math::exp(-k * h);
                    self.decay[i] = d;
                    self.gain[i] = (1.0 - d) / k;
                }
            }
            // x(h) = x0 e^{-kh} + P (1 - e^{-kh}) / k: exact for constant P and k.
            x0[i] * self.decay[i] + r.prod[i] * self.gain[i]
        })
    }
}

/// One exponential-midpoint step: rates at the start give the midpoint, rates at the midpoint give the step.
#[allow(clippy::too_many_arguments)]
fn step(
    p: &Params,
    n: &Norms,
    s: &SubjectParams,
    x: &State,
    ex: &Exposure,
    h: f64,
    caches: &mut [DecayCache; 2],
    occ: impl Fn(&Signals) -> f64,
) -> State {
    let sig0 = Signals::compute(p, s, x, ex);
    let r0 = phys::rates(p, n, s, x, ex, &sig0, occ(&sig0));
    let mid = caches[0].advance(x, &r0, 0.5 * h);
    let sig1 = Signals::compute(p, s, &mid, ex);
    let r1 = phys::rates(p, n, s, &mid, ex, &sig1, occ(&sig1));
    sanitised(caches[1].advance(x, &r1, h))
}

/// A step's end as the next step may start from it: a state gone non-finite is zero, and the two
/// desensitised fractions stay fractions.
fn sanitised(mut out: State) -> State {
    for v in out.iter_mut() {
        if !v.is_finite() {
            *v = 0.0;
        }
    }
    out[ix::DESENS] = out[ix::DESENS].clamp(0.0, 1.0);
    out[ix::LEYDIG_DESENS] = out[ix::LEYDIG_DESENS].clamp(0.0, 1.0);
    out
}

/// What one unit of `AVERAGED_TOLERANCE` is for each state near zero: 2 % of its untreated level (a state
/// that sits at zero until a drug moves it is held to a millionth).
fn error_scale(untreated: &State) -> State {
    std::array::from_fn(|i| AVERAGED_TOLERANCE * untreated[i].abs().max(1e-6))
}

/// How much longer (or shorter) the next step may be, from this step's error estimate in tolerances: the
/// estimate grows with the square of the step.
fn step_factor(error: f64) -> f64 {
    if error > 0.0 {
        0.9 / error.sqrt()
    } else {
        2.0
    }
}

/// One controlled step of the pulse-averaged mode, with its error estimate in tolerances (<= 1: accept).
///
/// Exponential time differencing of second order (ETD2RK, Cox and Matthews 2002): each state is
/// x' = P(x) - k(x) x, integrated exactly for its rate constant at the step's start, with the production (and
/// the drift of the rate constant) taken linear over the step, between the start and an exponential-Euler
/// predictor of the end. A hormone that relaxes within the hour follows its equilibrium P/k as the step
/// carries it, so it does not set the step; what does is how far the productions move within it, which is
/// also the estimate (the corrector's change to the predictor).
#[allow(clippy::too_many_arguments)]
fn controlled_step(
    p: &Params,
    n: &Norms,
    s: &SubjectParams,
    x: &State,
    ex: &Exposure,
    h: f64,
    error_scale: &State,
    occ: impl Fn(&Signals) -> f64,
) -> (State, f64) {
    let sig0 = Signals::compute(p, s, x, ex);
    let r0 = phys::rates(p, n, s, x, ex, &sig0, occ(&sig0));
    // e^{-kh}, phi1 = (1 - e^{-kh}) / k and phi2 = (kh - 1 + e^{-kh}) / (k^2 h); by their series where kh is
    // tiny (the closed forms cancel there).
    let mut decay = [0.0; ix::N];
    let mut phi1 = [0.0; ix::N];
    let mut phi2 = [0.0; ix::N];
    for i in 0..ix::N {
        let k = r0.rate[i];
        let z = k * h;
        if z < 1e-4 {
            decay[i] = 1.0 - z;
            phi1[i] = h * (1.0 - 0.5 * z);
            phi2[i] = h * (0.5 - z / 6.0);
        } else {
            let e = math::exp(-z);
            decay[i] = e;
            phi1[i] = (1.0 - e) / k;
            phi2[i] = (z - 1.0 + e) / (k * z);
        }
    }
    let predicted: State = std::array::from_fn(|i| x[i] * decay[i] + r0.prod[i] * phi1[i]);
    let sig1 = Signals::compute(p, s, &predicted, ex);
    let r1 = phys::rates(p, n, s, &predicted, ex, &sig1, occ(&sig1));
    let mut error = 0.0f64;
    let out: State = std::array::from_fn(|i| {
        let production_end = r1.prod[i] - (r1.rate[i] - r0.rate[i]) * predicted[i];
        let correction = (production_end - r0.prod[i]) * phi2[i];
        let x1 = predicted[i] + correction;
        let e = correction.abs() / (error_scale[i] + AVERAGED_TOLERANCE * x1.abs());
        // A NaN estimate (a state gone non-finite) is kept, not skipped as `max` would.
        if e > error || e.is_nan() {
            error = e;
        }
        x1
    });
    (sanitised(out), if error.is_nan() { f64::INFINITY } else { error })
}

/// Untreated run (no drugs) for `days`, in the averaged mode.
fn settle(p: &Params, n: &Norms, s: &SubjectParams, mut x: State, days: f64) -> State {
    let ex = Exposure::default();
    let h = AVERAGED_STEP_DAYS;
    let steps = (days / h).ceil() as usize;
    let mut caches = [DecayCache::default(), DecayCache::default()];
    for _ in 0..steps {
        x = step(p, n, s, &x, &ex, h, &mut caches, |sig| averaged_occupancy(p, sig));
    }
    x
}

/// A starting point near the reference man's steady state.
fn initial_state(p: &Params, n: &Norms) -> State {
    let mut x = [0.0; ix::N];
    x[ix::OCC_SUSTAINED] = n.occupancy;
    x[ix::POOL_DRIVE] = 1.0;
    x[ix::DRIVE_DAILY] = 1.0;
    x[ix::POOL] = 1.0;
    x[ix::LH] = reference::LH_IU;
    x[ix::FSH] = reference::FSH_IU;
    x[ix::TT] = reference::TT_NMOL;
    x[ix::AROMATASE_T] = 1.0;
    x[ix::LEYDIG_INDUCED] = p.leydig_basal + n.leydig;
    x[ix::E2] = reference::E2_PMOL;
    x[ix::SHBG] = reference::SHBG_NMOL;
    x[ix::INHIBIN] = reference::INHIBIN_PG_ML;
    for i in SLOW_STATES {
        x[i] = 1.0;
    }
    let k_tr = phys::SPERM_STAGES as f64 / p.spermatogenesis_days;
    for i in 0..phys::SPERM_STAGES {
        x[ix::SPERM0 + i] = 1.0;
    }
    x[ix::EPIDIDYMIS] = k_tr * p.epididymis_days;
    x
}

/// Solves f(gain) = 1 for the smallest gain in [1e-3, 1e3] where f reaches 1, by scanning upward and
/// then bisecting in log space. f need not be monotone: too much GnRH desensitises the pituitary, so
/// the first crossing is the physiological one; if f never reaches 1 the gain that comes closest is used.
fn bisect_gain(f: impl Fn(f64) -> f64) -> f64 {
    let mut prev = math::ln(1e-3);
    let (mut best, mut best_f) = (prev, f(1e-3));
    if best_f >= 1.0 {
        return 1e-3;
    }
    let mut hi = None;
    for k in 1..=40 {
        let g = math::ln(1e-3) + k as f64 * (math::ln(1e6) / 40.0);
        let v = f(math::exp(g));
        if v >= 1.0 {
            hi = Some(g);
            break;
        }
        if v > best_f {
            (best, best_f) = (g, v);
        }
        prev = g;
    }
    let Some(mut hi) = hi else { return math::exp(best) };
    let mut lo = prev;
    for _ in 0..40 {
        let mid = 0.5 * (lo + hi);
        if f(math::exp(mid)) < 1.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    math::exp(0.5 * (lo + hi))
}

fn lab_value(p: &Params, n: &Norms, s: &SubjectParams, x: &State, lab: &str) -> f64 {
    match lab {
        "lh_iu_l" => x[ix::LH],
        "fsh_iu_l" => x[ix::FSH],
        "total_t_ng_dl" => x[ix::TT],
        "e2_pg_ml" => x[ix::E2],
        "shbg_nmol_l" => x[ix::SHBG],
        "itt_nmol_l" => {
            let ex = Exposure::default();
            let sig = Signals::compute(p, s, x, &ex);
            let r = phys::rates(p, n, s, x, &ex, &sig, averaged_occupancy(p, &sig));
            phys::itt_from(p, n, s, r.t_secretion, x[ix::TT])
        }
        _ => f64::NAN,
    }
}
