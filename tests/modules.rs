//! The layout keeps its layers: no module of the model or of the app imports, directly or through others, a
//! module that imports it back. A module's imports are read from its source (`super::NAME`, `crate::NAME` in
//! the model, `crate::app::NAME` in the app, and grouped `use super::{a, b::c}`), its tests left out; an
//! import circle fails here with its path, so a change that makes one says which files to untangle.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module of `dir` (a file; the root `lib.rs`/`mod.rs` left out) and the sibling modules it names.
fn imports(dir: &str, prefixes: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let modules: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            let stem = name.strip_suffix(".rs")?.to_string();
            (stem != "lib" && stem != "mod").then_some(stem)
        })
        .collect();
    let word = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    modules
        .iter()
        .map(|m| {
            let text = std::fs::read_to_string(dir.join(format!("{m}.rs"))).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: String = code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
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
                    if let Some(group) = rest.strip_prefix('{') {
                        let end = group.find('}').unwrap_or(group.len());
                        named.extend(group[..end].split(',').map(|item| word(item.trim())));
                    } else {
                        named.insert(word(rest));
                    }
                }
            }
            let siblings = named.into_iter().filter(|n| modules.contains(n) && n != m).collect();
            (m.clone(), siblings)
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
    let graph = imports(dir, &[prefix]);
    assert!(graph.len() > 20 && graph[from].contains(to), "the scan reads {what}: {graph:?}");
    if let Some(around) = circle(&graph) {
        panic!("{what}'s modules import each other in a circle: {}", around.join(" -> "));
    }
}

#[test]
fn the_model_has_no_import_circle() {
    assert_no_circle("the model", "model/src", "crate", ("simulate", "physiology"));
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
