//! The controller's automatic preferred-leader balancing in the world (`auto.leader.rebalance.enable`, KRaft's
//! `QuorumController.maybeScheduleNextBalancePartitionLeaders`): 300 s after the controller moved a leadership
//! away, leadership goes back to every preferred replica that is in the ISR; one timer for the whole cluster.

use super::commands::{in_isr, three};
use kplay_core::replication::Acks;
use kplay_core::scenario::{Scenario, TopicSpec};
use kplay_core::sim::{Command, EventKind, World};

/// `leader.imbalance.check.interval.seconds` (300), Kafka's default.
const INTERVAL: u64 = 300_000;

fn leader(w: &World, topic: &str, partition: usize) -> Option<u32> {
    w.replication(topic)
        .unwrap()
        .partition(partition)
        .unwrap()
        .leader()
}

fn preferred(w: &World, topic: &str, partition: usize) -> u32 {
    w.replication(topic)
        .unwrap()
        .partition(partition)
        .unwrap()
        .replicas()[0]
}

/// Times of the `leader_changed` events of `topic`/`partition` to broker `to` (`to_it`) or to another one.
fn changes(w: &World, topic: &str, partition: u32, to: u32, to_it: bool) -> Vec<u64> {
    w.events()
        .filter_map(|e| match &e.kind {
            EventKind::LeaderChanged {
                topic: t,
                partition: p,
                leader: Some(l),
                ..
            } if t == topic && *p == partition && (*l == to) == to_it => Some(e.t_ms),
            _ => None,
        })
        .collect()
}

/// Crashes the preferred leader of t/0 at 2 s and restarts it once fenced (9 s session): returns it and
/// when the controller moved its leadership away.
fn crash_and_return(w: &mut World) -> (u32, u64) {
    w.step(2_000);
    let b = preferred(w, "t", 0);
    assert_eq!(leader(w, "t", 0), Some(b));
    w.apply(Command::CrashBroker { broker: b }).unwrap();
    w.step(12_000);
    w.apply(Command::RestartBroker { broker: b }).unwrap();
    let moved = changes(w, "t", 0, b, false);
    assert_eq!(moved.len(), 1, "{moved:?}");
    (b, moved[0])
}

/// Leadership goes back exactly 300 s after it left (the run the move armed), not before, and once.
#[test]
fn leadership_goes_back_to_the_preferred_replica_300_s_after_it_left() {
    let mut w = World::new(&three(3, Acks::All, None), 3).unwrap();
    let (b, moved) = crash_and_return(&mut w);
    // The world's tick at `now_ms` has not run yet: here every ms before the run's has.
    w.step(moved + INTERVAL - w.now_ms());
    assert!(in_isr(&w, "t", 0, b));
    assert_ne!(leader(&w, "t", 0), Some(b), "not before the run");
    w.step(1);
    assert_eq!(leader(&w, "t", 0), Some(b));
    assert_eq!(changes(&w, "t", 0, b, true), vec![moved + INTERVAL]);
    w.step(INTERVAL);
    assert_eq!(changes(&w, "t", 0, b, true).len(), 1);
}

/// `auto_leader_rebalance_enable: false`: leadership never comes back by itself.
#[test]
fn with_auto_rebalance_off_leadership_stays_with_the_replica_that_took_over() {
    let mut s = three(3, Acks::All, None);
    s.auto_leader_rebalance_enable = Some(false);
    let mut w = World::new(&s, 3).unwrap();
    let (b, _) = crash_and_return(&mut w);
    w.step(3 * INTERVAL);
    assert_ne!(leader(&w, "t", 0), Some(b));
    assert!(changes(&w, "t", 0, b, true).is_empty());
}

/// A preferred replica out of the ISR at the run keeps its partition where it is; the run re-arms the timer,
/// and the next run, 300 s later, moves it once the replica has caught up.
#[test]
fn a_preferred_replica_out_of_the_isr_waits_for_a_later_run() {
    let mut w = World::new(&three(3, Acks::All, None), 3).unwrap();
    let (b, moved) = crash_and_return(&mut w);
    let stalled = Command::SlowFollower {
        broker: b,
        extra_ms: 3_600_000,
    };
    w.apply(stalled).unwrap();
    w.step(moved + INTERVAL + 1 - w.now_ms());
    assert!(!in_isr(&w, "t", 0, b));
    assert_ne!(leader(&w, "t", 0), Some(b));
    w.apply(Command::SlowFollower {
        broker: b,
        extra_ms: 0,
    })
    .unwrap();
    w.step(2 * INTERVAL);
    assert_eq!(leader(&w, "t", 0), Some(b));
    assert_eq!(changes(&w, "t", 0, b, true), vec![moved + 2 * INTERVAL]);
}

/// Kafka's controller has one timer for the cluster, armed by the first imbalance anywhere: a topic whose
/// leadership moved 100 s later is balanced by the same run, not 300 s after its own move.
#[test]
fn one_run_balances_every_topic_whatever_moved_later() {
    let mut s: Scenario = three(3, Acks::All, None);
    let mut u = TopicSpec::new("u", 1);
    u.replication_factor = Some(3);
    s.topics.push(u);
    let mut w = World::new(&s, 3).unwrap();
    w.step(2_000);
    let y = preferred(&w, "u", 0);
    // x leads a partition of t but not u/0.
    let px = (0..3).find(|&p| preferred(&w, "t", p) != y).unwrap();
    let x = preferred(&w, "t", px);
    w.apply(Command::CrashBroker { broker: x }).unwrap();
    w.step(12_000);
    w.apply(Command::RestartBroker { broker: x }).unwrap();
    let first = changes(&w, "t", px as u32, x, false)[0];
    w.step(100_000);
    w.apply(Command::CrashBroker { broker: y }).unwrap();
    w.step(12_000);
    w.apply(Command::RestartBroker { broker: y }).unwrap();
    assert!(changes(&w, "u", 0, y, false)[0] > first + 100_000);
    w.step(first + INTERVAL + 1 - w.now_ms());
    assert_eq!(leader(&w, "u", 0), Some(y));
    assert_eq!(changes(&w, "u", 0, y, true), vec![first + INTERVAL]);
    for p in 0..3 {
        assert_eq!(leader(&w, "t", p), Some(preferred(&w, "t", p)));
    }
}
