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

/// Whether `partition` has a leader in the producer's metadata: always without brokers.
fn has_leader(topic: &Topic, partition: u32) -> bool {
    #[cfg(feature = "brokers")]
    if let Some(a) = &topic.available {
        return a.binary_search(&partition).is_ok();
    }
    let _ = (topic, partition);
    true
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
    /// Its producer id in its topic's replication model (feature `brokers`; 0 without brokers).
    #[cfg(feature = "brokers")]
    pub rep: u64,
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
            #[cfg(feature = "brokers")]
            rep: 0,
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
        (n, t): (u32, &Topic),
        keys: &KeyTable,
    ) {
        let size = u64::from(self.spec.record_bytes);
        let batch_size = u64::from(self.spec.batch_size);
        // With brokers, partitions without a leader are not available (`BuiltInPartitioner.nextPartition` and
        // the legacy partitioners pick among `availablePartitionsForTopic`).
        #[cfg(feature = "brokers")]
        let topic = match &t.available {
            Some(a) => TopicView::with_available(n, &a[..a.partition_point(|&p| p < n)]),
            None => TopicView::all_available(n),
        };
        #[cfg(not(feature = "brokers"))]
        let topic = {
            let _ = t;
            TopicView::all_available(n)
        };
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
            self.place(slot, (sequence, tombstone), now_ms, (n, topic), keys);
        }
        if self.queued > 0 {
            self.send(now_ms, topic, out);
        }
    }

    /// The sender: queue lengths to the partitioner, then every ready front batch to the log.
    fn send(&mut self, now_ms: u64, topic: &Topic, out: &mut Vec<Outgoing>) {
        let batch_size = u64::from(self.spec.batch_size);
        let linger = u64::from(self.spec.linger_ms);
        self.queue_sizes.clear();
        // Kafka only weighs partitions once every one of them has a queue: a missing one could never be chosen.
        if self.queues.iter().all(Option::is_some) {
            self.queue_sizes.extend(
                self.queues
                    .iter()
                    .enumerate()
                    .map(|(p, q)| (p as u32, q.as_ref().map_or(0, |q| q.len() as u32)))
                    // `RecordAccumulator.partitionReady` collects queue sizes of partitions with a leader only.
                    .filter(|&(p, _)| has_leader(topic, p)),
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
            // Each queue emptied by taking it whole (not `drain(..)`ed in a `flat_map`): no drop glue for an
            // optional `Drain` in the wasm bundle.
            let Some(queue) = queue else { continue };
            for b in core::mem::take(queue) {
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
mod tests;
