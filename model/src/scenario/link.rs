//! Scenarios in links: a compact, readable, versioned query string.
//!
//! ```text
//! ?v=1&weeks=48&r=cypionate_im_100mg_q7d_w-52to0~clomiphene_oral_25mg_q1d_w2to18&age=40
//! ```
//!
//! Each regimen line reads `agent_route_dose+unit[_q<N>d|_q<N>m]_w<from>to<to>` (weeks; history lines start
//! below zero); lines are joined by `~`. Subject fields: `age`, `wt`, `bmi`, `cond` (`eugonadal`,
//! `secondary`, `gnrh_deficient`) and baseline labs `tt`, `e2`, `lh`, `fsh`, `shbg`, `itt` (conventional
//! units). A fitted man's `traits=leydig:1.3~recovery:0.8`, measured labs `labs=tt_350ngdl_w4~lh_1.2iul_w8`.
//! A second plan to compare repeats every parameter with the prefix `b.`. `preset=ID` opens a built-in
//! scenario. Decoding checks the result like any scenario, so a bad
//! link gets an error naming what is wrong and never a half-built scenario. The page opens links with
//! [`decode_salvaging`], which leaves out a bad line or field, names it, and reads the rest.

use crate::lang::{say, t};
use crate::scenario::agents::{Agent, DoseUnit, Route};
use crate::scenario::presets;
use crate::scenario::{Condition, Dosing, Scenario, BASELINE_LABS, SCENARIO_VERSION};
use std::fmt::Write;

/// A link that cannot be used, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkError {
    /// The query parameter (and line) at fault, e.g. `r[2]`.
    pub param: String,
    pub message: String,
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.param, self.message)
    }
}

fn err(param: impl Into<String>, message: impl Into<String>) -> LinkError {
    LinkError { param: param.into(), message: message.into() }
}

fn agent_word(a: Agent) -> &'static str {
    a.entry().link_word
}

fn route_word(r: Route) -> &'static str {
    match r {
        Route::Im => "im",
        Route::Sc => "sc",
        Route::Oral => "oral",
        Route::Transdermal => "skin",
        Route::ScPump => "pump",
        Route::ScInfusion => "infusion",
    }
}

fn unit_word(u: DoseUnit) -> &'static str {
    match u {
        DoseUnit::Mg => "mg",
        DoseUnit::Ug => "ug",
        DoseUnit::Iu => "IU",
        DoseUnit::NgPerKg => "ngkg",
        DoseUnit::UgPerDay => "ugday",
    }
}

