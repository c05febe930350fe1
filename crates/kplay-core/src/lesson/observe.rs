//! What the measures need from the trace rather than from a snapshot: which partitions each key went to, and
//! whether a group processed records (of one key, or of all) in the order they were produced.

use crate::sim::{Event, EventKind};
use alloc::collections::BTreeMap;
use alloc::string::String;

/// One map type for every table (one BTreeMap instance in the wasm): a triple of numbers to a number.
type Table = BTreeMap<(u32, u32, u64), u64>;

/// The key of a record without one.
const NO_KEY: u64 = u64::MAX;
/// The topic slot of the group's latest record of any topic and key.
const ANY: u32 = u32::MAX;

/// Follows a world's events from its start (the runner feeds it every event it drains).
#[derive(Clone, Debug, Default)]
pub(crate) struct Observer {
    /// Interned names: topics, keys and groups share one table.
    names: BTreeMap<String, u32>,
    /// (topic, key, partition) → 1: the partitions each key was written to.
    key_parts: Table,
    /// (topic, partition, offset) → production sequence number (from 1).
    produced: Table,
    /// (0, 0, sequence number) → key, or `NO_KEY`: one entry per record produced, in trace order.
    key_of: Table,
    /// (group, topic, key) → highest production sequence number of the key the group processed;
    /// (group, `ANY`, 0) → highest of any record.
    latest: Table,
    /// (group, 0, 0) → first deliveries processed after a later record of the same key;
    /// (group, 1, 0) → after a later record of any key.
    late: Table,
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
                key,
                ..
            } => {
                let t = self.id(topic);
                let k = key.as_deref().map_or(NO_KEY, |k| u64::from(self.id(k)));
                if k != NO_KEY {
                    self.key_parts
                        .insert((t, k as u32, u64::from(*partition)), 1);
                }
                let seq = self.key_of.len() as u64 + 1;
                self.key_of.insert((0, 0, seq), k);
                self.produced.insert((t, *partition, *offset), seq);
            }
            EventKind::Processed {
                group,
                topic,
                partition,
                offset,
                duplicate: false,
                ..
            } => {
                let (g, t) = (self.id(group), self.id(topic));
                let Some(&seq) = self.produced.get(&(t, *partition, *offset)) else {
                    return;
                };
                let k = self.key_of.get(&(0, 0, seq)).copied().unwrap_or(NO_KEY);
                // The key's own order (keyed records only), then the order of everything the group read.
                for (slot, kind) in [((t, k), 0), ((ANY, 0), 1)] {
                    if kind == 0 && k == NO_KEY {
                        continue;
                    }
                    let latest = self.latest.entry((g, slot.0, slot.1)).or_insert(0);
                    if seq < *latest {
                        *self.late.entry((g, kind, 0)).or_insert(0) += 1;
                    } else {
                        *latest = seq;
                    }
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
        // Entries are sorted by (topic, key, partition): count keys with a second partition.
        let mut split = 0;
        let mut last = None;
        let mut counted = false;
        for &(_, k, _) in self
            .key_parts
            .range((t, 0, 0)..(t + 1, 0, 0))
            .map(|(x, _)| x)
        {
            if last == Some(k) {
                if !counted {
                    split += 1;
                    counted = true;
                }
            } else {
                last = Some(k);
                counted = false;
            }
        }
        split
    }

    /// First deliveries `group` processed after a later record of the same key.
    pub(crate) fn out_of_order(&self, group: &str) -> u64 {
        self.late_count(group, 0)
    }

    /// First deliveries `group` processed after a record produced later (any key, any topic): how far its
    /// processing order is from the one total order the records were produced in.
    pub(crate) fn order_inversions(&self, group: &str) -> u64 {
        self.late_count(group, 1)
    }

    fn late_count(&self, group: &str, kind: u32) -> u64 {
        self.known(group)
            .and_then(|g| self.late.get(&(g, kind, 0)).copied())
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
        // Against the total order: p0/1 (3rd produced) after p2/0 (4th), p1/0 (2nd) after both.
        assert_eq!(o.order_inversions("g"), 2);
        assert_eq!(o.order_inversions("h"), 0);
    }

    /// Drops the key of a produced or processed event.
    fn unkeyed(mut e: Event) -> Event {
        match &mut e.kind {
            EventKind::Produced { key, .. } | EventKind::Processed { key, .. } => *key = None,
            _ => {}
        }
        e
    }

    #[test]
    fn order_inversions_count_records_of_any_key_processed_after_a_later_one() {
        let mut o = Observer::default();
        // Produced in this order: p0/0, p1/0, p0/1 (all without a key), then p1/1 keyed "a".
        for e in [
            unkeyed(produced(0, 0, "")),
            unkeyed(produced(1, 0, "")),
            unkeyed(produced(0, 1, "")),
            produced(1, 1, "a"),
        ] {
            o.see(&e);
        }
        // p1 runs ahead of p0: p0/0 and p0/1 come after p1/1 (the 4th produced); a redelivery is no first.
        for e in [
            unkeyed(processed(1, 0, "", false)),
            processed(1, 1, "a", false),
            unkeyed(processed(0, 0, "", false)),
            unkeyed(processed(0, 1, "", false)),
            unkeyed(processed(1, 0, "", true)),
        ] {
            o.see(&e);
        }
        assert_eq!(o.order_inversions("g"), 2);
        assert_ne!(o.order_inversions("g"), 1, "a wrong expectation fails");
        // Unkeyed records have no key order to break and split no key.
        assert_eq!((o.out_of_order("g"), o.keys_split("t")), (0, 0));
    }
}
