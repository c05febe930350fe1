//! The built-in partitioner (Kafka ≥ 3.3): switching thresholds and adaptive weights.

use super::*;
use alloc::vec::Vec;

/// Appends `bytes` through the built-in partitioner and reports whether it left the sticky partition.
fn append(
    p: &mut Partitioner,
    topic: &TopicView<'_>,
    rng: &mut Rng,
    bytes: u32,
    full: bool,
) -> Placement {
    let placed = p
        .partition(&ProducerRecord::unkeyed(), topic, &never_new_batch, rng)
        .unwrap();
    p.on_appended(placed, bytes, full, topic, rng);
    placed
}

#[test]
fn built_in_switches_at_batch_size_only_when_batches_are_full() {
    let topic = TopicView::all_available(1000);
    let mut rng = Rng::new(21);
    let mut p = Partitioner::new(PartitionerConfig {
        batch_size: 100,
        ..PartitionerConfig::default()
    });
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
    assert_eq!(
        placed.partition, start.partition,
        "the record itself went to the old partition"
    );
    assert_eq!(p.sticky_bytes(), Some(0));
}

#[test]
fn built_in_switches_unconditionally_at_twice_batch_size() {
    let topic = TopicView::all_available(1000);
    let mut rng = Rng::new(22);
    let mut p = Partitioner::new(PartitionerConfig {
        batch_size: 100,
        ..PartitionerConfig::default()
    });
    append(&mut p, &topic, &mut rng, 199, false);
    assert_eq!(p.sticky_bytes(), Some(199));
    append(&mut p, &topic, &mut rng, 1, false);
    assert_eq!(
        p.sticky_bytes(),
        Some(0),
        "switched at exactly 2 x batch.size"
    );
}

#[test]
fn built_in_may_pick_the_same_partition_again() {
    let topic = TopicView::all_available(2);
    let mut rng = Rng::new(23);
    let mut p = Partitioner::new(PartitionerConfig {
        batch_size: 1,
        ..PartitionerConfig::default()
    });
    let got: Vec<u32> = (0..200)
        .map(|_| append(&mut p, &topic, &mut rng, 1, true).partition)
        .collect();
    let repeats = got.windows(2).filter(|w| w[0] == w[1]).count();
    assert!(
        (60..140).contains(&repeats),
        "uniform choice repeats about half the time: {repeats}"
    );
}

#[test]
fn built_in_uses_available_partitions_or_all_when_none() {
    let available = [4u32, 6];
    let topic = TopicView::with_available(8, &available);
    let mut rng = Rng::new(24);
    let mut p = Partitioner::new(PartitionerConfig {
        batch_size: 1,
        ..PartitionerConfig::default()
    });
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
    let mut p = Partitioner::new(PartitionerConfig {
        batch_size: 1,
        ..PartitionerConfig::default()
    });
    p.update_queue_sizes(&[(0, 5), (1, 0), (2, 3), (3, 0), (4, 1)]);
    assert_eq!(
        p.adaptive_cumulative_weights(),
        Some(&[1, 7, 10, 16, 21][..])
    );
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
    let mut off = Partitioner::new(PartitionerConfig {
        adaptive: false,
        ..PartitionerConfig::default()
    });
    off.update_queue_sizes(&[(0, 0), (1, 2)]);
    assert_eq!(off.adaptive_cumulative_weights(), None);
}

#[test]
fn same_seed_same_choices() {
    let topic = TopicView::all_available(12);
    let run = |seed| {
        let mut rng = Rng::new(seed);
        let mut p = Partitioner::new(PartitionerConfig {
            batch_size: 10,
            ..PartitionerConfig::default()
        });
        (0..100)
            .map(|_| append(&mut p, &topic, &mut rng, 7, true).partition)
            .collect::<Vec<_>>()
    };
    assert_eq!(run(9), run(9));
    assert_ne!(run(9), run(10));
}

/// An accumulator whose queue for every partition is empty (the sender drained it): all batches full.
struct Drained;

impl BatchState for Drained {
    fn needs_new_batch(&self, _: u32) -> bool {
        true
    }
    fn all_batches_full(&self, _: u32) -> bool {
        true
    }
}

#[test]
fn built_in_completes_a_held_back_switch_before_the_next_append() {
    // RecordAccumulator.append → partitionChanged: with an incomplete batch the append of the 100th byte did not
    // switch (enableSwitch false); before the next append the queue is all full (empty), so
    // updatePartitionInfo(info, 0, cluster, true) switches first and the record goes to the new partition.
    let topic = TopicView::all_available(1000);
    let mut rng = Rng::new(26);
    let mut p = Partitioner::new(PartitionerConfig {
        batch_size: 100,
        ..PartitionerConfig::default()
    });
    let first = p
        .partition(&ProducerRecord::unkeyed(), &topic, &Drained, &mut rng)
        .unwrap();
    p.on_appended(first, 100, false, &topic, &mut rng);
    assert_eq!(
        p.sticky_bytes(),
        Some(100),
        "held back: the batch was not full"
    );
    let next = p
        .partition(&ProducerRecord::unkeyed(), &topic, &Drained, &mut rng)
        .unwrap();
    assert_eq!(p.sticky_bytes(), Some(0), "switched before the append");
    assert_ne!(
        next.partition, first.partition,
        "1 in 1000 chance of the same one, not with this seed"
    );
    // A plain closure cannot tell whether batches are full: the switch stays held back.
    let mut q = Partitioner::new(PartitionerConfig {
        batch_size: 100,
        ..PartitionerConfig::default()
    });
    let first = q
        .partition(
            &ProducerRecord::unkeyed(),
            &topic,
            &always_new_batch,
            &mut rng,
        )
        .unwrap();
    q.on_appended(first, 100, false, &topic, &mut rng);
    let again = q
        .partition(
            &ProducerRecord::unkeyed(),
            &topic,
            &always_new_batch,
            &mut rng,
        )
        .unwrap();
    assert_eq!(again.partition, first.partition);
}
