//! Consumers fetch nothing from a partition whose leader is not running: Kafka's fetcher sends no fetch for a
//! partition with no known leader, nor to a leader's node it cannot reach (AbstractFetch.prepareFetchRequests),
//! so records the consumers' log already holds stay unread until a leader serves them again. The
//! `auto.offset.reset` of such a partition waits for its leader too (ListOffsets goes to the leader).

use kplay_core::scenario::{
    BrokerSpec, GroupSpec, InstanceSpec, OffsetReset, Processing, ProducerSpec, Scenario, TopicSpec,
};
use kplay_core::sim::EventKind;
use kplay_core::sim::{Command, World};
use std::collections::BTreeMap;

/// Two brokers, topic "t" with two single-replica partitions, a null-key producer at 100 records/s and one
/// consumer thread that processes 40 records/s, so it lags.
fn lagging(reset: OffsetReset) -> Scenario {
    let mut s = Scenario {
        brokers: vec![BrokerSpec::new(1), BrokerSpec::new(2)],
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("t", 2);
    t.replication_factor = Some(1);
    s.topics.push(t);
    s.producers.push(ProducerSpec::new("p", "t", 100));
    let mut g = GroupSpec::new("g", ["t"]);
    g.auto_offset_reset = reset;
    g.max_poll_records = 5;
    let mut i = InstanceSpec::new("app-1", "Listener", 1);
    i.processing_ms = Processing::Fixed(25);
    g.instances.push(i);
    s.groups.push(g);
    s
}

/// Offsets processed per partition of "t" (each with how many times), from the events since the last call.
#[derive(Default)]
struct Processed(BTreeMap<(u32, u64), u32>);

impl Processed {
    fn collect(&mut self, w: &mut World) {
        for e in w.drain_events() {
            if let EventKind::Processed {
                partition, offset, ..
            } = e.kind
            {
                *self.0.entry((partition, offset)).or_default() += 1;
            }
        }
    }

    fn count(&self, partition: u32) -> usize {
        self.0.keys().filter(|(p, _)| *p == partition).count()
    }
}

fn leader_of(w: &World, partition: usize) -> u32 {
    let r = w.replication("t").expect("brokers");
    r.partition(partition)
        .and_then(|p| p.leader())
        .expect("a leader")
}

#[test]
fn a_partition_without_a_running_leader_is_not_read_until_it_has_one() {
    let mut w = World::new(&lagging(OffsetReset::Earliest), 7).unwrap();
    let mut seen = Processed::default();
    w.step(8_000);
    w.apply(Command::PauseProducer {
        producer: "p".into(),
    })
    .unwrap();
    let broker = leader_of(&w, 0);
    w.apply(Command::CrashBroker { broker }).unwrap();
    // What was fetched before the crash is still processed: 5 records at most, 125 ms.
    w.step(1_000);
    seen.collect(&mut w);
    let (p0, p1) = (seen.count(0), seen.count(1));
    let backlog = w.log_end("t", 0).unwrap();
    assert!(
        backlog > p0 as u64 + 100,
        "the consumers' log holds {backlog} records of partition 0 and the group has read {p0}: no backlog to test"
    );
    // Down for 21 s: past broker.session.timeout.ms, so the partition goes from "leader not running" to
    // "no leader"; neither serves a fetch.
    w.step(21_000);
    seen.collect(&mut w);
    assert_eq!(
        seen.count(0),
        p0,
        "partition 0 was read while its only replica's broker was down"
    );
    let end1 = w.log_end("t", 1).unwrap();
    assert!(
        p1 < end1 as usize && seen.count(1) == end1 as usize,
        "the thread read partition 1 to its end ({end1}) meanwhile: {p1} then {}",
        seen.count(1)
    );
    w.apply(Command::RestartBroker { broker }).unwrap();
    w.step(60_000);
    seen.collect(&mut w);
    for p in 0..2 {
        let end = w.log_end("t", p).unwrap();
        assert_eq!(
            seen.count(p) as u64,
            end,
            "partition {p}: every record up to the log end {end} is processed once the leader is back"
        );
        for o in 0..end {
            assert_eq!(
                seen.0.get(&(p, o)),
                Some(&1),
                "partition {p} offset {o} processed once"
            );
        }
    }
}

#[test]
fn the_offset_reset_of_a_partition_without_a_running_leader_waits_for_one() {
    let mut w = World::new(&lagging(OffsetReset::Latest), 7).unwrap();
    // The sticky partitioner fills one partition at a time: crash the leader of one that has records.
    w.step(1_500);
    let down = (0..2)
        .find(|&p| w.log_end("t", p).unwrap() > 0)
        .expect("records");
    let up = 1 - down;
    let broker = leader_of(&w, down as usize);
    assert_ne!(broker, leader_of(&w, up as usize), "one broker each");
    w.apply(Command::CrashBroker { broker }).unwrap();
    // The group joins at about 3 s (group.initial.rebalance.delay.ms) and gets both partitions.
    w.step(19_000);
    w.apply(Command::RestartBroker { broker }).unwrap();
    let restarted = w.now_ms();
    w.step(10_000);
    let resets: Vec<(u64, u32)> = w
        .events()
        .filter_map(|e| match &e.kind {
            EventKind::Skipped {
                partition, reason, ..
            } if reason == "reset" => Some((e.t_ms, *partition)),
            _ => None,
        })
        .collect();
    let reset_at: Vec<u64> = resets.iter().filter(|r| r.1 == down).map(|r| r.0).collect();
    assert_eq!(
        reset_at.len(),
        1,
        "one reset of partition {down} (to latest, skipping what it had): {resets:?}"
    );
    assert!(
        reset_at[0] >= restarted,
        "partition {down} was reset at {} ms, before its leader came back at {restarted} ms",
        reset_at[0]
    );
    assert!(
        resets.iter().any(|r| r.1 == up && r.0 < restarted),
        "partition {up}, whose leader runs, was reset when assigned: {resets:?}"
    );
}
