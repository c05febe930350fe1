//! Behaviour of every partitioner kind, following the facts of Kafka's `BuiltInPartitionerTest`,
//! `StickyPartitionCacheTest` and `RoundRobinPartitionerTest`.

use super::*;
use alloc::vec::Vec;

fn config(kind: PartitionerKind) -> PartitionerConfig {
    PartitionerConfig { kind, ..PartitionerConfig::default() }
}

const KINDS: [PartitionerKind; 4] = [
    PartitionerKind::BuiltIn,
    PartitionerKind::LegacySticky,
    PartitionerKind::RoundRobin { burn_on_new_batch: false },
    PartitionerKind::RoundRobin { burn_on_new_batch: true },
];

fn always_new_batch(_: u32) -> bool {
    true
}

fn never_new_batch(_: u32) -> bool {
    false
}

#[test]
fn explicit_partition_wins_for_every_kind_and_is_validated() {
    let topic = TopicView::all_available(4);
    let mut rng = Rng::new(1);
    for kind in KINDS {
        let mut p = Partitioner::new(config(kind));
        let record = ProducerRecord { key: Some(b"foobar"), partition: Some(3) };
        for _ in 0..5 {
            let placed = p.partition(&record, &topic, &always_new_batch, &mut rng).unwrap();
            assert_eq!(placed.partition, 3, "{kind:?}");
            assert!(!placed.sticky);
        }
        assert_eq!(
            p.partition(&ProducerRecord::to_partition(4), &topic, &never_new_batch, &mut rng),
            Err(PartitionError::InvalidPartition { partition: 4, partitions: 4 })
        );
        assert_eq!(
            p.partition(&ProducerRecord::unkeyed(), &TopicView::all_available(0), &never_new_batch, &mut rng),
            Err(PartitionError::NoPartitions)
        );
    }
}

#[test]
fn explicit_partitions_do_not_advance_the_round_robin_counter() {
    let topic = TopicView::all_available(3);
    let mut rng = Rng::new(1);
    let mut p = Partitioner::new(config(PartitionerKind::RoundRobin { burn_on_new_batch: false }));
    p.partition(&ProducerRecord::to_partition(2), &topic, &never_new_batch, &mut rng).unwrap();
    let placed = p.partition(&ProducerRecord::unkeyed(), &topic, &never_new_batch, &mut rng).unwrap();
    assert_eq!(placed.partition, 0);
}

#[test]
fn keys_use_murmur2_over_all_partitions_even_unavailable_ones() {
    let available = [0u32];
    let topic = TopicView::with_available(7, &available);
    let mut rng = Rng::new(1);
    for kind in [PartitionerKind::BuiltIn, PartitionerKind::LegacySticky] {
        let mut p = Partitioner::new(config(kind));
        for key in [&b"21"[..], b"foobar", b"", b"abc"] {
            let placed = p.partition(&ProducerRecord::keyed(key), &topic, &always_new_batch, &mut rng).unwrap();
            assert_eq!(placed.partition, crate::hash::partition_for_key(key, 7));
            assert!(!placed.sticky);
        }
    }
}

#[test]
fn ignore_keys_sends_keyed_records_down_the_null_key_path() {
    let topic = TopicView::all_available(16);
    let mut rng = Rng::new(3);
    let mut p = Partitioner::new(PartitionerConfig { ignore_keys: true, ..PartitionerConfig::default() });
    let mut seen = Vec::new();
    for i in 0..50u32 {
        let key = i.to_le_bytes();
        let placed = p.partition(&ProducerRecord::keyed(&key), &topic, &never_new_batch, &mut rng).unwrap();
        assert!(placed.sticky);
        seen.push(placed.partition);
    }
    // Sticky: one partition for all of them, although their hashes spread over many partitions.
    assert!(seen.iter().all(|&x| x == seen[0]));
    // Kafka < 3.3 with ignore keys is UniformStickyPartitioner: same stickiness.
    let mut legacy = Partitioner::new(PartitionerConfig {
        kind: PartitionerKind::LegacySticky,
        ignore_keys: true,
        ..PartitionerConfig::default()
    });
    let a = legacy.partition(&ProducerRecord::keyed(b"x"), &topic, &never_new_batch, &mut rng).unwrap();
    let b = legacy.partition(&ProducerRecord::keyed(b"y"), &topic, &never_new_batch, &mut rng).unwrap();
    assert_eq!(a.partition, b.partition);
}

