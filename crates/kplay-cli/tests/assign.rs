//! `kplay assign` through the built binary: Kafka-computed cases and the error contract (DESIGN.md §3).

mod support;

use serde_json::Value;
use support::{assert_input_error, kplay};

/// Strategies whose Kafka cases must pass through the CLI: all four.
const COVERED: &[&str] = &["range", "roundrobin", "sticky", "cooperative-sticky"];

const CASES: &str = include_str!("../../kplay-core/tests/data/kafka-assign-cases.json");

#[test]
fn every_covered_kafka_case_through_the_binary() {
    let file: Value = serde_json::from_str(CASES).expect("case file");
    let mut ran = 0;
    let mut failures = Vec::new();
    for case in file["cases"].as_array().expect("cases") {
        let strategy = case["strategy"].as_str().expect("strategy");
        if !COVERED.contains(&strategy) {
            continue;
        }
        let input = serde_json::to_string(&case["input"]).expect("input");
        let run = kplay(&["assign", "--strategy", strategy], input.as_bytes());
        let name = case["name"].as_str().unwrap_or("?");
        if run.code != 0 {
            failures.push(format!("{name}: exit {} {}", run.code, run.stderr));
            continue;
        }
        let got: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
        // Member order must follow the input; within a member, topics sorted and partitions ascending.
        let input_order: Vec<&String> = case["input"]["members"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        let got_order: Vec<&String> = got.as_object().unwrap().keys().collect();
        if got != case["expect"] || got_order != input_order {
            failures.push(format!(
                "{name}: got {} expected {}",
                run.stdout.trim(),
                case["expect"]
            ));
        }
        ran += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran >= 180, "only {ran} cases ran");
}

#[test]
fn output_is_compact_json_in_member_order_with_empty_objects() {
    let input = r#"{"topics":{"t2":3,"t1":3},"members":{"c2":{"topics":["t2","t1"]},"c1":{"topics":["t1","t2"]},"idle":{"topics":[]}}}"#;
    let run = kplay(&["assign", "--strategy", "range"], input.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "{\"c2\":{\"t1\":[2],\"t2\":[2]},\"c1\":{\"t1\":[0,1],\"t2\":[0,1]},\"idle\":{}}\n"
    );
    assert!(run.stderr.is_empty());
}

#[test]
fn unknown_subscribed_topic_is_a_warning_and_skipped() {
    let input =
        r#"{"topics":{"t":2},"members":{"a":{"topics":["t","ghost"]},"b":{"topics":["ghost"]}}}"#;
    for strategy in ["range", "roundrobin"] {
        let run = kplay(&["assign", "--strategy", strategy], input.as_bytes());
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, "{\"a\":{\"t\":[0,1]},\"b\":{}}\n");
        assert!(run.stderr.starts_with("warning: "), "{}", run.stderr);
        assert!(run.stderr.contains("\"ghost\""), "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 2);
    }
}

/// The group on which Kafka's own sticky assignors never return (docs/kafka-quirks.md): kplay answers, valid,
/// with a warning that says Kafka would not.
#[test]
fn a_group_kafka_never_finishes_gets_an_answer_and_a_warning() {
    let input = r#"{"topics":{"t0":4,"t1":1,"t2":3,"t3":6,"t4":2,"t5":4},"members":{
        "consumer-0":{"topics":["t1"],"owned":{"t1":[0]},"generation":3},
        "consumer-1":{"topics":["t1","t3","t5"],"owned":{"t3":[2,5],"t5":[1,2]},"generation":3},
        "consumer-2":{"topics":["t2","t4"],"owned":{"t2":[1],"t4":[0,1]},"generation":3},
        "consumer-4":{"topics":["t2"],"owned":{"t2":[0,2]},"generation":3},
        "consumer-5":{"topics":["t0","t1","t3","t5"],"owned":{"t0":[1,3],"t3":[3],"t5":[0,3]},"generation":3},
        "consumer-6":{"topics":["t2","t5"],"generation":3}}}"#;
    for strategy in ["sticky", "cooperative-sticky"] {
        let run = kplay(&["assign", "--strategy", strategy], input.as_bytes());
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stderr
                .starts_with("warning: Kafka's sticky balancing never finishes"),
            "{}",
            run.stderr
        );
        let out: Value = serde_json::from_str(&run.stdout).unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for (member, topics) in out.as_object().unwrap() {
            for (topic, parts) in topics.as_object().unwrap() {
                for p in parts.as_array().unwrap() {
                    assert!(
                        seen.insert((topic.clone(), p.as_u64().unwrap())),
                        "{topic}-{p} twice ({member})"
                    );
                }
            }
        }
        // Cooperative withholds partitions that change owner; sticky hands out all 20.
        if strategy == "sticky" {
            assert_eq!(seen.len(), 20, "{}", run.stdout);
        }
    }
    // A mixed group whose balancing finishes (the same general path) says nothing.
    let calm = r#"{"topics":{"t":4,"u":3},"members":{
        "a":{"topics":["t","u"],"owned":{"t":[0,1,2,3]},"generation":1},"b":{"topics":["t"],"generation":1}}}"#;
    for strategy in ["sticky", "cooperative-sticky"] {
        let run = kplay(&["assign", "--strategy", strategy], calm.as_bytes());
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.is_empty(), "{}", run.stderr);
    }
}

