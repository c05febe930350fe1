//! The producer: rates, keys, partitioners through the accumulator, batching.

use super::*;
use crate::scenario::{Burst, KeySpec, TopicSpec};

fn run(spec: &ProducerSpec, partitions: u32, ms: u64) -> Vec<(u64, Outgoing)> {
    let topic = Topic::new(&TopicSpec::new("t", partitions));
    let mut keys = KeyTable::default();
    let mut p = Producer::new(spec, 0, &mut keys, Rng::new(1));
    let mut all = Vec::new();
    for now in 0..ms {
        let mut out = Vec::new();
        p.tick(now, &topic, &keys, &mut out);
        all.extend(out.into_iter().map(|o| (now, o)));
    }
    all
}

#[test]
fn cached_metadata_hides_new_partitions_until_refresh_except_for_an_unknown_explicit_one() {
    // Metadata.timeToNextUpdate: refresh metadata.max.age.ms after the last one; KafkaProducer.waitOnMetadata:
    // a record for a partition the cache does not know waits for a refresh.
    let mut topic = Topic::new(&TopicSpec::new("t", 2));
    let mut keys = KeyTable::default();
    let mut spec = ProducerSpec::new("p", "t", 1000);
    spec.metadata_max_age_ms = 100;
    let mut p = Producer::new(&spec, 0, &mut keys, Rng::new(1));
    let mut out = Vec::new();
    p.tick(0, &topic, &keys, &mut out);
    topic.grow_to(4);
    p.tick(50, &topic, &keys, &mut out);
    assert_eq!(p.known_partitions(), 2, "not before the refresh");
    p.tick(100, &topic, &keys, &mut out);
    assert_eq!(p.known_partitions(), 4, "refreshed at 100 ms");
    spec.partition = Some(5);
    let mut p = Producer::new(&spec, 0, &mut keys, Rng::new(1));
    p.tick(0, &topic, &keys, &mut out);
    topic.grow_to(6);
    out.clear();
    p.tick(1, &topic, &keys, &mut out);
    assert_eq!(p.known_partitions(), 6, "partition 5 forced a refresh");
    assert_eq!(out.iter().map(|o| o.partition).collect::<Vec<_>>(), [5]);
}

#[test]
fn rate_is_exact_over_any_whole_second() {
    let spec = ProducerSpec::new("p", "t", 333);
    let sent = run(&spec, 3, 3000);
    assert_eq!(sent.len(), 999);
    assert_eq!(sent.iter().filter(|(t, _)| *t < 1000).count(), 333);
}

#[test]
fn burst_sends_only_in_on_phases() {
    let mut spec = ProducerSpec::new("p", "t", 1000);
    spec.burst = Some(Burst {
        on_ms: 100,
        off_ms: 400,
    });
    let sent = run(&spec, 1, 1000);
    assert_eq!(sent.len(), 200);
    assert!(sent.iter().all(|(t, _)| t % 500 < 100));
}

#[test]
fn keyed_records_follow_murmur2_and_cycle_keys() {
    let mut spec = ProducerSpec::new("p", "t", 1000);
    spec.keys = KeySpec {
        kind: KeyKind::Cycle,
        values: vec!["21".into(), "foobar".into()],
    };
    let sent = run(&spec, 7, 4);
    let want = |h: i32| ((h & 0x7fff_ffff) as u32) % 7;
    let parts: Vec<u32> = sent.iter().map(|(_, o)| o.partition).collect();
    assert_eq!(
        parts,
        vec![
            want(-973932308),
            want(-790332482),
            want(-973932308),
            want(-790332482)
        ]
    );
}

fn partitions_of(spec: &ProducerSpec, partitions: u32, ms: u64) -> Vec<u32> {
    let mut sent = run(spec, partitions, ms);
    sent.sort_by_key(|(_, o)| o.sequence);
    sent.iter().map(|(_, o)| o.partition).collect()
}

/// Lengths of the runs of equal partitions, in production order.
fn runs(parts: &[u32]) -> Vec<usize> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let j = parts[i..].iter().take_while(|&&p| p == parts[i]).count();
        runs.push(j);
        i += j;
    }
    runs
}

