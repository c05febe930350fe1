//! A topic: its partition logs plus the interned key table shared by the world.

use crate::log::{KeyId, LogConfig, PartitionLog};
use crate::scenario::{Cleanup, TopicSpec};
use alloc::string::String;
use alloc::vec::Vec;

#[derive(Clone, Debug)]
pub(crate) struct Topic {
    pub spec: TopicSpec,
    pub cfg: LogConfig,
    pub logs: Vec<PartitionLog>,
    /// Deleted (DeleteTopics): the slot stays so topic indices in `Tp`s remain valid; its logs are gone and
    /// name lookups skip it. A topic created later under the same name gets a new slot.
    pub removed: bool,
    /// With brokers: the partitions that have a leader, ascending (what the producer's metadata calls
    /// available; null-key partitioners pick only among them). `None` without brokers: all are.
    #[cfg(feature = "brokers")]
    pub available: Option<Vec<u32>>,
    /// With brokers: the partitions whose leader is running, ascending. A consumer fetches only from these:
    /// Kafka's fetcher skips a partition with no known leader, and one whose leader's node it cannot reach
    /// (AbstractFetch.prepareFetchRequests), so a crashed leader that is not fenced yet serves nothing either.
    /// `None` without brokers: all are.
    #[cfg(feature = "brokers")]
    pub fetchable: Option<Vec<u32>>,
}

impl Topic {
    pub fn new(spec: &TopicSpec) -> Self {
        let cfg = LogConfig {
            retention_ms: spec.retention_ms,
            retention_bytes: spec.retention_bytes,
            segment_ms: spec.segment_ms,
            segment_bytes: spec.segment_bytes,
            compact: spec.cleanup != Cleanup::Delete,
            also_delete: spec.cleanup == Cleanup::CompactDelete,
            // Validation holds it to 0..=1; the fallback is Kafka's default.
            min_cleanable_millionths: spec
                .min_cleanable_dirty_ratio
                .valid()
                .unwrap_or(crate::scenario::MIN_CLEANABLE_DIRTY_RATIO_MILLIONTHS),
            min_compaction_lag_ms: spec.min_compaction_lag_ms,
            max_compaction_lag_ms: spec.max_compaction_lag_ms,
            delete_retention_ms: spec.delete_retention_ms,
        };
        Topic {
            spec: spec.clone(),
            cfg,
            logs: (0..spec.partitions)
                .map(|p| initial_log(spec, &cfg, p))
                .collect(),
            removed: false,
            #[cfg(feature = "brokers")]
            available: None,
            #[cfg(feature = "brokers")]
            fetchable: None,
        }
    }

    /// Whether a consumer can fetch from partition `p` now (always without brokers).
    #[cfg_attr(not(feature = "brokers"), allow(unused_variables))]
    pub fn is_fetchable(&self, p: u32) -> bool {
        #[cfg(feature = "brokers")]
        if let Some(f) = &self.fetchable {
            // Ascending and distinct: while every partition up to `p` is fetchable, `p` sits at index `p`.
            return f.get(p as usize) == Some(&p) || f.binary_search(&p).is_ok();
        }
        true
    }

    /// The index of the live topic called `name`.
    pub fn find(topics: &[Topic], name: &str) -> Option<usize> {
        topics
            .iter()
            .position(|t| !t.removed && t.spec.name == name)
    }

    /// The name as metadata shows it: a deleted topic has none (an empty name never matches a valid one).
    pub fn live_name(&self) -> &str {
        if self.removed {
            ""
        } else {
            &self.spec.name
        }
    }

    pub fn partition_count(&self) -> u32 {
        self.logs.len() as u32
    }

    /// Partitions only grow, as in Kafka.
    pub fn grow_to(&mut self, partitions: u32) {
        while self.partition_count() < partitions {
            self.logs.push(PartitionLog::default());
        }
        self.spec.partitions = self.partition_count();
    }
}

/// Partition `p`'s log at time 0: where the scenario says it starts (an imported cluster), else empty at 0.
#[cfg(feature = "import")]
fn initial_log(spec: &TopicSpec, cfg: &LogConfig, p: u32) -> PartitionLog {
    match spec.initial_logs.iter().find(|l| l.partition == p) {
        Some(l) => {
            let size = crate::scenario::RECORD_BYTES;
            PartitionLog::starting_at(cfg, 0, l.log_start, l.log_end, size)
        }
        None => PartitionLog::default(),
    }
}

#[cfg(not(feature = "import"))]
fn initial_log(_: &TopicSpec, _: &LogConfig, _: u32) -> PartitionLog {
    PartitionLog::default()
}

/// Keys are interned once so a retained record stores a 4-byte id instead of a string.
#[derive(Clone, Debug, Default)]
pub(crate) struct KeyTable {
    names: Vec<String>,
    /// Ids sorted by name, searched by binary search: a `BTreeMap<String, KeyId>` was a tree instance of its own
    /// in the wasm bundle, and a key is inserted only the first time it is seen.
    index: Vec<KeyId>,
}

impl KeyTable {
    pub fn intern(&mut self, key: &str) -> KeyId {
        let names = &self.names;
        match self
            .index
            .binary_search_by(|&id| names[id as usize].as_str().cmp(key))
        {
            Ok(i) => self.index[i],
            Err(i) => {
                let id = self.names.len() as KeyId;
                self.names.push(key.into());
                self.index.insert(i, id);
                id
            }
        }
    }

    pub fn name(&self, id: KeyId) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }
}

/// The names of topic-partitions, as the trace prints them.
pub(crate) fn tp_names(topics: &[Topic], tps: &[crate::offsets::Tp]) -> Vec<(String, u32)> {
    tps.iter()
        .map(|&(t, p)| {
            (
                topics
                    .get(t as usize)
                    .map_or(String::new(), |x| x.spec.name.clone()),
                p,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::KeyTable;
    use alloc::collections::BTreeMap;
    use alloc::format;
    use alloc::string::String;

    #[test]
    fn interning_gives_first_seen_ids_like_a_map() {
        let mut t = KeyTable::default();
        let mut b: BTreeMap<String, u32> = BTreeMap::new();
        let mut x: u32 = 5;
        for _ in 0..3000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let key = format!("k{}", (x >> 10) % 400);
            let next = b.len() as u32;
            let want = *b.entry(key.clone()).or_insert(next);
            assert_eq!(t.intern(&key), want);
            assert_eq!(t.name(want), key);
        }
    }
}