#[test]
fn legacy_sticky_changes_partition_on_every_new_batch_and_never_repeats() {
    let topic = TopicView::all_available(3);
    let mut rng = Rng::new(11);
    let mut p = Partitioner::new(config(PartitionerKind::LegacySticky));
    let mut previous = None;
    let mut counts = [0u32; 3];
    for _ in 0..3000 {
        let placed = p.partition(&ProducerRecord::unkeyed(), &topic, &always_new_batch, &mut rng).unwrap();
        assert_ne!(Some(placed.partition), previous, "repeated a partition across a new batch");
        assert_eq!(p.sticky_partition(), Some(placed.partition));
        counts[placed.partition as usize] += 1;
        previous = Some(placed.partition);
    }
    assert!(counts.iter().all(|&c| c > 800), "{counts:?}");
}

#[test]
fn legacy_sticky_stays_while_the_batch_has_room() {
    let topic = TopicView::all_available(10);
    let mut rng = Rng::new(5);
    let mut p = Partitioner::new(config(PartitionerKind::LegacySticky));
    // The very first record opens a batch, so (as in Kafka) it moves off the initial pick.
    let first = p.partition(&ProducerRecord::unkeyed(), &topic, &always_new_batch, &mut rng).unwrap();
    for _ in 0..100 {
        let next = p.partition(&ProducerRecord::unkeyed(), &topic, &never_new_batch, &mut rng).unwrap();
        assert_eq!(next, first);
    }
}

#[test]
fn legacy_sticky_with_one_or_no_available_partition() {
    let mut rng = Rng::new(5);
    let one = [2u32];
    let topic = TopicView::with_available(4, &one);
    let mut p = Partitioner::new(config(PartitionerKind::LegacySticky));
    for _ in 0..20 {
        let placed = p.partition(&ProducerRecord::unkeyed(), &topic, &always_new_batch, &mut rng).unwrap();
        assert_eq!(placed.partition, 2);
    }
    let none = TopicView::with_available(4, &[]);
    let mut seen = [false; 4];
    for _ in 0..200 {
        let placed = p.partition(&ProducerRecord::unkeyed(), &none, &always_new_batch, &mut rng).unwrap();
        seen[placed.partition as usize] = true;
    }
    assert_eq!(seen, [true; 4], "with nothing available, every partition is a candidate");
}

#[test]
fn legacy_sticky_only_draws_from_available_partitions() {
    let available = [1u32, 3];
    let topic = TopicView::with_available(5, &available);
    let mut rng = Rng::new(8);
    let mut p = Partitioner::new(config(PartitionerKind::LegacySticky));
    let got: Vec<u32> = (0..10)
        .map(|_| p.partition(&ProducerRecord::unkeyed(), &topic, &always_new_batch, &mut rng).unwrap().partition)
        .collect();
    // Two available and never the same twice: strict alternation.
    for pair in got.windows(2) {
        assert_ne!(pair[0], pair[1]);
        assert!(available.contains(&pair[0]));
    }
}

/// Appends `bytes` through the built-in partitioner and reports whether it left the sticky partition.
fn append(p: &mut Partitioner, topic: &TopicView<'_>, rng: &mut Rng, bytes: u32, full: bool) -> Placement {
    let placed = p.partition(&ProducerRecord::unkeyed(), topic, &never_new_batch, rng).unwrap();
    p.on_appended(placed, bytes, full, topic, rng);
    placed
}

