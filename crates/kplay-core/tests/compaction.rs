//! When the log cleaner cleans a compacted topic, as Kafka's `LogCleanerManager` and `LogCleaner` decide it:
//! `min.cleanable.dirty.ratio`, `min.compaction.lag.ms`, `max.compaction.lag.ms`, `log.cleaner.backoff.ms`, the
//! filthiest log first, and `cleanup.policy=compact,delete`.
//!
//! The scenario below writes one 100-byte record of key "k" every 100 ms (at 99, 199, … ms) into 1000-byte
//! segments, so segment `i` holds offsets `10i..10i+9` written at `1000i+99 … 1000i+999` ms and rolls on the
//! next append. The cleaner looks at 0 ms and, finding nothing, every 15000 ms after.

use kplay_core::log::{LogConfig, PartitionLog};
use kplay_core::scenario::{Cleanup, KeyKind, KeySpec, ProducerSpec, Ratio, Scenario, TopicSpec};
use kplay_core::sim::World;

fn scenario(cleanup: Cleanup, edit: impl FnOnce(&mut TopicSpec)) -> Scenario {
    let mut s = Scenario::default();
    let mut t = TopicSpec::new("t", 1);
    t.cleanup = cleanup;
    t.segment_bytes = 1000;
    edit(&mut t);
    s.topics.push(t);
    let mut p = ProducerSpec::new("p", "t", 10);
    p.keys = KeySpec {
        kind: KeyKind::Fixed,
        values: vec!["k".into()],
    };
    s.producers.push(p);
    s
}

/// `(log_start, retained records)` after running to `until_ms` (exclusive).
fn state(w: &mut World, until_ms: u64) -> (u64, u64) {
    w.run_until(until_ms);
    let p = &w.snapshot().topics[0].partitions[0];
    (p.log_start, p.bytes / 100)
}

#[test]
fn the_cleaner_waits_for_its_backoff_so_several_values_per_key_stay_visible() {
    // LogCleaner.CleanerThread.doWork: nothing cleanable at 0 ms → sleep log.cleaner.backoff.ms (15000).
    let mut w = World::new(&scenario(Cleanup::Compact, |_| {}), 1).unwrap();
    assert_eq!(
        state(&mut w, 15_000),
        (0, 150),
        "every value of k is still there at 14999 ms"
    );
    // At 15000 ms: 14 non-active segments, all dirty (ratio 1 > 0.5): the latest below the active segment
    // (offset 139) and the active segment's 10 records stay.
    assert_eq!(state(&mut w, 15_001), (0, 11));
    let d = w.snapshot().topics[0].partitions[0]
        .cleaner
        .expect("compacted");
    assert_eq!((d.first_dirty, d.first_uncleanable), (140, 140));
}

#[test]
fn below_the_dirty_ratio_a_log_is_not_cleaned_above_it_it_is_at_the_next_pass() {
    // grabFilthiestCompactedLog keeps a log only if cleanableRatio > min.cleanable.dirty.ratio. After the first
    // clean the clean part is 100 bytes (offset 139). At 30000 ms the dirty part is offsets 140..289, 15000
    // bytes: 15000 / 15100 = 0.9934 ≤ 0.995, not cleaned. At 45000 ms: 30000 / 30100 = 0.9967 > 0.995.
    let s = scenario(Cleanup::Compact, |t| {
        t.min_cleanable_dirty_ratio = Ratio::from_millionths(995_000);
    });
    let mut w = World::new(&s, 1).unwrap();
    assert_eq!(state(&mut w, 15_001), (0, 11));
    assert_eq!(
        state(&mut w, 30_001),
        (0, 161),
        "below the ratio: 1 + 160 records"
    );
    let d = w.snapshot().topics[0].partitions[0].cleaner.unwrap();
    assert_eq!((d.clean_bytes, d.cleanable_bytes), (100, 15_000));
    assert_eq!(state(&mut w, 45_000), (0, 311));
    assert_eq!(
        state(&mut w, 45_001),
        (0, 11),
        "above the ratio at the next pass"
    );
    // The default 0.5 cleans at 30000 ms already.
    let mut w = World::new(&scenario(Cleanup::Compact, |_| {}), 1).unwrap();
    assert_eq!(state(&mut w, 30_001), (0, 11));
}

