//! Flow steps (docs/lessons.md, "Flow steps"): a step may run a Compare view's models from a flow scenario, and
//! its `flow_metric` facts measure them. The rules that mix them up with world steps are each reported with
//! their path, and a fact the models disagree with fails.

use kplay_core::lesson::{Lesson, Value};

/// A three-step lesson: step 0 is `first` (a step object without title/text), steps 1 and 2 continue it.
fn lesson(first: &str, second: &str) -> Lesson {
    let t = r#""title":{"en":"t","ko":"t"},"text":{"en":"t","ko":"t"}"#;
    let text = format!(
        r#"{{"version":1,"id":"x","title":{{"en":"t","ko":"t"}},"summary":{{"en":"t","ko":"t"}},"steps":[{{{t},{first}}},{{{t},{second}}},{{{t},"run_ms":1}}]}}"#
    );
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn check(facts: &str) -> String {
    format!(
        r#""check":{{"question":{{"en":"q","ko":"q"}},"choices":[{{"text":{{"en":"a","ko":"a"}},"explain":{{"en":"a","ko":"a"}}}},{{"text":{{"en":"b","ko":"b"}},"explain":{{"en":"b","ko":"b"}}}}],"answer":0,"facts":[{facts}]}}"#
    )
}

const POLL: &str = r#""flow":{"version":1,"flow":"polling","clients":10,"period_ms":1000}"#;
const SCENARIO: &str = r#""scenario":{"version":1,"topics":[{"name":"t","partitions":1}]}"#;

fn problems(l: &Lesson) -> Vec<String> {
    l.validate()
        .err()
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_flow_step_runs_its_models_and_continues_them() {
    let first = format!(
        r#"{POLL},"run_ms":10000,{}"#,
        check(r#"{"measure":"flow_metric","metric":"poll.requests","eq":100}"#)
    );
    let second = format!(
        r#""run_ms":5000,{}"#,
        check(
            r#"{"measure":"flow_metric","metric":"push.delay_max_ms","eq":50},{"measure":"flow_metric","metric":"poll.requests","eq":150}"#
        )
    );
    let l = lesson(&first, &second);
    assert_eq!(problems(&l), Vec::<String>::new());
    let reports = l.run();
    for r in &reports {
        assert!(r.ok(), "{r:?}");
    }
    assert_eq!(
        reports[1].facts[1].actual,
        Value::Num(150),
        "continued to 15 s"
    );
}

#[test]
fn a_fact_the_models_disagree_with_fails() {
    let first = format!(
        r#"{POLL},"run_ms":10000,{}"#,
        check(r#"{"measure":"flow_metric","metric":"poll.requests","eq":99}"#)
    );
    let l = lesson(&first, r#""run_ms":1"#);
    assert_eq!(problems(&l), Vec::<String>::new());
    let r = &l.run()[0];
    assert!(!r.ok());
    assert_eq!(
        r.facts[0].to_string(),
        "flow_metric{metric=poll.requests} = 99: actual 100 FAIL"
    );
}

#[test]
fn flow_and_world_facts_stay_on_their_own_steps() {
    let flow_fact = r#"{"measure":"flow_metric","metric":"poll.requests","eq":1}"#;
    let world_fact = r#"{"measure":"partitions","topic":"t","eq":1}"#;
    let l = lesson(
        &format!(r#"{SCENARIO},"run_ms":10,{}"#, check(flow_fact)),
        &format!(r#"{POLL},"run_ms":10,{}"#, check(world_fact)),
    );
    assert_eq!(
        problems(&l),
        [
            "steps[0].check.facts[0].measure: flow_metric needs a flow step (this step runs a scenario)",
            "steps[1].check.facts[0].measure: partitions measures a scenario's world; a flow step takes flow_metric",
        ]
    );
}

#[test]
fn unknown_metrics_bad_flow_keys_and_world_fields_are_reported_with_their_paths() {
    let first = format!(
        r#""flow":{{"version":1,"flow":"polling","clients":0}},"commands":[{{"at_ms":1,"command":{{"action":"crash","instance":"a"}}}}],"run_ms":300001,{}"#,
        check(
            r#"{"measure":"flow_metric","metric":"email.lag","eq":1},{"measure":"flow_metric","eq":1}"#
        )
    );
    let l = lesson(&first, &format!(r#"{SCENARIO},{POLL},"run_ms":1"#));
    assert_eq!(
        problems(&l),
        [
            "steps[0].flow.clients: must be a whole number from 1 to 100000, got 0",
            "steps[0].run_ms: puts the check 300001 ms after the flow's start; at most 300000 (where the Compare area stops)",
            "steps[0].commands: is not used on a flow step (it acts on a scenario's world)",
            "steps[0].check.facts[0].metric: unknown metric \"email.lag\" of flow polling; known: events, poll.requests, poll.empty_responses, poll.server_messages, poll.delay_mean_ms, poll.delay_p99_ms, poll.delay_max_ms, push.requests, push.empty_responses, push.server_messages, push.delay_mean_ms, push.delay_p99_ms, push.delay_max_ms",
            "steps[0].check.facts[1].metric: is required by flow_metric",
            "steps[1].flow: must not be given with scenario (a step runs one or the other)",
        ]
    );
}

#[test]
fn a_lesson_pool_flow_keeps_one_second_buckets() {
    let first = format!(
        r#""flow":{{"version":1,"flow":"pool","bucket_ms":5000}},"run_ms":9000,{}"#,
        check(r#"{"measure":"flow_metric","metric":"server.idle_threads","eq":1}"#)
    );
    let l = lesson(&first, r#""run_ms":1"#);
    assert_eq!(
        problems(&l),
        ["steps[0].flow.bucket_ms: is not used in a lesson (thread facts read 1-second buckets)"]
    );
}
