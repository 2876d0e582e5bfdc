//! The drug catalogue: which agents exist, their routes and units, their pharmacokinetics, and the
//! limits beyond which a dose is treated as a typing error rather than a regimen.
//!
//! Every number has its source in `docs/MODEL.md` (section "Agents").

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Agent {
    TestosteroneCypionate,
    TestosteroneEnanthate,
    TestosteroneUndecanoate,
    TestosteroneGel,
    ClomipheneCitrate,
    EnclomipheneCitrate,
    Tamoxifen,
    Anastrozole,
    Gonadorelin,
    Hcg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    Im,
    Sc,
    Oral,
    Transdermal,
    /// Pulses from a pump, `every_minutes` apart.
    ScPump,
    /// Continuous subcutaneous infusion; the dose is a rate.
    ScInfusion,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DoseUnit {
    #[serde(rename = "mg")]
    Mg,
    #[serde(rename = "ug")]
    Ug,
    #[serde(rename = "IU")]
    Iu,
    #[serde(rename = "ng/kg")]
    NgPerKg,
    #[serde(rename = "ug/day")]
    UgPerDay,
}

impl DoseUnit {
    pub fn label(self) -> &'static str {
        match self {
            DoseUnit::Mg => "mg",
            DoseUnit::Ug => "ug",
            DoseUnit::Iu => "IU",
            DoseUnit::NgPerKg => "ng/kg",
            DoseUnit::UgPerDay => "ug/day",
        }
    }
}

/// Where an agent's dose goes once absorbed. Each is a separate linear PK chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Compartment {
    /// Testosterone entering the circulation, nmol/day (feeds the physiological T state).
    Testosterone,
    Enclomiphene,
    Zuclomiphene,
    Tamoxifen,
    Anastrozole,
    Gonadorelin,
    Hcg,
}

/// A linear chain depot -(ka1)-> transit -(ka2)-> central -(ke)->, per day.
/// `ka2 = None` means the depot empties straight into the central compartment.
/// For testosterone the "central" is the physiological serum pool, so only the input rate is used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pk {
    pub ka1: f64,
    pub ka2: Option<f64>,
    pub ke: f64,
    /// Apparent volume, L (concentration = amount / volume).
    pub volume_l: f64,
    /// Fraction of the dose that reaches the circulation.
    pub bioavailability: f64,
}

const LN2: f64 = std::f64::consts::LN_2;
const fn per_day_from_half_life_days(t: f64) -> f64 {
    LN2 / t
}

/// One dose of an agent becomes one or more deliveries into PK chains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Delivery {
    pub compartment: Compartment,
    pub pk: Pk,
    /// Amount delivered per unit of dose, in the compartment's amount unit
    /// (nmol for testosterone, ug for drugs in ng/mL, ng for gonadorelin, IU for hCG).
    pub amount_per_dose_unit: f64,
}

impl Agent {
    /// Whether the agent is testosterone itself (any ester or route).
    pub fn is_testosterone(self) -> bool {
        matches!(
            self,
            Agent::TestosteroneCypionate
                | Agent::TestosteroneEnanthate
                | Agent::TestosteroneUndecanoate
                | Agent::TestosteroneGel
        )
    }

