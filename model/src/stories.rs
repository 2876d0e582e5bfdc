//! Guided stories: a few steps that each set a scenario, point at a part of the page and explain what
//! the model shows there, at three depths. Numbers in a story's text are placeholders read from the
//! step's own simulation (`fill`), never typed in, so a story stays true when the model changes; a
//! prediction's right answer is read from the model the same way (`Answer::ByValue`).
//!
//! A placeholder is `{lh@28}` (LH at day 28), `{lh.base}` (untreated), `{lh.min}`, `{lh.max}` (from week 0
//! on), `{lh.min_when}`, `{lh.max_when}` ("week 6"), `{sperm.below:1}` ("at week 9": first below 1 M/mL
//! from week 0 on), `{tt.back:350}` (first at or above 350 ng/dL after the lowest value), `{lh.back}` (back
//! to 90 % of untreated). Thresholds are in conventional units. `b.` before the key reads plan B.

use super::agents::{Agent, DoseUnit, Route};
use super::lang;
use super::narrative;
use super::presets::{self, PriorTrt};
use super::scenario::{Dosing, Scenario};
use super::trajectory::{Output, Trajectory, Units};
use super::units::format_value;

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
    /// Plan A and, when the step compares, plan B.
    pub plans: fn() -> (Scenario, Option<Scenario>),
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

pub fn find(id: &str) -> Option<&'static Story> {
    ALL.iter().find(|s| s.id == id)
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

