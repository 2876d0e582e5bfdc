//! Every constant of the model, with its unit. Sources and derivations are in `docs/MODEL.md`;
//! the names here match the symbols there.

/// Population constants: one set serves every subject and every validation case.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    // --- hypothalamus ---
    /// GnRH pulse interval with no sex-steroid feedback, min (agonadal men pulse ~2.7x faster).
    pub phi0_min: f64,
    /// Interval lengthening by free T (fraction of occupancy) and by central ER agonism.
    pub a_t: f64,
    pub k_ft_interval_nmol: f64,
    pub a_e: f64,
    /// Pulse-mass suppression by free T and ER agonism: m = 1/((1+(FT/k)^n)(1+(E/k)^n)).
    pub k_ft_mass_nmol: f64,
    pub n_ft_mass: f64,
    pub k_e_mass: f64,
    pub n_e_mass: f64,
    /// Portal GnRH elimination, per minute (t1/2 ~4 min).
    pub k_gnrh_per_min: f64,
    /// Reference pulse interval, min (Veldhuis 1987: 95 min).
    pub phi_ref_min: f64,
    // --- estrogen receptor (central) ---
    /// Free E2 giving half ER occupancy, pmol/L.
    pub k_e2_pmol: f64,
    /// Free T whose local (brain) aromatisation gives as much central ER signal as K_E2 of free E2, nmol/L.
    pub k_brain_t_nmol: f64,
    /// Antagonist/partial-agonist dissociation constants, ng/mL total plasma concentration.
    pub k_enclomiphene: f64,
    pub k_zuclomiphene: f64,
    /// Intrinsic agonist efficacy of zuclomiphene at the central ER (0 = pure antagonist).
    pub alpha_zuclomiphene: f64,
    pub k_tamoxifen: f64,
    pub alpha_tamoxifen: f64,
    // --- pituitary ---
    /// Receptor occupancy half-saturation in normalised GnRH units (1 = mean endogenous drive).
    pub k_receptor: f64,
    /// Plasma gonadorelin concentration equivalent to the mean endogenous portal drive, ng/L.
    pub gonadorelin_equiv_ng_l: f64,
    /// Sustained-occupancy filter rate, per day.
    pub k_occupancy_filter: f64,
    /// Desensitisation: dD/dt = k_on S(o)(1-D) - k_off (1-S(o)) D; S = o^n/(theta^n+o^n).
    pub k_desens_on: f64,
    pub k_desens_off: f64,
    pub desens_theta: f64,
    pub desens_n: f64,
    /// Releasable LH pool turnover and synthesis-drive filter, per day.
    pub k_pool: f64,
    pub k_pool_drive: f64,
    /// Pituitary ER brake on LH and FSH release.
    pub c_pit_e: f64,
    /// GnRH-independent gonadotropin secretion, fraction of reference.
    pub basal_lh: f64,
    pub basal_fsh: f64,
    /// Share of FSH secretion that follows GnRH at once (the rest follows the day-averaged drive).
    pub fsh_acute_share: f64,
    /// FSH synthesis against the GnRH pulse interval (relative to the reference interval): its exponent.
    pub fsh_frequency_exponent: f64,
    /// LH and FSH elimination, per day (t1/2 1.3 h and ~8 h).
    pub k_lh: f64,
    pub k_fsh: f64,
    /// Inhibin B half-effect on FSH, pg/mL.
    pub k_inhibin: f64,
    // --- testis ---
    /// Leydig dose-response to LH-equivalents (IU/L): Hill half-effect and coefficient.
    pub l50_iu: f64,
    pub n_leydig: f64,
    /// Basal (LH-independent) secretion relative to the Hill term's maximum.
    pub leydig_basal: f64,
    /// LH-receptor potency of hCG per IU/L relative to LH.
    pub hcg_potency: f64,
    /// Share of Leydig output set by capacity induced over days (vs the acute response), and the
    /// induction rate, per day (Saez & Forest 1979: x1.6 at 2-4 h, peak x2.4 at 72-96 h).
    pub leydig_induced_share: f64,
    pub k_leydig_induction: f64,
    /// Leydig desensitisation by high LH-receptor drive.
    pub l_desens_iu: f64,
    pub k_ldesens_on: f64,
    pub k_ldesens_off: f64,
    /// Testicular aromatase drive half-saturation, IU/L, and its induction rate, per day.
    pub l_aromatase_iu: f64,
    pub k_aromatase_induction: f64,
    /// Aromatase down-regulation: LH-receptor drive at half-maximal, IU/L; its rate, per day; the share of
    /// testicular aromatase lost at full down-regulation.
    pub l_aromatase_down_iu: f64,
    pub k_aromatase_down: f64,
    pub aromatase_down_depth: f64,
    /// Share of E2 secreted by the testis at reference.
    pub testicular_e2_share: f64,
    /// Share of peripheral aromatisation whose substrate is not T but adrenal androstenedione, which goes on
    /// when T is suppressed (E2 keeps ~21 % of its baseline at castrate T: Rubinow 2017).
    pub precursor_e2_share: f64,
    // --- circulation ---
    /// Testosterone elimination, per day (plasma t1/2 ~1 h), and metabolic clearance, L/day.
    pub k_t: f64,
    pub mcr_t_l_day: f64,
    /// Exponent of T and E2 clearance on the non-SHBG-bound fraction.
    pub gamma_clearance: f64,
    /// Vermeulen constants, L/mol, and albumin, mol/L.
    pub ka_shbg_t: f64,
    pub ka_alb_t: f64,
    pub ka_shbg_e2: f64,
    pub ka_alb_e2: f64,
    pub albumin_mol_l: f64,
    /// E2 elimination, per day.
    pub k_e2: f64,
    /// Bioavailable T at which peripheral aromatase runs at half its maximum, nmol/L.
    pub km_aromatase_nmol: f64,
    /// Anastrozole IC50 for aromatase, ng/mL.
    pub ic50_anastrozole: f64,
    /// SHBG turnover, per day (t1/2 ~7 d), and its response to free T and liver ER agonism.
    pub k_shbg: f64,
    /// SHBG against free T is asymmetric: androgen excess lowers it steeply, androgen lack raises it little
    /// (unchanged on castration: Eri 1996, Choi 2020). Factor (1 + c)/(1 + c·(FT/FT_ref)^m): c is the rise at
    /// no free T, m the steepness.
    pub shbg_low_t_rise: f64,
    pub shbg_ft_exponent: f64,
    pub shbg_e_exponent: f64,
    pub k_zuclomiphene_liver: f64,
    pub k_tamoxifen_liver: f64,
    // --- Sertoli and spermatogenesis ---
    pub k_fsh_sertoli_iu: f64,
    /// ITT half-effect on germ-cell survival, nmol/L, and Hill coefficient.
    pub k_itt_nmol: f64,
    pub n_itt: f64,
    pub k_inhibin_turnover: f64,
    /// FSH-independent share of inhibin B.
    pub inhibin_basal_share: f64,
    /// Duration of spermatogenesis and of epididymal transit, days.
    pub spermatogenesis_days: f64,
    pub epididymis_days: f64,
    /// Germ-cell loss rate at full withdrawal, per day.
    pub k_germ_loss: f64,
    /// Share of spermatogonial entry and germ-cell support that does not need FSH once Sertoli cells are
    /// mature (intratesticular T alone keeps spermatogenesis going, at a lower output).
    pub fsh_independent_share: f64,
    // --- slow capacities ---
    /// Rate of the day-averaged pituitary drive the capacities follow, per day.
    pub k_drive_daily: f64,
    /// Lowest fraction the GnRH generator, pituitary and Leydig capacities fall to under long suppression.
    pub capacity_floor: f64,
    /// Sertoli cells are not lost under TRT, only unstimulated: their capacity falls less.
    pub sertoli_capacity_floor: f64,
    /// Disuse: every functional capacity falls towards its target with this time constant, days.
    pub tau_capacity_down_days: f64,
    /// Regain of function once activity returns, days: generator output, gonadotroph synthesis
    /// (self-priming), Leydig cell size, Sertoli function.
    pub tau_hyp_up_days: f64,
    pub tau_pit_up_days: f64,
    pub tau_leydig_up_days: f64,
    pub tau_sertoli_up_days: f64,
    /// GnRH generator reserve: lost while the generator is held silent, regrown with its activity from what
    /// is left of it (the regrowth time is that of a barely depleted generator; an emptier one starts slower),
    /// days; the share that survives any suppression.
    pub tau_hyp_reserve_loss_days: f64,
    pub tau_hyp_reserve_regrowth_days: f64,
    pub hyp_reserve_floor: f64,
    /// The generator's structural regrowth scales with its regained function (its capacity above the floor,
    /// 0..1) to this power: it rebuilds as it fires again.
    pub hyp_regrowth_function_exponent: f64,
    /// The generator's function is silenced by a sustained sex-steroid excess at 1/this per day for each unit of
    /// ln(brake / untreated brake): an integral of the excess, so exogenous T at about a man's own level ends by
    /// shutting his generator down where the brake alone would leave him LH, days.
    pub tau_hyp_excess_days: f64,
    /// Pulse interval lengthens as reserve^-this.
    pub hyp_reserve_frequency_exponent: f64,
    /// Sex-steroid excess speeds that loss up to (1 + boost)-fold: the excess is a Hill function of the
    /// ln of the brake over its untreated value (half effect, coefficient), so replacement doses press
    /// little and supraphysiological doses hard.
    pub hyp_excess_boost: f64,
    pub hyp_excess_half: f64,
    pub hyp_excess_n: f64,
    /// Leydig cell number: lost without LH, regrown from stem Leydig cells with LH, days; and the
    /// share that survives any deprivation.
    pub tau_leydig_reserve_loss_days: f64,
    pub tau_leydig_reserve_regrowth_days: f64,
    pub leydig_reserve_floor: f64,
    /// Spermatogonial reserve: lost without FSH and ITT, regrown with them, days; surviving share.
    pub tau_germ_reserve_loss_days: f64,
    pub tau_germ_reserve_regrowth_days: f64,
    pub germ_reserve_floor: f64,
    /// Sertoli maturation under full FSH and ITT, days, and the maturity of a testis that never saw them.
    pub tau_sertoli_maturation_days: f64,
    pub sertoli_immature: f64,
    /// Steepness with which Sertoli maturity gates germ-cell entry.
    pub n_sertoli_maturity: f64,
    /// Fractional slowing of recovery per decade above 30 years (an adjustable assumption).
    pub age_recovery_per_decade: f64,
    /// Leydig secretion (relative to reference) at which testicular T is half its maximum: ITT
    /// saturates with secretion, so hCG's dose-response is flat (Coviello 2005).
    pub itt_half_secretion: f64,
    // --- differences between men ---
    /// The spread of each trait of the virtual population (`population::SPREADS`, same order): ln(factor) ~
    /// Normal(0, sigma).
    pub spread_sigma: [f64; SPREAD_COUNT],
}

