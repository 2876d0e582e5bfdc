//! The HPG-axis model: pure Rust, deterministic, no web dependency.
//!
//! Data flows one way: a [`Scenario`] (serde) is checked, the subject is calibrated to its baseline
//! labs, the [`Engine`] integrates the physiology, and a [`Trajectory`] comes out for the views.
//!
//! As a library (the browser app and the `hpg-sim` CLI use it this way; `docs/MODEL.md` gives every equation
//! and parameter with its source):
//!
//! ```
//! use hpg_model::{Engine, Output, Scenario};
//!
//! // A year of testosterone cypionate 100 mg weekly, then 24 weeks after stopping.
//! let scenario = Scenario::from_json(r#"{"horizon_days": 168,
//!     "history": [{"agent": "testosterone_cypionate", "route": "im", "dose": 100, "unit": "mg",
//!                  "every_days": 7, "start_day": -364, "end_day": 0}]}"#)?;
//! let run = Engine::default().simulate(&scenario)?;
//! let (on_trt, after) = (run.at(Output::Lh, -7.0), run.at(Output::Lh, 168.0));
//! assert!(on_trt < 1.0 && after > 2.0, "LH {on_trt:.2} on TRT, {after:.2} IU/L 24 weeks after");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every output is in the model's units inside (T nmol/L, E2 pmol/L); [`Output::to_conventional`] converts at
//! the edge. Nothing here reads a clock or the operating system: the same scenario gives the same numbers, bit
//! for bit, natively and in WebAssembly.

//! The crate's folders, each a layer that uses only those before it (`tests/modules.rs` checks it):
//!
//! - at the root, what every layer shares: the reader's language ([`lang`]), deterministic numbers ([`math`]),
//!   JSON text ([`json`]), units ([`units`]), the model's parameters ([`params`]), the traits men differ in
//!   ([`traits`]) and the course a run gives ([`trajectory`]);
//! - [`scenario`]: the question: who, which drugs, which labs, and its link and file formats;
//! - [`engine`]: a scenario in, a trajectory out;
//! - [`analyses`]: many runs: a population, a fit, sensitivity, validation and calibration;
//! - [`words`]: a run in sentences, and the guided stories.

pub mod analyses;
pub mod engine;
pub mod json;
pub mod lang;
pub mod math;
pub mod params;
pub mod scenario;
pub mod traits;
pub mod trajectory;
pub mod units;
pub mod words;

pub use engine::simulate::{AveragedSteps, Engine, Resume};
pub use scenario::agents::{Agent, DoseUnit, Route};
pub use scenario::{Condition, Dosing, Mode, Scenario, ScenarioError, Subject};
pub use trajectory::{Output, Trajectory, Units};
