// Starts the population worker (src/app/worker.rs): loads the wasm-bindgen glue Trunk built for the
// `population-worker` binary, then its module. The page creates the worker from this file.
importScripts('./population-worker.js');
wasm_bindgen({ module_or_path: './population-worker_bg.wasm' });
