//! The physiological state and its rates of change. Every state obeys dx/dt = P - k x, with the
//! production P and the rate constant k returned separately: the integrator advances each state
//! exponentially, which stays stable for the fast hormones (LH t1/2 1.3 h, T ~1 h) at long steps.

use crate::engine::pk::Exposure;
use crate::math;
use crate::params::Params;

pub const SPERM_STAGES: usize = 8;

/// Indices into the state vector.
pub mod ix {
    pub const OCC_SUSTAINED: usize = 0;
    pub const DESENS: usize = 1;
    pub const POOL_DRIVE: usize = 2;
    pub const POOL: usize = 3;
    pub const LH: usize = 4;
    pub const FSH: usize = 5;
    pub const TT: usize = 6;
    pub const LEYDIG_DESENS: usize = 7;
    pub const AROMATASE_T: usize = 8;
    pub const E2: usize = 9;
    pub const SHBG: usize = 10;
    pub const INHIBIN: usize = 11;
    /// Functional capacities (weeks): GnRH generator output, gonadotroph synthesis (self-priming),
    /// Leydig cell size and steroidogenic machinery, Sertoli function. Each follows its own activity.
    pub const CAP_HYP: usize = 12;
    pub const CAP_PIT: usize = 13;
    pub const CAP_LEY: usize = 14;
    pub const CAP_SER: usize = 15;
    /// GnRH generator reserve (months to years): the kisspeptin/neurokinin B tone that sustained
    /// sex-steroid excess turns down and that grows back slowly once it ends.
    pub const RES_HYP: usize = 16;
    /// Leydig steroidogenic capacity induced by sustained LH-receptor drive (days).
    pub const LEYDIG_INDUCED: usize = 17;
    /// Pituitary drive averaged over about a day: what the slow capacities respond to.
    pub const DRIVE_DAILY: usize = 18;
    /// Leydig cell number (years to lose, months to regrow from stem Leydig cells under LH).
    pub const RES_LEY: usize = 19;
    /// Spermatogonial (germ-cell) reserve (years to lose, months to regrow under FSH and ITT).
    pub const RES_GERM: usize = 20;
    /// Sertoli maturity: 1 after a normal puberty; low in a testis that never saw FSH and ITT, and it
    /// only rises (Sertoli maturation is terminal).
    pub const SERTOLI_MATURITY: usize = 21;
    /// Leydig aromatase down-regulated by sustained strong LH-receptor drive (days): why E2 peaks
    /// ~36 h after a large hCG dose and falls while T is still rising.
    pub const AROMATASE_DOWN: usize = 22;
    pub const SPERM0: usize = 23;
    pub const EPIDIDYMIS: usize = SPERM0 + super::SPERM_STAGES;
    pub const N: usize = EPIDIDYMIS + 1;
}

pub type State = [f64; ix::N];

/// The subject's own parameters: calibrated gains and the set points its capacities defend.
#[derive(Clone, Debug, PartialEq)]
pub struct SubjectParams {
    pub gnrh_deficient: bool,
    pub hyp_gain: f64,
    pub pit_gain: f64,
    pub fsh_gain: f64,
    /// Leydig LH sensitivity: multiplies LH-equivalents before the dose-response.
    pub leydig_sensitivity: f64,
    pub aromatase_gain: f64,
    pub shbg_gain: f64,
    pub itt_gain: f64,
    pub inhibin_gain: f64,
    pub sperm_gain: f64,
    /// Fat-mass factor on peripheral aromatisation (BMI / 25).
    pub fat: f64,
    /// Age factor on SHBG (+1.2 %/yr from 40).
    pub shbg_age: f64,
    /// Slowing of capacity recovery with age.
    pub recovery_age: f64,
    /// Untreated activities the slow capacities are relative to.
    pub set_drive: f64,
    pub set_leydig: f64,
    pub set_sertoli: f64,
    /// Untreated sex-steroid brake on pulse mass: the reference for steroid excess.
    pub set_brake: f64,
    /// Normalisers measured at the subject's own untreated state.
    pub ref_bio_t: f64,
    pub ref_aromatase: f64,
    pub ref_ft: f64,
    pub ref_liver_e: f64,
    pub ref_hl: f64,
    pub ref_sertoli: f64,
    /// Whether the slow capacities move (off while calibrating).
    pub capacities_free: bool,
    /// A man's own multipliers (1 for the subject; a virtual population varies them): testosterone
    /// clearance, drug absorption and elimination, and how fast suppression depletes his reserves.
    pub t_clearance_gain: f64,
    pub pk_absorption: f64,
    pub pk_elimination: f64,
    pub reserve_susceptibility: f64,
    /// How much intratesticular T his spermatogenesis needs (multiplies K_ITT): men who keep making
    /// sperm on testosterone alone need less.
    pub itt_need: f64,
}

