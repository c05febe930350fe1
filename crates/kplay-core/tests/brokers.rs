//! Brokers and replication in the world (feature `brokers`): the scenario fields and their rules, failover,
//! unclean truncation, duplicates without idempotence, and the commands.
#![cfg(feature = "brokers")]

mod common;
#[path = "brokers_support/partitions.rs"]
mod partitions;

use common::problems;
use kplay_core::replication::Acks;
use kplay_core::scenario::{BrokerSpec, FaultKind, FaultSpec, ProducerSpec, Scenario, TopicSpec};
use kplay_core::sim::{Command, Event, EventKind, World};

fn cluster(brokers: u32, rf: u32, min_isr: u32, unclean: bool, acks: Acks) -> Scenario {
    let mut s = Scenario {
        brokers: (1..=brokers).map(BrokerSpec::new).collect(),
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("t", 1);
    t.replication_factor = Some(rf);
    t.min_insync_replicas = Some(min_isr);
    t.unclean_leader_election_enable = Some(unclean);
    s.topics.push(t);
    let mut p = ProducerSpec::new("p", "t", 100);
    p.acks = Some(acks);
    s.producers.push(p);
    s
}

fn leader(w: &World) -> Option<u32> {
    w.replication("t")?.partition(0)?.leader()
}

fn log_end(w: &World) -> u64 {
    w.snapshot().topics[0].partitions[0].log_end
}

fn step_collect(w: &mut World, ms: u64, out: &mut Vec<Event>) {
    w.step(ms);
    out.extend(w.drain_events());
}

#[test]
fn the_fields_need_brokers_and_follow_their_rules() {
    let mut s = cluster(3, 3, 2, false, Acks::One);
    s.brokers.clear();
    s.faults
        .push(FaultSpec::new(5, FaultKind::CrashBroker).instance("x"));
    s.faults[0].instance = None;
    s.faults[0].broker = Some(1);
    let needs = "needs `brokers` (a scenario without brokers runs the model without replication)";
    assert_eq!(
        problems(&s),
        [
            format!("topics[0].replication_factor: {needs}"),
            format!("topics[0].min_insync_replicas: {needs}"),
            format!("topics[0].unclean_leader_election_enable: {needs}"),
            format!("producers[0].acks: {needs}"),
            format!("faults[0].broker: {needs}"),
        ]
    );

    let mut s = cluster(2, 4, 0, false, Acks::One);
    s.brokers.push(BrokerSpec::new(2));
    s.brokers[0].rack = Some("a".into());
    s.producers[0].enable_idempotence = Some(true);
    s.faults.push(FaultSpec {
        broker: Some(9),
        ..FaultSpec::new(1, FaultKind::RestartBroker)
    });
    s.faults.push(FaultSpec::new(2, FaultKind::CrashBroker));
    s.faults.push(FaultSpec {
        broker: Some(1),
        producer: Some("p".into()),
        ..FaultSpec::new(3, FaultKind::PauseProducer)
    });
    assert_eq!(
        problems(&s),
        [
            "brokers[1].rack: required once any broker has a rack (Kafka's rack-aware placement needs every broker's rack)",
            "brokers[2].id: duplicate broker id 2",
            "brokers[2].rack: required once any broker has a rack (Kafka's rack-aware placement needs every broker's rack)",
            "topics[0].replication_factor: must be from 1 to the broker count (3)",
            "topics[0].min_insync_replicas: must be at least 1",
            "producers[0].enable_idempotence: needs acks \"all\" (Kafka: \"Must set acks to all in order to use the idempotent producer\")",
            "faults[0].broker: unknown broker 9 (brokers: 1, 2)",
            "faults[1].broker: required for crash_broker",
            "faults[2].broker: only allowed for crash_broker, restart_broker and slow_follower",
        ]
    );
    // The defaults are valid: replication factor 1 (Kafka's default.replication.factor), acks all.
    let mut s = Scenario {
        brokers: vec![BrokerSpec::new(0)],
        ..Scenario::default()
    };
    s.topics.push(TopicSpec::new("t", 2));
    s.producers.push(ProducerSpec::new("p", "t", 10));
    assert!(problems(&s).is_empty());
    let w = World::new(&s, 1).unwrap();
    assert_eq!(
        w.replication("t").unwrap().partition(1).unwrap().replicas(),
        [0]
    );
}

#[test]
fn the_json_forms_read_and_write_back() {
    let text = r#"{"version":1,"brokers":[{"id":1,"rack":"a"},{"id":2,"rack":"b"}],
        "topics":[{"name":"t","partitions":2,"replication_factor":2,"min_insync_replicas":2,
                   "unclean_leader_election_enable":true}],
        "producers":[{"id":"p","topic":"t","rate_per_s":5,"acks":1,"enable_idempotence":false}],
        "faults":[{"at_ms":5,"kind":"crash_broker","broker":2}]}"#;
    let v = kplay_core::json::parse(text).unwrap();
    let s = kplay_core::scenario::json::scenario(&v).unwrap();
    assert_eq!(s.brokers[1].rack.as_deref(), Some("b"));
    assert_eq!(s.topics[0].replication_factor, Some(2));
    assert_eq!(s.producers[0].acks, Some(Acks::One));
    assert_eq!(s.faults[0].broker, Some(2));
    let out = kplay_core::scenario::json::write(&s, false);
    assert!(
        out.contains(r#""acks":"1","enable_idempotence":false"#),
        "{out}"
    );
    assert_eq!(serde_json::to_string(&s).unwrap(), out);
    let back = kplay_core::scenario::json::scenario(&kplay_core::json::parse(&out).unwrap());
    assert_eq!(back, Ok(s));
    let bad = kplay_core::json::parse(
        r#"{"version":1,"producers":[{"id":"p","topic":"t","rate_per_s":1,"acks":"2"}]}"#,
    )
    .unwrap();
    let p = kplay_core::scenario::json::scenario(&bad).unwrap_err();
    assert_eq!(
        p[0].to_string(),
        "producers[0].acks: unknown value \"2\"; allowed: all, -1, 1, 0"
    );
}

#[test]
fn a_leader_crash_moves_the_leader_and_the_producer_keeps_writing_without_loss() {
    let s = cluster(3, 3, 2, false, Acks::All);
    let mut w = World::new(&s, 3).unwrap();
    let mut events = Vec::new();
    step_collect(&mut w, 5_000, &mut events);
    let first = leader(&w).unwrap();
    let before = log_end(&w);
    assert!(before >= 490, "{before}");
    w.apply(Command::CrashBroker { broker: first }).unwrap();
    step_collect(&mut w, 8_990, &mut events);
    // Not yet fenced (broker.session.timeout.ms = 9000): the partition is stuck on the dead leader.
    assert_eq!(leader(&w), Some(first));
    step_collect(&mut w, 20, &mut events);
    let second = leader(&w).unwrap();
    assert_ne!(second, first);
    assert!(events.iter().any(|e| matches!(&e.kind,
        EventKind::LeaderChanged { leader: Some(l), epoch: 1, unclean: false, .. } if *l == second)));
    // The request in flight to the dead leader gets no answer: the producer retries it on the new leader after
    // request.timeout.ms (30 s after the crash); meanwhile its records wait in the accumulator.
    step_collect(&mut w, 15_000, &mut events);
    assert_eq!(log_end(&w), before);
    step_collect(&mut w, 7_000, &mut events);
    // Every record sent reached the log (100/s), nothing lost, no duplicate.
    assert_eq!(w.now_ms(), 36_010);
    assert_eq!(log_end(&w), 3_601);
    assert_eq!(w.replication_totals(), Some((0, 0)));
    assert!(!events
        .iter()
        .any(|e| matches!(e.kind, EventKind::RecordsLost { .. })));
    // The restarted broker rejoins the ISR.
    w.apply(Command::RestartBroker { broker: first }).unwrap();
    step_collect(&mut w, 1_000, &mut events);
    let p = w.replication("t").unwrap().partition(0).unwrap();
    assert_eq!(p.isr().len(), 3);
    assert!(events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::IsrExpanded { isr, .. } if isr.len() == 3)));
}

