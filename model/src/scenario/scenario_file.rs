//! The scenario file format: a `Scenario` from and to JSON (`json::Value`), field by field, each error
//! naming its field's path ("regimen\[1\].dose"). Unknown and repeated fields are refused, absent ones take
//! their defaults. It is the schema's one reader: the validation cases' subjects and dosing lines are read
//! by it too (`analyses::validation`).

use crate::json::Value;
use crate::lang::{say, t};
use crate::scenario::agents::{Agent, DoseUnit, Route};
use crate::scenario::measured::{Analyte, LabUnit, Measured};
use crate::scenario::{Condition, Dosing, Mode, Scenario, ScenarioError, Subject, SCENARIO_VERSION};
use crate::scenario::{Setting, DEFAULT_HORIZON_DAYS, DEFAULT_SEED};
use std::collections::BTreeMap;

pub(crate) fn fail<T>(path: &str, message: impl Into<String>) -> Result<T, ScenarioError> {
    Err(ScenarioError { path: path.to_string(), message: message.into() })
}

pub(crate) fn invalid<T>(path: &str, v: &Value, expected: &str) -> Result<T, ScenarioError> {
    fail(path, say("invalid type: {kind}, expected {expected}", &[("kind", &v.kind()), ("expected", &expected)]))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// An object being read: each field is taken once; what is left over is refused.
pub(crate) struct Fields<'a> {
    path: String,
    members: &'a [(String, Value)],
    taken: Vec<bool>,
}

impl<'a> Fields<'a> {
    pub(crate) fn of(v: &'a Value, path: &str) -> Result<Fields<'a>, ScenarioError> {
        let Value::Object(members) = v else { return invalid(path, v, t("an object")) };
        refuse_repeated(members, path)?;
        Ok(Fields { path: path.to_string(), members, taken: vec![false; members.len()] })
    }

    /// The field's value and path, if present.
    pub(crate) fn get(&mut self, key: &str) -> Option<(&'a Value, String)> {
        let i = self.members.iter().position(|(k, _)| k == key)?;
        self.taken[i] = true;
        Some((&self.members[i].1, join(&self.path, key)))
    }

    pub(crate) fn required(&mut self, key: &str) -> Result<(&'a Value, String), ScenarioError> {
        self.get(key).map_or_else(
            || fail(&join(&self.path, key), say("missing field {key}", &[("key", &format!("{key:?}"))])),
            Ok,
        )
    }

    fn num_or(&mut self, key: &str, default: f64) -> Result<f64, ScenarioError> {
        self.get(key).map_or(Ok(default), |(v, p)| number(v, &p))
    }

    /// An optional number: absent or null is `None`.
    pub(crate) fn opt_num(&mut self, key: &str) -> Result<Option<f64>, ScenarioError> {
        match self.get(key) {
            None | Some((Value::Null, _)) => Ok(None),
            Some((v, p)) => number(v, &p).map(Some),
        }
    }

    /// An optional member read by `read`: absent or null is `None`.
    pub(crate) fn optional<T>(
        &mut self,
        key: &str,
        read: impl FnOnce(&'a Value, &str) -> Result<T, ScenarioError>,
    ) -> Result<Option<T>, ScenarioError> {
        match self.get(key) {
            None | Some((Value::Null, _)) => Ok(None),
            Some((v, p)) => read(v, &p).map(Some),
        }
    }

    pub(crate) fn done(self) -> Result<(), ScenarioError> {
        match self.taken.iter().position(|t| !t) {
            Some(i) => {
                let key = &self.members[i].0;
                fail(&join(&self.path, key), say("unknown field {key}", &[("key", &format!("{key:?}"))]))
            }
            None => Ok(()),
        }
    }
}

/// Refuses an object that names a field twice (a set, so a hostile text with many keys stays fast).
fn refuse_repeated(members: &[(String, Value)], path: &str) -> Result<(), ScenarioError> {
    let mut seen = std::collections::HashSet::new();
    for (k, _) in members {
        if !seen.insert(k.as_str()) {
            return fail(&join(path, k), say("duplicate field {key}", &[("key", &format!("{k:?}"))]));
        }
    }
    Ok(())
}

pub(crate) fn number(v: &Value, path: &str) -> Result<f64, ScenarioError> {
    match v {
        Value::Number(text) => match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => fail(path, say("number {text} is too large", &[("text", text)])),
        },
        _ => invalid(path, v, t("a number")),
    }
}

pub(crate) fn whole<T: std::str::FromStr>(v: &Value, path: &str) -> Result<T, ScenarioError> {
    match v {
        Value::Number(text) => text.parse::<T>().map_or_else(|_| invalid(path, v, t("a whole number")), Ok),
        _ => invalid(path, v, t("a whole number")),
    }
}

pub(crate) fn text<'a>(v: &'a Value, path: &str) -> Result<&'a str, ScenarioError> {
    match v {
        Value::String(s) => Ok(s),
        _ => invalid(path, v, t("a string")),
    }
}

