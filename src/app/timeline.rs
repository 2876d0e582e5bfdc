//! A strip above the chart showing when each drug is on, so phases read at a glance.

use crate::model::lang::{say, t};
use crate::model::{Dosing, Scenario};
use leptos::prelude::*;

/// One bar per dosing line, positioned on the same time span as the chart.
#[component]
pub fn Timeline(
    /// The scenario whose lines are drawn.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let bars = move || {
        scenario.with(|s| {
            let (first, last) = (s.first_shown_day(), s.horizon_days);
            let span = (last - first).max(1e-9);
            s.dosings()
                .filter(|d| d.end_day.unwrap_or(d.start_day + 1.0) > first)
                .map(|d| {
                    let start = d.start_day.max(first);
                    let end = d.end_day.unwrap_or(d.start_day + 1.0).min(last).max(start);
                    let left = 100.0 * (start - first) / span;
                    let width = (100.0 * (end - start) / span).max(0.6);
                    let text = dosing_words(d, last);
                    let at_end = left > 50.0;
                    let title = text.clone();
                    view! {
                        <li class="bar" class:end=at_end style:left=format!("{left:.2}%") style:width=format!("{width:.2}%") title=title>
                            <span>{text}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    // A phone's strip is too narrow for the words on the bars: there they are a list under it instead.
    let words = move || {
        scenario.with(|s| {
            let first = s.first_shown_day();
            s.dosings()
                .filter(|d| d.end_day.unwrap_or(d.start_day + 1.0) > first)
                .map(|d| view! { <li>{dosing_words(d, s.horizon_days)}</li> })
                .collect_view()
        })
    };
    view! {
        <ol class="timeline" aria-label=t("When each drug is given") data-testid="timeline">
            {bars}
        </ol>
        <ul class="timeline-words" aria-label=t("When each drug is given")>
            {words}
        </ul>
    }
}

/// A line's drug and whole span, even where the strip shows only its end: "hCG weeks 0 to 16", and for
/// therapy before week 0 how long it lasted and when it stopped ("Testosterone cypionate 3 years, stopped
/// 4 weeks before week 0").
pub fn dosing_words(d: &Dosing, last_day: f64) -> String {
    let whole_end = d.end_day.unwrap_or(d.start_day + 1.0).min(last_day);
    // The drug's name is an English text of the catalogue: say() translates it.
    let name = d.agent.display_name();
    if d.start_day >= 0.0 || whole_end > 0.0 {
        let (from, to) = (format!("{:.0}", d.start_day / 7.0), format!("{:.0}", whole_end / 7.0));
        return say("{name} weeks {from} to {to}", &[("name", &name), ("from", &from), ("to", &to)]);
    }
    let stopped = match (-whole_end / 7.0).round() {
        w if w < 1.0 => t("stopped at week 0").to_string(),
        1.0 => t("stopped 1 week before week 0").to_string(),
        w => say("stopped {w} weeks before week 0", &[("w", &format!("{w:.0}"))]),
    };
    say(
        "{name} {duration}, {stopped}",
        &[("name", &name), ("duration", &duration_words(whole_end - d.start_day)), ("stopped", &stopped)],
    )
}

/// "3 years", "18 months", "6 weeks".
fn duration_words(days: f64) -> String {
    let (years, months, weeks) = ((days / 365.25 * 2.0).round() / 2.0, (days / 30.44).round(), (days / 7.0).round());
    // "{n} year" / "{n} years" and so on, texts of the catalogue.
    let plural = |n: f64, one: &'static str, many: &'static str| say(if n == 1.0 { one } else { many }, &[("n", &n)]);
    if days >= 700.0 {
        plural(years, "{n} year", "{n} years")
    } else if days >= 350.0 && (years - 1.0).abs() < 1e-9 {
        plural(1.0, "{n} year", "{n} years")
    } else if days >= 56.0 {
        plural(months, "{n} month", "{n} months")
    } else {
        plural(weeks, "{n} week", "{n} weeks")
    }
}
