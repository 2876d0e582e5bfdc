//! About you: the man the page simulates. Age, weight and height, the condition, and the untreated labs
//! if known, in the units the page shows. The page calibrates that man (as `hpg-sim` does) and says how
//! closely his labs were matched.

use super::typed::TypedNumber;
use crate::model::engine::simulate::LabMatch;
use crate::model::lang::{say, t};
use crate::model::scenario::{Baseline, Condition, Subject};
use crate::model::{Output, Scenario, Units};
use leptos::prelude::*;

/// A matched lab within this share of its target counts as matched.
const MATCHED_SHARE: f64 = 0.05;

const CONDITIONS: [(Condition, &str, &str); 3] = [
    (Condition::Eugonadal, "eugonadal", "Healthy axis (eugonadal)"),
    (Condition::SecondaryHypogonadism, "secondary", "Secondary hypogonadism (low LH and T from the brain)"),
    (Condition::GnrhDeficient, "gnrh_deficient", "GnRH deficiency (no GnRH pulses of his own)"),
];

/// Where one untreated lab lives in `Baseline`.
type LabField = fn(&mut Baseline) -> &mut Option<f64>;

/// The untreated labs a person can enter.
const LABS: [(Output, LabField); 5] = [
    (Output::TotalT, |b| &mut b.total_t_ng_dl),
    (Output::Lh, |b| &mut b.lh_iu_l),
    (Output::Fsh, |b| &mut b.fsh_iu_l),
    (Output::E2, |b| &mut b.e2_pg_ml),
    (Output::Shbg, |b| &mut b.shbg_nmol_l),
];

/// "a 40-year-old man of 80 kg (BMI 25), healthy axis".
pub fn subject_words(s: &Subject) -> String {
    let condition = CONDITIONS.iter().find(|c| c.0 == s.condition).map_or("", |c| t(c.2));
    say(
        "{age} years, {weight} kg, BMI {bmi}; {condition}",
        &[
            ("age", &format!("{:.0}", s.age_years)),
            ("weight", &format!("{:.0}", s.weight_kg)),
            ("bmi", &format!("{:.1}", s.bmi)),
            ("condition", &condition.to_lowercase()),
        ],
    )
}

/// Height in cm from weight and BMI.
fn height_cm(s: &Subject) -> f64 {
    (s.weight_kg / s.bmi).sqrt() * 100.0
}

