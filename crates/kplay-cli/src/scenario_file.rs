//! Reading a scenario file. Every problem is reported as `error: <file>: <field path>: <rule>`: first every JSON
//! type problem, then every broken rule of the scenario validator.
//!
//! serde stops at the first type problem, so the file is read into a `serde_json::Value` and deserialized again
//! after each problem with the offending value set aside: an unknown field is removed, a missing one added, a
//! value of the wrong type replaced by a stand-in of another JSON type (or the first allowed name of an enum)
//! that lets the reader get past it. A stand-in must move the first problem elsewhere (not to the same field, nor to an enclosing object),
//! so each problem is reported once; rule problems under a set-aside field are not reported (they would be about
//! the stand-in). If no stand-in gets past a problem, the type problems found so far are all that is reported.

use crate::error::CliError;
use kplay_core::scenario::{json_problem, Scenario};
use serde_json::Value;
use serde_path_to_error::Segment;

/// One step into a JSON value.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Index(usize),
    Key(String),
}

/// A problem: its field path (`groups[0].threads`, "" for the whole file) and the rule it breaks.
pub type Problem = (String, String);

/// Most type problems collected from one file (a guard: each stand-in moves the first problem onward).
const MAX_PROBLEMS: usize = 200;

/// Reads and checks `path`: the valid scenario, or every problem, all printed but the last, which is returned.
pub fn load(path: &str) -> Result<Scenario, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new(path, format!("cannot read: {e}")))?;
    problems(&text).map_err(|list| report(path, list))
}

/// Prints all problems but the last as `error: <file>: <path>: <rule>` and returns the last.
pub fn report(file: &str, list: Vec<Problem>) -> CliError {
    let mut errors: Vec<CliError> = list
        .into_iter()
        .map(|(at, what)| {
            let place = if at.is_empty() {
                file.to_string()
            } else {
                format!("{file}: {at}")
            };
            CliError::new(place, what)
        })
        .collect();
    let last = errors
        .pop()
        .unwrap_or_else(|| CliError::new(file, "invalid scenario"));
    for e in errors {
        eprintln!("{e}");
    }
    last
}

/// The scenario in `text`, or every problem with its path: JSON type problems first, then broken rules.
pub fn problems(text: &str) -> Result<Scenario, Vec<Problem>> {
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| vec![(String::new(), e.to_string())])?;
    let mut found = Vec::new();
    let mut set_aside: Vec<String> = Vec::new();
    loop {
        let (steps, at, msg) = match read(&value) {
            Ok(scenario) if found.is_empty() => {
                return scenario
                    .validate()
                    .map(|()| scenario)
                    .map_err(|ps| ps.into_iter().map(|p| (p.path, p.problem)).collect())
            }
            Ok(scenario) => {
                if let Err(ps) = scenario.validate() {
                    let under = |p: &str| {
                        set_aside.iter().any(|a| {
                            p.strip_prefix(a.as_str())
                                .is_some_and(|r| r.is_empty() || r.starts_with(['.', '[']))
                        })
                    };
                    found.extend(
                        ps.into_iter()
                            .filter(|p| !under(&p.path))
                            .map(|p| (p.path, p.problem)),
                    );
                }
                return Err(found);
            }
            Err(e) => e,
        };
        found.push((at.clone(), json_problem(&msg)));
        match stand_in(&value, &steps, &msg) {
            Some((fixed, target)) if found.len() < MAX_PROBLEMS => {
                value = fixed;
                set_aside.push(target);
            }
            _ => return Err(found),
        }
    }
}

/// Deserializes `value`; on failure the steps to the offending field, its path text and serde's message.
fn read(value: &Value) -> Result<Scenario, (Option<Vec<Step>>, String, String)> {
    serde_path_to_error::deserialize::<_, Scenario>(value).map_err(|e| {
        let steps = e
            .path()
            .iter()
            .map(|s| match s {
                Segment::Seq { index } => Some(Step::Index(*index)),
                Segment::Map { key } => Some(Step::Key(key.clone())),
                Segment::Enum { variant } => Some(Step::Key(variant.clone())),
                Segment::Unknown => None,
            })
            .collect::<Option<Vec<Step>>>();
        let at = e.path().to_string();
        let at = if at == "." { String::new() } else { at };
        (steps, at, e.into_inner().to_string())
    })
}

