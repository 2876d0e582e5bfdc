//! Guided stories: a few steps that each set a scenario, point at a part of the page and explain what
//! the model shows there, at three depths. Stories are data: the built-in ones are files in `model/stories/`
//! in the format `story_file` reads (`docs/STORIES.md`), and a host may `add` its own. Numbers in a story's text are placeholders read from the
//! step's own simulation (`fill`), never typed in, so a story stays true when the model changes; a
//! prediction's right answer is read from the model the same way (`Answer::ByValue`).
//!
//! A placeholder is `{lh@28}` (LH at day 28), `{lh.base}` (untreated), `{lh.min}`, `{lh.max}` (from week 0
//! on), `{lh.min_when}`, `{lh.max_when}` ("week 6"), `{sperm.below:1}` ("at week 9": first below 1 M/mL
//! from week 0 on), `{tt.back:350}` (first at or above 350 ng/dL after the lowest value), `{lh.back}` (back
//! to 90 % of untreated). Thresholds are in conventional units. `b.` before the key reads plan B.

use crate::lang;
use crate::scenario::{Scenario, ScenarioError};
use crate::trajectory::{Output, Trajectory, Units};
use crate::units::format_value;
use crate::words::narrative;
use std::sync::{Mutex, OnceLock};

/// A guided story.
pub struct Story {
    /// In links: `?story=ID&step=N`.
    pub id: &'static str,
    pub title: &'static str,
    /// What the learner will see, in one line.
    pub summary: &'static str,
    pub steps: &'static [Step],
}

/// One step of a story.
pub struct Step {
    pub title: &'static str,
    /// Plan A.
    pub plan: Scenario,
    /// Plan B, when the step compares two.
    pub compared: Option<Scenario>,
    /// Where the cursor stands, in weeks.
    pub cursor_week: Option<f64>,
    /// A window of days shown pulse by pulse: (start day, length in days).
    pub zoom: Option<(f64, f64)>,
    /// The testis panels (ITT, inhibin B, sperm) are shown.
    pub testis: bool,
    /// The part of the page the step points at (a CSS selector of the page).
    pub point_at: &'static str,
    /// The explanation at each depth (Basics, Clinical, Academic), with placeholders.
    pub text: [&'static str; 3],
    pub predict: Option<Prediction>,
}

/// A question asked before the curves after `hidden_after` (a day) are shown.
pub struct Prediction {
    pub question: &'static str,
    pub choices: &'static [&'static str],
    pub answer: Answer,
    pub hidden_after: f64,
    /// Why, with placeholders, shown with the curves once the learner has chosen.
    pub why: &'static str,
}

/// Which choice is right.
pub enum Answer {
    Fixed(usize),
    /// The choice is the number of `edges` the placeholder's value (days or conventional units; divided
    /// by the `per` placeholder's value when there is one) is at or above: a value below every edge is
    /// choice 0. A value that never comes (a recovery beyond the plan) is the last choice.
    ByValue {
        placeholder: &'static str,
        per: Option<&'static str>,
        edges: &'static [f64],
    },
}

impl Story {
    /// The title in the page's language.
    pub fn title_text(&self) -> &'static str {
        lang::t(self.title)
    }

    /// The summary in the page's language.
    pub fn summary_text(&self) -> &'static str {
        lang::t(self.summary)
    }
}

impl Step {
    /// Plan A and, when the step compares, plan B.
    pub fn plans(&self) -> (Scenario, Option<Scenario>) {
        (self.plan.clone(), self.compared.clone())
    }

    /// The title in the page's language.
    pub fn title_text(&self) -> &'static str {
        lang::t(self.title)
    }
}

