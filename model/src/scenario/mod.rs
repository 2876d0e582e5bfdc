//! The scenario: who is simulated and what they take. This is the one schema shared by the CLI,
//! the app's links and exports, and the validation cases (whose `subject`, `history` and `regimen`
//! fields it reads unchanged). Beside it, what a scenario is made of and how it is written: the drugs
//! (`agents`), measured labs (`measured`), the built-in scenarios (`presets`), the drug rows of a course
//! (`draws`), and its two formats, the page link (`link`) and the JSON file (`scenario_file`).
//!
//! May use: the crate root only (words, numbers, JSON text, units, the traits men differ in, the outputs a
//! course has). Everything else uses it.

pub mod agents;
pub mod draws;
pub mod link;
pub mod measured;
pub mod presets;
pub mod scenario_file;

use crate::lang::{say, t};
use crate::math;
use crate::scenario::agents::{Agent, DoseUnit, Route};
use std::collections::BTreeMap;
use std::fmt;

/// Current schema version. Older versions are migrated on read; newer ones are refused.
pub const SCENARIO_VERSION: u32 = 1;
/// Longest simulated span after day 0, days (10 years).
pub const MAX_HORIZON_DAYS: f64 = 3650.0;
/// Earliest day a `history` entry may start (30 years before day 0: decades of therapy).
pub const MIN_HISTORY_DAY: f64 = -10_950.0;
/// Most administrations a scenario may contain in all (a pump every 30 min for a year is ~17,500).
pub const MAX_ADMINISTRATIONS: usize = 200_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub version: u32,
    pub name: String,
    pub subject: Subject,
    /// Dosing before day 0 (negative days).
    pub history: Vec<Dosing>,
    /// Dosing from day 0.
    pub regimen: Vec<Dosing>,
    /// Days simulated after day 0.
    pub horizon_days: f64,
    pub mode: Mode,
    /// Output grid spacing, days. Default: one point per hour (pulse mode: per minute).
    pub output_step_days: Option<f64>,
    /// The spread between men to show: how many men like the subject, from which seed (`men: 0` is "off").
    /// Absent: the viewer's default (the page shows 100 men after therapy stops).
    pub population: Option<Setting>,
    /// Labs the person measured, drawn beside the simulated ones and fitted by `fit`.
    pub labs: Vec<crate::scenario::measured::Measured>,
}

/// Days simulated after day 0 when a scenario does not say (24 weeks).
pub const DEFAULT_HORIZON_DAYS: f64 = 168.0;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Pulse-averaged: hours to years.
    #[default]
    Averaged,
    /// Pulse-resolved: individual GnRH pulses, minutes to days.
    Pulse,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Subject {
    pub age_years: f64,
    pub weight_kg: f64,
    pub bmi: f64,
    pub condition: Condition,
    pub baseline: Baseline,
    /// How this man differs from the man his labs calibrate, trait by trait (`population::SPREADS` keys,
    /// multipliers): what fitting his measured labs found. Empty: the calibrated man himself.
    pub traits: BTreeMap<String, f64>,
}

