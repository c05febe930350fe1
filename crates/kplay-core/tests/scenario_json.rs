//! The scenario's one JSON reader (`scenario::json`): every shipped scenario, lesson step scenario and lesson
//! command spec reads without a problem and round-trips through serde; generated scenarios
//! round-trip; bad documents give every type problem with its exact path and text.

use kplay_core::assignor::Strategy as Assignor;
use kplay_core::scenario::{
    json, Cleanup, Client, CommitSpec, FaultKind, FaultSpec, InstanceSpec, PartitionerKind,
    Scenario, ScenarioProblem,
};
use proptest::prelude::*;

mod scenario_json_gen;
use kplay_core::json::Value;
use scenario_json_gen::scenario;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        // Broker scenarios need the `brokers` feature.
        .filter(|p| {
            cfg!(feature = "brokers")
                || !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("broker"))
        })
        .collect();
    files.sort();
    files
}

fn value(path: &Path) -> Value {
    kplay_core::json::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// What serde writes for `t`, as kplay-core's JSON value.
fn to_value<T: serde::Serialize>(t: &T) -> Value {
    kplay_core::json::parse(&serde_json::to_string(t).unwrap()).unwrap()
}

fn texts(ps: Vec<ScenarioProblem>) -> Vec<String> {
    ps.iter().map(ToString::to_string).collect()
}

/// Reads `v` with `read`, writes it back with serde and reads that again: the same value, no problems.
fn round_trip<T: serde::Serialize + PartialEq + std::fmt::Debug>(
    what: &str,
    v: &Value,
    read: fn(&Value) -> Result<T, Vec<ScenarioProblem>>,
) -> T {
    let t = read(v).unwrap_or_else(|ps| panic!("{what}: {:?}", texts(ps)));
    let back = to_value(&t);
    assert_eq!(read(&back).map_err(texts).as_ref(), Ok(&t), "{what}");
    t
}

#[test]
fn every_scenario_file_reads_and_round_trips_like_serde() {
    let files = json_files("scenarios");
    assert!(files.len() >= 10);
    for f in files {
        let what = f.display().to_string();
        let s = round_trip(&what, &value(&f), json::scenario);
        // kplay-core's writer writes what serde writes.
        assert_eq!(
            json::write(&s, true),
            serde_json::to_string_pretty(&s).unwrap(),
            "{what}"
        );
        assert_eq!(
            json::write(&s, false),
            serde_json::to_string(&s).unwrap(),
            "{what}"
        );
        // serde's `Deserialize` is the same reader.
        let text = std::fs::read_to_string(&f).unwrap();
        assert_eq!(
            serde_json::from_str::<Scenario>(&text).unwrap(),
            s,
            "{what}"
        );
        assert_eq!(s.validate(), Ok(()), "{what}");
    }
}

/// Every `scenario` and every command's spec (topic, producer, group, instance, processing) in the lessons and
/// the CLI's sample lesson.
#[test]
fn every_lesson_scenario_and_command_spec_reads_and_round_trips() {
    fn walk(what: &str, v: &Value, counts: &mut [usize; 2]) {
        match v {
            Value::Object(m) => {
                if let Some(s) = m.get("scenario") {
                    round_trip(what, s, json::scenario);
                    counts[0] += 1;
                }
                let part = |k: &str| m.get(k).filter(|_| m.contains_key("action"));
                let (part, read): (_, fn(&str, &Value)) =
                    match m.get("action").and_then(Value::as_str) {
                        Some("add_topic") => {
                            (part("topic"), |w, x| drop(round_trip(w, x, json::topic)))
                        }
                        Some("add_producer") => (part("producer"), |w, x| {
                            drop(round_trip(w, x, json::producer))
                        }),
                        Some("add_group") => {
                            (part("group"), |w, x| drop(round_trip(w, x, json::group)))
                        }
                        Some("add_instance") => (part("instance"), |w, x| {
                            drop(round_trip(w, x, json::instance))
                        }),
                        Some("set_processing") => (part("processing_ms"), |w, x| {
                            let _ = round_trip(w, x, json::processing);
                        }),
                        _ => (None, |_, _| {}),
                    };
                if let Some(x) = part {
                    read(what, x);
                    counts[1] += 1;
                }
                for x in m.values() {
                    walk(what, x, counts);
                }
            }
            Value::Array(items) => items.iter().for_each(|x| walk(what, x, counts)),
            _ => {}
        }
    }
    let mut files = json_files("lessons");
    files.push(repo().join("crates/kplay-cli/tests/data/sample-lesson.json"));
    let mut counts = [0, 0];
    for f in files {
        walk(&f.display().to_string(), &value(&f), &mut counts);
    }
    assert!(counts[0] >= 15, "{counts:?}");
    assert!(counts[1] >= 15, "{counts:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever the export writes, the reader reads back as it was (through the Value and through serde), and
    /// kplay-core's writer writes exactly what serde writes.
    #[test]
    fn generated_scenarios_round_trip(s in scenario()) {
        let v = to_value(&s);
        prop_assert_eq!(json::scenario(&v).map_err(texts), Ok(s.clone()));
        prop_assert_eq!(json::write(&s, true), serde_json::to_string_pretty(&s).unwrap());
        let compact = json::write(&s, false);
        prop_assert_eq!(&compact, &serde_json::to_string(&s).unwrap());
        let back = kplay_core::json::parse(&compact).map_err(|e| e.to_string());
        prop_assert_eq!(back.map(|v| json::scenario(&v).map_err(texts)), Ok(Ok(s.clone())));
        let text = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(serde_json::from_str::<Scenario>(&text).ok(), Some(s));
    }
}

/// The problems `text` gives as a whole scenario, `path: rule` each.
fn problems(text: &str) -> Vec<String> {
    let v = kplay_core::json::parse(text).unwrap();
    json::read_scenario(&v)
        .1
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// One rule of type reading per line: the document (inside a scenario with one topic) and its only problem.
#[test]
fn each_type_rule_has_its_path_and_words() {
    let u32_rule = "must be a whole number from 0 to 4294967295";
    let topic = |field: &str| {
        format!(r#"{{"version":1,"topics":[{{"name":"t","partitions":1,{field}}}]}}"#)
    };
    let cases: Vec<(String, String)> = vec![
        // missing and unknown fields
        (r#"{"topics":[]}"#.into(), r#": missing the required field "version""#.into()),
        (r#"{"version":1,"topics":[{"partitions":1}]}"#.into(), r#"topics[0]: missing the required field "name""#.into()),
        (topic(r#""colour":1"#), "topics[0].colour: unknown field \"colour\"; allowed: name, partitions, retention_ms, \
            retention_bytes, segment_ms, segment_bytes, cleanup, delete_retention_ms, min_cleanable_dirty_ratio, \
            min_compaction_lag_ms, max_compaction_lag_ms".to_string() + if cfg!(feature = "import") { ", initial_logs" } else { "" }
            + if cfg!(feature = "brokers") { ", replication_factor, min_insync_replicas, unclean_leader_election_enable" } else { "" }),
        (r#"{"version":1,"x":1}"#.into(), r#"x: unknown field "x"; allowed: version, seed, topics, producers, groups, faults"#.to_string()
            + if cfg!(feature = "brokers") { ", brokers, offsets_topic_replication_factor, network_latency_ms, auto_leader_rebalance_enable" } else { "" }),
        // each JSON kind where a whole number belongs
        (topic(r#""segment_ms":-5"#), "topics[0].segment_ms: must not be negative, got -5".into()),
        (topic(r#""segment_ms":1.5"#), "topics[0].segment_ms: must be a whole number from 0 to 18446744073709551615, got 1.5".into()),
        (topic(r#""segment_ms":2.0"#), "topics[0].segment_ms: must be a whole number from 0 to 18446744073709551615, got 2.0".into()),
        (topic(r#""segment_ms":-0.125"#), "topics[0].segment_ms: must be a whole number from 0 to 18446744073709551615, got -0.125".into()),
        (topic(r#""segment_ms":1e13"#), "topics[0].segment_ms: must be a whole number from 0 to 18446744073709551615, got 10000000000000.0".into()),
        (topic(r#""segment_ms":99999999999999999999"#), "topics[0].segment_ms: must be a whole number from 0 to 18446744073709551615, got a number too large".into()),
        (topic(r#""segment_ms":1e-9"#), "topics[0].segment_ms: must be a whole number from 0 to 18446744073709551615, got a number close to 0".into()),
        (r#"{"version":"many"}"#.into(), format!("version: {u32_rule}, got \"many\"")),
        (r#"{"version":true}"#.into(), format!("version: {u32_rule}, got true")),
        (r#"{"version":null}"#.into(), format!("version: {u32_rule}, got null")),
        (r#"{"version":[1]}"#.into(), format!("version: {u32_rule}, got a list")),
        (r#"{"version":{}}"#.into(), format!("version: {u32_rule}, got an object")),
        (r#"{"version":5000000000}"#.into(), format!("version: {u32_rule}, got 5000000000")),
        (r#"{"version":1,"producers":[{"id":"p","topic":"t","rate_per_s":1,"tombstone_percent":256}]}"#.into(),
            "producers[0].tombstone_percent: must be a whole number from 0 to 255, got 256".into()),
        (topic(r#""retention_ms":"x""#), "topics[0].retention_ms: must be a whole number, got \"x\"".into()),
        // other kinds
        (topic(r#""name":5"#), "topics[0].name: must be a string, got 5".into()),
        (r#"{"version":1,"producers":[{"id":"p","topic":"t","rate_per_s":1,"paused":"yes"}]}"#.into(),
            "producers[0].paused: must be true or false, got \"yes\"".into()),
        (r#"{"version":1,"topics":{}}"#.into(), "topics: must be a list, got an object".into()),
        (r#"{"version":1,"topics":[[]]}"#.into(), "topics[0]: must be an object, got a list".into()),
        (r#"{"version":1,"groups":[{"id":"g","topics":["t",5]}]}"#.into(), "groups[0].topics[1]: must be a string, got 5".into()),
        // words, with their aliases accepted
        (topic(r#""cleanup":"explode""#), "topics[0].cleanup: unknown value \"explode\"; allowed: delete, compact, \
            compact,delete, delete,compact".into()),
        (r#"{"version":1,"faults":[{"at_ms":1,"kind":"explode"}]}"#.into(), "faults[0].kind: unknown value \"explode\"; \
            allowed: crash, stop, restart, slow, pause_producer, resume_producer, add_partitions".to_string()
            + if cfg!(feature = "brokers") { ", crash_broker, restart_broker, slow_follower, lose_ack, elect_preferred" } else { "" }),
        (r#"{"version":1,"faults":[{"at_ms":1,"kind":5}]}"#.into(), "faults[0].kind: must be string or map, got 5".into()),
        // processing and ratios
        (r#"{"version":1,"groups":[{"id":"g","topics":["t"],"instances":[{"id":"i","listener":"L","processing_ms":"5"}]}]}"#.into(),
            "groups[0].instances[0].processing_ms: must be milliseconds per record (a whole number) or {\"min\": ms, \"max\": ms}, got \"5\"".into()),
        (r#"{"version":1,"groups":[{"id":"g","topics":["t"],"instances":[{"id":"i","listener":"L","processing_ms":{"max":1}}]}]}"#.into(),
            "groups[0].instances[0].processing_ms: missing the required field \"min\"".into()),
        (topic(r#""min_cleanable_dirty_ratio":true"#), "topics[0].min_cleanable_dirty_ratio: must be a number from 0 to 1, got true".into()),
        (r#"{"version":1,"producers":[{"id":"p","topic":"t","rate_per_s":1,"burst":{"on_ms":1,"off_ms":2,"of_ms":3}}]}"#.into(),
            "producers[0].burst.of_ms: unknown field \"of_ms\"; allowed: on_ms, off_ms".into()),
    ];
    let mut bad = Vec::new();
    for (doc, want) in &cases {
        let got = problems(doc);
        if got != [want.clone()] {
            bad.push(format!("{doc}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn aliases_nulls_and_defaults_read_as_serde_did() {
    let v = kplay_core::json::parse(
        r#"{"version":1,"topics":[{"name":"t","partitions":1,"cleanup":"delete,compact","min_cleanable_dirty_ratio":" 0.25"}],
            "producers":[{"id":"p","topic":"t","rate_per_s":1,"partitioner":"round-robin","burst":null,"partition":null}],
            "groups":[{"id":"g","topics":["t"],"strategy":{"roundrobin":null},"instances":[{"id":"i","listener":"L","topics":null}]}],
            "faults":[{"at_ms":1,"kind":"crash","instance":"i","topic":null}]}"#,
    )
    .unwrap();
    let s = json::scenario(&v).unwrap();
    assert_eq!(s.topics[0].cleanup, Cleanup::CompactDelete);
    assert_eq!(s.topics[0].min_cleanable_dirty_ratio.millionths(), 250_000);
    assert_eq!(s.topics[0].max_compaction_lag_ms, i64::MAX as u64);
    assert_eq!(s.producers[0].partitioner, PartitionerKind::RoundRobin);
    assert_eq!(
        (s.producers[0].burst, s.producers[0].partition),
        (None, None)
    );
    assert_eq!(s.groups[0].strategy, Assignor::RoundRobin);
    assert_eq!(s.groups[0].commit, CommitSpec::default());
    assert_eq!(s.groups[0].commit.client, Client::Kafka);
    assert_eq!(s.groups[0].instances[0], InstanceSpec::new("i", "L", 1));
    assert_eq!(
        s.faults[0],
        FaultSpec::new(1, FaultKind::Crash).instance("i")
    );
}

/// Every problem of one document is reported, in document order, and a bad value reads as its default.
#[test]
fn several_problems_in_one_document_are_all_reported() {
    let text = r#"{"version":1,"seed":-1,
        "topics":[{"partitions":"3"},{"name":"u","partitions":2,"cleanup":"x"}],
        "groups":[{"id":"g","topics":["t"],"commit":{"client":"kafka","mode":"manual"},
                   "instances":[{"id":"i","listener":"L","threads":1.5},{"id":"j","listener":"L","threads":2,"x":0}]}],
        "faults":[{"kind":"crash"}]}"#;
    assert_eq!(
        problems(text),
        [
            "seed: must not be negative, got -1",
            "topics[0].partitions: must be a whole number from 0 to 4294967295, got \"3\"",
            "topics[0]: missing the required field \"name\"",
            "topics[1].cleanup: unknown value \"x\"; allowed: delete, compact, compact,delete, delete,compact",
            "groups[0].commit.mode: unknown value \"manual\"; allowed: auto, sync, async, per_record",
            "groups[0].instances[0].threads: must be a whole number from 0 to 4294967295, got 1.5",
            "groups[0].instances[1].x: unknown field \"x\"; allowed: id, listener, threads, processing_ms, static_id, \
             handoff_queue, topics",
            "faults[0]: missing the required field \"at_ms\"",
        ]
    );
    let v = kplay_core::json::parse(text).unwrap();
    let (s, _) = json::read_scenario(&v);
    assert_eq!(
        (s.seed, s.topics[0].partitions, s.topics[1].cleanup),
        (0, 0, Cleanup::Delete)
    );
    assert_eq!(s.groups[0].instances[0].threads, 1);
    assert_eq!(s.groups[0].instances[1].threads, 2);
    // serde users get the same problems as one message.
    let err = serde_json::from_str::<Scenario>(text)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("seed: must not be negative, got -1; topics[0].partitions: "),
        "{err}"
    );
}
