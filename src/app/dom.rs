//! What several panels ask of the browser's layout: to hear when an element's size changes.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Calls `on_resize` with the observer's entries whenever one of `elements` changes size (and once when
/// observing starts); observing stops when the calling component is dropped.
pub fn observe_resize(elements: &[&web_sys::Element], on_resize: impl FnMut(js_sys::Array) + 'static) {
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(on_resize);
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        for element in elements {
            observer.observe(element);
        }
        on_cleanup(move || observer.disconnect());
    }
    // The observer holds the callback for as long as it observes: the closure must outlive this call.
    on_resize.forget();
}