fn shown(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Applies a change to the subject if the scenario stays valid.
fn edit_subject(scenario: RwSignal<Scenario>, edit: impl FnOnce(&mut Subject)) -> Result<(), String> {
    super::try_edit(scenario, |s| edit(&mut s.subject))
}

/// The "About you" panel.
#[component]
pub fn AboutYou(
    scenario: RwSignal<Scenario>,
    units: RwSignal<Units>,
    /// How closely the calibrated man meets the labs asked for.
    matches: Memo<Vec<LabMatch>>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let subject = Memo::new(move |_| scenario.with(|s| s.subject.clone()));
    let number = move |label: &str, get: fn(&Subject) -> f64, set: fn(&mut Subject, f64)| {
        view! {
            <TypedNumber
                label=label.to_string()
                value=Signal::derive(move || Some(get(&subject.get())))
                set=Callback::new(move |v: Option<f64>| match v {
                    Some(v) => edit_subject(scenario, |s| set(s, v)),
                    None => Err(t("type a number").into()),
                })
                error=error
            />
        }
    };
    let labs = move || {
        let u = units.get();
        LABS.into_iter()
            .map(|(o, field)| {
                // Labs are kept in conventional units; the field shows the page's units.
                let per = u.convert_conventional(o, 1.0);
                view! {
                    <TypedNumber
                        label=format!("{} ({})", t(o.label()), t(o.unit(u)))
                        optional=true
                        value=Signal::derive(move || (*field(&mut subject.get().baseline)).map(|v| v * per))
                        set=Callback::new(move |v: Option<f64>| {
                            if v.is_some_and(|v| v <= 0.0) {
                                return Err(t("a lab value is above zero").into());
                            }
                            edit_subject(scenario, |s| *field(&mut s.baseline) = v.map(|v| v / per))
                        })
                        error=error
                    />
                }
            })
            .collect_view()
    };
    let match_words = move || {
        let u = units.get();
        // Only the labs the person gave: the calibration also meets typical values for the others.
        let given = |o: Output| {
            LABS.iter().any(|(lab, field)| *lab == o && field(&mut subject.get_untracked().baseline).is_some())
        };
        matches.with(|m| {
            m.iter()
                .filter_map(|m| {
                    let o = Output::from_key(m.lab).filter(|&o| given(o))?;
                    let close = m.relative_error().abs() <= MATCHED_SHARE;
                    // The calibration reports each lab in its conventional unit.
                    let (target, got) = (u.convert_conventional(o, m.target), u.convert_conventional(o, m.achieved));
                    // The lab's name and unit are English texts of the catalogue: say() translates them.
                    let (lab, target, got, unit) = (o.label(), shown(target), shown(got), o.unit(u));
                    let args: [(&str, &dyn std::fmt::Display); 4] =
                        [("lab", &lab), ("target", &target), ("got", &got), ("unit", &unit)];
                    Some(if close {
                        say("{lab}: asked {target}, simulated {got} {unit} (matched)", &args)
                    } else {
                        say("{lab}: asked {target}, simulated {got} {unit} (could not be matched closely)", &args)
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    // What the calibration assumes where the person gave nothing to match.
    let assumed = move || {
        subject.with(|s| match s.condition {
            Condition::SecondaryHypogonadism if s.baseline.total_t_ng_dl.is_none() && s.baseline.lh_iu_l.is_none() => {
                Some(t(
                    "No T or LH given: his untreated total T is set to 250 ng/dL, a typical secondary hypogonadism.",
                ))
            }
            Condition::GnrhDeficient => {
                Some(t("No GnRH of his own: untreated, his LH, FSH and T are those of a man without pulses."))
            }
            _ => None,
        })
    };
    view! {
        <section class="about" aria-label=t("About you")>
            <details class="about-fold">
                <summary>
                    <h2>{t("About you")}</h2>
                    <span class="about-summary">{move || subject.with(subject_words)}</span>
                </summary>
                <p class="about-note">{t("The man the charts simulate. Untreated labs are optional: leave a field empty if you do not know it.")}</p>
                <div class="about-fields">
                    {number(t("Age (years)"), |s| s.age_years, |s, v| s.age_years = v)}
                    {number(t("Weight (kg)"), |s| s.weight_kg, |s, v| {
                        // Weight changes at the same height: BMI follows.
                        let h = height_cm(s) / 100.0;
                        s.weight_kg = v;
                        s.bmi = v / (h * h);
                    })}
                    // Shown as typed, to the millimetre: the scenario keeps BMI, which reads back 178.8854 for 178.9.
                    {number(t("Height (cm)"), |s| (height_cm(s) * 10.0).round() / 10.0, |s, v| s.bmi = s.weight_kg / (v / 100.0).powi(2))}
                    <label class="field">
                        <span>{t("Condition")}</span>
                        <select on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(c) = CONDITIONS.iter().find(|c| c.1 == value) {
                                error.set(edit_subject(scenario, |s| s.condition = c.0).err());
                            }
                        }>
                            {CONDITIONS
                                .into_iter()
                                .map(|(c, value, words)| view! { <option value=value selected=move || subject.with(|s| s.condition == c)>{t(words)}</option> })
                                .collect_view()}
                        </select>
                    </label>
                </div>
                <h3>{t("Untreated labs, if known")}</h3>
                <div class="about-fields">{labs}</div>
                <Show when=move || error.get().is_some()>
                    <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
                </Show>
                <ul class="about-matches" data-testid="lab-matches">
                    {move || match_words().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                    {move || assumed().map(|w| view! { <li>{w}</li> })}
                </ul>
            </details>
        </section>
    }
}