impl Prediction {
    /// The question in the page's language.
    pub fn question_text(&self) -> &'static str {
        lang::t(self.question)
    }

    /// Choice `i` in the page's language.
    pub fn choice_text(&self, i: usize) -> &'static str {
        lang::t(self.choices[i])
    }

    /// Why, in the page's language, placeholders still to [`fill`] (translated first, so the language's own
    /// text is what gets its numbers).
    pub fn why_text(&self) -> &'static str {
        lang::t(self.why)
    }

    /// The right choice, as the step's run of the model (plan A) answers it.
    pub fn right_choice(&self, a: &Trajectory) -> usize {
        match self.answer {
            Answer::Fixed(i) => i,
            // A time that never comes within the plan is later than every edge.
            Answer::ByValue { edges, .. } => {
                self.value(a).map_or(edges.len(), |v| edges.iter().filter(|&&e| v >= e).count())
            }
        }
    }

    /// The value a `ByValue` answer compares with its edges: `None` when it does not come within the plan
    /// (or cannot be read, which `tests/stories.rs` rules out for every story).
    pub fn value(&self, a: &Trajectory) -> Option<f64> {
        let Answer::ByValue { placeholder, per, .. } = self.answer else { return None };
        let read = |key: &str| Query::parse(key).filter(|q| !q.plan_b).and_then(|q| q.number(a, None));
        match per {
            Some(per) => read(placeholder).zip(read(per).filter(|&p| p > 0.0)).map(|(v, per)| v / per),
            None => read(placeholder),
        }
    }

    /// Whether the answer's placeholders name something a run can give (plan A, a known output).
    pub fn readable(&self) -> bool {
        match self.answer {
            Answer::Fixed(i) => i < self.choices.len(),
            Answer::ByValue { placeholder, per, edges } => {
                let ok = |key: &str| Query::parse(key).is_some_and(|q| !q.plan_b);
                ok(placeholder) && per.is_none_or(ok) && edges.len() + 1 == self.choices.len()
            }
        }
    }
}

/// The story with this id, built in or added.
pub fn find(id: &str) -> Option<&'static Story> {
    all().into_iter().find(|s| s.id == id)
}