#[test]
fn min_compaction_lag_holds_back_recent_segments() {
    // LogCleanerManager.cleanableOffsets: the first dirty segment whose largest timestamp is within
    // min.compaction.lag.ms of now is uncleanable. At 15000 ms with 10000 ms that is segment 5 (newest record at
    // 5999 ms), so offsets 0..49 are cleaned down to offset 49 and 50..149 stay.
    let s = scenario(Cleanup::Compact, |t| t.min_compaction_lag_ms = 10_000);
    let mut w = World::new(&s, 1).unwrap();
    assert_eq!(state(&mut w, 15_001), (0, 101));
    let d = w.snapshot().topics[0].partitions[0].cleaner.unwrap();
    assert_eq!(d.first_dirty, 50);
}

#[test]
fn max_compaction_lag_forces_a_clean_below_the_ratio() {
    // A ratio of 1 is never exceeded, so only max.compaction.lag.ms can trigger a clean (needCompactionNow in
    // grabFilthiestCompactedLog, from maxCompactionDelay): the first dirty segment's first record is at 99 ms;
    // at 15000 ms 99 + 20000 is not yet past, at 30000 ms it is.
    let s = scenario(Cleanup::Compact, |t| {
        t.min_cleanable_dirty_ratio = Ratio::from_millionths(1_000_000);
        t.max_compaction_lag_ms = 20_000;
    });
    let mut w = World::new(&s, 1).unwrap();
    assert_eq!(state(&mut w, 15_001), (0, 150));
    assert_eq!(state(&mut w, 30_001), (0, 11));
    // Without the lag the ratio alone never cleans.
    let s = scenario(Cleanup::Compact, |t| {
        t.min_cleanable_dirty_ratio = Ratio::from_millionths(1_000_000);
    });
    let mut w = World::new(&s, 1).unwrap();
    assert_eq!(state(&mut w, 60_001), (0, 600));
}

#[test]
fn compact_delete_also_deletes_by_retention_in_the_cleaner_pass() {
    // UnifiedLog.deleteOldSegments with config.delete, run by the cleaner (LogCleaner.cleanFilthiestLog →
    // deletableLogs) after the clean at 15000 ms: segments whose newest record is more than 5000 ms old (0..9,
    // newest at 9999 ms) go, so the log starts at 100. With compact alone retention never deletes.
    let s = scenario(Cleanup::CompactDelete, |t| t.retention_ms = 5_000);
    let mut w = World::new(&s, 1).unwrap();
    assert_eq!(
        state(&mut w, 15_000),
        (0, 150),
        "not at the broker's 1000 ms retention checks"
    );
    assert_eq!(state(&mut w, 15_001), (100, 11));
    let s = scenario(Cleanup::Compact, |t| t.retention_ms = 5_000);
    let mut w = World::new(&s, 1).unwrap();
    assert_eq!(state(&mut w, 15_001), (0, 11));
}

#[test]
fn the_filthiest_log_is_cleaned_first_and_every_cleanable_one_in_the_same_pass() {
    // With zero-time cleans, the cleaner thread's passes follow each other at once until none is cleanable.
    let mut s = scenario(Cleanup::Compact, |t| t.partitions = 2);
    s.producers[0].keys.kind = KeyKind::Cycle;
    s.producers[0].keys.values = vec!["a".into(), "b".into(), "c".into()];
    let mut w = World::new(&s, 1).unwrap();
    w.run_until(15_001);
    for p in &w.snapshot().topics[0].partitions {
        let d = p.cleaner.unwrap();
        assert_eq!(d.first_dirty, d.first_uncleanable, "cleaned: {d:?}");
    }
}

