//! `Replication::forget_below`: what a replica log keeps once a reader has the records below a point.

use kplay_core::replication::{Acks, ProducerConfig, ReplicaLog, Replication, ReplicationConfig};

const ACKS_ONE: ProducerConfig = ProducerConfig {
    acks: Acks::One,
    enable_idempotence: true,
};

fn cluster() -> (Replication, usize) {
    let cfg = ReplicationConfig {
        broker_session_timeout_ms: 5,
        ..ReplicationConfig::default()
    };
    let mut r = Replication::new(cfg, &[1, 2, 3]);
    let p = r.add_partition(vec![1, 2, 3]).unwrap();
    (r, p)
}

fn log(r: &Replication, p: usize, broker: u32) -> &ReplicaLog {
    r.partition(p).unwrap().log(broker).unwrap()
}

/// (log start, LEO, first retained offset, offsets dense from the start) of each replica.
fn shape(r: &Replication, p: usize) -> Vec<(u64, u64, Option<u64>, bool)> {
    (1..=3)
        .map(|b| {
            let l = log(r, p, b);
            let dense = l
                .records()
                .iter()
                .enumerate()
                .all(|(i, x)| x.offset == l.log_start() + i as u64);
            (
                l.log_start(),
                l.leo(),
                l.records().first().map(|x| x.offset),
                dense,
            )
        })
        .collect()
}

fn send(r: &mut Replication, producer: u64, p: usize, n: usize) {
    for _ in 0..n {
        r.send(producer, p).unwrap();
    }
    r.step(1_000);
}

/// A crashed follower's LEO holds the point back (it fetches from there on return); after its return and
/// catch-up from that LEO, the point follows the reader.
#[test]
fn a_crashed_follower_holds_the_point_back_and_catches_up_from_its_leo() {
    let (mut r, p) = cluster();
    let producer = r.add_producer(ACKS_ONE);
    send(&mut r, producer, p, 100);
    assert_eq!(r.partition(p).unwrap().high_watermark(), 100);
    r.crash(3).unwrap();
    r.step(10);
    send(&mut r, producer, p, 100);
    assert_eq!((log(&r, p, 1).leo(), log(&r, p, 3).leo()), (200, 100));

    assert_eq!(r.forget_below(p, 150), 100, "broker 3's LEO holds it back");
    assert_eq!(
        shape(&r, p),
        vec![
            (100, 200, Some(100), true),
            (100, 200, Some(100), true),
            (100, 100, None, true)
        ]
    );
    assert_eq!(r.log_start(p), 100);

    r.restart(3).unwrap();
    r.step(2_000);
    assert_eq!(
        log(&r, p, 3).leo(),
        200,
        "the returning follower fetched from its LEO"
    );
    assert_eq!(log(&r, p, 3).records(), log(&r, p, 1).records());
    assert_eq!(r.forget_below(p, 150), 150);
    assert_eq!(shape(&r, p), vec![(150, 200, Some(150), true); 3]);

    // Replication goes on above the point, and a point above every LEO stops at the LEO.
    send(&mut r, producer, p, 10);
    assert_eq!(shape(&r, p), vec![(150, 210, Some(150), true); 3]);
    assert_eq!(r.forget_below(p, 1_000), 210);
    assert_eq!(shape(&r, p), vec![(210, 210, None, true); 3]);
    send(&mut r, producer, p, 5);
    assert_eq!(shape(&r, p), vec![(210, 215, Some(210), true); 3]);
}

/// A batch whose answer was lost is retried after `request.timeout.ms`; the idempotent leader must still
/// find its first copy, so the point stops below it.
#[test]
fn an_unanswered_batch_holds_the_point_back_so_its_retry_is_not_appended_again() {
    let (mut r, p) = cluster();
    let producer = r.add_producer(ACKS_ONE);
    send(&mut r, producer, p, 10);
    r.lose_next_ack(producer).unwrap();
    send(&mut r, producer, p, 1); // offset 10, its answer lost
    send(&mut r, producer, p, 0);
    assert_eq!(r.pending_records(producer), 1);
    assert_eq!(r.forget_below(p, 11), 10, "the unanswered record stays");
    assert_eq!(shape(&r, p), vec![(10, 11, Some(10), true); 3]);
    r.step(31_000);
    assert_eq!(r.pending_records(producer), 0);
    assert_eq!(log(&r, p, 1).leo(), 11, "the retry found the first copy");
    assert_eq!(r.forget_below(p, 11), 11);
}

/// A follower whose log diverges from the leader's (a crashed leader's records no one else has) holds the
/// point at the divergence, so its truncation on return only touches retained records.
#[test]
fn a_diverging_replica_holds_the_point_at_the_divergence() {
    let (mut r, p) = cluster();
    let producer = r.add_producer(ACKS_ONE);
    send(&mut r, producer, p, 50);
    // Followers stop fetching; the leader appends alone and crashes.
    r.set_follower_delay(2, 1_000_000).unwrap();
    r.set_follower_delay(3, 1_000_000).unwrap();
    r.step(1_000);
    send(&mut r, producer, p, 20);
    let old_leo = log(&r, p, 1).leo();
    assert!(old_leo > 50, "{old_leo}");
    r.crash(1).unwrap();
    r.set_follower_delay(2, 0).unwrap();
    r.set_follower_delay(3, 0).unwrap();
    r.step(10);
    let new = r.partition(p).unwrap().leader().unwrap();
    assert_ne!(new, 1);
    send(&mut r, producer, p, 100);
    let diverge = log(&r, p, new).leo() - 100;
    assert!(diverge < old_leo);
    let point = r.forget_below(p, 1_000);
    assert!(
        point <= diverge,
        "{point} above the divergence at {diverge}"
    );
    r.restart(1).unwrap();
    r.step(2_000);
    assert_eq!(log(&r, p, 1).records(), log(&r, p, new).records());
}
