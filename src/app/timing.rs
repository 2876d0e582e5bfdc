//! User Timing marks around the app's own work, so a benchmark (or a person in DevTools' Performance panel)
//! can split an interaction into simulation, drawing and the rest. Only the latest entry of each name is
//! kept; a `PerformanceObserver` sees every one.

/// Runs `f` and records its duration as the performance measure `hpg:<name>`.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else { return f() };
    let start = format!("hpg:{name}:start");
    let _ = perf.mark(&start);
    let out = f();
    let label = format!("hpg:{name}");
    perf.clear_measures_with_measure_name(&label);
    let _ = perf.measure_with_start_mark(&label, &start);
    perf.clear_marks_with_mark_name(&start);
    out
}

/// Records the mark `hpg:<name>` the first time only (the first chart on screen, for the load benchmark).
pub fn mark_once(name: &str) {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else { return };
    if !marked(name) {
        let _ = perf.mark(&format!("hpg:{name}"));
    }
}

/// Whether `mark_once(name)` has marked this page's timeline.
pub fn marked(name: &str) -> bool {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else { return false };
    perf.get_entries_by_name(&format!("hpg:{name}")).length() > 0
}
