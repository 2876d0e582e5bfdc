//! Built-in scenarios, each explained in one sentence. Shared by `hpg-sim --preset` and the app.

use crate::lang::say;
use crate::scenario::agents::{Agent, DoseUnit, Route, Usual};
use crate::scenario::{Dosing, Mode, Scenario, Subject, SCENARIO_VERSION};

pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    build: fn() -> (Vec<Dosing>, Vec<Dosing>, f64),
}

impl Preset {
    pub fn scenario(&self) -> Scenario {
        let (history, regimen, horizon_days) = (self.build)();
        Scenario {
            version: SCENARIO_VERSION,
            name: self.title.to_string(),
            subject: Subject::default(),
            history,
            regimen,
            horizon_days,
            mode: Mode::Averaged,
            output_step_days: None,
            population: None,
            labs: Vec::new(),
        }
    }
}

fn dose(
    agent: Agent,
    route: Route,
    dose: f64,
    unit: DoseUnit,
    every_days: Option<f64>,
    start: f64,
    end: f64,
) -> Dosing {
    Dosing { agent, route, dose, unit, every_days, every_minutes: None, start_day: start, end_day: Some(end) }
}

fn te(start: f64, end: f64) -> Dosing {
    dose(Agent::TestosteroneCypionate, Route::Im, 100.0, DoseUnit::Mg, Some(7.0), start, end)
}

/// A year of replacement-dose TRT, the history of the restart presets.
const YEAR_OF_TRT: PriorTrt = PriorTrt { years: 1.0, weekly_mg: 100.0 };

/// Testosterone therapy before day 0: weekly cypionate for `years`, the last dose a week before day 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PriorTrt {
    pub years: f64,
    pub weekly_mg: f64,
}

impl PriorTrt {
    pub fn dosing(self) -> Dosing {
        let weeks = (self.years * 52.0).round().max(1.0);
        dose(Agent::TestosteroneCypionate, Route::Im, self.weekly_mg, DoseUnit::Mg, Some(7.0), -7.0 * weeks, 0.0)
    }

    /// The prior therapy a history is, when it is one weekly cypionate line ending at day 0.
    pub fn recognise(history: &[Dosing]) -> Option<PriorTrt> {
        let [d] = history else { return None };
        let weekly = d.agent == Agent::TestosteroneCypionate
            && d.route == Route::Im
            && d.unit == DoseUnit::Mg
            && d.every_days == Some(7.0)
            && d.end_day == Some(0.0)
            && d.start_day < 0.0
            && (d.start_day / 7.0).fract() == 0.0;
        weekly.then(|| PriorTrt { years: -d.start_day / 364.0, weekly_mg: d.dose })
    }

    /// How long, as a number ("3", "1.5") and its word: 3 months, 1 year, 1.5 years.
    fn span(self) -> (String, Span) {
        if self.years < 1.0 {
            let months = (self.years * 12.0).round();
            (format!("{months:.0}"), if months == 1.0 { Span::Month } else { Span::Months })
        } else if self.years.fract() == 0.0 {
            (format!("{:.0}", self.years), if self.years == 1.0 { Span::Year } else { Span::Years })
        } else {
            (format!("{:.1}", self.years), Span::Years)
        }
    }

    /// "3 years at 150 mg weekly" (in the page's language: one whole sentence per word of the span).
    pub fn choice_words(self) -> String {
        let (n, span) = self.span();
        let mg = format!("{:.0}", self.weekly_mg);
        let args: &[(&str, &dyn std::fmt::Display)] = &[("n", &n), ("mg", &mg)];
        match span {
            Span::Month => say("{n} month at {mg} mg weekly", args),
            Span::Months => say("{n} months at {mg} mg weekly", args),
            Span::Year => say("{n} year at {mg} mg weekly", args),
            Span::Years => say("{n} years at {mg} mg weekly", args),
        }
    }

