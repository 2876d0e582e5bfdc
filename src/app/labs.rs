//! Labs at the weeks a clinician would draw them, plain-word flags, and key outcomes in words.

use super::explain::{plain, use_depth};
use super::spread::SpreadView;
use crate::model::lang::{self, say, t};
use crate::model::scenario::draws::{Draw, DrawTiming};
use crate::model::units::{format_weeks, parse_weeks};
use crate::model::words::events::{self, Event, Flag};
use crate::model::words::narrative;
use crate::model::{Output, Trajectory, Units};
use leptos::prelude::*;
use std::sync::Arc;

/// The labs in the table, in order (intratesticular T is no clinical lab, but the table is also the
/// chart's text alternative).
const LABS: [Output; 9] = [
    Output::TotalT,
    Output::FreeT,
    Output::E2,
    Output::Lh,
    Output::Fsh,
    Output::Shbg,
    Output::InhibinB,
    Output::Sperm,
    Output::Itt,
];

pub use crate::model::units::format_value as fmt;

/// The lab table as CSV: one row per lab, a column per draw week, units in their own column; a first row
/// gives the day each draw is taken (it moves within an injection cycle when the draws are timed). The lab
/// table of each plan in one CSV: with more than one plan, a first column `plan` names each row's
/// plan (A, B) and each plan has its own `drawn on day` row (its injection cycle times its draws).
pub fn plans_labs_csv(plans: &[(&str, &Trajectory, &[Draw])], units: Units) -> String {
    let named = plans.len() > 1;
    let lead = |plan: &str| if named { format!("{plan},") } else { String::new() };
    let mut s = format!("{}lab,unit,range_low,range_high", if named { "plan," } else { "" });
    for d in plans.first().map_or(&[][..], |p| p.2) {
        s.push_str(&format!(",week_{}", d.week));
    }
    s.push('\n');
    for &(plan, t, draws) in plans {
        s.push_str(&format!("{}drawn on day,day,,", lead(plan)));
        for d in draws {
            s.push_str(&format!(",{:.3}", d.day));
        }
        s.push('\n');
        for &o in LABS.iter() {
            let (lo, hi) = o
                .reference_range()
                .map(|(lo, hi)| {
                    (
                        units.convert_conventional(o, lo).to_string(),
                        if hi.is_finite() { units.convert_conventional(o, hi).to_string() } else { String::new() },
                    )
                })
                .unwrap_or_default();
            s.push_str(&format!("{}{},{},{lo},{hi}", lead(plan), o.label(), o.unit(units)));
            for d in draws {
                s.push_str(&format!(",{:.4}", o.display(t.at(o, d.day), units)));
            }
            s.push('\n');
        }
    }
    s
}

/// The draw timings offered, as (option value, words).
const TIMINGS: [(&str, &str); 6] = [
    ("scheduled", "as scheduled, wherever in the cycle"),
    ("trough", "at the trough, before the next dose (usual)"),
    ("1", "1 day after a dose"),
    ("2", "2 days after a dose"),
    ("3", "3 days after a dose"),
    ("4", "4 days after a dose"),
];

fn timing_from(value: &str) -> DrawTiming {
    match value {
        "trough" => DrawTiming::Trough,
        v => v.parse().map_or(DrawTiming::Scheduled, DrawTiming::DaysAfterInjection),
    }
}

