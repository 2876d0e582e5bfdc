//! Derived events: the days a course crosses the thresholds people ask about ("when is LH in the range
//! again?", "when does sperm reach 16 M/mL?"), and after therapy the days each recovery measure is back
//! (`recovery`: "back" means only that). Computed from a trajectory, in conventional units.

use crate::lang::say;
use crate::trajectory::{Output, Trajectory, E2_HIGH_PG_ML, E2_LOW_PG_ML};
use serde::Serialize;

/// One threshold crossing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Stable identifier, e.g. `lh_recovered`.
    pub key: &'static str,
    /// Plain words, e.g. "LH in the reference range again (>= 1.5 IU/L)" (English: the page shows it through
    /// `lang::t`).
    pub description: &'static str,
    /// Day of the crossing (day 0 = start of the regimen).
    pub day: f64,
}

/// A threshold watched for, in the output's conventional unit.
struct Watch {
    output: Output,
    threshold: f64,
    below_key: &'static str,
    below_text: &'static str,
    /// Reported when the output is above the threshold again after having been below it ("back" is kept for
    /// the recovery measures, which count from the washout).
    recovered_key: Option<(&'static str, &'static str)>,
}

const WATCHES: &[Watch] = &[
    Watch {
        output: Output::Lh,
        threshold: 1.5,
        below_key: "lh_suppressed",
        below_text: "LH below the reference range (< 1.5 IU/L)",
        recovered_key: Some(("lh_recovered", "LH in the reference range again (>= 1.5 IU/L)")),
    },
    Watch {
        output: Output::Fsh,
        threshold: 1.5,
        below_key: "fsh_suppressed",
        below_text: "FSH below the reference range (< 1.5 IU/L)",
        recovered_key: Some(("fsh_recovered", "FSH in the reference range again (>= 1.5 IU/L)")),
    },
    Watch {
        output: Output::TotalT,
        threshold: 264.0,
        below_key: "t_low",
        below_text: "Total testosterone below 264 ng/dL",
        recovered_key: Some(("t_recovered", "Total testosterone at 264 ng/dL or more again")),
    },
    Watch {
        output: Output::Sperm,
        threshold: 16.0,
        below_key: "sperm_below_16",
        below_text: "Sperm concentration below 16 M/mL (WHO 2021 lower reference limit)",
        recovered_key: Some(("sperm_recovered", "Sperm concentration at 16 M/mL or more again")),
    },
    Watch {
        output: Output::Sperm,
        threshold: 1.0,
        below_key: "sperm_below_1",
        below_text: "Sperm concentration below 1 M/mL (severe oligo- to azoospermia)",
        recovered_key: None,
    },
    Watch {
        output: Output::E2,
        threshold: E2_LOW_PG_ML,
        below_key: "e2_low",
        below_text: "Estradiol below 15 pg/mL (bone, lipids and libido suffer)",
        recovered_key: None,
    },
];

/// A crossing counts only when the new side holds this long (days) or to the end of the course: a dip for a
/// day between two doses is not "LH below the range" followed by "LH back" in the same week.
pub const LASTING_DAYS: f64 = 7.0;

