//! Partitions of one topic stay independent (review r8 findings 1, 3 and 6): one offline partition does not
//! stall the producer's others, null-key records go only to partitions with a leader, new replicas go to
//! running brokers only, and a broker command that changes nothing is refused.

use kplay_core::scenario::{BrokerSpec, FaultKind, FaultSpec, ProducerSpec, Scenario, TopicSpec};
use kplay_core::sim::{Command, EventKind, World};

fn three_brokers(rf: u32, partitions: u32, rate: u32) -> Scenario {
    let mut s = Scenario {
        brokers: (1..=3).map(BrokerSpec::new).collect(),
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("t", partitions);
    t.replication_factor = Some(rf);
    s.topics.push(t);
    if rate > 0 {
        s.producers.push(ProducerSpec::new("p", "t", rate));
    }
    s
}

fn ends(w: &World) -> Vec<u64> {
    (0..3).map(|p| w.log_end("t", p).unwrap()).collect()
}

/// Kafka's `RecordAccumulator.drain` skips only partitions with no leader and requests in flight are per
/// broker connection, so a dead leader holds back only its own partitions' records; once it is fenced and its
/// partition has no leader, `BuiltInPartitioner` sends null-key records only to partitions that have one.
#[test]
fn crashing_one_leader_leaves_the_other_partitions_flowing() {
    let mut w = World::new(&three_brokers(1, 3, 300), 5).unwrap();
    w.step(5_000);
    let r = w.replication("t").unwrap();
    let dead = r.partition(0).unwrap().leader().unwrap();
    let offline: Vec<usize> = (0..3)
        .filter(|&p| r.partition(p).unwrap().leader() == Some(dead))
        .collect();
    assert_eq!(
        offline,
        [0],
        "replication factor 1 over 3 brokers: one partition each"
    );
    w.apply(Command::CrashBroker { broker: dead }).unwrap();
    w.step(1_000);
    let a = ends(&w);
    // Not fenced yet (broker.session.timeout.ms = 9000): requests to the dead leader wait 30 s for an
    // answer, but the other partitions' records keep reaching the log.
    w.step(7_000);
    let b = ends(&w);
    assert_eq!(b[0], a[0]);
    let flowing = (b[1] - a[1]) + (b[2] - a[2]);
    assert!(
        flowing >= 1_000,
        "other partitions wrote {flowing} records in 7 s"
    );
    // Fenced: partition 0 has no leader, so null-key records skip it: nearly all of 10 s x 300/s land on
    // partitions 1 and 2 (only what was already placed on partition 0 waits).
    w.step(2_000);
    assert_eq!(
        w.replication("t").unwrap().partition(0).unwrap().leader(),
        None
    );
    let c = ends(&w);
    w.step(10_000);
    let d = ends(&w);
    assert_eq!(d[0], c[0]);
    let flowing = (d[1] - c[1]) + (d[2] - c[2]);
    assert!((2_950..=3_000).contains(&flowing), "{flowing} of 3000");
}

/// `AdminZkClient` places replicas over `getAllBrokersInCluster` (running brokers only) and refuses a
/// replication factor above their count (`INVALID_REPLICATION_FACTOR`).
#[test]
fn new_replicas_go_to_running_brokers_only() {
    let mut s = three_brokers(1, 3, 0);
    let mut wide = TopicSpec::new("w", 1);
    wide.replication_factor = Some(3);
    s.topics.push(wide);
    let mut w = World::new(&s, 9).unwrap();
    w.apply(Command::CrashBroker { broker: 2 }).unwrap();
    w.apply(Command::AddPartitions {
        topic: "t".into(),
        partitions: 9,
    })
    .unwrap();
    let r = w.replication("t").unwrap();
    for p in 3..9 {
        let part = r.partition(p).unwrap();
        assert!(
            !part.replicas().contains(&2),
            "partition {p} on the dead broker"
        );
        assert!(part.leader().is_some_and(|l| l != 2));
    }
    let mut u = TopicSpec::new("u", 4);
    u.replication_factor = Some(3);
    let e = w.apply(Command::AddTopic { topic: u.clone() }).unwrap_err();
    assert_eq!(
        e.to_string(),
        "topic.replication_factor: replication factor 3 larger than available brokers: 2 \
         (INVALID_REPLICATION_FACTOR: replicas are placed on running brokers only)"
    );
    let e = w
        .apply(Command::AddPartitions {
            topic: "w".into(),
            partitions: 2,
        })
        .unwrap_err();
    assert!(e
        .to_string()
        .starts_with("partitions: replication factor 3 larger than available brokers: 2"));
    u.replication_factor = Some(2);
    w.apply(Command::AddTopic { topic: u }).unwrap();
    let r = w.replication("u").unwrap();
    for p in 0..4 {
        assert_eq!(r.partition(p).unwrap().replicas().len(), 2);
        assert!(!r.partition(p).unwrap().replicas().contains(&2));
    }
    w.apply(Command::RestartBroker { broker: 2 }).unwrap();
    w.apply(Command::AddPartitions {
        topic: "w".into(),
        partitions: 2,
    })
    .unwrap();
    assert_eq!(
        w.replication("w")
            .unwrap()
            .partition(1)
            .unwrap()
            .replicas()
            .len(),
        3
    );
}

/// Like instance faults, a broker command that changes nothing is refused (a scheduled one becomes a
/// `fault_rejected` warning instead of a `broker_fault` event).
#[test]
fn a_broker_command_that_changes_nothing_is_refused() {
    let mut w = World::new(&three_brokers(1, 1, 0), 1).unwrap();
    let e = w.apply(Command::RestartBroker { broker: 1 }).unwrap_err();
    assert_eq!(
        e.to_string(),
        "broker: broker 1 is running (only a crashed broker restarts)"
    );
    w.apply(Command::CrashBroker { broker: 1 }).unwrap();
    let e = w.apply(Command::CrashBroker { broker: 1 }).unwrap_err();
    assert_eq!(
        e.to_string(),
        "broker: broker 1 is already down (crashed and not restarted)"
    );
    w.apply(Command::RestartBroker { broker: 1 }).unwrap();

    let mut s = three_brokers(1, 1, 0);
    s.faults.push(FaultSpec {
        broker: Some(3),
        ..FaultSpec::new(10, FaultKind::RestartBroker)
    });
    let mut w = World::new(&s, 1).unwrap();
    w.step(11);
    let ev = w.drain_events();
    assert!(!ev
        .iter()
        .any(|e| matches!(e.kind, EventKind::BrokerFault { .. })));
    assert!(ev.iter().any(|e| matches!(&e.kind,
        EventKind::Warning { code, message, .. } if code == "fault_rejected"
            && message.ends_with("broker: broker 3 is running (only a crashed broker restarts)"))));
}

/// In the model itself: a producer's request waiting on a dead leader (no answer until `request.timeout.ms`)
/// does not hold back its records for another partition, and the one it waits for counts as pending with
/// everything sent after it.
#[test]
fn a_request_waiting_on_a_dead_leader_holds_back_only_its_partition() {
    use kplay_core::replication::{
        ProducerConfig, Replication, ReplicationConfig, ReplicationEvent,
    };
    let mut r = Replication::new(ReplicationConfig::default(), &[1, 2]);
    let a = r.add_partition(vec![1]).unwrap();
    let b = r.add_partition(vec![2]).unwrap();
    let producer = r.add_producer(ProducerConfig::default());
    r.crash(1).unwrap();
    r.send(producer, a).unwrap();
    for _ in 0..10 {
        r.send(producer, b).unwrap();
        r.step(10);
    }
    assert_eq!(r.fetchable_until(b), 10);
    assert_eq!(r.fetchable_until(a), 0);
    let acked = r
        .drain_events()
        .iter()
        .filter(
            |e| matches!(e, ReplicationEvent::Acknowledged { partition, .. } if *partition == b),
        )
        .count();
    assert_eq!(acked, 10);
    assert_eq!(
        r.pending_records(producer),
        11,
        "sequence 0 still waits; 1..=10 are done after it"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever broker crashes when, the partitions that keep a leader keep taking the producer's records:
    /// once the dead broker is fenced, nearly every record of the next 5 s lands on them.
    #[test]
    fn the_partitions_that_keep_a_leader_keep_progressing(
        seed in proptest::prelude::any::<u64>(), broker in 1u32..=3, at in 1_000u64..8_000,
    ) {
        let mut w = World::new(&three_brokers(1, 3, 300), seed).unwrap();
        w.step(at);
        w.apply(Command::CrashBroker { broker }).unwrap();
        w.step(10_000); // fenced after broker.session.timeout.ms
        let r = w.replication("t").unwrap();
        let led: Vec<bool> = (0..3).map(|p| r.partition(p).unwrap().leader().is_some()).collect();
        let before = ends(&w);
        w.step(5_000);
        let after = ends(&w);
        let mut flowing = 0;
        for p in 0..3 {
            if led[p] {
                flowing += after[p] - before[p];
            } else {
                proptest::prop_assert_eq!(after[p], before[p], "offline partition {} grew", p);
            }
        }
        proptest::prop_assert!(flowing >= 1_450, "{} of 1500 records on the partitions with a leader", flowing);
    }
}
