//! Producers: rate (constant or bursty), key choice, partition choice, `batch.size` and `linger.ms`.

use crate::hooks;
use crate::log::KeyId;
use crate::rng::Rng;
use crate::scenario::{KeyKind, PartitionerKind, ProducerSpec};
use crate::topic::{KeyTable, Topic};
use alloc::vec::Vec;

#[derive(Clone, Debug)]
struct OpenBatch {
    partition: u32,
    first_ms: u64,
    bytes: u64,
    records: Vec<(Option<KeyId>, u32)>,
}

/// A record ready for the log.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Outgoing {
    pub partition: u32,
    pub key: Option<KeyId>,
    pub sequence: u32,
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
    key_partitions: Vec<u32>,
    key_partitions_for: u32,
    next_key: usize,
    sticky: Option<(u32, u64)>,
    round_robin: u32,
    batches: Vec<OpenBatch>,
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
            key_partitions: Vec::new(),
            key_partitions_for: 0,
            next_key: 0,
            sticky: None,
            round_robin: 0,
            batches: Vec::new(),
        }
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

    fn partition_for(&mut self, key: Option<usize>, n_partitions: u32, keys: &KeyTable) -> u32 {
        if let Some(p) = self.spec.partition {
            return p.min(n_partitions - 1);
        }
        if self.spec.partitioner == PartitionerKind::RoundRobin {
            // PARTITIONER-HOOK: RoundRobinPartitioner (per-topic counter; fixed behaviour of KAFKA-17632).
            let p = self.round_robin % n_partitions;
            self.round_robin = self.round_robin.wrapping_add(1);
            return p;
        }
        match key {
            Some(slot) => {
                if self.key_partitions_for != n_partitions {
                    self.key_partitions = self
                        .keys
                        .iter()
                        .map(|&k| hooks::key_partition(keys.name(k).as_bytes(), n_partitions))
                        .collect();
                    self.key_partitions_for = n_partitions;
                }
                self.key_partitions.get(slot).copied().unwrap_or(0)
            }
            None => {
                let size = u64::from(self.spec.record_bytes);
                let current = match self.sticky {
                    Some((p, bytes))
                        if p < n_partitions && bytes < u64::from(self.spec.batch_size) =>
                    {
                        (p, bytes)
                    }
                    Some((previous, _))
                        if self.spec.partitioner == PartitionerKind::UniformSticky
                            && n_partitions > 1 =>
                    {
                        // PARTITIONER-HOOK: KIP-480 never picks the previous partition again.
                        let mut p = hooks::sticky_partition(&mut self.rng, n_partitions - 1);
                        if p >= previous.min(n_partitions - 1) {
                            p += 1;
                        }
                        (p, 0)
                    }
                    _ => (hooks::sticky_partition(&mut self.rng, n_partitions), 0),
                };
                self.sticky = Some((current.0, current.1 + size));
                current.0
            }
        }
    }

    /// Runs one millisecond: decides new records and returns those whose batch closes now, in send order.
    pub fn tick(&mut self, now_ms: u64, topic: &Topic, keys: &KeyTable, out: &mut Vec<Outgoing>) {
        let n_partitions = topic.partition_count();
        let due = self.due_now();
        let size = u64::from(self.spec.record_bytes);
        for _ in 0..due {
            let slot = self.next_key();
            let partition = self.partition_for(slot, n_partitions, keys);
            let key = slot.map(|s| self.keys[s]);
            let sequence = self.sequence;
            self.sequence = self.sequence.wrapping_add(1);
            if self.spec.linger_ms == 0 {
                out.push(Outgoing {
                    partition,
                    key,
                    sequence,
                });
                continue;
            }
            let batch = match self.batches.iter().position(|b| b.partition == partition) {
                Some(i) => &mut self.batches[i],
                None => {
                    self.batches.push(OpenBatch {
                        partition,
                        first_ms: now_ms,
                        bytes: 0,
                        records: Vec::new(),
                    });
                    let last = self.batches.len() - 1;
                    &mut self.batches[last]
                }
            };
            batch.bytes += size;
            batch.records.push((key, sequence));
        }
        let batch_size = u64::from(self.spec.batch_size);
        let linger = u64::from(self.spec.linger_ms);
        let mut i = 0;
        while i < self.batches.len() {
            let b = &self.batches[i];
            if b.bytes >= batch_size || now_ms >= b.first_ms + linger {
                let b = self.batches.remove(i);
                out.extend(b.records.into_iter().map(|(key, sequence)| Outgoing {
                    partition: b.partition,
                    key,
                    sequence,
                }));
            } else {
                i += 1;
            }
        }
    }

    /// Everything still lingering (on removal).
    pub fn flush(&mut self, out: &mut Vec<Outgoing>) {
        for b in self.batches.drain(..) {
            out.extend(b.records.into_iter().map(|(key, sequence)| Outgoing {
                partition: b.partition,
                key,
                sequence,
            }));
        }
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

    #[test]
    fn null_keys_stick_to_a_partition_for_batch_size_bytes() {
        let mut spec = ProducerSpec::new("p", "t", 1000);
        spec.record_bytes = 100;
        spec.batch_size = 1000;
        let sent = run(&spec, 8, 100);
        for chunk in sent.chunks(10) {
            assert!(
                chunk
                    .iter()
                    .all(|(_, o)| o.partition == chunk[0].1.partition),
                "10 records of 100 B per batch"
            );
        }
        let distinct: alloc::collections::BTreeSet<u32> =
            sent.iter().map(|(_, o)| o.partition).collect();
        assert!(
            distinct.len() > 1,
            "a new sticky partition is drawn after each batch"
        );
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
        spec.batch_size = 100;
        let parts: Vec<u32> = run(&spec, 3, 300)
            .iter()
            .map(|(_, o)| o.partition)
            .collect();
        assert!(
            parts.windows(2).all(|w| w[0] != w[1]),
            "one record per batch, never the same partition twice"
        );
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
