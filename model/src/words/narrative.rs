//! The curves in words: what a reader who cannot see the chart needs to know about a course ("LH falls
//! from 4.5 to 0.30 IU/L by week 4, then rises to 4.1 IU/L by week 24. It is below the reference range
//! from week 1 and in the range again at week 39."). Generated from the trajectory, never typed in.

use crate::lang::{say, t};
use crate::trajectory::{Output, Trajectory, Units};
use crate::units::format_value;
use crate::words::events::{self, Event};

/// The outputs described, in the order a reader meets them on the page.
pub const DESCRIBED: [Output; 5] = [Output::Lh, Output::Fsh, Output::TotalT, Output::E2, Output::Sperm];

/// A change smaller than this share of the starting value reads as "stays near".
const STEADY_SHARE: f64 = 0.15;

/// A day as a reader counts it: the day itself in the first two weeks (to a tenth within the first day, so an
/// event hours after the start is not "day 0", the start itself), then the week it falls in. Each
/// sentence that names one has a text for a day and one for a week (a language may write "by", "at" or an
/// article differently before each).
pub enum Moment {
    Day(String),
    Week(String),
}

pub fn moment(day: f64) -> Moment {
    if day != 0.0 && day.abs() < 0.95 {
        Moment::Day(format!("{day:.1}"))
    } else if day.abs() < 14.0 {
        Moment::Day(format!("{day:.0}"))
    } else {
        Moment::Week(format!("{:.0}", day / 7.0))
    }
}

/// "day 5" for the first two weeks, then "week 7".
pub fn when(day: f64) -> String {
    match moment(day) {
        Moment::Day(n) => say("day {n}", &[("n", &n)]),
        Moment::Week(n) => say("week {n}", &[("n", &n)]),
    }
}

/// " by day 5", " by week 7": when a curve gets somewhere, a whole piece of the sentence.
fn by_when(day: f64) -> String {
    match moment(day) {
        Moment::Day(n) => say(" by day {n}", &[("n", &n)]),
        Moment::Week(n) => say(" by week {n}", &[("n", &n)]),
    }
}

/// " LH below the reference range (< 1.5 IU/L) at week 1.": an event of the course, as a sentence.
fn event_at(description: &'static str, day: f64) -> String {
    match moment(day) {
        Moment::Day(n) => say(" {event} at day {n}.", &[("event", &description), ("n", &n)]),
        Moment::Week(n) => say(" {event} at week {n}.", &[("event", &description), ("n", &n)]),
    }
}

/// When a curve gets to an extreme, as a reader sees it: the first of `rows` (day, value) within 5 % of the way
/// from `start` to the extreme (a curve that creeps on to its lowest at week 51 has been there since week 6),
/// or the extreme's own day.
pub fn reached(rows: impl IntoIterator<Item = (f64, f64)>, start: f64, (extreme_day, extreme): (f64, f64)) -> f64 {
    let near = 0.05 * (start - extreme).abs();
    rows.into_iter().find(|r| (r.1 - extreme).abs() <= near).map_or(extreme_day, |r| r.0)
}

/// One sentence or two per described output, from week 0 to the end of the course.
pub fn describe(t: &Trajectory, units: Units) -> Vec<String> {
    let events = events::derive(t);
    DESCRIBED.iter().filter_map(|&o| describe_output(t, o, units, &events)).collect()
}

fn describe_output(t: &Trajectory, o: Output, units: Units, events: &[Event]) -> Option<String> {
    let from = t.days.partition_point(|&d| d < 0.0);
    let rows: Vec<(f64, f64)> = (from..t.len()).map(|i| (t.days[i], o.display(t.column(o)[i], units))).collect();
    let (&(_, start), &(end_day, end)) = (rows.first()?, rows.last()?);
    let unit = o.unit(units);
    let (low_day, low) = rows.iter().copied().fold((0.0, f64::MAX), |a, b| if b.1 < a.1 { b } else { a });
    let (high_day, high) = rows.iter().copied().fold((0.0, f64::MIN), |a, b| if b.1 > a.1 { b } else { a });
    let name = o.label();
    let scale = start.abs().max(1e-9);
    let fall = (start - low) / scale;
    let rise = (high - start) / scale;
    let reached = |extreme: f64, extreme_day: f64| reached(rows.iter().copied(), start, (extreme_day, extreme));
    // Each blank holds a number or a text of the catalogue (a name, a unit), so every piece reads whole in
    // another language.
    let (end_value, end_week) = (format_value(end), format!("{:.0}", end_day / 7.0));
    let mut words = if fall.max(rise) < STEADY_SHARE {
        say("{name} stays near {value} {unit}.", &[("name", &name), ("value", &format_value(start)), ("unit", &unit)])
    } else if fall >= rise {
        let mut w = say(
            "{name} falls from {start} to {low} {unit}",
            &[("name", &name), ("start", &format_value(start)), ("low", &format_value(low)), ("unit", &unit)],
        );
        w.push_str(&by_when(reached(low, low_day)));
        if end > low + STEADY_SHARE * scale && end_day > low_day {
            w.push_str(&say(
                ", then rises to {end} {unit} at the end (week {week})",
                &[("end", &end_value), ("unit", &unit), ("week", &end_week)],
            ));
        }
        w + "."
    } else {
        let mut w = say(
            "{name} rises from {start} to {high} {unit}",
            &[("name", &name), ("start", &format_value(start)), ("high", &format_value(high)), ("unit", &unit)],
        );
        w.push_str(&by_when(reached(high, high_day)));
        if end < high - STEADY_SHARE * scale && end_day > high_day {
            w.push_str(&say(
                ", then falls to {end} {unit} at the end (week {week})",
                &[("end", &end_value), ("unit", &unit), ("week", &end_week)],
            ));
        }
        w + "."
    };
    for e in events.iter().filter(|e| event_output(e.key) == Some(o)) {
        words.push_str(&event_at(e.description, e.day));
    }
    Some(words)
}

