//! The story file format (`docs/STORIES.md`): a `Story` from JSON, field by field, each error naming its
//! field's path ("steps\[2\].predict.answer.read") in the reader's words. A story is checked whole before it is
//! used: every plan opens as a link would, every placeholder names something a run gives, every answer is
//! one of its choices. Unknown and repeated fields are refused, as in a scenario file.

use crate::json::{self, Value};
use crate::lang::{say, t};
use crate::scenario::link;
use crate::scenario::scenario_file::{each, fail, invalid, json_path_at, list, number, text, Fields};
use crate::scenario::{Scenario, ScenarioError};
use crate::words::stories::{Answer, Prediction, Query, Step, Story, END_KEY};

/// What the first field of every story file says, so a reader can tell a story from a scenario.
pub const FORMAT: &str = "hpg-explorer story 1";

/// The parts of the page a step may point at, by the names a story file uses, and the part each is.
pub const PARTS: [(&str, &str); 14] = [
    ("chart", "canvas.chart"),
    ("loop", ".loop-card"),
    ("loop:gnrh", ".loop-card [data-arrow=gnrh]"),
    ("loop:lh", ".loop-card [data-arrow=lh]"),
    ("loop:fsh", ".loop-card [data-arrow=fsh]"),
    ("loop:t", ".loop-card [data-arrow=t]"),
    ("loop:t-brake", ".loop-card [data-arrow=t-brake]"),
    ("loop:e2-brake", ".loop-card [data-arrow=e2-brake]"),
    ("loop:inhibin-brake", ".loop-card [data-arrow=inhibin-brake]"),
    ("labs", ".labs"),
    ("likely", ".likely"),
    ("timeline", "[data-testid=timeline]"),
    ("outcomes", "[data-testid=outcomes]"),
    ("drugs", ".controls"),
];

/// The most steps a story may have: a lesson, not a course.
const MAX_STEPS: usize = 20;

/// A text kept for the page's lifetime: a story is read once and then pointed at for as long as the page
/// lives (`stories::add`), as the built-in stories are.
fn keep(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn words(v: &Value, path: &str) -> Result<&'static str, ScenarioError> {
    let s = text(v, path)?.trim();
    if s.is_empty() {
        return fail(path, t("is empty"));
    }
    Ok(keep(s))
}

/// A plan given as the part of a page link after `?` (what "Copy link" gives), checked as the page checks one.
fn plan(v: &Value, path: &str) -> Result<Scenario, ScenarioError> {
    let query = text(v, path)?;
    let scenario = link::decode(query.trim_start_matches('?')).map_err(|e| ScenarioError {
        path: path.to_string(),
        message: say("not a link the page can open: {error}", &[("error", &e)]),
    })?;
    scenario.check().map_err(|e| ScenarioError { path: path.to_string(), message: e.to_string() })?;
    Ok(scenario)
}

/// Every `{...}` of `text` is a placeholder a run can fill (`{END}` only where `end_allowed`), reading plan B
/// only when the step has one.
fn placeholders(text: &str, path: &str, has_b: bool, end_allowed: bool) -> Result<(), ScenarioError> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        // The key runs to the first brace after it, which must close it.
        let Some(close) =
            rest[open + 1..].find(['{', '}']).map(|i| open + 1 + i).filter(|&i| rest.as_bytes()[i] == b'}')
        else {
            return fail(path, t("an opening brace without its closing one"));
        };
        let key = &rest[open + 1..close];
        let braced = || format!("{{{key}}}");
        match Query::parse(key) {
            _ if key == END_KEY && end_allowed => {}
            None => return fail(path, say("unknown placeholder {key}", &[("key", &braced())])),
            Some(q) if q.reads_plan_b() && !has_b => {
                return fail(path, say("{key} reads plan B, but the step compares no plan", &[("key", &braced())]))
            }
            Some(_) => {}
        }
        rest = &rest[close + 1..];
    }
    Ok(())
}

fn part(v: &Value, path: &str) -> Result<&'static str, ScenarioError> {
    let given = text(v, path)?;
    PARTS.iter().find(|(name, _)| *name == given).map(|&(_, selector)| selector).map_or_else(
        || {
            let names: Vec<&str> = PARTS.iter().map(|(n, _)| *n).collect();
            fail(
                path,
                say(
                    "unknown part {given}, expected one of {names}",
                    &[("given", &format!("{given:?}")), ("names", &names.join(", "))],
                ),
            )
        },
        Ok,
    )
}

fn answer(v: &Value, path: &str, choices: usize) -> Result<Answer, ScenarioError> {
    if let Value::Number(_) = v {
        let i = number(v, path)?;
        return if i.fract() == 0.0 && i >= 0.0 && (i as usize) < choices {
            Ok(Answer::Fixed(i as usize))
        } else {
            fail(path, say("the answer is the number of a choice, 0 to {last}", &[("last", &(choices - 1))]))
        };
    }
    let mut f = Fields::of(v, path)?;
    let readable = |v: &Value, path: &str| -> Result<&'static str, ScenarioError> {
        let key = text(v, path)?;
        match Query::parse(key) {
            Some(q) if !q.reads_plan_b() => Ok(keep(key)),
            Some(_) => fail(path, t("an answer reads plan A")),
            None => fail(path, say("unknown placeholder {key}", &[("key", &format!("{{{key}}}"))])),
        }
    };
    let (read_v, read_path) = f.required("read")?;
    let placeholder = readable(read_v, &read_path)?;
    let per = f.optional("per", readable)?;
    let (edges_v, edges_path) = f.required("edges")?;
    let edges = each(edges_v, &edges_path, number)?;
    if edges.len() + 1 != choices {
        return fail(
            &edges_path,
            say(
                "{choices} choices need {edges} edges between them",
                &[("choices", &choices), ("edges", &(choices - 1))],
            ),
        );
    }
    if edges.windows(2).any(|w| w[0] >= w[1]) {
        return fail(&edges_path, t("the edges rise from the first to the last"));
    }
    f.done()?;
    Ok(Answer::ByValue { placeholder, per, edges: Box::leak(edges.into_boxed_slice()) })
}