#[test]
fn an_unclean_election_truncates_the_log_consumers_read_and_reports_the_loss() {
    let s = cluster(2, 2, 1, true, Acks::One);
    let mut w = World::new(&s, 5).unwrap();
    let mut events = Vec::new();
    step_collect(&mut w, 1_000, &mut events);
    let first = leader(&w).unwrap();
    let other = if first == 1 { 2 } else { 1 };
    // The follower dies; once fenced the leader's ISR is just itself and it goes on alone.
    w.apply(Command::CrashBroker { broker: other }).unwrap();
    step_collect(&mut w, 12_000, &mut events);
    let at_crash = log_end(&w);
    assert!(at_crash > 1_000, "{at_crash}");
    // Then the leader dies and the stale follower comes back: unclean election, its log wins.
    w.apply(Command::CrashBroker { broker: first }).unwrap();
    step_collect(&mut w, 10_000, &mut events);
    w.apply(Command::RestartBroker { broker: other }).unwrap();
    let before = log_end(&w);
    step_collect(&mut w, 1, &mut events);
    assert_eq!(leader(&w), Some(other));
    let lost = events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::RecordsLost {
                from,
                to,
                acknowledged,
                visible,
                ..
            } => Some((*from, *to, *acknowledged, *visible)),
            _ => None,
        })
        .expect("records_lost");
    let (from, to, acknowledged, visible) = lost;
    assert!(
        from <= 110,
        "the follower had about a second of records: {lost:?}"
    );
    assert_eq!(visible, before - from, "{lost:?}");
    assert_eq!(
        acknowledged,
        to - from,
        "acks=1: every lost record had been acknowledged"
    );
    assert!(
        log_end(&w) <= from + 1,
        "the log consumers read was cut at {from}"
    );
    assert!(events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::LeaderChanged { unclean: true, .. })));
    assert_eq!(w.replication_totals().unwrap().0, to - from);
}

