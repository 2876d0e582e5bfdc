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
