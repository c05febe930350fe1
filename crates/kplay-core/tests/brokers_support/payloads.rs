//! The world keeps each record's payload (key, tombstone, send time) until the consumers' log of **its
//! partition** has it: a partition whose high watermark lags behind the producer's other partitions still gets
//! its records with their keys, and a partition that stays offline does not keep payloads forever.

use kplay_core::replication::Acks;
use kplay_core::scenario::{BrokerSpec, KeyKind, KeySpec, ProducerSpec, Scenario, TopicSpec};
use kplay_core::sim::{Command, World};
use std::collections::HashMap;

fn keyed(brokers: u32, rf: u32, partitions: u32, acks: Acks) -> Scenario {
    let mut s = Scenario {
        brokers: (1..=brokers).map(BrokerSpec::new).collect(),
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("t", partitions);
    t.replication_factor = Some(rf);
    s.topics.push(t);
    let mut p = ProducerSpec::new("p", "t", 300);
    p.acks = Some(acks);
    p.keys = KeySpec {
        kind: KeyKind::Cycle,
        values: (0..24).map(|i| format!("k{i}")).collect(),
    };
    s.producers.push(p);
    s
}

/// Every record of every partition of "t" carries a key, and a key always lands on the same partition.
fn assert_all_keyed(w: &World, partitions: u32) -> u64 {
    let mut home: HashMap<String, u32> = HashMap::new();
    let mut n = 0;
    for p in 0..partitions {
        for r in w.records_before("t", p, u64::MAX, usize::MAX) {
            let key = r
                .key
                .unwrap_or_else(|| panic!("partition {p} offset {} lost its key", r.offset));
            let at = *home.entry(key.clone()).or_insert(p);
            assert_eq!(at, p, "key {key} on partitions {at} and {p}");
            n += 1;
        }
    }
    n
}

/// A broker that leads no partition of "t" and follows some but not all of them: crashing it holds back only
/// the high watermark of the partitions it follows, while every leader keeps answering.
fn pure_follower(w: &World, partitions: usize) -> Option<(u32, Vec<usize>)> {
    let r = w.replication("t")?;
    let parts: Vec<_> = (0..partitions).map(|p| r.partition(p).unwrap()).collect();
    (1..=4).find_map(|b| {
        if parts.iter().any(|p| p.leader() == Some(b)) {
            return None;
        }
        let follows: Vec<usize> = (0..partitions)
            .filter(|&p| parts[p].replicas().contains(&b))
            .collect();
        (!follows.is_empty() && follows.len() < partitions).then_some((b, follows))
    })
}

/// With `acks=1` the leader answers at once; a crashed follower holds its partitions' high watermark until
/// the controller fences it (`broker.session.timeout.ms`, 9 s) while the producer's other partitions move on.
/// When the ISR shrinks the high watermark jumps and 9 s of records enter the consumers' log: each with the
/// key it was sent with.
#[test]
fn a_lagging_partition_keeps_its_records_keys() {
    let (mut w, (follower, lagging)) = (1..50)
        .find_map(|seed| {
            let w = World::new(&keyed(4, 2, 3, Acks::One), seed).unwrap();
            let f = pure_follower(&w, 3)?;
            Some((w, f))
        })
        .expect("a seed placing one broker as a follower only");
    w.step(3_000);
    w.apply(Command::CrashBroker { broker: follower }).unwrap();
    let p = lagging[0] as u32;
    let held = w.log_end("t", p).unwrap();
    w.step(8_000);
    assert_eq!(
        w.log_end("t", p),
        Some(held),
        "partition {p}'s HW waits for the ISR"
    );
    w.step(10_000);
    assert!(w.log_end("t", p).unwrap() > held + 500);
    let n = assert_all_keyed(&w, 3);
    assert!(n > 5_000, "{n} records");
}

/// A partition whose only replica stays down gets nothing into its log: its producer gives up on each record
/// after `delivery.timeout.ms` (120 s), and the world forgets those records' content then, so what it keeps
/// stays at about 120 s of that partition's records instead of growing for as long as it is offline.
#[test]
fn an_offline_partition_does_not_keep_payloads_forever() {
    let mut w = World::new(&keyed(3, 1, 3, Acks::One), 7).unwrap();
    w.step(2_000);
    let dead = w
        .replication("t")
        .unwrap()
        .partition(0)
        .unwrap()
        .leader()
        .unwrap();
    w.apply(Command::CrashBroker { broker: dead }).unwrap();
    let held = w.log_end("t", 0).unwrap();
    w.step(200_000);
    let at_200s = w.kept_payloads();
    w.step(400_000);
    let at_600s = w.kept_payloads();
    assert_eq!(
        w.log_end("t", 0),
        Some(held),
        "nothing reaches the offline partition"
    );
    // Keys cycle over 24 values: partition 0 gets its share of 300 records/s, for at most 120 s each (plus the
    // 30 s its in-flight requests wait), while the other partitions' logs keep up.
    let share = (0..24)
        .filter(|i| kplay_core::hash::partition_for_key(format!("k{i}").as_bytes(), 3) == 0)
        .count() as f64
        / 24.0;
    let bound = (300.0 * share * 150.0) as usize + 100;
    assert!(
        at_200s > 1_000,
        "records waiting for the partition are kept: {at_200s}"
    );
    assert!(
        at_600s <= bound,
        "{at_600s} kept after 600 s, bound {bound}"
    );
    assert!(at_600s.abs_diff(at_200s) < 300, "{at_200s} then {at_600s}");
    // Everything that did reach a log still has its key.
    assert_all_keyed(&w, 3);
}
