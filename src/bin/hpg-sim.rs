//! `hpg-sim`: the model on the command line.
//!
//! ```text
//! hpg-sim run SCENARIO.json [--format csv|json]
//! hpg-sim run --preset NAME [--format csv|json]
//! hpg-sim presets
//! hpg-sim validate FILE [--markdown]
//! ```

use hpg_explorer::model::{presets, validation, Engine, Output, Scenario, Units};
use std::process::ExitCode;

const USAGE: &str = "usage:
  hpg-sim run SCENARIO.json [--format csv|json]   simulate a scenario file ('-' reads standard input)
  hpg-sim run --preset NAME [--format csv|json]   simulate a built-in scenario
  hpg-sim presets                                 list the built-in scenarios
  hpg-sim calibrate SCENARIO.json                 show how the subject's untreated state matches its baseline labs
  hpg-sim validate FILE [--markdown]              check the model against published outcomes";

/// Writes a line to standard output; when the reader has gone (`hpg-sim ... | head`), exits quietly instead
/// of panicking as `println!` would.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("hpg-sim: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some(cmd) = args.first() else { return Err(USAGE.into()) };
    match cmd.as_str() {
        "presets" => {
            for p in presets::ALL {
                say!("{:<28} {}", p.id, p.summary);
            }
            Ok(ExitCode::SUCCESS)
        }
        "run" => {
            let mut format = "csv";
            let mut source: Option<Result<Scenario, String>> = None;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--format" => {
                        format = match it.next().map(String::as_str) {
                            Some("csv") => "csv",
                            Some("json") => "json",
                            other => return Err(format!("--format takes csv or json, not {other:?}")),
                        }
                    }
                    "--preset" => {
                        let name = it.next().ok_or("--preset needs a name (see `hpg-sim presets`)")?;
                        let p = presets::find(name)
                            .ok_or_else(|| format!("no preset named {name:?} (see `hpg-sim presets`)"))?;
                        source = Some(Ok(p.scenario()));
                    }
                    path => {
                        source =
                            Some(read(path).and_then(|t| Scenario::from_json(&t).map_err(|e| format!("{path}: {e}"))))
                    }
                }
            }
            let scenario = source.ok_or(USAGE)??;
            let traj = Engine::default().simulate(&scenario).map_err(|e| e.to_string())?;
            let out = if format == "csv" { traj.to_csv(Units::Conventional) } else { to_json(&traj) };
            say!("{}", out.trim_end_matches('\n'));
            Ok(ExitCode::SUCCESS)
        }
        "calibrate" => {
            let path = args.get(1).ok_or("calibrate needs a scenario file")?;
            let scenario = Scenario::from_json(&read(path)?).map_err(|e| format!("{path}: {e}"))?;
            let cal = Engine::default().calibrate_subject(&scenario.subject);
            say!("{:<16} {:>10} {:>10} {:>8}", "lab", "target", "model", "error");
            for m in &cal.report {
                say!("{:<16} {:>10.2} {:>10.2} {:>7.1}%", m.lab, m.target, m.achieved, 100.0 * m.relative_error());
            }
            Ok(ExitCode::SUCCESS)
        }
        "validate" => {
            let path = args.get(1).ok_or("validate needs a file")?;
            let file = validation::parse(&read(path)?).map_err(|e| format!("{path}: {e}"))?;
            let outcomes = validation::run(&Engine::default(), &file);
            if args.iter().any(|a| a == "--markdown") {
                say!("{}", validation::markdown_table(&outcomes).trim_end_matches('\n'));
            } else {
                for o in &outcomes {
                    say!("{}", o.line());
                }
            }
            say!("{}", validation::summary(&outcomes));
            Ok(ExitCode::SUCCESS)
        }
        "-h" | "--help" | "help" => {
            say!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

fn read(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map_err(|e| format!("standard input: {e}"))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn to_json(t: &hpg_explorer::model::Trajectory) -> String {
    let mut cols = serde_json::Map::new();
    cols.insert("events".into(), serde_json::json!(hpg_explorer::model::events::derive(t)));
    cols.insert("day".into(), serde_json::json!(t.days));
    for o in Output::ALL {
        let v: Vec<f64> = t.column(o).iter().map(|&x| o.to_conventional(x)).collect();
        cols.insert(o.key().into(), serde_json::json!(v));
    }
    serde_json::to_string(&cols).expect("finite numbers serialise") + "\n"
}
