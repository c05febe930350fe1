//! `network_latency_ms`: every hop between producers and brokers and between brokers takes that long, so a
//! record reaches the consumers' log after the replication round trip and `acks=all` answers later than
//! `acks=1`; requests carry batches, so throughput does not depend on the latency.

use kplay_core::replication::Acks;
use kplay_core::scenario::{BrokerSpec, ProducerSpec, Scenario, TopicSpec};
use kplay_core::sim::{EventKind, World};

fn three_replicas(latency: Option<u32>, acks: Acks, rate: u32) -> Scenario {
    let mut s = Scenario {
        brokers: (1..=3).map(BrokerSpec::new).collect(),
        network_latency_ms: latency,
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("t", 1);
    t.replication_factor = Some(3);
    s.topics.push(t);
    let mut p = ProducerSpec::new("p", "t", rate);
    p.acks = Some(acks);
    s.producers.push(p);
    s
}

/// The shortest and longest wait between a record's send time (its timestamp) and its entry into the
/// consumers' log.
fn commit_delays(w: &World) -> (u64, u64) {
    let delays: Vec<u64> = w
        .events()
        .filter_map(|e| match e.kind {
            EventKind::Produced { offset, .. } => {
                let sent = w.follow("t", 0, offset)?.timestamp_ms?;
                Some(e.t_ms - sent)
            }
            _ => None,
        })
        .collect();
    assert!(delays.len() > 100, "records were produced");
    (
        delays.iter().copied().min().unwrap(),
        delays.iter().copied().max().unwrap(),
    )
}

/// With 10 ms a hop a record is in the consumers' log (below the high watermark) three hops after it was sent:
/// the request to the leader, the answer to the followers' waiting fetches, and their next fetches telling the
/// leader they have it. A record sent while the partition's previous request waits for its answer (one request
/// in flight per partition, docs/replication.md) waits for it first: at most one `acks=all` round trip (four
/// hops) more. Without latency it is there in the millisecond it was sent.
#[test]
fn a_record_reaches_the_consumers_after_the_replication_round_trip() {
    for (latency, want) in [(None, 0), (Some(0), 0), (Some(10), 30)] {
        let mut w = World::new(&three_replicas(latency, Acks::All, 200), 1).unwrap();
        w.step(3_000);
        let (least, most) = commit_delays(&w);
        assert_eq!(least, want, "latency {latency:?}: fastest record");
        let round_trip = 4 * u64::from(latency.unwrap_or(0));
        assert!(
            most <= want + round_trip + 1,
            "latency {latency:?}: slowest record {most} ms"
        );
    }
}

/// The producer's view: with `acks=all` the answer waits for the followers (four hops, 40 ms), with `acks=1` it
/// comes straight from the leader (two hops, 20 ms). Records queued behind the request in flight wait for its
/// answer too, so at 1,000 records/s up to two round trips of records wait: about 40 with `acks=1`, 80 with
/// `acks=all`.
#[test]
fn acks_all_waits_a_replication_round_trip_longer_than_acks_one() {
    let waiting = |acks| {
        let mut w = World::new(&three_replicas(Some(10), acks, 1_000), 1).unwrap();
        let mut most = 0;
        for _ in 0..200 {
            w.step(10);
            let r = w.replication("t").unwrap();
            most = most.max(r.pending_records(1));
        }
        most
    };
    let (one, all) = (waiting(Acks::One), waiting(Acks::All));
    assert!(
        (35..=45).contains(&one),
        "acks=1: about 40 ms of records unanswered, got {one}"
    );
    assert!(
        (75..=85).contains(&all),
        "acks=all: about 80 ms of records unanswered, got {all}"
    );
}

/// A request carries every record queued for the partition, so 10 ms a hop does not slow the producer down.
#[test]
fn latency_does_not_limit_throughput() {
    let mut w = World::new(&three_replicas(Some(10), Acks::All, 5_000), 1).unwrap();
    w.step(10_000);
    let end = w.log_end("t", 0).unwrap();
    assert!(
        end >= 49_000,
        "5,000 records/s for 10 s: {end} in the consumers' log"
    );
}

#[test]
fn network_latency_ms_follows_its_rules() {
    let problems = |s: &Scenario| -> Vec<String> {
        match World::new(s, 1) {
            Ok(_) => Vec::new(),
            Err(p) => p.iter().map(|p| p.to_string()).collect(),
        }
    };
    let too_slow = three_replicas(Some(10_001), Acks::All, 10);
    assert_eq!(
        problems(&too_slow),
        ["network_latency_ms: must be at most 10000 (ms per hop)"]
    );
    let alone = Scenario {
        network_latency_ms: Some(5),
        ..Scenario::default()
    };
    assert_eq!(
        problems(&alone),
        ["network_latency_ms: needs `brokers` (a scenario without brokers runs the model without replication)"]
    );
    let zero = Scenario {
        network_latency_ms: Some(0),
        ..Scenario::default()
    };
    assert!(problems(&zero).is_empty(), "0 is every world's timing");
    let json = kplay_core::scenario::json::write(&three_replicas(Some(7), Acks::All, 10), false);
    assert!(json.contains("\"network_latency_ms\":7"), "{json}");
}
