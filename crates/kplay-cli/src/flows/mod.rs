//! `kplay flows http|pool|polling|system [--key value …] [--seed N] [--until-ms T] [--json]`: runs one of the
//! notes' contrasts (docs/flows.md) and prints both sides' numbers next to each other, or as one JSON object.
//! The keys, their bounds and defaults are kplay-core's ([`kplay_core::flows::setup`]): `--payment-ms` is
//! the key `payment_ms`, as in a flow scenario file (`kplay run FLOW.json`, [`running`]).

pub mod report;
pub mod running;

use crate::error::CliError;
use kplay_core::flows::setup::{FlowSetup, Model, SetError, MAX_RUN_MS};
use kplay_core::scenario::{parse_whole, ScenarioProblem};

const USAGE: &str = "usage: kplay flows http|pool|polling|system [--key value …] [--seed N] [--until-ms T] [--json] (keys: docs/flows.md)";

/// The options every model takes, and the model's own `--key value` pairs in order.
struct Common {
    seed: u64,
    until_ms: u64,
    json: bool,
    pairs: Vec<(String, String)>,
}

fn common(args: &[String], until_default: u64) -> Result<Common, CliError> {
    let mut c = Common {
        seed: 42,
        until_ms: until_default,
        json: false,
        pairs: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--json" {
            c.json = true;
            continue;
        }
        if !a.starts_with("--") {
            return Err(CliError::new(
                "arguments",
                format!("unexpected argument {a:?}\n{USAGE}"),
            ));
        }
        let v = it
            .next()
            .cloned()
            .ok_or_else(|| CliError::new(a.clone(), "missing value"))?;
        let whole = |lo, hi| parse_whole(&v, lo, hi).map_err(|e| CliError::new(a.clone(), e));
        match a.as_str() {
            "--seed" => c.seed = whole(0, u64::MAX)?,
            "--until-ms" => c.until_ms = whole(1, MAX_RUN_MS)?,
            _ => c.pairs.push((a.clone(), v)),
        }
    }
    Ok(c)
}

/// A key as an option: `payment_ms` → `--payment-ms`.
pub fn flag(key: &str) -> String {
    format!("--{}", key.replace('_', "-"))
}

/// Prints every problem but the last and returns the last, each located by `place(path)`.
pub fn problems(ps: Vec<ScenarioProblem>, place: &dyn Fn(&str) -> String) -> CliError {
    let mut errors: Vec<CliError> = ps
        .into_iter()
        .map(|p| CliError::new(place(&p.path), p.problem))
        .collect();
    let last = errors
        .pop()
        .unwrap_or_else(|| CliError::new("flows", "invalid setup"));
    for e in errors {
        eprintln!("{e}");
    }
    last
}

/// `kplay flows …`.
pub fn run(args: &[String]) -> Result<(), CliError> {
    let (model, rest) = match args.split_first() {
        Some((m, rest)) => match Model::from_name(m) {
            Some(model) => (model, rest),
            None => {
                return Err(CliError::new(
                    "flows",
                    format!("unknown model {m:?}; expected http, pool, polling or system"),
                ))
            }
        },
        None => return Err(CliError::new("flows", format!("missing model\n{USAGE}"))),
    };
    let c = common(rest, model.default_until_ms())?;
    let mut setup = FlowSetup::new(model);
    for (opt, v) in &c.pairs {
        let key = opt.trim_start_matches('-').replace('-', "_");
        match setup.set(&key, v) {
            Ok(()) => {}
            Err(SetError::Unknown) => {
                return Err(CliError::new(
                    opt.clone(),
                    format!("unknown option\n{USAGE}"),
                ))
            }
            Err(SetError::Rule(e)) => return Err(CliError::new(opt.clone(), e)),
        }
    }
    let spec = setup
        .build(&flag)
        .map_err(|ps| problems(ps, &|p| p.to_string()))?;
    let mut r =
        running::Running::new(&spec, c.seed).map_err(|ps| problems(ps, &|p| p.to_string()))?;
    r.run_until(c.until_ms, &mut |_| Ok(()))
        .map_err(|e| CliError::new("flows", e.to_string()))?;
    let mut out = std::io::stdout().lock();
    let printed = if c.json {
        report::json(&r, &spec, c.seed, &mut out)
    } else {
        report::text(&r, &spec, c.until_ms, c.seed, &mut out)
    };
    printed.map_err(|e| CliError::new("flows", format!("cannot write: {e}")))
}