impl SubjectParams {
    pub fn new(age: f64, bmi: f64, gnrh_deficient: bool, p: &Params) -> SubjectParams {
        SubjectParams {
            gnrh_deficient,
            hyp_gain: 1.0,
            pit_gain: 1.0,
            fsh_gain: 1.0,
            leydig_sensitivity: 1.0,
            aromatase_gain: 1.0,
            shbg_gain: 1.0,
            itt_gain: 1.0,
            inhibin_gain: 1.0,
            sperm_gain: 1.0,
            fat: bmi / 25.0,
            shbg_age: 1.0 + 0.012 * (age - 40.0),
            recovery_age: 1.0 + p.age_recovery_per_decade * ((age - 30.0) / 10.0).max(0.0),
            set_drive: 1.0,
            set_leydig: 1.0,
            set_sertoli: 1.0,
            set_brake: 1.0,
            ref_bio_t: 9.0,
            ref_aromatase: 0.23,
            ref_ft: 0.35,
            ref_liver_e: 1.0,
            ref_hl: 0.5,
            ref_sertoli: 0.75,
            capacities_free: false,
            t_clearance_gain: 1.0,
            pk_absorption: 1.0,
            pk_elimination: 1.0,
            reserve_susceptibility: 1.0,
            itt_need: 1.0,
        }
    }
}

/// Quantities derived from the state at one instant: what the feedback loops sense.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Signals {
    /// Free T, nmol/L (Vermeulen).
    pub free_t: f64,
    /// Non-SHBG-bound ("bioavailable") T, nmol/L.
    pub bio_t: f64,
    /// Free E2, pmol/L.
    pub free_e2: f64,
    /// Central ER agonism (0..1): the estrogenic signal the hypothalamus and pituitary see.
    pub er_agonism: f64,
    /// Divisor of GnRH pulse mass by free T and ER agonism (1 with no sex steroids).
    pub steroid_brake: f64,
    /// Liver estrogenic load from E2 (drives SHBG), dimensionless.
    pub liver_e: f64,
    /// Liver estrogenic load from SERMs, which are hepatic agonists (tamoxifen, zuclomiphene).
    pub liver_serm: f64,
    /// GnRH pulse interval, minutes, and pulse mass (1 = reference).
    pub pulse_interval_min: f64,
    pub pulse_mass: f64,
    /// Exogenous GnRH at the pituitary, normalised units.
    pub gnrh_exogenous: f64,
    /// LH-receptor drive at the testis (LH + hCG), IU/L.
    pub lh_equivalent: f64,
    /// Aromatase inhibition (0..1).
    pub aromatase_inhibition: f64,
    /// Fraction of T not bound to SHBG, relative weighting for clearance.
    pub t_unbound_share: f64,
    pub e2_unbound_share: f64,
}

/// The sex-steroid brake on GnRH pulse mass: (1 + (FT/k_T)^n_T)(1 + (E/k_E)^n_E).
pub fn steroid_brake(p: &Params, free_t: f64, er_agonism: f64) -> f64 {
    (1.0 + pow(free_t / p.k_ft_mass_nmol, p.n_ft_mass)) * (1.0 + pow(er_agonism / p.k_e_mass, p.n_e_mass))
}

/// How far the sex-steroid brake stands above its untreated value: ln(brake / set), 0 when it does not.
/// The generator's function integrates it and its reserve's loss grows with it.
pub fn brake_log_excess(s: &SubjectParams, sig: &Signals) -> f64 {
    math::ln(sig.steroid_brake / s.set_brake).max(0.0)
}

/// How hard sustained sex steroids press on the generator's reserve (0..1): a Hill function of
/// `brake_log_excess`. Replacement doses barely exceed the untreated brake; supraphysiological doses raise it
/// many-fold.
pub fn steroid_excess(p: &Params, log_excess: f64) -> f64 {
    let r = pow(log_excess / p.hyp_excess_half, p.hyp_excess_n);
    r / (1.0 + r)
}

/// Leydig steroidogenic mass: cell size/machinery times cell number (1 = the subject's untreated testis).
pub fn leydig_mass(s: &SubjectParams, x: &State) -> f64 {
    if s.capacities_free {
        x[ix::CAP_LEY].max(0.0) * x[ix::RES_LEY].max(0.0)
    } else {
        1.0
    }
}

/// Free hormone by the Vermeulen quadratic: total and SHBG in nmol/L, returns (free, non-SHBG-bound).
pub fn vermeulen(total_nmol: f64, shbg_nmol: f64, ka_shbg: f64, ka_alb: f64, albumin: f64) -> (f64, f64) {
    let tt = total_nmol.max(0.0) * 1e-9;
    let shbg = shbg_nmol.max(0.0) * 1e-9;
    let n = 1.0 + ka_alb * albumin;
    let a = n * ka_shbg;
    let b = n + ka_shbg * (shbg - tt);
    let free = if a > 0.0 { (-b + (b * b + 4.0 * a * tt).sqrt()) / (2.0 * a) } else { tt / n };
    let free = free.clamp(0.0, tt);
    (free * 1e9, free * n * 1e9)
}