#[test]
fn built_in_switches_after_batch_size_bytes_once_the_batch_is_full() {
    let mut spec = ProducerSpec::new("p", "t", 1000);
    spec.record_bytes = 100;
    spec.batch_size = 1000;
    spec.linger_ms = 1000;
    spec.adaptive_partitioning = false;
    let parts = partitions_of(&spec, 8, 400);
    assert_eq!(parts.len(), 400);
    // Ten 100-byte records fill a 1000-byte batch; the 10th makes it full, so the 11th goes elsewhere
    // (or, by chance, to the same partition again: the next partition is drawn among all of them).
    for (i, chunk) in parts.chunks(10).enumerate() {
        assert!(chunk.iter().all(|&p| p == chunk[0]), "batch {i}: {chunk:?}");
    }
    assert!(runs(&parts).iter().all(|r| r % 10 == 0));
    let distinct: alloc::collections::BTreeSet<u32> = parts.iter().copied().collect();
    assert!(distinct.len() > 4, "a new sticky partition per batch");
}

#[test]
fn built_in_slow_producer_with_linger_0_switches_every_batch_size_bytes() {
    // linger.ms 0, one record per ms: the sender drains each one-record batch in its millisecond, so the
    // 10th record reaches batch.size with an incomplete batch (switch held back), and before the 11th
    // append the queue is empty, which counts as all full: the switch completes then
    // (RecordAccumulator.append → partitionChanged → BuiltInPartitioner.updatePartitionInfo(info, 0, true)).
    // Before that fix the sticky partition changed only at the 2 × batch.size cap, every 20 records.
    let mut spec = ProducerSpec::new("p", "t", 1000);
    spec.record_bytes = 100;
    spec.batch_size = 1000;
    spec.adaptive_partitioning = false;
    let parts = partitions_of(&spec, 8, 400);
    assert_eq!(parts.len(), 400);
    for chunk in parts.chunks(10) {
        assert!(chunk.iter().all(|&p| p == chunk[0]), "{chunk:?}");
    }
    assert!(runs(&parts).iter().all(|r| r % 10 == 0));
    assert!(
        runs(&parts).contains(&10),
        "switches after batch.size bytes, not 2 x: {:?}",
        runs(&parts)
    );
}

#[test]
fn built_in_fast_producer_with_incomplete_batches_switches_at_twice_batch_size() {
    // 300-byte records into 1000-byte batches with a long linger: a batch closes at 900 bytes when the
    // next record does not fit, and the new last batch is never full, so allBatchesFull stays false
    // before and after every append; only the 2 × batch.size cap (BuiltInPartitioner.updatePartitionInfo)
    // moves the sticky partition: after the 7th record, 2100 bytes.
    let mut spec = ProducerSpec::new("p", "t", 1000);
    spec.record_bytes = 300;
    spec.batch_size = 1000;
    spec.linger_ms = 1000;
    spec.adaptive_partitioning = false;
    // Records still lingering at the end are flushed, so every produced record is counted.
    let topic = Topic::new(&TopicSpec::new("t", 8));
    let mut keys = KeyTable::default();
    let mut p = Producer::new(&spec, 0, &mut keys, Rng::new(1));
    let mut sent = Vec::new();
    for now in 0..399 {
        p.tick(now, &topic, &keys, &mut sent);
    }
    p.flush(&mut sent);
    sent.sort_by_key(|o| o.sequence);
    let parts: Vec<u32> = sent.iter().map(|o| o.partition).collect();
    assert_eq!(parts.len(), 399);
    for chunk in parts.chunks(7) {
        assert!(chunk.iter().all(|&p| p == chunk[0]), "{chunk:?}");
    }
    assert!(
        runs(&parts).iter().all(|r| r % 7 == 0),
        "{:?}",
        runs(&parts)
    );
}

