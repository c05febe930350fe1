//! Produce requests carry batches: every record queued for a partition goes in one request, a retry sends the
//! same batch again (Kafka retries a `ProducerBatch` unchanged; the idempotent leader recognises it by its
//! first sequence, `ProducerStateManager`), and `delivery.timeout.ms` expires a sent batch whole
//! (`RecordAccumulator.expiredBatches`, timed from the batch's creation).

#[path = "replication_support/cluster.rs"]
mod cluster_support;

use cluster_support::cluster;
use kplay_core::replication::{Acks, ProduceError, ProducerConfig, ReplicationEvent};
use std::collections::BTreeMap;

fn acked(events: &[ReplicationEvent]) -> Vec<(u32, u64)> {
    events
        .iter()
        .filter_map(|e| match e {
            ReplicationEvent::Acknowledged {
                sequence, offset, ..
            } => Some((*sequence, *offset)),
            _ => None,
        })
        .collect()
}

/// The answer to the batch [0, 1, 2] is lost; records 3 and 4 are queued while the producer waits. The retry
/// after `request.timeout.ms` carries [0, 1, 2] only: an idempotent leader answers it with the first offset
/// without appending, and [3, 4] follow in their own request. (A retry that took the whole queue would be
/// recognised as a duplicate by its first sequence and 3 and 4 would be acknowledged without being written.)
#[test]
fn a_retry_resends_the_same_batch() {
    for idempotence in [true, false] {
        let (mut r, p) = cluster(|_| {});
        let producer = r.add_producer(ProducerConfig {
            acks: Acks::One,
            enable_idempotence: idempotence,
        });
        r.lose_next_ack(producer).unwrap();
        for _ in 0..3 {
            r.send(producer, p).unwrap();
        }
        r.step(10);
        r.send(producer, p).unwrap();
        r.send(producer, p).unwrap();
        r.step(31_000);
        assert_eq!(r.pending_records(producer), 0);
        let log = r.partition(p).unwrap().log(1).unwrap();
        let seqs: Vec<u32> = log.records().iter().map(|x| x.sequence).collect();
        let ev = r.drain_events();
        if idempotence {
            assert_eq!(seqs, vec![0, 1, 2, 3, 4]);
            assert_eq!(acked(&ev), vec![(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]);
        } else {
            // The batch is written twice, whole; the producer takes the second copy's offsets.
            assert_eq!(seqs, vec![0, 1, 2, 0, 1, 2, 3, 4]);
            assert_eq!(acked(&ev), vec![(0, 3), (1, 4), (2, 5), (3, 6), (4, 7)]);
        }
    }
}

/// With a network latency of 10 ms per hop, `acks=all` and three replicas, 1,000 records queued at once go in
/// one request and are all acknowledged after four hops: the request (10 ms), the answer to the followers'
/// parked fetches (20 ms), their next fetches telling the leader their new end (30 ms: the high watermark
/// passes the batch) and the answer (40 ms). One record per round trip would take 40 s.
#[test]
fn a_request_carries_every_queued_record() {
    let (mut r, p) = cluster(|c| c.network_latency_ms = 10);
    let producer = r.add_producer(ProducerConfig::default());
    r.step(100); // the followers' fetches are parked at the leader
    for _ in 0..1_000 {
        r.send(producer, p).unwrap();
    }
    // The producer sends in the first millisecond stepped (t = 1).
    r.step(30);
    assert_eq!(
        r.fetchable_until(p),
        0,
        "the followers have not fetched the batch back yet"
    );
    r.step(1);
    assert_eq!(
        r.fetchable_until(p),
        1_000,
        "the high watermark passes the batch at 1 + 30 ms"
    );
    r.step(9);
    assert_eq!(
        r.pending_records(producer),
        1_000,
        "no answer before 1 + 40 ms"
    );
    r.step(1);
    assert_eq!(
        r.pending_records(producer),
        0,
        "all acknowledged at 1 + 40 ms"
    );
    let offsets: Vec<u64> = acked(&r.drain_events()).iter().map(|a| a.1).collect();
    assert_eq!(offsets, (0..1_000).collect::<Vec<u64>>());
}

/// `min.insync.replicas=2` with both followers down: the leader answers `NOT_ENOUGH_REPLICAS` (after the ISR
/// shrank) and the producer retries until `delivery.timeout.ms` (120 s). The first batch [0, 1, 2] expires
/// whole at 120 s after its first record; [3, 4], queued a second later, form the next batch and expire
/// together 120 s after record 3.
#[test]
fn delivery_timeout_expires_a_sent_batch_whole() {
    let (mut r, p) = cluster(|c| {
        c.min_insync_replicas = 2;
        c.replica_lag_time_max_ms = 100;
    });
    r.crash(2).unwrap();
    r.crash(3).unwrap();
    let producer = r.add_producer(ProducerConfig::default());
    for _ in 0..3 {
        r.send(producer, p).unwrap();
    }
    r.step(1_000);
    r.send(producer, p).unwrap();
    r.send(producer, p).unwrap();
    let mut expired: BTreeMap<u32, u64> = BTreeMap::new();
    let mut refused = false;
    for now in 1_001..126_000u64 {
        r.step(1);
        for e in r.drain_events() {
            match e {
                ReplicationEvent::ProduceFailed {
                    sequence,
                    error: ProduceError::DeliveryTimeout,
                    ..
                } => {
                    expired.insert(sequence, now);
                }
                ReplicationEvent::ProduceFailed {
                    error: ProduceError::NotEnoughReplicas,
                    ..
                } => refused = true,
                _ => {}
            }
        }
    }
    assert!(refused, "the leader refused for want of in-sync replicas");
    let at: Vec<u64> = expired.values().copied().collect();
    assert_eq!(
        expired.keys().copied().collect::<Vec<_>>(),
        vec![0, 1, 2, 3, 4]
    );
    assert!(
        at[0] >= 120_000 && at[0] == at[1] && at[1] == at[2],
        "{expired:?}"
    );
    assert!(at[3] >= 121_000 && at[3] == at[4], "{expired:?}");
    assert!(r.partition(p).unwrap().log(1).unwrap().leo() <= 5);
}