impl Signals {
    pub fn compute(p: &Params, s: &SubjectParams, x: &State, ex: &Exposure) -> Signals {
        let (free_t, bio_t) = vermeulen(x[ix::TT], x[ix::SHBG], p.ka_shbg_t, p.ka_alb_t, p.albumin_mol_l);
        // E2 is trace beside T on SHBG: its free fraction follows from SHBG left unoccupied by T.
        let shbg_free = ((x[ix::SHBG] - (x[ix::TT] - bio_t)).max(0.0)) * 1e-9;
        let e2_free_fraction = 1.0 / (1.0 + p.ka_shbg_e2 * shbg_free + p.ka_alb_e2 * p.albumin_mol_l);
        let free_e2 = x[ix::E2].max(0.0) * e2_free_fraction;
        let e2_bio_fraction = e2_free_fraction * (1.0 + p.ka_alb_e2 * p.albumin_mol_l);

        let aromatase_inhibition = ex.anastrozole / (ex.anastrozole + p.ic50_anastrozole);
        // The hypothalamus sees circulating E2 plus E2 made locally from T by brain aromatase: both
        // act through the ER, so SERMs block both and anastrozole removes the local part.
        let e = free_e2 / p.k_e2_pmol + free_t * (1.0 - aromatase_inhibition) / p.k_brain_t_nmol;
        let en = ex.enclomiphene / p.k_enclomiphene;
        let zu = ex.zuclomiphene / p.k_zuclomiphene;
        let tam = ex.tamoxifen / p.k_tamoxifen;
        let er_agonism = (e + p.alpha_zuclomiphene * zu + p.alpha_tamoxifen * tam) / (1.0 + e + en + zu + tam);
        let liver_e = free_e2 / p.k_e2_pmol;
        let liver_serm = ex.zuclomiphene / p.k_zuclomiphene_liver + ex.tamoxifen / p.k_tamoxifen_liver;

        let ht = free_t / (free_t + p.k_ft_interval_nmol);
        // The generator's reserve (KNDy neurons) sets how often it can fire as well as how much GnRH
        // each pulse carries, so a depleted reserve is not fully made up by lifting the steroid brake.
        let reserve = if s.capacities_free { x[ix::RES_HYP].clamp(1e-3, 1.0) } else { 1.0 };
        let pulse_interval_min =
            p.phi0_min * (1.0 + p.a_t * ht + p.a_e * er_agonism) / pow(reserve, p.hyp_reserve_frequency_exponent);
        let brake = steroid_brake(p, free_t, er_agonism);
        let pulse_mass = if s.gnrh_deficient {
            0.0
        } else {
            let cap = if s.capacities_free { x[ix::CAP_HYP].max(0.0) * reserve } else { 1.0 };
            s.hyp_gain * cap / brake
        };
        Signals {
            free_t,
            bio_t,
            steroid_brake: brake,
            free_e2,
            er_agonism,
            liver_e,
            liver_serm,
            pulse_interval_min,
            pulse_mass,
            gnrh_exogenous: ex.gonadorelin / p.gonadorelin_equiv_ng_l,
            lh_equivalent: x[ix::LH].max(0.0) + p.hcg_potency * ex.hcg,
            aromatase_inhibition,
            t_unbound_share: bio_t / x[ix::TT].max(1e-9),
            e2_unbound_share: e2_bio_fraction,
        }
    }

    /// Mean endogenous portal GnRH drive (1 = reference man).
    pub fn endogenous_drive(&self, p: &Params) -> f64 {
        self.pulse_mass * p.phi_ref_min / self.pulse_interval_min
    }

    /// Peak portal GnRH right after a pulse, normalised units.
    pub fn pulse_peak(&self, p: &Params) -> f64 {
        self.pulse_mass * p.k_gnrh_per_min * p.phi_ref_min
    }
}

/// Mean receptor occupancy g/(g+K) over `span_min` minutes while g(t) = a e^{-k t} + c.
/// Exact, so the pulse-averaged mode sees the same mean stimulus as the pulse-resolved one.
pub fn mean_occupancy(a: f64, c: f64, k_per_min: f64, span_min: f64, kr: f64) -> f64 {
    let b = c + kr;
    if a <= 1e-12 || span_min <= 0.0 {
        let g = a + c;
        return g / (g + kr);
    }
    let kt = (k_per_min * span_min).min(600.0);
    // ln((a + b e^{kT}) / (a + b)) computed without overflow.
    let log_ratio = kt + math::ln((a * math::exp(-kt) + b) / (a + b));
    (1.0 - kr / (b * kt) * log_ratio).clamp(0.0, 1.0)
}

/// Rates of every state: (production, first-order rate constant) pairs.
pub struct Rates {
    pub prod: State,
    pub rate: State,
    /// Endogenous testosterone secretion, nmol/day (for ITT and outputs).
    pub t_secretion: f64,
}

/// Reference constants that make the equations dimensionless; computed once from `Params`.
#[derive(Clone, Copy, Debug)]
pub struct Norms {
    /// Mean receptor occupancy of the reference man's pulse train.
    pub occupancy: f64,
    /// Hill term of the reference LH.
    pub leydig: f64,
    /// Testicular aromatase drive at reference LH.
    pub aromatase: f64,
    /// Endogenous T secretion at reference, nmol/day.
    pub t_secretion: f64,
    pub fsh_sertoli: f64,
}

impl Norms {
    pub fn new(p: &Params) -> Norms {
        let lh = crate::params::reference::LH_IU;
        let a = p.k_gnrh_per_min * p.phi_ref_min;
        Norms {
            occupancy: mean_occupancy(a, 0.0, p.k_gnrh_per_min, p.phi_ref_min, p.k_receptor),
            leydig: hill(lh, p.l50_iu, p.n_leydig),
            aromatase: hill(lh, p.l_aromatase_iu, 1.0),
            t_secretion: crate::params::reference::TT_NMOL * p.mcr_t_l_day,
            fsh_sertoli: {
                let f = crate::params::reference::FSH_IU;
                f / (f + p.k_fsh_sertoli_iu)
            },
        }
    }
}

pub fn hill(x: f64, k: f64, n: f64) -> f64 {
    let r = pow(x.max(0.0) / k, n);
    r / (1.0 + r)
}

