//! One test per replication rule, each checked against Kafka's source (cited on the test).

#[path = "replication_support/cluster.rs"]
mod cluster_support;

use cluster_support::cluster;
use kplay_core::replication::{
    Acks, ProduceError, ProducerConfig, Record, Replication, ReplicationConfig, ReplicationEvent,
};

const ACKS_ONE: ProducerConfig = ProducerConfig {
    acks: Acks::One,
    enable_idempotence: true,
};

fn leo(r: &Replication, p: usize, broker: u32) -> u64 {
    r.partition(p).unwrap().log(broker).unwrap().leo()
}

fn lost(events: &[ReplicationEvent]) -> Vec<Record> {
    events
        .iter()
        .filter_map(|e| match e {
            ReplicationEvent::RecordsLost { records, .. } => Some(records.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn errors(events: &[ReplicationEvent]) -> Vec<ProduceError> {
    events
        .iter()
        .filter_map(|e| match e {
            ReplicationEvent::ProduceFailed { error, .. } => Some(*error),
            _ => None,
        })
        .collect()
}

/// `PartitionChangeBuilder.electAnyLeader`: the first replica in assignment order that is in the ISR and
/// alive; every leader change bumps the epoch (`PartitionRegistration.merge`).
#[test]
fn election_takes_the_first_alive_isr_replica_in_assignment_order() {
    let cfg = ReplicationConfig {
        broker_session_timeout_ms: 5,
        ..ReplicationConfig::default()
    };
    let mut r = Replication::new(cfg, &[1, 2, 3]);
    let p = r.add_partition(vec![3, 1, 2]).unwrap();
    assert_eq!(r.partition(p).unwrap().leader(), Some(3));
    r.crash(3).unwrap();
    r.step(4);
    assert_eq!(
        r.partition(p).unwrap().leader(),
        Some(3),
        "not fenced before broker.session.timeout.ms"
    );
    r.step(1);
    assert_eq!(r.partition(p).unwrap().leader(), Some(1));
    assert_eq!(r.partition(p).unwrap().leader_epoch(), 1);
    assert_eq!(r.partition(p).unwrap().isr(), &[1, 2]);
    r.crash(1).unwrap();
    r.step(5);
    assert_eq!(r.partition(p).unwrap().leader(), Some(2));
    assert_eq!(r.partition(p).unwrap().leader_epoch(), 2);
}

/// An out-of-sync replica is skipped by a clean election even when it comes first.
#[test]
fn clean_election_skips_a_replica_outside_the_isr() {
    let (mut r, p) = cluster(|c| {
        c.replica_lag_time_max_ms = 1000;
        c.broker_session_timeout_ms = 5;
    });
    let producer = r.add_producer(ACKS_ONE);
    r.set_follower_delay(2, u64::MAX / 4).unwrap();
    r.send(producer, p).unwrap();
    r.step(1500);
    assert_eq!(r.partition(p).unwrap().isr(), &[1, 3]);
    r.crash(1).unwrap();
    r.step(5);
    assert_eq!(r.partition(p).unwrap().leader(), Some(3));
}

/// `Replica.isCaughtUp` (`now - lastCaughtUpTimeMs <= replica.lag.time.max.ms`) checked by the
/// `isr-expiration` task every `replica.lag.time.max.ms / 2` (`ReplicaManager`): a follower stuck since 0
/// is still in sync at exactly 1000 ms and leaves at the next check, 1500 ms.
#[test]
fn isr_shrinks_only_after_more_than_replica_lag_time_max_ms() {
    let (mut r, p) = cluster(|c| {
        c.replica_lag_time_max_ms = 1000;
        c.network_latency_ms = 0;
    });
    let producer = r.add_producer(ACKS_ONE);
    r.set_follower_delay(2, u64::MAX / 4).unwrap();
    r.send(producer, p).unwrap();
    r.step(1000);
    assert_eq!(
        r.partition(p).unwrap().isr(),
        &[1, 2, 3],
        "at exactly the lag time it is still in sync"
    );
    r.step(499);
    assert_eq!(
        r.partition(p).unwrap().isr(),
        &[1, 2, 3],
        "no check between 1000 and 1500"
    );
    r.step(1);
    assert_eq!(r.partition(p).unwrap().isr(), &[1, 3]);
    assert!(r.drain_events().contains(&ReplicationEvent::IsrShrunk {
        partition: p,
        isr: vec![1, 3]
    }));
}

/// A follower with the leader's LEO never leaves, however long nothing is written.
#[test]
fn an_idle_caught_up_follower_stays_in_the_isr() {
    let (mut r, p) = cluster(|c| c.replica_lag_time_max_ms = 1000);
    let producer = r.add_producer(ACKS_ONE);
    r.send(producer, p).unwrap();
    r.step(20_000);
    assert_eq!(r.partition(p).unwrap().isr(), &[1, 2, 3]);
}

/// `Partition.maybeIncrementLeaderHW`: the HW is the smallest LEO in the ISR; consumers read below it.
#[test]
fn high_watermark_is_the_smallest_isr_leo() {
    let (mut r, p) = cluster(|c| c.replica_lag_time_max_ms = 1000);
    let producer = r.add_producer(ACKS_ONE);
    r.set_follower_delay(3, u64::MAX / 4).unwrap();
    for _ in 0..5 {
        r.send(producer, p).unwrap();
    }
    r.step(100);
    assert_eq!((leo(&r, p, 1), leo(&r, p, 2), leo(&r, p, 3)), (5, 5, 0));
    assert_eq!(r.fetchable_until(p), 0, "broker 3 is in the ISR with LEO 0");
    r.step(1500);
    assert_eq!(r.partition(p).unwrap().isr(), &[1, 2]);
    assert_eq!(r.fetchable_until(p), 5);
}

/// `Partition.appendRecordsToLeader`: `acks=all` with ISR < `min.insync.replicas` fails with
/// NOT_ENOUGH_REPLICAS; `acks=1` is appended but the HW does not move while under min ISR (`isUnderMinIsr`).
#[test]
fn acks_all_is_rejected_when_the_isr_is_below_min_insync() {
    let (mut r, p) = cluster(|c| {
        c.replica_lag_time_max_ms = 1000;
        c.min_insync_replicas = 2;
    });
    let all = r.add_producer(ProducerConfig::default());
    let one = r.add_producer(ACKS_ONE);
    r.set_follower_delay(2, u64::MAX / 4).unwrap();
    r.set_follower_delay(3, u64::MAX / 4).unwrap();
    r.send(one, p).unwrap();
    r.step(1500);
    assert_eq!(r.partition(p).unwrap().isr(), &[1]);
    r.drain_events();
    r.send(all, p).unwrap();
    r.send(one, p).unwrap();
    r.step(10);
    let ev = r.drain_events();
    assert_eq!(errors(&ev), vec![ProduceError::NotEnoughReplicas]);
    assert!(ev.iter().any(|e| matches!(e, ReplicationEvent::Acknowledged { producer_id, offset: 1, .. } if *producer_id == one)));
    assert_eq!(leo(&r, p, 1), 2);
    assert_eq!(r.fetchable_until(p), 0);
}

/// `Partition.isFollowerInSync`: a follower rejoins once its LEO reaches the HW (and the epoch start offset).
#[test]
fn a_follower_rejoins_the_isr_when_it_catches_up() {
    let (mut r, p) = cluster(|c| c.replica_lag_time_max_ms = 1000);
    let producer = r.add_producer(ACKS_ONE);
    r.set_follower_delay(3, 5000).unwrap();
    r.send(producer, p).unwrap();
    r.step(1500);
    assert_eq!(r.partition(p).unwrap().isr(), &[1, 2]);
    r.set_follower_delay(3, 0).unwrap();
    r.step(6000);
    assert_eq!(r.partition(p).unwrap().isr(), &[1, 2, 3]);
    assert!(r.drain_events().contains(&ReplicationEvent::IsrExpanded {
        partition: p,
        isr: vec![1, 2, 3]
    }));
}

/// Without unclean election the partition stays offline while its only ISR member is down; the controller
/// keeps that last member in the ISR (no ELR) and elects it when it returns.
#[test]
fn without_unclean_election_the_partition_waits_for_the_last_isr_member() {
    let (mut r, p) = cluster(|c| {
        c.replica_lag_time_max_ms = 1000;
        c.broker_session_timeout_ms = 5;
    });
    let producer = r.add_producer(ACKS_ONE);
    r.set_follower_delay(2, u64::MAX / 4).unwrap();
    r.set_follower_delay(3, u64::MAX / 4).unwrap();
    r.send(producer, p).unwrap();
    r.step(1500);
    r.crash(1).unwrap();
    r.step(5);
    let part = r.partition(p).unwrap();
    assert_eq!(
        (part.leader(), part.isr(), part.leader_epoch()),
        (None, &[1][..], 1)
    );
    assert_eq!(r.fetchable_until(p), 0);
    r.drain_events();
    r.send(producer, p).unwrap();
    r.step(1000);
    assert_eq!(
        errors(&r.drain_events()),
        vec![ProduceError::NotLeaderOrFollower]
    );
    r.restart(1).unwrap();
    assert_eq!(r.partition(p).unwrap().leader(), Some(1));
    assert_eq!(r.partition(p).unwrap().leader_epoch(), 2);
    r.step(10);
    assert_eq!(
        leo(&r, p, 1),
        2,
        "the waiting record is written once the leader is back"
    );
}

/// `PartitionChangeBuilder.electAnyLeader` with `Election.UNCLEAN`: an alive out-of-sync replica leads, the ISR
/// becomes just it, and the records above its LEO are lost; the old leader truncates them on return
/// (`AbstractFetcherThread.getOffsetTruncationState`).
#[test]
fn unclean_election_loses_exactly_the_records_above_the_new_leaders_leo() {
    let (mut r, p) = cluster(|c| {
        c.replica_lag_time_max_ms = 1000;
        c.broker_session_timeout_ms = 5;
        c.unclean_leader_election_enable = true;
    });
    let producer = r.add_producer(ACKS_ONE);
    for _ in 0..3 {
        r.send(producer, p).unwrap();
    }
    r.step(50);
    r.set_follower_delay(2, u64::MAX / 4).unwrap();
    r.set_follower_delay(3, u64::MAX / 4).unwrap();
    r.step(600); // parked fetches of 2 and 3 answered; their next fetches never arrive
    for _ in 0..4 {
        r.send(producer, p).unwrap();
    }
    r.step(1500);
    assert_eq!(r.partition(p).unwrap().isr(), &[1]);
    assert_eq!((leo(&r, p, 1), leo(&r, p, 2)), (7, 3));
    r.set_follower_delay(2, 0).unwrap();
    r.set_follower_delay(3, 0).unwrap();
    r.crash(1).unwrap();
    r.drain_events();
    r.step(5);
    let ev = r.drain_events();
    assert!(ev.contains(&ReplicationEvent::LeaderChanged {
        partition: p,
        leader: Some(2),
        epoch: 1,
        unclean: true
    }));
    assert_eq!(r.partition(p).unwrap().isr(), &[2]);
    let gone = lost(&ev);
    assert_eq!(
        gone.iter().map(|x| x.offset).collect::<Vec<_>>(),
        vec![3, 4, 5, 6]
    );
    assert!(
        gone.iter().all(|x| x.acked),
        "acks=1 records were acknowledged and are now lost"
    );
    r.restart(1).unwrap();
    r.step(50);
    let ev = r.drain_events();
    let cut = ev.iter().find_map(|e| match e {
        ReplicationEvent::Truncated {
            broker: 1,
            to,
            removed,
            ..
        } => Some((*to, removed.len())),
        _ => None,
    });
    assert_eq!(cut, Some((3, 4)));
    assert_eq!(leo(&r, p, 1), 3);
}

/// `acks=1` is acknowledged on the leader's append; a clean election of a follower that had not fetched it yet
/// loses it (and says it had been acknowledged).
#[test]
fn acks_one_loses_an_acknowledged_record_on_a_clean_failover() {
    let (mut r, p) = cluster(|c| {
        c.network_latency_ms = 5;
        c.broker_session_timeout_ms = 5;
    });
    let producer = r.add_producer(ACKS_ONE);
    r.set_follower_delay(2, 1000).unwrap();
    r.set_follower_delay(3, 1000).unwrap();
    r.step(600); // the followers' next fetches are on a slow way to the leader
    r.send(producer, p).unwrap();
    r.step(11);
    assert!(r
        .drain_events()
        .iter()
        .any(|e| matches!(e, ReplicationEvent::Acknowledged { offset: 0, .. })));
    assert_eq!(leo(&r, p, 2), 0);
    r.crash(1).unwrap();
    r.step(5);
    let gone = lost(&r.drain_events());
    assert_eq!(gone.len(), 1);
    assert!(gone[0].acked && gone[0].offset == 0);
}

/// `PartitionChangeBuilder.electPreferredLeader`: the preferred replica leads again once it is in the ISR.
#[test]
fn preferred_election_moves_leadership_back() {
    let (mut r, p) = cluster(|c| c.broker_session_timeout_ms = 5);
    r.crash(1).unwrap();
    r.step(5);
    assert_eq!(r.partition(p).unwrap().leader(), Some(2));
    r.restart(1).unwrap();
    r.elect_preferred(p).unwrap();
    assert_eq!(
        r.partition(p).unwrap().leader(),
        Some(2),
        "broker 1 is not in the ISR yet"
    );
    r.step(50);
    assert_eq!(r.partition(p).unwrap().isr(), &[2, 3, 1]);
    r.elect_preferred(p).unwrap();
    assert_eq!(r.partition(p).unwrap().leader(), Some(1));
    assert_eq!(r.partition(p).unwrap().leader_epoch(), 2);
}

/// Bad input is refused with a message naming the field.
#[test]
fn bad_replica_lists_are_refused() {
    let mut r = Replication::new(ReplicationConfig::default(), &[1, 2]);
    assert_eq!(
        r.add_partition(vec![]).unwrap_err(),
        "replicas: needs at least one broker"
    );
    assert_eq!(
        r.add_partition(vec![1, 9]).unwrap_err(),
        "replicas[1]: broker 9 is not in the cluster"
    );
    assert_eq!(
        r.add_partition(vec![2, 2]).unwrap_err(),
        "replicas[1]: broker 2 is listed twice"
    );
    assert!(r.send(1, 0).is_err());
    assert!(r.crash(7).is_err());
}

/// `enable.idempotence`: a retry after a lost acknowledgement is recognised by producer id + sequence
/// (`ProducerStateManager`) and answered with the first offset; without it the record is written twice.
#[test]
fn a_retry_after_a_lost_ack_duplicates_only_without_idempotence() {
    for acks in [Acks::One, Acks::All] {
        for idempotence in [true, false] {
            let (mut r, p) = cluster(|_| {});
            let producer = r.add_producer(ProducerConfig {
                acks,
                enable_idempotence: idempotence,
            });
            r.lose_next_ack(producer).unwrap();
            r.send(producer, p).unwrap();
            r.step(100);
            assert_eq!(
                r.pending_records(producer),
                1,
                "the answer was lost, the producer still waits"
            );
            r.step(30_100); // request.timeout.ms, then retry.backoff.ms and the retry
            assert_eq!(r.pending_records(producer), 0);
            let ev = r.drain_events();
            assert!(ev.iter().any(|e| matches!(
                e,
                ReplicationEvent::ProduceFailed {
                    error: ProduceError::RequestTimedOut,
                    ..
                }
            )));
            let acked: Vec<u64> = ev
                .iter()
                .filter_map(|e| match e {
                    ReplicationEvent::Acknowledged { offset, .. } => Some(*offset),
                    _ => None,
                })
                .collect();
            let log = r.partition(p).unwrap().log(1).unwrap();
            let seqs: Vec<u32> = log.records().iter().map(|x| x.sequence).collect();
            if idempotence {
                assert_eq!((seqs, acked), (vec![0], vec![0]), "{acks:?}");
            } else {
                assert_eq!((seqs, acked), (vec![0, 0], vec![1]), "{acks:?}");
            }
            assert_eq!(r.fetchable_until(p), log.leo());
        }
    }
}

/// `Replica.updateFetchStateOrThrow`: a follower whose fetch reaches the leader's LEO *as of its previous
/// fetch* counts as caught up at that previous fetch time, so under a constant stream of small writes it
/// stays in the ISR although no fetch ever finds it at the leader's current LEO.
#[test]
fn a_follower_always_one_write_behind_stays_in_sync() {
    let (mut r, p) = cluster(|c| {
        c.replica_lag_time_max_ms = 1000;
        c.network_latency_ms = 5;
    });
    // Ten producers with one request in flight each: a write every ~1 ms, a fetch round trip of 10 ms.
    let producers: Vec<u64> = (0..10).map(|_| r.add_producer(ACKS_ONE)).collect();
    let mut behind_at_every_check = true;
    for t in 0..10_000u64 {
        for (i, &producer) in producers.iter().enumerate() {
            if t >= i as u64 && r.pending_records(producer) == 0 {
                r.send(producer, p).unwrap(); // staggered start, then one record right after the other
            }
        }
        r.step(1);
        let part = r.partition(p).unwrap();
        if r.now() % 500 == 0 {
            behind_at_every_check &= part.log(2).unwrap().leo() < part.log(1).unwrap().leo();
        }
    }
    assert!(
        behind_at_every_check,
        "the follower is never at the leader's LEO when the ISR is checked"
    );
    assert_eq!(r.partition(p).unwrap().isr(), &[1, 2, 3]);
    assert!(r.fetchable_until(p) > 5_000, "{}", r.fetchable_until(p));
}

/// `Partition.isFollowerInSync`: besides reaching the HW, a follower must reach the leader epoch's start
/// offset. Here the new leader took over with HW 5 and LEO 10 and cannot move its HW while its ISR is under
/// `min.insync.replicas`; a returning follower at LEO 5 (= HW) must not join before it has fetched up to 10.
#[test]
fn a_follower_joins_the_isr_only_past_the_leader_epoch_start_offset() {
    let (mut r, p) = cluster(|c| {
        c.replica_lag_time_max_ms = 1000;
        c.broker_session_timeout_ms = 5;
        c.min_insync_replicas = 2;
    });
    let producer = r.add_producer(ACKS_ONE);
    for _ in 0..5 {
        r.send(producer, p).unwrap();
    }
    r.step(100);
    r.set_follower_delay(3, u64::MAX / 4).unwrap();
    for _ in 0..5 {
        r.send(producer, p).unwrap();
    }
    r.step(1400); // t = 1500: broker 3 leaves the ISR and the leader's HW jumps from 5 to 10
    assert_eq!(r.partition(p).unwrap().isr(), &[1, 2]);
    assert_eq!(r.partition(p).unwrap().high_watermark(), 10);
    // Broker 2 has all ten records but still believes HW 5: its next fetch answer is parked at the leader.
    assert_eq!(leo(&r, p, 2), 10);
    assert_eq!(r.partition(p).unwrap().replica_high_watermark(2), Some(5));
    r.crash(1).unwrap();
    r.step(5);
    let part = r.partition(p).unwrap();
    assert_eq!((part.leader(), part.isr()), (Some(2), &[2][..]));
    assert_eq!(part.high_watermark(), 5);
    r.set_follower_delay(3, 0).unwrap();
    for _ in 0..50 {
        r.step(1);
        let part = r.partition(p).unwrap();
        if part.isr().contains(&3) {
            assert_eq!(
                leo(&r, p, 3),
                10,
                "joined before reaching the epoch start offset"
            );
        }
    }
    assert_eq!(r.partition(p).unwrap().isr(), &[2, 3]);
    assert_eq!(r.fetchable_until(p), 10);
}
