//! The drug catalogue: which agents exist, their routes and units, their pharmacokinetics, and the
//! limits beyond which a dose is treated as a typing error rather than a regimen.
//!
//! Every number has its source in `docs/MODEL.md` (section "Agents").

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// Where in the loop an agent acts: what the loop diagram draws for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Testosterone itself: adds to the blood's T, which brakes the brain.
    Testosterone,
    /// A selective estrogen receptor modulator: lifts estradiol's brake in the brain.
    Serm,
    /// Lowers the conversion of T to E2.
    AromataseInhibitor,
    /// GnRH itself, at the pituitary.
    Gnrh,
    /// Acts as LH on the testis.
    Lh,
}

impl Class {
    /// Where the class acts, in the loop diagram's words.
    pub fn in_the_loop(self) -> &'static str {
        match self {
            Class::Testosterone => {
                "Testosterone therapy adds T to the blood, which brakes the hypothalamus and pituitary."
            }
            Class::Serm => "A SERM blocks the estrogen receptor in the brain, so estradiol's brake is lifted.",
            Class::AromataseInhibitor => "Anastrozole blocks aromatase, so less testosterone becomes estradiol.",
            Class::Gnrh => {
                "Gonadorelin stimulates the pituitary directly (in pulses; constant exposure desensitises it)."
            }
            Class::Lh => "hCG acts on the testes in place of LH.",
        }
    }
}

/// A regimen as a drug is usually given: what its switch turns on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usual {
    pub route: Route,
    pub dose: f64,
    pub unit: DoseUnit,
    pub every_days: Option<f64>,
    /// Pulses from a pump, minutes apart.
    pub every_minutes: Option<f64>,
}

impl Usual {
    const fn every_days(route: Route, dose: f64, unit: DoseUnit, days: f64) -> Usual {
        Usual { route, dose, unit, every_days: Some(days), every_minutes: None }
    }

    const fn every_minutes(route: Route, dose: f64, unit: DoseUnit, minutes: f64) -> Usual {
        Usual { route, dose, unit, every_days: None, every_minutes: Some(minutes) }
    }

    const fn continuous(route: Route, dose: f64, unit: DoseUnit) -> Usual {
        Usual { route, dose, unit, every_days: None, every_minutes: None }
    }
}