impl Default for Subject {
    fn default() -> Self {
        Subject {
            age_years: 40.0,
            weight_kg: 80.0,
            bmi: 25.0,
            condition: Condition::Eugonadal,
            baseline: Baseline::default(),
            traits: BTreeMap::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Condition {
    #[default]
    Eugonadal,
    SecondaryHypogonadism,
    GnrhDeficient,
}

/// Untreated labs to calibrate the subject to, in conventional units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Baseline {
    pub total_t_ng_dl: Option<f64>,
    pub e2_pg_ml: Option<f64>,
    pub lh_iu_l: Option<f64>,
    pub fsh_iu_l: Option<f64>,
    pub shbg_nmol_l: Option<f64>,
    pub itt_nmol_l: Option<f64>,
}

/// One untreated lab a subject may give: its key in a file and in a link, and the range accepted
/// (conventional units). Files, links and `check` read the labs through this one table.
pub struct BaselineLab {
    pub file_key: &'static str,
    pub link_key: &'static str,
    pub range: (f64, f64),
}

/// The labs of `Baseline`, in its fields' order.
pub const BASELINE_LABS: [BaselineLab; 6] = [
    BaselineLab { file_key: "total_t_ng_dl", link_key: "tt", range: (5.0, 2000.0) },
    BaselineLab { file_key: "e2_pg_ml", link_key: "e2", range: (1.0, 200.0) },
    BaselineLab { file_key: "lh_iu_l", link_key: "lh", range: (0.05, 60.0) },
    BaselineLab { file_key: "fsh_iu_l", link_key: "fsh", range: (0.05, 80.0) },
    BaselineLab { file_key: "shbg_nmol_l", link_key: "shbg", range: (2.0, 200.0) },
    BaselineLab { file_key: "itt_nmol_l", link_key: "itt", range: (10.0, 5000.0) },
];

impl Baseline {
    pub fn is_empty(&self) -> bool {
        self == &Baseline::default()
    }

    /// Each lab with its value.
    pub fn labs(&self) -> impl Iterator<Item = (&'static BaselineLab, Option<f64>)> {
        let values =
            [self.total_t_ng_dl, self.e2_pg_ml, self.lh_iu_l, self.fsh_iu_l, self.shbg_nmol_l, self.itt_nmol_l];
        BASELINE_LABS.iter().zip(values)
    }

    /// Each lab with its slot, to fill.
    pub fn labs_mut(&mut self) -> impl Iterator<Item = (&'static BaselineLab, &mut Option<f64>)> {
        let slots = [
            &mut self.total_t_ng_dl,
            &mut self.e2_pg_ml,
            &mut self.lh_iu_l,
            &mut self.fsh_iu_l,
            &mut self.shbg_nmol_l,
            &mut self.itt_nmol_l,
        ];
        BASELINE_LABS.iter().zip(slots)
    }
}

/// One regimen line: an agent given by a route, `dose` every `every_days` (or `every_minutes`)
/// from `start_day` while the dose time is before `end_day`.
#[derive(Clone, Debug, PartialEq)]
pub struct Dosing {
    pub agent: Agent,
    pub route: Route,
    pub dose: f64,
    pub unit: DoseUnit,
    pub every_days: Option<f64>,
    pub every_minutes: Option<f64>,
    pub start_day: f64,
    pub end_day: Option<f64>,
}

impl Dosing {
    /// Interval between administrations in days, if repeated.
    pub fn interval_days(&self) -> Option<f64> {
        self.every_days.or(self.every_minutes.map(|m| m / 1440.0))
    }
    pub fn is_infusion(&self) -> bool {
        self.route == Route::ScInfusion
    }
    /// Last day this line acts on (end of dosing), bounded by `fallback` when open-ended.
    pub fn end_or(&self, fallback: f64) -> f64 {
        self.end_day.unwrap_or(fallback)
    }
    /// Administration times, in days, up to `until`.
    pub fn times(&self, until: f64) -> impl Iterator<Item = f64> + '_ {
        let end = self.end_or(until).min(until);
        let step = self.interval_days();
        let start = self.start_day;
        let n = match step {
            Some(s) if s > 0.0 => ((end - start) / s).ceil().max(0.0) as usize,
            _ => usize::from(start < end || (self.end_day.is_none() && start <= until)),
        };
        (0..n).map(move |k| start + k as f64 * step.unwrap_or(0.0)).filter(move |t| *t < end)
    }
}

/// A problem with a scenario, naming the field it is in.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    /// JSON path to the field, e.g. `regimen[2].dose`.
    pub path: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

fn err(path: impl Into<String>, message: impl Into<String>) -> ScenarioError {
    ScenarioError { path: path.into(), message: message.into() }
}

fn finite_in(path: &str, x: f64, lo: f64, hi: f64, what: &str) -> Result<(), ScenarioError> {
    finite_in_unit(path, x, (lo, hi), what, "")
}

/// Like `finite_in`, with the unit the value is in, said after each number ("interval 0 days is outside
/// the accepted range 0.001 to 10000 days").
fn finite_in_unit(path: &str, x: f64, (lo, hi): (f64, f64), what: &str, unit: &str) -> Result<(), ScenarioError> {
    if !x.is_finite() {
        return Err(err(path, say("{what} must be a finite number", &[("what", &what)])));
    }
    if x < lo || x > hi {
        let n = crate::units::readable_number;
        let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
        return Err(err(
            path,
            say(
                "{what} {value}{unit} is outside the accepted range {lo} to {hi}{unit}",
                &[("what", &what), ("value", &n(x)), ("unit", &unit), ("lo", &n(lo)), ("hi", &n(hi))],
            ),
        ));
    }
    Ok(())
}

impl Scenario {
    /// Checks everything the file format cannot: ranges, routes, units, limits.
    pub fn check(&self) -> Result<(), ScenarioError> {
        if self.version == 0 || self.version > SCENARIO_VERSION {
            return Err(err(
                "version",
                say(
                    "version {version} is not supported (this build reads 1..={supported})",
                    &[("version", &self.version), ("supported", &SCENARIO_VERSION)],
                ),
            ));
        }
        if self.name.chars().count() > 200 {
            return Err(err("name", t("name is longer than 200 characters")));
        }
        finite_in_unit("horizon_days", self.horizon_days, (0.01, MAX_HORIZON_DAYS), t("horizon"), t("days"))?;
        if self.mode == Mode::Pulse {
            finite_in("horizon_days", self.horizon_days, 0.01, 60.0, t("pulse-resolved horizon"))?;
        }
        if let Some(step) = self.output_step_days {
            finite_in("output_step_days", step, 1.0 / 1440.0, 30.0, t("output step"))?;
            if self.horizon_days / step > 2.0e6 {
                return Err(err(
                    "output_step_days",
                    t("output step too small for this horizon (over 2 million points)"),
                ));
            }
        }
        if let Some(p) = &self.population {
            if p.men != 0 {
                p.check().map_err(|m| err("population.men", m))?;
            }
        }
        let s = &self.subject;
        finite_in_unit("subject.age_years", s.age_years, (18.0, 100.0), t("age"), t("years"))?;
        finite_in_unit("subject.weight_kg", s.weight_kg, (30.0, 250.0), t("weight"), "kg")?;
        finite_in("subject.bmi", s.bmi, 12.0, 70.0, "BMI")?;
        for (lab, v) in s.baseline.labs() {
            if let Some(v) = v {
                let (lo, hi) = lab.range;
                finite_in(&format!("subject.baseline.{}", lab.file_key), v, lo, hi, lab.file_key)?;
            }
        }
        for (key, &factor) in &s.traits {
            let Some(spread) = crate::traits::SPREADS.iter().find(|t| t.key == key) else {
                return Err(err(
                    format!("subject.traits.{key}"),
                    say("there is no trait {key}", &[("key", &format!("{key:?}"))]),
                ));
            };
            // Beyond four standard deviations a man is not among the men the spreads describe.
            let limit = math::exp(4.0 * spread.sigma);
            finite_in(&format!("subject.traits.{key}"), factor, 1.0 / limit, limit, t("trait factor"))?;
        }
        if self.labs.len() > 64 {
            return Err(err("labs", t("more than 64 measured labs")));
        }
        for (i, lab) in self.labs.iter().enumerate() {
            if let Some(problem) = lab.value_problem() {
                return Err(err(format!("labs[{i}]"), problem));
            }
        }
        self.check_overlaps()?;
        let mut total = 0usize;
        for (list, name, lo, hi) in
            [(&self.history, "history", MIN_HISTORY_DAY, 0.0), (&self.regimen, "regimen", 0.0, self.horizon_days)]
        {
            if list.len() > 64 {
                return Err(err(name, t("more than 64 dosing lines")));
            }
            for (i, d) in list.iter().enumerate() {
                let p = format!("{name}[{i}]");
                total += check_dosing(d, &p, lo, hi, s.weight_kg)?;
                if total > MAX_ADMINISTRATIONS {
                    return Err(err(
                        p,
                        say("the scenario has more than {max} administrations", &[("max", &MAX_ADMINISTRATIONS)]),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Lines of the same drug may overlap (two weekly doses 3.5 days apart make a twice-weekly
    /// regimen), but together they must stay within the drug's weekly limit.
    fn check_overlaps(&self) -> Result<(), ScenarioError> {
        let lines: Vec<(String, &Dosing)> = self
            .history
            .iter()
            .enumerate()
            .map(|(i, d)| (format!("history[{i}]"), d))
            .chain(self.regimen.iter().enumerate().map(|(i, d)| (format!("regimen[{i}]"), d)))
            .collect();
        let weekly = |d: &Dosing| match d.interval_days() {
            _ if d.is_infusion() => d.dose * 7.0,
            Some(step) if step > 0.0 => d.dose * 7.0 / step,
            _ => d.dose,
        };
        let span = |d: &Dosing| (d.start_day, d.end_day.unwrap_or(d.start_day + d.interval_days().unwrap_or(1.0)));
        for (i, (path, d)) in lines.iter().enumerate() {
            let (a0, a1) = span(d);
            let together: f64 = lines[..=i]
                .iter()
                .filter(|(_, e)| e.agent == d.agent && e.unit == d.unit)
                .filter(|(_, e)| {
                    let (b0, b1) = span(e);
                    b0 < a1 && a0 < b1
                })
                .map(|(_, e)| weekly(e))
                .sum();
            let max = d.agent.max_weekly(d.unit);
            if together > max * (1.0 + 1e-9) && together > weekly(d) {
                let unit = d.unit.label();
                return Err(err(
                    format!("{path}.dose"),
                    say("with the lines of {agent} it overlaps, {together} {unit} a week is above the accepted maximum of {max} {unit}", &[
                        ("agent", &d.agent.key()),
                        ("together", &format!("{together:.0}")),
                        ("unit", &unit),
                        ("max", &max),
                    ]),
                ));
            }
        }
        Ok(())
    }

    /// The same protocol seen through a window of `days` starting on day `start`, pulse-resolved: every
    /// dose is shifted so the window begins at day 0 (earlier doses become history). Simulate it and
    /// add `start` to the trajectory's days to put it back on the protocol's clock.
    pub fn window(&self, start: f64, days: f64) -> Scenario {
        let shift =
            |d: &Dosing| Dosing { start_day: d.start_day - start, end_day: d.end_day.map(|e| e - start), ..d.clone() };
        let (mut history, mut regimen) = (Vec::new(), Vec::new());
        for d in self.dosings().map(shift) {
            if d.end_day.is_some_and(|e| e <= self.first_day() - start) {
                continue;
            }
            if d.start_day < 0.0 {
                history.push(d);
            } else {
                regimen.push(d);
            }
        }
        Scenario {
            history,
            regimen,
            horizon_days: days,
            mode: Mode::Pulse,
            output_step_days: Some(1.0 / 1440.0),
            labs: Vec::new(),
            ..self.clone()
        }
    }

    /// First simulated day (the start of history, or 0).
    pub fn first_day(&self) -> f64 {
        self.history.iter().map(|d| d.start_day).fold(0.0, f64::min)
    }

    /// First day a view shows: at most as many weeks before day 0 as after it (12 at least), so years of
    /// history do not squeeze what follows into the last sliver of a chart. The simulation still runs them.
    pub fn first_shown_day(&self) -> f64 {
        self.first_day().max(-self.horizon_days.max(84.0))
    }

    /// Every dosing line, history first.
    pub fn dosings(&self) -> impl Iterator<Item = &Dosing> {
        self.history.iter().chain(self.regimen.iter())
    }
}

/// Checks one dosing line and returns how many administrations it makes.
fn check_dosing(d: &Dosing, p: &str, lo: f64, hi: f64, weight_kg: f64) -> Result<usize, ScenarioError> {
    let _ = weight_kg;
    if !d.agent.routes().contains(&d.route) {
        let ok: Vec<_> = d.agent.routes().iter().map(|r| r.key()).collect();
        return Err(err(
            format!("{p}.route"),
            say(
                "{agent} cannot be given by route {route}; use one of {routes}",
                &[("agent", &d.agent.key()), ("route", &d.route.key()), ("routes", &ok.join(", "))],
            ),
        ));
    }
    if !d.agent.units(d.route).contains(&d.unit) {
        let ok: Vec<_> = d.agent.units(d.route).iter().map(|u| u.label()).collect();
        return Err(err(
            format!("{p}.unit"),
            say(
                "{agent} by {route} is dosed in {units}",
                &[("agent", &d.agent.key()), ("route", &d.route.key()), ("units", &ok.join(t(" or ")))],
            ),
        ));
    }
    let max = d.agent.max_dose(d.unit);
    if !d.dose.is_finite() || d.dose <= 0.0 {
        return Err(err(format!("{p}.dose"), t("dose must be a positive number")));
    }
    if d.dose > max {
        return Err(err(
            format!("{p}.dose"),
            say(
                "dose {dose} {unit} is above the accepted maximum of {max} {unit}",
                &[("dose", &d.dose), ("unit", &d.unit.label()), ("max", &max)],
            ),
        ));
    }
    finite_in(&format!("{p}.start_day"), d.start_day, lo, hi.max(lo), t("start day"))?;
    if let Some(end) = d.end_day {
        finite_in(&format!("{p}.end_day"), end, lo, MAX_HORIZON_DAYS, t("end day"))?;
        if end < d.start_day {
            return Err(err(
                format!("{p}.end_day"),
                say("end day {end} is before start day {start}", &[("end", &end), ("start", &d.start_day)]),
            ));
        }
    }
    if d.every_days.is_some() && d.every_minutes.is_some() {
        return Err(err(
            format!("{p}.every_minutes"),
            say("give {days} or {minutes}, not both", &[("days", &"every_days"), ("minutes", &"every_minutes")]),
        ));
    }
    if let Some(m) = d.every_minutes {
        finite_in_unit(&format!("{p}.every_minutes"), m, (1.0, 1.0e6), t("interval"), "min")?;
    }
    if let Some(x) = d.every_days {
        finite_in_unit(&format!("{p}.every_days"), x, (1.0e-3, 1.0e4), t("interval"), t("days"))?;
    }
    let weekly_max = d.agent.max_weekly(d.unit);
    if d.is_infusion() {
        if d.interval_days().is_some() {
            return Err(err(format!("{p}.every_days"), t("an infusion is continuous: give no interval")));
        }
        if d.dose * 7.0 > weekly_max {
            return Err(err(
                format!("{p}.dose"),
                say(
                    "{amount} a week is above the accepted maximum of {max}",
                    &[("amount", &(d.dose * 7.0)), ("max", &weekly_max)],
                ),
            ));
        }
        return Ok(1);
    }
    let Some(step) = d.interval_days() else { return Ok(1) };
    let min = d.agent.min_interval_days(d.route);
    if step < min - 1e-12 {
        let path = if d.every_minutes.is_some() { "every_minutes" } else { "every_days" };
        return Err(err(
            format!("{p}.{path}"),
            say(
                "interval is shorter than the accepted minimum of {minutes} minutes",
                &[("minutes", &format!("{:.0}", min * 1440.0))],
            ),
        ));
    }
    let weekly = d.dose * 7.0 / step;
    if weekly > weekly_max {
        let unit = d.unit.label();
        return Err(err(
            format!("{p}.dose"),
            say(
                "{weekly} {unit} a week is above the accepted maximum of {max} {unit}",
                &[("weekly", &format!("{weekly:.0}")), ("unit", &unit), ("max", &weekly_max)],
            ),
        ));
    }
    let Some(end) = d.end_day else {
        return Err(err(format!("{p}.end_day"), say("a repeated dose needs an {field}", &[("field", &"end_day")])));
    };
    Ok(((end - d.start_day) / step).ceil().max(0.0) as usize)
}

/// The seed a population uses when none is given.
pub const DEFAULT_SEED: u64 = 20_261_129;
/// Men in a population when none is given, and the most a population may have.
pub const DEFAULT_MEN: usize = 100;
pub const MAX_MEN: usize = 1000;

/// How many men and which seed: the population setting a link, a file or the CLI carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting {
    pub men: usize,
    pub seed: u64,
}

impl Default for Setting {
    fn default() -> Self {
        Setting { men: DEFAULT_MEN, seed: DEFAULT_SEED }
    }
}

impl Setting {
    /// Refuses a population too small to have a spread or too large to run in a page (why, in the page's
    /// language).
    pub fn check(&self) -> Result<(), String> {
        if self.men < 2 || self.men > MAX_MEN {
            return Err(say(
                "a population has between 2 and {max} men, not {men}",
                &[("max", &MAX_MEN), ("men", &self.men)],
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_keeps_plan_b_as_compared_and_reads_back_both() {
        let a = crate::scenario::presets::find("trt-hcg").unwrap().scenario();
        let b = crate::scenario::presets::find("trt").unwrap().scenario();
        let text = Scenario::plans_to_json(&a, Some(&b));
        let (ra, rb) = Scenario::plans_from_json(&text).unwrap();
        assert_eq!((ra.to_json(), rb.map(|b| b.to_json())), (a.to_json(), Some(b.to_json())));
        // One plan: the file is the plain scenario file, and either reader reads it.
        let one = Scenario::plans_to_json(&a, None);
        assert_eq!(one, a.to_json());
        assert!(Scenario::plans_from_json(&one).unwrap().1.is_none());
        // The plain reader refuses what it does not know; plan B's errors name their path.
        assert_eq!(Scenario::from_json(&text).unwrap_err().path, "compared");
        let bad_b = Scenario { horizon_days: -1.0, ..b.clone() };
        let e = Scenario::plans_from_json(&Scenario::plans_to_json(&a, Some(&bad_b))).unwrap_err();
        assert_eq!(e.path, "compared.horizon_days", "{e:?}");
        let nested = text.replacen("\"compared\": {", "\"compared\": {\"compared\": {},", 1);
        assert_eq!(Scenario::plans_from_json(&nested).unwrap_err().path, "compared.compared");
    }

    use super::*;

    #[test]
    fn errors_name_the_field() {
        let bad = r#"{"regimen":[{"agent":"unobtainium","route":"im","dose":1,"unit":"mg","start_day":0}]}"#;
        let e = Scenario::from_json(bad).unwrap_err();
        assert_eq!(e.path, "regimen[0].agent");
        let neg = r#"{"regimen":[{"agent":"hcg","route":"sc","dose":-5,"unit":"IU","start_day":0}]}"#;
        assert_eq!(Scenario::from_json(neg).unwrap_err().path, "regimen[0].dose");
        let huge = r#"{"horizon_days": 1e9}"#;
        assert_eq!(Scenario::from_json(huge).unwrap_err().path, "horizon_days");
        let route = r#"{"regimen":[{"agent":"anastrozole","route":"im","dose":1,"unit":"mg","start_day":0}]}"#;
        assert_eq!(Scenario::from_json(route).unwrap_err().path, "regimen[0].route");
        assert!(Scenario::from_json("{").unwrap_err().message.contains("EOF"));
        let typed = r#"{"regimen":[{"agent":"hcg","route":"sc","dose":1,"unit":"IU","start_day":0,"end_day":9},
                                    {"agent":"hcg","route":"sc","dose":"lots","unit":"IU","start_day":0}]}"#;
        let e = Scenario::from_json(typed).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("regimen[1].dose", "invalid type: string \"lots\", expected a number")
        );
        let escaped = r#"{"name":"a \"quoted\" [name], {x}","horizon_days":"x"}"#;
        assert_eq!(Scenario::from_json(escaped).unwrap_err().path, "horizon_days");
        let unknown = r#"{"subject":{"age_years":40,"shoe_size":44}}"#;
        assert_eq!(Scenario::from_json(unknown).unwrap_err().path, "subject.shoe_size");
    }

    #[test]
    fn overlapping_lines_may_not_exceed_the_weekly_limit_together() {
        let line = |start: f64| {
            format!(
                r#"{{"agent":"anastrozole","route":"oral","dose":10,"unit":"mg","every_days":1.5,"start_day":{start},"end_day":30}}"#
            )
        };
        let one = format!(r#"{{"regimen":[{}]}}"#, line(0.0));
        assert!(Scenario::from_json(&one).is_ok());
        let two = format!(r#"{{"regimen":[{},{}]}}"#, line(0.0), line(0.5));
        let e = Scenario::from_json(&two).unwrap_err();
        assert_eq!(e.path, "regimen[1].dose");
        assert!(e.message.contains("overlaps"));
        // Twice weekly as two weekly lines (Leder 2004) is fine.
        let leder = r#"{"regimen":[{"agent":"anastrozole","route":"oral","dose":1,"unit":"mg","every_days":7,"start_day":0,"end_day":84},
                                   {"agent":"anastrozole","route":"oral","dose":1,"unit":"mg","every_days":7,"start_day":3.5,"end_day":84}]}"#;
        assert!(Scenario::from_json(leder).is_ok());
    }

    #[test]
    fn a_window_keeps_every_dose_on_the_same_clock() {
        let s = Scenario::from_json(
            r#"{"horizon_days": 168, "history":[{"agent":"testosterone_cypionate","route":"im","dose":100,"unit":"mg","every_days":7,"start_day":-70,"end_day":0}],
                "regimen":[{"agent":"hcg","route":"sc","dose":500,"unit":"IU","every_days":2,"start_day":0,"end_day":168}]}"#,
        )
        .unwrap();
        let w = s.window(84.0, 3.0);
        w.check().expect("a window is a valid scenario");
        assert_eq!(w.mode, Mode::Pulse);
        assert_eq!(w.history.len(), 2, "the TRT history and the hCG started before the window");
        let times = |sc: &Scenario, offset: f64| -> Vec<f64> {
            let mut v: Vec<f64> = sc.dosings().flat_map(|d| d.times(1e9).map(move |t| t + offset)).collect();
            v.sort_by(f64::total_cmp);
            v
        };
        assert_eq!(times(&w, 84.0), times(&s, 0.0));
    }

    #[test]
    fn dose_times_stop_before_end() {
        let d = Dosing {
            agent: Agent::Hcg,
            route: Route::Sc,
            dose: 250.0,
            unit: DoseUnit::Iu,
            every_days: Some(2.0),
            every_minutes: None,
            start_day: 0.0,
            end_day: Some(7.0),
        };
        assert_eq!(d.times(100.0).collect::<Vec<_>>(), vec![0.0, 2.0, 4.0, 6.0]);
        let single = Dosing { every_days: None, end_day: None, ..d };
        assert_eq!(single.times(100.0).collect::<Vec<_>>(), vec![0.0]);
    }
}
