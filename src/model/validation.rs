//! Published-outcome validation: reads the neutral `hpg-validation/1` format, simulates each case
//! with the one population parameter set, and checks each observation against its accept band.

use super::scenario::{Dosing, Mode, Scenario, Subject};
use super::simulate::Engine;
use super::trajectory::{Output, Trajectory};
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
pub struct ValidationFile {
    pub format: String,
    pub cases: Vec<Case>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Case {
    pub id: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub population: String,
    #[serde(default)]
    pub subject: Subject,
    #[serde(default)]
    pub history: Vec<Dosing>,
    #[serde(default)]
    pub regimen: Vec<Dosing>,
    pub observations: Vec<Observation>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Observation {
    pub quantity: String,
    #[serde(default)]
    pub relative: bool,
    pub stat: String,
    pub window: [f64; 2],
    #[serde(default)]
    pub threshold: Option<f64>,
    #[serde(default)]
    pub published: String,
    pub accept: [f64; 2],
}

/// The outcome of one observation.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub case: String,
    pub quantity: String,
    pub stat: String,
    pub published: String,
    pub simulated: Result<f64, String>,
    pub accept: [f64; 2],
}

impl Outcome {
    pub fn passed(&self) -> bool {
        matches!(self.simulated, Ok(v) if v >= self.accept[0] && v <= self.accept[1])
    }

    /// The simulated value, or why there is none.
    fn simulated_text(&self) -> String {
        match &self.simulated {
            Ok(v) => format!("{v:.3}"),
            Err(e) => e.clone(),
        }
    }

    fn verdict(&self) -> &'static str {
        if self.passed() {
            "PASS"
        } else {
            "FAIL"
        }
    }

    /// One line of the plain report: case, statistic, simulated value, accept band, PASS or FAIL.
    pub fn line(&self) -> String {
        let stat = format!("{} {}", self.quantity, self.stat);
        let sim = self.simulated_text();
        format!("{:<46} {stat:<34} {sim:>10}  [{}, {}]  {}", self.case, self.accept[0], self.accept[1], self.verdict())
    }
}

pub fn parse(text: &str) -> Result<ValidationFile, String> {
    let file: ValidationFile = serde_json::from_str(text).map_err(|e| format!("not a validation file: {e}"))?;
    if !file.format.starts_with("hpg-validation/") {
        return Err(format!("unknown format {:?} (expected hpg-validation/1)", file.format));
    }
    Ok(file)
}

/// Runs every case of a file.
pub fn run(engine: &Engine, file: &ValidationFile) -> Vec<Outcome> {
    file.cases.iter().flat_map(|c| run_case(engine, c)).collect()
}

pub fn run_case(engine: &Engine, case: &Case) -> Vec<Outcome> {
    let outcome = |o: &Observation, simulated| Outcome {
        case: case.id.clone(),
        quantity: o.quantity.clone(),
        stat: o.stat.clone(),
        published: o.published.clone(),
        simulated,
        accept: o.accept,
    };
    let horizon = case.observations.iter().map(|o| o.window[1]).fold(1.0, f64::max) + 1.0;
    let scenario = Scenario {
        name: case.id.clone(),
        subject: case.subject.clone(),
        history: case.history.clone(),
        regimen: case.regimen.clone(),
        horizon_days: horizon,
        mode: Mode::Averaged,
        output_step_days: Some(1.0 / 48.0),
        ..Scenario::from_json("{}").expect("the empty scenario is valid")
    };
    let traj = match engine.simulate(&scenario) {
        Ok(t) => t,
        Err(e) => {
            return case.observations.iter().map(|o| outcome(o, Err(format!("scenario rejected: {e}")))).collect()
        }
    };
    case.observations.iter().map(|o| outcome(o, statistic(&traj, o))).collect()
}

fn statistic(traj: &Trajectory, o: &Observation) -> Result<f64, String> {
    if o.stat == "fraction" {
        return Err("not supported: population statistics need a virtual population".into());
    }
    let output = Output::from_key(&o.quantity).ok_or_else(|| format!("unknown quantity {:?}", o.quantity))?;
    let base = output.to_conventional(traj.baseline[output.index()]);
    let scale = if o.relative {
        if base <= 0.0 {
            return Err("relative to a zero baseline".into());
        }
        1.0 / base
    } else {
        1.0
    };
    let value = |day: f64| output.to_conventional(traj.at(output, day)) * scale;
    let [from, to] = o.window;
    let grid = || {
        let n = (((to - from) * 48.0).ceil() as usize).max(1);
        (0..=n).map(move |k| from + (to - from) * k as f64 / n as f64)
    };
    match o.stat.as_str() {
        "mean" => Ok(output.to_conventional(traj.mean(output, from, to)) * scale),
        "max" => Ok(grid().map(value).fold(f64::MIN, f64::max)),
        "min" => Ok(grid().map(value).fold(f64::MAX, f64::min)),
        "day_of_max" => {
            Ok(grid().map(|d| (d, value(d))).fold((from, f64::MIN), |a, b| if b.1 > a.1 { b } else { a }).0)
        }
        "first_day_below" | "first_day_above" => {
            let th = o.threshold.ok_or("a threshold is required")?;
            let below = o.stat == "first_day_below";
            grid()
                .find(|&d| if below { value(d) < th } else { value(d) >= th })
                .ok_or_else(|| "no crossing inside the window".to_string())
        }
        other => Err(format!("unknown statistic {other:?}")),
    }
}

/// The outcomes as a Markdown table (docs/MODEL.md carries this table; a test keeps it current).
pub fn markdown_table(outcomes: &[Outcome]) -> String {
    let mut s =
        String::from("| case | statistic | published | simulated | accept | result |\n|---|---|---|---|---|---|\n");
    for o in outcomes {
        s += &format!(
            "| {} | {} {} | {} | {} | {}..{} | {} |\n",
            o.case,
            o.quantity,
            o.stat,
            o.published,
            o.simulated_text(),
            o.accept[0],
            o.accept[1],
            o.verdict()
        );
    }
    s
}

/// The summary line every runner prints last.
pub fn summary(outcomes: &[Outcome]) -> String {
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    format!("validation: {passed}/{} observations within published range", outcomes.len())
}