/// How many traits the virtual population varies.
pub const SPREAD_COUNT: usize = 12;

/// Each trait's key (`population::SPREADS` says what it is; `spread_sigma.KEY` names its spread).
pub const SPREAD_KEYS: [&str; SPREAD_COUNT] = [
    "hypothalamus",
    "pituitary",
    "leydig",
    "shbg",
    "aromatase",
    "t_clearance",
    "absorption",
    "elimination",
    "recovery",
    "susceptibility",
    "germ_cells",
    "itt_need",
];

/// Each trait's spread as the engine ships it (`population::SPREADS` names them; docs/MODEL.md §8 sources
/// them).
pub const SPREAD_SIGMA: [f64; SPREAD_COUNT] = [0.45, 0.40, 0.40, 0.35, 0.30, 0.35, 0.30, 0.30, 0.70, 1.0, 0.7238, 0.60];

/// Every scalar parameter by its name (the name in docs/MODEL.md), so a calibration can set it.
macro_rules! by_name {
    ($($field:ident),* $(,)?) => {
        impl Params {
            /// The parameter called `name`: a scalar's own name, or `spread_sigma.KEY` for the spread of a
            /// population trait (`population::SPREADS` keys).
            pub fn get(&self, name: &str) -> Option<f64> {
                match name {
                    $(stringify!($field) => Some(self.$field),)*
                    _ => Some(self.spread_sigma[spread_index(name)?]),
                }
            }

            /// Sets the parameter called `name`; false when there is none.
            pub fn set(&mut self, name: &str, value: f64) -> bool {
                self.slot(name).map(|v| *v = value).is_some()
            }

            fn slot(&mut self, name: &str) -> Option<&mut f64> {
                match name {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => Some(&mut self.spread_sigma[spread_index(name)?]),
                }
            }
        }
    };
}

