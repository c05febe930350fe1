//! Producers: rate (constant or bursty), key choice, partition choice through [`crate::partitioner`], and a
//! record accumulator with `batch.size` and `linger.ms`.
//!
//! The accumulator keeps, per partition, a queue of batches as Kafka's `RecordAccumulator` does: a record goes
//! into the last batch of its partition if it fits (`bytes + record ≤ batch.size`, or the batch is empty),
//! otherwise it opens a new one. Once per millisecond, after the producer's appends, the sender looks at every
//! queue: it reports the queue lengths to the partitioner (adaptive partitioning, only once every partition has
//! had a queue, as Kafka does) and then sends each front batch that is ready — full (`bytes ≥ batch.size` or a
//! later batch exists) or waited `linger.ms`. The network has no latency, so a ready batch reaches the log in
//! the same millisecond.

use crate::log::KeyId;
use crate::partitioner::{
    Partitioner, PartitionerConfig, PartitionerKind as Kind, Placement, ProducerRecord, TopicView,
};
use crate::rng::Rng;
use crate::scenario::{KeyKind, PartitionerKind, ProducerSpec};
use crate::topic::{KeyTable, Topic};
use alloc::collections::VecDeque;
use alloc::vec::Vec;

#[derive(Clone, Debug)]
struct Batch {
    created_ms: u64,
    bytes: u64,
    /// `(key, sequence, tombstone)` per record.
    records: Vec<(Option<KeyId>, u32, bool)>,
}

/// One partition's queue; `Some` once a record was ever appended there (Kafka creates the deque lazily and
/// keeps it).
type Queue = Option<VecDeque<Batch>>;

/// The accumulator as the partitioner sees it while placing one record of `size` bytes.
struct Accumulator<'a> {
    queues: &'a [Queue],
    batch_size: u64,
    size: u64,
}

impl crate::partitioner::BatchState for Accumulator<'_> {
    fn needs_new_batch(&self, partition: u32) -> bool {
        Producer::needs_new_batch(self.queues, self.batch_size, self.size, partition)
    }

    fn all_batches_full(&self, partition: u32) -> bool {
        Producer::all_full(self.queues, self.batch_size, partition)
    }
}

/// A record ready for the log.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Outgoing {
    pub partition: u32,
    pub key: Option<KeyId>,
    pub sequence: u32,
    /// The value is null.
    pub tombstone: bool,
}