/// x^n. Exponents in eighths (2, 0.5, -0.5, 0.25, 0.125 ...) take a path of square roots and
/// multiplications instead of `powf`, which is the integrator's largest single cost.
#[inline]
pub fn pow(x: f64, n: f64) -> f64 {
    let eighths = n * 8.0;
    let k = eighths as i32;
    if k as f64 == eighths && k.abs() <= 64 && x > 0.0 {
        let (whole, frac) = (k.div_euclid(8), k.rem_euclid(8));
        let mut r = match whole {
            0 => 1.0,
            1 => x,
            2 => x * x,
            3 => x * x * x,
            4 => (x * x) * (x * x),
            -1 => 1.0 / x,
            // Repeated squaring (compiler-builtins' __powidf2 on every target): the same bits everywhere.
            _ => x.powi(whole),
        };
        // Only the roots the exponent needs: SHBG's x^0.5 takes one square root, not three.
        if frac != 0 {
            let r2 = x.sqrt();
            if frac & 4 != 0 {
                r *= r2;
            }
            if frac & 3 != 0 {
                let r4 = r2.sqrt();
                if frac & 2 != 0 {
                    r *= r4;
                }
                if frac & 1 != 0 {
                    r *= r4.sqrt();
                }
            }
        }
        r
    } else if x > 0.0 {
        // exp(n ln x) is about twice as fast as libm's pow and accurate to ~1e-15 relative here.
        math::exp(n * math::ln(x))
    } else if x == 0.0 {
        match n.partial_cmp(&0.0) {
            Some(std::cmp::Ordering::Greater) => 0.0,
            Some(std::cmp::Ordering::Equal) => 1.0,
            _ => f64::INFINITY,
        }
    } else if n.fract() == 0.0 && n.abs() <= i32::MAX as f64 {
        x.powi(n as i32)
    } else {
        f64::NAN
    }
}

/// Functional capacity: falls towards the activity-dependent target in weeks (disuse) and recovers
/// with the tissue's own time constant once its activity returns.
#[allow(clippy::too_many_arguments)]
fn capacity(
    p: &Params,
    s: &SubjectParams,
    x: &State,
    i: usize,
    activity: f64,
    floor: f64,
    tau_up_days: f64,
    prod: &mut State,
    rate: &mut State,
) {
    let a = activity.clamp(0.0, 1.0);
    let target = if a >= 1.0 { 1.0 } else { floor + (1.0 - floor) * a.sqrt() };
    let tau = if target < x[i] { p.tau_capacity_down_days } else { tau_up_days * s.recovery_age };
    prod[i] = target / tau;
    rate[i] = 1.0 / tau;
}

/// The generator's function (its capacity): silenced towards `floor` while the sex-steroid brake stays above
/// its untreated value, at a rate that grows with the excess (`brake_log_excess`), and regained
/// with `tau_hyp_up_days` once the excess ends. The loss integrates the excess, so it goes on while any excess
/// lasts: exogenous T that holds a man at about his own level ends by shutting his generator down (men on TU
/// 500 mg monthly had T "within the normal range" and LH undetectable by week 16, Zhang et al. 1999; LH stayed
/// suppressed 3 months after a TU injection, Handelsman et al. 2022), where the brake alone, proportional,
/// leaves him the LH that makes up his own level (docs/MODEL.md §3.8, §7.2).
fn generator_function(p: &Params, s: &SubjectParams, log_excess: f64, floor: f64, prod: &mut State, rate: &mut State) {
    let silencing = log_excess / p.tau_hyp_excess_days;
    let regain = 1.0 / (p.tau_hyp_up_days * s.recovery_age);
    prod[ix::CAP_HYP] = regain + silencing * floor;
    rate[ix::CAP_HYP] = regain + silencing;
}

/// Structural reserve: lost towards `floor` while its tissue is out of use (`disuse`, 0..1), faster by
/// `1 + boost` under an added insult, and regrown towards 1 in proportion to `regrowth` (0..1, the
/// tissue's own activity). Loss takes years, so a reserve counts the depth and the duration of
/// suppression together; regrowth waits for the activity to return.
#[allow(clippy::too_many_arguments)]
fn reserve(
    s: &SubjectParams,
    i: usize,
    disuse: f64,
    boost: f64,
    regrowth: f64,
    floor: f64,
    (tau_loss_days, tau_regrowth_days): (f64, f64),
    prod: &mut State,
    rate: &mut State,
) {
    let loss = disuse.clamp(0.0, 1.0) * (1.0 + boost.max(0.0)) * s.reserve_susceptibility / tau_loss_days;
    let regrowth = regrowth.clamp(0.0, 1.0) / (tau_regrowth_days * s.recovery_age);
    prod[i] = loss * floor + regrowth;
    rate[i] = loss + regrowth;
}