/// `spread_sigma.KEY`'s index in `spread_sigma`.
fn spread_index(name: &str) -> Option<usize> {
    let key = name.strip_prefix("spread_sigma.")?;
    SPREAD_KEYS.iter().position(|k| *k == key)
}

by_name!(
    phi0_min,
    a_t,
    k_ft_interval_nmol,
    a_e,
    k_ft_mass_nmol,
    n_ft_mass,
    k_e_mass,
    n_e_mass,
    k_gnrh_per_min,
    phi_ref_min,
    k_e2_pmol,
    k_brain_t_nmol,
    k_enclomiphene,
    k_zuclomiphene,
    alpha_zuclomiphene,
    k_tamoxifen,
    alpha_tamoxifen,
    k_receptor,
    gonadorelin_equiv_ng_l,
    k_occupancy_filter,
    k_desens_on,
    k_desens_off,
    desens_theta,
    desens_n,
    k_pool,
    k_pool_drive,
    c_pit_e,
    basal_lh,
    basal_fsh,
    fsh_acute_share,
    fsh_frequency_exponent,
    k_lh,
    k_fsh,
    k_inhibin,
    l50_iu,
    n_leydig,
    leydig_basal,
    hcg_potency,
    leydig_induced_share,
    k_leydig_induction,
    l_desens_iu,
    k_ldesens_on,
    k_ldesens_off,
    l_aromatase_iu,
    k_aromatase_induction,
    l_aromatase_down_iu,
    k_aromatase_down,
    aromatase_down_depth,
    testicular_e2_share,
    precursor_e2_share,
    k_t,
    mcr_t_l_day,
    gamma_clearance,
    ka_shbg_t,
    ka_alb_t,
    ka_shbg_e2,
    ka_alb_e2,
    albumin_mol_l,
    k_e2,
    km_aromatase_nmol,
    ic50_anastrozole,
    k_shbg,
    shbg_low_t_rise,
    shbg_ft_exponent,
    shbg_e_exponent,
    k_zuclomiphene_liver,
    k_tamoxifen_liver,
    k_fsh_sertoli_iu,
    k_itt_nmol,
    n_itt,
    k_inhibin_turnover,
    inhibin_basal_share,
    spermatogenesis_days,
    epididymis_days,
    k_germ_loss,
    fsh_independent_share,
    k_drive_daily,
    capacity_floor,
    sertoli_capacity_floor,
    tau_capacity_down_days,
    tau_hyp_up_days,
    tau_pit_up_days,
    tau_leydig_up_days,
    tau_sertoli_up_days,
    tau_hyp_reserve_loss_days,
    tau_hyp_reserve_regrowth_days,
    hyp_reserve_floor,
    hyp_regrowth_function_exponent,
    tau_hyp_excess_days,
    hyp_reserve_frequency_exponent,
    hyp_excess_boost,
    hyp_excess_half,
    hyp_excess_n,
    tau_leydig_reserve_loss_days,
    tau_leydig_reserve_regrowth_days,
    leydig_reserve_floor,
    tau_germ_reserve_loss_days,
    tau_germ_reserve_regrowth_days,
    germ_reserve_floor,
    tau_sertoli_maturation_days,
    sertoli_immature,
    n_sertoli_maturity,
    age_recovery_per_decade,
    itt_half_secretion,
);