    pub const ALL: [Agent; 10] = [
        Agent::TestosteroneCypionate,
        Agent::TestosteroneEnanthate,
        Agent::TestosteroneUndecanoate,
        Agent::TestosteroneGel,
        Agent::ClomipheneCitrate,
        Agent::EnclomipheneCitrate,
        Agent::Tamoxifen,
        Agent::Anastrozole,
        Agent::Gonadorelin,
        Agent::Hcg,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Agent::TestosteroneCypionate => "testosterone_cypionate",
            Agent::TestosteroneEnanthate => "testosterone_enanthate",
            Agent::TestosteroneUndecanoate => "testosterone_undecanoate",
            Agent::TestosteroneGel => "testosterone_gel",
            Agent::ClomipheneCitrate => "clomiphene_citrate",
            Agent::EnclomipheneCitrate => "enclomiphene_citrate",
            Agent::Tamoxifen => "tamoxifen",
            Agent::Anastrozole => "anastrozole",
            Agent::Gonadorelin => "gonadorelin",
            Agent::Hcg => "hcg",
        }
    }

    pub fn display_name(self) -> &'static str {
        match self {
            Agent::TestosteroneCypionate => "Testosterone cypionate",
            Agent::TestosteroneEnanthate => "Testosterone enanthate",
            Agent::TestosteroneUndecanoate => "Testosterone undecanoate",
            Agent::TestosteroneGel => "Testosterone gel",
            Agent::ClomipheneCitrate => "Clomiphene citrate",
            Agent::EnclomipheneCitrate => "Enclomiphene citrate",
            Agent::Tamoxifen => "Tamoxifen",
            Agent::Anastrozole => "Anastrozole",
            Agent::Gonadorelin => "Gonadorelin (GnRH)",
            Agent::Hcg => "hCG",
        }
    }

    pub fn routes(self) -> &'static [Route] {
        match self {
            Agent::TestosteroneCypionate | Agent::TestosteroneEnanthate | Agent::TestosteroneUndecanoate => {
                &[Route::Im]
            }
            Agent::TestosteroneGel => &[Route::Transdermal],
            Agent::ClomipheneCitrate | Agent::EnclomipheneCitrate | Agent::Tamoxifen | Agent::Anastrozole => {
                &[Route::Oral]
            }
            Agent::Gonadorelin => &[Route::ScPump, Route::Sc, Route::ScInfusion],
            Agent::Hcg => &[Route::Im, Route::Sc],
        }
    }

    pub fn units(self, route: Route) -> &'static [DoseUnit] {
        match (self, route) {
            (Agent::Gonadorelin, Route::ScInfusion) => &[DoseUnit::UgPerDay],
            (Agent::Gonadorelin, _) => &[DoseUnit::NgPerKg, DoseUnit::Ug],
            (Agent::Hcg, _) => &[DoseUnit::Iu],
            _ => &[DoseUnit::Mg],
        }
    }

    /// Largest dose accepted per administration (or per day for an infusion), in `unit`.
    /// These are several times the largest regimen in clinical use: beyond them the input is a typo.
    pub fn max_dose(self, unit: DoseUnit) -> f64 {
        match (self, unit) {
            (Agent::TestosteroneUndecanoate, _) => 2000.0,
            (Agent::TestosteroneCypionate | Agent::TestosteroneEnanthate, _) => 1000.0,
            (Agent::TestosteroneGel, _) => 300.0,
            (Agent::ClomipheneCitrate | Agent::EnclomipheneCitrate, _) => 200.0,
            (Agent::Tamoxifen, _) => 80.0,
            (Agent::Anastrozole, _) => 10.0,
            (Agent::Gonadorelin, DoseUnit::NgPerKg) => 2000.0,
            (Agent::Gonadorelin, DoseUnit::UgPerDay) => 2000.0,
            (Agent::Gonadorelin, _) => 1000.0,
            (Agent::Hcg, _) => 20000.0,
        }
    }

    /// The doses per administration (per day for an infusion) that studies in men used, in `unit`: a dose far
    /// outside it is accepted but flagged where it is typed (often a decimal mark misread: "1,5" IU of hCG).
    pub fn studied_doses(self, unit: DoseUnit) -> (f64, f64) {
        match (self, unit) {
            // TRT: 50-250 mg weekly to 400 mg every 2-4 weeks; 750-1000 mg undecanoate every 10-12 weeks.
            (Agent::TestosteroneCypionate | Agent::TestosteroneEnanthate, _) => (50.0, 400.0),
            (Agent::TestosteroneUndecanoate, _) => (750.0, 1000.0),
            (Agent::TestosteroneGel, _) => (25.0, 100.0),
            (Agent::ClomipheneCitrate, _) => (12.5, 50.0),
            (Agent::EnclomipheneCitrate, _) => (6.25, 25.0),
            (Agent::Tamoxifen, _) => (10.0, 20.0),
            (Agent::Anastrozole, _) => (0.25, 1.0),
            // Pumps 5-25 ng/kg a pulse (Hoffman 1982); boluses of 25-100 ug; infusions of 100-500 ug a day.
            (Agent::Gonadorelin, DoseUnit::NgPerKg) => (5.0, 25.0),
            (Agent::Gonadorelin, DoseUnit::UgPerDay) => (100.0, 500.0),
            (Agent::Gonadorelin, _) => (25.0, 100.0),
            // 125-500 IU with TRT (Coviello 2005) to 1,500-10,000 IU to restart.
            (Agent::Hcg, _) => (125.0, 10_000.0),
        }
    }

    /// Whether a dose lies so far outside what studies used (a fifth of the smallest, five times the
    /// largest) that it is more likely a typing slip than a choice.
    pub fn dose_is_unusual(self, unit: DoseUnit, dose: f64) -> bool {
        let (lo, hi) = self.studied_doses(unit);
        dose < lo / 5.0 || dose > hi * 5.0
    }

    /// Largest amount accepted per week (dose x administrations per week, or an infusion's rate x 7),
    /// in `unit`: a few times the heaviest use on record, so a regimen beyond it is a typing error.
    pub fn max_weekly(self, unit: DoseUnit) -> f64 {
        match (self, unit) {
            (Agent::TestosteroneCypionate | Agent::TestosteroneEnanthate | Agent::TestosteroneUndecanoate, _) => 3000.0,
            (Agent::TestosteroneGel, _) => 2100.0,
            (Agent::ClomipheneCitrate | Agent::EnclomipheneCitrate, _) => 1400.0,
            (Agent::Tamoxifen, _) => 560.0,
            (Agent::Anastrozole, _) => 70.0,
            (Agent::Gonadorelin, DoseUnit::NgPerKg) => 7.0 * 48.0 * 2000.0,
            (Agent::Gonadorelin, _) => 14_000.0,
            (Agent::Hcg, _) => 70_000.0,
        }
    }

    /// Shortest interval accepted between doses, days.
    pub fn min_interval_days(self, route: Route) -> f64 {
        match route {
            Route::ScPump => 30.0 / 1440.0,
            _ => match self {
                Agent::Gonadorelin => 30.0 / 1440.0,
                _ => 0.25,
            },
        }
    }

    /// How one dose unit of this agent is delivered into the PK chains.
    /// `weight_kg` scales per-kilogram doses.
    pub fn deliveries(self, route: Route, unit: DoseUnit, weight_kg: f64) -> Vec<Delivery> {
        // Testosterone: mg of ester -> nmol of testosterone (mass fraction x 1e6 / 288.4).
        let t_nmol_per_mg = |fraction: f64| fraction * 1.0e6 / super::units::T_NG_PER_NMOL;
        let t_chain = |release_half_life_d: f64, fraction: f64, f: f64| Delivery {
            compartment: Compartment::Testosterone,
            pk: Pk {
                ka1: 1.0,
                ka2: Some(per_day_from_half_life_days(release_half_life_d)),
                ke: 0.0,
                volume_l: 1.0,
                bioavailability: f,
            },
            amount_per_dose_unit: t_nmol_per_mg(fraction),
        };
        match self {
            Agent::TestosteroneEnanthate => vec![t_chain(4.5, 0.72, 1.0)],
            Agent::TestosteroneCypionate => vec![t_chain(8.0, 0.70, 1.0)],
            Agent::TestosteroneUndecanoate => {
                vec![Delivery { pk: Pk { ka1: 0.25, ..t_chain(34.0, 0.63, 1.0).pk }, ..t_chain(34.0, 0.63, 1.0) }]
            }
            Agent::TestosteroneGel => vec![Delivery {
                compartment: Compartment::Testosterone,
                pk: Pk { ka1: 4.0, ka2: Some(1.2), ke: 0.0, volume_l: 1.0, bioavailability: 0.10 },
                amount_per_dose_unit: t_nmol_per_mg(1.0),
            }],
            Agent::ClomipheneCitrate => {
                // Citrate salt: 405.9 / 598.1 of the mass is clomiphene base; zu:en = 38:62.
                let base = 405.9 / 598.1;
                vec![
                    Delivery {
                        compartment: Compartment::Enclomiphene,
                        pk: enclomiphene_pk(),
                        amount_per_dose_unit: 1000.0 * base * 0.62,
                    },
                    Delivery {
                        compartment: Compartment::Zuclomiphene,
                        pk: Pk {
                            ka1: 12.0,
                            ka2: None,
                            ke: per_day_from_half_life_days(14.0),
                            volume_l: 3000.0,
                            bioavailability: 1.0,
                        },
                        amount_per_dose_unit: 1000.0 * base * 0.38,
                    },
                ]
            }
            Agent::EnclomipheneCitrate => vec![Delivery {
                compartment: Compartment::Enclomiphene,
                pk: enclomiphene_pk(),
                amount_per_dose_unit: 1000.0 * 405.9 / 598.1,
            }],
            Agent::Tamoxifen => vec![Delivery {
                compartment: Compartment::Tamoxifen,
                // Parent plus active metabolites lumped: steady state in ~4 weeks.
                pk: Pk {
                    ka1: 4.0,
                    ka2: None,
                    ke: per_day_from_half_life_days(7.0),
                    volume_l: 1700.0,
                    bioavailability: 1.0,
                },
                amount_per_dose_unit: 1000.0,
            }],
            Agent::Anastrozole => vec![Delivery {
                compartment: Compartment::Anastrozole,
                pk: Pk {
                    ka1: 12.0,
                    ka2: None,
                    ke: per_day_from_half_life_days(46.0 / 24.0),
                    volume_l: 105.0,
                    bioavailability: 1.0,
                },
                amount_per_dose_unit: 1000.0,
            }],
            Agent::Gonadorelin => {
                let per_unit_ng = match unit {
                    DoseUnit::NgPerKg => weight_kg,
                    DoseUnit::Ug | DoseUnit::UgPerDay => 1000.0,
                    _ => 0.0,
                };
                // SC absorption limits disappearance (t1/2 ~24 min); plasma t1/2 ~4 min.
                let ka = if route == Route::ScInfusion { 1.0e3 } else { LN2 / (24.0 / 1440.0) };
                vec![Delivery {
                    compartment: Compartment::Gonadorelin,
                    pk: Pk { ka1: ka, ka2: None, ke: LN2 / (4.0 / 1440.0), volume_l: 15.0, bioavailability: 0.66 },
                    amount_per_dose_unit: per_unit_ng,
                }]
            }
            Agent::Hcg => {
                let (ka, f) = if route == Route::Sc { (2.5, 0.65) } else { (4.0, 1.0) };
                vec![Delivery {
                    compartment: Compartment::Hcg,
                    pk: Pk {
                        ka1: ka,
                        ka2: None,
                        ke: per_day_from_half_life_days(1.0),
                        volume_l: 25.0,
                        bioavailability: f,
                    },
                    amount_per_dose_unit: 1.0,
                }]
            }
        }
    }
}

