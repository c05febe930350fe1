//! Explicit partitions, keys, `partitioner.ignore.keys` and the pre-3.3 sticky partitioner.

use super::*;
use alloc::vec::Vec;

#[test]
fn explicit_partition_wins_for_every_kind_and_is_validated() {
    let topic = TopicView::all_available(4);
    let mut rng = Rng::new(1);
    for kind in KINDS {
        let mut p = Partitioner::new(config(kind));
        let record = ProducerRecord {
            key: Some(b"foobar"),
            partition: Some(3),
        };
        for _ in 0..5 {
            let placed = p
                .partition(&record, &topic, &always_new_batch, &mut rng)
                .unwrap();
            assert_eq!(placed.partition, 3, "{kind:?}");
            assert!(!placed.sticky);
        }
        assert_eq!(
            p.partition(
                &ProducerRecord::to_partition(4),
                &topic,
                &never_new_batch,
                &mut rng
            ),
            Err(PartitionError::InvalidPartition {
                partition: 4,
                partitions: 4
            })
        );
        assert_eq!(
            p.partition(
                &ProducerRecord::unkeyed(),
                &TopicView::all_available(0),
                &never_new_batch,
                &mut rng
            ),
            Err(PartitionError::NoPartitions)
        );
    }
}

#[test]
fn explicit_partitions_do_not_advance_the_round_robin_counter() {
    let topic = TopicView::all_available(3);
    let mut rng = Rng::new(1);
    let mut p = Partitioner::new(config(PartitionerKind::RoundRobin {
        burn_on_new_batch: false,
    }));
    p.partition(
        &ProducerRecord::to_partition(2),
        &topic,
        &never_new_batch,
        &mut rng,
    )
    .unwrap();
    let placed = p
        .partition(
            &ProducerRecord::unkeyed(),
            &topic,
            &never_new_batch,
            &mut rng,
        )
        .unwrap();
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
            let placed = p
                .partition(
                    &ProducerRecord::keyed(key),
                    &topic,
                    &always_new_batch,
                    &mut rng,
                )
                .unwrap();
            assert_eq!(placed.partition, crate::hash::partition_for_key(key, 7));
            assert!(!placed.sticky);
        }
    }
}

#[test]
fn ignore_keys_sends_keyed_records_down_the_null_key_path() {
    let topic = TopicView::all_available(16);
    let mut rng = Rng::new(3);
    let mut p = Partitioner::new(PartitionerConfig {
        ignore_keys: true,
        ..PartitionerConfig::default()
    });
    let mut seen = Vec::new();
    for i in 0..50u32 {
        let key = i.to_le_bytes();
        let placed = p
            .partition(
                &ProducerRecord::keyed(&key),
                &topic,
                &never_new_batch,
                &mut rng,
            )
            .unwrap();
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
    let a = legacy
        .partition(
            &ProducerRecord::keyed(b"x"),
            &topic,
            &never_new_batch,
            &mut rng,
        )
        .unwrap();
    let b = legacy
        .partition(
            &ProducerRecord::keyed(b"y"),
            &topic,
            &never_new_batch,
            &mut rng,
        )
        .unwrap();
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
        let placed = p
            .partition(
                &ProducerRecord::unkeyed(),
                &topic,
                &always_new_batch,
                &mut rng,
            )
            .unwrap();
        assert_ne!(
            Some(placed.partition),
            previous,
            "repeated a partition across a new batch"
        );
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
    let first = p
        .partition(
            &ProducerRecord::unkeyed(),
            &topic,
            &always_new_batch,
            &mut rng,
        )
        .unwrap();
    for _ in 0..100 {
        let next = p
            .partition(
                &ProducerRecord::unkeyed(),
                &topic,
                &never_new_batch,
                &mut rng,
            )
            .unwrap();
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
        let placed = p
            .partition(
                &ProducerRecord::unkeyed(),
                &topic,
                &always_new_batch,
                &mut rng,
            )
            .unwrap();
        assert_eq!(placed.partition, 2);
    }
    let none = TopicView::with_available(4, &[]);
    let mut seen = [false; 4];
    for _ in 0..200 {
        let placed = p
            .partition(
                &ProducerRecord::unkeyed(),
                &none,
                &always_new_batch,
                &mut rng,
            )
            .unwrap();
        seen[placed.partition as usize] = true;
    }
    assert_eq!(
        seen, [true; 4],
        "with nothing available, every partition is a candidate"
    );
}

#[test]
fn legacy_sticky_only_draws_from_available_partitions() {
    let available = [1u32, 3];
    let topic = TopicView::with_available(5, &available);
    let mut rng = Rng::new(8);
    let mut p = Partitioner::new(config(PartitionerKind::LegacySticky));
    let got: Vec<u32> = (0..10)
        .map(|_| {
            p.partition(
                &ProducerRecord::unkeyed(),
                &topic,
                &always_new_batch,
                &mut rng,
            )
            .unwrap()
            .partition
        })
        .collect();
    // Two available and never the same twice: strict alternation.
    for pair in got.windows(2) {
        assert_ne!(pair[0], pair[1]);
        assert!(available.contains(&pair[0]));
    }
}