struct Query {
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
    fn parse(key: &str) -> Option<Query> {
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
            Read::Back(x) => match (x, super::recovery::MEASURES.iter().find(|m| m.output == o)) {
                (None, Some(m)) => m.back_day(t),
                (x, _) => super::recovery::back_day_at(t, o, x.unwrap_or(0.9 * conventional(t.baseline[o.index()]))),
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

fn daily(agent: Agent, mg: f64, start: f64, end: f64) -> Dosing {
    Dosing {
        agent,
        route: Route::Oral,
        dose: mg,
        unit: DoseUnit::Mg,
        every_days: Some(1.0),
        every_minutes: None,
        start_day: start,
        end_day: Some(end),
    }
}

/// A built-in scenario (every id a story names is one; `every_step_is_a_valid_scenario` checks them).
fn preset(id: &str) -> Scenario {
    presets::find(id).unwrap_or(&presets::ALL[0]).scenario()
}

/// The preset with no population band (a story turns the band on where it talks about it).
fn plain_preset(id: &str) -> Scenario {
    Scenario { population: Some(super::population::Setting { men: 0, ..Default::default() }), ..preset(id) }
}

fn alone(s: Scenario) -> (Scenario, Option<Scenario>) {
    (s, None)
}

/// A man who stops testosterone after `years` of cypionate `weekly_mg`, followed for a year.
fn stopped_after(years: f64, weekly_mg: f64) -> Scenario {
    Scenario {
        name: format!("Stop after {years} years of TRT"),
        history: vec![PriorTrt { years, weekly_mg }.dosing()],
        regimen: Vec::new(),
        // Two years: after three years of use LH takes more than one to come back.
        horizon_days: 728.0,
        ..plain_preset("stop-trt-cold")
    }
}

fn untreated_weeks(weeks: f64) -> Scenario {
    Scenario { horizon_days: weeks * 7.0, ..plain_preset("untreated") }
}

fn clomiphene_16_weeks() -> Scenario {
    Scenario {
        name: "Clomiphene 25 mg daily for 16 weeks".into(),
        regimen: vec![daily(Agent::ClomipheneCitrate, 25.0, 0.0, 112.0)],
        horizon_days: 196.0,
        ..plain_preset("untreated")
    }
}

fn enclomiphene_16_weeks() -> Scenario {
    Scenario {
        name: "Enclomiphene 12.5 mg daily for 16 weeks".into(),
        regimen: vec![daily(Agent::EnclomipheneCitrate, 12.5, 0.0, 112.0)],
        horizon_days: 196.0,
        ..plain_preset("untreated")
    }
}

fn anastrozole(mg: f64, every_days: f64) -> Scenario {
    Scenario {
        name: format!("Anastrozole {mg} mg every {every_days} days"),
        regimen: vec![Dosing { every_days: Some(every_days), ..daily(Agent::Anastrozole, mg, 0.0, 84.0) }],
        horizon_days: 112.0,
        ..plain_preset("untreated")
    }
}

const END: &str = "The story ends here and the explorer is yours: change the drugs under Agents, or pick a preset.";

pub const ALL: &[Story] = &[
    Story {
        id: "trt-sperm",
        title: "Why testosterone therapy stops sperm production",
        summary: "More testosterone in the blood, less in the testes: the loop explains the paradox.",
        steps: &[
            Step {
                title: "A man not on any drug",
                plans: || alone(untreated_weeks(52.0)),
                cursor_week: Some(12.0),
                zoom: None,
                testis: true,
                point_at: ".loop-card",
                text: [
                    "The brain sends pulses of GnRH to the pituitary, which answers with LH and FSH. LH makes the testes produce testosterone ({tt.base} in the blood), FSH and the testosterone inside the testes keep sperm production going ({sperm.base}). Testosterone and estradiol tell the brain to ease off: a loop that holds itself steady.",
                    "Untreated steady state: LH {lh.base}, FSH {fsh.base}, total T {tt.base}, E2 {e2.base}, intratesticular T {itt.base}, sperm {sperm.base}. T and E2 close the loop at the hypothalamus and pituitary; inhibin B brakes FSH.",
                    "The model's steady state: GnRH pulse mass and frequency set LH {lh.base} and FSH {fsh.base}; Leydig secretion gives total T {tt.base} in serum and intratesticular T {itt.base}; FSH action with ITT support feeds eight germ-cell stages to sperm {sperm.base}.",
                ],
                predict: None,
            },
            Step {
                title: "He starts weekly testosterone",
                // Eight weeks only: the whole year would show (in the labs) what the next question asks.
                plans: || alone(Scenario { horizon_days: 56.0, ..plain_preset("trt") }),
                cursor_week: Some(6.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "From week 0 he injects testosterone cypionate 100 mg every week.",
                    "Testosterone cypionate 100 mg IM weekly from week 0.",
                    "Testosterone cypionate 100 mg IM weekly from week 0 (a two-step depot into the serum pool).",
                ],
                predict: Some(Prediction {
                    question: "What will his LH do?",
                    choices: &[
                        "Fall to a small fraction of what it was",
                        "Stay about the same",
                        "Rise, with more testosterone around",
                    ],
                    answer: Answer::ByValue { placeholder: "lh@56", per: Some("lh.base"), edges: &[0.5, 1.2] },
                    hidden_after: 0.0,
                    why: "LH falls from {lh.base} to {lh.min} by {lh.min_when}: the brain reads the injected testosterone as plenty and stops signalling to the testes. Total testosterone in the blood is {tt@56} at week 8.",
                }),
            },
            Step {
                title: "What happens to sperm?",
                plans: || alone(plain_preset("trt")),
                cursor_week: Some(26.0),
                zoom: None,
                testis: true,
                point_at: "canvas.chart",
                text: [
                    "Before therapy his sperm count was {sperm.base}. Making a sperm cell takes about ten weeks, from a stem cell to the finished cell.",
                    "Baseline sperm concentration {sperm.base}. Spermatogenesis takes ~64-74 days plus epididymal transit.",
                    "Baseline {sperm.base}; germ-cell input depends on FSH action and intratesticular T support.",
                ],
                predict: Some(Prediction {
                    question: "When will his sperm count fall below 1 million per mL?",
                    choices: &["Within 2 weeks", "Between 2 weeks and 2 months", "After more than 2 months"],
                    answer: Answer::ByValue { placeholder: "sperm.below:1", per: None, edges: &[14.0, 61.0] },
                    hidden_after: 0.0,
                    why: "Sperm falls below 1 million per mL {sperm.below:1} and is {sperm@182} at week 26: sperm already on the production line still finish, so the count fades over months, not days (about two thirds of men on high-dose testosterone have no sperm by six months; WHO 1990).",
                }),
            },
            Step {
                title: "High in the blood, low in the testes",
                plans: || alone(plain_preset("trt")),
                cursor_week: Some(12.0),
                zoom: None,
                testis: true,
                point_at: "canvas.chart",
                text: [
                    "Testosterone in the blood is now {tt@84} (it was {tt.base}), yet inside the testes it falls from {itt.base} to {itt@84}: without LH the testes stop making their own, and sperm production depends on that inside supply, with FSH ({fsh@84}, from {fsh.base}).",
                    "Serum total T {tt@84} at week 12 against {tt.base} untreated, while intratesticular T falls from {itt.base} to {itt@84} and FSH from {fsh.base} to {fsh@84}: exogenous T cannot reach the seminiferous tubules at the concentration spermatogenesis needs.",
                    "Serum T {tt@84} at week 12; ITT {itt@84} against {itt.base}, FSH {fsh@84} against {fsh.base}: germ-cell entry and the survival of the later stages both fall with ITT support and FSH action.",
                ],
                predict: None,
            },
            Step {
                title: "hCG stands in for LH",
                plans: || (plain_preset("trt-hcg"), Some(Scenario { horizon_days: 182.0, ..plain_preset("trt") })),
                cursor_week: Some(12.0),
                zoom: None,
                testis: true,
                point_at: "canvas.chart",
                text: [
                    "Solid: the same testosterone plus hCG, which works like LH on the testes; dashed: testosterone alone. With hCG, testosterone inside the testes stays at {itt@84} (against {b.itt@84}) although the brain's LH stays low ({lh@84}); sperm at week 24 is {sperm@168} against {b.sperm@168}. Without FSH, the model keeps only part of sperm production going. {END}",
                    "TRT plus hCG 500 IU every 2 days (solid) vs TRT alone (dashed): ITT {itt@84} vs {b.itt@84} at week 12, sperm {sperm@168} vs {b.sperm@168} at week 24, LH {lh@84} and {b.lh@84}. FSH stays suppressed, which in the model limits what hCG alone preserves. {END}",
                    "hCG acts on the Leydig LH receptor with its own kinetics: ITT {itt@84} vs {b.itt@84} (TRT alone) at week 12; sperm {sperm@168} vs {b.sperm@168} at week 24, half of the germ-cell input still scaled by the suppressed FSH action (docs/MODEL.md §3.7). {END}",
                ],
                predict: None,
            },
        ],
    },
    Story {
        id: "recovery-months",
        title: "Why recovery takes months, and differs between men",
        summary: "After stopping testosterone the axis wakes slowly, more slowly after longer use.",
        steps: &[
            Step {
                title: "Three years of TRT, then stop",
                plans: || alone(stopped_after(3.0, 150.0)),
                cursor_week: Some(30.0),
                zoom: None,
                testis: true,
                point_at: "canvas.chart",
                text: [
                    "This man took testosterone cypionate 150 mg a week for three years and stopped at week 0 with no other drug. Before therapy his brain's signal, LH, was {lh.base}.",
                    "Cypionate 150 mg weekly for 3 years, stopped at week 0, nothing to restart the axis. Untreated LH {lh.base}.",
                    "Cypionate 150 mg weekly for 3 years, stopped at week 0. Untreated LH {lh.base}; 'back' is 90 % of it.",
                ],
                predict: Some(Prediction {
                    question: "How long until his LH is back to 90 % of what it was before therapy?",
                    choices: &["Within 6 weeks", "6 weeks to 6 months", "More than 6 months"],
                    answer: Answer::ByValue { placeholder: "lh.back", per: None, edges: &[42.0, 182.0] },
                    hidden_after: 0.0,
                    why: "LH is back {lh.back}. The drug is gone within weeks; in the model what takes months is rebuilding what three years of suppression wore down, above all the brain's pulse generator.",
                }),
            },
            Step {
                title: "The first weeks",
                plans: || alone(stopped_after(3.0, 150.0)),
                cursor_week: Some(4.0),
                zoom: None,
                testis: true,
                point_at: "canvas.chart",
                text: [
                    "At week 4 the injected testosterone is gone but his own has not come back: total testosterone {tt@28}, LH {lh@28}. Sperm is {sperm@28}.",
                    "Week 4: total T {tt@28}, LH {lh@28}, FSH {fsh@28}, sperm {sperm@28}; total T bottoms out at {tt.min} by {tt.min_when}.",
                    "At week 4 the depot has washed out (total T {tt@28}) while LH is {lh@28}: the generator, the gonadotrophs and the Leydig cells are all below their set points.",
                ],
                predict: None,
            },
            Step {
                title: "Three months against three years",
                plans: || (stopped_after(0.25, 150.0), Some(stopped_after(3.0, 150.0))),
                cursor_week: Some(20.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "The solid lines are a man who stopped after only three months; the dashed lines the man who stopped after three years. After three months, LH is back {lh.back} and total testosterone reaches 350 ng/dL {tt.back:350}; after three years, LH is back {b.lh.back} and testosterone {b.tt.back:350}.",
                    "Solid: 3 months of cypionate 150 mg weekly; dashed: 3 years. LH back to 90 % {lh.back} against {b.lh.back}; total T >= 350 ng/dL {tt.back:350} against {b.tt.back:350}.",
                    "Solid: 3 months; dashed: 3 years of 150 mg weekly. LH to 90 % of baseline {lh.back} against {b.lh.back}; total T >= 350 ng/dL {tt.back:350} against {b.tt.back:350}. The difference is in the reserves (depth x duration), not in the washout.",
                ],
                predict: None,
            },
            Step {
                title: "What was worn down",
                plans: || alone(stopped_after(3.0, 150.0)),
                cursor_week: Some(12.0),
                zoom: None,
                testis: false,
                point_at: ".loop-card",
                text: [
                    "In the model, each link of the loop loses strength when it is not used: the brain's pulse generator, the pituitary cells that make LH, the testosterone-making cells of the testes and the cells that start sperm. Weeks of disuse shrink what the cells do; years also wear down their number and drive, which takes months to rebuild. How much of this happens in a given man is not known. The arrows show how weak each signal still is at week 12.",
                    "The model's account: long suppression lowers GnRH pulse-generator tone, gonadotroph priming, Leydig cell mass and the spermatogonial reserve, each regrowing over months once its stimulus returns, slower after longer and heavier use (consistent with LH ~10 months after long androgen use; Shankara-Narayana 2020). The human mechanism is not settled.",
                    "Two layers of slow states: functional capacities (weeks) and reserves lost at a rate set by disuse x steroid excess and regrown over months once activity returns (docs/MODEL.md section 3.8; the reserves' time constants are assumptions fitted to published recovery times). The loop arrows are signal strengths at week 12 relative to the untreated man.",
                ],
                predict: None,
            },
            Step {
                title: "Age",
                plans: || {
                    let older = Scenario { subject: super::Subject { age_years: 60.0, ..Default::default() }, ..stopped_after(3.0, 150.0) };
                    let younger = Scenario { subject: super::Subject { age_years: 30.0, ..Default::default() }, ..stopped_after(3.0, 150.0) };
                    (older, Some(younger))
                },
                cursor_week: Some(30.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "The same three years, in a man of 60 (solid) and a man of 30 (dashed). The model slows recovery with age, as studies of men after testosterone therapy suggest: testosterone reaches 350 ng/dL {tt.back:350} at 60 and {b.tt.back:350} at 30. How strong the age effect is, is an assumption you can see in the model's documentation.",
                    "Age 60 (solid) vs 30 (dashed), same history: total T >= 350 ng/dL {tt.back:350} vs {b.tt.back:350}; LH back {lh.back} vs {b.lh.back}. Direction follows Kohn 2017 and ADT cohorts, not the young volunteers of Liu 2006.",
                    "Every regrowth time constant scales with age over 30 (an adjustable assumption; docs/MODEL.md section 3.8): total T >= 350 ng/dL {tt.back:350} at 60 vs {b.tt.back:350} at 30.",
                ],
                predict: None,
            },
            Step {
                title: "Men differ",
                plans: || alone(Scenario { population: None, ..stopped_after(3.0, 150.0) }),
                cursor_week: Some(26.0),
                zoom: None,
                testis: true,
                point_at: ".likely",
                text: [
                    "The shaded band behind each curve is where 8 in 10 simulated men like him lie: men differ in how fast they lose and rebuild each link. The panel here counts how many are back month by month (counted once the testosterone has washed out). It shows differences between men, not a forecast for you. {END}",
                    "The band is the 10-90 % range of a virtual population whose parameters vary by published spreads; the panel gives the share back by month, counted from the washout. {END}",
                    "Men drawn from log-normal spreads of the traits in docs/MODEL.md section 8, each calibrated to his own steady state; band 10-90 %, shares by month. {END}",
                ],
                predict: None,
            },
        ],
    },
    Story {
        id: "gnrh-pulses",
        title: "Why GnRH pulses matter",
        summary: "The same hormone, given as pulses, once a day or continuously, does opposite things.",
        steps: &[
            Step {
                title: "The brain speaks in pulses",
                plans: || alone(untreated_weeks(12.0)),
                cursor_week: None,
                zoom: Some((42.0, 1.0)),
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "Zoomed in on one day: the brain releases GnRH in short bursts every hour and a half to two hours, and each burst makes the pituitary release a pulse of LH.",
                    "One day pulse by pulse: GnRH pulses every 90-120 minutes, each followed by an LH pulse within minutes; LH averages {lh.base}.",
                    "Pulsatile GnRH (interval ~100 min) drives LH secretion pulse by pulse; the pituitary's receptors recover between pulses, which is why the rhythm is needed.",
                ],
                predict: None,
            },
            Step {
                title: "A pump that pulses",
                plans: || alone(plain_preset("gonadorelin-pump")),
                cursor_week: Some(3.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "A small pump gives gonadorelin (a copy of GnRH) every 90 minutes, as the brain does. The pituitary keeps answering: LH is {lh@21} at week 3 and testosterone {tt@21}.",
                    "Gonadorelin 25 ng/kg SC every 90 minutes by pump for 4 weeks: LH {lh@21}, total T {tt@21} at week 3 (the treatment of GnRH deficiency).",
                    "Exogenous pulses at 90 min add to the endogenous ones; the gonadotrophs stay primed: LH {lh@21}, total T {tt@21} at week 3.",
                ],
                predict: None,
            },
            Step {
                title: "GnRH without pauses",
                plans: || alone(plain_preset("continuous-gnrh")),
                cursor_week: Some(5.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "Now the same hormone runs in continuously, without pauses, from week 0 to week 6.",
                    "Continuous gonadorelin infusion 500 ug/day from week 0 to week 6.",
                    "Continuous gonadorelin 500 ug/day SC infusion, weeks 0-6.",
                ],
                predict: Some(Prediction {
                    question: "What will LH do while GnRH runs without pauses?",
                    choices: &["Rise briefly, then fall below normal", "Not change", "Rise and stay high"],
                    answer: Answer::ByValue { placeholder: "lh@35", per: Some("lh.base"), edges: &[0.8, 1.25] },
                    hidden_after: 0.0,
                    why: "LH first rises to {lh.max} ({lh.max_when}), then falls to {lh@35} at week 5 and testosterone to {tt@35}: receptors that never get a pause stop answering (desensitisation). Drugs that treat prostate cancer use exactly this.",
                }),
            },
            Step {
                title: "Once a day is not enough",
                plans: || alone(plain_preset("gonadorelin-daily-bolus")),
                cursor_week: None,
                zoom: Some((20.5, 2.0)),
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "After a year of testosterone therapy, one gonadorelin injection a day gives a brief LH blip and little else: two days zoomed in, each blip over within hours. Testosterone at week 3 is {tt@21}. {END}",
                    "Gonadorelin 100 ug SC once daily after a year of TRT: an LH blip per injection; total T {tt@21} at week 3. Frequency, not dose, restores the axis. {END}",
                    "A daily bolus primes the gonadotrophs once a day; between boluses LH returns to the suppressed level, and the day-averaged drive stays low: total T {tt@21} at week 3. {END}",
                ],
                predict: None,
            },
        ],
    },
    Story {
        id: "clomiphene-halves",
        title: "Clomiphene's two halves",
        summary: "Enclomiphene blocks the estrogen brake; zuclomiphene lingers and partly acts like estrogen.",
        steps: &[
            Step {
                title: "Lifting the estrogen brake",
                plans: || alone(enclomiphene_16_weeks()),
                cursor_week: Some(8.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "Estradiol tells the brain to ease off. Enclomiphene blocks that message in the brain, so the brain asks for more: LH rises from {lh.base} to {lh@56} by week 8 and testosterone from {tt.base} to {tt@56}, made by the man's own testes.",
                    "Enclomiphene 12.5 mg daily: LH {lh.base} -> {lh@56}, total T {tt.base} -> {tt@56} at week 8; the testes keep working, unlike on TRT.",
                    "Enclomiphene (trans isomer) antagonises the hypothalamic and pituitary estrogen receptor: LH {lh.base} -> {lh@56}, total T {tt.base} -> {tt@56}, E2 {e2@56} at week 8 (more T to aromatise).",
                ],
                predict: None,
            },
            Step {
                title: "Clomiphene is a mixture",
                plans: || alone(clomiphene_16_weeks()),
                cursor_week: Some(16.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "Clomiphene, the older drug, is a mix of two isomers, the same atoms in two shapes: enclomiphene and zuclomiphene. This man takes clomiphene 25 mg a day for 16 weeks. Zuclomiphene leaves the body very slowly and builds up: {zuclomiphene@112} at week 16, against {enclomiphene@112} of enclomiphene.",
                    "Clomiphene citrate 25 mg daily for 16 weeks (~62 % enclomiphene, ~38 % zuclomiphene). At week 16: zuclomiphene {zuclomiphene@112}, enclomiphene {enclomiphene@112}; LH {lh@112}, total T {tt@112}.",
                    "Zuclomiphene's half-life is weeks against enclomiphene's ~10 h, so it accumulates: {zuclomiphene@112} against {enclomiphene@112} at week 16; its partial ER agonism offsets part of the antagonism.",
                ],
                predict: None,
            },
            Step {
                title: "After the last tablet",
                plans: || alone(clomiphene_16_weeks()),
                cursor_week: Some(20.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "He takes his last tablet at week 16.",
                    "Clomiphene stops at week 16.",
                    "Dosing ends at day 112.",
                ],
                predict: Some(Prediction {
                    question: "Four weeks after the last tablet, how much zuclomiphene is left?",
                    choices: &["Almost none (under a tenth)", "Between a tenth and a half", "Half or more"],
                    answer: Answer::ByValue {
                        placeholder: "zuclomiphene@140",
                        per: Some("zuclomiphene@112"),
                        edges: &[0.1, 0.5],
                    },
                    hidden_after: 112.0,
                    why: "Zuclomiphene is still {zuclomiphene@140} at week 20, from {zuclomiphene@112} at week 16: it lingers for weeks after the last tablet, and with it a mild estrogen-like effect. Enclomiphene is gone within days ({enclomiphene@140}).",
                }),
            },
            Step {
                title: "Side by side",
                plans: || (enclomiphene_16_weeks(), Some(clomiphene_16_weeks())),
                cursor_week: Some(12.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "Enclomiphene (solid) against clomiphene (dashed): at week 12 testosterone is {tt@84} against {b.tt@84} and estradiol {e2@84} against {b.e2@84}. {END}",
                    "Enclomiphene 12.5 mg (solid) vs clomiphene 25 mg (dashed) at week 12: total T {tt@84} vs {b.tt@84}, E2 {e2@84} vs {b.e2@84}, LH {lh@84} vs {b.lh@84}. {END}",
                    "At week 12: total T {tt@84} vs {b.tt@84}, E2 {e2@84} vs {b.e2@84}, LH {lh@84} vs {b.lh@84} (solid: enclomiphene, dashed: clomiphene with its zuclomiphene). {END}",
                ],
                predict: None,
            },
        ],
    },
    Story {
        id: "too-much-anastrozole",
        title: "A man needs estradiol: too much anastrozole",
        summary: "Estradiol is not only a female hormone: a man needs some, and an aromatase inhibitor can take too much.",
        steps: &[
            Step {
                title: "Estradiol in a man",
                plans: || alone(untreated_weeks(16.0)),
                cursor_week: Some(8.0),
                zoom: None,
                testis: false,
                point_at: ".loop-card [data-arrow=e2-brake]",
                text: [
                    "Men make estradiol from testosterone, mostly in fat tissue: this man has {e2.base}. It keeps bones strong, supports libido and, as the marked arrow shows, tells the brain to ease off.",
                    "Untreated E2 {e2.base}, total T {tt.base}. The page flags E2 below 15 pg/mL: low E2 in men is linked with bone loss and with lower sexual desire and function (Finkelstein 2013, 2016).",
                    "E2 from peripheral and testicular aromatisation of T: {e2.base} untreated; the central ER brake is the main estrogen feedback on GnRH and LH.",
                ],
                predict: None,
            },
            Step {
                title: "Anastrozole 1 mg every day",
                plans: || alone(anastrozole(1.0, 1.0)),
                cursor_week: Some(6.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "From week 0 he takes anastrozole 1 mg every day, a drug that blocks the enzyme making estradiol.",
                    "Anastrozole 1 mg daily from week 0 (the dose used in breast cancer).",
                    "Anastrozole 1 mg daily from week 0 (aromatase inhibition by concentration, Imax model).",
                ],
                predict: Some(Prediction {
                    question: "Where will his estradiol go?",
                    choices: &["It falls below the range that protects bone", "It stays in the normal range"],
                    answer: Answer::ByValue { placeholder: "e2.min", per: None, edges: &[15.0] },
                    hidden_after: 0.0,
                    why: "Estradiol falls from {e2.base} to {e2.min} by {e2.min_when}. With the estrogen brake off, the brain sends more LH ({lh@42}) and testosterone rises to {tt@42}.",
                }),
            },
            Step {
                title: "What the labs flag",
                plans: || alone(anastrozole(1.0, 1.0)),
                cursor_week: Some(8.0),
                zoom: None,
                testis: false,
                point_at: ".labs",
                text: [
                    "The lab table shows estradiol at the weeks blood is drawn: at week 8 it is {e2@56}, and values below 15 pg/mL are flagged. Too little estradiol harms bone and sex drive, which is why such a dose is not given to men without a reason.",
                    "Week 8: E2 {e2@56} (flagged when below 15 pg/mL), total T {tt@56}. Low E2 in men: bone loss, lower sexual desire and function (Finkelstein 2013, 2016).",
                    "Week 8: E2 {e2@56}, total T {tt@56}, LH {lh@56}: the ER brake released and aromatisation blocked together.",
                ],
                predict: None,
            },
            Step {
                title: "A smaller dose",
                plans: || (anastrozole(0.5, 3.5), Some(anastrozole(1.0, 1.0))),
                cursor_week: Some(8.0),
                zoom: None,
                testis: false,
                point_at: "canvas.chart",
                text: [
                    "Solid: 0.5 mg twice a week; dashed: 1 mg daily. At week 8 estradiol is {e2@56} against {b.e2@56}. {END}",
                    "Anastrozole 0.5 mg twice weekly (solid) vs 1 mg daily (dashed): E2 {e2@56} vs {b.e2@56}, total T {tt@56} vs {b.tt@56} at week 8. {END}",
                    "A seven-fold lower weekly dose: E2 {e2@56} vs {b.e2@56}, total T {tt@56} vs {b.tt@56} at week 8 (Leder 2004 saw similar E2 falls on 1 mg twice weekly and daily). {END}",
                ],
                predict: None,
            },
        ],
    },
];

/// A step's text at a depth (0 Basics, 1 Clinical, 2 Academic) in the page's language, with `{END}` spelled
/// out; its other placeholders are then filled by [`fill`] (translated first, so the language's own text is
/// what gets its numbers).
pub fn text(step: &Step, depth: usize) -> String {
    lang::t(step.text[depth.min(2)]).replace("{END}", lang::t(END))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_a_valid_scenario_and_every_story_has_four_to_eight_steps() {
        for story in ALL {
            assert!((4..=8).contains(&story.steps.len()), "{}", story.id);
            for step in story.steps {
                let (a, b) = (step.plans)();
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