/// One agent in one place: its names, where it acts, its words at every depth and how it is usually given.
/// What is a number with a source (limits, studied doses, pharmacokinetics) follows in `impl Agent`, each a
/// function of route and unit; where it acts in the body is `physiology.rs`, reading its exposure
/// (`pk.rs`). ARCHITECTURE.md lists the steps of adding one.
pub struct Entry {
    /// In scenario files: `testosterone_cypionate`.
    pub key: &'static str,
    /// In page links: `cypionate`.
    pub link_word: &'static str,
    /// As people read it: "Testosterone cypionate".
    pub name: &'static str,
    pub class: Class,
    /// In plain words, under its switch.
    pub role: &'static str,
    /// What it does at each depth (Basics, Clinical, Academic); doses only as what studies used.
    pub explained: [&'static str; 3],
    /// An embed offers its switch whatever the scenario gives (one of the drugs most taught).
    pub taught: bool,
    /// The routes it is given by, in the order the page offers them.
    pub routes: &'static [Route],
    /// What its switch turns on.
    pub usual: Usual,
    /// The usual regimen by another route, where the route changes the whole regimen (gonadorelin's pump,
    /// bolus and infusion); by a route not listed, a regimen keeps its dose and interval.
    pub other_routes: &'static [Usual],
}

/// A testosterone injection, whichever ester, under its switch.
const TRT_INJECTION_ROLE: &str = "Testosterone injection (TRT): replaces T, so the brain stops LH and FSH.";

/// Testosterone, whichever ester or route: what it does at the three depths.
const TRT_EXPLAINED: [&str; 3] = [
    "Testosterone from outside the body. The brain notices the higher level and turns down its signals to the testes \
     (LH and FSH), so the testes make less testosterone of their own and sperm production falls. Blood levels go up; \
     levels inside the testes go down. After stopping, the body's own production takes months to come back, longer \
     after longer or heavier use.",
    "Exogenous T suppresses GnRH, LH and FSH through androgen and (after aromatisation) estrogen feedback. Serum T rises \
     while intratesticular T falls by about 90 %; in a WHO trial that used enanthate 200 mg weekly, about two thirds \
     of men were azoospermic by six months (WHO 1990). Release half-lives: enanthate ~4.5 days, cypionate ~8 days, undecanoate ~34 days (a long \
     tail); gel gives steadier levels. Recovery after stopping takes months and is slower after longer use.",
    "Modelled as a two-step depot feeding the serum pool (metabolic clearance 1,100 L/day). Free T brakes GnRH pulse \
     mass directly (Hill n = 3) and, after brain aromatisation, through the estrogen receptor; the pituitary ER brake \
     lowers LH and FSH release. Functional capacities fall within weeks of suppression; the reserves behind them \
     (generator tone, Leydig cell number, spermatogonia) are lost over years, faster at supraphysiological doses, and \
     regrow over months: the post-TRT testosterone trough, sperm back in ~14 weeks after a year (Liu 2005) and LH \
     taking most of a year after long heavy use (Shankara-Narayana 2020).",
];

/// Every agent's entry, in the order of `Agent::ALL` (the enum's own order): `Agent::entry` indexes it.
static ENTRIES: [Entry; 10] = [
    // TestosteroneCypionate
    Entry {
        key: "testosterone_cypionate",
        link_word: "cypionate",
        name: "Testosterone cypionate",
        class: Class::Testosterone,
        role: TRT_INJECTION_ROLE,
        explained: TRT_EXPLAINED,
        taught: true,
        routes: &[Route::Im],
        usual: Usual::every_days(Route::Im, 100.0, DoseUnit::Mg, 7.0),
    other_routes: &[],
    },
    // TestosteroneEnanthate
    Entry {
        key: "testosterone_enanthate",
        link_word: "enanthate",
        name: "Testosterone enanthate",
        class: Class::Testosterone,
        role: TRT_INJECTION_ROLE,
        explained: TRT_EXPLAINED,
        taught: false,
        routes: &[Route::Im],
        usual: Usual::every_days(Route::Im, 200.0, DoseUnit::Mg, 14.0),
    other_routes: &[],
    },
    // TestosteroneUndecanoate
    Entry {
        key: "testosterone_undecanoate",
        link_word: "undecanoate",
        name: "Testosterone undecanoate",
        class: Class::Testosterone,
        role: TRT_INJECTION_ROLE,
        explained: TRT_EXPLAINED,
        taught: false,
        routes: &[Route::Im],
        usual: Usual::every_days(Route::Im, 1000.0, DoseUnit::Mg, 70.0),
    other_routes: &[],
    },
    // TestosteroneGel
    Entry {
        key: "testosterone_gel",
        link_word: "gel",
        name: "Testosterone gel",
        class: Class::Testosterone,
        role: "Testosterone on the skin (TRT): steadier levels, still suppresses LH.",
        explained: TRT_EXPLAINED,
        taught: false,
        routes: &[Route::Transdermal],
        usual: Usual::every_days(Route::Transdermal, 50.0, DoseUnit::Mg, 1.0),
    other_routes: &[],
    },
    // ClomipheneCitrate
    Entry {
        key: "clomiphene_citrate",
        link_word: "clomiphene",
        name: "Clomiphene citrate",
        class: Class::Serm,
        role: "Blocks estrogen's brake in the brain (SERM): LH and T rise.",
        explained: [
        "A pill that hides estrogen from the brain. The brain reads this as low hormone levels and sends more LH and \
         FSH, so the testes make more testosterone and keep making sperm. It is a mix of two forms, and one of them \
         (zuclomiphene) lingers for weeks and acts a little like estrogen.",
        "A SERM. Trials in men used 25 mg daily or 50 mg every other day: LH, FSH and T rose, for example 248 to 610 \
         ng/dL at 4-6 weeks (Shabsigh 2005), and so did E2. Zuclomiphene (38 % of the product, half-life of weeks) \
         builds up about 20 times above enclomiphene (Helo 2017) and can blunt the LH rise. Visual disturbances were a \
         reason to stop.",
        "Two isomers with their own pharmacokinetics (enclomiphene t1/2 10 h, zuclomiphene 14 days). Both occupy the \
         central estrogen receptor competitively; zuclomiphene has 35 % intrinsic agonist efficacy there and acts as an \
         estrogen agonist in the liver (raising SHBG). The central ER signal sets both the GnRH pulse interval and the \
         pulse-mass brake.",
    ],
        taught: true,
        routes: &[Route::Oral],
        usual: Usual::every_days(Route::Oral, 25.0, DoseUnit::Mg, 1.0),
    other_routes: &[],
    },
    // EnclomipheneCitrate
    Entry {
        key: "enclomiphene_citrate",
        link_word: "enclomiphene",
        name: "Enclomiphene citrate",
        class: Class::Serm,
        role: "The pure blocking half of clomiphene, without the long-lived estrogenic half.",
        explained: [
        "The blocking half of clomiphene, without the long-lasting estrogen-like half. It raises LH, FSH and \
         testosterone while sperm production carries on.",
        "Trials used 12.5-25 mg daily. Its half-life of about 10 hours means levels do not accumulate. In them LH, FSH \
         and T rose with sperm counts preserved (Wiehle 2014; Kim 2016). Availability differs by country.",
        "A pure antagonist at the central estrogen receptor with no hepatic agonism; the same pharmacokinetic chain as \
         clomiphene's enclomiphene part (CL/F ~200 L/h, V/F ~2,900 L).",
    ],
        taught: false,
        routes: &[Route::Oral],
        usual: Usual::every_days(Route::Oral, 12.5, DoseUnit::Mg, 1.0),
    other_routes: &[],
    },
    // Tamoxifen
    Entry {
        key: "tamoxifen",
        link_word: "tamoxifen",
        name: "Tamoxifen",
        class: Class::Serm,
        role: "Blocks the brain's estrogen receptor (SERM): LH, FSH, T and E2 rise.",
        explained: [
        "Blocks estrogen's signal in the brain, so the brain sends more LH and FSH. Testosterone and estradiol both rise.",
        "Studies in men used 10-20 mg daily, with steady state in about 4 weeks. In them LH and FSH roughly doubled and \
         E2 could double or triple, as there is more T to aromatise and the stimulated testis secretes more E2. CYP2D6 \
         poor metabolisers (~7 %) make less of the active metabolites.",
        "Parent drug and active metabolites (4-hydroxytamoxifen, endoxifen) lumped with a 7-day half-life; a pure \
         antagonist at the central estrogen receptor and a hepatic agonist raising SHBG.",
    ],
        taught: false,
        routes: &[Route::Oral],
        usual: Usual::every_days(Route::Oral, 20.0, DoseUnit::Mg, 1.0),
    other_routes: &[],
    },
    // Anastrozole
    Entry {
        key: "anastrozole",
        link_word: "anastrozole",
        name: "Anastrozole",
        class: Class::AromataseInhibitor,
        role: "Aromatase inhibitor: less T becomes E2.",
        explained: [
        "Stops the body turning testosterone into estradiol. Estradiol falls, and because estradiol also brakes the \
         brain, LH and testosterone rise a little. Too little estradiol is harmful: bones, body fat, libido and mood \
         need some.",
        "In studies, 1 mg daily blocked about 97 % of whole-body aromatisation, yet in men E2 fell only 25-35 %, \
         because T rises and the testis keeps secreting E2 (Leder 2004: E2 26 to 17 pg/mL, T 343 to 572 ng/dL). A year \
         of 1 mg daily lowered spine bone density (Finkelstein 2013). Half-life about 46 hours.",
        "Inhibition I = C/(C + IC50) with IC50 0.9 ng/mL, applied to peripheral aromatisation and to the brain \
         aromatisation of T in the central estrogen signal; testicular E2 secretion is left to the Leydig drive.",
    ],
        taught: true,
        routes: &[Route::Oral],
        usual: Usual::every_days(Route::Oral, 1.0, DoseUnit::Mg, 3.5),
    other_routes: &[],
    },
    // Gonadorelin
    Entry {
        key: "gonadorelin",
        link_word: "gonadorelin",
        name: "Gonadorelin (GnRH)",
        class: Class::Gnrh,
        role: "GnRH itself: pulses stimulate the pituitary, constant exposure shuts it down.",
        explained: [
        "A copy of GnRH, the brain's own signal. Given in short pulses by a pump it switches the pituitary on; given all \
         the time it switches it off. One injection a day gives only a short blip.",
        "In studies, a pump giving 5-25 ng/kg every 90-120 minutes restored LH, FSH and T in men without their own GnRH \
         (Hoffman 1982). Continuous exposure causes a flare and then shuts the pituitary down within 2-4 weeks \
         (Belchetz 1978). Subcutaneous half-life about 24 minutes.",
        "Plasma gonadorelin adds to portal GnRH at the receptor (4 ng/L equals the mean endogenous drive). Receptor \
         desensitisation follows sustained occupancy and re-sensitises only while receptors are unoccupied, so pulses \
         leave it near zero and constant exposure drives it towards one over days.",
    ],
        taught: false,
        routes: &[Route::ScPump, Route::Sc, Route::ScInfusion],
        usual: Usual::every_minutes(Route::ScPump, 25.0, DoseUnit::NgPerKg, 90.0),
    other_routes: &[
        Usual::every_days(Route::Sc, 100.0, DoseUnit::Ug, 1.0),
        Usual::continuous(Route::ScInfusion, 500.0, DoseUnit::UgPerDay),
    ],
    },
    // Hcg
    Entry {
        key: "hcg",
        link_word: "hcg",
        name: "hCG",
        class: Class::Lh,
        role: "Acts like LH on the testis: keeps testicular T and sperm production going.",
        explained: [
        "Acts like LH directly on the testes. It keeps testosterone production inside the testes going even while the \
         brain's own LH is switched off, which helps protect sperm production during TRT.",
        "In a study with TRT, 125-500 IU every other day kept intratesticular T at 75-126 % of baseline (Coviello \
         2005); restart studies used larger doses. A big dose desensitises Leydig cells for a few days, delays the T \
         peak to 3-4 days and spikes E2. Half-life about one day.",
        "hCG adds to LH at the Leydig LH receptor (potency 0.9 per IU/L). Very high drive raises Leydig desensitisation; \
         a steroidogenic capacity induced over about a day gives the acute x1.5 and the delayed x2 peak (Saez & Forest \
         1979). Testicular T saturates with secretion, which makes the hCG dose-response flat.",
    ],
        taught: true,
        routes: &[Route::Im, Route::Sc],
        usual: Usual::every_days(Route::Sc, 500.0, DoseUnit::Iu, 2.0),
    other_routes: &[],
    },
];

impl Agent {
    /// Everything about the agent that is a name or words, and how it is usually given.
    pub fn entry(self) -> &'static Entry {
        &ENTRIES[self as usize]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DoseUnit {
    Mg,
    Ug,
    Iu,
    NgPerKg,
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
        self.entry().class == Class::Testosterone
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

    /// In scenario files (`Entry::key`).
    pub fn key(self) -> &'static str {
        self.entry().key
    }

