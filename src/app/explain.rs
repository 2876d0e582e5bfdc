//! What each drug and hormone is and does, at three depths: Basics (patients), Clinical, Academic.
//! Our own words; figures are those in docs/MODEL.md with their sources.

use crate::model::lang::t;
use crate::model::{Agent, Output};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    Basics,
    Clinical,
    Academic,
}

impl Depth {
    pub const ALL: [Depth; 3] = [Depth::Basics, Depth::Clinical, Depth::Academic];
    pub fn label(self) -> &'static str {
        match self {
            Depth::Basics => "Basics",
            Depth::Clinical => "Clinical",
            Depth::Academic => "Academic",
        }
    }
}

/// The page's explanation depth (Basics where no page provides one, as in a component test).
pub fn use_depth() -> RwSignal<Depth> {
    use_context::<RwSignal<Depth>>().unwrap_or_else(|| RwSignal::new(Depth::Basics))
}

/// `text` as the chosen depth shows it: at Basics with plain words beside its technical words.
pub fn plain(text: &str, depth: Depth) -> String {
    if depth == Depth::Basics {
        crate::model::words::narrative::with_plain_words(text)
    } else {
        text.to_string()
    }
}

/// Something explained.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Topic {
    Agent(Agent),
    Hormone(Output),
}

fn hormone_text(o: Output, d: Depth) -> &'static str {
    let i = d as usize;
    match o {
        Output::Gnrh => [
            "The brain's 'go' signal, sent in pulses about every 1.5-2 hours from the hypothalamus to the pituitary.",
            "Not measurable in blood. Testosterone and estradiol slow and shrink its pulses; SERMs lift that brake.",
            "Portal pulses of mass m every Φ minutes, Φ = 35 min x (1 + a_T·h(FT) + a_E·E); the chart shows it relative to \
             the same man untreated.",
        ][i],
        Output::Lh => [
            "A pituitary hormone that tells the testes to make testosterone.",
            "About 1.5-9 IU/L. Low LH with high T points to testosterone from outside; low LH with low T to a brain-level \
             cause (secondary hypogonadism).",
            "Released from a releasable pool in proportion to GnRH receptor occupancy net of desensitisation; half-life 1.3 h.",
        ][i],
        Output::Fsh => [
            "A pituitary hormone that supports sperm production.",
            "About 1.5-12 IU/L. High FSH with low inhibin B points to testicular damage. Inhibin B from the testis brakes it.",
            "Driven like LH but braked by inhibin B; half-life about 8 h.",
        ][i],
        Output::TotalT => [
            "The main male hormone, made by the testes under LH's command.",
            "Normal adult range about 264-916 ng/dL (Travison 2017); guidelines use 264-300 ng/dL as the lower limit. Draw it \
             in the morning; on injections, timing relative to the dose matters.",
            "Secretion by a Tornøe Hill of LH (L50 5.18 IU/L, κ 1.9) plus exogenous input; cleared at ~1,100 L/day, \
             protected in part by SHBG binding.",
        ][i],
        Output::FreeT => [
            "The part of testosterone not bound to proteins, free to act on tissues.",
            "About 2 % of total T; lower limits 50-65 pg/mL. Computed here from total T, SHBG and albumin.",
            "Vermeulen equation, K_SHBG 1.0e9 L/mol, K_albumin 3.6e4 L/mol.",
        ][i],
        Output::E2 => [
            "Estradiol, made from testosterone. Men need some for bones, libido and to brake the brain's signals.",
            "About 10-40 pg/mL typical (LC-MS/MS range 3.3-37). The band here is 15-50 pg/mL: below 15 is flagged and marked as too low (bone suffers), above 50 as high.",
            "Peripheral aromatisation of bioavailable T (fat-dependent, saturable, inhibited by anastrozole) plus testicular \
             secretion (40 % at baseline) that follows LH and hCG.",
        ][i],
        Output::InhibinB => [
            "A hormone from the sperm-supporting cells of the testes; a marker of sperm production.",
            "Median about 130 pg/mL; below 20 pg/mL sperm are rarely found. It brakes FSH.",
            "A basal share plus a share driven by FSH action on Sertoli cells; half-life about 5 days.",
        ][i],
        Output::Sperm => [
            "How many sperm per millilitre of semen. Making sperm takes about 70 days, so changes show up months later.",
            "WHO 2021 lower reference limit 16 million/mL. On TRT it falls with a half-time of ~5.5 weeks; after stopping \
             a year of TRT it takes about 3 months to reach 20 million/mL (Liu 2005), after years of heavy use more than \
             a year (Shankara-Narayana 2020).",
            "Eight germ-cell stages over 64 days plus 10 days in the epididymis, driven by FSH and intratesticular T.",
        ][i],
        Output::Itt => [
            "Testosterone inside the testes, about 100 times the blood level, which sperm production needs.",
            "Not a clinical test. TRT lowers it by ~90 % (Coviello 2005); hCG keeps it up.",
            "Leydig secretion concentrated in the testis, saturating with secretion, plus serum T.",
        ][i],
        Output::Shbg => [
            "A blood protein that carries testosterone and estradiol.",
            "About 10-57 nmol/L. Androgens and obesity lower it; estrogens, SERMs and age raise it.",
            "Relaxes with a 7-day half-life to a target set by free T, estrogenic load, SERMs, age and BMI.",
        ][i],
        _ => "",
    }
}

