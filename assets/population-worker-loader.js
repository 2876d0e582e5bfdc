// Starts the population worker (src/app/worker.rs): loads the wasm-bindgen glue Trunk built for the
// `population-worker` binary, then its module. The page creates the worker from this file. A module that
// cannot load (missing, or not WebAssembly) is reported, so the page runs the men itself.
importScripts('./population-worker.js');
wasm_bindgen({ module_or_path: './population-worker_bg.wasm' }).catch((e) => self.postMessage({ failed: String(e) }));
