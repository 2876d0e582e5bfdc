//! HPG Explorer: an educational simulator of the male hypothalamic-pituitary-gonadal axis.
//!
//! The physiology and drug engine is its own crate, `hpg-model` (`model/`), re-exported here as [`model`] so
//! the app names it in one way; `app` is the browser user interface, compiled only for `wasm32`.

pub use hpg_model as model;

#[cfg(target_arch = "wasm32")]
pub mod app;
