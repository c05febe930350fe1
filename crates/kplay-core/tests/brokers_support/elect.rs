//! `elect_preferred` as a command and a scheduled fault: leadership moves back to the preferred replica,
//! partitions left alone are named with Kafka's reason, and every refusal names the field and the rule.

use super::commands::{elect_preferred, in_isr, problems, refused, rejections, rep, three};
use kplay_core::replication::Acks;
use kplay_core::scenario::{FaultKind, FaultSpec, Scenario, TopicSpec};
use kplay_core::sim::{Command, EventKind, World};

/// Each partition's preferred (first) replica.
fn preferred(w: &World) -> Vec<u32> {
    let r = rep(w);
    (0..r.partition_count())
        .map(|p| r.partition(p).unwrap().replicas()[0])
        .collect()
}

fn leaders(w: &World) -> Vec<Option<u32>> {
    let r = rep(w);
    (0..r.partition_count())
        .map(|p| r.partition(p).unwrap().leader())
        .collect()
}

/// Crashes `broker`, waits past `broker.session.timeout.ms` (9 s) so the controller fences it and moves its
/// leaderships.
fn crash_and_fence(w: &mut World, broker: u32) {
    w.apply(Command::CrashBroker { broker }).unwrap();
    w.step(12_000);
}

/// After a leader's crash and restart the partition stays led by the replica that took over (the automatic
/// rebalance waits 300 s); the preferred election over the whole topic moves it back, and the partitions
/// already led by their preferred replica are not mentioned.
#[test]
fn elect_preferred_moves_leadership_back_after_a_restart() {
    let mut w = World::new(&three(3, Acks::All, None), 3).unwrap();
    w.step(2_000);
    let pref = preferred(&w);
    assert_eq!(
        leaders(&w),
        pref.iter().map(|&b| Some(b)).collect::<Vec<_>>()
    );
    crash_and_fence(&mut w, pref[0]);
    w.apply(Command::RestartBroker { broker: pref[0] }).unwrap();
    w.step(10_000);
    assert!(in_isr(&w, "t", 0, pref[0]));
    assert_ne!(
        leaders(&w)[0],
        Some(pref[0]),
        "the automatic rebalance waits 300 s"
    );
    w.drain_events();
    w.apply(elect_preferred("t", None)).unwrap();
    w.step(1);
    assert_eq!(
        leaders(&w),
        pref.iter().map(|&b| Some(b)).collect::<Vec<_>>()
    );
    let events = w.drain_events();
    assert!(events.iter().any(|e| matches!(&e.kind,
        EventKind::LeaderChanged { partition: 0, leader, unclean: false, .. } if *leader == Some(pref[0]))));
    assert!(events.iter().any(|e| matches!(&e.kind,
        EventKind::Fault { fault, topic: Some(t), .. } if fault == "elect_preferred" && t == "t")));
    assert!(!events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Warning { .. })));
}

/// Two preferred leaders crash and only one comes back: the election moves that one's partition and says
/// which partition it left and why.
#[test]
fn elect_preferred_over_a_topic_says_which_partitions_it_left_and_why() {
    let mut w = World::new(&three(3, Acks::All, None), 3).unwrap();
    w.step(2_000);
    let pref = preferred(&w);
    assert!(pref[0] != pref[1] && pref[1] != pref[2] && pref[0] != pref[2]);
    crash_and_fence(&mut w, pref[0]);
    crash_and_fence(&mut w, pref[1]);
    w.apply(Command::RestartBroker { broker: pref[0] }).unwrap();
    w.step(10_000);
    let before = leaders(&w);
    assert_ne!(before[0], Some(pref[0]));
    w.drain_events();
    w.apply(elect_preferred("t", None)).unwrap();
    w.step(1);
    let after = leaders(&w);
    assert_eq!(after, [Some(pref[0]), before[1], before[2]]);
    let warnings: Vec<_> = w
        .drain_events()
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::Warning { code, message, .. } => Some((code, message)),
            _ => None,
        })
        .collect();
    assert_eq!(
        warnings,
        [(
            "preferred_election_skipped".to_string(),
            format!(
                "elect_preferred on \"t\" left partition 1: preferred replica {} is down (PREFERRED_LEADER_NOT_AVAILABLE)",
                pref[1]
            )
        )]
    );
}

