//! How the model fares against the studies, as a figure a clinician can read without docs/MODEL.md: every
//! published outcome a row, grouped by the drugs its study gave and then by what was measured, its accept
//! band a bar and the model's value a mark, each row naming its case. `hpg-sim validate --svg` writes it; the
//! same rows feed any other view of the evidence.

use crate::analyses::validation::{Case, Outcome};
use crate::lang::{say, t};
use crate::scenario::agents::Agent;
use std::fmt::Write as _;

/// One row of the evidence: an outcome with the group its study belongs to.
#[derive(Clone, Debug)]
pub struct Row<'a> {
    /// The drugs the study gave from day 0, or the therapy it stopped ("after …"), or "no drug".
    pub group: String,
    pub outcome: &'a Outcome,
}

/// The leave-one-study-out score of the shipped parameters, (passed, observations): each study scored by a
/// model refitted without it (`hpg-sim calibrate-model tests/validation/cases.json --sweeps 0 --cv`, docs/MODEL.md
/// §7.1, where a test holds this figure). Measured, not computed at build time: the run takes ~6 minutes.
pub const CROSS_VALIDATED: (usize, usize) = (86, 107);

/// The drugs of some dosing lines, each once, in catalogue order.
fn agents_of(ds: &[crate::scenario::Dosing]) -> Vec<Agent> {
    let mut agents: Vec<Agent> = ds.iter().map(|d| d.agent).collect();
    agents.sort();
    agents.dedup();
    agents
}

/// A study's drugs in words, in the page's language: "Clomiphene citrate + Anastrozole", "After testosterone
/// cypionate", "hCG (after testosterone cypionate)", "No drug". The figure and the page's How we know share it.
pub fn group_words(given: &[Agent], stopped: &[Agent]) -> String {
    let names = |agents: &[Agent]| agents.iter().map(|a| t(a.display_name())).collect::<Vec<_>>().join(" + ");
    match (given.is_empty(), stopped.is_empty()) {
        (false, true) => names(given),
        (false, false) => {
            say("{drugs} (after {stopped})", &[("drugs", &names(given)), ("stopped", &names(stopped).to_lowercase())])
        }
        (true, false) => say("After {stopped}", &[("stopped", &names(stopped).to_lowercase())]),
        (true, true) => t("No drug").into(),
    }
}

/// The drugs a case is about: those of its regimen; with none, those of its history, stopped.
pub fn group_of(case: &Case) -> String {
    group_words(&agents_of(&case.regimen), &agents_of(&case.history))
}

