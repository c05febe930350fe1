//! `RoundRobinPartitioner`, with and without KAFKA-9965, and determinism.

use super::*;
use alloc::vec::Vec;

fn round_robin_run(
    burn: bool,
    partitions: u32,
    opens_batch: fn(u32) -> bool,
    records: usize,
) -> Vec<u32> {
    let topic = TopicView::all_available(partitions);
    let mut rng = Rng::new(1);
    let mut p = Partitioner::new(config(PartitionerKind::RoundRobin {
        burn_on_new_batch: burn,
    }));
    (0..records)
        .map(|_| {
            p.partition(
                &ProducerRecord::keyed(b"ignored"),
                &topic,
                &opens_batch,
                &mut rng,
            )
            .unwrap()
            .partition
        })
        .collect()
}

#[test]
fn round_robin_cycles_from_zero_ignoring_keys() {
    assert_eq!(
        round_robin_run(false, 3, always_new_batch, 7),
        [0, 1, 2, 0, 1, 2, 0]
    );
    assert_eq!(
        round_robin_run(false, 3, never_new_batch, 7),
        [0, 1, 2, 0, 1, 2, 0]
    );
    // KAFKA-9965 only bites when a record opens a batch.
    assert_eq!(
        round_robin_run(true, 3, never_new_batch, 7),
        [0, 1, 2, 0, 1, 2, 0]
    );
}

#[test]
fn round_robin_kafka_9965_skips_every_other_partition() {
    // Each record burns one value: 1, 3, 5, 7 → with 6 partitions only the odd ones ever get data.
    let got = round_robin_run(true, 6, always_new_batch, 12);
    assert_eq!(got, [1, 3, 5, 1, 3, 5, 1, 3, 5, 1, 3, 5]);
    // With an odd partition count the skipped ones come round again: 1, 3, 0, 2, 4, 1, ...
    assert_eq!(
        round_robin_run(true, 5, always_new_batch, 6),
        [1, 3, 0, 2, 4, 1]
    );
}

#[test]
fn round_robin_counts_over_available_partitions() {
    let available = [1u32, 4, 5];
    let topic = TopicView::with_available(6, &available);
    let mut rng = Rng::new(1);
    let mut p = Partitioner::new(config(PartitionerKind::RoundRobin {
        burn_on_new_batch: false,
    }));
    let got: Vec<u32> = (0..6)
        .map(|_| {
            p.partition(
                &ProducerRecord::unkeyed(),
                &topic,
                &never_new_batch,
                &mut rng,
            )
            .unwrap()
            .partition
        })
        .collect();
    assert_eq!(got, [1, 4, 5, 1, 4, 5]);
    let none = TopicView::with_available(6, &[]);
    let next = p
        .partition(
            &ProducerRecord::unkeyed(),
            &none,
            &never_new_batch,
            &mut rng,
        )
        .unwrap();
    assert_eq!(next.partition, 0, "counter 6 over all 6 partitions");
}