/// The first name in serde's "`name`" quoting after `prefix` in `msg`.
fn quoted_after<'a>(msg: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = msg.split_once(prefix)?.1.strip_prefix('`')?;
    rest.split_once('`').map(|(name, _)| name)
}

/// `value` with the problem at `steps` set aside, and the path of what was set aside; `None` if nothing helps.
fn stand_in(value: &Value, steps: &Option<Vec<Step>>, msg: &str) -> Option<(Value, String)> {
    let mut target = steps.clone()?;
    // A missing field is added; an unknown field is removed (serde may point at its object, not at it).
    let missing = msg
        .strip_prefix("missing field ")
        .and_then(|m| quoted_after(m, ""));
    let unknown = quoted_after(msg, "unknown field ");
    if let Some(name) = missing.or(unknown) {
        if target.last() != Some(&Step::Key(name.to_string())) {
            target.push(Step::Key(name.to_string()));
        }
    }
    // An unknown field is only removed. Otherwise stand-ins come first: removing a required field would only
    // move serde's complaint ("missing field") to a later point of the same object.
    let mut candidates: Vec<Option<Value>> = Vec::new();
    if unknown.is_none() {
        candidates.extend(
            [
                Value::from(0),
                Value::from(""),
                Value::from(false),
                Value::Array(Vec::new()),
                Value::Object(serde_json::Map::new()),
                Value::Null,
            ]
            .map(Some),
        );
        if let Some(first) = quoted_after(msg, "expected one of ") {
            candidates.push(Some(Value::from(first)));
        }
    }
    if missing.is_none() {
        candidates.push(None);
    }
    let (last, parent_steps) = target.split_last()?;
    for candidate in candidates {
        let mut fixed = value.clone();
        let parent = walk(&mut fixed, parent_steps)?;
        match (parent, last, candidate) {
            (Value::Object(map), Step::Key(k), None) => {
                map.remove(k)?;
            }
            (Value::Object(map), Step::Key(k), Some(v)) => {
                map.insert(k.clone(), v);
            }
            (Value::Array(items), Step::Index(i), Some(v)) => *items.get_mut(*i)? = v,
            _ => continue,
        }
        let moved_on = match read(&fixed) {
            Ok(_) => true,
            Err((Some(next), _, _)) => !target.starts_with(&next),
            Err((None, _, _)) => false,
        };
        if moved_on {
            return Some((fixed, path_text(&target)));
        }
    }
    None
}

fn walk<'a>(mut v: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    for s in steps {
        v = match (v, s) {
            (Value::Object(map), Step::Key(k)) => map.get_mut(k)?,
            (Value::Array(items), Step::Index(i)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

/// `groups[0].instances[1].threads`, as the validator writes paths.
fn path_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::problems;

    fn paths(text: &str) -> Vec<String> {
        problems(text).map(|_| Vec::new()).unwrap_or_else(|ps| {
            ps.into_iter()
                .map(|(at, what)| format!("{at}: {what}"))
                .collect()
        })
    }

    #[test]
    fn a_missing_field_and_an_unknown_enum_value_do_not_hide_later_problems() {
        let got = paths(
            r#"{"version":1,"topics":[{"partitions":2}],
                "faults":[{"at_ms":1,"kind":"explode","instance":"i"}],
                "producers":[{"id":"p","topic":"t","rate_per_s":-5}]}"#,
        );
        assert_eq!(
            got,
            [
                "topics[0]: missing the required field \"name\"",
                "faults[0].kind: unknown value \"explode\"; allowed: crash, stop, restart, slow, \
                 pause_producer, resume_producer, add_partitions",
                "producers[0].rate_per_s: must not be negative, got -5",
                // The rules still run on what parsed: the stand-in kind (crash) names an instance nobody runs,
                // and the producer's topic is the one whose name was missing.
                "producers[0].topic: unknown topic \"t\"",
                "faults[0].instance: unknown instance \"i\"",
            ]
        );
    }

    #[test]
    fn a_valid_file_has_no_problems_and_bad_syntax_is_one() {
        assert!(problems(r#"{"version":1}"#).is_ok());
        let got = paths(r#"{"version":1,"#);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with(": EOF while parsing"), "{got:?}");
    }
}