/// The rows, grouped by drug, then by measured quantity, then in file order. Outcomes whose case is not in
/// `cases` are left out.
pub fn rows<'a>(cases: &[Case], outcomes: &'a [Outcome]) -> Vec<Row<'a>> {
    let mut rows: Vec<(usize, Row)> = outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let case = cases.iter().find(|c| c.id == o.case)?;
            Some((i, Row { group: group_of(case), outcome: o }))
        })
        .collect();
    rows.sort_by(|(i, a), (j, b)| {
        (a.group.as_str(), a.outcome.quantity.as_str(), i).cmp(&(b.group.as_str(), b.outcome.quantity.as_str(), j))
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The score in plain words: how many of the outcomes the model reproduces.
pub fn headline(outcomes: &[Outcome]) -> String {
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    let share = 100.0 * passed as f64 / outcomes.len().max(1) as f64;
    format!("The model reproduces {passed} of {} published outcomes ({share:.0} %)", outcomes.len())
}

/// The whole figure of a validation run: its headline and every outcome's row.
pub fn figure(cases: &[Case], outcomes: &[Outcome]) -> String {
    svg(&rows(cases, outcomes), &headline(outcomes))
}

/// The evidence as the page's "How we know" view reads it (`hpg-sim validate --json`): the scores, then every row
/// with its group's drugs (as agent keys, so the page names them in its language and puts the rows about the
/// drugs on screen first), its case and source, what was measured, the published words, the accepted band and
/// the model's value.
pub fn json(cases: &[Case], outcomes: &[Outcome]) -> String {
    use crate::json::Value;
    let text = |s: &str| Value::String(s.to_string());
    let number = |v: f64| if v.is_finite() { Value::number(v) } else { Value::Null };
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    let rows = rows(cases, outcomes)
        .iter()
        .map(|r| {
            let o = r.outcome;
            let case = cases.iter().find(|c| c.id == o.case).expect("rows keep only outcomes of known cases");
            let keys =
                |ds: &[crate::scenario::Dosing]| Value::Array(agents_of(ds).iter().map(|a| text(a.key())).collect());
            Value::Object(vec![
                ("given".into(), keys(&case.regimen)),
                ("stopped".into(), keys(&case.history)),
                ("case".into(), text(&o.case)),
                ("source".into(), text(&case.source)),
                ("quantity".into(), text(&o.quantity)),
                ("stat".into(), text(&o.stat)),
                ("published".into(), text(&o.published)),
                ("low".into(), number(o.accept[0])),
                ("high".into(), number(o.accept[1])),
                ("model".into(), o.simulated.as_ref().map_or(Value::Null, |&v| number(v))),
                ("pass".into(), Value::Bool(o.passed())),
            ])
        })
        .collect();
    let median = crate::analyses::validation::median_band_position(outcomes).unwrap_or(f64::NAN);
    let doc = Value::Object(vec![
        ("passed".into(), Value::Number(passed.to_string())),
        ("total".into(), Value::Number(outcomes.len().to_string())),
        ("median_band_position".into(), number((median * 100.0).round() / 100.0)),
        ("cross_validated".into(), Value::Number(CROSS_VALIDATED.0.to_string())),
        ("cross_validated_of".into(), Value::Number(CROSS_VALIDATED.1.to_string())),
        ("rows".into(), Value::Array(rows)),
    ]);
    let mut out = String::new();
    doc.write(&mut out, 0);
    out.push('\n');
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const WIDTH: f64 = 1060.0;
const LABEL_W: f64 = 430.0;
const BAR_X: f64 = LABEL_W + 10.0;
const BAR_W: f64 = 400.0;
const ROW_H: f64 = 17.0;
const GROUP_H: f64 = 26.0;

/// Where a value falls on a row's own axis (0..1): each row has its own units, so its axis spans its band
/// and the model's value with a margin, on a log scale where everything is positive.
pub fn axis(lo: f64, hi: f64, v: Option<f64>) -> impl Fn(f64) -> f64 {
    let (mut a, mut b) = (lo, hi);
    if let Some(v) = v.filter(|v| v.is_finite()) {
        a = a.min(v);
        b = b.max(v);
    }
    let log = a > 0.0;
    let (a, b) = if log {
        (crate::math::ln(a) - 0.35, crate::math::ln(b) + 0.35)
    } else {
        let pad = 0.2 * (b - a).max(1e-9);
        (a - pad, b + pad)
    };
    move |x: f64| {
        let x = if log { crate::math::ln(x.max(1e-12)) } else { x };
        ((x - a) / (b - a)).clamp(0.0, 1.0)
    }
}

/// The figure: a title with the score in words, then a row per outcome under its group's heading.
pub fn svg(rows: &[Row], headline: &str) -> String {
    let groups = rows.windows(2).filter(|w| w[0].group != w[1].group).count() + usize::from(!rows.is_empty());
    let height = 60.0 + groups as f64 * GROUP_H + rows.len() as f64 * ROW_H + 30.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="DejaVu Sans, sans-serif" font-size="11" role="img" aria-labelledby="evidence-title">"#
    );
    let _ = write!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = write!(s, r#"<title id="evidence-title">{}</title>"#, escape(headline));
    let _ = write!(s, r#"<text x="10" y="22" font-size="14" font-weight="bold">{}</text>"#, escape(headline));
    let _ = write!(
        s,
        r##"<text x="10" y="42" fill="#444">Each row: the published range the model must reach (grey bar) and the model's value (dot: green inside, red outside).</text>"##
    );
    let mut y = 60.0;
    let mut current: Option<&str> = None;
    for r in rows {
        if current != Some(r.group.as_str()) {
            y += 8.0;
            let _ = write!(
                s,
                r#"<text x="10" y="{:.1}" font-size="12" font-weight="bold">{}</text>"#,
                y + 10.0,
                escape(&r.group)
            );
            y += GROUP_H - 8.0;
            current = Some(r.group.as_str());
        }
        let o = r.outcome;
        let [lo, hi] = o.accept;
        let value = o.simulated.as_ref().ok().copied();
        let label = format!("{}: {} {}", o.case, o.quantity, o.stat);
        let _ = write!(s, r##"<text x="10" y="{:.1}" fill="#222">{}</text>"##, y + 12.0, escape(&label));
        if lo.is_finite() && hi.is_finite() {
            let at = axis(lo, hi, value);
            let (x0, x1) = (BAR_X + BAR_W * at(lo), BAR_X + BAR_W * at(hi));
            let _ = write!(
                s,
                r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="8" fill="#c8ced6"/>"##,
                y + 4.0,
                (x1 - x0).max(2.0)
            );
            if let Some(v) = value.filter(|v| v.is_finite()) {
                let colour = if o.passed() { "#1a7f37" } else { "#c62828" };
                let _ = write!(
                    s,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="4.5" fill="{colour}"><title>{}</title></circle>"#,
                    BAR_X + BAR_W * at(v),
                    y + 8.0,
                    escape(&format!("model {v:.3}; published {} (accepted {lo}..{hi})", o.published))
                );
            }
        }
        let right = match value {
            Some(v) => format!("{v:.3} in {lo}..{hi}"),
            None => "not simulated".to_string(),
        };
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" fill="#444">{}</text>"##,
            BAR_X + BAR_W + 10.0,
            y + 12.0,
            escape(&right)
        );
        y += ROW_H;
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyses::validation;

    #[test]
    fn rows_group_by_drug_and_the_figure_has_a_mark_per_simulated_outcome() {
        let text = r#"{"format":"hpg-validation/1","cases":[
          {"id":"a","source":"A 2000","subject":{},"history":[],"regimen":[{"agent":"hcg","route":"sc","dose":1500,"unit":"IU","start_day":0}],
           "observations":[{"quantity":"total_t_ng_dl","relative":true,"stat":"max","window":[0,5],"published":"x2","accept":[1.5,2.5]}]},
          {"id":"b","source":"B 2001","subject":{},"history":[{"agent":"testosterone_cypionate","route":"im","dose":150,"unit":"mg","every_days":7,"start_day":-200,"end_day":0}],"regimen":[],
           "observations":[{"quantity":"lh_iu_l","stat":"first_day_above","threshold":1.5,"window":[0,400],"published":"<b>","accept":[10,60]},
                           {"quantity":"unobtainium","stat":"mean","window":[0,1],"published":"x","accept":[0,1]}]}]}"#;
        let file = validation::parse(text).unwrap();
        let outcomes = validation::run(&crate::Engine::default(), &file);
        let rows = rows(&file.cases, &outcomes);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].group, "After testosterone cypionate");
        assert_eq!(rows[2].group, "hCG");
        let figure = svg(&rows, "2 of 3 & more");
        assert!(figure.starts_with("<svg") && figure.trim_end().ends_with("</svg>"));
        assert_eq!(figure.matches("<circle").count(), 2, "a mark for each simulated value, none for the unknown one");
        assert!(figure.contains("2 of 3 &amp; more") && figure.contains("&lt;b&gt;") && !figure.contains("<b>"));
    }
}
