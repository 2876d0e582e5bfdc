//! HPG Explorer: an educational simulator of the male hypothalamic-pituitary-gonadal axis.
//!
//! [`model`] is the physiology and drug engine (native and WebAssembly alike); `app` is the browser
//! user interface, compiled only for `wasm32`.

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod app;