/// One of a closed set of words.
fn word<T: Copy>(
    v: &Value,
    path: &str,
    all: &[T],
    name: impl Fn(T) -> &'static str,
    what: &str,
) -> Result<T, ScenarioError> {
    let given = text(v, path)?;
    all.iter().copied().find(|&t| name(t) == given).map_or_else(
        || {
            let names: Vec<&str> = all.iter().map(|&t| name(t)).collect();
            fail(
                path,
                say(
                    "unknown {what} {given}, expected one of {names}",
                    &[("what", &what), ("given", &format!("{given:?}")), ("names", &names.join(", "))],
                ),
            )
        },
        Ok,
    )
}

pub(crate) fn list<'a>(v: &'a Value, path: &str) -> Result<&'a [Value], ScenarioError> {
    match v {
        Value::Array(items) => Ok(items),
        _ => invalid(path, v, t("a list")),
    }
}

const CONDITIONS: [Condition; 3] = [Condition::Eugonadal, Condition::SecondaryHypogonadism, Condition::GnrhDeficient];
const ROUTES: [Route; 6] = [Route::Im, Route::Sc, Route::Oral, Route::Transdermal, Route::ScPump, Route::ScInfusion];
const DOSE_UNITS: [DoseUnit; 5] = [DoseUnit::Mg, DoseUnit::Ug, DoseUnit::Iu, DoseUnit::NgPerKg, DoseUnit::UgPerDay];

fn condition_key(c: Condition) -> &'static str {
    match c {
        Condition::Eugonadal => "eugonadal",
        Condition::SecondaryHypogonadism => "secondary_hypogonadism",
        Condition::GnrhDeficient => "gnrh_deficient",
    }
}

fn mode_key(m: Mode) -> &'static str {
    match m {
        Mode::Averaged => "averaged",
        Mode::Pulse => "pulse",
    }
}

pub(crate) fn subject(v: &Value, path: &str) -> Result<Subject, ScenarioError> {
    let mut f = Fields::of(v, path)?;
    let d = Subject::default();
    let mut s = Subject {
        age_years: f.num_or("age_years", d.age_years)?,
        weight_kg: f.num_or("weight_kg", d.weight_kg)?,
        bmi: f.num_or("bmi", d.bmi)?,
        ..d
    };
    if let Some((v, p)) = f.get("condition") {
        s.condition = word(v, &p, &CONDITIONS, condition_key, t("condition"))?;
    }
    if let Some((v, p)) = f.get("baseline") {
        let mut b = Fields::of(v, &p)?;
        for (lab, slot) in s.baseline.labs_mut() {
            *slot = b.opt_num(lab.file_key)?;
        }
        b.done()?;
    }
    if let Some((v, p)) = f.get("traits") {
        let Value::Object(members) = v else { return invalid(&p, v, t("an object")) };
        refuse_repeated(members, &p)?;
        let mut traits = BTreeMap::new();
        for (k, factor) in members {
            traits.insert(k.clone(), number(factor, &join(&p, k))?);
        }
        s.traits = traits;
    }
    f.done()?;
    Ok(s)
}

pub(crate) fn dosing(v: &Value, path: &str) -> Result<Dosing, ScenarioError> {
    let mut f = Fields::of(v, path)?;
    let (a, p) = f.required("agent")?;
    let agent = word(a, &p, &Agent::ALL, Agent::key, t("agent"))?;
    let (r, p) = f.required("route")?;
    let route = word(r, &p, &ROUTES, Route::key, t("route"))?;
    let (d, p) = f.required("dose")?;
    let dose = number(d, &p)?;
    let (u, p) = f.required("unit")?;
    let unit = word(u, &p, &DOSE_UNITS, DoseUnit::label, t("unit"))?;
    let every_days = f.opt_num("every_days")?;
    let every_minutes = f.opt_num("every_minutes")?;
    let (s, p) = f.required("start_day")?;
    let start_day = number(s, &p)?;
    let end_day = f.opt_num("end_day")?;
    f.done()?;
    Ok(Dosing { agent, route, dose, unit, every_days, every_minutes, start_day, end_day })
}