/// `text` with every placeholder replaced by the value it names in plan A's (or B's) run, in `units`. A
/// placeholder that cannot be read (a typo, plan B missing) is left as typed, so a test can find it.
pub fn fill(text: &str, a: &Trajectory, b: Option<&Trajectory>, units: Units) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        // The key runs to the first `}`; a `{` before it starts the placeholder anew.
        let Some(close) = rest[1..].find(['{', '}']).map(|i| i + 1).filter(|&i| rest.as_bytes()[i] == b'}') else {
            let next = rest[1..].find('{').map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..next]);
            rest = &rest[next..];
            continue;
        };
        match Query::parse(&rest[1..close]).and_then(|q| q.words(a, b, units)) {
            Some(words) => out.push_str(&words),
            None => out.push_str(&rest[..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// What a placeholder reads.
#[derive(Clone, Copy)]
enum Read {
    At(f64),
    Base,
    Min,
    Max,
    MinWhen,
    MaxWhen,
    Below(f64),
    Back(Option<f64>),
}

/// A placeholder's key read: which plan, which output, what of it.
pub(crate) struct Query {
    plan_b: bool,
    output: Output,
    read: Read,
}

/// The short names stories use for the outputs they read.
const NAMES: [(&str, Output); 12] = [
    ("gnrh", Output::Gnrh),
    ("lh", Output::Lh),
    ("fsh", Output::Fsh),
    ("tt", Output::TotalT),
    ("ft", Output::FreeT),
    ("e2", Output::E2),
    ("itt", Output::Itt),
    ("inhb", Output::InhibinB),
    ("sperm", Output::Sperm),
    ("enclomiphene", Output::Enclomiphene),
    ("zuclomiphene", Output::Zuclomiphene),
    ("anastrozole", Output::Anastrozole),
];

impl Query {
    pub(crate) fn parse(key: &str) -> Option<Query> {
        let (plan_b, key) = match key.strip_prefix("b.") {
            Some(k) => (true, k),
            None => (false, key),
        };
        let split = key.find(['@', '.']).unwrap_or(key.len());
        let output = NAMES.iter().find(|(n, _)| *n == &key[..split])?.1;
        let rest = &key[split..];
        let number = |s: &str| s.parse::<f64>().ok().filter(|v| v.is_finite());
        let read = if let Some(day) = rest.strip_prefix('@') {
            Read::At(number(day)?)
        } else {
            match rest.split_once(':') {
                Some((".below", x)) => Read::Below(number(x)?),
                Some((".back", x)) => Read::Back(Some(number(x)?)),
                Some(_) => return None,
                None => match rest {
                    ".base" => Read::Base,
                    ".min" => Read::Min,
                    ".max" => Read::Max,
                    ".min_when" => Read::MinWhen,
                    ".max_when" => Read::MaxWhen,
                    ".back" => Read::Back(None),
                    _ => return None,
                },
            }
        };
        Some(Query { plan_b, output, read })
    }

    pub(crate) fn reads_plan_b(&self) -> bool {
        self.plan_b
    }

    fn run<'a>(&self, a: &'a Trajectory, b: Option<&'a Trajectory>) -> Option<&'a Trajectory> {
        if self.plan_b {
            b
        } else {
            Some(a)
        }
    }

    /// The value read: conventional units for a level, days for a time (`None`: it never comes).
    fn number(&self, a: &Trajectory, b: Option<&Trajectory>) -> Option<f64> {
        let t = self.run(a, b)?;
        let o = self.output;
        let conventional = |v: f64| o.to_conventional(v);
        let from = t.days.partition_point(|&d| d < 0.0);
        let rows = || (from..t.len()).map(|i| (t.days[i], t.column(o)[i]));
        let lowest = || rows().min_by(|x, y| x.1.total_cmp(&y.1));
        let highest = || rows().max_by(|x, y| x.1.total_cmp(&y.1));
        match self.read {
            Read::At(day) => Some(conventional(t.at(o, day))),
            Read::Base => Some(conventional(t.baseline[o.index()])),
            Read::Min => lowest().map(|r| conventional(r.1)),
            Read::Max => highest().map(|r| conventional(r.1)),
            // When the curve gets there, as the curves in words say it.
            Read::MinWhen => Some(narrative::reached(rows(), t.at(o, 0.0), lowest()?)),
            Read::MaxWhen => Some(narrative::reached(rows(), t.at(o, 0.0), highest()?)),
            Read::Below(x) => t.first_day(o, 0.0, |v| v < x),
            // Back as every view counts it (`recovery`): the measure's own level, or the one the text names.
            Read::Back(x) => match (x, crate::engine::recovery::MEASURES.iter().find(|m| m.output == o)) {
                (None, Some(m)) => m.back_day(t),
                (x, _) => {
                    crate::engine::recovery::back_day_at(t, o, x.unwrap_or(0.9 * conventional(t.baseline[o.index()])))
                }
            },
        }
    }

    fn is_time(&self) -> bool {
        matches!(self.read, Read::MinWhen | Read::MaxWhen | Read::Below(_) | Read::Back(_))
    }

    /// The value in words: "0.31 IU/L", "week 9", "at week 9", or "not within the 52 weeks shown".
    fn words(&self, a: &Trajectory, b: Option<&Trajectory>, units: Units) -> Option<String> {
        let t = self.run(a, b)?;
        let value = self.number(a, b);
        if !self.is_time() {
            let o = self.output;
            let v = value?;
            return Some(if o == Output::Gnrh {
                let times = format_value(v / o.to_conventional(t.baseline[o.index()]).max(1e-12));
                lang::say("{times} times untreated", &[("times", &times)])
            } else {
                // Back to internal units, then to the page's.
                let internal = v / o.to_conventional(1.0);
                format!("{} {}", format_value(o.display(internal, units)), lang::t(o.unit(units)))
            });
        }
        // "at week 9" for a moment, "week 9" for when an extreme is reached (the text says "by ...").
        let at = !matches!(self.read, Read::MinWhen | Read::MaxWhen);
        Some(match value {
            Some(day) if day < 1.0 => lang::t(if at { "at the first day" } else { "the first day" }).to_string(),
            Some(day) => when_words(day, at),
            None => {
                let weeks = format!("{:.0}", t.days.last().copied().unwrap_or(0.0) / 7.0);
                lang::say("not within the {weeks} weeks shown", &[("weeks", &weeks)])
            }
        })
    }
}

/// `narrative::when(day)` ("day 5", "week 9") in the page's language, with "at " before it when `at`: the
/// same moment (`narrative::moment`) in texts of its own, because a language may need an article or a
/// preposition that differs between a day and a week ("en la semana 9", "el día 5").
fn when_words(day: f64, at: bool) -> String {
    use narrative::Moment;
    match (narrative::moment(day), at) {
        (Moment::Day(n), true) => lang::say("at day {day}", &[("day", &n)]),
        (Moment::Week(n), true) => lang::say("at week {week}", &[("week", &n)]),
        (Moment::Day(n), false) => lang::say("day {reached_day}", &[("reached_day", &n)]),
        (Moment::Week(n), false) => lang::say("week {reached_week}", &[("reached_week", &n)]),
    }
}

/// The built-in stories, one file each (`docs/STORIES.md` is their format).
const BUILT_IN: [&str; 6] = [
    include_str!("../../stories/trt-sperm.json"),
    include_str!("../../stories/recovery-months.json"),
    include_str!("../../stories/gnrh-pulses.json"),
    include_str!("../../stories/clomiphene-halves.json"),
    include_str!("../../stories/too-much-anastrozole.json"),
    include_str!("../../stories/restart-after-trt.json"),
];

/// The placeholder a step's text ends a story with: the sentence that hands the explorer to the learner.
pub(crate) const END_KEY: &str = "END";

const END: &str = "The story ends here and the explorer is yours: change the drugs under Agents, or pick a preset.";

/// The built-in stories, read from their files once.
pub fn built_in() -> &'static [Story] {
    static READ: OnceLock<Vec<Story>> = OnceLock::new();
    READ.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|text| {
                Story::from_json(text).unwrap_or_else(|e| panic!("a built-in story: {e} (tests/stories.rs reads each)"))
            })
            .collect()
    })
}

