//! The Spanish catalogue (`locales/es.json`) is complete and well formed: every text the code asks for by
//! `t("...")` or `say("...")` has a Spanish text with the same blanks, and the texts the model writes for
//! the page (stories at every depth, presets, curves in words, events, recovery shares) all come out in
//! Spanish, with decimal commas.

use hpg_model::lang::{self, Catalogue};
use hpg_model::{scenario::presets, words::events, words::narrative, words::stories, Engine, Units};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

fn catalogue_json() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/es.json")).expect("locales/es.json")
}

fn spanish() -> Catalogue {
    Catalogue::from_json("es", &catalogue_json(), true).expect("locales/es.json is a JSON object of texts")
}

/// The `{blank}`s of a text, as a set.
fn blanks(text: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        match rest[open..].find('}') {
            Some(close) => {
                out.insert(&rest[open..open + close + 1]);
                rest = &rest[open + close + 1..];
            }
            None => break,
        }
    }
    out
}

/// The value of the Rust string literal starting just after its opening quote, as the compiler reads it
/// (escapes and line continuations resolved), and the rest of the source after it.
fn read_literal(src: &str) -> (String, &str) {
    let mut out = String::new();
    let mut chars = src.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (out, &src[i + 1..]),
            '\\' => match chars.next() {
                Some((_, '\n')) => {
                    let rest = &src[i + 2..];
                    let skipped = rest.len() - rest.trim_start().len();
                    for _ in 0..rest[..skipped].chars().count() {
                        chars.next();
                    }
                }
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, '0')) => out.push('\0'),
                Some((_, 'u')) => {
                    let body: String = chars.by_ref().map(|(_, c)| c).take_while(|&c| c != '}').collect();
                    let code = u32::from_str_radix(body.trim_start_matches('{'), 16).expect("\\u{...}");
                    out.push(char::from_u32(code).expect("a char"));
                }
                Some((_, other)) => out.push(other),
                None => break,
            },
            c => out.push(c),
        }
    }
    (out, "")
}

