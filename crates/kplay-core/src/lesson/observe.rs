//! What the measures need from the trace rather than from a snapshot: which partitions each key went to, and
//! whether a group processed a key's records in the order they were produced.

use crate::sim::{Event, EventKind};
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

/// Follows a world's events from its start (the runner feeds it every event it drains).
#[derive(Clone, Debug, Default)]
pub(crate) struct Observer {
    /// Interned names: topics, keys and groups share one table.
    names: BTreeMap<String, u32>,
    /// (topic, key) → the partitions the key was written to.
    key_parts: BTreeMap<(u32, u32), Vec<u32>>,
    /// (topic, partition, offset) → (key, production sequence number).
    produced: BTreeMap<(u32, u32, u64), (u32, u64)>,
    seq: u64,
    /// (group, topic, key) → highest production sequence number of the key the group processed.
    latest: BTreeMap<(u32, u32, u32), u64>,
    /// group → first deliveries processed after a later record of the same key.
    out_of_order: BTreeMap<u32, u64>,
}

impl Observer {
    fn id(&mut self, name: &str) -> u32 {
        let next = self.names.len() as u32;
        *self.names.entry(name.into()).or_insert(next)
    }

    fn known(&self, name: &str) -> Option<u32> {
        self.names.get(name).copied()
    }

    /// Takes in one event.
    pub(crate) fn see(&mut self, e: &Event) {
        match &e.kind {
            EventKind::Produced {
                topic,
                partition,
                offset,
                key: Some(key),
                ..
            } => {
                let (t, k) = (self.id(topic), self.id(key));
                let parts = self.key_parts.entry((t, k)).or_default();
                if !parts.contains(partition) {
                    parts.push(*partition);
                }
                self.seq += 1;
                self.produced
                    .insert((t, *partition, *offset), (k, self.seq));
            }
            EventKind::Processed {
                group,
                topic,
                partition,
                offset,
                key: Some(_),
                duplicate: false,
                ..
            } => {
                let (g, t) = (self.id(group), self.id(topic));
                let Some(&(k, seq)) = self.produced.get(&(t, *partition, *offset)) else {
                    return;
                };
                let latest = self.latest.entry((g, t, k)).or_insert(0);
                if seq < *latest {
                    *self.out_of_order.entry(g).or_insert(0) += 1;
                } else {
                    *latest = seq;
                }
            }
            _ => {}
        }
    }

    /// Keys written to more than one partition of `topic`.
    pub(crate) fn keys_split(&self, topic: &str) -> u64 {
        let Some(t) = self.known(topic) else {
            return 0;
        };
        self.key_parts
            .iter()
            .filter(|((tt, _), parts)| *tt == t && parts.len() > 1)
            .count() as u64
    }

    /// First deliveries `group` processed after a later record of the same key.
    pub(crate) fn out_of_order(&self, group: &str) -> u64 {
        self.known(group)
            .and_then(|g| self.out_of_order.get(&g).copied())
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn produced(partition: u32, offset: u64, key: &str) -> Event {
        Event {
            t_ms: 0,
            kind: EventKind::Produced {
                topic: "t".into(),
                partition,
                offset,
                key: Some(key.into()),
                producer: "p".into(),
                tombstone: false,
            },
        }
    }

    fn processed(partition: u32, offset: u64, key: &str, duplicate: bool) -> Event {
        Event {
            t_ms: 0,
            kind: EventKind::Processed {
                group: "g".into(),
                member: "m".into(),
                instance: "i".into(),
                thread: 0,
                topic: "t".into(),
                partition,
                offset,
                key: Some(key.to_string()),
                duplicate,
            },
        }
    }

    #[test]
    fn a_key_moved_to_a_new_partition_is_split_and_can_be_processed_out_of_order() {
        let mut o = Observer::default();
        // "a" at p0 offsets 0, 1; after partitions were added, "a" at p2 offset 0; "b" stays on p1.
        for e in [
            produced(0, 0, "a"),
            produced(1, 0, "b"),
            produced(0, 1, "a"),
            produced(2, 0, "a"),
            produced(1, 1, "b"),
        ] {
            o.see(&e);
        }
        assert_eq!(o.keys_split("t"), 1);
        assert_eq!(o.keys_split("other"), 0);
        // The new partition's record is processed before p0's offset 1 (produced earlier): one out of order.
        for e in [
            processed(0, 0, "a", false),
            processed(2, 0, "a", false),
            processed(0, 1, "a", false),
            processed(0, 1, "a", true),
            processed(1, 0, "b", false),
            processed(1, 1, "b", false),
        ] {
            o.see(&e);
        }
        assert_eq!(o.out_of_order("g"), 1);
        assert_eq!(o.out_of_order("h"), 0);
    }
}
