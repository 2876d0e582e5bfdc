//! Therapy before week 0: how long and how much, in one choice, or one's own lines (testosterone or any
//! other drug taken by a daily-or-longer schedule, for up to decades). Recovery after stopping depends on
//! both, so the choice is where a person sets "my years on TRT".

use super::typed::{IntervalChoice, TypedNumber};
use crate::model::lang::{say, t};
use crate::model::scenario::presets::{common_regimen, PriorTrt, PRIOR_TRT_CHOICES};
use crate::model::scenario::MIN_HISTORY_DAY;
use crate::model::{Agent, Dosing, Scenario};
use leptos::prelude::*;

/// The value of the option that holds a history none of the choices describe (from a link or a file).
const OTHER: &str = "other";
const NONE: &str = "none";
/// The value of the option that opens the editor for one's own therapy.
const OWN: &str = "own";

/// What a person can say he took before week 0: every drug given on a schedule of doses (a GnRH pump is a
/// treatment in the clinic, not a history this editor describes).
fn own_agents() -> impl Iterator<Item = Agent> {
    Agent::ALL.into_iter().filter(|&a| common_regimen(a, 0.0).every_days.is_some())
}

/// Weeks before week 0 a line first reads when the person says it stopped earlier (then types his own).
const STOPPED_WEEKS_FIRST: f64 = 4.0;

/// One line of one's own therapy before week 0: which drug, how much, how often, for how long, and how
/// long ago it stopped. The history is a list of them; the fields read each back.
#[derive(Clone, Copy, Debug, PartialEq)]
struct OwnTherapy {
    agent: Agent,
    dose: f64,
    every_days: f64,
    years: f64,
    stopped_weeks_ago: f64,
}

impl OwnTherapy {
    /// The therapy a history line is, when it is a scheduled line that ends by week 0.
    fn read_line(d: &Dosing) -> Option<OwnTherapy> {
        let end = d.end_day?;
        let every_days = d.every_days?;
        let usual = common_regimen(d.agent, 0.0);
        (usual.every_days.is_some()
            && d.route == usual.route
            && d.unit == usual.unit
            && end <= 0.0
            && d.start_day < end)
            .then(|| OwnTherapy {
                agent: d.agent,
                dose: d.dose,
                every_days,
                years: (end - d.start_day) / 364.0,
                // + 0.0: a line that ends at week 0 stopped 0 weeks before it, not "-0".
                stopped_weeks_ago: -end / 7.0 + 0.0,
            })
    }

    /// Every line of a history, when the editor can read each.
    fn read(history: &[Dosing]) -> Option<Vec<OwnTherapy>> {
        (!history.is_empty()).then(|| history.iter().map(OwnTherapy::read_line).collect()).flatten()
    }

    /// The history line: whole dosing intervals, ending `stopped_weeks_ago` before week 0.
    fn dosing(self) -> Dosing {
        let end = -7.0 * self.stopped_weeks_ago;
        let doses = (self.years * 364.0 / self.every_days).round().max(1.0);
        Dosing {
            dose: self.dose,
            every_days: Some(self.every_days),
            start_day: end - doses * self.every_days,
            end_day: Some(end),
            ..common_regimen(self.agent, 0.0)
        }
    }

    /// A product's usual therapy, for a year, stopped at week 0.
    fn usual(agent: Agent) -> OwnTherapy {
        let d = common_regimen(agent, 0.0);
        OwnTherapy { agent, dose: d.dose, every_days: d.every_days.unwrap_or(7.0), years: 1.0, stopped_weeks_ago: 0.0 }
    }
}

/// Plain words for a scenario's history: a choice's description, or its lines.
pub fn describe_history(s: &Scenario) -> Option<String> {
    if s.history.is_empty() {
        return None;
    }
    Some(match PriorTrt::recognise(&s.history) {
        Some(p) => p.describe(),
        // The timeline's words: how long, and when it stopped.
        None => s.history.iter().map(|d| super::timeline::dosing_words(d, 0.0)).collect::<Vec<_>>().join("; "),
    })
}

