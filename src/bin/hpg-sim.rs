//! `hpg-sim`: the model on the command line.
//!
//! ```text
//! hpg-sim run SCENARIO.json [--format csv|json] [--population N [--seed S]]
//! hpg-sim run --preset NAME [--format csv|json] [--population N [--seed S]]
//! hpg-sim run --link LINK [--plan a|b] [--every 1d]
//! hpg-sim recovery SCENARIO.json|--preset NAME [--population N] [--seed S]
//! hpg-sim presets
//! hpg-sim story [ID | FILE.json] [--depth basics|clinical|academic] [--units si]
//! hpg-sim validate FILE [--markdown] [--svg FIGURE.svg] [--json EVIDENCE.json]
//! hpg-sim calibrate-model FILE [--cv] [--men N] [--sweeps N] [--state FILE]
//! ```

use hpg_model::analyses::calibration::{self, Problem, Search};
use hpg_model::analyses::population::{self, Bands, RecoveryShares, Setting};
use hpg_model::analyses::sensitivity::{self, Outcome};
use hpg_model::engine::recovery::{self, MEASURES};
use hpg_model::params::Params;
use hpg_model::{analyses::validation, scenario::presets, words::stories, Engine, Output, Scenario, Trajectory, Units};
use std::process::ExitCode;