#[allow(clippy::too_many_arguments)]
pub fn rates(
    p: &Params,
    n: &Norms,
    s: &SubjectParams,
    x: &State,
    ex: &Exposure,
    sig: &Signals,
    occupancy: f64,
) -> Rates {
    let mut prod = [0.0; ix::N];
    let mut rate = [0.0; ix::N];
    let cap = |i: usize| if s.capacities_free { x[i].max(0.0) } else { 1.0 };

    // Pituitary: desensitisation follows sustained occupancy; LH leaves a releasable pool.
    prod[ix::OCC_SUSTAINED] = p.k_occupancy_filter * occupancy;
    rate[ix::OCC_SUSTAINED] = p.k_occupancy_filter;
    let o = x[ix::OCC_SUSTAINED].max(0.0);
    // Receptors re-sensitise only while unoccupied, so sustained exposure drives D towards 1 over days.
    let sd = hill(o, p.desens_theta, p.desens_n);
    prod[ix::DESENS] = p.k_desens_on * sd;
    rate[ix::DESENS] = p.k_desens_on * sd + p.k_desens_off * (1.0 - sd);
    // The GnRH signal at the receptors, and the gonadotrophs' answer to it: GnRH primes its own receptors
    // and LH synthesis (the pituitary capacity), so a pituitary long without GnRH answers weakly at first.
    let gnrh_signal = occupancy * (1.0 - x[ix::DESENS]).max(0.0) / n.occupancy;
    let omega = gnrh_signal * cap(ix::CAP_PIT);
    prod[ix::POOL_DRIVE] = p.k_pool_drive * omega;
    rate[ix::POOL_DRIVE] = p.k_pool_drive;
    prod[ix::POOL] = p.k_pool * x[ix::POOL_DRIVE].max(0.0);
    rate[ix::POOL] = p.k_pool * omega;
    let pit_brake = pituitary_brake(p, sig.er_agonism);
    let lh_release = omega * x[ix::POOL].max(0.0) * pit_brake;
    prod[ix::LH] = p.k_lh * lh_steady(p, s, lh_release, 1.0);
    rate[ix::LH] = p.k_lh;
    // FSH is mostly secreted as it is made (little is stored), so it follows the day-averaged drive; only
    // a small share is released at once by a GnRH pulse. A GnRH bolus moves LH far more than FSH.
    let fsh_drive = p.fsh_acute_share * gnrh_signal + (1.0 - p.fsh_acute_share) * x[ix::DRIVE_DAILY].max(0.0);
    let fsh_made = fsh_steady(p, s, fsh_drive * cap(ix::CAP_PIT), pit_brake, x[ix::INHIBIN]) * fsh_frequency(p, s, sig);
    prod[ix::FSH] = p.k_fsh * fsh_made;
    rate[ix::FSH] = p.k_fsh;

    // Testis: Leydig cells answer LH-receptor drive (LH + hCG), damped by desensitisation.
    let l = sig.lh_equivalent;
    let stimulation = leydig_stimulation(p, s, l);
    let hl = stimulation - p.leydig_basal;
    let zd = hill(l, p.l_desens_iu, 2.0);
    prod[ix::LEYDIG_DESENS] = p.k_ldesens_on * zd;
    rate[ix::LEYDIG_DESENS] = p.k_ldesens_on * zd + p.k_ldesens_off;
    prod[ix::LEYDIG_INDUCED] = p.k_leydig_induction * stimulation;
    rate[ix::LEYDIG_INDUCED] = p.k_leydig_induction;
    let t_secretion =
        secretion_from_stimulation(p, n, stimulation, x[ix::LEYDIG_INDUCED], x[ix::LEYDIG_DESENS]) * leydig_mass(s, x);
    prod[ix::TT] = (t_secretion + ex.testosterone_input) / volume_t(p);
    rate[ix::TT] = p.k_t * t_clearance(p, s, sig) * s.t_clearance_gain;

    prod[ix::AROMATASE_T] = p.k_aromatase_induction * testicular_aromatase_steady(p, n, l);
    rate[ix::AROMATASE_T] = p.k_aromatase_induction;
    prod[ix::AROMATASE_DOWN] = p.k_aromatase_down * aromatase_down_steady(p, l);
    rate[ix::AROMATASE_DOWN] = p.k_aromatase_down;
    let e2_ref = crate::params::reference::E2_PMOL;
    let testicular = testicular_e2(p, s, leydig_mass(s, x), x[ix::AROMATASE_T], x[ix::AROMATASE_DOWN]);
    prod[ix::E2] = p.k_e2 * e2_ref * (peripheral_e2(p, s, sig) + testicular);
    rate[ix::E2] = p.k_e2 * e2_clearance(p, sig);

    // SHBG: lowered by androgens, raised by hepatic estrogenic load and age.
    prod[ix::SHBG] = p.k_shbg * shbg_target(p, s, sig);
    rate[ix::SHBG] = p.k_shbg;

    // Sertoli cells and germ cells: FSH and intratesticular T.
    let itt = itt_from(p, n, s, t_secretion, x[ix::TT]);
    let fsh_s = fsh_sertoli(p, n, x[ix::FSH]);
    // Inhibin B is made by mature Sertoli cells.
    let sertoli = cap(ix::CAP_SER) * cap(ix::SERTOLI_MATURITY);
    prod[ix::INHIBIN] = p.k_inhibin_turnover * inhibin_steady(p, s, fsh_s) * sertoli;
    rate[ix::INHIBIN] = p.k_inhibin_turnover;
    let (itt_support, support) = germ_support(p, s, itt, fsh_s);
    let k_tr = SPERM_STAGES as f64 / p.spermatogenesis_days;
    let loss = p.k_germ_loss * (1.0 - support).max(0.0);
    // Spermatogonia enter the chain from the germ-cell reserve, as far as mature Sertoli cells carry them.
    // Germ cells need Sertoli cells that have finished maturing (the blood-testis barrier forms late), so
    // maturity gates them more steeply than it gates inhibin B.
    let carried = cap(ix::CAP_SER) * pow(cap(ix::SERTOLI_MATURITY), p.n_sertoli_maturity);
    let fsh_share = p.fsh_independent_share + (1.0 - p.fsh_independent_share) * fsh_s.min(1.5);
    prod[ix::SPERM0] = k_tr * carried * cap(ix::RES_GERM) * fsh_share * itt_support / s.ref_sertoli;
    for i in 0..SPERM_STAGES {
        let j = ix::SPERM0 + i;
        if i > 0 {
            prod[j] = k_tr * x[j - 1].max(0.0);
        }
        // Later stages (spermatids) depend most on ITT.
        rate[j] = k_tr + loss * (0.25 + 1.5 * i as f64 / SPERM_STAGES as f64);
    }
    let k_epi = 1.0 / p.epididymis_days;
    prod[ix::EPIDIDYMIS] = k_tr * x[ix::EPIDIDYMIS - 1].max(0.0);
    rate[ix::EPIDIDYMIS] = k_epi;

    // Slow capacities and reserves answer the day-averaged drive, not single pulses.
    prod[ix::DRIVE_DAILY] = p.k_drive_daily * gnrh_signal;
    rate[ix::DRIVE_DAILY] = p.k_drive_daily;
    if s.capacities_free {
        let drive_activity = (x[ix::DRIVE_DAILY].max(0.0) / s.set_drive.max(1e-9)).min(1.0);
        let leydig_activity = (hl / s.set_leydig.max(1e-9)).min(1.0);
        let germ_activity = (support / s.set_sertoli.max(1e-9)).min(1.0);
        let floor = p.capacity_floor;
        // The generator is held silent by the sex-steroid brake: how far the brake is released is its activity.
        let released = (s.set_brake / sig.steroid_brake.max(1e-9)).min(1.0);
        let log_excess = brake_log_excess(s, sig);
        generator_function(p, s, log_excess, floor, &mut prod, &mut rate);
        capacity(p, s, x, ix::CAP_PIT, drive_activity, floor, p.tau_pit_up_days, &mut prod, &mut rate);
        capacity(p, s, x, ix::CAP_LEY, leydig_activity, floor, p.tau_leydig_up_days, &mut prod, &mut rate);
        let ser_floor = p.sertoli_capacity_floor;
        capacity(p, s, x, ix::CAP_SER, germ_activity, ser_floor, p.tau_sertoli_up_days, &mut prod, &mut rate);
        // The generator's reserve is pressed by the brake (harder by a supraphysiological excess) and
        // regrows only as the brake comes off: a partial release, as on replacement doses, regrows little.
        let excess = if s.gnrh_deficient { 0.0 } else { p.hyp_excess_boost * steroid_excess(p, log_excess) };
        let taus = (p.tau_hyp_reserve_loss_days, p.tau_hyp_reserve_regrowth_days);
        // The generator regrows from what is left of it (its neurons recruit each other back into the
        // pulse), so the emptier it is the slower it starts: recovery time grows with the depth and length of
        // suppression as ln(1/R) instead of stepping where a plateau passes a threshold; and it rebuilds as it
        // fires again, so regrowth waits for its function to return (MODEL.md §3.8).
        let function = ((x[ix::CAP_HYP] - floor) / (1.0 - floor)).clamp(0.0, 1.0);
        let regrowth = released
            * released
            * x[ix::RES_HYP].max(p.hyp_reserve_floor)
            * pow(function.max(1e-9), p.hyp_regrowth_function_exponent);
        reserve(s, ix::RES_HYP, 1.0 - released, excess, regrowth, p.hyp_reserve_floor, taus, &mut prod, &mut rate);
        let taus = (p.tau_leydig_reserve_loss_days, p.tau_leydig_reserve_regrowth_days);
        // A man who never had GnRH of his own keeps his Leydig progenitors: undifferentiated, they have nothing
        // to lose by disuse (his Leydig capacity, not his cell reserve, is what a life without LH leaves low).
        let disuse = if s.gnrh_deficient { 0.0 } else { 1.0 - leydig_activity };
        reserve(s, ix::RES_LEY, disuse, 0.0, leydig_activity, p.leydig_reserve_floor, taus, &mut prod, &mut rate);
        let taus = (p.tau_germ_reserve_loss_days, p.tau_germ_reserve_regrowth_days);
        let (u, floor) = (1.0 - germ_activity, p.germ_reserve_floor);
        reserve(s, ix::RES_GERM, u, 0.0, germ_activity, floor, taus, &mut prod, &mut rate);
        // FSH and ITT together mature Sertoli cells; nothing un-matures them.
        let maturation = (fsh_s.min(1.0) * itt_support / s.ref_sertoli).clamp(0.0, 1.0) / p.tau_sertoli_maturation_days;
        prod[ix::SERTOLI_MATURITY] = maturation;
        rate[ix::SERTOLI_MATURITY] = maturation;
    }
    Rates { prod, rate, t_secretion }
}

