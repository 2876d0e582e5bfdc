//! A field a person types a number into. Text, not `type=number`: a number field silently drops what it
//! cannot read (and reads "2,5" by the browser's locale), where this page must refuse it in words. A
//! refused value never takes effect: the field goes back to the value in force and says why.

use crate::model::lang::{number, say, t};
use crate::model::units::parse_typed_number;
use leptos::prelude::*;

/// A value as the field shows it: up to four decimals, without trailing zeros.
pub fn format_typed(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One typed number. An optional field may be emptied (`None`: "not known").
#[component]
pub fn TypedNumber(
    /// Visible label.
    label: String,
    /// The accessible name, when it says more than the label (the drug a dose belongs to).
    #[prop(optional)]
    aria: Option<String>,
    /// The value in force; `None` shows an empty field.
    value: Signal<Option<f64>>,
    /// Writes a typed value; returns the problem in words if it is refused.
    set: Callback<Option<f64>, Result<(), String>>,
    /// Whether an empty field is a value ("not known") rather than a mistake.
    #[prop(optional)]
    optional: bool,
    /// Where a refused value's reason is shown.
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let name = label.clone();
    // Shown with the page's decimal mark (both marks are read back).
    let shown = move || value.get_untracked().map(|v| number(format_typed(v)));
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                inputmode="decimal"
                aria-label=aria
                prop:value=move || value.get().map(|v| number(format_typed(v))).unwrap_or_default()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    let typed = if optional && text.trim().is_empty() { Ok(None) } else { parse_typed_number(&text).map(Some) };
                    match typed.and_then(|v| set.run(v)) {
                        Ok(()) => error.set(None),
                        Err(why) => {
                            event_target::<web_sys::HtmlInputElement>(&ev).set_value(&shown().unwrap_or_default());
                            let kept = shown().unwrap_or_else(|| t("empty").into());
                            error.set(Some(say(
                                "{name} {typed}: {why}; kept {kept}.",
                                &[("name", &name), ("typed", &text.trim()), ("why", &why), ("kept", &kept)],
                            )));
                        }
                    }
                }
            />
        </label>
    }
}

/// Intervals between doses as people name them, in days: "3 times a week" is a choice, not 2.33 typed.
const NAMED_INTERVALS: [(f64, &str); 11] = [
    (1.0, "daily"),
    (2.0, "every other day"),
    (7.0 / 3.0, "3 times a week"),
    (3.5, "twice a week"),
    (7.0, "weekly"),
    (10.0, "every 10 days"),
    (14.0, "every 2 weeks"),
    (21.0, "every 3 weeks"),
    (28.0, "every 4 weeks"),
    (70.0, "every 10 weeks"),
    (84.0, "every 12 weeks"),
];

/// The named interval `days` is, if any (links keep four decimals: 2.3333 is 3 times a week).
fn named_interval(days: f64) -> Option<usize> {
    NAMED_INTERVALS.iter().position(|(d, _)| (d - days).abs() < 5e-4)
}

/// How often a dose is given: a named interval, or "other" with the days typed.
#[component]
pub fn IntervalChoice(
    /// The accessible name of the choice (the drug it belongs to); the typed days add " (days)".
    aria: String,
    /// The interval in force, days.
    value: Signal<Option<f64>>,
    /// Writes an interval; returns the problem in words if it is refused.
    set: Callback<Option<f64>, Result<(), String>>,
    /// Where a refused value's reason is shown.
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    // "Other" was chosen: the typed field shows even while the value is still a named one.
    let typing = RwSignal::new(false);
    let other = move || typing.get() || value.get().is_some_and(|v| named_interval(v).is_none());
    let chosen = move |i: usize| !other() && value.get().and_then(named_interval) == Some(i);
    let days_aria = format!("{aria} (days)");
    view! {
        <label class="field">
            <span>{t("Every")}</span>
            <select
                aria-label=aria
                on:change=move |ev| {
                    let picked = event_target_value(&ev);
                    let Some(&(days, _)) = picked.parse::<usize>().ok().and_then(|i| NAMED_INTERVALS.get(i)) else {
                        typing.set(true);
                        return;
                    };
                    typing.set(false);
                    match set.run(Some(days)) {
                        Ok(()) => error.set(None),
                        Err(why) => error.set(Some(why)),
                    }
                }
            >
                {NAMED_INTERVALS
                    .iter()
                    .enumerate()
                    .map(|(i, (_, words))| view! { <option value=i.to_string() prop:selected=move || chosen(i)>{t(words)}</option> })
                    .collect_view()}
                <option value="other" prop:selected=other>{t("other (days)")}</option>
            </select>
        </label>
        <Show when=other>
            <TypedNumber label=t("Every (days)").to_string() aria=days_aria.clone() value=value set=set error=error />
        </Show>
    }
}
