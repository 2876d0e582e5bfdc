//! One row per agent: an on/off switch named after the drug, and its regimen (dose, interval, weeks).

use super::try_edit;
use super::typed::{format_typed, IntervalChoice, TypedNumber};
use crate::model::lang::{number, say, t};
use crate::model::scenario::presets::{common_regimen, regimen_by_route};
use crate::model::{Agent, Dosing, Route, Scenario};
use leptos::prelude::*;

/// The switch and regimen of one agent.
#[component]
pub fn AgentRow(
    /// The scenario this row edits.
    scenario: RwSignal<Scenario>,
    /// The agent.
    agent: Agent,
) -> impl IntoView {
    let id = format!("switch-{}", agent.key().replace('_', "-"));
    let line = move || scenario.with(|s| s.regimen.iter().find(|d| d.agent == agent).cloned());
    let on = move || line().is_some();
    let error = RwSignal::new(None::<String>);
    let toggle = move |checked: bool| {
        let result = try_edit(scenario, |s| {
            s.regimen.retain(|d| d.agent != agent);
            if checked {
                s.regimen.push(common_regimen(agent, s.horizon_days));
            }
        });
        error.set(result.err());
    };
    let edit = move |f: fn(&mut Dosing, f64)| {
        Callback::new(move |v: Option<f64>| {
            let Some(v) = v else { return Err(t("type a number").to_string()) };
            try_edit(scenario, |s| {
                if let Some(d) = s.regimen.iter_mut().find(|d| d.agent == agent) {
                    f(d, v);
                }
            })
        })
    };
    // Weeks are checked in weeks, so a refusal speaks the field's unit, not the scenario's days.
    let edit_week = move |f: fn(&mut Dosing, f64)| {
        Callback::new(move |week: Option<f64>| {
            let Some(week) = week else { return Err(t("type a number").to_string()) };
            let last = scenario.with_untracked(|s| s.horizon_days / 7.0);
            if week < 0.0 {
                return Err(t("drugs here start at week 0 or later (therapy before week 0 is the choice above)").into());
            }
            if week > last {
                return Err(say("the chart ends at week {last}", &[("last", &format!("{last:.0}"))]));
            }
            edit(f).run(Some(week))
        })
    };
    let get = move |f: fn(&Dosing) -> f64| Signal::derive(move || line().map(|d| f(&d)));
    let aria = move |label: &'static str| format!("{} {}", t(agent.display_name()), t(label).to_lowercase());
    let unit = move || line().map(|d| t(d.unit.label())).unwrap_or("");
    // A dose far outside what studies used is taken (it may be meant) but said, where it was typed.
    let unusual = move || {
        let d = line().filter(|d| agent.dose_is_unusual(d.unit, d.dose))?;
        let (lo, hi) = agent.studied_doses(d.unit);
        Some(say(
            "{dose} {unit} is far from the doses studies of {agent} used ({lo} to {hi} {unit} a dose). Check the \
             number: a comma is read as a decimal mark.",
            &[
                ("dose", &number(format_typed(d.dose))),
                ("unit", &t(d.unit.label())),
                ("agent", &t(agent.display_name())),
                ("lo", &number(format_typed(lo))),
                ("hi", &number(format_typed(hi))),
            ],
        ))
    };
    let routes = agent.routes();
    let route_picker = move || {
        (routes.len() > 1).then(|| {
            let options = routes
            .iter()
            .map(|&r| {
                let label = match r {
                    Route::Im => "IM injection",
                    Route::Sc => "SC injection",
                    Route::ScPump => "Pump (pulses)",
                    Route::ScInfusion => "Continuous infusion",
                    Route::Oral => "By mouth",
                    Route::Transdermal => "On the skin",
                };
                view! { <option value=r.key() selected=move || line().is_some_and(|d| d.route == r)>{t(label)}</option> }
            })
            .collect_view();
            view! {
                <label class="field">
                    <span>{t("Route")}</span>
                    <select
                        aria-label=say("{agent} route", &[("agent", &agent.display_name())])
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            let Some(&route) = routes.iter().find(|r| r.key() == key) else { return };
                            let result = try_edit(scenario, |s| {
                                if let Some(d) = s.regimen.iter_mut().find(|d| d.agent == agent) {
                                    let (start, end) = (d.start_day, d.end_day);
                                    *d = regimen_by_route(agent, route, s.horizon_days)
                                        .unwrap_or_else(|| Dosing { route, ..d.clone() });
                                    d.start_day = start;
                                    d.end_day = end;
                                }
                            });
                            error.set(result.err());
                        }
                    >
                        {options}
                    </select>
                </label>
            }
        })
    };
    view! {
        <div class="agent" class:on=on>
            <div class="agent-head">
                <input
                    type="checkbox"
                    role="switch"
                    id=id.clone()
                    prop:checked=on
                    aria-checked=move || on().to_string()
                    on:change=move |ev| toggle(event_target_checked(&ev))
                />
                <label for=id>
                    <span class="agent-name">{t(agent.display_name())}</span>
                    <span class="agent-detail">{t(agent.entry().role)}</span>
                </label>
            </div>
            <div class="agent-explain">
                <crate::app::explain::Explain topic=crate::app::explain::Topic::Agent(agent) />
            </div>
            <Show when=on>
                <div class="agent-regimen">
                    <TypedNumber
                        label=t("Dose").to_string()
                        aria=aria("Dose")
                        value=get(|d| d.dose)
                        set=edit(|d, v| d.dose = v)
                        error=error
                    />
                    <span class="unit">{unit}</span>
                    // A pump's pulses are minutes apart and typed; doses days apart are a named choice.
                    <Show when=move || line().is_some_and(|d| d.every_minutes.is_some())>
                        <TypedNumber
                            label=t("Every (min)").to_string()
                            aria=aria("Every (min)")
                            value=get(|d| d.every_minutes.unwrap_or(90.0))
                            set=edit(|d, v| d.every_minutes = Some(v))
                            error=error
                        />
                    </Show>
                    <Show when=move || line().is_some_and(|d| !d.is_infusion() && d.every_minutes.is_none())>
                        <IntervalChoice
                            aria=format!("{} {}", t(agent.display_name()), t("every"))
                            value=get(|d| d.every_days.unwrap_or(1.0))
                            set=edit(|d, v| d.every_days = Some(v))
                            error=error
                        />
                    </Show>
                    <TypedNumber
                        label=t("From week").to_string()
                        aria=aria("From week")
                        value=get(|d| d.start_day / 7.0)
                        set=edit_week(|d, v| d.start_day = v * 7.0)
                        error=error
                    />
                    <TypedNumber
                        label=t("To week").to_string()
                        aria=aria("To week")
                        value=get(|d| d.end_day.unwrap_or(0.0) / 7.0)
                        set=edit_week(|d, v| d.end_day = Some(v * 7.0))
                        error=error
                    />
                    {route_picker()}
                </div>
            </Show>
            <Show when=move || error.get().is_some()>
                <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
            </Show>
            <Show when=move || on() && unusual().is_some()>
                <p class="field-warning" role="status">{unusual}</p>
            </Show>
        </div>
    }
}
