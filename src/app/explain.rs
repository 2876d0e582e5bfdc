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
        crate::model::narrative::with_plain_words(text)
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

const TRT: [&str; 3] = [
    "Testosterone from outside the body. The brain notices the higher level and turns down its signals to the testes \
     (LH and FSH), so the testes make less testosterone of their own and sperm production falls. Blood levels go up; \
     levels inside the testes go down. After stopping, the body's own production takes months to come back, longer \
     after longer or heavier use.",
    "Exogenous T suppresses GnRH, LH and FSH through androgen and (after aromatisation) estrogen feedback. Serum T rises \
     while intratesticular T falls by about 90 %; in a WHO trial that used enanthate 200 mg weekly, about two thirds \
     of men were azoospermic by six months (WHO 1990). Release half-lives: enanthate ~4.5 days, cypionate ~8 days, undecanoate ~34 days (a long \
     tail); gel gives steadier levels. Recovery after stopping takes months and is slower after longer use.",
    "Modelled as a two-step depot feeding the serum pool (metabolic clearance 1,100 L/day). Free T brakes GnRH pulse \
     mass directly (Hill n = 3) and, after brain aromatisation, through the estrogen receptor; the pituitary ER brake \
     lowers LH and FSH release. Functional capacities fall within weeks of suppression; the reserves behind them \
     (generator tone, Leydig cell number, spermatogonia) are lost over years, faster at supraphysiological doses, and \
     regrow over months: the post-TRT testosterone trough, sperm back in ~14 weeks after a year (Liu 2005) and LH \
     taking most of a year after long heavy use (Shankara-Narayana 2020).",
];

fn agent_text(a: Agent, d: Depth) -> &'static str {
    let i = d as usize;
    match a {
        Agent::TestosteroneCypionate | Agent::TestosteroneEnanthate | Agent::TestosteroneUndecanoate | Agent::TestosteroneGel => TRT[i],
        Agent::ClomipheneCitrate => [
            "A pill that hides estrogen from the brain. The brain reads this as low hormone levels and sends more LH and \
             FSH, so the testes make more testosterone and keep making sperm. It is a mix of two forms, and one of them \
             (zuclomiphene) lingers for weeks and acts a little like estrogen.",
            "A SERM. Trials in men used 25 mg daily or 50 mg every other day: LH, FSH and T rose, for example 248 to 610 \
             ng/dL at 4-6 weeks (Shabsigh 2005), and so did E2. Zuclomiphene (38 % of the product, half-life of weeks) \
             builds up about 20 times above enclomiphene (Helo 2017) and can blunt the LH rise. Visual disturbances were a \
             reason to stop.",
            "Two isomers with their own pharmacokinetics (enclomiphene t1/2 10 h, zuclomiphene 14 days). Both occupy the \
             central estrogen receptor competitively; zuclomiphene has 35 % intrinsic agonist efficacy there and acts as an \
             estrogen agonist in the liver (raising SHBG). The central ER signal sets both the GnRH pulse interval and the \
             pulse-mass brake.",
        ][i],
        Agent::EnclomipheneCitrate => [
            "The blocking half of clomiphene, without the long-lasting estrogen-like half. It raises LH, FSH and \
             testosterone while sperm production carries on.",
            "Trials used 12.5-25 mg daily. Its half-life of about 10 hours means levels do not accumulate. In them LH, FSH \
             and T rose with sperm counts preserved (Wiehle 2014; Kim 2016). Availability differs by country.",
            "A pure antagonist at the central estrogen receptor with no hepatic agonism; the same pharmacokinetic chain as \
             clomiphene's enclomiphene part (CL/F ~200 L/h, V/F ~2,900 L).",
        ][i],
        Agent::Tamoxifen => [
            "Blocks estrogen's signal in the brain, so the brain sends more LH and FSH. Testosterone and estradiol both rise.",
            "Studies in men used 10-20 mg daily, with steady state in about 4 weeks. In them LH and FSH roughly doubled and \
             E2 could double or triple, as there is more T to aromatise and the stimulated testis secretes more E2. CYP2D6 \
             poor metabolisers (~7 %) make less of the active metabolites.",
            "Parent drug and active metabolites (4-hydroxytamoxifen, endoxifen) lumped with a 7-day half-life; a pure \
             antagonist at the central estrogen receptor and a hepatic agonist raising SHBG.",
        ][i],
        Agent::Anastrozole => [
            "Stops the body turning testosterone into estradiol. Estradiol falls, and because estradiol also brakes the \
             brain, LH and testosterone rise a little. Too little estradiol is harmful: bones, body fat, libido and mood \
             need some.",
            "In studies, 1 mg daily blocked about 97 % of whole-body aromatisation, yet in men E2 fell only 25-35 %, \
             because T rises and the testis keeps secreting E2 (Leder 2004: E2 26 to 17 pg/mL, T 343 to 572 ng/dL). A year \
             of 1 mg daily lowered spine bone density (Finkelstein 2013). Half-life about 46 hours.",
            "Inhibition I = C/(C + IC50) with IC50 0.9 ng/mL, applied to peripheral aromatisation and to the brain \
             aromatisation of T in the central estrogen signal; testicular E2 secretion is left to the Leydig drive.",
        ][i],
        Agent::Gonadorelin => [
            "A copy of GnRH, the brain's own signal. Given in short pulses by a pump it switches the pituitary on; given all \
             the time it switches it off. One injection a day gives only a short blip.",
            "In studies, a pump giving 5-25 ng/kg every 90-120 minutes restored LH, FSH and T in men without their own GnRH \
             (Hoffman 1982). Continuous exposure causes a flare and then shuts the pituitary down within 2-4 weeks \
             (Belchetz 1978). Subcutaneous half-life about 24 minutes.",
            "Plasma gonadorelin adds to portal GnRH at the receptor (4 ng/L equals the mean endogenous drive). Receptor \
             desensitisation follows sustained occupancy and re-sensitises only while receptors are unoccupied, so pulses \
             leave it near zero and constant exposure drives it towards one over days.",
        ][i],
        Agent::Hcg => [
            "Acts like LH directly on the testes. It keeps testosterone production inside the testes going even while the \
             brain's own LH is switched off, which helps protect sperm production during TRT.",
            "In a study with TRT, 125-500 IU every other day kept intratesticular T at 75-126 % of baseline (Coviello \
             2005); restart studies used larger doses. A big dose desensitises Leydig cells for a few days, delays the T \
             peak to 3-4 days and spikes E2. Half-life about one day.",
            "hCG adds to LH at the Leydig LH receptor (potency 0.9 per IU/L). Very high drive raises Leydig desensitisation; \
             a steroidogenic capacity induced over about a day gives the acute x1.5 and the delayed x2 peak (Saez & Forest \
             1979). Testicular T saturates with secretion, which makes the hCG dose-response flat.",
        ][i],
    }
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
        Topic::Agent(a) => agent_text(a, d),
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
