//! Stories a hosted copy of the page adds: the files its `stories/` folder lists in `stories/index.json`
//! (`docs/STORIES.md`), read in the built-in stories' format and offered beside them. A file that does not
//! read is said in words, naming the file and the field; the rest still load. Read once per page: when the
//! story list first shows (the page has mounted; its first chart is drawn meanwhile), or before the page
//! mounts when a link names a story that is not built in.

use crate::model::json::{self, Value};
use crate::model::lang::{say, t};
use crate::model::words::stories::{self, Story};
use std::cell::RefCell;

/// The folder's list of story files, beside the page.
const INDEX: &str = "stories/index.json";

thread_local! {
    /// What reading the folder found wrong, once it has been read (`None`: not yet).
    static READ: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// The file names `stories/index.json` lists (`{"stories": ["name.json", ...]}`): plain names in the folder.
fn listed(text: &str) -> Result<Vec<String>, String> {
    let value = json::parse(text).map_err(|e| e.message)?;
    let expected = || t("expected an object with a list of file names named \"stories\"").to_string();
    let Value::Object(members) = value else { return Err(expected()) };
    let Some((_, Value::Array(names))) = members.into_iter().find(|(k, _)| k == "stories") else {
        return Err(expected());
    };
    names
        .into_iter()
        .map(|n| match n {
            Value::String(s) if s.ends_with(".json") && !s.contains(['/', '\\']) && !s.starts_with('.') => Ok(s),
            other => Err(say("{name} is not a story file's name in the folder", &[("name", &other.kind())])),
        })
        .collect()
}

/// Reads the folder (once per page) and adds its stories; returns what could not be read, in words.
pub async fn read() -> Vec<String> {
    if let Some(problems) = READ.with(|r| r.borrow().clone()) {
        return problems;
    }
    let mut problems = Vec::new();
    // The build ships an empty list; a list that cannot be fetched (offline before it was cached, a host
    // that left the folder out) adds nothing and is no fault of the reader's: only a list that is there but
    // does not read is said.
    let Ok(index) = super::i18n::fetch_text(INDEX).await else {
        READ.with(|r| *r.borrow_mut() = Some(Vec::new()));
        return Vec::new();
    };
    match listed(&index) {
        Ok(files) => {
            for file in files {
                let path = format!("stories/{file}");
                let read = super::i18n::fetch_text(&path)
                    .await
                    .and_then(|text| Story::from_json(&text).map_err(|e| e.to_string()))
                    .and_then(|story| stories::add(story).map(|_| ()).map_err(|e| e.to_string()));
                if let Err(e) = read {
                    problems
                        .push(say("The story {file} could not be read: {error}.", &[("file", &path), ("error", &e)]));
                }
            }
        }
        Err(e) => problems
            .push(say("The stories folder could not be read ({file}: {error}).", &[("file", &INDEX), ("error", &e)])),
    }
    READ.with(|r| *r.borrow_mut() = Some(problems.clone()));
    problems
}

/// Runs `mount` once the story a link names can be found: at once when it is built in (or none is named),
/// else after the folder has been read.
pub fn read_then(mount: impl FnOnce() + 'static) {
    match super::query_value("story") {
        Some(id) if stories::find(&id).is_none() => wasm_bindgen_futures::spawn_local(async move {
            read().await;
            mount();
        }),
        _ => mount(),
    }
}