/// The leader appends, a follower copies, the high watermark waits on a dead ISR member; the leader dies before
/// answering and the producer retries on the new leader, which already has the record.
fn retry_after_leader_loss(idempotence: bool) -> (u64, Vec<Event>) {
    let mut s = cluster(3, 3, 1, false, Acks::All);
    s.producers[0].enable_idempotence = Some(idempotence);
    let mut w = World::new(&s, 11).unwrap();
    let mut events = Vec::new();
    step_collect(&mut w, 1_000, &mut events);
    let first = leader(&w).unwrap();
    let replicas = w
        .replication("t")
        .unwrap()
        .partition(0)
        .unwrap()
        .replicas()
        .to_vec();
    let last = *replicas.last().unwrap();
    w.apply(Command::CrashBroker { broker: last }).unwrap();
    step_collect(&mut w, 2_000, &mut events);
    w.apply(Command::CrashBroker { broker: first }).unwrap();
    step_collect(&mut w, 60_000, &mut events);
    (w.replication_totals().unwrap().1, events)
}

#[test]
fn without_idempotence_a_retry_writes_the_record_twice() {
    let (dups, events) = retry_after_leader_loss(false);
    assert_eq!(dups, 1);
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Duplicated { .. }))
            .count(),
        1
    );
    let (dups, _) = retry_after_leader_loss(true);
    assert_eq!(dups, 0);
}

#[test]
fn broker_commands_are_refused_without_brokers_or_for_an_unknown_broker() {
    let mut w = World::new(&Scenario::default(), 1).unwrap();
    let e = w.apply(Command::CrashBroker { broker: 1 }).unwrap_err();
    assert_eq!(
        e.to_string(),
        "broker: this world has no brokers (add `brokers` to the scenario)"
    );
    let mut w = World::new(&cluster(2, 1, 1, false, Acks::All), 1).unwrap();
    let e = w.apply(Command::RestartBroker { broker: 7 }).unwrap_err();
    assert_eq!(e.to_string(), "broker: unknown broker 7 (brokers: 1, 2)");
    // A scheduled fault on a broker becomes a broker_fault event.
    let mut s = cluster(2, 2, 1, false, Acks::All);
    s.faults.push(FaultSpec {
        broker: Some(2),
        ..FaultSpec::new(10, FaultKind::CrashBroker)
    });
    let mut w = World::new(&s, 1).unwrap();
    w.step(11);
    assert!(w.drain_events().iter().any(|e| e.kind
        == EventKind::BrokerFault {
            fault: "crash_broker".into(),
            broker: 2
        }));
    assert!(!w.replication("t").unwrap().is_up(2));
}

#[test]
fn added_partitions_and_topics_get_replicas() {
    let mut s = cluster(3, 2, 1, false, Acks::All);
    s.topics[0].partitions = 3;
    let mut w = World::new(&s, 4).unwrap();
    w.apply(Command::AddPartitions {
        topic: "t".into(),
        partitions: 5,
    })
    .unwrap();
    let r = w.replication("t").unwrap();
    assert_eq!(r.partition_count(), 5);
    // AdminZkClient.createPartitions: the new partitions continue from partition 0's preferred leader.
    let p0 = r.partition(0).unwrap().replicas()[0];
    let brokers = [1, 2, 3];
    let start = brokers.iter().position(|&b| b == p0).unwrap();
    assert_eq!(
        r.partition(3).unwrap().replicas()[0],
        brokers[(start + 3) % 3]
    );
    let mut t = TopicSpec::new("u", 2);
    t.replication_factor = Some(4);
    let e = w.apply(Command::AddTopic { topic: t.clone() }).unwrap_err();
    assert_eq!(
        e.to_string(),
        "topic.replication_factor: must be from 1 to the broker count (3)"
    );
    t.replication_factor = Some(3);
    w.apply(Command::AddTopic { topic: t }).unwrap();
    assert_eq!(
        w.replication("u")
            .unwrap()
            .partition(1)
            .unwrap()
            .isr()
            .len(),
        3
    );
}

/// Records keep the producer's send time as their timestamp (CreateTime, the default
/// `message.timestamp.type`), not the time the high watermark passed them: records sent while the partition
/// waited 30 s for a new leader's answer reach the log late but with the times they were sent.
#[test]
fn records_keep_their_send_time_as_timestamp() {
    let s = cluster(3, 3, 2, false, Acks::All);
    let mut w = World::new(&s, 3).unwrap();
    w.step(5_000);
    let before = log_end(&w);
    let first = leader(&w).unwrap();
    w.apply(Command::CrashBroker { broker: first }).unwrap();
    w.step(40_000);
    assert!(log_end(&w) > before + 100);
    let page = w.records_before("t", 0, before + 100, 100);
    assert_eq!(page.first().map(|r| r.offset), Some(before));
    // Sent at 100/s from about the crash on, in order, though they reached the log after ~30 s.
    assert!(page[0].timestamp_ms < 6_000, "{}", page[0].timestamp_ms);
    assert!(page
        .windows(2)
        .all(|x| x[0].timestamp_ms <= x[1].timestamp_ms));
    assert!(page[99].timestamp_ms - page[0].timestamp_ms >= 900);
}

#[path = "brokers_support/latency.rs"]
mod latency;
