//! Null values (tombstones): produced at the configured share, traced, shown, and removed by compaction only
//! `delete.retention.ms` after the first clean that saw them.

mod common;

use common::{run, trace};
use kplay_core::scenario::{
    Cleanup, FaultKind, FaultSpec, KeyKind, KeySpec, ProducerSpec, Scenario, TopicSpec,
};
use kplay_core::sim::{EventKind, World};

fn keyed(id: &str, topic: &str, rate: u32, key: &str, tombstone_percent: u8) -> ProducerSpec {
    let mut p = ProducerSpec::new(id, topic, rate);
    p.keys = KeySpec {
        kind: KeyKind::Fixed,
        values: vec![key.into()],
    };
    p.partition = Some(0);
    p.tombstone_percent = tombstone_percent;
    p
}

/// `(offset, tombstone)` of every record producer `id` appended.
fn produced_by(events: &[kplay_core::sim::Event], id: &str) -> Vec<(u64, bool)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Produced {
                offset,
                producer,
                tombstone,
                ..
            } if producer == id => Some((*offset, *tombstone)),
            _ => None,
        })
        .collect()
}

#[test]
fn tombstone_percent_sets_the_share_of_null_values_deterministically() {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("t", 3));
    let mut p = keyed("p1", "t", 1000, "k", 30);
    p.partition = None;
    s.producers.push(p);
    let (_, events) = run(&s, 7, 10_000);
    let records = produced_by(&events, "p1");
    assert_eq!(records.len(), 10_000);
    let tombstones = records.iter().filter(|r| r.1).count();
    assert!(
        (2_700..=3_300).contains(&tombstones),
        "{tombstones} of 10000 records are tombstones, want about 30 %"
    );
    assert_eq!(
        trace(&events),
        trace(&run(&s, 7, 10_000).1),
        "same seed, same trace"
    );
    assert_ne!(
        trace(&events),
        trace(&run(&s, 8, 10_000).1),
        "the draw follows the seed"
    );
}

#[test]
fn the_produced_event_says_tombstone_only_when_it_is_one() {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("t", 1));
    s.producers.push(keyed("p1", "t", 100, "k", 50));
    let (_, events) = run(&s, 1, 1_000);
    let lines: Vec<String> = events
        .iter()
        .filter(|e| e.kind.name() == "produced")
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    assert!(lines
        .iter()
        .any(|l| l.ends_with(r#""producer":"p1","tombstone":true}"#)));
    assert!(lines.iter().any(|l| l.ends_with(r#""producer":"p1"}"#)));
    assert!(!lines.iter().any(|l| l.contains(r#""tombstone":false"#)));
    // Reading an old trace line (no field) gives a value record.
    let e: kplay_core::sim::Event = serde_json::from_str(
        r#"{"t_ms":1,"kind":"produced","topic":"t","partition":0,"offset":0,"key":null,"producer":"p"}"#,
    )
    .unwrap();
    assert!(matches!(
        e.kind,
        EventKind::Produced {
            tombstone: false,
            ..
        }
    ));
}

#[test]
fn snapshots_and_record_journeys_show_tombstones() {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("t", 1));
    s.producers.push(keyed("p1", "t", 1000, "k", 50));
    let (w, events) = run(&s, 3, 200);
    let records = produced_by(&events, "p1");
    let snap = w.snapshot();
    let recent = &snap.topics[0].partitions[0].recent;
    assert_eq!(recent.len(), 8);
    for r in recent {
        let want = records.iter().find(|p| p.0 == r.offset).unwrap().1;
        assert_eq!(r.tombstone, want, "offset {}", r.offset);
    }
    assert!(recent.iter().any(|r| r.tombstone) && recent.iter().any(|r| !r.tombstone));
    for (offset, tombstone) in records.iter().take(20) {
        assert_eq!(
            w.follow("t", 0, *offset).unwrap().tombstone,
            Some(*tombstone)
        );
    }
}

#[test]
fn compaction_keeps_the_latest_tombstone_for_delete_retention_ms_after_the_first_clean() {
    // p-del writes only tombstones of key "gone" and stops at 2 s; p-live keeps writing key "live", so segments
    // (segment.ms 1000) keep rolling. The log cleaner looks at 0 ms (nothing to clean) and then sleeps
    // log.cleaner.backoff.ms (15 s) whenever it found nothing (LogCleaner.CleanerThread.doWork).
    let mut s = Scenario::default();
    let mut t = TopicSpec::new("t", 1);
    t.cleanup = Cleanup::Compact;
    t.segment_ms = 1_000;
    t.delete_retention_ms = 5_000;
    s.topics.push(t);
    s.producers.push(keyed("p-del", "t", 10, "gone", 100));
    s.producers.push(keyed("p-live", "t", 10, "live", 0));
    let mut pause = FaultSpec::new(2_000, FaultKind::PauseProducer);
    pause.producer = Some("p-del".into());
    s.faults.push(pause);
    let mut w = World::new(&s, 1).unwrap();
    w.set_event_capacity(usize::MAX);
    w.run_until(14_999);
    let del = produced_by(&w.drain_events(), "p-del");
    assert!(del.iter().all(|r| r.1), "100 % tombstones");
    let (last, _) = *del.last().unwrap();
    let earlier = del[del.len() - 2].0;
    assert!(
        w.follow("t", 0, earlier).unwrap().retained,
        "no clean before 15 s: every value of the key is still there"
    );
    // The 15 s pass cleans (dirty ratio 1 > 0.5): older records of the key go, the tombstone stays with a
    // horizon of 15000 + 5000 ms.
    w.run_until(15_001);
    assert!(!w.follow("t", 0, earlier).unwrap().retained);
    let j = w.follow("t", 0, last).unwrap();
    assert!(j.retained && j.tombstone == Some(true));
    // The next pass at 30 s is past the horizon and drops it.
    w.run_until(30_000);
    assert!(w.follow("t", 0, last).unwrap().retained);
    w.run_until(30_001);
    assert!(!w.follow("t", 0, last).unwrap().retained);
    assert!(w.snapshot().topics[0].partitions[0]
        .recent
        .iter()
        .all(|r| r.key.as_deref() == Some("live")));
    assert!(w.check_invariants().is_ok());
}

#[test]
fn tombstones_on_a_delete_topic_are_valid_and_percent_is_bounded() {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("t", 1));
    s.producers.push(ProducerSpec {
        tombstone_percent: 100,
        ..ProducerSpec::new("p1", "t", 10)
    });
    assert!(
        s.validate().is_ok(),
        "Kafka accepts null values on delete topics"
    );
    s.producers[0].tombstone_percent = 101;
    let problems = s.validate().unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "producers[0].tombstone_percent: must be a whole number from 0 to 100"
    );
    let json = r#"{"version":1,"topics":[{"name":"t","partitions":1}],
        "producers":[{"id":"p1","topic":"t","rate_per_s":1,"tombstone_percent":100}]}"#;
    let parsed: Scenario = serde_json::from_str(json).unwrap();
    assert_eq!(parsed.producers[0].tombstone_percent, 100);
    assert_eq!(parsed.topics[0].delete_retention_ms, 86_400_000);
}