/// Every literal passed to `t(` or `say(` in the Rust files under `dir` (but `lang.rs`'s own examples).
fn asked_for(dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            asked_for(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("model/src/lang.rs") {
            let src = std::fs::read_to_string(&path).unwrap();
            for call in ["t(", "say("] {
                let mut rest = src.as_str();
                while let Some(at) = rest.find(call) {
                    let before = rest[..at].chars().next_back();
                    let args = rest[at + call.len()..].trim_start();
                    rest = &rest[at + call.len()..];
                    // A literal (rustfmt may put it on the next line), called as the function, not a method.
                    if let Some(literal) = args.strip_prefix('"') {
                        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                            let (text, after) = read_literal(literal);
                            found.push((path.display().to_string(), text));
                            rest = after;
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn every_text_has_spanish_with_the_same_blanks() {
    let json: HashMap<String, String> = serde_json::from_str(&catalogue_json()).unwrap();
    for (en, es) in &json {
        assert!(!es.trim().is_empty(), "no Spanish for {en:?}");
        assert_eq!(blanks(en), blanks(es), "the blanks differ:\n  {en:?}\n  {es:?}");
    }
    let mut asked = Vec::new();
    // The app's sources and the model crate's (its words: stories, narrative, events).
    for dir in ["src", "model/src"] {
        asked_for(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut asked);
    }
    assert!(asked.iter().any(|(file, _)| file.contains("model/src")), "the scan missed the model's texts");
    assert!(asked.len() > 300, "the scan found only {} texts: has the way texts are asked for changed?", asked.len());
    let missing: Vec<String> =
        asked.iter().filter(|(_, en)| !json.contains_key(en)).map(|(file, en)| format!("{file}: {en:?}")).collect();
    assert!(missing.is_empty(), "{} texts have no Spanish:\n{}", missing.len(), missing.join("\n"));
}

#[test]
fn the_texts_the_model_writes_for_the_page_come_out_in_spanish() {
    lang::install(Some(spanish()));
    let engine = Engine::default();
    let mut written = Vec::new();
    for story in stories::built_in() {
        written.push(lang::t_owned(story.title));
        for step in story.steps {
            let (a, b) = step.plans();
            let a = engine.simulate(&a).unwrap();
            let b = b.map(|b| engine.simulate(&b).unwrap());
            for depth in 0..3 {
                written.push(stories::fill(&stories::text(step, depth), &a, b.as_ref(), Units::Conventional));
            }
        }
    }
    for preset in presets::ALL {
        let t = engine.simulate(&preset.scenario()).unwrap();
        for sentence in narrative::describe(&t, Units::Si) {
            written.push(narrative::with_plain_words(&sentence));
        }
        written.extend(events::derive(&t).iter().map(|e| lang::t_owned(e.description)));
        written.extend(events::flags(&t).into_iter().map(|f| format!("{}: {}", lang::t_owned(f.title), f.detail)));
    }
    let missing = lang::missing();
    lang::install(None);
    assert!(missing.is_empty(), "{} texts the model wrote have no Spanish:\n{}", missing.len(), missing.join("\n"));
    let all = written.join("\n");
    assert!(!all.contains(" the ") && !all.contains(" weeks"), "English left in:\n{all}");
    assert!(all.contains(','), "no decimal comma in:\n{all}");
}

/// Texts the page reaches through lists rather than as literals (`t(agent.display_name())`, an output's label and
/// unit, a recovery measure, a lab's name and unit, a tornado outcome, a spread's trait): each has its Spanish.
#[test]
fn every_text_reached_through_a_list_has_its_spanish() {
    use hpg_model::scenario::measured::{Analyte, LabUnit};
    use hpg_model::{analyses::population, analyses::sensitivity, engine::recovery, Agent, DoseUnit, Output};
    let json: HashMap<String, String> = serde_json::from_str(&catalogue_json()).unwrap();
    let mut texts: Vec<String> = Vec::new();
    for a in Agent::ALL {
        let entry = a.entry();
        texts.extend([entry.name, entry.role, entry.class.in_the_loop()].map(str::to_string));
        texts.extend(entry.explained.map(str::to_string));
    }
    for o in Output::ALL {
        texts.push(o.label().to_string());
        texts.extend(
            [Units::Conventional, Units::Si].map(|u| o.unit(u).to_string()).into_iter().filter(|u| !u.is_empty()),
        );
    }
    texts.extend(recovery::MEASURES.iter().map(|m| m.label.to_string()));
    texts.extend(Analyte::ALL.iter().map(|a| a.label().to_string()));
    texts.extend(Analyte::ALL.iter().flat_map(|a| a.units().iter().map(|u: &LabUnit| u.label().to_string())));
    texts.extend(
        [DoseUnit::Mg, DoseUnit::Ug, DoseUnit::Iu, DoseUnit::NgPerKg, DoseUnit::UgPerDay]
            .map(|u| u.label().to_string()),
    );
    texts.extend(sensitivity::Outcome::ALL.iter().map(|o| o.label().to_string()));
    texts.extend(population::SPREADS.iter().map(|s| s.what.to_string()));
    let missing: Vec<&String> = texts.iter().filter(|t| !json.contains_key(t.as_str())).collect();
    assert!(missing.is_empty(), "{} texts reached through a list have no Spanish: {missing:?}", missing.len());
}

#[test]
fn a_spanish_reader_types_a_decimal_comma_and_a_thousands_point_is_refused() {
    use hpg_model::units::{format_value, parse_typed_number};
    lang::install(Some(spanish()));
    assert_eq!(parse_typed_number("2,5"), Ok(2.5));
    assert_eq!(parse_typed_number("1500"), Ok(1500.0));
    assert_eq!(parse_typed_number("0.5"), Ok(0.5));
    for ambiguous in ["1.500", "1,500"] {
        let why = parse_typed_number(ambiguous).unwrap_err();
        assert!(why.contains("dos maneras") && why.contains("1500") && why.contains("1,5"), "{why}");
    }
    assert_eq!(format_value(3.456), "3,46");
    assert!(parse_typed_number("abc").unwrap_err().contains("no es un número"));
    lang::install(None);
    assert_eq!(parse_typed_number("1.500"), Ok(1.5));
    assert_eq!(format_value(3.456), "3.46");
}

#[test]
fn draw_weeks_take_the_languages_decimal_mark() {
    use hpg_model::units::{format_weeks, parse_weeks};
    assert_eq!(parse_weeks("0, 4, 8, 12"), Ok(vec![0.0, 4.0, 8.0, 12.0]));
    assert_eq!(parse_weeks("0,4;8 12.5"), Ok(vec![0.0, 4.0, 8.0, 12.5]));
    assert_eq!(format_weeks(&[2.5, 6.0]), "2.5, 6");
    lang::install(Some(spanish()));
    // A comma inside a number is the decimal mark, as in every other field; weeks are separated by a comma
    // and a space, a semicolon or a space.
    assert_eq!(parse_weeks("0, 4, 8, 12"), Ok(vec![0.0, 4.0, 8.0, 12.0]));
    assert_eq!(parse_weeks("2,5; 6 10"), Ok(vec![2.5, 6.0, 10.0]));
    assert_eq!(format_weeks(&[2.5, 6.0]), "2,5, 6");
    assert_eq!(parse_weeks(&format_weeks(&[2.5, 6.0])), Ok(vec![2.5, 6.0]));
    // Weeks run together with commas could be one week or three: refused, in Spanish.
    let why = parse_weeks("4,8,12").unwrap_err();
    assert!(why.contains("4,8,12") && why.contains("semana"), "{why}");
    lang::install(None);
}
