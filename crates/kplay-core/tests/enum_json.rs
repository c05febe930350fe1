//! The scenario's word-valued enums read from JSON exactly as serde's derive reads them: every name (and the
//! `delete,compact` alias), the externally tagged `{"name": null}` form, and the same error texts. They share one
//! hand-written reader (`scenario::unit_enum`) to keep the web bundle small, so these pin its behaviour.

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
        &[OffsetReset::Earliest, OffsetReset::Latest, OffsetReset::None],
        &[
            ("\"Earliest\"", "unknown variant `Earliest`, expected one of `earliest`, `latest`, `none` at line 1 column 10"),
            ("5", "expected value at line 1 column 1"),
            ("null", "expected value at line 1 column 1"),
            ("[]", "expected value at line 1 column 1"),
            ("{\"latest\": 1}", "invalid type: integer `1`, expected unit at line 1 column 12"),
            ("{\"nope\": null}", "unknown variant `nope`, expected one of `earliest`, `latest`, `none` at line 1 column 7"),
            ("{\"latest\": null, \"x\": 1}", "expected value at line 1 column 15"),
            ("{5: null}", "key must be a string at line 1 column 2"),
        ],
    );
}

#[test]
fn cleanup_with_its_alias() {
    check(&[Cleanup::Delete, Cleanup::Compact, Cleanup::CompactDelete], &[
        ("\"both\"", "unknown variant `both`, expected one of `delete`, `compact`, `compact,delete`, `delete,compact` at line 1 column 6"),
    ]);
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
        &[(
            "\"x\"",
            "unknown variant `x`, expected `kafka` or `spring` at line 1 column 3",
        )],
    );
    check(
        &[CommitMode::Auto, CommitMode::Sync, CommitMode::Async, CommitMode::PerRecord],
        &[("\"x\"", "unknown variant `x`, expected one of `auto`, `sync`, `async`, `per_record` at line 1 column 3")],
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
        &[("true", "expected value at line 1 column 1")],
    );
    check(
        &[FaultKind::Crash, FaultKind::Stop, FaultKind::Restart, FaultKind::Slow, FaultKind::PauseProducer, FaultKind::ResumeProducer, FaultKind::AddPartitions],
        &[("\"kill\"", "unknown variant `kill`, expected one of `crash`, `stop`, `restart`, `slow`, `pause_producer`, `resume_producer`, `add_partitions` at line 1 column 6")],
    );
    check(
        &[
            PartitionerKind::Default,
            PartitionerKind::UniformSticky,
            PartitionerKind::RoundRobin,
            PartitionerKind::StickyLegacy,
            PartitionerKind::RoundRobinKafka38,
        ],
        &[
            ("1.5", "expected value at line 1 column 1"),
            ("\"x\"", "unknown variant `x`, expected one of `default`, `uniform_sticky`, `round-robin`, `round_robin`, `sticky-legacy`, `sticky_legacy`, `round-robin-kafka-3.8`, `round_robin_kafka_3_8` at line 1 column 3"),
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
        &[KeyKind::None, KeyKind::Cycle, KeyKind::Random, KeyKind::Fixed],
        &[("\"\"", "unknown variant ``, expected one of `none`, `cycle`, `random`, `fixed` at line 1 column 2")],
    );
    check(
        &[Strategy::Range, Strategy::RoundRobin, Strategy::Sticky, Strategy::CooperativeSticky],
        &[("\"cooperative_sticky\"", "unknown variant `cooperative_sticky`, expected one of `range`, `roundrobin`, `sticky`, `cooperative-sticky` at line 1 column 20")],
    );
}