    /// "3 years of testosterone cypionate at 150 mg weekly" (in the page's language).
    pub fn describe(self) -> String {
        let (n, span) = self.span();
        let mg = format!("{:.0}", self.weekly_mg);
        let args: &[(&str, &dyn std::fmt::Display)] = &[("n", &n), ("mg", &mg)];
        match span {
            Span::Month => say("{n} month of testosterone cypionate at {mg} mg weekly", args),
            Span::Months => say("{n} months of testosterone cypionate at {mg} mg weekly", args),
            Span::Year => say("{n} year of testosterone cypionate at {mg} mg weekly", args),
            Span::Years => say("{n} years of testosterone cypionate at {mg} mg weekly", args),
        }
    }
}

/// The word of a prior therapy's length.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Span {
    Month,
    Months,
    Year,
    Years,
}

/// The prior therapies the page offers in one choice: how long and how much shape the recovery.
pub const PRIOR_TRT_CHOICES: [PriorTrt; 8] = [
    PriorTrt { years: 0.25, weekly_mg: 100.0 },
    PriorTrt { years: 1.0, weekly_mg: 100.0 },
    PriorTrt { years: 3.0, weekly_mg: 100.0 },
    PriorTrt { years: 8.0, weekly_mg: 100.0 },
    PriorTrt { years: 0.25, weekly_mg: 150.0 },
    PriorTrt { years: 1.0, weekly_mg: 150.0 },
    PriorTrt { years: 3.0, weekly_mg: 150.0 },
    PriorTrt { years: 8.0, weekly_mg: 150.0 },
];

pub const ALL: &[Preset] = &[
    Preset {
        id: "untreated",
        title: "Untreated",
        summary: "The axis left alone: pulses, feedback and steady labs.",
        build: || (vec![], vec![], 168.0),
    },
    Preset {
        id: "trt",
        title: "TRT",
        summary: "Weekly testosterone cypionate: T rises, the brain stops LH and FSH, testicular T and sperm fall.",
        build: || (vec![], vec![te(0.0, 364.0)], 364.0),
    },
    Preset {
        id: "trt-hcg",
        title: "TRT + hCG",
        summary: "Adding low-dose hCG to TRT stands in for LH at the testis and keeps intratesticular T up.",
        build: || {
            (
                vec![],
                vec![te(0.0, 182.0), dose(Agent::Hcg, Route::Sc, 500.0, DoseUnit::Iu, Some(2.0), 0.0, 182.0)],
                182.0,
            )
        },
    },
    Preset {
        id: "stop-trt-cold",
        title: "Stop TRT cold",
        summary:
            "After 3 years of TRT, stopping with no restart drugs: months of low T while the axis slowly wakes up.",
        build: || (vec![PriorTrt { years: 3.0, weekly_mg: 150.0 }.dosing()], vec![], 364.0),
    },
    Preset {
        id: "post-trt-restart",
        title: "Post-TRT restart with clomiphene",
        summary: "A year of TRT, then clomiphene 25 mg daily for 16 weeks to block estrogen feedback and restart LH.",
        build: || {
            (
                vec![YEAR_OF_TRT.dosing()],
                vec![dose(Agent::ClomipheneCitrate, Route::Oral, 25.0, DoseUnit::Mg, Some(1.0), 14.0, 126.0)],
                336.0,
            )
        },
    },
    Preset {
        id: "clomiphene-anastrozole",
        title: "Clomiphene + anastrozole",
        summary: "Clomiphene raises LH while anastrozole holds E2 down: watch E2 fall towards the low flag.",
        build: || {
            (
                vec![YEAR_OF_TRT.dosing()],
                vec![
                    dose(Agent::ClomipheneCitrate, Route::Oral, 25.0, DoseUnit::Mg, Some(1.0), 14.0, 126.0),
                    dose(Agent::Anastrozole, Route::Oral, 0.5, DoseUnit::Mg, Some(3.5), 14.0, 126.0),
                ],
                336.0,
            )
        },
    },
    Preset {
        id: "enclomiphene",
        title: "Enclomiphene",
        summary: "The pure antagonist isomer alone: LH and T rise without zuclomiphene building up.",
        build: || {
            (
                vec![],
                vec![dose(Agent::EnclomipheneCitrate, Route::Oral, 12.5, DoseUnit::Mg, Some(1.0), 0.0, 112.0)],
                168.0,
            )
        },
    },
    Preset {
        id: "tamoxifen",
        title: "Tamoxifen",
        summary: "Tamoxifen blocks the brain's estrogen receptor: LH, FSH, T and E2 all rise.",
        build: || (vec![], vec![dose(Agent::Tamoxifen, Route::Oral, 20.0, DoseUnit::Mg, Some(1.0), 0.0, 112.0)], 168.0),
    },
    Preset {
        id: "gonadorelin-pump",
        title: "Gonadorelin pump",
        summary: "GnRH pulses every 90 minutes, like the hypothalamus: the pituitary keeps answering.",
        build: || {
            (
                vec![],
                vec![Dosing {
                    agent: Agent::Gonadorelin,
                    route: Route::ScPump,
                    dose: 25.0,
                    unit: DoseUnit::NgPerKg,
                    every_days: None,
                    every_minutes: Some(90.0),
                    start_day: 0.0,
                    end_day: Some(28.0),
                }],
                42.0,
            )
        },
    },
    Preset {
        id: "gonadorelin-daily-bolus",
        title: "Gonadorelin once daily",
        summary: "One daily GnRH injection gives a brief LH blip, not a working axis: frequency matters.",
        build: || {
            (
                vec![YEAR_OF_TRT.dosing()],
                vec![dose(Agent::Gonadorelin, Route::Sc, 100.0, DoseUnit::Ug, Some(1.0), 0.0, 28.0)],
                42.0,
            )
        },
    },
    Preset {
        id: "continuous-gnrh",
        title: "Continuous GnRH",
        summary: "Constant GnRH first floods out LH, then the pituitary desensitises and LH and T collapse.",
        build: || {
            (
                vec![],
                vec![Dosing {
                    agent: Agent::Gonadorelin,
                    route: Route::ScInfusion,
                    dose: 500.0,
                    unit: DoseUnit::UgPerDay,
                    every_days: None,
                    every_minutes: None,
                    start_day: 0.0,
                    end_day: Some(42.0),
                }],
                70.0,
            )
        },
    },
    Preset {
        id: "too-much-anastrozole",
        title: "Too much anastrozole",
        summary: "Anastrozole 1 mg daily in a man not on TRT: E2 falls below the range that protects bone.",
        build: || (vec![], vec![dose(Agent::Anastrozole, Route::Oral, 1.0, DoseUnit::Mg, Some(1.0), 0.0, 84.0)], 112.0),
    },
];