#[test]
fn static_members_come_first_by_instance_id() {
    let input = r#"{"topics":{"t":5},"members":{"a-dynamic":{"topics":["t"]},"z-static":{"topics":["t"],"instance_id":"i1"}}}"#;
    let run = kplay(&["assign", "--strategy", "range"], input.as_bytes());
    assert_eq!(
        run.stdout,
        "{\"a-dynamic\":{\"t\":[3,4]},\"z-static\":{\"t\":[0,1,2]}}\n"
    );
}

#[test]
fn bad_input_is_an_error_never_a_panic() {
    let ok_group = r#"{"topics":{"t":1},"members":{"m":{"topics":["t"]}}}"#;
    let cases: &[(&[&str], &str, &str)] = &[
        (&["assign"], ok_group, "--strategy: missing"),
        (&["assign", "--strategy"], ok_group, "missing value"),
        (
            &["assign", "--strategy", "fair"],
            ok_group,
            "unknown strategy \"fair\"",
        ),
        (
            &["assign", "--strategy", "range", "--strategy", "range"],
            ok_group,
            "more than once",
        ),
        (
            &["assign", "--strategy", "range", "-x"],
            ok_group,
            "unknown argument",
        ),
        (&["assign", "--strategy", "range"], "", "empty input"),
        (&["assign", "--strategy", "range"], "  \n", "empty input"),
        (
            &["assign", "--strategy", "range"],
            "{\"topics\":",
            "invalid JSON",
        ),
        (
            &["assign", "--strategy", "range"],
            "[1,2]",
            "expected an object",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1,"t":2},"members":{"m":{"topics":[]}}}"#,
            "duplicate key \"t\"",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":[]},"m":{"topics":[]}}}"#,
            "duplicate key \"m\"",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":-1},"members":{"m":{"topics":[]}}}"#,
            "topics[\"t\"]: a partition count must be a whole number from 1 to 2147483647, got a negative number (-1)",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":0},"members":{"m":{"topics":[]}}}"#,
            "from 1 to 2147483647",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":2147483648},"members":{"m":{"topics":[]}}}"#,
            "got 2147483648",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1e30},"members":{"m":{"topics":[]}}}"#,
            "partition count",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":"3"},"members":{"m":{"topics":[]}}}"#,
            "got a string",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1.5},"members":{"m":{"topics":[]}}}"#,
            "got 1.5",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1}}"#,
            "members: missing",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"members":{"m":{"topics":[]}}}"#,
            "topics: missing",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{}}"#,
            "at least one member",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{}}}"#,
            "members[\"m\"].topics: missing",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":"t"}}}"#,
            "expected an array",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":[1]}}}"#,
            "topics[0]: expected a topic name",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":["t","t"]}}}"#,
            "listed twice",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":[],"colour":1}}}"#,
            "unknown field \"colour\"",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":[],"generation":"1"}}}"#,
            "generation",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":[],"generation":4294967296}}}"#,
            "generation",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":[],"owned":{"t":[-1]}}}}"#,
            "owned[\"t\"][0]",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":[],"owned":{"t":[0,0]}}}}"#,
            "listed twice",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":[],"instance_id":5}}}"#,
            "instance_id",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"a":{"topics":[],"instance_id":"i"},"b":{"topics":[],"instance_id":"i"}}}"#,
            "already used by member \"a\"",
        ),
        (
            &["assign", "--strategy", "range"],
            r#"{"topics":{"t":1},"members":{"m":{"topics":[]}}} trailing"#,
            "invalid JSON",
        ),
    ];
    for (args, input, needle) in cases {
        assert_input_error(&kplay(args, input.as_bytes()), needle);
    }
    assert_input_error(
        &kplay(
            &["assign", "--strategy", "range"],
            b"{\"topics\":{\"t\xff\":1}}",
        ),
        "invalid UTF-8",
    );
    let deep = "[".repeat(100_000);
    assert_input_error(
        &kplay(&["assign", "--strategy", "range"], deep.as_bytes()),
        "invalid JSON",
    );
}

#[test]
fn a_partition_total_beyond_the_limit_is_an_error_not_an_allocation_failure() {
    let input = r#"{"topics":{"t":2147483647,"u":5},"members":{"a":{"topics":["t","u"]}}}"#;
    for strategy in ["range", "roundrobin", "sticky", "cooperative-sticky"] {
        let run = kplay(&["assign", "--strategy", strategy], input.as_bytes());
        assert_eq!(run.code, 2, "{strategy}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(
            run.stderr
                .starts_with("error: stdin: the topics hold 2147483652 partitions in total"),
            "{}",
            run.stderr
        );
    }
}
