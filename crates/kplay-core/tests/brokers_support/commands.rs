//! The replication model's operator faults as commands and scheduled faults: `slow_follower` and `lose_ack`
//! here, `elect_preferred` in `elect.rs` (their effect, every refusal with the field and the rule, and that a
//! refused one leaves the world as it was), with the helpers both use.

use kplay_core::replication::{Acks, Replication};
use kplay_core::scenario::{
    json, BrokerSpec, FaultKind, FaultSpec, ProducerSpec, Scenario, TopicSpec,
};
use kplay_core::sim::{Command, EventKind, World};

/// Three brokers, topic "t" (rf 3) and producer "p" at 100 records/s.
pub(crate) fn three(partitions: u32, acks: Acks, idempotence: Option<bool>) -> Scenario {
    let mut s = Scenario {
        brokers: (1..=3).map(BrokerSpec::new).collect(),
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("t", partitions);
    t.replication_factor = Some(3);
    s.topics.push(t);
    let mut p = ProducerSpec::new("p", "t", 100);
    p.acks = Some(acks);
    p.enable_idempotence = idempotence;
    s.producers.push(p);
    s
}

pub(crate) fn rep(w: &World) -> Replication {
    w.replication("t").unwrap().clone()
}

/// Whether `broker` is in the ISR of `topic`/`partition` now.
pub(crate) fn in_isr(w: &World, topic: &str, partition: usize, broker: u32) -> bool {
    let r = w.replication(topic).unwrap();
    r.partition(partition).unwrap().isr().contains(&broker)
}

/// `elect_preferred` of `topic`, for one partition or (`None`) all of them.
pub(crate) fn elect_preferred(topic: &str, partition: Option<u32>) -> Command {
    Command::ElectPreferred {
        topic: topic.into(),
        partition,
    }
}

pub(crate) fn problems(s: &Scenario) -> Vec<String> {
    match s.validate() {
        Ok(()) => Vec::new(),
        Err(ps) => ps.iter().map(|p| p.to_string()).collect(),
    }
}

/// What a refused command must leave alone: every topic's replication model (its Debug text: the model has
/// no `PartialEq`) and the trace.
fn state(w: &World) -> (String, usize) {
    let reps = format!("{:?} {:?}", w.replication("t"), w.replication("u"));
    (reps, w.events().count())
}

/// Applies `c`, expects it refused with `message`, and checks the world did not change.
pub(crate) fn refused(w: &mut World, c: Command, message: &str) {
    let before = state(w);
    let e = w.apply(c).unwrap_err();
    assert_eq!(e.to_string(), message);
    assert_eq!(state(w), before);
}

/// The `fault_rejected` warnings so far.
pub(crate) fn rejections(w: &World) -> Vec<String> {
    w.events()
        .filter_map(|e| match &e.kind {
            EventKind::Warning { code, message, .. } if code == "fault_rejected" => {
                Some(message.clone())
            }
            _ => None,
        })
        .collect()
}

/// A follower whose fetches take 40 s, more than `replica.lag.time.max.ms` (30 s), leaves the ISR; once its
/// fetches are normal again it catches up and rejoins.
#[test]
fn a_slow_follower_leaves_the_isr_and_rejoins_when_it_speeds_up() {
    let mut w = World::new(&three(1, Acks::All, None), 3).unwrap();
    w.step(2_000);
    let p = rep(&w).partition(0).unwrap().clone();
    let follower = p.replicas()[1];
    assert_eq!(p.isr().len(), 3);
    w.apply(Command::SlowFollower {
        broker: follower,
        extra_ms: 40_000,
    })
    .unwrap();
    w.step(50_000);
    let isr = rep(&w).partition(0).unwrap().isr().to_vec();
    assert!(!isr.contains(&follower), "isr {isr:?} still has {follower}");
    assert!(w.events().any(|e| matches!(&e.kind,
        EventKind::IsrShrunk { partition: 0, isr, .. } if !isr.contains(&follower))));
    assert!(w.events().any(|e| e.kind
        == EventKind::BrokerFault {
            fault: "slow_follower".into(),
            broker: follower
        }));
    w.apply(Command::SlowFollower {
        broker: follower,
        extra_ms: 0,
    })
    .unwrap();
    w.step(5_000);
    assert!(in_isr(&w, "t", 0, follower));
}

/// Topics created while a broker is slow get its slow fetches too.
#[test]
fn a_topic_created_later_has_the_slow_follower_too() {
    let mut w = World::new(&three(1, Acks::All, None), 3).unwrap();
    w.apply(Command::SlowFollower {
        broker: 2,
        extra_ms: 3_600_000,
    })
    .unwrap();
    let mut t = TopicSpec::new("u", 3);
    t.replication_factor = Some(3);
    w.apply(Command::AddTopic { topic: t }).unwrap();
    w.apply(Command::AddProducer {
        producer: ProducerSpec::new("q", "u", 100),
    })
    .unwrap();
    w.step(60_000);
    let u = w.replication("u").unwrap();
    for p in 0..3 {
        let s = u.partition(p).unwrap();
        if s.leader() != Some(2) {
            assert!(!s.isr().contains(&2), "u-{p} isr {:?}", s.isr());
        }
    }
}

#[test]
fn slow_follower_refusals_name_the_field_and_the_rule() {
    let mut w = World::new(&three(1, Acks::All, None), 3).unwrap();
    w.step(100);
    let slow = |broker, extra_ms| Command::SlowFollower { broker, extra_ms };
    refused(
        &mut w,
        slow(2, 3_600_001),
        "extra_ms: must be at most 3600000 (one hour)",
    );
    refused(
        &mut w,
        slow(9, 1_000),
        "broker: unknown broker 9 (brokers: 1, 2, 3)",
    );
    refused(
        &mut w,
        slow(2, 0),
        "extra_ms: broker 2's follower fetches are not slowed (0 ends a slow follower)",
    );
    w.apply(slow(2, 1_000)).unwrap();
    refused(
        &mut w,
        slow(2, 1_000),
        "extra_ms: broker 2's follower fetches are already 1000 ms slower",
    );
    let mut plain = World::new(&Scenario::default(), 1).unwrap();
    let e = plain.apply(slow(1, 1)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "broker: this world has no brokers (add `brokers` to the scenario)"
    );
}

#[test]
fn slow_follower_faults_are_validated_and_a_no_op_one_is_rejected() {
    let mut s = three(1, Acks::All, None);
    let f = |at, broker, extra_ms| FaultSpec {
        broker,
        extra_ms,
        ..FaultSpec::new(at, FaultKind::SlowFollower)
    };
    s.faults = vec![
        f(1, Some(2), Some(3_600_001)),
        f(2, Some(7), Some(1)),
        f(3, None, None),
        FaultSpec {
            extra_ms: Some(5),
            ..FaultSpec::new(4, FaultKind::Stop).instance("i")
        },
    ];
    let got = problems(&s);
    for want in [
        "faults[0].extra_ms: must be at most 3600000 (one hour)",
        "faults[1].broker: unknown broker 7 (brokers: 1, 2, 3)",
        "faults[2].broker: required for slow_follower",
        "faults[2].extra_ms: required for slow_follower (0 ends a slow follower)",
        "faults[3].extra_ms: only allowed for slow_follower",
    ] {
        assert!(got.iter().any(|g| g == want), "{want:?} not in {got:?}");
    }
    let none = Scenario {
        faults: vec![f(1, Some(1), Some(1))],
        ..Scenario::default()
    };
    assert!(problems(&none).contains(
        &"faults[0].broker: needs `brokers` (a scenario without brokers runs the model without replication)"
            .to_string()
    ));
    // Valid, but the first changes nothing when it fires: a warning, and the second still runs.
    s.faults = vec![f(10, Some(2), Some(0)), f(20, Some(2), Some(500))];
    let mut w = World::new(&s, 1).unwrap();
    w.step(30);
    assert_eq!(
        rejections(&w),
        ["fault slow_follower at 10 ms rejected: extra_ms: broker 2's follower fetches are not slowed (0 ends a slow follower)"]
    );
    assert_eq!(
        w.events()
            .filter(|e| matches!(&e.kind, EventKind::BrokerFault { fault, broker: 2 } if fault == "slow_follower"))
            .count(),
        1
    );
}

/// A scenario file with the new fields reads back what it wrote.
#[test]
fn broker_fault_fields_round_trip_through_json() {
    let mut s = three(2, Acks::All, None);
    s.faults = vec![
        FaultSpec {
            broker: Some(2),
            extra_ms: Some(40_000),
            ..FaultSpec::new(5, FaultKind::SlowFollower)
        },
        FaultSpec {
            producer: Some("p".into()),
            ..FaultSpec::new(6, FaultKind::LoseAck)
        },
        FaultSpec {
            topic: Some("t".into()),
            partition: Some(1),
            ..FaultSpec::new(7, FaultKind::ElectPreferred)
        },
    ];
    let text = json::write(&s, false);
    assert!(text.contains(r#""kind":"slow_follower""#), "{text}");
    assert!(text.contains(r#""extra_ms":40000"#), "{text}");
    assert!(text.contains(r#""kind":"lose_ack""#), "{text}");
    assert!(text.contains(r#""partition":1"#), "{text}");
    assert_eq!(text, serde_json::to_string(&s).unwrap());
    let v = kplay_core::json::parse(&text).unwrap();
    assert_eq!(json::scenario(&v).unwrap(), s);
}

/// One producer, one partition: a lost acknowledgement makes the producer retry its record after
/// `request.timeout.ms` (30 s); the leader already has it, so without idempotence it is written twice, once
/// exactly; with idempotence the leader answers with the first copy's offset.
#[test]
fn a_lost_ack_duplicates_one_record_without_idempotence_and_none_with_it() {
    for idempotence in [false, true] {
        let mut w = World::new(&three(1, Acks::All, Some(idempotence)), 3).unwrap();
        w.step(2_000);
        w.apply(Command::LoseAck {
            producer: "p".into(),
        })
        .unwrap();
        assert!(w.events().any(|e| matches!(&e.kind,
            EventKind::Fault { fault, producer: Some(p), .. } if fault == "lose_ack" && p == "p")));
        let at = w.log_end("t", 0).unwrap();
        w.step(20_000);
        // The record whose answer was lost holds the partition's queue until the retry.
        assert!(
            w.log_end("t", 0).unwrap() <= at + 1,
            "idempotence {idempotence}"
        );
        w.step(40_000);
        let duplicated = w.replication_totals().unwrap().1;
        assert_eq!(
            duplicated,
            u64::from(!idempotence),
            "idempotence {idempotence}"
        );
        let events = w
            .events()
            .filter(|e| matches!(e.kind, EventKind::Duplicated { .. }))
            .count();
        assert_eq!(events as u64, duplicated);
        assert!(
            w.log_end("t", 0).unwrap() > at + 3_000,
            "the producer caught up"
        );
    }
}

#[test]
fn lose_ack_refusals_name_the_field_and_the_rule() {
    let mut s = three(1, Acks::All, None);
    let mut zero = ProducerSpec::new("z", "t", 10);
    zero.acks = Some(Acks::Zero);
    s.producers.push(zero);
    let mut w = World::new(&s, 3).unwrap();
    w.step(100);
    let lose = |p: &str| Command::LoseAck { producer: p.into() };
    refused(
        &mut w,
        lose("nobody"),
        "producer: unknown producer \"nobody\"",
    );
    refused(
        &mut w,
        lose("z"),
        "producer: producer \"z\" has acks 0: there is no acknowledgement to lose (the producer never waits for one)",
    );
    w.apply(lose("p")).unwrap();
    refused(
        &mut w,
        lose("p"),
        "producer: producer \"p\"'s next acknowledgement is already to be lost",
    );
    let mut plain = World::new(&Scenario::default(), 1).unwrap();
    let e = plain.apply(lose("p")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "producer: this world has no brokers (add `brokers` to the scenario)"
    );
}

#[test]
fn lose_ack_faults_are_validated_and_a_no_op_one_is_rejected() {
    let mut s = three(1, Acks::All, None);
    let mut zero = ProducerSpec::new("z", "t", 10);
    zero.acks = Some(Acks::Zero);
    s.producers.push(zero);
    let f = |at, producer: Option<&str>| FaultSpec {
        producer: producer.map(String::from),
        ..FaultSpec::new(at, FaultKind::LoseAck)
    };
    s.faults = vec![f(1, None), f(2, Some("x")), f(3, Some("z"))];
    assert_eq!(
        problems(&s),
        [
            "faults[0].producer: required for lose_ack",
            "faults[1].producer: unknown producer \"x\"",
            "faults[2].producer: producer \"z\" has acks 0: there is no acknowledgement to lose (the producer never waits for one)",
        ]
    );
    let none = Scenario {
        faults: vec![f(1, Some("p"))],
        ..Scenario::default()
    };
    let got = problems(&none);
    assert!(
        got.contains(&"faults[0].kind: lose_ack needs `brokers` (a scenario without brokers runs the model without replication)".to_string()),
        "{got:?}"
    );
    // Two at the same millisecond: the first is still pending when the second fires.
    s.faults = vec![f(500, Some("p")), f(500, Some("p"))];
    let mut w = World::new(&s, 1).unwrap();
    w.step(600);
    assert_eq!(
        rejections(&w),
        ["fault lose_ack at 500 ms rejected: producer: producer \"p\"'s next acknowledgement is already to be lost"]
    );
}