fn measured(v: &Value, path: &str) -> Result<Measured, ScenarioError> {
    let mut f = Fields::of(v, path)?;
    let (d, p) = f.required("day")?;
    let day = number(d, &p)?;
    let (a, p) = f.required("analyte")?;
    let analyte = word(a, &p, &Analyte::ALL, Analyte::file_key, t("lab"))?;
    let (x, p) = f.required("value")?;
    let value = number(x, &p)?;
    let (u, p) = f.required("unit")?;
    let unit = word(u, &p, &LabUnit::ALL, LabUnit::label, t("unit"))?;
    f.done()?;
    Ok(Measured { day, analyte, value, unit })
}

fn lines<T>(
    f: &mut Fields,
    key: &str,
    read: impl Fn(&Value, &str) -> Result<T, ScenarioError>,
) -> Result<Vec<T>, ScenarioError> {
    let Some((v, p)) = f.get(key) else { return Ok(Vec::new()) };
    each(v, &p, read)
}

/// A list, each item read by `read` with its own path ("regimen\[2\]").
pub(crate) fn each<T>(
    v: &Value,
    path: &str,
    read: impl Fn(&Value, &str) -> Result<T, ScenarioError>,
) -> Result<Vec<T>, ScenarioError> {
    list(v, path)?.iter().enumerate().map(|(i, item)| read(item, &format!("{path}[{i}]"))).collect()
}

/// A scenario from a parsed JSON value (not yet checked: `Scenario::from_json` checks it).
pub fn read(v: &Value) -> Result<Scenario, ScenarioError> {
    let mut f = Fields::of(v, "")?;
    let version = f.get("version").map_or(Ok(SCENARIO_VERSION), |(v, p)| whole::<u32>(v, &p))?;
    let name = f.get("name").map_or(Ok(String::new()), |(v, p)| text(v, &p).map(str::to_string))?;
    let subject = f.get("subject").map_or(Ok(Subject::default()), |(v, p)| subject(v, &p))?;
    let history = lines(&mut f, "history", dosing)?;
    let regimen = lines(&mut f, "regimen", dosing)?;
    let horizon_days = f.num_or("horizon_days", DEFAULT_HORIZON_DAYS)?;
    let mode = match f.get("mode") {
        None => Mode::Averaged,
        Some((v, p)) => word(v, &p, &[Mode::Averaged, Mode::Pulse], mode_key, t("mode"))?,
    };
    let output_step_days = f.opt_num("output_step_days")?;
    let population = f.optional("population", |v, p| {
        let mut pf = Fields::of(v, p)?;
        let (m, mp) = pf.required("men")?;
        let men = whole::<usize>(m, &mp)?;
        let seed = pf.get("seed").map_or(Ok(DEFAULT_SEED), |(v, p)| whole::<u64>(v, &p))?;
        pf.done()?;
        Ok(Setting { men, seed })
    })?;
    let labs = lines(&mut f, "labs", measured)?;
    f.done()?;
    Ok(Scenario { version, name, subject, history, regimen, horizon_days, mode, output_step_days, population, labs })
}

/// The plans a file carries: the scenario, and plan B when the file keeps one to compare as `compared` (a whole
/// scenario of its own, read and checked like the first; it cannot carry a third).
pub fn read_plans(v: &Value) -> Result<(Scenario, Option<Scenario>), ScenarioError> {
    let Value::Object(members) = v else { return read(v).map(|s| (s, None)) };
    let (compared, rest): (Vec<_>, Vec<_>) = members.iter().cloned().partition(|(k, _)| k == "compared");
    let plan_a = read(&Value::Object(rest))?;
    let plan_b = match compared.as_slice() {
        [] | [(_, Value::Null)] => None,
        // `read`, not `read_plans`: plan B is a whole scenario that keeps no plan of its own.
        [(_, b)] => Some(read(b).map_err(|e| ScenarioError { path: join("compared", &e.path), message: e.message })?),
        _ => return fail("compared", say("duplicate field {key}", &[("key", &"\"compared\"")])),
    };
    Ok((plan_a, plan_b))
}

/// Plan A as a file, with plan B as its `compared` member when there is one.
pub fn write_plans(a: &Scenario, b: Option<&Scenario>) -> Value {
    let mut v = write(a);
    if let (Value::Object(members), Some(b)) = (&mut v, b) {
        members.push(("compared".to_string(), write(b)));
    }
    v
}