#[test]
fn adaptive_weights_follow_queue_lengths_once_every_partition_has_a_queue() {
    // 100 records per ms into 1-record batches with a long linger: every batch is full at once, so the
    // sticky partition's queue is long at each sender pass and the weights steer away from it.
    let mut spec = ProducerSpec::new("p", "t", 100_000);
    spec.record_bytes = 100;
    spec.batch_size = 100;
    spec.linger_ms = 1000;
    let topic = Topic::new(&TopicSpec::new("t", 4));
    let mut keys = KeyTable::default();
    let mut p = Producer::new(&spec, 0, &mut keys, Rng::new(3));
    let mut saw_weights = false;
    for now in 0..50 {
        let mut out = Vec::new();
        p.tick(now, &topic, &keys, &mut out);
        assert_eq!(out.len(), 100, "full batches leave in the same millisecond");
        saw_weights |= p.partitioner().adaptive_cumulative_weights().is_some();
    }
    assert!(saw_weights, "unequal queues give an adaptive table");
}

#[test]
fn round_robin_ignores_keys_and_uniform_sticky_never_repeats_a_partition() {
    let mut spec = ProducerSpec::new("p", "t", 1000);
    spec.keys = KeySpec {
        kind: KeyKind::Fixed,
        values: vec!["k".into()],
    };
    spec.partitioner = PartitionerKind::RoundRobin;
    let parts: Vec<u32> = run(&spec, 3, 7).iter().map(|(_, o)| o.partition).collect();
    assert_eq!(parts, vec![0, 1, 2, 0, 1, 2, 0]);
    let mut spec = ProducerSpec::new("p", "t", 1000);
    spec.partitioner = PartitionerKind::UniformSticky;
    spec.keys = KeySpec {
        kind: KeyKind::Fixed,
        values: vec!["k".into()],
    };
    spec.batch_size = 100;
    let parts = partitions_of(&spec, 3, 300);
    assert!(
        parts.windows(2).all(|w| w[0] != w[1]),
        "one record per batch, never the same partition twice, keys ignored"
    );
}

#[test]
fn round_robin_kafka_3_8_burns_a_counter_value_per_new_batch() {
    let mut spec = ProducerSpec::new("p", "t", 1000);
    spec.partitioner = PartitionerKind::RoundRobinKafka38;
    // linger.ms 0 and 1 record per ms: every record opens a batch, so every other partition stays empty.
    assert_eq!(partitions_of(&spec, 4, 6), vec![1, 3, 1, 3, 1, 3]);
    // Several records per ms: a value is burnt only when the first choice has no room. The third record's
    // first choice, 0, has no batch, so it burns 0 and joins partition 1's open batch (room for 2 records).
    spec.rate_per_s = 3000;
    spec.batch_size = 200;
    spec.record_bytes = 100;
    assert_eq!(partitions_of(&spec, 4, 1), vec![1, 3, 1]);
}

#[test]
fn sticky_legacy_hashes_keys_and_moves_null_keys_on_each_new_batch() {
    let mut spec = ProducerSpec::new("p", "t", 1000);
    spec.partitioner = PartitionerKind::StickyLegacy;
    spec.batch_size = 300;
    spec.linger_ms = 100;
    let parts = partitions_of(&spec, 5, 300);
    // Three 100-byte records per batch; the 4th record opens a new batch on a different partition.
    assert!(runs(&parts).iter().all(|&r| r == 3), "{:?}", runs(&parts));
    spec.keys = KeySpec {
        kind: KeyKind::Fixed,
        values: vec!["foobar".into()],
    };
    let want = ((-790332482i32 & 0x7fff_ffff) as u32) % 5;
    assert!(partitions_of(&spec, 5, 50).iter().all(|&p| p == want));
}

#[test]
fn linger_holds_records_until_the_batch_is_full_or_linger_passes() {
    let mut spec = ProducerSpec::new("p", "t", 100);
    spec.partition = Some(0);
    spec.linger_ms = 50;
    spec.record_bytes = 100;
    spec.batch_size = 1_000_000;
    let sent = run(&spec, 1, 200);
    // One record every 10 ms; a batch opens at the first record and closes 50 ms later.
    let times: alloc::collections::BTreeSet<u64> = sent.iter().map(|(t, _)| *t).collect();
    assert_eq!(times.into_iter().collect::<Vec<_>>(), vec![59, 119, 179]);
    spec.batch_size = 300;
    let sent = run(&spec, 1, 200);
    assert_eq!(
        sent.first().map(|(t, _)| *t),
        Some(29),
        "three 100-byte records fill the batch"
    );
}