/// The select for the history before week 0.
#[component]
pub fn PriorTrtChoice(
    /// The scenario whose history the choice sets.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    // The editor stays open once asked for, while the history is one it can read.
    let own_open = RwSignal::new(false);
    let own = Memo::new(move |_| scenario.with(|s| OwnTherapy::read(&s.history)));
    let chosen = Memo::new(move |_| {
        scenario.with(|s| {
            if s.history.is_empty() {
                NONE.to_string()
            } else {
                let choice =
                    PriorTrt::recognise(&s.history).and_then(|p| PRIOR_TRT_CHOICES.iter().position(|c| *c == p));
                match choice {
                    Some(i) if !own_open.get() => i.to_string(),
                    _ if OwnTherapy::read(&s.history).is_some() => OWN.to_string(),
                    _ => OTHER.to_string(),
                }
            }
        })
    });
    let other = move || {
        (chosen.get() == OTHER).then(|| {
            let words = scenario.with(describe_history).unwrap_or_default();
            view! { <option value=OTHER selected=true>{say("As in the link: {words}", &[("words", &words)])}</option> }
        })
    };
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        let history = match value.as_str() {
            NONE => Vec::new(),
            // The editor starts from the therapy in force, or a year of the usual cypionate.
            OWN => {
                own_open.set(true);
                match scenario.with_untracked(|s| OwnTherapy::read(&s.history)) {
                    Some(lines) => lines.into_iter().map(OwnTherapy::dosing).collect(),
                    None => vec![OwnTherapy::usual(Agent::TestosteroneCypionate).dosing()],
                }
            }
            v => match v.parse::<usize>().ok().and_then(|i| PRIOR_TRT_CHOICES.get(i)) {
                Some(p) => {
                    own_open.set(false);
                    vec![p.dosing()]
                }
                // "As in the link" keeps the history it describes.
                None => return,
            },
        };
        if let Err(e) = super::try_edit(scenario, |s| s.history = history) {
            error.set(Some(e));
        }
    };
    // Writes the lines as the history, or says why the scenario refuses them (and keeps it as it was).
    let write = move |lines: Vec<OwnTherapy>| {
        let history: Vec<Dosing> = lines.into_iter().map(OwnTherapy::dosing).collect();
        if history.iter().any(|d| d.start_day < MIN_HISTORY_DAY) {
            let max_years = (-MIN_HISTORY_DAY / 364.0).floor();
            return Err(say(
                "therapy before week 0 may reach back {years} years at most, stop included",
                &[("years", &format!("{max_years:.0}"))],
            ));
        }
        super::try_edit(scenario, |s| s.history = history)?;
        error.set(None);
        Ok(())
    };
    // Each field rewrites its line; a change the scenario refuses is said and not taken.
    let edit = move |line: usize, f: fn(&mut OwnTherapy, f64)| {
        Callback::new(move |v: Option<f64>| {
            let Some(v) = v else { return Err(t("type a number").to_string()) };
            let Some(mut lines) = own.get_untracked() else { return Err(t("no therapy to change").to_string()) };
            let Some(own) = lines.get_mut(line) else { return Err(t("no therapy to change").to_string()) };
            f(own, v);
            if own.years <= 0.0 || own.dose <= 0.0 || own.every_days <= 0.0 || own.stopped_weeks_ago < 0.0 {
                return Err(t("this is above zero").to_string());
            }
            write(lines)
        })
    };
    let field = move |line: usize, f: fn(&OwnTherapy) -> f64| {
        Signal::derive(move || own.with(|o| o.as_ref().and_then(|o| o.get(line)).map(f)))
    };
    let still_on = move |line: usize| {
        own.with(|o| o.as_ref().and_then(|o| o.get(line)).is_none_or(|l| l.stopped_weeks_ago == 0.0))
    };
    let line_editor = move |i: usize, line: OwnTherapy| {
        let product = move |ev| {
            let key = event_target_value(&ev);
            let Some(agent) = own_agents().find(|a| a.key() == key) else { return };
            let Some(mut lines) = own.get_untracked() else { return };
            let usual = OwnTherapy::usual(agent);
            if let Some(l) = lines.get_mut(i) {
                *l = OwnTherapy { agent, dose: usual.dose, every_days: usual.every_days, ..*l };
            }
            if let Err(e) = write(lines) {
                error.set(Some(e));
            }
        };
        let remove = move |_| {
            let Some(mut lines) = own.get_untracked() else { return };
            lines.remove(i);
            if let Err(e) = write(lines) {
                error.set(Some(e));
            }
        };
        // The dose's unit is an English text of the catalogue: say() translates it.
        let unit = common_regimen(line.agent, 0.0).unit.label();
        view! {
            <fieldset class="prior-line">
                <legend>{say("Line {n}", &[("n", &(i + 1))])}</legend>
                <label class="field">
                    <span>{t("Drug")}</span>
                    <select aria-label=say("Line {n} drug", &[("n", &(i + 1))]) on:change=product>
                        {own_agents()
                            .map(|a| view! { <option value=a.key() selected=a == line.agent>{t(a.display_name())}</option> })
                            .collect_view()}
                    </select>
                </label>
                <TypedNumber label=say("Dose ({unit})", &[("unit", &unit)]) value=field(i, |o| o.dose) set=edit(i, |o, v| o.dose = v) error=error />
                <IntervalChoice aria=say("Line {n} every", &[("n", &(i + 1))]) value=field(i, |o| o.every_days) set=edit(i, |o, v| o.every_days = v) error=error />
                <TypedNumber label=t("For (years)").to_string() value=field(i, |o| o.years) set=edit(i, |o, v| o.years = v) error=error />
                // Still on it is a choice, not "stopped 0 weeks before": the weeks show only once it stopped earlier.
                <label class="field">
                    <span>{t("At week 0")}</span>
                    <select
                        aria-label=say("Line {n} at week 0", &[("n", &(i + 1))])
                        on:change=move |ev| {
                            let weeks = if event_target_value(&ev) == "stopped" { STOPPED_WEEKS_FIRST } else { 0.0 };
                            if let Err(e) = edit(i, |o, v| o.stopped_weeks_ago = v).run(Some(weeks)) {
                                error.set(Some(e));
                            }
                        }
                    >
                        <option value="on" prop:selected=move || still_on(i)>{t("still on it (stops at week 0)")}</option>
                        <option value="stopped" prop:selected=move || !still_on(i)>{t("stopped before week 0")}</option>
                    </select>
                </label>
                <Show when=move || !still_on(i)>
                    <TypedNumber
                        label=t("Stopped (weeks before week 0)").to_string()
                        value=field(i, |o| o.stopped_weeks_ago)
                        set=edit(i, |o, v| o.stopped_weeks_ago = v)
                        error=error
                    />
                </Show>
                <button type="button" class="remove" on:click=remove>{say("Remove line {n}", &[("n", &(i + 1))])}</button>
            </fieldset>
        }
    };
    let add_line = move |_| {
        let Some(mut lines) = own.get_untracked() else { return };
        lines.push(OwnTherapy::usual(Agent::TestosteroneCypionate));
        if let Err(e) = write(lines) {
            error.set(Some(e));
        }
    };
    // One editor per line: rebuilt when a line's drug changes or lines come and go, not on every number.
    let shape = Memo::new(move |_| own.with(|o| o.as_ref().map(|o| o.iter().map(|l| l.agent).collect::<Vec<_>>())));
    let editor = move || {
        let agents = shape.get().filter(|_| chosen.get() == OWN)?;
        let lines = own.get_untracked().unwrap_or_default();
        Some(view! {
            <div class="prior-own" data-testid="prior-own">
                {lines.into_iter().take(agents.len()).enumerate().map(|(i, l)| line_editor(i, l)).collect_view()}
                <button type="button" on:click=add_line>{t("Add a line before week 0")}</button>
                <Show when=move || error.get().is_some()>
                    <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
                </Show>
            </div>
        })
    };
    view! {
        <label class="field history">
            <span>{t("Testosterone therapy before week 0")}</span>
            <select data-testid="prior-trt" on:change=on_change>
                <option value=NONE selected=move || chosen.get() == NONE>{t("None")}</option>
                {PRIOR_TRT_CHOICES
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let value = i.to_string();
                        let selected = {
                            let value = value.clone();
                            move || chosen.get() == value
                        };
                        view! { <option value=value selected=selected>{say("{choice}, then stopped", &[("choice", &p.choice_words())])}</option> }
                    })
                    .collect_view()}
                <option value=OWN selected=move || chosen.get() == OWN>{t("Your own: each drug, dose, years, when stopped")}</option>
                {other}
            </select>
        </label>
        {editor}
    }
}
