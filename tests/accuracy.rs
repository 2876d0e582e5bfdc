//! How close the pulse-averaged mode comes to a converged run (10-minute steps): every preset and every visible
//! validation case, over its whole course, stepped as the engine ships (`AveragedSteps::Controlled`) and as it
//! stepped before (a fixed 3 hours). docs/PERFORMANCE.md reports the numbers this prints
//! (`cargo test --release --test accuracy -- --nocapture`).
#![cfg(not(target_arch = "wasm32"))]

use hpg_model::{analyses::validation, scenario::presets, AveragedSteps, Engine, Output, Scenario, Trajectory};

/// The outputs a person reads as hormone levels and sperm counts, LH to sperm in `Output::ALL` (drug levels
/// are exact at every row whatever the step; GnRH and the desensitisations are read through the hormones).
fn read() -> &'static [Output] {
    &Output::ALL[Output::Lh.index()..=Output::Sperm.index()]
}

fn scenarios() -> Vec<Scenario> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/validation/cases.json")).unwrap();
    let file = validation::parse(&text).unwrap();
    let mut all: Vec<Scenario> = presets::ALL.iter().map(|p| p.scenario()).collect();
    all.extend(file.cases.iter().map(validation::scenario_of));
    all
}

/// The days a dosing line starts or stops. In the hour after, an output that answers a drug within minutes
/// (ITT to the first hCG dose) is read from states interpolated across the first step after the dose, 10
/// minutes or 3 hours long (ITT an hour after the first dose differs by ~17 % between them; it differed
/// by ~60 % while rows showed each drug's mean over its step): those rows are left out.
fn edges(s: &Scenario) -> Vec<f64> {
    s.history.iter().chain(&s.regimen).flat_map(|d| [Some(d.start_day), d.end_day]).flatten().collect()
}

/// The largest difference over a course, relative to the converged value (or, where that is near zero, to
/// 2 % of the course's largest value: a level at the assay floor is not read to the percent).
fn worst_difference(days: &[f64], edges: &[f64], converged: &[f64], other: &[f64]) -> (f64, usize) {
    let top = converged.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    converged.iter().zip(other).enumerate().fold((0.0, 0), |(worst, at), (i, (c, o))| {
        let on_edge = edges.iter().any(|e| (0.0..=1.0 / 24.0).contains(&(days[i] - e)));
        let d = if on_edge { 0.0 } else { (o - c).abs() / c.abs().max(0.02 * top).max(1e-12) };
        if d > worst {
            (d, i)
        } else {
            (worst, at)
        }
    })
}

struct Differences {
    /// (largest difference, scenario, output, day) for every scenario and output read.
    each: Vec<(f64, String, Output, f64)>,
}

impl Differences {
    fn of(scenarios: &[Scenario], converged: &[Trajectory], other: &[Trajectory]) -> Differences {
        let mut each = Vec::new();
        for ((s, c), o) in scenarios.iter().zip(converged).zip(other) {
            assert_eq!(c.len(), o.len(), "{}: the same grid", s.name);
            let edges = edges(s);
            for &out in read() {
                let (d, at) = worst_difference(&c.days, &edges, c.column(out), o.column(out));
                each.push((d, s.name.clone(), out, c.days[at]));
            }
        }
        each.sort_by(|a, b| b.0.total_cmp(&a.0));
        Differences { each }
    }
    fn quantile(&self, q: f64) -> f64 {
        let n = self.each.len();
        self.each[((1.0 - q) * (n - 1) as f64).round() as usize].0
    }
    fn share_over(&self, limit: f64) -> f64 {
        self.each.iter().filter(|e| e.0 > limit).count() as f64 / self.each.len() as f64
    }
    fn report(&self, what: &str) {
        println!(
            "{what}: median {:.2} %, 90th percentile {:.1} %, largest {:.1} %, {:.0} % of courses over 1 %",
            100.0 * self.quantile(0.5),
            100.0 * self.quantile(0.9),
            100.0 * self.each[0].0,
            100.0 * self.share_over(0.01)
        );
        for (d, name, out, day) in self.each.iter().take(6) {
            println!("    {:.1} % {name} {out:?} on day {day:.3}", 100.0 * d);
        }
    }
}

#[test]
fn the_controlled_steps_come_closer_to_a_converged_run_than_the_fixed_steps_they_replaced() {
    let scenarios = scenarios();
    let run = |steps: AveragedSteps| -> Vec<Trajectory> {
        let engine = Engine::default().with_averaged_steps(steps);
        scenarios.iter().map(|s| engine.simulate(s).unwrap_or_else(|e| panic!("{}: {e}", s.name))).collect()
    };
    let converged = run(AveragedSteps::Fixed(10.0 / 1440.0));
    let fixed = Differences::of(&scenarios, &converged, &run(AveragedSteps::Fixed(3.0 / 24.0)));
    let controlled = Differences::of(&scenarios, &converged, &run(AveragedSteps::Controlled));
    println!(
        "{} courses ({} scenarios x {} outputs), each against a converged run",
        controlled.each.len(),
        scenarios.len(),
        read().len()
    );
    fixed.report("fixed 3-hour steps (before)");
    controlled.report("controlled steps (shipped)");
    for q in [0.5, 0.9] {
        assert!(controlled.quantile(q) <= fixed.quantile(q), "quantile {q}");
    }
    assert!(controlled.each[0].0 <= fixed.each[0].0, "the largest difference");
    assert!(controlled.share_over(0.01) <= fixed.share_over(0.01), "courses over 1 %");
}
