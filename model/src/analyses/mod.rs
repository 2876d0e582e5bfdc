//! Analyses over many runs of the engine: a virtual population of men and its shares (`population`), fitting a
//! man's traits to his labs (`fit`), what matters most (`sensitivity`), the published outcomes and how the model
//! meets them (`validation`, `evidence`), one calibration of the uncertain parameters against all of them
//! (`calibration`) with the properties it must keep (`properties`), and the standard benchmark scenarios
//! (`benchmarks`).
//!
//! May use: the crate root, `scenario` and `engine`. Not `words` (what these analyses find is said there).

pub mod benchmarks;
pub mod calibration;
pub mod evidence;
pub mod fit;
pub mod population;
pub mod properties;
pub mod sensitivity;
pub mod validation;
