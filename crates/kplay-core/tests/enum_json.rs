//! The scenario's word-valued enums read from JSON as serde's derive read them: every name (and the aliases), the
//! externally tagged `{"name": null}` form. They share the scenario's JSON reader (`scenario::json`), whose
//! problems are worded like every other scenario problem; these pin them.

use kplay_core::assignor::Strategy;
use kplay_core::scenario::{
    AckMode, Cleanup, Client, CommitMode, FaultKind, KeyKind, OffsetReset, PartitionerKind,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn read<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

/// Every listed value writes its name and reads back from it and from `{"name": null}`; bad inputs give `errors`.
fn check<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    all: &[T],
    errors: &[(&str, &str)],
) {
    for v in all {
        let name = serde_json::to_string(v).unwrap();
        assert_eq!(&read::<T>(&name).unwrap(), v, "{name}");
        assert_eq!(
            &read::<T>(&format!("{{{name}: null}}")).unwrap(),
            v,
            "{name}"
        );
    }
    let mut bad = Vec::new();
    for (json, err) in errors {
        let got = read::<T>(json).unwrap_err();
        if got != *err {
            bad.push(format!("{json:?} => {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn offset_reset() {
    check(
        &[
            OffsetReset::Earliest,
            OffsetReset::Latest,
            OffsetReset::None,
        ],
        &[
            (
                "\"Earliest\"",
                "unknown value \"Earliest\"; allowed: earliest, latest, none",
            ),
            ("5", "must be string or map, got 5"),
            ("null", "must be string or map, got null"),
            ("[]", "must be string or map, got a list"),
            ("{\"latest\": 1}", "must be unit, got 1"),
            (
                "{\"nope\": null}",
                "unknown value \"nope\"; allowed: earliest, latest, none",
            ),
            (
                "{\"latest\": null, \"x\": 1}",
                "invalid value: map, expected map with a single key",
            ),
            ("{5: null}", "key must be a string at line 1 column 2"),
        ],
    );
}

#[test]
fn cleanup_with_its_alias() {
    check(
        &[Cleanup::Delete, Cleanup::Compact, Cleanup::CompactDelete],
        &[(
            "\"both\"",
            "unknown value \"both\"; allowed: delete, compact, compact,delete, delete,compact",
        )],
    );
    assert_eq!(
        read::<Cleanup>("\"delete,compact\""),
        Ok(Cleanup::CompactDelete)
    );
    assert_eq!(
        read::<Cleanup>("{\"delete,compact\": null}"),
        Ok(Cleanup::CompactDelete)
    );
}

#[test]
fn the_other_word_enums() {
    check(
        &[Client::Kafka, Client::Spring],
        &[("\"x\"", "unknown value \"x\"; allowed: kafka, spring")],
    );
    check(
        &[
            CommitMode::Auto,
            CommitMode::Sync,
            CommitMode::Async,
            CommitMode::PerRecord,
        ],
        &[(
            "\"x\"",
            "unknown value \"x\"; allowed: auto, sync, async, per_record",
        )],
    );
    check(
        &[
            AckMode::Batch,
            AckMode::Record,
            AckMode::Time,
            AckMode::Count,
            AckMode::CountTime,
            AckMode::Manual,
            AckMode::ManualImmediate,
        ],
        &[("true", "must be string or map, got true")],
    );
    check(
        &[
            FaultKind::Crash,
            FaultKind::Stop,
            FaultKind::Restart,
            FaultKind::Slow,
            FaultKind::PauseProducer,
            FaultKind::ResumeProducer,
            FaultKind::AddPartitions,
        ],
        &[(
            "\"kill\"",
            if cfg!(feature = "brokers") {
                "unknown value \"kill\"; allowed: crash, stop, restart, slow, pause_producer, resume_producer, add_partitions, crash_broker, restart_broker, slow_follower, lose_ack, elect_preferred"
            } else {
                "unknown value \"kill\"; allowed: crash, stop, restart, slow, pause_producer, resume_producer, add_partitions"
            },
        )],
    );
    #[cfg(feature = "brokers")]
    {
        check(&[FaultKind::CrashBroker, FaultKind::RestartBroker], &[]);
        use kplay_core::replication::Acks;
        check(
            &[Acks::All, Acks::One, Acks::Zero],
            &[("\"2\"", "unknown value \"2\"; allowed: all, -1, 1, 0")],
        );
        assert_eq!(read::<Acks>("\"-1\""), Ok(Acks::All));
    }
    check(
        &[
            PartitionerKind::Default,
            PartitionerKind::UniformSticky,
            PartitionerKind::RoundRobin,
            PartitionerKind::StickyLegacy,
            PartitionerKind::RoundRobinKafka38,
        ],
        &[
            ("1.5", "must be string or map, got 1.5"),
            ("\"x\"", "unknown value \"x\"; allowed: default, uniform_sticky, round-robin, round_robin, sticky-legacy, sticky_legacy, round-robin-kafka-3.8, round_robin_kafka_3_8"),
        ],
    );
    assert_eq!(
        read::<PartitionerKind>("\"round-robin\""),
        Ok(PartitionerKind::RoundRobin)
    );
    assert_eq!(
        read::<PartitionerKind>("{\"sticky-legacy\": null}"),
        Ok(PartitionerKind::StickyLegacy)
    );
    assert_eq!(
        read::<PartitionerKind>("\"round-robin-kafka-3.8\""),
        Ok(PartitionerKind::RoundRobinKafka38)
    );
    check(
        &[
            KeyKind::None,
            KeyKind::Cycle,
            KeyKind::Random,
            KeyKind::Fixed,
        ],
        &[(
            "\"\"",
            "unknown value \"\"; allowed: none, cycle, random, fixed",
        )],
    );
    check(
        &[Strategy::Range, Strategy::RoundRobin, Strategy::Sticky, Strategy::CooperativeSticky],
        &[("\"cooperative_sticky\"", "unknown value \"cooperative_sticky\"; allowed: range, roundrobin, sticky, cooperative-sticky")],
    );
}
