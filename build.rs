//! Gives every build an id of its sources (`HPG_BUILD_ID`), so the page and its population worker, two
//! WebAssembly modules that can be cached separately, can tell whether they were built from the same code.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=model/src");
    println!("cargo:rerun-if-changed=model/stories");
    println!("cargo:rerun-if-changed=model/Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
    // The sources, and what they are built with (dependencies, profiles).
    let mut files = ["Cargo.toml", "Cargo.lock", "model/Cargo.toml"].map(|f| Path::new(f).to_path_buf()).to_vec();
    // The app's sources and the model crate's: a model change makes a new build too.
    collect(Path::new("src"), &mut files);
    collect(Path::new("model/src"), &mut files);
    // The built-in stories, compiled into the model from their files.
    collect(Path::new("model/stories"), &mut files);
    files.sort();
    // FNV-1a over every path and its contents: stable across machines and Rust versions.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_default();
        for b in path.to_string_lossy().bytes().chain(bytes) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=HPG_BUILD_ID={hash:016x}");
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "json") {
            files.push(path);
        }
    }
}
