use super::*;

fn cfg() -> LogConfig {
    LogConfig::default()
}

#[test]
fn offsets_are_dense_from_zero() {
    let mut log = PartitionLog::default();
    for i in 0..10u32 {
        assert_eq!(
            log.append(&cfg(), u64::from(i), None, 10, 0, i),
            u64::from(i)
        );
    }
    let offsets: Vec<u64> = log.records().map(|r| r.offset).collect();
    assert_eq!(offsets, (0..10).collect::<Vec<_>>());
    assert_eq!(log.size_bytes(), 100);
}

#[test]
fn segments_roll_by_size_and_time() {
    let c = LogConfig {
        segment_bytes: 30,
        segment_ms: 1000,
        ..cfg()
    };
    let mut log = PartitionLog::default();
    for i in 0..6 {
        log.append(&c, 0, None, 10, 0, i);
    }
    assert_eq!(log.segment_count(), 2);
    log.append(&c, 5000, None, 1, 0, 7);
    assert_eq!(log.segment_count(), 3);
}

#[test]
fn time_retention_deletes_whole_old_segments_and_advances_log_start() {
    let c = LogConfig {
        segment_bytes: 20,
        retention_ms: 1000,
        ..cfg()
    };
    let mut log = PartitionLog::default();
    for i in 0..4u32 {
        log.append(&c, u64::from(i) * 1000, None, 10, 0, i);
    }
    // Segments: [0,1] (max ts 1000), [2,3] (max ts 3000).
    assert_eq!(log.enforce_retention(&c, 2000), 0);
    assert_eq!(log.enforce_retention(&c, 2001), 2);
    assert_eq!(log.log_start(), 2);
    assert_eq!(log.records().next().map(|r| r.offset), Some(2));
    assert_eq!(log.log_end(), 4);
}

#[test]
fn size_retention_deletes_a_segment_only_if_retention_bytes_remain() {
    let c = LogConfig {
        segment_bytes: 20,
        retention_bytes: 25,
        ..cfg()
    };
    let mut log = PartitionLog::default();
    for i in 0..6u32 {
        log.append(&c, 0, None, 10, 0, i);
    }
    // Kafka: diff = 60 - 25 = 35; a segment goes only while diff - its size >= 0: 35-20 ok, 15-20 stops.
    assert_eq!(log.enforce_retention(&c, 0), 2);
    assert_eq!(log.log_start(), 2);
    assert_eq!(log.size_bytes(), 40);
}

#[test]
fn compaction_keeps_latest_per_key_and_never_touches_the_active_segment() {
    let c = LogConfig {
        segment_bytes: 30,
        compact: true,
        ..cfg()
    };
    let mut log = PartitionLog::default();
    let keys = [1, 2, 1, 1, 2, 3, 1];
    for (i, k) in keys.iter().enumerate() {
        log.append(&c, 0, Some(*k), 10, 0, i as u32);
    }
    // Segments: [0,1,2] [3,4,5] [6 active]. Below the active base (6): latest key1 = 3, key2 = 4, key3 = 5.
    let removed = log.enforce_retention(&c, 0);
    assert_eq!(removed, 3);
    let offsets: Vec<u64> = log.records().map(|r| r.offset).collect();
    assert_eq!(offsets, vec![3, 4, 5, 6]);
    assert_eq!(log.log_end(), 7);
    assert_eq!(log.size_bytes(), 40);
}

#[test]
fn records_from_finds_first_offset_at_or_after_across_gaps() {
    let c = LogConfig {
        segment_bytes: 30,
        compact: true,
        ..cfg()
    };
    let mut log = PartitionLog::default();
    for (i, k) in [1, 1, 1, 2, 2, 2, 9].iter().enumerate() {
        log.append(&c, 0, Some(*k), 10, 0, i as u32);
    }
    log.enforce_retention(&c, 0);
    assert_eq!(log.records_from(0).next().map(|r| r.offset), Some(2));
    assert_eq!(log.records_from(3).next().map(|r| r.offset), Some(5));
}

fn compacted(delete_retention_ms: u64) -> LogConfig {
    LogConfig {
        segment_bytes: 30,
        compact: true,
        delete_retention_ms,
        ..cfg()
    }
}

