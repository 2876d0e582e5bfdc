//! The loop diagram: hypothalamus -> pituitary -> testes -> blood, the feedback arrows back, each
//! arrow as thick as its signal is strong at the cursor's time, and each active drug drawn where it acts.

use crate::model::lang::{say, t};
use crate::model::scenario::agents::Class;
use crate::model::{Agent, Output, Scenario, Trajectory};
use leptos::prelude::*;

/// Signal strengths relative to the untreated man at one moment, and the drugs acting then.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopState {
    pub day: f64,
    pub gnrh: f64,
    pub lh: f64,
    pub fsh: f64,
    pub t: f64,
    pub e2: f64,
    pub inhibin: f64,
    pub desensitised: f64,
    pub agents: Vec<Agent>,
}

impl LoopState {
    pub fn at(t: &Trajectory, s: &Scenario, day: f64) -> LoopState {
        let rel = |o: Output| t.at(o, day) / t.baseline[o.index()].max(1e-12);
        // A drug is acting while its dosing window is open (depots and long half-lives keep acting a
        // little after, which the curves show).
        let mut agents: Vec<Agent> = s
            .dosings()
            .filter(|d| d.start_day <= day && day < d.end_day.unwrap_or(d.start_day + 1.0))
            .map(|d| d.agent)
            .collect();
        agents.sort();
        agents.dedup();
        LoopState {
            day,
            gnrh: rel(Output::Gnrh),
            lh: rel(Output::Lh),
            fsh: rel(Output::Fsh),
            t: rel(Output::TotalT),
            e2: rel(Output::E2),
            inhibin: rel(Output::InhibinB),
            desensitised: t.at(Output::PituitaryDesensitisation, day),
            agents,
        }
    }

    /// The diagram in words, for screen readers.
    pub fn describe(&self) -> String {
        let pct = |x: f64| format!("{:.0} %", 100.0 * x);
        let mut s = say(
            "Week {week}. Compared with the same man untreated: GnRH {gnrh}, LH {lh}, FSH {fsh}, testosterone {t}, \
             estradiol {e2}, inhibin B {inhibin}.",
            &[
                ("week", &format!("{:.1}", self.day / 7.0)),
                ("gnrh", &pct(self.gnrh)),
                ("lh", &pct(self.lh)),
                ("fsh", &pct(self.fsh)),
                ("t", &pct(self.t)),
                ("e2", &pct(self.e2)),
                ("inhibin", &pct(self.inhibin)),
            ],
        );
        for a in &self.agents {
            s.push(' ');
            s.push_str(t(a.entry().class.in_the_loop()));
        }
        if self.desensitised > 0.2 {
            s.push(' ');
            s.push_str(&say("The pituitary is {pct} desensitised.", &[("pct", &pct(self.desensitised))]));
        }
        s
    }
}

/// Stroke width for a signal `rel` times its untreated strength.
fn width(rel: f64) -> f64 {
    (1.0 + 3.0 * rel.clamp(0.0, 3.0)).clamp(0.6, 10.0)
}

