//! Transcendental functions from the pure-Rust `libm`, so a scenario gives the same numbers bit for bit
//! natively and in WebAssembly: `f64::exp` and friends call the platform's C library natively and Rust's
//! own port in WebAssembly, and the two differ in the last bit often enough to change a trajectory.
//! Square roots need no wrapper: IEEE 754 rounds them exactly everywhere.

#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

#[inline]
pub fn exp_m1(x: f64) -> f64 {
    libm::expm1(x)
}

#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}
