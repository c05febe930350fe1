//! Reading a scenario file. Every problem is reported as `error: <file>: <field path>: <rule>`: first every JSON
//! type problem, then every broken rule of the scenario validator.
//!
//! The file is read into a [`kplay_core::json::Value`] (serde_json's error words and places) and walked by kplay-core's scenario reader
//! ([`kplay_core::scenario::json`]), which reports every type problem with its path and reads on with the
//! default in place of a bad value. Rule problems under a path that had a type problem (or under a missing
//! required field) are not reported: they would be about the default, not about what the file says.

use crate::error::CliError;
use kplay_core::flows::setup::file::{self, FlowFile};
use kplay_core::scenario::{json, Scenario, ScenarioProblem};

/// A problem: its field path (`groups[0].threads`, "" for the whole file) and the rule it breaks.
pub type Problem = (String, String);

/// What a scenario file holds: an engine scenario, or a flow scenario (an object with a `flow` field,
/// docs/scenario.md "Flow scenarios").
pub enum Loaded {
    Engine(Scenario),
    Flow(FlowFile),
}

/// Reads and checks `path`, an engine or a flow scenario: the valid scenario, or every problem, all printed
/// but the last, which is returned.
pub fn load(path: &str) -> Result<Loaded, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new(path, format!("cannot read: {e}")))?;
    if let Ok(value) = kplay_core::json::parse(&text) {
        if file::is_flow(&value) {
            return file::read(&value).map(Loaded::Flow).map_err(|ps| {
                let list = ps.into_iter().map(|p| (p.path, p.problem)).collect();
                report(path, list)
            });
        }
    }
    problems(&text)
        .map(Loaded::Engine)
        .map_err(|list| report(path, list))
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
    let value = kplay_core::json::parse(text).map_err(|e| vec![(String::new(), e.to_string())])?;
    let (scenario, found) = json::read_scenario(&value);
    let set_aside: Vec<String> = found.iter().map(set_aside).collect();
    let under = |p: &str| {
        set_aside.iter().any(|a| {
            p.strip_prefix(a.as_str())
                .is_some_and(|r| r.is_empty() || r.starts_with(['.', '[']))
        })
    };
    let rules = scenario.validate().err().unwrap_or_default();
    let list: Vec<Problem> = found
        .into_iter()
        .chain(rules.into_iter().filter(|p| !under(&p.path)))
        .map(|p| (p.path, p.problem))
        .collect();
    if list.is_empty() {
        Ok(scenario)
    } else {
        Err(list)
    }
}

/// The path whose rule problems a type problem hides: its own, or the missing field's (a missing field is
/// reported at its object). A fault's kind decides which of its fields are required, so a missing kind or one
/// that is not a word hides the whole fault (the reader's stand-in, `crash`, would draw rules about crash); an
/// unknown word keeps the fault's other rules, as before.
fn set_aside(p: &ScenarioProblem) -> String {
    let missing = p
        .problem
        .strip_prefix("missing the required field \"")
        .and_then(|r| r.strip_suffix('"'));
    let fault = |at: &str| at.starts_with("faults[") && !at.contains('.');
    match missing {
        Some("kind") if fault(&p.path) => p.path.clone(),
        Some(field) if p.path.is_empty() => field.to_string(),
        Some(field) => format!("{}.{field}", p.path),
        None => match p.path.strip_suffix(".kind") {
            Some(at) if fault(at) && !p.problem.starts_with("unknown value") => at.to_string(),
            _ => p.path.clone(),
        },
    }
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
                 pause_producer, resume_producer, add_partitions, crash_broker, restart_broker, slow_follower, lose_ack, elect_preferred",
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

    #[test]
    fn a_fault_without_a_usable_kind_draws_no_rules_about_the_stand_in() {
        for kind in [r#""kind":5,"#, ""] {
            let text =
                format!(r#"{{"version":1,"faults":[{{"at_ms":1,{kind}"processing_ms":9}}]}}"#);
            let got = paths(&text);
            assert_eq!(got.len(), 1, "{got:?}");
        }
        // Several type problems in one file, each with its path, and the rules of what parsed.
        let got = paths(
            r#"{"version":1,"seed":-1,"topics":[{"name":"t","partitions":1.5,"x":1}],
                "groups":[{"id":"g","topics":["t"],"commit":{"client":"x"},
                           "instances":[{"id":"i","listener":"L","threads":70,"processing_ms":{"min":1}}]}]}"#,
        );
        assert_eq!(
            got,
            [
                "seed: must not be negative, got -1",
                "topics[0].partitions: must be a whole number from 0 to 4294967295, got 1.5",
                "topics[0].x: unknown field \"x\"; allowed: name, partitions, retention_ms, retention_bytes, \
                 segment_ms, segment_bytes, cleanup, delete_retention_ms, min_cleanable_dirty_ratio, \
                 min_compaction_lag_ms, max_compaction_lag_ms, initial_logs, replication_factor, \
                 min_insync_replicas, unclean_leader_election_enable",
                "groups[0].commit.client: unknown value \"x\"; allowed: kafka, spring",
                "groups[0].instances[0].processing_ms: missing the required field \"max\"",
                "groups[0].instances[0].threads: must be a whole number from 1 to 64",
            ]
        );
    }
}