fn enclomiphene_pk() -> Pk {
    // CL/F ~200 L/h, t1/2 ~10 h -> V/F ~2,900 L.
    Pk { ka1: 24.0, ka2: None, ke: LN2 / (10.0 / 24.0), volume_l: 2900.0, bioavailability: 1.0 }
}

impl Route {
    pub fn key(self) -> &'static str {
        match self {
            Route::Im => "im",
            Route::Sc => "sc",
            Route::Oral => "oral",
            Route::Transdermal => "transdermal",
            Route::ScPump => "sc_pump",
            Route::ScInfusion => "sc_infusion",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_preset_dose_is_flagged_as_unusual_and_a_misread_decimal_mark_is() {
        for p in crate::presets::ALL {
            for d in p.scenario().dosings() {
                assert!(
                    !d.agent.dose_is_unusual(d.unit, d.dose),
                    "{}: {} {} {:?}",
                    p.id,
                    d.agent.key(),
                    d.dose,
                    d.unit
                );
            }
        }
        // "1,5" typed as 1.5 IU of hCG, "0,5" g of cypionate as 0.5 mg: flagged; a tenfold slip upwards too.
        assert!(Agent::Hcg.dose_is_unusual(DoseUnit::Iu, 1.5));
        assert!(Agent::TestosteroneCypionate.dose_is_unusual(DoseUnit::Mg, 0.5));
        assert!(Agent::Anastrozole.dose_is_unusual(DoseUnit::Mg, 10.0));
        for agent in Agent::ALL {
            for &route in agent.routes() {
                for &unit in agent.units(route) {
                    let (lo, hi) = agent.studied_doses(unit);
                    assert!(0.0 < lo && lo <= hi && hi <= agent.max_dose(unit), "{agent:?} {unit:?}");
                }
            }
        }
    }
}
