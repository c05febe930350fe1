//! The group, indexed by integers, and Kafka's first pass over it (`allSubscriptionsEqual`): which path to
//! take and which claimed partitions each member may keep.
//!
//! Topics are numbered by their rank in Java string order, so a partition id `offset[topic] + partition` sorts
//! exactly like Kafka's "by topic, then partition". Members keep their input index; `hash_order` is the order in
//! which Kafka's `HashMap<String, Subscription>` hands them out.

use crate::sort::NameMap;
use alloc::vec::Vec;

use super::java;
use crate::assignor::GroupSubscription;

/// Marks "no member" in per-partition tables.
pub const NONE: u32 = u32::MAX;

/// The indexed group plus the outcome of Kafka's claim resolution.
pub struct Model<'a> {
    /// Topics Kafka assigns (subscribed by someone, known, with partitions), in Java string order.
    pub topics: Vec<&'a str>,
    /// `String.hashCode()` per topic.
    pub topic_hash: Vec<i32>,
    /// First partition id of each topic; `offsets[topics.len()]` is the total.
    pub offsets: Vec<u32>,
    /// Member ids in input order.
    pub members: Vec<&'a str>,
    /// Rank of each member in Java string order of member ids.
    pub rank: Vec<u32>,
    /// Member index by rank.
    pub by_rank: Vec<u32>,
    /// Members in the iteration order of Kafka's subscriptions `HashMap`.
    pub hash_order: Vec<u32>,
    /// Per member: ids of its subscribed topics that Kafka assigns, in subscription order (duplicates kept).
    pub potential: Vec<Vec<u32>>,
    /// Per member: every claimed partition id (topics Kafka assigns only), in claim order.
    pub claimed: Vec<Vec<u32>>,
    /// Per member: its generation, `None` for Kafka's "no generation".
    pub generation: Vec<Option<i32>>,
    /// Per member: the first member with an identical topic list (same order).
    pub class: Vec<u32>,
    /// Per member: claims that survived conflict resolution (`consumerToOwnedPartitions`).
    pub owned: Vec<Vec<u32>>,
    /// Per partition: claimed by two members of one generation.
    pub multiply_claimed: Vec<bool>,
    /// Whether every member's subscription equals the first non-empty one (the constrained path).
    pub all_equal: bool,
    /// Highest generation seen, at least -1.
    pub max_generation: i32,
}

impl<'a> Model<'a> {
    /// Total partition count over the assigned topics.
    pub fn total(&self) -> u32 {
        self.offsets.last().copied().unwrap_or(0)
    }

    /// The topic id of a partition id.
    pub fn topic_of(&self, pid: u32) -> u32 {
        (self.offsets.partition_point(|&o| o <= pid) - 1) as u32
    }

    /// Partition count of a topic id.
    pub fn count(&self, topic: u32) -> u32 {
        self.offsets[topic as usize + 1] - self.offsets[topic as usize]
    }

    /// Kafka's `TopicPartition.hashCode()` of a partition id.
    pub fn pid_hash(&self, pid: u32) -> i32 {
        let t = self.topic_of(pid);
        java::topic_partition_hash(self.topic_hash[t as usize], pid - self.offsets[t as usize])
    }

