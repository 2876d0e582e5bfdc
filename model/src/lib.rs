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

pub mod agents;
pub mod benchmarks;
pub mod calibration;
pub mod draws;
pub mod events;
pub mod evidence;
pub mod fit;
pub mod json;
pub mod lang;
pub mod link;
pub mod math;
pub mod measured;
pub mod narrative;
pub mod params;
pub mod physiology;
pub mod pk;
pub mod population;
pub mod presets;
pub mod recovery;
pub mod scenario;
pub mod scenario_file;
pub mod sensitivity;
pub mod simulate;
pub mod stories;
pub mod story_file;
pub mod traits;
pub mod trajectory;
pub mod units;
pub mod validation;

pub use agents::{Agent, DoseUnit, Route};
pub use scenario::{Condition, Dosing, Mode, Scenario, ScenarioError, Subject};
pub use simulate::{Engine, Resume};
pub use trajectory::{Output, Trajectory, Units};
