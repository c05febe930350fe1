//! The one JSON reader of the scenario: walks a [`crate::json::Value`] by hand into a [`Scenario`] or one of its
//! parts, and collects **every** type problem with its field path instead of stopping at the first.
//!
//! It reads what serde's derive read (field names, defaults, `deny_unknown_fields`, the enums' words and their
//! aliases, [`Processing`]'s two forms) and words each problem as [`super::json_problem`] words serde's
//! messages: `groups[0].instances[1].threads: must be a whole number from 0 to 4294967295, got "many"`. A bad
//! value is replaced by its default (a required one by `""`, `0` or the first word) and reading goes on, so
//! the validator can still check the rest. The types' `Deserialize` impls run this reader too, so there is one
//! reader for the CLI, the web and every serde user (a problem then becomes serde's custom error
//! `path: rule`).
//!
//! ```
//! use kplay_core::scenario::json;
//! let v = kplay_core::json::parse(
//!     r#"{"version": 1, "topics": [{"name": "t", "partitions": -2, "colour": "red"}]}"#,
//! ).unwrap();
//! let (scenario, problems) = json::read_scenario(&v);
//! assert_eq!(scenario.topics[0].name, "t");
//! let texts: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
//! assert_eq!(texts[0], "topics[0].partitions: must not be negative, got -2");
//! assert!(texts[1].starts_with("topics[0].colour: unknown field \"colour\"; allowed: name, partitions,"));
//! ```

use super::{
    GroupSpec, InstanceSpec, Processing, ProducerSpec, Scenario, ScenarioProblem, TopicSpec,
};
use crate::json::Value;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use ctx::Ctx;

#[cfg(feature = "brokers")]
mod broker;
mod ctx;
#[cfg(feature = "serde")]
mod de;
mod group;
mod parts;
mod producer;
#[cfg(feature = "import")]
mod start;
mod write;

pub use write::write;

/// Reads a whole scenario document: the scenario (bad values replaced by their defaults) and every type
/// problem, in document order. The validator's rules are not checked here ([`Scenario::validate`]).
///
/// ```
/// let v = kplay_core::json::parse(r#"{"version": 1, "seed": "x"}"#).unwrap();
/// let (s, problems) = kplay_core::scenario::json::read_scenario(&v);
/// assert_eq!(s.seed, 0);
/// assert_eq!(problems[0].to_string(), "seed: must be a whole number from 0 to 18446744073709551615, got \"x\"");
/// ```
pub fn read_scenario(v: &Value) -> (Scenario, Vec<ScenarioProblem>) {
    let mut c = Ctx::default();
    let s = parts::scenario(&mut c, v);
    (s, c.problems)
}

/// Reads a whole scenario document, or gives every type problem.
///
/// ```
/// let v = kplay_core::json::parse(r#"{"topics": []}"#).unwrap();
/// let p = kplay_core::scenario::json::scenario(&v).unwrap_err();
/// assert_eq!(p[0].to_string(), ": missing the required field \"version\"");
/// ```
pub fn scenario(v: &Value) -> Result<Scenario, Vec<ScenarioProblem>> {
    run(v, parts::scenario)
}

/// Reads one topic (a lesson's `add_topic`); paths start inside it (`partitions`).
///
/// ```
/// let v = kplay_core::json::parse(r#"{"name": "orders", "partitions": 3, "cleanup": "compact"}"#).unwrap();
/// assert_eq!(kplay_core::scenario::json::topic(&v).unwrap().partitions, 3);
/// ```
pub fn topic(v: &Value) -> Result<TopicSpec, Vec<ScenarioProblem>> {
    run(v, producer::topic)
}

/// Reads one producer (a lesson's `add_producer`).
///
/// ```
/// let v = kplay_core::json::parse(r#"{"id": "p", "topic": "t", "rate_per_s": 1.5}"#).unwrap();
/// let p = kplay_core::scenario::json::producer(&v).unwrap_err();
/// assert_eq!(p[0].to_string(), "rate_per_s: must be a whole number from 0 to 4294967295, got 1.5");
/// ```
pub fn producer(v: &Value) -> Result<ProducerSpec, Vec<ScenarioProblem>> {
    run(v, producer::producer)
}

/// Reads one consumer group (a lesson's `add_group`).
///
/// ```
/// let v = kplay_core::json::parse(r#"{"id": "g", "topics": ["t"], "strategy": "cooperative-sticky"}"#).unwrap();
/// let g = kplay_core::scenario::json::group(&v).unwrap();
/// assert_eq!(g.strategy, kplay_core::assignor::Strategy::CooperativeSticky);
/// ```
pub fn group(v: &Value) -> Result<GroupSpec, Vec<ScenarioProblem>> {
    run(v, group::group)
}