/// Every event in the regimen window (day >= 0), in time order.
pub fn derive(t: &Trajectory) -> Vec<Event> {
    let mut events = Vec::new();
    let start = t.days.partition_point(|&d| d < 0.0);
    for w in WATCHES {
        let c = t.column(w.output);
        let value = |i: usize| w.output.to_conventional(c[i]);
        let mut below_since: Option<f64> = None;
        let mut reported_below = false;
        let mut was_below = start > 0 && value(start - 1) < w.threshold;
        // Whether the side at sample i holds for LASTING_DAYS (or to the end).
        let lasts = |i: usize, below: bool| {
            let until = t.days[i] + LASTING_DAYS;
            (i..t.len()).take_while(|&j| t.days[j] <= until).all(|j| (value(j) < w.threshold) == below)
        };
        for i in start..t.len() {
            let raw = value(i) < w.threshold;
            let below = if raw != was_below && lasts(i, raw) { raw } else { was_below };
            if below && !was_below && !reported_below {
                events.push(Event { key: w.below_key, description: w.below_text, day: t.days[i] });
                reported_below = true;
            }
            if below {
                below_since.get_or_insert(t.days[i]);
            } else if was_below {
                if let Some((key, text)) = w.recovered_key {
                    events.retain(|e| e.key != key);
                    events.push(Event { key, description: text, day: t.days[i] });
                }
                below_since = None;
            }
            was_below = below;
        }
        // A recovery that was followed by another fall is no recovery.
        if below_since.is_some() {
            if let Some((key, _)) = w.recovered_key {
                events.retain(|e| e.key != key);
            }
        }
    }
    let e2 = t.column(Output::E2);
    if let Some(i) = (start..t.len()).find(|&i| Output::E2.to_conventional(e2[i]) > E2_HIGH_PG_ML) {
        events.push(Event { key: "e2_high", description: "Estradiol above 50 pg/mL", day: t.days[i] });
    }
    // After therapy: the day each recovery measure is back, counted from the washout.
    for (m, key) in crate::engine::recovery::MEASURES.iter().zip(["lh_back", "t_back", "sperm_back"]) {
        if let Some(day) = m.back_day(t) {
            events.push(Event { key, description: m.label, day });
        }
    }
    events.sort_by(|a, b| a.day.total_cmp(&b.day));
    events
}

/// A safety or physiology signal worth saying in plain words (physiology reference §6).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    pub key: &'static str,
    /// English: the page shows it through `lang::t`.
    pub title: &'static str,
    /// In the page's language.
    pub detail: String,
}

