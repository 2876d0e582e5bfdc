//! The page's language: English, or Spanish from `locales/es.json`. Chosen by the link (`lang=es`), else
//! by the browser's languages, and fixed for the page's life: the catalogue is fetched and installed
//! (`model::lang`) before the page mounts, so every text is in one language from the first frame and no
//! view needs to follow a language signal. The switch opens the same plans in the other language.

use crate::model::lang::{self, Catalogue};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The languages the page speaks: code, name in that language, catalogue file, decimal comma.
const LANGUAGES: [(&str, &str, Option<&str>, bool); 2] =
    [("en", "English", None, false), ("es", "Español", Some("./locales/es.json"), true)];

/// The language the link asks for, if it names one the page speaks.
fn from_link() -> Option<&'static str> {
    let asked = super::query_value("lang")?;
    LANGUAGES.iter().map(|l| l.0).find(|code| code.eq_ignore_ascii_case(&asked))
}

/// The first of the browser's languages the page speaks ("es-MX" is Spanish), English otherwise.
fn from_browser() -> &'static str {
    let navigator = window().navigator();
    let mut asked: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    asked.extend(navigator.language());
    asked
        .iter()
        .find_map(|tag| {
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            LANGUAGES.iter().map(|l| l.0).find(|code| code.eq_ignore_ascii_case(primary))
        })
        .unwrap_or("en")
}

/// Whether the link named the language (then every link the page writes names it too, so a Spanish
/// teacher's link opens in Spanish for a student whose browser is English).
pub fn named_in_link() -> bool {
    from_link().is_some()
}

/// `lang=xx&` for the links the page writes, when the page is not in English or the link named it.
pub fn link_param() -> String {
    if named_in_link() || lang::code() != "en" {
        format!("lang={}&", lang::code())
    } else {
        String::new()
    }
}

/// A same-origin file as text (the catalogue, the evidence), or why not.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = wasm_bindgen_futures::JsFuture::from(window().fetch_with_str(url)).await.map_err(|_| "offline")?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "no response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text =
        wasm_bindgen_futures::JsFuture::from(response.text().map_err(|_| "no text")?).await.map_err(|_| "no text")?;
    text.as_string().ok_or_else(|| "no text".to_string())
}

thread_local! {
    /// Why the chosen language could not be loaded, for the page's problem banner.
    static LOAD_PROBLEM: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Why the chosen language could not be loaded, once.
pub fn take_load_problem() -> Option<String> {
    LOAD_PROBLEM.with(|p| p.borrow_mut().take())
}

/// Installs the chosen language's catalogue, then runs `mount`. A catalogue that cannot be fetched
/// (offline before the first Spanish visit) leaves the page in English and says so in both languages.
pub fn load_then(mount: impl FnOnce() + 'static) {
    let code = from_link().unwrap_or_else(from_browser);
    let Some(&(code, _, Some(file), comma)) = LANGUAGES.iter().find(|l| l.0 == code) else {
        mount();
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let problem = match fetch_text(file).await.and_then(|json| Catalogue::from_json(code, &json, comma)) {
            Ok(catalogue) => {
                lang::install(Some(catalogue));
                if let Some(root) = document().document_element() {
                    let _ = root.set_attribute("lang", code);
                }
                None
            }
            Err(e) => Some(format!(
                "La página no está disponible en español ahora ({e}); se muestra en inglés. \
                 The Spanish page could not be loaded ({e}); showing it in English."
            )),
        };
        LOAD_PROBLEM.with(|p| *p.borrow_mut() = problem);
        mount();
    });
}

/// The language switch: the page's plans in the other language (the page reloads in it).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = lang::code();
    let page = super::state::use_page();
    view! {
        <label class="field language">
            <span>{lang::t("Language")}</span>
            <select
                aria-label=lang::t("Language of the page")
                on:change=move |ev| {
                    let code = event_target_value(&ev);
                    // The plans themselves, not the address: it follows an edit only once the page rests.
                    let plans = super::state::address_query(page, "");
                    let _ = window().location().set_search(&format!("lang={code}&{plans}"));
                }
            >
                {LANGUAGES
                    .iter()
                    .map(|&(code, name, _, _)| {
                        view! {
                            <option value=code lang=code selected=code == current>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