/// The regimen an agent's switch turns on: a common regimen from the literature (docs/MODEL.md §4),
/// shown for education only, from day 0 to `end_day`.
pub fn common_regimen(agent: Agent, end_day: f64) -> Dosing {
    regimen_from(agent, agent.entry().usual, end_day)
}

/// The whole regimen a change to `route` brings, from day 0 to `end_day`, for an agent whose route changes
/// its regimen (gonadorelin's pump, bolus and infusion); `None` for one that keeps its dose and interval.
pub fn regimen_by_route(agent: Agent, route: Route, end_day: f64) -> Option<Dosing> {
    let entry = agent.entry();
    if entry.other_routes.is_empty() {
        return None;
    }
    let usual = std::iter::once(&entry.usual).chain(entry.other_routes).find(|u| u.route == route)?;
    Some(regimen_from(agent, *usual, end_day))
}

fn regimen_from(agent: Agent, u: Usual, end_day: f64) -> Dosing {
    Dosing {
        agent,
        route: u.route,
        dose: u.dose,
        unit: u.unit,
        every_days: u.every_days,
        every_minutes: u.every_minutes,
        start_day: 0.0,
        end_day: Some(end_day),
    }
}

pub fn find(id: &str) -> Option<&'static Preset> {
    ALL.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_common_regimen_is_valid() {
        for agent in crate::Agent::ALL {
            let mut s = super::ALL[0].scenario();
            s.regimen.push(super::common_regimen(agent, 84.0));
            s.check().unwrap_or_else(|e| panic!("{agent:?}: {e}"));
        }
    }

    #[test]
    fn every_preset_is_a_valid_scenario() {
        for p in super::ALL {
            p.scenario().check().unwrap_or_else(|e| panic!("{}: {e}", p.id));
        }
    }
}