impl Default for Params {
    fn default() -> Self {
        let ln2 = std::f64::consts::LN_2;
        Params {
            phi0_min: 35.0,
            a_t: 1.3,
            k_ft_interval_nmol: 0.35,
            a_e: 1.8,
            k_ft_mass_nmol: 0.5,
            n_ft_mass: 3.0,
            k_e_mass: 0.55,
            n_e_mass: 2.0,
            k_gnrh_per_min: ln2 / 4.0,
            phi_ref_min: 95.0,
            k_e2_pmol: 2.0,
            k_brain_t_nmol: 0.2159,
            k_enclomiphene: 0.2828,
            k_zuclomiphene: 15.0,
            alpha_zuclomiphene: 0.35,
            k_tamoxifen: 3.0,
            alpha_tamoxifen: 0.0,
            k_receptor: 20.0,
            gonadorelin_equiv_ng_l: 3.364,
            k_occupancy_filter: 2.0,
            k_desens_on: 0.35,
            k_desens_off: 0.15,
            desens_theta: 0.2,
            desens_n: 4.0,
            k_pool: 1.0,
            k_pool_drive: 4.0,
            c_pit_e: 0.5,
            basal_lh: 0.04,
            basal_fsh: 0.03,
            fsh_acute_share: 0.1,
            fsh_frequency_exponent: 0.5,
            k_lh: ln2 / (1.3 / 24.0),
            k_fsh: ln2 / (8.0 / 24.0),
            k_inhibin: 106.1,
            l50_iu: 5.18,
            n_leydig: 1.9,
            leydig_basal: 0.01,
            hcg_potency: 0.9,
            leydig_induced_share: 0.5,
            k_leydig_induction: std::f64::consts::LN_2 / 1.0,
            l_desens_iu: 150.0,
            k_ldesens_on: 1.5,
            k_ldesens_off: ln2 / 0.5,
            l_aromatase_iu: 25.0,
            k_aromatase_induction: 2.0,
            l_aromatase_down_iu: 50.0,
            k_aromatase_down: ln2 / 1.5,
            aromatase_down_depth: 0.8,
            testicular_e2_share: 0.4,
            precursor_e2_share: 0.2562,
            k_t: ln2 / (1.0 / 24.0),
            mcr_t_l_day: 1100.0,
            gamma_clearance: 0.4375,
            ka_shbg_t: 1.0e9,
            ka_alb_t: 3.6e4,
            ka_shbg_e2: 3.14e8,
            ka_alb_e2: 4.21e4,
            albumin_mol_l: 43.0 / 69_000.0,
            k_e2: ln2 / (2.0 / 24.0),
            km_aromatase_nmol: 133.4,
            ic50_anastrozole: 0.9,
            k_shbg: ln2 / 7.0,
            shbg_low_t_rise: 0.15,
            shbg_ft_exponent: 0.8409,
            shbg_e_exponent: 0.125,
            k_zuclomiphene_liver: 100.0,
            k_tamoxifen_liver: 100.0,
            k_fsh_sertoli_iu: 1.5,
            k_itt_nmol: 353.6,
            n_itt: 3.0,
            k_inhibin_turnover: ln2 / 5.0,
            inhibin_basal_share: 0.35,
            spermatogenesis_days: 64.0,
            epididymis_days: 10.0,
            k_germ_loss: 0.03,
            fsh_independent_share: 0.5,
            k_drive_daily: 1.0,
            capacity_floor: 0.1414,
            sertoli_capacity_floor: 0.5,
            tau_capacity_down_days: 30.0,
            tau_hyp_up_days: 30.0,
            tau_pit_up_days: 5.0,
            tau_leydig_up_days: 25.22,
            tau_sertoli_up_days: 35.68,
            tau_hyp_reserve_loss_days: 1273.0,
            tau_hyp_reserve_regrowth_days: 50.0,
            hyp_reserve_floor: 0.02,
            hyp_regrowth_function_exponent: 2.0,
            tau_hyp_excess_days: 3.0,
            hyp_reserve_frequency_exponent: 1.0,
            hyp_excess_boost: 5.0,
            hyp_excess_half: 2.828,
            hyp_excess_n: 3.0,
            tau_leydig_reserve_loss_days: 1556.0,
            tau_leydig_reserve_regrowth_days: 84.85,
            leydig_reserve_floor: 0.3,
            tau_germ_reserve_loss_days: 730.0,
            tau_germ_reserve_regrowth_days: 120.0,
            germ_reserve_floor: 0.1,
            tau_sertoli_maturation_days: 120.0,
            sertoli_immature: 0.02,
            n_sertoli_maturity: 3.0,
            age_recovery_per_decade: 0.1,
            itt_half_secretion: 0.7,
            spread_sigma: SPREAD_SIGMA,
        }
    }
}

/// The reference adult man's untreated labs (targets for calibration when no baseline is given).
pub mod reference {
    /// Total T 519 ng/dL (Travison 2017 median 531).
    pub const TT_NMOL: f64 = 18.0;
    pub const LH_IU: f64 = 4.5;
    pub const FSH_IU: f64 = 4.5;
    /// E2 25 pg/mL.
    pub const E2_PMOL: f64 = 91.8;
    pub const SHBG_NMOL: f64 = 35.0;
    pub const INHIBIN_PG_ML: f64 = 150.0;
    pub const ITT_NMOL: f64 = 1200.0;
    pub const SPERM_M_ML: f64 = 60.0;
}
