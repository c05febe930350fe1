//! What a group never reads: records skipped by an `auto.offset.reset=latest` start, and records retention
//! deleted before the group read them (its fetch position fell below log-start: the broker answers
//! OFFSET_OUT_OF_RANGE and the consumer resets, SubscriptionState.requestOffsetReset /
//! OffsetFetcher.resetPositionsIfNeeded). Each offset below the group's position is either processed or
//! reported in exactly one `skipped` event.

mod common;

use common::{processed, run};
use kplay_core::scenario::{
    GroupSpec, InstanceSpec, OffsetReset, ProducerSpec, Scenario, TopicSpec,
};
use kplay_core::sim::{Command, Event, EventKind, RecordStage, World};
use std::collections::BTreeSet;

/// `(from, to, reason)` of the skipped events of group `g`, partition 0.
fn skips(events: &[Event]) -> Vec<(u64, u64, String)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Skipped {
                from, to, reason, ..
            } => Some((*from, *to, reason.clone())),
            _ => None,
        })
        .collect()
}

fn total(skips: &[(u64, u64, String)], reason: &str) -> u64 {
    skips
        .iter()
        .filter(|s| s.2 == reason)
        .map(|s| s.1 - s.0)
        .sum()
}

/// Every offset from the group's first position up to the highest one processed is processed or skipped, and
/// never both. (Records deleted before the group had any position on the partition are not counted.)
fn assert_covered(events: &[Event], skips: &[(u64, u64, String)]) {
    let done: BTreeSet<u64> = processed(events).iter().map(|r| r.4).collect();
    let top = done.iter().next_back().copied().unwrap_or(0);
    let first = skips
        .iter()
        .map(|s| s.0)
        .chain(done.iter().copied())
        .min()
        .unwrap_or(0);
    for o in first..top {
        let skipped = skips.iter().filter(|s| s.0 <= o && o < s.1).count();
        assert_eq!(
            usize::from(done.contains(&o)) + skipped,
            1,
            "offset {o}: processed {} and in {skipped} skipped ranges",
            done.contains(&o)
        );
    }
}

fn one_partition(reset: OffsetReset, retention_ms: i64, processing_ms: u32) -> Scenario {
    let mut s = Scenario::default();
    let mut t = TopicSpec::new("t", 1);
    t.retention_ms = retention_ms;
    t.segment_ms = 500;
    s.topics.push(t);
    s.producers.push(ProducerSpec::new("p", "t", 100));
    let mut g = GroupSpec::new("g", ["t"]);
    g.auto_offset_reset = reset;
    let mut i = InstanceSpec::new("a", "L", 1);
    i.processing_ms = kplay_core::scenario::Processing::Fixed(processing_ms);
    g.instances.push(i);
    s.groups.push(g);
    s
}

/// A new group with `latest` starts at log-end (OffsetFetcher.resetPositionsIfNeeded with LATEST): everything
/// written before its first assignment is skipped, reported once, and shown as `skipped` in the inspector.
#[test]
fn a_latest_start_skips_exactly_what_was_written_before_the_assignment() {
    let mut s = one_partition(OffsetReset::Latest, -1, 0);
    let g = s.groups.remove(0);
    let mut w = World::new(&s, 1).expect("valid");
    w.set_event_capacity(usize::MAX);
    w.run_until(5_000);
    w.apply(Command::AddGroup { group: g })
        .expect("valid group");
    w.run_until(15_000);
    let events = w.drain_events();
    let skips = skips(&events);
    let first = processed(&events)
        .iter()
        .map(|r| r.4)
        .min()
        .expect("processed some");
    assert!(
        first > 400,
        "about 5 s of records at 100/s before the group: {first}"
    );
    assert_eq!(skips, [(0, first, "reset".to_string())]);
    let g = &w.snapshot().groups[0];
    assert_eq!((g.skipped_by_reset, g.deleted_before_read), (first, 0));
    assert_eq!(g.partitions[0].skipped_by_reset, first);
    let stage = |o| w.follow("t", 0, o).expect("written").groups[0].1.clone();
    assert_eq!(stage(0), RecordStage::Skipped);
    assert_eq!(stage(first - 1), RecordStage::Skipped);
    assert!(matches!(
        stage(first),
        RecordStage::Processed | RecordStage::Committed
    ));
    assert_covered(&events, &skips);
}

/// `earliest` with retention faster than the consumer: when its position falls below log-start the fetch is out
/// of range and the reset moves it to log-start; the records in between were deleted before the group read them.
#[test]
fn retention_ahead_of_a_slow_consumer_is_counted_as_deleted_before_read() {
    let s = one_partition(OffsetReset::Earliest, 2_000, 40);
    let (w, events) = run(&s, 1, 30_000);
    let skips = skips(&events);
    let deleted = total(&skips, "deleted");
    assert!(deleted > 100, "{skips:?}");
    assert_eq!(
        total(&skips, "reset"),
        0,
        "earliest never skips retained records"
    );
    let g = &w.snapshot().groups[0];
    assert_eq!((g.deleted_before_read, g.skipped_by_reset), (deleted, 0));
    assert_covered(&events, &skips);
    let (from, _, _) = skips[0].clone();
    assert_eq!(
        w.follow("t", 0, from).expect("written").groups[0].1,
        RecordStage::DeletedBeforeRead
    );
}

/// The same with `latest`: the deleted part up to log-start, then the retained records up to log-end skipped
/// by the reset.
#[test]
fn an_out_of_range_reset_to_latest_reports_both_reasons() {
    let s = one_partition(OffsetReset::Latest, 2_000, 40);
    let (w, events) = run(&s, 1, 30_000);
    let skips = skips(&events);
    let (deleted, reset) = (total(&skips, "deleted"), total(&skips, "reset"));
    assert!(deleted > 0 && reset > 0, "{skips:?}");
    let g = &w.snapshot().groups[0];
    assert_eq!(
        (g.deleted_before_read, g.skipped_by_reset),
        (deleted, reset)
    );
    assert_covered(&events, &skips);
}

/// Nothing skipped when the consumer keeps up.
#[test]
fn a_consumer_that_keeps_up_skips_nothing() {
    let s = one_partition(OffsetReset::Earliest, 2_000, 0);
    let (w, events) = run(&s, 1, 30_000);
    assert!(skips(&events).is_empty());
    let g = &w.snapshot().groups[0];
    assert_eq!((g.deleted_before_read, g.skipped_by_reset), (0, 0));
}