#[test]
fn a_superseded_tombstone_goes_at_once_like_any_old_record() {
    let c = compacted(1_000);
    let mut log = PartitionLog::default();
    log.append(&c, 0, Some(1), 10, 0, 0);
    log.append_tombstone(&c, 0, Some(1), 10, 0, 1);
    log.append(&c, 0, Some(1), 10, 0, 2);
    log.append(&c, 0, Some(2), 10, 0, 3); // active segment
    assert_eq!(log.enforce_retention(&c, 0), 2);
    let left: Vec<(u64, bool)> = log
        .records()
        .map(|r| (r.offset, r.is_tombstone()))
        .collect();
    assert_eq!(left, vec![(2, false), (3, false)]);
}

#[test]
fn a_latest_tombstone_stays_delete_retention_ms_from_the_first_clean_that_saw_it() {
    let c = compacted(1_000);
    let mut log = PartitionLog::default();
    log.append(&c, 0, Some(1), 10, 0, 0);
    log.append_tombstone(&c, 0, Some(1), 10, 0, 1);
    log.append(&c, 0, Some(2), 10, 0, 2);
    // The tombstone (offset 1) is still in the active segment: never cleaned, no horizon yet.
    assert_eq!(log.enforce_retention(&c, 5_000), 0);
    assert_eq!(log.delete_horizon(1), None);
    log.append(&c, 6_000, Some(3), 10, 0, 3); // rolls
                                              // First clean that sees it, at 7000: the value record of key 1 goes, the tombstone gets 7000 + 1000.
    assert_eq!(log.enforce_retention(&c, 7_000), 1);
    assert_eq!(log.delete_horizon(1), Some(8_000));
    assert_eq!(log.enforce_retention(&c, 7_999), 0);
    assert!(log.records().any(|r| r.offset == 1 && r.is_tombstone()));
    // At the horizon a clean drops it (Kafka keeps it while now < horizon).
    assert_eq!(log.enforce_retention(&c, 8_000), 1);
    assert_eq!(log.delete_horizon(1), None);
    let left: Vec<u64> = log.records().map(|r| r.offset).collect();
    assert_eq!(left, vec![2, 3]);
    assert_eq!(log.size_bytes(), 20);
}

#[test]
fn compacted_topics_ignore_time_and_size_retention() {
    let c = LogConfig {
        retention_ms: 10,
        retention_bytes: 15,
        ..compacted(1_000)
    };
    let mut log = PartitionLog::default();
    for k in 0..6u32 {
        log.append(&c, 0, Some(k), 10, 0, k);
    }
    assert_eq!(log.enforce_retention(&c, 1_000_000), 0);
    assert_eq!((log.log_start(), log.records().count()), (0, 6));
}

#[test]
fn a_tombstone_on_a_delete_topic_is_an_ordinary_record() {
    let c = LogConfig {
        segment_bytes: 20,
        retention_ms: 100,
        ..cfg()
    };
    let mut log = PartitionLog::default();
    log.append_tombstone(&c, 0, Some(1), 10, 0, 0);
    log.append_tombstone(&c, 0, None, 10, 0, 1);
    log.append(&c, 500, Some(1), 10, 0, 2);
    assert_eq!(log.enforce_retention(&c, 50), 0);
    assert_eq!(log.enforce_retention(&c, 500), 2);
    assert_eq!(log.delete_horizon(0), None);
}

#[test]
fn a_record_is_still_32_bytes() {
    assert_eq!(core::mem::size_of::<Record>(), 32);
}

#[test]
fn records_from_agrees_with_a_linear_scan_on_dense_and_gapped_logs() {
    let c = compacted(0);
    let mut log = PartitionLog::default();
    let mut x: u32 = 11;
    for i in 0..300u32 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let key = (x >> 16) % 7;
        if x.is_multiple_of(5) {
            log.append_tombstone(&c, u64::from(i), Some(key), 10, 0, i);
        } else {
            log.append(&c, u64::from(i), Some(key), 10, 0, i);
        }
        if i % 50 == 49 {
            log.enforce_retention(&c, u64::from(i));
        }
        for from in 0..=log.log_end() + 2 {
            let want = log.records().find(|r| r.offset >= from).map(|r| r.offset);
            assert_eq!(
                log.records_from(from).next().map(|r| r.offset),
                want,
                "from {from}"
            );
        }
    }
    assert!(log.records().count() < 300, "compaction left gaps");
}

