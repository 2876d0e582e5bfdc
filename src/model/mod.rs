//! The HPG-axis model: pure Rust, deterministic, no web dependency.
//!
//! Data flows one way: a [`Scenario`] (serde) is checked, the subject is calibrated to its baseline
//! labs, the [`Engine`] integrates the physiology, and a [`Trajectory`] comes out for the views.

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
pub mod scenario;
pub mod scenario_file;
pub mod sensitivity;
pub mod simulate;
pub mod stories;
pub mod trajectory;
pub mod units;
pub mod validation;

pub use agents::{Agent, DoseUnit, Route};
pub use scenario::{Condition, Dosing, Mode, Scenario, ScenarioError, Subject};
pub use simulate::{Engine, Resume};
pub use trajectory::{Output, Trajectory, Units};
