//! The controller's automatic preferred-leader balancing (`auto.leader.rebalance.enable`), checked against
//! Kafka's KRaft controller: `QuorumController.maybeScheduleNextBalancePartitionLeaders` arms the run
//! `leader.imbalance.check.interval.seconds` after a controller write that leaves a partition imbalanced, and
//! `ReplicationControlManager.maybeBalancePartitionLeaders` elects each preferred replica that is a valid
//! leader (`PartitionChangeBuilder` election `PREFERRED`).

use kplay_core::replication::{Replication, ReplicationConfig, ReplicationEvent};

const INTERVAL: u64 = 1_000;

/// Brokers 1..=3, one partition preferring broker 1, sessions expiring after 5 ms and a 1 s balance interval.
fn cluster(auto: bool) -> (Replication, usize) {
    let cfg = ReplicationConfig {
        broker_session_timeout_ms: 5,
        leader_imbalance_check_interval_ms: INTERVAL,
        auto_leader_rebalance_enable: auto,
        ..ReplicationConfig::default()
    };
    let mut r = Replication::new(cfg, &[1, 2, 3]);
    let p = r.add_partition(vec![1, 2, 3]).unwrap();
    (r, p)
}

fn leader(r: &Replication, p: usize) -> Option<u32> {
    r.partition(p).unwrap().leader()
}

/// Broker 1 crashes at 700 ms and is fenced at 705 ms (broker 2 takes over), then restarts at once.
fn crash_and_return(r: &mut Replication, p: usize) {
    r.step(700);
    r.crash(1).unwrap();
    r.step(5);
    assert_eq!(leader(r, p), Some(2));
    r.restart(1).unwrap();
}

/// The timer is armed by the election that made the partition imbalanced (705 ms), so the run comes one
/// interval later, at 1705 ms: not before, and not on a fixed period from the start (which would be 1000 ms).
#[test]
fn leadership_returns_to_the_preferred_replica_one_interval_after_it_left() {
    let (mut r, p) = cluster(true);
    crash_and_return(&mut r, p);
    assert_eq!(r.leader_balance_due(), Some(705 + INTERVAL));
    r.step(INTERVAL - 1);
    assert_eq!(r.now(), 1704);
    assert!(
        r.partition(p).unwrap().isr().contains(&1),
        "back in the ISR"
    );
    assert_eq!(leader(&r, p), Some(2), "not before the run");
    r.drain_events();
    r.step(1);
    assert_eq!(leader(&r, p), Some(1));
    assert!(r.drain_events().iter().any(|e| matches!(
        e,
        ReplicationEvent::LeaderChanged {
            leader: Some(1),
            unclean: false,
            ..
        }
    )));
    assert_eq!(r.leader_balance_due(), None, "balanced: nothing to re-arm");
    assert!(!r.leaders_imbalanced());
}

/// `auto.leader.rebalance.enable=false`: the controller never schedules the run
/// (`ControllerServer` passes no interval), while the same history with it on moves leadership back.
#[test]
fn with_auto_rebalance_off_leadership_never_returns() {
    for auto in [true, false] {
        let (mut r, p) = cluster(auto);
        crash_and_return(&mut r, p);
        r.step(10 * INTERVAL);
        let expected = if auto { Some(1) } else { Some(2) };
        assert_eq!(leader(&r, p), expected, "auto {auto}");
        if !auto {
            assert_eq!(r.leader_balance_due(), None);
            assert!(r.leaders_imbalanced());
        }
    }
}

/// A preferred replica out of the ISR is not a valid leader, so the run leaves the partition alone; the run
/// being a controller write, the timer is armed again one interval later while the imbalance lasts, and that
/// next run moves leadership once the replica has caught up.
#[test]
fn a_partition_whose_preferred_replica_is_out_of_the_isr_stays_until_a_later_run() {
    let (mut r, p) = cluster(true);
    r.step(700);
    r.crash(1).unwrap();
    r.step(5);
    r.restart(1).unwrap();
    // Broker 1's fetches never arrive: it cannot rejoin the ISR.
    r.set_follower_delay(1, u64::MAX / 4).unwrap();
    r.step(INTERVAL);
    assert_eq!(r.now(), 1705);
    assert!(!r.partition(p).unwrap().isr().contains(&1));
    assert_eq!(leader(&r, p), Some(2));
    assert_eq!(r.leader_balance_due(), Some(1705 + INTERVAL), "re-armed");
    r.set_follower_delay(1, 0).unwrap();
    r.step(INTERVAL - 1);
    assert!(r.partition(p).unwrap().isr().contains(&1));
    assert_eq!(leader(&r, p), Some(2), "waits for the next run");
    r.step(1);
    assert_eq!(leader(&r, p), Some(1));
}
