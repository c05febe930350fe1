//! Producers: rate (constant or bursty), key choice, partition choice, `batch.size` and `linger.ms`.

use crate::hooks;
use crate::log::KeyId;
use crate::rng::Rng;
use crate::scenario::{KeyKind, ProducerSpec};
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
