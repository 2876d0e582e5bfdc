//! The population worker (built by Trunk for wasm32 as a Web Worker): simulates a share of a virtual
//! population off the page's thread (`app::worker`).

#[cfg(target_arch = "wasm32")]
fn main() {
    hpg_explorer::app::worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("population-worker runs only as a Web Worker of the browser app (`make serve`).");
    std::process::exit(2);
}