/// Pituitary ER brake on gonadotropin release (1 at a typical male ER agonism of 0.5).
pub fn pituitary_brake(p: &Params, er_agonism: f64) -> f64 {
    (1.0 + p.c_pit_e * 0.5) / (1.0 + p.c_pit_e * er_agonism)
}

/// Leydig stimulation (the Hill term of LH-receptor drive `l`, IU/L) for this subject.
pub fn leydig_stimulation(p: &Params, s: &SubjectParams, l: f64) -> f64 {
    p.leydig_basal + hill(l * s.leydig_sensitivity, p.l50_iu, p.n_leydig)
}

/// Endogenous T secretion, nmol/day: the acute response to current stimulation times the capacity
/// induced by recent stimulation (`induced`, the same units; equal to the acute term at steady state),
/// less Leydig desensitisation `z` (full Leydig capacity).
pub fn leydig_secretion(p: &Params, n: &Norms, s: &SubjectParams, l: f64, induced: f64, z: f64) -> f64 {
    secretion_from_stimulation(p, n, leydig_stimulation(p, s, l), induced, z)
}

/// As [`leydig_secretion`], from an already computed stimulation.
pub fn secretion_from_stimulation(p: &Params, n: &Norms, acute: f64, induced: f64, z: f64) -> f64 {
    let mix = acute * pow(induced.max(1e-9) / acute.max(1e-9), p.leydig_induced_share);
    n.t_secretion * (1.0 - z).max(0.0) * mix / (p.leydig_basal + n.leydig)
}

