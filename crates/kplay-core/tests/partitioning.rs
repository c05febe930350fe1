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
    assert!(err.contains("unknown variant `hash`"), "{err}");
}
