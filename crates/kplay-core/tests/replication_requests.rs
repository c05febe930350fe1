//! A producer sends one request per broker, carrying a batch for every partition that broker leads
//! (`Sender.sendProduceRequests` groups the drained batches by node), and the broker answers it once, when every
//! partition in it has its result (`DelayedProduce` waits for all of its `acks=all` partitions).

use kplay_core::replication::{
    Acks, ProducerConfig, Replication, ReplicationConfig, ReplicationEvent,
};

/// Brokers 1..=3 with `latency_ms` per network hop; partition 0 on [1, 2] and partition 1 on [1, 3], both led
/// by broker 1.
fn two_partitions_on_one_leader(latency_ms: u64) -> Replication {
    let cfg = ReplicationConfig {
        network_latency_ms: latency_ms,
        ..ReplicationConfig::default()
    };
    let mut r = Replication::new(cfg, &[1, 2, 3]);
    assert_eq!(r.add_partition(vec![1, 2]).unwrap(), 0);
    assert_eq!(r.add_partition(vec![1, 3]).unwrap(), 1);
    r
}

/// The ms at which each partition's record was acknowledged (sequence order: partition 0's record first).
fn acknowledged_at(r: &mut Replication, until_ms: u64) -> Vec<(usize, u64)> {
    let mut at = Vec::new();
    for _ in 0..until_ms {
        r.step(1);
        for e in r.drain_events() {
            if let ReplicationEvent::Acknowledged { partition, .. } = e {
                at.push((partition, r.now()));
            }
        }
    }
    at
}

/// Broker 2 follows slowly, so partition 0's high watermark moves 40 ms after partition 1's. The request that
/// carried both batches is answered when the slower one is done: both acknowledgements come together.
#[test]
fn an_acks_all_request_is_answered_when_its_last_partition_is_replicated() {
    let mut r = two_partitions_on_one_leader(1);
    r.set_follower_delay(2, 40).unwrap();
    let producer = r.add_producer(ProducerConfig {
        acks: Acks::All,
        enable_idempotence: true,
    });
    r.send(producer, 0).unwrap();
    r.send(producer, 1).unwrap();
    r.step(5);
    assert_eq!(r.fetchable_until(1), 1, "partition 1 is replicated at once");
    assert_eq!(
        r.fetchable_until(0),
        0,
        "partition 0 waits for the slow follower"
    );
    let at = acknowledged_at(&mut r, 200);
    assert_eq!(at.len(), 2, "{at:?}");
    assert_eq!(at[0].1, at[1].1, "one answer for both partitions: {at:?}");
    assert!(
        at[0].1 >= 40,
        "not before the slow follower caught up: {at:?}"
    );
    assert_eq!(r.fetchable_until(0), 1);
}

/// Without the slow follower and with no network latency, the request is sent, replicated and answered in
/// the millisecond the records were queued in.
#[test]
fn without_a_slow_follower_the_answer_comes_at_once() {
    let mut r = two_partitions_on_one_leader(0);
    let producer = r.add_producer(ProducerConfig::default());
    r.send(producer, 0).unwrap();
    r.send(producer, 1).unwrap();
    assert_eq!(acknowledged_at(&mut r, 5), vec![(0, 1), (1, 1)]);
}

/// A lost answer loses the results of every partition in the request: both batches time out after
/// `request.timeout.ms` and are sent again; the idempotent leader recognises both and appends nothing twice.
#[test]
fn a_lost_answer_retries_every_batch_of_the_request() {
    let mut r = two_partitions_on_one_leader(1);
    let producer = r.add_producer(ProducerConfig {
        acks: Acks::One,
        enable_idempotence: true,
    });
    r.lose_next_ack(producer).unwrap();
    r.send(producer, 0).unwrap();
    r.send(producer, 1).unwrap();
    let timeout = r.config().request_timeout_ms;
    let at = acknowledged_at(&mut r, timeout + 1_000);
    assert_eq!(at.len(), 2, "{at:?}");
    assert!(at.iter().all(|&(_, ms)| ms > timeout), "{at:?}");
    for part in [0, 1] {
        let log = r.partition(part).unwrap().log(1).unwrap();
        assert_eq!(log.leo(), 1, "partition {part} holds its record once");
    }
}