    /// As people read it (`Entry::name`).
    pub fn display_name(self) -> &'static str {
        self.entry().name
    }

    /// The routes it is given by (`Entry::routes`).
    pub fn routes(self) -> &'static [Route] {
        self.entry().routes
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
        let t_nmol_per_mg = |fraction: f64| fraction * 1.0e6 / crate::units::T_NG_PER_NMOL;
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
    fn each_entry_is_its_own_agents() {
        for (i, a) in Agent::ALL.into_iter().enumerate() {
            assert_eq!(a as usize, i, "Agent::ALL is the enum's order");
            // The file key is what the scenario file writes and reads back.
            let mut s = crate::Scenario::from_json("{}").unwrap();
            s.regimen.push(crate::scenario::presets::common_regimen(a, 28.0));
            let file = s.to_json();
            assert!(file.contains(&format!("\"agent\": \"{}\"", a.entry().key)), "{file}");
            assert_eq!(crate::Scenario::from_json(&file).unwrap().regimen[0].agent, a);
            let usual = a.entry().usual;
            assert!(a.routes().contains(&usual.route), "{a:?}: its usual route is one of its routes");
            assert!(a.entry().other_routes.iter().all(|u| a.routes().contains(&u.route)), "{a:?}");
        }
    }

    #[test]
    fn no_preset_dose_is_flagged_as_unusual_and_a_misread_decimal_mark_is() {
        for p in crate::scenario::presets::ALL {
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