/// The lab table: one row per lab, one column per draw week, with the reference range and marks.
#[component]
pub fn LabTable(
    /// The simulated course.
    #[prop(into)]
    trajectory: Signal<Arc<Trajectory>>,
    /// Display units.
    #[prop(into)]
    units: Signal<Units>,
    /// The draw weeks in force (the last valid entry); the table writes it, exports read it.
    weeks: RwSignal<Vec<f64>>,
    /// Where in an injection cycle the draws are taken; the table's choice.
    timing: RwSignal<DrawTiming>,
    /// The draws: the weeks, timed.
    #[prop(into)]
    draws: Signal<Vec<Draw>>,
    /// The spread between men, when it is on: each value gets its 10-90 % range.
    men: RwSignal<Option<Arc<SpreadView>>>,
) -> impl IntoView {
    let valid = weeks;
    let text = RwSignal::new(format_weeks(&weeks.get_untracked()));
    let weeks = Memo::new(move |_| parse_weeks(&text.get()));
    Effect::new(move |_| {
        if let Ok(w) = weeks.get() {
            valid.set(w);
        }
    });
    let header = move || {
        draws
            .get()
            .into_iter()
            .map(|d| {
                view! {
                    <th scope="col">
                        {say("Week {week}", &[("week", &d.week)])}
                        {d.cycle_words().map(|w| view! { <span class="draw-timing">{w}</span> })}
                    </th>
                }
            })
            .collect_view()
    };
    let rows = move || {
        let u = units.get();
        trajectory.with(|t| {
            LABS.iter()
                .map(|&o| {
                    let range = o.reference_range().map(|(lo, hi)| (u.convert_conventional(o, lo), u.convert_conventional(o, hi)));
                    let range_text = match range {
                        Some((lo, hi)) if hi.is_finite() => format!("{}-{}", fmt(lo), fmt(hi)),
                        Some((lo, _)) => format!(">= {}", fmt(lo)),
                        None => String::new(),
                    };
                    let cells = draws
                        .get()
                        .into_iter()
                        .map(|d| {
                            let v = o.display(t.at(o, d.day), u);
                            let mark = match range {
                                Some((lo, _)) if v < lo => Some(("low", "▼")),
                                Some((_, hi)) if v > hi => Some(("high", "▲")),
                                _ => None,
                            };
                            let range = men.with(|m| m.as_ref().and_then(|m| m.bands.range_at(o, d.day)));
                            let range = range.map(|(lo, hi)| format!("{}-{}", fmt(o.display(lo, u)), fmt(o.display(hi, u))));
                            view! {
                                <td class=mark.map(|m| m.0).unwrap_or("")>
                                    {fmt(v)}
                                    {mark.map(|(word, sym)| view! { <span aria-hidden="true">" "{sym}</span><span class="sr-only">{format!(" ({})", lang::t(word))}</span> })}
                                    {range.map(|r| view! { <span class="men-range"><span class="sr-only">{lang::t(" 10 to 90 % of men: ")}</span>{r}</span> })}
                                </td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{lang::t(o.label())}</th>
                            <td class="unit">{lang::t(o.unit(u))}</td>
                            <td class="range">{range_text}</td>
                            {cells}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    // Whether the table is wider than its box: heard from both, as the box follows the window and the table
    // its columns.
    let wrap_ref = NodeRef::<leptos::html::Div>::new();
    let table_ref = NodeRef::<leptos::html::Table>::new();
    let overflows = RwSignal::new(false);
    Effect::new(move |_| {
        let (Some(wrap), Some(table)) = (wrap_ref.get(), table_ref.get()) else { return };
        let measured = wrap.clone();
        super::dom::observe_resize(&[&wrap, &table], move |_| {
            overflows.set(measured.scroll_width() > measured.client_width());
        });
    });
    view! {
        <section class="labs" aria-label=t("Labs")>
            <h2>{t("Labs")}</h2>
            <label class="field weeks">
                <span>{t("Draw at weeks")}</span>
                <input type="text" prop:value=move || text.get() on:change=move |ev| text.set(event_target_value(&ev)) />
            </label>
            <label class="field timing">
                <span>{t("On injections, draw")}</span>
                <select on:change=move |ev| timing.set(timing_from(&event_target_value(&ev)))>
                    {TIMINGS
                        .into_iter()
                        .map(|(value, words)| view! { <option value=value selected=timing_from(value) == timing.get_untracked()>{t(words)}</option> })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || weeks.get().is_err()>
                <p class="field-error" role="alert">{move || weeks.get().err().unwrap_or_default()}</p>
            </Show>
            // Where the week columns do not fit (a phone, a narrow frame) the table scrolls sideways, and says so.
            <Show when=move || overflows.get()>
                <p class="scroll-hint">{t("The table scrolls sideways: swipe it to see every week.")}</p>
            </Show>
            // Focusable, so a keyboard can scroll it sideways where the columns do not fit.
            <div class="table-wrap" tabindex="0" role="region" aria-label=t("Simulated labs table") node_ref=wrap_ref>
                <table data-testid="labs" node_ref=table_ref>
                    <caption>
                        {t("Simulated labs (morning draw). ▲ above, ▼ below the adult male reference range.")}
                        {move || men.with(Option::is_some).then_some(t(" Small print: 10-90 % of men like this one."))}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Lab")}</th>
                            <th scope="col">{t("Unit")}</th>
                            <th scope="col">{t("Range")}</th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// Plan A's lab table as the page and an embed show it: its settled run, the page's units and draws, and the
/// spread between men when the band is on.
#[component]
pub fn PlanLabTable() -> impl IntoView {
    let (page, runs) = (super::state::use_page(), super::state::use_runs());
    view! {
        <LabTable
            trajectory=runs.settled
            units=page.units
            weeks=page.draw_weeks
            timing=page.draw_timing
            draws=runs.draws
            men=runs.spread.view
        />
    }
}

/// Key outcomes in words, and flags.
#[component]
pub fn Findings(
    /// The simulated course.
    #[prop(into)]
    trajectory: Signal<Arc<Trajectory>>,
) -> impl IntoView {
    let outcomes = move || trajectory.with(|t| events::derive(t));
    let flags = move || trajectory.with(|t| events::flags(t));
    let depth = use_depth();
    // Named as the curves in words name a day (`narrative::moment`): an event on day 2 is not "week 0", which
    // the lab table beside it uses for the day the course starts.
    let outcome_text = move |e: &Event| {
        let line = match narrative::moment(e.day) {
            narrative::Moment::Day(n) => say("Day {n}: {what}", &[("n", &n), ("what", &e.description)]),
            narrative::Moment::Week(week) => say("Week {week}: {what}", &[("week", &week), ("what", &e.description)]),
        };
        plain(&line, depth.get())
    };
    view! {
        <section class="findings" aria-label=t("Outcomes and flags")>
            <h2>{t("What happens")}</h2>
            <ul class="outcomes" data-testid="outcomes">
                {move || {
                    let list = outcomes();
                    if list.is_empty() {
                        view! { <li>{t("Every hormone stays in its usual range.")}</li> }.into_any()
                    } else {
                        list.iter().map(|e| view! { <li>{outcome_text(e)}</li> }).collect_view().into_any()
                    }
                }}
            </ul>
            <ul class="flags" data-testid="flags">
                {move || {
                    flags()
                        .into_iter()
                        .map(|f: Flag| view! {
                            <li class="flag" data-flag=f.key>
                                <strong>{plain(t(f.title), depth.get())}</strong>" "{plain(&f.detail, depth.get())}
                            </li>
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