/// The partitioner settings a producer spec stands for.
pub(crate) fn partitioner_config(spec: &ProducerSpec) -> PartitionerConfig {
    let (kind, ignore_keys) = match spec.partitioner {
        PartitionerKind::Default => (Kind::BuiltIn, spec.ignore_keys),
        PartitionerKind::StickyLegacy => (Kind::LegacySticky, spec.ignore_keys),
        // UniformStickyPartitioner is the KIP-480 path with keys ignored.
        PartitionerKind::UniformSticky => (Kind::LegacySticky, true),
        PartitionerKind::RoundRobin => (
            Kind::RoundRobin {
                burn_on_new_batch: false,
            },
            spec.ignore_keys,
        ),
        PartitionerKind::RoundRobinKafka38 => (
            Kind::RoundRobin {
                burn_on_new_batch: true,
            },
            spec.ignore_keys,
        ),
    };
    PartitionerConfig {
        kind,
        ignore_keys,
        batch_size: spec.batch_size.max(1),
        adaptive: spec.adaptive_partitioning,
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Producer {
    pub spec: ProducerSpec,
    pub topic: usize,
    pub paused: bool,
    pub produced: u64,
    rng: Rng,
    active_ms: u64,
    clock_ms: u64,
    sequence: u32,
    keys: Vec<KeyId>,
    next_key: usize,
    partitioner: Partitioner,
    queues: Vec<Queue>,
    /// Records waiting in `queues` (lets an idle producer skip the sender pass).
    queued: usize,
    queue_sizes: Vec<(u32, u32)>,
    /// murmur2 partition per key slot for `key_partitions_for` partitions (built-in partitioner only, where a
    /// keyed record's partition is the hash and nothing else).
    key_partitions: Vec<u32>,
    key_partitions_for: u32,
    /// Emptied record buffers of sent batches, reused for new ones (a busy producer opens hundreds per second).
    spare: Vec<Vec<(Option<KeyId>, u32, bool)>>,
    /// The topic's partition count in the producer's cached metadata (0 before the first fetch).
    known_partitions: u32,
    /// When the cached metadata expires (`metadata.max.age.ms` after the last refresh).
    metadata_expires_ms: u64,
}

impl Producer {
    pub fn new(spec: &ProducerSpec, topic: usize, keys: &mut KeyTable, rng: Rng) -> Self {
        Producer {
            spec: spec.clone(),
            topic,
            paused: spec.paused,
            produced: 0,
            rng,
            active_ms: 0,
            clock_ms: 0,
            sequence: 0,
            keys: spec.keys.values.iter().map(|k| keys.intern(k)).collect(),
            next_key: 0,
            partitioner: Partitioner::new(partitioner_config(spec)),
            queues: Vec::new(),
            queued: 0,
            queue_sizes: Vec::new(),
            key_partitions: Vec::new(),
            key_partitions_for: 0,
            spare: Vec::new(),
            known_partitions: 0,
            metadata_expires_ms: 0,
        }
    }

    /// The partition count the producer partitions over: its cached metadata's, refreshed when it is older than
    /// `metadata.max.age.ms` (Kafka's `Metadata.timeToNextUpdate`; the sender refreshes it whether or not records
    /// flow), or at once when a record names a partition the cache does not know (`KafkaProducer.waitOnMetadata`
    /// blocks for a refresh). The network has no latency, so a refresh lands in the same millisecond.
    fn partition_count(&mut self, now_ms: u64, topic: &Topic, sending: bool) -> u32 {
        let actual = topic.partition_count();
        let unknown_explicit = sending
            && self
                .spec
                .partition
                .is_some_and(|p| p >= self.known_partitions && p < actual);
        if self.known_partitions == 0 || now_ms >= self.metadata_expires_ms || unknown_explicit {
            self.known_partitions = actual;
            self.metadata_expires_ms = now_ms.saturating_add(self.spec.metadata_max_age_ms.into());
        }
        self.known_partitions.min(actual)
    }

    /// The topic's partition count as this producer's metadata knows it (see `metadata.max.age.ms`).
    pub fn known_partitions(&self) -> u32 {
        self.known_partitions
    }

    /// Records due this millisecond: the cumulative count `floor(active_ms × rate / 1000)` makes any split of
    /// time give the same records.
    fn due_now(&mut self) -> u64 {
        if self.paused {
            return 0;
        }
        let phase_on = match self.spec.burst {
            None => true,
            Some(b) => self.clock_ms % u64::from(b.on_ms + b.off_ms) < u64::from(b.on_ms),
        };
        self.clock_ms += 1;
        if !phase_on {
            return 0;
        }
        let rate = u128::from(self.spec.rate_per_s);
        let before = (u128::from(self.active_ms) * rate / 1000) as u64;
        self.active_ms += 1;
        let after = (u128::from(self.active_ms) * rate / 1000) as u64;
        after - before
    }

    /// The slot (index into the key values) of the next record's key, `None` for a null key.
    fn next_key(&mut self) -> Option<usize> {
        let n = self.keys.len();
        match self.spec.keys.kind {
            KeyKind::None => None,
            _ if n == 0 => None,
            KeyKind::Fixed => Some(0),
            KeyKind::Cycle => {
                let k = self.next_key % n;
                self.next_key = (self.next_key + 1) % n;
                Some(k)
            }
            KeyKind::Random => Some(self.rng.below(n as u32) as usize),
        }
    }

    /// Whether a record of `size` bytes would open a new batch on `partition` (Kafka's `hasRoomFor`).
    fn needs_new_batch(queues: &[Queue], batch_size: u64, size: u64, partition: u32) -> bool {
        match queues
            .get(partition as usize)
            .and_then(|q| q.as_ref()?.back())
        {
            None => true,
            Some(b) => !b.records.is_empty() && b.bytes + size > batch_size,
        }
    }

    fn is_full(b: &Batch, batch_size: u64) -> bool {
        !b.records.is_empty() && b.bytes >= batch_size
    }

    /// Kafka's `allBatchesFull`: the last queued batch of `partition` is full, or it has none (never created,
    /// or drained by the sender).
    fn all_full(queues: &[Queue], batch_size: u64, partition: u32) -> bool {
        queues
            .get(partition as usize)
            .and_then(|q| q.as_ref()?.back())
            .is_none_or(|b| Self::is_full(b, batch_size))
    }

    /// Places one record: asks the partitioner, appends to the accumulator and reports the append back.
    fn place(
        &mut self,
        slot: Option<usize>,
        (sequence, tombstone): (u32, bool),
        now_ms: u64,
        n: u32,
        keys: &KeyTable,
    ) {
        let size = u64::from(self.spec.record_bytes);
        let batch_size = u64::from(self.spec.batch_size);
        let topic = TopicView::all_available(n);
        let key = slot.map(|s| self.keys[s]);
        let mut record = ProducerRecord {
            key: key.map(|k| keys.name(k).as_bytes()),
            partition: self.spec.partition.map(|p| p.min(n - 1)),
        };
        let config = self.partitioner.config();
        if let (Some(slot), None, Kind::BuiltIn, false) =
            (slot, record.partition, config.kind, config.ignore_keys)
        {
            // Same outcome as hashing in the partitioner (keyed records never touch its state), minus the
            // per-record murmur2.
            if self.key_partitions_for != n {
                self.key_partitions = self
                    .keys
                    .iter()
                    .map(|&k| crate::hash::partition_for_key(keys.name(k).as_bytes(), n))
                    .collect();
                self.key_partitions_for = n;
            }
            record.partition = self.key_partitions.get(slot).copied();
        }
        let batches = Accumulator {
            queues: &self.queues,
            batch_size,
            size,
        };
        let placement = match self
            .partitioner
            .partition(&record, &topic, &batches, &mut self.rng)
        {
            Ok(p) => p,
            // Unreachable: the topic has partitions and explicit ones are clamped above.
            Err(_) => Placement {
                partition: 0,
                sticky: false,
            },
        };
        let p = placement.partition as usize;
        let opens = Self::needs_new_batch(&self.queues, batch_size, size, placement.partition);
        let queue = self.queues[p].get_or_insert_with(VecDeque::new);
        if opens {
            queue.push_back(Batch {
                created_ms: now_ms,
                bytes: 0,
                records: self.spare.pop().unwrap_or_default(),
            });
        }
        let all_full = match queue.back_mut() {
            Some(batch) => {
                batch.bytes += size;
                batch.records.push((key, sequence, tombstone));
                Self::is_full(batch, batch_size)
            }
            None => true,
        };
        self.queued += 1;
        self.partitioner.on_appended(
            placement,
            self.spec.record_bytes,
            all_full,
            &topic,
            &mut self.rng,
        );
    }

    /// Runs one millisecond: decides new records, then the sender pass; returns the records of the batches
    /// sent now, in send order.
    pub fn tick(&mut self, now_ms: u64, topic: &Topic, keys: &KeyTable, out: &mut Vec<Outgoing>) {
        let due = self.due_now();
        let n = self.partition_count(now_ms, topic, due > 0);
        if self.queues.len() < n as usize {
            self.queues.resize(n as usize, None);
        }
        for _ in 0..due {
            let slot = self.next_key();
            let sequence = self.sequence;
            self.sequence = self.sequence.wrapping_add(1);
            // No draw at 0 %: scenarios without tombstones keep their random stream, hence their traces.
            let pct = self.spec.tombstone_percent;
            let tombstone = pct > 0 && self.rng.below(100) < u32::from(pct);
            self.place(slot, (sequence, tombstone), now_ms, n, keys);
        }
        if self.queued > 0 {
            self.send(now_ms, out);
        }
    }

    /// The sender: queue lengths to the partitioner, then every ready front batch to the log.
    fn send(&mut self, now_ms: u64, out: &mut Vec<Outgoing>) {
        let batch_size = u64::from(self.spec.batch_size);
        let linger = u64::from(self.spec.linger_ms);
        self.queue_sizes.clear();
        // Kafka only weighs partitions once every one of them has a queue: a missing one could never be chosen.
        if self.queues.iter().all(Option::is_some) {
            self.queue_sizes.extend(
                self.queues
                    .iter()
                    .enumerate()
                    .map(|(p, q)| (p as u32, q.as_ref().map_or(0, |q| q.len() as u32))),
            );
        }
        self.partitioner.update_queue_sizes(&self.queue_sizes);
        for (p, queue) in self.queues.iter_mut().enumerate() {
            let Some(queue) = queue else { continue };
            while let Some(front) = queue.front() {
                let ready = queue.len() > 1
                    || Self::is_full(front, batch_size)
                    || now_ms >= front.created_ms + linger;
                if !ready {
                    break;
                }
                let Some(mut batch) = queue.pop_front() else {
                    break;
                };
                self.queued -= batch.records.len();
                out.extend(
                    batch
                        .records
                        .drain(..)
                        .map(|(key, sequence, tombstone)| Outgoing {
                            partition: p as u32,
                            key,
                            sequence,
                            tombstone,
                        }),
                );
                self.spare.push(batch.records);
            }
        }
    }

    /// Everything still lingering (on removal).
    pub fn flush(&mut self, out: &mut Vec<Outgoing>) {
        for (p, queue) in self.queues.iter_mut().enumerate() {
            for b in queue.iter_mut().flat_map(|q| q.drain(..)) {
                out.extend(
                    b.records
                        .into_iter()
                        .map(|(key, sequence, tombstone)| Outgoing {
                            partition: p as u32,
                            key,
                            sequence,
                            tombstone,
                        }),
                );
            }
        }
        self.queued = 0;
    }

    /// The partitioner's state (tests and the adaptive-weights view).
    #[cfg(test)]
    pub fn partitioner(&self) -> &Partitioner {
        &self.partitioner
    }
}

#[cfg(test)]
mod tests {
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
}
