//! When a lab is drawn: a week on the protocol, and where that day falls in an injection cycle. On
//! enanthate every 14 days a draw at the end of the cycle reads far lower than one two days after the
//! injection; clinicians usually draw at the trough, just before the next injection.

use crate::lang::say;
use crate::scenario::agents::Agent;
use crate::scenario::Scenario;

/// Lines given less often than this (days) have no cycle worth timing a draw in.
const CYCLE_MIN_DAYS: f64 = 2.0;
/// A trough draw is taken this long (days) before the next injection: one hour.
const BEFORE_INJECTION_DAYS: f64 = 1.0 / 24.0;

/// How a draw is timed within an injection cycle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DrawTiming {
    /// On the scheduled day, wherever it falls in the cycle.
    Scheduled,
    /// Just before the injection that ends the cycle the scheduled day falls in.
    Trough,
    /// This many days after the injection that starts the cycle the scheduled day falls in.
    DaysAfterInjection(f64),
}

/// The injection cycle a draw falls in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cycle {
    pub agent: Agent,
    /// Day of the injection that starts the cycle.
    pub injected: f64,
    /// Days between injections.
    pub interval: f64,
    /// Whether another injection follows (a line that has stopped has none).
    pub continues: bool,
}

/// One lab draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Draw {
    /// The week the draw is scheduled for.
    pub week: f64,
    /// The day it is taken.
    pub day: f64,
    /// The injection cycle it falls in, if an injected drug is given in cycles at that time.
    pub cycle: Option<Cycle>,
}

impl Draw {
    /// Days since the injection that started its cycle (0 < d <= interval).
    pub fn day_of_cycle(&self) -> Option<f64> {
        self.cycle.map(|c| self.day - c.injected)
    }

    /// "day 14 of 14 (trough)", "day 2 of 14", "1 h after a dose (every 2.3 days)", "7 days after the last
    /// dose" (in the page's language), or `None` outside cycles.
    pub fn cycle_words(&self) -> Option<String> {
        let (c, day) = (self.cycle?, self.day_of_cycle()?);
        if !c.continues {
            return Some(say("{days} days after the last dose", &[("days", &round_day(day))]));
        }
        let every = round_day(c.interval);
        if c.interval - day <= BEFORE_INJECTION_DAYS + 1e-9 {
            return Some(say("day {every} of {every} (trough)", &[("every", &every)]));
        }
        if day < 1.0 {
            let hours = format!("{:.0}", (day * 24.0).max(1.0));
            return Some(say("{hours} h after a dose (every {every} days)", &[("hours", &hours), ("every", &every)]));
        }
        Some(say("day {day} of {every}", &[("day", &round_day(day)), ("every", &every)]))
    }
}

fn round_day(d: f64) -> String {
    if (d - d.round()).abs() < 0.05 {
        format!("{:.0}", d.round())
    } else {
        format!("{d:.1}")
    }
}

/// The cycle a scheduled day falls in: the injection before it (one on the day itself ends the cycle:
/// a draw that day is taken before the dose), from the line with the longest interval given at the time.
fn cycle_at(s: &Scenario, day: f64) -> Option<(Cycle, Option<f64>)> {
    s.dosings()
        .filter_map(|d| {
            let interval = d.interval_days().filter(|&i| i >= CYCLE_MIN_DAYS)?;
            let times: Vec<f64> = d.times(s.horizon_days.max(day) + interval).collect();
            let k = times.iter().rposition(|&t| t < day)?;
            let next = times.get(k + 1).copied();
            // After the last injection a cycle ends with the line.
            if next.is_none() && day > times[k] + interval {
                return None;
            }
            Some((Cycle { agent: d.agent, injected: times[k], interval, continues: next.is_some() }, next))
        })
        .max_by(|a, b| a.0.interval.total_cmp(&b.0.interval))
}

/// Each scheduled week as a draw, timed as asked.
pub fn draws(s: &Scenario, weeks: &[f64], timing: DrawTiming) -> Vec<Draw> {
    weeks
        .iter()
        .map(|&week| {
            let scheduled = week * 7.0;
            let Some((cycle, next)) = cycle_at(s, scheduled) else {
                return Draw { week, day: scheduled, cycle: None };
            };
            let day = match timing {
                DrawTiming::Scheduled => scheduled,
                // After the last injection there is no trough to wait for: the draw stays as scheduled.
                DrawTiming::Trough => next.map_or(scheduled, |n| n - BEFORE_INJECTION_DAYS),
                DrawTiming::DaysAfterInjection(n) => cycle.injected + n.clamp(0.0, cycle.interval),
            };
            Draw { week, day, cycle: Some(cycle) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enanthate_q14() -> Scenario {
        Scenario::from_json(
            r#"{"horizon_days": 252, "regimen": [{"agent": "testosterone_enanthate", "route": "im", "dose": 200,
                "unit": "mg", "every_days": 14, "start_day": 0, "end_day": 252}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_draw_on_an_injection_day_ends_the_cycle_before_it() {
        let d = draws(&enanthate_q14(), &[24.0], DrawTiming::Scheduled)[0];
        assert_eq!(d.day, 168.0);
        assert_eq!(d.day_of_cycle(), Some(14.0));
        let trough = draws(&enanthate_q14(), &[24.0], DrawTiming::Trough)[0];
        assert!((trough.day - (168.0 - 1.0 / 24.0)).abs() < 1e-9);
        assert_eq!(trough.cycle_words().unwrap(), "day 14 of 14 (trough)");
        let peak = draws(&enanthate_q14(), &[24.0], DrawTiming::DaysAfterInjection(2.0))[0];
        assert_eq!(peak.day, 156.0);
        assert_eq!(peak.cycle_words().unwrap(), "day 2 of 14");
        let soon = Draw { day: 154.5, ..peak };
        assert_eq!(soon.cycle_words().unwrap(), "12 h after a dose (every 14 days)");
        let after = draws(&enanthate_q14(), &[36.0], DrawTiming::Trough)[0];
        assert_eq!((after.day, after.cycle_words().unwrap().as_str()), (252.0, "14 days after the last dose"));
    }

    #[test]
    fn no_cycle_before_the_first_injection_or_long_after_the_last() {
        let mut s = enanthate_q14();
        s.regimen[0].start_day = 28.0;
        s.regimen[0].end_day = Some(84.0);
        let d = draws(&s, &[0.0, 8.0, 24.0], DrawTiming::Trough);
        assert_eq!((d[0].day, d[0].cycle), (0.0, None));
        assert!(d[1].cycle.is_some());
        assert_eq!((d[2].day, d[2].cycle), (168.0, None));
    }

    #[test]
    fn a_draw_two_days_after_the_injection_reads_higher_than_the_trough() {
        let engine = crate::Engine::new(crate::params::Params::default());
        let s = enanthate_q14();
        let t = engine.simulate(&s).unwrap();
        let at = |timing| t.at(crate::Output::TotalT, draws(&s, &[24.0], timing)[0].day);
        assert!(at(DrawTiming::DaysAfterInjection(2.0)) > 1.5 * at(DrawTiming::Trough));
    }
}