/// Shortest decimal that reads back to the same number at link precision (4 decimals).
fn num(x: f64) -> String {
    let s = format!("{:.4}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

fn encode_line(d: &Dosing) -> String {
    let mut s = format!("{}_{}_{}{}", agent_word(d.agent), route_word(d.route), num(d.dose), unit_word(d.unit));
    if let Some(m) = d.every_minutes {
        let _ = write!(s, "_q{}m", num(m));
    } else if let Some(days) = d.every_days {
        let _ = write!(s, "_q{}d", num(days));
    }
    let end = d.end_day.unwrap_or(d.start_day);
    let _ = write!(s, "_w{}to{}", num(d.start_day / 7.0), num(end / 7.0));
    s
}

/// Percent-encodes the characters a query value may not carry as they are.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn unescape(text: &str, param: &str) -> Result<String, LinkError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3).ok_or_else(|| err(param, t("a % escape is cut short")))?;
                let byte = u8::from_str_radix(hex, 16);
                out.push(byte.map_err(|_| err(param, say("%{hex} is not an escape", &[("hex", &hex)])))?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| err(param, t("not UTF-8 text")))
}

/// The query string (without `?`) that reproduces a scenario.
pub fn encode(s: &Scenario) -> String {
    let mut q = format!("v={SCENARIO_VERSION}&weeks={}", num(s.horizon_days / 7.0));
    let lines: Vec<String> = s.dosings().map(encode_line).collect();
    if !lines.is_empty() {
        let _ = write!(q, "&r={}", lines.join("~"));
    }
    let d = crate::scenario::Subject::default();
    let subj = &s.subject;
    if subj.age_years != d.age_years {
        let _ = write!(q, "&age={}", num(subj.age_years));
    }
    if subj.weight_kg != d.weight_kg {
        let _ = write!(q, "&wt={}", num(subj.weight_kg));
    }
    if subj.bmi != d.bmi {
        let _ = write!(q, "&bmi={}", num(subj.bmi));
    }
    match subj.condition {
        Condition::Eugonadal => {}
        Condition::SecondaryHypogonadism => q.push_str("&cond=secondary"),
        Condition::GnrhDeficient => q.push_str("&cond=gnrh_deficient"),
    }
    for (lab, v) in subj.baseline.labs() {
        if let Some(v) = v {
            let _ = write!(q, "&{}={}", lab.link_key, num(v));
        }
    }
    if let Some(p) = s.population {
        let _ = write!(q, "&pop={}", p.men);
        if p.seed != crate::scenario::DEFAULT_SEED {
            let _ = write!(q, "&seed={}", p.seed);
        }
    }
    if !subj.traits.is_empty() {
        let traits: Vec<String> = subj.traits.iter().map(|(k, &f)| format!("{k}:{}", num(f))).collect();
        let _ = write!(q, "&traits={}", traits.join("~"));
    }
    if !s.labs.is_empty() {
        let labs: Vec<String> = s.labs.iter().map(|m| m.link_word(num)).collect();
        let _ = write!(q, "&labs={}", labs.join("~"));
    }
    if !s.name.is_empty() {
        let _ = write!(q, "&name={}", escape(&s.name));
    }
    q
}

/// The prefix of the second plan's parameters in a link that compares two.
const COMPARED: &str = "b.";

/// The query string of plan A compared with plan B: B's parameters follow A's, each prefixed `b.`.
pub fn encode_compared(a: &Scenario, b: &Scenario) -> String {
    let mut q = encode(a);
    for pair in encode(b).split('&') {
        let _ = write!(q, "&{COMPARED}{pair}");
    }
    q
}

/// Reads a link that may compare two plans: plan A, and plan B when the link carries one.
pub fn decode_compared(query: &str) -> Result<(Scenario, Option<Scenario>), LinkError> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for pair in query.split('&') {
        match pair.strip_prefix(COMPARED) {
            Some(rest) => b.push(rest),
            None => a.push(pair),
        }
    }
    let first = decode(&a.join("&"))?;
    if b.is_empty() {
        return Ok((first, None));
    }
    let second = decode(&b.join("&")).map_err(|e| LinkError {
        param: format!("{COMPARED}{}", e.param),
        message: say("plan B: {message}", &[("message", &e.message)]),
    })?;
    Ok((first, Some(second)))
}

/// A part of a link that was left out, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Dropped {
    /// The parameter (and line) at fault with the reason, as `decode` would have refused the whole link.
    pub error: LinkError,
    /// What the link carried there: a regimen line, a lab, or a whole `key=value`.
    pub text: String,
}

/// A link read as far as it can be: its plans, and the parts left out to read them.
#[derive(Clone, Debug)]
pub struct Salvaged {
    pub scenario: Scenario,
    pub compared: Option<Scenario>,
    pub dropped: Vec<Dropped>,
}

/// Reads a link as the page opens it: a regimen line, a lab or a subject field that cannot be used is left
/// out (and named in `dropped`), and the rest is read as `decode_compared` reads it. A plan B that cannot be
/// read at all is left out whole. Only a link with nothing safe to keep is refused: another version, an
/// unknown preset, or more than 8,000 characters.
pub fn decode_salvaging(query: &str) -> Result<Salvaged, LinkError> {
    let query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > 8_000 {
        return Err(err("link", t("the link is longer than 8,000 characters")));
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.strip_prefix(COMPARED) {
            Some(rest) => b.push(rest.to_string()),
            None => a.push(pair.to_string()),
        }
    }
    let mut dropped = Vec::new();
    let scenario = salvage(a, "", &mut dropped)?;
    let compared = if b.is_empty() {
        None
    } else {
        let mut dropped_b = Vec::new();
        match salvage(b.clone(), COMPARED, &mut dropped_b) {
            Ok(s) => {
                dropped.extend(dropped_b);
                Some(s)
            }
            Err(e) => {
                let error = err(format!("{COMPARED}{}", e.param), say("plan B: {message}", &[("message", &e.message)]));
                dropped.push(Dropped { error, text: t("plan B").to_string() });
                None
            }
        }
    };
    Ok(Salvaged { scenario, compared, dropped })
}

