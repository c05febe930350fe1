//! The world's memory guard (`sim::memory`): past `MAX_RETAINED_RECORDS` retained records the oldest go, as an
//! admin's `DeleteRecords` would, with one warning; a group behind the new log start resets as after retention.
//! Below the limit nothing is deleted and nothing is said.

use kplay_core::scenario::{
    GroupSpec, InstanceSpec, OffsetReset, Processing, ProducerSpec, Scenario, TopicSpec,
};
use kplay_core::sim::{EventKind, World, MAX_RETAINED_RECORDS};

/// Four partitions fed at the total rate cap; one single-threaded group that reads 1,000 records/s at most.
fn flood() -> Scenario {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("t", 4));
    s.producers.push(ProducerSpec::new("p", "t", 100_000));
    let mut g = GroupSpec::new("g", ["t"]);
    g.auto_offset_reset = OffsetReset::Earliest;
    let mut i = InstanceSpec::new("a", "L", 1);
    i.processing_ms = Processing::Fixed(1);
    g.instances.push(i);
    s.groups.push(g);
    s
}

/// The memory warnings among the events since the last call.
fn memory_warnings(w: &mut World) -> Vec<String> {
    w.drain_events()
        .into_iter()
        .filter_map(|e| match &e.kind {
            EventKind::Warning { code, message, .. } if code == "memory_limit" => {
                Some(message.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn past_the_limit_the_oldest_records_go_once_said_and_a_slow_group_reads_on_from_the_new_start() {
    let mut w = World::new(&flood(), 1).expect("valid");
    // 4 M records take 40 s at 100,000/s: nothing is deleted before.
    w.run_until(39_000);
    assert_eq!(w.snapshot().totals.deleted, 0);
    assert!(memory_warnings(&mut w).is_empty());
    // One drain at the end: millions of per-record events went through the 65,536-event ring since 39 s, and the
    // warning, a lifecycle event, was kept aside for the reader.
    w.run_until(70_000);
    let warnings = memory_warnings(&mut w);
    let snap = w.snapshot();
    let retained: u64 = snap.topics[0]
        .partitions
        .iter()
        .map(|p| p.log_end - p.log_start)
        .sum();
    let logged: u64 = snap.topics[0].partitions.iter().map(|p| p.records).sum();
    assert_eq!(
        retained, logged,
        "a plain log keeps every offset from start to end"
    );
    // Counted once a second: at most one second at the rate cap (100,000 records) beyond the limit.
    assert!(
        retained <= MAX_RETAINED_RECORDS as u64 + 100_000,
        "{retained}"
    );
    assert!(
        retained >= MAX_RETAINED_RECORDS as u64 / 10 * 8,
        "only the oldest went: {retained}"
    );
    // Nothing is lost from the books: every produced record is retained or counted as deleted.
    assert_eq!(snap.totals.produced, retained + snap.totals.deleted);
    assert!(snap.totals.deleted > 2_000_000, "{}", snap.totals.deleted);
    assert_eq!(warnings.len(), 1, "said once: {warnings:?}");
    assert!(warnings[0].contains("4000000"), "{}", warnings[0]);
    // The oldest went first across partitions: every partition lost its oldest records, none all of them.
    for p in &snap.topics[0].partitions {
        assert!(
            p.log_start > 0 && p.log_start < p.log_end,
            "{} {}",
            p.log_start,
            p.log_end
        );
    }
    // The group could not keep up; its positions fell below the new starts and reset there (earliest).
    let g = &snap.groups[0];
    assert!(g.deleted_before_read > 0, "{}", g.deleted_before_read);
    assert!(g.processed > 0);
}

#[test]
fn below_the_limit_nothing_is_deleted_early() {
    let mut s = flood();
    s.producers[0].rate_per_s = 50_000;
    let mut w = World::new(&s, 1).expect("valid");
    w.run_until(70_000);
    let snap = w.snapshot();
    assert_eq!(snap.totals.deleted, 0);
    assert_eq!(snap.totals.produced, 3_500_000);
    assert!(memory_warnings(&mut w).is_empty());
}
