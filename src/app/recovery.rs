//! After testosterone therapy: when this man's LH, testosterone and sperm come back, in plain words, with
//! the numbers read from the simulated course and the why at the page's depth.

use super::explain::{plain, use_depth, DepthText};
use super::prior::describe_history;
use crate::model::engine::recovery::{self, Measure, Threshold, MEASURES};
use crate::model::lang::{say, t};
use crate::model::words::narrative::{moment, Moment};
use crate::model::{Output, Scenario, Trajectory};
use leptos::prelude::*;

const WHY: [&str; 3] = [
    "Recovery takes months, and longer after longer or heavier use: the brain's hormone signal and the cells of the \
     testes have to rebuild what years of testosterone switched off. Men differ a lot: some are back in three months, \
     some take more than a year, and a few never fully recover. Choose another length of therapy above to see the \
     difference. This is one average man, not a forecast for you.",
    "Published courses: after about two years of high-dose androgens LH took 9-11 months and sperm output 14 months to \
     return (Shankara-Narayana 2020); after a 13-week cycle testosterone was back at 3 months (Smit 2021); after a year \
     of enanthate 200 mg weekly sperm reached 20 million/mL at a median 14 weeks (Liu 2005); 27 % of former users still \
     had low testosterone 2.5 years later (Rasmussen 2016). Older age and longer use predict slower recovery (Kohn \
     2017). The curves are the model's average man; individual men vary widely around them. After years of use the \
     model's LH comes back sooner than in these studies (docs/MODEL.md §7.2).",
    "Recovery comes out of slow states (docs/MODEL.md §3.8): functional capacities that follow their activity within \
     weeks, and reserves - the GnRH generator's kisspeptin tone, Leydig cell number, spermatogonia - that are lost over \
     years of suppression (the generator's faster under supraphysiological steroid excess, the dose effect) and regrow \
     over months once the brake comes off. A depleted generator fires less often and less strongly, so LH stays \
     low-normal for months while T is still low; a depleted Leydig reserve keeps T low after LH is back.",
];

/// "at week 23", "on day 9" (as every view dates a day: `narrative::moment`) or "not within the 52 weeks shown".
fn when(day: Option<f64>, horizon_days: f64) -> String {
    match day.map(moment) {
        Some(Moment::Week(week)) => say("at week {week}", &[("week", &week)]),
        Some(Moment::Day(n)) => say("on day {n}", &[("n", &n)]),
        None => say("not within the {weeks} weeks shown", &[("weeks", &format!("{:.0}", horizon_days / 7.0))]),
    }
}

/// A measure's level in words for the man whose untreated values are `baseline`: the share of untreated, or
/// the level (his own, near his untreated value, when that was below the measure's).
fn level_words(m: &Measure, baseline: &[f64]) -> String {
    match m.threshold {
        Threshold::OfUntreated(share) => format!("{:.0}", share * 100.0),
        Threshold::Level(_) => format!("{:.0}", m.level(baseline)),
    }
}

/// Whether recovery means something: therapy before week 0 and no testosterone after it.
pub fn after_therapy(s: &Scenario) -> bool {
    !s.history.is_empty() && !s.regimen.iter().any(|d| d.agent.is_testosterone())
}

/// The sentence of numbers, or `None` when the scenario has no therapy before week 0 or goes on with
/// testosterone after it.
pub fn recovery_sentence(s: &Scenario, t: &Trajectory) -> Option<String> {
    if !after_therapy(s) {
        return None;
    }
    let history = describe_history(s)?;
    let r = recovery::of(t);
    let from = r.from?;
    let start = t.days.partition_point(|&d| d < 0.0);
    let tt = t.column(Output::TotalT);
    let (low_day, low) = (start..t.len())
        .map(|i| (t.days[i], Output::TotalT.to_conventional(tt[i])))
        .fold((0.0, f64::INFINITY), |a, b| if b.1 < a.1 { b } else { a });
    // An English text of the catalogue: say() gives it in the page's language.
    let drugs = if s.regimen.is_empty() { "with nothing to restart the axis" } else { "with the protocol from week 0" };
    let [lh, t_level, sperm] = MEASURES.map(|m| level_words(&m, &t.baseline));
    let (low_text, low_week) = (format!("{low:.0}"), format!("{:.0}", (low_day / 7.0).ceil()));
    // A testosterone that never falls below the measure's level is not "back" at a later week: it stays above.
    let t_clause = if low >= MEASURES[1].level(&t.baseline) {
        say(
            "total testosterone stays above {t_level} ng/dL (its lowest: {low} ng/dL in week {low_week})",
            &[("t_level", &t_level), ("low", &low_text), ("low_week", &low_week)],
        )
    } else {
        say(
            "total testosterone bottoms out at {low} ng/dL in week {low_week} and is back above {t_level} ng/dL {t_when}",
            &[("low", &low_text), ("low_week", &low_week), ("t_level", &t_level), ("t_when", &when(r.t, s.horizon_days))],
        )
    };
    Some(say(
        "After {history}, {drugs}, counted from {from} when his last testosterone or hCG has washed out: LH is back \
         to {lh_share} % of his untreated level {lh_when}; {t_clause}; sperm is back above {sperm_level} million/mL \
         {sperm_when}.",
        &[
            ("history", &history),
            ("drugs", &drugs),
            ("from", &crate::model::words::narrative::when(from)),
            ("lh_share", &lh),
            ("lh_when", &when(r.lh, s.horizon_days)),
            ("t_clause", &t_clause),
            ("sperm_level", &sperm),
            ("sperm_when", &when(r.sperm, s.horizon_days)),
        ],
    ))
}

/// The recovery panel: shown whenever the scenario starts after therapy that then stops.
#[component]
pub fn RecoveryStory(
    /// `recovery_sentence` of the page's scenario and course (the print view reads the same memo).
    sentence: Memo<Option<String>>,
) -> impl IntoView {
    let depth = use_depth();
    view! {
        <Show when=move || sentence.with(Option::is_some)>
            <section class="recovery" aria-label=t("Recovery after testosterone therapy") data-testid="recovery">
                <h2>{t("Recovery after testosterone therapy")}</h2>
                <p class="recovery-numbers">{move || plain(&sentence.get().unwrap_or_default(), depth.get())}</p>
                <DepthText texts=WHY class="recovery-why" />
            </section>
        </Show>
    }
}
