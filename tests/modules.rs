//! The layout keeps its layers: no module of the model or of the app imports, directly or through others, a
//! module that imports it back. A module's imports are read from its source (`super::NAME`, `crate::NAME` in
//! the model, `crate::app::NAME` in the app, and grouped `use super::{a, b::c}`), its tests left out; an
//! import circle fails here with its path, so a change that makes one says which files to untangle.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module under `dir` (a file, or a folder's `mod.rs` named after its folder; the root `lib.rs`/`mod.rs`
/// left out), with the folder it lies in ("" at the root) and its source without tests and comments.
fn modules(dir: &Path, folder: &str, found: &mut BTreeMap<String, (String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if path.is_dir() {
            if path.join("mod.rs").exists() {
                found.insert(name.clone(), (folder.to_string(), source(&path.join("mod.rs"))));
            }
            modules(&path, &name, found);
        } else if let Some(stem) = name.strip_suffix(".rs").filter(|s| *s != "lib" && *s != "mod") {
            found.insert(stem.to_string(), (folder.to_string(), source(&path)));
        }
    }
}

fn source(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Each module of `dir` and the modules it names through `prefixes` (`crate::engine::pk::X` names `pk`: the
/// deepest module of a path; grouped `use crate::{a, b::c}` each item), with its folder.
fn imports(dir: &str, prefixes: &[&str]) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut found = BTreeMap::new();
    modules(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), "", &mut found);
    let names: BTreeSet<String> = found.keys().cloned().collect();
    // The deepest module a path (`engine::pk::Exposure`) names.
    let leaf = |path: &str| {
        path.split("::")
            .map(|seg| seg.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>())
            .take_while(|seg| names.contains(seg))
            .last()
    };
    found
        .iter()
        .map(|(m, (folder, code))| {
            let mut named = BTreeSet::new();
            for prefix in prefixes.iter().chain(&["super"]) {
                let pattern = format!("{prefix}::");
                let mut rest = code.as_str();
                while let Some(at) = rest.find(&pattern) {
                    let before = rest[..at].chars().next_back();
                    rest = &rest[at + pattern.len()..];
                    // `crate::app::x` is not `app::x` under the prefix `app`; only a whole path segment counts.
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                        continue;
                    }
                    let end = rest.find([';', ')', ' ', '\n', ',']).unwrap_or(rest.len());
                    if let Some(group) = rest.strip_prefix('{') {
                        let end = group.find('}').unwrap_or(group.len());
                        named.extend(group[..end].split(',').filter_map(|item| leaf(item.trim())));
                    } else if let Some(to) = leaf(&rest[..end]) {
                        named.insert(to);
                    }
                }
            }
            named.remove(m);
            (m.clone(), (folder.clone(), named))
        })
        .collect()
}

/// A circle of imports, as the path around it, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut around = path[at..].to_vec();
            around.push(m.to_string());
            return Some(around);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in &graph[m] {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

/// Fails with the circle's path when the modules of `dir` import each other in one; `(from, to)` is an import
/// the scan must see, so a scan that reads nothing does not pass.
fn assert_no_circle(what: &str, dir: &str, prefix: &str, (from, to): (&str, &str)) {
    let graph: BTreeMap<String, BTreeSet<String>> =
        imports(dir, &[prefix]).into_iter().map(|(m, (_, named))| (m, named)).collect();
    assert!(graph.len() > 20 && graph[from].contains(to), "the scan reads {what}: {graph:?}");
    if let Some(around) = circle(&graph) {
        panic!("{what}'s modules import each other in a circle: {}", around.join(" -> "));
    }
}

#[test]
fn the_model_has_no_import_circle() {
    assert_no_circle("the model", "model/src", "crate", ("simulate", "physiology"));
}

/// The model's folders are layers (`lib.rs` says what each owns): each module uses only its own folder's and
/// those its folder may use.
#[test]
fn each_folder_of_the_model_uses_only_the_layers_below_it() {
    let may_use: BTreeMap<&str, &[&str]> = [
        ("", &[""][..]),
        ("scenario", &["", "scenario"][..]),
        ("engine", &["", "scenario", "engine"][..]),
        ("analyses", &["", "scenario", "engine", "analyses"][..]),
        ("words", &["", "scenario", "engine", "words"][..]),
    ]
    .into_iter()
    .collect();
    let graph = imports("model/src", &["crate"]);
    assert_eq!(graph["simulate"].0, "engine", "the scan finds the folders");
    let mut crossings = Vec::new();
    for (m, (folder, named)) in &graph {
        // A folder's own mod.rs lies in the folder above it but is the folder.
        let layer = if may_use.contains_key(m.as_str()) { m.as_str() } else { folder.as_str() };
        for to in named {
            let (to_folder, _) = &graph[to];
            let to_layer = if may_use.contains_key(to.as_str()) { to.as_str() } else { to_folder.as_str() };
            if !may_use[layer].contains(&to_layer) {
                crossings.push(format!("{m} ({layer}) uses {to} ({to_layer})"));
            }
        }
    }
    assert!(crossings.is_empty(), "imports across the layers:\n{}", crossings.join("\n"));
}

#[test]
fn the_app_has_no_import_circle() {
    assert_no_circle("the app", "src/app", "crate::app", ("layout", "state"));
}

#[test]
fn a_circle_is_found_and_named() {
    let graph: BTreeMap<String, BTreeSet<String>> =
        [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"]), ("d", vec![])]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
            .collect();
    assert_eq!(circle(&graph), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
}