/// Stories read after the page started (a hosted copy's `stories/` folder), in the order added.
static ADDED: Mutex<Vec<&'static Story>> = Mutex::new(Vec::new());

/// Every story the page offers: the built-in ones, then those added.
pub fn all() -> Vec<&'static Story> {
    let added = ADDED.lock().map(|a| a.clone()).unwrap_or_default();
    built_in().iter().chain(added).collect()
}

/// Offers `story` beside the built-in ones, for as long as the program runs; refused when its id is taken.
pub fn add(story: Story) -> Result<&'static Story, ScenarioError> {
    if find(story.id).is_some() {
        return Err(ScenarioError {
            path: "id".into(),
            message: lang::say("a story named {id} is already on the page", &[("id", &format!("{:?}", story.id))]),
        });
    }
    let kept: &'static Story = Box::leak(Box::new(story));
    if let Ok(mut added) = ADDED.lock() {
        added.push(kept);
    }
    Ok(kept)
}

/// A step's text at a depth (0 Basics, 1 Clinical, 2 Academic) in the page's language, with `{END}` spelled
/// out; its other placeholders are then filled by [`fill`] (translated first, so the language's own text is
/// what gets its numbers).
pub fn text(step: &Step, depth: usize) -> String {
    lang::t(step.text[depth.min(2)]).replace(&format!("{{{END_KEY}}}"), lang::t(END))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_a_valid_scenario_and_every_story_has_four_to_eight_steps() {
        for story in built_in() {
            assert!((4..=8).contains(&story.steps.len()), "{}", story.id);
            for step in story.steps {
                let (a, b) = step.plans();
                a.check().unwrap_or_else(|e| panic!("{} {}: {e}", story.id, step.title));
                if let Some(b) = b {
                    b.check().unwrap_or_else(|e| panic!("{} {} (B): {e}", story.id, step.title));
                }
            }
        }
    }

    #[test]
    fn placeholders_parse() {
        for key in ["lh@28", "b.tt.back:350", "sperm.below:1", "e2.min_when", "lh.back", "gnrh.base"] {
            assert!(Query::parse(key).is_some(), "{key}");
        }
        for key in ["lh@", "x.min", "lh.back:", "lh.sideways", "tt.below:abc"] {
            assert!(Query::parse(key).is_none(), "{key}");
        }
    }
}
