//! Scenarios that start at a real cluster's offsets (`topics[].initial_logs`, `groups[].committed`).
#![cfg(feature = "import")]

use kplay_core::scenario::{
    CommittedOffset, GroupSpec, InitialLog, InstanceSpec, OffsetReset, Scenario, TopicSpec,
};
use kplay_core::World;

fn imported(committed: u64) -> Scenario {
    let mut s = Scenario::default();
    let mut t = TopicSpec::new("orders", 2);
    t.initial_logs.push(InitialLog {
        partition: 0,
        log_start: 1_234_500,
        log_end: 1_234_567,
    });
    t.initial_logs.push(InitialLog {
        partition: 1,
        log_start: 2_000,
        log_end: 2_000,
    });
    s.topics.push(t);
    let mut g = GroupSpec::new("billing", ["orders"]);
    g.auto_offset_reset = OffsetReset::Latest;
    g.committed.push(CommittedOffset {
        topic: "orders".into(),
        partition: 0,
        offset: committed,
    });
    g.instances.push(InstanceSpec::new("billing-1", "L", 1));
    s.groups.push(g);
    s
}

#[test]
fn the_group_reads_on_from_its_committed_offset_and_not_from_the_log_start() {
    let mut w = World::new(&imported(1_234_510), 1).unwrap();
    let g0 = &w.snapshot().groups[0];
    let p0 = g0.partitions.iter().find(|p| p.partition == 0).unwrap();
    assert_eq!(
        (p0.committed, p0.log_end, p0.lag),
        (Some(1_234_510), 1_234_567, Some(57))
    );
    w.step(20_000);
    let snap = w.snapshot();
    let g = &snap.groups[0];
    assert_eq!(
        g.processed, 57,
        "exactly the backlog above the committed offset"
    );
    let p0 = g.partitions.iter().find(|p| p.partition == 0).unwrap();
    assert_eq!((p0.committed, p0.lag), (Some(1_234_567), Some(0)));
    let p1 = &snap.topics[0].partitions[1];
    assert_eq!((p1.log_start, p1.log_end, p1.records), (2_000, 2_000, 0));
}

#[test]
fn a_committed_offset_below_log_start_is_reset_as_kafka_does() {
    // 1_234_400 was deleted: with auto.offset.reset=latest the member starts at log-end and skips the 67.
    let mut w = World::new(&imported(1_234_400), 1).unwrap();
    w.step(20_000);
    let g = &w.snapshot().groups[0];
    assert_eq!(g.processed, 0);
    assert_eq!(g.skipped_by_reset, 67);
}

#[test]
fn bad_start_offsets_are_reported_with_their_paths() {
    let mut s = imported(1_234_600);
    s.topics[0].initial_logs.push(InitialLog {
        partition: 5,
        log_start: 9,
        log_end: 3,
    });
    s.groups[0].committed.push(CommittedOffset {
        topic: "nope".into(),
        partition: 0,
        offset: 0,
    });
    let p: Vec<String> = s
        .validate()
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        p,
        [
            "topics[0].initial_logs[2].partition: must be below the topic's partition count 2",
            "topics[0].initial_logs[2].log_start: must not exceed log_end",
            "groups[0].committed[0].offset: must be at most the partition's log-end offset at time 0 (1234567)",
            "groups[0].committed[1].topic: unknown topic \"nope\"",
        ]
    );
    let mut s = imported(0);
    s.topics[0].initial_logs[1].log_end = 2_000 + kplay_core::scenario::MAX_INITIAL_RECORDS;
    let p = s.validate().unwrap_err();
    assert_eq!(p[0].path, "topics[0].initial_logs[1].log_start");
}

#[test]
fn the_new_fields_stay_out_of_json_when_empty_and_round_trip_when_set() {
    let plain = serde_json::to_string(&Scenario::default()).unwrap();
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("t", 1));
    s.groups.push(GroupSpec::new("g", ["t"]));
    let text = serde_json::to_string(&s).unwrap();
    assert!(
        !text.contains("initial_logs") && !text.contains("committed"),
        "{text} / {plain}"
    );
    let s = imported(1_234_510);
    let text = serde_json::to_string(&s).unwrap();
    assert!(text
        .contains("\"initial_logs\":[{\"partition\":0,\"log_start\":1234500,\"log_end\":1234567}"));
    let back: Scenario = serde_json::from_str(&text).unwrap();
    assert_eq!(back, s);
}
