//! Published-outcome validation: reads the neutral `hpg-validation/1` format, simulates each case
//! with the one population parameter set, and checks each observation against its accept band.

use crate::analyses::population;
use crate::engine::simulate::Engine;
use crate::scenario::{Dosing, Mode, Scenario, Subject};
use crate::trajectory::{Output, Trajectory};
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
    /// The case's subject and dosing are the scenario's own schema, read by the scenario file's reader.
    #[serde(default, deserialize_with = "scenario_part::subject")]
    pub subject: Subject,
    #[serde(default, deserialize_with = "scenario_part::history")]
    pub history: Vec<Dosing>,
    #[serde(default, deserialize_with = "scenario_part::regimen")]
    pub regimen: Vec<Dosing>,
    pub observations: Vec<Entry>,
}

/// One entry of `observations`: read as an [`Observation`] where it can be, otherwise kept as it was
/// written, so that one observation this program cannot read is reported, not a reason to refuse the file.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Entry {
    Readable(Observation),
    Unreadable(serde_json::Value),
}

#[derive(Clone, Debug, Deserialize)]
pub struct Observation {
    pub quantity: String,
    #[serde(default)]
    pub relative: bool,
    pub stat: String,
    /// Absent for population statistics, whose window is in `per_subject`.
    #[serde(default)]
    pub window: Option<[f64; 2]>,
    #[serde(default)]
    pub threshold: Option<f64>,
    #[serde(default)]
    pub published: String,
    pub accept: [f64; 2],
    /// The per-man event of a `fraction` statistic.
    #[serde(default)]
    pub per_subject: Option<PerSubject>,
    #[serde(default)]
    pub at_most_day: Option<f64>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct PerSubject {
    pub stat: String,
    pub threshold: f64,
    pub window: [f64; 2],
}

/// The parts of a case that are the scenario's schema (its subject, its dosing lines), read by the one reader
/// of that schema (`scenario_file`), strict as it is: an unknown field is refused, naming its path.
mod scenario_part {
    use crate::json;
    use crate::scenario::scenario_file;
    use crate::scenario::{Dosing, ScenarioError, Subject};
    use serde::de::Error;
    use serde::{Deserialize, Deserializer};

    fn read<'de, D: Deserializer<'de>, T>(
        d: D,
        path: &str,
        read: impl Fn(&json::Value, &str) -> Result<T, ScenarioError>,
    ) -> Result<T, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        let text = serde_json::to_string(&value).map_err(D::Error::custom)?;
        let parsed = json::parse(&text).map_err(|e| D::Error::custom(e.message))?;
        read(&parsed, path).map_err(D::Error::custom)
    }

    pub fn subject<'de, D: Deserializer<'de>>(d: D) -> Result<Subject, D::Error> {
        read(d, "subject", scenario_file::subject)
    }

    pub fn history<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Dosing>, D::Error> {
        read(d, "history", |v, path| scenario_file::each(v, path, scenario_file::dosing))
    }

    pub fn regimen<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Dosing>, D::Error> {
        read(d, "regimen", |v, path| scenario_file::each(v, path, scenario_file::dosing))
    }
}

impl Case {
    /// The study a case comes from: its citation up to the first ';' (several arms of one paper are one
    /// study, and leave-one-study-out cross-validation leaves them out together).
    pub fn study(&self) -> &str {
        let cited = self.source.split(';').next().unwrap_or("").trim();
        if cited.is_empty() {
            &self.id
        } else {
            cited
        }
    }

    /// Whether any observation reads a population (`fraction`): such a case costs a population's runs.
    pub fn has_population(&self) -> bool {
        self.observations.iter().any(|e| matches!(e, Entry::Readable(o) if o.stat == "fraction"))
    }
}

impl Observation {
    /// The last day this observation looks at.
    fn last_day(&self) -> f64 {
        self.window.or(self.per_subject.as_ref().map(|p| p.window)).map_or(0.0, |w| w[1])
    }
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

    /// Where the simulated value sits in the accept band: 0 at the low edge, 0.5 at the centre, 1 at the
    /// high edge (below 0 or above 1 outside it). A pass at 0.02 is luck, not agreement.
    pub fn band_position(&self) -> Option<f64> {
        let [lo, hi] = self.accept;
        match self.simulated {
            Ok(v) if hi > lo => Some((v - lo) / (hi - lo)),
            Ok(v) => Some(if v == lo {
                0.5
            } else if v < lo {
                0.0
            } else {
                1.0
            }),
            Err(_) => None,
        }
    }

