//! The engine's producers partition through `kplay_core::partitioner`: scenario-level checks of what lands in
//! the logs for each `partitioner` value.

use kplay_core::scenario::Scenario;
use kplay_core::sim::World;

fn scenario(producer: &str) -> Scenario {
    let text = format!(
        r#"{{
            "version": 1,
            "topics": [{{ "name": "t", "partitions": 6 }}],
            "producers": [{producer}]
        }}"#
    );
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn log_ends(s: &Scenario, until_ms: u64) -> Vec<u64> {
    let mut w = World::new(s, 11).expect("valid scenario");
    w.run_until(until_ms);
    w.snapshot().topics[0]
        .partitions
        .iter()
        .map(|p| p.log_end)
        .collect()
}

#[test]
fn round_robin_kafka_3_8_leaves_every_other_partition_empty_when_each_record_opens_a_batch() {
    // 500 records/s, linger.ms 0: at most one record per millisecond, so each record opens its own batch and
    // burns one counter value (KAFKA-9965).
    let s = scenario(
        r#"{ "id": "p", "topic": "t", "rate_per_s": 500, "linger_ms": 0, "partitioner": "round_robin_kafka_3_8" }"#,
    );
    let ends = log_ends(&s, 6_000);
    assert_eq!(ends, vec![0, 1000, 0, 1000, 0, 1000]);
}

#[test]
fn fixed_round_robin_and_the_default_spread_null_keys_evenly() {
    let s =
        scenario(r#"{ "id": "p", "topic": "t", "rate_per_s": 600, "partitioner": "round-robin" }"#);
    assert_eq!(log_ends(&s, 10_000), vec![1000; 6]);
    // The built-in partitioner: 100-byte records, batch.size 1000, linger 0 (unfilled batches, drained each
    // millisecond) → the switch held back at the 10th record completes before the 11th append, once the queue
    // is empty (RecordAccumulator.partitionChanged): a random partition every 10 records; over 6000 records
    // every partition gets its share ± noise.
    let s = scenario(
        r#"{ "id": "p", "topic": "t", "rate_per_s": 600, "batch_size": 1000, "partitioner": "default" }"#,
    );
    let ends = log_ends(&s, 10_000);
    assert_eq!(ends.iter().sum::<u64>(), 6000);
    for (p, &n) in ends.iter().enumerate() {
        assert!(
            n % 10 == 0,
            "partition {p}: whole sticky runs of 10, got {n}"
        );
        assert!((600..=1400).contains(&n), "partition {p} got {n} of 6000");
    }
}

#[test]
fn built_in_switches_at_batch_size_when_batches_fill() {
    // linger.ms 200 lets batches fill: 10 records of 100 B fill batch.size 1000, then the sticky partition moves.
    let s = scenario(
        r#"{ "id": "p", "topic": "t", "rate_per_s": 1000, "batch_size": 1000, "linger_ms": 200,
             "adaptive_partitioning": false }"#,
    );
    let ends = log_ends(&s, 3_000);
    let total: u64 = ends.iter().sum();
    assert!(total >= 2800, "{ends:?}");
    assert!(
        ends.iter().all(|n| n % 10 == 0),
        "whole batches of 10: {ends:?}"
    );
    assert!(ends.iter().filter(|&&n| n > 0).count() >= 4, "{ends:?}");
}

#[test]
fn ignore_keys_and_uniform_sticky_spread_keyed_records() {
    let keyed = |extra: &str| {
        scenario(&format!(
            r#"{{ "id": "p", "topic": "t", "rate_per_s": 1000, "batch_size": 100,
                 "keys": {{ "kind": "fixed", "values": ["k"] }} {extra} }}"#
        ))
    };
    let hashed = log_ends(&keyed(""), 2_000);
    assert_eq!(
        hashed.iter().filter(|&&n| n > 0).count(),
        1,
        "one key, one partition"
    );
    for extra in [
        r#", "ignore_keys": true"#,
        r#", "partitioner": "uniform_sticky""#,
    ] {
        let spread = log_ends(&keyed(extra), 2_000);
        assert!(
            spread.iter().all(|&n| n > 0),
            "{extra}: keys ignored, every partition used: {spread:?}"
        );
    }
}

#[test]
fn old_partitioner_names_still_load_and_unknown_ones_are_rejected() {
    for name in [
        "default",
        "uniform_sticky",
        "round_robin",
        "sticky_legacy",
        "sticky-legacy",
    ] {
        let s = scenario(&format!(
            r#"{{ "id": "p", "topic": "t", "rate_per_s": 10, "partitioner": "{name}" }}"#
        ));
        assert!(World::new(&s, 1).is_ok(), "{name}");
    }
    let text = r#"{ "version": 1, "topics": [{ "name": "t", "partitions": 1 }],
        "producers": [{ "id": "p", "topic": "t", "rate_per_s": 1, "partitioner": "hash" }] }"#;
    let err = serde_json::from_str::<Scenario>(text)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("producers[0].partitioner: unknown value \"hash\"; allowed: default,"),
        "{err}"
    );
}

#[test]
fn producers_see_added_partitions_only_after_their_metadata_refresh() {
    // KafkaProducer partitions over the partition count of its cached Cluster; Metadata.timeToNextUpdate lets
    // the sender refresh it metadata.max.age.ms after the last refresh. The first fetch is at 0 ms, so with
    // 4000 ms the producer learns of the partitions added at 1000 ms only at 4000 ms.
    use kplay_core::hash::partition_for_key;
    use kplay_core::sim::EventKind;
    let text = r#"{
        "version": 1,
        "topics": [{ "name": "t", "partitions": 2 }],
        "producers": [{ "id": "p", "topic": "t", "rate_per_s": 100, "metadata_max_age_ms": 4000,
                        "keys": { "kind": "cycle", "values": ["alice", "bob", "carol", "dave", "erin", "frank"] } }],
        "faults": [{ "at_ms": 1000, "kind": "add_partitions", "topic": "t", "partitions": 6 }]
    }"#;
    let s: Scenario = serde_json::from_str(text).unwrap();
    let mut w = World::new(&s, 3).expect("valid scenario");
    w.set_event_capacity(usize::MAX);
    w.run_until(8_000);
    let (mut old, mut new) = (0, 0);
    for e in w.drain_events() {
        if let EventKind::Produced { partition, key, .. } = &e.kind {
            let key = key.as_deref().expect("keyed");
            let count = if e.t_ms < 4_000 { 2 } else { 6 };
            assert_eq!(
                *partition,
                partition_for_key(key.as_bytes(), count),
                "{key} at {} ms",
                e.t_ms
            );
            if e.t_ms < 4_000 {
                old += 1
            } else {
                new += 1
            }
        }
    }
    assert!(old > 300 && new > 300, "{old} {new}");
    assert!(
        w.snapshot().topics[0].partitions[2..]
            .iter()
            .any(|p| p.log_end > 0),
        "after the refresh the new partitions get records"
    );
    assert_eq!(w.snapshot().producers[0].known_partitions, 6);
}