#[test]
fn the_filthiest_log_has_the_highest_dirty_ratio_and_ties_keep_the_first() {
    // LogCleanerManagerTest.testGrabFilthiestCompactedLogReturnsLogWithDirtiestRatio: LogToClean.compare orders
    // by cleanableBytes / totalBytes; grabFilthiestCompactedLog takes the max (Scala keeps the first of equals).
    use super::Dirty;
    let d = |clean, cleanable| Dirty {
        clean_bytes: clean,
        cleanable_bytes: cleanable,
        ..Dirty::default()
    };
    assert!(d(100, 300).filthier_than(&d(100, 200)));
    assert!(!d(100, 200).filthier_than(&d(100, 300)));
    assert!(
        !d(1, 1).filthier_than(&d(2, 2)),
        "equal ratios: the earlier log stays"
    );
    let cfg = LogConfig {
        min_cleanable_millionths: 0,
        ..LogConfig::default()
    };
    assert!(
        d(0, 1).cleanable(&cfg) && !d(5, 0).cleanable(&cfg),
        "above 0 needs a dirty byte"
    );
}

#[test]
fn delete_records_moves_the_start_inside_a_segment_and_drops_emptied_ones() {
    // Two 10-byte records per segment: [0,1] [2,3] [4,5].
    let cfg = LogConfig {
        segment_bytes: 20,
        ..LogConfig::default()
    };
    let mut log = PartitionLog::default();
    for i in 0..6 {
        log.append(&cfg, i, None, 10, 0, i as u32);
    }
    assert_eq!(log.segment_count(), 3);
    assert_eq!(log.delete_records_before(3), 3);
    assert_eq!(
        (log.log_start(), log.log_end(), log.size_bytes()),
        (3, 6, 30)
    );
    assert_eq!(log.segment_count(), 2, "[0,1] went, [2,3] keeps record 3");
    assert_eq!(
        log.records().map(|r| r.offset).collect::<Vec<_>>(),
        [3, 4, 5]
    );
    // Moving backwards or to the same place changes nothing.
    assert_eq!(log.delete_records_before(2), 0);
    assert_eq!(log.log_start(), 3);
    // Size retention still deletes whole segments afterwards: 30 bytes with a 15-byte limit drops [3].
    let sized = LogConfig {
        retention_bytes: 15,
        ..cfg
    };
    assert_eq!(log.delete_by_retention(&sized, 6), 1);
    assert_eq!((log.log_start(), log.size_bytes()), (4, 20));
    // Past the end it stops at the end; the active segment stays, empty, and appends go on.
    assert_eq!(log.delete_records_before(99), 2);
    assert_eq!(
        (log.log_start(), log.log_end(), log.size_bytes()),
        (6, 6, 0)
    );
    assert_eq!(log.segment_count(), 1);
    assert_eq!(log.append(&cfg, 7, None, 10, 0, 6), 6);
    assert_eq!(log.records().len(), 1);
}

#[test]
fn before_time_ends_just_after_the_last_older_record_and_never_moves_an_untouched_start() {
    let mut log = PartitionLog::default();
    for i in 0..6u32 {
        log.append(&cfg(), u64::from(i) * 10, None, 10, 0, i);
    }
    log.delete_records_before(2);
    // Nothing older than 20 ms is left: the start stays where it is (no gap of a compacted log is skipped).
    assert_eq!(log.before_time(20), (0, 2));
    // Records at 20 and 30 ms are older than 35 ms: delete up to just after offset 3.
    assert_eq!(log.before_time(35), (2, 4));
    assert_eq!(log.before_time(1_000), (4, 6));
}

#[test]
fn deleting_records_forgets_the_horizons_below_the_new_start_and_keeps_the_rest() {
    let c = compacted(1_000);
    let mut log = PartitionLog::default();
    log.append(&c, 0, Some(1), 10, 0, 0);
    log.append_tombstone(&c, 0, Some(1), 10, 0, 1);
    log.append(&c, 0, Some(2), 10, 0, 2);
    log.append(&c, 0, Some(3), 10, 0, 3);
    log.append_tombstone(&c, 0, Some(3), 10, 0, 4);
    log.append(&c, 0, Some(4), 10, 0, 5);
    log.append(&c, 6_000, Some(5), 10, 0, 6); // rolls (segments of 30 bytes: 0-2, 3-5, 6-)
    log.enforce_retention(&c, 7_000);
    assert_eq!(
        (log.delete_horizon(1), log.delete_horizon(4)),
        (Some(8_000), Some(8_000))
    );
    log.delete_records_before(4);
    assert_eq!(log.log_start(), 4);
    assert_eq!(log.delete_horizon(1), None, "below the start: gone");
    assert_eq!(log.delete_horizon(4), Some(8_000), "at the start: kept");
}
