//! Long work in slices: `next_task` runs a closure in a new task of the page's event loop, after the
//! browser has had its turn (input, rendering). A zero-delay `setTimeout` would do the same, but browsers
//! hold a timer nested more than five deep to at least 4 ms: a population of ~80 slices of ~12 ms each lost
//! a quarter of its time waiting. A message to a `MessageChannel` port is handled as soon as the event loop
//! is free.

use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The channel and the closures waiting for their task, one message each.
struct Queue {
    port: web_sys::MessagePort,
    waiting: VecDeque<Box<dyn FnOnce()>>,
    // Kept alive as long as the page: the port calls it for every message.
    _on_message: Closure<dyn FnMut()>,
}

thread_local! {
    static QUEUE: RefCell<Option<Queue>> = const { RefCell::new(None) };
}

/// Runs `work` in a task of its own, soon after the current one ends.
pub fn next_task(work: impl FnOnce() + 'static) {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        if q.is_none() {
            let Ok(channel) = web_sys::MessageChannel::new() else {
                // No channel (a very old browser): a timer still yields, only later.
                leptos::leptos_dom::helpers::set_timeout(work, std::time::Duration::ZERO);
                return;
            };
            let on_message = Closure::<dyn FnMut()>::new(|| {
                let next = QUEUE.with(|q| q.borrow_mut().as_mut().and_then(|q| q.waiting.pop_front()));
                if let Some(work) = next {
                    work();
                }
            });
            channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            *q = Some(Queue { port: channel.port2(), waiting: VecDeque::new(), _on_message: on_message });
        }
        if let Some(q) = q.as_mut() {
            q.waiting.push_back(Box::new(work));
            if q.port.post_message(&JsValue::NULL).is_err() {
                // No message, no task: the work goes by timer instead of waiting for ever.
                if let Some(work) = q.waiting.pop_back() {
                    leptos::leptos_dom::helpers::set_timeout(work, std::time::Duration::ZERO);
                }
            }
        }
    });
}