    /// Indexes `group` and resolves claims the way `AbstractStickyAssignor.allSubscriptionsEqual` does.
    pub fn new(group: &'a GroupSubscription) -> Self {
        // `&str → usize`, the engine's name → index map type (a sorted `Vec`: no tree code in the wasm).
        let mut metadata = NameMap::default();
        for (t, n) in &group.topics {
            metadata.insert(t.as_str(), *n as usize);
        }
        // Large groups mostly repeat one subscription: a member whose topic list equals the previous member's
        // shares its class, and per-class work is done once.
        let mut class = Vec::with_capacity(group.members.len());
        for (i, m) in group.members.iter().enumerate() {
            let same = i > 0 && group.members[i - 1].topics == m.topics;
            class.push(if same { class[i - 1] } else { i as u32 });
        }
        // A name → index map serves as the set: the engine's other maps have that type.
        let mut subscribed = NameMap::default();
        for (i, m) in group.members.iter().enumerate() {
            if class[i] == i as u32 {
                for t in &m.topics {
                    subscribed.insert(t.as_str(), 0);
                }
            }
        }
        let mut topics: Vec<&str> = subscribed
            .keys()
            .filter(|t| metadata.get(t).is_some_and(|n| n > 0))
            .collect();
        crate::sort::sort_by(&mut topics, &mut |a, b| java::string_cmp(a, b));
        let topic_hash = topics.iter().map(|t| java::string_hash(t)).collect();
        let mut offsets = Vec::with_capacity(topics.len() + 1);
        let mut acc = 0u32;
        offsets.push(0);
        for t in &topics {
            acc = acc.saturating_add(metadata.get(t).unwrap_or(0) as u32);
            offsets.push(acc);
        }
        let mut topic_id = NameMap::default();
        for (i, t) in topics.iter().enumerate() {
            topic_id.insert(t, i);
        }

        let members: Vec<&str> = group.members.iter().map(|m| m.member_id.as_str()).collect();
        let mut by_rank: Vec<u32> = (0..members.len() as u32).collect();
        crate::sort::sort_ids_by(&mut by_rank, &mut |a, b| {
            java::string_cmp(members[a as usize], members[b as usize])
        });
        let mut rank = alloc::vec![0u32; members.len()];
        for (r, &m) in by_rank.iter().enumerate() {
            rank[m as usize] = r as u32;
        }
        let hashes: Vec<i32> = members.iter().map(|m| java::string_hash(m)).collect();
        let hash_order = java::hash_map_order(&hashes);

        let mut potential: Vec<Vec<u32>> = Vec::with_capacity(group.members.len());
        for (i, m) in group.members.iter().enumerate() {
            let list = if class[i] != i as u32 {
                potential[class[i] as usize].clone()
            } else {
                m.topics
                    .iter()
                    .filter_map(|t| topic_id.get(t.as_str()).map(|i| i as u32))
                    .collect()
            };
            potential.push(list);
        }
        // Owned lists come sorted by topic, so the next topic is usually the last one or the one after it.
        let lookup = |name: &str, hint: u32| -> Option<u32> {
            for t in [hint, hint.wrapping_add(1)] {
                if topics.get(t as usize) == Some(&name) {
                    return Some(t);
                }
            }
            topic_id.get(name).map(|i| i as u32)
        };
        let claimed = group
            .members
            .iter()
            .map(|m| {
                let mut hint = 0u32;
                let mut out = Vec::with_capacity(m.owned.len());
                for tp in &m.owned {
                    let id = lookup(tp.topic.as_str(), hint);
                    if let Some(t) = id {
                        hint = t;
                    }
                    // A partition number beyond the count cannot occur in Kafka (counts never shrink); dropping
                    // it keeps the partition ids dense.
                    if let Some(t) = id {
                        let base = offsets[t as usize];
                        if tp.partition < offsets[t as usize + 1] - base {
                            out.push(base + tp.partition);
                        }
                    }
                }
                out
            })
            .collect();
        let generation = group.members.iter().map(|m| m.generation).collect();

        let mut model = Model {
            topics,
            topic_hash,
            offsets,
            members,
            rank,
            by_rank,
            hash_order,
            potential,
            claimed,
            generation,
            class,
            owned: Vec::new(),
            multiply_claimed: Vec::new(),
            all_equal: true,
            max_generation: -1,
        };
        model.resolve_claims(group);
        model
    }

    fn resolve_claims(&mut self, group: &GroupSubscription) {
        let total = self.total() as usize;
        let n = self.members.len();
        // The member whose claim Kafka last recorded per partition, and who holds it now.
        let mut recorded = alloc::vec![NONE; total];
        let mut holder = alloc::vec![NONE; total];
        let mut multiply = alloc::vec![false; total];
        let mut first_topics: Option<NameMap> = None;
        let mut all_equal = true;
        let mut last_equal = NONE;
        let mut max_generation = -1i32;
        for &c in &self.hash_order {
            let m = &group.members[c as usize];
            match &first_topics {
                Some(set) if !set.is_empty() => {
                    if all_equal && last_equal != self.class[c as usize] {
                        if m.topics.len() == set.len()
                            && m.topics.iter().all(|t| set.contains_key(t.as_str()))
                        {
                            last_equal = self.class[c as usize];
                        } else {
                            all_equal = false;
                        }
                    }
                }
                _ => {
                    let mut set = NameMap::default();
                    for t in &m.topics {
                        set.insert(t.as_str(), 0);
                    }
                    first_topics = Some(set);
                }
            }
            let generation = m.generation.unwrap_or(-1);
            max_generation = max_generation.max(generation);
            for &pid in &self.claimed[c as usize] {
                let p = pid as usize;
                let other = recorded[p];
                if other == NONE {
                    holder[p] = c;
                    recorded[p] = c;
                    continue;
                }
                // Kafka reads the other claimant's generation from its Subscription's generationId, which a
                // real consumer fills for both assignors (the Kafka-computed cases confirm it for `sticky`).
                let other_generation = self.generation[other as usize].unwrap_or(-1);
                if generation == other_generation {
                    multiply[p] = true;
                    if holder[p] == other {
                        holder[p] = NONE;
                    }
                    recorded[p] = c;
                } else if generation > other_generation {
                    holder[p] = c;
                    recorded[p] = c;
                }
            }
        }
        let mut owned: Vec<Vec<u32>> = alloc::vec![Vec::new(); n];
        for (c, list) in self.claimed.iter().enumerate() {
            for &pid in list {
                if holder[pid as usize] == c as u32 {
                    owned[c].push(pid);
                }
            }
        }
        debug_assert!(owned.iter().flatten().count() <= total);
        self.owned = owned;
        self.multiply_claimed = multiply;
        self.all_equal = all_equal;
        self.max_generation = max_generation;
    }
}