    fn band_text(&self) -> String {
        self.band_position().map_or("-".into(), |b| format!("{b:.2}"))
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
        format!(
            "{:<46} {stat:<34} {sim:>10}  [{}, {}]  band {:>5}  {}",
            self.case,
            self.accept[0],
            self.accept[1],
            self.band_text(),
            self.verdict()
        )
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
    run_case_with(engine, case, population::Setting::default())
}

/// The run a case is read from: its subject and dosing, pulse-averaged, on a half-hour grid to a day
/// past its last observation.
pub fn scenario_of(case: &Case) -> Scenario {
    let last_day = case
        .observations
        .iter()
        .filter_map(|e| match e {
            Entry::Readable(o) => Some(o.last_day()),
            Entry::Unreadable(_) => None,
        })
        .fold(1.0, f64::max);
    Scenario {
        name: case.id.clone(),
        subject: case.subject.clone(),
        history: case.history.clone(),
        regimen: case.regimen.clone(),
        horizon_days: last_day + 1.0,
        mode: Mode::Averaged,
        output_step_days: Some(1.0 / 48.0),
        ..Scenario::from_json("{}").expect("the empty scenario is valid")
    }
}

/// One case, its `fraction` observations read from a population of `setting` (a calibration searches with
/// fewer men than the report uses).
pub fn run_case_with(engine: &Engine, case: &Case, setting: population::Setting) -> Vec<Outcome> {
    let outcome = |e: &Entry, simulated| match e {
        Entry::Readable(o) => Outcome {
            case: case.id.clone(),
            quantity: o.quantity.clone(),
            stat: o.stat.clone(),
            published: o.published.clone(),
            simulated,
            accept: o.accept,
        },
        Entry::Unreadable(v) => {
            let text = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("?").to_string();
            Outcome {
                case: case.id.clone(),
                quantity: text("quantity"),
                stat: text("stat"),
                published: text("published"),
                simulated: Err("not supported: an observation this program cannot read".into()),
                accept: [f64::NAN, f64::NAN],
            }
        }
    };
    let scenario = scenario_of(case);
    let traj = match engine.simulate(&scenario) {
        Ok(t) => t,
        Err(e) => {
            return case.observations.iter().map(|o| outcome(o, Err(format!("scenario rejected: {e}")))).collect()
        }
    };
    let mut shares = population_shares(engine, &scenario, case, setting);
    case.observations
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let simulated = match e {
                Entry::Readable(o) if o.stat == "fraction" => shares[i].take().unwrap_or_else(|| Err(String::new())),
                Entry::Readable(o) => statistic(&traj, o),
                Entry::Unreadable(_) => Err(String::new()),
            };
            outcome(e, simulated)
        })
        .collect()
}

/// The per-man statistic of a `fraction` observation, as an observation of its own.
fn per_subject(o: &Observation) -> Result<(Observation, f64), String> {
    let p = o.per_subject.as_ref().ok_or("not supported: a fraction needs per_subject")?;
    if !matches!(p.stat.as_str(), "first_day_above" | "first_day_below") {
        return Err(format!("not supported: per-subject statistic {:?}", p.stat));
    }
    let each = Observation {
        stat: p.stat.clone(),
        window: Some(p.window),
        threshold: Some(p.threshold),
        per_subject: None,
        at_most_day: None,
        ..o.clone()
    };
    Ok((each, o.at_most_day.unwrap_or(p.window[1])))
}

/// Each `fraction` observation's share of a virtual population (`setting`) meeting its per-man criterion, by
/// observation index; the population runs once per case, one man at a time.
fn population_shares(
    engine: &Engine,
    scenario: &Scenario,
    case: &Case,
    setting: population::Setting,
) -> Vec<Option<Result<f64, String>>> {
    let mut out: Vec<Option<Result<f64, String>>> = vec![None; case.observations.len()];
    let mut criteria = Vec::new();
    for (i, e) in case.observations.iter().enumerate() {
        if let Entry::Readable(o) = e {
            if o.stat == "fraction" {
                match per_subject(o) {
                    Ok(c) => criteria.push((i, c)),
                    Err(e) => out[i] = Some(Err(e)),
                }
            }
        }
    }
    if criteria.is_empty() {
        return out;
    }
    let mut hits = vec![0usize; criteria.len()];
    let run = engine.simulate_population(scenario, setting, |_, _, t| {
        for (k, (_, (each, by))) in criteria.iter().enumerate() {
            if statistic(&t, each).is_ok_and(|day| day <= *by) {
                hits[k] += 1;
            }
        }
    });
    for (k, (i, _)) in criteria.iter().enumerate() {
        out[*i] = Some(match &run {
            Ok(()) => Ok(hits[k] as f64 / setting.men as f64),
            Err(e) => Err(format!("scenario rejected: {e}")),
        });
    }
    out
}

fn statistic(traj: &Trajectory, o: &Observation) -> Result<f64, String> {
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
    let [from, to] = o.window.ok_or("not supported: no window")?;
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
            let past = |d: f64| if below { value(d) < th } else { value(d) >= th };
            // A crossing starts on the other side of the threshold: a value already past it when the
            // window opens has not crossed (a man who never lost his sperm has not recovered it).
            let mut started_before = false;
            grid()
                .find(|&d| {
                    let is_past = past(d);
                    started_before |= !is_past;
                    is_past && started_before
                })
                .ok_or_else(|| "no crossing inside the window".to_string())
        }
        other => Err(format!("unknown statistic {other:?}")),
    }
}

/// The outcomes as a Markdown table (docs/MODEL.md carries this table; a test keeps it current).
pub fn markdown_table(outcomes: &[Outcome]) -> String {
    let mut s = String::from(
        "| case | statistic | published | simulated | accept | band | result |\n|---|---|---|---|---|---|---|\n",
    );
    for o in outcomes {
        s += &format!(
            "| {} | {} {} | {} | {} | {}..{} | {} | {} |\n",
            o.case,
            o.quantity,
            o.stat,
            o.published,
            o.simulated_text(),
            o.accept[0],
            o.accept[1],
            o.band_text(),
            o.verdict()
        );
    }
    s
}

/// Median band position of the observations that have a simulated value.
pub fn median_band_position(outcomes: &[Outcome]) -> Option<f64> {
    let mut v: Vec<f64> = outcomes.iter().filter_map(Outcome::band_position).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[m] } else { 0.5 * (v[m - 1] + v[m]) })
}

/// The summary line every runner prints last.
pub fn summary(outcomes: &[Outcome]) -> String {
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    let unsupported =
        outcomes.iter().filter(|o| o.simulated.as_ref().is_err_and(|e| e.starts_with("not supported"))).count();
    let median = median_band_position(outcomes).map_or("-".into(), |m| format!("{m:.2}"));
    format!(
        "validation: {passed}/{} observations within published range ({unsupported} not supported); median band position {median}",
        outcomes.len()
    )
}