/// Which output an event is about.
fn event_output(key: &str) -> Option<Output> {
    Some(match key.split('_').next()? {
        "lh" => Output::Lh,
        "fsh" => Output::Fsh,
        "t" => Output::TotalT,
        "e2" => Output::E2,
        "sperm" => Output::Sperm,
        _ => return None,
    })
}

/// Words a newcomer does not know, and the plain words put beside them (in English: each pair is looked up
/// in the page's language, word and gloss alike).
const PLAIN_WORDS: [(&str, &str); 6] = [
    ("azoospermia", "no sperm in the semen"),
    ("azoospermic", "with no sperm in the semen"),
    ("oligo-", "low sperm count"),
    ("zuclomiphene", "clomiphene's slow, estrogen-like half"),
    ("M/mL", "million sperm per millilitre"),
    ("SERM", "a drug that blocks estrogen's signal in the brain"),
];

/// `text` with plain words beside the first use of each technical word: in brackets, or after a colon
/// where the word is already in brackets; a word already followed by a bracket is left alone.
pub fn with_plain_words(text: &str) -> String {
    let mut out = text.to_string();
    for (word, gloss) in PLAIN_WORDS {
        let (word, gloss) = (t(word), t(gloss));
        let Some(at) = out.to_ascii_lowercase().find(&word.to_ascii_lowercase()) else { continue };
        // A whole word only ("SERMs" is one, "ASERM" is not).
        if out[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let end = at + word.len() + usize::from(out[at + word.len()..].starts_with('s'));
        let (before, after) = (out[..at].chars().next_back(), out[end..].chars().next());
        if before == Some('(') && after == Some(')') {
            out.insert_str(end, &format!(": {gloss}"));
        } else if !out[end..].trim_start().starts_with('(') {
            out.insert_str(end, &format!(" ({gloss})"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Params;
    use crate::scenario::presets;
    use crate::Engine;

    #[test]
    fn trt_reads_as_lh_falling_and_testosterone_rising() {
        let engine = Engine::new(Params::default());
        let s = presets::find("trt").expect("the TRT preset").scenario();
        let t = engine.simulate(&s).unwrap();
        let text = describe(&t, Units::Conventional).join(" ");
        assert!(text.contains("LH falls from"), "{text}");
        assert!(text.contains("LH below the reference range"), "{text}");
        assert!(text.contains("Total testosterone rises from"), "{text}");
    }

    #[test]
    fn an_untreated_man_stays_near_his_values() {
        let engine = Engine::new(Params::default());
        let s = crate::Scenario::from_json("{}").unwrap();
        let t = engine.simulate(&s).unwrap();
        let text = describe(&t, Units::Conventional);
        assert_eq!(text.len(), DESCRIBED.len());
        assert!(text.iter().all(|s| s.contains("stays near")), "{text:?}");
    }

    #[test]
    fn technical_words_get_plain_words_once() {
        let text = "Sperm concentration falls to 0.1 M/mL: azoospermia risk. Below 1 M/mL.";
        assert_eq!(
            with_plain_words(text),
            "Sperm concentration falls to 0.1 M/mL (million sperm per millilitre): azoospermia (no sperm in the \
             semen) risk. Below 1 M/mL."
        );
        let serm = "a drug that blocks estrogen's signal in the brain";
        assert_eq!(with_plain_words("SERMs lift it"), format!("SERMs ({serm}) lift it"));
        assert_eq!(with_plain_words("Blocks it (SERM): LH rises"), format!("Blocks it (SERM: {serm}): LH rises"));
        assert_eq!(with_plain_words("zuclomiphene (38 %)"), "zuclomiphene (38 %)");
        assert_eq!(with_plain_words("ASERM"), "ASERM");
    }
}