/// Steady-state secretion (induced capacity caught up with stimulation).
pub fn leydig_secretion_steady(p: &Params, n: &Norms, s: &SubjectParams, l: f64, z: f64) -> f64 {
    leydig_secretion(p, n, s, l, leydig_stimulation(p, s, l), z)
}

/// Distribution volume of serum T, L.
pub fn volume_t(p: &Params) -> f64 {
    p.mcr_t_l_day / p.k_t
}

/// Relative T clearance: SHBG-bound T is protected from metabolism.
pub fn t_clearance(p: &Params, s: &SubjectParams, sig: &Signals) -> f64 {
    pow(sig.t_unbound_share / (s.ref_bio_t / crate::params::reference::TT_NMOL), p.gamma_clearance)
}

pub fn e2_clearance(p: &Params, sig: &Signals) -> f64 {
    pow(sig.e2_unbound_share / 0.62, p.gamma_clearance)
}

/// Peripheral aromatisation, relative to the reference man's total E2 production: of bioavailable T, which
/// saturates the enzyme (Michaelis-Menten), and of adrenal androstenedione, whose supply T does not set. Both
/// go through aromatase, so anastrozole lowers both.
pub fn peripheral_e2(p: &Params, s: &SubjectParams, sig: &Signals) -> f64 {
    let saturation = |t: f64| t / (1.0 + t / p.km_aromatase_nmol);
    let from_t = saturation(sig.bio_t) / saturation(s.ref_bio_t);
    let substrate = (1.0 - p.precursor_e2_share) * from_t + p.precursor_e2_share;
    (1.0 - p.testicular_e2_share) * s.aromatase_gain * s.fat * (1.0 - sig.aromatase_inhibition) * substrate
}

/// SHBG the liver settles at, nmol/L.
pub fn shbg_target(p: &Params, s: &SubjectParams, sig: &Signals) -> f64 {
    let v = s.shbg_gain
        * s.shbg_age
        * crate::params::reference::SHBG_NMOL
        * shbg_androgen_factor(p, sig.free_t.max(0.0) / s.ref_ft)
        * pow(sig.liver_e.max(1e-6) / s.ref_liver_e, p.shbg_e_exponent)
        * (1.0 + sig.liver_serm)
        / s.fat;
    v.min(400.0)
}

/// How free T at `relative` times the man's untreated level moves his SHBG: steeply down under an androgen
/// excess (current AAS users 17 vs 42 nmol/L), barely up without androgens (no change on castration), 1 at
/// his own level.
pub fn shbg_androgen_factor(p: &Params, relative: f64) -> f64 {
    (1.0 + p.shbg_low_t_rise) / (1.0 + p.shbg_low_t_rise * pow(relative, p.shbg_ft_exponent))
}

/// FSH the pituitary settles at, IU/L, for drive `omega` (capacity included) and inhibin B.
pub fn fsh_steady(p: &Params, s: &SubjectParams, omega: f64, pit_brake: f64, inhibin: f64) -> f64 {
    let inhibin_brake = 2.0 / (1.0 + inhibin.max(0.0) / p.k_inhibin);
    s.fsh_gain * crate::params::reference::FSH_IU * (omega * pit_brake * inhibin_brake + p.basal_fsh)
}

/// How the GnRH pulse frequency splits gonadotropin synthesis between FSH and LH: slower pulses favour FSH,
/// faster ones LH (Gross, Matsumoto & Bremner 1987, GnRH-deficient men on pulses every 1-4 h). 1 at the
/// reference man's interval; a man without pulses of his own keeps 1.
pub fn fsh_frequency(p: &Params, s: &SubjectParams, sig: &Signals) -> f64 {
    if s.gnrh_deficient {
        1.0
    } else {
        pow(sig.pulse_interval_min / p.phi_ref_min, p.fsh_frequency_exponent)
    }
}

/// FSH action on Sertoli cells relative to the reference man.
pub fn fsh_sertoli(p: &Params, n: &Norms, fsh: f64) -> f64 {
    let f = fsh.max(0.0);
    f / (f + p.k_fsh_sertoli_iu) / n.fsh_sertoli
}