fn object(members: Vec<(&str, Value)>) -> Value {
    Value::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn words(s: &str) -> Value {
    Value::String(s.to_string())
}

fn dosing_value(d: &Dosing) -> Value {
    let mut m = vec![
        ("agent", words(d.agent.key())),
        ("route", words(d.route.key())),
        ("dose", Value::number(d.dose)),
        ("unit", words(d.unit.label())),
    ];
    for (k, v) in [("every_days", d.every_days), ("every_minutes", d.every_minutes)] {
        if let Some(v) = v {
            m.push((k, Value::number(v)));
        }
    }
    m.push(("start_day", Value::number(d.start_day)));
    if let Some(e) = d.end_day {
        m.push(("end_day", Value::number(e)));
    }
    object(m)
}

/// A scenario as a JSON value, fields in the schema's order, empty optional fields left out.
pub fn write(s: &Scenario) -> Value {
    let subj = &s.subject;
    let labs: Vec<(&str, Value)> =
        subj.baseline.labs().filter_map(|(lab, v)| v.map(|v| (lab.file_key, Value::number(v)))).collect();
    let mut subject = vec![
        ("age_years", Value::number(subj.age_years)),
        ("weight_kg", Value::number(subj.weight_kg)),
        ("bmi", Value::number(subj.bmi)),
        ("condition", words(condition_key(subj.condition))),
        ("baseline", object(labs)),
    ];
    if !subj.traits.is_empty() {
        subject
            .push(("traits", Value::Object(subj.traits.iter().map(|(k, &v)| (k.clone(), Value::number(v))).collect())));
    }
    let mut m = vec![
        ("version", Value::Number(s.version.to_string())),
        ("name", words(&s.name)),
        ("subject", object(subject)),
        ("history", Value::Array(s.history.iter().map(dosing_value).collect())),
        ("regimen", Value::Array(s.regimen.iter().map(dosing_value).collect())),
        ("horizon_days", Value::number(s.horizon_days)),
        ("mode", words(mode_key(s.mode))),
    ];
    if let Some(step) = s.output_step_days {
        m.push(("output_step_days", Value::number(step)));
    }
    if let Some(p) = s.population {
        m.push((
            "population",
            object(vec![("men", Value::Number(p.men.to_string())), ("seed", Value::Number(p.seed.to_string()))]),
        ));
    }
    if !s.labs.is_empty() {
        let labs = s.labs.iter().map(|l| {
            object(vec![
                ("day", Value::number(l.day)),
                ("analyte", words(l.analyte.file_key())),
                ("value", Value::number(l.value)),
                ("unit", words(l.unit.label())),
            ])
        });
        m.push(("labs", Value::Array(labs.collect())));
    }
    object(m)
}

/// The file's text: a scenario from JSON and to it. (Here, beside the format, so the scenario's schema does not
/// depend on its file.)
impl Scenario {
    /// Parses and checks a scenario from JSON. Every error names the field's path.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let value = crate::json::parse(text)
            .map_err(|e| ScenarioError { path: json_path_at(text, e.offset), message: e.message })?;
        let scenario = read(&value)?;
        scenario.check()?;
        Ok(scenario)
    }

    /// Parses and checks a scenario file that may keep a plan B to compare (its `compared` member), as the
    /// page's JSON export writes when two plans are on screen.
    pub fn plans_from_json(text: &str) -> Result<(Scenario, Option<Scenario>), ScenarioError> {
        let value = crate::json::parse(text)
            .map_err(|e| ScenarioError { path: json_path_at(text, e.offset), message: e.message })?;
        let (a, b) = read_plans(&value)?;
        a.check()?;
        if let Some(b) = &b {
            b.check().map_err(|e| ScenarioError { path: format!("compared.{}", e.path), message: e.message })?;
        }
        Ok((a, b))
    }

    /// Plan A and plan B (when given) as one scenario file, indented: B is the `compared` member.
    pub fn plans_to_json(a: &Scenario, b: Option<&Scenario>) -> String {
        let mut out = String::new();
        write_plans(a, b).write(&mut out, 0);
        out
    }

    /// The scenario as a JSON file, indented.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write(self).write(&mut out, 0);
        out
    }
}

/// The JSON path ("regimen[2].dose") of the value being read at byte `offset` of `text`: the keys and
/// indices of the objects and arrays open there. A small scanner, so that error messages can name the
/// field without wrapping every deserializer (which cost the WebAssembly build ~25 KB).
pub(crate) fn json_path_at(text: &str, offset: usize) -> String {
    enum Frame {
        Object { key: Option<String>, expecting_key: bool },
        Array { index: usize },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        match c {
            '{' => stack.push(Frame::Object { key: None, expecting_key: true }),
            '[' => stack.push(Frame::Array { index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { key, expecting_key }) => (*key, *expecting_key) = (None, true),
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            ':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            '"' => {
                let mut word = String::new();
                while let Some((_, c)) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            chars.next();
                        }
                        c => word.push(c),
                    }
                }
                if let Some(Frame::Object { key, expecting_key: true }) = stack.last_mut() {
                    *key = Some(word);
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}
