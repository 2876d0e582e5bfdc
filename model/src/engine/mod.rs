//! The engine: a checked scenario in, a trajectory out. It owns the doses' pharmacokinetics (`pk`), the
//! physiology's states and rates (`physiology`), their integration between dose and pulse events
//! (`simulate`: `Engine`), and what "back" means after therapy (`recovery`), which the engine stamps on every
//! run (`Trajectory::recovery_from`).
//!
//! May use: the crate root (words, numbers, parameters, traits, the trajectory) and `scenario` (its input).
//! Never the analyses over runs nor the words built from them.

pub mod physiology;
pub mod pk;
pub mod recovery;
pub mod simulate;