/// What germ cells get from this man's testis, relative to the reference man: ITT's share (a Hill
/// function of ITT on his own need) and the whole support (ITT's share times √ of FSH action `fsh_s`).
pub fn germ_support(p: &Params, s: &SubjectParams, itt: f64, fsh_s: f64) -> (f64, f64) {
    let itt_support = hill(itt, p.k_itt_nmol * s.itt_need, p.n_itt);
    let fsh_action = p.fsh_independent_share + (1.0 - p.fsh_independent_share) * fsh_s.sqrt().min(1.5);
    (itt_support, (itt_support / s.ref_sertoli) * fsh_action)
}

/// Inhibin B the Sertoli cells settle at, pg/mL (full capacity).
pub fn inhibin_steady(p: &Params, s: &SubjectParams, fsh_s: f64) -> f64 {
    s.inhibin_gain
        * crate::params::reference::INHIBIN_PG_ML
        * (p.inhibin_basal_share + (1.0 - p.inhibin_basal_share) * fsh_s.min(2.0))
}

/// GnRH-receptor desensitisation at steady state for a sustained occupancy.
pub fn desensitisation_steady(p: &Params, occupancy: f64) -> f64 {
    let sd = hill(occupancy, p.desens_theta, p.desens_n);
    p.k_desens_on * sd / (p.k_desens_on * sd + p.k_desens_off * (1.0 - sd))
}

/// Pituitary drive (receptor occupancy net of desensitisation, 1 = reference) at steady state.
pub fn omega_steady(p: &Params, n: &Norms, occupancy: f64) -> f64 {
    occupancy * (1.0 - desensitisation_steady(p, occupancy)) / n.occupancy
}

/// Testicular aromatase drive at steady state for LH-receptor drive `l` (1 = reference man).
/// Leydig aromatase is induced by LH itself, nearly in proportion up to several-fold; under strong drive it is
/// then turned down (`aromatase_kept`), so E2 peaks before T after a large hCG dose.
pub fn testicular_aromatase_steady(p: &Params, n: &Norms, l: f64) -> f64 {
    hill(l.max(0.0), p.l_aromatase_iu, 1.0) / n.aromatase
}

/// E2 secreted by the testis, relative to the reference man's whole E2 production: Leydig mass times
/// induced aromatase `aromatase`, less what down-regulation `down` has taken.
pub fn testicular_e2(p: &Params, s: &SubjectParams, leydig_mass: f64, aromatase: f64, down: f64) -> f64 {
    p.testicular_e2_share * leydig_mass.max(0.0) * aromatase.max(0.0) * aromatase_kept(p, down) / s.ref_aromatase
}

/// Share of induced testicular aromatase still working under down-regulation `w` (0..1).
pub fn aromatase_kept(p: &Params, w: f64) -> f64 {
    1.0 - p.aromatase_down_depth * w.clamp(0.0, 1.0)
}

/// Aromatase down-regulation at steady state for LH-receptor drive `l`, IU/L.
pub fn aromatase_down_steady(p: &Params, l: f64) -> f64 {
    hill(l.max(0.0), p.l_aromatase_down_iu, 1.0)
}

/// LH the pituitary settles at, IU/L.
pub fn lh_steady(p: &Params, s: &SubjectParams, omega: f64, pit_brake: f64) -> f64 {
    s.pit_gain * crate::params::reference::LH_IU * (omega * pit_brake + p.basal_lh)
}

/// Intratesticular T, nmol/L: Leydig secretion concentrated in the testis (saturating: more secretion
/// leaves the testis faster), plus serum T.
pub fn itt_from(p: &Params, n: &Norms, s: &SubjectParams, t_secretion: f64, serum_tt: f64) -> f64 {
    let from_testis = crate::params::reference::ITT_NMOL - crate::params::reference::TT_NMOL;
    let r = t_secretion.max(0.0) / n.t_secretion;
    let k = p.itt_half_secretion;
    s.itt_gain * from_testis * r * (1.0 + k) / (r + k) + serum_tt.max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pow_matches_powf_for_eighths_and_others() {
        for &x in &[0.0, 1e-6, 0.37, 1.0, 2.5, 1234.5] {
            for &n in &[-2.0, -0.5, 0.125, 0.25, 0.5, 1.0, 1.9, 2.0, 3.0, 4.0, 0.3] {
                let (a, b) = (pow(x, n), f64::powf(x, n));
                assert!(
                    (a - b).abs() <= 1e-12 * b.abs().max(1.0) || (a.is_infinite() && b.is_infinite()),
                    "{x}^{n}: {a} vs {b}"
                );
            }
        }
    }

    #[test]
    fn vermeulen_free_t_is_about_two_percent() {
        let (free, bio) = vermeulen(18.0, 35.0, 1.0e9, 3.6e4, 43.0 / 69_000.0);
        assert!((free / 18.0 - 0.02).abs() < 0.006, "{free}");
        assert!(bio > free && bio < 18.0);
    }

    #[test]
    fn mean_occupancy_is_exact() {
        // Numerical average of g/(g+K) for g = a e^{-kt} + c over a span.
        let (a, c, k, span, kr) = (16.0, 0.5, 0.17, 95.0, 20.0);
        let n = 100_000;
        let num: f64 = (0..n)
            .map(|i| {
                let t = (i as f64 + 0.5) * span / n as f64;
                let g = a * (-k * t).exp() + c;
                g / (g + kr)
            })
            .sum::<f64>()
            / n as f64;
        assert!((mean_occupancy(a, c, k, span, kr) - num).abs() < 1e-6);
    }
}
