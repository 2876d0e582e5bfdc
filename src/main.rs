//! The browser app's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    hpg_explorer::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("hpg-explorer is the browser app: build it with `make serve`. The native tool is `hpg-sim`.");
    std::process::exit(2);
}
