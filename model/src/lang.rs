//! The language words reach people in. The model and the CLI write English; the page may install a
//! catalogue of another language before it mounts, and from then on every sentence the model or the page
//! writes for a person goes through [`t`] (a fixed text) or [`say`] (a text with named blanks).
//!
//! The English text is the message's key, as in GNU gettext: the code stays readable, an English page
//! needs no catalogue at all (no request, nothing to wait for), and a catalogue is a plain JSON object
//! from English to the other language (`locales/es.json`). A text the catalogue lacks stays English and is
//! remembered in [`missing`], which the tests read.
//!
//! Numbers in a sentence are written with the language's decimal mark: the model formats them with a
//! point, and [`say`] turns a point between two digits of a blank's value into a comma where the
//! language writes one. Files (CSV, JSON, links) never pass through here: they stay in one format.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Display;

/// A language's words: English text -> the language's text.
pub struct Catalogue {
    /// The language's code, as in a link (`es`).
    pub code: &'static str,
    /// Each text lives as long as the page (a catalogue is installed once, before the page mounts), so
    /// views can hold it as a `&'static str` like the English literal it replaces.
    texts: HashMap<&'static str, &'static str>,
    /// Whether the language writes 2,5 for two and a half.
    pub decimal_comma: bool,
}

impl Catalogue {
    /// A catalogue from (English, the language's) pairs; empty translations are left out (the English shows).
    /// `json::Catalogue::from_json` reads one from its file.
    pub fn from_pairs(
        code: &'static str,
        pairs: impl IntoIterator<Item = (String, String)>,
        decimal_comma: bool,
    ) -> Catalogue {
        let leak = |s: String| &*Box::leak(s.into_boxed_str());
        let texts = pairs.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (leak(k), leak(v))).collect();
        Catalogue { code, texts, decimal_comma }
    }
}

thread_local! {
    static INSTALLED: RefCell<Option<Catalogue>> = const { RefCell::new(None) };
    static MISSING: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// Makes `catalogue` the language of every text from now on (`None`: English again).
pub fn install(catalogue: Option<Catalogue>) {
    INSTALLED.with(|c| *c.borrow_mut() = catalogue);
    MISSING.with(|m| m.borrow_mut().clear());
}

/// The installed language's code, `en` when none is.
pub fn code() -> &'static str {
    INSTALLED.with(|c| c.borrow().as_ref().map_or("en", |c| c.code))
}

/// Whether numbers are written with a decimal comma.
pub fn decimal_comma() -> bool {
    INSTALLED.with(|c| c.borrow().as_ref().is_some_and(|c| c.decimal_comma))
}

/// The texts asked for since the catalogue was installed that it does not hold.
pub fn missing() -> Vec<String> {
    MISSING.with(|m| m.borrow().iter().cloned().collect())
}

/// `english` in the installed language; a text the catalogue lacks is remembered when `expected` (a blank's
/// value is often a number or a phrase already translated, and is only looked up in case it is a name).
fn find(english: &str, expected: bool) -> Option<&'static str> {
    INSTALLED.with(|c| {
        let c = c.borrow();
        let c = c.as_ref()?;
        match c.texts.get(english) {
            Some(&text) => Some(text),
            None => {
                if expected && english.chars().any(char::is_alphabetic) {
                    MISSING.with(|m| m.borrow_mut().insert(english.to_string()));
                }
                None
            }
        }
    })
}

fn lookup(english: &str) -> Option<&'static str> {
    find(english, true)
}

/// `english` in the page's language.
pub fn t(english: &'static str) -> &'static str {
    lookup(english).unwrap_or(english)
}

/// A text that is not a literal (a label read from a table, a sentence built elsewhere) in the page's
/// language.
pub fn t_owned(english: &str) -> String {
    lookup(english).map_or_else(|| english.to_string(), str::to_string)
}

/// `template` in the page's language with each `{name}` replaced by its value. A value that is itself a
/// text of the catalogue (a hormone's name) is translated; a number's decimal point follows the language.
/// A blank the template names but `args` lacks stays as written, so a mistake shows rather than vanishes.
pub fn say(template: &'static str, args: &[(&str, &dyn Display)]) -> String {
    let pattern = t(template);
    let comma = decimal_comma();
    let mut out = String::with_capacity(pattern.len() + 16 * args.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let blank =
            after.find('}').and_then(|close| Some((args.iter().find(|(n, _)| *n == &after[..close])?.1, close)));
        match blank {
            Some((value, close)) => {
                let value = value.to_string();
                match find(&value, false) {
                    Some(translated) => out.push_str(translated),
                    None if comma => out.push_str(&with_decimal_comma(&value)),
                    None => out.push_str(&value),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `number` (already formatted with a point) with the language's decimal mark.
pub fn number(formatted: String) -> String {
    if decimal_comma() {
        with_decimal_comma(&formatted)
    } else {
        formatted
    }
}

/// Every point between two digits as a comma: "3.5 ng/mL" -> "3,5 ng/mL"; "e.g." untouched.
pub fn with_decimal_comma(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let between_digits =
            c == '.' && i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        out.push(if between_digits { ',' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanish() -> Catalogue {
        Catalogue::from_json(
            "es",
            r#"{"LH is {lh} IU/L at week {week}.": "La LH está en {lh} UI/L en la semana {week}.", "total testosterone": "testosterona total"}"#,
            true,
        )
        .unwrap()
    }

    #[test]
    fn english_without_a_catalogue() {
        install(None);
        assert_eq!(
            say("LH is {lh} IU/L at week {week}.", &[("lh", &"3.5"), ("week", &12)]),
            "LH is 3.5 IU/L at week 12."
        );
        assert_eq!(t("total testosterone"), "total testosterone");
        assert!(missing().is_empty());
    }

    #[test]
    fn a_catalogue_translates_texts_values_and_decimal_marks() {
        install(Some(spanish()));
        assert_eq!(
            say("LH is {lh} IU/L at week {week}.", &[("lh", &"3.5"), ("week", &12)]),
            "La LH está en 3,5 UI/L en la semana 12."
        );
        assert_eq!(
            say("{what} is low", &[("what", &"total testosterone")]),
            "{what} is low".replace("{what}", "testosterona total")
        );
        assert_eq!(missing(), vec!["{what} is low".to_string()]);
        assert_eq!(with_decimal_comma("e.g. 2.5 of docs/MODEL.md §3.8."), "e.g. 2,5 of docs/MODEL.md §3,8.");
        install(None);
    }

    #[test]
    fn a_blank_without_a_value_shows() {
        install(None);
        assert_eq!(say("{a} and {b}", &[("a", &1)]), "1 and {b}");
    }
}