const USAGE: &str = "usage:
  hpg-sim run SCENARIO.json [--format csv|json]   simulate a scenario file ('-' reads standard input)
  hpg-sim run --preset NAME [--format csv|json]   simulate a built-in scenario
  hpg-sim run --link LINK [--plan a|b]            simulate what a page link shows (the whole address or its
                                                  query; --plan b: the link's plan B, or a file's 'compared')
      --every STEP                                one row per STEP (30min, 6h, 1d, 1w; a bare number is days)
      --population N [--seed S]                   add the 10th, 50th and 90th percentiles of N men like the subject
  hpg-sim recovery SCENARIO.json|--preset NAME    month by month, the share of men back after therapy
      [--population N] [--seed S]                 (default 100 men)
  hpg-sim sensitivity SCENARIO.json|--preset NAME what moves an outcome most: each trait at its 10th and 90th
      [--outcome sperm-recovery|lh-week-12|e2-nadir] percentile, longest bar first
  hpg-sim presets                                 list the built-in scenarios
  hpg-sim story [ID | FILE.json]                  list the guided stories, or print one with its numbers
      [--depth basics|clinical|academic] [--units si] (a story file is checked first: docs/STORIES.md)
  hpg-sim calibrate SCENARIO.json                 show how the subject's untreated state matches its baseline labs
  hpg-sim fit SCENARIO.json                       fit the subject's traits to the scenario's measured labs and
                                                  print the scenario with them (exit 1: the labs cannot be matched)
  hpg-sim validate FILE [--markdown]              check the model against published outcomes
      [--svg FIGURE.svg] [--json EVIDENCE.json]   and draw them: each outcome's band and the model's value (the
                                                  page's 'How we know' reads the JSON: assets/evidence.json)
  hpg-sim calibrate-model FILE                    fit the model's uncertain parameters to every outcome at once
      [--cv] [--men N] [--sweeps N] [--state F]   (--cv: leave-one-study-out; --men: population while searching,
                                                  default 20; --sweeps 0: score the shipped parameters; the
                                                  search resumes from F, default target/calibration.json)
  hpg-sim calibrate-model --priors                the parameters a calibration moves, with their priors";

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
    if args.iter().any(|a| a == "--help" || a == "-h") {
        say!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    match cmd.as_str() {
        "presets" => {
            for p in presets::ALL {
                say!("{:<28} {}", p.id, p.summary);
            }
            Ok(ExitCode::SUCCESS)
        }
        "story" => story(&args[1..]),
        "run" => {
            let opts = Options::parse(&args[1..])?;
            let scenario = opts.scenario?;
            let engine = Engine::default();
            let traj = engine.simulate(&scenario).map_err(|e| e.to_string())?;
            // A population the scenario file carries counts unless the command line sets one.
            let population = opts.population.or(scenario.population.filter(|p| p.men > 0));
            let bands = match population {
                Some(setting) => {
                    let mut men = Vec::with_capacity(setting.men);
                    engine.simulate_population(&scenario, setting, |_, _, t| men.push(t)).map_err(|e| e.to_string())?;
                    Some(Bands::of(&men))
                }
                None => None,
            };
            let out = if opts.format == "csv" { to_csv(&traj, bands.as_ref()) } else { to_json(&traj, bands.as_ref()) };
            say!("{}", out.trim_end_matches('\n'));
            Ok(ExitCode::SUCCESS)
        }
        "recovery" => {
            let opts = Options::parse(&args[1..])?;
            let scenario = opts.scenario?;
            let setting = opts.population.or(scenario.population.filter(|p| p.men > 0)).unwrap_or_default();
            let mut back = Vec::with_capacity(setting.men);
            Engine::default()
                .simulate_population(&scenario, setting, |_, _, t| back.push(recovery::back_days(&t)))
                .map_err(|e| e.to_string())?;
            let shares = RecoveryShares::from_back_days(&back, scenario.horizon_days);
            let Some(from) = recovery::counted_from(&scenario) else {
                return Err(
                    "recovery: this scenario gives no testosterone or hCG, so there is nothing to recover from".into(),
                );
            };
            say!(
                "Of {} men like this one (seed {}), the share back by each month after day 0, counted from day {:.0} \
                 (week {:.1}), when the last testosterone or hCG has washed out:",
                shares.men,
                setting.seed,
                from,
                from / 7.0
            );
            let restart = recovery::restart_drugs_after(&scenario, from);
            if !restart.is_empty() {
                let names: Vec<&str> = restart.iter().map(|a| a.display_name()).collect();
                say!("(while {} is still given, back means back while taking it)", names.join(" and "));
            }
            // Columns by output key; the thresholds below say in words what each counts.
            let header: Vec<String> = MEASURES.iter().map(|m| format!("{:>16}", m.output.key())).collect();
            say!("{:>5} {}", "month", header.join(""));
            for (i, m) in shares.months.iter().enumerate() {
                let row: Vec<String> = shares.shares.iter().map(|s| format!("{:>15.0}%", 100.0 * s[i])).collect();
                say!("{m:>5} {}", row.join(""));
            }
            say!("thresholds:");
            for m in MEASURES {
                say!("  {}: {}: {}", m.output.key(), m.label, m.source);
            }
            say!("Differences between men come from published spreads (docs/MODEL.md); this is not a prediction for one person.");
            Ok(ExitCode::SUCCESS)
        }
        "sensitivity" => {
            let opts = Options::parse(&args[1..])?;
            let scenario = opts.scenario?;
            let outcome = opts.outcome.unwrap_or(Outcome::SpermRecovery);
            let t = sensitivity::tornado(&Engine::default(), &scenario, outcome)?;
            say!("What matters most for {} (typical man: {:.2}):", outcome.label(), t.typical);
            say!("{:<16} {:>12} {:>12} {:>8}  what", "trait", "at 10th %", "at 90th %", "effect");
            // A recovery that does not come within the course is at least its length.
            let at = |v: f64| if t.censored(v) { format!(">={v:.2}") } else { format!("{v:.2}") };
            for b in &t.bars {
                say!("{:<16} {:>12} {:>12} {:>8.2}  {}", b.key, at(b.at_p10), at(b.at_p90), b.effect(), b.what);
            }
            say!("Each trait alone at its 10th and 90th percentile among men (docs/MODEL.md section 8), the others typical.");
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
        "fit" => {
            let path = args.get(1).ok_or("fit needs a scenario file")?;
            let mut scenario = Scenario::from_json(&read(path)?).map_err(|e| format!("{path}: {e}"))?;
            let fit =
                hpg_model::analyses::fit::fit(&Engine::default(), &scenario).map_err(|e| format!("{path}: {e}"))?;
            eprintln!("{:>7} {:<20} {:>10} {:>10} {:<7} {:>6}", "week", "lab", "measured", "fitted", "unit", "SDs");
            for p in &fit.points {
                eprintln!(
                    "{:>7.1} {:<20} {:>10.3} {:>10.3} {:<7} {:>6.2}",
                    p.lab.day / 7.0,
                    p.lab.analyte.label(),
                    p.lab.value,
                    p.simulated,
                    p.lab.unit.label(),
                    p.sds_off()
                );
            }
            eprintln!("{} simulations", fit.runs);
            if let Some(why) = fit.refusal {
                eprintln!("{why}");
                return Ok(ExitCode::from(1));
            }
            scenario.subject.traits = fit.man.traits();
            say!("{}", scenario.to_json());
            Ok(ExitCode::SUCCESS)
        }
        "validate" => {
            let path = args.get(1).ok_or("validate needs a file")?;
            let file = validation::parse(&read(path)?).map_err(|e| format!("{path}: {e}"))?;
            let outcomes = validation::run(&Engine::default(), &file);
            if let Some(i) = args.iter().position(|a| a == "--svg") {
                let out = args.get(i + 1).ok_or("--svg needs a file to write the figure to")?;
                std::fs::write(out, hpg_model::analyses::evidence::figure(&file.cases, &outcomes))
                    .map_err(|e| format!("{out}: {e}"))?;
            }
            if let Some(i) = args.iter().position(|a| a == "--json") {
                let out = args.get(i + 1).ok_or("--json needs a file to write the evidence to")?;
                std::fs::write(out, hpg_model::analyses::evidence::json(&file.cases, &outcomes))
                    .map_err(|e| format!("{out}: {e}"))?;
            }
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
        "calibrate-model" => calibrate_model(&args[1..]),
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

/// `hpg-sim calibrate-model`: one search over every observation of a validation file, resumable, then the
/// score with the full population and, with `--cv`, leave-one-study-out cross-validation.
fn calibrate_model(args: &[String]) -> Result<ExitCode, String> {
    let mut path = None;
    let (mut cv, mut men, mut sweeps) = (false, 20usize, 6usize);
    let mut state = String::from("target/calibration.json");
    let mut it = args.iter();
    let number = |flag: &str, v: Option<&String>| -> Result<usize, String> {
        let v = v.ok_or_else(|| format!("{flag} needs a whole number"))?;
        v.parse().map_err(|_| format!("{flag} takes a whole number, not {v:?}"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--cv" => cv = true,
            "--men" => men = number("--men", it.next())?.clamp(2, population::MAX_MEN),
            "--sweeps" => sweeps = number("--sweeps", it.next())?,
            "--state" => state = it.next().ok_or("--state needs a file")?.clone(),
            "--priors" => {
                say!("{}", calibration::priors_markdown(&Params::default()).trim_end_matches('\n'));
                return Ok(ExitCode::SUCCESS);
            }
            flag if flag.starts_with("--") => return Err(format!("calibrate-model: unknown option {flag:?}\n{USAGE}")),
            p if path.is_none() => path = Some(p.to_string()),
            other => return Err(format!("calibrate-model: unexpected argument {other:?}")),
        }
    }
    let path = path.ok_or("calibrate-model needs a validation file (or --priors)")?;
    let text = read(&path)?;
    let file = validation::parse(&text).map_err(|e| format!("{path}: {e}"))?;
    let problem = Problem::new(file.cases, men);
    let shipped = Params::default();
    let of = calibration::fingerprint(&text, men);

    let saved: Option<Search> = std::fs::read_to_string(&state).ok().and_then(|t| serde_json::from_str(&t).ok());
    let mut search = match saved.filter(|s: &Search| s.of == of && sweeps > 0) {
        Some(s) => {
            eprintln!(
                "resuming {state}: sweep {}, parameter {}, objective {:.4}",
                s.sweep + 1,
                s.next + 1,
                s.objective
            );
            s
        }
        None => {
            eprintln!(
                "{} cases, {} parameters, {men} men per population while searching",
                problem.cases.len(),
                calibration::PRIORS.len()
            );
            Search::start(&problem, of, &shipped)
        }
    };
    search.allow_sweeps(sweeps);
    let save = |s: &Search| {
        if let Some(dir) = std::path::Path::new(&state).parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let json = serde_json::to_string_pretty(s).expect("a search serialises");
        std::fs::write(&state, json).map_err(|e| format!("{state}: {e}"))
    };
    while !search.done {
        let tried = search.next;
        search.step(&problem, &shipped, sweeps);
        eprintln!(
            "sweep {} step {:.3} {:<34} z {:+.2}  objective {:.4}  ({} runs)",
            search.sweep + 1,
            search.step,
            calibration::PRIORS[tried].key,
            search.z[tried],
            search.objective,
            search.evaluations
        );
        save(&search)?;
    }
    let fitted = search.params(&shipped);
    let full = population::DEFAULT_MEN;
    let moves = calibration::moves(&shipped, &fitted);
    let before = problem.outcomes(&shipped, &problem.all(), full).concat();
    // Nothing moved (`--sweeps 0`, or a search that found nothing better): the fitted set is the shipped one.
    let after =
        if moves.is_empty() { before.clone() } else { problem.outcomes(&fitted, &problem.all(), full).concat() };
    say!("shipped: {}", validation::summary(&before));
    say!("fitted:  {}", validation::summary(&after));
    if !moves.is_empty() {
        say!("\n| parameter | shipped | fitted | SDs from source |\n|---|---|---|---|");
        for (key, from, to, z) in &moves {
            say!("| `{key}` | {from:.4} | {to:.4} | {z:+.2} |");
        }
    }
    for o in after.iter().filter(|o| !o.passed()) {
        say!("miss: {}", o.line());
    }
    if cv {
        say!("\nleave-one-study-out (each study refitted without it, then simulated with {full} men):");
        let held = calibration::cross_validate(&problem, &shipped, &search.z, full, |h| {
            let passed = h.outcomes.iter().filter(|o| o.passed()).count();
            let moved: Vec<String> = h.moved.iter().take(3).map(|(k, d)| format!("{k} {d:+.1}")).collect();
            eprintln!("  {passed}/{} {}  [{}]", h.outcomes.len(), h.study, moved.join(", "));
        });
        for h in &held {
            let passed = h.outcomes.iter().filter(|o| o.passed()).count();
            say!("{:>3}/{:<3} {}", passed, h.outcomes.len(), h.study);
        }
        let all: Vec<_> = held.iter().flat_map(|h| h.outcomes.iter().cloned()).collect();
        let passed = all.iter().filter(|o| o.passed()).count();
        say!(
            "cross-validated: {passed}/{} observations within published range ({:.0} %) with each study left out of the fit",
            all.len(),
            100.0 * passed as f64 / all.len().max(1) as f64
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `hpg-sim story`: the stories, or one story's steps as the page shows them, numbers read from the model.
fn story(args: &[String]) -> Result<ExitCode, String> {
    let mut id = None;
    let (mut depth, mut units) = (0, Units::Conventional);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--depth" => {
                depth = match it.next().map(String::as_str) {
                    Some("basics") => 0,
                    Some("clinical") => 1,
                    Some("academic") => 2,
                    other => return Err(format!("--depth takes basics, clinical or academic, not {other:?}")),
                }
            }
            "--units" => {
                units = match it.next().map(String::as_str) {
                    Some("si") => Units::Si,
                    Some("conventional") => Units::Conventional,
                    other => return Err(format!("--units takes si or conventional, not {other:?}")),
                }
            }
            other if id.is_none() && !other.starts_with("--") => id = Some(other),
            other => return Err(format!("story: unexpected argument {other:?}")),
        }
    }
    let Some(id) = id else {
        for s in stories::all() {
            say!("{:<22} {} ({} steps): {}", s.id, s.title, s.steps.len(), s.summary);
        }
        return Ok(ExitCode::SUCCESS);
    };
    // A file is a story a teacher wrote: checked whole, every error named by its field.
    let story = if id.ends_with(".json") || std::path::Path::new(id).is_file() {
        let text = std::fs::read_to_string(id).map_err(|e| format!("{id}: {e}"))?;
        &*Box::leak(Box::new(stories::Story::from_json(&text).map_err(|e| format!("{id}: {e}"))?))
    } else {
        stories::find(id).ok_or_else(|| format!("no story named {id:?} (see `hpg-sim story`)"))?
    };
    let engine = Engine::default();
    say!("{} ({} steps)", story.title, story.steps.len());
    for (i, step) in story.steps.iter().enumerate() {
        let (a, b) = step.plans();
        let a = engine.simulate(&a).map_err(|e| e.to_string())?;
        let b = b.map(|b| engine.simulate(&b)).transpose().map_err(|e| e.to_string())?;
        let fill = |text: &str| stories::fill(text, &a, b.as_ref(), units);
        say!("\n{}. {}  (?story={}&step={})", i + 1, step.title, story.id, i + 1);
        say!("{}", fill(&stories::text(step, depth)));
        if let Some(p) = &step.predict {
            say!("Predict: {}", p.question);
            let right = p.right_choice(&a);
            for (k, c) in p.choices.iter().enumerate() {
                say!("  {} {c}", if k == right { "*" } else { "-" });
            }
            say!("Why: {}", fill(p.why));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The options `run` and `recovery` share.
struct Options {
    format: &'static str,
    scenario: Result<Scenario, String>,
    population: Option<Setting>,
    /// `sensitivity`'s outcome.
    outcome: Option<Outcome>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut format = "csv";
        let mut source: Option<Result<Scenario, String>> = None;
        let (mut men, mut seed) = (None, None);
        let mut outcome = None;
        let (mut link, mut plan_b, mut every, mut file) = (None, false, None, None);
        let mut it = args.iter();
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
                "--link" => link = Some(it.next().ok_or("--link needs a page link or its query")?.as_str()),
                "--plan" => {
                    plan_b = match it.next().map(String::as_str) {
                        Some("a" | "A") => false,
                        Some("b" | "B") => true,
                        other => return Err(format!("--plan takes a or b, not {other:?}")),
                    }
                }
                "--every" => {
                    let v = it.next().ok_or("--every needs a step such as 1d, 6h or 30min")?;
                    every = Some(parse_step_days(v)?);
                }
                "--population" => {
                    let v = it.next().ok_or("--population needs a number of men")?;
                    let n = v.parse::<usize>().map_err(|_| {
                        format!("--population takes a whole number of men from 2 to {}, not {v:?}", population::MAX_MEN)
                    })?;
                    men = Some(n);
                }
                "--seed" => {
                    let v = it.next().ok_or("--seed needs a number")?;
                    seed = Some(
                        v.parse::<u64>()
                            .map_err(|_| format!("--seed takes a whole number from 0 to {}, not {v:?}", u64::MAX))?,
                    );
                }
                "--outcome" => {
                    let keys: Vec<&str> = Outcome::ALL.iter().map(|o| o.key()).collect();
                    let v = it.next().ok_or_else(|| format!("--outcome needs one of {}", keys.join(", ")))?;
                    outcome = Some(
                        Outcome::from_key(v)
                            .ok_or_else(|| format!("--outcome takes one of {}, not {v:?}", keys.join(", ")))?,
                    );
                }
                flag if flag.starts_with("--") => return Err(format!("unknown option {flag:?}\n{USAGE}")),
                path => {
                    // A file may keep a plan B (`compared`, as the page's JSON export writes two plans).
                    file =
                        Some(read(path).and_then(|t| Scenario::plans_from_json(&t).map_err(|e| format!("{path}: {e}"))))
                }
            }
        }
        if let Some(link) = link {
            // The whole address or only its query: what follows '?' (and precedes '#') is the scenario.
            let query = link.split_once('?').map_or(link, |(_, q)| q);
            let query = query.split('#').next().unwrap_or("");
            // Read as the page reads it: what the page leaves out of a link, this leaves out too, and says so.
            source = Some(match hpg_model::scenario::link::decode_salvaging(query) {
                Ok(read) => {
                    for d in &read.dropped {
                        eprintln!("hpg-sim: left out of the link, as the page leaves it out: {} ({})", d.text, d.error);
                    }
                    if plan_b {
                        read.compared.ok_or_else(|| "--plan b: this link carries no plan B".to_string())
                    } else {
                        Ok(read.scenario)
                    }
                }
                Err(e) => Err(format!("the link: {e}")),
            });
        } else if let Some(plans) = file {
            source = Some(plans.and_then(|(a, b)| match plan_b {
                true => b.ok_or_else(|| "--plan b: this file keeps no plan B (its \"compared\")".to_string()),
                false => Ok(a),
            }));
        } else if plan_b {
            return Err("--plan b reads the plan B of a link or a file: give one".into());
        }
        if let (Some(step), Some(Ok(s))) = (every, source.as_mut()) {
            s.output_step_days = Some(step);
            s.check().map_err(|e| format!("--every: {e}"))?;
        }
        let population = match (men, seed) {
            (None, None) => None,
            (men, seed) => {
                let d = Setting::default();
                let s = Setting { men: men.unwrap_or(d.men), seed: seed.unwrap_or(d.seed) };
                s.check().map_err(|e| format!("--population: {e}"))?;
                Some(s)
            }
        };
        Ok(Options { format, scenario: source.ok_or_else(|| USAGE.to_string())?, population, outcome })
    }
}

/// A row step as `--every` takes it (`30min`, `6h`, `1d`, `2w`, or a bare number of days), in days.
fn parse_step_days(v: &str) -> Result<f64, String> {
    let v = v.trim();
    let split = v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len());
    let (number, unit) = v.split_at(split);
    let per_day = match unit {
        "" | "d" | "day" | "days" => 1.0,
        "h" | "hour" | "hours" => 24.0,
        "min" | "minute" | "minutes" => 1440.0,
        "w" | "week" | "weeks" => 1.0 / 7.0,
        _ => return Err(format!("--every takes a step such as 30min, 6h, 1d or 1w, not {v:?}")),
    };
    match number.parse::<f64>() {
        Ok(n) if n > 0.0 && n.is_finite() => Ok(n / per_day),
        _ => Err(format!("--every takes a step such as 30min, 6h, 1d or 1w, not {v:?}")),
    }
}

/// Every output (conventional units), then its 10th, 50th and 90th percentiles over a population.
fn columns(t: &Trajectory, bands: Option<&Bands>) -> Vec<(String, Vec<f64>)> {
    let conv = |o: Output, v: &[f64]| v.iter().map(|&x| o.to_conventional(x)).collect::<Vec<f64>>();
    let mut cols: Vec<(String, Vec<f64>)> =
        Output::ALL.iter().map(|&o| (o.column_header(Units::Conventional), conv(o, t.column(o)))).collect();
    if let Some(b) = bands {
        for o in Output::ALL {
            let h = o.column_header(Units::Conventional);
            for (tag, p) in [("p10", &b.p10), ("p50", &b.p50), ("p90", &b.p90)] {
                cols.push((format!("{h}_{tag}"), conv(o, &p[o.index()])));
            }
        }
    }
    cols
}

fn to_csv(t: &Trajectory, bands: Option<&Bands>) -> String {
    if bands.is_none() {
        return t.to_csv(Units::Conventional);
    }
    let cols = columns(t, bands);
    let rows = cols.iter().map(|c| c.1.len()).min().unwrap_or(0).min(t.len());
    let mut s = String::from("day");
    for (h, _) in &cols {
        s.push(',');
        s.push_str(h);
    }
    s.push('\n');
    for i in 0..rows {
        s.push_str(&format!("{:.5}", t.days[i]));
        for (_, v) in &cols {
            s.push_str(&format!(",{:.5}", v[i]));
        }
        s.push('\n');
    }
    s
}

fn to_json(t: &Trajectory, bands: Option<&Bands>) -> String {
    let mut out = serde_json::Map::new();
    out.insert("events".into(), serde_json::json!(hpg_model::words::events::derive(t)));
    out.insert("day".into(), serde_json::json!(t.days));
    for (h, v) in columns(t, bands) {
        out.insert(h, serde_json::json!(v));
    }
    serde_json::to_string(&out).expect("finite numbers serialise") + "\n"
}