#[test]
fn built_in_switches_at_batch_size_only_when_batches_are_full() {
    let topic = TopicView::all_available(1000);
    let mut rng = Rng::new(21);
    let mut p = Partitioner::new(PartitionerConfig { batch_size: 100, ..PartitionerConfig::default() });
    let start = append(&mut p, &topic, &mut rng, 60, true);
    assert_eq!(p.sticky_bytes(), Some(60));
    // 99 bytes with full batches: below batch.size, stay.
    append(&mut p, &topic, &mut rng, 39, true);
    assert_eq!(p.sticky_bytes(), Some(99));
    // 100 bytes but the last batch is not full: stay.
    append(&mut p, &topic, &mut rng, 1, false);
    assert_eq!(p.sticky_bytes(), Some(100));
    assert_eq!(p.sticky_partition(), Some(start.partition));
    // 150 bytes, batches full now: switch and restart counting.
    let placed = append(&mut p, &topic, &mut rng, 50, true);
    assert_eq!(placed.partition, start.partition, "the record itself went to the old partition");
    assert_eq!(p.sticky_bytes(), Some(0));
}

#[test]
fn built_in_switches_unconditionally_at_twice_batch_size() {
    let topic = TopicView::all_available(1000);
    let mut rng = Rng::new(22);
    let mut p = Partitioner::new(PartitionerConfig { batch_size: 100, ..PartitionerConfig::default() });
    append(&mut p, &topic, &mut rng, 199, false);
    assert_eq!(p.sticky_bytes(), Some(199));
    append(&mut p, &topic, &mut rng, 1, false);
    assert_eq!(p.sticky_bytes(), Some(0), "switched at exactly 2 x batch.size");
}

#[test]
fn built_in_may_pick_the_same_partition_again() {
    let topic = TopicView::all_available(2);
    let mut rng = Rng::new(23);
    let mut p = Partitioner::new(PartitionerConfig { batch_size: 1, ..PartitionerConfig::default() });
    let got: Vec<u32> = (0..200).map(|_| append(&mut p, &topic, &mut rng, 1, true).partition).collect();
    let repeats = got.windows(2).filter(|w| w[0] == w[1]).count();
    assert!((60..140).contains(&repeats), "uniform choice repeats about half the time: {repeats}");
}

#[test]
fn built_in_uses_available_partitions_or_all_when_none() {
    let available = [4u32, 6];
    let topic = TopicView::with_available(8, &available);
    let mut rng = Rng::new(24);
    let mut p = Partitioner::new(PartitionerConfig { batch_size: 1, ..PartitionerConfig::default() });
    for _ in 0..100 {
        assert!(available.contains(&append(&mut p, &topic, &mut rng, 1, true).partition));
    }
    let none = TopicView::with_available(8, &[]);
    let mut seen = [false; 8];
    for _ in 0..400 {
        seen[append(&mut p, &none, &mut rng, 1, true).partition as usize] = true;
    }
    assert_eq!(seen, [true; 8]);
}

#[test]
fn adaptive_weights_follow_queue_lengths() {
    let mut p = Partitioner::new(PartitionerConfig { batch_size: 1, ..PartitionerConfig::default() });
    p.update_queue_sizes(&[(0, 5), (1, 0), (2, 3), (3, 0), (4, 1)]);
    assert_eq!(p.adaptive_cumulative_weights(), Some(&[1, 7, 10, 16, 21][..]));
    let topic = TopicView::all_available(5);
    let mut rng = Rng::new(25);
    let mut counts = [0u32; 5];
    for _ in 0..21_000 {
        counts[append(&mut p, &topic, &mut rng, 1, true).partition as usize] += 1;
    }
    // Expected 1000 × weights {1, 6, 3, 6, 5}.
    for (count, weight) in counts.iter().zip([1u32, 6, 3, 6, 5]) {
        let expected = 1000 * weight;
        assert!(count.abs_diff(expected) < expected / 8 + 100, "{counts:?}");
    }
}