fn prediction(v: &Value, path: &str, has_b: bool) -> Result<Prediction, ScenarioError> {
    let mut f = Fields::of(v, path)?;
    let (q, p) = f.required("question")?;
    let question = words(q, &p)?;
    let (c, choices_path) = f.required("choices")?;
    let choices = each(c, &choices_path, words)?;
    if !(2..=6).contains(&choices.len()) {
        return fail(&choices_path, t("a question has 2 to 6 choices"));
    }
    let (a, p) = f.required("answer")?;
    let answer = answer(a, &p, choices.len())?;
    let hidden_after = f.opt_num("hidden_after_day")?.unwrap_or(0.0);
    let (w, why_path) = f.required("why")?;
    let why = words(w, &why_path)?;
    placeholders(why, &why_path, has_b, false)?;
    f.done()?;
    Ok(Prediction { question, choices: Box::leak(choices.into_boxed_slice()), answer, hidden_after, why })
}

fn step(v: &Value, path: &str) -> Result<Step, ScenarioError> {
    let mut f = Fields::of(v, path)?;
    let (title_v, p) = f.required("title")?;
    let title = words(title_v, &p)?;
    // Kept for the author (why this plan, this window): the page does not show it.
    if let Some((note, p)) = f.get("note") {
        text(note, &p)?;
    }
    let (plan_v, p) = f.required("plan")?;
    let plan_a = plan(plan_v, &p)?;
    let compared = f.optional("compared", plan)?;
    let has_b = compared.is_some();
    let cursor_week = f.opt_num("cursor_week")?;
    let zoom = f.optional("zoom", |v, p| {
        let mut z = Fields::of(v, p)?;
        let (from, from_path) = z.required("from_day")?;
        let from = number(from, &from_path)?;
        let (days, days_path) = z.required("days")?;
        let days = number(days, &days_path)?;
        if !(days > 0.0 && days <= 14.0) {
            return fail(&days_path, t("a window shown pulse by pulse is more than 0 and at most 14 days long"));
        }
        z.done()?;
        Ok((from, days))
    })?;
    let testis = match f.get("testis") {
        None => false,
        Some((Value::Bool(b), _)) => *b,
        Some((v, p)) => return invalid(&p, v, t("true or false")),
    };
    let (part_v, p) = f.required("point_at")?;
    let point_at = part(part_v, &p)?;
    let (text_v, text_path) = f.required("text")?;
    let mut depths = Fields::of(text_v, &text_path)?;
    let mut texts = [""; 3];
    for (i, depth) in ["basics", "clinical", "academic"].into_iter().enumerate() {
        let (v, p) = depths.required(depth)?;
        texts[i] = words(v, &p)?;
        placeholders(texts[i], &p, has_b, true)?;
    }
    depths.done()?;
    let predict = f.optional("predict", |v, p| prediction(v, p, has_b))?;
    f.done()?;
    Ok(Step { title, plan: plan_a, compared, cursor_week, zoom, testis, point_at, text: texts, predict })
}

/// An id as links carry it: lower-case letters, digits and dashes.
fn id(v: &Value, path: &str) -> Result<&'static str, ScenarioError> {
    let given = text(v, path)?;
    let fits = (1..=40).contains(&given.len())
        && given.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if fits {
        Ok(keep(given))
    } else {
        fail(path, t("an id is 1 to 40 lower-case letters, digits and dashes"))
    }
}

/// A story from its file's JSON value.
pub fn read(v: &Value) -> Result<Story, ScenarioError> {
    let mut f = Fields::of(v, "")?;
    let (format, p) = f.required("format")?;
    if text(format, &p)? != FORMAT {
        return fail(&p, say("a story file says \"format\": \"{format}\"", &[("format", &FORMAT)]));
    }
    let (id_v, p) = f.required("id")?;
    let id = id(id_v, &p)?;
    let (title_v, p) = f.required("title")?;
    let title = words(title_v, &p)?;
    let (summary_v, p) = f.required("summary")?;
    let summary = words(summary_v, &p)?;
    let (steps_v, steps_path) = f.required("steps")?;
    if !(1..=MAX_STEPS).contains(&list(steps_v, &steps_path)?.len()) {
        return fail(&steps_path, say("a story has 1 to {max} steps", &[("max", &MAX_STEPS)]));
    }
    let steps = each(steps_v, &steps_path, step)?;
    f.done()?;
    Ok(Story { id, title, summary, steps: Box::leak(steps.into_boxed_slice()) })
}

impl Story {
    /// Parses and checks a story file. Every error names the field's path.
    pub fn from_json(text: &str) -> Result<Story, ScenarioError> {
        let value =
            json::parse(text).map_err(|e| ScenarioError { path: json_path_at(text, e.offset), message: e.message })?;
        read(&value)
    }
}