#[test]
fn elect_preferred_refusals_name_the_field_and_the_rule() {
    let mut w = World::new(&three(3, Acks::All, None), 3).unwrap();
    w.step(2_000);
    let pref = preferred(&w);
    refused(
        &mut w,
        elect_preferred("x", None),
        "topic: unknown topic \"x\"",
    );
    refused(
        &mut w,
        elect_preferred("t", Some(3)),
        "partition: must be below the topic's partition count 3",
    );
    refused(
        &mut w,
        elect_preferred("t", Some(u32::MAX)),
        "partition: must be below the topic's partition count 3",
    );
    refused(
        &mut w,
        elect_preferred("t", Some(1)),
        &format!(
            "partition: no partition of \"t\" can move to its preferred replica: partition 1: preferred replica {} \
             already leads (ELECTION_NOT_NEEDED)",
            pref[1]
        ),
    );
    let all: Vec<String> = (0..3)
        .map(|p| {
            format!(
                "partition {p}: preferred replica {} already leads (ELECTION_NOT_NEEDED)",
                pref[p]
            )
        })
        .collect();
    refused(
        &mut w,
        elect_preferred("t", None),
        &format!(
            "topic: no partition of \"t\" can move to its preferred replica: {}",
            all.join("; ")
        ),
    );
    crash_and_fence(&mut w, pref[0]);
    refused(
        &mut w,
        elect_preferred("t", Some(0)),
        &format!(
            "partition: no partition of \"t\" can move to its preferred replica: partition 0: preferred replica {} \
             is down (PREFERRED_LEADER_NOT_AVAILABLE)",
            pref[0]
        ),
    );
    // Back, but not caught up yet: running and unfenced, still outside the ISR.
    w.apply(Command::RestartBroker { broker: pref[0] }).unwrap();
    let isr = rep(&w).partition(0).unwrap().isr().to_vec();
    assert!(!isr.contains(&pref[0]));
    refused(
        &mut w,
        elect_preferred("t", Some(0)),
        &format!(
            "partition: no partition of \"t\" can move to its preferred replica: partition 0: preferred replica {} \
             is not in the ISR {isr:?} (PREFERRED_LEADER_NOT_AVAILABLE)",
            pref[0]
        ),
    );
    let mut plain = World::new(&Scenario::default(), 1).unwrap();
    let e = plain.apply(elect_preferred("t", None)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "topic: this world has no brokers (add `brokers` to the scenario)"
    );
}

#[test]
fn elect_preferred_faults_are_validated_and_run_when_scheduled() {
    let mut s = three(3, Acks::All, None);
    let f = |at, topic: Option<&str>, partition| FaultSpec {
        topic: topic.map(String::from),
        partition,
        ..FaultSpec::new(at, FaultKind::ElectPreferred)
    };
    s.faults = vec![
        f(1, None, None),
        f(2, Some("x"), None),
        f(3, Some("t"), Some(3)),
        FaultSpec {
            topic: Some("t".into()),
            partitions: Some(6),
            ..FaultSpec::new(4, FaultKind::AddPartitions)
        },
        f(5, Some("t"), Some(5)),
        f(6, Some("t"), Some(6)),
        FaultSpec {
            broker: Some(1),
            partition: Some(0),
            ..FaultSpec::new(7, FaultKind::CrashBroker)
        },
    ];
    assert_eq!(
        problems(&s),
        [
            "faults[0].topic: required for elect_preferred",
            "faults[1].topic: unknown topic \"x\"",
            "faults[2].partition: must be below the topic's partition count 3",
            "faults[5].partition: must be below the topic's partition count 6",
            "faults[6].partition: only allowed for elect_preferred",
        ]
    );
    // A topic of 0 partitions (itself refused) must not make the partition rule compute `0 - 1`.
    let mut empty = three(1, Acks::All, None);
    empty.topics[0].partitions = 0;
    empty.faults = vec![f(1, Some("t"), Some(0)), f(2, Some("t"), None)];
    let got = problems(&empty);
    assert!(
        got.contains(
            &"faults[0].partition: must be below the topic's partition count 0".to_string()
        ),
        "{got:?}"
    );
    let none = Scenario {
        topics: vec![TopicSpec::new("t", 1)],
        faults: vec![f(1, Some("t"), Some(0))],
        ..Scenario::default()
    };
    let got = problems(&none);
    assert!(
        got.contains(&"faults[0].kind: elect_preferred needs `brokers` (a scenario without brokers runs the model without replication)".to_string()),
        "{got:?}"
    );
    // Scheduled: a no-op election is rejected; after a crash and restart of partition 0's preferred leader the
    // election brings it back.
    let pref = preferred(&World::new(&three(3, Acks::All, None), 3).unwrap());
    s.faults = vec![
        f(100, Some("t"), None),
        FaultSpec {
            broker: Some(pref[0]),
            ..FaultSpec::new(1_000, FaultKind::CrashBroker)
        },
        FaultSpec {
            broker: Some(pref[0]),
            ..FaultSpec::new(15_000, FaultKind::RestartBroker)
        },
        f(30_000, Some("t"), Some(0)),
    ];
    let mut w = World::new(&s, 3).unwrap();
    w.step(29_000);
    assert_ne!(leaders(&w)[0], Some(pref[0]));
    w.step(2_000);
    assert_eq!(leaders(&w)[0], Some(pref[0]));
    let rejected = rejections(&w);
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert!(
        rejected[0].starts_with(
            "fault elect_preferred at 100 ms rejected: topic: no partition of \"t\" can move"
        ),
        "{rejected:?}"
    );
}