/// Flags raised by the regimen window (day >= 0) of a trajectory.
pub fn flags(t: &Trajectory) -> Vec<Flag> {
    let start = t.days.partition_point(|&d| d < 0.0);
    let extreme = |o: Output, max: bool| {
        let it = t.column(o)[start..].iter().map(|&v| o.to_conventional(v));
        if max {
            it.fold(f64::NEG_INFINITY, f64::max)
        } else {
            it.fold(f64::INFINITY, f64::min)
        }
    };
    let mut out = Vec::new();
    if t.len() <= start {
        return out;
    }
    let e2_min = extreme(Output::E2, false);
    // Physiology reference §6: flag below ~10-15 pg/mL; the protective end is used.
    if e2_min < E2_LOW_PG_ML {
        out.push(Flag {
            key: "e2_low",
            title: "Estradiol too low",
            detail: say(
                "E2 falls to {e2} pg/mL. Men need some estradiol: too little harms bone density, raises body fat \
                 and lowers libido (Finkelstein 2013).",
                &[("e2", &format!("{e2_min:.1}"))],
            ),
        });
    }
    let e2_max = extreme(Output::E2, true);
    if e2_max > E2_HIGH_PG_ML {
        out.push(Flag {
            key: "e2_high",
            title: "Estradiol high",
            detail: say(
                "E2 reaches {e2} pg/mL (above ~50 pg/mL). SERMs, hCG and high testosterone doses raise it.",
                &[("e2", &format!("{e2_max:.0}"))],
            ),
        });
    }
    let zu = extreme(Output::Zuclomiphene, true);
    if zu > 20.0 {
        out.push(Flag {
            key: "zuclomiphene",
            title: "Zuclomiphene builds up",
            detail: say(
                "Zuclomiphene, clomiphene's long-lived and partly estrogenic isomer, reaches {zu} ng/mL. It accumulates \
                 over weeks and drags LH down; visual disturbances on clomiphene mean stopping the drug.",
                &[("zu", &format!("{zu:.0}"))],
            ),
        });
    }
    let d = extreme(Output::PituitaryDesensitisation, true);
    if d > 0.5 {
        out.push(Flag {
            key: "desensitisation",
            title: "Pituitary desensitised",
            detail: say(
                "Constant GnRH stimulation has switched off {share} % of the pituitary's response: LH flares first, then \
                 collapses. GnRH works only in pulses.",
                &[("share", &format!("{:.0}", 100.0 * d))],
            ),
        });
    }
    let sperm = extreme(Output::Sperm, false);
    if sperm < 1.0 {
        out.push(Flag {
            key: "azoospermia",
            title: "Azoospermia risk",
            detail: say(
                "Sperm concentration falls to {sperm} M/mL. On testosterone alone about two thirds of men have no \
                 sperm by six months (WHO 1990); recovery after stopping takes months and is slower after longer use.",
                &[("sperm", &format!("{sperm:.1}"))],
            ),
        });
    }
    let tt = extreme(Output::TotalT, true);
    if tt > 1500.0 {
        out.push(Flag {
            key: "t_supraphysiological",
            title: "Testosterone far above the normal range",
            detail: say(
                "Total T peaks at {tt} ng/dL, well above the 264-916 ng/dL range.",
                &[("tt", &format!("{tt:.0}"))],
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{scenario::presets, Engine};

    #[test]
    fn stopping_trt_reports_when_lh_and_sperm_come_back() {
        let t = Engine::default().simulate(&presets::find("stop-trt-cold").unwrap().scenario()).unwrap();
        let ev = derive(&t);
        let day = |k: &str| ev.iter().find(|e| e.key == k).map(|e| e.day);
        let lh = day("lh_recovered").expect("LH recovers within the horizon");
        let sperm = day("sperm_recovered").expect("sperm recovers within the horizon");
        assert!(lh > 7.0 && lh < sperm, "LH back at {lh}, sperm at {sperm}");
    }

    #[test]
    fn flags_follow_the_physiology_reference() {
        let engine = Engine::default();
        let keys = |id: &str| -> Vec<&'static str> {
            flags(&engine.simulate(&presets::find(id).unwrap().scenario()).unwrap()).iter().map(|f| f.key).collect()
        };
        assert!(keys("untreated").is_empty());
        assert!(keys("too-much-anastrozole").contains(&"e2_low"));
        assert!(keys("continuous-gnrh").contains(&"desensitisation"));
        assert!(keys("post-trt-restart").contains(&"zuclomiphene"));
    }

    #[test]
    fn an_untreated_man_has_no_events() {
        let t = Engine::default().simulate(&presets::find("untreated").unwrap().scenario()).unwrap();
        assert!(derive(&t).is_empty());
    }

    #[test]
    fn a_crossing_is_reported_only_when_it_lasts() {
        // Daily GnRH boluses make LH and FSH cross their limits within hours, every day: no event should say
        // "below" and "back" for a dip that does not last.
        let engine = Engine::default();
        for id in ["gonadorelin-daily-bolus", "post-trt-restart", "stop-trt-cold", "continuous-gnrh"] {
            let ev = derive(&engine.simulate(&presets::find(id).unwrap().scenario()).unwrap());
            for (a, b) in ev.iter().zip(ev.iter().skip(1)) {
                let same_week = (a.day / 7.0).floor() == (b.day / 7.0).floor();
                let pair = a.key.split('_').next() == b.key.split('_').next()
                    && (a.key.ends_with("suppressed") || a.key.ends_with("low") || a.key.starts_with("sperm_below"))
                    && b.key.ends_with("recovered");
                assert!(!(same_week && pair), "{id}: {} then {} in week {}", a.key, b.key, (a.day / 7.0).floor());
            }
        }
        let bolus = derive(&engine.simulate(&presets::find("gonadorelin-daily-bolus").unwrap().scenario()).unwrap());
        assert!(!bolus.iter().any(|e| e.key == "lh_suppressed" && e.day < 1.0), "{bolus:?}");
    }
}
