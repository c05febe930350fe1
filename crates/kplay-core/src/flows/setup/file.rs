//! Flow scenario files: a versioned JSON object that names a model (`flow`) and sets its keys with the names
//! of [`super::Model::keys`] (`kplay flows --payment-timeout-ms 500` is `"payment_timeout_ms": 500`). Every
//! problem is reported with its field path; the rules are the keys' own ([`super::FlowSetup`]).
//!
//! ```
//! use kplay_core::flows::setup::{file, FlowSpec};
//! let v = kplay_core::json::parse(r#"{"version":1,"flow":"polling","seed":7,"clients":3}"#).unwrap();
//! assert!(file::is_flow(&v));
//! let f = file::read(&v).unwrap();
//! assert_eq!(f.seed, 7);
//! assert!(matches!(f.spec, FlowSpec::Polling(p) if p.clients == 3));
//! let bad = kplay_core::json::parse(r#"{"version":1,"flow":"polling","clients":"many"}"#).unwrap();
//! assert_eq!(
//!     file::read(&bad).unwrap_err()[0].to_string(),
//!     "clients: must be a whole number from 1 to 100000, got a string"
//! );
//! ```

use super::{FlowSetup, FlowSpec, Model, Rule, SetError};
use crate::json::Value;
use crate::scenario::{parse_whole, ScenarioProblem};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// The flow scenario format version this build reads.
pub const VERSION: u64 = 1;

/// The seed when the file gives none (as `kplay flows`).
pub const DEFAULT_SEED: u64 = 42;

/// The fields every flow scenario may have besides its model's keys.
pub const COMMON: [&str; 4] = ["version", "flow", "seed", "description"];

/// A read flow scenario.
///
/// ```
/// let v = kplay_core::json::parse(r#"{"version":1,"flow":"http"}"#).unwrap();
/// let f = kplay_core::flows::setup::file::read(&v).unwrap();
/// assert_eq!((f.model.name(), f.seed), ("http", 42));
/// ```
#[derive(Clone, Debug)]
pub struct FlowFile {
    /// Which contrast.
    pub model: super::Model,
    /// The file's seed (default [`DEFAULT_SEED`]).
    pub seed: u64,
    /// The spec the model runs.
    pub spec: FlowSpec,
}

/// The fields only an engine scenario has.
const ENGINE: [&str; 4] = ["topics", "producers", "groups", "faults"];

/// Whether `v` is meant as a flow scenario rather than an engine scenario: it has a `flow` field, or (having
/// forgotten it) no engine-only field and some field that is a model's key (or `description`), so the
/// reader can say that `flow` is missing instead of calling every key unknown.
///
/// ```
/// use kplay_core::flows::setup::file::is_flow;
/// let v = |t| kplay_core::json::parse(t).unwrap();
/// assert!(!is_flow(&v(r#"{"version":1,"topics":[]}"#)));
/// assert!(is_flow(&v(r#"{"version":1,"flow":"http"}"#)));
/// assert!(is_flow(&v(r#"{"version":1,"rate":5}"#)));
/// assert!(!is_flow(&v(r#"{"version":1,"rate":5,"topics":[]}"#)));
/// ```
pub fn is_flow(v: &Value) -> bool {
    let Some(o) = v.as_object() else {
        return false;
    };
    let flow_key = |k: &str| k == "description" || Model::ALL.iter().any(|m| m.key(k).is_some());
    o.contains_key("flow")
        || (!ENGINE.iter().any(|k| o.contains_key(k)) && o.iter().any(|(k, _)| flow_key(k)))
}

fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(_) => v.to_string(),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads a flow scenario: the file, or every problem with its field path (`""` for the whole file).
///
/// ```
/// let v = kplay_core::json::parse(r#"{"version":2,"flow":"pool","threads":0,"colour":1}"#).unwrap();
/// let got: Vec<String> =
///     kplay_core::flows::setup::file::read(&v).unwrap_err().iter().map(|p| p.to_string()).collect();
/// assert_eq!(got[0], "version: must be 1, got 2");
/// assert_eq!(got[1], "threads: must be a whole number from 1 to 10000, got 0");
/// assert!(got[2].starts_with("colour: unknown field \"colour\"; allowed: version, flow, seed, description, threads,"));
/// ```
pub fn read(v: &Value) -> Result<FlowFile, Vec<ScenarioProblem>> {
    let Some(obj) = v.as_object() else {
        return Err(alloc::vec![ScenarioProblem::new(
            "",
            format!("must be an object, got {}", kind(v))
        )]);
    };
    let mut ps = Vec::new();
    let mut bad = |path: &str, problem: String| ps.push(ScenarioProblem::new(path, problem));
    match obj.get("version") {
        None => bad("", "missing the required field \"version\"".into()),
        Some(x) if x.as_u64() == Some(VERSION) => {}
        Some(x) => bad("version", format!("must be {VERSION}, got {}", found(x))),
    }
    let mut seed = DEFAULT_SEED;
    if let Some(x) = obj.get("seed") {
        let got = match x {
            Value::Number(_) => parse_whole(&x.to_string(), 0, u64::MAX),
            _ => Err(format!(
                "must be a whole number from 0 to {}, got {}",
                u64::MAX,
                kind(x)
            )),
        };
        match got {
            Ok(n) => seed = n,
            Err(e) => bad("seed", e),
        }
    }
    if let Some(x) = obj.get("description") {
        if !x.is_string() {
            bad("description", format!("must be a string, got {}", kind(x)));
        }
    }
    let model = match obj.get("flow") {
        None => {
            bad("", "missing the required field \"flow\"".into());
            None
        }
        Some(x) => {
            let m = x.as_str().and_then(Model::from_name);
            if m.is_none() {
                let rule = Rule::Word(&["http", "pool", "polling", "system"]);
                bad("flow", format!("{}, got {}", rule.describe(), found(x)));
            }
            m
        }
    };
    // Without a model the other fields cannot be told from unknown ones: only the above is reported.
    let Some(model) = model else {
        return Err(ps);
    };
    let mut setup = FlowSetup::new(model);
    for (name, x) in obj.iter() {
        if COMMON.contains(&name.as_str()) {
            continue;
        }
        let Some(key) = model.key(name) else {
            let allowed: Vec<&str> = COMMON
                .iter()
                .copied()
                .chain(model.keys().iter().map(|k| k.name))
                .collect();
            bad(
                name,
                format!("unknown field {name:?}; allowed: {}", allowed.join(", ")),
            );
            continue;
        };
        let text = match (key.rule, x) {
            (Rule::Word(_), Value::String(s)) => s.clone(),
            (Rule::Whole(..) | Rule::Ratio, Value::Number(_)) => x.to_string(),
            _ => {
                bad(name, format!("{}, got {}", key.rule.describe(), kind(x)));
                continue;
            }
        };
        match setup.set(name, &text) {
            Ok(()) => {}
            // Whole-number keys given a fraction: name the number as written, not as a quoted word.
            Err(SetError::Rule(_))
                if matches!(key.rule, Rule::Whole(..)) && !x.is_u64() && !x.is_i64() =>
            {
                bad(name, format!("{}, got {text}", key.rule.describe()))
            }
            Err(SetError::Rule(e)) => bad(name, e),
            Err(SetError::Unknown) => {}
        }
    }
    if !ps.is_empty() {
        return Err(ps);
    }
    let spec = setup.build(&|k| k.into())?;
    Ok(FlowFile { model, seed, spec })
}
