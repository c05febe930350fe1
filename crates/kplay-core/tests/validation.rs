//! Bad scenarios and commands: every problem reported with its exact path; nothing panics; nothing changes.

mod common;

use common::problems;

use kplay_core::scenario::{
    FaultKind, FaultSpec, GroupSpec, InstanceSpec, KeyKind, Processing, ProducerSpec, Scenario,
    TopicSpec,
};
use kplay_core::sim::{Command, World};

#[test]
fn every_problem_is_listed_with_its_path() {
    let mut s = Scenario {
        version: 2,
        ..Scenario::default()
    };
    s.topics.push(TopicSpec::new("orders", 0));
    s.topics.push(TopicSpec::new("bad name!", 1));
    s.topics.push(TopicSpec::new("orders", 2));
    let mut p = ProducerSpec::new("p1", "nope", 10);
    p.keys.kind = KeyKind::Cycle;
    s.producers.push(p);
    let mut g = GroupSpec::new("g", ["orders", "missing"]);
    g.instances.push(InstanceSpec::new("i1", "L", 1));
    s.groups.push(g.clone());
    let mut g2 = GroupSpec::new("g2", ["orders"]);
    g2.session_timeout_ms = 100;
    let mut i = InstanceSpec::new("i1", "L", 65);
    i.processing_ms = Processing::Range { min: 5, max: 1 };
    g2.instances.push(i);
    s.groups.push(g2);
    s.faults
        .push(FaultSpec::new(10, FaultKind::Crash).instance("ghost"));
    s.faults.push(FaultSpec::new(10, FaultKind::AddPartitions));
    assert_eq!(
        problems(&s),
        vec![
            "version: must be 1",
            "topics[0].partitions: must be a whole number from 1 to 1024",
            "topics[1].name: may contain only a-z, A-Z, 0-9, '.', '_' and '-'",
            "topics[2].name: duplicate topic \"orders\"",
            "producers[0].topic: unknown topic \"nope\"",
            "producers[0].keys.values: must list at least one key for cycle, random and fixed",
            "groups[0].topics[1]: unknown topic \"missing\"",
            "groups[1].session_timeout_ms: must be a whole number from 6000 to 1800000",
            "groups[1].heartbeat_interval_ms: must be at least 1 and below session_timeout_ms",
            "groups[1].instances[0].id: duplicate instance \"i1\"",
            "groups[1].instances[0].threads: must be a whole number from 1 to 64",
            "groups[1].instances[0].processing_ms: must have min <= max <= 3600000",
            "faults[0].instance: unknown instance \"ghost\"",
            "faults[1].topic: required for add_partitions",
            "faults[1].partitions: required for add_partitions",
        ]
    );
    assert!(World::new(&s, 1).is_err());
}

#[test]
fn compacted_topics_reject_null_keys_and_partitions_never_shrink() {
    let mut s = Scenario::default();
    let mut t = TopicSpec::new("state", 3);
    t.cleanup = kplay_core::scenario::Cleanup::Compact;
    s.topics.push(t);
    s.producers.push(ProducerSpec::new("p", "state", 1));
    let mut f = FaultSpec::new(1, FaultKind::AddPartitions);
    f.topic = Some("state".into());
    f.partitions = Some(2);
    s.faults.push(f);
    assert_eq!(
        problems(&s),
        vec![
            "producers[0].keys.kind: a compacted topic rejects records without a key",
            "faults[0].partitions: must be above the current count 3 and at most 1024 (partitions are never removed)",
        ]
    );
}

#[test]
fn json_with_wrong_types_is_an_error_not_a_panic() {
    for text in [
        "{}",
        "{\"version\":1,\"topics\":[{\"name\":\"t\",\"partitions\":-1}]}",
        "{\"version\":1,\"groups\":[{\"id\":\"g\",\"topics\":[\"t\"],\"strategy\":\"fair\"}]}",
        "{\"version\":1,\"extra\":true}",
    ] {
        assert!(serde_json::from_str::<Scenario>(text).is_err(), "{text}");
    }
}

#[test]
fn rejected_commands_name_the_field_and_change_nothing() {
    let s = common::load("shared-group.json");
    let mut w = World::new(&s, 1).unwrap();
    w.run_until(4_000);
    let before = w.snapshot();
    let cases = [
        (
            Command::Crash {
                instance: "ghost".into(),
            },
            "instance",
        ),
        (
            Command::SetThreads {
                instance: "billing-1".into(),
                threads: 0,
            },
            "threads",
        ),
        (
            Command::AddPartitions {
                topic: "orders".into(),
                partitions: 2,
            },
            "partitions",
        ),
        (
            Command::AddPartitions {
                topic: "nope".into(),
                partitions: 9,
            },
            "topic",
        ),
        (
            Command::PauseProducer {
                producer: "ghost".into(),
            },
            "producer",
        ),
        (
            Command::Restart {
                instance: "billing-1".into(),
            },
            "instance",
        ),
        (
            Command::AddTopic {
                topic: TopicSpec::new("orders", 1),
            },
            "topic.name",
        ),
        (
            Command::AddInstance {
                group: "billing".into(),
                instance: InstanceSpec::new("billing-1", "L", 1),
            },
            "instance.id",
        ),
        (
            Command::AddGroup {
                group: GroupSpec::new("billing", ["orders"]),
            },
            "group.id",
        ),
    ];
    for (command, field) in cases {
        let err = w.apply(command.clone()).expect_err("rejected");
        assert_eq!(err.field, field, "{command:?}: {err}");
        assert_eq!(w.snapshot(), before, "{command:?} changed the world");
    }
    assert!(w
        .apply(Command::SetThreads {
            instance: "billing-1".into(),
            threads: 2
        })
        .is_ok());
}
