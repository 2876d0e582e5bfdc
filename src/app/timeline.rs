//! A strip above the chart showing when each drug is on, so phases read at a glance.

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
    view! {
        <ol class="timeline" aria-label="When each drug is given" data-testid="timeline">
            {bars}
        </ol>
    }
}

/// A line's drug and whole span in weeks ("hCG weeks 0 to 16"), even where the strip shows only its end.
pub fn dosing_words(d: &Dosing, last_day: f64) -> String {
    let whole_end = d.end_day.unwrap_or(d.start_day + 1.0).min(last_day);
    format!("{} weeks {:.0} to {:.0}", d.agent.display_name(), d.start_day / 7.0, whole_end / 7.0)
}
