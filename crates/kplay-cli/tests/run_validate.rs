//! `kplay run` and `kplay validate` through the built binary.

mod support;

use support::{output as kplay, temp_file};

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn run_writes_the_golden_trace_to_stdout_and_a_summary_to_stderr() {
    let out = kplay(&[
        "run",
        &repo("scenarios/crash-duplicates.json"),
        "--until-ms",
        "30000",
        "--seed",
        "42",
        "--trace",
        "-",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let golden = std::fs::read_to_string(repo(
        "crates/kplay-core/tests/data/golden/crash-duplicates.seed42.jsonl",
    ))
    .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout) == golden,
        "CLI trace differs from the golden file"
    );
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("group billing: Stable"), "{summary}");
}

#[test]
fn every_shipped_scenario_validates() {
    let flows = std::fs::read_dir(repo("scenarios/flows")).unwrap();
    for entry in std::fs::read_dir(repo("scenarios")).unwrap().chain(flows) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let out = kplay(&["validate", path.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{path:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\n");
    }
}

#[test]
fn validate_lists_every_problem_with_exit_2_and_nothing_on_stdout() {
    let path = temp_file(
        "bad.json",
        r#"{"version":1,"topics":[{"name":"t","partitions":0}],
            "groups":[{"id":"g","topics":["t","u"],"instances":[{"id":"i","listener":"L","threads":99}]}]}"#,
    );
    let out = kplay(&["validate", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: {path}: topics[0].partitions: must be a whole number from 1 to 1024\n\
             error: {path}: groups[0].topics[1]: unknown topic \"u\"\n\
             error: {path}: groups[0].instances[0].threads: must be a whole number from 1 to 64\n"
        )
    );
}

/// Issue 18's caps: a scenario asking for more than the playground allows is refused with the path and the cap,
/// in the same words as the web, exit 2; so is a run longer than 24 virtual hours.
#[test]
fn validate_and_run_refuse_what_is_over_a_cap() {
    let topics: Vec<String> = (0..3)
        .map(|i| format!(r#"{{"name":"t{i}","partitions":1024}}"#))
        .collect();
    let instances: Vec<String> = (0..33)
        .map(|i| format!(r#"{{"id":"i{i}","listener":"L","threads":1}}"#))
        .collect();
    let path = temp_file(
        "big.json",
        &format!(
            r#"{{"version":1,"topics":[{}],"groups":[{{"id":"g","topics":["t0"],"instances":[{}]}}]}}"#,
            topics.join(","),
            instances.join(",")
        ),
    );
    let out = kplay(&["validate", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: {path}: topics: partitions of all topics add up to 3072; the playground's cap is 2048\n\
             error: {path}: groups[0].instances: must have at most 32 entries (the playground's cap), got 33\n"
        )
    );
    let scenario = repo("scenarios/shared-group.json");
    let out = kplay(&["run", &scenario, "--until-ms", "86400001"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: --until-ms: must be a whole number from 0 to 86400000, got 86400001\n"
    );
}

/// Issue 17: `validate` lists every problem, a JSON type error (which stops serde) together with the rules
/// broken elsewhere, each with the file name and field path, and exits 2.
#[test]
fn validate_lists_type_errors_and_rule_problems_together() {
    let path = temp_file(
        "mixed.json",
        r#"{"version":1,"topics":[{"name":"t","partitions":-3}],
            "producers":[{"id":"p","topic":"t","rate_per_s":"fast"}],
            "groups":[{"id":"g","topics":["t"],"instances":[{"id":"i","listener":"L","threads":99}]}]}"#,
    );
    let out = kplay(&["validate", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: {path}: topics[0].partitions: must not be negative, got -3\n\
             error: {path}: producers[0].rate_per_s: must be a whole number from 0 to 4294967295, got \"fast\"\n\
             error: {path}: groups[0].instances[0].threads: must be a whole number from 1 to 64\n"
        )
    );
}

/// A field set aside for a type problem is not reported again by the rules (its stand-in would break them),
/// an unknown field is named, and `run` reports the same list as `validate`.
#[test]
fn run_reports_every_problem_with_the_file_name_and_no_rule_about_a_stand_in() {
    let path = temp_file(
        "unknown.json",
        r#"{"version":"one","topics":[{"name":"t","partitions":2,"colour":"red"}]}"#,
    );
    let out = kplay(&["run", &path, "--until-ms", "10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert_eq!(
        lines[0],
        format!("error: {path}: version: must be a whole number from 0 to 4294967295, got \"one\"")
    );
    assert!(
        lines[1].starts_with(&format!(
            "error: {path}: topics[0].colour: unknown field \"colour\"; allowed: name, partitions"
        )),
        "{err}"
    );
    assert!(!err.contains("..="), "{err}");
}

#[test]
fn json_type_errors_name_the_field_path() {
    let path = temp_file(
        "types.json",
        r#"{"version":1,"topics":[{"name":"t","partitions":1}],
            "groups":[{"id":"g","topics":["t"],"instances":[{"id":"i","listener":"L","threads":"many"}]}]}"#,
    );
    let out = kplay(&["validate", &path]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        format!(
            "error: {path}: groups[0].instances[0].threads: must be a whole number from 0 to 4294967295, got \"many\"\n"
        )
    );
}

#[test]
fn bad_arguments_are_errors_not_panics() {
    let scenario = repo("scenarios/shared-group.json");
    for (args, want) in [
        (
            vec!["run", scenario.as_str()],
            "error: --until-ms: required",
        ),
        (
            vec!["run", scenario.as_str(), "--until-ms", "-5"],
            "error: --until-ms: must be a whole number from 0 to 86400000, got a negative number\n",
        ),
        (
            vec!["run", scenario.as_str(), "--until-ms", "10", "--seed", "x"],
            "error: --seed: must be a whole number from 0 to 18446744073709551615, got \"x\"\n",
        ),
        (
            vec!["run", scenario.as_str(), "--until-ms", "10", "--speed", "2"],
            "error: --speed: unknown option",
        ),
        (
            vec!["run", "/nonexistent.json", "--until-ms", "10"],
            "error: /nonexistent.json: cannot read",
        ),
        (vec!["validate"], "error: arguments:"),
    ] {
        let out = kplay(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with(want),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Issue 15: a scenario with brokers runs: the leader of the crashed broker's partition moves, the records keep
/// flowing, and the trace and summary say so; a broker field without brokers is refused with its path.
#[test]
fn run_with_brokers_traces_the_failover() {
    let out = kplay(&[
        "run",
        &repo("scenarios/broker-failover.json"),
        "--until-ms",
        "60000",
        "--trace",
        "-",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let trace = String::from_utf8_lossy(&out.stdout);
    for needle in [
        r#""kind":"broker_fault","fault":"crash_broker","broker":1}"#,
        r#""kind":"leader_changed","topic":"orders","#,
        r#""kind":"isr_shrunk","topic":"orders","#,
        r#""kind":"isr_expanded","topic":"orders","#,
        r#""kind":"high_watermark","topic":"orders","#,
    ] {
        assert!(trace.contains(needle), "no {needle} in the trace");
    }
    // acks=all, min ISR 2, replication factor 3: nothing lost, every record of the minute produced.
    assert!(!trace.contains("records_lost"));
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("produced 1200,"), "{summary}");
    assert!(
        summary.contains("brokers: 0 records lost in leader elections, 0 written twice by retries"),
        "{summary}"
    );

    let path = temp_file(
        "no-brokers.json",
        r#"{"version":1,"topics":[{"name":"t","partitions":1,"replication_factor":3}],
            "faults":[{"at_ms":1,"kind":"crash_broker","broker":1}]}"#,
    );
    let out = kplay(&["validate", &path]);
    assert_eq!(out.status.code(), Some(2));
    let needs = "needs `brokers` (a scenario without brokers runs the model without replication)";
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: {path}: topics[0].replication_factor: {needs}\n\
             error: {path}: faults[0].broker: {needs}\n"
        )
    );
}

/// Issue 15: the group coordinator lives on a broker. `scenarios/broker-coordinator-failover.json` crashes the
/// broker coordinating `billing`: the trace shows it unavailable then moved, the group does not rebalance, and
/// the summary names the broker coordinating each group at the end.
#[test]
fn run_with_brokers_shows_the_coordinator_move_and_each_groups_coordinator() {
    let out = kplay(&[
        "run",
        &repo("scenarios/broker-coordinator-failover.json"),
        "--until-ms",
        "30000",
        "--trace",
        "-",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let trace = String::from_utf8_lossy(&out.stdout);
    for needle in [
        r#"{"t_ms":10000,"kind":"coordinator_unavailable","group":"billing","broker":2}"#,
        r#"{"t_ms":18999,"kind":"coordinator_moved","group":"billing","from":2,"to":3}"#,
    ] {
        assert!(trace.contains(needle), "no {needle} in the trace");
    }
    // One join round, at the start: the move is no rebalance.
    assert_eq!(trace.matches(r#""state":"PreparingRebalance""#).count(), 1);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("group billing: Stable generation 1, 2 members")
            && summary.contains(
                "\n  coordinator: broker 3 (leader of __consumer_offsets-9, replicas 2,3,1)\n"
            ),
        "{summary}"
    );
}