#[test]
fn adaptive_is_off_for_equal_queues_single_partition_or_when_disabled() {
    let mut p = Partitioner::new(PartitionerConfig::default());
    p.update_queue_sizes(&[(0, 3), (1, 3), (2, 3)]);
    assert_eq!(p.adaptive_cumulative_weights(), None);
    p.update_queue_sizes(&[(0, 3)]);
    assert_eq!(p.adaptive_cumulative_weights(), None);
    p.update_queue_sizes(&[(0, 0), (1, 2)]);
    assert_eq!(p.adaptive_cumulative_weights(), Some(&[3, 4][..]));
    let mut off = Partitioner::new(PartitionerConfig { adaptive: false, ..PartitionerConfig::default() });
    off.update_queue_sizes(&[(0, 0), (1, 2)]);
    assert_eq!(off.adaptive_cumulative_weights(), None);
}

fn round_robin_run(burn: bool, partitions: u32, opens_batch: fn(u32) -> bool, records: usize) -> Vec<u32> {
    let topic = TopicView::all_available(partitions);
    let mut rng = Rng::new(1);
    let mut p = Partitioner::new(config(PartitionerKind::RoundRobin { burn_on_new_batch: burn }));
    (0..records)
        .map(|_| p.partition(&ProducerRecord::keyed(b"ignored"), &topic, &opens_batch, &mut rng).unwrap().partition)
        .collect()
}

#[test]
fn round_robin_cycles_from_zero_ignoring_keys() {
    assert_eq!(round_robin_run(false, 3, always_new_batch, 7), [0, 1, 2, 0, 1, 2, 0]);
    assert_eq!(round_robin_run(false, 3, never_new_batch, 7), [0, 1, 2, 0, 1, 2, 0]);
    // KAFKA-9965 only bites when a record opens a batch.
    assert_eq!(round_robin_run(true, 3, never_new_batch, 7), [0, 1, 2, 0, 1, 2, 0]);
}

#[test]
fn round_robin_kafka_9965_skips_every_other_partition() {
    // Each record burns one value: 1, 3, 5, 7 → with 6 partitions only the odd ones ever get data.
    let got = round_robin_run(true, 6, always_new_batch, 12);
    assert_eq!(got, [1, 3, 5, 1, 3, 5, 1, 3, 5, 1, 3, 5]);
    // With an odd partition count the skipped ones come round again: 1, 3, 0, 2, 4, 1, ...
    assert_eq!(round_robin_run(true, 5, always_new_batch, 6), [1, 3, 0, 2, 4, 1]);
}

#[test]
fn round_robin_counts_over_available_partitions() {
    let available = [1u32, 4, 5];
    let topic = TopicView::with_available(6, &available);
    let mut rng = Rng::new(1);
    let mut p = Partitioner::new(config(PartitionerKind::RoundRobin { burn_on_new_batch: false }));
    let got: Vec<u32> = (0..6)
        .map(|_| p.partition(&ProducerRecord::unkeyed(), &topic, &never_new_batch, &mut rng).unwrap().partition)
        .collect();
    assert_eq!(got, [1, 4, 5, 1, 4, 5]);
    let none = TopicView::with_available(6, &[]);
    let next = p.partition(&ProducerRecord::unkeyed(), &none, &never_new_batch, &mut rng).unwrap();
    assert_eq!(next.partition, 0, "counter 6 over all 6 partitions");
}

#[test]
fn same_seed_same_choices() {
    let topic = TopicView::all_available(12);
    let run = |seed| {
        let mut rng = Rng::new(seed);
        let mut p = Partitioner::new(PartitionerConfig { batch_size: 10, ..PartitionerConfig::default() });
        (0..100).map(|_| append(&mut p, &topic, &mut rng, 7, true).partition).collect::<Vec<_>>()
    };
    assert_eq!(run(9), run(9));
    assert_ne!(run(9), run(10));
}