/// The loop diagram at one moment.
#[component]
pub fn LoopDiagram(
    /// The state to draw.
    #[prop(into)]
    state: Signal<LoopState>,
) -> impl IntoView {
    let w = move |f: fn(&LoopState) -> f64| move || format!("{:.2}", width(state.with(f)));
    let has = move |class: Class| move || state.with(|s| s.agents.iter().any(|a| a.entry().class == class));
    let trt = has(Class::Testosterone);
    let serm = has(Class::Serm);
    let ai = has(Class::AromataseInhibitor);
    let gnrh_drug = has(Class::Gnrh);
    let hcg = has(Class::Lh);
    let desens = move || state.with(|s| s.desensitised > 0.2);
    // A CSSOM property, not a style attribute, which the Content-Security-Policy forbids.
    let hide = |on: bool| if on { "" } else { "none" };
    view! {
        <figure class="loop">
            <svg viewBox="0 0 380 330" role="img" aria-labelledby="loop-title loop-desc" data-testid="loop">
                <title id="loop-title">{t("The hormone loop")}</title>
                <desc id="loop-desc">{move || state.with(LoopState::describe)}</desc>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="arrowhead"></path>
                    </marker>
                </defs>
                // Organs.
                <g class="organ"><rect x="120" y="10" width="140" height="44" rx="8"></rect>
                    <text x="190" y="30">{t("Hypothalamus")}</text><text x="190" y="46" class="small">{t("GnRH pulses")}</text></g>
                <g class="organ"><rect x="120" y="100" width="140" height="44" rx="8"></rect>
                    <text x="190" y="120">{t("Pituitary")}</text><text x="190" y="136" class="small">"LH, FSH"</text></g>
                <g class="organ"><rect x="120" y="190" width="140" height="44" rx="8"></rect>
                    <text x="190" y="210">{t("Testes")}</text><text x="190" y="226" class="small">{t("Leydig: T · Sertoli: sperm")}</text></g>
                <g class="organ"><rect x="120" y="276" width="140" height="44" rx="8"></rect>
                    <text x="190" y="296">{t("Blood")}</text><text x="190" y="312" class="small">{t("T → E2 (aromatase)")}</text></g>
                // Forward signals.
                <line x1="190" y1="54" x2="190" y2="98" class="signal" data-arrow="gnrh" marker-end="url(#arrow)" stroke-width=w(|s| s.gnrh)></line>
                <text x="202" y="80" class="label">"GnRH"</text>
                <line x1="175" y1="144" x2="175" y2="188" class="signal" data-arrow="lh" marker-end="url(#arrow)" stroke-width=w(|s| s.lh)></line>
                <text x="140" y="170" class="label">"LH"</text>
                <line x1="205" y1="144" x2="205" y2="188" class="signal" data-arrow="fsh" marker-end="url(#arrow)" stroke-width=w(|s| s.fsh)></line>
                <text x="212" y="170" class="label">"FSH"</text>
                <line x1="190" y1="234" x2="190" y2="274" class="signal" data-arrow="t" marker-end="url(#arrow)" stroke-width=w(|s| s.t)></line>
                <text x="196" y="258" class="label">"T"</text>
                // Feedback: T and E2 brake the hypothalamus and pituitary; inhibin B brakes FSH.
                <path d="M260,290 C300,290 300,60 262,36" class="feedback t" data-arrow="t-brake" marker-end="url(#arrow)" stroke-width=w(|s| s.t)></path>
                <text x="300" y="200" class="label">{t("T brake")}</text>
                <path d="M260,306 C340,306 340,40 262,24" class="feedback e2" data-arrow="e2-brake" marker-end="url(#arrow)" stroke-width=w(|s| s.e2)></path>
                <text x="318" y="112" class="label">{t("E2 brake")}</text>
                <path d="M120,212 C80,212 80,130 118,126" class="feedback inhibin" data-arrow="inhibin-brake" marker-end="url(#arrow)" stroke-width=w(|s| s.inhibin)></path>
                <text x="28" y="172" class="label">{t("inhibin B")}</text>
                // Drugs where they act.
                <g class="drug" style:display=move || hide(serm()) data-drug="serm">
                    <circle cx="300" cy="40" r="11"></circle><line x1="292" y1="32" x2="308" y2="48"></line>
                    <text x="300" y="66" class="drug-label">{t("SERM blocks ER")}</text>
                </g>
                <g class="drug" style:display=move || hide(ai()) data-drug="anastrozole">
                    <circle cx="270" cy="266" r="10"></circle><line x1="263" y1="259" x2="277" y2="273"></line>
                    <text x="300" y="262" class="drug-label">{t("blocks aromatase")}</text>
                </g>
                <g class="drug add" style:display=move || hide(trt()) data-drug="trt">
                    <line x1="40" y1="298" x2="116" y2="298" marker-end="url(#arrow)"></line>
                    <text x="40" y="290" class="drug-label start">{t("TRT adds T")}</text>
                </g>
                <g class="drug add" style:display=move || hide(hcg()) data-drug="hcg">
                    <line x1="40" y1="226" x2="116" y2="226" marker-end="url(#arrow)"></line>
                    <text x="40" y="246" class="drug-label start">{t("hCG acts as LH")}</text>
                </g>
                <g class="drug add" style:display=move || hide(gnrh_drug()) data-drug="gonadorelin">
                    <line x1="40" y1="108" x2="116" y2="108" marker-end="url(#arrow)"></line>
                    <text x="14" y="100" class="drug-label start">{t("gonadorelin")}</text>
                </g>
                <g class="drug" style:display=move || hide(desens()) data-drug="desensitised">
                    <text x="190" y="160" class="drug-label">{t("desensitised")}</text>
                </g>
            </svg>
            <figcaption>
                {move || {
                    state.with(|s| {
                        say(
                            "At week {week}. Arrow width: signal strength compared with the same man untreated.",
                            &[("week", &format!("{:.1}", s.day / 7.0))],
                        )
                    })
                }}
            </figcaption>
        </figure>
    }
}