#[test]
fn cleanable_offsets_for_time_and_short_time() {
    // LogCleanerManagerTest.testCleanableOffsetsForTime: four segments at t0, then after the lag four more:
    // the first uncleanable offset is the base of the segment active at t0.
    let lag = 3_600_000;
    let cfg = LogConfig {
        compact: true,
        segment_bytes: 300,
        segment_ms: 7 * 86_400_000, // Kafka's default: no roll by time in this test
        min_compaction_lag_ms: lag,
        ..LogConfig::default()
    };
    // Kafka's loop: append until the log has `segments` segments (the last append opened the last one).
    let fill = |log: &mut PartitionLog, segments: usize, t: u64| {
        while log.segment_count() < segments {
            log.append(&cfg, t, Some(1), 100, 0, log.log_end() as u32);
        }
    };
    let mut log = PartitionLog::default();
    fill(&mut log, 4, 0);
    let active_at_t0 = 9; // three 100-byte records per 300-byte segment
    fill(&mut log, 8, lag + 1);
    let d = log.dirty(&cfg, lag + 1);
    assert_eq!((d.first_dirty, d.first_uncleanable), (0, active_at_t0));
    // testCleanableOffsetsForShortTime: everything at t0, asked after the lag: bounded by the active segment.
    let mut log = PartitionLog::default();
    fill(&mut log, 8, 0);
    let d = log.dirty(&cfg, lag + 1);
    assert_eq!(d.first_uncleanable, 21);
    // testCleanableOffsetsActiveSegment: no lag, asked at once: the active segment bounds it too.
    let no_lag = LogConfig {
        min_compaction_lag_ms: 0,
        ..cfg
    };
    assert_eq!(log.dirty(&no_lag, 0).first_uncleanable, 21);
}

#[test]
fn ratio_rules_are_validated_and_parsed_without_floats_in_the_engine() {
    let mut s = scenario(Cleanup::Compact, |_| {});
    let json = serde_json::to_string(&s).unwrap();
    assert!(
        !json.contains("min_cleanable_dirty_ratio"),
        "defaults are left out: {json}"
    );
    s.topics[0].min_cleanable_dirty_ratio = Ratio::from_millionths(250_000);
    let json = serde_json::to_string(&s).unwrap();
    // Written as a decimal string (no float formatter in the web bundle); numbers are read too.
    assert!(
        json.contains("\"min_cleanable_dirty_ratio\":\"0.25\""),
        "{json}"
    );
    let back: Scenario = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let bad: Scenario = serde_json::from_str(&json.replace(":\"0.25\"", ":1.5")).unwrap();
    assert_eq!(
        bad.validate().unwrap_err()[0].to_string(),
        "topics[0].min_cleanable_dirty_ratio: must be a number from 0 to 1"
    );
    s.topics[0].min_compaction_lag_ms = 10;
    s.topics[0].max_compaction_lag_ms = 5;
    assert_eq!(
        s.validate().unwrap_err()[0].to_string(),
        "topics[0].min_compaction_lag_ms: must not exceed max_compaction_lag_ms"
    );
    let both: Scenario = serde_json::from_str(
        r#"{"version":1,"topics":[{"name":"t","partitions":1,"cleanup":"compact,delete"}]}"#,
    )
    .unwrap();
    assert_eq!(both.topics[0].cleanup, Cleanup::CompactDelete);
}

/// The UI's record count and bytes are what remains in the log after a clean (the sum of the segments' sizes,
/// as `UnifiedLog.size` sums `LogSegment.size`), not `log_end − log_start`: compaction leaves offset gaps. Every
/// remaining record can be paged through with `World::records_before`.
#[test]
fn a_cleaned_log_counts_and_pages_only_the_records_that_remain() {
    let mut w = World::new(&scenario(Cleanup::Compact, |_| {}), 1).unwrap();
    w.run_until(15_001);
    let snap = w.snapshot();
    let p = &snap.topics[0].partitions[0];
    assert_eq!((p.log_start, p.log_end), (0, 150));
    assert_eq!(
        (p.records, p.bytes),
        (11, 1100),
        "139 and the active segment's 140..149"
    );
    // Page backwards from the log end, 4 at a time, until nothing older is left.
    let mut before = u64::MAX;
    let mut seen = Vec::new();
    loop {
        let page = w.records_before("t", 0, before, 4);
        let Some(first) = page.first() else { break };
        before = first.offset;
        seen.splice(0..0, page.iter().map(|r| r.offset));
    }
    let mut want = vec![139];
    want.extend(140..150);
    assert_eq!(seen, want);
    assert!(w.records_before("t", 0, 139, 10).is_empty());
    assert!(w.records_before("nope", 0, 10, 10).is_empty());
    assert!(w.records_before("t", 3, 10, 10).is_empty());
}