/// Reads one plan's `key=value` pairs, leaving out what `decode` names at fault until the rest reads.
fn salvage(mut pairs: Vec<String>, prefix: &str, dropped: &mut Vec<Dropped>) -> Result<Scenario, LinkError> {
    // Each round leaves out one part, so a link of N parts needs at most N + 1 rounds (64 lines at most).
    for _ in 0..200 {
        match decode(&pairs.join("&")) {
            Ok(s) => return Ok(s),
            Err(e) => {
                let text = leave_out(&mut pairs, &e.param).ok_or_else(|| e.clone())?;
                dropped.push(Dropped { error: err(format!("{prefix}{}", e.param), e.message), text });
            }
        }
    }
    Err(err("link", t("too many parts of the link cannot be used")))
}

/// Removes the part `param` names (`r[2]`, `labs[0]`, or a whole parameter such as `age`) and returns its
/// text; None when nothing can be left out safely (the version, a preset, the link as a whole).
fn leave_out(pairs: &mut Vec<String>, param: &str) -> Option<String> {
    let key_of = |pair: &str| {
        let k = pair.split_once('=').map_or(pair, |(k, _)| k);
        unescape(k, k).unwrap_or_else(|_| k.to_string())
    };
    let readable = |text: &str| unescape(text, "").unwrap_or_else(|_| text.to_string());
    if matches!(param, "v" | "preset" | "link") {
        return None;
    }
    // A line of a list parameter: `r[2]`, or a checked lab's path such as `labs[0].value`.
    let item =
        param.split_once('[').and_then(|(key, rest)| Some((key, rest.split(']').next()?.parse::<usize>().ok()?)));
    if let Some((key, i)) = item {
        let at = pairs.iter().position(|p| key_of(p) == key)?;
        let pair = pairs[at].clone();
        let (k, v) = pair.split_once('=').unwrap_or((&pair, ""));
        let mut lines: Vec<&str> = v.split('~').filter(|l| !l.is_empty()).collect();
        if i >= lines.len() {
            return None;
        }
        let gone = readable(lines.remove(i));
        pairs[at] = format!("{k}={}", lines.join("~"));
        if lines.is_empty() {
            pairs.remove(at);
        }
        return Some(gone);
    }
    let before = pairs.len();
    let mut gone = Vec::new();
    pairs.retain(|p| {
        let hit = key_of(p) == param;
        if hit {
            gone.push(readable(p));
        }
        !hit
    });
    (pairs.len() < before).then(|| gone.join("&"))
}

fn parse_num(text: &str, param: &str, what: &str) -> Result<f64, LinkError> {
    let quoted = format!("{text:?}");
    let v: f64 = text
        .parse()
        .map_err(|_| err(param, say("{what} {text} is not a number", &[("what", &what), ("text", &quoted)])))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(err(param, say("{what} must be a finite number", &[("what", &what)])))
    }
}

fn decode_line(text: &str, param: &str) -> Result<Dosing, LinkError> {
    let parts: Vec<&str> = text.split('_').collect();
    if parts.len() < 4 {
        return Err(err(
            param,
            say("{text} is not a regimen line (agent_route_dose_w<from>to<to>)", &[("text", &format!("{text:?}"))]),
        ));
    }
    // `gnrh_deficient`-style words never appear in lines, so a plain split is unambiguous.
    let agent = Agent::ALL
        .into_iter()
        .find(|&a| agent_word(a) == parts[0])
        .ok_or_else(|| err(param, say("unknown agent {given}", &[("given", &format!("{:?}", parts[0]))])))?;
    let route = [Route::Im, Route::Sc, Route::Oral, Route::Transdermal, Route::ScPump, Route::ScInfusion]
        .into_iter()
        .find(|&r| route_word(r) == parts[1])
        .ok_or_else(|| err(param, say("unknown route {given}", &[("given", &format!("{:?}", parts[1]))])))?;
    let dose_text = parts[2];
    let split =
        dose_text.find(|c: char| c.is_ascii_alphabetic()).ok_or_else(|| err(param, t("the dose has no unit")))?;
    let dose = parse_num(&dose_text[..split], param, t("dose"))?;
    let unit = [DoseUnit::Mg, DoseUnit::Ug, DoseUnit::Iu, DoseUnit::NgPerKg, DoseUnit::UgPerDay]
        .into_iter()
        .find(|&u| unit_word(u) == &dose_text[split..])
        .ok_or_else(|| err(param, say("unknown unit {given}", &[("given", &format!("{:?}", &dose_text[split..]))])))?;
    let (mut every_days, mut every_minutes) = (None, None);
    let mut window = None;
    for part in &parts[3..] {
        if let Some(q) = part.strip_prefix('q') {
            if let Some(m) = q.strip_suffix('m') {
                every_minutes = Some(parse_num(m, param, t("interval"))?);
            } else if let Some(d) = q.strip_suffix('d') {
                every_days = Some(parse_num(d, param, t("interval"))?);
            } else {
                let part = format!("{part:?}");
                return Err(err(param, say("interval {part} needs d (days) or m (minutes)", &[("part", &part)])));
            }
        } else if let Some(w) = part.strip_prefix('w') {
            let quoted = format!("{part:?}");
            let (from, to) = w
                .split_once("to")
                .ok_or_else(|| err(param, say("weeks {part} read w<from>to<to>", &[("part", &quoted)])))?;
            window = Some((parse_num(from, param, t("start week"))?, parse_num(to, param, t("end week"))?));
        } else {
            return Err(err(param, say("unexpected {part}", &[("part", &format!("{part:?}"))])));
        }
    }
    let (from, to) = window.ok_or_else(|| err(param, t("the line needs its weeks, e.g. w0to12")))?;
    Ok(Dosing { agent, route, dose, unit, every_days, every_minutes, start_day: from * 7.0, end_day: Some(to * 7.0) })
}