/// A collapsible explanation of one topic at the page's chosen depth.
#[component]
pub fn Explain(
    /// What to explain.
    topic: Topic,
) -> impl IntoView {
    let (summary, name) = match topic {
        Topic::Agent(a) => (t("What it does"), t(a.display_name())),
        Topic::Hormone(o) => (t(o.label()), t(o.label())),
    };
    let texts = Depth::ALL.map(|d| match topic {
        Topic::Agent(a) => a.entry().explained[d as usize],
        Topic::Hormone(o) => hormone_text(o, d),
    });
    view! {
        <details class="explain">
            <summary aria-label=format!("{summary}: {name}")>{summary}</summary>
            <DepthText texts=texts />
        </details>
    }
}

/// A paragraph at the page's chosen depth, labelled with it ("Clinical: ...").
#[component]
pub fn DepthText(
    /// The text at each depth, in `Depth::ALL` order.
    texts: [&'static str; 3],
    /// A class for the paragraph.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let depth = use_depth();
    view! {
        <p class=class>
            <span class="depth">{move || t(depth.get().label())}": "</span>
            {move || plain(t(texts[depth.get() as usize]), depth.get())}
        </p>
    }
}

/// The depth switch and the hormone glossary.
#[component]
pub fn Glossary() -> impl IntoView {
    let hormones = [
        Output::Gnrh,
        Output::Lh,
        Output::Fsh,
        Output::TotalT,
        Output::FreeT,
        Output::E2,
        Output::Shbg,
        Output::InhibinB,
        Output::Itt,
        Output::Sperm,
    ];
    view! {
        <section class="glossary" aria-label=t("Hormones explained")>
            <h2>{t("The hormones")}</h2>
            {hormones.into_iter().map(|o| view! { <Explain topic=Topic::Hormone(o) /> }).collect_view()}
        </section>
    }
}

/// Radio buttons choosing how deep explanations go.
#[component]
pub fn DepthSwitch() -> impl IntoView {
    let depth = use_depth();
    view! {
        <fieldset class="depth-switch">
            <legend>{t("Explanations")}</legend>
            {Depth::ALL
                .into_iter()
                .map(|d| view! {
                    <label>
                        <input type="radio" name="depth" prop:checked=move || depth.get() == d on:change=move |_| depth.set(d) />
                        {t(d.label())}
                    </label>
                })
                .collect_view()}
        </fieldset>
    }
}