/// Reads one instance (a lesson's `add_instance`).
///
/// ```
/// let v = kplay_core::json::parse(r#"{"id": "i", "listener": "L", "processing_ms": {"min": 1, "max": 5}}"#).unwrap();
/// let i = kplay_core::scenario::json::instance(&v).unwrap();
/// assert_eq!(i.threads, 1);
/// ```
pub fn instance(v: &Value) -> Result<InstanceSpec, Vec<ScenarioProblem>> {
    run(v, group::instance)
}

/// Reads a processing time: a number of ms or `{"min": a, "max": b}` (a lesson's `set_processing`).
///
/// ```
/// use kplay_core::scenario::{json, Processing};
/// assert_eq!(json::processing(&kplay_core::json::parse(r#"20"#).unwrap()), Ok(Processing::Fixed(20)));
/// assert!(json::processing(&kplay_core::json::parse(r#"{"min": 1}"#).unwrap()).is_err());
/// ```
pub fn processing(v: &Value) -> Result<Processing, Vec<ScenarioProblem>> {
    run(v, group::processing)
}

fn run<T>(v: &Value, read: fn(&mut Ctx, &Value) -> T) -> Result<T, Vec<ScenarioProblem>> {
    let mut c = Ctx::default();
    let t = read(&mut c, v);
    if c.problems.is_empty() {
        Ok(t)
    } else {
        Err(c.problems)
    }
}

/// The problems as one line (`path: rule; path: rule`), for serde's custom error.
#[cfg(feature = "serde")]
fn one_line(problems: &[ScenarioProblem]) -> String {
    let mut out = String::new();
    for p in problems {
        if !out.is_empty() {
            out.push_str("; ");
        }
        if !p.path.is_empty() {
            out.push_str(&p.path);
            out.push_str(": ");
        }
        out.push_str(&p.problem);
    }
    out
}

/// The words a word-valued enum accepts: `names` in serde's order (each variant's name, then aliases),
/// `of[i]` the index in `all` of `names[i]`'s variant.
pub(crate) struct Words<T: 'static> {
    pub(crate) all: &'static [T],
    pub(crate) names: &'static [&'static str],
    pub(crate) of: &'static [u8],
}

impl<T: Copy + PartialEq> Words<T> {
    /// The variant's first word: serde's name of it for every table but `PartitionerKind`'s (aliases first).
    pub(crate) fn name(&self, v: T) -> &'static str {
        let j = self.all.iter().position(|x| *x == v).unwrap_or(0);
        let i = self.of.iter().position(|o| usize::from(*o) == j);
        i.map_or("", |i| self.names[i])
    }

    /// The variant `v` names, or the problem in plain words.
    #[cfg(feature = "serde")]
    pub(crate) fn read(&self, v: &Value) -> Result<T, String> {
        word(v, self.names, self.of).map(|i| self.all[i])
    }
}

/// Which of `names` the JSON value is (a string, or serde's externally tagged `{"name": null}`).
fn word(v: &Value, names: &[&str], of: &[u8]) -> Result<usize, String> {
    let (name, rest) = match v {
        Value::String(s) => (s, None),
        Value::Object(m) => match (m.len(), m.iter().next()) {
            (1, Some((k, x))) => (k, Some(x)),
            _ => return Err("invalid value: map, expected map with a single key".into()),
        },
        other => return Err(format!("must be string or map, got {}", found(other))),
    };
    let Some(i) = names.iter().position(|n| n == name) else {
        return Err(format!(
            "unknown value {name:?}; allowed: {}",
            names.join(", ")
        ));
    };
    match rest {
        Some(x) if !x.is_null() => Err(format!("must be unit, got {}", found(x))),
        _ => Ok(usize::from(of[i])),
    }
}

/// What a JSON value is, in the words of the problems: `5`, `1.5`, `"x"`, `true`, `null`, `a list`, `an object`.
fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u.to_string(),
            (_, Some(i), _) => i.to_string(),
            (_, _, Some(f)) => float(f),
            _ => String::new(),
        },
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A float as serde names it (`1.5`, `2.0`), without a float formatter (serde_json's costs 1.8 KB gzip of wasm):
/// to 6 decimals, which is all a scenario's numbers could use; very small or large ones by their size.
fn float(f: f64) -> String {
    let a = if f < 0.0 { -f } else { f };
    if a == 0.0 || (1e-6..9e12).contains(&a) {
        let t = super::Ratio::from_f64(f).to_string();
        return if t.contains('.') { t } else { t + ".0" };
    }
    if a < 1e-6 {
        return "a number close to 0".into();
    }
    let whole = a as u64;
    if whole as f64 == a && a < 1.8e19 {
        let sign = if f < 0.0 { "-" } else { "" };
        return format!("{sign}{whole}.0");
    }
    "a number too large".into()
}