/// Reads a query string (with or without `?`) into a checked scenario.
pub fn decode(query: &str) -> Result<Scenario, LinkError> {
    let query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > 8_000 {
        return Err(err("link", t("the link is longer than 8,000 characters")));
    }
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Ok((unescape(k, k)?, unescape(v, k)?))
        })
        .collect::<Result<_, LinkError>>()?;
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    if let Some(id) = get("preset") {
        let quoted = format!("{id:?}");
        let p = presets::find(id).ok_or_else(|| err("preset", say("no preset named {id}", &[("id", &quoted)])))?;
        return Ok(p.scenario());
    }
    let mut s = Scenario::from_json("{}").expect("the empty scenario is valid");
    if let Some(v) = get("v") {
        let v = parse_num(v, "v", t("version"))?;
        if v != SCENARIO_VERSION as f64 {
            return Err(err(
                "v",
                say(
                    "link version {version} is not supported (this app reads version {supported})",
                    &[("version", &v), ("supported", &SCENARIO_VERSION)],
                ),
            ));
        }
    }
    if let Some(w) = get("weeks") {
        s.horizon_days = parse_num(w, "weeks", t("span"))? * 7.0;
    }
    // The link line each history and regimen entry came from, so the checker's errors name the line.
    let (mut history_lines, mut regimen_lines) = (Vec::new(), Vec::new());
    if let Some(r) = get("r") {
        let lines: Vec<Dosing> = r
            .split('~')
            .filter(|l| !l.is_empty())
            .enumerate()
            .map(|(i, l)| decode_line(l, &format!("r[{i}]")))
            .collect::<Result<_, _>>()?;
        if lines.len() > 64 {
            return Err(err("r", t("more than 64 regimen lines")));
        }
        for (i, d) in lines.into_iter().enumerate() {
            if d.start_day < 0.0 {
                s.history.push(d);
                history_lines.push(i);
            } else {
                s.regimen.push(d);
                regimen_lines.push(i);
            }
        }
    }
    let subj = &mut s.subject;
    for (k, slot) in [("age", &mut subj.age_years), ("wt", &mut subj.weight_kg), ("bmi", &mut subj.bmi)] {
        if let Some(v) = get(k) {
            *slot = parse_num(v, k, k)?;
        }
    }
    if let Some(c) = get("cond") {
        subj.condition = match c {
            "eugonadal" => Condition::Eugonadal,
            "secondary" => Condition::SecondaryHypogonadism,
            "gnrh_deficient" => Condition::GnrhDeficient,
            other => return Err(err("cond", say("unknown condition {given}", &[("given", &format!("{other:?}"))]))),
        };
    }
    for (lab, slot) in subj.baseline.labs_mut() {
        let k = lab.link_key;
        if let Some(v) = get(k) {
            *slot = Some(parse_num(v, k, k)?);
        }
    }
    if let Some(name) = get("name") {
        s.name = name.to_string();
    }
    if let Some(traits) = get("traits") {
        for part in traits.split('~').filter(|p| !p.is_empty()) {
            let quoted = format!("{part:?}");
            let (key, factor) = part
                .split_once(':')
                .ok_or_else(|| err("traits", say("{part} is not trait:factor", &[("part", &quoted)])))?;
            if s.subject.traits.insert(key.to_string(), parse_num(factor, "traits", t("factor"))?).is_some() {
                return Err(err("traits", say("{key} is given twice", &[("key", &key)])));
            }
        }
    }
    if let Some(labs) = get("labs") {
        for (i, word) in labs.split('~').filter(|p| !p.is_empty()).enumerate() {
            s.labs.push(
                crate::scenario::measured::Measured::from_link_word(word).map_err(|m| err(format!("labs[{i}]"), m))?,
            );
        }
    }
    let whole = |k: &str, v: &str, what: &str| {
        let quoted = format!("{v:?}");
        v.parse::<u64>().map_err(|_| {
            err(k, say("{what} must be a whole number, not {text}", &[("what", &what), ("text", &quoted)]))
        })
    };
    match (get("pop"), get("seed")) {
        (None, None) => {}
        (men, seed) => {
            let d = crate::scenario::Setting::default();
            s.population = Some(crate::scenario::Setting {
                men: match men {
                    Some(v) => usize::try_from(whole("pop", v, t("the number of men"))?).unwrap_or(usize::MAX),
                    None => d.men,
                },
                seed: match seed {
                    Some(v) => whole("seed", v, t("the seed"))?,
                    None => d.seed,
                },
            });
        }
    }
    // Map the scenario checker's field paths back onto the link's parameters.
    s.check().map_err(|e| {
        let line = |list: &str, lines: &[usize]| {
            let k: usize = e.path.strip_prefix(list)?.strip_prefix('[')?.split(']').next()?.parse().ok()?;
            lines.get(k).map(|i| format!("r[{i}]"))
        };
        if let Some(param) = line("history", &history_lines).or_else(|| line("regimen", &regimen_lines)) {
            return err(param, e.message);
        }
        let param = match e.path.as_str() {
            p if p.starts_with("history") || p.starts_with("regimen") => "r",
            "horizon_days" => "weeks",
            "subject.age_years" => "age",
            "subject.weight_kg" => "wt",
            "subject.bmi" => "bmi",
            "name" => "name",
            "population.men" => "pop",
            p if p.starts_with("subject.traits") => "traits",
            p if p.starts_with("labs") => p,
            p => p
                .strip_prefix("subject.baseline.")
                .and_then(|key| BASELINE_LABS.iter().find(|lab| lab.file_key == key))
                .map_or(p, |lab| lab.link_key),
        };
        err(param, e.message)
    })?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    #[test]
    fn every_preset_survives_a_round_trip() {
        for p in presets::ALL {
            let s = p.scenario();
            let q = encode(&s);
            let back = decode(&q).unwrap_or_else(|e| panic!("{}: {e} in {q}", p.id));
            assert_eq!(encode(&back), q, "{}", p.id);
            assert_eq!(back.regimen, s.regimen, "{}", p.id);
            assert_eq!(back.history, s.history, "{}", p.id);
            assert_eq!(back.horizon_days, s.horizon_days, "{}", p.id);
        }
    }

    #[test]
    fn links_read_like_regimens() {
        let q = encode(&presets::find("trt-hcg").unwrap().scenario());
        assert!(q.contains("cypionate_im_100mg_q7d_w0to26"), "{q}");
        assert!(q.contains("hcg_sc_500IU_q2d_w0to26"), "{q}");
        let s = decode("preset=post-trt-restart").unwrap();
        assert_eq!(s.history.len(), 1);
    }

    #[test]
    fn subject_and_name_round_trip_and_the_name_stays_text() {
        let mut s = presets::find("tamoxifen").unwrap().scenario();
        s.subject.age_years = 55.0;
        s.subject.condition = Condition::SecondaryHypogonadism;
        s.subject.baseline.total_t_ng_dl = Some(240.0);
        s.name = "<script>alert(1)</script> & co".into();
        let back = decode(&encode(&s)).unwrap();
        assert_eq!(back.subject, s.subject);
        assert_eq!(back.name, s.name);
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        let cases = [
            ("v=99", "v"),
            ("r=unobtainium_im_1mg_w0to1", "r[0]"),
            ("r=hcg_sc_-500IU_q2d_w0to4", "r[0]"),
            ("r=hcg_sc_500IU_q2d_w0to4~hcg_sc_100000IU_q2d_w0to4", "r[1]"),
            ("r=cypionate_im_100mg_q7d_w-52to0~hcg_sc_500IU_q2d_w0to4~cypionate_im_-1mg_q7d_w-104to-52", "r[2]"),
            ("weeks=100000", "weeks"),
            ("tt=-4", "tt"),
            ("r=hcg_sc_500IU_q2d", "r[0]"),
            ("r=hcg_sc_500_q2d_w0to4", "r[0]"),
            ("name=%E2%8", "name"),
            ("age=abc", "age"),
            ("preset=nope", "preset"),
            ("cond=sad", "cond"),
        ];
        for (q, param) in cases {
            let e = decode(q).expect_err(q);
            assert_eq!(e.param, param, "{q}: {e}");
            assert!(!e.message.is_empty());
        }
        assert!(decode(&"r=".repeat(5000)).is_err());
    }

    #[test]
    fn a_link_with_bad_parts_keeps_the_good_ones_and_names_what_it_left_out() {
        let q = "v=1&weeks=24&r=cypionate_im_100mg_q7d_w0to24~hcg_sc_-500IU_q2d_w0to24~unobtainium_im_1mg_w0to1&age=45&tt=-4&labs=tt_350ngdl_w4~xx_1_w2";
        let got = decode_salvaging(q).unwrap();
        assert_eq!(got.scenario.regimen.len(), 1, "the cypionate line is kept");
        assert_eq!(got.scenario.regimen[0].agent, Agent::TestosteroneCypionate);
        assert_eq!((got.scenario.subject.age_years, got.scenario.horizon_days), (45.0, 168.0));
        assert_eq!(got.scenario.subject.baseline.total_t_ng_dl, None);
        assert_eq!(got.scenario.labs.len(), 1);
        let named: Vec<(&str, &str)> = got.dropped.iter().map(|d| (d.error.param.as_str(), d.text.as_str())).collect();
        assert_eq!(
            named,
            [
                ("r[2]", "unobtainium_im_1mg_w0to1"),
                ("labs[1]", "xx_1_w2"),
                ("tt", "tt=-4"),
                ("r[1]", "hcg_sc_-500IU_q2d_w0to24")
            ],
            "{:?}",
            got.dropped
        );
        assert!(got.dropped[3].error.message.contains("positive"), "{}", got.dropped[3].error.message);
        // A link with nothing wrong reads as decode reads it.
        let clean = encode(&presets::find("trt-hcg").unwrap().scenario());
        let read = decode_salvaging(&clean).unwrap();
        assert!(read.dropped.is_empty());
        assert_eq!(encode(&read.scenario), clean);
        // Plan B that cannot be read is left out whole; A stays.
        let both = format!("{clean}&b.v=99");
        let read = decode_salvaging(&both).unwrap();
        assert!(read.compared.is_none());
        assert_eq!(read.dropped[0].error.param, "b.v");
        // Nothing safe to keep: refused as before.
        for bad in ["v=99", "preset=nope", &"r=".repeat(5000)] {
            assert!(decode_salvaging(bad).is_err(), "{bad}");
        }
        for q in ["r=hcg_sc_500IU_q2d_w0to4&name=%E2%8", "age=abc&%ZZ=1", "weeks=1e9&pop=many&seed=x&cond=sad&traits=a"]
        {
            let read = decode_salvaging(q).unwrap_or_else(|e| panic!("{q}: {e}"));
            assert!(!read.dropped.is_empty() && read.scenario.check().is_ok(), "{q}");
        }
    }

    #[test]
    fn the_population_setting_travels_in_the_link() {
        let mut s = decode("preset=stop-trt-cold").unwrap();
        s.population = Some(crate::scenario::Setting { men: 250, seed: 9 });
        let q = encode(&s);
        assert!(q.contains("&pop=250&seed=9"), "{q}");
        assert_eq!(decode(&q).unwrap().population, s.population);
        let off = decode("v=1&pop=0").unwrap();
        assert_eq!(off.population.map(|p| p.men), Some(0));
        for (bad, param, says) in [
            ("v=1&pop=1", "pop", "between 2 and 1000 men"),
            ("v=1&pop=many", "pop", "whole number"),
            ("v=1&pop=10&seed=-3", "seed", "whole number"),
        ] {
            let e = decode(bad).unwrap_err();
            assert_eq!(e.param, param, "{bad}");
            assert!(e.message.contains(says), "{bad}: {}", e.message);
        }
    }
}
